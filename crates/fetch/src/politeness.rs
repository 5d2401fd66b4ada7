//! Per-host turn-taking: at most `concurrency` requests in flight per host, and each request
//! starts at least `delay` after the previous one to that host started.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use url::Url;

/// Politeness is per host name, whatever the scheme or port.
pub fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

pub struct Hosts {
    min_delay: Duration,
    concurrency: usize,
    map: Mutex<HashMap<String, Arc<Host>>>,
}

struct Host {
    permits: Arc<Semaphore>,
    state: Mutex<HostState>,
}

struct HostState {
    delay: Duration,
    /// When the next request may start.
    next_start: Option<Instant>,
}

/// Holding this is holding one of the host's turns; dropping it frees the turn.
pub struct Turn {
    _permit: OwnedSemaphorePermit,
}

impl Hosts {
    pub fn new(min_delay: Duration, concurrency: usize) -> Self {
        Self {
            min_delay,
            concurrency: concurrency.max(1),
            map: Mutex::new(HashMap::new()),
        }
    }

    fn host(&self, key: &str) -> Arc<Host> {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key.to_owned())
            .or_insert_with(|| {
                Arc::new(Host {
                    permits: Arc::new(Semaphore::new(self.concurrency)),
                    state: Mutex::new(HostState {
                        delay: self.min_delay,
                        next_start: None,
                    }),
                })
            })
            .clone()
    }

    /// Crawl-delay from robots.txt: never lowers the configured minimum.
    pub fn raise_delay(&self, key: &str, delay: Duration) {
        let host = self.host(key);
        let mut st = host.state.lock().unwrap_or_else(|p| p.into_inner());
        if delay > st.delay {
            st.delay = delay;
        }
    }

    pub async fn acquire(&self, key: &str) -> Turn {
        let host = self.host(key);
        let permit = host
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphores are never closed");
        loop {
            let wait = {
                let mut st = host.state.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                match st.next_start {
                    Some(t) if t > now => Some(t),
                    _ => {
                        st.next_start = Some(now + st.delay);
                        None
                    }
                }
            };
            match wait {
                Some(t) => tokio::time::sleep_until(t).await,
                None => break,
            }
        }
        Turn { _permit: permit }
    }
}
