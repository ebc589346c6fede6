//! Stage 5a: quotations and who said them.
//!
//! Spans between quotation marks (`"…"`, `“…”`, `‘…’`, `«…»`, `„…“`, `‹…›`, `「…」`) are found
//! per paragraph, and carried over paragraphs when a quote's paragraphs each open with a mark
//! and only the last closes. A span is speech when it reads like a clause, or when a speech
//! verb stands in its sentence; names of shows and scare quotes are not. The speaker is the
//! name, pronoun or description next to the cue ("…," Ryabkov said; Zelenskyy said he is ready
//! to "do a deal"), resolved through [`Entities`] to the fullest name. Sentences that report
//! speech without marks ("Zelenskyy said he was ready to…") give indirect quotes.

use crate::entities::{
    self, Entities, Mention, Word, WordSet, capitalised, in_slice, mentions_in, words,
};
use crate::{Article, BodyKind, EntityKind, Quote, QuoteKind, QuotePlace, Speaker};

/// Longest paragraph searched for quotes, in bytes; longer ones (never seen in an article) are
/// skipped so a hostile page cannot make the search quadratic.
const MAX_PARAGRAPH_BYTES: usize = 16 << 10;

/// Most quotation spans looked at in one paragraph.
const MAX_QUOTES_PER_PARAGRAPH: usize = 64;

/// Verbs and phrases that report speech, in the languages the corpus has.
static SPEECH_VERBS: WordSet = WordSet::new(&[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "write",
    "writes",
    "wrote",
    "written",
    "writing",
    "tweets",
    "tweeted",
    "ask",
    "asks",
    "asked",
    "explain",
    "explains",
    "explained",
    "notes",
    "noted",
    "states",
    "stated",
    "continues",
    "continued",
    "insist",
    "insists",
    "insisted",
    "warn",
    "warns",
    "warned",
    "warning",
    "argue",
    "argues",
    "argued",
    "claims",
    "claimed",
    "declares",
    "declared",
    "replies",
    "replied",
    "responds",
    "responded",
    "recalls",
    "recalled",
    "admits",
    "admitted",
    "announces",
    "announced",
    "posted",
    "comments",
    "commented",
    "remarked",
    "reiterates",
    "reiterated",
    "stresses",
    "stressed",
    "acknowledges",
    "acknowledged",
    "suggests",
    "suggested",
    "urges",
    "urged",
    "predicts",
    "predicted",
    "testified",
    "concedes",
    "conceded",
    "joked",
    "quipped",
    "cautioned",
    "emphasized",
    "emphasised",
    "observed",
    "confirms",
    "confirmed",
    "confirming",
    "promised",
    "promises",
    "vowed",
    "vows",
    "pledged",
    "describes",
    "described",
    "calls",
    "called",
    "dubbed",
    "labelled",
    "labeled",
    "denies",
    "denied",
    "boasted",
    "complained",
    "lamented",
    "shouted",
    "yelled",
    "screamed",
    "whispered",
    "chanted",
    "touted",
    "hailed",
    "praised",
    "blasted",
    "slammed",
    "accused",
    "demanded",
    "mused",
    "sighed",
    "laughed",
    "agreed",
    "agrees",
    "disagreed",
    "thinks",
    "believes",
    "believed",
    "estimated",
    "concluded",
    "revealed",
    "reveals",
    "captioned",
    "messaged",
    "texted",
    "emailed",
    "wonders",
    "wondered",
    "recounted",
    "recounts",
    "elaborated",
    "objected",
    "countered",
    "retorted",
    "snapped",
    "told",
    "rejected",
    "dismissed",
    "called",
    "referred",
    "characterized",
    "characterised",
    "insisting",
    "noting",
    "explaining",
    "arguing",
    "claiming",
    "describing",
    "asking",
    "stating",
    "calling",
    "writes",
    "pleaded",
    "begged",
    "assured",
    "reassured",
    "informed",
    "advised",
    "threatened",
    "thundered",
    "signaled",
    "signalled",
    "indicated",
    "conceding",
    "admitting",
    "acknowledging",
    "recalling",
    "telling",
    "adding",
    "remembered",
    "declaring",
    "urging",
    "ordered",
    "ordering",
    "shouting",
    "yelling",
    "chanting",
    "tweeting",
    "posting",
    "responding",
    "replying",
    "announcing",
    "introduced",
    "vowing",
    "promising",
    "remembers",
    "weighed",
    "rejected",
    "chimed",
    "saying",
    // German, French, Portuguese, Spanish, Italian, Russian.
    "sagte",
    "sagt",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "meinte",
    "meint",
    "schrieb",
    "schreibt",
    "fügte",
    "dit",
    "déclaré",
    "déclare",
    "explique",
    "expliqué",
    "affirme",
    "affirmé",
    "estime",
    "ajoute",
    "ajouté",
    "selon",
    "disse",
    "diz",
    "afirmou",
    "afirma",
    "declarou",
    "explicou",
    "contou",
    "segundo",
    "escreveu",
    "dijo",
    "afirmó",
    "según",
    "explicó",
    "señaló",
    "detto",
    "dichiarato",
    "spiegato",
    "secondo",
    "dice",
    "сказал",
    "сказала",
    "заявил",
    "заявила",
    "отметил",
    "отметила",
    "говорит",
    "пожаловалась",
    "пожаловался",
    "призналась",
    "признался",
    "рассказала",
    "рассказал",
    "пишет",
    "написала",
    "написал",
    "добавил",
    "добавила",
    "словам",
    "считает",
    "подчеркнул",
    "подчеркнула",
]);

/// Speech verbs that also report speech without quotation marks (indirect speech).
static REPORTING_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "added",
    "reiterated",
    "warned",
    "argued",
    "claimed",
    "insisted",
    "stressed",
    "noted",
    "explained",
    "announced",
    "confirmed",
    "acknowledged",
    "admitted",
    "suggested",
    "predicted",
    "wrote",
    "stated",
    "declared",
    "promised",
    "vowed",
    "denied",
    "testified",
    "conceded",
    "emphasized",
    "emphasised",
    "maintained",
    "contended",
]);

/// Words between a subject and its verb that do not change who speaks.
static AUXILIARIES: WordSet = WordSet::new(&[
    "has",
    "have",
    "had",
    "also",
    "previously",
    "later",
    "recently",
    "then",
    "once",
    "repeatedly",
    "reportedly",
    "publicly",
    "again",
    "earlier",
    "is",
    "was",
    "were",
    "are",
    "would",
    "will",
    "had",
    "been",
    "being",
    "apparently",
    "first",
    "further",
    "simply",
    "just",
    "quickly",
    "flatly",
    "bluntly",
    "subsequently",
    "told",
    "has",
    "often",
    "never",
    "ever",
    "already",
    "privately",
    "famously",
    "initially",
    "finally",
    "last",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "tonight",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "then-president",
    "had",
    "could",
    "did",
    "instead",
    "further",
    "reportedly",
    "later",
    "again",
    "still",
    "since",
    "even",
    "now",
    "never",
    "not",
    "also",
]);

/// The nearest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether text ends with a speaker speaking of themself: "I said,", "I told them:".
fn first_person_cue(before: &str) -> bool {
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .rev()
        .take(3)
        .any(|w| *w == "I" || *w == "we" || *w == "We")
        && words.iter().rev().take(3).any(|w| speech_verb(w))
}

/// Whether a lower-case word may sit inside a title ("Dancing with the Stars").
fn in_list_any(word: &str) -> bool {
    in_slice(
        &[
            "with", "the", "of", "and", "a", "an", "in", "on", "for", "to", "at",
        ],
        word,
    )
}

/// Whether a word is a speech verb: in the list and in lower case ("States" is not "states").
fn speech_verb(word: &str) -> bool {
    !capitalised(word) && lower_in(&SPEECH_VERBS, word)
}

/// Whether a word between a subject and its verb can be skipped: an auxiliary or an adverb.
fn skippable(word: &str) -> bool {
    lower_in(&AUXILIARIES, word)
        || word.len() > 4 && word.ends_with("ly") && word.chars().all(char::is_lowercase)
}

/// Pronouns that stand for a speaker.
static PRONOUNS: WordSet = WordSet::new(&[
    "he", "she", "they", "er", "sie", "il", "elle", "ele", "ela", "он", "она",
]);

/// Prepositions: a name after one is not the subject of the sentence.
static PREPOSITIONS: WordSet = WordSet::new(&[
    "in", "of", "at", "for", "from", "with", "by", "to", "about", "on", "against", "into", "than",
    "like", "via", "under", "over", "between", "among", "toward", "towards",
]);

/// Verbs that may come before their subject: "…," said Ryabkov.
static INVERTING_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "wrote",
    "writes",
    "continued",
    "explained",
    "explains",
    "noted",
    "recalled",
    "replied",
    "tweeted",
    "warned",
    "insisted",
    "remarked",
    "observed",
    "stated",
    "declared",
    "according to",
    "concluded",
    "posted",
    "told",
    "tells",
]);

/// Words that end a description after its noun ("a spokesperson when contacted").
static DESCRIPTION_STOPS: WordSet = WordSet::new(&[
    "when", "who", "which", "that", "in", "at", "on", "for", "of", "to", "with", "from", "after",
    "before", "during", "as", "told", "said", "says", "and", "but", "while", "because",
]);

/// Nouns of descriptions that stand for the head of a state or government.
static LEADER_NOUNS: WordSet = WordSet::new(&[
    "leader",
    "president",
    "premier",
    "minister",
    "chancellor",
    "king",
    "queen",
    "ruler",
]);

fn lower_in(set: &WordSet, word: &str) -> bool {
    set.contains(word)
}

/// A quotation mark pair found in a text: the inner byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// Byte offset of the first character inside the marks.
    start: usize,
    /// Byte offset just past the last character inside the marks.
    end: usize,
    /// Whether the closing mark was found in this text.
    closed: bool,
    /// Whether the marks are single quotation marks.
    single: bool,
}

