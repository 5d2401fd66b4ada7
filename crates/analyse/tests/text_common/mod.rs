//! Shared by the tests over plain text: an article of `text` in `language`, analysed as ingest
//! analyses it.

use model::{Analysis, Article};

pub fn analysed(text: &str, language: &str) -> Analysis {
    let article = Article {
        text: text.to_string(),
        language: Some(language.to_string()),
        ..Article::default()
    };
    analyse::enrich(article).analysis
}
