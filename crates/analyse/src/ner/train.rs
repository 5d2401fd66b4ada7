//! Training: IOB2 files in, averaged structured perceptron, compact model file out.

use std::collections::HashMap;
use std::path::Path;

use super::NerError;
use super::features::{self, SentenceFeatures};
use super::weights::{self, KeyMap, Part, T, TRANS_LEN, TYPES, tag_index};

/// One gold sentence: words and BILOU tag indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Labeled {
    /// Index of the document the sentence belongs to (`# newdoc` lines; without any, each
    /// sentence is its own document).
    pub doc: usize,
    pub words: Vec<String>,
    pub tags: Vec<u8>,
}

/// IOB2 (or IOB1) tag strings to BILOU tag indices; PER/PERSON, ORG, LOC/GPE/FAC, and anything
/// else (MISC, OTH, …) as MISC.
pub fn bilou(iob: &[&str]) -> Vec<u8> {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in iob.iter().enumerate() {
        let (pre, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let ty = type_of(ty);
        let continues = pre == "I" && open.is_some_and(|(_, t)| Some(t) == ty);
        if !continues {
            if let Some((s, t)) = open.take() {
                spans.push((s, i, t));
            }
            if let (true, Some(t)) = (pre == "B" || pre == "I", ty) {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = open {
        spans.push((s, iob.len(), t));
    }
    let mut out = vec![0u8; iob.len()];
    for (s, e, t) in spans {
        if e - s == 1 {
            out[s] = tag_index(Part::Unit, t) as u8;
        } else {
            out[s] = tag_index(Part::Begin, t) as u8;
            for o in &mut out[s + 1..e - 1] {
                *o = tag_index(Part::Inside, t) as u8;
            }
            out[e - 1] = tag_index(Part::Last, t) as u8;
        }
    }
    out
}

fn type_of(ty: &str) -> Option<usize> {
    match ty {
        "" => None,
        "PER" | "PERSON" => Some(0),
        "ORG" => Some(1),
        "LOC" | "GPE" | "FAC" => Some(2),
        _ => Some(3),
    }
}

/// Reads an IOB2 file: UD-style (`id<TAB>token<TAB>tag…`, `#` comments), WikiANN
/// (`en:token<TAB>tag`) or `token<TAB>tag`; blank lines between sentences.
pub fn read_iob(path: &Path) -> Result<Vec<Labeled>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse_iob(&text))
}

/// Parses IOB2 text; see [`read_iob`]. Lines it cannot read are skipped. Documents start at
/// `# newdoc` lines (UD) or at `-DOCSTART-` lines (CoNLL); a file with neither is read as one
/// document per sentence.
pub fn parse_iob(text: &str) -> Vec<Labeled> {
    let is_docstart = |line: &str| iob_line(line).is_some_and(|(w, _)| w == DOCSTART);
    let marked = text
        .lines()
        .any(|l| l.starts_with("# newdoc") || is_docstart(l));
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut doc = 0;
    let mut flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut usize| {
        if !words.is_empty() {
            let iob: Vec<&str> = tags.iter().map(String::as_str).collect();
            out.push(Labeled {
                doc: *doc,
                words: std::mem::take(words),
                tags: bilou(&iob),
            });
            tags.clear();
            if !marked {
                *doc += 1;
            }
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if marked && (line.starts_with("# newdoc") || is_docstart(line)) {
            flush(&mut words, &mut tags, &mut doc);
            doc += 1;
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut words, &mut tags, &mut doc);
            continue;
        }
        if let Some((word, tag)) = iob_line(line) {
            if word == DOCSTART {
                continue;
            }
            words.push(word.to_string());
            tags.push(tag.to_string());
        }
    }
    flush(&mut words, &mut tags, &mut doc);
    out
}

/// The token of CoNLL's line between documents ("-DOCSTART- -X- -X- O").
const DOCSTART: &str = "-DOCSTART-";

/// (token, tag) of one data line, as `score_ner.py` reads it; `None` for comments.
pub fn iob_line(line: &str) -> Option<(&str, &str)> {
    let cols: Vec<&str> = if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split_whitespace().collect()
    };
    if line.starts_with('#') {
        return None;
    }
    if line.contains('\t') && cols.len() >= 3 && cols[0].bytes().all(|b| b.is_ascii_digit()) {
        return Some((cols[1], cols[2]));
    }
    if cols.len() == 4 && !line.contains('\t') {
        return Some((cols[0], cols[3]));
    }
    let word = cols.first()?;
    let tag = cols.last()?;
    if cols.len() < 2 {
        return None;
    }
    let word = match word.split_once(':') {
        Some((lang, rest)) if lang.len() <= 3 && !lang.is_empty() && !rest.is_empty() => rest,
        _ => word,
    };
    Some((word, tag))
}

#[derive(Debug, Clone)]
pub struct Options {
    pub epochs: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Averaged weights smaller than this are dropped from the shipped file.
    pub prune: f32,
    pub seed: u64,
    /// Share of the other domains' copies added to the shipped weights (0: target only).
    pub other_domains: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 12,
            min_count: 2,
            prune: 0.05,
            seed: 7,
            other_domains: 0.0,
        }
    }
}

