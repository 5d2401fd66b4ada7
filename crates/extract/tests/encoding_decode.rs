//! Pages in the encodings of the region's press, made with encoding_rs in the test itself:
//! each must come back as the sentence it was made from.

use encoding_rs::Encoding;
use extract::encoding::{Source, decode, decode_with_url};

const SR_LATIN: &str =
    "Đukanović je razgovarao sa Stoltenbergom o saradnji Crne Gore i NATO-a. Čćžšđ ČĆŽŠĐ.";
const HR: &str = "Predsjednik Crne Gore sastao se s glavnim tajnikom NATO-a u Bruxellesu. Žuta ćuprija, šišmiš, đak.";
const SR_CYRILLIC: &str =
    "Ђукановић је разговарао са Столтенбергом о сарадњи Црне Горе и НАТО-а у Бриселу.";
const RU: &str =
    "Президент Черногории обсудил с генеральным секретарём НАТО сотрудничество в регионе.";

fn page(body: &str, head: &str) -> String {
    format!(
        "<!doctype html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"
    )
}

fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot encode the fixture", enc.name());
    bytes.into_owned()
}

fn assert_decodes(
    bytes: &[u8],
    content_type: Option<&str>,
    want: &'static Encoding,
    source: Source,
    text: &str,
) {
    let d = decode(bytes, content_type);
    assert_eq!((d.encoding.name(), d.source), (want.name(), source));
    assert!(d.text.contains(text), "{}", d.text);
}

#[test]
fn windows_1250_from_meta_charset() {
    let html = page(SR_LATIN, r#"<meta charset="windows-1250">"#);
    let bytes = encode(&html, encoding_rs::WINDOWS_1250);
    assert_decodes(
        &bytes,
        None,
        encoding_rs::WINDOWS_1250,
        Source::Meta,
        SR_LATIN,
    );
}

#[test]
fn windows_1251_from_http_equiv() {
    let html = page(
        SR_CYRILLIC,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#,
    );
    let bytes = encode(&html, encoding_rs::WINDOWS_1251);
    assert_decodes(
        &bytes,
        None,
        encoding_rs::WINDOWS_1251,
        Source::Meta,
        SR_CYRILLIC,
    );
}

#[test]
fn iso_8859_2_from_http_header() {
    let html = page(HR, "");
    let bytes = encode(&html, encoding_rs::ISO_8859_2);
    assert_decodes(
        &bytes,
        Some("text/html; charset=ISO-8859-2"),
        encoding_rs::ISO_8859_2,
        Source::Http,
        HR,
    );
}

#[test]
fn http_header_wins_over_meta() {
    let html = page(HR, r#"<meta charset="windows-1252">"#);
    let bytes = encode(&html, encoding_rs::ISO_8859_2);
    assert_decodes(
        &bytes,
        Some("text/html; charset=iso-8859-2"),
        encoding_rs::ISO_8859_2,
        Source::Http,
        HR,
    );
}

#[test]
fn iso_8859_5_from_meta() {
    let html = page(SR_CYRILLIC, "<meta charset=iso-8859-5>");
    let bytes = encode(&html, encoding_rs::ISO_8859_5);
    assert_decodes(
        &bytes,
        None,
        encoding_rs::ISO_8859_5,
        Source::Meta,
        SR_CYRILLIC,
    );
}

#[test]
fn koi8_r_from_meta() {
    let html = page(RU, "<meta charset='koi8-r'>");
    let bytes = encode(&html, encoding_rs::KOI8_R);
    assert_decodes(&bytes, None, encoding_rs::KOI8_R, Source::Meta, RU);
}

#[test]
fn utf8_without_declaration() {
    let html = page(SR_CYRILLIC, "");
    assert_decodes(
        html.as_bytes(),
        None,
        encoding_rs::UTF_8,
        Source::Detected,
        SR_CYRILLIC,
    );
}

#[test]
fn utf8_bom_wins_over_a_wrong_header_and_is_removed() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(page(SR_LATIN, "<meta charset=windows-1250>").as_bytes());
    let d = decode(&bytes, Some("text/html; charset=iso-8859-5"));
    assert_eq!((d.encoding, d.source), (encoding_rs::UTF_8, Source::Bom));
    assert!(d.text.starts_with("<!doctype"));
    assert!(d.text.contains(SR_LATIN));
}

#[test]
fn utf16_le_and_be_with_bom() {
    let html = page(SR_CYRILLIC, "");
    let units: Vec<u16> = html.encode_utf16().collect();
    let mut le = vec![0xFF, 0xFE];
    le.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    assert_decodes(&le, None, encoding_rs::UTF_16LE, Source::Bom, SR_CYRILLIC);
    let mut be = vec![0xFE, 0xFF];
    be.extend(units.iter().flat_map(|u| u.to_be_bytes()));
    assert_decodes(&be, None, encoding_rs::UTF_16BE, Source::Bom, SR_CYRILLIC);
}

#[test]
fn undeclared_legacy_encodings_are_detected() {
    let long = |s: &str| [s; 6].join(" ");
    let cases = [
        (
            long(SR_CYRILLIC),
            encoding_rs::WINDOWS_1251,
            "https://www.example.rs/vesti/1",
        ),
        (
            long(RU),
            encoding_rs::WINDOWS_1251,
            "https://example.ru/news/1",
        ),
        (
            long(HR),
            encoding_rs::WINDOWS_1250,
            "https://www.example.hr/vijesti/1",
        ),
    ];
    for (text, enc, url) in cases {
        let bytes = encode(&page(&text, ""), enc);
        let d = decode_with_url(&bytes, None, Some(url));
        assert_eq!(
            (d.encoding.name(), d.source),
            (enc.name(), Source::Detected),
            "{url}"
        );
        assert!(d.text.contains(&text));
    }
}

#[test]
fn a_bogus_label_is_ignored_and_a_later_valid_one_used() {
    let html = page(
        SR_LATIN,
        r#"<meta charset="x-no-such-encoding"><meta charset="windows-1250">"#,
    );
    let bytes = encode(&html, encoding_rs::WINDOWS_1250);
    assert_decodes(
        &bytes,
        None,
        encoding_rs::WINDOWS_1250,
        Source::Meta,
        SR_LATIN,
    );
}

#[test]
fn valid_utf8_wins_over_a_stale_legacy_declaration() {
    let html = page(SR_CYRILLIC, r#"<meta charset="windows-1251">"#);
    assert_decodes(
        html.as_bytes(),
        None,
        encoding_rs::UTF_8,
        Source::Detected,
        SR_CYRILLIC,
    );
}

#[test]
fn extract_uses_the_declared_encoding_end_to_end() {
    let html = page(
        SR_LATIN,
        r#"<meta charset="windows-1250"><meta property="og:title" content="Đukanović i Stoltenberg">"#,
    );
    let bytes = encode(&html, encoding_rs::WINDOWS_1250);
    let input = extract::Input {
        bytes: &bytes,
        url: None,
        content_type: None,
    };
    let a = extract::extract(&input, &extract::Options::default()).expect("extracts");
    assert_eq!(a.title.as_deref(), Some("Đukanović i Stoltenberg"));
}
