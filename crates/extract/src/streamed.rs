//! React's streamed server rendering (React 18+, e.g. Next.js's app router) sends a page in
//! pieces. Where a part was not ready, the first piece holds a placeholder (`<template
//! id="P:5">`, or a Suspense boundary `<!--$?--><template id="B:3"></template>Loading…<!--/$-->`);
//! the part follows later, at the end of `<body>`, as `<div hidden id="S:5">…</div>`, with a
//! script call `$RS("S:5","P:5")` or `$RC("B:3","S:3")` that moves it into place. Without
//! those moves a story's later paragraphs sit in hidden divs after the footer and its first
//! paragraphs sit beside "Loading…" stubs. This applies the same moves to the parsed tree, in
//! the order the scripts run. Written here because it is React's wire format, not HTML: no
//! parser crate knows it.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node};

/// `$RS("S:5","P:5")` (segment into placeholder) and `$RC("B:3","S:3")` (content into
/// boundary). A third argument to `$RC` marks a boundary that failed on the server and is
/// rendered by the client instead: its fallback stays, so such calls do not match.
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\$R([SC])\("([^"\\]{1,64})","([^"\\]{1,64})"\)"#).expect("valid pattern")
});

/// Instructions applied to one page at most; a page cannot make this pass quadratic.
const MAX_MOVES: usize = 2_000;

enum Move {
    /// Segment `S:…` replaces placeholder `P:…`.
    Segment {
        segment: String,
        placeholder: String,
    },
    /// Content `S:…` replaces boundary `B:…`'s fallback.
    Boundary { boundary: String, content: String },
}

/// Moves streamed parts into their places; a page without React's instructions is left as it is.
pub(crate) fn resolve(doc: &mut Html, html: &str) {
    if !has_calls(html.as_bytes()) {
        return;
    }
    let moves = calls(doc);
    if moves.is_empty() {
        return;
    }
    let mut wanted: HashMap<&str, Option<NodeId>> = HashMap::new();
    for m in &moves {
        let (a, b) = match m {
            Move::Segment {
                segment,
                placeholder,
            } => (segment, placeholder),
            Move::Boundary { boundary, content } => (boundary, content),
        };
        wanted.insert(a, None);
        wanted.insert(b, None);
    }
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value()
            && let Some(id) = el.attr("id")
            && let Some(slot) = wanted.get_mut(id)
            && slot.is_none()
        {
            *slot = Some(node.id());
        }
    }
    let find = |id: &str| wanted.get(id).copied().flatten();
    for m in &moves {
        match m {
            Move::Segment {
                segment,
                placeholder,
            } => {
                if let (Some(s), Some(p)) = (find(segment), find(placeholder)) {
                    replace_segment(doc, s, p);
                }
            }
            Move::Boundary { boundary, content } => {
                if let (Some(b), Some(s)) = (find(boundary), find(content)) {
                    replace_boundary(doc, b, s);
                }
            }
        }
    }
}

/// Whether `bytes` hold a `$RS(` or `$RC(` call (a script worth keeping, a page worth resolving).
pub(crate) fn has_calls(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"$R")
        .any(|i| matches!(bytes.get(i + 2..i + 4), Some(b"S(" | b"C(")))
}

/// The instructions of the page's scripts, in document order.
fn calls(doc: &Html) -> Vec<Move> {
    let mut out = Vec::new();
    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if el.name() != "script" {
            continue;
        }
        for child in node.children() {
            let Node::Text(t) = child.value() else {
                continue;
            };
            for c in CALL.captures_iter(t) {
                if out.len() == MAX_MOVES {
                    return out;
                }
                let (a, b) = (c[2].to_owned(), c[3].to_owned());
                out.push(if &c[1] == "S" {
                    Move::Segment {
                        segment: a,
                        placeholder: b,
                    }
                } else {
                    Move::Boundary {
                        boundary: a,
                        content: b,
                    }
                });
            }
        }
    }
    out
}

/// Whether `a` is `b` or one of its ancestors: moving `a`'s children next to `b` would then
/// tie the tree into a loop.
fn holds(doc: &Html, a: NodeId, b: NodeId) -> bool {
    let Some(node) = doc.tree.get(b) else {
        return true;
    };
    node.ancestors().any(|n| n.id() == a) || a == b
}

/// Moves `from`'s children before `before` (or to the end of `parent` when there is none).
fn move_children(doc: &mut Html, from: NodeId, parent: NodeId, before: Option<NodeId>) {
    while let Some(child) = doc
        .tree
        .get(from)
        .and_then(|n| n.first_child())
        .map(|c| c.id())
    {
        let moved = match before {
            Some(b) => doc.tree.get_mut(b).map(|mut b| {
                b.insert_id_before(child);
            }),
            None => doc.tree.get_mut(parent).map(|mut p| {
                p.append_id(child);
            }),
        };
        if moved.is_none() {
            break;
        }
    }
}

/// The parent of a node still in a tree: where moved children go.
fn placed_in(doc: &Html, id: NodeId) -> Option<NodeId> {
    doc.tree.get(id)?.parent().map(|p| p.id())
}

