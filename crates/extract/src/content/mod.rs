//! Main-content extraction: cleaning, block scoring, selection, fallbacks.
//!
//! 1. [`dom`]: the tree flattened to a pre-order array (every pass is a loop, never recursion).
//! 2. Pruning: invisible and hidden elements, page furniture (`nav`, `aside`, `footer`,
//!    captions) and elements whose class/id names furniture (`tables/boilerplate_classes.txt`)
//!    unless they hold most of the page's paragraph text.
//! 3. Scoring: every paragraph-like block gives its ancestors points for its length and
//!    commas, discounted by distance; containers carry tag and class priors, and the score is
//!    discounted by link density; blocks with mostly link text do not vote. The best container
//!    (or the element joining it to blocks of the same class that score near it), possibly an
//!    ancestor that adds more of the story (prose, and paragraphs like the story's own rather
//!    than teaser blurbs), plus siblings that look like continuations, form the article.
//! 4. Emission: the chosen subtrees become body blocks; link-heavy or image-heavy sub-containers
//!    and second copies of a container (responsive layouts) are dropped on the way, then short
//!    furniture lines and disclosures, the repeated headline and bylines.
//! 5. [`related`]: the publisher's "Related posts" links, found from their label.
//! 6. [`sections`]: author boxes and teaser lists found from their label, removed after the
//!    selection so that they change the text, never the choice of container.

mod dom;
mod related;
mod sections;
mod tables;

use std::collections::HashMap;

use model::{Block, BlockKind, Link};

use crate::attrs::AttrExt;
use dom::{Dom, NONE, Tag};
use tables::{BOILERPLATE_LINES, BOILERPLATE_TEXT, META_LINES, fold};

#[derive(Debug, Default)]
pub struct Content {
    pub blocks: Vec<Block>,
    pub related: Vec<Link>,
}

/// Per-node sums over the visible (not pruned) part of each subtree.
struct Stats {
    removed: Vec<bool>,
    /// Characters of text, white space runs counted once.
    text: Vec<u32>,
    /// Characters of text inside links.
    link: Vec<u32>,
    /// Characters of inline text directly in this element (not inside a child block).
    own: Vec<u32>,
    /// Characters of `own` inside links.
    own_link: Vec<u32>,
    own_commas: Vec<u32>,
    commas: Vec<u32>,
    /// Characters of text inside `<p>` elements.
    ptext: Vec<u32>,
    paras: Vec<u32>,
    imgs: Vec<u32>,
    items: Vec<u32>,
    heads: Vec<u32>,
    /// (characters, commas) of each text node, measured once: [`Stats::sum`] runs after
    /// every pruning pass.
    text_lens: Vec<(u32, u32)>,
}

fn text_len(s: &str) -> (u32, u32) {
    if s.is_ascii() {
        return ascii_text_len(s.as_bytes());
    }
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() {
            gap = true;
        } else {
            if gap && n > 0 {
                n += 1;
            }
            gap = false;
            n += 1;
            if c == ',' || c == '，' || c == '、' {
                commas += 1;
            }
        }
    }
    if gap && n > 0 {
        n += 1;
    }
    (n, commas)
}

/// [`text_len`] for ASCII text, byte by byte: most text nodes of most pages, and the white
/// space between tags is most of those.
fn ascii_text_len(s: &[u8]) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut gap = false;
    for &b in s {
        if b.is_ascii_whitespace() || b == 0x0b {
            gap = true;
        } else {
            if gap && n > 0 {
                n += 1;
            }
            gap = false;
            n += 1;
            commas += u32::from(b == b',');
        }
    }
    if gap && n > 0 {
        n += 1;
    }
    (n, commas)
}

impl Stats {
    fn new(dom: &Dom) -> Stats {
        let n = dom.len();
        let mut s = Stats {
            removed: vec![false; n],
            text: vec![0; n],
            link: vec![0; n],
            own: vec![0; n],
            own_link: vec![0; n],
            own_commas: vec![0; n],
            commas: vec![0; n],
            ptext: vec![0; n],
            paras: vec![0; n],
            imgs: vec![0; n],
            items: vec![0; n],
            heads: vec![0; n],
            text_lens: vec![(0, 0); n],
        };
        s.prune_hard(dom);
        // Scripts and styles are often most of a page's text: never measured.
        for (i, node) in dom.nodes.iter().enumerate() {
            if node.tag == Tag::Text && !s.removed[i] {
                s.text_lens[i] = text_len(node.text);
            }
        }
        s.sum(dom);
        s.prune_furniture(dom);
        s.sum(dom);
        s
    }

    fn remove_subtree(&mut self, dom: &Dom, i: usize) {
        let end = dom.nodes[i].end;
        self.removed[i..end].iter_mut().for_each(|r| *r = true);
    }

    /// Never text in a reader's view of the page.
    fn prune_hard(&mut self, dom: &Dom) {
        let mut i = 0;
        while i < dom.len() {
            let n = &dom.nodes[i];
            if n.tag == Tag::Invisible {
                self.remove_subtree(dom, i);
                i = n.end;
            } else {
                i += 1;
            }
        }
    }

