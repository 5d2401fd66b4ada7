//! End-to-end throughput and search latency (a measurement, not a test).
//!
//!     KRONIKA_BENCH_PAGES=../shared/data/extraction cargo bench -p engine --bench ingest
//!
//! 1. Ingest: every page under KRONIKA_BENCH_PAGES (`*.html`, `*.html.gz`), replicated under
//!    new names until there are at least KRONIKA_BENCH_MIN_PAGES (default 1,000), copied to a
//!    temporary folder and ingested with [`engine::ingest_paths`] (extract + analyse + store +
//!    index, 2 workers) → articles/s.
//! 2. Search: the ingested articles are replicated under new ids into the index until it holds
//!    KRONIKA_BENCH_SEARCH_DOCS articles (default 100,000); then a fixed mix of queries runs
//!    → p50/p95/max latency.
//! 3. Peak RSS of the process (VmHWM).
//!
//! KRONIKA_BENCH_KEEP=DIR works in DIR instead of a temporary folder and leaves it behind; a
//! second run with the same DIR skips steps 0–1 and reuses the search index when it already
//! holds KRONIKA_BENCH_SEARCH_DOCS articles (for profiling search alone).
//! KRONIKA_BENCH_PER_QUERY=1 prints each query's median time per option mix.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::{Kronika, ingest_paths, name_key};
use index::{IndexDoc, Query, SearchOptions};

// The allocator the `kronika` binary runs with (and its settings), so the figures are what a
// user of the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn collect(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else {
            let n = p.to_string_lossy().to_ascii_lowercase();
            // Gold files (expected.html) are not pages to ingest.
            if (n.ends_with(".html") || n.ends_with(".html.gz")) && !n.ends_with("expected.html") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// CPU time of the whole process so far (all threads, user + system), from /proc/self/stat
