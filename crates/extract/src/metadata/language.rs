//! Language (ISO 639-1). The script of the body text decides the family of candidates; the page's
//! declaration (`<html lang>`, content-language, og:locale, JSON-LD inLanguage) is trusted when it
//! names a planned language written in that script and, for Latin-script languages, the text's
//! function words agree with it. Otherwise Latin-script text whose function words clearly name
//! one language takes it, and lingua decides the rest among the languages of that script, over
//! a bounded prefix of the body text.
//!
//! lingua is the costly part (one model lookup per trigram and candidate language: about 5 ms
//! for the 1,000-character sample), so it runs only when the declaration and the function words
//! leave the language in doubt. Its low-accuracy mode is not used: for long
//! texts the high-accuracy mode scores the same trigrams, while the low-accuracy mode first looks
//! for n-grams "unique" to one language, which on ordinary English pages picks German or Polish
//! with full confidence and costs more than the trigram scoring itself.

use std::collections::HashMap;
use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use model::Article;

use super::{Page, jsonld, sel, tables};
use crate::Options;
use crate::attrs::AttrExt;

/// The languages Kronika plans for (the lingua features in Cargo.toml) written in Latin script.
/// Serbian is absent: lingua's Serbian model is Cyrillic, and Serbian in Latin script is told
/// by the Croatian and Bosnian models (see [`same_family`]).
const LATIN: &[Language] = &[
    Language::English,
    Language::Croatian,
    Language::Bosnian,
    Language::Albanian,
    Language::Slovene,
    Language::German,
    Language::French,
    Language::Italian,
    Language::Spanish,
    Language::Romanian,
    Language::Hungarian,
    Language::Turkish,
    Language::Polish,
    Language::Czech,
    Language::Slovak,
    Language::Portuguese,
    Language::Dutch,
];

/// The planned languages written in Cyrillic.
const CYRILLIC: &[Language] = &[
    Language::Serbian,
    Language::Macedonian,
    Language::Russian,
    Language::Ukrainian,
    Language::Bulgarian,
];

/// Enough text for a confident guess; more only costs time.
const PREFIX_CHARS: usize = 1_000;
/// Below this much text a detection is not worth overriding a declaration.
const MIN_CHARS_TO_OVERRIDE: usize = 200;
/// Confidence lingua must reach to override a declaration.
const OVERRIDE_CONFIDENCE: f64 = 0.85;
/// Share of the sample's words that must be the declared language's function words for the
/// declaration to stand without lingua. Running text has 20–40 %; a page in another language
/// declared as this one has a few percent.
const FUNCTION_WORD_SHARE: f64 = 0.12;
/// How many times more common the leading language's function words must be than any
/// unrelated language's for the function words alone to name the language.
const FUNCTION_WORD_MARGIN: f64 = 1.25;
/// Fewer words than this say too little for the function-word check.
const MIN_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

fn script_of(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => {
            Some(Script::Latin)
        }
        '\u{400}'..='\u{52f}' => Some(Script::Cyrillic),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some(Script::Greek),
        _ => None,
    }
}

/// The script most of the sample's letters are in, or `None` when most are in a script no
/// planned language uses (CJK, Arabic, …).
fn dominant_script(sample: &str) -> Option<Script> {
    let (mut latin, mut cyrillic, mut greek, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        match script_of(c) {
            Some(Script::Latin) => latin += 1,
            Some(Script::Cyrillic) => cyrillic += 1,
            Some(Script::Greek) => greek += 1,
            None => other += 1,
        }
    }
    let best = latin.max(cyrillic).max(greek);
    if best == 0 || other > best {
        None
    } else if best == latin {
        Some(Script::Latin)
    } else if best == cyrillic {
        Some(Script::Cyrillic)
    } else {
        Some(Script::Greek)
    }
}

/// The scripts a planned language is written in.
fn scripts_of(code: &str) -> &'static [Script] {
    match code {
        "sr" | "bs" => &[Script::Cyrillic, Script::Latin],
        "mk" | "ru" | "uk" | "bg" => &[Script::Cyrillic],
        "el" => &[Script::Greek],
        _ => &[Script::Latin],
    }
}

