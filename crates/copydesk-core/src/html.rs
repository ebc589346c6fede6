//! Stage 2 for HTML: a spec-compliant parse (html5ever, through `scraper`) flattened into [`Blocks`].
//!
//! Each block-level element with text becomes a block that remembers its DOM context: depth,
//! link density, generic class/id hints and whether it sits inside the article container.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use crate::Options;
use crate::block::{
    Block, BlockKind, Blocks, Declared, Dom, Features, Hint, Label, Node as BlockNode,
};
use crate::prune::Limits;

/// Elements whose content is never text a reader sees.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "map"
            | "dialog"
    )
}

/// Elements that start a new block.
fn is_block_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "br"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "caption"
            | "picture"
            | "video"
            | "audio"
            | "img"
    )
}

/// Parses an HTML document into blocks and declared metadata.
#[must_use]
pub fn blocks(source: &str, options: &Options) -> (Blocks, Vec<String>) {
    let limits = Limits {
        depth: options.max_depth,
        elements: options.max_elements,
        attributes: options.max_attributes,
    };
    let pruned = crate::prune::prune(source, &limits);
    let document = Html::parse_document(&pruned.source);
    let declared = declared(&document, &pruned.json_ld);
    let mut walker = Walker {
        out: Vec::new(),
        buf: String::new(),
        links: 0,
        href: None,
        gap: true,
        max_depth: options.max_depth,
        max_block_bytes: options.max_block_bytes,
        warnings: pruned.warnings,
        ctx: Vec::new(),
        nodes: vec![BlockNode::default()],
        open: vec![0],
        in_link: 0,
        hints: HintCache::default(),
        names: String::new(),
    };
    let root = document.root_element();
    walker.walk(root, 0);
    walker.flush(BlockKind::Paragraph);
    (
        Blocks {
            blocks: walker.out,
            declared,
            nodes: walker.nodes,
        },
        walker.warnings,
    )
}

/// Context inherited from an ancestor element.
#[derive(Clone, Copy)]
struct Ctx {
    article: bool,
    quote: bool,
}

struct Walker {
    out: Vec<Block>,
    buf: String,
    links: usize,
    href: Option<String>,
    gap: bool,
    max_depth: usize,
    max_block_bytes: usize,
    warnings: Vec<String>,
    ctx: Vec<Ctx>,
    /// Block-level and hinted elements seen so far.
    nodes: Vec<BlockNode>,
    /// The open elements among `nodes`, innermost last.
    open: Vec<u32>,
    /// How many `<a>` elements the walk is inside.
    in_link: usize,
    hints: HintCache,
    /// Reused buffer for an element's class, id and role names.
    names: String,
}

