//! Stage 5b: the people, organisations and places an article names.
//!
//! Names are runs of capitalised words in the title, body and captions. Titles in front of a
//! name ("Russian Deputy Foreign Minister") become the entity's roles; bundled gazetteers
//! ([`gazetteer`]) tell places; word cues tell organisations ("Ministry", "Inc.", acronyms)
//! and events; what is left with two or more name-like words is a person. Surnames,
//! possessives, one-letter typos and country abbreviations merge into one entity.

pub mod gazetteer;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::fields::authors::is_agency;
use crate::{Article, Entity, EntityKind};

/// A piece of text the article names things in, and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte offset of `text` in the article's `text`, for body paragraphs.
    pub offset: Option<usize>,
}

/// The segments of an article: the title and subtitle, the body paragraphs, then the captions,
/// alt texts and video descriptions.
#[must_use]
pub fn segments(article: &Article) -> Vec<Segment<'_>> {
    let mut out = Vec::with_capacity(article.body.len() + 2);
    for text in [&article.title, &article.subtitle].into_iter().flatten() {
        out.push(Segment { text, offset: None });
    }
    let mut offset = 0;
    for block in &article.body {
        out.push(Segment {
            text: &block.text,
            offset: Some(offset),
        });
        offset += block.text.len() + 2;
    }
    for media in &article.media {
        let texts = [&media.caption, &media.alt, &media.title, &media.description];
        for text in texts.into_iter().flatten() {
            out.push(Segment { text, offset: None });
        }
    }
    out
}

/// A word of a segment, with its punctuation taken off.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    /// The word without surrounding punctuation or a possessive `'s`.
    pub text: &'a str,
    /// Byte offset of `text` in its segment.
    pub start: usize,
    /// Whether punctuation before the word opens a new clause (a quotation mark, a bracket).
    pub opens: bool,
    /// Whether punctuation after the word ends a clause (a comma, a full stop, a colon).
    pub closes: bool,
    /// Whether the word ends a sentence.
    pub ends_sentence: bool,
    /// Whether the word had a possessive `'s`.
    pub possessive: bool,
}

/// A [`Word`] without its text, kept between stages: the text is `segment[start..start + len]`.
#[derive(Debug, Clone, Copy)]
struct WordSpan {
    start: usize,
    len: usize,
    opens: bool,
    closes: bool,
    ends_sentence: bool,
    possessive: bool,
}

impl WordSpan {
    fn of(w: &Word<'_>) -> Self {
        Self {
            start: w.start,
            len: w.text.len(),
            opens: w.opens,
            closes: w.closes,
            ends_sentence: w.ends_sentence,
            possessive: w.possessive,
        }
    }

    fn word<'a>(&self, text: &'a str) -> Word<'a> {
        Word {
            text: &text[self.start..self.start + self.len],
            start: self.start,
            opens: self.opens,
            closes: self.closes,
            ends_sentence: self.ends_sentence,
            possessive: self.possessive,
        }
    }
}

/// Splits a segment into words, keeping the offsets and the punctuation that matters.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::with_capacity(text.len() / 6 + 1);
    let mut pos = 0;
    let mut broken = false;
    for raw in text.split_inclusive(char::is_whitespace) {
        let start_raw = pos;
        pos += raw.len();
        let token = raw.trim_end();
        if token.is_empty() {
            continue;
        }
        // Most words are letters and digits alone: nothing to take off.
        if token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.push(Word {
                text: token,
                start: start_raw,
                opens: std::mem::take(&mut broken),
                closes: false,
                ends_sentence: false,
                possessive: false,
            });
            continue;
        }
        if !token.chars().any(alphanumeric) {
            // A dash, bar or bullet on its own ends a clause: "MADRID — Rafael Nadal".
            if let Some(last) = out.last_mut() {
                last.closes = true;
            }
            broken = true;
            continue;
        }
        let lead = token
            .char_indices()
            .find(|&(_, c)| alphanumeric(c))
            .map_or(token.len(), |(i, _)| i);
        let mut end = token
            .char_indices()
            .rev()
            .find(|&(_, c)| alphanumeric(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if end <= lead {
            continue;
        }
        // Keep the full stop of initials and abbreviations: "U.S.", "J.", "Jr.", "Dr.".
        let trailing = &token[end..];
        let core = &token[lead..end];
        let mut kept_dot = false;
        if trailing.starts_with('.') && keeps_dot(core) {
            end += 1;
            kept_dot = true;
        }
        let mut word = &token[lead..end];
        let mut possessive = false;
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = word.strip_suffix(suffix)
                && stem.chars().count() > 1
            {
                word = stem;
                possessive = true;
                break;
            }
        }
        let after = &token[end..];
        let before = &token[..lead];
        let ends_sentence = !kept_dot && after.contains(['.', '!', '?', '…'])
            || kept_dot && after.is_empty() && core.chars().count() > 3;
        out.push(Word {
            text: word,
            start: start_raw + lead,
            opens: std::mem::take(&mut broken)
                || before.contains(['"', '“', '«', '„', '(', '[', '‘', '\'', '—', '–', '‹', '「']),
            closes: ends_sentence
                || after.contains([',', ';', ':', ')', ']', '"', '”', '»', '—', '–', '’', '」']),
            ends_sentence,
            possessive,
        });
    }
    out
}

/// Whether a character is a letter or a digit, answering for ASCII and for the quotation marks
/// and dashes of the General Punctuation block (U+2000 to U+206F, which holds no letters or
/// digits) without Unicode's tables.
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

/// Whether a word's full stop is part of it: initials and common abbreviations.
fn keeps_dot(core: &str) -> bool {
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1 || core.contains('.') || ABBREVIATIONS.contains(&core)
}

/// Words whose full stop does not end a sentence: titles, company forms, months.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt",
    "Capt", "Prof", "Rev", "Inc", "Corp", "Co", "Ltd", "Mt", "Ft", "Adm", "Maj", "Cmdr", "No",
    "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Ave", "Blvd",
];

/// Most names read from one article.
const MAX_MENTIONS: usize = 4000;

/// Capitalised words that start sentences but name nothing.
pub(crate) static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a",
    "about",
    "according",
    "after",
    "again",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "let",
    "like",
    "many",
    "may",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "my",
    "neither",
    "never",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "perhaps",
    "please",
    "read",
    "related",
    "see",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "today",
    "together",
    "under",
    "unlike",
    "until",
    "up",
    "us",
    "was",
    "watch",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yet",
    "you",
    "your",
    "mr",
    "mrs",
    "ms",
    "dr",
    "photo",
    "image",
    "video",
    "click",
    "sign",
    "subscribe",
    "advertisement",
    "share",
    "first",
    "second",
    "third",
    "former",
    "top",
    "senior",
    "chief",
    "local",
    "several",
    "two",
    "three",
    "four",
    "five",
    "dear",
    "thank",
    "oh",
    "ok",
    "okay",
    "well",
    "sure",
    "good",
    "great",
    "big",
]);

/// Calendar words: capitalised, but not names.
pub(crate) static CALENDAR: WordSet = WordSet::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "christmas",
    "easter",
    "thanksgiving",
    "ramadan",
]);

