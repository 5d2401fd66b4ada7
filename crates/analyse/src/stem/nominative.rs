//! The nominative of a Serbian or Croatian person's name read in another case: "Ratka Mladića"
//! → "Ratko Mladić", "Borisom Tadićem" → "Boris Tadić", "Mašu Zec-Peškirič" → "Maša
//! Zec-Peškirič". Merging the case forms of one person ([`super::person_case_key`]) only
//! needs stems; a name shown to a reader needs the nominative, and many people are named in one
//! article only, in one oblique case.
//!
//! A name is only rewritten when the grammar and the dictionary agree: every word must read as
//! one case, and at least one word's nominative must be a person's name in the Serbian
//! dictionary (`data/sh-names.tsv.gz`) or a surname of a pattern that declines one way only
//! ("-ića" → "-ić", "-skog" → "-ski"). Anything less leaves the name as the text wrote it:
//! "Ana Morava" could be the genitive of "An Morav", but nothing says it is.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const SH_NAMES_GZ: &[u8] = include_bytes!("../../data/sh-names.tsv.gz");

/// A dictionary headword's marks (see `scripts/gen-sh-names.py`).
#[derive(Clone, Copy, Default)]
struct Marks {
    /// Declines like a person's name: the dictionary gives it a possessive adjective.
    person: bool,
    /// Also a lower-case word ("Vlada" is "vlada", government).
    common: bool,
}

fn lexicon() -> &'static FxHashMap<String, Marks> {
    static L: OnceLock<FxHashMap<String, Marks>> = OnceLock::new();
    L.get_or_init(|| {
        crate::gunzip_text(SH_NAMES_GZ)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, marks) = l.split_once('\t').unwrap_or((l, ""));
                (!word.is_empty()).then(|| {
                    let m = Marks {
                        person: marks.contains('p'),
                        common: marks.contains('c'),
                    };
                    (word.to_owned(), m)
                })
            })
            .collect()
    })
}

fn is_person(word: &str) -> bool {
    lexicon().get(word).is_some_and(|m| m.person)
}

/// Whether a capitalised word in the nominative is a person's name in the Serbian dictionary.
pub fn is_person_name(word: &str) -> bool {
    is_person(word)
}

fn is_common(word: &str) -> bool {
    lexicon().get(word).is_some_and(|m| m.common)
}

/// The cases an oblique name shows. Genitive and accusative look alike in the masculine
/// ("Josipa") but not in the a-declension ("Nikole", "Nikolu"), so they stay apart; the
/// locative is the dative's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Gen,
    Acc,
    Dat,
    Ins,
}

/// One way to read a word: its case and its nominative, and whether the dictionary or a
/// surname pattern vouches for it (`strong`) or only the ending fits.
#[derive(Debug, Clone)]
struct Reading {
    case: Case,
    nominative: String,
    strong: bool,
}

/// Masculine endings of the consonant (and o-, e-) declension: "Josip-a", "Josip-u",
/// "Josip-om"; "-em" after a soft consonant ("Josipović-em").
const MASCULINE: &[(&str, &[Case])] = &[
    ("a", &[Case::Gen, Case::Acc]),
    ("u", &[Case::Dat]),
    ("om", &[Case::Ins]),
    ("em", &[Case::Ins]),
];

/// Endings of the a-declension, of men ("Nikola", "Luka") and women ("Ana", "Maša") alike.
const A_DECLENSION: &[(&str, &[Case])] = &[
    ("e", &[Case::Gen]),
    ("i", &[Case::Dat]),
    ("u", &[Case::Acc]),
    ("om", &[Case::Ins]),
];

/// Adjectival surnames ("Gruevski", "Crnadački"): the ending after "-sk-", "-čk-", "-ck-",
/// "-šk-" and the cases it shows.
const ADJECTIVAL: &[(&str, &[Case])] = &[
    ("oga", &[Case::Gen, Case::Acc]),
    ("og", &[Case::Gen, Case::Acc]),
    ("ome", &[Case::Dat]),
    ("om", &[Case::Dat]),
    ("im", &[Case::Ins]),
];

