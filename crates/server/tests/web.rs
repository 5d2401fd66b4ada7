//! The newsroom's pages and API over a real (in-memory SQLite) store.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use model::{Analysis, Article, Block, BlockKind};
use server::AppState;
use store::{Page, SqliteStore, Store};
use tower::ServiceExt;

fn page(url: &str) -> Page<'_> {
    Page {
        url,
        bytes: b"<html></html>",
        content_type: None,
        source_id: None,
        fetched_at: 0,
    }
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn article(title: &str, paragraphs: &[&str]) -> Article {
    let body: Vec<Block> = paragraphs
        .iter()
        .map(|p| Block {
            kind: BlockKind::Paragraph,
            text: (*p).into(),
        })
        .collect();
    let text = paragraphs.join("\n\n");
    Article {
        title: Some(title.into()),
        body,
        text,
        ..Article::default()
    }
}

#[tokio::test]
async fn hostile_article_content_renders_inert() {
    let mut store = SqliteStore::in_memory().unwrap();
    let evil = article(
        "<script>alert(1)</script> headline",
        &[
            "<img src=x onerror=alert(2)> body",
            "</p><script>document.cookie</script>",
        ],
    );
    let c = store
        .commit_article(&page("http://127.0.0.1/evil"), &evil, &Analysis::default())
        .unwrap();
    let app = server::router(AppState::new(Box::new(store), None));
    let (status, headers, html) = get(&app, &format!("/article/{}", c.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("<script"),
        "a script tag from the article reached the page"
    );
    assert!(
        !html.contains("<img"),
        "an img tag from the article reached the page"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; headline"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; body"));
    let csp = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"));
    let (_, _, home) = get(&app, "/").await;
    assert!(!home.contains("<script"));
}

#[tokio::test]
async fn openapi_lists_exactly_the_routes_and_each_answers_json() {
    let store = SqliteStore::in_memory().unwrap();
    let app = server::router(AppState::new(Box::new(store), None));
    let doc: serde_json::Value = serde_json::from_str(server::api::OPENAPI).unwrap();
    let mut documented: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut routed = server::api::ROUTES.to_vec();
    documented.sort_unstable();
    routed.sort_unstable();
    assert_eq!(documented, routed);
    for path in routed {
        let uri = format!("/api/v1{}", path.replace("{id}", "1"));
        let (status, headers, body) = get(&app, &uri).await;
        assert!(
            headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{uri}: {body}"
        );
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        if status.is_success() {
            assert!(v.is_object(), "{uri}");
        } else {
            // Missing objects and missing parameters are the request's fault, never a 5xx, and
            // the route itself exists.
            assert!(status.is_client_error(), "{uri}: {status} {body}");
            assert_ne!(v["error"]["message"], "no such API route", "{uri}");
        }
    }
    let (status, _, body) = get(&app, "/api/v1/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("not_found"));
}

#[tokio::test]
async fn bad_cursor_is_a_client_error() {
    let app = server::router(AppState::new(
        Box::new(SqliteStore::in_memory().unwrap()),
        None,
    ));
    let (status, _, body) = get(&app, "/api/v1/articles?cursor=zzz").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = get(&app, "/api/v1/articles?limit=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn article_list_pages_with_cursor_to_the_end() {
    let mut store = SqliteStore::in_memory().unwrap();
    for i in 0..7 {
        let a = article(
            &format!("Story {i}"),
            &[&format!("Text number {i} of seven, all different.")],
        );
        store
            .commit_article(
                &page(&format!("http://127.0.0.1/a/{i}")),
                &a,
                &Analysis::default(),
            )
            .unwrap();
    }
    let app = server::router(AppState::new(Box::new(store), None));
    let mut seen = Vec::new();
    let mut uri = "/api/v1/articles?limit=3".to_string();
    loop {
        let (status, _, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        for item in v["items"].as_array().unwrap() {
            seen.push(item["id"].as_i64().unwrap());
        }
        match v["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/articles?limit=3&cursor={c}"),
            None => break,
        }
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 7);
}
