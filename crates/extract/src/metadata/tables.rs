//! The metadata heuristics' vocabularies, parsed once from `tables/`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Lines of a table without comments: full-line `#` comments and blank lines dropped, and a
/// trailing `  # …` comment removed when `inline_comments` (regex tables keep their `#`).
pub fn entries(src: &'static str, inline_comments: bool) -> impl Iterator<Item = &'static str> {
    src.lines().filter_map(move |l| {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            return None;
        }
        let l = if inline_comments {
            l.split(" #").next().unwrap_or(l).trim()
        } else {
            l
        };
        (!l.is_empty()).then_some(l)
    })
}

/// Month word (lower-case, no trailing dot) → month number.
pub static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in entries(include_str!("../../tables/metadata_months.txt"), true) {
        let Some((n, words)) = line.split_once(':') else {
            continue;
        };
        let Ok(n) = n.trim().parse::<u32>() else {
            continue;
        };
        for w in words.split_whitespace() {
            map.entry(w.to_lowercase()).or_insert(n);
        }
    }
    map
});

/// Meta keys for (published, modified), in order of trust.
pub static DATE_KEYS: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let (mut published, mut modified) = (Vec::new(), Vec::new());
    for line in entries(include_str!("../../tables/metadata_date_keys.txt"), true) {
        match line.split_once(' ') {
            Some(("published", k)) if !published.contains(&k.trim()) => published.push(k.trim()),
            Some(("modified", k)) if !modified.contains(&k.trim()) => modified.push(k.trim()),
            _ => {}
        }
    }
    (published, modified)
});

/// Labels before visible dates: (label, whether it marks the modification date).
pub static DATE_LABELS: LazyLock<Vec<(&'static str, bool)>> = LazyLock::new(|| {
    entries(include_str!("../../tables/metadata_date_labels.txt"), true)
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(kind, label)| match kind {
            "published" => Some((label.trim(), false)),
            "modified" => Some((label.trim(), true)),
            _ => None,
        })
        .collect()
});

pub static TRACKING_PARAMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    entries(
        include_str!("../../tables/metadata_tracking_params.txt"),
        true,
    )
    .collect()
});

/// Byline markup: (kind, value) — `class` token, `attr` `name=value`, author-page `path` or
/// `member`-profile path segment, `account` page slug, and the `contains`/`exclude`/`keep`
/// fragments.
pub static AUTHOR_MARKUP: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    entries(include_str!("../../tables/author_markup.txt"), true)
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k, v.trim()))
        .collect()
});

pub struct AuthorWords {
    /// Longest first, so "written by" is tried before "by".
    pub prefixes: Vec<&'static str>,
    /// Job titles and page furniture: a candidate is cut before them.
    pub roles: std::collections::HashSet<&'static str>,
    /// Organisation words: a candidate with one is not a person.
    pub orgs: std::collections::HashSet<&'static str>,
    /// Labels of credits that are not the author's ("Reviewed by"): the text is no byline.
    pub others: Vec<&'static str>,
}

pub static AUTHOR_WORDS: LazyLock<AuthorWords> = LazyLock::new(|| {
    let mut prefixes = Vec::new();
    let mut roles = std::collections::HashSet::new();
    let mut orgs = std::collections::HashSet::new();
    let mut others = Vec::new();
    for line in entries(include_str!("../../tables/author_words.txt"), true) {
        match line.split_once(' ') {
            Some(("prefix", w)) => prefixes.push(w.trim()),
            Some(("role", w)) => {
                roles.insert(w.trim());
            }
            Some(("org", w)) => {
                orgs.insert(w.trim());
            }
            Some(("other", w)) => others.push(w.trim()),
            _ => {}
        }
    }
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    AuthorWords {
        prefixes,
        roles,
        orgs,
        others,
    }
});

/// Caption → (caption, credit) patterns, first match wins.
pub static CREDIT_PATTERNS: LazyLock<Vec<regex::Regex>> = LazyLock::new(|| {
    entries(include_str!("../../tables/credit_patterns.txt"), false)
        .map(|p| {
            regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("credit pattern {p:?} must compile: {e}"))
        })
        .collect()
});

pub static DATELINE_NOT_PLACES: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../tables/dateline_words.txt"), true).collect());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_are_not_empty() {
        assert_eq!(MONTHS.get("svibnja"), Some(&5));
        assert_eq!(MONTHS.get("октобра"), Some(&10));
        assert_eq!(MONTHS.get("listopad"), Some(&10));
        assert!(DATE_KEYS.0.contains(&"article:published_time"));
        assert!(DATE_KEYS.1.contains(&"article:modified_time"));
        assert!(
            DATE_LABELS.contains(&("last updated", true))
                || DATE_LABELS.contains(&("updated", true))
        );
        assert!(TRACKING_PARAMS.contains(&"fbclid"));
        assert!(AUTHOR_MARKUP.contains(&("attr", "rel=author")));
        assert_eq!(
            AUTHOR_WORDS.prefixes.first().map(|p| p.len() >= 9),
            Some(true)
        );
        assert!(AUTHOR_WORDS.roles.contains("staff"));
        assert!(AUTHOR_WORDS.orgs.contains("team"));
        assert_eq!(CREDIT_PATTERNS.len(), 6);
        assert!(DATELINE_NOT_PLACES.contains("nato"));
    }
}
