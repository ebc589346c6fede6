//! One snapshot per fixture in `fixtures/`, after invariants that every extraction must meet.

use std::path::Path;

use copydesk_core::{Article, BodyKind, Options, extract};

/// Extracts a fixture, naming it by its path relative to the workspace.
fn run(path: &Path) -> Article {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let options = Options {
        path: Some(rel),
        ..Options::default()
    };
    extract(&bytes, &options).expect("fixture extracts")
}

/// What holds for every article, whatever the page.
fn check_invariants(article: &Article) {
    let joined: Vec<&str> = article.body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        article.text,
        joined.join("\n\n"),
        "text is the body blocks joined by blank lines"
    );
    assert!(
        (0.0..=1.0).contains(&article.confidence),
        "confidence in [0, 1]"
    );
    for block in &article.body {
        assert!(!block.text.trim().is_empty(), "no empty body block");
        assert_eq!(
            block.items.is_some(),
            block.kind == BodyKind::List,
            "items only on lists"
        );
    }
    for q in &article.quotes {
        let holder = match q.place {
            copydesk_core::QuotePlace::Body => Some(&article.text),
            copydesk_core::QuotePlace::Title => article.title.as_ref(),
            copydesk_core::QuotePlace::Subtitle => article.subtitle.as_ref(),
            copydesk_core::QuotePlace::Caption => q
                .media
                .and_then(|m| article.media.get(m))
                .and_then(|m| m.caption.as_ref()),
        };
        let holder = holder.expect("a quote's text exists");
        assert!(
            q.start <= q.end && holder.get(q.start..q.end).is_some(),
            "quote offsets {}..{} fall on characters of its text",
            q.start,
            q.end
        );
        assert_eq!(
            q.paragraph.is_some(),
            q.place == copydesk_core::QuotePlace::Body
        );
        if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) {
            assert_eq!(
                article.entities[e].name,
                q.speaker.as_ref().expect("speaker").name
            );
        }
    }
    for e in &article.entities {
        assert!(e.mentions >= 1 && !e.name.is_empty(), "entity {e:?}");
    }
    for date in [&article.published, &article.modified]
        .into_iter()
        .flatten()
    {
        assert!(
            date.len() >= 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
            "ISO 8601 date: {date}"
        );
    }
    if article.body.is_empty() {
        assert!(
            article
                .warnings
                .iter()
                .any(|w| w.contains("no article body")),
            "an empty body is explained"
        );
    }
    for media in &article.media {
        if let (Some(caption), Some(credit)) = (&media.caption, &media.credit) {
            let tail = caption.trim_end_matches([')', ']', '.', ' ']);
            assert!(
                !tail.ends_with(credit.as_str()),
                "credit split out of caption: {caption}"
            );
        }
    }
}

#[test]
fn text_fixtures() {
    insta::glob!("../fixtures", "text/*.txt", |path| {
        let article = run(path);
        check_invariants(&article);
        insta::assert_json_snapshot!(article);
    });
}

#[test]
fn html_fixtures() {
    insta::glob!("../fixtures", "html/*.htm*", |path| {
        let article = run(path);
        check_invariants(&article);
        insta::assert_json_snapshot!(article);
    });
}

