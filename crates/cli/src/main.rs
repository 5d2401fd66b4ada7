//! `kronika`: the command-line edge. `anyhow` lives here and nowhere else.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Parsing, tagging and indexing allocate many small short-lived objects from two threads;
// glibc's allocator spent about a tenth of ingest's CPU on them (perf, `kronika ingest`).
// `no_thp` (Cargo.toml): with transparent huge pages, every fresh region mimalloc touched was
// faulted in and zeroed 2 MiB at a time (9 % of ingest's CPU was the kernel zeroing pages);
// without, ingest took about 4 % less CPU and 13 % less peak memory (`kronika ingest
// ../shared/data/extraction`, five interleaved pairs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kronika",
    version,
    about = "Self-hosted news intelligence: articles, people, quotes, meetings, stories"
)]
struct Cli {
    /// The data directory: the store (kronika.db) and the search index.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        default_value = "./kronika-data"
    )]
    data: std::path::PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The demo newsroom: serve the bundled corpus as a news site on 127.0.0.1, ingest it, and
    /// serve the UI at http://127.0.0.1:8080.
    Demo(cmd::demo::Args),
    /// Stories: articles from any outlet and language on the same event, newest first.
    Stories(cmd::stories::Args),
    /// Everything in the store as JSON Lines or CSV (articles or statements), with no cap.
    Export(cmd::export::Args),
    /// The newsroom UI and JSON API over the data directory.
    Serve(cmd::serve::Args),
    /// Reduce pages (files, URLs or `-`) to articles with their metadata.
    Extract(cmd::extract::Args),
    /// Extract, then find people, roles, places, organisations, quotes and events.
    Analyse(cmd::analyse::Args),
    /// Measure quality against a gold data set.
    #[command(subcommand)]
    Eval(cmd::eval::Command),
    /// Search articles and quotations: free text plus person: place: org: source: lang:
    /// from: to: said:
    Search(cmd::search::Args),
    /// Rebuild the search index from the store.
    Reindex(cmd::reindex::Args),
    /// How each source is doing (`--health`).
    Sources(cmd::sources::Args),
    /// Register, list and remove sources (feeds, sitemaps, URLs, folders, WARC files).
    #[command(subcommand)]
    Source(cmd::source::Command),
    /// One pass over sources, URLs, files, folders or WARC archives into the store and index.
    Ingest(cmd::ingest::Args),
    /// Poll every enabled source on its own schedule until Ctrl-C.
    Watch(cmd::watch::Args),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(env_filter())
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => cmd::demo::run(&cli.data, args),
        Command::Serve(args) => cmd::serve::run(&cli.data, args),
        Command::Export(args) => cmd::export::run(&cli.data, args),
        Command::Stories(args) => cmd::stories::run(&cli.data, args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Analyse(args) => cmd::analyse::run(args),
        Command::Eval(command) => cmd::eval::run(command),
        Command::Search(args) => cmd::search::run(&cli.data, args),
        Command::Reindex(args) => cmd::reindex::run(&cli.data, args),
        Command::Sources(args) => cmd::sources::run(&cli.data, args),
        Command::Source(command) => cmd::source::run(&cli.data, command),
        Command::Ingest(args) => cmd::ingest::run(&cli.data, args),
        Command::Watch(args) => cmd::watch::run(&cli.data, args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not a failure.
        Err(err)
            if err.chain().any(|e| {
                let kind = e
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        e.downcast_ref::<serde_json::Error>()
                            .and_then(|j| j.io_error_kind())
                    });
                kind == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("kronika: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, as `{:#}` writes them, except a cause that a message
/// before it already ends with: library errors often name their source in their own message
/// and also return it as the source, and the cause should not be read twice.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn env_filter() -> tracing_subscriber::EnvFilter {
    tracing_subscriber::EnvFilter::try_from_env("KRONIKA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
}
