//! Events: meetings, visits, talks, phone calls, press conferences, summits.
//!
//! A trigger from `tables/event_triggers_en.txt` in a sentence makes an event; its evidence is
//! the comma-delimited clause around the trigger (or, for a named event, the name and the time
//! words before it), its participants the people the analysis found there, its place the
//! facility and city named there (a facility's city defaults to the dateline's), and its date the
//! time words there resolved against the publication date.

pub(crate) mod time;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use model::{Analysis, CharIndex, EntityKind, Event, EventKind, PlaceKind};

use crate::quotes::lexicon::low;
use crate::quotes::marks;
use crate::quotes::tokens::{self, Kind, Tok};
use time::{Date, Tense, TimeWord};

const TRIGGERS: &str = include_str!("../../tables/event_triggers_en.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Verb,
    Noun,
    Named,
}

/// Lower-cased first word → (words, kind, role), longest first.
type Triggers = HashMap<String, Vec<(Vec<String>, EventKind, Role)>>;

fn triggers() -> &'static Triggers {
    static T: OnceLock<Triggers> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: Triggers = HashMap::new();
        for line in TRIGGERS.lines() {
            let line = line.split('#').next().unwrap_or("");
            let cols: Vec<&str> = line
                .split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if cols.len() < 3 {
                continue;
            }
            let kind = match cols[0] {
                "meeting" => EventKind::Meeting,
                "visit" => EventKind::Visit,
                "talks" => EventKind::Talks,
                "phone_call" => EventKind::PhoneCall,
                "press_conference" => EventKind::PressConference,
                "summit" => EventKind::Summit,
                _ => continue,
            };
            let role = match cols[1] {
                "verb" => Role::Verb,
                "noun" => Role::Noun,
                "named" => Role::Named,
                _ => continue,
            };
            for phrase in cols[2].split(',') {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    t.entry(first.clone())
                        .or_default()
                        .push((words, kind, role));
                }
            }
        }
        for v in t.values_mut() {
            v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        }
        t
    })
}

/// Finds events in `text`; relative dates resolve against `published` (RFC 3339). The dateline's
/// place is read from the text's opening ("BRUSSELS –"); [`find_in`] takes it from the article.
pub fn find(text: &str, published: Option<&str>, analysis: &Analysis) -> Vec<Event> {
    let dateline = crate::plain::find_dateline(text).map(|d| d.place);
    find_in(text, published, dateline.as_deref(), analysis)
}

/// Finds events in `text`, with the dateline's place ("Brussels") as the city of facilities
/// named without one.
pub fn find_in(
    text: &str,
    published: Option<&str>,
    dateline: Option<&str>,
    analysis: &Analysis,
) -> Vec<Event> {
    let published = published.and_then(Date::parse);
    let spans = marks::pair(text);
    let idx = CharIndex::new(text);
    let in_quote = |b: usize| spans.iter().any(|q| q.open <= b && b < q.end);
    let mut out: Vec<Event> = Vec::new();
    let mut last_date: Option<String> = None;
    let (all, sentences) = tokens::sentence_ranges(text, &spans);
    for range in sentences {
        let toks: &[Tok] = &all[range];
        let sent = toks[0].start..toks[toks.len() - 1].end;
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let mut i = 0;
        while i < toks.len() {
            let Some((n, kind, role)) = trigger_at(toks, &words, i) else {
                i += 1;
                continue;
            };
            let at = i;
            i += n;
            let quoted = in_quote(toks[at].start);
            // A definite "the meeting" points back to an event already told.
            let definite = at > 0 && words[at - 1].eq_ignore_ascii_case("the");
            let with = words
                .get(at + n)
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "with" | "between"));
            if role == Role::Noun
                && definite
                && !with
                && matches!(
                    kind,
                    EventKind::Meeting | EventKind::Talks | EventKind::Visit
                )
            {
                continue;
            }
            if quoted && role != Role::Named {
                continue;
            }
            let (name, ev) = match role {
                Role::Named => named(toks, &words, at, n),
                _ => (None, clause(toks, &words, at, n)),
            };
            if role == Role::Named && name.is_none() && quoted {
                continue;
            }
            let ev_bytes = toks[ev.start].start..toks[ev.end - 1].end;
            let tense = tense_of(&words[ev.clone()])
                .or_else(|| tense_of(&words))
                .unwrap_or(Tense::Unknown);
            let date = published
                .and_then(|p| date_in(toks, &words, ev.clone(), p, tense))
                .or_else(|| published.and_then(|p| date_in(toks, &words, 0..toks.len(), p, tense)))
                .or_else(|| {
                    if role == Role::Named {
                        None
                    } else {
                        last_date.clone()
                    }
                });
            let sent_bytes = sent.clone();
            let mut participants = people_in(analysis, &idx, &ev_bytes);
            if participants.is_empty() && role != Role::Named {
                participants = people_in(analysis, &idx, &sent_bytes);
            }
            let (place, place_id) =
                place_in(analysis, &idx, text, toks, &words, ev.clone(), dateline);
            if let Some(existing) = name.as_ref().and_then(|nm| {
                out.iter_mut()
                    .find(|e| e.kind == kind && e.name.as_deref() == Some(nm.as_str()))
            }) {
                if existing.date.is_none() {
                    existing.date = date;
                }
                continue;
            }
            if quoted {
                continue;
            }
            if date.as_ref().is_some_and(|d| d.len() == 10) {
                last_date = date.clone();
            }
            out.push(Event {
                kind,
                name,
                participants,
                place,
                place_id,
                date,
                evidence: idx.span(ev_bytes.start, ev_bytes.end),
                evidence_text: text[ev_bytes].to_string(),
            });
        }
    }
    out
}

