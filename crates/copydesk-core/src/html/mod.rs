//! Stage 2 for HTML: the page read in one pass into [`Blocks`].
//!
//! The [`lexer`] reads tokens, the [`tree`] builder turns them into a well-nested stream of
//! element starts, ends and text (no DOM is built), and the walker here consumes the stream:
//! each block-level element with text becomes a block that remembers its DOM context (depth,
//! link density, generic class/id hints, whether it sits inside the article container), and
//! what the markup declares (`<meta>`, JSON-LD, microdata...) is collected on the way.

pub mod lexer;
pub mod tree;

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::Options;
use crate::block::{
    Block, BlockKind, Blocks, Declared, Dom, Features, Hint, Label, Node as BlockNode,
};
use lexer::Attr;
use tree::{Limits, Sink};

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
    let mut walker = Walker {
        out: Vec::new(),
        buf: String::new(),
        links: 0,
        href: None,
        gap: true,
        max_block_bytes: options.max_block_bytes,
        warnings: Vec::new(),
        ctx: Vec::new(),
        frames: Vec::new(),
        skip: 0,
        media: None,
        nodes: vec![BlockNode::default()],
        open: vec![0],
        in_link: 0,
        hints: HintCache::default(),
        names: String::new(),
        meta: Meta::default(),
    };
    let mut warnings = tree::parse(source, &limits, &mut walker);
    walker.flush(BlockKind::Paragraph);
    warnings.append(&mut walker.warnings);
    (
        Blocks {
            blocks: walker.out,
            declared: walker.meta.finish(),
            nodes: walker.nodes,
        },
        warnings,
    )
}

/// Context inherited from an ancestor element.
#[derive(Clone, Copy)]
struct Ctx {
    article: bool,
    quote: bool,
}

/// What an open element does when it ends.
struct Frame {
    /// The kind of block it ends, if it is block-level.
    block: Option<BlockKind>,
    /// It is one of `nodes`.
    node: bool,
    /// It is a link.
    link: bool,
    /// It is `<pre>`: its text keeps its whitespace.
    pre: bool,
}

/// A `<video>`, `<audio>` or `<iframe>` being read.
struct Media {
    kind: &'static str,
    src: Option<String>,
    title: Option<String>,
    /// The first `<source src>` inside it.
    source: Option<String>,
}

struct Walker {
    out: Vec<Block>,
    buf: String,
    links: usize,
    href: Option<String>,
    gap: bool,
    max_block_bytes: usize,
    warnings: Vec<String>,
    ctx: Vec<Ctx>,
    /// The open elements the walk reads, innermost last.
    frames: Vec<Frame>,
    /// How many open elements deep the walk is inside one whose contents it skips.
    skip: usize,
    media: Option<Media>,
    /// Block-level and hinted elements seen so far.
    nodes: Vec<BlockNode>,
    /// The open elements among `nodes`, innermost last.
    open: Vec<u32>,
    /// How many `<a>` elements the walk is inside.
    in_link: usize,
    hints: HintCache,
    /// Reused buffer for an element's class, id and role names.
    names: String,
    meta: Meta,
}