fn opening_double(c: char) -> Option<&'static [char]> {
    match c {
        '“' => Some(&['”', '"']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        '‹' => Some(&['›']),
        '「' => Some(&['」']),
        '『' => Some(&['』']),
        '"' => Some(&['"', '”']),
        '»' => Some(&['«']),
        _ => None,
    }
}

/// The next character at or after byte `from` that `wanted` accepts, among the quotation
/// marks: only bytes that can start one (`"`, `'`, and the lead bytes of `«»`, `“”„‹‘’‚` and
/// `「」『』`) are decoded, so a paragraph is scanned byte by byte.
fn next_mark(text: &str, from: usize, wanted: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let rel = bytes[at..]
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2 | 0xE3))?;
        at += rel;
        if let Some(c) = text.get(at..).and_then(|t| t.chars().next())
            && wanted(c)
        {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The spans between quotation marks in one text, in order.
fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(at) = next_mark(text, pos, |c| opening_double(c).is_some()) {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let Some(closers) = opening_double(c) else {
            break;
        };
        let start = at + c.len_utf8();
        pos = start;
        // German »…« only where the text uses it that way round.
        if c == '»' && !text[at..].contains('«') {
            continue;
        }
        // A straight quote closing a word ("12" screen) is not an opening mark.
        if c == '"'
            && text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && text[start..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_alphanumeric())
        {
            continue;
        }
        let Some(k) = text[start..].find(|d| closers.contains(&d)) else {
            // No closing mark: the quote goes on into the next paragraph.
            if start < text.len() {
                out.push(Span {
                    start,
                    end: text.len(),
                    closed: false,
                    single: false,
                });
            }
            break;
        };
        let end = start + k;
        if end > start {
            out.push(Span {
                start,
                end,
                closed: true,
                single: false,
            });
        }
        pos = end + text[end..].chars().next().map_or(1, char::len_utf8);
    }
    out.extend(single_spans(text));
    out.sort_by_key(|s| s.start);
    out
}

/// Spans between single quotation marks: an opening mark at a word's start and a closing mark
/// at a word's end (not an apostrophe: "Putin's", "'90s", "rock 'n' roll").
fn single_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(at) = next_mark(text, pos, |c| matches!(c, '‘' | '\'' | '‚')) {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let start = at + c.len_utf8();
        pos = start;
        // Most marks are apostrophes inside words: only a mark after a non-letter and before a
        // letter opens.
        let opens = text[..at]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric())
            && text[start..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphabetic() || n == '.');
        if !opens {
            continue;
        }
        // The closing mark within 400 characters of the opening one, not in the first.
        let window: Vec<(usize, char)> = text[start..]
            .char_indices()
            .take(401)
            .map(|(i, d)| (start + i, d))
            .collect();
        let mut found = None;
        for k in 1..window.len().min(399) {
            let (end, d) = window[k];
            if matches!(d, '’' | '\'' | '‘')
                && window[k - 1].1 != ' '
                && window.get(k + 1).is_none_or(|&(_, n)| !n.is_alphanumeric())
                // "the players' union": a plural possessive, not a closing mark.
                && !(window[k - 1].1 == 's' && window.get(k + 1).is_some_and(|&(_, n)| n == ' ')
                    && window.get(k + 2).is_some_and(|&(_, n)| n.is_lowercase()))
            {
                found = Some((end, d));
                break;
            }
            if d == '\n' {
                break;
            }
        }
        if let Some((end, d)) = found {
            if text[start..end].split_whitespace().count() >= 1 && end > start {
                out.push(Span {
                    start,
                    end,
                    closed: true,
                    single: true,
                });
            }
            pos = end + d.len_utf8();
        }
    }
    out
}

/// One text the quotes are searched in, with its place in the article.
#[derive(Debug, Clone, Copy)]
struct Source<'a> {
    text: &'a str,
    place: QuotePlace,
    paragraph: Option<usize>,
    media: Option<usize>,
    /// Byte offset of `text` in the text the offsets refer to.
    offset: usize,
}

/// The article's texts that may hold quotes, each with its own words and names.
struct Para<'a> {
    source: Source<'a>,
    words: Vec<Word<'a>>,
    mentions: Vec<Mention>,
    spans: Vec<Span>,
    /// Byte offsets of the full stops, question and exclamation marks that end a sentence
    /// (before a space or at the end, not after an abbreviation), with whether a space follows.
    stops: std::cell::OnceCell<Vec<(usize, bool)>>,
    /// The entity each mention names, once looked up (aligned with `mentions`).
    entity: Vec<std::cell::Cell<Looked>>,
}

/// A mention's entity as far as it was looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Looked {
    /// Not looked up yet.
    Not,
    /// The entity it names.
    Found(usize),
    /// No entity (when it was looked up).
    Missing,
}

impl Para<'_> {
    /// The sentence around a byte range: from the last sentence end before it to the next
    /// after.
    fn sentence_around(&self, start: usize, end: usize) -> (usize, usize) {
        let text = self.source.text;
        let start = floor_boundary(text, start.min(text.len()));
        let end = floor_boundary(text, end.min(text.len())).max(start);
        let stops = self.stops.get_or_init(|| sentence_stops(text));
        let before = stops.partition_point(|&(i, _)| i < start);
        let from = stops[..before]
            .iter()
            .rev()
            .find(|&&(_, space)| space)
            .map_or(0, |&(i, _)| i + 1);
        let after = stops.partition_point(|&(i, _)| i < end);
        let to = stops.get(after).map_or(text.len(), |&(i, _)| i + 1);
        (from, to.max(end).min(text.len()))
    }

    /// The entity a mention of this paragraph names, looked up once (a name not found is
    /// looked up again after speakers were added).
    fn entity_of(&self, m: &Mention, entities: &Entities) -> Option<usize> {
        let k = self
            .mentions
            .partition_point(|x| (x.word, x.words) < (m.word, m.words));
        let Some(cell) = self
            .entity
            .get(k)
            .filter(|_| self.mentions[k].start == m.start)
        else {
            return entities.find(&m.name);
        };
        match cell.get() {
            Looked::Found(e) => Some(e),
            Looked::Missing if !entities.grew() => None,
            _ => {
                let e = entities.find(&m.name);
                cell.set(e.map_or(Looked::Missing, Looked::Found));
                e
            }
        }
    }
    /// Whether a byte offset lies inside quotation marks.
    fn quoted(&self, pos: usize) -> bool {
        self.spans.iter().any(|s| s.start <= pos && pos < s.end)
    }

    /// The name starting at word `i`, if any (mentions are in word order).
    fn mention_at(&self, i: usize) -> Option<&Mention> {
        let at = self.mentions.partition_point(|m| m.word < i);
        self.mentions.get(at).filter(|m| m.word == i)
    }
}

/// Who spoke last and who was named last, for pronouns.
#[derive(Debug, Default)]
struct Memory {
    /// The last speaker and the paragraph of that quote.
    speaker: Option<(usize, usize)>,
    /// The subjects of the last paragraphs naming a person, with their paragraphs, newest last.
    persons: Vec<(usize, usize)>,
    /// The last organisation that was a sentence's subject, and its paragraph: what "they" and
    /// "it" say for a company or a ministry.
    org: Option<(usize, usize)>,
    /// Per entity, how often "he"/"his" and "she"/"her" follow it as a sentence's subject,
    /// and its honorific ("Mr.", "Ms."), so "she" does not go back to a man.
    gender: rustc_hash::FxHashMap<usize, (u32, u32)>,
}

impl Memory {
    /// Whether what the article says of entity `e` rules out the pronoun `word`.
    fn contradicts(&self, e: usize, word: &str) -> bool {
        let Some(&(he, she)) = self.gender.get(&e) else {
            return false;
        };
        match word.to_lowercase().as_str() {
            "he" => she > he,
            "she" => he > she,
            _ => false,
        }
    }
}

