//! copydesk's HTML parser against html5ever's DOM on every HTML fixture: the text a reader sees
//! (outside scripts, styles and other raw-text elements) must come out the same, word for word
//! and in the same order, and the same elements must open.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use copydesk_core::html::lexer::Attr;
use copydesk_core::html::tree::{Limits, Sink, parse};
use scraper::{Html, Node};

/// Elements whose text no reader sees.
fn hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "title"
            | "textarea"
            | "iframe"
            | "noembed"
            | "noframes"
            | "xmp"
            | "head"
    )
}

/// Words of the visible text, and how often each element opens.
#[derive(Default)]
struct Seen {
    text: String,
    skip: usize,
    elements: BTreeMap<String, usize>,
}

impl Sink<'_> for Seen {
    fn start(&mut self, name: &str, _: &[Attr<'_>]) {
        *self.elements.entry(name.to_owned()).or_default() += 1;
        if self.skip > 0 || hidden(name) {
            self.skip += 1;
        }
    }
    fn end(&mut self, _: &str) {
        self.skip = self.skip.saturating_sub(1);
    }
    fn text(&mut self, text: &str) {
        if self.skip == 0 {
            self.text.push_str(text);
        }
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn html5ever(page: &str) -> (String, BTreeMap<String, usize>) {
    let document = Html::parse_document(page);
    let mut text = String::new();
    let mut elements = BTreeMap::new();
    for node in document.tree.root().descendants() {
        match node.value() {
            // SVG names keep their case there (`clipPath`); the walker reads lower case.
            Node::Element(el) => *elements.entry(el.name().to_ascii_lowercase()).or_default() += 1,
            Node::Text(t) => {
                let seen = node
                    .ancestors()
                    .all(|a| a.value().as_element().is_none_or(|el| !hidden(el.name())));
                if seen {
                    text.push_str(t);
                }
            }
            _ => {}
        }
    }
    (text, elements)
}

#[test]
fn text_and_elements_match_html5ever_on_the_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/html");
    assert!(compare_dir(&dir) >= 30, "too few fixture pages read");
}

/// The same over any directory of pages named by `COPYDESK_PARSER_CORPUS` (e.g. the AEB corpus).
#[test]
fn text_and_elements_match_html5ever_on_a_corpus() {
    if let Some(dir) = std::env::var_os("COPYDESK_PARSER_CORPUS") {
        assert!(compare_dir(Path::new(&dir)) > 0, "no page read");
    }
}

/// Compares every `.html` and `.html.gz` page in `dir`; returns how many were read.
fn compare_dir(dir: &Path) -> usize {
    let limits = Limits {
        depth: usize::MAX,
        elements: usize::MAX,
        attributes: usize::MAX,
    };
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).expect("a directory of pages") {
        let path = entry.expect("entry").path();
        let name = path.display().to_string();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let mut bytes = std::fs::read(&path).expect("read");
        if extension.eq_ignore_ascii_case("gz") {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .expect("gunzip");
            bytes = out;
        } else if !extension.eq_ignore_ascii_case("html") {
            continue;
        }
        let page = String::from_utf8_lossy(&bytes);
        let mut seen = Seen::default();
        let warnings = parse(&page, &limits, &mut seen);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        let (text, elements) = html5ever(&page);
        let (ours, theirs) = (words(&seen.text), words(&text));
        if let Some(i) = (0..ours.len().min(theirs.len())).find(|&i| ours[i] != theirs[i]) {
            let around = |w: &[&str]| w[i.saturating_sub(8)..(i + 8).min(w.len())].join(" ");
            panic!(
                "{name}: text differs at word {i}:\n ours: {}\n html5ever: {}",
                around(&ours),
                around(&theirs)
            );
        }
        assert_eq!(ours.len(), theirs.len(), "{name}: word counts");
        let differ: Vec<String> = elements
            .keys()
            .chain(seen.elements.keys())
            .filter(|k| elements.get(*k) != seen.elements.get(*k))
            .map(|k| {
                format!(
                    "{k}: ours {:?} html5ever {:?}",
                    seen.elements.get(k),
                    elements.get(k)
                )
            })
            .collect();
        assert!(differ.is_empty(), "{name}: elements differ: {differ:?}");
        pages += 1;
    }
    pages
}
