//! Stories: online clustering of articles that report the same event, across outlets and
//! languages.
//!
//! Each article becomes a [`StoryFeatures`] record and then a TF-IDF vector over typed terms:
//! content-word stems (`w:`), and the language-independent parts — name keys of capitalised
//! words (`n:`), people (`p:`), places (`l:`), organisations (`o:`), numbers (`#:`), quotation
//! shingles (`q:`) and events (`e:`). An arriving article is compared with the centroids of the
//! open stories (those whose dates lie within [`Params::window_days`] of it) that share its
//! most distinctive terms, found through an inverted index, and joins the best one scoring at
//! least [`Params::threshold`]; otherwise it opens a story.
//!
//! The score is the cosine with the centroid. When the article's language differs from a
//! language already in the story, the cosine over the language-independent terms alone also
//! counts (times [`Params::cross_lingual_weight`], and only with at least
//! [`Params::min_shared_keys`] shared keys), so an English and a Serbian report of one meeting
//! meet on names, places, numbers and dates where their words cannot.
//!
//! Syndicated near-duplicates (the store's dedup, or MinHash Jaccard ≥ [`Params::copy_jaccard`]
//! with a member) join their original's story marked as copies.
//!
//! Deterministic: the same articles in the same order give the same stories. Nothing iterates a
//! hash map where order matters; ties break on the lower story id.

mod features;

use std::collections::{BTreeMap, HashMap};

pub use features::{
    Keyed, MINHASH_SIZE, StoryFeatures, day_number, day_string, hash_str, minhash_similarity,
};
use model::{Link, Story, StoryEvent, StoryMember};

/// A story's number: stories are numbered from 0 in the order they were opened.
pub type StoryId = u64;

/// The knobs of clustering, with the reasons for their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// How far apart in days an article and a story's dated members may be. Three days: follow-
    /// ups of one event (reactions, the next day's talks) stay together; the next week's
    /// meeting of the same people is a new story.
    pub window_days: i32,
    /// Minimum cosine (TF-IDF, sublinear tf) between an article and a story centroid. Two
    /// reports of one event share their rare words — names, places, figures — and score well
    /// above 0.4; articles on the same broad topic (two Kosovo-status pieces) stay below 0.3.
    pub threshold: f32,
    /// Weight of the language-independent overlap when languages differ (< 1: keys alone are
    /// thinner evidence than keys and words together). The overlap is the idf-weighted share of
    /// the smaller side's keys (article's or story's) that the other side has too: an
    /// English report names many things a short Serbian one does not, and that must not count
    /// against the ones they share.
    pub cross_lingual_weight: f32,
    /// Shared language-independent keys needed before their cosine counts: one shared name or
    /// country is topic, not event.
    pub min_shared_keys: usize,
    /// Estimated Jaccard of word 4-shingles at which an article is a copy of a member. Rewrites
    /// of one wire story by different outlets stay well below; the same text with different
    /// boilerplate stays well above.
    pub copy_jaccard: f32,
    /// Terms kept in a story centroid (the rest carry little weight and cost time).
    pub centroid_terms: usize,
    /// Of those, the heaviest that are put in the inverted index.
    pub indexed_terms: usize,
    /// An article's heaviest terms used to look up candidate stories.
    pub query_terms: usize,
    /// Postings read per query term (the most recent): a term in thousands of open stories
    /// finds them through its rarer terms anyway.
    pub postings_per_term: usize,
    /// Candidate stories scored in full.
    pub candidates: usize,
    /// The wider window of "related coverage": articles sharing main people or places.
    pub related_window_days: i32,
    /// Pseudo-documents, containing none of the terms, added to the document count for inverse
    /// document frequency: with them a fresh clusterer weighs all terms alike until real
    /// articles outnumber them. Default 0: on SETimes a prior of 100 let two same-topic articles
    /// merge before the statistics could tell "Kosovo" is common, while the plain statistics
    /// of the articles seen so far stay conservative from the second article on.
    pub idf_prior_docs: u32,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            window_days: 3,
            threshold: 0.3,
            cross_lingual_weight: 0.8,
            min_shared_keys: 3,
            copy_jaccard: 0.5,
            centroid_terms: 300,
            indexed_terms: 40,
            query_terms: 24,
            postings_per_term: 2000,
            candidates: 48,
            related_window_days: 14,
            idf_prior_docs: 0,
        }
    }
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub story: StoryId,
    /// The article opened the story.
    pub new_story: bool,
    /// The member this article copies, when it is a syndicated near-duplicate.
    pub copy_of: Option<String>,
    /// The best candidate's similarity (1 for copies); below the threshold when the article
    /// opened a story, 0 when there was no candidate.
    pub score: f32,
}

