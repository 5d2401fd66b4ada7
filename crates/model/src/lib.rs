//! The types every stage of Kronika shares: serde data, no I/O.
//!
//! Offsets: every `Span` counts Unicode scalar values (chars) into `Article::text`, end
//! exclusive. Stages that work in bytes convert at their edge with [`CharIndex`].

use serde::{Deserialize, Serialize};

/// A page reduced to its article and metadata (the output of `kronika extract`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The address the page was fetched from (or given with `--url`).
    pub url: Option<String>,
    /// The page's own idea of its address (rel=canonical, og:url), tracking parameters removed.
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub title: Option<String>,
    /// People only: no "By", no dates, no "Staff".
    pub authors: Vec<String>,
    /// The group author when no person is credited: the organisation, desk or team a byline
    /// names ("Help Net Security", "TOI Lifestyle Desk", "The Upwork Team"), else the publisher,
    /// as citation styles credit a page without a byline. `None` whenever `authors` names someone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_organisation: Option<String>,
    /// RFC 3339: a date-time when the page gives a time, a full-date ("2021-05-18") when not.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    pub dateline: Option<Dateline>,
    pub lead_image: Option<LeadImage>,
    pub body: Vec<Block>,
    /// The body blocks' text joined by blank lines; the text every `Span` points into.
    pub text: String,
    /// The publisher's own "Related posts" / "Read more" links, kept out of the body.
    pub related: Vec<Link>,
    pub word_count: usize,
    /// What could not be determined, and why.
    pub warnings: Vec<String>,
}

/// The place (and agency) that opens a story: "BRUSSELS –", "SARAJEVO, May 3 (Reuters) -".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// As a reader writes it: "Brussels".
    pub place: String,
    /// ISO 3166-1 alpha-2 (Kosovo: XK), filled by analysis from the gazetteer.
    pub country: Option<String>,
    pub agency: Option<String>,
    /// The dateline as it stood in the text, e.g. "BRUSSELS –".
    pub raw: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LeadImage {
    pub url: Option<String>,
    /// The caption without its credit.
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Blockquote,
    Preformatted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: Option<String>,
}

/// A half-open range of chars into `Article::text`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Maps byte offsets of a `str` to char offsets and back, in O(log n).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char, plus the text's byte length at the end.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        Self { starts }
    }
    /// The char offset of a byte offset; a byte inside a char maps to that char.
    pub fn char_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// The byte offset of a char offset (clamped to the text's end).
    pub fn byte_of(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }
    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        Span::new(self.char_of(byte_start), self.char_of(byte_end))
    }
    pub fn bytes(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of(span.start)..self.byte_of(span.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "FAC")]
    Facility,
    #[serde(rename = "MISC")]
    Misc,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A proper name: "Jens Stoltenberg", "Stoltenberg".
    Name,
    /// A role or description: "the NATO Secretary General".
    Nominal,
    Pronoun,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: EntityKind,
    pub form: MentionForm,
    pub span: Span,
    pub text: String,
    /// Index into the analysis' list of that kind (people, organisations, places), once resolved.
    pub entity: Option<usize>,
    /// 0–1. For a name the statistical tagger found, roughly the chance that it found this span
    /// with this kind (calibrated on news: see `crates/analyse/data/ner-en.README.md`); for
    /// mentions found by the tables, titles or coreference, a fixed figure per rule.
    pub confidence: f32,
}

