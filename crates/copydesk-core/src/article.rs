//! The output model: one [`Article`] per input, serialised with serde.
//!
//! Field names are part of the public contract (README, "Output schema"):
//! rename nothing without bumping [`SCHEMA_VERSION`].

use std::collections::BTreeMap;

use serde::Serialize;

/// Version of the output schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A structured news article: the one output type of copydesk.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    /// Version of this schema ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Where the input came from and what it was.
    pub source: Source,
    /// Topic tag printed above the headline.
    pub kicker: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The dek: the sentence under the headline.
    pub subtitle: Option<String>,
    /// People who wrote the article.
    pub authors: Vec<Author>,
    /// The outlet that published it.
    pub publisher: Option<String>,
    /// Publication time, ISO 8601, with a UTC offset where the input gives one.
    pub published: Option<String>,
    /// Last modification time, ISO 8601.
    pub modified: Option<String>,
    /// Language of the body as a BCP 47 tag.
    pub language: Option<String>,
    /// The article's canonical URL, as the page declares it (or as given).
    pub url: Option<String>,
    /// Topic tags and keywords the page declares.
    pub tags: Vec<String>,
    /// Whether the article is free to read, where the page declares it.
    pub accessible_for_free: Option<bool>,
    /// The article body as plain text, paragraphs separated by one blank line.
    pub text: String,
    /// The article body as structured blocks, in reading order.
    pub body: Vec<BodyBlock>,
    /// Images, videos, audio and embeds that belong to the article.
    pub media: Vec<Media>,
    /// Teasers and links to related articles.
    pub related: Vec<Related>,
    /// Every quotation, with who said it: the body's, then the headline's and captions'.
    pub quotes: Vec<Quote>,
    /// People, organisations and places the article mentions, in order of first mention.
    pub entities: Vec<Entity>,
    /// Everything kept out of the body, labelled with the reason.
    pub boilerplate: Vec<Boilerplate>,
    /// Problems met while extracting, for people to read.
    pub warnings: Vec<String>,
    /// 0 to 1: how sure copydesk is that the input is an article and the body is right.
    pub confidence: f32,
    /// Where each metadata field's value came from: `json-ld`, `opengraph`, `twitter`, `meta`,
    /// `microdata`, `time`, `title-tag`, `canonical`, `html-lang`, `heading`, `byline`,
    /// `dateline`, `text`, `option`, ...
    pub provenance: BTreeMap<String, String>,
}

/// Where the input came from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// Input file path, when read from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The URL the caller gave for the input (`--url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The caller's id for the input (a JSON Lines batch's `id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The `WARC-Record-ID` of the WARC record the input was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    /// Whether the input was read as HTML or as plain text.
    pub format: Format,
    /// Size of the input in bytes, before decompression.
    pub bytes: usize,
}

/// The two input formats.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An HTML document.
    Html,
    /// Plain text, as pasted or scraped.
    #[default]
    Text,
}

/// One author of the article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Author {
    /// The person's name.
    pub name: String,
    /// Outlet or agency named with the author in the byline.
    pub affiliation: Option<String>,
    /// The author's biography, as printed with the article.
    pub bio: Option<String>,
    /// Contact email address.
    pub email: Option<String>,
    /// Social media handles or profile URLs.
    pub social: Vec<String>,
    /// Author page URL.
    pub url: Option<String>,
}

/// One block of the article body.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyBlock {
    /// What kind of block this is.
    pub kind: BodyKind,
    /// The block's text; list items are joined by newlines.
    pub text: String,
    /// Heading level (1 to 6), for headings only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// List items, for lists only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// Rows of cells, for tables only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<String>>>,
}

/// Kinds of body block.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    /// A paragraph of running text.
    Paragraph,
    /// A subheading inside the body.
    Heading,
    /// A bulleted or numbered list.
    List,
    /// A quoted passage set off from the text.
    Blockquote,
    /// A table.
    Table,
    /// Preformatted text, such as code.
    Preformatted,
}

/// An image, video, audio clip or embed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Media {
    /// What kind of media this is.
    pub kind: MediaKind,
    /// Absolute URL of the media, where known.
    pub url: Option<String>,
    /// Alternative text.
    pub alt: Option<String>,
    /// Title, for videos and embeds.
    pub title: Option<String>,
    /// The caption, without the credit.
    pub caption: Option<String>,
    /// Photographer, agency or rights holder.
    pub credit: Option<String>,
    /// Longer description, for video promos.
    pub description: Option<String>,
    /// Whether this is the article's lead (top) media.
    pub lead: bool,
}

