//! `kronika sources --health`: how each source is doing, so a feed that silently collects
//! nothing shows up.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// Per source: last success, articles per day, empty fetches in a row, duplicate rate,
    /// share of articles without a date or body. (The only report so far, and the default.)
    #[arg(long)]
    pub health: bool,
    #[arg(long)]
    pub json: bool,
}

fn when(t: Option<i64>) -> String {
    let Some(t) = t else { return "never".into() };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(t);
    let ago = (now - t).max(0);
    match ago {
        0..=119 => format!("{ago} s ago"),
        120..=7199 => format!("{} min ago", ago / 60),
        7200..=172_799 => format!("{} h ago", ago / 3600),
        _ => format!("{} days ago", ago / 86_400),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    super::existing_data(data)?;
    let k = engine::Kronika::open_reader(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let health = k.store()?.health()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &health)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if health.is_empty() {
        writeln!(out, "no sources and no articles yet")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<24} {:>14} {:>8} {:>7} {:>6} {:>5} {:>7} {:>7}  last error",
        "source", "last success", "articles", "per day", "empty", "dup", "no date", "no body"
    )?;
    let mut warnings = 0;
    for h in &health {
        let name = h
            .source
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or("(local files)");
        let last = if h.source.is_some() {
            when(h.last_success)
        } else {
            "-".into()
        };
        writeln!(
            out,
            "{:<24} {:>14} {:>8} {:>7.1} {:>6} {:>5} {:>7} {:>7}  {}",
            name,
            last,
            h.articles,
            h.articles_per_day,
            h.empty_fetches_in_row,
            pct(h.duplicate_rate),
            pct(h.without_date),
            pct(h.without_body),
            h.last_error.as_deref().unwrap_or("")
        )?;
        // What an analyst must look at: a source collecting nothing, or collecting junk.
        if h.source.is_some() && (h.empty_fetches_in_row >= 5 || h.last_success.is_none()) {
            warnings += 1;
        }
    }
    if warnings > 0 {
        writeln!(
            out,
            "\n{warnings} source(s) are collecting nothing: see 'empty' and 'last success'"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