/// Learns which pronouns follow each person: in every sentence of the body whose subject is a
/// named person, the "he" and "she" after the name (outside quotes) count for that person, and
/// so do "his/him" and "her/hers" while no one else has been named since; "Mr."/"Ms."/"Mrs."
/// before the name count double.
fn learn_genders(paras: &[Para<'_>], entities: &Entities, memory: &mut Memory) {
    for para in paras {
        let mut subject: Option<usize> = None;
        // Whether another person was named after the subject in this sentence: "his" and "her"
        // then may be theirs.
        let mut other = false;
        let quotes = !para.spans.is_empty();
        // The next mention at or after the current word (mentions are in word order).
        let mut next = 0;
        for (i, w) in para.words.iter().enumerate() {
            while para.mentions.get(next).is_some_and(|m| m.word < i) {
                next += 1;
            }
            let here = para.mentions.get(next).filter(|m| m.word == i);
            if quotes && para.quoted(w.start) {
                continue;
            }
            if subject.is_some() && here.is_some() {
                other = true;
            }
            if subject.is_none()
                && let Some(m) = here
                && let Some(e) = para.entity_of(m, entities)
                && entities.list[e].kind == EntityKind::Person
            {
                subject = Some(e);
                other = false;
                let counts = memory.gender.entry(e).or_default();
                match m.role.as_deref().map(str::to_lowercase).as_deref() {
                    Some("mr." | "mr" | "sir" | "lord" | "king" | "prince") => counts.0 += 2,
                    Some(
                        "ms." | "ms" | "mrs." | "mrs" | "miss" | "dame" | "lady" | "queen"
                        | "princess",
                    ) => {
                        counts.1 += 2;
                    }
                    _ => {}
                }
            } else if let Some(e) = subject
                && w.text.len() <= 7
                && matches!(w.text.as_bytes()[0], b'h' | b'H' | b's' | b'S')
            {
                let counts = memory.gender.entry(e).or_default();
                if in_slice(&["he", "himself"], w.text)
                    || !other && in_slice(&["his", "him"], w.text)
                {
                    counts.0 += 1;
                } else if in_slice(&["she", "herself"], w.text)
                    || !other && in_slice(&["her", "hers"], w.text)
                {
                    counts.1 += 1;
                }
            }
            if w.ends_sentence {
                subject = None;
            }
        }
    }
}

/// Finds the quotes of an article; speakers are resolved through (and added to) `entities`.
#[must_use]
pub fn find(article: &Article, entities: &mut Entities) -> Vec<Quote> {
    let mut sources = Vec::new();
    let mut offset = 0;
    for (i, block) in article.body.iter().enumerate() {
        if block.kind != BodyKind::Table && block.kind != BodyKind::Preformatted {
            sources.push(Source {
                text: &block.text,
                place: QuotePlace::Body,
                paragraph: Some(i),
                media: None,
                offset,
            });
        }
        offset += block.text.len() + 2;
    }
    let body_count = sources.len();
    for (text, place) in [
        (&article.title, QuotePlace::Title),
        (&article.subtitle, QuotePlace::Subtitle),
    ] {
        if let Some(text) = text {
            sources.push(Source {
                text,
                place,
                paragraph: None,
                media: None,
                offset: 0,
            });
        }
    }
    for (i, media) in article.media.iter().enumerate() {
        if let Some(caption) = &media.caption {
            sources.push(Source {
                text: caption,
                place: QuotePlace::Caption,
                paragraph: None,
                media: Some(i),
                offset: 0,
            });
        }
    }
    let paras: Vec<Para<'_>> = sources
        .into_iter()
        .enumerate()
        .map(|(i, source)| {
            // A paragraph far longer than any article's is analysed for nothing: the rules look
            // around each quote, and a megabyte of quotes would take quadratic time.
            if source.text.len() > MAX_PARAGRAPH_BYTES {
                return Para {
                    spans: Vec::new(),
                    source,
                    words: Vec::new(),
                    mentions: Vec::new(),
                    stops: std::cell::OnceCell::from(Vec::new()),
                    entity: Vec::new(),
                };
            }
            let (words, mut mentions) = entities.take_read(source.text).unwrap_or_else(|| {
                let words = words(source.text);
                let mentions = mentions_in(i, source.text, &words);
                (words, mentions)
            });
            mentions.sort_by_key(|m| (m.word, m.words));
            let mut spans = spans(source.text);
            spans.truncate(MAX_QUOTES_PER_PARAGRAPH);
            Para {
                stops: std::cell::OnceCell::new(),
                entity: vec![std::cell::Cell::new(Looked::Not); mentions.len()],
                source,
                words,
                mentions,
                spans,
            }
        })
        .collect();

    let mut quotes = Vec::new();
    let mut memory = Memory::default();
    learn_genders(&paras[..body_count], entities, &mut memory);
    let mut open: Option<(Quote, String)> = None;
    let mut headings: Vec<(usize, Quote)> = Vec::new();
    let mut skipped = 0;
    for (p, para) in paras.iter().enumerate() {
        let in_body = p < body_count;
        if !in_body {
            memory = Memory::default();
        }
        let text = para.source.text;
        let found = &para.spans;
        // A quote carried over from earlier paragraphs; its span here is used up.
        let mut carried = false;
        if let Some((mut quote, mut joined)) = open.take() {
            let first = found.first().copied();
            // A short line without marks between the quote's paragraphs (a caption or a
            // "SEE MORE" link left in the page's text) does not end it.
            if first.is_none() && in_body && skipped < 3 && para.words.len() <= 20 {
                skipped += 1;
                open = Some((quote, joined));
                continue;
            }
            skipped = 0;
            match first {
                // Only a body paragraph goes on with a body quote: a caption after the body
                // has offsets of its own.
                Some(span) if in_body && span.start <= text.len().min(4) && !span.single => {
                    carried = true;
                    joined.push(' ');
                    joined.push_str(text[span.start..span.end].trim());
                    quote.end = para.source.offset + span.end;
                    if span.closed {
                        quote.text = joined;
                        finish_carried(&mut quote, para, span, entities, &mut memory, p);
                        quotes.push(quote);
                    } else {
                        open = Some((quote, joined));
                        continue;
                    }
                }
                _ => {
                    // The next paragraph does not go on with it: the quote ends where it was.
                    quote.text = joined;
                    quotes.push(quote);
                }
            }
        }
        for span in found.iter().skip(usize::from(carried)) {
            if quotes.last().is_some_and(|q: &Quote| {
                q.paragraph == para.source.paragraph
                    && q.place == para.source.place
                    && q.media == para.source.media
                    && q.end > para.source.offset + span.start
            }) && !span.single
            {
                continue;
            }
            let Some(mut quote) = judge(para, *span, entities, &mut memory, p) else {
                // A heading that is only a few quoted words ("6. “The Gordon problem”") is
                // speech if the body quotes the same words from someone.
                if let Some(heading) = heading_quote(para, *span) {
                    headings.push((quotes.len(), heading));
                }
                continue;
            };
            // "And I said, ‘I want more.’" inside someone's quote: the outer speaker's words.
            if span.single
                && quote.speaker.is_none()
                && let Some(outer) = quotes.iter().rev().take(8).find(|q| {
                    q.place == para.source.place
                        && q.paragraph == para.source.paragraph
                        && q.start <= para.source.offset + span.start
                        && q.end >= para.source.offset + span.end
                })
                && first_person_cue(
                    &text[floor_boundary(text, span.start.saturating_sub(40))..span.start],
                )
            {
                quote.speaker.clone_from(&outer.speaker);
            }
            // A testimonial: a paragraph that is all quote, signed on the next line ("Jane D.",
            // "— Man**"), the way reviews and pull quotes are laid out.
            if quote.speaker.is_none()
                && in_body
                && span.closed
                && span.start <= 4
                && !text[span.end..].chars().any(char::is_alphanumeric)
                && p + 1 < body_count
                && let Some(name) = signature(paras[p + 1].source.text)
            {
                // A masked name ("Ali***") is only ever itself.
                let known = if name.contains('*') {
                    entities.find_exact(name)
                } else {
                    entities.find(name)
                };
                let e = known.unwrap_or_else(|| entities.add(name, EntityKind::Person));
                quote.speaker = Some(speaker_of(entities, e, None));
            }
            if !span.closed && in_body {
                let joined = text[span.start..span.end].trim().to_owned();
                quote.end = para.source.offset + span.end;
                open = Some((quote, joined));
                break;
            }
            quotes.push(quote);
        }
        if in_body {
            indirect(para, found, entities, &mut memory, p, &mut quotes);
            remember_subjects(para, entities, &mut memory, p);
        }
    }
    if let Some((mut quote, joined)) = open {
        quote.text = joined;
        quotes.push(quote);
    }
    // A short phrase quoted three times or more is a slogan or a name ("Meth. We're on it."),
    // not something someone said.
    let key = |text: &str| {
        text.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in quotes.iter().filter(|q| q.kind != QuoteKind::Indirect) {
        if q.text.split_whitespace().count() <= 6 {
            *counts.entry(key(&q.text)).or_default() += 1;
        }
    }
    quotes.retain(|q| {
        q.kind == QuoteKind::Indirect
            || q.text.split_whitespace().count() > 6
            || counts.get(&key(&q.text)).is_none_or(|&n| n < 3)
    });
    echoes(&mut quotes, headings);
    quotes
}

/// The lower-case words of a text, for comparing quotes.
fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Pull quotes and headings repeat words someone is quoted saying elsewhere in the article
/// ("My fears have been realized" over a paragraph quoting the whole statement): a quote of
/// three words or more with no speaker takes the speaker of another quote that holds its words,
/// and a heading set aside for want of a cue (`headings`, with where it goes in `quotes`) is
/// kept when such a quote exists.
fn echoes(quotes: &mut Vec<Quote>, headings: Vec<(usize, Quote)>) {
    // A quote inside another (someone quoting someone) is not an echo of it.
    let inside = |a: &Quote, b: &Quote| {
        a.place == b.place
            && a.paragraph == b.paragraph
            && a.media == b.media
            && b.start <= a.start
            && a.end <= b.end
    };
    let said: Vec<(Vec<String>, usize)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind != QuoteKind::Indirect && q.speaker.is_some())
        .map(|(i, q)| (plain_words(&q.text), i))
        .collect();
    if said.is_empty() {
        return;
    }
    let source = |words: &[String], not: Option<usize>| -> Option<usize> {
        if words.len() < 3 {
            return None;
        }
        said.iter()
            .find(|(w, i)| {
                Some(*i) != not
                    && w.len() >= words.len()
                    && w.windows(words.len()).any(|x| x == words)
            })
            .map(|&(_, i)| i)
    };
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_none() && quotes[i].kind != QuoteKind::Indirect {
            let words = plain_words(&quotes[i].text);
            if let Some(j) = source(&words, Some(i))
                && !inside(&quotes[i], &quotes[j])
            {
                let speaker = quotes[j].speaker.clone();
                quotes[i].speaker = speaker;
            }
        }
    }
    for (at, mut heading) in headings.into_iter().rev() {
        let words = plain_words(&heading.text);
        if let Some(j) = source(&words, None) {
            heading.speaker.clone_from(&quotes[j].speaker);
            heading.kind = if words.len() * 2 < plain_words(&quotes[j].text).len() {
                QuoteKind::Partial
            } else {
                quotes[j].kind
            };
            quotes.insert(at.min(quotes.len()), heading);
        }
    }
}

/// A paragraph that is nothing but a quotation (after a list number: "6. “The Gordon
/// problem”"), as a quote without a speaker.
fn heading_quote(para: &Para<'_>, span: Span) -> Option<Quote> {
    let text = para.source.text;
    if !span.closed || span.single || para.source.place != QuotePlace::Body {
        return None;
    }
    let before = text[..span.start].trim_end_matches(|c: char| !c.is_alphanumeric());
    let numbered = before
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace());
    if !numbered || text[span.end..].chars().any(char::is_alphanumeric) {
        return None;
    }
    let raw = &text[span.start..span.end];
    let inner = raw.trim();
    let start = para.source.offset + span.start + (raw.len() - raw.trim_start().len());
    Some(Quote {
        text: inner.to_owned(),
        kind: QuoteKind::Partial,
        speaker: None,
        cue: None,
        place: para.source.place,
        paragraph: para.source.paragraph,
        media: para.source.media,
        start,
        end: start + inner.len(),
    })
}