impl Walker {
    fn walk(&mut self, element: ElementRef<'_>, depth: usize) {
        let el = element.value();
        let name = el.name();
        if matches!(name, "video" | "audio" | "iframe") {
            self.media_element(element, depth);
            return;
        }
        if is_skipped(name) {
            return;
        }
        let attrs = Attrs::of(el, std::mem::take(&mut self.names));
        if attrs.hidden {
            self.names = attrs.names;
            return;
        }
        if depth >= self.max_depth {
            // Too deep to keep structure: keep the words, flat.
            let text: String = element.text().collect::<Vec<_>>().join(" ");
            self.push_text(&text, false);
            return;
        }
        let kind = match name {
            "h1" => Some(BlockKind::Heading(1)),
            "h2" => Some(BlockKind::Heading(2)),
            "h3" => Some(BlockKind::Heading(3)),
            "h4" => Some(BlockKind::Heading(4)),
            "h5" => Some(BlockKind::Heading(5)),
            "h6" => Some(BlockKind::Heading(6)),
            "li" | "dd" | "dt" => Some(BlockKind::ListItem),
            "blockquote" => Some(BlockKind::Blockquote),
            "pre" => Some(BlockKind::Preformatted),
            "tr" => Some(BlockKind::TableRow),
            _ => None,
        };
        let hints = self.hints.of(name, &attrs.names);
        self.names = attrs.names;
        // A credit or caption inside a caption ("<span class=credit>") is a block of its own.
        let is_block = is_block_level(name) || matches!(hints, Some(Hint::Credit | Hint::Caption));
        if is_block {
            self.flush(BlockKind::Paragraph);
        }

        let article = name == "article" || attrs.article_body;
        let quote = name == "blockquote" || self.ctx.last().is_some_and(|c| c.quote);
        self.ctx.push(Ctx { article, quote });
        let is_node = is_block || hints.is_some();
        if is_node {
            let parent = self.open.last().copied().unwrap_or(0);
            self.open.push(self.nodes.len() as u32);
            self.nodes.push(BlockNode {
                parent,
                hint: hints,
            });
        }
        if name == "img" {
            let alt = el.attr("alt").unwrap_or("").trim();
            // Lazy loaders keep the real source in a data attribute and a placeholder in src.
            let src = ["data-src", "data-lazy-src", "data-original", "src"]
                .iter()
                .filter_map(|a| el.attr(a))
                .map(str::trim)
                .find(|s| {
                    !s.is_empty()
                        && !s.starts_with("data:")
                        && !s.starts_with(['{', '['])
                        && !s.contains(char::is_whitespace)
                })
                .map(str::to_owned);
            if src.is_some() {
                let text = collapse(alt);
                self.emit(text, BlockKind::Image, 0, src, depth);
            }
        } else if name == "a" {
            if self.buf.is_empty() {
                self.href = el.attr("href").map(str::to_owned);
            }
            self.in_link += 1;
            self.children(element, depth);
            self.in_link -= 1;
        } else if name == "td" || name == "th" {
            if !self.buf.is_empty() {
                self.buf.push('\t');
            }
            self.children(element, depth);
        } else {
            self.children(element, depth);
        }
        if is_block {
            self.flush(kind.unwrap_or(BlockKind::Paragraph));
            self.gap = true;
        }
        if is_node {
            self.open.pop();
        }
        self.ctx.pop();
    }

