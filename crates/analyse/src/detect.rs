//! Finds candidate mentions in one pass over each sentence: people named after a title or a
//! courtesy word, role-only descriptions ("the NATO Secretary General"), pronouns,
//! organisations and places from the tables, organisations and facilities by their head word
//! ("Afghan Security Forces", "NATO Headquarters"), and capitalised names as a fallback.
//! Everything here is in token indexes of [`Doc`]; [`crate::coref`] links the people.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
use std::cell::OnceCell;
use std::sync::OnceLock;

use model::{EntityKind, PlaceKind};

use crate::doc::{Case, Doc};
use crate::gazetteer::{self, Gazetteer};
use crate::ner::truecase;
use crate::orgs::{self, Head, Orgs};
use crate::roles::{self, Gender, Roles};
use crate::{lexicon, names, stem};

const COMMON: &str = include_str!("../tables/common_words.txt");
const GROUP_NOUNS: &str = include_str!("../tables/group_nouns.txt");
const THING_NOUNS: &str = include_str!("../tables/thing_nouns.txt");

/// The nouns of `thing_nouns.txt`: the English ones as written, the sr/hr/bs ones by stem.
fn thing_nouns() -> &'static (FxHashSet<String>, FxHashSet<String>) {
    static T: OnceLock<(FxHashSet<String>, FxHashSet<String>)> = OnceLock::new();
    T.get_or_init(|| {
        let (mut en, mut sh) = (FxHashSet::default(), FxHashSet::default());
        for row in lexicon::rows(THING_NOUNS) {
            match row.get(1).copied() {
                Some("sh") => sh.insert(stem::stem(row[0])),
                _ => en.insert(row[0].to_owned()),
            };
        }
        (en, sh)
    })
}

fn group_nouns() -> &'static FxHashSet<String> {
    static G: OnceLock<FxHashSet<String>> = OnceLock::new();
    G.get_or_init(|| lexicon::word_set(GROUP_NOUNS))
}

fn common() -> &'static FxHashSet<String> {
    static C: OnceLock<FxHashSet<String>> = OnceLock::new();
    C.get_or_init(|| lexicon::word_set(COMMON))
}

/// "is", "was", "je": what joins a subject to the thing noun that says what it is.
const COPULAS: &[&str] = &["is", "was", "je"];
/// What may stand between the copula and the noun's adjectives ("was a", "je bio").
const COPULA_FILLERS: &[&str] = &["a", "an", "the", "bio", "bila", "bilo"];

/// Lower-case words that may sit inside a person's name ("Ursula von der Leyen").
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "bin", "ibn", "al", "el", "da", "di", "du", "la", "le",
    "del", "dos", "das", "y",
];
/// An Arabic article joined to the name it precedes by a hyphen: "al-Amr", "el-Sisi",
/// "ad-Din", "bin-Salman".
fn joined_particle(tok: &str) -> bool {
    tok.split_once('-').is_some_and(|(p, rest)| {
        matches!(
            p,
            "al" | "el" | "ad" | "ar" | "as" | "at" | "an" | "ash" | "az" | "bin" | "ibn"
        ) && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().skip(1).all(|c| c.is_alphabetic() || c == '-')
    })
}

/// Lower-case words that may sit inside an organisation's name ("Ministry of Defence").
const ORG_CONNECTORS: &[&str] = &["of", "for", "the", "and", "on", "de", "du", "des", "&"];
/// Definite words before a role that make it stand for someone already known ("the
/// President"); indefinite ones ("a President") introduce someone new and are left out.
const DETERMINERS: &[&str] = &["the", "its", "their", "his", "her", "our", "this", "that"];

/// A title bound to a mention, with what it belongs to.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RoleAt {
    pub title: String,
    pub of: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    /// A named person; `name` is the token range of the name itself.
    Person {
        name: (usize, usize),
        roles: Vec<RoleAt>,
        gender: Option<Gender>,
    },
    /// A role standing for a person; `appos` is the `found` index of the person it describes
    /// when it stands in apposition ("Jens Stoltenberg, NATO's Secretary General,").
    Nominal {
        role: RoleAt,
        appos: Option<usize>,
    },
    Pronoun {
        gender: Option<Gender>,
    },
    /// A known organisation (index into the table) or one found by its head word.
    Org {
        known: Option<usize>,
    },
    Place {
        entry: Option<usize>,
        kind: PlaceKind,
    },
    /// A capitalised word alone: a surname, an acronym, or nothing.
    Single,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub what: What,
    pub confidence: f32,
}

/// What a table names at a token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ent {
    Org(usize),
    Place(usize),
    Demonym(u32),
    /// An acronym outside the tables with a case ending ("HDZ-a"): an organisation.
    Acronym,
}

/// What the statistical tagger says starts at a token: (end token, kind, confidence).
pub(crate) type Hints = HashMap<usize, (usize, EntityKind, f32)>;

pub(crate) struct Detector<'d> {
    doc: &'d Doc<'d>,
    /// Each token in lower case, and whether it is a common word.
    lower: Vec<String>,
    common: Vec<bool>,
    hints: Hints,
    /// The tagger ran: capitalised runs it left alone are not taken for people.
    tagged: bool,
    /// The text is Serbian, Croatian or Bosnian: places come in case forms, and a title's
    /// owner follows it in the genitive without "of" ("predsjednik Crne Gore").
    case_forms: bool,
    /// The text capitalises every noun (German): a capitalised word says little, and the
    /// English tagger reads nouns as names ("Parasiten", "Das Genom von Sapria"). Its spans
    /// are kept only where a name is likely: a person opening with a given name of the
    /// lexicon, an organisation ending in a head word, a place of the gazetteer.
    noun_caps: bool,
    /// See [`Detector::surnames`].
    surnames: OnceCell<FxHashSet<String>>,
    /// See [`Detector::written_lower`].
    lower_stems: OnceCell<FxHashSet<String>>,
    /// See [`Detector::named_things`].
    named_things: OnceCell<FxHashSet<String>>,
    gaz: &'static Gazetteer,
    orgs: &'static Orgs,
    roles: &'static Roles,
    pub found: Vec<Found>,
}

#[derive(Debug)]
struct RoleParse {
    /// First token of the whole phrase (determiner or owner included).
    start: usize,
    end: usize,
    role: RoleAt,
    /// The owner's own mention, to report as an organisation or place.
    owner: Option<Found>,
    /// A determiner or owner stands before the title: the phrase can stand alone for a person.
    anchored: bool,
}

/// Case endings Serbian, Croatian and Bosnian attach to an acronym after a hyphen: genitive
/// "UN-a", dative/locative "EU-u", instrumental "NATO-om" (and "-em" after a soft consonant),
/// the adjective "NATO-ov" in its forms, and Cyrillic "УН-а".
const ACRONYM_CASE_ENDINGS: &[&str] = &[
    "a", "u", "om", "em", "e", "i", "ov", "ova", "ovo", "ove", "ovi", "ovu", "ovog", "ovom",
    "ovoj", "ovih", "ovim", "а", "у", "ом", "ем", "е", "и", "ов", "ова", "ове", "ови", "ову",
    "овог", "овом", "овој",
];

/// "UN-a" → "UN": an acronym in capitals with one of [`ACRONYM_CASE_ENDINGS`] after a hyphen.
/// "Ki-moon" and "Jean-a" are no acronyms.
pub(crate) fn declined_acronym(word: &str) -> Option<&str> {
    let (stem, ending) = word.rsplit_once('-')?;
    let caps = stem.chars().count() >= 2
        && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && stem.chars().any(char::is_alphabetic);
    (caps && ACRONYM_CASE_ENDINGS.contains(&ending)).then_some(stem)
}

/// Adjective endings after the possessive suffix -ev ("Miloševićev", "-eva", "-evog" …).
pub(crate) const POSSESSIVE_ENDINGS: &[&str] = &[
    "", "a", "o", "u", "e", "i", "og", "om", "oj", "ih", "im", "ima", "oga", "ome",
];

