//! Publication and modification dates as RFC 3339: a date-time with its offset when the page
//! gives a time and zone, else a full-date ("2021-05-18"). A time without a zone is reported as
//! its date alone rather than with an invented offset.
//!
//! Published, in order of trust: JSON-LD datePublished → meta tags (`tables/metadata_date_keys.txt`)
//! → microdata/`<time>` marked as publication → `<time datetime>` in the article → a date in the
//! URL → a date in the visible text after the headline.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use regex::Regex;
use scraper::ElementRef;

use super::tables::{DATE_KEYS, DATE_LABELS, MONTHS};
use super::{Page, element_text, jsonld};
use crate::attrs::AttrExt;

/// The page's elements in document order: one plain walk, cheaper than matching a CSS
/// selector against every element.
pub(crate) fn elements<'a>(page: &Page<'a>) -> impl Iterator<Item = ElementRef<'a>> + use<'a> {
    let doc: &'a scraper::Html = page.doc;
    doc.tree.root().descendants().filter_map(ElementRef::wrap)
}

/// The first `<h1>`'s text, if it has any.
pub(crate) fn first_h1(page: &Page) -> Option<String> {
    page.index
        .h1s
        .first()
        .map(|&h| element_text(h))
        .filter(|h| !h.is_empty())
}

/// How much visible text after the headline is searched for a written date.
const VISIBLE_WINDOW: usize = 1_500;

pub(crate) fn published(page: &Page, title: Option<&str>, authors: &[String]) -> Option<String> {
    let ld = ["datePublished", "dateCreated", "uploadDate"]
        .iter()
        .filter_map(|k| page.ld_article_field(k))
        .flat_map(jsonld::strings);
    let meta = DATE_KEYS
        .0
        .iter()
        .flat_map(|k| page.meta_all(k).iter().cloned());
    // JSON-LD dates written for people ("Jun 24, 2025" where schema.org asks for ISO 8601)
    // come from hand-filled templates that often hold the template's own date: the page's
    // visible date outranks them.
    let (ld_written, ld_iso): (Vec<String>, Vec<String>) =
        ld.partition(|s| parse_machine_date(s).is_none());
    ld_iso
        .into_iter()
        .chain(meta)
        .find_map(|s| parse_date(&s))
        .or_else(|| other_publish_meta(page))
        .or_else(|| {
            marked_time(
                page,
                &[
                    "datepublished",
                    "pubdate",
                    "published",
                    "publish",
                    "publication",
                    "posted",
                    "created",
                ],
            )
        })
        .or_else(|| any_time(page))
        .or_else(|| page.url.as_ref().and_then(|u| date_in_url(u.path())))
        .or_else(|| visible_date(page, title, authors))
        .or_else(|| ld_written.iter().find_map(|s| parse_date(s)))
        // A page that only declares when it was last changed: that is the best date it gives.
        .or_else(|| modified(page))
        .or_else(|| sole_classed_date(page))
        .map(|d| localise(page, d))
}

/// Meta tags outside the table whose name says publication ("w-published-date",
/// "article:publish_date"), in name order so the choice does not depend on hashing.
fn other_publish_meta(page: &Page) -> Option<String> {
    let mut keys: Vec<&String> = page
        .meta
        .keys()
        .filter(|k| {
            k.contains("publish")
                && !["modif", "updat", "expir", "publisher"]
                    .iter()
                    .any(|x| k.contains(x))
        })
        .collect();
    keys.sort();
    keys.into_iter()
        .flat_map(|k| page.meta_all(k))
        .find_map(|v| parse_date(v))
}

pub(crate) fn modified(page: &Page) -> Option<String> {
    let ld = page
        .ld_article_field("dateModified")
        .map(jsonld::strings)
        .unwrap_or_default();
    let meta = DATE_KEYS
        .1
        .iter()
        .flat_map(|k| page.meta_all(k).iter().cloned());
    ld.into_iter()
        .chain(meta)
        .find_map(|s| parse_date(&s))
        .or_else(|| marked_time(page, &["datemodified", "updated", "modified"]))
        .map(|d| localise(page, d))
}

