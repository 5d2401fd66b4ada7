//! Grows a data directory to N articles for load tests of the newsroom (`scripts/bench-server.sh`):
//! every article already stored is copied under new addresses, with a sentence and a date of its
//! own, straight into the store and index (extraction and analysis of each copy would be the same
//! work again). Copies are near-duplicates of their originals, as syndicated wire stories are.
//!
//!     cargo run --release -p engine --example fill_store -- DATA_DIR 100000

use std::path::PathBuf;

use engine::{Kronika, name_key};
use index::IndexDoc;
use store::Page;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().ok_or("usage: fill_store DATA_DIR N")?);
    let target: u64 = args.next().ok_or("usage: fill_store DATA_DIR N")?.parse()?;
    let k = Kronika::open(&data)?;
    let base = k.store()?.changed_since(0, 100_000)?;
    if base.is_empty() {
        return Err(
            "the data directory holds no articles: run `kronika demo --no-serve` first".into(),
        );
    }
    let mut count = k.store()?.article_count()?;
    let started = std::time::Instant::now();
    let mut i = 0u64;
    while count < target {
        let src = &base[(i as usize) % base.len()];
        i += 1;
        let mut article = src.article.clone();
        let copy_url = format!("{}?copy={i}", src.url);
        article.url = Some(copy_url.clone());
        article.canonical_url = Some(copy_url.clone());
        article
            .text
            .push_str(&format!("\n\nLoad-test copy number {i}."));
        if let Some(p) = article.published.as_deref().and_then(|p| p.get(..10)) {
            // Spread the copies over two years before the original's day.
            if let Ok(d) = chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d") {
                article.published = Some((d - chrono::Days::new(i % 730)).to_string());
            }
        }
        let mut store = k.store()?;
        let c = store.commit_article(
            &Page {
                url: &copy_url,
                bytes: b"",
                content_type: None,
                source_id: src.source_id,
                fetched_at: 0,
            },
            &article,
            &src.analysis,
        )?;
        if c.changed() {
            let mut doc =
                IndexDoc::from_analysed(c.id as u64, &article, &src.analysis, None, &name_key);
            doc.copy_of = c.duplicate_of.map(|d| d as u64);
            k.index().upsert(&doc)?;
            count += 1;
            if count.is_multiple_of(5_000) {
                k.index().commit(store.max_seq()?)?;
                eprintln!(
                    "{count} articles ({:.0}/s)",
                    i as f64 / started.elapsed().as_secs_f64()
                );
            }
        }
    }
    let seq = k.store()?.max_seq()?;
    k.index().commit(seq)?;
    eprintln!(
        "{count} articles in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
