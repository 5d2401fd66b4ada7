//! The pipeline over the seed page (fixtures/seed in this repository) and generated pages.

use std::path::PathBuf;

use engine::*;

fn seed() -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/seed-article.html");
    std::fs::read(p).expect("seed page")
}

const SEED_URL: &str = "https://europeanwesternbalkans.com/2021/05/18/dukanovic-stoltenberg/";

fn page<'a>(bytes: &'a [u8], url: &'a str) -> PageInput<'a> {
    PageInput {
        bytes,
        url,
        content_type: Some("text/html; charset=utf-8"),
        source_id: None,
        listed_date: None,
    }
}

fn generated(i: usize) -> String {
    let words: String = (0..120)
        .map(|w| format!("w{}x{} ", i, w * 31 % 97))
        .collect();
    format!(
        "<html><head><title>Story number {i}</title></head><body><article><h1>Story number {i}</h1>\
         <p>{words}</p><p>The council met on Tuesday to discuss item {i} of the budget.</p></article></body></html>"
    )
}

#[test]
fn seed_page_is_stored_once_and_found_by_person() {
    let k = Kronika::in_memory().unwrap();
    let html = seed();
    let first = k.process_page(page(&html, SEED_URL)).unwrap();
    assert_eq!(first.status, CommitStatus::New);
    let again = k.process_page(page(&html, SEED_URL)).unwrap();
    assert_eq!(
        (again.id, again.status),
        (first.id, CommitStatus::Unchanged)
    );
    // The AMP variant with tracking parameters is the same article.
    let amp = k
        .process_page(page(&html, "https://europeanwesternbalkans.com/2021/05/18/dukanovic-stoltenberg/amp/?utm_source=fb"))
        .unwrap();
    assert_eq!(amp.id, first.id);
    k.flush().unwrap();
    assert_eq!(k.store().unwrap().article_count().unwrap(), 1);

    let r = k.search("Stoltenberg", 10, 0).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].article_id, first.id as u64);
    if first.people > 0 {
        for q in [
            "person:Djukanovic",
            "person:Đukanović",
            "person:\"Milo Dukanovic\"",
            "person:Ђукановић",
        ] {
            assert_eq!(k.search(q, 10, 0).unwrap().total, 1, "{q}");
        }
    }
}

#[test]
fn a_name_in_a_case_form_is_found_as_a_reader_types_it() {
    let k = Kronika::in_memory().unwrap();
    let html = "<html lang=\"sr\"><head><title>Sastanak u Beogradu</title></head><body><article>\
        <h1>Sastanak u Beogradu</h1><p>Premijer Mirko Cvetković sastao se u utorak u Beogradu sa \
        predsednikom Borisom Tadićem. Razgovarali su o saradnji sa Evropskom unijom i o reformama \
        koje vlada planira ove godine.</p><p>Sastanku je prisustvovao i ministar spoljnih poslova \
        Vuk Jeremić, koji je kasnije otputovao u Brisel.</p></article></body></html>";
    let out = k
        .process_page(page(html.as_bytes(), "https://example.rs/vesti/sastanak"))
        .unwrap();
    k.flush().unwrap();
    let stored = k.store().unwrap().article(out.id).unwrap().unwrap();
    let names: Vec<&str> = stored
        .analysis
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    // Named only in the instrumental, he is shown in the nominative; the written form is kept.
    assert!(names.contains(&"Boris Tadić"), "{names:?}");
    assert!(
        stored
            .analysis
            .people
            .iter()
            .any(|p| p.variants.iter().any(|v| v == "Borisom Tadićem")),
        "{:?}",
        stored.analysis.people
    );
    for q in [
        "person:\"Boris Tadić\"",
        "person:Tadic",
        "person:\"Борис Тадић\"",
        "person:Tadića",
    ] {
        assert_eq!(k.search(q, 10, 0).unwrap().total, 1, "{q}");
    }
    assert_eq!(k.search("person:\"Boris Tomić\"", 10, 0).unwrap().total, 0);
}

