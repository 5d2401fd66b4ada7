//! `kronika watch`: every enabled source polled on its own schedule until stopped.
//!
//! Sources are re-read from the store each round, so `source add|remove` take effect without a
//! restart. A source whose listing fails waits twice as long after each failure in a row (capped),
//! and goes back to its own interval after a success. Stopping (Ctrl-C) interrupts the current
//! pass between items; everything committed so far stays committed.

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;
use store::SourceId;
use tokio::time::Instant;

use super::{Ingest, IngestError, IngestSummary, SourceKind, SourceSpec};

#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Interval for sources without their own, by kind.
    pub feed_interval: Duration,
    pub sitemap_interval: Duration,
    pub other_interval: Duration,
    /// Ceiling on the backoff after repeated failures.
    pub max_backoff: Duration,
    /// How often the source list is re-read even when nothing is due.
    pub rescan: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self {
            feed_interval: Duration::from_secs(15 * 60),
            sitemap_interval: Duration::from_secs(60 * 60),
            other_interval: Duration::from_secs(6 * 60 * 60),
            max_backoff: Duration::from_secs(24 * 60 * 60),
            rescan: Duration::from_secs(60),
        }
    }
}

impl WatchOptions {
    fn interval(&self, source: &store::Source) -> Duration {
        if let Some(secs) = source.interval_secs.filter(|s| *s > 0) {
            return Duration::from_secs(secs as u64);
        }
        match SourceKind::parse(&source.kind) {
            Some(SourceKind::Feed | SourceKind::Url) => self.feed_interval,
            Some(SourceKind::Sitemap) => self.sitemap_interval,
            _ => self.other_interval,
        }
    }

    /// The wait after `failures` failures in a row: interval × 2^failures, capped.
    pub fn backoff(&self, interval: Duration, failures: u32) -> Duration {
        let factor = 1u32.checked_shl(failures.min(16)).unwrap_or(u32::MAX);
        interval
            .saturating_mul(factor)
            .min(self.max_backoff.max(interval))
    }
}

#[derive(Debug, Clone, Copy)]
struct Schedule {
    due: Instant,
    failures: u32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct WatchSummary {
    pub rounds: u64,
    pub passes: Vec<IngestSummary>,
}

/// Polls until `ing`'s stop signal fires. Keeps at most the last `keep_passes` pass summaries.
pub async fn watch(
    ing: &Ingest<'_>,
    options: &WatchOptions,
    keep_passes: usize,
) -> Result<WatchSummary, IngestError> {
    let mut schedule: HashMap<SourceId, Schedule> = HashMap::new();
    let mut summary = WatchSummary::default();
    while !ing.stop.is_stopped() {
        let sources: Vec<store::Source> = ing
            .k
            .store()?
            .sources()
            .map_err(crate::EngineError::from)?
            .into_iter()
            .filter(|s| s.enabled)
            .collect();
        schedule.retain(|id, _| sources.iter().any(|s| s.id == *id));
        let now = Instant::now();
        let due: Vec<&store::Source> = sources
            .iter()
            .filter(|s| schedule.get(&s.id).is_none_or(|sch| sch.due <= now))
            .collect();
        if !due.is_empty() {
            let specs: Vec<SourceSpec> = due.iter().map(|s| SourceSpec::from_source(s)).collect();
            tracing::info!(sources = specs.len(), "watch: polling");
            let pass = ing.run(&specs).await?;
            summary.rounds += 1;
            let finished = Instant::now();
            for (src, report) in due.iter().zip(&pass.sources) {
                let interval = options.interval(src);
                let entry = schedule.entry(src.id).or_insert(Schedule {
                    due: finished,
                    failures: 0,
                });
                if pass.interrupted {
                    continue;
                }
                if let Some(err) = &report.source_error {
                    entry.failures += 1;
                    let wait = options.backoff(interval, entry.failures);
                    tracing::warn!(
                        source = src.name,
                        failures = entry.failures,
                        retry_in_secs = wait.as_secs(),
                        "watch: source failed: {err}"
                    );
                    entry.due = finished + wait;
                } else {
                    entry.failures = 0;
                    entry.due = finished + interval;
                }
            }
            summary.passes.push(pass);
            if summary.passes.len() > keep_passes {
                summary.passes.remove(0);
            }
        }
        let next_due = schedule
            .values()
            .map(|s| s.due)
            .min()
            .unwrap_or_else(|| Instant::now() + options.rescan);
        let wake = next_due.min(Instant::now() + options.rescan);
        tokio::select! {
            () = tokio::time::sleep_until(wake) => {}
            () = ing.stop.wait() => break,
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_per_failure_up_to_the_cap() {
        let o = WatchOptions {
            max_backoff: Duration::from_secs(3600),
            ..WatchOptions::default()
        };
        let i = Duration::from_secs(600);
        assert_eq!(o.backoff(i, 1), Duration::from_secs(1200));
        assert_eq!(o.backoff(i, 2), Duration::from_secs(2400));
        assert_eq!(o.backoff(i, 3), Duration::from_secs(3600));
        assert_eq!(o.backoff(i, 40), Duration::from_secs(3600));
        // An interval longer than the cap is never shortened by failing.
        assert_eq!(
            o.backoff(Duration::from_secs(7200), 1),
            Duration::from_secs(7200)
        );
    }
}
