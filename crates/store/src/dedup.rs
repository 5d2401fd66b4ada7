//! Deduplication keys: normalised addresses, content hashes and SimHash fingerprints.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// Texts shorter than this many words get no near-duplicate check: a few shared sentences would
/// make two different short items look like copies.
pub const NEAR_DUP_MIN_WORDS: usize = 50;

/// Two fingerprints at most this many bits apart are the same story.
pub const NEAR_DUP_MAX_DISTANCE: u32 = 3;

struct Tracking {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

fn tracking() -> &'static Tracking {
    static TABLE: OnceLock<Tracking> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Tracking {
            exact: Vec::new(),
            prefixes: Vec::new(),
        };
        for line in include_str!("../tables/tracking_params.txt").lines() {
            let entry = line
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if entry.is_empty() {
                continue;
            }
            match entry.strip_suffix('*') {
                Some(prefix) => t.prefixes.push(prefix.to_string()),
                None => t.exact.push(entry),
            }
        }
        t
    })
}

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let t = tracking();
    t.exact.contains(&name) || t.prefixes.iter().any(|p| name.starts_with(p.as_str()))
}

/// The form of an address used to decide whether two addresses name the same article: no
/// fragment, no tracking parameters, no AMP variant, no `www.`, sorted query, no trailing slash.
/// Strings that do not parse as absolute URLs are returned trimmed.
pub fn normalise_url(raw: &str) -> String {
    let raw = raw.trim();
    let Ok(mut url) = url::Url::parse(raw) else {
        return raw.to_string();
    };
    if !matches!(url.scheme(), "http" | "https") {
        url.set_fragment(None);
        return url.to_string();
    }
    url.set_fragment(None);
    // http and https serve the same article on news sites; one key for both.
    let _ = url.set_scheme("https");
    if let Some(host) = url.host_str().map(str::to_ascii_lowercase) {
        let mut h = host.as_str();
        for prefix in ["www.", "amp.", "m."] {
            if let Some(rest) = h.strip_prefix(prefix)
                && rest.contains('.')
            {
                h = rest;
            }
        }
        let h = h.to_string();
        if h != host {
            let _ = url.set_host(Some(&h));
        }
    }
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let path = strip_amp_path(url.path());
    url.set_path(&path);
    let mut s = url.to_string();
    if s.ends_with('/') && url.path() != "/" && url.query().is_none() {
        s.pop();
    }
    s
}

/// `/story/amp`, `/story/amp/`, `/amp/story`, `/story.amp.html`, `/story.amp` → the plain page.
fn strip_amp_path(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut kept: Vec<String> = Vec::with_capacity(segments.len());
    let last_nonempty = segments.iter().rposition(|s| !s.is_empty());
    let first_nonempty = segments.iter().position(|s| !s.is_empty());
    for (i, seg) in segments.iter().enumerate() {
        let is_edge = Some(i) == last_nonempty || Some(i) == first_nonempty;
        // A lone "amp" segment only counts at either end, and only when there is something else.
        if seg.eq_ignore_ascii_case("amp") && is_edge && first_nonempty != last_nonempty {
            continue;
        }
        let mut seg = seg.to_string();
        if Some(i) == last_nonempty {
            if let Some(stem) = seg.strip_suffix(".amp.html") {
                seg = format!("{stem}.html");
            } else if let Some(stem) = seg.strip_suffix(".amp") {
                seg = stem.to_string();
            }
        }
        kept.push(seg);
    }
    let joined = kept.join("/");
    if joined.is_empty() {
        "/".into()
    } else {
        joined
    }
}

/// Whether a canonical address is too generic to identify an article (a site's home page): some
/// sites put their home page in every page's rel=canonical.
pub fn is_generic_canonical(canonical: &str, page_url: &str) -> bool {
    let (Ok(c), Ok(p)) = (url::Url::parse(canonical), url::Url::parse(page_url)) else {
        return false;
    };
    let trivial = |u: &url::Url| u.path().trim_matches('/').is_empty() && u.query().is_none();
    trivial(&c) && !trivial(&p)
}

/// What deduplication keeps of an article's text, from one pass over its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256 (hex) of the text with case and spacing normalised away.
    pub hash: String,
    pub words: usize,
    /// SimHash over word 3-shingles.
    pub simhash: u64,
}

/// Calls `f` with each word of `text` (a maximal run of alphanumeric characters), lowercased.
/// One buffer serves every word: ingest fingerprints every article, and a `String` per word
/// and per shingle was a visible share of its CPU.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !w.is_ascii() {
            // Per word, as before: `str::to_lowercase`'s final-sigma rule looks only within the
            // string it is given.
            f(&w.to_lowercase());
        } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            f(&buf);
        } else {
            f(w);
        }
    }
}

pub fn fingerprint(text: &str) -> Fingerprint {
    let mut sha = Sha256::new();
    let mut words = 0usize;
    let mut counts = [0i32; 64];
    // The last two words' FNV states, to hash "a b c" shingles without joining them: FNV-1a
    // runs byte by byte, so the hash of the joined string continues from the hash of its prefix.
    let mut window: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut first_words: Vec<u64> = Vec::new();
    for_each_word(text, |w| {
        sha.update(w.as_bytes());
        sha.update(b" ");
        if words < 2 {
            first_words.push(fnv1a(w.as_bytes()));
        }
        if words >= 2 {
            let mut h = fnv_update(FNV_OFFSET, &window[0]);
            h = fnv_update(h, b" ");
            h = fnv_update(h, &window[1]);
            h = fnv_update(h, b" ");
            h = fnv_update(h, w.as_bytes());
            add_bits(&mut counts, avalanche(h));
        }
        window.swap(0, 1);
        window[1].clear();
        window[1].extend_from_slice(w.as_bytes());
        words += 1;
    });
    if words < 3 {
        for h in first_words {
            add_bits(&mut counts, h);
        }
    }
    let simhash = counts.iter().enumerate().fold(
        0u64,
        |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc },
    );
    let hash = sha.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Fingerprint {
        hash,
        words,
        simhash,
    }
}

