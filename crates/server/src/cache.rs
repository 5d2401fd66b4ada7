//! Rendered pages kept for as long as the store has committed nothing since they were made.
//!
//! A page is a function of the store's contents; every commit, update and re-analysis of an
//! article takes a new store seq, so a page made at the store's current max seq is the page a
//! fresh render would give. Entries also expire after [`TTL`], as a backstop for changes that
//! bypass the commit sequence (none are known).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::error::AppError;

pub const TTL: Duration = Duration::from_secs(10);

/// Pages of one store generation, at most `budget` bytes of them.
pub struct PageCache {
    budget: usize,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    seq: i64,
    bytes: usize,
    pages: HashMap<String, (Instant, Bytes)>,
}

impl PageCache {
    pub fn new(budget: usize) -> Self {
        PageCache {
            budget,
            kept: Mutex::new(Kept::default()),
        }
    }

    fn kept(&self) -> Result<std::sync::MutexGuard<'_, Kept>, AppError> {
        self.kept
            .lock()
            .map_err(|_| AppError::Internal("page cache lock poisoned".into()))
    }

    /// The page kept under `key` if it was made at store seq `seq` or later (a request that saw
    /// `seq` began before any later commit, so a later page serves it too).
    pub fn get(&self, seq: i64, key: &str) -> Result<Option<Bytes>, AppError> {
        let kept = self.kept()?;
        if kept.seq < seq {
            return Ok(None);
        }
        Ok(kept
            .pages
            .get(key)
            .filter(|(made, _)| made.elapsed() < TTL)
            .map(|(_, page)| page.clone()))
    }

    /// Keeps `page`, made at store seq `seq`; pages of an earlier seq are dropped. When the
    /// budget is spent, expired pages make room, and failing that the page is not kept.
    pub fn put(&self, seq: i64, key: String, page: Bytes) -> Result<(), AppError> {
        let mut kept = self.kept()?;
        if seq < kept.seq {
            return Ok(());
        }
        if seq > kept.seq {
            *kept = Kept {
                seq,
                ..Kept::default()
            };
        }
        if let Some((_, old)) = kept.pages.remove(&key) {
            kept.bytes -= old.len();
        }
        if kept.bytes + page.len() > self.budget {
            kept.pages.retain(|_, (made, _)| made.elapsed() < TTL);
            kept.bytes = kept.pages.values().map(|(_, p)| p.len()).sum();
            if kept.bytes + page.len() > self.budget {
                return Ok(());
            }
        }
        kept.bytes += page.len();
        kept.pages.insert(key, (Instant::now(), page));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_served_only_to_requests_that_saw_no_later_commit() {
        let cache = PageCache::new(1 << 20);
        cache
            .put(7, "a".into(), Bytes::from_static(b"seven"))
            .unwrap();
        assert_eq!(cache.get(7, "a").unwrap().as_deref(), Some(&b"seven"[..]));
        assert_eq!(cache.get(8, "a").unwrap(), None);
        assert_eq!(cache.get(7, "b").unwrap(), None);
        assert_eq!(cache.get(6, "a").unwrap().as_deref(), Some(&b"seven"[..]));
        // A later commit drops the pages of earlier ones; a late earlier page is not kept.
        cache
            .put(8, "b".into(), Bytes::from_static(b"eight"))
            .unwrap();
        assert_eq!(cache.get(7, "a").unwrap(), None);
        cache
            .put(7, "a".into(), Bytes::from_static(b"seven"))
            .unwrap();
        assert_eq!(cache.get(8, "a").unwrap(), None);
        assert_eq!(cache.get(8, "b").unwrap().as_deref(), Some(&b"eight"[..]));
    }

    #[test]
    fn pages_beyond_the_budget_are_not_kept() {
        let cache = PageCache::new(10);
        cache
            .put(1, "a".into(), Bytes::from_static(b"123456"))
            .unwrap();
        cache
            .put(1, "b".into(), Bytes::from_static(b"123456"))
            .unwrap();
        assert!(cache.get(1, "a").unwrap().is_some());
        assert_eq!(cache.get(1, "b").unwrap(), None);
        // Replacing a page counts its new size only.
        cache
            .put(1, "a".into(), Bytes::from_static(b"1234567890"))
            .unwrap();
        assert_eq!(cache.get(1, "a").unwrap().map(|p| p.len()), Some(10));
    }
}
