//! `kronika export`: everything in the store, streamed, with no cap: articles with their analysis
//! as JSON Lines, or one CSV of articles or of statements.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use store::{SqliteStore, Store};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// For CSV: one row per article, or one per statement (quote).
    #[arg(long, value_enum, default_value_t = What::Articles)]
    pub what: What,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum What {
    Articles,
    Quotes,
}

enum Sink {
    Json(std::io::BufWriter<Box<dyn Write>>),
    Csv(Box<csv::Writer<Box<dyn Write>>>),
}

/// Articles read from the store per batch.
const BATCH: usize = 500;

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    super::existing_data(data)?;
    let store = SqliteStore::open(data).with_context(|| format!("opening {}", data.display()))?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = match args.format {
        Format::Jsonl => Sink::Json(std::io::BufWriter::new(out)),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            match args.what {
                What::Articles => w.write_record([
                    "id",
                    "url",
                    "canonical_url",
                    "title",
                    "site",
                    "published",
                    "language",
                    "authors",
                    "section",
                    "dateline",
                    "word_count",
                    "people",
                    "copy_of",
                ])?,
                What::Quotes => w.write_record([
                    "article_id",
                    "article_url",
                    "published",
                    "speaker",
                    "kind",
                    "cue",
                    "text",
                ])?,
            }
            Sink::Csv(Box::new(w))
        }
    };
    let mut after = 0;
    let mut n = 0u64;
    loop {
        let batch = store.changed_since(after, BATCH)?;
        let Some(last) = batch.last() else { break };
        after = last.seq;
        for a in &batch {
            n += 1;
            match &mut sink {
                Sink::Json(out) => {
                    let line = serde_json::json!({
                        "id": a.id, "url": a.url, "canonical_url": a.canonical_url, "copy_of": a.copy_of,
                        "article": a.article, "analysis": a.analysis,
                    });
                    serde_json::to_writer(&mut *out, &line)?;
                    out.write_all(b"\n")?;
                }
                Sink::Csv(w) if args.what == What::Articles => {
                    let art = &a.article;
                    let people: Vec<&str> =
                        a.analysis.people.iter().map(|p| p.name.as_str()).collect();
                    w.write_record([
                        a.id.to_string().as_str(),
                        &a.url,
                        &a.canonical_url,
                        art.title.as_deref().unwrap_or(""),
                        art.site_name.as_deref().unwrap_or(""),
                        art.published.as_deref().unwrap_or(""),
                        art.language.as_deref().unwrap_or(""),
                        &art.authors.join("; "),
                        art.section.as_deref().unwrap_or(""),
                        art.dateline
                            .as_ref()
                            .map(|d| d.place.as_str())
                            .unwrap_or(""),
                        &art.word_count.to_string(),
                        &people.join("; "),
                        &a.copy_of.map(|c| c.to_string()).unwrap_or_default(),
                    ])?;
                }
                Sink::Csv(w) => {
                    for q in &a.analysis.quotes {
                        let speaker = q
                            .speaker
                            .and_then(|s| a.analysis.people.get(s))
                            .map(|p| p.name.as_str())
                            .or(q.speaker_text.as_deref())
                            .unwrap_or("");
                        let kind = serde_json::to_value(q.kind)?;
                        w.write_record([
                            a.id.to_string().as_str(),
                            &a.url,
                            a.article.published.as_deref().unwrap_or(""),
                            speaker,
                            kind.as_str().unwrap_or(""),
                            q.cue.as_deref().unwrap_or(""),
                            &q.text,
                        ])?;
                    }
                }
            }
        }
    }
    match sink {
        Sink::Json(mut out) => out.flush()?,
        Sink::Csv(mut w) => w.flush()?,
    }
    eprintln!("exported {n} articles");
    Ok(ExitCode::SUCCESS)
}