    /// A video, audio player or embedded frame, as a media block titled by its `title`.
    fn media_element(&mut self, element: ElementRef<'_>, depth: usize) {
        let el = element.value();
        let source = || {
            element
                .children()
                .filter_map(ElementRef::wrap)
                .find(|c| c.value().name() == "source")
                .and_then(|c| c.value().attr("src"))
        };
        let src = el
            .attr("src")
            .or_else(|| el.attr("data-src"))
            .or_else(source)
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.starts_with("data:") && !s.starts_with("about:"));
        let kind = match el.name() {
            "video" => "video",
            "audio" => "audio",
            _ => {
                // Frames carry ads and trackers as often as players: keep those that say so.
                let player = src.is_some_and(|s| {
                    let s = s.to_ascii_lowercase();
                    [
                        "youtube",
                        "vimeo",
                        "dailymotion",
                        "player",
                        "video",
                        "embed",
                    ]
                    .iter()
                    .any(|w| s.contains(w))
                });
                if !player {
                    return;
                }
                "embed"
            }
        };
        let Some(src) = src else {
            return;
        };
        self.flush(BlockKind::Paragraph);
        let title = collapse(
            el.attr("title")
                .or_else(|| el.attr("aria-label"))
                .unwrap_or(""),
        );
        self.emit(title, BlockKind::Image, 0, Some(src.to_owned()), depth);
        if let Some(last) = self.out.last_mut() {
            last.dom.embed = Some(kind);
        }
        self.gap = true;
    }

    fn children(&mut self, element: ElementRef<'_>, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text, element.value().name() == "pre"),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn push_text(&mut self, text: &str, pre: bool) {
        let before = self.buf.len();
        self.push_text_raw(text, pre);
        if self.in_link > 0 {
            self.links += self.buf.len().saturating_sub(before);
        }
    }

    fn push_text_raw(&mut self, text: &str, pre: bool) {
        if pre {
            self.buf.push_str(text);
            return;
        }
        // Whitespace runs become one space, appended straight to the block being built.
        let mut words = text.split_whitespace().peekable();
        let starts_space = text.starts_with(char::is_whitespace);
        if starts_space && !self.buf.is_empty() && !self.buf.ends_with([' ', '\t']) {
            self.buf.push(' ');
        }
        if words.peek().is_none() {
            return;
        }
        while let Some(word) = words.next() {
            self.buf.push_str(word);
            if words.peek().is_some() {
                self.buf.push(' ');
            }
        }
        if text.ends_with(char::is_whitespace) {
            self.buf.push(' ');
        }
    }

    fn flush(&mut self, kind: BlockKind) {
        // Paragraphs inside a blockquote are the quotation's.
        let kind = if kind == BlockKind::Paragraph && self.ctx.last().is_some_and(|c| c.quote) {
            BlockKind::Blockquote
        } else {
            kind
        };
        let mut text = if kind == BlockKind::Preformatted {
            self.buf.trim_matches('\n').to_owned()
        } else {
            self.buf.trim().to_owned()
        };
        if kind == BlockKind::TableRow {
            text = text
                .split('\t')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\t");
        }
        let links = self.links.min(text.len());
        let href = self.href.take();
        self.buf.clear();
        self.links = 0;
        if text.is_empty() {
            return;
        }
        let href = (links * 10 >= text.len() * 9).then_some(href).flatten();
        let depth = self.ctx.len();
        self.emit(text, kind, links, None, depth);
        if let Some(last) = self.out.last_mut() {
            last.dom.href = href;
        }
    }

    fn emit(
        &mut self,
        mut text: String,
        kind: BlockKind,
        links: usize,
        src: Option<String>,
        depth: usize,
    ) {
        if text.len() > self.max_block_bytes {
            let mut cut = self.max_block_bytes;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            self.warnings.push(format!(
                "a block longer than {} bytes was cut",
                self.max_block_bytes
            ));
        }
        let dom = Dom {
            depth: depth.min(u16::MAX as usize) as u16,
            link_density: if text.is_empty() {
                0.0
            } else {
                links as f32 / text.len() as f32
            },
            hints: Vec::new(),
            node: self.open.last().copied().unwrap_or(0),
            in_article: self.ctx.iter().any(|c| c.article),
            href: None,
            src,
            embed: None,
        };
        let gap_before = std::mem::replace(&mut self.gap, false);
        self.out.push(Block {
            features: Features::of(&text),
            text,
            kind,
            gap_before,
            dom,
            label: Label::Unknown,
        });
    }
}

/// Collapses whitespace runs to one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What the walk needs from an element's attributes, read in one pass.
struct Attrs {
    /// `hidden`, `aria-hidden=true` or an inline style that hides it.
    hidden: bool,
    /// `itemprop=articleBody`.
    article_body: bool,
    /// Lower-cased class, id, role, itemprop and rel, space-separated.
    names: String,
}

impl Attrs {
    /// Reads the attributes, reusing `names` (taken back with [`Attrs::give_back`]).
    fn of(el: &Element, mut names: String) -> Self {
        names.clear();
        let mut a = Self {
            hidden: false,
            article_body: false,
            names,
        };
        for (key, value) in el.attrs() {
            match key {
                "hidden" => a.hidden = true,
                "aria-hidden" => a.hidden |= value == "true",
                "style" => a.hidden |= hides(value),
                "class" | "id" | "role" | "itemprop" | "rel" => {
                    if key == "itemprop" && value.eq_ignore_ascii_case("articleBody") {
                        a.article_body = true;
                    }
                    a.names.push_str(value);
                    a.names.push(' ');
                }
                _ => {}
            }
        }
        a.names.make_ascii_lowercase();
        a
    }
}

