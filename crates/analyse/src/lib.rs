//! Analysis of one article: sentences and tokens, entity mentions, people with roles, name keys,
//! coreference, places, organisations, quotations and events. Pure: text in, [`model::Analysis`] out.
//!
//! Order: tokens and sentences ([`text`]) → table and title driven detection (`detect`) →
//! people linked across names, roles and pronouns ([`coref`]) → organisations and places with
//! their aliases and acronyms → quotations ([`quotes`]) and events ([`events`]), which read the
//! people, mentions and places found before them.

pub mod cluster;
pub mod coref;
mod detect;
mod doc;
pub mod events;
pub mod gazetteer;
mod lexicon;
pub mod names;
pub mod ner;
pub mod orgs;
pub mod plain;
pub mod quotes;
pub mod roles;
pub mod stem;
pub mod text;

use std::collections::HashMap;
use std::io::Read;

use model::{
    AnalysedArticle, Analysis, Article, CharIndex, EntityKind, Mention, MentionForm, Organisation,
    Person, Place, PlaceKind, Role,
};

use detect::{Found, What};
use doc::{Case, Doc};

/// Analyses an extracted article.
pub fn analyse(article: &Article) -> Analysis {
    let mut analysis = entities(
        &article.text,
        article.dateline.as_ref().map(|d| d.place.as_str()),
        article.language.as_deref(),
    );
    analysis.quotes = quotes::find(&article.text, &analysis);
    // Extraction takes the dateline out of the text; plain text still opens with it.
    let dateline = match &article.dateline {
        Some(d) => Some(d.place.clone()),
        None => plain::find_dateline(&article.text).map(|d| d.place),
    };
    analysis.events = events::find_in(
        &article.text,
        article.published.as_deref(),
        dateline.as_deref(),
        &analysis,
    );
    analysis
}

/// Analyses an article and completes it: a dateline found in the text when extraction found
/// none, and the dateline's country from the gazetteer.
pub fn enrich(mut article: Article) -> AnalysedArticle {
    if article.dateline.is_none() {
        article.dateline = plain::find_dateline(&article.text);
    }
    if let Some(d) = article.dateline.as_mut()
        && d.country.is_none()
    {
        d.country = gazetteer::get()
            .lookup(&d.place)
            .and_then(|e| e.country.clone());
    }
    let analysis = analyse(&article);
    AnalysedArticle { article, analysis }
}

fn to_role(r: &detect::RoleAt) -> Role {
    Role {
        title: r.title.clone(),
        of: r.of.clone(),
        country: r.country.clone(),
    }
}

