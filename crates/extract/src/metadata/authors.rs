//! Authors: people only. In order of trust, the first source that yields a person wins:
//! JSON-LD `author`/`creator` (Person, never Organization) → meta author tags (not URLs) →
//! byline markup (`tables/author_markup.txt`) → a visible "By …" line after the headline.
//! Every candidate is cleaned (prefixes, dates, roles cut) and split into single names.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Selector};
use serde_json::Value;

use super::dates::{elements, find_date, first_h1};
use super::tables::{AUTHOR_MARKUP, AUTHOR_WORDS, MONTHS};
use super::{Page, collapse, element_text, jsonld, norm, sel, spaced_text};
use crate::attrs::AttrExt;

const MAX_AUTHORS: usize = 10;

/// One place bylines are read from, in [`authors`]' order of trust.
type Source = fn(&Page) -> Vec<String>;

/// What a byline's text is read as: people ([`names_in`]) or a credited team ([`team_in`]).
type Reader = fn(&str, Trust) -> Vec<String>;

pub(crate) fn authors(page: &Page, site_name: Option<&str>) -> Vec<String> {
    let site = site_name.map(norm).filter(|s| !s.is_empty());
    let site_account = site.as_deref().map(squash);
    let organisations = organisation_authors(page);
    let accept = |names: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            // A one-word name that is the site's own ("UCLA Health" as "uclahealth", its
            // account name) is the publisher crediting itself.
            if !n.contains(char::is_whitespace)
                && (site.as_ref() == Some(&norm(&n)) || site_account == Some(squash(&n)))
            {
                continue;
            }
            if !out.iter().any(|o| norm(o) == norm(&n)) {
                out.push(n);
            }
        }
        out.truncate(MAX_AUTHORS);
        out
    };
    let sources: [Source; 8] = [
        json_ld,
        meta_tags,
        |p| markup(p, names_in),
        card_label,
        |p| visible_by_line(p, names_in),
        |p| generic_markup(p, names_in),
        |p| author_page_link(p, names_in),
        |p| labelled_anywhere(p, names_in),
    ];
    // A name equal to the site's may be the publisher crediting itself or the person a
    // personal site is named after ("Rick Steves"): it is kept only when no source names
    // someone else.
    let mut site_named = Vec::new();
    for source in sources {
        let names = accept(source(page));
        if names.is_empty() {
            continue;
        }
        if names.iter().all(|n| site.as_ref() == Some(&norm(n))) {
            // Unless the JSON-LD says the author of that name is an organisation.
            if site_named.is_empty() && !names.iter().any(|n| organisations.contains(&norm(n))) {
                site_named = names;
            }
            continue;
        }
        return names;
    }
    site_named
}

/// Author meta tags, except those holding a profile URL.
fn meta_tags(page: &Page) -> Vec<String> {
    // "Condé Nast" as author beside "Copyright (c) Condé Nast 2022": the publisher's name
    // filled in by the template, not a person.
    let holders: Vec<String> = ["copyright", "dcterms.rightsholder", "rights"]
        .iter()
        .flat_map(|k| page.meta_all(k))
        .map(|c| norm(c))
        .collect();
    meta_values(page)
        .flat_map(|v| declared_names(page, v))
        .filter(|n| {
            let n = norm(n);
            !holders.iter().any(|h| h.contains(&n))
        })
        .collect()
}

fn meta_values<'a>(page: &'a Page) -> impl Iterator<Item = &'a String> + 'a {
    [
        "author",
        "article:author",
        "og:article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "cxenseparse:author",
    ]
    .iter()
    .flat_map(|k| page.meta_all(k))
    .filter(|v| !looks_like_url(v))
}

/// The group author when no person is credited: the declared author of the JSON-LD (an
/// Organization, or a "Person" whose name is a team), the author meta tags and the "Written
/// by" card, then a team or desk named in the byline markup; failing all of them the
/// publisher, as citation styles credit a page that names no author (APA 7, group author).
/// Called only when [`authors`] found nobody.
pub(crate) fn organisation(page: &Page, site_name: Option<&str>) -> Option<String> {
    let ld = ["author", "creator"]
        .iter()
        .flat_map(|k| ld_credits(page, k))
        .filter_map(|item| match item {
            Value::String(s) => Some(s.clone()),
            Value::Object(_) => jsonld::first_string(item.get("name")),
            _ => None,
        });
    let declared = ld
        .chain(meta_values(page).cloned())
        .chain(card_value(page))
        .find_map(|raw| credit(&raw));
    if declared.is_some() {
        return declared;
    }
    let shown: [Source; 4] = [
        |p| markup(p, team_in),
        |p| visible_by_line(p, team_in),
        |p| generic_markup(p, team_in),
        |p| author_page_link(p, team_in),
    ];
    shown
        .iter()
        .find_map(|source| source(page).into_iter().next())
        .or_else(|| site_name.and_then(credit))
}

/// A credit read from the page's text rather than declared in its metadata: only one that
/// names a team, desk or publication ("Podium Staff", "The Currency editors", "Newsdesk"),
/// as byline markup also holds labels, dates and share buttons.
fn team_in(raw: &str, trust: Trust) -> Vec<String> {
    credit(raw)
        .filter(|c| {
            trust == Trust::Structured
                || c.split_whitespace().count() <= 6
                    && c.split_whitespace().any(|w| {
                        let w = w.to_lowercase();
                        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                        AUTHOR_WORDS.orgs.contains(w) || TEAM_WORDS.contains(&w)
                    })
        })
        .into_iter()
        .collect()
}

/// Role words that, in a credit, name a group rather than a job ("Podium Staff").
const TEAM_WORDS: &[&str] = &["staff", "editors", "editorial", "newsdesk", "contributors"];

/// A byline string cleaned to the organisation it credits: prefixes and what follows a
/// separator removed; `None` for URLs, addresses, dates and label-only strings.
fn credit(raw: &str) -> Option<String> {
    if credits_someone_else(raw) {
        return None;
    }
    let text = collapse(raw);
    let first = text.split(['|', '•', '·', '\n']).next().unwrap_or("");
    // "MonsGeek - Make Cool Gears Accessible": a tagline after a spaced dash.
    let first = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| first.find(d))
        .min()
        .map_or(first, |i| &first[..i]);
    let name = strip_prefixes(first);
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    let words = name.split_whitespace().count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=8).contains(&words)
        && letters >= 2
        && name.chars().count() <= 80
        && !looks_like_url(name)
        && !name.contains('@')
        && find_date(name).is_none()
        && !AUTHOR_WORDS
            .prefixes
            .contains(&name.to_lowercase().as_str());
    ok.then(|| name.to_owned())
}

