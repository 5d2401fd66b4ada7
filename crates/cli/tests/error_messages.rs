//! The binary's last word on a failure: one line that names the cause once.

use std::process::Command;

#[test]
fn a_missing_gold_file_is_named_with_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such.iob2");
    let out = Command::new(env!("CARGO_BIN_EXE_kronika"))
        .args(["eval", "ner", "--gold", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let line = err.lines().last().unwrap();
    assert!(line.starts_with("kronika: "), "{line}");
    assert!(line.contains("no-such.iob2"), "{line}");
    assert_eq!(line.matches("os error 2").count(), 1, "{line}");
}

#[test]
fn reading_verbs_name_a_data_directory_that_holds_nothing_and_leave_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kronika-data");
    for verb in [
        &["search", "NATO"][..],
        &["sources", "--health"],
        &["stories"],
        &["export"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kronika"))
            .arg("--data")
            .arg(&data)
            .args(verb)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{verb:?}: {err}");
        assert!(err.contains("no Kronika data in"), "{verb:?}: {err}");
        assert!(!data.exists(), "{verb:?} created {}", data.display());
    }
}
