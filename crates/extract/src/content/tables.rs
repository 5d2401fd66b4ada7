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

/// A phrase list: whole-text entries, prefixes for entries ending in `*`, and phrases found
/// anywhere in a short block for entries written `*text*`.
pub struct Phrases {
    exact: Vec<String>,
    prefix: Vec<String>,
    /// Entries written `*text*`: anywhere in a block shorter than [`INNER_MAX_LEN`].
    inner: Vec<String>,
}

/// A phrase inside a longer block is the story quoting it, not a notice.
const INNER_MAX_LEN: usize = 400;

impl Phrases {
    fn parse(table: &str) -> Phrases {
        let mut p = Phrases {
            exact: Vec::new(),
            prefix: Vec::new(),
            inner: Vec::new(),
        };
        for e in entries(table) {
            match (e.strip_prefix('*'), e.strip_suffix('*')) {
                (Some(_), Some(_)) if e.len() > 2 => {
                    p.inner.push(e[1..e.len() - 1].trim().to_lowercase())
                }
                (_, Some(pre)) => p.prefix.push(pre.trim().to_lowercase()),
                _ => p.exact.push(e.to_lowercase()),
            }
        }
        p
    }

    /// Whether a folded text opening with `c` could match: false rules a text out without
    /// folding it.
    pub fn may_start_with(&self, c: char) -> bool {
        !self.inner.is_empty()
            || self
                .exact
                .iter()
                .chain(&self.prefix)
                .any(|e| e.is_empty() || e.starts_with(c))
    }

    /// `text` is already folded with [`fold`].
    pub fn matches(&self, text: &str) -> bool {
        self.exact.iter().any(|e| e == text)
            || self.prefix.iter().any(|p| text.starts_with(p))
            || (text.len() < INNER_MAX_LEN && self.inner.iter().any(|p| text.contains(p.as_str())))
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
pub static SECTION_LABELS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::parse(include_str!("../../tables/boilerplate_sections.txt")));
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
        assert!(BOILERPLATE_TEXT.matches(&fold("Advertisement - Continue Reading Below")));
        assert!(!BOILERPLATE_TEXT.matches(&fold("Advertisements of the 1920s sold soap.")));
        assert!(RELATED_LABELS.matches(&fold("Related posts")));
        assert!(BOILERPLATE_LINES.matches(&fold("We may earn a commission when you buy.")));
        assert!(BOILERPLATE_LINES.matches(&fold(
            "Every item was chosen by an editor. We may earn a commission on some of them."
        )));
        assert!(!BOILERPLATE_LINES.matches(&fold(&format!(
            "{} Stores may earn a commission on every sale.",
            "The long story of retail. ".repeat(20)
        ))));
        assert!(META_LINES.is_match(&fold("March 15, 2022 · 3 min read")));
        assert!(META_LINES.is_match(&fold("Last Updated January, 2024")));
        assert!(!META_LINES.is_match(&fold("The talks ran until May.")));
        assert!(!RELATED_LABELS.matches(&fold("Related matters of state")));
        assert!(SECTION_LABELS.matches(&fold("About the Author")));
        assert!(SECTION_LABELS.matches(&fold("Written by Jane Doe")));
        assert!(!SECTION_LABELS.matches(&fold("About the study")));
        assert!(BOILERPLATE_CLASSES.is_match("cda-bio__container"));
        assert!(!BOILERPLATE_CLASSES.is_match("biology-notes"));
    }
}
