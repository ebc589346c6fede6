//! Language cues shared by `classify` and `fields`: the words that mark a line as a byline,
//! a dateline, a share bar, an ad slot, a comments heading... in several languages.
//!
//! Lists hold generic words of the trade in English, German, French, Spanish, Portuguese,
//! Italian, Dutch and Russian (plus a few others met in the wild), never a site's name.

use std::sync::LazyLock;

// Fixed tables of cue words, looked up but never grown from page text: no flood to resist.
use rustc_hash::FxHashSet as HashSet;

use crate::block::Label;
use crate::fields::dates;
use aho_corasick::AhoCorasick;

/// What a line's wording says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// "By Jane Doe", "Von ...", "Par ...", "Por ...".
    Byline,
    /// "Published 3 May 2024", "Updated: ...", or a line that is mostly a date.
    Dateline,
    /// "Credit", "Photo:" standing alone before a credit.
    CreditLabel,
    /// "Share", "Tweet", "Facebook"...
    Share,
    /// "Sign up for our newsletter".
    Newsletter,
    /// "Advertisement".
    Ad,
    /// "© 2024 ...", "All rights reserved", cookie notices.
    Legal,
    /// "Comments", "Leave a reply".
    Comments,
    /// "Related", "Read more", "Most popular".
    RelatedHeading,
    /// "Read more: Other headline", an inline teaser inside the text.
    Teaser,
    /// "Sources", "References": the heading of a list of the works a story cites.
    Sources,
    /// "5 min read", "Tempo de leitura: 2 minutos".
    ReadingTime,
    /// "Tags: a, b, c", a topic list.
    Tags,
    /// "Image caption: ...", "Caption: ...", or a sentence dated like a wire photo caption.
    Caption,
    /// What stands in for a missing widget: "This slideshow requires JavaScript.", "Media
    /// playback is unsupported on your device", or a shortcode the CMS failed to render.
    Notice,
}

impl Cue {
    /// Whether the cue usually marks the end of the article text.
    pub fn ends_article(self) -> bool {
        matches!(
            self,
            Cue::Legal | Cue::Comments | Cue::RelatedHeading | Cue::Tags | Cue::Sources
        )
    }

    /// The label a block with this cue gets.
    pub fn label(self) -> Label {
        match self {
            Cue::Byline => Label::Byline,
            Cue::Dateline => Label::Dateline,
            Cue::CreditLabel => Label::Credit,
            Cue::Share => Label::Share,
            Cue::Newsletter => Label::Newsletter,
            Cue::Ad => Label::Ad,
            Cue::Legal => Label::Legal,
            Cue::Comments => Label::Comment,
            Cue::RelatedHeading | Cue::Teaser => Label::Related,
            Cue::ReadingTime | Cue::Notice | Cue::Sources => Label::Other,
            Cue::Tags => Label::Nav,
            Cue::Caption => Label::Caption,
        }
    }
}

/// Words that open a byline, followed by the author's name.
pub const BY_WORDS: &[&str] = &[
    "by",
    "written by",
    "words by",
    "reporting by",
    "story by",
    "von",
    "text von",
    "par",
    "por",
    "di",
    "door",
    "от",
    "автор",
    "autor",
    "autora",
    "auteur",
    "texto",
    "text",
    "redacción",
    "redação",
    "a cura di",
    "av",
];

const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "first published",
    "modified",
    "publicado",
    "publicada",
    "atualizado",
    "atualizada",
    "actualizado",
    "veröffentlicht",
    "aktualisiert",
    "stand",
    "publié",
    "publiée",
    "mis à jour",
    "pubblicato",
    "aggiornato",
    "gepubliceerd",
    "bijgewerkt",
    "опубликовано",
    "обновлено",
    "дата публикации",
    "posted on",
    "published on",
    "updated on",
    "date",
    "datum",
    "data",
    "fecha",
    "기사입력",
];

const SHARE: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "print",
    "whatsapp",
    "pinterest",
    "linkedin",
    "reddit",
    "telegram",
    "flipboard",
    "pocket",
    "messenger",
    "mix",
    "copy link",
    "copy",
    "sms",
    "sharing is caring",
    "shares",
    "compartilhe",
    "compartilhar",
    "compartir",
    "teilen",
    "drucken",
    "partager",
    "imprimer",
    "condividi",
    "stampa",
    "поделиться",
    "delen",
    "mail",
    "tumblr",
    "vk",
    "line",
    "share all sharing options",
    "like this",
    "like",
    "comment",
    "save",
    "gift article",
    "follow",
    "follow us",
    "cetak",
    "surat elektronik",
    "lagi",
];

const ADS: &[&str] = &[
    "advert",
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "publicidade",
    "publicidad",
    "anzeige",
    "werbung",
    "publicité",
    "pubblicità",
    "реклама",
    "advertentie",
    "iklan",
    "continue reading the main story",
    "story continues below advertisement",
    "article continues below",
    "continue reading below",
    "scroll to continue with content",
    "ad feedback",
    "skip advertisement",
    "sponsored links",
    "sponsored link",
    "スポンサードリンク",
    "スポンサーリンク",
    "広告",
    "광고",
    "广告",
    "advertorial",
];

const LEGAL: &[&str] = &[
    "all rights reserved",
    "todos os direitos reservados",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "tutti i diritti riservati",
    "все права защищены",
    "derechos reservados",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "cookie policy",
    "we use cookies",
    "uses cookies",
    "무단전재",
    "禁止转载",
    "無断転載",
    "akismet to reduce spam",
    "subject to copyright",
    "no part may be reproduced",
    "registered trademark",
    "for informational purposes only",
    "not intended to diagnose",
    "not been evaluated by the food and drug administration",
    "política de privacidade",
    "datenschutz",
];

