//! `copydesk`: arguments in, articles out. All extraction lives in `copydesk-core`.

use std::io::{self, IsTerminal};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use copydesk_core::{InputFormat, Options, RenderFormat};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

mod batch;
mod inputs;

use batch::{Batch, Sink};
use inputs::{Documents, Input};

/// Turns news articles (HTML pages or pasted text) into clean, structured records.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract articles from files, directories (recursively), WARC files, JSON Lines or stdin.
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files or directories to read (`.html`, `.htm`, `.txt` and their `.gz`, `.warc`,
    /// `.warc.gz`); `-` reads stdin.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output format: json (pretty; the default for one document), jsonl (one record per line;
    /// the default for several), text or markdown.
    #[arg(long, short, value_enum)]
    format: Option<OutputFormat>,
    /// How to read the input: sniff it, force HTML or plain text, or read WARC records or
    /// JSON Lines ({"id", "url", "html" or "text"} a line).
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// The page's URL (one input only), used for `source.url` and to resolve links.
    #[arg(long)]
    url: Option<String>,
    /// Documents extracted at once (default: one per core); 1 extracts them one after another.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Write results as they finish, not in input order.
    #[arg(long)]
    unordered: bool,
    /// Write one file per document into DIR (`<name>.json`, `.md` or `.txt`) instead of stdout.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// No progress bar and no WARC summary on stderr (errors are still reported).
    #[arg(long, short)]
    quiet: bool,
    /// Skip quotes and entities (about a fifth faster when only the body is wanted).
    #[arg(long)]
    no_quotes: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The core's limits on one document (README, "Limits and hostile input").
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Limits")]
#[expect(
    clippy::struct_field_names,
    reason = "the field names are the flags, which name the core's options"
)]
struct LimitArgs {
    /// Largest input, in bytes; a larger document fails.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_input_bytes)]
    max_input_bytes: usize,
    /// Largest size a gzip input may inflate to, in bytes; a larger one fails.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_decompressed_bytes)]
    max_decompressed_bytes: usize,
    /// Deepest HTML nesting read; deeper tags are left out and their text kept.
    #[arg(long, value_name = "N", default_value_t = Options::default().max_depth)]
    max_depth: usize,
    /// Most HTML elements read; the page is cut there.
    #[arg(long, value_name = "N", default_value_t = Options::default().max_elements)]
    max_elements: usize,
    /// Most blocks read from one page: the work budget after parsing.
    #[arg(long, value_name = "N", default_value_t = Options::default().max_blocks)]
    max_blocks: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Json,
    Jsonl,
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputArg {
    Auto,
    Html,
    Text,
    Warc,
    Jsonl,
}

/// Validated configuration for one `extract` run.
struct Config {
    inputs: Vec<Input>,
    render: RenderFormat,
    options: Options,
    threads: usize,
    ordered: bool,
    output: Option<PathBuf>,
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("copydesk: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Command::Extract(args) = cli.command;
    let config = configure(args)?;
    let progress = progress_bar(&config);
    let mut sink = Sink::new(config.render, config.output.clone())?;
    let summaries = Arc::new(Mutex::new(Vec::new()));
    let jobs = Documents::new(config.inputs, config.options, Arc::clone(&summaries));
    let batch = Batch {
        threads: config.threads,
        ordered: config.ordered,
        render: config.render,
        progress,
    };
    let failed = batch.run(jobs, &mut sink)?;
    sink.flush()?;
    if let Some(bar) = &batch.progress {
        bar.finish_and_clear();
    }
    if !config.quiet {
        for summary in summaries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            eprintln!("copydesk: {summary}");
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A progress bar on stderr, when stderr is a terminal and `--quiet` is not given: pages,
/// pages per second, and a bar with an ETA when the number of documents is known.
fn progress_bar(config: &Config) -> Option<ProgressBar> {
    if config.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let known = !config.inputs.iter().any(Input::is_stream);
    let (bar, template) = if known {
        (
            ProgressBar::new(config.inputs.len() as u64),
            "{pos}/{len} pages [{wide_bar}] {rate} ETA {eta}",
        )
    } else {
        (
            ProgressBar::no_length(),
            "{spinner} {pos} pages {rate} {elapsed}",
        )
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} pages/s", state.per_sec());
            },
        ));
    }
    Some(bar)
}

