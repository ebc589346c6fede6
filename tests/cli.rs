//! Runs the real `copydesk` binary: formats, directories, stdin, errors and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;
use common::root;

fn copydesk(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(common::binary("copydesk"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk starts");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(input) = stdin {
        pipe.write_all(input).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("copydesk finishes")
}

const SEED: &str = "fixtures/text/foxnews-russia-us-brink.txt";

#[test]
fn json_for_one_file() {
    let out = copydesk(&["extract", SEED], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(article["schema_version"], 1);
    assert_eq!(article["source"]["format"], "text");
    assert_eq!(article["source"]["path"], SEED);
    assert_eq!(article["authors"][0]["name"], "Anders Hagstrom");
}

#[test]
fn jsonl_for_a_directory_one_record_per_file() {
    let out = copydesk(&["extract", "--format", "jsonl", "fixtures/text"], None);
    assert!(out.status.success());
    let files = std::fs::read_dir(root().join("fixtures/text"))
        .expect("fixtures")
        .count();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), files);
    assert!(lines.iter().all(|l| {
        l["source"]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("fixtures/text/"))
    }));
}

#[test]
fn stdin_text_and_markdown() {
    let page = std::fs::read(root().join(SEED)).expect("seed");
    let text = copydesk(&["extract", "--format", "text", "-"], Some(&page));
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("Russia says US relations"));
    assert!(!text.contains("Getty Images"));
    let md = copydesk(
        &[
            "extract",
            "--format",
            "markdown",
            "--url",
            "https://example.com/a",
            "-",
        ],
        Some(&page),
    );
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("# Russia says US relations"));
    assert!(md.contains("By Anders Hagstrom"));
}

#[test]
fn html_input_is_sniffed() {
    let page = b"<html><head><title>Bridge opens | City News</title></head><body><article><h1>Bridge opens</h1>\
        <p>The new bridge over the river opened on Tuesday after three years of work, the mayor said.</p></article></body></html>";
    let out = copydesk(&["extract", "-"], Some(page));
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(article["source"]["format"], "html");
    assert!(
        article["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("The new bridge"))
    );
}

#[test]
fn bad_inputs_fail_alone_and_the_batch_goes_on() {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let junk = dir.join("junk.txt");
    std::fs::write(&junk, [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0]).expect("write junk");
    let missing = dir.join("missing.txt");
    let out = copydesk(
        &[
            "extract",
            "--format",
            "jsonl",
            junk.to_str().expect("utf-8"),
            missing.to_str().expect("utf-8"),
            SEED,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        2,
        "one line per bad input: {stderr}"
    );
    assert!(stderr.contains("junk.txt") && stderr.contains("binary"));
    assert!(stderr.contains("missing.txt"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "the good input still comes out"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_usage_exits_2() {
    let out = copydesk(&["extract", "--format", "json", SEED, SEED], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format jsonl"));
    assert_eq!(
        copydesk(&["extract", "--bogus"], None).status.code(),
        Some(2)
    );
}
