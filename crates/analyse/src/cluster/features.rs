//! The compact record clustering keeps per article, built from an [`Article`] and its
//! [`Analysis`]. Everything in it is a key that means the same in every language and script
//! (name keys, numbers, quotation shingles, events) or a light stem of a content word.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use model::{Analysis, Article, Link, QuoteKind, StoryEvent};

use crate::stem;

/// Number of MinHash permutations: estimates Jaccard to within about ±0.06, enough to tell a
/// syndicated copy (≥ 0.5) from a rewrite of the same event (typically < 0.2).
pub const MINHASH_SIZE: usize = 64;
/// Words per shingle for copy detection.
const SHINGLE_WORDS: usize = 4;
/// Words per shingle of a quotation's content stems: three content words in a row rarely
/// repeat by chance, while one statement quoted by two outlets shares most of them.
const QUOTE_SHINGLE: usize = 3;
/// Quoted passages shorter than this many content words are phrases, not statements.
const MIN_QUOTE_WORDS: usize = 5;
/// Quotation shingles kept per article: the ones with the smallest hashes (a bottom-k sketch),
/// so two articles quoting the same statements keep the same shingles, and a long interview
/// does not drown the rest of the article's terms.
const MAX_QUOTE_SHINGLES: usize = 24;

/// Capitalised words that are not names by themselves: the tagger's common words (sentence
/// openers, months, days) and every word of the role-title table (President, Secretary,
/// General, predsjednik). They are capitalised in English headlines and titles, so as name keys
/// they would make any two English articles look alike.
fn not_names() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        const COMMON: &str = include_str!("../../tables/common_words.txt");
        const TITLES: &str = include_str!("../../tables/role_titles.txt");
        let mut set = HashSet::new();
        let lines = COMMON.lines().chain(TITLES.lines());
        for line in lines.map(|l| l.split('#').next().unwrap_or("").trim()) {
            if line.is_empty() {
                continue;
            }
            // Role titles: "title | class | spellings"; the class is no word of the text.
            let mut fields: Vec<&str> = line.split('|').collect();
            if fields.len() >= 2 {
                fields.remove(1);
            }
            for word in fields.iter().flat_map(|f| f.split([',', ' ', '-'])) {
                let folded = stem::fold(word);
                if !folded.is_empty() {
                    set.insert(folded);
                }
            }
        }
        set
    })
}

/// A keyed entity: the key that compares, the name that shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Keyed {
    pub key: String,
    pub name: String,
}

/// What clustering needs of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFeatures {
    /// The caller's id for the article (canonical URL, store id, corpus id).
    pub id: String,
    pub title: Option<String>,
    /// As the article gives it (RFC 3339 or a full-date).
    pub published: Option<String>,
    /// Days since 1970-01-01 of `published`, when it parses.
    pub day: Option<i32>,
    pub language: Option<String>,
    /// Site name, else the URL's host.
    pub source: Option<String>,
    /// Set by the store's dedup: the id of the article this one is a near-duplicate of.
    pub copy_of: Option<String>,
    /// People, places and organisations, most mentioned first. A person's key is the key of
    /// the last word of the name (the surname, whatever its case form or the words a tagger
    /// wrongly took with it); a place's or organisation's is its whole name's key.
    pub people: Vec<Keyed>,
    pub places: Vec<Keyed>,
    pub organisations: Vec<Keyed>,
    /// ISO 3166-1 codes of the places named and the dateline: the same in every language.
    pub countries: Vec<String>,
    /// Keys of capitalised words (names the tagger may not have resolved), most frequent first.
    pub names: Vec<String>,
    /// Numbers with two or more digits, separators normalised ("1.000" and "1,000" → "1000").
    pub numbers: Vec<String>,
    /// Hashes of stem shingles of quoted statements.
    pub quotes: Vec<u64>,
    /// Events with their participants named, and a key each (kind, date, participant keys).
    pub events: Vec<(u64, StoryEvent)>,
    /// Content-word stems with counts, sorted by stem.
    pub terms: Vec<(String, u32)>,
    /// MinHash signature of word shingles, for syndicated copies; empty for very short texts.
    pub minhash: Vec<u64>,
    /// The publisher's own related links, kept apart from computed coverage.
    pub publisher_related: Vec<Link>,
}

