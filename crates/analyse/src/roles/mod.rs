//! Titles and courtesy words: the vocabulary that binds a role to a person and marks names.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::lexicon::{self, Matcher};
use crate::stem;

const TITLES: &str = include_str!("../../tables/role_titles.txt");
const MODIFIERS: &str = include_str!("../../tables/role_modifiers.txt");
const PORTFOLIOS: &str = include_str!("../../tables/role_portfolios.txt");
const HONORIFICS: &str = include_str!("../../tables/honorifics.txt");
const PRONOUNS: &str = include_str!("../../tables/pronouns.txt");
/// Given names that nearly always name a man or nearly always a woman (US Census 1990; see
/// `data/README.md`).
const GIVEN_GENDER_GZ: &[u8] = include_bytes!("../../data/given-gender.tsv.gz");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// As the table writes it: "Secretary General".
    pub name: String,
    pub class: String,
    /// Also an ordinary word ("general", "head"): needs a capital, "of" or a name after it.
    pub ambiguous: bool,
}

#[derive(Debug, Default)]
pub struct Roles {
    pub titles: Vec<Title>,
    pub(crate) title_names: Matcher,
    /// Titles by the stems of their spellings' words ("generalnim sekretarom" and "generalni
    /// sekretar" → Secretary General), for languages that decline titles.
    by_stems: FxHashMap<Vec<String>, u32>,
    /// The most words a spelling has.
    most_words: usize,
    pub(crate) modifiers: Matcher,
    /// What a title before which they stand is in charge of ("Education Minister").
    pub(crate) portfolios: Matcher,
    pub(crate) honorifics: Matcher,
    honorific_gender: Vec<Option<Gender>>,
    pub(crate) pronouns: Matcher,
    pronoun_gender: Vec<Option<Gender>>,
}

pub fn get() -> &'static Roles {
    static R: OnceLock<Roles> = OnceLock::new();
    R.get_or_init(Roles::load)
}

/// The sex a given name nearly always names ("Angela" → female, "Emmanuel" → male); none for a
/// name that names either ("Jordan", and names a US woman bears but men do in Europe: "Andrea",
/// "Nicola") or that the list lacks.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    static G: OnceLock<FxHashMap<String, Gender>> = OnceLock::new();
    let table = G.get_or_init(|| {
        crate::gunzip_text(GIVEN_GENDER_GZ)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once('\t')?;
                Some((name.to_owned(), gender(Some(&g.trim()))?))
            })
            .collect()
    });
    table.get(&name.to_lowercase()).copied()
}

fn gender(field: Option<&&str>) -> Option<Gender> {
    match field.copied() {
        Some("m") => Some(Gender::Male),
        Some("f") => Some(Gender::Female),
        _ => None,
    }
}

impl Roles {
    fn load() -> Self {
        let mut r = Roles::default();
        for row in lexicon::rows(TITLES) {
            let id = r.titles.len() as u32;
            let class = row.get(1).copied().unwrap_or("");
            r.titles.push(Title {
                name: row[0].to_owned(),
                class: class.trim_end_matches('?').to_owned(),
                ambiguous: class.ends_with('?'),
            });
            for spelling in std::iter::once(row[0].to_owned()).chain(lexicon::list(row.get(2))) {
                r.title_names.add(&spelling, id);
                let stems: Vec<String> = lexicon::words_of(&spelling)
                    .iter()
                    .map(|w| stem::stem_folded(w))
                    .collect();
                if stems.is_empty() {
                    continue;
                }
                r.most_words = r.most_words.max(stems.len());
                // The first row to claim a spelling keeps it, as with `title_names`.
                r.by_stems.entry(stems).or_insert(id);
            }
        }
        for row in lexicon::rows(MODIFIERS) {
            r.modifiers.add(row[0], 0);
        }
        for row in lexicon::rows(PORTFOLIOS) {
            r.portfolios.add(row[0], 0);
        }
        for row in lexicon::rows(HONORIFICS) {
            let id = r.honorific_gender.len() as u32;
            r.honorific_gender.push(gender(row.get(1)));
            r.honorifics.add(row[0], id);
        }
        for row in lexicon::rows(PRONOUNS) {
            let id = r.pronoun_gender.len() as u32;
            r.pronoun_gender.push(gender(row.get(1)));
            r.pronouns.add(row[0], id);
        }
        r
    }

    /// The table's title for a spelling ("Secretary-General" → "Secretary General").
    pub fn title(&self, name: &str) -> Option<&Title> {
        self.title_names
            .lookup(name)
            .and_then(|ids| ids.first())
            .and_then(|&i| self.titles.get(i as usize))
    }

    /// The title whose spelling has these word stems ([`stem::stem_folded`] of match-key
    /// words), in whatever case the words were.
    pub(crate) fn title_by_stems(&self, stems: &[String]) -> Option<&Title> {
        self.by_stems
            .get(stems)
            .and_then(|&i| self.titles.get(i as usize))
    }

    /// The most words a title's spelling has.
    pub(crate) fn most_title_words(&self) -> usize {
        self.most_words
    }

    pub(crate) fn honorific_gender(&self, id: u32) -> Option<Gender> {
        self.honorific_gender.get(id as usize).copied().flatten()
    }

    pub(crate) fn pronoun_gender(&self, id: u32) -> Option<Gender> {
        self.pronoun_gender.get(id as usize).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_languages_reach_the_table_title() {
        let r = get();
        assert_eq!(
            r.title("Secretary-General").unwrap().name,
            "Secretary General"
        );
        assert_eq!(r.title("predsjednik").unwrap().name, "President");
        assert_eq!(r.title("председник").unwrap().name, "President");
        assert!(r.title("General").unwrap().ambiguous);
        assert!(!r.title("Prime Minister").unwrap().ambiguous);
        assert!(r.title("table").is_none());
    }
}
