//! A streaming reader for WARC 1.0/1.1 files, plain or gzip'd (one gzip member per record, as
//! Common Crawl writes them, or one member for the whole file).
//!
//! Written by hand: the format is a simple header block plus a length-prefixed payload, and the
//! crates.io `warc` crate is thinly maintained and reads each record's block whole with no size
//! bound. Here every record is bounded (`max_record`): an oversized one is skipped without being
//! held in memory and reported as a recoverable error, and iteration goes on.

use std::io::{self, BufRead, BufReader, Read};

/// Default bound on one record's block; CC-NEWS responses are far below it.
pub const DEFAULT_MAX_RECORD: u64 = 20 * 1024 * 1024;
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// An HTTP response captured in a WARC `response` record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcResponse {
    pub target_uri: String,
    /// `WARC-Date`, as written (ISO 8601).
    pub date: Option<String>,
    pub record_id: Option<String>,
    pub http_status: Option<u16>,
    /// The captured response's Content-Type header (charset included).
    pub content_type: Option<String>,
    /// The captured response's headers, in order.
    pub http_headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("reading WARC: {0}")]
    Io(#[from] io::Error),
    #[error("malformed WARC at record {record}: {reason}")]
    Malformed { record: u64, reason: String },
    #[error("WARC record for {uri} is {length} bytes, over the {limit}-byte limit; skipped")]
    RecordTooLarge {
        uri: String,
        length: u64,
        limit: u64,
    },
}

impl WarcError {
    /// A fatal error ends the stream; the others concern one record only.
    pub fn is_fatal(&self) -> bool {
        !matches!(self, WarcError::RecordTooLarge { .. })
    }
}

/// Iterates over the `response` records of a WARC stream; other record types are skipped.
pub struct Reader {
    input: Box<dyn BufRead + Send>,
    max_record: u64,
    records: u64,
    finished: bool,
}

impl Reader {
    /// Wraps `input`, detecting gzip from its first bytes.
    pub fn new<R: Read + Send + 'static>(input: R) -> io::Result<Self> {
        Self::with_limit(input, DEFAULT_MAX_RECORD)
    }

    pub fn with_limit<R: Read + Send + 'static>(input: R, max_record: u64) -> io::Result<Self> {
        let mut buffered = BufReader::with_capacity(64 * 1024, input);
        let gz = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let input: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                flate2::bufread::MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        Ok(Self {
            input,
            max_record,
            records: 0,
            finished: false,
        })
    }

    /// Records read so far, of every type.
    pub fn records_seen(&self) -> u64 {
        self.records
    }

    fn malformed(&mut self, reason: impl Into<String>) -> WarcError {
        self.finished = true;
        WarcError::Malformed {
            record: self.records,
            reason: reason.into(),
        }
    }

    /// Reads one header line (without its line ending); `None` at end of input.
    fn line(&mut self) -> Result<Option<String>, WarcError> {
        let mut raw = Vec::new();
        let n = (&mut self.input)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut raw)?;
        if n == 0 {
            return Ok(None);
        }
        if !raw.ends_with(b"\n") && n >= MAX_HEADER_BYTES {
            return Err(self.malformed("header line too long"));
        }
        while raw.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            raw.pop();
        }
        Ok(Some(String::from_utf8_lossy(&raw).into_owned()))
    }

    fn skip(&mut self, n: u64) -> Result<(), WarcError> {
        let copied = io::copy(&mut (&mut self.input).take(n), &mut io::sink())?;
        if copied < n {
            return Err(self.malformed("record block cut short"));
        }
        Ok(())
    }

    fn next_record(&mut self) -> Result<Option<WarcResponse>, WarcError> {
        loop {
            // Records are separated by blank lines; skip them to the version line.
            let version = loop {
                match self.line()? {
                    None => return Ok(None),
                    Some(l) if l.trim().is_empty() => continue,
                    Some(l) => break l,
                }
            };
            if !version.starts_with("WARC/") {
                return Err(
                    self.malformed(format!("expected a WARC version line, got {version:.60?}"))
                );
            }
            self.records += 1;
            let mut headers: Vec<(String, String)> = Vec::new();
            let mut header_bytes = 0usize;
            loop {
                let Some(l) = self.line()? else {
                    return Err(self.malformed("end of input inside record headers"));
                };
                if l.is_empty() {
                    break;
                }
                header_bytes += l.len();
                if header_bytes > MAX_HEADER_BYTES {
                    return Err(self.malformed("record headers too long"));
                }
                if let Some((k, v)) = l.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
            let get = |name: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            let Some(length) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
                return Err(self.malformed("record without a valid Content-Length"));
            };
            let is_http_response = get("warc-type")
                .is_some_and(|t| t.eq_ignore_ascii_case("response"))
                && get("content-type")
                    .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
            if !is_http_response {
                self.skip(length)?;
                continue;
            }
            let uri = get("warc-target-uri")
                .unwrap_or_default()
                .trim_matches(|c| c == '<' || c == '>')
                .to_owned();
            if length > self.max_record {
                self.skip(length)?;
                return Err(WarcError::RecordTooLarge {
                    uri,
                    length,
                    limit: self.max_record,
                });
            }
            let mut block = Vec::with_capacity(length as usize);
            (&mut self.input).take(length).read_to_end(&mut block)?;
            if (block.len() as u64) < length {
                return Err(self.malformed("record block cut short"));
            }
            let mut resp = parse_http(&block);
            if let Some(enc) = resp.header("content-encoding") {
                match crate::decode::decode(
                    &uri,
                    Some(&enc),
                    std::mem::take(&mut resp.body),
                    self.max_record,
                ) {
                    Ok(plain) => resp.body = plain,
                    Err(
                        crate::FetchError::DecompressionBomb { .. }
                        | crate::FetchError::TooLarge { .. },
                    ) => {
                        return Err(WarcError::RecordTooLarge {
                            uri,
                            length,
                            limit: self.max_record,
                        });
                    }
                    // Crawlers often store the payload already decoded while keeping the
                    // header (or renaming it); an undecodable body is taken as it stands.
                    Err(_) => resp.body = block_body(&block),
                }
            }
            resp.target_uri = uri;
            resp.date = get("warc-date");
            resp.record_id = get("warc-record-id");
            return Ok(Some(resp));
        }
    }
}

impl Iterator for Reader {
    type Item = Result<WarcResponse, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(e) => {
                if e.is_fatal() {
                    self.finished = true;
                }
                Some(Err(e))
            }
        }
    }
}

impl WarcResponse {
    /// A captured HTTP header's value (the first, case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        self.http_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }
}

/// The body as `parse_http` found it, for when decoding it failed.
fn block_body(block: &[u8]) -> Vec<u8> {
    parse_http(block).body
}

/// Splits a captured HTTP response into status, headers and body. A block that is not HTTP
/// (some archives store bare payloads) is kept whole as the body.
fn parse_http(block: &[u8]) -> WarcResponse {
    let mut out = WarcResponse::default();
    let split = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = split.filter(|_| block.starts_with(b"HTTP/")) else {
        out.body = block.to_vec();
        return out;
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    out.http_status = lines
        .next()
        .and_then(|status| status.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok());
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            out.http_headers
                .push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        out.http_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    out.content_type = header("content-type");
    let mut body = block[body_start..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        && let Some(plain) = dechunk(&body)
    {
        body = plain;
    }
    out.body = body;
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes chunked transfer coding; `None` if the body is not validly chunked (crawlers often
/// store it already de-chunked while keeping the header).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_str = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}
