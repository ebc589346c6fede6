//! The tree builder: turns tokens into a well-nested stream of element starts, ends and text,
//! without building a tree, following the HTML tree-construction rules that decide where an
//! element ends.
//!
//! It keeps the stack of open elements and applies what changes it: implied `<html>`, `<head>`
//! and `<body>`, a `<p>` closed by the block that follows it, list items and table cells closed
//! by their next sibling, void elements, end tags matched within their scope, stray end tags
//! ignored, and `SVG` or `MathML` left when an HTML block starts inside them. What only moves
//! nodes around (foster-parenting of text misplaced in tables, the adoption agency reopening
//! misnested `<b>`) is left out: it changes no word of the text and little of its grouping.
//!
//! The limits live here: elements nested deeper than `depth` are left out (their text kept), the
//! page is cut after `elements` start tags, and a tag with more than `attributes` attributes
//! loses them. The stack never grows past `depth`, so no input makes the walk deep.

use std::borrow::Cow;

use super::lexer::{Attr, Lexer, Raw, Token};

/// How much markup is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of elements; deeper tags are left out and their text kept.
    pub depth: usize,
    /// Most start tags read; the page is cut at the next one.
    pub elements: usize,
    /// Most attributes on one tag; a tag with more keeps only its name.
    pub attributes: usize,
}

/// What the tree builder reports, in document order, always well nested.
pub trait Sink<'a> {
    /// An element starts.
    fn start(&mut self, name: &str, attrs: &[Attr<'a>]);
    /// The innermost open element ends.
    fn end(&mut self, name: &str);
    /// Text inside the innermost open element.
    fn text(&mut self, text: &str);
}

/// Parses `src` into events on `sink`; returns one warning per limit that changed the page.
pub fn parse<'a, S: Sink<'a>>(src: &'a str, limits: &Limits, sink: &mut S) -> Vec<String> {
    let mut builder = Builder {
        lexer: Lexer::new(src, limits.attributes),
        stack: Vec::new(),
        dropped: Vec::new(),
        sink,
        mode: Mode::BeforeHtml,
        limits: *limits,
        too_deep: 0,
    };
    let mut warnings = Vec::new();
    let mut elements = 0usize;
    while let Some(token) = builder
        .lexer
        .next_token(builder.stack.last().is_some_and(|o| o.foreign))
    {
        match token {
            Token::Start { name, self_closing } => {
                elements += 1;
                if elements > limits.elements {
                    warnings.push(format!(
                        "the page has more than {} elements; the rest was not read",
                        limits.elements
                    ));
                    break;
                }
                builder.start(name, self_closing);
            }
            Token::End { name } => builder.end(&name),
            Token::Text(text) => builder.text(&text),
        }
    }
    while !builder.stack.is_empty() {
        builder.pop();
    }
    if builder.too_deep > 0 {
        warnings.insert(
            0,
            format!(
                "{} elements nested deeper than {} were flattened",
                builder.too_deep, limits.depth
            ),
        );
    }
    if builder.lexer.over_attributes > 0 {
        warnings.push(format!(
            "{} tags with more than {} attributes lost their attributes",
            builder.lexer.over_attributes, limits.attributes
        ));
    }
    warnings
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
}

struct Open<'a> {
    name: Cow<'a, str>,
    /// In `SVG` or `MathML`.
    foreign: bool,
}

struct Builder<'a, 's, S> {
    lexer: Lexer<'a>,
    stack: Vec<Open<'a>>,
    /// Start tags left out for depth, innermost last, so that their end tags are left out too.
    dropped: Vec<Cow<'a, str>>,
    sink: &'s mut S,
    mode: Mode,
    limits: Limits,
    too_deep: usize,
}

/// Elements that may sit in `<head>`.
fn is_head_element(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "noframes"
            | "script"
            | "style"
            | "template"
            | "title"
            | "noscript"
    )
}