/// One detector per script, built once: restricting candidates to the script's languages makes
/// each lookup cheaper and rules out cross-script confusions.
fn detector(script: Script) -> Option<&'static LanguageDetector> {
    static LATIN_DETECTOR: LazyLock<LanguageDetector> =
        LazyLock::new(|| LanguageDetectorBuilder::from_languages(LATIN).build());
    static CYRILLIC_DETECTOR: LazyLock<LanguageDetector> =
        LazyLock::new(|| LanguageDetectorBuilder::from_languages(CYRILLIC).build());
    match script {
        Script::Latin => Some(&LATIN_DETECTOR),
        Script::Cyrillic => Some(&CYRILLIC_DETECTOR),
        Script::Greek => None,
    }
}

/// Detects the sample's language among the planned languages of its script. Latin-script text
/// whose function words name its language clearly skips lingua's full comparison (about 5 ms
/// for 1,000 characters against 17 languages, more than the rest of the extraction); within
/// the Serbian–Croatian–Bosnian family, whose function words are the same, lingua still decides
/// among the family's members only.
fn detect(sample: &str, script: Script) -> Option<String> {
    static FAMILY_DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
        LanguageDetectorBuilder::from_languages(&[Language::Croatian, Language::Bosnian]).build()
    });
    if script == Script::Latin
        && let Some(lang) = function_word_language(sample)
    {
        if !same_family(lang, "hr") {
            return Some(lang.to_owned());
        }
        return FAMILY_DETECTOR.detect_language_of(sample).map(code);
    }
    match detector(script) {
        Some(d) => d.detect_language_of(sample).map(code),
        None => Some("el".to_owned()),
    }
}

/// Confidence of the sample's most likely language among those of its script.
fn top_guess(sample: &str, script: Script) -> Option<(String, f64)> {
    match detector(script) {
        Some(d) => d
            .compute_language_confidence_values(sample)
            .first()
            .map(|(l, c)| (code(*l), *c)),
        None => Some(("el".to_owned(), 1.0)),
    }
}

fn code(l: Language) -> String {
    l.iso_code_639_1().to_string()
}

fn planned_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LATIN
        .iter()
        .chain(CYRILLIC)
        .chain(&[Language::Greek])
        .map(|l| code(*l))
        .find(|c| *c == primary)
}

/// Serbian, Croatian and Bosnian share most of their text statistics: a detector choosing
/// another member of the family does not contradict a declaration.
fn same_family(a: &str, b: &str) -> bool {
    let family = ["sr", "hr", "bs"];
    a == b || (family.contains(&a) && family.contains(&b))
}

/// Function words from `tables/language_function_words.txt`: the language codes in table
/// order, and each word's languages as a bit set over that order (one lookup per word).
static FUNCTION_WORDS: LazyLock<(Vec<&'static str>, HashMap<&'static str, u64>)> =
    LazyLock::new(|| {
        let mut langs: Vec<&'static str> = Vec::new();
        let mut words: HashMap<&'static str, u64> = HashMap::new();
        let src = include_str!("../../tables/language_function_words.txt");
        for line in tables::entries(src, true) {
            if let Some((lang, list)) = line.split_once(':') {
                let lang = lang.trim();
                let bit = match langs.iter().position(|l| *l == lang) {
                    Some(i) => i,
                    None => {
                        langs.push(lang);
                        langs.len() - 1
                    }
                };
                assert!(
                    bit < 64,
                    "at most 64 languages in language_function_words.txt"
                );
                for w in list.split_whitespace() {
                    *words.entry(w).or_default() |= 1 << bit;
                }
            }
        }
        (langs, words)
    });

/// Per language of the function-word table (in its order), how many of the sample's words are
/// its function words; and how many words the sample has.
fn function_word_hits(sample: &str) -> ([usize; 64], usize) {
    let (_, table) = &*FUNCTION_WORDS;
    let mut hits = [0usize; 64];
    let mut n = 0usize;
    let mut lower = String::new();
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        n += 1;
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        let mut mask = table.get(lower.as_str()).copied().unwrap_or(0);
        while mask != 0 {
            hits[mask.trailing_zeros() as usize] += 1;
            mask &= mask - 1;
        }
    }
    (hits, n)
}