/// Why an article is related to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelatedReason {
    /// A member of the same story.
    SameStory,
    /// Names the same main people or places within the wider window.
    SharedEntities,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RelatedArticle {
    pub article: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub reason: RelatedReason,
    pub score: f32,
    pub copy: bool,
}

/// Related coverage of one article: its story first, then shared people and places; the
/// publisher's own links apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelatedCoverage {
    pub same_story: Vec<RelatedArticle>,
    pub shared_entities: Vec<RelatedArticle>,
    pub publisher: Vec<Link>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Word,
    /// Means the same in every language: names, places, organisations, numbers, quotes, events.
    Key,
    /// A person or place key: "main people or places" for related coverage.
    Entity,
    /// A quotation shingle: strong within a language, but translation rewords quotations, so
    /// it is left out of the cross-lingual overlap.
    Quote,
}

impl TermKind {
    fn language_independent(self) -> bool {
        matches!(self, TermKind::Key | TermKind::Entity)
    }
}

/// Quotations and events are the strongest evidence of one event: the same statement in two
/// outlets, the same meeting of the same people on the same day.
const QUOTE_BOOST: f32 = 2.0;
const EVENT_BOOST: f32 = 2.0;

struct ArticleRec {
    id: String,
    title: Option<String>,
    published: Option<String>,
    day: Option<i32>,
    language: Option<String>,
    source: Option<String>,
    story: u32,
    copy_of: Option<u32>,
    /// Unit TF-IDF vector, sorted by term.
    vector: Vec<(u32, f32)>,
    minhash: Vec<u64>,
    /// Main people and places, as term ids, and their names.
    main_entities: Vec<u32>,
    people: Vec<Keyed>,
    places: Vec<Keyed>,
    events: Vec<(u64, StoryEvent)>,
    publisher_related: Vec<Link>,
}

struct StoryState {
    members: Vec<u32>,
    /// Sum of member vectors (copies excluded), cut to `centroid_terms`, sorted by term.
    centroid: Vec<(u32, f32)>,
    norm: f32,
    /// Summed idf of the centroid's language-independent terms.
    key_mass: f32,
    first_day: Option<i32>,
    last_day: Option<i32>,
    open: bool,
    /// Terms under which the story is in the inverted index, sorted.
    indexed: Vec<u32>,
}

/// Online story clustering over the articles in a sliding window of days.
pub struct Clusterer {
    params: Params,
    vocab: HashMap<String, u32>,
    kinds: Vec<TermKind>,
    df: Vec<u32>,
    docs: u32,
    /// Document frequencies are fixed (a re-cluster counted them over all articles first).
    frozen_df: bool,
    articles: Vec<ArticleRec>,
    by_id: HashMap<String, u32>,
    stories: Vec<StoryState>,
    postings: Vec<Vec<u32>>,
    /// Person and place terms → articles, for related coverage.
    entity_postings: Vec<Vec<u32>>,
    open: Vec<u32>,
    clock: Option<i32>,
    scratch: Vec<f32>,
    touched: Vec<u32>,
}

impl Default for Clusterer {
    fn default() -> Self {
        Self::new(Params::default())
    }
}

