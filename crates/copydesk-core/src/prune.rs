//! A pre-pass over HTML source that empties `<script>`, `<style>` and `<svg>` elements before
//! html5ever sees them, keeping JSON-LD aside, and holds the page to the parse limits.
//!
//! On news pages half the bytes are scripts and style sheets; the tokenizer would read every
//! one of them only for the walker to skip the element. The pass follows the tokenizer's rules
//! closely enough that the tree it leads to is the same: it reads tags with their quoted
//! attributes, skips comments and the raw-text elements (`textarea`, `title`, `noscript`, ...)
//! whole, and leaves alone any script whose content could change how it ends (`<!--` inside a
//! script switches the tokenizer into its escaped states).
//!
//! The limits are enforced here because html5ever has none: each start tag looks down the
//! stack of open elements (quadratic in the depth), and each attribute is checked against the
//! tag's others (quadratic in their number). Tags nested deeper than the limit are left out,
//! their text kept; a tag with too many attributes keeps only its name; past the element limit
//! the page is cut.

use std::borrow::Cow;

/// How much markup the parser is given.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of elements that need an end tag; deeper tags are left out.
    pub depth: usize,
    /// Most start tags read; the page is cut at the next one.
    pub elements: usize,
    /// Most attributes on one tag; a tag with more keeps only its name.
    pub attributes: usize,
}

impl Limits {
    /// No limit: the pass only prunes.
    pub const NONE: Self = Self {
        depth: usize::MAX,
        elements: usize::MAX,
        attributes: usize::MAX,
    };
}

/// The pruned source, the JSON-LD scripts' contents, and what the limits cut.
#[derive(Debug)]
pub struct Pruned<'a> {
    /// The source with script and style contents removed and the limits applied.
    pub source: Cow<'a, str>,
    /// The contents of the `application/ld+json` scripts.
    pub json_ld: Vec<&'a str>,
    /// One line per limit that changed the page.
    pub warnings: Vec<String>,
}

