//! WARC files (ISO 28500), as web crawlers and Common Crawl write them: a streaming record
//! reader, and the HTML pages inside their HTTP `response` records.
//!
//! [`WarcReader`] reads one record header at a time and leaves the content in the stream until
//! it is asked for, so a file of any length goes through in constant memory; [`open`] inflates
//! a gzip file (one member per record, as Common Crawl writes them, or one for the whole file)
//! on the fly. [`HtmlRecords`] walks a stream and yields the HTML pages of its HTTP responses
//! with the HTTP headers stripped, and says why it passes over every other record.
//!
//! No input makes this module panic or allocate without bound: header blocks are capped at
//! [`MAX_HEADER_BYTES`], content is read only below a limit the caller gives, and a truncated
//! or garbled stream is a [`WarcError`] after which the reader stops.

use std::io::{self, BufRead, BufReader, Read};

use crate::Format;

/// Longest record header block (or HTTP header block) accepted, in bytes, from its first line
/// through the blank line that ends it.
pub const MAX_HEADER_BYTES: usize = 64 << 10;

/// Buffer size for reading a file and for the inflated stream.
const BUFFER_BYTES: usize = 64 << 10;

/// Why a WARC stream or one of its records could not be read.
///
/// After an error for which [`WarcError::is_fatal`] holds, the stream cannot be followed any
/// further and the reader yields nothing more; the others concern one record only.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// Reading or inflating the stream failed: an I/O error, or a corrupt or cut gzip member.
    #[error("record {record}: reading the stream failed: {source}")]
    Io {
        /// The record being read: its `WARC-Record-ID`, else `#` and its position.
        record: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// No WARC record starts where one should (not a WARC file, or a wrong `Content-Length`).
    #[error("record {record}: not a WARC record (no `WARC/` version line)")]
    NotWarc {
        /// The record expected: `#` and its position.
        record: String,
    },
    /// A record's header block is longer than [`MAX_HEADER_BYTES`].
    #[error("record {record}: header block over {limit} bytes")]
    HeaderTooLarge {
        /// The record: `#` and its position.
        record: String,
        /// The limit in force.
        limit: usize,
    },
    /// A record's header block is malformed.
    #[error("record {record}: bad header: {reason}")]
    BadHeader {
        /// The record: `#` and its position.
        record: String,
        /// What is wrong.
        reason: String,
    },
    /// The stream ends inside a record.
    #[error("record {record}: truncated: {reason}")]
    Truncated {
        /// The record cut short.
        record: String,
        /// Where it ends.
        reason: String,
    },
    /// A record's content is larger than the limit given; it is passed over unread.
    #[error("record {record}: content of {size} bytes is over the limit of {limit} bytes; skipped")]
    TooLarge {
        /// The record skipped.
        record: String,
        /// Its `Content-Length`.
        size: u64,
        /// The limit in force.
        limit: usize,
    },
    /// A response record's HTTP message is malformed or encoded in a way not supported.
    #[error("record {record}: bad HTTP response: {reason}")]
    BadHttp {
        /// The record.
        record: String,
        /// What is wrong.
        reason: String,
    },
}

impl WarcError {
    /// Whether the stream is lost after this error (the reader yields nothing more).
    #[must_use]
    pub fn is_fatal(&self) -> bool {
        !matches!(self, Self::TooLarge { .. } | Self::BadHttp { .. })
    }
}

/// The header block of one WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordHeader {
    /// The version line, such as `WARC/1.0`.
    pub version: String,
    /// The named fields in their order, names as written, values trimmed.
    pub fields: Vec<(String, String)>,
    /// The `Content-Length`: bytes of content after the header block.
    pub content_length: u64,
    /// Position of the record in the stream, from 1.
    pub number: u64,
}

impl RecordHeader {
    /// The first value of a field, by case-insensitive name.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }

