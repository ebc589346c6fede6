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

/// A fresh temporary directory for one test.
fn temp_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn parallel_output_is_the_sequential_output() {
    let one = copydesk(
        &["extract", "-j", "1", "--format", "jsonl", "fixtures/html"],
        None,
    );
    let two = copydesk(
        &["extract", "-j", "2", "--format", "jsonl", "fixtures/html"],
        None,
    );
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout, "-j 2 keeps the input order");
    let unordered = copydesk(
        &["extract", "-j", "2", "--unordered", "fixtures/html"],
        None,
    );
    assert!(
        unordered.status.success(),
        "jsonl is the default for a directory"
    );
    let sorted = |out: &Output| {
        let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(
        sorted(&unordered),
        sorted(&one),
        "--unordered gives the same set"
    );
}

const WARC: &str = "fixtures/warc/sample.warc.gz";

#[test]
fn warc_html_responses_are_extracted_and_the_rest_skipped() {
    let out = copydesk(&["extract", "-j", "2", WARC], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&out);
    assert_eq!(records.len(), 2, "two HTML responses of six records");
    let cafe = &records[0];
    assert_eq!(cafe["source"]["path"], WARC);
    assert_eq!(
        cafe["source"]["warc_record_id"],
        "<urn:uuid:00000000-0000-4000-8000-000000000003>"
    );
    assert_eq!(
        cafe["source"]["url"],
        "https://journal.example.fr/ville/cafe"
    );
    assert_eq!(cafe["source"]["format"], "html");
    assert_eq!(cafe["title"], "Le café de la gare rouvre");
    assert!(
        cafe["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Après trois années de travaux")),
        "ISO-8859-1 decoded from the HTTP charset: {}",
        cafe["text"]
    );
    let bridge = &records[1];
    assert_eq!(
        bridge["source"]["warc_record_id"],
        "<urn:uuid:00000000-0000-4000-8000-000000000005>"
    );
    assert!(bridge["source"].get("id").is_none());
    assert_eq!(
        bridge["media"][0]["url"], "https://news.example.com/img/bridge.jpg",
        "links resolve against the target URI"
    );
    assert!(
        bridge["text"]
            .as_str()
            .is_some_and(|t| t.contains("€120 million"))
    );
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @"copydesk: fixtures/warc/sample.warc.gz: 2 HTML pages, 4 records skipped (1 metadata, 1 non-HTML, 1 request, 1 warcinfo)");
    let quiet = copydesk(&["extract", "--quiet", WARC], None);
    assert!(quiet.stderr.is_empty(), "--quiet hides the summary");
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn warc_is_read_from_stdin_or_when_told() {
    let warc = std::fs::read(root().join(WARC)).expect("fixture");
    let out = copydesk(&["extract", "--input", "warc", "-q", "-"], Some(&warc));
    assert!(out.status.success());
    let records = json_lines(&out);
    assert_eq!(records.len(), 2);
    assert!(records[0]["source"].get("path").is_none());
    let dir = temp_dir("warc-input");
    let renamed = dir.join("crawl.bin");
    std::fs::write(&renamed, &warc).expect("copy");
    let out = copydesk(
        &[
            "extract",
            "--input",
            "warc",
            "-q",
            renamed.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(json_lines(&out).len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_truncated_warc_is_an_error_not_a_panic() {
    let warc = std::fs::read(root().join(WARC)).expect("fixture");
    let dir = temp_dir("warc-truncated");
    for cut in [warc.len() - 10, warc.len() / 2, 30] {
        let path = dir.join(format!("cut-{cut}.warc.gz"));
        std::fs::write(&path, &warc[..cut]).expect("write");
        let out = copydesk(&["extract", path.to_str().expect("utf-8")], None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            stderr.contains(&format!("cut-{cut}.warc.gz: record ")) && stderr.contains("truncated"),
            "the error names the file and the record: {stderr}"
        );
        // The pages before the cut still come out.
        let pages = json_lines(&out).len();
        assert!(pages <= 2 && (cut > 30 || pages == 0), "{pages} pages");
    }
    let garbage = dir.join("garbage.warc");
    std::fs::write(&garbage, b"\x00\x01 not a WARC file\n").expect("write");
    let out = copydesk(
        &["extract", "-q", garbage.to_str().expect("utf-8"), SEED],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(
        String::from_utf8_lossy(&out.stderr).replace(dir.to_str().expect("utf-8"), "[TMP]"),
        @"copydesk: [TMP]/garbage.warc: record #1: not a WARC record (no `WARC/` version line)"
    );
    assert_eq!(json_lines(&out).len(), 1, "the other input still comes out");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_from_stdin_with_a_bad_line_in_the_middle() {
    let page = std::fs::read_to_string(root().join(SEED)).expect("seed");
    let good = serde_json::json!({"id": "seed-1", "url": "https://example.com/a", "text": page});
    let html = serde_json::json!({"id": 42, "html": "<html><body><article><h1>Bridge opens</h1><p>The new bridge over the river opened on Tuesday after three years of work, the mayor said.</p></article></body></html>"});
    let input = format!(
        "{good}\n{{\"id\": \"broken\", \"html\": \n{}\n\n{html}\n",
        serde_json::json!({"id": "both", "html": "a", "text": "b"})
    );
    let out = copydesk(
        &["extract", "-j", "2", "--input", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @r"
    copydesk: <stdin>:2: bad JSON line: EOF while parsing a value at line 1 column 25
    copydesk: <stdin>:3: a line needs exactly one of `html` and `text`
    ");
    let records = json_lines(&out);
    assert_eq!(records.len(), 2, "the good lines come out, in order");
    assert_eq!(records[0]["source"]["id"], "seed-1");
    assert_eq!(records[0]["source"]["url"], "https://example.com/a");
    assert_eq!(records[0]["source"]["format"], "text");
    assert_eq!(records[0]["authors"][0]["name"], "Anders Hagstrom");
    assert_eq!(records[1]["source"]["id"], "42");
    assert_eq!(records[1]["source"]["format"], "html");
}

#[test]
fn output_dir_gets_one_safe_unique_file_per_document() {
    let dir = temp_dir("output");
    let lines = [
        serde_json::json!({"id": "a/b c", "text": "First\n\nThe council voted on Tuesday to approve the budget, which raises spending on schools.\n"}),
        serde_json::json!({"id": "a/b c", "text": "Second\n\nThe council voted on Wednesday to approve the budget, which raises spending on roads.\n"}),
        serde_json::json!({"text": "Third\n\nThe council voted on Thursday to approve the budget, which raises spending on parks.\n"}),
    ];
    let jsonl = dir.join("batch.jsonl");
    std::fs::write(
        &jsonl,
        lines
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect::<String>(),
    )
    .expect("write");
    let out_dir = dir.join("out");
    let out = copydesk(
        &[
            "extract",
            "-q",
            "--format",
            "markdown",
            "--input",
            "jsonl",
            "-o",
            out_dir.to_str().expect("utf-8"),
            jsonl.to_str().expect("utf-8"),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout with --output");
    let names = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("output dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&out_dir), ["a_b_c-2.md", "a_b_c.md", "batch-3.md"]);
    let second = std::fs::read_to_string(out_dir.join("a_b_c-2.md")).expect("file");
    assert!(second.contains("on Wednesday"), "{second}");
    let json_dir = dir.join("json");
    let out = copydesk(
        &[
            "extract",
            "-q",
            "-o",
            json_dir.to_str().expect("utf-8"),
            WARC,
            SEED,
        ],
        None,
    );
    assert!(out.status.success());
    assert_eq!(
        names(&json_dir),
        [
            "00000000-0000-4000-8000-000000000003.json",
            "00000000-0000-4000-8000-000000000005.json",
            "foxnews-russia-us-brink.json"
        ]
    );
    let seed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(json_dir.join("foxnews-russia-us-brink.json")).expect("file"),
    )
    .expect("pretty JSON by default");
    assert_eq!(seed["source"]["path"], SEED);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--no-quotes` leaves quotes and entities out and the body as it was.
#[test]
fn no_quotes_skips_quotes_and_entities() {
    let with = copydesk(&["extract", SEED], None);
    let without = copydesk(&["extract", "--no-quotes", SEED], None);
    assert!(with.status.success() && without.status.success());
    let with: serde_json::Value = serde_json::from_slice(&with.stdout).expect("JSON");
    let without: serde_json::Value = serde_json::from_slice(&without.stdout).expect("JSON");
    assert!(!with["quotes"].as_array().expect("quotes").is_empty());
    assert!(without["quotes"].as_array().expect("quotes").is_empty());
    assert!(without["entities"].as_array().expect("entities").is_empty());
    assert_eq!(with["text"], without["text"]);
}

#[test]
fn limit_flags_reach_the_core() {
    // Over the input limit: one error line naming the limit, exit 1.
    let out = copydesk(&["extract", "--max-input-bytes", "1000", SEED], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("over the limit of 1000 bytes"), "{stderr}");
    // Nesting past --max-depth is flattened, with a warning, and the words still come out.
    let page = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(50),
        "Deep words of a long paragraph that a reader would call the story. ".repeat(8),
        "</div>".repeat(50)
    );
    let out = copydesk(
        &["extract", "--max-depth", "20", "--input", "html", "-"],
        Some(page.as_bytes()),
    );
    assert!(out.status.success());
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let warnings = article["warnings"].to_string();
    assert!(warnings.contains("nested deeper than 20"), "{warnings}");
    assert!(
        article["text"]
            .as_str()
            .is_some_and(|t| t.contains("Deep words"))
    );
}