#[test]
fn a_surname_alone_is_searched_and_counted_as_the_person_it_was_filed_under() {
    let k = Kronika::in_memory().unwrap();
    let full = story(
        "Trade talks stall",
        "President Donald Trump said on Monday that the trade talks had stalled. Trump added \
         that he would meet the delegation again next month.",
    );
    let alone = story(
        "Tariffs stay",
        "Trump said the tariffs would stay in place until a deal was signed, and the markets \
         fell on the news.",
    );
    for (html, url) in [
        (&full, "https://e.com/full"),
        (&alone, "https://e.com/alone"),
    ] {
        k.process_page(page(html.as_bytes(), url)).unwrap();
    }
    k.flush().unwrap();
    assert_eq!(k.search("person:\"Donald Trump\"", 10, 0).unwrap().total, 2);
    let trump = [("Donald Trump".to_owned(), 2)];
    assert_eq!(people_facet(&k, "tariffs OR talks"), trump);
    // A rebuilt index names them the same way.
    k.reindex(&|_| {}).unwrap();
    assert_eq!(people_facet(&k, "tariffs OR talks"), trump);
}

/// People facet of `q`: (name, articles).
fn people_facet(k: &Kronika, q: &str) -> Vec<(String, u64)> {
    let options = index::SearchOptions {
        people_facet: true,
        ..index::SearchOptions::default()
    };
    let r = k.search_with(q, 10, 0, options).unwrap();
    r.people
        .iter()
        .map(|f| (f.value.clone(), f.count))
        .collect()
}

fn story(title: &str, body: &str) -> String {
    format!(
        "<html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{body}</p><p>The talks are due to resume in the spring, officials said on \
         Tuesday, after a week of meetings in the capital.</p></article></body></html>"
    )
}

#[test]
fn an_article_stored_before_its_person_was_known_is_searched_under_the_person() {
    let k = Kronika::in_memory().unwrap();
    let alone = story(
        "Tariffs stay",
        "Trump said the tariffs would stay in place until a deal was signed, and the markets \
         fell on the news.",
    );
    let full = story(
        "Trade talks stall",
        "President Donald Trump said on Monday that the trade talks had stalled. Trump added \
         that he would meet the delegation again next month.",
    );
    k.process_page(page(alone.as_bytes(), "https://e.com/alone"))
        .unwrap();
    // Indexed and searchable under the surname before the full name is seen.
    k.flush().unwrap();
    assert_eq!(people_facet(&k, "tariffs"), [("Trump".to_owned(), 1)]);
    k.process_page(page(full.as_bytes(), "https://e.com/full"))
        .unwrap();
    k.flush().unwrap();
    assert_eq!(k.search("person:\"Donald Trump\"", 10, 0).unwrap().total, 2);
    assert_eq!(
        people_facet(&k, "tariffs OR talks"),
        [("Donald Trump".to_owned(), 2)]
    );
}

#[test]
fn an_article_shows_its_person_by_the_name_learnt_later() {
    let k = Kronika::in_memory().unwrap();
    let plain = story(
        "Summit in Podgorica",
        "President Milo Djukanovic met the delegation in Podgorica on Monday and said the \
         talks had gone well.",
    );
    let accented = story(
        "Talks in Brussels",
        "President Milo Đukanović met the Secretary General in Brussels on Thursday and said \
         the talks had gone well.",
    );
    for (html, url) in [(&plain, "https://e.com/a"), (&accented, "https://e.com/b")] {
        k.process_page(page(html.as_bytes(), url)).unwrap();
        k.flush().unwrap();
    }
    assert_eq!(
        people_facet(&k, "talks"),
        [("Milo Đukanović".to_owned(), 2)]
    );
}

