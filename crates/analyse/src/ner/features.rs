//! Observation features of a token in its sentence, hashed to `u32` keys. Training and tagging
//! share this code, so a change here needs a retrained model (bump [`FEATURE_VERSION`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Stored in the model file; a model trained with other features is refused.
pub const FEATURE_VERSION: u8 = 6;

const CUES: &str = include_str!("../../tables/ner-cues.txt");

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Cue {
    #[default]
    None = 0,
    Title = 1,
    Org = 2,
    Loc = 3,
}

/// Lexicon classes of a word (see `scripts/gen-ner-lexicon.py`), as bits: a lower-case
/// dictionary word, a capitalised dictionary entry, then the given-name and surname rank
/// buckets (two bits each, 0 for none).
const LEX_WORD: u8 = 1;
const LEX_PROPER: u8 = 2;
const LEX_FIRST_SHIFT: u8 = 2;
const LEX_LAST_SHIFT: u8 = 4;

static LEXICON: &[u8] = include_bytes!("../../data/ner-lexicon.tsv.gz");

/// Word clusters from contexts in unlabelled text (`scripts/gen-ner-clusters.py`):
/// `word<TAB>fine<TAB>coarse`.
static CLUSTERS: &[u8] = include_bytes!("../../data/ner-clusters.tsv.gz");

/// The files this module's features read, by name: see [`super::inputs_fingerprint`].
pub(super) fn inputs() -> [(&'static str, &'static [u8]); 3] {
    [
        ("tables/ner-cues.txt", CUES.as_bytes()),
        ("data/ner-lexicon.tsv.gz", LEXICON),
        ("data/ner-clusters.tsv.gz", CLUSTERS),
    ]
}

/// What the tables say of one lower-case word.
#[derive(Clone, Copy, Default)]
struct Known {
    cue: Cue,
    lex: u8,
    /// A lower-case word of the British word list only (class `b`): not a feature.
    british: bool,
    /// Fine cluster + 1 and coarse cluster + 1; 0 for a word in no cluster.
    cluster: u16,
    coarse: u8,
}

/// Cue table and lexicon in one map, so a token costs one look-up.
fn known() -> &'static FxHashMap<Box<str>, Known> {
    static T: OnceLock<FxHashMap<Box<str>, Known>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: FxHashMap<Box<str>, Known> = FxHashMap::default();
        let lexicon = crate::gunzip_text(LEXICON);
        for line in lexicon.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, classes)) = line.split_once('\t') else {
                continue;
            };
            let mut lex = 0u8;
            let british = classes.split(',').any(|c| c == "b");
            for c in classes.split(',') {
                let bucket = |b: &str| b.parse::<u8>().unwrap_or(0).min(3);
                lex |= match c.split_at(c.len().min(1)) {
                    ("w", _) => LEX_WORD,
                    ("p", _) => LEX_PROPER,
                    ("f", b) => bucket(b) << LEX_FIRST_SHIFT,
                    ("l", b) => bucket(b) << LEX_LAST_SHIFT,
                    _ => 0,
                };
            }
            let k = map.entry(word.into()).or_default();
            k.lex |= lex;
            k.british |= british;
        }
        let clusters = crate::gunzip_text(CLUSTERS);
        for line in clusters.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(word), Some(fine), Some(coarse)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Ok(fine), Ok(coarse)) = (fine.parse::<u16>(), coarse.parse::<u8>()) else {
                continue;
            };
            let k = map.entry(word.into()).or_default();
            k.cluster = fine.saturating_add(1);
            k.coarse = coarse.saturating_add(1);
        }
        for line in CUES.lines() {
            let mut cols = line.split('#').next().unwrap_or("").split_whitespace();
            let (Some(word), Some(class)) = (cols.next(), cols.next()) else {
                continue;
            };
            let cue = match class {
                "title" => Cue::Title,
                "org" => Cue::Org,
                "loc" => Cue::Loc,
                _ => continue,
            };
            map.entry(word.into()).or_default().cue = cue;
        }
        map
    })
}

