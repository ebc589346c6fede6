//! Hostile input: pages built to make an extractor hang, recurse, or eat memory. Each must end
//! in an error or a bounded result, on a thread with the default 2 MiB stack, within a time
//! limit; the table printed with `--nocapture` gives each case's time and peak memory.
//!
//! The cases run one after another in one test, so the peak heap of each (counted by this
//! test's allocator) is its own.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use copydesk_core::{Error, InputFormat, Options, extract};

/// One hostile input and what must come of it.
struct Case {
    name: &'static str,
    input: fn() -> Vec<u8>,
    /// How the input is read.
    format: InputFormat,
    /// What the result must satisfy.
    expect: Expect,
}

/// What a case must end in.
enum Expect {
    /// A result; the check looks at it.
    Article(fn(&copydesk_core::Article)),
    /// An error; the check looks at it.
    Error(fn(&Error)),
}

/// Time one case may take in an unoptimised test build; a hang or a quadratic blow-up takes
/// minutes.
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn repeat(unit: &str, times: usize) -> String {
    unit.repeat(times)
}

/// A paragraph a reader would call an article's body.
const PARAGRAPH: &str = "<p>The council met on Tuesday evening to vote on the new budget, which \
    sets aside money for road repairs, two new libraries and a study of the river crossing. \
    Members argued for three hours before the final vote, which passed by a narrow margin.</p>";

fn wrap(body: &str) -> Vec<u8> {
    format!("<!doctype html><html><head><title>Hostile</title></head><body>{body}</body></html>")
        .into_bytes()
}

fn nesting() -> Vec<u8> {
    let depth = 200_000;
    wrap(&format!(
        "{}{PARAGRAPH}{}",
        repeat("<div>", depth),
        repeat("</div>", depth)
    ))
}

fn nesting_with_paragraphs() -> Vec<u8> {
    // Every <p> makes the parser look for an open <p> down the whole stack of open elements.
    wrap(&repeat("<div><p>Deeper still, and deeper.", 100_000))
}

fn nesting_formatting() -> Vec<u8> {
    // Misnested formatting elements drive the adoption agency algorithm.
    wrap(&repeat("<b><i><a href=x>Text</b></i>", 50_000))
}

fn text_node() -> Vec<u8> {
    wrap(&format!("<p>{}</p>", repeat("words ", 50_000_000 / 6)))
}

fn attributes() -> Vec<u8> {
    let mut tag = String::from(PARAGRAPH);
    tag.push_str("<div");
    for i in 0..1_000_000 {
        let _ = write!(tag, " a{i}=\"{i}\"");
    }
    tag.push_str(">An element with a million attributes.</div>");
    wrap(&tag)
}

fn invalid_utf8() -> Vec<u8> {
    let mut page = wrap(&PARAGRAPH.repeat(4));
    let at = page.len() / 2;
    page.splice(
        at..at,
        [
            0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90,
        ],
    );
    page
}

fn nul_bytes() -> Vec<u8> {
    // NULs inside the article's sentences.
    wrap(&PARAGRAPH.replace(". ", ".\0\0 ").replace(", ", ",\0 "))
}

fn nul_megabyte() -> Vec<u8> {
    // A megabyte of NULs between two paragraphs: that is binary, not a page.
    let mut page = wrap(PARAGRAPH);
    let at = page.len() / 2;
    page.splice(at..at, std::iter::repeat_n(0u8, 1 << 20));
    page
}

fn mixed_encodings() -> Vec<u8> {
    let mut page =
        b"<html><head><meta charset=utf-8></head><body><p>Caf\xc3\xa9 in UTF-8.</p>".to_vec();
    page.extend_from_slice(b"<p>Caf\xe9 in Latin-1.</p>");
    page.extend_from_slice(&[0xff, 0xfe, b'<', 0, b'p', 0, b'>', 0]); // a UTF-16 fragment
    page.extend_from_slice("<p>Кириллица в UTF-8.</p>".as_bytes());
    page.extend_from_slice(b"<p>\x93Smart quotes\x94 from Windows-1252.</p>");
    page.extend_from_slice(PARAGRAPH.as_bytes());
    page.extend_from_slice(b"</body></html>");
    page
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

fn gzip_bomb() -> Vec<u8> {
    // 1 GiB of spaces in about a megabyte.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&chunk).expect("gzip in memory");
    }
    encoder.finish().expect("gzip in memory")
}