/// The name on a line that signs the quote above it: one to four capitalised words, each a
/// name or a masked name ("Man**", "Jo** Al****"), after an optional dash, before an optional
/// comma ("— Jane Doe, Chicago").
fn signature(line: &str) -> Option<&str> {
    let line = line
        .trim()
        .trim_start_matches(['—', '–', '-', '~', '―'])
        .trim_start();
    if line.split_whitespace().count() > 8 || line.len() > 64 {
        return None;
    }
    let name = line.split(',').next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = |w: &str| {
        let letters = w.trim_end_matches('*');
        let masked = letters.len() < w.len();
        capitalised(letters)
            && (entities::person_word(letters)
                || masked && letters.chars().all(char::is_alphabetic))
            && (masked || letters.chars().skip(1).any(char::is_lowercase))
    };
    (!words.is_empty()
        && words.len() <= 4
        && name.len() <= 48
        && words.iter().all(|w| name_like(w)))
    .then_some(name)
}

/// Follows who the paragraph is about: each sentence whose first person-or-pronoun (outside
/// quotation marks) is a named person makes that person the one a later "he" or "she" means;
/// a sentence that starts from a pronoun keeps the person it means.
fn remember_subjects(para: &Para<'_>, entities: &Entities, memory: &mut Memory, p: usize) {
    // A photo caption left in the text, signed with a credit ("… in 2019. Jane Doe / AP"),
    // does not change whom the story is about.
    if para.mentions.iter().any(|m| credit(para, m)) {
        return;
    }
    let outside = |pos: usize| !para.quoted(pos);
    let mut i = 0;
    let mut sentence_open = true;
    let mut org_seen = false;
    while i < para.words.len() {
        let w = &para.words[i];
        if sentence_open && outside(w.start) {
            // (The pronouns are six bytes long at most.)
            if w.text.len() <= 6 && lower_in(&PRONOUNS, w.text) {
                sentence_open = false;
            } else if let Some(m) = para.mention_at(i) {
                if let Some(e) = para.entity_of(m, entities)
                    && !para.words[m.word + m.words - 1].possessive
                {
                    match entities.list[e].kind {
                        // "… owned by talent manager Scooter Braun" names someone who is not
                        // what the sentence is about.
                        EntityKind::Person if in_prepositional_phrase(para, m) => {}
                        EntityKind::Person => {
                            memory.persons.retain(|&(x, _)| x != e);
                            memory.persons.push((e, p));
                            if memory.persons.len() > 6 {
                                memory.persons.remove(0);
                            }
                            sentence_open = false;
                        }
                        EntityKind::Organization | EntityKind::Other
                            if !org_seen && !in_prepositional_phrase(para, m) =>
                        {
                            memory.org = Some((e, p));
                            org_seen = true;
                        }
                        _ => {}
                    }
                }
                i = m.word + m.words;
                if para.words[i - 1].ends_sentence {
                    sentence_open = true;
                    org_seen = false;
                }
                continue;
            }
        }
        if w.ends_sentence {
            sentence_open = true;
            org_seen = false;
        }
        i += 1;
    }
}

/// Attributes a quote that ended in a later paragraph: "…," he said, after the last mark.
fn finish_carried(
    quote: &mut Quote,
    para: &Para<'_>,
    span: Span,
    entities: &mut Entities,
    memory: &mut Memory,
    p: usize,
) {
    if quote.speaker.is_none()
        && let Some((speaker, cue)) = after(para, span.end, entities, memory, p)
    {
        quote.speaker = Some(speaker);
        quote.cue = Some(cue);
    }
    if let Some(e) = quote.speaker.as_ref().and_then(|s| s.entity) {
        memory.speaker = Some((e, p));
    }
}

/// Decides whether a span is speech, of what kind, and who said it.
fn judge(
    para: &Para<'_>,
    span: Span,
    entities: &mut Entities,
    memory: &mut Memory,
    p: usize,
) -> Option<Quote> {
    let text = para.source.text;
    let inner = text[span.start..span.end].trim();
    let inner_words: Vec<&str> = inner.split_whitespace().collect();
    if inner_words.is_empty() || !inner.chars().any(char::is_alphabetic) {
        return None;
    }
    // A few words in single marks inside someone's quote ("you have not fixed the 'Giuliani
    // problem'?") are the speaker's scare quotes, not a second voice.
    if span.single
        && inner_words.len() <= 3
        && !inner.ends_with(['.', '!', '?'])
        && para
            .spans
            .iter()
            .any(|o| !o.single && o.start < span.start && span.end <= o.end)
    {
        return None;
    }
    let (sentence_start, sentence_end) = para.sentence_around(span.start, span.end);
    let before = text[sentence_start.min(span.start)..span.start]
        .trim_end_matches(['"', '“', '«', '„', '‘', '\'', '‹', '「', '»', '‚'])
        .trim_end();
    let ends_clause = inner.ends_with([',', '.', '!', '?', '…', '—', '-']);
    let inner_sentence = inner
        .char_indices()
        .any(|(i, c)| matches!(c, '.' | '!' | '?') && inner[i + 1..].starts_with(' '));
    let starts_sentence = before.is_empty() || before.ends_with([':', ',', '—', '–', '.']);
    let capitals = inner_words.iter().filter(|w| capitalised(w)).count();
    // Names of shows, plans and signs: "Three Amigos", "Less Money on Testing, More Money on
    // Students." (every word capitalised but the small ones).
    let headline_case = inner_words.len() >= 3
        && inner_words
            .iter()
            .all(|w| capitalised(w) || in_list_any(w) || !w.chars().any(char::is_alphabetic))
        && !inner_words
            .iter()
            .skip(1)
            .any(|w| *w == "I" || w.starts_with("I’") || w.starts_with("I'"));
    let title_like = inner_words.len() >= 2
        && capitals * 3 >= inner_words.len() * 2
        && (!ends_clause && !inner_sentence || headline_case);
    let clause = inner_words.len() >= 4 && (ends_clause || inner_sentence || starts_sentence);
    let cue_before = cue_in(para, sentence_start, span.start);
    let attributed_after = if span.closed {
        after(para, span.end, entities, memory, p)
    } else {
        None
    };
    let mut attributed_before = cue_before
        .as_ref()
        .and_then(|&(verb, _)| subject(para, verb, span.start, entities, memory, p));
    // `is "growing at an alarming rate" and affects every community, Noem said`: the
    // attribution closes the sentence.
    if attributed_after.is_none()
        && attributed_before.is_none()
        && let Some((verb, _)) = cue_in(para, span.end, sentence_end)
        && verb > 0
        && para.words[verb - 1].start > span.end
    {
        let mut k = verb;
        while k > 0 && skippable(para.words[k - 1].text) {
            k -= 1;
        }
        if k > 0
            && para.words[k - 1].start >= span.end
            && k >= 2
            && para.words[k - 2].closes
            && let Some(s) = speaker_ending_at(para, k, entities, memory, p)
        {
            attributed_before = Some((s, para.words[verb].text.to_lowercase()));
        }
    }
    // `"…" announced in October, said Derek Scissors`: an inverted attribution ends the
    // sentence, after another verb.
    if attributed_after.is_none()
        && attributed_before.is_none()
        && let Some((verb, cue)) = cue_in(para, span.end, sentence_end)
        && verb > 0
        && para.words[verb - 1].start > span.end
        && para.words[verb - 1].closes
        && lower_in(&INVERTING_VERBS, &cue)
        && !para
            .spans
            .iter()
            .any(|o| o.start > span.end && o.start < para.words[verb].start)
        && let Some(s) = name_from(para, verb + 1, entities)
    {
        attributed_before = Some((s, cue));
    }
    // A whole sentence in marks ("Please.", "Step out.") is speech however short.
    let own_sentence = starts_sentence && inner.ends_with(['.', '!', '?']) && capitalised(inner);
    let speech = attributed_after.is_some()
        || attributed_before.is_some()
        || cue_before.is_some()
        || (clause || own_sentence) && !title_like
        || cue_in(para, span.end, sentence_end).is_some() && !title_like;
    if !speech || title_like && attributed_after.is_none() && attributed_before.is_none() {
        return None;
    }
    // A few words used as a name or a modifier are not speech: said on "DWTS.", the
    // "interim" government, the "one country, two systems" formula.
    if inner_words.len() <= 4 && !inner_sentence && attributed_after.is_none() {
        let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let after_mark = text[span.end..]
            .trim_start_matches(['"', '”', '»', '“', '’', '\'', '‘', '」'])
            .trim_start();
        let next = after_mark.split(char::is_whitespace).next().unwrap_or("");
        let modifier = in_slice(
            &[
                "the", "a", "an", "its", "his", "her", "their", "our", "this",
            ],
            previous,
        ) && next.chars().next().is_some_and(char::is_lowercase)
            && !lower_in(&PREPOSITIONS, next)
            && !in_slice(
                &[
                    "and", "or", "but", "as", "that", "which", "is", "was", "are", "were",
                ],
                next,
            )
            && !inner.ends_with([',', '.', '!', '?']);
        let named = in_slice(
            &[
                "on", "in", "at", "from", "of", "via", "during", "into", "onto", "the",
            ],
            previous,
        ) && inner_words
            .iter()
            .all(|w| capitalised(w) || !w.chars().any(char::is_alphabetic) || in_list_any(w));
        if modifier || named {
            return None;
        }
    }
    // A few words in marks with nobody saying them are scare quotes or names ("victory plan",
    // the so-called "three amigos", the "interim" government).
    if inner_words.len() <= 3
        && !own_sentence
        && attributed_after.is_none()
        && (cue_before.is_none() || names_a_thing(before))
    {
        return None;
    }
    let kind = if own_sentence
        || inner_words.len() >= 4 && (inner_sentence || starts_sentence && ends_clause)
        // Six words or more closing a clause, unless they continue the sentence's own words
        // ("relations 'on the brink of a breakup,'").
        || inner_words.len() >= 6
            && ends_clause
            && !before
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    };
    // `X said, "…," the office said`: the verb right before the mark names the speaker.
    let immediate = cue_before
        .as_ref()
        .is_some_and(|&(verb, _)| word_at(para, span.start) <= verb + 2);
    let (attributed_after, attributed_before) = if immediate && attributed_before.is_some() {
        (None, attributed_before)
    } else {
        (attributed_after, attributed_before)
    };
    let (speaker, cue) = if let Some((s, c)) = attributed_after.or(attributed_before) {
        (Some(s), Some(c))
    } else {
        let cue = cue_before.map(|(_, c)| c);
        // A whole paragraph of quote right after another goes on with the same voice.
        let carried = (starts_sentence && kind == QuoteKind::Direct)
            .then_some(memory.speaker)
            .flatten()
            .filter(|&(_, at)| p.saturating_sub(at) <= 1 && para.source.place == QuotePlace::Body)
            .map(|(e, _)| speaker_of(entities, e, None));
        (carried, cue)
    };
    // Speech quoted inside a quote ("They said, ‘The farmers can’t handle it.’"): the outer
    // speaker is reporting someone else.
    let nested = span.single
        && para
            .spans
            .iter()
            .any(|o| !o.single && o.start < span.start && span.end <= o.end);
    let speaker = if nested { None } else { speaker };
    if let Some(e) = speaker.as_ref().and_then(|s| s.entity) {
        memory.speaker = Some((e, p));
    }
    Some(Quote {
        text: inner.to_owned(),
        kind,
        speaker,
        cue,
        place: para.source.place,
        paragraph: para.source.paragraph,
        media: para.source.media,
        start: para.source.offset
            + span.start
            + (text[span.start..span.end].len() - text[span.start..span.end].trim_start().len()),
        end: para.source.offset + span.start + text[span.start..span.end].trim_end().len(),
    })
}

