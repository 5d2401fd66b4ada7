//! HTML bytes → Article over the WCXB dev pages, one page per sample, so divan's median is
//! the median page. Set `KRONIKA_WCXB_DIR` to the WCXB folder (with `html/*.html.gz`); without
//! it the benchmarks report nothing and return.
//!
//!     KRONIKA_WCXB_DIR=../shared/data/extraction/wcxb-dev cargo bench -p extract
//!
//! `extract_page` is the whole extractor (with language detection); `content_only` is parsing
//! plus main-content extraction, to tell the content stage's cost from metadata's.

use std::io::Read;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::Bencher;

// The allocator the `kronika` binary runs with, so the figure is what a user of the binary
// gets. Build with `--features system-alloc` to measure with the system allocator instead.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if PAGES.is_empty() {
        eprintln!("KRONIKA_WCXB_DIR is not set or holds no html/*.html.gz: skipping");
    }
    divan::main();
}

static PAGES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let Some(dir) = std::env::var_os("KRONIKA_WCXB_DIR") else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(std::path::Path::new(&dir).join("html")) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let raw = std::fs::read(p).ok()?;
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        })
        .collect()
});

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn next_page() -> &'static [u8] {
    let i = NEXT.fetch_add(1, Ordering::Relaxed);
    &PAGES[i % PAGES.len()]
}

#[divan::bench(sample_count = 1600, sample_size = 1)]
fn extract_page(b: Bencher) {
    if PAGES.is_empty() {
        return;
    }
    let options = extract::Options::default();
    b.with_inputs(next_page).bench_refs(|bytes| {
        extract::extract(
            &extract::Input {
                bytes,
                url: None,
                content_type: None,
            },
            &options,
        )
    });
}

#[divan::bench(sample_count = 1600, sample_size = 1)]
fn content_only(b: Bencher) {
    if PAGES.is_empty() {
        return;
    }
    b.with_inputs(|| String::from_utf8_lossy(next_page()).into_owned())
        .bench_refs(|html| {
            let doc = scraper::Html::parse_document(html);
            extract::content::extract(&doc, None)
        });
}