    /// Hidden elements, furniture tags and elements named as furniture, unless they hold
    /// most of the paragraph text: a body class like "single-post comments-open", or a
    /// streamed page whose story waits in a `hidden` div for a script to reveal it, must
    /// not take the story with them. Names that themes also give to parts of the story
    /// (`tables/boilerplate_weak_classes.txt`) and `<header>` only cut an element without a
    /// run of prose: a "content-nav-section" holding a third of the story, or an entry header
    /// holding the standfirst, stays.
    fn prune_furniture(&mut self, dom: &Dom) {
        let total = self.ptext.first().copied().unwrap_or(0).max(1);
        // Inside code, class names are a highlighter's ("hljs-comment", Prism's "token
        // comment"): they style the code, they never name furniture.
        let mut code_until = 0;
        let mut i = 0;
        while i < dom.len() {
            let n = &dom.nodes[i];
            if self.removed[i] {
                i = n.end;
                continue;
            }
            let in_code = i < code_until;
            if !in_code && matches!(n.tag, Tag::Pre | Tag::Code) {
                code_until = n.end;
            }
            // Class names on paragraphs, headings and cells style the text ("header-anchor"
            // headings, "caption" cells); furniture is named on its containers.
            let named = !in_code
                && !n.names.is_empty()
                && !matches!(
                    n.tag,
                    Tag::Body
                        | Tag::Article
                        | Tag::Main
                        | Tag::Text
                        | Tag::P
                        | Tag::H(_)
                        | Tag::Blockquote
                        | Tag::Pre
                        | Tag::Td
                        | Tag::Th
                        | Tag::Tr
                );
            // A paragraph named as strong furniture ("author-bio", "disclaimer") is that
            // furniture whatever it styles: only the weak names style text too.
            let kind = if named || (n.tag == Tag::P && !n.names.is_empty()) {
                dom.names(i)
            } else {
                Default::default()
            };
            let kind = if named {
                kind
            } else {
                dom::Names {
                    weak_furniture: false,
                    ..kind
                }
            };
            let strong = kind.furniture;
            let furniture_tag =
                matches!(n.tag, Tag::Nav | Tag::Aside | Tag::Figcaption | Tag::Footer);
            let cut = if n.hidden || strong || furniture_tag {
                true
            } else if n.tag == Tag::Header {
                !self.holds_prose(i, HEADER_PROSE)
            } else if kind.weak_furniture {
                // Prose is not always in `<p>`: a standfirst or a whole story can sit in
                // divs split by `<br>`.
                !(self.holds_prose(i, WEAK_NAME_PROSE)
                    || (self.text[i] >= WEAK_NAME_TEXT && self.link_density(i) < 0.2))
            } else {
                false
            };
            // A style that hides an element is the page's own statement that it is not shown
            // (unlike the `hidden` attribute, which scripts lift); a comment thread can
            // outweigh the post it follows and is still not the story.
            let always = n.hidden_style
                || (strong
                    && matches!(
                        n.tag,
                        Tag::Div | Tag::Section | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Form
                    )
                    && n.names.contains("comment"));
            let most = self.ptext[i] * 2 >= total;
            if cut && !n.body_hint && (always || !most) {
                self.remove_subtree(dom, i);
                i = n.end;
                continue;
            }
            i += 1;
        }
    }

    fn holds_prose(&self, i: usize, min: u32) -> bool {
        self.ptext[i] >= min && self.link_density(i) < 0.3
    }

    fn sum(&mut self, dom: &Dom) {
        for v in [
            &mut self.text,
            &mut self.link,
            &mut self.own,
            &mut self.own_link,
            &mut self.own_commas,
            &mut self.commas,
            &mut self.ptext,
            &mut self.paras,
            &mut self.imgs,
            &mut self.items,
            &mut self.heads,
        ] {
            v.iter_mut().for_each(|x| *x = 0);
        }
        for i in (0..dom.len()).rev() {
            if self.removed[i] {
                continue;
            }
            let n = &dom.nodes[i];
            match n.tag {
                Tag::Text => {
                    let (len, commas) = self.text_lens[i];
                    self.text[i] = len;
                    self.own[i] = len;
                    self.commas[i] = commas;
                    self.own_commas[i] = commas;
                }
                Tag::A => {
                    self.link[i] = self.text[i];
                    self.own_link[i] = self.own[i];
                }
                Tag::P => {
                    self.ptext[i] = self.text[i];
                    self.paras[i] += 1;
                }
                Tag::Img => self.imgs[i] += 1,
                Tag::Li => self.items[i] += 1,
                Tag::H(_) => self.heads[i] += 1,
                _ => {}
            }
            let p = n.parent;
            if p == NONE {
                continue;
            }
            self.text[p] += self.text[i];
            self.link[p] += self.link[i];
            self.commas[p] += self.commas[i];
            self.ptext[p] += self.ptext[i];
            self.paras[p] += self.paras[i];
            self.imgs[p] += self.imgs[i];
            self.items[p] += self.items[i];
            self.heads[p] += self.heads[i];
            if !n.tag.is_block() {
                self.own[p] += self.own[i];
                self.own_link[p] += self.own_link[i];
                self.own_commas[p] += self.own_commas[i];
            }
        }
    }

    fn link_density(&self, i: usize) -> f64 {
        if self.text[i] == 0 {
            0.0
        } else {
            f64::from(self.link[i]) / f64::from(self.text[i])
        }
    }
}

