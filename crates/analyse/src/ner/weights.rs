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
    forward(em, trans).map_or_else(Vec::new, |(tags, _)| tags)
}

/// The best tagging and, per word and tag, the best score of the words up to it ending in
/// that tag (Viterbi's forward pass); `None` when there is nothing to tag.
fn forward(em: &[[f32; T]], trans: &[f32]) -> Option<(Vec<u8>, Vec<[f32; T]>)> {
    let n = em.len();
    if n == 0 || trans.len() < TRANS_LEN {
        return None;
    }
    let mut alpha = vec![[f32::NEG_INFINITY; T]; n];
    let mut back = vec![[0u8; T]; n];
    for c in 0..T {
        if allowed(None, c) {
            alpha[0][c] = trans[trans_index(None, c)] + em[0][c];
        }
    }
    for i in 1..n {
        for c in 0..T {
            let (prevs, count) = &PREV[c];
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            // Ascending order and a strict comparison: ties go to the lowest tag.
            for &p in &prevs[..*count] {
                let s = alpha[i - 1][usize::from(p)] + trans[usize::from(p) * T + c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            alpha[i][c] = best + em[i][c];
            back[i][c] = arg;
        }
    }
    let mut best = f32::NEG_INFINITY;
    let mut last = 0usize;
    for c in 0..T {
        if allowed_end(c) && alpha[n - 1][c] > f32::NEG_INFINITY {
            let s = alpha[n - 1][c] + trans[end_index(c)];
            if s > best {
                best = s;
                last = c;
            }
        }
    }
    let mut tags = vec![0u8; n];
    tags[n - 1] = last as u8;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][usize::from(tags[i])];
    }
    Some((tags, alpha))
}

/// The best tagging (as [`viterbi`]) and, for each word, how much it beats the best tagging
/// that gives this word another tag (max-marginals: forward and backward Viterbi scores), so
/// ≥ 0. Both sides' constraints count: a word tagged U-PER only because B-PER cannot go on
/// into the next word has the margin of what tagging it O costs, not of how much better B-PER
/// looked alone. A sentence tagged all O gets no backward pass: its margins are infinite.
pub fn viterbi_margins(em: &[[f32; T]], trans: &[f32]) -> (Vec<u8>, Vec<f32>) {
    let Some((tags, alpha)) = forward(em, trans) else {
        return (Vec::new(), Vec::new());
    };
    let n = tags.len();
    if tags.iter().all(|&t| t == 0) {
        return (tags, vec![f32::INFINITY; n]);
    }
    // beta[c]: the best score of the words after i given tag c at i, the end included.
    let mut beta = [f32::NEG_INFINITY; T];
    for (c, b) in beta.iter_mut().enumerate() {
        if allowed_end(c) {
            *b = trans[end_index(c)];
        }
    }
    let mut margins = vec![0f32; n];
    for i in (0..n).rev() {
        let chosen = usize::from(tags[i]);
        let total = |c: usize| alpha[i][c] + beta[c];
        let rival = (0..T)
            .filter(|&c| c != chosen)
            .map(total)
            .fold(f32::NEG_INFINITY, f32::max);
        let m = total(chosen) - rival;
        margins[i] = if m.is_nan() { 0.0 } else { m.max(0.0) };
        if i > 0 {
            let after: [f32; T] = std::array::from_fn(|d| em[i][d] + beta[d]);
            beta = std::array::from_fn(|p| {
                let (nexts, count) = &NEXT[p];
                nexts[..*count]
                    .iter()
                    .map(|&d| trans[p * T + usize::from(d)] + after[usize::from(d)])
                    .fold(f32::NEG_INFINITY, f32::max)
            });
        }
    }
    (tags, margins)
}

pub(crate) const ALLOWED: [[bool; T]; T] = {
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

/// The tags that may precede each tag, ascending, and how many there are: Viterbi visits
/// 97 of the 289 tag pairs.
const PREV: [([u8; T], usize); T] = neighbours(false);

/// The tags that may follow each tag, ascending, and how many there are.
const NEXT: [([u8; T], usize); T] = neighbours(true);

const fn neighbours(following: bool) -> [([u8; T], usize); T] {
    let mut out = [([0u8; T], 0usize); T];
    let mut a = 0;
    while a < T {
        let mut b = 0;
        while b < T {
            if (following && ALLOWED[a][b]) || (!following && ALLOWED[b][a]) {
                out[a].0[out[a].1] = b as u8;
                out[a].1 += 1;
            }
            b += 1;
        }
        a += 1;
    }
    out
}

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
    table: Table,
    scale: f32,
    trans: Vec<f32>,
}

