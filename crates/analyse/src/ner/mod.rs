//! Statistical named-entity tagger: a structured averaged perceptron over BILOU tags for PER,
//! ORG, LOC and MISC, with word, shape, affix, context and cue-word features, decoded by Viterbi
//! under BILOU constraints. Weights ship in `data/ner-en.bin.gz` (English) and `data/ner-sh.bin.gz`
//! (Serbian, Croatian, Bosnian and Montenegrin: one language for a tagger, "sh" being ISO 639-1's
//! code for the whole), see `data/README.md` for the training sources and their licences; each is
//! loaded once, on first use.

mod document;
mod features;
pub(crate) use features::{is_dictionary_word, is_given_name, is_name_word, is_plain_word};
mod gazetteer;
pub mod train;
pub(crate) mod truecase;
pub mod weights;

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use model::EntityKind;

use crate::names;
use crate::text::{self, Token};
use features::{Role, SentenceFeatures, Vocab};
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

/// A fingerprint of every file the features read, with the feature version: weights fit
/// the tables they were trained on, so the training example writes this beside each model
/// (`data/ner-*.inputs`) and a test holds the shipped models to it. FNV-1a by hand: ten lines
/// for an equality check that must not change with a hashing crate's version.
pub fn inputs_fingerprint() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&[features::FEATURE_VERSION]);
    for (name, bytes) in features::inputs().into_iter().chain(gazetteer::inputs()) {
        eat(name.as_bytes());
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(bytes);
    }
    format!("fnv1a-64 {h:016x}")
}

static SHIPPED: &[u8] = include_bytes!("../../data/ner-en.bin.gz");
static SHIPPED_SH: &[u8] = include_bytes!("../../data/ner-sh.bin.gz");

/// The shipped English model, parsed on first use.
pub fn shipped() -> Result<&'static Tagger, &'static NerError> {
    static M: OnceLock<Result<Tagger, NerError>> = OnceLock::new();
    M.get_or_init(|| Model::from_gzip(SHIPPED).map(|m| Tagger::new(m, CALIBRATION_EN)))
        .as_ref()
}

/// The shipped model for an article's language (an ISO 639 code as extraction gives it): the
/// Serbo-Croatian one for Serbian, Croatian, Bosnian and Montenegrin, English for any other
/// language or none.
pub fn shipped_for(language: Option<&str>) -> Result<&'static Tagger, &'static NerError> {
    if !language.is_some_and(is_serbo_croatian) {
        return shipped();
    }
    static M: OnceLock<Result<Tagger, NerError>> = OnceLock::new();
    M.get_or_init(|| Model::from_gzip(SHIPPED_SH).map(|m| Tagger::new(m, CALIBRATION_SH)))
        .as_ref()
}

/// "sr", "hr", "bs", "sh", "cnr" and regional tags of them ("sr-Latn", "hr_HR").
pub(crate) fn is_serbo_croatian(language: &str) -> bool {
    let base = language.split(['-', '_']).next().unwrap_or("");
    ["sr", "hr", "bs", "sh", "cnr", "srp", "hrv", "bos"]
        .iter()
        .any(|c| base.eq_ignore_ascii_case(c))
}

/// How a word's margin (what the best tagging loses if the word gets another tag) becomes
/// its confidence: sigmoid(offset + scale × margin); a span's is its least word's. Each
/// shipped model's pair is fitted by maximum likelihood to whether its spans were right, for
/// the same settings trained without the text it then tagged (tables in
/// `data/ner-en.README.md` and `data/ner-sh.README.md`; `kronika eval ner` prints them).
#[derive(Debug, Clone, Copy)]
pub struct Calibration {
    pub offset: f32,
    pub scale: f32,
}

/// The English model's: fitted on GUM dev.
pub const CALIBRATION_EN: Calibration = Calibration {
    offset: -0.2,
    scale: 0.018,
};

/// The Serbo-Croatian model's, whose margins run about a third of the English ones: fitted on
/// a fifth of the UNER sr/hr train documents (every fifth by id, in both languages) held out.
pub const CALIBRATION_SH: Calibration = Calibration {
    offset: -0.3,
    scale: 0.05,
};

/// A tagger over a loaded model.
pub struct Tagger {
    model: Model,
    calibration: Calibration,
    /// The weights of the feature every token has.
    bias: Sums,
    /// Tells taggers apart in the word sums a thread keeps ([`with_scratch`]).
    id: u64,
}

impl Tagger {
    /// A model from a file, with the English model's calibration (see
    /// [`Tagger::with_calibration`]).
    pub fn from_gzip(bytes: &[u8]) -> Result<Tagger, NerError> {
        Ok(Tagger::new(Model::from_gzip(bytes)?, CALIBRATION_EN))
    }

    pub fn with_calibration(self, calibration: Calibration) -> Tagger {
        Tagger {
            calibration,
            ..self
        }
    }