/// The ways a lower-case word reads as a possessive adjective of a name: -ov, -ev or -in and
/// an adjective's ending after at least three letters (two before -in: "Ivina" of Ivo), as
/// (the name before the suffix, that name without the j a final -i takes before the suffix
/// ("ahtisarij" → "ahtisari"), the suffix). Whether the name is one is the caller's to say.
pub(crate) fn possessive_bases(word: &str) -> impl Iterator<Item = (&str, Option<&str>, &str)> {
    ["ov", "ev", "in"].into_iter().flat_map(move |suffix| {
        word.match_indices(suffix).filter_map(move |(at, _)| {
            let ending = &word[at + suffix.len()..];
            // Two letters may carry -in: "Ivina" of Ivo, "Anin" of Ana.
            let shortest = if suffix == "in" { 2 } else { 3 };
            (at >= shortest && POSSESSIVE_ENDINGS.contains(&ending)).then(|| {
                let stem = &word[..at];
                let glided = stem.strip_suffix('j').filter(|s| s.ends_with('i'));
                (stem, glided, suffix)
            })
        })
    })
}

impl<'d> Detector<'d> {
    pub fn new(doc: &'d Doc<'d>, hints: Option<Hints>) -> Self {
        // In Latin letters: Serbian Cyrillic reads as its Latin ("де" is the particle "de"),
        // and every word list here is Latin.
        let lower: Vec<String> = (0..doc.toks.len())
            .map(|i| names::latin_word(doc.tok(i)).to_lowercase())
            .collect();
        let common = lower.iter().map(|w| common().contains(w)).collect();
        let tagged = hints.is_some();
        // "[GERMANY BEAT ENGLAND]LOC": in a headline in capitals, a person's or place's span
        // of the tagger is cut at words that read as ordinary ones ([`Doc::read_shouted`])
        // into the names around them; connectors ("ISLE OF MAN") stay inside.
        let ordinary = |k: usize| {
            doc.toks[k].case == Case::Lower
                && !doc.tok(k).chars().any(char::is_lowercase)
                && !ORG_CONNECTORS.contains(&lower[k].as_str())
                && !NAME_PARTICLES.contains(&lower[k].as_str())
        };
        let mut hints = hints.unwrap_or_default();
        // Organisations are named with ordinary words ("WORLD BANK"). Spans are rarely cut:
        // the map is rebuilt only when one is.
        let cut = |(&s, &(end, kind, _)): (&usize, &(usize, EntityKind, f32))| {
            kind != EntityKind::Organisation && (s..end).any(ordinary)
        };
        if hints.iter().any(cut) {
            hints = hints
                .into_iter()
                .flat_map(|(s, (end, kind, conf))| {
                    if kind == EntityKind::Organisation {
                        return vec![(s, (end, kind, conf))];
                    }
                    let mut parts = Vec::new();
                    let mut from = s;
                    for k in s..=end {
                        if k == end || ordinary(k) {
                            if k > from {
                                parts.push((from, (k, kind, conf)));
                            }
                            from = k + 1;
                        }
                    }
                    parts
                })
                .collect();
        }
        Self {
            doc,
            lower,
            common,
            tagged,
            hints,
            surnames: OnceCell::new(),
            lower_stems: OnceCell::new(),
            named_things: OnceCell::new(),
            case_forms: false,
            noun_caps: false,
            gaz: gazetteer::get(),
            orgs: orgs::get(),
            roles: roles::get(),
            found: Vec::new(),
        }
    }

    /// Reads the text as a language that capitalises every noun (see `noun_caps`).
    pub fn with_noun_caps(mut self, on: bool) -> Self {
        self.noun_caps = on;
        self
    }

    /// A place a capitalised word alone may name in `noun_caps` text: a country, a region,
    /// a capital or a city of 100,000 people or more ("Berlin", not "Lage" or "Lauf").
    fn well_known_place(&self, entry: usize) -> bool {
        self.gaz.entries.get(entry).is_some_and(|e| {
            matches!(e.kind, PlaceKind::Country | PlaceKind::Region)
                || e.capital
                || e.population >= 100_000
        })
    }

    /// Reads the text as Serbian, Croatian or Bosnian (see `case_forms`).
    pub fn with_case_forms(mut self, on: bool) -> Self {
        self.case_forms = on;
        self
    }

    /// A country named in a case form from `i` on, longest first ("Crne Gore", "Srbije"):
    /// (end, place). Countries only: a title's next words are more often the person's name,
    /// and given names share stems with towns ("Milo", "Mila").
    fn country_in_case_form(&self, i: usize) -> Option<(usize, Ent)> {
        let run = (i..self.doc.toks.len().min(i + 4))
            .take_while(|&j| {
                self.doc.toks[j].sent == self.doc.toks[i].sent
                    && (self.doc.is_cap(j) || (j > i && self.is_word(j, &["i"])))
            })
            .count();
        (1..=run).rev().find_map(|n| {
            let e = self.gaz.lookup_inflected(self.doc.slice(i, i + n))?;
            (self.gaz.entries[e].kind == PlaceKind::Country).then_some((i + n, Ent::Place(e)))
        })
    }

    /// A place of any kind in a case form from `i` on ("Rijeke", "Tirane"), when the tagger
    /// reads a person's name right after it: "gradonačelnik Rijeke Vojko Obersnel". Without
    /// the tagger's word a town's stem is too often a given name's (see above).
    fn place_in_case_form_before_person(&self, i: usize) -> Option<(usize, Ent)> {
        if !self.tagged || !self.doc.is_cap(i) || self.tagger_person_at(i) {
            return None;
        }
        (1..=2).rev().find_map(|n| {
            let end = i + n;
            let same_sentence = (i..end).all(|j| {
                j < self.doc.toks.len()
                    && self.doc.toks[j].sent == self.doc.toks[i].sent
                    && self.doc.is_cap(j)
            });
            if !same_sentence
                || !self
                    .hints
                    .get(&end)
                    .is_some_and(|h| h.1 == EntityKind::Person)
            {
                return None;
            }
            let e = self.gaz.lookup_inflected(self.doc.slice(i, end))?;
            Some((end, Ent::Place(e)))
        })
    }

    /// An acronym with a case ending after a hyphen, as Serbian, Croatian and Bosnian write
    /// them ("UN-a", "NATO-om", "SAD-u", "EU-a"): the table organisation or place the bare
    /// acronym names, as (end, entity); see [`declined_acronym`].
    fn acronym_in_case_form(&self, i: usize) -> Option<(usize, Ent)> {
        if !self.case_forms {
            return None;
        }
        let stem = declined_acronym(self.doc.tok(i))?;
        if let Some(&id) = self.orgs.names.lookup(stem).and_then(|ids| ids.first()) {
            return Some((i + 1, Ent::Org(id as usize)));
        }
        // Places ("SAD-a", the USA) are in the gazetteer; other acronyms that decline are
        // organisations and parties ("HDZ-a", "VRS-a").
        match self
            .gaz
            .names
            .lookup(stem)
            .and_then(|ids| self.gaz.best(ids))
        {
            Some(e) => Some((i + 1, Ent::Place(e))),
            None => Some((i + 1, Ent::Acronym)),
        }
    }

    /// "Miloševićev režim", "Tadićeva vlada": in sr/hr/bs a surname in -ić takes the
    /// possessive suffix -ev and an adjective's endings. The word says whose, it names no one.
    fn is_surname_possessive(&self, i: usize) -> bool {
        if !self.case_forms {
            return false;
        }
        let word = names::latin_word(self.doc.tok(i)).to_lowercase();
        if let Some(at) = word.rfind("ićev")
            && at > 0
            && POSSESSIVE_ENDINGS.contains(&&word[at + "ićev".len()..])
        {
            return true;
        }
        // Other surnames take -ov, -ev or -in ("Erdoganove", "Merkelin"): the word is a
        // possessive when what is left is a surname the tagger reads in a full name elsewhere
        // in the text ("Recep Tayyip Erdogan"). After a final -i the suffix takes a j
        // ("Ahtisarijev plan" of Marti Ahtisari).
        possessive_bases(&word).any(|(stem, glided, _)| {
            self.surnames().contains(stem) || glided.is_some_and(|s| self.surnames().contains(s))
        })
    }

