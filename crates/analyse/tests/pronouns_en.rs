//! Pronouns of the third person in English news, in the writer's sentences and in quotations.

use model::{EntityKind, MentionForm};

/// Each pronoun mention as (its text, the name of the person it is linked to).
fn pronouns(text: &str) -> Vec<(String, Option<String>)> {
    let a = analyse::entities(text, None, Some("en"));
    a.mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.form == MentionForm::Pronoun)
        .map(|m| {
            let who = m
                .entity
                .and_then(|e| a.people.get(e))
                .map(|p| p.name.clone());
            (m.text.clone(), who)
        })
        .collect()
}

#[test]
fn a_pronoun_inside_a_quotation_is_the_person_last_named() {
    let text = "Gloria Thomas was taken to hospital in March. Her doctor told the court that \
                \u{201c}her skin was weeping and she could not sleep\u{201d}.";
    let gloria = Some("Gloria Thomas".to_owned());
    assert_eq!(
        pronouns(text),
        [
            ("Her".to_owned(), gloria.clone()),
            ("her".to_owned(), gloria.clone()),
            ("she".to_owned(), gloria),
        ]
    );
}

#[test]
fn a_pronoun_agrees_in_sex_with_the_given_name() {
    let text = "Angela Merkel met Emmanuel Macron in Berlin. He said the talks went well, and \
                she agreed.";
    assert_eq!(
        pronouns(text),
        [
            ("He".to_owned(), Some("Emmanuel Macron".to_owned())),
            ("she".to_owned(), Some("Angela Merkel".to_owned())),
        ]
    );
}