/// Whether the sample reads as Latin-script text in `declared`: its function words are common
/// and no unrelated language's are more common.
fn function_words_agree(sample: &str, declared: &str) -> bool {
    let (langs, _) = &*FUNCTION_WORDS;
    let Some(own) = langs.iter().position(|l| *l == declared) else {
        return false;
    };
    let (hits, n) = function_word_hits(sample);
    if n < MIN_WORDS {
        return false;
    }
    let own_hits = hits[own];
    own_hits as f64 >= FUNCTION_WORD_SHARE * n as f64
        && langs
            .iter()
            .zip(hits)
            .filter(|(lang, _)| !same_family(lang, declared))
            .all(|(_, h)| h <= own_hits)
}

/// The Latin-script language whose function words clearly dominate the sample: common enough
/// for running text, and at least [`FUNCTION_WORD_MARGIN`] times as common as any unrelated
/// language's. `None` when no language stands out that clearly.
fn function_word_language(sample: &str) -> Option<&'static str> {
    let (langs, _) = &*FUNCTION_WORDS;
    let (hits, n) = function_word_hits(sample);
    if n < MIN_WORDS {
        return None;
    }
    let (best, best_hits) = langs
        .iter()
        .zip(hits)
        .fold(None::<(&str, usize)>, |acc, (l, h)| match acc {
            Some((_, bh)) if bh >= h => acc,
            _ => Some((l, h)),
        })?;
    let clear = best_hits as f64 >= FUNCTION_WORD_SHARE * n as f64
        && langs
            .iter()
            .zip(hits)
            .filter(|(lang, _)| !same_family(lang, best))
            .all(|(_, h)| h as f64 * FUNCTION_WORD_MARGIN <= best_hits as f64);
    clear.then_some(best)
}

