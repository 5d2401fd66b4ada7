//! `kronika ingest [SOURCE…|URL…|PATH…]`: one pass over registered sources (all enabled ones
//! when none is named), URLs (feeds, sitemaps, pages: sniffed), local files and folders, and
//! WARC/WARC.gz archives.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use engine::ingest::{
    Ingest, IngestOptions, IngestSummary, LogProgress, Progress, SourceSpec, Stop, spec_for,
};

#[derive(clap::Args)]
pub struct Args {
    /// Registered source names, URLs, files, folders or WARC files; none: every enabled source.
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub fetch: FetchFlags,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Fetching options shared by `ingest` and `watch`.
#[derive(clap::Args, Clone)]
pub struct FetchFlags {
    /// Allow addresses on loopback, private, link-local networks (off: refused as SSRF).
    #[arg(long)]
    pub allow_private: bool,
    /// Minimum seconds between two requests to one host (robots.txt Crawl-delay may raise it).
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub delay: f64,
    /// Largest body accepted, in MB (after decompression too).
    #[arg(long, value_name = "MB", default_value_t = 10)]
    pub max_body_mb: u64,
    /// Fetches in flight across all hosts.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Worker threads for local files and archives.
    #[arg(long)]
    pub threads: Option<usize>,
}

impl FetchFlags {
    pub fn options(&self) -> IngestOptions {
        let mut o = IngestOptions::default();
        o.fetch.allow_private = self.allow_private;
        o.fetch.min_delay = Duration::from_secs_f64(self.delay.clamp(0.0, 3600.0));
        o.fetch.max_body = self.max_body_mb.max(1) * 1024 * 1024;
        o.fetch.max_decompressed = o.fetch.max_body;
        o.max_in_flight = self.concurrency.max(1);
        if let Some(t) = self.threads {
            o.threads = t.max(1);
        }
        o
    }
}

/// A bar on a terminal (items, rate, ETA), tracing lines otherwise.
pub fn progress() -> Arc<dyn Progress> {
    if std::io::stderr().is_terminal() {
        Arc::new(Bar::new())
    } else {
        Arc::new(LogProgress::default())
    }
}

struct Bar {
    bar: indicatif::ProgressBar,
}

impl Bar {
    fn new() -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:30} {pos}/{len} items, {per_sec}, ETA {eta}  {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Self { bar }
    }
}

impl Progress for Bar {
    fn add_total(&self, n: u64) {
        self.bar.inc_length(n);
    }
    fn item(&self, outcome: &str, what: &str) {
        self.bar.inc(1);
        if outcome == "failed" {
            self.bar.println(format!("failed: {what}"));
        } else if !what.is_empty() {
            let short: String = what.chars().take(60).collect();
            self.bar.set_message(format!("{outcome}: {short}"));
        }
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A runtime whose first Ctrl-C asks the driver to stop between items.
pub fn runtime_with_stop() -> anyhow::Result<(tokio::runtime::Runtime, Stop)> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let stop = Stop::new();
    let s = stop.clone();
    rt.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("kronika: stopping after the items in hand (Ctrl-C again to abort)");
            s.stop();
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        }
    });
    Ok((rt, stop))
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let k = engine::Kronika::open(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let specs = resolve(&k, &args.inputs)?;
    if specs.is_empty() {
        eprintln!(
            "kronika: nothing to ingest: name sources, URLs or paths, or `kronika source add`"
        );
        return Ok(ExitCode::from(1));
    }
    let (rt, stop) = runtime_with_stop()?;
    let ing = Ingest::new(&k, args.fetch.options(), progress(), stop)?;
    let summary = rt.block_on(ing.run(&specs))?;
    print_summary(&summary, args.json)?;
    let t = summary.totals();
    Ok(if t.failed == 0 && !summary.interrupted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn resolve(k: &engine::Kronika, inputs: &[String]) -> anyhow::Result<Vec<SourceSpec>> {
    let store = k.store()?;
    if inputs.is_empty() {
        return Ok(store
            .sources()?
            .iter()
            .filter(|s| s.enabled)
            .map(SourceSpec::from_source)
            .collect());
    }
    let mut specs = Vec::new();
    for input in inputs {
        if let Some(src) = store.source_by_name(input)? {
            specs.push(SourceSpec::from_source(&src));
            continue;
        }
        let is_url = input.starts_with("http://") || input.starts_with("https://");
        if !is_url && !Path::new(input).exists() {
            anyhow::bail!("{input:?} is neither a registered source, a URL, nor an existing path");
        }
        specs.push(spec_for(input));
    }
    Ok(specs)
}

pub fn print_summary(summary: &IngestSummary, json: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer_pretty(&mut out, summary)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<32} {:>6} {:>6} {:>7} {:>5} {:>5} {:>6} {:>5} {:>6}",
        "source", "listed", "known", "fetched", "304", "new", "unchg", "dup", "failed"
    )?;
    let mut rows: Vec<_> = summary.sources.iter().collect();
    let totals = summary.totals();
    rows.push(&totals);
    for r in rows {
        let name: String = r.name.chars().take(32).collect();
        writeln!(
            out,
            "{:<32} {:>6} {:>6} {:>7} {:>5} {:>5} {:>6} {:>5} {:>6}",
            name,
            r.listed,
            r.known,
            r.fetched,
            r.not_modified,
            r.new + r.updated,
            r.unchanged,
            r.duplicates + r.near_copies,
            r.failed
        )?;
        if let Some(e) = &r.source_error {
            writeln!(out, "  source failed: {e}")?;
        }
        for (item, e) in r.errors.iter().take(5) {
            writeln!(out, "  {item}: {e}")?;
        }
        if r.errors.len() > 5 {
            writeln!(out, "  … {} more failures", r.failed.saturating_sub(5))?;
        }
    }
    let rate =
        (totals.new + totals.updated + totals.unchanged + totals.duplicates + totals.near_copies)
            as f64
            / summary.seconds.max(1e-3);
    writeln!(
        out,
        "{:.1} s, {:.1} pages/s{}",
        summary.seconds,
        rate,
        if summary.interrupted {
            ", interrupted"
        } else {
            ""
        }
    )?;
    Ok(())
}
