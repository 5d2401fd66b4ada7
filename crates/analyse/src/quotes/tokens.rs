//! A small tokenizer and a quotation-aware sentence splitter for attribution.
//!
//! Kept local so attribution works from the text alone; offsets are bytes.

use std::ops::Range;

use super::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Index of the outermost quotation the token lies in (its marks included).
    pub quote: Option<usize>,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Words (letters and digits, with inner apostrophes, hyphens and the periods of "U.S." or
/// "3.5") and single punctuation chars.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let lex = Lexicon::get();
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            toks.push(Tok {
                start: range.start + b,
                end: range.start + b + c.len_utf8(),
                kind: Kind::Punct,
                quote: None,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // Length of the current period-free segment, for "U.S." versus "added.He".
        let mut seg = 1;
        while j < chars.len() {
            let c = chars[j].1;
            // A combining mark belongs to the letter before it (decomposed or mis-decoded text:
            // "FranA\u{303}ois").
            if c.is_alphanumeric() || is_combining(c) {
                j += 1;
                seg += 1;
                continue;
            }
            let next = chars.get(j + 1).map(|&(_, n)| n);
            let joins = match c {
                '\'' | '’' | '-' | '‑' => next.is_some_and(char::is_alphanumeric),
                // "Gawker.com" is one word, as in `text::tokens`.
                '.' => {
                    next.is_some_and(char::is_alphanumeric)
                        && (seg <= 2 || next.is_some_and(char::is_lowercase) || {
                            let prevc = chars[j - 1].1;
                            prevc.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                        })
                }
                // "1,409 teachers": a thousands separator between digits, three follow.
                ',' => {
                    chars[j - 1].1.is_ascii_digit()
                        && chars.len() >= j + 4
                        && chars[j + 1..j + 4].iter().all(|&(_, d)| d.is_ascii_digit())
                        && chars.get(j + 4).is_none_or(|&(_, d)| !d.is_alphanumeric())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            seg = 0;
            j += 1;
        }
        let mut end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        // The period of an abbreviation belongs to it: "Sen.", "U.S.", "J."
        if chars.get(j).is_some_and(|&(_, c)| c == '.') {
            let word = &s[b..end];
            let single_capital = word.chars().count() == 1 && c.is_uppercase();
            if single_capital
                // "U.S.", "e.g.", not "Index.hr." closing a sentence.
                || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2))
                || lex.is_title(word)
                || lex.is(word, super::lexicon::class::ABBREVIATION)
            {
                end += 1;
                j += 1;
            }
        }
        toks.push(Tok {
            start: range.start + b,
            end: range.start + end,
            kind: Kind::Word,
            quote: None,
        });
        i = j;
    }
    toks
}

/// Combining diacritical marks (the blocks in use for Latin, Greek and Cyrillic text), and the
/// C1 control characters that only occur inside words of mis-decoded text ("FranÃ\u{83}Â§ois").
fn is_combining(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Sentence boundaries as token index ranges. Boundaries inside quotations are ignored, so a
/// quotation and the words attributing it stay in one sentence.
pub(crate) fn sentences(text: &str, toks: &[Tok]) -> Vec<Range<usize>> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let s = t.text(text);
        let terminal = t.kind == Kind::Punct && matches!(s, "." | "!" | "?" | "…");
        // `.”` ends a sentence, unless a short attribution follows: `“…?” Graham asked.`
        let closes_quote = t.kind == Kind::Punct
            && lex.is_closer(s.chars().next().unwrap_or(' '))
            && i > 0
            && matches!(toks[i - 1].text(text), "." | "!" | "?" | "…")
            && toks[i].quote.is_some()
            && toks.get(i + 1).is_some_and(|n| n.quote != t.quote)
            && !attribution_follows(text, toks, i + 1);
        if (terminal && t.quote.is_none()) || closes_quote {
            // Take following closers and terminal punctuation along.
            let mut j = i + 1;
            while j < toks.len()
                && toks[j].kind == Kind::Punct
                && matches!(toks[j].text(text), "." | "!" | "?" | ")")
            {
                j += 1;
            }
            let next_starts = toks.get(j).is_none_or(|n| {
                let c = n.text(text).chars().next().unwrap_or(' ');
                c.is_uppercase() || c.is_ascii_digit() || (n.kind == Kind::Punct && lex.is_mark(c))
            });
            // "added.He": no space, but a lower-case word before and a capital after.
            if next_starts {
                out.push(start..j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Whether the words from `i` are a short attribution closing with a full stop ("Graham
/// asked.").
fn attribution_follows(text: &str, toks: &[Tok], i: usize) -> bool {
    let lex = Lexicon::get();
    let mut has_cue = false;
    for t in toks[i..].iter().take(6) {
        let s = t.text(text);
        if t.quote.is_some() {
            return false;
        }
        if matches!(s, "." | "!" | "?") {
            return has_cue;
        }
        has_cue |= t.kind == Kind::Word && lex.cues.contains_key(&s.to_lowercase());
    }
    false
}

/// Longer sentences are cut into pieces of this many tokens.
const MAX_SENTENCE_TOKENS: usize = 400;

/// The tokens of a whole text, with their quotation ids filled from `spans`, and its
/// quotation-aware sentences as ranges of those tokens, none empty.
pub(crate) fn sentence_ranges(
    text: &str,
    spans: &[super::marks::QuoteSpan],
) -> (Vec<Tok>, Vec<Range<usize>>) {
    let mut toks = tokenize(text, 0..text.len());
    let mut q = 0;
    for t in &mut toks {
        while q < spans.len() && spans[q].end <= t.start {
            q += 1;
        }
        if q < spans.len() && spans[q].open <= t.start && t.start < spans[q].end {
            t.quote = Some(q);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=toks.len() {
        let brk = i == toks.len() || text[toks[i - 1].end..toks[i].start].contains('\n');
        if brk {
            for r in sentences(text, &toks[start..i]) {
                // Work per sentence is linear in its length for each trigger in it, so a text
                // without full stops would cost quadratic time: cut runaway "sentences" into
                // pieces no real sentence reaches.
                let mut a = r.start;
                while a < r.end {
                    let b = (a + MAX_SENTENCE_TOKENS).min(r.end);
                    out.push(start + a..start + b);
                    a = b;
                }
            }
            start = i;
        }
    }
    (toks, out)
}
