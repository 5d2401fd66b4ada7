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
    *state.stories.write().map_err(poisoned)? = Some(book);
    state
        .stories_ready
        .store(true, std::sync::atomic::Ordering::Release);
    Ok(())
}

fn poisoned<T>(_: T) -> AppError {
    AppError::Internal("stories lock poisoned".into())
}

/// Whether the story book has been built.
pub fn ready(state: &AppState) -> Result<bool, AppError> {
    Ok(state
        .stories_ready
        .load(std::sync::atomic::Ordering::Acquire))
}

/// Runs `f` on the story book after assigning what the store committed since; None while the
/// book is still being built. Readers share the book; only a request that finds it behind the
/// store takes it exclusively, to catch up.
fn with_book<T>(
    state: &AppState,
    store: &dyn Store,
    f: impl FnOnce(&StoryBook) -> T,
) -> Result<Option<T>, AppError> {
    let upto = store.max_seq()?;
    let behind = match state.stories.read().map_err(poisoned)?.as_ref() {
        None => return Ok(None),
        Some(book) => book.seq() < upto,
    };
    if behind {
        let mut guard = state.stories.write().map_err(poisoned)?;
        if let Some(book) = guard.as_mut().filter(|b| b.seq() < upto) {
            book.catch_up(store)
                .map_err(|e| AppError::Internal(format!("updating stories: {e}")))?;
        }
    }
    Ok(state.stories.read().map_err(poisoned)?.as_ref().map(f))
}

/// Each article's story (its own id while it stands alone or the book is not built yet), and
/// the titles of those stories, taken from their first members.
pub fn stories_of(
    state: &AppState,
    store: &dyn Store,
    ids: &[ArticleId],
) -> Result<(Vec<ArticleId>, HashMap<ArticleId, String>), AppError> {
    let in_book: Option<Vec<Option<ArticleId>>> = with_book(state, store, |book| {
        ids.iter().map(|&id| book.story_id_of(id)).collect()
    })?;
    let Some(in_book) = in_book else {
        return Ok((ids.to_vec(), HashMap::new()));
    };
    let mut firsts: Vec<ArticleId> = in_book.iter().flatten().copied().collect();
    firsts.sort_unstable();
    firsts.dedup();
    let titles = store
        .summaries(&firsts)?
        .into_iter()
        .filter_map(|s| Some((s.id, s.title?)))
        .collect();
    let stories = in_book
        .iter()
        .zip(ids)
        .map(|(story, &id)| story.unwrap_or(id))
        .collect();
    Ok((stories, titles))
}

/// Groups articles (newest first) by story, `stories[i]` being the story of `items[i]`; a story
/// appears where its newest listed member is, titled by its first member when that is known.
pub fn group_by_story(
    items: impl IntoIterator<Item = (ArticleSummary, ArticleId)>,
    titles: &HashMap<ArticleId, String>,
) -> Vec<StoryGroup> {
    let mut groups: Vec<StoryGroup> = Vec::new();
    let mut at: HashMap<ArticleId, usize> = HashMap::new();
    for (a, story) in items {
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
    groups
}

/// Groups articles (newest first) by story; a story appears where its newest listed member is.
pub fn group(
    state: &AppState,
    store: &dyn Store,
    items: Vec<ArticleSummary>,
) -> Result<Vec<StoryGroup>, AppError> {
    let ids: Vec<ArticleId> = items.iter().map(|a| a.id).collect();
    let (stories, titles) = stories_of(state, store, &ids)?;
    Ok(group_by_story(items.into_iter().zip(stories), &titles))
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
        for e in store.events_of(p.id, 200)? {
            *scores.entry(e.article_id).or_default() += 2;
        }
    }
    scores.remove(&stored.id);
    let mut ranked: Vec<(ArticleId, u32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    Ok(ranked.into_iter().take(RELATED).map(|(id, _)| id).collect())
}
