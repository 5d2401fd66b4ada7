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

const PARA: &str = "The council voted on Tuesday to rebuild the old bridge, a project that has \
    been argued over for a decade, and work will start in the spring once the river is low.";

#[test]
fn story_wrapped_in_a_furniture_sounding_class_is_kept() {
    // Three "content-nav-section" blocks each hold a third of the story: the weak name "nav"
    // must not take the prose with it, while the real menu goes.
    let html = format!(
        "<html><body><nav class=\"menu\"><a href=\"/\">Home</a><a href=\"/news\">News</a></nav>\
         <main><div class=\"content-nav-section\"><p>{PARA} One.</p><p>{PARA} Two.</p></div>\
         <div class=\"content-nav-section\"><p>{PARA} Three.</p><p>{PARA} Four.</p></div>\
         <div class=\"content-nav-section\"><p>{PARA} Five.</p><p>{PARA} Six.</p></div></main>\
         </body></html>"
    );
    let c = extract(&html, "https://town.example/bridge");
    let t = texts(&c);
    assert_eq!(t.len(), 6, "{t:#?}");
    assert!(t[5].ends_with("Six."));
    assert!(!t.join("\n").contains("Home"));
}

#[test]
fn headings_named_like_headers_and_standfirst_in_header_are_kept() {
    let html = format!(
        "<html><body><article><header class=\"entry-header\"><h1>Bridge vote</h1>\
         <p class=\"dek\">The decade-long argument over the old river crossing ends with a vote \
         to rebuild it.</p></header><div class=\"entry-content\"><p>{PARA}</p>\
         <h2 class=\"header-anchor-post\">What happens next</h2><p>{PARA} Later.</p></div>\
         </article></body></html>"
    );
    let c = extract(&html, "https://town.example/bridge");
    let t = texts(&c);
    assert!(
        t.iter().any(|b| b.starts_with("The decade-long argument")),
        "{t:#?}"
    );
    assert!(t.contains(&"What happens next"), "{t:#?}");
}

#[test]
fn contents_list_meta_line_and_disclosure_are_dropped() {
    let html = format!(
        "<html><body><article><div class=\"post-body\">\
         <p>March 15, 2022 · 3 min read</p>\
         <p>We may earn a commission when you buy through links on this page, at no cost to you.</p>\
         <p>Table of contents</p><ul><li>The vote</li><li>The cost</li></ul>\
         <h2>The vote</h2><p>{PARA}</p><h2>The cost</h2><p>{PARA} Again.</p>\
         <p>Updated March 16, 2022</p></div></article></body></html>"
    );
    let c = extract(&html, "https://town.example/bridge");
    let t = texts(&c);
    assert_eq!(
        c.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .count(),
        0,
        "{t:#?}"
    );
    let all = t.join("\n");
    for banned in [
        "3 min read",
        "commission",
        "Table of contents",
        "Updated March",
    ] {
        assert!(!all.contains(banned), "{banned} in {all}");
    }
    assert_eq!(t.iter().filter(|b| **b == "The vote").count(), 1, "{t:#?}");
}

#[test]
fn react_streamed_segments_are_not_hidden() {
    let html = format!(
        "<html><body><main><div><p>Short lead.</p></div></main>\
         <div hidden id=\"S:1\"><p>{PARA} One.</p><p>{PARA} Two.</p></div>\
         <div hidden id=\"S:2\"><p>{PARA} Three.</p><p>{PARA} Four.</p></div>\
         <div hidden id=\"popup\"><p>{PARA} Hidden.</p></div></body></html>"
    );
    let c = extract(&html, "https://town.example/bridge");
    let all = texts(&c).join("\n");
    assert!(all.contains("Four."), "{all}");
    assert!(!all.contains("Hidden."), "{all}");
}
