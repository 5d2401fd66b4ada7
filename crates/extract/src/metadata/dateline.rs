//! The dateline opening the first body paragraph ("BRUSSELS –", "SARAJEVO, May 3 (Reuters) -",
//! "WASHINGTON (AP) —"), removed from the paragraph and kept as a record. Conservative: the
//! place is 1–3 all-capital words (or a capitalised place directly followed by an agency in
//! parentheses), ending in a dash, optionally with a region, a date and an agency before it.

use std::sync::LazyLock;

use model::{Block, BlockKind, Dateline};
use regex::Regex;

use super::authors::title_case;
use super::tables::{DATELINE_NOT_PLACES, MONTHS};

/// How many leading blocks may precede the first paragraph (a kicker, a standfirst heading).
const LEADING_BLOCKS: usize = 3;

pub(crate) fn split(body: &mut [Block]) -> Option<Dateline> {
    let block = body
        .iter_mut()
        .take(LEADING_BLOCKS)
        .find(|b| b.kind == BlockKind::Paragraph)?;
    let (dateline, rest) = parse(&block.text)?;
    block.text = rest;
    Some(dateline)
}

fn parse(text: &str) -> Option<(Dateline, String)> {
    static CAPS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^\s*(?P<raw>
              (?P<place>\p{Lu}[\p{Lu}.'’-]+(?:\ \p{Lu}[\p{Lu}.'’-]*){0,2})
              (?:,\s*(?P<region>\p{Lu}[\p{L}.]+(?:\ \p{Lu}[\p{L}.]+)?))??
              (?:,\s*(?P<date>\p{L}{3,10}\.?\s+\d{1,2}|\d{1,2}\.?\s+\p{L}{3,10}\.?)(?:,?\s+\d{4}\.?)?)?
              (?:\s*\((?P<agency>[^()]{2,40})\))?
              \s*(?:[–—]|-{1,2})
            )\s+(?P<rest>\S.*)$",
        )
        .expect("static regex")
    });
    static AGENCY_LED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?xs)^\s*(?P<raw>
              (?P<place>\p{Lu}\p{Ll}+(?:[\ -]\p{Lu}\p{Ll}+){0,2})
              (?:,\s*(?P<date>\p{L}{3,10}\.?\s+\d{1,2}|\d{1,2}\.?\s+\p{L}{3,10}\.?)(?:,?\s+\d{4}\.?)?)?
              \s*\((?P<agency>[^()]{2,40})\)
              \s*(?:[–—]|-{1,2})
            )\s+(?P<rest>\S.*)$",
        )
        .expect("static regex")
    });
    let c = CAPS.captures(text).or_else(|| AGENCY_LED.captures(text))?;
    let place = &c["place"];
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || DATELINE_NOT_PLACES.contains(place.to_lowercase().as_str()) {
        return None;
    }
    if let Some(d) = c.name("date") {
        let word = d
            .as_str()
            .split(|ch: char| !ch.is_alphabetic())
            .find(|w| !w.is_empty())?;
        MONTHS.get(&word.to_lowercase())?;
    }
    let agency = match c.name("agency") {
        Some(a) => {
            let a = a.as_str().trim();
            // "WASHINGTON (January 24, 2017) —": a date in parentheses, not an agency.
            if a.chars().any(|ch| ch.is_ascii_digit()) {
                return Some((
                    Dateline {
                        place: title_case(place),
                        country: None,
                        agency: None,
                        raw: c["raw"].trim().to_owned(),
                    },
                    c["rest"].trim().to_owned(),
                ))
                .filter(|(_, rest)| !rest.is_empty());
            }
            let words = a.split_whitespace().count();
            if words == 0 || words > 4 || !a.starts_with(|ch: char| ch.is_uppercase()) {
                return None;
            }
            Some(a.to_owned())
        }
        None => None,
    };
    let rest = c["rest"].trim().to_owned();
    if rest.is_empty() {
        return None;
    }
    Some((
        Dateline {
            place: title_case(place),
            country: None,
            agency,
            raw: c["raw"].trim().to_owned(),
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, place: &str, agency: Option<&str>, raw: &str, rest: &str) {
        let (d, r) = parse(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(
            (
                d.place.as_str(),
                d.agency.as_deref(),
                d.raw.as_str(),
                r.as_str()
            ),
            (place, agency, raw, rest)
        );
    }

    #[test]
    fn datelines_of_several_forms() {
        check(
            "BRUSSELS – NATO Secretary General met",
            "Brussels",
            None,
            "BRUSSELS –",
            "NATO Secretary General met",
        );
        check(
            "SARAJEVO, May 3 (Reuters) - Bosnia's",
            "Sarajevo",
            Some("Reuters"),
            "SARAJEVO, May 3 (Reuters) -",
            "Bosnia's",
        );
        check(
            "WASHINGTON (AP) — The Senate",
            "Washington",
            Some("AP"),
            "WASHINGTON (AP) —",
            "The Senate",
        );
        check(
            "NEW YORK -- Stocks fell",
            "New York",
            None,
            "NEW YORK --",
            "Stocks fell",
        );
        check(
            "БЕОГРАД – Председник",
            "Београд",
            None,
            "БЕОГРАД –",
            "Председник",
        );
        check(
            "Belgrade (Beta) - The government",
            "Belgrade",
            Some("Beta"),
            "Belgrade (Beta) -",
            "The government",
        );
    }

    #[test]
    fn a_date_in_parentheses_is_not_an_agency() {
        check(
            "WASHINGTON (January 24, 2017) — The",
            "Washington",
            None,
            "WASHINGTON (January 24, 2017) —",
            "The",
        );
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for text in [
            "NATO – the Alliance – said",
            "The President said – after a pause – that",
            "EU leaders met",
            "In Brussels – the capital – leaders met",
            "UPDATE – The story",
            "BRUSSELS, Monday morning – no",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}
