//! Authors: people only. In order of trust, the first source that yields a person wins:
//! JSON-LD `author`/`creator` (Person, never Organization) → meta author tags (not URLs) →
//! byline markup (`tables/author_markup.txt`) → a visible "By …" line after the headline.
//! Every candidate is cleaned (prefixes, dates, roles cut) and split into single names.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Selector};
use serde_json::Value;

use super::tables::{AUTHOR_MARKUP, AUTHOR_WORDS, MONTHS};
use super::{Page, collapse, element_text, jsonld, norm, sel, spaced_text, visible_text};

const MAX_AUTHORS: usize = 10;

pub(crate) fn authors(page: &Page, site_name: Option<&str>) -> Vec<String> {
    let site = site_name.map(norm);
    let accept = |names: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            if site.as_ref() == Some(&norm(&n)) {
                continue;
            }
            if !out.iter().any(|o| norm(o) == norm(&n)) {
                out.push(n);
            }
        }
        out.truncate(MAX_AUTHORS);
        out
    };
    let from_ld = accept(json_ld(page));
    if !from_ld.is_empty() {
        return from_ld;
    }
    let from_meta = accept(
        [
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "dcterms.creator",
            "byl",
            "cxenseparse:author",
        ]
        .iter()
        .flat_map(|k| page.meta_all(k))
        .filter(|v| !looks_like_url(v))
        .flat_map(|v| names_in(v, Trust::Structured))
        .collect(),
    );
    if !from_meta.is_empty() {
        return from_meta;
    }
    let from_markup = accept(markup(page));
    if !from_markup.is_empty() {
        return from_markup;
    }
    let from_by_line = accept(visible_by_line(page));
    if !from_by_line.is_empty() {
        return from_by_line;
    }
    accept(generic_markup(page))
}

