//! Any text in gives features and an assignment, never a panic; and features never depend on
//! anything but the article.

use analyse::cluster::{Clusterer, StoryFeatures};
use model::{Analysis, Article};
use proptest::prelude::*;

fn article(title: &str, published: &str, text: &str) -> Article {
    Article {
        title: Some(title.to_string()),
        published: Some(published.to_string()),
        language: Some("sr".into()),
        text: text.to_string(),
        ..Article::default()
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(
        texts in proptest::collection::vec(
            ("\\PC{0,40}", "[0-9T:+-]{0,25}", "(\\PC|[\"„“”«».,:0-9ЂђŠšĐđ\n ]){0,400}"),
            1..6,
        )
    ) {
        let mut c = Clusterer::default();
        for (i, (title, published, text)) in texts.iter().enumerate() {
            let a = article(title, published, text);
            let f = StoryFeatures::from_article(&format!("{i}"), &a, &Analysis::default());
            prop_assert_eq!(&f, &StoryFeatures::from_article(&format!("{i}"), &a, &Analysis::default()));
            let got = c.assign(&f);
            prop_assert!(c.story(got.story).is_some());
            prop_assert!(c.related(&f.id, 5).is_some());
        }
    }
}