impl Clusterer {
    pub fn new(params: Params) -> Self {
        Self {
            params,
            vocab: HashMap::new(),
            kinds: Vec::new(),
            df: Vec::new(),
            docs: 0,
            frozen_df: false,
            articles: Vec::new(),
            by_id: HashMap::new(),
            stories: Vec::new(),
            postings: Vec::new(),
            entity_postings: Vec::new(),
            open: Vec::new(),
            clock: None,
            scratch: Vec::new(),
            touched: Vec::new(),
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Clusters all articles afresh, as after tuning: ordered by date (undated last) then id,
    /// with document frequencies counted over all of them first, so early articles are weighed
    /// like late ones.
    pub fn recluster(all: &[StoryFeatures], params: Params) -> Self {
        let mut order: Vec<&StoryFeatures> = all.iter().collect();
        order.sort_by(|a, b| (a.day.is_none(), a.day, &a.id).cmp(&(b.day.is_none(), b.day, &b.id)));
        let mut c = Self::new(params);
        for f in &order {
            let terms = c.typed_terms(f);
            let mut seen: Vec<u32> = terms.iter().map(|(t, _, _)| *t).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                c.df[t as usize] += 1;
            }
            c.docs += 1;
        }
        c.frozen_df = true;
        for f in order {
            c.assign(f);
        }
        c
    }

    /// Number of articles assigned.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Number of stories opened so far (open or closed).
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// The story an article was put in.
    pub fn story_of(&self, article: &str) -> Option<StoryId> {
        self.by_id
            .get(article)
            .map(|&a| StoryId::from(self.articles[a as usize].story))
    }

    /// Puts an article in the best matching open story or opens a new one. Assigning an id
    /// already seen returns its story unchanged.
    pub fn assign(&mut self, f: &StoryFeatures) -> Assignment {
        if let Some(&a) = self.by_id.get(&f.id) {
            let rec = &self.articles[a as usize];
            return Assignment {
                story: StoryId::from(rec.story),
                new_story: false,
                copy_of: rec.copy_of.map(|c| self.articles[c as usize].id.clone()),
                score: 1.0,
            };
        }
        if let Some(day) = f.day {
            self.advance_clock(day);
        }
        let terms = self.typed_terms(f);
        if !self.frozen_df {
            let mut seen: Vec<u32> = terms.iter().map(|(t, _, _)| *t).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                self.df[t as usize] += 1;
            }
            self.docs += 1;
        }
        let vector = self.weigh(&terms);
        let article = self.articles.len() as u32;

        let mut chosen: Option<(u32, f32, Option<u32>)> = None;
        // The store's dedup has the last word on copies, whatever the window.
        if let Some(orig) = f.copy_of.as_ref().and_then(|o| self.by_id.get(o)) {
            let orig = self.root(*orig);
            chosen = Some((self.articles[orig as usize].story, 1.0, Some(orig)));
        }
        let mut best = 0.0;
        if chosen.is_none() {
            let ranked = self.rank(&vector, f);
            best = ranked.first().map_or(0.0, |r| r.1);
            chosen = self.find_copy(&ranked, &f.minhash);
            if chosen.is_none()
                && let Some(&(s, score)) = ranked.first()
                && score >= self.params.threshold
            {
                chosen = Some((s, score, None));
            }
        }

        let (story, score, copy_of, new_story) = match chosen {
            Some((s, score, copy)) => (s, score, copy, false),
            None => {
                let s = self.stories.len() as u32;
                self.stories.push(StoryState {
                    members: Vec::new(),
                    centroid: Vec::new(),
                    norm: 0.0,
                    key_mass: 0.0,
                    first_day: None,
                    last_day: None,
                    open: true,
                    indexed: Vec::new(),
                });
                self.open.push(s);
                (s, best, None, true)
            }
        };

        let main_entities = self.main_entities(f);
        for &t in &main_entities {
            self.entity_postings[t as usize].push(article);
        }
        self.articles.push(ArticleRec {
            id: f.id.clone(),
            title: f.title.clone(),
            published: f.published.clone(),
            day: f.day,
            language: f.language.clone(),
            source: f.source.clone(),
            story,
            copy_of,
            vector,
            minhash: f.minhash.clone(),
            main_entities,
            people: f.people.clone(),
            places: f.places.clone(),
            events: f.events.clone(),
            publisher_related: f.publisher_related.clone(),
        });
        self.by_id.insert(f.id.clone(), article);
        self.add_member(story, article);
        Assignment {
            story: StoryId::from(story),
            new_story,
            copy_of: copy_of.map(|c| self.articles[c as usize].id.clone()),
            score,
        }
    }

