//! In-document coreference for people. Names first: every name form that can name the same
//! bearer ("Jens Stoltenberg", "Stoltenberg", "STOLTENBERG", "Djukanovic") joins one person.
//! Then single capitalised words that are a known person's surname. Then role-only mentions
//! ("the NATO Secretary General", "The Secretary General"): the most recent person whose role
//! fits (same title; same owner when the mention names one). Then pronouns: the most recent
//! person of a compatible gender within a few sentences, outside quotations.

use crate::detect::{Found, RoleAt, What};
use crate::doc::Doc;
use rustc_hash::FxHashMap;

use crate::roles::Gender;
use crate::{lexicon, names};

/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_WINDOW: usize = 3;
/// Salience weights (see [`salience`]), set on GUM's train split.
/// (On train the subject bonus barely moves the figure: most misses are antecedents never
/// found, not wrong choices among those found.)
const SUBJECT_BONUS: f32 = 10.0;
const FREQUENCY_BONUS: f32 = 3.0;

#[derive(Debug, Clone, Default)]
pub(crate) struct Chain {
    /// The longest name form seen.
    pub name: String,
    pub variants: Vec<String>,
    pub roles: Vec<RoleAt>,
    pub gender: Option<Gender>,
}

#[derive(Debug, Default)]
pub(crate) struct Resolution {
    pub people: Vec<Chain>,
    /// For each `found` item: the person it refers to.
    pub link: Vec<Option<usize>>,
    /// For single words: whether they turned out to be a person's name.
    pub single_is_name: Vec<bool>,
}

fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (names::match_key(a), names::match_key(b));
    // "the Minister" fits "Foreign Minister"; "the Secretary General" fits "NATO Secretary General".
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

fn role_fits(mention: &RoleAt, held: &RoleAt) -> bool {
    if !same_title(&mention.title, &held.title) {
        return false;
    }
    match (&mention.of, &held.of) {
        (Some(m), Some(h)) => {
            names::same_name(m, h)
                || (mention.country.is_some() && mention.country == held.country)
                || crate::orgs::get()
                    .lookup(m)
                    .zip(crate::orgs::get().lookup(h))
                    .is_some_and(|(a, b)| a == b)
        }
        _ => true,
    }
}

/// Whether a name (as match-key words) can name the bearer of a fuller one: the same words, or
/// its last words ("Stoltenberg" → "Jens Stoltenberg"); see [`names::names_same_person`].
fn names_fit(short: &[String], full: &[String]) -> bool {
    !short.is_empty() && (short == full || (short.len() < full.len() && full.ends_with(short)))
}