/// Exact-match entity counts over PER/ORG/LOC/MISC: (correct, predicted, gold) per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub counts: [[usize; 3]; 4],
}

impl Scores {
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let g = entity_spans(gold);
        let p = entity_spans(pred);
        for s in &g {
            self.counts[s.2][2] += 1;
            if p.contains(s) {
                self.counts[s.2][0] += 1;
            }
        }
        for s in &p {
            self.counts[s.2][1] += 1;
        }
    }

    /// (precision, recall, F1) of one type, or of PER+ORG+LOC with `None`.
    pub fn prf(&self, ty: Option<usize>) -> (f64, f64, f64) {
        let [c, p, g] = match ty {
            Some(t) => self.counts[t],
            None => (0..3).fold([0; 3], |a, t| {
                [
                    a[0] + self.counts[t][0],
                    a[1] + self.counts[t][1],
                    a[2] + self.counts[t][2],
                ]
            }),
        };
        let pr = if p > 0 { c as f64 / p as f64 } else { 0.0 };
        let re = if g > 0 { c as f64 / g as f64 } else { 0.0 };
        let f = if pr + re > 0.0 {
            2.0 * pr * re / (pr + re)
        } else {
            0.0
        };
        (pr, re, f)
    }
}

/// (start, end, type) of each entity in a BILOU tag sequence.
pub fn entity_spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    super::document::spans(tags)
}

/// A sentence as feature indices into the weight table.
struct Prepared {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    tags: Vec<u8>,
}

/// The perceptron's state; `avg()` gives the averaged weights.
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Perceptron {
    fn emissions(&self, s: &Prepared, w: &[f32]) -> Vec<[f32; T]> {
        (0..s.tags.len())
            .map(|i| {
                let mut row = [0f32; T];
                for &f in &s.feats[s.offsets[i]..s.offsets[i + 1]] {
                    let base = f as usize * T;
                    for (r, x) in row.iter_mut().zip(&w[base..base + T]) {
                        *r += x;
                    }
                }
                row
            })
            .collect()
    }

    fn update(&mut self, s: &Prepared, pred: &[u8]) {
        let n = s.tags.len();
        for i in 0..n {
            let (g, p) = (usize::from(s.tags[i]), usize::from(pred[i]));
            if g != p {
                for &f in &s.feats[s.offsets[i]..s.offsets[i + 1]] {
                    let base = f as usize * T;
                    self.w[base + g] += 1.0;
                    self.u[base + g] += self.c;
                    self.w[base + p] -= 1.0;
                    self.u[base + p] -= self.c;
                }
            }
            let gp = (i > 0).then(|| usize::from(s.tags[i - 1]));
            let pp = (i > 0).then(|| usize::from(pred[i - 1]));
            if (gp, g) != (pp, p) {
                self.bump_trans(weights::trans_index(gp, g), 1.0);
                self.bump_trans(weights::trans_index(pp, p), -1.0);
            }
        }
        if n > 0 {
            let (g, p) = (usize::from(s.tags[n - 1]), usize::from(pred[n - 1]));
            if g != p {
                self.bump_trans(weights::end_index(g), 1.0);
                self.bump_trans(weights::end_index(p), -1.0);
            }
        }
    }

    fn bump_trans(&mut self, i: usize, d: f32) {
        self.tw[i] += d;
        self.tu[i] += d * self.c;
    }

    fn avg(&self) -> (Vec<f32>, Vec<f32>) {
        let a = |w: &[f32], u: &[f32]| w.iter().zip(u).map(|(w, u)| w - u / self.c).collect();
        (a(&self.w, &self.u), a(&self.tw, &self.tu))
    }
}