/// What the features need of one token, computed once.
#[derive(Default)]
struct Word {
    /// Lower case, digits as `0`.
    lower: String,
    /// "Xxxxx" with runs capped at four ("Stoltenberg" → "Xxxxx", "NATO" → "XXXX").
    shape: String,
    /// Runs collapsed ("Xx", "X", "d.d", "X.X.").
    short: String,
    cue: Cue,
    /// Lexicon bits (`LEX_*`).
    lex: u8,
    /// Byte offset in `lower` of its last three characters.
    last3: usize,
    /// As in [`Known`].
    cluster: u16,
    coarse: u8,
}

#[cfg(test)]
fn word_info(w: &str) -> Word {
    let mut word = Word::default();
    word.fill(w);
    word
}

impl Word {
    /// Describes `w`, reusing this word's buffers.
    fn fill(&mut self, w: &str) {
        let (lower, shape, short) = (&mut self.lower, &mut self.shape, &mut self.short);
        lower.clear();
        shape.clear();
        short.clear();
        let mut last = '\0';
        let mut run = 0;
        for c in w.chars() {
            let class = if c.is_ascii() {
                // The same classes as below, without the Unicode tables.
                let c = if c == '`' { '\'' } else { c };
                let class = match c {
                    'A'..='Z' => 'X',
                    'a'..='z' => 'x',
                    '0'..='9' => 'd',
                    _ => c,
                };
                lower.push(if class == 'd' {
                    '0'
                } else {
                    c.to_ascii_lowercase()
                });
                class
            } else {
                // Typographic quotes and apostrophes behave like their ASCII forms.
                let c = match c {
                    '’' | '‘' | 'ʼ' => '\'',
                    '“' | '”' | '„' | '«' | '»' => '"',
                    c => c,
                };
                let class = if c.is_uppercase() {
                    'X'
                } else if c.is_lowercase() {
                    'x'
                } else if c.is_numeric() {
                    'd'
                } else if c.is_alphabetic() {
                    'a'
                } else if is_combining(c) {
                    continue;
                } else {
                    c
                };
                if c.is_numeric() {
                    lower.push('0');
                } else {
                    lower.extend(c.to_lowercase());
                }
                class
            };
            if class == last {
                run += 1;
            } else {
                run = 1;
                last = class;
                short.push(class);
            }
            if run <= 4 && shape.len() < 24 {
                shape.push(class);
            }
        }
        let known = known().get(lower.as_str()).copied().unwrap_or_default();
        self.cue = known.cue;
        self.lex = known.lex;
        self.cluster = known.cluster;
        self.coarse = known.coarse;
        self.last3 = lower.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
    }

    /// The features of the word's own text.
    fn keys(&self, k: &mut Vec<u32>) {
        k.push(H::new(1).str(&self.lower).key());
        k.push(H::new(2).str(&self.shape).key());
        k.push(H::new(3).str(&self.short).key());
        k.push(H::new(4).str(&self.lower).str(&self.short).key());
        affixes(&self.lower, k);
        if self.cue != Cue::None {
            k.push(H::new(21).byte(self.cue as u8).str(&self.short).key());
        }
        let dict = self.lex & (LEX_WORD | LEX_PROPER);
        if dict != 0 {
            k.push(H::new(27).byte(dict).str(&self.short).key());
        }
        let first = (self.lex >> LEX_FIRST_SHIFT) & 3;
        if first != 0 {
            k.push(H::new(28).byte(first).str(&self.short).key());
        }
        let last = (self.lex >> LEX_LAST_SHIFT) & 3;
        if last != 0 {
            k.push(H::new(29).byte(last).str(&self.short).key());
        }
        if self.cluster != 0 {
            k.push(H::new(33).byte(self.coarse).str(&self.short).key());
            k.push(self.cluster_key(34));
        }
    }

    /// The word's fine cluster under one template.
    fn cluster_key(&self, template: u8) -> u32 {
        let [hi, lo] = self.cluster.to_be_bytes();
        H::new(template).byte(hi).byte(lo).key()
    }

    /// Coarse name evidence for the neighbours' features: capitalised, given name, surname,
    /// ordinary word.
    fn name_class(&self) -> u8 {
        let cap = self.short.starts_with('X');
        u8::from(cap)
            | u8::from(self.lex >> LEX_FIRST_SHIFT & 3 != 0) << 1
            | u8::from(self.lex >> LEX_LAST_SHIFT & 3 != 0) << 2
            | u8::from(self.lex & LEX_WORD != 0) << 3
    }
}