const COMMENTS: &[&str] = &[
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "post comment",
    "post a comment",
    "add a comment",
    "add comment",
    "join the conversation",
    "tell us what you think",
    "let us know what you think",
    "show comments",
    "view comments",
    "reader comments",
    "discussion",
    "comentários",
    "comentarios",
    "comente",
    "deixe seu comentário",
    "deixe um comentário",
    "deixe uma resposta",
    "deja una respuesta",
    "deja un comentario",
    "schreibe einen kommentar",
    "hinterlasse einen kommentar",
    "laisser une réponse",
    "lascia una risposta",
    "kommentare",
    "kommentar schreiben",
    "commentaires",
    "laisser un commentaire",
    "commenti",
    "lascia un commento",
    "комментарии",
    "отзывы",
    "добавить отзыв",
    "reacties",
    "reageer",
    "reply",
    "responder",
    "antworten",
    "répondre",
    "rispondi",
];

const RELATED: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "related topics",
    "related tags",
    "read more",
    "read next",
    "more from",
    "more on",
    "more in",
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "you may also like",
    "you might also like",
    "you may like",
    "recommended",
    "recommended for you",
    "trending",
    "trending now",
    "latest news",
    "latest",
    "the latest",
    "more stories",
    "more news",
    "also read",
    "see also",
    "next up",
    "up next",
    "what to read next",
    "editors' picks",
    "editor's picks",
    "don't miss",
    "leia também",
    "leia mais",
    "veja também",
    "mais lidas",
    "lesen sie auch",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "leggi anche",
    "potrebbe interessarti",
    "lee también",
    "te puede interesar",
    "noticias relacionadas",
    "artigos relacionados",
    "posts relacionados",
    "notícias relacionadas",
    "matérias relacionadas",
    "artículos relacionados",
    "entradas relacionadas",
    "articles similaires",
    "articles liés",
    "articoli correlati",
    "ähnliche artikel",
    "ähnliche beiträge",
    "читайте также",
    "самые популярные",
    "по теме",
    "lees ook",
    "meer nieuws",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "previous story",
    "next story",
    "tags",
    "topics",
    "filed under",
    "related roundup",
    "terkait",
    "popular",
    "top stories",
    "more great",
    "next up in",
    "você pode gostar",
    "veja também",
    "mais notícias",
    "outras notícias",
    "weitere artikel",
    "autres articles",
    "altri articoli",
    "otras noticias",
    "другие новости",
    "meer artikelen",
    "you may also be interested in",
    "you may be interested in",
    "you might be interested in",
    "関連記事",
    "関連",
    "おすすめ記事",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "관련기사",
    "관련 기사",
    "많이 본 뉴스",
    "more to explore",
    "around the web",
    "from the web",
    "promoted stories",
    "quick links",
];

/// Lower-cases a line and strips the punctuation around it, for matching against cue lists.
fn key(text: &str) -> String {
    let core = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '\'');
    // One pass: lower case, `’` and no-break spaces as spaces, each pair of spaces made one.
    let mut out = String::with_capacity(core.len());
    let mut pending_space = false;
    let mut push = |out: &mut String, c: char| {
        if c == ' ' {
            if pending_space {
                pending_space = false;
                return;
            }
            pending_space = true;
        } else {
            pending_space = false;
        }
        out.push(c);
    };
    for c in core.chars() {
        match c {
            '’' | '\u{a0}' => push(&mut out, ' '),
            c if c.is_ascii() => push(&mut out, c.to_ascii_lowercase()),
            c => {
                for l in c.to_lowercase() {
                    push(&mut out, l);
                }
            }
        }
    }
    out
}

/// "Image caption ...", "Caption: ...": a line that opens by naming itself a caption.
fn is_caption_label(k: &str) -> bool {
    // Two-word labels are followed by the caption itself; a bare "caption" needs its colon.
    const LABELS: [&str; 7] = [
        "image caption",
        "media caption",
        "photo caption",
        "file photo:",
        "caption:",
        "legenda:",
        "légende:",
    ];
    LABELS
        .iter()
        .any(|l| has_prefix(k, l) && (l.ends_with(':') || k[l.len()..].starts_with([' ', ':'])))
}

/// Whether a paragraph names two different legal terms: a site's disclaimer, which a story
/// that mentions one ("the company changed its privacy policy") rarely matches.
fn legal_terms(text: &str) -> bool {
    // Most long paragraphs name none: look before lower-casing a copy. Only plain ASCII with
    // single spaces reads the same before and after `key`.
    if text.is_ascii() && !text.contains("  ") && !sets().legal_raw.is_match(text) {
        return false;
    }
    let k = key(text);
    let mut found = sets().legal.find_iter(&k).map(|m| m.pattern());
    found.next().is_some_and(|first| found.any(|p| p != first))
}

/// "Media captionJulian Assange ...": a caption whose hidden label a browser's copy glued to it.
fn glued_caption_label(text: &str) -> bool {
    let t = text.trim_start();
    ["Media caption", "Image caption", "Photo caption"]
        .iter()
        .any(|l| {
            t.strip_prefix(l)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
        })
}

/// "[button link=...]Send us your review[/button]", "[automerge]1574096160[/automerge]": a
/// line opened by a shortcode or `BBCode` tag that the CMS printed instead of rendering.
fn is_shortcode(text: &str) -> bool {
    let t = text.trim();
    let Some(rest) = t.strip_prefix('[') else {
        return false;
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
        .count();
    let name = &rest[..name_len];
    // The closing tag, found without building it: "[/" + name + "]".
    name_len >= 2
        && rest[name_len..].starts_with([' ', ']'])
        && t.match_indices("[/").any(|(i, _)| {
            t[i + 2..]
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with(']'))
        })
}

