//! What the extraction targets share: extract, then check the invariants the output promises.

use copydesk_core::{InputFormat, Options, QuotePlace, extract};

/// Extracts `data` read as `input`; it must return, never panic or hang, and a body quote's
/// offsets must fall on characters of the article's text.
pub fn extract_and_check(data: &[u8], input: InputFormat) {
    let options = Options {
        input,
        ..Options::default()
    };
    if let Ok(article) = extract(data, &options) {
        for quote in &article.quotes {
            if quote.place == QuotePlace::Body {
                assert!(article.text.get(quote.start..quote.end).is_some());
            }
        }
    }
}
