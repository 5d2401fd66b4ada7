//! [`Kronika`]: one data directory's store and index, and the per-page pipeline.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, mpsc};
use std::time::{Duration, Instant};

use index::{Index, IndexDoc, Query, SearchOptions, SearchResults};
use serde::Serialize;
use store::{CommitStatus, Page, SqliteStore, Store};
use thiserror::Error;

/// Index commits are batched: after this many changed articles…
const COMMIT_EVERY_DOCS: usize = 2_000;
/// …or this long after the first uncommitted one, whichever comes first.
const COMMIT_EVERY: Duration = Duration::from_secs(10);
/// Articles loaded from the store at a time while (re)indexing.
const REINDEX_BATCH: usize = 500;
/// At most this many people of one article are named in its index document (an article
/// names a few dozen; a generated list of names should not make one document huge).
const PEOPLE_PER_ARTICLE: usize = 1_000;
/// Local files larger than this are refused before reading (pages, not archives).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum EngineError {
    /// The page could not be read as an article (the input's fault).
    #[error("cannot extract an article: {0}")]
    Extract(#[from] extract::ExtractError),
    #[error("bad query: {0}")]
    Query(#[from] index::QueryError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Index(#[from] index::IndexError),
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes, over the limit of {limit}")]
    FileTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("a lock was poisoned by a panic in another thread")]
    Poisoned,
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

/// A page as it arrives from a fetcher, an archive or a file.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    pub bytes: &'a [u8],
    pub url: &'a str,
    pub content_type: Option<&'a str>,
    pub source_id: Option<store::SourceId>,
    /// The date a feed or sitemap listed the page with, as written there: the article's date
    /// when the page itself shows none (many pages carry their date only in the feed).
    pub listed_date: Option<&'a str>,
}

/// What became of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub id: store::ArticleId,
    pub status: CommitStatus,
    /// The earlier article this one duplicates (exactly) or copies (nearly).
    pub duplicate_of: Option<store::ArticleId>,
    pub title: Option<String>,
    pub people: usize,
    pub quotes: usize,
}

/// The name key queries and index documents share: analysis' match key, under which every
/// spelling and script of a name (Đukanović, Djukanovic, Dukanovic, Ђукановић) is equal, with
/// each word brought to its stem, so that the case forms of Serbian and Croatian text
/// ("Borisom Tadićem", "Franje Tuđmana") and transcriptions ("Ahtisarija") find the name as a
/// reader types it ("Boris Tadić", "Tuđman", "Ahtisaari").
pub fn name_key(name: &str) -> String {
    analyse::stem::name_key(name)
}

/// The index document of an article as stored, its people named as the store names them.
fn stored_doc(
    a: &store::StoredArticle,
    source_name: Option<&str>,
    people: &[(store::PersonId, String)],
) -> IndexDoc {
    let mut doc =
        IndexDoc::from_analysed(a.id as u64, &a.article, &a.analysis, source_name, &name_key);
    doc.copy_of = a.copy_of.map(|c| c as u64);
    let people: Vec<&str> = people.iter().map(|(_, name)| name.as_str()).collect();
    doc.name_people(&people, &name_key);
    doc
}

/// A source's name, looked up once per batch.
fn source_name(
    known: &mut HashMap<store::SourceId, Option<String>>,
    store: &dyn Store,
    id: Option<store::SourceId>,
) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    if let Some(name) = known.get(&id) {
        return Ok(name.clone());
    }
    let name = store.source(id)?.map(|s| s.name);
    known.insert(id, name.clone());
    Ok(name)
}

struct Pending {
    docs: usize,
    since: Option<Instant>,
    /// Stored articles whose documents name a person by a name the store has since merged or
    /// replaced: re-indexed before the next index commit.
    retouched: BTreeSet<store::ArticleId>,
}

pub struct Kronika {
    store: Mutex<Box<dyn Store>>,
    /// A second connection to the same file, for [`Kronika::has_url`]: workers ask it before
    /// reading each page, and through the writer's lock they waited for every batch commit
    /// (SQLite's WAL lets this one read while the other writes). None in memory.
    lookup: Option<Mutex<SqliteStore>>,
    index: Index,
    pending: Mutex<Pending>,
    options: extract::Options,
    data_dir: Option<PathBuf>,
}

