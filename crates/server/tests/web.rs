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
async fn a_desk_byline_is_shown_and_the_publisher_crediting_itself_is_not() {
    let mut store = SqliteStore::in_memory().unwrap();
    let mut desk = article("Desk story", &["Body of the desk story."]);
    desk.site_name = Some("The Daily".into());
    desk.author_organisation = Some("TOI Lifestyle Desk".into());
    let mut own = article("House story", &["Body of the house story."]);
    own.site_name = Some("The Daily".into());
    own.author_organisation = Some("The Daily".into());
    let a = store
        .commit_article(&page("http://127.0.0.1/desk"), &desk, &Analysis::default())
        .unwrap();
    let b = store
        .commit_article(&page("http://127.0.0.1/own"), &own, &Analysis::default())
        .unwrap();
    let app = server::router(AppState::new(Box::new(store), None));
    let (_, _, html) = get(&app, &format!("/article/{}", a.id)).await;
    assert!(html.contains("By TOI Lifestyle Desk"), "{html}");
    let (_, _, html) = get(&app, &format!("/article/{}", b.id)).await;
    assert!(!html.contains("By The Daily"), "{html}");
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

fn dated(title: &str, site: &str, language: &str, day: &str) -> Article {
    Article {
        site_name: Some(site.into()),
        language: Some(language.into()),
        published: Some(day.into()),
        ..article(
            title,
            &[&format!("{title}: the text of the story, told once.")],
        )
    }
}

fn commit_to(state: &server::Shared, url: &str, a: &Article, analysis: &Analysis) -> i64 {
    state.stores[0]
        .lock()
        .unwrap()
        .commit_article(&page(url), a, analysis)
        .unwrap()
        .id
}

#[tokio::test]
async fn home_shows_what_was_committed_since_it_was_last_served() {
    let state = AppState::new(Box::new(SqliteStore::in_memory().unwrap()), None);
    let app = server::router(state.clone());
    let first = dated("Harbour bridge reopens", "North Post", "en", "2024-03-01");
    commit_to(&state, "http://127.0.0.1/1", &first, &Analysis::default());
    let (_, _, home) = get(&app, "/").await;
    assert!(home.contains("Harbour bridge reopens"));
    let (_, _, again) = get(&app, "/").await;
    assert_eq!(home, again);

    let second = dated("Most su otvoreni", "Južne vijesti", "hr", "2024-03-02");
    commit_to(&state, "http://127.0.0.1/2", &second, &Analysis::default());
    let (_, _, home) = get(&app, "/").await;
    assert!(home.contains("Harbour bridge reopens") && home.contains("Most su otvoreni"));
    assert!(
        home.find("Most su otvoreni") < home.find("Harbour bridge reopens"),
        "newest first"
    );
    assert!(
        home.contains("hr (1)") && home.contains("en (1)"),
        "language facet"
    );

    // A filtered page keeps the facet counts of the whole window but lists only what matches.
    let (_, _, croatian) = get(&app, "/?lang=hr").await;
    assert!(croatian.contains("Most su otvoreni"));
    assert!(!croatian.contains("Harbour bridge reopens"));
    assert!(croatian.contains("en (1)") && croatian.contains("Clear filters"));
    let (_, _, none) = get(&app, "/?source=Nobody").await;
    assert!(!none.contains("Harbour bridge reopens") && !none.contains("Most su otvoreni"));

    // An update in place is a commit too.
    let retitled = dated(
        "Harbour bridge closes again",
        "North Post",
        "en",
        "2024-03-01",
    );
    commit_to(
        &state,
        "http://127.0.0.1/1",
        &retitled,
        &Analysis::default(),
    );
    let (_, _, home) = get(&app, "/").await;
    assert!(home.contains("Harbour bridge closes again"));
    assert!(!home.contains("Harbour bridge reopens"));
}

#[tokio::test]
async fn home_lists_the_people_of_several_stories_and_filters_by_one() {
    let state = AppState::new(Box::new(SqliteStore::in_memory().unwrap()), None);
    let app = server::router(state.clone());
    for (n, title) in ["Ana Novak opens the bridge", "Ana Novak closes the port"]
        .iter()
        .enumerate()
    {
        let a = dated(title, "North Post", "en", &format!("2024-03-0{}", n + 1));
        commit_to(&state, &format!("http://127.0.0.1/{n}"), &a, &ana_novak());
    }
    let other = dated("Ferry timetable changes", "North Post", "en", "2024-03-03");
    commit_to(&state, "http://127.0.0.1/9", &other, &Analysis::default());
    let (_, _, home) = get(&app, "/").await;
    assert!(
        home.contains("person") && home.contains("Ana Novak (2)"),
        "person facet"
    );
    let (_, _, hers) = get(&app, "/?person=Ana%20Novak").await;
    assert!(
        hers.contains("Ana Novak opens the bridge") && hers.contains("Ana Novak closes the port")
    );
    assert!(!hers.contains("Ferry timetable changes"));
}

#[tokio::test]
async fn person_page_shows_statements_committed_since_it_was_last_served() {
    use model::{Quote, QuoteKind, Span};
    let said = |text: &str| {
        let name = "Ana Novak";
        Analysis {
            quotes: vec![Quote {
                kind: QuoteKind::Direct,
                text: text.into(),
                content: Span::new(20, 20 + text.len()),
                speaker: Some(0),
                speaker_text: Some(name.into()),
                speaker_span: None,
                cue: Some("said".into()),
                cue_span: None,
                confidence: 0.8,
            }],
            ..ana_novak()
        }
    };
    let state = AppState::new(Box::new(SqliteStore::in_memory().unwrap()), None);
    let app = server::router(state.clone());
    let a = dated("Council meets", "North Post", "en", "2024-03-01");
    commit_to(
        &state,
        "http://127.0.0.1/1",
        &a,
        &said("The budget is balanced"),
    );
    let id = person_id(&state, "ana novak");
    let (status, _, before) = get(&app, &format!("/person/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains("The budget is balanced"));
    assert!(!before.contains("Taxes will fall"));

    let b = dated("Council meets again", "North Post", "en", "2024-03-02");
    commit_to(&state, "http://127.0.0.1/2", &b, &said("Taxes will fall"));
    let (_, _, after) = get(&app, &format!("/person/{id}")).await;
    assert!(after.contains("The budget is balanced") && after.contains("Taxes will fall"));
    // The statement filter is part of what is kept.
    let (_, _, filtered) = get(&app, &format!("/person/{id}?q=taxes")).await;
    assert!(filtered.contains("Taxes will fall") && !filtered.contains("The budget is balanced"));
}

#[tokio::test]
async fn a_person_s_events_page_latest_first() {
    use model::{Event, EventKind, Span};
    let met = |day: &str| Analysis {
        events: vec![Event {
            kind: EventKind::Meeting,
            name: None,
            participants: vec![0],
            place: None,
            place_id: None,
            date: Some(day.into()),
            evidence: Span::new(0, 3),
            evidence_text: "met".into(),
        }],
        ..ana_novak()
    };
    let state = AppState::new(Box::new(SqliteStore::in_memory().unwrap()), None);
    let app = server::router(state.clone());
    for (i, day) in ["2024-03-02", "2024-03-03", "2024-03-01"]
        .iter()
        .enumerate()
    {
        let a = dated(&format!("Meeting {i}"), "North Post", "en", day);
        commit_to(&state, &format!("http://127.0.0.1/{i}"), &a, &met(day));
    }
    let id = person_id(&state, "ana novak");
    let mut days = Vec::new();
    let mut uri = format!("/api/v1/people/{id}/events?limit=2");
    let mut pages = 0;
    loop {
        let (status, _, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        pages += 1;
        for item in v["items"].as_array().unwrap() {
            days.push(item["date"].as_str().unwrap().to_owned());
        }
        match v["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/people/{id}/events?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(days, ["2024-03-03", "2024-03-02", "2024-03-01"]);
    assert_eq!(pages, 2);
}

/// An analysis that names one person, Ana Novak, at the start of the text.
fn ana_novak() -> Analysis {
    use model::{EntityKind, Mention, MentionForm, Person, Span};
    let name = "Ana Novak";
    Analysis {
        mentions: vec![Mention {
            kind: EntityKind::Person,
            form: MentionForm::Name,
            span: Span::new(0, name.len()),
            text: name.into(),
            entity: Some(0),
            confidence: 0.9,
        }],
        people: vec![Person {
            id: 0,
            name: name.into(),
            key: "ana novak".into(),
            variants: vec![name.into()],
            roles: vec![],
            mentions: vec![0],
            ..Person::default()
        }],
        ..Analysis::default()
    }
}

fn person_id(state: &server::Shared, key: &str) -> i64 {
    state.stores[0]
        .lock()
        .unwrap()
        .person_by_key(key)
        .unwrap()
        .unwrap()
        .id
}
