//! The block model where HTML and plain text meet: a flat sequence of blocks with features.
//!
//! `html` and `text` each produce a [`Blocks`]; `classify` labels them and everything after it
//! is shared between the two formats.

use serde::Serialize;

/// A document as a sequence of blocks, plus what the markup declared about it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Blocks {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Metadata the markup declared (empty for plain text).
    pub declared: Declared,
    /// The block-level elements the blocks sit in, parents before children (empty for text).
    pub nodes: Vec<Node>,
}

/// One element of the DOM that holds blocks: its parent and what its names hint at.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Node {
    /// Index of the parent in [`Blocks::nodes`]; the root is its own parent.
    pub parent: u32,
    /// The hint its tag, class, id or role gives.
    pub hint: Option<Hint>,
}

/// Metadata declared by markup, kept per source so `fields` can reconcile it and say where
/// each value came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Declared {
    /// The `<title>` element.
    pub title_tag: Option<String>,
    /// `<meta>` name/property/itemprop (lower case) and content, in document order.
    pub meta: Vec<(String, String)>,
    /// The article node of the page's JSON-LD.
    #[serde(skip)]
    pub jsonld: Option<crate::jsonld::LdArticle>,
    /// Microdata on visible elements: itemprop (lower case) and its value, in document order.
    pub microdata: Vec<(String, String)>,
    /// `datetime` of `<time>` elements, in document order.
    pub times: Vec<String>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `<base href>`.
    pub base: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
}

impl Declared {
    /// The first `<meta>` value under any of `keys` (lower case), in the order of `keys`.
    #[must_use]
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(key, v)| key == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every `<meta>` value under `key`, in document order.
    pub fn meta_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.meta
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first microdata value under `prop` (lower case).
    #[must_use]
    pub fn microdata(&self, prop: &str) -> Option<&str> {
        self.microdata
            .iter()
            .find(|(k, _)| k == prop)
            .map(|(_, v)| v.as_str())
    }
}

/// One block: a paragraph, a line, a heading, a list item, an image...
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// The block's text, whitespace collapsed.
    pub text: String,
    /// What structure the input gave the block.
    pub kind: BlockKind,
    /// Whether a blank line (text) or a block boundary between containers (HTML) precedes it.
    pub gap_before: bool,
    /// Features computed from the text alone.
    pub features: Features,
    /// What the markup says about the block (all empty for plain text).
    pub dom: Dom,
    /// What `classify` decided the block is.
    pub label: Label,
}

/// The structure a block had in its input.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A line of plain text.
    Line,
    /// A paragraph element.
    Paragraph,
    /// A heading element, with its level.
    Heading(u8),
    /// A list item.
    ListItem,
    /// A blockquote.
    Blockquote,
    /// A table row, cells separated by tabs.
    TableRow,
    /// Preformatted text.
    Preformatted,
    /// An image (its alt text is the block text).
    Image,
}

/// DOM features of a block (HTML only).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dom {
    /// Depth of the element in the tree.
    pub depth: u16,
    /// Share of the text that sits inside links (0 to 1).
    pub link_density: f32,
    /// Generic hints from class, id, role and tag names of the block's ancestors, outermost
    /// first; `classify` narrows them to the ancestors inside the article container.
    pub hints: Vec<Hint>,
    /// Index of the innermost element holding the block in [`Blocks::nodes`].
    pub node: u32,
    /// Whether the block sits inside `<article>` or `[itemprop=articleBody]`.
    pub in_article: bool,
    /// The link target, when the whole block is one link.
    pub href: Option<String>,
    /// Image or video source, for media blocks.
    pub src: Option<String>,
    /// For media blocks that are not still images: `video`, `audio` or `embed`.
    pub embed: Option<&'static str>,
}

