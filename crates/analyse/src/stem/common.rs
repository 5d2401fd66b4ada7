//! The common (lower-case) words of the Serbian spelling dictionary, for telling a capitalised
//! common noun that opens a sentence or a heading ("Kodeksa", "Kancelarija", "Domovinu") from
//! a one-word name. `data/sh-common.txt.gz` is written by `scripts/gen-sh-names.py` from the
//! Serbian Hunspell dictionary (MPL-1.1); Croatian's ijekavian forms meet it through
//! [`super::ijekavian`] inside [`super::stem_folded`].

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

const SH_COMMON_GZ: &[u8] = include_bytes!("../../data/sh-common.txt.gz");

struct Common {
    /// Folded headwords.
    words: FxHashSet<String>,
    /// Their stems: an inflected form ("kodeksa") meets its headword ("kodeks") there.
    stems: FxHashSet<String>,
}

fn common() -> &'static Common {
    static C: OnceLock<Common> = OnceLock::new();
    C.get_or_init(|| {
        let text = crate::gunzip_text(SH_COMMON_GZ);
        let mut words = FxHashSet::default();
        let mut stems = FxHashSet::default();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let folded = super::fold(line);
            stems.insert(super::stem_folded(&folded));
            words.insert(folded);
        }
        Common { words, stems }
    })
}

/// Whether a word (any case, Latin or Cyrillic) is a form of a Serbian or Croatian common
/// word: a headword of the dictionary in lower case, or a word with a headword's stem.
pub fn is_common_word(word: &str) -> bool {
    let folded = super::fold(word);
    if folded.is_empty() {
        return false;
    }
    let c = common();
    c.words.contains(&folded) || c.stems.contains(&super::stem_folded(&folded))
}

/// Whether a word (any case, Latin or Cyrillic) is itself a headword of the dictionary in
/// lower case ("jahta", "anketa"), not only a word with a headword's stem.
pub fn is_common_headword(word: &str) -> bool {
    let folded = super::fold(word);
    !folded.is_empty() && common().words.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::is_common_word;

    #[test]
    fn inflected_common_nouns_meet_their_headword() {
        for w in ["Kodeksa", "Kancelarija", "domovinu", "Буржоазија"] {
            assert!(is_common_word(w), "{w}");
        }
    }

    #[test]
    fn names_are_not_common_words() {
        for w in ["Haradinaj", "Stoltenberg", "Ahtisaari", "Đukanović"] {
            assert!(!is_common_word(w), "{w}");
        }
    }
}
