//! The JSON API under `/api/v1`. Lists page with an opaque `cursor`; there is no cap on how far a
//! client may page. The OpenAPI document (`openapi.json`) is checked against [`ROUTES`] in a test.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{ArticleId, PersonId};

use crate::app::{Shared, person_view, summaries, with_store};
use crate::error::{ApiError, AppError};

/// Every API path, as axum writes it; the OpenAPI document must list exactly these.
pub const ROUTES: &[&str] = &[
    "/articles",
    "/articles/{id}",
    "/stories",
    "/people",
    "/people/{id}",
    "/people/{id}/quotes",
    "/people/{id}/events",
    "/places",
    "/quotes",
    "/events",
    "/search",
    "/sources",
    "/openapi.json",
];

pub const OPENAPI: &str = include_str!("../api/openapi.json");

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/articles", get(articles))
        .route("/articles/{id}", get(article))
        .route("/stories", get(stories))
        .route("/people", get(people))
        .route("/people/{id}", get(person))
        .route("/people/{id}/quotes", get(person_quotes))
        .route("/people/{id}/events", get(person_events))
        .route("/places", get(places))
        .route("/quotes", get(quotes))
        .route("/events", get(events))
        .route("/search", get(search))
        .route("/sources", get(sources))
        .route(
            "/openapi.json",
            get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }),
        )
        .fallback(|| async { ApiError(AppError::NotFound("no such API route".into())) })
}

/// Largest page a client may ask for; more is reached with the cursor.
const MAX_LIMIT: usize = 1000;
const DEFAULT_LIMIT: usize = 50;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    cursor: Option<String>,
    limit: Option<usize>,
    q: Option<String>,
    person: Option<PersonId>,
}

impl PageQuery {
    fn offset(&self) -> Result<usize, AppError> {
        match &self.cursor {
            None => Ok(0),
            Some(c) => c
                .strip_prefix('o')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| AppError::BadRequest(format!("bad cursor {c:?}"))),
        }
    }
    fn limit(&self) -> Result<usize, AppError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(0) => Err(AppError::BadRequest("limit must be at least 1".into())),
            Some(n) => Ok(n.min(MAX_LIMIT)),
        }
    }
}

#[derive(Serialize)]
struct Page<T> {
    items: Vec<T>,
    next_cursor: Option<String>,
}

fn page<T>(items: Vec<T>, offset: usize, limit: usize) -> Page<T> {
    let next_cursor = (items.len() == limit).then(|| format!("o{}", offset + limit));
    Page { items, next_cursor }
}

async fn articles(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (offset, limit) = (q.offset()?, q.limit()?);
    let items = with_store(&s, move |store| {
        summaries(store, store.latest(limit, offset)?)
    })
    .await?;
    Ok(Json(page(items, offset, limit)))
}

async fn article(
    State(s): State<Shared>,
    Path(id): Path<ArticleId>,
) -> Result<impl IntoResponse, ApiError> {
    let v = with_store(&s, move |store| {
        let a = store
            .article(id)?
            .ok_or_else(|| AppError::NotFound(format!("no article {id}")))?;
        let person_ids = crate::app::person_ids(store, &a)?;
        Ok(json!({
            "id": a.id, "url": a.url, "canonical_url": a.canonical_url, "copy_of": a.copy_of,
            "article": a.article, "analysis": a.analysis, "person_ids": person_ids,
        }))
    })
    .await?;
    Ok(Json(v))
}

async fn stories(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (offset, limit) = (q.offset()?, q.limit()?);
    let book_state = s.clone();
    let items = with_store(&s, move |store| {
        let latest = store.latest(limit, offset)?;
        let n = latest.len();
        Ok((
            crate::stories::group(&book_state, store, summaries(store, latest)?)?,
            n,
        ))
    })
    .await?;
    let next_cursor = (items.1 == limit).then(|| format!("o{}", offset + limit));
    Ok(Json(json!({"items": items.0, "next_cursor": next_cursor})))
}

