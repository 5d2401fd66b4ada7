//! Statistical named-entity tagger: a structured averaged perceptron over BILOU tags for PER,
//! ORG, LOC and MISC, with word, shape, affix, context and cue-word features, decoded by Viterbi
//! under BILOU constraints. Weights ship in `data/ner-en.bin.gz` (see `data/README.md` for the
//! training sources and their licences) and are loaded once.

mod document;
mod features;
mod gazetteer;
pub mod train;
pub mod weights;

use std::ops::Range;
use std::sync::OnceLock;

use model::EntityKind;

use crate::text::{self, Token};
use features::SentenceFeatures;
use rustc_hash::FxHashMap;
use weights::{Model, Part, Sums, T, TYPES, tag_parts};

/// A named-entity mention: `text[start..end]` in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// 0–1, from how clearly the tagger preferred each of the mention's tags.
    pub confidence: f32,
}

/// An entity over a sentence's tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenEntity {
    pub tokens: Range<usize>,
    pub kind: EntityKind,
    pub confidence: f32,
}

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("model file: {0}")]
    Format(String),
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Data {
        path: String,
        line: usize,
        message: String,
    },
}

static SHIPPED: &[u8] = include_bytes!("../../data/ner-en.bin.gz");

/// The shipped English model, parsed on first use.
pub fn shipped() -> Result<&'static Tagger, &'static NerError> {
    static M: OnceLock<Result<Tagger, NerError>> = OnceLock::new();
    M.get_or_init(|| Model::from_gzip(SHIPPED).map(|model| Tagger { model }))
        .as_ref()
}

/// A tagger over a loaded model.
pub struct Tagger {
    model: Model,
}

impl Tagger {
    pub fn from_gzip(bytes: &[u8]) -> Result<Tagger, NerError> {
        Ok(Tagger {
            model: Model::from_gzip(bytes)?,
        })
    }

    /// Number of weighted features in the model.
    pub fn features(&self) -> usize {
        self.model.features()
    }

