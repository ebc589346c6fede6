//! Metadata reconciled from every source a page offers (JSON-LD, `OpenGraph`, Twitter cards,
//! `<meta>`, microdata, `<time>`, canonical links, the visible header), each field recording
//! where its value came from in [`Article::provenance`].
//!
//! Declared values are preferred where they are reliable (dates, canonical URL, publisher);
//! the visible header wins for the headline when it agrees with what the page declares, since
//! that is the text readers saw.

use std::collections::HashSet;

use crate::block::{Block, Declared, Label};
use crate::cues;
use crate::fields::{authors, dates, language};
use crate::{Article, Author};

/// Meta names that carry the headline, in order of trust.
const TITLE_META: &[(&str, &str)] = &[("og:title", "opengraph"), ("twitter:title", "twitter")];
/// Meta names that carry the publication time.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "article.published",
];
/// Meta names that carry the modification time.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "dcterms.modified",
    "last-modified",
    "article.updated",
];
/// Meta names that carry an author's name.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
];
/// How many tags are kept, the first ones in the page's order.
const MAX_TAGS: usize = 100;
/// Meta names that carry the section.
const SECTION_META: &[&str] = &["article:section", "parsely-section", "section", "category"];

/// Fills the header fields of `article` from the labelled blocks and the declared metadata.
pub fn reconcile(article: &mut Article, blocks: &[Block], declared: &Declared) {
    let ld = declared.jsonld.as_ref();
    let mut prov = |field: &str, source: &str| {
        article
            .provenance
            .insert(field.to_owned(), source.to_owned());
    };

    // Canonical URL: the page's own word first, then the caller's.
    let url = declared
        .canonical
        .clone()
        .map(|u| (u, "canonical"))
        .or_else(|| {
            declared
                .meta(&["og:url"])
                .map(|u| (u.to_owned(), "opengraph"))
        })
        .or_else(|| ld.and_then(|l| l.url.clone()).map(|u| (u, "json-ld")))
        .map(|(u, s)| {
            (
                crate::fields::media::resolve(&u, article.source.url.as_deref()),
                s,
            )
        })
        .filter(|(u, _)| u.starts_with("http"))
        .or_else(|| article.source.url.clone().map(|u| (u, "option")));
    if let Some((u, s)) = url {
        article.url = Some(u);
        prov("url", s);
    }

    // The site's own name (OpenGraph) before the JSON-LD publisher, which is often the wire
    // agency or a short form ("Sky" on "Sky News").
    let usable = |p: &String| !p.starts_with('@') && !p.contains("://") && !p.is_empty();
    let site = declared
        .meta(&["og:site_name"])
        .map(|p| (p.to_owned(), "opengraph"))
        .filter(|(p, _)| usable(p))
        .or_else(|| {
            ld.and_then(|l| l.publisher.clone())
                .map(|p| (p, "json-ld"))
                .filter(|(p, _)| usable(p))
        })
        .or_else(|| {
            declared
                .meta(&["application-name", "publisher", "dc.publisher"])
                .map(|p| (p.to_owned(), "meta"))
        });

    // Headline.
    let visible = first(blocks, Label::Title);
    let mut declared_titles: Vec<(String, &str)> = Vec::new();
    // Microdata marks the headline readers see; the others can be written for sharing.
    if let Some(h) = declared.microdata("headline") {
        declared_titles.push((h.to_owned(), "microdata"));
    }
    if let Some(h) = ld.and_then(|l| l.headline.clone()) {
        declared_titles.push((h, "json-ld"));
    }
    for (key, source) in TITLE_META {
        if let Some(t) = declared.meta(&[key]) {
            declared_titles.push((t.to_owned(), source));
        }
    }
    if let Some(t) = &declared.title_tag {
        declared_titles.push((t.clone(), "title-tag"));
    }
    let site_name = site.as_ref().map(|(s, _)| s.as_str());
    for (t, _) in &mut declared_titles {
        *t = strip_site_name(t, site_name);
    }
    let title = match visible {
        Some(v)
            if declared_titles.is_empty()
                || declared_titles.iter().any(|(t, _)| similar(&v, t)) =>
        {
            Some((v, "heading"))
        }
        _ => declared_titles
            .into_iter()
            .next()
            .or_else(|| visible_heading(blocks).map(|t| (t, "heading"))),
    };
    if let Some((t, s)) = title {
        article.title = Some(t);
        prov("title", s);
    }

    // Dek: the visible one, else a declared description that is not the first paragraph.
    let subtitle = first(blocks, Label::Subtitle)
        .map(|s| (s, "heading"))
        .or_else(|| {
            ld.and_then(|l| l.alternative.clone())
                .map(|s| (s, "json-ld"))
        })
        .or_else(|| {
            ld.and_then(|l| l.description.clone())
                .map(|s| (s, "json-ld"))
                .or_else(|| {
                    declared
                        .meta(&["og:description"])
                        .map(|s| (s.to_owned(), "opengraph"))
                })
                .or_else(|| {
                    declared
                        .meta(&["description", "twitter:description"])
                        .map(|s| (s.to_owned(), "meta"))
                })
                .filter(|(s, _)| !repeats_body(s, &article.text) && !truncated(s))
        })
        .filter(|(s, _)| article.title.as_deref() != Some(s.as_str()));
    if let Some((s, src)) = subtitle {
        article.subtitle = Some(s);
        prov("subtitle", src);
    }

    // Kicker, else the declared section.
    let kicker = first(blocks, Label::Kicker)
        .map(|k| (k, "heading"))
        .or_else(|| ld.and_then(|l| l.section.clone()).map(|k| (k, "json-ld")))
        .or_else(|| declared.meta(SECTION_META).map(|k| (k.to_owned(), "meta")))
        .or_else(|| {
            declared
                .microdata("articlesection")
                .map(|k| (k.to_owned(), "microdata"))
        });
    if let Some((k, s)) = kicker {
        article.kicker = Some(k);
        prov("kicker", s);
    }

    // Authors: the visible byline knows affiliations; JSON-LD knows clean names.
    let (byline_authors, byline_source) = byline_authors(blocks);
    let ld_people: Vec<Author> = ld
        .map(|l| {
            l.authors
                .iter()
                .filter(|a| !a.is_organization)
                .filter_map(|a| {
                    // "ROBERT BURNS, AP National Security Writer": the name, then a role.
                    let (name, role) = match a.name.split_once(", ") {
                        Some((n, r)) => (n.to_owned(), Some(r.to_owned())),
                        None => authors::split_name(&a.name),
                    };
                    let name = authors::normalize_case(name.trim());
                    plausible_name(&name).then_some((a, name, role))
                })
                .map(|(a, name, role)| Author {
                    name,
                    affiliation: a.affiliation.clone().or_else(|| {
                        role.and_then(|r| {
                            if a.name.contains('/') {
                                return Some(r);
                            }
                            r.split_whitespace()
                                .find(|w| authors::is_agency(w))
                                .map(str::to_owned)
                        })
                    }),
                    bio: a.description.clone(),
                    email: a.email.clone(),
                    social: a.same_as.clone(),
                    url: a.url.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let (mut found, source) = if !ld_people.is_empty() {
        // JSON-LD names are clean; the byline adds what it says about each person.
        let mut merged = ld_people;
        let mut merged_ends: Vec<Ends> = merged.iter().map(|a| Ends::of(&a.name)).collect();
        let byline_ends: Vec<Ends> = byline_authors.iter().map(|b| Ends::of(&b.name)).collect();
        for (a, a_ends) in merged.iter_mut().zip(&merged_ends) {
            if let Some((b, _)) = byline_authors.iter().zip(&byline_ends).find(|(b, b_ends)| {
                same_person((&b.name, b_ends), (&a.name, a_ends)) || b.name.starts_with(&a.name)
            }) {
                a.affiliation = a.affiliation.take().or_else(|| b.affiliation.clone());
            }
        }
        // People a "By ..." line names and the JSON-LD forgot, up to the cap: every one is
        // compared with those kept, so the cap is what keeps this linear.
        let by_lines = blocks
            .iter()
            .filter(|b| b.label == Label::Byline && cues::byline_names(&b.text).is_some())
            .flat_map(|b| authors::from_byline(&b.text))
            .filter(|a| plausible_name(&a.name));
        for b in by_lines {
            if merged.len() >= authors::MAX_AUTHORS {
                break;
            }
            let b_ends = Ends::of(&b.name);
            if !merged.iter().zip(&merged_ends).any(|(a, a_ends)| {
                same_person((&a.name, a_ends), (&b.name, &b_ends)) || b.name.starts_with(&a.name)
            }) {
                merged.push(b);
                merged_ends.push(b_ends);
            }
        }
        (merged, "json-ld")
    } else if !byline_authors.is_empty() {
        (byline_authors, byline_source)
    } else if let Some(name) = declared
        .meta(AUTHOR_META)
        .filter(|n| !n.starts_with("http"))
        .map(str::to_owned)
        .or_else(|| {
            declared
                .microdata("author")
                .filter(|n| n.split_whitespace().count() <= 6)
                .map(str::to_owned)
        })
    {
        let from_meta = declared.meta(AUTHOR_META).is_some();
        (
            authors::from_byline(&name)
                .into_iter()
                .filter(|a| plausible_name(&a.name))
                .take(authors::MAX_AUTHORS)
                .collect(),
            if from_meta { "meta" } else { "microdata" },
        )
    } else {
        (Vec::new(), "bio")
    };
    // An agency named as the JSON-LD author is the affiliation of people without one.
    if let Some(agency) = ld.and_then(|l| {
        l.authors
            .iter()
            .find(|a| a.is_organization && authors::is_agency(&a.name))
    }) {
        for a in &mut found {
            a.affiliation.get_or_insert_with(|| agency.name.clone());
        }
    }
    // An "author" that is the outlet itself names nobody.
    if let Some((site, _)) = &site {
        let site = site.to_lowercase();
        found.retain(|a| !site.contains(&a.name.to_lowercase()));
    }
    for b in blocks.iter().filter(|b| b.label == Label::Bio) {
        authors::attach_bio(&mut found, &b.text);
    }
    if !found.is_empty() {
        prov("authors", source);
    }
    article.authors = found;

    // Publisher.
    let publisher = site.or_else(|| {
        article
            .authors
            .iter()
            .filter_map(|a| a.affiliation.as_deref())
            .find(|a| !authors::is_agency(a))
            .map(|a| (a.to_owned(), "byline"))
    });
    let publisher = publisher.or_else(|| {
        declared
            .title_tag
            .as_deref()
            .and_then(site_suffix)
            .map(|p| (p, "title-tag"))
    });
    if let Some((p, s)) = publisher {
        article.publisher = Some(p);
        prov("publisher", s);
    }

    // Dates: declared values first; the visible dateline where nothing is declared.
    let pub_date = ld
        .and_then(|l| l.published.as_deref())
        .and_then(dates::normalize)
        .map(|d| (d, "json-ld"))
        .or_else(|| declared_date(declared, PUBLISHED_META, "datepublished"))
        .or_else(|| {
            blocks
                .iter()
                .filter(|b| matches!(b.label, Label::Dateline | Label::Byline))
                .find_map(|b| {
                    dates::find(&b.text).map(|f| {
                        let src = if b.label == Label::Byline {
                            "byline"
                        } else {
                            "dateline"
                        };
                        (f.iso, src)
                    })
                })
        })
        .or_else(|| {
            declared
                .times
                .iter()
                .find_map(|t| dates::normalize(t))
                .map(|d| (d, "time"))
        });
    if let Some((d, s)) = pub_date {
        article.published = Some(d);
        prov("published", s);
    }
    let modified = ld
        .and_then(|l| l.modified.as_deref())
        .and_then(dates::normalize)
        .map(|d| (d, "json-ld"))
        .or_else(|| declared_date(declared, MODIFIED_META, "datemodified"));
    if let Some((d, s)) = modified {
        article.modified = Some(d);
        prov("modified", s);
    }

    // Language: declared, else guessed from the body.
    let lang = [
        (declared.lang.as_deref(), "html-lang"),
        (
            ld.and_then(|l| l.language.as_deref())
                .filter(|l| l.len() <= 16),
            "json-ld",
        ),
        (
            declared.meta(&["content-language", "og:locale", "language", "dc.language"]),
            "meta",
        ),
    ]
    .into_iter()
    .find_map(|(tag, source)| Some((language::normalize_tag(tag?)?, source)))
    .or_else(|| language::guess(&article.text).map(|l| (l, "text")));
    if let Some((l, s)) = lang {
        article.language = Some(l);
        prov("language", s);
    }

    // Tags.
    let mut tags: Vec<String> = Vec::new();
    let mut tag_source = "";
    if let Some(l) = ld.filter(|l| !l.keywords.is_empty()) {
        tags.clone_from(&l.keywords);
        tag_source = "json-ld";
    } else {
        let listed: Vec<&str> = declared.meta_all("article:tag").collect();
        let joined = if listed.is_empty() {
            declared
                .meta(&["news_keywords", "keywords", "parsely-tags", "sailthru.tags"])
                .map(|k| k.split(',').collect::<Vec<_>>())
                .unwrap_or_default()
        } else {
            listed
        };
        // A set of lower-cased tags, and a stop at the cap, keep this linear however many
        // keywords a page lists.
        let mut seen = HashSet::new();
        for t in joined {
            if tags.len() == MAX_TAGS {
                break;
            }
            let t = t.trim();
            if !t.is_empty() && seen.insert(t.to_ascii_lowercase()) {
                tags.push(t.to_owned());
            }
        }
        if !tags.is_empty() {
            tag_source = if declared.meta_all("article:tag").next().is_some() {
                "opengraph"
            } else {
                "meta"
            };
        }
    }
    tags.truncate(MAX_TAGS);
    if !tags.is_empty() {
        article.tags = tags;
        prov("tags", tag_source);
    }

    if let Some(free) = ld.and_then(|l| l.accessible_for_free) {
        article.accessible_for_free = Some(free);
        prov("accessible_for_free", "json-ld");
    }
}

/// The lead image the page declares (JSON-LD, then `OpenGraph`, then Twitter): URL, caption, credit.
#[must_use]
pub fn declared_image(declared: &Declared) -> Option<(String, Option<String>, Option<String>)> {
    // A site logo or a banner stands in where a page has no picture of its own.
    let generic = |url: &str| {
        let file = url.rsplit('/').next().unwrap_or(url).to_ascii_lowercase();
        [
            "logo",
            "banner",
            "default",
            "placeholder",
            "favicon",
            "icon",
        ]
        .iter()
        .any(|w| file.contains(w))
    };
    if let Some(img) = declared
        .jsonld
        .as_ref()
        .and_then(|l| l.images.first())
        .filter(|i| !generic(&i.url))
    {
        return Some((img.url.clone(), img.caption.clone(), img.credit.clone()));
    }
    declared
        .meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .filter(|u| !generic(u))
        .map(|u| (u.to_owned(), None, None))
}

fn first(blocks: &[Block], label: Label) -> Option<String> {
    blocks
        .iter()
        .find(|b| b.label == label)
        .map(|b| b.text.clone())
}

/// The first `<h1>` that is not in the page chrome, for pages whose header classify missed.
fn visible_heading(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .find(|b| {
            b.kind == crate::block::BlockKind::Heading(1)
                && (2..=40).contains(&b.features.words)
                && !matches!(b.label, Label::Nav | Label::Related)
        })
        .map(|b| b.text.clone())
}

/// Authors from the bylines above the body (those further down belong to teasers).
fn byline_authors(blocks: &[Block]) -> (Vec<Author>, &'static str) {
    let first_body = blocks
        .iter()
        .position(|b| b.label == Label::Body)
        .unwrap_or(blocks.len());
    let header = blocks[..first_body]
        .iter()
        .any(|b| b.label == Label::Byline);
    let scope = if header {
        &blocks[..first_body]
    } else {
        blocks
    };
    let mut out: Vec<Author> = Vec::new();
    // The names kept, to drop repeats in constant time; the cap bounds the work after this.
    let mut seen: HashSet<String> = HashSet::new();
    let lines = scope
        .iter()
        .filter(|b| b.label == Label::Byline)
        .take(if header { usize::MAX } else { 1 });
    for author in lines.flat_map(|b| authors::from_byline(&b.text)) {
        if out.len() >= authors::MAX_AUTHORS {
            break;
        }
        if plausible_name(&author.name) && seen.insert(author.name.clone()) {
            out.push(author);
        }
    }
    (out, "byline")
}

/// A declared date under the first of `keys` that parses, then microdata.
fn declared_date(
    declared: &Declared,
    keys: &[&str],
    itemprop: &str,
) -> Option<(String, &'static str)> {
    keys.iter()
        .find_map(|k| {
            declared.meta(&[k]).and_then(dates::normalize).map(|d| {
                (
                    d,
                    if k.starts_with("og:") || k.starts_with("article:") {
                        "opengraph"
                    } else {
                        "meta"
                    },
                )
            })
        })
        .or_else(|| {
            declared
                .microdata(itemprop)
                .and_then(dates::normalize)
                .map(|d| (d, "microdata"))
        })
}

/// Whether a string can be a person's name: a few words, letters, no URL or date.
fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    if authors::is_placeholder(name) {
        return false;
    }
    (1..=6).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && !name.contains("://")
        && !name.contains('@')
        && !dates::mentions_date(name)
        && !authors::is_agency(name)
}

/// A name's first and last words, lower-cased once so that comparing names allocates nothing.
#[derive(PartialEq, Eq)]
struct Ends {
    first: Option<String>,
    last: Option<String>,
}

impl Ends {
    fn of(name: &str) -> Self {
        Self {
            first: name.split_whitespace().next().map(str::to_lowercase),
            last: name.split_whitespace().next_back().map(str::to_lowercase),
        }
    }
}

/// Whether two names, each with its [`Ends`], are one person: equal but for ASCII case, or
/// with the same first and last words.
fn same_person((a, a_ends): (&str, &Ends), (b, b_ends): (&str, &Ends)) -> bool {
    a.eq_ignore_ascii_case(b) || a_ends == b_ends
}

/// Whether two headlines are the same up to punctuation, case and a site name.
fn similar(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    shared * 10 >= wa.len().max(wb.len()) * 7
}

/// What parts a site name from a headline in a `<title>` or `og:title`.
const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "];

/// Removes a " | Site" or " - Site" suffix (or prefix) from a declared title.
#[must_use]
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site.filter(|s| !s.is_empty()) {
        for sep in SEPS {
            if let Some(head) = title
                .strip_suffix(site)
                .and_then(|h| h.strip_suffix(sep.trim_end()))
                .or_else(|| title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)))
            {
                return head.trim().to_owned();
            }
            if let Some(tail) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
                return tail.trim().to_owned();
            }
        }
    }
    for sep in SEPS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    // "Opinion | Headline": a section name in front.
    if let Some((head, tail)) = title.split_once(" | ")
        && head.split_whitespace().count() <= 2
        && tail.split_whitespace().count() >= 4
    {
        return tail.trim().to_owned();
    }
    title.to_owned()
}

