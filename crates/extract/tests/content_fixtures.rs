//! Small hand-made pages, one page shape each (see fixtures/content/README.md).

use extract::content::{self, Content};
use model::BlockKind;

fn extract(html: &str, url: &str) -> Content {
    let doc = scraper::Html::parse_document(html);
    content::extract(&doc, Some(url))
}

fn texts(c: &Content) -> Vec<&str> {
    c.blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn story_split_over_sibling_blocks_is_joined_without_furniture() {
    let c = extract(
        include_str!("fixtures/content/split-body.html"),
        "https://coast.example/2024/harbour",
    );
    let t = texts(&c);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].starts_with("The town harbour reopened"));
    assert!(t[3].starts_with("The harbour master thanked"));
    let all = t.join("\n");
    for banned in [
        "cookies",
        "Share on Facebook",
        "newsletter",
        "Most read",
        "cycle lanes",
        "©",
    ] {
        assert!(!all.contains(banned), "{banned} in {all}");
    }
}

#[test]
fn block_kinds_follow_the_markup() {
    let c = extract(
        include_str!("fixtures/content/kinds.html"),
        "https://x.example/s",
    );
    let kinds: Vec<(BlockKind, &str)> = c
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.split_whitespace().next().unwrap_or("")))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "The"),
            (BlockKind::Heading, "What"),
            (BlockKind::Paragraph, "Jobs"),
            (BlockKind::ListItem, "Per-tenant"),
            (BlockKind::ListItem, "Exponential"),
            (BlockKind::Blockquote, "We"),
            (BlockKind::Preformatted, "scheduler:"),
            (BlockKind::Paragraph, "The"),
        ]
    );
    // Preformatted text keeps its line breaks and indentation.
    assert_eq!(c.blocks[6].text, "scheduler:\n  fairness: per-tenant");
}

#[test]
fn inline_read_more_lines_become_related_links() {
    let c = extract(
        include_str!("fixtures/content/inline-read-more.html"),
        "https://city.example/2024/03/05/bridge-closure",
    );
    let t = texts(&c);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(
        t.iter()
            .all(|p| !p.contains("Read more") && !p.contains("Also read"))
    );
    let related: Vec<(&str, &str)> = c
        .related
        .iter()
        .map(|l| (l.title.as_str(), l.url.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        related,
        [
            (
                "Inspection of the river bridge begins after cracks found",
                "https://city.example/2024/03/01/bridge-inspection-begins"
            ),
            (
                "Ferry adds extra crossings during bridge works",
                "https://example.org/2024/02/20/ferry-timetable"
            ),
        ]
    );
}

#[test]
fn reader_comments_stay_out_of_the_body() {
    let c = extract(
        include_str!("fixtures/content/comments.html"),
        "https://lib.example/news",
    );
    let t = texts(&c);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[0].starts_with("The central library"));
    assert!(!t.join(" ").contains("students like me"));
}
