//! Any bytes → an article or a typed error, never a panic. Run with
//! `cargo +nightly fuzz run extract` from this folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Split off a header-like prefix so the charset and URL paths are fuzzed too.
    let (head, bytes) = data.split_at(data.len().min(data.first().copied().unwrap_or(0) as usize % 64));
    let head = String::from_utf8_lossy(head);
    let (content_type, url) = head.split_once('\n').unwrap_or((&head, ""));
    let input = extract::Input {
        bytes,
        url: Some(url).filter(|u| !u.is_empty()),
        content_type: Some(content_type).filter(|c| !c.is_empty()),
    };
    let _ = extract::extract(&input, &extract::Options::default());
});
