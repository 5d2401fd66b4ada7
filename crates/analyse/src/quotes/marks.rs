//! Pairs quotation marks into quotations, paragraph by paragraph.
//!
//! A stack machine over the characters: a mark closes the innermost open pair that accepts it,
//! else opens a pair, else is an apostrophe or a stray and is skipped. Only the outermost pairs
//! become quotations; nested ones are part of their content. Nothing here fails: an odd count of
//! marks leaves a quotation open to its paragraph's end or drops it.

use std::ops::Range;

use super::lexicon::{Level, Lexicon};

/// Deeper nesting than this is noise (or an attack); further openers are skipped.
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Bytes between the marks (to the paragraph's end when the quotation never closes).
    pub content: Range<usize>,
    /// Byte offset after the closing mark, or `content.end`.
    pub end: usize,
    pub closed: bool,
    pub level: Level,
    /// The quotation this one continues: its paragraph opened with a mark while the previous
    /// paragraph's quotation stayed open.
    pub continues: Option<usize>,
}

struct Open {
    mark: char,
    /// Bytes of the mark as typed (two for '').
    len: usize,
    pos: usize,
    level: Level,
    continues: Option<usize>,
}

/// Whether `c` sits between two letters or digits: it's, don't, Đukanović’s.
fn inside_word(prev: Option<char>, next: Option<char>) -> bool {
    matches!((prev, next), (Some(p), Some(n)) if p.is_alphanumeric() && n.is_alphanumeric())
}

/// Marks that also serve as apostrophes or inch signs must be followed by a non-letter to close.
fn apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '"')
}

/// The quotations in `text`, in reading order.
pub(crate) fn pair(text: &str) -> Vec<QuoteSpan> {
    let lex = Lexicon::get();
    let mut out: Vec<QuoteSpan> = Vec::new();
    // The previous paragraph's open quotation, when this paragraph may continue it.
    let mut carry: Option<usize> = None;
    // The mark of a quotation that goes on in the next paragraph without a mark of its own.
    let mut implicit: Option<char> = None;
    let mut para_start = 0;
    while para_start <= text.len() {
        let para_end = text[para_start..]
            .find('\n')
            .map_or(text.len(), |i| para_start + i);
        let para = &text[para_start..para_end];
        let first = para_start + (para.len() - para.trim_start().len());
        // Blank lines between paragraphs keep a continuation open.
        if para.trim().is_empty() {
            para_start = para_end + 1;
            continue;
        }
        let mut stack: Vec<Open> = Vec::new();
        if let Some(mark) = implicit.take() {
            stack.push(Open {
                mark,
                len: 0,
                pos: first,
                level: Level::Double,
                continues: carry.take(),
            });
        }
        let mut prev: Option<char> = None;
        let mut chars = para.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let mut next = chars.peek().map(|&(_, n)| n);
            let pos = para_start + i;
            // Two apostrophes typed as a double mark (''…'', as some archives print quotes).
            let (c, mark_len) = if c == '\'' && next == Some('\'') {
                chars.next();
                next = chars.peek().map(|&(_, n)| n);
                ('"', 2)
            } else {
                (c, c.len_utf8())
            };
            if lex.is_mark(c) && !inside_word(prev, next) {
                // A mark between spaces closes whatever is open (`,' " he told`), and so does
                // one between a space and a comma or full stop (`stručnjaka ", izjavio je`): no
                // quotation opens onto punctuation.
                let isolated = prev.is_some_and(char::is_whitespace)
                    && next.is_none_or(|n| {
                        n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?')
                    })
                    && !stack.is_empty();
                let can_close = (isolated || prev.is_some_and(|p| !p.is_whitespace()))
                    && !(apostrophe_like(c) && next.is_some_and(char::is_alphanumeric));
                let target = if can_close {
                    closing_target(lex, &stack, c)
                } else {
                    None
                };
                if let Some(k) = target {
                    // Removes the pair at `k` and every unclosed pair nested in it.
                    let opened = stack.swap_remove(k);
                    stack.truncate(k);
                    if stack.is_empty() {
                        // Without the spaces some outlets type inside the marks („ … “).
                        let inner = &text[opened.pos + opened.len..pos];
                        let lead = inner.len() - inner.trim_start().len();
                        let content_start = opened.pos + opened.len + lead;
                        let content_end = content_start + inner.trim().len();
                        out.push(QuoteSpan {
                            open: opened.pos,
                            content: content_start..content_end,
                            end: pos + mark_len,
                            closed: true,
                            level: opened.level,
                            continues: opened.continues,
                        });
                    }
                } else if let Some(pair) = lex.marks.get(&c) {
                    let can_open = next.is_some_and(|n| !n.is_whitespace())
                        && !prev.is_some_and(char::is_alphanumeric)
                        && stack.len() < MAX_DEPTH;
                    if can_open {
                        let continues = if stack.is_empty() && pos == first {
                            carry.take()
                        } else {
                            None
                        };
                        stack.push(Open {
                            mark: c,
                            len: mark_len,
                            pos,
                            level: pair.level,
                            continues,
                        });
                    }
                }
            }
            prev = Some(c);
        }
        carry = None;
        // An open quotation at the paragraph's end: a continuation when the next paragraph opens
        // with a double mark, else kept open-ended if it says enough to be a statement.
        if let Some(bottom) = stack.first().filter(|b| b.level == Level::Double) {
            {
                let content_start = bottom.pos + bottom.len;
                let content_end = content_start + text[content_start..para_end].trim_end().len();
                let next_first = text[para_end..].trim_start().chars().next();
                let marked = next_first
                    .is_some_and(|n| lex.marks.get(&n).is_some_and(|p| p.level == Level::Double));
                let unmarked = !marked && closes_later(lex, text, para_end);
                if unmarked {
                    implicit = Some(bottom.mark);
                }
                let continued = marked || unmarked;
                // The closing mark left out before the attribution: "„Sudije … sistema,
                // izjavila je Rahilka Stojkovska, …": the quotation ends at that comma.
                let content_end = if continued {
                    content_end
                } else {
                    attribution_inside(lex, text, content_start..content_end).unwrap_or(content_end)
                };
                let words = text[content_start..content_end].split_whitespace().count();
                if continued || words >= 3 {
                    out.push(QuoteSpan {
                        open: bottom.pos,
                        content: content_start..content_end,
                        end: content_end,
                        closed: false,
                        level: Level::Double,
                        continues: bottom.continues,
                    });
                    if continued {
                        carry = Some(out.len() - 1);
                    }
                }
            }
        }
        para_start = para_end + 1;
    }
    out
}

