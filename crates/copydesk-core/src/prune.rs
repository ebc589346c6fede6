//! A pre-pass over HTML source that empties `<script>`, `<style>` and `<svg>` elements before
//! html5ever sees them, keeping JSON-LD aside.
//!
//! On news pages half the bytes are scripts and style sheets; the tokenizer would read every
//! one of them only for the walker to skip the element. The pass follows the tokenizer's rules
//! closely enough that the tree it leads to is the same: it reads tags with their quoted
//! attributes, skips comments and the raw-text elements (`textarea`, `title`, `noscript`, ...)
//! whole, and leaves alone any script whose content could change how it ends (`<!--` inside a
//! script switches the tokenizer into its escaped states).

use std::borrow::Cow;

/// The source with script and style contents removed, and the JSON-LD scripts' contents.
#[must_use]
pub fn prune(source: &str) -> (Cow<'_, str>, Vec<&str>) {
    let bytes = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `source` already accounted for in `out`
    let mut ld: Vec<&str> = Vec::new();
    let mut i = 0;
    while let Some(off) = source[i..].find('<') {
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if next == b'!' {
            i = skip_markup_declaration(source, lt);
            // A comment's words are never read: keep "<!--" and its closing "-->" only.
            if source[lt..].starts_with("<!--") && i < source.len() {
                let close = if source[..i].ends_with("--!>") {
                    i - 4
                } else {
                    i - 3
                };
                if close > lt + 4 {
                    drop_range(&mut out, &mut copied, source, lt + 4, close);
                }
            }
            continue;
        }
        if next == b'/' || next == b'?' {
            i = tag_end(source, lt + 2).unwrap_or(source.len());
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name_end = source[lt + 1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .map_or(source.len(), |n| lt + 1 + n);
        let name = &source[lt + 1..name_end];
        let Some(open_end) = tag_end(source, name_end) else {
            break; // an unfinished tag runs to the end of the input
        };
        let raw = |n: &str| name.eq_ignore_ascii_case(n);
        if raw("script") || raw("style") {
            let close = closing_tag(source, open_end, name);
            let content = &source[open_end..close];
            let escaped = raw("script") && content.contains("<!--");
            if !escaped {
                if raw("script") && is_json_ld(&source[name_end..open_end]) {
                    ld.push(content);
                }
                if !content.is_empty() {
                    drop_range(&mut out, &mut copied, source, open_end, close);
                }
            }
            i = close;
        } else if raw("svg") && !source[..open_end].ends_with("/>") {
            // Drawings are skipped by the walker; only where they end matters.
            match svg_end(source, open_end) {
                Some(close) => {
                    if close > open_end {
                        drop_range(&mut out, &mut copied, source, open_end, close);
                    }
                    i = close;
                }
                None => i = open_end,
            }
        } else if raw("noscript") || raw("iframe") {
            // Raw text the walker skips: kept out of the tokenizer too.
            let close = closing_tag(source, open_end, name);
            if close > open_end && close < source.len() {
                drop_range(&mut out, &mut copied, source, open_end, close);
            }
            i = close;
        } else if [
            "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
        ]
        .iter()
        .any(|n| raw(n))
        {
            i = closing_tag(source, open_end, name);
        } else if raw("plaintext") {
            break;
        } else {
            i = open_end;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&source[copied..]);
            (Cow::Owned(o), ld)
        }
        None => (Cow::Borrowed(source), ld),
    }
}

/// Leaves `source[from..to]` out of the output: copies what came before it, then skips it.
fn drop_range(out: &mut Option<String>, copied: &mut usize, source: &str, from: usize, to: usize) {
    let o = out.get_or_insert_with(|| String::with_capacity(source.len() / 2));
    o.push_str(&source[*copied..from]);
    *copied = to;
}

/// Skips `<!-- comment -->`, `<!DOCTYPE ...>` and `<![CDATA[...]]>`, returning the index after.
fn skip_markup_declaration(source: &str, lt: usize) -> usize {
    let rest = &source[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        // "<!-->" and "<!--->" are complete, empty comments.
        if body.starts_with('>') {
            return lt + 5;
        }
        if body.starts_with("->") {
            return lt + 6;
        }
        // The first "-->" ends it, unless a "--!>" comes earlier; never search past that.
        let Some(close) = body.find("-->") else {
            return source.len();
        };
        let end = body[..close].find("--!>").map_or(close + 3, |e| e + 4);
        return lt + 4 + end;
    }
    if let Some(body) = rest.strip_prefix("<![CDATA[") {
        return body.find("]]>").map_or(source.len(), |e| lt + 9 + e + 3);
    }
    rest.find('>').map_or(source.len(), |e| lt + e + 1)
}

/// The index just after the `>` that closes a tag whose attributes start at `from`, reading
/// quoted attribute values as the tokenizer does.
fn tag_end(source: &str, from: usize) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = from;
    let mut after_equals = false;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'=' => after_equals = true,
            q @ (b'"' | b'\'') if after_equals => {
                let close = source[i + 1..].find(q as char)?;
                i += close + 1;
                after_equals = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Where the raw text of `name` that starts at `from` ends: at `</name` followed by a space,
/// `/` or `>`, compared without case; the end of the input if it never closes.
fn closing_tag(source: &str, from: usize, name: &str) -> usize {
    let b = source.as_bytes();
    let mut i = from;
    while let Some(off) = source[i..].find("</") {
        let at = i + off;
        let tail = &b[at + 2..];
        if tail.len() > name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                tail[name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
        {
            return at;
        }
        i = at + 2;
    }
    source.len()
}

/// Where the `</svg>` that closes an `<svg>` opened just before `from` starts, counting nested
/// drawings and skipping comments and CDATA; `None` if it never closes.
fn svg_end(source: &str, from: usize) -> Option<usize> {
    let b = source.as_bytes();
    let tag_is = |name: &[u8], at: usize| {
        b.len() > at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name)
            && matches!(
                b[at + name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
    };
    let mut depth = 1usize;
    let mut i = from;
    while let Some(off) = source[i..].find('<') {
        let lt = i + off;
        match b.get(lt + 1) {
            Some(b'!') => i = skip_markup_declaration(source, lt),
            Some(b'/') if tag_is(b"svg", lt + 2) => {
                depth -= 1;
                if depth == 0 {
                    return Some(lt);
                }
                i = tag_end(source, lt + 2)?;
            }
            Some(_) if tag_is(b"svg", lt + 1) => {
                let end = tag_end(source, lt + 4)?;
                if !source[..end].ends_with("/>") {
                    depth += 1;
                }
                i = end;
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'/' => i = tag_end(source, lt + 1)?,
            _ => i = lt + 1,
        }
    }
    None
}

fn is_json_ld(attributes: &str) -> bool {
    attributes.to_ascii_lowercase().contains("ld+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empties_scripts_and_styles_and_keeps_json_ld() {
        let page = r#"<head><style>p{color:red}</style><script type="application/ld+json">{"a":1}</script>
<script>var s = "<p>not text</p>";</script></head><body><p>Text</p></body>"#;
        let (pruned, ld) = prune(page);
        assert_eq!(
            pruned,
            "<head><style></style><script type=\"application/ld+json\"></script>\n<script></script></head><body><p>Text</p></body>"
        );
        assert_eq!(ld, [r#"{"a":1}"#]);
    }

    #[test]
    fn leaves_what_the_tokenizer_reads_differently() {
        // A script tag inside a comment is no script: the comment goes, the text after stays.
        assert_eq!(
            prune("<!-- <script>x</script> --><p>a</p>").0,
            "<!----><p>a</p>"
        );
        for page in [
            // Nor is one inside an attribute or a textarea.
            r#"<div title="<script>x</script>">a</div>"#,
            "<textarea><script>x</script></textarea>",
            // "<!--" inside a script can move its end: left to html5ever.
            "<script><!-- <script></script> --></script><p>a</p>",
            // No script at all.
            "<p>1 < 2 and <b>bold</b></p>",
        ] {
            let (pruned, _) = prune(page);
            assert_eq!(pruned, page);
        }
    }

    #[test]
    fn empties_drawings_up_to_their_own_end() {
        let (pruned, _) = prune(
            "<p>a</p><svg viewBox='0 0 1 1'><path d='M0 0'/><svg><g/></svg><!-- </svg> --></svg><p>b</p>",
        );
        assert_eq!(pruned, "<p>a</p><svg viewBox='0 0 1 1'></svg><p>b</p>");
        let (pruned, _) = prune("<svg/><p>a</p>");
        assert_eq!(pruned, "<svg/><p>a</p>");
        let (pruned, _) = prune("<svg><path d='x'>never closed");
        assert_eq!(pruned, "<svg><path d='x'>never closed");
    }

    #[test]
    fn empties_comments_and_noscript() {
        let (pruned, _) =
            prune("<p>a<!-- note <b>x</b> --></p><noscript><img src=x></noscript><!---->");
        assert_eq!(pruned, "<p>a<!----></p><noscript></noscript><!---->");
        let (pruned, _) = prune("<!-- never closed <p>a</p>");
        assert_eq!(pruned, "<!-- never closed <p>a</p>");
    }

    #[test]
    fn ends_match_the_tokenizer() {
        let (pruned, _) = prune("<SCRIPT>a</scripts>b</Script >c");
        assert_eq!(pruned, "<SCRIPT></Script >c");
        let (pruned, _) = prune("<script>never closed");
        assert_eq!(pruned, "<script>");
        let (pruned, _) = prune("<style a='>'>x</style>y");
        assert_eq!(pruned, "<style a='>'></style>y");
    }
}