/// What a page prints to the reader where a script or a player would be.
const NOTICES: &[&str] = &[
    "enable javascript",
    "javascript enabled",
    "requires javascript",
    "require javascript",
    "javascript is disabled",
    "javascript is turned off",
    "turn on javascript",
    "javascript must be enabled",
    "playback is unsupported",
    "playback isn't supported",
    "browser does not support",
    "browser doesn't support",
    "browser does not currently support",
];

/// "This slideshow requires JavaScript.", "Please enable JavaScript to view the comments",
/// "Media playback is unsupported on your device": what a page prints where a script or player
/// would be. One about comments opens them. The phrases address the reader, so that a
/// programming blog's "Why JavaScript needs types" stays a heading.
fn fallback_notice(k: &str) -> Option<Cue> {
    if !sets().notices.is_match(k) {
        return None;
    }
    Some(if k.contains("comment") {
        Cue::Comments
    } else {
        Cue::Notice
    })
}

/// What a newsletter sign-up box says: its pitch, its promise, its thanks, its errors.
const SIGNUP: &[&str] = &[
    "newsletter",
    "subscribe to our",
    "subscribe now",
    "subscribe today",
    "your inbox",
    "unsubscribe at any time",
    "unsubscribe anytime",
    "no spam",
    "thanks for signing up",
    "thank you for signing up",
    "thanks for subscribing",
    "thank you for subscribing",
    "opt-in box",
    "processing your subscription",
    "activate your subscription",
    "confirm your subscription",
];

/// "Stay up to date with Example", "Keep up to date", "You have been successfully subscribed!":
/// a sign-up box's heading or its confirmation, as a short line.
fn keep_up_or_subscribed(k: &str) -> bool {
    [
        "stay up to date",
        "keep up to date",
        "stay up-to-date",
        "keep up-to-date",
    ]
    .iter()
    .any(|p| k.starts_with(p))
        || ["you have", "you've", "you are", "you're"]
            .iter()
            .any(|p| k.starts_with(p))
            && k.contains("subscribed")
}

/// "12 issues for £11.99", "3 issues for $5": a magazine subscription offer.
fn subscription_offer(k: &str) -> bool {
    k.match_indices(" issues for ").any(|(i, p)| {
        k[..i].ends_with(|c: char| c.is_ascii_digit())
            && k[i + p.len()..].starts_with(|c: char| "£$€".contains(c) || c.is_ascii_digit())
    })
}

/// "A Lakers guard dunks against the Thunder on Tuesday, Nov. 19, 2019, in Los Angeles": a
/// sentence dated to the weekday, month, day and year, as wire photo captions are and stories
/// are not (they say "on Tuesday").
fn is_wire_caption(text: &str, words: usize) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    if !(10..=80).contains(&words) || !text.contains("day") {
        return false;
    }
    let number = |t: &str, digits: std::ops::RangeInclusive<usize>| {
        let t = t.trim_end_matches([',', '.', ')', ';']);
        digits.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    // The date follows some words: a line that opens with it is a dateline.
    tokens.windows(4).skip(2).any(|w| {
        WEEKDAYS.contains(&w[0].trim_end_matches(','))
            && dates::month(w[1]).is_some()
            && number(w[2], 1..=2)
            && number(w[3], 4..=4)
    })
}

/// `k.starts_with(w)`, with the first bytes compared inline: the cue lists are scanned for
/// every short line, and most entries differ from the line at its first byte.
#[inline]
fn has_prefix(k: &str, w: &str) -> bool {
    match (k.as_bytes().first(), w.as_bytes().first()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && k.starts_with(w),
        (None, Some(_)) => false,
    }
}

/// The cue lists as hash sets and automata, built once: a page has thousands of short lines.
struct Sets {
    comments: HashSet<&'static str>,
    share: HashSet<&'static str>,
    ads: HashSet<&'static str>,
    legal: AhoCorasick,
    reading: AhoCorasick,
    signup: AhoCorasick,
    notices: AhoCorasick,
    /// The legal terms matched in any ASCII case, on a line as it stands.
    legal_raw: AhoCorasick,
    related: ByFirst,
    date_words: ByFirst,
    by_words: ByFirst,
}

/// A cue list grouped by first byte (in list order within a group), so that a line is
/// compared only with the entries that start like it.
struct ByFirst(Vec<&'static str>);

impl ByFirst {
    fn new(list: &[&'static str]) -> Self {
        let mut words = list.to_vec();
        words.sort_by_key(|w| w.as_bytes().first().copied());
        Self(words)
    }

    /// The entries that start with `k`'s first byte (the lists hold no empty entry).
    fn starting(&self, k: &str) -> &[&'static str] {
        let first = k.as_bytes().first().copied();
        let lo = self
            .0
            .partition_point(|w| w.as_bytes().first().copied() < first);
        let hi = self
            .0
            .partition_point(|w| w.as_bytes().first().copied() <= first);
        &self.0[lo..hi]
    }
}

fn sets() -> &'static Sets {
    static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
        comments: COMMENTS.iter().copied().collect(),
        share: SHARE.iter().copied().collect(),
        ads: ADS.iter().copied().collect(),
        legal: AhoCorasick::new(LEGAL).expect("static patterns build"),
        reading: AhoCorasick::new(READING).expect("static patterns build"),
        signup: AhoCorasick::new(SIGNUP).expect("static patterns build"),
        notices: AhoCorasick::new(NOTICES).expect("static patterns build"),
        legal_raw: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LEGAL)
            .expect("static patterns build"),
        related: ByFirst::new(RELATED),
        date_words: ByFirst::new(DATE_WORDS),
        by_words: ByFirst::new(BY_WORDS),
    });
    &SETS
}

