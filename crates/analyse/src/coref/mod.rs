//! In-document coreference for people. Names first: every name form that can name the same
//! bearer ("Jens Stoltenberg", "Stoltenberg", "STOLTENBERG", "Djukanovic") joins one person.
//! Then single capitalised words that are a known person's surname. Then role-only mentions
//! ("the NATO Secretary General", "The Secretary General"): the most recent person whose role
//! fits (same title; same owner when the mention names one). Then pronouns: the most recent
//! person of a compatible gender within a few sentences.
//!
//! Serbian, Croatian and Bosnian decline names ("Jens Stoltenberg", "sa Jensom
//! Stoltenbergom", "Stoltenberga"): in text in those languages name words compare by the key
//! their case forms share ([`stem::person_word_folded`]), a person is named by the fullest
//! form the text gives in its least inflected spelling, and a title in a case form before a
//! name ("sa generalnim sekretarom NATO-a Jensom Stoltenbergom") is read by the stems of its
//! words.

use crate::detect::{Found, RoleAt, What};
use crate::doc::Doc;
use rustc_hash::FxHashMap;

use crate::roles::{self, Gender};
use crate::{detect, gazetteer, lexicon, names, stem};

/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_WINDOW: usize = 3;
/// Salience weights (see [`salience`]), set on GUM's train split.
/// (On train the subject bonus barely moves the figure: most misses are antecedents never
/// found, not wrong choices among those found.)
const SUBJECT_BONUS: f32 = 10.0;
const FREQUENCY_BONUS: f32 = 3.0;

#[derive(Debug, Clone, Default)]
pub(crate) struct Chain {
    /// The longest name form seen.
    pub name: String,
    pub variants: Vec<String>,
    pub roles: Vec<RoleAt>,
    pub gender: Option<Gender>,
}

#[derive(Debug, Default)]
pub(crate) struct Resolution {
    pub people: Vec<Chain>,
    /// For each `found` item: the person it refers to.
    pub link: Vec<Option<usize>>,
    /// For single words: whether they turned out to be a person's name.
    pub single_is_name: Vec<bool>,
}

fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (names::match_key(a), names::match_key(b));
    // "the Minister" fits "Foreign Minister"; "the Secretary General" fits "NATO Secretary General".
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

fn role_fits(mention: &RoleAt, held: &RoleAt) -> bool {
    if !same_title(&mention.title, &held.title) {
        return false;
    }
    match (&mention.of, &held.of) {
        (Some(m), Some(h)) => {
            names::same_name(m, h)
                || (mention.country.is_some() && mention.country == held.country)
                || crate::orgs::get()
                    .lookup(m)
                    .zip(crate::orgs::get().lookup(h))
                    .is_some_and(|(a, b)| a == b)
        }
        _ => true,
    }
}

/// A name form as the words it is compared by.
#[derive(Debug, Clone)]
struct NameWords {
    /// Match-key words ("Đukanovića" → "dukanovica").
    folded: Vec<String>,
    /// What names compare by: `folded`, or in text with case forms each word's key without
    /// its case ending ("dukanovic").
    keys: Vec<String>,
    /// The case ending cut from each word ("a"); all empty without case forms.
    endings: Vec<String>,
}

impl NameWords {
    fn new(text: &str, case_forms: bool) -> Self {
        let folded = lexicon::words_of(text);
        if !case_forms {
            return NameWords {
                keys: folded.clone(),
                endings: vec![String::new(); folded.len()],
                folded,
            };
        }
        let last = folded.len().saturating_sub(1);
        let (keys, endings) = folded
            .iter()
            .enumerate()
            .map(|(i, w)| stem::person_word_folded(w, i < last))
            .unzip();
        NameWords {
            folded,
            keys,
            endings,
        }
    }

    /// How far the form is from a nominative: letters of case endings, then words whose
    /// ending no nominative has. Lower is nearer.
    fn obliqueness(&self) -> (usize, usize) {
        let letters = self.endings.iter().map(String::len).sum();
        let oblique = self
            .endings
            .iter()
            .filter(|e| !stem::is_nominative_ending(e))
            .count();
        (letters, oblique)
    }
}

