//! Fuzzes extraction of plain text: it must return, never panic or hang.
#![no_main]

use copydesk_core::InputFormat;
use copydesk_fuzz::extract_and_check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| extract_and_check(data, InputFormat::Text));
