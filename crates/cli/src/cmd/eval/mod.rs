//! `kronika eval …`: one module per data family; each prints the figures the matching scorer
//! in ../shared/tools prints, and can write its predictions for that scorer.

use std::process::ExitCode;

pub mod extraction;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Main text and metadata against WCXB, Readability or Postlight gold.
    Extraction(extraction::Args),
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Extraction(args) => extraction::run(args),
    }
}
