//! Lead image: URL from og:image → twitter:image → JSON-LD image → the lead figure; caption from
//! the figure showing that image (else the first figure of the article), with its photo credit
//! split off by `tables/credit_patterns.txt` or taken from credit markup.

use std::sync::LazyLock;

use model::LeadImage;
use scraper::{ElementRef, Selector};
use serde_json::Value;

use super::tables::CREDIT_PATTERNS;
use super::{Page, collapse, element_text, jsonld, sel, urls};
use crate::attrs::AttrExt;

pub(crate) fn lead_image(page: &Page) -> Option<LeadImage> {
    let declared = page
        .meta_first(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .or_else(|| ld_image(page).and_then(|i| image_url(&i)));
    let declared = declared.and_then(|u| urls::resolve(page.url.as_ref(), u.trim()).or(Some(u)));

    let figures = figures(page);
    let chosen = declared
        .as_ref()
        .and_then(|d| {
            figures
                .iter()
                .find(|f| f.src.as_ref().is_some_and(|s| same_image(s, d)))
        })
        .or_else(|| figures.iter().find(|f| f.in_article && f.caption.is_some()));

    let url = declared.or_else(|| chosen.and_then(|f| f.src.clone()));
    let (mut caption, mut credit) = (
        chosen.and_then(|f| f.caption.clone()),
        chosen.and_then(|f| f.credit.clone()),
    );
    if caption.is_none()
        && let Some(img) = ld_image(page)
    {
        caption = jsonld::first_string(img.get("caption"));
        credit = credit.or_else(|| jsonld::first_string(img.get("creditText")));
    }
    if let Some(c) = caption.take() {
        let (cap, cred) = split_credit(&c);
        caption = cap;
        credit = credit.or(cred);
    }
    if url.is_none() && caption.is_none() {
        return None;
    }
    Some(LeadImage {
        url,
        caption,
        credit,
    })
}

struct Figure {
    src: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    in_article: bool,
}

fn figures(page: &Page) -> Vec<Figure> {
    static IMG: LazyLock<Selector> = LazyLock::new(|| sel("img"));
    static CAPTION: LazyLock<Selector> = LazyLock::new(|| {
        sel(
            r#"figcaption, .wp-caption-text, [class*="caption" i], [class*="legend" i], [itemprop="caption"]"#,
        )
    });
    static CREDIT: LazyLock<Selector> = LazyLock::new(|| {
        sel(
            r#"[class*="credit" i], [class*="copyright" i], [itemprop="copyrightHolder"], [class*="source" i]"#,
        )
    });
    static DATA_CAPTION: LazyLock<Selector> = LazyLock::new(|| sel("[data-caption]"));
    let mut out = Vec::new();
    // `figure, .wp-caption, [class~="image"], [class*="featured-image"]`, tested by hand: the
    // selector engine's attribute matching cost more than the rest of the lead image.
    let is_figure = |e: &ElementRef| {
        let v = e.value();
        v.name() == "figure"
            || v.attribute("class").is_some_and(|c| {
                c.contains("featured-image")
                    || c.split_ascii_whitespace()
                        .any(|t| t == "wp-caption" || t == "image")
            })
    };
    let found = page
        .doc
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(is_figure);
    for f in found.take(40) {
        let src = f.select(&IMG).next().and_then(|img| {
            ["src", "data-src", "data-lazy-src", "data-original"]
                .iter()
                .filter_map(|a| img.attribute(a))
                .chain(
                    img.attribute("srcset")
                        .and_then(|s| s.split_whitespace().next()),
                )
                .find(|s| !s.starts_with("data:") && !s.is_empty())
                .and_then(|s| urls::resolve(page.url.as_ref(), s.trim()))
        });
        let credit_el = f.select(&CREDIT).next();
        let credit = credit_el
            .map(element_text)
            .filter(|c| !c.is_empty() && c.chars().count() <= 100);
        let caption = f
            .select(&CAPTION)
            .next()
            .map(|c| {
                let t = element_text(c);
                // Credit markup inside the caption is reported separately.
                match &credit {
                    Some(cr) if t.ends_with(cr.as_str()) => collapse(&t[..t.len() - cr.len()]),
                    _ => t,
                }
            })
            .or_else(|| {
                f.select(&DATA_CAPTION)
                    .next()
                    .and_then(|e| e.attribute("data-caption"))
                    .map(collapse)
            })
            .filter(|c| !c.is_empty() && c.chars().count() <= 1_000);
        if src.is_none() && caption.is_none() {
            continue;
        }
        out.push(Figure {
            src,
            caption,
            credit,
            in_article: in_article(f),
        });
    }
    out
}

fn in_article(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(a.value().name(), "article" | "main")
            || a.attribute("itemprop") == Some("articleBody")
    })
}

