//! Title: the visible headline when the page's declared titles confirm it, else JSON-LD headline
//! → og:title / twitter:title → `<title>` (each without a " | Site Name" part) → the first `<h1>`.

use super::{Page, collapse, decode_entities, element_text, jsonld, norm, visible_text};

/// Separators between a headline and the site's name in `<title>`/og:title.
const SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " » ", " « ", " · ", " • ", " ~ ", " // ",
];

pub(crate) fn title(page: &Page, site_name: Option<&str>) -> Option<String> {
    let t = pick(page, site_name)?;
    Some(cleaner_declared(page, site_name, &t).unwrap_or(t))
}

/// A declared title that reads as the chosen visible headline does, where that headline is
/// set in capitals ("BEST DRIP COFFEE MAKER IN 2026" beside og:title "Best Drip Coffee Maker
/// 2026") or has characters lost to question marks by a wrong encoding upstream ("Planning?
/// Beginner? Guide" beside "Planning: Beginner's Guide"): the same headline, better written.
fn cleaner_declared(page: &Page, site_name: Option<&str>, chosen: &str) -> Option<String> {
    let letters = || chosen.chars().filter(|c| c.is_alphabetic());
    let shouting = letters().count() > 3 && letters().all(char::is_uppercase);
    let body = chosen.trim_end_matches('?');
    let garbled = body.contains(['?', '\u{FFFD}']);
    if !shouting && !garbled {
        return None;
    }
    let site_keys = site_keys(page, site_name);
    let title_el = page.index.title.map(element_text);
    jsonld::first_string(page.ld_article_field("headline"))
        .into_iter()
        .chain(page.meta_first(&["og:title"]))
        .chain(page.meta_first(&["twitter:title"]))
        .chain(title_el)
        .map(|d| strip_site(&repair_mojibake(d), &site_keys))
        .find(|d| {
            let mixed = d.chars().any(char::is_lowercase);
            (shouting && mixed && norm(d) == norm(chosen))
                || (garbled && !d.contains(['?', '\u{FFFD}']) && lost_characters(chosen, d))
        })
}

/// Whether `garbled` is `clean` with some characters replaced by one `?` or U+FFFD each (a
/// lost character may have stood for up to three: "’s" read as "?").
fn lost_characters(garbled: &str, clean: &str) -> bool {
    let g: Vec<char> = garbled.chars().collect();
    let c: Vec<char> = clean.chars().collect();
    // Positions reachable in `clean` after each prefix of `garbled`: a small set, since a
    // headline has few lost characters.
    let mut at = vec![0usize];
    for &gc in &g {
        let mut next = Vec::new();
        for &i in &at {
            if gc == '?' || gc == '\u{FFFD}' {
                for k in 1..=3 {
                    if i + k <= c.len() && !next.contains(&(i + k)) {
                        next.push(i + k);
                    }
                }
            } else if c
                .get(i)
                .is_some_and(|&cc| cc.to_lowercase().eq(gc.to_lowercase()))
                && !next.contains(&(i + 1))
            {
                next.push(i + 1);
            }
        }
        if next.is_empty() {
            return false;
        }
        at = next;
    }
    at.contains(&c.len())
}

