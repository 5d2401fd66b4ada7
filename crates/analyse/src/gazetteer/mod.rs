//! Places: countries, cities and regions with their names in several languages and scripts,
//! resolved to an ISO 3166-1 code and coordinates. The data ship inside the binary
//! (`data/places.tsv.gz`, made by `scripts/gen_gazetteer.py` from iso-codes and GeoNames) and
//! are parsed once, on first use.

use std::sync::OnceLock;

use model::PlaceKind;

use crate::lexicon::{self, Matcher};

const PLACES_GZ: &[u8] = include_bytes!("../../data/places.tsv.gz");

/// The places table's text, decompressed once for the gazetteer and the tagger's place features.
pub(crate) fn places_tsv() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| crate::gunzip_text(PLACES_GZ))
}
const REGIONS: &str = include_str!("../../tables/regions.txt");
const DEMONYMS: &str = include_str!("../../tables/demonyms.txt");
const STATE_FORMS: &str = include_str!("../../tables/state_forms.txt");

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub kind: PlaceKind,
    pub capital: bool,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
}

impl Entry {
    /// Which of several places with one name a bare mention means: countries first, then
    /// regions, then capitals, then the most populous city.
    fn rank(&self) -> (u8, u64) {
        let class = match self.kind {
            PlaceKind::Country => 4,
            PlaceKind::Region => 3,
            _ if self.capital => 2,
            _ => 1,
        };
        (class, self.population)
    }
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub(crate) names: Matcher,
    pub(crate) demonyms: Matcher,
    demonym_country: Vec<String>,
    pub(crate) state_forms: Matcher,
}

/// The shipped gazetteer, loaded on first use.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::load)
}

fn num(s: Option<&&str>) -> Option<f64> {
    s.and_then(|s| s.parse().ok())
}

impl Gazetteer {
    fn load() -> Self {
        let mut g = Gazetteer::default();
        for f in places_tsv().lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = f.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            let kind = match f[0] {
                "country" => PlaceKind::Country,
                _ => PlaceKind::City,
            };
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                name: f[5].to_owned(),
                kind,
                capital: f[0] == "capital",
                country: Some(f[1].to_owned()),
                lat: num(f.get(2)),
                lon: num(f.get(3)),
                population: f[4].parse().unwrap_or(0),
            });
            g.names.add(f[5], id);
            for alt in f.get(6).map_or("", |s| s).split('|') {
                g.names.add(alt, id);
            }
        }
        for row in lexicon::rows(REGIONS) {
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                name: row[0].to_owned(),
                kind: PlaceKind::Region,
                capital: false,
                country: None,
                lat: num(row.get(1)),
                lon: num(row.get(2)),
                population: 0,
            });
            g.names.add(row[0], id);
            for alias in lexicon::list(row.get(3)) {
                g.names.add(&alias, id);
            }
        }
        for row in lexicon::rows(DEMONYMS) {
            let id = g.demonym_country.len() as u32;
            g.demonym_country.push(row[0].to_owned());
            for form in lexicon::list(row.get(1)) {
                g.demonyms.add(&form, id);
            }
        }
        for row in lexicon::rows(STATE_FORMS) {
            g.state_forms.add(row[0], 0);
        }
        g
    }

    /// The best entry among several that share a name.
    pub(crate) fn best(&self, ids: &[u32]) -> Option<usize> {
        ids.iter()
            .map(|&i| i as usize)
            .filter(|&i| i < self.entries.len())
            .max_by_key(|&i| self.entries[i].rank())
    }

    /// A place by any of its names ("Brussels", "BRUSSELS", "Bruxelles", "Брисел").
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.names
            .lookup(name)
            .and_then(|ids| self.best(ids))
            .map(|i| &self.entries[i])
    }

    /// The country of a nationality word ("Montenegrin" → "ME").
    pub fn demonym(&self, word: &str) -> Option<&str> {
        self.demonyms
            .lookup(word)
            .and_then(|ids| ids.first())
            .and_then(|&i| self.demonym_country.get(i as usize))
            .map(String::as_str)
    }

    pub(crate) fn demonym_id(&self, id: u32) -> Option<&str> {
        self.demonym_country.get(id as usize).map(String::as_str)
    }

    /// The country entry of an ISO code.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind == PlaceKind::Country && e.country.as_deref() == Some(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_resolve_in_every_shipped_language_and_script() {
        let g = get();
        for (name, code) in [
            ("Montenegro", "ME"),
            ("Crna Gora", "ME"),
            ("Црна Гора", "ME"),
            ("Mali i Zi", "ME"),
            ("Kosovo", "XK"),
            ("Kosova", "XK"),
            ("Belgium", "BE"),
            ("Grčka", "GR"),
            ("Italy", "IT"),
        ] {
            let e = g.lookup(name).unwrap_or_else(|| panic!("{name} not found"));
            assert_eq!(e.country.as_deref(), Some(code), "{name}");
            assert_eq!(e.kind, PlaceKind::Country, "{name}");
        }
    }

    #[test]
    fn cities_resolve_with_coordinates_and_alternate_names() {
        let g = get();
        let b = g.lookup("BRUSSELS").unwrap();
        assert_eq!(b.country.as_deref(), Some("BE"));
        assert!((b.lat.unwrap() - 50.85).abs() < 0.1);
        assert_eq!(g.lookup("Bruxelles").unwrap().name, "Brussels");
        assert_eq!(g.lookup("Београд").unwrap().country.as_deref(), Some("RS"));
        assert_eq!(g.lookup("Priština").unwrap().country.as_deref(), Some("XK"));
    }

    #[test]
    fn regions_have_no_country_and_demonyms_map_to_one() {
        let g = get();
        let wb = g.lookup("Western Balkans").unwrap();
        assert_eq!(wb.kind, PlaceKind::Region);
        assert_eq!(wb.country, None);
        assert_eq!(g.demonym("Afghan"), Some("AF"));
        assert_eq!(g.demonym("Montenegrin"), Some("ME"));
        assert_eq!(g.demonym("Serbian"), Some("RS"));
        assert_eq!(g.demonym("table"), None);
    }
}
