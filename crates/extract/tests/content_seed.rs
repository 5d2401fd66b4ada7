//! The acceptance page: body = the six story paragraphs, no furniture, related headlines out
//! of the body and into `related`.

use extract::{Input, Options, content};
use serde_json::Value;

const PAGE: &str = include_str!("../../../fixtures/seed/seed-article.html");
const EXPECTED: &str = include_str!("../../../fixtures/seed/expected.json");
const URL: &str = "https://europeanwesternbalkans.com/2021/05/18/dukanovic-discusses-natos-cooperation-with-montenegro-and-the-region-with-stoltenberg/";

fn expected() -> Value {
    serde_json::from_str::<Value>(EXPECTED).expect("expected.json parses")["article"].clone()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn seed_body_is_the_six_story_paragraphs() {
    let exp = expected();
    let doc = scraper::Html::parse_document(PAGE);
    let c = content::extract(&doc, Some(URL));
    assert_eq!(
        c.blocks.len(),
        exp["body_paragraphs"].as_u64().unwrap() as usize
    );
    assert!(
        c.blocks
            .iter()
            .all(|b| b.kind == model::BlockKind::Paragraph)
    );
    let first = &c.blocks[0].text;
    // The dateline is still on the first paragraph here; metadata splits it off.
    assert!(first.starts_with("BRUSSELS"), "{first}");
    assert!(first.contains(exp["body_starts_with"].as_str().unwrap()));
    assert!(
        c.blocks
            .last()
            .unwrap()
            .text
            .ends_with(exp["body_ends_with"].as_str().unwrap())
    );
    let caption = exp["lead_image"]["caption"].as_str().unwrap();
    for b in &c.blocks {
        assert!(!b.text.contains(caption), "caption in body: {}", b.text);
    }
}

#[test]
fn seed_body_has_no_furniture() {
    let exp = expected();
    let article = extract::extract(
        &Input {
            bytes: PAGE.as_bytes(),
            url: Some(URL),
            content_type: None,
        },
        &Options {
            detect_language: false,
            ..Options::default()
        },
    )
    .expect("the seed extracts");
    for banned in strings(&exp["body_must_not_contain"]) {
        assert!(
            !article.text.contains(&banned),
            "body contains {banned:?}:\n{}",
            article.text
        );
    }
    for headline in strings(&exp["related"]) {
        assert!(
            !article.text.contains(&headline),
            "related headline in body: {headline}"
        );
    }
}

#[test]
fn seed_related_are_the_three_headlines_with_absolute_urls() {
    let exp = expected();
    let doc = scraper::Html::parse_document(PAGE);
    let c = content::extract(&doc, Some(URL));
    let titles: Vec<&str> = c.related.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, strings(&exp["related"]));
    for l in &c.related {
        let u = l.url.as_deref().unwrap();
        assert!(
            u.starts_with("https://europeanwesternbalkans.com/20"),
            "{u}"
        );
    }
}
