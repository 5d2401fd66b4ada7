//! One suite, run against both implementations: a SQLite file in a temporary directory and the
//! in-memory database.

use model::*;
use store::*;

fn words(seed: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{seed}{} ", i * 7 % 101 + i))
        .collect()
}

fn article(url: &str, text: &str, published: Option<&str>) -> Article {
    Article {
        url: Some(url.into()),
        canonical_url: Some(url.into()),
        title: Some(format!("Title of {url}")),
        site_name: Some("Example News".into()),
        language: Some("en".into()),
        published: published.map(Into::into),
        text: text.into(),
        word_count: text.split_whitespace().count(),
        ..Default::default()
    }
}

fn person(id: usize, name: &str, key: &str, variants: &[&str], mentions: Vec<usize>) -> Person {
    Person {
        id,
        name: name.into(),
        key: key.into(),
        variants: variants.iter().map(|v| v.to_string()).collect(),
        roles: vec![],
        mentions,
        ..Person::default()
    }
}

fn mention(text: &str, start: usize, entity: usize) -> Mention {
    Mention {
        kind: EntityKind::Person,
        form: MentionForm::Name,
        span: Span::new(start, start + text.chars().count()),
        text: text.into(),
        entity: Some(entity),
        confidence: 0.9,
    }
}

/// Two people, a role, a quote by the first, a meeting of both, a place and an organisation.
fn analysis(first_name: &str) -> Analysis {
    let mut a = Analysis {
        mentions: vec![
            mention(first_name, 0, 0),
            mention("Jens Stoltenberg", 20, 1),
        ],
        ..Default::default()
    };
    let mut p0 = person(
        0,
        first_name,
        "milo djukanovic",
        &[first_name, "Đukanović"],
        vec![0],
    );
    p0.roles.push(Role {
        title: "President".into(),
        of: Some("Montenegro".into()),
        country: Some("ME".into()),
    });
    a.people = vec![
        p0,
        person(
            1,
            "Jens Stoltenberg",
            "jens stoltenberg",
            &["Stoltenberg"],
            vec![1],
        ),
    ];
    a.quotes.push(Quote {
        kind: QuoteKind::Direct,
        text: "NATO is our home".into(),
        content: Span::new(40, 56),
        speaker: Some(0),
        speaker_text: Some("Đukanović".into()),
        speaker_span: None,
        cue: Some("said".into()),
        cue_span: None,
        confidence: 0.8,
    });
    a.events.push(Event {
        kind: EventKind::Meeting,
        name: None,
        participants: vec![0, 1],
        place: Some("NATO Headquarters, Brussels".into()),
        place_id: Some(0),
        date: Some("2021-05-18".into()),
        evidence: Span::new(0, 10),
        evidence_text: "met with".into(),
    });
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
    a.organisations.push(Organisation {
        id: 0,
        name: "NATO".into(),
        key: "nato".into(),
        aliases: vec![],
        mentions: vec![],
    });
    a
}

fn page<'a>(url: &'a str, bytes: &'a [u8]) -> Page<'a> {
    Page {
        url,
        bytes,
        content_type: Some("text/html"),
        source_id: None,
        fetched_at: 1_700_000_000,
    }
}

fn commit(s: &mut dyn Store, url: &str, text: &str) -> Committed {
    let a = article(url, text, Some("2021-05-18"));
    s.commit_article(
        &page(url, b"<html>x</html>"),
        &a,
        &analysis("Milo Đukanović"),
    )
    .expect("commit")
}

fn counts(s: &dyn Store) -> (u64, i64) {
    (s.article_count().unwrap(), s.max_seq().unwrap())
}