/// Whether a lower-case word is a title or honorific in the cue table.
pub fn is_title_word(lower: &str) -> bool {
    known().get(lower).is_some_and(|k| k.cue == Cue::Title)
}

/// Whether a lower-case word is a given name in the lexicon.
pub fn is_given_name(lower: &str) -> bool {
    known()
        .get(lower)
        .is_some_and(|k| k.lex >> LEX_FIRST_SHIFT & 3 != 0)
}

/// Whether a lower-case word is a given name or a surname in the lexicon.
pub fn is_name_word(lower: &str) -> bool {
    known()
        .get(lower)
        .is_some_and(|k| k.lex >> LEX_FIRST_SHIFT & 15 != 0)
}

/// Whether a lower-case word is a dictionary word in lower case only, and no given name: it
/// may be a surname ("staff", "lucky"), as most English words are somebody's.
pub fn is_lower_word(lower: &str) -> bool {
    known()
        .get(lower)
        .is_some_and(|k| k.lex & LEX_PROPER == 0 && is_dictionary(k))
}

/// Whether a lower-case word is a dictionary word in lower case and no given name, whatever
/// else it is ("apple", "fortune", "musk"; not "star", which is also a given name).
pub fn is_dictionary_word(lower: &str) -> bool {
    known().get(lower).is_some_and(is_dictionary)
}

fn is_dictionary(k: &Known) -> bool {
    k.lex & LEX_WORD != 0 && k.lex >> LEX_FIRST_SHIFT & 3 == 0
}

