//! The reporting-verb and quote-mark tables, parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

const VERBS_EN: &str = include_str!("../../tables/reporting_verbs_en.txt");
const VERBS_SR: &str = include_str!("../../tables/reporting_verbs_sr.txt");
const MARKS: &str = include_str!("../../tables/quote_marks.txt");
const SYNTAX: &str = include_str!("../../tables/reporting_verbs_syntax.txt");

/// Classes of function words (bit flags), from `reporting_verbs_syntax.txt`.
pub(crate) mod class {
    pub const PRONOUN: u32 = 1;
    pub const DETERMINER: u32 = 1 << 1;
    pub const BETWEEN: u32 = 1 << 2;
    pub const NP_STOP: u32 = 1 << 3;
    pub const NOT_HEAD: u32 = 1 << 4;
    pub const INTRO: u32 = 1 << 5;
    pub const CONTENT_STOP: u32 = 1 << 6;
    pub const AUX: u32 = 1 << 7;
    pub const BE: u32 = 1 << 8;
    pub const PLURAL: u32 = 1 << 9;
    pub const ADVERBIAL: u32 = 1 << 10;
    pub const CLAUSE: u32 = 1 << 11;
    pub const TITLE_INTRO: u32 = 1 << 12;
    pub const OUTLET: u32 = 1 << 13;
    pub const NP_TAIL: u32 = 1 << 14;
    pub const STANDALONE: u32 = 1 << 15;
    pub const PAST: u32 = 1 << 16;
    pub const CONTRACTION: u32 = 1 << 17;
    pub const LABEL: u32 = 1 << 18;
    pub const TIME_QUANTITY: u32 = 1 << 19;
    pub const ABBREVIATION: u32 = 1 << 20;
    pub const TITLE_MINOR: u32 = 1 << 21;
    pub const RELATIVE: u32 = 1 << 22;
    pub const COMPLEMENTIZER: u32 = 1 << 23;
    pub const PRESENT_SINGULAR: u32 = 1 << 24;
    pub const REFLEXIVE: u32 = 1 << 25;
    pub const CONJUNCTION_SH: u32 = 1 << 26;
    pub const ADVERB_SH: u32 = 1 << 27;
    pub const DETERMINER_SH: u32 = 1 << 28;
    pub const PREPOSITION_SH: u32 = 1 << 29;
    pub const ADVERB_SH_MANNER: u32 = 1 << 30;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    Say,
    Tell,
    /// Counts only when a colon follows.
    Colon,
    According,
    /// Attributes a quotation in its sentence, never reported speech.
    Quote,
    /// A position taken; its content is the verb's object, however short.
    Stance,
    /// A name and a colon opening a headline ("Rush Limbaugh: … ‘Reeks of Fear.’"); not from
    /// a table.
    Lead,
    /// A dash signing the quotation before it ("“…” ― Martha Aguilar"); not from a table.
    Dash,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Double,
    Single,
}

