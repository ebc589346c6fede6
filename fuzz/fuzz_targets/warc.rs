//! Fuzzes the streaming WARC reader (plain or gzip) and the HTTP responses inside it.
#![no_main]

use std::io::Cursor;

use copydesk_core::warc::{self, HtmlRecords};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = warc::open(Cursor::new(data.to_vec())) else {
        return;
    };
    for entry in HtmlRecords::new(reader, 1 << 20).take(10_000) {
        let _ = entry;
    }
});
