//! Tokens per second for people, roles, organisations, places and coreference — tokenising and
//! the tagger included — on one core: `cargo bench -p analyse --bench entities`. This is the
//! speed bar of tagging + roles + coreference together. Items are tokens; each document is
//! analysed on its own, as articles are. The documents are 20 copies of the seed article, or
//! those in the file named by `KRONIKA_BENCH_TEXT`: a `.jsonl` file holds one per line in a
//! `text` field (e.g. GUM's `coref-dev.jsonl`), any other file is one document.

use analyse::text;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

static SEED: &str = include_str!("../../../fixtures/seed/seed-article.txt");

fn corpus() -> Vec<String> {
    let Ok(path) = std::env::var("KRONIKA_BENCH_TEXT") else {
        return vec![SEED.to_owned(); 20];
    };
    let Ok(raw) = std::fs::read_to_string(&path) else {
        panic!("cannot read KRONIKA_BENCH_TEXT={path}");
    };
    if !path.ends_with(".jsonl") {
        return vec![raw];
    }
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
        .collect()
}

#[divan::bench]
fn entities_roles_coref(b: Bencher) {
    let docs = corpus();
    let n: usize = docs.iter().map(|d| text::tokens(d).len()).sum();
    // Tables, gazetteer and model load once, outside the timing.
    let _ = analyse::entities("Warm-up in Brussels.", None);
    b.counter(ItemsCount::new(n)).bench(|| {
        docs.iter()
            .map(|d| analyse::entities(divan::black_box(d), None))
            .collect::<Vec<_>>()
    });
}
