//! `kronika reindex`: rebuilds the full-text index from the store.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(data: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    let k = engine::Kronika::open(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let total = k.store()?.article_count()?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles, {per_sec}, ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let n = k.reindex(&|done| {
        if let Some(b) = &bar {
            b.set_position(done);
        } else {
            tracing::info!(done, total, "reindexing");
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    eprintln!(
        "indexed {n} articles in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
