//! The ingest driver: sources → fetch → pipeline.
//!
//! A source is a feed, a sitemap (or sitemap index), a single URL, a local file or folder, or a
//! WARC archive. [`Ingest::run`] makes one pass over some sources; [`watch::watch`] polls every
//! registered source on its own schedule until stopped.
//!
//! Network sources run concurrently: listings and pages are fetched by tasks (the fetcher keeps
//! each host to one request at a time, spaced by its delay), while the driver itself takes each
//! fetched page through the pipeline and writes the fetch log. A failing item never stops the
//! pass: it is counted and reported per source. Only a store or index failure is fatal, since
//! nothing after it could be kept.

mod local;
pub mod progress;
pub mod watch;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use fetch::{FetchConfig, FetchError, Fetched, Fetcher, Validators, feed, sitemap};
use serde::Serialize;
use store::{CommitStatus, FetchRecord, SourceId};
use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::{EngineError, Kronika, PageInput};
pub use progress::{LogProgress, Progress};

/// The kinds of source, as stored in `sources.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Feed,
    Sitemap,
    /// A URL whose response decides: a sitemap, a feed, or else a page.
    Url,
    /// A local file or a folder of pages.
    Path,
    Warc,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Url => "url",
            SourceKind::Path => "path",
            SourceKind::Warc => "warc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "feed" | "rss" | "atom" => SourceKind::Feed,
            "sitemap" => SourceKind::Sitemap,
            "url" | "page" | "auto" => SourceKind::Url,
            "path" | "file" | "folder" => SourceKind::Path,
            "warc" => SourceKind::Warc,
            _ => return None,
        })
    }

    /// A first guess from the location alone. Network guesses are only hints: a `Url` source is
    /// sniffed after fetching, so a wrong guess costs nothing.
    pub fn guess(location: &str) -> Self {
        let lower = location.trim().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            if lower.contains("sitemap") {
                SourceKind::Sitemap
            } else {
                SourceKind::Url
            }
        } else if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
            SourceKind::Warc
        } else {
            SourceKind::Path
        }
    }
}

/// One thing to ingest: a registered source or a location given on the command line.
#[derive(Debug, Clone)]
pub struct SourceSpec {
    pub source_id: Option<SourceId>,
    /// For reports: the source's name, or the location itself.
    pub name: String,
    pub kind: SourceKind,
    pub location: String,
}

impl SourceSpec {
    pub fn from_source(s: &store::Source) -> Self {
        Self {
            source_id: Some(s.id),
            name: s.name.clone(),
            kind: SourceKind::parse(&s.kind).unwrap_or(SourceKind::guess(&s.location)),
            location: s.location.clone(),
        }
    }

    pub fn adhoc(location: &str) -> Self {
        Self {
            source_id: None,
            name: location.to_owned(),
            kind: SourceKind::guess(location),
            location: location.to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub fetch: FetchConfig,
    /// Fetches in flight across all hosts (each host still gets one at a time).
    pub max_in_flight: usize,
    /// Worker threads for local files and WARC records.
    pub threads: usize,
    /// Entries taken from one feed or sitemap (the sitemap protocol's own maximum by default).
    pub max_items_per_listing: usize,
    /// How deep sitemap indexes may nest.
    pub max_sitemap_depth: u8,
    /// Errors kept per source for the report (all are counted).
    pub max_errors_kept: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            fetch: FetchConfig::default(),
            max_in_flight: 16,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_items_per_listing: 50_000,
            max_sitemap_depth: 3,
            max_errors_kept: 50,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The store or the index failed; the pass stopped.
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("cannot set up fetching: {0}")]
    Fetch(#[from] FetchError),
}

/// What one pass did for one source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceReport {
    pub name: String,
    pub kind: Option<SourceKind>,
    /// Feed entries or sitemap URLs offered (or files / WARC responses found).
    pub listed: u64,
    /// Offered, but already stored under that address: not fetched again.
    pub known: u64,
    /// Pages fetched (listings not counted) or read from an archive.
    pub fetched: u64,
    /// 304 answers to a conditional GET.
    pub not_modified: u64,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    pub near_copies: u64,
    /// Items skipped on purpose (non-HTML WARC records, non-2xx captures).
    pub skipped: u64,
    pub failed: u64,
    /// The source itself (its listing) could not be read.
    pub source_error: Option<String>,
    /// Up to `max_errors_kept` failures: (item, error).
    pub errors: Vec<(String, String)>,
}

impl SourceReport {
    fn new(spec: &SourceSpec) -> Self {
        Self {
            name: spec.name.clone(),
            kind: Some(spec.kind),
            ..Default::default()
        }
    }