fn add_bits(counts: &mut [i32; 64], h: u64) {
    for (bit, c) in counts.iter_mut().enumerate() {
        *c += if h >> bit & 1 == 1 { 1 } else { -1 };
    }
}

/// SHA-256 (hex) of the text with case and spacing normalised away.
pub fn content_hash(text: &str) -> String {
    fingerprint(text).hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_update(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV's low bits mix poorly; a final avalanche (splitmix64) spreads every input bit.
fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// FNV-1a, 64-bit, then the avalanche: stable across versions and platforms, which the stored
/// fingerprints need.
fn fnv1a(bytes: &[u8]) -> u64 {
    avalanche(fnv_update(FNV_OFFSET, bytes))
}

/// SimHash over word 3-shingles.
pub fn simhash(text: &str) -> u64 {
    fingerprint(text).simhash
}

/// The four 16-bit bands used to find candidates within [`NEAR_DUP_MAX_DISTANCE`].
pub fn bands(h: u64) -> [i64; 4] {
    [0, 1, 2, 3].map(|i| ((h >> (16 * i)) & 0xffff) as i64)
}

pub fn word_count(text: &str) -> usize {
    fingerprint(text).words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_are_dropped() {
        assert_eq!(
            normalise_url("https://www.example.com/a/story/?utm_source=x&id=3&fbclid=y#top"),
            "https://example.com/a/story/?id=3"
        );
        assert_eq!(
            normalise_url("http://example.com/a/story/?gclid=1&UTM_Medium=2"),
            "https://example.com/a/story"
        );
    }

    #[test]
    fn amp_variants_share_the_plain_pages_key() {
        let plain = normalise_url("https://example.com/news/story-1");
        for amp in [
            "https://example.com/news/story-1/amp",
            "https://example.com/news/story-1/amp/",
            "https://amp.example.com/news/story-1",
            "https://example.com/amp/news/story-1",
            "https://example.com/news/story-1?amp=1",
            "https://example.com/news/story-1?amp",
            "https://example.com/news/story-1.amp",
        ] {
            assert_eq!(normalise_url(amp), plain, "{amp}");
        }
        assert_eq!(
            normalise_url("https://example.com/news/story-1.amp.html"),
            "https://example.com/news/story-1.html"
        );
        // A page actually named "amp" at the root stays itself.
        assert_eq!(
            normalise_url("https://example.com/amp"),
            "https://example.com/amp"
        );
    }

    #[test]
    fn non_web_addresses_pass_through() {
        assert_eq!(normalise_url("file:///tmp/a.html#x"), "file:///tmp/a.html");
        assert_eq!(normalise_url(" not a url "), "not a url");
    }

    #[test]
    fn home_page_canonical_is_generic() {
        assert!(is_generic_canonical(
            "https://e.com/",
            "https://e.com/2021/05/story"
        ));
        assert!(!is_generic_canonical(
            "https://e.com/story",
            "https://e.com/2021/05/story"
        ));
    }

    #[test]
    fn content_hash_ignores_case_and_spacing() {
        assert_eq!(content_hash("Hello,  World\n"), content_hash("hello world"));
        assert_ne!(content_hash("hello world"), content_hash("hello there"));
    }

    /// The fingerprints are stored: the one-pass version must give exactly what the first
    /// version (a `String` per word, shingles joined with spaces) gave.
    #[test]
    fn fingerprints_match_the_stored_formula() {
        fn reference(text: &str) -> (String, usize, u64) {
            let ws: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase())
                .collect();
            let mut h = Sha256::new();
            for w in &ws {
                h.update(w.as_bytes());
                h.update(b" ");
            }
            let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            let mut counts = [0i32; 64];
            let shingles: Vec<String> = if ws.len() < 3 {
                ws.clone()
            } else {
                ws.windows(3).map(|w| w.join(" ")).collect()
            };
            for s in &shingles {
                add_bits(&mut counts, fnv1a(s.as_bytes()));
            }
            let sim =
                counts.iter().enumerate().fold(
                    0u64,
                    |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc },
                );
            (hash, ws.len(), sim)
        }
        for text in [
            "",
            "one",
            "One two",
            "Đukanović met Stoltenberg in Brussels, ΟΔΟΣ and Ђукановић said.",
            "A B C D E F G -- h i j k, ΣΟΦΟΣ; İstanbul 42 times",
        ] {
            let f = fingerprint(text);
            assert_eq!((f.hash, f.words, f.simhash), reference(text), "{text}");
        }
    }

    #[test]
    fn simhash_is_close_for_edited_copies_and_far_for_other_texts() {
        let base: String = (0..200)
            .map(|i| format!("word{} ", i % 97 * 7 + i))
            .collect();
        let edited = base.replacen("word5 ", "changed ", 1);
        let other: String = (0..200).map(|i| format!("other{} ", i * 13)).collect();
        let (a, b, c) = (simhash(&base), simhash(&edited), simhash(&other));
        assert!(
            (a ^ b).count_ones() <= NEAR_DUP_MAX_DISTANCE,
            "{}",
            (a ^ b).count_ones()
        );
        assert!((a ^ c).count_ones() > 10);
    }
}
