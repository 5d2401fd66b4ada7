//! The content heuristics' vocabularies, from `tables/*.txt`, parsed once.

use std::sync::LazyLock;

use regex::Regex;

/// Entries of a table: text before `#`, trimmed, blank lines skipped.
fn entries(table: &str) -> impl Iterator<Item = &str> {
    table
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(e, _)| e).trim())
        .filter(|l| !l.is_empty())
}

fn alternation(table: &str) -> Regex {
    let pattern = entries(table)
        .map(|e| format!("(?:{e})"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("(?i){pattern}")).expect("class table is a valid regex")
}

/// A phrase list: whole-text entries, and prefixes for entries ending in `*`.
pub struct Phrases {
    exact: Vec<String>,
    prefix: Vec<String>,
}

impl Phrases {
    fn parse(table: &str) -> Phrases {
        let mut p = Phrases {
            exact: Vec::new(),
            prefix: Vec::new(),
        };
        for e in entries(table) {
            match e.strip_suffix('*') {
                Some(pre) => p.prefix.push(pre.trim().to_lowercase()),
                None => p.exact.push(e.to_lowercase()),
            }
        }
        p
    }

    /// `text` is already folded with [`fold`].
    pub fn matches(&self, text: &str) -> bool {
        self.exact.iter().any(|e| e == text) || self.prefix.iter().any(|p| text.starts_with(p))
    }
}

/// Lower case, punctuation at the ends trimmed, inner white space collapsed.
pub fn fold(text: &str) -> String {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub static BOILERPLATE_CLASSES: LazyLock<Regex> =
    LazyLock::new(|| alternation(include_str!("../../tables/boilerplate_classes.txt")));
pub static WEAK_BOILERPLATE_CLASSES: LazyLock<Regex> =
    LazyLock::new(|| alternation(include_str!("../../tables/boilerplate_weak_classes.txt")));
pub static CONTENT_CLASSES: LazyLock<Regex> =
    LazyLock::new(|| alternation(include_str!("../../tables/content_classes.txt")));
pub static BOILERPLATE_TEXT: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::parse(include_str!("../../tables/boilerplate_text.txt")));
pub static BOILERPLATE_LINES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::parse(include_str!("../../tables/boilerplate_lines.txt")));
pub static META_LINES: LazyLock<Regex> =
    LazyLock::new(|| alternation(include_str!("../../tables/boilerplate_meta_lines.txt")));
pub static RELATED_LABELS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::parse(include_str!("../../tables/related_labels.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        assert!(BOILERPLATE_CLASSES.is_match("comment-respond"));
        assert!(!BOILERPLATE_CLASSES.is_match("td-post-content"));
        assert!(WEAK_BOILERPLATE_CLASSES.is_match("td-post-sharing-top"));
        assert!(WEAK_BOILERPLATE_CLASSES.is_match("entry-header"));
        assert!(CONTENT_CLASSES.is_match("entry-content"));
        assert!(BOILERPLATE_TEXT.matches(&fold("Share this article:")));
        assert!(RELATED_LABELS.matches(&fold("Related posts")));
        assert!(BOILERPLATE_LINES.matches(&fold("We may earn a commission when you buy.")));
        assert!(META_LINES.is_match(&fold("March 15, 2022 · 3 min read")));
        assert!(META_LINES.is_match(&fold("Last Updated January, 2024")));
        assert!(!META_LINES.is_match(&fold("The talks ran until May.")));
        assert!(!RELATED_LABELS.matches(&fold("Related matters of state")));
    }
}
