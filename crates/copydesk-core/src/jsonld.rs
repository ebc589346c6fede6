//! Article metadata declared in a page's JSON-LD (`<script type="application/ld+json">`).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

/// Scripts longer than this (in bytes) are skipped unread.
const MAX_SCRIPT: usize = 2 * 1024 * 1024;
/// How deep the walkers descend into nested arrays and objects.
const MAX_DEPTH: usize = 64;
/// How many items of a list (authors, images, keywords...) are read.
const MAX_ITEMS: usize = 100;
/// How many `@id` references are followed in all the scripts of a page. Every candidate node
/// reads the objects it references, so without a budget a page of many nodes that all point
/// at a few big objects costs nodes times objects; a normal page follows a handful.
const MAX_REFERENCES: usize = 1000;

/// Types that count as an article node besides any type ending in `Article`.
const ARTICLE_TYPES: &[&str] = &[
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "SocialMediaPosting",
];

/// Named HTML entities the decoder knows, and the characters they stand for.
const ENTITY_NAMES: &str = "amp lt gt quot apos nbsp ndash mdash hellip lsquo rsquo ldquo rdquo laquo \
    raquo copy reg middot";
/// The characters of [`ENTITY_NAMES`], in the same order.
const ENTITY_CHARS: &str = "&<>\"'\u{a0}–—…‘’“”«»©®·";

type Node = Map<String, Value>;
/// The objects of a page that have an `@id`, and what is left of [`MAX_REFERENCES`].
struct Ids<'v> {
    by_id: HashMap<&'v str, &'v Value>,
    left: Cell<usize>,
}

/// Article metadata declared in JSON-LD, cleaned but otherwise as the page wrote it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LdArticle {
    /// The headline, else the node's name.
    pub headline: Option<String>,
    /// The description (standfirst or summary).
    pub description: Option<String>,
    /// The alternative headline.
    pub alternative: Option<String>,
    /// The article section (the first one if several).
    pub section: Option<String>,
    /// The authors and creators, in order, one per name.
    pub authors: Vec<LdAuthor>,
    /// The publisher's (or source organization's) name.
    pub publisher: Option<String>,
    /// The publication date (or creation date), as written.
    pub published: Option<String>,
    /// The modification date, as written.
    pub modified: Option<String>,
    /// The declared language, as written (a code or a name).
    pub language: Option<String>,
    /// The canonical URL, else the main entity of the page.
    pub url: Option<String>,
    /// The images and thumbnails, one per URL.
    pub images: Vec<LdImage>,
    /// The keywords, one per case-insensitive spelling (at most 100).
    pub keywords: Vec<String>,
    /// Whether the article is declared free to read.
    pub accessible_for_free: Option<bool>,
    /// The schema.org type of the chosen node, e.g. `NewsArticle`.
    pub kind: String,
}

/// An author or creator declared in JSON-LD.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LdAuthor {
    /// The display name.
    pub name: String,
    /// The author's page.
    pub url: Option<String>,
    /// Whether the author is an organization rather than a person.
    pub is_organization: bool,
    /// The employer or affiliation's name.
    pub affiliation: Option<String>,
    /// The author's description (bio or job title).
    pub description: Option<String>,
    /// The email address, without `mailto:`.
    pub email: Option<String>,
    /// Profile URLs elsewhere (social networks, wikis).
    pub same_as: Vec<String>,
}

/// An image declared in JSON-LD.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LdImage {
    /// The image URL.
    pub url: String,
    /// The caption.
    pub caption: Option<String>,
    /// The credit (credit text, copyright holder or author).
    pub credit: Option<String>,
}

/// Parses each script body and returns the best article node's metadata, if any script declares one.
#[must_use]
pub fn article<'a>(scripts: impl IntoIterator<Item = &'a str>) -> Option<LdArticle> {
    let values: Vec<Value> = scripts.into_iter().flat_map(parse).collect();
    let mut nodes = Vec::new();
    let mut ids = Ids {
        by_id: HashMap::new(),
        left: Cell::new(MAX_REFERENCES),
    };
    for v in &values {
        collect(v, 0, &mut nodes);
        index(v, 0, &mut ids);
    }
    let best = |wanted: fn(&str) -> bool| {
        nodes
            .iter()
            .filter_map(|n| {
                let kind = types(n).into_iter().find(|t| wanted(t))?;
                Some(read(n, kind, &ids))
            })
            .fold(None, |best: Option<LdArticle>, a| match best {
                Some(b) if score(&b) >= score(&a) => Some(b),
                _ => Some(a),
            })
    };
    best(is_article).or_else(|| best(|t| matches!(t, "WebPage" | "ItemPage")))
}

