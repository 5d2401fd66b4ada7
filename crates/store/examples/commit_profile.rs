//! Store commit cost: every article of an existing data directory committed again into a fresh
//! store, one at a time or in batches (for profiling; `cargo bench -p engine --bench ingest` is the
//! measurement of record).
//!
//!     cargo run --release -p store --example commit_profile -- DATA_DIR [BATCH]

use std::time::Instant;

use store::{Page, SqliteStore, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = std::path::PathBuf::from(args.next().ok_or("usage: commit_profile DATA_DIR")?);
    let batch: usize = args.next().map(|b| b.parse()).transpose()?.unwrap_or(1);
    let from = SqliteStore::open(&data)?;
    let articles = from.changed_since(0, usize::MAX / 4)?;
    let raw: Vec<Vec<u8>> = articles
        .iter()
        .map(|a| from.raw_page(a.id).map(Option::unwrap_or_default))
        .collect::<Result<_, _>>()?;
    let out = tempfile::tempdir()?;
    let mut to = SqliteStore::open(out.path())?;
    let (mut prepare, mut commit) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for (chunk, raws) in articles.chunks(batch.max(1)).zip(raw.chunks(batch.max(1))) {
        let owned: Vec<_> = chunk
            .iter()
            .map(|a| (a.url.clone(), a.article.clone(), a.analysis.clone()))
            .collect();
        let t = Instant::now();
        let prepared = owned
            .into_iter()
            .zip(raws)
            .map(|((url, article, analysis), bytes)| {
                store::Prepared::new(
                    &Page {
                        url: &url,
                        bytes,
                        content_type: None,
                        source_id: None,
                        fetched_at: 0,
                    },
                    article,
                    analysis,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        prepare += t.elapsed();
        let t = Instant::now();
        to.commit_prepared(&prepared)?;
        commit += t.elapsed();
    }
    let n = articles.len().max(1) as f64;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3 / n;
    println!(
        "{} articles in batches of {batch}: {:.2} ms/article ({:.2} preparing, {:.2} committing)",
        articles.len(),
        ms(prepare + commit),
        ms(prepare),
        ms(commit),
    );
    drop(to);
    let db = std::fs::metadata(out.path().join(store::STORE_FILE))?.len()
        + std::fs::metadata(out.path().join(format!("{}-wal", store::STORE_FILE)))
            .map_or(0, |m| m.len());
    println!("store file {:.1} MB", db as f64 / 1e6);
    Ok(())
}
