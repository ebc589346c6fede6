//! Authors from bylines ("By A, B and C Agency"), with bios and contacts from the author box.

use crate::Author;
use crate::cues;
use crate::fields::dates;

/// How many authors an article keeps, the first ones found (as many as JSON-LD is read for):
/// every new name is compared with those kept, so the cap bounds that work on hostile pages.
pub const MAX_AUTHORS: usize = 100;
/// How many profile links an author may have before the handles in bios are no longer added.
const MAX_SOCIAL: usize = 100;

/// News agencies and wire services: an affiliation, never a person.
const AGENCIES: &[&str] = &[
    "ap",
    "associated press",
    "the associated press",
    "reuters",
    "afp",
    "agence france-presse",
    "dpa",
    "efe",
    "ansa",
    "bloomberg",
    "upi",
    "pa",
    "press association",
    "tass",
    "ria novosti",
    "xinhua",
    "kyodo",
    "yonhap",
    "canadian press",
    "the canadian press",
    "aap",
    "anp",
    "belga",
    "apa",
    "sda",
    "agência brasil",
    "lusa",
    "europa press",
    "interfax",
    "cnn",
    "bbc",
    "nyt",
    "ians",
    "pti",
    "ani",
];

/// Words that stand where a name should, but name nobody.
const NOT_PEOPLE: &[&str] = &[
    "staff",
    "admin",
    "administrator",
    "editor",
    "editors",
    "editorial",
    "redação",
    "redacción",
    "redaktion",
    "rédaction",
    "redazione",
    "redactie",
    "редакция",
    "team",
    "desk",
    "newsroom",
    "staff writer",
    "web desk",
    "guest",
    "anonymous",
    "unknown",
    "email the author",
    "contributor",
];

/// Whether a name stands for a desk, a role or a credential rather than a person
/// ("Staff Reports", "Science X staff", "admin", "MS", "`PhD`").
#[must_use]
pub fn is_placeholder(name: &str) -> bool {
    const CREDENTIALS: &[&str] = &[
        "md", "ms", "rd", "rdn", "ld", "cde", "cscs", "phd", "mph", "rn", "msc", "ma", "ba", "bsc",
        "mba", "cpt", "lcsw", "np", "jd", "esq",
    ];
    const DESK_WORDS: &[&str] = &[
        "staff", "reports", "report", "team", "desk", "editors", "newsroom", "bureau", "wire",
    ];
    let lower = name.trim().trim_matches('.').to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    NOT_PEOPLE.contains(&lower.as_str())
        || CREDENTIALS.contains(&lower.replace('.', "").as_str())
        || words.len() > 1
            && (words.first().is_some_and(|w| DESK_WORDS.contains(w))
                || words.last().is_some_and(|w| DESK_WORDS.contains(w)))
}

/// Whether a name is a news agency.
#[must_use]
pub fn is_agency(name: &str) -> bool {
    AGENCIES.contains(&name.trim().to_lowercase().as_str())
}

