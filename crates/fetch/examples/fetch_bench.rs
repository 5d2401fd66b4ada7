//! Fetch throughput against an in-process server on loopback (no network):
//! `cargo run --release -p fetch --example fetch_bench -- [PAGES] [HOSTS] [KB]`.
//! Hosts are distinct loopback addresses (127.0.0.1, 127.0.0.2, …), so per-host turn-taking
//! applies per address exactly as it would per site; the minimum delay is zero here, so the
//! figure is the fetcher's own cost (robots lookup, SSRF check, gate, body streaming).

use std::sync::Arc;
use std::time::{Duration, Instant};

use fetch::{FetchConfig, Fetcher};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let pages = args.next().flatten().unwrap_or(2000);
    let hosts = args.next().flatten().unwrap_or(4).clamp(1, 200);
    let kb = args.next().flatten().unwrap_or(60);
    let body = Arc::new(vec![b'a'; kb * 1024]);
    let mut ports = Vec::new();
    for h in 0..hosts {
        let listener = TcpListener::bind(format!("127.0.0.{}:0", h + 1))
            .await
            .unwrap();
        ports.push(listener.local_addr().unwrap().port());
        let body = body.clone();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let body = body.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    let mut head = Vec::new();
                    loop {
                        match s.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                        if head.windows(4).any(|w| w == b"\r\n\r\n") {
                            let robots = head.starts_with(b"GET /robots.txt");
                            let b: &[u8] = if robots {
                                b"User-agent: *\nAllow: /\n"
                            } else {
                                &body
                            };
                            let h = format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                                b.len()
                            );
                            // One write: a split head and body would meet Nagle and delayed ACKs.
                            let mut resp = h.into_bytes();
                            resp.extend_from_slice(b);
                            if s.write_all(&resp).await.is_err() {
                                return;
                            }
                            head.clear();
                        }
                    }
                });
            }
        });
    }
    let fetcher = Fetcher::new(FetchConfig {
        allow_private: true,
        min_delay: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..pages {
        let f = fetcher.clone();
        let h = i % hosts;
        let url = format!("http://127.0.0.{}:{}/p/{i}.html", h + 1, ports[h]);
        tasks.spawn(async move { f.get(&url, None).await.map(|r| r.bytes.len()) });
    }
    let (mut ok, mut bytes) = (0usize, 0usize);
    while let Some(r) = tasks.join_next().await {
        if let Ok(Ok(n)) = r {
            ok += 1;
            bytes += n;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{ok}/{pages} pages of {kb} KB from {hosts} hosts in {secs:.2} s: {:.0} pages/s, {:.1} MB/s",
        ok as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}
