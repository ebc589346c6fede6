//! Stage 4: fields from labelled blocks and declared metadata: headline, authors, dates,
//! language, body, media, related links and boilerplate, reconciled into an [`Article`].

pub mod authors;
pub mod dates;
pub mod language;
pub mod media;
pub mod metadata;

use crate::block::{Block, BlockKind, Blocks, Label};
use crate::cues::{self, Cue};
use crate::{Article, BodyBlock, BodyKind, Boilerplate, BoilerplateKind, Related, Source};

/// Builds the article from classified blocks.
#[must_use]
pub fn assemble(doc: &Blocks, source: Source, mut warnings: Vec<String>) -> Article {
    let blocks = &doc.blocks;
    let declared = &doc.declared;
    let mut article = Article::empty(source);
    article.body = body(blocks);
    article.text = article
        .body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    metadata::reconcile(&mut article, blocks, declared);
    let base = declared
        .base
        .as_deref()
        .map(|b| media::resolve(b, article.url.as_deref()))
        .or_else(|| article.url.clone());
    article.media = media::collect(blocks, base.as_deref());
    media::add_declared_lead(
        &mut article.media,
        metadata::declared_image(declared),
        base.as_deref(),
    );
    // A blurb right under a linked teaser belongs to it; it is not another teaser.
    let blurb = |i: usize| {
        blocks[i].dom.href.is_none()
            && blocks[i.saturating_sub(2)..i]
                .iter()
                .any(|p| p.label == Label::Related && p.dom.href.is_some())
    };
    // Without a link, only a line that reads as a headline is one: not a paragraph, not a
    // blurb cut off with "..." (a headline cut short is shorter), not a time stamp.
    let headline = |b: &Block| {
        let cut = b.text.ends_with("...") || b.text.ends_with('…');
        b.dom.href.is_some() || b.features.words <= 25 && !(cut && b.features.words >= 12)
    };
    article.related = blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            b.label == Label::Related
                && b.features.words >= 3
                && !blurb(i)
                && headline(b)
                && !matches!(
                    cues::cue(&b.text),
                    Some(Cue::RelatedHeading | Cue::Dateline)
                )
        })
        .map(|(_, b)| b)
        .map(|b| Related {
            title: b.text.clone(),
            url: b
                .dom
                .href
                .as_deref()
                .map(|h| media::resolve(h, base.as_deref())),
        })
        .collect();
    article.boilerplate = blocks.iter().filter_map(boilerplate).collect();
    article.confidence = confidence(blocks, &mut warnings);
    article.warnings = warnings;
    article
}

/// Body blocks in order, with list items and table rows grouped.
fn body(blocks: &[Block]) -> Vec<BodyBlock> {
    let mut out: Vec<BodyBlock> = Vec::new();
    let mut prev_kind: Option<BlockKind> = None;
    for b in blocks.iter().filter(|b| b.label == Label::Body) {
        let text = b.text.clone();
        let simple = |kind| BodyBlock {
            kind,
            text: text.clone(),
            level: None,
            items: None,
            rows: None,
        };
        match b.kind {
            BlockKind::ListItem => {
                if let (Some(BlockKind::ListItem), Some(list)) = (prev_kind, out.last_mut()) {
                    list.text.push('\n');
                    list.text.push_str(&text);
                    list.items.get_or_insert_with(Vec::new).push(text);
                } else {
                    out.push(BodyBlock {
                        kind: BodyKind::List,
                        text: text.clone(),
                        level: None,
                        items: Some(vec![text]),
                        rows: None,
                    });
                }
            }
            BlockKind::TableRow => {
                let cells: Vec<String> = text.split('\t').map(str::to_owned).collect();
                if let (Some(BlockKind::TableRow), Some(table)) = (prev_kind, out.last_mut()) {
                    table.text.push('\n');
                    table.text.push_str(&text);
                    table.rows.get_or_insert_with(Vec::new).push(cells);
                } else {
                    out.push(BodyBlock {
                        kind: BodyKind::Table,
                        text,
                        level: None,
                        items: None,
                        rows: Some(vec![cells]),
                    });
                }
            }
            BlockKind::Heading(level) => out.push(BodyBlock {
                level: Some(level),
                ..simple(BodyKind::Heading)
            }),
            BlockKind::Blockquote => out.push(simple(BodyKind::Blockquote)),
            BlockKind::Preformatted => out.push(simple(BodyKind::Preformatted)),
            BlockKind::Line | BlockKind::Paragraph | BlockKind::Image => {
                let f = &b.features;
                let heading = b.kind == BlockKind::Line
                    && f.words <= 15
                    && !f.sentence_end
                    && !text.ends_with([':', ',', ';']);
                out.push(simple(if heading {
                    BodyKind::Heading
                } else {
                    BodyKind::Paragraph
                }));
            }
        }
        prev_kind = Some(b.kind);
    }
    out
}

