//! Single-thread extraction throughput over a real corpus, copydesk side by side with
//! [`dom_smoothie`] (a Rust port of Mozilla's Readability), in one process on the same pages,
//! so the ratio between the two comes from one run on one machine.
//!
//! Every benchmark handles the whole corpus once per iteration and reports throughput in bytes
//! of decompressed HTML (the same byte count for all three HTML benches, so their MB/s compare
//! directly):
//!
//! - `copydesk_extract`: [`copydesk_core::extract`] with default options on the raw bytes
//!   (charset sniffing and decoding included).
//! - `dom_smoothie_extract`: `Readability::new(html, None, None)` then `.parse()` on the page
//!   decoded lossily to a `String` (its errors are ignored).
//! - `copydesk_parse`: copydesk's tokenizer and tree builder alone
//!   ([`copydesk_core::html::tree::parse`] into a sink that only counts events): the parsing
//!   floor under copydesk's own time.
//! - `html5ever_parse`: [`scraper::Html::parse_document`] alone, the DOM html5ever builds, for
//!   reference (copydesk used it until it got its own parser).
//! - `copydesk_extract_bare`: the same without quotes and entities (`annotate: false`), so
//!   their share of the time is the difference.
//! - `copydesk_text_extract`: [`copydesk_core::extract`] over the plain-text corpus, when it
//!   exists; `copydesk_text_extract_bare` the same without quotes and entities.
//!
//! The corpus is read and decompressed into memory before any timing. By default it is
//! `../shared/corpora/aeb/html/*.html.gz` relative to the workspace root; `COPYDESK_CORPUS`
//! overrides that directory (`.html` files are read too). The plain-text pages are
//! `*.txt` in the `text` directory beside it, or in `COPYDESK_TEXT_CORPUS`. Without an HTML
//! corpus the bench prints a note and exits successfully, so it is harmless in clones that
//! lack `shared/`.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p copydesk-core --bench corpus
//! cargo bench -p copydesk-core --bench corpus -- copydesk      # only the matching benches
//! cargo bench -p copydesk-core --bench corpus -- --sample-count 3   # quicker, noisier
//! ```
//!
//! Each bench takes 10 samples of one pass each (capped at 30 s), about 45 s in all.
//!
//! `COPYDESK_VERSUS=N cargo bench -p copydesk-core --bench corpus` instead runs N rounds of
//! copydesk and `dom_smoothie` back to back and prints the ratio per round and its median, which
//! holds on a machine whose speed drifts between separate benches.

use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use flate2::read::MultiGzDecoder;

/// Samples per benchmark; each sample is one pass over the whole corpus.
const SAMPLES: u32 = 10;
/// Upper bound on the time one benchmark may take, in seconds, whatever the sample count.
const MAX_SECONDS: u64 = 30;

/// One page, as bytes for copydesk and as (lossily decoded) text for the others.
#[derive(Debug)]
struct Page {
    bytes: Vec<u8>,
    text: String,
}

/// A corpus loaded into memory.
#[derive(Debug)]
struct Corpus {
    pages: Vec<Page>,
    /// Total decompressed bytes of all pages: the throughput counter.
    bytes: usize,
}

static HTML: OnceLock<Corpus> = OnceLock::new();
static TEXT: OnceLock<Corpus> = OnceLock::new();

fn html() -> &'static Corpus {
    HTML.get()
        .expect("the HTML corpus is loaded in main before the benches run")
}

fn text() -> &'static Corpus {
    TEXT.get()
        .expect("the text corpus is loaded in main before its bench runs")
}

/// The HTML corpus directory: `COPYDESK_CORPUS`, else the shared corpus beside the workspace.
fn html_dir() -> PathBuf {
    std::env::var_os("COPYDESK_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/aeb/html"),
        PathBuf::from,
    )
}

/// The plain-text corpus directory: `COPYDESK_TEXT_CORPUS`, else `text` beside the HTML one.
fn text_dir(html_dir: &Path) -> PathBuf {
    std::env::var_os("COPYDESK_TEXT_CORPUS").map_or_else(|| html_dir.join("../text"), PathBuf::from)
}

