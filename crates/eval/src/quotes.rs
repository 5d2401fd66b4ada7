//! PolNeAR quotation attribution: runs the analysis over a split, writes the JSONL that
//! `../shared/tools/score_quotes.py` reads, and computes the same figures with the same rules.
//!
//! Gold: per article the lexicographically first `<id>_<hex>.ann`; an attribution is a BRAT
//! event `Attribution:` or `Attribution-no-source:` with Source, Cue and Content* roles. Spans
//! match when they share a `\w+` word token of the article text; a prediction is in scope for a
//! gold set unless its content overlaps only attributions outside the set.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use model::{Article, CharIndex, Quote};
use regex::Regex;
use serde::Serialize;

/// Characters whose presence in a gold content makes it a quotation-mark attribution.
const QUOTE_CHARS: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}', '\u{2018}',
];

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("static regex"));

#[derive(Debug, thiserror::Error)]
pub enum QuotesError {
    #[error("the {0} split is held back and is never read")]
    HeldBack(String),
    #[error("unknown split {0:?} (train or dev)")]
    UnknownSplit(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no articles under {0}")]
    Empty(PathBuf),
}

fn io(path: &Path, source: std::io::Error) -> QuotesError {
    QuotesError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Character ranges, end exclusive; several for a discontinuous span.
pub type Frags = Vec<(usize, usize)>;

#[derive(Debug, Clone)]
pub struct GoldAttribution {
    pub content: Frags,
    pub source: Option<Frags>,
    pub cue: Option<Frags>,
    pub has_quote: bool,
}

#[derive(Debug, Clone)]
pub struct GoldArticle {
    pub id: String,
    pub text: String,
    pub published: Option<String>,
    pub atts: Vec<GoldAttribution>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PredQuote {
    pub speaker: Option<SpanJson>,
    pub content: SpanJson,
    pub cue: Option<SpanJson>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SpanJson {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
struct PredLine<'a> {
    id: &'a str,
    quotes: &'a [PredQuote],
}

/// Reads a split's articles and their gold attributions. Malformed annotation lines are
/// skipped and counted, as the scorer reports them as anomalies.
pub fn load(root: &Path, split: &str) -> Result<(Vec<GoldArticle>, usize), QuotesError> {
    match split {
        "train" | "dev" => {}
        "test" => return Err(QuotesError::HeldBack(split.to_string())),
        other => return Err(QuotesError::UnknownSplit(other.to_string())),
    }
    let tdir = root.join("data").join(split).join("text");
    let adir = root.join("data").join(split).join("attributions");
    let published = read_dates(&root.join("data").join("metadata.tsv"));
    let mut names: Vec<String> = fs::read_dir(&tdir)
        .map_err(|e| io(&tdir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut anns: Vec<String> = fs::read_dir(&adir)
        .map_err(|e| io(&adir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    let mut anomalies = 0;
    for name in names {
        let id = name.trim_end_matches(".txt").to_string();
        let first = anns.iter().find(|a| {
            a.strip_prefix(id.as_str())
                .and_then(|r| r.strip_prefix('_'))
                .and_then(|r| r.strip_suffix(".ann"))
                .is_some_and(|h| {
                    !h.is_empty()
                        && h.chars()
                            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
                })
        });
        let Some(first) = first else { continue };
        let tpath = tdir.join(&name);
        let text = fs::read_to_string(&tpath).map_err(|e| io(&tpath, e))?;
        let apath = adir.join(first);
        let ann = fs::read_to_string(&apath).map_err(|e| io(&apath, e))?;
        let (atts, bad) = parse_ann(&ann, &text);
        anomalies += bad;
        let published = published.get(&id).cloned();
        out.push(GoldArticle {
            id,
            text,
            published,
            atts,
        });
    }
    if out.is_empty() {
        return Err(QuotesError::Empty(tdir));
    }
    Ok((out, anomalies))
}

fn read_dates(path: &Path) -> HashMap<String, String> {
    let Ok(tsv) = fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n);
    let (Some(f), Some(d)) = (col("filename"), col("publication_date")) else {
        return HashMap::new();
    };
    lines
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((c.get(f)?.to_string(), c.get(d)?.to_string()))
        })
        .collect()
}

/// Parses BRAT standoff; returns the attributions and the number of lines it could not use.
pub fn parse_ann(ann: &str, text: &str) -> (Vec<GoldAttribution>, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut tb: HashMap<&str, Frags> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    let mut bad = 0;
    for line in ann.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('T') {
            let cols: Vec<&str> = line.splitn(3, '\t').collect();
            let Some(mid) = cols.get(1) else {
                bad += 1;
                continue;
            };
            let Some((_, offs)) = mid.split_once(' ') else {
                bad += 1;
                continue;
            };
            let frags: Option<Frags> = offs
                .split(';')
                .map(|f| {
                    let mut it = f.split_whitespace().map(|x| x.parse::<usize>().ok());
                    Some((it.next()??, it.next()??))
                })
                .collect();
            match frags {
                Some(f) => {
                    tb.insert(cols[0], f);
                }
                None => bad += 1,
            }
        } else if line.starts_with('E') {
            let Some((_, args)) = line.split_once('\t') else {
                bad += 1;
                continue;
            };
            events.push(
                args.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .collect(),
            );
        } else {
            bad += 1;
        }
    }
    let mut atts = Vec::new();
    for roles in events {
        let has = |r: &str| roles.iter().any(|(k, _)| *k == r);
        let with_source = has("Attribution");
        if !with_source && !has("Attribution-no-source") {
            bad += 1;
            continue;
        }
        let frags = |pred: &dyn Fn(&str) -> bool| {
            let mut out: Frags = roles
                .iter()
                .filter(|(k, _)| pred(k))
                .filter_map(|(_, t)| tb.get(t))
                .flatten()
                .copied()
                .collect();
            out.sort_unstable();
            out
        };
        let content = frags(&|k| k.starts_with("Content"));
        if content.is_empty() {
            bad += 1;
            continue;
        }
        let source = frags(&|k| k == "Source");
        let cue = frags(&|k| k == "Cue");
        let ctext: String = content
            .iter()
            .map(|&(s, e)| {
                chars
                    .get(s.min(chars.len())..e.min(chars.len()))
                    .map(|c| c.iter().collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        atts.push(GoldAttribution {
            has_quote: ctext.contains(QUOTE_CHARS),
            content,
            source: (!source.is_empty()).then_some(source),
            cue: (!cue.is_empty()).then_some(cue),
        });
    }
    (atts, bad)
}

/// The predictions for one article, in the scorer's format, and the time quotations and events
/// take on their own, given the entities (measured by running them again on the analysis).
pub fn predict(article: &GoldArticle) -> (Vec<Quote>, Vec<PredQuote>, Duration) {
    let input = Article {
        text: article.text.clone(),
        published: article.published.clone(),
        ..Article::default()
    };
    let analysis = analyse::analyse(&input);
    let t0 = Instant::now();
    let quotes = analyse::quotes::find(&input.text, &analysis);
    let events = analyse::events::find(&input.text, input.published.as_deref(), &analysis);
    let own = t0.elapsed();
    std::hint::black_box((&quotes, &events));
    // Source attribution is scored on what Kronika attributes: a quotation it keeps unresolved
    // (no speaker in its paragraph) makes no claim of who spoke, so it is counted apart
    // (`Report::unresolved`) instead of being written as a prediction.
    let preds = analysis
        .quotes
        .iter()
        .filter(|q| q.speaker_span.is_some())
        .map(to_pred)
        .collect();
    (analysis.quotes, preds, own)
}

fn to_pred(q: &Quote) -> PredQuote {
    let j = |s: model::Span| SpanJson {
        start: s.start,
        end: s.end,
    };
    PredQuote {
        speaker: q.speaker_span.map(j),
        content: j(q.content),
        cue: q.cue_span.map(j),
    }
}

/// Word-token ids per char, as the scorer's `Tok`.
struct Tok {
    ids: Vec<i64>,
}

impl Tok {
    fn new(text: &str) -> Self {
        let idx = CharIndex::new(text);
        let n = text.chars().count();
        let mut ids = vec![-1; n];
        for (i, m) in WORD.find_iter(text).enumerate() {
            ids[idx.char_of(m.start())..idx.char_of(m.end())].fill(i as i64);
        }
        Self { ids }
    }
    fn toks(&self, frags: &[(usize, usize)]) -> HashSet<i64> {
        let mut out = HashSet::new();
        for &(s, e) in frags {
            for c in s..e.min(self.ids.len()) {
                if self.ids[c] >= 0 {
                    out.insert(self.ids[c]);
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f: f64,
    pub tp_pred: usize,
    pub n_pred: usize,
    pub tp_gold: usize,
    pub n_gold: usize,
}

fn prf(tp_pred: usize, n_pred: usize, tp_gold: usize, n_gold: usize) -> Prf {
    let p = if n_pred > 0 {
        tp_pred as f64 / n_pred as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp_gold as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p,
        r,
        f,
        tp_pred,
        n_pred,
        tp_gold,
        n_gold,
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SetScores {
    pub n_gold: usize,
    pub n_pred_in_scope: usize,
    pub n_pred_ignored: usize,
    pub n_pred_no_speaker: usize,
    pub content: Prf,
    pub source: Prf,
    pub content_1to1: Prf,
    pub source_1to1: Prf,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub split: String,
    pub articles: usize,
    pub attributions: usize,
    pub with_source: usize,
    pub with_source_and_quote: usize,
    pub anomalies: usize,
    pub predictions: usize,
    /// Quotations found but left unresolved, and so not among the predictions.
    pub unresolved: usize,
    pub all: SetScores,
    pub quote: SetScores,
    pub token_overlap: Prf,
    pub recall_incl_no_source: (usize, usize),
    /// Time of the whole analysis (entities, quotations, events).
    pub seconds: f64,
    pub articles_per_second: f64,
    /// Time of quotations and events alone, given the entities.
    pub quotes_events_seconds: f64,
    pub quotes_events_articles_per_second: f64,
}

#[derive(Default)]
struct Acc {
    gold: usize,
    pred: usize,
    ignored: usize,
    no_speaker: usize,
    c_tp_pred: usize,
    c_tp_gold: usize,
    s_tp_pred: usize,
    s_tp_gold: usize,
    c_11: usize,
    s_11: usize,
}

/// Kuhn's augmenting paths, iteratively; `adj[i]` lists right nodes.
fn max_matching(adj: &[Vec<usize>]) -> usize {
    let mut match_r: HashMap<usize, usize> = HashMap::new();
    let mut total = 0;
    for root in 0..adj.len() {
        let mut seen: HashSet<usize> = HashSet::new();
        // Each frame: (left node, next edge index); parents to rewrite on success.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut via: Vec<usize> = Vec::new();
        let mut found = false;
        while let Some(&mut (i, ref mut e)) = stack.last_mut() {
            if *e >= adj[i].len() {
                stack.pop();
                via.pop();
                continue;
            }
            let j = adj[i][*e];
            *e += 1;
            if !seen.insert(j) {
                continue;
            }
            match match_r.get(&j) {
                None => {
                    via.push(j);
                    found = true;
                    break;
                }
                Some(&i2) => {
                    via.push(j);
                    stack.push((i2, 0));
                }
            }
        }
        if found {
            for (frame, &j) in stack.iter().zip(via.iter()) {
                match_r.insert(j, frame.0);
            }
            total += 1;
        }
    }
    total
}

/// Scores predictions (by article id) against gold, as `score_quotes.py` does.
pub fn score(gold: &[GoldArticle], preds: &HashMap<String, Vec<PredQuote>>) -> Report {
    let mut acc = [Acc::default(), Acc::default()];
    let (mut tok_ov, mut tok_pred, mut tok_gold) = (0, 0, 0);
    let (mut rec, mut n_all) = (0, 0);
    let empty = Vec::new();
    for g in gold {
        let t = Tok::new(&g.text);
        let gc: Vec<HashSet<i64>> = g.atts.iter().map(|a| t.toks(&a.content)).collect();
        let gs: Vec<HashSet<i64>> = g
            .atts
            .iter()
            .map(|a| a.source.as_ref().map(|s| t.toks(s)).unwrap_or_default())
            .collect();
        let p = preds.get(&g.id).unwrap_or(&empty);
        let frag = |s: &SpanJson| vec![(s.start, s.end)];
        let pc: Vec<HashSet<i64>> = p.iter().map(|q| t.toks(&frag(&q.content))).collect();
        let ps: Vec<HashSet<i64>> = p
            .iter()
            .map(|q| {
                q.speaker
                    .as_ref()
                    .map(|s| t.toks(&frag(s)))
                    .unwrap_or_default()
            })
            .collect();
        let n = g.atts.len();
        let cm: Vec<Vec<bool>> = (0..p.len())
            .map(|i| (0..n).map(|j| !pc[i].is_disjoint(&gc[j])).collect())
            .collect();
        let sm: Vec<Vec<bool>> = (0..p.len())
            .map(|i| {
                (0..n)
                    .map(|j| cm[i][j] && !ps[i].is_disjoint(&gs[j]))
                    .collect()
            })
            .collect();
        let gu: HashSet<i64> = gc.iter().flatten().copied().collect();
        let pu: HashSet<i64> = pc.iter().flatten().copied().collect();
        tok_ov += gu.intersection(&pu).count();
        tok_pred += pu.len();
        tok_gold += gu.len();
        n_all += n;
        rec += (0..n).filter(|&j| (0..p.len()).any(|i| cm[i][j])).count();
        for (which, a) in acc.iter_mut().enumerate() {
            let inset =
                |j: usize| g.atts[j].source.is_some() && (which == 0 || g.atts[j].has_quote);
            let s: Vec<usize> = (0..n).filter(|&j| inset(j)).collect();
            let scope: Vec<usize> = (0..p.len())
                // Out of scope: overlapping gold, but only gold outside the set.
                .filter(|&i| !cm[i].iter().any(|&x| x) || s.iter().any(|&j| cm[i][j]))
                .collect();
            a.gold += s.len();
            a.pred += scope.len();
            a.ignored += p.len() - scope.len();
            a.c_tp_pred += scope
                .iter()
                .filter(|&&i| s.iter().any(|&j| cm[i][j]))
                .count();
            a.c_tp_gold += s
                .iter()
                .filter(|&&j| (0..p.len()).any(|i| cm[i][j]))
                .count();
            a.s_tp_pred += scope
                .iter()
                .filter(|&&i| s.iter().any(|&j| sm[i][j]))
                .count();
            a.s_tp_gold += s
                .iter()
                .filter(|&&j| (0..p.len()).any(|i| sm[i][j]))
                .count();
            a.no_speaker += scope.iter().filter(|&&i| p[i].speaker.is_none()).count();
            let idx: HashMap<usize, usize> = s.iter().enumerate().map(|(k, &j)| (j, k)).collect();
            let adj = |m: &Vec<Vec<bool>>| -> Vec<Vec<usize>> {
                scope
                    .iter()
                    .map(|&i| s.iter().filter(|&&j| m[i][j]).map(|j| idx[j]).collect())
                    .collect()
            };
            a.c_11 += max_matching(&adj(&cm));
            a.s_11 += max_matching(&adj(&sm));
        }
    }
    let set = |a: &Acc| SetScores {
        n_gold: a.gold,
        n_pred_in_scope: a.pred,
        n_pred_ignored: a.ignored,
        n_pred_no_speaker: a.no_speaker,
        content: prf(a.c_tp_pred, a.pred, a.c_tp_gold, a.gold),
        source: prf(a.s_tp_pred, a.pred, a.s_tp_gold, a.gold),
        content_1to1: prf(a.c_11, a.pred, a.c_11, a.gold),
        source_1to1: prf(a.s_11, a.pred, a.s_11, a.gold),
    };
    Report {
        articles: gold.len(),
        attributions: n_all,
        with_source: gold
            .iter()
            .flat_map(|g| &g.atts)
            .filter(|a| a.source.is_some())
            .count(),
        with_source_and_quote: gold
            .iter()
            .flat_map(|g| &g.atts)
            .filter(|a| a.source.is_some() && a.has_quote)
            .count(),
        predictions: preds.values().map(Vec::len).sum(),
        all: set(&acc[0]),
        quote: set(&acc[1]),
        token_overlap: prf(tok_ov, tok_pred, tok_ov, tok_gold),
        recall_incl_no_source: (rec, n_all),
        ..Report::default()
    }
}

/// Runs the analysis over a split, optionally writes the predictions, and scores them.
pub fn run(root: &Path, split: &str, pred_out: Option<&Path>) -> Result<Report, QuotesError> {
    let (gold, anomalies) = load(root, split)?;
    let mut preds: HashMap<String, Vec<PredQuote>> = HashMap::new();
    let mut elapsed = Duration::ZERO;
    let mut own = Duration::ZERO;
    let mut lines: BTreeMap<&str, Vec<PredQuote>> = BTreeMap::new();
    let mut unresolved = 0;
    for g in &gold {
        let t0 = Instant::now();
        let (found, p, o) = predict(g);
        unresolved += found.len() - p.len();
        elapsed += t0.elapsed().saturating_sub(o);
        own += o;
        lines.insert(&g.id, p.clone());
        preds.insert(g.id.clone(), p);
    }
    if let Some(path) = pred_out {
        let mut f = fs::File::create(path).map_err(|e| io(path, e))?;
        for (id, quotes) in &lines {
            let line = serde_json::to_string(&PredLine { id, quotes }).unwrap_or_default();
            writeln!(f, "{line}").map_err(|e| io(path, e))?;
        }
    }
    let mut report = score(&gold, &preds);
    report.split = split.to_string();
    report.anomalies = anomalies;
    report.unresolved = unresolved;
    report.seconds = elapsed.as_secs_f64();
    let rate = |s: f64| if s > 0.0 { gold.len() as f64 / s } else { 0.0 };
    report.articles_per_second = rate(report.seconds);
    report.quotes_events_seconds = own.as_secs_f64();
    report.quotes_events_articles_per_second = rate(report.quotes_events_seconds);
    Ok(report)
}

impl Report {
    /// The scorer's table.
    pub fn render(&self) -> String {
        let mut s = format!(
            "PolNeAR {}: articles={} attributions={} with_source={} with_source_and_quote_mark={} (annotation lines skipped: {})\npredictions: {} (quotations left unresolved, not written: {})\n\n{:6} {:22} {:>7} {:>7} {:>7}   counts\n",
            self.split,
            self.articles,
            self.attributions,
            self.with_source,
            self.with_source_and_quote,
            self.anomalies,
            self.predictions,
            self.unresolved,
            "set",
            "metric",
            "P",
            "R",
            "F1"
        );
        for (name, r) in [("ALL", &self.all), ("QUOTE", &self.quote)] {
            for (label, x) in [
                ("content (overlap)", &r.content),
                ("source+content", &r.source),
                ("content 1:1", &r.content_1to1),
                ("source+content 1:1", &r.source_1to1),
            ] {
                s += &format!(
                    "{name:6} {label:22} {:7.2} {:7.2} {:7.2}   P={}/{} R={}/{}\n",
                    100.0 * x.p,
                    100.0 * x.r,
                    100.0 * x.f,
                    x.tp_pred,
                    x.n_pred,
                    x.tp_gold,
                    x.n_gold
                );
            }
            s += &format!(
                "{:6} (predictions ignored as matching only out-of-set gold: {}; in-scope predictions without speaker: {})\n",
                "", r.n_pred_ignored, r.n_pred_no_speaker
            );
        }
        let x = &self.token_overlap;
        s += &format!(
            "content token-level overlap (citron-style, all gold atts): P={:.2} R={:.2} F1={:.2}\n",
            100.0 * x.p,
            100.0 * x.r,
            100.0 * x.f
        );
        let (f, n) = self.recall_incl_no_source;
        s += &format!(
            "content recall incl. no-source attributions: {f}/{n} = {:.2}\n",
            if n > 0 {
                100.0 * f as f64 / n as f64
            } else {
                0.0
            }
        );
        s += &format!(
            "speed: {} articles in {:.3} s of analysis = {:.1} articles/s; quotations and events alone (given the entities): {:.3} s = {:.0} articles/s\n",
            self.articles,
            self.seconds,
            self.articles_per_second,
            self.quotes_events_seconds,
            self.quotes_events_articles_per_second
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“We will win,” Smith said. Jones said the plan failed. It rained.";
    // Smith's quotation (with a source), Jones's reported speech, and a no-source one.
    const ANN: &str = "T1\tSource 15 20\tSmith\n\
T2\tCue 21 25\tsaid\n\
T3\tContent 0 14\t“We will win,”\n\
T4\tAttribution 21 25\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
T5\tSource 27 32\tJones\n\
T6\tCue 33 37\tsaid\n\
T7\tContent 38 53\tthe plan failed\n\
T8\tAttribution 33 37\tsaid\n\
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n\
T9\tContent 55 64\tIt rained\n\
T10\tAttribution-no-source 55 64\tIt rained\n\
E3\tAttribution-no-source:T10 Content:T9\n\
broken line\n";

    fn span(s: usize, e: usize) -> SpanJson {
        SpanJson { start: s, end: e }
    }

    #[test]
    fn brat_attributions_parse_with_sets_and_bad_lines() {
        let (atts, bad) = parse_ann(ANN, TEXT);
        assert_eq!(bad, 1);
        assert_eq!(atts.len(), 3);
        assert!(atts[0].has_quote && atts[0].source.is_some());
        assert!(!atts[1].has_quote);
        assert!(atts[2].source.is_none());
    }

    #[test]
    fn scores_follow_the_overlap_and_scope_rules() {
        let (atts, _) = parse_ann(ANN, TEXT);
        let gold = vec![GoldArticle {
            id: "a".into(),
            text: TEXT.into(),
            published: None,
            atts,
        }];
        let preds = HashMap::from([(
            "a".to_string(),
            vec![
                // Right content and speaker.
                PredQuote {
                    speaker: Some(span(15, 20)),
                    content: span(1, 13),
                    cue: None,
                },
                // Jones's content, wrong speaker: in ALL scope, a false positive.
                PredQuote {
                    speaker: Some(span(15, 20)),
                    content: span(38, 53),
                    cue: None,
                },
                // Only the no-source attribution: out of scope everywhere.
                PredQuote {
                    speaker: None,
                    content: span(55, 64),
                    cue: None,
                },
            ],
        )]);
        let r = score(&gold, &preds);
        assert_eq!((r.all.n_gold, r.quote.n_gold), (2, 1));
        assert_eq!((r.all.source.tp_pred, r.all.n_pred_in_scope), (1, 2));
        assert_eq!((r.all.content.tp_pred, r.all.content.tp_gold), (2, 2));
        assert_eq!(r.all.n_pred_ignored, 1);
        assert_eq!((r.quote.source.tp_pred, r.quote.n_pred_in_scope), (1, 1));
        assert!((r.quote.source.f - 1.0).abs() < 1e-9);
    }

    #[test]
    fn matching_is_one_to_one() {
        assert_eq!(max_matching(&[vec![0, 1], vec![0], vec![1]]), 2);
        assert_eq!(max_matching(&[vec![0], vec![0, 1], vec![1, 2]]), 3);
        assert_eq!(max_matching(&[]), 0);
    }

    #[test]
    fn held_back_split_is_refused() {
        assert!(matches!(
            load(Path::new("/nonexistent"), "test"),
            Err(QuotesError::HeldBack(_))
        ));
    }
}
