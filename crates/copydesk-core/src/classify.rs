//! Stage 3: label every block (body, title, byline, caption, credit, related, promo, bio, nav, ...).
//!
//! The same rules serve HTML and plain text; HTML blocks add their DOM hints.
//!
//! 1. Each block gets a weight: sentence-like prose counts for its words, short lines, links,
//!    repeated lines and boilerplate cues count against.
//! 2. The article region is the run of blocks with the largest total weight.
//! 3. Inside the region, typography and cues pick out captions, credits, image alt lines,
//!    promos, teasers, bylines and datelines; the rest of the prose is body.
//! 4. Before the region, the headline block is found from the byline or dateline that follows
//!    it; after it, the author's bio.

use aho_corasick::AhoCorasick;

use crate::block::{Block, BlockKind, Hint, Label, Node, looks_like_credit};
use crate::cues::{self, Cue};

/// Labels every block in place; `nodes` is the element tree the blocks sit in (empty for text).
pub fn classify(blocks: &mut [Block], nodes: &[Node]) {
    if blocks.is_empty() {
        return;
    }
    let cues: Vec<Option<Cue>> = blocks.iter().map(|b| cues::cue(&b.text)).collect();
    let repeated = repeated(blocks);
    label_promos(blocks);
    label_teasers(blocks, nodes);
    let (lo, mut hi, named) = if nodes.is_empty() {
        (0, blocks.len() - 1, false)
    } else {
        container(blocks, nodes, &cues, &repeated)
    };
    // In a container named as the article body, tags, a comments heading or a "related"
    // heading after most of its content end the article there.
    // Word totals by range, one subtraction each, so no cue can make a scan per block.
    let prose = WordSums::of(blocks, is_prose);
    if named {
        let content = WordSums::of(blocks, |b| is_prose(b) || content_line(b));
        if let Some(c) = (lo + 1..=hi).find(|&i| {
            matches!(
                cues[i],
                Some(Cue::Tags | Cue::Comments | Cue::RelatedHeading | Cue::Sources)
            ) && !widget_then_prose(blocks, i, hi)
                && content.between(lo, i) >= content.between(i, hi + 1).max(20)
        }) {
            hi = c - 1;
        }
    }
    let mut weights = weights(blocks, &cues, &repeated);
    escalate(&mut weights);
    let Some((mut start, mut end)) = best_run(&weights[lo..=hi]).map(|(s, e)| (s + lo, e + lo))
    else {
        label_outside(blocks, &cues, 0, 0);
        return;
    };
    if let Some(above) = article_above_comments(&weights, &cues, &prose, lo, start) {
        (start, end) = above;
    }
    start = skip_header(blocks, &cues, start, end);
    // Reader comments close an article, however much prose follows them.
    if let Some(stop) = (start + 1..=end).find(|&i| cues[i] == Some(Cue::Comments))
        && blocks[start..stop].iter().any(is_prose)
    {
        end = stop - 1;
    }
    // So does a "Most read", "Related" or "Sources" heading in the last part of the text.
    if let Some(stop) = (start + 1..=end).find(|&i| {
        matches!(cues[i], Some(Cue::RelatedHeading | Cue::Sources))
            && prose.between(start, i) >= 4 * prose.between(i, end + 1).max(1)
            && !widget_then_prose(blocks, i, end)
    }) {
        end = stop - 1;
    }
    // And so does the author's bio ("Jane Roe is a reporter for ..."), when most of the prose
    // stands before it: what follows it is the outlet's, not the story's.
    if let Some(stop) = (start + 1..=end).find(|&i| {
        blocks[i].features.words <= 80
            && cues::is_bio(&blocks[i].text)
            && prose.between(start, i) >= 100
            && prose.between(start, i) >= 2 * prose.between(i + 1, end + 1)
    }) {
        blocks[stop].label = Label::Bio;
        end = stop - 1;
    }
    let run_start = start;
    // The body opens at its first paragraph, or at a list or table in the container named as
    // the article body (a calendar, a list of results).
    start = (start..=end)
        .find(|&i| {
            let b = &blocks[i];
            b.label == Label::Unknown
                && (is_prose(b)
                    || matches!(b.kind, BlockKind::ListItem | BlockKind::TableRow)
                        && b.dom.hints.contains(&Hint::Body)
                        && content_line(b)
                        && cues[i].is_none())
        })
        .unwrap_or(start);
    // Below a byline or dateline, sentence-case lines just above the first paragraph are its
    // lede written without a full stop, not the header.
    let mut lede = start;
    while lede > lo && unpunctuated_lede(&blocks[lede - 1], cues[lede - 1]) {
        lede -= 1;
    }
    if lede < start
        && lede > lo
        && (matches!(
            cues[lede - 1],
            Some(Cue::Byline | Cue::Dateline | Cue::ReadingTime)
        ) || cues[lede - 1].is_none() && dated_line(&blocks[lede - 1]))
    {
        start = lede;
    }
    // Lines in the same element as the first paragraph (text split by <br>) belong with it.
    let node = blocks[start].dom.node;
    let mut j = start;
    while node != 0 && j > run_start {
        j -= 1;
        let b = &blocks[j];
        if b.kind == BlockKind::Image {
            continue;
        }
        if b.dom.node != node || cues[j].is_some() || b.label != Label::Unknown || !content_line(b)
        {
            break;
        }
        start = j;
    }
    end = trim_tail(blocks, &cues, start, end);
    end = extend_list(blocks, &cues, &repeated, end);
    label_region(blocks, &cues, &repeated, start, end);
    label_header(blocks, &cues, start);
    label_bio(blocks, end);
    label_outside(blocks, &cues, start, end);
}

/// A sentence of the story that lacks its full stop: long, in sentence case, not a link, a
/// heading or a labelled line.
fn unpunctuated_lede(b: &Block, cue: Option<Cue>) -> bool {
    b.label == Label::Unknown
        && cue.is_none()
        && matches!(b.kind, BlockKind::Paragraph | BlockKind::Line)
        && b.features.words >= 10
        && !b.features.sentence_end
        && b.features.title_case < 0.5
        && !(b.features.paren_credit || b.text.ends_with(']'))
        && content_line(b)
}

/// A short line that gives a date: the header's dateline even without a cue word.
fn dated_line(b: &Block) -> bool {
    b.features.words <= 20 && crate::fields::dates::mentions_date(&b.text)
}

/// Running totals of the words of the blocks that count, so that a range's total is one
/// subtraction.
struct WordSums(Vec<usize>);

impl WordSums {
    fn of(blocks: &[Block], counts: impl Fn(&Block) -> bool) -> Self {
        let mut total = 0;
        let mut sums = Vec::with_capacity(blocks.len() + 1);
        sums.push(0);
        for b in blocks {
            if counts(b) {
                total += b.features.words;
            }
            sums.push(total);
        }
        WordSums(sums)
    }

    /// The words of the counted blocks in `from..to`.
    fn between(&self, from: usize, to: usize) -> usize {
        self.0[to] - self.0[from]
    }
}