    /// In sr/hr/bs text, a capitalised word the same text also writes in lower case, in any
    /// case form, is a common noun that opened a sentence or a heading ("Komisija je …" beside
    /// "odluka komisije"), not a one-word name.
    fn written_lower(&self, i: usize) -> bool {
        if !self.case_forms {
            return false;
        }
        let stems = self.lower_stems.get_or_init(|| {
            (0..self.doc.toks.len())
                .filter(|&k| self.doc.toks[k].case == Case::Lower)
                .map(|k| stem::stem(self.doc.tok(k)))
                .filter(|st| st.chars().count() >= 4)
                .collect()
        });
        stems.contains(&stem::stem(self.doc.tok(i)))
    }

    /// In sr/hr/bs text, a capitalised adjective in a case form before a lower-case noun
    /// ("Parlamentarnoj skupštini", "Europskog parlamenta", "Drugog svjetskog rata") opens a
    /// name of something, not a person's.
    fn adjective_before_noun(&self, i: usize) -> bool {
        // Adjective endings long enough not to end surnames ("Tolstoj" ends in -oj).
        const ENDINGS: &[&str] = &[
            "skog", "skom", "skoj", "skim", "skih", "nog", "noj", "nom", "nim", "nih", "vog",
            "voj", "vom", "gog", "kog", "koj", "kom",
        ];
        if !self.case_forms {
            return false;
        }
        let word = names::latin_word(self.doc.tok(i)).to_lowercase();
        let next_noun = self
            .doc
            .toks
            .get(i + 1)
            .is_some_and(|t| t.sent == self.doc.toks[i].sent && t.case == Case::Lower)
            && self.doc.tok(i + 1).chars().count() >= 4;
        next_noun && word.chars().count() >= 5 && ENDINGS.iter().any(|e| word.ends_with(e))
    }

    /// The last words of the tagger's person spans of two words or more, in lower case and
    /// Latin letters.
    fn surnames(&self) -> &FxHashSet<String> {
        self.surnames.get_or_init(|| {
            self.hints
                .iter()
                .filter(|&(&s, &(e, kind, _))| kind == EntityKind::Person && e >= s + 2)
                .map(|(_, &(e, _, _))| names::latin_word(self.doc.tok(e - 1)).to_lowercase())
                .collect()
        })
    }

    /// Whether token `i` is a noun of `thing_nouns.txt`, in sr/hr/bs in any case form and in
    /// lower case unless it opens the sentence ("Marka" may be a given name's case form).
    fn is_thing_noun(&self, i: usize) -> bool {
        let (en, sh) = thing_nouns();
        self.lower.get(i).is_some_and(|w| {
            if self.case_forms {
                (self.doc.toks[i].case == Case::Lower || self.doc.sent_start(i))
                    && sh.contains(&stem::stem(w))
            } else {
                en.contains(w)
            }
        })
    }

    /// The key a one-word name is looked up by in [`Detector::named_things`].
    fn thing_key(&self, i: usize) -> String {
        if self.case_forms {
            stem::stem(&self.lower[i])
        } else {
            self.lower[i].clone()
        }
    }

    /// Capitalised words the text itself calls things (see `thing_nouns.txt`): the word right
    /// after a thing noun ("jahta Galeb") and the one-word subject of "is/was (a) <adjectives>
    /// <thing noun>" ("Azra je bio sastav", "Galeb was a luxury yacht"), when it is alone,
    /// no given name in any case, not shaped like a surname, and no surname of a person the
    /// tagger reads in full.
    fn named_things(&self) -> &FxHashSet<String> {
        self.named_things.get_or_init(|| {
            let doc = self.doc;
            let n = doc.toks.len();
            let same = |a: usize, b: usize| doc.toks[a].sent == doc.toks[b].sent;
            let alone = |j: usize| {
                let next_cap = j + 1 < n && same(j, j + 1) && doc.is_cap(j + 1);
                doc.is_cap(j)
                    && !next_cap
                    && !self.given_in_some_case(j)
                    && !stem::is_person_name(doc.tok(j))
                    && !self.named_in_full(&self.thing_key(j))
            };
            let mut things = FxHashSet::default();
            for i in (0..n).filter(|&i| self.is_thing_noun(i)) {
                if i + 1 < n && same(i, i + 1) && alone(i + 1) {
                    things.insert(self.thing_key(i + 1));
                }
                // Back from the noun over up to two adjectives and an article or participle
                // to the copula, then the subject that opens the sentence.
                let mut k = i;
                let mut adjectives = 0;
                while k > 0
                    && same(k - 1, i)
                    && adjectives < 2
                    && doc.toks[k - 1].case == Case::Lower
                    && !self.is_word(k - 1, COPULAS)
                    && !self.is_word(k - 1, COPULA_FILLERS)
                {
                    k -= 1;
                    adjectives += 1;
                }
                if k > 0 && self.is_word(k - 1, COPULA_FILLERS) {
                    k -= 1;
                }
                if k >= 2
                    && self.is_word(k - 1, COPULAS)
                    && same(k - 2, i)
                    && doc.sent_start(k - 2)
                    && alone(k - 2)
                {
                    things.insert(self.thing_key(k - 2));
                }
            }
            things
        })
    }

    /// Whether the tagger reads a person of two words or more, not counting a thing noun
    /// that opens the span ("[Jahta Galeb]"), whose last word has this [`Detector::thing_key`].
    fn named_in_full(&self, key: &str) -> bool {
        self.hints.iter().any(|(&s, &(e, kind, _))| {
            let s = s + usize::from(self.is_thing_noun(s));
            kind == EntityKind::Person && e >= s + 2 && self.thing_key(e - 1) == key
        })
    }

    /// A word of two to six capital letters ("FBI", "NASA"), not a common word in capitals.
    fn is_acronym(&self, i: usize) -> bool {
        let t = self.doc.tok(i);
        self.doc.toks.get(i).is_some_and(|t| t.case == Case::Upper)
            && (2..=6).contains(&t.chars().count())
            && t.chars().all(char::is_alphabetic)
            && !self.is_common(i)
    }

    /// A given name of the tagger's lexicon ("Elizabeth" in "kraljica Elizabeth").
    fn is_given_name(&self, i: usize) -> bool {
        crate::ner::is_given_name(&names::latin_word(self.doc.tok(i)).to_lowercase())
    }

    /// "Prize-winner", "Award-winning": a hyphenated word of two ordinary words, the last in
    /// lower case and of five letters or more, describes; it names no one (Korean and
    /// Cantonese given names are syllables: "Jong-un", "Kwok-hing").
    fn ends_in_common_compound(&self, i: usize) -> bool {
        self.doc
            .tok(i)
            .rsplit_once('-')
            .is_some_and(|(first, last)| {
                last.chars().count() >= 5
                    && last.chars().all(char::is_lowercase)
                    && crate::ner::is_dictionary_word(last)
                    && crate::ner::is_dictionary_word(&first.to_lowercase())
            })
    }

    /// Whether a word is a given name in some case: as it is, or with a case ending cut
    /// ("Brada" of Brad, "Osame" of Osama, "Ivom" of Ivo).
    fn given_in_some_case(&self, i: usize) -> bool {
        let w = &self.lower[i];
        if crate::ner::is_given_name(w) {
            return true;
        }
        ["a", "e", "i", "u", "om", "em"].iter().any(|end| {
            w.strip_suffix(end).is_some_and(|stem| {
                stem.chars().count() >= 2
                    && ["", "a", "o", "e"].iter().any(|v| {
                        let cand = format!("{stem}{v}");
                        crate::ner::is_given_name(&cand)
                            || stem::is_person_name(&truecase::title_case(&cand))
                    })
            })
        })
    }

    /// Whether a person span of the tagger starts within `n` tokens from `i`, in its sentence.
    fn tagger_person_within(&self, i: usize, n: usize) -> bool {
        let sent = self.doc.toks.get(i).map(|t| t.sent);
        (i..self.doc.toks.len().min(i + n))
            .take_while(|&j| Some(self.doc.toks[j].sent) == sent)
            .any(|j| {
                self.hints
                    .get(&j)
                    .is_some_and(|h| h.1 == EntityKind::Person)
            })
    }