/// Turns raw arguments into a validated configuration.
fn configure(args: ExtractArgs) -> anyhow::Result<Config> {
    let mut inputs = Vec::new();
    for path in &args.inputs {
        if path.as_os_str() == "-" {
            if io::stdin().is_terminal() {
                bail!("no input: give a file or directory, or pipe a document into `-`");
            }
            inputs.push(match args.input {
                InputArg::Warc => Input::Warc(None),
                InputArg::Jsonl => Input::Jsonl(None),
                InputArg::Auto | InputArg::Html | InputArg::Text => Input::Stdin,
            });
        } else if path.is_dir() {
            let mut found = walk(path, args.input)?;
            found.sort();
            inputs.extend(found.into_iter().map(|p| classify(p, args.input)));
        } else {
            inputs.push(classify(path.clone(), args.input));
        }
    }
    let streams = inputs.iter().any(Input::is_stream);
    let many = streams || inputs.len() > 1;
    let render = match args.format {
        Some(OutputFormat::Jsonl) => RenderFormat::Jsonl,
        Some(OutputFormat::Text) => RenderFormat::Text,
        Some(OutputFormat::Markdown) => RenderFormat::Markdown,
        None if many && args.output.is_none() => RenderFormat::Jsonl,
        Some(OutputFormat::Json) | None => RenderFormat::Json,
    };
    if render == RenderFormat::Json && many && args.output.is_none() {
        if streams {
            bail!(
                "--format json takes one document; use --format jsonl for WARC or JSON Lines input"
            );
        }
        bail!(
            "--format json takes one input; use --format jsonl for {} inputs",
            inputs.len()
        );
    }
    if args.url.is_some() && many {
        bail!("--url applies to one document, not to several or to WARC or JSON Lines input");
    }
    let input = match args.input {
        InputArg::Html => InputFormat::Html,
        InputArg::Text => InputFormat::Text,
        InputArg::Auto | InputArg::Warc | InputArg::Jsonl => InputFormat::Auto,
    };
    let threads = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        NonZeroUsize::get,
    );
    Ok(Config {
        inputs,
        render,
        options: Options {
            input,
            url: args.url,
            annotate: !args.no_quotes,
            max_input_bytes: args.limits.max_input_bytes,
            max_decompressed_bytes: args.limits.max_decompressed_bytes,
            max_depth: args.limits.max_depth,
            max_elements: args.limits.max_elements,
            max_blocks: args.limits.max_blocks,
            ..Options::default()
        },
        threads,
        ordered: !args.unordered,
        output: args.output,
        quiet: args.quiet,
    })
}

const WARC_EXTENSIONS: &[&str] = &[".warc", ".warc.gz"];
const JSONL_EXTENSIONS: &[&str] = &[".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"];
const DOCUMENT_EXTENSIONS: &[&str] = &[".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz"];

/// What a file named on the command line or found in a directory holds.
fn classify(path: PathBuf, input: InputArg) -> Input {
    let name = path.to_string_lossy().to_lowercase();
    match input {
        InputArg::Warc => Input::Warc(Some(path)),
        InputArg::Jsonl => Input::Jsonl(Some(path)),
        InputArg::Auto if WARC_EXTENSIONS.iter().any(|e| name.ends_with(e)) => {
            Input::Warc(Some(path))
        }
        InputArg::Auto | InputArg::Html | InputArg::Text => Input::File(path),
    }
}

/// Files under a directory that look like inputs of the given kind, recursively.
fn walk(dir: &Path, input: InputArg) -> anyhow::Result<Vec<PathBuf>> {
    let extensions = match input {
        InputArg::Warc => WARC_EXTENSIONS,
        InputArg::Jsonl => JSONL_EXTENSIONS,
        InputArg::Html | InputArg::Text => DOCUMENT_EXTENSIONS,
        InputArg::Auto => &[DOCUMENT_EXTENSIONS, WARC_EXTENSIONS].concat(),
    };
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry.with_context(|| format!("reading directory {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if entry.file_type().is_file() && extensions.iter().any(|e| name.ends_with(e)) {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}
