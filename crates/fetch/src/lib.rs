//! Polite, bounded HTTP fetching and the source formats Kronika reads: feeds, sitemaps, WARC.
//!
//! [`Fetcher::get`] is the only way pages come in from the network. Every request:
//! - is checked against robots.txt (cached per host, Crawl-delay honoured);
//! - waits its turn per host (one request at a time, at least `min_delay` apart);
//! - resolves the host itself and refuses private addresses unless `allow_private` (SSRF guard),
//!   on the first hop and on every redirect, connecting only to the address it checked;
//! - follows at most `max_redirects` redirects by hand;
//! - reads the body streamed up to `max_body`, then decompresses it itself up to
//!   `max_decompressed`, so a compression bomb is a typed error rather than a full disk.

mod decode;
pub mod feed;
mod guard;
mod politeness;
mod robots;
pub mod sitemap;
pub mod warc;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use url::Url;

pub use guard::is_private;

/// The honest default User-Agent: who we are and where to read about it.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "Kronika/",
    env!("CARGO_PKG_VERSION"),
    " (news-intelligence crawler; +https://github.com/kronika/kronika)"
);

/// The product token robots.txt groups are matched against.
pub const ROBOTS_AGENT: &str = "Kronika";

#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// The token matched against robots.txt `User-agent:` lines.
    pub robots_agent: String,
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of a response.
    pub read_timeout: Duration,
    /// Longest a whole request (headers and body) may take.
    pub total_timeout: Duration,
    /// Largest body on the wire, counted while streaming.
    pub max_body: u64,
    /// Largest body after Content-Encoding is undone; more is a compression bomb.
    pub max_decompressed: u64,
    pub max_redirects: usize,
    /// Media types (no parameters) accepted; empty accepts anything. A response without a
    /// Content-Type is accepted: many feeds and sitemaps are served without one.
    pub allowed_content_types: Vec<String>,
    /// Minimum time between two requests to one host; robots.txt Crawl-delay may raise it.
    pub min_delay: Duration,
    /// Ceiling on a robots.txt Crawl-delay, so one host cannot stall a run for hours.
    pub max_crawl_delay: Duration,
    /// Requests in flight per host; at most this many callers hold a host at once.
    pub per_host_concurrency: usize,
    /// How long a fetched robots.txt stays valid.
    pub robots_ttl: Duration,
    /// Permit loopback, private, link-local, multicast and unspecified addresses.
    pub allow_private: bool,
    /// Host names (exact, case-insensitive) allowed to resolve to private addresses even when
    /// `allow_private` is off: an intranet CMS, say. Redirects elsewhere are still checked.
    pub private_hosts: Vec<String>,
    /// Skip robots.txt (used for files the operator asked for by name, never by default).
    pub ignore_robots: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            robots_agent: ROBOTS_AGENT.to_owned(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_body: 10 * 1024 * 1024,
            max_decompressed: 10 * 1024 * 1024,
            max_redirects: 5,
            allowed_content_types: DEFAULT_CONTENT_TYPES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            min_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(60),
            per_host_concurrency: 1,
            robots_ttl: Duration::from_secs(3600),
            allow_private: false,
            private_hosts: Vec::new(),
            ignore_robots: false,
        }
    }
}

/// Pages, feeds, sitemaps (plain and gzip'd) and the catch-all types servers give them.
pub const DEFAULT_CONTENT_TYPES: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/plain",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
];

/// Validators from an earlier fetch, sent as If-None-Match / If-Modified-Since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the body came from after redirects.
    pub final_url: String,
    pub status: u16,
    /// The Content-Type header as sent (charset included), for the extractor's decoding.
    pub content_type: Option<String>,
    /// The body with Content-Encoding undone; empty when `not_modified`.
    pub bytes: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The server answered 304 to a conditional request.
    pub not_modified: bool,
    /// Each hop followed, first to last (the final URL excluded).
    pub redirects: Vec<String>,
}

impl Fetched {
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}