fn json_ld(page: &Page) -> Vec<String> {
    let Some(article) = page.ld.article() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ["author", "creator"] {
        let Some(v) = article.get(key) else { continue };
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let item = page.ld.resolve(item);
            match item {
                Value::String(s) if !looks_like_url(s) => {
                    out.extend(names_in(s, Trust::Structured))
                }
                Value::Object(_) => {
                    let typed = item.get("@type").is_some();
                    if typed && !jsonld::has_type(item, &["person"]) {
                        continue;
                    }
                    if let Some(name) = jsonld::first_string(item.get("name")) {
                        out.extend(names_in(&name, Trust::Structured));
                    }
                }
                _ => {}
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn markup(page: &Page) -> Vec<String> {
    static NAME: LazyLock<Selector> = LazyLock::new(|| sel(r#"[itemprop="name"]"#));
    static SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
        AUTHOR_MARKUP
            .iter()
            .filter_map(|(kind, value)| match *kind {
                "class" => Selector::parse(&format!(r#"[class~="{value}"], [id="{value}"]"#)).ok(),
                "attr" => {
                    let (a, v) = value.split_once('=')?;
                    let op = if a == "rel" { "~=" } else { "=" };
                    Selector::parse(&format!(r#"[{a}{op}"{v}" i]"#)).ok()
                }
                _ => None,
            })
            .collect()
    });
    for selector in SELECTORS.iter() {
        let mut names = Vec::new();
        let mut first_parent = None;
        for el in page.doc.select(selector).take(50) {
            if el.value().name() == "meta" || el.value().name() == "link" || in_comments(el) {
                continue;
            }
            // Several bylines of one kind count only when they sit together (co-authors), not
            // when a second one belongs to a teaser further down.
            let parent = el.parent().and_then(|p| p.parent()).map(|p| p.id());
            if first_parent.is_some() && !names.is_empty() && parent != first_parent {
                break;
            }
            let text = el
                .select(&NAME)
                .next()
                .map(element_text)
                .or_else(|| el.attr("content").map(collapse))
                .unwrap_or_else(|| spaced_text(el));
            if text.chars().count() > 200 {
                continue;
            }
            let found = names_in(&text, Trust::Text);
            if !found.is_empty() && first_parent.is_none() {
                first_parent = parent;
            }
            names.extend(found);
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The generic fallback: class/id tokens containing a byline fragment (see the table).
fn generic_markup(page: &Page) -> Vec<String> {
    static ANY: LazyLock<Selector> = LazyLock::new(|| sel("body [class], body [id]"));
    let wanted: Vec<&str> = AUTHOR_MARKUP
        .iter()
        .filter(|(k, _)| *k == "contains")
        .map(|(_, v)| *v)
        .collect();
    let excluded: Vec<&str> = AUTHOR_MARKUP
        .iter()
        .filter(|(k, _)| *k == "exclude")
        .map(|(_, v)| *v)
        .collect();
    for el in page.doc.select(&ANY).take(20_000) {
        let v = el.value();
        let tokens = v
            .attr("class")
            .unwrap_or("")
            .split_whitespace()
            .chain(v.attr("id"));
        let hit = tokens.map(str::to_lowercase).any(|t| {
            wanted.iter().any(|w| t.contains(w)) && !excluded.iter().any(|x| t.contains(x))
        });
        if !hit
            || matches!(v.name(), "meta" | "link" | "script" | "body" | "html")
            || in_comments(el)
        {
            continue;
        }
        let text = spaced_text(el);
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        let names = names_in(&text, Trust::Text);
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

fn in_comments(el: ElementRef) -> bool {
    el.ancestors()
        .take(30)
        .filter_map(ElementRef::wrap)
        .any(|a| {
            let v = a.value();
            let marks = |s: Option<&str>| s.is_some_and(|s| s.to_lowercase().contains("comment"));
            marks(v.attr("class")) || marks(v.attr("id"))
        })
}

/// A line of the visible text after the headline that starts with a byline prefix.
fn visible_by_line(page: &Page) -> Vec<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?im)^\s*(?:by|written by|von|par|por|piše|пише|autor|аутор)\s*:?\s+(\S.{2,100})$",
        )
        .expect("static regex")
    });
    let text = visible_text(page.doc.root_element(), 400_000);
    static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
    let start = page
        .doc
        .select(&H1)
        .next()
        .map(element_text)
        .filter(|h| !h.is_empty())
        .and_then(|h| text.find(&h))
        .unwrap_or(0);
    let after: String = text[start..].chars().take(3_000).collect();
    // Bylines also sit above the headline, after the kicker.
    let before: Vec<char> = text[..start].chars().rev().take(600).collect();
    let before: String = before.into_iter().rev().collect();
    [after, before]
        .iter()
        .flat_map(|w| {
            BY.captures_iter(w)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .map(|line| names_in(&format!("By {line}"), Trust::Text))
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http") || s.starts_with("www.") || s.starts_with('/') || s.contains("://")
}

/// How much a byline source vouches for its text being a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trust {
    /// Markup or visible text: at least two capitalised words.
    Text,
    /// JSON-LD and meta tags declare a name: one word and lower case are admitted.
    Structured,
}

/// The people named in a byline string: prefixes removed, cut at dates and separators, split
/// at lists, roles and organisations dropped.
pub(crate) fn names_in(raw: &str, trust: Trust) -> Vec<String> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:,|;|/|\s&\s|\s\+\s|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\bи\b|\be\b|\bwith\b)\s*")
            .expect("static regex")
    });
    let text = collapse(raw);
    // Everything after a date, a separator or a line break is not the byline any more.
    let cut = text
        .find(|c: char| {
            c.is_ascii_digit() || matches!(c, '|' | '•' | '·' | '(' | '[' | '@' | '–' | '—' | '\n')
        })
        .unwrap_or(text.len());
    let mut text = text[..cut].to_owned();
    if let Some(p) = text.find(" - ") {
        text.truncate(p);
    }
    let mut text = strip_prefixes(&text);
    // "By Jane Doe May 18, 2021": the cut at the first digit leaves the month behind.
    while let Some((head, last)) = text.trim_end().rsplit_once(' ') {
        if !MONTHS.contains_key(&last.trim_end_matches(['.', ',']).to_lowercase()) {
            break;
        }
        text = head.to_owned();
    }
    SPLIT
        .split(&text)
        .map(|p| strip_prefixes(p.trim()))
        .map(|p| {
            if trust == Trust::Text {
                cut_at_lowercase(&p)
            } else {
                p
            }
        })
        .filter_map(|p| person_name(&p, trust))
        .collect()
}

fn strip_prefixes(s: &str) -> String {
    let mut s = s
        .trim()
        .trim_start_matches([':', '-', '|'])
        .trim()
        .to_owned();
    // "ByTravis Haney": the prefix glued to the name by markup without a space.
    if let Some(rest) = s.strip_prefix("By")
        && rest.starts_with(|c: char| c.is_uppercase())
        && rest.chars().nth(1).is_some_and(char::is_lowercase)
    {
        s = rest.to_owned();
    }
    loop {
        let lower = s.to_lowercase();
        let Some(p) = AUTHOR_WORDS.prefixes.iter().find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
        }) else {
            return s;
        };
        s = s[p.len()..]
            .trim_start_matches([':', ' '])
            .trim()
            .to_owned();
    }
}

/// "Michael Larabel in Valve", "Jane Doe for The Guardian": the name ends at the first
/// lower-case word that is not a name particle.
fn cut_at_lowercase(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let end = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| {
            w.starts_with(|c: char| c.is_lowercase())
                && !PARTICLES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
        .map_or(words.len(), |(i, _)| i);
    words[..end].join(" ")
}

/// Particles that may stay lower-case inside a name.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "dos", "del", "bin", "al",
    "el", "ter", "ten", "y",
];

fn person_name(s: &str, trust: Trust) -> Option<String> {
    let trusted = trust == Trust::Structured;
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
    let s = s.trim_end_matches('.');
    if s.is_empty() || s.chars().count() > 60 || s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let is_role = |w: &str| {
        let lw = w.to_lowercase();
        AUTHOR_WORDS
            .roles
            .contains(lw.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    if let Some(i) = words.iter().position(|w| is_role(w)) {
        if i < 2 {
            return None;
        }
        words.truncate(i);
    }
    let s = words.join(" ");
    let s = s.as_str();
    let min_words = if trusted { 1 } else { 2 };
    if words.len() < min_words || words.len() > 5 {
        return None;
    }
    for w in &words {
        let lw = w.to_lowercase();
        let bare = lw.trim_matches(|c: char| !c.is_alphanumeric());
        if AUTHOR_WORDS.roles.contains(bare) {
            return None;
        }
        let first = w.chars().next()?;
        if !(first.is_uppercase() || PARTICLES.contains(&bare) || (trusted && first.is_lowercase()))
        {
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return None;
        }
    }
    let all_caps = s
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    Some(
        if all_caps && s.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            title_case(s)
        } else {
            s.to_owned()
        },
    )
}

pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = matches!(c, ' ' | '-' | '.' | '\'' | '’' | '/');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_people() {
        assert_eq!(names_in("By Jane Doe", Trust::Text), vec!["Jane Doe"]);
        assert_eq!(
            names_in(
                "By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL",
                Trust::Text
            ),
            vec!["Josh Haskell", "David Caplan", "Patrick Reevell"]
        );
        assert_eq!(
            names_in("Piše: Marko Marković | 18.05.2021.", Trust::Text),
            vec!["Marko Marković"]
        );
        assert_eq!(
            names_in("Jane Doe, Staff Writer", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("Ana Anić i Ivo Ivić", Trust::Text),
            vec!["Ana Anić", "Ivo Ivić"]
        );
        assert_eq!(names_in("Reuters Staff", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("By Jane Doe May 18, 2021", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("By Jane Doe 18 May 2021", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("Ludwig van Beethoven", Trust::Text),
            vec!["Ludwig van Beethoven"]
        );
        assert_eq!(names_in("admin", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("Written by Michael Larabel in Valve", Trust::Text),
            vec!["Michael Larabel"]
        );
        assert_eq!(
            names_in("ByTravis Haney", Trust::Text),
            vec!["Travis Haney"]
        );
        assert_eq!(
            names_in("Keith Barry Senior Autos Reporter", Trust::Text),
            vec!["Keith Barry"]
        );
        assert_eq!(
            names_in("Trial Attorney", Trust::Text),
            Vec::<String>::new()
        );
        assert_eq!(names_in("Mostafa", Trust::Structured), vec!["Mostafa"]);
    }
}
