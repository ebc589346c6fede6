//! copydesk turns a news article, as an HTML page or as pasted plain text, into a clean,
//! structured [`Article`]: headline, byline, dates, the body and nothing else, media with
//! captions and credits, related links, and a labelled record of everything left out.
//!
//! # Steps
//!
//! One pipeline, a module per stage; [`extract`] is the only place that chains them:
//!
//! 1. **input** ([`input`]): bytes to decoded text: gzip, BOM, declared or detected charset,
//!    and whether it is HTML or plain text.
//! 2. **blocks** ([`html`] or [`text`]): each turns its input into the same sequence of
//!    [`Block`]s with features (length, punctuation, capitals, links, DOM hints...).
//! 3. **classify** ([`mod@classify`]): labels every block: body, title, byline, caption, credit,
//!    related, promo, bio, nav, ad...
//! 4. **fields** ([`fields`]): metadata, dates, authors, media and the body from the labels.
//! 5. **[`Article`]**: the one output type, serialised with serde.
//! 6. **render** ([`mod@render`]): JSON, JSON Lines, plain text or Markdown.
//!
//! ```
//! let page = "Big news\n\nBy Jane Roe\n\nThe council voted on Tuesday to approve the budget, which raises spending on schools.\n";
//! let article = copydesk_core::extract(page.as_bytes(), &copydesk_core::Options::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Big news"));
//! assert_eq!(article.authors[0].name, "Jane Roe");
//! ```
#![deny(missing_docs)]

mod article;
pub mod block;
pub mod classify;
mod cues;
pub mod entities;
mod error;
pub mod fields;
pub mod html;
pub mod input;
pub mod jsonld;
mod options;
pub mod quotes;
pub mod render;
pub mod text;
pub mod warc;

pub use article::{
    Article, Author, BodyBlock, BodyKind, Boilerplate, BoilerplateKind, Entity, EntityKind, Format,
    Media, MediaKind, Quote, QuoteKind, QuotePlace, Related, SCHEMA_VERSION, Source, Speaker,
};
pub use block::{Block, Blocks, Label};
pub use error::Error;
pub use options::{InputFormat, Options};
pub use render::{RenderFormat, render};

/// Extracts an article from raw input bytes (HTML or plain text, possibly gzipped).
///
/// # Errors
///
/// Fails on input over the size limits, corrupt gzip and binary data. A page with no
/// article is not an error: it gives an empty body, a warning and a low confidence.
pub fn extract(bytes: &[u8], options: &Options) -> Result<Article, Error> {
    let (blocks, format, warnings) = classified_blocks(bytes, options)?;
    let source = Source {
        path: options.path.clone(),
        url: options.url.clone(),
        id: options.id.clone(),
        warc_record_id: options.warc_record_id.clone(),
        format,
        bytes: bytes.len(),
    };
    let mut article = fields::assemble(&blocks, source, warnings);
    if options.annotate {
        let mut entities = entities::find(&article);
        article.quotes = quotes::find(&article, &mut entities);
        article.entities = entities.list;
    }
    Ok(article)
}

/// Runs the stages up to `classify`: the labelled blocks, the format read and the warnings so far.
///
/// For looking at a hard page stage by stage; [`extract`] goes on from here.
///
/// # Errors
///
/// As [`extract`].
pub fn classified_blocks(
    bytes: &[u8],
    options: &Options,
) -> Result<(Blocks, Format, Vec<String>), Error> {
    let decoded = input::decode(bytes, options)?;
    let (mut blocks, mut warnings) = match decoded.format {
        Format::Html => html::blocks(&decoded.text, options),
        Format::Text => text::blocks(&decoded.text, options.max_block_bytes),
    };
    if blocks.blocks.len() > options.max_blocks {
        blocks.blocks.truncate(options.max_blocks);
        warnings.push(format!(
            "the page has more than {} blocks; the rest was not read",
            options.max_blocks
        ));
    }
    warnings.splice(0..0, decoded.warnings);
    warnings.dedup();
    classify::classify(&mut blocks.blocks, &blocks.nodes);
    Ok((blocks, decoded.format, warnings))
}

/// Extracts an article from text already in memory, sniffing HTML unless told.
///
/// # Errors
///
/// As [`extract`].
pub fn extract_str(input: &str, options: &Options) -> Result<Article, Error> {
    extract(input.as_bytes(), options)
}
