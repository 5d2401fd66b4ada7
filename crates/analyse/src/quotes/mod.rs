//! Quotations: direct, mixed and reported speech, attributed to their speakers.
//!
//! Works from the text alone: quotation marks are paired ([`marks`]), the text is split into
//! quotation-aware sentences ([`tokens`]), and each quotation or reporting verb is attributed
//! from the syntax around its cue ([`attribute`]). The analysis, when it has people, turns the
//! speaker's words into a person through the mention they overlap.

mod attribute;
pub(crate) mod lexicon;
pub(crate) mod marks;
pub(crate) mod tokens;

use model::{Analysis, CharIndex, EntityKind, MentionForm, Quote, QuoteKind, Span};

/// Finds the quotations in `text`, given the sentences, mentions and people already found.
pub fn find(text: &str, analysis: &Analysis) -> Vec<Quote> {
    let bytes = idx_bytes(text, analysis);
    let found = attribute::find(text, &bytes);
    let idx = CharIndex::new(text);
    let mut out: Vec<Quote> = Vec::with_capacity(found.len());
    let mut last_person: Option<usize> = None;
    for mut f in found {
        // The outer source stands for a nested pronoun unless coreference resolved the two to
        // different people ("Trump said Clinton erred when she called him “…”").
        if let (Some(o), Some(sp)) = (f.outer.take(), f.speaker.as_ref()) {
            let pe = person_of(analysis, idx.span(sp.start, sp.end));
            let oe = person_of(analysis, idx.span(o.start, o.end));
            if pe.is_none() || oe.is_none() || pe == oe {
                f.speaker = Some(o);
            }
        }
        let content = idx.span(f.content.start, f.content.end);
        let speaker_span = f.speaker.as_ref().map(|r| idx.span(r.start, r.end));
        let speaker_text = f.speaker.as_ref().map(|r| text[r.clone()].to_string());
        let mut speaker = speaker_span.and_then(|s| person_of(analysis, s));
        let pronoun = speaker_text.as_deref().is_some_and(attribute::is_pronoun);
        if speaker.is_none() && pronoun {
            // Coreference left the pronoun unresolved: a reporter's "he added" continues the
            // last speaker far more often than it turns to someone new.
            speaker = last_person;
        }
        if speaker.is_some() {
            last_person = speaker;
        }
        out.push(Quote {
            kind: f.kind,
            text: text[f.content.clone()].to_string(),
            content,
            speaker,
            speaker_text,
            speaker_span,
            cue: f.cue.as_ref().map(|r| text[r.clone()].to_string()),
            cue_span: f.cue.as_ref().map(|r| idx.span(r.start, r.end)),
            confidence: f.confidence,
        });
    }
    out
}

/// Byte spans of the analysis' person mentions.
fn idx_bytes(text: &str, analysis: &Analysis) -> Vec<std::ops::Range<usize>> {
    let idx = CharIndex::new(text);
    analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| idx.bytes(m.span))
        .collect()
}

/// The person a speaker span names: the person mention it overlaps that coreference resolved,
/// preferring names over roles over pronouns and, among equals, the last (the head of "the
/// NATO Secretary General Jens Stoltenberg").
fn person_of(analysis: &Analysis, span: Span) -> Option<usize> {
    let rank = |f: MentionForm| match f {
        MentionForm::Name => 3,
        MentionForm::Nominal => 2,
        MentionForm::Pronoun => 1,
    };
    analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.span.overlaps(span))
        .filter_map(|m| m.entity.map(|e| (rank(m.form), m.span.start, e)))
        .filter(|&(_, _, e)| e < analysis.people.len())
        .max()
        .map(|(_, _, e)| e)
}

/// A kind name for reports and the CLI.
pub fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}
