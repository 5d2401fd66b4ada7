//! Local sources: files and folders (through the pipeline's own parallel file ingest) and WARC
//! archives, read as a stream and processed on worker threads.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use fetch::warc;

use super::{Ingest, IngestError, SourceReport, SourceSpec, is_item_error, status_word};
use crate::{EngineError, PageInput};

pub fn ingest_path(ing: &Ingest<'_>, spec: &SourceSpec) -> Result<SourceReport, IngestError> {
    let progress = ing.progress.clone();
    let announced = std::sync::atomic::AtomicBool::new(false);
    let tick = |_done: usize, total: usize| {
        if !announced.swap(true, std::sync::atomic::Ordering::Relaxed) {
            progress.add_total(total as u64);
        }
        progress.item("file", "");
    };
    let paths = [std::path::PathBuf::from(&spec.location)];
    let r = crate::ingest_paths(ing.k, &paths, spec.source_id, ing.options.threads, &tick)?;
    let mut out = SourceReport::new(spec);
    out.listed = r.files as u64;
    out.known = r.known as u64;
    out.fetched = (r.files - r.known) as u64;
    out.new = r.new as u64;
    out.updated = r.updated as u64;
    out.unchanged = r.unchanged as u64;
    out.duplicates = r.duplicates as u64;
    out.near_copies = r.near_copies as u64;
    out.failed = r.failed.len() as u64;
    out.errors = r
        .failed
        .into_iter()
        .take(ing.options.max_errors_kept)
        .map(|(p, e)| (p.display().to_string(), e))
        .collect();
    Ok(out)
}

/// `.warc` and `.warc.gz` files under a folder, walked iteratively, sorted; none for a file.
pub fn warc_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if !root.is_dir() {
        return out;
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in rd.flatten() {
            let p = entry.path();
            let name = p.to_string_lossy().to_ascii_lowercase();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".warc") || name.ends_with(".warc.gz") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Content types worth extracting from an archive; captures without one are tried too.
fn is_html(ct: Option<&str>) -> bool {
    ct.is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.contains("text/html") || ct.contains("application/xhtml")
    })
}

pub fn ingest_warc(
    ing: &Ingest<'_>,
    spec: &SourceSpec,
    report: &mut SourceReport,
) -> Result<(), IngestError> {
    let keep = ing.options.max_errors_kept;
    let file = match std::fs::File::open(&spec.location) {
        Ok(f) => f,
        Err(e) => {
            report.source_error = Some(format!("cannot open {}: {e}", spec.location));
            return Ok(());
        }
    };
    let reader = match warc::Reader::new(file) {
        Ok(r) => r,
        Err(e) => {
            report.source_error = Some(format!("cannot read {}: {e}", spec.location));
            return Ok(());
        }
    };
    let shared = Mutex::new(std::mem::take(report));
    let fatal: Mutex<Option<EngineError>> = Mutex::new(None);
    let (tx, rx) = mpsc::sync_channel::<warc::WarcResponse>(ing.options.threads.max(1) * 4);
    let rx = Arc::new(Mutex::new(rx));
    // Workers extract and analyse; one writer commits their results in batches.
    let (done_tx, done_rx) = mpsc::sync_channel::<(String, Result<store::Prepared, EngineError>)>(
        ing.options.threads.max(1) * 2,
    );
    std::thread::scope(|scope| {
        for _ in 0..ing.options.threads.max(1) {
            let rx = rx.clone();
            let done_tx = done_tx.clone();
            let fatal = &fatal;
            scope.spawn(move || {
                // One worker waits on the channel at a time; the lock is released on receipt.
                let recv = || rx.lock().ok().and_then(|r| r.recv().ok());
                while let Some(record) = recv() {
                    if fatal.lock().map_or(true, |f| f.is_some()) {
                        break;
                    }
                    let result = ing.k.analyse_page(PageInput {
                        bytes: &record.body,
                        url: &record.target_uri,
                        content_type: record.content_type.as_deref(),
                        source_id: spec.source_id,
                        listed_date: None,
                    });
                    if done_tx.send((record.target_uri, result)).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold the queue now: should they all stop, the reader's next send
        // fails instead of waiting forever.
        drop(rx);
        drop(done_tx);
        let shared = &shared;
        let fatal = &fatal;
        scope.spawn(move || {
            let fail = |e: EngineError| {
                if let Ok(mut f) = fatal.lock() {
                    f.get_or_insert(e);
                }
            };
            while let Some(batch) = crate::pipeline::gather(&done_rx) {
                let mut ready = Vec::new();
                let mut uris = Vec::new();
                for (uri, result) in batch {
                    match result {
                        Ok(p) => {
                            uris.push(uri);
                            ready.push(p);
                        }
                        Err(e) if is_item_error(&e) => {
                            let Ok(mut r) = shared.lock() else { return };
                            r.fail(&uri, &e, keep);
                            ing.progress.item("failed", &uri);
                        }
                        Err(e) => return fail(e),
                    }
                }
                match ing.k.commit_pages(ready) {
                    Ok(outcomes) => {
                        let Ok(mut r) = shared.lock() else { return };
                        for (uri, o) in uris.iter().zip(outcomes) {
                            r.count(o.status);
                            ing.progress.item(status_word(o.status), uri);
                        }
                    }
                    Err(e) => return fail(e),
                }
            }
        });
        // The reader runs here; records are handed over as they are parsed, so memory stays
        // bounded by the channel whatever the archive's size.
        for item in reader {
            let failed = fatal.lock().map_or(true, |f| f.is_some());
            if ing.stop.is_stopped() || failed {
                break;
            }
            let Ok(mut r) = shared.lock() else { break };
            match item {
                Ok(rec) => {
                    r.listed += 1;
                    ing.progress.add_total(1);
                    if !rec.http_status.is_none_or(|s| (200..300).contains(&s))
                        || !is_html(rec.content_type.as_deref())
                    {
                        r.skipped += 1;
                        continue;
                    }
                    match ing.k.has_url(&rec.target_uri) {
                        Ok(true) => {
                            r.known += 1;
                            continue;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            if let Ok(mut f) = fatal.lock() {
                                f.get_or_insert(e);
                            }
                            break;
                        }
                    }
                    r.fetched += 1;
                    drop(r);
                    if tx.send(rec).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    let fatal_read = e.is_fatal();
                    r.fail(&spec.location, &e, keep);
                    if fatal_read {
                        break;
                    }
                }
            }
        }
        drop(tx);
    });
    *report = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = fatal.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e.into());
    }
    Ok(())
}
