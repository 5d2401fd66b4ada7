//! `kronika eval …`: one module per data family; each prints the figures the matching scorer
//! in ../shared/tools prints, and can write its predictions for that scorer.

use std::process::ExitCode;

pub mod coref;
pub mod extraction;
pub mod ner;
pub mod quotes;
pub mod stories;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Person coreference against GUM coref JSONL, per mention form.
    Coref(coref::Args),
    /// Main text and metadata against WCXB, Readability or Postlight gold.
    Extraction(extraction::Args),
    /// Named entities against IOB2 gold (GUM, UNER, WikiANN).
    Ner(ner::Args),
    /// Quotation attribution against PolNeAR (train or dev).
    Quotes(quotes::Args),
    /// Same-story decisions: SETimes sr/hr translations, or judged pairs over a corpus.
    Stories(stories::Args),
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Coref(args) => coref::run(args),
        Command::Extraction(args) => extraction::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Quotes(args) => quotes::run(args),
        Command::Stories(args) => stories::run(args),
    }
}
