//! Name keys that do not depend on script, case, Unicode normal form or diacritics.
//!
//! Serbian and Macedonian Cyrillic map to Latin letter by letter with our own table (the
//! standard Serbian Latin alphabet: Љ→Lj, Њ→Nj, Џ→Dž, Ђ→Đ, Ћ→Ć; Macedonian Ѓ→Gj, Ќ→Kj, Ѕ→Dz).
//! Đ is written two ways in ASCII news copy ("Djukanovic" and "Dukanovic"), so there are two
//! keys: the *primary* key writes Đ as "dj" (readable, stored as `Person::key`) and the *match*
//! key writes both Đ and "dj" as "d", which makes every spelling of one name meet.

use unicode_normalization::UnicodeNormalization;

/// Cyrillic letters whose Latin form is not what `any_ascii` would give for Serbian or
/// Macedonian (it follows Russian conventions: Ј→"J" is fine but Ћ, Ђ, Џ, Љ, Њ, Ѓ, Ќ, Ѕ are
/// not). Lower-case only: input is lower-cased first.
const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('ђ', "đ"),
    ('е', "e"),
    ('ж', "ž"),
    ('з', "z"),
    ('и', "i"),
    ('ј', "j"),
    ('к', "k"),
    ('л', "l"),
    ('љ', "lj"),
    ('м', "m"),
    ('н', "n"),
    ('њ', "nj"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('ћ', "ć"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "c"),
    ('ч', "č"),
    ('џ', "dž"),
    ('ш', "š"),
    // Macedonian.
    ('ѓ', "gj"),
    ('ќ', "kj"),
    ('ѕ', "dz"),
    // Russian, Ukrainian, Belarusian and Bulgarian letters, in the spelling Serbian and
    // Croatian papers use for those names (Щ→Šč, Я→Ja, Ю→Ju).
    ('й', "j"),
    ('я', "ja"),
    ('ю', "ju"),
    ('ё', "jo"),
    ('є', "je"),
    ('ї', "ji"),
    ('і', "i"),
    ('ў', "u"),
    ('щ', "šč"),
    ('ы', "y"),
    ('э', "e"),
    ('ъ', ""),
    ('ь', ""),
];

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Whether a word has a letter of the Cyrillic block (the only script [`latin_word`] changes).
pub fn has_cyrillic(word: &str) -> bool {
    !word.is_ascii() && word.chars().any(is_cyrillic)
}

fn cyrillic(c: char) -> Option<&'static str> {
    if !is_cyrillic(c) {
        return None;
    }
    CYRILLIC.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Lower-cased Latin with diacritics kept and Đ kept as `đ`: the common first step.
