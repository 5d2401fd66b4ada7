//! The parsed tree flattened into a pre-order array: node `i`'s subtree is `i..end[i]`, its
//! parent has a smaller index. Every later pass is a loop over this array (forwards for
//! top-down decisions, backwards for bottom-up sums), so no walk recurses.

use std::borrow::Cow;
use std::cell::Cell;

use ego_tree::iter::Edge;
use scraper::Node;

use super::tables::{BOILERPLATE_CLASSES, CONTENT_CLASSES, WEAK_BOILERPLATE_CLASSES};
use crate::attrs::AttrExt;

pub const NONE: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Text,
    Br,
    A,
    P,
    Div,
    Span,
    Section,
    Article,
    Main,
    H(u8),
    Li,
    Ul,
    Ol,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Tr,
    Td,
    Th,
    Figure,
    Figcaption,
    Header,
    Footer,
    Aside,
    Nav,
    Form,
    Img,
    Hr,
    Body,
    /// Never shown as text: script, style, head, controls, embeds.
    Invisible,
    OtherBlock,
    OtherInline,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "br" => Tag::Br,
            "a" => Tag::A,
            "p" => Tag::P,
            "div" => Tag::Div,
            "span" | "font" => Tag::Span,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "li" => Tag::Li,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "code" => Tag::Code,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" => Tag::Td,
            "th" => Tag::Th,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "nav" => Tag::Nav,
            "form" => Tag::Form,
            "img" | "picture" => Tag::Img,
            "hr" => Tag::Hr,
            "body" => Tag::Body,
            "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link"
            | "svg" | "math" | "iframe" | "object" | "embed" | "canvas" | "button" | "select"
            | "option" | "input" | "textarea" | "video" | "audio" | "map" | "dialog" | "label" => {
                Tag::Invisible
            }
            "address" | "center" | "details" | "summary" | "caption" | "tbody" | "thead"
            | "tfoot" | "fieldset" | "hgroup" | "html" | "frameset" | "menu" | "legend" => {
                Tag::OtherBlock
            }
            _ => Tag::OtherInline,
        }
    }

    /// Starts and ends a line of text.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text | Tag::A | Tag::Span | Tag::Code | Tag::Img | Tag::OtherInline | Tag::Br
        )
    }
}

#[derive(Debug, Clone)]
pub struct DNode<'a> {
    pub tag: Tag,
    pub parent: usize,
    /// One past the last node of this subtree.
    pub end: usize,
    /// Lower-cased `class` and `id`, space separated (elements only).
    pub names: Cow<'a, str>,
    /// Text nodes only; borrowed from the parsed page, never copied.
    pub text: &'a str,
    pub hidden: bool,
    /// Hidden by an inline style, not by an attribute.
    pub hidden_style: bool,
    pub href: Option<&'a str>,
    /// `itemprop="articleBody"` or `role="main"`-like hints that this is the story.
    pub body_hint: bool,
}

/// What an element's class and id say, from the class tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Names {
    pub content: bool,
    /// `tables/boilerplate_classes.txt`: furniture even when it is prose.
    pub furniture: bool,
    /// `tables/boilerplate_weak_classes.txt`: furniture unless it holds prose.
    pub weak_furniture: bool,
}

const NAMES_KNOWN: u8 = 1;
const NAMES_CONTENT: u8 = 2;
const NAMES_FURNITURE: u8 = 4;
const NAMES_WEAK: u8 = 8;

pub struct Dom<'a> {
    pub nodes: Vec<DNode<'a>>,
    /// [`Names`] per node, matched on first use: pruning, scoring and cleaning all ask, and
    /// the class tables are the costliest match in the content stage.
    names: Vec<Cell<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    No,
    /// By an attribute (`hidden`, `aria-hidden`).
    Attribute,
    /// By an inline style (`display: none`, `visibility: hidden`).
    Style,
}

fn hidden(el: &scraper::node::Element) -> Hidden {
    // React's streamed rendering parks each finished part of the page in `<div hidden
    // id="S:n">` until a script moves it into place: that text is the page, not hidden.
    if el.attribute("hidden").is_some() && !el.id().is_some_and(is_stream_segment) {
        return Hidden::Attribute;
    }
    if el.attribute("aria-hidden") == Some("true") && el.name() != "body" {
        return Hidden::Attribute;
    }
    // A collapsed accordion panel (WAI-ARIA's pattern: a `region` labelled by the button that
    // opens it) is text the reader reveals with a click, like a `<details>` body.
    if el.attribute("style").is_some_and(style_hides) && !is_accordion_panel(el) {
        return Hidden::Style;
    }
    Hidden::No
}

