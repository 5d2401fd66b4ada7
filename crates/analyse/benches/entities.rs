//! Tokens per second for people, roles, organisations, places and coreference — tokenising and
//! the tagger included — on one core: `cargo bench -p analyse --bench entities`. This is the
//! speed bar of tagging + roles + coreference together. Items are tokens; each document is
//! analysed on its own, as articles are. The documents are 20 copies of the seed article, or
//! those in the file named by `KRONIKA_BENCH_TEXT`: a `.jsonl` file holds one per line in a
//! `text` field (e.g. GUM's `coref-dev.jsonl`), any other file is one document.

use analyse::text;
use divan::Bencher;
use divan::counter::ItemsCount;

mod common;

use common::corpus;

fn main() {
    divan::main();
}

#[divan::bench]
fn entities_roles_coref(b: Bencher) {
    let docs = corpus();
    let n: usize = docs.iter().map(|d| text::tokens(d).len()).sum();
    // Tables, gazetteer and model load once, outside the timing.
    let _ = analyse::entities("Warm-up in Brussels.", None, None);
    b.counter(ItemsCount::new(n)).bench(|| {
        docs.iter()
            .map(|d| analyse::entities(divan::black_box(d), None, None))
            .collect::<Vec<_>>()
    });
}
