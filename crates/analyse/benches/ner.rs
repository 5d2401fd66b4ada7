//! Tokens per second for tokenising, sentence splitting and NER tagging on one core:
//! `cargo bench -p analyse --bench ner`. Items are tokens; each document is tagged on its own.
//! The documents are 20 copies of the seed article, or those in the file named by
//! `KRONIKA_BENCH_TEXT`: a `.jsonl` file holds one per line in a `text` field (e.g. GUM's
//! `coref-dev.jsonl`), any other file is one document.

use analyse::{ner, text};
use divan::Bencher;
use divan::counter::ItemsCount;

mod common;

use common::corpus;

fn main() {
    divan::main();
}

fn token_count(docs: &[String]) -> usize {
    docs.iter().map(|d| text::tokens(d).len()).sum()
}

#[divan::bench]
fn tokens(b: Bencher) {
    let docs = corpus();
    b.counter(ItemsCount::new(token_count(&docs))).bench(|| {
        docs.iter()
            .map(|d| text::tokens(divan::black_box(d)))
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn tokens_and_sentences(b: Bencher) {
    let docs = corpus();
    b.counter(ItemsCount::new(token_count(&docs))).bench(|| {
        docs.iter()
            .map(|d| text::segment(divan::black_box(d)))
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn tokens_and_tagging(b: Bencher) {
    let docs = corpus();
    let _ = ner::shipped();
    b.counter(ItemsCount::new(token_count(&docs))).bench(|| {
        docs.iter()
            .map(|d| {
                let toks = text::tokens(divan::black_box(d));
                ner::tag(d, &toks)
            })
            .collect::<Vec<_>>()
    });
}