/// Generic class/id/tag hints about what a container holds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Hint {
    /// Navigation, menus, breadcrumbs (`nav`, `menu`, `breadcrumb`).
    Nav,
    /// Page header or footer.
    Chrome,
    /// A sidebar (`aside`, `sidebar`, `widget`).
    Sidebar,
    /// Captions (`figcaption`, `caption`).
    Caption,
    /// Photo credits (`credit`, `copyright` on a figure).
    Credit,
    /// Bylines and author boxes (`byline`, `author`).
    Byline,
    /// Dates (`time`, `date`).
    Date,
    /// Related-article boxes (`related`, `recommended`, `more`).
    Related,
    /// Share and follow bars (`share`, `social`).
    Share,
    /// Newsletter sign-ups (`newsletter`, `subscribe`).
    Newsletter,
    /// Promotions (`promo`, `sponsor`).
    Promo,
    /// Ads (`ad`, `advert`, `dfp`).
    Ad,
    /// Reader comments (`comment`, `disqus`).
    Comment,
    /// Tags and topic lists (`tags`).
    Tags,
    /// Figures and media containers (`figure`).
    Figure,
    /// The article body container (`article-body`, `entry-content`, `itemprop=articleBody`).
    Body,
}

/// What a block is, as decided by `classify`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Not decided yet.
    #[default]
    Unknown,
    /// Part of the article body.
    Body,
    /// The topic tag above the headline.
    Kicker,
    /// The headline.
    Title,
    /// The dek.
    Subtitle,
    /// The byline.
    Byline,
    /// A date line.
    Dateline,
    /// An image or video caption.
    Caption,
    /// A photo credit.
    Credit,
    /// Alternative text of an image, printed as a line.
    Alt,
    /// A teaser for another article.
    Related,
    /// A promotion, such as a video card.
    Promo,
    /// The author's biography.
    Bio,
    /// Navigation.
    Nav,
    /// Advertising.
    Ad,
    /// Share and follow buttons.
    Share,
    /// Newsletter sign-up.
    Newsletter,
    /// Reader comments.
    Comment,
    /// Copyright, terms, cookie notices.
    Legal,
    /// Anything else outside the body.
    Other,
}

/// Text features of a block, the same for both formats.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Features {
    /// Characters in the text.
    pub chars: usize,
    /// Words; CJK text counts one word per two characters.
    pub words: usize,
    /// Whether the text ends like a sentence (., !, ?, 。, …, possibly inside closing quotes).
    pub sentence_end: bool,
    /// Sentence-ending marks followed by a space or the end.
    pub sentences: usize,
    /// Commas and similar in-sentence punctuation.
    pub commas: usize,
    /// Share of letters that are upper case.
    pub caps_ratio: f32,
    /// Written in capitals throughout (at least 6 letters).
    pub all_caps: bool,
    /// Share of words that start with a capital letter.
    pub title_case: f32,
    /// A single lower-case token joined by hyphens or underscores, like a file name or URL slug.
    pub slug: bool,
    /// Ends with a photo credit, like "(Jane Doe/AP)" or "Photo: Jane Doe".
    pub paren_credit: bool,
    /// Looks like a link or a URL.
    pub link_like: bool,
    /// Share of characters that are digits.
    pub digit_ratio: f32,
}

impl Features {
    /// Computes the features of one block's text.
    #[must_use]
    pub fn of(text: &str) -> Self {
        // One pass over the characters; ASCII, most of the web's text, skips the Unicode tables.
        let mut chars = 0usize;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut digits = 0usize;
        let mut cjk = 0usize;
        let mut commas = 0usize;
        let mut spaced_words = 0usize;
        let mut capitalised = 0usize;
        let mut alpha_words = 0usize;
        let mut in_word = false;
        let mut word_has_alnum = false;
        let mut sentences = 0usize;
        let mut word_start = 0usize;
        for (i, c) in text.char_indices() {
            chars += 1;
            let (alphabetic, alphanumeric, uppercase, whitespace) = if c.is_ascii() {
                (
                    c.is_ascii_alphabetic(),
                    c.is_ascii_alphanumeric(),
                    c.is_ascii_uppercase(),
                    c.is_ascii_whitespace(),
                )
            } else if ('\u{2010}'..='\u{2027}').contains(&c) {
                // Dashes, curly quotes, bullets and ellipses: punctuation, and common.
                (false, false, false, false)
            } else {
                let alphabetic = c.is_alphabetic();
                (
                    alphabetic,
                    alphabetic || c.is_numeric(),
                    c.is_uppercase(),
                    c.is_whitespace(),
                )
            };
            if whitespace {
                in_word = false;
                word_start = i + c.len_utf8();
                continue;
            }
            if !in_word {
                in_word = true;
                word_has_alnum = false;
                spaced_words += 1;
            }
            // A word's first letter or digit, past leading punctuation, decides its case.
            if !word_has_alnum && alphanumeric {
                word_has_alnum = true;
                if alphabetic {
                    alpha_words += 1;
                    capitalised += usize::from(uppercase);
                }
            }
            if alphabetic {
                letters += 1;
                upper += usize::from(uppercase);
                cjk += usize::from(!c.is_ascii() && is_cjk(c));
            } else if c.is_ascii_digit() {
                digits += 1;
            } else if matches!(c, ',' | ';' | '、' | '，' | '；' | '،') {
                commas += 1;
            } else if matches!(c, '。' | '！' | '？') {
                sentences += 1;
            } else if matches!(c, '.' | '!' | '?') {
                sentences += usize::from(ends_a_sentence(text, word_start, i, c));
            }
        }
        let words = if cjk * 2 > letters {
            spaced_words.max(cjk / 2)
        } else {
            spaced_words
        };
        let caps_ratio = if letters == 0 {
            0.0
        } else {
            upper as f32 / letters as f32
        };
        let cased = letters - cjk;
        Self {
            chars,
            words,
            sentence_end: ends_sentence(text),
            sentences,
            commas,
            caps_ratio,
            all_caps: cased >= 6 && upper * 20 >= cased * 19,
            title_case: if alpha_words == 0 {
                0.0
            } else {
                capitalised as f32 / alpha_words as f32
            },
            slug: is_slug(text),
            paren_credit: trailing_credit(text).is_some_and(|(caption, _)| !caption.is_empty()),
            link_like: is_link_like(text),
            digit_ratio: if chars == 0 {
                0.0
            } else {
                digits as f32 / chars as f32
            },
        }
    }
}