impl StoryFeatures {
    /// Builds the record. `id` is the caller's identity for the article.
    pub fn from_article(id: &str, article: &Article, analysis: &Analysis) -> Self {
        let text = article.text.as_str();
        let title = article.title.as_deref().unwrap_or("");
        let words = words(text);
        let title_words = words_of(title);

        let mut terms: BTreeMap<String, u32> = BTreeMap::new();
        for w in words.iter().chain(title_words.iter()) {
            if w.folded.len() < 2 || w.numeric || stem::is_folded_stopword(&w.folded) {
                continue;
            }
            *terms
                .entry(stem::content_stem_folded(&w.folded))
                .or_default() += 1;
        }

        let people = keyed_by_mentions(
            analysis
                .people
                .iter()
                .map(|p| (p.name.as_str(), p.mentions.len())),
            true,
        );
        let places = keyed_by_mentions(
            analysis
                .places
                .iter()
                .map(|p| (p.name.as_str(), p.mentions.len())),
            false,
        );
        let organisations = keyed_by_mentions(
            analysis
                .organisations
                .iter()
                .map(|o| (o.name.as_str(), o.mentions.len())),
            false,
        );
        let countries: BTreeSet<String> = analysis
            .places
            .iter()
            .filter_map(|p| p.country.clone())
            .chain(article.dateline.as_ref().and_then(|d| d.country.clone()))
            .map(|c| c.to_ascii_uppercase())
            .collect();

        let mut quoted: Vec<&str> = analysis
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Indirect)
            .map(|q| q.text.as_str())
            .collect();
        quoted.extend(quoted_passages(text));
        let quotes = quote_shingles(&quoted);

        let events = analysis
            .events
            .iter()
            .map(|e| {
                let participants: Vec<String> = e
                    .participants
                    .iter()
                    .filter_map(|&i| analysis.people.get(i))
                    .map(|p| p.name.clone())
                    .collect();
                let mut keys: Vec<String> =
                    participants.iter().map(|n| stem::name_key(n)).collect();
                keys.sort();
                let key = hash_str(&format!(
                    "{}|{}|{}",
                    crate::events::kind_name(e.kind),
                    e.date.as_deref().unwrap_or(""),
                    keys.join(",")
                ));
                let ev = StoryEvent {
                    kind: e.kind,
                    participants,
                    place: e.place.clone(),
                    date: e.date.clone(),
                    article: id.to_string(),
                };
                (key, ev)
            })
            .collect();

        let source = article.site_name.clone().or_else(|| {
            article
                .canonical_url
                .as_deref()
                .or(article.url.as_deref())
                .and_then(host)
        });

        Self {
            id: id.to_string(),
            title: article.title.clone(),
            published: article.published.clone(),
            day: article.published.as_deref().and_then(day_number),
            language: article.language.clone(),
            source,
            copy_of: None,
            people,
            places,
            organisations,
            countries: countries.into_iter().collect(),
            names: capitalised_names(&words, &title_words),
            numbers: numbers(text),
            quotes,
            events,
            terms: terms.into_iter().collect(),
            minhash: minhash(&words),
            publisher_related: article.related.clone(),
        }
    }
}

fn keyed_by_mentions<'a>(
    items: impl Iterator<Item = (&'a str, usize)>,
    surname: bool,
) -> Vec<Keyed> {
    let mut best: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (name, mentions) in items {
        let key = stem::name_key(name);
        let key = if surname {
            key.rsplit(' ').next().unwrap_or("").to_string()
        } else {
            key
        };
        if key.is_empty() {
            continue;
        }
        let entry = best.entry(key).or_insert((0, name.to_string()));
        entry.0 += mentions.max(1);
        if name.chars().count() > entry.1.chars().count() {
            entry.1 = name.to_string();
        }
    }
    let mut out: Vec<(usize, Keyed)> = best
        .into_iter()
        .map(|(key, (n, name))| (n, Keyed { key, name }))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
    out.into_iter().map(|(_, k)| k).collect()
}