fn new_article_is_stored_with_page_and_analysis(s: &mut dyn Store) {
    let a = article(
        "https://e.com/a",
        &words("alpha", 80),
        Some("2021-05-18T10:00:00+02:00"),
    );
    let html = "<html><body>Đukanović</body></html>".repeat(50);
    let c = s
        .commit_article(
            &page("https://e.com/a", html.as_bytes()),
            &a,
            &analysis("Milo Đukanović"),
        )
        .unwrap();
    assert_eq!(c.status, CommitStatus::New);
    let stored = s.article(c.id).unwrap().expect("stored");
    assert_eq!(stored.article, a);
    assert_eq!(stored.analysis, analysis("Milo Đukanović"));
    assert_eq!(stored.canonical_url, "https://e.com/a");
    assert_eq!(s.raw_page(c.id).unwrap().unwrap(), html.as_bytes());
    assert!(s.has_url("https://e.com/a").unwrap());
    assert!(s.has_url("http://www.e.com/a?utm_source=tw#x").unwrap());
    assert!(!s.has_url("https://e.com/b").unwrap());
    let latest = s.latest(10, 0).unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[0].title.as_deref(), Some("Title of https://e.com/a"));
}

fn same_article_twice_changes_nothing(s: &mut dyn Store) {
    let first = commit(s, "https://e.com/a", &words("alpha", 80));
    let before = counts(s);
    let again = commit(s, "https://e.com/a", &words("alpha", 80));
    assert_eq!(again.id, first.id);
    assert_eq!(again.status, CommitStatus::Unchanged);
    assert!(!again.changed());
    assert_eq!(counts(s), before);
    let p = s.person_by_key("milo djukanovic").unwrap().unwrap();
    assert_eq!(s.quotes_by(p.id, 10).unwrap().len(), 1);
    assert_eq!(s.roles_of(p.id).unwrap().len(), 1);
    assert_eq!(s.events_of(p.id, 10).unwrap().len(), 1);
}

fn amp_and_tracking_variants_are_the_same_article(s: &mut dyn Store) {
    let first = commit(s, "https://www.e.com/story/", &words("alpha", 80));
    for variant in [
        "https://e.com/story/amp",
        "https://amp.e.com/story?utm_campaign=x",
        "http://e.com/story?fbclid=abc&amp=1",
    ] {
        let c = commit(s, variant, &words("alpha", 80));
        assert_eq!(
            (c.id, c.status),
            (first.id, CommitStatus::Unchanged),
            "{variant}"
        );
    }
    assert_eq!(s.article_count().unwrap(), 1);
}

fn changed_text_under_same_address_updates_in_place(s: &mut dyn Store) {
    let first = commit(s, "https://e.com/a", &words("alpha", 80));
    let seq = s.max_seq().unwrap();
    let c = commit(s, "https://e.com/a", &words("beta", 80));
    assert_eq!((c.id, c.status), (first.id, CommitStatus::Updated));
    assert!(s.max_seq().unwrap() > seq);
    assert_eq!(s.article_count().unwrap(), 1);
    let p = s.person_by_key("milo djukanovic").unwrap().unwrap();
    // Derived rows were replaced, not added to.
    assert_eq!(s.quotes_by(p.id, 10).unwrap().len(), 1);
    assert_eq!(s.roles_of(p.id).unwrap().len(), 1);
    assert_eq!(
        s.article(c.id).unwrap().unwrap().article.text,
        words("beta", 80)
    );
}

fn same_text_elsewhere_is_an_exact_duplicate(s: &mut dyn Store) {
    let first = commit(s, "https://e.com/a", &words("alpha", 80));
    let dup = commit(s, "https://other.org/copy", &words("alpha", 80));
    assert_eq!(dup.status, CommitStatus::Duplicate);
    assert_eq!((dup.id, dup.duplicate_of), (first.id, Some(first.id)));
    assert_eq!(s.article_count().unwrap(), 1);
    assert!(s.has_url("https://other.org/copy").unwrap());
    let again = commit(s, "https://other.org/copy", &words("alpha", 80));
    assert_eq!(again.status, CommitStatus::Unchanged);
}

fn edited_copy_is_marked_as_copy_of_the_first(s: &mut dyn Store) {
    let text = words("alpha", 300);
    let first = commit(s, "https://e.com/a", &text);
    let edited = format!("{} Reuters contributed.", text.replacen("alpha8 ", "", 1));
    let copy = commit(s, "https://other.org/wire", &edited);
    assert_eq!(copy.status, CommitStatus::NearCopy);
    assert_ne!(copy.id, first.id);
    assert_eq!(copy.duplicate_of, Some(first.id));
    // A copy of the copy points at the first article too.
    let third = commit(s, "https://third.net/x", &format!("{edited} Updated."));
    assert_eq!(third.duplicate_of, Some(first.id));
    let unrelated = commit(s, "https://e.com/b", &words("gamma", 300));
    assert_eq!(unrelated.status, CommitStatus::New);
    assert_eq!(s.article(copy.id).unwrap().unwrap().copy_of, Some(first.id));
}

