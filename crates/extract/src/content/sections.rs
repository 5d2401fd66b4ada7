//! Page furniture found from its label rather than its class: the author box under a story
//! ("About the author", "Written by …") and teaser lists of other posts ("Latest news"),
//! whose themes name them with layout utilities only. A label from
//! `tables/boilerplate_sections.txt` marks the largest small container around it.

use super::Stats;
use super::dom::{Dom, Tag};
use super::related::{first_letter, subtree_text};
use super::tables::{SECTION_LABELS, fold};

/// A label is a short text; longer ones are sentences.
const MAX_LABEL_CHARS: u32 = 40;
/// The shortest label in the table ("author bio").
const MIN_LABEL_CHARS: u32 = 10;
/// A line that holds an inline label and little else: a name, a date.
const MAX_LINE_CHARS: u32 = 100;
/// Climbing further than this from a label reaches the page's columns.
const MAX_CLIMB: usize = 4;
/// An author box or a teaser list is short; a container with more text holds the story too.
const MAX_SECTION_CHARS: u32 = 2000;

/// Subtrees opened by a furniture label, outermost first, none inside another.
pub fn find(dom: &Dom, st: &Stats) -> Vec<usize> {
    let Some(body) = (0..dom.len()).find(|&i| dom.nodes[i].tag == Tag::Body) else {
        return Vec::new();
    };
    let page_text = st.text[body];
    let page_ptext = st.ptext[body];
    let mut out = Vec::new();
    let mut i = body + 1;
    while i < dom.len() {
        let n = &dom.nodes[i];
        if st.removed[i] {
            i = n.end;
            continue;
        }
        let len = st.text[i];
        if n.tag == Tag::Text
            || !(MIN_LABEL_CHARS..=MAX_LABEL_CHARS).contains(&len)
            || !first_letter(dom, i).is_some_and(|c| SECTION_LABELS.may_start_with(c))
            || !SECTION_LABELS.matches(&fold(&subtree_text(dom, i)))
        {
            i += 1;
            continue;
        }
        // The label stands alone: "Related reading:" opening a paragraph of the story is
        // the story's own aside, not a block of furniture.
        // Wrappers of the same text (white space aside) are the label too; an inline label
        // opens a short line ("Written by Jane Doe · May 5") or is none.
        let mut label = i;
        let mut block = n.tag.is_block();
        while let Some(p) = dom.ancestors(label).next()
            && st.text[p] <= len + 2
        {
            label = p;
            block |= dom.nodes[p].tag.is_block();
        }
        let line = dom
            .ancestors(label)
            .next()
            .is_some_and(|p| st.text[p] <= MAX_LINE_CHARS);
        if !block && !line {
            i = n.end;
            continue;
        }
        let mut best = None;
        for (level, a) in dom.ancestors(label).enumerate() {
            let node = &dom.nodes[a];
            if level >= MAX_CLIMB
                || node.body_hint
                || matches!(node.tag, Tag::Body | Tag::Main | Tag::Article)
                || st.text[a] > MAX_SECTION_CHARS
                || st.text[a] * 4 > page_text
                || (st.ptext[a] > 0 && st.ptext[a] * 2 >= page_ptext)
            {
                break;
            }
            if st.text[a] > len {
                best = Some(a);
            }
        }
        match best {
            Some(a) => {
                out.push(a);
                i = dom.nodes[a].end;
            }
            None => i = n.end,
        }
    }
    out
}
