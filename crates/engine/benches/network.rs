//! Network ingest throughput (a measurement, not a test): the pages under
//! KRONIKA_BENCH_PAGES (`*.html`, `*.html.gz`, as for the ingest bench) served over HTTP on
//! 127.0.0.1 by KRONIKA_BENCH_HOSTS (default 8) loopback addresses 127.0.0.1, 127.0.0.2, …,
//! each listing its share in a sitemap, then ingested as sitemap sources with no politeness
//! delay → pages/s, once with one analysis thread and once with KRONIKA_BENCH_THREADS
//! (default 2).
//!
//!     KRONIKA_BENCH_PAGES=../shared/data/extraction cargo bench -p engine --bench network
//!
//! Politeness is per host, so each address is a host fetched one page at a time, as a real
//! outlet would be.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use engine::Kronika;
use engine::ingest::progress::Quiet;
use engine::ingest::{Ingest, IngestOptions, SourceSpec, Stop};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn collect(root: &Path, out: &mut Vec<PathBuf>) {
    if root.is_dir() {
        if let Ok(rd) = std::fs::read_dir(root) {
            let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                collect(&p, out);
            }
        }
    } else {
        let n = root.to_string_lossy().to_ascii_lowercase();
        if (n.ends_with(".html") || n.ends_with(".html.gz")) && !n.ends_with("expected.html") {
            out.push(root.to_path_buf());
        }
    }
}

fn read_page(p: &Path) -> Vec<u8> {
    let bytes = std::fs::read(p).unwrap();
    if p.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        bytes
    }
}

/// Serves `routes` (path → body) on `addr` with keep-alive off, like the test fixtures.
async fn serve(addr: String, routes: Arc<HashMap<String, Vec<u8>>>) -> String {
    let listener = TcpListener::bind(format!("{addr}:0")).await.unwrap();
    let base = format!("http://{addr}:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let routes = routes.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&head);
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, ct, body) = match routes.get(&path) {
                    Some(b) if path.ends_with(".xml") => (200, "application/xml", b.as_slice()),
                    Some(b) => (200, "text/html", b.as_slice()),
                    None if path == "/robots.txt" => (200, "text/plain", &b"User-agent: *\n"[..]),
                    None => (404, "text/plain", &b"no"[..]),
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Type: {ct}\r\n\
                     Content-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    base
}

fn main() {
    let Ok(src) = std::env::var("KRONIKA_BENCH_PAGES") else {
        eprintln!("set KRONIKA_BENCH_PAGES to a folder of pages (e.g. ../shared/data/extraction)");
        return;
    };
    let hosts = env_usize("KRONIKA_BENCH_HOSTS", 8).clamp(1, 250);
    let threads = env_usize("KRONIKA_BENCH_THREADS", 2);
    let mut files = Vec::new();
    collect(Path::new(&src), &mut files);
    assert!(!files.is_empty(), "no pages under {src}");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    // Page n is served by host n % hosts.
    let mut routes: Vec<HashMap<String, Vec<u8>>> = vec![HashMap::new(); hosts];
    for (n, p) in files.iter().enumerate() {
        routes[n % hosts].insert(format!("/p/{n}.html"), read_page(p));
    }
    let mut specs = Vec::new();
    for (h, mut r) in routes.into_iter().enumerate() {
        let locs: String = r
            .keys()
            .map(|path| format!("<url><loc>{path}</loc></url>"))
            .collect();
        r.insert(
            "/sitemap.xml".into(),
            format!(
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{locs}</urlset>"
            )
            .into_bytes(),
        );
        let base = rt.block_on(serve(format!("127.0.0.{}", h + 1), Arc::new(r)));
        specs.push(SourceSpec::adhoc(&format!("{base}/sitemap.xml")));
    }
    println!("{} pages over {hosts} loopback hosts", files.len());
    for t in [1, threads] {
        let k = Kronika::in_memory().unwrap();
        let mut o = IngestOptions::default();
        o.fetch.allow_private = true;
        o.fetch.min_delay = std::time::Duration::ZERO;
        o.threads = t;
        let ing = Ingest::new(&k, o, Arc::new(Quiet), Stop::new()).unwrap();
        let started = Instant::now();
        let summary = rt.block_on(ing.run(&specs)).unwrap();
        let secs = started.elapsed().as_secs_f64();
        let tot = summary.totals();
        println!(
            "analysis threads {t}: {} fetched in {secs:.2} s = {:.0} pages/s ({} new, {} failed)",
            tot.fetched,
            tot.fetched as f64 / secs,
            tot.new,
            tot.failed
        );
    }
}
