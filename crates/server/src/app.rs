//! Routes, shared state and the handlers that turn store and index reads into views.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::{ArticleId, PersonId, Store, StoredArticle};

use crate::api;
use crate::error::{AppError, PageError};
use crate::views::{self, ArticleSummary};

/// What the handlers share. The store is behind a mutex (SQLite connections are not `Sync`);
/// handlers run their reads on the blocking pool so the async workers never wait on disk.
pub struct AppState {
    /// Connections to the store, each behind its own lock (SQLite connections are not `Sync`);
    /// several let reads run on both cores at once.
    pub stores: Vec<Mutex<Box<dyn Store>>>,
    next: std::sync::atomic::AtomicUsize,
    pub search: Option<Box<dyn crate::Search>>,
    /// Stories, once built (a large store takes a while: until then each article stands alone).
    pub stories: RwLock<Option<engine::stories::StoryBook>>,
    /// Set once `stories` holds a book (it never goes back): asking whether the book is built
    /// must not queue behind a request that holds the book exclusively to catch up.
    pub(crate) stories_ready: std::sync::atomic::AtomicBool,
    pub(crate) home: crate::home::HomeCache,
    /// Rendered person pages of the store's current generation.
    pub(crate) pages: crate::cache::PageCache,
}

pub type Shared = Arc<AppState>;

/// Memory for kept person pages (a busy person's page is ~150 KB).
const PAGE_CACHE_BYTES: usize = 32 << 20;

impl AppState {
    pub fn new(store: Box<dyn Store>, search: Option<Box<dyn crate::Search>>) -> Shared {
        Self::with_pool(vec![store], search)
    }

    /// `stores` must all be connections to one store.
    pub fn with_pool(
        stores: Vec<Box<dyn Store>>,
        search: Option<Box<dyn crate::Search>>,
    ) -> Shared {
        assert!(!stores.is_empty(), "the server needs a store");
        Arc::new(AppState {
            stores: stores.into_iter().map(Mutex::new).collect(),
            next: std::sync::atomic::AtomicUsize::new(0),
            search,
            stories: RwLock::new(None),
            stories_ready: Default::default(),
            home: Default::default(),
            pages: crate::cache::PageCache::new(PAGE_CACHE_BYTES),
        })
    }

    /// A free connection if there is one, else the next in turn.
    pub(crate) fn store(&self) -> Result<std::sync::MutexGuard<'_, Box<dyn Store>>, AppError> {
        // A few rounds before queueing: waiting on one busy connection (say, one building the
        // home page) while another frees up a moment later was the newsroom's latency tail.
        for round in 0..3 {
            for s in &self.stores {
                if let Ok(guard) = s.try_lock() {
                    return Ok(guard);
                }
            }
            if round < 2 {
                std::thread::yield_now();
            }
        }
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.stores.len();
        self.stores[i]
            .lock()
            .map_err(|_| AppError::Internal("store lock poisoned".into()))
    }
}

/// Runs `f` with the store on the blocking pool.
pub async fn with_store<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&dyn Store) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let guard = state.store()?;
        f(guard.as_ref())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/article/{id}", get(article))
        .route("/person/{id}", get(person))
        .route("/place/{key}", get(place))
        .route("/search", get(search))
        .route("/sources", get(sources))
        .route("/static/style.css", get(style))
        .nest("/api/v1", api::routes())
        .fallback(|| async { PageError(AppError::NotFound("No page at this address.".into())) })
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Article content is untrusted HTML from the web: maud escapes it, and this policy forbids
/// scripts, inline styles, plugins and framing even if something slipped through.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        views::STYLE,
    )
        .into_response()
}

/// People named beside an article in lists.
const SUMMARY_PEOPLE: usize = 5;

/// Summaries with the people in each article.
pub fn summaries(
    store: &dyn Store,
    items: Vec<store::ArticleSummary>,
) -> Result<Vec<ArticleSummary>, AppError> {
    let ids: Vec<ArticleId> = items.iter().map(|s| s.id).collect();
    let people = store.names_in_each(&ids, SUMMARY_PEOPLE)?;
    Ok(items
        .into_iter()
        .zip(people)
        .map(|(s, people)| ArticleSummary {
            id: s.id,
            title: s.title.unwrap_or_else(|| s.url.clone()),
            site: s.site,
            published: s.published,
            language: s.language,
            url: Some(s.url),
            people,
            copy_of: s.copy_of,
        })
        .collect())
}

