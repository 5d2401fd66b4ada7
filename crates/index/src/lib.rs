//! Kronika's full-text index (tantivy): articles and their quotations, searchable by text,
//! people (by name key, so any spelling or script finds them), places, organisations, source,
//! language and date. The store is the truth: the index can always be rebuilt from it, and it
//! remembers (in its commit payload) the store's last change it holds, so a crash between a
//! store commit and an index commit is repaired by indexing what came after.

pub mod query;

mod facets;
mod fold;
use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use chrono::NaiveDate;
use model::{Analysis, Article};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query as TQuery, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{
    DateTime, DocAddress, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};
use thiserror::Error;

pub use query::{Query, QueryError};

/// Bumped whenever fields, tokenizers or the keys that fill them change; an index of another
/// version is rebuilt. 5: name keys are stemmed word by word (`engine::name_key`).
const SCHEMA_VERSION: u32 = 5;
/// The index's folder inside the data directory.
pub const INDEX_DIR: &str = "index";
/// The file [`Index::open`] locks while it opens or creates the index (see there).
pub const OPEN_LOCK: &str = "index.lock";
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
const SNIPPET_CHARS: usize = 220;
/// Values listed per facet.
const FACET_SIZE: usize = 10;

#[derive(Debug, Error)]
pub enum IndexError {
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("cannot open the index: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("cannot read or write the index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("the index writer was poisoned by a panic")]
    Poisoned,
}

pub type Result<T, E = IndexError> = std::result::Result<T, E>;

/// What the index holds of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexDoc {
    pub id: u64,
    pub url: String,
    pub title: String,
    pub text: String,
    /// The site's name and, when known, the registered source's name.
    pub sources: Vec<String>,
    pub language: Option<String>,
    /// RFC 3339 date or date-time, as the article gives it.
    pub published: Option<String>,
    /// Name keys of everyone mentioned, for every spelling seen.
    pub people: Vec<String>,
    /// One display name per person, for the people facet.
    pub person_names: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub quotes: Vec<IndexQuote>,
    pub copy_of: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexQuote {
    pub text: String,
    pub speaker: Option<String>,
    /// The speaker's name keys.
    pub speaker_keys: Vec<String>,
}

fn keys_of<'a>(
    main: &'a str,
    others: impl IntoIterator<Item = &'a String>,
    key: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut out = BTreeSet::new();
    if !main.trim().is_empty() {
        out.insert(main.trim().to_lowercase());
    }
    for o in others {
        let k = key(o);
        if !k.trim().is_empty() {
            out.insert(k);
        }
    }
    out.into_iter().collect()
}

impl IndexDoc {
    /// Names the article's people as the store knows them across articles: the name it shows
    /// (the plainest form any article gave: "Josip Broz Tito" where this one says "Josipa
    /// Broza Tita") and the person it filed a surname alone under ("Donald Trump" for an
    /// article's "Trump"). The people facet counts these names, and a `person:` query for
    /// one finds the article too. Without names the document keeps the analysis' own.
    pub fn name_people<S: AsRef<str>>(&mut self, names: &[S], key: &dyn Fn(&str) -> String) {
        let names: BTreeSet<String> = names
            .iter()
            .map(|n| n.as_ref().trim())
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        if names.is_empty() {
            return;
        }
        let keys: BTreeSet<String> = self
            .people
            .drain(..)
            .chain(
                names
                    .iter()
                    .map(|n| key(n))
                    .filter(|k| !k.trim().is_empty()),
            )
            .collect();
        self.people = keys.into_iter().collect();
        self.person_names = names.into_iter().collect();
    }