#[test]
fn seed_statements_are_found_with_said_and_person() {
    let k = Kronika::in_memory().unwrap();
    let out = k.process_page(page(&seed(), SEED_URL)).unwrap();
    k.flush().unwrap();
    let stored = k.store().unwrap().article(out.id).unwrap().unwrap();
    let by_him = stored
        .analysis
        .quotes
        .iter()
        .filter(|q| {
            q.speaker
                .and_then(|s| stored.analysis.people.get(s))
                .is_some_and(|p| name_key(&p.name).contains("dukanovic"))
        })
        .filter(|q| q.text.contains("NATO"))
        .count();
    let r = k.search("person:Djukanovic said:NATO", 20, 0).unwrap();
    assert_eq!(r.total, by_him, "quotes by Đukanović that mention NATO");
    assert!(
        by_him > 0,
        "analysis attributed no NATO statement to Đukanović"
    );
    for h in &r.hits {
        assert_eq!(h.kind, HitKind::Quote);
        assert!(h.snippet_html.contains("<b>NATO</b>"), "{}", h.snippet_html);
    }
}

#[test]
fn an_index_deleted_or_behind_is_rebuilt_from_the_store_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let k = Kronika::open(dir.path()).unwrap();
        for i in 0..20 {
            let html = generated(i);
            let url = format!("https://e.com/{i}");
            assert_eq!(
                k.process_page(page(html.as_bytes(), &url)).unwrap().status,
                CommitStatus::New
            );
        }
    }
    std::fs::remove_dir_all(dir.path().join(index::INDEX_DIR)).unwrap();
    let k = Kronika::open(dir.path()).unwrap();
    assert_eq!(k.search("council", 100, 0).unwrap().total, 20);
    assert_eq!(k.reindex(&|_| {}).unwrap(), 20);
    assert_eq!(k.search("council budget", 100, 0).unwrap().total, 20);
}

#[test]
fn folder_ingest_skips_known_files_and_reports_failures() {
    let pages = tempfile::tempdir().unwrap();
    for i in 0..12 {
        std::fs::write(pages.path().join(format!("p{i:02}.html")), generated(i)).unwrap();
    }
    std::fs::write(pages.path().join("empty.html"), "   ").unwrap();
    let data = tempfile::tempdir().unwrap();
    let k = Kronika::open(data.path()).unwrap();
    let r = ingest_paths(&k, &[pages.path().to_path_buf()], None, 2, &|_, _| {}).unwrap();
    assert_eq!((r.files, r.new, r.failed.len()), (13, 12, 1));
    let again = ingest_paths(&k, &[pages.path().to_path_buf()], None, 2, &|_, _| {}).unwrap();
    assert_eq!((again.known, again.new, again.failed.len()), (12, 0, 1));
    assert_eq!(k.store().unwrap().article_count().unwrap(), 12);
    assert_eq!(k.search("council", 100, 0).unwrap().total, 12);
}

#[test]
fn bad_queries_are_typed_errors() {
    let k = Kronika::in_memory().unwrap();
    assert!(matches!(
        k.search("from:soon", 10, 0),
        Err(EngineError::Query(_))
    ));
}

#[test]
fn an_index_ahead_of_a_replaced_store_is_rebuilt_to_match_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let k = Kronika::open(dir.path()).unwrap();
        for i in 0..3 {
            let html = generated(i);
            let url = format!("https://e.com/{i}");
            k.process_page(page(html.as_bytes(), &url)).unwrap();
        }
    }
    for f in ["kronika.db", "kronika.db-wal", "kronika.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(f));
    }
    let k = Kronika::open(dir.path()).unwrap();
    assert_eq!(k.search("council", 100, 0).unwrap().total, 0);
    let html = generated(9);
    k.process_page(page(html.as_bytes(), "https://e.com/9"))
        .unwrap();
    k.flush().unwrap();
    assert_eq!(k.search("council", 100, 0).unwrap().total, 1);
}