async fn people(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = q.limit()?;
    let words = q.q.clone().unwrap_or_default();
    let items = with_store(&s, move |store| {
        Ok(store.find_people(&crate::query_key(&words), limit)?)
    })
    .await?;
    Ok(Json(json!({"items": items, "next_cursor": null})))
}

async fn person(
    State(s): State<Shared>,
    Path(id): Path<PersonId>,
) -> Result<impl IntoResponse, ApiError> {
    let v = with_store(&s, move |store| {
        let record = store
            .person(id)?
            .ok_or_else(|| AppError::NotFound(format!("no person {id}")))?;
        let view = person_view(store, id, None)?;
        Ok(json!({
            "id": record.id, "key": record.key, "name": record.name, "variants": record.variants,
            "articles": record.articles, "roles": view.roles,
            "mentions_per_week": view.weekly, "co_mentioned": view.co_mentioned,
        }))
    })
    .await?;
    Ok(Json(v))
}

async fn person_quotes(
    State(s): State<Shared>,
    Path(id): Path<PersonId>,
    Query(q): Query<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    quotes_of(s, id, q).await
}

async fn quotes(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let id = q
        .person
        .ok_or_else(|| AppError::BadRequest("the person parameter is required".into()))?;
    quotes_of(s, id, q).await
}

async fn quotes_of(s: Shared, id: PersonId, q: PageQuery) -> Result<Json<Value>, ApiError> {
    let (offset, limit) = (q.offset()?, q.limit()?);
    let items = with_store(&s, move |store| {
        store
            .person(id)?
            .ok_or_else(|| AppError::NotFound(format!("no person {id}")))?;
        let all = store.quotes_by(id, offset + limit)?;
        Ok(all.into_iter().skip(offset).collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(
        serde_json::to_value(page(items, offset, limit))
            .map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

async fn person_events(
    State(s): State<Shared>,
    Path(id): Path<PersonId>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    events_of(s, id, q).await
}

async fn events(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let id = q
        .person
        .ok_or_else(|| AppError::BadRequest("the person parameter is required".into()))?;
    events_of(s, id, q).await
}

async fn events_of(s: Shared, id: PersonId, q: PageQuery) -> Result<Json<Value>, ApiError> {
    let (offset, limit) = (q.offset()?, q.limit()?);
    let items = with_store(&s, move |store| {
        store
            .person(id)?
            .ok_or_else(|| AppError::NotFound(format!("no person {id}")))?;
        let all = store.events_of(id, offset + limit)?;
        Ok(all.into_iter().skip(offset).collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(
        serde_json::to_value(page(items, offset, limit))
            .map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

async fn places(
    State(s): State<Shared>,
    Query(q): Query<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (offset, limit) = (q.offset()?, q.limit()?);
    let items = with_store(&s, move |store| {
        Ok(store
            .places(offset + limit)?
            .into_iter()
            .skip(offset)
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(page(items, offset, limit)))
}

async fn search(
    State(s): State<Shared>,
    Query(q): Query<crate::app::SearchQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let view = crate::search_view(
        &s,
        q.q.clone(),
        q.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT),
    )
    .await?;
    if let Some(e) = view.error {
        return Err(AppError::BadRequest(e).into());
    }
    let hits: Vec<Value> = view
        .hits
        .iter()
        .map(|h| {
            json!({
                "article_id": h.article_id, "title": h.title, "site": h.site, "published": h.published,
                "snippet": h.snippet, "highlights": h.highlights,
                "speaker": h.speaker.as_ref().map(|(id, name)| json!({"id": id, "name": name})),
            })
        })
        .collect();
    let facets: Value = view
        .facets
        .iter()
        .map(|f| (f.field.to_string(), json!(f.values)))
        .collect();
    Ok(Json(
        json!({"query": view.query, "total": view.total, "hits": hits, "facets": facets}),
    ))
}

async fn sources(State(s): State<Shared>) -> Result<impl IntoResponse, ApiError> {
    let rows = with_store(&s, |store| crate::source_rows(store)).await?;
    Ok(Json(json!({"items": rows, "next_cursor": null})))
}
