//! Feeds and sitemaps fetched from the fixture server and parsed; WARC files read from bytes.

mod support;

use std::io::Write;
use std::time::Duration;

use fetch::{FetchConfig, Fetcher, feed, sitemap, warc};
use support::Server;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        allow_private: true,
        min_delay: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn rss_atom_and_json_feeds_list_their_pages() {
    let srv = Server::start().await;
    let f = fetcher();
    let rss = f.get(&srv.url("/feed.xml"), None).await.unwrap();
    let items = feed::parse(&rss.bytes, Some(&rss.final_url)).unwrap();
    let urls: Vec<_> = items.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, [srv.url("/a/1.html"), srv.url("/a/2.html")]);
    assert_eq!(
        items[0].published.as_deref(),
        Some("2021-05-18T10:00:00+00:00")
    );

    let atom = f.get(&srv.url("/atom.xml"), None).await.unwrap();
    let items = feed::parse(&atom.bytes, Some(&atom.final_url)).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].url, srv.url("/a/3.html"));
    assert_eq!(items[0].title.as_deref(), Some("Three"));

    let json = f.get(&srv.url("/feed.json"), None).await.unwrap();
    let items = feed::parse(&json.bytes, Some(&json.final_url)).unwrap();
    assert_eq!(items[0].url, srv.url("/a/1.html"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sitemap_index_leads_to_plain_and_gzipped_sitemaps() {
    let srv = Server::start().await;
    let f = fetcher();
    let index = f.get(&srv.url("/sitemap_index.xml"), None).await.unwrap();
    let index = sitemap::parse(&index.bytes).unwrap();
    assert_eq!(
        index.sitemaps,
        [srv.url("/sitemap1.xml"), srv.url("/sitemap2.xml.gz")]
    );
    let mut locs = Vec::new();
    for child in &index.sitemaps {
        let got = f.get(child, None).await.unwrap();
        locs.extend(sitemap::parse(&got.bytes).unwrap().urls);
    }
    let urls: Vec<_> = locs.iter().map(|u| u.loc.clone()).collect();
    assert_eq!(
        urls,
        [
            srv.url("/a/1.html"),
            srv.url("/a/2.html"),
            srv.url("/a/3.html")
        ]
    );
    assert_eq!(locs[2].published.as_deref(), Some("2021-05-18T12:00:00Z"));
}

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let ct = if kind == "response" {
        "application/http; msgtype=response"
    } else {
        "application/warc-fields"
    };
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-05-18T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_block(ct: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn sample_records() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "", b"software: fixture\r\n"),
        record("request", "https://ex.test/a", b"GET /a HTTP/1.1\r\n\r\n"),
        record(
            "response",
            "https://ex.test/a",
            &http_block("text/html; charset=utf-8", b"<p>A</p>"),
        ),
        record(
            "response",
            "https://ex.test/big",
            &http_block("text/html", &vec![b'x'; 5000]),
        ),
        record(
            "response",
            "https://ex.test/b",
            &http_block(
                "text/html; charset=windows-1251",
                &support::cp1251("Привет"),
            ),
        ),
    ]
}

#[test]
fn warc_yields_response_records_and_skips_oversized_ones() {
    let bytes: Vec<u8> = sample_records().concat();
    let reader = warc::Reader::with_limit(std::io::Cursor::new(bytes), 1000).unwrap();
    let items: Vec<_> = reader.collect();
    assert_eq!(items.len(), 3, "{items:?}");
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.target_uri, "https://ex.test/a");
    assert_eq!(a.http_status, Some(200));
    assert_eq!(a.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(a.body, b"<p>A</p>");
    assert_eq!(a.date.as_deref(), Some("2021-05-18T10:00:00Z"));
    let big = items[1].as_ref().unwrap_err();
    assert!(matches!(big, warc::WarcError::RecordTooLarge { .. }) && !big.is_fatal());
    let b = items[2].as_ref().unwrap();
    assert_eq!(b.body, support::cp1251("Привет"));
}

#[test]
fn multi_member_gzip_warc_reads_like_plain() {
    // One gzip member per record, as Common Crawl writes WARC.gz.
    let gz: Vec<u8> = sample_records()
        .iter()
        .flat_map(|r| support::gzip(r))
        .collect();
    let uris: Vec<String> = warc::Reader::new(std::io::Cursor::new(gz))
        .unwrap()
        .filter_map(Result::ok)
        .map(|r| r.target_uri)
        .collect();
    assert_eq!(
        uris,
        [
            "https://ex.test/a",
            "https://ex.test/big",
            "https://ex.test/b"
        ]
    );
}

#[test]
fn truncated_warc_ends_with_an_error_not_a_panic() {
    let mut bytes: Vec<u8> = sample_records().concat();
    bytes.truncate(bytes.len() - 40);
    let items: Vec<_> = warc::Reader::new(std::io::Cursor::new(bytes))
        .unwrap()
        .collect();
    assert!(items.last().unwrap().as_ref().is_err_and(|e| e.is_fatal()));
    let mut junk = Vec::new();
    junk.write_all(b"not a warc at all\r\n\r\n").unwrap();
    let items: Vec<_> = warc::Reader::new(std::io::Cursor::new(junk))
        .unwrap()
        .collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].is_err());
}

#[test]
fn gzip_encoded_capture_is_decoded_and_a_bomb_is_refused() {
    let page = b"<html><body><p>encoded capture</p></body></html>";
    let mut block =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend(support::gzip(page));
    // Stored already decoded although the header still says gzip: kept as it stands.
    let mut stale =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    stale.extend_from_slice(page);
    let mut bomb =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    bomb.extend(support::gzip(&vec![b' '; 200_000]));
    let bytes = [
        record("response", "https://ex.test/enc", &block),
        record("response", "https://ex.test/stale", &stale),
        record("response", "https://ex.test/bomb", &bomb),
    ]
    .concat();
    let items: Vec<_> = warc::Reader::with_limit(std::io::Cursor::new(bytes), 100_000)
        .unwrap()
        .collect();
    assert_eq!(items[0].as_ref().unwrap().body, page);
    assert_eq!(items[1].as_ref().unwrap().body, page);
    assert!(matches!(
        items[2],
        Err(warc::WarcError::RecordTooLarge { .. })
    ));
}