/// Meta tags often carry the moment in UTC while the page shows it in the publisher's time
/// zone, and near midnight the two fall on different days; the reader's date is the local
/// one. When another date of the page (JSON-LD, meta, `<time datetime>`) names the same moment
/// with an offset, that form is kept.
fn localise(page: &Page, found: String) -> String {
    let Ok(moment) = DateTime::parse_from_rfc3339(&found) else {
        return found;
    };
    if moment.offset().local_minus_utc() != 0 {
        return found;
    }
    let ld = ["datePublished", "dateModified", "dateCreated"]
        .iter()
        .filter_map(|k| page.ld_article_field(k))
        .flat_map(jsonld::strings);
    let meta = DATE_KEYS
        .0
        .iter()
        .chain(&DATE_KEYS.1)
        .flat_map(|k| page.meta_all(k).iter().cloned());
    let times = page
        .index
        .times
        .iter()
        .filter(|el| el.value().name() == "time")
        .filter_map(|el| el.attribute("datetime").map(str::to_owned))
        .take(200);
    ld.chain(meta)
        .chain(times)
        .filter_map(|s| parse_date(&s))
        .find(|local| {
            DateTime::parse_from_rfc3339(local)
                .is_ok_and(|l| l == moment && l.offset().local_minus_utc() != 0)
        })
        .unwrap_or(found)
}

/// A `<time>` or microdata element whose itemprop, class or pubdate attribute marks it as the
/// date asked for.
fn marked_time(page: &Page, marks: &[&str]) -> Option<String> {
    marked_dates(page, marks).next()
}

/// Every date of the elements [`marked_time`] accepts, in document order.
fn marked_dates<'p>(page: &'p Page, marks: &'p [&str]) -> impl Iterator<Item = String> + 'p {
    page.index.date_marked.iter().filter_map(move |&el| {
        let v = el.value();
        if v.name() == "meta" {
            return None;
        }
        let itemprop = v.attribute("itemprop").unwrap_or("").to_lowercase();
        let class = v.attribute("class").unwrap_or("").to_lowercase();
        let is_time = v.name() == "time";
        let hit = marks.iter().any(|m| itemprop == *m)
            || (marks.contains(&"pubdate") && v.attribute("pubdate").is_some())
            || ((is_time || !itemprop.is_empty() || class.contains("date"))
                && class
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|tok| marks.contains(&tok)))
            // "Author_publicationTime__F2lab", "post-published-date": one token naming both.
            || class.split(|c: char| !c.is_alphanumeric()).any(|tok| {
                (tok.contains("date") || tok.contains("time"))
                    && marks.iter().any(|m| m.len() >= 5 && tok.contains(m))
            });
        if !hit {
            return None;
        }
        [
            "datetime",
            "content",
            "data-timestamp",
            "data-time",
            "title",
        ]
        .iter()
        .filter_map(|a| v.attribute(a))
        .find_map(parse_date)
        .or_else(|| {
            let text = element_text(el);
            (text.chars().count() <= 80).then(|| parse_date(&text).or_else(|| find_date(&text)))?
        })
    })
}

/// The one date that elements classed as a date (`class="date"`) give, when they agree: the
/// last resort of a page that declares no date and labels none ("2017-03-01 14:27:02" under a
/// byline). Two different dates are an update and a creation, or a list of posts: no answer.
fn sole_classed_date(page: &Page) -> Option<String> {
    let mut dates = marked_dates(page, &["date"]).take(20);
    let first = dates.next()?;
    let day = |d: &str| d.get(..10).map(str::to_owned);
    dates.all(|d| day(&d) == day(&first)).then_some(first)
}

