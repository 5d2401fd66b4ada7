//! Places: countries, cities and regions with their names in several languages and scripts,
//! resolved to an ISO 3166-1 code and coordinates. The data ship inside the binary
//! (`data/places.tsv.gz`, made by `scripts/gen_gazetteer.py` from iso-codes and GeoNames) and
//! are parsed once, on first use.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use model::PlaceKind;

use crate::lexicon::{self, Matcher};
use crate::{names, stem};

pub(crate) const PLACES_GZ: &[u8] = include_bytes!("../../data/places.tsv.gz");

/// The places table's text, decompressed once for the gazetteer and the tagger's place features.
pub(crate) fn places_tsv() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| crate::gunzip_text(PLACES_GZ))
}
const REGIONS: &str = include_str!("../../tables/regions.txt");
const DEMONYMS: &str = include_str!("../../tables/demonyms.txt");
const STATE_FORMS: &str = include_str!("../../tables/state_forms.txt");

/// Letters a stem key needs before case forms are looked up by it ("Srbiji" → "srb").
const MIN_STEM_LETTERS: usize = 3;

/// Where Serbian, Croatian and Bosnian news is written: their places win ties of case forms.
const REGION_COUNTRIES: [&str; 8] = ["RS", "HR", "BA", "ME", "MK", "XK", "SI", "AL"];

/// The key of a place name's case forms: [`stem::name_key`] after the feminine adjective
/// ending "-oj" (dative and locative: "Crnoj Gori", "Južnoj Africi", "Hrvatskoj"), which that
/// key keeps because names such as "Tolstoj" end in it, is put back to the nominative "-a" in
/// words of five letters or more: "Hrvatskoj" then keys as "Hrvatska" does, whatever the
/// stemmer makes of "-ska".
fn place_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| match w.strip_suffix("oj") {
            Some(stem) if w.chars().count() >= 5 => format!("{stem}a"),
            _ => w.to_owned(),
        })
        .collect();
    stem::name_key(&words.join(" "))
}