fn people_are_shared_across_articles_by_key(s: &mut dyn Store) {
    let a1 = article("https://e.com/1", &words("alpha", 60), Some("2021-05-18"));
    let a2 = article("https://e.com/2", &words("beta", 60), Some("2021-06-02"));
    let c1 = s
        .commit_article(
            &page("https://e.com/1", b"1"),
            &a1,
            &analysis("Milo Đukanović"),
        )
        .unwrap();
    let c2 = s
        .commit_article(
            &page("https://e.com/2", b"2"),
            &a2,
            &analysis("Milo Djukanovic"),
        )
        .unwrap();
    let p = s.person_by_key("milo djukanovic").unwrap().expect("person");
    assert_eq!(p.articles, 2);
    for v in ["Milo Đukanović", "Milo Djukanovic", "Đukanović"] {
        assert!(p.variants.iter().any(|x| x == v), "{v} in {:?}", p.variants);
    }
    assert_eq!(s.person(p.id).unwrap().unwrap(), p);
    let found = s.find_people("djukanovic", 5).unwrap();
    assert_eq!(found.first().map(|f| f.id), Some(p.id));
    assert!(s.find_people("djukanov", 5).unwrap().is_empty());

    let roles = s.roles_of(p.id).unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0].article_id, c1.id);
    assert_eq!(roles[0].of.as_deref(), Some("Montenegro"));

    let quotes = s.quotes_by(p.id, 10).unwrap();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].article_id, c2.id, "newest first");
    assert_eq!(quotes[0].text, "NATO is our home");

    let events = s.events_of(p.id, 10).unwrap();
    assert_eq!(events.len(), 2);
    assert!(events[0].date >= events[1].date, "latest first");
    assert_eq!(s.events_of(p.id, 1).unwrap().len(), 1);
    let jens = s.person_by_key("jens stoltenberg").unwrap().unwrap();
    assert_eq!(events[0].participants.len(), 2);
    assert!(events[0].participants.contains(&jens.id));

    let co = s.co_mentions(p.id, 5).unwrap();
    assert_eq!(co.len(), 1);
    assert_eq!((co[0].person.id, co[0].articles), (jens.id, 2));

    let weeks = s.mentions_per_week(p.id).unwrap();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].week, "2021-W20");

    let places = s.places(10).unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!(
        (places[0].key.as_str(), places[0].articles),
        ("brussels", 2)
    );
    assert_eq!(s.people_in(c1.id).unwrap().len(), 2);

    // The batch forms answer per id, in the order asked, like their single forms.
    let ids = [c2.id, 999_999, c1.id, c2.id];
    let names = s.names_in_each(&ids, 1).unwrap();
    let countries = s.countries_in_each(&ids).unwrap();
    assert_eq!(names.len(), 4);
    for (i, &id) in ids.iter().enumerate() {
        assert_eq!(names[i], s.names_in(id, 1).unwrap(), "names of {id}");
        assert_eq!(
            countries[i],
            s.countries_in(id).unwrap(),
            "countries of {id}"
        );
    }
    assert_eq!(names[0].len(), 1);
    assert!(names[1].is_empty());
    assert_eq!(countries[2], vec!["BE".to_string()]);
    assert_eq!(s.names_in_each(&ids, 5).unwrap()[3].len(), 2);
}

/// One declined person per article, as analysis would give it for a Serbian text.
fn declined(name: &str, key: &str, case_key: &str, plainness: u8) -> Analysis {
    Analysis {
        mentions: vec![mention(name, 0, 0)],
        people: vec![Person {
            case_key: case_key.into(),
            plainness,
            ..person(0, name, key, &[name], vec![0])
        }],
        ..Analysis::default()
    }
}

