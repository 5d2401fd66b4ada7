//! `kronika source add|list|remove`: the sources `ingest` and `watch` read.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use engine::ingest::SourceKind;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Register a feed, sitemap, URL, local folder or WARC file.
    Add(AddArgs),
    /// List registered sources.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a source by name or id (its articles stay, unattributed).
    Remove { source: String },
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// A URL (feed, sitemap or page), a folder or file, or a .warc/.warc.gz archive.
    pub location: String,
    /// A short unique name; defaults to the URL's host (and path) or the file name.
    #[arg(long)]
    pub name: Option<String>,
    /// feed, sitemap, url (decided from the response), path or warc; guessed when omitted.
    #[arg(long)]
    pub kind: Option<String>,
    /// Poll interval for `kronika watch`, seconds.
    #[arg(long, value_name = "SECS")]
    pub every: Option<i64>,
}

pub fn run(data: &Path, command: Command) -> anyhow::Result<ExitCode> {
    let k = engine::Kronika::open(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let mut store = k.store()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Add(a) => {
            let kind = match &a.kind {
                Some(k) => SourceKind::parse(k).with_context(|| {
                    format!("unknown kind {k:?} (feed, sitemap, url, path, warc)")
                })?,
                None => engine::ingest::spec_for(&a.location).kind,
            };
            let location = normalise_location(&a.location, kind)?;
            let name = a.name.clone().unwrap_or_else(|| default_name(&location));
            if a.every.is_some_and(|s| s <= 0) {
                bail!("--every must be a positive number of seconds");
            }
            let id = store.add_source(&store::NewSource {
                name: name.clone(),
                kind: kind.as_str().to_owned(),
                location: location.clone(),
                interval_secs: a.every,
            })?;
            writeln!(
                out,
                "added source {id} {name:?}: {} {location}",
                kind.as_str()
            )?;
        }
        Command::List { json } => {
            let sources = store.sources()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &sources)?;
                writeln!(out)?;
            } else if sources.is_empty() {
                writeln!(
                    out,
                    "no sources; add one with `kronika source add URL|PATH`"
                )?;
            } else {
                for s in sources {
                    let every = s
                        .interval_secs
                        .map_or("default".to_owned(), |e| format!("{e}s"));
                    let state = if s.enabled { "" } else { " (disabled)" };
                    writeln!(
                        out,
                        "{:>4}  {:<24} {:<8} every {:<8} {}{state}",
                        s.id, s.name, s.kind, every, s.location
                    )?;
                }
            }
        }
        Command::Remove { source } => {
            let found = match store.source_by_name(&source)? {
                Some(s) => Some(s),
                None => match source.parse::<i64>() {
                    Ok(id) => store.source(id)?,
                    Err(_) => None,
                },
            };
            let Some(s) = found else {
                bail!("no source named {source:?}");
            };
            store.remove_source(s.id)?;
            writeln!(out, "removed source {} {:?}", s.id, s.name)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// URLs must parse; local paths are stored absolute so `ingest` works from any folder.
fn normalise_location(location: &str, kind: SourceKind) -> anyhow::Result<String> {
    match kind {
        SourceKind::Path | SourceKind::Warc => {
            let abs = std::fs::canonicalize(location)
                .with_context(|| format!("{location} does not exist"))?;
            Ok(abs.to_string_lossy().into_owned())
        }
        _ => {
            let url = url_parse(location)?;
            Ok(url)
        }
    }
}

fn url_parse(location: &str) -> anyhow::Result<String> {
    let lower = location.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        bail!("{location:?} is not an http(s) URL");
    }
    Ok(location.trim().to_owned())
}

fn default_name(location: &str) -> String {
    let trimmed = location
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    if location.starts_with('/') {
        return Path::new(location)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| location.to_owned());
    }
    trimmed.to_owned()
}
