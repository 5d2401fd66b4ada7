//! Light stemming for Serbian and Croatian, Latin or Cyrillic: enough for two reports of one
//! event to meet on the same stems ("Beogradu" → "beograd", "Đukanovića" → "dukanovic",
//! "prijedlog"/"predlog" → "predlog"), not a morphological analyser.
//!
//! Rules and vocabularies live in `tables/stem_sr_hr.txt`; the function words that similarity
//! ignores in `tables/cluster_stopwords.txt`. Folding to ASCII is [`crate::names::match_key`],
//! so stems and name keys agree with the rest of the crate on scripts and diacritics.

mod common;
mod nominative;
pub use common::{is_common_headword, is_common_word};
pub use nominative::{is_person_name, nominative};

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../tables/stem_sr_hr.txt");
const STOPWORDS: &str = include_str!("../../tables/cluster_stopwords.txt");

/// Content-word stems are cut to this many letters: derivations of one root in the two
/// standards (organizirati/organizovati, privatizacija/privatizovan) mostly share their first
/// seven letters, while different words rarely do.
pub const CONTENT_PREFIX: usize = 7;

/// A given name keeps at least this many letters when a case ending is cut (other words keep
/// what the [suffix] table says, mostly three): given names are short ("Ana", "Anom"; "Ivo",
/// "Iva") and are only compared once two surnames have met.
pub const GIVEN_NAME_MIN_STEM: usize = 2;

/// What a [suffix] ending is, which decides the words it is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// A case or number ending: cut from every word.
    Case,
    /// A verb ending: not cut from names.
    Verb,
    /// A derivational ending (the possessive -ov-/-ev-): cut from words and name keys, not
    /// from a person's name, where it is part of the surname ("Lavrov", "Medvedeva").
    Derived,
}

struct Rules {
    /// (ending, minimum letters left, kind), longest ending first.
    suffixes: Vec<(String, usize, Ending)>,
    variants: HashMap<String, String>,
    spelling: Vec<(String, String)>,
    stopwords: HashSet<String>,
    /// Endings a person's name may show in the nominative besides none ([nominative]).
    nominative: HashSet<String>,
    /// Endings of the feminine a-declension of given names ([feminine]).
    feminine: HashSet<String>,
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim()
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut suffixes = Vec::new();
        let mut variant_lines = Vec::new();
        let mut spelling = Vec::new();
        let mut nominative = HashSet::new();
        let mut feminine = HashSet::new();
        let mut section = "";
        for raw in TABLE.lines() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = &line[1..line.len() - 1];
                continue;
            }
            match section {
                "suffix" => {
                    let mut parts = line.split_whitespace();
                    if let (Some(end), Some(min)) = (parts.next(), parts.next())
                        && let Ok(min) = min.parse::<usize>()
                    {
                        let kind = match parts.next() {
                            Some("verb") => Ending::Verb,
                            Some("derived") => Ending::Derived,
                            _ => Ending::Case,
                        };
                        suffixes.push((end.to_string(), min, kind));
                    }
                }
                "variant" => variant_lines.push(line),
                "spelling" => {
                    let mut parts = line.split_whitespace();
                    if let (Some(from), Some(to)) = (parts.next(), parts.next()) {
                        spelling.push((from.to_string(), to.to_string()));
                    }
                }
                "nominative" => {
                    nominative.extend(line.split_whitespace().map(str::to_string));
                }
                "feminine" => {
                    feminine.extend(line.split_whitespace().map(str::to_string));
                }
                _ => {}
            }
        }
        suffixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut rules = Rules {
            suffixes,
            variants: HashMap::new(),
            spelling,
            stopwords: HashSet::new(),
            nominative,
            feminine,
        };
        for line in variant_lines {
            let Some((canonical, forms)) = line.split_once(':') else {
                continue;
            };
            for form in forms.split_whitespace() {
                let folded = ijekavian(&fold(form));
                let stem = rules.strip_suffix(&folded, Cut::Word).0.to_string();
                rules.variants.insert(stem, canonical.trim().to_string());
            }
        }
        for raw in STOPWORDS.lines() {
            let line = strip_comment(raw);
            if !line.is_empty() {
                rules.stopwords.insert(fold(line));
            }
        }
        rules
    })
}

/// What kind of word an ending is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    Word,
    Name,
    Person,
    GivenName,
}