/// The site name after the last separator of a `<title>` ("Headline - Entermedia").
fn site_suffix(title: &str) -> Option<String> {
    SEPS.iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .map(|(head, tail)| (head.trim(), tail.trim()))
        .find(|(head, tail)| {
            (1..=4).contains(&tail.split_whitespace().count())
                && head.split_whitespace().count() >= 3
        })
        .map(|(_, tail)| tail.to_owned())
}

/// Whether a description only repeats the body's opening.
fn repeats_body(description: &str, body: &str) -> bool {
    let d: String = description.chars().take(80).collect();
    let d = d.trim_end_matches(['.', '…']).trim();
    !d.is_empty() && body.contains(d)
}

/// A description cut off mid-sentence ("...", "…").
fn truncated(description: &str) -> bool {
    description.ends_with("...") || description.ends_with('…')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_lang_gives_way_to_the_next_declaration() {
        let para = "The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by four percent.";
        let page = |lang: &str| {
            let html = format!(
                "<html lang=\"{lang}\"><head><meta property=\"og:locale\" content=\"fr_FR\"></head><body><article><h1>Budget</h1><p>{para}</p><p>{para}</p></article></body></html>"
            );
            let article =
                crate::extract(html.as_bytes(), &crate::Options::default()).expect("extracts");
            (
                article.language,
                article.provenance.get("language").cloned(),
            )
        };
        assert_eq!(
            page("de-AT"),
            (Some("de-AT".into()), Some("html-lang".into()))
        );
        assert_eq!(
            page("de-\u{d6}st"),
            (Some("de".into()), Some("html-lang".into()))
        );
        assert_eq!(
            page("\u{fc}bersetzt"),
            (Some("fr-FR".into()), Some("meta".into()))
        );
        assert_eq!(page(""), (Some("fr-FR".into()), Some("meta".into())));
    }

    const PARAS: [&str; 3] = [
        "The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by four percent.",
        "Opponents argued that the increase would require higher property taxes within two years, a claim the mayor disputed.",
        "The plan now goes to the state for review, where analysts expect it to pass without major changes before July.",
    ];

    /// A distinct, plausible name for each number: "Ab Cor", "Bel Cor"...
    fn name(i: usize) -> String {
        const SYLLABLES: [&str; 10] = [
            "Ab", "Bel", "Cor", "Dan", "Eli", "Fen", "Gar", "Hol", "Ivo", "Jun",
        ];
        format!(
            "{}{} {}ton",
            SYLLABLES[i % 10],
            SYLLABLES[i / 10 % 10].to_lowercase(),
            SYLLABLES[i / 100 % 10]
        )
    }

    #[test]
    fn keywords_keep_the_first_hundred_distinct_in_order() {
        let keywords: Vec<String> = (0..300)
            .flat_map(|i| [format!("tag{i}"), format!(" TAG{i} "), String::new()])
            .collect();
        let html = format!(
            "<html><head><meta name=\"keywords\" content=\"{}\"></head><body><article><h1>Budget</h1><p>{}</p><p>{}</p></article></body></html>",
            keywords.join(","),
            PARAS[0],
            PARAS[1]
        );
        let article =
            crate::extract(html.as_bytes(), &crate::Options::default()).expect("extracts");
        let want: Vec<String> = (0..MAX_TAGS).map(|i| format!("tag{i}")).collect();
        assert_eq!(article.tags, want);
        assert_eq!(
            article.provenance.get("tags").map(String::as_str),
            Some("meta")
        );
    }

    #[test]
    fn bylines_give_at_most_the_first_hundred_authors() {
        // Two names a line, each line twice: repeats are dropped, the first 100 kept in order.
        let lines: Vec<String> = (0..150)
            .flat_map(|i| {
                let line = format!("By {} and {}", name(2 * i), name(2 * i + 1));
                [line.clone(), line]
            })
            .collect();
        let text = format!(
            "Budget passes after long night\n\n{}\n\n{}",
            lines.join("\n\n"),
            PARAS.join("\n\n")
        );
        let options = crate::Options {
            input: crate::InputFormat::Text,
            ..crate::Options::default()
        };
        let article = crate::extract(text.as_bytes(), &options).expect("extracts");
        let got: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        let want: Vec<String> = (0..authors::MAX_AUTHORS).map(name).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn bylines_add_to_json_ld_authors_up_to_the_cap() {
        let bylines: Vec<String> = (0..150)
            .map(|i| format!("<p class=\"byline\">By {}</p>", name(i)))
            .collect();
        let bylines = bylines.concat();
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Budget\",\"author\":{{\"@type\":\"Person\",\"name\":\"{}\"}}}}</script></head><body><article><h1>Budget</h1>{bylines}<p>{}</p><p>{}</p><p>{}</p></article></body></html>",
            name(5),
            PARAS[0],
            PARAS[1],
            PARAS[2]
        );
        let article =
            crate::extract(html.as_bytes(), &crate::Options::default()).expect("extracts");
        let got: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        // The JSON-LD person first, then the bylines' people it did not name.
        let want: Vec<String> = std::iter::once(5)
            .chain((0..150).filter(|&i| i != 5))
            .take(authors::MAX_AUTHORS)
            .map(name)
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            article.provenance.get("authors").map(String::as_str),
            Some("json-ld")
        );
    }

    #[test]
    fn same_person_compares_first_and_last_words() {
        let check = |a: &str, b: &str| same_person((a, &Ends::of(a)), (b, &Ends::of(b)));
        assert!(check("Jane Roe", "JANE ROE"));
        assert!(check("Jane Q. Roe", "jane roe"));
        assert!(check("Élodie Roe", "élodie Roe"));
        assert!(!check("Jane Roe", "John Roe"));
        assert!(!check("Roe", "Jane Roe"));
    }

    #[test]
    fn site_names_come_off_titles() {
        assert_eq!(
            strip_site_name("Budget passes after long night | The Daily Planet", None),
            "Budget passes after long night"
        );
        assert_eq!(
            strip_site_name(
                "Daily Planet - Budget passes after a long night",
                Some("Daily Planet")
            ),
            "Budget passes after a long night"
        );
        assert_eq!(strip_site_name("Q&A - Jobs", None), "Q&A - Jobs");
        assert_eq!(
            strip_site_name("Opinion | Republicans are following him nowhere", None),
            "Republicans are following him nowhere"
        );
        assert_eq!(
            strip_site_name("Budget passes - the mayor is pleased", None),
            "Budget passes - the mayor is pleased",
            "a dash inside a headline is not a site suffix"
        );
    }

    #[test]
    fn similar_headlines() {
        assert!(similar(
            "Budget passes after long night",
            "Budget passes after long night!"
        ));
        assert!(!similar(
            "Budget passes",
            "Weather turns cold across the region"
        ));
    }

    #[test]
    fn names_that_are_not_people() {
        assert!(plausible_name("Jane Roe"));
        assert!(!plausible_name("https://example.com/jane"));
        assert!(!plausible_name("Reuters"));
        assert!(!plausible_name("November 3, 2024"));
    }
}