/// A trained model: feature keys with their per-tag weights, and transitions.
pub struct Trained {
    pub emissions: Vec<(u32, [f32; T])>,
    pub trans: Vec<f32>,
}

impl Trained {
    /// The gzip'd model file.
    pub fn to_gzip(&self, prune: f32) -> Vec<u8> {
        use std::io::Write;
        let raw = weights::write_raw(&self.emissions, &self.trans, prune);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }
}

/// Trains on `train`; after each epoch scores `dev` with the averaged weights and reports
/// through `log`.
pub fn train(train: &[Labeled], dev: &[Labeled], opts: &Options, log: impl FnMut(&str)) -> Trained {
    train_domains(train, &[], dev, opts, log)
}

/// The sentence's data set is the tagger's own kind of text (gold news-like annotation).
pub const TARGET: u8 = 0;

/// A feature's copy that only sentences of one domain see.
fn domain_key(k: u32, domain: u8) -> u32 {
    k.rotate_left(11) ^ 0x9e37_79b9u32.wrapping_mul(u32::from(domain) * 2 + 1)
}

/// As [`train`], where `domains[i]` names the data set sentence i comes from ([`TARGET`] for
/// the text the tagger is for; missing entries count as [`TARGET`]). Data sets follow their
/// own conventions (WikiANN's silver spans take titles and "the", GUM's do not), so with more
/// than one domain every feature also gets a copy per domain (Daumé's feature augmentation):
/// the shared copy learns what the sets agree on, the domain copies their habits. The shipped
/// weights are the shared copy plus the target's, so tagging costs nothing more.
pub fn train_domains(
    train: &[Labeled],
    domains: &[u8],
    dev: &[Labeled],
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Trained {
    let augment = domains.iter().any(|&d| d != TARGET);
    let domain_of = |i: usize| domains.get(i).copied().unwrap_or(TARGET);
    let mut sf = SentenceFeatures::default();
    let mut counts: KeyMap<u32> = KeyMap::default();
    // Keys of the features themselves, as opposed to their domain copies.
    let mut shared: KeyMap<()> = KeyMap::default();
    let mut raw: Vec<(Vec<u32>, Vec<usize>)> = Vec::with_capacity(train.len());
    for (i, s) in train.iter().enumerate() {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        features::extract(&words, &mut sf);
        for &k in &sf.keys {
            *counts.entry(k).or_insert(0) += 1;
            if augment {
                shared.insert(k, ());
                *counts.entry(domain_key(k, domain_of(i))).or_insert(0) += 1;
            }
        }
        raw.push((sf.keys.clone(), sf.offsets.clone()));
    }
    let mut index: KeyMap<u32> = KeyMap::default();
    let mut keys = Vec::new();
    for (k, c) in &counts {
        if *c >= opts.min_count {
            index.insert(*k, keys.len() as u32);
            keys.push(*k);
        }
    }
    log(&format!(
        "{} sentences, {} features kept of {}",
        train.len(),
        keys.len(),
        counts.len()
    ));
    drop(counts);
    let prepare = |(feats, offsets): &(Vec<u32>, Vec<usize>), tags: &[u8], domain: u8| {
        let mut f = Vec::with_capacity(feats.len() * if augment { 2 } else { 1 });
        let mut o = Vec::with_capacity(offsets.len());
        for i in 0..tags.len() {
            o.push(f.len());
            for k in &feats[offsets[i]..offsets[i + 1]] {
                f.extend(index.get(k));
                if augment {
                    f.extend(index.get(&domain_key(*k, domain)));
                }
            }
        }
        o.push(f.len());
        Prepared {
            feats: f,
            offsets: o,
            tags: tags.to_vec(),
        }
    };
    let data: Vec<Prepared> = raw
        .iter()
        .zip(train)
        .enumerate()
        .map(|(i, (r, s))| prepare(r, &s.tags, domain_of(i)))
        .collect();
    drop(raw);
    let dev_data: Vec<Prepared> = dev
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            features::extract(&words, &mut sf);
            prepare(&(sf.keys.clone(), sf.offsets.clone()), &s.tags, TARGET)
        })
        .collect();
    let mut p = Perceptron {
        w: vec![0.0; keys.len() * T],
        u: vec![0.0; keys.len() * T],
        tw: vec![0.0; TRANS_LEN],
        tu: vec![0.0; TRANS_LEN],
        c: 1.0,
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = opts.seed.max(1);
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        for &k in &order {
            let s = &data[k];
            if s.tags.is_empty() {
                continue;
            }
            let em = p.emissions(s, &p.w);
            let pred = weights::viterbi(&em, &p.tw);
            if pred != s.tags {
                wrong += 1;
                p.update(s, &pred);
            }
            p.c += 1.0;
        }
        let (aw, at) = p.avg();
        let mut sc = Scores::default();
        for s in &dev_data {
            let pred = weights::viterbi(&p.emissions(s, &aw), &at);
            sc.add(&s.tags, &pred);
        }
        let f = |t| sc.prf(t).2 * 100.0;
        log(&format!(
            "epoch {epoch}: {wrong} sentences wrong; dev F1 micro {:.1} (PER {:.1} ORG {:.1} LOC {:.1} MISC {:.1})",
            f(None),
            f(Some(0)),
            f(Some(1)),
            f(Some(2)),
            f(Some(3))
        ));
    }
    let (aw, at) = p.avg();
    let row = |i: usize| -> [f32; T] { std::array::from_fn(|t| aw[i * T + t]) };
    let emissions = if augment {
        // Shared keys carry their target copy; domain copies are not shipped on their own.
        // Other domains' copies, if mixed in, share one weight between them.
        let mut used = [0f32; 256];
        for &d in domains {
            used[usize::from(d)] = 1.0;
        }
        let others = used.iter().sum::<f32>() - used[usize::from(TARGET)];
        used.iter_mut().for_each(|u| *u /= others.max(1.0));
        keys.iter()
            .enumerate()
            .filter(|(_, k)| shared.contains_key(k))
            .map(|(i, k)| {
                let mut r = row(i);
                for (d, share) in used.iter().enumerate() {
                    let share = if d == usize::from(TARGET) {
                        1.0
                    } else {
                        opts.other_domains * share
                    };
                    if share == 0.0 {
                        continue;
                    }
                    if let Some(&j) = index.get(&domain_key(*k, d as u8)) {
                        for (a, b) in r.iter_mut().zip(row(j as usize)) {
                            *a += share * b;
                        }
                    }
                }
                (*k, r)
            })
            .collect()
    } else {
        keys.iter().enumerate().map(|(i, k)| (*k, row(i))).collect()
    };
    Trained {
        emissions,
        trans: at,
    }
}