fn a_name_in_another_case_is_the_same_person(s: &mut dyn Store) {
    let forms = [
        ("Borisom Tadićem", "borisom tadicem", 27),
        ("Boris Tadić", "boris tadic", 95),
        ("Borisa Tadića", "borisa tadica", 29),
    ];
    for (i, (name, key, plainness)) in forms.iter().enumerate() {
        let url = format!("https://e.rs/{i}");
        let text = words(&format!("w{i}"), 60);
        s.commit_article(
            &page(&url, url.as_bytes()),
            &article(&url, &text, None),
            &declined(name, key, "boris tadic", *plainness),
        )
        .unwrap();
    }
    // The plainest form names the person, whichever article came first.
    let p = s.person_by_key("boris tadic").unwrap().expect("person");
    assert_eq!((p.name.as_str(), p.articles), ("Boris Tadić", 3));
    // Every form's key still leads to the person (a quotation's speaker in the index).
    for (_, key, _) in forms {
        assert_eq!(
            s.person_by_key(key).unwrap().map(|q| q.id),
            Some(p.id),
            "{key}"
        );
    }
    // A one-word name has no case key, and another name with one of its own stays apart.
    s.commit_article(
        &page("https://e.rs/x", b"x"),
        &article("https://e.rs/x", &words("x", 60), None),
        &declined("Borisom Tomićem", "borisom tomicem", "boris tomic", 0),
    )
    .unwrap();
    assert_ne!(
        s.person_by_key("borisom tomicem").unwrap().map(|q| q.id),
        Some(p.id)
    );
}

/// One person per article, named by `name`: a full name with its case key and surname, or a
/// one-word surname, with a quotation, as analysis gives them.
fn named(name: &str) -> Analysis {
    let key = name.to_lowercase();
    let words: Vec<&str> = key.split(' ').collect();
    let (case_key, surname_key) = if words.len() > 1 {
        (key.clone(), String::new())
    } else {
        (String::new(), key.clone())
    };
    Analysis {
        mentions: vec![mention(name, 0, 0)],
        people: vec![Person {
            case_key,
            surname_key,
            ..person(0, name, &key, &[name], vec![0])
        }],
        quotes: vec![Quote {
            kind: QuoteKind::Direct,
            text: format!("{name} spoke"),
            content: Span::new(0, 5),
            speaker: Some(0),
            speaker_text: Some(name.into()),
            speaker_span: None,
            cue: Some("said".into()),
            cue_span: None,
            confidence: 0.9,
        }],
        ..Analysis::default()
    }
}

fn a_surname_alone_is_the_person_it_most_likely_means(s: &mut dyn Store) {
    let mut n = 0;
    let mut add = |s: &mut dyn Store, name: &str| {
        n += 1;
        let url = format!("https://s.us/{n}");
        s.commit_article(
            &page(&url, url.as_bytes()),
            &article(&url, &words(&format!("s{n}"), 60), None),
            &named(name),
        )
        .unwrap()
        .id
    };
    // Named by the surname alone before any full name is known: a person of its own, then
    // gathered, with its quotation, under the first full name ending in it.
    let first = add(s, "Trump");
    assert!(s.person_by_key("trump").unwrap().is_some());
    let before = s.max_seq().unwrap();
    let second = add(s, "Donald Trump");
    // The first article names its person anew: the index takes it again, after this commit
    // or on catching up after a crash.
    assert_eq!(s.ids_since(before).unwrap(), [second, first]);
    let donald = s.person_by_key("donald trump").unwrap().expect("person");
    assert_eq!(donald.articles, 2);
    assert_eq!(s.quotes_by(donald.id, 10).unwrap().len(), 2);
    assert!(donald.variants.contains(&"Trump".to_string()));
    // Later articles that say "Trump" file there too, and the speaker key leads there.
    add(s, "Trump");
    assert_eq!(s.person(donald.id).unwrap().unwrap().articles, 3);
    assert_eq!(
        s.person_by_key("trump").unwrap().map(|p| p.id),
        Some(donald.id)
    );
    // Another Trump named about as often makes the surname alone nobody in particular.
    for _ in 0..2 {
        add(s, "Melania Trump");
    }
    add(s, "Trump");
    let melania = s.person_by_key("melania trump").unwrap().expect("person");
    assert_eq!(s.person(donald.id).unwrap().unwrap().articles, 3);
    assert_eq!(melania.articles, 2);
    let alone = s.find_people("trump", 10).unwrap();
    assert_eq!(alone.len(), 3, "{alone:?}");
    // Once one of them is named far more often, the next "Trump" files under that person and
    // gathers the one the ambiguous time left apart.
    for _ in 0..3 {
        add(s, "Donald Trump");
    }
    add(s, "Trump");
    assert_eq!(s.person(donald.id).unwrap().unwrap().articles, 8);
    assert_eq!(s.find_people("trump", 10).unwrap().len(), 2);
    // A surname no full name ends in stays a person of its own.
    add(s, "Obama");
    add(s, "Obama");
    assert_eq!(s.person_by_key("obama").unwrap().unwrap().articles, 2);
}