impl Kronika {
    /// Opens (creating) the store and index of a data directory, and brings the index up to
    /// date with the store (after a crash, or when the index was deleted or its schema changed).
    pub fn open(data_dir: &Path) -> Result<Self> {
        let store = SqliteStore::open(data_dir)?;
        let index = Index::open(data_dir)?;
        let mut k = Self::with(Box::new(store), index, Some(data_dir.to_path_buf()));
        k.lookup = Some(Mutex::new(SqliteStore::open(data_dir)?));
        k.catch_up()?;
        Ok(k)
    }

    /// Opens a data directory for reading only (search, reports): never takes the index's
    /// writer lock, so it works beside a running ingest or watch.
    pub fn open_reader(data_dir: &Path) -> Result<Self> {
        let store = SqliteStore::open(data_dir)?;
        let index = Index::open(data_dir)?;
        let k = Self::with(Box::new(store), index, Some(data_dir.to_path_buf()));
        // An empty index beside a full store (deleted, or rebuilt for a new schema): build it
        // now unless a running ingest holds the writer and will do so itself.
        if k.index.seq()? == 0
            && k.store()?.max_seq()? > 0
            && let Err(e) = k.catch_up()
        {
            tracing::warn!("the index is empty and could not be rebuilt now: {e}");
        }
        Ok(k)
    }

    /// A store and index in memory, for tests.
    pub fn in_memory() -> Result<Self> {
        Ok(Self::with(
            Box::new(SqliteStore::in_memory()?),
            Index::in_memory()?,
            None,
        ))
    }

