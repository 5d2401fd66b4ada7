//! `kronika watch`: poll every enabled source on its own schedule until Ctrl-C.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use engine::ingest::Ingest;
use engine::ingest::watch::{WatchOptions, watch};

use super::ingest::{FetchFlags, print_summary, progress, runtime_with_stop};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub fetch: FetchFlags,
    /// Poll interval for feeds and URLs without their own (`source add --every`), seconds.
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    pub feed_interval: u64,
    /// Poll interval for sitemaps without their own, seconds.
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    pub sitemap_interval: u64,
    /// Longest wait after repeated failures, seconds.
    #[arg(long, value_name = "SECS", default_value_t = 86_400)]
    pub max_backoff: u64,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let k = engine::Kronika::open(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    if k.store()?.sources()?.iter().all(|s| !s.enabled) {
        eprintln!("kronika: no enabled sources; add some with `kronika source add`");
        return Ok(ExitCode::from(1));
    }
    let options = WatchOptions {
        feed_interval: Duration::from_secs(args.feed_interval.max(1)),
        sitemap_interval: Duration::from_secs(args.sitemap_interval.max(1)),
        max_backoff: Duration::from_secs(args.max_backoff.max(1)),
        ..WatchOptions::default()
    };
    let (rt, stop) = runtime_with_stop()?;
    let ing = Ingest::new(&k, args.fetch.options(), progress(), stop)?;
    let summary = rt.block_on(watch(&ing, &options, 1))?;
    eprintln!("kronika: watch stopped after {} rounds", summary.rounds);
    if let Some(last) = summary.passes.last() {
        print_summary(last, false)?;
    }
    Ok(ExitCode::SUCCESS)
}