    /// Builds the document; `key` is the same name-key function queries use, applied to every
    /// name form so that a spelling analysis saw is findable even if its key differs.
    pub fn from_analysed(
        id: u64,
        article: &Article,
        analysis: &Analysis,
        source_name: Option<&str>,
        key: &dyn Fn(&str) -> String,
    ) -> IndexDoc {
        let person_keys: Vec<Vec<String>> = analysis
            .people
            .iter()
            .map(|p| keys_of(&p.key, p.variants.iter().chain([&p.name]), key))
            .collect();
        let mut sources: Vec<String> = article.site_name.iter().cloned().collect();
        if let Some(host) = article
            .canonical_url
            .as_deref()
            .or(article.url.as_deref())
            .and_then(url_host)
        {
            sources.push(host);
        }
        if let Some(s) = source_name {
            sources.push(s.to_string());
        }
        IndexDoc {
            id,
            url: article
                .canonical_url
                .clone()
                .or_else(|| article.url.clone())
                .unwrap_or_default(),
            title: article.title.clone().unwrap_or_default(),
            text: article.text.clone(),
            sources,
            language: article.language.clone(),
            published: article.published.clone(),
            person_names: analysis
                .people
                .iter()
                .map(|p| p.name.clone())
                .filter(|n| !n.trim().is_empty())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            people: person_keys
                .iter()
                .flatten()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            places: analysis
                .places
                .iter()
                .flat_map(|p| keys_of(&p.key, p.aliases.iter().chain([&p.name]), key))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            orgs: analysis
                .organisations
                .iter()
                .flat_map(|o| keys_of(&o.key, o.aliases.iter().chain([&o.name]), key))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            quotes: analysis
                .quotes
                .iter()
                .filter(|q| !q.text.trim().is_empty())
                .map(|q| IndexQuote {
                    text: q.text.clone(),
                    speaker: q
                        .speaker
                        .and_then(|s| analysis.people.get(s))
                        .map(|p| p.name.clone())
                        .or_else(|| q.speaker_text.clone()),
                    speaker_keys: q
                        .speaker
                        .and_then(|s| person_keys.get(s))
                        .cloned()
                        .unwrap_or_default(),
                })
                .collect(),
            copy_of: None,
        }
    }
}

fn url_host(u: &str) -> Option<String> {
    let rest = u.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    Some(host.to_ascii_lowercase()).filter(|h| !h.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Article,
    Quote,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub article_id: u64,
    pub score: f32,
    pub title: String,
    pub url: String,
    pub site: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    /// For quotations: who said it.
    pub speaker: Option<String>,
    /// Plain text around the match.
    pub snippet: String,
    /// The same with matches in `<b>…</b>`, HTML-escaped.
    pub snippet_html: String,
    pub copy_of: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub sites: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
    /// The people most often in the matching documents (display names).
    pub people: Vec<FacetCount>,
}

/// What a search computes besides the hits.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    /// Site and language counts over all matches (exact; the ten most frequent each).
    pub facets: bool,
    /// People counts over all matches: many values per document, so this costs about as much
    /// again as the site and language counts (a millisecond or two at 100k articles, see
    /// `cargo bench -p engine --bench ingest`); off by default.
    pub people_facet: bool,
    /// Highlighted passages (loads each hit's stored text).
    pub snippets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            facets: true,
            people_facet: false,
            snippets: true,
        }
    }
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    url: Field,
    title: Field,
    text: Field,
    source: Field,
    lang: Field,
    date: Field,
    published: Field,
    people: Field,
    places: Field,
    orgs: Field,
    speaker: Field,
    copy_of: Field,
    /// Raw site name, a fast column for the site counts.
    site_fast: Field,
    /// Display names of the people, a fast column for the people counts.
    person_fast: Field,
}

const TEXT_TOKENIZER: &str = "kronika_text";
const KEY_TOKENIZER: &str = "kronika_key";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tok: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        kind: b.add_text_field("kind", STRING | STORED),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", text(TEXT_TOKENIZER, true)),
        text: b.add_text_field("text", text(TEXT_TOKENIZER, true)),
        source: b.add_text_field("source", text(TEXT_TOKENIZER, true)),
        lang: b.add_text_field("lang", STRING | STORED | FAST),
        date: b.add_date_field(
            "date",
            DateOptions::from(INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        published: b.add_text_field("published", STORED),
        people: b.add_text_field("people", text(KEY_TOKENIZER, false)),
        places: b.add_text_field("places", text(KEY_TOKENIZER, false)),
        orgs: b.add_text_field("orgs", text(KEY_TOKENIZER, false)),
        speaker: b.add_text_field("speaker", STORED),
        copy_of: b.add_u64_field("copy_of", STORED),
        site_fast: b.add_text_field("site_fast", STRING | FAST),
        person_fast: b.add_text_field("person_fast", STRING | FAST),
    };
    (b.build(), fields)
}

fn register_tokenizers(index: &tantivy::Index) {
    let text = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(fold::NameFold)
        .build();
    let key = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(TEXT_TOKENIZER, text);
    index.tokenizers().register(KEY_TOKENIZER, key);
}

#[derive(Serialize, Deserialize)]
struct Payload {
    schema: u32,
    /// The store's seq of the last change this index holds.
    seq: i64,
}

pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    /// Created on the first write, so a process that only searches never takes the index's
    /// writer lock (a running `kronika watch` holds it).
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    facets: facets::FacetCache,
}

/// The day an article was published, at midnight UTC: ranges compare the publisher's own date.
fn day_of(published: &str) -> Option<DateTime> {
    let day = published.get(..10)?;
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date_time(d))
}

fn date_time(d: NaiveDate) -> DateTime {
    let secs = d
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    DateTime::from_timestamp_secs(secs)
}

impl Index {
    /// Opens `data_dir/index`, creating it, or recreating it empty when it was written with
    /// another schema (the caller then reindexes: [`Index::seq`] is 0).
    pub fn open(data_dir: &Path) -> Result<Self> {
        let dir = data_dir.join(INDEX_DIR);
        std::fs::create_dir_all(data_dir)?;
        // Opening may create the index or replace one of an older schema: one process at a
        // time (`kronika serve` and `kronika ingest` may start together on a new folder, and
        // each would otherwise wipe what the other just created). An advisory lock on a file
        // beside the index, released when this function returns. The index folder is made
        // under the lock too: made before it, its creation raced another opener's
        // replacing it and failed with "File exists".
        let guard = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(OPEN_LOCK))?;
        guard.lock()?;
        std::fs::create_dir_all(&dir)?;
        let (schema, fields) = schema();
        let existing = if dir.join("meta.json").exists() {
            let idx = tantivy::Index::open_in_dir(&dir)?;
            let payload: Option<Payload> = idx
                .load_metas()?
                .payload
                .and_then(|p| serde_json::from_str(&p).ok());
            let same = idx.schema() == schema
                && payload.map(|p| p.schema == SCHEMA_VERSION).unwrap_or(true);
            if same { Some(idx) } else { None }
        } else {
            None
        };
        let index = match existing {
            Some(idx) => idx,
            None => {
                std::fs::remove_dir_all(&dir)?;
                std::fs::create_dir_all(&dir)?;
                tantivy::Index::create_in_dir(&dir, schema)?
            }
        };
        let opened = Self::finish(index, fields);
        drop(guard);
        opened
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema();
        Self::finish(tantivy::Index::create_in_ram(schema), fields)
    }

    fn finish(index: tantivy::Index, fields: Fields) -> Result<Self> {
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            facets: facets::FacetCache::default(),
        })
    }

    /// The store's seq up to which this index is complete (0 when empty or new).
    pub fn seq(&self) -> Result<i64> {
        let payload: Option<Payload> = self
            .index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str(&p).ok());
        Ok(payload.map(|p| p.seq).unwrap_or(0))
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, Option<IndexWriter>>> {
        let mut w = self.writer.lock().map_err(|_| IndexError::Poisoned)?;
        if w.is_none() {
            // One indexing thread: the machine's other core extracts and analyses.
            *w = Some(self.index.writer_with_num_threads(1, WRITER_MEMORY)?);
        }
        Ok(w)
    }

    /// Sees the latest commit (of this process or another), and numbers the facet values of
    /// new segments now, so that no search after it pays for that (a first people facet over
    /// 100k articles would take about 20 ms).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        self.facets.warm(
            &self.reader.searcher(),
            &["site_fast", "lang", "person_fast"],
        )
    }

    /// Segments in the current view (fewer is faster; merges run in the background).
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Adds or replaces an article and its quotations (visible after [`Index::commit`]).
    pub fn upsert(&self, doc: &IndexDoc) -> Result<()> {
        let f = self.fields;
        let guard = self.writer()?;
        let Some(writer) = guard.as_ref() else {
            return Err(IndexError::Poisoned);
        };
        writer.delete_term(Term::from_field_u64(f.id, doc.id));
        let date = doc.published.as_deref().and_then(day_of);
        let common = |d: &mut TantivyDocument, kind: &str| {
            d.add_u64(f.id, doc.id);
            d.add_text(f.kind, kind);
            d.add_text(f.url, &doc.url);
            d.add_text(f.title, &doc.title);
            for s in &doc.sources {
                d.add_text(f.source, s);
            }
            if let Some(site) = doc.sources.first() {
                d.add_text(f.site_fast, site);
            }
            if let Some(l) = &doc.language {
                d.add_text(f.lang, l.to_ascii_lowercase());
            }
            if let Some(dt) = date {
                d.add_date(f.date, dt);
            }
            if let Some(p) = &doc.published {
                d.add_text(f.published, p);
            }
            for p in &doc.places {
                d.add_text(f.places, p);
            }
            for o in &doc.orgs {
                d.add_text(f.orgs, o);
            }
            if let Some(c) = doc.copy_of {
                d.add_u64(f.copy_of, c);
            }
        };
        let mut article = TantivyDocument::default();
        common(&mut article, "article");
        article.add_text(f.text, &doc.text);
        for p in &doc.people {
            article.add_text(f.people, p);
        }
        for p in &doc.person_names {
            article.add_text(f.person_fast, p);
        }
        writer.add_document(article)?;
        for q in &doc.quotes {
            let mut d = TantivyDocument::default();
            common(&mut d, "quote");
            d.add_text(f.text, &q.text);
            if let Some(s) = &q.speaker {
                d.add_text(f.speaker, s);
                if !q.speaker_keys.is_empty() {
                    d.add_text(f.person_fast, s);
                }
            }
            for k in &q.speaker_keys {
                d.add_text(f.people, k);
            }
            writer.add_document(d)?;
        }
        Ok(())
    }

    pub fn delete(&self, id: u64) -> Result<()> {
        if let Some(w) = self.writer()?.as_ref() {
            w.delete_term(Term::from_field_u64(self.fields.id, id));
        }
        Ok(())
    }

    /// Drops every document (for a rebuild); visible after the next commit.
    pub fn clear(&self) -> Result<()> {
        if let Some(w) = self.writer()?.as_mut() {
            w.delete_all_documents()?;
        }
        Ok(())
    }

    /// Makes everything added so far durable and searchable, remembering `seq` as the store's
    /// last change it now holds. Nothing to do when this process never wrote.
    pub fn commit(&self, seq: i64) -> Result<()> {
        let mut guard = self.writer.lock().map_err(|_| IndexError::Poisoned)?;
        let Some(writer) = guard.as_mut() else {
            return Ok(());
        };
        let mut prepared = writer.prepare_commit()?;
        let payload = serde_json::to_string(&Payload {
            schema: SCHEMA_VERSION,
            seq,
        })
        .unwrap_or_default();
        prepared.set_payload(&payload);
        prepared.commit()?;
        drop(guard);
        self.reader.reload()?;
        Ok(())
    }

    fn keyed(&self, field: Field, key: &str) -> Option<Box<dyn TQuery>> {
        let mut analyzer = self.index.tokenizers().get(KEY_TOKENIZER)?;
        let mut stream = analyzer.token_stream(key);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(field, &stream.token().text));
        }
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::Basic,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    fn any_of(&self, qs: Vec<Box<dyn TQuery>>) -> Box<dyn TQuery> {
        Box::new(BooleanQuery::new(
            qs.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    }

    /// Runs a parsed query; the most relevant first, or the newest first when only filters are
    /// given. With facets and snippets.
    pub fn search(&self, q: &Query, limit: usize, offset: usize) -> Result<SearchResults> {
        self.search_with(q, limit, offset, SearchOptions::default())
    }

    pub fn search_with(
        &self,
        q: &Query,
        limit: usize,
        offset: usize,
        opts: SearchOptions,
    ) -> Result<SearchResults> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut must: Vec<Box<dyn TQuery>> = Vec::new();
        let kind = if q.is_quote_search() {
            "quote"
        } else {
            "article"
        };
        must.push(Box::new(TermQuery::new(
            Term::from_field_text(f.kind, kind),
            IndexRecordOption::Basic,
        )));
        let text_fields = if q.is_quote_search() {
            vec![f.text]
        } else {
            vec![f.title, f.text]
        };
        let mut parser = QueryParser::for_index(&self.index, text_fields);
        parser.set_conjunction_by_default();
        let words: Vec<&str> = [q.text.as_deref(), q.said.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let text_query = if words.is_empty() {
            None
        } else {
            let (tq, _errors) = parser.parse_query_lenient(&words.join(" "));
            Some(tq)
        };
        if let Some(tq) = &text_query {
            must.push(tq.box_clone());
        }
        for (field, keys) in [
            (f.people, &q.people),
            (f.places, &q.places),
            (f.orgs, &q.orgs),
        ] {
            for k in keys {
                match self.keyed(field, k) {
                    Some(kq) => must.push(kq),
                    None => return Ok(SearchResults::default()),
                }
            }
        }
        if !q.sources.is_empty() {
            let mut analyzer =
                self.index.tokenizers().get(TEXT_TOKENIZER).ok_or_else(|| {
                    tantivy::TantivyError::InternalError("tokenizer missing".into())
                })?;
            let mut alts: Vec<Box<dyn TQuery>> = Vec::new();
            for s in &q.sources {
                let mut stream = analyzer.token_stream(s);
                let mut terms = Vec::new();
                while stream.advance() {
                    terms.push(Term::from_field_text(f.source, &stream.token().text));
                }
                match terms.len() {
                    0 => {}
                    1 => alts.push(Box::new(TermQuery::new(
                        terms.remove(0),
                        IndexRecordOption::Basic,
                    ))),
                    _ => alts.push(Box::new(PhraseQuery::new(terms))),
                }
            }
            must.push(self.any_of(alts));
        }
        if !q.langs.is_empty() {
            let alts = q
                .langs
                .iter()
                .map(|l| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.lang, l),
                        IndexRecordOption::Basic,
                    )) as Box<dyn TQuery>
                })
                .collect();
            must.push(self.any_of(alts));
        }
        if q.from.is_some() || q.to.is_some() {
            let lower = q
                .from
                .map(|d| Bound::Included(Term::from_field_date(f.date, date_time(d))))
                .unwrap_or(Bound::Unbounded);
            let upper =
                q.to.and_then(|d| d.succ_opt())
                    .map(|d| Bound::Excluded(Term::from_field_date(f.date, date_time(d))))
                    .unwrap_or(Bound::Unbounded);
            must.push(Box::new(RangeQuery::new(lower, upper)));
        }
        let query: Box<dyn TQuery> = if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(
                must.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))
        };

        let mut facet_fields = Vec::new();
        if opts.facets {
            facet_fields.extend(["site_fast", "lang"]);
        }
        if opts.people_facet {
            facet_fields.push("person_fast");
        }
        let counts = if facet_fields.is_empty() {
            None
        } else {
            Some(facets::FacetCollector::new(
                self.facets.prepare(&searcher, &facet_fields)?,
            ))
        };
        let limit = limit.max(1);
        let (addresses, total, counts): (Vec<(f32, DocAddress)>, usize, _) = if text_query.is_some()
        {
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score();
            searcher.search(&query, &(top, Count, counts))?
        } else {
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_fast_field::<DateTime>("date", Order::Desc);
            let (docs, n, c) = searcher.search(&query, &(top, Count, counts))?;
            (docs.into_iter().map(|(_, a)| (1.0, a)).collect(), n, c)
        };
        let mut counts = match counts {
            Some(c) => self.facets.top(&facet_fields, c, FACET_SIZE)?,
            None => Vec::new(),
        }
        .into_iter();
        let mut facet = |wanted: bool| {
            if wanted {
                counts.next().unwrap_or_default()
            } else {
                Vec::new()
            }
        };
        let (sites, languages) = (facet(opts.facets), facet(opts.facets));
        let people = facet(opts.people_facet);

        let snippets = match &text_query {
            Some(tq) if opts.snippets => {
                let mut g = SnippetGenerator::create(&searcher, tq.as_ref(), f.text)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            _ => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, addr) in addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let text = get(f.text).unwrap_or_default();
            let (snippet, snippet_html) = match &snippets {
                Some(g) => {
                    let s = g.snippet(&text);
                    if s.is_empty() {
                        lead(&text)
                    } else {
                        (s.fragment().to_string(), s.to_html())
                    }
                }
                None => lead(&text),
            };
            hits.push(Hit {
                kind: if get(f.kind).as_deref() == Some("quote") {
                    HitKind::Quote
                } else {
                    HitKind::Article
                },
                article_id: doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0),
                score,
                title: get(f.title).unwrap_or_default(),
                url: get(f.url).unwrap_or_default(),
                site: get(f.source),
                language: get(f.lang),
                published: get(f.published),
                speaker: get(f.speaker),
                snippet,
                snippet_html,
                copy_of: doc.get_first(f.copy_of).and_then(|v| v.as_u64()),
            });
        }
        Ok(SearchResults {
            total,
            sites,
            languages,
            people,
            hits,
        })
    }
}

/// The text's opening, cut at a word boundary, as plain and HTML-escaped text.
fn lead(text: &str) -> (String, String) {
    let mut end = text.len();
    for (n, (i, _)) in text.char_indices().enumerate() {
        if n >= SNIPPET_CHARS {
            end = text[..i].rfind(char::is_whitespace).unwrap_or(i);
            break;
        }
    }
    let plain = text[..end].trim().to_string();
    let html = plain
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    (plain, html)
}