/// What a line's wording says it is, if anything.
#[must_use]
pub fn cue(text: &str) -> Option<Cue> {
    let words = text.split_whitespace().count();
    if words == 0 {
        return None;
    }
    if is_wire_caption(text, words) || glued_caption_label(text) {
        return Some(Cue::Caption);
    }
    if is_shortcode(text) {
        return Some(Cue::Notice);
    }
    if words > 40 {
        // Only legal text is recognised at this length: a copyright notice, or a paragraph
        // that names two different legal terms ("registered trademarks ... privacy policy").
        let t = text.trim_start();
        let head: String = t.chars().take(9).collect::<String>().to_lowercase();
        return (t.starts_with('©') || head == "copyright" || words <= 200 && legal_terms(text))
            .then_some(Cue::Legal);
    }
    let k = key(text);
    let k = k.as_str();
    if is_caption_label(k) {
        return Some(Cue::Caption);
    }
    if words <= 30 && is_teaser(k) {
        return Some(Cue::Teaser);
    }
    if words <= 6 && is_comment_author(text.trim_end(), k) {
        return Some(Cue::Comments);
    }
    if words <= 8 {
        let bare = k
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '(')
            .trim_end_matches([')', '+', ' ']);
        let counted = k.starts_with(|c: char| c.is_ascii_digit())
            && [
                " responses to",
                " replies to",
                " thoughts on",
                " comments on",
                " comentários em",
                " kommentare zu",
                " commentaires sur",
            ]
            .iter()
            .any(|p| k.contains(p));
        if sets().comments.contains(bare) || counted {
            return Some(Cue::Comments);
        }
        let follow = words <= 5
            && k.starts_with("follow ")
            && (k.ends_with(" on") || k.starts_with("follow us"));
        let share_prompt = k.contains("share")
            && ["share it", "share this", "share the story", "share with"]
                .iter()
                .any(|p| k.contains(p));
        if sets().share.contains(k)
            || share_row(k)
            || words <= 6 && k.starts_with("share ")
            || follow
            || share_prompt
        {
            return Some(Cue::Share);
        }
        if sets().ads.contains(k) {
            return Some(Cue::Ad);
        }
        if sets().related.starting(k).iter().any(|r| {
            has_prefix(k, r)
                && (k.len() == r.len() || words <= 6 && k[r.len()..].starts_with([' ', ':']))
        }) {
            return Some(Cue::RelatedHeading);
        }
        if more_section(text) {
            return Some(Cue::RelatedHeading);
        }
        if SOURCES.contains(&k) {
            return Some(Cue::Sources);
        }
        if matches!(
            k,
            "credit"
                | "credits"
                | "photo"
                | "foto"
                | "image"
                | "image credit"
                | "photo credit"
                | "bild"
                | "фото"
        ) {
            return Some(Cue::CreditLabel);
        }
    }
    if words <= 20 && k.starts_with("follow ") && social_networks(k) >= 2 {
        return Some(Cue::Share);
    }
    if words <= 40
        && k.contains(':')
        && TAGS
            .iter()
            .any(|t| has_prefix(k, t) && k[t.len()..].trim_start().starts_with(':'))
    {
        return Some(Cue::Tags);
    }
    if words <= 8 && sets().reading.is_match(k) {
        return Some(Cue::ReadingTime);
    }
    if words <= 16
        && let Some(cue) = fallback_notice(k)
    {
        return Some(cue);
    }
    if words <= 40 && sets().legal.is_match(k)
        || text.trim_start().starts_with('©')
        || k.starts_with("copyright")
    {
        return Some(Cue::Legal);
    }
    if words <= 30
        && (k.starts_with("subscribe")
            || k.starts_with("sign up")
            || k.starts_with("get breaking")
            || sets().signup.is_match(k)
            || words <= 8 && keep_up_or_subscribed(k)
            || subscription_offer(k))
    {
        return Some(Cue::Newsletter);
    }
    if words <= 30 && is_byline(text) {
        return Some(Cue::Byline);
    }
    if words <= 16 && is_dateline(text, k) {
        return Some(Cue::Dateline);
    }
    None
}

/// "More Sports", "More From CNN", "More Washington Examiner": a section's or an outlet's name
/// under "More", in title case, heads a list of other stories.
fn more_section(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("More ") else {
        return false;
    };
    let mut words = rest.split_whitespace();
    (1..=3).contains(&words.clone().count())
        && words.all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// Headings of a list of cited works, which a fact check or an explainer prints below the
/// story.
const SOURCES: &[&str] = &[
    "sources",
    "our sources",
    "sources and references",
    "references",
    "bibliography",
    "footnotes",
    "quellen",
    "quellenangaben",
    "fontes",
    "fuentes",
    "références",
    "fonti",
    "bronnen",
    "источники",
];

/// Social networks that pages link to by name.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "tiktok",
    "linkedin",
    "pinterest",
    "threads",
    "bluesky",
    "whatsapp",
    "telegram",
];

/// How many social networks a line names ("Follow us on Facebook, X and Instagram").
fn social_networks(k: &str) -> usize {
    NETWORKS.iter().filter(|n| k.contains(*n)).count()
}

/// "Facebook Twitter Google+ Whatsapp": a row of share buttons copied as one line, every word
/// a network or a share word.
fn share_row(k: &str) -> bool {
    let mut n = 0;
    k.split([' ', '|', '·', '/', ','])
        .map(|w| w.trim_end_matches('+'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            n += 1;
            sets().share.contains(w) || NETWORKS.contains(&w) || w == "google"
        })
        && n >= 2
}

