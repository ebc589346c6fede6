//! What `copydesk extract` reads, turned into one [`Job`] per document, in input order.
//!
//! Files are read by the worker that extracts them; WARC files and JSON Lines streams are read
//! here, one record or line at a time, so a stream of any length takes constant memory.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use copydesk_core::warc::{self, Entry, HtmlRecords};
use copydesk_core::{InputFormat, Options};
use serde::Deserialize;

/// One input named on the command line (directories already expanded).
#[derive(Debug)]
pub enum Input {
    /// One document on stdin.
    Stdin,
    /// A file holding one document.
    File(PathBuf),
    /// A WARC file (plain or gzip), or stdin for `None`.
    Warc(Option<PathBuf>),
    /// A JSON Lines file (plain or gzip), or stdin for `None`: one document a line.
    Jsonl(Option<PathBuf>),
}

impl Input {
    /// Whether the input holds any number of documents.
    pub fn is_stream(&self) -> bool {
        matches!(self, Self::Warc(_) | Self::Jsonl(_))
    }
}

/// One document to extract.
#[derive(Debug)]
pub struct Job {
    /// The document's name in error lines: a path, `path:line` or `path: record <id>`.
    pub name: String,
    /// A file-name stem for `--output DIR` (made safe; made unique when written).
    pub stem: String,
    /// What to do.
    pub work: Work,
}

/// The work of one [`Job`].
#[derive(Debug)]
pub enum Work {
    /// Read this file, then extract it.
    Read(PathBuf, Options),
    /// Extract these bytes.
    Bytes(Vec<u8>, Options),
    /// The document could not be read: report this error in its place.
    Failed(String),
}

/// The documents of all inputs, in order: an iterator of [`Job`]s.
pub struct Documents {
    inputs: std::vec::IntoIter<Input>,
    options: Options,
    current: Option<Stream>,
    summaries: Arc<Mutex<Vec<String>>>,
}

impl Documents {
    /// The documents of `inputs`, extracted with `options`. WARC summaries ("N pages, M records
    /// skipped") go to `summaries` as each WARC input ends.
    pub fn new(inputs: Vec<Input>, options: Options, summaries: Arc<Mutex<Vec<String>>>) -> Self {
        Self {
            inputs: inputs.into_iter(),
            options,
            current: None,
            summaries,
        }
    }

    fn open(&self, input: Input) -> Result<Stream, Box<Job>> {
        let (path, jsonl) = match input {
            Input::Warc(path) => (path, false),
            Input::Jsonl(path) => (path, true),
            Input::Stdin | Input::File(_) => unreachable!("not a stream"),
        };
        let name = display_name(path.as_deref());
        let stem = path
            .as_deref()
            .map_or_else(|| "stdin".to_owned(), file_stem);
        let raw: Box<dyn Read + Send> = match &path {
            None => Box::new(io::stdin()),
            Some(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(file),
                Err(e) => return Err(Box::new(failed(name, stem, format!("cannot read: {e}")))),
            },
        };
        let path = path.map(|p| p.display().to_string());
        if jsonl {
            let reader = match maybe_gunzip(raw) {
                Ok(reader) => reader,
                Err(e) => return Err(Box::new(failed(name, stem, format!("cannot read: {e}")))),
            };
            return Ok(Stream::Jsonl(JsonlStream {
                name,
                stem,
                path,
                reader,
                line: 0,
                buf: Vec::new(),
                done: false,
            }));
        }
        match warc::open(raw) {
            Ok(reader) => Ok(Stream::Warc(WarcStream {
                name,
                stem,
                path,
                records: HtmlRecords::new(reader, self.options.max_input_bytes),
                pages: 0,
                skipped: BTreeMap::new(),
            })),
            Err(e) => Err(Box::new(failed(name, stem, format!("cannot read: {e}")))),
        }
    }
}

impl Iterator for Documents {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(stream) = &mut self.current {
                if let Some(job) = stream.next_job(&self.options) {
                    return Some(job);
                }
                if let Some(summary) = stream.summary() {
                    self.summaries
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(summary);
                }
                self.current = None;
            }
            match self.inputs.next()? {
                Input::Stdin => return Some(stdin_job(&self.options)),
                Input::File(path) => {
                    let options = Options {
                        path: Some(path.display().to_string()),
                        ..self.options.clone()
                    };
                    return Some(Job {
                        name: path.display().to_string(),
                        stem: file_stem(&path),
                        work: Work::Read(path, options),
                    });
                }
                stream => match self.open(stream) {
                    Ok(stream) => self.current = Some(stream),
                    Err(job) => return Some(*job),
                },
            }
        }
    }
}

