//! Organisations: a curated table of international bodies and their aliases, and the head
//! words that make a capitalised name an organisation or a facility.

use std::sync::OnceLock;

use crate::lexicon::{self, Matcher};

const ORGANISATIONS: &str = include_str!("../../tables/organisations.txt");
const HEADS: &str = include_str!("../../tables/org_heads.txt");
const HEADS_SH: &str = include_str!("../../tables/org_heads_sh.txt");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    /// Aliases written in capitals in the table ("NATO", "WHO"): only all-caps text matches them.
    pub caps_only: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Organisation,
    Facility,
    /// A geographic name ("Fort Lee", "Ring Road").
    Location,
    /// An event, law, award or work: no entity, but no person either.
    Misc,
}

#[derive(Debug, Default)]
pub struct Orgs {
    pub known: Vec<Known>,
    pub(crate) names: Matcher,
    pub(crate) heads: Matcher,
    head_kind: Vec<Head>,
    /// Stems of the sr/hr/bs first words of `org_heads_sh.txt`, with their kind.
    heads_sh: rustc_hash::FxHashMap<String, Head>,
}

pub fn get() -> &'static Orgs {
    static O: OnceLock<Orgs> = OnceLock::new();
    O.get_or_init(Orgs::load)
}

/// Whether an alias is an acronym that must be written in capitals to count.
fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

impl Orgs {
    fn load() -> Self {
        let mut o = Orgs::default();
        for row in lexicon::rows(ORGANISATIONS) {
            let id = o.known.len() as u32;
            let mut known = Known {
                name: row[0].to_owned(),
                caps_only: Vec::new(),
            };
            let mut all = vec![row[0].to_owned()];
            all.extend(lexicon::list(row.get(1)));
            for a in &all {
                if is_acronym(a) {
                    known.caps_only.push(crate::names::match_key(a));
                }
                o.names.add(a, id);
            }
            o.known.push(known);
        }
        for row in lexicon::rows(HEADS) {
            let id = o.head_kind.len() as u32;
            o.head_kind.push(match row.get(1).copied() {
                Some("fac") => Head::Facility,
                Some("loc") => Head::Location,
                Some("misc") => Head::Misc,
                _ => Head::Organisation,
            });
            o.heads.add(row[0], id);
        }
        for row in lexicon::rows(HEADS_SH) {
            let kind = match row.get(1).copied() {
                Some("fac") => Head::Facility,
                _ => Head::Organisation,
            };
            if let Some(first) = row[0].split_whitespace().next() {
                o.heads_sh.insert(crate::stem::stem(first), kind);
            }
        }
        o
    }

    /// The kind a Serbian, Croatian or Bosnian word in any case gives the name it opens
    /// ("Sveučilišta …" → organisation).
    pub fn first_head_sh(&self, word: &str) -> Option<Head> {
        self.heads_sh.get(&crate::stem::stem(word)).copied()
    }

    /// The kind a head word gives a name ("Forces" → organisation, "Headquarters" → facility).
    pub fn head(&self, word: &str) -> Option<Head> {
        self.heads
            .lookup(word)
            .and_then(|ids| ids.first())
            .and_then(|&i| self.head_kind.get(i as usize))
            .copied()
    }

    /// A known organisation by any alias.
    pub fn lookup(&self, name: &str) -> Option<&Known> {
        self.names
            .lookup(name)
            .and_then(|ids| ids.first())
            .and_then(|&i| self.known.get(i as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_reach_their_body() {
        let o = get();
        assert_eq!(
            o.lookup("NATO").unwrap().name,
            "North Atlantic Treaty Organization"
        );
        assert_eq!(o.lookup("EU").unwrap().name, "European Union");
        assert_eq!(o.lookup("United Nations").unwrap().name, "United Nations");
        assert!(o.lookup("Kosovo").is_none());
        assert_eq!(o.head("Forces"), Some(Head::Organisation));
        assert_eq!(o.head("Headquarters"), Some(Head::Facility));
    }
}