/// Whether a name can name the bearer of a fuller one: the same words, or its last words
/// ("Stoltenberg" → "Jens Stoltenberg"); see [`names::names_same_person`]. With case forms,
/// words meet by their keys and given names must agree (see [`given_names_agree`]).
fn names_fit(short: &NameWords, full: &NameWords) -> bool {
    let (s, f) = (&short.keys, &full.keys);
    !s.is_empty()
        && (s == f || (s.len() < f.len() && f.ends_with(s)))
        && given_names_agree(short, full)
}

/// Whether the words before the surname of two name forms whose keys meet can be one given
/// name in two cases. A man's name declines as a whole ("Milo Đukanović", "Mila
/// Đukanovića"), so when the surnames differ in spelling the given names may too. When the
/// surnames are spelt alike, only a woman's given name changes ("Ana Brnabić", "Ane
/// Brnabić"): both forms must be of the feminine declension, which keeps "Milo Đukanović" and
/// "Mila Đukanović", or "Marko" and "Marka" with one undeclined surname, apart.
fn given_names_agree(a: &NameWords, b: &NameWords) -> bool {
    let n = a.folded.len().min(b.folded.len());
    if n < 2 {
        return true;
    }
    let tail = |w: &NameWords| w.folded.len() - n;
    let (ta, tb) = (tail(a), tail(b));
    if a.folded.last() != b.folded.last() {
        return true;
    }
    (0..n - 1).all(|i| {
        let (x, y) = (i + ta, i + tb);
        a.folded[x] == b.folded[y]
            || (stem::is_feminine_ending(&a.endings[x]) && stem::is_feminine_ending(&b.endings[y]))
    })
}

