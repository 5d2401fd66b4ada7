//! Server-rendered pages (maud escapes every interpolation, so article content — untrusted HTML from the web —
//! renders as text). No inline scripts or styles: the CSP forbids them; the stylesheet is `/static/style.css`.

use maud::{DOCTYPE, Markup, html};
use model::{AnalysedArticle, BlockKind, EventKind, QuoteKind};

/// One line of an article list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// (global person id, name)
    pub people: Vec<(i64, String)>,
    pub copy_of: Option<i64>,
}

/// Articles on the same event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryGroup {
    pub id: i64,
    pub title: String,
    pub articles: Vec<ArticleSummary>,
}

pub struct StoryView {
    pub id: i64,
    pub doc: AnalysedArticle,
    /// Global person id for each entry of `doc.analysis.people`.
    pub person_ids: Vec<Option<i64>>,
    /// Global place id for each entry of `doc.analysis.places`.
    pub place_ids: Vec<Option<i64>>,
    /// Other members of this article's story.
    pub same_story: Vec<ArticleSummary>,
    /// Articles sharing its main people or places.
    pub related: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RoleRow {
    pub title: String,
    pub of: Option<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteRow {
    pub article_id: i64,
    pub article_title: String,
    pub published: Option<String>,
    pub kind: QuoteKind,
    pub text: String,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MeetingRow {
    pub kind: EventKind,
    pub date: Option<String>,
    pub place: Option<String>,
    pub article_id: i64,
    /// (global person id, name) of the other participants.
    pub with: Vec<(i64, String)>,
}

pub struct PersonView {
    pub id: i64,
    pub name: String,
    pub variants: Vec<String>,
    pub roles: Vec<RoleRow>,
    pub quotes: Vec<QuoteRow>,
    pub quote_filter: Option<String>,
    pub meetings: Vec<MeetingRow>,
    /// (ISO week start "2021-05-17", mentions)
    pub weekly: Vec<(String, u32)>,
    pub co_mentioned: Vec<(i64, String, u32)>,
    pub articles: Vec<ArticleSummary>,
}

pub struct PlaceView {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub variants: Vec<String>,
    pub weekly: Vec<(String, u32)>,
    pub people: Vec<(i64, String, u32)>,
    pub articles: Vec<ArticleSummary>,
}

pub struct SearchHit {
    pub article_id: i64,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<String>,
    /// Snippet text and the byte ranges to highlight in it.
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
    /// For `said:` hits: the speaker.
    pub speaker: Option<(i64, String)>,
}

#[derive(Clone)]
pub struct Facet {
    pub field: &'static str,
    pub values: Vec<(String, u64)>,
}

pub struct SearchView {
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub total: usize,
    pub facets: Vec<Facet>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceRow {
    pub name: String,
    pub kind: String,
    pub last_success: Option<String>,
    pub articles: u64,
    pub articles_per_day: f64,
    pub empty_fetches_in_a_row: u64,
    pub duplicate_rate: f64,
    pub without_date: f64,
    pub without_body: f64,
}

pub struct HomeView {
    pub stories: Vec<StoryGroup>,
    pub filters: Vec<Facet>,
    pub active: Vec<(String, String)>,
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Kronika" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" { "Kronika" }
                    nav aria-label="Main" {
                        a href="/" { "Stories" }
                        a href="/sources" { "Sources" }
                    }
                    form.search action="/search" method="get" role="search" {
                        label.visually-hidden for="q" { "Search" }
                        input #q type="search" name="q" placeholder="person:Djukanovic said:NATO";
                        button type="submit" { "Search" }
                    }
                }
                main #main { (body) }
                footer.bottom { p { "Kronika — self-hosted news intelligence." } }
            }
        }
    }
}

fn meta_line(a: &ArticleSummary) -> Markup {
    html! {
        span.meta {
            @if let Some(site) = &a.site { span.site { (site) } }
            @if let Some(date) = &a.published { " · " time datetime=(date) { (date_part(date)) } }
            @if let Some(lang) = &a.language { " · " span.lang { (lang) } }
            @if a.copy_of.is_some() { " · " span.copy { "copy" } }
        }
    }
}

fn article_list(items: &[ArticleSummary]) -> Markup {
    html! {
        ul.articles {
            @for a in items {
                li {
                    a href={ "/article/" (a.id) } { (a.title) }
                    " " (meta_line(a))
                    (people_line(a))
                }
            }
        }
    }
}