fn is_article(t: &str) -> bool {
    t.ends_with("Article") || ARTICLE_TYPES.contains(&t)
}

/// Ranks candidates: a headline first, then a news type, then how much they declare.
fn score(a: &LdArticle) -> (bool, bool, usize) {
    let news = a.kind.ends_with("NewsArticle") || a.kind == "LiveBlogPosting";
    let options = [
        &a.headline,
        &a.description,
        &a.alternative,
        &a.section,
        &a.publisher,
        &a.published,
        &a.modified,
        &a.language,
        &a.url,
    ];
    let count = options.iter().filter(|o| o.is_some()).count()
        + usize::from(!a.authors.is_empty())
        + usize::from(!a.images.is_empty())
        + usize::from(!a.keywords.is_empty())
        + usize::from(a.accessible_for_free.is_some());
    (a.headline.is_some(), news, count)
}

fn read(n: &Node, kind: &str, ids: &Ids) -> LdArticle {
    let get = |k: &str| n.get(k);
    LdArticle {
        headline: text(get("headline")).or_else(|| text(get("name"))),
        description: text(get("description")),
        alternative: text(get("alternativeHeadline")),
        section: text(get("articleSection")),
        authors: authors(n, ids),
        publisher: name_of(get("publisher"), ids)
            .or_else(|| name_of(get("sourceOrganization"), ids)),
        published: text(get("datePublished")).or_else(|| text(get("dateCreated"))),
        modified: text(get("dateModified")),
        language: flat(get("inLanguage"))
            .into_iter()
            .find_map(|v| match resolve(v, ids) {
                Value::Object(o) => text(o.get("name")).or_else(|| text(o.get("alternateName"))),
                v => text(Some(v)),
            }),
        url: text(get("url")).or_else(|| {
            flat(get("mainEntityOfPage"))
                .into_iter()
                .find_map(|v| match v {
                    Value::Object(o) => text(o.get("@id")).or_else(|| text(o.get("url"))),
                    v => text(Some(v)),
                })
        }),
        images: images(n, ids),
        keywords: keywords(get("keywords")),
        accessible_for_free: flat(get("isAccessibleForFree"))
            .into_iter()
            .find_map(|v| match v {
                Value::Bool(b) => Some(*b),
                Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
                Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
                _ => None,
            }),
        kind: kind.to_string(),
    }
}

fn authors(n: &Node, ids: &Ids) -> Vec<LdAuthor> {
    let mut out: Vec<LdAuthor> = Vec::new();
    // Each kept name, ASCII-lower-cased, and its place in `out`: a repeat is found without
    // comparing it with every name kept.
    let mut kept: HashMap<String, usize> = HashMap::new();
    // The objects read so far: a node can reference one person hundreds of times, and reading
    // it again would only merge into its entry what is there already.
    let mut read: HashSet<*const Value> = HashSet::new();
    let values = ["author", "creator"]
        .into_iter()
        .flat_map(|k| flat(n.get(k)));
    for v in values {
        let found = match resolve(v, ids) {
            Value::String(s) => split_names(s)
                .into_iter()
                .map(|name| LdAuthor {
                    name,
                    ..LdAuthor::default()
                })
                .collect(),
            v @ Value::Object(o) if read.insert(std::ptr::from_ref(v)) => {
                person(o, ids).into_iter().collect()
            }
            _ => Vec::new(),
        };
        for a in found {
            if a.name.is_empty() || is_url(&a.name) {
                continue;
            }
            let key = a.name.to_ascii_lowercase();
            if let Some(&i) = kept.get(&key) {
                let b = &mut out[i];
                b.url = b.url.take().or(a.url);
                b.affiliation = b.affiliation.take().or(a.affiliation);
                b.description = b.description.take().or(a.description);
                b.email = b.email.take().or(a.email);
                let have: HashSet<&str> = b.same_as.iter().map(String::as_str).collect();
                let new: Vec<String> = a
                    .same_as
                    .into_iter()
                    .filter(|s| !have.contains(s.as_str()))
                    .collect();
                b.same_as.extend(new);
            } else if out.len() < MAX_ITEMS {
                kept.insert(key, out.len());
                out.push(a);
            }
        }
    }
    out
}