fn compatible(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Links `found`'s people. `case_forms`: the text is Serbian, Croatian or Bosnian, whose names
/// come in case forms.
pub(crate) fn resolve(doc: &Doc<'_>, found: &[Found], case_forms: bool) -> Resolution {
    let mut r = Resolution {
        people: Vec::new(),
        link: vec![None; found.len()],
        single_is_name: vec![false; found.len()],
    };
    // Token position of each person's mentions, for recency.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| (found[k].start, found[k].end));

    // 1. Names: longest first, so that "Stoltenberg" finds "Jens Stoltenberg" wherever it is.
    let mut named: Vec<usize> = (0..found.len())
        .filter(|&k| matches!(found[k].what, What::Person { .. }))
        .collect();
    named.sort_by_key(|&k| {
        let What::Person { name, .. } = &found[k].what else {
            return (0, 0);
        };
        (usize::MAX - (name.1 - name.0), found[k].start)
    });
    // Organisations and places by the token they end before: a title's owner in the genitive
    // stands right before the name ("generalnim sekretarom NATO-a Jensom Stoltenbergom").
    let mut owner_ending_at: FxHashMap<usize, usize> = FxHashMap::default();
    if case_forms {
        for (k, f) in found.iter().enumerate() {
            if f.start < f.end && matches!(f.what, What::Org { .. } | What::Place { .. }) {
                owner_ending_at.entry(f.end).or_insert(k);
            }
        }
    }
    // Each person's name as words, and people by the key of the last of those words.
    let mut person_words: Vec<NameWords> = Vec::new();
    let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &k in &named {
        let What::Person {
            name,
            roles,
            gender,
        } = &found[k].what
        else {
            continue;
        };
        let text = doc.slice(name.0, name.1).to_owned();
        let words = NameWords::new(&text, case_forms);
        let Some(last) = words.keys.last().cloned() else {
            continue;
        };
        let oblique_role = if case_forms && roles.is_empty() {
            role_in_case_form(doc, found, &owner_ending_at, name.0, &text, &words)
        } else {
            None
        };
        let hit = by_last.get(&last).and_then(|ps| {
            ps.iter()
                .copied()
                .find(|&p| names_fit(&words, &person_words[p]))
        });
        let p = match hit {
            Some(p) => p,
            None => {
                r.people.push(Chain {
                    name: text.clone(),
                    ..Chain::default()
                });
                person_words.push(words);
                by_last.entry(last).or_default().push(r.people.len() - 1);
                r.people.len() - 1
            }
        };
        let chain = &mut r.people[p];
        // A name first met in a headline in capitals is named as the text writes it.
        if !chain.name.chars().any(char::is_lowercase)
            && text.chars().any(char::is_lowercase)
            && text.split_whitespace().count() >= chain.name.split_whitespace().count()
        {
            chain.name.clone_from(&text);
        }
        if !chain.variants.contains(&text) {
            chain.variants.push(text);
        }
        for role in roles.iter().chain(&oblique_role) {
            if !chain.roles.contains(role) {
                chain.roles.push(role.clone());
            }
        }
        if chain.gender.is_none() {
            chain.gender = *gender;
        }
        if chain.gender.is_none() && !case_forms {
            chain.gender = gender_of_given_name(&chain.name);
        }
        r.link[k] = Some(p);
    }

    // 2. Single capitalised words naming a known person (the surname, or the whole name).
    for k in 0..found.len() {
        if found[k].what != What::Single {
            continue;
        }
        let word = doc.slice(found[k].start, found[k].end);
        let words = NameWords::new(word, case_forms);
        let hits: Vec<usize> = words
            .keys
            .last()
            .and_then(|l| by_last.get(l))
            .map(|ps| {
                ps.iter()
                    .copied()
                    .filter(|&p| names_fit(&words, &person_words[p]))
                    .collect()
            })
            .unwrap_or_default();
        let pick = match hits.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => last_before(&r, found, &order, found[k].start, many),
        };
        if let Some(p) = pick {
            r.link[k] = Some(p);
            r.single_is_name[k] = true;
            if !r.people[p].variants.iter().any(|v| v == word) {
                r.people[p].variants.push(word.to_owned());
            }
        }
    }

    if case_forms {
        name_by_nominative(doc, found, &mut r);
        for chain in &mut r.people {
            drop_ownerless_duplicates(&mut chain.roles);
        }
    }

    // 3 and 4, in reading order so that each resolved mention is there for the next.
    let mut last_pos: Vec<Option<usize>> = vec![None; r.people.len()];
    let mut state: Vec<Option<Recent>> = vec![None; r.people.len()];
    let mut first_in_sent: std::collections::HashMap<usize, usize> = Default::default();
    let most_recent = |last_pos: &[Option<usize>], candidates: &[usize]| {
        candidates
            .iter()
            .filter_map(|&p| last_pos[p].map(|at| (at, p)))
            .max()
            .map(|(_, p)| p)
    };
    for &k in &order {
        match &found[k].what {
            What::Nominal { role, appos } => {
                if let Some(a) = appos {
                    r.link[k] = r.link[*a];
                } else {
                    let fits: Vec<usize> = (0..r.people.len())
                        .filter(|&p| r.people[p].roles.iter().any(|h| role_fits(role, h)))
                        .collect();
                    r.link[k] = match fits.as_slice() {
                        [] => None,
                        [one] => Some(*one),
                        many => most_recent(&last_pos, many).or_else(|| many.first().copied()),
                    };
                }
            }
            What::Pronoun { gender } => {
                let at = found[k].start;
                let sent = doc.toks[at].sent;
                let best = (0..r.people.len())
                    .filter(|&p| compatible(*gender, r.people[p].gender))
                    .filter_map(|p| {
                        let s = state[p]?;
                        (s.sent + PRONOUN_WINDOW >= sent).then(|| (salience(&s, sent, at), p))
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, p)) = best {
                    r.link[k] = Some(p);
                    if r.people[p].gender.is_none() {
                        r.people[p].gender = *gender;
                    }
                }
            }
            _ => {}
        }
        if let Some(p) = r.link[k] {
            let at = found[k].start;
            let sent = doc.toks[at].sent;
            last_pos[p] = Some(at);
            let subject = first_in_sent.get(&sent).is_none_or(|&q| q == p);
            first_in_sent.entry(sent).or_insert(p);
            let count = state[p].map_or(0, |s| s.count) + 1;
            state[p] = Some(Recent {
                sent,
                subject,
                count,
            });
        }
    }
    r
}

/// The sex a full name's given name shows: "Angela Merkel" → female. None for a name written
/// surname first, as Korean names are ("Moon Jae-in": a hyphenated given name last).
fn gender_of_given_name(name: &str) -> Option<Gender> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    if words.last().is_some_and(|w| w.contains('-')) {
        return None;
    }
    roles::given_name_gender(first)
}

/// Where a person last stood, for pronoun salience.
#[derive(Debug, Clone, Copy)]
struct Recent {
    sent: usize,
    /// The person's mention was the first person mention of its sentence (mostly its subject).
    subject: bool,
    count: usize,
}

