//! Metadata: title, site, authors, dates, language, section, tags, description, lead image,
//! and the dateline split off the first body paragraph.
//!
//! Every field is taken from the most trusted source that yields a valid value. The general
//! order of trust is: JSON-LD (written for search engines, checked by their tools) → `<meta>`
//! tags (Open Graph, Dublin Core, analytics tags) → semantic markup (`<time>`, `rel=author`,
//! microdata) → the URL → visible text. Per-field orders are documented on each function.
//! Runs after content extraction: `article.body` is filled.

mod authors;
mod dateline;
mod dates;
mod image;
mod jsonld;
mod language;
mod tables;
mod title;
mod urls;

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use model::Article;
use scraper::{ElementRef, Html, Node, Selector};

use crate::Options;
use crate::attrs::AttrExt;
use jsonld::JsonLd;

pub use dates::parse_date;
pub use language::language_of_text;

/// Everything the field extractors read, gathered in one pass.
pub(crate) struct Page<'a> {
    pub doc: &'a Html,
    pub url: Option<url::Url>,
    /// `<meta>` content by lower-cased `property`, `name`, `itemprop` or `http-equiv`, in
    /// document order.
    pub meta: HashMap<String, Vec<String>>,
    pub ld: JsonLd,
    /// The page's visible text, built on first use: several fields' last resorts read it.
    visible: std::cell::OnceCell<String>,
    /// The elements carrying each byline mark of `tables/author_markup.txt`, found on first
    /// use: people and group authors are both read from them.
    pub(crate) byline_marks: std::cell::OnceCell<Vec<Vec<scraper::ElementRef<'a>>>>,
    /// Elements several fields look for, gathered in the walk that reads the meta tags rather
    /// than in a walk each.
    pub(crate) index: Index<'a>,
}

/// See [`Page::index`]. Each list is in document order.
#[derive(Default)]
pub(crate) struct Index<'a> {
    /// Every `<h1>`.
    pub h1s: Vec<ElementRef<'a>>,
    /// The first `<title>`.
    pub title: Option<ElementRef<'a>>,
    /// Elements that may mark a date (`time, [itemprop], [class*=date i], [class*=time i],
    /// [pubdate]`), up to [`MAX_DATE_MARKED`].
    pub date_marked: Vec<ElementRef<'a>>,
    /// `<time>`, `<relative-time>` and `<local-time>` elements with a `datetime`.
    pub times: Vec<ElementRef<'a>>,
}

/// Date-marked elements looked at: the byline's date sits near the top.
pub(crate) const MAX_DATE_MARKED: usize = 2_000;

impl<'a> Index<'a> {
    fn add(&mut self, el: ElementRef<'a>) {
        let v = el.value();
        let name = v.name();
        match name {
            "h1" => self.h1s.push(el),
            "title" if self.title.is_none() => self.title = Some(el),
            _ => {}
        }
        if self.date_marked.len() < MAX_DATE_MARKED
            && (name == "time"
                || v.attribute("itemprop").is_some()
                || v.attribute("pubdate").is_some()
                || v.attribute("class").is_some_and(|c| {
                    authors::contains_ci(c, "date") || authors::contains_ci(c, "time")
                }))
        {
            self.date_marked.push(el);
        }
        if matches!(name, "time" | "relative-time" | "local-time")
            && v.attribute("datetime").is_some()
        {
            self.times.push(el);
        }
    }
}

