//! The tag set, BILOU constraints, Viterbi decoding and the compact weight file.
//!
//! File (gzip'd, little-endian): `b"KNER"`, format version u8, feature version u8, tag count u8,
//! emission scale f32, `(T + 2) × T` f32 transition scores (rows: previous tag…, start, end),
//! feature count u32, then per feature sorted by key: key u32, entry count u8, entries of
//! (tag u8, weight i16). A weight is `i16 × scale`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;

use model::EntityKind;

use super::NerError;
use super::features::{FEATURE_VERSION, SentenceFeatures};

pub const FORMAT_VERSION: u8 = 1;

/// Entity types in tag order.
pub const TYPES: [(&str, EntityKind); 4] = [
    ("PER", EntityKind::Person),
    ("ORG", EntityKind::Organisation),
    ("LOC", EntityKind::Location),
    ("MISC", EntityKind::Misc),
];

/// Number of tags: O, then B, I, L, U for each type.
pub const T: usize = 1 + 4 * TYPES.len();

/// Position of a tag within its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Outside,
    Begin,
    Inside,
    Last,
    Unit,
}

pub fn tag_index(part: Part, ty: usize) -> usize {
    match part {
        Part::Outside => 0,
        Part::Begin => 1 + 4 * ty,
        Part::Inside => 2 + 4 * ty,
        Part::Last => 3 + 4 * ty,
        Part::Unit => 4 + 4 * ty,
    }
}

/// (part, type index) of a tag.
pub fn tag_parts(t: usize) -> (Part, usize) {
    if t == 0 || t >= T {
        return (Part::Outside, 0);
    }
    let ty = (t - 1) / 4;
    let part = match (t - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, ty)
}

/// Whether tag `cur` may follow `prev` (`None`: sentence start) under BILOU.
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let (cp, ct) = tag_parts(cur);
    let open = prev
        .map(tag_parts)
        .filter(|(p, _)| matches!(p, Part::Begin | Part::Inside));
    match open {
        Some((_, pt)) => matches!(cp, Part::Inside | Part::Last) && ct == pt,
        None => matches!(cp, Part::Outside | Part::Begin | Part::Unit),
    }
}

pub fn allowed_end(t: usize) -> bool {
    matches!(tag_parts(t).0, Part::Outside | Part::Last | Part::Unit)
}

/// Index into a flat transition table of `(T + 2) × T`.
pub fn trans_index(prev: Option<usize>, cur: usize) -> usize {
    prev.unwrap_or(T) * T + cur
}

pub fn end_index(t: usize) -> usize {
    (T + 1) * T + t
}

pub const TRANS_LEN: usize = (T + 2) * T;

/// Best BILOU-valid tag sequence for per-token emission scores and transition scores.
pub fn viterbi(em: &[[f32; T]], trans: &[f32]) -> Vec<u8> {
    let n = em.len();
    if n == 0 || trans.len() < TRANS_LEN {
        return Vec::new();
    }
    let mut back = vec![[0u8; T]; n];
    let mut delta = [f32::NEG_INFINITY; T];
    for c in 0..T {
        if allowed(None, c) {
            delta[c] = trans[trans_index(None, c)] + em[0][c];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; T];
        for c in 0..T {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..T {
                if delta[p] == f32::NEG_INFINITY || !ALLOWED[p][c] {
                    continue;
                }
                let s = delta[p] + trans[p * T + c];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[c] = best + em[i][c];
            back[i][c] = arg;
        }
        delta = next;
    }
    let mut best = f32::NEG_INFINITY;
    let mut last = 0usize;
    for c in 0..T {
        if allowed_end(c) && delta[c] > f32::NEG_INFINITY {
            let s = delta[c] + trans[end_index(c)];
            if s > best {
                best = s;
                last = c;
            }
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][usize::from(out[i])];
    }
    out
}

const ALLOWED: [[bool; T]; T] = {
    let mut a = [[false; T]; T];
    let mut p = 0;
    while p < T {
        let mut c = 0;
        while c < T {
            // Same rule as `allowed`, written for const evaluation.
            let p_open = p != 0 && ((p - 1) % 4 == 0 || (p - 1) % 4 == 1);
            let c_cont = c != 0 && ((c - 1) % 4 == 1 || (c - 1) % 4 == 2);
            a[p][c] = if p_open {
                c_cont && (c - 1) / 4 == (p - 1) / 4
            } else {
                !c_cont
            };
            c += 1;
        }
        p += 1;
    }
    a
};

/// Keys are already hashes; spreading them again is wasted work.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// A loaded model.
pub struct Model {
    index: KeyMap<(u32, u8)>,
    entries: Vec<(u8, i16)>,
    scale: f32,
    trans: Vec<f32>,
}

impl Model {
    /// Parses a gzip'd model file.
    pub fn from_gzip(bytes: &[u8]) -> Result<Model, NerError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| NerError::Format(format!("not gzip: {e}")))?;
        Self::from_raw(&raw)
    }

    fn from_raw(raw: &[u8]) -> Result<Model, NerError> {
        let mut r = Reader { b: raw, at: 0 };
        if r.take(4)? != b"KNER" {
            return Err(NerError::Format("bad magic".into()));
        }
        let (fv, feat, tags) = (r.u8()?, r.u8()?, r.u8()?);
        if fv != FORMAT_VERSION || feat != FEATURE_VERSION || usize::from(tags) != T {
            return Err(NerError::Format(format!(
                "model format {fv}, features {feat}, {tags} tags; expected {FORMAT_VERSION}, \
                 {FEATURE_VERSION}, {T}"
            )));
        }
        let scale = r.f32()?;
        let trans = (0..TRANS_LEN)
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.u32()? as usize;
        let mut index = KeyMap::default();
        index.reserve(n.min(raw.len() / 5));
        let mut entries = Vec::with_capacity(raw.len() / 3);
        for _ in 0..n {
            let key = r.u32()?;
            let count = r.u8()?;
            let start = entries.len() as u32;
            for _ in 0..count {
                let tag = r.u8()?;
                let w = r.i16()?;
                if usize::from(tag) >= T {
                    return Err(NerError::Format(format!("tag {tag} out of range")));
                }
                entries.push((tag, w));
            }
            index.insert(key, (start, count));
        }
        Ok(Model {
            index,
            entries,
            scale,
            trans,
        })
    }

    pub fn features(&self) -> usize {
        self.index.len()
    }

    pub fn trans(&self) -> &[f32] {
        &self.trans
    }

    /// Emission scores of each token.
    pub fn emissions(&self, feats: &SentenceFeatures, n: usize) -> Vec<[f32; T]> {
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let mut acc = [0i32; T];
            for key in feats.of(i) {
                if let Some(&(start, count)) = self.index.get(key) {
                    let s = start as usize;
                    for &(t, w) in &self.entries[s..s + usize::from(count)] {
                        acc[usize::from(t)] += i32::from(w);
                    }
                }
            }
            let mut row = [0f32; T];
            for (r, a) in row.iter_mut().zip(acc) {
                *r = a as f32 * self.scale;
            }
            out.push(row);
        }
        out
    }
}

