//! XML sitemaps: `urlset` (with Google News extensions) and `sitemapindex`, plain or gzip'd.
//!
//! Streamed with quick-xml, matching local names only, because real sitemaps mix namespace
//! prefixes freely and a few omit the namespace altogether.

use quick_xml::events::Event;

use crate::decode::{CapError, read_capped};

/// The sitemap protocol's own ceiling on an uncompressed sitemap.
pub const MAX_SITEMAP_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sitemap {
    pub urls: Vec<SitemapUrl>,
    /// Child sitemaps listed by a sitemap index.
    pub sitemaps: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    /// `<lastmod>`, as written: when the page last changed.
    pub lastmod: Option<String>,
    /// The news extension's `<news:publication_date>`, as written: when the article appeared.
    pub published: Option<String>,
    /// `<news:title>` when the sitemap is a news sitemap.
    pub news_title: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SitemapError {
    #[error("sitemap expands past {0} bytes")]
    TooLarge(u64),
    #[error("corrupt gzip sitemap: {0}")]
    Gzip(String),
    #[error("malformed sitemap XML at byte {position}: {reason}")]
    Xml { position: u64, reason: String },
    #[error("not a sitemap (root element <{0}>)")]
    NotASitemap(String),
}

pub fn parse(bytes: &[u8]) -> Result<Sitemap, SitemapError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let plain = read_capped(flate2::read::MultiGzDecoder::new(bytes), MAX_SITEMAP_BYTES)
            .map_err(|e| match e {
                CapError::Exceeded => SitemapError::TooLarge(MAX_SITEMAP_BYTES),
                CapError::Corrupt(err) => SitemapError::Gzip(err.to_string()),
            })?;
        return parse_xml(&plain);
    }
    parse_xml(bytes)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Loc,
    Lastmod,
    NewsDate,
    NewsTitle,
    Other,
}

fn parse_xml(bytes: &[u8]) -> Result<Sitemap, SitemapError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Sitemap::default();
    let mut root: Option<String> = None;
    // Which record we are inside: a <url> or a <sitemap> entry.
    let mut in_url = false;
    let mut in_sitemap = false;
    let mut field = Field::Other;
    let mut text = String::new();
    let mut cur = SitemapUrl::default();
    let mut child_loc: Option<String> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| SitemapError::Xml {
                position: reader.buffer_position(),
                reason: e.to_string(),
            })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if root.is_none() {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(SitemapError::NotASitemap(name));
                    }
                    root = Some(name.clone());
                }
                text.clear();
                match name.as_str() {
                    "url" => {
                        in_url = true;
                        cur = SitemapUrl::default();
                    }
                    "sitemap" => {
                        in_sitemap = true;
                        child_loc = None;
                    }
                    "loc" => field = Field::Loc,
                    "lastmod" => field = Field::Lastmod,
                    "publication_date" => field = Field::NewsDate,
                    "title" => field = Field::NewsTitle,
                    _ => field = Field::Other,
                }
            }
            Event::Empty(e) if root.is_none() => {
                let name = e.local_name().as_ref().to_owned();
                return Err(SitemapError::NotASitemap(name));
            }
            Event::Text(t) if field != Field::Other => text.push_str(&t.xml10_content()),
            Event::CData(t) if field != Field::Other => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) if field != Field::Other => {
                if let Ok(Some(ch)) = r.resolve_char_ref() {
                    text.push(ch);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    text.push_str(s);
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                let value = text.trim();
                match (name.as_str(), field) {
                    ("loc", Field::Loc) if in_url => cur.loc = value.to_owned(),
                    ("loc", Field::Loc) if in_sitemap => child_loc = Some(value.to_owned()),
                    ("lastmod", Field::Lastmod) if in_url && !value.is_empty() => {
                        cur.lastmod = Some(value.to_owned())
                    }
                    ("publication_date", Field::NewsDate) if in_url && !value.is_empty() => {
                        cur.published = Some(value.to_owned())
                    }
                    ("title", Field::NewsTitle) if in_url && !value.is_empty() => {
                        cur.news_title = Some(value.to_owned())
                    }
                    ("url", _) if in_url => {
                        in_url = false;
                        let done = std::mem::take(&mut cur);
                        if !done.loc.is_empty() {
                            out.urls.push(done);
                        }
                    }
                    ("sitemap", _) if in_sitemap => {
                        in_sitemap = false;
                        if let Some(loc) = child_loc.take().filter(|l| !l.is_empty()) {
                            out.sitemaps.push(loc);
                        }
                    }
                    _ => {}
                }
                field = Field::Other;
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if root.is_none() {
        return Err(SitemapError::NotASitemap(String::new()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sitemap_dates_are_kept_apart() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://ex.test/a?x=1&amp;y=2</loc>
    <news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language>
    </news:publication><news:publication_date>2021-05-18T10:00:00Z</news:publication_date>
    <news:title>Headline</news:title></news:news></url>
  <url><loc> https://ex.test/b </loc><lastmod>2021-05-17</lastmod></url>
  <url><loc>https://ex.test/c</loc><lastmod>2021-05-20</lastmod><news:news>
    <news:publication_date>2021-05-18</news:publication_date></news:news></url>
</urlset>"#;
        let map = parse(xml).unwrap();
        assert_eq!(map.urls.len(), 3);
        assert_eq!(map.urls[0].loc, "https://ex.test/a?x=1&y=2");
        assert_eq!(map.urls[0].lastmod, None);
        assert_eq!(
            map.urls[0].published.as_deref(),
            Some("2021-05-18T10:00:00Z")
        );
        assert_eq!(map.urls[0].news_title.as_deref(), Some("Headline"));
        assert_eq!(map.urls[1].loc, "https://ex.test/b");
        assert_eq!(map.urls[1].lastmod.as_deref(), Some("2021-05-17"));
        assert_eq!(map.urls[1].published, None);
        assert_eq!(map.urls[2].lastmod.as_deref(), Some("2021-05-20"));
        assert_eq!(map.urls[2].published.as_deref(), Some("2021-05-18"));
        assert!(map.sitemaps.is_empty());
    }

    #[test]
    fn index_lists_child_sitemaps() {
        let xml = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://ex.test/s1.xml</loc><lastmod>2021-01-01</lastmod></sitemap>
            <sitemap><loc>https://ex.test/s2.xml.gz</loc></sitemap></sitemapindex>"#;
        let map = parse(xml).unwrap();
        assert_eq!(
            map.sitemaps,
            vec!["https://ex.test/s1.xml", "https://ex.test/s2.xml.gz"]
        );
        assert!(map.urls.is_empty());
    }

    #[test]
    fn html_is_not_a_sitemap() {
        let err = parse(b"<html><body>hi</body></html>").unwrap_err();
        assert!(matches!(err, SitemapError::NotASitemap(_)), "{err}");
    }

    #[test]
    fn truncated_gzip_is_a_typed_error() {
        assert!(parse(&[0x1f, 0x8b, 8, 0, 0, 0]).is_err());
    }
}
