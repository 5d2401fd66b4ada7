//! Builders shared by the cluster tests.

// Each test binary uses a different subset of these; `expect` would fail where all are used.
#![allow(dead_code)]

use analyse::cluster::StoryFeatures;
use model::{Article, Link};

pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

pub fn article(title: &str, published: Option<&str>, language: &str, text: &str) -> Article {
    Article {
        title: Some(title.to_string()),
        published: published.map(str::to_string),
        language: Some(language.to_string()),
        text: text.to_string(),
        ..Article::default()
    }
}

/// Features of an article, with whatever analysis the crate does today.
pub fn features(id: &str, article: &Article) -> StoryFeatures {
    let analysis = analyse::analyse(article);
    StoryFeatures::from_article(id, article, &analysis)
}

/// A fixture of the form: title line, date line, body lines.
pub fn dated_fixture(path: &str, language: &str) -> Article {
    let raw = fixture(path);
    let mut lines = raw.lines();
    let title = lines.next().unwrap_or_default().trim().to_string();
    let date = lines.next().unwrap_or_default().trim().to_string();
    let body: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    article(&title, Some(&date), language, &body.join("\n\n"))
}

/// The seed story's body, title and related headlines, from the repository's acceptance
/// fixture (not ../shared).
pub fn seed() -> Article {
    let full = format!(
        "{}/../../fixtures/seed/seed-article.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let raw = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let paras: Vec<&str> = raw
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let title = paras[1].to_string();
    let start = paras
        .iter()
        .position(|p| p.starts_with("BRUSSELS"))
        .expect("seed body");
    let end = paras
        .iter()
        .position(|p| *p == "Related posts")
        .expect("related posts");
    let related = paras[end + 1..]
        .iter()
        .map(|t| Link {
            title: t.to_string(),
            url: None,
        })
        .collect();
    Article {
        url: Some("https://europeanwesternbalkans.com/2021/05/18/dukanovic-stoltenberg/".into()),
        site_name: Some("European Western Balkans".into()),
        title: Some(title),
        published: Some("2021-05-18".into()),
        language: Some("en".into()),
        text: paras[start..end].join("\n\n"),
        related,
        ..Article::default()
    }
}

/// SETimes fixture lines: (id, language, title, text).
pub fn setimes() -> Vec<(String, String, String, String)> {
    fixture("setimes/pairs.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("lang"), s("title"), s("text"))
        })
        .collect()
}
