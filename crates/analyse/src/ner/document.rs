//! Consistency across a document: the tagger sees one sentence at a time, but an article names
//! the same entity many times. A name tagged with one type in most places takes that type
//! everywhere, and the surname of a full person name ("Joshua Abraham Norton") marks later
//! bare mentions ("Norton") as the person, even where the sentence alone suggested a place.

use super::features::{is_dictionary_word, is_given_name, is_title_word};
use super::gazetteer;
use super::truecase;
use super::weights::{Part, TYPES, tag_index, tag_parts};
use rustc_hash::{FxHashMap, FxHashSet};

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;
const MISC: usize = 3;

/// (start, end, type) of each entity in BILOU tags.
pub(crate) fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        let (part, ty) = tag_parts(usize::from(t));
        match part {
            Part::Begin => start = Some(i),
            Part::Unit => out.push((i, i + 1, ty)),
            Part::Last => {
                if let Some(s) = start.take() {
                    out.push((s, i + 1, ty));
                }
            }
            Part::Inside => {}
            Part::Outside => start = None,
        }
    }
    out
}

fn set_span(tags: &mut [u8], s: usize, e: usize, ty: usize) {
    if e - s == 1 {
        tags[s] = tag_index(Part::Unit, ty) as u8;
        return;
    }
    tags[s] = tag_index(Part::Begin, ty) as u8;
    for t in &mut tags[s + 1..e - 1] {
        *t = tag_index(Part::Inside, ty) as u8;
    }
    tags[e - 1] = tag_index(Part::Last, ty) as u8;
}

fn name_like(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().count() > 2
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && w.chars().any(char::is_lowercase)
}

/// Separates titles from names inside one span, the tagger's commonest news error:
/// "[President of Montenegro Milo Đukanović]ORG" becomes "President of [Montenegro]LOC
/// [Milo Đukanović]PER", "[NATO Secretary General]ORG" becomes "[NATO]ORG Secretary General",
/// and "[Chancellor Angela Merkel]PER" loses its title. Titles are the cue table's.
pub(crate) fn split_titles(words: &[&str], tags: &mut [u8]) {
    let title = |i: usize| is_title_word(&words[i].to_lowercase());
    let mut gaz = None;
    for (s, e, ty) in spans(tags) {
        if ty == PER
            && let Some((from, to)) = role_title(words, s, e)
        {
            // "[NASA Administrator Charles Bolden]PER", "[Chief Justice Kennedy]PER": a title
            // of the role table the cue words do not cover, with a name after it.
            let matches = gaz.get_or_insert_with(|| {
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                gazetteer::get().matches(&lower)
            });
            let kinds = |i: usize| matches[i].iter().fold(0, |k, (kind, _)| k | kind);
            tags[s..to].iter_mut().for_each(|t| *t = 0);
            // What precedes the title is whose title it is: a body or a place, or nothing
            // worth a span ("Chief", "former").
            if from > s {
                let body = (s..from).all(|i| acronym(words[i]) || kinds(i) & gazetteer::ORG != 0);
                let place =
                    (s..from).all(|i| kinds(i) & (gazetteer::COUNTRY | gazetteer::CITY) != 0);
                if body {
                    set_span(tags, s, from, ORG);
                } else if place {
                    set_span(tags, s, from, LOC);
                }
            }
            set_span(tags, to, e, PER);
            continue;
        }
        let Some(first) = (s..e).find(|&i| title(i)) else {
            continue;
        };
        let last = (s..e).rev().find(|&i| title(i)).unwrap_or(first);
        if ty == PER {
            if first == s && last + 1 < e {
                tags[s..=last].iter_mut().for_each(|t| *t = 0);
                set_span(tags, last + 1, e, PER);
            }
            continue;
        }
        let matches = gaz.get_or_insert_with(|| {
            let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            gazetteer::get().matches(&lower)
        });
        let place = |i: usize| {
            matches[i]
                .iter()
                .any(|(k, _)| k & (gazetteer::COUNTRY | gazetteer::CITY) != 0)
        };
        // City lists hold many given names ("Milo", "Austin"); countries and bodies do not.
        let known = |i: usize| {
            matches[i]
                .iter()
                .any(|(k, _)| k & (gazetteer::COUNTRY | gazetteer::ORG | gazetteer::DEMONYM) != 0)
        };
        let mut name_start = e;
        while name_start > last + 1 && name_like(words[name_start - 1]) && !known(name_start - 1) {
            name_start -= 1;
        }
        let name = name_start..e;
        let name_ok = !name.is_empty() && name.len() <= 4;
        if name.is_empty() || name_ok {
            tags[s..e].iter_mut().for_each(|t| *t = 0);
            if first > s {
                set_span(tags, s, first, ty);
            }
            let mut i = first;
            while i < name.start {
                if place(i) && words[i].chars().next().is_some_and(char::is_uppercase) {
                    let start = i;
                    while i < name.start && place(i) {
                        i += 1;
                    }
                    set_span(tags, start, i, LOC);
                } else {
                    i += 1;
                }
            }
            if name_ok {
                set_span(tags, name.start, name.end, PER);
            }
        }
    }
}