/// Whether a lower-case word is only a dictionary word: in the lexicon in lower case (American
/// or British), and neither a proper noun nor a given name or surname there ("neighbouring",
/// not "bush").
pub fn is_plain_word(lower: &str) -> bool {
    known()
        .get(lower)
        .is_some_and(|k| k.lex == LEX_WORD || (k.lex == 0 && k.british))
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// FNV-1a over a template id and its parts; parts are separated so ("ab","c") ≠ ("a","bc").
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    fn new(template: u8) -> Self {
        H((0xcbf2_9ce4_8422_2325u64 ^ u64::from(template)).wrapping_mul(0x100_0000_01b3))
    }
    fn str(mut self, s: &str) -> Self {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }
    fn byte(mut self, b: u8) -> Self {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        self
    }
    fn key(self) -> u32 {
        let h = self.0 ^ (self.0 >> 29);
        (h ^ (h >> 32)) as u32
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Features of every token of one sentence: `keys[offsets[i]..offsets[i + 1]]` are token i's.
/// Reused from sentence to sentence, so tagging allocates only while its buffers grow.
#[derive(Default)]
pub struct SentenceFeatures {
    pub keys: Vec<u32>,
    pub offsets: Vec<usize>,
    words: Vec<Word>,
    gaz: Vec<[u8; super::gazetteer::KINDS]>,
    runs: Vec<[u32; 6]>,
}

impl SentenceFeatures {
    pub fn of(&self, i: usize) -> &[u32] {
        &self.keys[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// All features of each token of a sentence.
pub fn extract(words: &[&str], out: &mut SentenceFeatures) {
    out.keys.clear();
    out.offsets.clear();
    let n = words.len();
    if out.words.len() < n {
        out.words.resize_with(n, Word::default);
    }
    for (info, w) in out.words.iter_mut().zip(words) {
        info.fill(w);
    }
    let info = &out.words[..n];
    let lower = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else if i as usize >= n {
            EOS
        } else {
            &info[i as usize].lower
        }
    };
    let short = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else if i as usize >= n {
            EOS
        } else {
            &info[i as usize].short
        }
    };
    let cue = |i: isize| -> u8 {
        if i < 0 || i as usize >= n {
            9
        } else {
            info[i as usize].cue as u8
        }
    };
    let name_class = |i: isize| -> u8 {
        if i < 0 || i as usize >= n {
            16
        } else {
            info[i as usize].name_class()
        }
    };
    super::gazetteer::get().matches_into(n, |i| &info[i].lower, &mut out.gaz);
    let gaz = &out.gaz;
    run_keys(n, |i| &info[i], &mut out.runs);
    // All-caps sentences (headlines) carry little case information.
    let upper_sentence = n > 3 && info.iter().all(|w| !w.short.contains('x'));
    let k = &mut out.keys;
    for (i, w) in info.iter().enumerate() {
        out.offsets.push(k.len());
        let ii = i as isize;
        k.push(H::new(0).key());
        w.keys(k);
        k.push(H::new(7).str(lower(ii - 1)).key());
        k.push(H::new(8).str(lower(ii + 1)).key());
        k.push(H::new(9).str(lower(ii - 2)).key());
        k.push(H::new(10).str(lower(ii + 2)).key());
        k.push(H::new(11).str(short(ii - 1)).key());
        k.push(H::new(12).str(short(ii + 1)).key());
        k.push(H::new(13).str(lower(ii - 1)).str(&w.lower).key());
        k.push(H::new(14).str(&w.lower).str(lower(ii + 1)).key());
        k.push(
            H::new(15)
                .str(short(ii - 1))
                .str(&w.short)
                .str(short(ii + 1))
                .key(),
        );
        k.push(H::new(16).str(lower(ii - 1)).str(&w.short).key());
        k.push(H::new(17).str(&w.short).str(lower(ii + 1)).key());
        if i == 0 {
            k.push(H::new(18).str(&w.short).key());
            k.push(H::new(19).str(&w.lower).key());
        }
        k.push(
            H::new(20)
                .byte(cue(ii - 1))
                .byte(cue(ii))
                .byte(cue(ii + 1))
                .key(),
        );
        // Suffix of the neighbours: "-ović", "-berg" next to a word mark a name's other half.
        for (t, j) in [(22u8, ii - 1), (23, ii + 1)] {
            if j >= 0 && (j as usize) < n {
                let o = &info[j as usize];
                k.push(H::new(t).str(&o.lower[o.last3..]).key());
                if o.cluster != 0 {
                    k.push(o.cluster_key(t + 13));
                }
            }
        }
        gazetteer_and_caps_keys(&gaz[i], w, upper_sentence, k);
        k.extend(out.runs[i].iter().filter(|&&r| r != NO_KEY));
        k.push(
            H::new(30)
                .byte(name_class(ii - 1))
                .byte(w.name_class())
                .byte(name_class(ii + 1))
                .key(),
        );
        if i == 0 {
            k.push(H::new(32).byte(w.lex).str(&w.short).key());
        }
    }
    out.offsets.push(k.len());
}

/// The key every token has: the tagger's bias.
pub fn bias_key() -> u32 {
    H::new(0).key()
}

/// Where a word stands relative to the token whose features it gives: the features of
/// templates 7–12, 22, 23, 35 and 36 read one neighbour alone, so they are the same wherever
/// that neighbour's text occurs, and a tagger can sum them once per distinct word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The word just before the token.
    Prev = 0,
    /// The word just after it.
    Next = 1,
    /// Two words before.
    Prev2 = 2,
    /// Two words after.
    Next2 = 3,
}

pub const ROLES: [Role; 4] = [Role::Prev, Role::Next, Role::Prev2, Role::Next2];

/// One distinct token text of a document, or a sentence boundary, described once.
struct Entry {
    word: Word,
    /// `<s>` or `</s>`: no suffix features, cue 9, name class 16.
    boundary: bool,
    cue: u8,
    class: u8,
    has_lower: bool,
    /// What the word alone is in the tagger's name lists.
    gaz: Option<u16>,
    /// Templates 13, 15 and 16 begin with the previous word: their hash state after it.
    after: [H; 3],
    /// Templates 14 and 17 begin with the token itself: their hash state after it.
    at: [H; 2],
}

impl Entry {
    fn new(word: Word, boundary: bool) -> Entry {
        let (cue, class) = if boundary {
            (9, 16)
        } else {
            (word.cue as u8, word.name_class())
        };
        Entry {
            boundary,
            cue,
            class,
            has_lower: word.short.contains('x'),
            gaz: super::gazetteer::get().word(&word.lower),
            after: [
                H::new(13).str(&word.lower),
                H::new(15).str(&word.short),
                H::new(16).str(&word.lower),
            ],
            at: [H::new(14).str(&word.lower), H::new(17).str(&word.short)],
            word,
        }
    }
}

/// Id of the sentence-start entry of every [`Vocab`]; [`EOS_ID`] is the end's.
pub const BOS_ID: u32 = 0;
pub const EOS_ID: u32 = 1;

/// Distinct token texts, each described once, with ids from 2 up ([`BOS_ID`] and [`EOS_ID`]
/// stand for the sentence boundaries). A description depends on the text alone, so a
/// vocabulary can serve any number of documents.
pub struct Vocab {
    ids: FxHashMap<Box<str>, u32>,
    entries: Vec<Entry>,
}

impl Default for Vocab {
    fn default() -> Self {
        let boundary = |text: &str| {
            let word = Word {
                lower: text.to_owned(),
                short: text.to_owned(),
                ..Word::default()
            };
            Entry::new(word, true)
        };
        Vocab {
            ids: FxHashMap::default(),
            entries: vec![boundary(BOS), boundary(EOS)],
        }
    }
}

impl Vocab {
    /// The id of a token text, and whether it is new to this vocabulary.
    pub fn id(&mut self, w: &str) -> (u32, bool) {
        if let Some(&id) = self.ids.get(w) {
            return (id, false);
        }
        let id = self.entries.len() as u32;
        let mut word = Word::default();
        word.fill(w);
        self.entries.push(Entry::new(word, false));
        self.ids.insert(w.into(), id);
        (id, true)
    }

    /// Number of entries, the two boundaries included.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// The features of a word's own text, appended to `k`.
    pub fn own_keys(&self, id: u32, k: &mut Vec<u32>) {
        let e = &self.entries[id as usize];
        if !e.boundary {
            e.word.keys(k);
        }
    }

    /// The features a token has from the word `id` standing in `role` to it, appended to `k`.
    pub fn role_keys(&self, id: u32, role: Role, k: &mut Vec<u32>) {
        let e = &self.entries[id as usize];
        let w = &e.word;
        match role {
            Role::Prev => {
                k.push(H::new(7).str(&w.lower).key());
                k.push(H::new(11).str(&w.short).key());
                if !e.boundary {
                    k.push(H::new(22).str(&w.lower[w.last3..]).key());
                    if w.cluster != 0 {
                        k.push(w.cluster_key(35));
                    }
                }
            }
            Role::Next => {
                k.push(H::new(8).str(&w.lower).key());
                k.push(H::new(12).str(&w.short).key());
                if !e.boundary {
                    k.push(H::new(23).str(&w.lower[w.last3..]).key());
                    if w.cluster != 0 {
                        k.push(w.cluster_key(36));
                    }
                }
            }
            Role::Prev2 => k.push(H::new(9).str(&w.lower).key()),
            Role::Next2 => k.push(H::new(10).str(&w.lower).key()),
        }
    }
}

/// The features a word takes from the gazetteer matches it stands in and from a sentence
/// written all in capitals; shared by [`extract`] and [`extract_joint`].
fn gazetteer_and_caps_keys(
    gaz: &[u8; super::gazetteer::KINDS],
    w: &Word,
    upper_sentence: bool,
    k: &mut Vec<u32>,
) {
    for (kind, &pos) in gaz.iter().enumerate() {
        if pos != super::gazetteer::NO_MATCH {
            let kind = 1u8 << kind;
            k.push(H::new(25).byte(kind).byte(pos).key());
            k.push(H::new(26).byte(kind).byte(pos).str(&w.short).key());
        }
    }
    if upper_sentence {
        k.push(H::new(24).str(&w.lower).key());
        k.push(H::new(31).byte(w.lex).key());
    }
}

/// No run feature in a slot of [`run_keys`]' output.
const NO_KEY: u32 = u32::MAX;

/// Lower-case words that join the capitalised words of one name ("Bank of the Netherlands",
/// "Food and Drug Administration", "Marks & Spencer").
fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for"
            | "and"
            | "the"
            | "&"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "del"
            | "der"
            | "on"
            | "in"
    )
}