    /// The `WARC-Type`: `warcinfo`, `response`, `request`, `metadata`, `revisit`...
    #[must_use]
    pub fn record_type(&self) -> Option<&str> {
        self.get("WARC-Type")
    }

    /// The `WARC-Record-ID`, as written (usually `<urn:uuid:...>`).
    #[must_use]
    pub fn record_id(&self) -> Option<&str> {
        self.get("WARC-Record-ID")
    }

    /// The `WARC-Target-URI`, without the angle brackets some writers put around it.
    #[must_use]
    pub fn target_uri(&self) -> Option<&str> {
        self.get("WARC-Target-URI").map(|uri| {
            uri.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .unwrap_or(uri)
        })
    }

    /// The record's name in messages: its id, else `#` and its position.
    #[must_use]
    pub fn label(&self) -> String {
        self.record_id()
            .map_or_else(|| format!("#{}", self.number), str::to_owned)
    }
}

/// Reads a WARC stream record by record; the content stays in the stream until read.
///
/// Call [`next_header`](Self::next_header) for each record, then
/// [`read_content`](Self::read_content) if its content is wanted; content left unread is
/// skipped by the next call to `next_header`, without being held in memory.
#[derive(Debug)]
pub struct WarcReader<R> {
    inner: R,
    /// Content bytes of the current record not read yet.
    unread: u64,
    /// Whether a record's header was read and its content and trailer are still to pass.
    in_record: bool,
    /// Records whose header was read.
    records: u64,
    /// The current record's name, for messages.
    label: String,
    /// Set after a fatal error: the stream cannot be followed.
    failed: bool,
}

