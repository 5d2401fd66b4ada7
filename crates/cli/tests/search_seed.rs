//! `kronika search 'person:Djukanovic said:NATO'` finds the seed's statements after the seed page
//! is ingested.

use std::path::{Path, PathBuf};
use std::process::Command;

fn kronika(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kronika"));
    c.arg("--data").arg(data).env("KRONIKA_LOG", "error");
    c
}

#[test]
fn said_nato_by_djukanovic_finds_the_seed_statements() {
    let seed =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/seed-article.html");
    let data = tempfile::tempdir().unwrap();
    let status = kronika(data.path())
        .arg("ingest")
        .arg(&seed)
        .status()
        .unwrap();
    assert!(status.success());

    let out = kronika(data.path())
        .args(["search", "--json", "person:Djukanovic said:NATO"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["kind"], "quote");
        assert!(h["speaker"].as_str().unwrap().contains("Đukanović"), "{h}");
        assert!(
            h["snippet_html"].as_str().unwrap().contains("<b>NATO</b>"),
            "{h}"
        );
    }
    // The seed's own words (expected.json): Đukanović on NATO membership and the region.
    let texts: Vec<&str> = hits.iter().filter_map(|h| h["snippet"].as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("NATO")), "{texts:?}");

    // Any spelling finds the same statements.
    for q in [
        "person:Đukanović said:NATO",
        "person:\"Milo Dukanovic\" said:NATO",
        "person:Ђукановић said:NATO",
    ] {
        let out = kronika(data.path())
            .args(["search", "--json", q])
            .output()
            .unwrap();
        let w: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(w["total"], v["total"], "{q}");
    }
    // Stoltenberg's statements are not Đukanović's.
    let out = kronika(data.path())
        .args(["search", "--json", "person:Stoltenberg said:NATO"])
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for h in s["hits"].as_array().unwrap() {
        assert!(!h["speaker"].as_str().unwrap_or("").contains("Đukanović"));
    }
}
