use super::*;
use model::EntityKind::{Location as L, Misc as M, Organisation as O, Person as P};

fn found(text: &str) -> Vec<(&str, EntityKind)> {
    let toks = text::tokens(text);
    tag(text, &toks)
        .into_iter()
        .map(|e| (&text[e.start..e.end], e.kind))
        .collect()
}

#[test]
fn shipped_model_loads() {
    let t = shipped().expect("shipped model parses");
    assert!(t.features() > 10_000);
}

#[test]
fn the_shipped_weights_were_trained_on_the_tables_the_features_read_now() {
    for (model, trained_on, script) in [
        (
            "ner-en",
            include_str!("../../data/ner-en.inputs"),
            "scripts/train-ner.sh",
        ),
        (
            "ner-sh",
            include_str!("../../data/ner-sh.inputs"),
            "scripts/train-ner-sh.sh",
        ),
    ] {
        assert_eq!(
            trained_on.trim(),
            inputs_fingerprint(),
            "a file the tagger's features read changed after {model} was trained: run {script}"
        );
    }
}

#[test]
fn a_names_confidence_follows_the_models_calibration() {
    let text = "Prime Minister Edi Rama met Jens Stoltenberg in Tirana on Monday.";
    let toks = text::tokens(text);
    let confidences = |c: Calibration| -> Vec<f32> {
        let t = Tagger::from_gzip(SHIPPED).unwrap().with_calibration(c);
        t.tag(text, &toks).iter().map(|e| e.confidence).collect()
    };
    let sure = confidences(Calibration {
        offset: 10.0,
        scale: 0.0,
    });
    assert!(!sure.is_empty());
    assert!(sure.iter().all(|c| (c - 0.99995).abs() < 1e-4), "{sure:?}");
    // A margin is never negative: with no offset, no name is below even odds.
    let plain = confidences(Calibration {
        offset: 0.0,
        scale: 1.0,
    });
    assert!(plain.iter().all(|&c| c >= 0.5), "{plain:?}");
}

#[test]
fn seed_article_people_places_and_nato() {
    let text = include_str!("../../../../fixtures/seed/seed-article.txt");
    let got = found(text);
    for (name, kind) in [
        ("Jens Stoltenberg", P),
        ("Milo Đukanović", P),
        ("NATO", O),
        ("Montenegro", L),
        ("Kosovo", L),
        ("Italy", L),
        ("Greece", L),
    ] {
        assert!(
            got.contains(&(name, kind)),
            "{name} as {kind:?} not in {got:?}"
        );
    }
    assert!(
        got.iter()
            .any(|(t, k)| t.eq_ignore_ascii_case("brussels") && *k == L),
        "{got:?}"
    );
}

#[test]
fn news_sentences_tag_as_expected() {
    let got = found(
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday. \
         The European Union and the United Nations welcomed the talks.",
    );
    for want in [
        ("Angela Merkel", P),
        ("Emmanuel Macron", P),
        ("Berlin", L),
        ("European Union", O),
        ("United Nations", O),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    assert!(
        !got.iter().any(|(t, _)| *t == "Monday" || *t == "The"),
        "{got:?}"
    );
    let _ = M;
}

#[test]
fn offsets_point_into_the_text_and_confidence_is_a_probability() {
    let text = "Yesterday Mr. John O'Brien of Microsoft visited São Paulo.";
    let toks = text::tokens(text);
    for e in tag(text, &toks) {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end) && e.start < e.end);
        assert!((0.0..=1.0).contains(&e.confidence), "{e:?}");
    }
}

#[test]
fn bad_input_gives_a_result() {
    assert!(found("").is_empty());
    assert!(
        found("123 456 !!! ... --- 7,5")
            .iter()
            .all(|(t, _)| !t.is_empty())
    );
    let long = "Stoltenberg visited Kosovo and then some more places ".repeat(20_000);
    let toks = text::tokens(&long);
    assert!(!tag(&long, &toks).is_empty());
    found("NАТОʼs Đuкановић Ђукановићa mixed\u{301}scripts");
    assert!(tag_tokens(&[]).is_empty());
    assert_eq!(
        tag_tokens(&["Jens", "Stoltenberg", "spoke"]),
        ["B-PER", "I-PER", "O"]
    );
}

#[test]
fn tokens_that_do_not_belong_to_the_text_are_ignored() {
    let toks = [Token { start: 5, end: 2 }, Token { start: 0, end: 100 }];
    let _ = tag("short", &toks);
}