/// Reader comments close an article: when the heaviest run starts below a comments heading
/// and the text above that heading holds an article of its own (50 words of prose or more),
/// the article is the heaviest run above the heading. One pass of Kadane's scan from `lo`,
/// looking at the best run so far at each comments heading before `start`.
fn article_above_comments(
    weights: &[i64],
    cues: &[Option<Cue>],
    prose: &WordSums,
    lo: usize,
    start: usize,
) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let (mut sum, mut from) = (0i64, lo);
    for c in lo..start {
        if c > lo
            && cues[c] == Some(Cue::Comments)
            && let Some((_, s, e)) = best
            && prose.between(s, e + 1) >= 50
        {
            return Some((s, e));
        }
        if sum <= 0 {
            sum = 0;
            from = c;
        }
        sum += weights[c];
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, c));
        }
    }
    None
}

/// Each block's weight: how much it speaks for being inside the article.
fn weights(blocks: &[Block], cues: &[Option<Cue>], repeated: &[bool]) -> Vec<i64> {
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if b.label == Label::Unknown {
                weight(b, cues[i], repeated[i])
            } else {
                -3
            }
        })
        .collect()
}

/// What an element named "article-body" or "entry-content" adds to its subtree's weight.
const BODY_NAME_BONUS: i64 = 50;

/// Picks the element holding the article (the subtree whose blocks weigh most) and scopes each
/// block's hints: inside it, only the hints of elements below it count. Returns the container's
/// first and last block, and whether its name says it is the article body.
///
/// Hints of elements wrapping most of the page's prose are ignored while choosing: a page-wide
/// wrapper named "menu-open" or "has-sidebar" says nothing about the paragraphs in it.
fn container(
    blocks: &mut [Block],
    nodes: &[Node],
    cues: &[Option<Cue>],
    repeated: &[bool],
) -> (usize, usize, bool) {
    // Prose words per subtree; children come after parents, so one backward pass sums them.
    let mut prose = vec![0usize; nodes.len()];
    let mut count = vec![0usize; nodes.len()];
    for b in blocks.iter() {
        count[node_of(b, nodes)] += 1;
        if is_prose(b) {
            prose[node_of(b, nodes)] += b.features.words;
        }
    }
    for n in (1..nodes.len()).rev() {
        if let Some(p) = parent_of(nodes, n) {
            prose[p] += prose[n];
            count[p] += count[n];
        }
    }
    let total = prose[0];
    // A wrapper holds several blocks and most of the prose; a lone paragraph is no wrapper.
    let wrapper = |n: usize| {
        total > 0
            && prose[n] * 10 >= total * 6
            && count[n] >= 3
            && nodes[n].hint != Some(Hint::Body)
    };
    let scope = |blocks: &mut [Block], keep: &dyn Fn(usize) -> bool| {
        // The nearest element at or above each one whose hint counts, found once per element
        // (parents come first), so that a block visits only those, not every ancestor.
        let mut hinted: Vec<Option<usize>> = vec![None; nodes.len()];
        for n in 0..nodes.len() {
            hinted[n] = if keep(n) && nodes[n].hint.is_some() {
                Some(n)
            } else {
                parent_of(nodes, n).and_then(|p| hinted[p])
            };
        }
        for b in blocks.iter_mut() {
            let mut hints = Vec::new();
            let mut next = hinted[node_of(b, nodes)];
            while let Some(n) = next {
                if let Some(h) = nodes[n].hint
                    && hints.last() != Some(&h)
                {
                    hints.push(h);
                }
                next = parent_of(nodes, n).and_then(|p| hinted[p]);
            }
            hints.reverse();
            b.dom.hints = hints;
        }
    };
    scope(blocks, &|n| !wrapper(n));
    let weights = weights(blocks, cues, repeated);
    let mut sum = vec![0i64; nodes.len()];
    let mut first = vec![usize::MAX; nodes.len()];
    let mut last = vec![0usize; nodes.len()];
    for (i, b) in blocks.iter().enumerate() {
        let n = node_of(b, nodes);
        sum[n] += weights[i];
        first[n] = first[n].min(i);
        last[n] = last[n].max(i);
    }
    // An element named as the article body speaks for itself, even when its content is a list
    // or a table rather than prose; but not one of many such names inside a teaser box or
    // another body element.
    let named_body = |n: usize| {
        if nodes[n].hint != Some(Hint::Body) {
            return false;
        }
        let mut m = n;
        while let Some(p) = parent_of(nodes, m) {
            if !wrapper(p)
                && matches!(
                    nodes[p].hint,
                    Some(
                        Hint::Body
                            | Hint::Related
                            | Hint::Sidebar
                            | Hint::Nav
                            | Hint::Comment
                            | Hint::Promo
                            | Hint::Chrome
                    )
                )
            {
                return false;
            }
            m = p;
        }
        true
    };
    for n in (1..nodes.len()).rev() {
        if first[n] != usize::MAX && named_body(n) {
            sum[n] += BODY_NAME_BONUS;
        }
        if let Some(p) = parent_of(nodes, n) {
            sum[p] += sum[n];
            first[p] = first[p].min(first[n]);
            last[p] = last[p].max(last[n]);
        }
    }
    let best = (0..nodes.len())
        .filter(|&n| first[n] != usize::MAX)
        .max_by_key(|&n| (sum[n], n))
        .unwrap_or(0);
    if first[best] == usize::MAX {
        return (0, blocks.len() - 1, false);
    }
    // Inside the container only the hints below it count; outside, all of them.
    let (lo, hi) = (first[best], last[best]);
    // Which elements sit below the container, decided once per element (parents come first)
    // rather than by a walk to the root for every ancestor of every block.
    let mut below = vec![false; nodes.len()];
    for n in 1..nodes.len() {
        below[n] = parent_of(nodes, n).is_some_and(|p| p == best || below[p]);
    }
    // The container's own name counts when it names the article body.
    let own_body = nodes[best].hint == Some(Hint::Body);
    scope(&mut blocks[lo..=hi], &|n| {
        below[n] && !wrapper(n) || n == best && own_body
    });
    scope(&mut blocks[..lo], &|_| true);
    scope(&mut blocks[hi + 1..], &|_| true);
    (lo, hi, own_body)
}

/// Marks blocks whose text (three words or more) occurs more than once in the document.
fn repeated(blocks: &[Block]) -> Vec<bool> {
    // Sorted by length then text, equal texts sit together; most lengths differ, so most
    // comparisons stop there (cheaper than hashing every paragraph, and no hash to flood).
    let counts = |b: &Block| b.features.words >= 3 && b.kind != BlockKind::Image;
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&blocks[a].text, &blocks[b].text);
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    });
    let mut out = vec![false; blocks.len()];
    for group in order.chunk_by(|&a, &b| blocks[a].text == blocks[b].text) {
        if group.iter().filter(|&&i| counts(&blocks[i])).count() > 1 {
            for &i in group {
                out[i] = true;
            }
        }
    }
    out
}

