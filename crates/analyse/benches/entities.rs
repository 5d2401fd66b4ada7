//! Tokens per second for people, roles, organisations, places and coreference — tokenising and
//! the tagger included — on one core: `cargo bench -p analyse --bench entities`. Items are
//! tokens. The text is the seed article repeated, or the file named by `KRONIKA_BENCH_TEXT`
//! (e.g. the texts of GUM's coref-dev, one per line).

use analyse::text;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

static SEED: &str = include_str!("../../../fixtures/seed/seed-article.txt");

fn corpus() -> String {
    match std::env::var("KRONIKA_BENCH_TEXT") {
        Ok(path) => std::fs::read_to_string(path).unwrap_or_else(|_| SEED.repeat(20)),
        Err(_) => SEED.repeat(20),
    }
}

#[divan::bench]
fn entities_roles_coref(b: Bencher) {
    let t = corpus();
    let n = text::tokens(&t).len();
    // Tables, gazetteer and model load once, outside the timing.
    let _ = analyse::entities("Warm-up in Brussels.", None);
    b.counter(ItemsCount::new(n))
        .bench(|| analyse::entities(divan::black_box(&t), None));
}
