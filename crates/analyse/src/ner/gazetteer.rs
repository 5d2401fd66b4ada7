//! Name lists as tagger features: countries, capitals and cities from the shipped gazetteer
//! (`data/places.tsv.gz`) with the regions of `tables/regions.txt`, nationality words
//! (`tables/demonyms.txt`) and international bodies
//! (`tables/organisations.txt`). A match is only a feature: the tagger learns how far to trust it
//! ("Bar" is a town in Montenegro and a word). Lists are matched case-insensitively over tokens.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::text;

const DEMONYMS: &str = include_str!("../../tables/demonyms.txt");
const ORGANISATIONS: &str = include_str!("../../tables/organisations.txt");
const REGIONS: &str = include_str!("../../tables/regions.txt");
/// Cities of the world by size and first-level subdivisions (`scripts/gen-ner-places.py`).
static NER_PLACES: &[u8] = include_bytes!("../../data/ner-places.tsv.gz");

/// The files this module's features read, by name: see [`super::inputs_fingerprint`].
pub(super) fn inputs() -> [(&'static str, &'static [u8]); 5] {
    [
        ("tables/demonyms.txt", DEMONYMS.as_bytes()),
        ("tables/organisations.txt", ORGANISATIONS.as_bytes()),
        ("tables/regions.txt", REGIONS.as_bytes()),
        ("data/ner-places.tsv.gz", NER_PLACES),
        ("data/places.tsv.gz", crate::gazetteer::PLACES_GZ),
    ]
}

/// Kinds of list, as bits.
pub const COUNTRY: u8 = 1;
pub const CITY: u8 = 2;
pub const DEMONYM: u8 = 4;
pub const ORG: u8 = 8;
/// Cities of a million people or more, of 100,000 or more, of 15,000 or more (by the largest
/// city of the name), and states or provinces: features only, without coordinates, so that
/// "Oakland" or "Kerala" read as places though the resolving gazetteer lacks them.
pub const CITY_L: u8 = 16;
pub const CITY_M: u8 = 32;
pub const CITY_S: u8 = 64;
pub const SUBDIVISION: u8 = 128;
/// Number of kinds, each a bit of a name's [`u16`] entry.
pub const KINDS: usize = 8;
/// Marks a proper prefix of some name, so matching can stop early.
const PREFIX: u16 = 1 << 15;

/// No match of a kind over a token, in [`Gazetteer::matches_into`].
pub const NO_MATCH: u8 = u8::MAX;

/// Longest names matched, in tokens.
pub const MAX_LEN: usize = 6;

pub struct Gazetteer {
    names: FxHashMap<String, u16>,
}

impl Gazetteer {
    fn add(&mut self, name: &str, kind: u8) {
        let kind = u16::from(kind);
        let name = name.trim();
        if name.chars().count() < 2 {
            return;
        }
        let toks = text::tokens(name);
        if toks.is_empty() || toks.len() > MAX_LEN {
            return;
        }
        let mut key = String::new();
        for (i, t) in toks.iter().enumerate() {
            if i > 0 {
                *self.names.entry(key.clone()).or_insert(0) |= PREFIX;
                key.push(' ');
            }
            key.push_str(&t.text(name).to_lowercase());
        }
        *self.names.entry(key).or_insert(0) |= kind;
    }

    /// The kinds (bits) of the longest match of each kind covering each token, with the
    /// token's position in it (0 begin, 1 inside, 2 last, 3 unit); `lower` are lower-cased
    /// tokens.
    pub fn matches<S: AsRef<str>>(&self, lower: &[S]) -> Vec<Vec<(u8, u8)>> {
        let mut pos = Vec::new();
        self.matches_into(lower.len(), |i| lower[i].as_ref(), &mut pos);
        pos.iter()
            .map(|p| {
                (0..KINDS)
                    .filter(|&k| p[k] != NO_MATCH)
                    .map(|k| (1u8 << k, p[k]))
                    .collect()
            })
            .collect()
    }

