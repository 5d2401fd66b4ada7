//! The web side of Kronika: the newsroom's HTML pages and the JSON API (axum), and the demo news site.

pub mod api;
pub mod app;
pub mod cache;
pub mod demo_site;
pub mod error;
pub mod home;
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
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    #[test]
    fn unix_seconds_print_as_utc_rfc3339() {
        assert_eq!(super::unix_to_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            super::unix_to_rfc3339(1_621_366_867),
            "2021-05-18T19:41:07Z"
        );
    }
}