/// Whether a block reads as running prose.
fn is_prose(b: &Block) -> bool {
    let f = &b.features;
    !f.link_like
        && (f.words >= 10 && (f.sentence_end || f.sentences >= 1) || f.words >= 25 && f.commas >= 1)
}

/// Hints that mark a container as not being the article.
fn negative_hint(b: &Block) -> bool {
    innermost_hint(b).is_some_and(|h| {
        matches!(
            h,
            Hint::Nav
                | Hint::Chrome
                | Hint::Sidebar
                | Hint::Related
                | Hint::Share
                | Hint::Newsletter
                | Hint::Ad
                | Hint::Comment
                | Hint::Promo
        )
    })
}

/// How much a block speaks for being inside the article region.
fn weight(b: &Block, cue: Option<Cue>, repeated: bool) -> i64 {
    let f = &b.features;
    if b.kind == BlockKind::Image {
        return 0;
    }
    // A caption belongs to a picture of the article as much as to a gallery: it neither
    // speaks for nor against the text around it.
    if cue == Some(Cue::Caption) {
        return 0;
    }
    if let Some(cue) = cue {
        return if cue.ends_article() { -25 } else { -4 };
    }
    let body_hint = b.dom.hints.contains(&Hint::Body);
    if repeated {
        return if body_hint && content_line(b) { 0 } else { -3 };
    }
    if negative_hint(b) || b.dom.link_density > 0.5 {
        return if is_prose(b) { -2 } else { -5 };
    }
    if is_prose(b) {
        let w = i64::try_from(f.words.min(120)).unwrap_or(120);
        return if body_hint || b.dom.in_article {
            w + 10
        } else {
            w
        };
    }
    // Inside a container named as the article body, short lines are subheads and list items.
    if body_hint && !f.link_like && b.dom.link_density < 0.5 {
        return 1;
    }
    if f.sentence_end && f.words >= 4 {
        return 2;
    }
    if f.link_like {
        return -5;
    }
    if content_line(b) {
        return if f.digit_ratio > 0.0 { 1 } else { -1 };
    }
    if matches!(b.kind, BlockKind::Heading(_)) {
        return 0;
    }
    -3
}

/// A short line that reads as content (a list item, a table row, a subheading) rather than
/// as a menu entry: several words, or figures.
fn content_line(b: &Block) -> bool {
    let f = &b.features;
    !(f.link_like
        || f.slug
        || f.words < 2
        || f.all_caps && f.words >= 8
        || count_suffix(&b.text)
        || b.dom.link_density > 0.5)
}

/// "Category (113)": a menu entry with a count, as archive and tag widgets print them.
fn count_suffix(text: &str) -> bool {
    text.strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .is_some_and(|(head, n)| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && head.split_whitespace().count() <= 4
        })
}

/// Makes long runs of non-content blocks cost more than the sum of their lines: one caption
/// or ad slot inside an article is normal, a wall of links between two texts is a border.
fn escalate(weights: &mut [i64]) {
    let mut run = 0i64;
    for w in weights.iter_mut() {
        if *w < 0 {
            *w -= run;
            run += 1;
        } else if *w > 1 {
            run = 0;
        }
    }
}

