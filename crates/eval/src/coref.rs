//! Person coreference against GUM's `coref-*.jsonl`: for named, nominal and pronoun mentions,
//! the share the analysis links to the right person chain.
//!
//! Alignment: each predicted person mention goes to the smallest gold mention whose span holds
//! it (GUM spans are whole noun phrases, relative clauses included), else to the gold mention
//! it overlaps most; a gold mention keeps its longest aligned prediction. Each predicted person
//! is mapped to the gold chain most of its aligned mentions belong to. A gold mention is
//! *found* when a person mention aligns with it, and *linked* when that mention's person maps
//! to the gold mention's own chain. Figures per form (gold's `named`/`pronoun` flags; neither
//! is nominal), for all mentions and for those whose chain has two or more (anaphoric).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use model::{EntityKind, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum CorefError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
    #[error("no documents in {0}")]
    Empty(PathBuf),
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldMention {
    pub start: usize,
    pub end: usize,
    pub chain: i64,
    #[serde(default)]
    pub named: bool,
    #[serde(default)]
    pub pronoun: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    #[serde(default)]
    pub genre: String,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Named,
    Nominal,
    Pronoun,
}

impl GoldMention {
    fn form(&self) -> Form {
        if self.pronoun {
            Form::Pronoun
        } else if self.named {
            Form::Named
        } else {
            Form::Nominal
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub linked: usize,
}

impl Counts {
    fn share(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub tokens: usize,
    pub seconds: f64,
    /// All gold mentions, per form.
    pub all: Vec<(Form, Counts)>,
    /// Gold mentions whose chain has two or more mentions, per form.
    pub anaphoric: Vec<(Form, Counts)>,
    /// Gold pronouns of one third person ("he", "her", "himself"…), among all mentions: the
    /// ones news copy resolves, where GUM's conversations and vlogs bring mostly "I", "you"
    /// and "we", which name nobody in the text.
    pub he_she: Counts,
    /// Predicted person mentions that align with no gold person mention, per form.
    pub spurious: Vec<(Form, usize)>,
    pub predicted_people: usize,
    pub gold_chains: usize,
    /// One line per gold mention not linked right: document, form, what happened, the text.
    #[serde(skip)]
    pub errors: Vec<String>,
}

pub fn load(path: &Path) -> Result<Vec<GoldDoc>, CorefError> {
    let raw = fs::read_to_string(path).map_err(|source| CorefError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut docs = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        docs.push(
            serde_json::from_str(line).map_err(|source| CorefError::Json {
                path: path.to_owned(),
                line: i + 1,
                source,
            })?,
        );
    }
    if docs.is_empty() {
        return Err(CorefError::Empty(path.to_owned()));
    }
    Ok(docs)
}

fn form_of(m: model::MentionForm) -> Form {
    match m {
        model::MentionForm::Name => Form::Named,
        model::MentionForm::Nominal => Form::Nominal,
        model::MentionForm::Pronoun => Form::Pronoun,
    }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores one document; adds into the report's tables.
/// "he", "him", "his", "himself", "she", "her", "hers", "herself".
fn is_he_or_she(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself"
    )
}

fn score_doc(
    doc: &GoldDoc,
    he_she: &mut Counts,
    all: &mut HashMap<Form, Counts>,
    ana: &mut HashMap<Form, Counts>,
    spurious: &mut HashMap<Form, usize>,
    errors: &mut Vec<String>,
) -> (usize, usize) {
    let analysis = analyse::entities(&doc.text, None, None);
    let gold: Vec<Span> = doc
        .mentions
        .iter()
        .map(|m| Span::new(m.start, m.end))
        .collect();
    let mut chain_size: HashMap<i64, usize> = HashMap::new();
    for m in &doc.mentions {
        *chain_size.entry(m.chain).or_default() += 1;
    }
    // Gold mention → (predicted mention index, its length).
    let mut aligned: HashMap<usize, (usize, usize)> = HashMap::new();
    for (pi, p) in analysis.mentions.iter().enumerate() {
        if p.kind != EntityKind::Person {
            continue;
        }
        let holder = gold
            .iter()
            .enumerate()
            .filter(|(_, g)| g.contains(p.span))
            .min_by_key(|(_, g)| g.len())
            .or_else(|| {
                gold.iter()
                    .enumerate()
                    .filter(|(_, g)| overlap(**g, p.span) > 0)
                    .max_by_key(|(_, g)| overlap(**g, p.span))
            })
            .map(|(gi, _)| gi);
        match holder {
            Some(gi) => {
                let len = p.span.len();
                if aligned.get(&gi).is_none_or(|&(_, l)| len > l) {
                    aligned.insert(gi, (pi, len));
                }
            }
            None => {
                *spurious.entry(form_of(p.form)).or_default() += 1;
                errors.push(format!(
                    "{}\t{:?}\tspurious\t{}",
                    doc.id,
                    form_of(p.form),
                    p.text
                ));
            }
        }
    }
    // Predicted person → gold chain by majority of its aligned mentions.
    let mut votes: HashMap<usize, HashMap<i64, usize>> = HashMap::new();
    for (&gi, &(pi, _)) in &aligned {
        if let Some(e) = analysis.mentions[pi].entity {
            *votes
                .entry(e)
                .or_default()
                .entry(doc.mentions[gi].chain)
                .or_default() += 1;
        }
    }
    let chain_of: HashMap<usize, i64> = votes
        .into_iter()
        .filter_map(|(e, v)| {
            v.into_iter()
                .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
                .map(|(c, _)| (e, c))
        })
        .collect();
    for (gi, g) in doc.mentions.iter().enumerate() {
        let form = g.form();
        let anaphoric = chain_size.get(&g.chain).copied().unwrap_or(0) >= 2;
        let found = aligned.get(&gi).map(|&(pi, _)| pi);
        let linked = found
            .and_then(|pi| analysis.mentions[pi].entity)
            .and_then(|e| chain_of.get(&e))
            .is_some_and(|&c| c == g.chain);
        let text: String = doc
            .text
            .chars()
            .skip(g.start)
            .take(g.end - g.start)
            .collect();
        if form == Form::Pronoun && is_he_or_she(&text) {
            he_she.gold += 1;
            he_she.found += usize::from(found.is_some());
            he_she.linked += usize::from(linked);
        }
        if !linked {
            let what = match found {
                None => "missed".to_owned(),
                Some(pi) => format!("mislinked as {:?}", analysis.mentions[pi].text),
            };
            errors.push(format!("{}\t{form:?}\t{what}\t{text}\t{}", doc.id, g.start));
        }
        for (table, on) in [(&mut *all, true), (&mut *ana, anaphoric)] {
            if !on {
                continue;
            }
            let c = table.entry(form).or_default();
            c.gold += 1;
            c.found += usize::from(found.is_some());
            c.linked += usize::from(linked);
        }
    }
    (analysis.people.len(), chain_size.len())
}

/// Runs the analysis over every document and scores it.
pub fn evaluate(docs: &[GoldDoc]) -> Report {
    let started = Instant::now();
    let mut all = HashMap::new();
    let mut ana = HashMap::new();
    let mut spurious = HashMap::new();
    let mut report = Report {
        documents: docs.len(),
        ..Report::default()
    };
    for doc in docs {
        let (people, chains) = score_doc(
            doc,
            &mut report.he_she,
            &mut all,
            &mut ana,
            &mut spurious,
            &mut report.errors,
        );
        report.predicted_people += people;
        report.gold_chains += chains;
        report.tokens += doc.text.split_whitespace().count();
    }
    report.seconds = started.elapsed().as_secs_f64();
    let sorted = |m: HashMap<Form, Counts>| {
        let mut v: Vec<(Form, Counts)> = m.into_iter().collect();
        v.sort_by_key(|(f, _)| *f);
        v
    };
    report.all = sorted(all);
    report.anaphoric = sorted(ana);
    let mut s: Vec<(Form, usize)> = spurious.into_iter().collect();
    s.sort();
    report.spurious = s;
    report
}

pub fn run(gold: &Path) -> Result<Report, CorefError> {
    Ok(evaluate(&load(gold)?))
}

impl Report {
    pub fn render(&self) -> String {
        let mut out = format!(
            "documents {}  gold chains {}  predicted people {}  ({} whitespace tokens, {:.2} s)\n",
            self.documents, self.gold_chains, self.predicted_people, self.tokens, self.seconds
        );
        for (label, rows) in [
            ("all mentions", &self.all),
            ("anaphoric (chain ≥ 2)", &self.anaphoric),
        ] {
            out.push_str(&format!(
                "{label}\n  {:<8} {:>6} {:>8} {:>8}\n",
                "form", "gold", "found%", "linked%"
            ));
            let mut total = Counts::default();
            let row = |name: &str, c: &Counts| {
                format!(
                    "  {:<8} {:>6} {:>8.1} {:>8.1}",
                    name,
                    c.gold,
                    Counts::share(c.found, c.gold),
                    Counts::share(c.linked, c.gold)
                )
            };
            for (form, c) in rows.iter() {
                total.gold += c.gold;
                total.found += c.found;
                total.linked += c.linked;
                out.push_str(&row(&format!("{form:?}").to_lowercase(), c));
                out.push('\n');
            }
            out.push_str(&row("total", &total));
            out.push('\n');
            if label == "all mentions" {
                out.push_str(&row("he/she", &self.he_she));
                out.push_str("   (of the pronouns: he, him, his, she, her …)\n");
            }
        }
        let spurious: Vec<String> = self
            .spurious
            .iter()
            .map(|(f, n)| format!("{}: {n}", format!("{f:?}").to_lowercase()))
            .collect();
        out.push_str(&format!(
            "predicted person mentions outside any gold person mention: {}\n",
            spurious.join(", ")
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_surname_and_pronoun_score_as_linked() {
        let text = "President Jane Smith arrived. Smith said she was glad.";
        let doc = GoldDoc {
            id: "t".into(),
            genre: String::new(),
            text: text.into(),
            mentions: vec![
                GoldMention {
                    start: 0,
                    end: 20,
                    chain: 1,
                    named: true,
                    pronoun: false,
                },
                GoldMention {
                    start: 30,
                    end: 35,
                    chain: 1,
                    named: true,
                    pronoun: false,
                },
                GoldMention {
                    start: 41,
                    end: 44,
                    chain: 1,
                    named: false,
                    pronoun: true,
                },
            ],
        };
        let r = evaluate(&[doc]);
        let named = r.all.iter().find(|(f, _)| *f == Form::Named).unwrap().1;
        assert_eq!((named.gold, named.found, named.linked), (2, 2, 2));
        let pron = r.all.iter().find(|(f, _)| *f == Form::Pronoun).unwrap().1;
        assert_eq!((pron.gold, pron.linked), (1, 1));
    }

    #[test]
    fn a_missed_mention_is_neither_found_nor_linked() {
        let doc = GoldDoc {
            id: "t".into(),
            genre: String::new(),
            text: "the woman left".into(),
            mentions: vec![GoldMention {
                start: 0,
                end: 9,
                chain: 1,
                named: false,
                pronoun: false,
            }],
        };
        let r = evaluate(&[doc]);
        let nom = r.all[0].1;
        assert_eq!((nom.gold, nom.found, nom.linked), (1, 0, 0));
    }
}