/// The people a metadata field declares. The site's own name there ("Luxury Travel Expert")
/// is the publisher: read as a person it would lose a word, so it is not read.
fn declared_names(page: &Page, value: &str) -> Vec<String> {
    let names = names_in(value, Trust::Structured);
    let site = page.meta_first(&["og:site_name"]).map(|s| norm(&s));
    let whole = norm(value);
    if site.as_ref() == Some(&whole) && !names.iter().any(|n| norm(n) == whole) {
        return Vec::new();
    }
    names
}

/// The "Written by" label/value pairs of Slack and Twitter cards: less trusted than the byline
/// markup, as some themes fill them with a default editor.
fn card_label(page: &Page) -> Vec<String> {
    card_value(page)
        .map(|v| declared_names(page, &v))
        .unwrap_or_default()
}

/// The value of the card's "Written by" (or "Author") label.
fn card_value(page: &Page) -> Option<String> {
    (1..=4).find_map(|i| {
        let label = page
            .meta_first(&[&format!("twitter:label{i}")])?
            .to_lowercase();
        (label.contains("written by") || label.starts_with("author"))
            .then(|| page.meta_first(&[&format!("twitter:data{i}")]))
            .flatten()
    })
}

/// The article's JSON-LD `author` (or `creator`) entries, references resolved.
fn ld_credits<'p>(page: &'p Page, key: &str) -> Vec<&'p Value> {
    let Some(v) = page.ld.article().and_then(|a| a.get(key)) else {
        return Vec::new();
    };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .map(|item| page.ld.resolve(item))
        .collect()
}

/// Names (normalised) of the article's JSON-LD authors typed as something other than a person.
fn organisation_authors(page: &Page) -> Vec<String> {
    ["author", "creator"]
        .iter()
        .flat_map(|k| ld_credits(page, k))
        .filter(|item| item.get("@type").is_some() && !jsonld::has_type(item, &["person"]))
        .filter_map(|item| jsonld::first_string(item.get("name")))
        .map(|n| norm(&n))
        .collect()
}

