//! The home page: the newest articles grouped by story, with source, language and country
//! filters.
//!
//! Building it reads a few hundred rows and groups them, which is too slow to repeat for every
//! visitor of a large store. So the page is derived once per store generation: the window of
//! newest articles with everything the page needs (people, countries, stories, facet counts) is
//! kept until the store commits anything (its max seq moves; every commit, update and re-analysis
//! takes a new seq) or the story book comes up, and the markup for each filter combination is
//! kept beside it. A visitor whose request follows a commit therefore always sees that commit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use serde::Deserialize;
use store::{ArticleId, Store};

use crate::app::{AppState, Shared, summaries};
use crate::error::AppError;
use crate::views::{self, ArticleSummary};

/// How many recent articles the home page groups into stories.
const WINDOW: usize = 100;
/// Rendered filter combinations kept per generation; further ones are rendered per request, so
/// odd query strings cannot grow memory.
const PAGES: usize = 64;
/// A kept window is rebuilt at least this often, as a backstop for changes that bypass the
/// store's commit sequence (none are known).
const TTL: Duration = Duration::from_secs(10);
/// Values listed per facet.
const FACET_VALUES: usize = 12;

#[derive(Deserialize, Default, Clone, PartialEq, Eq, Hash)]
pub struct Filters {
    source: Option<String>,
    lang: Option<String>,
    country: Option<String>,
    person: Option<String>,
}

impl Filters {
    fn active(&self) -> Vec<(String, String)> {
        [
            ("source", &self.source),
            ("lang", &self.lang),
            ("country", &self.country),
            ("person", &self.person),
        ]
        .into_iter()
        .filter_map(|(field, v)| Some((field.to_string(), v.clone()?)))
        .collect()
    }
}

/// What the window was derived from: equal generations give equal pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Generation {
    /// The store's highest commit seq.
    seq: i64,
    /// Whether the story book was built (before, each article stands alone).
    stories: bool,
}

impl Generation {
    /// Whether a window derived at `self` shows everything a request that saw `asked` must see:
    /// a newer window serves an older request too (it began before those commits), which lets
    /// visitors queued behind a build share it.
    fn covers(self, asked: Generation) -> bool {
        self.seq >= asked.seq && (self.stories || !asked.stories)
    }
}

/// The newest articles with what the page shows and filters on, newest first.
struct Window {
    generation: Generation,
    items: Vec<Item>,
    /// Story titles by story id.
    titles: HashMap<ArticleId, String>,
    /// Facet counts over the whole window, whatever the filters.
    facets: Vec<views::Facet>,
}

struct Item {
    summary: ArticleSummary,
    site: String,
    lang: String,
    countries: Vec<String>,
    story: ArticleId,
}

impl Window {
    /// Builds the window for a request that saw `generation` (the store may be further on by
    /// now; the window is labelled with what is certain to be in it).
    fn build(
        state: &AppState,
        store: &dyn Store,
        generation: Generation,
    ) -> Result<Self, AppError> {
        let latest = summaries(store, store.latest(WINDOW, 0)?)?;
        let ids: Vec<ArticleId> = latest.iter().map(|a| a.id).collect();
        let (stories, titles) = crate::stories::stories_of(state, store, &ids)?;
        let countries = store.countries_in_each(&ids)?;
        let mut counts: [HashMap<String, u64>; 4] = Default::default();
        let mut items = Vec::with_capacity(latest.len());
        for ((summary, story), countries) in latest.into_iter().zip(stories).zip(countries) {
            let site = summary.site.clone().unwrap_or_else(|| "unknown".into());
            let lang = summary.language.clone().unwrap_or_else(|| "unknown".into());
            *counts[0].entry(site.clone()).or_default() += 1;
            *counts[1].entry(lang.clone()).or_default() += 1;
            for c in &countries {
                *counts[2].entry(c.clone()).or_default() += 1;
            }
            // The people an article names most (its summary's), by name: two people of one
            // name count together, as the filter cannot tell them apart either.
            for (_, name) in &summary.people {
                *counts[3].entry(name.clone()).or_default() += 1;
            }
            items.push(Item {
                summary,
                site,
                lang,
                countries,
                story,
            });
        }
        let [sites, langs, countries, people] = counts;
        Ok(Window {
            generation,
            items,
            titles,
            facets: vec![
                facet("source", sites),
                facet("lang", langs),
                facet("country", countries),
                // A person named by one article only is no trend to follow.
                facet(
                    "person",
                    people.into_iter().filter(|(_, n)| *n > 1).collect(),
                ),
            ],
        })
    }

    fn view(&self, filters: &Filters) -> views::HomeView {
        let kept = self.items.iter().filter(|i| {
            filters.source.as_ref().is_none_or(|f| *f == i.site)
                && filters.lang.as_ref().is_none_or(|f| *f == i.lang)
                && filters
                    .country
                    .as_ref()
                    .is_none_or(|f| i.countries.contains(f))
                && filters
                    .person
                    .as_ref()
                    .is_none_or(|f| i.summary.people.iter().any(|(_, n)| n == f))
        });
        views::HomeView {
            stories: crate::stories::group_by_story(
                kept.map(|i| (i.summary.clone(), i.story)),
                &self.titles,
            ),
            filters: self.facets.clone(),
            active: filters.active(),
        }
    }
}