/// A [`WarcReader`] over a plain or gzip-compressed stream; the gzip magic bytes decide.
///
/// Gzip files may hold one member per record (as Common Crawl writes them) or one in all.
///
/// # Errors
///
/// Reading the first bytes of the stream fails.
pub fn open<R: Read + Send + 'static>(inner: R) -> io::Result<WarcReader<Box<dyn BufRead + Send>>> {
    let mut buffered = BufReader::with_capacity(BUFFER_BYTES, inner);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let stream: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    Ok(WarcReader::new(stream))
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over an uncompressed WARC stream (see [`open`] for gzip).
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            unread: 0,
            in_record: false,
            records: 0,
            label: String::new(),
            failed: false,
        }
    }

    /// Reads the next record's header, skipping what is left of the current record.
    ///
    /// Returns `Ok(None)` at the end of the stream, and after a fatal error.
    ///
    /// # Errors
    ///
    /// The stream is truncated, corrupt or not WARC; all such errors are fatal.
    pub fn next_header(&mut self) -> Result<Option<RecordHeader>, WarcError> {
        if self.failed {
            return Ok(None);
        }
        let header = self.advance();
        if header.is_err() {
            self.failed = true;
        }
        header
    }

    /// Reads the current record's content, if it is at most `limit` bytes.
    ///
    /// # Errors
    ///
    /// [`WarcError::TooLarge`] when the content is over `limit` (it is then skipped by the next
    /// [`next_header`](Self::next_header), and the stream goes on); a fatal error when the
    /// stream ends before the content does or cannot be read.
    pub fn read_content(&mut self, limit: usize) -> Result<Vec<u8>, WarcError> {
        if self.failed || !self.in_record {
            return Ok(Vec::new());
        }
        if self.unread > limit as u64 {
            return Err(WarcError::TooLarge {
                record: self.label.clone(),
                size: self.unread,
                limit,
            });
        }
        let wanted = self.unread;
        let mut content = Vec::with_capacity((wanted as usize).min(BUFFER_BYTES * 16));
        let read = (&mut self.inner).take(wanted).read_to_end(&mut content);
        self.unread = 0;
        let outcome = match read {
            Err(source) => Err(stream_error(self.label.clone(), source)),
            Ok(got) if (got as u64) < wanted => Err(self.truncated(got as u64, wanted)),
            Ok(_) => Ok(content),
        };
        if outcome.is_err() {
            self.failed = true;
        }
        outcome
    }

    fn advance(&mut self) -> Result<Option<RecordHeader>, WarcError> {
        if self.in_record {
            self.finish_record()?;
        }
        let number = self.records + 1;
        let label = format!("#{number}");
        let io_error = |source| stream_error(label.clone(), source);
        // The version line, after any blank lines left between records.
        let mut line = Vec::new();
        let mut skipped = 0usize;
        loop {
            line.clear();
            let end = read_line(&mut self.inner, &mut line, MAX_HEADER_BYTES).map_err(io_error)?;
            if end == LineEnd::Eof && line.is_empty() {
                return Ok(None);
            }
            if is_blank(&line) && end == LineEnd::Newline {
                skipped += line.len();
                if skipped > MAX_HEADER_BYTES {
                    return Err(WarcError::NotWarc { record: label });
                }
                continue;
            }
            if !line.starts_with(b"WARC/") {
                return Err(WarcError::NotWarc { record: label });
            }
            match end {
                LineEnd::Newline => break,
                LineEnd::Eof => {
                    return Err(WarcError::Truncated {
                        record: label,
                        reason: "the stream ends in the header block".to_owned(),
                    });
                }
                LineEnd::TooLong => {
                    return Err(WarcError::HeaderTooLarge {
                        record: label,
                        limit: MAX_HEADER_BYTES,
                    });
                }
            }
        }
        let version = String::from_utf8_lossy(trim_eol(&line)).trim().to_owned();
        let mut block = Vec::new();
        loop {
            let start = block.len();
            // One budget for the whole block, not per line: endless short fields would
            // otherwise grow it without bound.
            let budget = MAX_HEADER_BYTES.saturating_sub(line.len() + block.len());
            match read_line(&mut self.inner, &mut block, budget).map_err(io_error)? {
                LineEnd::Newline if is_blank(&block[start..]) => {
                    block.truncate(start);
                    break;
                }
                LineEnd::Newline => {}
                LineEnd::Eof => {
                    return Err(WarcError::Truncated {
                        record: label,
                        reason: "the stream ends in the header block".to_owned(),
                    });
                }
                LineEnd::TooLong => {
                    return Err(WarcError::HeaderTooLarge {
                        record: label,
                        limit: MAX_HEADER_BYTES,
                    });
                }
            }
        }
        let fields = parse_fields(&block).map_err(|reason| WarcError::BadHeader {
            record: label.clone(),
            reason,
        })?;
        let content_length = match field(&fields, "Content-Length") {
            None => {
                return Err(WarcError::BadHeader {
                    record: label,
                    reason: "no Content-Length".to_owned(),
                });
            }
            Some(value) => value.parse::<u64>().map_err(|_| WarcError::BadHeader {
                record: label.clone(),
                reason: format!("Content-Length {value:?} is not a number"),
            })?,
        };
        let header = RecordHeader {
            version,
            fields,
            content_length,
            number,
        };
        self.records = number;
        self.unread = content_length;
        self.in_record = true;
        self.label = header.label();
        Ok(Some(header))
    }

    /// Skips the current record's unread content and the CRLF CRLF after it.
    fn finish_record(&mut self) -> Result<(), WarcError> {
        let wanted = self.unread;
        let skipped = io::copy(&mut (&mut self.inner).take(wanted), &mut io::sink())
            .map_err(|source| stream_error(self.label.clone(), source))?;
        self.unread = 0;
        self.in_record = false;
        if skipped < wanted {
            return Err(self.truncated(skipped, wanted));
        }
        // The record ends with CRLF CRLF; writers that put bare LFs or lose the trailer at the
        // very end of a file are forgiven: the next version line is checked anyway.
        let mut eaten = 0;
        while eaten < 4 {
            let buf = self
                .inner
                .fill_buf()
                .map_err(|source| stream_error(self.label.clone(), source))?;
            let run = buf
                .iter()
                .take(4 - eaten)
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if run == 0 {
                break;
            }
            self.inner.consume(run);
            eaten += run;
        }
        Ok(())
    }

    fn truncated(&self, got: u64, wanted: u64) -> WarcError {
        WarcError::Truncated {
            record: self.label.clone(),
            reason: format!("content ends after {got} of {wanted} bytes"),
        }
    }
}

