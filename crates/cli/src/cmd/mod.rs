//! One module per verb; each has its clap `Args` and a `run` returning the exit code.

pub mod analyse;
pub mod demo;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod input;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod source;
pub mod sources;
pub mod stories;
pub mod watch;