impl Rules {
    /// The word without its longest fitting ending, and that ending ("" when none fits).
    fn strip_suffix<'w>(&self, word: &'w str, cut: Cut) -> (&'w str, &'w str) {
        let letters = word.chars().count();
        for (end, min, kind) in &self.suffixes {
            let applies = match kind {
                Ending::Case => true,
                Ending::Verb => cut == Cut::Word,
                Ending::Derived => !matches!(cut, Cut::Person | Cut::GivenName),
            };
            let min = match cut {
                Cut::GivenName => (*min).min(GIVEN_NAME_MIN_STEM),
                _ => *min,
            };
            if applies && word.ends_with(end.as_str()) && letters >= end.len() + min {
                return word.split_at(word.len() - end.len());
            }
        }
        (word, "")
    }
}

/// ASCII lower case without diacritics; Cyrillic transliterated; Đ and "dj" both "d".
/// Separators inside the word are dropped, so one word gives one token.
pub fn fold(word: &str) -> String {
    crate::names::match_key(word).replace(' ', "")
}

/// Ijekavian → ekavian on a folded word: "ije" → "e", and "je" → "e" after a consonant.
/// Applied to both sides of every comparison, so its over-reach ("objekt" → "obekt") costs
/// nothing but the odd collision.
pub fn ijekavian(folded: &str) -> String {
    let replaced = folded.replace("ije", "e");
    let bytes = replaced.as_bytes();
    let mut out = String::with_capacity(replaced.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'j'
            && i > 0
            && bytes.get(i + 1) == Some(&b'e')
            && b"bcdfghklmnprstvz".contains(&bytes[i - 1])
        {
            i += 1;
            continue;
        }
        out.push(c as char);
        i += 1;
    }
    out
}

/// Whether a word (any case or script) is a function word similarity ignores.
pub fn is_stopword(word: &str) -> bool {
    rules().stopwords.contains(&fold(word))
}

/// Whether an already folded word is a function word.
pub fn is_folded_stopword(folded: &str) -> bool {
    rules().stopwords.contains(folded)
}

/// The stem of one word: folded, ekavian, one case ending cut, sr/hr lexical variants joined.
pub fn stem(word: &str) -> String {
    stem_folded(&fold(word))
}

/// [`stem`] for a word already passed through [`fold`].
pub fn stem_folded(folded: &str) -> String {
    let r = rules();
    let folded = ijekavian(folded);
    let stem = r.strip_suffix(&folded, Cut::Word).0;
    match r.variants.get(stem) {
        Some(canonical) => canonical.clone(),
        None => stem.to_string(),
    }
}

/// The stem of a content word as similarity uses it: [`stem`] cut to [`CONTENT_PREFIX`].
pub fn content_stem_folded(folded: &str) -> String {
    let stem = stem_folded(folded);
    match stem.char_indices().nth(CONTENT_PREFIX) {
        Some((at, _)) => stem[..at].to_string(),
        None => stem,
    }
}

/// The key of one name word: its stem with foreign spellings rewritten and doubled letters
/// single, so "Ahtisaari"/"Ahtisarija", "Papandreou"/"Papandreu", "Bush"/"Buš" meet.
pub fn name_word_key(word: &str) -> String {
    name_word_key_folded(&fold(word))
}

/// [`name_word_key`] for a word already passed through [`fold`]. Spelling rewrites come before
/// the case ending is cut, so "Italy" → "itali" → "ital" meets "Italije" → "ital".
pub fn name_word_key_folded(folded: &str) -> String {
    let single = name_spelling(folded);
    rules().strip_suffix(&single, Cut::Name).0.to_string()
}

/// A folded name word with the [spelling] rewrites made and doubled letters single.
fn name_spelling(folded: &str) -> String {
    let r = rules();
    let mut key = ijekavian(folded);
    for (from, to) in &r.spelling {
        if let Some(anchored) = from.strip_prefix('^') {
            if let Some(rest) = key.strip_prefix(anchored) {
                key = format!("{to}{rest}");
            }
        } else if key.contains(from.as_str()) {
            key = key.replace(from.as_str(), to);
        }
    }
    let mut single = String::with_capacity(key.len());
    let mut last = None;
    for c in key.chars() {
        if Some(c) != last {
            single.push(c);
        }
        last = Some(c);
    }
    single
}