fn people_line(a: &ArticleSummary) -> Markup {
    html! {
        @if !a.people.is_empty() {
            span.people {
                @for (i, (pid, name)) in a.people.iter().take(5).enumerate() {
                    @if i > 0 { ", " }
                    a href={ "/person/" (pid) } { (name) }
                }
            }
        }
    }
}

fn date_part(d: &str) -> &str {
    d.get(..10).unwrap_or(d)
}

pub fn home(view: &HomeView) -> Markup {
    layout(
        "Latest stories",
        html! {
            h1 { "Latest stories" }
            @if !view.filters.is_empty() {
                nav.filters aria-label="Filters" {
                    @for facet in &view.filters {
                        div.facet {
                            span.facet-name { (facet.field) }
                            @for (value, n) in &facet.values {
                                @let active = view.active.iter().any(|(f, v)| f == facet.field && v == value);
                                a.active[active] href={ "/?" (facet.field) "=" (urlencode(value)) } { (value) " (" (n) ")" }
                            }
                        }
                    }
                    @if !view.active.is_empty() { a href="/" { "Clear filters" } }
                }
            }
            @if view.stories.is_empty() {
                p { "No articles yet. Run " code { "kronika ingest" } " or " code { "kronika demo" } "." }
            }
            @for story in &view.stories {
                section.story {
                    h2 { a href={ "/article/" (story.articles[0].id) } { (story.title) } }
                    @if story.articles.len() > 1 {
                        p.count { (story.articles.len()) " articles from " (distinct_sites(&story.articles)) " outlets" }
                        (article_list(&story.articles))
                    } @else {
                        @let a = &story.articles[0];
                        p { (meta_line(a)) (people_line(a)) }
                    }
                }
            }
        },
    )
}

fn distinct_sites(items: &[ArticleSummary]) -> usize {
    let mut sites: Vec<&str> = items.iter().filter_map(|a| a.site.as_deref()).collect();
    sites.sort_unstable();
    sites.dedup();
    sites.len().max(1)
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A body block's text with the quotes that fall in it marked and linked to their speakers.
fn highlighted_block(view: &StoryView, block_start: usize, text: &str) -> Markup {
    let analysis = &view.doc.analysis;
    let chars: Vec<char> = text.chars().collect();
    let block_end = block_start + chars.len();
    // (start, end, quote index), clipped to the block, in order, non-overlapping.
    let mut marks: Vec<(usize, usize, usize)> = analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.content.start < block_end && q.content.end > block_start)
        .map(|(i, q)| {
            (
                q.content.start.max(block_start) - block_start,
                q.content.end.min(block_end) - block_start,
                i,
            )
        })
        .collect();
    marks.sort_unstable();
    // Plain runs and marked quotes, in order; a quote overlapping the previous one is skipped.
    let text_of = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let mut pieces: Vec<(String, Option<(usize, String)>)> = Vec::new();
    let mut pos = 0;
    for (start, end, qi) in marks {
        if start < pos {
            continue;
        }
        pieces.push((text_of(pos, start), None));
        // The speaker's name goes after the closing quotation mark, not inside it.
        let after = closing_marks(&chars, end);
        pieces.push((text_of(start, end), Some((qi, text_of(end, after)))));
        pos = after;
    }
    pieces.push((text_of(pos.min(chars.len()), chars.len()), None));
    html! {
        @for (text, quote) in &pieces {
            @match quote {
                None => (text),
                Some((qi, closing)) => {
                    @let q = &analysis.quotes[*qi];
                    @let speaker = q.speaker.and_then(|s| analysis.people.get(s).map(|p| (s, p)));
                    mark.quote.(kind_class(q.kind)) data-speaker=[speaker.map(|(_, p)| p.name.as_str())] { (text) }
                    (closing)
                    @if let Some((s, p)) = speaker {
                        " " a.speaker href=[view.person_ids.get(s).copied().flatten().map(|id| format!("/person/{id}"))]
                            title={ (kind_label(q.kind)) " quote by " (p.name) } { "— " (p.name) }
                    }
                }
            }
        }
    }
}

/// The index just past the closing quotation marks and punctuation that follow `from`.
fn closing_marks(chars: &[char], from: usize) -> usize {
    let mut i = from;
    while i < chars.len()
        && matches!(
            chars[i],
            '”' | '"' | '’' | '»' | '«' | '“' | '.' | ',' | '!' | '?'
        )
        && i - from < 3
    {
        i += 1;
    }
    i
}

fn kind_class(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "partial",
        QuoteKind::Indirect => "reported",
    }
}

fn event_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting => "Meeting",
        EventKind::Visit => "Visit",
        EventKind::Talks => "Talks",
        EventKind::PhoneCall => "Phone call",
        EventKind::PressConference => "Press conference",
        EventKind::Summit => "Summit",
    }
}