fn stdin_job(options: &Options) -> Job {
    let mut bytes = Vec::new();
    let read = io::stdin()
        .lock()
        .take(options.max_input_bytes as u64 + 1)
        .read_to_end(&mut bytes);
    let work = match read {
        Ok(_) => Work::Bytes(bytes, options.clone()),
        Err(e) => Work::Failed(format!("reading stdin: {e}")),
    };
    Job {
        name: "<stdin>".to_owned(),
        stem: "stdin".to_owned(),
        work,
    }
}

fn failed(name: String, stem: String, message: String) -> Job {
    Job {
        name,
        stem,
        work: Work::Failed(message),
    }
}

/// An input that holds many documents, being read.
enum Stream {
    Warc(WarcStream),
    Jsonl(JsonlStream),
}

impl Stream {
    fn next_job(&mut self, options: &Options) -> Option<Job> {
        match self {
            Self::Warc(stream) => stream.next_job(options),
            Self::Jsonl(stream) => stream.next_job(options),
        }
    }

    fn summary(&self) -> Option<String> {
        match self {
            Self::Warc(stream) => Some(stream.summary()),
            Self::Jsonl(_) => None,
        }
    }
}

struct WarcStream {
    name: String,
    stem: String,
    path: Option<String>,
    records: HtmlRecords<Box<dyn BufRead + Send>>,
    pages: u64,
    skipped: BTreeMap<String, u64>,
}

impl WarcStream {
    fn next_job(&mut self, options: &Options) -> Option<Job> {
        loop {
            match self.records.next()? {
                Ok(Entry::Skipped(skip)) => {
                    *self.skipped.entry(skip.label().to_owned()).or_default() += 1;
                }
                Ok(Entry::Page(page)) => {
                    self.pages += 1;
                    let label = page
                        .record_id
                        .clone()
                        .unwrap_or_else(|| format!("#{}", page.number));
                    let stem = page.record_id.as_deref().map_or_else(
                        || format!("{}-{}", self.stem, page.number),
                        |id| safe_stem(id.trim_matches(['<', '>']).trim_start_matches("urn:uuid:")),
                    );
                    let options = Options {
                        input: InputFormat::Html,
                        url: page.target_uri,
                        path: self.path.clone(),
                        charset: page.charset,
                        warc_record_id: page.record_id,
                        ..options.clone()
                    };
                    return Some(Job {
                        name: format!("{}: record {label}", self.name),
                        stem,
                        work: Work::Bytes(page.html, options),
                    });
                }
                Err(e) => return Some(failed(self.name.clone(), self.stem.clone(), e.to_string())),
            }
        }
    }

    fn summary(&self) -> String {
        let plural = if self.pages == 1 { "" } else { "s" };
        let mut out = format!("{}: {} HTML page{plural}", self.name, self.pages);
        let total: u64 = self.skipped.values().sum();
        if total > 0 {
            let _ = write!(out, ", {total} records skipped (");
            for (i, (label, count)) in self.skipped.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                let _ = write!(out, "{sep}{count} {label}");
            }
            out.push(')');
        }
        out
    }
}

struct JsonlStream {
    name: String,
    stem: String,
    path: Option<String>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

/// One line of a JSON Lines input.
#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    id: serde_json::Value,
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

impl JsonlStream {
    fn next_job(&mut self, options: &Options) -> Option<Job> {
        // JSON escapes can take six bytes for one byte of the document (`\u00e9`).
        let limit = options.max_input_bytes.saturating_mul(6);
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            self.line += 1;
            let name = format!("{}:{}", self.name, self.line);
            let stem = format!("{}-{}", self.stem, self.line);
            match read_line(&mut self.reader, &mut self.buf, limit) {
                Err(e) => {
                    self.done = true;
                    return Some(failed(name, stem, format!("reading failed: {e}")));
                }
                Ok(LineEnd::Eof) if self.buf.is_empty() => return None,
                Ok(LineEnd::Eof) => self.done = true,
                Ok(LineEnd::Newline) => {}
                Ok(LineEnd::TooLong) => {
                    if let Err(e) = skip_line(&mut self.reader) {
                        self.done = true;
                        return Some(failed(name, stem, format!("reading failed: {e}")));
                    }
                    let message = format!("line over {limit} bytes; skipped");
                    return Some(failed(name, stem, message));
                }
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match self.parse(options) {
                Ok((stem, work)) => Job { name, stem, work },
                Err(message) => failed(name, stem, message),
            });
        }
    }

