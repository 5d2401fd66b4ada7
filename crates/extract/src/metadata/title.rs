//! Title: the visible headline when the page's declared titles confirm it, else JSON-LD headline
//! → og:title / twitter:title → `<title>` (each without a " | Site Name" part) → the first `<h1>`.

use std::sync::LazyLock;

use scraper::Selector;

use super::{Page, collapse, element_text, jsonld, norm, sel};

/// Separators between a headline and the site's name in `<title>`/og:title.
const SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " » ", " « ", " · ", " • ", " ~ ", " // ",
];

pub(crate) fn title(page: &Page, site_name: Option<&str>) -> Option<String> {
    static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
    static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
    let h1s: Vec<String> = page
        .doc
        .select(&H1)
        .map(element_text)
        .filter(|t| !t.is_empty() && t.chars().count() <= 400)
        .take(8)
        .collect();
    let headline = jsonld::first_string(page.ld_article_field("headline"))
        .or_else(|| jsonld::first_string(page.ld_article_field("name")));
    let title_el = page
        .doc
        .select(&TITLE)
        .next()
        .map(element_text)
        .filter(|t| !t.is_empty());
    let declared: Vec<String> = headline
        .iter()
        .cloned()
        .chain(page.meta_first(&["og:title"]))
        .chain(page.meta_first(&["twitter:title"]))
        .chain(page.meta_first(&["title", "dc.title", "sailthru.title", "parsely-title"]))
        .chain(title_el.clone())
        .filter(|t| !t.is_empty())
        .collect();

    let site_keys = site_keys(page, site_name);
    // The visible headline confirmed by a declared title (whole, or a part of it).
    for d in &declared {
        let mut forms = vec![norm(d)];
        forms.extend(parts(d).into_iter().map(norm));
        if let Some(h) = h1s.iter().find(|h| {
            let n = norm(h);
            !n.is_empty() && !site_keys.contains(&n) && forms.contains(&n)
        }) {
            return Some(h.clone());
        }
    }
    // A visible headline close to a declared title is the headline as the reader sees it
    // (declared titles are often rewritten for search engines and social cards).
    let best = h1s
        .iter()
        .filter(|h| !is_site(h, &site_keys))
        .map(|h| {
            let sim = declared
                .iter()
                .map(|d| similarity(h, &strip_site(d, &site_keys)))
                .fold(0.0, f64::max);
            (sim, h)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((sim, h)) = best
        && sim >= SIMILAR
    {
        return Some(h.clone());
    }
    if let Some(h) = headline.filter(|h| !is_site(h, &site_keys)) {
        return Some(strip_site(&h, &site_keys));
    }
    for d in declared.iter() {
        let stripped = strip_site(d, &site_keys);
        if !stripped.is_empty() && !is_site(&stripped, &site_keys) {
            return Some(stripped);
        }
    }
    h1s.into_iter().next()
}

/// Dice overlap of word sets at which a visible `<h1>` counts as the declared title reworded.
const SIMILAR: f64 = 0.4;

fn similarity(a: &str, b: &str) -> f64 {
    let wa: std::collections::HashSet<String> = norm(a).split(' ').map(str::to_owned).collect();
    let wb: std::collections::HashSet<String> = norm(b).split(' ').map(str::to_owned).collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    2.0 * wa.intersection(&wb).count() as f64 / (wa.len() + wb.len()) as f64
}

/// Normalised names the site goes by: its declared name and its host's main label.
fn site_keys(page: &Page, site_name: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = site_name.map(norm).into_iter().collect();
    if let Some(host) = page
        .url
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_owned))
    {
        let host = host.trim_start_matches("www.");
        // "promotions.newegg.com" goes by "newegg.com" and "Newegg" too: every suffix of two
        // labels or more, and every label but the top-level one.
        let labels: Vec<&str> = host.split('.').collect();
        for i in 0..labels.len().saturating_sub(1) {
            keys.push(norm(&labels[i..].join(".")));
            keys.push(norm(labels[i]));
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

fn is_site(s: &str, site_keys: &[String]) -> bool {
    // "The New Republic" is the site of newrepublic.com.
    let squash = |k: &str| {
        let k = k.strip_prefix("the ").unwrap_or(k);
        k.replace(' ', "")
    };
    let n = norm(s);
    let squashed = squash(&n);
    !squashed.is_empty() && site_keys.iter().any(|k| squash(k) == squashed)
}

/// The parts of a title split at headline/site separators.
fn parts(t: &str) -> Vec<&str> {
    for sep in SEPARATORS {
        if t.contains(sep) {
            return t
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    Vec::new()
}

/// Removes a leading or trailing part naming the site ("Headline | Site", "Site - Headline"),
/// and, failing a match, a short trailing part after " | " (almost always the site or section).
pub(crate) fn strip_site(t: &str, site_keys: &[String]) -> String {
    let t = collapse(t);
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && is_site(tail, site_keys)
            && !head.trim().is_empty()
        {
            return strip_site(head, site_keys);
        }
        if let Some((head, tail)) = t.split_once(sep)
            && is_site(head, site_keys)
            && !tail.trim().is_empty()
        {
            return strip_site(tail, site_keys);
        }
    }
    for sep in [" | ", " :: ", " // "] {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_and_prefixes_are_stripped() {
        let keys = vec![norm("European Western Balkans")];
        assert_eq!(
            strip_site("A headline - European Western Balkans", &keys),
            "A headline"
        );
        assert_eq!(
            strip_site("European Western Balkans | A headline", &keys),
            "A headline"
        );
        assert_eq!(
            strip_site("Rates rise - again - European Western Balkans", &keys),
            "Rates rise - again"
        );
        assert_eq!(
            strip_site("Some long headline here | Daily Bugle", &[]),
            "Some long headline here"
        );
        assert_eq!(strip_site("Yes - No", &[]), "Yes - No");
    }
}
