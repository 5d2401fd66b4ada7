//! Shared machinery for the data tables: line parsing and a word-sequence matcher over name keys.

use rustc_hash::FxHashMap;

use crate::names;

/// Non-empty, non-comment lines of a table, split on `|` and trimmed.
pub(crate) fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

/// The first column of a one-word-per-line table.
pub(crate) fn word_set(table: &str) -> rustc_hash::FxHashSet<String> {
    rows(table).map(|r| r[0].to_owned()).collect()
}

/// Comma-separated list in one table field; empty items dropped.
pub(crate) fn list(field: Option<&&str>) -> Vec<String> {
    field
        .map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The words a name is matched by: its match key split on spaces.
pub(crate) fn words_of(name: &str) -> Vec<String> {
    names::match_key(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Entries sharing a first word: (all words, payloads), longest first.
type Bucket = Vec<(Vec<String>, Vec<u32>)>;

/// Finds the longest table entry that starts at a word of the text.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    /// First word → (all words, payloads), longest first.
    first: FxHashMap<String, Bucket>,
    pub(crate) max_words: usize,
}

impl Matcher {
    pub(crate) fn add(&mut self, name: &str, payload: u32) {
        let words = words_of(name);
        let Some(first) = words.first().cloned() else {
            return;
        };
        self.max_words = self.max_words.max(words.len());
        let bucket = self.first.entry(first).or_default();
        match bucket.iter_mut().find(|(w, _)| *w == words) {
            Some((_, payloads)) => {
                if !payloads.contains(&payload) {
                    payloads.push(payload);
                }
            }
            None => {
                bucket.push((words, vec![payload]));
                bucket.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
        }
    }

    /// Every entry matching `words[at..]`, longest first: (number of words, payloads).
    pub(crate) fn matches_at<'a, S: AsRef<str>>(
        &'a self,
        words: &'a [S],
        at: usize,
    ) -> impl Iterator<Item = (usize, &'a [u32])> + 'a {
        let bucket = words
            .get(at)
            .and_then(|w| self.first.get(w.as_ref()))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        bucket.iter().filter_map(move |(entry, payloads)| {
            let end = at + entry.len();
            let text = words.get(at..end)?;
            text.iter()
                .zip(entry)
                .all(|(a, b)| a.as_ref() == b)
                .then_some((entry.len(), payloads.as_slice()))
        })
    }

    /// Whether the whole of `name` is an entry.
    pub(crate) fn lookup(&self, name: &str) -> Option<&[u32]> {
        let words = words_of(name);
        let bucket = self.first.get(words.first()?)?;
        bucket
            .iter()
            .find(|(entry, _)| *entry == words)
            .map(|(_, p)| p.as_slice())
    }
}
