//! Routes, shared state and the handlers that turn store and index reads into views.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
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
    pub stories: Mutex<Option<engine::stories::StoryBook>>,
}

pub type Shared = Arc<AppState>;

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
            stories: Mutex::new(None),
        })
    }

    /// A free connection if there is one, else the next in turn.
    fn store(&self) -> Result<std::sync::MutexGuard<'_, Box<dyn Store>>, AppError> {
        for s in &self.stores {
            if let Ok(guard) = s.try_lock() {
                return Ok(guard);
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
    items
        .into_iter()
        .map(|s| {
            let people = store.names_in(s.id, SUMMARY_PEOPLE)?;
            Ok(ArticleSummary {
                id: s.id,
                title: s.title.unwrap_or_else(|| s.url.clone()),
                site: s.site,
                published: s.published,
                language: s.language,
                url: Some(s.url),
                people,
                copy_of: s.copy_of,
            })
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    source: Option<String>,
    lang: Option<String>,
    country: Option<String>,
}

/// How many recent articles the home page groups into stories.
const HOME_WINDOW: usize = 100;

async fn home(
    State(state): State<Shared>,
    Query(q): Query<HomeQuery>,
) -> Result<Html<String>, PageError> {
    let book_state = state.clone();
    let view = with_store(&state, move |store| {
        let latest = store.latest(HOME_WINDOW, 0)?;
        let mut site_counts: HashMap<String, u64> = HashMap::new();
        let mut lang_counts: HashMap<String, u64> = HashMap::new();
        for s in &latest {
            *site_counts
                .entry(s.site.clone().unwrap_or_else(|| "unknown".into()))
                .or_default() += 1;
            *lang_counts
                .entry(s.language.clone().unwrap_or_else(|| "unknown".into()))
                .or_default() += 1;
        }
        let mut country_counts: HashMap<String, u64> = HashMap::new();
        let mut kept = Vec::new();
        for s in latest {
            let site = s.site.clone().unwrap_or_else(|| "unknown".into());
            let lang = s.language.clone().unwrap_or_else(|| "unknown".into());
            let countries = article_countries(store, s.id)?;
            for c in &countries {
                *country_counts.entry(c.clone()).or_default() += 1;
            }
            let keep = q.source.as_ref().is_none_or(|f| *f == site)
                && q.lang.as_ref().is_none_or(|f| *f == lang)
                && q.country.as_ref().is_none_or(|f| countries.contains(f));
            if keep {
                kept.push(s);
            }
        }
        let stories = crate::stories::group(&book_state, store, summaries(store, kept)?)?;
        let mut active = Vec::new();
        for (field, v) in [
            ("source", &q.source),
            ("lang", &q.lang),
            ("country", &q.country),
        ] {
            if let Some(v) = v {
                active.push((field.to_string(), v.clone()));
            }
        }
        Ok(views::HomeView {
            stories,
            filters: vec![
                facet("source", site_counts),
                facet("lang", lang_counts),
                facet("country", country_counts),
            ],
            active,
        })
    })
    .await?;
    Ok(Html(views::home(&view).into_string()))
}

fn article_countries(store: &dyn Store, id: ArticleId) -> Result<Vec<String>, AppError> {
    Ok(store.countries_in(id)?)
}

fn facet(field: &'static str, counts: HashMap<String, u64>) -> views::Facet {
    let mut values: Vec<(String, u64)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(12);
    views::Facet { field, values }
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
) -> Result<Html<String>, PageError> {
    let view = with_store(&state, move |store| person_view(store, id, pq.q)).await?;
    Ok(Html(views::person(&view).into_string()))
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
    let mut events = store.events_of(id)?;
    events.sort_by(|a, b| b.date.cmp(&a.date).then(b.article_id.cmp(&a.article_id)));
    events.truncate(PERSON_MEETINGS);
    for e in events {
        let mut with = Vec::new();
        for pid in e.participants.iter().filter(|&&pid| pid != id) {
            if let Some(other) = store.person(*pid)? {
                with.push((other.id, other.name));
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