/// The first `<time datetime>` inside the article element, else in the whole page; custom
/// elements (`<relative-time datetime>`) count as well.
fn any_time(page: &Page) -> Option<String> {
    let mut in_article = Vec::new();
    let mut anywhere = Vec::new();
    for &el in &page.index.times {
        let v = el.value();
        let Some(datetime) = v.attribute("datetime") else {
            continue;
        };
        match v.name() {
            "time" => {
                let inside = el
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| matches!(a.value().name(), "article" | "main"));
                if inside {
                    in_article.push(datetime);
                }
                anywhere.push(datetime);
            }
            "relative-time" | "local-time" => anywhere.push(datetime),
            _ => {}
        }
    }
    in_article
        .into_iter()
        .chain(anywhere)
        .take(50)
        .find_map(parse_date)
}

/// `/2021/05/18/`, `/2021-05-18/`, `/20210518/` in a URL path.
fn date_in_url(path: &str) -> Option<String> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[/_-])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
            .expect("static regex")
    });
    let c = URL_DATE.captures(path)?;
    full_date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// A written date in the visible text: the first after the (first) headline, else the last
/// before it, else one labelled as an update there ("Last updated: Dec 12, 2025" is the only
/// date the reader is shown), else one printed beside the byline ("Written by Jane Doe" /
/// "April 8, 2024" under the story), else the first labelled date anywhere on the page
/// ("Posted on April 13, 2023"), publication labels first.
fn visible_date(page: &Page, title: Option<&str>, authors: &[String]) -> Option<String> {
    let text = page.visible_text();
    let start = title
        .and_then(|t| text.find(t))
        .or_else(|| first_h1(page).and_then(|h1| text.find(&h1)))
        .unwrap_or(0);
    let after = window(text, start, VISIBLE_WINDOW);
    let mut updated = None;
    let mut first_unlabelled = |window: &str, rev: bool| {
        let mut found: Vec<(usize, String)> = dates_in(window).collect();
        if rev {
            found.reverse();
        }
        for (at, date) in found {
            if label_before(window, at) == Some(true) {
                updated.get_or_insert(date);
            } else {
                return Some(date);
            }
        }
        None
    };
    // A date line beside the headline ("Dec 12, 2025" over it, "By Jane Doe · May 3, 2024"
    // under it) before a date in the running text.
    if start > 0 {
        let before_start = floor_boundary(text, start.saturating_sub(DATE_LINE_REACH));
        let before = &text[before_start..start];
        let under = after.lines().skip(1).take(DATE_LINES).map(|l| (l, 0));
        let over = before.lines().rev().take(DATE_LINES).map(|l| (l, 1));
        let dated_line = under.chain(over).find_map(|(line, _)| {
            if line.chars().count() > 80 {
                return None;
            }
            let (at, d) = dates_in(line).next()?;
            (label_before(line, at).is_none()).then_some(d)
        });
        if dated_line.is_some() {
            return dated_line;
        }
    }
    if let Some(d) = first_unlabelled(after, false) {
        return Some(d);
    }
    // Some themes print the date above the headline, after the kicker.
    let before_start = floor_boundary(text, start.saturating_sub(VISIBLE_WINDOW / 2));
    if let Some(d) = first_unlabelled(&text[before_start..start], true) {
        return Some(d);
    }
    if updated.is_some() {
        return updated;
    }
    let beside_byline = authors.first().and_then(|name| {
        text.match_indices(name.as_str())
            .take(1)
            .find_map(|(at, _)| {
                let from = floor_boundary(text, at.saturating_sub(BYLINE_REACH / 2));
                let near = window(text, from, BYLINE_REACH + name.len());
                dates_in(near)
                    .find(|(at, _)| label_before(near, *at) != Some(true))
                    .map(|(_, d)| d)
            })
    });
    if beside_byline.is_some() {
        return beside_byline;
    }
    let mut labelled = dates_in(window(text, 0, LABELLED_REACH))
        .take(200)
        .filter_map(|(at, d)| Some((label_before(text, at)?, d)));
    // (`window` starts at 0, so offsets into it are offsets into `text`.)
    let first_labelled = labelled.next();
    match first_labelled {
        Some((false, d)) => Some(d),
        Some((true, d)) => labelled.find(|(m, _)| !m).map(|(_, d)| d).or(Some(d)),
        None => None,
    }
}