/// Words of titles and offices that stand before names: kept as the entity's role.
pub(crate) static ROLE_WORDS: WordSet = WordSet::new(&[
    "employee",
    "resident",
    "student",
    "teacher",
    "official",
    "member",
    "owner",
    "veteran",
    "activist",
    "lawmaker",
    "legislator",
    "councilman",
    "councilwoman",
    "trustee",
    "victim",
    "suspect",
    "witness",
    "defendant",
    "plaintiff",
    "partner",
    "vp",
    "svp",
    "evp",
    "fellow",
    "chef",
    "pilot",
    "nurse",
    "physician",
    "surgeon",
    "engineer",
    "agent",
    "attorney",
    "republican",
    "democrat",
    "democratic",
    "conservative",
    "liberal",
    "labour",
    "tory",
    "defenseman",
    "forward",
    "goalie",
    "goaltender",
    "quarterback",
    "striker",
    "midfielder",
    "defender",
    "pitcher",
    "winger",
    "rookie",
    "veteran",
    "manager",
    "skipper",
    "president",
    "vice",
    "deputy",
    "minister",
    "prime",
    "foreign",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "gov.",
    "governor",
    "mayor",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "general",
    "gen.",
    "lt.",
    "col.",
    "colonel",
    "major",
    "maj.",
    "captain",
    "capt.",
    "admiral",
    "adm.",
    "sgt.",
    "sergeant",
    "commander",
    "chief",
    "officer",
    "executive",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "manager",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "special",
    "attorney",
    "judge",
    "justice",
    "dr.",
    "dr",
    "prof.",
    "professor",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev.",
    "reverend",
    "father",
    "sister",
    "rabbi",
    "imam",
    "bishop",
    "cardinal",
    "archbishop",
    "coach",
    "founder",
    "co-founder",
    "leader",
    "speaker",
    "defense",
    "defence",
    "interior",
    "finance",
    "health",
    "state",
    "home",
    "economy",
    "trade",
    "justice",
    "senior",
    "former",
    "acting",
    "interim",
    "retired",
    "first",
    "lady",
    "chief",
    "supreme",
    "leader",
    "commissioner",
    "inspector",
    "sheriff",
    "detective",
    "officer",
    "trooper",
    "deputy",
    "analyst",
    "strategist",
    "correspondent",
    "reporter",
    "editor",
    "columnist",
    "host",
    "anchor",
    "producer",
    "author",
    "writer",
    "actor",
    "actress",
    "singer",
    "star",
    "rapper",
    "designer",
    "economist",
    "scientist",
    "researcher",
    "doctor",
    "lawyer",
    "counsel",
    "solicitor",
    "barrister",
    "pastor",
    "minister",
    "chancellor",
    "mp",
    "mep",
    "premier",
    "emir",
    "sheikh",
    "crown",
    "grand",
    "duke",
    "duchess",
    "count",
    "countess",
    "baron",
    "emperor",
    "empress",
    "sultan",
    "tsar",
    "czar",
    "shah",
    "ayatollah",
    "general",
    "marshal",
    "vice-president",
    "sec.",
    "atty.",
    "supt.",
    "superintendent",
    "principal",
    "dean",
    "provost",
    "rector",
    "president-elect",
    "nominee",
    "candidate",
    "hopeful",
]);

/// Single words that name organisations by metonymy in news prose.
pub(crate) static ORGANISATION_NAMES: WordSet = WordSet::new(&[
    "kremlin",
    "pentagon",
    "white house",
    "congress",
    "senate",
    "parliament",
    "knesset",
    "bundestag",
    "duma",
    "vatican",
    "supreme court",
    "downing street",
    "elysee",
    "élysée",
    "state department",
    "foreign office",
    "home office",
    "treasury",
    "politburo",
    "european union",
    "united nations",
    "nato",
    "opec",
    "eu",
    "un",
    "who",
    "imf",
    "wto",
    "interpol",
    "europol",
    "fbi",
    "cia",
    "nsa",
    "nasa",
    "house of representatives",
    "house of commons",
    "house of lords",
    "european commission",
    "european parliament",
    "security council",
    "federal reserve",
    "fed",
    "hamas",
    "hezbollah",
    "taliban",
    "isis",
    "al qaeda",
    "al-qaeda",
    "al shabaab",
    "al-shabaab",
]);

/// Last words that make a name an organisation.
pub(crate) static ORGANISATION_TAILS: WordSet = WordSet::new(&[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "ag",
    "gmbh",
    "sa",
    "group",
    "holdings",
    "bank",
    "university",
    "college",
    "school",
    "institute",
    "ministry",
    "department",
    "agency",
    "administration",
    "council",
    "committee",
    "commission",
    "party",
    "association",
    "union",
    "federation",
    "foundation",
    "fund",
    "court",
    "police",
    "army",
    "navy",
    "forces",
    "force",
    "guard",
    "church",
    "organization",
    "organisation",
    "office",
    "bureau",
    "service",
    "services",
    "authority",
    "board",
    "club",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "magazine",
    "studios",
    "airlines",
    "airways",
    "motors",
    "technologies",
    "labs",
    "systems",
    "partners",
    "capital",
    "ventures",
    "media",
    "society",
    "center",
    "centre",
    "hospital",
    "fc",
    "assembly",
    "parliament",
    "government",
    "reserve",
    "exchange",
    "institution",
    "academy",
    "museum",
    "library",
    "laboratory",
    "team",
    "brigade",
    "battalion",
    "regiment",
    "command",
    "corps",
    "senate",
    "congress",
    "cabinet",
    "tribune",
    "herald",
    "gazette",
    "telegraph",
    "guardian",
    "review",
    "daily",
    "channel",
    "tv",
    "radio",
    "broadcasting",
    "entertainment",
    "games",
    "pictures",
    "productions",
    "records",
    "pharmaceuticals",
    "energy",
    "oil",
    "airport",
    "railway",
    "railways",
    "ministries",
    "coalition",
    "alliance",
    "movement",
    "front",
    "league",
    "initiative",
    "project",
    "trust",
    "watch",
    "international",
    "worldwide",
    "global",
    "industries",
    "enterprises",
    "brands",
    "stores",
    "group's",
    "ai",
    "bancorp",
    "insurance",
    "securities",
    "investments",
    "research",
]);

/// First words that make a name an organisation ("Ministry of Defence", "University of X").
pub(crate) static ORGANISATION_HEADS: WordSet = WordSet::new(&[
    "ministry",
    "university",
    "department",
    "bank",
    "council",
    "institute",
    "museum",
    "church",
    "house",
    "office",
    "bureau",
    "court",
    "board",
    "federation",
    "union",
    "league",
    "order",
    "association",
    "society",
    "college",
    "school",
    "academy",
    "commission",
    "committee",
]);

/// Last words of events, documents and other named things that are neither people nor places.
pub(crate) static OTHER_TAILS: WordSet = WordSet::new(&[
    "conference",
    "summit",
    "games",
    "cup",
    "festival",
    "memorandum",
    "agreement",
    "accord",
    "accords",
    "act",
    "treaty",
    "war",
    "day",
    "prize",
    "award",
    "awards",
    "olympics",
    "championship",
    "championships",
    "show",
    "series",
    "expo",
    "week",
    "plan",
    "bill",
    "program",
    "programme",
    "one",
    "two",
    "forum",
    "doctrine",
    "protocol",
    "convention",
    "declaration",
    "law",
    "amendment",
    "index",
    "award",
    "tournament",
    "open",
    "marathon",
    "election",
    "elections",
    "meeting",
    "crisis",
    "revolution",
    "pandemic",
    "storm",
    "hurricane",
    "season",
    "edition",
    "app",
    "phone",
    "pro",
    "max",
    "plus",
    "ultra",
    "mini",
    "console",
    "station",
    "bridge",
    "stadium",
    "arena",
    "hall",
    "tower",
    "building",
    "area",
    "airline",
    "airlines",
    "mall",
    "highway",
    "route",
    "line",
    "canal",
    "state",
]);

