//! The web side of Kronika: the newsroom's HTML pages and the JSON API (axum), and the demo news site.

pub mod api;
pub mod app;
pub mod demo_site;
pub mod error;
pub mod stories;
pub mod views;

pub use app::{AppState, Shared, router};
pub use error::AppError;

/// Full-text search as the server needs it; the index crate provides the implementation.
pub trait Search: Send + Sync {
    fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError>;
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// (field, [(value, count)])
    pub facets: Vec<(&'static str, Vec<(String, u64)>)>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub article_id: i64,
    pub title: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
    /// For statement hits: the speaker's name key.
    pub speaker_key: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be understood (the user's to fix).
    #[error("{0}")]
    Query(String),
    /// The index failed (ours).
    #[error("{0}")]
    Index(String),
}

/// A query's words as a person key, the way the store keys people.
pub fn query_key(words: &str) -> String {
    analyse::names::key(words)
}

pub async fn search_view(
    state: &Shared,
    query: String,
    limit: usize,
) -> Result<views::SearchView, AppError> {
    let state2 = state.clone();
    let q = query.clone();
    let results = tokio::task::spawn_blocking(move || match &state2.search {
        _ if q.trim().is_empty() => Ok(SearchResults::default()),
        None => Err(SearchError::Index("no search index is open".into())),
        Some(s) => s.search(&q, limit),
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let results = match results {
        Ok(r) => r,
        Err(SearchError::Query(msg)) => {
            return Ok(views::SearchView {
                query,
                hits: Vec::new(),
                total: 0,
                facets: Vec::new(),
                error: Some(msg),
            });
        }
        Err(SearchError::Index(msg)) => return Err(AppError::Index(msg)),
    };
    let hits = results.hits;
    let total = results.total;
    let facets = results
        .facets
        .into_iter()
        .map(|(field, values)| views::Facet { field, values })
        .collect();
    let hits = app::with_store(state, move |store| {
        hits.into_iter()
            .map(|h| {
                let speaker = match &h.speaker_key {
                    Some(key) => store.person_by_key(key)?.map(|p| (p.id, p.name)),
                    None => None,
                };
                Ok(views::SearchHit {
                    article_id: h.article_id,
                    title: h
                        .title
                        .unwrap_or_else(|| format!("Article {}", h.article_id)),
                    site: h.site,
                    published: h.published,
                    snippet: h.snippet,
                    highlights: h.highlights,
                    speaker,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(views::SearchView {
        query,
        hits,
        total,
        facets,
        error: None,
    })
}

pub fn source_rows(store: &dyn store::Store) -> Result<Vec<views::SourceRow>, AppError> {
    Ok(store
        .health()?
        .into_iter()
        .map(|h| views::SourceRow {
            name: h
                .source
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "(local files)".into()),
            kind: h
                .source
                .as_ref()
                .map(|s| s.kind.clone())
                .unwrap_or_else(|| "path".into()),
            last_success: h.last_success.map(unix_to_rfc3339),
            articles: h.articles,
            articles_per_day: h.articles_per_day,
            empty_fetches_in_a_row: h.empty_fetches_in_row,
            duplicate_rate: h.duplicate_rate,
            without_date: h.without_date,
            without_body: h.without_body,
        })
        .collect())
}

/// Unix seconds → "YYYY-MM-DDTHH:MM:SSZ".
pub fn unix_to_rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // civil_from_days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Serves the newsroom on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Shared,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