fn latin(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(name.len());
    for c in name.nfc().flat_map(char::to_lowercase) {
        match cyrillic(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// A word in Serbian or Macedonian Cyrillic written in Latin letters, case kept ("Ђукановић" →
/// "Đukanović", "ЉУБЉАНА" → "LJUBLJANA", "Љубљана" → "Ljubljana"); other words as they are.
/// The tagger reads words this way so that one model serves both scripts of Serbian.
pub fn latin_word(word: &str) -> std::borrow::Cow<'_, str> {
    if !has_cyrillic(word) {
        return std::borrow::Cow::Borrowed(word);
    }
    // An all-capitals word keeps digraphs in capitals; otherwise only their first letter is.
    let all_caps = !word.chars().any(char::is_lowercase);
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match cyrillic(lower) {
            Some(s) if c.is_uppercase() && all_caps => {
                out.extend(s.chars().flat_map(char::to_uppercase))
            }
            Some(s) if c.is_uppercase() => {
                let mut letters = s.chars();
                out.extend(letters.next().into_iter().flat_map(char::to_uppercase));
                out.extend(letters);
            }
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Folds to ASCII letters and digits separated by single spaces.
fn fold(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len());
    let mut gap = false;
    for c in latin.chars() {
        if c.is_ascii() {
            fold_ascii(c, &mut out, &mut gap);
        } else if crate::text::is_zero_width(c) {
            continue;
        } else {
            let ascii = any_ascii::any_ascii_char(c);
            if ascii.is_ascii() {
                for a in ascii.chars() {
                    fold_ascii(a, &mut out, &mut gap);
                }
            } else {
                // `any_ascii` promises ASCII; should it ever not, lower-case as a whole string.
                for a in ascii.to_lowercase().chars() {
                    fold_ascii(a, &mut out, &mut gap);
                }
            }
        }
        if !c.is_alphanumeric() && c != '\'' && c != '’' {
            gap = true;
        }
    }
    out
}

/// One character of a folding: letters and digits in lower case, a space before them after a
/// gap; apostrophes join ("O'Brien" = "OBrien"); everything else separates.
fn fold_ascii(a: char, out: &mut String, gap: &mut bool) {
    if a.is_ascii_alphanumeric() {
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        out.push(a.to_ascii_lowercase());
    } else if a != '\'' && a != '’' {
        *gap = true;
    }
}

/// The primary key: Đ as "dj" ("Milo Đukanović" → "milo djukanovic").
pub fn key(name: &str) -> String {
    // ASCII needs neither Unicode lower-casing nor the Đ rewrite: `fold` lower-cases it.
    if name.is_ascii() {
        return fold(name);
    }
    let latin = latin(name);
    if latin.contains('đ') {
        fold(&latin.replace('đ', "dj"))
    } else {
        fold(&latin)
    }
}

/// The match key: Đ and "dj" both as "d", so "Djukanovic", "Dukanovic", "Đukanović" and
/// "Ђукановић" all give "dukanovic". Coarser than [`key`]; use it to compare, not to show.
pub fn match_key(name: &str) -> String {
    loosen(key(name))
}

/// "dj" → "d" until none is left, so that "Đj" and its folding "Dj" still meet.
fn loosen(mut k: String) -> String {
    while k.contains("dj") {
        k = k.replace("dj", "d");
    }
    k
}

/// Both keys of a name, primary first (equal when the name has no Đ or "dj").
pub fn keys(name: &str) -> Vec<String> {
    let primary = key(name);
    let loose = loosen(primary.clone());
    if loose == primary {
        vec![primary]
    } else {
        vec![primary, loose]
    }
}

/// Whether two spellings are the same name.
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (match_key(a), match_key(b));
    !a.is_empty() && a == b
}

/// Whether `short` can name the bearer of `full`: equal names, or `short`'s words are the end
/// of `full`'s ("Đukanović" → "Milo Đukanović") or its first word alone when `full` has
/// several words and that word is long (a first name used alone is rare in news; surnames
/// are the norm).
pub fn names_same_person(short: &str, full: &str) -> bool {
    let s = match_key(short);
    let f = match_key(full);
    if s.is_empty() || f.is_empty() {
        return false;
    }
    if s == f {
        return true;
    }
    let sw: Vec<&str> = s.split(' ').collect();
    let fw: Vec<&str> = f.split(' ').collect();
    sw.len() < fw.len() && fw.ends_with(&sw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The primary key as first written, with a string per character; the faster one must
    /// give the same keys.
    fn key_as_written(name: &str) -> String {
        let latin = latin(name).replace('đ', "dj");
        let mut out = String::with_capacity(latin.len());
        let mut gap = false;
        for c in latin.chars() {
            let ascii: String = if c.is_ascii() {
                c.to_string()
            } else {
                any_ascii::any_ascii_char(c).to_lowercase()
            };
            for a in ascii.chars() {
                if a.is_ascii_alphanumeric() {
                    if gap && !out.is_empty() {
                        out.push(' ');
                    }
                    gap = false;
                    out.push(a.to_ascii_lowercase());
                } else if a != '\'' && a != '’' {
                    gap = true;
                }
            }
            if !c.is_alphanumeric() && c != '\'' && c != '’' {
                gap = true;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn keys_match_the_first_written_folding(name in "\\PC{0,24}") {
            proptest::prop_assert_eq!(key(&name), key_as_written(&name));
        }

        #[test]
        fn keys_match_on_names_and_punctuation(
            name in "[A-Za-z' ’.\\-ĐđŽžČčĆćŠšЂђЉљЈјИиÉéÅåßİıK]{0,24}"
        ) {
            proptest::prop_assert_eq!(key(&name), key_as_written(&name));
        }
    }

    #[test]
    fn keys_match_the_first_written_folding_on_samples() {
        for name in [
            "Milo Đukanović",
            "ЂУКАНОВИЋ",
            "O’Brien",
            "Jean-Claude Juncker",
            "İstanbul",
            "\u{212a}elvin",
            "Straße",
            "Ærø",
            "  Jens\u{a0}STOLTENBERG, ",
            "",
        ] {
            assert_eq!(key(name), key_as_written(name), "{name}");
        }
    }

    #[test]
    fn cyrillic_words_are_written_in_latin_with_their_case() {
        assert_eq!(latin_word("Ђукановић"), "Đukanović");
        assert_eq!(latin_word("Љубљана"), "Ljubljana");
        assert_eq!(latin_word("ЉУБЉАНА"), "LJUBLJANA");
        assert_eq!(latin_word("НАТО-а"), "NATO-a");
        assert!(matches!(
            latin_word("Stoltenberg"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn serbian_cyrillic_digraph_letters_become_latin_digraphs() {
        assert_eq!(key("Љубљана"), "ljubljana");
        assert_eq!(key("Његош"), "njegos");
        assert_eq!(key("Џаја"), "dzaja");
        assert_eq!(key("Ћосић"), "cosic");
        assert_eq!(key("Ѓорѓе Ќосе Ѕвезда"), "gjorgje kjose dzvezda");
    }

    #[test]
    fn primary_key_writes_dj_and_match_key_meets_both_foldings() {
        assert_eq!(key("Milo Đukanović"), "milo djukanovic");
        assert_eq!(keys("Đukanović"), vec!["djukanovic", "dukanovic"]);
        assert!(same_name("Djukanovic", "Đukanović"));
        assert!(same_name("Dukanovic", "Đukanović"));
        assert!(same_name("ЂУКАНОВИЋ", "đukanović"));
        assert!(!same_name("Stoltenberg", "Đukanović"));
        assert!(!same_name("", ""));
    }

    #[test]
    fn punctuation_and_spacing_do_not_matter() {
        assert_eq!(key("  Jens\u{a0}STOLTENBERG, "), "jens stoltenberg");
        assert_eq!(key("O’Brien"), "obrien");
        assert_eq!(key("Jean-Claude Juncker"), "jean claude juncker");
    }

    #[test]
    fn surname_names_the_full_name() {
        assert!(names_same_person("Djukanovic", "Milo Đukanović"));
        assert!(names_same_person("Stoltenberg", "Jens Stoltenberg"));
        assert!(!names_same_person("Jens", "Jens Stoltenberg"));
        assert!(!names_same_person("Milo Đukanović", "Đukanović"));
    }
}
