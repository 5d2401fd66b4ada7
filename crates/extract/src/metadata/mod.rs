//! Metadata: title, site, authors, dates, language, section, tags, description, lead image,
//! and the dateline split off the first body paragraph.

use model::Article;

use crate::Options;

pub fn fill(doc: &scraper::Html, url: Option<&str>, article: &mut Article, options: &Options) {
    let _ = (doc, url, article, options);
}