/// Feature weights in one open-addressing table (linear probing). Tagging spends most of its
/// time here, waiting on memory, so a slot holds a key with up to three of its weights inline
/// and a look-up mostly touches one cache line. A slot is `[key, lo, hi]`, where `hi << 32 | lo`
/// packs three entries of 21 bits, each `tag << 16 | weight as u16`; unused entries are 0 (tag
/// 0 plus 0 changes nothing). A feature with more weights has `SPILL | start << 8 | count`
/// into `spilled` instead. Packed entries of 0 mark an empty slot; the slot past the end stays
/// empty and stands for every unknown key.
///
/// Most keys a text asks for (word pairs, rare words) are in no model. A bit per key hash in
/// `known` (four bits per slot, small enough to stay in cache) answers most of those without
/// touching the slots: a clear bit means the key is absent; a set bit means look.
struct Table {
    slots: Vec<[u32; 3]>,
    shift: u32,
    spilled: Vec<u32>,
    len: usize,
    known: Vec<u64>,
    known_shift: u32,
}

const SPILL: u64 = 1 << 63;
const ENTRY_BITS: u32 = 21;

impl Table {
    fn with_capacity(n: usize) -> Table {
        // At most 3/8 full keeps probe runs short; at least 16 slots.
        let size = (n * 8 / 3).next_power_of_two().max(16);
        let bits = size * 4;
        Table {
            slots: vec![[0; 3]; size + 1],
            shift: 64 - size.trailing_zeros(),
            spilled: Vec::new(),
            len: 0,
            known: vec![0; bits / 64],
            known_shift: 64 - bits.trailing_zeros(),
        }
    }

    /// The bit of `known` for a key: a hash unrelated to [`Table::home`]'s.
    fn known_bit(&self, key: u32) -> (usize, u64) {
        let h = (u64::from(key).wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.known_shift) as usize;
        (h / 64, 1 << (h % 64))
    }

    fn mark_known(&mut self, key: u32) {
        let (w, b) = self.known_bit(key);
        self.known[w] |= b;
    }

    /// False when the key is certainly absent.
    fn may_have(&self, key: u32) -> bool {
        let (w, b) = self.known_bit(key);
        self.known[w] & b != 0
    }