/// Whether a word opens with a capital letter or a digit ("Commission", "NATO", "7-Eleven").
fn capitalised(w: &Word) -> bool {
    w.short.starts_with('X') || (w.short.starts_with('d') && w.short.contains('X'))
}

/// Features of a word from the capitalised run it stands in (capitalised words, joined by
/// connectors): the cue classes of the nearest cue words before and after it in the run, so
/// "Federal" in "Federal Energy Regulatory Commission" learns from "Commission" three words
/// on, and "Belgrade" in "University of Belgrade" from "University"; and an acronym defined in
/// parentheses after a run whose initials it spells ("… Commission (FERC)"), for both.
/// A run of several words also gives its length, the word's place in it, and whether "the"
/// precedes it, and to its other words the run's first and last words. Up to six keys a token, [`NO_KEY`] where none.
fn run_keys<'a>(n: usize, word: impl Fn(usize) -> &'a Word, out: &mut Vec<[u32; 6]>) {
    out.clear();
    out.resize(n, [NO_KEY; 6]);
    let mut i = 0;
    while i < n {
        if !capitalised(word(i)) {
            i += 1;
            continue;
        }
        // The run: i..e, connectors only between capitalised words.
        let mut e = i + 1;
        while e < n {
            if capitalised(word(e)) {
                e += 1;
            } else if e + 1 < n && is_connector(&word(e).lower) && capitalised(word(e + 1)) {
                e += 2;
            } else {
                break;
            }
        }
        if e - i >= 2 {
            // "the" before a name of several words marks a body or a place, hardly a person.
            let article = i > 0 && word(i - 1).lower == "the";
            let len = (e - i).min(5) as u8;
            let (head, tail) = (&word(i).lower, &word(e - 1).lower);
            for (j, o) in out.iter_mut().enumerate().take(e).skip(i) {
                let edge = u8::from(j == i) | u8::from(j + 1 == e) << 1;
                o[3] = H::new(40)
                    .byte(u8::from(article))
                    .byte(edge)
                    .byte(len)
                    .key();
                // The run's first and last words, as the cue table's classes learnt from data
                // ("… Gaming", "… Motorsports", "Koninklijke …").
                if j + 1 < e {
                    o[4] = H::new(41).str(tail).key();
                }
                if j > i {
                    o[5] = H::new(42).str(head).key();
                }
            }
            let mut left = Cue::None as u8;
            for (j, o) in out.iter_mut().enumerate().take(e).skip(i) {
                let w = word(j);
                let right = (j + 1..e)
                    .map(|r| word(r).cue)
                    .find(|&c| c != Cue::None)
                    .unwrap_or_default() as u8;
                if left != 0 || right != 0 {
                    let edge = u8::from(j == i) | u8::from(j + 1 == e) << 1;
                    o[0] = H::new(37)
                        .byte(left)
                        .byte(right)
                        .byte(edge)
                        .str(&w.short)
                        .key();
                }
                if w.cue != Cue::None {
                    left = w.cue as u8;
                }
            }
        }
        // "( ACR )" right after the run: the initials of its capitalised words spell ACR.
        if e + 2 < n && word(e).lower == "(" && word(e + 2).lower == ")" {
            let acr = word(e + 1);
            let letters: Vec<char> = acr.lower.chars().filter(|c| c.is_alphabetic()).collect();
            let upper = acr.short.starts_with('X') && !acr.short.contains('x');
            if upper && letters.len() >= 2 && letters.len() <= 8 {
                let initials: Vec<char> = (i..e)
                    .filter(|&j| capitalised(word(j)))
                    .filter_map(|j| word(j).lower.chars().next())
                    .collect();
                // The acronym's letters are the last initials of the run, in order, or all of
                // them when some words give none ("Organisation for Security and Co-operation").
                let tail = initials.len() >= letters.len()
                    && initials[initials.len() - letters.len()..] == letters[..];
                let sub = is_subsequence(&letters, &initials) && letters[0] == initials[0];
                if tail || sub {
                    let last = word(e - 1).cue as u8;
                    let start = if tail { e - letters.len() } else { i };
                    out[e + 1][1] = H::new(38).byte(last).key();
                    for (j, o) in out.iter_mut().enumerate().take(e).skip(start) {
                        let edge = u8::from(j == start) | u8::from(j + 1 == e) << 1;
                        o[2] = H::new(39).byte(last).byte(edge).key();
                    }
                }
            }
        }
        i = e;
    }
}

fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

/// The id standing at `j` of a sentence of ids: the boundaries outside it.
pub fn id_at(ids: &[u32], j: isize) -> u32 {
    if j < 0 {
        BOS_ID
    } else {
        ids.get(j as usize).copied().unwrap_or(EOS_ID)
    }
}

/// The features of each token of a sentence of vocabulary ids that neither the bias, the
/// word's own text ([`Vocab::own_keys`]) nor one neighbour alone ([`Vocab::role_keys`]) give:
/// together with those, exactly what [`extract`] gives.
pub fn extract_joint(vocab: &Vocab, ids: &[u32], out: &mut SentenceFeatures) {
    out.keys.clear();
    out.offsets.clear();
    let n = ids.len();
    let entry = |j: isize| &vocab.entries[id_at(ids, j) as usize];
    super::gazetteer::get().matches_into_with(
        n,
        |i| &vocab.entries[ids[i] as usize].word.lower,
        |i| vocab.entries[ids[i] as usize].gaz,
        &mut out.gaz,
    );
    let gaz = &out.gaz;
    run_keys(n, |i| &vocab.entries[ids[i] as usize].word, &mut out.runs);
    let upper_sentence = n > 3 && ids.iter().all(|&id| !vocab.entries[id as usize].has_lower);
    let k = &mut out.keys;
    for (i, gaz) in gaz.iter().enumerate().take(n) {
        out.offsets.push(k.len());
        let ii = i as isize;
        let (p, e, nx) = (entry(ii - 1), entry(ii), entry(ii + 1));
        let w = &e.word;
        k.push(p.after[0].str(&w.lower).key());
        k.push(e.at[0].str(&nx.word.lower).key());
        k.push(p.after[1].str(&w.short).str(&nx.word.short).key());
        k.push(p.after[2].str(&w.short).key());
        k.push(e.at[1].str(&nx.word.lower).key());
        if i == 0 {
            k.push(H::new(18).str(&w.short).key());
            k.push(H::new(19).str(&w.lower).key());
            k.push(H::new(32).byte(w.lex).str(&w.short).key());
        }
        k.push(H::new(20).byte(p.cue).byte(e.cue).byte(nx.cue).key());
        gazetteer_and_caps_keys(gaz, w, upper_sentence, k);
        k.extend(out.runs[i].iter().filter(|&&r| r != NO_KEY));
        k.push(H::new(30).byte(p.class).byte(e.class).byte(nx.class).key());
    }
    out.offsets.push(k.len());
}