/// `$RS`: the segment's children take the placeholder's place.
fn replace_segment(doc: &mut Html, segment: NodeId, placeholder: NodeId) {
    let Some(parent) = placed_in(doc, placeholder) else {
        return;
    };
    if holds(doc, segment, placeholder) {
        return;
    }
    if let Some(mut s) = doc.tree.get_mut(segment) {
        s.detach();
    }
    move_children(doc, segment, parent, Some(placeholder));
    if let Some(mut p) = doc.tree.get_mut(placeholder) {
        p.detach();
    }
}

/// `$RC`: the boundary's fallback (from its template to the matching `<!--/$-->`) gives way
/// to the content's children.
fn replace_boundary(doc: &mut Html, boundary: NodeId, content: NodeId) {
    let Some(parent) = placed_in(doc, boundary) else {
        return;
    };
    if holds(doc, content, boundary) {
        return;
    }
    // The fallback runs from the template to the comment closing the boundary; boundaries
    // nested in the fallback open and close their own.
    let mut doomed = Vec::new();
    let mut end = None;
    let mut depth = 0usize;
    let mut at = Some(boundary);
    while let Some(id) = at {
        let Some(node) = doc.tree.get(id) else {
            break;
        };
        if let Node::Comment(c) = node.value() {
            match &**c {
                "/$" if depth == 0 => {
                    end = Some(id);
                    break;
                }
                "/$" => depth -= 1,
                "$" | "$?" | "$!" => depth += 1,
                _ => {}
            }
        }
        doomed.push(id);
        at = node.next_sibling().map(|n| n.id());
    }
    if let Some(mut s) = doc.tree.get_mut(content) {
        s.detach();
    }
    for id in doomed {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
    move_children(doc, content, parent, end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let mut doc = Html::parse_document(html);
        resolve(&mut doc, html);
        let body = scraper::Selector::parse("body").expect("selector");
        doc.select(&body)
            .next()
            .map(|b| b.text().collect::<Vec<_>>().join("|"))
            .unwrap_or_default()
    }

    #[test]
    fn a_streamed_segment_fills_its_placeholder() {
        let html = r#"<body><main><p>First</p><template id="P:1"></template><p>Last</p></main>
            <footer>Foot</footer>
            <div hidden id="S:1"><p>Middle</p></div>
            <script>$RS("S:1","P:1")</script></body>"#;
        let text = text_of(html);
        let (first, middle, last, foot) = (
            text.find("First").unwrap(),
            text.find("Middle").unwrap(),
            text.find("Last").unwrap(),
            text.find("Foot").unwrap(),
        );
        assert!(first < middle && middle < last && last < foot, "{text}");
    }

    #[test]
    fn a_completed_boundary_replaces_its_fallback() {
        let html = r#"<body><article><p>Lead</p><!--$?--><template id="B:0"></template>
            <div>Loading <!--$--><span>nested</span><!--/$-->…</div><!--/$--><p>End</p></article>
            <div hidden id="S:0"><p>Body</p></div>
            <script>$RC("B:0","S:0")</script></body>"#;
        let text = text_of(html);
        assert!(
            !text.contains("Loading") && !text.contains("nested"),
            "{text}"
        );
        let (lead, body, end) = (
            text.find("Lead").unwrap(),
            text.find("Body").unwrap(),
            text.find("End").unwrap(),
        );
        assert!(lead < body && body < end, "{text}");
    }

    #[test]
    fn a_boundary_rendered_by_the_client_keeps_its_fallback() {
        let html = r#"<body><!--$?--><template id="B:0"></template><p>Fallback</p><!--/$-->
            <div hidden id="S:0"><p>Server</p></div>
            <script>$RC("B:0","S:0","digest")</script></body>"#;
        let text = text_of(html);
        assert!(text.contains("Fallback"), "{text}");
    }

    /// Pieces of streamed markup in any order and nesting, with calls naming any of a few ids.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let id = prop_oneof![
            Just("S:1"),
            Just("S:2"),
            Just("P:1"),
            Just("B:1"),
            Just("B:2")
        ];
        prop_oneof![
            id.clone()
                .prop_map(|i| format!("<template id=\"{i}\"></template>")),
            id.clone().prop_map(|i| format!("<div hidden id=\"{i}\">")),
            Just("</div>".to_owned()),
            Just("<p>text</p>".to_owned()),
            prop_oneof![Just("$"), Just("$?"), Just("$!"), Just("/$")]
                .prop_map(|c| format!("<!--{c}-->")),
            (id.clone(), id, any::<bool>()).prop_map(|(a, b, s)| {
                format!(
                    "<script>$R{}(\"{a}\",\"{b}\")</script>",
                    if s { "S" } else { "C" }
                )
            }),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_streamed_markup_resolves_without_panic(pieces in proptest::collection::vec(piece(), 0..40)) {
            let html = format!("<body>{}</body>", pieces.concat());
            let mut doc = Html::parse_document(&html);
            resolve(&mut doc, &html);
            let _ = doc.html();
        }
    }

    #[test]
    fn a_segment_holding_its_own_placeholder_is_left_alone() {
        let html = r#"<body><div hidden id="S:1"><p>Inside</p><template id="P:1"></template></div>
            <script>$RS("S:1","P:1");$RC("P:1","S:1");$RS("S:1","S:1")</script></body>"#;
        assert!(text_of(html).contains("Inside"));
    }
}