    fn new(model: Model, calibration: Calibration) -> Tagger {
        let mut bias = [0; 32];
        model.add_keys(&[features::bias_key()], &mut bias);
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Tagger {
            model,
            calibration,
            bias,
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Number of weighted features in the model.
    pub fn features(&self) -> usize {
        self.model.features()
    }

    /// BILOU tag indices of one sentence's words and each word's confidence.
    fn decode(&self, words: &[&str], scratch: &mut Scratch) -> (Vec<u8>, Vec<f32>) {
        if !may_name(words) {
            return (vec![0; words.len()], vec![1.0; words.len()]);
        }
        if scratch.cached.len() != scratch.vocab.count() {
            // Only a panic between adding words to `vocab` and summing them could part the
            // two; start afresh.
            *scratch = Scratch::new(self);
        }
        let Scratch {
            feats,
            vocab,
            cached,
            ids,
            fresh,
            keys,
            found,
            sums,
            ..
        } = scratch;
        ids.clear();
        fresh.clear();
        for w in words {
            let (id, new) = vocab.id(w);
            if new {
                fresh.push(id);
            }
            ids.push(id);
        }
        self.word_sums(vocab, fresh, keys, found, cached);
        features::extract_joint(vocab, ids, feats);
        self.model.sums_into(feats, words.len(), found, sums);
        let at = |j: isize| &cached[features::id_at(ids, j) as usize];
        for (i, sum) in sums.iter_mut().enumerate() {
            let i = i as isize;
            let parts: [&[i32]; 5] = [
                &at(i)[0],
                &at(i - 1)[1 + Role::Prev as usize],
                &at(i + 1)[1 + Role::Next as usize],
                &at(i - 2)[1 + Role::Prev2 as usize],
                &at(i + 2)[1 + Role::Next2 as usize],
            ];
            for part in parts {
                for (s, p) in sum.iter_mut().zip(part) {
                    *s += p;
                }
            }
        }
        let mut em: Vec<[f32; T]> = sums.iter().map(|s| self.model.scores(s)).collect();
        // A mail or web address is never (part of) a name, however its neighbours look:
        // "Lotte Wilms lotte.wilms@kb.nl National Library" is two names around it.
        for (e, w) in em.iter_mut().zip(words) {
            if is_address(w) {
                e.iter_mut().skip(1).for_each(|s| *s -= 1e6);
            } else if is_name_break(w) {
                // "[John FitzGibbon], 2nd Earl of Clare", "[Jeff] !": no person's name in the
                // training sets runs over these marks.
                e.iter_mut().skip(1).take(4).for_each(|s| *s -= 1e6);
            }
        }
        let (tags, margins) = weights::viterbi_margins(&em, self.model.trans());
        let Calibration { offset, scale } = self.calibration;
        let conf = margins
            .into_iter()
            .map(|m| {
                if m.is_finite() {
                    1.0 / (1.0 + (-(offset + m * scale)).exp())
                } else {
                    1.0
                }
            })
            .collect();
        (tags, conf)
    }

    /// Appends to `cached` the summed weights of each word of `ids`, in order: of its own
    /// text, then of it standing in each [`Role`] to a token. Each is the same wherever the
    /// word occurs, so it is summed once.
    fn word_sums(
        &self,
        vocab: &Vocab,
        ids: &[u32],
        keys: &mut SentenceFeatures,
        found: &mut Vec<usize>,
        cached: &mut Vec<WordSums>,
    ) {
        keys.keys.clear();
        keys.offsets.clear();
        for &id in ids {
            keys.offsets.push(keys.keys.len());
            vocab.own_keys(id, &mut keys.keys);
            for role in features::ROLES {
                keys.offsets.push(keys.keys.len());
                vocab.role_keys(id, role, &mut keys.keys);
            }
        }
        keys.offsets.push(keys.keys.len());
        let mut part = [0; 32];
        let mut parts = self.model.sums_iter(keys, ids.len() * 5, found);
        for _ in ids {
            let mut w = [[0; T]; 5];
            for row in &mut w {
                parts(&mut part);
                row.copy_from_slice(&part[..T]);
            }
            // Every token has the bias feature: it goes with the word's own features.
            for (o, b) in w[0].iter_mut().zip(&self.bias) {
                *o += b;
            }
            cached.push(w);
        }
    }

    /// Entities over one sentence's words.
    pub fn tag_words(&self, words: &[&str]) -> Vec<TokenEntity> {
        let (tags, conf) = with_scratch(self, |s| self.decode(words, s));
        spans(&tags, &conf)
    }

    /// Tags the sentences of one document, then makes the tags consistent across it.
    fn tag_document(&self, sentences: &[Vec<&str>]) -> (Vec<Vec<u8>>, Vec<Vec<f32>>) {
        // Cyrillic is read in Latin letters: the Serbian training text is Latin, and one
        // spelling of a name gives it one set of features.
        let latin: Vec<Vec<Cow<'_, str>>>;
        let words: Vec<Vec<&str>>;
        let sentences = if sentences.iter().flatten().any(|w| names::has_cyrillic(w)) {
            latin = sentences
                .iter()
                .map(|s| s.iter().map(|w| names::latin_word(w)).collect())
                .collect();
            words = latin
                .iter()
                .map(|s| s.iter().map(AsRef::as_ref).collect())
                .collect();
            &words[..]
        } else {
            sentences
        };
        let (mut tags, mut conf): (Vec<_>, Vec<_>) = with_scratch(self, |s| {
            sentences.iter().map(|w| self.decode(w, s)).unzip()
        });
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
        self.iob2_document_scored(sentences)
            .into_iter()
            .map(|(tags, _)| tags)
            .collect()
    }

    /// As [`Tagger::iob2_document`], with each sentence's entities as (first word, end word,
    /// confidence), the confidence as [`Entity::confidence`].
    #[expect(
        clippy::type_complexity,
        reason = "a pair of plain vectors per sentence"
    )]
    pub fn iob2_document_scored(
        &self,
        sentences: &[Vec<&str>],
    ) -> Vec<(Vec<&'static str>, Vec<(usize, usize, f32)>)> {
        let (tags, conf) = self.tag_document(sentences);
        tags.iter()
            .zip(&conf)
            .map(|(t, c)| {
                let mut out = vec!["O"; t.len()];
                for (s, e, ty) in document::spans(t) {
                    for (i, o) in out.iter_mut().enumerate().take(e).skip(s) {
                        *o = if i == s { B_TAGS[ty] } else { I_TAGS[ty] };
                    }
                }
                let scored = spans(t, c)
                    .into_iter()
                    .map(|e| (e.tokens.start, e.tokens.end, e.confidence))
                    .collect();
                (out, scored)
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

/// A word's weights summed per tag: of its own text with the bias, then of it in each
/// [`Role`].
type WordSums = [[i32; T]; 5];

/// Words a thread keeps described and summed between documents; past this many it starts
/// afresh at the next document (about 40 MB at most, per thread that tags).
const KEEP_WORDS: usize = 1 << 16;

/// What a thread keeps between the sentences and documents it tags with one tagger: the
/// words seen, and buffers.
struct Scratch {
    tagger: u64,
    /// `cached[id]` are the sums of word `id` of `vocab`.
    vocab: Vocab,
    cached: Vec<WordSums>,
    feats: SentenceFeatures,
    /// The sentence's word ids, and those new to `vocab`.
    ids: Vec<u32>,
    fresh: Vec<u32>,
    keys: SentenceFeatures,
    found: Vec<usize>,
    sums: Vec<Sums>,
}

impl Scratch {
    fn new(tagger: &Tagger) -> Self {
        let vocab = Vocab::default();
        let mut s = Scratch {
            tagger: tagger.id,
            vocab,
            cached: Vec::new(),
            feats: SentenceFeatures::default(),
            ids: Vec::new(),
            fresh: Vec::new(),
            keys: SentenceFeatures::default(),
            found: Vec::new(),
            sums: Vec::new(),
        };
        // The boundaries' entries come first in every vocabulary.
        let boundaries = [features::BOS_ID, features::EOS_ID];
        tagger.word_sums(
            &s.vocab,
            &boundaries,
            &mut s.keys,
            &mut s.found,
            &mut s.cached,
        );
        s
    }
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's scratch for `tagger`, made afresh for another tagger or when it
/// has grown past [`KEEP_WORDS`].
fn with_scratch<R>(tagger: &Tagger, f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with_borrow_mut(|slot| {
        let s = match slot {
            Some(s) if s.tagger == tagger.id && s.vocab.count() <= KEEP_WORDS => s,
            _ => slot.insert(Scratch::new(tagger)),
        };
        f(s)
    })
}

/// Whether a sentence may hold a name: unless it opens with a capitalised dictionary word
/// ("The", "But", "When") and no later word has a capital letter. Such a sentence is all
/// outside ("The minister said it would not change") and is not tagged. One in lower case
/// throughout is tagged: web text in lower case writes names so too ("houston won't be").
fn may_name(words: &[&str]) -> bool {
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    !first.starts_with(char::is_uppercase)
        || !features::is_plain_word(&first.to_lowercase())
        || rest.iter().any(|w| w.chars().any(char::is_uppercase))
}

/// "name@host.tld", "https://…", "www.…".
fn is_address(w: &str) -> bool {
    w.split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        || w.contains("://")
        || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
}

/// Punctuation inside no person's name: of the 2,178 names of people in GUM train and dev
/// and UNER EWT dev, three held one, all "Surname , Given" in a mail header.
fn is_name_break(w: &str) -> bool {
    matches!(
        w,
        "," | "!" | "?" | ";" | ":" | "(" | ")" | "[" | "]" | "\"" | "“" | "”" | "``" | "''"
    )
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

/// Entities in `text` with the shipped English model; empty if the model cannot load.
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