/// Serialises weights: `emissions` maps a feature key to its per-tag weights.
pub fn write_raw(emissions: &[(u32, [f32; T])], trans: &[f32], prune: f32) -> Vec<u8> {
    let max = emissions
        .iter()
        .flat_map(|(_, w)| w.iter())
        .fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut kept: Vec<(u32, Vec<(u8, i16)>)> = emissions
        .iter()
        .filter_map(|(key, w)| {
            let e: Vec<(u8, i16)> = w
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= prune)
                .map(|(t, w)| (t as u8, (w / scale).round() as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            (!e.is_empty()).then_some((*key, e))
        })
        .collect();
    kept.sort_by_key(|(k, _)| *k);
    kept.dedup_by_key(|(k, _)| *k);
    let mut out = Vec::new();
    out.extend_from_slice(b"KNER");
    out.extend_from_slice(&[FORMAT_VERSION, FEATURE_VERSION, T as u8]);
    out.extend_from_slice(&scale.to_le_bytes());
    for t in trans.iter().take(TRANS_LEN) {
        out.extend_from_slice(&t.to_le_bytes());
    }
    out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
    for (key, e) in kept {
        out.extend_from_slice(&key.to_le_bytes());
        out.push(e.len() as u8);
        for (t, w) in e {
            out.push(t);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| NerError::Format("truncated model".into()))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, NerError> {
        Ok(self.take(1)?[0])
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn i16(&mut self) -> Result<i16, NerError> {
        Ok(i16::from_le_bytes(self.arr()?))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_table_matches_the_rule() {
        for (p, row) in ALLOWED.iter().enumerate() {
            for (c, &ok) in row.iter().enumerate() {
                assert_eq!(ok, allowed(Some(p), c), "{p} → {c}");
            }
        }
    }

    #[test]
    fn viterbi_never_leaves_an_entity_open() {
        // Emissions that want "B-PER" at the end; the decoder must close it.
        let mut em = vec![[0f32; T]; 2];
        em[1][tag_index(Part::Begin, 0)] = 10.0;
        em[0][tag_index(Part::Begin, 0)] = 5.0;
        let tags = viterbi(&em, &[0.0; TRANS_LEN]);
        assert!(allowed(None, usize::from(tags[0])));
        assert!(allowed(Some(usize::from(tags[0])), usize::from(tags[1])));
        assert!(allowed_end(usize::from(tags[1])));
    }

    #[test]
    fn weights_round_trip_through_the_file_format() {
        let mut w = [0f32; T];
        w[3] = 1.5;
        w[5] = -0.001;
        let raw = write_raw(&[(42, w)], &[0.5; TRANS_LEN], 0.01);
        let m = Model::from_raw(&raw).unwrap();
        assert_eq!(m.features(), 1);
        let feats = SentenceFeatures {
            keys: vec![42, 7],
            offsets: vec![0, 2],
        };
        let em = m.emissions(&feats, 1);
        assert!((em[0][3] - 1.5).abs() < 1e-3);
        assert_eq!(em[0][5], 0.0);
        assert!(Model::from_raw(&raw[..raw.len() - 1]).is_err());
        assert!(Model::from_gzip(b"junk").is_err());
    }
}
