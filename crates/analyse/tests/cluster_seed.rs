//! The seed story against its page's three "Related posts": different events, so none joins.

mod cluster_common;

use analyse::cluster::{Clusterer, RelatedReason};
use cluster_common::{dated_fixture, features, seed};

const RELATED: [&str; 3] = [
    "stories/related-membership.txt",
    "stories/related-wigemark.txt",
    "stories/related-albania.txt",
];

#[test]
fn related_headlines_stay_out_of_the_seed_story() {
    let mut c = Clusterer::default();
    let seed_story = c.assign(&features("seed", &seed())).story;
    for (i, path) in RELATED.iter().enumerate() {
        let a = c.assign(&features(
            &format!("related-{i}"),
            &dated_fixture(path, "en"),
        ));
        assert_ne!(a.story, seed_story, "{path} joined the seed story");
    }
    assert_eq!(c.story(seed_story).unwrap().members.len(), 1);
}

#[test]
fn related_headlines_stay_apart_on_topic_alone_when_dated_the_same_day() {
    let mut c = Clusterer::default();
    let seed_story = c.assign(&features("seed", &seed())).story;
    for (i, path) in RELATED.iter().enumerate() {
        let mut a = dated_fixture(path, "en");
        a.published = Some("2021-05-18".into());
        let got = c.assign(&features(&format!("related-{i}"), &a));
        assert_ne!(got.story, seed_story, "{path} joined the seed story");
    }
}

#[test]
fn a_serbian_report_of_the_same_meeting_joins_the_seed_story() {
    let mut c = Clusterer::default();
    let seed_story = c.assign(&features("seed", &seed())).story;
    for (i, path) in RELATED.iter().enumerate() {
        c.assign(&features(
            &format!("related-{i}"),
            &dated_fixture(path, "en"),
        ));
    }
    let sr = dated_fixture("stories/seed-report-sr.txt", "sr");
    let got = c.assign(&features("seed-sr", &sr));
    assert_eq!(got.story, seed_story, "score {}", got.score);
    let story = c.story(seed_story).unwrap();
    assert_eq!(story.languages, vec!["en", "sr"]);
    assert!(story.members.iter().all(|m| !m.copy));
    assert_eq!(
        story.title,
        "Đukanović discusses NATO’s cooperation with Montenegro and the region with Stoltenberg"
    );
}

#[test]
fn related_coverage_lists_the_story_first_and_keeps_publisher_links_apart() {
    let mut c = Clusterer::default();
    c.assign(&features("seed", &seed()));
    c.assign(&features(
        "seed-sr",
        &dated_fixture("stories/seed-report-sr.txt", "sr"),
    ));
    // Another Montenegro–NATO piece in the wider window, not the same event.
    let mut later = dated_fixture("stories/related-membership.txt", "en");
    later.published = Some("2021-05-25".into());
    later.text = later
        .text
        .replace("PODGORICA –", "PODGORICA – Milo Đukanović said that");
    c.assign(&features("later", &later));

    let related = c.related("seed", 10).unwrap();
    assert_eq!(related.same_story.len(), 1);
    assert_eq!(related.same_story[0].article, "seed-sr");
    assert_eq!(related.same_story[0].reason, RelatedReason::SameStory);
    assert!(
        related
            .shared_entities
            .iter()
            .all(|r| r.article != "seed-sr")
    );
    assert!(
        related.shared_entities.iter().any(|r| r.article == "later"),
        "{:?}",
        related.shared_entities
    );
    assert_eq!(related.publisher.len(), 3);
    assert_eq!(
        related.publisher[1].title,
        "Ambassador Wigemark began his mandate as the new Head of EULEX Kosovo"
    );
}