fn class_weight(dom: &Dom, i: usize) -> f64 {
    let names = dom.names(i);
    let mut w = 0.0;
    if names.content {
        w += 25.0;
    }
    if names.furniture || names.weak_furniture {
        w -= 25.0;
    }
    w
}

fn tag_weight(tag: Tag) -> f64 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) | Tag::Th => -5.0,
        _ => 0.0,
    }
}

/// Paragraph text that makes a weakly named element part of the story, not furniture.
const WEAK_NAME_PROSE: u32 = 200;
/// Text (in any element, with few links) that makes a weakly named element part of the story.
const WEAK_NAME_TEXT: u32 = 600;
/// Paragraph text that makes a `<header>` hold a standfirst, not just a headline and byline.
const HEADER_PROSE: u32 = 80;

/// Minimum own-text length for a block to vote for its ancestors.
const MIN_VOTE_LEN: u32 = 25;

/// Paragraph votes summed into container scores (`-inf` = not a candidate), and the prose
/// (characters of voting blocks that are not mostly links) in each subtree.
#[expect(
    clippy::needless_range_loop,
    reason = "one index walks several parallel arrays"
)]
fn score(dom: &Dom, st: &Stats) -> (Vec<f64>, Vec<u32>) {
    let n = dom.len();
    let mut score = vec![0.0f64; n];
    let mut prose = vec![0u32; n];
    let mut touched = vec![false; n];
    for i in 0..n {
        if st.removed[i] {
            continue;
        }
        let node = &dom.nodes[i];
        // Headings and list items are story text too, though they do not vote.
        let prose_only = match node.tag {
            Tag::H(_) => Some(st.text[i]),
            Tag::Li | Tag::Dt => Some(st.own[i]).filter(|&l| l >= MIN_VOTE_LEN),
            _ => None,
        };
        if let Some(len) = prose_only {
            if st.link_density(i) < 0.5 {
                prose[i] += len;
            }
            continue;
        }
        let votes = matches!(
            node.tag,
            Tag::P
                | Tag::Pre
                | Tag::Td
                | Tag::Div
                | Tag::Section
                | Tag::Article
                | Tag::Blockquote
                | Tag::Dd
                | Tag::Main
        );
        let len = if node.tag == Tag::P || node.tag == Tag::Pre {
            st.text[i]
        } else {
            st.own[i]
        };
        if !votes || len < MIN_VOTE_LEN {
            continue;
        }
        let commas = if node.tag == Tag::P {
            st.commas[i]
        } else {
            st.own_commas[i]
        };
        // A run of links separated by commas (a list of names, tags or kudos) is not prose,
        // however many commas it has.
        let linked = if matches!(node.tag, Tag::P | Tag::Pre) {
            st.link[i]
        } else {
            st.own_link[i]
        };
        if linked * 2 > len {
            continue;
        }
        let vote = 1.0 + f64::from(commas) + f64::from((len / 100).min(3));
        if st.link_density(i) < 0.5 {
            prose[i] += len;
        }
        let start = if matches!(node.tag, Tag::P | Tag::Pre) {
            node.parent
        } else {
            i
        };
        let mut level = 0usize;
        let mut cur = start;
        while cur != NONE && level < 5 {
            if dom.nodes[cur].tag == Tag::OtherBlock && dom.nodes[cur].parent == NONE {
                break;
            }
            if !touched[cur] {
                touched[cur] = true;
                let c = &dom.nodes[cur];
                score[cur] = tag_weight(c.tag)
                    + class_weight(dom, cur)
                    + if c.body_hint { 30.0 } else { 0.0 }
                    + if c.tag == Tag::Article { 10.0 } else { 0.0 };
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[cur] += vote / divider;
            cur = dom.nodes[cur].parent;
            level += 1;
        }
    }
    for i in 0..n {
        if touched[i] {
            score[i] *= 1.0 - st.link_density(i);
        }
    }
    // `touched` marks candidates; an untouched node scores 0 and never wins.
    for i in 0..n {
        if !touched[i] {
            score[i] = f64::NEG_INFINITY;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NONE {
            prose[p] += prose[i];
        }
    }
    (score, prose)
}

/// Share of the text an ancestor adds that must be prose for the ancestor to replace the
/// chosen container: themes split one story over sibling blocks, and the ancestor that
/// joins them adds prose; one that adds teasers, menus or forms adds mostly other text.
const CLIMB_PROSE_SHARE: f64 = 0.8;

/// What an ancestor adds that is story whatever its paragraphs: a headline, a standfirst, a
/// closing line.
const CLIMB_SMALL_TEXT: f64 = 300.0;
/// Share of the chosen container's prose an ancestor must add to be the rest of a split story.
const CLIMB_PROSE_GROWTH: f64 = 0.7;
/// Share of prose in what an ancestor adds for it to read as the rest of the story whatever
/// its paragraphs' length.
const CLIMB_PURE_PROSE: f64 = 0.95;
/// Largest share of the chosen container's prose such a purely prose addition may be.
const CLIMB_TAIL_SHARE: f64 = 0.25;
/// Share of the chosen container's mean paragraph length that the added paragraphs must reach.
const CLIMB_PARAGRAPH_LIKENESS: f64 = 0.7;

/// Whether what `a` adds to `top` reads as more of the story rather than as prose furniture
/// around it (teaser excerpts, an author bio, a sidebar of blurbs): little text, or a
/// large share of the story again, or a small share of bare prose without a link, or
/// paragraphs as long as the story's own. Teasers and blurbs are short paragraphs in a
/// fraction of the story's length, and they link to what they tease.
fn adds_story(
    st: &Stats,
    prose: &[u32],
    top: usize,
    a: usize,
    added_text: f64,
    added_prose: f64,
) -> bool {
    if added_text <= CLIMB_SMALL_TEXT || added_prose >= CLIMB_PROSE_GROWTH * f64::from(prose[top]) {
        return true;
    }
    // A closing section of short paragraphs or bare lines, all prose and a fraction of the
    // story: teasers and bylines carry links and labels, an ending does not.
    if added_prose >= CLIMB_PURE_PROSE * added_text
        && added_text <= CLIMB_TAIL_SHARE * f64::from(prose[top])
        && st.link[a] == st.link[top]
    {
        return true;
    }
    let added_paras = st.paras[a] - st.paras[top];
    if added_paras == 0 || st.paras[top] == 0 {
        return false;
    }
    let mean_added = f64::from(st.ptext[a] - st.ptext[top]) / f64::from(added_paras);
    let mean_top = f64::from(st.ptext[top]) / f64::from(st.paras[top]);
    mean_added >= CLIMB_PARAGRAPH_LIKENESS * mean_top
}

/// Share of the best score that another block named like the best must reach to count as
/// a further part of the same story.
const SPLIT_SCORE_SHARE: f64 = 0.5;

/// The element holding `top` and the other blocks of the same class names that score near
/// it, when there are any; never `<body>` or the document.
fn common_container(dom: &Dom, score: &[f64], top: usize) -> Option<usize> {
    let names = &dom.nodes[top].names;
    if names.is_empty() {
        return None;
    }
    let min = SPLIT_SCORE_SHARE * score[top];
    let inside = |a: usize, b: usize| b > a && b < dom.nodes[a].end;
    let mut lca = top;
    let mut found = false;
    for (i, &s) in score.iter().enumerate() {
        if i == top || s < min || dom.nodes[i].names != *names || inside(top, i) || inside(i, top) {
            continue;
        }
        found = true;
        while !(lca <= i && i < dom.nodes[lca].end) {
            lca = dom.nodes[lca].parent;
            if lca == NONE {
                return None;
            }
        }
    }
    let node = &dom.nodes[lca];
    (found && node.tag != Tag::Body && node.parent != NONE).then_some(lca)
}

/// The article's containers, in document order.
fn select(dom: &Dom, st: &Stats, score: &[f64], prose: &[u32]) -> Vec<usize> {
    let Some(mut top) = (0..dom.len())
        .filter(|&i| score[i].is_finite())
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
    else {
        return Vec::new();
    };
    // Page builders split one story over many blocks of the same kind, each in its own
    // wrappers: when other blocks named like the winner score near it, the story is the
    // element that holds them all.
    let merged = match common_container(dom, score, top) {
        Some(l) => {
            top = l;
            true
        }
        None => false,
    };
    // Readability's climb: a parent that scores higher than the path to it holds more of
    // the story (e.g. the text is split over several sibling divs).
    let threshold = if merged {
        f64::INFINITY
    } else {
        score[top] / 3.0
    };
    let mut last = score[top];
    let mut parent = dom.nodes[top].parent;
    while parent != NONE && dom.nodes[parent].tag != Tag::Body {
        if !score[parent].is_finite() {
            parent = dom.nodes[parent].parent;
            continue;
        }
        if score[parent] < threshold {
            break;
        }
        if score[parent] > last {
            top = parent;
            break;
        }
        last = score[parent];
        parent = dom.nodes[parent].parent;
    }
    // A lone child says nothing its parent does not.
    loop {
        let p = dom.nodes[top].parent;
        if p == NONE || dom.nodes[p].tag == Tag::Body {
            break;
        }
        let visible: Vec<usize> = dom
            .children(p)
            .filter(|&c| !st.removed[c] && (dom.nodes[c].tag != Tag::Text || st.text[c] > 0))
            .collect();
        if visible.len() == 1 {
            top = p;
        } else {
            break;
        }
    }
    let mut best = top;
    for a in dom.ancestors(top) {
        if dom.nodes[a].tag == Tag::Body {
            break;
        }
        let added_text = f64::from(st.text[a] - st.text[top]);
        let added_prose = f64::from(prose[a] - prose[top]);
        if added_prose > 0.0
            && added_prose >= CLIMB_PROSE_SHARE * added_text
            && adds_story(st, prose, top, a, added_text, added_prose)
        {
            best = a;
        }
    }
    top = best;
    let parent = dom.nodes[top].parent;
    if parent == NONE || dom.nodes[top].tag == Tag::Body {
        return vec![top];
    }
    let top_score = score[top];
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    for s in dom.children(parent) {
        if st.removed[s] {
            continue;
        }
        if s == top {
            out.push(s);
            continue;
        }
        let node = &dom.nodes[s];
        let mut bonus = 0.0;
        if !node.names.is_empty() && node.names == dom.nodes[top].names {
            bonus += top_score * 0.2;
        }
        if score[s].is_finite() && score[s] + bonus >= threshold {
            out.push(s);
            continue;
        }
        if node.tag == Tag::P {
            let len = st.text[s];
            let ld = st.link_density(s);
            if (len > 80 && ld < 0.25)
                || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(dom, s))
            {
                out.push(s);
            }
        }
    }
    out
}

fn ends_sentence(dom: &Dom, i: usize) -> bool {
    let end = dom.nodes[i].end;
    dom.nodes[i..end]
        .iter()
        .rev()
        .find(|n| n.tag == Tag::Text && !n.text.trim().is_empty())
        .is_some_and(|n| n.text.trim_end().ends_with(['.', '!', '?', '"', '”']))
}

/// Readability's conditional clean: drop a sub-container that reads like a list of links,
/// a gallery, or a form rather than prose.
fn drop_container(dom: &Dom, st: &Stats, root: usize, i: usize) -> bool {
    let node = &dom.nodes[i];
    if !matches!(
        node.tag,
        Tag::Div
            | Tag::Section
            | Tag::Ul
            | Tag::Ol
            | Tag::Table
            | Tag::Form
            | Tag::Dl
            | Tag::Header
    ) {
        return false;
    }
    if node.body_hint {
        return false;
    }
    let weight = class_weight(dom, i);
    // A furniture-sounding class on a wrapper of real prose is a theme's naming, not furniture.
    let prose = st.ptext[i] * 3 >= st.ptext[root] || (st.paras[i] >= 3 && st.link_density(i) < 0.1);
    if weight < 0.0 && !prose {
        return true;
    }
    if st.commas[i] >= 10 {
        return false;
    }
    let ld = st.link_density(i);
    let (p, img, li) = (st.paras[i], st.imgs[i], st.items[i]);
    let is_list = matches!(node.tag, Tag::Ul | Tag::Ol | Tag::Dl);
    if img > 1 && f64::from(p) / f64::from(img) < 0.5 {
        return true;
    }
    if !is_list && li > p.saturating_mul(2).max(4) && ld > 0.3 {
        return true;
    }
    // An empty or link-only sliver is a widget; a short line without links ("Key points",
    // a one-item list) is the story's own label.
    let widget = st.text[i] == 0 || st.link[i] > 0;
    if st.text[i] < MIN_VOTE_LEN && st.heads[i] == 0 && (img == 0 || img > 2) && widget {
        return true;
    }
    // Items that are sentences with a linked name or two are notes, not a link list.
    let sentences = is_list && li > 0 && st.text[i] / li >= LIST_SENTENCE_LEN;
    (weight < 25.0 && ld > 0.33 && !sentences) || ld > 0.5
}

/// Mean item length of a list of sentences rather than of headlines or names.
const LIST_SENTENCE_LEN: u32 = 60;

fn kind_of(stack: &[(usize, Tag)]) -> BlockKind {
    if stack.iter().any(|(_, t)| *t == Tag::Pre) {
        return BlockKind::Preformatted;
    }
    for (_, t) in stack.iter().rev() {
        match t {
            Tag::H(_) => return BlockKind::Heading,
            Tag::Li | Tag::Dt | Tag::Dd => return BlockKind::ListItem,
            Tag::Blockquote => return BlockKind::Blockquote,
            _ => {}
        }
    }
    BlockKind::Paragraph
}

fn flush(buf: &mut String, stack: &[(usize, Tag)], out: &mut Vec<Block>) {
    if buf.trim().is_empty() {
        buf.clear();
        return;
    }
    let kind = kind_of(stack);
    let text = if kind == BlockKind::Preformatted {
        buf.trim_matches('\n').trim_end().to_owned()
    } else {
        buf.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    buf.clear();
    out.push(Block { kind, text });
}

/// Containers shorter than this are not checked for copies.
const DUPLICATE_MIN_TEXT: u32 = 200;

/// What tells a copy of a container: its text, comma, paragraph and image counts and the
/// opening of its first text.
type Signature<'a> = (u32, u32, u32, u32, &'a str);

fn signature<'a>(dom: &'a Dom, st: &Stats, i: usize) -> Signature<'a> {
    let end = dom.nodes[i].end;
    let first = dom.nodes[i..end]
        .iter()
        .enumerate()
        .find(|(k, n)| n.tag == Tag::Text && !st.removed[i + k] && !n.text.trim().is_empty())
        .map_or("", |(_, n)| n.text.trim());
    let first = match first.char_indices().nth(64) {
        Some((b, _)) => &first[..b],
        None => first,
    };
    (st.text[i], st.commas[i], st.paras[i], st.imgs[i], first)
}