/// As [`train_domains`] `runs` times, each with its own shuffling seed (`opts.seed`, the next,
/// …), and the weights averaged. A perceptron's result leans on the order it saw the sentences
/// in (a point or two of F1 between seeds on GUM dev); the mean of a few runs leans less, and
/// tags as fast as one model, since the runs share their features.
pub fn train_averaged(
    train: &[Labeled],
    domains: &[u8],
    dev: &[Labeled],
    opts: &Options,
    runs: usize,
    mut log: impl FnMut(&str),
) -> Trained {
    let runs = runs.max(1);
    let mut sum: KeyMap<[f32; T]> = KeyMap::default();
    let mut trans = vec![0f32; TRANS_LEN];
    for run in 0..runs {
        let o = Options {
            seed: opts.seed.wrapping_add(run as u64),
            ..opts.clone()
        };
        // Only the first run scores the dev set, to keep training quick.
        let dev = if run == 0 { dev } else { &[] };
        let m = train_domains(train, domains, dev, &o, &mut log);
        for (k, w) in m.emissions {
            let acc = sum.entry(k).or_insert([0.0; T]);
            for (a, x) in acc.iter_mut().zip(w) {
                *a += x;
            }
        }
        for (a, x) in trans.iter_mut().zip(m.trans) {
            *a += x;
        }
    }
    let n = runs as f32;
    let mut emissions: Vec<(u32, [f32; T])> = sum
        .into_iter()
        .map(|(k, w)| (k, w.map(|x| x / n)))
        .collect();
    emissions.sort_by_key(|(k, _)| *k);
    trans.iter_mut().for_each(|t| *t /= n);
    Trained { emissions, trans }
}

