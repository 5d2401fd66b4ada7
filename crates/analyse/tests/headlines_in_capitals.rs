//! A sentence written all in capitals (a headline, a wire slug) is read like ordinary text:
//! its verbs end names, and its people are named as the article writes them elsewhere.

fn people(a: &model::Analysis) -> Vec<(&str, Vec<&str>)> {
    a.people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.roles.iter().map(|r| r.title.as_str()).collect(),
            )
        })
        .collect()
}

#[test]
fn a_verb_in_capitals_ends_a_name() {
    let text = "FORMER PRESIDENT BILL CLINTON MET ANGELA MERKEL IN BERLIN\n\n\
                Former President Bill Clinton met Angela Merkel in Berlin on Tuesday.";
    let a = analyse::entities(text, None, None);
    assert_eq!(
        people(&a),
        [
            ("Bill Clinton", vec!["Former President"]),
            ("Angela Merkel", vec![])
        ]
    );
    let mentions: Vec<&str> = a
        .mentions
        .iter()
        .filter(|m| m.kind == model::EntityKind::Person)
        .map(|m| m.text.as_str())
        .collect();
    assert!(
        mentions.contains(&"ANGELA MERKEL") && !mentions.iter().any(|m| m.contains("MET")),
        "{mentions:?}"
    );
}

#[test]
fn places_in_a_headline_are_not_run_together() {
    let a = analyse::entities("GERMANY BEAT ENGLAND IN LONDON", None, None);
    let mut places: Vec<String> = a.places.iter().map(|p| p.name.to_lowercase()).collect();
    places.sort_unstable();
    assert_eq!(places, ["england", "germany", "london"]);
}