/// Last words of places that are not in the gazetteer: "Hill Park", "Donetsk Oblast".
pub(crate) static PLACE_TAILS: WordSet = WordSet::new(&[
    "street",
    "avenue",
    "road",
    "square",
    "river",
    "lake",
    "mountain",
    "mountains",
    "island",
    "islands",
    "valley",
    "sea",
    "ocean",
    "bay",
    "gulf",
    "coast",
    "desert",
    "strait",
    "peninsula",
    "region",
    "province",
    "county",
    "district",
    "city",
    "village",
    "town",
    "oblast",
    "park",
]);

/// Words after which "of" stays inside a name ("Bank of America", "Secretary of State").
pub(crate) static OF_HEADS: WordSet = WordSet::new(&[
    "secretary",
    "president",
    "minister",
    "ministry",
    "bank",
    "university",
    "department",
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "house",
    "prince",
    "princess",
    "duke",
    "duchess",
    "king",
    "queen",
    "bay",
    "gulf",
    "sea",
    "isle",
    "island",
    "islands",
    "cape",
    "strait",
    "straits",
    "lake",
    "mount",
    "office",
    "chamber",
    "court",
    "board",
    "council",
    "institute",
    "museum",
    "school",
    "college",
    "academy",
    "church",
    "order",
    "league",
    "association",
    "society",
    "federation",
    "union",
    "commission",
    "committee",
    "bureau",
    "director",
    "chief",
    "head",
    "chairman",
    "governor",
    "mayor",
    "attorney",
    "archbishop",
    "bishop",
    "general",
    "chancellor",
    "speaker",
    "leader",
    "people's",
    "peoples",
    "sultanate",
    "emirate",
    "province",
    "region",
    "county",
    "district",
    "port",
    "bank",
    "gate",
    "tower",
]);

/// Joining words allowed inside a name ("Bank of America", "Charles de Gaulle").
pub(crate) static CONNECTORS: WordSet = WordSet::new(&[
    "of", "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "la",
    "le", "du", "al", "el", "bin", "ibn", "&", "y", "for", "on",
]);

/// A set of lower-case words, built on first use from a list.
#[derive(Debug)]
pub(crate) struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<Lookup>,
}

/// A built [`WordSet`]. The set is asked about every capitalised word of every article, so an
/// ASCII word is looked up without hashing or copying: the words are grouped by first letter
/// and length, and a word is compared, ignoring case, with the few of its group.
#[derive(Debug)]
struct Lookup {
    /// The words, grouped by [`slot`].
    words: Vec<&'static [u8]>,
    /// Where each slot's words start in `words` (and end, at the next slot's start).
    starts: Vec<u16>,
    /// Words with other than ASCII letters, looked up by hash.
    others: HashSet<&'static str>,
}

/// Slots: 27 first-letter classes (`a` to `z`, then any other) by 64 lengths (63 for longer).
const SLOTS: usize = 27 * 64;

/// The slot of a word by its first byte (in any case) and its length.
fn slot(word: &[u8]) -> usize {
    let first = word.first().map_or(0, u8::to_ascii_lowercase);
    let letter = if first.is_ascii_lowercase() {
        usize::from(first - b'a')
    } else {
        26
    };
    letter * 64 + word.len().min(63)
}

impl WordSet {
    /// A set over the given lower-case words.
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        Self {
            list,
            set: OnceLock::new(),
        }
    }

    fn build(&self) -> Lookup {
        let mut words: Vec<&'static [u8]> = self
            .list
            .iter()
            .filter(|w| w.is_ascii())
            .map(|w| w.as_bytes())
            .collect();
        words.sort_by(|a, b| slot(a).cmp(&slot(b)).then(a.cmp(b)));
        words.dedup();
        let mut starts = vec![0u16; SLOTS + 1];
        for w in &words {
            starts[slot(w) + 1] += 1;
        }
        for i in 0..SLOTS {
            starts[i + 1] += starts[i];
        }
        Lookup {
            words,
            starts,
            others: self
                .list
                .iter()
                .copied()
                .filter(|w| !w.is_ascii())
                .collect(),
        }
    }

    /// Whether the word, in any case, is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let set = self.set.get_or_init(|| self.build());
        if word.is_ascii() {
            set.ascii(word.as_bytes())
        } else if set.others.is_empty() && !word.contains('\u{212A}') {
            // Only ASCII words are in the set, and of the letters beyond ASCII only the Kelvin
            // sign lowers to one ("K" to "k").
            false
        } else {
            with_lowercase(word, |w| {
                if w.is_ascii() {
                    set.ascii(w.as_bytes())
                } else {
                    set.others.contains(w)
                }
            })
        }
    }
}

impl Lookup {
    /// Whether an ASCII word, in any case, is one of the ASCII words.
    fn ascii(&self, word: &[u8]) -> bool {
        if word.len() >= 63 {
            return false;
        }
        let at = slot(word);
        let group = &self.words[usize::from(self.starts[at])..usize::from(self.starts[at + 1])];
        group.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// Calls `f` with the word in lower case, without allocating for short ASCII words.
pub(crate) fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    if !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return f(word);
    }
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return f(std::str::from_utf8(out).unwrap_or(word));
    }
    // Other scripts in a buffer too, char by char (a capital sigma needs the whole word).
    if word.len() <= buf.len() && !word.contains('Σ') {
        let mut n = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            if n + c.len_utf8() > buf.len() {
                return f(&word.to_lowercase());
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        return f(std::str::from_utf8(&buf[..n]).unwrap_or(word));
    }
    f(&word.to_lowercase())
}

/// Whether the word, in any case, is in the set.
pub(crate) fn in_list(set: &WordSet, word: &str) -> bool {
    set.contains(word)
}

/// Whether the word, in any case, is one of a few words.
pub(crate) fn in_slice(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        // The lists are in lower case: comparing ignoring ASCII case is the same test.
        return list.iter().any(|l| l.eq_ignore_ascii_case(word));
    }
    with_lowercase(word, |w| list.contains(&w))
}

/// Whether a word starts with a capital letter.
pub(crate) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is written in capitals, like an acronym ("NATO", "U.S.").
fn acronym(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if letters > 6 || !c.is_uppercase() {
            return false;
        }
    }
    letters >= 2
}