/// Whether an inline style hides the element.
fn hides(style: &str) -> bool {
    (style.contains("none") || style.contains("hidden")) && {
        let s = style.replace(' ', "").to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }
}

/// Hints by class/id/role string, cached: pages repeat the same few class lists many times.
#[derive(Default)]
struct HintCache {
    seen: std::collections::HashMap<String, Option<Hint>>,
}

impl HintCache {
    fn of(&mut self, tag: &str, names: &str) -> Option<Hint> {
        let tag = tag_hint(tag);
        if names.is_empty() {
            return tag;
        }
        if let Some(&hint) = self.seen.get(names) {
            return hint.or(tag);
        }
        let hint = name_hint(names);
        if self.seen.len() < 4096 {
            self.seen.insert(names.to_owned(), hint);
        }
        hint.or(tag)
    }
}

/// The hint an element's tag gives on its own.
fn tag_hint(name: &str) -> Option<Hint> {
    match name {
        "nav" => Some(Hint::Nav),
        "header" | "footer" => Some(Hint::Chrome),
        "aside" => Some(Hint::Sidebar),
        "figcaption" => Some(Hint::Caption),
        "figure" => Some(Hint::Figure),
        "time" => Some(Hint::Date),
        "form" => Some(Hint::Newsletter),
        _ => None,
    }
}

/// The strongest generic hint in an element's lower-cased class, id, role, itemprop and rel.
fn name_hint(names: &str) -> Option<Hint> {
    // One pass of an Aho-Corasick automaton finds every cue word inside the names; each word
    // sets the bit of its group. The groups are then read in order of precedence.
    static WORDS: LazyLock<(AhoCorasick, Vec<u32>)> = LazyLock::new(|| {
        let mut patterns = Vec::new();
        let mut groups = Vec::new();
        for (group, words) in NAME_GROUPS.iter().enumerate() {
            for w in *words {
                patterns.push(*w);
                groups.push(1u32 << group);
            }
        }
        let ac = AhoCorasick::new(&patterns).expect("static patterns build");
        (ac, groups)
    });
    let (ac, groups) = &*WORDS;
    let mut found = 0u32;
    for m in ac.find_overlapping_iter(names) {
        found |= groups[m.pattern().as_usize()];
    }
    let has = |group: usize| found & (1 << group) != 0;
    // Whole-word names, read in one pass.
    let mut words = 0u32;
    for t in names.split(|c: char| !c.is_ascii_alphanumeric()) {
        words |= match t {
            "nav" => 1,
            "cta" => 1 << 1,
            "ad" | "ads" => 1 << 2,
            "complementary" => 1 << 3,
            "header" | "banner" | "contentinfo" => 1 << 4,
            "tags" | "tag" | "keywords" | "topics" => 1 << 5,
            "date" | "time" => 1 << 6,
            _ => 0,
        };
    }
    let token = |words_of: &[&str]| {
        let bit = match words_of[0] {
            "nav" => 1,
            "cta" => 1 << 1,
            "ad" => 1 << 2,
            "complementary" => 1 << 3,
            "header" => 1 << 4,
            "tags" => 1 << 5,
            _ => 1 << 6,
        };
        words & bit != 0
    };
    // "page-with-sidebar main-content": a layout wrapper that also names the content.
    let layout = has(LAYOUT);
    // Embedded posts (tweets, Instagram) quote a source inside the story; they are not share bars.
    if has(EMBED) {
        None
    } else if has(BODY) {
        Some(Hint::Body)
    } else if has(COMMENT) {
        Some(Hint::Comment)
    } else if has(CAPTION) {
        Some(Hint::Caption)
    } else if has(CREDIT) {
        Some(Hint::Credit)
    } else if has(BYLINE) {
        Some(Hint::Byline)
    } else if has(NAV) || token(&["nav"]) {
        Some(Hint::Nav)
    } else if has(RELATED) {
        Some(Hint::Related)
    } else if has(SHARE) {
        Some(Hint::Share)
    } else if has(NEWSLETTER) {
        Some(Hint::Newsletter)
    } else if has(PROMO) || token(&["cta"]) {
        Some(Hint::Promo)
    } else if has(AD) || token(&["ad", "ads"]) {
        Some(Hint::Ad)
    } else if (has(SIDEBAR) || token(&["complementary"])) && !layout {
        Some(Hint::Sidebar)
    } else if (has(CHROME) || token(&["header", "banner", "contentinfo"])) && !layout {
        Some(Hint::Chrome)
    } else if token(&["tags", "tag", "keywords", "topics"]) {
        Some(Hint::Tags)
    } else if has(DATE) || token(&["date", "time"]) {
        Some(Hint::Date)
    } else {
        None
    }
}

