//! Syndicated copies: the same article under other URLs and boilerplate joins as a copy.

mod cluster_common;

use analyse::cluster::Clusterer;
use cluster_common::{features, seed};

fn syndicated() -> model::Article {
    let mut copy = seed();
    copy.url = Some("https://balkan-news.example/world/2021/05/18/nato-montenegro-123".into());
    copy.site_name = Some("Balkan News Example".into());
    // Another site's extraction leaves different furniture around the same body.
    copy.text = format!(
        "Share this article: Facebook Twitter WhatsApp Email\n\n{}\n\nThis article was originally \
         published by European Western Balkans and is republished under a content-sharing \
         agreement. Subscribe to our newsletter for the daily briefing from the region.",
        copy.text
    );
    copy
}

#[test]
fn a_copy_with_other_boilerplate_joins_the_story_as_a_copy() {
    let mut c = Clusterer::default();
    let original = c.assign(&features("ewb", &seed()));
    let copy = c.assign(&features("mirror", &syndicated()));
    assert_eq!(copy.story, original.story);
    assert_eq!(copy.copy_of.as_deref(), Some("ewb"));

    let story = c.story(original.story).unwrap();
    assert_eq!(story.members.len(), 2);
    assert!(!story.members[0].copy);
    assert!(story.members[1].copy);
    assert_eq!(story.members[1].copy_of.as_deref(), Some("ewb"));
    assert_eq!(
        story.sources,
        vec!["European Western Balkans", "Balkan News Example"]
    );
}

#[test]
fn the_stores_dedup_verdict_makes_a_copy_whatever_the_text() {
    let mut c = Clusterer::default();
    let original = c.assign(&features("ewb", &seed()));
    let mut f = features(
        "short-mirror",
        &cluster_common::article(
            "NATO and Montenegro",
            Some("2021-05-30"),
            "en",
            "A teaser of two lines.",
        ),
    );
    f.copy_of = Some("ewb".into());
    let got = c.assign(&f);
    assert_eq!(got.story, original.story);
    assert_eq!(got.copy_of.as_deref(), Some("ewb"));
}

#[test]
fn a_rewrite_of_the_same_event_is_a_member_but_not_a_copy() {
    let mut c = Clusterer::default();
    let original = c.assign(&features("ewb", &seed()));
    let rewrite = cluster_common::dated_fixture("stories/seed-report-en.txt", "en");
    let got = c.assign(&features("other", &rewrite));
    assert_eq!(got.story, original.story, "score {}", got.score);
    assert_eq!(got.copy_of, None);
}

#[test]
fn assigning_the_same_id_twice_changes_nothing() {
    let mut c = Clusterer::default();
    let first = c.assign(&features("ewb", &seed()));
    let again = c.assign(&features("ewb", &seed()));
    assert_eq!(first.story, again.story);
    assert_eq!(c.len(), 1);
    assert_eq!(c.story(first.story).unwrap().members.len(), 1);
}