/// Lines under and over the headline searched for a date line, and how far back over it.
const DATE_LINES: usize = 3;
const DATE_LINE_REACH: usize = 300;

/// How much of the visible text is searched for a labelled date: the story and what follows
/// it, not the whole of a long comment thread.
const LABELLED_REACH: usize = 100_000;

/// How far around a byline a date counts as the byline's.
const BYLINE_REACH: usize = 160;

/// Up to `len` bytes of `text` from `start`, cut at a character boundary.
fn window(text: &str, start: usize, len: usize) -> &str {
    let end = floor_boundary(text, (start + len).min(text.len()));
    &text[start..end]
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether the nearest date label in the 30 bytes before `at` (and after any earlier figure) marks a modification (`true`)
/// or the publication (`false`).
fn label_before(text: &str, at: usize) -> Option<bool> {
    let from = floor_boundary(text, at.saturating_sub(30));
    // A label belongs to the next date only: the look back stops at the previous figure.
    let before = &text[from..at];
    let before = before
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(before, |i| &before[i + 1..])
        .to_lowercase();
    DATE_LABELS
        .iter()
        .filter_map(|(label, modified)| before.rfind(label).map(|i| (i + label.len(), *modified)))
        .max_by_key(|(end, _)| *end)
        .map(|(_, modified)| modified)
}

fn full_date(y: i32, m: u32, d: u32) -> Option<String> {
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    plausible(date).then(|| date.format("%Y-%m-%d").to_string())
}

/// Web news dates: not before the web, not more than a year ahead.
fn plausible(date: NaiveDate) -> bool {
    date.year() >= 1990 && date.year() <= Utc::now().year() + 1
}

fn with_time(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Option<String> {
    if !plausible(date) {
        return None;
    }
    match offset {
        Some(off) => {
            let dt = off.from_local_datetime(&date.and_time(time)).single()?;
            Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true))
        }
        None => Some(date.format("%Y-%m-%d").to_string()),
    }
}

/// Parses one date value as meta tags and `datetime` attributes carry them: ISO 8601 and its
/// variants, RFC 2822, Unix timestamps, and written dates in the languages of
/// `tables/metadata_months.txt`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            10 | 13 => {
                let secs: i64 = s.parse().ok()?;
                let secs = if s.len() == 13 { secs / 1000 } else { secs };
                let dt = DateTime::<Utc>::from_timestamp(secs, 0)?;
                plausible(dt.date_naive()).then(|| dt.to_rfc3339_opts(SecondsFormat::Secs, true))
            }
            8 => full_date(
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..].parse().ok()?,
            ),
            _ => None,
        };
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return with_time(dt.date_naive(), dt.time(), Some(*dt.offset()));
    }
    if let Some(d) = iso(s) {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return with_time(dt.date_naive(), dt.time(), Some(*dt.offset()));
    }
    if let Some(d) = java_date(s) {
        return Some(d);
    }
    find_date(s)
}

/// The form Java's `Date.toString()` writes and Java CMSs put in meta tags as they are: "Mon Aug
/// 03 12:45:00 EDT 2015". Reordered into RFC 2822, whose zone names (UT, GMT and the four US
/// zones) chrono knows; with any other zone the day stands without its time.
fn java_date(s: &str) -> Option<String> {
    static JAVA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}:\d{2}:\d{2})\s+([A-Za-z]{1,5})\s+((?:19|20)\d{2})$",
        )
        .expect("static regex")
    });
    let c = JAVA.captures(s)?;
    let (mon, day, time, zone, year) = (&c[1], &c[2], &c[3], &c[4], &c[5]);
    let rfc = format!("{day} {mon} {year} {time} {zone}");
    match DateTime::parse_from_rfc2822(&rfc) {
        // chrono reads an unknown zone name as -0000, "no zone information": not UTC.
        Ok(dt)
            if dt.offset().local_minus_utc() != 0 || ["UT", "UTC", "GMT", "Z"].contains(&zone) =>
        {
            with_time(dt.date_naive(), dt.time(), Some(*dt.offset()))
        }
        _ => full_date(year.parse().ok()?, month(mon)?, day.parse().ok()?),
    }
}

