//! Kronika's store: sources, fetch log, raw pages, articles and everything analysis found in them.
//!
//! [`Store`] is the interface the engine and the web UI use; [`SqliteStore`] implements it over
//! one SQLite file (WAL) or over an in-memory database ([`SqliteStore::in_memory`], for tests), so
//! both run the same code. Each article commits in one transaction with everything derived from
//! it (an ingest batches several articles into one, [`Store::commit_prepared`]), and committing
//! the same article again changes nothing.

pub mod dedup;
mod sqlite;

use model::{Analysis, Article};
use serde::Serialize;
use thiserror::Error;

pub use sqlite::{Prepared, STORE_FILE, SqliteStore, compress as compress_raw_page};

pub type ArticleId = i64;
pub type SourceId = i64;
pub type PersonId = i64;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot read or write the store: {0}")]
    Io(#[from] std::io::Error),
    #[error("stored JSON is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the store was written by a newer Kronika (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("a source named {0:?} already exists")]
    DuplicateSource(String),
    #[error("no source {0:?}")]
    NoSuchSource(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A source as the user registered it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: SourceId,
    pub name: String,
    /// feed, sitemap, url, path, warc.
    pub kind: String,
    pub location: String,
    pub interval_secs: Option<i64>,
    pub enabled: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub name: String,
    pub kind: String,
    pub location: String,
    pub interval_secs: Option<i64>,
}

/// One fetch attempt.
#[derive(Debug, Clone, Default)]
pub struct FetchRecord {
    pub source_id: Option<SourceId>,
    pub url: String,
    /// HTTP status; None when the request failed before a response.
    pub status: Option<u16>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds; 0 means now.
    pub fetched_at: i64,
    pub error: Option<String>,
    /// For a source's listing (feed, sitemap, folder) only: items offered and how many were new.
    /// Leave None for single pages; health counts empty fetches from listings.
    pub items: Option<u32>,
    pub new_items: Option<u32>,
}

/// Validators for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The page an article came from.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub url: &'a str,
    pub bytes: &'a [u8],
    pub content_type: Option<&'a str>,
    pub source_id: Option<SourceId>,
    /// Unix seconds; 0 means now.
    pub fetched_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitStatus {
    /// A new article.
    New,
    /// Same canonical address, different content: the article and its derived rows were replaced.
    Updated,
    /// Same canonical address and content: nothing was written.
    Unchanged,
    /// Same content under another address: only the address was recorded, pointing at `id`.
    Duplicate,
    /// A new article whose text nearly matches an earlier one (`duplicate_of`).
    NearCopy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Committed {
    pub id: ArticleId,
    pub status: CommitStatus,
    pub duplicate_of: Option<ArticleId>,
}

impl Committed {
    /// Whether the index needs this article (again).
    pub fn changed(&self) -> bool {
        matches!(
            self.status,
            CommitStatus::New | CommitStatus::Updated | CommitStatus::NearCopy
        )
    }
}

/// An article as stored, with its analysis.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: ArticleId,
    pub seq: i64,
    pub source_id: Option<SourceId>,
    pub url: String,
    pub canonical_url: String,
    pub content_hash: String,
    pub simhash: u64,
    pub copy_of: Option<ArticleId>,
    pub stored_at: i64,
    pub article: Article,
    pub analysis: Analysis,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub url: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub copy_of: Option<ArticleId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    pub id: PersonId,
    pub key: String,
    pub name: String,
    /// Every name form seen in any article, sorted.
    pub variants: Vec<String>,
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSeen {
    pub title: String,
    pub of: Option<String>,
    pub country: Option<String>,
    pub article_id: ArticleId,
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRecord {
    pub id: i64,
    pub article_id: ArticleId,
    pub person_id: Option<PersonId>,
    pub kind: String,
    pub text: String,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub article_id: ArticleId,
    pub kind: String,
    pub name: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub evidence: String,
    pub participants: Vec<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoMention {
    pub person: PersonRecord,
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekCount {
    /// ISO-like "YYYY-Www" (SQLite %W: weeks start on Monday).
    pub week: String,
    pub articles: u64,
}

/// How a source is doing: the numbers that show a feed silently collecting nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceHealth {
    /// None: articles ingested without a registered source (local files given on the command line).
    pub source: Option<Source>,
    pub last_success: Option<i64>,
    pub last_error: Option<String>,
    pub fetches: u64,
    pub articles: u64,
    /// Articles stored per day since the source's first article (at least one day).
    pub articles_per_day: f64,
    /// Listing fetches in a row, most recent first, that offered nothing new.
    pub empty_fetches_in_row: u64,
    /// Exact duplicates and near copies among everything the source delivered.
    pub duplicate_rate: f64,
    pub without_date: f64,
    pub without_body: f64,
}

/// Everything the engine, the ingest driver and the web UI need from a store.
pub trait Store: Send {
    // Sources.
    fn add_source(&mut self, source: &NewSource) -> Result<SourceId>;
    fn sources(&self) -> Result<Vec<Source>>;
    fn source(&self, id: SourceId) -> Result<Option<Source>>;
    fn source_by_name(&self, name: &str) -> Result<Option<Source>>;
    fn set_source_enabled(&mut self, id: SourceId, enabled: bool) -> Result<bool>;
    /// Removes the source; its articles stay, unattributed.
    fn remove_source(&mut self, id: SourceId) -> Result<bool>;

    // Fetching.
    fn record_fetch(&mut self, fetch: &FetchRecord) -> Result<()>;
    /// The validators of the last successful fetch of `url` (exact address), for a conditional GET.
    fn validators(&self, url: &str) -> Result<Option<Validators>>;
    /// Whether an article is already stored under this address (normalised; includes canonical
    /// addresses and the addresses of exact duplicates).
    fn has_url(&self, url: &str) -> Result<bool>;

    // Articles.
    /// Stores an article with its page and analysis in one transaction, deduplicating.
    fn commit_article(
        &mut self,
        page: &Page<'_>,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<Committed>;
    /// Stores several prepared articles in one transaction, in order, each exactly as
    /// [`Store::commit_article`] would (a later one sees the earlier ones when deduplicating).
    /// All of them are stored, or none: an article is never stored without what was derived
    /// from it, and one transaction's writes cost far less than one per article.
    fn commit_prepared(&mut self, batch: &[Prepared]) -> Result<Vec<Committed>>;
    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>>;
    fn article_by_url(&self, url: &str) -> Result<Option<ArticleId>>;
    /// The raw page, decompressed.
    fn raw_page(&self, id: ArticleId) -> Result<Option<Vec<u8>>>;
    fn article_count(&self) -> Result<u64>;
    /// Summaries of the given articles, in the given order (missing ids are left out).
    fn summaries(&self, ids: &[ArticleId]) -> Result<Vec<ArticleSummary>>;
    /// The people an article names most, as (id, name), without their variants or counts.
    fn names_in(&self, article: ArticleId, limit: usize) -> Result<Vec<(PersonId, String)>>;
    /// ISO country codes of the places an article names.
    fn countries_in(&self, article: ArticleId) -> Result<Vec<String>>;
    /// [`Store::names_in`] for many articles at once: one list per given id, in the given order.
    fn names_in_each(
        &self,
        articles: &[ArticleId],
        limit: usize,
    ) -> Result<Vec<Vec<(PersonId, String)>>> {
        articles.iter().map(|&a| self.names_in(a, limit)).collect()
    }
    /// [`Store::countries_in`] for many articles at once: one list per given id, in the given
    /// order.
    fn countries_in_each(&self, articles: &[ArticleId]) -> Result<Vec<Vec<String>>> {
        articles.iter().map(|&a| self.countries_in(a)).collect()
    }
    /// Latest by publication date (then by id), newest first.
    fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>>;
    /// Articles whose seq is above `after`, in seq order: what an index must (re)load.
    fn changed_since(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>>;
    /// The ids of those articles, in seq order: besides the ones a commit stored, the ones it
    /// gave a new seq because a person they name was merged or renamed.
    fn ids_since(&self, after: i64) -> Result<Vec<ArticleId>>;
    fn max_seq(&self) -> Result<i64>;

    // People and what they said and did.
    fn person(&self, id: PersonId) -> Result<Option<PersonRecord>>;
    fn person_by_key(&self, key: &str) -> Result<Option<PersonRecord>>;
    /// People whose key contains every word of `key_words`, most mentioned first.
    fn find_people(&self, key_words: &str, limit: usize) -> Result<Vec<PersonRecord>>;
    fn people_in(&self, article: ArticleId) -> Result<Vec<PersonRecord>>;
    /// Roles in order of publication.
    fn roles_of(&self, person: PersonId) -> Result<Vec<RoleSeen>>;
    fn quotes_by(&self, person: PersonId, limit: usize) -> Result<Vec<QuoteRecord>>;
    /// The person's `limit` latest events (undated last), each with everyone in it.
    fn events_of(&self, person: PersonId, limit: usize) -> Result<Vec<EventRecord>>;
    fn places(&self, limit: usize) -> Result<Vec<PlaceCount>>;
    fn co_mentions(&self, person: PersonId, limit: usize) -> Result<Vec<CoMention>>;
    fn mentions_per_week(&self, person: PersonId) -> Result<Vec<WeekCount>>;

    fn health(&self) -> Result<Vec<SourceHealth>>;
}
