//! The HTML tokenizer: tags with their attributes, and text with character references decoded,
//! following the WHATWG tokenizer's states for everything that decides where a token ends.
//!
//! It borrows from the source wherever it can: a tag name or attribute already in lower case and
//! text without `&` cost no allocation. Comments, doctypes and processing instructions
//! are skipped; the raw-text elements' contents (`<script>`, `<style>`, `<title>`...) are read
//! whole when the tree builder asks for them, so their bytes are never looked at as markup.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memmem};

/// One attribute of a start tag: lower-case name, decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'a> {
    /// The name in ASCII lower case.
    pub name: Cow<'a, str>,
    /// The value with character references decoded.
    pub value: Cow<'a, str>,
}

/// A token the tree builder acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag; its attributes are in [`Lexer::attrs`] until the next token.
    Start {
        /// Tag name in ASCII lower case.
        name: Cow<'a, str>,
        /// Written `<x/>`: meaningful only in `SVG` and `MathML`.
        self_closing: bool,
    },
    /// An end tag.
    End {
        /// Tag name in ASCII lower case.
        name: Cow<'a, str>,
    },
    /// Character data.
    Text(Cow<'a, str>),
}

/// How the contents of a raw-text element are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raw {
    /// `<style>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`: up to the end tag.
    Text,
    /// `<title>`, `<textarea>`: up to the end tag, character references decoded.
    Escapable,
    /// `<script>`: up to the end tag, minding `<!--` and nested `<script>` as browsers do.
    Script,
    /// `<plaintext>`: everything to the end of the input.
    Plain,
}

/// Reads tokens from HTML source.
#[derive(Debug)]
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    attrs: Vec<Attr<'a>>,
    max_attributes: usize,
    /// Start tags whose attributes were dropped for being more than the limit.
    pub over_attributes: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Decodes character references in text (where `references`).
