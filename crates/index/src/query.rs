//! The query language of `kronika search`: free text plus `key:value` filters.
//!
//! `person:` `place:` `org:` `source:` `lang:` `from:` `to:` `said:`; a value with spaces goes in
//! double quotes (`person:"Milo Đukanović"`). Anything else, including unknown `key:` words, is
//! free text for title and body. `said:` turns the search to quotations: its words must occur in
//! the quote, and `person:` then means the speaker.

use chrono::NaiveDate;
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
pub enum QueryError {
    #[error("{key}: wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not {value:?}")]
    BadDate { key: String, value: String },
    #[error("{0}: needs a value")]
    Empty(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Free text for title and body (tantivy syntax: phrases in quotes, `-word`).
    pub text: Option<String>,
    /// Words the quotation must contain.
    pub said: Option<String>,
    /// Name keys.
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    /// Site names or registered source names.
    pub sources: Vec<String>,
    pub langs: Vec<String>,
    /// Inclusive.
    pub from: Option<NaiveDate>,
    /// Inclusive.
    pub to: Option<NaiveDate>,
}

impl Query {
    /// Parses a query; `key` turns a name as a user types it into the key analysis would give it.
    pub fn parse(input: &str, key: &dyn Fn(&str) -> String) -> Result<Query, QueryError> {
        let mut q = Query::default();
        let mut text: Vec<String> = Vec::new();
        let mut said: Vec<String> = Vec::new();
        for token in split(input) {
            let Some((k, v)) = token.split_once(':').filter(|(k, _)| is_key(k)) else {
                text.push(token);
                continue;
            };
            let k = k.to_ascii_lowercase();
            let v = unquote(v);
            if v.trim().is_empty() {
                return Err(QueryError::Empty(k));
            }
            match k.as_str() {
                "person" => q.people.push(key(&v)),
                "place" => q.places.push(key(&v)),
                "org" => q.orgs.push(key(&v)),
                "source" => q.sources.push(v.trim().to_string()),
                "lang" => q.langs.push(v.trim().to_ascii_lowercase()),
                "from" => q.from = Some(date(&k, &v, false)?),
                "to" => q.to = Some(date(&k, &v, true)?),
                "said" => said.push(if v.contains(' ') {
                    format!("\"{v}\"")
                } else {
                    v
                }),
                _ => unreachable!("is_key lists every key"),
            }
        }
        q.people.retain(|p| !p.is_empty());
        q.places.retain(|p| !p.is_empty());
        q.orgs.retain(|p| !p.is_empty());
        q.text = Some(text.join(" ")).filter(|t| !t.trim().is_empty());
        q.said = Some(said.join(" ")).filter(|t| !t.trim().is_empty());
        Ok(q)
    }

    pub fn is_quote_search(&self) -> bool {
        self.said.is_some()
    }
}

fn is_key(k: &str) -> bool {
    matches!(
        k.to_ascii_lowercase().as_str(),
        "person" | "place" | "org" | "source" | "lang" | "from" | "to" | "said"
    )
}

/// Splits on whitespace outside double quotes; quotes stay in the token.
fn split(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' | '“' | '”' | '„' => {
                quoted = !quoted;
                cur.push('"');
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn unquote(v: &str) -> String {
    v.trim_matches('"').to_string()
}

/// `2021-05-18`, `2021-05` or `2021`; `to:` takes the last day of a month or year.
fn date(key: &str, v: &str, end: bool) -> Result<NaiveDate, QueryError> {
    let bad = || QueryError::BadDate {
        key: key.into(),
        value: v.into(),
    };
    let parts: Vec<&str> = v.trim().split('-').collect();
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad),
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            if !end {
                return Ok(first);
            }
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            next.and_then(|d| d.pred_opt()).ok_or_else(bad)
        }
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)
            }
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(s: &str) -> String {
        s.to_lowercase()
    }

    #[test]
    fn filters_and_free_text_are_separated() {
        let q = Query::parse(
            "summit person:\"Milo Djukanovic\" said:NATO lang:EN from:2021-05 to:2021 Brussels http://x",
            &lower,
        )
        .unwrap();
        assert_eq!(q.text.as_deref(), Some("summit Brussels http://x"));
        assert_eq!(q.people, vec!["milo djukanovic"]);
        assert_eq!(q.said.as_deref(), Some("NATO"));
        assert_eq!(q.langs, vec!["en"]);
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2021, 5, 1));
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2021, 12, 31));
        assert!(q.is_quote_search());
    }

    #[test]
    fn month_end_and_bad_dates() {
        let q = Query::parse("to:2024-02", &lower).unwrap();
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2024, 2, 29));
        assert!(matches!(
            Query::parse("from:yesterday", &lower),
            Err(QueryError::BadDate { .. })
        ));
        assert!(matches!(
            Query::parse("from:2021-13-01", &lower),
            Err(QueryError::BadDate { .. })
        ));
        assert_eq!(
            Query::parse("person:", &lower),
            Err(QueryError::Empty("person".into()))
        );
    }

    #[test]
    fn quoted_said_becomes_a_phrase() {
        let q = Query::parse("said:\"our home\"", &lower).unwrap();
        assert_eq!(q.said.as_deref(), Some("\"our home\""));
    }
}