/// Initials of a multi-word name's capitalised words ("Western Balkans" → "WB").
fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return String::new();
    }
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// People, organisations, places and their mentions; quotes and events are left empty.
/// `language` (an ISO 639 code) picks the tagger's model; `None` reads the text as English.
pub fn entities(text: &str, dateline_place: Option<&str>, language: Option<&str>) -> Analysis {
    let mut doc = Doc::new(text);
    let chars = CharIndex::new(text);
    // Serbian, Croatian and Bosnian name places in seven cases ("u Zagrebu", "sa Srbijom").
    let case_forms = language.is_some_and(ner::is_serbo_croatian);
    if !case_forms {
        let orgs = orgs::get();
        doc.read_shouted(|w| orgs.head(w).is_some());
    }
    let found = detect::Detector::new(&doc, tagger_hints(&doc, language))
        .with_case_forms(case_forms)
        .with_noun_caps(language.is_some_and(capitalises_nouns))
        .run();
    let res = coref::resolve(&doc, &found, case_forms);
    let gaz = gazetteer::get();
    let known_orgs = orgs::get();

    let mut analysis = Analysis {
        sentences: doc
            .sents
            .iter()
            .filter(|r| r.start < r.end)
            .map(|r| {
                let b = doc.bytes(r.start, r.end);
                chars.span(b.start, b.end)
            })
            .collect(),
        ..Analysis::default()
    };
    analysis.people = res
        .people
        .iter()
        .enumerate()
        .map(|(id, c)| {
            let written = text::without_zero_width(&c.name);
            // A person the article names only in an oblique case is shown in the nominative
            // when the reading is sure; the written form stays among the variants.
            let restored = case_forms
                .then(|| {
                    stem::nominative(&written).or_else(|| fuller_nominative(&written, &c.variants))
                })
                .flatten();
            let name = match &restored {
                Some(nominative) => std::borrow::Cow::Borrowed(nominative.as_str()),
                None => written.clone(),
            };
            let (case_key, plainness) = stem::person_case_key(&name);
            Person {
                id,
                key: names::key(&name),
                case_key,
                plainness,
                surname_key: stem::surname_key(&name),
                name: name.into_owned(),
                variants: c
                    .variants
                    .iter()
                    .chain(restored.is_some().then_some(&c.name))
                    .fold(Vec::new(), |mut seen, v| {
                        let v = text::without_zero_width(v).into_owned();
                        if !seen.contains(&v) {
                            seen.push(v);
                        }
                        seen
                    }),
                roles: c.roles.iter().map(to_role).collect(),
                mentions: Vec::new(),
            }
        })
        .collect();

    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| (found[k].start, std::cmp::Reverse(found[k].end)));
    let mut org_ids: HashMap<String, usize> = HashMap::new();
    let mut place_ids: HashMap<String, usize> = HashMap::new();
    let mut acronyms = Vec::new();
    for &k in &order {
        let f: &Found = &found[k];
        let b = doc.bytes(f.start, f.end);
        let span = chars.span(b.start, b.end);
        let surface = doc.slice(f.start, f.end).to_owned();
        let mention = |kind, form, entity| Mention {
            kind,
            form,
            span,
            text: surface.clone(),
            entity,
            confidence: f.confidence,
        };
        let m = match &f.what {
            What::Person { .. } => mention(EntityKind::Person, MentionForm::Name, res.link[k]),
            What::Single if res.single_is_name[k] => {
                mention(EntityKind::Person, MentionForm::Name, res.link[k])
            }
            What::Single => {
                if doc.toks[f.start].case == Case::Upper {
                    acronyms.push(k);
                }
                continue;
            }
            What::Nominal { .. } => mention(EntityKind::Person, MentionForm::Nominal, res.link[k]),
            What::Pronoun { .. } => mention(EntityKind::Person, MentionForm::Pronoun, res.link[k]),
            What::Org { known } => {
                let (key, canonical) = match known {
                    Some(i) => {
                        let n = &known_orgs.known[*i].name;
                        (names::key(n), Some(n.clone()))
                    }
                    None => (names::key(&surface), None),
                };
                let id = *org_ids.entry(key.clone()).or_insert_with(|| {
                    analysis.organisations.push(Organisation {
                        id: analysis.organisations.len(),
                        name: surface.clone(),
                        key,
                        aliases: canonical.into_iter().collect(),
                        mentions: Vec::new(),
                    });
                    analysis.organisations.len() - 1
                });
                let o = &mut analysis.organisations[id];
                if surface.chars().count() > o.name.chars().count() {
                    let old = std::mem::replace(&mut o.name, surface.clone());
                    o.aliases.push(old);
                } else if o.name != surface && !o.aliases.contains(&surface) {
                    o.aliases.push(surface.clone());
                }
                o.aliases.retain(|a| *a != o.name);
                mention(EntityKind::Organisation, MentionForm::Name, Some(id))
            }
            What::Place { entry, kind } => {
                let (entry, kind) = match entry {
                    None if case_forms => match gaz.lookup_inflected(&surface) {
                        Some(e) => (Some(e), gaz.entries[e].kind),
                        None => (None, *kind),
                    },
                    _ => (*entry, *kind),
                };
                let id = place_id(&mut analysis, &mut place_ids, entry, kind, &surface);
                let p = &mut analysis.places[id];
                if p.name != surface && !p.aliases.contains(&surface) {
                    p.aliases.push(surface.clone());
                }
                let kind = if kind == PlaceKind::Facility {
                    EntityKind::Facility
                } else {
                    EntityKind::Location
                };
                mention(kind, MentionForm::Name, Some(id))
            }
        };
        analysis.mentions.push(m);
    }

    // Acronyms a text uses for a name it also spells out ("the WB" for the Western Balkans).
    for k in acronyms {
        let f = &found[k];
        let word = doc.slice(f.start, f.end).to_owned();
        let b = doc.bytes(f.start, f.end);
        let span = chars.span(b.start, b.end);
        let place = analysis.places.iter().position(|p| {
            initials(&p.name) == word || p.aliases.iter().any(|a| initials(a) == word)
        });
        let org = analysis.organisations.iter().position(|o| {
            initials(&o.name) == word || o.aliases.iter().any(|a| initials(a) == word)
        });
        let (kind, entity) = match (place, org) {
            (Some(p), _) => {
                let place = &mut analysis.places[p];
                if !place.aliases.contains(&word) {
                    place.aliases.push(word.clone());
                }
                let kind = if place.kind == PlaceKind::Facility {
                    EntityKind::Facility
                } else {
                    EntityKind::Location
                };
                (kind, p)
            }
            (None, Some(o)) => {
                let org = &mut analysis.organisations[o];
                if !org.aliases.contains(&word) {
                    org.aliases.push(word.clone());
                }
                (EntityKind::Organisation, o)
            }
            (None, None) => continue,
        };
        analysis.mentions.push(Mention {
            kind,
            form: MentionForm::Name,
            span,
            text: word,
            entity: Some(entity),
            confidence: 0.6,
        });
    }

    // The dateline is a place of the story even when extraction took it out of the text.
    if let Some(place) = dateline_place
        && let Some(ids) = gaz.names.lookup(place)
        && let Some(e) = gaz.best(ids)
    {
        place_id(
            &mut analysis,
            &mut place_ids,
            Some(e),
            gaz.entries[e].kind,
            place,
        );
    }

    analysis
        .mentions
        .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    for (i, m) in analysis.mentions.iter().enumerate() {
        let Some(e) = m.entity else { continue };
        let list = match m.kind {
            EntityKind::Person => analysis.people.get_mut(e).map(|p| &mut p.mentions),
            EntityKind::Organisation => analysis.organisations.get_mut(e).map(|o| &mut o.mentions),
            EntityKind::Location | EntityKind::Facility => {
                analysis.places.get_mut(e).map(|p| &mut p.mentions)
            }
            EntityKind::Misc => None,
        };
        if let Some(list) = list {
            list.push(i);
        }
    }
    analysis
}

