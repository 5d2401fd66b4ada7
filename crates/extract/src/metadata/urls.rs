//! The page's own idea of its address: rel=canonical → og:url → JSON-LD url, resolved against the
//! fetch URL and stripped of click-tracking parameters.

use std::sync::LazyLock;

use scraper::Selector;

use super::{Page, sel, tables::TRACKING_PARAMS};
use crate::attrs::AttrExt;

pub(crate) fn canonical(page: &Page) -> Option<String> {
    static CANONICAL: LazyLock<Selector> =
        LazyLock::new(|| sel(r#"link[rel~="canonical" i][href]"#));
    let candidates = page
        .doc
        .select(&CANONICAL)
        .filter_map(|l| l.attribute("href").map(str::to_owned))
        .chain(page.meta_first(&["og:url", "twitter:url"]))
        .chain(super::jsonld::first_string(page.ld_article_field("url")));
    for c in candidates {
        if let Some(u) = resolve(page.url.as_ref(), c.trim()) {
            return Some(u);
        }
    }
    None
}

/// An absolute http(s) URL without tracking parameters or fragment, or None.
pub(crate) fn resolve(base: Option<&url::Url>, href: &str) -> Option<String> {
    if href.is_empty() {
        return None;
    }
    let mut u = match base {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_fragment(None);
    strip_tracking(&mut u);
    Some(u.to_string())
}

fn strip_tracking(u: &mut url::Url) {
    if u.query().is_none() {
        return;
    }
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking(&k.to_ascii_lowercase()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
}

fn is_tracking(key: &str) -> bool {
    TRACKING_PARAMS.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix),
        None => key == *p,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_are_removed_and_relative_resolved() {
        let base = url::Url::parse("https://example.org/news/a?x=1").ok();
        assert_eq!(
            resolve(base.as_ref(), "/news/b?id=7&utm_source=fb&fbclid=abc#top").as_deref(),
            Some("https://example.org/news/b?id=7")
        );
        assert_eq!(
            resolve(None, "https://example.org/a?utm_medium=x&gclid=1").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(resolve(None, "/relative-without-base"), None);
        assert_eq!(resolve(None, "javascript:void(0)"), None);
    }
}