pub fn story(view: &StoryView) -> Markup {
    let a = &view.doc.article;
    let an = &view.doc.analysis;
    let title = a.title.clone().unwrap_or_else(|| "Untitled".into());
    // Block i starts at the sum of the previous blocks' lengths plus the "\n\n" joins.
    let mut starts = Vec::with_capacity(a.body.len());
    let mut offset = 0;
    for b in &a.body {
        starts.push(offset);
        offset += b.text.chars().count() + 2;
    }
    let person_link = |i: usize| {
        view.person_ids
            .get(i)
            .copied()
            .flatten()
            .map(|id| format!("/person/{id}"))
    };
    html! {
        (layout(&title, html! {
            div.story-layout {
                article.story-main {
                    header {
                        @if let Some(site) = &a.site_name { p.site { (site) } }
                        h1 { (title) }
                        p.byline {
                            @if !a.authors.is_empty() {
                                "By " (a.authors.join(", ")) " · "
                            } @else if let Some(o) = a.author_organisation.as_ref().filter(|o| Some(*o) != a.site_name.as_ref()) {
                                // A desk or team; the publisher crediting itself is already shown above.
                                "By " (o) " · "
                            }
                            @if let Some(d) = &a.published { time datetime=(d) { (date_part(d)) } }
                            @if let Some(s) = &a.section { " · " (s) }
                            @if let Some(url) = &a.url { " · " a href=(url) rel="nofollow noopener" { "original" } }
                        }
                    }
                    @if let Some(img) = &a.lead_image {
                        @if img.caption.is_some() || img.credit.is_some() {
                            figure.lead {
                                figcaption {
                                    @if let Some(c) = &img.caption { span.caption { (c) } }
                                    @if let Some(c) = &img.credit { " " span.credit { "Photo: " (c) } }
                                }
                            }
                        }
                    }
                    div.body {
                        @for (i, block) in a.body.iter().enumerate() {
                            @let inner = highlighted_block(view, starts[i], &block.text);
                            @match block.kind {
                                BlockKind::Heading => h2 { (inner) },
                                BlockKind::ListItem => ul { li { (inner) } },
                                BlockKind::Blockquote => blockquote { (inner) },
                                BlockKind::Preformatted => pre { (inner) },
                                BlockKind::Paragraph => p {
                                    @if i == 0 { @if let Some(d) = &a.dateline { strong.dateline { (d.raw) } " " } }
                                    (inner)
                                },
                            }
                        }
                    }
                    @if !a.tags.is_empty() {
                        p.tags { "Tags: " @for (i, t) in a.tags.iter().enumerate() { @if i > 0 { ", " } (t) } }
                    }
                }
                aside.panel aria-label="People, places and coverage" {
                    @if !an.people.is_empty() {
                        section { h2 { "People" }
                            ul { @for (i, p) in an.people.iter().enumerate() {
                                li {
                                    a href=[person_link(i)] { (p.name) }
                                    @for r in &p.roles { br; span.role { (r.title) @if let Some(of) = &r.of { ", " (of) } } }
                                    @let n = an.quotes.iter().filter(|q| q.speaker == Some(i)).count();
                                    @if n > 0 { br; span.muted { (n) " statement" @if n != 1 { "s" } } }
                                }
                            } }
                        }
                    }
                    @if !an.events.is_empty() {
                        section { h2 { "Meetings and events" }
                            ul { @for e in &an.events {
                                li {
                                    strong { (event_label(e.kind)) }
                                    @if let Some(n) = &e.name { " · " (n) }
                                    @if !e.participants.is_empty() {
                                        br;
                                        @for (j, &p) in e.participants.iter().enumerate() {
                                            @if j > 0 { " and " }
                                            @if let Some(person) = an.people.get(p) { a href=[person_link(p)] { (person.name) } }
                                        }
                                    }
                                    @if let Some(pl) = &e.place { br; span.place { (pl) } }
                                    @if let Some(d) = &e.date { br; time datetime=(d) { (d) } }
                                }
                            } }
                        }
                    }
                    @if !an.places.is_empty() {
                        section { h2 { "Places" }
                            ul { @for (i, p) in an.places.iter().enumerate() {
                                li {
                                    a href=[view.place_ids.get(i).copied().flatten().map(|id| format!("/place/{id}"))] { (p.name) }
                                    @if let Some(c) = &p.country { " " span.muted { (c) } }
                                }
                            } }
                        }
                    }
                    @if !an.organisations.is_empty() {
                        section { h2 { "Organisations" }
                            ul { @for o in &an.organisations { li { (o.name) } } }
                        }
                    }
                    @if !view.same_story.is_empty() {
                        section { h2 { "Same story" } (article_list(&view.same_story)) }
                    }
                    @if !view.related.is_empty() {
                        section { h2 { "Related coverage" } (article_list(&view.related)) }
                    }
                    @if !a.related.is_empty() {
                        section { h2 { "The publisher's related links" }
                            ul { @for l in &a.related { li { a href=[l.url.as_deref()] rel="nofollow noopener" { (l.title) } } } }
                        }
                    }
                }
            }
        }))
    }
}