/// Kinds of media.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    /// A still image.
    Image,
    /// A video or a video promo.
    Video,
    /// An audio clip.
    Audio,
    /// An embedded post or widget.
    Embed,
}

/// A teaser or link to another article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Related {
    /// The teaser's headline.
    pub title: String,
    /// Where it links, where known.
    pub url: Option<String>,
}

/// A quotation and who said it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// The quoted words, without the quotation marks (for indirect speech, the reported clause).
    pub text: String,
    /// Direct, partial or indirect speech.
    pub kind: QuoteKind,
    /// Who said it, or null where the text does not say.
    pub speaker: Option<Speaker>,
    /// The verb or phrase that attributes it: `said`, `told`, `according to`...
    pub cue: Option<String>,
    /// Where the quote sits: the body, the title, the subtitle or a caption.
    #[serde(rename = "in")]
    pub place: QuotePlace,
    /// Index into `body` of the paragraph where the quote starts (body quotes only).
    pub paragraph: Option<usize>,
    /// Index into `media` of the captioned item (caption quotes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<usize>,
    /// Byte offset of the quote's first character in the text it sits in: the article's
    /// `text` for the body, `title` or `subtitle` for those, the media item's `caption`.
    pub start: usize,
    /// Byte offset just past the quote's last character, in the same text as `start`.
    pub end: usize,
}

/// Kinds of quotation.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences or clauses of speech inside quotation marks.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

/// Where a quotation appears.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum QuotePlace {
    /// The article body.
    Body,
    /// The headline.
    Title,
    /// The dek under the headline.
    Subtitle,
    /// An image or video caption.
    Caption,
}

/// The person or organisation a quote is attributed to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Speaker {
    /// The speaker's fullest name in the article.
    pub name: String,
    /// Index into `entities`.
    pub entity: Option<usize>,
    /// A title given with the name at the attribution ("Deputy Foreign Minister").
    pub role: Option<String>,
}

/// A person, organisation or place the article mentions.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    /// The fullest form of the name.
    pub name: String,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Other forms seen: surnames, abbreviations, misspellings.
    pub aliases: Vec<String>,
    /// Titles seen with the name ("President", "Deputy Foreign Minister").
    pub roles: Vec<String>,
    /// How many times it is mentioned in the title and body.
    pub mentions: u32,
    /// Byte offset of the first mention in the article's `text` (null if only outside it).
    pub first: Option<usize>,
}

/// Kinds of named entity.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, government body, party, team or other organisation.
    Organization,
    /// A country, region, city or other place.
    Place,
    /// A named thing of another kind.
    Other,
}

/// A piece of the input kept out of the body.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Boilerplate {
    /// Why it was kept out.
    pub kind: BoilerplateKind,
    /// Its text.
    pub text: String,
}

/// Reasons a block is not part of the body.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BoilerplateKind {
    /// Navigation: menus, breadcrumbs, section lists.
    Nav,
    /// Promotions such as video cards.
    Promo,
    /// Teasers of other articles.
    Related,
    /// Image or video captions.
    Caption,
    /// Photo or media credits.
    Credit,
    /// The byline.
    Byline,
    /// Publication or update date lines.
    Dateline,
    /// The author's biography.
    Bio,
    /// Newsletter sign-up boxes.
    Newsletter,
    /// Share and follow buttons.
    Share,
    /// Advertising.
    Ad,
    /// Reader comments.
    Comment,
    /// Copyright, terms and cookie notices.
    Legal,
    /// Anything else that is not the body.
    Other,
}

impl Article {
    /// An article with no content, for the given source.
    #[must_use]
    pub fn empty(source: Source) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            source,
            kicker: None,
            title: None,
            subtitle: None,
            authors: Vec::new(),
            publisher: None,
            published: None,
            modified: None,
            language: None,
            url: None,
            tags: Vec::new(),
            accessible_for_free: None,
            text: String::new(),
            body: Vec::new(),
            media: Vec::new(),
            related: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            boilerplate: Vec::new(),
            warnings: Vec::new(),
            confidence: 0.0,
            provenance: BTreeMap::new(),
        }
    }
}
