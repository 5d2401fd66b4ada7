//! Pairwise scoring of same-story decisions.
//!
//! Two gold sources:
//! - SETimes (`../shared/data/corpus/setimes`): `articles.sr.jsonl` and `articles.hr.jsonl`,
//!   where `set.sr.N` and `set.hr.N` are translations of one article, so the same story; every
//!   other article (including the web-news `news.*` and `wiki.*` texts, whose numbers are not
//!   shared translations) is a story of its own.
//! - A judgement file: JSONL of `{"a": ID, "b": ID, "same": bool}` over a corpus JSONL of
//!   articles (`{"id", "title", "text", "published"?, "lang"|"language"?, "url"?,
//!   "site_name"?, "copy_of"?}`, the SETimes line format).
//!
//! Precision is the share of predicted same-story pairs that are gold same-story pairs; recall
//! the share of gold pairs predicted. With judgement files only the judged pairs count.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use analyse::cluster::{Clusterer, Params, StoryFeatures, StoryId};
use model::Article;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum StoriesError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a JSON article or judgement: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
    #[error("{path}: no articles")]
    Empty { path: PathBuf },
    #[error("judgement names an article the corpus does not have: {0}")]
    UnknownArticle(String),
}

/// One corpus line.
#[derive(Debug, Clone, Deserialize)]
pub struct CorpusArticle {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default, alias = "lang")]
    pub language: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub site_name: Option<String>,
    #[serde(default)]
    pub copy_of: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Judgement {
    a: String,
    b: String,
    same: bool,
}

/// The order articles are fed to the online clusterer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As read: the Serbian file, then the Croatian one.
    #[default]
    File,
    /// Each translation right after its original (the hardest case for incremental IDF: the
    /// pair meets when few articles have been seen).
    Interleaved,
    /// Last line first.
    Reverse,
}

/// How the corpus is turned into features and clustered.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub params: Params,
    pub order: Order,
    /// Cluster with `Clusterer::recluster` (document frequencies over all first) instead of
    /// assigning online.
    pub recluster: bool,
    /// Skip `analyse::analyse` and cluster on text features alone.
    pub no_analysis: bool,
    /// Write the Serbian articles in Cyrillic (as much Serbian news is) before clustering, so
    /// the pairs must meet across scripts as well as standards.
    pub sr_cyrillic: bool,
}

/// Pairwise counts and rates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairScore {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    pub true_neg: usize,
}