fn json_ld(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["author", "creator"] {
        for item in ld_credits(page, key) {
            match item {
                Value::String(s) if !looks_like_url(s) => out.extend(declared_names(page, s)),
                Value::Object(_) => {
                    let typed = item.get("@type").is_some();
                    if typed && !jsonld::has_type(item, &["person"]) {
                        continue;
                    }
                    if let Some(name) = jsonld::first_string(item.get("name")) {
                        out.extend(declared_names(page, &name));
                    }
                }
                _ => {}
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// The byline marks of `tables/author_markup.txt`, in table order, matched as the CSS selectors
/// `[class~="v"], [id="v"]` (case-sensitive) and `[a="v" i]` / `[rel~="v" i]` would.
struct Marks {
    count: usize,
    /// Class or id token → the marks it satisfies.
    by_token: HashMap<&'static str, Vec<usize>>,
    /// (mark, attribute, value, whether the value is a token list).
    attrs: Vec<(usize, &'static str, &'static str, bool)>,
}

static MARKS: LazyLock<Marks> = LazyLock::new(|| {
    let mut marks = Marks {
        count: 0,
        by_token: HashMap::new(),
        attrs: Vec::new(),
    };
    for (kind, value) in AUTHOR_MARKUP.iter() {
        let i = marks.count;
        match *kind {
            "class" => marks.by_token.entry(value).or_default().push(i),
            "attr" => {
                let Some((name, value)) = value.split_once('=') else {
                    continue;
                };
                marks.attrs.push((i, name, value, name == "rel"));
            }
            _ => continue,
        }
        marks.count += 1;
    }
    marks
});

impl Marks {
    /// The marks an element satisfies, in table order.
    fn of(&self, e: &scraper::node::Element, out: &mut Vec<usize>) {
        out.clear();
        // Most elements carry no attribute at all.
        if e.attrs().next().is_none() {
            return;
        }
        let class_tokens = e
            .attribute("class")
            .into_iter()
            .flat_map(str::split_ascii_whitespace);
        for t in class_tokens.chain(e.attribute("id")) {
            if let Some(ids) = self.by_token.get(t) {
                out.extend(ids);
            }
        }
        for &(i, name, value, token) in &self.attrs {
            let hit = e.attribute(name).is_some_and(|a| {
                if token {
                    a.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case(value))
                } else {
                    a.eq_ignore_ascii_case(value)
                }
            });
            if hit {
                out.push(i);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Up to this many elements per mark are read: bylines sit near the top.
const PER_MARK: usize = 50;

/// Each byline mark's elements in document order, gathered in one walk (not one per mark).
fn marked<'p, 'a>(page: &'p Page<'a>) -> &'p [Vec<ElementRef<'a>>] {
    page.byline_marks.get_or_init(|| {
        let mut found: Vec<Vec<ElementRef<'a>>> = vec![Vec::new(); MARKS.count];
        let mut marks = Vec::new();
        for el in page
            .doc
            .tree
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            MARKS.of(el.value(), &mut marks);
            for &i in &marks {
                if found[i].len() < PER_MARK {
                    found[i].push(el);
                }
            }
        }
        found
    })
}

fn markup(page: &Page, read: Reader) -> Vec<String> {
    static NAME: LazyLock<Selector> = LazyLock::new(|| sel(r#"[itemprop="name"]"#));
    for hits in marked(page) {
        let mut names = Vec::new();
        let mut first_parent = None;
        for &el in hits {
            if el.value().name() == "meta"
                || el.value().name() == "link"
                || in_comments(el)
                || in_teaser(page, el)
            {
                continue;
            }
            // Several bylines of one kind count only when they sit together (co-authors), not
            // when a second one belongs to a teaser further down.
            let parent = el.parent().and_then(|p| p.parent()).map(|p| p.id());
            if first_parent.is_some() && !names.is_empty() && parent != first_parent {
                break;
            }
            let name = el.select(&NAME).next();
            // A microdata name may sit in a `<link>` or `<meta>` whose value is its `content`.
            let text = name
                .map(|n| match n.attribute("content") {
                    Some(c) if matches!(n.value().name(), "link" | "meta") => collapse(c),
                    _ => element_text(n),
                })
                .or_else(|| el.attribute("content").map(collapse))
                .unwrap_or_else(|| spaced_text(el));
            if text.chars().count() > 200 {
                continue;
            }
            // A microdata Person item's declared name is as structured as JSON-LD's.
            let declared = name.is_some() && el.value().attribute("itemscope").is_some();
            let found = if declared {
                read(&text, Trust::Structured)
            } else {
                read_vouched(read, el, &text)
            };
            if !found.is_empty() && first_parent.is_none() {
                first_parent = parent;
            }
            names.extend(found);
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The generic fallback: class/id tokens containing a byline fragment (see the table).
fn generic_markup(page: &Page, read: Reader) -> Vec<String> {
    let wanted: Vec<&str> = AUTHOR_MARKUP
        .iter()
        .filter(|(k, _)| *k == "contains")
        .map(|(_, v)| *v)
        .collect();
    let excluded: Vec<&str> = AUTHOR_MARKUP
        .iter()
        .filter(|(k, _)| *k == "exclude")
        .map(|(_, v)| *v)
        .collect();
    let kept: Vec<&str> = AUTHOR_MARKUP
        .iter()
        .filter(|(k, _)| *k == "keep")
        .map(|(_, v)| *v)
        .collect();
    let Some(body) = elements(page).find(|e| e.value().name() == "body") else {
        return Vec::new();
    };
    let marked = body
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(|el| {
            el.value().attribute("class").is_some() || el.value().attribute("id").is_some()
        });
    for el in marked.take(20_000) {
        let v = el.value();
        let tokens = v
            .attribute("class")
            .unwrap_or("")
            .split_whitespace()
            .chain(v.attribute("id"));
        let hit = tokens.into_iter().any(|t| {
            wanted.iter().any(|w| contains_ci(t, w))
                && (kept.iter().any(|k| contains_ci(t, k))
                    || !excluded.iter().any(|x| contains_ci(t, x)))
        });
        if !hit
            || matches!(v.name(), "meta" | "link" | "script" | "body" | "html")
            || in_comments(el)
        {
            continue;
        }
        let text = spaced_text(el);
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        let names = read(&text, Trust::Text);
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The first link into the site's author pages (`path` entries of the table) whose text names
/// a person: author archives link every byline, also where the byline has no telling markup.
/// Links into member profiles (`member` entries) count only when their text is the account
/// name the path ends in.
fn author_page_link(page: &Page, read: Reader) -> Vec<String> {
    let segments = |kind: &str| -> Vec<&str> {
        AUTHOR_MARKUP
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, v)| *v)
            .collect()
    };
    let (authors, members) = (segments("path"), segments("member"));
    // The path segment that leads into a profile: one followed by at least one more.
    let leads_into = |href: &str, wanted: &[&str]| {
        let href = href.split(['?', '#']).next().unwrap_or("");
        // The path of an absolute address starts after its host.
        let path = match href.find("://") {
            Some(i) => href[i + 3..].find('/').map_or("", |j| &href[i + 3 + j..]),
            None => href,
        };
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        parts
            .iter()
            .enumerate()
            .any(|(i, p)| i + 1 < parts.len() && wanted.iter().any(|s| p.eq_ignore_ascii_case(s)))
    };
    let Some(body) = elements(page).find(|e| e.value().name() == "body") else {
        return Vec::new();
    };
    let links = body
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a");
    for a in links.take(5_000) {
        let Some(href) = a.attribute("href") else {
            continue;
        };
        let (author, member) = (leads_into(href, &authors), leads_into(href, &members));
        if !(author || member) || in_comments(a) {
            continue;
        }
        let text = spaced_text(a);
        if text.is_empty() || text.chars().count() > 60 {
            continue;
        }
        let names = if author {
            read_vouched(read, a, &text)
        } else {
            account_name(read, href, &text)
        };
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// "/author/doumae/" → "doumae": a byline whose whole text is the slug of the author page it
/// links to is the account's name as the site spells it, read as trusted as declared metadata
/// (one word, lower case); other byline text must look like a name by itself.
fn read_vouched(read: Reader, el: ElementRef, text: &str) -> Vec<String> {
    let link = if el.value().name() == "a" {
        Some(el)
    } else {
        el.descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "a")
    };
    if let Some(href) = link.and_then(|a| a.attribute("href")) {
        let names = account_name(read, href, text);
        if !names.is_empty() {
            return names;
        }
    }
    read(text, Trust::Text)
}

/// The link text when it is the account name the link's path ends in, read as trusted as
/// declared metadata; nothing otherwise. A handle keeps the sigil the site writes it with
/// ("u/benyacobi" linking to "/user/benyacobi/", "@jdoe" to "/jdoe").
fn account_name(read: Reader, href: &str, text: &str) -> Vec<String> {
    let text = text.trim();
    let bare = ["u/", "@"]
        .iter()
        .find_map(|sigil| text.strip_prefix(sigil))
        .unwrap_or(text);
    let account_page = |slug: &str| {
        AUTHOR_MARKUP
            .iter()
            .any(|(k, v)| *k == "account" && *v == slug)
    };
    if slug_of(href).is_none_or(|slug| slug != squash(bare) || account_page(&slug)) {
        return Vec::new();
    }
    let names = read(bare, Trust::Structured);
    // Only when the reading keeps the text whole: "Richard (R.J.) Eskow" is not "Richard".
    match names.as_slice() {
        [name] if squash(name) == squash(bare) => vec![text.to_string()],
        _ => Vec::new(),
    }
}

/// A text's letters and digits, lower-cased: how slugs spell names.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The last path segment of `href`, squashed.
fn slug_of(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let slug = squash(path.trim_end_matches('/').rsplit('/').next()?);
    (!slug.is_empty()).then_some(slug)
}

/// Whether `hay` contains the lower-case ASCII `needle` in any letter case, without allocating.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn in_comments(el: ElementRef) -> bool {
    el.ancestors()
        .take(30)
        .filter_map(ElementRef::wrap)
        .any(|a| {
            let v = a.value();
            let marks = |s: Option<&str>| s.is_some_and(|s| contains_ci(s, "comment"));
            marks(v.attribute("class")) || marks(v.attribute("id"))
        })
}

/// Whether `el` sits in a teaser card: a small container (a list item, or up to three levels
/// up) that also holds a headline linking to another page ("Hot Property: …" / "By Caitlin
/// Clark" in a list of other stories). Its byline is not the page's. A byline's own list
/// (`<ul class="byline"><li>Jane Doe</li>`) holds no headline, and the story's own headline
/// links, if at all, to the page itself. A heading that holds the byline ("hackermondev /
/// writeup.md") is the page's own.
fn in_teaser(page: &Page, el: ElementRef) -> bool {
    let own_path = page
        .url
        .as_ref()
        .map(|u| u.path().trim_end_matches('/').to_owned());
    let links_away = |h: ElementRef| {
        h.descendants()
            .filter_map(ElementRef::wrap)
            .filter_map(|a| a.value().attribute("href"))
            .any(|href| {
                let Some(own) = own_path.as_deref() else {
                    return true;
                };
                let target = page
                    .url
                    .as_ref()
                    .and_then(|u| u.join(href).ok())
                    .map(|u| u.path().trim_end_matches('/').to_owned());
                target.is_some_and(|t| t != own)
            })
    };
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .enumerate()
        .take_while(|(depth, a)| *depth < 3 || a.value().name() == "li")
        .any(|(_, a)| {
            a.descendants().filter_map(ElementRef::wrap).any(|h| {
                matches!(h.value().name(), "h1" | "h2" | "h3" | "h4" | "h5")
                    && !el.ancestors().any(|x| x.id() == h.id())
                    && links_away(h)
            })
        })
}

/// A byline in the visible text near the headline: a line that starts with a byline prefix
/// ("By Jane Doe"), or a prefix alone on its line with the name on the next ("Written by" /
/// "Jane Doe", as cards lay them out).
fn visible_by_line(page: &Page, read: Reader) -> Vec<String> {
    let text = page.visible_text();
    let start = first_h1(page).and_then(|h| text.find(&h)).unwrap_or(0);
    let after: String = text[start..].chars().take(3_000).collect();
    // Bylines also sit above the headline, after the kicker.
    let before: Vec<char> = text[..start].chars().rev().take(600).collect();
    let before: String = before.into_iter().rev().collect();
    let labelled = [&after, &before]
        .iter()
        .flat_map(|w| labelled_lines(w, &BY_NEAR, LABELS_NEAR))
        .map(|line| read(&format!("By {line}"), Trust::Text))
        .find(|n| !n.is_empty());
    if let Some(names) = labelled {
        return names;
    }
    // "Aaron Ricadela | Senior Writer | July 2, 2025", "Dec 26, 2025 • Mahua Das": a short line
    // right after (or before) the headline that carries a date is the byline line.
    let dated = |line: &&str| line.chars().count() <= 100 && find_date(line).is_some();
    after
        .lines()
        .skip(1)
        .take(6)
        .chain(before.lines().rev().take(3))
        .filter(dated)
        .map(|line| read(line, Trust::Text))
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

/// Prefixes of a byline line near the headline.
static BY_NEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|von|par|por|piše|пише|autor|аутор)\s*:?\s+(\S.{2,100})$")
        .expect("static regex")
});
const LABELS_NEAR: &[&str] = &[
    "by",
    "written by",
    "article by",
    "words by",
    "author",
    "autor",
    "аутор",
    "piše",
    "пише",
];

/// Anywhere on the page, prefixes that only bylines and author boxes use ("Written by Jane
/// Doe" under the story, "About the author" / "Jane Doe"): "By" alone is left out, as it also
/// opens sentences, and "Posted by" also signs comments.
static BY_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries keep the regex on its fast engines over non-ASCII text.
    Regex::new(r"(?i)(?:^|(?-u:\b)post was |(?-u:\b)article was )(?:written by|words by|article by|author:)\s*:?\s+(\S.{2,100})$")
        .expect("static regex")
});
const LABELS_ANYWHERE: &[&str] = &["written by", "article by", "about the author", "author"];

/// The last resort: a byline label anywhere in the page's visible text.
fn labelled_anywhere(page: &Page, read: Reader) -> Vec<String> {
    labelled_lines(page.visible_text(), &BY_ANYWHERE, LABELS_ANYWHERE)
        .map(|line| read(&line, Trust::Text))
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

/// Byline text of the window's lines: the rest of a line matching `prefixed`, or the line
/// after a line that is only one of `labels`.
fn labelled_lines<'a>(
    window: &'a str,
    prefixed: &'a Regex,
    labels: &'a [&'a str],
) -> impl Iterator<Item = String> + 'a {
    let next_lines = window.lines().skip(1).map(Some).chain([None]);
    window
        .lines()
        .zip(next_lines)
        .filter_map(move |(line, next)| {
            let line = line.trim();
            // Byline lines are short: paragraphs are not searched.
            if line.len() > 200 {
                return None;
            }
            if let Some(c) = prefixed.captures(line) {
                return Some(c[1].to_owned());
            }
            // "ByDaryl Austin": the prefix and the name in adjacent inline elements.
            if let Some(rest) = line.strip_prefix("By")
                && rest.starts_with(char::is_uppercase)
                && rest.chars().nth(1).is_some_and(char::is_lowercase)
                && rest.chars().count() <= 100
            {
                return Some(rest.to_owned());
            }
            let bare = line.trim_end_matches(':').trim();
            (bare.len() <= 24 && labels.contains(&bare.to_lowercase().as_str()))
                .then(|| next.map(str::to_owned))
                .flatten()
                .filter(|l| l.chars().count() <= 100)
        })
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http") || s.starts_with("www.") || s.starts_with('/') || s.contains("://")
}

/// How much a byline source vouches for its text being a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trust {
    /// Markup or visible text: at least two capitalised words.
    Text,
    /// JSON-LD and meta tags declare a name: one word and lower case are admitted.
    Structured,
}

/// The people named in a byline string: prefixes removed, cut at dates and separators, split
/// at lists, roles and organisations dropped.
pub(crate) fn names_in(raw: &str, trust: Trust) -> Vec<String> {
    if credits_someone_else(raw) {
        return Vec::new();
    }
    // "Dec. 19, 2025 · Niko Matsakis", "Updated May 3 | By Jane Doe": bylines share a line with
    // dates and reading times; the first part that names someone is the byline.
    raw.split(['|', '•', '·'])
        .take(6)
        .map(|part| names_in_part(part, trust))
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// Where another's credit ("Edited by", "Reviewed by") starts inside a byline, after its start.
fn other_credit_at(text: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    // Lower-casing may change byte lengths outside ASCII; positions are only used when equal.
    if lower.len() != text.len() {
        return None;
    }
    AUTHOR_WORDS
        .others
        .iter()
        .filter_map(|o| {
            lower.match_indices(o).map(|(i, _)| i).find(|&i| {
                i > 0
                    && lower[..i].ends_with(char::is_whitespace)
                    && lower[i + o.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
            })
        })
        .min()
}

/// "Reviewed by Robert Tschudi": a reviewer's or editor's credit, not a byline.
fn credits_someone_else(raw: &str) -> bool {
    let head: String = raw
        .trim_start()
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
    AUTHOR_WORDS.others.iter().any(|o| {
        head.strip_prefix(o)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == ':'))
    })
}

fn names_in_part(raw: &str, trust: Trust) -> Vec<String> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        // One-letter conjunctions (es/pt "y", it/pt "e", sr/hr "i", "и") only in lower case: an
        // upper-case one is an initial ("Laura E. Adkins").
        Regex::new(r"(?i)\s*(?:,|;|/|\s&\s|\s\+\s|\band\b|\bund\b|\bet\b|\bwith\b|(?-i:\by\b|\bi\b|\bи\b|\be\b))\s*")
            .expect("static regex")
    });
    // "Dec 17, 2025 Julian K. Arni": a date before the name.
    static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:\p{L}{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\.?\s+\p{L}{3,10}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})[\s,:;-]*",
        )
        .expect("static regex")
    });
    let text = collapse(raw);
    let text = match LEADING_DATE.find(&text) {
        Some(m) if m.end() < text.len() => text[m.end()..].to_owned(),
        _ => text,
    };
    // "Bruno (Henrique Zecchin) Rodrigues", "Paramita (Guha) Ghosh": a bracketed middle name,
    // kept without its brackets (a bracket at the end is a note and is cut below).
    static MIDDLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\p{Lu}[\p{L}.'’-]*) \((\p{Lu}[\p{L}.'’ -]{0,40})\) (\p{Lu})")
            .expect("static regex")
    });
    let text = match MIDDLE.captures(&text) {
        Some(c) => format!(
            "{} {} {}",
            &c[1],
            &c[2],
            &text[c.get(3).map_or(0, |m| m.start())..]
        ),
        None => text,
    };
    // "Rob Ewaschuk Edited by Betsy Beyer": another's credit ends the byline.
    let text = match other_credit_at(&text) {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    // Everything after a date, a separator or a line break is not the byline any more.
    let cut = text
        .find(|c: char| {
            c.is_ascii_digit() || matches!(c, '|' | '•' | '·' | '(' | '[' | '@' | '–' | '—' | '\n')
        })
        .unwrap_or(text.len());
    let cut_at_date = text[cut..].starts_with(|c: char| c.is_ascii_digit());
    let mut text = text[..cut].to_owned();
    if let Some(p) = text.find(" - ") {
        text.truncate(p);
    }
    let mut text = strip_prefixes(&text);
    // "By Jane Doe May 18, 2021": the cut at the first digit leaves the month behind. Without
    // a date after it, a month-like last word is a surname (Maio, Mai, Julio).
    while let Some((head, last)) = text.trim_end().rsplit_once(' ')
        && cut_at_date
    {
        if !MONTHS.contains_key(&last.trim_end_matches(['.', ',']).to_lowercase()) {
            break;
        }
        text = head.to_owned();
    }
    if trust == Trust::Structured
        && let Some(name) = inverted(&text)
    {
        return person_name(&name, trust).into_iter().collect();
    }
    let parts: Vec<String> = SPLIT
        .split(&text)
        .map(|p| strip_prefixes(p.trim()))
        .collect();
    // "Zone Justice et faits divers": a part of several words all in lower case is a phrase,
    // so the conjunction joined a desk's name, not people.
    let phrase = |p: &String| {
        let words: Vec<&str> = p.split_whitespace().collect();
        words.len() > 1
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_lowercase))
    };
    if parts.len() > 1 && parts.iter().any(phrase) {
        return Vec::new();
    }
    parts
        .into_iter()
        .map(|p| {
            if trust == Trust::Text {
                cut_at_lowercase(&p)
            } else {
                p
            }
        })
        .filter_map(|p| person_name(&p, trust))
        .collect()
}

