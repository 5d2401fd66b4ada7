//! Stories on the home page and related coverage beside an article.
//!
//! Until the engine stores story assignments, each article is its own story and related coverage is
//! ranked by shared people: articles sharing more of this article's people come first.

use std::collections::HashMap;

use store::{Store, StoredArticle};

use crate::error::AppError;
use crate::views::{ArticleSummary, StoryGroup};

pub fn group(_store: &dyn Store, items: Vec<ArticleSummary>) -> Result<Vec<StoryGroup>, AppError> {
    Ok(items
        .into_iter()
        .map(|a| StoryGroup { id: a.id, title: a.title.clone(), articles: vec![a] })
        .collect())
}

/// How many related articles to show.
const RELATED: usize = 10;

/// (members of the same story, related coverage).
pub fn related(
    store: &dyn Store,
    stored: &StoredArticle,
) -> Result<(Vec<ArticleSummary>, Vec<ArticleSummary>), AppError> {
    let mut scores: HashMap<i64, u32> = HashMap::new();
    for p in store.people_in(stored.id)? {
        for q in store.quotes_by(p.id, 200)? {
            *scores.entry(q.article_id).or_default() += 1;
        }
        for e in store.events_of(p.id)? {
            *scores.entry(e.article_id).or_default() += 2;
        }
    }
    scores.remove(&stored.id);
    let mut ranked: Vec<(i64, u32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    let mut related = Vec::new();
    for (id, _) in ranked.into_iter().take(RELATED) {
        if let Some(a) = store.article(id)? {
            let summaries = crate::app::summaries(
                store,
                vec![store::ArticleSummary {
                    id: a.id,
                    url: a.url.clone(),
                    title: a.article.title.clone(),
                    site: a.article.site_name.clone(),
                    language: a.article.language.clone(),
                    published: a.article.published.clone(),
                    copy_of: a.copy_of,
                }],
            )?;
            related.extend(summaries);
        }
    }
    Ok((Vec::new(), related))
}