/// The blocks of the subtrees `roots`, with conditional cleaning below each root.
fn emit(dom: &Dom, st: &Stats, roots: &[usize], clean: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut seen: HashMap<Signature, usize> = HashMap::new();
    for &root in roots {
        let mut buf = String::new();
        let mut stack: Vec<(usize, Tag)> = Vec::new();
        let end = dom.nodes[root].end;
        let mut i = root;
        while i < end {
            while let Some(&(e, _)) = stack.last() {
                if e <= i {
                    flush(&mut buf, &stack, &mut out);
                    stack.pop();
                } else {
                    break;
                }
            }
            let n = &dom.nodes[i];
            if st.removed[i] || (clean && i != root && drop_container(dom, st, root, i)) {
                i = n.end;
                continue;
            }
            // Responsive themes render the story once per screen size and let CSS pick
            // one; a second container of the same paragraphs is such a copy.
            if st.text[i] >= DUPLICATE_MIN_TEXT
                && st.paras[i] >= 3
                && matches!(
                    n.tag,
                    Tag::Div
                        | Tag::Section
                        | Tag::Article
                        | Tag::Main
                        | Tag::Ul
                        | Tag::Ol
                        | Tag::Table
                )
                && seen
                    .insert(signature(dom, st, i), i)
                    .is_some_and(|e| dom.nodes[e].end <= i)
            {
                i = n.end;
                continue;
            }
            match n.tag {
                Tag::Text => buf.push_str(n.text),
                Tag::Br | Tag::Hr => {
                    if stack.iter().any(|(_, t)| *t == Tag::Pre) {
                        buf.push('\n');
                    } else {
                        flush(&mut buf, &stack, &mut out);
                    }
                }
                t if t.is_block() => {
                    flush(&mut buf, &stack, &mut out);
                    stack.push((n.end, t));
                }
                _ => {}
            }
            i += 1;
        }
        while !stack.is_empty() {
            flush(&mut buf, &stack, &mut out);
            stack.pop();
        }
        flush(&mut buf, &stack, &mut out);
    }
    out
}