fn ends_soft(stem: &str) -> bool {
    ["c", "č", "ć", "đ", "j", "š", "ž", "lj", "nj", "dž"]
        .iter()
        .any(|s| stem.ends_with(s))
}

fn letters(s: &str) -> usize {
    s.chars().count()
}

/// The nominatives a masculine stem may come from: the person's name the dictionary has
/// ("Josip-" is "Josip", "Ratk-" is "Ratko", "Petr-" is "Petar", "Tačij-" is "Tači"), else the
/// stem itself as a foreign name that only fits ("Čerčil-a", "Basesku-a"). None when the
/// dictionary has two ("Tit"/"Tito", "Vuk"/"Vuko", "Stefan"/"Stefano"): the dictionary lists
/// rare names beside common ones and says nothing of which is which.
fn masculine_nominatives(stem: &str, surname: bool) -> Vec<(String, bool)> {
    // Two letters make no Serbian or Croatian given name: the dictionary's "Iv" would stand
    // beside "Ivo" for "Ivom".
    let mut known: Vec<String> = ["o", "", "e"]
        .iter()
        .map(|end| format!("{stem}{end}"))
        .filter(|c| letters(c) >= 3 && is_person(c))
        .collect();
    // A vowel that drops out of the oblique cases: "Petar" → "Petra", "Aleksandar" →
    // "Aleksandra", "Šutanovac" → "Šutanovca".
    let chars: Vec<char> = stem.chars().collect();
    if let [.., a, b] = chars.as_slice()
        && !"aeiou".contains(*a)
        && "rlnck".contains(*b)
    {
        let cand: String = chars[..chars.len() - 1]
            .iter()
            .chain(['a', *b].iter())
            .collect();
        if is_person(&cand) {
            known.push(cand);
        }
    }
    // Names in "-i" add a "j" before the ending: "Tači" → "Tačija", "Gadafi" → "Gadafija".
    let i_name = stem.strip_suffix("ij").map(|s| format!("{s}i"));
    if let Some(i) = &i_name
        && is_person(i)
        && !known.contains(i)
    {
        known.push(i.clone());
    }
    match known.len() {
        1 => return vec![(known.remove(0), true)],
        0 => {}
        _ => return Vec::new(),
    }
    // A foreign man's given name the Serbian dictionary lacks and the name lists have
    // ("Winstona" → "Winston", "Richarda" → "Richard").
    if !surname && letters(stem) >= 3 && is_foreign_man(stem) {
        return vec![(stem.to_owned(), true)];
    }
    // A foreign name ending in "-u" takes the endings whole ("Basesku-a", "Nehru-a",
    // "Davutoglu-om"): no Serbian or Croatian stem of this declension ends in a vowel.
    if stem.ends_with('u') && letters(stem) >= 3 {
        return vec![(stem.to_owned(), true)];
    }
    // A surname in "-ić" declines one way only.
    if surname && stem.ends_with("ić") {
        return vec![(stem.to_owned(), true)];
    }
    let fits = i_name.unwrap_or_else(|| stem.to_owned());
    // No word ends in a consonant before "j" ("Božj-a" is the adjective "Božja").
    let mut tail = fits.chars().rev();
    let odd = tail.next() == Some('j') && tail.next().is_some_and(|c| !"aeiou".contains(c));
    if odd { Vec::new() } else { vec![(fits, false)] }
}

/// A man's given name of the name lists (`given-gender.tsv.gz`) that the Serbian dictionary
/// does not have: "Winston", "Richard".
fn is_foreign_man(name: &str) -> bool {
    !is_person(name) && crate::roles::given_name_gender(name) == Some(crate::roles::Gender::Male)
}