    /// BILOU tag indices of one sentence's words and each word's confidence.
    fn decode<'w>(&self, words: &[&'w str], scratch: &mut Scratch<'w>) -> (Vec<u8>, Vec<f32>) {
        let Scratch {
            feats,
            words: seen,
            keys,
        } = scratch;
        features::extract_context(words, feats);
        let mut sums = self.model.sums(feats, words.len());
        for (i, (w, sum)) in words.iter().zip(sums.iter_mut()).enumerate() {
            let own = seen.entry(*w).or_insert_with(|| {
                keys.clear();
                features::word_keys(feats, i, keys);
                let mut own = [0; 32];
                self.model.add_keys(keys, &mut own);
                own
            });
            for (s, o) in sum.iter_mut().zip(own.iter()) {
                *s += o;
            }
        }
        let em: Vec<[f32; T]> = sums.iter().map(|s| self.model.scores(s)).collect();
        let tags = weights::viterbi(&em, self.model.trans());
        let trans = self.model.trans();
        let mut conf = Vec::with_capacity(tags.len());
        for (i, &t) in tags.iter().enumerate() {
            let prev = (i > 0).then(|| usize::from(tags[i - 1]));
            let local = |c: usize| trans[weights::trans_index(prev, c)] + em[i][c];
            let chosen = local(usize::from(t));
            let rival = (0..T)
                .filter(|&c| {
                    c != usize::from(t)
                        && prev.map_or(weights::ALLOWED_FIRST[c], |p| weights::ALLOWED[p][c])
                })
                .map(local)
                .fold(f32::NEG_INFINITY, f32::max);
            let margin = chosen - rival;
            conf.push(if margin.is_finite() {
                1.0 / (1.0 + (-margin).exp())
            } else {
                1.0
            });
        }
        (tags, conf)
    }

    /// Entities over one sentence's words.
    pub fn tag_words(&self, words: &[&str]) -> Vec<TokenEntity> {
        let (tags, conf) = self.decode(words, &mut Scratch::default());
        spans(&tags, &conf)
    }

    /// Tags the sentences of one document, then makes the tags consistent across it.
    fn tag_document(&self, sentences: &[Vec<&str>]) -> (Vec<Vec<u8>>, Vec<Vec<f32>>) {
        let mut scratch = Scratch::default();
        let (mut tags, mut conf): (Vec<_>, Vec<_>) = sentences
            .iter()
            .map(|w| self.decode(w, &mut scratch))
            .unzip();
        let before = tags.clone();
        document::harmonise(sentences, &mut tags);
        for ((t, b), c) in tags.iter().zip(&before).zip(conf.iter_mut()) {
            for ((t, b), c) in t.iter().zip(b).zip(c.iter_mut()) {
                if t != b {
                    *c = HARMONISED_CONFIDENCE;
                }
            }
        }
        (tags, conf)
    }

    /// IOB2 tags ("B-PER", "I-ORG", "O") of one sentence's words.
    pub fn iob2(&self, words: &[&str]) -> Vec<&'static str> {
        self.iob2_document(&[words.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// IOB2 tags of each sentence of one document (consistent across the document).
    pub fn iob2_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<&'static str>> {
        let (tags, _) = self.tag_document(sentences);
        tags.iter()
            .map(|t| {
                let mut out = vec!["O"; t.len()];
                for (s, e, ty) in document::spans(t) {
                    for (i, o) in out.iter_mut().enumerate().take(e).skip(s) {
                        *o = if i == s { B_TAGS[ty] } else { I_TAGS[ty] };
                    }
                }
                out
            })
            .collect()
    }

    /// Entities in `text`, whose tokens are `tokens` (from [`text::tokens`]); the text is
    /// one document.
    pub fn tag(&self, text: &str, tokens: &[Token]) -> Vec<Entity> {
        let mut chunks: Vec<&[Token]> = Vec::new();
        for s in text::sentences_of(text, tokens) {
            // Very long "sentences" (text without stops) are tagged in windows.
            chunks.extend(tokens[s.tokens].chunks(MAX_SENTENCE));
        }
        let words: Vec<Vec<&str>> = chunks
            .iter()
            .map(|c| c.iter().map(|t| t.text(text)).collect())
            .collect();
        let (tags, conf) = self.tag_document(&words);
        let mut out = Vec::new();
        for ((chunk, tags), conf) in chunks.iter().zip(&tags).zip(&conf) {
            for e in spans(tags, conf) {
                out.push(Entity {
                    start: chunk[e.tokens.start].start,
                    end: chunk[e.tokens.end - 1].end,
                    kind: e.kind,
                    confidence: e.confidence,
                });
            }
        }
        out
    }
}

/// Buffers reused across one document's sentences.
#[derive(Default)]
struct Scratch<'w> {
    feats: SentenceFeatures,
    /// A word's own features sum to the same weights wherever it occurs: summed once.
    words: FxHashMap<&'w str, Sums>,
    keys: Vec<u32>,
}

/// Confidence of a tag changed for consistency with the rest of the document.
const HARMONISED_CONFIDENCE: f32 = 0.6;
const MAX_SENTENCE: usize = 400;
const B_TAGS: [&str; 4] = ["B-PER", "B-ORG", "B-LOC", "B-MISC"];
const I_TAGS: [&str; 4] = ["I-PER", "I-ORG", "I-LOC", "I-MISC"];

fn spans(tags: &[u8], conf: &[f32]) -> Vec<TokenEntity> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        let (part, ty) = tag_parts(usize::from(t));
        match part {
            Part::Begin => start = Some(i),
            Part::Unit => start = Some(i),
            _ => {}
        }
        if matches!(part, Part::Last | Part::Unit)
            && let Some(s) = start.take()
        {
            let confidence = conf[s..=i].iter().copied().fold(1.0f32, f32::min);
            out.push(TokenEntity {
                tokens: s..i + 1,
                kind: TYPES[ty].1,
                confidence,
            });
        }
    }
    out
}

/// Entities in `text` with the shipped model; empty if the model cannot load.
pub fn tag(text: &str, tokens: &[Token]) -> Vec<Entity> {
    shipped().map(|t| t.tag(text, tokens)).unwrap_or_default()
}

/// IOB2 tags of one pre-tokenised sentence with the shipped model (all "O" if it cannot load).
pub fn tag_tokens(words: &[&str]) -> Vec<&'static str> {
    match shipped() {
        Ok(t) => t.iob2(words),
        Err(_) => vec!["O"; words.len()],
    }
}

#[cfg(test)]
mod tests;
