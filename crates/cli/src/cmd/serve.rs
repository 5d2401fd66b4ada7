//! `kronika serve`: the newsroom UI and JSON API over a data directory.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use server::{Hit, Search, SearchError, SearchResults};

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let state = open_state(data)?;
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        println!("Kronika newsroom: http://{}/", listener.local_addr()?);
        serve_until_ctrl_c(listener, state).await
    })?;
    Ok(ExitCode::SUCCESS)
}

pub async fn serve_until_ctrl_c(
    listener: tokio::net::TcpListener,
    state: server::Shared,
) -> anyhow::Result<()> {
    server::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("serving")
}

/// The server's state over a data directory: its own store connection for pages, and the
/// engine's reader for search (which never takes the index's writer lock).
pub fn open_state(data: &Path) -> anyhow::Result<server::Shared> {
    super::existing_data(data)?;
    let store = store::SqliteStore::open(data)
        .with_context(|| format!("opening the store in {}", data.display()))?;
    let reader = engine::Kronika::open_reader(data)
        .with_context(|| format!("opening the index in {}", data.display()))?;
    // Two read connections per core (WAL lets them read beside a writer): a page that builds
    // a cache holds one for milliseconds, and the quick reads of every other request must not
    // queue behind it.
    let mut stores: Vec<Box<dyn store::Store>> = vec![Box::new(store)];
    for _ in 1..(2 * std::thread::available_parallelism().map_or(2, |n| n.get())).clamp(4, 16) {
        stores.push(Box::new(store::SqliteStore::open(data)?));
    }
    let state = server::AppState::with_pool(stores, Some(Box::new(EngineSearch(Arc::new(reader)))));
    // Stories are built on a connection of their own, so pages answer meanwhile.
    let book_store = store::SqliteStore::open(data)?;
    let for_book = state.clone();
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        match server::stories::install(&for_book, &book_store) {
            Ok(()) => tracing::info!("stories ready in {:.1} s", started.elapsed().as_secs_f64()),
            Err(e) => tracing::error!("stories unavailable: {e}"),
        }
    });
    Ok(state)
}

struct EngineSearch(Arc<engine::Kronika>);

impl Search for EngineSearch {
    fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        // Pick up what a running ingest committed since the last search.
        self.0
            .index()
            .reload()
            .map_err(|e| SearchError::Index(e.to_string()))?;
        // The people who appear in the matches are the page's third facet: a millisecond
        // or two more at 100k articles (`cargo bench -p engine --bench ingest`).
        let options = index::SearchOptions {
            people_facet: true,
            ..index::SearchOptions::default()
        };
        let r = self
            .0
            .search_with(query, limit, 0, options)
            .map_err(|e| match e {
                engine::EngineError::Query(q) => SearchError::Query(q.to_string()),
                other => SearchError::Index(other.to_string()),
            })?;
        let hits = r
            .hits
            .into_iter()
            .map(|h| {
                let (snippet, highlights) = highlights_of(&h.snippet_html);
                Hit {
                    article_id: h.article_id as i64,
                    title: Some(h.title).filter(|t| !t.is_empty()),
                    site: h.site,
                    published: h.published,
                    snippet,
                    highlights,
                    // The store keys people by the primary name key ("milo djukanovic"),
                    // not the looser match key the index searches by ("milo dukanovic").
                    speaker_key: h.speaker.as_deref().map(analyse::names::key),
                }
            })
            .collect();
        let facet = |v: Vec<index::FacetCount>| v.into_iter().map(|f| (f.value, f.count)).collect();
        Ok(SearchResults {
            total: r.total,
            hits,
            facets: vec![
                ("source", facet(r.sites)),
                ("lang", facet(r.languages)),
                ("person", facet(r.people)),
            ],
        })
    }
}

/// Splits the index's `<b>`-marked, HTML-escaped snippet into plain text and highlight ranges,
/// so the page escapes the text itself instead of trusting markup.
fn highlights_of(html: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(html.len());
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("<b>") {
            open = Some(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("</b>") {
            if let Some(start) = open.take() {
                ranges.push((start, text.len()));
            }
            rest = r;
        } else if c == '&' {
            let entities = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
                ("&#x27;", '\''),
            ];
            match entities.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((e, ch)) => {
                    text.push(*ch);
                    rest = &rest[e.len()..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::{EngineSearch, Search, highlights_of};
    use std::sync::Arc;

    #[test]
    fn a_quote_hit_names_a_speaker_the_store_knows() {
        let k = engine::Kronika::in_memory().unwrap();
        let seed = include_bytes!("../../../../fixtures/seed/seed-article.html");
        k.process_page(engine::PageInput {
            bytes: seed,
            url: "https://europeanwesternbalkans.com/2021/05/18/seed/",
            content_type: Some("text/html"),
            source_id: None,
            listed_date: None,
        })
        .unwrap();
        k.flush().unwrap();
        let k = Arc::new(k);
        let r = EngineSearch(k.clone())
            .search("person:Djukanovic said:NATO", 10)
            .unwrap();
        assert!(!r.hits.is_empty());
        // The people of the matches are a facet of the search page.
        let people = r
            .facets
            .iter()
            .find(|(f, _)| *f == "person")
            .expect("facet");
        assert!(
            people.1.iter().any(|(name, _)| name == "Milo Đukanović"),
            "{people:?}"
        );
        let store = k.store().unwrap();
        for h in &r.hits {
            let key = h.speaker_key.as_deref().expect("a quote hit has a speaker");
            let p = store
                .person_by_key(key)
                .unwrap()
                .expect("the store knows the speaker");
            assert_eq!(p.name, "Milo Đukanović");
        }
    }

    #[test]
    fn snippet_markup_becomes_text_and_ranges() {
        let (t, r) = highlights_of("said &lt;b&gt; <b>NATO</b> &amp; <b>Đukanović</b>");
        assert_eq!(t, "said <b> NATO & Đukanović");
        assert_eq!(&t[r[0].0..r[0].1], "NATO");
        assert_eq!(&t[r[1].0..r[1].1], "Đukanović");
    }
}