fn pick(page: &Page, site_name: Option<&str>) -> Option<String> {
    let h1s: Vec<String> = page
        .index
        .h1s
        .iter()
        .map(|&h| repair_mojibake(collapse(&decode_entities(&heading_text(h)))))
        .filter(|t| !t.is_empty() && t.chars().count() <= 400)
        .take(8)
        .collect();
    let headline = jsonld::first_string(page.ld_article_field("headline"))
        .or_else(|| jsonld::first_string(page.ld_article_field("name")));
    let title_el = page.index.title.map(element_text).filter(|t| !t.is_empty());
    let declared: Vec<String> = headline
        .iter()
        .cloned()
        .chain(page.meta_first(&["og:title"]))
        .chain(page.meta_first(&["twitter:title"]))
        .chain(page.meta_first(&["title", "dc.title", "sailthru.title", "parsely-title"]))
        .chain(title_el.clone())
        .filter(|t| !t.is_empty())
        .map(repair_mojibake)
        .collect();

    let mut site_keys = site_keys(page, site_name);
    // "Engora Data Blog: Small adventures…" beside og:title "Small adventures…": the rest of a
    // declared title around another declared title is the site's name.
    for d in &declared {
        for other in &declared {
            let (n, o) = (norm(d), norm(other));
            if o.is_empty() || n.len() <= o.len() {
                continue;
            }
            let rest = n
                .strip_prefix(&o)
                .or_else(|| n.strip_suffix(&o))
                .map(str::trim)
                .filter(|r| !r.is_empty() && r.split(' ').count() <= 5);
            if let Some(r) = rest
                && !site_keys.iter().any(|k| k == r)
            {
                site_keys.push(r.to_owned());
            }
        }
    }
    // The visible headline confirmed by a declared title (whole, or a part of it).
    for d in &declared {
        let mut forms = vec![norm(d)];
        forms.extend(parts(d).into_iter().map(norm));
        // Of several headings that each repeat a part ("V8" in the masthead, the headline in
        // the story, for "Headline · V8"), the longest is the headline; the first of equals
        // (`max_by_key` keeps the last, hence the reversal).
        if let Some(h) = h1s
            .iter()
            .rev()
            .filter(|h| {
                let n = norm(h);
                !n.is_empty() && !site_keys.contains(&n) && forms.contains(&n)
            })
            .max_by_key(|h| norm(h).len())
        {
            // A headline element that repeats the whole `<title>`, site name and all.
            return Some(strip_site(h, &site_keys));
        }
    }
    // "Headline (latimes.com) 87", "Dec 18 2025 Headline": the visible headline is a declared
    // title with a few extra words (a date, a source, a counter) before or after it.
    for d in &declared {
        let d = strip_site(d, &site_keys);
        let dn = norm(&d);
        if dn.split(' ').count() < 3 {
            continue;
        }
        let framed = h1s.iter().any(|h| {
            let n = norm(h);
            let extra = n
                .strip_prefix(&dn)
                .or_else(|| n.strip_suffix(&dn))
                .filter(|r| r.starts_with(' ') || r.ends_with(' '));
            // Extra words with a figure in them, not a headline's own continuation.
            extra.is_some_and(|r| {
                (2..=3).contains(&r.split_whitespace().count())
                    && r.contains(|c: char| c.is_ascii_digit())
            })
        });
        if framed {
            return Some(d);
        }
    }
    // A visible headline close to a declared title is the headline as the reader sees it
    // (declared titles are often rewritten for search engines and social cards).
    let best = h1s
        .iter()
        .filter(|h| !is_site(h, &site_keys))
        .map(|h| {
            let sim = declared
                .iter()
                .map(|d| similarity(h, &strip_site(d, &site_keys)))
                .fold(0.0, f64::max);
            (sim, h)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((sim, h)) = best
        && sim >= SIMILAR
    {
        // "Headline | Python, SQL & AI" in the `<h1>` too: the tail the declared title loses
        // with its site name is no part of the headline.
        let stripped = strip_site(h, &site_keys);
        let declared_as = |t: &str| {
            declared
                .iter()
                .any(|d| norm(&strip_site(d, &site_keys)) == norm(t))
        };
        if stripped.len() < h.len() && declared_as(&stripped) {
            return Some(stripped);
        }
        return Some(h.clone());
    }
    if let Some(h) = headline.filter(|h| !is_site(h, &site_keys)) {
        let h = strip_site(&h, &site_keys);
        // Headlines cut to a length limit ("…Find Solutions (Including") continue in a
        // declared title.
        let hn = norm(&h);
        let longer = (h.chars().count() >= TRUNCATED)
            .then(|| {
                declared
                    .iter()
                    .map(|d| strip_site(d, &site_keys))
                    .find(|d| {
                        let dn = norm(d);
                        dn.len() > hn.len() && dn.starts_with(&hn)
                    })
            })
            .flatten();
        return Some(longer.unwrap_or(h));
    }
    for d in declared.iter() {
        let stripped = strip_site(d, &site_keys);
        if !stripped.is_empty() && !is_site(&stripped, &site_keys) {
            return Some(stripped);
        }
    }
    h1s.into_iter().next()
}

/// A headline's text with its lines ("WEEKEND<br>CODING<br>AGENT", a kicker `<div>` above the
/// headline `<span>`) kept apart by a space, where the plain text glues them into one word.
fn heading_text(h: scraper::ElementRef) -> String {
    let text = visible_text(h, 2_000);
    if text.is_empty() {
        // Headings that only hold a hidden or scripted text still name the page.
        return element_text(h);
    }
    text.replace('\n', " ")
}

/// UTF-8 read as Latin-1 somewhere upstream ("Investorâ\u{80}\u{99}s"): C1 control characters
/// never occur in real text, so a string of Latin-1 characters with one among them is re-read
/// as the UTF-8 bytes it was; anything that does not decode stays as it was.
fn repair_mojibake(s: String) -> String {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !s.chars().any(c1) || s.chars().any(|c| c > '\u{ff}') {
        return s;
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).unwrap_or(s)
}

/// Length from which a JSON-LD headline may have been cut to fit search engines' limit (110).
const TRUNCATED: usize = 90;

/// Dice overlap of word sets at which a visible `<h1>` counts as the declared title reworded.
const SIMILAR: f64 = 0.4;

fn similarity(a: &str, b: &str) -> f64 {
    let wa: std::collections::HashSet<String> = norm(a).split(' ').map(str::to_owned).collect();
    let wb: std::collections::HashSet<String> = norm(b).split(' ').map(str::to_owned).collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    2.0 * wa.intersection(&wb).count() as f64 / (wa.len() + wb.len()) as f64
}

/// Normalised names the site goes by: its declared name and its host's main label.
fn site_keys(page: &Page, site_name: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = site_name.map(norm).into_iter().collect();
    if let Some(host) = page
        .url
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_owned))
    {
        let host = host.trim_start_matches("www.");
        // "promotions.newegg.com" goes by "newegg.com" and "Newegg" too: every suffix of two
        // labels or more, and every label but the top-level one.
        let labels: Vec<&str> = host.split('.').collect();
        for i in 0..labels.len().saturating_sub(1) {
            keys.push(norm(&labels[i..].join(".")));
            keys.push(norm(labels[i]));
        }
    }
    // "Headline | Patient Education | Hospital" at `/children/patient-education/headline`: a
    // folder of the address names the section, which titles append like the site's name. The
    // last segment, and any of more than three words, are left out: they are often the
    // headline's own slug.
    if let Some(url) = &page.url {
        let segments: Vec<&str> = url.path().split('/').filter(|s| !s.is_empty()).collect();
        for seg in segments.iter().take(segments.len().saturating_sub(1)) {
            let key = norm(seg);
            if (2..=3).contains(&key.split(' ').count()) {
                keys.push(key);
            }
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

fn is_site(s: &str, site_keys: &[String]) -> bool {
    // "The New Republic" is the site of newrepublic.com.
    let squash = |k: &str| {
        let k = k.strip_prefix("the ").unwrap_or(k);
        k.replace(' ', "")
    };
    let n = norm(s);
    let squashed = squash(&n);
    !squashed.is_empty() && site_keys.iter().any(|k| squash(k) == squashed)
}

/// The parts of a title split at headline/site separators.
fn parts(t: &str) -> Vec<&str> {
    for sep in SEPARATORS {
        if t.contains(sep) {
            return t
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    Vec::new()
}

/// Removes a leading or trailing part naming the site ("Headline | Site", "Site - Headline"),
/// and, failing a match, a short trailing part after " | " (almost always the site or section).
pub(crate) fn strip_site(t: &str, site_keys: &[String]) -> String {
    strip_parts(t, site_keys, true)
}

/// [`strip_site`]; `any_short` allows the one cut of a short trailing part not known as the site.
fn strip_parts(t: &str, site_keys: &[String], any_short: bool) -> String {
    let t = collapse(t);
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && is_site(tail, site_keys)
            && !head.trim().is_empty()
        {
            return strip_parts(head, site_keys, any_short);
        }
        if let Some((head, tail)) = t.split_once(sep)
            && is_site(head, site_keys)
            && !tail.trim().is_empty()
        {
            return strip_parts(tail, site_keys, any_short);
        }
    }
    // "example.com Headline": the host's name before the headline with no separator.
    if let Some((first, rest)) = t.split_once(' ')
        && first.contains('.')
        && rest.split_whitespace().count() >= 2
        && is_site(first, site_keys)
    {
        return strip_parts(rest, site_keys, any_short);
    }
    if !any_short {
        return t;
    }
    for sep in [" | ", " :: ", " // "] {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 3
        {
            // "Headline | Patient Education | UC Davis Health": the unknown publisher goes,
            // and then a section known from the address.
            return strip_parts(head.trim(), site_keys, false);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_title(head: &str, body: &str) -> Option<String> {
        let html = format!("<html><head>{head}</head><body>{body}</body></html>");
        let doc = scraper::Html::parse_document(&html);
        title(&Page::new(&doc, None), None)
    }

    #[test]
    fn extra_figures_around_the_visible_headline_are_dropped() {
        assert_eq!(
            page_title(
                r#"<meta property="og:title" content="Preparing a transition in Debusine">"#,
                "<h1>Dec 18 2025 Preparing a transition in Debusine</h1>"
            )
            .as_deref(),
            Some("Preparing a transition in Debusine")
        );
        // A headline that goes on in words is the headline.
        assert_eq!(
            page_title(
                r#"<meta property="og:title" content="Plumbing Maintenance Tips: 11 Best Practices">"#,
                "<h1>Plumbing Maintenance Tips: 11 Best Practices to Prevent Issues</h1>"
            )
            .as_deref(),
            Some("Plumbing Maintenance Tips: 11 Best Practices to Prevent Issues")
        );
    }

    #[test]
    fn a_blog_name_in_the_headline_element_is_recognised_by_the_title() {
        assert_eq!(
            page_title(
                r#"<title>Engora Data Blog: Small adventures with small language models</title>
                <meta property="og:title" content="Small adventures with small language models">"#,
                "<h1>Engora Data Blog</h1><h3>Small is the new large</h3>"
            )
            .as_deref(),
            Some("Small adventures with small language models")
        );
    }

    #[test]
    fn a_cut_json_ld_headline_is_completed_from_the_title() {
        let long = "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including One Universal Trick)";
        let cut: String = long.chars().take(105).collect();
        let head = format!(
            r#"<script type="application/ld+json">{{"@type":"Article","headline":"{cut}"}}</script>
            <title>{long} - Emily Henderson</title>"#
        );
        let html = format!("<html><head>{head}</head><body><p>No headline.</p></body></html>");
        let doc = scraper::Html::parse_document(&html);
        let found = title(&Page::new(&doc, None), Some("Emily Henderson"));
        assert_eq!(found.as_deref(), Some(long));
    }

    #[test]
    fn lines_of_a_headline_stay_apart_and_a_bare_host_prefix_goes() {
        assert_eq!(
            page_title(
                "<title>Weekend Coding Agent | Focus Labs</title>",
                "<h1> WEEKEND<br>CODING<br> <span>AGENT</span> </h1>"
            )
            .as_deref(),
            // Kept apart as three words, then written as the page declares it (not shouted).
            Some("Weekend Coding Agent")
        );
        let doc = scraper::Html::parse_document(
            "<html><head><title>davidbau.com Vibe Coding</title></head><body><h1>davidbau.com</h1></body></html>",
        );
        let page = Page::new(
            &doc,
            Some("https://davidbau.com/archives/2025/12/16/vibe.html"),
        );
        assert_eq!(title(&page, None).as_deref(), Some("Vibe Coding"));
    }

    #[test]
    fn a_section_named_in_the_address_is_cut_with_the_publisher() {
        let doc = scraper::Html::parse_document(
            "<html><head><title>How to help toddlers sleep | Patient Education | UC Davis Children's Hospital</title></head><body></body></html>",
        );
        let page = Page::new(
            &doc,
            Some("https://health.example.edu/children/patient-education/sleep"),
        );
        assert_eq!(
            title(&page, None).as_deref(),
            Some("How to help toddlers sleep")
        );
        // Without the address the section stays: it may be part of the headline.
        let page = Page::new(&doc, None);
        assert_eq!(
            title(&page, None).as_deref(),
            Some("How to help toddlers sleep | Patient Education")
        );
    }

    #[test]
    fn utf8_read_as_latin1_is_repaired() {
        assert_eq!(
            repair_mojibake("A DIY Investor\u{e2}\u{80}\u{99}s Guide".into()),
            "A DIY Investor’s Guide"
        );
        assert_eq!(repair_mojibake("Café – ok".into()), "Café – ok");
    }

    #[test]
    fn site_suffixes_and_prefixes_are_stripped() {
        let keys = vec![norm("European Western Balkans")];
        assert_eq!(
            strip_site("A headline - European Western Balkans", &keys),
            "A headline"
        );
        assert_eq!(
            strip_site("European Western Balkans | A headline", &keys),
            "A headline"
        );
        assert_eq!(
            strip_site("Rates rise - again - European Western Balkans", &keys),
            "Rates rise - again"
        );
        assert_eq!(
            strip_site("Some long headline here | Daily Bugle", &[]),
            "Some long headline here"
        );
        assert_eq!(strip_site("Yes - No", &[]), "Yes - No");
    }

    #[test]
    fn the_masthead_heading_that_is_the_site_part_is_not_the_headline() {
        assert_eq!(
            page_title(
                "<title>Outside the web: standalone binaries · V8</title>",
                r#"<h1><a href="/">V8</a></h1><h1 itemprop="headline">Outside the web: standalone binaries</h1>"#
            )
            .as_deref(),
            Some("Outside the web: standalone binaries")
        );
    }

    #[test]
    fn a_shouted_or_garbled_headline_takes_its_declared_writing() {
        assert_eq!(
            page_title(
                r#"<meta property="og:title" content="Best Drip Coffee Maker 2026: Buying Tips">"#,
                "<h1>BEST DRIP COFFEE MAKER 2026: BUYING TIPS</h1>"
            )
            .as_deref(),
            Some("Best Drip Coffee Maker 2026: Buying Tips")
        );
        assert_eq!(
            page_title(
                r#"<meta property="og:title" content="Event Planning: Beginner's Guide">"#,
                "<h1>Event Planning? Beginner? Guide</h1>"
            )
            .as_deref(),
            Some("Event Planning: Beginner's Guide")
        );
        // A question that is the headline stays as it is.
        assert_eq!(
            page_title(
                r#"<meta property="og:title" content="Is It Safe?">"#,
                "<h1>Is It Safe?</h1>"
            )
            .as_deref(),
            Some("Is It Safe?")
        );
        assert!(!lost_characters("Why? Because", "Completely different"));
    }
}
