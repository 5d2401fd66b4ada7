//! Any bytes in → an article or a typed error, never a panic, a stack overflow or runaway work.

use extract::{ExtractError, Input, Options, extract};
use proptest::prelude::*;

fn run(bytes: &[u8]) -> Result<model::Article, ExtractError> {
    extract(
        &Input {
            bytes,
            url: Some("https://example.org/2021/05/18/a"),
            content_type: None,
        },
        &Options::default(),
    )
}

/// Runs `f` on a thread with the default 2 MiB stack, as a caller's worker thread would have.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic or overflow on a 2 MiB stack")
}

#[test]
fn nesting_100000_deep_does_not_overflow_the_stack() {
    for tag in ["div", "span", "b", "p", "li", "table"] {
        let depth = 100_000;
        let mut html = String::with_capacity(depth * 12);
        html.push_str("<html><body>");
        for _ in 0..depth {
            html.push('<');
            html.push_str(tag);
            html.push('>');
        }
        html.push_str("BRUSSELS – deep text");
        let article = on_small_stack(move || run(html.as_bytes()).map(|a| a.title));
        assert!(article.is_ok(), "{tag}: {article:?}");
    }
}

#[test]
fn a_50_mb_page_is_refused_as_too_large() {
    let mut page = b"<html><body><p>".to_vec();
    page.resize(50 * 1024 * 1024, b'a');
    match run(&page) {
        Err(ExtractError::TooLarge { size, limit }) => {
            assert_eq!(size, 50 * 1024 * 1024);
            assert_eq!(limit, extract::DEFAULT_MAX_BYTES);
        }
        other => panic!("expected TooLarge, got {:?}", other.map(|a| a.title)),
    }
}

#[test]
fn empty_and_blank_input_is_a_typed_error() {
    assert!(matches!(run(b""), Err(ExtractError::Empty)));
    assert!(matches!(run(b" \n\t "), Err(ExtractError::Empty)));
}

#[test]
fn hostile_metadata_is_survived() {
    let cases: Vec<String> = vec![
        // JSON-LD nested deeply, truncated, and with a huge graph.
        format!(r#"<script type="application/ld+json">{}{}</script>"#, "[".repeat(100_000), "]".repeat(100_000)),
        format!(r#"<script type="application/ld+json">{}</script>"#, r#"{"@type":"Article","author":"#.repeat(20_000)),
        format!(r#"<script type="application/ld+json">{{"@graph":[{}]}}</script>"#, vec![r#"{"@type":"Person","name":"A B"}"#; 50_000].join(",")),
        // Dates and bylines that look almost right.
        r#"<meta property="article:published_time" content="9999-99-99T99:99:99+99:99"><meta name="author" content="By , and ,, &&& ;;">"#.into(),
        r#"<time datetime="-1">x</time><meta name="date" content="99999999999999999999">"#.into(),
        // Charset declarations that lie or are cut off.
        "<meta charset=\"utf-16\"><meta http-equiv=content-type content=\"charset=".into(),
        format!("<figure><img src=\"{}\"><figcaption>{}</figcaption></figure>", "x".repeat(100_000), "Photo: ".repeat(10_000)),
        format!("<p>{} – text</p>", "A".repeat(100_000)),
        format!("<a rel=author>{}</a>", "By ".repeat(50_000)),
        format!("<html lang=\"{}\"><p>{}</p>", "x".repeat(10_000), "ж".repeat(100_000)),
    ];
    for c in cases {
        let r = on_small_stack(move || run(c.as_bytes()).map(|a| a.title).is_ok());
        assert!(r);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = run(&bytes);
    }

    #[test]
    fn html_ish_strings_never_panic(parts in proptest::collection::vec(html_piece(), 0..200)) {
        let page: String = parts.concat();
        let _ = run(page.as_bytes());
    }
}

/// Fragments that exercise the metadata paths: tags, attributes, JSON-LD, dates, bylines,
/// captions and datelines, combined in any order and unbalanced.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<html lang=sr>".to_owned()),
        Just("<meta charset=windows-1250>".to_owned()),
        Just("<meta property=\"og:title\" content=\"".to_owned()),
        Just("<meta name=author content=".to_owned()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":["
                .to_owned()
        ),
        Just("</script>".to_owned()),
        Just("<time datetime=\"2021-05-18T19:41:07+02:00\">".to_owned()),
        Just("<figure><img src=/a.jpg><figcaption>".to_owned()),
        Just("; Photo: NATO</figcaption>".to_owned()),
        Just("<h1>".to_owned()),
        Just("<p>BRUSSELS – ".to_owned()),
        Just("<p>SARAJEVO, May 3 (Reuters) - ".to_owned()),
        Just("<span class=byline>By ".to_owned()),
        Just("<a rel=author>".to_owned()),
        Just("<div>".to_owned()),
        Just("</div>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("&#x1F600;&amp;&#0;&#xD800;".to_owned()),
        "[\\PC]{0,40}",
        "[a-zA-Z0-9 <>/=\"':;,.(){}\\[\\]–—-]{0,40}",
    ]
}