/// Brings the data sets to one convention, GUM's: a person's span holds the name without
/// titles ("Emperor [Norton]", "Chancellor [Angela Merkel]"), and no span starts with "the".
/// WikiANN often includes both; left mixed, the tagger learns neither.
pub fn normalise(s: &mut Labeled) {
    for (start, end, ty) in entity_spans(&s.tags) {
        let mut new_start = start;
        while new_start + 1 < end {
            let w = s.words[new_start].to_lowercase();
            let strip = w == "the" || (ty == 0 && features::is_title_word(&w));
            if !strip {
                break;
            }
            new_start += 1;
        }
        if new_start == start {
            continue;
        }
        for t in &mut s.tags[start..new_start] {
            *t = 0;
        }
        let part = if end - new_start == 1 {
            Part::Unit
        } else {
            Part::Begin
        };
        s.tags[new_start] = tag_index(part, ty) as u8;
    }
}

/// Reads each file, keeping every `keep`-th sentence of those marked as sampled.
pub fn load_sets(specs: &[(String, usize)]) -> Result<Vec<Labeled>, NerError> {
    let mut out = Vec::new();
    for (path, every) in specs {
        let sents = read_iob(Path::new(path))?;
        out.extend(sents.into_iter().step_by((*every).max(1)));
    }
    Ok(out)
}

/// Types in tag order, for reports.
pub fn type_names() -> [&'static str; 4] {
    TYPES.map(|(n, _)| n)
}