/// The nominative of a word of the a-declension ("Nikol-e" is "Nikola", "Maš-u" is "Maša"),
/// when the dictionary has exactly one of "-a", "-e", "-o" as a name: men's names in "-e" and
/// "-o" decline alike in Croatian ("Ante", "Antu"; "Božo", "Bože"), and "Mate" is a name of
/// its own.
fn a_nominative(stem: &str) -> Option<String> {
    let mut known = ["a", "e", "o"]
        .iter()
        .map(|end| format!("{stem}{end}"))
        .filter(|c| is_person(c));
    let first = known.next()?;
    known.next().is_none().then_some(first)
}

/// Every reading of one capitalised word of a name.
fn readings(word: &str, surname: bool) -> Vec<Reading> {
    let mut out = Vec::new();
    for (end, cases) in ADJECTIVAL {
        if let Some(stem) = word.strip_suffix(end)
            && ["sk", "čk", "ck", "šk"].iter().any(|s| stem.ends_with(s))
            && letters(stem) >= 4
        {
            for &case in *cases {
                out.push(Reading {
                    case,
                    nominative: format!("{stem}i"),
                    strong: true,
                });
            }
        }
    }
    for (end, cases) in MASCULINE {
        let Some(stem) = word.strip_suffix(end) else {
            continue;
        };
        if letters(stem) < 2 || (*end == "em" && !ends_soft(stem)) {
            continue;
        }
        for (nominative, strong) in masculine_nominatives(stem, surname) {
            for &case in *cases {
                out.push(Reading {
                    case,
                    nominative: nominative.clone(),
                    strong,
                });
            }
        }
    }
    for (end, cases) in A_DECLENSION {
        let Some(stem) = word.strip_suffix(end) else {
            continue;
        };
        if letters(stem) < 2 {
            continue;
        }
        // Men's names in "-o" and "-e" take these endings in Croatian ("Franju", "Đure"):
        // when the dictionary has a woman's name in "-a" beside the man's, the a-reading
        // is the man's, which `masculine` alone reads, as a surname in a case says the
        // name is a man's. Not when the stem is a man's name itself: "Vukom" is Vuk's.
        let bare_name = letters(stem) >= 3 && is_person(stem);
        let known = a_nominative(stem).or_else(|| {
            if bare_name {
                return None;
            }
            let mut men = ["o", "e"]
                .iter()
                .map(|end| format!("{stem}{end}"))
                .filter(|c| is_person(c));
            let man = men.next()?;
            men.next().is_none().then_some(man)
        });
        let strong = known.is_some();
        let nominative = known.unwrap_or_else(|| format!("{stem}a"));
        // Without the dictionary only the genitive's "-e" is trusted ("Osame" → "Osama"):
        // "-i" and "-u" end too many names in the nominative.
        if strong || *end == "e" {
            for &case in *cases {
                out.push(Reading {
                    case,
                    nominative: nominative.clone(),
                    strong,
                });
            }
        }
    }
    out
}

/// The best of a word's readings in `case`, if it has one: a vouched-for one before one that
/// only fits, in the order the readings were made.
fn reading_in(all: &[Reading], case: Case) -> Option<&Reading> {
    let in_case = || all.iter().filter(|r| r.case == case);
    in_case().find(|r| r.strong).or_else(|| in_case().next())
}

/// Whether a word can be read by this module: Latin letters, capitalised, not all capitals.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_lowercase() && (c.is_ascii_alphabetic() || "čćžšđ".contains(c)))
}

/// The nominative of a Serbian or Croatian person's name, when the name is in another case
/// and the reading is sure (see the module's comment); `None` leaves the name as written. A
/// name in Serbian Cyrillic is read in Latin and given back in Cyrillic.
pub fn nominative(name: &str) -> Option<String> {
    if !crate::names::has_cyrillic(name) {
        return nominative_latin(name);
    }
    let latin: Vec<String> = name
        .split_whitespace()
        .map(|w| crate::names::latin_word(w).into_owned())
        .collect();
    let latin = latin.join(" ");
    // Only names that come back as written: not Macedonian letters, nor a Latin letter
    // mixed in, nor "нј" that would come back as "њ".
    if serbian_cyrillic(&latin).as_deref() != Some(name) {
        return None;
    }
    serbian_cyrillic(&nominative_latin(&latin)?)
}

