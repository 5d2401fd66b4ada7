//! A fixture HTTP/1.1 server on 127.0.0.1, written on tokio's TcpListener so each odd
//! behaviour (stalls, lying lengths, bombs, loops) is exactly what the bytes on the wire say.
//! One connection per request (`Connection: close`), which keeps per-request timing visible.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub at: Instant,
}

pub struct Server {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Seen>>>,
    /// The most requests that were ever being answered at the same moment.
    pub max_in_flight: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct State {
    port: u16,
    robots: String,
    log: Arc<Mutex<Vec<Seen>>>,
    in_flight: AtomicUsize,
    max_in_flight: Arc<AtomicUsize>,
}

impl Server {
    pub async fn start() -> Server {
        Self::with_robots("User-agent: *\nDisallow: /private/\n").await
    }

    pub async fn with_robots(robots: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let state = Arc::new(State {
            port,
            robots: robots.to_owned(),
            log: log.clone(),
            in_flight: AtomicUsize::new(0),
            max_in_flight: max_in_flight.clone(),
        });
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, state).await;
                });
            }
        });
        Server {
            port,
            log,
            max_in_flight,
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .count()
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, state: Arc<State>) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || head.len() > 32 * 1024 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_owned();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    state.log.lock().unwrap().push(Seen {
        path: path.clone(),
        headers: headers.clone(),
        at: Instant::now(),
    });
    let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let result = respond(&mut stream, &state, &path, &headers).await;
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    result
}

async fn send(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(out.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

fn html(title: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Body of {title}.</p></article></body></html>"
    )
    .into_bytes()
}

/// Cyrillic in windows-1251: А..я are 0xC0..0xFF in order.
pub fn cp1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'А'..='я' => (0xC0 + (c as u32 - 'А' as u32)) as u8,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

pub const CP1251_TEXT: &str = "Привет мир";

/// 64 MiB of zeros, gzip'd once (about 64 KiB); built before a test's timed request starts.
pub fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..64 {
            enc.write_all(&zeros).unwrap();
        }
        enc.finish().unwrap()
    })
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
    }
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