impl<'a> Page<'a> {
    fn new(doc: &'a Html, url: Option<&str>) -> Self {
        let mut meta: HashMap<String, Vec<String>> = HashMap::new();
        let mut scripts: Vec<String> = Vec::new();
        // One walk for `meta` and `script[type="application/ld+json" i]`, in document order.
        let mut index = Index::default();
        for m in doc.tree.root().descendants().filter_map(ElementRef::wrap) {
            index.add(m);
            match m.value().name() {
                "meta" => {}
                "script" => {
                    if m.attribute("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                    {
                        scripts.push(m.text().collect());
                    }
                    continue;
                }
                _ => continue,
            }
            // Some CMSs (and archived copies) write `value=` where Open Graph says `content=`.
            let Some(content) = m.attribute("content").or_else(|| m.attribute("value")) else {
                continue;
            };
            // Remix renders a route's `{"script:ld+json": …}` meta descriptor this way when
            // the app does not turn it into a script: the attribute holds the JSON-LD.
            if m.attribute("name")
                .is_some_and(|n| n.eq_ignore_ascii_case("script:ld+json"))
            {
                scripts.push(content.to_owned());
                continue;
            }
            let content = plain_text(content);
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = m.attribute(key_attr) {
                    // `property` may hold several space-separated names (RDFa).
                    for k in k.split_whitespace() {
                        meta.entry(k.to_lowercase())
                            .or_default()
                            .push(content.clone());
                    }
                }
            }
        }
        let ld = JsonLd::parse(scripts.iter().map(String::as_str));
        Self {
            doc,
            url: url.and_then(|u| url::Url::parse(u).ok()),
            meta,
            ld,
            visible: std::cell::OnceCell::new(),
            byline_marks: std::cell::OnceCell::new(),
            index,
        }
    }

    /// Visible text of the whole page (see [`visible_text`]), up to about 2 MB.
    pub fn visible_text(&self) -> &str {
        self.visible
            .get_or_init(|| visible_text(self.doc.root_element(), 2_000_000))
    }

    /// The first non-empty content of any of these meta keys, in the order given.
    pub fn meta_first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .filter_map(|k| self.meta.get(*k))
            .flatten()
            .find(|v| !v.is_empty())
            .cloned()
    }

    pub fn meta_all(&self, key: &str) -> &[String] {
        self.meta.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn ld_article_field(&self, key: &str) -> Option<&serde_json::Value> {
        self.ld.article().and_then(|a| a.get(key))
    }
}

/// Fills `article`'s metadata from the parsed page. See the module docs for the order of trust.
pub fn fill(doc: &Html, url: Option<&str>, article: &mut Article, options: &Options) {
    let page = Page::new(doc, url);
    article.site_name = site_name(&page);
    article.title = title::title(&page, article.site_name.as_deref());
    article.canonical_url = urls::canonical(&page);
    article.description = description(&page);
    article.section = section(&page, article.title.as_deref());
    article.tags = tags(&page);
    article.authors = authors::authors(&page, article.site_name.as_deref());
    if article.authors.is_empty() {
        article.author_organisation = authors::organisation(&page, article.site_name.as_deref());
    }
    article.published = dates::published(&page, article.title.as_deref(), &article.authors);
    article.modified = dates::modified(&page);
    article.lead_image = image::lead_image(&page);
    article.dateline = dateline::split(&mut article.body);
    article.language = language::language(&page, article, options);

    let w = &mut article.warnings;
    if article.title.is_none() {
        w.push("no title found".into());
    }
    if article.published.is_none() {
        w.push("no publication date found".into());
    }
    if article.authors.is_empty() {
        w.push("no author found (none named, or only an organisation)".into());
    }
    if article.language.is_none() {
        w.push("language not declared and not detectable from the text".into());
    }
}

/// Site name: og:site_name → JSON-LD publisher / WebSite name → application-name.
/// (A title suffix is used by [`title`] as a last resort when none of these exist.)
fn site_name(page: &Page) -> Option<String> {
    if let Some(s) = page.meta_first(&["og:site_name"]) {
        return Some(s);
    }
    let publisher = page
        .ld_article_field("publisher")
        .map(|p| page.ld.resolve(p))
        .and_then(|p| jsonld::first_string(p.get("name")));
    publisher
        .or_else(|| {
            page.ld
                .first_of_type(&["website"])
                .and_then(|w| jsonld::first_string(w.get("name")))
        })
        .or_else(|| page.meta_first(&["application-name", "apple-mobile-web-app-title"]))
        .filter(|s| s.chars().count() <= 80)
}

/// Description: og:description → meta description → twitter:description → JSON-LD description.
fn description(page: &Page) -> Option<String> {
    page.meta_first(&["og:description", "description", "twitter:description"])
        .or_else(|| jsonld::first_string(page.ld_article_field("description")))
}