/// The contiguous run with the largest total weight (Kadane), as inclusive indexes.
fn best_run(weights: &[i64]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0;
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// An empty "Trending" widget dropped between paragraphs: the heading sits in its own element
/// and the story's paragraphs go on right after it.
fn widget_then_prose(blocks: &[Block], i: usize, end: usize) -> bool {
    let b = &blocks[i];
    let mut next = blocks[i + 1..=end]
        .iter()
        .filter(|n| n.kind != BlockKind::Image)
        .take(2);
    if b.dom.node == 0 {
        // In plain text only the lines say it: the story's paragraphs, not a list of headlines.
        let story = |n: &Block| is_prose(n) && n.features.sentence_end && !n.features.link_like;
        return next.clone().count() == 2 && next.all(story);
    }
    negative_hint(b) && next.any(|n| is_prose(n) && !negative_hint(n) && n.dom.node != b.dom.node)
}

/// Moves the region start past a headline block that was read as prose: a dek followed by a
/// byline or dateline near the top belongs to the header, not the body.
fn skip_header(blocks: &[Block], cues: &[Option<Cue>], start: usize, end: usize) -> usize {
    let limit = (start + 12).min(end + 1);
    let mut prose_words = 0;
    for i in start..limit {
        if matches!(
            cues[i],
            Some(Cue::Byline | Cue::Dateline | Cue::ReadingTime)
        ) {
            return (i + 1).min(end);
        }
        if is_prose(&blocks[i]) {
            prose_words += blocks[i].features.words;
            if prose_words > 60 || blocks[i].features.sentences >= 3 {
                return start;
            }
        }
    }
    start
}

/// Ends the region at its last prose block, plus what continues it: list items, lines with
/// figures and sentences. Headline-like lines after the last paragraph are mostly teasers.
fn trim_tail(blocks: &[Block], cues: &[Option<Cue>], start: usize, end: usize) -> usize {
    let Some(last) = (start..=end)
        .rev()
        .find(|&i| is_prose(&blocks[i]) && blocks[i].label == Label::Unknown)
    else {
        return end;
    };
    let mut new_end = last;
    // Lines the page split with <br> inside the last paragraph's element are still that text.
    let node = blocks[last].dom.node;
    for i in last + 1..=end {
        let b = &blocks[i];
        let f = &b.features;
        let continues = cues[i].is_none()
            && !negative_hint(b)
            && (b.kind == BlockKind::ListItem
                || f.digit_ratio > 0.0 && f.words >= 2
                || f.sentence_end && f.words >= 3
                || b.kind == BlockKind::TableRow
                || node != 0 && b.dom.node == node && !f.link_like);
        if !continues {
            break;
        }
        new_end = i;
    }
    new_end
}

/// Carries the region on over a list that follows it (figures, sentences, item labels), up to
/// the next boilerplate cue: a list of facts reads differently from a list of headlines.
fn extend_list(blocks: &[Block], cues: &[Option<Cue>], repeated: &[bool], end: usize) -> usize {
    let mut last = end;
    let mut evidence = 0usize;
    let mut lines = 0usize;
    for i in end + 1..blocks.len() {
        let b = &blocks[i];
        let f = &b.features;
        if cues[i].is_some()
            || negative_hint(b)
            || b.label != Label::Unknown
            || f.words > 60 && !is_prose(b)
            || cues::is_bio(&b.text)
        {
            break;
        }
        lines += 1;
        if f.digit_ratio > 0.0
            || f.sentence_end
            || b.text.contains(':')
            || b.kind == BlockKind::ListItem
            || is_prose(b)
        {
            evidence += 1;
        }
        if !repeated[i] && (content_line(b) || is_prose(b) || f.sentence_end) {
            last = i;
        }
    }
    let taken = blocks[end + 1..=last].len();
    if taken >= 3 && evidence * 10 >= lines * 5 {
        last
    } else {
        end
    }
}

/// Labels the blocks inside the article region.
fn label_region(
    blocks: &mut [Block],
    cues: &[Option<Cue>],
    repeated: &[bool],
    start: usize,
    end: usize,
) {
    for i in start..=end {
        if blocks[i].label != Label::Unknown {
            continue;
        }
        let label = region_label(blocks, cues, repeated, i, start, end);
        blocks[i].label = label;
        match label {
            Label::Credit => caption_before(blocks, i, start),
            Label::Caption => alt_before(blocks, i, start),
            _ => {}
        }
    }
    // Short lines between body blocks are subheadings; elsewhere they are left out.
    let has_body = blocks[start..=end].iter().any(|b| b.label == Label::Body);
    // Pictures, captions and bare links ("http://...") between two lines do not part them.
    let aside = |b: &Block| {
        matches!(b.label, Label::Alt | Label::Caption | Label::Credit)
            || b.label == Label::Other && (b.features.link_like || b.dom.link_density > 0.5)
    };
    // The loop below labels only block i, so what follows i is as it was before the loop:
    // for each block, the next one that is labelled (or the last), found in one pass back.
    let mut next_labelled = vec![None; end + 1 - start];
    for i in (start..end).rev() {
        let j = i + 1;
        let stops = j == end
            || !matches!(
                blocks[j].label,
                Label::Unknown | Label::Alt | Label::Caption | Label::Credit
            );
        next_labelled[i - start] = if stops {
            Some(j)
        } else {
            next_labelled[j - start]
        };
    }
    // The last block before i that is not aside, kept up to date as the loop goes.
    let mut last_not_aside = None;
    // Whether a "Related articles" heading inside the text is still followed only by the
    // headlines it lists (lines with no sentence end, with their capitalised kickers), which
    // are teasers, not subheadings. A line of the story closes the list.
    let mut teasers = false;
    let mut body_seen = false;
    for i in start..=end {
        let b = &blocks[i];
        if cues[i] == Some(Cue::RelatedHeading) {
            teasers = body_seen;
        } else if b.label == Label::Unknown && teasers && headline_like(b) {
            blocks[i].label = Label::Related;
        } else if b.label == Label::Body || b.label == Label::Unknown && content_line(b) {
            teasers = false;
        }
        if blocks[i].label == Label::Unknown {
            let prev = last_not_aside;
            let next = next_labelled[i - start];
            label_short_line(blocks, repeated, i, prev, next, has_body);
        }
        if !aside(&blocks[i]) {
            last_not_aside = Some(i);
        }
        body_seen |= blocks[i].label == Label::Body;
    }
}

/// Labels an unlabelled line inside the region: body if it sits between body blocks and
/// reads as a subheading or content line, otherwise other.
fn label_short_line(
    blocks: &mut [Block],
    repeated: &[bool],
    i: usize,
    prev: Option<usize>,
    next: Option<usize>,
    has_body: bool,
) {
    let between = prev.is_some_and(|j| blocks[j].label == Label::Body)
        && next.is_some_and(|j| blocks[j].label == Label::Body);
    let b = &blocks[i];
    let heading_like =
        b.features.words <= 20 && !b.features.link_like && b.dom.link_density < 0.5 && !repeated[i];
    let structured = matches!(
        b.kind,
        BlockKind::Heading(_)
            | BlockKind::ListItem
            | BlockKind::TableRow
            | BlockKind::Blockquote
            | BlockKind::Preformatted
    );
    let inside = !has_body
        || prev.is_some_and(|j| blocks[j].label == Label::Body)
        || next.is_some_and(|j| blocks[j].label == Label::Body);
    blocks[i].label = if between && heading_like && (b.gap_before || structured)
        || between && structured && !negative_hint(b)
        || inside && content_line(b) && !negative_hint(b)
    {
        Label::Body
    } else {
        Label::Other
    };
}

/// A headline as a teaser list prints it, or its kicker in capitals: a few words, no sentence
/// end, not a link line.
fn headline_like(b: &Block) -> bool {
    let f = &b.features;
    (f.words >= 3 || f.all_caps)
        && f.words <= 20
        && !f.sentence_end
        && !f.link_like
        && !b.text.ends_with(':')
}

fn region_label(
    blocks: &[Block],
    cues: &[Option<Cue>],
    repeated: &[bool],
    i: usize,
    start: usize,
    end: usize,
) -> Label {
    let b = &blocks[i];
    let f = &b.features;
    if b.kind == BlockKind::Image {
        return Label::Alt;
    }
    if let Some(cue) = cues[i] {
        return cue.label();
    }
    if innermost_hint(b) == Some(Hint::Credit) && f.words <= 12 {
        return Label::Credit;
    }
    if b.dom.hints.contains(&Hint::Caption) {
        return Label::Caption;
    }
    if b.dom.hints.contains(&Hint::Credit) && f.words <= 12 {
        return Label::Credit;
    }
    if innermost_hint(b) == Some(Hint::Byline) {
        return if f.words >= 12 {
            Label::Bio
        } else {
            Label::Byline
        };
    }
    if negative_hint(b) {
        return hint_label(b);
    }
    if f.words <= 8 && cues::has_email(&b.text) {
        return Label::Bio;
    }
    if f.paren_credit && f.words <= 80 {
        return Label::Caption;
    }
    if f.words <= 12 && !f.sentence_end && !f.slug && looks_like_credit(&b.text) && i > start {
        return Label::Credit;
    }
    if repeated[i] && !content_line(b) {
        return Label::Other;
    }
    if f.all_caps && f.words >= 8 && !f.sentence_end && i < end {
        return Label::Related;
    }
    if is_prose(b) || f.sentence_end && f.words >= 3 && !f.link_like {
        return Label::Body;
    }
    if f.slug && next_is_caption(blocks, i, end) {
        return Label::Alt;
    }
    Label::Unknown
}

fn next_is_caption(blocks: &[Block], i: usize, end: usize) -> bool {
    i < end && blocks[i + 1].features.paren_credit
}

/// The innermost hint that says what a container is (dates, figures and tags say little).
fn innermost_hint(b: &Block) -> Option<Hint> {
    b.dom
        .hints
        .iter()
        .rev()
        .find(|h| !matches!(h, Hint::Date | Hint::Figure | Hint::Tags))
        .copied()
}

/// The label that a negative DOM hint stands for.
fn hint_label(b: &Block) -> Label {
    match innermost_hint(b) {
        Some(Hint::Nav | Hint::Chrome) => Label::Nav,
        Some(Hint::Related) => Label::Related,
        Some(Hint::Share) => Label::Share,
        Some(Hint::Newsletter) => Label::Newsletter,
        Some(Hint::Ad) => Label::Ad,
        Some(Hint::Comment) => Label::Comment,
        Some(Hint::Promo) => Label::Promo,
        _ => Label::Other,
    }
}

/// A credit line makes the short text just before it a caption, unless a line that names
/// itself the caption follows the credit.
fn caption_before(blocks: &mut [Block], i: usize, start: usize) {
    if blocks
        .get(i + 1)
        .is_some_and(|n| cues::cue(&n.text) == Some(Cue::Caption))
    {
        return;
    }
    let mut j = i;
    while j > start {
        j -= 1;
        let b = &blocks[j];
        if b.label == Label::Credit || cues::cue(&b.text) == Some(Cue::CreditLabel) {
            continue;
        }
        // A credit inside a figure captions nothing outside it.
        if blocks[i].dom.hints.contains(&Hint::Figure) && !b.dom.hints.contains(&Hint::Figure) {
            return;
        }
        if b.features.words <= 60
            && matches!(b.label, Label::Body | Label::Unknown)
            && !b.gap_before
            || b.features.words <= 30 && b.label == Label::Body
        {
            blocks[j].label = Label::Caption;
            alt_before(blocks, j, start);
        }
        return;
    }
}

/// A short headline-like line just before a caption is the image's alt text.
fn alt_before(blocks: &mut [Block], i: usize, start: usize) {
    if i == start {
        return;
    }
    let b = &blocks[i - 1];
    let f = &b.features;
    if matches!(b.label, Label::Unknown | Label::Alt)
        && (f.slug || f.words <= 12 && !f.sentence_end && !f.all_caps)
    {
        blocks[i - 1].label = Label::Alt;
    }
}

/// Teaser cards: three or more linked headlines in a row, each followed by a short blurb, each
/// pair alone in its own element. A linked line dropped between paragraphs ("read more") is no
/// card: the element it shares with the next paragraph is the whole article.
fn label_teasers(blocks: &mut [Block], nodes: &[Node]) {
    if nodes.is_empty() {
        return;
    }
    let node = |i: usize| node_of(&blocks[i], nodes);
    let order = Preorder::of(nodes);
    let number = |i: usize| order.number[node(i)];
    // Walking away from its pair, a card meets a paragraph of its own if the blocks up to the
    // nearest paragraph all sit inside it. For each block: the element numbers from the
    // nearest paragraph at or before it up to it, and from it to the nearest one at or after
    // it, found in one pass each way rather than by a walk per card.
    let mut back = Vec::with_capacity(blocks.len());
    let mut run: Option<(usize, usize)> = None;
    for (i, b) in blocks.iter().enumerate() {
        run = span(run, number(i), is_prose(b));
        back.push(run);
    }
    let mut ahead = vec![None; blocks.len()];
    run = None;
    for (i, b) in blocks.iter().enumerate().rev() {
        run = span(run, number(i), is_prose(b));
        ahead[i] = run;
    }
    // Whether the deepest element holding both blocks holds nothing else: a card.
    let own_card = |t: usize, d: usize| {
        let Some(card) = std::iter::successors(Some(node(t)), |&n| parent_of(nodes, n))
            .find(|&n| order.holds(n, number(d), number(d)))
        else {
            return false;
        };
        // The card may hold a picture, a kicker or a date line, but no other paragraph.
        let reaches =
            |run: Option<(usize, usize)>| run.is_some_and(|(lo, hi)| order.holds(card, lo, hi));
        let before = t > 0 && reaches(back[t - 1]);
        let after = ahead.get(d + 1).is_some_and(|&run| reaches(run));
        !before && !after
    };
    let card_title = |b: &Block| {
        b.dom.link_density >= 0.9
            && (3..=25).contains(&b.features.words)
            && !b.features.sentence_end
            && b.kind != BlockKind::Image
    };
    let blurb = |b: &Block| {
        b.dom.link_density < 0.5
            && (6..=40).contains(&b.features.words)
            && b.kind != BlockKind::Image
            && b.label == Label::Unknown
    };
    // (title, blurb) pairs, in order.
    let mut cards: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if card_title(&blocks[i])
            && let Some(d) = (i + 1..blocks.len().min(i + 3))
                .take_while(|&j| !card_title(&blocks[j]))
                .find(|&j| blurb(&blocks[j]))
        {
            cards.push((i, d));
            i = d + 1;
        } else {
            i += 1;
        }
    }
    cards.retain(|&(t, d)| own_card(t, d));
    let mut run_start = 0;
    for k in 0..=cards.len() {
        let continues = k > 0 && k < cards.len() && cards[k].0 <= cards[k - 1].1 + 3;
        if continues {
            continue;
        }
        let run = &cards[run_start..k];
        if run.len() >= 3 {
            for &(t, d) in run {
                for b in &mut blocks[t..=d] {
                    if b.label == Label::Unknown && b.kind != BlockKind::Image {
                        b.label = Label::Related;
                    }
                }
            }
        }
        run_start = k;
    }
}