    /// Whether a person span of the tagger holds this word (lower case, Latin letters) as it
    /// is: "Kalmeta se primirio" makes "Kalmetin znak" his.
    fn tagger_person_word(&self, word: &str) -> bool {
        self.hints.iter().any(|(&s, &(e, kind, _))| {
            kind == EntityKind::Person && self.lower[s..e].iter().any(|w| w == word)
        })
    }

    /// Whether a person span of the tagger covers token `i`.
    fn tagger_person_at(&self, i: usize) -> bool {
        self.hints
            .iter()
            .any(|(&s, &(e, kind, _))| kind == EntityKind::Person && s <= i && i < e)
    }

    fn is_common(&self, i: usize) -> bool {
        self.common.get(i).copied().unwrap_or(false)
    }

    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        self.lower
            .get(i)
            .is_some_and(|w| words.contains(&w.as_str()))
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.doc.tok(i), "’s" | "'s" | "’" | "'")
    }

    /// A table organisation, place or nationality word starting at `i`: (end, what).
    fn entity_at(&self, i: usize) -> Option<(usize, Ent)> {
        // Written in capitals is enough: a headline's "UNITED NATIONS" reads as ordinary words.
        if !self.doc.is_cap(i) && self.doc.tok(i).chars().any(char::is_lowercase) {
            return None;
        }
        let mut best: Option<(usize, Ent)> = None;
        let mut consider = |end: usize, e: Ent| {
            if best.is_none_or(|(b, _)| end > b) {
                best = Some((end, e));
            }
        };
        for (end, ids) in self.doc.matches(&self.orgs.names, i) {
            let Some(&id) = ids.first() else { continue };
            let single = end == i + 1;
            if single {
                // An acronym alias must be written in capitals ("WHO", not "Who").
                let key = names::match_key(self.doc.tok(i));
                let known = &self.orgs.known[id as usize];
                if known.caps_only.contains(&key) && self.doc.toks[i].case != Case::Upper {
                    continue;
                }
            }
            consider(end, Ent::Org(id as usize));
        }
        for (end, ids) in self.doc.matches(&self.gaz.names, i) {
            // A sentence's first word is capitalised whatever it is: "Još" ("still") is also
            // Jos in Nigeria. Alone there, a place name needs the tagger's word too.
            if end == i + 1
                && self.doc.sent_start(i)
                && (self.is_common(i) || (self.tagged && !self.hints.contains_key(&i)))
            {
                continue;
            }
            // Short all-caps place names are airport and other codes.
            if end == i + 1 && self.doc.toks[i].case == Case::Upper && self.doc.tok(i).len() <= 3 {
                continue;
            }
            if let Some(e) = self.gaz.best(ids)
                && (!self.noun_caps || end > i + 1 || self.well_known_place(e))
            {
                consider(end, Ent::Place(e));
            }
        }
        for (end, ids) in self.doc.matches(&self.gaz.demonyms, i) {
            if let Some(&id) = ids.first() {
                consider(end, Ent::Demonym(id));
            }
        }
        if let Some((end, e)) = self.acronym_in_case_form(i) {
            consider(end, e);
        }
        best
    }

    fn ent_found(&self, start: usize, end: usize, e: Ent) -> Option<Found> {
        let what = match e {
            Ent::Org(k) => What::Org { known: Some(k) },
            Ent::Place(p) => What::Place {
                entry: Some(p),
                kind: self.gaz.entries[p].kind,
            },
            Ent::Demonym(_) => return None,
            Ent::Acronym => What::Org { known: None },
        };
        Some(Found {
            start,
            end,
            what,
            confidence: 0.9,
        })
    }

    /// The role's owner as `Role::of` and `Role::country` give it.
    fn owner(&self, start: usize, end: usize, e: Ent) -> (Option<String>, Option<String>) {
        match e {
            // "UN-a" owns a title as "UN": the case ending is grammar, not the name.
            Ent::Org(_) | Ent::Acronym
                if end == start + 1 && self.acronym_in_case_form(start).is_some() =>
            {
                let stem = declined_acronym(self.doc.tok(start));
                (stem.map(str::to_owned), None)
            }
            Ent::Org(_) | Ent::Acronym => (Some(self.doc.slice(start, end).to_owned()), None),
            Ent::Place(p) => {
                let entry = &self.gaz.entries[p];
                (Some(entry.name.clone()), entry.country.clone())
            }
            Ent::Demonym(d) => {
                let cc = self.gaz.demonym_id(d).map(str::to_owned);
                let name = cc
                    .as_deref()
                    .and_then(|c| self.gaz.country(c))
                    .map(|e| e.name.clone());
                (name, cc)
            }
        }
    }

    /// "the Republic of Montenegro" → (end, Montenegro) with the phrase's start at `i`.
    fn owner_phrase(&self, i: usize) -> Option<(usize, Ent)> {
        let mut j = i;
        if self.is_word(j, &["the"]) {
            j += 1;
        }
        if let Some((end, _)) = self.doc.matches(&self.gaz.state_forms, j).next()
            && self.is_word(end, &["of"])
            && let Some((e2, ent)) = self.entity_at(end + 1)
        {
            return Some((e2, ent));
        }
        self.entity_at(j)
    }

    /// A title starting at `i` (after optional modifiers): (end, title as written in the table).
    fn title_at(&self, i: usize) -> Option<(usize, String)> {
        let mut j = i;
        let mut prefix = Vec::new();
        while let Some((end, _)) = self
            .doc
            .matches(&self.roles.modifiers, j)
            .next()
            .or_else(|| {
                // "Education Minister": a portfolio counts only written with its capital.
                self.doc
                    .matches(&self.roles.portfolios, j)
                    .next()
                    .filter(|_| {
                        self.doc.is_cap(j)
                            && self
                                .doc
                                .matches(&self.roles.title_names, j)
                                .next()
                                .is_none()
                    })
            })
        {
            if self.doc.is_cap(j) {
                let written = self.doc.slice(j, end);
                // "FORMER" in a headline is the "Former" of a title.
                prefix.push(if written.chars().any(char::is_lowercase) {
                    written.to_owned()
                } else {
                    truecase::title_case(&written.to_lowercase())
                });
            }
            j = end;
            if j > i + 3 {
                break;
            }
        }
        let (end, ids) = self.doc.matches(&self.roles.title_names, j).next()?;
        let title = &self.roles.titles[*ids.first()? as usize];
        if title.ambiguous
            && !self.doc.is_cap(j)
            && (!self.is_word(end, &["of"]) && !self.name_follows(end)
                // "a major Warhol donor program": after "a" the word is an adjective.
                || (j > 0 && self.is_word(j - 1, &["a", "an"])))
        {
            return None;
        }
        prefix.push(title.name.clone());
        Some((end, prefix.join(" ")))
    }

    fn name_follows(&self, i: usize) -> bool {
        self.name_run(i).is_some_and(|(e, _)| e > i)
    }

    /// A title or the plural of one ("Senators"): never part of a person's name.
    fn is_title_word(&self, j: usize) -> bool {
        if self
            .doc
            .matches(&self.roles.title_names, j)
            .next()
            .is_some()
        {
            return true;
        }
        let t = self.doc.tok(j);
        t.len() > 3 && t.ends_with('s') && self.roles.title(&t[..t.len() - 1]).is_some()
    }

    /// A person's name starting at `i`: capitalised words and name particles, no table
    /// organisation, no title, no common word. (end, honest end without trailing particles).
    fn name_run(&self, i: usize) -> Option<(usize, usize)> {
        let mut j = i;
        let mut last_cap = i;
        while j < self.doc.toks.len() && j < i + 5 {
            if j > i && self.doc.toks[j].sent != self.doc.toks[i].sent {
                break;
            }
            // "the General Assembly" is no General named Assembly.
            let org_word = j == i && self.head(j) == Some(Head::Organisation);
            let ok_cap = self.doc.is_cap(j)
                && !org_word
                && self.doc.tok(j).chars().any(char::is_alphabetic)
                && !self.is_common(j)
                && !self.is_title_word(j)
                && self.doc.matches(&self.orgs.names, j).next().is_none()
                && self.acronym_in_case_form(j).is_none();
            if ok_cap {
                j += 1;
                last_cap = j;
            } else if j > i && self.is_word(j, NAME_PARTICLES) && self.doc.is_cap(j + 1) {
                j += 1;
            } else if j > i
                && self.doc.toks[j].sent == self.doc.toks[i].sent
                && joined_particle(self.doc.tok(j))
            {
                // "Suleiman al-Amr", "Abd el-Kader": the article joined to the name.
                j += 1;
                last_cap = j;
            } else {
                break;
            }
        }
        // An initial alone is no name: "Gen Z." is a generation, not General Z.
        if last_cap == i + 1
            && self
                .doc
                .tok(i)
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                <= 1
        {
            return None;
        }
        (last_cap > i).then_some((last_cap, last_cap))
    }

    /// A role phrase at `i`: [det] [owner ['s]] title [of owner].
    fn role_at(&self, i: usize) -> Option<RoleParse> {
        let start = i;
        let mut j = i;
        let mut anchored = false;
        if self.is_word(j, DETERMINERS) {
            j += 1;
            anchored = true;
        }
        let mut role = RoleAt::default();
        let mut owner = None;
        if let Some((end, ent)) = self.entity_at(j) {
            let after = if self.is_possessive(end) {
                end + 1
            } else {
                end
            };
            // The owner and its title share a sentence: a headline's last word is nobody's
            // owner of the title that opens the next paragraph.
            let same_sentence = self
                .doc
                .toks
                .get(after)
                .is_some_and(|t| t.sent == self.doc.toks[j].sent);
            if same_sentence && self.title_at(after).is_some() {
                (role.of, role.country) = self.owner(j, end, ent);
                owner = self.ent_found(j, end, ent);
                anchored = true;
                j = after;
            }
        } else if self.is_acronym(j)
            && let Some((title_end, _)) = self.title_at(j + 1)
            && self.name_follows(title_end)
        {
            // "FBI Director James Comey", "NASA Administrator Charles Bolden": an acronym
            // outside the tables owns the title when a name follows it.
            role.of = Some(self.doc.tok(j).to_owned());
            owner = Some(Found {
                start: j,
                end: j + 1,
                what: What::Org { known: None },
                confidence: 0.7,
            });
            anchored = true;
            j += 1;
        }
        let (mut end, title) = self.title_at(j)?;
        role.title = title;
        if role.of.is_none()
            && self.is_word(end, &["of"])
            && let Some((e2, ent)) = self.owner_phrase(end + 1)
        {
            (role.of, role.country) = self.owner(self.owner_start(end + 1, e2), e2, ent);
            // The owner's own mention is its last words ("Montenegro" in "the Republic of …").
            let (s, _) = self.ent_span_ending(end + 1, e2);
            owner = self.ent_found(s, e2, ent);
            end = e2;
        }
        // "Minister of Education Stefania Giannini", "Undersecretary for Education Mr.
        // Toccafondi": capitalised words after "of"/"for" that no table knows, up to the
        // name the tagger reads, are the title's portfolio.
        if !self.case_forms
            && role.of.is_none()
            && self.is_word(end, &["of", "for"])
            && let Some(e2) = self.portfolio_en(end + 1)
        {
            role.title = format!("{} {}", role.title, self.doc.slice(end, e2));
            end = e2;
        }
        if self.case_forms
            && role.of.is_none()
            && let Some((e2, ent)) = self
                .country_in_case_form(end)
                .or_else(|| self.acronym_in_case_form(end))
                .or_else(|| self.place_in_case_form_before_person(end))
                // "Visoki predstavnik EU za spoljnu politiku …": an organisation's acronym
                // that does not decline.
                .or_else(|| {
                    self.entity_at(end).filter(|&(e2, ent)| {
                        matches!(ent, Ent::Org(_))
                            && e2 == end + 1
                            && self.doc.toks[end].case == Case::Upper
                            && self.portfolio(e2).is_some()
                    })
                })
            // The owner is followed by the person's name, or ends the phrase.
            && (self.name_follows(e2) || !self.doc.is_cap(e2))
        {
            (role.of, role.country) = self.owner(end, e2, ent);
            owner = self.ent_found(end, e2, ent);
            end = e2;
        }
        if self.case_forms
            && let Some(e2) = self.portfolio(end)
        {
            end = e2;
        }
        Some(RoleParse {
            start,
            end,
            role,
            owner,
            anchored,
        })
    }

    /// "[Malaysia's Prime Minister], [Najib Razak] said": the end of the name that a comma
    /// sets after the role phrase `start..end`, in tagged English text, when the phrase opens
    /// its sentence or clause (after a verb or preposition it is an object, and the name
    /// after the comma the next clause's subject: "After meeting the Prime Minister, Biden
    /// said") and the name closes with a comma, a stop or a lower-case word.
    fn name_after_comma(&self, start: usize, end: usize) -> Option<usize> {
        if self.case_forms || !self.tagged || self.doc.tok(end) != "," {
            return None;
        }
        let sent = self.doc.toks[start].sent;
        let opens = start == 0
            || self.doc.toks[start - 1].sent != sent
            || matches!(self.doc.tok(start - 1), "," | ";" | ":");
        let at = end + 1;
        if !opens
            || self.doc.toks.get(at).is_none_or(|t| t.sent != sent)
            || !self
                .hints
                .get(&at)
                .is_some_and(|h| h.1 == EntityKind::Person)
        {
            return None;
        }
        let (name_end, _) = self.name_run(at)?;
        let closes = self.doc.toks.get(name_end).is_none_or(|t| {
            t.sent != sent
                || t.case == Case::Lower
                || matches!(self.doc.tok(name_end), "," | "." | ";")
        });
        (name_end >= at + 2 && closes).then_some(name_end)
    }

    /// In English, the capitalised words of a title's portfolio starting at `i` ("Education",
    /// "Health and Social Welfare", "the Interior"): their end, when a person the tagger
    /// reads or a courtesy word follows them in the sentence.
    fn portfolio_en(&self, i: usize) -> Option<usize> {
        let sent = self.doc.toks.get(i)?.sent;
        let mut j = i;
        if self.is_word(j, &["the"]) {
            j += 1;
        }
        let mut words = 0;
        while j < self.doc.toks.len() && self.doc.toks[j].sent == sent && words < 6 {
            let person = self
                .hints
                .get(&j)
                .is_some_and(|h| h.1 == EntityKind::Person);
            let courtesy = self.doc.matches(&self.roles.honorifics, j).next().is_some();
            if person || courtesy {
                return (words > 0).then_some(j);
            }
            if self.doc.is_cap(j) && self.doc.tok(j).chars().all(char::is_alphabetic) {
                j += 1;
                words += 1;
            } else if words > 0 && self.is_word(j, &["and", "&"]) && self.doc.is_cap(j + 1) {
                j += 1;
            } else {
                return None;
            }
        }
        None
    }

    /// In sr/hr/bs, what a title heads in lower-case words between it and the name: "ministar
    /// kulture i turizma Ertugrul Gunaj", "predstavnik EU za spoljnu politiku Havijer Solana".
    /// The end of those words when a name the tagger reads as a person follows them.
    fn portfolio(&self, i: usize) -> Option<usize> {
        // Words that end a title's phrase: the clause goes on past them.
        const STOPS: &[&str] = &[
            "je", "su", "se", "da", "kako", "koji", "koja", "koje", "nije", "će", "bi", "sa", "s",
            "od", "iz", "sam", "smo", "ste", "biti", "bio", "bila",
        ];
        let mut j = i;
        while j < i + 5 && j < self.doc.toks.len() {
            let t = self.doc.tok(j);
            let plain = !self.doc.is_cap(j)
                && t.chars().all(char::is_alphabetic)
                && !self.is_word(j, STOPS)
                && !["ao", "eo", "io", "uo"].iter().any(|e| t.ends_with(e));
            if !plain || self.doc.toks[j].sent != self.doc.toks[i].sent {
                break;
            }
            j += 1;
        }
        // "i" or "za" may join the words, never close them.
        (j > i && !self.is_word(j - 1, &["i", "za", "u", "o"]) && self.tagger_person_at(j))
            .then_some(j)
    }

    fn owner_start(&self, i: usize, end: usize) -> usize {
        self.ent_span_ending(i, end).0
    }

    /// The table entity inside `i..end` that ends at `end`.
    fn ent_span_ending(&self, i: usize, end: usize) -> (usize, usize) {
        (i..end)
            .find(|&s| self.entity_at(s).is_some_and(|(e, _)| e == end))
            .map_or((i, end), |s| (s, end))
    }

    /// Capitalised run for organisation names, allowing "of", "for", "and", "the" inside.
    fn cap_run(&self, i: usize) -> usize {
        let mut j = i;
        let mut end = i;
        while j < self.doc.toks.len() && j < i + 10 {
            if j > i && self.doc.toks[j].sent != self.doc.toks[i].sent {
                break;
            }
            if self.doc.is_cap(j) && self.doc.tok(j).chars().any(char::is_alphabetic) {
                j += 1;
                end = j;
            } else if j > i && self.is_word(j, ORG_CONNECTORS) && self.doc.is_cap(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        end
    }

    fn head(&self, i: usize) -> Option<Head> {
        self.orgs.head(self.doc.tok(i))
    }

    /// An organisation or facility named by its head word over `i..run_end`: (end, kind).
    fn headed(&self, i: usize, run_end: usize) -> Option<(usize, Head)> {
        if run_end < i + 2 {
            return None;
        }
        // Head last: "Afghan Security Forces"; stop at the last head in the run.
        if let Some(k) = (i + 1..run_end).rev().find(|&k| self.head(k).is_some()) {
            return Some((k + 1, self.head(k)?));
        }
        // Head first: "Ministry of Defence", "University of Belgrade".
        if let Some(h) = self.head(i)
            && self.is_word(i + 1, &["of", "for"])
        {
            return Some((run_end, h));
        }
        None
    }

    fn push(&mut self, start: usize, end: usize, what: What, confidence: f32) -> usize {
        self.found.push(Found {
            start,
            end,
            what,
            confidence,
        });
        self.found.len() - 1
    }

    /// Role in apposition after a name ending at `i`: ", NATO's Secretary General,".
    fn apposition(&mut self, person: usize, i: usize) -> usize {
        if self.doc.tok(i) != "," {
            return i;
        }
        let Some(rp) = self.role_at(i + 1) else {
            return i;
        };
        let next = self.doc.tok(rp.end);
        let closes = rp.end >= self.doc.toks.len()
            || matches!(next, "," | "." | ";" | ")" | "–" | "—")
            || self.doc.toks[rp.end].sent != self.doc.toks[i].sent;
        if !closes {
            return i;
        }
        if let What::Person { roles, .. } = &mut self.found[person].what
            && !roles.contains(&rp.role)
        {
            roles.push(rp.role.clone());
        }
        if let Some(o) = rp.owner {
            self.found.push(o);
        }
        self.push(
            rp.start,
            rp.end,
            What::Nominal {
                role: rp.role,
                appos: Some(person),
            },
            0.85,
        );
        rp.end
    }

    /// Whether the tagger's one-word person at `i` may be a person of its own (it may still
    /// name one met before, as a single word). Not a letter ("Z.", "Q"), not a word of up to
    /// three capitals ("AI", "SQL"; of 1,281 one-word people in GUM train and dev and UNER
    /// EWT dev, three: "CEO", "GT", "TJO"), nor of four that is no name of the lexicon, and
    /// not a dictionary word unless the tagger is sure ("Apple", "Fortune"; "Gosling" after
    /// "Ryan Gosling" still names him), nor in sr/hr/bs a place in a case form.
    fn one_word_name(&self, i: usize, conf: f32) -> bool {
        let word = self.doc.tok(i);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let lower = names::latin_word(word).to_lowercase();
        let caps = self.doc.toks[i].case == Case::Upper;
        // In sr/hr/bs a place in a case form ("Luksemburgom") is no person either.
        let place = self.case_forms && self.gaz.lookup_inflected(word).is_some();
        !(letters <= 1
            || place
            || (caps && letters <= 3)
            || (caps && letters == 4 && !crate::ner::is_name_word(&lower))
            || (crate::ner::is_dictionary_word(&lower) && conf < 0.7)
            || (self.case_forms && self.sh_word_not_name(i, &lower))
            || self.named_things().contains(&self.thing_key(i)))
    }

    /// In sr/hr/bs, a one-word "name" that is a demonym ("Evropljanin", "Zagrepčanima"), a
    /// possessive adjective before its noun ("Tuđmanov režim", "Williamovo vjenčanje"), or a
    /// form of a common word of the dictionary ("Kodeksa", "Domovinu", opening a sentence
    /// or a heading); never a word the text or the name lists know as a name.
    fn sh_word_not_name(&self, i: usize, lower: &str) -> bool {
        // Demonyms: -anin in the singular, -ani and their cases in the plural after the
        // consonants that take them ("Zagrepčani", "Beograđani"); surnames in -ani
        // ("Hasani") follow other letters.
        const DEMONYM: &[&str] = &[
            "anin", "anina", "aninu", "aninom", "čani", "čana", "čanima", "ljani", "ljana",
            "ljanima", "đani", "đana", "đanima",
        ];
        if DEMONYM.iter().any(|e| lower.ends_with(e)) && lower.chars().count() >= 7 {
            return true;
        }
        if self.is_given_name(i) || self.surname_in_text(lower) || self.speaks(i) {
            return false;
        }
        if self.possessive_of_name(i, lower) {
            return true;
        }
        // Surnames in -ić decline like the nouns in -ić ("Kafić", "Plemić") and meet them at
        // the stem; a capitalised word in -ić stays a name.
        let ic = ["ić", "ića", "iću", "ićem", "ići", "ićima"]
            .iter()
            .any(|e| lower.ends_with(e));
        !ic && !stem::is_person_name(self.doc.tok(i)) && stem::is_common_word(lower)
    }

    /// Whether token `i` is the subject of a reporting verb next to it ("Sahan je kazao",
    /// "zaključio je Širac") or the source of "prema" ("prema Mladenovu"): a surname the
    /// text names once ("Šprajcer", "Sahan") is also a common word often enough.
    fn speaks(&self, i: usize) -> bool {
        let sent = self.doc.toks[i].sent;
        let cue = |k: usize| {
            self.doc.toks.get(k).is_some_and(|t| t.sent == sent)
                && crate::quotes::is_sh_reporting_participle(self.doc.tok(k))
        };
        let clitic = |k: usize| {
            self.doc.toks.get(k).is_some_and(|t| t.sent == sent)
                && matches!(self.doc.tok(k), "je" | "su" | "је" | "су")
        };
        (clitic(i + 1) && cue(i + 2))
            || cue(i + 1)
            || (i >= 2 && clitic(i - 1) && cue(i - 2))
            || (i >= 1
                && self.doc.toks[i - 1].sent == sent
                && matches!(
                    self.doc.tok(i - 1).to_lowercase().as_str(),
                    "prema" | "према"
                ))
    }

    /// Whether a word is, in some case, the last word of a name of two words or more the
    /// tagger found in the text.
    fn surname_in_text(&self, lower: &str) -> bool {
        let key = stem::stem(lower);
        self.surnames().contains(lower) || self.surnames().iter().any(|s| stem::stem(s) == key)
    }

    /// A possessive adjective made from a name, before the noun it qualifies: -ov/-ev after
    /// a consonant ("Tuđmanov", "Sanaderovu", "Ahtisarijev" with the j after -i), -in after an
    /// a-stem or a woman's name ("Gotovinin", "Jenniferina"), then an adjective's ending.
    fn possessive_of_name(&self, i: usize, lower: &str) -> bool {
        // A noun, not a clitic or a clause word: "Manin je uveo" is a man.
        let next_noun = self
            .doc
            .toks
            .get(i + 1)
            .is_some_and(|t| t.sent == self.doc.toks[i].sent && t.case == Case::Lower)
            && self.doc.tok(i + 1).chars().count() >= 3
            && !self.is_word(
                i + 1,
                &["nije", "što", "koji", "koja", "koje", "kako", "biti"],
            );
        if !next_noun {
            return false;
        }
        let known = |name: &str| {
            name.chars().count() >= 3
                && (crate::ner::is_given_name(name)
                    || crate::ner::is_name_word(name)
                    || self.surname_in_text(name)
                    || self.tagger_person_word(name)
                    || stem::is_person_name(&truecase::title_case(name)))
        };
        possessive_bases(lower).any(|(stem, glided, suffix)| {
            known(stem)
                || glided.is_some_and(known)
                || (suffix == "in" && ["a", "o", "e"].iter().any(|v| known(&format!("{stem}{v}"))))
        })
    }

    /// A person named at `s..end` with no title; returns where to look next (past an
    /// apposition after the name).
    fn untitled_person(&mut self, s: usize, end: usize, conf: f32) -> usize {
        let p = self.push(
            s,
            end,
            What::Person {
                name: (s, end),
                roles: Vec::new(),
                gender: None,
            },
            conf,
        );
        self.apposition(p, end)
    }

    /// A tagger mention starting at `i`, where no table or title said otherwise.
    fn hinted(&mut self, i: usize) -> Option<usize> {
        let &(end, kind, conf) = self.hints.get(&i)?;
        let table = self.entity_at(i);
        // "[Neighbouring Montenegro]ORG": a word capitalised only because it opens the
        // sentence, before a body or place of the tables that ends where the span does, is
        // not part of its name.
        if kind != EntityKind::Person
            && table.is_none()
            && self.doc.sent_start(i)
            && crate::ner::is_plain_word(&self.lower[i])
            && let Some((e, ent)) = self.entity_at(i + 1)
            && e == end
        {
            if let Some(f) = self.ent_found(i + 1, e, ent) {
                self.found.push(f);
            }
            return Some(e);
        }
        match kind {
            // "sa St. Petersburgom": in sr/hr/bs the tagger reads a place of several words in
            // a case form as a person, and its "St." as a title. (One word alone is checked
            // in `one_word_name`, where a given name's stem may be a town's.)
            EntityKind::Person
                if self.case_forms
                    && end >= i + 2
                    && let Some(p) = self.gaz.lookup_inflected(self.doc.slice(i, end)) =>
            {
                if let Some(f) = self.ent_found(i, end, Ent::Place(p)) {
                    self.found.push(f);
                }
                Some(end)
            }
            EntityKind::Person => {
                // A name ends in a capitalised word ("Merkelin govor" is "Merkel's speech"),
                // and in English not in a title ("[LA Sheriff]'s office"; in sr/hr/bs a
                // surname may be one: "Ivan Kralj", "Tomislav Car").
                let mut end = end;
                while end > i + 1
                    && (!self.doc.is_cap(end - 1)
                        || (!self.case_forms && self.is_title_word(end - 1))
                        || self.ends_in_common_compound(end - 1))
                {
                    // What a describing compound leaves ("Booker" of "Booker Prize-winner")
                    // names an award or a thing, not a person.
                    if self.ends_in_common_compound(end - 1) && end == i + 2 {
                        return None;
                    }
                    end -= 1;
                }
                // The tagger's span may start with a title word or a sentence-opening word.
                let mut s = i;
                while s < end
                    && (self
                        .doc
                        .matches(&self.roles.title_names, s)
                        .next()
                        .is_some()
                        || self.is_common(s)
                        || !self.doc.is_cap(s)
                        || self.acronym_in_case_form(s).is_some())
                {
                    s += 1;
                }
                // "[Jahta Galeb] je spašena": in sr/hr/bs a common noun opening the sentence is
                // capitalised for that alone, and is no part of the name after it, unless a
                // case of it is a given name ("Brada Pitta", "Osame bin Ladena").
                if self.case_forms
                    && s == i
                    && end >= s + 2
                    && self.doc.sent_start(s)
                    && stem::is_common_headword(&self.lower[s])
                    && !self.given_in_some_case(s)
                    && !stem::is_person_name(self.doc.tok(s))
                {
                    s += 1;
                }
                if self.noun_caps {
                    // From the first given name on: "Bioinformatik [Timothy Sackton]".
                    match (s..end).find(|&k| self.is_given_name(k)) {
                        Some(k)
                            if (2..=3).contains(&(end - k))
                                && (k..end).all(|j| self.doc.is_cap(j)) =>
                        {
                            s = k;
                        }
                        _ => return None,
                    }
                }
                // "Sveučilišta Galatasaray", "NVO JUKOM": an organisation's head noun opens the
                // span; a name after it is a person in that organisation's genitive ("Senata
                // Dan Voiculescu").
                if self.case_forms
                    && s + 1 < end
                    && !self.is_given_name(s)
                    && !stem::is_person_name(self.doc.tok(s))
                    && let Some(head) = self.orgs.first_head_sh(self.doc.tok(s))
                {
                    if self.is_given_name(s + 1) || stem::is_person_name(self.doc.tok(s + 1)) {
                        s += 1;
                    } else {
                        let (what, confidence) = match head {
                            Head::Facility => (
                                What::Place {
                                    entry: None,
                                    kind: PlaceKind::Facility,
                                },
                                0.6,
                            ),
                            _ => (What::Org { known: None }, 0.6),
                        };
                        self.found.push(Found {
                            start: s,
                            end,
                            what,
                            confidence,
                        });
                        return None;
                    }
                }
                if s >= end
                    || table.is_some_and(|(e, _)| e >= end)
                    || (end == s + 1
                        && (self.is_surname_possessive(s)
                            || group_nouns().contains(&self.lower[s])
                            || self.written_lower(s)
                            || self.adjective_before_noun(s)))
                {
                    return None;
                }
                // "UNICEF/Bill Ingalls" (a photo credit), "UNICEF Ana Jones": a table
                // organisation at the start is the person's employer, not part of the name.
                if let Some((e, ent @ Ent::Org(_))) = self.entity_at(s)
                    && e < end
                    && self.name_follows(e)
                {
                    if let Some(f) = self.ent_found(s, e, ent) {
                        self.found.push(f);
                    }
                    s = e;
                } else if self.is_acronym(s)
                    && self.doc.tok(s).chars().count() >= 3
                    && self.name_run(s + 1).is_some_and(|(e, _)| e >= s + 3)
                {
                    // The same with an agency outside the tables ("NASA Bill Ingalls"); a
                    // two-letter capital word may be initials ("AJ Styles"), so not those.
                    self.found.push(Found {
                        start: s,
                        end: s + 1,
                        what: What::Org { known: None },
                        confidence: 0.6,
                    });
                    s += 1;
                }
                if end == s + 1 && !self.one_word_name(s, conf) {
                    return None;
                }
                Some(self.untitled_person(s, end, conf))
            }
            EntityKind::Organisation => {
                if table.is_some_and(|(e, _)| e >= end) {
                    return None;
                }
                if self.noun_caps
                    && !(end >= i + 2
                        && (i..end).all(|k| self.doc.is_cap(k))
                        && self.head(end - 1).is_some())
                {
                    return None;
                }
                // "[UNICEF Bill Ingalls]ORG" in a photo credit: a body of the tables, then a
                // given name opening a name that ends the span, is an employer and a person.
                if let Some((e, ent @ Ent::Org(_))) = table
                    && crate::ner::is_given_name(&self.lower[e])
                    && self
                        .name_run(e)
                        .is_some_and(|(n, _)| n == end && n >= e + 2)
                {
                    if let Some(f) = self.ent_found(i, e, ent) {
                        self.found.push(f);
                    }
                    return Some(self.untitled_person(e, end, conf));
                }
                self.push(i, end, What::Org { known: None }, conf);
                Some(end)
            }
            EntityKind::Location | EntityKind::Facility => {
                // "u Solunu 16. maja": a number after a place is a date's, not the name's.
                let mut end = end;
                while end > i + 1 && !self.doc.tok(end - 1).chars().any(char::is_alphabetic) {
                    end -= 1;
                }
                if table.is_some_and(|(e, _)| e >= end) {
                    return None;
                }
                let entry = self
                    .gaz
                    .names
                    .lookup(self.doc.slice(i, end))
                    .and_then(|ids| self.gaz.best(ids));
                if self.noun_caps && !entry.is_some_and(|e| end > i + 1 || self.well_known_place(e))
                {
                    return None;
                }
                let kind = match (kind, entry) {
                    (EntityKind::Facility, _) => PlaceKind::Facility,
                    (_, Some(e)) => self.gaz.entries[e].kind,
                    _ => PlaceKind::Other,
                };
                self.push(i, end, What::Place { entry, kind }, conf);
                Some(end)
            }
            EntityKind::Misc => None,
        }
    }

    pub fn run(mut self) -> Vec<Found> {
        let n = self.doc.toks.len();
        let mut i = 0;
        while i < n {
            i = self.step(i).max(i + 1);
        }
        self.found
    }

    /// Detects what starts at token `i`; returns the next token to look at.
    fn step(&mut self, i: usize) -> usize {
        let doc = self.doc;
        if doc.toks[i].case == Case::Other {
            return i + 1;
        }
        // Pronouns of the third person, inside quotations too: there "he" is someone the
        // speaker talks about, most often the person the story last named (on GUM dev, 71 % of
        // "he"/"she" linked right when quotations were skipped, 80 % with them).
        if let Some((end, ids)) = doc.matches(&self.roles.pronouns, i).next()
            && end == i + 1
            && doc.toks[i].case != Case::Upper
        {
            let gender = ids.first().and_then(|&g| self.roles.pronoun_gender(g));
            self.push(i, end, What::Pronoun { gender }, 0.7);
            return end;
        }
        // Courtesy word + name: "Mr Stoltenberg", "Dr. Jane Smith"; not a place that opens
        // with one ("St. Louis", in sr/hr/bs in a case form: "sa St. Petersburgom").
        if doc.is_cap(i)
            && let Some((end, ids)) = doc.matches(&self.roles.honorifics, i).next()
            && let Some((name_end, _)) = self.name_run(end)
            && !self
                .entity_at(i)
                .is_some_and(|(e, ent)| matches!(ent, Ent::Place(_)) && e >= name_end)
            && !(self.case_forms && self.gaz.lookup_inflected(doc.slice(i, name_end)).is_some())
        {
            let gender = ids.first().and_then(|&g| self.roles.honorific_gender(g));
            let p = self.push(
                i,
                name_end,
                What::Person {
                    name: (end, name_end),
                    roles: Vec::new(),
                    gender,
                },
                0.9,
            );
            return self.apposition(p, name_end);
        }
        // Role phrase, with or without a name after it.
        if let Some(rp) = self.role_at(i) {
            // "Undersecretary for Education Mr. Toccafondi": a courtesy word between the
            // title and the name is neither.
            let (name_at, gender) = match doc.matches(&self.roles.honorifics, rp.end).next() {
                Some((e, ids)) if doc.is_cap(rp.end) && self.name_run(e).is_some() => {
                    (e, ids.first().and_then(|&g| self.roles.honorific_gender(g)))
                }
                _ => (rp.end, None),
            };
            let name = self.name_run(name_at);
            let title_is_cap = doc.is_cap(rp.end.saturating_sub(1));
            if let Some(o) = rp.owner.clone() {
                self.found.push(o);
            }
            // "Captain America": one word after the title that the tables know as a place or
            // body, and the tagger does not read as a person, is no name.
            let table_word = |e: usize| {
                e == name_at + 1
                    && self.tagged
                    && !self.tagger_person_at(name_at)
                    && self.entity_at(name_at).is_some_and(|(end, _)| end >= e)
            };
            if let Some((name_end, _)) = name
                && !table_word(name_end)
                && (title_is_cap || doc.is_cap(rp.end))
                && self.headed(name_at, self.cap_run(name_at)).is_none()
                // In sr/hr/bs an owner in the genitive may follow the title ("Profesor
                // Fakulteta političkih nauka … Predrag Simić"): a capitalised word there is
                // a name only if the tagger reads one, or a given name stands alone (a
                // person the tagger reads soon after is the title's: "predsednik Fonda za
                // investicije Dragan Lajović").
                && (!self.case_forms
                    || !self.tagged
                    || self.tagger_person_at(name_at)
                    || (name_end == rp.end + 1
                        && self.is_given_name(rp.end)
                        && !self.tagger_person_within(name_end, 8)))
            {
                let p = self.push(
                    rp.start,
                    name_end,
                    What::Person {
                        name: (name_at, name_end),
                        roles: vec![rp.role],
                        gender,
                    },
                    0.9,
                );
                return self.apposition(p, name_end);
            }
            if rp.anchored
                && let Some(name_end) = self.name_after_comma(rp.start, rp.end)
            {
                // "Malaysia's Prime Minister, Najib Razak, said": the title in apposition
                // before the name.
                let p = self.push(
                    rp.start,
                    name_end,
                    What::Person {
                        name: (rp.end + 1, name_end),
                        roles: vec![rp.role],
                        gender: None,
                    },
                    0.85,
                );
                return self.apposition(p, name_end);
            }
            if rp.anchored {
                self.push(
                    rp.start,
                    rp.end,
                    What::Nominal {
                        role: rp.role,
                        appos: None,
                    },
                    0.8,
                );
                return rp.end;
            }
            return rp.end;
        }
        if !doc.is_cap(i) {
            return i + 1;
        }
        // Table entity, or a longer capitalised name with an organisation's head word.
        let run_end = self.cap_run(i);
        if let Some((end, head)) = self.headed(i, run_end)
            && !self.is_common(i)
        {
            let what = match head {
                Head::Organisation => What::Org { known: None },
                Head::Facility => What::Place {
                    entry: None,
                    kind: PlaceKind::Facility,
                },
                Head::Location => {
                    let entry = self
                        .gaz
                        .names
                        .lookup(doc.slice(i, end))
                        .and_then(|ids| self.gaz.best(ids));
                    What::Place {
                        entry,
                        kind: entry.map_or(PlaceKind::Other, |e| self.gaz.entries[e].kind),
                    }
                }
                Head::Misc => {
                    // "NATO Summit": the event is no entity, its owner still is.
                    if let Some((e, ent)) = self.entity_at(i)
                        && let Some(f) = self.ent_found(i, e, ent)
                    {
                        self.found.push(f);
                    }
                    return end;
                }
            };
            self.push(i, end, what, 0.75);
            return end;
        }
        if let Some(next) = self.hinted(i) {
            return next;
        }
        if let Some((end, ent)) = self.entity_at(i) {
            if let Some(f) = self.ent_found(i, end, ent) {
                self.found.push(f);
            }
            return end;
        }
        // A capitalised name with no title: a person when two or more words (fallback until
        // the tagger says otherwise), a single word otherwise.
        if let Some((end, _)) = self.name_run(i) {
            if self.noun_caps {
                // A run of capitalised nouns is no name; a word alone may still name a
                // person met before ("Laut Hildebrandt").
                self.push(i, i + 1, What::Single, 0.3);
                return i + 1;
            }
            // A name the tagger reads inside the run starts there: "… of Education
            // [Stefania Giannini]".
            let cut = (i + 1..end)
                .find(|&k| self.entity_at(k).is_some() || self.hints.contains_key(&k))
                .unwrap_or(end);
            let words_ok = (i..cut)
                .all(|k| doc.toks[k].case == Case::Title || self.is_word(k, NAME_PARTICLES));
            if cut >= i + 2 && words_ok && !self.tagged {
                return self.untitled_person(i, cut, 0.5);
            }
            if cut == i + 1 {
                self.push(i, cut, What::Single, 0.3);
            }
            return cut;
        }
        i + 1
    }
}
