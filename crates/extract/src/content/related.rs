//! The publisher's own "Related posts" / "Read more" / "Also read" links, found from their
//! label: the headline links that follow a label from `tables/related_labels.txt` inside its
//! block. The block is returned too, so the body leaves it out.

use model::Link;
use url::Url;

use super::dom::{DNode, Dom, Tag};
use super::tables::{RELATED_LABELS, fold};

pub struct Found {
    pub links: Vec<Link>,
    /// Subtrees that hold related links and nothing of the story.
    pub containers: Vec<usize>,
}

/// A label is a short text; longer ones are sentences that merely mention "related".
const MAX_LABEL_CHARS: u32 = 40;
/// The shortest label in the table ("related").
const MIN_LABEL_CHARS: u32 = 7;
/// A headline has a few words; shorter link texts are "More", tags or section names.
const MIN_HEADLINE_CHARS: usize = 15;
/// Climbing further than this from a label reaches containers of the whole page.
const MAX_CLIMB: usize = 4;
const MAX_LINKS: usize = 30;

/// The nodes of the subtree at `i` in document order, without invisible subtrees (scripts,
/// styles, templates).
fn visible_nodes<'d, 'a>(dom: &'d Dom<'a>, i: usize) -> impl Iterator<Item = &'d DNode<'a>> {
    let end = dom.nodes[i].end;
    let mut j = i;
    std::iter::from_fn(move || {
        while j < end {
            let n = &dom.nodes[j];
            if n.tag == Tag::Invisible {
                j = n.end;
                continue;
            }
            j += 1;
            return Some(n);
        }
        None
    })
}

pub(super) fn subtree_text(dom: &Dom, i: usize) -> String {
    let mut s = String::new();
    for n in visible_nodes(dom, i) {
        if n.tag == Tag::Text {
            s.push_str(n.text);
        } else if n.tag.is_block() || n.tag == Tag::Br {
            s.push(' ');
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first letter or digit of the subtree's visible text, lower-cased: most short elements
/// (menu links, buttons, tags) are ruled out as labels by it without building their text.
pub(super) fn first_letter(dom: &Dom, i: usize) -> Option<char> {
    visible_nodes(dom, i)
        .filter(|n| n.tag == Tag::Text)
        .find_map(|n| n.text.chars().find(|c| c.is_alphanumeric()))
        .and_then(|c| c.to_lowercase().next())
}

/// Whether some visible text in the subtree holds a colon: an inline label ("Read more: …")
/// needs one, and most link lists (menus) have none, so their text is never built.
fn has_colon(dom: &Dom, i: usize) -> bool {
    visible_nodes(dom, i).any(|n| n.tag == Tag::Text && n.text.contains(':'))
}

fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if href.is_empty()
        || href.starts_with('#')
        || lower.starts_with("javascript:")
        || lower.starts_with("mailto:")
    {
        return None;
    }
    match base {
        Some(b) => b.join(href).ok().map(String::from),
        // Without the page's address a relative link cannot be made absolute; keep it as
        // written rather than lose the headline.
        None => Some(Url::parse(href).map_or_else(|_| href.to_owned(), String::from)),
    }
}

/// Headline links in `from..to`, by first appearance of each address.
fn headline_links(dom: &Dom, from: usize, to: usize, base: Option<&Url>) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let mut j = from;
    while j < to {
        let n = &dom.nodes[j];
        if n.tag == Tag::Invisible || n.hidden {
            j = n.end;
            continue;
        }
        if n.tag == Tag::A {
            let title = subtree_text(dom, j);
            let url = n.href.and_then(|h| resolve(base, h));
            if let Some(url) = url {
                let long = title.chars().count() >= MIN_HEADLINE_CHARS && title.contains(' ');
                match out
                    .iter_mut()
                    .find(|l| l.url.as_deref() == Some(url.as_str()))
                {
                    Some(l) if l.title.is_empty() && long => l.title = title,
                    Some(_) => {}
                    None => out.push(Link {
                        title: if long { title } else { String::new() },
                        url: Some(url),
                    }),
                }
            }
            j = n.end;
            continue;
        }
        j += 1;
    }
    out.retain(|l| !l.title.is_empty());
    out
}

/// Raw text length of every subtree (script and style excluded), bottom-up.
fn lengths(dom: &Dom) -> (Vec<u32>, Vec<u32>) {
    let n = dom.len();
    let (mut text, mut link) = (vec![0u32; n], vec![0u32; n]);
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        match node.tag {
            Tag::Invisible => {
                text[i] = 0;
                link[i] = 0;
                continue;
            }
            // Script and style text: zeroed at its parent anyway, so never measured.
            Tag::Text
                if node.parent != super::dom::NONE
                    && dom.nodes[node.parent].tag == Tag::Invisible =>
            {
                continue;
            }
            Tag::Text => {
                let t = node.text.trim();
                text[i] = if t.is_ascii() {
                    t.len() as u32
                } else {
                    t.chars().count() as u32
                };
            }
            Tag::A => link[i] = text[i],
            _ => {}
        }
        if node.hidden {
            text[i] = 0;
            link[i] = 0;
        }
        let p = node.parent;
        if p != super::dom::NONE {
            text[p] += text[i];
            link[p] += link[i];
        }
    }
    (text, link)
}