/// An I/O error while reading `record`: a stream that ends early (a cut gzip member) is
/// reported as truncated.
fn stream_error(record: String, source: io::Error) -> WarcError {
    if source.kind() == io::ErrorKind::UnexpectedEof {
        WarcError::Truncated {
            record,
            reason: source.to_string(),
        }
    } else {
        WarcError::Io { record, source }
    }
}

/// How [`read_line`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    /// At a `\n`, which is kept.
    Newline,
    /// At the end of the stream.
    Eof,
    /// At the byte budget, before any `\n`.
    TooLong,
}

/// Appends one line, through its `\n`, to `buf`, taking at most `budget` bytes.
fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, budget: usize) -> io::Result<LineEnd> {
    let mut taken = 0;
    loop {
        let available = match r.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(LineEnd::Eof);
        }
        let room = budget - taken;
        if room == 0 {
            return Ok(LineEnd::TooLong);
        }
        let look = &available[..available.len().min(room)];
        if let Some(at) = look.iter().position(|&b| b == b'\n') {
            buf.extend_from_slice(&look[..=at]);
            r.consume(at + 1);
            return Ok(LineEnd::Newline);
        }
        let n = look.len();
        buf.extend_from_slice(look);
        r.consume(n);
        taken += n;
    }
}

fn is_blank(line: &[u8]) -> bool {
    trim_eol(line).is_empty()
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Parses `Name: value` lines (WARC and HTTP alike); indented lines continue the value above.
fn parse_fields(block: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in block.split(|&b| b == b'\n') {
        let line = trim_eol(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let text = String::from_utf8_lossy(line);
        if line[0] == b' ' || line[0] == b'\t' {
            match fields.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                None => return Err("a continuation line comes first".to_owned()),
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            let shown: String = text.chars().take(60).collect();
            return Err(format!("line without a colon: {shown:?}"));
        };
        fields.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(fields)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// An HTTP response, as stored in a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The header fields in their order.
    pub headers: Vec<(String, String)>,
    /// Bytes of the record content taken by the status line and headers.
    pub header_len: usize,
}

impl HttpResponse {
    /// Parses the status line and headers at the start of a response record's content.
    ///
    /// # Errors
    ///
    /// No status line, a bad status code, no end to the headers within [`MAX_HEADER_BYTES`],
    /// or a malformed header line.
    pub fn parse(content: &[u8]) -> Result<Self, String> {
        let head = &content[..content.len().min(MAX_HEADER_BYTES)];
        let header_len = find_blank_line(head).ok_or_else(|| {
            format!("no end of the HTTP headers in the first {MAX_HEADER_BYTES} bytes")
        })?;
        let block = &content[..header_len];
        let status_end = block
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(block.len());
        let status_line = String::from_utf8_lossy(trim_eol(&block[..status_end]));
        let mut parts = status_line.split_whitespace();
        let protocol = parts.next().unwrap_or_default();
        if !protocol.starts_with("HTTP/") {
            return Err("no HTTP status line".to_owned());
        }
        let status = parts
            .next()
            .and_then(|code| code.parse::<u16>().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let headers = parse_fields(&block[status_end.min(block.len())..])?;
        Ok(Self {
            status,
            headers,
            header_len,
        })
    }

    /// The first value of a header, by case-insensitive name.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        field(&self.headers, name)
    }

    /// The media type of `Content-Type`, lowercased, without parameters.
    #[must_use]
    pub fn mime(&self) -> Option<String> {
        let value = self.header("Content-Type")?;
        let mime = value.split(';').next().unwrap_or_default().trim();
        (!mime.is_empty()).then(|| mime.to_ascii_lowercase())
    }

    /// The `charset` parameter of `Content-Type`.
    #[must_use]
    pub fn charset(&self) -> Option<String> {
        let value = self.header("Content-Type")?;
        value.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            let value = value.trim().trim_matches(['"', '\'']).trim();
            (name.trim().eq_ignore_ascii_case("charset") && !value.is_empty())
                .then(|| value.to_owned())
        })
    }
}

/// The length of a header block ending in an empty line (CRLF CRLF or LF LF), that line included.
fn find_blank_line(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
        let next = at + nl + 1;
        let rest = &bytes[next..];
        if rest.starts_with(b"\r\n") {
            return Some(next + 2);
        }
        if rest.starts_with(b"\n") {
            return Some(next + 1);
        }
        at = next;
    }
    None
}

