//! Attribution from the syntax around a cue: who speaks, which words report it, and what is
//! reported. Byte offsets throughout.

use std::ops::Range;

use model::QuoteKind;

use super::lexicon::{CueClass, Level, Lexicon, class, low};
use super::marks::{self, QuoteSpan};
use super::tokens::{self, Kind, Tok};
use crate::events::time::{is_time_word, is_unit};

/// A quotation before it is tied to the analysis.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    pub content: Range<usize>,
    pub speaker: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    /// When the speaker is a pronoun inside what an earlier cue of its sentence reports ("Rubio
    /// said that he has begun “to unmask” Trump, whom he called a “con artist”"), that cue's
    /// speaker: the attribution's source unless coreference says the pronoun is someone else.
    pub outer: Option<Range<usize>>,
    pub confidence: f32,
}

pub(crate) fn is_pronoun(s: &str) -> bool {
    Lexicon::get().is(s, class::PRONOUN)
}

/// The Serbian, Croatian and Bosnian auxiliary clitic of a past tense ("rekao je", "rekli
/// su"). As a speaker it stands for a subject the sentence leaves out; see
/// [`Ctx::zero_subject`].
pub(crate) fn is_clitic(s: &str) -> bool {
    matches!(s, "je" | "su" | "је" | "су")
}

/// A speaker that stands for a subject the sentence leaves out: the clitic of "„…“, rekao
/// je." or the verb of "„…“, kaže." (see [`Ctx::zero_subject`]).
pub(crate) fn is_zero_marker(s: &str) -> bool {
    is_clitic(s) || Lexicon::get().is(s, class::PRESENT_SINGULAR)
}

