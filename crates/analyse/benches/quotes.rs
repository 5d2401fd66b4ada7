//! Articles per second for quotations and events given the entities, on one core:
//! `cargo bench -p analyse --bench quotes`. Items are articles. The texts are the seed article
//! and the story fixtures, or every `.txt` file in the folder named by `KRONIKA_BENCH_DIR`
//! (e.g. PolNeAR's `data/dev/text`). People, mentions and places are found once, outside the
//! timing: the bench measures what `quotes::find` and `events::find` add to an analysis.

use divan::Bencher;
use divan::counter::ItemsCount;
use model::Analysis;

fn main() {
    divan::main();
}

const FIXTURES: [&str; 6] = [
    include_str!("../../../fixtures/seed/seed-article.txt"),
    include_str!("../tests/fixtures/stories/related-albania.txt"),
    include_str!("../tests/fixtures/stories/related-membership.txt"),
    include_str!("../tests/fixtures/stories/related-wigemark.txt"),
    include_str!("../tests/fixtures/stories/seed-report-en.txt"),
    include_str!("../tests/fixtures/stories/seed-report-sr.txt"),
];

fn texts() -> Vec<String> {
    let from_dir = std::env::var("KRONIKA_BENCH_DIR").ok().and_then(|dir| {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let texts: Vec<String> = paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        (!texts.is_empty()).then_some(texts)
    });
    from_dir.unwrap_or_else(|| FIXTURES.iter().map(|t| t.to_string()).collect())
}

#[divan::bench]
fn quotes_and_events(b: Bencher) {
    let texts = texts();
    let analyses: Vec<Analysis> = texts
        .iter()
        .map(|t| analyse::entities(t, None, None))
        .collect();
    b.counter(ItemsCount::new(texts.len())).bench(|| {
        for (t, a) in texts.iter().zip(&analyses) {
            let q = analyse::quotes::find(divan::black_box(t), a);
            let e = analyse::events::find(t, Some("2021-05-18"), a);
            divan::black_box((q, e));
        }
    });
}
