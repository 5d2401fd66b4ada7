//! Bytes → text. Order of trust: BOM, HTTP charset, `<meta charset>` / http-equiv (the HTML
//! standard's prescan), then chardetng.
//!
//! Decoding never fails: malformed sequences become U+FFFD, as a browser shows them.

use encoding_rs::Encoding;

/// How far into the page the `<meta>` prescan looks. The HTML standard says 1024 bytes; real
/// pages put long `<script>`/`<link>` blocks first, so we look a little further, as browsers do.
const PRESCAN_BYTES: usize = 4096;

/// Where the encoding came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bom,
    Http,
    Meta,
    /// Valid UTF-8 throughout, or chardetng's guess.
    Detected,
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: Source,
}

/// Decodes a page with the HTTP `Content-Type` header's charset, if any.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    decode_with_url(bytes, content_type, None)
}

/// As [`decode`]; the URL's top-level domain (when given) hints chardetng ("rs" → Cyrillic or
/// Latin-2, "ru" → Cyrillic) for pages that declare nothing.
pub fn decode_with_url(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Decoded {
    let (encoding, source) = sniff(bytes, content_type, url);
    // With a BOM the BOM decides (and is removed); otherwise decode without BOM sniffing so a
    // declared encoding is honoured exactly.
    let text = if source == Source::Bom {
        encoding.decode_with_bom_removal(bytes).0
    } else {
        encoding.decode_without_bom_handling(bytes).0
    };
    Decoded {
        text: text.into_owned(),
        encoding,
        source,
    }
}

fn sniff(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> (&'static Encoding, Source) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, Source::Bom);
    }
    // Non-ASCII text that is valid UTF-8 throughout is UTF-8 whatever a header or <meta> claims:
    // text in a legacy encoding is practically never valid UTF-8 by chance, while pages
    // re-saved or served with a stale declaration are common.
    let utf8 = !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
    let declared = content_type
        .and_then(charset_of_content_type)
        .map(|e| (e, Source::Http))
        .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]).map(|e| (e, Source::Meta)));
    if let Some((enc, source)) = declared {
        if utf8 && enc != encoding_rs::UTF_8 {
            return (encoding_rs::UTF_8, Source::Detected);
        }
        return (enc, source);
    }
    if utf8 || bytes.is_ascii() {
        return (encoding_rs::UTF_8, Source::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(tld_of);
    let enc = detector.guess(tld.as_deref(), chardetng::Utf8Detection::Allow);
    (enc, Source::Detected)
}

/// A label as the prescan treats it: UTF-16 declared inside the bytes themselves is a lie
/// (the bytes were readable as ASCII), and x-user-defined means windows-1252.
fn meta_label(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label_no_replacement(label)?;
    if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
        Some(encoding_rs::UTF_8)
    } else if enc == encoding_rs::X_USER_DEFINED {
        Some(encoding_rs::WINDOWS_1252)
    } else {
        Some(enc)
    }
}

/// The charset parameter of a Content-Type value: `text/html; charset="windows-1250"`.
pub fn charset_of_content_type(value: &str) -> Option<&'static Encoding> {
    charset_in(value.as_bytes()).and_then(Encoding::for_label_no_replacement)
}

/// The HTML standard's "extract a character encoding from a meta element": the bytes after the
/// first `charset` followed by `=`, quoted or up to white space or `;`.
fn charset_in(content: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = content.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let at = from + find(&lower[from..], b"charset")?;
        let mut i = at + b"charset".len();
        while i < content.len() && content[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= content.len() || content[i] != b'=' {
            from = at + 1;
            continue;
        }
        i += 1;
        while i < content.len() && content[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = &content[i..];
        return match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = rest[1..].iter().position(|&b| b == q)?;
                Some(&rest[1..1 + end])
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
            None => None,
        };
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The HTML standard's prescan of a byte stream for `<meta charset>` and
/// `<meta http-equiv="content-type" content="…charset=…">`, skipping comments and other tags.
/// Bogus labels are ignored and the scan goes on.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |p| p + 3);
        } else if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/')
        {
            i += 5;
            let mut http_equiv_ct = false;
            let mut content: Option<Vec<u8>> = None;
            let mut charset: Option<Vec<u8>> = None;
            while let Some((name, value, next)) = attribute(bytes, i) {
                i = next;
                match name.as_slice() {
                    b"http-equiv" => http_equiv_ct = value.eq_ignore_ascii_case(b"content-type"),
                    b"content" if content.is_none() => content = Some(value),
                    b"charset" if charset.is_none() => charset = Some(value),
                    _ => {}
                }
            }
            let label = match (charset, content) {
                (Some(cs), _) => Some(cs),
                (None, Some(c)) if http_equiv_ct => charset_in(&c).map(<[u8]>::to_vec),
                _ => None,
            };
            if let Some(enc) = label.as_deref().and_then(|l| meta_label(trim_ascii(l))) {
                return Some(enc);
            }
        } else if rest.len() > 1
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest.len() > 2))
        {
            // Another tag: skip its name and attributes so a `>` inside a quoted value does not
            // end it early.
            i += 1;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                i += 1;
            }
            while let Some((_, _, next)) = attribute(bytes, i) {
                i = next;
            }
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += find(rest, b">").map_or(rest.len(), |p| p + 1);
        } else {
            i += 1;
        }
    }
    None
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &b[start..end.max(start)]
}

/// The standard's "get an attribute": returns (lower-cased name, value, position after it), or
/// None at the tag's end (the position then points past the `>`; callers only need progress).
fn attribute(bytes: &[u8], mut i: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
        i += 1;
    }
    if i >= bytes.len() || bytes[i] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'=' && !name.is_empty() {
            break;
        }
        if b.is_ascii_whitespace() || b == b'/' || b == b'>' {
            break;
        }
        name.push(b.to_ascii_lowercase());
        i += 1;
    }
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if i >= bytes.len() || bytes[i] != b'=' {
        return Some((name, Vec::new(), i));
    }
    i += 1;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut value = Vec::new();
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            i += 1;
            while i < bytes.len() && bytes[i] != q {
                value.push(bytes[i].to_ascii_lowercase());
                i += 1;
            }
            i += 1;
        }
        _ => {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                value.push(bytes[i].to_ascii_lowercase());
                i += 1;
            }
        }
    }
    Some((name, value, i))
}

/// The last label of the URL's host, lower-cased ("rs" for `https://www.rts.rs/…`).
fn tld_of(url: &str) -> Option<Vec<u8>> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prescan_skips_comments_and_bogus_labels() {
        let page = b"<!-- <meta charset=koi8-r> --><meta charset=\"no-such\"><meta http-equiv=Content-Type content='text/html; charset=windows-1251'>";
        assert_eq!(prescan(page), Some(encoding_rs::WINDOWS_1251));
    }

    #[test]
    fn prescan_ignores_charset_inside_other_tags_attributes() {
        let page = b"<div title='<meta charset=koi8-r>'></div><meta charset=iso-8859-2>";
        assert_eq!(prescan(page), Some(encoding_rs::ISO_8859_2));
    }

    #[test]
    fn content_type_charset_may_be_quoted() {
        assert_eq!(
            charset_of_content_type("text/html; Charset=\"windows-1250\""),
            Some(encoding_rs::WINDOWS_1250)
        );
        assert_eq!(charset_of_content_type("text/html"), None);
    }

    #[test]
    fn meta_declaring_utf16_means_utf8() {
        assert_eq!(
            prescan(b"<meta charset=utf-16le>"),
            Some(encoding_rs::UTF_8)
        );
    }
}
