//! Media from labelled blocks: image alt lines, captions and credits, video promos.

use crate::block::{Block, Label, trailing_credit};
use crate::cues::{self, Cue};
use crate::{Media, MediaKind};

/// Splits a caption into the caption proper and its credit.
#[must_use]
pub fn split_credit(caption: &str) -> (String, Option<String>) {
    match trailing_credit(caption) {
        Some((text, credit)) => (text.to_owned(), Some(credit.to_owned())),
        None => (caption.to_owned(), None),
    }
}

/// Resolves a possibly relative URL against a base.
#[must_use]
pub fn resolve(src: &str, base: Option<&str>) -> String {
    if src.starts_with("http://") || src.starts_with("https://") || src.starts_with("data:") {
        return src.to_owned();
    }
    let Some(base) = base else {
        return src.to_owned();
    };
    let Some(scheme_end) = base.find("://") else {
        return src.to_owned();
    };
    if let Some(rest) = src.strip_prefix("//") {
        return format!("{}://{rest}", &base[..scheme_end]);
    }
    let host_end = base[scheme_end + 3..]
        .find('/')
        .map_or(base.len(), |i| i + scheme_end + 3);
    if src.starts_with('/') {
        return format!("{}{src}", &base[..host_end]);
    }
    let dir_end = base
        .rfind('/')
        .filter(|&i| i >= host_end)
        .map_or(base.len(), |i| i + 1);
    let dir = &base[..dir_end];
    if dir.ends_with('/') {
        format!("{dir}{src}")
    } else {
        format!("{dir}/{src}")
    }
}

/// Collects media in reading order from labelled blocks.
#[must_use]
pub fn collect(blocks: &[Block], base: Option<&str>) -> Vec<Media> {
    let mut media: Vec<Media> = Vec::new();
    let mut open = false; // whether the last media item can still take a caption or credit
    let mut seen_body = false;
    let mut skip_promo_title: Option<String> = None;
    // Media belong to the article from its header to just after its last paragraph.
    let header = blocks.iter().position(|b| {
        matches!(
            b.label,
            Label::Title | Label::Kicker | Label::Byline | Label::Body
        )
    });
    let last_body = blocks.iter().rposition(|b| b.label == Label::Body);
    let (Some(mut from), Some(to)) = (header, last_body) else {
        return media;
    };
    // A lead picture often sits just above the headline.
    while from > 0
        && from + 6 > header.unwrap_or(0)
        && matches!(
            blocks[from - 1].label,
            Label::Alt | Label::Caption | Label::Credit
        )
    {
        from -= 1;
    }
    let to = (to + 3).min(blocks.len());
    for b in &blocks[from..to] {
        let new = |kind| Media {
            kind,
            url: None,
            alt: None,
            title: None,
            caption: None,
            credit: None,
            description: None,
            lead: false,
        };
        match b.label {
            Label::Body => {
                seen_body = true;
                open = false;
            }
            Label::Alt => {
                let kind = match b.dom.embed {
                    Some("video") => MediaKind::Video,
                    Some("audio") => MediaKind::Audio,
                    Some(_) => MediaKind::Embed,
                    None => MediaKind::Image,
                };
                let mut m = new(kind);
                m.url = b.dom.src.as_deref().map(|s| resolve(s, base));
                let text = Some(b.text.clone()).filter(|t| !t.is_empty());
                if kind == MediaKind::Image {
                    m.alt = text;
                } else {
                    m.title = text;
                }
                m.lead = !seen_body;
                media.push(m);
                open = true;
            }
            Label::Caption => {
                let (caption, credit) = split_credit(&b.text);
                let last = media
                    .last_mut()
                    .filter(|m| open && m.caption.is_none() && m.kind == MediaKind::Image);
                let m = if let Some(m) = last {
                    m
                } else {
                    let mut m = new(MediaKind::Image);
                    m.lead = !seen_body;
                    media.push(m);
                    media.last_mut().expect("just pushed")
                };
                m.caption = Some(caption).filter(|c| !c.is_empty());
                if m.credit.is_none() {
                    m.credit = credit;
                }
                open = true;
            }
            Label::Credit if cues::cue(&b.text) != Some(Cue::CreditLabel) => {
                // "Photo: Jane Roe" credits Jane Roe.
                let credit = match trailing_credit(b.text.trim()) {
                    Some(("", credit)) => credit.to_owned(),
                    _ => b.text.trim().to_owned(),
                };
                if let Some(m) = media.last_mut().filter(|m| open && m.credit.is_none()) {
                    m.credit = Some(credit);
                } else {
                    let mut m = new(MediaKind::Image);
                    m.credit = Some(credit);
                    m.lead = !seen_body;
                    media.push(m);
                    open = true;
                }
            }
            Label::Promo => {
                if let Some(title) = cues::video_marker(&b.text) {
                    let mut m = new(MediaKind::Video);
                    m.title = Some(title.to_owned());
                    m.lead = !seen_body;
                    skip_promo_title = Some(title.to_owned());
                    media.push(m);
                    open = false;
                } else if skip_promo_title.as_deref() == Some(b.text.as_str()) {
                    skip_promo_title = None;
                } else if let Some(m) = media
                    .last_mut()
                    .filter(|m| m.kind == MediaKind::Video && m.description.is_none())
                {
                    m.description = Some(b.text.clone());
                }
            }
            _ => {}
        }
    }
    // Only the first item before the body is the lead.
    let mut lead_seen = false;
    for m in &mut media {
        m.lead = m.lead && !lead_seen;
        lead_seen |= m.lead;
    }
    media
}