/// in clock ticks (USER_HZ, 100 per second on Linux).
fn process_cpu() -> Duration {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are the 14th and
            // 15th fields of the line.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
            Some(Duration::from_millis(ticks * 10))
        })
        .unwrap_or_default()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let Ok(src) = std::env::var("KRONIKA_BENCH_PAGES") else {
        eprintln!("set KRONIKA_BENCH_PAGES to a folder of pages (e.g. ../shared/data/extraction)");
        return;
    };
    let min_pages = env_usize("KRONIKA_BENCH_MIN_PAGES", 1_000);
    let search_docs = env_usize("KRONIKA_BENCH_SEARCH_DOCS", 100_000);
    let threads = env_usize("KRONIKA_BENCH_THREADS", 2);

    let per_query = std::env::var_os("KRONIKA_BENCH_PER_QUERY").is_some();
    let sources = collect(Path::new(&src));
    assert!(!sources.is_empty(), "no pages under {src}");
    let (_temp, work) = match std::env::var_os("KRONIKA_BENCH_KEEP") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let t = tempfile::tempdir().expect("temp dir");
            let p = t.path().to_path_buf();
            (Some(t), p)
        }
    };
    let data = work.join("data");
    // What a kept folder's index was grown to: (articles, index documents).
    let marker = work.join("search-docs");
    let grown: Option<(usize, u64)> = std::fs::read_to_string(&marker).ok().and_then(|s| {
        let (a, d) = s.trim().split_once(' ')?;
        Some((a.parse().ok()?, d.parse().ok()?))
    });
    if data.join(store::STORE_FILE).exists() {
        println!("reusing {}", data.display());
        search(&data, search_docs, grown, &marker, per_query);
        return;
    }
    let pages = work.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let mut n = 0usize;
    let mut round = 0usize;
    while n < min_pages.max(sources.len()) {
        for (i, p) in sources.iter().enumerate() {
            if round > 0 && n >= min_pages {
                break;
            }
            let gz = p.extension().is_some_and(|e| e == "gz");
            let name = format!("r{round}-{i:05}.html{}", if gz { ".gz" } else { "" });
            std::fs::copy(p, pages.join(name)).unwrap();
            n += 1;
        }
        round += 1;
    }
    println!("pages: {n} files ({} distinct) from {src}", sources.len());

    // 0. Where a page's time goes, on one thread: extraction, then analysis.
    let sample: Vec<PathBuf> = sources.iter().take(200).cloned().collect();
    let (mut t_extract, mut t_analyse, mut ok) = (Duration::ZERO, Duration::ZERO, 0usize);
    for p in &sample {
        let mut bytes = std::fs::read(p).unwrap();
        if p.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                &mut out,
            )
            .unwrap();
            bytes = out;
        }
        let t = Instant::now();
        let input = extract::Input {
            bytes: &bytes,
            url: Some("https://example.com/a"),
            content_type: None,
        };
        let Ok(article) = extract::extract(&input, &extract::Options::default()) else {
            continue;
        };
        t_extract += t.elapsed();
        let t = Instant::now();
        let _ = analyse::enrich(article);
        t_analyse += t.elapsed();
        ok += 1;
    }
    println!(
        "one thread, {ok} pages: extract {:.1} ms/page, analyse {:.1} ms/page",
        t_extract.as_secs_f64() * 1e3 / ok.max(1) as f64,
        t_analyse.as_secs_f64() * 1e3 / ok.max(1) as f64
    );

    // 1. Ingest.
    let k = Kronika::open(&data).unwrap();
    let started = Instant::now();
    let cpu_before = process_cpu();
    let report = ingest_paths(&k, std::slice::from_ref(&pages), None, threads, &|_, _| {}).unwrap();
    let secs = started.elapsed().as_secs_f64();
    let cpu = process_cpu().saturating_sub(cpu_before);
    let stored = report.new + report.updated + report.near_copies;
    let processed = n - report.failed.len();
    println!(
        "ingest: {n} pages in {secs:.2} s = {:.0} pages/s ({} new, {} near copies, {} exact duplicates, {} unchanged, {} failed); {:.0} stored articles/s",
        processed as f64 / secs,
        report.new,
        report.near_copies,
        report.duplicates,
        report.unchanged,
        report.failed.len(),
        stored as f64 / secs,
    );
    // CPU per page does not depend on what else the machine runs: it bounds the rate on idle
    // cores.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu_ms = cpu.as_secs_f64() * 1e3 / processed.max(1) as f64;
    println!(
        "  {cpu_ms:.1} ms of CPU per page (all threads): at most {:.0} pages/s on {cores} idle cores",
        cores as f64 * 1e3 / cpu_ms.max(1e-9),
    );
    let db = std::fs::metadata(data.join(store::STORE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "store: {:.1} MB for {} articles; peak RSS so far {:.0} MB",
        db as f64 / 1e6,
        stored,
        peak_rss_mb()
    );

    // 1b. Store + index alone: the stored articles committed again into a fresh data folder.
    let again: Vec<store::StoredArticle> =
        k.store().unwrap().changed_since(0, usize::MAX / 4).unwrap();
    let raw: Vec<Vec<u8>> = again
        .iter()
        .map(|a| {
            k.store()
                .unwrap()
                .raw_page(a.id)
                .unwrap()
                .unwrap_or_default()
        })
        .collect();
    {
        let data2 = work.join("data2");
        let mut s2 = store::SqliteStore::open(&data2).unwrap();
        let idx2 = index::Index::open(&data2).unwrap();
        let t = Instant::now();
        let (mut t_store, mut t_index) = (Duration::ZERO, Duration::ZERO);
        for (a, bytes) in again.iter().zip(&raw) {
            let page = store::Page {
                url: &a.url,
                bytes,
                content_type: None,
                source_id: None,
                fetched_at: 0,
            };
            let ts = Instant::now();
            let c = store::Store::commit_article(&mut s2, &page, &a.article, &a.analysis).unwrap();
            t_store += ts.elapsed();
            let ti = Instant::now();
            idx2.upsert(&IndexDoc::from_analysed(
                c.id as u64,
                &a.article,
                &a.analysis,
                None,
                &name_key,
            ))
            .unwrap();
            t_index += ti.elapsed();
        }
        let ti = Instant::now();
        idx2.commit(1).unwrap();
        let t_index_commit = ti.elapsed();
        let secs = t.elapsed().as_secs_f64();
        let n = again.len().max(1) as f64;
        println!(
            "store + index alone: {} articles in {secs:.2} s = {:.0} articles/s (one thread; store commit {:.2} ms/article, index hand-off {:.2} ms/article, index commit {:.2} ms/article)",
            again.len(),
            again.len() as f64 / secs,
            t_store.as_secs_f64() * 1e3 / n,
            t_index.as_secs_f64() * 1e3 / n,
            t_index_commit.as_secs_f64() * 1e3 / n,
        );
        // As the ingest does it: prepared on the workers, committed by one writer in batches.
        let mut s3 = store::SqliteStore::open(&work.join("data3")).unwrap();
        let (mut t_prepare, mut t_commit) = (Duration::ZERO, Duration::ZERO);
        for (chunk, raws) in again.chunks(32).zip(raw.chunks(32)) {
            let owned: Vec<_> = chunk
                .iter()
                .map(|a| (a.article.clone(), a.analysis.clone()))
                .collect();
            let tp = Instant::now();
            let batch: Vec<store::Prepared> = chunk
                .iter()
                .zip(raws)
                .zip(owned)
                .map(|((a, bytes), (article, analysis))| {
                    let page = store::Page {
                        url: &a.url,
                        bytes,
                        content_type: None,
                        source_id: None,
                        fetched_at: 0,
                    };
                    store::Prepared::new(&page, article, analysis).unwrap()
                })
                .collect();
            t_prepare += tp.elapsed();
            let tc = Instant::now();
            store::Store::commit_prepared(&mut s3, &batch).unwrap();
            t_commit += tc.elapsed();
        }
        println!(
            "  as ingest stores them: preparing {:.2} ms/article (on the workers: compression, JSON, hashes), committing {:.2} ms/article (writer, 32 per transaction)",
            t_prepare.as_secs_f64() * 1e3 / n,
            t_commit.as_secs_f64() * 1e3 / n,
        );
        let raw_bytes: usize = raw.iter().map(Vec::len).sum();
        let t = Instant::now();
        let mut packed = 0usize;
        for r in &raw {
            packed += store::compress_raw_page(r).len();
        }
        println!(
            "  of which raw-page compression: {:.2} ms/article ({:.0} KB average page, {:.1}× smaller)",
            t.elapsed().as_secs_f64() * 1e3 / n,
            raw_bytes as f64 / n / 1024.0,
            raw_bytes as f64 / packed.max(1) as f64
        );
    }

    std::fs::remove_dir_all(work.join("data2")).ok();
    std::fs::remove_dir_all(work.join("data3")).ok();
    drop(k);
    search(&data, search_docs, None, &marker, per_query);
}