/// The article that started the project comes out exactly as its issue spells out.
#[test]
fn seed_comes_out_exactly_right() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/text/foxnews-russia-us-brink.txt");
    let a = run(&root);
    assert_eq!(a.kicker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(
        a.title.as_deref(),
        Some(
            "Russia says US relations 'on the brink of a breakup,' won't confirm Trump-Putin talk"
        )
    );
    assert_eq!(
        a.subtitle.as_deref(),
        Some("The Kremlin says Ukraine must cede occupied territory and vow not to join NATO")
    );
    assert_eq!(a.authors.len(), 1);
    let author = &a.authors[0];
    assert_eq!(author.name, "Anders Hagstrom");
    assert_eq!(author.affiliation.as_deref(), Some("Fox News"));
    assert_eq!(a.publisher.as_deref(), Some("Fox News"));
    assert_eq!(a.published, None, "the Published line carries no date");
    assert!(
        author
            .bio
            .as_deref()
            .is_some_and(|b| b.starts_with("Anders Hagstrom is a reporter with Fox News Digital"))
    );
    assert_eq!(author.email.as_deref(), Some("Anders.Hagstrom@Fox.com"));
    assert_eq!(author.social, ["@Hagstrom_Anders"]);

    assert_eq!(a.body.len(), 13);
    assert!(a.body.iter().all(|b| b.kind == BodyKind::Paragraph));
    assert!(
        a.body[0]
            .text
            .starts_with("Russian President Vladimir Putin's regime suggested")
    );
    assert!(
        a.body[12]
            .text
            .starts_with("Zelenskyy apparently first floated")
    );
    for leak in [
        "Fox News senior strategic analyst",
        "ZELENSKYY WANTS",
        "trump-putin-split",
        "Getty Images",
        "Send tips",
    ] {
        assert!(!a.text.contains(leak), "{leak} leaked into the body");
    }

    let videos: Vec<_> = a
        .media
        .iter()
        .filter(|m| m.kind == copydesk_core::MediaKind::Video)
        .collect();
    assert_eq!(videos.len(), 1);
    assert_eq!(
        videos[0].title.as_deref(),
        Some("Retired general warns Trump's negotiations with Russia won't come easy")
    );
    assert!(
        videos[0]
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("Fox News senior strategic analyst General Jack Keane"))
    );

    let images: Vec<_> = a
        .media
        .iter()
        .filter(|m| m.kind == copydesk_core::MediaKind::Image)
        .collect();
    let triples: Vec<(Option<&str>, Option<&str>, Option<&str>)> = images
        .iter()
        .map(|m| (m.alt.as_deref(), m.caption.as_deref(), m.credit.as_deref()))
        .collect();
    assert_eq!(
        triples,
        [
            (
                Some("trump-putin-split"),
                Some(
                    "Russian President Vladimir Putin's regime says relations with the U.S. are on the \"brink\" of a breakup."
                ),
                Some(
                    "Left: Evan Vucci/AP / Right: Photo by VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images"
                ),
            ),
            (
                Some("Ukrainian President Volodymyr Zelenksyy"),
                Some(
                    "Volodymyr Zelenskyy President of Ukraine talks with media during a European Council Meeting."
                ),
                Some("Pier Marco Tacca/Getty Images"),
            ),
            (
                Some("Ukraine military tech"),
                Some(
                    "A view of destroyed armored vehicles and tanks belonging to Russian forces after they withdrew from the city of Lyman in the Donetsk region of Ukraine."
                ),
                Some("Metin Aktas/Anadolu Agency via Getty Images"),
            ),
        ]
    );
    let related: Vec<&str> = a.related.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        related,
        [
            "ZELENSKYY WANTS NUKES OR NATO; TRUMP SPECIAL ENVOY KELLOGG SAYS 'SLIM AND NONE' CHANCE",
            "TRUMP'S FOURTH WEEK IN OFFICE COULD INCLUDE MEETING WITH ZELENSKYY, IRONING OUT STEEL DEAL",
        ]
    );
}

/// Issue 4's done-when for the seed: the four full quotes and two partial ones with their
/// speakers, and the people, places and organisations it names, with aliases merged.
#[test]
fn seed_quotes_and_entities() {
    use copydesk_core::EntityKind::{Organization, Person, Place};
    use copydesk_core::QuoteKind::{Direct, Partial};
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/text/foxnews-russia-us-brink.txt");
    let a = run(&path);
    let said = |start: &str| {
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote starting {start:?}"));
        (q.kind, q.speaker.as_ref().map(|s| s.name.as_str()))
    };
    assert_eq!(
        said("We simply imperatively"),
        (Direct, Some("Sergei Ryabkov"))
    );
    assert_eq!(
        said("many more conversations"),
        (Direct, Some("Donald Trump"))
    );
    assert_eq!(said("I hate to see"), (Direct, Some("Donald Trump")));
    assert_eq!(
        said("If we are talking"),
        (Direct, Some("Volodymyr Zelenskyy"))
    );
    assert_eq!(said("do a deal"), (Partial, Some("Volodymyr Zelenskyy")));
    assert_eq!(said("guarantees"), (Partial, Some("Volodymyr Zelenskyy")));
    // The title's speaker carries a role; a show's name and a plan's are not speech.
    let ryabkov = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We simply"))
        .expect("quote");
    assert_eq!(
        ryabkov.speaker.as_ref().and_then(|s| s.role.as_deref()),
        Some("Russian Deputy Foreign Minister")
    );
    assert!(
        !a.quotes
            .iter()
            .any(|q| q.text.contains("Newsroom") || q.text == "victory plan")
    );
    // Offsets point at the quote in the article's text.
    for q in a
        .quotes
        .iter()
        .filter(|q| q.place == copydesk_core::QuotePlace::Body)
    {
        let inside = &a.text[q.start..q.end];
        assert!(
            q.kind == copydesk_core::QuoteKind::Indirect || inside == q.text,
            "{inside:?} != {:?}",
            q.text
        );
    }
    let entity = |name: &str| {
        a.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name:?}"))
    };
    for person in [
        "Vladimir Putin",
        "Donald Trump",
        "Sergei Ryabkov",
        "Volodymyr Zelenskyy",
        "JD Vance",
        "Jack Keane",
    ] {
        assert_eq!(entity(person).kind, Person, "{person}");
    }
    assert!(
        entity("Volodymyr Zelenskyy")
            .aliases
            .iter()
            .any(|a| a.contains("Zelenksyy"))
    );
    assert!(
        entity("Vladimir Putin")
            .aliases
            .contains(&"Putin".to_owned())
    );
    for place in ["Russia", "Ukraine", "Moscow", "Munich", "United States"] {
        assert_eq!(entity(place).kind, Place, "{place}");
    }
    assert!(entity("United States").aliases.contains(&"U.S.".to_owned()));
    for org in ["NATO", "Reuters", "Kremlin"] {
        assert_eq!(entity(org).kind, Organization, "{org}");
    }
}
