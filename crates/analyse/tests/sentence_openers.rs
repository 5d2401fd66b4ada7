//! A word capitalised only because it opens the sentence is not part of the name after it.

#[test]
fn a_dictionary_word_opening_a_sentence_is_not_part_of_a_place() {
    // British and American spellings: the first is in the lexicon's British list only.
    for text in [
        "Neighbouring Montenegro said it would join the talks.",
        "Neighboring Montenegro said it would join the talks.",
    ] {
        let a = analyse::entities(text, None, None);
        let places: Vec<(&str, Option<&str>)> = a
            .places
            .iter()
            .map(|p| (p.name.as_str(), p.country.as_deref()))
            .collect();
        assert_eq!(places, [("Montenegro", Some("ME"))], "{text}");
        assert!(a.organisations.is_empty(), "{text}: {:?}", a.organisations);
        assert!(a.people.is_empty(), "{text}: {:?}", a.people);
    }
}