/// Whether the words before a short quote introduce a name or a term, not speech: the
/// so-called "three amigos", known as "Belfastisation", the word "deal".
fn names_a_thing(before: &str) -> bool {
    let before = before.to_lowercase();
    let before = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    [
        "so-called",
        "so called",
        "the term",
        "the word",
        "the phrase",
        "known as",
        "dubbed",
        "nicknamed",
        "called the",
        "called it",
        "branded",
        "labelled",
        "labeled",
        "titled",
        "entitled",
        "named",
    ]
    .iter()
    .any(|cue| before.ends_with(cue))
}

/// The marks that end sentences in a text, for [`Para::sentence_around`]: each `.`, `!` or `?`
/// before a space or at the end and not after an abbreviation, with whether a space follows.
fn sentence_stops(text: &str) -> Vec<(usize, bool)> {
    let bytes = text.as_bytes();
    text.match_indices(['.', '!', '?'])
        .map(|(i, _)| i)
        .filter(|&i| {
            (i + 1 == bytes.len() || bytes[i + 1] == b' ') && !abbreviation_before(text, i)
        })
        .map(|i| (i, i + 1 < bytes.len()))
        .collect()
}

/// Whether the full stop at `dot` ends an abbreviation or an initial ("U.S.", "Mr.", "J.").
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let word = text[..dot]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    word.contains('.')
        || letters == 1 && word.chars().all(char::is_uppercase)
        || entities::ABBREVIATIONS.contains(&word)
}

/// The index of the word that starts at or after a byte offset.
fn word_at(para: &Para<'_>, at: usize) -> usize {
    para.words.partition_point(|w| w.start < at)
}

/// The speech verb nearest before `end` in the byte range, as a word index and its text.
fn cue_in(para: &Para<'_>, start: usize, end: usize) -> Option<(usize, String)> {
    let from = word_at(para, start);
    let to = word_at(para, end);
    // "according to X", or a speech verb.
    (from..to).rev().find_map(|i| {
        let w = para.words[i].text;
        if w.eq_ignore_ascii_case("according")
            && para.words.get(i + 1).is_some_and(|n| n.text == "to")
        {
            return Some((i, "according to".to_owned()));
        }
        if speech_verb(w) {
            return Some((i, w.to_lowercase()));
        }
        None
    })
}

/// Who a speech verb at word `verb` belongs to: the name, pronoun or description before it
/// ("Ryabkov said", "he has said", "the Russian leader said"), or after "according to".
fn subject(
    para: &Para<'_>,
    verb: usize,
    quote_start: usize,
    entities: &mut Entities,
    memory: &Memory,
    p: usize,
) -> Option<(Speaker, String)> {
    let cue = if para.words[verb].text.eq_ignore_ascii_case("according") {
        "according to".to_owned()
    } else {
        para.words[verb].text.to_lowercase()
    };
    if cue == "according to" {
        return name_from(para, verb + 2, entities).map(|s| (s, cue));
    }
    // Skip auxiliaries and adverbs back from the verb.
    let mut k = verb;
    while k > 0 && skippable(para.words[k - 1].text) && !para.words[k - 1].closes {
        k -= 1;
    }
    if k > 0
        && let Some(speaker) = speaker_ending_at(para, k, entities, memory, p)
    {
        return Some((speaker, cue));
    }
    // "she described this as … and accused him of …": a second speech verb shares the
    // subject of the first.
    if k > 1 && para.words[k - 1].text == "and" {
        let at = para.words[verb].start;
        let (sentence_start, _) = para.sentence_around(at, at);
        if let Some((first, _)) = cue_in(para, sentence_start, para.words[k - 1].start)
            && !para.quoted(para.words[first].start)
        {
            let mut j = first;
            while j > 0 && skippable(para.words[j - 1].text) && !para.words[j - 1].closes {
                j -= 1;
            }
            if j > 0
                && let Some(speaker) = speaker_ending_at(para, j, entities, memory, p)
            {
                return Some((speaker, cue));
            }
        }
    }
    // "Noem later tweeted that …, adding": a participle's subject is the sentence's.
    if cue.ends_with("ing")
        && let Some(speaker) = sentence_subject(para, verb, entities, memory, p)
    {
        return Some((speaker, cue));
    }
    // "confirming on Friday he is ready to": the pronoun in the reported clause.
    let quote_word = word_at(para, quote_start);
    for i in verb + 1..quote_word.min(verb + 8) {
        if lower_in(&PRONOUNS, para.words[i].text) {
            return pronoun(para, i, entities, memory, p).map(|s| (s, cue));
        }
    }
    // "said X" after the verb: "…, said Ryabkov" (but "told Cook" names the listener).
    if lower_in(&INVERTING_VERBS, &cue)
        && let Some(speaker) = name_from(para, verb + 1, entities)
    {
        return Some((speaker, cue));
    }
    // "he asked about …, called Omar a “terrorist” and said": the sentence's subject.
    sentence_subject(para, verb, entities, memory, p).map(|s| (s, cue))
}