fn compatible(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

pub(crate) fn resolve(doc: &Doc<'_>, found: &[Found]) -> Resolution {
    let mut r = Resolution {
        people: Vec::new(),
        link: vec![None; found.len()],
        single_is_name: vec![false; found.len()],
    };
    // Token position of each person's mentions, for recency.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| (found[k].start, found[k].end));

    // 1. Names: longest first, so that "Stoltenberg" finds "Jens Stoltenberg" wherever it is.
    let mut named: Vec<usize> = (0..found.len())
        .filter(|&k| matches!(found[k].what, What::Person { .. }))
        .collect();
    named.sort_by_key(|&k| {
        let What::Person { name, .. } = &found[k].what else {
            return (0, 0);
        };
        (usize::MAX - (name.1 - name.0), found[k].start)
    });
    // Each person's name as match-key words, and people by the last of those words.
    let mut person_words: Vec<Vec<String>> = Vec::new();
    let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &k in &named {
        let What::Person {
            name,
            roles,
            gender,
        } = &found[k].what
        else {
            continue;
        };
        let text = doc.slice(name.0, name.1).to_owned();
        let words = lexicon::words_of(&text);
        let Some(last) = words.last().cloned() else {
            continue;
        };
        let hit = by_last.get(&last).and_then(|ps| {
            ps.iter()
                .copied()
                .find(|&p| names_fit(&words, &person_words[p]))
        });
        let p = match hit {
            Some(p) => p,
            None => {
                r.people.push(Chain {
                    name: text.clone(),
                    ..Chain::default()
                });
                person_words.push(words);
                by_last.entry(last).or_default().push(r.people.len() - 1);
                r.people.len() - 1
            }
        };
        let chain = &mut r.people[p];
        if !chain.variants.contains(&text) {
            chain.variants.push(text);
        }
        for role in roles {
            if !chain.roles.contains(role) {
                chain.roles.push(role.clone());
            }
        }
        if chain.gender.is_none() {
            chain.gender = *gender;
        }
        r.link[k] = Some(p);
    }

    // 2. Single capitalised words naming a known person (the surname, or the whole name).
    for k in 0..found.len() {
        if found[k].what != What::Single {
            continue;
        }
        let word = doc.slice(found[k].start, found[k].end);
        let words = lexicon::words_of(word);
        let hits: Vec<usize> = words
            .last()
            .and_then(|l| by_last.get(l))
            .map(|ps| {
                ps.iter()
                    .copied()
                    .filter(|&p| names_fit(&words, &person_words[p]))
                    .collect()
            })
            .unwrap_or_default();
        let pick = match hits.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => last_before(&r, found, &order, found[k].start, many),
        };
        if let Some(p) = pick {
            r.link[k] = Some(p);
            r.single_is_name[k] = true;
            if !r.people[p].variants.iter().any(|v| v == word) {
                r.people[p].variants.push(word.to_owned());
            }
        }
    }

    // 3 and 4, in reading order so that each resolved mention is there for the next.
    let mut last_pos: Vec<Option<usize>> = vec![None; r.people.len()];
    let mut state: Vec<Option<Recent>> = vec![None; r.people.len()];
    let mut first_in_sent: std::collections::HashMap<usize, usize> = Default::default();
    let most_recent = |last_pos: &[Option<usize>], candidates: &[usize]| {
        candidates
            .iter()
            .filter_map(|&p| last_pos[p].map(|at| (at, p)))
            .max()
            .map(|(_, p)| p)
    };
    for &k in &order {
        match &found[k].what {
            What::Nominal { role, appos } => {
                if let Some(a) = appos {
                    r.link[k] = r.link[*a];
                } else {
                    let fits: Vec<usize> = (0..r.people.len())
                        .filter(|&p| r.people[p].roles.iter().any(|h| role_fits(role, h)))
                        .collect();
                    r.link[k] = match fits.as_slice() {
                        [] => None,
                        [one] => Some(*one),
                        many => most_recent(&last_pos, many).or_else(|| many.first().copied()),
                    };
                }
            }
            What::Pronoun { gender } => {
                let at = found[k].start;
                let sent = doc.toks[at].sent;
                let best = (0..r.people.len())
                    .filter(|&p| compatible(*gender, r.people[p].gender))
                    .filter_map(|p| {
                        let s = state[p]?;
                        (s.sent + PRONOUN_WINDOW >= sent).then(|| (salience(&s, sent, at), p))
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, p)) = best {
                    r.link[k] = Some(p);
                    if r.people[p].gender.is_none() {
                        r.people[p].gender = *gender;
                    }
                }
            }
            _ => {}
        }
        if let Some(p) = r.link[k] {
            let at = found[k].start;
            let sent = doc.toks[at].sent;
            last_pos[p] = Some(at);
            let subject = first_in_sent.get(&sent).is_none_or(|&q| q == p);
            first_in_sent.entry(sent).or_insert(p);
            let count = state[p].map_or(0, |s| s.count) + 1;
            state[p] = Some(Recent {
                sent,
                subject,
                count,
            });
        }
    }
    r
}

/// Where a person last stood, for pronoun salience.
#[derive(Debug, Clone, Copy)]
struct Recent {
    sent: usize,
    /// The person's mention was the first person mention of its sentence (mostly its subject).
    subject: bool,
    count: usize,
}

/// Salience of a person for a pronoun in sentence `sent`: recent sentences weigh most, the
/// subject of a sentence outranks other mentions in it, and often-mentioned people (the
/// story's protagonist) gain a little.
fn salience(s: &Recent, sent: usize, _at: usize) -> f32 {
    let distance = sent.saturating_sub(s.sent) as f32;
    let mut score = 100.0 / (1.0 + distance);
    if s.subject {
        score += SUBJECT_BONUS;
    }
    score + (s.count.min(10) as f32) * FREQUENCY_BONUS
}

/// The person among `candidates` mentioned last before token `pos`.
fn last_before(
    r: &Resolution,
    found: &[Found],
    order: &[usize],
    pos: usize,
    candidates: &[usize],
) -> Option<usize> {
    order
        .iter()
        .rev()
        .filter(|&&k| found[k].start < pos)
        .filter_map(|&k| r.link[k])
        .find(|p| candidates.contains(p))
}