/// WAI-ARIA's accordion panel: `role="region"` named by the header button that toggles it.
fn is_accordion_panel(el: &scraper::node::Element) -> bool {
    el.attribute("role")
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("region"))
        && el
            .attribute("aria-labelledby")
            .is_some_and(|l| !l.trim().is_empty())
}

/// `display: none` or `visibility: hidden`, in any case and spacing.
fn style_hides(style: &str) -> bool {
    let s: Vec<u8> = style
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |pat: &[u8]| s.windows(pat.len()).any(|w| w == pat);
    has(b"display:none") || has(b"visibility:hidden")
}

/// Lower-cased `class` and `id`, space separated; borrowed from the page where that is
/// already the attribute as written (a lower-case class and no id: most elements).
fn names_of(el: &scraper::node::Element) -> Cow<'_, str> {
    let class = el.attribute("class");
    let id = el.id();
    match (class, id) {
        (None, None) => return Cow::Borrowed(""),
        (Some(c), None) if !c.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) => {
            return Cow::Borrowed(c);
        }
        _ => {}
    }
    let mut names = String::with_capacity(class.map_or(0, str::len) + id.map_or(0, str::len) + 1);
    if let Some(c) = class {
        names.push_str(c);
    }
    if let Some(id) = id {
        names.push(' ');
        names.push_str(id);
    }
    Cow::Owned(if names.is_ascii() {
        names.make_ascii_lowercase();
        names
    } else {
        names.to_lowercase()
    })
}

fn is_stream_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl<'a> Dom<'a> {
    pub fn build(doc: &'a scraper::Html) -> Dom<'a> {
        let mut nodes: Vec<DNode> = Vec::with_capacity(1024);
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    let parent = stack.last().copied().unwrap_or(NONE);
                    let idx = nodes.len();
                    let mut node = DNode {
                        tag: Tag::OtherInline,
                        parent,
                        end: idx + 1,
                        names: Cow::Borrowed(""),
                        text: "",
                        hidden: false,
                        hidden_style: false,
                        href: None,
                        body_hint: false,
                    };
                    match n.value() {
                        Node::Element(el) => {
                            node.tag = Tag::of(el.name());
                            node.names = names_of(el);
                            let h = hidden(el);
                            node.hidden = h != Hidden::No;
                            node.hidden_style = h == Hidden::Style;
                            if node.tag == Tag::A {
                                node.href = el.attribute("href");
                            }
                            node.body_hint = el
                                .attribute("itemprop")
                                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
                        }
                        Node::Text(t) => {
                            node.tag = Tag::Text;
                            node.text = t;
                        }
                        Node::Document | Node::Fragment => node.tag = Tag::OtherBlock,
                        _ => node.tag = Tag::Invisible,
                    }
                    nodes.push(node);
                    stack.push(idx);
                }
                Edge::Close(_) => {
                    if let Some(idx) = stack.pop() {
                        nodes[idx].end = nodes.len();
                    }
                }
            }
        }
        let names = vec![Cell::new(0); nodes.len()];
        Dom { nodes, names }
    }

    pub fn names(&self, i: usize) -> Names {
        let mut v = self.names[i].get();
        if v == 0 {
            v = NAMES_KNOWN;
            let names = &self.nodes[i].names;
            if !names.is_empty() {
                if CONTENT_CLASSES.is_match(names) {
                    v |= NAMES_CONTENT;
                }
                if BOILERPLATE_CLASSES.is_match(names) {
                    v |= NAMES_FURNITURE;
                } else if WEAK_BOILERPLATE_CLASSES.is_match(names) {
                    v |= NAMES_WEAK;
                }
            }
            self.names[i].set(v);
        }
        Names {
            content: v & NAMES_CONTENT != 0,
            furniture: v & NAMES_FURNITURE != 0,
            weak_furniture: v & NAMES_WEAK != 0,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Ancestors of `i`, nearest first.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.nodes.get(i).map_or(NONE, |n| n.parent);
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let out = cur;
            cur = self.nodes[cur].parent;
            Some(out)
        })
    }

    /// Direct children of `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end;
        let mut cur = i + 1;
        std::iter::from_fn(move || {
            if cur >= end {
                return None;
            }
            let out = cur;
            cur = self.nodes[cur].end;
            Some(out)
        })
    }
}