    fn with(store: Box<dyn Store>, index: Index, data_dir: Option<PathBuf>) -> Self {
        Self {
            store: Mutex::new(store),
            lookup: None,
            index,
            pending: Mutex::new(Pending {
                docs: 0,
                since: None,
                retouched: BTreeSet::new(),
            }),
            options: extract::Options::default(),
            data_dir,
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// The store, for sources, the fetch log, validators and everything a UI reads. Hold the
    /// guard briefly: every page commit waits for it.
    pub fn store(&self) -> Result<MutexGuard<'_, Box<dyn Store>>> {
        self.store.lock().map_err(|_| EngineError::Poisoned)
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Whether an article is already stored under this address.
    /// Sees every committed article (never one of a batch still being committed).
    pub fn has_url(&self, url: &str) -> Result<bool> {
        if let Some(lookup) = &self.lookup {
            let lookup = lookup.lock().map_err(|_| EngineError::Poisoned)?;
            return Ok(lookup.has_url(url)?);
        }
        Ok(self.store()?.has_url(url)?)
    }

    /// Extract → analyse → store (one transaction) → index.
    pub fn process_page(&self, page: PageInput<'_>) -> Result<Outcome> {
        let prepared = self.analyse_page(page)?;
        // One outcome per page committed: a missing one would be a broken invariant, reported
        // as an internal error rather than a panic.
        self.commit_pages(vec![prepared])?
            .pop()
            .ok_or(EngineError::Poisoned)
    }

    /// The part of a page's work that needs no lock, so callers run it on several threads:
    /// extraction, analysis, and what the store can do ahead (compressing the raw page,
    /// serialising, hashing).
    pub fn analyse_page(&self, page: PageInput<'_>) -> Result<store::Prepared> {
        let mut article = extract::extract(
            &extract::Input {
                bytes: page.bytes,
                url: Some(page.url),
                content_type: page.content_type,
            },
            &self.options,
        )?;
        if article.url.is_none() {
            article.url = Some(page.url.to_string());
        }
        if article.published.is_none() {
            article.published = page.listed_date.and_then(extract::metadata::parse_date);
        }
        let analysed = analyse::enrich(article);
        Ok(store::Prepared::new(
            &Page {
                url: page.url,
                bytes: page.bytes,
                content_type: page.content_type,
                source_id: page.source_id,
                fetched_at: 0,
            },
            analysed.article,
            analysed.analysis,
        )?)
    }

    /// Commits analysed pages, in order, in one store transaction (each article with
    /// everything derived from it; all of them or none), then hands the changed ones to the
    /// index, whose commits are batched.
    pub fn commit_pages(&self, batch: Vec<store::Prepared>) -> Result<Vec<Outcome>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let mut store = self.store()?;
        let before = store.max_seq()?;
        let committed = store.commit_prepared(&batch)?;
        let mut source_names = HashMap::new();
        let mut changed = 0usize;
        for (p, c) in batch.iter().zip(&committed) {
            if !c.changed() {
                continue;
            }
            let source_name = source_name(&mut source_names, &**store, p.source_id())?;
            let mut doc = IndexDoc::from_analysed(
                c.id as u64,
                p.article(),
                p.analysis(),
                source_name.as_deref(),
                &name_key,
            );
            doc.copy_of = c.duplicate_of.map(|c| c as u64);
            let names: Vec<String> = store
                .names_in(c.id, PEOPLE_PER_ARTICLE)?
                .into_iter()
                .map(|(_, name)| name)
                .collect();
            doc.name_people(&names, &name_key);
            // Under the store lock: every article the store holds up to its current seq is in
            // the writer before any commit records that seq.
            self.index.upsert(&doc)?;
            changed += 1;
        }
        // Articles stored earlier that name a person this batch merged or renamed take the
        // person's name as it is now, once before the next index commit: a long article
        // naming many people is retouched again and again while they are being learnt.
        let stored: HashSet<store::ArticleId> = committed.iter().map(|c| c.id).collect();
        let retouched = store.ids_since(before)?;
        let due = {
            let mut p = self.pending.lock().map_err(|_| EngineError::Poisoned)?;
            p.retouched.retain(|id| !stored.contains(id));
            p.retouched
                .extend(retouched.into_iter().filter(|id| !stored.contains(id)));
            self.note_indexed(&mut p, &**store, changed)?
        };
        drop(store);
        // The index commit (which waits for the indexing threads) runs without the store
        // lock. Articles committed meanwhile may go in too: they are past `seq`, so a crash
        // would only index them again.
        if let Some(seq) = due {
            self.index.commit(seq)?;
        }
        Ok(batch
            .iter()
            .zip(committed)
            .map(|(p, c)| Outcome {
                id: c.id,
                status: c.status,
                duplicate_of: c.duplicate_of,
                title: p.article().title.clone(),
                people: p.analysis().people.len(),
                quotes: p.analysis().quotes.len(),
            })
            .collect())
    }

    /// Counts `n` articles handed to the index; returns the store seq to commit the index at
    /// when a commit is due, the retouched articles handed over first. Called under the store
    /// lock.
    fn note_indexed(&self, p: &mut Pending, store: &dyn Store, n: usize) -> Result<Option<i64>> {
        if n == 0 && p.retouched.is_empty() {
            return Ok(None);
        }
        p.docs += n;
        let since = *p.since.get_or_insert_with(Instant::now);
        if p.docs >= COMMIT_EVERY_DOCS || since.elapsed() >= COMMIT_EVERY {
            self.index_retouched(p, store)?;
            p.docs = 0;
            p.since = None;
            return Ok(Some(store.max_seq()?));
        }
        Ok(None)
    }

    /// Hands the index the retouched articles as the store now holds them.
    fn index_retouched(&self, p: &mut Pending, store: &dyn Store) -> Result<()> {
        let mut sources = HashMap::new();
        for id in std::mem::take(&mut p.retouched) {
            let Some(a) = store.article(id)? else {
                continue;
            };
            let source_name = source_name(&mut sources, store, a.source_id)?;
            let people = store.names_in(id, PEOPLE_PER_ARTICLE)?;
            self.index
                .upsert(&stored_doc(&a, source_name.as_deref(), &people))?;
        }
        Ok(())
    }

    /// Commits the index: everything stored so far becomes searchable.
    pub fn flush(&self) -> Result<()> {
        let store = self.store()?;
        let mut p = self.pending.lock().map_err(|_| EngineError::Poisoned)?;
        self.index_retouched(&mut p, &**store)?;
        self.index.commit(store.max_seq()?)?;
        p.docs = 0;
        p.since = None;
        Ok(())
    }

    /// Indexes what the store changed after the index's last commit.
    fn catch_up(&self) -> Result<u64> {
        let from = self.index.seq()?;
        let to = self.store()?.max_seq()?;
        if from > to {
            // The index knows changes the store does not: a store restored from a backup or
            // replaced. The store is the truth.
            return self.reindex(&|_| {});
        }
        if to == from {
            return Ok(0);
        }
        let n = self.index_since(from, &|_| {})?;
        self.flush()?;
        Ok(n)
    }

    fn index_since(&self, mut after: i64, progress: &dyn Fn(u64)) -> Result<u64> {
        let mut n = 0u64;
        loop {
            let batch = {
                let store = self.store()?;
                let batch = store.changed_since(after, REINDEX_BATCH)?;
                let mut names = std::collections::HashMap::new();
                for s in store.sources()? {
                    names.insert(s.id, s.name);
                }
                let ids: Vec<store::ArticleId> = batch.iter().map(|a| a.id).collect();
                let people = store.names_in_each(&ids, PEOPLE_PER_ARTICLE)?;
                batch
                    .into_iter()
                    .zip(people)
                    .map(|(a, people)| {
                        let name = a.source_id.and_then(|id| names.get(&id).cloned());
                        (a, name, people)
                    })
                    .collect::<Vec<_>>()
            };
            let Some(last) = batch.last() else { break };
            after = last.0.seq;
            for (a, source_name, people) in &batch {
                self.index
                    .upsert(&stored_doc(a, source_name.as_deref(), people))?;
                n += 1;
            }
            progress(n);
        }
        Ok(n)
    }

    /// Rebuilds the index from the store; returns the number of articles indexed.
    pub fn reindex(&self, progress: &dyn Fn(u64)) -> Result<u64> {
        self.index.clear()?;
        let n = self.index_since(0, progress)?;
        self.flush()?;
        Ok(n)
    }

    /// Parses and runs a `kronika search` query.
    pub fn search(&self, query: &str, limit: usize, offset: usize) -> Result<SearchResults> {
        self.search_with(query, limit, offset, SearchOptions::default())
    }

    pub fn search_with(
        &self,
        query: &str,
        limit: usize,
        offset: usize,
        opts: SearchOptions,
    ) -> Result<SearchResults> {
        let q = Query::parse(query, &name_key)?;
        Ok(self.index.search_with(&q, limit, offset, opts)?)
    }
}

impl Drop for Kronika {
    fn drop(&mut self) {
        if let Err(e) = self.flush() {
            tracing::warn!("index commit on close failed: {e}");
        }
    }
}

/// What one pass over local files did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    pub files: usize,
    /// Files whose address was already stored, skipped before reading.
    pub known: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub near_copies: usize,
    pub failed: Vec<(PathBuf, String)>,
}

