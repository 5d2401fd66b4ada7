//! Language (ISO 639-1): the page's declaration (`<html lang>`, content-language, og:locale,
//! JSON-LD inLanguage) when it names a language we plan for and the text does not clearly
//! contradict it; else lingua over a bounded prefix of the body text.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use model::Article;

use super::{Page, jsonld, sel};
use crate::Options;

/// The languages Kronika plans for (the lingua features in Cargo.toml).
const PLANNED: &[Language] = &[
    Language::English,
    Language::Serbian,
    Language::Croatian,
    Language::Bosnian,
    Language::Albanian,
    Language::Macedonian,
    Language::Slovene,
    Language::German,
    Language::French,
    Language::Russian,
    Language::Ukrainian,
    Language::Bulgarian,
    Language::Italian,
    Language::Spanish,
    Language::Greek,
    Language::Romanian,
    Language::Hungarian,
    Language::Turkish,
    Language::Polish,
    Language::Czech,
    Language::Slovak,
    Language::Portuguese,
    Language::Dutch,
];

/// Enough text for a confident guess; more only costs time.
const PREFIX_CHARS: usize = 1_000;
/// Below this much text a detection is not worth overriding a declaration.
const MIN_CHARS_TO_OVERRIDE: usize = 200;
/// Confidence lingua must reach to override a declaration.
const OVERRIDE_CONFIDENCE: f64 = 0.85;

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(PLANNED)
            .with_low_accuracy_mode()
            .build()
    })
}

fn code(l: Language) -> String {
    l.iso_code_639_1().to_string()
}

fn planned_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    PLANNED.iter().map(|l| code(*l)).find(|c| *c == primary)
}

/// Serbian, Croatian and Bosnian share most of their text statistics: a detector choosing
/// another member of the family does not contradict a declaration.
fn same_family(a: &str, b: &str) -> bool {
    let family = ["sr", "hr", "bs"];
    a == b || (family.contains(&a) && family.contains(&b))
}

pub(crate) fn language(page: &Page, article: &mut Article, options: &Options) -> Option<String> {
    static HTML: std::sync::LazyLock<scraper::Selector> =
        std::sync::LazyLock::new(|| sel("html[lang]"));
    let declared = page
        .doc
        .select(&HTML)
        .next()
        .and_then(|h| h.attr("lang").map(str::to_owned))
        .into_iter()
        .chain(page.meta_first(&["content-language", "language", "dc.language", "og:locale"]))
        .chain(jsonld::first_string(page.ld_article_field("inLanguage")))
        .find_map(|t| planned_code(&t));

    if !options.detect_language {
        return declared;
    }
    let mut sample: String = article
        .body
        .iter()
        .flat_map(|b| [b.text.as_str(), "\n"])
        .collect::<String>();
    if sample.trim().is_empty() {
        sample = [article.title.as_deref(), article.description.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
    }
    let sample: String = sample.chars().take(PREFIX_CHARS).collect();
    if sample.trim().is_empty() {
        return declared;
    }
    match declared {
        Some(d) if sample.chars().count() < MIN_CHARS_TO_OVERRIDE => Some(d),
        Some(d) => {
            let values = detector().compute_language_confidence_values(sample);
            match values.first() {
                Some((l, conf)) if *conf >= OVERRIDE_CONFIDENCE && !same_family(&code(*l), &d) => {
                    article.warnings.push(format!(
                        "the page declares language {d:?} but its text is {:?}",
                        code(*l)
                    ));
                    Some(code(*l))
                }
                _ => Some(d),
            }
        }
        None => detector().detect_language_of(sample).map(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_map_to_planned_codes() {
        assert_eq!(planned_code("en-US").as_deref(), Some("en"));
        assert_eq!(planned_code("sr_RS").as_deref(), Some("sr"));
        assert_eq!(planned_code("ja"), None);
    }

    #[test]
    fn detector_tells_serbian_cyrillic_from_russian() {
        let sr = "Председник Црне Горе разговарао је са генералним секретаром НАТО-а о сарадњи у региону.";
        let ru =
            "Президент Черногории обсудил с генеральным секретарём НАТО сотрудничество в регионе.";
        assert_eq!(
            detector().detect_language_of(sr).map(code).as_deref(),
            Some("sr")
        );
        assert_eq!(
            detector().detect_language_of(ru).map(code).as_deref(),
            Some("ru")
        );
    }
}