async fn respond(
    stream: &mut TcpStream,
    state: &State,
    path: &str,
    req: &HashMap<String, String>,
) -> std::io::Result<()> {
    let base = format!("http://127.0.0.1:{}", state.port);
    let text_html = ("Content-Type", "text/html; charset=utf-8".to_owned());
    let xml = ("Content-Type", "application/xml".to_owned());
    match path {
        "/robots.txt" => {
            let ct = ("Content-Type", "text/plain".to_owned());
            send(stream, "200 OK", &[ct], state.robots.as_bytes()).await
        }
        "/page.html" | "/private/secret.html" | "/a/1.html" | "/a/2.html" | "/a/3.html" => {
            send(stream, "200 OK", &[text_html], &html(path)).await
        }
        "/etag.html" => {
            let etag = "\"v1\"".to_owned();
            let lm = "Tue, 18 May 2021 10:00:00 GMT".to_owned();
            if req.get("if-none-match") == Some(&etag) {
                return send(stream, "304 Not Modified", &[("ETag", etag)], b"").await;
            }
            let headers = [text_html, ("ETag", etag), ("Last-Modified", lm)];
            send(stream, "200 OK", &headers, &html("etag")).await
        }
        "/cp1251.html" => {
            let mut body = b"<html><head><title>".to_vec();
            body.extend(cp1251(CP1251_TEXT));
            body.extend_from_slice(b"</title></head><body><p>");
            body.extend(cp1251(CP1251_TEXT));
            body.extend_from_slice(b"</p></body></html>");
            let ct = ("Content-Type", "text/html; charset=windows-1251".to_owned());
            send(stream, "200 OK", &[ct], &body).await
        }
        "/gzip.html" | "/br.html" | "/deflate.html" => {
            let plain = html("compressed");
            let (enc, body) = match path {
                "/gzip.html" => ("gzip", gzip(&plain)),
                "/br.html" => ("br", brotli(&plain)),
                _ => ("deflate", deflate(&plain)),
            };
            let headers = [text_html, ("Content-Encoding", enc.to_owned())];
            send(stream, "200 OK", &headers, &body).await
        }
        "/bomb.html" => {
            let headers = [text_html, ("Content-Encoding", "gzip".to_owned())];
            send(stream, "200 OK", &headers, bomb()).await
        }
        "/big.html" | "/big-unsized.html" => {
            // 50 MiB, written in chunks; the unsized variant sends no Content-Length and
            // ends the body by closing, so only counting while streaming can catch it.
            let total: usize = 50 << 20;
            let mut head =
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n".to_owned();
            if path == "/big.html" {
                head.push_str(&format!("Content-Length: {total}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                if stream.write_all(&chunk).await.is_err() {
                    return Ok(());
                }
                sent += chunk.len();
            }
            stream.shutdown().await
        }
        "/slow.html" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            send(stream, "200 OK", &[text_html], &html("slow")).await
        }
        "/stall-body.html" => {
            let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\
                        Content-Length: 1000\r\n\r\n<html>";
            stream.write_all(head.as_bytes()).await?;
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(())
        }
        "/busy.html" => {
            tokio::time::sleep(Duration::from_millis(150)).await;
            send(stream, "200 OK", &[text_html], &html("busy")).await
        }
        "/error.html" => send(stream, "500 Internal Server Error", &[text_html], b"oops").await,
        "/missing.html" => send(stream, "404 Not Found", &[text_html], b"gone").await,
        "/image.png" => {
            let ct = ("Content-Type", "image/png".to_owned());
            send(stream, "200 OK", &[ct], b"\x89PNG\r\n\x1a\n").await
        }
        "/loop/a" => redirect(stream, "/loop/b").await,
        "/loop/b" => redirect(stream, "/loop/a").await,
        "/to-localhost" => {
            let to = format!("http://localhost:{}/page.html", state.port);
            redirect(stream, &to).await
        }
        "/no-location" => send(stream, "302 Found", &[], b"").await,
        p if p.starts_with("/hop/") => {
            let n: u32 = p["/hop/".len()..].parse().unwrap_or(0);
            if n == 0 {
                redirect(stream, "/page.html").await
            } else {
                redirect(stream, &format!("/hop/{}", n - 1)).await
            }
        }
        "/feed.xml" => {
            let body = format!(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title>
<item><title>One</title><link>{base}/a/1.html</link><pubDate>Tue, 18 May 2021 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>/a/2.html</link></item>
</channel></rss>"#
            );
            let ct = ("Content-Type", "application/rss+xml".to_owned());
            send(stream, "200 OK", &[ct], body.as_bytes()).await
        }
        "/atom.xml" => {
            let body = format!(
                r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Fixture</title><id>urn:x</id><updated>2021-05-18T10:00:00Z</updated>
<entry><title>Three</title><id>urn:3</id><link href="{base}/a/3.html"/><updated>2021-05-18T11:00:00Z</updated></entry>
</feed>"#
            );
            let ct = ("Content-Type", "application/atom+xml".to_owned());
            send(stream, "200 OK", &[ct], body.as_bytes()).await
        }
        "/feed.json" => {
            let body = format!(
                r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Fixture",
"items":[{{"id":"1","url":"{base}/a/1.html","title":"One","date_published":"2021-05-18T10:00:00Z"}}]}}"#
            );
            let ct = ("Content-Type", "application/feed+json".to_owned());
            send(stream, "200 OK", &[ct], body.as_bytes()).await
        }
        "/sitemap_index.xml" => {
            let body = format!(
                r#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap1.xml</loc></sitemap>
<sitemap><loc>{base}/sitemap2.xml.gz</loc></sitemap>
</sitemapindex>"#
            );
            send(stream, "200 OK", &[xml], body.as_bytes()).await
        }
        "/sitemap1.xml" => {
            let body = format!(
                r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/a/1.html</loc><lastmod>2021-05-18</lastmod></url>
<url><loc>{base}/a/2.html</loc></url>
</urlset>"#
            );
            send(stream, "200 OK", &[xml], body.as_bytes()).await
        }
        "/sitemap2.xml.gz" => {
            let body = format!(
                r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/a/3.html</loc><news:news><news:publication_date>2021-05-18T12:00:00Z</news:publication_date><news:title>Three</news:title></news:news></url>
</urlset>"#
            );
            let ct = ("Content-Type", "application/x-gzip".to_owned());
            send(stream, "200 OK", &[ct], &gzip(body.as_bytes())).await
        }
        _ => send(stream, "404 Not Found", &[text_html], b"not here").await,
    }
}

async fn redirect(stream: &mut TcpStream, to: &str) -> std::io::Result<()> {
    send(stream, "302 Found", &[("Location", to.to_owned())], b"").await
}