fn truncated_gzip() -> Vec<u8> {
    let mut data = gzip(&repeat("<p>A paragraph that will be cut off.</p>", 1000).into_bytes());
    data.truncate(data.len() / 2);
    data
}

fn empty() -> Vec<u8> {
    Vec::new()
}

fn long_line() -> Vec<u8> {
    repeat("x", 10 << 20).into_bytes()
}

fn quote_marks() -> Vec<u8> {
    let mut text = String::from("Quote storm\n\n");
    for unit in [
        "\"", "\u{201c}", "\u{201d}", "'", "\u{ab}", "\u{bb}", "\u{201e}", "\u{300c}",
    ] {
        text.push_str(&repeat(unit, 200_000));
        text.push_str("\n\n");
    }
    text.push_str(&repeat("\"a\" said Mr. Smith \"b\" ", 100_000));
    text.into_bytes()
}

fn quote_marks_html() -> Vec<u8> {
    wrap(&repeat(
        "<p>\u{201c}Yes,\u{201d} said Ann Lee. \u{201c}No \"maybe\" \u{2018}so\u{201d} she added",
        20_000,
    ))
}

fn unterminated_comment() -> Vec<u8> {
    wrap(&format!(
        "{PARAGRAPH}<!-- {}",
        repeat("never closed ", 1 << 20)
    ))
}

fn unterminated_script() -> Vec<u8> {
    wrap(&format!(
        "{PARAGRAPH}<script>{}",
        repeat("var x = '<!--'; ", 1 << 20)
    ))
}

fn breaks() -> Vec<u8> {
    wrap(&format!("<p>Line{}end</p>", repeat("<br>", 4 << 20)))
}

fn many_elements() -> Vec<u8> {
    wrap(&repeat("<span>a</span>", 3_000_000))
}

fn tables() -> Vec<u8> {
    // Stray text in tables is foster-parented; nested tables stack up.
    wrap(&repeat("<table><tr><td>cell<table>text", 20_000))
}

fn paragraphs() -> Vec<u8> {
    let mut body = String::new();
    for i in 0..200_000 {
        let _ = write!(
            body,
            "<p>Paragraph {i} says \u{201c}hello {i}\u{201d}, said Ann Lee {i}.</p>"
        );
    }
    wrap(&body)
}

fn lines() -> Vec<u8> {
    let mut text = String::new();
    for i in 0..200_000 {
        let _ = write!(text, "Line {i} of a long list, by John Smith {i}\n\n");
    }
    text.into_bytes()
}

/// Lines that each end or cut an article (comments headings, author bios, "Related"), among
/// prose: each rule that looks at the text around such a line must not rescan it per line.
fn cue_lines() -> Vec<u8> {
    let mut text = String::new();
    for i in 0..50_000 {
        let _ = write!(
            text,
            "Comments\n\nJane Roe is a reporter for the Daily Example {i}.\n\nRelated\n\nThe council voted on Tuesday to approve the budget, which raises spending on schools by {i} percent, officials said.\n\n"
        );
    }
    text.into_bytes()
}

/// One run of capitalised words with a title after every name: "Chief" both starts a new
/// piece and is dropped from its front, which once cost a stack frame per title.
fn titled_names() -> Vec<u8> {
    wrap(&format!(
        "<article>{PARAGRAPH}<p>It said {}.</p></article>",
        repeat("Jon Doe Chief ", 40_000)
    ))
}

/// Teaser cards (a linked title, then a blurb) side by side in one container: each card
/// once walked all its neighbours.
fn teaser_cards() -> Vec<u8> {
    let mut body = String::from("<div>");
    for i in 0..25_000 {
        let _ = write!(
            body,
            "<p><a href=/s{i}>Aa bb cc {i}</a></p><p>one two three four five six {i}</p>"
        );
    }
    body.push_str("</div>");
    wrap(&body)
}

