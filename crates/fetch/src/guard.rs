//! SSRF guard: a URL is fetched only if every address its host resolves to is public.
//!
//! Checked twice on purpose: [`check_url`] before each hop gives a typed error, and
//! [`CheckedResolver`] is the resolver the HTTP client connects through, so the address connected
//! to is one that passed the check even if DNS answers differently the second time (rebinding).
//! IP-literal hosts never reach a resolver, which is why `check_url` also looks at them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use crate::FetchError;

/// Loopback, private, link-local, multicast, unspecified, broadcast, shared (CGNAT),
/// "this network", IPv6 unique-local, and IPv4-mapped/compatible forms of all of those.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_private(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4_private(v4);
            }
            let seg = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // fc00::/7 unique local
                || (seg[0] & 0xfe00) == 0xfc00
                // fe80::/10 link-local
                || (seg[0] & 0xffc0) == 0xfe80
                // fec0::/10 deprecated site-local, still routed privately
                || (seg[0] & 0xffc0) == 0xfec0
                // ::a.b.c.d IPv4-compatible (deprecated), judged by its IPv4 part
                || (seg[..6] == [0, 0, 0, 0, 0, 0] && v4_private(compat_v4(v6)))
                // 64:ff9b::/96 NAT64 wrapping a private IPv4
                || (seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && v4_private(compat_v4(v6)))
        }
    }
}

fn compat_v4(v6: Ipv6Addr) -> Ipv4Addr {
    let o = v6.octets();
    Ipv4Addr::new(o[12], o[13], o[14], o[15])
}

fn v4_private(v4: Ipv4Addr) -> bool {
    let o = v4.octets();
    v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_multicast()
        || v4.is_unspecified()
        || v4.is_broadcast()
        // 0.0.0.0/8 "this network"
        || o[0] == 0
        // 100.64.0.0/10 shared address space (carrier-grade NAT)
        || (o[0] == 100 && (o[1] & 0xc0) == 64)
        // 192.0.0.0/24 IETF protocol assignments
        || (o[0] == 192 && o[1] == 0 && o[2] == 0)
        // 198.18.0.0/15 benchmarking
        || (o[0] == 198 && (o[1] & 0xfe) == 18)
        // 240.0.0.0/4 reserved
        || o[0] >= 240
}

/// The error a refused resolution carries through the HTTP client, found again by
/// [`find_refusal`] so the caller still gets `SsrfRefused`.
#[derive(Debug, thiserror::Error)]
#[error("{host} resolves to non-public address {addr}")]
pub struct Refused {
    pub host: String,
    pub addr: IpAddr,
}

pub fn find_refusal<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(r) = e.downcast_ref::<Refused>() {
            return Some(r);
        }
        cur = e.source();
    }
    None
}

pub async fn check_url(url: &Url) -> Result<(), FetchError> {
    let port = url.port_or_known_default().unwrap_or(80);
    let (host, addrs): (String, Vec<IpAddr>) = match url.host() {
        Some(Host::Ipv4(ip)) => (ip.to_string(), vec![IpAddr::V4(ip)]),
        Some(Host::Ipv6(ip)) => (ip.to_string(), vec![IpAddr::V6(ip)]),
        Some(Host::Domain(d)) => {
            let found = tokio::net::lookup_host((d, port))
                .await
                .map_err(|e| FetchError::Dns {
                    host: d.to_owned(),
                    reason: e.to_string(),
                })?;
            (d.to_owned(), found.map(|sa| sa.ip()).collect())
        }
        None => {
            return Err(FetchError::InvalidUrl {
                url: url.to_string(),
                reason: "no host".to_owned(),
            });
        }
    };
    if addrs.is_empty() {
        return Err(FetchError::Dns {
            host,
            reason: "no addresses".to_owned(),
        });
    }
    if let Some(bad) = addrs.into_iter().find(|ip| is_private(*ip)) {
        return Err(FetchError::SsrfRefused {
            url: url.to_string(),
            host,
            addr: bad,
        });
    }
    Ok(())
}

/// The client's resolver: resolves with the system resolver, refuses the whole name if any
/// address is non-public (a name mixing public and private answers is a rebinding tell).
pub struct CheckedResolver {
    pub allow_private: bool,
    /// Lower-cased names exempt from the check.
    pub private_hosts: Vec<String>,
}

pub fn host_listed(host: Option<&str>, listed: &[String]) -> bool {
    host.is_some_and(|h| {
        let h = h.trim_start_matches('[').trim_end_matches(']');
        listed.iter().any(|l| l.eq_ignore_ascii_case(h))
    })
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private =
            self.allow_private || host_listed(Some(name.as_str()), &self.private_hosts);
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allow_private && let Some(bad) = found.iter().find(|sa| is_private(sa.ip())) {
                let refused = Refused {
                    host,
                    addr: bad.ip(),
                };
                return Err(Box::new(refused) as Box<dyn std::error::Error + Send + Sync>);
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_are_recognised() {
        for s in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "224.0.0.1",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_private(s.parse().unwrap()), "{s} should be private");
        }
        for s in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_private(s.parse().unwrap()), "{s} should be public");
        }
    }
}
