//! The name key is stable under case, Unicode normalisation and script.

use analyse::names::{key, match_key};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Serbian Cyrillic letters with their Latin counterparts, written out independently of the
/// crate's table (upper case, as in a name's first letter, and lower case).
const PAIRS: &[(&str, &str)] = &[
    ("а", "a"),
    ("б", "b"),
    ("в", "v"),
    ("г", "g"),
    ("д", "d"),
    ("ђ", "đ"),
    ("е", "e"),
    ("ж", "ž"),
    ("з", "z"),
    ("и", "i"),
    ("ј", "j"),
    ("к", "k"),
    ("л", "l"),
    ("љ", "lj"),
    ("м", "m"),
    ("н", "n"),
    ("њ", "nj"),
    ("о", "o"),
    ("п", "p"),
    ("р", "r"),
    ("с", "s"),
    ("т", "t"),
    ("ћ", "ć"),
    ("у", "u"),
    ("ф", "f"),
    ("х", "h"),
    ("ц", "c"),
    ("ч", "č"),
    ("џ", "dž"),
    ("ш", "š"),
];

fn name_strategy() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::collection::vec(0..PAIRS.len(), 2..9), 1..4)
}

fn render(words: &[Vec<usize>], cyrillic: bool) -> String {
    words
        .iter()
        .map(|w| {
            w.iter()
                .enumerate()
                .map(|(i, &k)| {
                    let s = if cyrillic { PAIRS[k].0 } else { PAIRS[k].1 };
                    if i == 0 {
                        // Title case: only the first letter up ("Lj", not "LJ").
                        let mut c = s.chars();
                        let first: String = c.next().unwrap().to_uppercase().collect();
                        first + c.as_str()
                    } else {
                        s.to_owned()
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #[test]
    fn key_ignores_script(words in name_strategy()) {
        prop_assert_eq!(key(&render(&words, true)), key(&render(&words, false)));
    }

    #[test]
    fn key_ignores_case(words in name_strategy(), cyr in any::<bool>()) {
        let name = render(&words, cyr);
        prop_assert_eq!(key(&name.to_uppercase()), key(&name));
        prop_assert_eq!(key(&name.to_lowercase()), key(&name));
    }

    #[test]
    fn key_ignores_normal_form(words in name_strategy(), cyr in any::<bool>()) {
        let name = render(&words, cyr);
        let nfd: String = name.nfd().collect();
        let nfc: String = name.nfc().collect();
        prop_assert_eq!(key(&nfd), key(&nfc));
        prop_assert_eq!(key(&nfd), key(&name));
    }

    #[test]
    fn ascii_foldings_of_dj_meet(words in name_strategy()) {
        let latin = render(&words, false);
        let dj = latin.replace('đ', "dj").replace('Đ', "Dj");
        let d = latin.replace('đ', "d").replace('Đ', "D");
        prop_assert_eq!(match_key(&dj), match_key(&latin));
        prop_assert_eq!(match_key(&d), match_key(&latin));
        prop_assert_eq!(key(&dj), key(&latin));
    }

    #[test]
    fn key_ignores_soft_hyphens_and_joiners(
        words in name_strategy(),
        cyr in any::<bool>(),
        at in any::<prop::sample::Index>(),
        mark in prop::sample::select(vec!['\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}']),
    ) {
        let name = render(&words, cyr);
        let cut = name.char_indices().map(|(i, _)| i).nth(at.index(name.chars().count()));
        let marked = match cut {
            Some(i) => format!("{}{mark}{}", &name[..i], &name[i..]),
            None => name.clone(),
        };
        prop_assert_eq!(key(&marked), key(&name));
    }

    #[test]
    fn key_is_ascii_lowercase_words(s in "\\PC{0,40}") {
        let k = key(&s);
        prop_assert!(k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' '));
        prop_assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
    }
}