/// Latin letters in Serbian Cyrillic, the digraphs "lj", "nj", "dž" as one letter; `None`
/// for a letter Serbian Cyrillic lacks ("q", "w", "x", "y").
fn serbian_cyrillic(latin: &str) -> Option<String> {
    const DIGRAPHS: [(char, char, char); 3] = [('l', 'j', 'љ'), ('n', 'j', 'њ'), ('d', 'ž', 'џ')];
    const LETTERS: [(char, char); 27] = [
        ('a', 'а'),
        ('b', 'б'),
        ('v', 'в'),
        ('g', 'г'),
        ('d', 'д'),
        ('đ', 'ђ'),
        ('e', 'е'),
        ('ž', 'ж'),
        ('z', 'з'),
        ('i', 'и'),
        ('j', 'ј'),
        ('k', 'к'),
        ('l', 'л'),
        ('m', 'м'),
        ('n', 'н'),
        ('o', 'о'),
        ('p', 'п'),
        ('r', 'р'),
        ('s', 'с'),
        ('t', 'т'),
        ('ć', 'ћ'),
        ('u', 'у'),
        ('f', 'ф'),
        ('h', 'х'),
        ('c', 'ц'),
        ('č', 'ч'),
        ('š', 'ш'),
    ];
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let cased = |cy: char, upper: bool| {
        if upper {
            cy.to_uppercase().next().unwrap_or(cy)
        } else {
            cy
        }
    };
    let chars: Vec<char> = latin.chars().collect();
    let mut out = String::with_capacity(latin.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let l = lower(c);
        let next = chars.get(i + 1).map(|&n| lower(n));
        if let Some(&(_, _, cy)) = DIGRAPHS
            .iter()
            .find(|&&(a, b, _)| a == l && Some(b) == next)
        {
            out.push(cased(cy, c.is_uppercase()));
            i += 2;
            continue;
        }
        let &(_, cy) = LETTERS.iter().find(|&&(a, _)| a == l)?;
        out.push(cased(cy, c.is_uppercase()));
        i += 1;
    }
    Some(out)
}

fn nominative_latin(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    // "Saudom Al Fajsalom": a particle may be capitalised too.
    let particle = |w: &str| crate::detect::NAME_PARTICLES.contains(&w.to_lowercase().as_str());
    let last = *words.last()?;
    if particle(last) || particle(words[0]) {
        return None;
    }
    // A word the dictionary also has in lower case opens sentences as a common noun: "Vlada
    // Gruevskog" is Gruevski's government, not a man named Vlad.
    if words.iter().any(|w| is_common(w)) {
        return None;
    }
    masculine(&words, &particle).or_else(|| feminine(&words))
}

