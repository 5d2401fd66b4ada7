//! Raw-page compression: the store's codec against deflate at its fastest level (what stores
//! before schema 3 hold), on the pages of a folder (for choosing a codec; not a test).
//!
//!     cargo run --release -p store --example raw_codec -- FOLDER

use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).ok_or("usage: raw_codec FOLDER")?;
    let mut pages = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p)?.filter_map(|e| e.ok().map(|e| e.path())));
        } else if p.to_string_lossy().ends_with(".html") {
            pages.push(std::fs::read(&p)?);
        } else if p.to_string_lossy().ends_with(".html.gz") {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&std::fs::read(&p)?[..]).read_to_end(&mut out)?;
            pages.push(out);
        }
    }
    let raw: usize = pages.iter().map(Vec::len).sum();
    let (mut t_lz4, mut t_deflate) = (Duration::ZERO, Duration::ZERO);
    let (mut n_lz4, mut n_deflate) = (0usize, 0usize);
    for _ in 0..3 {
        let t = Instant::now();
        for p in &pages {
            n_lz4 += store::compress_raw_page(p).len();
        }
        t_lz4 += t.elapsed();
        let t = Instant::now();
        for p in &pages {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(p)?;
            n_deflate += enc.finish()?.len();
        }
        t_deflate += t.elapsed();
    }
    let per = |t: Duration| t.as_secs_f64() * 1e3 / (3 * pages.len().max(1)) as f64;
    println!(
        "{} pages, {:.0} KB average",
        pages.len(),
        raw as f64 / pages.len().max(1) as f64 / 1024.0
    );
    println!(
        "store codec: {:.3} ms/page, {:.2}× smaller",
        per(t_lz4),
        3.0 * raw as f64 / n_lz4.max(1) as f64
    );
    println!(
        "deflate fast: {:.3} ms/page, {:.2}× smaller",
        per(t_deflate),
        3.0 * raw as f64 / n_deflate.max(1) as f64
    );
    Ok(())
}