#[derive(Debug, Clone)]
pub(crate) struct MarkPair {
    pub closers: Vec<char>,
    pub level: Level,
}

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Lower-cased first word → (the phrase's words, class), longest phrases first.
    pub cues: HashMap<String, Vec<(Vec<String>, CueClass)>>,
    /// Lower-cased, without the final period.
    pub titles: Vec<String>,
    pub marks: HashMap<char, MarkPair>,
    /// Lower-cased function word → its classes.
    pub words: HashMap<String, u32>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::default();
            for table in [VERBS_EN, VERBS_SR] {
                lex.add_verbs(table);
            }
            // Longest phrase first; among equals, a verb that may also report speech wins over
            // one that only attributes quotations.
            for v in lex.cues.values_mut() {
                v.sort_by_key(|(words, class)| {
                    (std::cmp::Reverse(words.len()), *class == CueClass::Quote)
                });
            }
            lex.add_marks(MARKS);
            lex.add_syntax(SYNTAX);
            lex
        })
    }

    fn add_verbs(&mut self, table: &str) {
        for line in table.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let (Some(class), Some(forms)) = (cols.next(), cols.next()) else {
                continue;
            };
            let class = match class {
                "say" => CueClass::Say,
                "tell" => CueClass::Tell,
                "colon" => CueClass::Colon,
                "according" => CueClass::According,
                "quote" => CueClass::Quote,
                "stance" => CueClass::Stance,
                "title" => {
                    for f in forms.split(',') {
                        let f = f.trim().trim_end_matches('.').to_lowercase();
                        if !f.is_empty() {
                            self.titles.push(f);
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            for form in forms.split(',') {
                let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    self.cues
                        .entry(first.clone())
                        .or_default()
                        .push((words, class));
                }
            }
        }
    }

    fn add_marks(&mut self, table: &str) {
        for line in table.lines() {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let Some(open) = cols[0].chars().next() else {
                continue;
            };
            let closers = cols[1]
                .split(' ')
                .filter_map(|c| c.chars().next())
                .collect();
            let level = if cols[2].trim() == "single" {
                Level::Single
            } else {
                Level::Double
            };
            self.marks.insert(open, MarkPair { closers, level });
        }
    }

    fn add_syntax(&mut self, table: &str) {
        for line in table.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let (Some(name), Some(words)) = (cols.next(), cols.next()) else {
                continue;
            };
            let bit = match name {
                "pronoun" => class::PRONOUN,
                "determiner" => class::DETERMINER,
                "between" => class::BETWEEN,
                "np_stop" => class::NP_STOP,
                "not_head" => class::NOT_HEAD,
                "intro" => class::INTRO,
                "content_stop" => class::CONTENT_STOP,
                "aux" => class::AUX,
                "be" => class::BE,
                "plural" => class::PLURAL,
                "adverbial" => class::ADVERBIAL,
                "clause" => class::CLAUSE,
                "title_intro" => class::TITLE_INTRO,
                "outlet" => class::OUTLET,
                "np_tail" => class::NP_TAIL,
                "standalone" => class::STANDALONE,
                "past" => class::PAST,
                "contraction" => class::CONTRACTION,
                "label" => class::LABEL,
                "time_quantity" => class::TIME_QUANTITY,
                "abbreviation" => class::ABBREVIATION,
                "title_minor" => class::TITLE_MINOR,
                "relative" => class::RELATIVE,
                "complementizer" => class::COMPLEMENTIZER,
                "present_singular" => class::PRESENT_SINGULAR,
                "reflexive" => class::REFLEXIVE,
                "conjunction_sh" => class::CONJUNCTION_SH,
                "adverb_sh" => class::ADVERB_SH,
                "determiner_sh" => class::DETERMINER_SH,
                "preposition_sh" => class::PREPOSITION_SH,
                "adverb_sh_manner" => class::ADVERB_SH_MANNER,
                _ => continue,
            };
            for w in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                *self.words.entry(w.to_lowercase()).or_default() |= bit;
            }
        }
    }

    /// Whether `word` (any case) is in the function-word class `bit`.
    pub fn is(&self, word: &str, bit: u32) -> bool {
        self.words
            .get(low(word).as_ref())
            .is_some_and(|c| c & bit != 0)
    }

    pub fn is_title(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.').to_lowercase();
        self.titles.contains(&w)
    }

    /// Whether `c` can close some pair.
    pub fn is_closer(&self, c: char) -> bool {
        self.marks.values().any(|p| p.closers.contains(&c))
    }

    pub fn is_mark(&self, c: char) -> bool {
        // Letters, digits and spaces are never marks: the common case, checked first.
        !c.is_alphanumeric()
            && !c.is_whitespace()
            && (self.marks.contains_key(&c) || self.is_closer(c))
    }
}

/// Lower case without allocating when the word already is.
pub(crate) fn low(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_with_every_class() {
        let lex = Lexicon::get();
        let said = &lex.cues["said"];
        assert!(said.iter().any(|(_, c)| *c == CueClass::Say));
        assert!(said.iter().any(|(_, c)| *c == CueClass::Colon));
        assert_eq!(lex.cues["according"][0].1, CueClass::According);
        assert_eq!(lex.cues["told"][0].1, CueClass::Tell);
        assert!(lex.cues.contains_key("rekao"));
        assert!(lex.is_title("Sen."));
        assert!(lex.is("He", class::PRONOUN));
        assert!(lex.is("the", class::DETERMINER));
        assert!(!lex.is("Stoltenberg", class::DETERMINER));
        assert!(lex.is("three", class::STANDALONE) && lex.is("told", class::PAST));
        assert!(lex.is("It", class::CONTRACTION) && lex.is("Update", class::LABEL));
        assert!(lex.is("weeks", class::TIME_QUANTITY) && lex.is("Sept", class::ABBREVIATION));
        assert_eq!(lex.marks[&'„'].closers, vec!['“', '”', '"']);
        assert_eq!(lex.marks[&'‚'].level, Level::Single);
    }
}
