//! The demo newsroom: the bundled corpus served as a real news site on 127.0.0.1 (home page, RSS feed,
//! sitemap, robots.txt, article pages), so `kronika demo` exercises the real fetcher and pipeline.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

static CORPUS: &[u8] = include_bytes!("../demo/corpus.json.gz");

#[derive(Debug, Clone, Deserialize)]
pub struct DemoPage {
    pub path: String,
    pub title: String,
    pub published: Option<String>,
    pub lang: String,
    pub html: String,
}

#[derive(Deserialize)]
struct Corpus {
    pages: Vec<DemoPage>,
}

/// The bundled pages, in the order the generator wrote them.
pub fn pages() -> Vec<DemoPage> {
    let mut json = String::new();
    // The corpus is compiled into the binary and checked by a test, so failing here is a build defect.
    flate2::read::GzDecoder::new(CORPUS)
        .read_to_string(&mut json)
        .expect("bundled demo corpus is valid gzip");
    serde_json::from_str::<Corpus>(&json)
        .expect("bundled demo corpus is valid JSON")
        .pages
}

struct Site {
    base: String,
    pages: Vec<DemoPage>,
}

/// A running demo site.
pub struct DemoSite {
    pub addr: SocketAddr,
    pub base: String,
    handle: tokio::task::JoinHandle<()>,
}

impl DemoSite {
    pub fn feed_url(&self) -> String {
        format!("{}/feed.xml", self.base)
    }
    pub fn sitemap_url(&self) -> String {
        format!("{}/sitemap.xml", self.base)
    }
}

impl Drop for DemoSite {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// Starts the demo site on 127.0.0.1 at `port` (0: any free port).
pub async fn start(port: u16) -> std::io::Result<DemoSite> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let site = Arc::new(Site {
        base: base.clone(),
        pages: pages(),
    });
    let app = Router::new()
        .route("/", get(home))
        .route("/feed.xml", get(feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(|| async { "User-agent: *\nAllow: /\n" }))
        .fallback(page)
        .with_state(site);
    let handle = tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, app).await {
            tracing::error!(%err, "demo site stopped");
        }
    });
    Ok(DemoSite { addr, base, handle })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn home(State(site): State<Arc<Site>>) -> Response {
    let items: String = site
        .pages
        .iter()
        .map(|p| {
            format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                xml_escape(&p.path),
                xml_escape(&p.title)
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kronika demo newsroom</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head>\
         <body><h1>Kronika demo newsroom</h1><ul>\n{items}</ul></body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

async fn feed(State(site): State<Arc<Site>>) -> Response {
    let items: String = site
        .pages
        .iter()
        .map(|p| {
            let date = p
                .published
                .as_deref()
                .map(|d| format!("<pubDate>{}</pubDate>", rfc2822_midnight(d)))
                .unwrap_or_default();
            format!(
                "<item><title>{}</title><link>{}{}</link><guid>{}{}</guid>{date}</item>\n",
                xml_escape(&p.title),
                site.base,
                xml_escape(&p.path),
                site.base,
                xml_escape(&p.path)
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Kronika demo newsroom</title><link>{}/</link><description>Bundled corpus</description>\n{items}</channel></rss>\n",
        site.base
    );
    (
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

/// "2021-05-18" → "Tue, 18 May 2021 00:00:00 +0000" (RSS wants RFC 2822).
fn rfc2822_midnight(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%a, %d %b %Y 00:00:00 +0000").to_string())
        .unwrap_or_default()
}

async fn sitemap(State(site): State<Arc<Site>>) -> Response {
    let urls: String = site
        .pages
        .iter()
        .map(|p| {
            let lastmod = p
                .published
                .as_deref()
                .map(|d| format!("<lastmod>{d}</lastmod>"))
                .unwrap_or_default();
            format!(
                "<url><loc>{}{}</loc>{lastmod}</url>\n",
                site.base,
                xml_escape(&p.path)
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{urls}</urlset>\n"
    );
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

async fn page(State(site): State<Arc<Site>>, uri: Uri) -> Response {
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    match site.pages.iter().find(|p| p.path == path) {
        Some(p) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            p.html.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_holds_seed_gum_news_and_setimes() {
        let pages = pages();
        assert!(
            pages
                .iter()
                .any(|p| p.title.starts_with("Đukanović discusses"))
        );
        assert_eq!(
            pages
                .iter()
                .filter(|p| p.path.starts_with("/wikinews/"))
                .count(),
            24
        );
        assert_eq!(
            pages
                .iter()
                .filter(|p| p.path.starts_with("/setimes/sr/"))
                .count(),
            44
        );
        assert_eq!(
            pages
                .iter()
                .filter(|p| p.path.starts_with("/setimes/hr/"))
                .count(),
            62
        );
    }

    #[test]
    fn rss_dates_name_the_right_weekday() {
        assert_eq!(
            rfc2822_midnight("2021-05-18"),
            "Tue, 18 May 2021 00:00:00 +0000"
        );
        assert_eq!(
            rfc2822_midnight("2009-05-08"),
            "Fri, 08 May 2009 00:00:00 +0000"
        );
        assert_eq!(rfc2822_midnight("garbage"), "");
    }

    #[tokio::test]
    async fn site_serves_feed_sitemap_and_pages() {
        let site = start(0).await.unwrap();
        let get = |url: String| async move {
            let mut stream = tokio::net::TcpStream::connect(site_addr(&url))
                .await
                .unwrap();
            let path = url
                .splitn(4, '/')
                .nth(3)
                .map(|p| format!("/{p}"))
                .unwrap_or("/".into());
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            stream
                .write_all(
                    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                )
                .await
                .unwrap();
            let mut out = String::new();
            stream.read_to_string(&mut out).await.unwrap();
            out
        };
        let feed = get(site.feed_url()).await;
        assert!(feed.starts_with("HTTP/1.1 200"), "{feed}");
        assert_eq!(feed.matches("<item>").count(), 131);
        let sitemap = get(site.sitemap_url()).await;
        assert_eq!(sitemap.matches("<url>").count(), 131);
        let seed = get(format!(
            "{}/2021/05/18/dukanovic-discusses-natos-cooperation-with-montenegro-and-the-region-with-stoltenberg/",
            site.base
        ))
        .await;
        assert!(seed.contains("NATO Secretary General Jens Stoltenberg met with"));
        assert!(
            get(format!("{}/nope", site.base))
                .await
                .starts_with("HTTP/1.1 404")
        );
    }

    fn site_addr(url: &str) -> String {
        url.trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned()
    }
}