/// The subject of the sentence holding word `verb`: its first person or organisation named
/// outside quotation marks, or a pronoun before any name ("He urged …, saying"). What a
/// participle ("adding", "telling") or a second verb ("… and said") goes back to.
fn sentence_subject(
    para: &Para<'_>,
    verb: usize,
    entities: &mut Entities,
    memory: &Memory,
    p: usize,
) -> Option<Speaker> {
    let at = para.words[verb].start;
    let (start, _) = para.sentence_around(at, at);
    let outside = |pos: usize| !para.quoted(pos);
    let first = word_at(para, start);
    for i in first..verb {
        let w = &para.words[i];
        // A subject opens the sentence or follows an introduction ("During the call, he").
        if !outside(w.start) || i > first && !para.words[i - 1].closes {
            continue;
        }
        if lower_in(&PRONOUNS, w.text) {
            return pronoun(para, i, entities, memory, p);
        }
        if let Some(m) = para.mention_at(i)
            && !in_prepositional_phrase(para, m)
            && !para.words[m.word + m.words - 1].possessive
            && para.entity_of(m, entities).is_some_and(|e| {
                matches!(
                    entities.list[e].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            })
        {
            return speaker_for_mention(para, m, entities);
        }
    }
    None
}

/// Whether a word names a country or a place.
fn is_place(word: &str) -> bool {
    entities::gazetteer::country(word).is_some() || entities::gazetteer::place(word).is_some()
}

/// Whether a name is a photo credit: followed by a slash ("Jane Doe / AP", "Jane Doe/Reuters").
fn credit(para: &Para<'_>, m: &Mention) -> bool {
    let last = &para.words[m.word + m.words - 1];
    para.source.text[last.start + last.text.len()..]
        .trim_start()
        .starts_with('/')
}

/// Whether a name is the object of a preposition ("in the journal JAMA Psychiatry"), so not a
/// sentence's subject.
fn in_prepositional_phrase(para: &Para<'_>, m: &Mention) -> bool {
    // "China's ambassador to Britain Liu Xiaming": the place, not the person, is the object.
    if m.word > 0
        && m.kind == Some(EntityKind::Person)
        && m.role.is_some()
        && is_place(para.words[m.word - 1].text)
    {
        return false;
    }
    for k in (m.word.saturating_sub(3)..m.word).rev() {
        let w = &para.words[k];
        if w.closes {
            return false;
        }
        // "in what host Tom Bergeron described as": a relative word opens a clause whose
        // subject the name is.
        if in_slice(
            &[
                "what", "who", "whom", "whose", "which", "that", "where", "when",
            ],
            w.text,
        ) {
            return false;
        }
        if lower_in(&PREPOSITIONS, w.text) {
            return true;
        }
        if capitalised(w.text) && k + 1 < m.word {
            return false;
        }
    }
    false
}

/// A speaker named by the words that end just before word `end`: a name (with an appositive
/// between commas), a pronoun, or a description.
fn speaker_ending_at(
    para: &Para<'_>,
    end: usize,
    entities: &mut Entities,
    memory: &Memory,
    p: usize,
) -> Option<Speaker> {
    let mut end = end;
    // "Paganini and his team wrote", "Smith and colleagues said": the named one speaks.
    if end >= 3
        && in_slice(
            &[
                "team",
                "colleagues",
                "co-authors",
                "coauthors",
                "researchers",
                "lawyers",
            ],
            para.words[end - 1].text,
        )
    {
        let mut k = end - 1;
        if in_slice(&["his", "her", "their"], para.words[k - 1].text) {
            k -= 1;
        }
        if k >= 2 && para.words[k - 1].text == "and" {
            end = k - 1;
        }
    }
    let last = &para.words[end - 1];
    if lower_in(&PRONOUNS, last.text) {
        return pronoun(para, end - 1, entities, memory, p);
    }
    // "it says": an organisation speaking.
    if last.text.eq_ignore_ascii_case("it") {
        return org_pronoun(entities, memory, p, false);
    }
    // "Smith, a senior analyst at X, said": back over the appositive to the name.
    if last.closes && !last.ends_sentence {
        let verb_at = para.words[end - 1].start;
        let (sentence_start, _) = para.sentence_around(verb_at, verb_at);
        let appositive = para
            .mentions
            .iter()
            .filter(|m| m.start >= sentence_start)
            .find(|m| {
                let m_end = m.word + m.words;
                m_end < end
                    && end - m_end <= 30
                    && para.words[m_end - 1].closes
                    && !para.words[m_end - 1].ends_sentence
                    && !para.words[m_end..end]
                        .iter()
                        .any(|w| w.ends_sentence || speech_verb(w.text))
                    && para.words[m_end..end].first().is_some_and(|w| {
                        !capitalised(w.text)
                            || in_slice(
                                &[
                                    "a", "an", "the", "who", "whose", "which", "its", "his", "her",
                                ],
                                w.text,
                            )
                    })
            });
        if let Some(m) = appositive {
            return speaker_for_mention(para, m, entities);
        }
    }
    // "Beijing, warning:" is not "Russia says"; "in the journal JAMA Psychiatry argued" either.
    if let Some(m) = para.mentions.iter().find(|m| m.word + m.words == end)
        && !last.closes
        && !in_prepositional_phrase(para, m)
    {
        return speaker_for_mention(para, m, entities);
    }
    // "his predecessor, Fiona Hill, had dubbed": a name between commas after a description is
    // the subject itself.
    if last.closes
        && !last.ends_sentence
        && let Some(m) = para.mentions.iter().find(|m| m.word + m.words == end)
        && m.word > 0
        && para.words[m.word - 1].closes
        && !para.words[m.word - 1].ends_sentence
        && !para.words[m.word - 1].text.chars().all(char::is_numeric)
        && m.kind == Some(EntityKind::Person)
    {
        return speaker_for_mention(para, m, entities);
    }
    description(para, end, entities)
}

/// The speaker for a name mention: its entity, with the titles it was written with.
fn speaker_for_mention(para: &Para<'_>, m: &Mention, entities: &mut Entities) -> Option<Speaker> {
    let first_word = &para.words[m.word];
    // `"…?" Schiff asked`: a word between a closing mark and a speech verb is the speaker's
    // name, not a sentence's first word.
    let after_quote = m.word > 0
        && {
            let prev = &para.words[m.word - 1];
            para.source.text[prev.start + prev.text.len()..m.start]
                .contains(['"', '”', '’', '»', '“'])
        }
        && para
            .words
            .get(m.word + m.words)
            .is_some_and(|w| speech_verb(w.text))
        && !m.name.ends_with('s');
    let sentence_initial =
        !after_quote && (m.word == 0 || para.words[m.word - 1].ends_sentence || first_word.opens);
    // A possessive names an owner, not a speaker: "Putin's regime suggested".
    if para.words[m.word + m.words - 1].possessive {
        return None;
    }
    // "Senators said", "Teachers chanted", "South Dakotans": capitalised common nouns, not
    // names.
    let plural = m.kind != Some(EntityKind::Organization)
        && (m.name.ends_with("ans") || m.name.ends_with("ers") || m.name.ends_with("ists"));
    if plural {
        return None;
    }
    let index = entities.find(&m.name).or_else(|| {
        // A single word is a name when the article also writes it capitalised inside a
        // sentence.
        if m.words == 1
            && (sentence_initial && !entities.named_inside_sentence(&m.name)
                || entities::plural_demonym(&m.name).is_some())
        {
            return None;
        }
        (m.kind
            .is_none_or(|k| k == EntityKind::Person || k == EntityKind::Organization))
        .then(|| entities.add(&m.name, m.kind.unwrap_or(EntityKind::Person)))
    })?;
    // Places do not speak, except countries through their governments ("Russia says").
    if entities.list[index].kind == EntityKind::Place
        && entities::gazetteer::country(&entities.list[index].name).is_none()
    {
        return None;
    }
    entities.speaker(index);
    Some(speaker_of(entities, index, m.role.clone()))
}

fn speaker_of(entities: &Entities, index: usize, role: Option<String>) -> Speaker {
    let entity = &entities.list[index];
    Speaker {
        name: entity.name.clone(),
        entity: Some(index),
        role: role.or_else(|| entity.roles.first().cloned()),
    }
}

/// A name starting at word `from` (after "said", "according to").
fn name_from(para: &Para<'_>, from: usize, entities: &mut Entities) -> Option<Speaker> {
    // Skip "the"/"a" before a description or organisation.
    let m = para.mentions.iter().find(|m| {
        m.word == from
            || m.word == from + 1
                && para.words.get(from).is_some_and(|w| in_slice(&["the", "a", "an"], w.text))
            // Titles were split off: "said Deputy Minister Ryabkov".
            || m.word > from && m.role.is_some() && m.word <= from + 5
                && para.words[from..m.word].iter().all(|w| capitalised(w.text))
            // "said planetary geologist Rosaly Lopes": a title in lower case.
            || m.word > from && m.word <= from + 4
                && m.kind.is_none_or(|k| k == EntityKind::Person)
                && para.words[from..m.word].iter().all(|w| {
                    !capitalised(w.text) && !w.closes && !in_slice(&["that", "the", "a", "an", "in", "on", "at", "to", "of", "by", "it", "this"], w.text)
                })
    })?;
    speaker_for_mention(para, m, entities)
}

/// How many names before a pronoun's sentence are read for the person it stands for.
const PRONOUN_LOOK_BACK: usize = 64;

/// The person a pronoun at word `at` stands for: the first person named earlier in the same
/// sentence, else the last speaker nearby, else the last person named.
fn pronoun(
    para: &Para<'_>,
    at: usize,
    entities: &mut Entities,
    memory: &Memory,
    p: usize,
) -> Option<Speaker> {
    let word_start = para.words[at].start;
    let (sentence_start, _) = para.sentence_around(word_start, word_start);
    let word = para.words[at].text;
    let plural = in_slice(&["they"], word);
    // People named outside quotation marks, before the pronoun, in this paragraph, whom the
    // article does not write of with the other pronoun.
    let person = |m: &Mention, entities: &Entities| {
        if m.start >= word_start || para.quoted(m.start) {
            return None;
        }
        para.entity_of(m, entities).filter(|&i| {
            entities.list[i].kind == EntityKind::Person && !memory.contradicts(i, word)
        })
    };
    if !plural {
        // The subject of this sentence, then of the nearest earlier sentence naming someone:
        // the first person named in the sentence of the last person named. Mentions are in
        // word order, so both are found by slicing rather than by reading every sentence.
        let here = para.mentions.partition_point(|m| m.start < sentence_start);
        if let Some(e) = para.mentions[here..]
            .iter()
            .take_while(|m| m.start < word_start)
            .find_map(|m| person(m, entities))
        {
            return Some(speaker_of(entities, e, None));
        }
        let earlier = &para.mentions[..here];
        // Only the latest names are read back, so that a paragraph of pronouns and no
        // persons costs a bounded amount per pronoun.
        if let Some(last) = earlier
            .iter()
            .rev()
            .take(PRONOUN_LOOK_BACK)
            .find(|m| person(m, entities).is_some())
        {
            let (start, _) = para.sentence_around(last.start, last.start);
            let first = earlier.partition_point(|m| m.start < start);
            if let Some(e) = earlier[first..].iter().find_map(|m| person(m, entities)) {
                return Some(speaker_of(entities, e, None));
            }
        }
    }
    if plural && let Some(org) = org_pronoun(entities, memory, p, true) {
        return Some(org);
    }
    // The last speaker, unless a later paragraph brought in someone else.
    let newer_person = memory
        .persons
        .last()
        .copied()
        .filter(|&(_, at)| memory.speaker.is_none_or(|(_, sp)| at > sp));
    let newer_person = newer_person.filter(|&(e, _)| !memory.contradicts(e, word));
    if let Some((e, at_p)) = memory.speaker
        && p.saturating_sub(at_p) <= 2
        && (plural || entities.list[e].kind == EntityKind::Person && !memory.contradicts(e, word))
        && (plural || newer_person.is_none())
    {
        return Some(speaker_of(entities, e, None));
    }
    if plural {
        return None;
    }
    memory
        .persons
        .iter()
        .rev()
        .find(|&&(e, _)| !memory.contradicts(e, word))
        .map(|&(e, _)| speaker_of(entities, e, None))
}

/// The organisation a "they" or an "it" stands for: the last speaker or the last subject that
/// is an organisation, whichever is newer, within two paragraphs. For "they" a person who
/// spoke after that organisation comes first.
fn org_pronoun(entities: &Entities, memory: &Memory, p: usize, plural: bool) -> Option<Speaker> {
    let near = |(e, at): (usize, usize)| (p.saturating_sub(at) <= 2).then_some((e, at));
    let is_org = |e: usize| {
        matches!(
            entities.list[e].kind,
            EntityKind::Organization | EntityKind::Other
        )
    };
    let speaker = memory.speaker.and_then(near);
    let org = memory.org.and_then(near);
    let best = match (speaker, org) {
        (Some((s, sp)), Some((o, op))) => {
            if is_org(s) && sp >= op {
                Some(s)
            } else if sp > op && plural {
                None
            } else {
                Some(o)
            }
        }
        (Some((s, _)), None) => is_org(s).then_some(s),
        (None, Some((o, _))) => Some(o),
        (None, None) => None,
    }?;
    Some(speaker_of(entities, best, None))
}

/// A description before word `end` ("the Russian leader", "the company", "a `WeWork`
/// spokesperson") resolved to the entity it stands for.
fn description(para: &Para<'_>, end: usize, entities: &mut Entities) -> Option<Speaker> {
    let from = end.saturating_sub(5);
    let start = (from..end)
        .rev()
        .find(|&i| in_slice(&["the", "a", "an"], para.words[i].text) && !para.words[i].closes)?;
    let phrase: Vec<&Word<'_>> = para.words[start + 1..end].iter().collect();
    if phrase.is_empty() || phrase[..phrase.len() - 1].iter().any(|w| w.closes) {
        return None;
    }
    let head = phrase.last()?.text.to_lowercase();
    // "a WeWork spokesperson": the organisation named inside speaks.
    if in_slice(
        &[
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "representative",
            "statement",
            "spokesperson",
        ],
        &head,
    ) {
        let org = para
            .mentions
            .iter()
            .find(|m| m.word > start && m.word + m.words < end)
            .and_then(|m| entities.find(&m.name))?;
        return Some(speaker_of(entities, org, None));
    }
    if in_slice(&["company", "firm", "startup", "retailer"], &head) && phrase.len() == 1 {
        let e = (0..entities.list.len())
            .rev()
            .filter(|&e| entities.list[e].kind == EntityKind::Organization)
            .min_by_key(|&e| entities.list[e].first.unwrap_or(usize::MAX).wrapping_neg())?;
        return Some(speaker_of(entities, e, None));
    }
    // "the Ukrainian president", "the Russian leader": a person whose titles match.
    let demonym = phrase
        .iter()
        .find_map(|w| entities::gazetteer::demonym(w.text))
        .map(str::to_lowercase);
    let leader = LEADER_NOUNS.contains(head.as_str());
    let mut best: Option<(u32, usize)> = None;
    for (e, entity) in entities.list.iter().enumerate() {
        if entity.kind != EntityKind::Person {
            continue;
        }
        let mut score = 0;
        for role in &entity.roles {
            let role_l = role.to_lowercase();
            let mut s = 0;
            if role_l.split_whitespace().any(|w| w == head)
                || leader
                    && role_l.split_whitespace().any(|w| {
                        LEADER_NOUNS.contains(w)
                            && !role_l.contains("deputy")
                            && !role_l.contains("foreign")
                    })
            {
                s += 2;
            }
            if let Some(d) = &demonym
                && role.split_whitespace().any(|w| {
                    entities::gazetteer::demonym(w).is_some_and(|c| c.to_lowercase() == *d)
                })
            {
                s += 2;
            }
            score = score.max(s);
        }
        if score >= 2 && (demonym.is_none() || score >= 4) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, e));
        }
    }
    if let Some((_, e)) = best {
        return Some(speaker_of(entities, e, None));
    }
    None
}