/// Indexes into [`NAME_GROUPS`].
const LAYOUT: usize = 0;
const EMBED: usize = 1;
const BODY: usize = 2;
const COMMENT: usize = 3;
const CAPTION: usize = 4;
const CREDIT: usize = 5;
const BYLINE: usize = 6;
const NAV: usize = 7;
const RELATED: usize = 8;
const SHARE: usize = 9;
const NEWSLETTER: usize = 10;
const PROMO: usize = 11;
const AD: usize = 12;
const SIDEBAR: usize = 13;
const CHROME: usize = 14;
const DATE: usize = 15;

/// Words found anywhere inside class, id or role names, by group.
const NAME_GROUPS: &[&[&str]] = &[
    &["content", "main", "article", "story", "column"],
    &["tweet", "instagram-media", "embed"],
    &[
        "articlebody",
        "article-body",
        "article_body",
        "entry-content",
        "post-content",
        "story-body",
        "article-content",
        "post-body",
        "articletext",
        "article-text",
    ],
    &["comment", "disqus", "respond"],
    &["caption"],
    &["credit", "photographer"],
    &["byline", "author"],
    &["breadcrumb", "navigation", "navbar", "menu"],
    &[
        "related",
        "recommend",
        "read-more",
        "readmore",
        "more-stories",
        "trending",
        "popular",
        "outbrain",
        "taboola",
    ],
    &["share", "social", "sharing"],
    &["newsletter", "subscribe", "signup", "sign-up"],
    &["promo", "sponsor"],
    &[
        "advert",
        "dfp",
        "adslot",
        "ad-slot",
        "ad-container",
        "adsbygoogle",
    ],
    &["sidebar", "widget"],
    &["footer", "masthead"],
    &["timestamp", "dateline", "published", "pubdate"],
];

/// Most `<meta>` and microdata entries kept per page: real pages have a few dozen.
const MAX_DECLARED: usize = 1000;

