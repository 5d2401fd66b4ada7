//! `kronika extract` reads a gzipped page (a `.gz` name or gzip's magic bytes, from a file or
//! stdin) as the page it holds, and a broken gzip stream is an error for that input.

use std::io::Write;
use std::process::{Command, Stdio};

const PAGE: &[u8] = include_bytes!("../../../fixtures/seed/seed-article.html");

fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn extract(args: &[&str], stdin: Option<&[u8]>) -> (bool, serde_json::Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kronika"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    (out.status.success(), serde_json::from_str(&text).unwrap())
}

#[test]
fn a_gzipped_page_extracts_as_the_page_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("seed.html");
    std::fs::write(&plain, PAGE).unwrap();
    let (ok, expected) = extract(&[plain.to_str().unwrap()], None);
    assert!(ok);
    assert!(expected["title"].as_str().is_some_and(|t| !t.is_empty()));

    // By name, by magic bytes under a plain name, and on stdin.
    let named = dir.path().join("seed.html.gz");
    std::fs::write(&named, gzipped(PAGE)).unwrap();
    let magic = dir.path().join("seed-gzipped.html");
    std::fs::write(&magic, gzipped(PAGE)).unwrap();
    for path in [&named, &magic] {
        let (ok, got) = extract(&[path.to_str().unwrap()], None);
        assert!(ok, "{}", path.display());
        assert_eq!(got["title"], expected["title"], "{}", path.display());
        assert_eq!(got["text"], expected["text"], "{}", path.display());
    }
    let (ok, got) = extract(&["-"], Some(&gzipped(PAGE)));
    assert!(ok);
    assert_eq!(got["text"], expected["text"]);
}

#[test]
fn a_broken_gzip_stream_is_an_error_for_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.html.gz");
    let mut bytes = gzipped(PAGE);
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, &bytes).unwrap();
    let (ok, got) = extract(&[broken.to_str().unwrap()], None);
    assert!(!ok);
    assert!(
        got["error"]
            .as_str()
            .is_some_and(|e| e.contains("cannot read")),
        "{got}"
    );
}