/// A title bound to a person: "Secretary General" of "NATO".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    /// The organisation or country the title belongs to, as named ("NATO", "Montenegro").
    pub of: Option<String>,
    /// ISO country code when `of` is a country.
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable within one analysis: the index in `Analysis::people`.
    pub id: usize,
    /// The longest name form seen ("Jens Stoltenberg").
    pub name: String,
    /// Script- and spelling-independent key of the full name ("milo djukanovic").
    pub key: String,
    /// The key of the full name with each word cut to what its case forms share, equal for
    /// "Borisom Tadićem" and "Boris Tadić" ("boris tadic"): how the store knows a person
    /// across articles that decline the name. Empty for a one-word name, too weak a key alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub case_key: String,
    /// How plainly `name` is in its dictionary form: first the words of it no case ending is
    /// cut from ("Boris Tadić" 2, "Josip Broz Tito" 2, "Borisom Tadićem" 0), then how few
    /// letters the endings take. The store names a person by the plainest form it has seen,
    /// and of equally plain ones by the fullest.
    #[serde(default)]
    pub plainness: u8,
    /// For a person the text names by one word that is no given name ("Trump", "Vučića"): that
    /// word cut as a surname, as the last word of a full name's `case_key` is ("trump",
    /// "vucic"). The store files such a person under the one person it knows by a full name
    /// ending in it ("Donald Trump"). Empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub surname_key: String,
    /// Every name form seen in the text.
    pub variants: Vec<String>,
    pub roles: Vec<Role>,
    /// Indexes into `Analysis::mentions`.
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: usize,
    pub name: String,
    pub key: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    City,
    Region,
    Facility,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: usize,
    pub name: String,
    pub key: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2; Kosovo is XK. None for regions spanning countries.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Forms used in the text, including abbreviations it defines ("WB").
    pub aliases: Vec<String>,
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Wholly inside quotation marks.
    Direct,
    /// A quoted fragment inside the writer's own sentence.
    Mixed,
    /// Reported speech: "X said that …", "according to X, …".
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The content without quotation marks.
    pub text: String,
    pub content: Span,
    /// Index into `Analysis::people` when resolved.
    pub speaker: Option<usize>,
    /// The words that name the speaker here ("the NATO Secretary General", "he").
    pub speaker_text: Option<String>,
    pub speaker_span: Option<Span>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Meeting,
    Visit,
    Talks,
    PhoneCall,
    PressConference,
    Summit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    /// "NATO Summit" when the text names the event.
    pub name: Option<String>,
    /// Indexes into `Analysis::people`.
    pub participants: Vec<usize>,
    /// Facility and/or place as a reader would write it: "NATO Headquarters, Brussels".
    pub place: Option<String>,
    /// Index into `Analysis::places` of the most specific resolved place.
    pub place_id: Option<usize>,
    /// "2021-05-18", or "2021-06" when only the month is known.
    pub date: Option<String>,
    pub evidence: Span,
    pub evidence_text: String,
}

/// Everything analysis finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub people: Vec<Person>,
    pub organisations: Vec<Organisation>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
}

/// The same event as reported across outlets and languages: the articles clustering put together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable within one clustering run: stories are numbered in the order they were opened.
    pub id: u64,
    /// The title of the story's first original (non-copy) member.
    pub title: String,
    /// RFC 3339 dates of the earliest and latest dated member.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Site names (or hosts) of the members, in order of first appearance.
    pub sources: Vec<String>,
    /// ISO 639-1 codes of the members, in order of first appearance.
    pub languages: Vec<String>,
    /// People and places the members name, most often named first.
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub events: Vec<StoryEvent>,
    pub members: Vec<StoryMember>,
}

/// One article in a story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryMember {
    /// The article's id (its canonical URL, or whatever id the caller gave it).
    pub article: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    /// A syndicated near-duplicate of another member rather than coverage of its own.
    pub copy: bool,
    /// The member this one copies.
    pub copy_of: Option<String>,
}

/// An event a story contains, with its participants named (indexes would not survive leaving
/// their article).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    pub kind: EventKind,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    /// The member the event was found in.
    pub article: String,
}

/// An article with what analysis found in it (the output of `kronika analyse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalysedArticle {
    #[serde(flatten)]
    pub article: Article,
    pub analysis: Analysis,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte_text() {
        let text = "Đukanović said “yes”";
        let idx = CharIndex::new(text);
        let b = text.find('“').unwrap();
        assert_eq!(idx.char_of(b), 15);
        assert_eq!(idx.byte_of(15), b);
        assert_eq!(idx.byte_of(999), text.len());
        assert_eq!(&text[idx.bytes(Span::new(0, 9))], "Đukanović");
    }
}
