//! Runs a batch of [`Job`]s: one after another, or on a thread pool with the results put back
//! in input order through a bounded window, so memory stays flat however long the batch.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex, PoisonError};

use anyhow::Context;
use copydesk_core::{Options, RenderFormat};
use indicatif::ProgressBar;
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::inputs::{Job, Work};

/// How to run a batch.
#[derive(Debug)]
pub struct Batch {
    /// Documents extracted at once; 1 runs them on the calling thread.
    pub threads: usize,
    /// Whether results come out in input order (else as they finish).
    pub ordered: bool,
    /// The output format.
    pub render: RenderFormat,
    /// The progress bar, if one is shown.
    pub progress: Option<ProgressBar>,
}

/// A finished job: its rendered article or its error.
struct Done {
    name: String,
    stem: String,
    outcome: Result<String, String>,
}

impl Batch {
    /// Runs every job and writes the results to `sink`; returns how many documents failed.
    ///
    /// # Errors
    ///
    /// Writing the output fails (a broken pipe, a full disk); the batch stops there.
    pub fn run(
        &self,
        jobs: impl Iterator<Item = Job> + Send,
        sink: &mut Sink,
    ) -> anyhow::Result<usize> {
        let mut failed = 0;
        if self.threads <= 1 {
            for job in jobs {
                let done = process(job, self.render);
                failed += usize::from(self.emit(sink, done)?);
            }
            return Ok(failed);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("copydesk-{i}"))
            // As much stack as the main thread, which `-j 1` extracts on.
            .stack_size(8 << 20)
            .build()
            .context("starting the thread pool")?;
        // Jobs in flight and results waiting to be written, at most.
        let window = self.threads * 4;
        let gate = Gate::new(window as u64);
        let render = self.render;
        std::thread::scope(|scope| {
            let (tx, rx) = sync_channel::<(u64, Done)>(window);
            let gate = &gate;
            let feeder = scope.spawn(move || {
                let admitted = (0u64..)
                    .zip(jobs)
                    .map_while(|(seq, job)| gate.admit(seq).then_some((seq, job)));
                pool.install(|| {
                    admitted.par_bridge().for_each_with(tx, |tx, (seq, job)| {
                        // The writer hangs up only when it stops on an error.
                        let _ = tx.send((seq, process(job, render)));
                    });
                });
            });
            let written = self.write_all(&rx, sink, gate, &mut failed);
            if written.is_err() {
                gate.stop();
            }
            drop(rx);
            if let Err(panic) = feeder.join() {
                std::panic::resume_unwind(panic);
            }
            written
        })?;
        Ok(failed)
    }

    /// Writes results as they arrive, in input order unless told otherwise.
    fn write_all(
        &self,
        rx: &std::sync::mpsc::Receiver<(u64, Done)>,
        sink: &mut Sink,
        gate: &Gate,
        failed: &mut usize,
    ) -> anyhow::Result<()> {
        let mut waiting = BTreeMap::new();
        let mut next = 0u64;
        for (seq, done) in rx {
            if self.ordered {
                waiting.insert(seq, done);
                while let Some(done) = waiting.remove(&next) {
                    *failed += usize::from(self.emit(sink, done)?);
                    next += 1;
                }
            } else {
                *failed += usize::from(self.emit(sink, done)?);
                next += 1;
            }
            gate.advance(next);
        }
        Ok(())
    }

    /// Writes one result; returns whether it was a failure.
    fn emit(&self, sink: &mut Sink, done: Done) -> anyhow::Result<bool> {
        let failure = match done.outcome {
            Ok(rendered) => {
                sink.write(&done.stem, &rendered)?;
                false
            }
            Err(message) => {
                sink.flush()?;
                let line = format!("copydesk: {}: {message}", done.name);
                match &self.progress {
                    Some(bar) => bar.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
                true
            }
        };
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        Ok(failure)
    }
}

/// Extracts and renders one document; a panic in the core is this document's error only.
fn process(job: Job, render: RenderFormat) -> Done {
    let outcome = match job.work {
        Work::Failed(message) => Err(message),
        Work::Read(path, options) => read_capped(&path, options.max_input_bytes)
            .and_then(|bytes| extract(&bytes, &options, render)),
        Work::Bytes(bytes, options) => extract(&bytes, &options, render),
    };
    Done {
        name: job.name,
        stem: job.stem,
        outcome,
    }
}

/// A file's bytes, or the core's size error without reading more than one byte past the
/// limit: a file of many gigabytes is refused, not loaded.
fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let mut file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    Read::by_ref(&mut file)
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > limit {
        let size = file
            .metadata()
            .ok()
            .and_then(|m| usize::try_from(m.len()).ok())
            .map_or(bytes.len(), |size| size.max(bytes.len()));
        return Err(copydesk_core::Error::InputTooLarge { size, limit }.to_string());
    }
    Ok(bytes)
}