/// One word of the text: folded to ASCII, with what clustering needs to know about its form.
#[derive(Debug, Clone)]
struct Word {
    folded: String,
    capitalised: bool,
    all_caps: bool,
    sentence_start: bool,
    numeric: bool,
}

fn words(text: &str) -> Vec<Word> {
    words_of(text)
}

/// Runs of letters and digits; hyphens and apostrophes split ("UN-a" → "UN", "a"), which is
/// how case endings get attached to acronyms in Serbian and Croatian.
fn words_of(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    let push = |word: &str, sentence_start: bool, out: &mut Vec<Word>| {
        let folded = stem::fold(word);
        if folded.is_empty() {
            return;
        }
        let mut chars = word.chars();
        let first = chars.next().unwrap_or(' ');
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        out.push(Word {
            capitalised: first.is_uppercase(),
            all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
            sentence_start,
            numeric: word.chars().all(|c| c.is_numeric()),
            folded,
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            push(&text[s..i], sentence_start, &mut out);
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | ':' | '…') {
            sentence_start = true;
        } else if !(c.is_whitespace() || is_quote_or_bracket(c)) {
            sentence_start = false;
        }
    }
    if let Some(s) = start {
        push(&text[s..], sentence_start, &mut out);
    }
    out
}

fn is_quote_or_bracket(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | '['
            | '-'
            | '–'
            | '—'
    )
}

/// Name keys of capitalised words. A capitalised word that opens a sentence counts only when
/// the same word also stands capitalised inside a sentence, which keeps "Očekuje" out and
/// "Kosovo" in.
fn capitalised_names(words: &[Word], title: &[Word]) -> Vec<String> {
    let inner: BTreeSet<&str> = words
        .iter()
        .filter(|w| (w.capitalised && !w.sentence_start) || w.all_caps)
        .map(|w| w.folded.as_str())
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for w in words.iter().chain(title) {
        if !w.capitalised || w.numeric || w.folded.len() < 2 {
            continue;
        }
        if stem::is_folded_stopword(&w.folded) || (!w.all_caps && not_names().contains(&w.folded)) {
            continue;
        }
        if w.sentence_start && !w.all_caps && !inner.contains(w.folded.as_str()) {
            continue;
        }
        let key = stem::name_word_key_folded(&w.folded);
        if key.len() >= 2 {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut out: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, k)| k).collect()
}

/// Numbers of two or more digits. Groups of exactly three digits after a separator are
/// thousands ("1.000", "1,000", "1 000" is two numbers and stays so); any other separator is a
/// decimal point, written "." whatever the text used.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut groups: Vec<String> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut cur = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                cur.push(c);
                i += 1;
            } else if (c == '.' || c == ',')
                && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                && !cur.is_empty()
            {
                groups.push(std::mem::take(&mut cur));
                seps.push(c);
                i += 1;
            } else {
                break;
            }
        }
        if chars.get(i).is_some_and(|c| c.is_alphabetic()) {
            continue;
        }
        groups.push(cur);
        let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
        let number = if groups.len() == 1 || thousands {
            groups.concat()
        } else {
            let (int, frac) = groups.split_at(groups.len() - 1);
            format!("{}.{}", int.concat(), frac[0])
        };
        let number = number.trim_start_matches('0').to_string();
        if number.chars().filter(|c| c.is_ascii_digit()).count() >= 2 {
            out.insert(number);
        }
    }
    out.into_iter().collect()
}