/// Prefixes of one to three characters and suffixes of one to four, each shorter than the word.
fn affixes(lower: &str, k: &mut Vec<u32>) {
    if lower.is_ascii() {
        let len = lower.len();
        if len > 1 {
            for p in 1..len.min(4) {
                k.push(H::new(5).byte(p as u8).str(&lower[..p]).key());
            }
            for s in 1..=4.min(len - 1) {
                k.push(H::new(6).byte(s as u8).str(&lower[len - s..]).key());
            }
        }
        return;
    }
    let len = lower.chars().count();
    if len > 1 {
        for (p, (cut, _)) in lower.char_indices().enumerate().take(4).skip(1) {
            k.push(H::new(5).byte(p as u8).str(&lower[..cut]).key());
        }
        for (s, (cut, _)) in lower.char_indices().rev().enumerate().take(4.min(len - 1)) {
            k.push(H::new(6).byte(s as u8 + 1).str(&lower[cut..]).key());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cap_runs_and_fold_digits() {
        let w = word_info("Stoltenberg");
        assert_eq!((w.shape.as_str(), w.short.as_str()), ("Xxxxx", "Xx"));
        let w = word_info("COVID-19");
        assert_eq!((w.lower.as_str(), w.short.as_str()), ("covid-00", "X-d"));
        assert!(word_info("Secretary").cue == Cue::Title);
    }

    #[test]
    fn frequent_words_have_clusters_and_rare_ones_none() {
        let said = word_info("Said");
        assert!(said.cluster != 0 && said.coarse != 0);
        assert_eq!(said.cluster, word_info("said").cluster);
        assert_eq!(word_info("Zqxjvbw").cluster, 0);
        let mut f = SentenceFeatures::default();
        extract(&["Zqxjvbw", "said"], &mut f);
        let mut g = SentenceFeatures::default();
        extract(&["Zqxjvbw", "xqzzvb"], &mut g);
        // The neighbour's cluster is one of the features that tell the two apart.
        assert!(f.of(0).contains(&said.cluster_key(36)));
        assert!(!g.of(0).contains(&said.cluster_key(36)));
    }

    #[test]
    fn every_token_gets_features_and_context_matters() {
        let mut a = SentenceFeatures::default();
        let mut b = SentenceFeatures::default();
        extract(&["Mr", "Smith", "left"], &mut a);
        extract(&["The", "Smith", "left"], &mut b);
        assert_eq!(a.offsets.len(), 4);
        assert!(a.of(1).len() > 15);
        assert_ne!(a.of(1), b.of(1));
        extract(&[], &mut a);
        assert_eq!(a.offsets, [0]);
    }

    #[test]
    fn words_of_a_name_learn_from_its_far_end_and_its_acronym() {
        let keys = |words: &[&str], i: usize| {
            let mut f = SentenceFeatures::default();
            extract(words, &mut f);
            f.of(i).to_vec()
        };
        let body = [
            "the",
            "Federal",
            "Energy",
            "Regulatory",
            "Commission",
            "(",
            "FERC",
            ")",
        ];
        let rules = [
            "the",
            "Federal",
            "Energy",
            "Regulatory",
            "Rules",
            "(",
            "FERC",
            ")",
        ];
        // "Federal" is three words from the cue word "Commission": only the run tells it.
        let run_cue = |k: &[u32]| k.iter().filter(|&&x| run_key_of(x, 37)).count();
        assert_eq!(run_cue(&keys(&body, 1)), 1);
        assert_eq!(run_cue(&keys(&rules, 1)), 0);
        // The acronym spells the run's initials, so it and the run's words are marked.
        let acr = H::new(38).byte(Cue::Org as u8).key();
        assert!(keys(&body, 6).contains(&acr));
        let wrong = ["the", "Federal", "Energy", "Commission", "(", "NATO", ")"];
        assert!(
            !keys(&wrong, 5)
                .iter()
                .any(|&k| (0..4).any(|c| k == H::new(38).byte(c).key()))
        );
    }

    /// Whether `k` is a key of run template `t` for some cue classes, edge and shape of the
    /// test's words.
    fn run_key_of(k: u32, t: u8) -> bool {
        (0..4u8).any(|l| {
            (0..4u8).any(|r| {
                (0..4u8).any(|e| {
                    ["Xx", "X"]
                        .iter()
                        .any(|s| k == H::new(t).byte(l).byte(r).byte(e).str(s).key())
                })
            })
        })
    }

    /// Bias, own, neighbour and joint features of each token, as a tagger with a
    /// [`Vocab`] gathers them, sorted.
    fn split_features(words: &[&str]) -> Vec<Vec<u32>> {
        let mut vocab = Vocab::default();
        let ids: Vec<u32> = words.iter().map(|w| vocab.id(w).0).collect();
        let mut joint = SentenceFeatures::default();
        extract_joint(&vocab, &ids, &mut joint);
        (0..words.len())
            .map(|i| {
                let mut k = vec![bias_key()];
                vocab.own_keys(ids[i], &mut k);
                let ii = i as isize;
                for (role, j) in ROLES.iter().zip([ii - 1, ii + 1, ii - 2, ii + 2]) {
                    vocab.role_keys(id_at(&ids, j), *role, &mut k);
                }
                k.extend_from_slice(joint.of(i));
                k.sort_unstable();
                k
            })
            .collect()
    }

    #[test]
    fn per_word_and_joint_features_make_up_all_features() {
        let sentences: [&[&str]; 8] = [
            &[
                "the",
                "Federal",
                "Energy",
                "Regulatory",
                "Commission",
                "(",
                "FERC",
                ")",
                "and",
                "the",
                "Bank",
                "of",
                "England",
            ],
            &[
                "Mr",
                "Đukanović",
                "met",
                "NATO",
                "’s",
                "chief",
                "in",
                "Brussels",
                ".",
            ],
            &["BRUSSELS", "–", "NATO", "SAYS", "MONTENEGRO", "JOINS"],
            &[
                "Bosnia",
                "and",
                "Herzegovina",
                "and",
                "the",
                "United",
                "Nations",
            ],
            &["<s>", "</s>", "<s>"],
            &[
                "Secretary",
                "General",
                "Jens",
                "Stoltenberg",
                "said",
                "Stoltenberg",
            ],
            &["Ђукановић"],
            &[],
        ];
        for words in sentences {
            let mut all = SentenceFeatures::default();
            extract(words, &mut all);
            let split = split_features(words);
            for (i, word) in words.iter().enumerate() {
                let mut whole = all.of(i).to_vec();
                whole.sort_unstable();
                assert_eq!(split[i], whole, "{word} in {words:?}");
            }
        }
    }
}
