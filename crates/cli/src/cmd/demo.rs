//! `kronika demo`: the whole of Kronika on a fresh machine. Starts the bundled demo newsroom (a
//! news site with an RSS feed, a sitemap and pages) on 127.0.0.1, ingests it through the real
//! fetcher and pipeline, and serves the UI.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use engine::ingest::{Ingest, IngestOptions, LogProgress, SourceKind, SourceSpec, Stop};

#[derive(clap::Args)]
pub struct Args {
    /// Where the UI listens.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Port of the demo news site on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8079)]
    pub site_port: u16,
    /// Ingest, print the summary and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
}

const SOURCE_NAME: &str = "Kronika demo newsroom";

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(data).with_context(|| format!("creating {}", data.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let site = match server::demo_site::start(args.site_port).await {
            Ok(site) => site,
            // The usual port is taken (another demo?): any free one will do.
            Err(_) => server::demo_site::start(0)
                .await
                .context("starting the demo news site")?,
        };
        eprintln!("Demo news site: {}/ (feed {})", site.base, site.feed_url());
        let k =
            engine::Kronika::open(data).with_context(|| format!("opening {}", data.display()))?;
        let source_id = {
            let mut store = k.store()?;
            if let Some(old) = store.source_by_name(SOURCE_NAME)? {
                store.remove_source(old.id)?;
            }
            store.add_source(&store::NewSource {
                name: SOURCE_NAME.into(),
                kind: "feed".into(),
                location: site.feed_url(),
                interval_secs: Some(3600),
            })?
        };
        let mut options = IngestOptions::default();
        // The demo site is ours, on loopback: no SSRF guard and no politeness delay needed.
        options.fetch.allow_private = true;
        options.fetch.min_delay = Duration::ZERO;
        options.fetch.per_host_concurrency = 4;
        let spec = SourceSpec {
            source_id: Some(source_id),
            name: SOURCE_NAME.into(),
            kind: SourceKind::Feed,
            location: site.feed_url(),
        };
        let summary = {
            let ingest = Ingest::new(&k, options, Arc::new(LogProgress::default()), Stop::new())?;
            ingest.run(&[spec]).await?
        };
        let t = summary.totals();
        eprintln!(
            "Ingested the demo newsroom: {} stored, {} failed.",
            t.stored(),
            t.failed
        );
        k.flush()?;
        drop(k);
        if args.no_serve {
            return Ok(());
        }
        let state = super::serve::open_state(data)?;
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| {
                format!(
                    "listening on {} (is another Kronika running? try --listen 127.0.0.1:0)",
                    args.listen
                )
            })?;
        println!("Kronika demo: http://{}/", listener.local_addr()?);
        super::serve::serve_until_ctrl_c(listener, state).await
    })?;
    Ok(ExitCode::SUCCESS)
}
