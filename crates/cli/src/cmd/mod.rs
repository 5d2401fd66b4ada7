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

/// Verbs that only read refuse a data directory with no store in it rather than create an
/// empty one and answer "0 matches": a mistyped `--data`, or a shell in another folder than
/// the one ingested into, is then named as such.
pub fn existing_data(data: &std::path::Path) -> anyhow::Result<()> {
    if data.join(store::STORE_FILE).is_file() {
        return Ok(());
    }
    anyhow::bail!(
        "no Kronika data in {}: run `kronika ingest …` or `kronika demo` first, or give the \
         data directory with --data",
        data.display()
    )
}
