//! `kronika eval extraction` without the rest of the CLI, for a fast edit–measure loop on the
//! extractor: `cargo run --release -p eval --example extraction -- GOLD [PRED.jsonl] [WORST]`.

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let gold: PathBuf = args
        .next()
        .ok_or("usage: extraction GOLD [PRED.jsonl] [WORST]")?
        .into();
    let pred = args.next().filter(|p| p != "-");
    let worst: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(10);
    if gold.extension().is_some_and(|x| x == "html" || x == "gz") {
        let bytes = std::fs::read(&gold)?;
        let bytes = if gold.extension().is_some_and(|x| x == "gz") {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)?;
            out
        } else {
            bytes
        };
        let input = extract::Input {
            bytes: &bytes,
            url: None,
            content_type: None,
        };
        let a = extract::extract(&input, &extract::Options::default())?;
        for b in &a.body {
            println!("[{:?}] {}", b.kind, b.text);
        }
        for l in &a.related {
            println!("related: {} <{}>", l.title, l.url.as_deref().unwrap_or(""));
        }
        return Ok(());
    }
    let set = eval::extraction::gold::load(&gold)?;
    let run = eval::extraction::predict(&set.pages, &extract::Options::default(), 2);
    if let Some(p) = pred {
        let mut out = std::io::BufWriter::new(std::fs::File::create(p)?);
        for p in &run.predictions {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
        }
    }
    let scores = eval::extraction::score(&set.pages, &run.predictions);
    print!("{}", scores.render(worst));
    for f in &run.failures {
        println!("failed {}: {}", f.id, f.reason);
    }
    Ok(())
}