/// Decodes a `Transfer-Encoding: chunked` body; `None` when it is not well-formed chunking.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(trim_eol(&rest[..=nl])).ok()?;
        let size_text = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        let chunk = rest.get(..size)?;
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// An HTML page found in a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The record's `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// The record's `WARC-Target-URI`: the page's URL.
    pub target_uri: Option<String>,
    /// The record's position in the stream, from 1.
    pub number: u64,
    /// The `charset` of the HTTP `Content-Type`, if given.
    pub charset: Option<String>,
    /// The HTTP body: the page, with chunked transfer encoding undone.
    pub html: Vec<u8>,
}

/// Why [`HtmlRecords`] passed over a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// A record of another type than `response`: `warcinfo`, `request`, `metadata`, `revisit`...
    RecordType(String),
    /// A response that is not an HTTP message (a DNS lookup, for instance).
    NotHttp,
    /// An HTTP response with a status other than 2xx: redirects, errors.
    Status(u16),
    /// An HTTP response whose content is not HTML: images, PDFs, scripts...
    NotHtml(String),
}

impl Skip {
    /// A short name of the reason, for counting: the record type, `non-HTTP`, `non-2xx`, `non-HTML`.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::RecordType(kind) => kind,
            Self::NotHttp => "non-HTTP",
            Self::Status(_) => "non-2xx",
            Self::NotHtml(_) => "non-HTML",
        }
    }
}

/// One record, as [`HtmlRecords`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An HTML page to extract.
    Page(Page),
    /// A record holding no HTML page, and why.
    Skipped(Skip),
}

/// The HTML pages of a WARC stream's HTTP responses, and the reasons for passing over the rest.
///
/// Yields one [`Entry`] per record. A record whose content is over the limit or whose HTTP
/// message is malformed gives an error and the walk goes on; after a fatal error
/// ([`WarcError::is_fatal`]) it ends.
#[derive(Debug)]
pub struct HtmlRecords<R> {
    reader: WarcReader<R>,
    max_content: usize,
}

impl<R: BufRead> HtmlRecords<R> {
    /// Walks `reader`, reading the content of response records of at most `max_content` bytes.
    pub fn new(reader: WarcReader<R>, max_content: usize) -> Self {
        Self {
            reader,
            max_content,
        }
    }

