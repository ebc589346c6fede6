//! Stage 2 for plain text: lines and paragraphs to [`Blocks`].
//!
//! A browser's copy of a page puts each element on its own line and a blank line around
//! paragraphs; a hand-wrapped text (e-mail, terminal) breaks one paragraph over several lines
//! of similar width. Both become one block per paragraph or lone line.

use crate::block::{Block, BlockKind, Blocks, Dom, Features, Label};

/// Splits plain text into blocks; blocks longer than `max_block_bytes` are cut.
#[must_use]
pub fn blocks(text: &str, max_block_bytes: usize) -> (Blocks, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut group: Vec<String> = Vec::new();
    let mut gap = true;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for raw in text.split('\n') {
        let line = clean_line(raw);
        if line.is_empty() {
            if !group.is_empty() {
                flush(&mut group, gap, &mut out);
            }
            gap = true;
            continue;
        }
        group.push(line);
    }
    flush(&mut group, gap, &mut out);
    for block in &mut out {
        if block.text.len() > max_block_bytes {
            let mut cut = max_block_bytes;
            while !block.text.is_char_boundary(cut) {
                cut -= 1;
            }
            block.text.truncate(cut);
            block.features = Features::of(&block.text);
            warnings.push(format!(
                "a block longer than {max_block_bytes} bytes was cut"
            ));
        }
    }
    (
        Blocks {
            blocks: out,
            declared: crate::block::Declared::default(),
            nodes: Vec::new(),
        },
        warnings,
    )
}

/// Collapses runs of whitespace (including no-break spaces) into one space and trims.
fn clean_line(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    for word in raw.split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}') {
        if word.is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(word);
    }
    s
}

/// Turns a run of non-blank lines into blocks: one block if it is a hard-wrapped paragraph,
/// otherwise one block per line.
fn flush(group: &mut Vec<String>, gap: bool, out: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    if is_wrapped(group) {
        let mut text = String::new();
        for line in group.iter() {
            if text.ends_with('-') && line.starts_with(char::is_lowercase) && !text.ends_with(" -")
            {
                text.pop();
            } else if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
        out.push(block(text, gap));
    } else {
        for (i, line) in group.drain(..).enumerate() {
            out.push(block(line, gap && i == 0));
        }
    }
    group.clear();
}

/// Whether lines look like one paragraph wrapped at a fixed width.
fn is_wrapped(lines: &[String]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    if !(40..=110).contains(&max) {
        return false;
    }
    let body = &widths[..widths.len() - 1];
    let even = if lines.len() == 2 {
        body[0] * 10 >= max * 8 && lines[1].starts_with(char::is_lowercase)
    } else {
        body.iter().all(|&w| w * 4 >= max * 3)
    };
    // A wrapped line usually runs on: no sentence end on most of them.
    let run_on = lines[..lines.len() - 1]
        .iter()
        .filter(|l| !crate::block::ends_sentence(l))
        .count();
    even && run_on * 2 >= body.len()
}

fn block(line: String, gap_before: bool) -> Block {
    let (kind, text) = match bullet(&line) {
        Some(rest) => (BlockKind::ListItem, rest.to_owned()),
        None => (BlockKind::Line, line),
    };
    Block {
        features: Features::of(&text),
        text,
        kind,
        gap_before,
        dom: Dom::default(),
        label: Label::Unknown,
    }
}

/// Strips a leading list bullet ("• ", "- ", "* ", "– ").
fn bullet(line: &str) -> Option<&str> {
    ["• ", "- ", "* ", "– ", "· ", "▪ "]
        .iter()
        .find_map(|b| line.strip_prefix(b))
        .filter(|rest| !rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        blocks(input, 1 << 20)
            .0
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn one_block_per_line_in_browser_copies() {
        assert_eq!(
            texts("Home\nNews\nSport\n\nA paragraph.\n"),
            ["Home", "News", "Sport", "A paragraph."]
        );
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let wrapped = "The committee met on Tuesday to discuss the budget and\n\
                       agreed that the new hospital wing would be funded from\n\
                       next year's capital plan.\n\nSecond paragraph.";
        let t = texts(wrapped);
        assert_eq!(t.len(), 2);
        assert!(t[0].starts_with("The committee") && t[0].ends_with("capital plan."));
    }

    #[test]
    fn collapses_odd_whitespace_and_marks_gaps() {
        let b = blocks("  a\u{a0}\u{a0}b  \n\n\n c\td ", 1 << 20).0.blocks;
        assert_eq!(b[0].text, "a b");
        assert_eq!(b[1].text, "c d");
        assert!(b[1].gap_before);
    }

    #[test]
    fn cuts_overlong_blocks() {
        let (b, warnings) = blocks(&"é".repeat(100), 11);
        assert_eq!(b.blocks[0].text.len(), 10);
        assert_eq!(warnings.len(), 1);
    }
}