/// An attribution after a closing mark: `"…," Ryabkov said`, `said Ryabkov`, `he added`,
/// `the Ukrainian president said`, `according to X`.
fn after(
    para: &Para<'_>,
    close: usize,
    entities: &mut Entities,
    memory: &Memory,
    p: usize,
) -> Option<(Speaker, String)> {
    let text = para.source.text;
    let rest = &text[close..];
    // Only when the quote ends its clause: `,"`, `."`, `?"`, `!"` or `" —`.
    let inner_end = text[..close].trim_end();
    let mark_then = rest.chars().skip(1).find(|c| !c.is_whitespace());
    let ends_clause = inner_end.ends_with([',', '.', '!', '?', '…', '—', '-'])
        || matches!(mark_then, Some(',' | '—' | '–'));
    let from = word_at(para, close + 1);
    // Without punctuation closing the quote, only `"…" Mayer said` right after the mark.
    if !ends_clause {
        let verb =
            (from..(from + 4).min(para.words.len())).find(|&i| speech_verb(para.words[i].text))?;
        let m = para
            .mentions
            .iter()
            .find(|m| m.word == from && m.word + m.words == verb)?;
        let cue = para.words[verb].text.to_lowercase();
        return speaker_for_mention(para, m, entities).map(|s| (s, cue));
    }
    // `"…," Mayer, Disney's chairman of direct-to-consumer, said Tuesday`: a name, then an
    // appositive between commas, then the verb.
    let named = para.mentions.iter().find(|m| {
        m.word == from
            // `"…," study lead author Lucas Paganini, a planetary scientist …, wrote`.
            || m.word > from
                && m.word <= from + 4
                && para.words[from..m.word]
                    .iter()
                    .all(|w| !capitalised(w.text) && !w.closes && !speech_verb(w.text))
    });
    if let Some(m) = named
        && para.words[m.word + m.words - 1].closes
        && !para.words[m.word + m.words - 1].ends_sentence
    {
        let last = m.word + m.words - 1;
        for i in last + 1..(last + 32).min(para.words.len()) {
            if para.words[i - 1].ends_sentence {
                break;
            }
            let mut k = i;
            while k > last + 1 && skippable(para.words[k - 1].text) {
                k -= 1;
            }
            if speech_verb(para.words[i].text) && para.words[k - 1].closes {
                let cue = para.words[i].text.to_lowercase();
                return speaker_for_mention(para, m, entities).map(|s| (s, cue));
            }
        }
    }
    // After a full stop inside the marks a new sentence starts: only `."` he said.
    let terminal = inner_end.ends_with(['.', '!', '?']);
    let to = if terminal { from + 4 } else { from + 16 }.min(para.words.len());
    // The verb must come within a few words: `"…," Deputy Minister Sergei Ryabkov told reporters`.
    let verb = (from..to).find(|&i| {
        speech_verb(para.words[i].text) || para.words[i].text.eq_ignore_ascii_case("according")
    })?;
    if verb > from + 8 {
        return None;
    }
    // A verb behind another closing quotation mark belongs to that quote.
    if para.words[from..verb]
        .iter()
        .any(|w| w.opens && w.text.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    let cue = if para.words[verb].text.eq_ignore_ascii_case("according") {
        "according to".to_owned()
    } else {
        para.words[verb].text.to_lowercase()
    };
    if cue == "according to" {
        return name_from(para, verb + 2, entities).map(|s| (s, cue));
    }
    if verb > from {
        // `"…," Ryabkov said`: the words between the mark and the verb name the speaker, or
        // the verb belongs to another clause (`'…,' won't confirm Trump-Putin talk`).
        let mut k = verb;
        while k > from && skippable(para.words[k - 1].text) {
            k -= 1;
        }
        return if k > from {
            speaker_ending_at(para, k, entities, memory, p).map(|s| (s, cue))
        } else {
            None
        };
    }
    // "said Ryabkov", "said the minister", "said he".
    if let Some(next) = para.words.get(verb + 1)
        && lower_in(&PRONOUNS, next.text)
    {
        return pronoun(para, verb + 1, entities, memory, p).map(|s| (s, cue));
    }
    if lower_in(&INVERTING_VERBS, &cue)
        && let Some(s) = name_from(para, verb + 1, entities)
    {
        return Some((s, cue));
    }
    if verb + 2 < para.words.len() && in_slice(&["the", "a", "an"], para.words[verb + 1].text) {
        // "said a WeWork spokesperson when contacted": the description ends before a clause.
        let mut end = verb + 2;
        while end < para.words.len().min(verb + 7) {
            let w = &para.words[end];
            if lower_in(&DESCRIPTION_STOPS, w.text) {
                break;
            }
            end += 1;
            if w.closes {
                break;
            }
        }
        if let Some(s) = description(para, end, entities) {
            return Some((s, cue));
        }
        // "said a report from Kotak Institutional Equities": the document's author speaks.
        if in_slice(
            &[
                "report",
                "statement",
                "note",
                "study",
                "letter",
                "release",
                "analysis",
                "spokesperson",
                "spokesman",
                "spokeswoman",
            ],
            para.words[end - 1].text,
        ) && para
            .words
            .get(end)
            .is_some_and(|w| in_slice(&["from", "by", "of", "for", "at"], w.text))
        {
            let at = end
                + 1
                + usize::from(
                    para.words
                        .get(end + 1)
                        .is_some_and(|w| in_slice(&["the", "a", "an"], w.text)),
                );
            if let Some(m) = para.mention_at(at)
                && m.kind != Some(EntityKind::Place)
                && let Some(s) = speaker_for_mention(para, m, entities)
            {
                return Some((s, cue));
            }
        }
    }
    None
}

/// Reported speech without quotation marks: `Zelenskyy said he was ready to…`.
fn indirect(
    para: &Para<'_>,
    spans: &[Span],
    entities: &mut Entities,
    memory: &mut Memory,
    p: usize,
    quotes: &mut Vec<Quote>,
) {
    let text = para.source.text;
    // The reporting verbs of the paragraph, if any: most paragraphs have none.
    let verbs: Vec<usize> = (0..para.words.len())
        .filter(|&i| {
            let w = &para.words[i];
            !w.closes && w.text.len() >= 4 && lower_in(&REPORTING_VERBS, w.text)
        })
        .collect();
    if verbs.is_empty() {
        return;
    }
    let mut start = 0;
    while start < text.len() {
        let (s, e) = para.sentence_around(start, start);
        let (s, e) = (s.max(start), e.max(start + 1).min(text.len()));
        let sentence_has_quote = spans.iter().any(|q| q.start < e && q.end > s)
            || text[s..e].contains(['"', '“', '”', '«', '»', '„']);
        if !sentence_has_quote {
            let from = word_at(para, s);
            let to = word_at(para, e);
            let verb = verbs
                .get(verbs.partition_point(|&i| i < from))
                .copied()
                .filter(|&i| i < to);
            if let Some(verb) = verb {
                let mut k = verb;
                while k > from && skippable(para.words[k - 1].text) {
                    k -= 1;
                }
                let next = para.words.get(verb + 1);
                // "said in a statement", "told reporters": the clause starts after them.
                let mut clause = verb + 1;
                if para.words[verb].text.eq_ignore_ascii_case("told") {
                    while clause < to
                        && clause < verb + 6
                        && !in_slice(&["that"], para.words[clause].text)
                    {
                        clause += 1;
                    }
                }
                if para
                    .words
                    .get(clause)
                    .is_some_and(|w| w.text.eq_ignore_ascii_case("that"))
                {
                    clause += 1;
                }
                // The reported clause opens with "that", a pronoun, an article or a name;
                // "added 20.72 points" and "said while visiting" report nothing.
                let has_that = clause > verb + 1;
                let opens_clause = para
                    .words
                    .get(clause)
                    .is_some_and(|w| in_slice(CLAUSE_OPENERS, w.text) || capitalised(w.text));
                let clause_ok = next.is_some()
                    && to > clause + 3
                    && (has_that
                        || opens_clause
                            && !in_slice(&["added", "noted", "told"], para.words[verb].text));
                let speaker = if k > from && clause_ok {
                    speaker_ending_at(para, k, entities, memory, p).filter(|s| {
                        s.entity.is_some_and(|e| {
                            matches!(
                                entities.list[e].kind,
                                EntityKind::Person | EntityKind::Organization
                            )
                        })
                    })
                } else {
                    None
                };
                if let Some(speaker) = speaker {
                    let clause_start = para.words[clause].start;
                    let clause_text = text[clause_start..e].trim_end_matches(['.', ' ']);
                    quotes.push(Quote {
                        text: clause_text.to_owned(),
                        kind: QuoteKind::Indirect,
                        cue: Some(para.words[verb].text.to_lowercase()),
                        speaker: Some(speaker),
                        place: QuotePlace::Body,
                        paragraph: para.source.paragraph,
                        media: None,
                        start: para.source.offset + clause_start,
                        end: para.source.offset + clause_start + clause_text.len(),
                    });
                }
            }
        }
        start = e;
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
    }
}

/// Words that open a reported clause after a speech verb.
const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "there", "the", "a", "an", "his", "her", "their", "its",
    "this", "these", "those", "no", "nothing", "everyone", "nobody",
];

