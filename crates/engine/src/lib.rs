//! The pipeline in order: fetch → extract → analyse → store → index.
//!
//! [`Kronika`] owns the store and the index of one data directory. [`Kronika::process_page`]
//! takes a page's bytes through extraction and analysis (outside any lock, so callers may run
//! it from several threads), then commits the article with everything derived from it in one
//! store transaction and hands it to the index, whose commits are batched.

pub mod ingest;
mod pipeline;
pub mod stories;

pub use index::{Hit, HitKind, Query, SearchOptions, SearchResults};
pub use pipeline::{
    EngineError, IngestReport, Kronika, Outcome, PageInput, gunzip_page, ingest_paths, is_gzip,
    name_key, read_page,
};
pub use store::{CommitStatus, Committed, Store};