/// The element numbers a run of blocks spans, taking in one more block: a paragraph starts
/// the run afresh, and a run not yet started stays so until one does.
fn span(run: Option<(usize, usize)>, number: usize, prose: bool) -> Option<(usize, usize)> {
    if prose {
        Some((number, number))
    } else {
        run.map(|(lo, hi)| (lo.min(number), hi.max(number)))
    }
}

/// The element a block came from, clamped into `nodes`.
fn node_of(block: &Block, nodes: &[Node]) -> usize {
    (block.dom.node as usize).min(nodes.len() - 1)
}

/// An element's parent, if it comes before it; an element whose parent does not is a root.
fn parent_of(nodes: &[Node], n: usize) -> Option<usize> {
    Some(nodes[n].parent as usize).filter(|&p| p < n)
}

/// The elements numbered in preorder: an element's subtree is the range of numbers from its
/// own, as long as its size, so whether it holds another element is two comparisons.
struct Preorder {
    number: Vec<usize>,
    size: Vec<usize>,
}

impl Preorder {
    /// Numbers `nodes`, where an element whose parent does not come before it is a root.
    fn of(nodes: &[Node]) -> Self {
        // Children come after their parents, so one backward pass adds up the sizes.
        let mut size = vec![1; nodes.len()];
        for n in (1..nodes.len()).rev() {
            if let Some(p) = parent_of(nodes, n) {
                size[p] += size[n];
            }
        }
        // Each element takes the next free number in its parent's range (or after the last
        // root's), and its children the numbers after its own.
        let mut number = vec![0; nodes.len()];
        let mut free = vec![0; nodes.len()];
        let mut roots = 0;
        for n in 0..nodes.len() {
            let next = parent_of(nodes, n).map_or(&mut roots, |p| &mut free[p]);
            number[n] = *next;
            *next += size[n];
            free[n] = number[n] + 1;
        }
        Preorder { number, size }
    }

    /// Whether the elements numbered `lo` to `hi` all sit in `n`'s subtree (`n` included).
    fn holds(&self, n: usize, lo: usize, hi: usize) -> bool {
        self.number[n] <= lo && hi < self.number[n] + self.size[n]
    }
}

/// Video cards: a title marked "Video", the same title again, then one line of description.
fn label_promos(blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let Some(title) = cues::video_marker(&blocks[i].text) else {
            continue;
        };
        if blocks[i].features.words < 3 || blocks.get(i + 1).is_none_or(|b| b.text != title) {
            continue;
        }
        blocks[i].label = Label::Promo;
        blocks[i + 1].label = Label::Promo;
        if let Some(next) = blocks
            .get_mut(i + 2)
            .filter(|b| b.features.words <= 80 && b.label == Label::Unknown)
        {
            next.label = Label::Promo;
        }
    }
}