    /// The original an article copies, following copies of copies.
    fn root(&self, mut a: u32) -> u32 {
        while let Some(c) = self.articles[a as usize].copy_of {
            a = c;
        }
        a
    }

    fn intern(&mut self, term: String, kind: TermKind) -> u32 {
        if let Some(&t) = self.vocab.get(&term) {
            return t;
        }
        let t = self.kinds.len() as u32;
        self.vocab.insert(term, t);
        self.kinds.push(kind);
        self.df.push(0);
        self.postings.push(Vec::new());
        self.entity_postings.push(Vec::new());
        t
    }

    /// (term, count, boost) for every term of the article.
    fn typed_terms(&mut self, f: &StoryFeatures) -> Vec<(u32, u32, f32)> {
        let mut out: BTreeMap<u32, (u32, f32)> = BTreeMap::new();
        let mut add = |c: &mut Self, term: String, kind: TermKind, n: u32, boost: f32| {
            let t = c.intern(term, kind);
            let e = out.entry(t).or_insert((0, boost));
            e.0 += n;
        };
        for (stem, n) in &f.terms {
            add(self, format!("w:{stem}"), TermKind::Word, *n, 1.0);
        }
        for (i, key) in f.names.iter().enumerate() {
            // Names come most frequent first; a rank-based count keeps the order without
            // storing counts twice.
            let n = if i < 3 { 2 } else { 1 };
            add(self, format!("n:{key}"), TermKind::Key, n, 1.0);
        }
        for p in &f.people {
            add(self, format!("p:{}", p.key), TermKind::Entity, 1, 1.0);
        }
        for p in &f.places {
            add(self, format!("l:{}", p.key), TermKind::Entity, 1, 1.0);
        }
        for c in &f.countries {
            add(self, format!("c:{c}"), TermKind::Key, 1, 1.0);
        }
        for o in &f.organisations {
            add(self, format!("o:{}", o.key), TermKind::Key, 1, 1.0);
        }
        for n in &f.numbers {
            add(self, format!("#:{n}"), TermKind::Key, 1, 1.0);
        }
        for q in &f.quotes {
            add(self, format!("q:{q:016x}"), TermKind::Quote, 1, QUOTE_BOOST);
        }
        for (k, _) in &f.events {
            add(self, format!("e:{k:016x}"), TermKind::Key, 1, EVENT_BOOST);
        }
        out.into_iter().map(|(t, (n, b))| (t, n, b)).collect()
    }

    fn idf(&self, t: u32) -> f32 {
        idf(self.docs, self.params.idf_prior_docs, self.df[t as usize])
    }

