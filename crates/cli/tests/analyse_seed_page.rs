//! The seed story as a web page: extraction, then analysis, must give the same people, roles,
//! places, organisations and dateline country as the plain text.

use model::{EntityKind, PlaceKind};

const PAGE: &[u8] = include_bytes!("../../../fixtures/seed/seed-article.html");

fn analysed() -> model::AnalysedArticle {
    let input = extract::Input {
        bytes: PAGE,
        url: None,
        content_type: None,
    };
    let article = extract::extract(&input, &extract::Options::default()).expect("page extracts");
    analyse::enrich(article)
}

#[test]
fn seed_page_gives_two_people_with_roles_and_resolved_mentions() {
    let a = analysed();
    let people = &a.analysis.people;
    assert_eq!(people.len(), 2, "{people:#?}");
    let st = people
        .iter()
        .find(|p| p.key == "jens stoltenberg")
        .expect("Stoltenberg");
    let dj = people
        .iter()
        .find(|p| p.key == "milo djukanovic")
        .expect("Đukanović");
    assert!(
        st.roles
            .iter()
            .any(|r| r.title == "Secretary General" && r.of.as_deref() == Some("NATO"))
    );
    assert!(
        dj.roles
            .iter()
            .any(|r| r.title == "President" && r.of.as_deref() == Some("Montenegro"))
    );
    let texts = |p: &model::Person| -> Vec<String> {
        p.mentions
            .iter()
            .map(|&m| a.analysis.mentions[m].text.clone())
            .collect()
    };
    for m in [
        "NATO Secretary General Jens Stoltenberg",
        "the NATO Secretary General",
        "he",
        "He",
        "The Secretary General",
    ] {
        assert!(
            texts(st).iter().any(|t| t == m),
            "{m} not in {:?}",
            texts(st)
        );
    }
    for m in ["President of Montenegro Milo Đukanović", "Đukanović"] {
        assert!(
            texts(dj).iter().any(|t| t == m),
            "{m} not in {:?}",
            texts(dj)
        );
    }
}

#[test]
fn seed_page_places_organisations_facility_and_dateline() {
    let a = analysed();
    for (name, cc) in [
        ("Brussels", "BE"),
        ("Montenegro", "ME"),
        ("Kosovo", "XK"),
        ("Italy", "IT"),
        ("Greece", "GR"),
    ] {
        let p = a
            .analysis
            .places
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(p.country.as_deref(), Some(cc));
    }
    let wb = a
        .analysis
        .places
        .iter()
        .find(|p| p.name == "Western Balkans")
        .expect("Western Balkans");
    assert_eq!(wb.kind, PlaceKind::Region);
    assert!(wb.aliases.iter().any(|x| x == "WB"));
    for o in ["NATO", "Afghan Security Forces"] {
        assert!(a.analysis.organisations.iter().any(|x| x.name == o), "{o}");
    }
    assert!(
        a.analysis
            .places
            .iter()
            .any(|p| p.name == "NATO Headquarters" && p.kind == PlaceKind::Facility)
    );
    assert!(
        a.analysis
            .mentions
            .iter()
            .any(|m| m.kind == EntityKind::Facility)
    );
    assert_eq!(
        a.article
            .dateline
            .as_ref()
            .and_then(|d| d.country.as_deref()),
        Some("BE")
    );
}