    fn entry(&mut self, header: &RecordHeader) -> Result<Entry, WarcError> {
        let kind = header.record_type().unwrap_or("untyped");
        if !kind.eq_ignore_ascii_case("response") {
            return Ok(Entry::Skipped(Skip::RecordType(kind.to_ascii_lowercase())));
        }
        if header.get("Content-Type").is_some_and(|ct| {
            !ct.trim()
                .to_ascii_lowercase()
                .starts_with("application/http")
        }) {
            return Ok(Entry::Skipped(Skip::NotHttp));
        }
        let mut content = self.reader.read_content(self.max_content)?;
        if !content.starts_with(b"HTTP/") {
            return Ok(Entry::Skipped(Skip::NotHttp));
        }
        let bad_http = |reason| WarcError::BadHttp {
            record: header.label(),
            reason,
        };
        let response = HttpResponse::parse(&content).map_err(bad_http)?;
        if !(200..300).contains(&response.status) {
            return Ok(Entry::Skipped(Skip::Status(response.status)));
        }
        content.drain(..response.header_len);
        let mut body = content;
        if response
            .header("Transfer-Encoding")
            .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"))
        {
            // Some servers announce chunking and do not chunk: then the body is taken as is.
            if let Some(dechunked) = dechunk(&body) {
                body = dechunked;
            }
        }
        let html = match response.mime().as_deref() {
            Some("text/html" | "application/xhtml+xml") => true,
            None => crate::input::sniff(&body) == Format::Html,
            Some(_) => false,
        };
        if !html {
            let mime = response.mime().unwrap_or_else(|| "unknown".to_owned());
            return Ok(Entry::Skipped(Skip::NotHtml(mime)));
        }
        if let Some(encoding) = response.header("Content-Encoding") {
            let encoding = encoding.trim().to_ascii_lowercase();
            // A gzip body is inflated by the input stage (it starts with the gzip magic).
            if !matches!(encoding.as_str(), "" | "identity" | "gzip" | "x-gzip") {
                return Err(bad_http(format!(
                    "Content-Encoding {encoding} is not supported"
                )));
            }
        }
        Ok(Entry::Page(Page {
            record_id: header.record_id().map(str::to_owned),
            target_uri: header.target_uri().map(str::to_owned),
            number: header.number,
            charset: response.charset(),
            html: body,
        }))
    }
}

