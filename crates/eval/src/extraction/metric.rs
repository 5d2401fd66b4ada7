//! The text and metadata metrics of `score_extraction.py`, reproduced term for term.
//!
//! Tokens are Python's `\w+` on `str`: letters (`L*`), numbers (`N*`) and `_`. That differs
//! from Rust's `\w` (which also takes combining marks and every connector punctuation), so the
//! class is spelled out.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("token pattern compiles"));
/// Python's `[\W_]+`: every run of characters that are neither letters nor numbers.
static NON_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}]+").expect("non-word pattern compiles"));
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|\band\b|&)\s*").expect("name separator pattern compiles")
});

pub fn tokens(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of 4-gram shingles; a text of 1–3 tokens is one short shingle.
fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    const N: usize = 4;
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    let count = toks.len().saturating_sub(N - 1).max(1);
    for i in 0..count {
        let end = (i + N).min(toks.len());
        *out.entry(toks[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// True positives, false positives and false negatives, normalised to sum to 1.
pub fn tp_fp_fn(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (gt, pt) = (tokens(gold), tokens(pred));
    let (g, p) = (shingles(&gt), shingles(&pt));
    let tp: usize = g
        .iter()
        .map(|(k, c)| (*c).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = g.values().sum::<usize>() - tp;
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    }
}

pub fn precision((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

pub fn recall((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn bag(text: &str) -> HashMap<String, usize> {
    let lower = text.to_lowercase();
    let mut out = HashMap::new();
    for t in TOKEN.find_iter(&lower) {
        *out.entry(t.as_str().to_owned()).or_insert(0) += 1;
    }
    out
}

/// Bag-of-words F1 of lower-cased tokens, as WCXB reports it.
pub fn bow_f1(gold: &str, pred: &str) -> f64 {
    let (g, p) = (bag(gold), bag(pred));
    if g.is_empty() && p.is_empty() {
        return 1.0;
    }
    let common: usize = g
        .iter()
        .map(|(k, c)| (*c).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let pr = common as f64 / p.values().sum::<usize>() as f64;
    let rc = common as f64 / g.values().sum::<usize>() as f64;
    2.0 * pr * rc / (pr + rc)
}

/// Python's `str(v)` for the JSON values that occur as gold or predicted metadata.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Python's truthiness of a JSON value.
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Case, white space and punctuation folded away.
pub fn norm(s: &str) -> String {
    NON_WORD.replace_all(s, " ").trim().to_lowercase()
}

/// The set of normalised names in an author field: a list as given, a string split on
/// `,` `;` `and` `&`.
pub fn names(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(|x| norm(&py_str(x))).collect(),
        Some(other) => NAME_SPLIT
            .split(&py_str(other))
            .map(norm)
            .collect::<Vec<_>>(),
    };
    out.retain(|n| !n.is_empty());
    out.sort();
    out.dedup();
    out
}

/// The first ten characters, where dates are compared.
pub fn date_prefix(v: Option<&Value>) -> String {
    v.map(py_str).unwrap_or_default().chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_class() {
        // A combining mark splits a Python token; U+2040 (a connector) is not a word char there.
        assert_eq!(
            tokens("e\u{301}t\u{e9} a\u{2040}b x_y ½"),
            ["e", "t\u{e9}", "a", "b", "x_y", "½"]
        );
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let (tp, fp, fn_) = tp_fp_fn("one two", "one two");
        assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
        let (tp, fp, fn_) = tp_fp_fn("a b c d e", "a b c d");
        assert!((tp - 0.5).abs() < 1e-12 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-12);
    }

    #[test]
    fn empty_pair_scores_as_python() {
        let t = tp_fp_fn("", "");
        assert_eq!(precision(t), 1.0);
        assert_eq!(recall(t), 1.0);
        assert_eq!(bow_f1("", ""), 1.0);
        assert_eq!(bow_f1("a", ""), 0.0);
    }

    #[test]
    fn names_split_strings_but_not_lists() {
        let s = Value::String("Ann Lee and Bo Ng; C. D".into());
        assert_eq!(names(Some(&s)), ["ann lee", "bo ng", "c d"]);
        let l = serde_json::json!(["Ann and Bo"]);
        assert_eq!(names(Some(&l)), ["ann and bo"]);
    }

    #[test]
    fn norm_folds_punctuation_and_underscore() {
        assert_eq!(norm("  Hello,_World!  "), "hello world");
    }
}