/// Section: article:section → JSON-LD articleSection → the breadcrumb trail's last crumb
/// before the article itself (JSON-LD BreadcrumbList, then breadcrumb markup).
fn section(page: &Page, title: Option<&str>) -> Option<String> {
    if let Some(s) = page.meta_first(&["article:section", "section", "parsely-section"]) {
        return Some(s);
    }
    if let Some(s) = jsonld::first_string(page.ld_article_field("articleSection")) {
        return Some(s);
    }
    let mut crumbs: Vec<String> = Vec::new();
    if let Some(list) = page.ld.first_of_type(&["breadcrumblist"]) {
        if let Some(items) = list.get("itemListElement").and_then(|v| v.as_array()) {
            let mut items: Vec<&serde_json::Value> = items.iter().collect();
            items.sort_by_key(|i| i.get("position").and_then(|p| p.as_u64()).unwrap_or(0));
            for i in items {
                let name = jsonld::first_string(i.get("name")).or_else(|| {
                    i.get("item")
                        .and_then(|it| jsonld::first_string(it.get("name")))
                });
                crumbs.extend(name);
            }
        }
    } else {
        // Containers first, then their links: matching `[class*=…] a` from each link up
        // through its ancestors costs a substring test per ancestor for every link on the page.
        static CRUMBS: LazyLock<Selector> = LazyLock::new(|| {
            sel(r#"[class*="breadcrumb" i], [class*="crumbs" i], nav[aria-label*="breadcrumb" i]"#)
        });
        static LINK: LazyLock<Selector> = LazyLock::new(|| sel("a"));
        crumbs = page
            .doc
            .select(&CRUMBS)
            // A container inside another already gave its links through the outer one.
            .filter(|c| {
                !c.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| CRUMBS.matches(&a))
            })
            .flat_map(|c| c.select(&LINK).filter(move |a| a.id() != c.id()))
            .map(|a| collapse(&a.text().collect::<String>()))
            .filter(|s| !s.is_empty())
            .take(10)
            .collect();
    }
    let title_norm = title.map(norm);
    crumbs.into_iter().rfind(|c| {
        let n = norm(c);
        !n.is_empty()
            && !matches!(
                n.as_str(),
                "home" | "homepage" | "naslovna" | "početna" | "почетна"
            )
            && Some(&n) != title_norm.as_ref()
            && c.chars().count() <= 40
    })
}

/// Tags: article:tag → JSON-LD keywords → `rel=tag` links; de-duplicated, order kept.
fn tags(page: &Page) -> Vec<String> {
    let mut found: Vec<String> = page.meta_all("article:tag").to_vec();
    if found.is_empty()
        && let Some(k) = page.ld_article_field("keywords")
    {
        for s in jsonld::strings(k) {
            found.extend(s.split([',', ';']).map(collapse));
        }
    }
    if found.is_empty() {
        static TAG: LazyLock<Selector> = LazyLock::new(|| sel(r#"a[rel~="tag"]"#));
        found = page
            .doc
            .select(&TAG)
            .map(|a| collapse(&a.text().collect::<String>()))
            .take(50)
            .collect();
    }
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|t| !t.is_empty() && t.chars().count() <= 80 && seen.insert(t.to_lowercase()))
        .collect()
}

pub(crate) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("static selector {s:?} must parse: {e:?}"))
}

/// Collapses runs of white space (including NBSP) to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

/// Appends `s` to `out` with its white space runs as single spaces and none at either end.
fn push_collapsed(out: &mut String, s: &str) {
    let start = out.len();
    for w in s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}')
        .filter(|w| !w.is_empty())
    {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// A meta or JSON-LD string as plain text: character references decoded, markup that a CMS
/// escaped into it removed (`&lt;p&gt;I did &lt;a href=…&gt;Advent of Code&lt;/a&gt;` is
/// "I did Advent of Code"), white space collapsed.
pub(crate) fn plain_text(s: &str) -> String {
    let decoded = decode_entities(s);
    if !has_markup(&decoded) {
        return collapse(&decoded);
    }
    let fragment = Html::parse_fragment(&decoded);
    collapse(&raw_visible_text(fragment.root_element(), decoded.len()))
}

/// Whether `s` holds a tag of an element that text content uses. Only these count: "x <y",
/// "<TargetFrameworks>" in a post about project files, or "<3" are text, not markup.
fn has_markup(s: &str) -> bool {
    // The elements a description or caption escaped from an article body carries.
    const TAGS: &[&str] = &[
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "div",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "iframe",
        "img",
        "li",
        "noscript",
        "ol",
        "p",
        "picture",
        "pre",
        "script",
        "small",
        "source",
        "span",
        "strong",
        "style",
        "sub",
        "sup",
        "u",
        "ul",
    ];
    s.match_indices('<').any(|(at, _)| {
        let rest = s[at + 1..].strip_prefix('/').unwrap_or(&s[at + 1..]);
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let after = &rest[name_len..];
        // What stands between the name and '>' is nothing or attributes: "<p>", "<br/>",
        // "<a href=…>", not "<a and b>".
        let attributes = after.find('>').map(|end| after[..end].trim());
        name_len > 0
            && matches!(after.chars().next(), Some('>' | '/' | ' ' | '\t' | '\n'))
            && attributes.is_some_and(|a| a.is_empty() || a == "/" || a.contains('='))
            && TAGS.contains(&rest[..name_len].to_ascii_lowercase().as_str())
    })
}

/// Decodes the character references left in JSON-LD (script text is not entity-decoded) and
/// in doubly-encoded attributes: numeric ones and the named ones headlines use.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(n)?
            } else {
                match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => '\u{a0}',
                    "ndash" => '–',
                    "mdash" => '—',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "hellip" => '…',
                    "laquo" => '«',
                    "raquo" => '»',
                    "copy" => '©',
                    "shy" => '\u{ad}',
                    _ => return None,
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lower-case words only: for comparing titles and names.
pub(crate) fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text of an element with its text nodes joined by spaces: bylines glue "By" and the name,
/// or the name and "Staff Writer", in separate inline elements.
pub(crate) fn spaced_text(el: ElementRef) -> String {
    collapse(&shown_texts(el).join(" "))
}

pub(crate) fn element_text(el: ElementRef) -> String {
    collapse(&shown_texts(el).concat())
}

/// The text nodes of `el` outside script, style, noscript and the like: a `<noscript>` copy
/// of a lazy image is its markup as text, not a caption.
fn shown_texts(el: ElementRef<'_>) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip_depth = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                // `el` itself is read whatever it is: a byline may be a `<button>`.
                Node::Element(e)
                    if skip_depth > 0 || (n.id() != el.id() && is_invisible(e.name())) =>
                {
                    skip_depth += 1;
                }
                Node::Text(t) if skip_depth == 0 => out.push(&**t),
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().is_element() && skip_depth > 0 {
                    skip_depth -= 1;
                }
            }
        }
    }
    out
}

