//! The seed story (fixtures/seed) as plain text: people with roles, every mention the reader
//! links, places with countries, organisations, the facility and the dateline.

use analyse::names;
use model::{AnalysedArticle, EntityKind, MentionForm, PlaceKind};
use serde_json::Value;

const SEED_TXT: &str = include_str!("../../../fixtures/seed/seed-article.txt");
const EXPECTED: &str = include_str!("../../../fixtures/seed/expected.json");

fn analysed() -> AnalysedArticle {
    analyse::enrich(analyse::plain::article_from_text(SEED_TXT))
}

fn expected() -> Value {
    serde_json::from_str(EXPECTED).expect("expected.json parses")
}

#[test]
fn seed_has_exactly_the_two_people_with_their_roles() {
    let a = analysed();
    let exp = expected();
    let people = exp["people"].as_array().unwrap();
    assert_eq!(
        a.analysis.people.len(),
        people.len(),
        "{:#?}",
        a.analysis.people
    );
    for want in people {
        let name = want["name"].as_str().unwrap();
        let p = a
            .analysis
            .people
            .iter()
            .find(|p| names::same_name(&p.name, name))
            .unwrap_or_else(|| panic!("{name} not found"));
        for role in want["roles"].as_array().unwrap() {
            assert!(
                p.roles
                    .iter()
                    .any(|r| r.title == role["title"].as_str().unwrap()
                        && r.of.as_deref() == role["of"].as_str()),
                "{name}: {:?} lacks {role}",
                p.roles
            );
        }
    }
    let dj = a
        .analysis
        .people
        .iter()
        .find(|p| p.key == "milo djukanovic")
        .unwrap();
    assert_eq!(dj.roles[0].country.as_deref(), Some("ME"));
}

#[test]
fn every_expected_mention_resolves_to_its_person() {
    let a = analysed();
    for want in expected()["people"].as_array().unwrap() {
        let name = want["name"].as_str().unwrap();
        let (pid, p) = a
            .analysis
            .people
            .iter()
            .enumerate()
            .find(|(_, p)| names::same_name(&p.name, name))
            .unwrap();
        let texts: Vec<&str> = p
            .mentions
            .iter()
            .map(|&m| a.analysis.mentions[m].text.as_str())
            .collect();
        for m in want["mentions"].as_array().unwrap() {
            let m = m.as_str().unwrap();
            assert!(texts.contains(&m), "{name}: mention {m:?} not in {texts:?}");
        }
        for &m in &p.mentions {
            let mention = &a.analysis.mentions[m];
            assert_eq!(mention.entity, Some(pid));
            assert_eq!(mention.kind, EntityKind::Person);
            let chars: String = a
                .article
                .text
                .chars()
                .skip(mention.span.start)
                .take(mention.span.len())
                .collect();
            assert_eq!(chars, mention.text, "span points at the mention's text");
        }
    }
    // No person mention is left unresolved in this story.
    let loose: Vec<_> = a
        .analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.entity.is_none())
        .collect();
    assert!(loose.is_empty(), "{loose:#?}");
    // Pronouns inside quotations ("you", "I", "we") are not person mentions.
    assert!(
        a.analysis
            .mentions
            .iter()
            .all(|m| m.form != MentionForm::Pronoun
                || ["he", "He", "his", "him"].contains(&m.text.as_str()))
    );
}

#[test]
fn seed_places_have_their_countries_and_the_region_its_abbreviation() {
    let a = analysed();
    for want in expected()["places"].as_array().unwrap() {
        let name = want["name"].as_str().unwrap();
        let p = a
            .analysis
            .places
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not among {:?}", a.analysis.places));
        assert_eq!(p.country.as_deref(), want["country"].as_str(), "{name}");
        if let Some(kind) = want["kind"].as_str() {
            assert_eq!(kind, "region");
            assert_eq!(p.kind, PlaceKind::Region);
        }
        if let Some(aliases) = want["aliases_in_text"].as_array() {
            for alias in aliases {
                assert!(
                    p.aliases.iter().any(|x| x == alias.as_str().unwrap()),
                    "{p:?}"
                );
            }
        }
        if p.country.is_some() {
            assert!(p.lat.is_some() && p.lon.is_some(), "{name} has coordinates");
        }
    }
    let wb = a
        .analysis
        .places
        .iter()
        .position(|p| p.name == "Western Balkans")
        .unwrap();
    assert!(
        a.analysis
            .mentions
            .iter()
            .any(|m| m.text == "WB" && m.entity == Some(wb) && m.kind == EntityKind::Location)
    );
}

#[test]
fn seed_organisations_facility_and_dateline() {
    let a = analysed();
    for want in expected()["organisations"].as_array().unwrap() {
        let want = want.as_str().unwrap();
        assert!(
            a.analysis.organisations.iter().any(|o| o.name == want),
            "{want} not among {:?}",
            a.analysis.organisations
        );
    }
    for want in expected()["facilities"].as_array().unwrap() {
        let want = want.as_str().unwrap();
        let fac = a
            .analysis
            .places
            .iter()
            .position(|p| p.name == want && p.kind == PlaceKind::Facility)
            .unwrap_or_else(|| panic!("{want} is no facility"));
        assert!(
            a.analysis
                .mentions
                .iter()
                .any(|m| m.kind == EntityKind::Facility && m.entity == Some(fac))
        );
    }
    let d = a.article.dateline.as_ref().expect("dateline");
    assert_eq!(
        d.place,
        expected()["article"]["dateline"]["place"].as_str().unwrap()
    );
    assert_eq!(d.country.as_deref(), Some("BE"));
    // The site's "Related posts" are not part of the story.
    assert!(!a.article.text.contains("Related posts"));
    assert_eq!(a.article.related.len(), 3);
}

#[test]
fn every_variant_that_must_match_reaches_the_persons_key() {
    let exp = expected();
    for want in exp["people"].as_array().unwrap() {
        let name = want["name"].as_str().unwrap();
        let Some(variants) = want["variants_that_must_match"].as_array() else {
            continue;
        };
        let surname = name.split_whitespace().last().unwrap();
        for v in variants {
            let v = v.as_str().unwrap();
            let target = if v.split_whitespace().count() > 1 {
                name
            } else {
                surname
            };
            assert_eq!(names::match_key(v), names::match_key(target), "{v}");
            assert!(names::names_same_person(v, name), "{v} names {name}");
        }
    }
    assert_eq!(names::key("Ђукановић"), names::key("Đukanović"));
    assert_eq!(names::key("Мило Ђукановић"), "milo djukanovic");
}
