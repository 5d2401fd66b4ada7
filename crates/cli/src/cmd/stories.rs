//! `kronika stories`: the stories in the store (articles from any outlet and language on the same
//! event), newest first.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use engine::stories::{DEFAULT_REPLAY, StoryBook};

#[derive(clap::Args)]
pub struct Args {
    /// Only stories with a member on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Re-cluster every article afresh (after tuning), instead of replaying the newest ones.
    #[arg(long)]
    pub recluster: bool,
    /// Print JSON Lines, one story per line.
    #[arg(long)]
    pub json: bool,
    /// Show stories with at least this many members.
    #[arg(long, default_value_t = 1)]
    pub min_members: usize,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    super::existing_data(data)?;
    let store =
        store::SqliteStore::open(data).with_context(|| format!("opening {}", data.display()))?;
    let book = if args.recluster {
        StoryBook::recluster(&store)?
    } else {
        StoryBook::build(&store, DEFAULT_REPLAY)?
    };
    let mut stories = book.stories(args.since.as_deref());
    stories.retain(|s| s.members.len() >= args.min_members);
    stories.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(b.id.cmp(&a.id)));
    for s in &stories {
        if args.json {
            println!("{}", serde_json::to_string(s)?);
            continue;
        }
        let span = match (&s.first_seen, &s.last_seen) {
            (Some(a), Some(b)) if a.get(..10) != b.get(..10) => {
                format!("{} – {}", &a[..a.len().min(10)], &b[..b.len().min(10)])
            }
            (Some(a), _) => a[..a.len().min(10)].to_string(),
            _ => "undated".into(),
        };
        println!(
            "story {} · {} · {} article(s) · {} · {}",
            s.id,
            span,
            s.members.len(),
            s.languages.join("/"),
            s.title
        );
        for m in &s.members {
            println!(
                "    {}{} [{}] {}",
                m.article,
                if m.copy { " (copy)" } else { "" },
                m.source.as_deref().unwrap_or("?"),
                m.title.as_deref().unwrap_or("")
            );
        }
    }
    eprintln!("{} stories over {} articles", stories.len(), book.len());
    Ok(ExitCode::SUCCESS)
}