fn trigger_at(toks: &[Tok], words: &[&str], i: usize) -> Option<(usize, EventKind, Role)> {
    if toks[i].kind != Kind::Word {
        return None;
    }
    let cands = triggers().get(low(words[i]).as_ref())?;
    for (phrase, kind, role) in cands {
        let n = phrase.len();
        if i + n > words.len() {
            continue;
        }
        if phrase
            .iter()
            .zip(&words[i..i + n])
            .all(|(p, w)| *p == w.to_lowercase())
        {
            return Some((n, *kind, *role));
        }
    }
    None
}

/// The comma-delimited clause around tokens `at..at + n`, past a dateline ("BRUSSELS –").
fn clause(toks: &[Tok], words: &[&str], at: usize, n: usize) -> Range<usize> {
    let stop = |w: &str| matches!(w, "," | ";" | ":" | "(" | ")");
    let mut s = at;
    while s > 0 && !stop(words[s - 1]) && !matches!(words[s - 1], "–" | "—") {
        s -= 1;
    }
    let mut e = at + n;
    while e < toks.len() && !stop(words[e]) && !matches!(words[e], "." | "!" | "?") {
        e += 1;
    }
    s..e.max(at + n)
}

/// A named event: the capitalised words before the trigger and the trigger ("NATO Summit"), with
/// time words right before as evidence ("next month’s NATO Summit").
fn named(toks: &[Tok], words: &[&str], at: usize, n: usize) -> (Option<String>, Range<usize>) {
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut s = at;
    while s > 0
        && toks[s - 1].kind == Kind::Word
        && cap(words[s - 1])
        && time::match_at(&words[s - 1..]).is_none()
    {
        s -= 1;
    }
    // "The EU-Western Balkans Summit" at a sentence's start: the article is no part of the name.
    if s < at && matches!(words[s], "The" | "A" | "An") {
        s += 1;
    }
    let name = (s < at || cap(words[at])).then(|| {
        let mut name: Vec<&str> = words[s..at + n].to_vec();
        if let Some(last) = name.last_mut() {
            *last = last.trim_end_matches(['’', '\'']);
        }
        name.join(" ")
    });
    // Time words right before: "next month’s".
    let mut ev_start = s;
    for back in 1..=3 {
        if s < back {
            break;
        }
        if let Some((len, _)) = time::match_at(&words[s - back..])
            && s - back + len == s
        {
            ev_start = s - back;
        }
    }
    (name, ev_start..at + n)
}

/// The first time expression in `range`: a month and day ("May 18", "18 May 2021"), a year-less
/// month ("in June"), a weekday or a relative word ("today", "next month").
fn date_in(
    toks: &[Tok],
    words: &[&str],
    range: Range<usize>,
    published: Date,
    tense: Tense,
) -> Option<String> {
    let num = |k: usize| -> Option<u32> {
        (k < words.len() && toks[k].kind == Kind::Word)
            .then(|| words[k].parse::<u32>().ok())
            .flatten()
    };
    for k in range.clone() {
        let Some((len, tw)) = time::match_at(&words[k..]) else {
            continue;
        };
        if let TimeWord::Month(m) = tw {
            let year_after = |j: usize| {
                num(j).filter(|y| (1900..2200).contains(y)).or_else(|| {
                    (j < words.len() && words[j] == ",")
                        .then(|| num(j + 1))
                        .flatten()
                        .filter(|y| (1900..2200).contains(y))
                })
            };
            // "May 18, 2021" / "18 May 2021"
            if let Some(d) = num(k + len).filter(|d| (1..=31).contains(d)) {
                let y = year_after(k + len + 1).map_or(published.y, i64::from);
                return Some(Date { y, m, d }.ymd());
            }
            if let Some(d) = k
                .checked_sub(1)
                .and_then(num)
                .filter(|d| (1..=31).contains(d))
            {
                let y = year_after(k + len).map_or(published.y, i64::from);
                return Some(Date { y, m, d }.ymd());
            }
            if let Some(y) = year_after(k + len) {
                return Some(format!("{y:04}-{m:02}"));
            }
        }
        return Some(time::resolve(tw, published, tense));
    }
    None
}