/// Passages between quotation marks in the text itself, so quotations count even before (or
/// without) the quotes analyser.
fn quoted_passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match open {
            None => {
                if matches!(c, '"' | '“' | '„' | '«' | '»') {
                    open = Some((i + c.len_utf8(), c));
                }
            }
            Some((start, o)) => {
                let closes = match o {
                    '"' => c == '"',
                    '“' => c == '”' || c == '"',
                    '„' => c == '“' || c == '”' || c == '"',
                    '«' => c == '»',
                    '»' => c == '«',
                    _ => false,
                };
                if closes {
                    out.push(&text[start..i]);
                    open = None;
                } else if c == '\n' {
                    // A quotation that runs past its paragraph is unbalanced; drop it.
                    open = None;
                }
            }
        }
    }
    out
}

fn quote_shingles(quotes: &[&str]) -> Vec<u64> {
    let mut out = BTreeSet::new();
    for q in quotes {
        let stems: Vec<String> = words_of(q)
            .into_iter()
            .filter(|w| !w.numeric && w.folded.len() >= 2 && !stem::is_folded_stopword(&w.folded))
            .map(|w| stem::content_stem_folded(&w.folded))
            .collect();
        if stems.len() < MIN_QUOTE_WORDS {
            continue;
        }
        for win in stems.windows(QUOTE_SHINGLE) {
            out.insert(hash_str(&win.join(" ")));
        }
    }
    out.into_iter().take(MAX_QUOTE_SHINGLES).collect()
}

fn minhash(words: &[Word]) -> Vec<u64> {
    if words.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    let mut sig = vec![u64::MAX; MINHASH_SIZE];
    for win in words.windows(SHINGLE_WORDS) {
        let mut h = FNV_OFFSET;
        for w in win {
            h = fnv(h, w.folded.as_bytes());
            h = fnv(h, b" ");
        }
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = splitmix(h ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// Estimated Jaccard similarity of two MinHash signatures (0 when either is empty).
pub fn minhash_similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A stable 64-bit hash (FNV-1a, mixed): the same on every run and machine.
pub fn hash_str(s: &str) -> u64 {
    splitmix(fnv(FNV_OFFSET, s.as_bytes()))
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Days since 1970-01-01 of an RFC 3339 date-time or full-date (the date part only: a story
/// window of days does not need time zones).
pub fn day_number(published: &str) -> Option<i32> {
    let date = published.trim().get(..10)?;
    let mut parts = date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp as i32 + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The RFC 3339 full-date of a day number.
pub fn day_string(day: i32) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2021-05-18T10:00:00+02:00"), Some(18765));
        assert_eq!(day_string(18765), "2021-05-18");
        assert_eq!(day_string(day_number("2000-02-29").unwrap()), "2000-02-29");
        assert_eq!(day_number("2021-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2021-05-1é"), None);
    }

    #[test]
    fn numbers_normalise_separators() {
        let n = numbers("Oko 1.000 ljudi, 2,5 posto i 1,000 dolara u 1999. godini; 7 dana; A4");
        assert_eq!(n, vec!["1000", "1999", "2.5"]);
    }

    #[test]
    fn sentence_initial_words_need_an_inner_capitalised_use() {
        let w = words("Očekuje se da Ahtisaari dođe. Ahtisaari je rekao. Kosovo čeka.");
        let names = capitalised_names(&w, &[]);
        assert!(names.contains(&stem::name_word_key("Ahtisaari")));
        assert!(!names.contains(&stem::name_word_key("Očekuje")));
        assert!(!names.contains(&stem::name_word_key("Kosovo")));
    }

    #[test]
    fn quoted_statements_give_shingles_and_short_phrases_do_not() {
        let long = quote_shingles(&quoted_passages(
            "Rekao je: \"Moj prijedlog rješenja snažno je usredotočen na zaštitu manjinskih prava\".",
        ));
        assert!(!long.is_empty());
        assert!(quote_shingles(&quoted_passages("plan \"fer i uravnotežen\" je")).is_empty());
    }

    #[test]
    fn hosts_come_from_urls() {
        assert_eq!(
            host("https://www.example.org:8080/a/b?c"),
            Some("example.org".into())
        );
        assert_eq!(host(""), None);
    }
}
