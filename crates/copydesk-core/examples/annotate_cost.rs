//! Extracts every file of a directory once, with or without quotes and entities, for comparing
//! their cost under a deterministic profiler:
//!
//! ```text
//! cargo build --profile profiling -p copydesk-core --example annotate_cost
//! valgrind --tool=callgrind target/profiling/examples/annotate_cost DIR on
//! valgrind --tool=callgrind target/profiling/examples/annotate_cost DIR off
//! ```

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: annotate_cost DIR on|off"));
    let annotate = args.next().as_deref() != Some("off");
    let options = copydesk_core::Options {
        annotate,
        ..copydesk_core::Options::default()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let (mut quotes, mut entities) = (0, 0);
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        if let Ok(article) = copydesk_core::extract(&bytes, &options) {
            quotes += article.quotes.len();
            entities += article.entities.len();
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} files, {quotes} quotes, {entities} entities",
        files.len()
    )
    .expect("stdout");
}
