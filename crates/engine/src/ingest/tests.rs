//! The driver against a small fixture server on 127.0.0.1 and an in-memory Kronika.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::progress::Quiet;
use super::*;

fn article(n: u32) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Story {n}</title></head><body><article>\
         <h1>Story number {n}</h1>\
         <p>PODGORICA – The government of Montenegro met on Tuesday to discuss item {n} of the \
         budget, officials said, in a session that lasted most of the afternoon and ended late.</p>\
         <p>Ministers argued about the figures for several hours before agreeing on point {n}, \
         which will now go to parliament for a vote later this month, the statement added.</p>\
         </article></body></html>"
    )
}

/// Serves `routes` (path → status, content type, body); everything else is 404.
async fn serve(routes: Routes) -> (u16, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let routes = Arc::new(routes);
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let routes = routes.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&head);
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (mut status, ct, mut body) =
                    routes
                        .get(&path)
                        .cloned()
                        .unwrap_or((404, "text/plain", b"no".to_vec()));
                // Every response carries ETag "v1"; a request that already has it gets 304.
                if status == 200 && text.to_ascii_lowercase().contains("if-none-match: \"v1\"") {
                    status = 304;
                    body.clear();
                }
                let head = format!(
                    "HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Type: {ct}\r\n\
                     ETag: \"v1\"\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (port, task)
}

fn options() -> IngestOptions {
    let mut o = IngestOptions::default();
    o.fetch.allow_private = true;
    o.fetch.min_delay = Duration::ZERO;
    o.threads = 2;
    o
}