/// Elements with no contents and no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "br"
            | "embed"
            | "img"
            | "keygen"
            | "wbr"
            | "input"
            | "param"
            | "source"
            | "track"
            | "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "hr"
            | "col"
            | "frame"
    )
}

/// Blocks whose start closes an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "form"
            | "pre"
            | "listing"
            | "xmp"
            | "plaintext"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose end tag closes them only when they are in scope: the blocks that close a
/// `<p>` (less those with end-tag rules of their own), and a few scoping elements.
fn is_block_end(name: &str) -> bool {
    closes_p(name) && !matches!(name, "p" | "xmp" | "plaintext" | "hr") && !is_heading(name)
        || matches!(name, "button" | "applet" | "marquee" | "object")
}

/// The "special" category: an end tag for an inline element never closes past one of these.
fn is_special(open: &Open<'_>) -> bool {
    if open.foreign {
        return is_integration_point(open);
    }
    closes_p(&open.name)
        || is_void(&open.name)
        || matches!(
            &*open.name,
            "applet"
                | "body"
                | "button"
                | "caption"
                | "colgroup"
                | "dd"
                | "dt"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "li"
                | "marquee"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "script"
                | "select"
                | "style"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "image"
        )
}

/// `SVG` and `MathML` elements whose children are HTML again.
fn is_integration_point(open: &Open<'_>) -> bool {
    open.foreign
        && matches!(
            &*open.name,
            "foreignobject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext"
        )
}

/// Elements that, started inside `SVG` or `MathML`, close it and are HTML.
fn breaks_out(name: &str, attrs: &[Attr<'_>]) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    ) || (name == "font"
        && attrs
            .iter()
            .any(|a| matches!(&*a.name, "color" | "face" | "size")))
}

/// Which scope an "in scope" check stops at.
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

impl<'a, S: Sink<'a>> Builder<'a, '_, S> {
    fn top(&self) -> Option<&str> {
        self.stack.last().map(|o| &*o.name)
    }

    /// Opens `name` with the last tag's attributes (or none), unless too deep.
    fn insert(&mut self, name: Cow<'a, str>, with_attrs: bool, foreign: bool) -> bool {
        if self.stack.len() >= self.limits.depth {
            self.too_deep += 1;
            self.dropped.push(name);
            return false;
        }
        let attrs: &[Attr<'a>] = if with_attrs { self.lexer.attrs() } else { &[] };
        self.sink.start(&name, attrs);
        self.stack.push(Open { name, foreign });
        true
    }

    fn void(&mut self, name: &str) {
        self.sink.start(name, self.lexer.attrs());
        self.sink.end(name);
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.sink.end(&open.name);
        }
    }

    /// Pops elements up to and including the innermost one for which `is` holds.
    fn pop_until(&mut self, is: impl Fn(&str) -> bool) {
        while let Some(open) = self.stack.pop() {
            self.sink.end(&open.name);
            if is(&open.name) && !open.foreign {
                break;
            }
        }
    }

    /// Pops elements while `keep` does not hold for the innermost one.
    fn pop_while_not(&mut self, keep: impl Fn(&str) -> bool) {
        while self.top().is_some_and(|t| !keep(t)) {
            self.pop();
        }
    }

    /// Whether an element for which `is` holds is open, not hidden behind a scope boundary.
    fn in_scope(&self, is: impl Fn(&str) -> bool, scope: Scope) -> bool {
        for open in self.stack.iter().rev() {
            let name = &*open.name;
            if !open.foreign && is(name) {
                return true;
            }
            let boundary = if open.foreign {
                is_integration_point(open)
            } else {
                match scope {
                    Scope::Table => matches!(name, "html" | "table" | "template"),
                    _ => {
                        matches!(
                            name,
                            "applet"
                                | "caption"
                                | "html"
                                | "table"
                                | "td"
                                | "th"
                                | "marquee"
                                | "object"
                                | "template"
                        ) || matches!(scope, Scope::Button if name == "button")
                            || matches!(scope, Scope::ListItem if matches!(name, "ol" | "ul"))
                    }
                }
            };
            if boundary {
                return false;
            }
        }
        false
    }