/// A title of the role table inside a person span, as (start, end) of its words, with one to
/// four name-like words after it and nothing but the span before it. A title opening the span
/// must be unambiguous ("Major Applewhite" is a name), one after other words may be an ordinary
/// word as well, as a capital and the name after it make it a title ("NASA Administrator").
fn role_title(words: &[&str], s: usize, e: usize) -> Option<(usize, usize)> {
    let roles = crate::roles::get();
    let most = roles.most_title_words();
    let name_part = |w: &str| name_like(w) || initial(w);
    for from in s..e.saturating_sub(1) {
        if !words[from].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        for len in (1..=most.min(e - from - 1)).rev() {
            let to = from + len;
            let tail = e - to;
            if !(1..=4).contains(&tail) || !words[to..e].iter().all(|w| name_part(w)) {
                continue;
            }
            let Some(t) = roles.title(&words[from..to].join(" ")) else {
                continue;
            };
            if from == s && t.ambiguous {
                continue;
            }
            return Some((from, to));
        }
    }
    None
}

/// "H.", "W.": an initial inside a name.
fn initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
}

/// "NASA", "EU", "U.N.": letters in capitals, with dots between at most.
fn acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// A news dateline — a place in capitals opening a paragraph, then a dash, comma or date
/// ("BRUSSELS –", "BELGRADE, May 18", "PARIS 2021-05-18") — is a location; the tagger rarely saw one in training.
pub(crate) fn dateline(words: &[&str], tags: &mut [u8]) {
    let caps = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let n = words.iter().take(4).take_while(|w| caps(w)).count();
    // Untagged, or one entity of another type over exactly those words ("BRUSSELS" as MISC).
    let one_entity = spans(&tags[..n])
        .first()
        .is_some_and(|&(s, e, _)| (s, e) == (0, n))
        && tags.get(n).is_none_or(|&t| t == 0);
    if n == 0 || !(tags[..n].iter().all(|&t| t == 0) || one_entity) {
        return;
    }
    if !words
        .get(n)
        .is_some_and(|w| matches!(*w, "–" | "—" | "-" | "--" | "," | "(") || is_date_word(w))
    {
        return;
    }
    let lower: Vec<String> = words[..n].iter().map(|w| w.to_lowercase()).collect();
    let m = gazetteer::get().matches(&lower);
    let whole = |k: u8| {
        m[0].contains(&(k, if n == 1 { 3 } else { 0 }))
            && m[n - 1].iter().any(|&(kk, p)| kk == k && p >= 2)
    };
    if whole(gazetteer::CITY) || whole(gazetteer::COUNTRY) {
        set_span(tags, 0, n, LOC);
    }
}

