//! Fetcher behaviour against the fixture server on 127.0.0.1.

mod support;

use std::time::{Duration, Instant};

use fetch::{FetchConfig, FetchError, Fetcher, Validators};
use support::Server;

fn config() -> FetchConfig {
    FetchConfig {
        allow_private: true,
        min_delay: Duration::ZERO,
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(4),
        ..FetchConfig::default()
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(config()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn page_is_fetched_with_an_honest_user_agent() {
    let srv = Server::start().await;
    let got = fetcher().get(&srv.url("/page.html"), None).await.unwrap();
    assert_eq!(got.status, 200);
    assert!(!got.not_modified);
    assert_eq!(got.final_url, srv.url("/page.html"));
    assert!(String::from_utf8_lossy(&got.bytes).contains("Body of /page.html"));
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    let page = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/page.html")
        .unwrap();
    let ua = &page.headers["user-agent"];
    assert!(
        ua.starts_with("Kronika/") && ua.contains("+https://"),
        "{ua}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn loopback_is_refused_unless_private_addresses_are_allowed() {
    let srv = Server::start().await;
    let strict = Fetcher::new(FetchConfig {
        allow_private: false,
        ..config()
    })
    .unwrap();
    for url in [
        srv.url("/page.html"),
        format!("http://localhost:{}/page.html", srv.port),
    ] {
        let err = strict.get(&url, None).await.unwrap_err();
        assert!(
            matches!(err, FetchError::SsrfRefused { .. }),
            "{url}: {err}"
        );
    }
    // Refused before any byte was sent, robots.txt included.
    assert!(srv.requests().is_empty());
    assert!(fetcher().get(&srv.url("/page.html"), None).await.is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn redirect_to_a_private_host_is_refused_on_that_hop() {
    let srv = Server::start().await;
    // 127.0.0.1 is exempted by name; the redirect goes to "localhost", which is not.
    let f = Fetcher::new(FetchConfig {
        allow_private: false,
        private_hosts: vec!["127.0.0.1".into()],
        ..config()
    })
    .unwrap();
    assert!(f.get(&srv.url("/page.html"), None).await.is_ok());
    let err = f.get(&srv.url("/to-localhost"), None).await.unwrap_err();
    assert!(
        matches!(&err, FetchError::SsrfRefused { host, .. } if host == "localhost"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_disallow_is_honoured_and_robots_is_fetched_once() {
    let srv = Server::start().await;
    let f = fetcher();
    let err = f
        .get(&srv.url("/private/secret.html"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::RobotsDisallowed { .. }), "{err}");
    assert_eq!(srv.hits("/private/secret.html"), 0);
    f.get(&srv.url("/page.html"), None).await.unwrap();
    f.get(&srv.url("/a/1.html"), None).await.unwrap();
    assert_eq!(srv.hits("/robots.txt"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_group_for_kronika_is_applied() {
    let srv =
        Server::with_robots("User-agent: Kronika\nDisallow: /a/\n\nUser-agent: *\nAllow: /\n")
            .await;
    let f = fetcher();
    let err = f.get(&srv.url("/a/1.html"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::RobotsDisallowed { .. }), "{err}");
    assert!(f.get(&srv.url("/page.html"), None).await.is_ok());
}

// Timing is measured on the client from before the first request: each request starts no
// earlier than the previous one's start plus the delay, so the bound is exact, not a guess at
// network latency.
#[tokio::test(flavor = "multi_thread")]
async fn crawl_delay_spaces_requests_to_one_host() {
    let srv = Server::with_robots("User-agent: *\nCrawl-delay: 1\n").await;
    let f = fetcher();
    let started = Instant::now();
    f.get(&srv.url("/a/1.html"), None).await.unwrap();
    f.get(&srv.url("/a/2.html"), None).await.unwrap();
    // robots.txt, then page 1 (the delay is learnt from robots.txt), then page 2 a second later.
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(srv.hits("/robots.txt"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn minimum_delay_applies_without_crawl_delay() {
    let srv = Server::start().await;
    let f = Fetcher::new(FetchConfig {
        min_delay: Duration::from_millis(400),
        ..config()
    })
    .unwrap();
    let started = Instant::now();
    f.get(&srv.url("/a/1.html"), None).await.unwrap();
    f.get(&srv.url("/a/2.html"), None).await.unwrap();
    // Three requests to one host (robots.txt and two pages): two gaps of at least 400 ms.
    assert_eq!(srv.requests().len(), 3);
    assert!(started.elapsed() >= Duration::from_millis(800));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_request_at_a_time_per_host() {
    let srv = Server::start().await;
    let f = fetcher();
    // No warm-up: the four callers also race for the host's robots.txt, fetched once.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let f = f.clone();
            let url = srv.url("/busy.html");
            tokio::spawn(async move { f.get(&url, None).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(srv.hits("/busy.html"), 4);
    assert_eq!(srv.hits("/robots.txt"), 1);
    assert_eq!(
        srv.max_in_flight.load(std::sync::atomic::Ordering::SeqCst),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn conditional_get_yields_not_modified() {
    let srv = Server::start().await;
    let f = fetcher();
    let first = f.get(&srv.url("/etag.html"), None).await.unwrap();
    assert_eq!(first.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.last_modified.as_deref(),
        Some("Tue, 18 May 2021 10:00:00 GMT")
    );
    let again = f
        .get(&srv.url("/etag.html"), Some(first.validators()))
        .await
        .unwrap();
    assert!(again.not_modified);
    assert_eq!(again.status, 304);
    assert!(again.bytes.is_empty());
    let sent = srv
        .requests()
        .into_iter()
        .filter(|r| r.path == "/etag.html")
        .nth(1)
        .unwrap();
    assert_eq!(sent.headers["if-none-match"], "\"v1\"");
    assert_eq!(
        sent.headers["if-modified-since"],
        "Tue, 18 May 2021 10:00:00 GMT"
    );
    let stale = Validators {
        etag: Some("\"v0\"".into()),
        last_modified: None,
    };
    assert!(
        !f.get(&srv.url("/etag.html"), Some(stale))
            .await
            .unwrap()
            .not_modified
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn server_error_is_a_status_error() {
    let srv = Server::start().await;
    let err = fetcher()
        .get(&srv.url("/error.html"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 500, .. }),
        "{err}"
    );
    assert!(err.is_transient() && !err.is_internal());
    let err = fetcher()
        .get(&srv.url("/missing.html"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
    assert!(!err.is_transient());
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_headers_time_out() {
    let srv = Server::start().await;
    let err = fetcher()
        .get(&srv.url("/slow.html"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn stalled_body_times_out() {
    let srv = Server::start().await;
    let err = fetcher()
        .get(&srv.url("/stall-body.html"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn redirect_loop_is_detected() {
    let srv = Server::start().await;
    let err = fetcher().get(&srv.url("/loop/a"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn five_redirects_are_followed_and_six_are_refused() {
    let srv = Server::start().await;
    let f = fetcher();
    // /hop/4 → /hop/3 → … → /hop/0 → /page.html: five redirects.
    let got = f.get(&srv.url("/hop/4"), None).await.unwrap();
    assert_eq!(got.final_url, srv.url("/page.html"));
    assert_eq!(got.redirects.len(), 5);
    let err = f.get(&srv.url("/hop/5"), None).await.unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 5, .. }),
        "{err}"
    );
    let err = f.get(&srv.url("/no-location"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::BadRedirect { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn gzip_bomb_is_refused() {
    let srv = Server::start().await;
    let compressed = support::bomb().len();
    assert!(
        compressed < 1 << 20,
        "the bomb itself is small: {compressed} bytes"
    );
    let err = fetcher()
        .get(&srv.url("/bomb.html"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::DecompressionBomb { limit, .. } if limit == 10 * 1024 * 1024),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn gzip_brotli_and_deflate_are_decoded() {
    let srv = Server::start().await;
    let f = fetcher();
    for path in ["/gzip.html", "/br.html", "/deflate.html"] {
        let got = f.get(&srv.url(path), None).await.unwrap();
        assert!(
            String::from_utf8_lossy(&got.bytes).contains("Body of compressed"),
            "{path}"
        );
    }
    let sent = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/br.html")
        .unwrap();
    assert!(sent.headers["accept-encoding"].contains("br"));
}

#[tokio::test(flavor = "multi_thread")]
async fn fifty_megabyte_body_is_refused_with_or_without_length() {
    let srv = Server::start().await;
    let f = fetcher();
    for path in ["/big.html", "/big-unsized.html"] {
        let err = f.get(&srv.url(path), None).await.unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit, .. } if limit == 10 * 1024 * 1024),
            "{path}: {err}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn disallowed_content_type_is_refused() {
    let srv = Server::start().await;
    let err = fetcher()
        .get(&srv.url("/image.png"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FetchError::ContentType { content_type, .. } if content_type == "image/png")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn windows_1251_page_arrives_byte_exact_with_its_charset() {
    let srv = Server::start().await;
    let got = fetcher().get(&srv.url("/cp1251.html"), None).await.unwrap();
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/html; charset=windows-1251")
    );
    let expected = support::cp1251(support::CP1251_TEXT);
    assert!(
        got.bytes
            .windows(expected.len())
            .any(|w| w == expected.as_slice())
    );
    assert!(
        std::str::from_utf8(&got.bytes).is_err(),
        "bytes must not be re-encoded"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_urls_are_typed_errors() {
    let f = fetcher();
    assert!(matches!(
        f.get("not a url", None).await,
        Err(FetchError::InvalidUrl { .. })
    ));
    assert!(matches!(
        f.get("ftp://127.0.0.1/x", None).await,
        Err(FetchError::UnsupportedScheme { .. })
    ));
    assert!(matches!(
        f.get("file:///etc/passwd", None).await,
        Err(FetchError::UnsupportedScheme { .. })
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_lists_sitemaps() {
    let srv =
        Server::with_robots("User-agent: *\nAllow: /\nSitemap: http://127.0.0.1/s.xml\n").await;
    let maps = fetcher().robots_sitemaps(&srv.url("/")).await.unwrap();
    assert_eq!(maps, vec!["http://127.0.0.1/s.xml"]);
}