/// An attribute's value by name.
fn attr<'v>(attrs: &'v [Attr<'_>], name: &str) -> Option<&'v str> {
    attrs.iter().find(|a| a.name == name).map(|a| &*a.value)
}

impl<'a> Sink<'a> for Walker {
    fn start(&mut self, name: &str, attrs: &[Attr<'a>]) {
        self.meta.start(name, attrs);
        if self.skip > 0 {
            self.skip += 1;
            if name == "source"
                && let Some(media) = &mut self.media
                && media.source.is_none()
            {
                media.source = attr(attrs, "src").map(str::to_owned);
            }
            return;
        }
        if let kind @ ("video" | "audio" | "iframe") = name {
            let kind = match kind {
                "video" => "video",
                "audio" => "audio",
                _ => "iframe",
            };
            self.media = Some(Media {
                kind,
                src: attr(attrs, "src")
                    .or_else(|| attr(attrs, "data-src"))
                    .map(str::to_owned),
                title: attr(attrs, "title")
                    .or_else(|| attr(attrs, "aria-label"))
                    .map(str::to_owned),
                source: None,
            });
            self.skip = 1;
            return;
        }
        if is_skipped(name) {
            self.skip = 1;
            return;
        }
        let attributes = Attrs::of(attrs, std::mem::take(&mut self.names));
        if attributes.hidden {
            self.names = attributes.names;
            self.skip = 1;
            return;
        }
        let depth = self.frames.len();
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
        let hints = self.hints.of(name, &attributes.names);
        self.names = attributes.names;
        // A credit or caption inside a caption ("<span class=credit>") is a block of its own.
        let is_block = is_block_level(name) || matches!(hints, Some(Hint::Credit | Hint::Caption));
        if is_block {
            self.flush(BlockKind::Paragraph);
        }
        let article = name == "article" || attributes.article_body;
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
        match name {
            "img" => self.image(attrs, depth),
            "a" => {
                if self.buf.is_empty() {
                    self.href = attr(attrs, "href").map(str::to_owned);
                }
                self.in_link += 1;
            }
            "td" | "th" if !self.buf.is_empty() => self.buf.push('\t'),
            _ => {}
        }
        self.frames.push(Frame {
            block: is_block.then(|| kind.unwrap_or(BlockKind::Paragraph)),
            node: is_node,
            link: name == "a",
            pre: name == "pre",
        });
    }

    fn end(&mut self, name: &str) {
        self.meta.end(name);
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0
                && let Some(media) = self.media.take()
            {
                self.media_block(media);
            }
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if frame.link {
            self.in_link -= 1;
        }
        if let Some(kind) = frame.block {
            self.flush(kind);
            self.gap = true;
        }
        if frame.node {
            self.open.pop();
        }
        self.ctx.pop();
    }

    fn text(&mut self, text: &str) {
        self.meta.text(text);
        if self.skip == 0 {
            let pre = self.frames.last().is_some_and(|f| f.pre);
            self.push_text(text, pre);
        }
    }
}

impl Walker {
    /// An `<img>` with a usable source, as an image block with its alt text.
    fn image(&mut self, attrs: &[Attr<'_>], depth: usize) {
        let alt = attr(attrs, "alt").unwrap_or("").trim();
        // Lazy loaders keep the real source in a data attribute and a placeholder in src.
        let src = ["data-src", "data-lazy-src", "data-original", "src"]
            .iter()
            .filter_map(|a| attr(attrs, a))
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
    }

    /// A video, audio player or embedded frame, as a media block titled by its `title`.
    fn media_block(&mut self, media: Media) {
        let src = media
            .src
            .or(media.source)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty() && !s.starts_with("data:") && !s.starts_with("about:"));
        let kind = match media.kind {
            "iframe" => {
                // Frames carry ads and trackers as often as players: keep those that say so.
                let player = src.as_deref().is_some_and(|s| {
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
            kind => kind,
        };
        let Some(src) = src else {
            return;
        };
        self.flush(BlockKind::Paragraph);
        let title = collapse(media.title.as_deref().unwrap_or(""));
        let depth = self.frames.len();
        self.emit(title, BlockKind::Image, 0, Some(src), depth);
        if let Some(last) = self.out.last_mut() {
            last.dom.embed = Some(kind);
        }
        self.gap = true;
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
            if text.contains('\r') {
                self.buf
                    .push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                self.buf.push_str(text);
            }
            return;
        }
        if text.is_ascii() {
            // The common case, byte by byte: runs of ASCII whitespace become one space.
            let mut space = !self.buf.is_empty() && !self.buf.ends_with([' ', '\t']);
            let mut pending = false;
            for &b in text.as_bytes() {
                // `char::is_whitespace` for ASCII: with the vertical tab.
                if matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ') {
                    pending = space;
                } else {
                    if pending {
                        self.buf.push(' ');
                        pending = false;
                    }
                    space = true;
                    self.buf.push(b as char);
                }
            }
            if pending {
                self.buf.push(' ');
            }
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
    /// Reads the attributes, reusing the buffer `names`.
    fn of(attrs: &[Attr<'_>], mut names: String) -> Self {
        names.clear();
        let mut a = Self {
            hidden: false,
            article_body: false,
            names,
        };
        for Attr { name, value } in attrs {
            let (key, value) = (&**name, &**value);
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
///
/// A direct-mapped cache: each string has one slot, chosen by a fast hash, and a newcomer
/// evicts the old one. Colliding strings cost a recomputation, never a longer search, so no
/// page can make a lookup slow.
struct HintCache {
    slots: Vec<Option<(String, Option<Hint>)>>,
}

impl Default for HintCache {
    fn default() -> Self {
        Self {
            slots: vec![None; HINT_SLOTS],
        }
    }
}

/// Slots in the hint cache (a power of two).
const HINT_SLOTS: usize = 1024;

impl HintCache {
    fn of(&mut self, tag: &str, names: &str) -> Option<Hint> {
        use std::hash::BuildHasher;
        let tag = tag_hint(tag);
        if names.is_empty() {
            return tag;
        }
        let slot = rustc_hash::FxBuildHasher.hash_one(names) as usize & (HINT_SLOTS - 1);
        if let Some((seen, hint)) = &self.slots[slot]
            && seen == names
        {
            return hint.or(tag);
        }
        let hint = name_hint(names);
        self.slots[slot] = Some((names.to_owned(), hint));
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

/// Longest text read for a `<title>` or microdata value before it counts as no value.
const MAX_DECLARED_TEXT: usize = 64 * 1024;

/// Text being collected from an element until it ends.
struct Capture {
    /// Nesting level of the element, to know its end.
    depth: usize,
    text: String,
    what: Captured,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Captured {
    Title,
    JsonLd,
    /// The text of the microdata entry at this index.
    Microdata(usize),
}

/// Collects what the markup declares: `<title>`, `<meta>`, JSON-LD, microdata, `<time>`,
/// `<link rel=canonical>`, `<base>` and `<html lang>`.
#[derive(Default)]
struct Meta {
    d: Declared,
    scripts: Vec<String>,
    depth: usize,
    captures: Vec<Capture>,
}

impl Meta {
    fn capture(&mut self, what: Captured) {
        self.captures.push(Capture {
            depth: self.depth,
            text: String::new(),
            what,
        });
    }

    fn start(&mut self, name: &str, attrs: &[Attr<'_>]) {
        let d = &mut self.d;
        match name {
            "title"
                if d.title_tag.is_none()
                    && !self.captures.iter().any(|c| c.what == Captured::Title) =>
            {
                self.capture(Captured::Title);
            }
            "html" => {
                d.lang = attr(attrs, "lang")
                    .map(str::to_owned)
                    .filter(|l| !l.is_empty());
            }
            "base" if d.base.is_none() => d.base = attr(attrs, "href").map(str::to_owned),
            "link"
                if d.canonical.is_none()
                    && attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                d.canonical = attr(attrs, "href")
                    .map(str::to_owned)
                    .filter(|h| !h.is_empty());
            }
            "script"
                if attr(attrs, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && self.scripts.len() < 64 =>
            {
                self.capture(Captured::JsonLd);
            }
            "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"));
                if let (Some(key), Some(value)) = (key, attr(attrs, "content"))
                    && d.meta.len() < MAX_DECLARED
                {
                    let value = collapse(value);
                    if !value.is_empty() {
                        d.meta.push((key.trim().to_ascii_lowercase(), value));
                    }
                }
            }
            "time" if d.times.len() < 32 => {
                if let Some(t) = attr(attrs, "datetime").filter(|t| !t.trim().is_empty()) {
                    d.times.push(t.trim().to_owned());
                }
            }
            _ => {}
        }
        let d = &mut self.d;
        if name != "meta"
            && let Some(prop) = attr(attrs, "itemprop")
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
                if let Some(value) = attr(attrs, "content").or_else(|| attr(attrs, "datetime")) {
                    let value = collapse(value);
                    if !value.is_empty() && value.len() < 500 {
                        d.microdata.push((prop, value));
                    }
                } else {
                    // The element's text, filled in when it ends.
                    d.microdata.push((prop, String::new()));
                    let index = d.microdata.len() - 1;
                    self.capture(Captured::Microdata(index));
                }
            }
        }
        self.depth += 1;
    }

    fn text(&mut self, text: &str) {
        for c in &mut self.captures {
            if c.text.len() + text.len() <= MAX_DECLARED_TEXT {
                c.text.push_str(text);
            }
        }
    }

    fn end(&mut self, _name: &str) {
        self.depth = self.depth.saturating_sub(1);
        while self.captures.last().is_some_and(|c| c.depth >= self.depth) {
            let Some(c) = self.captures.pop() else {
                break;
            };
            match c.what {
                Captured::Title => {
                    self.d.title_tag = Some(collapse(&c.text)).filter(|t| !t.is_empty());
                }
                Captured::JsonLd => {
                    if !c.text.trim().is_empty() {
                        self.scripts.push(c.text);
                    }
                }
                Captured::Microdata(i) => {
                    self.d.microdata[i].1 = collapse(&c.text);
                }
            }
        }
    }

    fn finish(mut self) -> Declared {
        self.d
            .microdata
            .retain(|(_, v)| !v.is_empty() && v.len() < 500);
        self.d.jsonld = crate::jsonld::article(self.scripts.iter().map(String::as_str));
        self.d
    }
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
            ["4902 elements nested deeper than 100 were flattened"]
        );
    }
}
