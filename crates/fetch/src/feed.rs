//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs, reduced to what ingest needs.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Absolute http(s) address of the entry's page.
    pub url: String,
    pub title: Option<String>,
    /// RFC 3339, from the entry's published date, else its updated date.
    pub published: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed: {0}")]
    Parse(String),
}

/// Entries with a page address; entries without one are dropped (there is nothing to fetch).
/// Relative links resolve against `base_url` (the feed's own address).
pub fn parse(bytes: &[u8], base_url: Option<&str>) -> Result<Vec<FeedItem>, FeedError> {
    let parser = feed_rs::parser::Builder::new().base_uri(base_url).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FeedError::Parse(e.to_string()))?;
    let base = base_url.and_then(|b| Url::parse(b).ok());
    let mut items = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        // The entry's own page: rel=alternate (or no rel) first, then the id when it is a
        // permalink URL (RSS guids often are, and some feeds carry nothing else).
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.clone())
            .or_else(|| Url::parse(entry.id.trim()).ok().map(String::from));
        let Some(url) = link.and_then(|href| absolute(&href, base.as_ref())) else {
            continue;
        };
        let title = entry
            .title
            .map(|t| t.content.trim().to_owned())
            .filter(|t| !t.is_empty());
        let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
        items.push(FeedItem {
            url,
            title,
            published,
        });
    }
    Ok(items)
}

fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    let url = match Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_keep_link_title_and_date() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>https://ex.test/a/1</link>
            <pubDate>Tue, 18 May 2021 10:00:00 GMT</pubDate></item>
            <item><title>Relative</title><link>/a/2</link></item>
            <item><title>No link</title><guid isPermaLink="false">abc</guid></item>
            </channel></rss>"#;
        let items = parse(rss, Some("https://ex.test/feed.xml")).unwrap();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].url, "https://ex.test/a/1");
        assert_eq!(items[0].title.as_deref(), Some("One"));
        assert_eq!(
            items[0].published.as_deref(),
            Some("2021-05-18T10:00:00+00:00")
        );
        assert_eq!(items[1].url, "https://ex.test/a/2");
    }

    #[test]
    fn garbage_is_a_typed_error() {
        assert!(parse(b"\x00\x01 not a feed", None).is_err());
    }
}
