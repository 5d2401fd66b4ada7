//! Undoing Content-Encoding ourselves, so the decoded size can be capped: the HTTP client's own
//! decompression has no limit, and a few kilobytes of gzip can expand to gigabytes.

use std::io::Read;

use crate::FetchError;

pub fn decode(
    url: &str,
    encoding: Option<&str>,
    raw: Vec<u8>,
    limit: u64,
) -> Result<Vec<u8>, FetchError> {
    let encoding = encoding.unwrap_or("identity").trim().to_ascii_lowercase();
    // Stacked encodings ("gzip, br") are applied in order, so they are undone in reverse.
    let mut body = raw;
    for enc in encoding
        .rsplit(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        body = match enc {
            "identity" => body,
            "gzip" | "x-gzip" => capped(
                url,
                enc,
                flate2::read::MultiGzDecoder::new(&body[..]),
                limit,
            )?,
            "deflate" => {
                // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
                match capped(url, enc, flate2::read::ZlibDecoder::new(&body[..]), limit) {
                    Err(FetchError::BadEncoding { .. }) => capped(
                        url,
                        enc,
                        flate2::read::DeflateDecoder::new(&body[..]),
                        limit,
                    )?,
                    other => other?,
                }
            }
            "br" => capped(
                url,
                enc,
                brotli_decompressor::Decompressor::new(&body[..], 64 * 1024),
                limit,
            )?,
            other => {
                return Err(FetchError::BadEncoding {
                    url: url.to_owned(),
                    encoding: other.to_owned(),
                    reason: "unsupported content encoding".to_owned(),
                });
            }
        };
    }
    if body.len() as u64 > limit {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
            limit,
        });
    }
    Ok(body)
}

/// Read a decoder to its end, failing as soon as it yields more than `limit` bytes.
pub fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, CapError> {
    let mut out = Vec::new();
    let mut taken = reader.take(limit.saturating_add(1));
    taken.read_to_end(&mut out).map_err(CapError::Corrupt)?;
    if out.len() as u64 > limit {
        return Err(CapError::Exceeded);
    }
    Ok(out)
}

#[derive(Debug)]
pub enum CapError {
    Exceeded,
    Corrupt(std::io::Error),
}

fn capped(url: &str, enc: &str, reader: impl Read, limit: u64) -> Result<Vec<u8>, FetchError> {
    read_capped(reader, limit).map_err(|e| match e {
        CapError::Exceeded => FetchError::DecompressionBomb {
            url: url.to_owned(),
            limit,
        },
        CapError::Corrupt(err) => FetchError::BadEncoding {
            url: url.to_owned(),
            encoding: enc.to_owned(),
            reason: err.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_within_limit_is_decoded() {
        let out = decode("u", Some("gzip"), gzip(b"hello"), 100).unwrap();
        assert_eq!(out, b"hello");
    }

    #[test]
    fn gzip_past_limit_is_a_bomb() {
        let err = decode("u", Some("gzip"), gzip(&vec![0u8; 10_000]), 1000).unwrap_err();
        assert!(
            matches!(err, FetchError::DecompressionBomb { limit: 1000, .. }),
            "{err}"
        );
    }

    #[test]
    fn corrupt_gzip_is_a_typed_error() {
        let err = decode("u", Some("gzip"), b"\x1f\x8bnot gzip".to_vec(), 1000).unwrap_err();
        assert!(matches!(err, FetchError::BadEncoding { .. }), "{err}");
    }

    #[test]
    fn raw_deflate_is_accepted_as_deflate() {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"raw deflate body").unwrap();
        let out = decode("u", Some("deflate"), enc.finish().unwrap(), 100).unwrap();
        assert_eq!(out, b"raw deflate body");
    }

    #[test]
    fn unknown_encoding_is_refused() {
        let err = decode("u", Some("zstd"), b"x".to_vec(), 100).unwrap_err();
        assert!(matches!(err, FetchError::BadEncoding { .. }), "{err}");
    }
}