/// "Gillman, Steve": catalogue order, as some CMSs fill their author meta tags. Only two
/// single capitalised words qualify; co-author lists ("Jane Doe, John Roe") have full names.
fn inverted(text: &str) -> Option<String> {
    let (surname, given) = text.split_once(',')?;
    let (surname, given) = (surname.trim(), given.trim());
    let one_word = |w: &str| {
        !w.is_empty()
            && !w.contains(char::is_whitespace)
            && w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    };
    (one_word(surname) && one_word(given)).then(|| format!("{given} {surname}"))
}

fn strip_prefixes(s: &str) -> String {
    let mut s = s
        .trim()
        .trim_start_matches([':', '-', '|'])
        .trim()
        .to_owned();
    // "ByTravis Haney": the prefix glued to the name by markup without a space.
    if let Some(rest) = s.strip_prefix("By")
        && rest.starts_with(|c: char| c.is_uppercase())
        && rest.chars().nth(1).is_some_and(char::is_lowercase)
    {
        s = rest.to_owned();
    }
    loop {
        let lower = s.to_lowercase();
        let Some(p) = AUTHOR_WORDS.prefixes.iter().find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
        }) else {
            return s;
        };
        s = s[p.len()..]
            .trim_start_matches([':', ' '])
            .trim()
            .to_owned();
    }
}