/// Mentions per week as a server-rendered bar chart.
fn timeline(weekly: &[(String, u32)]) -> Markup {
    if weekly.is_empty() {
        return html! {};
    }
    let max = weekly.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let bar = 12;
    let height = 80;
    let width = weekly.len() * bar;
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" width=(width.max(120)) height=(height + 16)
                viewBox={ "0 0 " (width.max(120)) " " (height + 16) } role="img" aria-label="Mentions per week" {
                @for (i, (week, n)) in weekly.iter().enumerate() {
                    @let h = (*n as usize * height) / max as usize;
                    rect x=(i * bar + 1) y=(height - h) width=(bar - 2) height=(h) fill="#2b6cb0" {
                        title { "Week of " (week) ": " (n) }
                    }
                }
                text x="0" y=(height + 14) font-size="10" fill="#555" { (weekly[0].0) }
            }
            figcaption { "Mentions per week" }
        }
    }
}

pub fn person(view: &PersonView) -> Markup {
    layout(
        &view.name,
        html! {
            h1 { (view.name) }
            @if !view.variants.is_empty() {
                section { h2 { "Name variants seen" }
                    ul.variants { @for v in &view.variants { li lang="" { (v) } } }
                }
            }
            @if !view.roles.is_empty() {
                section { h2 { "Roles" }
                    table { thead { tr { th { "Role" } th { "First seen" } th { "Last seen" } } }
                        tbody { @for r in &view.roles {
                            tr { td { (r.title) @if let Some(of) = &r.of { ", " (of) } }
                                 td { (r.first_seen.as_deref().map(date_part).unwrap_or("–")) }
                                 td { (r.last_seen.as_deref().map(date_part).unwrap_or("–")) } }
                        } }
                    }
                }
            }
            (timeline(&view.weekly))
            @if !view.meetings.is_empty() {
                section { h2 { "Meetings and events" }
                    ul.meetings { @for m in &view.meetings {
                        li {
                            strong { (event_label(m.kind)) } " "
                            @for (j, (pid, name)) in m.with.iter().enumerate() {
                                @if j > 0 { ", " }
                                a href={ "/person/" (pid) } { (name) }
                            }
                            @if let Some(d) = &m.date { " · " time datetime=(d) { (d) } }
                            @if let Some(p) = &m.place { " · " span.place { (p) } }
                            " · " a href={ "/article/" (m.article_id) } { "source" }
                        }
                    } }
                }
            }
            section { h2 { "Statements" }
                form.inline action={ "/person/" (view.id) } method="get" {
                    label for="qf" { "Search statements" }
                    input #qf type="search" name="q" value=[view.quote_filter.as_deref()];
                    button type="submit" { "Filter" }
                }
                @if view.quotes.is_empty() { p.muted { "No statements recorded." } }
                ul.quotes { @for q in &view.quotes {
                    li.(kind_class(q.kind)) {
                        q { (q.text) }
                        br;
                        span.meta {
                            (kind_label(q.kind))
                            @if let Some(c) = &q.cue { " · " (c) }
                            @if let Some(d) = &q.published { " · " (date_part(d)) }
                            " · " a href={ "/article/" (q.article_id) } { (q.article_title) }
                        }
                    }
                } }
            }
            @if !view.co_mentioned.is_empty() {
                section { h2 { "Mentioned with" }
                    ul { @for (id, name, n) in &view.co_mentioned { li { a href={ "/person/" (id) } { (name) } " (" (n) ")" } } }
                }
            }
            section { h2 { "Articles" } (article_list(&view.articles)) }
        },
    )
}