impl PairScore {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// An empty denominator means nothing could go wrong: 1.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// A wrong pairwise decision, for the error listing.
#[derive(Debug, Clone, PartialEq)]
pub struct PairError {
    pub a: String,
    pub b: String,
    /// Gold says same story.
    pub gold_same: bool,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub articles: usize,
    pub stories: usize,
    pub score: PairScore,
    pub errors: Vec<PairError>,
    /// Article id → (story, title), for printing errors.
    pub assignment: BTreeMap<String, (StoryId, String)>,
    /// People of two words or more named in both articles of a translation pair, and in
    /// either, summed over the pairs (SETimes only; see [`people_across_translations`]).
    pub people: Option<(usize, usize)>,
    /// With `sr_cyrillic`: statements of the Serbian articles whose speaker is the same
    /// whether the article is read in Latin or in Cyrillic, and statements found in both
    /// (see [`speakers_across_scripts`]).
    pub scripts: Option<(usize, usize)>,
}

/// Reads one JSONL corpus file.
pub fn read_corpus(path: &Path) -> Result<Vec<CorpusArticle>, StoriesError> {
    read_jsonl(path)
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, StoriesError> {
    let file = std::fs::File::open(path).map_err(|source| StoriesError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|source| StoriesError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(&line).map_err(|source| StoriesError::Json {
                path: path.to_path_buf(),
                line: i + 1,
                source,
            })?,
        );
    }
    Ok(out)
}

/// Reads `articles.sr.jsonl` then `articles.hr.jsonl` from a SETimes folder.
pub fn read_setimes(dir: &Path) -> Result<Vec<CorpusArticle>, StoriesError> {
    let mut out = read_corpus(&dir.join("articles.sr.jsonl"))?;
    out.extend(read_corpus(&dir.join("articles.hr.jsonl"))?);
    if out.is_empty() {
        return Err(StoriesError::Empty {
            path: dir.to_path_buf(),
        });
    }
    Ok(out)
}

/// The gold story of a SETimes article: `set.sr.N` and `set.hr.N` share "set.N"; anything else
/// is its own.
pub fn setimes_gold(id: &str) -> String {
    let parts: Vec<&str> = id.split('.').collect();
    if let [family, _lang, number] = parts.as_slice()
        && *family == "set"
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
    {
        return format!("set.{number}");
    }
    id.to_string()
}

/// Serbian Latin → Serbian Cyrillic, letter for letter (the standard alphabets correspond one
/// to one; digraphs lj, nj, dž are single Cyrillic letters). Foreign words spelled with q, w, x,
/// y keep those letters, as Cyrillic texts do.
pub fn to_cyrillic(text: &str) -> String {
    const DIGRAPHS: &[(&str, char)] = &[
        ("Lj", 'Љ'),
        ("LJ", 'Љ'),
        ("lj", 'љ'),
        ("Nj", 'Њ'),
        ("NJ", 'Њ'),
        ("nj", 'њ'),
        ("Dž", 'Џ'),
        ("DŽ", 'Џ'),
        ("dž", 'џ'),
    ];
    const LATIN: &str = "AaBbVvGgDdĐđEeŽžZzIiJjKkLlMmNnOoPpRrSsTtĆćUuFfHhCcČčŠš";
    const CYRILLIC: &str = "АаБбВвГгДдЂђЕеЖжЗзИиЈјКкЛлМмНнОоПпРрСсТтЋћУуФфХхЦцЧчШш";
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for (lat, cyr) in DIGRAPHS {
            if let Some(r) = rest.strip_prefix(lat) {
                out.push(*cyr);
                rest = r;
                continue 'outer;
            }
        }
        match LATIN.chars().position(|l| l == c) {
            Some(i) => out.push(CYRILLIC.chars().nth(i).unwrap_or(c)),
            None => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The model article a corpus line stands for.
pub fn to_article(c: &CorpusArticle) -> Article {
    Article {
        url: c.url.clone(),
        canonical_url: c.url.clone(),
        site_name: c.site_name.clone(),
        title: c.title.clone(),
        published: c.published.clone(),
        language: c.language.clone(),
        word_count: c.text.split_whitespace().count(),
        text: c.text.clone(),
        ..Article::default()
    }
}

/// Features of each corpus article, analysed unless `no_analysis`.
pub fn features(corpus: &[CorpusArticle], no_analysis: bool) -> Vec<StoryFeatures> {
    corpus
        .iter()
        .map(|c| {
            let article = to_article(c);
            let analysis = if no_analysis {
                model::Analysis::default()
            } else {
                analyse::analyse(&article)
            };
            let mut f = StoryFeatures::from_article(&c.id, &article, &analysis);
            f.copy_of = c.copy_of.clone();
            f
        })
        .collect()
}

fn ordered(
    features: Vec<StoryFeatures>,
    order: Order,
    gold: &dyn Fn(&str) -> String,
) -> Vec<StoryFeatures> {
    match order {
        Order::File => features,
        Order::Reverse => features.into_iter().rev().collect(),
        Order::Interleaved => {
            // Stable: groups in order of their first member, members in file order.
            let mut first: HashMap<String, usize> = HashMap::new();
            for (i, f) in features.iter().enumerate() {
                first.entry(gold(&f.id)).or_insert(i);
            }
            let mut keyed: Vec<(usize, usize, StoryFeatures)> = features
                .into_iter()
                .enumerate()
                .map(|(i, f)| (first[&gold(&f.id)], i, f))
                .collect();
            keyed.sort_by_key(|(g, i, _)| (*g, *i));
            keyed.into_iter().map(|(_, _, f)| f).collect()
        }
    }
}

/// Clusters the features as the options say; returns the clusterer and the feeding order.
pub fn cluster(
    features: Vec<StoryFeatures>,
    options: &Options,
    gold: &dyn Fn(&str) -> String,
) -> (Clusterer, Vec<StoryFeatures>) {
    let features = ordered(features, options.order, gold);
    if options.recluster {
        let c = Clusterer::recluster(&features, options.params.clone());
        return (c, features);
    }
    let mut c = Clusterer::new(options.params.clone());
    for f in &features {
        c.assign(f);
    }
    (c, features)
}

fn report(
    clusterer: &Clusterer,
    features: &[StoryFeatures],
    gold: &dyn Fn(&str) -> String,
) -> Report {
    let mut assignment = BTreeMap::new();
    for f in features {
        let story = clusterer.story_of(&f.id).unwrap_or(StoryId::MAX);
        assignment.insert(f.id.clone(), (story, f.title.clone().unwrap_or_default()));
    }
    let ids: Vec<&String> = assignment.keys().collect();
    let mut score = PairScore::default();
    let mut errors = Vec::new();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let gold_same = gold(a) == gold(b);
            let same = assignment[*a].0 == assignment[*b].0;
            match (gold_same, same) {
                (true, true) => score.true_pos += 1,
                (false, false) => score.true_neg += 1,
                (false, true) => {
                    score.false_pos += 1;
                    errors.push(PairError {
                        a: (*a).clone(),
                        b: (*b).clone(),
                        gold_same,
                    });
                }
                (true, false) => {
                    score.false_neg += 1;
                    errors.push(PairError {
                        a: (*a).clone(),
                        b: (*b).clone(),
                        gold_same,
                    });
                }
            }
        }
    }
    Report {
        articles: features.len(),
        stories: clusterer.story_count(),
        score,
        errors,
        assignment,
        people: None,
        scripts: None,
    }
}

/// How well names meet across a translation: for each SETimes pair (`set.sr.N`, `set.hr.N`),
/// the people of two words or more each article names, by [`model::Person::case_key`] (the key
/// the store files a person under, so "Jakup Krasniqi" in Croatian and "Jakup Krasnići" in
/// Serbian are one person only when their keys agree); returns (named in both, named in
/// either), summed over the pairs. The same people are named in both translations, so a
/// perfect key gives equal counts.
pub fn people_across_translations(corpus: &[CorpusArticle]) -> (usize, usize) {
    let mut by_pair: BTreeMap<String, Vec<std::collections::BTreeSet<String>>> = BTreeMap::new();
    for c in corpus {
        let gold = setimes_gold(&c.id);
        if gold == c.id {
            continue;
        }
        let analysis = analyse::analyse(&to_article(c));
        let keys = analysis
            .people
            .iter()
            .map(|p| p.case_key.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        by_pair.entry(gold).or_default().push(keys);
    }
    let (mut shared, mut either) = (0, 0);
    for sides in by_pair.values() {
        if let [a, b] = sides.as_slice() {
            shared += a.intersection(b).count();
            either += a.union(b).count();
        }
    }
    (shared, either)
}

/// How little the script changes attribution: each Serbian article is analysed as written
/// (Latin) and in Cyrillic ([`to_cyrillic`]); of the statements found in both (the same text,
/// transliterated), those whose speaker is the same person (no one in both, or the same name
/// transliterated). Returns (same speaker, found in both).
pub fn speakers_across_scripts(corpus: &[CorpusArticle]) -> (usize, usize) {
    let (mut same, mut both) = (0, 0);
    for c in corpus
        .iter()
        .filter(|c| c.language.as_deref() == Some("sr"))
    {
        let latin = analyse::analyse(&to_article(c));
        let mut cyr = c.clone();
        cyr.text = to_cyrillic(&c.text);
        let cyrillic = analyse::analyse(&to_article(&cyr));
        let speaker = |a: &model::Analysis, q: &model::Quote| {
            q.speaker
                .and_then(|p| a.people.get(p))
                .map(|p| p.name.clone())
        };
        let by_text: HashMap<&str, Option<String>> = cyrillic
            .quotes
            .iter()
            .map(|q| (q.text.as_str(), speaker(&cyrillic, q)))
            .collect();
        for q in &latin.quotes {
            let Some(other) = by_text.get(to_cyrillic(&q.text).as_str()) else {
                continue;
            };
            both += 1;
            same += usize::from(speaker(&latin, q).map(|n| to_cyrillic(&n)) == *other);
        }
    }
    (same, both)
}

/// Clusters the SETimes sr/hr articles and scores every pair against translation identity.
pub fn eval_setimes(dir: &Path, options: &Options) -> Result<Report, StoriesError> {
    let mut corpus = read_setimes(dir)?;
    if options.sr_cyrillic {
        for c in corpus
            .iter_mut()
            .filter(|c| c.language.as_deref() == Some("sr"))
        {
            c.text = to_cyrillic(&c.text);
            c.title = c.title.as_deref().map(to_cyrillic);
        }
    }
    let feats = features(&corpus, options.no_analysis);
    let (c, order) = cluster(feats, options, &setimes_gold);
    let mut r = report(&c, &order, &setimes_gold);
    if !options.no_analysis {
        r.people = Some(people_across_translations(&corpus));
        if options.sr_cyrillic {
            r.scripts = Some(speakers_across_scripts(&read_setimes(dir)?));
        }
    }
    Ok(r)
}

/// Clusters a corpus and scores the judged pairs only.
pub fn eval_pairs(corpus: &Path, pairs: &Path, options: &Options) -> Result<Report, StoriesError> {
    let articles = read_corpus(corpus)?;
    if articles.is_empty() {
        return Err(StoriesError::Empty {
            path: corpus.to_path_buf(),
        });
    }
    let judgements: Vec<Judgement> = read_jsonl(pairs)?;
    let feats = features(&articles, options.no_analysis);
    let identity = |id: &str| id.to_string();
    let (c, order) = cluster(feats, options, &identity);
    let mut score = PairScore::default();
    let mut errors = Vec::new();
    for j in &judgements {
        let (Some(a), Some(b)) = (c.story_of(&j.a), c.story_of(&j.b)) else {
            let missing = if c.story_of(&j.a).is_none() {
                &j.a
            } else {
                &j.b
            };
            return Err(StoriesError::UnknownArticle(missing.clone()));
        };
        match (j.same, a == b) {
            (true, true) => score.true_pos += 1,
            (false, false) => score.true_neg += 1,
            (gold_same, _) => {
                if gold_same {
                    score.false_neg += 1;
                } else {
                    score.false_pos += 1;
                }
                errors.push(PairError {
                    a: j.a.clone(),
                    b: j.b.clone(),
                    gold_same,
                });
            }
        }
    }
    let mut rep = report(&c, &order, &identity);
    rep.score = score;
    rep.errors = errors;
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setimes_gold_pairs_translations_only() {
        assert_eq!(setimes_gold("set.sr.12"), setimes_gold("set.hr.12"));
        assert_ne!(setimes_gold("set.sr.12"), setimes_gold("set.hr.13"));
        assert_ne!(setimes_gold("news.sr.4"), setimes_gold("news.hr.4"));
        assert_eq!(setimes_gold("set.hr.test"), "set.hr.test");
    }

    #[test]
    fn cyrillic_transliteration_round_trips_through_name_keys() {
        assert_eq!(
            to_cyrillic("Njegoš, Đukanović i Ljubljana"),
            "Његош, Ђукановић и Љубљана"
        );
        assert_eq!(
            analyse::names::match_key(&to_cyrillic("Milo Đukanović")),
            analyse::names::match_key("Milo Đukanović")
        );
    }

    #[test]
    fn pair_score_rates() {
        let s = PairScore {
            true_pos: 9,
            false_pos: 1,
            false_neg: 3,
            true_neg: 100,
        };
        assert!((s.precision() - 0.9).abs() < 1e-9);
        assert!((s.recall() - 0.75).abs() < 1e-9);
        assert_eq!(PairScore::default().precision(), 1.0);
    }

    fn corpus_line(id: &str, lang: &str, text: &str) -> CorpusArticle {
        CorpusArticle {
            id: id.into(),
            title: None,
            text: text.into(),
            published: None,
            language: Some(lang.into()),
            url: None,
            site_name: None,
            copy_of: None,
        }
    }

    #[test]
    fn a_name_and_its_transcription_count_as_one_person_across_a_translation() {
        let corpus = [
            corpus_line(
                "set.hr.7",
                "hr",
                "Premijer Kosova Hashim Thaqi sastao se u utorak s predsjednikom Fatmirom \
                 Sejdiuom u Prištini.",
            ),
            corpus_line(
                "set.sr.7",
                "sr",
                "Premijer Kosova Hašim Tači sastao se u utorak sa predsednikom Fatmirom \
                 Sejdijuom u Prištini.",
            ),
            corpus_line("other", "sr", "Ivan Marković je otputovao u Beograd."),
        ];
        assert_eq!(people_across_translations(&corpus), (2, 2));
    }

    #[test]
    fn a_statement_keeps_its_speaker_in_either_script() {
        let corpus = [corpus_line(
            "set.sr.3",
            "sr",
            "Ministar finansija Goran Marić govorio je o budžetu.\n\n\"Cene će rasti od \
             jeseni\", rekao je u ponedeljak Goran Marić.",
        )];
        assert_eq!(speakers_across_scripts(&corpus), (1, 1));
    }

    #[test]
    fn report_counts_every_pair_once() {
        let corpus = vec![
            corpus_line(
                "set.sr.1",
                "sr",
                "Vlada Srbije usvojila je budžet od 1.250 milijardi dinara u Beogradu.",
            ),
            corpus_line(
                "set.hr.1",
                "hr",
                "Vlada Srbije usvojila je proračun od 1.250 milijardi dinara u Beogradu.",
            ),
            corpus_line(
                "set.hr.2",
                "hr",
                "Hrvatski skijaš Ivica Kostelić osvojio je zlato na utrci Svjetskog kupa u Kitzbühelu.",
            ),
        ];
        let feats = features(&corpus, true);
        let (c, order) = cluster(feats, &Options::default(), &setimes_gold);
        let rep = report(&c, &order, &setimes_gold);
        let s = rep.score;
        assert_eq!(s.true_pos + s.false_pos + s.false_neg + s.true_neg, 3);
        assert_eq!(s.true_pos, 1, "{:?}", rep.errors);
        assert_eq!(s.false_pos, 0, "{:?}", rep.errors);
    }

    #[test]
    fn judged_pairs_are_scored_and_unknown_ids_are_errors() {
        let dir = std::env::temp_dir().join(format!("kronika-stories-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let corpus = dir.join("corpus.jsonl");
        let pairs = dir.join("pairs.jsonl");
        let bad = dir.join("bad.jsonl");
        let lines: Vec<String> = [
            (
                "a",
                "Vlada Srbije usvojila je budžet od 1.250 milijardi dinara u Beogradu.",
            ),
            (
                "b",
                "Vlada Srbije usvojila je proračun od 1.250 milijardi dinara u Beogradu.",
            ),
            (
                "c",
                "Ivica Kostelić osvojio je zlato na utrci Svjetskog kupa u Kitzbühelu.",
            ),
        ]
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "lang": "hr", "text": text}).to_string())
        .collect();
        std::fs::write(&corpus, lines.join("\n")).unwrap();
        std::fs::write(
            &pairs,
            "{\"a\":\"a\",\"b\":\"b\",\"same\":true}\n{\"a\":\"a\",\"b\":\"c\",\"same\":true}\n",
        )
        .unwrap();
        std::fs::write(&bad, "{\"a\":\"a\",\"b\":\"zzz\",\"same\":false}\n").unwrap();
        let rep = eval_pairs(&corpus, &pairs, &Options::default()).unwrap();
        assert_eq!(rep.score.true_pos, 1);
        assert_eq!(rep.score.false_neg, 1);
        assert_eq!(rep.errors.len(), 1);
        assert!(matches!(
            eval_pairs(&corpus, &bad, &Options::default()),
            Err(StoriesError::UnknownArticle(id)) if id == "zzz"
        ));
        assert!(matches!(
            eval_pairs(&dir.join("missing.jsonl"), &pairs, &Options::default()),
            Err(StoriesError::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).ok();
    }
}
