//! Search behaviour over a small in-memory index built from hand-made articles.

use index::*;
use model::*;

/// A stand-in for analysis' name key: lowercase, Đ → dj, diacritics dropped.
fn key(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        match c {
            'đ' => out.push_str("dj"),
            'č' | 'ć' => out.push('c'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn person(id: usize, name: &str, variants: &[&str]) -> Person {
    Person {
        id,
        name: name.into(),
        key: key(name),
        variants: variants.iter().map(|v| v.to_string()).collect(),
        ..Default::default()
    }
}

fn quote(text: &str, speaker: Option<usize>) -> Quote {
    Quote {
        kind: QuoteKind::Direct,
        text: text.into(),
        content: Span::default(),
        speaker,
        speaker_text: None,
        speaker_span: None,
        cue: Some("said".into()),
        cue_span: None,
        confidence: 1.0,
    }
}

fn doc(id: u64, site: &str, lang: &str, date: &str, text: &str, analysis: &Analysis) -> IndexDoc {
    let article = Article {
        url: Some(format!("https://{site}/{id}")),
        title: Some(format!("Story {id}")),
        site_name: Some(site.into()),
        language: Some(lang.into()),
        published: Some(date.into()),
        text: text.into(),
        ..Default::default()
    };
    IndexDoc::from_analysed(id, &article, analysis, None, &key)
}

fn seed_like() -> Index {
    let idx = Index::in_memory().unwrap();
    let mut a = Analysis {
        people: vec![
            person(0, "Milo Đukanović", &["Đukanović", "Мило Ђукановић"]),
            person(1, "Jens Stoltenberg", &["Stoltenberg"]),
        ],
        ..Default::default()
    };
    a.quotes = vec![
        quote("NATO membership is a turning point for Montenegro", Some(0)),
        quote("NATO stands with Montenegro", Some(1)),
        quote("the economy is recovering", Some(0)),
    ];
    a.places.push(Place {
        id: 0,
        name: "Brussels".into(),
        key: "brussels".into(),
        kind: PlaceKind::City,
        country: Some("BE".into()),
        lat: None,
        lon: None,
        aliases: vec![],
        mentions: vec![],
    });
    idx.upsert(&doc(
        1,
        "europeanwesternbalkans.com",
        "en",
        "2021-05-18T12:00:00+02:00",
        "Stoltenberg met Đukanović at NATO Headquarters in Brussels to discuss the region.",
        &a,
    ))
    .unwrap();
    let b = Analysis {
        people: vec![person(0, "Aleksandar Vučić", &["Vučić"])],
        quotes: vec![quote("NATO bombed Serbia", Some(0))],
        ..Default::default()
    };
    idx.upsert(&doc(
        2,
        "rts.rs",
        "sr",
        "2021-07-01",
        "Vučić spoke about NATO and the economy in Belgrade.",
        &b,
    ))
    .unwrap();
    idx.upsert(&doc(
        3,
        "rts.rs",
        "sr",
        "2020-01-10",
        "Weather in Belgrade is cold.",
        &Analysis::default(),
    ))
    .unwrap();
    idx.commit(3).unwrap();
    idx
}

fn search(idx: &Index, q: &str) -> SearchResults {
    idx.search(&Query::parse(q, &key).unwrap(), 10, 0).unwrap()
}

fn ids(r: &SearchResults) -> Vec<u64> {
    let mut v: Vec<u64> = r.hits.iter().map(|h| h.article_id).collect();
    v.sort();
    v
}

#[test]
fn said_finds_only_the_speakers_quotes_with_the_word() {
    let idx = seed_like();
    let r = search(&idx, "said:NATO person:Djukanovic");
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.kind, HitKind::Quote);
    assert_eq!(hit.article_id, 1);
    assert_eq!(hit.speaker.as_deref(), Some("Milo Đukanović"));
    assert!(
        hit.snippet_html.contains("<b>NATO</b>"),
        "{}",
        hit.snippet_html
    );
    // Without the person: every quote mentioning NATO, by anyone.
    assert_eq!(search(&idx, "said:NATO").total, 3);
    assert_eq!(search(&idx, "said:economy").total, 1);
}

#[test]
fn person_filter_matches_any_spelling_or_script() {
    let idx = seed_like();
    for q in [
        "person:Djukanovic",
        "person:Đukanović",
        "person:\"Milo Djukanovic\"",
        "person:ĐUKANOVIĆ",
    ] {
        assert_eq!(ids(&search(&idx, q)), vec![1], "{q}");
    }
    // The Cyrillic spelling is one of the variants analysis saw.
    assert_eq!(ids(&search(&idx, "person:\"Мило Ђукановић\"")), vec![1]);
    assert_eq!(
        search(&idx, "person:\"Djukanovic Milo\"").total,
        0,
        "word order counts"
    );
    assert_eq!(ids(&search(&idx, "person:vucic")), vec![2]);
}

#[test]
fn free_text_ranks_and_highlights() {
    let idx = seed_like();
    let r = search(&idx, "headquarters");
    assert_eq!(ids(&r), vec![1]);
    assert!(
        r.hits[0].snippet_html.contains("<b>Headquarters</b>"),
        "{}",
        r.hits[0].snippet_html
    );
    assert_eq!(ids(&search(&idx, "belgrade")), vec![2, 3]);
    assert_eq!(
        ids(&search(&idx, "belgrade economy")),
        vec![2],
        "words are all required"
    );
    assert_eq!(
        ids(&search(&idx, "dukanovic")),
        vec![1],
        "diacritics fold in free text"
    );
}

#[test]
fn filters_by_language_source_place_and_dates() {
    let idx = seed_like();
    assert_eq!(ids(&search(&idx, "lang:sr")), vec![2, 3]);
    assert_eq!(ids(&search(&idx, "source:rts.rs belgrade")), vec![2, 3]);
    assert_eq!(
        ids(&search(&idx, "source:europeanwesternbalkans.com")),
        vec![1]
    );
    assert_eq!(ids(&search(&idx, "place:Brussels")), vec![1]);
    assert_eq!(ids(&search(&idx, "from:2021-01-01")), vec![1, 2]);
    assert_eq!(
        ids(&search(&idx, "to:2021-05-18")),
        vec![1, 3],
        "to: is inclusive"
    );
    assert_eq!(ids(&search(&idx, "from:2021-05-19 to:2021-07")), vec![2]);
    assert_eq!(ids(&search(&idx, "from:2021 said:NATO")), vec![1, 1, 2]);
}

#[test]
fn filter_only_queries_list_newest_first_with_facets() {
    let idx = seed_like();
    let r = search(&idx, "lang:sr");
    assert_eq!(
        r.hits.iter().map(|h| h.article_id).collect::<Vec<_>>(),
        vec![2, 3]
    );
    let r = search(&idx, "");
    assert_eq!(r.total, 3);
    let rts = r
        .sites
        .iter()
        .find(|s| s.value == "rts.rs")
        .expect("site facet");
    assert_eq!(rts.count, 2);
    assert!(r.languages.iter().any(|l| l.value == "en" && l.count == 1));
    assert!(r.people.is_empty(), "people counts are opt-in");
    let q = Query::parse("", &key).unwrap();
    let opts = SearchOptions {
        people_facet: true,
        ..Default::default()
    };
    let r = idx.search_with(&q, 10, 0, opts).unwrap();
    assert!(
        r.people
            .iter()
            .any(|p| p.value == "Milo Đukanović" && p.count == 1)
    );
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let idx = seed_like();
    let a = Analysis::default();
    idx.upsert(&doc(
        2,
        "rts.rs",
        "sr",
        "2021-07-01",
        "Completely new text about rivers.",
        &a,
    ))
    .unwrap();
    idx.commit(4).unwrap();
    assert_eq!(ids(&search(&idx, "rivers")), vec![2]);
    assert_eq!(
        search(&idx, "said:bombed").total,
        0,
        "old quotes went with the old version"
    );
    idx.delete(2).unwrap();
    idx.commit(5).unwrap();
    assert_eq!(search(&idx, "rivers").total, 0);
}

#[test]
fn index_on_disk_remembers_its_seq_and_documents() {
    let dir = tempfile::tempdir().unwrap();
    {
        let idx = Index::open(dir.path()).unwrap();
        assert_eq!(idx.seq().unwrap(), 0);
        idx.upsert(&doc(
            7,
            "a.com",
            "en",
            "2021-01-01",
            "hello world",
            &Analysis::default(),
        ))
        .unwrap();
        idx.commit(42).unwrap();
    }
    let idx = Index::open(dir.path()).unwrap();
    assert_eq!(idx.seq().unwrap(), 42);
    assert_eq!(ids(&search(&idx, "hello")), vec![7]);
    idx.clear().unwrap();
    idx.commit(0).unwrap();
    assert_eq!(idx.num_docs(), 0);
}

/// Several processes may open one data folder's index at once (`kronika serve` and `kronika
/// ingest` started together on a new folder): every one gets a working index, and none wipes
/// what another just created. Threads stand in for processes.
#[test]
fn an_index_opened_by_many_at_once_opens_for_all() {
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let start = std::sync::Arc::new(std::sync::Barrier::new(6));
        let opened: Vec<_> = (0..6)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    Index::open(&path).and_then(|i| i.seq())
                })
            })
            .collect();
        for t in opened {
            let seq = t.join().unwrap();
            assert!(matches!(seq, Ok(0)), "{seq:?}");
        }
        // And the folder holds one sound index afterwards.
        assert!(matches!(Index::open(&path).and_then(|i| i.seq()), Ok(0)));
    }
}