    fn parse(&mut self, options: &Options) -> Result<(String, Work), String> {
        let line: Line =
            serde_json::from_slice(&self.buf).map_err(|e| format!("bad JSON line: {e}"))?;
        let id = match line.id {
            serde_json::Value::Null => None,
            serde_json::Value::String(id) => Some(id),
            serde_json::Value::Number(id) => Some(id.to_string()),
            _ => return Err("`id` must be a string or a number".to_owned()),
        };
        let (bytes, input) = match (line.html, line.text) {
            (Some(html), None) => (html.into_bytes(), InputFormat::Html),
            (None, Some(text)) => (text.into_bytes(), InputFormat::Text),
            _ => return Err("a line needs exactly one of `html` and `text`".to_owned()),
        };
        let stem = id
            .as_deref()
            .map_or_else(|| format!("{}-{}", self.stem, self.line), safe_stem);
        let options = Options {
            input,
            url: line.url,
            id,
            path: self.path.clone(),
            ..options.clone()
        };
        Ok((stem, Work::Bytes(bytes, options)))
    }
}

/// A buffered reader over `raw`, inflated when it starts with the gzip magic.
fn maybe_gunzip(raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::with_capacity(64 << 10, raw);
    if buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let inflated = flate2::bufread::MultiGzDecoder::new(buffered);
        return Ok(Box::new(BufReader::with_capacity(64 << 10, inflated)));
    }
    Ok(Box::new(buffered))
}

/// How [`read_line`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    Newline,
    Eof,
    TooLong,
}

/// Appends one line (without its `\n`) to `buf`, taking at most `budget` bytes.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, budget: usize) -> io::Result<LineEnd> {
    loop {
        let available = match r.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(LineEnd::Eof);
        }
        let room = budget.saturating_sub(buf.len());
        if room == 0 {
            return Ok(LineEnd::TooLong);
        }
        let look = &available[..available.len().min(room)];
        if let Some(at) = look.iter().position(|&b| b == b'\n') {
            buf.extend_from_slice(&look[..at]);
            r.consume(at + 1);
            return Ok(LineEnd::Newline);
        }
        let n = look.len();
        buf.extend_from_slice(look);
        r.consume(n);
    }
}

/// Reads and drops the rest of a line.
fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let available = match r.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(());
        }
        if let Some(at) = available.iter().position(|&b| b == b'\n') {
            r.consume(at + 1);
            return Ok(());
        }
        let n = available.len();
        r.consume(n);
    }
}

fn display_name(path: Option<&Path>) -> String {
    path.map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string())
}

/// A file's name without its document extensions (`a.html.gz` gives `a`), made safe.
pub fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".gz", ".html", ".htm", ".txt", ".warc", ".jsonl", ".ndjson"] {
        if stem.len() > ext.len() && stem.to_ascii_lowercase().ends_with(ext) {
            stem = &stem[..stem.len() - ext.len()];
        }
    }
    safe_stem(stem)
}

/// A file-name stem from any text: letters, digits, `-`, `_` and `.` kept, the rest `_`,
/// at most 100 characters, never empty nor starting with a dot.
pub fn safe_stem(text: &str) -> String {
    let mut stem: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if stem.starts_with('.') {
        stem.insert(0, '_');
    }
    if stem.is_empty() {
        stem.push_str("document");
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(file_stem(Path::new("dir/a.b.HTML.gz")), "a.b");
        assert_eq!(file_stem(Path::new("x/.html")), "_.html");
        assert_eq!(safe_stem("../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_stem(""), "document");
        assert_eq!(safe_stem("é/ü"), "___");
    }

    #[test]
    fn long_lines_are_cut_and_skipped() {
        let mut input: &[u8] = b"abcdef\nxy\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line(&mut input, &mut buf, 4).expect("reads"),
            LineEnd::TooLong
        );
        skip_line(&mut input).expect("skips");
        buf.clear();
        assert_eq!(
            read_line(&mut input, &mut buf, 4).expect("reads"),
            LineEnd::Newline
        );
        assert_eq!(buf, b"xy");
    }
}