impl IngestReport {
    fn count(&mut self, status: CommitStatus) {
        match status {
            CommitStatus::New => self.new += 1,
            CommitStatus::Updated => self.updated += 1,
            CommitStatus::Unchanged => self.unchanged += 1,
            CommitStatus::Duplicate => self.duplicates += 1,
            CommitStatus::NearCopy => self.near_copies += 1,
        }
    }
}

fn is_page(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Files under the given paths (folders walked iteratively, sorted for a stable order).
fn collect_files(paths: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let Ok(rd) = std::fs::read_dir(&p) else {
                out.push((p, Some("cannot read folder".into())));
                continue;
            };
            let mut children: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            for c in children.into_iter().rev() {
                if c.is_dir() || is_page(&c) {
                    stack.push(c);
                }
            }
        } else {
            out.push((p, None));
        }
    }
    out
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    url_for_path(&abs)
}

fn url_for_path(abs: &Path) -> String {
    let mut s = String::from("file://");
    for c in abs.to_string_lossy().chars() {
        match c {
            ' ' => s.push_str("%20"),
            '#' => s.push_str("%23"),
            '?' => s.push_str("%3F"),
            '%' => s.push_str("%25"),
            c => s.push(c),
        }
    }
    s
}

/// Reads a local page: at most [`MAX_FILE_BYTES`], gzip (a `.gz` name or gzip's magic bytes)
/// decompressed within the same bound.
pub fn read_page(path: &Path) -> Result<Vec<u8>> {
    let read_err = |source| EngineError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(EngineError::FileTooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let raw = std::fs::read(path).map_err(read_err)?;
    let named_gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if named_gz || is_gzip(&raw) {
        return gunzip_page(&raw, path);
    }
    Ok(raw)
}

/// Whether bytes open with gzip's magic number. No HTML page does: 0x1f is a control
/// character and 0x8b no valid UTF-8 lead byte.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses a gzipped page (`origin` names it in errors) to at most [`MAX_FILE_BYTES`]: a
/// gzip bomb is refused, not swallowed.
pub fn gunzip_page(raw: &[u8], origin: &Path) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|source| EngineError::Read {
            path: origin.to_path_buf(),
            source,
        })?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(EngineError::FileTooLarge {
            path: origin.to_path_buf(),
            size: out.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(out)
}

/// Ingests local HTML files and folders of them (`.html`, `.htm`, also gzipped), each page
/// under its `file://` address. `threads` workers read, extract and analyse; the calling thread
/// commits what they produce, several articles per store transaction. Pages already stored
/// under their address are skipped unread, so a rerun after a crash resumes where the last one
/// stopped. A failing file is counted and reported, never fatal. Articles are attributed to
/// `source` (a registered folder or file source) so its health counts them.
pub fn ingest_paths(
    k: &Kronika,
    paths: &[PathBuf],
    source: Option<store::SourceId>,
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport> {
    let files = collect_files(paths);
    let total = files.len();
    let next = AtomicUsize::new(0);
    let mut report = IngestReport {
        files: total,
        ..Default::default()
    };
    let mut done = 0usize;
    let fatal = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, Analysed)>(threads.max(1) * 2);
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (next, files) = (&next, &files);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, walk_error)) = files.get(i) else {
                        break;
                    };
                    let result = match walk_error {
                        Some(e) => Analysed::Failed(e.clone()),
                        None => analyse_file(k, path, source),
                    };
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut fatal = None;
        // Ok(None): skipped as already stored; Err: this file failed.
        let mut tally =
            |report: &mut IngestReport, i: usize, r: Result<Option<CommitStatus>, String>| {
                match r {
                    Ok(Some(status)) => report.count(status),
                    Ok(None) => report.known += 1,
                    Err(e) => report.failed.push((files[i].0.clone(), e)),
                }
                done += 1;
                progress(done, total);
            };
        while let Some(batch) = gather(&rx) {
            let mut ready = Vec::new();
            for (i, a) in batch {
                match a {
                    Analysed::Ready(p) => ready.push((i, *p)),
                    Analysed::Known => tally(&mut report, i, Ok(None)),
                    Analysed::Failed(msg) => tally(&mut report, i, Err(msg)),
                    Analysed::Fatal(e) => {
                        fatal.get_or_insert(e);
                    }
                }
            }
            if fatal.is_some() {
                break;
            }
            let (ids, prepared): (Vec<usize>, Vec<store::Prepared>) = ready.into_iter().unzip();
            match k.commit_pages(prepared) {
                Ok(outcomes) => {
                    for (i, o) in ids.into_iter().zip(outcomes) {
                        tally(&mut report, i, Ok(Some(o.status)));
                    }
                }
                Err(e) => {
                    fatal = Some(e);
                    break;
                }
            }
        }
        if fatal.is_some() {
            // Workers stop at their next file; what they hold is dropped uncommitted.
            next.store(usize::MAX / 2, Ordering::Relaxed);
            drop(rx);
        }
        fatal
    });
    if let Some(e) = fatal {
        return Err(e);
    }
    k.flush()?;
    Ok(report)
}

