//! Extraction quality: main text (the Zyte article-extraction-benchmark's shingle metric and
//! WCXB's bag-of-words F1) and title/author/date accuracy, as `score_extraction.py` prints them.

pub mod gate;
pub mod gold;
pub mod metric;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

pub use gold::{GoldKind, GoldPage, GoldSet};

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{0}: not a WCXB, Readability, Postlight or texts-by-id gold set")]
    NotGold(PathBuf),
    #[error("{path}: {reason}")]
    Floors { path: PathBuf, reason: String },
}

impl EvalError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// One line of the predictions file `score_extraction.py` reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub author: Vec<String>,
    pub published: Option<String>,
}

impl Prediction {
    pub fn from_article(id: &str, a: &model::Article) -> Self {
        Prediction {
            id: id.to_owned(),
            text: a.text.clone(),
            title: a.title.clone(),
            // The scorers' gold credits organisations and desks as authors too.
            author: if a.authors.is_empty() {
                a.author_organisation.iter().cloned().collect()
            } else {
                a.authors.clone()
            },
            published: a.published.clone(),
        }
    }
}

/// A page the extractor could not handle, with the reason.
#[derive(Debug, Clone)]
pub struct Failure {
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Run {
    pub predictions: Vec<Prediction>,
    pub failures: Vec<Failure>,
    /// Wall-clock extraction time of each predicted page (excluding reading the file).
    pub times: Vec<Duration>,
}

fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|x| x == "gz") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: gzip: {e}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// One page's prediction and extraction time, or why it failed.
type PageResult = Result<(Prediction, Duration), String>;

fn extract_page(
    page: &GoldPage,
    options: &extract::Options,
) -> Result<(Prediction, Duration), String> {
    let bytes = read_page(&page.html)?;
    let start = Instant::now();
    let input = extract::Input {
        bytes: &bytes,
        url: page.url.as_deref(),
        content_type: None,
    };
    let result = catch_unwind(AssertUnwindSafe(|| extract::extract(&input, options)));
    let elapsed = start.elapsed();
    match result {
        Ok(Ok(article)) => Ok((Prediction::from_article(&page.id, &article), elapsed)),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        )),
    }
}

/// Runs the extractor over every page on `threads` threads; a failing page is recorded, never
/// fatal. Predictions come back in the gold set's order.
pub fn predict(pages: &[GoldPage], options: &extract::Options, threads: usize) -> Run {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<PageResult>>> = Mutex::new(vec![None; pages.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(page) = pages.get(i) else { break };
                    let r = extract_page(page, options);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                }
            });
        }
    });
    let mut run = Run::default();
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    for (page, r) in pages.iter().zip(results) {
        match r {
            Some(Ok((p, t))) => {
                run.predictions.push(p);
                run.times.push(t);
            }
            Some(Err(reason)) => run.failures.push(Failure {
                id: page.id.clone(),
                reason,
            }),
            None => run.failures.push(Failure {
                id: page.id.clone(),
                reason: "not run".into(),
            }),
        }
    }
    run
}

/// One page's text scores, for looking at what goes wrong.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    pub bow_f1: f64,
}

/// The figures `score_extraction.py` prints, in its order. Text figures are absent for a
/// metadata-only set; metadata figures are absent when no gold page has the field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub pages: Option<usize>,
    pub missing: Option<usize>,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub accuracy: Option<f64>,
    pub bow_f1: Option<f64>,
    pub title_accuracy: Option<f64>,
    pub title_pages: Option<usize>,
    pub author_accuracy: Option<f64>,
    pub author_pages: Option<usize>,
    pub published_accuracy: Option<f64>,
    pub published_pages: Option<usize>,
    /// Text pages, lowest bag-of-words F1 first (ties by id).
    pub per_page: Vec<PageScore>,
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

pub fn score(gold: &[GoldPage], preds: &[Prediction]) -> Scores {
    let by_id: HashMap<&str, &Prediction> = preds.iter().map(|p| (p.id.as_str(), p)).collect();
    let text_of = |id: &str| by_id.get(id).map(|p| p.text.as_str()).unwrap_or("");
    let mut out = Scores::default();
    let text_pages: Vec<(&str, &str)> = gold
        .iter()
        .filter_map(|g| g.text.as_deref().map(|t| (g.id.as_str(), t)))
        .collect();
    if !text_pages.is_empty() {
        let (mut ps, mut rs, mut acc, mut bows) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for &(id, gt) in &text_pages {
            let pt = text_of(id);
            let t = metric::tp_fp_fn(gt, pt);
            let (p, r) = (metric::precision(t), metric::recall(t));
            if t.0 + t.1 > 0.0 {
                ps.push(p);
            }
            if t.0 + t.2 > 0.0 {
                rs.push(r);
            }
            acc.push(f64::from(u8::from(
                metric::tokens(gt) == metric::tokens(pt),
            )));
            let b = metric::bow_f1(gt, pt);
            bows.push(b);
            out.per_page.push(PageScore {
                id: id.to_owned(),
                precision: p,
                recall: r,
                bow_f1: b,
            });
        }
        let (p, r) = (mean(&ps), mean(&rs));
        out.pages = Some(text_pages.len());
        out.missing = Some(
            text_pages
                .iter()
                .filter(|(id, _)| !by_id.contains_key(id))
                .count(),
        );
        out.precision = Some(p);
        out.recall = Some(r);
        out.f1 = Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
        out.accuracy = Some(mean(&acc));
        out.bow_f1 = Some(mean(&bows));
        out.per_page
            .sort_by(|a, b| a.bow_f1.total_cmp(&b.bow_f1).then_with(|| a.id.cmp(&b.id)));
    }
    let field = |gold_of: &dyn Fn(&GoldPage) -> Option<&Value>,
                 hit: &dyn Fn(&Value, Option<&Prediction>) -> bool|
     -> Option<(f64, usize)> {
        let ids: Vec<&GoldPage> = gold.iter().filter(|g| metric::truthy(gold_of(g))).collect();
        if ids.is_empty() {
            return None;
        }
        let hits = ids
            .iter()
            .filter(|g| gold_of(g).is_some_and(|v| hit(v, by_id.get(g.id.as_str()).copied())))
            .count();
        Some((hits as f64 / ids.len() as f64, ids.len()))
    };
    if let Some((a, n)) = field(&|g| g.title.as_ref(), &|v, p| {
        let got = p.and_then(|p| p.title.as_deref()).unwrap_or("");
        metric::norm(got) == metric::norm(&metric::py_str(v))
    }) {
        out.title_accuracy = Some(a);
        out.title_pages = Some(n);
    }
    if let Some((a, n)) = field(&|g| g.author.as_ref(), &|v, p| {
        let got = p.map(|p| Value::from(p.author.clone()));
        let gold = metric::names(Some(v));
        metric::names(got.as_ref()).iter().any(|n| gold.contains(n))
    }) {
        out.author_accuracy = Some(a);
        out.author_pages = Some(n);
    }
    if let Some((a, n)) = field(&|g| g.published.as_ref(), &|v, p| {
        let got = p.and_then(|p| p.published.clone()).map(Value::from);
        metric::date_prefix(got.as_ref()) == metric::date_prefix(Some(v))
    }) {
        out.published_accuracy = Some(a);
        out.published_pages = Some(n);
    }
    out
}