fn person(o: &Node, ids: &Ids) -> Option<LdAuthor> {
    let name = strip_by(&name_of_node(o)?).to_string();
    let is_organization = types(o).into_iter().any(|t| {
        t.ends_with("Organization")
            || matches!(
                t,
                "Corporation" | "NGO" | "Consortium" | "LocalBusiness" | "Brand"
            )
    });
    let mut seen = HashSet::new();
    let same_as: Vec<String> = flat(o.get("sameAs"))
        .into_iter()
        .filter_map(|v| text(Some(v)))
        .filter(|s| seen.insert(s.clone()))
        .collect();
    Some(LdAuthor {
        name,
        url: text(o.get("url")),
        is_organization,
        affiliation: name_of(o.get("worksFor"), ids).or_else(|| name_of(o.get("affiliation"), ids)),
        description: text(o.get("description")).or_else(|| text(o.get("jobTitle"))),
        email: text(o.get("email")).map(|e| e.strip_prefix("mailto:").unwrap_or(&e).to_string()),
        same_as,
    })
}

fn images(n: &Node, ids: &Ids) -> Vec<LdImage> {
    let mut out: Vec<LdImage> = Vec::new();
    let values = ["image", "thumbnailUrl"]
        .into_iter()
        .flat_map(|k| flat(n.get(k)));
    for v in values {
        let image = match resolve(v, ids) {
            Value::Object(o) => text(o.get("url"))
                .or_else(|| text(o.get("contentUrl")))
                .map(|url| LdImage {
                    url,
                    caption: text(o.get("caption")),
                    credit: text(o.get("creditText"))
                        .or_else(|| name_of(o.get("copyrightHolder"), ids))
                        .or_else(|| name_of(o.get("author"), ids)),
                }),
            v => text(Some(v)).map(|url| LdImage {
                url,
                ..LdImage::default()
            }),
        };
        if let Some(image) = image
            && !out.iter().any(|i| i.url == image.url)
        {
            out.push(image);
        }
    }
    out
}

fn keywords(v: Option<&Value>) -> Vec<String> {
    let mut seen = HashSet::new();
    let words: Vec<String> = match v {
        Some(Value::String(s)) => s.split(',').filter_map(clean).take(MAX_ITEMS).collect(),
        v => flat(v)
            .into_iter()
            .filter_map(|w| match w {
                Value::Object(o) => text(o.get("name")),
                w => text(Some(w)),
            })
            .collect(),
    };
    words
        .into_iter()
        .filter(|w| seen.insert(w.to_lowercase()))
        .collect()
}

/// The name of a string or (referenced) object value, the first one if several.
fn name_of(v: Option<&Value>, ids: &Ids) -> Option<String> {
    flat(v).into_iter().find_map(|v| match resolve(v, ids) {
        Value::Object(o) => name_of_node(o),
        v => text(Some(v)).filter(|s| !is_url(s)),
    })
}

fn name_of_node(o: &Node) -> Option<String> {
    text(o.get("name")).or_else(
        || match (text(o.get("givenName")), text(o.get("familyName"))) {
            (Some(given), Some(family)) => Some(format!("{given} {family}")),
            (given, family) => given.or(family),
        },
    )
}

/// Splits a byline string into names: "By A, B and C" gives three.
fn split_names(s: &str) -> Vec<String> {
    let spaced = decode_entities(s).replace(',', " , ").replace('&', " & ");
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for word in spaced.split_whitespace() {
        let separator = matches!(word, "," | "&" | "y" | "e")
            || ["and", "und", "et"]
                .iter()
                .any(|s| word.eq_ignore_ascii_case(s));
        if separator {
            names.push(current.join(" "));
            current.clear();
        } else {
            current.push(word);
        }
    }
    names.push(current.join(" "));
    names
        .iter()
        .map(|n| strip_by(n).to_string())
        .filter(|n| !n.is_empty())
        .take(MAX_ITEMS)
        .collect()
}

fn strip_by(name: &str) -> &str {
    match name.split_once(' ') {
        Some((by, rest)) if by.eq_ignore_ascii_case("by") || by.eq_ignore_ascii_case("by:") => {
            rest.trim()
        }
        _ => name,
    }
}

fn is_url(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.")
}

/// The first non-empty string of a value: a string, a `@value` object, or an array of those.
fn text(v: Option<&Value>) -> Option<String> {
    flat(v).into_iter().find_map(|v| match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("@value").and_then(Value::as_str).and_then(clean),
        _ => None,
    })
}