/// Salience of a person for a pronoun in sentence `sent`: recent sentences weigh most, the
/// subject of a sentence outranks other mentions in it, and often-mentioned people (the
/// story's protagonist) gain a little.
fn salience(s: &Recent, sent: usize, _at: usize) -> f32 {
    let distance = sent.saturating_sub(s.sent) as f32;
    let mut score = 100.0 / (1.0 + distance);
    if s.subject {
        score += SUBJECT_BONUS;
    }
    score + (s.count.min(10) as f32) * FREQUENCY_BONUS
}

/// The person among `candidates` mentioned last before token `pos`.
fn last_before(
    r: &Resolution,
    found: &[Found],
    order: &[usize],
    pos: usize,
    candidates: &[usize],
) -> Option<usize> {
    order
        .iter()
        .rev()
        .filter(|&&k| found[k].start < pos)
        .filter_map(|&k| r.link[k])
        .find(|p| candidates.contains(p))
}

/// Names each person by a form the text gives, never one made up: the fullest of the forms
/// whose every word is in its least inflected spelling in the article, then the nearest to a
/// nominative, the most frequent, the first. "Milo Đukanović" over "Mila Đukanovića", "Ana
/// Brnabić" over "Ane Brnabić"; "Đinđić" over "Zoranu Đinđiću", whose surname the text also
/// gives uninflected; "Ursulom von der Leyen" stays, since no other form of "Ursulom" is there.
fn name_by_nominative(doc: &Doc<'_>, found: &[Found], r: &mut Resolution) {
    // Per person: (form, its words, mentions, first token).
    let mut forms: Vec<Vec<(&str, NameWords, usize, usize)>> = vec![Vec::new(); r.people.len()];
    for (k, f) in found.iter().enumerate() {
        let Some(p) = r.link[k] else { continue };
        let text = match f.what {
            What::Person { name, .. } => doc.slice(name.0, name.1),
            What::Single if r.single_is_name[k] => doc.slice(f.start, f.end),
            _ => continue,
        };
        let Some(list) = forms.get_mut(p) else {
            continue;
        };
        match list.iter_mut().find(|(t, ..)| *t == text) {
            Some((_, _, count, first)) => {
                *count += 1;
                *first = (*first).min(f.start);
            }
            None => list.push((text, NameWords::new(text, true), 1, f.start)),
        }
    }
    for (chain, list) in r.people.iter_mut().zip(forms) {
        // The shortest case ending each word key shows in any of the person's forms.
        let mut least: FxHashMap<&str, usize> = FxHashMap::default();
        for (_, words, ..) in &list {
            for (key, ending) in words.keys.iter().zip(&words.endings) {
                let l = least.entry(key.as_str()).or_insert(ending.len());
                *l = (*l).min(ending.len());
            }
        }
        let uninflected = |words: &NameWords| {
            words
                .keys
                .iter()
                .zip(&words.endings)
                .all(|(key, ending)| least.get(key.as_str()) == Some(&ending.len()))
        };
        let any_uninflected = list.iter().any(|(_, words, ..)| uninflected(words));
        let best = list
            .iter()
            .filter(|(_, words, ..)| !any_uninflected || uninflected(words))
            .min_by_key(|(_, words, count, first)| {
                (
                    std::cmp::Reverse(words.keys.len()),
                    words.obliqueness(),
                    std::cmp::Reverse(*count),
                    *first,
                )
            });
        if let Some((text, ..)) = best {
            chain.name = (*text).to_owned();
        }
    }
}

/// Roles without an owner that the person also holds with one ("premijera Erdogana" beside
/// "turski premijer Erdogan"): the owned role says all the other does.
fn drop_ownerless_duplicates(roles: &mut Vec<RoleAt>) {
    let owned: Vec<String> = roles
        .iter()
        .filter(|r| r.of.is_some())
        .map(|r| r.title.clone())
        .collect();
    roles.retain(|r| r.of.is_some() || !owned.contains(&r.title));
}

/// The case a word's ending shows, as far as titles and names need to agree: its last letter
/// ("a" of "premijera" and of "Tačija"; "m" of "sekretarom" and of "Đukanovićem"), none for
/// no ending.
fn case_mark(ending: &str) -> Option<char> {
    ending.chars().last()
}