/// Reads what the markup declares: `<title>`, `<meta>`, JSON-LD, microdata, `<time>`,
/// `<link rel=canonical>`, `<base>` and `<html lang>`.
fn declared(document: &Html, json_ld: &[&str]) -> Declared {
    let mut d = Declared::default();
    // JSON-LD the pre-pass took out, plus any it left in place.
    let mut scripts: Vec<String> = json_ld.iter().map(|s| (*s).to_owned()).collect();
    for node in document.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let text_of = || {
            ElementRef::wrap(node)
                .map(|e| collapse(&e.text().collect::<String>()))
                .filter(|t| !t.is_empty())
        };
        match el.name() {
            "title" if d.title_tag.is_none() => d.title_tag = text_of(),
            "html" => d.lang = el.attr("lang").map(str::to_owned).filter(|l| !l.is_empty()),
            "base" if d.base.is_none() => d.base = el.attr("href").map(str::to_owned),
            "link"
                if d.canonical.is_none()
                    && el
                        .attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                d.canonical = el.attr("href").map(str::to_owned).filter(|h| !h.is_empty());
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && scripts.len() < 64 =>
            {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text())
                    .map(|t| &**t)
                    .collect();
                if !text.trim().is_empty() {
                    scripts.push(text);
                }
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"));
                if let (Some(key), Some(value)) = (key, el.attr("content"))
                    && d.meta.len() < MAX_DECLARED
                {
                    let value = collapse(value);
                    if !value.is_empty() {
                        d.meta.push((key.trim().to_ascii_lowercase(), value));
                    }
                }
            }
            "time" if d.times.len() < 32 => {
                if let Some(t) = el.attr("datetime").filter(|t| !t.trim().is_empty()) {
                    d.times.push(t.trim().to_owned());
                }
            }
            _ => {}
        }
        if el.name() != "meta"
            && let Some(prop) = el.attr("itemprop")
            && d.microdata.len() < MAX_DECLARED
        {
            let prop = prop.trim().to_ascii_lowercase();
            if matches!(
                prop.as_str(),
                "headline"
                    | "name"
                    | "author"
                    | "datepublished"
                    | "datemodified"
                    | "articlesection"
            ) {
                let value = el
                    .attr("content")
                    .or_else(|| el.attr("datetime"))
                    .map(collapse)
                    .or_else(text_of);
                if let Some(value) = value.filter(|v| !v.is_empty() && v.len() < 500) {
                    d.microdata.push((prop, value));
                }
            }
        }
    }
    d.jsonld = crate::jsonld::article(scripts.iter().map(String::as_str));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_blocks_with_hints_and_skips_scripts() {
        let page = r#"<html lang="de"><head><title>T</title><meta property="og:site_name" content="Blatt"></head>
            <body><nav><a href="/">Home</a></nav><article><h1>Head</h1><p>One <b>bold</b> word.</p>
            <script>var x = 1;</script><figure><img src="a.jpg" alt="Alt"><figcaption>Cap</figcaption></figure>
            <table><tr><td>a</td><td>b</td></tr></table></article></body></html>"#;
        let (b, _) = blocks(page, &Options::default());
        let texts: Vec<&str> = b.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Home", "Head", "One bold word.", "Alt", "Cap", "a\tb"]
        );
        let hint = |i: usize| b.nodes[b.blocks[i].dom.node as usize].hint;
        assert_eq!(hint(0), Some(Hint::Nav));
        assert_eq!(b.blocks[0].dom.href.as_deref(), Some("/"));
        assert_eq!(b.blocks[1].kind, BlockKind::Heading(1));
        assert!(b.blocks[2].dom.in_article);
        assert_eq!(hint(4), Some(Hint::Caption));
        assert_eq!(b.blocks[5].kind, BlockKind::TableRow);
        assert_eq!(b.declared.lang.as_deref(), Some("de"));
        assert_eq!(b.declared.meta(&["og:site_name"]), Some("Blatt"));
        assert_eq!(b.declared.title_tag.as_deref(), Some("T"));
    }

    #[test]
    fn blocks_inside_a_link_count_as_linked() {
        let page =
            r#"<p>Intro text</p><a href="/x">Card title<div>Card blurb</div></a><p>After</p>"#;
        let (b, _) = blocks(page, &Options::default());
        let texts: Vec<(&str, f32)> = b
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.dom.link_density))
            .collect();
        assert_eq!(
            texts,
            [
                ("Intro text", 0.0),
                ("Card title", 1.0),
                ("Card blurb", 1.0),
                ("After", 0.0)
            ]
        );
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let page = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let options = Options {
            max_depth: 100,
            ..Options::default()
        };
        let (b, warnings) = blocks(&page, &options);
        assert_eq!(b.blocks.len(), 1);
        assert_eq!(b.blocks[0].text, "deep text");
        assert_eq!(
            warnings,
            ["4900 elements nested deeper than 100 were flattened"]
        );
    }
}