/// Finds kicker, headline, dek, byline and dateline in the blocks before the region.
fn label_header(blocks: &mut [Block], cues: &[Option<Cue>], start: usize) {
    let from = start.saturating_sub(16);
    // The byline or dateline closest to the region anchors the header.
    let mut anchor = None;
    for i in (from..start).rev() {
        match cues[i] {
            Some(Cue::Byline) => blocks[i].label = Label::Byline,
            Some(Cue::Dateline) => blocks[i].label = Label::Dateline,
            Some(Cue::ReadingTime) => {}
            None if dated_line(&blocks[i]) => {
                blocks[i].label = Label::Dateline;
            }
            // A name alone in an element called "author" or "byline".
            None if innermost_hint(&blocks[i]) == Some(Hint::Byline)
                && (2..=8).contains(&blocks[i].features.words)
                && blocks[i].features.title_case >= 0.5
                && !blocks[i].features.sentence_end
                && !blocks[i].text.starts_with("The ") =>
            {
                blocks[i].label = Label::Byline;
            }
            _ => continue,
        }
        anchor = Some(i);
    }
    let Some(first_anchor) = anchor else {
        // No byline: the headline is the last title-like line before the body.
        if let Some(i) = (from..start)
            .rev()
            .take(4)
            .find(|&i| title_like(&blocks[i], cues[i]))
        {
            blocks[i].label = Label::Title;
            kicker_before(blocks, cues, i);
        }
        return;
    };
    let mut candidates = (from..first_anchor).rev().take_while(|&i| {
        // A share bar or a captioned picture may sit between the headline and the byline.
        title_like(&blocks[i], cues[i])
            || cues[i] == Some(Cue::Share)
            || blocks[i].features.paren_credit
    });
    let Some(last) = candidates.find(|&i| title_like(&blocks[i], cues[i])) else {
        return;
    };
    let before = last
        .checked_sub(1)
        .filter(|&j| j >= from && title_like(&blocks[j], cues[j]) && blocks[last].gap_before);
    let title = match before {
        Some(j) if blocks[last].features.words >= 8 && blocks[j].features.words >= 3 => {
            blocks[last].label = Label::Subtitle;
            j
        }
        _ => last,
    };
    blocks[title].label = Label::Title;
    kicker_before(blocks, cues, title);
}

/// Whether a block could be a headline or dek.
fn title_like(b: &Block, cue: Option<Cue>) -> bool {
    let f = &b.features;
    cue.is_none()
        && (2..=40).contains(&f.words)
        && !f.link_like
        && !f.slug
        && !f.paren_credit
        && b.dom.link_density < 0.9
        && b.kind != BlockKind::Image
        && !negative_hint(b)
        && f.sentences <= 2
        && !looks_like_credit(b.text.trim_matches(['(', ')']))
        && !crate::fields::dates::mentions_date(&b.text)
}

/// A short tag alone on its line just above the headline is the kicker.
fn kicker_before(blocks: &mut [Block], cues: &[Option<Cue>], title: usize) {
    if title == 0 {
        return;
    }
    let k = title - 1;
    let b = &blocks[k];
    let separated = blocks[title].gap_before && (b.gap_before || k == 0);
    if separated
        && (1..=4).contains(&b.features.words)
        && !b.features.sentence_end
        && cues[k].is_none()
        && !b.features.link_like
        && !negative_hint(b)
    {
        blocks[k].label = Label::Kicker;
    }
}

/// Longest word of a byline read as a name, in bytes.
const MAX_NAME_BYTES: usize = 64;

/// How many words of the bylines are read as names: a page has a handful, and the
/// automaton that looks for them grows with their total length.
const MAX_BYLINE_NAMES: usize = 10_000;

/// The author's bio: a closing paragraph that names a byline author or gives contacts.
fn label_bio(blocks: &mut [Block], end: usize) {
    let mut words: Vec<String> = blocks
        .iter()
        .filter(|b| b.label == Label::Byline)
        .flat_map(|b| {
            b.text
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_uppercase))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() > 2 && w.len() <= MAX_NAME_BYTES)
        .take(MAX_BYLINE_NAMES)
        .collect();
    // Each name once, sorted, with how many times the bylines give it: a name given twice
    // counts twice below.
    words.sort_unstable();
    let mut names: Vec<(String, usize)> = Vec::new();
    for w in words {
        match names.last_mut() {
            Some((name, times)) if *name == w => *times += 1,
            _ => names.push((w, 1)),
        }
    }
    let is_name = |w: &str| {
        names
            .binary_search_by(|(name, _)| name.as_str().cmp(w))
            .is_ok()
    };
    let mut finder = None;
    let from = end.saturating_sub(2);
    for i in from..blocks.len().min(end + 4) {
        let b = &blocks[i];
        if !matches!(b.label, Label::Body | Label::Unknown | Label::Other) || b.features.words < 6 {
            continue;
        }
        let mut lead = b.text.split_whitespace().take(2);
        let by_author = !names.is_empty() && lead.all(is_name);
        let contacts = cues::has_email(&b.text) || cues::has_handle(&b.text);
        // "Have a tip? Jane Roe may be reached at ...": the author's name and how to reach them.
        let names_author =
            contacts && b.features.words <= 60 && names_in(&b.text, &names, &mut finder, 2) >= 2;
        if by_author && (contacts || i >= end.saturating_sub(1))
            || names_author
            || cues::is_bio(&b.text) && b.features.words <= 80
        {
            blocks[i].label = Label::Bio;
        }
    }
}

/// How many of `names` occur in `text`, each counted as many times as it is given, up to
/// `enough`. One pass over the text with an automaton of the names, built on first use, so
/// thousands of byline names and a long closing line cost their sum, not their product.
fn names_in(
    text: &str,
    names: &[(String, usize)],
    finder: &mut Option<AhoCorasick>,
    enough: usize,
) -> usize {
    let finder = match finder {
        Some(finder) => finder,
        None => match AhoCorasick::new(names.iter().map(|(name, _)| name)) {
            Ok(built) => finder.insert(built),
            // Too many names for the automaton's limits: none is counted.
            Err(_) => return 0,
        },
    };
    let mut seen = vec![false; names.len()];
    let mut found = 0;
    for m in finder.find_overlapping_iter(text) {
        let k = m.pattern().as_usize();
        if !std::mem::replace(&mut seen[k], true) {
            found += names[k].1;
            if found >= enough {
                break;
            }
        }
    }
    found
}

