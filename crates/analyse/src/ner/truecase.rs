//! Sentences written all in capitals (headlines, wire slugs, captions) read back in ordinary
//! case for the detectors. In capitals every word looks like a name's, and the capitalised
//! runs that make names swallowed a headline's verbs ("BILL CLINTON MET ANGELA MERKEL" as one
//! person). The lexicon tells ordinary words from names: an ordinary word goes to lower case,
//! a name to title case, and a short word of neither kind stays in capitals as the acronym it
//! most likely is ("NATO", "BBC", "US").
//!
//! The statistical tagger reads such sentences as they are: it is trained on all-caps copies
//! of its sentences, and reading them back first, with the copies read back the same way in
//! training, tagged all-caps GUM dev and UNER EWT dev no better (67.8 → 67.2 and 58.7 → 57.8
//! micro F1, held-out models; 67.9 and 58.4 when only ordinary words were lowered).

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::features;
use crate::lexicon;

const FUNCTION_WORDS: &str = include_str!("../../tables/truecase_lower.txt");

fn function_words() -> &'static FxHashSet<String> {
    static W: OnceLock<FxHashSet<String>> = OnceLock::new();
    W.get_or_init(|| lexicon::word_set(FUNCTION_WORDS))
}

/// Words in capitals this many letters long or shorter, neither ordinary words nor names,
/// are read as acronyms.
const ACRONYM_LETTERS: usize = 4;

/// Whether a sentence is written in capitals: at least three words of two letters or more
/// in capitals, and at most one such word in five with a lower-case letter (an all-caps
/// headline may keep a "McDONALD" or an "iPhone"). A sentence with acronyms among ordinary
/// words ("The EU, NATO and the UN met") is not.
pub fn is_shouted<S: AsRef<str>>(words: &[S]) -> bool {
    let (mut upper, mut mixed) = (0usize, 0usize);
    for w in words {
        let w = w.as_ref();
        let mut letters = 0usize;
        let mut lower = false;
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            lower |= c.is_lowercase();
        }
        if letters < 2 {
            continue;
        }
        if lower {
            mixed += 1;
        } else {
            upper += 1;
        }
    }
    upper >= 3 && mixed * 5 <= upper
}

/// A word of a shouted sentence in the case ordinary text would give it; `first` when it
/// opens the sentence. Words with a lower-case letter or without letters are returned as
/// they are.
pub fn truecase(word: &str, first: bool) -> Cow<'_, str> {
    if !word.chars().any(char::is_alphabetic) || word.chars().any(char::is_lowercase) {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 {
        // "A" is the article inside a sentence; "I", "U.S." and initials stay.
        return if word == "A" && !first {
            Cow::Owned(lower)
        } else {
            Cow::Borrowed(word)
        };
    }
    let ordinary = function_words().contains(&lower)
        || features::is_plain_word(&lower)
        || features::is_lower_word(&lower);
    if ordinary && !first {
        return Cow::Owned(lower);
    }
    if !ordinary && letters <= ACRONYM_LETTERS && !features::is_name_word(&lower) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(title_case(&lower))
}

/// Upper case at the start of the word and after a hyphen, or after an apostrophe that
/// follows one opening letter ("Bailey-Ross", "O'Neill", "D'Alema").
pub(crate) fn title_case(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut upper_next = true;
    let mut run = 0usize;
    for c in lower.chars() {
        if upper_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
        if c.is_alphabetic() {
            run += 1;
        } else {
            upper_next = c == '-' || (matches!(c, '\'' | '’') && run == 1);
            run = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recased(sentence: &str) -> String {
        let words: Vec<&str> = sentence.split(' ').collect();
        assert!(is_shouted(&words), "{sentence}");
        words
            .iter()
            .enumerate()
            .map(|(i, w)| truecase(w, i == 0))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_headline_in_capitals_reads_as_ordinary_text() {
        assert_eq!(
            recased("FORMER PRESIDENT BILL CLINTON MET ANGELA MERKEL IN BERLIN"),
            "Former President Bill Clinton met Angela Merkel in Berlin"
        );
        assert_eq!(
            recased("GERMANY BEAT ENGLAND IN LONDON ."),
            "Germany beat England in London ."
        );
    }

    #[test]
    fn short_words_that_are_neither_ordinary_nor_names_stay_acronyms() {
        assert_eq!(
            recased("NATO AND BBC STAFF LEAVE KABUL"),
            "NATO and BBC staff leave Kabul"
        );
    }

    #[test]
    fn hyphens_and_opening_apostrophes_start_a_capital() {
        assert_eq!(title_case("bailey-ross"), "Bailey-Ross");
        assert_eq!(title_case("o'neill"), "O'Neill");
        assert_eq!(title_case("don't"), "Don't");
    }

    #[test]
    fn ordinary_sentences_with_acronyms_are_not_shouted() {
        let words: Vec<&str> = "The EU , NATO and the UN met in NYC".split(' ').collect();
        assert!(!is_shouted(&words));
        let words: Vec<&str> = "BRUSSELS".split(' ').collect();
        assert!(!is_shouted(&words));
    }
}