/// The first [`PREFIX_CHARS`] characters of the body text, or of the title and description
/// when the body is empty.
fn sample(article: &Article) -> String {
    let mut sample = String::new();
    let mut chars = 0;
    for text in article.body.iter().map(|b| b.text.as_str()) {
        for c in text.chars().chain(['\n']) {
            if chars >= PREFIX_CHARS {
                return sample;
            }
            sample.push(c);
            chars += 1;
        }
    }
    if sample.trim().is_empty() {
        sample = [article.title.as_deref(), article.description.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
            .chars()
            .take(PREFIX_CHARS)
            .collect();
    }
    sample
}

/// The language of plain text with no page around it (ISO 639-1), from its first
/// characters as for a page's body.
pub fn language_of_text(text: &str) -> Option<String> {
    let sample: String = text.chars().take(PREFIX_CHARS).collect();
    detect(&sample, dominant_script(&sample)?)
}

pub(crate) fn language(page: &Page, article: &mut Article, options: &Options) -> Option<String> {
    static HTML: LazyLock<scraper::Selector> = LazyLock::new(|| sel("html[lang]"));
    let declared = page
        .doc
        .select(&HTML)
        .next()
        .and_then(|h| h.attribute("lang").map(str::to_owned))
        .into_iter()
        .chain(page.meta_first(&["content-language", "language", "dc.language", "og:locale"]))
        .chain(jsonld::first_string(page.ld_article_field("inLanguage")))
        .find_map(|t| planned_code(&t));

    if !options.detect_language {
        return declared;
    }
    let sample = sample(article);
    if sample.trim().is_empty() {
        return declared;
    }
    let Some(script) = dominant_script(&sample) else {
        return declared;
    };
    let Some(d) = declared else {
        return detect(&sample, script);
    };
    if sample.chars().count() < MIN_CHARS_TO_OVERRIDE {
        return Some(d);
    }
    if scripts_of(&d).contains(&script)
        && (script != Script::Latin || function_words_agree(&sample, &d))
    {
        return Some(d);
    }
    let contradicted = match top_guess(&sample, script) {
        // A declaration in another script is contradicted by the script itself.
        Some((l, _)) if !scripts_of(&d).contains(&script) => Some(l),
        Some((l, conf)) if conf >= OVERRIDE_CONFIDENCE && !same_family(&l, &d) => Some(l),
        _ => None,
    };
    match contradicted {
        Some(l) => {
            article.warnings.push(format!(
                "the page declares language {d:?} but its text is {l:?}"
            ));
            Some(l)
        }
        None => Some(d),
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
        assert_eq!(detect(sr, Script::Cyrillic).as_deref(), Some("sr"));
        assert_eq!(detect(ru, Script::Cyrillic).as_deref(), Some("ru"));
    }

    const EN: &str = "As technology advances, wireless headphones are evolving with new features, \
        improved sound quality and longer battery life. In this post we look at the trends that \
        shape the next generation of earbuds, from the codecs they use to the way they connect \
        to phones and laptops, and we recommend a few models that are already worth buying.";
    const HR: &str = "Predsjednik Crne Gore razgovarao je s glavnim tajnikom NATO-a o suradnji u \
        regiji i o reformama koje su potrebne da bi zemlja ispunila svoje obveze. Sastanak je \
        održan u sjedištu saveza u Bruxellesu, a nakon njega su obojica dali izjave za medije u \
        kojima su istaknuli da je suradnja dobra i da će se nastaviti.";

    #[test]
    fn plain_text_has_a_language_too() {
        assert_eq!(language_of_text(EN).as_deref(), Some("en"));
        assert!(matches!(language_of_text(HR).as_deref(), Some("hr" | "bs")));
        let sr = "Председник Црне Горе разговарао је са генералним секретаром НАТО-а о сарадњи у региону.";
        assert_eq!(language_of_text(sr).as_deref(), Some("sr"));
        assert_eq!(language_of_text("1234 — 5678"), None);
    }

    #[test]
    fn function_words_confirm_the_right_declaration_only() {
        assert!(function_words_agree(EN, "en"));
        assert!(!function_words_agree(EN, "de"));
        assert!(!function_words_agree(HR, "en"));
        assert!(function_words_agree(HR, "hr"));
        assert!(function_words_agree(HR, "sr"));
    }

    #[test]
    fn function_words_name_only_clear_cases() {
        assert_eq!(function_word_language(EN), Some("en"));
        // The family shares its function words: the first of the family in the table leads,
        // and lingua tells its members apart.
        assert!(matches!(
            function_word_language(HR),
            Some("hr" | "bs" | "sr")
        ));
        assert!(matches!(
            detect(HR, Script::Latin).as_deref(),
            Some("hr" | "bs")
        ));
        assert_eq!(function_word_language("the der the der"), None);
        let half = "the of and to was der die und das ist ".repeat(3);
        assert_eq!(function_word_language(&half), None);
    }

    #[test]
    fn plain_english_is_detected_as_english() {
        assert_eq!(detect(EN, Script::Latin).as_deref(), Some("en"));
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(dominant_script(EN), Some(Script::Latin));
        assert_eq!(
            dominant_script("Председник Црне Горе, NATO"),
            Some(Script::Cyrillic)
        );
        assert_eq!(dominant_script("Ο πρωθυπουργός"), Some(Script::Greek));
        assert_eq!(dominant_script("古今東西の偉人たち iPhone"), None);
    }

    fn page(lang: &str, body: &str) -> model::Article {
        let html = format!(
            "<html{lang}><head><title>T</title></head><body><article><h1>T</h1><p>{body}</p>\
             <p>{body}</p></article></body></html>"
        );
        crate::extract_html(&html, None, &crate::Options::default()).expect("an article")
    }

    #[test]
    fn a_declaration_the_text_confirms_stands_without_warning() {
        let a = page(r#" lang="en-US""#, EN);
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(!a.warnings.iter().any(|w| w.contains("declares language")));
    }

    #[test]
    fn a_wrong_declaration_is_overridden_by_the_text() {
        let a = page(r#" lang="en-US""#, HR);
        assert!(matches!(a.language.as_deref(), Some("hr" | "bs" | "sr")));
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("declares language \"en\""))
        );
    }

    #[test]
    fn undeclared_text_is_detected_and_unplanned_scripts_give_none() {
        assert_eq!(page("", EN).language.as_deref(), Some("en"));
        let ja = "古今東西の偉人たちが転生し、暮らしている異世界――さくら小町。その一角に「おもいで食堂」と呼ばれる和食店があった。";
        assert_eq!(page(r#" lang="ja""#, ja).language, None);
    }
}
