//! The seed page's metadata, as a careful reader records it (fixtures/seed/expected.json).

use model::{Article, Block, BlockKind};

const SEED_HTML: &str = include_str!("../../../fixtures/seed/seed-article.html");
const SEED_TXT: &str = include_str!("../../../fixtures/seed/seed-article.txt");
const SEED_URL: &str = "https://europeanwesternbalkans.com/2021/05/18/dukanovic-discusses-natos-cooperation-with-montenegro-and-the-region-with-stoltenberg/?utm_source=twitter";

fn seed() -> Article {
    let input = extract::Input {
        bytes: SEED_HTML.as_bytes(),
        url: Some(SEED_URL),
        content_type: Some("text/html; charset=UTF-8"),
    };
    extract::extract(&input, &extract::Options::default()).expect("the seed page extracts")
}

#[test]
fn seed_title_site_dates_section_and_tags() {
    let a = seed();
    assert_eq!(
        a.title.as_deref(),
        Some(
            "Đukanović discusses NATO’s cooperation with Montenegro and the region with Stoltenberg"
        )
    );
    assert_eq!(a.site_name.as_deref(), Some("European Western Balkans"));
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2021-05-18"));
    assert_eq!(a.published.as_deref(), Some("2021-05-18T19:41:07Z"));
    assert_eq!(a.modified.as_deref(), Some("2021-05-18T19:41:12Z"));
    assert_eq!(a.section.as_deref(), Some("News"));
    assert_eq!(a.tags, ["Milo Đukanović", "Montenegro", "NATO"]);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some(
            "https://europeanwesternbalkans.com/2021/05/18/dukanovic-discusses-natos-cooperation-with-montenegro-and-the-region-with-stoltenberg/"
        )
    );
    assert!(
        a.description
            .as_deref()
            .is_some_and(|d| d.starts_with("BRUSSELS – NATO Secretary General"))
    );
}

/// End to end with the content stage: the dateline leaves the first paragraph.
#[test]
fn seed_dateline_end_to_end() {
    let a = seed();
    let d = a.dateline.expect("a dateline");
    assert_eq!(
        (d.place.as_str(), d.raw.as_str()),
        ("Brussels", "BRUSSELS –")
    );
    assert!(
        a.text
            .starts_with("NATO Secretary General Jens Stoltenberg met with")
    );
}

#[test]
fn seed_author_is_an_organisation_so_no_person_is_named() {
    let a = seed();
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert!(a.warnings.iter().any(|w| w.starts_with("no author found")));
    // The JSON-LD credits the publication itself: that is the group author.
    assert_eq!(
        a.author_organisation.as_deref(),
        Some("European Western Balkans")
    );
}

#[test]
fn seed_lead_image_caption_and_credit() {
    let image = seed().lead_image.expect("a lead image");
    assert_eq!(
        image.caption.as_deref(),
        Some(
            "NATO Secretary General Jens Stoltenberg and the President of the Republic of Montenegro Milo Đukanović"
        )
    );
    assert_eq!(image.credit.as_deref(), Some("NATO"));
    assert_eq!(
        image.url.as_deref(),
        Some(
            "https://europeanwesternbalkans.com/wp-content/uploads/2021/05/stoltenberg-djukanovic.jpg"
        )
    );
}

/// The dateline is split off the body the content stage found; here the body is the story's
/// paragraphs from seed-article.txt, so this test does not depend on content extraction.
#[test]
fn seed_dateline_is_split_off_the_first_paragraph() {
    let paragraphs: Vec<&str> = SEED_TXT.split("\n\n").map(str::trim).collect();
    let start = paragraphs
        .iter()
        .position(|p| p.starts_with("BRUSSELS"))
        .expect("story start");
    let mut article = Article {
        body: paragraphs[start..]
            .iter()
            .map(|p| Block {
                kind: BlockKind::Paragraph,
                text: p.replace('\n', " "),
            })
            .collect(),
        ..Article::default()
    };
    let doc = scraper::Html::parse_document(SEED_HTML);
    extract::metadata::fill(
        &doc,
        Some(SEED_URL),
        &mut article,
        &extract::Options::default(),
    );
    let d = article.dateline.expect("a dateline");
    assert_eq!(d.place, "Brussels");
    assert_eq!(d.raw, "BRUSSELS –");
    assert_eq!(d.agency, None);
    assert_eq!(d.country, None);
    assert!(
        article.body[0]
            .text
            .starts_with("NATO Secretary General Jens Stoltenberg met with President of Montenegro Milo Đukanović at NATO Headquarters today"),
        "{}",
        article.body[0].text
    );
    assert_eq!(article.language.as_deref(), Some("en"));
}
