//! [`Kronika`]: one data directory's store and index, and the per-page pipeline.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
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
/// spelling and script of a name (Đukanović, Djukanovic, Dukanovic, Ђукановић) is equal.
pub fn name_key(name: &str) -> String {
    analyse::names::match_key(name)
}

struct Pending {
    docs: usize,
    since: Option<Instant>,
}

pub struct Kronika {
    store: Mutex<Box<dyn Store>>,
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
        let k = Self::with(Box::new(store), index, Some(data_dir.to_path_buf()));
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
            index,
            pending: Mutex::new(Pending {
                docs: 0,
                since: None,
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
    pub fn has_url(&self, url: &str) -> Result<bool> {
        Ok(self.store()?.has_url(url)?)
    }

    /// Extract → analyse → store (one transaction) → index.
    pub fn process_page(&self, page: PageInput<'_>) -> Result<Outcome> {
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
        let analysed = analyse::enrich(article);
        let (article, analysis) = (&analysed.article, &analysed.analysis);

        let mut store = self.store()?;
        let committed = store.commit_article(
            &Page {
                url: page.url,
                bytes: page.bytes,
                content_type: page.content_type,
                source_id: page.source_id,
                fetched_at: 0,
            },
            article,
            analysis,
        )?;
        if committed.changed() {
            let source_name = match page.source_id {
                Some(id) => store.source(id)?.map(|s| s.name),
                None => None,
            };
            let mut doc = IndexDoc::from_analysed(
                committed.id as u64,
                article,
                analysis,
                source_name.as_deref(),
                &name_key,
            );
            doc.copy_of = committed.duplicate_of.map(|c| c as u64);
            // Under the store lock: every article the store holds up to its current seq is in
            // the writer before any commit records that seq.
            self.index.upsert(&doc)?;
            self.note_indexed(&**store)?;
        }
        drop(store);
        Ok(Outcome {
            id: committed.id,
            status: committed.status,
            duplicate_of: committed.duplicate_of,
            title: article.title.clone(),
            people: analysis.people.len(),
            quotes: analysis.quotes.len(),
        })
    }

    fn note_indexed(&self, store: &dyn Store) -> Result<()> {
        let mut p = self.pending.lock().map_err(|_| EngineError::Poisoned)?;
        p.docs += 1;
        let since = *p.since.get_or_insert_with(Instant::now);
        if p.docs >= COMMIT_EVERY_DOCS || since.elapsed() >= COMMIT_EVERY {
            self.index.commit(store.max_seq()?)?;
            p.docs = 0;
            p.since = None;
        }
        Ok(())
    }

    /// Commits the index: everything stored so far becomes searchable.
    pub fn flush(&self) -> Result<()> {
        let store = self.store()?;
        let mut p = self.pending.lock().map_err(|_| EngineError::Poisoned)?;
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
                batch
                    .into_iter()
                    .map(|a| {
                        let name = a.source_id.and_then(|id| names.get(&id).cloned());
                        (a, name)
                    })
                    .collect::<Vec<_>>()
            };
            let Some(last) = batch.last() else { break };
            after = last.0.seq;
            for (a, source_name) in &batch {
                let mut doc = IndexDoc::from_analysed(
                    a.id as u64,
                    &a.article,
                    &a.analysis,
                    source_name.as_deref(),
                    &name_key,
                );
                doc.copy_of = a.copy_of.map(|c| c as u64);
                self.index.upsert(&doc)?;
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

fn read_page(path: &Path) -> Result<Vec<u8>> {
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
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(read_err)?;
        if out.len() as u64 > MAX_FILE_BYTES {
            return Err(EngineError::FileTooLarge {
                path: path.to_path_buf(),
                size: out.len() as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        return Ok(out);
    }
    Ok(raw)
}

/// Ingests local HTML files and folders of them (`.html`, `.htm`, also gzipped), each page
/// under its `file://` address, on `threads` workers. Pages already stored under their address
/// are skipped unread, so a rerun after a crash resumes where the last one stopped. A failing
/// file is counted and reported, never fatal.
pub fn ingest_paths(
    k: &Kronika,
    paths: &[PathBuf],
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport> {
    let files = collect_files(paths);
    let total = files.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let report = Mutex::new(IngestReport {
        files: total,
        ..Default::default()
    });
    let fatal: Mutex<Option<EngineError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, walk_error)) = files.get(i) else {
                        break;
                    };
                    let result = match walk_error {
                        Some(e) => Err(IngestFileError::Item(e.clone())),
                        None => ingest_file(k, path),
                    };
                    let mut r = match report.lock() {
                        Ok(r) => r,
                        Err(_) => break,
                    };
                    match result {
                        Ok(Some(status)) => r.count(status),
                        Ok(None) => r.known += 1,
                        Err(IngestFileError::Fatal(e)) => {
                            if let Ok(mut f) = fatal.lock() {
                                f.get_or_insert(e);
                            }
                            next.store(usize::MAX / 2, Ordering::Relaxed);
                        }
                        Err(IngestFileError::Item(msg)) => r.failed.push((path.clone(), msg)),
                    }
                    drop(r);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                }
            });
        }
    });
    if let Some(e) = fatal.into_inner().map_err(|_| EngineError::Poisoned)? {
        return Err(e);
    }
    k.flush()?;
    report.into_inner().map_err(|_| EngineError::Poisoned)
}

enum IngestFileError {
    /// This file only: counted, the run goes on.
    Item(String),
    /// The store or index failed: stop.
    Fatal(EngineError),
}

fn ingest_file(k: &Kronika, path: &Path) -> Result<Option<CommitStatus>, IngestFileError> {
    let url = file_url(path);
    if k.has_url(&url).map_err(IngestFileError::Fatal)? {
        return Ok(None);
    }
    let bytes = read_page(path).map_err(|e| IngestFileError::Item(e.to_string()))?;
    match k.process_page(PageInput {
        bytes: &bytes,
        url: &url,
        content_type: None,
        source_id: None,
    }) {
        Ok(o) => Ok(Some(o.status)),
        Err(
            e @ (EngineError::Extract(_)
            | EngineError::Read { .. }
            | EngineError::FileTooLarge { .. }),
        ) => Err(IngestFileError::Item(e.to_string())),
        Err(e) => Err(IngestFileError::Fatal(e)),
    }
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
}