/// Marks the image the page declares as its lead (JSON-LD or `OpenGraph`), adding it in front
/// when the body did not show it.
pub fn add_declared_lead(
    media: &mut Vec<Media>,
    declared: Option<(String, Option<String>, Option<String>)>,
    base: Option<&str>,
) {
    let Some((url, caption, credit)) = declared else {
        return;
    };
    let url = resolve(&url, base);
    if let Some(m) = media
        .iter_mut()
        .find(|m| m.url.as_deref() == Some(url.as_str()))
    {
        if !m.lead {
            for other in media.iter_mut() {
                other.lead = false;
            }
            if let Some(m) = media
                .iter_mut()
                .find(|m| m.url.as_deref() == Some(url.as_str()))
            {
                m.lead = true;
            }
        }
        return;
    }
    // The page's declared picture outranks whatever image came first (a headshot, an icon).
    for m in media.iter_mut() {
        m.lead = false;
    }
    media.insert(
        0,
        Media {
            kind: MediaKind::Image,
            url: Some(url),
            alt: None,
            title: None,
            caption,
            credit,
            description: None,
            lead: true,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_captions_from_credits() {
        assert_eq!(
            split_credit("Zelenskyy talks with media. (Pier Marco Tacca/Getty Images)"),
            (
                "Zelenskyy talks with media.".to_owned(),
                Some("Pier Marco Tacca/Getty Images".to_owned())
            )
        );
        assert_eq!(
            split_credit("Andreas Thurner, left, at the show. Photo: Damian Dovarganes, AP"),
            (
                "Andreas Thurner, left, at the show.".to_owned(),
                Some("Damian Dovarganes, AP".to_owned())
            )
        );
        assert_eq!(
            split_credit("No credit here."),
            ("No credit here.".to_owned(), None)
        );
    }

    #[test]
    fn resolves_urls() {
        let base = Some("https://example.com/news/story.html");
        assert_eq!(resolve("/img/a.jpg", base), "https://example.com/img/a.jpg");
        assert_eq!(resolve("a.jpg", base), "https://example.com/news/a.jpg");
        assert_eq!(
            resolve("//cdn.example.com/a.jpg", base),
            "https://cdn.example.com/a.jpg"
        );
        assert_eq!(resolve("https://x.org/a.jpg", base), "https://x.org/a.jpg");
    }
}
