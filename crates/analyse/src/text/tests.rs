use super::*;
use proptest::prelude::*;

fn words(text: &str) -> Vec<&str> {
    tokens(text).iter().map(|t| t.text(text)).collect()
}

fn sents(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn punctuation_and_quotes_stand_alone() {
    assert_eq!(
        words("“Montenegro is a valued Ally,” he said. „Da“ «Oui»"),
        [
            "“",
            "Montenegro",
            "is",
            "a",
            "valued",
            "Ally",
            ",",
            "”",
            "he",
            "said",
            ".",
            "„",
            "Da",
            "“",
            "«",
            "Oui",
            "»"
        ]
    );
}

#[test]
fn clitics_split_but_inner_apostrophes_stay() {
    assert_eq!(words("it’s NATO’s"), ["it", "’s", "NATO", "’s"]);
    assert_eq!(words("don't O'Brien"), ["do", "n't", "O'Brien"]);
    assert_eq!(words("the Allies’ plan"), ["the", "Allies", "’", "plan"]);
    assert_eq!(words("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
}

#[test]
fn hyphens_numbers_and_abbreviations_stay_whole() {
    assert_eq!(
        words("Euro-Atlantic COVID-19 costs $1,000.50 or 3.5% in the U.S. on Aug. 4."),
        [
            "Euro-Atlantic",
            "COVID-19",
            "costs",
            "$",
            "1,000.50",
            "or",
            "3.5",
            "%",
            "in",
            "the",
            "U.S.",
            "on",
            "Aug.",
            "4",
            "."
        ]
    );
    assert_eq!(words("No. 10 said no."), ["No.", "10", "said", "no", "."]);
    assert_eq!(words("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
    assert_eq!(words("Wait..."), ["Wait", "..."]);
    assert_eq!(
        words("mail nato@nato.int or www.nato.int/cps"),
        ["mail", "nato@nato.int", "or", "www.nato.int/cps"]
    );
}

#[test]
fn cyrillic_and_mixed_scripts_are_words() {
    assert_eq!(
        words("Ђукановић се састао са Столтенбергом."),
        ["Ђукановић", "се", "састао", "са", "Столтенбергом", "."]
    );
    assert_eq!(words("NАТО-ов Đuкановић"), ["NАТО-ов", "Đuкановић"]);
    // Decomposed (NFD) accents stay inside the word.
    let nfd = "Đukanovic\u{301} said";
    assert_eq!(words(nfd), ["Đukanovic\u{301}", "said"]);
}

#[test]
fn abbreviations_do_not_split_sentences() {
    assert_eq!(
        sents("Gen. Milley met Mr. Smith and Dr. J. R. Jones in the U.S. Army base. They talked."),
        [
            "Gen. Milley met Mr. Smith and Dr. J. R. Jones in the U.S. Army base.",
            "They talked."
        ]
    );
    assert_eq!(
        sents("He lives at No. 10 with cats, dogs etc. and birds."),
        ["He lives at No. 10 with cats, dogs etc. and birds."]
    );
    assert_eq!(
        sents("It sells pens, ink etc. The firm is old."),
        ["It sells pens, ink etc.", "The firm is old."]
    );
    assert_eq!(sents("On Sept. 11 it fell."), ["On Sept. 11 it fell."]);
}

#[test]
fn quotes_after_the_stop_close_the_sentence() {
    assert_eq!(
        sents("“We are safer,” he said. “You provide support.” He added.He left!"),
        [
            "“We are safer,” he said.",
            "“You provide support.”",
            "He added.",
            "He left!"
        ]
    );
}

#[test]
fn blank_lines_always_split() {
    assert_eq!(
        sents("European Western Balkans\n\nNATO and Montenegro met, said\n\nthe release"),
        [
            "European Western Balkans",
            "NATO and Montenegro met, said",
            "the release"
        ]
    );
}

#[test]
fn lowercase_after_a_stop_continues() {
    assert_eq!(
        sents("It cost 5 p.m. tomorrow... or later? no."),
        ["It cost 5 p.m. tomorrow... or later? no."]
    );
}

#[test]
fn bad_input_gives_a_result() {
    assert!(tokens("").is_empty());
    assert!(sentences("").is_empty());
    assert!(sentences(" \n\n\t ").is_empty());
    assert_eq!(sents("§§ 123 %% — 4,5"), ["§§ 123 %% — 4,5"]);
    let long = "word ".repeat(200_000);
    let s = segment(&long);
    assert_eq!(s.tokens.len(), 200_000);
    assert_eq!(s.sentences.len(), 1);
}

proptest! {
    #[test]
    fn tokens_are_ordered_nonempty_and_on_boundaries(text in "\\PC{0,200}") {
        let seg = segment(&text);
        let mut prev = 0;
        for t in &seg.tokens {
            prop_assert!(t.start >= prev && t.end > t.start && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(!t.text(&text).chars().next().unwrap().is_whitespace());
            prev = t.end;
        }
        let mut next_tok = 0;
        for s in &seg.sentences {
            prop_assert_eq!(s.tokens.start, next_tok);
            prop_assert!(s.tokens.end > s.tokens.start);
            prop_assert_eq!(s.span.start, seg.tokens[s.tokens.start].start);
            prop_assert_eq!(s.span.end, seg.tokens[s.tokens.end - 1].end);
            next_tok = s.tokens.end;
        }
        prop_assert_eq!(next_tok, seg.tokens.len());
    }

    #[test]
    fn any_mix_of_punctuation_and_letters_segments(text in "[a-zA-Z.,'’“”\\- \n0-9ĐđЂђ]{0,120}") {
        let seg = segment(&text);
        let covered: usize = seg.tokens.iter().map(|t| t.end - t.start).sum();
        let nonspace = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum::<usize>();
        prop_assert_eq!(covered, nonspace);
    }
}

#[test]
fn capitals_joined_by_an_ampersand_are_one_word() {
    assert_eq!(
        words("AT&T and S&P rose; R&D fell & Smith&Co stayed."),
        [
            "AT&T", "and", "S&P", "rose", ";", "R&D", "fell", "&", "Smith", "&", "Co", "stayed",
            "."
        ]
    );
}