/// Every word in one case, the declension of a man's name ("Ratka Mladića", "Saše
/// Jankovića").
fn masculine(words: &[&str], particle: &dyn Fn(&str) -> bool) -> Option<String> {
    if !words.iter().all(|w| particle(w) || is_name_word(w)) {
        return None;
    }
    let (surname, given) = words.split_last()?;
    let surname_readings = readings(surname, true);
    let given_readings: Vec<Vec<Reading>> = given
        .iter()
        .map(|w| {
            if particle(w) {
                Vec::new()
            } else {
                readings(w, false)
            }
        })
        .collect();
    for case in [Case::Gen, Case::Acc, Case::Dat, Case::Ins] {
        let Some(last) = reading_in(&surname_readings, case) else {
            continue;
        };
        let mut out = Vec::with_capacity(words.len());
        let mut given_sure = true;
        // Every given name a foreign man's, its written form no name of its own: "Winstona
        // Churchilla" is no woman's name in the nominative.
        let mut foreign_men = !given.is_empty();
        for (w, all) in given.iter().zip(&given_readings) {
            if particle(w) {
                out.push((*w).to_owned());
                continue;
            }
            // A given name must be a name the dictionary has: "Condoleezza" and "Andrula" are
            // no genitives.
            // In the instrumental the ending says enough when the surname is sure:
            // "Traianom Basescuom".
            let Some(r) =
                reading_in(all, case).filter(|r| r.strong || (case == Case::Ins && last.strong))
            else {
                break;
            };
            // "Aleksandra" is the genitive of "Aleksandar" and a woman's name in its own right.
            given_sure &= !is_person(w);
            foreign_men &=
                is_foreign_man(&r.nominative) && crate::roles::given_name_gender(w).is_none();
            out.push(r.nominative.clone());
        }
        // A surname the dictionary or its pattern vouches for settles the case; a foreign one
        // that only fits needs every given name to be sure ("Ismailu Kadareu").
        // "-ova", "-eva", "-ina", "-ska" after a given name in "-a" is a woman in the
        // nominative ("Rumjana Želeva") as often as a man in the genitive ("Sergeja Lavrova"),
        // and the dictionary lacks too many women's names to tell.
        // Likewise any surname in "-a" that only fits: "Mihaja Tanaseskua" could be a woman's
        // name for all the dictionary knows.
        let feminine_form = (["ova", "eva", "ina", "ska", "čka", "cka"]
            .iter()
            .any(|e| surname.ends_with(e))
            || (!last.strong && surname.ends_with('a')))
            && given.iter().all(|w| w.ends_with('a'))
            && !foreign_men;
        if out.len() == given.len() && !feminine_form && (last.strong || given_sure) {
            out.push(last.nominative.clone());
            return Some(out.join(" "));
        }
    }
    None
}

