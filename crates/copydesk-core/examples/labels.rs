//! Prints every block of a document with its label: `cargo run -p copydesk-core --example labels FILE`.
#![allow(clippy::print_stdout)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: labels FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let (blocks, _, _) =
        copydesk_core::classified_blocks(&bytes, &copydesk_core::Options::default())
            .expect("extracts");
    for (i, b) in blocks.blocks.iter().enumerate() {
        let text: String = b.text.chars().take(90).collect();
        let hints = if std::env::var_os("HINTS").is_some() {
            format!(
                " {:?} n{} ld{:.2}",
                b.dom.hints, b.dom.node, b.dom.link_density
            )
        } else {
            String::new()
        };
        println!(
            "{i:4} {:<10} {:3}w {}{hints}",
            format!("{:?}", b.label),
            b.features.words,
            text
        );
    }
}
