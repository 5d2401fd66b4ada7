//! Any text in → an analysis out, never a panic.

use proptest::prelude::*;

fn run(text: &str) -> model::Analysis {
    let article = analyse::plain::article_from_text(text);
    let out = analyse::enrich(article);
    for m in &out.analysis.mentions {
        assert!(m.span.start <= m.span.end && m.span.end <= out.article.text.chars().count());
    }
    out.analysis
}

#[test]
fn empty_text_gives_an_empty_analysis() {
    let a = run("");
    assert!(a.people.is_empty() && a.mentions.is_empty() && a.sentences.is_empty());
    let b = analyse::analyse(&model::Article::default());
    assert!(b.people.is_empty());
}

#[test]
fn text_without_letters_gives_no_entities() {
    let a = run("12 345 — !!! ??? 3.14 … “” ()\n\n\n--- 2021-05-18");
    assert!(a.people.is_empty() && a.places.is_empty() && a.organisations.is_empty());
}

#[test]
fn a_megabyte_without_a_full_stop_gives_people_places_and_organisations() {
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str("and Jens Stoltenberg met he said in Brussels with NATO ");
    }
    // People, places and organisations only: quotations and events have their own tests.
    let a = analyse::entities(&text, None, None);
    assert_eq!(a.people.len(), 1);
    assert!(a.places.iter().any(|p| p.country.as_deref() == Some("BE")));
    assert!(a.organisations.iter().any(|o| o.name == "NATO"));
}

#[test]
fn mixed_scripts_in_one_word_do_not_break_keys_or_analysis() {
    let a = run("President Đукаnoviћ met Ministar Jоvanоvić (Latin o and Cyrillic о).");
    assert!(!a.people.is_empty());
    assert_eq!(analyse::names::key("Đукаnoviћ"), "djukanovic");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        run(&s);
    }

    #[test]
    fn arbitrary_capitalised_words_never_panic(
        words in prop::collection::vec("[A-ZĐŠČЋЂ][a-zđšćčжђ’'.-]{0,8}|of|the|he|,|“|”", 0..60)
    ) {
        run(&words.join(" "));
    }
}
