//! Time to assign one article to a story with 100k articles in the window.
//!
//! Synthetic articles, generated deterministically: a Zipf-distributed background vocabulary of
//! 60k stems (what every article on any subject uses) plus, per event, 25 specific terms —
//! names, places, numbers, rarer words — of which each report uses a random 60%. Events have
//! 1–8 reports (4.5 on average), all dated within the three-day window, so every story stays
//! open and the index holds all 100k articles. Then 2,000 further articles are assigned one by
//! one and timed; the median and 90th percentile are printed, with pairwise precision and recall
//! against the generating events as a sanity check.
//!
//! Run: `cargo bench -p analyse --bench cluster` (set CLUSTER_BENCH_ARTICLES for another size).

use std::collections::HashMap;
use std::time::Instant;

use analyse::cluster::{Clusterer, Keyed, Params, StoryFeatures};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const VOCAB: usize = 60_000;
const EVENT_TERMS: usize = 25;
const BACKGROUND_WORDS: usize = 150;

/// Cumulative Zipf(1.0) weights over the background vocabulary.
fn zipf_table() -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = (1..=VOCAB)
        .map(|r| {
            acc += 1.0 / r as f64;
            acc
        })
        .collect();
    for v in &mut cdf {
        *v /= acc;
    }
    cdf
}

fn article(id: usize, event: usize, day: i32, rng: &mut Rng, zipf: &[f64]) -> StoryFeatures {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for _ in 0..BACKGROUND_WORDS {
        let u = rng.unit();
        let rank = zipf.partition_point(|&c| c < u);
        *counts.entry(format!("b{rank}")).or_default() += 1;
    }
    let mut names = Vec::new();
    let mut numbers = Vec::new();
    let mut people = Vec::new();
    for k in 0..EVENT_TERMS {
        if rng.below(100) >= 60 {
            continue;
        }
        match k {
            0..=3 => names.push(format!("name{event}x{k}")),
            4..=5 => people.push(Keyed {
                key: format!("person{event}x{k}"),
                name: format!("Person {event} {k}"),
            }),
            6..=7 => numbers.push(format!("{}", 1000 + (event * 7 + k) % 100_000)),
            _ => {
                *counts.entry(format!("e{event}x{k}")).or_default() += 1 + rng.below(3) as u32;
            }
        }
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort();
    StoryFeatures {
        id: format!("a{id}"),
        title: Some(format!("Event {event}")),
        published: None,
        day: Some(20_000 + day),
        language: Some(if rng.below(2) == 0 { "en" } else { "sr" }.into()),
        source: Some(format!("site{}", rng.below(50))),
        names,
        numbers,
        people,
        terms,
        ..StoryFeatures::default()
    }
}

fn main() {
    let total: usize = std::env::var("CLUSTER_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let timed = 2_000;
    let zipf = zipf_table();
    let mut rng = Rng(7);

    // Reports of one event arrive spread over the stream, as wire copy and follow-ups do.
    let mut events: Vec<usize> = Vec::with_capacity(total + timed);
    let mut event = 0;
    while events.len() < total + timed {
        let reports = 1 + rng.below(8) as usize;
        events.extend(std::iter::repeat_n(event, reports));
        event += 1;
    }
    for i in (1..events.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        events.swap(i, j);
    }

    let mut c = Clusterer::new(Params::default());
    let mut assigned: Vec<(usize, u64)> = Vec::with_capacity(events.len());
    let load = Instant::now();
    for (i, &e) in events[..total].iter().enumerate() {
        let f = article(i, e, (i * 3 / total) as i32, &mut rng, &zipf);
        assigned.push((e, c.assign(&f).story));
    }
    let load = load.elapsed();

    let mut times = Vec::with_capacity(timed);
    for (i, &e) in events[total..].iter().enumerate() {
        let f = article(total + i, e, 2, &mut rng, &zipf);
        let t = Instant::now();
        let a = c.assign(&f);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assigned.push((e, a.story));
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];

    // Pairwise precision/recall from the contingency of (event, story).
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut both: HashMap<(usize, u64), u64> = HashMap::new();
    let mut by_event: HashMap<usize, u64> = HashMap::new();
    let mut by_story: HashMap<u64, u64> = HashMap::new();
    for &(e, s) in &assigned {
        *both.entry((e, s)).or_default() += 1;
        *by_event.entry(e).or_default() += 1;
        *by_story.entry(s).or_default() += 1;
    }
    let tp: u64 = both.values().map(|&n| pairs(n)).sum();
    let gold: u64 = by_event.values().map(|&n| pairs(n)).sum();
    let pred: u64 = by_story.values().map(|&n| pairs(n)).sum();

    println!(
        "cluster/assign: {} articles in the window, {} stories; loading took {:.1} s ({:.3} ms/article)",
        total,
        c.story_count(),
        load.as_secs_f64(),
        load.as_secs_f64() * 1e3 / total as f64
    );
    println!("cluster/assign: next {timed} articles: median {median:.3} ms, p90 {p90:.3} ms");
    println!(
        "cluster/assign: pairwise precision {:.4} recall {:.4} against the generating events",
        tp as f64 / pred.max(1) as f64,
        tp as f64 / gold.max(1) as f64
    );
}