/// The boilerplate record of a block kept out of the body, if it is one.
fn boilerplate(b: &Block) -> Option<Boilerplate> {
    let kind = match b.label {
        Label::Body | Label::Title | Label::Kicker | Label::Subtitle | Label::Unknown => {
            return None;
        }
        Label::Byline => BoilerplateKind::Byline,
        Label::Dateline => BoilerplateKind::Dateline,
        Label::Caption | Label::Alt => BoilerplateKind::Caption,
        Label::Credit => BoilerplateKind::Credit,
        Label::Related => BoilerplateKind::Related,
        Label::Promo => BoilerplateKind::Promo,
        Label::Bio => BoilerplateKind::Bio,
        Label::Nav => BoilerplateKind::Nav,
        Label::Ad => BoilerplateKind::Ad,
        Label::Share => BoilerplateKind::Share,
        Label::Newsletter => BoilerplateKind::Newsletter,
        Label::Comment => BoilerplateKind::Comment,
        Label::Legal => BoilerplateKind::Legal,
        Label::Other => BoilerplateKind::Other,
    };
    if b.text.is_empty() {
        return None;
    }
    Some(Boilerplate {
        kind,
        text: b.text.clone(),
    })
}

/// How sure we are that the body is an article's: enough prose, and most of the page's prose.
fn confidence(blocks: &[Block], warnings: &mut Vec<String>) -> f32 {
    let prose = |b: &&Block| b.features.words >= 10 && b.features.sentence_end;
    let body_words: usize = blocks
        .iter()
        .filter(|b| b.label == Label::Body)
        .map(|b| b.features.words)
        .sum();
    let all_prose: usize = blocks.iter().filter(prose).map(|b| b.features.words).sum();
    let body_prose: usize = blocks
        .iter()
        .filter(|b| b.label == Label::Body)
        .filter(prose)
        .map(|b| b.features.words)
        .sum();
    if body_words == 0 {
        warnings.push("no article body found".to_owned());
        return 0.0;
    }
    if body_words < 80 {
        warnings.push(format!(
            "the body is very short ({body_words} words): the input may not be an article"
        ));
    }
    let length = (body_words as f32 / 250.0).min(1.0);
    let share = if all_prose == 0 {
        0.0
    } else {
        body_prose as f32 / all_prose as f32
    };
    let c = 0.1 + 0.9 * length * (0.4 + 0.6 * share);
    (c * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use crate::{InputFormat, Options, extract};

    #[test]
    fn related_lists_headlines_not_blurbs_or_time_stamps() {
        let para = "The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by four percent.";
        let blurb = "The harbour authority said on Monday that the bridge would stay shut to lorries for most of the winter while engineers replace the worn bearings under the main span...";
        let text = format!(
            "Council passes budget\n\n{para} One.\n\n{para} Two.\n\n{para} Three.\n\nMore City Stories\n\nHarbour bridge closes to lorries for the winter\n\n16 hours ago on City Blog\n\n{blurb}\n"
        );
        let options = Options {
            input: InputFormat::Text,
            ..Options::default()
        };
        let article = extract(text.as_bytes(), &options).expect("extracts");
        let titles: Vec<&str> = article.related.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Harbour bridge closes to lorries for the winter"]);
    }
}