/// A keywords declaration of 300,000 distinct tags.
fn keywords() -> Vec<u8> {
    let tags: Vec<String> = (0..300_000).map(|i| format!("tag{i}")).collect();
    format!(
        "<html><head><meta name=keywords content=\"{}\"></head><body>{PARAGRAPH}</body></html>",
        tags.join(",")
    )
    .into_bytes()
}

/// Short paragraphs at the bottom of 500 nested divs: scoping the article's container once
/// walked every ancestor's ancestors per paragraph.
fn deep_paragraphs() -> Vec<u8> {
    let mut body = repeat("<div>", 500);
    for i in 0..50_000 {
        let _ = write!(body, "<p>Prose paragraph number {i} is short but fine.</p>");
    }
    body.push_str(&repeat("</div>", 500));
    wrap(&body)
}

/// Paragraphs of sentences with a pronoun and a reporting verb, and no person named: the
/// pronoun's person was once looked for sentence by sentence, over every name.
fn pronouns() -> Vec<u8> {
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&repeat(
            &format!("He said that Acme{i} was very good. "),
            400,
        ));
        text.push_str("\n\n");
    }
    text.into_bytes()
}

/// Three paragraphs, each naming 60,000 different people.
fn names() -> Vec<u8> {
    let word = |mut n: u32| {
        (0..4)
            .map(|_| {
                let c = char::from(b'a' + (n % 26) as u8);
                n /= 26;
                c
            })
            .collect::<String>()
    };
    let mut body = String::from("<article>");
    body.push_str(PARAGRAPH);
    for p in 0..3u32 {
        body.push_str("<p>");
        for i in p * 60_000..(p + 1) * 60_000 {
            let _ = write!(body, "Q{} Z{}, ", word(i), word(i.wrapping_mul(7) + 3));
        }
        body.push_str("and more.</p>");
    }
    body.push_str("</article>");
    wrap(&body)
}

/// 40,000 byline paragraphs, each naming two new people, before the story.
fn bylines() -> Vec<u8> {
    let mut body = String::new();
    for i in 0..40_000 {
        let _ = write!(body, "<p class=byline>By Ann Lee{i} and Bob Roe{i}</p>");
    }
    body.push_str(&repeat(PARAGRAPH, 5));
    wrap(&body)
}

/// 10,000 bylines of new names among prose, then a closing contact line of a megabyte that
/// nearly repeats them: the bio rule once searched that line for every byline name.
fn bio_names() -> Vec<u8> {
    let name = |mut k: u32| {
        let mut name = String::from("Z");
        for _ in 0..4 {
            name.push(char::from(b'a' + (k % 26) as u8));
            k /= 26;
        }
        name.push('q');
        name
    };
    let mut text = String::new();
    for i in 0..10_000u32 {
        let _ = write!(
            text,
            "By {} {} {}\n\nThe council voted on Tuesday to approve the new budget, which raises spending on schools by {i} percent.\n\n",
            name(3 * i),
            name(3 * i + 1),
            name(3 * i + 2)
        );
    }
    text.push_str("Reach me at jane@example.com today please ");
    text.push_str(&repeat("Zzzzq", 200_000));
    text.into_bytes()
}

