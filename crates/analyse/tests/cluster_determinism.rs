//! The same articles in the same order give the same stories, member for member.

mod cluster_common;

use analyse::cluster::{Clusterer, Params, StoryFeatures};
use cluster_common::{article, dated_fixture, features, seed, setimes};

fn corpus() -> Vec<StoryFeatures> {
    let mut out: Vec<StoryFeatures> = setimes()
        .into_iter()
        .map(|(id, lang, title, text)| {
            features(&id, &article(&title, Some("2021-05-17"), &lang, &text))
        })
        .collect();
    out.push(features("seed", &seed()));
    for (i, p) in [
        "stories/related-membership.txt",
        "stories/related-wigemark.txt",
        "stories/related-albania.txt",
        "stories/seed-report-sr.txt",
    ]
    .iter()
    .enumerate()
    {
        out.push(features(&format!("f{i}"), &dated_fixture(p, "en")));
    }
    out
}

fn run(feats: &[StoryFeatures]) -> Vec<model::Story> {
    let mut c = Clusterer::default();
    for f in feats {
        c.assign(f);
    }
    c.stories(None)
}

#[test]
fn same_order_same_stories() {
    let feats = corpus();
    let first = run(&feats);
    for _ in 0..3 {
        assert_eq!(run(&feats), first);
    }
}

#[test]
fn features_are_a_function_of_the_article() {
    assert_eq!(features("seed", &seed()), features("seed", &seed()));
}

#[test]
fn recluster_is_independent_of_input_order() {
    let feats = corpus();
    let mut reversed = feats.clone();
    reversed.reverse();
    let a = Clusterer::recluster(&feats, Params::default()).stories(None);
    let b = Clusterer::recluster(&reversed, Params::default()).stories(None);
    assert_eq!(a, b);
}

#[test]
fn stories_close_after_the_window() {
    let mut c = Clusterer::default();
    let s = seed();
    let first = c.assign(&features("a", &s));
    let mut week_later = s.clone();
    week_later.published = Some("2021-05-25".into());
    let second = c.assign(&features("b", &week_later));
    assert_ne!(first.story, second.story);
    let mut next_day = s;
    next_day.published = Some("2021-05-26".into());
    let third = c.assign(&features("c", &next_day));
    assert_eq!(third.story, second.story);
}