/// One word of a person's name ([`fold`]ed) split into the key its case forms share and the
/// case ending cut from it: "stoltenbergom" → ("stoltenberg", "om"), "dukanovica" →
/// ("dukanovic", "a"), "lavrova" → ("lavrov", "a"). Like [`name_word_key_folded`] but
/// derivational endings stay, since in a person's name they belong to the surname. A word
/// before the surname (`given`) may keep [`GIVEN_NAME_MIN_STEM`] letters ("anom" → ("an",
/// "om")).
pub fn person_word_folded(folded: &str, given: bool) -> (String, String) {
    let single = name_spelling(folded);
    let cut = if given { Cut::GivenName } else { Cut::Person };
    let (key, ending) = rules().strip_suffix(&single, cut);
    // A surname in "-ac" after a consonant loses its a in the other cases ("Šutanovac",
    // "Šutanovca", "Šutanovcem"): the key is the form without it.
    if !given
        && let Some(head) = key.strip_suffix("ac")
        && head.chars().count() >= 3
        && head.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c))
    {
        return (format!("{head}c"), ending.to_string());
    }
    (key.to_string(), ending.to_string())
}

/// A full name's [`model::Person::case_key`] and [`model::Person::plainness`]: each word cut
/// by [`person_word_folded`] (the last as the surname). The plainness counts first the words
/// the cut leaves whole, then how few letters it cuts in all: "Martti Ahtisaari" is plainer
/// than "Martija Ahtisarija", though the cut takes something from both. A one-word name has
/// no case key.
pub fn person_case_key(name: &str) -> (String, u8) {
    let folded = crate::names::match_key(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut keys = Vec::with_capacity(words.len());
    let (mut bare, mut cut) = (0usize, 0usize);
    for (i, w) in words.iter().enumerate() {
        let (key, ending) = person_word_folded(w, i + 1 < words.len());
        bare += usize::from(ending.is_empty());
        cut += name_spelling(w)
            .chars()
            .count()
            .saturating_sub(key.chars().count());
        keys.push(key);
    }
    let key = if words.len() < 2 {
        String::new()
    } else {
        keys.join(" ")
    };
    // Eight steps of whole words and 32 of letters cut, in one byte.
    (key, (bare.min(7) * 32 + 31 - cut.min(31)) as u8)
}

/// A one-word name's [`model::Person::surname_key`]: the word cut as a surname, as
/// [`person_case_key`] cuts a full name's last word. Empty for a longer name, and for a
/// given name ("Paul", "Ana"): a text that calls someone by a given name alone says nothing of
/// who they are elsewhere.
pub fn surname_key(name: &str) -> String {
    let folded = crate::names::match_key(name);
    let mut words = folded.split(' ').filter(|w| !w.is_empty());
    match (words.next(), words.next()) {
        (Some(w), None) if !crate::ner::is_given_name(w) => person_word_folded(w, false).0,
        _ => String::new(),
    }
}

/// Whether a case ending cut by [`person_word_folded`] may end a name in the nominative ("o"
/// of "Milo", "a" of "Ana"); no ending at all always may.
pub fn is_nominative_ending(ending: &str) -> bool {
    ending.is_empty() || rules().nominative.contains(ending)
}

/// Whether a case ending cut by [`person_word_folded`] is one of the feminine a-declension
/// ("Ana", "Ane", "Ani", "Anu", "Anom"), in which a given name changes while a woman's surname
/// stays as it is ("Ane Brnabić").
pub fn is_feminine_ending(ending: &str) -> bool {
    rules().feminine.contains(ending)
}

/// The key of a whole name: each word's [`name_word_key`], space-separated
/// ("Mila Đukanovića" → "mil dukanovic").
pub fn name_key(name: &str) -> String {
    crate::names::match_key(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(name_word_key_folded)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_endings_of_places_and_people_meet() {
        assert_eq!(stem("Beogradu"), stem("Beograd"));
        assert_eq!(stem("Beogradom"), stem("Beograd"));
        assert_eq!(name_word_key("Đukanovića"), name_word_key("Đukanović"));
        assert_eq!(name_word_key("Đukanovićem"), name_word_key("Djukanovic"));
        assert_eq!(name_word_key("Ђукановићу"), name_word_key("Đukanović"));
        assert_eq!(stem("Prištine"), stem("Priština"));
        assert_eq!(stem("Kosovu"), stem("Kosovo"));
        assert_eq!(stem("kosovski"), stem("Kosovo"));
    }

    #[test]
    fn ijekavian_and_ekavian_forms_meet() {
        assert_eq!(stem("prijedlog"), stem("predlog"));
        assert_eq!(stem("srijedu"), stem("sredu"));
        assert_eq!(stem("mjesta"), stem("mesta"));
        assert_eq!(stem("Njemačka"), stem("Nemačka"));
    }

    #[test]
    fn lexical_variants_share_a_stem() {
        assert_eq!(stem("siječnja"), stem("januara"));
        assert_eq!(stem("tisuća"), stem("hiljada"));
        assert_eq!(stem("Europe"), stem("Evrope"));
    }

    #[test]
    fn foreign_name_transcriptions_meet() {
        assert_eq!(name_word_key("Ahtisaari"), name_word_key("Ahtisarija"));
        assert_eq!(name_word_key("Papandreou"), name_word_key("Papandreu"));
        assert_eq!(name_word_key("Bush"), name_word_key("Buš"));
        assert_eq!(name_word_key("Italy"), name_word_key("Italije"));
        assert_eq!(name_word_key("Yanukovych"), name_word_key("Janukoviča"));
        assert_eq!(name_key("Milo Đukanović"), name_key("Мило Ђукановић"));
    }

    #[test]
    fn albanian_romanian_and_turkish_spellings_meet_their_serbian_transcriptions() {
        // Written by hand, not taken from the demo's articles.
        for (original, serbian) in [
            ("Hashim Thaqi", "Hašim Tači"),
            ("Ilir Meta", "Ilir Meta"),
            ("Adrian Nastase", "Adrijan Nastase"),
            ("Victor Ponta", "Viktor Ponta"),
            ("Mustafa Yilmaz", "Mustafa Jilmaz"),
            ("Lulzim Basha", "Lulzim Baša"),
            ("Kadri Veseli", "Kadri Veselji"),
            ("Ana Maria Popescu", "Ana Marija Popesku"),
            ("Ahmet Davutoglu", "Ahmet Davutoglu"),
        ] {
            assert_eq!(
                person_case_key(original).0,
                person_case_key(serbian).0,
                "{original} / {serbian}"
            );
        }
        // Case forms still meet, and the rewrites leave Serbian names apart.
        assert_eq!(person_case_key("Mladića").0, person_case_key("Mladić").0);
        assert_eq!(
            person_case_key("Ivici Daciću").0,
            person_case_key("Ivica Dačić").0
        );
        assert_ne!(
            person_case_key("Marko Kovač").0,
            person_case_key("Marko Kovačić").0
        );
    }

    #[test]
    fn a_persons_name_words_keep_their_derivational_endings() {
        let person = |w: &str, given: bool| person_word_folded(&fold(w), given);
        assert_eq!(person("Lavrova", false), ("lavrov".into(), "a".into()));
        assert_eq!(
            person("Stoltenbergom", false),
            ("stoltenberg".into(), "om".into())
        );
        assert_eq!(person("Đukanovića", false).0, person("Đukanović", false).0);
        // A possessive is not a case of the surname.
        assert_ne!(person("Tadićeva", false).0, person("Tadić", false).0);
        // Given names keep two letters: "Anom" is "Ana" in the instrumental.
        assert_eq!(person("Anom", true).0, person("Ana", true).0);
        assert_eq!(person("Anom", false).0, "anom");
    }

    #[test]
    fn a_names_case_forms_share_a_case_key_and_the_plain_form_is_plainest() {
        let forms = [
            "Boris Tadić",
            "Borisa Tadića",
            "Borisom Tadićem",
            "Борис Тадић",
        ];
        let keys: Vec<(String, u8)> = forms.iter().map(|f| person_case_key(f)).collect();
        assert!(keys.iter().all(|k| k.0 == keys[0].0), "{keys:?}");
        assert!(keys[0].1 > keys[1].1 && keys[0].1 > keys[2].1, "{keys:?}");
        assert!(person_case_key("Josip Broz Tito").1 > person_case_key("Josipa Broza Tita").1);
        assert_ne!(person_case_key("Boris Tomić").0, keys[0].0);
        assert!(person_case_key("Tadić").0.is_empty());
    }

    #[test]
    fn nominative_and_feminine_endings_come_from_the_table() {
        assert!(is_nominative_ending(""));
        assert!(is_nominative_ending("o"));
        assert!(!is_nominative_ending("om"));
        assert!(is_feminine_ending("e"));
        assert!(!is_feminine_ending("o"));
    }

    #[test]
    fn different_words_keep_different_stems() {
        assert_ne!(stem("Beograd"), stem("Zagreb"));
        assert_ne!(name_word_key("Đukanović"), name_word_key("Đinđić"));
        assert_ne!(stem("vlada"), stem("vlak"));
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(stem("EU"), "eu");
        assert_eq!(stem("UN"), "un");
        assert_eq!(stem(""), "");
    }

    #[test]
    fn stopwords_are_recognised_in_any_script() {
        assert!(is_stopword("je"));
        assert!(is_stopword("Također"));
        assert!(is_stopword("The"));
        assert!(!is_stopword("Kosovo"));
    }
}
