//! Quotations: direct, mixed and reported speech, attributed to their speakers.

use model::{Analysis, Quote};

/// Finds the quotations in `text`, given the sentences, mentions and people already found.
pub fn find(text: &str, analysis: &Analysis) -> Vec<Quote> {
    let _ = (text, analysis);
    Vec::new()
}
