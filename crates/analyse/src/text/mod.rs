//! Tokens and sentences with byte offsets into the text.
//!
//! Tokens follow the Penn/UD conventions the NER training data uses: punctuation and quote marks
//! stand alone, clitics split off ("it" "’s", "do" "n't", "NATO" "’s"), while hyphenated words,
//! numbers with separators ("1,000.5"), dotted abbreviations ("U.S.", "Gen.") and names with an
//! inner apostrophe ("O'Brien") stay whole. Works on any script: a word is a run of letters,
//! digits and combining marks. Never panics; offsets always fall on char boundaries.

mod abbrev;

use std::ops::Range;

pub use abbrev::{AbbrevClass, abbreviation};

/// One token: `text[start..end]`, byte offsets on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text; empty if the token does not belong to `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One sentence: its byte span in the text and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sentence {
    pub span: Range<usize>,
    pub tokens: Range<usize>,
}

/// Tokens of a text and the sentences over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Splits `text` into tokens.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || is_invisible(c) {
            chars.next();
            continue;
        }
        if is_word_char(c) {
            let end = word_end(text, i);
            split_word(text, i, end, &mut out);
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            continue;
        }
        chars.next();
        let mut end = i + c.len_utf8();
        // Runs of the same mark are one token: "...", "--", "!!", "??".
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '#') {
            while let Some(&(j, d)) = chars.peek() {
                if d != c {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(Token { start: i, end });
    }
    out
}

/// Splits `text` into sentences (byte spans, trimmed of whitespace).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    segment(text)
        .sentences
        .into_iter()
        .map(|s| s.span)
        .collect()
}

/// Tokens and sentences in one pass.
pub fn segment(text: &str) -> Segmented {
    let tokens = tokens(text);
    let sentences = sentences_of(text, &tokens);
    Segmented { tokens, sentences }
}

/// Sentences over tokens of `text` (as made by [`tokens`]); tokens that do not belong to
/// `text` are treated as empty.
pub fn sentences_of(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let n = tokens.len();
    let mut k = 0;
    while k < n {
        let tok = tokens[k];
        let mut last = k;
        let mut split = false;
        if let Some(next) = tokens.get(k + 1) {
            let gap = text.get(tok.end..next.start).unwrap_or("");
            if paragraph_break(gap) {
                split = true;
            } else if ends_sentence(text, tokens, k) {
                // Closing quotes and brackets glued to the stop belong to this sentence.
                while let Some(t) = tokens.get(last + 1) {
                    if t.start == tokens[last].end && is_closer(t.text(text)) {
                        last += 1;
                    } else {
                        break;
                    }
                }
                split = match tokens.get(last + 1) {
                    Some(next) => {
                        paragraph_break(text.get(tokens[last].end..next.start).unwrap_or(""))
                            || starts_sentence(next.text(text))
                    }
                    None => false,
                };
            } else if gap.contains('\n') {
                split = line_break_splits(text, tokens, k);
            }
        }
        if split || last + 1 >= n {
            let last = last.min(n - 1);
            sentences.push(Sentence {
                span: tokens[first].start..tokens[last].end,
                tokens: first..last + 1,
            });
            first = last + 1;
        }
        k = last + 1;
    }
    sentences
}

fn paragraph_break(gap: &str) -> bool {
    let mut lines = 0;
    for c in gap.chars() {
        match c {
            '\n' | '\u{2029}' => lines += 1,
            '\u{2028}' | '\u{0C}' => return true,
            _ => {}
        }
        if lines >= 2 || c == '\u{2029}' {
            return true;
        }
    }
    false
}

/// A single line break ends a sentence when the text looks like one unit per line (headings,
/// captions, lists): the next line starts in upper case and this one does not run on.
fn line_break_splits(text: &str, tokens: &[Token], k: usize) -> bool {
    let prev = tokens[k].text(text);
    if matches!(prev, "," | ";" | "-" | "–" | "(" | "&" | "/") {
        return false;
    }
    tokens
        .get(k + 1)
        .map(|t| t.text(text))
        .and_then(|t| t.chars().next())
        .is_some_and(|c| !c.is_lowercase())
}

fn ends_sentence(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].text(text);
    match t {
        "!" | "?" | "…" | "。" | "！" | "？" | "‼" | "⁇" | "⁈" | "⁉" => true,
        _ if t.starts_with('.') && t.bytes().all(|b| b == b'.') => true,
        _ if t.bytes().all(|b| b == b'!' || b == b'?') => true,
        _ if t.len() > 1 && t.ends_with('.') => {
            // A word that kept its stop is an abbreviation; only the "end" class may close.
            let stem = &t[..t.len() - 1];
            matches!(abbreviation(stem), Some(AbbrevClass::End))
                && tokens
                    .get(k + 1)
                    .and_then(|n| n.text(text).chars().next())
                    .is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

fn starts_sentence(next: &str) -> bool {
    let Some(c) = next.chars().next() else {
        return false;
    };
    if c.is_lowercase() {
        return false;
    }
    // Punctuation that continues the sentence after an abbreviation-like stop.
    !matches!(
        c,
        ',' | ';' | ':' | ')' | ']' | '}' | '%' | '.' | '!' | '?' | '…'
    )
}

fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "”" | "’" | "“" | "»" | "«" | "›" | "‹" | ")" | "]" | "}" | "」" | "』"
    )
}

