//! Named entities against IOB2 gold (GUM, UNER, WikiANN), scored as `score_ner.py` scores:
//! exact-match entities, PER/ORG/LOC each and micro over the three; everything else is MISC.

use std::fmt::Write as _;
use std::path::Path;

use analyse::ner::train::{self, Labeled, Scores};
use analyse::ner::{self, Tagger};

#[derive(Debug, thiserror::Error)]
pub enum NerEvalError {
    #[error(transparent)]
    Data(#[from] ner::NerError),
    #[error("the shipped NER model does not load: {0}")]
    Model(String),
}

/// One gold sentence and the tagger's IOB2 tags for it.
pub struct Predicted {
    pub gold: Labeled,
    pub tags: Vec<&'static str>,
    /// The tagger's entities: (first word, end word, confidence).
    pub scored: Vec<(usize, usize, f32)>,
}

/// Result of a run.
pub struct Report {
    pub scores: Scores,
    pub sentences: usize,
    pub tokens: usize,
    /// Most frequent errors: (description, count).
    pub errors: Vec<(String, usize)>,
    /// Predicted entities by confidence, in tenths: (entities, exactly right).
    pub calibration: [(usize, usize); 10],
}

/// Tags every sentence of the gold file with `tagger`, a document at a time (GUM and UNER mark
/// documents; a WikiANN sentence is its own document).
pub fn predict(gold: &Path, tagger: &Tagger) -> Result<Vec<Predicted>, NerEvalError> {
    let sents = train::read_iob(gold)?;
    let mut out = Vec::with_capacity(sents.len());
    let mut rest = sents.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|s| s.doc == first.doc).count();
        let (doc, tail) = rest.split_at(n);
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for (g, (tags, scored)) in doc.iter().zip(tagger.iob2_document_scored(&words)) {
            out.push(Predicted {
                gold: g.clone(),
                tags,
                scored,
            });
        }
        rest = tail;
    }
    Ok(out)
}

/// The shipped tagger for a language (see [`ner::shipped_for`]).
pub fn shipped_for(language: Option<&str>) -> Result<&'static Tagger, NerEvalError> {
    ner::shipped_for(language).map_err(|e| NerEvalError::Model(e.to_string()))
}

/// Scores predictions and tallies the most common error kinds.
pub fn score(preds: &[Predicted], top: usize) -> Report {
    let mut scores = Scores::default();
    let mut errors = std::collections::HashMap::<String, usize>::new();
    let names = train::type_names();
    let mut tokens = 0;
    let mut calibration = [(0, 0); 10];
    for p in preds {
        tokens += p.gold.words.len();
        let pred = train::bilou(&p.tags);
        scores.add(&p.gold.tags, &pred);
        let g = train::entity_spans(&p.gold.tags);
        let s = train::entity_spans(&pred);
        for &(start, end, conf) in &p.scored {
            let right = s
                .iter()
                .find(|x| (x.0, x.1) == (start, end))
                .is_some_and(|x| g.contains(x));
            // Truncation to a tenth is the binning; the clamp keeps 1.0 in the top bin.
            let bin = &mut calibration[((conf * 10.0) as usize).min(9)];
            bin.0 += 1;
            bin.1 += usize::from(right);
        }
        for e in &g {
            if s.contains(e) {
                continue;
            }
            let kind = match s.iter().find(|x| x.0 < e.1 && e.0 < x.1) {
                Some(x) if (x.0, x.1) == (e.0, e.1) => {
                    format!("{} tagged as {}", names[e.2], names[x.2])
                }
                Some(_) => format!("{} with wrong boundaries", names[e.2]),
                None => format!("{} missed", names[e.2]),
            };
            *errors.entry(kind).or_default() += 1;
        }
        for x in &s {
            if !g.iter().any(|e| e.0 < x.1 && x.0 < e.1) {
                *errors
                    .entry(format!("spurious {}", names[x.2]))
                    .or_default() += 1;
            }
        }
    }
    let mut errors: Vec<(String, usize)> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    errors.truncate(top);
    Report {
        scores,
        sentences: preds.len(),
        tokens,
        errors,
        calibration,
    }
}