#[cfg(test)]
mod tests {
    use crate::{Options, extract_str};

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let article = extract_str(text, &Options::default()).expect("extracts");
        article
            .quotes
            .iter()
            .filter(|q| q.kind != crate::QuoteKind::Indirect)
            .map(|q| (q.text.clone(), q.speaker.as_ref().map(|s| s.name.clone())))
            .collect()
    }

    #[test]
    fn she_does_not_go_back_to_a_man() {
        let q = quotes(
            "Swift fights her label\n\nTaylor Swift said she was angry about the sale of her catalogue this summer.\n\nThe label was bought by Scooter Braun, and he now owns the recordings of her first six albums.\n\nIn a post at the time she described the sale as “my worst case scenario,” and asked fans for help.\n",
        );
        assert_eq!(
            q,
            [(
                "my worst case scenario,".to_owned(),
                Some("Taylor Swift".to_owned())
            )]
        );
    }

    fn said(text: &str) -> Vec<Option<String>> {
        quotes(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn a_quote_signed_on_the_next_line() {
        let s = said(
            "Guests review the hotel\n\nWe asked guests what they thought of their stay this autumn.\n\n“The food was lovely and the staff were kind. We will come back next year.”\n\nMar** Lo**\n\n“Too noisy for us at night, but the view over the harbour made up for it.”\n\nPeter Grant, Leeds\n\nThe hotel reopened in March after a long refit that took most of the winter and cost more than planned.\n\nIts owners say bookings for the summer are already ahead of where they were before the work began.\n",
        );
        assert_eq!(
            s,
            [
                Some("Mar** Lo**".to_owned()),
                Some("Peter Grant".to_owned())
            ]
        );
    }

    #[test]
    fn they_and_it_stand_for_an_organisation() {
        let s = said(
            "Toy maker denies claims\n\nAcme Corporation has denied any wrongdoing over the recall of its toys.\n\n“We have always followed the rules and we will keep doing so,” they said in a statement.\n\nThe regulator said it would look again at the case in the spring.\n\n“Our toys are safe and have passed every test we know of,” it says on its website.\n",
        );
        assert_eq!(
            s,
            [
                Some("Acme Corporation".to_owned()),
                Some("Acme Corporation".to_owned())
            ]
        );
    }

    #[test]
    fn a_caption_with_a_credit_is_not_the_subject() {
        let s = said(
            "Man admits threats\n\nTom Baker was arrested in May after a phone call to a lawmaker. He was charged on Monday.\n\nSenator John Doe speaks at a rally in Ohio. Mark Lee / AP\n\nDuring the call, he said, “I will come to your office and you will be sorry.”\n",
        );
        assert_eq!(s, [Some("Tom Baker".to_owned())]);
    }

    #[test]
    fn a_name_after_a_preposition_is_not_the_subject() {
        let s = said(
            "A founder sells up\n\nKate Bell sold her bakery chain last year. It was bought by a fund run by investor Carl Moss.\n\nIn a post at the time she called the sale “the hardest decision of my life.”\n",
        );
        assert_eq!(s, [Some("Kate Bell".to_owned())]);
    }

    #[test]
    fn his_and_her_tell_who_she_is() {
        let s = said(
            "A hard year\n\nAnna Berg hired Paul Kent in 2018 to run the shop.\n\nPaul Kent left in May with his family.\n\nLater she wrote: “It was a hard year for all of us at the shop.”\n",
        );
        assert_eq!(s, [Some("Anna Berg".to_owned())]);
    }

    #[test]
    fn a_relative_word_ends_a_prepositional_phrase() {
        let s = said(
            "A close vote\n\nThe actor left the show on Monday in what presenter Dan Kerr described as “the closest vote we have ever had.”\n",
        );
        assert_eq!(s, [Some("Dan Kerr".to_owned())]);
    }

    #[test]
    fn a_place_before_a_name_is_the_object_not_the_name() {
        let s = said(
            "Envoy speaks\n\nSpain’s ambassador to France Ana Ruiz has said that Spain has the “will and the means” to end the dispute.\n",
        );
        assert_eq!(s, [Some("Ana Ruiz".to_owned())]);
    }

    #[test]
    fn a_name_between_commas_before_the_verb() {
        let s = said(
            "Hearing\n\nTom Reed testified on Tuesday. He said his predecessor, Mary Cole, had dubbed the plan “the Hudson problem.”\n",
        );
        assert_eq!(s, [Some("Mary Cole".to_owned())]);
    }

    #[test]
    fn a_lone_name_between_the_mark_and_the_verb() {
        let s = said(
            "Hearing\n\n“So you never met him before that night in the city?” Harper asked.\n",
        );
        assert_eq!(s, [Some("Harper".to_owned())]);
    }

    #[test]
    fn a_second_verb_shares_the_subject() {
        let s = said(
            "Shares sold\n\nLena Ford sold her shares in the family firm last year, ending three decades at the company her father founded.\n\nIn a post she described the deal as “a terrible mistake” and accused the buyer of “years of broken promises”.\n",
        );
        assert_eq!(
            s,
            [Some("Lena Ford".to_owned()), Some("Lena Ford".to_owned())]
        );
    }

    #[test]
    fn a_pull_quote_takes_the_speaker_of_the_quote_it_repeats() {
        let s = said(
            "Library to close\n\n“We were not consulted”\n\nThe council voted on Monday to close the library on the high street after eighty years.\n\n“We were not consulted at any stage, and the decision was taken behind closed doors,” said Ruth Allen, who chairs the friends of the library.\n",
        );
        assert_eq!(
            s,
            [Some("Ruth Allen".to_owned()), Some("Ruth Allen".to_owned())]
        );
    }

    #[test]
    fn a_quoted_heading_is_kept_when_the_body_quotes_it() {
        let q = quotes(
            "Bridge delays\n\nThe new bridge was due to open in May but is still closed to traffic.\n\n2. “The bridge problem”\n\nAnna Lee, the city engineer, said the delays had become “the bridge problem” for everyone at city hall.\n\n3. “A quiet summer”\n\nThe works will go on until the autumn, the council says.\n",
        );
        assert_eq!(
            q,
            [
                ("The bridge problem".to_owned(), Some("Anna Lee".to_owned())),
                ("the bridge problem".to_owned(), Some("Anna Lee".to_owned()))
            ]
        );
    }

    #[test]
    fn scare_quotes_inside_a_quote_are_not_a_second_voice() {
        let q = quotes(
            "Hearing\n\nThe committee met on Tuesday to question the city engineer about the delays.\n\n“So have you fixed the ‘bridge problem’ or not?” Grant asked.\n",
        );
        assert_eq!(
            q,
            [(
                "So have you fixed the ‘bridge problem’ or not?".to_owned(),
                Some("Grant".to_owned())
            )]
        );
    }

    #[test]
    fn an_inverted_attribution_after_another_verb() {
        let s = said(
            "Trade talks\n\n“We want a bigger deal than the one on the table” announced in May, said Mark Dunn, an analyst at a bank in London.\n",
        );
        assert_eq!(s, [Some("Mark Dunn".to_owned())]);
    }

    #[test]
    fn a_report_from_an_organisation() {
        let s = said(
            "Prices\n\n“Prices will keep rising into the spring as supply stays tight,” said a report from Larch Capital Partners.\n",
        );
        assert_eq!(s, [Some("Larch Capital Partners".to_owned())]);
    }

    #[test]
    fn appositive_before_the_verb() {
        let q = quotes(
            "Teachers rally\n\nRepublican state schools Superintendent Jennifer McCormick has cited a study showing low raises.\n\nMcCormick, who has split from many fellow Republicans on issues such as the state’s private school voucher program, told cheering teachers that they weren’t “asking for the moon.”\n",
        );
        assert_eq!(
            q,
            [(
                "asking for the moon.".to_owned(),
                Some("Jennifer McCormick".to_owned())
            )]
        );
    }
}
