//! Roles in English news whose owner or title the tables alone do not give: an agency's
//! acronym before the title, academic titles with their modifiers, and an employer's name that
//! a photo credit glues to a person's.

/// A role as (title, owner).
type RoleOf = (String, Option<String>);

fn people(text: &str) -> Vec<(String, Vec<RoleOf>)> {
    let mut out: Vec<_> = analyse::entities(text, None, Some("en"))
        .people
        .into_iter()
        .map(|p| {
            let roles = p.roles.into_iter().map(|r| (r.title, r.of)).collect();
            (p.name, roles)
        })
        .collect();
    out.sort();
    out
}

fn role(title: &str, of: Option<&str>) -> Vec<RoleOf> {
    vec![(title.to_owned(), of.map(str::to_owned))]
}

#[test]
fn an_acronym_before_a_title_owns_it() {
    assert_eq!(
        people("NASA Administrator Charles Bolden spoke at the launch."),
        [(
            "Charles Bolden".to_owned(),
            role("Administrator", Some("NASA"))
        )]
    );
    assert_eq!(
        people("FBI Director James Comey testified on Thursday."),
        [("James Comey".to_owned(), role("Director", Some("FBI")))]
    );
}

#[test]
fn an_academic_title_is_a_role_not_part_of_the_name() {
    assert_eq!(
        people("The panel is chaired by Emeritus Professor John Burrows, who backs a change."),
        [("John Burrows".to_owned(), role("Emeritus Professor", None))]
    );
}

#[test]
fn an_organisation_before_a_name_is_not_part_of_it() {
    for text in [
        "The children waved from the school. Image credit: UNICEF Bill Ingalls.",
        "The shuttle was photographed by NASA Bill Ingalls at dawn.",
    ] {
        assert_eq!(
            people(text),
            [("Bill Ingalls".to_owned(), vec![])],
            "{text}"
        );
    }
}

#[test]
fn a_people_or_faith_standing_alone_is_no_person() {
    let found = people(
        "More than 900 asylum seekers were rescued off the coast of Aceh. Thousands of Rohingya \
         have fled Myanmar, spokesman Jeff Rathke said.",
    );
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Jeff Rathke"]);
}

#[test]
fn an_abbreviated_title_is_the_role() {
    assert_eq!(
        people("Sen. Bob Menendez met Gen. Mark Milley and Lt. Col. Alexander Vindman."),
        [
            (
                "Alexander Vindman".to_owned(),
                role("Lieutenant Colonel", None)
            ),
            ("Bob Menendez".to_owned(), role("Senator", None)),
            ("Mark Milley".to_owned(), role("General", None)),
        ]
    );
}

#[test]
fn a_portfolio_after_of_or_for_is_part_of_the_title() {
    assert_eq!(
        people("Minister of Health Ana Lopez said the clinics will stay open."),
        [("Ana Lopez".to_owned(), role("Minister of Health", None))]
    );
    assert_eq!(
        people("Secretary for Trade and Industry Mr. Robert Hale says prices will fall."),
        [(
            "Robert Hale".to_owned(),
            role("Secretary for Trade and Industry", None)
        )]
    );
}

#[test]
fn a_portfolio_before_the_title_is_part_of_it() {
    assert_eq!(
        people("Health Minister Ana Lopez said the clinics will stay open."),
        [("Ana Lopez".to_owned(), role("Health Minister", None))]
    );
}

#[test]
fn a_title_set_off_by_a_comma_before_the_name_is_the_role() {
    assert_eq!(
        people("In a statement, Canada's Prime Minister, Robert Hale, said the talks would go on."),
        [(
            "Robert Hale".to_owned(),
            role("Prime Minister", Some("Canada"))
        )]
    );
    // After a verb or preposition the title is an object, and the name the next subject.
    let found = people("After meeting the Prime Minister, Robert Hale said the talks would go on.");
    assert_eq!(found, [("Robert Hale".to_owned(), vec![])]);
}

#[test]
fn a_title_that_names_no_one_makes_no_person() {
    // A title closing the tagger's span is the office's, not part of a name.
    let found = people("Jane Roe, a clerk for the LA Sheriff's office, said the file was lost.");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Jane Roe"]);
    // A place after a title is a character's name, not a person.
    let found = people("Fans came dressed as Captain America and Nick Moreau took the photos.");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.contains(&"America"), "{names:?}");
    // After "a", an ambiguous title is an adjective.
    let found = people("The museum is part of a major Warhol donor program.");
    assert!(found.iter().all(|(_, roles)| roles.is_empty()), "{found:?}");
}

#[test]
fn an_arabic_article_joined_by_a_hyphen_stays_in_the_name() {
    let found =
        people("Civil Defense spokesman Suleiman al-Amr said the dead were taken to hospital.");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Suleiman al-Amr"]);
}

#[test]
fn a_describing_compound_is_no_name() {
    let found =
        people("Atwood, a Booker Prize-winner, launched her novel. Wong Kwok-hing lost his seat.");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Booker")), "{names:?}");
    assert!(names.contains(&"Wong Kwok-hing"), "{names:?}");
}