/// [`parse_date`] for machine formats only (ISO 8601, RFC 2822, timestamps), not written dates.
fn parse_machine_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_date(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return with_time(dt.date_naive(), dt.time(), Some(*dt.offset()));
    }
    if let Some(d) = iso(s) {
        return Some(d);
    }
    DateTime::parse_from_rfc2822(s)
        .ok()
        .and_then(|dt| with_time(dt.date_naive(), dt.time(), Some(*dt.offset())))
}

/// ISO 8601 as written loosely: "2021-05-18 19:41", "2021-05-18T19:41:07.000+0200", "2021/05/18".
fn iso(s: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^\s*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})
              (?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*
                 (Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?",
        )
        .expect("static regex")
    });
    let c = ISO.captures(s)?;
    let date = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    let Some(h) = c.get(4) else {
        return plausible(date).then(|| date.format("%Y-%m-%d").to_string());
    };
    let time = NaiveTime::from_hms_opt(
        h.as_str().parse().ok()?,
        c[5].parse().ok()?,
        c.get(6).map_or(Some(0), |s| s.as_str().parse().ok())?,
    )?;
    let offset = c.get(7).and_then(|z| parse_offset(z.as_str()));
    with_time(date, time, offset)
}

fn parse_offset(z: &str) -> Option<FixedOffset> {
    if matches!(z, "Z" | "UTC" | "GMT") {
        return FixedOffset::east_opt(0);
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The first written date in free text: "18 May 2021", "May 18th, 2021", "18. maja 2021.",
/// "18 de mayo de 2021", "18.05.2021", "2021-05-18", "05/18/2021", "12-15-2016", "2021 May 18"
/// (citations), "2021. május 18.".
pub(crate) fn find_date(text: &str) -> Option<String> {
    dates_in(text).next().map(|(_, d)| d)
}

/// Every written date in free text (see [`find_date`]), with the byte offset where it starts.
fn dates_in(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?xi)
            (?P<d1>\b\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?(?P<m1>\p{L}{3,12})\.?,?\s*(?:de\s+)?(?P<y1>(?:19|20)\d{2})(?:\D|$)
            | \b(?P<m2>\p{L}{3,12})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\.?,?\s+(?P<y2>(?:19|20)\d{2})(?:\D|$)
            | \b(?P<y3>(?:19|20)\d{2})(?:[-/.]|\s*年\s*)(?P<mo3>\d{1,2})(?:[-/.]|\s*月\s*)(?P<d3>\d{1,2})(?:\b|日)
            | \b(?P<a4>\d{1,2})[./](?P<b4>\d{1,2})[./]\s?(?P<y4>(?:19|20)\d{2})\b
            | \b(?P<m6>\d{1,2})-(?P<d6>\d{1,2})-(?P<y6>(?:19|20)\d{2})\b
            | \b(?P<y5>(?:19|20)\d{2})\.?\s+(?P<m5>\p{L}{3,12})\.?\s+(?P<d5>\d{1,2})(?:\.|\b)",
        )
        .expect("static regex")
    });
    // Every form holds a year, and the regex, whose Unicode word boundaries keep it off the
    // fast engines on non-ASCII text, only runs on the stretches around one.
    let captures = year_regions(text).into_iter().flat_map(move |(from, to)| {
        let hay = &text[..to];
        let mut at = Some(from);
        std::iter::from_fn(move || {
            let c = WRITTEN.captures_at(hay, at?)?;
            let end = c.get(0)?.end();
            at = (end > at?).then_some(end);
            Some(c)
        })
    });
    captures.filter_map(|c| {
        let num = |name: &str| c.name(name)?.as_str().parse::<u32>().ok();
        let found = if let (Some(d), Some(m), Some(y)) = (num("d1"), c.name("m1"), num("y1")) {
            full_date(y as i32, month(m.as_str())?, d)
        } else if let (Some(m), Some(d), Some(y)) = (c.name("m2"), num("d2"), num("y2")) {
            full_date(y as i32, month(m.as_str())?, d)
        } else if let (Some(y), Some(m), Some(d)) = (num("y3"), num("mo3"), num("d3")) {
            full_date(y as i32, m, d)
        } else if let (Some(y), Some(m), Some(d)) = (num("y5"), c.name("m5"), num("d5")) {
            full_date(y as i32, month(m.as_str())?, d)
        } else if let (Some(a), Some(b), Some(y)) = (num("a4"), num("b4"), num("y4")) {
            // Day first unless impossible: Europe writes 18.05.2021, and a dot never means m/d;
            // "3/4/2025" is ambiguous, and English-language pages use both orders.
            full_date(y as i32, b, a).or_else(|| full_date(y as i32, a, b))
        } else if let (Some(m), Some(d), Some(y)) = (num("m6"), num("d6"), num("y6")) {
            // Dashes with the year last come in both orders: "12-15-2016" in an American meta
            // tag, "02-12-2025" for 2 December in a British blog. Only a date one order
            // rules out is read; an ambiguous one leaves the choice to other sources.
            if m <= 12 && d <= 12 && m != d {
                None
            } else {
                full_date(y as i32, m, d).or_else(|| full_date(y as i32, d, m))
            }
        } else {
            None
        };
        Some((c.get(0)?.start(), found?))
    })
}