fn binary_junk() -> Vec<u8> {
    // A deterministic pseudo-random byte stream (xorshift).
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..4 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

fn any_article(_: &copydesk_core::Article) {}

fn has_body(article: &copydesk_core::Article) {
    assert!(!article.body.is_empty(), "the words still come through");
}

fn has_warning(article: &copydesk_core::Article) {
    assert!(
        !article.warnings.is_empty(),
        "a limit that cut the page says so"
    );
}

const CASES: &[Case] = &[
    Case {
        name: "200,000-deep nesting",
        input: nesting,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "100,000 nested <div><p>",
        input: nesting_with_paragraphs,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "misnested formatting",
        input: nesting_formatting,
        format: InputFormat::Auto,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "50 MB text node",
        input: text_node,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "a million attributes",
        input: attributes,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "invalid UTF-8",
        input: invalid_utf8,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "NUL bytes",
        input: nul_bytes,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "a megabyte of NUL bytes",
        input: nul_megabyte,
        format: InputFormat::Auto,
        expect: Expect::Error(|e| assert!(matches!(e, Error::Binary { .. }), "{e}")),
    },
    Case {
        name: "mixed encodings",
        input: mixed_encodings,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "gzip bomb (1 GiB)",
        input: gzip_bomb,
        format: InputFormat::Auto,
        expect: Expect::Error(|e| assert!(matches!(e, Error::DecompressedTooLarge { .. }), "{e}")),
    },
    Case {
        name: "truncated gzip",
        input: truncated_gzip,
        format: InputFormat::Auto,
        expect: Expect::Error(|e| assert!(matches!(e, Error::Gzip(_)), "{e}")),
    },
    Case {
        name: "empty file",
        input: empty,
        format: InputFormat::Auto,
        expect: Expect::Article(|a| assert!(a.body.is_empty())),
    },
    Case {
        name: "10 MB line, no spaces",
        input: long_line,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "runs of quotation marks (text)",
        input: quote_marks,
        format: InputFormat::Text,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "runs of quotation marks (HTML)",
        input: quote_marks_html,
        format: InputFormat::Html,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "unterminated comment",
        input: unterminated_comment,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "unterminated script",
        input: unterminated_script,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "16 MB of <br>",
        input: breaks,
        format: InputFormat::Auto,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "3 million elements",
        input: many_elements,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "nested tables, foster-parented text",
        input: tables,
        format: InputFormat::Auto,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "200,000 paragraphs (HTML)",
        input: paragraphs,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "200,000 paragraphs (text)",
        input: lines,
        format: InputFormat::Auto,
        expect: Expect::Article(has_warning),
    },
    Case {
        name: "200,000 comments, bio and related lines (text)",
        input: cue_lines,
        format: InputFormat::Text,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "40,000 titled names in one run",
        input: titled_names,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "25,000 teaser cards in one container",
        input: teaser_cards,
        format: InputFormat::Auto,
        expect: Expect::Article(any_article),
    },
    Case {
        name: "300,000 keywords",
        input: keywords,
        format: InputFormat::Auto,
        expect: Expect::Article(|article| {
            assert!(
                !article.tags.is_empty() && article.tags.len() <= 100,
                "{:?}",
                article.tags.len()
            );
        }),
    },
    Case {
        name: "50,000 paragraphs under 500 divs",
        input: deep_paragraphs,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "80,000 pronouns, no person (text)",
        input: pronouns,
        format: InputFormat::Text,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "180,000 names in three paragraphs",
        input: names,
        format: InputFormat::Auto,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "40,000 bylines",
        input: bylines,
        format: InputFormat::Auto,
        expect: Expect::Article(|article| {
            let n = article.authors.len();
            assert!((1..=100).contains(&n), "{n} authors");
        }),
    },
    Case {
        name: "10,000 bylines and a megabyte contact line (text)",
        input: bio_names,
        format: InputFormat::Text,
        expect: Expect::Article(has_body),
    },
    Case {
        name: "binary junk",
        input: binary_junk,
        format: InputFormat::Auto,
        expect: Expect::Error(|e| assert!(matches!(e, Error::Binary { .. }), "{e}")),
    },
];

/// Peak resident memory of this process in KiB, where Linux reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Most memory one case may take; the largest input is 42 MB.
const MEMORY_LIMIT_KIB: u64 = 1 << 20;

/// Runs one case in this process and prints `outcome|seconds|peak KiB`; a wrong outcome
/// panics.
fn run_case(case: &Case) {
    let input = (case.input)();
    let options = Options {
        input: case.format,
        ..Options::default()
    };
    let started = Instant::now();
    // The default 2 MiB stack: deep input must not recurse deeply.
    let result = std::thread::spawn(move || extract(&input, &options))
        .join()
        .expect("the extraction does not panic");
    let elapsed = started.elapsed();
    let outcome = match (&case.expect, &result) {
        (Expect::Article(check), Ok(article)) => {
            check(article);
            format!(
                "ok, {} body paragraphs, {} warnings",
                article.body.len(),
                article.warnings.len()
            )
        }
        (Expect::Error(check), Err(error)) => {
            check(error);
            format!("error: {error}")
        }
        (Expect::Article(_), Err(error)) => panic!("expected a result, got {error}"),
        (Expect::Error(_), Ok(_)) => panic!("expected an error, got a result"),
    };
    let peak = peak_rss_kib().unwrap_or(0);
    // The parent reads this line from the child's stdout.
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "\nHOSTILE|{outcome}|{}|{peak}",
        elapsed.as_secs_f64()
    )
    .expect("stdout");
}