/// Nominatives a case form may come from, when the stem key misses them (the stemmer cannot
/// undo these changes of the word's end):
/// - neuter names in -je lose the -e in every other case: "u Skoplju" → "Skoplje";
/// - -ka, -ga, -ha soften before -i: "u Banja Luci" → "Banja Luka", "Južnoj Africi" →
///   "Južna Afrika" (the "-oj" of the adjective is put back by [`place_key`]);
/// - a fleeting a drops from the last syllable: "na Cipru", "iz Kipra" → "Cipar", "Kipar".
fn nominatives(name: &str) -> Vec<String> {
    let (head, last) = match name.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, name),
    };
    let cyrillic = names::has_cyrillic(last);
    let whole = |w: String| match head {
        Some(h) => format!("{h} {w}"),
        None => w,
    };
    let mut out = Vec::new();
    let stripped = ["em", "om", "u", "a", "ем", "ом", "у", "а"]
        .iter()
        .find_map(|e| last.strip_suffix(e).map(|s| (s, *e)));
    if let Some((stem, _)) = stripped {
        if stem.ends_with(['j', 'ј', 'љ', 'њ']) {
            out.push(whole(format!("{stem}{}", if cyrillic { "е" } else { "e" })));
        }
        // A fleeting a: a consonant before a final r or l ("Cipr-u" of "Cipar").
        let chars: Vec<char> = stem.chars().collect();
        if let [.., a, b] = chars.as_slice()
            && chars.len() >= 3
            && matches!(b, 'r' | 'l' | 'р' | 'л')
            && !is_vowel(*a)
        {
            let base: String = chars[..chars.len() - 1].iter().collect();
            out.push(whole(format!(
                "{base}{}{b}",
                if cyrillic { 'а' } else { 'a' }
            )));
        }
    }
    for (soft, hard) in [
        ("ci", "ka"),
        ("zi", "ga"),
        ("si", "ha"),
        ("ци", "ка"),
        ("зи", "га"),
        ("си", "ха"),
    ] {
        if let Some(stem) = last.strip_suffix(soft) {
            out.push(whole(format!("{stem}{hard}")));
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next(),
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'а' | 'е' | 'и' | 'о' | 'у')
    )
}

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
    /// Every name of every place with its entry, for the index of case forms.
    spellings: Vec<(Cow<'static, str>, u32)>,
    /// Stem keys of `spellings`, built on the first lookup of a case form.
    inflected: OnceLock<HashMap<String, Vec<u32>>>,
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
            g.spellings.push((Cow::Borrowed(f[5]), id));
            for alt in f.get(6).map_or("", |s| s).split('|') {
                g.names.add(alt, id);
                g.spellings.push((Cow::Borrowed(alt), id));
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
            g.spellings.push((Cow::Borrowed(row[0]), id));
            for alias in lexicon::list(row.get(3)) {
                g.names.add(&alias, id);
                g.spellings.push((Cow::Owned(alias), id));
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

    /// A place named in a Serbian, Croatian or Bosnian case form ("Zagrebu", "Crnoj Gori",
    /// "Bosni i Hercegovini", "Briselu"): the place with a name of the same [`place_key`].
    /// Of several, a country first, then a region, then a capital ("Beču" is Vienna, not
    /// Bečej), then a place in the former Yugoslavia or Albania ("Baru" is Bar in
    /// Montenegro, not Bari), then the most populous. For text in those
    /// languages, after [`Gazetteer::lookup`] found nothing: stems of other languages' words
    /// are not meant to meet.
    pub fn lookup_inflected(&self, name: &str) -> Option<usize> {
        self.lookup_key(&place_key(name)).or_else(|| {
            // A guessed nominative may hit a small town far away ("u Zagorju", the Croatian
            // region, is no Zagor'ye in Russia): only a country, a capital, a place in the
            // region or a large city.
            nominatives(name)
                .iter()
                .find_map(|n| self.lookup_key(&place_key(n)))
                .filter(|&i| {
                    let e = &self.entries[i];
                    e.rank().0 >= 2
                        || e.population >= 100_000
                        || e.country
                            .as_deref()
                            .is_some_and(|c| REGION_COUNTRIES.contains(&c))
                })
        })
    }

    fn lookup_key(&self, key: &str) -> Option<usize> {
        if key.chars().filter(|c| c.is_alphabetic()).count() < MIN_STEM_LETTERS {
            return None;
        }
        let index = self.inflected.get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            for (name, id) in &self.spellings {
                let ids = index.entry(place_key(name)).or_default();
                if !ids.contains(id) {
                    ids.push(*id);
                }
            }
            index
        });
        index
            .get(key)?
            .iter()
            .map(|&i| i as usize)
            .max_by_key(|&i| {
                let e = &self.entries[i];
                let (class, population) = e.rank();
                let near = e
                    .country
                    .as_deref()
                    .is_some_and(|c| REGION_COUNTRIES.contains(&c));
                (class, near, population)
            })
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
    fn case_forms_of_places_resolve_in_serbo_croatian() {
        let g = get();
        let country = |name: &str| {
            g.lookup_inflected(name)
                .and_then(|i| g.entries[i].country.clone())
        };
        for (form, code) in [
            ("Crnoj Gori", "ME"),
            ("Skoplju", "MK"),
            ("Banja Luci", "BA"),
            ("Južnoj Africi", "ZA"),
            ("Cipru", "CY"),
            ("Kipra", "CY"),
            ("Skoplja", "MK"),
            ("Скопљу", "MK"),
            ("Srbiji", "RS"),
            ("Srbijom", "RS"),
            ("Zagrebu", "HR"),
            ("Prištini", "XK"),
            ("Kosovu", "XK"),
            ("Briselu", "BE"),
            ("Бриселу", "BE"),
            ("Moskvi", "RU"),
            ("Podgorici", "ME"),
            ("Beču", "AT"),
            ("Hrvatskoj", "HR"),
            ("Rumunjskoj", "RO"),
            ("Njemačkoj", "DE"),
            ("Hrvatske", "HR"),
        ] {
            assert_eq!(country(form).as_deref(), Some(code), "{form}");
        }
        // Too short a stem to trust.
        assert_eq!(country("Nu"), None);
        // A guessed nominative takes no small town abroad: "u Zagorju" is the Croatian
        // region, not Zagor'ye in Russia.
        assert_ne!(country("Zagorju").as_deref(), Some("RU"));
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