/// How far a written date reaches before and after its year, in bytes: "18th of September
/// 2021" and "2021 年 5 月 18 日" with room to spare.
const BEFORE_YEAR: usize = 160;
const AFTER_YEAR: usize = 40;

/// The stretches of `text` (byte ranges, merged where they touch) around each year a written
/// date can end or start with: a run of exactly four digits from 1900 to 2099. No date lies
/// across two stretches, so searching them one by one finds what searching all would.
fn year_regions(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 || !matches!(&b[start..start + 2], b"19" | b"20") {
            continue;
        }
        let from = floor_boundary(text, start.saturating_sub(BEFORE_YEAR));
        let mut to = (i + AFTER_YEAR).min(b.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => out.push((from, to)),
        }
    }
    out
}

fn month(word: &str) -> Option<u32> {
    MONTHS.get(&word.to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_dates(head: &str, body: &str) -> (Option<String>, Option<String>) {
        let html = format!("<html><head>{head}</head><body>{body}</body></html>");
        let doc = scraper::Html::parse_document(&html);
        let page = Page::new(&doc, None);
        (published(&page, None, &[]), modified(&page))
    }

    #[test]
    fn a_utc_meta_date_takes_the_local_form_the_page_shows() {
        let (published, modified) = page_dates(
            r#"<meta property="article:published_time" content="2025-07-05T00:04:00+00:00">
               <meta property="article:modified_time" content="2025-07-06T10:00:00+00:00">"#,
            r#"<time datetime="2025-07-04T20:04:00-04:00">July 4, 2025</time>"#,
        );
        assert_eq!(published.as_deref(), Some("2025-07-04T20:04:00-04:00"));
        // No local form of this moment on the page: UTC stays.
        assert_eq!(modified.as_deref(), Some("2025-07-06T10:00:00Z"));
    }

    #[test]
    fn a_date_classed_element_is_the_last_resort_when_it_is_the_only_date() {
        let (published, _) = page_dates(
            "",
            r#"<h1>Site</h1><p>Text.</p><span class="name">Wang</span><span class="date" title="2017-03-01 14:27:02">3 days ago</span>"#,
        );
        assert_eq!(published.as_deref(), Some("2017-03-01"));
        // Last update and creation side by side: neither is taken for the publication.
        let (published, _) = page_dates(
            "",
            r#"<h1>Site</h1><p>Text.</p><span class="revision-date" title="March 11, 2026">last week</span> <span class="revision-date" title="April 1, 2022">in 2022</span>"#,
        );
        assert_eq!(published, None);
    }

    #[test]
    fn a_journal_citation_date_is_the_publication_date() {
        let (published, _) = page_dates(
            r#"<meta name="citation_publication_date" content="2023 Jan 7">"#,
            "",
        );
        assert_eq!(published.as_deref(), Some("2023-01-07"));
    }

    #[test]
    fn an_unlisted_publication_meta_tag_is_read() {
        let (published, _) = page_dates(
            r#"<meta name="w-published-date" content="2025-05-27T06:03:43.274Z">"#,
            "",
        );
        assert_eq!(published.as_deref(), Some("2025-05-27T06:03:43Z"));
    }

    #[test]
    fn a_visible_update_date_gives_way_to_an_unlabelled_one() {
        let (published, _) = page_dates(
            "",
            "<h1>Headline</h1><p>Last updated: January 2, 2026</p><p>May 3, 2024</p>",
        );
        assert_eq!(published.as_deref(), Some("2024-05-03"));
        let (published, _) =
            page_dates("", "<h1>Headline</h1><p>Last updated: January 2, 2026</p>");
        assert_eq!(published.as_deref(), Some("2026-01-02"));
    }

    #[test]
    fn a_date_glued_to_the_next_word_is_found() {
        assert_eq!(
            find_date("Dec 17, 2025Julian K. Arni").as_deref(),
            Some("2025-12-17")
        );
    }

    #[test]
    fn the_date_beside_the_byline_under_the_story_is_read() {
        let html = format!(
            "<html><body><h1>Headline</h1><p>{}</p><p>Written by Moses Kim</p><p>April 8, 2024</p></body></html>",
            "Story text. ".repeat(300)
        );
        let doc = scraper::Html::parse_document(&html);
        let page = Page::new(&doc, None);
        assert_eq!(
            published(&page, None, &["Moses Kim".to_owned()]).as_deref(),
            Some("2024-04-08")
        );
        assert_eq!(published(&page, None, &[]), None);
    }

    #[test]
    fn a_published_meta_tag_is_read() {
        let (published, _) = page_dates(r#"<meta name="published" content="July 17, 2025">"#, "");
        assert_eq!(published.as_deref(), Some("2025-07-17"));
    }

    #[test]
    fn json_ld_in_a_remix_meta_tag_is_read() {
        let (published, modified) = page_dates(
            r#"<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;dateModified&quot;:&quot;2025-11-18T09:00:00-05:00&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">"#,
            "<p>No date shown.</p>",
        );
        assert_eq!(published.as_deref(), Some("2025-11-17T09:00:00-05:00"));
        assert_eq!(modified.as_deref(), Some("2025-11-18T09:00:00-05:00"));
    }

    #[test]
    fn java_dates_and_dashed_us_dates_in_meta_tags() {
        assert_eq!(
            parse_date("Mon Aug 03 12:45:00 EDT 2015").as_deref(),
            Some("2015-08-03T12:45:00-04:00")
        );
        assert_eq!(
            parse_date("Wed Aug 05 14:51:16 GMT 2015").as_deref(),
            Some("2015-08-05T14:51:16Z")
        );
        // A zone chrono does not know leaves the day.
        assert_eq!(
            parse_date("Tue Mar 05 08:00:00 JST 2019").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(parse_date("12-15-2016").as_deref(), Some("2016-12-15"));
        assert_eq!(parse_date("03-09-2026"), None);
        assert_eq!(parse_date("18-05-2021").as_deref(), Some("2021-05-18"));
    }

    #[test]
    fn iso_variants_keep_their_offset_or_drop_an_unknown_one() {
        assert_eq!(
            parse_date("2021-05-18T19:41:07+00:00").as_deref(),
            Some("2021-05-18T19:41:07Z")
        );
        assert_eq!(
            parse_date("2021-05-18T19:41:07.000+0200").as_deref(),
            Some("2021-05-18T19:41:07+02:00")
        );
        assert_eq!(
            parse_date("2021-05-18 19:41").as_deref(),
            Some("2021-05-18")
        );
        assert_eq!(parse_date("2021-05-18").as_deref(), Some("2021-05-18"));
        assert_eq!(parse_date("20210518").as_deref(), Some("2021-05-18"));
        assert_eq!(
            parse_date("Tue, 18 May 2021 19:41:07 GMT").as_deref(),
            Some("2021-05-18T19:41:07Z")
        );
        assert_eq!(
            parse_date("1621366867").as_deref(),
            Some("2021-05-18T19:41:07Z")
        );
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn written_dates_in_several_languages() {
        for (text, want) in [
            ("Published May 18th, 2021 at 9am", "2021-05-18"),
            ("18 May 2021", "2021-05-18"),
            ("Objavljeno: 18. maja 2021. u 10:00", "2021-05-18"),
            ("18. svibnja 2021.", "2021-05-18"),
            ("18. мај 2021.", "2021-05-18"),
            ("18 мая 2021 г.", "2021-05-18"),
            ("18. Mai 2021", "2021-05-18"),
            ("le 18 mai 2021", "2021-05-18"),
            ("18 de mayo de 2021", "2021-05-18"),
            ("18 maggio 2021", "2021-05-18"),
            ("18.05.2021.", "2021-05-18"),
            ("05/18/2021", "2021-05-18"),
            ("2021年5月18日", "2021-05-18"),
            ("2021/05/18", "2021-05-18"),
            ("2021 May 18;15(1):e33475", "2021-05-18"),
            ("2021. május 18.", "2021-05-18"),
            ("18 qershor 2021", "2021-06-18"),
        ] {
            assert_eq!(find_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(find_date("Room 18 Mayfair 2021"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("/2021/05/18/slug/").as_deref(),
            Some("2021-05-18")
        );
        assert_eq!(
            date_in_url("/news/2021-05-18-slug").as_deref(),
            Some("2021-05-18")
        );
        assert_eq!(date_in_url("/2021/05/slug"), None);
    }

    #[test]
    fn a_written_json_ld_date_yields_to_the_date_under_the_headline() {
        let (published, _) = page_dates(
            r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"A headline here","datePublished":"Jun 24, 2025"}</script>"#,
            "<h1>A headline here</h1><div>Jane Doe</div><div>August 25, 2024</div><p>Text.</p>",
        );
        assert_eq!(published.as_deref(), Some("2024-08-25"));
    }

    #[test]
    fn a_date_line_over_the_headline_beats_a_date_in_the_story() {
        let html = "<html><body><p>Back to blog</p><div>Dec 12, 2025</div>\
            <h1>Why Rust for embedded systems</h1>\
            <p>As of October 30, 2025, Rust in the Linux kernel is no longer experimental and is now part of it.</p></body></html>";
        let doc = scraper::Html::parse_document(html);
        let page = Page::new(&doc, None);
        assert_eq!(
            published(&page, Some("Why Rust for embedded systems"), &[]).as_deref(),
            Some("2025-12-12")
        );
    }

    #[test]
    fn a_class_naming_the_publication_time_marks_the_date() {
        let (published, _) = page_dates(
            "",
            r#"<p><span class="Author_publicationTime__F2lab">2022-11-23T08:10+02:00</span></p>"#,
        );
        assert_eq!(published.as_deref(), Some("2022-11-23T08:10:00+02:00"));
    }

    #[test]
    fn dates_far_into_long_text_are_found_as_a_whole_search_would() {
        let filler = "Wörter ohne Jahreszahl, Stück 12, Ende. ".repeat(300);
        let text = format!("{filler}Objavljeno 18. maja 2021. {filler} 2021-05-19 i 3.4.2025");
        let found: Vec<String> = dates_in(&text).map(|(_, d)| d).collect();
        assert_eq!(found, ["2021-05-18", "2021-05-19", "2025-04-03"]);
        assert_eq!(find_date("December 15, 20163:33 PM"), None);
    }
}