/// Reads every file in `dir` whose name ends with one of `suffixes`, in name order,
/// decompressing `.gz` files.
fn load(dir: &Path, suffixes: &[&str]) -> Corpus {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| suffixes.iter().any(|s| name.ends_with(s)))
        })
        .collect();
    paths.sort();
    let pages: Vec<Page> = paths
        .iter()
        .map(|path| {
            let raw =
                fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let bytes = if path.extension().is_some_and(|ext| ext == "gz") {
                let mut out = Vec::new();
                MultiGzDecoder::new(raw.as_slice())
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("cannot decompress {}: {e}", path.display()));
                out
            } else {
                raw
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Page { bytes, text }
        })
        .collect();
    let bytes = pages.iter().map(|p| p.bytes.len()).sum();
    Corpus { pages, bytes }
}

/// One untimed pass: how many pages each extractor fails on, so a fast error cannot pass for
/// speed unnoticed.
fn check(corpus: &Corpus) {
    let options = copydesk_core::Options::default();
    let copydesk_errors = corpus
        .pages
        .iter()
        .filter(|p| copydesk_core::extract(&p.bytes, &options).is_err())
        .count();
    let smoothie_errors = corpus
        .pages
        .iter()
        .filter(|p| {
            dom_smoothie::Readability::new(p.text.as_str(), None, None)
                .and_then(|mut r| r.parse())
                .is_err()
        })
        .count();
    eprintln!(
        "errors (not timed): copydesk {copydesk_errors}, dom_smoothie {smoothie_errors} of {} pages",
        corpus.pages.len()
    );
}

fn main() {
    let dir = html_dir();
    if !dir.is_dir() {
        eprintln!(
            "note: no HTML corpus at {} (set COPYDESK_CORPUS); skipping the corpus benches",
            dir.display()
        );
        return;
    }
    let dir = dir.canonicalize().unwrap_or(dir);
    let corpus = HTML.get_or_init(|| load(&dir, &[".html.gz", ".html"]));
    eprintln!(
        "HTML corpus: {} pages, {:.1} MB from {}",
        corpus.pages.len(),
        corpus.bytes as f64 / 1e6,
        dir.display()
    );
    let mut divan = divan::Divan::from_args();
    let tdir = text_dir(&dir);
    if tdir.is_dir() {
        let tdir = tdir.canonicalize().unwrap_or(tdir);
        let corpus = TEXT.get_or_init(|| load(&tdir, &[".txt"]));
        eprintln!(
            "text corpus: {} pages, {:.1} MB from {}",
            corpus.pages.len(),
            corpus.bytes as f64 / 1e6,
            tdir.display()
        );
    } else {
        eprintln!(
            "note: no text corpus at {} (set COPYDESK_TEXT_CORPUS); skipping the text benches",
            tdir.display()
        );
        // Divan names a bench by its path below the bench target: `corpus::copydesk_text_extract`.
        divan = divan
            .skip_exact(concat!(module_path!(), "::copydesk_text_extract"))
            .skip_exact(concat!(module_path!(), "::copydesk_text_extract_bare"));
    }
    check(corpus);
    if let Some(rounds) = std::env::var("COPYDESK_VERSUS")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        versus(corpus, rounds);
        return;
    }
    divan.main();
}

