//! The seed story (fixtures/seed): every statement of expected.json, with its speaker, kind and
//! cue, in reading order and no other — from the plain text and from the page.

use model::{Analysis, Article, QuoteKind};
use serde_json::Value;

const TEXT: &str = include_str!("../../../fixtures/seed/seed-article.txt");
const HTML: &str = include_str!("../../../fixtures/seed/seed-article.html");
const EXPECTED: &str = include_str!("../../../fixtures/seed/expected.json");

fn kind(k: QuoteKind) -> &'static str {
    analyse::quotes::kind_name(k)
}

fn check_quotes(analysis: &Analysis) {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let want = expected["quotes"].as_array().unwrap();
    let got: Vec<_> = analysis.quotes.iter().collect();
    let show: Vec<String> = got
        .iter()
        .map(|q| {
            format!(
                "{} {:?} {:?}: {}",
                kind(q.kind),
                q.speaker_text,
                q.cue,
                q.text
            )
        })
        .collect();
    assert_eq!(got.len(), want.len(), "quotes found:\n{}", show.join("\n"));
    for (q, w) in got.iter().zip(want) {
        assert_eq!(q.text, w["text"].as_str().unwrap(), "text of {q:?}");
        assert_eq!(kind(q.kind), w["kind"].as_str().unwrap(), "kind of {q:?}");
        assert_eq!(q.cue.as_deref(), w["cue"].as_str(), "cue of {q:?}");
        let speaker = q.speaker.map(|i| analysis.people[i].name.as_str());
        assert_eq!(speaker, w["speaker"].as_str(), "speaker of {q:?}");
        assert!(q.speaker_span.is_some(), "speaker span of {q:?}");
    }
}

fn check_events(analysis: &Analysis) {
    let name = |i: usize| analysis.people[i].name.as_str();
    let ev = &analysis.events;
    let show = format!("{ev:#?}");
    assert_eq!(ev.len(), 3, "{show}");
    let meeting = ev
        .iter()
        .find(|e| analyse::events::kind_name(e.kind) == "meeting")
        .expect("the meeting");
    let mut who: Vec<&str> = meeting.participants.iter().map(|&i| name(i)).collect();
    who.sort_unstable();
    assert_eq!(who, ["Jens Stoltenberg", "Milo Đukanović"], "{show}");
    assert_eq!(
        meeting.place.as_deref(),
        Some("NATO Headquarters, Brussels")
    );
    assert_eq!(meeting.date.as_deref(), Some("2021-05-18"));
    assert!(
        meeting
            .evidence_text
            .starts_with("NATO Secretary General Jens Stoltenberg met with")
    );

    let press = ev
        .iter()
        .find(|e| analyse::events::kind_name(e.kind) == "press_conference")
        .expect("the press conference");
    let who: Vec<&str> = press.participants.iter().map(|&i| name(i)).collect();
    assert_eq!(who, ["Milo Đukanović"], "{show}");
    assert_eq!(press.date.as_deref(), Some("2021-05-18"));
    assert_eq!(
        press.evidence_text,
        "In a press conference following the meeting"
    );

    let summit = ev
        .iter()
        .find(|e| analyse::events::kind_name(e.kind) == "summit")
        .expect("the summit");
    assert_eq!(summit.name.as_deref(), Some("NATO Summit"));
    assert_eq!(summit.date.as_deref(), Some("2021-06"));
    assert_eq!(summit.evidence_text, "next month’s NATO Summit");
}

#[test]
fn seed_text_gives_the_nine_statements_in_order() {
    let article = Article {
        text: TEXT.to_string(),
        published: Some("2021-05-18".into()),
        ..Article::default()
    };
    check_quotes(&analyse::analyse(&article));
}

#[test]
fn seed_text_gives_the_meeting_press_conference_and_summit() {
    let article = Article {
        text: TEXT.to_string(),
        published: Some("2021-05-18".into()),
        ..Article::default()
    };
    check_events(&analyse::analyse(&article));
}

#[test]
fn seed_page_gives_the_same_statements_and_events() {
    let input = extract::Input {
        bytes: HTML.as_bytes(),
        url: None,
        content_type: None,
    };
    let options = extract::Options {
        detect_language: false,
        ..extract::Options::default()
    };
    let article = extract::extract(&input, &options).expect("the seed page extracts");
    let mut analysis = analyse::analyse(&article);
    check_quotes(&analysis);
    // Extraction takes "BRUSSELS –" out of the text into the dateline, so the facility's city
    // comes from the article: `events::find_in` takes it (`analyse` still calls `find`, which
    // reads a dateline from the text only).
    let dateline = article.dateline.as_ref().map(|d| d.place.as_str());
    assert_eq!(dateline, Some("Brussels"));
    analysis.events = analyse::events::find_in(
        &article.text,
        article.published.as_deref(),
        dateline,
        &analysis,
    );
    check_events(&analysis);
}