/// A date as a dateline writes it after the place: "2021-05-18", "18/05/2021", or a month's
/// name ("May", "Aug.").
fn is_date_word(w: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let numeric = w.len() >= 6
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/' || b == b'.')
        && w.bytes().filter(u8::is_ascii_digit).count() >= 4
        && w.bytes().any(|b| !b.is_ascii_digit());
    let month = w.trim_end_matches('.').to_lowercase();
    numeric
        || (month.len() >= 3
            && w.chars().next().is_some_and(char::is_uppercase)
            && MONTHS
                .iter()
                .any(|m| *m == month || (month.len() == 3 && m.starts_with(&month))))
}

/// A "person" of several words that holds a country or nationality word and opens with no
/// given name is a body or a place ("European Western Balkans", "Serbian Progressive Party"):
/// names of people hardly ever carry one ("Anatole France" opens with a given name).
pub(crate) fn national_names(words: &[&str], tags: &mut [u8]) {
    let mut gaz = None;
    for (s, e, ty) in spans(tags) {
        if ty != PER || e - s < 2 || is_given_name(&words[s].to_lowercase()) {
            continue;
        }
        let m = gaz.get_or_insert_with(|| {
            let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            gazetteer::get().matches(&lower)
        });
        let national = |i: usize| {
            m[i].iter()
                .any(|(k, _)| k & (gazetteer::COUNTRY | gazetteer::DEMONYM) != 0)
        };
        if !(s..e).any(national) {
            continue;
        }
        let place = m[s]
            .iter()
            .any(|&(k, p)| k & (gazetteer::COUNTRY | gazetteer::CITY) != 0 && p == 0)
            && m[e - 1]
                .iter()
                .any(|&(k, p)| k & (gazetteer::COUNTRY | gazetteer::CITY) != 0 && p == 2);
        set_span(tags, s, e, if place { LOC } else { ORG });
    }
}

/// Whether `acr` is an acronym of the words `name`: written in capitals, its letters the
/// initials of the name's capitalised words, all or the last of them ("Federal Energy
/// Regulatory Commission" → "FERC", "Organization for Security and Co-operation in Europe" →
/// "OSCE" skips nothing but lower-case words).
fn spells(acr: &str, name: &[&str]) -> bool {
    let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2
        || letters.len() > 8
        || !acr.chars().next().is_some_and(char::is_uppercase)
        || acr.chars().any(char::is_lowercase)
    {
        return false;
    }
    let initials: Vec<char> = name
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if initials.len() < letters.len() {
        return false;
    }
    let mut it = initials.iter();
    letters[0] == initials[0] && letters.iter().all(|c| it.any(|i| i == c))
        || initials[initials.len() - letters.len()..] == letters[..]
}

/// An acronym defined after a name ("the Federal Energy Regulatory Commission (FERC)") is that
/// name's type in the parentheses and wherever the document uses it on its own later.
fn acronyms(words: &[Vec<&str>], tags: &mut [Vec<u8>]) {
    let mut defined: FxHashMap<&str, usize> = FxHashMap::default();
    for (w, t) in words.iter().zip(tags.iter()) {
        for (s, e, ty) in spans(t) {
            if ty == MISC || e + 2 >= w.len() || w[e] != "(" || w[e + 2] != ")" {
                continue;
            }
            if spells(w[e + 1], &w[s..e]) {
                defined.entry(w[e + 1]).or_insert(ty);
            }
        }
    }
    if defined.is_empty() {
        return;
    }
    for (w, t) in words.iter().zip(tags.iter_mut()) {
        let covered = covered(&spans(t), t.len());
        for i in 0..t.len() {
            if let (Some(&ty), false) = (defined.get(w[i]), covered[i]) {
                set_span(t, i, i + 1, ty);
            }
        }
    }
}

/// Which of a sentence's `len` words lie inside one of `found`'s spans.
fn covered(found: &[(usize, usize, usize)], len: usize) -> Vec<bool> {
    let mut out = vec![false; len];
    for &(s, e, _) in found {
        out[s..e].iter_mut().for_each(|c| *c = true);
    }
    out
}

const ORG_SUFFIXES: &str = include_str!("../../tables/ner-org-suffixes.txt");

