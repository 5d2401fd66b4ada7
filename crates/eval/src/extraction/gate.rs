//! Floors: a committed JSON of the lowest acceptable figure per data set,
//! `{"wcxb": {"f1": 0.96, "title_accuracy": 0.8}, "readability": {...}}`.
//! A floor only ever rises: raising is explicit (`--update-floors`), lowering means editing the
//! file by hand in a reviewed change.

use std::collections::BTreeMap;
use std::path::Path;

use super::EvalError;

pub type Floors = BTreeMap<String, BTreeMap<String, f64>>;

pub fn read(path: &Path) -> Result<Floors, EvalError> {
    if !path.exists() {
        return Ok(Floors::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| EvalError::Json {
        path: path.to_owned(),
        source: e,
    })
}

pub fn write(path: &Path, floors: &Floors) -> Result<(), EvalError> {
    let text = serde_json::to_string_pretty(floors).map_err(|e| EvalError::Floors {
        path: path.to_owned(),
        reason: e.to_string(),
    })? + "\n";
    std::fs::write(path, text).map_err(|e| EvalError::io(path, e))
}

/// A figure below its floor.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub figure: String,
    pub value: Option<f64>,
    pub floor: f64,
}

/// Every floor of `set` that `figures` falls below; a floor on a figure the run did not
/// produce is a breach too, so a gate cannot pass by measuring less.
pub fn check(floors: &Floors, set: &str, figures: &[(&str, f64)]) -> Vec<Breach> {
    let Some(mine) = floors.get(set) else {
        return Vec::new();
    };
    mine.iter()
        .filter_map(|(name, &floor)| {
            let value = figures.iter().find(|(k, _)| k == name).map(|(_, v)| *v);
            match value {
                Some(v) if v >= floor => None,
                _ => Some(Breach {
                    figure: name.clone(),
                    value,
                    floor,
                }),
            }
        })
        .collect()
}

/// Raises each floor of `set` to the measured figure (truncated to 4 decimals, so a rerun
/// that prints the same figure passes); never lowers one. Returns the figures raised.
pub fn raise(floors: &mut Floors, set: &str, figures: &[(&str, f64)]) -> Vec<(String, f64)> {
    let mine = floors.entry(set.to_owned()).or_default();
    let mut raised = Vec::new();
    for &(name, value) in figures {
        let v = (value * 10_000.0).floor() / 10_000.0;
        let old = mine.get(name).copied();
        if old.is_none_or(|o| v > o) {
            mine.insert(name.to_owned(), v);
            raised.push((name.to_owned(), v));
        }
    }
    raised
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raise_never_lowers() {
        let mut f = Floors::new();
        raise(&mut f, "wcxb", &[("f1", 0.9)]);
        let raised = raise(&mut f, "wcxb", &[("f1", 0.8)]);
        assert!(raised.is_empty());
        assert_eq!(f["wcxb"]["f1"], 0.9);
        raise(&mut f, "wcxb", &[("f1", 0.95678)]);
        assert_eq!(f["wcxb"]["f1"], 0.9567);
    }

    #[test]
    fn check_reports_low_and_absent_figures() {
        let mut f = Floors::new();
        raise(&mut f, "wcxb", &[("f1", 0.9), ("title_accuracy", 0.5)]);
        let b = check(&f, "wcxb", &[("f1", 0.85)]);
        assert_eq!(b.len(), 2);
        assert!(check(&f, "wcxb", &[("f1", 0.95), ("title_accuracy", 0.5)]).is_empty());
        assert!(check(&f, "other", &[]).is_empty());
    }
}