/// Headline candidates, folded, to drop the headline repeated at the top of the body: up to
/// three each of og:title, twitter:title, `<title>` and `<h1>`, in that order, gathered in one
/// walk.
fn headlines(doc: &scraper::Html) -> Vec<String> {
    let mut found: [Vec<String>; 4] = Default::default();
    for el in doc
        .tree
        .root()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        let kind = match v.name() {
            "meta" if v.attribute("property") == Some("og:title") => 0,
            "meta" if v.attribute("name") == Some("twitter:title") => 1,
            "title" => 2,
            "h1" => 3,
            _ => continue,
        };
        if found[kind].len() >= 3 {
            continue;
        }
        let t = match v.attribute("content") {
            Some(c) => c.to_owned(),
            None => el.text().collect::<String>(),
        };
        found[kind].push(fold(&t));
    }
    found
        .into_iter()
        .flatten()
        .filter(|f| !f.is_empty())
        .collect()
}

/// A short line before the story that credits the writer or dates the piece.
fn is_byline(text: &str) -> bool {
    let f = fold(text);
    f.len() < 80
        && (f.starts_with("by ")
            || f.starts_with("posted ")
            || f.starts_with("published ")
            || f.starts_with("updated ")
            || f.starts_with("written by"))
}

/// A short block that dates the post or gives its reading time: before the story, or
/// anywhere when it says so ("Updated …"); a date alone further down is a table cell or a
/// timeline entry.
fn is_meta_line(folded: &str, before_story: bool) -> bool {
    let labelled = [
        "updated",
        "last updated",
        "published",
        "posted",
        "originally published",
    ]
    .iter()
    .any(|w| folded.starts_with(w));
    folded.len() < 100 && (before_story || labelled) && META_LINES.is_match(folded)
}

