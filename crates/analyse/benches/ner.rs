//! Tokens per second for tokenising, sentence splitting and NER tagging on one core:
//! `cargo bench -p analyse --bench ner`. Items are tokens. The text is the seed article
//! repeated, or the file named by `KRONIKA_BENCH_TEXT`.

use analyse::{ner, text};
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
fn tokens(b: Bencher) {
    let t = corpus();
    let n = text::tokens(&t).len();
    b.counter(ItemsCount::new(n))
        .bench(|| text::tokens(divan::black_box(&t)));
}

#[divan::bench]
fn tokens_and_sentences(b: Bencher) {
    let t = corpus();
    let n = text::tokens(&t).len();
    b.counter(ItemsCount::new(n))
        .bench(|| text::segment(divan::black_box(&t)));
}

#[divan::bench]
fn tokens_and_tagging(b: Bencher) {
    let t = corpus();
    let n = text::tokens(&t).len();
    let _ = ner::shipped();
    b.counter(ItemsCount::new(n)).bench(|| {
        let toks = text::tokens(divan::black_box(&t));
        ner::tag(&t, &toks)
    });
}
