//! Stories: the articles of the store grouped by event, kept up to date as articles arrive.
//!
//! The grouping is derived data, like the search index: [`StoryBook`] replays the store's
//! articles in commit (`seq`) order through the online clusterer, and later calls to
//! [`StoryBook::catch_up`] assign only what was committed since. The clusterer is deterministic
//! for one input order, so the same store always yields the same stories; a story is named by the
//! store id of its first member, which is stable across restarts. `kronika stories --recluster`
//! re-clusters everything afresh (document frequencies counted over all articles first).

use std::collections::HashMap;

use analyse::cluster::{Clusterer, Params, RelatedReason, StoryFeatures};
use model::Story;
use store::{ArticleId, Store, StoredArticle};

use crate::EngineError;

type Result<T> = std::result::Result<T, EngineError>;

/// Articles replayed at most when a book is built: older ones are outside any story window
/// anyway, and this bounds start-up time on a large store.
pub const DEFAULT_REPLAY: usize = 20_000;

/// Articles read from the store per batch.
const BATCH: usize = 1_000;

pub struct StoryBook {
    clusterer: Clusterer,
    /// The highest store seq assigned so far.
    seq: i64,
    /// Clusterer story number → the store id of its first member.
    first_member: HashMap<u64, ArticleId>,
}

fn features(a: &StoredArticle) -> StoryFeatures {
    let mut f = StoryFeatures::from_article(&a.id.to_string(), &a.article, &a.analysis);
    f.copy_of = a.copy_of.map(|c| c.to_string());
    f
}

impl StoryBook {
    /// An empty book that starts after the store's newest `replay` articles.
    pub fn build(store: &dyn Store, replay: usize) -> Result<Self> {
        let newest = store.max_seq()?;
        let mut book = StoryBook {
            clusterer: Clusterer::new(Params::default()),
            seq: (newest - replay as i64).max(0),
            first_member: HashMap::new(),
        };
        book.catch_up(store)?;
        Ok(book)
    }

    /// Re-clusters every article of the store afresh.
    pub fn recluster(store: &dyn Store) -> Result<Self> {
        let mut all = Vec::new();
        let mut seq = 0;
        loop {
            let batch = store.changed_since(seq, BATCH)?;
            let Some(last) = batch.last() else { break };
            seq = last.seq;
            all.extend(batch.iter().map(features));
        }
        let clusterer = Clusterer::recluster(&all, Params::default());
        let mut book = StoryBook {
            clusterer,
            seq,
            first_member: HashMap::new(),
        };
        for f in &all {
            book.note(f);
        }
        Ok(book)
    }

    /// Assigns the articles committed since the last call. An updated article keeps its story.
    pub fn catch_up(&mut self, store: &dyn Store) -> Result<usize> {
        let mut n = 0;
        loop {
            let batch = store.changed_since(self.seq, BATCH)?;
            let Some(last) = batch.last() else { break };
            self.seq = last.seq;
            for a in &batch {
                let f = features(a);
                if self.clusterer.story_of(&f.id).is_none() {
                    self.clusterer.assign(&f);
                    self.note(&f);
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    fn note(&mut self, f: &StoryFeatures) {
        if let (Some(story), Ok(id)) = (self.clusterer.story_of(&f.id), f.id.parse::<ArticleId>()) {
            self.first_member.entry(story).or_insert(id);
        }
    }

    /// The store seq the book has assigned up to: it is current while the store's
    /// [`Store::max_seq`] is no higher.
    pub fn seq(&self) -> i64 {
        self.seq
    }

    /// The stable id of an article's story: the store id of the story's first member.
    pub fn story_id_of(&self, article: ArticleId) -> Option<ArticleId> {
        let s = self.clusterer.story_of(&article.to_string())?;
        self.first_member.get(&s).copied()
    }

    /// An article's story with its members (store ids as strings in `members[].article`).
    pub fn story_of(&self, article: ArticleId) -> Option<Story> {
        let s = self.clusterer.story_of(&article.to_string())?;
        let mut story = self.clusterer.story(s)?;
        if let Some(first) = self.first_member.get(&story.id) {
            story.id = *first as u64;
        }
        Some(story)
    }

    /// Stories with a member on or after `since` (YYYY-MM-DD), newest first.
    pub fn stories(&self, since: Option<&str>) -> Vec<Story> {
        let day = since.and_then(analyse::cluster::day_number);
        let mut out = self.clusterer.stories(day);
        for s in &mut out {
            if let Some(first) = self.first_member.get(&s.id) {
                s.id = *first as u64;
            }
        }
        out
    }

    /// Other members of the article's story first, then articles sharing its main people or
    /// places, as (store id, same story?, is a copy).
    pub fn related(&self, article: ArticleId, limit: usize) -> Vec<(ArticleId, bool, bool)> {
        let Some(cov) = self.clusterer.related(&article.to_string(), limit) else {
            return Vec::new();
        };
        cov.same_story
            .iter()
            .chain(&cov.shared_entities)
            .filter_map(|r| {
                Some((
                    r.article.parse().ok()?,
                    r.reason == RelatedReason::SameStory,
                    r.copy,
                ))
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.clusterer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clusterer.is_empty()
    }
}