/// Whether a character belongs to a script written without spaces (CJK, kana, Thai).
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0x0e00..=0x0e7f | 0xf900..=0xfaff)
}

const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', ')', ']', '」', '』', '）', '*',
];

/// Whether text ends with sentence punctuation, looking through closing quotes and brackets.
#[must_use]
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', '؟', '।'])
}

/// Whether the `.`, `!` or `?` at byte `at`, in the word starting at `word_start`, ends a
/// sentence: followed by a space, a closing quote or the end, and not an abbreviation.
fn ends_a_sentence(text: &str, word_start: usize, at: usize, mark: char) -> bool {
    let next = text[at + 1..].chars().next();
    let ends = next.is_none_or(|n| n.is_whitespace() || CLOSERS.contains(&n));
    // "St. Paul", "U.S. forces", "Gov. Noem": a short capitalised word before a dot is an abbreviation.
    let word = &text[word_start..at];
    let abbreviation = mark == '.'
        && (word.contains('.')
            || word.chars().count() <= 3 && word.starts_with(char::is_uppercase) && next.is_some());
    ends && !abbreviation
}

fn is_slug(text: &str) -> bool {
    let t = text.trim();
    !t.contains(char::is_whitespace)
        && t.contains(['-', '_'])
        && t.len() >= 5
        && t.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn is_link_like(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || t.ends_with(['»', '›', '→'])
        || t.starts_with(['»', '›', '→'])
}

/// Words that open a credit ("Photo: X", "Foto X", "Credit X").
const CREDIT_OPENERS: &[&str] = &[
    "photo",
    "photos",
    "foto",
    "fotos",
    "image",
    "images",
    "imagen",
    "imagem",
    "bild",
    "credit",
    "crédit",
    "crédito",
    "credito",
    "фото",
    "illustration",
    "courtesy",
    "handout",
    "source",
    "quelle",
    "fuente",
    "fonte",
    "photograph",
    "picture",
    "file",
    "архив",
];

/// Agencies, picture desks and archive words that mark a credit wherever they stand.
const CREDIT_MARKS: &[&str] = &[
    "getty",
    "reuters",
    "afp",
    "ap",
    "epa",
    "dpa",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "pool",
    "ansa",
    "efe",
    "xinhua",
    "wikimedia",
    "flickr",
    "unsplash",
    "архив",
    "archivio",
    "arquivo",
    "divulgação",
    "reprodução",
    "agência",
    "fotógrafo",
    "photographer",
    "fotograf",
    "bloomberg",
    "afp/getty",
    "imago",
    "keystone",
    "anadolu",
    "sipa",
    "zuma",
    "tass",
    "ria",
];

/// Splits a trailing "(Photographer/Agency)" credit off a caption: returns (caption, credit).
#[must_use]
pub fn paren_credit(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let t = t.strip_suffix(')')?;
    let open = t.rfind('(')?;
    let inner = t[open + 1..].trim();
    let caption = t[..open].trim_end();
    if inner.is_empty() || inner.split_whitespace().count() > 24 {
        return None;
    }
    looks_like_credit(inner).then_some((caption, inner))
}

/// Labels that introduce a credit at the end of a caption, in several languages.
const CREDIT_LABELS: &[&str] = &[
    "Photo:",
    "Photos:",
    "Foto:",
    "Fotos:",
    "Credit:",
    "Credits:",
    "Crédit :",
    "Crédit:",
    "Crédito:",
    "Credito:",
    "Image:",
    "Image credit:",
    "Bild:",
    "Picture:",
    "Фото:",
    "Imagem:",
    "Photograph:",
    "Illustration:",
    "Source:",
    "Quelle:",
    "Fuente:",
    "Fonte:",
    "©",
];

/// Splits a caption's trailing credit off: "(Name/Agency)" or "Photo: Name". Returns (caption, credit).
#[must_use]
pub fn trailing_credit(text: &str) -> Option<(&str, &str)> {
    paren_credit(text)
        .or_else(|| labelled_credit(text))
        .or_else(|| slashed_credit(text))
}

/// "... on November 19, 2019. Jaafar Ashtiyeh / AFP": names joined by slashes after the last
/// sentence, also when the page glued them to its full stop ("2019.J. Scott Applewhite / AP").
fn slashed_credit(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    // Eight words of credit fit in the last 160 bytes; most lines have no slash there.
    let mut window = t.len().saturating_sub(160);
    while !t.is_char_boundary(window) {
        window += 1;
    }
    if !t[window..].contains('/') {
        return None;
    }
    let spaced = t[window..].rfind(". ").map(|at| window + at + 2);
    // A full stop after a word or figure and straight followed by a capital ("2019.J. Scott",
    // not "U.S."): where the page glued the credit on.
    let tail: Vec<(usize, char)> = t[window..].char_indices().collect();
    let glued = tail
        .windows(3)
        .rev()
        .find(|w| {
            (w[0].1.is_lowercase() || w[0].1.is_ascii_digit())
                && w[1].1 == '.'
                && w[2].1.is_uppercase()
        })
        .map(|w| window + w[2].0);
    // The glued stop first when it comes earlier (its credit is the longer), then the spaced one.
    let earlier_glued = glued.filter(|&g| spaced.is_none_or(|s| g < s));
    [earlier_glued, spaced]
        .into_iter()
        .flatten()
        .find_map(|start| {
            let credit = t[start..].trim();
            let ok = credit.contains('/')
                && !credit.bytes().any(|b| b.is_ascii_digit())
                && (2..=8).contains(&credit.split_whitespace().count())
                && looks_like_credit(credit);
            ok.then(|| (t[..start].trim_end(), credit))
        })
}

/// "Caption. Photo: Name": a credit after one of the labels that introduce it.
fn labelled_credit(text: &str) -> Option<(&str, &str)> {
    // A credit is at most ten words: its label sits near the end.
    let mut window = text.len().saturating_sub(256);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    if !text[window..].contains([':', '©']) {
        return None;
    }
    for label in CREDIT_LABELS {
        if let Some(at) = text[window..].rfind(label).map(|at| at + window) {
            let credit = text[at + label.len()..].trim();
            let caption = text[..at].trim_end();
            let words = credit.split_whitespace().count();
            // "...a rabbitCredit: Getty": caption and credit glued together by the page.
            let glued = caption.ends_with(char::is_alphanumeric)
                && !text[..at].ends_with(char::is_whitespace);
            if (1..=10).contains(&words)
                && !credit.ends_with(['!', '?'])
                && (caption.is_empty()
                    || glued
                    || ends_sentence(caption)
                    || caption.ends_with([',', ';', '|', '-', '—']))
            {
                return Some((
                    caption.trim_end_matches([',', ';', '|', '-', '—', ' ']),
                    credit.trim_end_matches('.'),
                ));
            }
        }
    }
    None
}

/// Whether a short text reads as a photo credit: "Name/Agency", "Photo: X", "Getty Images".
#[must_use]
pub fn looks_like_credit(text: &str) -> bool {
    let t = text.trim();
    // "(Image: © NASA)": a credit alone on its line, in brackets.
    let t = t
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let words = t.split_whitespace().count();
    if t.is_empty() || words > 12 || ends_sentence(t) && !t.ends_with('.') {
        return false;
    }
    if t.starts_with('©') {
        return true;
    }
    if !t.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let lower = t.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let opener = tokens.first().is_some_and(|w| CREDIT_OPENERS.contains(w));
    let marked = tokens.iter().any(|w| CREDIT_MARKS.contains(w))
        || [
            "submitted photo",
            "courtesy photo",
            "photo courtesy",
            "file photo",
        ]
        .iter()
        .any(|p| lower.contains(p));
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    let slash_names = parts.len() >= 2
        && !t.contains("://")
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(char::is_uppercase) && p.split_whitespace().count() <= 5
        });
    opener || marked || slash_names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_through_quotes() {
        assert!(ends_sentence("He said it was \"over.\""));
        assert!(ends_sentence("Ну и что?"));
        assert!(ends_sentence("東京は晴れ。"));
        assert!(!ends_sentence(
            "Russia says US relations 'on the brink of a breakup,' won't confirm talk"
        ));
    }

    #[test]
    fn caps_slug_and_credit() {
        let f = Features::of("ZELENSKYY WANTS NUKES OR NATO; TRUMP SAYS 'SLIM AND NONE' CHANCE");
        assert!(f.all_caps);
        assert!(Features::of("trump-putin-split").slug);
        assert!(!Features::of("Ukraine military tech").slug);
        let (caption, credit) =
            paren_credit("A view of tanks in Lyman. (Metin Aktas/Anadolu Agency via Getty Images)")
                .expect("credit");
        assert_eq!(caption, "A view of tanks in Lyman.");
        assert_eq!(credit, "Metin Aktas/Anadolu Agency via Getty Images");
        assert!(paren_credit("He met the minister (and his wife).").is_none());
        assert_eq!(
            trailing_credit(
                "A man rides past the settlement on November 19, 2019. Jaafar Ashtiyeh / AFP"
            ),
            Some((
                "A man rides past the settlement on November 19, 2019.",
                "Jaafar Ashtiyeh / AFP"
            ))
        );
        assert_eq!(
            trailing_credit(
                "The senator speaks at the Capitol on July 25, 2019.J. Scott Applewhite / AP file"
            ),
            Some((
                "The senator speaks at the Capitol on July 25, 2019.",
                "J. Scott Applewhite / AP file"
            ))
        );
        assert!(
            trailing_credit("Prices rose 3.5/4 percent. Analysts were surprised by it.").is_none()
        );
        assert_eq!(
            trailing_credit(
                "Traders on the floor in New York, U.S., November 18, 2019. REUTERS/Jane Roe"
            ),
            Some((
                "Traders on the floor in New York, U.S., November 18, 2019.",
                "REUTERS/Jane Roe"
            ))
        );
        assert!(looks_like_credit("Foto: Julia Klein"));
        assert_eq!(
            trailing_credit("A hunter ate a rabbitCredit: Getty"),
            Some(("A hunter ate a rabbit", "Getty"))
        );
        assert_eq!(
            trailing_credit("The ESA module. Credit: ESA"),
            Some(("The ESA module.", "ESA"))
        );
        assert_eq!(trailing_credit("Her source: the mayor"), None);
        assert!(looks_like_credit("Sakib Ali/Hindustan Times/Getty Images"));
        assert!(!looks_like_credit("The meeting ended without a deal."));
        assert!(looks_like_credit("(Image: © NASA/ESA/K. Retherford/SWRI)"));
        assert!(looks_like_credit("Jonathan P. Blair Submitted photo"));
        assert!(!looks_like_credit("Papers submitted to the court"));
        assert!(!looks_like_credit("(The meeting ended without a deal.)"));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            Features::of("St. Paul police chief sought funding, but mayor unswayed").sentences,
            0
        );
        assert_eq!(
            Features::of("The U.S. Army left. Then it rained.").sentences,
            2
        );
    }

    #[test]
    fn cjk_words_are_counted_by_characters() {
        assert!(
            Features::of("東京都は二十日、新しい感染者が確認されたと発表しました。").words >= 10
        );
    }
}
