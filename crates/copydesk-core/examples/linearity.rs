//! Time against page size: extracts synthetic articles of 1 to 64 MB, as HTML and as plain
//! text, and prints MB/s for each, so a cost that grows faster than the input shows.
//!
//! ```text
//! cargo run --release -p copydesk-core --example linearity
//! ```
//!
//! The work limits (`max_elements`, `max_blocks`) are lifted, so every paragraph is read.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use copydesk_core::{InputFormat, Options, extract};

/// Words the generator draws from; some quotes, names and places so every stage has work.
const WORDS: [&str; 24] = [
    "the",
    "council",
    "said",
    "budget",
    "river",
    "crossing",
    "members",
    "voted",
    "on",
    "a",
    "plan",
    "for",
    "new",
    "libraries",
    "and",
    "roads",
    "in",
    "Springfield",
    "Maria",
    "Lopez",
    "told",
    "reporters",
    "after",
    "meeting",
];

/// One paragraph, varied by `n` so no two are the same.
fn paragraph(n: usize, out: &mut String) {
    let mut state = n.wrapping_mul(2_654_435_761) | 1;
    for i in 0..60 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[state % WORDS.len()]);
    }
    let _ = write!(
        out,
        ". \u{201c}We will finish it by {},\u{201d} said Maria Lopez {n}.",
        1990 + n % 40
    );
}

fn html_page(size: usize) -> String {
    let mut page = String::from(
        "<!doctype html><html><head><title>Council votes on budget</title></head><body>\
         <nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Council votes on \
         budget</h1><p class=byline>By Sam Reporter</p>",
    );
    let mut n = 0;
    while page.len() < size {
        page.push_str("<p>");
        paragraph(n, &mut page);
        page.push_str("</p>\n");
        n += 1;
    }
    page.push_str("</article><footer>Contact us</footer></body></html>");
    page
}

fn text_page(size: usize) -> String {
    let mut page = String::from("Council votes on budget\n\nBy Sam Reporter\n\n");
    let mut n = 0;
    while page.len() < size {
        paragraph(n, &mut page);
        page.push_str("\n\n");
        n += 1;
    }
    page
}

fn main() {
    let mut out = std::io::stdout().lock();
    writeln!(out, "format  MB    seconds  MB/s").expect("stdout");
    for (format, make) in [
        (InputFormat::Html, html_page as fn(usize) -> String),
        (InputFormat::Text, text_page),
    ] {
        let options = Options {
            input: format,
            max_elements: usize::MAX,
            max_blocks: usize::MAX,
            ..Options::default()
        };
        for mb in [1, 2, 4, 8, 16, 32, 64] {
            let page = make(mb * 1_000_000);
            // The best of three runs: the least disturbed by the rest of the machine.
            let best = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    let article = extract(page.as_bytes(), &options).expect("extracts");
                    assert!(!article.body.is_empty());
                    started.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            writeln!(
                out,
                "{:<7} {mb:<5} {best:<8.3} {:.1}",
                format!("{format:?}").to_lowercase(),
                page.len() as f64 / 1e6 / best
            )
            .expect("stdout");
        }
    }
}