fn facet(field: &'static str, counts: HashMap<String, u64>) -> views::Facet {
    let mut values: Vec<(String, u64)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(FACET_VALUES);
    views::Facet { field, values }
}

/// The kept window and pages of one generation.
#[derive(Default)]
pub struct HomeCache {
    kept: Mutex<Option<Kept>>,
    /// Held while a window is built, so a burst of visitors after a commit builds it once.
    building: Mutex<()>,
}

struct Kept {
    built: Instant,
    window: Arc<Window>,
    pages: HashMap<Filters, Bytes>,
}

enum Found {
    Page(Bytes),
    Window(Arc<Window>),
    Nothing,
}

impl HomeCache {
    fn kept(&self) -> Result<MutexGuard<'_, Option<Kept>>, AppError> {
        self.kept
            .lock()
            .map_err(|_| AppError::Internal("home cache lock poisoned".into()))
    }

    fn find(&self, generation: Generation, filters: &Filters) -> Result<Found, AppError> {
        let kept = self.kept()?;
        let Some(k) = kept
            .as_ref()
            .filter(|k| k.window.generation.covers(generation) && k.built.elapsed() < TTL)
        else {
            return Ok(Found::Nothing);
        };
        Ok(match k.pages.get(filters) {
            Some(page) => Found::Page(page.clone()),
            None => Found::Window(k.window.clone()),
        })
    }

    /// Whatever is kept, of any generation: served while another request builds the newer one.
    fn find_stale(&self, filters: &Filters) -> Result<Found, AppError> {
        let kept = self.kept()?;
        let Some(k) = kept.as_ref().filter(|k| k.built.elapsed() < TTL) else {
            return Ok(Found::Nothing);
        };
        Ok(match k.pages.get(filters) {
            Some(page) => Found::Page(page.clone()),
            None => Found::Window(k.window.clone()),
        })
    }

    fn keep_window(&self, window: Arc<Window>) -> Result<(), AppError> {
        let mut kept = self.kept()?;
        // A slow build must not replace the window of a later generation.
        if kept
            .as_ref()
            .is_some_and(|k| k.window.generation.seq > window.generation.seq)
        {
            return Ok(());
        }
        *kept = Some(Kept {
            built: Instant::now(),
            window,
            pages: HashMap::new(),
        });
        Ok(())
    }

    /// Keeps `page`, rendered from `window`, if that window is still the kept one.
    fn keep_page(
        &self,
        window: &Arc<Window>,
        filters: Filters,
        page: Bytes,
    ) -> Result<(), AppError> {
        let mut kept = self.kept()?;
        if let Some(k) = kept.as_mut().filter(|k| Arc::ptr_eq(&k.window, window))
            && k.pages.len() < PAGES
        {
            k.pages.insert(filters, page);
        }
        Ok(())
    }
}

/// The home page's markup for `filters`, as of the store's latest commit.
pub async fn page(state: &Shared, filters: Filters) -> Result<Bytes, AppError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || page_now(&state, filters))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

fn generation_now(state: &AppState, store: &dyn Store) -> Result<Generation, AppError> {
    Ok(Generation {
        seq: store.max_seq()?,
        stories: crate::stories::ready(state)?,
    })
}

fn page_now(state: &AppState, filters: Filters) -> Result<Bytes, AppError> {
    let asked = generation_now(state, state.store()?.as_ref())?;
    let cache = &state.home;
    let window = match cache.find(asked, &filters)? {
        Found::Page(page) => return Ok(page),
        Found::Window(w) => w,
        Found::Nothing => {
            let poisoned = |_| AppError::Internal("home cache lock poisoned".into());
            let _building = match cache.building.try_lock() {
                Ok(guard) => guard,
                // Another request is building the newer window. Waiting for it made every
                // visitor pay for every commit under a steady stream of writes (p95 ~30 ms at
                // 100k articles); the kept window is older than this request's commit by at
                // most that one build, and the next request after the build sees it.
                Err(std::sync::TryLockError::WouldBlock) => match cache.find_stale(&filters)? {
                    Found::Page(page) => return Ok(page),
                    Found::Window(w) => return render(cache, &w, filters),
                    Found::Nothing => cache.building.lock().map_err(poisoned)?,
                },
                Err(std::sync::TryLockError::Poisoned(e)) => return Err(poisoned(e)),
            };
            match cache.find(asked, &filters)? {
                Found::Page(page) => return Ok(page),
                Found::Window(w) => w,
                Found::Nothing => {
                    let started = Instant::now();
                    let store = state.store()?;
                    // Read afresh: the window then also serves whoever queued behind this build.
                    let generation = generation_now(state, store.as_ref())?;
                    let w = Arc::new(Window::build(state, store.as_ref(), generation)?);
                    drop(store);
                    tracing::debug!(
                        seq = generation.seq,
                        ms = started.elapsed().as_secs_f64() * 1e3,
                        "home window built"
                    );
                    cache.keep_window(w.clone())?;
                    w
                }
            }
        }
    };
    render(cache, &window, filters)
}

fn render(cache: &HomeCache, window: &Arc<Window>, filters: Filters) -> Result<Bytes, AppError> {
    let page = Bytes::from(views::home(&window.view(&filters)).into_string());
    cache.keep_page(window, filters, page.clone())?;
    Ok(page)
}