/// What a worker made of one file.
enum Analysed {
    Ready(Box<store::Prepared>),
    /// Already stored under its address: skipped unread.
    Known,
    /// This file only: counted, the run goes on.
    Failed(String),
    /// The store failed: stop.
    Fatal(EngineError),
}

fn analyse_file(k: &Kronika, path: &Path, source: Option<store::SourceId>) -> Analysed {
    let url = file_url(path);
    match k.has_url(&url) {
        Ok(true) => return Analysed::Known,
        Ok(false) => {}
        Err(e) => return Analysed::Fatal(e),
    }
    let bytes = match read_page(path) {
        Ok(b) => b,
        Err(e) => return Analysed::Failed(e.to_string()),
    };
    match k.analyse_page(PageInput {
        bytes: &bytes,
        url: &url,
        content_type: None,
        source_id: source,
        listed_date: None,
    }) {
        Ok(p) => Analysed::Ready(Box::new(p)),
        Err(
            e @ (EngineError::Extract(_)
            | EngineError::Read { .. }
            | EngineError::FileTooLarge { .. }),
        ) => Analysed::Failed(e.to_string()),
        Err(e) => Analysed::Fatal(e),
    }
}

/// Articles committed per store transaction at most.
const BATCH_MAX: usize = 32;
/// How long the first article of a batch waits for others. Committing one transaction for
/// several articles halves the store's cost per article; an article waits at most this long,
/// and a crash meanwhile loses only work that was never reported committed.
const BATCH_WAIT: Duration = Duration::from_millis(100);

