//! Analysis of one article: sentences and tokens, entity mentions, people with roles, name keys,
//! coreference, places, organisations, quotations and events. Pure: text in, [`model::Analysis`] out.

pub mod events;
pub mod quotes;

use model::{Analysis, Article};

/// Analyses an extracted article.
pub fn analyse(article: &Article) -> Analysis {
    let mut analysis = Analysis::default();
    analysis.quotes = quotes::find(&article.text, &analysis);
    analysis.events = events::find(&article.text, article.published.as_deref(), &analysis);
    analysis
}