/// Whether a title whose head word shows the case mark `title` (see [`case_mark`]) can stand
/// in apposition to a name with these words. A man's surname declines with the title
/// ("predsednika Aleksandra Vučića"), so it must show the same mark; a woman's does not, so
/// an uninflected surname takes its case from the given name ("s premijerkom Anom Brnabić"),
/// except for "a", which also ends given names in the nominative ("Savetnik premijera Nikola
/// Petrović": the adviser is Petrović, not the prime minister). A title with no ending wants
/// a name with an uninflected word ("general VRS-a Mirko Tepšić", not "savetnik Vučića").
fn title_agrees(title: Option<char>, words: &NameWords) -> bool {
    let Some(last) = words.endings.last() else {
        return false;
    };
    match title {
        None => words.endings.iter().any(String::is_empty),
        Some(mark) => {
            case_mark(last) == Some(mark)
                || (last.is_empty()
                    && mark != 'a'
                    && words.endings.iter().any(|e| case_mark(e) == Some(mark)))
        }
    }
}

/// A title in a case form right before the name `text` (its words `words`) starting at token
/// `at`, with the owner in the genitive between them when there is one (an organisation or
/// place of `found` ending at `at`, by `owner_ending_at`): "sa generalnim
/// sekretarom NATO-a Jensom Stoltenbergom" → Secretary General of NATO, "s predsjednikom
/// Srbije …" → President of Serbia. For text with case forms, where `detect`'s table match
/// reads titles in the nominative only. The title's head word must agree in case with the
/// name ([`title_agrees`]): in "zamjenik premijera Hajredin Kuqi" the genitive title belongs
/// to someone else's phrase, not to the name in the nominative.
fn role_in_case_form(
    doc: &Doc<'_>,
    found: &[Found],
    owner_ending_at: &FxHashMap<usize, usize>,
    at: usize,
    text: &str,
    words: &NameWords,
) -> Option<RoleAt> {
    // A town taken for a person ("gradonačelnika Gospića Milana Kolića") holds no title.
    if gazetteer::get().lookup_inflected(text).is_some() {
        return None;
    }
    let sent = doc.toks.get(at)?.sent;
    let mut end = at;
    let mut role = RoleAt::default();
    if let Some(owner) = owner_ending_at.get(&at).and_then(|&k| found.get(k)) {
        (role.of, role.country) = owner_of(doc, owner);
        end = owner.start;
    }
    let titles = roles::get();
    for n in (1..=titles.most_title_words().min(end)).rev() {
        let start = end - n;
        if doc.toks[start].sent != sent {
            continue;
        }
        let title_words = lexicon::words_of(doc.slice(start, end));
        let stems: Vec<String> = title_words.iter().map(|w| stem::stem_folded(w)).collect();
        let Some(title) = titles.title_by_stems(&stems) else {
            continue;
        };
        // The head is the last word of an adjective and its noun ("generalnim sekretarom") and
        // the first of a noun and its genitive ("ministrice vanjskih poslova").
        let agrees = |w: Option<&String>| {
            w.map(|w| stem::person_word_folded(w, false).1)
                .is_some_and(|h| title_agrees(case_mark(&h), words))
        };
        if !agrees(title_words.last()) && !agrees(title_words.first()) {
            return None;
        }
        role.title = title.name.clone();
        return Some(role);
    }
    None
}

/// A role owner's name and country, as `detect` gives them: a place by its gazetteer entry,
/// an organisation as written without a case ending after a hyphen ("NATO-a" → "NATO").
fn owner_of(doc: &Doc<'_>, owner: &Found) -> (Option<String>, Option<String>) {
    let surface = doc.slice(owner.start, owner.end);
    match owner.what {
        What::Place { entry, .. } => {
            let gaz = gazetteer::get();
            let entry = entry.or_else(|| gaz.lookup_inflected(surface));
            match entry.and_then(|e| gaz.entries.get(e)) {
                Some(e) => (Some(e.name.clone()), e.country.clone()),
                None => (Some(surface.to_owned()), None),
            }
        }
        _ => {
            let name = detect::declined_acronym(surface).unwrap_or(surface);
            (Some(name.to_owned()), None)
        }
    }
}