fn the_native_spelling_names_the_person(s: &mut dyn Store) {
    // An English outlet's "Djukanovic" first, then the native spelling, then the English
    // again: the spelling with the diacritics stays, though it is shorter.
    for (i, name) in ["Milo Djukanovic", "Milo Đukanović", "Milo Djukanovic"]
        .iter()
        .enumerate()
    {
        let url = format!("https://m.me/{i}");
        s.commit_article(
            &page(&url, url.as_bytes()),
            &article(&url, &words(&format!("m{i}"), 60), None),
            &declined(name, "milo djukanovic", "milo djukanovic", 95),
        )
        .unwrap();
    }
    let p = s.person_by_key("milo djukanovic").unwrap().expect("person");
    assert_eq!((p.name.as_str(), p.articles), ("Milo Đukanović", 3));
}

fn changed_since_lists_in_commit_order(s: &mut dyn Store) {
    let a = commit(s, "https://e.com/a", &words("alpha", 80));
    let b = commit(s, "https://e.com/b", &words("beta", 80));
    let all = s.changed_since(0, 100).unwrap();
    assert_eq!(
        all.iter().map(|x| x.id).collect::<Vec<_>>(),
        vec![a.id, b.id]
    );
    let after_first = s.changed_since(all[0].seq, 100).unwrap();
    assert_eq!(after_first.len(), 1);
    commit(s, "https://e.com/a", &words("gamma", 80));
    let ids: Vec<_> = s
        .changed_since(all[1].seq, 100)
        .unwrap()
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(ids, vec![a.id]);
}

fn sources_and_fetch_log(s: &mut dyn Store) {
    let id = s
        .add_source(&NewSource {
            name: "ewb".into(),
            kind: "feed".into(),
            location: "https://e.com/feed".into(),
            interval_secs: Some(900),
        })
        .unwrap();
    assert!(matches!(
        s.add_source(&NewSource {
            name: "ewb".into(),
            ..Default::default()
        }),
        Err(StoreError::DuplicateSource(_))
    ));
    assert_eq!(s.sources().unwrap().len(), 1);
    assert_eq!(s.source_by_name("ewb").unwrap().unwrap().id, id);
    assert!(s.set_source_enabled(id, false).unwrap());
    assert!(!s.source(id).unwrap().unwrap().enabled);

    let fetch = |status, etag: Option<&str>, new_items| FetchRecord {
        source_id: Some(id),
        url: "https://e.com/feed".into(),
        status: Some(status),
        etag: etag.map(Into::into),
        last_modified: None,
        fetched_at: 0,
        error: None,
        items: Some(10),
        new_items: Some(new_items),
    };
    assert_eq!(s.validators("https://e.com/feed").unwrap(), None);
    s.record_fetch(&fetch(200, Some("\"v1\""), 3)).unwrap();
    s.record_fetch(&fetch(304, None, 0)).unwrap();
    s.record_fetch(&fetch(200, None, 0)).unwrap();
    assert_eq!(
        s.validators("https://e.com/feed")
            .unwrap()
            .unwrap()
            .etag
            .as_deref(),
        Some("\"v1\"")
    );

    let text = words("alpha", 80);
    let mut a = article("https://e.com/a", &text, None);
    let mut p = page("https://e.com/a", b"x");
    p.source_id = Some(id);
    s.commit_article(&p, &a, &Analysis::default()).unwrap();
    a.url = Some("https://e.com/dup".into());
    a.canonical_url = None;
    p.url = "https://e.com/dup";
    s.commit_article(&p, &a, &Analysis::default()).unwrap();

    let h = s.health().unwrap();
    assert_eq!(h.len(), 1);
    let h = &h[0];
    assert_eq!(h.source.as_ref().unwrap().id, id);
    assert_eq!(h.articles, 1);
    assert_eq!(h.fetches, 3);
    assert_eq!(h.empty_fetches_in_row, 2);
    assert!(h.last_success.is_some());
    assert_eq!(h.without_date, 1.0);
    assert_eq!(h.without_body, 0.0);
    assert!(
        (h.duplicate_rate - 0.5).abs() < 1e-9,
        "{}",
        h.duplicate_rate
    );

    assert!(s.remove_source(id).unwrap());
    assert!(s.sources().unwrap().is_empty());
    assert_eq!(
        s.article_count().unwrap(),
        1,
        "articles outlive their source"
    );
}

