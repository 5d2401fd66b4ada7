//! Any input gives a result or a typed error: deep nesting, empty and garbage bytes.

use extract::{ExtractError, Input, Options, content};

fn options() -> Options {
    Options {
        detect_language: false,
        ..Options::default()
    }
}

fn run(bytes: &[u8]) -> Result<model::Article, ExtractError> {
    extract::extract(
        &Input {
            bytes,
            url: None,
            content_type: None,
        },
        &options(),
    )
}

fn nested(open: &str, close: &str, depth: usize) -> String {
    let mut html = String::with_capacity(depth * (open.len() + close.len()) + 200);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str(open);
    }
    html.push_str(
        "<p>Deep inside, a sentence that is long enough to count as prose, with commas, too.</p>",
    );
    for _ in 0..depth {
        html.push_str(close);
    }
    html.push_str("</body></html>");
    html
}

/// Runs the content stage on a small stack, where a recursive walk over the tree would
/// overflow.
fn extract_on_small_stack(html: String) -> content::Content {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let doc = scraper::Html::parse_document(&html);
            content::extract(&doc, None)
        })
        .expect("thread starts")
        .join()
        .expect("no stack overflow")
}

#[test]
fn nesting_100k_deep_does_not_overflow() {
    // Inline elements: html5ever checks block scopes against the whole stack of open
    // elements, so 100k nested blocks cost O(n²) in the parser (fine in release, minutes
    // in a debug test); nested spans give the same 100k-deep tree without that cost.
    let c = extract_on_small_stack(nested("<span>", "</span>", 100_000));
    assert!(c.blocks.iter().any(|b| b.text.starts_with("Deep inside")));
}

#[test]
fn deeply_nested_blocks_keep_their_text() {
    let c = extract_on_small_stack(nested("<div>", "</div>", 5_000));
    assert!(c.blocks.iter().any(|b| b.text.starts_with("Deep inside")));
}

#[test]
fn empty_input_is_a_typed_error() {
    assert!(matches!(run(b""), Err(ExtractError::Empty)));
    assert!(matches!(run(b" \n\t "), Err(ExtractError::Empty)));
}

#[test]
fn garbage_bytes_give_a_result_not_a_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for len in [1usize, 7, 100, 4096, 65_536] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let _ = run(&bytes);
    }
    for html in [
        "<",
        "<<<>>>",
        "<p>",
        "</p></div></body>",
        "<table><tr><td>a<td>b</table><p>x",
        "<html><body><script>never closed",
    ] {
        let _ = run(html.as_bytes());
    }
}

#[test]
fn page_without_story_has_no_body() {
    let html = "<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav>\
                <footer>© 2024 Example</footer></body></html>";
    let doc = scraper::Html::parse_document(html);
    let c = content::extract(&doc, None);
    assert!(c.blocks.is_empty(), "{:?}", c.blocks);
}