/// List items that repeat the page's own headings: a table of contents.
fn toc_items(blocks: &[Block]) -> Vec<bool> {
    let heads: std::collections::HashSet<String> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| fold(&b.text))
        .collect();
    let mut out: Vec<bool> = blocks
        .iter()
        .map(|b| {
            b.kind == BlockKind::ListItem && heads.contains(&fold(&b.text)) && !b.text.is_empty()
        })
        .collect();
    // One item that matches a heading is a coincidence; a contents list repeats several.
    if out.iter().filter(|&&t| t).count() < 2 {
        out.iter_mut().for_each(|t| *t = false);
    }
    out
}

fn tidy(blocks: Vec<Block>, heads: &[String]) -> Vec<Block> {
    let toc = toc_items(&blocks);
    let mut out = Vec::with_capacity(blocks.len());
    let mut seen_prose = false;
    for (b, in_toc) in blocks.into_iter().zip(toc) {
        let f = fold(&b.text);
        if in_toc
            || f.is_empty()
            || (f.len() < 40 && BOILERPLATE_TEXT.matches(&f))
            || BOILERPLATE_LINES.matches(&f)
            || (b.kind != BlockKind::Heading && is_meta_line(&f, !seen_prose))
        {
            continue;
        }
        // Copyright and rights lines close a page, never a story.
        let raw = b.text.trim_start();
        if f.len() < 200 && (raw.starts_with('©') || f.starts_with("copyright ")) {
            continue;
        }
        if !seen_prose {
            let is_head = b.kind == BlockKind::Heading || f.len() < 200;
            if is_head
                && heads
                    .iter()
                    .any(|h| *h == f || (f.len() > 15 && h.starts_with(&f)))
            {
                continue;
            }
            if is_byline(&b.text) {
                continue;
            }
        }
        if b.kind == BlockKind::Paragraph && b.text.chars().count() > 60 {
            seen_prose = true;
        }
        out.push(b);
    }
    out
}

fn text_chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.chars().count()).sum()
}