fn empty_analysis_and_empty_text_are_stored(s: &mut dyn Store) {
    let a = article("https://e.com/empty", "", None);
    let c = s
        .commit_article(&page("https://e.com/empty", b""), &a, &Analysis::default())
        .unwrap();
    assert_eq!(c.status, CommitStatus::New);
    // Two different empty pages are not duplicates of each other.
    let b = article("https://e.com/empty2", "", None);
    let c2 = s
        .commit_article(&page("https://e.com/empty2", b""), &b, &Analysis::default())
        .unwrap();
    assert_eq!(c2.status, CommitStatus::New);
    assert_eq!(s.health().unwrap()[0].without_body, 1.0);
}

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod file {
            $(#[test] fn $name() {
                let dir = tempfile::tempdir().unwrap();
                let mut s = store::SqliteStore::open(dir.path()).unwrap();
                super::$name(&mut s);
            })*
        }
        mod memory {
            $(#[test] fn $name() {
                let mut s = store::SqliteStore::in_memory().unwrap();
                super::$name(&mut s);
            })*
        }
    };
}

suite!(
    new_article_is_stored_with_page_and_analysis,
    same_article_twice_changes_nothing,
    amp_and_tracking_variants_are_the_same_article,
    changed_text_under_same_address_updates_in_place,
    same_text_elsewhere_is_an_exact_duplicate,
    edited_copy_is_marked_as_copy_of_the_first,
    people_are_shared_across_articles_by_key,
    a_name_in_another_case_is_the_same_person,
    the_native_spelling_names_the_person,
    a_surname_alone_is_the_person_it_most_likely_means,
    changed_since_lists_in_commit_order,
    sources_and_fetch_log,
    empty_analysis_and_empty_text_are_stored,
);

#[test]
fn migrations_set_the_schema_version_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(s.schema_version().unwrap(), 5);
        commit(&mut s, "https://e.com/a", &words("alpha", 80));
    }
    let s = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(s.schema_version().unwrap(), 5);
    assert_eq!(s.article_count().unwrap(), 1);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert!(dir.path().join(STORE_FILE).exists());
}