fn ld_image(page: &Page) -> Option<Value> {
    let v = page.ld_article_field("image")?;
    let v = match v {
        Value::Array(a) => a.first()?,
        other => other,
    };
    Some(page.ld.resolve(v).clone())
}

fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(|u| jsonld::first_string(Some(u))),
        _ => None,
    }
}

/// Same picture at another size: compares the file name without extension and without a
/// WordPress-style `-696x464` size suffix.
fn same_image(a: &str, b: &str) -> bool {
    fn stem(u: &str) -> String {
        let path = u.split(['?', '#']).next().unwrap_or(u);
        let file = path.rsplit('/').next().unwrap_or(path);
        let base = file.rsplit_once('.').map_or(file, |(b, _)| b);
        let base = match base.rsplit_once('-') {
            Some((head, size))
                if size.split_once('x').is_some_and(|(w, h)| {
                    !w.is_empty()
                        && !h.is_empty()
                        && w.bytes().all(|c| c.is_ascii_digit())
                        && h.bytes().all(|c| c.is_ascii_digit())
                }) =>
            {
                head
            }
            _ => base,
        };
        base.to_lowercase()
    }
    let (sa, sb) = (stem(a), stem(b));
    sa.len() >= 3 && sa == sb
}

/// Splits "…Milo Đukanović; Photo: NATO" into ("…Milo Đukanović", "NATO").
pub(crate) fn split_credit(text: &str) -> (Option<String>, Option<String>) {
    let text = collapse(text);
    for re in CREDIT_PATTERNS.iter() {
        if let Some(c) = re.captures(&text) {
            let credit = c
                .name("credit")
                .map(|m| clean(m.as_str()))
                .filter(|s| !s.is_empty());
            if credit.is_none() {
                continue;
            }
            let caption = c
                .name("caption")
                .map(|m| clean(m.as_str()))
                .filter(|s| !s.is_empty());
            return (caption, credit);
        }
    }
    (Some(text).filter(|t| !t.is_empty()), None)
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ';' | ',' | '|' | '–' | '—' | '-' | '/' | ':')
        })
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_split_from_captions() {
        let cases = [
            (
                "NATO Secretary General Jens Stoltenberg and the President of the Republic of Montenegro Milo Đukanović; Photo: NATO",
                Some(
                    "NATO Secretary General Jens Stoltenberg and the President of the Republic of Montenegro Milo Đukanović",
                ),
                Some("NATO"),
            ),
            (
                "Protest u Beogradu. Foto: Beta",
                Some("Protest u Beogradu"),
                Some("Beta"),
            ),
            (
                "Протест у Београду. Фото: Танјуг",
                Some("Протест у Београду"),
                Some("Танјуг"),
            ),
            (
                "Leaders meet in Brussels (Reuters)",
                Some("Leaders meet in Brussels"),
                Some("Reuters"),
            ),
            (
                "Leaders meet (AP Photo/Jane Doe)",
                Some("Leaders meet"),
                Some("AP Photo/Jane Doe"),
            ),
            (
                "Leaders meet © European Union 2021",
                Some("Leaders meet"),
                Some("European Union 2021"),
            ),
            ("Leaders meet / AFP", Some("Leaders meet"), Some("AFP")),
            (
                "Leaders meet. Photo by Jane Doe",
                Some("Leaders meet"),
                Some("Jane Doe"),
            ),
            (
                "Leaders meet. Credit: Getty Images",
                Some("Leaders meet"),
                Some("Getty Images"),
            ),
            (
                "Leaders meet in Brussels",
                Some("Leaders meet in Brussels"),
                None,
            ),
            (
                "Ratio: 3 to 1 (in 2020)",
                Some("Ratio: 3 to 1 (in 2020)"),
                None,
            ),
        ];
        for (text, caption, credit) in cases {
            let got = split_credit(text);
            assert_eq!(
                (got.0.as_deref(), got.1.as_deref()),
                (caption, credit),
                "{text}"
            );
        }
    }

    #[test]
    fn resized_copies_are_the_same_image() {
        assert!(same_image(
            "https://x.org/a/stoltenberg-djukanovic-696x464.jpg",
            "https://x.org/a/stoltenberg-djukanovic.jpg"
        ));
        assert!(!same_image(
            "https://x.org/a/one.jpg",
            "https://x.org/a/two.jpg"
        ));
    }
}
