//! Stories on the home page and related coverage beside an article, from the engine's story
//! book. Until the book is built (see [`install`]), each article stands alone and related coverage
//! is ranked by shared people.

use std::collections::HashMap;

use engine::stories::StoryBook;
use store::{ArticleId, Store, StoredArticle};

use crate::app::{AppState, summaries};
use crate::error::AppError;
use crate::views::{ArticleSummary, StoryGroup};

/// Builds the story book on its own store connection, off the request path, and installs it.
pub fn install(state: &AppState, store: &dyn Store) -> Result<(), AppError> {
    let book = StoryBook::build(store, engine::stories::DEFAULT_REPLAY)
        .map_err(|e| AppError::Internal(format!("building stories: {e}")))?;
    *state
        .stories
        .lock()
        .map_err(|_| AppError::Internal("stories lock poisoned".into()))? = Some(book);
    Ok(())
}

/// Runs `f` on the story book after assigning what the store committed since; None while the
/// book is still being built.
fn with_book<T>(
    state: &AppState,
    store: &dyn Store,
    f: impl FnOnce(&StoryBook) -> T,
) -> Result<Option<T>, AppError> {
    let mut guard = state
        .stories
        .lock()
        .map_err(|_| AppError::Internal("stories lock poisoned".into()))?;
    let Some(book) = guard.as_mut() else {
        return Ok(None);
    };
    book.catch_up(store)
        .map_err(|e| AppError::Internal(format!("updating stories: {e}")))?;
    Ok(Some(f(book)))
}

/// Groups articles (newest first) by story; a story appears where its newest listed member is.
pub fn group(
    state: &AppState,
    store: &dyn Store,
    items: Vec<ArticleSummary>,
) -> Result<Vec<StoryGroup>, AppError> {
    let ids: Vec<ArticleId> = items.iter().map(|a| a.id).collect();
    let story_ids: Option<Vec<Option<ArticleId>>> = with_book(state, store, |book| {
        ids.iter().map(|&id| book.story_id_of(id)).collect()
    })?;
    // A story is titled by its first member.
    let mut firsts: Vec<ArticleId> = story_ids.iter().flatten().flatten().copied().collect();
    firsts.sort_unstable();
    firsts.dedup();
    let titles: HashMap<ArticleId, String> = store
        .summaries(&firsts)?
        .into_iter()
        .filter_map(|s| Some((s.id, s.title?)))
        .collect();
    let mut groups: Vec<StoryGroup> = Vec::new();
    let mut at: HashMap<ArticleId, usize> = HashMap::new();
    for (i, a) in items.into_iter().enumerate() {
        let story = story_ids.as_ref().and_then(|s| s[i]).unwrap_or(a.id);
        match at.get(&story) {
            Some(&g) => groups[g].articles.push(a),
            None => {
                at.insert(story, groups.len());
                let title = titles
                    .get(&story)
                    .cloned()
                    .unwrap_or_else(|| a.title.clone());
                groups.push(StoryGroup {
                    id: story,
                    title,
                    articles: vec![a],
                });
            }
        }
    }
    Ok(groups)
}

/// How many related articles to show.
const RELATED: usize = 10;

/// (other members of the article's story, related coverage).
pub fn related(
    state: &AppState,
    store: &dyn Store,
    stored: &StoredArticle,
) -> Result<(Vec<ArticleSummary>, Vec<ArticleSummary>), AppError> {
    let ranked = match with_book(state, store, |book| book.related(stored.id, RELATED))? {
        Some(r) => r,
        None => by_shared_people(store, stored)?
            .into_iter()
            .map(|id| (id, false, false))
            .collect(),
    };
    let mut same = Vec::new();
    let mut other = Vec::new();
    let ids: Vec<ArticleId> = ranked.iter().map(|r| r.0).collect();
    let found = summaries(store, store.summaries(&ids)?)?;
    for (id, same_story, _copy) in ranked {
        let Some(summary) = found.iter().find(|s| s.id == id) else {
            continue;
        };
        if same_story {
            same.push(summary.clone())
        } else {
            other.push(summary.clone())
        }
    }
    Ok((same, other))
}

fn by_shared_people(store: &dyn Store, stored: &StoredArticle) -> Result<Vec<ArticleId>, AppError> {
    let mut scores: HashMap<ArticleId, u32> = HashMap::new();
    for p in store.people_in(stored.id)? {
        for q in store.quotes_by(p.id, 200)? {
            *scores.entry(q.article_id).or_default() += 1;
        }
        for e in store.events_of(p.id)? {
            *scores.entry(e.article_id).or_default() += 2;
        }
    }
    scores.remove(&stored.id);
    let mut ranked: Vec<(ArticleId, u32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    Ok(ranked.into_iter().take(RELATED).map(|(id, _)| id).collect())
}