const TAGS: &[&str] = &[
    "tags",
    "tag",
    "tagged",
    "filed under",
    "subjects",
    "topics",
    "keywords",
    "etiquetas",
    "etiquetas relacionadas",
    "schlagwörter",
    "schlagworte",
    "mots-clés",
    "mots clés",
    "parole chiave",
    "тэги",
    "теги",
    "trefwoorden",
    "タグ",
    "标签",
    "태그",
];

const READING: &[&str] = &[
    "min read",
    "minute read",
    "minutes read",
    "mins read",
    "reading time",
    "read time",
    "tempo de leitura",
    "lesezeit",
    "temps de lecture",
    "tiempo de lectura",
    "minuti di lettura",
    "tempo di lettura",
    "время чтения",
    "leestijd",
    "min de leitura",
    "min. lesezeit",
];

/// "Related: Other headline", "Read more: ...", "[See also: ...]": a link to another story set in the text.
fn is_teaser(k: &str) -> bool {
    const OPENERS: &[&str] = &[
        "related",
        "read more",
        "read also",
        "also read",
        "see also",
        "more",
        "also on",
        "on",
        "related post",
        "related article",
        "related story",
        "recommended",
        "watch",
        "listen",
        "leia também",
        "leia mais",
        "veja também",
        "veja mais",
        "lesen sie auch",
        "mehr dazu",
        "mehr zum thema",
        "lire aussi",
        "à lire aussi",
        "voir aussi",
        "leggi anche",
        "lee también",
        "ver también",
        "читайте также",
        "смотрите также",
        "lees ook",
        "baca juga",
    ];
    let k = k.trim_start_matches(['[', '(', ' ']);
    OPENERS.iter().any(|o| {
        has_prefix(k, o) && {
            let rest = &k[o.len()..];
            // "Read more: …", a short linking word before the colon ("Leggi anche su: …"), or
            // the site's address ("Also on example.com …").
            // "example.com": a name, a dot and a top-level domain of letters.
            let site = |w: &str| {
                w.rsplit_once('.').is_some_and(|(name, tld)| {
                    !name.is_empty()
                        && tld.len() >= 2
                        && tld.bytes().all(|b| b.is_ascii_lowercase())
                })
            };
            let headline = rest.strip_prefix(':').or_else(|| {
                let (word, tail) = rest.strip_prefix(' ')?.split_once(' ')?;
                let on = matches!(*o, "on" | "also on");
                if let Some(linker) = word.strip_suffix(':') {
                    let short = linker.chars().count() <= 4;
                    return (short && *o != "on" || on && site(linker)).then_some(tail);
                }
                (on && site(word)).then_some(tail)
            });
            headline.is_some_and(|h| h.len() > 2)
        }
    })
}

/// "Jane says:", the line that opens a reader's comment, in several languages.
fn is_comment_author(text: &str, k: &str) -> bool {
    const SAYS: &[&str] = &[
        " says",
        " said",
        " wrote",
        " disse",
        " dice",
        " dijo",
        " schreibt",
        " sagt",
        " écrit",
        " a dit",
        " scrive",
        " пишет",
        " schreef",
        " zegt",
        " commented",
        " replied",
    ];
    let bare = k.trim_end_matches([':', ' ']);
    text.ends_with(':') && SAYS.iter().any(|s| bare.ends_with(s))
}

/// The text after a byline's opening word ("By"), if the line is a byline.
#[must_use]
pub fn byline_names(text: &str) -> Option<&str> {
    let t = text.trim();
    let lower = t.to_lowercase();
    for by in sets().by_words.starting(&lower) {
        if has_prefix(&lower, by) {
            // Lower-casing can change a letter's length ("D\u{130}" is "di\u{307}"): the
            // opener's length then does not fall on the line's letters, so it is not this one.
            let Some(after) = t.get(by.len()..) else {
                continue;
            };
            let rest = after.strip_prefix(':').unwrap_or(after);
            if !rest.starts_with(char::is_whitespace) && !after.starts_with(':') {
                continue;
            }
            let rest = rest.trim_start();
            let first = rest.chars().next()?;
            // Names are capitalised; "by the way" is not a byline.
            let opener_upper = t.starts_with(char::is_uppercase) || lower.starts_with("written");
            if first.is_uppercase() && opener_upper {
                return Some(rest);
            }
        }
    }
    None
}

fn is_byline(text: &str) -> bool {
    byline_names(text).is_some_and(|rest| {
        let f = crate::block::Features::of(before_date(rest));
        f.words <= 14 && (f.title_case >= 0.5 || f.all_caps) && !(f.sentence_end && f.sentences > 1)
    })
}

/// The names of "Al Root Updated Nov. 19, 2019 8:21 am ET": the text before a date and the
/// words that announce it.
fn before_date(rest: &str) -> &str {
    let Some(found) = dates::find(rest) else {
        return rest;
    };
    let mut head = rest[..found.span.0].trim_end();
    loop {
        head = head.trim_end_matches(|c: char| !c.is_alphanumeric());
        let Some((before, last)) = head.rsplit_once(char::is_whitespace) else {
            return head;
        };
        let last = last.to_lowercase();
        if !(DATE_WORDS.contains(&last.as_str()) || last == "on") {
            return head;
        }
        head = before;
    }
}

