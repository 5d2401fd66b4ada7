//! German capitalises every noun, and the English tagger reads many of them as names. In
//! German text only likely names are kept: a person from a given name on, a place of the
//! gazetteer, an organisation ending in a head word.

const TEXT: &str = "Die Biologin Tina Hildebrandt untersuchte im Labor die Parasiten. \
    Das Genom von Sapria zeigt, dass Pflanzen Gene von ihren Wirten übernehmen. \
    Laut Hildebrandt ist die Fotosynthese bei diesen Arten verloren gegangen. \
    Die Ergebnisse wurden an der Harvard University und in Berlin vorgestellt. \
    Weitere Untersuchungen sollen folgen, sagte Hildebrandt.";

#[test]
fn only_likely_names_are_people_in_german() {
    let a = analyse::entities(TEXT, None, Some("de"));
    let people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, ["Tina Hildebrandt"]);
    let places: Vec<(&str, Option<&str>)> = a
        .places
        .iter()
        .map(|p| (p.name.as_str(), p.country.as_deref()))
        .collect();
    assert_eq!(places, [("Berlin", Some("DE"))]);
    let orgs: Vec<&str> = a.organisations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(orgs, ["Harvard University"]);
}

#[test]
fn read_as_english_the_same_text_finds_nouns_as_names() {
    // What the German mode is for: without it, capitalised nouns become people or places.
    let a = analyse::entities(TEXT, None, Some("en"));
    let found = a.people.len() + a.places.len() + a.organisations.len();
    assert!(found > 3, "{:?}", (&a.people, &a.places, &a.organisations));
}
