//! Search latency per query and option mix over an existing data directory's index (for
//! profiling; `cargo bench -p engine --bench ingest` is the measurement of record).
//!
//!     cargo run --release -p index --example search_profile -- DATA_DIR [ROUNDS]
//!
//! Prints, per option mix, each query's fastest and median time: the fastest is the cost on an
//! idle machine, the median what a loaded one adds.

use std::time::{Duration, Instant};

use index::{Index, Query, SearchOptions};

const QUERIES: &[&str] = &[
    "government",
    "police said",
    "president",
    "\"prime minister\"",
    "election results",
    "climate change",
    "court ruling",
    "company shares",
    "said:government",
    "said:people",
    "person:Trump",
    "person:Obama said:president",
    "lang:en economy",
    "from:2015-01-01 to:2019-12-31 market",
    "source:theguardian.com",
    "place:London",
    "org:Google",
    "health care",
    "war",
    "technology",
];

fn key(s: &str) -> String {
    s.to_lowercase()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = std::path::PathBuf::from(args.next().ok_or("usage: search_profile DATA_DIR")?);
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let only = args.next();
    let idx = Index::open(&data)?;
    let parsed: Vec<Query> = QUERIES
        .iter()
        .map(|q| Query::parse(q, &key))
        .collect::<Result<_, _>>()?;
    for q in &parsed {
        idx.search(q, 10, 0)?;
    }
    let mixes = [
        ("facets", SearchOptions::default()),
        (
            "people",
            SearchOptions {
                people_facet: true,
                ..Default::default()
            },
        ),
        (
            "snippets",
            SearchOptions {
                facets: false,
                people_facet: false,
                snippets: true,
            },
        ),
        (
            "hits",
            SearchOptions {
                facets: false,
                people_facet: false,
                snippets: false,
            },
        ),
    ];
    for (label, opts) in mixes {
        if only.as_deref().is_some_and(|o| o != label) {
            continue;
        }
        let mut all = Vec::new();
        println!("{label}:");
        for (text, q) in QUERIES.iter().zip(&parsed) {
            let mut times: Vec<Duration> = (0..rounds)
                .map(|_| {
                    let t = Instant::now();
                    let _ = idx.search_with(q, 10, 0, opts);
                    t.elapsed()
                })
                .collect();
            times.sort();
            all.extend_from_slice(&times);
            println!(
                "  {:>7.2} ms min {:>7.2} ms median  {text}",
                times[0].as_secs_f64() * 1e3,
                times[times.len() / 2].as_secs_f64() * 1e3
            );
        }
        all.sort();
        let pct = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
        println!("  p50 {:.2} ms, p95 {:.2} ms", pct(0.5), pct(0.95));
    }
    Ok(())
}