    fn close_p(&mut self) {
        if self.in_scope(|n| n == "p", Scope::Button) {
            self.pop_until(|n| n == "p");
        }
    }

    /// Reads a raw-text element's contents right after its start tag.
    fn raw(&mut self, name: &str, kind: Raw, opened: bool) {
        if let Some(Token::Text(text)) = self.lexer.raw(name, kind)
            && opened
        {
            self.sink.text(&text);
        }
    }

    /// Opens the implied `<html>`, `<head>` and `<body>` up to `mode`.
    fn advance_to(&mut self, mode: Mode) {
        while self.mode != mode {
            match self.mode {
                Mode::BeforeHtml => {
                    self.insert(Cow::Borrowed("html"), false, false);
                    self.mode = Mode::BeforeHead;
                }
                Mode::BeforeHead => {
                    self.insert(Cow::Borrowed("head"), false, false);
                    self.mode = Mode::InHead;
                }
                Mode::InHead => {
                    self.pop_until(|n| n == "head");
                    self.mode = Mode::AfterHead;
                }
                Mode::AfterHead => {
                    self.insert(Cow::Borrowed("body"), false, false);
                    self.mode = Mode::InBody;
                }
                Mode::InBody => return,
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.mode != Mode::InBody {
            if text.bytes().all(|b| b.is_ascii_whitespace()) {
                if self.mode == Mode::InHead {
                    self.sink.text(text);
                }
                return;
            }
            self.advance_to(Mode::InBody);
        }
        self.sink.text(text);
    }

    fn start(&mut self, name: Cow<'a, str>, self_closing: bool) {
        if let Some(top) = self.stack.last()
            && top.foreign
            && !is_integration_point(top)
        {
            if !breaks_out(&name, self.lexer.attrs()) {
                if self.insert(name, true, true) && self_closing {
                    self.pop();
                }
                return;
            }
            while self
                .stack
                .last()
                .is_some_and(|o| o.foreign && !is_integration_point(o))
            {
                self.pop();
            }
        }
        match self.mode {
            Mode::BeforeHtml => {
                if name == "html" {
                    self.insert(name, true, false);
                    self.mode = Mode::BeforeHead;
                    return;
                }
                self.advance_to(Mode::BeforeHead);
                return self.start(name, self_closing);
            }
            Mode::BeforeHead => {
                if name == "head" {
                    self.insert(name, true, false);
                    self.mode = Mode::InHead;
                    return;
                }
                if name == "html" {
                    return;
                }
                self.advance_to(Mode::InHead);
                return self.start(name, self_closing);
            }
            Mode::InHead => {
                if is_head_element(&name) {
                    return self.body_start(name, self_closing);
                }
                if name == "head" || name == "html" {
                    return;
                }
                self.advance_to(Mode::AfterHead);
                return self.start(name, self_closing);
            }
            Mode::AfterHead => {
                if name == "body" {
                    self.insert(name, true, false);
                    self.mode = Mode::InBody;
                    return;
                }
                if !is_head_element(&name) {
                    self.advance_to(Mode::InBody);
                }
            }
            Mode::InBody => {}
        }
        self.body_start(name, self_closing);
    }

    /// Whether a `<table>` is open with no cell or caption between it and the innermost node.
    fn in_table(&self) -> bool {
        self.in_scope(|n| n == "table", Scope::Table)
    }

    fn body_start(&mut self, name: Cow<'a, str>, self_closing: bool) {
        let n = &*name;
        match n {
            "html" | "body" | "head" | "frame" | "frameset" | "colgroup" | "col" => {}
            "li" => {
                self.close_item(|t| t == "li");
                self.close_p();
                self.insert(name, true, false);
            }
            "dd" | "dt" => {
                self.close_item(|t| t == "dd" || t == "dt");
                self.close_p();
                self.insert(name, true, false);
            }
            _ if is_heading(n) => {
                self.close_p();
                if self.top().is_some_and(is_heading) {
                    self.pop();
                }
                self.insert(name, true, false);
            }
            "hr" => {
                self.close_p();
                self.void(n);
            }
            "image" => self.void("img"),
            _ if is_void(n) => self.void(n),
            "plaintext" | "xmp" => {
                self.close_p();
                let kind = if n == "xmp" { Raw::Text } else { Raw::Plain };
                let opened = self.insert(name.clone(), true, false);
                self.raw(&name, kind, opened);
            }
            "table" => {
                if self.in_table()
                    && self
                        .top()
                        .is_some_and(|t| matches!(t, "table" | "tbody" | "thead" | "tfoot" | "tr"))
                {
                    self.pop_until(|t| t == "table");
                } else {
                    self.close_p();
                }
                self.insert(name, true, false);
            }
            _ if closes_p(n) => {
                self.close_p();
                self.insert(name, true, false);
            }
            "caption" | "tbody" | "thead" | "tfoot" => {
                if self.in_table() {
                    self.pop_while_not(|t| matches!(t, "table" | "template" | "html"));
                    self.insert(name, true, false);
                }
            }
            "tr" => {
                if self.in_table() {
                    self.pop_while_not(|t| {
                        matches!(
                            t,
                            "tbody" | "thead" | "tfoot" | "table" | "template" | "html"
                        )
                    });
                    if self.top() == Some("table") {
                        self.insert(Cow::Borrowed("tbody"), false, false);
                    }
                    self.insert(name, true, false);
                }
            }
            "td" | "th" => {
                if self.in_table() {
                    self.pop_while_not(|t| {
                        matches!(
                            t,
                            "tr" | "tbody" | "thead" | "tfoot" | "table" | "template" | "html"
                        )
                    });
                    if self.top() == Some("table") {
                        self.insert(Cow::Borrowed("tbody"), false, false);
                    }
                    if self.top() != Some("tr") {
                        self.insert(Cow::Borrowed("tr"), false, false);
                    }
                    self.insert(name, true, false);
                }
            }
            "a" | "nobr" | "button" => {
                // A second link, nobr or button closes the first where nothing special is
                // in between (the adoption agency's result for the common case).
                if let Some(i) = self.stack.iter().rposition(|o| o.name == n && !o.foreign)
                    && !self.stack[i + 1..].iter().any(is_special)
                {
                    self.pop_until(|t| t == n);
                }
                self.insert(name, true, false);
            }
            "option" | "optgroup" => {
                if self.top() == Some("option") {
                    self.pop();
                }
                self.insert(name, true, false);
            }
            "textarea" | "title" => {
                let opened = self.insert(name.clone(), true, false);
                self.raw(&name, Raw::Escapable, opened);
            }
            "iframe" | "noembed" | "noframes" | "noscript" | "style" => {
                let opened = self.insert(name.clone(), true, false);
                self.raw(&name, Raw::Text, opened);
            }
            "script" => {
                let opened = self.insert(name.clone(), true, false);
                self.raw(&name, Raw::Script, opened);
            }
            "svg" | "math" => {
                if self.insert(name, true, true) && self_closing {
                    self.pop();
                }
            }
            _ => {
                self.insert(name, true, false);
            }
        }
    }

    /// Closes an open list item (or `dd`/`dt`) before a new one starts.
    fn close_item(&mut self, is: impl Fn(&str) -> bool) {
        for i in (0..self.stack.len()).rev() {
            let open = &self.stack[i];
            if !open.foreign && is(&open.name) {
                self.pop_until(&is);
                return;
            }
            if is_special(open) && !matches!(&*open.name, "address" | "div" | "p") {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if self.dropped.last().is_some_and(|d| d == name) {
            self.dropped.pop();
            return;
        }
        // Inside SVG or MathML an end tag closes its own element.
        if self.stack.last().is_some_and(|o| o.foreign) {
            for i in (0..self.stack.len()).rev() {
                let open = &self.stack[i];
                if !open.foreign {
                    break;
                }
                if open.name.eq_ignore_ascii_case(name) {
                    while self.stack.len() > i {
                        self.pop();
                    }
                    return;
                }
            }
        }
        match self.mode {
            Mode::BeforeHtml | Mode::BeforeHead | Mode::AfterHead => {
                if !matches!(name, "body" | "html" | "br") {
                    return;
                }
                self.advance_to(Mode::InBody);
            }
            Mode::InHead => {
                if name == "head" {
                    self.advance_to(Mode::AfterHead);
                    return;
                }
                if matches!(name, "body" | "html" | "br") {
                    self.advance_to(Mode::InBody);
                }
            }
            Mode::InBody => {}
        }
        self.body_end(name);
    }

    fn body_end(&mut self, n: &str) {
        match n {
            "body" | "html" => {}
            "p" => {
                if self.in_scope(|t| t == "p", Scope::Button) {
                    self.pop_until(|t| t == "p");
                } else if self.insert(Cow::Borrowed("p"), false, false) {
                    // A stray </p> is an empty paragraph.
                    self.pop();
                }
            }
            "br" => {
                self.sink.start("br", &[]);
                self.sink.end("br");
            }
            "li" => {
                if self.in_scope(|t| t == "li", Scope::ListItem) {
                    self.pop_until(|t| t == "li");
                }
            }
            _ if is_heading(n) => {
                if self.in_scope(is_heading, Scope::Default) {
                    self.pop_until(is_heading);
                }
            }
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table" | "caption" => {
                if self.in_scope(|t| t == n, Scope::Table) {
                    self.pop_until(|t| t == n);
                }
            }
            _ if is_block_end(n) || matches!(n, "dd" | "dt") => {
                if self.in_scope(|t| t == n, Scope::Default) {
                    self.pop_until(|t| t == n);
                }
            }
            _ => {
                // Any other end tag closes its element unless a special one is in between;
                // a misnested inline element (`<a><div>..</a>`) is left open.
                for i in (0..self.stack.len()).rev() {
                    let open = &self.stack[i];
                    if open.name == n && !open.foreign {
                        while self.stack.len() > i {
                            self.pop();
                        }
                        return;
                    }
                    if is_special(open) {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events as markup, `(text)` for text.
    #[derive(Default)]
    struct Serialize(String);

    impl Sink<'_> for Serialize {
        fn start(&mut self, name: &str, _: &[Attr<'_>]) {
            self.0.extend(["<", name, ">"]);
        }
        fn end(&mut self, name: &str) {
            self.0.extend(["</", name, ">"]);
        }
        fn text(&mut self, text: &str) {
            self.0.push_str(text);
        }
    }

    const NONE: Limits = Limits {
        depth: usize::MAX,
        elements: usize::MAX,
        attributes: usize::MAX,
    };

    fn tree(src: &str) -> String {
        tree_with(src, &NONE).0
    }

    fn tree_with(src: &str, limits: &Limits) -> (String, Vec<String>) {
        let mut sink = Serialize::default();
        let warnings = parse(src, limits, &mut sink);
        (sink.0, warnings)
    }

    #[test]
    fn implies_html_head_and_body() {
        assert_eq!(
            tree("<title>T</title><p>x"),
            "<html><head><title>T</title></head><body><p>x</p></body></html>"
        );
        assert_eq!(
            tree("<!doctype html><html lang=en><head></head><body>x</body></html>y"),
            "<html><head></head><body>xy</body></html>"
        );
        // A block in the head ends it.
        assert_eq!(
            tree("<head><meta charset=utf-8><div>x</div>"),
            "<html><head><meta></meta></head><body><div>x</div></body></html>"
        );
    }

    #[test]
    fn closes_what_the_next_tag_implies() {
        let body = |s: &str| {
            let t = tree(s);
            t["<html><head></head><body>".len()..t.len() - "</body></html>".len()].to_owned()
        };
        assert_eq!(body("<p>a<p>b<div>c</div>"), "<p>a</p><p>b</p><div>c</div>");
        assert_eq!(
            body("<ul><li>a<li>b<ul><li>c</ul></ul>"),
            "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"
        );
        assert_eq!(
            body("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>"
        );
        assert_eq!(body("<h1>a<h2>b</h1>c"), "<h1>a</h1><h2>b</h2>c");
        assert_eq!(body("<p>a</p></p>"), "<p>a</p><p></p>");
        assert_eq!(body("<a href=1>x<a href=2>y</a>"), "<a>x</a><a>y</a>");
        assert_eq!(
            body("<img src=x><br>a</br>"),
            "<img></img><br></br>a<br></br>"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        let t = tree("<div><span>a</div></span>b</em></div>");
        assert_eq!(
            t,
            "<html><head></head><body><div><span>a</span></div>b</body></html>"
        );
        // An inline end tag does not close past a block.
        let t = tree("<b><div>a</b>c</div>");
        assert!(t.contains("<b><div>a"), "{t}");
    }

    #[test]
    fn svg_ends_itself_or_where_html_starts() {
        let t = tree("<svg><path/><title>x</title></svg><p>a</p><svg><g><p>b</p>");
        assert_eq!(
            t,
            "<html><head></head><body><svg><path></path><title>x</title></svg><p>a</p><svg><g></g></svg><p>b</p></body></html>"
        );
    }

    #[test]
    fn script_and_style_text_stays_inside_them() {
        let t = tree("<script>a<b>c</script><style>p{}</style><textarea><i>x</i></textarea>");
        assert_eq!(
            t,
            "<html><head><script>a<b>c</script><style>p{}</style></head><body><textarea><i>x</i></textarea></body></html>"
        );
    }

    #[test]
    fn tags_past_the_depth_limit_are_left_out_and_their_text_kept() {
        let limits = Limits { depth: 4, ..NONE };
        let (t, warnings) = tree_with(
            "<div><section><div><b>deep</b> text</div></section></div><p>after",
            &limits,
        );
        assert_eq!(
            t,
            "<html><head></head><body><div><section>deep text</section></div><p>after</p></body></html>"
        );
        assert_eq!(warnings, ["2 elements nested deeper than 4 were flattened"]);
        // Elements the parser closes as the next one starts never count as nesting.
        let flat = "<ul><li><p>a<li><p>b<br><img src=x><a href=1>c<a href=2>d</ul>";
        let limits = Limits { depth: 6, ..NONE };
        assert_eq!(tree_with(flat, &limits).1, Vec::<String>::new());
    }

    #[test]
    fn the_page_is_cut_at_the_element_limit() {
        let limits = Limits {
            elements: 2,
            ..NONE
        };
        let (t, warnings) = tree_with("<p>a</p><p>b</p><p>c</p>", &limits);
        assert_eq!(t, "<html><head></head><body><p>a</p><p>b</p></body></html>");
        assert_eq!(
            warnings,
            ["the page has more than 2 elements; the rest was not read"]
        );
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_its_name() {
        let many = format!("<div{}>text</div>", " data-x=\"a b\" y='>'".repeat(20));
        let limits = Limits {
            attributes: 39,
            ..NONE
        };
        let (t, warnings) = tree_with(&many, &limits);
        assert!(t.contains("<div>text</div>"), "{t}");
        assert_eq!(
            warnings,
            ["1 tags with more than 39 attributes lost their attributes"]
        );
    }

    #[test]
    fn a_hundred_thousand_open_tags_stay_bounded() {
        let page = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let limits = Limits { depth: 512, ..NONE };
        let (t, warnings) = tree_with(&page, &limits);
        assert_eq!(t.matches("<div>").count(), 510);
        assert_eq!(t.matches("</div>").count(), 510);
        assert_eq!(warnings.len(), 1);
    }
}