type Routes = HashMap<String, (u16, &'static str, Vec<u8>)>;

/// robots.txt allowing everything and three undated articles, /a/1.html to /a/3.html.
fn article_routes() -> Routes {
    let mut routes = HashMap::new();
    routes.insert(
        "/robots.txt".to_owned(),
        (200, "text/plain", b"User-agent: *\nAllow: /\n".to_vec()),
    );
    for n in 1..=3 {
        routes.insert(
            format!("/a/{n}.html"),
            (200, "text/html; charset=utf-8", article(n).into_bytes()),
        );
    }
    routes
}

async fn fixture() -> (u16, tokio::task::JoinHandle<()>) {
    let mut routes = article_routes();
    routes.insert(
        "/broken.html".to_owned(),
        (500, "text/html", b"oops".to_vec()),
    );
    routes.insert(
        "/not-a-feed".to_owned(),
        (200, "application/xml", b"<nothing/>".to_vec()),
    );
    // Feeds use relative links so the routes need no port.
    routes.insert(
        "/feed.xml".to_owned(),
        (
            200,
            "application/rss+xml",
            rss_relative(&["/a/1.html", "/a/2.html", "/broken.html"]),
        ),
    );
    routes.insert(
        "/sitemap.xml".to_owned(),
        (200, "application/xml", b"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>/a/3.html</loc></url></urlset>".to_vec()),
    );
    serve(routes).await
}

fn rss_relative(paths: &[&str]) -> Vec<u8> {
    let items: String = paths
        .iter()
        .map(|p| format!("<item><title>{p}</title><link>{p}</link></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>")
        .into_bytes()
}

fn add_source(k: &Kronika, name: &str, kind: &str, location: &str) -> store::Source {
    let mut s = k.store().unwrap();
    let id = s
        .add_source(&store::NewSource {
            name: name.into(),
            kind: kind.into(),
            location: location.into(),
            interval_secs: None,
        })
        .unwrap();
    s.source(id).unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn feed_pages_are_stored_once_and_a_broken_item_is_counted() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    let src = add_source(
        &k,
        "fixture",
        "feed",
        &format!("http://127.0.0.1:{port}/feed.xml"),
    );
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let first = ing.run(&[SourceSpec::from_source(&src)]).await.unwrap();
    let r = &first.sources[0];
    assert_eq!(r.source_error, None);
    assert_eq!((r.listed, r.new, r.failed), (3, 2, 1), "{r:?}");
    assert!(r.errors[0].1.contains("500"), "{:?}", r.errors);
    assert_eq!(k.store().unwrap().article_count().unwrap(), 2);

    // The feed answers 304 now, yet the page that failed with a 500 is tried again, once.
    let again = ing.run(&[SourceSpec::from_source(&src)]).await.unwrap();
    let r = &again.sources[0];
    assert_eq!((r.not_modified, r.new, r.failed), (1, 0, 1), "{r:?}");
    assert_eq!(k.store().unwrap().article_count().unwrap(), 2);
    let health = k.store().unwrap().health().unwrap();
    let h = health
        .iter()
        .find(|h| h.source.as_ref().is_some_and(|s| s.id == src.id))
        .unwrap();
    assert_eq!(h.articles, 2);
    assert!(h.fetches >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_url_source_is_sniffed_as_sitemap_feed_or_page() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let specs: Vec<SourceSpec> = ["/sitemap.xml", "/feed.xml", "/a/1.html"]
        .iter()
        .map(|p| {
            let mut s = SourceSpec::adhoc(&format!("{base}{p}"));
            s.kind = SourceKind::Url;
            s
        })
        .collect();
    let pass = ing.run(&specs).await.unwrap();
    let stored: u64 = pass.sources.iter().map(|r| r.new).sum();
    // Page 3 from the sitemap, pages 1 and 2 from the feed (1 fetched once: the
    // single-URL source and the feed may race, so the second is known or unchanged).
    assert_eq!(stored, 3, "{:?}", pass.sources);
    assert_eq!(k.store().unwrap().article_count().unwrap(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_listing_that_cannot_be_read_is_a_source_error() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let mut feed = SourceSpec::adhoc(&format!("http://127.0.0.1:{port}/not-a-feed"));
    feed.kind = SourceKind::Feed;
    let mut gone = SourceSpec::adhoc(&format!("http://127.0.0.1:{port}/missing.xml"));
    gone.kind = SourceKind::Feed;
    let pass = ing.run(&[feed, gone]).await.unwrap();
    assert!(
        pass.sources[0]
            .source_error
            .as_deref()
            .is_some_and(|e| e.contains("feed"))
    );
    assert!(
        pass.sources[1]
            .source_error
            .as_deref()
            .is_some_and(|e| e.contains("404"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn private_addresses_are_refused_by_default() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    let mut o = options();
    o.fetch.allow_private = false;
    let ing = Ingest::new(&k, o, Arc::new(Quiet), Stop::new()).unwrap();
    let pass = ing
        .run(&[SourceSpec::adhoc(&format!(
            "http://127.0.0.1:{port}/a/1.html"
        ))])
        .await
        .unwrap();
    let err = pass.sources[0].source_error.as_deref().unwrap_or_default();
    assert!(err.contains("non-public"), "{err}");
    assert_eq!(k.store().unwrap().article_count().unwrap(), 0);
}

fn warc_gz(records: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (uri, ct, body) in records {
        let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        rec.extend_from_slice(&block);
        rec.extend_from_slice(b"\r\n\r\n");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&rec).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn warc_responses_are_ingested_and_rerun_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.warc.gz");
    std::fs::write(
        &path,
        warc_gz(&[
            ("https://news.test/1", "text/html", article(1).into_bytes()),
            (
                "https://news.test/logo.png",
                "image/png",
                b"\x89PNG".to_vec(),
            ),
            (
                "https://news.test/2",
                "text/html; charset=utf-8",
                article(2).into_bytes(),
            ),
        ]),
    )
    .unwrap();
    let k = Kronika::in_memory().unwrap();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let spec = spec_for(path.to_str().unwrap());
    assert_eq!(spec.kind, SourceKind::Warc);
    let pass = ing.run(std::slice::from_ref(&spec)).await.unwrap();
    let r = &pass.sources[0];
    assert_eq!(
        (r.listed, r.new, r.skipped, r.failed),
        (3, 2, 1, 0),
        "{r:?}"
    );
    let again = ing.run(&[spec]).await.unwrap();
    let r = &again.sources[0];
    assert_eq!((r.known, r.new), (2, 0), "{r:?}");
    assert_eq!(k.store().unwrap().article_count().unwrap(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn stopped_pass_reports_interruption() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    let stop = Stop::new();
    stop.stop();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), stop).unwrap();
    let pass = ing
        .run(&[SourceSpec::adhoc(&format!(
            "http://127.0.0.1:{port}/feed.xml"
        ))])
        .await
        .unwrap();
    assert!(pass.interrupted);
    assert_eq!(k.store().unwrap().article_count().unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_polls_then_stops_cleanly() {
    let (port, _srv) = fixture().await;
    let k = Kronika::in_memory().unwrap();
    add_source(
        &k,
        "fixture",
        "feed",
        &format!("http://127.0.0.1:{port}/feed.xml"),
    );
    let stop = Stop::new();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), stop.clone()).unwrap();
    // Stops once the first round has stored both items, or after a deadline so a broken
    // watcher fails the count below instead of hanging; a fixed short delay was flaky under load.
    let stopper = async {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let stored = k.store().unwrap().article_count().unwrap();
            if stored >= 2 || tokio::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        stop.stop();
    };
    let watch_options = watch::WatchOptions::default();
    let (summary, ()) = tokio::join!(watch::watch(&ing, &watch_options, 10), stopper);
    let summary = summary.unwrap();
    assert!(summary.rounds >= 1);
    assert_eq!(k.store().unwrap().article_count().unwrap(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_is_read_for_pages_and_archives() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), article(7)).unwrap();
    std::fs::create_dir(dir.path().join("cc")).unwrap();
    let records = [("https://news.test/8", "text/html", article(8).into_bytes())];
    std::fs::write(dir.path().join("cc/part.warc.gz"), warc_gz(&records)).unwrap();
    let k = Kronika::in_memory().unwrap();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let spec = spec_for(dir.path().to_str().unwrap());
    assert_eq!(spec.kind, SourceKind::Path);
    let pass = ing.run(&[spec]).await.unwrap();
    let r = &pass.sources[0];
    assert_eq!((r.new, r.failed), (2, 0), "{r:?}");
    assert!(k.has_url("https://news.test/8").unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_registered_folder_is_credited_with_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), article(7)).unwrap();
    let records = [("https://news.test/8", "text/html", article(8).into_bytes())];
    std::fs::write(dir.path().join("part.warc.gz"), warc_gz(&records)).unwrap();
    let k = Kronika::in_memory().unwrap();
    let src = add_source(&k, "archive", "folder", dir.path().to_str().unwrap());
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    ing.run(&[SourceSpec::from_source(&src)]).await.unwrap();
    let health = k.store().unwrap().health().unwrap();
    let of = |id: Option<store::SourceId>| {
        health
            .iter()
            .find(|h| h.source.as_ref().map(|s| s.id) == id)
            .map_or(0, |h| h.articles)
    };
    assert_eq!(of(Some(src.id)), 2, "{health:?}");
    assert_eq!(of(None), 0, "{health:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_without_a_date_takes_the_date_its_listing_gives() {
    let mut routes = article_routes();
    let dated = "<!doctype html><html><head><meta property=\"article:published_time\" \
                 content=\"2020-01-02T08:00:00Z\"></head><body><article><h1>Dated</h1><p>Text \
                 of a page that states its own date, which wins over the listing's date, as \
                 any reader of the page would expect it to.</p></article></body></html>";
    routes.insert(
        "/a/dated.html".to_owned(),
        (200, "text/html", dated.as_bytes().to_vec()),
    );
    routes.insert(
        "/feed.xml".to_owned(),
        (
            200,
            "application/rss+xml",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>\
              <item><title>1</title><link>/a/1.html</link>\
              <pubDate>Tue, 18 May 2021 10:00:00 +0200</pubDate></item>\
              <item><title>d</title><link>/a/dated.html</link>\
              <pubDate>Tue, 18 May 2021 10:00:00 +0200</pubDate></item>\
              <item><title>2</title><link>/a/2.html</link></item>\
              </channel></rss>"
                .to_vec(),
        ),
    );
    routes.insert(
        "/sitemap.xml".to_owned(),
        (
            200,
            "application/xml",
            b"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
              <url><loc>/a/3.html</loc><lastmod>2021-06-14</lastmod></url></urlset>"
                .to_vec(),
        ),
    );
    let (port, _srv) = serve(routes).await;
    let k = Kronika::in_memory().unwrap();
    let ing = Ingest::new(&k, options(), Arc::new(Quiet), Stop::new()).unwrap();
    let specs = [
        SourceSpec::adhoc(&format!("http://127.0.0.1:{port}/feed.xml")),
        SourceSpec::adhoc(&format!("http://127.0.0.1:{port}/sitemap.xml")),
    ];
    let summary = ing.run(&specs).await.unwrap();
    assert_eq!(summary.totals().new, 4, "{summary:?}");
    let published = |path: &str| {
        let s = k.store().unwrap();
        let id = s
            .article_by_url(&format!("http://127.0.0.1:{port}{path}"))
            .unwrap()
            .unwrap();
        s.article(id).unwrap().unwrap().article.published
    };
    // feed-rs gives the moment in UTC.
    assert_eq!(
        published("/a/1.html").as_deref(),
        Some("2021-05-18T08:00:00Z")
    );
    assert_eq!(published("/a/3.html").as_deref(), Some("2021-06-14"));
    assert_eq!(
        published("/a/dated.html").as_deref(),
        Some("2020-01-02T08:00:00Z")
    );
    assert_eq!(published("/a/2.html"), None);
}