/// "13 hours ago", "vor 2 Stunden", "há 3 dias": a relative time stamp.
fn is_relative_time(k: &str) -> bool {
    const UNITS: &[&str] = &[
        "second",
        "minute",
        "min",
        "hour",
        "hr",
        "day",
        "week",
        "month",
        "year",
        "segundo",
        "minuto",
        "hora",
        "dia",
        "día",
        "semana",
        "mes",
        "mês",
        "ano",
        "año",
        "sekunde",
        "minute",
        "stunde",
        "tag",
        "woche",
        "monat",
        "jahr",
        "seconde",
        "heure",
        "jour",
        "mois",
        "an",
        "secondo",
        "ora",
        "ore",
        "giorno",
        "giorni",
        "settimana",
        "mese",
        "anno",
        "секунд",
        "минут",
        "час",
        "день",
        "дня",
        "дней",
        "недел",
        "месяц",
        "год",
        "лет",
        "uur",
        "dag",
        "week",
        "maand",
        "jaar",
    ];
    const AGO: &[&str] = &[
        "ago",
        "há",
        "hace",
        "vor",
        "il y a",
        "fa",
        "назад",
        "geleden",
    ];
    if !k.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = k.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && words.iter().any(|w| UNITS.iter().any(|u| w.starts_with(u)))
        && AGO.iter().any(|a| k.starts_with(a) || k.ends_with(a))
}

fn is_dateline(text: &str, k: &str) -> bool {
    if is_relative_time(k) {
        return true;
    }
    // "16 hours ago on iOS Blog", "2 hours ago | Politics": the time, then where it ran.
    if k.bytes().any(|b| b.is_ascii_digit())
        && let Some(at) = k.find(" ago ")
    {
        let (head, tail) = k.split_at(at + 4);
        let place = [" on ", " in ", " | ", " · "]
            .iter()
            .any(|p| tail.starts_with(p));
        if place && tail.split_whitespace().count() <= 5 && is_relative_time(head) {
            return true;
        }
    }
    if text.starts_with(['—', '–']) {
        return false; // "— Name (@handle) May 3, 2024" signs an embedded post.
    }
    if sets()
        .date_words
        .starting(k)
        .iter()
        .any(|w| has_prefix(k, w) && (k.len() == w.len() || k[w.len()..].starts_with([' ', ':'])))
    {
        return true;
    }
    let Some(found) = dates::find(text) else {
        return false;
    };
    // Mostly a date: few words left once the date is taken out.
    let rest = format!("{} {}", &text[..found.span.0], &text[found.span.1..]);
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        <= 6
}

/// Strips a trailing or leading video marker ("... Video", "VIDEO: ..."), giving the title.
#[must_use]
pub fn video_marker(text: &str) -> Option<&str> {
    const MARKS: &[&str] = &[
        "Video",
        "VIDEO",
        "Vídeo",
        "VÍDEO",
        "Vidéo",
        "Видео",
        "ВИДЕО",
        "Watch",
        "WATCH",
    ];
    let t = text.trim();
    for m in MARKS {
        if let Some(rest) = t.strip_suffix(m)
            && rest.ends_with(' ')
        {
            return Some(rest.trim_end());
        }
        if let Some(rest) = t.strip_prefix(m)
            && rest.starts_with(':')
        {
            return Some(rest[1..].trim_start());
        }
    }
    None
}

/// Whether a paragraph reads as an author's bio: "Jane Roe is a reporter...", in several languages.
#[must_use]
pub fn is_bio(text: &str) -> bool {
    const JOBS: &[&str] = &[
        "writer",
        "reporter",
        "journalist",
        "editor",
        "correspondent",
        "columnist",
        "contributor",
        "author",
        "freelance",
        "producer",
        "photographer",
        "jornalista",
        "repórter",
        "redator",
        "periodista",
        "redactor",
        "journaliste",
        "rédacteur",
        "rédactrice",
        "giornalista",
        "redattore",
        "journalistin",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "autor",
        "autorin",
        "verslaggever",
        "redacteur",
        "журналист",
        "корреспондент",
        "редактор",
        "обозреватель",
    ];
    const IS: &[&str] = &[
        " is ",
        " was ",
        " é ",
        " es ",
        " est ",
        " è ",
        " ist ",
        " war ",
        " is een ",
        " — ",
        " – ",
        " является ",
    ];
    let names = text
        .split_whitespace()
        .take(2)
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    if names != 2 {
        return false;
    }
    let head: String = text.chars().take(160).collect::<String>().to_lowercase();
    // The verb follows the name: "Jane Roe is a reporter", "Ana Lima é jornalista".
    let lead = format!(
        " {} ",
        head.split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut words = head.split(|c: char| !c.is_alphanumeric());
    IS.iter().any(|i| lead.contains(i)) && words.any(|w| JOBS.contains(&w))
}

/// Finds an email address in the text.
#[must_use]
pub fn email(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find(|w| {
            w.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty()
                    && host.contains('.')
                    && !host.starts_with('.')
                    && host
                        .chars()
                        .all(|c| c.is_alphanumeric() || "-.".contains(c))
            })
        })
}

/// Whether the text holds an email address.
#[must_use]
pub fn has_email(text: &str) -> bool {
    email(text).is_some()
}