    fn mask(&self) -> usize {
        self.slots.len() - 2
    }

    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Adds a feature's entries (none zero); a repeated key keeps its last entries.
    fn insert(&mut self, key: u32, entries: &[u32]) -> Result<(), NerError> {
        if entries.is_empty() {
            return Ok(());
        }
        let packed = if entries.len() <= 3 {
            entries.iter().enumerate().fold(0u64, |p, (k, &e)| {
                p | u64::from(e) << (ENTRY_BITS * k as u32)
            })
        } else {
            let start = self.spilled.len();
            if start >= 1 << 40 {
                return Err(NerError::Format("too many weights".into()));
            }
            self.spilled.extend_from_slice(entries);
            SPILL | (start as u64) << 8 | entries.len() as u64
        };
        let slot = [key, packed as u32, (packed >> 32) as u32];
        if (self.len + 1) * 2 > self.mask() + 1 {
            self.grow();
        }
        self.mark_known(key);
        let mask = self.mask();
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s[1] | s[2] == 0 {
                self.len += 1;
                self.slots[i] = slot;
                return Ok(());
            }
            if s[0] == key {
                self.slots[i] = slot;
                return Ok(());
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let mut bigger = Table::with_capacity(self.mask() + 1);
        bigger.spilled = std::mem::take(&mut self.spilled);
        bigger.len = self.len;
        let mask = bigger.mask();
        for &s in self.slots.iter().filter(|s| s[1] | s[2] != 0) {
            let mut i = bigger.home(s[0]);
            while bigger.slots[i][1] | bigger.slots[i][2] != 0 {
                i = (i + 1) & mask;
            }
            bigger.slots[i] = s;
            bigger.mark_known(s[0]);
        }
        *self = bigger;
    }

    /// The slot of a key, or the empty slot past the end.
    fn find(&self, key: u32) -> usize {
        let mask = self.mask();
        if !self.may_have(key) {
            return mask + 1;
        }
        let mut i = self.home(key);
        loop {
            let [k, lo, hi] = self.slots[i];
            let empty = lo | hi == 0;
            if k == key && !empty {
                return i;
            }
            if empty {
                return mask + 1;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of slot `i` to `acc`.
    fn add(&self, i: usize, acc: &mut Sums) {
        let [_, lo, hi] = self.slots[i];
        let packed = u64::from(hi) << 32 | u64::from(lo);
        let add = |acc: &mut Sums, e: u32| {
            acc[(e >> 16) as usize & 31] += i32::from(e as u16 as i16);
        };
        if packed & SPILL == 0 {
            for k in 0..3 {
                add(
                    acc,
                    (packed >> (ENTRY_BITS * k)) as u32 & ((1 << ENTRY_BITS) - 1),
                );
            }
        } else {
            let start = ((packed & !SPILL) >> 8) as usize;
            let end = start + (packed & 0xff) as usize;
            for &e in self.spilled.get(start..end).unwrap_or_default() {
                add(acc, e);
            }
        }
    }
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
        // Each feature takes at least 8 bytes; a forged count must not reserve gigabytes.
        let mut table = Table::with_capacity(n.min(raw.len() / 8));
        let mut entries = Vec::with_capacity(T);
        for _ in 0..n {
            let key = r.u32()?;
            let count = r.u8()?;
            entries.clear();
            for _ in 0..count {
                let tag = r.u8()?;
                let w = r.i16()?;
                if usize::from(tag) >= T {
                    return Err(NerError::Format(format!("tag {tag} out of range")));
                }
                if w != 0 {
                    entries.push(u32::from(tag) << 16 | u32::from(w as u16));
                }
            }
            table.insert(key, &entries)?;
        }
        Ok(Model {
            table,
            scale,
            trans,
        })
    }

    pub fn features(&self) -> usize {
        self.table.len
    }

    pub fn trans(&self) -> &[f32] {
        &self.trans
    }

    /// Emission scores of each token.
    pub fn emissions(&self, feats: &SentenceFeatures, n: usize) -> Vec<[f32; T]> {
        self.sums(feats, n).iter().map(|a| self.scores(a)).collect()
    }

    /// Each token's weights summed per tag, unscaled; sums of disjoint feature sets add up.
    pub fn sums(&self, feats: &SentenceFeatures, n: usize) -> Vec<Sums> {
        let mut out = Vec::new();
        self.sums_into(feats, n, &mut Vec::new(), &mut out);
        out
    }

    /// As [`Model::sums`], into `out`, with `found` as scratch.
    pub fn sums_into(
        &self,
        feats: &SentenceFeatures,
        n: usize,
        found: &mut Vec<usize>,
        out: &mut Vec<Sums>,
    ) {
        // All look-ups first: they are independent, so their cache misses overlap.
        found.clear();
        found.extend(feats.keys.iter().map(|&k| self.table.find(k)));
        out.clear();
        out.extend((0..n).map(|i| {
            let mut acc = [0; 32];
            for &f in &found[feats.offsets[i]..feats.offsets[i + 1]] {
                self.table.add(f, &mut acc);
            }
            acc
        }));
    }

    /// The sums of `n` groups of keys (as [`Model::sums`]), one group per call of the returned
    /// function, which overwrites its argument; `found` is scratch.
    pub fn sums_iter<'a>(
        &'a self,
        feats: &'a SentenceFeatures,
        n: usize,
        found: &'a mut Vec<usize>,
    ) -> impl FnMut(&mut Sums) + 'a {
        found.clear();
        found.extend(feats.keys.iter().map(|&k| self.table.find(k)));
        let found = &*found;
        let mut i = 0;
        move |acc: &mut Sums| {
            *acc = [0; 32];
            if i < n {
                for &f in &found[feats.offsets[i]..feats.offsets[i + 1]] {
                    self.table.add(f, acc);
                }
                i += 1;
            }
        }
    }

    /// Adds the weights of `keys` to `acc`.
    pub fn add_keys(&self, keys: &[u32], acc: &mut Sums) {
        for &k in keys {
            self.table.add(self.table.find(k), acc);
        }
    }

    /// Emission scores from summed weights.
    pub fn scores(&self, acc: &Sums) -> [f32; T] {
        let mut row = [0f32; T];
        for (r, a) in row.iter_mut().zip(acc) {
            *r = *a as f32 * self.scale;
        }
        row
    }
}

/// Weights summed per tag (tags past `T` stay 0); 32 wide so a tag index needs no bounds check.
pub type Sums = [i32; 32];

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
    fn margins_are_what_the_best_tagging_with_another_tag_loses() {
        // Every allowed tagging of three words, scored in full, against the margins.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            f32::from((seed >> 16) as u16 % 200) / 10.0 - 10.0
        };
        let em: Vec<[f32; T]> = (0..3).map(|_| std::array::from_fn(|_| next())).collect();
        let trans: Vec<f32> = (0..TRANS_LEN).map(|_| next()).collect();
        let score = |t: [usize; 3]| {
            let ok = allowed(None, t[0])
                && allowed(Some(t[0]), t[1])
                && allowed(Some(t[1]), t[2])
                && allowed_end(t[2]);
            ok.then(|| {
                trans[trans_index(None, t[0])]
                    + trans[t[0] * T + t[1]]
                    + trans[t[1] * T + t[2]]
                    + trans[end_index(t[2])]
                    + (0..3).map(|i| em[i][t[i]]).sum::<f32>()
            })
        };
        let mut best_with = [[f32::NEG_INFINITY; T]; 3];
        for a in 0..T {
            for b in 0..T {
                for c in 0..T {
                    if let Some(s) = score([a, b, c]) {
                        for (i, t) in [a, b, c].into_iter().enumerate() {
                            best_with[i][t] = best_with[i][t].max(s);
                        }
                    }
                }
            }
        }
        let (tags, m) = viterbi_margins(&em, &trans);
        assert_eq!(tags, viterbi(&em, &trans));
        for i in 0..3 {
            let chosen = usize::from(tags[i]);
            let rival = (0..T)
                .filter(|&c| c != chosen)
                .map(|c| best_with[i][c])
                .fold(f32::NEG_INFINITY, f32::max);
            assert!(
                (m[i] - (best_with[i][chosen] - rival)).abs() < 1e-3,
                "{i}: {m:?}"
            );
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
        let mut feats = SentenceFeatures::default();
        feats.keys = vec![42, 7];
        feats.offsets = vec![0, 2];
        let em = m.emissions(&feats, 1);
        assert!((em[0][3] - 1.5).abs() < 1e-3);
        assert_eq!(em[0][5], 0.0);
        assert!(Model::from_raw(&raw[..raw.len() - 1]).is_err());
        assert!(Model::from_gzip(b"junk").is_err());
    }