    fn count(&mut self, status: CommitStatus) {
        match status {
            CommitStatus::New => self.new += 1,
            CommitStatus::Updated => self.updated += 1,
            CommitStatus::Unchanged => self.unchanged += 1,
            CommitStatus::Duplicate => self.duplicates += 1,
            CommitStatus::NearCopy => self.near_copies += 1,
        }
    }

    fn fail(&mut self, item: &str, err: &dyn std::fmt::Display, keep: usize) {
        self.failed += 1;
        if self.errors.len() < keep {
            self.errors.push((item.to_owned(), err.to_string()));
        }
    }

    /// Articles stored or refreshed by this pass.
    pub fn stored(&self) -> u64 {
        self.new + self.updated + self.near_copies
    }

    fn absorb(&mut self, other: &SourceReport) {
        self.listed += other.listed;
        self.known += other.known;
        self.fetched += other.fetched;
        self.not_modified += other.not_modified;
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.duplicates += other.duplicates;
        self.near_copies += other.near_copies;
        self.skipped += other.skipped;
        self.failed += other.failed;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    pub sources: Vec<SourceReport>,
    /// Stopped before the end (Ctrl-C).
    pub interrupted: bool,
    pub seconds: f64,
}

impl IngestSummary {
    pub fn totals(&self) -> SourceReport {
        let mut t = SourceReport {
            name: "total".into(),
            ..Default::default()
        };
        for s in &self.sources {
            t.absorb(s);
            if s.source_error.is_some() {
                t.failed += 1;
            }
        }
        t
    }
}

/// A stop request shared by the driver and whoever listens for Ctrl-C.
#[derive(Clone, Default)]
pub struct Stop {
    flag: Arc<AtomicBool>,
    notify: Arc<Notify>,
}

impl Stop {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    pub fn is_stopped(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Resolves once `stop` has been called (immediately if it already was).
    pub async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_stopped() {
                return;
            }
            notified.await;
        }
    }
}

/// One pass over sources, with a shared fetcher (and so shared politeness and robots cache).
pub struct Ingest<'k> {
    k: &'k Kronika,
    fetcher: Fetcher,
    options: IngestOptions,
    progress: Arc<dyn Progress>,
    stop: Stop,
    /// Pages of a registered source that failed for a passing reason (timeout, 5xx, 429),
    /// with the attempts so far. A listing answering 304 would never offer them again, so the
    /// next pass over the source (in `watch`) retries them itself.
    retry: std::sync::Mutex<Retry>,
}

#[derive(Default)]
struct Retry {
    pending: std::collections::HashMap<SourceId, Vec<String>>,
    /// Failed attempts per page address (kept for the life of the `Ingest`).
    attempts: std::collections::HashMap<String, u32>,
}

/// Attempts at a page that keeps failing for a passing reason before it is given up.
const MAX_ATTEMPTS: u32 = 4;
/// Pages remembered for retry per source.
const MAX_RETRY_PER_SOURCE: usize = 1_000;

/// A fetch task's job and what the fetch gave.
type Fetch = (Job, Result<Fetched, FetchError>);

