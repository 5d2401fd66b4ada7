//! Bounds on the work one page can cause, applied before parsing.
//!
//! html5ever's tree builder scans the stack of open elements for many start tags, so a page
//! nested N deep costs O(N²) to parse (100,000 `<div>`s: over a minute). [`prune`] drops the
//! start tags that would nest deeper than a limit real pages never reach, so the parse stays
//! near-linear and the text is kept.
//!
//! The same pass empties the bodies of `<script>` (except JSON data blocks, which hold JSON-LD,
//! and React's streaming instructions, which `streamed.rs` replays) and `<style>`: nothing
//! downstream reads them, they are about a third of a news page's bytes (36% over
//! ../shared/data/extraction), and html5ever tokenizes raw text one character at a time.
//! Comments go too (except React's boundary markers), and inline `<svg>` bodies (icons: path
//! data, 7% of the bytes left after scripts and styles over the WCXB dev pages, and no article
//! text).

use std::borrow::Cow;

/// Real articles nest a few dozen levels; WYSIWYG soup with unclosed `<font>`s a few hundred.
pub const DEFAULT_MAX_DEPTH: usize = 2_000;

/// Elements without content: never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound",
];
/// Elements the parser closes implicitly when a sibling opens (`<p>a<p>b`): unclosed runs of
/// them do not nest, so they are not counted.
const SELF_CLOSING_RUNS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "html", "head", "body",
];
/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// How far down the open-element stack an end tag looks for its start tag (as the parser does,
/// but bounded so that stray end tags cost O(1)).
const END_TAG_REACH: usize = 64;

/// The page with start tags beyond `max_depth` removed and script and style bodies emptied
/// (borrowed unchanged when there is nothing to remove).
pub fn prune(html: &str, max_depth: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let is =
        |name: &[u8], set: &[&str]| set.iter().any(|s| name.eq_ignore_ascii_case(s.as_bytes()));
    // Tag names as slices of the page: no allocation per tag.
    let mut stack: Vec<&[u8]> = Vec::new();
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        i += lt;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            let len =
                4 + memchr::memmem::find(&rest[4..], b"-->").map_or(rest.len() - 4, |p| p + 3);
            if !is_stream_marker(&rest[..len]) {
                dropped.push((i, i + len));
            }
            i += len;
        } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
            let start = i;
            let (name, end, self_closed) = tag(b, i + 1);
            i = end;
            if name.eq_ignore_ascii_case(b"svg") && !self_closed {
                // Inline icons: path data is most of their bytes and none of their text is
                // article text. The element stays, empty. A nested `<svg>` ends the body early;
                // the parser then drops the stray `</svg>`.
                let body = find_end_tag(&b[i..], name).unwrap_or(b.len() - i);
                if body > 0 {
                    dropped.push((i, i + body));
                }
                i += body;
                continue;
            }
            if is(name, RAW_TEXT) {
                let body = find_end_tag(&b[i..], name).unwrap_or(b.len() - i);
                if body > 0
                    && is_unread_raw_text(name, &b[start..end])
                    && !crate::streamed::has_calls(&b[i..i + body])
                {
                    dropped.push((i, i + body));
                }
                i += body;
                continue;
            }
            if self_closed || is(name, VOID) || is(name, SELF_CLOSING_RUNS) {
                continue;
            }
            if stack.len() >= max_depth {
                dropped.push((start, end));
            } else {
                stack.push(name);
            }
        } else if rest.starts_with(b"</") && rest.len() > 2 && rest[2].is_ascii_alphabetic() {
            let (name, end, _) = tag(b, i + 2);
            i = end;
            if let Some(pos) = stack
                .iter()
                .rev()
                .take(END_TAG_REACH)
                .position(|s| s.eq_ignore_ascii_case(name))
            {
                stack.truncate(stack.len() - 1 - pos);
            }
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            i += memchr::memchr(b'>', rest).map_or(rest.len(), |p| p + 1);
        } else {
            i += 1;
        }
    }
    if dropped.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in dropped {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Reads a tag from its name's first byte: (name as written, index after `>`, ends in `/>`).
/// Quoted attribute values may contain `>`. Tag boundaries are ASCII, so the indexes are
/// char boundaries. Attribute values are a large share of a page's bytes, so the scan jumps
/// between quotes and `>` with memchr instead of stepping through them.
fn tag(b: &[u8], mut i: usize) -> (&[u8], usize, bool) {
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name_end = i;
    let name = &b[name_start..name_end];
    while let Some(p) = memchr::memchr3(b'"', b'\'', b'>', &b[i..]) {
        let at = i + p;
        if b[at] == b'>' {
            let prev = b[name_end..at]
                .iter()
                .rev()
                .find(|c| !c.is_ascii_whitespace())
                .copied();
            return (name, at + 1, prev == Some(b'/'));
        }
        match memchr::memchr(b[at], &b[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => break,
        }
    }
    (name, b.len(), false)
}

/// Where `</name` starts in `hay`, in any letter case, followed (as the tokenizer wants it) by
/// whitespace, `/`, `>` or the end of the input.
fn find_end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</").find(|&p| {
        hay.get(p + 2..p + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && hay
                .get(p + 2 + name.len())
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
    })
}

