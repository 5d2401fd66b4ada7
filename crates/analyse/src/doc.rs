//! One article's text as the detectors see it: tokens with their case, sentence and quotation
//! state, and the words table matching runs over.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::lexicon::Matcher;
use crate::ner::truecase;
use crate::{names, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Starts with a lower-case letter.
    Lower,
    /// Starts with an upper-case letter, has lower-case letters too.
    Title,
    /// Letters, all upper case ("NATO", "BRUSSELS").
    Upper,
    /// No letters at all: punctuation, numbers.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub case: Case,
    pub sent: usize,
    /// No word before it in its sentence (quotes and dashes may be).
    pub opens: bool,
    /// Words `words[w0..w1]` belong to this token.
    pub w0: usize,
    pub w1: usize,
}

pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub sents: Vec<Range<usize>>,
    /// Match-key words; a punctuation token is one word made of itself, which no entry has.
    pub words: Vec<String>,
    pub word_tok: Vec<usize>,
}

fn case_of(s: &str) -> Case {
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Other;
    };
    if !first.is_uppercase() {
        // "iPhone", "eBay": lower first letter means not a name opener here.
        return Case::Lower;
    }
    if s.chars()
        .filter(|c| c.is_alphabetic())
        .any(|c| c.is_lowercase())
    {
        Case::Title
    } else {
        Case::Upper
    }
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Self {
        let seg = text::segment(text);
        let mut toks = Vec::with_capacity(seg.tokens.len());
        let mut words: Vec<String> = Vec::with_capacity(seg.tokens.len());
        let mut word_tok = Vec::with_capacity(seg.tokens.len());
        let mut sents = Vec::with_capacity(seg.sentences.len());
        let mut sent_of = vec![0usize; seg.tokens.len()];
        for (i, s) in seg.sentences.iter().enumerate() {
            let r = s.tokens.start.min(seg.tokens.len())..s.tokens.end.min(seg.tokens.len());
            for t in sent_of.iter_mut().take(r.end).skip(r.start) {
                *t = i;
            }
            sents.push(r);
        }
        let mut seen: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        for (i, t) in seg.tokens.iter().enumerate() {
            let s = t.text(text);
            let w0 = words.len();
            // A text's words repeat: each distinct token is keyed once.
            match seen.get(s) {
                Some(&(a, b)) => {
                    words.extend_from_within(a..b);
                    word_tok.extend(std::iter::repeat_n(i, b - a));
                }
                None => {
                    let key = names::match_key(s);
                    if key.is_empty() {
                        words.push(s.to_owned());
                        word_tok.push(i);
                    } else {
                        for w in key.split(' ') {
                            words.push(w.to_owned());
                            word_tok.push(i);
                        }
                    }
                    seen.insert(s, (w0, words.len()));
                }
            }
            toks.push(Tok {
                start: t.start,
                end: t.end,
                case: case_of(s),
                sent: sent_of[i],
                opens: false,
                w0,
                w1: words.len(),
            });
        }
        let mut seen_word = vec![false; sents.len()];
        for t in &mut toks {
            if let Some(seen) = seen_word.get_mut(t.sent) {
                t.opens = !*seen;
                if t.case != Case::Other {
                    *seen = true;
                }
            }
        }
        Doc {
            text,
            toks,
            sents,
            words,
            word_tok,
        }
    }

    /// Gives the words of sentences written in capitals the case ordinary text would
    /// ([`ner::truecase`]), so that the detectors' capitalised runs stop at the verbs of a
    /// headline ("BILL CLINTON MET ANGELA MERKEL"). Words for which `keep` holds (the head
    /// words of organisations' names: "AFGHAN SECURITY FORCES") stay capitalised. English
    /// word lists: for English text.
    pub fn read_shouted(&mut self, keep: impl Fn(&str) -> bool) {
        for r in &self.sents {
            let Some(toks) = self.toks.get(r.clone()) else {
                continue;
            };
            // Most sentences have fewer than three words in capitals: no need to look closer.
            if toks
                .iter()
                .filter(|t| t.case == Case::Upper)
                .nth(2)
                .is_none()
            {
                continue;
            }
            let words: Vec<&str> = toks
                .iter()
                .map(|t| self.text.get(t.start..t.end).unwrap_or(""))
                .collect();
            if !truecase::is_shouted(&words) {
                continue;
            }
            for (t, w) in self.toks[r.clone()].iter_mut().zip(words) {
                if !keep(w) {
                    t.case = case_of(&truecase::truecase(w, t.opens));
                }
            }
        }
    }

    pub fn tok(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Byte range of tokens `a..b`.
    pub fn bytes(&self, a: usize, b: usize) -> Range<usize> {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(s), Some(e)) if a < b => s.start..e.end,
            _ => 0..0,
        }
    }

    pub fn slice(&self, a: usize, b: usize) -> &str {
        self.text.get(self.bytes(a, b)).unwrap_or("")
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper))
    }

    pub fn sent_start(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.opens)
    }

    /// Longest matches starting at token `i` that end on a token boundary: (end token, payloads).
    pub fn matches<'m>(
        &'m self,
        m: &'m Matcher,
        i: usize,
    ) -> impl Iterator<Item = (usize, &'m [u32])> + 'm {
        let w = self.toks.get(i).map_or(usize::MAX, |t| t.w0);
        m.matches_at(&self.words, w).filter_map(move |(n, p)| {
            let last_word = w + n - 1;
            let tok = *self.word_tok.get(last_word)?;
            (self.toks[tok].w1 == last_word + 1).then_some((tok + 1, p))
        })
    }
}