/// In a quotation left open to its paragraph's end, the comma before an attribution the
/// writer forgot to set off with the closing mark: ", izjavila je …", ", rekao je …", ",
/// said …", ", he said". The verb must be one of saying followed by its Serbian or
/// Croatian clitic, or an English "said"/"says"/"added" with a capitalised word or pronoun
/// after it or before it, after at least three words of quotation.
fn attribution_inside(lex: &Lexicon, text: &str, content: Range<usize>) -> Option<usize> {
    let body = &text[content.clone()];
    let says = |w: &str| {
        lex.cues.get(&w.to_lowercase()).is_some_and(|c| {
            c.iter()
                .any(|(words, class)| words.len() == 1 && *class == super::lexicon::CueClass::Say)
        })
    };
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    for (i, _) in body.match_indices(", ") {
        if body[..i].split_whitespace().count() < 3 {
            continue;
        }
        let mut rest = body[i + 2..].split_whitespace().map(word);
        let (Some(a), Some(b)) = (rest.next(), rest.next()) else {
            break;
        };
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let english = |w: &str| matches!(w, "said" | "says" | "added");
        let pronoun = |w: &str| matches!(w, "he" | "she" | "they");
        let found = (says(&a) && matches!(b.as_str(), "je" | "su" | "је" | "су"))
            || (english(&a) && (cap(&b) || pronoun(&b) || b == "the"))
            || ((cap(&a) || pronoun(&a)) && english(&b));
        if found {
            return Some(content.start + i);
        }
    }
    None
}

/// How many paragraphs on a quotation without a mark at each paragraph's start may close.
const UNMARKED_PARAGRAPHS: usize = 3;

/// Whether a double quotation left open at `para_end` goes on in the paragraphs after it that
/// open with no mark, and closes in one of them: "„Jahta je spašena …\n\nObnova će se odvijati
/// pod nadzorom stručnjaka“, izjavio je …". Some outlets mark only a quotation's first and last
/// paragraph (and extraction splits a paragraph at `<br>`). The closing paragraph holds an odd
/// number of double marks, the first of which closes: after a word, or alone before a comma
/// or full stop.
fn closes_later(lex: &Lexicon, text: &str, para_end: usize) -> bool {
    let mut start = para_end + 1;
    let mut seen = 0;
    while start < text.len() && seen < UNMARKED_PARAGRAPHS {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let para = text[start..end].trim();
        start = end + 1;
        if para.is_empty() {
            continue;
        }
        seen += 1;
        if para.chars().next().is_some_and(|c| lex.is_mark(c)) {
            return false;
        }
        let chars: Vec<char> = para.chars().collect();
        let double: Vec<usize> = (0..chars.len())
            .filter(|&i| {
                let c = chars[i];
                lex.is_mark(c)
                    && (c == '"' || !apostrophe_like(c))
                    && lex.marks.get(&c).is_none_or(|p| p.level == Level::Double)
                    && !inside_word(
                        i.checked_sub(1).map(|k| chars[k]),
                        chars.get(i + 1).copied(),
                    )
            })
            .collect();
        let Some(&i) = double.first() else {
            continue;
        };
        let prev = i.checked_sub(1).map(|k| chars[k]);
        let next = chars.get(i + 1).copied();
        let punct_after = next.is_some_and(|n| matches!(n, ',' | '.' | ';' | '!' | '?'));
        let closes = punct_after
            || (next.is_none_or(char::is_whitespace) && prev.is_some_and(|p| !p.is_whitespace()));
        return closes && double.len() % 2 == 1;
    }
    false
}

/// The stack index of the pair `c` closes: the innermost open pair accepting it. A single mark
/// never reaches past the innermost open double pair.
fn closing_target(lex: &Lexicon, stack: &[Open], c: char) -> Option<usize> {
    for (k, open) in stack.iter().enumerate().rev() {
        let accepts = lex
            .marks
            .get(&open.mark)
            .is_some_and(|p| p.closers.contains(&c));
        if accepts {
            return Some(k);
        }
        let c_is_single = lex.marks.get(&c).map(|p| p.level) == Some(Level::Single)
            || matches!(c, '’' | '‘' | '\'');
        if open.level == Level::Double && c_is_single {
            return None;
        }
    }
    None
}
