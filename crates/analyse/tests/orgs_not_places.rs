//! Organisations whose names a place gazetteer also lists under some language's spelling.

#[test]
fn hamas_is_an_organisation_not_the_town_of_hamm() {
    // GeoNames gives "Hamas" as an alternate name of Hamm (Germany).
    let a = analyse::entities(
        "Israeli officials said Hamas fighters crossed the border on Saturday. \
         Hamas leader Ismail Haniyeh said the group would fight on.",
        None,
        None,
    );
    assert!(
        a.organisations.iter().any(|o| o.name == "Hamas"),
        "{:?}",
        a.organisations
    );
    assert!(
        a.places.iter().all(|p| p.country.as_deref() != Some("DE")),
        "{:?}",
        a.places
    );
}