///
/// Carriage returns are left as they are: they are whitespace to every reader of the text, and
/// `<pre>` text, the one place they would show, is normalised where it is read.
fn text(s: &str, references: bool) -> Cow<'_, str> {
    if references && memchr(b'&', s.as_bytes()).is_some() {
        htmlize::unescape(s)
    } else {
        Cow::Borrowed(s)
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src` that keeps at most `max_attributes` attributes on a tag.
    #[must_use]
    pub fn new(src: &'a str, max_attributes: usize) -> Self {
        Self {
            src,
            pos: 0,
            attrs: Vec::new(),
            max_attributes,
            over_attributes: 0,
        }
    }

    /// The attributes of the last start tag.
    #[must_use]
    pub fn attrs(&self) -> &[Attr<'a>] {
        &self.attrs
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    /// The next token; `cdata` lets `<![CDATA[...]]>` be text (inside `SVG` and `MathML`).
    pub fn next_token(&mut self, cdata: bool) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        loop {
            let start = self.pos;
            let mut from = start;
            let lt = loop {
                let Some(off) = memchr(b'<', &bytes[from..]) else {
                    self.pos = bytes.len();
                    return (start < bytes.len())
                        .then(|| Token::Text(text(&self.src[start..], true)));
                };
                let lt = from + off;
                let markup = match self.byte(lt + 1) {
                    Some(b) if b.is_ascii_alphabetic() => true,
                    Some(b'!' | b'?') => true,
                    Some(b'/') => self.byte(lt + 2).is_some(),
                    _ => false,
                };
                if markup {
                    break lt;
                }
                from = lt + 1;
            };
            if lt > start {
                // The text before the markup first; the markup is read on the next call.
                self.pos = lt;
                return Some(Token::Text(text(&self.src[start..lt], true)));
            }
            if let Some(token) = self.markup(lt, cdata) {
                return Some(token);
            }
            if self.pos >= bytes.len() {
                return None;
            }
        }
    }

    /// Reads the markup at `lt` (a `<` that starts a tag, comment or declaration).
    fn markup(&mut self, lt: usize, cdata: bool) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        match bytes[lt + 1] {
            b'!' => {
                let rest = &self.src[lt + 2..];
                if rest.starts_with("--") {
                    self.pos = comment_end(self.src, lt + 4);
                } else if cdata && rest.starts_with("[CDATA[") {
                    let body = lt + 9;
                    let end =
                        memmem::find(&bytes[body..], b"]]>").map_or(bytes.len(), |e| body + e);
                    self.pos = (end + 3).min(bytes.len());
                    if end > body {
                        return Some(Token::Text(text(&self.src[body..end], false)));
                    }
                } else {
                    self.pos = bogus_end(bytes, lt + 2);
                }
                None
            }
            b'?' => {
                self.pos = bogus_end(bytes, lt + 1);
                None
            }
            b'/' => {
                let first = bytes[lt + 2];
                if first == b'>' {
                    self.pos = lt + 3;
                    None
                } else if first.is_ascii_alphabetic() {
                    let name_end = name_end(bytes, lt + 2);
                    let name = lower(&self.src[lt + 2..name_end]);
                    if let Some((end, _)) = self.attributes(name_end, false) {
                        self.pos = end;
                        Some(Token::End { name })
                    } else {
                        self.pos = bytes.len();
                        None
                    }
                } else {
                    self.pos = bogus_end(bytes, lt + 2);
                    None
                }
            }
            _ => {
                let name_end = name_end(bytes, lt + 1);
                let name = lower(&self.src[lt + 1..name_end]);
                if let Some((end, self_closing)) = self.attributes(name_end, true) {
                    self.pos = end;
                    Some(Token::Start { name, self_closing })
                } else {
                    // A tag cut off by the end of the input is dropped with the rest.
                    self.pos = bytes.len();
                    None
                }
            }
        }
    }

    /// Reads attributes from `at` to the tag's `>`: the position after it and whether the tag
    /// closed itself, or `None` if the input ends first. Keeps them in `self.attrs` if `keep`.
    fn attributes(&mut self, mut at: usize, keep: bool) -> Option<(usize, bool)> {
        let bytes = self.src.as_bytes();
        self.attrs.clear();
        let mut count = 0usize;
        loop {
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            let b = *bytes.get(at)?;
            match b {
                b'>' => break,
                b'/' => {
                    if bytes.get(at + 1) == Some(&b'>') {
                        if count > self.max_attributes {
                            self.attrs.clear();
                            self.over_attributes += 1;
                        }
                        return Some((at + 2, true));
                    }
                    at += 1;
                    continue;
                }
                _ => {}
            }
            // The first character may be `=`; the name runs to a space, `/`, `>` or `=`.
            let name_start = at;
            at += 1;
            while at < bytes.len()
                && !matches!(bytes[at], b'/' | b'>' | b'=')
                && !is_space(bytes[at])
            {
                at += 1;
            }
            let name_stop = at;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            let mut value = (0, 0, false);
            if bytes.get(at) == Some(&b'=') {
                at += 1;
                while at < bytes.len() && is_space(bytes[at]) {
                    at += 1;
                }
                match *bytes.get(at)? {
                    q @ (b'"' | b'\'') => {
                        let close = at + 1 + memchr(q, &bytes[at + 1..])?;
                        value = (at + 1, close, true);
                        at = close + 1;
                    }
                    b'>' => {}
                    _ => {
                        let v = at;
                        while at < bytes.len() && bytes[at] != b'>' && !is_space(bytes[at]) {
                            at += 1;
                        }
                        value = (v, at, true);
                    }
                }
            }
            count += 1;
            if keep && count <= self.max_attributes {
                let name = lower(&self.src[name_start..name_stop]);
                // The first of two attributes with one name wins.
                if !self.attrs.iter().any(|a| a.name == name) {
                    let raw = &self.src[value.0..value.1];
                    let value = if value.2 && memchr(b'&', raw.as_bytes()).is_some() {
                        htmlize::unescape_attribute(raw)
                    } else {
                        Cow::Borrowed(raw)
                    };
                    self.attrs.push(Attr { name, value });
                }
            }
        }
        if count > self.max_attributes {
            self.attrs.clear();
            self.over_attributes += 1;
        }
        Some((at + 1, false))
    }

    /// The contents of the raw-text element `name` just opened, up to (not including) its end
    /// tag, or `None` if it is empty.
    pub fn raw(&mut self, name: &str, kind: Raw) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let end = match kind {
            Raw::Plain => bytes.len(),
            Raw::Script => script_end(bytes, start),
            Raw::Text | Raw::Escapable => end_tag(bytes, start, name.as_bytes()),
        };
        self.pos = end;
        (end > start).then(|| Token::Text(text(&self.src[start..end], kind == Raw::Escapable)))
    }
}

/// Where a tag name starting at `from` ends.
fn name_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() && !matches!(bytes[from], b'/' | b'>') && !is_space(bytes[from]) {
        from += 1;
    }
    from
}

/// After a bogus comment or declaration starting at `from`: past the next `>`.
fn bogus_end(bytes: &[u8], from: usize) -> usize {
    memchr(b'>', &bytes[from..]).map_or(bytes.len(), |e| from + e + 1)
}

/// After a comment whose body starts at `body`: `<!-->` and `<!--->` end at once; otherwise past
/// the first `-->` or `--!>`, or the end of the input.
fn comment_end(src: &str, body: usize) -> usize {
    let bytes = src.as_bytes();
    if bytes.get(body) == Some(&b'>') {
        return body + 1;
    }
    if bytes.get(body..body + 2) == Some(b"->") {
        return body + 2;
    }
    let mut from = body;
    while let Some(off) = memmem::find(&bytes[from..], b"--") {
        let dash = from + off;
        let mut after = dash + 2;
        // "--->" still ends the comment: skip further dashes.
        while bytes.get(after) == Some(&b'-') {
            after += 1;
        }
        match bytes.get(after) {
            Some(b'>') => return after + 1,
            Some(b'!') if bytes.get(after + 1) == Some(&b'>') => return after + 2,
            _ => from = after,
        }
    }
    bytes.len()
}

/// Whether `</name` followed by a space, `/` or `>` starts at `at`.
fn is_end_tag(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + 2 + name.len();
    bytes.get(at + 1) == Some(&b'/')
        && bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && bytes
            .get(after)
            .is_some_and(|&b| matches!(b, b'/' | b'>') || is_space(b))
}

/// Where the raw text from `from` ends: at its element's end tag, or the end of the input.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(off) = memmem::find(&bytes[at..], b"</") {
        let lt = at + off;
        if is_end_tag(bytes, lt, name) {
            return lt;
        }
        at = lt + 2;
    }
    bytes.len()
}

/// Where a script's text from `from` ends, following the script data states: after `<!--` the
/// text is escaped, and inside that a `<script>` must be closed before `</script>` ends it.
fn script_end(bytes: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    let mut at = from;
    while let Some(off) = memchr2(b'<', b'-', &bytes[at..]) {
        let i = at + off;
        at = i + 1;
        if bytes[i] == b'-' {
            if state != State::Data && bytes.get(i..i + 3) == Some(b"-->") {
                state = State::Data;
                at = i + 3;
            }
            continue;
        }
        if bytes.get(i..i + 4) == Some(b"<!--") {
            if state == State::Data {
                state = State::Escaped;
            }
            // "<!-->" : the dashes may also close it at once.
            at = i + 2;
            continue;
        }
        if is_end_tag(bytes, i, b"script") {
            match state {
                State::DoubleEscaped => state = State::Escaped,
                _ => return i,
            }
            continue;
        }
        if state == State::Escaped {
            let after = i + 7;
            if bytes
                .get(i + 1..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
                && bytes
                    .get(after)
                    .is_some_and(|&b| matches!(b, b'/' | b'>') || is_space(b))
            {
                state = State::DoubleEscaped;
            }
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut lexer = Lexer::new(src, 256);
        let mut out = Vec::new();
        while let Some(t) = lexer.next_token(false) {
            let item = match t {
                Token::Start { name, self_closing } => {
                    let attrs: Vec<String> = lexer
                        .attrs()
                        .iter()
                        .map(|a| format!(" {}={}", a.name, a.value))
                        .collect();
                    let close = if self_closing { "/" } else { "" };
                    let raw = match &*name {
                        "script" => Some(Raw::Script),
                        "style" => Some(Raw::Text),
                        "title" => Some(Raw::Escapable),
                        _ => None,
                    };
                    let tag = format!("<{name}{}{close}>", attrs.concat());
                    let Some(raw) = raw else {
                        out.push(tag);
                        continue;
                    };
                    out.push(tag);
                    let Some(Token::Text(t)) = lexer.raw(&name, raw) else {
                        continue;
                    };
                    format!("raw:{t}")
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(t) => t.into_owned(),
            };
            out.push(item);
        }
        out
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        assert_eq!(
            tokens(r#"<P Class="a b" id=x data-x='1>2' hidden>Tom &amp; Jerry&nbsp;&copy</p>"#),
            [
                "<p class=a b id=x data-x=1>2 hidden=>",
                "Tom & Jerry\u{a0}©",
                "</p>"
            ]
        );
        assert_eq!(
            tokens("<img src=a.jpg alt=\"&quot;x&quot;\"/><br/>"),
            ["<img src=a.jpg alt=\"x\"/>", "<br/>"]
        );
        // The first of two attributes with one name wins; attributes on end tags are dropped.
        assert_eq!(
            tokens("<a href=1 HREF=2>x</a id=3>"),
            ["<a href=1>", "x", "</a>"]
        );
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        assert_eq!(tokens("a < b <3 c</>d<"), ["a < b <3 c", "d<"]);
    }

    #[test]
    fn comments_doctypes_and_bogus_comments_are_skipped() {
        assert_eq!(
            tokens("<!DOCTYPE html>a<!-- <p>x</p> -->b<!-->c<!--->d<?xml ?>e<!-- x --!>f</ x>g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert_eq!(tokens("a<!-- never closed <p>"), ["a"]);
    }

    #[test]
    fn raw_text_runs_to_its_own_end_tag() {
        assert_eq!(
            tokens("<style>p > a {}</p></style ><title>A &amp; B</title>"),
            [
                "<style>",
                "raw:p > a {}</p>",
                "</style>",
                "<title>",
                "raw:A & B",
                "</title>"
            ]
        );
        assert_eq!(
            tokens("<script>if (a</script>b) {}</script>c"),
            [
                "<script>",
                "raw:if (a",
                "</script>",
                "b) {}",
                "</script>",
                "c"
            ]
        );
        // In an escaped script a nested <script> must close before </script> ends it.
        assert_eq!(
            tokens("<script><!-- document.write('<script>x</script>'); --></script>d"),
            [
                "<script>",
                "raw:<!-- document.write('<script>x</script>'); -->",
                "</script>",
                "d"
            ]
        );
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_dropped() {
        assert_eq!(tokens("text<a href=\"x"), ["text"]);
        assert_eq!(tokens("text<div class=x"), ["text"]);
    }

    #[test]
    fn too_many_attributes_drop_them_all() {
        let tag = format!("<p {}>x", "a ".repeat(10));
        let mut lexer = Lexer::new(&tag, 5);
        assert!(matches!(lexer.next_token(false), Some(Token::Start { .. })));
        assert!(lexer.attrs().is_empty());
        assert_eq!(lexer.over_attributes, 1);
    }
}
