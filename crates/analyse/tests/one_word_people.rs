//! A word alone is a person of its own only when it can be a name: not a letter, not an
//! acronym, not a dictionary word the tagger is unsure of. It still names a person the text
//! has introduced in full.

fn people(text: &str) -> Vec<String> {
    analyse::entities(text, None, None)
        .people
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn letters_acronyms_and_brands_are_nobody() {
    // The tagger reads each of these as a one-word person, with a confidence of 0.45–0.69.
    for text in [
        "It is hard to imagine that AI and Machine Learning won't play a major role in \
         medicine. That's a job for AI. As more and more systems are run by AI, we have to \
         ensure that we know what they do.",
        "With the fifth beta of iOS 16, Apple has updated the battery icon on iPhones. Ever \
         since the launch of the iPhone X with the notch, Apple has not allowed users to show \
         their battery percentage.",
        "AT&T said it will also add this feature.",
        "Gen Z. shoppers prefer apps. Many Gen Z. buyers said so.",
    ] {
        assert_eq!(people(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn a_surname_that_is_also_a_word_still_names_the_person_met_before() {
    let text = "Ryan Gosling stars in the film. Critics praised Gosling for the role, \
                and Gosling thanked the director.";
    assert_eq!(people(text), ["Ryan Gosling"]);
}

#[test]
fn a_place_in_a_case_form_is_nobody_in_serbian() {
    let text = "Rumunski grad Sibiu biće, zajedno sa Luksemburgom, Evropska prestonica kulture \
                u 2007. godini, u skladu sa odlukom koju je doneo Savet ministara.";
    let a = analyse::entities(text, None, Some("sr"));
    let people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert!(!people.contains(&"Luksemburgom"), "{people:?}");
}

#[test]
fn a_surname_alone_carries_a_surname_key_and_a_given_name_none() {
    let surname_keys = |text: &str| -> Vec<(String, String)> {
        analyse::entities(text, None, None)
            .people
            .into_iter()
            .map(|p| (p.name, p.surname_key))
            .collect()
    };
    assert_eq!(
        surname_keys("Merkel said the talks had gone well, and Paul agreed."),
        [
            ("Merkel".to_string(), "merkel".to_string()),
            ("Paul".to_string(), String::new())
        ]
    );
    // A full name has its surname in its case key instead.
    let full = surname_keys("Angela Merkel said the talks had gone well.");
    assert_eq!(full, [("Angela Merkel".to_string(), String::new())]);
}

#[test]
fn a_word_the_text_calls_a_ship_is_nobody() {
    for (text, language) in [
        (
            "Jahta Galeb nekadašnjeg jugoslovenskog diktatora Josipa Broza Tita godinama je \
             stajala neupotrebljena u brodogradilištu. To neće biti prvo renoviranje Galeba. \
             Galeb bi trebalo da ostane ukotvljen u riječkoj luci.",
            Some("sr"),
        ),
        (
            "The yacht Galeb was built in Genoa in 1938. Tito used Galeb for state visits, \
             and Galeb carried Nehru and Nasser.",
            None,
        ),
        (
            "Galeb was a luxury yacht built in Genoa in 1938. Tito used Galeb for state \
             visits, and Galeb carried Nehru and Nasser.",
            None,
        ),
    ] {
        let people: Vec<String> = analyse::entities(text, None, language)
            .people
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert!(
            !people.iter().any(|p| p.contains("Galeb")),
            "{people:?} in {text}"
        );
    }
}

#[test]
fn a_name_after_a_thing_noun_stays_a_person_the_text_names_in_full() {
    let text = "Steven Spielberg opened the festival. The film Spielberg made in 1993 won seven \
                Oscars, and Spielberg thanked the jury.";
    assert_eq!(people(text), ["Steven Spielberg"]);
    let a = analyse::entities(
        "Film Emira Kusturice otvorio je festival. Kusturica je rekao da je ponosan.",
        None,
        Some("sr"),
    );
    assert!(
        a.people.iter().any(|p| p.name.contains("Kusturic")),
        "{:#?}",
        a.people
    );
}

#[test]
fn a_place_that_opens_with_saint_is_nobody() {
    let a = analyse::entities(
        "He moved to St. Petersburg in 1990, where he met Anna Petrova.",
        None,
        None,
    );
    let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Anna Petrova"]);
    assert!(
        a.places.iter().any(|p| p.name == "Saint Petersburg"),
        "{:#?}",
        a.places
    );
    for (text, language) in [
        (
            "Kostelić je pobijedio u slalomu, a Dostoyevsky je to učinio sa St. Petersburgom.",
            "hr",
        ),
        (
            "Trka je održana u ponedeljak, a Rusija se takmičila sa Sankt Peterburgom.",
            "sr",
        ),
    ] {
        let a = analyse::entities(text, None, Some(language));
        assert!(
            !a.people.iter().any(|p| p.name.contains("Peter")),
            "{:#?} in {text}",
            a.people
        );
    }
}

#[test]
fn a_make_after_marka_is_nobody() {
    let a = analyse::entities(
        "Policajci su u petak zaustavili kombi marke Iveco kojim je upravljao Danijel Perić.",
        None,
        Some("hr"),
    );
    let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"Iveco"), "{names:?}");
}