/// German and Luxembourgish ("de", "de-AT", "lb"): every noun is capitalised.
fn capitalises_nouns(language: &str) -> bool {
    let base = language.split(['-', '_']).next().unwrap_or("");
    ["de", "deu", "ger", "lb", "ltz"]
        .iter()
        .any(|c| base.eq_ignore_ascii_case(c))
}

/// The statistical tagger's mentions by their first token; `None` when no model is loaded.
fn tagger_hints(doc: &Doc<'_>, language: Option<&str>) -> Option<detect::Hints> {
    let tagger = ner::shipped_for(language)
        .ok()
        .filter(|t| t.features() > 0)?;
    let tokens: Vec<text::Token> = doc
        .toks
        .iter()
        .map(|t| text::Token {
            start: t.start,
            end: t.end,
        })
        .collect();
    let mut hints = detect::Hints::new();
    for e in tagger.tag(doc.text, &tokens) {
        let Ok(s) = doc.toks.binary_search_by_key(&e.start, |t| t.start) else {
            continue;
        };
        let end = doc.toks.partition_point(|t| t.end <= e.end);
        if end > s {
            hints.insert(s, (end, e.kind, e.confidence));
        }
    }
    Some(hints)
}

fn place_id(
    analysis: &mut Analysis,
    ids: &mut HashMap<String, usize>,
    entry: Option<usize>,
    kind: PlaceKind,
    surface: &str,
) -> usize {
    let gaz = gazetteer::get();
    let e = entry.and_then(|e| gaz.entries.get(e));
    let key = match e {
        Some(e) => format!(
            "{}:{}",
            e.country.as_deref().unwrap_or("-"),
            names::key(&e.name)
        ),
        None => names::key(surface),
    };
    *ids.entry(key).or_insert_with(|| {
        analysis.places.push(Place {
            id: analysis.places.len(),
            name: e.map_or_else(|| surface.to_owned(), |e| e.name.clone()),
            key: names::key(e.map_or(surface, |e| e.name.as_str())),
            kind,
            country: e.and_then(|e| e.country.clone()),
            lat: e.and_then(|e| e.lat),
            lon: e.and_then(|e| e.lon),
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
        analysis.places.len() - 1
    })
}

/// The text of a gzipped data file built into the binary. A file that does not decompress would
/// be a packaging bug; it costs only what is built on it, never the analysis, so it reads as
/// empty.
fn gunzip_text(gz: &[u8]) -> String {
    let mut text = String::new();
    if flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .is_err()
    {
        text.clear();
    }
    text
}

/// The nominative of the fullest name a person's chain gives, when the chosen name is shorter
/// and ends in the same word: "Davutoglu" beside "Ahmetom Davutogluom" is "Ahmet Davutoglu",
/// "Đinđić" beside "Zoranu Đinđiću" is "Zoran Đinđić", when [`stem::nominative`] is sure.
fn fuller_nominative(name: &str, variants: &[String]) -> Option<String> {
    let n = name.split_whitespace().count();
    let last = name.split_whitespace().last()?;
    let fullest = variants
        .iter()
        .filter(|v| v.split_whitespace().count() > n)
        .max_by_key(|v| v.split_whitespace().count())?;
    let restored = stem::nominative(fullest)?;
    (restored.split_whitespace().last() == Some(last)).then_some(restored)
}