/// Whether a comment is one of React's Suspense boundary markers (`<!--$-->`, `<!--$?-->`,
/// `<!--$!-->`, `<!--/$-->`), which `streamed.rs` needs to replace a boundary's fallback.
fn is_stream_marker(comment: &[u8]) -> bool {
    matches!(
        comment,
        b"<!--$-->" | b"<!--$?-->" | b"<!--$!-->" | b"<!--/$-->"
    )
}

/// Whether a raw-text element's body is never read: a style sheet, or a script that is not a
/// JSON data block (`application/ld+json`, `application/json`: JSON-LD and embedded article
/// data are metadata sources). `start_tag` is the whole start tag as written.
fn is_unread_raw_text(name: &[u8], start_tag: &[u8]) -> bool {
    if name.eq_ignore_ascii_case(b"style") {
        return true;
    }
    name.eq_ignore_ascii_case(b"script")
        && !start_tag
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain byte-by-byte reading [`tag`] must agree with.
    fn tag_stepwise(b: &[u8], mut i: usize) -> (&[u8], usize, bool) {
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = &b[name_start..i];
        let mut quote: Option<u8> = None;
        let mut prev = 0u8;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => return (name, i + 1, prev == b'/'),
                None => {}
            }
            if !c.is_ascii_whitespace() {
                prev = c;
            }
            i += 1;
        }
        (name, b.len(), false)
    }

    proptest::proptest! {
        #[test]
        fn tags_are_read_as_a_byte_by_byte_scan_reads_them(
            s in r#"[a-z]{1,4}( ?[a-z/=]{0,3}( ?("[^"]{0,6}"|'[^']{0,6}'|[a-z>/"' ]{0,3})))*>?[a-z<>/"' ]{0,5}"#
        ) {
            let b = s.as_bytes();
            proptest::prop_assert_eq!(tag(b, 0), tag_stepwise(b, 0));
        }
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let html = format!("{}text", "<div>".repeat(10));
        assert_eq!(prune(&html, 4), format!("{}text", "<div>".repeat(4)));
    }

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let html = "<html><body><p>a<p>b<ul><li>x<li>y</ul><script></script><img src=x><br/><div title='>'>t</div>";
        assert!(matches!(prune(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn closed_siblings_do_not_accumulate_and_stray_end_tags_do_not_help() {
        let siblings = "<div>a</div>".repeat(1_000);
        assert!(matches!(prune(&siblings, 2), Cow::Borrowed(_)));
        let stray = format!("<div>{}", "</span><div>".repeat(10));
        assert_eq!(prune(&stray, 3).matches("<div>").count(), 3);
    }

    #[test]
    fn script_and_style_bodies_are_emptied_but_json_data_kept() {
        let html = "<head><style>p{color:red}</style><script>if (a<b) {'<div>'}</script>\
                    <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>\
                    <SCRIPT src=x></SCRIPT><script>var s = '</scripts>';</script ></head>\
                    <body><textarea><b>kept</b></textarea><p>text</p></body>";
        assert_eq!(
            prune(html, 100),
            "<head><style></style><script></script>\
             <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>\
             <SCRIPT src=x></SCRIPT><script></script ></head>\
             <body><textarea><b>kept</b></textarea><p>text</p></body>"
        );
    }

    #[test]
    fn comments_are_dropped_and_inline_svg_emptied() {
        let html = "<p>a<!-- <p>hidden</p> --></p><svg viewBox='0 0 1 1'><title>CM</title>\
                    <path d='M0 0'/></svg><p>b</p><svg/><!-- unclosed";
        assert_eq!(
            prune(html, 100),
            "<p>a</p><svg viewBox='0 0 1 1'></svg><p>b</p><svg/>"
        );
    }

    #[test]
    fn an_unclosed_script_is_emptied_to_the_end() {
        assert_eq!(prune("<p>a</p><script>var x = 1;", 100), "<p>a</p><script>");
    }
}