    /// Deterministic pseudo-random numbers for the comparisons below.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as u32
        }
    }

    /// Viterbi over every tag pair, as written before the predecessor lists.
    fn viterbi_all_pairs(em: &[[f32; T]], trans: &[f32]) -> Vec<u8> {
        let n = em.len();
        let mut back = vec![[0u8; T]; n];
        let mut delta = [f32::NEG_INFINITY; T];
        for c in (0..T).filter(|&c| allowed(None, c)) {
            delta[c] = trans[trans_index(None, c)] + em[0][c];
        }
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; T];
            for c in 0..T {
                let mut best = f32::NEG_INFINITY;
                for p in (0..T).filter(|&p| allowed(Some(p), c) && delta[p] > f32::NEG_INFINITY) {
                    let s = delta[p] + trans[p * T + c];
                    if s > best {
                        best = s;
                        back[i][c] = p as u8;
                    }
                }
                next[c] = best + em[i][c];
            }
            delta = next;
        }
        let last = (0..T)
            .filter(|&c| allowed_end(c) && delta[c] > f32::NEG_INFINITY)
            .map(|c| (c, delta[c] + trans[end_index(c)]))
            .fold((0, f32::NEG_INFINITY), |b, x| if x.1 > b.1 { x } else { b })
            .0;
        let mut out = vec![last as u8; n];
        for i in (1..n).rev() {
            out[i - 1] = back[i][usize::from(out[i])];
        }
        out
    }

    #[test]
    fn viterbi_matches_the_search_over_all_tag_pairs() {
        let mut r = Lcg(7);
        for n in 1..40 {
            // Coarse values make ties common, so tie-breaking is compared too.
            let mut val = || (r.next() % 9) as f32 - 4.0;
            let em: Vec<[f32; T]> = (0..n).map(|_| std::array::from_fn(|_| val())).collect();
            let trans: Vec<f32> = (0..TRANS_LEN).map(|_| val()).collect();
            assert_eq!(
                viterbi(&em, &trans),
                viterbi_all_pairs(&em, &trans),
                "n = {n}"
            );
        }
    }

    #[test]
    fn table_finds_every_key_through_growth_and_spills() {
        let mut r = Lcg(11);
        let mut table = Table::with_capacity(4);
        let mut want: HashMap<u32, [i32; T]> = HashMap::new();
        for _ in 0..5000 {
            let key = r.next();
            let count = 1 + r.next() as usize % 8;
            let mut dense = [0i32; T];
            let entries: Vec<u32> = (0..count)
                .map(|t| {
                    let w = (r.next() % 2001) as i16 - 1000;
                    let w = if w == 0 { 1 } else { w };
                    dense[t * 2] = i32::from(w);
                    ((t * 2) as u32) << 16 | u32::from(w as u16)
                })
                .collect();
            table.insert(key, &entries).unwrap();
            want.insert(key, dense);
        }
        assert_eq!(table.len, want.len());
        for (&key, dense) in &want {
            let mut acc = [0; 32];
            table.add(table.find(key), &mut acc);
            assert_eq!(&acc[..T], dense, "key {key}");
        }
        let unknown = (0..)
            .map(|_| r.next())
            .find(|k| !want.contains_key(k))
            .unwrap();
        let mut acc = [0; 32];
        table.add(table.find(unknown), &mut acc);
        assert_eq!(acc, [0; 32]);
    }
}