/// `token<TAB>tag` lines, a blank line after each sentence, for `score_ner.py --pred`.
pub fn pred_file(preds: &[Predicted]) -> String {
    let mut out = String::new();
    for p in preds {
        for (w, t) in p.gold.words.iter().zip(&p.tags) {
            let _ = writeln!(out, "{w}\t{t}");
        }
        out.push('\n');
    }
    out
}

impl Report {
    /// The figures in `score_ner.py`'s layout.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let names = train::type_names();
        let _ = writeln!(out, "{} sentences, {} tokens", self.sentences, self.tokens);
        let _ = writeln!(
            out,
            "{:<6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "type", "P", "R", "F1", "gold", "pred"
        );
        for (t, name) in names.iter().enumerate() {
            let (p, r, f) = self.scores.prf(Some(t));
            let [_, np, ng] = self.scores.counts[t];
            let _ = writeln!(
                out,
                "{name:<6} {:>6.1} {:>6.1} {:>6.1} {ng:>6} {np:>6}",
                p * 100.0,
                r * 100.0,
                f * 100.0
            );
        }
        let (p, r, f) = self.scores.prf(None);
        let _ = writeln!(
            out,
            "{:<6} {:>6.1} {:>6.1} {:>6.1}   (PER/ORG/LOC)",
            "micro",
            p * 100.0,
            r * 100.0,
            f * 100.0
        );
        if self.calibration.iter().any(|b| b.0 > 0) {
            let _ = writeln!(
                out,
                "confidence of the predicted entities (all types) and how many are exactly right:"
            );
            for (tenth, &(n, right)) in self.calibration.iter().enumerate() {
                if n > 0 {
                    let _ = writeln!(
                        out,
                        "  {:.1}–{:.1}  {n:>6}  {:>5.1} %",
                        tenth as f32 / 10.0,
                        (tenth + 1) as f32 / 10.0,
                        right as f32 * 100.0 / n as f32
                    );
                }
            }
        }
        if !self.errors.is_empty() {
            let _ = writeln!(out, "most common errors:");
            for (e, n) in &self.errors {
                let _ = writeln!(out, "  {n:>5}  {e}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labeled(words: &[&str], tags: &[&str]) -> Labeled {
        Labeled {
            doc: 0,
            words: words.iter().map(|w| w.to_string()).collect(),
            tags: train::bilou(tags),
        }
    }

    #[test]
    fn exact_match_scoring_counts_boundaries_and_types() {
        let gold = labeled(
            &["Jens", "Stoltenberg", "visited", "NATO", "in", "Brussels"],
            &["B-PER", "I-PER", "O", "B-ORG", "O", "B-LOC"],
        );
        let preds = [Predicted {
            gold,
            tags: vec!["B-PER", "O", "O", "B-ORG", "O", "B-PER"],
            scored: vec![(0, 1, 0.35), (3, 4, 0.95), (5, 6, 0.99)],
        }];
        let r = score(&preds, 10);
        // "NATO" is right; "Jens" (a boundary error) and "Brussels" as PER are not.
        assert_eq!(r.calibration[3], (1, 0));
        assert_eq!(r.calibration[9], (2, 1));
        assert_eq!(r.scores.counts[0], [0, 2, 1]);
        assert_eq!(r.scores.counts[1], [1, 1, 1]);
        let (p, rec, _) = r.scores.prf(None);
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (rec - 1.0 / 3.0).abs() < 1e-9);
        assert!(r.errors.iter().any(|(e, _)| e == "LOC tagged as PER"));
        assert!(
            r.errors
                .iter()
                .any(|(e, _)| e == "PER with wrong boundaries")
        );
        assert_eq!(pred_file(&preds).lines().next(), Some("Jens\tB-PER"));
    }
}
