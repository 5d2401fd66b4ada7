//! `kronika search QUERY`: full-text search with filters (see `index::query`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// Free text plus filters: person: place: org: source: lang: from: to: said:
    /// e.g. 'said:NATO person:Djukanovic' finds what Đukanović said about NATO.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// One JSON object with hits and facets instead of text.
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Also count the people in all matches (slower on large indexes).
    #[arg(long)]
    pub people: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    super::existing_data(data)?;
    let k = engine::Kronika::open_reader(data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let query = args.query.join(" ");
    let opts = engine::SearchOptions {
        people_facet: args.people,
        ..Default::default()
    };
    let results = match k.search_with(&query, args.limit.max(1), args.offset, opts) {
        Ok(r) => r,
        Err(e @ engine::EngineError::Query(_)) => {
            eprintln!("kronika: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} match{}",
            results.total,
            if results.total == 1 { "" } else { "es" }
        )?;
        for (i, h) in results.hits.iter().enumerate() {
            let date = h
                .published
                .as_deref()
                .map(|d| d.get(..10).unwrap_or(d))
                .unwrap_or("");
            let site = h.site.as_deref().unwrap_or("");
            writeln!(out)?;
            writeln!(
                out,
                "{}. {} [{}] {} {}",
                i + 1 + args.offset,
                h.title,
                h.article_id,
                site,
                date
            )?;
            if let Some(s) = &h.speaker {
                writeln!(out, "   {s}:")?;
            }
            writeln!(out, "   {}", terminal_snippet(&h.snippet_html))?;
            if !h.url.is_empty() {
                writeln!(out, "   {}", h.url)?;
            }
        }
        let facet = |name: &str, fs: &[index::FacetCount]| {
            let items: Vec<String> = fs
                .iter()
                .map(|f| format!("{} ({})", f.value, f.count))
                .collect();
            if items.is_empty() {
                String::new()
            } else {
                format!("{name}: {}\n", items.join(", "))
            }
        };
        let facets = [
            facet("sites", &results.sites),
            facet("languages", &results.languages),
            facet("people", &results.people),
        ]
        .concat();
        if !facets.is_empty() {
            write!(out, "\n{facets}")?;
        }
    }
    Ok(if results.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The snippet's `<b>` marks as `[…]`, HTML entities undone.
fn terminal_snippet(html: &str) -> String {
    html.replace("<b>", "[")
        .replace("</b>", "]")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace('\n', " ")
}