/// "Michael Larabel in Valve", "Jane Doe for The Guardian": the name ends at the first
/// lower-case word that is not a name particle.
fn cut_at_lowercase(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let end = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| {
            w.starts_with(|c: char| c.is_lowercase())
                && !PARTICLES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
        .map_or(words.len(), |(i, _)| i);
    words[..end].join(" ")
}

/// Particles that may stay lower-case inside a name.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "dos", "del", "bin", "al",
    "el", "ter", "ten", "y",
];

fn person_name(s: &str, trust: Trust) -> Option<String> {
    let trusted = trust == Trust::Structured;
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
    let s = s.trim_end_matches('.');
    if s.is_empty() || s.chars().count() > 60 || s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !trusted && let Some(name) = han_name(s) {
        return Some(name);
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let bare = |w: &str| {
        w.to_lowercase()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_owned()
    };
    // "The Investopedia Team", "The Author": people are not named with an article.
    if words.first().is_some_and(|w| bare(w) == "the")
        || words
            .iter()
            .any(|w| AUTHOR_WORDS.orgs.contains(bare(w).as_str()))
    {
        return None;
    }
    let is_role = |w: &str| AUTHOR_WORDS.roles.contains(bare(w).as_str());
    if let Some(i) = words.iter().position(|w| is_role(w)) {
        if i < 2 {
            return None;
        }
        words.truncate(i);
    }
    // "Yucy Yucy": a CMS that fills both name fields with the one name the author gave.
    let half = words.len() / 2;
    if half > 0 && words.len().is_multiple_of(2) && words[..half] == words[half..] {
        words.truncate(half);
    }
    let s = words.join(" ");
    let s = s.as_str();
    let min_words = if trusted { 1 } else { 2 };
    if words.len() < min_words || words.len() > 5 {
        return None;
    }
    for w in &words {
        let lw = w.to_lowercase();
        let bare = lw.trim_matches(|c: char| !c.is_alphanumeric());
        if AUTHOR_WORDS.roles.contains(bare) {
            return None;
        }
        let first = w.chars().next()?;
        // Scripts without letter case (Chinese, Japanese) are trusted only where declared.
        let caseless = !first.is_uppercase() && !first.is_lowercase();
        if !(first.is_uppercase()
            || PARTICLES.contains(&bare)
            || (trusted && (first.is_lowercase() || caseless)))
        {
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return None;
        }
        // "page.head.extra.author": a template's unfilled field, not a name. Initials ("J.R.")
        // have one letter between dots.
        if w.split('.').filter(|part| part.chars().count() > 1).count() > 1 {
            return None;
        }
    }
    // A byline label with no name after it ("Written By").
    if AUTHOR_WORDS.prefixes.contains(&s.to_lowercase().as_str()) {
        return None;
    }
    let all_caps = s
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    Some(
        if all_caps && s.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            title_case(s)
        } else {
            s.to_owned()
        },
    )
}

