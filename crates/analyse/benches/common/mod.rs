//! What the token benches read: 20 copies of the seed article, or the documents in the file
//! named by `KRONIKA_BENCH_TEXT` (a `.jsonl` file holds one per line in a `text` field, e.g.
//! GUM's `coref-dev.jsonl`; any other file is one document).

static SEED: &str = include_str!("../../../../fixtures/seed/seed-article.txt");

pub fn corpus() -> Vec<String> {
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