/// Labels what lies outside the region: navigation before it, comments, teasers and legal after.
fn label_outside(blocks: &mut [Block], cues: &[Option<Cue>], start: usize, end: usize) {
    let mut tail = Label::Other;
    for i in 0..blocks.len() {
        if blocks[i].label != Label::Unknown {
            if i > end
                && let Some(cue) = cues[i].filter(|c| c.ends_article())
            {
                tail = cue.label();
            }
            continue;
        }
        let b = &blocks[i];
        let label = if let Some(cue) = cues[i] {
            if i > end && cue.ends_article() {
                tail = cue.label();
            }
            cue.label()
        } else if b.kind == BlockKind::Image {
            Label::Alt
        } else if negative_hint(b) {
            hint_label(b)
        } else if i < start {
            if is_prose(b) {
                Label::Other
            } else {
                Label::Nav
            }
        } else if i > end {
            tail
        } else {
            Label::Other
        };
        blocks[i].label = label;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn labels(input: &str) -> Vec<(Label, String)> {
        let (mut b, _) = text::blocks(input, 1 << 20);
        classify(&mut b.blocks, &b.nodes);
        b.blocks.into_iter().map(|b| (b.label, b.text)).collect()
    }

    fn html_labels(page: &str) -> Vec<(Label, String)> {
        let (mut b, _) = crate::html::blocks(page, &crate::Options::default());
        classify(&mut b.blocks, &b.nodes);
        b.blocks.into_iter().map(|b| (b.label, b.text)).collect()
    }

    fn with(labels: &[(Label, String)], label: Label) -> Vec<&str> {
        labels
            .iter()
            .filter(|(l, _)| *l == label)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    #[test]
    fn repeated_texts_are_those_met_twice_among_lines_of_three_words_or_more() {
        let (b, _) = text::blocks(
            "Share this story now\n\nA one-off line of text\n\nShare this story now\n\nTwo words\n\nTwo words",
            1 << 20,
        );
        let texts: Vec<(&str, bool)> = b
            .blocks
            .iter()
            .zip(repeated(&b.blocks))
            .map(|(b, r)| (b.text.as_str(), r))
            .collect();
        assert_eq!(
            texts,
            [
                ("Share this story now", true),
                ("A one-off line of text", false),
                ("Share this story now", true),
                ("Two words", false),
                ("Two words", false),
            ]
        );
    }

    const PARA: &str = "The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by four percent.";

    #[test]
    fn menus_and_footers_are_not_body() {
        let page = format!(
            "Home\nNews\nSport\nWeather\n\nBig headline about the budget vote\nBy Jane Roe\n\n{PARA}\n\n{PARA} Again.\n\nComments\nI disagree with this, it is a waste of money and everyone knows it.\n\n© 2024 Example Media"
        );
        let l = labels(&page);
        assert_eq!(with(&l, Label::Body).len(), 2);
        assert_eq!(
            with(&l, Label::Title),
            ["Big headline about the budget vote"]
        );
        assert_eq!(with(&l, Label::Byline), ["By Jane Roe"]);
        assert_eq!(with(&l, Label::Nav), ["Home", "News", "Sport", "Weather"]);
        assert!(
            with(&l, Label::Comment)
                .iter()
                .any(|t| t.starts_with("I disagree"))
        );
        assert_eq!(with(&l, Label::Legal), ["© 2024 Example Media"]);
    }

    #[test]
    fn a_lede_without_its_full_stop_below_the_dateline_opens_the_body() {
        let lede = "The harbour board has approved the new ferry timetable after months of talks with the unions";
        let page =
            format!("Ferry timetable approved\nMarch 4, 2024\n\n{lede}\n\n{PARA}\n\n{PARA} Again.");
        let l = labels(&page);
        let body = with(&l, Label::Body);
        assert_eq!(body.first(), Some(&lede), "{l:?}");
        assert_eq!(body.len(), 3);
        // A headline in title case there stays out: the rule wants sentence case.
        let page = format!(
            "News\nMarch 4, 2024\n\nHarbour Board Approves The New Ferry Timetable After Months Of Talks\n\n{PARA}\n\n{PARA} Again."
        );
        assert_eq!(with(&labels(&page), Label::Body).len(), 2);
    }

    #[test]
    fn a_captioned_picture_between_headline_and_byline_is_not_the_headline() {
        let page = format!(
            "Ferry timetable approved\nThe new ferry leaves the harbour on its first trip on a grey Monday morning. (Jane Doe/AP)\nBy Jane Roe\n\n{PARA}\n\n{PARA} Again."
        );
        let l = labels(&page);
        assert_eq!(
            with(&l, Label::Title),
            ["Ferry timetable approved"],
            "{l:?}"
        );
    }

    #[test]
    fn captions_credits_and_alt_lines() {
        let page = format!(
            "{PARA}\n\nflood-damage-photo\n\nResidents wade through water in the old town. (Maria Rossi/Reuters)\n\n{PARA} More.\n\nA woman looks at the river.\nFoto: Hans Meier/dpa\n\n{PARA} End."
        );
        let l = labels(&page);
        assert_eq!(with(&l, Label::Body).len(), 3);
        assert_eq!(with(&l, Label::Alt), ["flood-damage-photo"]);
        assert_eq!(
            with(&l, Label::Caption),
            [
                "Residents wade through water in the old town. (Maria Rossi/Reuters)",
                "A woman looks at the river."
            ]
        );
        assert_eq!(with(&l, Label::Credit), ["Foto: Hans Meier/dpa"]);
    }

    #[test]
    fn a_thread_of_longer_comments_below_the_article_stays_out_of_the_body() {
        let comment = "I have read the report twice and I still think the figures on road repairs are far too optimistic, given what the last three budgets actually delivered in the end.";
        let page = format!(
            "Budget passes after a long night\nBy Jane Roe\n\n{PARA} It took six hours.\n\n{PARA} Nobody left early.\n\n{PARA} The mayor signed it.\n\nPosted in City hall | Permalink\nPrevious Post\nNext Post\n\n14 Comments\n\nAnn on 3 May at 9:10 pm said:\n{comment}\n{comment} Really.\n\nBob on 3 May at 9:40 pm said:\n{comment} Again.\n{comment} Truly.\n\n© 2024 Example Media"
        );
        let l = labels(&page);
        let body = with(&l, Label::Body);
        assert_eq!(body.len(), 3, "{body:?}");
        assert!(body.iter().all(|t| t.starts_with("The council voted")));
    }

    #[test]
    fn a_caption_that_names_itself_after_its_credit_leaves_the_paragraph_above_alone() {
        let page = format!(
            "{PARA}\n\nThe mayor said the vote settles the matter for this year.\n\nImage copyright Getty Images\nImage caption The mayor speaking to reporters on Tuesday\n\n{PARA} Two."
        );
        let l = labels(&page);
        assert_eq!(
            with(&l, Label::Caption),
            ["Image caption The mayor speaking to reporters on Tuesday"]
        );
        assert!(
            with(&l, Label::Body)
                .contains(&"The mayor said the vote settles the matter for this year.")
        );
    }

    #[test]
    fn the_authors_bio_ends_the_article_and_the_teasers_after_it_stay_out() {
        let teaser = "Studios bet on sequels again this winter. The slate is the longest in a decade, analysts said.";
        let page = format!(
            "Budget passes after a long night\nBy Jane Roe\n\n{PARA} It took six hours.\n\n{PARA} Nobody left early.\n\n{PARA} The mayor signed it.\n\n{PARA} Then the lights went out.\n\n{PARA} Everyone went home.\n\nJane Roe is a city hall reporter for the Example Times, covering budgets and elections.\n\nCity Beat\nSequels are back\n{teaser}\n\nCity Beat\nSequels are back again\n{teaser} Again.\n\nCity Beat\nThe longest slate\n{teaser} Once more."
        );
        let l = labels(&page);
        let body = with(&l, Label::Body);
        assert_eq!(body.len(), 5, "{body:?}");
        assert_eq!(
            with(&l, Label::Bio),
            [
                "Jane Roe is a city hall reporter for the Example Times, covering budgets and elections."
            ]
        );
    }

    #[test]
    fn a_tip_line_naming_the_author_and_an_address_is_their_contact() {
        let tip = "Have a tip? Jane Roe may be reached at jroe@example.com or on Twitter.";
        let page = format!(
            "Budget passes after a long night\nBy Jane Roe\n\n{PARA} It took six hours.\n\n{PARA} Nobody left early.\n\n{tip}"
        );
        let l = labels(&page);
        assert_eq!(with(&l, Label::Bio), [tip], "{l:?}");
        assert_eq!(with(&l, Label::Body).len(), 2);
    }

    #[test]
    fn byline_names_count_as_often_as_the_bylines_give_them() {
        let tip = "Have a tip? Jane Roe may be reached at jroe@example.com.";
        let names = |given: &[(&str, usize)]| -> Vec<(String, usize)> {
            given.iter().map(|&(n, k)| (n.to_owned(), k)).collect()
        };
        assert_eq!(names_in(tip, &names(&[("Jane", 1)]), &mut None, 2), 1);
        assert_eq!(
            names_in(tip, &names(&[("Jane", 1), ("Roe", 1)]), &mut None, 2),
            2
        );
        assert_eq!(names_in(tip, &names(&[("Jane", 2)]), &mut None, 2), 2);
        assert_eq!(
            names_in(tip, &names(&[("Janet", 2), ("Rob", 1)]), &mut None, 2),
            0
        );
    }

    #[test]
    fn an_element_holds_the_elements_below_it_and_no_others() {
        // 0 > 1 > (2, 3 > 4), 0 > 5; 6, whose parent does not come before it, is a root > 7.
        let parents = [0, 0, 1, 1, 3, 0, 9, 6];
        let nodes: Vec<Node> = parents
            .iter()
            .map(|&parent| Node { parent, hint: None })
            .collect();
        let order = Preorder::of(&nodes);
        let below = |mut n: usize, top: usize| loop {
            if n == top {
                return true;
            }
            match Some(parents[n] as usize).filter(|&p| p < n) {
                Some(p) => n = p,
                None => return false,
            }
        };
        for top in 0..nodes.len() {
            for n in 0..nodes.len() {
                let k = order.number[n];
                assert_eq!(order.holds(top, k, k), below(n, top), "{top} holds {n}");
            }
        }
        // A run of elements is held when all of them are.
        assert!(order.holds(1, order.number[2], order.number[4]));
        assert!(!order.holds(3, order.number[2], order.number[4]));
    }

    #[test]
    fn linked_headlines_with_blurbs_are_cards_only_alone_in_their_element() {
        let card = |i: usize| {
            format!(
                "<p><a href=/x{i}>Council delays vote on harbour bridge {i}</a></p><p>The board wants more time to study the costs</p>"
            )
        };
        let story =
            format!("<article><p>{PARA}</p><p>{PARA} Two.</p><p>{PARA} Three.</p></article>");
        let own = (0..4).map(card).collect::<Vec<_>>().join("</div><div>");
        let l = html_labels(&format!("<body>{story}<div><div>{own}</div></div></body>"));
        assert_eq!(with(&l, Label::Related).len(), 8, "{l:?}");
        // Sharing their element with a paragraph, however many short lines away, they are not.
        let shared: String = (0..4).map(card).collect();
        let lines = "<p>Harbour</p>".repeat(20);
        let l = html_labels(&format!(
            "<body>{story}<div>{shared}{lines}<p>{PARA} Four.</p></div></body>"
        ));
        assert!(with(&l, Label::Related).is_empty(), "{l:?}");
    }

    #[test]
    fn all_caps_teasers_are_related() {
        let page = format!(
            "{PARA}\n\nMAYOR WANTS NEW BRIDGE BUILT BEFORE THE NEXT CITY ELECTION\n\n{PARA} Two.\n\nWHAT THE BUDGET MEANS\n\n{PARA} Three."
        );
        let l = labels(&page);
        assert_eq!(
            with(&l, Label::Related),
            ["MAYOR WANTS NEW BRIDGE BUILT BEFORE THE NEXT CITY ELECTION"]
        );
        assert!(
            with(&l, Label::Body).contains(&"WHAT THE BUDGET MEANS"),
            "short capitals are a subheading"
        );
    }

    #[test]
    fn headlines_listed_under_a_related_heading_inside_the_text_are_teasers() {
        let page = format!(
            "{PARA} One.\n\n{PARA} Then it adjourned.\n\nMore on this story\nCouncil delays vote on the new harbour bridge\nFARE RISE\nWhy the ferry fares went up again this spring\n\n{PARA} Two.\n\nWhat comes next\n\n{PARA} Three."
        );
        let l = labels(&page);
        assert_eq!(
            with(&l, Label::Related),
            [
                "More on this story",
                "Council delays vote on the new harbour bridge",
                "FARE RISE",
                "Why the ferry fares went up again this spring"
            ]
        );
        let body = with(&l, Label::Body);
        assert!(
            body.contains(&"What comes next"),
            "a subheading after the paragraph stays: {body:?}"
        );
        assert_eq!(body.len(), 5, "{body:?}");
    }

    #[test]
    fn an_empty_trending_heading_before_the_last_paragraphs_does_not_end_the_text() {
        let last = [
            "Engineers will inspect the span again in the spring, before the summer traffic returns.",
            "The ferry will keep running on weekends until the inspection has been completed in full.",
        ];
        let page = format!(
            "{PARA} One.\n\n{PARA} Two.\n\n{PARA} Three.\n\n{PARA} Four.\n\n{PARA} Five.\n\n{PARA} Six.\n\nTrending\n\n{}\n\n{}",
            last[0], last[1]
        );
        let l = labels(&page);
        let body = with(&l, Label::Body);
        assert_eq!(&body[6..], last, "{body:?}");
        // A heading followed by headlines still closes the article.
        let page = format!(
            "{PARA} One.\n\n{PARA} Two.\n\n{PARA} Three.\n\n{PARA} Four.\n\n{PARA} Five.\n\n{PARA} Six.\n\nTrending\n\nCouncil delays vote on the new harbour bridge\n\n{}",
            last[0]
        );
        assert_eq!(with(&labels(&page), Label::Body).len(), 6);
    }
}