/// A Chinese or Japanese personal name in Han characters ("松村太郎", "谢若含", "松村 太郎"), as
/// byline markup holds it. Names written without letter case cannot be told from other words
/// by their shape, so only their length is checked: a family name and a given name of one to
/// three characters each, two to five in all. Desks and publishers end in a character naming an
/// institution (`HAN_INSTITUTION_ENDINGS`) and are refused.
fn han_name(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let han = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}');
    let lens: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
    let shaped = match lens.as_slice() {
        [n] => (2..=5).contains(n),
        [a, b] => (1..=3).contains(a) && (1..=3).contains(b),
        _ => false,
    };
    if !shaped || !words.iter().all(|w| w.chars().all(han)) {
        return None;
    }
    let last = s.chars().last()?;
    if HAN_INSTITUTION_ENDINGS.contains(&last) {
        return None;
    }
    Some(words.join(" "))
}

/// Last characters of Chinese and Japanese names of institutions, desks and products, which
/// byline markup also holds: 部 department (編集部, editorial desk), 社 company, 局 bureau, 会
/// association, 省 ministry, 庁 agency, 所 office, 館 hall, 室 room, 課 section, 班 team, 組
/// group, 団 body, 店 shop, 網/网 network, 報/报 paper, 聞/闻 news, 誌/志 magazine, 籍 books,
/// 台 station, 院 institute, 校 school, 版 edition, 刊 publication; and labels beside bylines:
/// 日 day (最終更新日, last updated), 者 person (作者 author, 記者 reporter), 員/员 member.
const HAN_INSTITUTION_ENDINGS: &[char] = &[
    '部', '社', '局', '会', '會', '省', '庁', '厅', '所', '館', '馆', '室', '課', '课', '班', '組',
    '组', '団', '团', '店', '網', '网', '報', '报', '聞', '闻', '誌', '志', '籍', '台', '院', '校',
    '版', '刊', '日', '者', '員', '员',
];

pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = matches!(c, ' ' | '-' | '.' | '\'' | '’' | '/');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_people() {
        assert_eq!(names_in("By Jane Doe", Trust::Text), vec!["Jane Doe"]);
        assert_eq!(
            names_in(
                "By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL",
                Trust::Text
            ),
            vec!["Josh Haskell", "David Caplan", "Patrick Reevell"]
        );
        assert_eq!(
            names_in("Piše: Marko Marković | 18.05.2021.", Trust::Text),
            vec!["Marko Marković"]
        );
        assert_eq!(
            names_in("Jane Doe, Staff Writer", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("Ana Anić i Ivo Ivić", Trust::Text),
            vec!["Ana Anić", "Ivo Ivić"]
        );
        assert_eq!(names_in("Reuters Staff", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("By Jane Doe May 18, 2021", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("By Jane Doe 18 May 2021", Trust::Text),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names_in("Ludwig van Beethoven", Trust::Text),
            vec!["Ludwig van Beethoven"]
        );
        assert_eq!(names_in("admin", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("Written by Michael Larabel in Valve", Trust::Text),
            vec!["Michael Larabel"]
        );
        assert_eq!(
            names_in("ByTravis Haney", Trust::Text),
            vec!["Travis Haney"]
        );
        assert_eq!(
            names_in("Keith Barry Senior Autos Reporter", Trust::Text),
            vec!["Keith Barry"]
        );
        assert_eq!(
            names_in("Trial Attorney", Trust::Text),
            Vec::<String>::new()
        );
        assert_eq!(names_in("Mostafa", Trust::Structured), vec!["Mostafa"]);
        assert_eq!(
            names_in("Alyssa Maio", Trust::Structured),
            vec!["Alyssa Maio"]
        );
        assert_eq!(
            names_in("Gillman, Steve", Trust::Structured),
            vec!["Steve Gillman"]
        );
        assert_eq!(
            names_in("Jane Doe, John Roe", Trust::Structured),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            names_in("page.head.extra.author", Trust::Structured),
            Vec::<String>::new()
        );
        assert_eq!(names_in("Written By", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("Zone Justice et faits divers", Trust::Structured),
            Vec::<String>::new()
        );
        assert_eq!(
            names_in("J.R.R. Tolkien", Trust::Text),
            vec!["J.R.R. Tolkien"]
        );
    }

    fn page_authors(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(html);
        authors(&Page::new(&doc, Some("https://example.com/a/b")), None)
    }

    #[test]
    fn a_teaser_card_byline_is_not_the_page_s() {
        let teaser = r#"<ul><li><h2><a href="/other-story">Other story</a></h2>
            <span class="byline">By <a class="byline" href="/author/cc">Caitlin Clark</a></span></li></ul>"#;
        let own = r#"<h1>Story</h1><div class="story__info">By <a href="/author/kathy-wise">Kathy Wise</a></div>"#;
        assert_eq!(page_authors(&format!("{own}{teaser}")), vec!["Kathy Wise"]);
        // A byline list holds no headline; a heading that holds the byline is the page's own.
        let list = r#"<ul class="byline"><li class="byline__author">Mike Roe</li></ul>"#;
        assert_eq!(page_authors(list), vec!["Mike Roe"]);
        let gist = r#"<h1><span class="author"><a href="/mroe">Mike Roe</a></span> /
            <strong><a href="/mroe/123">notes.md</a></strong></h1>"#;
        assert_eq!(page_authors(gist), vec!["Mike Roe"]);
    }

    fn page_organisation(html: &str) -> Option<String> {
        let doc = scraper::Html::parse_document(html);
        let page = Page::new(&doc, None);
        assert!(authors(&page, Some("Example Site")).is_empty());
        organisation(&page, Some("Example Site"))
    }

    #[test]
    fn a_team_or_desk_is_the_group_author_when_no_person_is_named() {
        assert_eq!(
            page_organisation(r#"<meta name="author" content="Help Net Security"><p>x</p>"#)
                .as_deref(),
            Some("Help Net Security")
        );
        assert_eq!(
            page_organisation(r#"<div class="author-name">By The Currency editors</div>"#)
                .as_deref(),
            Some("The Currency editors")
        );
        // Byline markup that names no team is not a credit: the publisher is.
        assert_eq!(
            page_organisation(r#"<div class="author-name">Share this</div>"#).as_deref(),
            Some("Example Site")
        );
    }

    #[test]
    fn the_copyright_holder_in_the_author_tag_is_no_person() {
        let html = r#"<meta name="author" content="Condé Nast">
            <meta name="copyright" content="Copyright (c) Condé Nast 2022"><p>x</p>"#;
        assert!(page_authors(html).is_empty());
        assert_eq!(page_organisation(html).as_deref(), Some("Condé Nast"));
    }

    #[test]
    fn the_site_name_in_the_author_tag_is_not_cut_into_a_person() {
        let html = r#"<meta name="author" content="Luxury Travel Expert">
            <meta property="og:site_name" content="Luxury Travel Expert"><p>x</p>"#;
        let doc = scraper::Html::parse_document(html);
        let page = Page::new(&doc, None);
        assert!(authors(&page, Some("Luxury Travel Expert")).is_empty());
        assert_eq!(
            organisation(&page, Some("Luxury Travel Expert")).as_deref(),
            Some("Luxury Travel Expert")
        );
    }

    #[test]
    fn reviewers_and_initials_are_read_right() {
        assert!(names_in("Reviewed by Robert Tschudi", Trust::Text).is_empty());
        assert_eq!(
            names_in("By Laura E. Adkins", Trust::Text),
            vec!["Laura E. Adkins"]
        );
        assert_eq!(
            names_in("Written by Rob Ewaschuk Edited by Betsy Beyer", Trust::Text),
            vec!["Rob Ewaschuk"]
        );
        assert_eq!(
            names_in("Bruno (Henrique Zecchin) Rodrigues", Trust::Text),
            vec!["Bruno Henrique Zecchin Rodrigues"]
        );
        assert_eq!(
            names_in("Jean-Luc Aufranc (CNXSoft)", Trust::Text),
            vec!["Jean-Luc Aufranc"]
        );
        // A lower-case one-letter conjunction still splits co-authors.
        assert_eq!(
            names_in("Marko Marković i Ana Petrović", Trust::Text),
            vec!["Marko Marković", "Ana Petrović"]
        );
        assert_eq!(names_in("Yucy Yucy", Trust::Structured), vec!["Yucy"]);
    }

    #[test]
    fn an_author_page_slug_vouches_for_a_one_word_name() {
        assert_eq!(
            page_authors(r#"<p><a href="/author/doumae/">doumae</a></p>"#),
            vec!["doumae"]
        );
        assert!(page_authors(r#"<p><a href="/author/jane-doe/">doumae</a></p>"#).is_empty());
        assert_eq!(
            page_authors(r#"<div class="author"><a href="/u/doumae">doumae</a></div>"#),
            vec!["doumae"]
        );
        // The slug vouches for the whole text only: a cut reading is not trusted.
        assert!(
            page_authors(
                r#"<span class="byline"><a href="/u/doumae-admin/">doumae (admin)</a></span>"#
            )
            .is_empty()
        );
    }

    #[test]
    fn a_link_into_author_pages_names_the_author() {
        let html = r#"<html><body><h1>Headline</h1>
            <div class="meta"><a href="https://example.com/category/news/">News</a>
            <a href="https://example.com/author/jane-doe/">Jane Doe</a></div>
            <p>Story text.</p></body></html>"#;
        assert_eq!(page_authors(html), vec!["Jane Doe"]);
    }

    #[test]
    fn a_member_link_counts_only_when_its_text_is_the_account_name() {
        let paste = r#"<html><body><a href="/user/login">Log In</a>
            <a href="/user/password">Forgot Password</a><h1>untitled</h1>
            <div class="info"><a href="/u/EvilSpark">EvilSpark</a></div></body></html>"#;
        assert_eq!(page_authors(paste), ["EvilSpark"]);
        let post = r#"<html><body><h1>A question</h1>
            <div>Posted by <a href="/user/benyacobi/">u/benyacobi</a></div></body></html>"#;
        assert_eq!(page_authors(post), ["u/benyacobi"]);
        let account_pages = r#"<html><body><h1>Headline</h1><p>Story text.</p>
            <a href="/user/register">Create Account</a>
            <a href="/users/jane-doe/settings">Jane Doe</a></body></html>"#;
        assert!(page_authors(account_pages).is_empty());
    }

    #[test]
    fn author_page_links_in_comments_or_to_the_index_do_not_count() {
        let html = r#"<html><body><h1>Headline</h1><p>Story text.</p>
            <a href="/authors/">Our Authors</a>
            <div id="comments"><a href="/author/joe-bloggs/">Joe Bloggs</a></div>
            </body></html>"#;
        assert!(page_authors(html).is_empty());
    }

    #[test]
    fn organisations_and_desks_are_not_cut_into_names() {
        assert_eq!(
            names_in("The Investopedia Team", Trust::Structured),
            Vec::<String>::new()
        );
        assert_eq!(
            names_in("British Heart Foundation", Trust::Text),
            Vec::<String>::new()
        );
        assert_eq!(names_in("The Author", Trust::Text), Vec::<String>::new());
        assert_eq!(
            names_in("Matt Check Head Winemaker", Trust::Text),
            vec!["Matt Check"]
        );
    }

    #[test]
    fn a_date_before_the_name_or_a_separator_does_not_hide_it() {
        assert_eq!(
            names_in("Dec 17, 2025 Julian K. Arni", Trust::Text),
            vec!["Julian K. Arni"]
        );
        assert_eq!(
            names_in(
                "Dec. 19, 2025 · Niko Matsakis on behalf of the team",
                Trust::Text
            ),
            vec!["Niko Matsakis"]
        );
    }

    #[test]
    fn a_label_line_names_the_author_on_the_next_line() {
        let html = r#"<html><body><h1>Headline</h1>
            <div><div>Written by</div><div>Jack Shepherd</div></div><p>Story text.</p>
            </body></html>"#;
        assert_eq!(page_authors(html), vec!["Jack Shepherd"]);
        let glued = r#"<html><body><h1>Headline</h1>
            <div><span>By</span><span>Daryl Austin</span></div><p>Story text.</p></body></html>"#;
        assert_eq!(page_authors(glued), vec!["Daryl Austin"]);
    }

    #[test]
    fn a_dated_line_under_the_headline_is_the_byline() {
        let html = r#"<html><body><header><h1>How AI Is Transforming Healthcare</h1>
            <p>Aaron Ricadela | Senior Writer | July 2, 2025</p></header>
            <p>Story text that goes on for a while.</p></body></html>"#;
        assert_eq!(page_authors(html), vec!["Aaron Ricadela"]);
    }

    #[test]
    fn the_site_name_is_an_author_only_when_nobody_else_is_named() {
        let doc = scraper::Html::parse_document(
            r#"<html><head><meta name="author" content="Rick Steves"></head>
            <body><h1>Travel insurance</h1><p>Text.</p></body></html>"#,
        );
        let page = Page::new(&doc, None);
        assert_eq!(authors(&page, Some("Rick Steves")), vec!["Rick Steves"]);
        let doc = scraper::Html::parse_document(
            r#"<html><head><meta name="author" content="Usa Today"></head>
            <body><h1>Review</h1><p class="byline">By Brian Truitt</p></body></html>"#,
        );
        let page = Page::new(&doc, None);
        assert_eq!(authors(&page, Some("USA Today")), vec!["Brian Truitt"]);
        let doc = scraper::Html::parse_document(
            r#"<html><head><meta name="author" content="Swoogo"></head><body></body></html>"#,
        );
        assert!(authors(&Page::new(&doc, None), Some("Swoogo")).is_empty());
    }

    #[test]
    fn a_name_element_inside_an_author_box_is_read() {
        let html = r#"<html><body><h1>Headline</h1><p>Story text.</p>
            <div class="elementor-author-box"><img class="elementor-author-box__avatar" alt="">
            <h4 class="elementor-author-box__name">Liz Kenny</h4>
            <div class="elementor-author-box__bio">Liz Kenny writes about consulting careers and
            has done so for many years at several firms across the country.</div></div>
            </body></html>"#;
        assert_eq!(page_authors(html), vec!["Liz Kenny"]);
        assert!(names_in("Sign In", Trust::Text).is_empty());
    }

    #[test]
    fn byline_marks_are_tried_in_table_order() {
        let html = r#"<html><body><span class="author">Site Staff Bio Box</span>
            <span class="author-name">Jane Doe</span>
            <a rel="author" href="/u/1">John Roe</a></body></html>"#;
        assert_eq!(page_authors(html), vec!["John Roe"]);
    }

    #[test]
    fn a_microdata_person_names_the_author_in_a_link_element() {
        let html = r#"<html><body><h1>Talk</h1>
            <span itemprop="author" itemscope itemtype="http://schema.org/Person">
            <link itemprop="url" href="http://video.example/user/Confreaks">
            <link itemprop="name" content="Confreaks"></span><p>Text.</p></body></html>"#;
        assert_eq!(page_authors(html), vec!["Confreaks"]);
        // The site's own account name is the publisher, not a person.
        let html = r#"<html><body><h1>Flu season</h1><span>By <span itemprop="author" itemscope
            itemtype="http://schema.org/Person"><span itemprop="name">uclahealth</span></span>
            </span><p>Text.</p></body></html>"#;
        let doc = scraper::Html::parse_document(html);
        assert!(authors(&Page::new(&doc, None), Some("UCLA Health")).is_empty());
    }

    #[test]
    fn han_names_in_byline_markup_are_people_and_desks_are_not() {
        let html = r#"<html><body><h1>見出し</h1><span class="writer">松村太郎</span>
            <p>本文。</p></body></html>"#;
        assert_eq!(page_authors(html), vec!["松村太郎"]);
        assert_eq!(names_in("谢若含", Trust::Text), vec!["谢若含"]);
        assert_eq!(names_in("松村 太郎", Trust::Text), vec!["松村 太郎"]);
        for desk in [
            "編集部",
            "朝日新聞社",
            "電子書籍",
            "中国人民广播电台",
            "最終更新日",
            "記者",
        ] {
            assert!(names_in(desk, Trust::Text).is_empty(), "{desk}");
        }
    }
}