/// Finds social handles ("@name") in the text.
#[must_use]
pub fn handles(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| {
            w.starts_with('@')
                && w.len() > 2
                && w[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .collect()
}

/// Whether the text holds a social handle.
#[must_use]
pub fn has_handle(text: &str) -> bool {
    !handles(text).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_in_several_languages() {
        for line in [
            "By Anders Hagstrom Fox News",
            "Von Anna Schmidt",
            "Par Jean Dupont",
            "Por María López",
            "Di Mario Rossi",
            "Door Jan de Vries",
            "От Ивана Петрова",
            "By BILL HOPPE | Special to the Pioneer Press",
            // The name, then when: the date does not count against the name's length.
            "By Jane Roe Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
            "By City Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
        ] {
            assert_eq!(cue(line), Some(Cue::Byline), "{line}");
        }
        assert_eq!(
            cue("By the way, nobody came to the meeting that day."),
            None
        );
        assert_eq!(
            cue(
                "By Tuesday the council had agreed on the budget for March 3, 2024 after long talks"
            ),
            None
        );
        assert_eq!(
            byline_names("By Jane Roe and John Doe"),
            Some("Jane Roe and John Doe")
        );
        // Leading white space wider than a byte is trimmed before the opener is matched.
        assert_eq!(byline_names("\u{2003}By:Jane Roe"), Some("Jane Roe"));
    }

    #[test]
    fn datelines_and_boilerplate() {
        assert_eq!(cue("Published"), Some(Cue::Dateline));
        assert_eq!(cue("13 hours ago"), Some(Cue::Dateline));
        assert_eq!(cue("16 hours ago on iOS Blog"), Some(Cue::Dateline));
        assert_eq!(cue("2 hours ago the bridge closed to all traffic"), None);
        assert_eq!(cue("vor 2 Stunden"), Some(Cue::Dateline));
        assert_eq!(cue("há 3 dias"), Some(Cue::Dateline));
        assert_eq!(cue("Veröffentlicht am 3. Mai 2024"), Some(Cue::Dateline));
        assert_eq!(
            cue("Chris Davies - Nov 19, 2019, 10:31 pm CST"),
            Some(Cue::Dateline)
        );
        assert_eq!(cue("ADVERTISEMENT"), Some(Cue::Ad));
        assert_eq!(cue("Share this:"), Some(Cue::Share));
        assert_eq!(cue("Follow RT on"), Some(Cue::Share));
        assert_eq!(
            cue("Like this story? Share it with a friend!"),
            Some(Cue::Share)
        );
        assert_eq!(cue("Leia também"), Some(Cue::RelatedHeading));
        assert_eq!(
            cue("[Related: Salesforce keynote: AI and protesters]"),
            Some(Cue::Teaser)
        );
        assert_eq!(
            cue("Read more: Alibaba poised to launch record listing"),
            Some(Cue::Teaser)
        );
        for line in [
            "(Leggi anche su: Il nuovo ponte apre a maggio –FOTO)",
            "Watch live: Senate votes on the budget",
            "Also on example.com Ministers threatened with arrest as purge widens",
        ] {
            assert_eq!(cue(line), Some(Cue::Teaser), "{line}");
        }
        assert_eq!(cue("Also on the agenda was the budget for schools."), None);
        assert_eq!(
            cue("On Example.com: Car sales plunge nearly 17 percent in August"),
            Some(Cue::Teaser)
        );
        assert_eq!(cue("On 3.5 million acres: the fires this summer"), None);
        assert_eq!(cue("On Monday: what the council decided"), None);
        assert_eq!(
            cue("FILE PHOTO: Traders work on the floor of the exchange in New York."),
            Some(Cue::Caption)
        );
        assert_eq!(cue("Tempo de leitura: 2 minutos"), Some(Cue::ReadingTime));
        assert_eq!(cue("5 Min Read"), Some(Cue::ReadingTime));
        assert_eq!(cue("タグ: ソフトウェア"), Some(Cue::Tags));
        assert_eq!(
            cue("Filed Under:Politics, Elections, Congress, Senate, Georgia, Democrats"),
            Some(Cue::Tags)
        );
        assert_eq!(cue("Subjects: Crime, Drugs, Immigration"), Some(Cue::Tags));
        assert_eq!(cue("関連記事"), Some(Cue::RelatedHeading));
        assert_eq!(cue("Sources:"), Some(Cue::Sources));
        assert_eq!(cue("Our Sources"), Some(Cue::Sources));
        assert_eq!(cue("Sources say the deal is close."), None);
        assert_eq!(cue("12 Comments"), Some(Cue::Comments));
        assert_eq!(cue("Facebook Twitter Google+ Whatsapp"), Some(Cue::Share));
        assert_eq!(cue("Facebook | Instagram | Telegram"), Some(Cue::Share));
        assert_eq!(cue("Facebook buys Instagram"), None);
        assert_eq!(
            cue("Image caption Scooter Braun has managed Justin Bieber"),
            Some(Cue::Caption)
        );
        assert_eq!(cue("Caption: The harbour at dawn"), Some(Cue::Caption));
        assert_eq!(
            cue("Media captionThe minister leaving Downing Street"),
            Some(Cue::Caption)
        );
        assert_eq!(cue("Image captioned by the archive"), None);
        assert_ne!(
            cue("Captions were added later to the film."),
            Some(Cue::Caption)
        );
        assert_eq!(
            cue(
                "Former Gov. Deval Patrick, left, speaks with a business owner during a campaign stop, Tuesday, Nov. 19, 2019, in Columbia, S.C."
            ),
            Some(Cue::Caption)
        );
        assert_eq!(
            cue(
                "In this Sunday, Nov. 10, 2019, photograph, a long row of unsold vehicles sits at a dealership."
            ),
            Some(Cue::Caption)
        );
        assert_ne!(
            cue("Updated 10:01 pm PST, Tuesday, November 19, 2019"),
            Some(Cue::Caption)
        );
        assert_ne!(
            cue("The council met on Tuesday and will vote again in May, officials said on Friday."),
            Some(Cue::Caption)
        );
        assert_eq!(cue("joetoronto says:"), Some(Cue::Comments));
        assert!(is_bio(
            "Meg James is a corporate media reporter for the Los Angeles Times."
        ));
        assert!(!is_bio(
            "Within Delhi, cuts must come from cleaner energy. “If one steps back and asks what is the largest contributor to pollution, it is coal,” he said."
        ));
        assert_eq!(
            cue("34 responses to “Lynn: we needed this”"),
            Some(Cue::Comments)
        );
        assert_eq!(cue("He says: no"), None);
        assert_eq!(cue("Отзывы"), Some(Cue::Comments));
        assert_eq!(cue("Artigos relacionados"), Some(Cue::RelatedHeading));
        assert_eq!(cue("Articoli correlati"), Some(Cue::RelatedHeading));
        assert_eq!(cue("Deixe uma resposta"), Some(Cue::Comments));
        assert_eq!(cue("Schreibe einen Kommentar"), Some(Cue::Comments));
        assert_eq!(cue("Tell us what YOU think..."), Some(Cue::Comments));
        assert_eq!(cue("More Washington Examiner"), Some(Cue::RelatedHeading));
        assert_eq!(cue("More From CNN"), Some(Cue::RelatedHeading));
        assert_ne!(
            cue("More "),
            Some(Cue::RelatedHeading),
            "a bare 'More' is a menu entry"
        );
        assert_eq!(cue("More questions than answers"), None);
        assert_eq!(
            cue("Follow the Daily Example on Instagram, Facebook, Twitter and YouTube."),
            Some(Cue::Share)
        );
        assert_eq!(
            cue("Follow the money: how the council paid for the bridge"),
            None
        );
        assert_eq!(
            cue("Like what you read? Subscribe to our print edition for the full story."),
            Some(Cue::Newsletter)
        );
        assert_eq!(
            cue("Let our headlines meet your inbox, delivered weekday mornings."),
            Some(Cue::Newsletter)
        );
        assert_eq!(
            cue("She checked her email inbox twice before the meeting."),
            None
        );
        assert_eq!(cue("Самые популярные статьи"), Some(Cue::RelatedHeading));
        assert_eq!(
            cue("This article is subject to copyright and may not be republished."),
            Some(Cue::Legal)
        );
        assert_eq!(
            cue("*These statements have not been evaluated by the Food and Drug Administration."),
            Some(Cue::Legal)
        );
        assert_eq!(
            cue("Roku is a registered trademark of Roku, Inc."),
            Some(Cue::Legal)
        );
        assert_eq!(
            cue("© 2019 Example Media. All rights reserved."),
            Some(Cue::Legal)
        );
        assert_eq!(cue("The mayor said the bridge would open next year."), None);
    }

    #[test]
    fn contacts_and_video_markers() {
        let bio = "Send tips to Anders.Hagstrom@Fox.com, or on Twitter: @Hagstrom_Anders.";
        assert_eq!(email(bio), Some("Anders.Hagstrom@Fox.com"));
        assert_eq!(handles(bio), ["@Hagstrom_Anders"]);
        assert_eq!(
            video_marker("Retired general warns of talks Video"),
            Some("Retired general warns of talks")
        );
        assert_eq!(video_marker("A video of the talks"), None);
    }

    #[test]
    fn notices_and_offers() {
        for line in [
            "This slideshow requires JavaScript.",
            "Media playback is unsupported on your device",
            "Your browser does not support the video tag.",
            "[button link=\"https://example.org/send/\" type=\"big\"] Send us your review[/button]",
            "[gallery]12[/gallery]",
        ] {
            assert_eq!(cue(line), Some(Cue::Notice), "{line}");
        }
        assert_eq!(
            cue("Please enable JavaScript to view the comments."),
            Some(Cue::Comments)
        );
        // A sentence about scripts, or brackets that are not a tag, stay text.
        assert_eq!(cue("JavaScript runs in every browser on the planet."), None);
        assert_eq!(cue("Why JavaScript needs a type system"), None);
        assert_eq!(cue("[Updated] The council met again [/]"), None);
        assert_eq!(cue("[a] Footnote text"), None);
        assert_eq!(
            cue("Get the magazine through your letterbox every month. 12 issues for £11.99."),
            Some(Cue::Newsletter)
        );
        assert_eq!(
            cue("The union said the 12 issues for talks included pay and hours."),
            None
        );
        assert_eq!(
            cue("The best in culture. Subscribe now for more from our critics."),
            Some(Cue::Newsletter)
        );
        for line in [
            "No spam, we promise. You can unsubscribe at any time.",
            "Thanks for signing up!",
            "Stay up to date with Example News.",
            "You have been successfully subscribed!",
            "There was an error processing your subscription.",
            "Get breaking science news and the latest updates on launches!",
        ] {
            assert_eq!(cue(line), Some(Cue::Newsletter), "{line}");
        }
        assert_eq!(
            cue("Readers who unsubscribed from the paper said the price rose too fast."),
            None
        );
        assert_eq!(
            cue("You are subscribed to a dozen channels you never watch, the survey found."),
            None
        );
    }

    #[test]
    fn long_disclaimers() {
        let disclaimer = "The content of this site is for informational purposes only and is not \
            intended to diagnose, treat or cure any condition. Always consult your doctor before \
            you start a new programme of exercise, and stop at once if you feel pain or faint. \
            Results vary with effort, diet and the point from which each reader starts.";
        assert_eq!(cue(disclaimer), Some(Cue::Legal));
        // A story that names one legal term in a long paragraph stays text.
        let story = "The company changed its privacy policy on Tuesday after regulators in three \
            countries said the old wording let it share what users typed with advertisers, and \
            it promised to delete the data it had kept since the spring. Critics said the change \
            came late and that the fines it faces would still be the largest yet.";
        assert_eq!(cue(story), None);
    }
}
