//! Spelling-independent terms for free text: after lower-casing and ASCII folding, any letters
//! left outside ASCII (Cyrillic, Greek …) are transliterated, and "dj" becomes "d", so that
//! Đukanović, Djukanovic, Dukanovic and Ђукановић are one term (Đ folds to both "dj" and "d"
//! in the wild). The same filter runs on documents and queries, so the few English words with
//! "dj" ("adjust" → "adust") still match themselves.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

#[derive(Clone)]
pub struct NameFold;

impl TokenFilter for NameFold {
    type Tokenizer<T: Tokenizer> = NameFoldFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        NameFoldFilter { tokenizer }
    }
}

#[derive(Clone)]
pub struct NameFoldFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for NameFoldFilter<T> {
    type TokenStream<'a> = NameFoldStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NameFoldStream {
            tail: self.tokenizer.token_stream(text),
        }
    }
}

pub struct NameFoldStream<T> {
    tail: T,
}

/// The folded form of one (already lower-cased) token.
pub fn fold(token: &str) -> String {
    let ascii = if token.is_ascii() {
        token.to_owned()
    } else {
        any_ascii::any_ascii(token).to_ascii_lowercase()
    };
    if ascii.contains("dj") {
        ascii.replace("dj", "d")
    } else {
        ascii
    }
}

impl<T: TokenStream> TokenStream for NameFoldStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &self.tail.token().text;
        if !text.is_ascii() || text.contains("dj") {
            let folded = fold(text);
            self.tail.token_mut().text = folded;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn spellings_and_scripts_of_one_name_fold_together() {
        for v in [
            "đukanović",
            "djukanovic",
            "dukanovic",
            "ђукановић",
            "djukanović",
        ] {
            let lowered = any_ascii::any_ascii(v).to_lowercase();
            assert_eq!(fold(&lowered), "dukanovic", "{v}");
        }
        assert_eq!(fold("beograd"), "beograd");
        assert_eq!(fold("београд"), "beograd");
    }
}
