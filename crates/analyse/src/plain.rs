//! Articles from plain text (blank-line separated paragraphs) and datelines found in text.

use std::sync::OnceLock;

use model::{Article, Block, BlockKind, Dateline, Link};

use crate::{gazetteer, lexicon, names};

const TRAILERS: &str = include_str!("../tables/trailers.txt");

fn trailers() -> &'static Vec<String> {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| lexicon::rows(TRAILERS).map(|r| names::key(r[0])).collect())
}

/// Builds an article from plain text: one paragraph per blank-line separated block. A
/// "Related posts" style heading ends the story; the lines after it become `related`.
pub fn article_from_text(text: &str) -> Article {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut article = Article::default();
    let mut in_trailer = false;
    for para in text.split("\n\n") {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        if !article.body.is_empty() && trailers().contains(&names::key(para)) {
            in_trailer = true;
            continue;
        }
        if in_trailer {
            article
                .related
                .extend(
                    para.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Link {
                            title: l.to_owned(),
                            url: None,
                        }),
                );
            continue;
        }
        article.body.push(Block {
            kind: BlockKind::Paragraph,
            text: para.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    article.text = article
        .body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    article.word_count = article.text.split_whitespace().count();
    article.dateline = find_dateline(&article.text);
    article
}

/// A dateline opening one of the first paragraphs: "BRUSSELS –", "SARAJEVO, May 3 (Reuters) -".
/// Only places the gazetteer knows count, so an ordinary opening clause is never taken.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    for para in text.split("\n\n").take(5) {
        let head: String = para.chars().take(80).collect();
        let Some((dash_at, dash)) = [" – ", " — ", " - ", " -- "]
            .iter()
            .filter_map(|d| head.find(d).map(|i| (i, *d)))
            .min()
        else {
            continue;
        };
        let prefix = &head[..dash_at];
        let agency = prefix
            .find('(')
            .and_then(|a| prefix[a + 1..].find(')').map(|b| &prefix[a + 1..a + 1 + b]))
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        let place = prefix
            .split([',', '('])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches(['/', ':']);
        let words = place.split_whitespace().count();
        let caps = place
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if place.is_empty() || words > 4 || !caps {
            continue;
        }
        let Some(entry) = gazetteer::get().lookup(place) else {
            continue;
        };
        return Some(Dateline {
            place: entry.name.clone(),
            country: entry.country.clone(),
            agency,
            raw: format!("{prefix}{}", dash.trim_end()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_related_section_leaves_the_body() {
        let a = article_from_text(
            "Title here\n\nPODGORICA – The story starts.\n\nRelated posts\n\nOne link\n\n\nTwo link",
        );
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.related.len(), 2);
        assert_eq!(a.text, "Title here\n\nPODGORICA – The story starts.");
        let d = a.dateline.unwrap();
        assert_eq!(
            (d.place.as_str(), d.country.as_deref()),
            ("Podgorica", Some("ME"))
        );
        assert_eq!(d.raw, "PODGORICA –");
    }

    #[test]
    fn datelines_need_a_known_place_in_capitals() {
        assert!(find_dateline("However – he said.").is_none());
        assert!(find_dateline("Brussels – lower case is a clause.").is_none());
        let d = find_dateline("SARAJEVO, May 3 (Reuters) - Text.").unwrap();
        assert_eq!(d.country.as_deref(), Some("BA"));
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert!(find_dateline("").is_none());
    }
}