pub fn place(view: &PlaceView) -> Markup {
    layout(
        &view.name,
        html! {
            h1 { (view.name) }
            p.meta {
                (view.kind)
                @if let Some(c) = &view.country { " · " (c) }
                @if let (Some(lat), Some(lon)) = (view.lat, view.lon) { " · " (format!("{lat:.3}, {lon:.3}")) }
            }
            @if !view.variants.is_empty() {
                section { h2 { "Names seen" } ul.variants { @for v in &view.variants { li { (v) } } } }
            }
            (timeline(&view.weekly))
            @if !view.people.is_empty() {
                section { h2 { "People mentioned with it" }
                    ul { @for (id, name, n) in &view.people { li { a href={ "/person/" (id) } { (name) } " (" (n) ")" } } }
                }
            }
            section { h2 { "Articles" } (article_list(&view.articles)) }
        },
    )
}

fn snippet(hit: &SearchHit) -> Markup {
    let s = &hit.snippet;
    // (plain run, highlighted run) pairs; ranges that overlap or cut a char are skipped.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut pos = 0;
    for &(a, b) in &hit.highlights {
        if a >= pos && a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b) {
            pieces.push((&s[pos..a], &s[a..b]));
            pos = b;
        }
    }
    html! {
        @for (plain, marked) in &pieces { (plain) b { (marked) } }
        (s.get(pos..).unwrap_or(""))
    }
}

pub fn search(view: &SearchView) -> Markup {
    layout(
        "Search",
        html! {
            h1 { "Search" }
            form.search-big action="/search" method="get" role="search" {
                label for="q2" { "Query" }
                input #q2 type="search" name="q" value=(view.query);
                button type="submit" { "Search" }
            }
            p.help { "Filters: " code { "person:" } " " code { "place:" } " " code { "org:" } " " code { "source:" } " "
                code { "lang:" } " " code { "from:2021-05-01" } " " code { "to:" } " " code { "said:" } " (statements only)" }
            @if let Some(e) = &view.error { p.error role="alert" { (e) } }
            div.search-layout {
                @if view.facets.iter().any(|f| !f.values.is_empty()) {
                    aside.facets aria-label="Refine" {
                        @for f in view.facets.iter().filter(|f| !f.values.is_empty()) {
                            section { h2 { (f.field) }
                                ul { @for (v, n) in &f.values {
                                    li { a href={ "/search?q=" (urlencode(&format!("{} {}:{}", view.query, f.field, quote_value(v)))) } { (v) " (" (n) ")" } }
                                } }
                            }
                        }
                    }
                }
                section.results {
                    p.count { (view.total) " result" @if view.total != 1 { "s" } }
                    ol.hits { @for h in &view.hits {
                        li {
                            a href={ "/article/" (h.article_id) } { (h.title) }
                            span.meta {
                                @if let Some(s) = &h.site { " · " (s) }
                                @if let Some(d) = &h.published { " · " (date_part(d)) }
                            }
                            @if let Some((pid, name)) = &h.speaker { br; "Statement by " a href={ "/person/" (pid) } { (name) } }
                            p.snippet { (snippet(h)) }
                        }
                    } }
                }
            }
        },
    )
}

fn quote_value(v: &str) -> String {
    if v.contains(' ') {
        format!("\"{v}\"")
    } else {
        v.to_owned()
    }
}

pub fn sources(rows: &[SourceRow]) -> Markup {
    layout(
        "Sources",
        html! {
            h1 { "Sources" }
            @if rows.is_empty() { p { "No sources yet." } }
            @else {
                div.table-wrap { table {
                    thead { tr {
                        th { "Source" } th { "Kind" } th { "Last success" } th { "Articles" } th { "Per day" }
                        th { "Empty fetches in a row" } th { "Duplicates" } th { "Without date" } th { "Without body" }
                    } }
                    tbody { @for r in rows {
                        tr.warn[r.empty_fetches_in_a_row >= 3] {
                            td { (r.name) } td { (r.kind) }
                            td { (r.last_success.as_deref().unwrap_or("never")) }
                            td.num { (r.articles) } td.num { (format!("{:.1}", r.articles_per_day)) }
                            td.num { (r.empty_fetches_in_a_row) }
                            td.num { (pct(r.duplicate_rate)) } td.num { (pct(r.without_date)) } td.num { (pct(r.without_body)) }
                        }
                    } }
                } }
            }
        },
    )
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn not_found(what: &str) -> Markup {
    layout(
        "Not found",
        html! { h1 { "Not found" } p { (what) } p { a href="/" { "Back to the stories" } } },
    )
}

pub fn error_page(message: &str) -> Markup {
    layout(
        "Error",
        html! { h1 { "Something went wrong" } p { (message) } },
    )
}

/// The stylesheet, served from `/static/style.css` (inline styles would break the CSP).
pub const STYLE: &str = include_str!("../static/style.css");