/// A store written before raw pages named their codec (schema 2: every body raw deflate) still
/// returns its pages after the upgrade, beside pages stored since.
#[test]
fn raw_pages_stored_before_the_codec_column_read_back_after_upgrading() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let old_page = format!("<html><body><p>{}</p></body></html>", words("old", 300));
    {
        let mut s = SqliteStore::open(dir.path()).unwrap();
        let page = Page {
            url: "https://e.com/old",
            bytes: old_page.as_bytes(),
            content_type: None,
            source_id: None,
            fetched_at: 1,
        };
        let a = article(page.url, &words("old", 80), None);
        s.commit_article(&page, &a, &Analysis::default()).unwrap();
    }
    // Back to what schema 2 wrote: no codec column (nor what later versions add), a deflate body.
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(old_page.as_bytes()).unwrap();
    let deflated = enc.finish().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join(STORE_FILE)).unwrap();
    conn.execute_batch(
        "DROP TABLE person_keys; DROP INDEX people_case_key; DROP INDEX people_surname; \
         ALTER TABLE people DROP COLUMN surname; ALTER TABLE people DROP COLUMN case_key; ALTER TABLE people DROP COLUMN plainness; \
         ALTER TABLE raw_pages DROP COLUMN codec; PRAGMA user_version = 2;",
    )
    .unwrap();
    conn.execute("UPDATE raw_pages SET body = ?1", [&deflated])
        .unwrap();
    drop(conn);

    let mut s = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(s.schema_version().unwrap(), 5);
    let old = s.article_by_url("https://e.com/old").unwrap().unwrap();
    assert_eq!(s.raw_page(old).unwrap().unwrap(), old_page.as_bytes());
    let new_page = format!("<html><body><p>{}</p></body></html>", words("new", 300));
    let page = Page {
        url: "https://e.com/new",
        bytes: new_page.as_bytes(),
        content_type: None,
        source_id: None,
        fetched_at: 2,
    };
    let c = s
        .commit_article(
            &page,
            &article(page.url, &words("new", 80), None),
            &Analysis::default(),
        )
        .unwrap();
    assert_eq!(s.raw_page(c.id).unwrap().unwrap(), new_page.as_bytes());
    assert_eq!(s.raw_page(old).unwrap().unwrap(), old_page.as_bytes());
}

#[test]
fn a_store_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(SqliteStore::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(STORE_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        SqliteStore::open(dir.path()),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn a_batch_commits_as_its_articles_would_one_at_a_time() {
    let alpha = words("alpha", 80);
    let beta = words("beta", 80);
    let items: Vec<(&str, &str, &[u8])> = vec![
        ("https://e.com/a", &alpha, b"<html>a</html>"),
        // The same text elsewhere: a duplicate of the article earlier in the same batch.
        ("https://f.com/copy", &alpha, b"<html>copy</html>"),
        ("https://e.com/b", &beta, b"<html>b</html>"),
        // The first again: unchanged.
        ("https://e.com/a", &alpha, b"<html>a</html>"),
    ];
    let mut one = SqliteStore::in_memory().unwrap();
    let singly: Vec<Committed> = items
        .iter()
        .map(|(url, text, bytes)| {
            one.commit_article(
                &page(url, bytes),
                &article(url, text, Some("2021-05-18")),
                &analysis("Milo Đukanović"),
            )
            .unwrap()
        })
        .collect();
    let mut batched = SqliteStore::in_memory().unwrap();
    let prepared: Vec<Prepared> = items
        .iter()
        .map(|(url, text, bytes)| {
            Prepared::new(
                &page(url, bytes),
                article(url, text, Some("2021-05-18")),
                analysis("Milo Đukanović"),
            )
            .unwrap()
        })
        .collect();
    let together = batched.commit_prepared(&prepared).unwrap();
    assert_eq!(
        together.iter().map(|c| c.status).collect::<Vec<_>>(),
        [
            CommitStatus::New,
            CommitStatus::Duplicate,
            CommitStatus::New,
            CommitStatus::Unchanged
        ]
    );
    assert_eq!(together, singly);
    assert_eq!(batched.table_counts().unwrap(), one.table_counts().unwrap());
    assert_eq!(batched.max_seq().unwrap(), 2);
    assert_eq!(
        batched.raw_page(together[2].id).unwrap().unwrap(),
        b"<html>b</html>"
    );
    assert_eq!(
        batched.article(together[0].id).unwrap().unwrap().analysis,
        analysis("Milo Đukanović")
    );
}

/// Several processes may open one store at once (an ingest while `kronika serve` runs, or a
/// reader polling a store being created): every open waits for the others' locks instead of
/// failing with "database is locked". Threads stand in for processes: each has its own
/// connection.
#[test]
fn a_store_opened_by_many_at_once_opens_for_all() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let start = std::sync::Arc::new(std::sync::Barrier::new(8));
        let opened: Vec<_> = (0..8)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    SqliteStore::open(&path).map(|s| s.schema_version().unwrap())
                })
            })
            .collect();
        for t in opened {
            let version = t.join().unwrap();
            assert!(matches!(version, Ok(5)), "{version:?}");
        }
    }
}