/// `COPYDESK_VERSUS=N`: N rounds, each timing one pass of copydesk (default options, then
/// without quotes and entities) and one of `dom_smoothie` over the corpus, back to back. On a
/// machine whose speed drifts (shared or throttled cores), the ratio within a round holds
/// where separate benches, minutes apart, do not: prints each round and the medians.
fn versus(corpus: &Corpus, rounds: usize) {
    use std::time::Instant;
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64()
    };
    let extract = |options: &copydesk_core::Options| {
        for page in &corpus.pages {
            drop(black_box(copydesk_core::extract(
                black_box(&page.bytes),
                options,
            )));
        }
    };
    let full = copydesk_core::Options::default();
    let bare = copydesk_core::Options {
        annotate: false,
        ..copydesk_core::Options::default()
    };
    let smoothie = || {
        for page in &corpus.pages {
            let article = dom_smoothie::Readability::new(black_box(page.text.as_str()), None, None)
                .and_then(|mut r| r.parse());
            drop(black_box(article));
        }
    };
    let mb = corpus.bytes as f64 / 1e6;
    let mut rows: Vec<[f64; 3]> = Vec::new();
    eprintln!("round  copydesk MB/s  bare MB/s  dom_smoothie MB/s  ratio  bare ratio");
    for round in 1..=rounds {
        let t = [
            time(&|| extract(&full)),
            time(&|| extract(&bare)),
            time(&smoothie),
        ];
        eprintln!(
            "{round:>5}  {:>13.1}  {:>9.1}  {:>17.1}  {:>5.2}  {:>10.2}",
            mb / t[0],
            mb / t[1],
            mb / t[2],
            t[2] / t[0],
            t[2] / t[1]
        );
        rows.push(t);
    }
    let median = |f: &dyn Fn(&[f64; 3]) -> f64| {
        let mut v: Vec<f64> = rows.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    eprintln!(
        "median {:>13.1}  {:>9.1}  {:>17.1}  {:>5.2}  {:>10.2}",
        mb / median(&|t| t[0]),
        mb / median(&|t| t[1]),
        mb / median(&|t| t[2]),
        median(&|t| t[2] / t[0]),
        median(&|t| t[2] / t[1])
    );
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn copydesk_extract(bencher: Bencher) {
    extract_all(bencher, html());
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn copydesk_extract_bare(bencher: Bencher) {
    let options = copydesk_core::Options {
        annotate: false,
        ..copydesk_core::Options::default()
    };
    extract_all_with(bencher, html(), &options);
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn dom_smoothie_extract(bencher: Bencher) {
    let corpus = html();
    bencher.counter(BytesCount::new(corpus.bytes)).bench(|| {
        for page in &corpus.pages {
            let article = dom_smoothie::Readability::new(black_box(page.text.as_str()), None, None)
                .and_then(|mut r| r.parse());
            drop(black_box(article));
        }
    });
}

/// Counts the parser's events, so that none of them is optimised away.
#[derive(Default)]
struct Count(usize);

impl copydesk_core::html::tree::Sink<'_> for Count {
    fn start(&mut self, _: &str, attrs: &[copydesk_core::html::lexer::Attr<'_>]) {
        self.0 += 1 + attrs.len();
    }
    fn end(&mut self, _: &str) {
        self.0 += 1;
    }
    fn text(&mut self, text: &str) {
        self.0 += text.len();
    }
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn copydesk_parse(bencher: Bencher) {
    let corpus = html();
    let options = copydesk_core::Options::default();
    let limits = copydesk_core::html::tree::Limits {
        depth: options.max_depth,
        elements: options.max_elements,
        attributes: options.max_attributes,
    };
    bencher.counter(BytesCount::new(corpus.bytes)).bench(|| {
        let mut count = Count::default();
        for page in &corpus.pages {
            copydesk_core::html::tree::parse(black_box(&page.text), &limits, &mut count);
        }
        black_box(count.0)
    });
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn html5ever_parse(bencher: Bencher) {
    let corpus = html();
    bencher.counter(BytesCount::new(corpus.bytes)).bench(|| {
        for page in &corpus.pages {
            drop(black_box(scraper::Html::parse_document(black_box(
                &page.text,
            ))));
        }
    });
}

#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn copydesk_text_extract(bencher: Bencher) {
    extract_all(bencher, text());
}

/// Plain text without quotes and entities: what they cost on text is the difference.
#[divan::bench(sample_count = SAMPLES, sample_size = 1, max_time = MAX_SECONDS)]
fn copydesk_text_extract_bare(bencher: Bencher) {
    let options = copydesk_core::Options {
        annotate: false,
        ..copydesk_core::Options::default()
    };
    extract_all_with(bencher, text(), &options);
}

/// Times copydesk over every page of a corpus, counting its bytes.
fn extract_all(bencher: Bencher, corpus: &Corpus) {
    extract_all_with(bencher, corpus, &copydesk_core::Options::default());
}

/// Times copydesk with the given options over every page of a corpus.
fn extract_all_with(bencher: Bencher, corpus: &Corpus, options: &copydesk_core::Options) {
    bencher.counter(BytesCount::new(corpus.bytes)).bench(|| {
        for page in &corpus.pages {
            drop(black_box(copydesk_core::extract(
                black_box(&page.bytes),
                options,
            )));
        }
    });
}
