//! Kill the ingest mid-run (SIGKILL), restart it, and check the store: every committed article
//! intact, none twice, the run completes, and a further run changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use store::{SqliteStore, Store};

const PAGES: usize = 300;

fn kronika(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kronika"));
    c.arg("--data").arg(data).env("KRONIKA_LOG", "error");
    c
}

/// A page per `i`: its own words (so no two are near-duplicates), a person and a quotation.
fn page(i: usize) -> String {
    let words: String = (0..150)
        .map(|w| format!("t{i}w{} ", (w * 37 + i * 11) % 1009))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Council report {i}</title>\
         <meta property=\"article:published_time\" content=\"2021-05-{day:02}T10:00:00Z\"></head>\
         <body><header><nav><a href=\"/\">Home</a></nav></header><main><article>\
         <h1>Council report {i}</h1>\
         <p>BRUSSELS – The city council met on Tuesday to discuss item {i} of the budget, \
         and Mayor Ana Kovač said the plan would be published next week.</p>\
         <p>{words}</p>\
         <p>“Item {i} is our priority,” Kovač said after the session.</p>\
         </article></main><footer>© Example Times</footer></body></html>",
        day = i % 28 + 1
    )
}

fn make_pages(dir: &Path) {
    for i in 0..PAGES {
        std::fs::write(dir.join(format!("page-{i:04}.html")), page(i)).unwrap();
    }
}

fn file_url(p: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(p).unwrap().display())
}

fn count(data: &Path) -> u64 {
    if !data.join(store::STORE_FILE).exists() {
        return 0;
    }
    SqliteStore::open(data)
        .and_then(|s| s.article_count())
        .unwrap_or(0)
}

/// Every stored article parses, its raw page is byte-identical to its file, and no file or
/// text is stored twice.
fn check_intact(data: &Path, pages: &Path) -> u64 {
    let s = SqliteStore::open(data).unwrap();
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let n = s.article_count().unwrap();
    let mut seen_urls = std::collections::HashSet::new();
    let mut seen_hashes = std::collections::HashSet::new();
    let all = s.changed_since(0, 100_000).unwrap();
    assert_eq!(all.len() as u64, n);
    for a in &all {
        assert!(
            seen_urls.insert(a.canonical_url.clone()),
            "{} stored twice",
            a.url
        );
        assert!(
            seen_hashes.insert(a.content_hash.clone()),
            "{} duplicated",
            a.url
        );
        let name = a.url.rsplit('/').next().unwrap();
        let on_disk = std::fs::read(pages.join(name)).unwrap();
        assert_eq!(
            s.raw_page(a.id).unwrap().as_deref(),
            Some(&on_disk[..]),
            "{}",
            a.url
        );
        assert!(
            a.article.text.contains("city council"),
            "{} lost its body",
            a.url
        );
        assert_eq!(a.analysis, s.article(a.id).unwrap().unwrap().analysis);
    }
    n
}

fn search_total(data: &Path, query: &str) -> u64 {
    let out = kronika(data)
        .args(["search", "--json", "--limit", "1", query])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["total"].as_u64().unwrap()
}

#[test]
fn killed_ingest_resumes_without_losing_or_duplicating_articles() {
    let pages_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let (pages, data): (PathBuf, PathBuf) = (pages_dir.path().into(), data_dir.path().join("d"));
    make_pages(&pages);

    // First run: kill it once some articles are committed. Its errors go to a file, to say
    // why should it end by itself.
    let errors = data_dir.path().join("first-run.stderr");
    let mut child = kronika(&data)
        .arg("ingest")
        .arg(&pages)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&errors).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut killed_at = None;
    let mut ended_early = None;
    while started.elapsed() < Duration::from_secs(120) {
        if let Some(status) = child.try_wait().unwrap() {
            ended_early = Some(status);
            break;
        }
        let n = count(&data);
        if n >= 20 {
            killed_at = Some(n);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill(); // SIGKILL on Unix; an error only means it had already ended
    child.wait().unwrap();
    if let Some(status) = ended_early {
        let said = std::fs::read_to_string(&errors).unwrap_or_default();
        panic!(
            "ingest ended before it could be killed ({status}; make the run longer if it succeeded): {said}"
        );
    }
    let killed_at = killed_at.expect("no article was committed within two minutes");
    let after_kill = check_intact(&data, &pages);
    assert!(
        after_kill >= killed_at && after_kill < PAGES as u64,
        "{after_kill} of {PAGES}"
    );

    // Restart: the run completes.
    let status = kronika(&data)
        .arg("ingest")
        .arg(&pages)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(check_intact(&data, &pages), PAGES as u64);
    {
        let s = SqliteStore::open(&data).unwrap();
        for i in 0..PAGES {
            let p = pages.join(format!("page-{i:04}.html"));
            assert!(s.has_url(&file_url(&p)).unwrap(), "{} missing", p.display());
        }
    }
    // The index holds everything, including what was committed to the store but not yet to the
    // index when the first run died.
    assert_eq!(search_total(&data, "council"), PAGES as u64);

    // Once more: nothing changes.
    let before = SqliteStore::open(&data).unwrap().table_counts().unwrap();
    let seq = SqliteStore::open(&data).unwrap().max_seq().unwrap();
    let status = kronika(&data)
        .arg("ingest")
        .arg(&pages)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let s = SqliteStore::open(&data).unwrap();
    let after = s.table_counts().unwrap();
    let without_log = |t: &[(String, i64)]| -> Vec<(String, i64)> {
        t.iter()
            .filter(|(n, _)| n != "fetch_log")
            .cloned()
            .collect()
    };
    assert_eq!(without_log(&after), without_log(&before));
    assert_eq!(s.max_seq().unwrap(), seq);
    assert_eq!(search_total(&data, "council"), PAGES as u64);
}