/// Each case runs in a child process of its own (this test binary, told which case), so its
/// peak memory is its own and a hang can be killed.
#[test]
fn hostile_inputs_end_in_an_error_or_a_bounded_result() {
    if let Ok(name) = std::env::var("COPYDESK_HOSTILE_CASE") {
        let case = CASES.iter().find(|c| c.name == name).expect("a known case");
        run_case(case);
        return;
    }
    // COPYDESK_HOSTILE=part runs only the cases whose name holds it.
    let only = std::env::var("COPYDESK_HOSTILE").unwrap_or_default();
    let exe = std::env::current_exe().expect("the test binary");
    let mut report = String::from("case | input | result | time | peak RSS\n");
    let mut failures = Vec::new();
    for case in CASES.iter().filter(|c| c.name.contains(only.as_str())) {
        let size = (case.input)().len();
        let child = Command::new(&exe)
            .args([
                "--exact",
                "hostile_inputs_end_in_an_error_or_a_bounded_result",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("COPYDESK_HOSTILE_CASE", case.name)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the test binary runs");
        let (tx, rx) = mpsc::channel();
        let pid = child.id();
        let output = std::thread::spawn(move || {
            let output = child.wait_with_output();
            let _ = tx.send(());
            output
        });
        if rx.recv_timeout(TIME_LIMIT).is_err() {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            failures.push(format!("{}: still running after {TIME_LIMIT:?}", case.name));
            let _ = output.join();
            continue;
        }
        let output = output.join().expect("waiter").expect("child output");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let Some(line) = stdout
            .lines()
            .find_map(|l| l.split_once("HOSTILE|").map(|(_, rest)| rest))
        else {
            failures.push(format!(
                "{}: {}",
                case.name,
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        };
        let fields: Vec<&str> = line.rsplitn(3, '|').collect();
        let (peak, secs, outcome) = (fields[0], fields[1], fields[2]);
        let peak: u64 = peak.parse().unwrap_or(0);
        let secs: f64 = secs.parse().unwrap_or(0.0);
        if peak > MEMORY_LIMIT_KIB {
            failures.push(format!("{}: peak RSS {peak} KiB", case.name));
        }
        let _ = writeln!(
            report,
            "{} | {:.1} MB | {outcome} | {secs:.2} s | {} MiB",
            case.name,
            size as f64 / 1e6,
            peak >> 10
        );
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Inputs the fuzzers found failing (`tests/crashers/`): each is extracted in every input mode
/// and must keep what the fuzz targets check.
#[test]
fn crashers_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crashers");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/crashers") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        for input in [InputFormat::Auto, InputFormat::Html, InputFormat::Text] {
            let options = Options {
                input,
                ..Options::default()
            };
            let Ok(article) = extract(&bytes, &options) else {
                continue;
            };
            for quote in &article.quotes {
                if quote.place == copydesk_core::QuotePlace::Body {
                    assert!(
                        article.text.get(quote.start..quote.end).is_some(),
                        "{}, {input:?}: quote offsets {}..{} do not slice the text",
                        path.display(),
                        quote.start,
                        quote.end
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "the crashers are found");
}
