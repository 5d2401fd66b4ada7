//! Quotations: direct, mixed and reported speech, attributed to their speakers.
//!
//! Works from the text alone: quotation marks are paired ([`marks`]), the text is split into
//! quotation-aware sentences ([`tokens`]), and each quotation or reporting verb is attributed
//! from the syntax around its cue ([`attribute`]). The analysis, when it has people, turns the
//! speaker's words into a person through the mention they overlap. Serbian, Croatian and
//! Bosnian leave a pronoun subject out ("„…“, rekao je."): such a quotation goes to the person
//! the text last named outside quotations, of the gender the participle shows. A speaker named
//! by a title alone ("kazao je predsjednik") is the person the analysis gave that title.

mod attribute;
pub(crate) mod lexicon;
pub(crate) mod marks;
pub(crate) mod tokens;

use std::collections::HashMap;

use attribute::Agreement;
use model::{Analysis, CharIndex, EntityKind, MentionForm, Quote, QuoteKind, Span};

/// Finds the quotations in `text`, given the sentences, mentions and people already found.
pub fn find(text: &str, analysis: &Analysis) -> Vec<Quote> {
    let bytes = idx_bytes(text, analysis);
    let found = attribute::find(text, &bytes);
    let idx = CharIndex::new(text);
    let genders = genders(text, analysis, &idx, &found);
    // Mentions inside quotations are the quoted speaker's words, not who the writer speaks of.
    let quoted: Vec<Span> = found
        .iter()
        .filter(|f| f.kind != QuoteKind::Indirect)
        .map(|f| idx.span(f.content.start, f.content.end))
        .collect();
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
        let mut speaker_span = f.speaker.as_ref().map(|r| idx.span(r.start, r.end));
        let mut speaker_text = f.speaker.as_ref().map(|r| text[r.clone()].to_string());
        let mut speaker = speaker_span.and_then(|s| person_of(analysis, s));
        let pronoun = speaker_text.as_deref().is_some_and(attribute::is_pronoun);
        if speaker_text
            .as_deref()
            .is_some_and(attribute::is_zero_marker)
        {
            // "„…“, rekao je.": the subject left out is the person the text last spoke of,
            // of the participle's gender; "rekli su" names no single speaker.
            let agreement = cue_agreement(text, f.cue.as_ref());
            let cue_start = f
                .cue
                .as_ref()
                .map_or(content.start, |c| idx.span(c.start, c.end).start);
            let before = content.start.min(cue_start);
            speaker = match agreement {
                Some(Agreement::Plural) => None,
                _ => antecedent(text, analysis, &idx, &quoted, before, agreement, &genders)
                    .or(last_person.filter(|&p| compatible(agreement, genders.get(&p).copied()))),
            };
            speaker_span = None;
            speaker_text = None;
        } else if speaker.is_none()
            && !pronoun
            && let Some(t) = speaker_text.as_deref()
            && let Some(p) = titled(analysis, t, content.start)
        {
            // "„…“, kazao je predsjednik.": the person the text gave that title.
            speaker = Some(p);
        } else if speaker.is_none()
            && !pronoun
            && let Some(t) = speaker_text.as_deref()
            && let Some(p) = by_surname(analysis, t)
        {
            // "kazao je Horvat Vijeću", tagged as one name that is no person's: its first
            // word is the surname of the one person the article named so.
            speaker = Some(p);
        } else if speaker.is_none() && pronoun {
            // Coreference left the pronoun unresolved: a reporter's "he added" continues the
            // last speaker far more often than it turns to someone new, if the gender the
            // text shows agrees ("Ona je najavila …" is no man's).
            let agreement = speaker_text.as_deref().and_then(pronoun_agreement);
            speaker = match agreement {
                Some(Agreement::Plural) => None,
                _ => last_person.filter(|&p| compatible(agreement, genders.get(&p).copied())),
            };
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

/// What a subject pronoun shows of its person: in Serbian or Croatian its gender ("ona"), in
/// both languages that it names no single person (English "he" and "she" need nothing here:
/// the gender map holds only what sr/hr participles showed).
fn pronoun_agreement(pronoun: &str) -> Option<Agreement> {
    match pronoun.to_lowercase().as_str() {
        "ona" | "она" => Some(Agreement::Feminine),
        // "They also claimed …" is never the one person last quoted; nor "we" or "it", a
        // group or a body. ("I" outside quotation marks is most often the person quoted at
        // length, in a pull quote or a transcript.)
        "oni" | "one" | "они" | "оне" | "they" | "we" | "it" => Some(Agreement::Plural),
        _ => None,
    }
}

/// What a cue's participle shows of its subject ("rekla": a woman).
fn cue_agreement(text: &str, cue: Option<&std::ops::Range<usize>>) -> Option<Agreement> {
    let first = text[cue?.clone()].split_whitespace().next()?;
    attribute::participle_agreement(first)
}

fn compatible(a: Option<Agreement>, b: Option<Agreement>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// What the text's own verbs show of its people: a person named as the subject of "rekla"
/// is a woman, of "rekao" a man. Only names count (a pronoun's person is a guess already).
fn genders(
    text: &str,
    analysis: &Analysis,
    idx: &CharIndex,
    found: &[attribute::Found],
) -> HashMap<usize, Agreement> {
    let mut out = HashMap::new();
    for f in found {
        let (Some(sp), Some(agreement)) = (f.speaker.as_ref(), cue_agreement(text, f.cue.as_ref()))
        else {
            continue;
        };
        if agreement == Agreement::Plural || attribute::is_pronoun(&text[sp.clone()]) {
            continue;
        }
        if let Some(p) = person_of(analysis, idx.span(sp.start, sp.end)) {
            out.entry(p).or_insert(agreement);
        }
    }
    out
}

/// How many paragraphs back a left-out subject looks for its person.
const ZERO_SUBJECT_PARAGRAPHS: usize = 2;

/// The person the text last spoke of before character `before`: the sentence of the nearest
/// person mention outside quotations, at most [`ZERO_SUBJECT_PARAGRAPHS`] paragraphs back,
/// whose gender (where the text shows it) agrees, and in that sentence its first such mention,
/// the subject more often than not ("Louis Tobback, bivši protivnik Van Rompuya, poštuje
/// njegove vještine. „…“, kaže." is Tobback's).
fn antecedent(
    text: &str,
    analysis: &Analysis,
    idx: &CharIndex,
    quoted: &[Span],
    before: usize,
    agreement: Option<Agreement>,
    genders: &HashMap<usize, Agreement>,
) -> Option<usize> {
    let end = idx.bytes(Span {
        start: before,
        end: before,
    });
    let mut best: Option<(usize, usize)> = None;
    for m in &analysis.mentions {
        let Some(p) = m.entity else { continue };
        if m.kind != EntityKind::Person || p >= analysis.people.len() || m.span.end > before {
            continue;
        }
        if quoted
            .iter()
            .any(|q| q.start <= m.span.start && m.span.end <= q.end)
        {
            continue;
        }
        if !compatible(agreement, genders.get(&p).copied()) {
            continue;
        }
        if best.is_some_and(|(start, _)| start >= m.span.start) {
            continue;
        }
        let from = idx.bytes(m.span).end;
        // Paragraph breaks between: runs of line breaks.
        let between = &text.as_bytes()[from..end.start];
        let paragraphs = (0..between.len())
            .filter(|&i| between[i] == b'\n' && (i == 0 || between[i - 1] != b'\n'))
            .count();
        if paragraphs <= ZERO_SUBJECT_PARAGRAPHS {
            best = Some((m.span.start, p));
        }
    }
    let (nearest, p) = best?;
    let Some(sent) = analysis
        .sentences
        .iter()
        .find(|s| s.start <= nearest && nearest < s.end)
    else {
        return Some(p);
    };
    analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && sent.start <= m.span.start)
        .filter(|m| m.span.start <= nearest)
        .filter(|m| {
            !quoted
                .iter()
                .any(|q| q.start <= m.span.start && m.span.end <= q.end)
        })
        .filter_map(|m| m.entity.filter(|&e| e < analysis.people.len()))
        .find(|&e| compatible(agreement, genders.get(&e).copied()))
        .or(Some(p))
}

/// Title words that make "… Minister" the head of a government rather than a minister.
const HEADS_OF_GOVERNMENT: [&str; 4] = ["prime ", "first ", "chief ", "deputy prime "];

/// A speaker named by a title alone ("predsjednik", "ministrica vanjskih poslova", "američki
/// predsjednik"): the person the analysis gave that title, the one last mentioned before
/// character `before` when several hold it. `None` when the words hold no title or no one
/// holds it: a title is no licence to guess.
fn titled(analysis: &Analysis, speaker: &str, before: usize) -> Option<usize> {
    let titles = crate::roles::get();
    let words = crate::lexicon::words_of(speaker);
    // A long phrase is a description, not a title.
    if words.len() > 6 {
        return None;
    }
    let stems: Vec<String> = words.iter().map(|w| crate::stem::stem_folded(w)).collect();
    let title = (0..stems.len()).find_map(|s| {
        (1..=titles.most_title_words().min(stems.len() - s))
            .rev()
            .find_map(|n| titles.title_by_stems(&stems[s..s + n]))
    })?;
    let key = crate::names::match_key(&title.name);
    let holds = |p: &model::Person| {
        p.roles.iter().any(|r| {
            let held = crate::names::match_key(&r.title);
            // "Foreign Minister" is a minister; a "Prime Minister" is not ("ministar iz
            // Erdoganove vlade" is not Erdoğan).
            held == key
                || (held.ends_with(&format!(" {key}"))
                    && !HEADS_OF_GOVERNMENT.iter().any(|h| held.starts_with(h)))
        })
    };
    let holders: Vec<usize> = analysis
        .people
        .iter()
        .filter(|p| holds(p))
        .map(|p| p.id)
        .collect();
    match holders.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => many
            .iter()
            .filter_map(|&p| {
                let last = analysis.people[p]
                    .mentions
                    .iter()
                    .map(|&m| analysis.mentions[m].span.start)
                    .filter(|&start| start < before)
                    .max()?;
                Some((last, p))
            })
            .max()
            .map(|(_, p)| p),
    }
}

/// The one person a speaker the analysis tied to no one names by surname: a surname and a
/// word after it ("Horvat Vijeću", the addressee), a surname in a case form ("prema
/// Vučkoviću"), or a possessive made from it ("prema Vučkovićevim rečima"). Compared with the
/// last word of the people of two words or more, by the key their case forms share; `None`
/// when several people share the surname.
fn by_surname(analysis: &Analysis, speaker: &str) -> Option<usize> {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 2
        || !words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let folded = crate::stem::fold(words[0]);
    let mut keys = vec![crate::stem::person_word_folded(&folded, false).0];
    // A possessive adjective: -ev/-ov/-in and an adjective's ending ("vuckovicevim").
    for (stem, glided, _) in crate::detect::possessive_bases(&folded) {
        keys.push(crate::stem::person_word_folded(glided.unwrap_or(stem), false).0);
    }
    let mut found = analysis.people.iter().filter(|p| {
        let mut name = p.name.split_whitespace();
        let last = name.next_back();
        name.next().is_some()
            && last.is_some_and(|l| {
                let key = crate::stem::person_word_folded(&crate::stem::fold(l), false).0;
                keys.contains(&key)
            })
    });
    let one = found.next()?;
    found.next().is_none().then_some(one.id)
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

/// Whether a word is a Serbian, Croatian or Bosnian past participle of a reporting verb of
/// the table ("kazao", "rekla", "zaključio").
pub(crate) fn is_sh_reporting_participle(word: &str) -> bool {
    let lex = lexicon::Lexicon::get();
    let lower = lexicon::low(word);
    attribute::participle_agreement(&lower).is_some()
        && lex
            .cues
            .get(lower.as_ref())
            .is_some_and(|phrases| phrases.iter().any(|(words, _)| words.len() == 1))
}

/// A kind name for reports and the CLI.
pub fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}