/// Why a fetch failed. Everything above `Client` is about the URL or the remote side (count it
/// against the source); `Client` and `Internal` are our own faults.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("unsupported scheme {scheme:?} (only http and https)")]
    UnsupportedScheme { scheme: String },
    #[error("robots.txt disallows {url}")]
    RobotsDisallowed { url: String },
    #[error("HTTP {status} from {url}")]
    Status { url: String, status: u16 },
    #[error("body of {url} exceeds {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("body of {url} expands past {limit} bytes when decompressed (compression bomb)")]
    DecompressionBomb { url: String, limit: u64 },
    #[error("cannot decode {encoding} body of {url}: {reason}")]
    BadEncoding {
        url: String,
        encoding: String,
        reason: String,
    },
    #[error("refused {url}: {host} resolves to non-public address {addr}")]
    SsrfRefused {
        url: String,
        host: String,
        addr: std::net::IpAddr,
    },
    #[error("cannot resolve {host}: {reason}")]
    Dns { host: String, reason: String },
    #[error("content type {content_type:?} of {url} is not accepted")]
    ContentType { url: String, content_type: String },
    #[error("timed out fetching {url}")]
    Timeout { url: String },
    #[error("cannot connect to {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("redirect loop at {url}")]
    RedirectLoop { url: String },
    #[error("more than {limit} redirects from {url}")]
    TooManyRedirects { url: String, limit: usize },
    #[error("redirect from {url} without a usable Location")]
    BadRedirect { url: String },
    #[error("transfer of {url} failed: {reason}")]
    Transfer { url: String, reason: String },
    #[error("HTTP client setup failed: {0}")]
    Client(String),
    #[error("internal fetch error: {0}")]
    Internal(String),
}

impl FetchError {
    /// True when the failure is ours rather than the URL's or the remote's.
    pub fn is_internal(&self) -> bool {
        matches!(self, FetchError::Client(_) | FetchError::Internal(_))
    }

    /// True when trying again later may succeed (timeouts, 5xx, 429, connection trouble).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            FetchError::Timeout { .. }
            | FetchError::Connect { .. }
            | FetchError::Dns { .. }
            | FetchError::Transfer { .. } => true,
            _ => false,
        }
    }
}