/// A woman's given name in the accusative or instrumental before a surname that does not
/// decline, as a woman's surname ending in a consonant does not: "Mašu Zec-Peškirič", "s Anom
/// Brnabić". The genitive's "-e" and the dative's "-i" are left alone: they end men's names
/// in the nominative ("Đorđe", "Mate", "Sali").
fn feminine(words: &[&str]) -> Option<String> {
    let (surname, given) = words.split_last()?;
    let fixed = surname
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() && !"aeioum".contains(c))
        && readings(surname, true).is_empty();
    if !fixed || !given.iter().all(|w| is_name_word(w) && !is_person(w)) {
        return None;
    }
    for end in ["u", "om"] {
        let restored: Vec<String> = given
            .iter()
            .filter_map(|w| {
                let nominative = format!("{}a", w.strip_suffix(end)?);
                is_person(&nominative).then_some(nominative)
            })
            .collect();
        if restored.len() == given.len() {
            let mut out = restored;
            out.push((*surname).to_owned());
            return Some(out.join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::nominative;

    #[track_caller]
    fn restores(oblique: &str, nom: &str) {
        assert_eq!(nominative(oblique).as_deref(), Some(nom), "{oblique}");
    }

    #[track_caller]
    fn keeps(name: &str) {
        assert_eq!(nominative(name), None, "{name}");
    }

    #[test]
    fn masculine_names_in_every_oblique_case() {
        restores("Ratka Mladića", "Ratko Mladić");
        restores("Dušana Mihajlovića", "Dušan Mihajlović");
        restores("Borisom Tadićem", "Boris Tadić");
        restores("Miloradom Dodikom", "Milorad Dodik");
        restores("Miloradu Dodiku", "Milorad Dodik");
        restores("Saše Jankovića", "Saša Janković");
        restores("Aleksandra Vučića", "Aleksandar Vučić");
        restores("Goranu Ivaniševskom", "Goran Ivaniševski");
    }

    #[test]
    fn foreign_names_follow_a_known_given_name() {
        restores("Džavaharlala Nehrua", "Džavaharlal Nehru");
        restores("Emilom Bokom", "Emil Bok");
        restores("Moamera el Gadafija", "Moamer el Gadafi");
        restores("Ismailu Kadareu", "Ismail Kadare");
        restores("Saudom al Fajsalom", "Saud al Fajsal");
        restores("Saudom Al Fajsalom", "Saud Al Fajsal");
    }

    #[test]
    fn a_fleeting_a_comes_back_and_two_letters_are_no_given_name() {
        restores("Draganom Šutanovcem", "Dragan Šutanovac");
        restores("Draganu Šutanovcu", "Dragan Šutanovac");
        restores("Ivom Josipovićem", "Ivo Josipović");
    }

    #[test]
    fn a_mans_name_in_o_takes_the_a_endings_before_a_declined_surname() {
        restores("Franju Verića", "Franjo Verić");
        restores("Đuru Švaganovića", "Đuro Švaganović");
        restores("Franje Tuđmana", "Franjo Tuđman");
    }

    #[test]
    fn a_foreign_given_name_of_the_name_lists_is_sure() {
        restores("Winstona Churchilla", "Winston Churchill");
        restores("Richarda Burtona", "Richard Burton");
        restores("Lewisa Carrolla", "Lewis Carroll");
    }

    #[test]
    fn a_foreign_name_in_u_takes_its_endings_whole() {
        restores("Raulom Tanasescuom", "Raul Tanasescu");
        restores("Radua Vasilescua", "Radu Vasilescu");
        restores("Mehmetom Ogluom", "Mehmet Oglu");
    }

    #[test]
    fn a_name_in_cyrillic_is_read_as_in_latin() {
        restores("Ратка Младића", "Ратко Младић");
        restores("Борисом Тадићем", "Борис Тадић");
        restores("Љубише Јовановића", "Љубиша Јовановић");
        keeps("Ана Морава");
        // Macedonian letters do not come back as they were written.
        keeps("Ѓорѓе Иванова");
    }

    #[test]
    fn a_womans_given_name_declines_before_a_fixed_surname() {
        restores("Anom Brnabić", "Ana Brnabić");
        restores("Mašu Zec-Peškirič", "Maša Zec-Peškirič");
        keeps("Kate Middleton");
        keeps("Karlom Velikim");
    }

    #[test]
    fn names_already_in_the_nominative_stay() {
        for name in [
            "Milo Đukanović",
            "Josip Broz Tito",
            "Havijer Solana",
            "Sali Beriša",
            "Jadranka Kosor",
            "Aleksandra Zafirovska",
            "Ivana Popović",
            "Nikola Gruevski",
            "Marija Basesku",
            "Fatmir Sejdiju",
            "Đorđe Ivanov",
            "Mate Sokola",
        ] {
            keeps(name);
        }
    }

    #[test]
    fn guesses_without_a_known_name_stay_unmade() {
        // Both words could be genitives of unknown names, or nominatives.
        keeps("Ana Morava");
        keeps("Rumjana Želeva");
        keeps("Sergeja Lavrova");
        // A common noun opening a sentence.
        keeps("Vlada Gruevskog");
        keeps("Advokat Papanikolaua");
        keeps("Đukanovića");
        keeps("Condoleezza Rice");
        keeps("Andrula Vasiliju");
        keeps("Božića Božja");
        keeps("Rumjana Kerola");
    }

    #[test]
    fn a_given_name_with_two_nominatives_in_the_dictionary_is_left_alone() {
        // "Tita" is the genitive of "Tito" and of "Tit"; "Vukom" the instrumental of "Vuk" and
        // of "Vuko"; "Antu" the accusative of "Ante" and of "Anta".
        keeps("Josipa Broza Tita");
        keeps("Vukom Jeremićem");
        keeps("Antu Jurčevića");
    }
}