/// Letters, digits and the combining marks that decomposed (NFD) text puts inside words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Whether a character is one of the zero-width ones ([`is_invisible`], [`is_joiner`]): a
/// soft hyphen or a joiner inside "Vladi\u{AD}mir" is no part of the name.
pub(crate) fn is_zero_width(c: char) -> bool {
    is_invisible(c) || is_joiner(c)
}

/// `s` without its zero-width characters, borrowed when it has none.
pub(crate) fn without_zero_width(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(is_zero_width) {
        s.chars()
            .filter(|&c| !is_zero_width(c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Zero-width characters that separate nothing and are skipped between tokens.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}')
}

/// Inside a word: joins letters/digits without ending the word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// End of the word starting at `start`: letters and digits joined by hyphens, inner apostrophes,
/// inner stops of abbreviations/numbers/domains, digit group commas, and a final abbreviation stop.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    // Start of the current dot-free segment, to recognise single-letter segments ("U.S").
    let mut seg_start = start;
    let mut it = text[start..]
        .char_indices()
        .map(|(j, c)| (start + j, c))
        .peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) || is_joiner(c) {
            end = i + c.len_utf8();
            continue;
        }
        let next = it.peek().map(|&(_, d)| d);
        let prev = text[..i].chars().next_back();
        let next_word = next.is_some_and(is_word_char);
        let joined = match c {
            _ if is_hyphen(c) => next_word,
            _ if is_apostrophe(c) => next.is_some_and(char::is_alphabetic),
            '.' => {
                next_word && {
                    let n = next.unwrap_or(' ');
                    let p = prev.unwrap_or(' ');
                    (p.is_ascii_digit() && n.is_ascii_digit())
                        || n.is_lowercase()
                        || text[seg_start..i].chars().filter(|c| !is_mark(*c)).count() == 1
                }
            }
            ',' => {
                prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
                    && text[i + 1..].bytes().take_while(u8::is_ascii_digit).count() == 3
            }
            '@' => {
                next_word
                    && text[start..i]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b))
            }
            // "AT&T", "R&D", "S&P 500": capitals joined by an ampersand are one name.
            '&' if prev.is_some_and(char::is_uppercase)
                && next.is_some_and(char::is_uppercase)
                && text[start..i].chars().count() <= 3
                && text[start..i].chars().all(char::is_uppercase) =>
            {
                true
            }
            '/' | ':' | '_' | '&' | '+' | '=' | '%' | '?' | '#' | '~' => {
                next_word && looks_like_url_or_mail(&text[start..i])
            }
            _ => false,
        };
        if !joined {
            break;
        }
        if c == '.' {
            seg_start = i + 1;
        }
        end = i + c.len_utf8();
    }
    // A final full stop belongs to abbreviations and initials.
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1) != Some(&b'.') {
        let word = &text[start..end];
        if keeps_stop(word, &text[end + 1..]) {
            end += 1;
        }
    }
    end
}

fn looks_like_url_or_mail(prefix: &str) -> bool {
    prefix.starts_with("http")
        || prefix.starts_with("www.")
        || prefix.starts_with("ftp")
        || prefix.contains('@')
        || prefix.contains("://")
        || (prefix.contains('.')
            && prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)))
}

fn keeps_stop(word: &str, after: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| !is_mark(*c)).collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true; // initial
    }
    // Dotted abbreviations: "U.S", "e.g", "a.m", "U.S.A".
    if word.contains('.')
        && word
            .split('.')
            .all(|s| s.chars().filter(|c| !is_mark(*c)).count() == 1)
    {
        return true;
    }
    match abbreviation(word) {
        Some(AbbrevClass::Num) => after
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with(|c: char| c.is_ascii_digit()),
        Some(_) => true,
        None => false,
    }
}

const CLITICS: &[&str] = &[
    "s", "S", "re", "RE", "ve", "VE", "ll", "LL", "d", "D", "m", "M",
];

/// Pushes the word's tokens, splitting off English clitics ("it’s", "don't") and a trailing
/// possessive apostrophe never reached here (it is not joined by `word_end`).
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    // n't: "don't" → "do" "n't"
    for apo in ["n't", "n’t", "N'T", "N’T"] {
        if let Some(stem) = word.strip_suffix(apo)
            && !stem.is_empty()
        {
            let cut = start + stem.len();
            out.push(Token { start, end: cut });
            out.push(Token { start: cut, end });
            return;
        }
    }
    if let Some((pos, c)) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c))
        && pos > 0
    {
        let rest = &word[pos + c.len_utf8()..];
        if CLITICS.contains(&rest) {
            let cut = start + pos;
            out.push(Token { start, end: cut });
            out.push(Token { start: cut, end });
            return;
        }
    }
    out.push(Token { start, end });
}

#[cfg(test)]
mod tests;
