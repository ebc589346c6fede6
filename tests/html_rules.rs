//! One small hand-written page per HTML rule (`fixtures/html/rule-*.html`), with the behaviour
//! each pins spelled out. The snapshots in `fixtures.rs` lock the whole record; these say why.

use std::path::Path;

use copydesk_core::{Article, BodyKind, BoilerplateKind, Options, extract};

fn page(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/html")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture exists");
    extract(&bytes, &Options::default()).expect("fixture extracts")
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.body.iter().map(|b| b.text.as_str()).collect()
}

fn boilerplate(a: &Article, kind: BoilerplateKind) -> Vec<&str> {
    a.boilerplate
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn wrapper_names_do_not_hide_the_article() {
    let a = page("rule-wrapper-hints.html");
    let body = paragraphs(&a);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(body[0].starts_with("The harbour reopened"));
    assert!(body[2].starts_with("Fishermen said"));
    assert!(!a.text.contains("Bakery wins"), "the sidebar stays out");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour reopens after storm repairs")
    );
}

#[test]
fn teaser_cards_are_related_but_inline_links_keep_the_next_paragraph() {
    let a = page("rule-teaser-cards.html");
    let body = paragraphs(&a);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(
        body[1].starts_with("The longer hours"),
        "paragraph after the link kept"
    );
    assert!(
        !a.text.contains("City budget leaves room"),
        "the inline link is not body"
    );
    for card in ["Pool to close", "New cycle lane", "School choir"] {
        assert!(!a.text.contains(card), "{card} is a teaser");
        assert!(
            a.related.iter().any(|r| r.title.starts_with(card)),
            "{card} listed in related"
        );
    }
    assert_eq!(
        a.related.len(),
        3,
        "one teaser per card, blurbs not counted"
    );
    assert!(
        boilerplate(&a, BoilerplateKind::Related)
            .iter()
            .any(|t| t.starts_with("The indoor pool")),
        "card blurbs are labelled related"
    );
}

#[test]
fn embedded_posts_stay_and_empty_widgets_do_not_end_the_story() {
    let a = page("rule-embeds-and-widgets.html");
    assert!(
        a.body
            .iter()
            .any(|b| b.kind == BodyKind::Blockquote && b.text.contains("40 trains a day")),
        "the tweet is quoted in the body"
    );
    assert!(
        a.text.contains("Rail unions have called"),
        "paragraphs after the Trending widget are body"
    );
    assert!(!a.text.contains("Trending"));
}

#[test]
fn metadata_comes_from_every_source_with_provenance() {
    let a = page("rule-metadata-sources.html");
    assert_eq!(a.title.as_deref(), Some("Stadtrat beschließt neuen Radweg"));
    assert_eq!(a.authors.len(), 1);
    assert_eq!(a.authors[0].name, "Anna Schmidt");
    assert_eq!(
        a.authors[0].url.as_deref(),
        Some("https://stadtblatt.example/autoren/anna"),
        "the @id reference to her Person node is followed"
    );
    assert_eq!(a.publisher.as_deref(), Some("Stadtblatt"));
    assert_eq!(a.published.as_deref(), Some("2024-05-03T08:15:00+02:00"));
    assert_eq!(a.modified.as_deref(), Some("2024-05-03T10:00:00+02:00"));
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://stadtblatt.example/lokal/radweg")
    );
    assert_eq!(a.tags, ["Verkehr", "Stadtrat", "Radweg"]);
    assert_eq!(a.accessible_for_free, Some(false));
    assert_eq!(a.kicker.as_deref(), Some("Lokales"));
    let prov = |f: &str| a.provenance.get(f).map(String::as_str);
    assert_eq!(prov("title"), Some("heading"));
    assert_eq!(prov("authors"), Some("json-ld"));
    assert_eq!(prov("publisher"), Some("opengraph"));
    assert_eq!(prov("published"), Some("json-ld"));
    assert_eq!(prov("url"), Some("canonical"));
    assert_eq!(prov("language"), Some("html-lang"));
    assert_eq!(prov("tags"), Some("json-ld"));

    let photo = a
        .media
        .iter()
        .find(|m| m.alt.as_deref() == Some("Die Hauptstraße am Morgen"))
        .expect("the figure is read");
    assert_eq!(
        photo.url.as_deref(),
        Some("https://stadtblatt.example/lokal/bilder/radweg.jpg"),
        "data-src over the placeholder, resolved against <base>"
    );
    assert_eq!(photo.caption.as_deref(), Some("Die Hauptstraße am Morgen."));
    assert_eq!(photo.credit.as_deref(), Some("Max Weber/dpa"));
    let lead: Vec<_> = a.media.iter().filter(|m| m.lead).collect();
    assert_eq!(lead.len(), 1);
    assert_eq!(
        lead[0].url.as_deref(),
        Some("https://stadtblatt.example/img/radweg-gross.jpg"),
        "the declared picture is the lead"
    );
}

#[test]
fn list_articles_are_found_by_their_container_name() {
    let a = page("rule-list-article.html");
    assert_eq!(a.title.as_deref(), Some("Race calendar 2025"));
    let list = a
        .body
        .iter()
        .find(|b| b.kind == BodyKind::List)
        .expect("the calendar is the body");
    assert_eq!(list.items.as_ref().map(Vec::len), Some(5));
    assert!(
        !a.text.contains("moderators"),
        "the comment policy stays out"
    );
}

#[test]
fn author_elements_and_lower_case_bylines() {
    let a = page("rule-byline-element.html");
    let names: Vec<&str> = a.authors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Tom Baker"]);
    assert!(
        !a.media.iter().any(|m| m.lead),
        "a declared site logo is not a lead image"
    );
    assert_eq!(paragraphs(&a).len(), 2);
}

#[test]
fn figcaption_parts_labels_and_players() {
    let a = page("rule-media-parts.html");
    let m = &a.media;
    assert_eq!(m.len(), 4, "{m:?}");
    assert_eq!(m[0].caption.as_deref(), Some("The bridge at dawn."));
    assert_eq!(
        m[0].credit.as_deref(),
        Some("Jane Roe"),
        "<span class=credit> split off"
    );
    assert_eq!(
        m[0].url.as_deref(),
        Some("https://city.example/news/b.jpg"),
        "resolved against the canonical URL"
    );
    assert_eq!(
        m[1].credit.as_deref(),
        Some("Max Weber/dpa"),
        "'Photo:' label dropped"
    );
    assert_eq!(m[2].kind, copydesk_core::MediaKind::Video);
    assert_eq!(m[2].title.as_deref(), Some("Opening ceremony"));
    assert_eq!(m[3].kind, copydesk_core::MediaKind::Embed);
    assert_eq!(
        m[3].url.as_deref(),
        Some("https://www.youtube.com/embed/abc123")
    );
    assert_eq!(
        paragraphs(&a).len(),
        2,
        "captions and credits stay out of the body"
    );
}

#[test]
fn listings_and_error_pages_get_no_invented_body() {
    for name in ["rule-listing-page.html", "rule-error-page.html"] {
        let a = page(name);
        assert!(a.confidence < 0.3, "{name}: confidence {}", a.confidence);
        assert!(!a.warnings.is_empty(), "{name}: a warning says why");
        assert!(
            a.text.split_whitespace().count() < 30,
            "{name}: no body made up from teasers or chrome: {:?}",
            a.text
        );
    }
}