impl Scores {
    /// The figures by name, as the floors file names them.
    pub fn figures(&self) -> Vec<(&'static str, f64)> {
        [
            ("precision", self.precision),
            ("recall", self.recall),
            ("f1", self.f1),
            ("accuracy", self.accuracy),
            ("bow_f1", self.bow_f1),
            ("title_accuracy", self.title_accuracy),
            ("author_accuracy", self.author_accuracy),
            ("published_accuracy", self.published_accuracy),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }

    /// The same lines `score_extraction.py` prints, `worst` lowest pages on the last.
    pub fn render(&self, worst: usize) -> String {
        let mut s = String::new();
        let int = |s: &mut String, k: &str, v: Option<usize>| {
            if let Some(v) = v {
                let _ = writeln!(s, "{k:>18}: {v}");
            }
        };
        let float = |s: &mut String, k: &str, v: Option<f64>| {
            if let Some(v) = v {
                let _ = writeln!(s, "{k:>18}: {v:.4}");
            }
        };
        int(&mut s, "pages", self.pages);
        int(&mut s, "missing", self.missing);
        float(&mut s, "precision", self.precision);
        float(&mut s, "recall", self.recall);
        float(&mut s, "f1", self.f1);
        float(&mut s, "accuracy", self.accuracy);
        float(&mut s, "bow_f1", self.bow_f1);
        float(&mut s, "title_accuracy", self.title_accuracy);
        int(&mut s, "title_pages", self.title_pages);
        float(&mut s, "author_accuracy", self.author_accuracy);
        int(&mut s, "author_pages", self.author_pages);
        float(&mut s, "published_accuracy", self.published_accuracy);
        int(&mut s, "published_pages", self.published_pages);
        if worst > 0 && !self.per_page.is_empty() {
            let list: Vec<String> = self
                .per_page
                .iter()
                .take(worst)
                .map(|p| format!("{} ({})", p.id, py_round3(p.bow_f1)))
                .collect();
            let _ = writeln!(s, "      lowest pages: {}", list.join(", "));
        }
        s
    }
}

/// Python's `str(round(x, 3))`: shortest form, at least one decimal.
fn py_round3(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    let s = format!("{r}");
    if s.contains('.') { s } else { format!("{s}.0") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, text: &str) -> GoldPage {
        GoldPage {
            id: id.into(),
            text: Some(text.into()),
            title: Some(Value::from("A Title!")),
            author: Some(Value::from("Ann Lee and Bo Ng")),
            published: Some(Value::from("2021-05-18T10:00:00Z")),
            html: PathBuf::new(),
            url: None,
        }
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let gold = [page("a", "one two three four five six")];
        let pred = [Prediction {
            id: "a".into(),
            text: "one two three four five six".into(),
            title: Some("a title".into()),
            author: vec!["Bo Ng".into()],
            published: Some("2021-05-18".into()),
        }];
        let s = score(&gold, &pred);
        assert_eq!(s.f1, Some(1.0));
        assert_eq!(s.accuracy, Some(1.0));
        assert_eq!(s.title_accuracy, Some(1.0));
        assert_eq!(s.author_accuracy, Some(1.0));
        assert_eq!(s.published_accuracy, Some(1.0));
    }

    #[test]
    fn missing_prediction_counts_as_empty() {
        let gold = [page("a", "one two three four five"), page("b", "x y z w v")];
        let pred = [Prediction {
            id: "a".into(),
            text: "one two three four five".into(),
            ..Prediction::default()
        }];
        let s = score(&gold, &pred);
        assert_eq!(s.missing, Some(1));
        // Page b has recall 0 and no precision term: P = 1, R = 0.5.
        assert_eq!(s.precision, Some(1.0));
        assert_eq!(s.recall, Some(0.5));
        assert_eq!(s.per_page[0].id, "b");
    }

    #[test]
    fn rounding_matches_python() {
        assert_eq!(py_round3(0.0), "0.0");
        assert_eq!(py_round3(1.0), "1.0");
        assert_eq!(py_round3(0.12345), "0.123");
    }
}
