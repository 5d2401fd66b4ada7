//! The abbreviation table (`tables/abbreviations.txt`), parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How an abbreviation's final stop behaves; see the table's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbbrevClass {
    Title,
    Mid,
    Num,
    End,
}

const TABLE: &str = include_str!("../../tables/abbreviations.txt");

fn table() -> &'static HashMap<&'static str, AbbrevClass> {
    static T: OnceLock<HashMap<&'static str, AbbrevClass>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut cols = line.split_whitespace();
            let (Some(word), Some(class)) = (cols.next(), cols.next()) else {
                continue;
            };
            let class = match class {
                "title" => AbbrevClass::Title,
                "mid" => AbbrevClass::Mid,
                "num" => AbbrevClass::Num,
                "end" => AbbrevClass::End,
                _ => continue,
            };
            map.entry(word).or_insert(class);
        }
        map
    })
}

/// The class of `word` (written without its final stop) if it is a listed abbreviation.
/// Exact spelling wins; lower-case entries also match other casings ("Etc", "E.g").
pub fn abbreviation(word: &str) -> Option<AbbrevClass> {
    let t = table();
    if let Some(c) = t.get(word) {
        return Some(*c);
    }
    if word.len() > 12 || !word.chars().any(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase();
    t.get(lower.as_str()).copied()
}
