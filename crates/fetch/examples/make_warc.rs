//! Builds a WARC.gz (one gzip member per record, like CC-NEWS) from local HTML pages, for
//! ingest benchmarks: `cargo run --release -p fetch --example make_warc -- OUT.warc.gz
//! [--copies N] DIR...`. Pages are found recursively (`.html`, `.htm`, also `.gz`); each copy
//! gets its own target URI, so replicated pages count as distinct captures.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let name = p.to_string_lossy().to_ascii_lowercase();
            if p.is_dir() {
                stack.push(p);
            } else if [".html", ".htm", ".html.gz", ".htm.gz"]
                .iter()
                .any(|e| name.ends_with(e))
            {
                out.push(p);
            }
        }
    }
}

fn read(p: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(p)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(raw)
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out_path) = args.next() else {
        eprintln!("usage: make_warc OUT.warc.gz [--copies N] DIR...");
        std::process::exit(2);
    };
    let mut copies = 1usize;
    let mut dirs = Vec::new();
    while let Some(a) = args.next() {
        if a == "--copies" {
            copies = args.next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    let mut files = Vec::new();
    for d in &dirs {
        pages(d, &mut files);
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let mut n = 0usize;
    for copy in 0..copies {
        for (i, f) in files.iter().enumerate() {
            let body = read(f)?;
            let mut block = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            block.extend_from_slice(&body);
            let uri = format!("https://bench.kronika.test/{copy}/{i}");
            let mut rec = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
                 WARC-Date: 2021-05-18T00:00:00Z\r\nWARC-Record-ID: <urn:kronika:{copy}:{i}>\r\n\
                 Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes();
            rec.extend_from_slice(&block);
            rec.extend_from_slice(b"\r\n\r\n");
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&rec)?;
            out.write_all(&gz.finish()?)?;
            n += 1;
        }
    }
    out.flush()?;
    eprintln!(
        "wrote {n} response records from {} pages to {out_path}",
        files.len()
    );
    Ok(())
}