fn extract(bytes: &[u8], options: &Options, render: RenderFormat) -> Result<String, String> {
    let article = catch_unwind(AssertUnwindSafe(|| copydesk_core::extract(bytes, options)))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let what: String = what.chars().take(200).collect();
            format!("internal error (please report): {what}")
        })?
        .map_err(|e| e.to_string())?;
    Ok(copydesk_core::render(&article, render))
}

/// Admits job number `seq` only while fewer than `window` jobs are ahead of the writer: the
/// bound on documents held in memory at once, whatever the order they finish in.
struct Gate {
    window: u64,
    state: Mutex<(u64, bool)>,
    moved: Condvar,
}

impl Gate {
    fn new(window: u64) -> Self {
        Self {
            window,
            state: Mutex::new((0, false)),
            moved: Condvar::new(),
        }
    }

    /// Waits until job `seq` may start; false when the batch is stopping.
    fn admit(&self, seq: u64) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !state.1 && seq >= state.0 + self.window {
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.1
    }

    /// Records that `written` results are out.
    fn advance(&self, written: u64) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).0 = written;
        self.moved.notify_all();
    }

    /// Stops admitting jobs.
    fn stop(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
        self.moved.notify_all();
    }
}

/// Where rendered articles go: stdout, or one file per document in a directory.
#[derive(Debug)]
pub enum Sink {
    /// One after another on stdout.
    Stdout {
        /// Buffered stdout.
        out: io::BufWriter<io::Stdout>,
        /// Whether each record ends with a newline added (JSON formats).
        newline: bool,
    },
    /// `<stem>.<ext>` files in a directory.
    Dir {
        /// The directory.
        dir: PathBuf,
        /// The file extension.
        ext: &'static str,
        /// Whether each file ends with a newline added (JSON formats).
        newline: bool,
        /// Hashes of the names written so far, to make each new one unique.
        taken: HashSet<u64>,
    },
}

impl Sink {
    /// The sink for a format: stdout, or files in `dir`.
    ///
    /// # Errors
    ///
    /// The directory cannot be created.
    pub fn new(render: RenderFormat, dir: Option<PathBuf>) -> anyhow::Result<Self> {
        let newline = matches!(render, RenderFormat::Json | RenderFormat::Jsonl);
        let Some(dir) = dir else {
            return Ok(Self::Stdout {
                out: io::BufWriter::new(io::stdout()),
                newline,
            });
        };
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create output directory {}", dir.display()))?;
        let ext = match render {
            RenderFormat::Json | RenderFormat::Jsonl => "json",
            RenderFormat::Text => "txt",
            RenderFormat::Markdown => "md",
        };
        Ok(Self::Dir {
            dir,
            ext,
            newline,
            taken: HashSet::new(),
        })
    }

    fn write(&mut self, stem: &str, rendered: &str) -> anyhow::Result<()> {
        match self {
            Self::Stdout { out, newline } => {
                out.write_all(rendered.as_bytes())?;
                if *newline {
                    out.write_all(b"\n")?;
                }
            }
            Self::Dir {
                dir,
                ext,
                newline,
                taken,
            } => {
                let name = unique_name(taken, stem, ext);
                let path = dir.join(&name);
                let mut bytes = Vec::with_capacity(rendered.len() + 1);
                bytes.extend_from_slice(rendered.as_bytes());
                if *newline {
                    bytes.push(b'\n');
                }
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        Ok(())
    }

    /// Flushes stdout (before an error line, so the two streams interleave in order).
    ///
    /// # Errors
    ///
    /// Writing to stdout fails.
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Stdout { out, .. } => out.flush(),
            Self::Dir { .. } => Ok(()),
        }
    }
}

/// `stem.ext`, or `stem-2.ext`, `stem-3.ext`... when taken earlier in this run.
fn unique_name(taken: &mut HashSet<u64>, stem: &str, ext: &str) -> String {
    let hash = |name: &str| {
        let mut hasher = DefaultHasher::new();
        name.hash(&mut hasher);
        hasher.finish()
    };
    let mut name = format!("{stem}.{ext}");
    let mut n = 1;
    while !taken.insert(hash(&name)) {
        n += 1;
        name = format!("{stem}-{n}.{ext}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name(&mut taken, "a", "json"), "a.json");
        assert_eq!(unique_name(&mut taken, "a", "json"), "a-2.json");
        assert_eq!(unique_name(&mut taken, "a-2", "json"), "a-2-2.json");
        assert_eq!(unique_name(&mut taken, "a", "json"), "a-3.json");
    }

    #[test]
    fn the_gate_holds_a_window() {
        let gate = Gate::new(2);
        assert!(gate.admit(0) && gate.admit(1));
        gate.advance(1);
        assert!(gate.admit(2));
        gate.stop();
        assert!(!gate.admit(10));
    }
}