pub fn extract(doc: &scraper::Html, url: Option<&str>) -> Content {
    let dom = Dom::build(doc);
    let mut st = Stats::new(&dom);
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let found = related::find(&dom, base.as_ref());
    if !found.containers.is_empty() {
        for &c in &found.containers {
            st.remove_subtree(&dom, c);
        }
        st.sum(&dom);
    }
    let (scores, prose) = score(&dom, &st);
    let roots = select(&dom, &st, &scores, &prose);
    // Labelled furniture leaves the text, not the choice of container: the climb from the
    // best block weighs what an ancestor adds, and an author box gone from beside the story
    // would let a sidebar of teasers pass for more of it.
    let furniture = sections::find(&dom, &st);
    if !furniture.is_empty() {
        for &c in &furniture {
            st.remove_subtree(&dom, c);
        }
        st.sum(&dom);
    }
    let heads = headlines(doc);
    let mut blocks = tidy(emit(&dom, &st, &roots, true), &heads);
    // Readability's retry: a selection this thin is more likely a teaser than the story.
    if text_chars(&blocks) < 250 {
        let body = (0..dom.len()).find(|&i| dom.nodes[i].tag == Tag::Body);
        if let Some(body) = body {
            let wide = tidy(emit(&dom, &st, &[body], true), &heads);
            if text_chars(&wide) > 2 * text_chars(&blocks).max(100) {
                blocks = wide;
            }
            // Nothing scored (a page of a few short lines): the visible text is the page.
            if blocks.is_empty() {
                blocks = tidy(emit(&dom, &st, &[body], false), &heads);
            }
        }
    }
    Content {
        blocks,
        related: found.links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        let doc = scraper::Html::parse_document(html);
        extract(&doc, None)
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn para(topic: &str, n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} on {topic} goes on, with a clause, another clause, and \
                     enough words to read as a real sentence of the story.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn comma_separated_links_do_not_outvote_the_story() {
        let names: String = (0..400)
            .map(|i| format!("<a href=\"/u/{i}\">reader{i}</a>, "))
            .collect();
        let html = format!(
            "<body><div class=\"story\">{}</div><div class=\"kudos\">{names}</div></body>",
            para("harbours", 4)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 3 on harbours"), "{text}");
        assert!(!text.contains("reader7"), "{text}");
    }

    #[test]
    fn a_highlighted_code_comment_is_code_not_a_comment_thread() {
        let html = format!(
            "<body><article>{}<pre><code class=\"hljs\"><span class=\"hljs-comment\"># stage \
             every change</span>\ngit add -A</code></pre>{}</article>\
             <div class=\"comments\"><p>Reader one says this post helped a great deal.</p></div></body>",
            para("git", 3),
            para("branches", 2)
        );
        let text = body(&html);
        assert!(text.contains("# stage every change"), "{text}");
        assert!(!text.contains("Reader one"), "{text}");
    }

    #[test]
    fn prose_hidden_by_a_style_is_left_out_however_long() {
        let html = format!(
            "<body><article><div style=\"visibility: hidden\">{}</div><div>{}</div></article></body>",
            para("drafts", 4),
            para("bridges", 3)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 2 on bridges"), "{text}");
        assert!(!text.contains("drafts"), "{text}");
    }

    #[test]
    fn a_responsive_copy_of_the_story_is_emitted_once() {
        let story = para("tides", 4);
        let html = format!(
            "<body><main><div class=\"wide\"><div class=\"copy\">{story}</div></div>\
             <div class=\"narrow\"><div class=\"copy\">{story}</div></div></main></body>"
        );
        let text = body(&html);
        assert_eq!(text.matches("Paragraph 1 on tides").count(), 1, "{text}");
    }

    #[test]
    fn a_story_split_over_wrapped_blocks_of_one_kind_is_joined() {
        let block = |topic: &str| {
            format!(
                "<div class=\"row\"><div class=\"col\"><div class=\"inner\"><div class=\"wrap\"><div class=\"rich-text\">{}</div></div></div></div></div>",
                para(topic, 3)
            )
        };
        // Between the blocks, a list of links: the wrapper that joins them adds more than
        // prose, so only the blocks' own likeness says they are one story.
        let links: String = (0..12)
            .map(|i| {
                format!("<li><a href=\"/guide/{i}\">Another guide to read as number {i}</a></li>")
            })
            .collect();
        let html = format!(
            "<body><div class=\"page\">{}<div class=\"row\"><ul>{links}</ul></div>{}{}</div>\
             </body>",
            block("costs"),
            block("rates"),
            block("fees")
        );
        let text = body(&html);
        for topic in ["costs", "rates", "fees"] {
            assert!(text.contains(&format!("Paragraph 2 on {topic}")), "{text}");
        }
        assert!(!text.contains("Another guide"), "{text}");
    }

    #[test]
    fn a_comment_thread_longer_than_the_post_is_left_out() {
        let html = format!(
            "<body><div class=\"post\"><div class=\"post-body\">{}</div></div>\
             <div class=\"comments\" id=\"comments\">{}</div></body>",
            para("lean firms", 3),
            para("a reader's view", 6)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 2 on lean firms"), "{text}");
        assert!(!text.contains("reader's view"), "{text}");
    }

    #[test]
    fn a_weakly_named_block_of_prose_without_paragraphs_stays() {
        let lines: String = (0..6)
            .map(|i| {
                format!(
                    "Line {i} of the standfirst explains the subject at length, in words a reader \
                     would want, with no links at all.<br>"
                )
            })
            .collect();
        let html = format!(
            "<body><article><div class=\"hub--header\"><div>{lines}</div></div>\
             <div class=\"content\"><p>Short.</p></div></article></body>"
        );
        let text = body(&html);
        assert!(text.contains("Line 5 of the standfirst"), "{text}");
    }

    #[test]
    fn a_list_of_sentences_with_linked_names_stays() {
        let items: String = (0..5)
            .map(|i| {
                format!(
                    "<li><a href=\"/people/{i}\">Member {i} of the extensions team</a> fixed an \
                     issue with revoked permissions today</li>"
                )
            })
            .collect();
        let html = format!(
            "<body><article>{}<ul>{items}</ul>{}</article></body>",
            para("releases", 2),
            para("fixes", 2)
        );
        let text = body(&html);
        assert!(
            text.contains("Member 4 of the extensions team fixed"),
            "{text}"
        );
    }

    #[test]
    fn an_author_box_named_only_by_its_label_is_left_out() {
        let html = format!(
            "<body><article><div class=\"mt-4\">{}</div><div class=\"mt-8 p-4\">\
             <h2>About the author</h2><p>Jane Doe is a staff writer who has covered rivers, \
             harbours and the people who work on them for over ten years.</p></div></article>\
             </body>",
            para("canals", 4)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 3 on canals"), "{text}");
        assert!(!text.contains("staff writer"), "{text}");
    }

    #[test]
    fn a_label_inside_a_paragraph_does_not_cut_the_story() {
        let html = format!(
            "<body><article><div class=\"copy\">{}<p><strong>Written by</strong> hand, the \
             letters of the keepers survive in the archive.</p>{}</div></article></body>",
            para("locks", 2),
            para("weirs", 2)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 1 on locks"), "{text}");
        assert!(text.contains("Paragraph 1 on weirs"), "{text}");
    }

    #[test]
    fn a_paragraph_named_as_an_author_bio_is_left_out() {
        let html = format!(
            "<body><article>{}<p class=\"author-bio\">Jane Doe covers ports and shipping for \
             the paper, and has written two books on the subject.</p></article></body>",
            para("cranes", 4)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 3 on cranes"), "{text}");
        assert!(!text.contains("two books"), "{text}");
    }

    #[test]
    fn a_column_of_teaser_blurbs_beside_the_story_is_not_joined_to_it() {
        let long = |topic: &str, n: usize| -> String {
            (0..n)
                .map(|i| {
                    format!(
                        "<p>Paragraph {i} on {topic} runs long, with a clause, another clause, \
                         a third clause, and enough words, names and numbers to read as a full \
                         paragraph of a reported story rather than a blurb.</p>"
                    )
                })
                .collect()
        };
        let blurbs: String = (0..8)
            .map(|i| {
                format!(
                    "<h3>Other piece {i}</h3><p>A short blurb on another subject, number {i}, \
                     to tempt a click.</p>"
                )
            })
            .collect();
        let html = format!(
            "<body><div class=\"wrap\"><div class=\"main-col\"><div class=\"story\">{}</div>\
             </div><div class=\"side-col\"><div class=\"rail\"><div class=\"list\">{blurbs}</div>\
             </div></div></div></body>",
            long("dredging", 6)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 5 on dredging"), "{text}");
        assert!(!text.contains("short blurb"), "{text}");
    }

    #[test]
    fn a_disclosure_is_dropped_wherever_its_commission_phrase_sits() {
        let html = format!(
            "<body><article><p>Every item here was chosen by our editors. We may earn a \
             commission on some of the items you buy.</p>{}</article></body>",
            para("vases", 3)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 0 on vases"), "{text}");
        assert!(!text.contains("commission"), "{text}");
    }

    #[test]
    fn a_closing_run_of_short_plain_lines_joins_the_story() {
        // The ending sits in a sibling block of short paragraphs: shorter on average than the
        // story's own, yet all prose and without links.
        let tail: String = (0..8)
            .map(|i| format!("<p>Short closing note {i} on the weirs said plainly here.</p>"))
            .collect();
        let html = format!(
            "<body><main><div class=\"lead\"><div class=\"copy\">{}</div></div>\
             <div class=\"end\"><div><div>{tail}</div></div></div></main>\
             <div class=\"menu\">x</div></body>",
            para("sluices", 16)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 15 on sluices"), "{text}");
        assert!(text.contains("Short closing note 3"), "{text}");
    }

    #[test]
    fn a_collapsed_accordion_panel_is_part_of_the_story() {
        let panel = |i: usize| {
            format!(
                "<div><button id=\"h{i}\">Step {i}</button><div id=\"p{i}\" role=\"region\" \
                 aria-labelledby=\"h{i}\" style=\"display: none\">{}</div></div>",
                para(&format!("step {i}"), 2)
            )
        };
        let html = format!(
            "<body><article>{}{}{}</article><div style=\"display:none\">{}</div></body>",
            para("panels", 3),
            panel(1),
            panel(2),
            para("drafts", 1)
        );
        let text = body(&html);
        assert!(text.contains("Paragraph 1 on step 2"), "{text}");
        assert!(!text.contains("on drafts"), "{text}");
    }
}