async fn home(
    State(state): State<Shared>,
    Query(filters): Query<crate::home::Filters>,
) -> Result<Html<Bytes>, PageError> {
    Ok(Html(crate::home::page(&state, filters).await?))
}

/// Maps the analysis' per-article people to global person ids, by name key.
pub fn person_ids(
    store: &dyn Store,
    stored: &StoredArticle,
) -> Result<Vec<Option<PersonId>>, AppError> {
    let global = store.people_in(stored.id)?;
    Ok(stored
        .analysis
        .people
        .iter()
        .map(|p| {
            let key = if p.key.trim().is_empty() {
                p.name.trim().to_lowercase()
            } else {
                p.key.trim().to_owned()
            };
            global.iter().find(|g| g.key == key).map(|g| g.id)
        })
        .collect())
}

async fn article(
    State(state): State<Shared>,
    Path(id): Path<ArticleId>,
) -> Result<Html<String>, PageError> {
    let book_state = state.clone();
    let view = with_store(&state, move |store| {
        let stored = store
            .article(id)?
            .ok_or_else(|| AppError::NotFound(format!("No article {id}.")))?;
        let person_ids = person_ids(store, &stored)?;
        let (same_story, related) = crate::stories::related(&book_state, store, &stored)?;
        let place_ids = vec![None; stored.analysis.places.len()];
        Ok(views::StoryView {
            id,
            doc: model::AnalysedArticle {
                article: stored.article,
                analysis: stored.analysis,
            },
            person_ids,
            place_ids,
            same_story,
            related,
        })
    })
    .await?;
    Ok(Html(views::story(&view).into_string()))
}

#[derive(Deserialize, Default)]
pub struct PersonQuery {
    q: Option<String>,
}

/// How many statements a person page lists.
const PERSON_QUOTES: usize = 200;
/// How many meetings and articles a person page lists (newest first).
const PERSON_MEETINGS: usize = 100;
const PERSON_ARTICLES: usize = 50;

