//! robots.txt, fetched once per scheme+host+port and kept for a while.
//!
//! Status handling follows RFC 9309: 4xx means no rules (allow all); 5xx or an unreachable
//! server means "assume complete disallow" until the entry expires and is fetched again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use texting_robots::Robot;
use url::Url;

use crate::FetchError;

pub fn key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or("").to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0)
    )
}

pub struct Entry {
    rules: Rules,
    pub crawl_delay: Option<Duration>,
    pub sitemaps: Vec<String>,
    fetched: Instant,
}

enum Rules {
    AllowAll,
    DisallowAll,
    Parsed(Box<Robot>),
}

impl Entry {
    pub fn allow_all() -> Self {
        Self::with(Rules::AllowAll)
    }

    fn with(rules: Rules) -> Self {
        Self {
            rules,
            crawl_delay: None,
            sitemaps: Vec::new(),
            fetched: Instant::now(),
        }
    }

    pub fn from_response(agent: &str, status: u16, body: &[u8]) -> Self {
        match status {
            200..=299 => match Robot::new(agent, body) {
                Ok(robot) => {
                    let crawl_delay = robot
                        .delay
                        .filter(|d| d.is_finite() && *d > 0.0)
                        .map(|d| Duration::from_secs_f32(d.min(86_400.0)));
                    let sitemaps = robot.sitemaps.clone();
                    Self {
                        rules: Rules::Parsed(Box::new(robot)),
                        crawl_delay,
                        sitemaps,
                        fetched: Instant::now(),
                    }
                }
                // Unparseable rules are no rules.
                Err(_) => Self::allow_all(),
            },
            400..=499 => Self::allow_all(),
            _ => Self::with(Rules::DisallowAll),
        }
    }

    /// A robots.txt we could not fetch: refusals by our own guard or a bad URL mean we would
    /// not fetch the page either; anything else is "unreachable", i.e. disallow for now.
    pub fn from_error(err: &FetchError) -> Self {
        match err {
            FetchError::Status { status, .. } => Self::from_response("", *status, b""),
            FetchError::TooLarge { .. } | FetchError::ContentType { .. } => Self::allow_all(),
            _ => Self::with(Rules::DisallowAll),
        }
    }

    pub fn allows(&self, url: &str) -> bool {
        match &self.rules {
            Rules::AllowAll => true,
            Rules::DisallowAll => false,
            Rules::Parsed(robot) => robot.allowed(url),
        }
    }
}

pub struct Cache {
    ttl: Duration,
    map: Mutex<HashMap<String, Arc<Entry>>>,
    /// One fetch of a host's robots.txt at a time: callers arriving together for a new host
    /// wait for the first one's answer instead of each spending a turn on the same file.
    fetching: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Cache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            map: Mutex::new(HashMap::new()),
            fetching: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key)
            .filter(|e| e.fetched.elapsed() < self.ttl)
            .cloned()
    }

    /// The lock to hold while fetching `key`'s robots.txt.
    pub fn fetch_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut map = self.fetching.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key.to_owned()).or_default().clone()
    }

    pub fn insert(&self, key: String, entry: Entry) -> Arc<Entry> {
        let entry = Arc::new(entry);
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(key, entry.clone());
        entry
    }
}