/// What a fetch task was for.
#[derive(Debug, Clone)]
enum Job {
    /// A feed, sitemap or sniffed URL; `depth` counts sitemap-index levels.
    Listing {
        source: usize,
        url: String,
        kind: SourceKind,
        depth: u8,
        validators: Option<Validators>,
    },
    Page {
        source: usize,
        url: String,
        validators: Option<Validators>,
        /// The feed's or sitemap's date for the page, as written there.
        listed_date: Option<String>,
    },
}

impl Job {
    fn source(&self) -> usize {
        match self {
            Job::Listing { source, .. } | Job::Page { source, .. } => *source,
        }
    }
}

impl<'k> Ingest<'k> {
    pub fn new(
        k: &'k Kronika,
        options: IngestOptions,
        progress: Arc<dyn Progress>,
        stop: Stop,
    ) -> Result<Self, IngestError> {
        let fetcher = Fetcher::new(options.fetch.clone())?;
        Ok(Self {
            k,
            fetcher,
            options,
            progress,
            stop,
            retry: Default::default(),
        })
    }

    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// One pass over `specs`. Must run inside a multi-threaded tokio runtime: fetch tasks run on
    /// its workers while this future does the (blocking) pipeline work on its own thread.
    pub async fn run(&self, specs: &[SourceSpec]) -> Result<IngestSummary, IngestError> {
        let started = std::time::Instant::now();
        let mut reports: Vec<SourceReport> = specs.iter().map(SourceReport::new).collect();
        let mut interrupted = false;

        // Local sources first: they need no network and keep the workers busy.
        for (i, spec) in specs.iter().enumerate() {
            if self.stop.is_stopped() {
                interrupted = true;
                break;
            }
            match spec.kind {
                SourceKind::Path => {
                    let report = local::ingest_path(self, spec)?;
                    reports[i].absorb(&report);
                    reports[i].errors = report.errors;
                    // Archives inside a folder (a CC-NEWS download, say) are read as archives.
                    for archive in local::warc_files(std::path::Path::new(&spec.location)) {
                        let sub = SourceSpec {
                            location: archive.to_string_lossy().into_owned(),
                            kind: SourceKind::Warc,
                            ..spec.clone()
                        };
                        let mut part = SourceReport::new(&sub);
                        local::ingest_warc(self, &sub, &mut part)?;
                        reports[i].absorb(&part);
                        let room = self
                            .options
                            .max_errors_kept
                            .saturating_sub(reports[i].errors.len());
                        reports[i].errors.extend(part.errors.into_iter().take(room));
                        if let Some(e) = part.source_error {
                            reports[i].fail(&sub.location, &e, self.options.max_errors_kept);
                        }
                    }
                }
                SourceKind::Warc => local::ingest_warc(self, spec, &mut reports[i])?,
                _ => continue,
            }
            // A registered local source's read goes into the fetch log like a listing, so
            // health shows its last success and empty runs. Local reads have no HTTP status;
            // 200 stands for "read".
            if spec.source_id.is_some() {
                let r = &reports[i];
                self.record(FetchRecord {
                    source_id: spec.source_id,
                    url: spec.location.clone(),
                    status: r.source_error.is_none().then_some(200),
                    error: r.source_error.clone(),
                    items: Some(u32::try_from(r.listed).unwrap_or(u32::MAX)),
                    new_items: Some(u32::try_from(r.new + r.near_copies).unwrap_or(u32::MAX)),
                    ..Default::default()
                })?;
            }
        }

        let mut queues: Vec<VecDeque<Job>> = vec![VecDeque::new(); specs.len()];
        for (i, spec) in specs.iter().enumerate() {
            if matches!(spec.kind, SourceKind::Path | SourceKind::Warc) {
                continue;
            }
            let validators = self.validators(&spec.location)?;
            queues[i].push_back(Job::Listing {
                source: i,
                url: spec.location.clone(),
                kind: spec.kind,
                depth: 0,
                validators,
            });
            self.progress.add_total(1);
            for url in self.retries_for(spec.source_id) {
                if self.k.has_url(&url)? {
                    continue;
                }
                let validators = self.validators(&url)?;
                queues[i].push_back(Job::Page {
                    source: i,
                    url,
                    validators,
                    listed_date: None,
                });
                self.progress.add_total(1);
            }
        }
        if !interrupted {
            interrupted = self.drive(specs, &mut queues, &mut reports).await?;
        }
        self.k.flush()?;
        self.progress.finish();
        Ok(IngestSummary {
            sources: reports,
            interrupted,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Runs fetch jobs until every queue is empty; returns whether it was stopped early.
    async fn drive(
        &self,
        specs: &[SourceSpec],
        queues: &mut [VecDeque<Job>],
        reports: &mut [SourceReport],
    ) -> Result<bool, IngestError> {
        let mut tasks: JoinSet<Fetch> = JoinSet::new();
        let mut next_queue = 0usize;
        // A page offered twice in one pass (by two feeds, or by a feed and the retry list) is
        // fetched once.
        let mut spawned: std::collections::HashSet<String> = std::collections::HashSet::new();
        loop {
            // Refill round-robin across sources, so one big sitemap cannot starve the others.
            while tasks.len() < self.options.max_in_flight.max(1) {
                let Some(job) = take_round_robin(queues, &mut next_queue) else {
                    break;
                };
                if let Job::Page { url, .. } = &job
                    && !spawned.insert(url.clone())
                {
                    continue;
                }
                let fetcher = self.fetcher.clone();
                tasks.spawn(async move {
                    let (url, validators) = match &job {
                        Job::Listing {
                            url, validators, ..
                        }
                        | Job::Page {
                            url, validators, ..
                        } => (url.clone(), validators.clone()),
                    };
                    let result = fetcher.get(&url, validators).await;
                    (job, result)
                });
            }
            if tasks.is_empty() {
                return Ok(false);
            }
            let joined = tokio::select! {
                joined = tasks.join_next() => joined,
                () = self.stop.wait() => {
                    tasks.abort_all();
                    return Ok(true);
                }
            };
            // Every fetch that has finished by now joins this round, so that the pages among
            // them are extracted and analysed side by side on the worker threads.
            let mut ready: Vec<Fetch> = Vec::new();
            let mut next = joined;
            while let Some(joined) = next {
                match joined {
                    Ok(pair) => ready.push(pair),
                    // A fetch task panicked: the job is lost, but one item never ends the pass.
                    Err(e) => tracing::error!("fetch task failed: {e}"),
                }
                next = tasks.try_join_next();
            }
            let mut pages: Vec<Fetched> = Vec::new();
            let mut owners: Vec<(usize, Option<String>)> = Vec::new();
            for (job, result) in ready {
                let i = job.source();
                let spec = &specs[i];
                match job {
                    Job::Listing {
                        url, kind, depth, ..
                    } => {
                        let jobs =
                            self.listing(spec, i, &url, kind, depth, result, &mut reports[i])?;
                        self.progress.add_total(jobs.len() as u64);
                        queues[i].extend(jobs);
                    }
                    Job::Page {
                        url, listed_date, ..
                    } => {
                        if let Some(fetched) = self.page(spec, &url, result, &mut reports[i])? {
                            pages.push(fetched);
                            owners.push((i, listed_date));
                        }
                    }
                }
            }
            self.process(specs, &pages, &owners, reports)?;
        }
    }

    /// Takes the pages to retry for a source; they are remembered again if they fail again.
    fn retries_for(&self, source: Option<SourceId>) -> Vec<String> {
        let (Some(id), Ok(mut r)) = (source, self.retry.lock()) else {
            return Vec::new();
        };
        r.pending.remove(&id).unwrap_or_default()
    }

    fn remember_retry(&self, source: Option<SourceId>, url: &str) {
        let (Some(id), Ok(mut r)) = (source, self.retry.lock()) else {
            return;
        };
        let attempts = {
            let n = r.attempts.entry(url.to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let list = r.pending.entry(id).or_default();
        if attempts < MAX_ATTEMPTS && list.len() < MAX_RETRY_PER_SOURCE {
            list.push(url.to_owned());
        }
    }

    fn validators(&self, url: &str) -> Result<Option<Validators>, IngestError> {
        let v = self.k.store()?.validators(url).map_err(EngineError::from)?;
        Ok(v.map(|v| Validators {
            etag: v.etag,
            last_modified: v.last_modified,
        })
        .filter(|v| !v.is_empty()))
    }

    fn record(&self, rec: FetchRecord) -> Result<(), IngestError> {
        self.k
            .store()?
            .record_fetch(&rec)
            .map_err(EngineError::from)?;
        Ok(())
    }

    /// Handles a fetched listing; returns the page (and child sitemap) jobs it leads to.
    #[expect(
        clippy::too_many_arguments,
        reason = "one call site, all parts of one job"
    )]
    fn listing(
        &self,
        spec: &SourceSpec,
        i: usize,
        url: &str,
        kind: SourceKind,
        depth: u8,
        result: Result<Fetched, FetchError>,
        report: &mut SourceReport,
    ) -> Result<Vec<Job>, IngestError> {
        let keep = self.options.max_errors_kept;
        let fetched = match result {
            Ok(f) => f,
            Err(e) => {
                self.record(fetch_failure(spec.source_id, url, &e))?;
                self.progress.item("failed", url);
                if depth == 0 {
                    report.source_error = Some(e.to_string());
                } else {
                    report.fail(url, &e, keep);
                }
                return Ok(Vec::new());
            }
        };
        let mut rec = FetchRecord {
            source_id: spec.source_id,
            url: url.to_owned(),
            status: Some(fetched.status),
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
            items: Some(0),
            new_items: Some(0),
            ..Default::default()
        };
        if fetched.not_modified {
            report.not_modified += 1;
            self.record(rec)?;
            self.progress.item("not modified", url);
            return Ok(Vec::new());
        }
        let parsed = match kind {
            SourceKind::Feed => feed::parse(&fetched.bytes, Some(&fetched.final_url))
                .map(Listing::Feed)
                .map_err(|e| e.to_string()),
            SourceKind::Sitemap => sitemap::parse(&fetched.bytes)
                .map(Listing::Sitemap)
                .map_err(|e| e.to_string()),
            _ => Ok(sniff(&fetched)),
        };
        let listing = match parsed {
            Ok(l) => l,
            Err(e) => {
                rec.error = Some(e.clone());
                self.record(rec)?;
                self.progress.item("failed", url);
                if depth == 0 {
                    report.source_error = Some(e);
                } else {
                    report.fail(url, &e, keep);
                }
                return Ok(Vec::new());
            }
        };
        let mut jobs = Vec::new();
        // Each listed page with the date the listing gives it.
        let mut urls: Vec<(String, Option<String>)> = Vec::new();
        match listing {
            Listing::Page => {
                // The URL was a page: it is its own single item.
                report.fetched += 1;
                rec.items = None;
                rec.new_items = None;
                self.record(rec)?;
                self.process(
                    std::slice::from_ref(spec),
                    std::slice::from_ref(&fetched),
                    &[(0, None)],
                    std::slice::from_mut(report),
                )?;
                return Ok(Vec::new());
            }
            Listing::Feed(items) => urls.extend(items.into_iter().map(|it| (it.url, it.published))),
            Listing::Sitemap(map) => {
                // The protocol wants absolute locations; relative ones are resolved, not lost.
                let base = url::Url::parse(&fetched.final_url).ok();
                let resolve = |loc: String| match &base {
                    Some(b) => b.join(&loc).map(String::from).unwrap_or(loc),
                    None => loc,
                };
                if depth < self.options.max_sitemap_depth {
                    for child in map
                        .sitemaps
                        .into_iter()
                        .take(self.options.max_items_per_listing)
                        .map(resolve)
                    {
                        let validators = self.validators(&child)?;
                        jobs.push(Job::Listing {
                            source: i,
                            url: child,
                            kind: SourceKind::Sitemap,
                            depth: depth + 1,
                            validators,
                        });
                    }
                } else if !map.sitemaps.is_empty() {
                    report.fail(url, &"sitemap indexes nested too deep", keep);
                }
                // A news sitemap's publication date says when the article appeared; `lastmod`
                // may be a later edit.
                urls.extend(
                    map.urls
                        .into_iter()
                        .map(|u| (resolve(u.loc), u.published.or(u.lastmod))),
                );
            }
        }
        urls.truncate(self.options.max_items_per_listing);
        let offered = urls.len();
        let mut fresh = 0u32;
        for (item, listed_date) in urls {
            report.listed += 1;
            if self.k.has_url(&item)? {
                report.known += 1;
                continue;
            }
            fresh += 1;
            let validators = self.validators(&item)?;
            jobs.push(Job::Page {
                source: i,
                url: item,
                validators,
                listed_date,
            });
        }
        rec.items = Some(u32::try_from(offered).unwrap_or(u32::MAX));
        rec.new_items = Some(fresh);
        self.record(rec)?;
        self.progress.item("listing", url);
        Ok(jobs)
    }

    /// Records a page's fetch; the page, when there is one to process.
    fn page(
        &self,
        spec: &SourceSpec,
        url: &str,
        result: Result<Fetched, FetchError>,
        report: &mut SourceReport,
    ) -> Result<Option<Fetched>, IngestError> {
        let fetched = match result {
            Ok(f) => f,
            Err(e) => {
                self.record(fetch_failure(spec.source_id, url, &e))?;
                report.fail(url, &e, self.options.max_errors_kept);
                self.progress.item("failed", url);
                if e.is_transient() {
                    self.remember_retry(spec.source_id, url);
                }
                return Ok(None);
            }
        };
        self.record(FetchRecord {
            source_id: spec.source_id,
            url: url.to_owned(),
            status: Some(fetched.status),
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
            ..Default::default()
        })?;
        if fetched.not_modified {
            report.not_modified += 1;
            self.progress.item("not modified", url);
            return Ok(None);
        }
        report.fetched += 1;
        Ok(Some(fetched))
    }

    /// Pipelines fetched pages: extraction and analysis on up to `threads` workers at once,
    /// then one commit for all of them, in the order given. `owners[n]` is page n's source (an
    /// index into `specs` and `reports`) and listed date. Extraction failures are the item's;
    /// anything else is fatal.
    fn process(
        &self,
        specs: &[SourceSpec],
        pages: &[Fetched],
        owners: &[(usize, Option<String>)],
        reports: &mut [SourceReport],
    ) -> Result<(), IngestError> {
        if pages.is_empty() {
            return Ok(());
        }
        let analyse = |n: usize| {
            let (i, listed_date) = &owners[n];
            let fetched = &pages[n];
            self.k.analyse_page(PageInput {
                bytes: &fetched.bytes,
                url: &fetched.final_url,
                content_type: fetched.content_type.as_deref(),
                source_id: specs[*i].source_id,
                listed_date: listed_date.as_deref(),
            })
        };
        let workers = self.options.threads.clamp(1, pages.len());
        let mut analysed: Vec<Option<Result<store::Prepared, EngineError>>> =
            (0..pages.len()).map(|_| None).collect();
        if workers == 1 {
            for (n, slot) in analysed.iter_mut().enumerate() {
                *slot = Some(analyse(n));
            }
        } else {
            let next = std::sync::atomic::AtomicUsize::new(0);
            let done: Vec<Vec<(usize, Result<store::Prepared, EngineError>)>> =
                std::thread::scope(|scope| {
                    let handles: Vec<_> = (0..workers)
                        .map(|_| {
                            scope.spawn(|| {
                                let mut mine = Vec::new();
                                loop {
                                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                    if n >= pages.len() {
                                        break mine;
                                    }
                                    mine.push((n, analyse(n)));
                                }
                            })
                        })
                        .collect();
                    // A worker that panicked loses its pages: they stay `None` below and are
                    // reported as failed items.
                    handles.into_iter().filter_map(|h| h.join().ok()).collect()
                });
            for (n, r) in done.into_iter().flatten() {
                analysed[n] = Some(r);
            }
        }
        let mut batch = Vec::new();
        let mut batch_pages = Vec::new();
        for (n, r) in analysed.into_iter().enumerate() {
            let (i, _) = owners[n];
            let url = &pages[n].final_url;
            match r {
                Some(Ok(p)) => {
                    batch.push(p);
                    batch_pages.push(n);
                }
                Some(Err(e)) if is_item_error(&e) => {
                    reports[i].fail(url, &e, self.options.max_errors_kept);
                    self.progress.item("failed", url);
                }
                Some(Err(e)) => return Err(e.into()),
                None => {
                    reports[i].fail(url, &"analysis failed", self.options.max_errors_kept);
                    self.progress.item("failed", url);
                }
            }
        }
        let outcomes = self.k.commit_pages(batch)?;
        for (n, o) in batch_pages.into_iter().zip(outcomes) {
            let (i, _) = owners[n];
            reports[i].count(o.status);
            self.progress
                .item(status_word(o.status), &pages[n].final_url);
        }
        Ok(())
    }
}

enum Listing {
    Feed(Vec<feed::FeedItem>),
    Sitemap(sitemap::Sitemap),
    Page,
}

/// What a URL of unknown kind turned out to be. Sitemaps are tried first (their root element
/// decides quickly); a feed must parse and list something; anything else is a page.
fn sniff(fetched: &Fetched) -> Listing {
    let ct = fetched
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.contains("html") {
        return Listing::Page;
    }
    if let Ok(map) = sitemap::parse(&fetched.bytes) {
        return Listing::Sitemap(map);
    }
    match feed::parse(&fetched.bytes, Some(&fetched.final_url)) {
        Ok(items) if !items.is_empty() => Listing::Feed(items),
        _ => Listing::Page,
    }
}

fn take_round_robin(queues: &mut [VecDeque<Job>], next: &mut usize) -> Option<Job> {
    let n = queues.len();
    for k in 0..n {
        let i = (*next + k) % n;
        if let Some(job) = queues[i].pop_front() {
            *next = (i + 1) % n;
            return Some(job);
        }
    }
    None
}

fn fetch_failure(source_id: Option<SourceId>, url: &str, e: &FetchError) -> FetchRecord {
    FetchRecord {
        source_id,
        url: url.to_owned(),
        status: match e {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
        },
        error: Some(e.to_string()),
        ..Default::default()
    }
}

/// Errors that belong to one page rather than to the store or index.
pub(crate) fn is_item_error(e: &EngineError) -> bool {
    matches!(
        e,
        EngineError::Extract(_) | EngineError::Read { .. } | EngineError::FileTooLarge { .. }
    )
}

pub(crate) fn status_word(s: CommitStatus) -> &'static str {
    match s {
        CommitStatus::New => "new",
        CommitStatus::Updated => "updated",
        CommitStatus::Unchanged => "unchanged",
        CommitStatus::Duplicate => "duplicate",
        CommitStatus::NearCopy => "near copy",
    }
}

/// A local path given on the command line becomes a `Path` or `Warc` spec, anything with a
/// scheme a network one.
pub fn spec_for(location: &str) -> SourceSpec {
    let mut spec = SourceSpec::adhoc(location);
    if spec.kind == SourceKind::Path && PathBuf::from(location).is_file() {
        let lower = location.to_ascii_lowercase();
        if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
            spec.kind = SourceKind::Warc;
        }
    }
    spec
}

#[cfg(test)]
mod tests;
