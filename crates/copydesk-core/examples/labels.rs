//! Prints every block of a document with its label: `cargo run -p copydesk-core --example labels FILE`.
#![allow(clippy::print_stdout)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: labels FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let options = copydesk_core::Options::default();
    let decoded = copydesk_core::input::decode(&bytes, &options).expect("decodes");
    let (mut blocks, _) = match decoded.format {
        copydesk_core::Format::Html => {
            copydesk_core::html::blocks(&decoded.text, options.max_depth, options.max_block_bytes)
        }
        copydesk_core::Format::Text => {
            copydesk_core::text::blocks(&decoded.text, options.max_block_bytes)
        }
    };
    copydesk_core::classify::classify(&mut blocks.blocks);
    for (i, b) in blocks.blocks.iter().enumerate() {
        let text: String = b.text.chars().take(90).collect();
        println!(
            "{i:4} {:<10} {:3}w {}",
            format!("{:?}", b.label),
            b.features.words,
            text
        );
    }
}