impl<R: BufRead> Iterator for HtmlRecords<R> {
    type Item = Result<Entry, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.next_header() {
            Ok(None) => None,
            Ok(Some(header)) => Some(self.entry(&header)),
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn record(kind: &str, id: &str, extra: &[(&str, &str)], content: &[u8]) -> Vec<u8> {
        use std::fmt::Write as _;
        let mut out =
            format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n");
        for (name, value) in extra {
            let _ = write!(out, "{name}: {value}\r\n");
        }
        let _ = write!(out, "Content-Length: {}\r\n\r\n", content.len());
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(content);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn response(id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
        record(
            "response",
            id,
            &[
                ("WARC-Target-URI", uri),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http,
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).expect("write");
        enc.finish().expect("finish")
    }

    const PAGE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<html><body><p>caf\xe9</p></body></html>";

    fn sample() -> Vec<Vec<u8>> {
        vec![
            record(
                "warcinfo",
                "1",
                &[("Content-Type", "application/warc-fields")],
                b"software: test\r\n",
            ),
            record(
                "request",
                "2",
                &[("WARC-Target-URI", "https://example.com/a")],
                b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
            ),
            response("3", "https://example.com/a", PAGE),
            response(
                "4",
                "https://example.com/logo.png",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n",
            ),
            response(
                "5",
                "https://example.com/b",
                b"HTTP/1.1 301 Moved\r\nLocation: /c\r\n\r\n",
            ),
            response(
                "6",
                "https://example.com/d",
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n7;x=y\r\n<body>!\r\n0\r\n\r\n",
            ),
            record(
                "metadata",
                "7",
                &[("Content-Type", "application/warc-fields")],
                b"fetchTimeMs: 12\r\n",
            ),
        ]
    }

    fn entries(bytes: Vec<u8>) -> Vec<Result<Entry, WarcError>> {
        let reader = open(Cursor::new(bytes)).expect("opens");
        HtmlRecords::new(reader, 1 << 20).collect()
    }

    fn check_sample(found: &[Result<Entry, WarcError>]) {
        let kinds: Vec<String> = found
            .iter()
            .map(|e| match e {
                Ok(Entry::Page(page)) => format!("page {}", page.number),
                Ok(Entry::Skipped(skip)) => skip.label().to_owned(),
                Err(e) => format!("error {e}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "warcinfo", "request", "page 3", "non-HTML", "non-2xx", "page 6", "metadata"
            ]
        );
        let Ok(Entry::Page(page)) = &found[2] else {
            unreachable!()
        };
        assert_eq!(page.record_id.as_deref(), Some("<urn:uuid:3>"));
        assert_eq!(page.target_uri.as_deref(), Some("https://example.com/a"));
        assert_eq!(page.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(page.html, b"<html><body><p>caf\xe9</p></body></html>");
        let Ok(Entry::Page(chunked)) = &found[5] else {
            unreachable!()
        };
        assert_eq!(chunked.html, b"<html><body>!");
        assert_eq!(chunked.charset, None);
    }

    #[test]
    fn walks_a_plain_file() {
        check_sample(&entries(sample().concat()));
    }

    #[test]
    fn walks_a_gzip_file_one_member_per_record() {
        let members: Vec<u8> = sample().iter().flat_map(|r| gzip(r)).collect();
        check_sample(&entries(members));
        // One member for the whole file works too.
        check_sample(&entries(gzip(&sample().concat())));
    }

    #[test]
    fn reads_headers_and_skips_unread_content() {
        let bytes = [
            record(
                "resource",
                "a",
                &[("X-Folded", "one\r\n two")],
                b"first content",
            ),
            record("resource", "b", &[], b"second"),
        ]
        .concat();
        let mut reader = WarcReader::new(Cursor::new(bytes));
        let first = reader.next_header().expect("reads").expect("a record");
        assert_eq!(first.version, "WARC/1.0");
        assert_eq!(first.record_type(), Some("resource"));
        assert_eq!(first.get("x-folded"), Some("one two"));
        assert_eq!(first.content_length, 13);
        let second = reader.next_header().expect("reads").expect("a record");
        assert_eq!(second.record_id(), Some("<urn:uuid:b>"));
        assert_eq!(reader.read_content(100).expect("content"), b"second");
        assert!(reader.next_header().expect("end").is_none());
    }

    #[test]
    fn content_over_the_limit_is_skipped_and_the_walk_goes_on() {
        let big = response(
            "big",
            "https://example.com/big",
            &[PAGE, &[b' '; 5000][..]].concat(),
        );
        let bytes = [big, response("small", "https://example.com/s", PAGE)].concat();
        let reader = WarcReader::new(Cursor::new(bytes));
        let found: Vec<_> = HtmlRecords::new(reader, 1000).collect();
        assert_eq!(found.len(), 2);
        let Err(err) = &found[0] else {
            panic!("expected an error")
        };
        assert!(!err.is_fatal());
        assert_eq!(
            err.to_string(),
            "record <urn:uuid:big>: content of 5101 bytes is over the limit of 1000 bytes; skipped"
        );
        assert!(matches!(&found[1], Ok(Entry::Page(p)) if p.number == 2));
    }

    #[test]
    fn truncated_content_is_a_fatal_error() {
        let mut bytes = sample().concat();
        let cut = bytes.len() - 10;
        bytes.truncate(cut);
        let found = entries(bytes);
        let last = found.last().expect("some");
        let Err(err) = last else {
            panic!("expected an error")
        };
        assert!(err.is_fatal());
        assert!(
            err.to_string()
                .starts_with("record <urn:uuid:7>: truncated"),
            "{err}"
        );
        // A cut gzip member is an error too, from the inflater.
        let members: Vec<u8> = sample().iter().flat_map(|r| gzip(r)).collect();
        let found = entries(members[..members.len() - 10].to_vec());
        assert!(matches!(found.last(), Some(Err(e)) if e.is_fatal()));
    }

    #[test]
    fn garbage_is_not_warc() {
        let found = entries(b"<html>not a warc</html>\n".to_vec());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0]
                .as_ref()
                .map(|_| ())
                .expect_err("error")
                .to_string(),
            "record #1: not a WARC record (no `WARC/` version line)"
        );
        let found = entries([b"WARC/1.0\r\n".as_slice(), &vec![b'x'; 70_000]].concat());
        assert!(matches!(found[..], [Err(WarcError::HeaderTooLarge { .. })]));
        let found = entries(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec());
        assert!(
            matches!(&found[..], [Err(WarcError::BadHeader { reason, .. })] if reason == "no Content-Length")
        );
        assert!(entries(Vec::new()).is_empty());
    }

    /// A record whose header block, from `WARC/1.0` through the blank line, is `size` bytes of
    /// short fields.
    fn record_with_header_of(size: usize) -> Vec<u8> {
        let mut bytes = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 2\r\n".to_vec();
        let mut left = size - bytes.len() - 2;
        while left > 0 {
            let n = if left >= 200 { 100 } else { left };
            bytes.extend_from_slice(b"X-Pad: ");
            bytes.extend(std::iter::repeat_n(b'b', n - 9));
            bytes.extend_from_slice(b"\r\n");
            left -= n;
        }
        bytes.extend_from_slice(b"\r\nhi\r\n\r\n");
        bytes
    }

    #[test]
    fn the_header_block_is_capped_as_a_whole() {
        let mut reader = WarcReader::new(Cursor::new(record_with_header_of(MAX_HEADER_BYTES)));
        let header = reader.next_header().expect("reads").expect("a record");
        assert_eq!(header.get("Content-Length"), Some("2"));
        assert_eq!(reader.read_content(10).expect("content"), b"hi");
        assert!(reader.next_header().expect("end").is_none());
        let mut reader = WarcReader::new(Cursor::new(record_with_header_of(MAX_HEADER_BYTES + 1)));
        assert!(matches!(
            reader.next_header(),
            Err(WarcError::HeaderTooLarge { .. })
        ));
        // Lines far shorter than the cap, without end: the error comes at the cap.
        let endless = [b"WARC/1.0\r\n".as_slice(), &b"a: b\r\n".repeat(50_000)].concat();
        let found = entries(gzip(&endless));
        assert!(matches!(found[..], [Err(WarcError::HeaderTooLarge { .. })]));
    }

    #[test]
    fn no_prefix_of_a_file_panics_or_loops() {
        let plain = sample().concat();
        let members: Vec<u8> = sample().iter().flat_map(|r| gzip(r)).collect();
        for bytes in [plain, members] {
            for cut in 0..bytes.len() {
                let found = entries(bytes[..cut].to_vec());
                // Seven records, then at most one error (for a record whose cut content was
                // never read, it comes when the reader skips to the next record).
                assert!(found.len() <= 8);
                assert!(found.iter().filter(|e| e.is_err()).count() <= 1);
            }
        }
    }

    #[test]
    fn http_content_type_and_sniffing() {
        let parsed = HttpResponse::parse(
            b"HTTP/1.0 200 OK\nContent-Type: text/HTML;charset=\"utf-8\"\n\nbody",
        )
        .expect("parses");
        assert_eq!(parsed.status, 200);
        assert_eq!(parsed.mime().as_deref(), Some("text/html"));
        assert_eq!(parsed.charset().as_deref(), Some("utf-8"));
        assert_eq!(parsed.header_len, 57);
        assert!(HttpResponse::parse(b"HTTP/1.1 OK\r\n\r\n").is_err());
        assert!(HttpResponse::parse(b"HTTP/1.1 200 OK\r\nno end").is_err());
        let untyped = response(
            "u",
            "https://example.com/u",
            b"HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><html><p>hi</p></html>",
        );
        assert!(matches!(&entries(untyped)[..], [Ok(Entry::Page(_))]));
        let brotli = response(
            "br",
            "https://example.com/br",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x0b\x02",
        );
        assert!(matches!(
            &entries(brotli)[..],
            [Err(WarcError::BadHttp { .. })]
        ));
    }
}