/// Whether a text is mostly capitals (a shouted teaser): its capitals say nothing.
fn shouting(words: &[Word<'_>]) -> bool {
    let shouted = words
        .iter()
        .filter(|w| {
            !w.text.chars().any(char::is_lowercase)
                && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
        .count();
    words.len() >= 3 && shouted * 10 > words.len() * 7
}

/// Whether a text is in title case ("Republicans Are Following Trump to Nowhere"): nearly
/// every word capitalised, small words too, so capitals say nothing about names.
fn title_case(words: &[Word<'_>]) -> bool {
    if words.len() < 4 || words.len() > 30 {
        return false;
    }
    let capitalised_words = words.iter().filter(|w| capitalised(w.text)).count();
    capitalised_words * 5 >= words.len() * 4
        && words.iter().skip(1).any(|w| {
            capitalised(w.text)
                && (in_list(&FUNCTION_WORDS, w.text) || in_list(&CONNECTORS, w.text))
        })
}

/// A name found in a segment, before merging.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// The name without its titles.
    pub name: String,
    /// The titles before it, as written.
    pub role: Option<String>,
    /// What the words say it is, if they say.
    pub kind: Option<EntityKind>,
    /// Which segment it is in.
    pub segment: usize,
    /// Byte range of the name in the segment.
    pub start: usize,
    /// Index of the name's first word in the segment's words.
    pub word: usize,
    /// Number of words in the name.
    pub words: usize,
}

/// Every capitalised name in one segment.
pub(crate) fn mentions_in(segment: usize, text: &str, words: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    if shouting(words) || title_case(words) {
        return out;
    }
    // The words with one glued name cut short, made on the first one.
    let mut fixed: Option<Vec<Word<'_>>> = None;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if !capitalised(w.text) {
            i += 1;
            continue;
        }
        // A run of capitalised words, with joining words inside; "People's" and "Women's"
        // stay inside a name ("People's Daily", "Children's Hospital").
        let inner_possessive = |w: &Word<'_>| {
            w.possessive && !w.closes && in_slice(&["people", "children", "women", "men"], w.text)
        };
        let mut j = i + 1;
        if !(w.closes || w.possessive && !inner_possessive(w)) {
            while j < words.len() {
                let next = &words[j];
                if next.opens {
                    break;
                }
                if capitalised(next.text) && next.text != "I" {
                    j += 1;
                    if next.closes || next.possessive && !inner_possessive(next) {
                        break;
                    }
                } else if in_list(&CONNECTORS, next.text)
                    && !next.closes
                    && (!next.text.eq_ignore_ascii_case("of")
                        || in_list(&OF_HEADS, words[j - 1].text)
                        || in_list(&ORGANISATION_HEADS, words[j - 1].text))
                    && words
                        .get(j + 1)
                        .is_some_and(|n| capitalised(n.text) && !n.opens)
                {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let sentence_start = i == 0 || words[i - 1].ends_sentence || w.opens;
        if let Some((k, cut)) = glued_repeat(&words[i..j]).map(|(k, cut)| (i + k, cut)) {
            // "Kristi NoemKristi Lynn Noem…": the name, then a pop-up card that repeats it,
            // glued on when the page became text. The name ends at the glue; the card is not
            // read. The words are copied once per segment, not once per glued name.
            let fixed = fixed.get_or_insert_with(|| words.to_vec());
            fixed[k].text = &words[k].text[..cut];
            fixed[k].closes = true;
            push_run(&mut out, segment, text, fixed, i, k + 1, sentence_start);
            fixed[k] = words[k];
        } else {
            push_run(&mut out, segment, text, words, i, j, sentence_start);
        }
        i = j;
    }
    out
}

/// In a run of capitalised words, a word glued to a repetition of one of the run's first
/// words (`NoemKristi` after `Kristi`; a headline glued to the next line, `DetroitIn` after
/// "Deals In"): its index in the run and where the glue is.
fn glued_repeat(run: &[Word<'_>]) -> Option<(usize, usize)> {
    // Names and headlines are a few words long; comparing with more of the run than its first
    // words would make a long run of glued words quadratic.
    const LOOK_BACK: usize = 32;
    (1..run.len()).find_map(|k| {
        let word = run[k].text.as_bytes();
        let cut = (1..word.len())
            .find(|&c| word[c - 1].is_ascii_lowercase() && word[c].is_ascii_uppercase())?;
        let rest = &run[k].text[cut..];
        run[..k.min(LOOK_BACK)]
            .iter()
            .any(|w| {
                w.text.len() >= 2
                    && rest.starts_with(w.text)
                    && w.text.chars().all(char::is_alphabetic)
            })
            .then_some((k, cut))
    })
}

/// Turns one capitalised run into mentions: drops sentence-starting function words, splits
/// the titles off, and guesses the kind from the words.
fn push_run(
    out: &mut Vec<Mention>,
    segment: usize,
    text: &str,
    words: &[Word<'_>],
    from: usize,
    to: usize,
    sentence_start: bool,
) {
    // "Volodymyr Zelenskyy President of Ukraine": a title after a name starts another run.
    // The pieces are cut left to right and named right to left, in a loop rather than by
    // recursion, so that a run of thousands of titled names cannot overflow the stack.
    let mut pieces = Vec::new();
    let mut next = Some((from, to, sentence_start));
    while let Some((from, to, sentence_start)) = next.take() {
        let Some((from, to)) = trim_run(words, from, to, sentence_start) else {
            break;
        };
        let split = title_split(words, from, to);
        pieces.push((from, split.unwrap_or(to)));
        next = split.map(|split| (split, to, false));
    }
    for (from, to) in pieces.into_iter().rev() {
        push_name(out, segment, text, words, from, to);
    }
}

/// The part of a capitalised run that can be a name: without a sentence-opening participle,
/// function words and calendar words at its ends; `None` if nothing is left.
fn trim_run(
    words: &[Word<'_>],
    mut from: usize,
    to: usize,
    sentence_start: bool,
) -> Option<(usize, usize)> {
    // "Getting Disney+ …", "Hosting Cook …": a sentence-opening participle is not a name.
    if sentence_start
        && to - from > 1
        && words[from].text.ends_with("ing")
        && !in_list(&ROLE_WORDS, words[from].text)
    {
        from += 1;
    }
    // Function words and calendar words are never part of a name, but inside a sentence an
    // adjective that starts a run of capitals is the name's own ("the label Big Machine").
    let adjective = |k: usize| {
        !sentence_start
            && k + 1 < to
            && in_slice(&["big", "great", "good", "top", "little"], words[k].text)
            && words[k].text[1..].chars().all(char::is_lowercase)
            && !in_list(&ROLE_WORDS, words[k + 1].text)
    };
    // Inside a sentence a capitalised particle starts a name: "Van Der Beek", "El Paso".
    let particle = |k: usize| {
        !sentence_start
            && k + 1 < to
            && capitalised(words[k].text)
            && !in_slice(&["of", "for", "on", "y", "&"], words[k].text)
    };
    // "He Jianxiong, the former director, said": the Chinese surname He, not the pronoun,
    // when a given name follows and the pair stands as a subject.
    let surname_he = |k: usize| {
        words[k].text == "He"
            && to == k + 2
            && !words[k].closes
            && person_word(words[k + 1].text)
            && !words[k + 1].text.ends_with("ed")
            && gazetteer::place(words[k + 1].text).is_none()
            && gazetteer::country(words[k + 1].text).is_none()
            && (words[k + 1].closes && !words[k + 1].ends_sentence
                || words
                    .get(k + 2)
                    .is_some_and(|w| in_slice(&["said", "says", "told", "added"], w.text)))
    };
    while from < to
        && (in_list(&FUNCTION_WORDS, words[from].text)
            && (sentence_start || from > 0)
            && !adjective(from)
            && !surname_he(from)
            || in_list(&CALENDAR, words[from].text.trim_end_matches('.'))
            || in_list(&CONNECTORS, words[from].text) && !particle(from))
    {
        from += 1;
    }
    let mut to = to;
    while to > from
        && (in_list(&CALENDAR, words[to - 1].text.trim_end_matches('.'))
            || in_list(&CONNECTORS, words[to - 1].text))
    {
        to -= 1;
    }
    (from < to).then_some((from, to))
}

/// Where a title after a name starts another run, as in "Volodymyr Zelenskyy President of
/// Ukraine".
fn title_split(words: &[Word<'_>], from: usize, to: usize) -> Option<usize> {
    if in_list(&ROLE_WORDS, words[from].text) {
        return None;
    }
    // Only words of a person's name may come before the title; the scan stops at the first
    // other word, so cutting a long run costs one pass over it.
    for k in from..to {
        if k >= from + 2
            && in_list(&ROLE_WORDS, words[k].text)
            && !in_list(&ROLE_WORDS, words[k - 1].text)
        {
            return Some(k);
        }
        if !person_word(words[k].text) {
            return None;
        }
    }
    None
}

/// Turns the words `from..to` of a run into a mention, with the titles in front as its role.
fn push_name(
    out: &mut Vec<Mention>,
    segment: usize,
    text: &str,
    words: &[Word<'_>],
    from: usize,
    to: usize,
) {
    // "BART Police Chief Ed Alvarez": everything up to the last title before a person's name.
    let titled_from = (from..to.saturating_sub(1))
        .rev()
        .find(|&k| in_list(&ROLE_WORDS, words[k].text))
        .filter(|&k| {
            k > from
                && words[k + 1..to]
                    .iter()
                    .all(|w| person_word(w.text) && !in_list(&ROLE_WORDS, w.text))
                && to - k > 2
        })
        .map(|k| k + 1);
    // Titles in front: "Russian Deputy Foreign Minister Sergei Ryabkov", and "Browns DL Sheldon
    // Richardson" (team and position before a person's name), "Britain Liu Xiaming" (a
    // place before a person's name).
    let mut name_from = titled_from.unwrap_or(from);
    if to - from >= 3
        && (gazetteer::country(words[from].text).is_some()
            || gazetteer::place(words[from].text).is_some())
        && words[from + 1..to].iter().all(|w| person_word(w.text))
        && !words[from + 1..to]
            .iter()
            .any(|w| in_list(&ROLE_WORDS, w.text))
    {
        name_from = name_from.max(from + 1);
    }
    if let Some(k) = (from + 1..to.saturating_sub(2)).find(|&k| {
        acronym(words[k].text)
            && words[k].text.chars().count() <= 3
            && words[k + 1..to].iter().all(|w| person_word(w.text))
            && to - k > 2
    }) {
        name_from = k + 1;
    }
    while name_from < to - 1
        && (in_list(&ROLE_WORDS, words[name_from].text)
            || gazetteer::demonym(words[name_from].text).is_some()
            || in_list(&CONNECTORS, words[name_from].text) && name_from > from
            // "U.S. Attorney James Kennedy": a country before a title is part of the title.
            || gazetteer::country(words[name_from].text).is_some()
                && in_list(&ROLE_WORDS, words[name_from + 1].text))
    {
        name_from += 1;
    }
    // "Fox News senior analyst": a run that is all titles names nobody.
    if name_from == to - 1 && in_list(&ROLE_WORDS, words[name_from].text) {
        return;
    }
    // "NADAL FALLS": a shouted word among shouted words is not an acronym.
    let shouted = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.text.chars().count() >= 2 && !w.text.chars().any(char::is_lowercase))
    };
    if to - from == 1
        && acronym(words[from].text)
        && (from > 0 && shouted(from - 1) || shouted(from + 1))
    {
        return;
    }
    // A demonym alone ("Russian forces") is not an entity.
    if to - from == 1 && gazetteer::demonym(words[from].text).is_some() {
        return;
    }
    // "Prince Andrew", "Pope Francis": a title before a lone given name is part of the name.
    if name_from == to - 1
        && name_from > from
        && in_slice(
            &[
                "prince", "princess", "king", "queen", "pope", "saint", "st.", "emperor", "sultan",
                "sheikh",
            ],
            words[name_from - 1].text,
        )
    {
        name_from -= 1;
    }
    let role = (name_from > from).then(|| {
        let start = words[from].start;
        let end = words[name_from - 1].start + words[name_from - 1].text.len();
        text[start..end].to_owned()
    });
    let start = words[name_from].start;
    let last = &words[to - 1];
    let end = last.start + last.text.len();
    let name = text[start..end].to_owned();
    let kind = kind_of(&words[name_from..to], role.is_some());
    // Only people have titles: "President of Ukraine" names a country.
    let role = role.filter(|_| kind == Some(EntityKind::Person));
    // A place that starts another name is mentioned too: "Munich" in "Munich Security
    // Conference", "Moscow" in "Moscow State University".
    let head = &words[name_from];
    if to - name_from > 1
        && !matches!(kind, Some(EntityKind::Place | EntityKind::Person))
        && (gazetteer::place(head.text).is_some() || gazetteer::country(head.text).is_some())
    {
        out.push(Mention {
            name: head.text.to_owned(),
            role: None,
            kind: Some(EntityKind::Place),
            segment,
            start: head.start,
            word: name_from,
            words: 1,
        });
    }
    out.push(Mention {
        name,
        role,
        kind,
        segment,
        start,
        word: name_from,
        words: to - name_from,
    });
}

/// What the words of a name say it is, if anything.
fn kind_of(words: &[Word<'_>], titled: bool) -> Option<EntityKind> {
    let name: Vec<&str> = words.iter().map(|w| w.text).collect();
    let joined = name.join(" ");
    if gazetteer::country(&joined).is_some() {
        return Some(EntityKind::Place);
    }
    if in_list(&ORGANISATION_NAMES, &joined) || is_agency(&joined) {
        return Some(EntityKind::Organization);
    }
    if gazetteer::place(&joined).is_some() && !titled {
        return Some(EntityKind::Place);
    }
    let last = name[name.len() - 1];
    let first = name[0];
    if name.len() > 1 && in_list(&PLACE_TAILS, last) {
        return Some(EntityKind::Place);
    }
    if name.len() > 1 && in_list(&ORGANISATION_TAILS, last)
        || name.len() > 2
            && in_list(&ORGANISATION_HEADS, first)
            && in_slice(&["of", "for"], name[1])
    {
        return Some(EntityKind::Organization);
    }
    if name.len() > 1 && in_list(&OTHER_TAILS, last) {
        return Some(EntityKind::Other);
    }
    if name.len() == 1 && acronym(first) {
        return Some(EntityKind::Organization);
    }
    // "Al Qur'an", "Van Der Beek": a particle and one word may be a book, a channel or a
    // surname; its shape says nothing.
    if in_list(&CONNECTORS, first) && name.iter().filter(|w| !in_list(&CONNECTORS, w)).count() < 2 {
        return None;
    }
    if titled && name.iter().all(|w| person_word(w)) {
        return Some(EntityKind::Person);
    }
    if (2..=4).contains(&name.len())
        && !name.iter().all(|w| acronym(w))
        && name.iter().all(|w| {
            person_word(w) && gazetteer::place(w).is_none() && gazetteer::country(w).is_none()
        })
    {
        return Some(EntityKind::Person);
    }
    None
}

/// Whether a word can be part of a person's name: "Sergei", "O'Brien", "J.", "JD", "Jr.".
pub(crate) fn person_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    capitalised(word)
        && letters >= 1
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && (letters <= 2 || !acronym(word))
        && !in_list(&ORGANISATION_NAMES, word)
        && !in_list(&ORGANISATION_TAILS, word)
        && !in_list(&OTHER_TAILS, word)
        && !in_list(&PLACE_TAILS, word)
        && !in_list(&FUNCTION_WORDS, word)
}

/// The entities of an article and how to find one by any of its names.
#[derive(Debug, Default)]
pub struct Entities {
    /// The entities, in order of first mention.
    pub list: Vec<Entity>,
    /// Every form seen, lower-cased, to its entity.
    by_name: HashMap<String, usize>,
    /// Single words written capitalised inside a sentence somewhere in the article.
    inside_sentence: HashSet<String>,
    /// Lookup keys of the names, aligned with `list`.
    keys: Vec<String>,
    /// Where the last word of each key starts, aligned with `keys`.
    lasts: Vec<usize>,
    /// Surnames of multi-word names to the first entity with that surname.
    surnames: HashMap<String, usize>,
    /// First words of multi-word names to the first entity, and how many share it.
    firsts: HashMap<String, (usize, u32)>,
    /// The words and names read in each segment, for the quotes stage to reuse rather than
    /// read again; keyed by the segment text's address and length (the texts are the
    /// article's own strings, which both stages borrow).
    read: HashMap<(usize, usize), (Vec<WordSpan>, Vec<Mention>)>,
    /// How many entities were added after merging (speakers named only once).
    added: usize,
}

impl Entities {
    /// The entity a name (full, surname, alias, abbreviation) refers to.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<usize> {
        // Plain names ("Trump") are looked up without building a key.
        let plain = !name.contains(['.', '\'', '’', ' ']);
        if plain && let Some(i) = with_lowercase(name, |k| self.by_name.get(k).copied()) {
            return Some(i);
        }
        let key = normalise(name);
        if let Some(&i) = self.by_name.get(&key) {
            return Some(i);
        }
        if key.contains(' ') {
            // "Eriksson Ek" for "Joel Eriksson Ek": the tail of a person's name.
            let found = self.keys.iter().enumerate().position(|(i, k)| {
                k.len() > key.len()
                    && k.ends_with(&key)
                    && k.as_bytes()[k.len() - key.len() - 1] == b' '
                    && self.list[i].kind == EntityKind::Person
            });
            if found.is_some() {
                return found;
            }
        } else {
            // "Lopes" for "Rosaly Lopes": a surname of a longer name of any kind.
            if key.chars().count() >= 3
                && let Some(&i) = self.surnames.get(&key)
                && self.list[i].kind != EntityKind::Place
            {
                return Some(i);
            }
            // "Liu" for "Liu Xiaming": family names written first.
            if let Some(&(i, 1)) = self.firsts.get(&key)
                && self.list[i].kind == EntityKind::Person
            {
                return Some(i);
            }
        }
        // "Zelenksyy": one transposed or changed letter of a known person's surname.
        let wanted = key.rsplit(' ').next()?;
        if wanted.chars().count() < 6 {
            return None;
        }
        let (first, len) = (wanted.as_bytes()[0], wanted.len());
        self.keys.iter().enumerate().position(|(i, k)| {
            // The byte tests first: `one_edit` wants the same first letter and lengths
            // within four bytes.
            let last = &k[self.lasts[i]..];
            last.len().abs_diff(len) <= 4
                && last.as_bytes().first() == Some(&first)
                && self.list[i].kind == EntityKind::Person
                && one_edit(last, wanted)
        })
    }

    /// The entity written exactly so (in any case, without full stops), if any.
    #[must_use]
    pub fn find_exact(&self, name: &str) -> Option<usize> {
        self.by_name.get(&normalise(name)).copied()
    }

    /// Records the lookup keys of entity `i`.
    fn index(&mut self, i: usize) {
        let key = normalise(&self.list[i].name);
        if key.contains(' ') {
            if let Some(last) = surname(&key) {
                self.surnames.entry(last.to_owned()).or_insert(i);
            }
            // Family names come first in two-word names ("Liu Xiaming"); the first word of a
            // longer name is a given name or a word glued on ("Wild" in "Wild Jonas Brodin").
            if let Some((first, rest)) = key.split_once(' ')
                && !rest.contains(' ')
            {
                self.firsts
                    .entry(first.to_owned())
                    .and_modify(|e| e.1 += 1)
                    .or_insert((i, 1));
            }
        }
        self.lasts.push(key.rfind(' ').map_or(0, |i| i + 1));
        self.keys.push(key);
    }

    /// Rebuilds the lookup keys after the list was reordered.
    fn reindex(&mut self) {
        self.keys.clear();
        self.lasts.clear();
        self.surnames.clear();
        self.firsts.clear();
        for i in 0..self.list.len() {
            self.index(i);
        }
    }

    /// Whether a single word is written capitalised inside a sentence somewhere: a name, not a
    /// sentence's first word ("Noem", not "Senators").
    #[must_use]
    pub fn named_inside_sentence(&self, word: &str) -> bool {
        self.inside_sentence.contains(&normalise(word)) && plural_demonym(word).is_none()
    }

    /// The words and names this stage read in `text`, one of the article's segments, handed
    /// over once; `None` when it did not read it (or already handed it over).
    pub(crate) fn take_read<'a>(&mut self, text: &'a str) -> Option<(Vec<Word<'a>>, Vec<Mention>)> {
        let (spans, mentions) = self.read.remove(&(text.as_ptr() as usize, text.len()))?;
        Some((spans.iter().map(|w| w.word(text)).collect(), mentions))
    }

    /// Whether entities were added since merging, so a name not found may be found now.
    pub(crate) fn grew(&self) -> bool {
        self.added > 0
    }

    /// Adds an entity seen only as a speaker, and returns its index.
    pub fn add(&mut self, name: &str, kind: EntityKind) -> usize {
        self.added += 1;
        self.list.push(Entity {
            name: name.to_owned(),
            kind,
            aliases: Vec::new(),
            roles: Vec::new(),
            mentions: 1,
            first: None,
        });
        let index = self.list.len() - 1;
        self.by_name.insert(normalise(name), index);
        self.index(index);
        index
    }

    /// Marks an entity as a person (it spoke), unless the words already said otherwise.
    pub fn speaker(&mut self, index: usize) {
        if let Some(e) = self.list.get_mut(index)
            && e.kind == EntityKind::Other
        {
            e.kind = EntityKind::Person;
        }
    }
}

/// The country of a plural demonym ("Americans").
pub(crate) fn plural_demonym(word: &str) -> Option<&'static str> {
    word.strip_suffix('s').and_then(gazetteer::demonym)
}

/// The surname of a lower-cased full name: its last word, before "jr", "sr", "ii" or "iii".
fn surname(name: &str) -> Option<&str> {
    name.split(' ')
        .rev()
        .find(|w| !["jr", "sr", "ii", "iii", "iv"].contains(w))
}

/// The lookup key of a name: lower case, without full stops, possessives or "the".
fn normalise(name: &str) -> String {
    let name = name.trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    let mut key = String::with_capacity(name.len());
    if name.is_ascii() {
        key.extend(
            name.bytes()
                .filter(|b| !matches!(b, b'.' | b'\''))
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return key;
    }
    for c in name.chars() {
        if !matches!(c, '.' | '’' | '\'') {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Whether two names have the same lookup key ([`normalise`]), without building the keys.
fn same_key(a: &str, b: &str) -> bool {
    key_chars(a).eq(key_chars(b))
}

/// The characters of a name's lookup key ([`normalise`]).
fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let name = name.trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    name.chars()
        .filter(|c| !matches!(c, '.' | '’' | '\''))
        .flat_map(char::to_lowercase)
}

/// Whether two words differ by one letter changed, added, dropped or two swapped.
fn one_edit(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 4 || a.chars().next() != b.chars().next() {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return one_edit_in(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit_in(&a, &b)
}

fn one_edit_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        // One letter changed, or two neighbours swapped.
        std::cmp::Ordering::Equal => {
            ra.is_empty()
                || ra[1..] == rb[1..]
                || ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => rb[1..] == *ra,
    }
}

/// Finds and merges the entities of an article.
#[must_use]
pub fn find(article: &Article) -> Entities {
    let segments = segments(article);
    let mut mentions = Vec::new();
    let mut inside_sentence = HashSet::default();
    // Per segment read: its key, its words, and how many names it added to `mentions`.
    let mut read = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        // Names beyond the first few thousand add nothing but time (merging is a lookup per
        // name), so a hostile page cannot make it slow.
        if mentions.len() >= MAX_MENTIONS {
            break;
        }
        let words = words(segment.text);
        let mut found = mentions_in(i, segment.text, &words);
        // One long segment may not take the page past the limit either.
        found.truncate(MAX_MENTIONS - mentions.len());
        for m in &found {
            let w = m.word;
            if m.words == 1 && w > 0 && !words[w - 1].ends_sentence && !words[w].opens {
                inside_sentence.insert(normalise(&m.name));
            }
        }
        let key = (segment.text.as_ptr() as usize, segment.text.len());
        read.push((
            key,
            words.iter().map(WordSpan::of).collect::<Vec<_>>(),
            found.len(),
        ));
        mentions.extend(found);
    }
    let mut entities = merge(&segments, &mentions);
    entities.inside_sentence = inside_sentence;
    // Hand each segment's names back to it, in order, for the quotes stage.
    let mut rest = mentions.into_iter();
    for (key, spans, count) in read {
        let names: Vec<Mention> = rest.by_ref().take(count).collect();
        entities.read.insert(key, (spans, names));
    }
    entities
}

/// Merges mentions into entities: the fullest name wins, shorter forms become aliases.
pub(crate) fn merge(segments: &[Segment<'_>], mentions: &[Mention]) -> Entities {
    // Canonical forms first: countries and places by the gazetteer.
    let canonical = |m: &Mention| -> (String, Option<EntityKind>) {
        if let Some(country) = gazetteer::country(&m.name) {
            return (country.to_owned(), Some(EntityKind::Place));
        }
        (m.name.clone(), m.kind)
    };
    let mut entities = Entities::default();
    // Multi-word names first, so surnames find their full name.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(mentions[i].words), mentions[i].segment, i));
    let mut assigned = vec![usize::MAX; mentions.len()];
    for &i in &order {
        let m = &mentions[i];
        let (name, kind) = canonical(m);
        // "Pentagon" is its own organisation, not the surname of "VOA Pentagon".
        let known =
            m.words == 1 && matches!(kind, Some(EntityKind::Organization | EntityKind::Place));
        let found = if known {
            entities.by_name.get(&normalise(&name)).copied()
        } else {
            entities.find(&name)
        };
        let index = if let Some(index) = found {
            index
        } else {
            // A single unknown word is only kept when the words say what it is.
            if m.words == 1 && kind.is_none() {
                continue;
            }
            entities.list.push(Entity {
                name: name.clone(),
                kind: kind.unwrap_or(EntityKind::Other),
                aliases: Vec::new(),
                roles: Vec::new(),
                mentions: 0,
                first: None,
            });
            let index = entities.list.len() - 1;
            entities.by_name.insert(normalise(&name), index);
            entities.index(index);
            if kind == Some(EntityKind::Person) && m.words >= 2 {
                // Surnames stand for the whole name: "Putin" is "Vladimir Putin".
                if let Some(surname) = name.split_whitespace().last()
                    && !in_slice(&["jr.", "jr", "sr.", "sr", "ii", "iii"], surname)
                {
                    entities.by_name.entry(normalise(surname)).or_insert(index);
                }
            }
            if kind == Some(EntityKind::Organization) && m.words >= 2 {
                // "United Nations" is "UN".
                let initials: String = name
                    .split_whitespace()
                    .filter(|w| capitalised(w))
                    .filter_map(|w| w.chars().next())
                    .collect();
                if initials.chars().count() >= 2 {
                    entities
                        .by_name
                        .entry(initials.to_lowercase())
                        .or_insert(index);
                }
            }
            index
        };
        assigned[i] = index;
        let entity = &mut entities.list[index];
        if !same_key(&m.name, &entity.name) && !entity.aliases.contains(&m.name) {
            entity.aliases.push(m.name.clone());
            entities.by_name.insert(normalise(&m.name), index);
        }
        if let Some(role) = &m.role
            && !entity.roles.contains(role)
        {
            entity.roles.push(role.clone());
        }
        if entity.kind == EntityKind::Other
            && let Some(k) = kind
        {
            entity.kind = k;
        }
    }
    // "Wild Jonas Brodin" where the text also says "the Wild" and "Jonas Brodin": a team's or a
    // firm's name glued before a person's in a terse caption. A given name does not follow
    // "the"; the person is the rest of the name, as the text writes it elsewhere.
    for entity in &mut entities.list {
        let Some((head, rest)) = entity.name.split_once(' ') else {
            continue;
        };
        if entity.kind != EntityKind::Person
            || !rest.contains(' ')
            || !entity.aliases.iter().any(|a| a == rest)
        {
            continue;
        }
        let the_head = format!("the {head}");
        if segments.iter().any(|s| s.text.contains(&the_head)) {
            let rest = rest.to_owned();
            entity.aliases.retain(|a| *a != rest);
            let long = std::mem::replace(&mut entity.name, rest);
            entity.aliases.push(long);
        }
    }
    // Counts and first offsets, in text order; then order entities by first mention.
    let mut first_seen: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); entities.list.len()];
    for (i, m) in mentions.iter().enumerate() {
        let index = assigned[i];
        if index == usize::MAX {
            continue;
        }
        entities.list[index].mentions += 1;
        let position = (m.segment, m.start);
        if position < first_seen[index] {
            first_seen[index] = position;
        }
        if let Some(offset) = segments[m.segment].offset
            && entities.list[index]
                .first
                .is_none_or(|f| offset + m.start < f)
        {
            entities.list[index].first = Some(offset + m.start);
        }
    }
    let mut order: Vec<usize> = (0..entities.list.len()).collect();
    order.sort_by_key(|&i| first_seen[i]);
    let mut remap = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut list: Vec<Option<Entity>> = entities.list.into_iter().map(Some).collect();
    entities.list = order
        .iter()
        .map(|&i| list[i].take().unwrap_or_else(empty))
        .collect();
    for index in entities.by_name.values_mut() {
        *index = remap[*index];
    }
    entities.reindex();
    entities
}

fn empty() -> Entity {
    Entity {
        name: String::new(),
        kind: EntityKind::Other,
        aliases: Vec::new(),
        roles: Vec::new(),
        mentions: 0,
        first: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let w = words(text);
        mentions_in(0, text, &w)
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    fn entities_of(text: &str) -> Vec<(String, EntityKind, Vec<String>)> {
        let article = crate::extract_str(text, &crate::Options::default()).expect("extracts");
        article
            .entities
            .into_iter()
            .map(|e| (e.name, e.kind, e.aliases))
            .collect()
    }

    #[test]
    fn a_team_glued_before_a_player_in_a_caption_is_not_his_given_name() {
        let found = entities_of(
            "Parise scores twice as Wild beat Sabres\n\nMinnesota Wild Jonas Brodin (25) celebrates his goal during the second period of a hockey game against the Buffalo Sabres, Tuesday, Nov. 19, 2019, in Buffalo, N.Y. (AP Photo/Jeffrey T. Barnes)\n\nZach Parise scored twice as the Wild beat the Sabres 4-1 on Tuesday night in front of a quiet crowd.\n\nDefenseman Jonas Brodin had scored earlier for the Wild before winger Jason Zucker sealed it with an empty-net goal.\n\nThe Wild lost defenseman Matt Dumba to an undisclosed injury in the second period of the game.\n",
        );
        let brodin = found
            .iter()
            .find(|(name, ..)| name.ends_with("Brodin"))
            .expect("Brodin is found");
        assert_eq!(brodin.0, "Jonas Brodin");
        assert_eq!(brodin.1, EntityKind::Person);
        assert!(brodin.2.contains(&"Wild Jonas Brodin".to_owned()));
        assert!(
            found
                .iter()
                .any(|(name, kind, _)| name == "N.Y." && *kind == EntityKind::Place),
            "{found:?}"
        );
    }

    #[test]
    fn the_first_word_of_a_three_word_name_is_not_a_surname() {
        let found = entities_of(
            "A new book on reading\n\nThe author Ana Lucia Prado wrote the guide in Lisbon over two years of evenings and weekends.\n\nAna said the first chapter was the hardest to finish, and the last one the easiest of all.\n",
        );
        let prado = found
            .iter()
            .find(|(name, ..)| name == "Ana Lucia Prado")
            .expect("the full name is found");
        assert!(!prado.2.contains(&"Ana".to_owned()), "{found:?}");
    }

    #[test]
    fn an_adjective_inside_a_sentence_starts_a_name() {
        let found = names("Fans of the label Big Machine waited outside. Big crowds came.");
        assert!(found.contains(&"Big Machine".to_owned()), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|n| n.starts_with("Big") && n != "Big Machine")
        );
    }

    #[test]
    fn a_particle_inside_a_sentence_starts_a_name() {
        let found = names("The film starred Van Der Beek and was shot near El Paso.");
        assert!(found.contains(&"Van Der Beek".to_owned()), "{found:?}");
        assert!(found.contains(&"El Paso".to_owned()), "{found:?}");
        assert!(!names("La France est belle.").contains(&"La France".to_owned()));
        // A particle and one word is not evidently a person.
        assert_ne!(
            kind_of(&words("Al Qur’an"), false),
            Some(EntityKind::Person)
        );
    }

    #[test]
    fn he_as_a_surname() {
        let found = names("“Why now?” He Jianxiong, a former official, asked.");
        assert!(found.contains(&"He Jianxiong".to_owned()), "{found:?}");
        assert!(
            !names("He Googled it, then left.")
                .iter()
                .any(|n| n.starts_with("He"))
        );
    }

    #[test]
    fn peoples_stays_inside_a_name() {
        let found = names("A commentary in the People’s Daily said so.");
        assert!(found.contains(&"People’s Daily".to_owned()), "{found:?}");
    }

    #[test]
    fn productions_is_a_company() {
        let w = words("Northern Star Productions");
        assert_eq!(kind_of(&w, false), Some(EntityKind::Organization));
    }

    #[test]
    fn a_name_glued_to_its_own_card_ends_at_the_glue() {
        let found = names(
            "Gov. Jane DoeJane Ann DoeState governor signs budget Budget passes MORE (R) signed it.",
        );
        assert!(found.contains(&"Jane Doe".to_owned()), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|n| n.contains("DoeJane") || n.contains("Ann")),
            "{found:?}"
        );
        // A capital inside a name that repeats nothing is not a glue.
        assert!(names("The chain McDonald said so.").contains(&"McDonald".to_owned()));
    }

    #[test]
    fn names_with_titles_between_them_are_cut_apart_without_recursion() {
        let found = names("Volodymyr Zelenskyy President of Ukraine spoke.");
        assert_eq!(found, ["Ukraine", "Volodymyr Zelenskyy"], "{found:?}");
        // "Chief" is both a title and a word that never starts a name: each title starts a
        // piece that is cut again. Forty thousand of them must not take one stack frame each.
        let text = format!("It said {}.", "Jon Doe Chief ".repeat(40_000));
        let found = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || names(&text))
            .expect("a thread")
            .join()
            .expect("no stack overflow");
        assert_eq!(found.len(), 40_000);
        assert!(found.iter().all(|n| n == "Jon Doe"), "{:?}", &found[..3]);
    }

    #[test]
    fn every_glued_name_in_a_segment_ends_at_its_glue() {
        let found = names("Jane DoeJane Ann said so. Then Mark LeeMark Bo left.");
        assert!(found.contains(&"Jane Doe".to_owned()), "{found:?}");
        assert!(found.contains(&"Mark Lee".to_owned()), "{found:?}");
    }

    #[test]
    fn alphanumeric_agrees_with_unicode() {
        for c in [
            'a', 'Z', '7', '“', '’', '—', '…', '‰', 'é', 'Ж', '中', '²', ' ', '.',
        ] {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c}");
        }
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c}");
        }
    }

    #[test]
    fn same_key_is_normalise_without_the_keys() {
        for (a, b) in [
            ("the Kremlin", "Kremlin"),
            ("U.S.", "US"),
            ("O’Brien", "OBrien"),
            ("Zelenskyy", "Zelenskyy"),
            ("Zelenskyy", "Zelensky"),
            ("Полина", "полина"),
        ] {
            assert_eq!(same_key(a, b), normalise(a) == normalise(b), "{a} / {b}");
        }
    }

    #[test]
    fn word_sets_ignore_case_and_reject_other_words() {
        assert!(FUNCTION_WORDS.contains("The"));
        assert!(FUNCTION_WORDS.contains("THE"));
        assert!(!FUNCTION_WORDS.contains("Theresa"));
        assert!(!FUNCTION_WORDS.contains(""));
        assert!(ORGANISATION_NAMES.contains("Élysée"));
        assert!(!ORGANISATION_NAMES.contains("Putin’s"));
    }

    #[test]
    fn one_edit_catches_typos_not_other_names() {
        assert!(one_edit("zelenskyy", "zelenksyy"));
        assert!(one_edit("putin", "puten"));
        assert!(!one_edit("trump", "trump"));
        assert!(!one_edit("biden", "bidden1"));
    }

    #[test]
    fn words_keep_initials_and_drop_possessives() {
        let w = words("Putin's regime told the U.S. on Monday, \"we will\" J. Smith.");
        let texts: Vec<&str> = w.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            [
                "Putin", "regime", "told", "the", "U.S.", "on", "Monday", "we", "will", "J.",
                "Smith"
            ]
        );
        assert!(w[0].possessive);
        assert!(w[6].closes);
        assert!(w[7].opens);
        assert!(w[10].ends_sentence);
    }
}
