//! Value counts over every match of a query, from fast string columns.
//!
//! Tantivy's terms aggregation keeps a hash map keyed by term per segment, cuts each segment to
//! a shortlist (so counts can come out short), and turns ordinals back into strings by reading
//! the column's dictionary, whose blocks are zstd-compressed: at 100k articles that reading was
//! most of a query's time. Here every value of a column gets a process-wide number once per
//! segment (cached by segment id, so only new segments are read after a commit); a query counts
//! into an array indexed by the segment's term ordinal, maps the ordinals seen to those numbers,
//! and sums across segments in another array. No dictionary is read and no string hashed per
//! query. The counts are exact; the order is the aggregation's (most documents first, ties by
//! value, bytewise).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::{FacetCount, IndexError, Result};

#[derive(Clone)]
struct SegmentMap {
    ords: Column<u64>,
    numbers: Arc<[u32]>,
}

/// Process-wide numbers for the values of one fast string column. Values are never forgotten
/// (a value whose documents were all deleted keeps its number), so this grows with the distinct
/// values the process has seen: one shared copy of each.
#[derive(Default)]
struct ValueIds {
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
    /// Per segment: the column's term ordinals, and term ordinal → value number.
    segments: HashMap<SegmentId, SegmentMap>,
}

impl ValueIds {
    fn number(&mut self, value: &[u8]) -> u32 {
        let value = String::from_utf8_lossy(value);
        if let Some(&id) = self.ids.get(value.as_ref()) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let shared: Arc<str> = value.as_ref().into();
        self.names.push(shared.clone());
        self.ids.insert(shared, id);
        id
    }

    fn segment(&mut self, field: &str, reader: &SegmentReader) -> Result<Option<SegmentMap>> {
        if let Some(m) = self.segments.get(&reader.segment_id()) {
            return Ok(Some(m.clone()));
        }
        let Some(column) = reader.fast_fields().str(field)? else {
            return Ok(None);
        };
        let mut map = Vec::with_capacity(column.num_terms());
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            map.push(self.number(terms.key()));
        }
        let map = SegmentMap {
            ords: column.ords().clone(),
            numbers: map.into(),
        };
        self.segments.insert(reader.segment_id(), map.clone());
        Ok(Some(map))
    }
}

/// The numbering of every faceted column, shared by all searches of an [`crate::Index`].
#[derive(Default)]
pub(crate) struct FacetCache {
    fields: Mutex<HashMap<&'static str, ValueIds>>,
}

/// What a search needs from the cache: per field, per segment of its searcher, the mapping.
pub(crate) struct Prepared {
    fields: Vec<&'static str>,
    maps: Vec<Vec<Option<SegmentMap>>>,
    values: Vec<usize>,
}

impl FacetCache {
    /// Numbers the values of every segment of `searcher` not numbered yet, and forgets the
    /// segments it no longer has (merged away).
    pub fn prepare(
        &self,
        searcher: &tantivy::Searcher,
        fields: &[&'static str],
    ) -> Result<Prepared> {
        let mut all = self.fields.lock().map_err(|_| IndexError::Poisoned)?;
        let mut maps = Vec::with_capacity(fields.len());
        let mut values = Vec::with_capacity(fields.len());
        for field in fields {
            let ids = all.entry(field).or_default();
            let live: Vec<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(|r| r.segment_id())
                .collect();
            ids.segments.retain(|id, _| live.contains(id));
            let per_segment = searcher
                .segment_readers()
                .iter()
                .map(|r| ids.segment(field, r))
                .collect::<Result<Vec<_>>>()?;
            maps.push(per_segment);
            values.push(ids.names.len());
        }
        Ok(Prepared {
            fields: fields.to_vec(),
            maps,
            values,
        })
    }

    /// Numbers the segments of `searcher` ahead of the searches that will need them.
    pub fn warm(&self, searcher: &tantivy::Searcher, fields: &[&'static str]) -> Result<()> {
        self.prepare(searcher, fields).map(|_| ())
    }

    /// The `size` values counted most often per field, from what [`FacetCollector`] returned.
    pub fn top(
        &self,
        fields: &[&'static str],
        counts: Vec<Vec<(u32, u64)>>,
        size: usize,
    ) -> Result<Vec<Vec<FacetCount>>> {
        let all = self.fields.lock().map_err(|_| IndexError::Poisoned)?;
        let mut out = Vec::with_capacity(fields.len());
        for (field, mut ranked) in fields.iter().zip(counts) {
            let Some(ids) = all.get(field) else {
                out.push(Vec::new());
                continue;
            };
            let name = |id: u32| ids.names.get(id as usize).map_or("", |n| &**n);
            let order = |a: &(u32, u64), b: &(u32, u64)| {
                b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0)))
            };
            if ranked.len() > size {
                ranked.select_nth_unstable_by(size, order);
                ranked.truncate(size);
            }
            ranked.sort_unstable_by(order);
            out.push(
                ranked
                    .into_iter()
                    .map(|(id, count)| FacetCount {
                        value: name(id).to_string(),
                        count,
                    })
                    .collect(),
            );
        }
        Ok(out)
    }
}

/// Counts, per field, the documents having each value (a document with several values counts
/// for each), as (value number, count) pairs in no order.
pub(crate) struct FacetCollector {
    prepared: Prepared,
}

impl FacetCollector {
    pub fn new(prepared: Prepared) -> Self {
        Self { prepared }
    }
}

pub(crate) struct SegmentFacets {
    columns: Vec<Option<SegmentColumn>>,
}

