//! HTML page → [`model::Article`]. Pure and synchronous: bytes in, an article or a typed error out.
//!
//! The stages, in order (see ARCHITECTURE.md):
//! 1. [`encoding`]: bytes → text (HTTP charset, BOM, `<meta>`, then chardetng).
//! 2. Parse with html5ever (via scraper) into an arena tree; every walk over it is iterative,
//!    so 100,000 levels of nesting cannot overflow the stack.
//! 3. [`content`]: cleaning, block scoring, main-content selection, fallbacks → body blocks, related links.
//! 4. [`metadata`]: JSON-LD, meta tags, `<time>`, URL, visible text → title, authors, dates, …;
//!    lead image caption/credit; dateline split off the first paragraph.

mod attrs;
pub mod content;
pub mod encoding;
pub mod limits;
pub mod metadata;
mod streamed;

use model::{Article, Block};
use thiserror::Error;

/// Pages larger than this are refused before parsing. The parsed tree costs roughly 10–20×
/// the page's size in memory, so the default bounds one extraction to well under 1 GiB.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    pub max_bytes: usize,
    /// Start tags nesting deeper than this are dropped before parsing, which keeps html5ever's
    /// parse near-linear on hostile pages (see [`limits`]).
    pub max_depth: usize,
    /// Detect the language with lingua when the page does not declare one we trust.
    pub detect_language: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: limits::DEFAULT_MAX_DEPTH,
            detect_language: true,
        }
    }
}

/// What a caller knows about the page besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    pub bytes: &'a [u8],
    /// The page's address, used to resolve relative links and as a date source.
    pub url: Option<&'a str>,
    /// The HTTP Content-Type header, for its charset.
    pub content_type: Option<&'a str>,
}

#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("the page is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the input is empty")]
    Empty,
    #[error("the input is not HTML ({0})")]
    NotHtml(String),
}

/// Extracts the article from a page's bytes.
pub fn extract(input: &Input<'_>, options: &Options) -> Result<Article, ExtractError> {
    if input.bytes.len() > options.max_bytes {
        return Err(ExtractError::TooLarge {
            size: input.bytes.len(),
            limit: options.max_bytes,
        });
    }
    if input.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    let decoded = encoding::decode_with_url(input.bytes, input.content_type, input.url);
    extract_html(&decoded.text, input.url, options)
}

/// Extracts the article from an already decoded page.
pub fn extract_html(
    html: &str,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, ExtractError> {
    let pruned = limits::prune(html, options.max_depth);
    let mut doc = scraper::Html::parse_document(&pruned);
    streamed::resolve(&mut doc, &pruned);
    let content = content::extract(&doc, url);
    let mut article = Article {
        url: url.map(str::to_owned),
        ..Article::default()
    };
    article.body = content.blocks;
    article.related = content.related;
    metadata::fill(&doc, url, &mut article, options);
    finish(&mut article);
    Ok(article)
}

/// Derives `text` and `word_count` from the body blocks.
fn finish(article: &mut Article) {
    article.body.retain(|b: &Block| !b.text.trim().is_empty());
    article.text = article
        .body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    article.word_count = article.text.split_whitespace().count();
    if article.body.is_empty() {
        article.warnings.push("no article body found".into());
    }
}
