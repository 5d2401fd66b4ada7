//! Times `entities` and the full `analyse` on a text file (or 1 MB without a full stop):
//! `cargo run --release -p analyse --example entities_timing -- [FILE]`.

use std::time::Instant;

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => "and Jens Stoltenberg met he said in Brussels with NATO ".repeat(18_200),
    };
    let tokens = analyse::text::tokens(&text).len();
    let _ = analyse::entities("Warm-up in Brussels.", None, None);
    let t = Instant::now();
    let toks = analyse::text::tokens(&text);
    let tagged = analyse::ner::tag(&text, &toks);
    println!(
        "tokens + tagger alone: {:.3} s ({} entities)",
        t.elapsed().as_secs_f64(),
        tagged.len()
    );
    let t = Instant::now();
    let a = analyse::entities(&text, None, None);
    let e = t.elapsed().as_secs_f64();
    println!(
        "entities: {tokens} tokens in {e:.3} s = {:.0} tokens/s; {} people, {} mentions",
        tokens as f64 / e,
        a.people.len(),
        a.mentions.len()
    );
    if std::env::var_os("SKIP_FULL").is_some() {
        return;
    }
    let article = analyse::plain::article_from_text(&text);
    let t = Instant::now();
    let full = analyse::enrich(article);
    println!(
        "enrich (with quotes and events): {:.3} s; {} quotes, {} events",
        t.elapsed().as_secs_f64(),
        full.analysis.quotes.len(),
        full.analysis.events.len()
    );
}