/// Decodes entities and collapses whitespace; empty strings become `None`.
fn clean(s: &str) -> Option<String> {
    let s = decode_entities(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

/// Decodes the common named and numeric HTML entities (twice, for double-encoded text).
fn decode_entities(s: &str) -> String {
    let once = decode_once(s);
    if once.contains('&') && once != s {
        decode_once(&once)
    } else {
        once
    }
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ';')
            .and_then(|(end, _)| Some((entity(after.get(..end)?)?, after.get(end + 1..)?)));
        let (c, tail) = decoded.unwrap_or(('&', after));
        out.push(c);
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    ENTITY_NAMES
        .split_whitespace()
        .zip(ENTITY_CHARS.chars())
        .find_map(|(n, c)| (n == name).then_some(c))
}

/// The schema.org types of a node, without any `https://schema.org/` or `schema:` prefix.
fn types(o: &Node) -> Vec<&str> {
    flat(o.get("@type"))
        .into_iter()
        .filter_map(Value::as_str)
        .map(|t| {
            t.trim()
                .rsplit_once(['/', ':'])
                .map_or(t.trim(), |(_, t)| t)
        })
        .collect()
}

/// A value's items, nested arrays flattened (to a bounded depth); none for `None`.
fn flat(v: Option<&Value>) -> Vec<&Value> {
    fn walk<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v Value>) {
        match v {
            _ if out.len() >= MAX_ITEMS => {}
            Value::Array(a) if depth < MAX_DEPTH => a.iter().for_each(|x| walk(x, depth + 1, out)),
            Value::Array(_) | Value::Null => {}
            v => out.push(v),
        }
    }
    let mut out = Vec::new();
    if let Some(v) = v {
        walk(v, 0, &mut out);
    }
    out
}