/// Step 2, search at scale: the stored articles replicated into the index under new ids (unless
/// a kept folder's index already was), then the query mix.
fn search(
    data: &Path,
    search_docs: usize,
    grown: Option<(usize, u64)>,
    marker: &Path,
    per_query: bool,
) {
    let k = Kronika::open(data).unwrap();
    let articles = k.store().unwrap().changed_since(0, usize::MAX / 4).unwrap();
    let docs: Vec<IndexDoc> = articles
        .iter()
        .map(|a| IndexDoc::from_analysed(a.id as u64, &a.article, &a.analysis, None, &name_key))
        .collect();
    let have = k.index().num_docs() as usize;
    let started = Instant::now();
    let mut next_id = 1_000_000u64;
    let reuse = grown.is_some_and(|(a, d)| a == search_docs && d == have as u64);
    let mut added = if reuse { search_docs } else { articles.len() };
    while added < search_docs && !docs.is_empty() {
        for d in &docs {
            if added >= search_docs {
                break;
            }
            let mut copy = d.clone();
            copy.id = next_id;
            copy.url = format!("{}#copy{next_id}", d.url);
            next_id += 1;
            k.index().upsert(&copy).unwrap();
            added += 1;
        }
    }
    k.index()
        .commit(k.store().unwrap().max_seq().unwrap())
        .unwrap();
    println!(
        "index: {added} articles ({} index documents with quotes; {have} before) built in {:.1} s",
        k.index().num_docs(),
        started.elapsed().as_secs_f64()
    );
    std::fs::write(marker, format!("{added} {}", k.index().num_docs())).ok();

    let queries = [
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
    let parsed: Vec<Query> = queries
        .iter()
        .map(|q| Query::parse(q, &name_key).unwrap())
        .collect();
    // As the server does after a commit: facet values of new segments are numbered here.
    k.index().reload().unwrap();
    for q in &parsed {
        k.index().search(q, 10, 0).unwrap();
    }
    println!("index segments: {}", k.index().segments());
    let mut totals = vec![0usize; parsed.len()];
    for (label, opts) in [
        (
            "hits + snippets + site/language facets",
            SearchOptions::default(),
        ),
        (
            "hits + snippets + site/language/people facets",
            SearchOptions {
                people_facet: true,
                ..Default::default()
            },
        ),
        (
            "hits + snippets",
            SearchOptions {
                facets: false,
                people_facet: false,
                snippets: true,
            },
        ),
        (
            "hits only",
            SearchOptions {
                facets: false,
                people_facet: false,
                snippets: false,
            },
        ),
    ] {
        let mut times = Vec::new();
        let mut each = vec![Vec::new(); parsed.len()];
        for _ in 0..10 {
            for (i, q) in parsed.iter().enumerate() {
                let t = Instant::now();
                let r = k.index().search_with(q, 10, 0, opts).unwrap();
                times.push(t.elapsed());
                each[i].push(t.elapsed());
                totals[i] = r.total;
            }
        }
        times.sort();
        println!(
            "search over {added} articles, {} queries, top 10 {label}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            times.len(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
        if per_query {
            for (q, t) in queries.iter().zip(&mut each) {
                t.sort();
                println!(
                    "    {:>7.2} ms median, {:>7.2} ms max  {q}",
                    percentile(t, 0.5).as_secs_f64() * 1e3,
                    t.last().copied().unwrap_or_default().as_secs_f64() * 1e3
                );
            }
        }
    }
    for (q, t) in queries.iter().zip(&totals) {
        println!("  {t:>7} hits  {q}");
    }
    println!("peak RSS: {:.0} MB", peak_rss_mb());
}
