//! Fuzzes extraction of HTML: it must return, never panic or hang.
#![no_main]

use copydesk_core::{InputFormat, Options, QuotePlace, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options {
        input: InputFormat::Html,
        ..Options::default()
    };
    if let Ok(article) = extract(data, &options) {
        // A body quote's offsets fall on characters of the article's text.
        for quote in &article.quotes {
            if quote.place == QuotePlace::Body {
                assert!(article.text.get(quote.start..quote.end).is_some());
            }
        }
    }
});