/// Collects candidate nodes: top-level objects and arrays, `@graph` members, main entities.
fn collect<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v Node>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, depth + 1, out)),
        Value::Object(o) => {
            out.push(o);
            for key in ["@graph", "mainEntity"] {
                if let Some(x) = o.get(key) {
                    collect(x, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// Indexes every object with an `@id`, keeping the fullest one per id.
fn index<'v>(v: &'v Value, depth: usize, ids: &mut Ids<'v>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| index(x, depth + 1, ids)),
        Value::Object(o) => {
            if let Some(id) = o.get("@id").and_then(Value::as_str) {
                let entry = ids.by_id.entry(id).or_insert(v);
                if len(entry) < o.len() {
                    *entry = v;
                }
            }
            o.values().for_each(|x| index(x, depth + 1, ids));
        }
        _ => {}
    }
}

/// The node an `{"@id": ...}` reference points to, if the graph has a fuller one and the
/// budget of references is not spent.
fn resolve<'v>(v: &'v Value, ids: &Ids<'v>) -> &'v Value {
    if let Value::Object(o) = v
        && let Some(id) = o.get("@id").and_then(Value::as_str)
        && let Some(&target) = ids.by_id.get(id)
        && len(target) > o.len()
        && let Some(left) = ids.left.get().checked_sub(1)
    {
        ids.left.set(left);
        target
    } else {
        v
    }
}

fn len(v: &Value) -> usize {
    v.as_object().map_or(0, Map::len)
}

/// Parses one script body leniently; broken or oversized scripts give nothing.
fn parse(script: &str) -> Vec<Value> {
    if script.len() > MAX_SCRIPT {
        return Vec::new();
    }
    let body = unwrap_script(script);
    let values = parse_stream(body);
    if values.is_empty() {
        parse_stream(&repair(body))
    } else {
        values
    }
}

fn parse_stream(s: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(s)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Strips comment and CDATA wrappers, a BOM and trailing semicolons.
fn unwrap_script(s: &str) -> &str {
    const WRAPPERS: [(&str, &str); 4] = [
        ("//<![CDATA[", "//]]>"),
        ("/*<![CDATA[*/", "/*]]>*/"),
        ("<![CDATA[", "]]>"),
        ("<!--", "-->"),
    ];
    fn trim(s: &str) -> &str {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == ';')
    }
    let mut s = trim(s);
    loop {
        let before = s.len();
        for (open, close) in WRAPPERS {
            s = trim(s.strip_prefix(open).unwrap_or(s));
            s = trim(s.strip_suffix(close).unwrap_or(s));
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Replaces raw control characters with spaces and drops trailing commas outside strings.
fn repair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '}' || c == ']' {
            out.truncate(out.trim_end().len());
            if out.ends_with(',') {
                out.pop();
            }
        }
        out.push(if c < ' ' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(script: &str) -> LdArticle {
        article([script]).expect("an article")
    }

    fn names(a: &LdArticle) -> Vec<&str> {
        a.authors.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn plain_news_article() {
        let a = one(r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"  Council  approves budget ","description":"Schools &amp; roads",
            "alternativeHeadline":"Spending up","articleSection":["Local","Politics"],
            "author":{"@type":"Person","name":"Jane O&#39;Doe","url":"https://x.test/jane",
              "worksFor":{"@type":"Organization","name":"The Daily"},"sameAs":["https://t.test/j"]},
            "publisher":{"@type":"NewsMediaOrganization","name":"The Daily"},
            "datePublished":"2024-03-05T10:00:00+01:00","dateModified":"2024-03-05T12:00:00Z",
            "inLanguage":"en-GB","mainEntityOfPage":{"@type":"WebPage","@id":"https://x.test/a"}}"#);
        assert_eq!(a.kind, "NewsArticle");
        assert_eq!(a.headline.as_deref(), Some("Council approves budget"));
        assert_eq!(a.description.as_deref(), Some("Schools & roads"));
        assert_eq!(a.alternative.as_deref(), Some("Spending up"));
        assert_eq!(a.section.as_deref(), Some("Local"));
        assert_eq!(a.publisher.as_deref(), Some("The Daily"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05T10:00:00+01:00"));
        assert_eq!(a.modified.as_deref(), Some("2024-03-05T12:00:00Z"));
        assert_eq!(a.language.as_deref(), Some("en-GB"));
        assert_eq!(a.url.as_deref(), Some("https://x.test/a"));
        let jane = &a.authors[0];
        assert_eq!(jane.name, "Jane O'Doe");
        assert_eq!(jane.url.as_deref(), Some("https://x.test/jane"));
        assert_eq!(jane.affiliation.as_deref(), Some("The Daily"));
        assert_eq!(jane.same_as, ["https://t.test/j"]);
        assert!(!jane.is_organization);
    }

    #[test]
    fn yoast_graph_resolves_references() {
        let a = one(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"Article","@id":"https://x.test/p/#article","headline":"Graph story",
             "author":{"@id":"https://x.test/#/schema/person/abc"},
             "publisher":{"@id":"https://x.test/#organization"},
             "image":{"@id":"https://x.test/p/#primaryimage"},
             "datePublished":"2024-01-02T03:04:05+00:00","keywords":["Rail","rail","Budget"]},
            {"@type":"WebPage","@id":"https://x.test/p/","url":"https://x.test/p/","name":"Graph story - X"},
            {"@type":"ImageObject","@id":"https://x.test/p/#primaryimage",
             "url":"https://x.test/i.jpg","caption":"A train"},
            {"@type":"Organization","@id":"https://x.test/#organization","name":"X News"},
            {"@type":"Person","@id":"https://x.test/#/schema/person/abc","name":"Sam Lee",
             "url":"https://x.test/author/sam"}]}"#);
        assert_eq!(a.kind, "Article");
        assert_eq!(a.headline.as_deref(), Some("Graph story"));
        assert_eq!(names(&a), ["Sam Lee"]);
        assert_eq!(
            a.authors[0].url.as_deref(),
            Some("https://x.test/author/sam")
        );
        assert_eq!(a.publisher.as_deref(), Some("X News"));
        assert_eq!(a.images[0].url, "https://x.test/i.jpg");
        assert_eq!(a.images[0].caption.as_deref(), Some("A train"));
        assert_eq!(a.keywords, ["Rail", "Budget"]);
    }

    #[test]
    fn article_in_second_script() {
        let first = r#"[{"@type":"BreadcrumbList","itemListElement":[]},
            {"@type":"Organization","name":"X News","url":"https://x.test"}]"#;
        let second = r#"{"@type":["NewsArticle","ReportageNewsArticle"],"headline":"Found it"}"#;
        let a = article([first, second]).expect("an article");
        assert_eq!(a.kind, "NewsArticle");
        assert_eq!(a.headline.as_deref(), Some("Found it"));
    }

    #[test]
    fn prefers_news_article_with_headline() {
        let a = one(
            r#"[{"@type":"Article","name":"Generic","description":"d","url":"u"},
            {"@type":"BlogPosting","headline":"Blog","description":"d","url":"u"},
            {"@type":"NewsArticle","headline":"News"}]"#,
        );
        assert_eq!(a.headline.as_deref(), Some("News"));
    }

    #[test]
    fn author_strings_are_split() {
        let a = one(r#"{"@type":"NewsArticle","author":"By Jane Doe and John Roe"}"#);
        assert_eq!(names(&a), ["Jane Doe", "John Roe"]);
        let a = one(r#"{"@type":"NewsArticle","author":"Ann Bell, Carl Diaz &amp; Eve Fox"}"#);
        assert_eq!(names(&a), ["Ann Bell", "Carl Diaz", "Eve Fox"]);
    }

    #[test]
    fn author_array_with_organization() {
        let a = one(r#"{"@type":"NewsArticle","author":[
            {"@type":"Person","name":["Jane  Doe"],"email":"mailto:jane@x.test"},
            {"@type":"Organization","name":"Reuters"},
            {"@type":"Person","name":"https://x.test/someone"},
            {"@type":"Person","name":"  "}, "jane doe"],
            "creator":["Reuters"]}"#);
        assert_eq!(names(&a), ["Jane Doe", "Reuters"]);
        assert_eq!(a.authors[0].email.as_deref(), Some("jane@x.test"));
        assert!(a.authors[1].is_organization);
    }

    #[test]
    fn repeated_author_references_are_read_once_and_merged_in_order() {
        let same_as: Vec<String> = (0..100)
            .map(|i| format!("https://x.test/{}/{}", "a".repeat(500), i % 60))
            .collect();
        let person = serde_json::json!({"@id": "p", "@type": "Person", "name": "Jane Roe",
            "url": "https://x.test/jane", "sameAs": same_as});
        let mut refs = vec![serde_json::json!({"@id": "p"}); 99];
        refs.push(serde_json::json!({"@type": "Person", "name": "JANE ROE",
            "email": "jane@x.test", "sameAs": ["https://t.test/j", same_as[0]]}));
        let node = serde_json::json!({"@type": "NewsArticle", "headline": "H",
            "author": refs, "creator": vec![serde_json::json!({"@id": "p"}); 100]});
        let a = one(&serde_json::json!({"@graph": [person, node]}).to_string());
        assert_eq!(names(&a), ["Jane Roe"]);
        let jane = &a.authors[0];
        assert_eq!(jane.url.as_deref(), Some("https://x.test/jane"));
        assert_eq!(jane.email.as_deref(), Some("jane@x.test"));
        // The 60 distinct links in their first order, then the one the second object adds.
        let mut want: Vec<String> = same_as[..60].to_vec();
        want.push("https://t.test/j".into());
        assert_eq!(jane.same_as, want);
    }

    #[test]
    fn references_are_followed_up_to_the_budget() {
        let page =
            |fillers: usize| {
                let mut graph = vec![serde_json::json!({"@id": "o", "name": "X News"})];
                // Nodes without a headline lose to the last one, but each follows its reference.
                graph.extend((0..fillers).map(
                    |_| serde_json::json!({"@type": "NewsArticle", "publisher": {"@id": "o"}}),
                ));
                graph.push(
                    serde_json::json!({"@type": "NewsArticle", "headline": "Last",
                "publisher": {"@id": "o"}}),
                );
                one(&serde_json::json!({"@graph": graph}).to_string())
            };
        let within = page(MAX_REFERENCES - 1);
        assert_eq!(within.headline.as_deref(), Some("Last"));
        assert_eq!(within.publisher.as_deref(), Some("X News"));
        let past = page(MAX_REFERENCES);
        assert_eq!(past.headline.as_deref(), Some("Last"));
        assert_eq!(past.publisher, None);
    }

    #[test]
    fn image_shapes() {
        let a = one(r#"{"@type":"NewsArticle","image":"https://x.test/a.jpg"}"#);
        assert_eq!(a.images[0].url, "https://x.test/a.jpg");
        let a = one(
            r#"{"@type":"NewsArticle","image":["https://x.test/a.jpg","https://x.test/b.jpg",
            "https://x.test/a.jpg"],"thumbnailUrl":"https://x.test/t.jpg"}"#,
        );
        let urls: Vec<&str> = a.images.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://x.test/a.jpg",
                "https://x.test/b.jpg",
                "https://x.test/t.jpg"
            ]
        );
        let a = one(r#"{"@type":"NewsArticle","image":{"@type":"ImageObject",
            "contentUrl":"https://x.test/c.jpg","caption":"The mayor","creditText":"AP Photo",
            "width":1200,"height":800}}"#);
        assert_eq!(
            a.images,
            [LdImage {
                url: "https://x.test/c.jpg".into(),
                caption: Some("The mayor".into()),
                credit: Some("AP Photo".into()),
            }]
        );
    }

    #[test]
    fn keywords_and_free_flag() {
        let a = one(
            r#"{"@type":"NewsArticle","keywords":" budget, Schools ,,schools, roads ",
            "isAccessibleForFree":"False"}"#,
        );
        assert_eq!(a.keywords, ["budget", "Schools", "roads"]);
        assert_eq!(a.accessible_for_free, Some(false));
        let a = one(r#"{"@type":"NewsArticle","keywords":["a b","c"],"isAccessibleForFree":true}"#);
        assert_eq!(a.keywords, ["a b", "c"]);
        assert_eq!(a.accessible_for_free, Some(true));
    }

    #[test]
    fn broken_json_is_repaired() {
        let script = "\n<!--\n{\"@type\":\"NewsArticle\",\"headline\":\"Line one\nline\ttwo\",\
            \"author\":[\"Jane Doe\",],}\n-->;\n";
        let a = one(script);
        assert_eq!(a.headline.as_deref(), Some("Line one line two"));
        assert_eq!(names(&a), ["Jane Doe"]);
        let cdata = "//<![CDATA[\n{\"@type\":\"BlogPosting\",\"headline\":\"C\"};\n//]]>";
        assert_eq!(one(cdata).headline.as_deref(), Some("C"));
    }

    #[test]
    fn web_page_fallback() {
        let a = one(
            r#"{"@type":"WebPage","name":"About us","url":"https://x.test/about",
            "datePublished":"2023-01-01","inLanguage":{"@type":"Language","name":"German"}}"#,
        );
        assert_eq!(a.kind, "WebPage");
        assert_eq!(a.headline.as_deref(), Some("About us"));
        assert_eq!(a.language.as_deref(), Some("German"));
        assert_eq!(a.published.as_deref(), Some("2023-01-01"));
    }

    #[test]
    fn shape_variants() {
        let a = one(r#"<!-- [{"@graph":[{"@type":"WebPage","name":"Page",
            "mainEntity":{"@type":"http://schema.org/NewsArticle",
            "headline":"It&amp;#8217;s here &hellip;","author":{"name":"By: Ann Bell"}}}]}]"#);
        assert_eq!(a.kind, "NewsArticle");
        assert_eq!(a.headline.as_deref(), Some("It’s here …"));
        assert_eq!(names(&a), ["Ann Bell"]);
        let a = one(
            r#"{"@type":"Organization","name":"X"}{"@type":"schema:Article","headline":"Two"}"#,
        );
        assert_eq!(a.headline.as_deref(), Some("Two"));
    }

    #[test]
    fn garbage_gives_none() {
        let inputs = [
            "",
            "not json",
            "{",
            "[1,2,3]",
            "null",
            "\"NewsArticle\"",
            "{\"@type\":5}",
        ];
        for input in inputs {
            assert_eq!(article([input]), None, "{input}");
        }
        assert_eq!(article(["<!--", "&#xFFFFFFFF;", "\u{feff}"]), None);
        assert_eq!(
            decode_entities("&#xD800; &#0; &amp &#x; &"),
            "&#xD800; &#0; &amp &#x; &"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(article([deep.as_str()]), None);
        // Within serde's limit but past the walker's: the article is simply not seen.
        let mut nested = String::from(r#"{"@type":"NewsArticle","headline":"Deep"}"#);
        for _ in 0..50 {
            nested = format!(r#"{{"@graph":[{nested}]}}"#);
        }
        assert_eq!(article([nested.as_str()]), None);
        let author = format!("{}\"Jane\"{}", "[".repeat(100), "]".repeat(100));
        let a = one(&format!(r#"{{"@type":"NewsArticle","author":{author}}}"#));
        assert!(a.authors.is_empty());
        let shallow = format!("[[[[{}]]]]", r#"{"@type":"NewsArticle","headline":"Deep"}"#);
        assert_eq!(one(&shallow).headline.as_deref(), Some("Deep"));
    }
}