/// Splits a byline into authors, each with the affiliation it names.
#[must_use]
pub fn from_byline(line: &str) -> Vec<Author> {
    let mut rest = cues::byline_names(line).unwrap_or(line);
    // "by Jane Roe" in an author element: lower-case, but still a byline.
    if rest.len() > 3 && rest.is_char_boundary(3) && rest[..3].eq_ignore_ascii_case("by ") {
        rest = rest[3..].trim_start();
    }
    // "Analysis by Jane Roe", "Text and photos by Jane Roe".
    if let Some(at) = rest
        .find(" by ")
        .filter(|&at| rest[..at].split_whitespace().count() <= 3)
    {
        rest = &rest[at + 4..];
    }
    // Stop at a date or a "Published/Updated" word run into the byline.
    let mut rest = match dates::find(rest) {
        Some(found) => &rest[..found.span.0],
        None => rest,
    };
    for stop in [
        " Updated",
        " Published",
        " Posted",
        " Atualizado",
        " Aktualisiert",
        " Mis à jour",
        " Aggiornato",
        " Publicado",
        " Publié",
        " Pubblicato",
        " Veröffentlicht",
        " publiziert",
        " veröffentlicht",
        " on ",
    ] {
        if let Some(at) = rest.find(stop) {
            rest = &rest[..at];
        }
    }
    let rest = rest
        .trim()
        .trim_end_matches([',', '-', '|', '–', '—', '·'])
        .trim();
    let mut parts = rest
        .split(['|', '—', '–', '·'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let names = parts.next().unwrap_or("");
    let mut affiliation = parts.next().map(clean_affiliation);
    let (names, tail_affiliation) = split_trailing_affiliation(names);
    if affiliation.is_none() {
        affiliation = tail_affiliation;
    }
    let mut authors = Vec::new();
    for piece in split_names(names) {
        let piece = piece
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if piece.is_empty() {
            continue;
        }
        if is_agency(piece) {
            if affiliation.is_none() {
                affiliation = Some(piece.to_owned());
            }
            continue;
        }
        let (name, own) = split_name(piece);
        if name.is_empty() || is_placeholder(&name) || !name.starts_with(char::is_uppercase) {
            continue;
        }
        authors.push(Author {
            name: normalize_case(&name),
            affiliation: own,
            ..Author::default()
        });
    }
    for author in &mut authors {
        if author.affiliation.is_none() {
            author.affiliation.clone_from(&affiliation);
        }
    }
    authors
}

fn clean_affiliation(text: &str) -> String {
    let t = text.trim();
    let t = ["Special to ", "for ", "For ", "of ", "from "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    t.trim().to_owned()
}

/// Peels ", Agency" or " for Outlet" off the end of a list of names.
fn split_trailing_affiliation(names: &str) -> (&str, Option<String>) {
    // ASCII folding keeps every byte where it was, so `at` indexes `names` itself; full
    // lowercasing can shorten a letter ("\u{212A}", the Kelvin sign, becomes "k").
    let lower = names.to_ascii_lowercase();
    for sep in [" for ", " for the ", " of the ", " special to "] {
        if let Some(at) = lower.rfind(sep) {
            return (
                &names[..at],
                Some(clean_affiliation(&names[at + sep.len()..])),
            );
        }
    }
    if let Some((head, tail)) = names.rsplit_once(", ")
        && (is_agency(tail)
            || tail.split_whitespace().count() >= 2
                && tail
                    .split_whitespace()
                    .any(|w| w.len() > 2 && w.chars().all(char::is_uppercase)))
    {
        return (head, Some(tail.trim().to_owned()));
    }
    (names, None)
}

fn split_names(names: &str) -> Vec<&str> {
    let mut out = vec![names];
    for sep in [
        ", and ", " and ", " & ", " und ", " et ", " e ", " y ", " и ", " en ", ", ",
    ] {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out
}

/// Splits "Anders Hagstrom Fox News" (or "Amy Roe/NJ Advance Media") into the name and the
/// outlet after it.
#[must_use]
pub fn split_name(piece: &str) -> (String, Option<String>) {
    if let Some((name, outlet)) = piece.split_once('/')
        && !name.trim().is_empty()
        && outlet.trim().starts_with(char::is_uppercase)
    {
        return (collapse_ws(name), Some(collapse_ws(outlet)));
    }
    let piece = without_glued_title(piece);
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.len() <= 3 {
        return (words.join(" "), None);
    }
    // A name is two words, or three with an initial or a particle in the middle.
    let middle = words[1];
    let take = if middle.ends_with('.') && middle.len() <= 3
        || [
            "de", "da", "van", "von", "del", "di", "la", "le", "bin", "al",
        ]
        .contains(&middle.to_lowercase().as_str())
    {
        3
    } else {
        2
    };
    let rest = words[take..].join(" ");
    let rest_capitalised = words[take..]
        .iter()
        .all(|w| w.starts_with(char::is_uppercase));
    if words.len() - take >= 2 && rest_capitalised || is_agency(&rest) {
        (words[..take].join(" "), Some(rest))
    } else {
        (words.join(" "), None)
    }
}

/// Cuts `Meg JamesStaff Writer` (a byline's name and title elements, copied as text without a
/// space between them) down to the name.
fn without_glued_title(piece: &str) -> &str {
    const TITLES: [&str; 9] = [
        "Staff",
        "Senior",
        "Reporter",
        "Writer",
        "Editor",
        "Correspondent",
        "Columnist",
        "Contributor",
        "Contributing",
    ];
    let mut prev = None;
    for (i, c) in piece.char_indices() {
        if prev.is_some_and(char::is_lowercase)
            && c.is_uppercase()
            && TITLES.iter().any(|t| piece[i..].starts_with(t))
        {
            return &piece[..i];
        }
        prev = Some(c);
    }
    piece
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Title-cases a name written in capitals ("BILL HOPPE" to "Bill Hoppe").
#[must_use]
pub fn normalize_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || !letters.iter().all(|c| c.is_uppercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Attaches a bio paragraph, and the email and handles in it, to the author it names.
pub fn attach_bio(authors: &mut Vec<Author>, bio: &str) {
    let index = authors.iter().position(|a| {
        let first = a.name.split_whitespace().next().unwrap_or("");
        let last = a.name.split_whitespace().last().unwrap_or("");
        bio.starts_with(&a.name) || bio.starts_with(first) && bio.contains(last)
    });
    let author = match index {
        Some(i) => &mut authors[i],
        None if authors.is_empty() => {
            let name: Vec<&str> = bio
                .split_whitespace()
                .take_while(|w| w.starts_with(char::is_uppercase))
                .take(3)
                .collect();
            if name.len() < 2
                || is_placeholder(&name.join(" "))
                || cues::byline_names(bio).is_some()
            {
                return;
            }
            authors.push(Author {
                name: name.join(" "),
                ..Author::default()
            });
            authors.last_mut().expect("just pushed")
        }
        None => return,
    };
    if author.bio.is_none() {
        author.bio = Some(bio.to_owned());
    }
    if author.email.is_none() {
        author.email = cues::email(bio).map(str::to_owned);
    }
    for handle in cues::handles(bio) {
        // Each handle is compared with those kept, so the cap keeps a bio of thousands of
        // handles (or thousands of bios) linear.
        if author.social.len() >= MAX_SOCIAL {
            break;
        }
        if !author.social.iter().any(|s| s == handle) {
            author.social.push(handle.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, Option<String>)> {
        from_byline(line)
            .into_iter()
            .map(|a| (a.name, a.affiliation))
            .collect()
    }

    #[test]
    fn splits_bylines() {
        assert_eq!(
            names("By Anders Hagstrom Fox News"),
            [("Anders Hagstrom".into(), Some("Fox News".into()))]
        );
        assert_eq!(
            names("By Jane Roe, John Doe and Ann Lee"),
            [
                ("Jane Roe".into(), None),
                ("John Doe".into(), None),
                ("Ann Lee".into(), None)
            ]
        );
        assert_eq!(
            names("By Meg JamesStaff Writer"),
            [("Meg James".into(), None)]
        );
        assert_eq!(names("By Ölaf ÅsenStaff"), [("Ölaf Åsen".into(), None)]);
        // The Kelvin sign lower-cases to one byte from three; the outlet is still cut where
        // " for " stands in the line itself.
        assert_eq!(
            names("By Jane \u{212A}ay for the Daily Star"),
            [("Jane \u{212A}ay".into(), Some("the Daily Star".into()))]
        );
        assert_eq!(
            names("By Mary Ann Smith"),
            [("Mary Ann Smith".into(), None)]
        );
        assert_eq!(
            names("By BILL HOPPE | Special to the Pioneer Press"),
            [("Bill Hoppe".into(), Some("the Pioneer Press".into()))]
        );
        assert_eq!(
            names("By Umair Irfan Updated Nov 13, 2019, 10:28am EST"),
            [("Umair Irfan".into(), None)]
        );
        assert_eq!(
            names("Von Anna Schmidt und Jörg Meier"),
            [("Anna Schmidt".into(), None), ("Jörg Meier".into(), None)]
        );
        assert_eq!(
            names("By Tom Hays, AP"),
            [("Tom Hays".into(), Some("AP".into()))]
        );
        assert!(names("By Staff").is_empty());
    }

    #[test]
    fn bio_gives_contacts() {
        let mut authors = from_byline("By Anders Hagstrom Fox News");
        attach_bio(
            &mut authors,
            "Anders Hagstrom is a reporter. Send tips to Anders.Hagstrom@Fox.com, or on Twitter: @Hagstrom_Anders.",
        );
        assert_eq!(authors[0].email.as_deref(), Some("Anders.Hagstrom@Fox.com"));
        assert_eq!(authors[0].social, ["@Hagstrom_Anders"]);
        assert!(
            authors[0]
                .bio
                .as_deref()
                .is_some_and(|b| b.starts_with("Anders Hagstrom is"))
        );
    }

    #[test]
    fn bio_handles_are_kept_once_each_up_to_the_cap() {
        let mut authors = from_byline("By Jane Roe");
        authors[0].social.push("@b".into());
        let handles: Vec<String> = (0..3000).map(|i| format!("@h{}", i % 1000)).collect();
        attach_bio(
            &mut authors,
            &format!("Jane Roe is a reporter: @b @h0 {}", handles.join(" ")),
        );
        let mut want = vec!["@b".to_owned()];
        want.extend((0..MAX_SOCIAL - 1).map(|i| format!("@h{i}")));
        assert_eq!(authors[0].social, want);
    }
}