/// The grammatical number and gender a Serbian, Croatian or Bosnian past participle shows:
/// "rekao" (a man), "rekla" (a woman), "rekli"/"rekle" (several). `None` for anything else.
pub(crate) fn participle_agreement(word: &str) -> Option<Agreement> {
    let w = word.to_lowercase();
    // The masculine singular ends in a vowel and -o ("rekao", "izjavio", "naveo"); a bare -o
    // after a consonant is no participle.
    let masculine = ["ao", "eo", "io", "uo", "ао", "ео", "ио", "уо"];
    if masculine.iter().any(|e| w.ends_with(e)) || w == "реко" {
        Some(Agreement::Masculine)
    } else if w.ends_with("la") || w.ends_with("ла") {
        Some(Agreement::Feminine)
    } else if ["li", "le", "ли", "ле"].iter().any(|e| w.ends_with(e)) {
        Some(Agreement::Plural)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agreement {
    Masculine,
    Feminine,
    Plural,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn possessive(s: &str) -> bool {
    let stem = s.strip_suffix("’s").or_else(|| s.strip_suffix("'s"));
    if let Some(stem) = stem {
        // "It’s", "that’s": a verb, not a possessive.
        return !Lexicon::get().is(stem, class::CONTRACTION);
    }
    s.ends_with("s’") || s.ends_with("s'")
}

/// A Serbian or Croatian adjective by its ending, before the noun it qualifies: "turski",
/// "nemačke", "visoki", "bivši". Endings alone: nouns in -ka or -na pass too, which only
/// lengthens a subject's span, never moves it.
fn adjective_sh(w: &str) -> bool {
    const ENDINGS: [&str; 24] = [
        "ski", "ska", "ske", "skog", "skom", "skoj", "skih", "čki", "čka", "čke", "ški", "ška",
        "ške", "ki", "ni", "na", "ne", "nog", "nom", "noj", "nih", "ši", "ša", "še",
    ];
    let w = w.to_lowercase();
    w.chars().count() > 3
        && w.chars().all(char::is_alphabetic)
        && ENDINGS.iter().any(|e| w.ends_with(e))
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    spans: Vec<QuoteSpan>,
    lex: &'static Lexicon,
    /// Byte spans of person mentions, when the analysis found any.
    people: &'a [Range<usize>],
}

#[derive(Debug, Clone)]
struct Cue {
    /// Token range of the cue phrase.
    at: Range<usize>,
    class: CueClass,
}

/// A speaker as a token range, and whether it follows its cue ("said Caddell").
#[derive(Debug, Clone)]
struct Speaker {
    at: Range<usize>,
    after_cue: bool,
}

/// A speaker and cue handed on to quotations without their own (token ranges).
type Handed = (Range<usize>, Option<Range<usize>>);

/// Finds quotations and reported speech in `text`; `people` are byte spans of person mentions
/// (empty when the analysis has none).
pub(crate) fn find(text: &str, people: &[Range<usize>]) -> Vec<Found> {
    let lex = Lexicon::get();
    let spans = marks::pair(text);
    let nicknames: Vec<bool> = spans.iter().map(|s| nickname(text, s)).collect();
    let mut toks = tokens::tokenize(text, 0..text.len());
    let mut q = 0;
    for t in &mut toks {
        while q < spans.len() && spans[q].end <= t.start {
            q += 1;
        }
        if q < spans.len() && spans[q].open <= t.start && t.start < spans[q].end && !nicknames[q] {
            t.quote = Some(q);
        }
    }
    let ctx = Ctx {
        text,
        toks,
        spans,
        lex,
        people,
    };
    ctx.run()
}

/// A quoted nickname inside a name ("state Del. Marcia “Cia” Price", "Donald ‘The Donald’
/// Trump"): one to three capitalised words without punctuation between two capitalised words.
/// It belongs to the name it stands in, not to anyone's statement.
fn nickname(text: &str, span: &QuoteSpan) -> bool {
    // Cheap checks first: the line scan below runs only for short capitalised quotations.
    if !span.closed || span.content.is_empty() || span.content.len() > 60 {
        return false;
    }
    let content = &text[span.content.clone()];
    let words: Vec<&str> = content.split_whitespace().collect();
    let named = (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            is_cap(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-'))
        })
        && !content.ends_with('.');
    if !named {
        return false;
    }
    let before = text[..span.open]
        .strip_suffix(' ')
        .and_then(|b| b.split(' ').next_back());
    let after = text[span.end..]
        .strip_prefix(' ')
        .and_then(|a| a.split(' ').next());
    let capital = |w: Option<&str>| {
        w.is_some_and(|w| is_cap(w) && w.chars().all(|c| c.is_alphabetic() || c == '.'))
    };
    if !(capital(before) && capital(after)) {
        return false;
    }
    // In a title-case headline every word is capitalised: "Trump Was ‘Mocking’ Clinton Camp".
    let line_start = text[..span.open].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line: Vec<&str> = text[line_start..line_end].split_whitespace().collect();
    let caps = line
        .iter()
        .filter(|w| is_cap(w.trim_start_matches(|c: char| !c.is_alphanumeric())))
        .count();
    10 * caps < 7 * line.len()
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    /// A word outside quotations.
    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word && self.toks[i].quote.is_none()
    }

    fn is(&self, i: usize, bit: u32) -> bool {
        self.lex.is(self.word(i), bit)
    }

    fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        self.toks[r.start].start..self.toks[r.end - 1].end
    }

    fn tok_range(&self, b: &Range<usize>) -> Range<usize> {
        self.toks.partition_point(|t| t.start < b.start)
            ..self.toks.partition_point(|t| t.end <= b.end)
    }

    fn run(&self) -> Vec<Found> {
        let mut out: Vec<(usize, Found)> = Vec::new();
        let mut paras: Vec<Range<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..=self.toks.len() {
            let brk = i == self.toks.len()
                || self.text[self.toks[i - 1].end..self.toks[i].start].contains('\n');
            if brk {
                paras.push(start..i);
                start = i;
            }
        }
        // The speaker a paragraph hands to the next when that one is a bare quotation: it
        // announced it ("Caddell continued:") or ended in an attributed quotation.
        let mut carried: Option<Handed> = None;
        let mut quote_speaker: Vec<Option<Handed>> = vec![None; self.spans.len()];
        // Index into `out` of each quotation span that became a quote.
        let mut span_out: Vec<Option<usize>> = vec![None; self.spans.len()];
        for para in paras {
            let sents: Vec<Range<usize>> = tokens::sentences(self.text, &self.toks[para.clone()])
                .into_iter()
                .map(|r| para.start + r.start..para.start + r.end)
                .collect();
            // (index into `out`, index into `spans`)
            let mut para_quotes: Vec<(usize, usize)> = Vec::new();
            let mut announced: Option<Handed> = None;
            let para_first_out = out.len();
            for sent in &sents {
                if let Some(a) = self.sentence(sent.clone(), &mut out, &mut para_quotes) {
                    announced = Some(a);
                }
            }
            let opens_with_quote = self.toks.get(para.start).and_then(|t| t.quote).is_some();
            for k in 0..para_quotes.len() {
                let (oi, si) = para_quotes[k];
                if out[oi].1.speaker.is_some() {
                    continue;
                }
                // The paragraph's nearest attributed statement before it (a quotation or
                // reported speech: "…, Schiff said. “The other factor …”"), else after it.
                let start = out[oi].1.content.start;
                let before = (para_first_out..out.len())
                    .filter(|&o| o != oi && out[o].1.speaker.is_some())
                    .filter(|&o| out[o].1.content.start < start)
                    .max_by_key(|&o| out[o].1.content.start);
                let after = para_quotes[k + 1..]
                    .iter()
                    .map(|&(o, _)| o)
                    .find(|&o| out[o].1.speaker.is_some());
                let near = before
                    .or(after)
                    .map(|o| (out[o].1.speaker.clone(), out[o].1.cue.clone()));
                let inherited = if let Some((Some(s), c)) = near {
                    Some((s, c))
                } else if let Some(prev) = self.spans[si]
                    .continues
                    .and_then(|p| quote_speaker[p].clone())
                {
                    Some((self.bytes(&prev.0), prev.1.map(|c| self.bytes(&c))))
                } else if opens_with_quote {
                    carried
                        .clone()
                        .map(|(s, c)| (self.bytes(&s), c.map(|c| self.bytes(&c))))
                } else {
                    None
                };
                if let Some((s, _)) = inherited {
                    out[oi].1.speaker = Some(s);
                    out[oi].1.confidence = 0.6;
                }
            }
            for &(oi, si) in &para_quotes {
                span_out[si] = Some(oi);
                // A quotation attributed only in its last paragraph ("“…\n\n“…,” he said")
                // attributes the paragraphs it continues.
                if out[oi].1.speaker.is_some() {
                    let mut p = self.spans[si].continues;
                    while let Some(prev) = p {
                        if let Some(po) = span_out[prev]
                            && out[po].1.speaker.is_none()
                        {
                            out[po].1.speaker = out[oi].1.speaker.clone();
                            out[po].1.confidence = 0.6;
                        }
                        p = self.spans[prev].continues;
                    }
                }
                if let Some(s) = &out[oi].1.speaker {
                    let st = self.tok_range(s);
                    if !st.is_empty() {
                        let cue = out[oi].1.cue.as_ref().map(|c| self.tok_range(c));
                        quote_speaker[si] = Some((st, cue));
                    }
                }
            }
            let last_q = para_quotes
                .last()
                .and_then(|&(_, si)| quote_speaker[si].clone());
            // A paragraph whose last sentence attributes a statement to a person ("… tešku
            // pogrešku, smatra Van Rompuy.") hands the speaker to a bare quotation after it.
            // Not a body or a paper ("The FBI concluded …", "Fox News reported …"): what
            // follows is as often someone it quotes.
            let last_sent = sents.last().map(|r| {
                let toks = &self.toks[r.clone()];
                toks.first().map_or(0, |t| t.start)..toks.last().map_or(0, |t| t.end)
            });
            let closing = (para_first_out..out.len())
                .max_by_key(|&o| out[o].1.content.start)
                .filter(|&o| {
                    last_sent
                        .as_ref()
                        .is_some_and(|r| r.contains(&out[o].1.content.start))
                })
                .and_then(|o| {
                    let f = &out[o].1;
                    let sp = f.speaker.as_ref()?;
                    let st = self.tok_range(sp);
                    let person = st.clone().any(|t| self.person_covers(t))
                        || ["he", "she"].contains(&self.text[sp.clone()].to_lowercase().as_str());
                    (person && !st.is_empty())
                        .then(|| (st, f.cue.as_ref().map(|c| self.tok_range(c))))
                });
            carried = announced
                .or(last_q.filter(|_| opens_with_quote))
                .or(closing);
        }
        out.sort_by_key(|(k, f)| (f.content.start, *k));
        // A quotation that no cue, announcement or neighbour in its paragraph attributes stays
        // unresolved rather than borrowing the nearest attributed speaker further off: that
        // guess was right in fewer than one case in six on PolNeAR train (it is mostly a quoted
        // document, a slogan, or someone the writer names sentences away), and a wrong speaker
        // costs more than an unknown one.
        out.into_iter()
            .map(|(_, f)| f)
            .filter(|f| !f.content.is_empty())
            .collect()
    }

    /// Attributes the quotations and reported speech of one sentence. Returns the speaker a
    /// sentence ending in a colon announces for the next paragraph.
    fn sentence(
        &self,
        sent: Range<usize>,
        out: &mut Vec<(usize, Found)>,
        para_quotes: &mut Vec<(usize, usize)>,
    ) -> Option<Handed> {
        let cues = self.cues(sent.clone());
        let mut quotes: Vec<(usize, Range<usize>)> = Vec::new();
        let mut i = sent.start;
        while i < sent.end {
            if let Some(q) = self.toks[i].quote {
                let mut j = i;
                while j < self.toks.len() && self.toks[j].quote == Some(q) {
                    j += 1;
                }
                quotes.push((q, i..j));
                i = j;
            } else {
                i += 1;
            }
        }
        let mut used: Vec<bool> = vec![false; cues.len()];
        // Where the quotation each used cue took ends.
        let mut took_end: Vec<usize> = vec![0; cues.len()];
        let mut speakers: Vec<Option<Speaker>> =
            cues.iter().map(|c| self.speaker(c, &sent)).collect();
        // Participles ("…, saying that …") take the sentence's subject.
        for (k, c) in cues.iter().enumerate() {
            if speakers[k].is_none() && lower(self.word(c.at.start)).ends_with("ing") {
                speakers[k] = self.subject(&sent).map(|at| Speaker {
                    at,
                    after_cue: false,
                });
            }
        }
        for (q, qt) in &quotes {
            let span = &self.spans[*q];
            let content = &self.text[span.content.clone()];
            let words = content.split_whitespace().count();
            if words == 0 {
                continue;
            }
            let at_start = self.starts_sentence(qt.start, &sent);
            // A title after a possessive ("MSNBC's “Morning Joe”") is no statement.
            let capitalised = content
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            let title = !at_start
                && qt.start > sent.start
                && (possessive(self.word(qt.start - 1))
                    || self.is(qt.start - 1, class::TITLE_INTRO))
                && is_cap(content.trim_start())
                && 2 * capitalised >= words;
            // An attribute value in markup the extractor left (`datetime="2016-06-29"`), or a
            // stage note ("(CROSSTALK.)"), is nobody's statement.
            let attribute = self.text[..span.open].ends_with('=');
            let trimmed = content.trim().trim_end_matches(['.', ',']);
            let note = trimmed.starts_with('(') && trimmed.ends_with(')');
            if title || attribute || note || self.title_name(qt, content, &cues, &sent) {
                continue;
            }
            let pick = self.pick_cue(&cues, &speakers, qt, &sent);
            let (kind, speaker, cue, confidence) = match pick {
                Some(k) => {
                    used[k] = true;
                    took_end[k] = took_end[k].max(qt.end);
                    let mut sp = speakers[k].clone();
                    // "“…,” Scott Pruitt, the Republican attorney general of Oklahoma, one of
                    // the states suing the EPA, said": the name right after the quotation.
                    if cues[k].at.start > qt.end
                        && let Some(name) = self.name_after(qt.end, cues[k].at.start)
                    {
                        sp = Some(Speaker {
                            at: name,
                            after_cue: false,
                        });
                    }
                    let lead_end = match &sp {
                        Some(s) if s.after_cue => s.at.end.max(cues[k].at.end),
                        _ => cues[k].at.end,
                    };
                    // "He stressed: “…”", "she said, “…”"
                    let introduced = lead_end <= qt.start
                        && (lead_end..qt.start).all(|t| matches!(self.word(t), ":" | ","))
                        && content
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
                    let kind = if at_start || introduced {
                        QuoteKind::Direct
                    } else {
                        QuoteKind::Mixed
                    };
                    let conf = if kind == QuoteKind::Direct { 0.9 } else { 0.8 };
                    (kind, sp.map(|s| s.at), Some(cues[k].at.clone()), conf)
                }
                None if at_start => (QuoteKind::Direct, None, None, 0.5),
                // "Obama is rolling out a new campaign message: “It's about me.”"
                None if qt.start > sent.start && self.word(qt.start - 1) == ":" => {
                    match self.subject(&sent).filter(|s| self.is_person(s)) {
                        Some(s) => (QuoteKind::Direct, Some(s), None, 0.5),
                        None => (QuoteKind::Direct, None, None, 0.4),
                    }
                }
                None => {
                    // A quoted fragment in the writer's sentence with no reporting verb: the
                    // sentence's subject said it, if the fragment is long enough to be a
                    // statement rather than a scare-quoted term or a title, and the subject
                    // is a person.
                    if words < 4 || span.level == Level::Single {
                        continue;
                    }
                    match self.subject(&sent).filter(|s| self.is_person(s)) {
                        Some(s) => (QuoteKind::Mixed, Some(s), None, 0.5),
                        None => continue,
                    }
                }
            };
            // A transcript line: "“PENCE: Well, look, …”" names its speaker first.
            let speaker = speaker.or_else(|| self.transcript_speaker(qt));
            if span.level == Level::Single && speaker.is_none() {
                continue;
            }
            out.push((
                out.len(),
                Found {
                    kind,
                    content: span.content.clone(),
                    outer: speaker
                        .as_ref()
                        .and_then(|s| self.outer_speaker(&cues, &speakers, s, pick))
                        .map(|s| self.bytes(&s)),
                    speaker: speaker.map(|s| self.bytes(&s)),
                    cue: cue.map(|c| self.bytes(&c)),
                    confidence,
                },
            ));
            para_quotes.push((out.len() - 1, *q));
        }
        // Reported speech for the cues no quotation took, in full sentences only: a line
        // without a full stop is a headline, caption or link.
        // A sentence set in brackets ends after its full stop: "(Liveris said it was
        // unrelated.)".
        let mut last = sent.end - 1;
        if last > sent.start && matches!(self.word(last), ")" | "]") {
            last -= 1;
        }
        let full = self.toks[last].kind == Kind::Punct
            && (matches!(self.word(last), "." | "!" | "?" | "…")
                || self.toks[last].quote.is_some());
        // A cue inside what an earlier cue reports is the outer source's statement ("Fowler
        // said he expects …" is Fowler's).
        let mut covered: Vec<Range<usize>> = cues
            .iter()
            .enumerate()
            .filter(|&(k, _)| used[k])
            .map(|(_, c)| c.at.end..sent.end)
            .collect();
        for (k, c) in cues.iter().enumerate() {
            // "Trump Says Praise From Putin Helps the U.S.": a headline whose speaker names
            // itself before "says" is a statement all the same.
            let headline = !full
                && c.class == CueClass::Say
                && matches!(lower(self.word(c.at.start)).as_str(), "says" | "said")
                && speakers[k].as_ref().is_some_and(|sp| {
                    !sp.after_cue && sp.at.start == sent.start && is_cap(self.word(sp.at.start))
                });
            if !full && !headline && c.class != CueClass::Lead {
                continue;
            }
            // What a name and a colon open, when no quotation took it: the rest of the line.
            if c.class == CueClass::Lead && !used[k] {
                let mut e = sent.end;
                while e > c.at.end && self.toks[e - 1].kind == Kind::Punct {
                    e -= 1;
                }
                if (c.at.end..e).any(|t| self.toks[t].quote.is_some()) {
                    continue;
                }
                out.push((
                    out.len(),
                    Found {
                        kind: QuoteKind::Indirect,
                        content: self.bytes(&(c.at.end..e)),
                        outer: None,
                        speaker: Some(self.bytes(&(sent.start..c.at.start))),
                        cue: Some(self.bytes(&c.at)),
                        confidence: 0.6,
                    },
                ));
                continue;
            }
            if used[k] || matches!(c.class, CueClass::Dash | CueClass::Lead | CueClass::Quote) {
                continue;
            }
            // "Graham called Trump “crazy” and said the party is bound to lose": a verb joined
            // to the subject's earlier one after the quotation that one took is a statement of
            // its own, not part of what the first verb reports.
            // So is a joined clause with a subject of its own: "Bob said there was “some
            // reporting” …, but he said he played no role".
            let conj = |t: usize| {
                t > sent.start
                    && self.is_word(t - 1)
                    && matches!(lower(self.word(t - 1)).as_str(), "and" | "but")
            };
            let own_subject = speakers[k]
                .as_ref()
                .is_some_and(|sp| !sp.after_cue && sp.at.end <= c.at.start && conj(sp.at.start));
            let joined = (conj(self.skip_back(c.at.start, &sent)) || own_subject)
                && cues
                    .iter()
                    .enumerate()
                    .any(|(j, u)| used[j] && u.at.end <= c.at.start && took_end[j] <= c.at.start);
            if !joined && covered.iter().any(|r| r.contains(&c.at.start)) {
                continue;
            }
            let Some(sp) = speakers[k].clone() else {
                continue;
            };
            // "Do you know where …?", "You can call it whatever you want": in news prose the
            // reader addressed; on PolNeAR train such reports matched no attribution more often
            // than an interview's "you" matched one.
            if sp.at.len() == 1 && lower(self.word(sp.at.start)) == "you" {
                continue;
            }
            let Some(content) = self.reported(c, &sp, &sent) else {
                continue;
            };
            // "Dodaje: „…“": what the cue reports is a quotation that is a statement already,
            // which takes this speaker if it has none, or a looser span around it ("Trump told
            // Newsmax" for "Trump"). Words before the quotation stay a statement of their own
            // ("Sunak defended the record whilst promising …: “…”").
            let stated_at = |t: usize| {
                let c = &self.spans[self.toks[t].quote?].content;
                out.iter().position(|(_, f)| f.content == *c)
            };
            let stated: Vec<usize> = content.clone().filter_map(stated_at).collect();
            let mut content = content;
            if stated.len() * 5 >= content.len() * 4 {
                let first = content
                    .clone()
                    .find(|&t| stated_at(t).is_some())
                    .unwrap_or(content.start);
                let mut end = first;
                while end > content.start && self.toks[end - 1].kind == Kind::Punct {
                    end -= 1;
                }
                let words = (content.start..end)
                    .filter(|&t| self.toks[t].kind != Kind::Punct)
                    .count();
                if words >= 3 {
                    content = content.start..end;
                } else {
                    let mine = self.bytes(&sp.at);
                    for o in stated {
                        let looser = out[o].1.speaker.as_ref().is_none_or(|s| {
                            s.start <= mine.start && mine.end <= s.end && *s != mine
                        });
                        if looser {
                            out[o].1.speaker = Some(mine.clone());
                            out[o].1.cue = Some(self.bytes(&c.at));
                        }
                    }
                    continue;
                }
            }
            // "About three in 10 said they prefer …, but six in 10 said they want …": what is
            // reported ends where a joined clause opens with a speaker and verb of its own.
            // So does a participle after a comma, which reports on its own: "Costa rejected
            // the plan, saying the port cannot afford it."
            let participle_at = cues.iter().zip(&speakers).find_map(|(c2, sp2)| {
                let t = c2.at.start.checked_sub(1)?;
                (sp2.is_some()
                    && t > content.start
                    && c2.at.start < content.end
                    && self.word(t) == ","
                    && self.toks[t].quote.is_none()
                    && lower(self.word(c2.at.start)).ends_with("ing"))
                .then_some(t)
            });
            let joined_at = cues.iter().zip(&speakers).find_map(|(c2, sp2)| {
                let sp2 = sp2.as_ref()?;
                if sp2.after_cue
                    || sp2.at.start <= content.start + 1
                    || sp2.at.end > c2.at.start
                    || c2.at.start >= content.end
                {
                    return None;
                }
                let t = sp2.at.start - 1;
                let w = lower(self.word(t));
                if w == ";" {
                    return Some(t);
                }
                (matches!(w.as_str(), "but" | "and" | "while" | "whereas")
                    && self.word(t - 1) == ","
                    && self.toks[t - 1].quote.is_none())
                .then_some(t - 1)
            });
            if let Some(cut) = joined_at.into_iter().chain(participle_at).min()
                && (content.start..cut)
                    .filter(|&t| self.toks[t].kind == Kind::Word)
                    .count()
                    >= 2
            {
                content = content.start..cut;
            }
            covered.push(content.clone());
            out.push((
                out.len(),
                Found {
                    kind: QuoteKind::Indirect,
                    content: self.bytes(&content),
                    outer: None,
                    speaker: Some(self.bytes(&sp.at)),
                    cue: Some(self.bytes(&c.at)),
                    confidence: 0.7,
                },
            ));
        }
        // "X said:" closing the sentence announces the next quotation.
        let last = sent.end.checked_sub(1)?;
        if self.word(last) == ":" && self.toks[last].quote.is_none() {
            for (k, c) in cues.iter().enumerate().rev() {
                if let Some(s) = &speakers[k] {
                    return Some((s.at.clone(), Some(c.at.clone())));
                }
            }
            // "On July 6, 2015, Sanders made the following comment:"
            return self
                .subject(&sent)
                .filter(|s| self.is_person(s))
                .map(|s| (s, None));
        }
        None
    }

    /// The speaker of the outermost cue before a pronoun speaker in its sentence ("Clinton says
    /// she appreciated … what she calls “…”"), when the pronoun can stand for it.
    fn outer_speaker(
        &self,
        cues: &[Cue],
        speakers: &[Option<Speaker>],
        sp: &Range<usize>,
        own: Option<usize>,
    ) -> Option<Range<usize>> {
        if sp.len() != 1 || !self.is(sp.start, class::PRONOUN) {
            return None;
        }
        let pw = lower(self.word(sp.start));
        // "“…,” she said" attributes its quotation itself, and a pronoun opening a coordinate
        // clause ("…, though he said") is a subject of its own: annotators keep the pronoun.
        let after_quote = (sp.start > 0 && self.toks[sp.start - 1].quote.is_some())
            || (sp.start > 1
                && self.word(sp.start - 1) == ","
                && self.toks[sp.start - 2].quote.is_some());
        let own_after = own.is_some_and(|k| cues[k].at.start >= sp.start) && after_quote;
        // Likewise the subject of a relative clause ("bills …, which he called “a cartel”").
        let coordinate = sp.start > 0
            && (matches!(
                lower(self.word(sp.start - 1)).as_str(),
                "but"
                    | "though"
                    | "although"
                    | "while"
                    | "whereas"
                    | "yet"
                    | "and"
                    | "or"
                    | "so"
                    | "which"
                    | "whom"
                    | "what"
                    | "whose"
            ) || matches!(self.word(sp.start - 1), "," | ")" | "(" | "—" | "–"));
        if own_after || coordinate {
            return None;
        }
        for (k, c) in cues.iter().enumerate() {
            if Some(k) == own
                || !matches!(
                    c.class,
                    CueClass::Say | CueClass::Tell | CueClass::According | CueClass::Stance
                )
            {
                continue;
            }
            let Some(o) = &speakers[k] else { continue };
            if o.at.end > sp.start || c.at.end > sp.start || o.at.is_empty() {
                continue;
            }
            // A new clause or a quotation of its own between them ends the outer report.
            if (c.at.end..sp.start).any(|t| self.word(t) == ";") {
                continue;
            }
            let head = lower(self.word(o.at.end - 1));
            let outer_pronoun = o.at.len() == 1 && self.is(o.at.start, class::PRONOUN);
            let fits = match pw.as_str() {
                "he" | "she" => {
                    if outer_pronoun {
                        head == pw
                    } else {
                        // A person's name or role, not a plural group ("officials").
                        !head.ends_with('s') || is_cap(self.word(o.at.end - 1))
                    }
                }
                "they" | "it" => {
                    if outer_pronoun {
                        head == pw
                    } else {
                        true
                    }
                }
                "i" | "we" => head == pw,
                // "Rival Hillary Clinton had mocked the complaint, saying anybody who complains
                // about a microphone “is not having a good night”": the relative clause is part
                // of the outer statement.
                "who" => true,
                _ => false,
            };
            if fits {
                return Some(o.at.clone());
            }
            // Only the outermost speaker can be the source.
            return None;
        }
        None
    }

    /// Cues outside quotations, in order.
    fn cues(&self, sent: Range<usize>) -> Vec<Cue> {
        let mut out = Vec::new();
        // "Rush Limbaugh: Hillary … ‘Reeks of Fear.’": a name and a colon open a headline.
        let colon = (sent.start..(sent.start + 8).min(sent.end)).find(|&k| self.word(k) == ":");
        if let Some(c) = colon {
            // "Correction:" or "Update:" is a label, no speaker.
            // A name is short; five capitalised words before a colon are a section heading
            // ("Veto Power Impedes Peace Efforts: …").
            let named = c > sent.start
                && c - sent.start <= 4
                && (sent.start..c).all(|k| self.is_word(k) && is_cap(self.word(k)))
                && (c > sent.start + 1 || !self.is(sent.start, class::LABEL));
            let quoted = (c + 1..sent.end).any(|k| self.toks[k].quote.is_some());
            // "Lynch: No outside influence on FBI probe", "MATTHEWS: Well, speculation is bad":
            // unquoted, only a person the analysis found speaks so; a place or a label
            // ("Belgrade:", "Photo:") does not.
            let spoken = !quoted
                && c > sent.start
                && !self.people.is_empty()
                && self.is_person(&(sent.start..c))
                && (c + 1..sent.end).filter(|&k| self.is_word(k)).count() >= 3;
            if named && (quoted || spoken) {
                out.push(Cue {
                    at: c..c + 1,
                    class: CueClass::Lead,
                });
            }
        }
        let mut i = sent.start;
        while i < sent.end {
            // "“…” ― Martha Aguilar": a dash right after a quotation, then a name, signs it.
            // A hyphen, which also stands for a dash inside sentences, signs only with a space on
            // both sides and a name of two to four words after it that ends the sentence:
            // "“…” - Matthew Ingram".
            let spaced = |k: usize| {
                let mut e = sent.end;
                while e > k + 1 && self.toks[e - 1].kind == Kind::Punct {
                    e -= 1;
                }
                k > 0
                    && k + 1 < self.toks.len()
                    && self.toks[k - 1].end < self.toks[k].start
                    && self.toks[k].end < self.toks[k + 1].start
                    && (3..=5).contains(&(e - k))
                    && (k + 1..e).all(|t| self.is_word(t) && is_cap(self.word(t)))
            };
            let signed = i > sent.start
                && self.toks[i].quote.is_none()
                && (matches!(self.word(i), "―" | "—" | "–") || (self.word(i) == "-" && spaced(i)))
                && self.toks[i - 1].quote.is_some()
                && i + 1 < sent.end
                && self.is_word(i + 1)
                && is_cap(self.word(i + 1));
            if signed {
                out.push(Cue {
                    at: i..i + 1,
                    class: CueClass::Dash,
                });
                i += 1;
                continue;
            }
            if !self.is_word(i) {
                i += 1;
                continue;
            }
            match self.cue_at(i, &sent) {
                Some((n, class)) => {
                    out.push(Cue {
                        at: i..i + n,
                        class,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        // "Discussing his concern in a public statement, Malaysia's Prime Minister, Najib
        // Razak said, “…”", "Writing for the Times, Barabak noted …": a participle opening
        // the sentence with an object or a prepositional phrase sets the scene for the main
        // verb's report, and is none itself. ("Claiming the criticism is designed to …,
        // Trump told Fox" does report, a clause.)
        if out.len() > 1
            && out[0].at.start == sent.start
            && lower(self.word(out[0].at.end - 1)).ends_with("ing")
            && (out[0].class == CueClass::Stance
                || (out[0].at.end < sent.end
                    && matches!(
                        lower(self.word(out[0].at.end)).as_str(),
                        "for" | "in" | "on" | "to" | "about" | "with" | "from" | "at"
                    )))
        {
            out.remove(0);
        }
        out
    }

    /// The reporting phrase starting at token `i`, if any: its length and class.
    fn cue_at(&self, i: usize, sent: &Range<usize>) -> Option<(usize, CueClass)> {
        let cands = self.lex.cues.get(low(self.word(i)).as_ref())?;
        for (words, class) in cands {
            let n = words.len();
            if i + n > sent.end {
                continue;
            }
            if !(0..n).all(|k| self.is_word(i + k) && lower(self.word(i + k)) == words[k]) {
                continue;
            }
            if *class == CueClass::Colon && !(i + n < sent.end && self.word(i + n) == ":") {
                continue;
            }
            if *class == CueClass::According {
                return Some((n, *class));
            }
            // "All told, super PACs spent …": an idiom for "in total".
            if n == 1
                && lower(self.word(i)) == "told"
                && i > sent.start
                && lower(self.word(i - 1)) == "all"
            {
                continue;
            }
            // "Recent reports have revealed …", "Claims are growing": an -s form before an
            // auxiliary or another verb of saying is a plural noun, the subject.
            let cw = lower(self.word(i + n - 1));
            if n == 1
                && cw.ends_with('s')
                && cw != "says"
                && i + 1 < sent.end
                && self.is_word(i + 1)
                && matches!(
                    lower(self.word(i + 1)).as_str(),
                    "have"
                        | "has"
                        | "had"
                        | "are"
                        | "were"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "show"
                        | "showed"
                        | "say"
                        | "said"
                        | "suggest"
                        | "suggested"
                        | "indicate"
                        | "indicated"
                )
            {
                continue;
            }
            // A capitalised verb mid-sentence is a name ("the United States"), unless the whole
            // line is a title-case headline ("Chris Christie Calls Hillary Clinton ‘A
            // Disgrace’").
            if i > sent.start && is_cap(self.word(i)) && !self.title_case(sent) {
                continue;
            }
            if i > sent.start && self.is_word(i - 1) {
                let p = self.word(i - 1);
                // "the state", "a report", "NATO’s continued support": a noun or modifier. A
                // quantifier standing alone before a past tense is the subject: "the mother of
                // three replied".
                let cw = lower(self.word(i));
                let past = cw.ends_with("ed") || self.lex.is(&cw, class::PAST);
                let subject = self.lex.is(p, class::STANDALONE) && past;
                if (self.lex.is(p, class::DETERMINER) && !subject) || possessive(p) {
                    continue;
                }
                // "to say", "to add": an infinitive reports nothing yet.
                if lower(p) == "to" {
                    continue;
                }
                // "It goes without saying that …": a gerund governed by a preposition other
                // than a time word ("after saying") is a noun, not a report.
                if cw.ends_with("ing") && matches!(lower(p).as_ref(), "without" | "of" | "for") {
                    continue;
                }
            }
            return Some((n, *class));
        }
        None
    }

    fn speaker(&self, cue: &Cue, sent: &Range<usize>) -> Option<Speaker> {
        if cue.class == CueClass::Lead {
            return Some(Speaker {
                at: sent.start..cue.at.start,
                after_cue: false,
            });
        }
        if matches!(cue.class, CueClass::According | CueClass::Dash) {
            // "according to data released Friday by state regulators": a source in common
            // nouns runs to its clause's end.
            let described = || {
                (cue.class == CueClass::According && lower(self.word(cue.at.start)) == "according")
                    .then(|| {
                        let e = (cue.at.end..sent.end)
                            .take(10)
                            .take_while(|&t| self.is_word(t) && self.toks[t].quote.is_none())
                            .last()?;
                        Some(cue.at.end..e + 1)
                    })
                    .flatten()
            };
            // "according to an analysis by the Pew Research Center": the body behind the
            // document is named too.
            let by_body = |at: Range<usize>| {
                let named = at.end + 1 < sent.end
                    && cue.class == CueClass::According
                    && matches!(lower(self.word(at.end)).as_str(), "by" | "from" | "of")
                    && (is_cap(self.word(at.end + 1))
                        || (lower(self.word(at.end + 1)) == "the"
                            && at.end + 2 < sent.end
                            && is_cap(self.word(at.end + 2))));
                match named.then(|| self.np_forward(at.end + 1, sent)).flatten() {
                    Some(body) => at.start..body.end,
                    None => at,
                }
            };
            return self
                .np_forward(cue.at.end, sent)
                .map(by_body)
                .or_else(described)
                .map(|at| Speaker {
                    at,
                    after_cue: true,
                });
        }
        let sh = self.sh_verb(cue);
        let b = self.skip_back(cue.at.start, sent);
        let b = if sh { self.skip_back_sh(b, sent) } else { b };
        if sh {
            // "…, kao što je rekao visoki predstavnik Pedi Ešdaun, …" and "…, kako je kazao
            // gradonačelnik Duhović, …": "as X said" names its speaker after the verb.
            let as_said = (b >= sent.start + 2
                && matches!(lower(self.word(b - 1)).as_str(), "što" | "што")
                && matches!(lower(self.word(b - 2)).as_str(), "kao" | "као"))
                || (b > sent.start
                    && matches!(
                        lower(self.word(b - 1)).as_str(),
                        "kako" | "kao" | "како" | "као"
                    ));
            if as_said {
                let f = self.skip_forward(cue.at.end, sent);
                return self
                    .person_after(f, sent)
                    .or_else(|| self.np_forward(f, sent))
                    .map(|at| Speaker {
                        at,
                        after_cue: true,
                    });
            }
            // "navodi se u priopćenju", "u izvješću se navodi": impersonal, no one speaks.
            let reflexive =
                |t: usize| t < sent.end && self.is_word(t) && self.is(t, class::REFLEXIVE);
            if reflexive(cue.at.end) || (cue.at.start > sent.start && reflexive(cue.at.start - 1)) {
                return None;
            }
            // "Babić je odlučio …, ali kaže da …": the sentence's subject.
            if b > sent.start && self.is_word(b - 1) && self.is(b - 1, class::CONJUNCTION_SH) {
                return self.subject(sent).map(|at| Speaker {
                    at,
                    after_cue: false,
                });
            }
            // "Alex Kipman iz Microsofta, prekjučer je … pojasnio kako …": a person opening
            // the sentence, set off by its only comma, is the subject, when the verb's clause
            // goes on with "da"/"kako" (else "…, rekao je" reports the words before the comma).
            let clause_follows = (cue.at.end..(cue.at.end + 2).min(sent.end))
                .any(|t| self.is_word(t) && self.is(t, class::COMPLEMENTIZER));
            if clause_follows
                && b > sent.start + 1
                && self.word(b - 1) == ","
                && self.toks[b - 1].quote.is_none()
                && !(sent.start..b - 1).any(|t| matches!(self.word(t), "," | ";" | ":"))
                && let Some(at) = self.np_backward_sh(b - 2, sent)
                && self.is_person(&at)
            {
                return Some(Speaker {
                    at,
                    after_cue: false,
                });
            }
        }
        // "…, izjavio je u ponedeljak ministar odbrane Petar Ilić.": after a comma, a person
        // named after the verb in its clause is the speaker, and what the comma closes is
        // what was said.
        // "…, priopćio je u srijedu (17. prosinca) Međunarodni kazneni tribunal": a body named
        // in capitals there is one too, running on over lower-case words to the clause's end
        // ("… tribunal za bivšu Jugoslaviju"), up to eight words.
        let named_after = |f: usize| {
            if !(f < sent.end && self.is_word(f) && is_cap(self.word(f))) {
                return None;
            }
            let e = (f..(f + 8).min(sent.end))
                .take_while(|&t| {
                    self.is_word(t)
                        && !self.is(t, class::COMPLEMENTIZER)
                        && !self.is(t, class::CONJUNCTION_SH)
                        && !self.is(t, class::RELATIVE)
                })
                .last()?;
            Some(f..e + 1)
        };
        if sh
            && b > sent.start
            && self.word(b - 1) == ","
            && self.toks[b - 1].quote.is_none()
            && let Some(at) = self
                .person_after(self.skip_forward(cue.at.end, sent), sent)
                .or_else(|| self.person_after(cue.at.end, sent))
                .or_else(|| {
                    let clitic_end = (cue.at.end..(cue.at.end + 1).min(sent.end))
                        .find(|&t| self.is_word(t) && is_clitic(&lower(self.word(t))))
                        .map_or(cue.at.end, |t| t + 1);
                    named_after(self.skip_forward(clitic_end, sent))
                })
        {
            return Some(Speaker {
                at,
                after_cue: true,
            });
        }
        if let Some(clitic) = self.zero_subject(cue, b, sent) {
            return Some(Speaker {
                at: clitic.clone(),
                after_cue: true,
            });
        }
        // Passive: "The issue was first reported by The Washington Post."
        let passive = (b..cue.at.start).any(|k| self.is(k, class::BE))
            && cue.at.end < sent.end
            && lower(self.word(cue.at.end)) == "by";
        if passive {
            return self.np_forward(cue.at.end + 1, sent).map(|at| Speaker {
                at,
                after_cue: true,
            });
        }
        // A passive without its agent ("people were mistakenly charged fees", "he was asked
        // whether …", "if a replacement were offered", "they were found swimming"): the subject
        // heard, received or underwent it.
        let cw = lower(self.word(cue.at.end - 1));
        let participle = cw.ends_with("ed") || self.lex.is(&cw, class::PAST);
        if participle
            && cue.at.len() == 1
            && matches!(
                cue.class,
                CueClass::Say | CueClass::Tell | CueClass::Quote | CueClass::Stance
            )
            && (b..cue.at.start).any(|k| self.is(k, class::BE))
        {
            return None;
        }
        // "Trump has used the phrase often, and criticized Obama": the sentence's subject.
        if b > sent.start && matches!(lower(self.word(b - 1)).as_str(), "and" | "but") {
            return self.subject(sent).map(|at| Speaker {
                at,
                after_cue: false,
            });
        }
        // "Rep. Gwen Moore (D-Wis.) said": past the parenthesis.
        if let Some(open) = self.paren_before(b, sent)
            && open > sent.start
            && self.is_word(open - 1)
        {
            return self.np_backward(open - 1, sent).map(|at| Speaker {
                at,
                after_cue: false,
            });
        }
        let prev_is_word = b > sent.start && self.is_word(b - 1);
        // A participle after a common noun ("at a news conference announcing …") has the
        // sentence's subject; after a name or pronoun it has that ("Trump saying …").
        let participle = lower(self.word(cue.at.end - 1)).ends_with("ing");
        if participle
            && prev_is_word
            && !is_cap(self.word(b - 1))
            && !self.is(b - 1, class::PRONOUN)
        {
            return None;
        }
        if prev_is_word && sh {
            return self.np_backward_sh(b - 1, sent).map(|at| Speaker {
                at,
                after_cue: false,
            });
        }
        if prev_is_word {
            if let Some(at) = self.np_backward(b - 1, sent) {
                // A stance verb's bare form ("support", "believe") is a verb only after a
                // plural subject: "they believe", "voters support", not "continued support".
                let cw = lower(self.word(cue.at.start));
                let bare = cue.class == CueClass::Stance
                    && !cw.ends_with('s')
                    && !cw.ends_with("ed")
                    && !cw.ends_with("ing");
                let head = lower(self.word(at.end - 1));
                let plural = self.lex.is(&head, class::PLURAL)
                    || (head.ends_with('s') && !head.ends_with("ss"));
                // An auxiliary makes it a verb whatever the subject: "she did not mention …".
                let aux = (b..cue.at.start).any(|k| self.is(k, class::AUX));
                if bare && !plural && !aux {
                    return None;
                }
                // "renewed fears", "stock market declines": after a bare common noun an -s
                // form is a plural noun, not a verb.
                let first = self.word(at.start);
                let described = is_cap(first)
                    || self.lex.is(first, class::DETERMINER)
                    || self.lex.is(first, class::PRONOUN);
                if cue.class == CueClass::Stance && cw.ends_with('s') && !described {
                    return None;
                }
                // "32% of Republican claims", "dubious medical claims": after one bare word
                // that is the object of "of" or lower case, an -s form other than "says" is a
                // plural noun.
                let noun_s = cw.ends_with('s') && cw != "says" && !cw.ends_with("ss");
                let after_of = at.start > sent.start
                    && self.is_word(at.start - 1)
                    && lower(self.word(at.start - 1)) == "of";
                let bare = at.len() == 1
                    && !plural
                    && !self.lex.is(first, class::DETERMINER)
                    && !self.lex.is(first, class::PRONOUN);
                if noun_s && bare && (after_of || !is_cap(first)) {
                    return None;
                }
                return Some(Speaker {
                    at,
                    after_cue: false,
                });
            }
            // "I laughed and said": the subject of the first verb.
            if b >= sent.start + 3 && lower(self.word(b - 1)) == "and" && self.is_word(b - 2) {
                let v = self.skip_back(b - 2, sent);
                if v > sent.start
                    && self.is_word(v - 1)
                    && !is_cap(self.word(b - 2))
                    && let Some(at) = self.np_backward(v - 1, sent)
                {
                    return Some(Speaker {
                        at,
                        after_cue: false,
                    });
                }
            }
        }
        // A participle ("…, saying that …") has the sentence's subject: see `sentence`.
        if lower(self.word(cue.at.end - 1)).ends_with("ing") {
            return None;
        }
        // After "told" stands the addressee ("told The Huffington Post"), never the speaker.
        if cue.class == CueClass::Tell {
            return self.apposition_subject(b, sent);
        }
        // "Mary Susan, clad in a red cape, said the convention could be a “failure”": a
        // subject before an apposition outranks a noun phrase after the verb, which is then
        // the start of the reported clause.
        // "…, and the meeting deteriorated from there, said one GOP source in the room.": a
        // noun phrase closing the sentence after the verb is the speaker, whatever came before.
        // Only a verb of saying inverts; after "endorsed" or "criticized" the phrase is its
        // object ("Howard, …, endorsed Sen. Ted Cruz.").
        let inverts = cue.class == CueClass::Say;
        // In sr/hr/bs past the clitic and what stands between: "…, poručili su međunarodni
        // dužnosnici." closes with its subject in lower case.
        let closing_from = if sh {
            self.skip_forward(cue.at.end, sent)
        } else {
            cue.at.end
        };
        let closing = self.np_forward(closing_from, sent).filter(|at| {
            let w = self.word(at.start);
            let described = is_cap(w) || self.lex.is(w, class::DETERMINER) || sh;
            if !inverts || !described || self.is(at.start, class::PRONOUN) {
                return false;
            }
            let mut end = sent.end;
            while end > at.end && self.toks[end - 1].kind == Kind::Punct {
                end -= 1;
            }
            end == at.end
                || (end - at.end <= 6
                    && self.is(at.end, class::NP_TAIL)
                    && !self.is(at.end, class::ADVERBIAL)
                    && (at.end..end).all(|t| self.is_word(t)))
                // "…, said Steve Grubbs, an Iowa operative working for Rand Paul's
                // campaign.": a person, then what describes them.
                || (!sh
                    && self.word(at.end) == ","
                    && self.toks[at.end].quote.is_none()
                    && !self.people.is_empty()
                    && self.is_person(at))
        });
        if b > sent.start
            && self.word(b - 1) == ","
            && self.toks[b - 1].quote.is_none()
            && closing.is_none()
            && let Some(sp) = self.apposition_subject(b, sent)
        {
            return Some(sp);
        }
        // "“…,” said Caddell." / "…, says the report." / "…”, rekao je Đukanović."
        // Past what stands between the verb and an inverted speaker: "rekao je za SETimes
        // Berisha", "kazao je u srijedu …".
        let f = self.skip_forward(cue.at.end, sent);
        // Without the skip, a phrase right after the verb ("said officials"); never one that
        // opens with what the skip passes over ("rekao je za SETimes" names no one).
        let unskipped = || {
            let w = self.word(cue.at.end);
            let passable = self.is(cue.at.end, class::BETWEEN)
                || self.is(cue.at.end, class::OUTLET)
                || is_time_word(w);
            if f > cue.at.end && passable {
                None
            } else {
                self.np_forward(cue.at.end, sent)
            }
        };
        if let Some(at) = self.np_forward(f, sent).or_else(unskipped) {
            let end_ok = at.end >= sent.end || {
                let w = self.word(at.end);
                matches!(w, "," | "." | ";" | ":" | "!" | "?" | "(" | "—" | "–" | "-")
                    || self.toks[at.end].quote.is_some()
                    || self.lex.is(w, class::ADVERBIAL)
                    || self.lex.is(w, class::NP_TAIL)
                    // "rekao je Ivanović za beogradske medije"
                    || self.lex.is(w, class::OUTLET)
                    || is_time_word(w)
                    // "“…,” said Bolden to the gathered crowd": whom a name after the verb
                    // spoke to, right after a quotation.
                    || (!prev_is_word
                        && matches!(lower(w).as_str(), "to" | "before")
                        && is_cap(self.word(at.start)))
            };
            let lead_ok = b == sent.start || !prev_is_word;
            if end_ok && lead_ok {
                // "kazao je podtajnik UN-a za politička pitanja Kieran Prendergast": in sr/hr
                // a title and its owner, then more description, then the name.
                let at = if sh && !self.is_person(&at) {
                    self.person_after(at.end, sent).unwrap_or(at)
                } else if sh {
                    // The person mention that opens the phrase: "kazao je Prendergast
                    // Vijeću" (then whom it was told to), "izjavio je koordinator EU za borbu
                    // protiv terorizma Gilles de Kerchove" (a title, its portfolio, the name).
                    self.person_after(at.start, sent)
                        .filter(|p| p.start == at.start)
                        .unwrap_or(at)
                } else {
                    at
                };
                return Some(Speaker {
                    at,
                    after_cue: true,
                });
            }
        }
        // "„…“, kaže poslanik BSP i član parlamentarnog odbora za zaštitu životne sredine
        // Georgi Božinov za SETimes.": a description too long for a noun phrase, then the name.
        // Past a time and a parenthesis too: "saopštio je u ponedeljak (15. jun) turski
        // ministar kulture i turizma Ertugrul Gunaj".
        if inverts
            && !prev_is_word
            && sh
            && let Some(at) = self
                .person_after(cue.at.end, sent)
                .or_else(|| self.person_after(f, sent))
        {
            return Some(Speaker {
                at,
                after_cue: true,
            });
        }
        self.apposition_subject(b, sent)
    }

    /// Steps back over what stands between a Serbian or Croatian subject and its verb beyond
    /// [`Ctx::skip_back`]'s words: the clitic, sentence and manner adverbs, a short
    /// parenthesis, and a time or place phrase of a preposition and lower-case words
    /// ("Bliznakov je u ponedeljak objasnio", "Solana početkom nedelje je rekao", "Milenković
    /// je jednostavno tvrdio"). A phrase with a capitalised word ("u Vojvodini") may instead
    /// qualify the subject, and stays for [`Ctx::np_backward_sh`].
    fn skip_back_sh(&self, mut b: usize, sent: &Range<usize>) -> usize {
        'step: while b > sent.start {
            if let Some(open) = self.paren_before(b, sent) {
                b = open;
                continue;
            }
            if !self.is_word(b - 1) {
                break;
            }
            let w = self.word(b - 1);
            // A preposition right before the verb has lost its object to `skip_back`'s time
            // words ("u utorak", "početkom nedelje").
            if self.is(b - 1, class::BETWEEN)
                || self.is(b - 1, class::ADVERB_SH)
                || self.is(b - 1, class::ADVERB_SH_MANNER)
                || (self.is(b - 1, class::PREPOSITION_SH) && !is_cap(w))
                || is_time_word(w)
            {
                b -= 1;
                continue;
            }
            // "Ševron je za SETimes u imejlu izjavio": a name right after a preposition is its
            // object, not the subject ("prema", "po" and "od" name a source or an agent, and
            // "iz Microsofta su upozorili" the body the speakers come from).
            if b >= sent.start + 2
                && is_cap(w)
                && self.is_word(b - 2)
                && self.is(b - 2, class::PREPOSITION_SH)
                && !is_cap(self.word(b - 2))
                && !matches!(
                    crate::names::latin_word(self.word(b - 2))
                        .to_lowercase()
                        .as_str(),
                    "prema" | "po" | "od" | "iz"
                )
            {
                b -= 2;
                continue;
            }
            // The nearest preposition up to three words back, all of them lower case.
            let lowest = b.saturating_sub(4).max(sent.start);
            for k in (lowest..b - 1).rev() {
                let t = k + 1;
                let plain = self.is_word(t)
                    && (!is_cap(self.word(t)) || is_time_word(self.word(t)))
                    && !self.is(t, class::COMPLEMENTIZER)
                    && !self.is(t, class::CONJUNCTION_SH);
                if !plain {
                    break;
                }
                if self.is_word(k) && self.is(k, class::PREPOSITION_SH) {
                    b = k;
                    continue 'step;
                }
            }
            break;
        }
        b
    }

    /// The Serbian or Croatian subject ending at token `e`, with what qualifies its head
    /// before it: adjectives and capitalised possessives ("Erdoganove vlade"), a title
    /// ("ministar iz Erdoganove vlade", "premijer pokrajine"), and prepositional phrases after
    /// the head ("Marija Šoentaler iz nemačke zajednice u Vojvodini"). A relative pronoun
    /// stands for the noun it follows, and for the person that noun describes ("Dinua
    /// Patričua, biznismena koji je rekao").
    fn np_backward_sh(&self, e: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        if self.is(e, class::RELATIVE) && !is_cap(self.word(e)) {
            // "što je rekao" (what he said), "gde je rekao" (where): no one.
            if !matches!(
                lower(self.word(e)).as_str(),
                "koji" | "koja" | "koje" | "који" | "која" | "које"
            ) {
                return None;
            }
            let mut k = e;
            if k > sent.start && self.word(k - 1) == "," {
                k -= 1;
            }
            if k == sent.start || !self.is_word(k - 1) || self.is(k - 1, class::RELATIVE) {
                return None;
            }
            let np = self.np_backward_sh(k - 1, sent)?;
            if np.start >= sent.start + 2
                && self.word(np.start - 1) == ","
                && let Some(p) = self.person_ending(np.start - 1)
            {
                return Some(p);
            }
            return Some(np);
        }
        let mut np = self.np_backward(e, sent)?;
        for _ in 0..6 {
            let s = np.start;
            // A person named at the head ends the phrase: "američki veleposlanik u Grčkoj
            // Charles Ries" is Ries.
            if s <= sent.start || !self.is_word(s - 1) || self.person_covers(np.end - 1) {
                break;
            }
            let p = self.word(s - 1);
            let head_lower = !is_cap(self.word(s));
            if !is_cap(p)
                && self.is(s - 1, class::PREPOSITION_SH)
                && s - 1 > sent.start
                && self.is_word(s - 2)
                && self.noun_like_sh(s - 2)
            {
                // The phrase qualifies the noun before it, which is the speaker: "ministar iz
                // Erdoganove vlade" is a minister, not Erdoğan.
                np = self.np_backward(s - 2, sent).unwrap_or(s - 2..s - 1);
            } else {
                // An adjective or capitalised possessive before a common-noun head
                // ("Erdoganove vlade"), a title ("premijer pokrajine"), or a noun and its
                // genitive inside a phrase that goes on ("iz udruge potrošača").
                let modifier = is_cap(p)
                    && head_lower
                    && !self.is(s - 1, class::PREPOSITION_SH)
                    && !self.is(s - 1, class::ADVERB_SH)
                    && !self.is(s - 1, class::INTRO);
                let adjective = !is_cap(p) && (adjective_sh(p) || self.is_title_sh(s - 1));
                let genitive_head = !is_cap(p)
                    && self.noun_like_sh(s - 1)
                    && s - 1 > sent.start
                    && self.is_word(s - 2)
                    && !is_cap(self.word(s - 2))
                    && self.is(s - 2, class::PREPOSITION_SH);
                if !(modifier || adjective || genitive_head) {
                    break;
                }
                np = s - 1..np.end;
            }
        }
        Some(np)
    }

    /// Whether token `t` may head a Serbian or Croatian noun phrase: no verb form, clitic or
    /// function word.
    fn noun_like_sh(&self, t: usize) -> bool {
        let w = lower(self.word(t));
        w.chars().all(char::is_alphabetic)
            && participle_agreement(&w) != Some(Agreement::Masculine)
            && !is_clitic(&w)
            && ![
                class::BETWEEN,
                class::PREPOSITION_SH,
                class::COMPLEMENTIZER,
                class::CONJUNCTION_SH,
                class::ADVERB_SH,
                class::ADVERB_SH_MANNER,
                class::RELATIVE,
                class::REFLEXIVE,
            ]
            .iter()
            .any(|&c| self.is(t, c))
    }

    /// Whether token `t` is a word of the role-title table ("ministar", "premijer").
    fn is_title_sh(&self, t: usize) -> bool {
        let key = crate::names::match_key(self.word(t));
        !key.is_empty()
            && !key.contains(' ')
            && crate::roles::get()
                .title_by_stems(&[crate::stem::stem_folded(&key)])
                .is_some()
    }

    /// Whether a person mention covers token `t`.
    fn person_covers(&self, t: usize) -> bool {
        let b = self.toks[t].start;
        self.people.iter().any(|p| p.start <= b && b < p.end)
    }

    /// The person mention whose last token is `t - 1`, as a token range.
    fn person_ending(&self, t: usize) -> Option<Range<usize>> {
        self.people
            .iter()
            .map(|p| self.tok_range(p))
            .find(|r| !r.is_empty() && r.end == t)
    }

    /// The first person the analysis found after token `from` in its clause: up to 16 words
    /// on, before any comma, quotation or clause word. As a token range.
    fn person_after(&self, from: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        if self.people.is_empty() {
            return None;
        }
        for t in from..sent.end.min(from + 16) {
            if !self.is_word(t) || self.is(t, class::COMPLEMENTIZER) {
                return None;
            }
            let start = self.toks[t].start;
            if let Some(p) = self.people.iter().find(|p| p.start == start) {
                let r = self.tok_range(p);
                return (!r.is_empty()).then_some(r);
            }
        }
        None
    }

    /// Past what stands between a verb and an inverted speaker: "rekao je za SETimes
    /// Berisha", "kazao je u srijedu …", "said on Tuesday". Returns the first token after.
    fn skip_forward(&self, from: usize, sent: &Range<usize>) -> usize {
        let mut f = from;
        while f < sent.end && f - from < 12 {
            // "priopćio je u srijedu (17. prosinca) Međunarodni kazneni tribunal": past a
            // short parenthesis.
            if self.word(f) == "(" && f > from {
                match (f + 1..(f + 8).min(sent.end)).find(|&t| self.word(t) == ")") {
                    Some(close) => {
                        f = close + 1;
                        continue;
                    }
                    None => break,
                }
            }
            // "rekao je u ponedjeljak, 15. lipnja, turski ministar …": past a date set off
            // by commas after a time word.
            if self.word(f) == ","
                && f > from
                && is_time_word(self.word(f - 1))
                && let Some(close) = (f + 2..(f + 6).min(sent.end)).find(|&t| self.word(t) == ",")
                && (f + 1..close).all(|t| {
                    let w = self.word(t);
                    w == "." || w.chars().all(|c| c.is_ascii_digit()) || is_time_word(w)
                })
                && (f + 1..close).any(|t| self.word(t).chars().all(|c| c.is_ascii_digit()))
            {
                f = close + 1;
                continue;
            }
            if !self.is_word(f) || f - from >= 5 {
                break;
            }
            if self.is(f, class::BETWEEN) || is_time_word(self.word(f)) {
                f += 1;
            } else if f + 1 < sent.end
                && self.is_word(f + 1)
                && (self.is(f, class::OUTLET)
                    || (self.is(f, class::ADVERBIAL) && is_time_word(self.word(f + 1))))
            {
                f += 2;
                // "za beogradske medije": an outlet named in lower-case words runs on to them.
                if self.is(f - 2, class::OUTLET) && !is_cap(self.word(f - 1)) {
                    while f < sent.end
                        && f - from < 5
                        && self.is_word(f)
                        && !is_cap(self.word(f))
                        && !self.is(f, class::COMPLEMENTIZER)
                    {
                        f += 1;
                    }
                }
            } else {
                break;
            }
        }
        f
    }

    /// Whether a cue is a Serbian, Croatian or Bosnian verb form: a past participle (with its
    /// clitic next to it) or a present singular from the table.
    fn sh_verb(&self, cue: &Cue) -> bool {
        // No English reporting verb ends like a participle (-ao, -la, -li, …).
        self.present_singular(cue) || participle_agreement(self.word(cue.at.start)).is_some()
    }

    /// A one-word cue in the Serbian or Croatian present singular ("kaže", "tvrdi").
    fn present_singular(&self, cue: &Cue) -> bool {
        cue.at.len() == 1 && self.is(cue.at.start, class::PRESENT_SINGULAR)
    }

    /// Serbian, Croatian and Bosnian leave a pronoun subject out: "„…“, rekao je.", "Kazao je
    /// da …", "…, rekla je za SETimes.". A past participle with its clitic right after it and
    /// no subject before it or named after it: the clitic's token range, which stands for the
    /// subject as "he" would (the analysis finds the person, see `quotes::find`).
    fn zero_subject(&self, cue: &Cue, b: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        if !matches!(cue.class, CueClass::Say | CueClass::Tell) {
            return None;
        }
        // The clitic inside the cue phrase ("rekao je novinarima") or right after the verb;
        // a verb in the present singular ("kaže") marks its own left-out subject.
        let clitic = if self.present_singular(cue) {
            cue.at.start
        } else {
            participle_agreement(self.word(cue.at.start))?;
            (cue.at.start + 1..=cue.at.end)
                .take_while(|&t| t < sent.end && self.is_word(t))
                .find(|&t| is_clitic(&lower(self.word(t))))?
        };
        // A subject right before the verb: "Železnička kompanija saopštila je da …",
        // "Dačić rekao je"; a sentence adverb is none ("Međutim rekao je …").
        if b > sent.start && self.is_word(b - 1) && !self.is(b - 1, class::ADVERB_SH) {
            return None;
        }
        // "kao što se prema nekim analizama navodi": impersonal.
        let clause_start = (sent.start..cue.at.start)
            .rev()
            .find(|&t| matches!(self.word(t), "," | ";" | ":"))
            .map_or(sent.start, |t| t + 1);
        if (clause_start.max(cue.at.start.saturating_sub(5))..cue.at.start)
            .any(|t| self.is_word(t) && self.is(t, class::REFLEXIVE))
        {
            return None;
        }
        // "Rada Trajković, predstavnica Srba …, rekla je da …": a person before an
        // apposition (not "…, nedostaju preduvjeti za dogovor, kazao je.").
        if b > sent.start
            && self.word(b - 1) == ","
            && self.toks[b - 1].quote.is_none()
            && self
                .apposition_subject(b, sent)
                .is_some_and(|sp| self.is_person(&sp.at))
        {
            return None;
        }
        // A speaker named after the verb: "rekao je za SETimes Berisha", "rekao je ministar".
        let f = self.skip_forward(clitic.max(cue.at.end - 1) + 1, sent);
        if f < sent.end && self.is_word(f) {
            let w = self.word(f);
            // "rekla je ona novinarima": a personal pronoun after the verb says no more than
            // the participle does; the person it stands for is found the same way.
            let personal = matches!(
                crate::names::latin_word(w).to_lowercase().as_str(),
                "on" | "ona" | "oni" | "one" | "ono"
            );
            // "rekao je taj dužnosnik EU": a demonstrative opens the subject.
            if !personal
                && (is_cap(w)
                    || self.lex.is_title(w)
                    || self.is(f, class::PRONOUN)
                    || self.is(f, class::DETERMINER_SH))
            {
                return None;
            }
            if personal {
                return Some(clitic..clitic + 1);
            }
            // "rekao je analitičar Ivan Lukić", "rekla je vlada": a noun phrase after the verb
            // is its subject, unless it opens the reported clause ("rekao je da …") or is
            // the addressee in the dative plural ("rekao je novinarima").
            let clause = self.is(f, class::COMPLEMENTIZER);
            // "saopštio je turski ministar kulture Ertan Kaya", "izjavio je u nedjelju
            // privatnom kanalu stručnjak za okoliš Boris Burov": a person the analysis found
            // in the clause after the verb is its subject, however described.
            if !clause && self.person_after(f, sent).is_some() {
                return None;
            }
            let lw = lower(w);
            let addressee = lw.ends_with("ima") || lw.ends_with("ama") || lw.ends_with("има");
            if !clause && !addressee && self.np_forward(f, sent).is_some() {
                return None;
            }
        }
        Some(clitic..clitic + 1)
    }

    /// The subject before an apposition ending at token `b - 1`: "Trump, the Republican
    /// nominee, said …".
    fn apposition_subject(&self, b: usize, sent: &Range<usize>) -> Option<Speaker> {
        let found = self.apposition_np(b, sent);
        if found.as_ref().is_some_and(|s| self.is_person(&s.at)) {
            return found;
        }
        // "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said":
        // when the phrase before the last comma is no person, a person opening the sentence
        // and set off by a comma is the subject the apposition describes.
        if b > sent.start + 2
            && self.word(b - 1) == ","
            && let Some(p) = self.person_after(sent.start, sent)
            && p.start == sent.start
            && p.end < b - 1
            && self.word(p.end) == ","
            && b - p.end <= 40
            && (p.end..b).all(|t| self.toks[t].quote.is_none() && self.word(t) != ";")
        {
            return Some(Speaker {
                at: p,
                after_cue: false,
            });
        }
        found
    }

    fn apposition_np(&self, b: usize, sent: &Range<usize>) -> Option<Speaker> {
        if b > sent.start && self.word(b - 1) == "," {
            // An apposition may hold a whole relative clause: "Wilcox, whose education at the
            // University of Tampa was paid for by the military because he …, said" (25 tokens
            // missed such subjects on PolNeAR train; 40 found four more, all right).
            let lim = (b - 1).saturating_sub(40).max(sent.start);
            let mut j = b - 1;
            while j > lim {
                j -= 1;
                if self.toks[j].quote.is_some() {
                    return None;
                }
                if self.word(j) == "," {
                    // "One of the authors of that report, Ari Fleischer, said": when the
                    // apposition is the name, it names the speaker.
                    let named = (j + 1..b - 1).all(|t| {
                        self.is_word(t) && (is_cap(self.word(t)) || self.lex.is_title(self.word(t)))
                    });
                    // Not a post-nominal ("Tom Molomby, SC, said", "…, MP, said"): that
                    // describes the name before it.
                    let post_nominal = b - 1 == j + 2 && {
                        let w = self.word(j + 1);
                        (2..=3).contains(&w.chars().count())
                            && w.chars().all(|c| c.is_ascii_uppercase())
                    };
                    if named && !post_nominal && b - 1 > j + 1 && b - 1 - (j + 1) <= 4 {
                        return Some(Speaker {
                            at: j + 1..b - 1,
                            after_cue: false,
                        });
                    }
                    let mut k = self.paren_before(j, sent).unwrap_or(j);
                    // "Sanders, meanwhile, who …, said": past a comma-framed adverb.
                    if k >= sent.start + 3
                        && self.is_word(k - 1)
                        && self.is(k - 1, class::INTRO)
                        && self.word(k - 2) == ","
                        && self.is_word(k - 3)
                    {
                        k -= 2;
                    }
                    if k > sent.start && self.is_word(k - 1) {
                        let np = self.np_backward(k - 1, sent);
                        // A relative clause closing the apposition qualifies its last noun
                        // ("…, jedan od predstavnika Srba sa severa Kosova, gde …, ocenio je"):
                        // when that noun is no person, the subject stands further back.
                        let relative = self.is_word(j + 1) && self.is(j + 1, class::RELATIVE);
                        // Unless the noun opens the sentence: "Bamberg, who is 28, said …".
                        if relative
                            && np
                                .as_ref()
                                .is_none_or(|at| !self.is_person(at) && at.start > sent.start)
                        {
                            continue;
                        }
                        return np.map(|at| Speaker {
                            at,
                            after_cue: false,
                        });
                    }
                    return None;
                }
            }
        }
        None
    }

    /// Steps back from token `i` over what stands between a subject and its verb: auxiliaries,
    /// adverbs and time expressions ("Trump this week also said").
    fn skip_back(&self, mut b: usize, sent: &Range<usize>) -> usize {
        while b > sent.start && self.is_word(b - 1) {
            let w = self.word(b - 1);
            let lw = lower(w);
            let adverb = lw.ends_with("ly") && lw.len() > 4 && !is_cap(w);
            // "The State Department less than two weeks ago said": a span of time back to its
            // quantity.
            if lw == "ago" {
                let mut k = b - 1;
                while k > sent.start
                    && b - k <= 5
                    && self.is_word(k - 1)
                    && !is_cap(self.word(k - 1))
                    && (is_unit(self.word(k - 1))
                        || self.is(k - 1, class::TIME_QUANTITY)
                        || self.word(k - 1).chars().all(|c| c.is_ascii_digit()))
                {
                    k -= 1;
                }
                if k < b - 1 {
                    b = k;
                    continue;
                }
            }
            if self.lex.is(w, class::BETWEEN) || adverb || is_time_word(w) {
                b -= 1;
                // "Sanders on Tuesday said", "Trump in March said": the time's preposition.
                if is_time_word(w)
                    && b > sent.start
                    && self.is_word(b - 1)
                    && matches!(
                        lower(self.word(b - 1)).as_str(),
                        "on" | "in" | "at" | "during" | "since" | "until" | "early" | "late"
                    )
                {
                    b -= 1;
                }
                continue;
            }
            // "Beck, who has in the past described …", "Trump at the time said …"
            if matches!(lw.as_str(), "past" | "time")
                && b >= sent.start + 3
                && lower(self.word(b - 2)) == "the"
                && matches!(lower(self.word(b - 3)).as_str(), "in" | "at")
            {
                b -= 3;
                continue;
            }
            // "who in 2010 said"
            let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
            if year && b - 1 > sent.start && lower(self.word(b - 2)) == "in" {
                b -= 2;
                continue;
            }
            // "Trump on Sept. 24 said": a day of a month.
            let day = w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit());
            if day && b - 1 > sent.start && is_time_word(self.word(b - 2)) {
                b -= 2;
                if b > sent.start
                    && self.is_word(b - 1)
                    && matches!(lower(self.word(b - 1)).as_str(), "on" | "since" | "until")
                {
                    b -= 1;
                }
                continue;
            }
            let unit = is_unit(w);
            if unit
                && b - 1 > sent.start
                && (matches!(
                    lower(self.word(b - 2)).as_str(),
                    "this" | "last" | "next" | "on" | "that"
                ) || is_time_word(self.word(b - 2)))
            {
                b -= 2;
                continue;
            }
            // "Gowdy earlier in the day touted …"
            if unit
                && b >= sent.start + 3
                && lower(self.word(b - 2)) == "the"
                && matches!(lower(self.word(b - 3)).as_str(), "in" | "during")
            {
                b -= 3;
                continue;
            }
            // "Cruz and Rubio have both urged …", "who has both endorsed …"; not "Both said",
            // where it is the subject.
            if lw == "both" && b >= sent.start + 2 && self.is_word(b - 2) {
                b -= 1;
                continue;
            }
            break;
        }
        b
    }

    /// When token `b - 1` closes a parenthesis, the index of its opening.
    fn paren_before(&self, b: usize, sent: &Range<usize>) -> Option<usize> {
        if b <= sent.start || self.word(b - 1) != ")" {
            return None;
        }
        (b.saturating_sub(14).max(sent.start)..b - 1)
            .rev()
            .find(|&k| self.word(k) == "(")
    }

    /// A noun phrase ending at token `e` (inclusive).
    fn np_backward(&self, e: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        let np = self.np_backward_bare(e, sent)?;
        Some(self.modified_by_pp(np, sent))
    }

    /// "Many speakers at the service", "a source in the room", "officials at the State
    /// Department", "Clinton in an interview": a noun phrase that closes a prepositional
    /// phrase is its object, and the speaker is the noun phrase before the preposition.
    fn modified_by_pp(&self, np: Range<usize>, sent: &Range<usize>) -> Range<usize> {
        let s = np.start;
        if s < sent.start + 2 || !self.is_word(s - 1) || !self.is_word(s - 2) {
            return np;
        }
        if !matches!(
            lower(self.word(s - 1)).as_str(),
            "at" | "in" | "on" | "from" | "for" | "with" | "of"
        ) {
            return np;
        }
        let h = self.word(s - 2);
        let lh = lower(h);
        // "Current and former officials who spoke with The Huffington Post said": a relative
        // clause's verb and its object; the speaker is what "who" stands for.
        let verb = self.lex.is(&lh, class::PAST) || (lh.ends_with("ed") && !is_cap(h));
        if verb
            && s >= sent.start + 4
            && self.is_word(s - 3)
            && lower(self.word(s - 3)) == "who"
            && self.is_word(s - 4)
            && let Some(head) = self.np_backward(s - 4, sent)
        {
            return head.start..np.end;
        }
        let noun_like = !verb
            && h.chars().all(char::is_alphabetic)
            && !self.is(s - 2, class::NOT_HEAD)
            && !self.is(s - 2, class::PRONOUN)
            && !self.is(s - 2, class::DETERMINER)
            && !self.is(s - 2, class::BETWEEN)
            && !is_time_word(h)
            && (is_cap(h) || !(lh.ends_with("ed") || lh.ends_with("ing") || lh.ends_with("ly")));
        match self.np_backward_bare(s - 2, sent) {
            Some(head) if noun_like => head.start..np.end,
            _ => np,
        }
    }

    /// A noun phrase ending at token `e` (inclusive), without a prepositional phrase.
    fn np_backward_bare(&self, e: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        let w = self.word(e);
        if self.is(e, class::PRONOUN) {
            // "Beck, who has described Trump as …": the relative pronoun with what it stands
            // for, so that the speaker names a person.
            if matches!(lower(w).as_str(), "who" | "which")
                && e >= sent.start + 2
                && self.word(e - 1) == ","
                && self.is_word(e - 2)
                && !self.is(e - 2, class::PRONOUN)
                && let Some(np) = self.np_backward(e - 2, sent)
            {
                return Some(np.start..e + 1);
            }
            return Some(e..e + 1);
        }
        let article = matches!(
            lower(w).as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this"
        );
        // A lower-case word in -ed is a verb ("Crimea renewed fears"), not a speaker; a bare
        // number is a date or a count ("on Sept. 24 said"), not one either.
        let verb_form = !is_cap(w) && lower(w).ends_with("ed") && w.len() > 4;
        // "About three in 10 said …", "nearly three in four say", "six out of 10 voters": a
        // share of people is.
        let number = |t: usize| {
            let lw = lower(self.word(t));
            lw.chars().all(|c| c.is_ascii_digit())
                || matches!(
                    lw.as_str(),
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                )
        };
        let share_of =
            number(e) && e >= sent.start + 2 && lower(self.word(e - 1)) == "in" && number(e - 2);
        if w.chars().all(|c| c.is_ascii_digit()) || share_of {
            let mut s = e;
            if s >= sent.start + 2 && lower(self.word(s - 1)) == "in" && number(s - 2) {
                s -= 2;
            } else if s >= sent.start + 3
                && lower(self.word(s - 1)) == "of"
                && lower(self.word(s - 2)) == "out"
                && number(s - 3)
            {
                s -= 3;
            } else {
                return None;
            }
            if s > sent.start
                && matches!(
                    lower(self.word(s - 1)).as_str(),
                    "about" | "nearly" | "almost" | "roughly" | "only" | "just" | "some"
                )
            {
                s -= 1;
            }
            return Some(s..e + 1);
        }
        if self.is(e, class::NOT_HEAD)
            || verb_form
            || article
            || is_time_word(w)
            || (lower(w).ends_with("ing") && !is_cap(w))
        {
            return None;
        }
        if is_cap(w) || self.lex.is_title(w) {
            let mut s = e;
            loop {
                // Over the marks of a quoted nickname: "state Del. Marcia “Cia” Price".
                let nick_mark = s > sent.start + 1
                    && self.toks[s - 1].kind == Kind::Punct
                    && self.toks[s - 1].quote.is_none()
                    && self
                        .word(s - 1)
                        .chars()
                        .next()
                        .is_some_and(|c| self.lex.is_mark(c))
                    && self.is_word(s - 2)
                    && is_cap(self.word(s - 2));
                if nick_mark {
                    s -= 1;
                    continue;
                }
                if !(s > sent.start && self.is_word(s - 1)) {
                    break;
                }
                let p = self.word(s - 1);
                let lp = lower(p);
                let name_part = is_cap(p) && !self.lex.is(p, class::INTRO) && !is_time_word(p);
                let connector = matches!(
                    lp.as_str(),
                    "of" | "for" | "de" | "van" | "von" | "bin" | "al"
                ) && s - 1 > sent.start
                    && self.is_word(s - 2)
                    && is_cap(self.word(s - 2));
                if name_part || self.lex.is_title(p) || connector {
                    s -= 1;
                } else if lp == "the"
                    && s >= sent.start + 3
                    && self.is_word(s - 2)
                    && matches!(lower(self.word(s - 2)).as_str(), "of" | "for")
                    && self.is_word(s - 3)
                    && is_cap(self.word(s - 3))
                {
                    // "Mr. Morgan of the Sierra Club"
                    s -= 2;
                } else {
                    break;
                }
            }
            if s > sent.start && self.is_word(s - 1) && lower(self.word(s - 1)) == "the" {
                s -= 1;
            }
            if s == e && self.is(e, class::INTRO) {
                return None;
            }
            // "Claiming …, Trump told": an opening participle is no name, unless the analysis
            // found a person there ("Boreing said …", "Manning said …").
            let known_person = !self.people.is_empty() && self.is_person(&(s..e + 1));
            if s == e && e == sent.start && lower(w).ends_with("ing") && !known_person {
                return None;
            }
            return Some(s..e + 1);
        }
        if !w
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '’' | '\''))
        {
            return None;
        }
        // A lower-case head: walk left to its determiner or a capitalised modifier.
        let mut s = e;
        for _ in 0..5 {
            if s == sent.start || !self.is_word(s - 1) {
                break;
            }
            let p = self.word(s - 1);
            if self.lex.is(p, class::DETERMINER) {
                s -= 1;
                break;
            }
            // "If Trump's plan rejected …": a capitalised conjunction opens no noun phrase.
            if self.lex.is(p, class::NOT_HEAD) || self.lex.is(p, class::PRONOUN) {
                break;
            }
            if is_cap(p) || possessive(p) {
                s -= 1;
                continue;
            }
            s -= 1;
        }
        if s < e
            && !self.is(s, class::DETERMINER)
            && !is_cap(self.word(s))
            && !possessive(self.word(s))
        {
            // No determiner in reach: keep the head alone.
            s = e;
        }
        Some(s..e + 1)
    }

    /// A noun phrase starting at token `s`.
    fn np_forward(&self, s: usize, sent: &Range<usize>) -> Option<Range<usize>> {
        if s >= sent.end || !self.is_word(s) {
            return None;
        }
        let w = self.word(s);
        // "one Democratic source": a determiner before a word, else a pronoun ("said one").
        let det_np = self.is(s, class::DETERMINER)
            && s + 1 < sent.end
            && self.is_word(s + 1)
            && !self.is(s + 1, class::NP_STOP);
        if !det_np && self.is(s, class::PRONOUN) && !matches!(lower(w).as_str(), "which" | "who") {
            return Some(s..s + 1);
        }
        if is_time_word(w) {
            return None;
        }
        if self.is(s, class::DETERMINER) {
            let mut e = s + 1;
            // "said one of those advisers", "said some of the delegates": a quantifier's "of".
            if e + 1 < sent.end && lower(self.word(e)) == "of" && self.is_word(e + 1) {
                e += 1;
            }
            // "told the National Post he has …", "told the AP his firm …": a subject pronoun,
            // contracted too ("he’s"), or another determiner opens the next clause.
            let from = e;
            while e < sent.end
                && e - s < 8
                && self.is_word(e)
                && !self.is(e, class::NP_STOP)
                && !(e > from && self.is(e, class::DETERMINER))
                && !{
                    let lw = lower(self.word(e));
                    let bare = lw.split(['’', '\'']).next().unwrap_or("");
                    matches!(bare, "he" | "she" | "they" | "we" | "i")
                }
            {
                e += 1;
            }
            return (e > s + 1).then_some(s..e);
        }
        let mut first = s;
        if !(is_cap(w) || self.lex.is_title(w)) {
            // "said longtime Democratic pollster Pat Caddell", "said 9/11 widow Terry Strada":
            // lower-case descriptors before a name.
            let mut k = s;
            let mut named = false;
            while k < sent.end && k - s < 5 {
                let x = self.word(k);
                if self.toks[k].quote.is_some() || self.is(k, class::NP_STOP) {
                    break;
                }
                if self.toks[k].kind == Kind::Word && is_cap(x) {
                    named = true;
                    break;
                }
                if self.toks[k].kind == Kind::Punct && !matches!(x, "/" | "-") {
                    break;
                }
                k += 1;
            }
            if !named {
                // "according to officials.": a short lower-case phrase up to punctuation.
                let all_words = (s..k).all(|t| self.is_word(t));
                let ends = k >= sent.end
                    || self.toks[k].kind == Kind::Punct
                    || self.toks[k].quote.is_some()
                    || self.is(k, class::NP_STOP);
                let timeless = (s..k).all(|t| !is_unit(self.word(t)));
                return (k > s && k - s <= 3 && all_words && ends && timeless).then_some(s..k);
            }
            first = k;
        }
        let mut e = first;
        while e < sent.end && self.is_word(e) {
            let x = self.word(e);
            let connector = matches!(
                lower(x).as_str(),
                "of" | "for" | "de" | "van" | "von" | "bin" | "al"
            ) && e + 1 < sent.end
                && self.is_word(e + 1)
                && is_cap(self.word(e + 1));
            // "MSNBC host Chris Matthews": up to two lower-case words between capitals.
            let descriptor = e > first
                && !is_cap(x)
                && (1..=2).any(|d| {
                    e + d < sent.end
                        && (e..e + d).all(|k| {
                            self.is_word(k) && !self.is(k, class::NP_STOP) && !is_cap(self.word(k))
                        })
                        && self.is_word(e + d)
                        && is_cap(self.word(e + d))
                        && !is_time_word(self.word(e + d))
                });
            if (is_cap(x) && !is_time_word(x)) || self.lex.is_title(x) || connector || descriptor {
                e += 1;
            } else {
                break;
            }
        }
        (e > first).then_some(s..e)
    }

    /// The upper-case name opening a quoted transcript line ("PENCE:"), as a token range.
    fn transcript_speaker(&self, qt: &Range<usize>) -> Option<Range<usize>> {
        let first = (qt.start..qt.end).find(|&t| self.toks[t].kind == Kind::Word)?;
        let mut e = first;
        while e < qt.end
            && e - first < 3
            && self.toks[e].kind == Kind::Word
            && self.word(e).chars().all(|c| !c.is_lowercase())
            && self.word(e).chars().filter(|c| c.is_alphabetic()).count() > 1
        {
            e += 1;
        }
        (e > first && e < qt.end && self.word(e) == ":").then_some(first..e)
    }

    /// A capitalised name standing right after a quotation and followed by a comma, before the
    /// cue at `limit`.
    fn name_after(&self, from: usize, limit: usize) -> Option<Range<usize>> {
        // A statement ends in punctuation before its attribution ("“…,” Scott Pruitt, …"); a
        // quoted name in a headline runs on ("Trump ‘The Dealmaker’ Could Address …").
        let punctuated = (from < self.toks.len() && self.word(from) == ",")
            || (from >= 2 && matches!(self.word(from - 2), "," | "." | "!" | "?"));
        if !punctuated {
            return None;
        }
        let mut s = from;
        while s < limit && self.toks[s].kind == Kind::Punct && self.word(s) == "," {
            s += 1;
        }
        if s >= limit
            || !self.is_word(s)
            || !(is_cap(self.word(s)) || self.lex.is_title(self.word(s)))
        {
            return None;
        }
        let sent = s..limit;
        let np = self.np_forward(s, &sent)?;
        let after = if np.end < limit {
            self.word(np.end)
        } else {
            ""
        };
        (np.end < limit && matches!(after, "," | "(") && np.len() >= 2).then_some(np)
    }

    /// The subject of a sentence: past a dateline ("BRUSSELS –") and an opening adverbial.
    fn subject(&self, sent: &Range<usize>) -> Option<Range<usize>> {
        let mut s = sent.start;
        let mut j = s;
        while j < sent.end && self.is_word(j) && self.word(j).chars().all(|c| !c.is_lowercase()) {
            j += 1;
        }
        if j > s && j < sent.end && matches!(self.word(j), "–" | "—" | "-") {
            s = j + 1;
        }
        // "Washington (AFP) – Democrat Hillary Clinton has …": a dateline with its agency.
        if s + 4 < sent.end
            && self.is_word(s)
            && is_cap(self.word(s))
            && self.word(s + 1) == "("
            && let Some(close) = (s + 2..(s + 6).min(sent.end)).find(|&k| self.word(k) == ")")
            && close + 1 < sent.end
            && matches!(self.word(close + 1), "–" | "—" | "-")
        {
            s = close + 2;
        }
        // An adverbial or a participial phrase ("Claiming …, Trump told") before the subject.
        // "But Trump said …", "Yet she didn't …, calling …": a conjunction opens no phrase.
        if s + 1 < sent.end
            && self.is_word(s)
            && matches!(
                lower(self.word(s)).as_str(),
                "and" | "but" | "yet" | "so" | "or"
            )
        {
            s += 1;
            if self.word(s) == "," {
                s += 1;
            }
        }
        // "Shortly after the call ended, Rubio's campaign …", "Minutes later, the campaign
        // …": a manner adverb, or a short phrase ending in a time word.
        let timed = (s + 1..(s + 6).min(sent.end))
            .find(|&k| self.word(k) == ",")
            .is_some_and(|k| {
                let w = lower(self.word(k - 1));
                matches!(
                    w.as_str(),
                    "later" | "ago" | "earlier" | "afterward" | "afterwards"
                ) || is_time_word(self.word(k - 1))
            });
        let opener = s < sent.end
            && self.is_word(s)
            && (self.is(s, class::INTRO)
                || lower(self.word(s)).ends_with("ing")
                || (lower(self.word(s)).ends_with("ly") && self.word(s).len() > 4)
                || timed);
        if opener {
            let lim = (s + 25).min(sent.end);
            let comma = (s..lim).find(|&k| self.word(k) == "," && self.toks[k].quote.is_none())?;
            s = comma + 1;
            // "On July 6, 2015, Sanders …": the year after the date's comma.
            while s + 1 < sent.end
                && self.is_word(s)
                && self.word(s).chars().all(|c| c.is_ascii_digit())
                && self.word(s + 1) == ","
            {
                s += 2;
            }
        }
        if s >= sent.end || !self.is_word(s) {
            return None;
        }
        // "the mayor said": the subject ends before its verb.
        let np = self.np_forward(s, sent)?;
        let end = (np.start + 1..np.end)
            .find(|&k| self.cue_at(k, sent).is_some())
            .unwrap_or(np.end);
        Some(np.start..end)
    }

    /// Whether a quotation inside a sentence is the name of a work, show or group in title case
    /// ("a guest on “Fox News Sunday,”", "his book ''Make Your Kid a Millionaire''") rather
    /// than a statement: two to eight words, each capitalised or a title's small word, in a
    /// sentence that is not itself a title-case headline, and not introduced by a colon or a
    /// reporting verb.
    fn title_name(
        &self,
        qt: &Range<usize>,
        content: &str,
        cues: &[Cue],
        sent: &Range<usize>,
    ) -> bool {
        if self.starts_sentence(qt.start, sent) || qt.start <= sent.start {
            return false;
        }
        let words: Vec<&str> = content
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        // "The 411": a number counts as a capital.
        let caps = words
            .iter()
            .filter(|w| is_cap(w) || w.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        let titled = (2..=8).contains(&words.len())
            && caps >= 2
            && words.first().is_some_and(|w| is_cap(w))
            && words.iter().all(|w| {
                is_cap(w)
                    || self.lex.is(w, class::TITLE_MINOR)
                    || w.chars().next().is_some_and(|c| c.is_ascii_digit())
            });
        if !titled || self.title_case(sent) {
            return false;
        }
        let prev = qt.start - 1;
        let cue_ends_at = |t: usize| cues.iter().any(|c| c.at.end == t + 1);
        let introduced = self.word(prev) == ":"
            || cue_ends_at(prev)
            || (self.word(prev) == "," && prev > sent.start && cue_ends_at(prev - 1));
        !introduced
    }

    /// Whether a sentence is a title-case headline: most of its words outside quotations are
    /// capitalised.
    fn title_case(&self, sent: &Range<usize>) -> bool {
        let words: Vec<usize> = sent.clone().filter(|&k| self.is_word(k)).collect();
        let caps = words.iter().filter(|&&k| is_cap(self.word(k))).count();
        words.len() >= 4 && 10 * caps >= 7 * words.len()
    }

    /// Whether a speaker phrase names a person: a person mention of the analysis when it has
    /// any, else a capitalised name.
    fn is_person(&self, at: &Range<usize>) -> bool {
        if !self.people.is_empty() {
            let b = self.bytes(at);
            return self
                .people
                .iter()
                .any(|p| p.start < b.end && b.start < p.end);
        }
        at.clone()
            .any(|k| is_cap(self.word(k)) && !self.is(k, class::DETERMINER))
    }

    fn starts_sentence(&self, t: usize, sent: &Range<usize>) -> bool {
        (sent.start..t).all(|k| self.toks[k].kind == Kind::Punct && self.toks[k].quote.is_none())
    }

    /// The cue that attributes a quotation: one right after it ("“…,” he said"), else one
    /// right before it ("He stressed: “…”"), else one further before in the sentence.
    fn pick_cue(
        &self,
        cues: &[Cue],
        speakers: &[Option<Speaker>],
        qt: &Range<usize>,
        sent: &Range<usize>,
    ) -> Option<usize> {
        let usable = |k: usize| speakers[k].is_some();
        let outside_between = |a: usize, b: usize| (a..b).all(|t| self.toks[t].quote.is_none());
        // "To a question on the “privatization of public sector jobs,” Sanders said …": a
        // quotation after an article or a preposition is a phrase of the writer's sentence,
        // which the verb after it does not report.
        let phrase = qt.start > 0
            && self.toks[qt.start - 1].quote.is_none()
            && self.is_word(sent.start)
            && matches!(
                lower(self.word(sent.start)).as_str(),
                "to" | "on"
                    | "in"
                    | "at"
                    | "about"
                    | "for"
                    | "with"
                    | "after"
                    | "before"
                    | "during"
            )
            && matches!(
                lower(self.word(qt.start - 1)).as_str(),
                "the" | "a" | "an" | "on" | "of" | "about" | "for" | "to" | "with" | "by"
            );
        if !phrase
            && let Some((k, c)) = cues.iter().enumerate().find(|(_, c)| c.at.start >= qt.end)
            && let (true, Some(sp)) = (outside_between(qt.end, c.at.start), speakers[k].as_ref())
        {
            {
                let gap_ok = (qt.end..c.at.start)
                    .filter(|t| !sp.at.contains(t))
                    .all(|t| {
                        self.toks[t].kind == Kind::Punct
                            || self.is(t, class::BETWEEN)
                            || lower(self.word(t)).ends_with("ly")
                            || is_time_word(self.word(t))
                    });
                // "“…,” Trump lawyer Marc Kasowitz said", "“…,” Rep. Jim Jordan (R-Ohio), an
                // oversight panel member, said": the speaker stands between quotation and verb.
                let lead_in = qt.end..sp.at.start.max(qt.end);
                let near = !sp.after_cue
                    && sp.at.start >= qt.end
                    && c.at.start - qt.end <= 20
                    && lead_in
                        .clone()
                        .filter(|&t| self.toks[t].kind == Kind::Word)
                        .count()
                        <= 4
                    && lead_in.clone().all(|t| {
                        self.toks[t].kind == Kind::Punct
                            || !(self.is(t, class::PRONOUN) || self.is(t, class::CLAUSE))
                    })
                    && (qt.end..c.at.start).all(|t| self.word(t) != ";");
                // "“…,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the
                // states suing the EPA, said": a name and its apposition before the verb.
                let named = c.at.start - qt.end <= 30
                    && (qt.end..c.at.start).all(|t| self.word(t) != ";")
                    && self.name_after(qt.end, c.at.start).is_some();
                if gap_ok || near || named {
                    return Some(k);
                }
            }
        }
        // Before: a usable cue with no new clause ("; but …") between it and the quotation. A
        // stance verb attributes only a quotation right after it.
        let mut clears = Vec::new();
        for (k, c) in cues.iter().enumerate() {
            if c.at.end > qt.start || !usable(k) {
                continue;
            }
            let end = match &speakers[k] {
                Some(s) if s.after_cue => s.at.end.max(c.at.end),
                _ => c.at.end,
            };
            // A headline's lead ("Pat Caddell: …; It’s ‘in Their Heads.’") owns the whole line.
            let clear = end <= qt.start
                && (c.class != CueClass::Stance || qt.start - end <= 6)
                && (c.class == CueClass::Lead
                    || (end..qt.start).all(|t| {
                        self.toks[t].quote.is_some()
                            || !matches!(
                                lower(self.word(t)).as_str(),
                                ";" | "but" | "while" | "whereas"
                            )
                    }));
            if clear {
                clears.push(k);
            }
        }
        // The nearest speech verb before the quotation ("Tester said he voted against it
        // because “…”" is the inner clause's, "…, which he called “…”" is his); a stance
        // verb's quotation stays with the sentence's outermost source.
        // "Rush Limbaugh: Hillary Asking Moderator To Fact Check Trump ‘Reeks of Fear.’": the
        // headline's lead speaks for the whole line, whatever verbs its title case holds.
        if let Some(&k) = clears.iter().find(|&&k| cues[k].class == CueClass::Lead) {
            return Some(k);
        }
        let first = clears.first().copied();
        // "“You squeezed employees to the breaking point” to drive up the stock price, she
        // said": an attribution closing the sentence after a comma takes what stands before it.
        let trailing = || {
            cues.iter().enumerate().position(|(k, c)| {
                let Some(sp) = speakers[k].as_ref() else {
                    return false;
                };
                let lead = if sp.after_cue {
                    c.at.start
                } else {
                    sp.at.start.min(c.at.start)
                };
                c.at.start >= qt.end
                    && matches!(c.class, CueClass::Say | CueClass::Tell)
                    && lead > qt.end
                    && self.word(lead - 1) == ","
                    && self.toks[lead - 1].quote.is_none()
                    && (qt.end..lead).all(|t| self.word(t) != ";")
            })
        };
        if first.is_none() {
            return trailing();
        }
        clears
            .last()
            .copied()
            .filter(|&k| {
                matches!(
                    cues[k].class,
                    CueClass::Say | CueClass::Tell | CueClass::Quote
                ) && speakers[k].as_ref().is_some_and(|sp| {
                    // "that fact speaks volumes": a bare common noun is no inner speaker.
                    let w = self.word(sp.at.start);
                    is_cap(w) || self.lex.is(w, class::PRONOUN) || self.lex.is(w, class::DETERMINER)
                })
            })
            .or(first)
    }

    /// The reported content of a cue no quotation took, as a token range.
    fn reported(&self, cue: &Cue, sp: &Speaker, sent: &Range<usize>) -> Option<Range<usize>> {
        let mut end = sent.end;
        while end > sent.start
            && self.toks[end - 1].kind == Kind::Punct
            && self.toks[end - 1].quote.is_none()
        {
            end -= 1;
        }
        let words = |r: &Range<usize>| {
            r.clone()
                .filter(|&t| self.toks[t].kind == Kind::Word)
                .count()
        };
        let lead = |upto: usize| {
            let mut e = upto;
            while e > sent.start && self.toks[e - 1].kind == Kind::Punct {
                e -= 1;
            }
            let mut s = sent.start;
            while s < e && self.toks[s].kind == Kind::Punct && self.toks[s].quote.is_none() {
                s += 1;
            }
            s..e
        };
        let ending = sp.at.end.max(cue.at.end);
        let opening = sp.at.start.min(cue.at.start);
        if cue.class == CueClass::According {
            // "…, according to X." / "according to X, …" (X runs to its comma), and without
            // the comma: "Clinton leads by 271 delegates according to a count by the AP".
            // After a short opener ("In addition, according to the department, …") what
            // follows X is the content.
            // Only in English: "prema" is also a plain preposition ("odnos prema Srbiji").
            let english = matches!(lower(self.word(cue.at.start)).as_str(), "according" | "in");
            let comma = opening > sent.start && self.word(opening - 1) == ",";
            // "Wikinews has learned that according to a posting …, the site …": after "that"
            // the clause X opens is what was said.
            let opens_clause = opening > sent.start
                && self.is_word(opening - 1)
                && (self.is(opening - 1, class::COMPLEMENTIZER)
                    || matches!(
                        lower(self.word(opening - 1)).as_str(),
                        "and" | "but" | "because"
                    ));
            let before = lead(opening);
            if (comma || (english && !opens_clause)) && words(&before) >= 3 {
                return Some(before);
            }
            if comma && !english {
                return None;
            }
            let comma =
                (ending..end).find(|&t| self.word(t) == "," && self.toks[t].quote.is_none())?;
            let mut after = comma + 1..end;
            // "According to the team's coach, Alireza Mehraban, in their first …": a name set
            // off by commas after a source described in common nouns is the source's (after
            // "the New Zealand Herald" it is the subject of what the paper reports).
            if !is_cap(self.word(ending - 1))
                && let Some(name) = self
                    .people
                    .iter()
                    .map(|p| self.tok_range(p))
                    .find(|r| r.start == comma + 1 && !r.is_empty())
                && name.end < end
                && self.word(name.end) == ","
            {
                after = name.end + 1..end;
            }
            return (words(&after) >= 3).then_some(after);
        }
        // "Claiming the vote was rigged, the mayor said …": a participle opening the sentence
        // reports the clause up to its comma.
        if cue.at.start == lead(sent.end).start && lower(self.word(cue.at.start)).ends_with("ing") {
            let comma =
                (cue.at.end..end).find(|&t| self.word(t) == "," && self.toks[t].quote.is_none())?;
            let clause = cue.at.end..comma;
            return (words(&clause) >= 3).then_some(clause);
        }
        // Passive: what was reported is the subject before the auxiliary.
        if sp.after_cue && cue.at.end < sent.end && lower(self.word(cue.at.end)) == "by" {
            let aux = (sent.start..cue.at.start)
                .rev()
                .find(|&k| self.is(k, class::BE))?;
            // "They were backed by Mr. Kerry": a bare pronoun is a participant, not what was
            // reported ("The issue was first reported by The Washington Post").
            let subj = lead(aux);
            return (words(&subj) >= 2).then_some(subj);
        }
        // The content before the attribution: "…, X said (on Tuesday).", "…, top black
        // lawmakers said.", "…, said Brian Baker, a …", "…, he said, and …".
        let comma_before = (opening.saturating_sub(4).max(sent.start)..opening)
            .rev()
            .find(|&t| self.word(t) == ",")
            .filter(|&t| (t + 1..opening).all(|k| self.is_word(k) && !is_cap(self.word(k))))
            // ", but he said Trump could …" joins a clause of its own.
            .filter(|&t| {
                !matches!(
                    lower(self.word(t + 1)).as_str(),
                    "but" | "and" | "while" | "whereas"
                )
            });
        let before = comma_before.map(lead).filter(|r| words(r) >= 3);
        // "X said that, as …, they …": after "that" a comma is the reported clause's.
        let that_follows = ending < sent.end
            && self.is_word(ending)
            && !is_cap(self.word(ending))
            && self.is(ending, class::COMPLEMENTIZER);
        let parenthetical = !that_follows
            && (ending..(ending + 6).min(sent.end))
                .any(|t| self.word(t) == "," && !self.is_word(t));
        if cue.class != CueClass::Stance
            && (sp.after_cue || parenthetical)
            && !that_follows
            && before.is_some()
        {
            return before;
        }
        // Forward: "X said (on Tuesday) (that) …", "X told reporters (that) …".
        let mut a = ending;
        // "told a crowded banquet hall at a hotel in downtown Baltimore that …": whom one tells
        // may take longer to name.
        let reach = if cue.class == CueClass::Tell { 16 } else { 8 };
        let lim = (a + reach).min(end);
        let that = (a..lim).find(|&t| {
            self.is_word(t) && !is_cap(self.word(t)) && self.is(t, class::COMPLEMENTIZER)
        });
        let mut skipped_that = false;
        // Not past a verb: in "said it is important that she …" the "that" is the inner
        // clause's.
        // Past the usual reach, only over a plain phrase of place: not over a comma, an
        // infinitive or a participle ("urging the governor to default on the debt, saying
        // that …").
        if let Some(t) = that
            && (a..t).all(|k| {
                (self.toks[k].kind == Kind::Word || self.word(k) == ",")
                    && !self.is(k, class::BE)
                    && !self.is(k, class::AUX)
            })
            && (t <= ending + 8
                || (a..t).all(|k| {
                    let w = lower(self.word(k));
                    self.is_word(k) && w != "to" && !w.ends_with("ing")
                }))
        {
            a = t + 1;
            skipped_that = true;
        } else if self.sh_verb(cue) {
            // "rekao je u sredu (22. juna) Savetu bezbednosti da …": in sr/hr/bs the clitic,
            // a date in parentheses and the addressee may stand before "da"/"kako".
            let mut t = a;
            let mut depth = 0usize;
            while t < (a + 16).min(end) {
                let w = self.word(t);
                match w {
                    "(" => depth += 1,
                    ")" => depth = depth.saturating_sub(1),
                    _ if depth > 0 => {}
                    _ if !self.is_word(t) => break,
                    _ if !is_cap(w) && self.is(t, class::COMPLEMENTIZER) => {
                        a = t + 1;
                        skipped_that = true;
                        break;
                    }
                    _ if self.cue_at(t, sent).is_some() => break,
                    _ => {}
                }
                t += 1;
            }
        }
        let mut addressed = false;
        if !skipped_that && cue.class == CueClass::Tell {
            let addressee = self.np_forward(a, sent).or_else(|| {
                (a < end && self.is_word(a) && !self.is(a, class::NOT_HEAD)).then_some(a..a + 1)
            });
            if let Some(np) = addressee {
                // "urged supporters to monitor polling places": the addressee is part of
                // what is urged.
                if np.end < end && lower(self.word(np.end)) == "to" {
                    addressed = true;
                } else {
                    a = np.end;
                }
            }
        }
        while a < end && self.toks[a].kind == Kind::Punct && self.toks[a].quote.is_none() {
            a += 1;
        }
        let fwd = a..end;
        // "izvijestila je o svojoj akciji …", "govorio je o reformama": in sr/hr/bs what
        // follows "o" is the topic, not what was said.
        let topic = |t: usize| {
            t < end && self.is_word(t) && matches!(lower(self.word(t)).as_str(), "o" | "о")
        };
        if !skipped_that
            && self.sh_verb(cue)
            && (topic(fwd.start)
                || (self.is_word(fwd.start)
                    && is_clitic(&lower(self.word(fwd.start)))
                    && topic(fwd.start + 1)))
        {
            return before.filter(|_| sp.after_cue);
        }
        if fwd.is_empty() {
            return if cue.class == CueClass::Stance {
                None
            } else {
                before
            };
        }
        // "X said on Tuesday he would …", "X said after the convention he wants …": an
        // adverbial between the cue and a clause without "that", which opens at its subject
        // pronoun if a finite verb follows it. Not "said in an interview they held": there the
        // pronoun opens a relative clause, whose past tense tells nothing apart, so only an
        // auxiliary, a form of "be" or "have", or a present in -s counts.
        if !skipped_that
            && !addressed
            && cue.class != CueClass::Stance
            && self.is_word(fwd.start)
            && (self.is(fwd.start, class::ADVERBIAL) || is_time_word(self.word(fwd.start)))
            && let Some(p) = (fwd.start + 1..(fwd.start + 6).min(fwd.end))
                .take_while(|&t| self.is_word(t))
                .find(|&t| matches!(lower(self.word(t)).as_str(), "he" | "she" | "they" | "we"))
            && p + 1 < fwd.end
            && self.is_word(p + 1)
            && {
                let v = lower(self.word(p + 1));
                self.is(p + 1, class::AUX)
                    || self.is(p + 1, class::BE)
                    || matches!(v.as_str(), "has" | "had" | "have")
                    || (matches!(lower(self.word(p)).as_str(), "he" | "she")
                        && v.ends_with('s')
                        && !v.ends_with("ss"))
            }
            && words(&(p..fwd.end)) >= 3
        {
            return Some(p..fwd.end);
        }
        // Only adverbials after the cue ("said on Tuesday", "said in a statement"): the content
        // stands before the speaker, "…, X said."
        // "…, she said in a video message to the convention.": a longer adverbial too, when a
        // clause stands before the attribution.
        // "Hollande said Friday as he entered the talks": a time and a subordinate clause.
        let timed_clause = self.is_word(fwd.start)
            && is_time_word(self.word(fwd.start))
            && fwd.start + 1 < fwd.end
            && self.is_word(fwd.start + 1)
            && self.is(fwd.start + 1, class::CONTENT_STOP);
        if timed_clause && cue.class != CueClass::Stance {
            return before;
        }
        let adverbial = fwd.is_empty()
            || ((words(&fwd) <= 4 || (before.is_some() && !skipped_that))
                && self.is_word(fwd.start)
                && (self.is(fwd.start, class::ADVERBIAL) || is_time_word(self.word(fwd.start))));
        if adverbial && cue.class != CueClass::Stance {
            return before;
        }
        // "Everything Trump says is a lie": a verb right after the cue means the cue sits in
        // a relative clause of the sentence's subject, reporting nothing.
        // "Trump said if Clinton is elected, she will …": a subordinate clause opening the
        // content, then a comma and the main clause's subject.
        let subordinate_first = matches!(
            lower(self.word(fwd.start)).as_str(),
            "if" | "when" | "once" | "unless" | "because" | "while" | "although" | "though"
        ) && (fwd.start + 2..fwd.end).any(|t| {
            self.word(t) == ","
                && t + 1 < fwd.end
                && self.is_word(t + 1)
                && (self.is(t + 1, class::PRONOUN) || is_cap(self.word(t + 1)))
                && (t + 1..fwd.end).filter(|&k| self.is_word(k)).count() >= 3
        });
        let opens_badly = !skipped_that
            && !addressed
            && !subordinate_first
            && self.is_word(fwd.start)
            && (self.is(fwd.start, class::CONTENT_STOP)
                || (fwd.start == ending && self.is(fwd.start, class::BE)));
        let min = if cue.class == CueClass::Stance { 1 } else { 3 };
        if words(&fwd) >= min
            && !opens_badly
            && !(sp.after_cue && self.word(ending.min(sent.end - 1)) == ",")
        {
            return Some(fwd);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        find(text, &[])
            .into_iter()
            .map(|f| {
                (
                    text[f.content.clone()].to_string(),
                    f.speaker.map(|s| text[s].to_string()),
                    f.outer.map(|s| text[s].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn quoted_nickname_is_part_of_the_name() {
        let text = "State Del. Marcia “Cia” Price told the crowd that the plan would pass.";
        let q = quotes(text);
        assert!(q.iter().all(|(c, _, _)| c != "Cia"), "{q:?}");
    }

    #[test]
    fn title_case_name_of_a_work_is_no_statement() {
        let text = "In his book “Make Your Kid a Millionaire” McKinley suggested saving early.";
        let q = quotes(text);
        assert!(
            q.iter().all(|(c, _, _)| !c.contains("Millionaire")),
            "{q:?}"
        );
    }

    #[test]
    fn markup_attribute_value_is_no_statement() {
        let text =
            "<tweet datetime=\"2016-06-29 10:00 UTC\">Trump said the media makes everything up.";
        let q = quotes(text);
        assert!(q.iter().all(|(c, _, _)| !c.contains("2016")), "{q:?}");
    }

    #[test]
    fn attribution_closing_the_sentence_takes_a_quotation_before_it() {
        let text = "“You squeezed employees to the breaking point” to drive up the stock price, \
                    she said.";
        let q = quotes(text);
        let quoted = q.iter().find(|(c, _, _)| c.starts_with("You squeezed"));
        assert_eq!(quoted.and_then(|x| x.1.as_deref()), Some("she"), "{q:?}");
    }

    #[test]
    fn pronoun_inside_a_report_offers_the_outer_speaker() {
        let text = "Sanders said that he believes his campaign has “the wind at our backs” \
                    heading into Tuesday.";
        let q = quotes(text);
        let quoted = q.iter().find(|(c, _, _)| c.starts_with("the wind"));
        assert_eq!(quoted.and_then(|x| x.1.as_deref()), Some("he"), "{q:?}");
        assert_eq!(
            quoted.and_then(|x| x.2.as_deref()),
            Some("Sanders"),
            "{q:?}"
        );
    }

    #[test]
    fn passive_without_agent_has_no_speaker() {
        let text = "He was asked whether the plan would pass the Senate this year.";
        let q = quotes(text);
        assert!(
            q.iter().all(|(_, s, _)| s.as_deref() != Some("He")),
            "{q:?}"
        );
    }

    #[test]
    fn headline_lead_speaks_for_its_title_case_line() {
        let text = "Rush Limbaugh: Hillary Asking Moderator To Fact Check Trump ‘Reeks of Fear.’";
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Rush Limbaugh"));
    }

    #[test]
    fn verb_right_after_a_cue_in_a_relative_clause_reports_nothing() {
        let text = "Everything Trump says is a lie unless proven otherwise by the facts.";
        assert!(quotes(text).is_empty());
    }
}