    /// As [`Gazetteer::matches`] over the `n` tokens `lower(0)…`, into `out`: per token and
    /// kind bit k, the position in the longest match of kind `1 << k`, or [`NO_MATCH`].
    pub fn matches_into<'a>(
        &self,
        n: usize,
        lower: impl Fn(usize) -> &'a str,
        out: &mut Vec<[u8; KINDS]>,
    ) {
        self.matches_into_with(n, &lower, |i| self.word(lower(i)), out);
    }

    /// What one lower-case word alone is in the lists (kind and prefix bits), if anything:
    /// what [`Gazetteer::matches_into_with`] wants of each token.
    pub fn word(&self, lower: &str) -> Option<u16> {
        self.names.get(lower).copied()
    }

    /// As [`Gazetteer::matches_into`], with `word(i)` giving [`Gazetteer::word`] of token i
    /// (a caller that describes each distinct word once has it at hand).
    pub fn matches_into_with<'a>(
        &self,
        n: usize,
        lower: impl Fn(usize) -> &'a str,
        word: impl Fn(usize) -> Option<u16>,
        out: &mut Vec<[u8; KINDS]>,
    ) {
        let mut best: [Vec<(usize, usize)>; KINDS] = Default::default();
        out.clear();
        out.resize(n, [NO_MATCH; KINDS]);
        let mut key = String::new();
        for i in 0..n {
            let Some(mut bits) = word(i) else {
                continue;
            };
            let mut j = i;
            loop {
                for (k, spans) in best.iter_mut().enumerate() {
                    if bits & (1 << k) != 0 {
                        spans.push((i, j + 1));
                    }
                }
                j += 1;
                if bits & PREFIX == 0 || j >= n.min(i + MAX_LEN) {
                    break;
                }
                if j == i + 1 {
                    key.clear();
                    key.push_str(lower(i));
                }
                key.push(' ');
                key.push_str(lower(j));
                let Some(&b) = self.names.get(key.as_str()) else {
                    break;
                };
                bits = b;
            }
        }
        // A token takes the longest span of each kind over it, the earliest among equals.
        for (k, spans) in best.iter().enumerate() {
            let mut len = vec![0usize; if spans.is_empty() { 0 } else { n }];
            for &(s, e) in spans {
                for t in s..e {
                    if e - s > len[t] {
                        len[t] = e - s;
                        out[t][k] = match (t == s, t + 1 == e) {
                            (true, true) => 3,
                            (true, false) => 0,
                            (false, true) => 2,
                            (false, false) => 1,
                        };
                    }
                }
            }
        }
    }
}

impl Gazetteer {
    /// Whether one word alone names a country or city ("France", "Oakland").
    pub fn is_place(&self, word: &str) -> bool {
        self.names
            .get(word.to_lowercase().as_str())
            .is_some_and(|k| k & u16::from(COUNTRY | CITY) != 0)
    }
}

pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

fn build() -> Gazetteer {
    let mut g = Gazetteer {
        names: FxHashMap::default(),
    };
    for line in crate::gazetteer::places_tsv()
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(kind), Some(name)) = (cols.first(), cols.get(5)) else {
            continue;
        };
        let (bit, alternates) = match *kind {
            "country" => (COUNTRY, true),
            "capital" => (CITY, true),
            _ => (CITY, false),
        };
        g.add(name, bit);
        if alternates && let Some(alts) = cols.get(6) {
            for a in alts
                .split('|')
                .filter(|a| a.chars().all(|c| !c.is_ascii_digit()))
            {
                g.add(a, bit);
            }
        }
    }
    // Regions ("Western Balkans", "Middle East") are places of no one country: matched as
    // countries, the nearest kind.
    for line in REGIONS.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut cols = line.split('|');
        if let Some(name) = cols.next() {
            g.add(name, COUNTRY);
        }
        for alias in cols.nth(2).unwrap_or("").split(',') {
            // Initials ("SEE") are words too; only names with lower case letters are kept.
            if alias.chars().any(char::is_lowercase) {
                g.add(alias, COUNTRY);
            }
        }
    }
    for line in crate::gunzip_text(NER_PLACES)
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let Some((name, classes)) = line.split_once('\t') else {
            continue;
        };
        for c in classes.split(',') {
            let kind = match c {
                "c1" => CITY_L,
                "c2" => CITY_M,
                "c3" => CITY_S,
                "r" => SUBDIVISION,
                _ => continue,
            };
            g.add(name, kind);
        }
    }
    for line in DEMONYMS.lines() {
        let line = line.split('#').next().unwrap_or("");
        if let Some((_, forms)) = line.split_once('|') {
            for f in forms.split(',') {
                g.add(f, DEMONYM);
            }
        }
    }
    for line in ORGANISATIONS.lines() {
        let line = line.split('#').next().unwrap_or("");
        for name in line.split(['|', ',']) {
            // Lower-case aliases are ordinary words ("who") unless capitalised.
            if name.trim().chars().any(char::is_uppercase) {
                g.add(name, ORG);
            }
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_lowercase()).collect()
    }

    #[test]
    fn countries_cities_and_bodies_match_longest_first() {
        let g = get();
        let m = g.matches(&lower(&[
            "in",
            "Kosovo",
            "and",
            "Bosnia",
            "and",
            "Herzegovina",
            "NATO",
        ]));
        assert!(m[0].is_empty());
        assert!(m[1].contains(&(COUNTRY, 3)));
        assert!(m[3].contains(&(COUNTRY, 0)) && m[5].contains(&(COUNTRY, 2)));
        assert!(m[6].contains(&(ORG, 3)));
        let m = g.matches(&lower(&["BRUSSELS", "–", "Montenegrin"]));
        assert!(m[0].contains(&(CITY, 3)) && m[2].contains(&(DEMONYM, 3)));
    }

    #[test]
    fn world_cities_come_by_size_and_states_as_subdivisions() {
        let g = get();
        let m = g.matches(&lower(&["from", "Oakland", ",", "Kerala", "and", "London"]));
        assert!(m[0].is_empty());
        assert!(m[1].contains(&(CITY_M, 3)) && !m[1].iter().any(|&(k, _)| k == CITY));
        assert!(m[3].contains(&(SUBDIVISION, 3)));
        assert!(m[5].contains(&(CITY_L, 3)) && m[5].contains(&(CITY, 3)));
        // The extra lists are features only: places to resolve stay those of places.tsv.
        assert!(!g.is_place("Oakland") && g.is_place("London"));
    }
}
