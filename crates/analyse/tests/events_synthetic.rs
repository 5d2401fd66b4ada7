//! Events on small synthetic texts, without an entity analysis (no participants then).

use model::{Analysis, EventKind};

fn find(text: &str, published: &str) -> Vec<model::Event> {
    analyse::events::find(text, Some(published), &Analysis::default())
}

#[test]
fn meeting_at_a_facility_today_takes_the_dateline_city() {
    let text = "SARAJEVO – The minister met with the envoy at the Presidency Building today, officials said.";
    let ev = find(text, "2023-03-08T09:00:00+01:00");
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventKind::Meeting);
    assert_eq!(ev[0].date.as_deref(), Some("2023-03-08"));
    assert_eq!(
        ev[0].place.as_deref(),
        Some("Presidency Building, Sarajevo")
    );
    assert_eq!(
        ev[0].evidence_text,
        "The minister met with the envoy at the Presidency Building today"
    );
}

#[test]
fn weekday_in_the_past_is_the_last_such_day() {
    // 2023-03-08 was a Wednesday.
    let ev = find(
        "The two leaders held talks with mediators on Monday.",
        "2023-03-08",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventKind::Talks);
    assert_eq!(ev[0].date.as_deref(), Some("2023-03-06"));
}

#[test]
fn named_summit_with_explicit_date_and_later_mentions_merge() {
    let text = "Leaders gather for the EU-Western Balkans Summit on June 14, 2023.\n\nThe EU-Western Balkans Summit will discuss enlargement.";
    let ev = find(text, "2023-03-08");
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventKind::Summit);
    assert_eq!(ev[0].name.as_deref(), Some("EU-Western Balkans Summit"));
    assert_eq!(ev[0].date.as_deref(), Some("2023-06-14"));
}

#[test]
fn definite_meeting_points_back_and_makes_no_event() {
    let ev = find("After the meeting, the minister went home.", "2023-03-08");
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn phone_call_and_press_conference_are_found() {
    let text = "The president spoke by phone with the chancellor yesterday.\n\nAt a news conference in Belgrade, he said little.";
    let ev = find(text, "2023-03-08");
    let kinds: Vec<EventKind> = ev.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [EventKind::PhoneCall, EventKind::PressConference],
        "{ev:#?}"
    );
    assert_eq!(ev[0].date.as_deref(), Some("2023-03-07"));
}

#[test]
fn no_publication_date_leaves_relative_dates_open() {
    let ev = analyse::events::find("The ministers met today.", None, &Analysis::default());
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].date, None);
}

proptest::proptest! {
    #[test]
    fn any_text_gives_evidence_inside_it(s in "[a-zA-Z0-9 ,.:;“”\"\n–-]{0,300}") {
        let n = s.chars().count();
        for e in analyse::events::find(&s, Some("2021-05-18"), &Analysis::default()) {
            proptest::prop_assert!(e.evidence.end <= n && e.evidence.start <= e.evidence.end);
        }
    }
}
