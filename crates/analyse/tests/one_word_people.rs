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