    fn weigh(&self, terms: &[(u32, u32, f32)]) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = terms
            .iter()
            .map(|&(t, n, boost)| (t, (1.0 + (n as f32).ln()) * self.idf(t) * boost))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    fn main_entities(&self, f: &StoryFeatures) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let people = f.people.iter().take(3).map(|p| format!("p:{}", p.key));
        let places = f.places.iter().take(3).map(|p| format!("l:{}", p.key));
        for term in people.chain(places) {
            if let Some(&t) = self.vocab.get(&term) {
                out.push(t);
            }
        }
        // Without a tagger's people and places, the most frequent capitalised names stand in.
        if out.is_empty() {
            for key in f.names.iter().take(4) {
                if let Some(&t) = self.vocab.get(&format!("n:{key}")) {
                    out.push(t);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn advance_clock(&mut self, day: i32) {
        if self.clock.is_some_and(|c| c >= day) {
            return;
        }
        self.clock = Some(day);
        let horizon = day - self.params.window_days;
        let mut closed = false;
        let stories = &mut self.stories;
        self.open.retain(|&s| {
            let st = &mut stories[s as usize];
            if st.last_day.is_some_and(|d| d < horizon) {
                st.open = false;
                closed = true;
                false
            } else {
                true
            }
        });
        if closed {
            let stories = &self.stories;
            for p in &mut self.postings {
                p.retain(|&s| stories[s as usize].open);
            }
        }
    }

    fn in_window(&self, st: &StoryState, day: Option<i32>) -> bool {
        let w = self.params.window_days;
        match (day, st.first_day, st.last_day) {
            (Some(d), Some(first), Some(last)) => d >= first - w && d <= last + w,
            _ => true,
        }
    }

    /// Candidate stories by their full score, best first (ties: lower id).
    fn rank(&mut self, vector: &[(u32, f32)], f: &StoryFeatures) -> Vec<(u32, f32)> {
        let mut query: Vec<(u32, f32)> = vector.to_vec();
        query.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(self.params.query_terms);
        if self.scratch.len() < self.stories.len() {
            self.scratch.resize(self.stories.len(), 0.0);
        }
        for &(t, w) in &query {
            let p = &self.postings[t as usize];
            let from = p.len().saturating_sub(self.params.postings_per_term);
            for &s in &p[from..] {
                if self.scratch[s as usize] == 0.0 {
                    self.touched.push(s);
                }
                self.scratch[s as usize] += w;
            }
        }
        let mut partial: Vec<(u32, f32)> = self
            .touched
            .drain(..)
            .map(|s| (s, std::mem::take(&mut self.scratch[s as usize])))
            .collect();
        partial.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        partial.truncate(self.params.candidates);

        let keys: Vec<(u32, f32)> = vector
            .iter()
            .filter(|(t, _)| self.kinds[*t as usize].language_independent())
            .map(|&(t, _)| (t, self.idf(t)))
            .collect();
        let key_mass: f32 = keys.iter().map(|(_, w)| w).sum();
        let mut scored: Vec<(u32, f32)> = Vec::with_capacity(partial.len());
        for (s, _) in partial {
            let st = &self.stories[s as usize];
            if !st.open || st.norm == 0.0 || !self.in_window(st, f.day) {
                continue;
            }
            let mut score = dot(vector, &st.centroid) / st.norm;
            if key_mass > 0.0 && st.key_mass > 0.0 && self.crosses_language(st, f) {
                let (shared_mass, shared) = shared_keys(&keys, &st.centroid);
                if shared >= self.params.min_shared_keys {
                    let overlap = shared_mass / key_mass.min(st.key_mass);
                    score = score.max(self.params.cross_lingual_weight * overlap);
                }
            }
            scored.push((s, score));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    fn crosses_language(&self, st: &StoryState, f: &StoryFeatures) -> bool {
        let Some(lang) = f.language.as_deref().map(language_group) else {
            return false;
        };
        st.members.iter().any(|&m| {
            self.articles[m as usize]
                .language
                .as_deref()
                .is_some_and(|l| language_group(l) != lang)
        })
    }

    /// A member of one of the best candidates that the article copies: (story, score, original).
    fn find_copy(&self, ranked: &[(u32, f32)], minhash: &[u64]) -> Option<(u32, f32, Option<u32>)> {
        if minhash.is_empty() {
            return None;
        }
        for &(s, _) in ranked.iter().take(4) {
            let st = &self.stories[s as usize];
            for &m in st.members.iter().take(64) {
                let rec = &self.articles[m as usize];
                if minhash_similarity(minhash, &rec.minhash) >= self.params.copy_jaccard {
                    return Some((s, 1.0, Some(self.root(m))));
                }
            }
        }
        None
    }

    fn add_member(&mut self, story: u32, article: u32) {
        let (day, is_copy) = {
            let rec = &self.articles[article as usize];
            (rec.day, rec.copy_of.is_some())
        };
        let centroid_terms = self.params.centroid_terms;
        let indexed_terms = self.params.indexed_terms;
        let st = &mut self.stories[story as usize];
        st.members.push(article);
        if let Some(d) = day {
            st.first_day = Some(st.first_day.map_or(d, |f| f.min(d)));
            st.last_day = Some(st.last_day.map_or(d, |l| l.max(d)));
        }
        if is_copy && !st.centroid.is_empty() {
            // A copy repeats its original; counting it twice would tilt the centroid.
            return;
        }
        let merged = merge_add(&st.centroid, &self.articles[article as usize].vector);
        let mut by_weight = merged;
        by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        by_weight.truncate(centroid_terms);
        let mut to_index: Vec<u32> = by_weight
            .iter()
            .take(indexed_terms)
            .map(|(t, _)| *t)
            .collect();
        by_weight.sort_by_key(|(t, _)| *t);
        st.norm = by_weight.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        let key_mass = by_weight
            .iter()
            .filter(|(t, _)| self.kinds[*t as usize].language_independent())
            .map(|(t, _)| idf(self.docs, self.params.idf_prior_docs, self.df[*t as usize]))
            .sum::<f32>();
        let st = &mut self.stories[story as usize];
        st.key_mass = key_mass;
        st.centroid = by_weight;
        to_index.sort_unstable();
        for t in to_index {
            if let Err(at) = st.indexed.binary_search(&t) {
                st.indexed.insert(at, t);
                self.postings[t as usize].push(story);
            }
        }
    }

    /// The story as the model shows it.
    pub fn story(&self, id: StoryId) -> Option<Story> {
        let st = self.stories.get(usize::try_from(id).ok()?)?;
        let members: Vec<&ArticleRec> = st
            .members
            .iter()
            .map(|&m| &self.articles[m as usize])
            .collect();
        let title = members
            .iter()
            .find(|m| m.copy_of.is_none())
            .or(members.first())
            .and_then(|m| m.title.clone())
            .unwrap_or_default();
        let mut sources = Vec::new();
        let mut languages = Vec::new();
        for m in &members {
            push_unique(&mut sources, m.source.as_ref());
            push_unique(&mut languages, m.language.as_ref());
        }
        let mut events: Vec<StoryEvent> = Vec::new();
        let mut event_keys: Vec<u64> = Vec::new();
        for m in &members {
            for (k, e) in &m.events {
                if !event_keys.contains(k) {
                    event_keys.push(*k);
                    events.push(e.clone());
                }
            }
        }
        Some(Story {
            id,
            title,
            first_seen: st.first_day.map(day_string),
            last_seen: st.last_day.map(day_string),
            sources,
            languages,
            people: most_named(members.iter().flat_map(|m| m.people.iter())),
            places: most_named(members.iter().flat_map(|m| m.places.iter())),
            events,
            members: members
                .iter()
                .map(|m| StoryMember {
                    article: m.id.clone(),
                    title: m.title.clone(),
                    published: m.published.clone(),
                    language: m.language.clone(),
                    source: m.source.clone(),
                    copy: m.copy_of.is_some(),
                    copy_of: m.copy_of.map(|c| self.articles[c as usize].id.clone()),
                })
                .collect(),
        })
    }

    /// All stories with a member dated on or after `since` (days since 1970-01-01; `None`:
    /// all), newest last seen first.
    pub fn stories(&self, since: Option<i32>) -> Vec<Story> {
        let mut ids: Vec<(Option<i32>, u64)> = self
            .stories
            .iter()
            .enumerate()
            .filter(|(_, st)| match since {
                Some(s) => st.last_day.is_some_and(|d| d >= s),
                None => true,
            })
            .map(|(i, st)| (st.last_day, i as u64))
            .collect();
        ids.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ids.into_iter().filter_map(|(_, i)| self.story(i)).collect()
    }

    /// Related coverage of an assigned article: the other members of its story (originals
    /// before copies, most similar first), then articles naming the same main people or places
    /// within [`Params::related_window_days`], ranked by the weight of what they share.
    pub fn related(&self, article: &str, limit: usize) -> Option<RelatedCoverage> {
        let &a = self.by_id.get(article)?;
        let rec = &self.articles[a as usize];
        let st = &self.stories[rec.story as usize];
        let mut same: Vec<RelatedArticle> = st
            .members
            .iter()
            .filter(|&&m| m != a)
            .map(|&m| {
                let o = &self.articles[m as usize];
                self.related_article(o, RelatedReason::SameStory, dot(&rec.vector, &o.vector))
            })
            .collect();
        same.sort_by(|x, y| {
            x.copy
                .cmp(&y.copy)
                .then(y.score.total_cmp(&x.score))
                .then(x.article.cmp(&y.article))
        });
        same.truncate(limit);

        let mut shared: HashMap<u32, f32> = HashMap::new();
        for &t in &rec.main_entities {
            let w = self.idf(t);
            for &o in &self.entity_postings[t as usize] {
                let other = &self.articles[o as usize];
                if o == a || other.story == rec.story {
                    continue;
                }
                if let (Some(d1), Some(d2)) = (rec.day, other.day)
                    && (d1 - d2).abs() > self.params.related_window_days
                {
                    continue;
                }
                *shared.entry(o).or_default() += w;
            }
        }
        let mut shared: Vec<(u32, f32)> = shared.into_iter().collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        let shared_entities = shared
            .into_iter()
            .take(limit)
            .map(|(o, w)| {
                self.related_article(&self.articles[o as usize], RelatedReason::SharedEntities, w)
            })
            .collect();
        Some(RelatedCoverage {
            same_story: same,
            shared_entities,
            publisher: rec.publisher_related.clone(),
        })
    }

    fn related_article(&self, o: &ArticleRec, reason: RelatedReason, score: f32) -> RelatedArticle {
        RelatedArticle {
            article: o.id.clone(),
            title: o.title.clone(),
            published: o.published.clone(),
            reason,
            score,
            copy: o.copy_of.is_some(),
        }
    }
}

fn push_unique(list: &mut Vec<String>, item: Option<&String>) {
    if let Some(i) = item
        && !list.contains(i)
    {
        list.push(i.clone());
    }
}

/// Names by how many members name them (ties: key order), each shown in its longest form.
fn most_named<'a>(items: impl Iterator<Item = &'a Keyed>) -> Vec<String> {
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for k in items {
        let e = counts.entry(k.key.as_str()).or_insert((0, k.name.as_str()));
        e.0 += 1;
        if k.name.chars().count() > e.1.chars().count() {
            e.1 = k.name.as_str();
        }
    }
    let mut v: Vec<(usize, &str, &str)> = counts.into_iter().map(|(k, (n, s))| (n, k, s)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    v.into_iter().map(|(_, _, s)| s.to_string()).collect()
}

/// Dot product of two term-sorted sparse vectors.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Smoothed inverse document frequency, never below 1.
fn idf(docs: u32, prior: u32, df: u32) -> f32 {
    let docs = (docs + prior).max(1) as f32;
    let df = df.max(1) as f32;
    ((docs + 1.0) / (df + 1.0)).ln() + 1.0
}

/// Serbian, Croatian, Bosnian and Montenegrin go through one stemmer into one space of stems,
/// so between them the words themselves carry over and the key-only comparison is not needed.
fn language_group(lang: &str) -> &str {
    match lang {
        "sr" | "hr" | "bs" | "sh" | "cnr" | "me" => "sh",
        other => other,
    }
}

/// The weight (idf) of an article's keys a centroid also has, and how many those are.
fn shared_keys(keys: &[(u32, f32)], centroid: &[(u32, f32)]) -> (f32, usize) {
    let (mut i, mut j, mut sum, mut shared) = (0, 0, 0.0, 0);
    while i < keys.len() && j < centroid.len() {
        match keys[i].0.cmp(&centroid[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += keys[i].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (sum, shared)
}

/// Sum of two term-sorted sparse vectors.
fn merge_add(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_vector_arithmetic() {
        let a = [(1, 1.0), (3, 2.0)];
        let b = [(0, 5.0), (3, 0.5), (4, 1.0)];
        assert_eq!(dot(&a, &b), 1.0);
        assert_eq!(
            merge_add(&a, &b),
            vec![(0, 5.0), (1, 1.0), (3, 2.5), (4, 1.0)]
        );
    }
}