/// Counts of each tag in a set, for reports.
pub fn tag_counts(sents: &[Labeled]) -> HashMap<&'static str, usize> {
    let mut out = HashMap::new();
    for s in sents {
        for (_, _, t) in entity_spans(&s.tags) {
            *out.entry(TYPES[t].0).or_insert(0) += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_lines_of_every_format_parse() {
        let text = "# newdoc id = a\n# text = Jens spoke\n1\tJens\tB-PER\t-\t-\n2\tspoke\tO\t-\t-\n\n\
                    # newdoc id = b\n1\tKosovo\tB-LOC\t-\t-\n";
        let s = parse_iob(text);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].doc, s[1].doc), (1, 2));
        assert_eq!(s[0].words, ["Jens", "spoke"]);
        let w = parse_iob("en:R.H.\tB-ORG\nen:Saunders\tI-ORG\nen::\tO\n\nen:x\tO\n");
        assert_eq!(w[0].words, ["R.H.", "Saunders", ":"]);
        assert_eq!(entity_spans(&w[0].tags), [(0, 2, 1)]);
        assert_ne!(w[0].doc, w[1].doc);
    }

    #[test]
    fn conll_docstart_lines_part_documents() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\
                    Peter NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";
        let s = parse_iob(text);
        let docs: Vec<usize> = s.iter().map(|l| l.doc).collect();
        assert_eq!(docs, [1, 1, 2]);
        assert_eq!(s[0].words, ["EU", "rejects"]);
        assert_eq!(entity_spans(&s[2].tags), [(0, 1, 2)]);
        // Without document lines, each sentence is a document of its own.
        let plain = parse_iob("EU\tB-ORG\n\nPeter\tB-PER\n");
        assert_ne!(plain[0].doc, plain[1].doc);
    }

    #[test]
    fn iob1_and_odd_types_become_bilou() {
        let t = bilou(&["I-PER", "I-PER", "I-LOC", "B-LOC", "O", "B-OTH", "I-GPE"]);
        assert_eq!(
            entity_spans(&t),
            [(0, 2, 0), (2, 3, 2), (3, 4, 2), (5, 6, 3), (6, 7, 2)]
        );
    }

    #[test]
    fn titles_and_articles_leave_the_span() {
        let mut s = Labeled {
            doc: 0,
            words: [
                "German",
                "Chancellor",
                "Angela",
                "Merkel",
                "and",
                "the",
                "European",
                "Union",
            ]
            .map(String::from)
            .to_vec(),
            tags: bilou(&[
                "O", "B-PER", "I-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG",
            ]),
        };
        normalise(&mut s);
        assert_eq!(entity_spans(&s.tags), [(2, 4, 0), (6, 8, 1)]);
    }

    #[test]
    fn training_learns_a_toy_pattern() {
        let data: Vec<Labeled> = ["Alice", "Bob", "Carol", "Dave"]
            .iter()
            .map(|n| Labeled {
                doc: 0,
                words: vec!["Mr".into(), (*n).into(), "left".into()],
                tags: bilou(&["O", "B-PER", "O"]),
            })
            .collect();
        let opts = Options {
            epochs: 3,
            min_count: 1,
            prune: 0.0,
            seed: 1,
            other_domains: 0.0,
        };
        let m = train(&data, &data, &opts, |_| {});
        let tagger = super::super::Tagger::from_gzip(&m.to_gzip(0.0)).unwrap();
        assert_eq!(tagger.iob2(&["Mr", "Zed", "left"]), ["O", "B-PER", "O"]);
    }

    #[test]
    fn averaged_runs_are_the_mean_of_single_runs() {
        let names = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank"];
        let data: Vec<Labeled> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Labeled {
                doc: i,
                words: vec!["Mr".into(), (*n).into(), "left".into(), "Paris".into()],
                tags: bilou(&["O", "B-PER", "O", "B-LOC"]),
            })
            .collect();
        let opts = Options {
            epochs: 2,
            min_count: 1,
            prune: 0.0,
            seed: 3,
            other_domains: 0.0,
        };
        let one = |seed| {
            let m = train(
                &data,
                &[],
                &Options {
                    seed,
                    ..opts.clone()
                },
                |_| {},
            );
            m.emissions.into_iter().collect::<HashMap<u32, [f32; T]>>()
        };
        let (a, b) = (one(3), one(4));
        let mean = train_averaged(&data, &[], &[], &opts, 2, |_| {});
        assert_eq!(mean.emissions.len(), a.len());
        for (k, w) in &mean.emissions {
            for t in 0..T {
                let want = (a[k][t] + b[k][t]) / 2.0;
                assert!(
                    (w[t] - want).abs() < 1e-4,
                    "key {k} tag {t}: {} vs {want}",
                    w[t]
                );
            }
        }
        let tagger = super::super::Tagger::from_gzip(&mean.to_gzip(0.0)).unwrap();
        assert_eq!(
            tagger.iob2(&["Mr", "Zed", "left", "Paris"]),
            ["O", "B-PER", "O", "B-LOC"]
        );
    }
}
