//! How a long ingest shows that it is alive: the CLI draws a bar on a terminal; everywhere else
//! [`LogProgress`] writes a tracing line every so often.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Called from the driver and from worker threads.
pub trait Progress: Send + Sync {
    /// More items became known (a listing was read, a folder walked).
    fn add_total(&self, _n: u64) {}
    /// One item finished; `outcome` is a short word: new, unchanged, duplicate, failed, …
    fn item(&self, _outcome: &str, _what: &str) {}
    fn finish(&self) {}
}

/// No output at all (tests, library callers).
pub struct Quiet;

impl Progress for Quiet {}

/// A tracing `info` line at most every `every`, with counts and rate; failures at `warn`.
pub struct LogProgress {
    every: Duration,
    state: Mutex<LogState>,
}

struct LogState {
    started: Instant,
    last: Instant,
    total: u64,
    done: u64,
    failed: u64,
}

impl LogProgress {
    pub fn new(every: Duration) -> Self {
        let now = Instant::now();
        Self {
            every,
            state: Mutex::new(LogState {
                started: now,
                last: now,
                total: 0,
                done: 0,
                failed: 0,
            }),
        }
    }
}

impl Default for LogProgress {
    fn default() -> Self {
        Self::new(Duration::from_secs(10))
    }
}

impl Progress for LogProgress {
    fn add_total(&self, n: u64) {
        if let Ok(mut s) = self.state.lock() {
            s.total += n;
        }
    }

    fn item(&self, outcome: &str, what: &str) {
        let Ok(mut s) = self.state.lock() else { return };
        s.done += 1;
        if outcome == "failed" {
            s.failed += 1;
            tracing::warn!(item = what, "ingest item failed");
        } else {
            tracing::debug!(item = what, outcome, "ingested");
        }
        if s.last.elapsed() >= self.every {
            s.last = Instant::now();
            let secs = s.started.elapsed().as_secs_f64().max(1e-3);
            tracing::info!(
                done = s.done,
                known_total = s.total,
                failed = s.failed,
                per_second = format!("{:.1}", s.done as f64 / secs),
                "ingest progress"
            );
        }
    }

    fn finish(&self) {
        if let Ok(s) = self.state.lock() {
            let secs = s.started.elapsed().as_secs_f64().max(1e-3);
            tracing::info!(
                done = s.done,
                failed = s.failed,
                per_second = format!("{:.1}", s.done as f64 / secs),
                "ingest finished"
            );
        }
    }
}