/// Visible text of a subtree (no script/style/template): one line per block, white space
/// collapsed within lines. Iterative: nesting depth cannot overflow the stack. Stops after about
/// `limit` bytes.
pub(crate) fn visible_text(root: ElementRef, limit: usize) -> String {
    let raw = raw_visible_text(root, limit);
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let before = out.len();
        if before > 0 {
            out.push('\n');
        }
        push_collapsed(&mut out, line);
        if out.len() == before + usize::from(before > 0) {
            // The line was only white space: no line for it.
            out.truncate(before);
        }
    }
    out
}

fn raw_visible_text(root: ElementRef, limit: usize) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if skip_depth > 0 || is_invisible(e.name()) {
                        skip_depth += 1;
                    } else if is_block(e.name()) {
                        out.push('\n');
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    out.push_str(t);
                    if out.len() >= limit {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if is_block(e.name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

fn is_invisible(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "svg"
            | "iframe"
            | "select"
            | "button"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "pre"
            | "form"
            | "main"
            | "dd"
            | "dt"
            | "time"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("A &#8211; B &amp; C &#x2019; &bogus; &"),
            "A – B & C ’ &bogus; &"
        );
    }

    #[test]
    fn markup_escaped_into_meta_text_is_removed_and_code_is_kept() {
        assert_eq!(
            plain_text(
                "&lt;p&gt;I did &lt;a href=&quot;https://x.org&quot;&gt;Advent&lt;/a&gt; again.&lt;/p&gt;&lt;p&gt;Spoilers.&lt;/p&gt;"
            ),
            "I did Advent again. Spoilers."
        );
        for text in [
            "Set <TargetFrameworks>net8.0</TargetFrameworks> in the project",
            "x <y and a<b",
            "I <3 Belgrade",
            "when x <a and y, or b> c",
        ] {
            assert_eq!(plain_text(text), text);
        }
    }

    #[test]
    fn a_noscript_copy_of_an_image_is_not_its_caption() {
        let html = r#"<html><head><meta name="description" content="&lt;strong&gt;Summit&lt;/strong&gt; in Brussels"></head><body><article>
            <figure class="wp-caption"><img data-lazy-src="/a.jpg"><noscript><img src="/a.jpg" class="wp-image-1"></noscript>
            <figcaption class="wp-caption-text"><noscript><img src="/b.jpg"></noscript>Leaders at the summit</figcaption></figure>
            <p>Text.</p></article></body></html>"#;
        let doc = Html::parse_document(html);
        let mut article = Article::default();
        fill(
            &doc,
            Some("https://example.org/a"),
            &mut article,
            &Options::default(),
        );
        assert_eq!(article.description.as_deref(), Some("Summit in Brussels"));
        let image = article.lead_image.expect("the figure is the lead image");
        assert_eq!(image.caption.as_deref(), Some("Leaders at the summit"));
    }
}