/// Whether a word is a legal form a company's later mentions drop (`tables/ner-org-suffixes.txt`).
fn is_org_suffix(w: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        ORG_SUFFIXES
            .lines()
            .filter_map(|l| l.split('#').next()?.split_whitespace().next())
            .map(str::to_owned)
            .collect()
    })
    .contains(w.to_lowercase().as_str())
}

/// A company named in full once ("Enron Corp.", "Google , Inc.") is an organisation where the
/// document names it without its legal form ("Enron"), tagged otherwise or not at all.
fn short_forms(words: &[Vec<&str>], tags: &mut [Vec<u8>]) {
    let mut short: FxHashSet<Vec<&str>> = FxHashSet::default();
    for (w, t) in words.iter().zip(tags.iter()) {
        for (s, e, ty) in spans(t) {
            let mut end = e;
            while end > s + 1 && (is_org_suffix(w[end - 1]) || w[end - 1] == ",") {
                end -= 1;
            }
            if ty == ORG && end < e && w[end - 1] != "," {
                short.insert(w[s..end].to_vec());
            }
        }
    }
    if short.is_empty() {
        return;
    }
    let longest = short.iter().map(Vec::len).max().unwrap_or(0);
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for (w, t) in words.iter().zip(tags.iter_mut()) {
        let found = spans(t);
        for &(s, e, ty) in &found {
            if ty != ORG && short.contains(&w[s..e]) {
                set_span(t, s, e, ORG);
            }
        }
        let covered = covered(&found, t.len());
        let mut i = 0;
        while i < w.len() {
            // The longest short form starting here that is a whole capitalised run, untagged.
            let hit = (1..=longest.min(w.len() - i)).rev().find(|&len| {
                let free = !covered[i..i + len].iter().any(|&c| c);
                // Not part of a longer capitalised run on either side.
                let alone = !w.get(i + len).is_some_and(|x| cap(x))
                    && (i == 0 || !cap(w[i - 1]) || covered[i - 1]);
                short.contains(&w[i..i + len]) && free && alone
            });
            match hit {
                Some(len) => {
                    set_span(t, i, i + len, ORG);
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// Adjusts each sentence's BILOU tags in place; `words[i]` and `tags[i]` are sentence i's.
pub(crate) fn harmonise(words: &[Vec<&str>], tags: &mut [Vec<u8>]) {
    for (w, t) in words.iter().zip(tags.iter_mut()) {
        split_titles(w, t);
        dateline(w, t);
        national_names(w, t);
    }
    acronyms(words, tags);
    short_forms(words, tags);
    let mut votes: FxHashMap<String, [u32; TYPES.len()]> = FxHashMap::default();
    // Surname → how many full names end in it.
    let mut surnames: FxHashMap<&str, u32> = FxHashMap::default();
    for (w, t) in words.iter().zip(tags.iter()) {
        for (s, e, ty) in spans(t) {
            votes.entry(w[s..e].join(" ")).or_default()[ty] += 1;
            // "Marie de France" must not make every later "France" a person.
            if ty == PER
                && e - s >= 2
                && name_like(w[e - 1])
                && !gazetteer::get().is_place(w[e - 1])
            {
                *surnames.entry(w[e - 1]).or_default() += 1;
            }
        }
    }
    if votes.is_empty() {
        return;
    }
    // A word the tagger calls something else on its own more often than full names end in it
    // ("Coron", a town, once inside "Penon de Coron") keeps its own type.
    let surnames: FxHashSet<&str> = surnames
        .into_iter()
        .filter(|&(w, n)| {
            votes
                .get(w)
                .is_none_or(|v| (0..v.len()).all(|k| k == PER || v[k] <= n))
        })
        .map(|(w, _)| w)
        .collect();
    for (w, t) in words.iter().zip(tags.iter_mut()) {
        let found = spans(t);
        let mut covered = vec![false; t.len()];
        for &(s, e, ty) in &found {
            covered[s..e].iter_mut().for_each(|c| *c = true);
            if e - s == 1 && surnames.contains(w[s]) {
                set_span(t, s, e, PER);
                continue;
            }
            if let Some(v) = votes.get(&w[s..e].join(" ")) {
                let best = (0..v.len()).max_by_key(|&k| v[k]).unwrap_or(ty);
                if best != ty && v[best] > v[ty] {
                    set_span(t, s, e, best);
                }
            }
        }
        for i in 0..t.len() {
            // Sentence-initial words are capitalised anyway; only a known surname counts there.
            if !covered[i] && surnames.contains(w[i]) {
                set_span(t, i, i + 1, PER);
            }
        }
    }
    shouted_names(words, tags, &surnames);
}

/// Names a headline in capitals repeats from the text: "RUSSIA SAYS YELTSIN TO MEET CLINTON"
/// over a story that names Boris Yeltsin and Bill Clinton. The tagger reads capitals poorly
/// (every word looks like a name, or none does); a run of a shouted sentence's words that
/// spells, in any case, a name the document's ordinary sentences tagged takes that name's
/// type, and a word outside the tagger's spans that spells a full name's surname is the
/// person. A run never cuts a longer span of the tagger's ("ANTONÍN LEOPOLD DVOŘÁK" stays
/// whole). Only names written with lower-case letters elsewhere count, so "US" and "IT" of
/// the text never name the pronoun and the verb of a headline; nor do names made only of
/// dictionary words ("the Government", "the Union"), which capitals make of any phrase.
fn shouted_names(words: &[Vec<&str>], tags: &mut [Vec<u8>], surnames: &FxHashSet<&str>) {
    let shouted: Vec<bool> = words.iter().map(|w| truecase::is_shouted(w)).collect();
    if !shouted.contains(&true) {
        return;
    }
    let mut known: FxHashMap<String, [u32; TYPES.len()]> = FxHashMap::default();
    let mut longest = 0;
    for ((w, t), _) in words
        .iter()
        .zip(tags.iter())
        .zip(&shouted)
        .filter(|(_, s)| !**s)
    {
        for (s, e, ty) in spans(t) {
            let lower = |x: &&str| x.chars().any(char::is_lowercase);
            let dictionary = |x: &&str| is_dictionary_word(&x.to_lowercase());
            if w[s..e].iter().any(lower) && !w[s..e].iter().all(dictionary) {
                known.entry(w[s..e].join(" ").to_lowercase()).or_default()[ty] += 1;
                longest = longest.max(e - s);
            }
        }
    }
    let surnames: FxHashSet<String> = surnames.iter().map(|s| s.to_lowercase()).collect();
    if known.is_empty() && surnames.is_empty() {
        return;
    }
    let best = |v: &[u32; TYPES.len()]| (0..v.len()).max_by_key(|&k| v[k]).unwrap_or(PER);
    for ((w, t), _) in words
        .iter()
        .zip(tags.iter_mut())
        .zip(&shouted)
        .filter(|(_, s)| **s)
    {
        let lower: Vec<String> = w.iter().map(|x| x.to_lowercase()).collect();
        let found = spans(t);
        let covered = |i: usize| found.iter().any(|&(s, e, _)| s <= i && i < e);
        // Whether a run leaves every span of the tagger whole: inside it or apart from it.
        let keeps_spans = |i: usize, n: usize| {
            found
                .iter()
                .all(|&(s, e, _)| e <= i || i + n <= s || (i <= s && e <= i + n))
        };
        let mut i = 0;
        while i < w.len() {
            let run = (1..=longest.min(w.len() - i)).rev().find_map(|n| {
                known
                    .get(&lower[i..i + n].join(" "))
                    .filter(|_| keeps_spans(i, n))
                    .map(|v| (n, best(v)))
            });
            let run =
                run.or_else(|| (!covered(i) && surnames.contains(&lower[i])).then_some((1, PER)));
            let Some((n, ty)) = run else {
                i += 1;
                continue;
            };
            t[i..i + n].iter_mut().for_each(|x| *x = 0);
            set_span(t, i, i + n, ty);
            i += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(spec: &[(usize, usize, usize)], n: usize) -> Vec<u8> {
        let mut t = vec![0; n];
        for &(s, e, ty) in spec {
            set_span(&mut t, s, e, ty);
        }
        t
    }

    #[test]
    fn surnames_of_full_names_become_people() {
        let words = vec![
            vec![
                "Joshua",
                "Abraham",
                "Norton",
                "lived",
                "in",
                "San",
                "Francisco",
            ],
            vec!["Norton", "died", "."],
            vec!["Later", ",", "Norton", "'s", "fame", "grew"],
        ];
        let mut t = vec![
            tags(&[(0, 3, 0), (5, 7, 2)], 7),
            tags(&[], 3),
            tags(&[(2, 3, 2)], 6),
        ];
        harmonise(&words, &mut t);
        assert_eq!(spans(&t[1]), [(0, 1, 0)]);
        assert_eq!(spans(&t[2]), [(2, 3, 0)]);
        assert_eq!(spans(&t[0]), [(0, 3, 0), (5, 7, 2)]);
    }

    #[test]
    fn a_headline_in_capitals_names_whom_the_text_names() {
        let words = vec![
            vec![
                "RUSSIA", "SAYS", "YELTSIN", "TO", "MEET", "LEEDS", "UNITED", "FANS",
            ],
            vec!["THE", "GOVERNMENT", "AND", "ANTONIN", "DVORAK", "AGREE"],
            vec![
                "President",
                "Boris",
                "Yeltsin",
                "spoke",
                "to",
                "Leeds",
                "United",
                ".",
            ],
            vec!["The", "Government", "and", "Antonin", "Dvorak", "met", "."],
        ];
        let mut t = vec![
            tags(&[(0, 1, LOC), (5, 6, LOC)], 8),
            tags(&[(3, 5, PER)], 6),
            tags(&[(1, 3, PER), (5, 7, ORG)], 8),
            tags(&[(1, 2, ORG), (3, 5, PER)], 7),
        ];
        harmonise(&words, &mut t);
        // The surname of a full name is the person; a run the text tagged takes its type,
        // swallowing a span of the tagger's inside it.
        assert_eq!(spans(&t[0]), [(0, 1, LOC), (2, 3, PER), (5, 7, ORG)]);
        // A name of dictionary words is not carried over, and no span is cut short.
        assert_eq!(spans(&t[1]), [(3, 5, PER)]);
    }

    #[test]
    fn role_titles_the_cue_words_miss_leave_the_name() {
        let w = ["NASA", "Administrator", "Charles", "Bolden", "announced"];
        let mut t = tags(&[(0, 4, PER)], w.len());
        split_titles(&w, &mut t);
        assert_eq!(spans(&t), [(0, 1, ORG), (2, 4, PER)]);
        let w = ["Chief", "Justice", "Kennedy", "wrote"];
        let mut t = tags(&[(0, 3, PER)], w.len());
        split_titles(&w, &mut t);
        assert_eq!(spans(&t), [(2, 3, PER)]);
        // A title that is also a given name keeps its place at the head of a name.
        let w = ["Major", "Applewhite", "was", "promoted"];
        let mut t = tags(&[(0, 2, PER)], w.len());
        split_titles(&w, &mut t);
        assert_eq!(spans(&t), [(0, 2, PER)]);
    }

    #[test]
    fn titles_leave_names_and_organisations() {
        let w = vec![
            "President",
            "of",
            "Montenegro",
            "Milo",
            "Đukanović",
            "met",
            "NATO",
            "Secretary",
            "General",
            "Jens",
            "Stoltenberg",
        ];
        let mut t = tags(&[(0, 5, 1), (6, 9, 1), (9, 11, 0)], w.len());
        split_titles(&w, &mut t);
        assert_eq!(spans(&t), [(2, 3, 2), (3, 5, 0), (6, 7, 1), (9, 11, 0)]);
        let w = vec![
            "Chancellor",
            "Angela",
            "Merkel",
            "and",
            "Ministry",
            "of",
            "Defence",
        ];
        let mut t = tags(&[(0, 3, 0), (4, 7, 1)], w.len());
        split_titles(&w, &mut t);
        assert_eq!(spans(&t), [(1, 3, 0), (4, 7, 1)]);
    }

    #[test]
    fn datelines_are_places() {
        let w = vec!["BRUSSELS", "–", "NATO", "said"];
        let mut t = tags(&[(2, 3, 1)], 4);
        dateline(&w, &mut t);
        assert_eq!(spans(&t), [(0, 1, 2), (2, 3, 1)]);
        let w = vec!["BELGRADE", ",", "May", "18"];
        let mut t = tags(&[(0, 1, 3)], 4);
        dateline(&w, &mut t);
        assert_eq!(spans(&t), [(0, 1, 2)]);
        let w = vec!["PARIS", "2021-05-18", "NATO", "said"];
        let mut t = tags(&[], 4);
        dateline(&w, &mut t);
        assert_eq!(spans(&t), [(0, 1, 2)]);
        let w = vec!["BELGRADE", "May", "18"];
        let mut t = tags(&[], 3);
        dateline(&w, &mut t);
        assert_eq!(spans(&t), [(0, 1, 2)]);
        let w = vec!["WARNING", "2021-05-18"];
        let mut t = tags(&[], 2);
        dateline(&w, &mut t);
        assert!(spans(&t).is_empty());
        let w = vec!["WARNING", "–", "NATO", "said"];
        let mut t = tags(&[], 4);
        dateline(&w, &mut t);
        assert!(spans(&t).is_empty());
    }

    #[test]
    fn a_place_named_mostly_alone_is_no_surname() {
        let words = vec![
            vec!["Penon", "de", "Coron", "is", "near"],
            vec!["Coron", "town"],
            vec!["in", "Coron"],
        ];
        let mut t = vec![
            tags(&[(0, 3, 0)], 5),
            tags(&[(0, 1, 2)], 2),
            tags(&[(1, 2, 2)], 2),
        ];
        harmonise(&words, &mut t);
        assert_eq!(spans(&t[1]), [(0, 1, 2)]);
        assert_eq!(spans(&t[2]), [(1, 2, 2)]);
    }

    #[test]
    fn defined_acronyms_and_short_company_names_take_the_full_name_type() {
        let words = vec![
            vec![
                "the",
                "Federal",
                "Energy",
                "Regulatory",
                "Commission",
                "(",
                "FERC",
                ")",
                "and",
                "Enron",
                "Corp.",
            ],
            vec!["FERC", "fined", "Enron", "."],
            vec!["NATO", "said"],
        ];
        let mut t = vec![
            tags(&[(1, 5, 1), (9, 11, 1)], 11),
            tags(&[(2, 3, 0)], 4),
            tags(&[], 2),
        ];
        harmonise(&words, &mut t);
        assert_eq!(spans(&t[0]), [(1, 5, 1), (6, 7, 1), (9, 11, 1)]);
        assert_eq!(spans(&t[1]), [(0, 1, 1), (2, 3, 1)]);
        assert!(spans(&t[2]).is_empty());
        assert!(spells(
            "OSCE",
            &[
                "Organization",
                "for",
                "Security",
                "and",
                "Co-operation",
                "in",
                "Europe"
            ]
        ));
        assert!(!spells("FBI", &["Federal", "Reserve", "Board"]));
        assert!(!spells("Fed", &["Federal", "Reserve"]));
    }

    #[test]
    fn the_majority_type_of_a_name_wins() {
        let words = vec![
            vec!["NATO", "met"],
            vec!["NATO", "said"],
            vec!["at", "NATO"],
        ];
        let mut t = vec![
            tags(&[(0, 1, 1)], 2),
            tags(&[(0, 1, 1)], 2),
            tags(&[(1, 2, 2)], 2),
        ];
        harmonise(&words, &mut t);
        assert_eq!(spans(&t[2]), [(1, 2, 1)]);
    }
}
