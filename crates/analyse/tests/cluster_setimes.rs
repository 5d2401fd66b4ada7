//! SETimes Serbian/Croatian translations (tests/fixtures/setimes, CC BY-SA 4.0): each pair
//! lands in one story, different articles — two of them on Kosovo's status — do not.

mod cluster_common;

use analyse::cluster::{Clusterer, Params, StoryFeatures};
use cluster_common::{article, features, setimes};

fn number(id: &str) -> &str {
    id.rsplit('.').next().unwrap_or(id)
}

fn feats() -> Vec<StoryFeatures> {
    setimes()
        .into_iter()
        .map(|(id, lang, title, text)| features(&id, &article(&title, None, &lang, &text)))
        .collect()
}

fn check(c: &Clusterer, feats: &[StoryFeatures]) {
    for a in feats {
        for b in feats {
            let same = c.story_of(&a.id) == c.story_of(&b.id);
            assert_eq!(
                same,
                number(&a.id) == number(&b.id),
                "{} and {}: same story = {same}",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn translations_share_a_story_in_file_order() {
    let feats = feats();
    let mut c = Clusterer::default();
    for f in &feats {
        c.assign(f);
    }
    check(&c, &feats);
    assert_eq!(c.story_count(), 3);
}

#[test]
fn translations_share_a_story_when_each_follows_its_original() {
    let mut feats = feats();
    feats.sort_by(|a, b| number(&a.id).cmp(number(&b.id)).then(b.id.cmp(&a.id)));
    let mut c = Clusterer::default();
    for f in &feats {
        c.assign(f);
    }
    check(&c, &feats);
}

#[test]
fn recluster_agrees() {
    let feats = feats();
    let c = Clusterer::recluster(&feats, Params::default());
    check(&c, &feats);
    let story = c.story(c.story_of("set.hr.82").unwrap()).unwrap();
    let mut langs = story.languages.clone();
    langs.sort();
    assert_eq!(langs, vec!["hr", "sr"]);
}