/// Waits for a first result, then takes more until the batch is full or has waited
/// [`BATCH_WAIT`]; None once every worker has finished and nothing is left.
pub(crate) fn gather<T>(rx: &mpsc::Receiver<T>) -> Option<Vec<T>> {
    let first = rx.recv().ok()?;
    let deadline = Instant::now() + BATCH_WAIT;
    let mut batch = vec![first];
    while batch.len() < BATCH_MAX {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(item) => batch.push(item),
            Err(_) => break,
        }
    }
    Some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_a_url_would_misread() {
        assert_eq!(
            url_for_path(Path::new("/a b/c#1?.html")),
            "file:///a%20b/c%231%3F.html"
        );
    }

    #[test]
    fn only_pages_are_collected_from_folders() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.htm.gz", "c.txt", "d.HTML"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/e.html"), "x").unwrap();
        let names: Vec<String> = collect_files(&[dir.path().to_path_buf()])
            .into_iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.html", "b.htm.gz", "d.HTML", "e.html"]);
    }

    /// A page per `i`, with words of its own (no two are near copies).
    fn page_html(i: usize) -> String {
        let words: String = (0..150)
            .map(|w| format!("t{i}w{} ", (w * 37 + i * 11) % 1009))
            .collect();
        format!(
            "<!doctype html><html lang=\"en\"><head><title>Council report {i}</title></head>\
             <body><main><article><h1>Council report {i}</h1>\
             <p>The city council met on Tuesday to discuss item {i} of the budget, and Mayor \
             Ana Kovač said the plan would be published next week.</p><p>{words}</p>\
             </article></main></body></html>"
        )
    }

    #[test]
    fn copies_in_one_run_are_stored_once_however_commits_are_batched() {
        let pages = tempfile::tempdir().unwrap();
        for i in 0..40 {
            let name = pages.path().join(format!("p{i:02}.html"));
            std::fs::write(name, page_html(i % 10)).unwrap();
        }
        let data = tempfile::tempdir().unwrap();
        let k = Kronika::open(data.path()).unwrap();
        let r = ingest_paths(&k, &[pages.path().to_path_buf()], None, 3, &|_, _| {}).unwrap();
        assert_eq!((r.new, r.duplicates, r.failed.len()), (10, 30, 0));
        let store = k.store().unwrap();
        assert_eq!(store.article_count().unwrap(), 10);
        assert_eq!(store.max_seq().unwrap(), 10);
        drop(store);
        assert_eq!(k.search("council", 100, 0).unwrap().total, 10);
    }
}