/// The source with script and style contents removed, held to `limits`.
#[must_use]
pub fn prune<'a>(source: &'a str, limits: &Limits) -> Pruned<'a> {
    let bytes = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `source` already accounted for in `out`
    let mut ld: Vec<&str> = Vec::new();
    let mut warnings = Vec::new();
    let mut depth = 0usize; // open elements that need an end tag
    let (mut elements, mut too_deep, mut too_many_attributes) = (0usize, 0usize, 0usize);
    let mut svg_closes = true; // false once an <svg> was seen never to close
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
        if next == b'?' {
            i = tag_end(source, lt + 2).unwrap_or(source.len());
            continue;
        }
        if next == b'/' {
            i = tag_end(source, lt + 2).unwrap_or(source.len());
            let name = tag_name(source, lt + 2);
            if needs_end_tag(name) {
                if depth > limits.depth {
                    drop_range(&mut out, &mut copied, source, lt, i);
                }
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = tag_name(source, lt + 1);
        let name_end = lt + 1 + name.len();
        let Some(open_end) = tag_end(source, name_end) else {
            break; // an unfinished tag runs to the end of the input
        };
        elements += 1;
        if elements > limits.elements {
            warnings.push(format!(
                "the page has more than {} elements; the rest was not read",
                limits.elements
            ));
            drop_range(&mut out, &mut copied, source, lt, source.len());
            break;
        }
        if open_end - name_end > 64
            && attribute_count(&source[name_end..open_end]) > limits.attributes
        {
            too_many_attributes += 1;
            drop_range(&mut out, &mut copied, source, name_end, open_end - 1);
        }
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
            if let Some(close) = svg_closes.then(|| svg_end(source, open_end)).flatten() {
                if close > open_end {
                    drop_range(&mut out, &mut copied, source, open_end, close);
                }
                i = close;
            } else {
                // Never closed: no later <svg> is searched to the end again.
                svg_closes = false;
                i = open_end;
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
            if needs_end_tag(name) {
                depth += 1;
                if depth > limits.depth {
                    too_deep += 1;
                    drop_range(&mut out, &mut copied, source, lt, open_end);
                }
            }
        }
    }
    if too_deep > 0 {
        warnings.push(format!(
            "{too_deep} elements nested deeper than {} were flattened",
            limits.depth
        ));
    }
    if too_many_attributes > 0 {
        warnings.push(format!(
            "{too_many_attributes} tags with more than {} attributes lost their attributes",
            limits.attributes
        ));
    }
    let source = match out {
        Some(mut o) => {
            o.push_str(&source[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(source),
    };
    Pruned {
        source,
        json_ld: ld,
        warnings,
    }
}

/// The tag name that starts at `from`: up to a space, `/` or `>`.
fn tag_name(source: &str, from: usize) -> &str {
    let rest = &source[from..];
    let end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Whether an element stays open until its end tag, so that it can nest: not void, its end
/// tag not implied by what follows (`<p>`, `<li>`, `<td>` ... close themselves), and not one
/// the parser closes when another starts (`<a>` in `<a>`, `<button>`, `<form>`, headings).
fn needs_end_tag(name: &str) -> bool {
    const NEVER_NEST: [&str; 46] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound", "image", "p", "li",
        "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "caption", "head", "body", "html", "a", "nobr", "button", "form", "h1", "h2", "h3", "h4",
        "h5", "h6",
    ];
    !name.is_empty() && !NEVER_NEST.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// How many attributes the text between a tag's name and its `>` holds, reading quoted values
/// as the tokenizer does.
fn attribute_count(attributes: &str) -> usize {
    let b = attributes.as_bytes();
    let (mut count, mut i, mut in_name) = (0, 0, false);
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' if i > 0 && b[i - 1] == b'=' => {
                let close = attributes[i + 1..]
                    .find(b[i] as char)
                    .map_or(b.len(), |c| i + 1 + c);
                i = close;
                in_name = false;
            }
            b'=' => in_name = true, // the value is not a new name
            c if c.is_ascii_whitespace() || c == b'/' || c == b'>' => in_name = false,
            _ => {
                if !in_name {
                    count += 1;
                    in_name = true;
                }
            }
        }
        i += 1;
    }
    count
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

    fn pruned_of(page: &str) -> Cow<'_, str> {
        prune(page, &Limits::NONE).source
    }

    fn limited(page: &str, depth: usize, elements: usize, attributes: usize) -> Pruned<'_> {
        prune(
            page,
            &Limits {
                depth,
                elements,
                attributes,
            },
        )
    }

    #[test]
    fn tags_past_the_depth_limit_are_left_out_and_their_text_kept() {
        let page = "<div><section><div><b>deep</b> text</div></section></div><p>after";
        let cut = limited(page, 2, 100, 100);
        assert_eq!(
            cut.source,
            "<div><section>deep text</section></div><p>after"
        );
        assert_eq!(
            cut.warnings,
            ["2 elements nested deeper than 2 were flattened"]
        );
        // Elements that end themselves (<p>, <li>, void ones) or that the parser closes when
        // another starts (<a>) never count as nesting.
        let flat = "<ul><li><p>a<li><p>b<br><img src=x><a href=1>c<a href=2>d</ul>";
        assert_eq!(limited(flat, 1, 100, 100).source, flat);
    }

    #[test]
    fn the_page_is_cut_at_the_element_limit() {
        let cut = limited("<p>a</p><p>b</p><p>c</p>", 100, 2, 100);
        assert_eq!(cut.source, "<p>a</p><p>b</p>");
        assert_eq!(
            cut.warnings,
            ["the page has more than 2 elements; the rest was not read"]
        );
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_its_name() {
        let many = format!("<div{}>text</div>", " data-x=\"a b\" y='>'".repeat(20));
        // 40 attributes, some with spaces or a '>' in their quoted values.
        assert_eq!(limited(&many, 100, 100, 40).source, many);
        let cut = limited(&many, 100, 100, 39);
        assert_eq!(cut.source, "<div>text</div>");
        assert_eq!(
            cut.warnings,
            ["1 tags with more than 39 attributes lost their attributes"]
        );
    }

    #[test]
    fn empties_scripts_and_styles_and_keeps_json_ld() {
        let page = r#"<head><style>p{color:red}</style><script type="application/ld+json">{"a":1}</script>
<script>var s = "<p>not text</p>";</script></head><body><p>Text</p></body>"#;
        let Pruned {
            source: pruned,
            json_ld: ld,
            ..
        } = prune(page, &Limits::NONE);
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
            pruned_of("<!-- <script>x</script> --><p>a</p>"),
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
            let pruned = pruned_of(page);
            assert_eq!(pruned, page);
        }
    }

    #[test]
    fn empties_drawings_up_to_their_own_end() {
        let pruned = pruned_of(
            "<p>a</p><svg viewBox='0 0 1 1'><path d='M0 0'/><svg><g/></svg><!-- </svg> --></svg><p>b</p>",
        );
        assert_eq!(pruned, "<p>a</p><svg viewBox='0 0 1 1'></svg><p>b</p>");
        let pruned = pruned_of("<svg/><p>a</p>");
        assert_eq!(pruned, "<svg/><p>a</p>");
        let pruned = pruned_of("<svg><path d='x'>never closed");
        assert_eq!(pruned, "<svg><path d='x'>never closed");
    }

    #[test]
    fn empties_comments_and_noscript() {
        let pruned =
            pruned_of("<p>a<!-- note <b>x</b> --></p><noscript><img src=x></noscript><!---->");
        assert_eq!(pruned, "<p>a<!----></p><noscript></noscript><!---->");
        let pruned = pruned_of("<!-- never closed <p>a</p>");
        assert_eq!(pruned, "<!-- never closed <p>a</p>");
    }

    #[test]
    fn ends_match_the_tokenizer() {
        let pruned = pruned_of("<SCRIPT>a</scripts>b</Script >c");
        assert_eq!(pruned, "<SCRIPT></Script >c");
        let pruned = pruned_of("<script>never closed");
        assert_eq!(pruned, "<script>");
        let pruned = pruned_of("<style a='>'>x</style>y");
        assert_eq!(pruned, "<style a='>'></style>y");
    }
}