async fn person(
    State(state): State<Shared>,
    Path(id): Path<PersonId>,
    Query(pq): Query<PersonQuery>,
) -> Result<Html<Bytes>, PageError> {
    let page = tokio::task::spawn_blocking(move || {
        let key = format!("{id}\0{}", pq.q.as_deref().unwrap_or_default());
        let store = state.store()?;
        let seq = store.max_seq()?;
        if let Some(page) = state.pages.get(seq, &key)? {
            return Ok(page);
        }
        let view = person_view(store.as_ref(), id, pq.q)?;
        drop(store);
        let page = Bytes::from(views::person(&view).into_string());
        state.pages.put(seq, key, page.clone())?;
        Ok::<_, AppError>(page)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(Html(page))
}

pub fn person_view(
    store: &dyn Store,
    id: PersonId,
    filter: Option<String>,
) -> Result<views::PersonView, AppError> {
    let p = store
        .person(id)?
        .ok_or_else(|| AppError::NotFound(format!("No person {id}.")))?;
    let mut roles: Vec<views::RoleRow> = Vec::new();
    for r in store.roles_of(id)? {
        match roles
            .iter_mut()
            .find(|x| x.title == r.title && x.of == r.of)
        {
            Some(row) => {
                if r.published.is_some()
                    && (row.first_seen.is_none() || r.published < row.first_seen)
                {
                    row.first_seen = r.published.clone();
                }
                if r.published > row.last_seen {
                    row.last_seen = r.published.clone();
                }
            }
            None => roles.push(views::RoleRow {
                title: r.title,
                of: r.of,
                first_seen: r.published.clone(),
                last_seen: r.published,
            }),
        }
    }
    let filter = filter.filter(|f| !f.trim().is_empty());
    let needle = filter.as_deref().map(str::to_lowercase);
    let mut quotes: Vec<views::QuoteRow> = store
        .quotes_by(id, PERSON_QUOTES)?
        .into_iter()
        .filter(|q| {
            needle
                .as_ref()
                .is_none_or(|n| q.text.to_lowercase().contains(n.as_str()))
        })
        .map(|q| views::QuoteRow {
            article_id: q.article_id,
            article_title: q.title.unwrap_or_default(),
            published: q.published,
            kind: parse_kind(&q.kind),
            text: q.text,
            cue: q.cue,
        })
        .collect();
    quotes.sort_by(|a, b| b.published.cmp(&a.published));
    let mut meetings = Vec::new();
    let mut article_ids: Vec<ArticleId> = Vec::new();
    let events = store.events_of(id, PERSON_MEETINGS)?;
    // The same few people meet again and again: look each up once.
    let mut names: HashMap<PersonId, Option<String>> = HashMap::new();
    for e in events {
        let mut with = Vec::new();
        for &pid in e.participants.iter().filter(|&&pid| pid != id) {
            let name = match names.get(&pid) {
                Some(name) => name.clone(),
                None => {
                    let name = store.person(pid)?.map(|p| p.name);
                    names.insert(pid, name.clone());
                    name
                }
            };
            if let Some(name) = name {
                with.push((pid, name));
            }
        }
        article_ids.push(e.article_id);
        meetings.push(views::MeetingRow {
            kind: parse_event_kind(&e.kind),
            date: e.date,
            place: e.place,
            article_id: e.article_id,
            with,
        });
    }
    let weekly = store
        .mentions_per_week(id)?
        .into_iter()
        .map(|w| (w.week, w.articles as u32))
        .collect();
    let co_mentioned = store
        .co_mentions(id, 20)?
        .into_iter()
        .map(|c| (c.person.id, c.person.name, c.articles as u32))
        .collect();
    article_ids.extend(quotes.iter().map(|q| q.article_id));
    article_ids.sort_unstable();
    article_ids.dedup();
    let recent: Vec<ArticleId> = article_ids
        .into_iter()
        .rev()
        .take(PERSON_ARTICLES)
        .collect();
    let articles = summaries(store, store.summaries(&recent)?)?;
    Ok(views::PersonView {
        id,
        name: p.name,
        variants: p.variants,
        roles,
        quotes,
        quote_filter: filter,
        meetings,
        weekly,
        co_mentioned,
        articles,
    })
}

pub fn parse_kind(kind: &str) -> model::QuoteKind {
    serde_json::from_value(serde_json::Value::String(kind.to_owned()))
        .unwrap_or(model::QuoteKind::Direct)
}

pub fn parse_event_kind(kind: &str) -> model::EventKind {
    serde_json::from_value(serde_json::Value::String(kind.to_owned()))
        .unwrap_or(model::EventKind::Meeting)
}

async fn place(
    State(state): State<Shared>,
    Path(key): Path<String>,
) -> Result<Html<String>, PageError> {
    let view = with_store(&state, move |store| {
        let p = store
            .places(10_000)?
            .into_iter()
            .find(|p| p.key == key)
            .ok_or_else(|| AppError::NotFound(format!("No place {key:?}.")))?;
        Ok(views::PlaceView {
            id: 0,
            name: p.name,
            kind: p.kind,
            country: p.country,
            lat: p.lat,
            lon: p.lon,
            variants: Vec::new(),
            weekly: Vec::new(),
            people: Vec::new(),
            articles: Vec::new(),
        })
    })
    .await?;
    Ok(Html(views::place(&view).into_string()))
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    pub limit: Option<usize>,
}

async fn search(
    State(state): State<Shared>,
    Query(sq): Query<SearchQuery>,
) -> Result<Html<String>, PageError> {
    let view = crate::search_view(&state, sq.q, sq.limit.unwrap_or(20)).await?;
    Ok(Html(views::search(&view).into_string()))
}

async fn sources(State(state): State<Shared>) -> Result<Html<String>, PageError> {
    let rows = with_store(&state, crate::source_rows).await?;
    Ok(Html(views::sources(&rows).into_string()))
}