/// A shared, cloneable fetcher: one connection pool, one robots cache, one per-host schedule.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    config: FetchConfig,
    client: reqwest::Client,
    hosts: politeness::Hosts,
    robots: robots::Cache,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let resolver = Arc::new(guard::CheckedResolver {
            allow_private: config.allow_private,
            private_hosts: lowercase(&config.private_hosts),
        });
        // Redirects, decompression and proxies are all handled (or refused) here: a redirect
        // must be SSRF-checked, decompression must be capped, and a proxy from the environment
        // would connect to addresses the guard never saw.
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .no_gzip()
            .no_brotli()
            .no_deflate()
            .no_proxy()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .dns_resolver(resolver)
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        let hosts = politeness::Hosts::new(config.min_delay, config.per_host_concurrency);
        Ok(Self {
            inner: Arc::new(Inner {
                robots: robots::Cache::new(config.robots_ttl),
                config,
                client,
                hosts,
            }),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// GET `url` politely; `conditional` makes it a conditional GET (304 → `not_modified`).
    /// 2xx and 304 are results; any other status is [`FetchError::Status`].
    pub async fn get(
        &self,
        url: &str,
        conditional: Option<Validators>,
    ) -> Result<Fetched, FetchError> {
        let mut current = parse_url(url)?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut redirects = Vec::new();
        loop {
            if !seen.insert(current.as_str().to_owned()) {
                return Err(FetchError::RedirectLoop {
                    url: current.to_string(),
                });
            }
            self.guard(&current).await?;
            if !self.inner.config.ignore_robots && !self.robots_allow(&current).await? {
                return Err(FetchError::RobotsDisallowed {
                    url: current.to_string(),
                });
            }
            let hop = self.request(&current, conditional.as_ref()).await?;
            match hop {
                Hop::Done(mut fetched) => {
                    fetched.redirects = redirects;
                    return Ok(fetched);
                }
                Hop::Redirect(next) => {
                    if redirects.len() >= self.inner.config.max_redirects {
                        return Err(FetchError::TooManyRedirects {
                            url: url.to_owned(),
                            limit: self.inner.config.max_redirects,
                        });
                    }
                    redirects.push(current.to_string());
                    current = next;
                }
            }
        }
    }

    /// Whether robots.txt lets us fetch `url` (fetching and caching robots.txt if needed).
    pub async fn robots_allow(&self, url: &Url) -> Result<bool, FetchError> {
        let entry = self.robots_for(url).await?;
        Ok(entry.allows(url.as_str()))
    }

    /// The Sitemap: lines of the host's robots.txt.
    pub async fn robots_sitemaps(&self, url: &str) -> Result<Vec<String>, FetchError> {
        let url = parse_url(url)?;
        self.guard(&url).await?;
        Ok(self.robots_for(&url).await?.sitemaps.clone())
    }

    async fn robots_for(&self, url: &Url) -> Result<Arc<robots::Entry>, FetchError> {
        let key = robots::key(url);
        if let Some(entry) = self.inner.robots.get(&key) {
            return Ok(entry);
        }
        let lock = self.inner.robots.fetch_lock(&key);
        let _fetching = lock.lock().await;
        if let Some(entry) = self.inner.robots.get(&key) {
            return Ok(entry);
        }
        let robots_url = url
            .join("/robots.txt")
            .map_err(|e| FetchError::Internal(e.to_string()))?;
        let agent = &self.inner.config.robots_agent;
        let entry = match self.fetch_once(&robots_url, None, 512 * 1024).await {
            Ok(Raw::Body { status, bytes, .. }) => {
                robots::Entry::from_response(agent, status, &bytes)
            }
            // A redirected robots.txt is followed once, as RFC 9309 allows, within limits.
            Ok(Raw::Redirect(next)) if self.public_ok(&next).await => {
                match self.fetch_once(&next, None, 512 * 1024).await {
                    Ok(Raw::Body { status, bytes, .. }) => {
                        robots::Entry::from_response(agent, status, &bytes)
                    }
                    Ok(Raw::Redirect(_)) => robots::Entry::allow_all(),
                    Err(e) => robots::Entry::from_error(&e),
                }
            }
            Ok(Raw::Redirect(_)) => robots::Entry::allow_all(),
            Err(e) => robots::Entry::from_error(&e),
        };
        let delay = entry
            .crawl_delay
            .map(|d| d.min(self.inner.config.max_crawl_delay));
        if let Some(d) = delay {
            self.inner.hosts.raise_delay(&politeness::host_key(url), d);
        }
        Ok(self.inner.robots.insert(key, entry))
    }

    async fn public_ok(&self, url: &Url) -> bool {
        self.guard(url).await.is_ok()
    }

    /// Resolve the host and refuse non-public addresses (unless allowed).
    async fn guard(&self, url: &Url) -> Result<(), FetchError> {
        let config = &self.inner.config;
        if config.allow_private || guard::host_listed(url.host_str(), &config.private_hosts) {
            return Ok(());
        }
        guard::check_url(url).await
    }

    async fn request(
        &self,
        url: &Url,
        conditional: Option<&Validators>,
    ) -> Result<Hop, FetchError> {
        let max = self.inner.config.max_body;
        match self.fetch_once(url, conditional, max).await? {
            Raw::Redirect(next) => Ok(Hop::Redirect(next)),
            Raw::Body {
                status,
                headers,
                bytes,
            } => {
                let content_type = header_str(&headers, header::CONTENT_TYPE);
                let etag = header_str(&headers, header::ETAG);
                let last_modified = header_str(&headers, header::LAST_MODIFIED);
                if status == 304 {
                    return Ok(Hop::Done(Fetched {
                        final_url: url.to_string(),
                        status,
                        content_type,
                        bytes: Vec::new(),
                        etag: etag.or_else(|| conditional.and_then(|v| v.etag.clone())),
                        last_modified: last_modified
                            .or_else(|| conditional.and_then(|v| v.last_modified.clone())),
                        not_modified: true,
                        redirects: Vec::new(),
                    }));
                }
                if !(200..300).contains(&status) {
                    return Err(FetchError::Status {
                        url: url.to_string(),
                        status,
                    });
                }
                let encoding = header_str(&headers, header::CONTENT_ENCODING);
                let limit = self.inner.config.max_decompressed;
                let url_s = url.to_string();
                let bytes = tokio::task::spawn_blocking(move || {
                    decode::decode(&url_s, encoding.as_deref(), bytes, limit)
                })
                .await
                .map_err(|e| FetchError::Internal(e.to_string()))??;
                Ok(Hop::Done(Fetched {
                    final_url: url.to_string(),
                    status,
                    content_type,
                    bytes,
                    etag,
                    last_modified,
                    not_modified: false,
                    redirects: Vec::new(),
                }))
            }
        }
    }

    /// One request, in the host's turn: status, headers and the raw (still encoded) body.
    async fn fetch_once(
        &self,
        url: &Url,
        conditional: Option<&Validators>,
        max_body: u64,
    ) -> Result<Raw, FetchError> {
        let _turn = self.inner.hosts.acquire(&politeness::host_key(url)).await;
        let mut req = self
            .inner
            .client
            .get(url.clone())
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br");
        if let Some(v) = conditional {
            if let Some(etag) = &v.etag {
                req = req.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let mut resp = req.send().await.map_err(|e| map_reqwest(url, e))?;
        let status = resp.status().as_u16();
        if resp.status().is_redirection() && status != 304 {
            let next = resp
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| url.join(loc).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .ok_or_else(|| FetchError::BadRedirect {
                    url: url.to_string(),
                })?;
            return Ok(Raw::Redirect(next));
        }
        if (200..300).contains(&status) {
            self.check_content_type(url, resp.headers())?;
            if resp.content_length().is_some_and(|n| n > max_body) {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit: max_body,
                });
            }
        }
        let headers = resp.headers().clone();
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| map_reqwest(url, e))? {
            if bytes.len() as u64 + chunk.len() as u64 > max_body {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit: max_body,
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Raw::Body {
            status,
            headers,
            bytes,
        })
    }

    fn check_content_type(&self, url: &Url, headers: &HeaderMap) -> Result<(), FetchError> {
        let allowed = &self.inner.config.allowed_content_types;
        let Some(ct) = header_str(headers, header::CONTENT_TYPE) else {
            return Ok(());
        };
        if allowed.is_empty() {
            return Ok(());
        }
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if allowed.iter().any(|a| a.eq_ignore_ascii_case(&essence)) {
            return Ok(());
        }
        Err(FetchError::ContentType {
            url: url.to_string(),
            content_type: ct,
        })
    }
}

enum Hop {
    Done(Fetched),
    Redirect(Url),
}

enum Raw {
    Body {
        status: u16,
        headers: HeaderMap,
        bytes: Vec<u8>,
    },
    Redirect(Url),
}

fn lowercase(hosts: &[String]) -> Vec<String> {
    hosts.iter().map(|h| h.to_ascii_lowercase()).collect()
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::UnsupportedScheme {
            scheme: parsed.scheme().to_owned(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl {
            url: url.to_owned(),
            reason: "no host".to_owned(),
        });
    }
    Ok(parsed)
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn map_reqwest(url: &Url, err: reqwest::Error) -> FetchError {
    if let Some(refused) = guard::find_refusal(&err) {
        return FetchError::SsrfRefused {
            url: url.to_string(),
            host: refused.host.clone(),
            addr: refused.addr,
        };
    }
    if err.is_timeout() {
        return FetchError::Timeout {
            url: url.to_string(),
        };
    }
    let reason = error_chain(&err);
    if err.is_connect() {
        FetchError::Connect {
            url: url.to_string(),
            reason,
        }
    } else if err.is_builder() {
        FetchError::Internal(reason)
    } else {
        FetchError::Transfer {
            url: url.to_string(),
            reason,
        }
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
