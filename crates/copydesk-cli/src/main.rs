//! `copydesk`: arguments in, articles out. All extraction lives in `copydesk-core`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use copydesk_core::{InputFormat, Options, RenderFormat};

/// Turns news articles (HTML pages or pasted text) into clean, structured records.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract articles from files, directories (recursively) or stdin (`-`).
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files or directories to read (`.html`, `.htm`, `.txt` and their `.gz`); `-` reads stdin.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output format: json (pretty, one input), jsonl (one record per line), text or markdown.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// How to read the input: sniff it, or force HTML or plain text.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// The page's URL (one input only), used for `source.url` and to resolve links.
    #[arg(long)]
    url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Jsonl,
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InputArg {
    Auto,
    Html,
    Text,
}

/// Validated configuration for one `extract` run.
struct Config {
    inputs: Vec<Input>,
    render: RenderFormat,
    options: Options,
}

enum Input {
    Stdin,
    File(PathBuf),
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
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for input in &config.inputs {
        match extract_one(input, &config) {
            Ok(rendered) => {
                out.write_all(rendered.as_bytes())?;
                if matches!(config.render, RenderFormat::Json | RenderFormat::Jsonl) {
                    out.write_all(b"\n")?;
                }
            }
            Err(err) => {
                out.flush()?;
                let name = match input {
                    Input::Stdin => "<stdin>".to_owned(),
                    Input::File(path) => path.display().to_string(),
                };
                eprintln!("copydesk: {name}: {err:#}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Turns raw arguments into a validated configuration.
fn configure(args: ExtractArgs) -> anyhow::Result<Config> {
    let mut inputs = Vec::new();
    for path in &args.inputs {
        if path.as_os_str() == "-" {
            if io::stdin().is_terminal() {
                bail!("no input: give a file or directory, or pipe a document into `-`");
            }
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut found = walk(path)?;
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    let render = match args.format {
        OutputFormat::Json => RenderFormat::Json,
        OutputFormat::Jsonl => RenderFormat::Jsonl,
        OutputFormat::Text => RenderFormat::Text,
        OutputFormat::Markdown => RenderFormat::Markdown,
    };
    if render == RenderFormat::Json && inputs.len() > 1 {
        bail!(
            "--format json takes one input; use --format jsonl for {} inputs",
            inputs.len()
        );
    }
    if args.url.is_some() && inputs.len() > 1 {
        bail!("--url applies to one input, not {}", inputs.len());
    }
    let input = match args.input {
        InputArg::Auto => InputFormat::Auto,
        InputArg::Html => InputFormat::Html,
        InputArg::Text => InputFormat::Text,
    };
    Ok(Config {
        inputs,
        render,
        options: Options {
            input,
            url: args.url,
            ..Options::default()
        },
    })
}

/// Files under a directory that look like documents, recursively.
fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    const EXTENSIONS: &[&str] = &[".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz"];
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry.with_context(|| format!("reading directory {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if entry.file_type().is_file() && EXTENSIONS.iter().any(|e| name.ends_with(e)) {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

fn extract_one(input: &Input, config: &Config) -> anyhow::Result<String> {
    let mut options = config.options.clone();
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .take(options.max_input_bytes as u64 + 1)
                .read_to_end(&mut buf)
                .context("reading stdin")?;
            buf
        }
        Input::File(path) => {
            options.path = Some(path.display().to_string());
            std::fs::read(path).context("cannot read")?
        }
    };
    let article = copydesk_core::extract(&bytes, &options)?;
    Ok(copydesk_core::render(&article, config.render))
}