#[test]
fn words_kept_from_earlier_documents_change_no_tag() {
    let first = include_str!("../../../../fixtures/seed/seed-article.txt");
    let second = "Stoltenberg met Đukanović in Podgorica. NATO said Montenegro would join. \
                  The Prime Minister of Montenegro thanked the Secretary General in Brussels.";
    let fresh = std::thread::spawn(move || found_owned(second))
        .join()
        .expect("tagging thread");
    // This thread now keeps the words of the seed article, several of them in `second` too.
    let _ = found(first);
    assert_eq!(found_owned(second), fresh);
    let twice = found_owned(second);
    assert_eq!(twice, fresh);
}

fn found_owned(text: &str) -> Vec<(String, EntityKind, u32)> {
    let toks = text::tokens(text);
    tag(text, &toks)
        .into_iter()
        .map(|e| {
            (
                text[e.start..e.end].to_owned(),
                e.kind,
                e.confidence.to_bits(),
            )
        })
        .collect()
}

#[test]
fn addresses_are_never_names() {
    for w in [
        "lotte.wilms@kb.nl",
        "https://example.org/a",
        "www.nato.int",
        "WWW.NATO.INT",
    ] {
        assert!(is_address(w), "{w}");
    }
    for w in ["@nato", "NATO", "a@b", "e.g."] {
        assert!(!is_address(w), "{w}");
    }
    let text = "Contact Lotte Wilms lotte.wilms@kb.nl National Library of the Netherlands";
    for (name, _) in found(text) {
        assert!(!name.contains('@'), "{name}");
    }
}

fn found_in(language: &str, text: &str) -> Vec<(String, EntityKind)> {
    let toks = text::tokens(text);
    shipped_for(Some(language))
        .expect("shipped model parses")
        .tag(text, &toks)
        .into_iter()
        .map(|e| (text[e.start..e.end].to_string(), e.kind))
        .collect()
}

#[test]
fn serbian_croatian_and_bosnian_share_their_own_model() {
    let en = shipped().expect("English model");
    let sr = shipped_for(Some("sr")).expect("Serbo-Croatian model");
    assert!(!std::ptr::eq(en, sr));
    for code in ["hr", "bs", "sr-Latn", "hr_HR", "SH"] {
        assert!(std::ptr::eq(shipped_for(Some(code)).unwrap(), sr), "{code}");
    }
    for code in ["en", "mk", "sq", "de", "srx"] {
        assert!(std::ptr::eq(shipped_for(Some(code)).unwrap(), en), "{code}");
    }
    assert!(std::ptr::eq(shipped_for(None).unwrap(), en));
}

#[test]
fn serbian_news_names_people_and_places_in_either_script() {
    let latin = "Predsednik Crne Gore Milo Đukanović sastao se u sredu u Briselu sa generalnim \
                 sekretarom NATO-a Jensom Stoltenbergom.";
    let cyrillic = "Председник Црне Горе Мило Ђукановић састао се у среду у Бриселу са генералним \
                    секретаром НАТО-а Јенсом Столтенбергом.";
    let expected = [
        ("Crne Gore", L),
        ("Milo Đukanović", P),
        ("Briselu", L),
        ("NATO-a", O),
        ("Jensom Stoltenbergom", P),
    ];
    let got = found_in("sr", latin);
    assert_eq!(got, expected.map(|(n, k)| (n.to_string(), k)));
    // The same sentence in Cyrillic: the same names, each in its own letters.
    let got = found_in("sr", cyrillic);
    let as_latin: Vec<_> = got
        .iter()
        .map(|(n, k)| {
            let words: Vec<_> = n
                .split(' ')
                .map(|w| names::latin_word(w).into_owned())
                .collect();
            (words.join(" "), *k)
        })
        .collect();
    assert_eq!(as_latin, expected.map(|(n, k)| (n.to_string(), k)));
}

#[test]
fn no_persons_name_runs_over_a_comma_or_a_bracket() {
    let t = shipped().unwrap();
    for words in [
        "It was with John FitzGibbon , 2nd Earl of Clare , that he travelled",
        "Thanks , Jeff !",
        "A site of the group Monotheism and Holy War ( al - Tawhid wa al - Jihad ) said so",
        "Contact \" Lenhart , Matthew \" about it",
        "Jones , Smith , Brown and Taylor signed",
    ] {
        let words: Vec<&str> = words.split(' ').collect();
        for e in t.tag_words(&words) {
            if e.kind == EntityKind::Person {
                let name = &words[e.tokens];
                assert!(
                    !name
                        .iter()
                        .any(|w| matches!(*w, "," | "!" | "(" | ")" | "\"")),
                    "{name:?}"
                );
            }
        }
    }
}
