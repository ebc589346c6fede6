//! Stage 7: an [`Article`] rendered as JSON, plain text or Markdown.

use std::fmt::Write as _;

use crate::{Article, BodyKind};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// Pretty-printed JSON of the whole record.
    Json,
    /// One line of JSON per record.
    Jsonl,
    /// The headline and body as plain text.
    Text,
    /// The headline, byline and body as Markdown.
    Markdown,
}

/// Renders an article in the given format; JSON formats end without a newline.
#[must_use]
pub fn render(article: &Article, format: RenderFormat) -> String {
    match format {
        RenderFormat::Json => serde_json::to_string_pretty(article).unwrap_or_default(),
        RenderFormat::Jsonl => serde_json::to_string(article).unwrap_or_default(),
        RenderFormat::Text => text(article),
        RenderFormat::Markdown => markdown(article),
    }
}

fn text(article: &Article) -> String {
    let mut out = String::new();
    if let Some(title) = &article.title {
        let _ = write!(out, "{title}\n\n");
    }
    out.push_str(&article.text);
    out.push('\n');
    out
}

fn markdown(article: &Article) -> String {
    let mut out = String::new();
    if let Some(kicker) = &article.kicker {
        let _ = write!(out, "*{kicker}*\n\n");
    }
    if let Some(title) = &article.title {
        let _ = write!(out, "# {title}\n\n");
    }
    if let Some(subtitle) = &article.subtitle {
        let _ = write!(out, "**{subtitle}**\n\n");
    }
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    if !names.is_empty() || article.published.is_some() {
        let by = if names.is_empty() {
            String::new()
        } else {
            format!("By {}", names.join(", "))
        };
        let date = article.published.as_deref().unwrap_or_default();
        let sep = if by.is_empty() || date.is_empty() {
            ""
        } else {
            " · "
        };
        let _ = write!(out, "{by}{sep}{date}\n\n");
    }
    for block in &article.body {
        match block.kind {
            BodyKind::Heading => {
                let level = usize::from(block.level.unwrap_or(2).clamp(2, 6));
                let _ = write!(out, "{} {}\n\n", "#".repeat(level), block.text);
            }
            BodyKind::List => {
                for item in block.items.iter().flatten() {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            BodyKind::Blockquote => {
                for line in block.text.lines() {
                    let _ = writeln!(out, "> {line}");
                }
                out.push('\n');
            }
            BodyKind::Preformatted => {
                let _ = write!(out, "```\n{}\n```\n\n", block.text);
            }
            BodyKind::Table => {
                for (i, row) in block.rows.iter().flatten().enumerate() {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                    if i == 0 {
                        let _ = writeln!(out, "|{}", " --- |".repeat(row.len()));
                    }
                }
                out.push('\n');
            }
            BodyKind::Paragraph => {
                let _ = write!(out, "{}\n\n", block.text);
            }
        }
    }
    for m in article
        .media
        .iter()
        .filter(|m| m.caption.is_some() || m.url.is_some())
    {
        let alt = m.alt.as_deref().unwrap_or("");
        if let Some(url) = &m.url {
            let _ = writeln!(out, "![{alt}]({url})");
        }
        let caption = [m.caption.as_deref(), m.credit.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" — ");
        if !caption.is_empty() {
            let _ = writeln!(out, "*{caption}*");
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