/// The tense words tell an event in (`tense` entries of the time-word table): looking ahead
/// wins over looking back.
fn tense_of(words: &[&str]) -> Option<Tense> {
    let dirs: Vec<i64> = words.iter().map(|w| time::tense_word(w)).collect();
    if dirs.contains(&1) {
        Some(Tense::Future)
    } else if dirs.contains(&-1) {
        Some(Tense::Past)
    } else {
        None
    }
}

/// The people whose mentions overlap a byte range, in order of first mention.
fn people_in(analysis: &Analysis, idx: &CharIndex, bytes: &Range<usize>) -> Vec<usize> {
    let span = idx.span(bytes.start, bytes.end);
    let mut out = Vec::new();
    for m in &analysis.mentions {
        if m.kind == EntityKind::Person
            && m.span.overlaps(span)
            && let Some(e) = m.entity.filter(|&e| e < analysis.people.len())
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    out
}

/// The facility and city an event's clause names, as a reader writes them ("NATO Headquarters,
/// Brussels"), and the most specific place's index. A facility named without its city takes the
/// dateline's. Without the analysis' places, a capitalised phrase after "at" is the facility.
fn place_in(
    analysis: &Analysis,
    idx: &CharIndex,
    text: &str,
    toks: &[Tok],
    words: &[&str],
    ev: Range<usize>,
    dateline: Option<&str>,
) -> (Option<String>, Option<usize>) {
    let bytes = toks[ev.start].start..toks[ev.end - 1].end;
    let span = idx.span(bytes.start, bytes.end);
    let mut facility: Option<(String, usize)> = None;
    let mut city: Option<(String, usize)> = None;
    for m in &analysis.mentions {
        if !m.span.overlaps(span) || !matches!(m.kind, EntityKind::Location | EntityKind::Facility)
        {
            continue;
        }
        let Some(pi) = m.entity.filter(|&p| p < analysis.places.len()) else {
            continue;
        };
        let place = &analysis.places[pi];
        match place.kind {
            PlaceKind::Facility if facility.is_none() => facility = Some((place.name.clone(), pi)),
            PlaceKind::City if city.is_none() => city = Some((place.name.clone(), pi)),
            _ => {}
        }
    }
    if facility.is_none() && analysis.places.is_empty() {
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if let Some(k) = ev.clone().find(|&k| words[k].eq_ignore_ascii_case("at")) {
            let first = if words
                .get(k + 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
            {
                k + 2
            } else {
                k + 1
            };
            let mut e = first;
            while e < ev.end && toks[e].kind == Kind::Word && cap(words[e]) {
                e += 1;
            }
            if e > first {
                let name = text[toks[first].start..toks[e - 1].end].to_string();
                facility = Some((name, usize::MAX));
            }
        }
    }
    let city_name = city
        .as_ref()
        .map(|(n, _)| n.clone())
        .or_else(|| facility.as_ref().and(dateline).map(title_case));
    let id = facility
        .as_ref()
        .map(|f| f.1)
        .or(city.as_ref().map(|c| c.1))
        .filter(|&i| i != usize::MAX);
    let id = id.or_else(|| {
        city_name.as_ref().and_then(|c| {
            analysis
                .places
                .iter()
                .position(|p| p.name.eq_ignore_ascii_case(c))
        })
    });
    let place = match (facility.map(|f| f.0), city_name) {
        (Some(f), Some(c)) => Some(format!("{f}, {c}")),
        (Some(f), None) => Some(f),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    };
    (place, id)
}

/// "BRUSSELS" → "Brussels"; names already in mixed case stay as written.
fn title_case(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A kind name for reports and the CLI.
pub fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting => "meeting",
        EventKind::Visit => "visit",
        EventKind::Talks => "talks",
        EventKind::PhoneCall => "phone_call",
        EventKind::PressConference => "press_conference",
        EventKind::Summit => "summit",
    }
}