struct SegmentColumn {
    ords: Column<u64>,
    numbers: Arc<[u32]>,
    counts: Vec<u32>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<Vec<(u32, u64)>>;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        _segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let mut columns = Vec::with_capacity(self.prepared.fields.len());
        for maps in &self.prepared.maps {
            let map = maps.get(segment_local_id as usize).cloned().flatten();
            columns.push(map.map(|m| SegmentColumn {
                ords: m.ords,
                counts: vec![0u32; m.numbers.len()],
                numbers: m.numbers,
            }));
        }
        Ok(SegmentFacets { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<Vec<(u32, u64)>>>) -> tantivy::Result<Self::Fruit> {
        let mut out = Vec::with_capacity(self.prepared.fields.len());
        for (f, &values) in self.prepared.values.iter().enumerate() {
            let mut totals = vec![0u64; values];
            for seg in &segments {
                for &(id, n) in seg.get(f).into_iter().flatten() {
                    if let Some(t) = totals.get_mut(id as usize) {
                        *t += n;
                    }
                }
            }
            out.push(
                totals
                    .into_iter()
                    .enumerate()
                    .filter(|(_, n)| *n > 0)
                    .map(|(id, n)| (id as u32, n))
                    .collect(),
            );
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Vec<Vec<(u32, u64)>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for c in self.columns.iter_mut().flatten() {
            for ord in c.ords.values_for_doc(doc) {
                if let Some(n) = c.counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|c| {
                let Some(c) = c else { return Vec::new() };
                c.counts
                    .iter()
                    .zip(c.numbers.iter())
                    .filter(|(n, _)| **n > 0)
                    .map(|(n, id)| (*id, u64::from(*n)))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::aggregation::AggregationCollector;
    use tantivy::aggregation::agg_req::Aggregations;
    use tantivy::collector::Count;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{FAST, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, TantivyDocument, Term};

    use super::*;

    /// Adds documents `from..to` (several segments): skewed and tied counts, multi-valued and
    /// missing values.
    fn add(index: &Index, from: u32, to: u32) {
        let f = |n: &str| index.schema().get_field(n).unwrap();
        let (site, person, tag) = (f("site"), f("person"), f("tag"));
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(NoMergePolicy));
        for i in from..to {
            let mut d = TantivyDocument::default();
            if i % 17 != 0 {
                // Sites 0..40 with counts falling off, so the tenth place has ties.
                d.add_text(site, format!("site{}", (i * i) % 41 % (1 + i % 40)));
            }
            for p in 0..(i % 4) {
                d.add_text(
                    person,
                    format!("Person {}", (i / 3 + p * 7) % (97 + i / 1000)),
                );
            }
            d.add_text(tag, if i % 3 == 0 { "a" } else { "b" });
            w.add_document(d).unwrap();
            if i % 700 == 699 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
    }

    fn index() -> Index {
        let mut b = Schema::builder();
        b.add_text_field("site", STRING | FAST);
        b.add_text_field("person", STRING | FAST);
        b.add_text_field("tag", STRING);
        Index::create_in_ram(b.build())
    }
    fn by_aggregation(searcher: &tantivy::Searcher, q: &dyn Query, field: &str) -> Vec<FacetCount> {
        // A segment size above the number of values makes the aggregation exact.
        let req: Aggregations = serde_json::from_value(serde_json::json!({
            "f": { "terms": { "field": field, "size": 10, "segment_size": 100_000 } }
        }))
        .unwrap();
        let res = searcher
            .search(q, &AggregationCollector::from_aggs(req, Default::default()))
            .unwrap();
        let v = serde_json::to_value(res).unwrap();
        v["f"]["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| FacetCount {
                value: b["key"].as_str().unwrap().to_string(),
                count: b["doc_count"].as_u64().unwrap(),
            })
            .collect()
    }

    #[test]
    fn counts_equal_an_exact_terms_aggregation_across_segments_and_commits() {
        let index = index();
        let tag = index.schema().get_field("tag").unwrap();
        let cache = FacetCache::default();
        let reader = index.reader().unwrap();
        // The second round sees new segments, with new values, beside the numbered ones.
        for (from, to) in [(0, 3_000), (3_000, 4_500)] {
            add(&index, from, to);
            reader.reload().unwrap();
            let searcher = reader.searcher();
            assert!(searcher.segment_readers().len() >= 4);
            check(&searcher, &cache, tag);
        }
    }

    fn check(searcher: &tantivy::Searcher, cache: &FacetCache, tag: tantivy::schema::Field) {
        let queries: Vec<Box<dyn Query>> = vec![
            Box::new(AllQuery),
            Box::new(TermQuery::new(
                Term::from_field_text(tag, "a"),
                IndexRecordOption::Basic,
            )),
        ];
        for q in &queries {
            let fields = ["site", "person", "missing"];
            let collector = FacetCollector::new(cache.prepare(searcher, &fields).unwrap());
            let (counts, n) = searcher.search(q.as_ref(), &(collector, Count)).unwrap();
            let got = cache.top(&fields, counts, 10).unwrap();
            assert!(n > 0);
            assert_eq!(got.len(), 3);
            assert_eq!(got[0], by_aggregation(searcher, q.as_ref(), "site"));
            assert_eq!(got[1], by_aggregation(searcher, q.as_ref(), "person"));
            assert_eq!(got[0].len(), 10);
            assert_eq!(got[1].len(), 10);
            assert!(got[2].is_empty());
        }
    }
}