fn inline_label(text: &str) -> bool {
    match text.split_once(':') {
        Some((label, _)) => RELATED_LABELS.matches(&fold(label)),
        None => false,
    }
}

pub fn find(dom: &Dom, base: Option<&Url>) -> Found {
    let (text, link) = lengths(dom);
    let mut found = Found {
        links: Vec::new(),
        containers: Vec::new(),
    };
    let mut i = 0;
    while i < dom.len() {
        let n = &dom.nodes[i];
        if n.tag == Tag::Invisible || n.hidden {
            i = n.end;
            continue;
        }
        if n.tag == Tag::Text || text[i] < 4 {
            i += 1;
            continue;
        }
        // "Read more: <a>Headline</a>" inside the story.
        if matches!(n.tag, Tag::P | Tag::Li | Tag::H(_) | Tag::Div)
            && text[i] <= 300
            && link[i] * 2 >= text[i]
            && first_letter(dom, i).is_some_and(|c| RELATED_LABELS.may_start_with(c))
            && has_colon(dom, i)
        {
            let t = subtree_text(dom, i);
            if inline_label(&t) {
                let links = headline_links(dom, i, n.end, base);
                if !links.is_empty() {
                    add(&mut found, links);
                    found.containers.push(i);
                    i = n.end;
                    continue;
                }
            }
        }
        if text[i] > MAX_LABEL_CHARS
            || text[i] < MIN_LABEL_CHARS
            || !first_letter(dom, i).is_some_and(|c| RELATED_LABELS.may_start_with(c))
        {
            i += 1;
            continue;
        }
        if !RELATED_LABELS.matches(&fold(&subtree_text(dom, i))) {
            i += 1;
            continue;
        }
        let label = i;
        let mut block = None;
        for (level, a) in dom.ancestors(label).enumerate() {
            if level >= MAX_CLIMB || matches!(dom.nodes[a].tag, Tag::Body | Tag::Article) {
                break;
            }
            let after_text: u32 = text[a].saturating_sub(text[label]);
            let after_link: u32 = link[a].saturating_sub(link[label]);
            if after_text == 0 {
                continue;
            }
            // Mostly links: a list of headlines, not a paragraph that says "related".
            if after_link * 5 < after_text * 2 || after_text > 3000 {
                break;
            }
            let links = headline_links(dom, dom.nodes[label].end, dom.nodes[a].end, base);
            if !links.is_empty() {
                block = Some((a, links));
                break;
            }
        }
        match block {
            Some((a, links)) => {
                add(&mut found, links);
                found.containers.push(a);
                i = dom.nodes[a].end.max(i + 1);
            }
            None => i = n.end,
        }
    }
    found
}

fn add(found: &mut Found, links: Vec<Link>) {
    for l in links {
        if found.links.len() >= MAX_LINKS {
            return;
        }
        if !found.links.iter().any(|x| x.url == l.url) {
            found.links.push(l);
        }
    }
}
