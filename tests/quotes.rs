//! Scores quote finding and speaker attribution against the hand-annotated gold set in
//! `fixtures/quotes/` (see its README), prints the figures, and fails if they fall below the
//! floors: the level reached so far, so a change that loses quotes or speakers is caught. The
//! goal (issue 4) is F1 0.95 and speaker accuracy 0.92; raise the floors as the rules get there.
//!
//! A found quote matches a gold quote when they share at least half of the longer one's words;
//! pairs are matched one to one, best first. Only body quotes that are direct or partial count
//! (the gold set has no indirect speech). Set `COPYDESK_QUOTES_VERBOSE=1` to print every miss.

use std::collections::HashMap;

mod common;
use common::root;

/// Quote span F1 the extractor must keep on the gold set (measured 0.951).
const MIN_F1: f64 = 0.95;
/// Share of matched quotes whose speaker must stay right (measured 0.963).
const MIN_SPEAKER: f64 = 0.96;

#[derive(Debug)]
struct Gold {
    text: String,
    speaker: Option<String>,
    direct: bool,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared words over the longer quote's words.
fn overlap(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in &a {
        *counts.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in &b {
        if let Some(c) = counts.get_mut(w.as_str())
            && *c > 0
        {
            *c -= 1;
            shared += 1;
        }
    }
    f64::from(shared) / a.len().max(b.len()) as f64
}

fn same_speaker(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: &str| words(s).join(" ");
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => norm(a) == norm(b),
        _ => false,
    }
}

#[derive(Debug, Default)]
struct Score {
    gold: usize,
    found: usize,
    matched: usize,
    speaker_right: usize,
    kind_right: usize,
}

#[test]
fn quotes_and_speakers_reach_the_targets() {
    let verbose = std::env::var_os("COPYDESK_QUOTES_VERBOSE").is_some();
    let dir = root().join("fixtures/quotes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/quotes")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 41,
        "the gold set has {} articles",
        files.len()
    );
    let mut total = Score::default();
    for file in &files {
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(file).expect("gold file")).expect("gold JSON");
        let input = root().join(gold["input"].as_str().expect("input path"));
        let bytes = std::fs::read(&input).expect("gold input");
        let article =
            copydesk_core::extract(&bytes, &copydesk_core::Options::default()).expect("extracts");
        let golds: Vec<Gold> = gold["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .filter(|q| q["where"] == "body")
            .map(|q| Gold {
                text: q["text"].as_str().expect("text").to_owned(),
                speaker: q["speaker"].as_str().map(str::to_owned),
                direct: q["kind"] == "direct",
            })
            .collect();
        let found: Vec<&copydesk_core::Quote> = article
            .quotes
            .iter()
            .filter(|q| {
                q.place == copydesk_core::QuotePlace::Body
                    && q.kind != copydesk_core::QuoteKind::Indirect
            })
            .collect();
        // One-to-one matching, best overlap first.
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (g, gq) in golds.iter().enumerate() {
            for (f, fq) in found.iter().enumerate() {
                let o = overlap(&gq.text, &fq.text);
                if o >= 0.5 {
                    pairs.push((o, g, f));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (mut g_used, mut f_used) = (vec![false; golds.len()], vec![false; found.len()]);
        let name = file.file_stem().unwrap_or_default().to_string_lossy();
        let short = &name[..name.len().min(10)];
        for (_, g, f) in pairs {
            if g_used[g] || f_used[f] {
                continue;
            }
            g_used[g] = true;
            f_used[f] = true;
            total.matched += 1;
            let said = found[f].speaker.as_ref().map(|s| s.name.as_str());
            if golds[g].direct == (found[f].kind == copydesk_core::QuoteKind::Direct) {
                total.kind_right += 1;
            }
            if same_speaker(golds[g].speaker.as_deref(), said) {
                total.speaker_right += 1;
            } else if verbose {
                eprintln!(
                    "{short} SPEAKER gold {:?} found {said:?}: {:.60}",
                    golds[g].speaker, golds[g].text
                );
            }
        }
        if verbose {
            for (g, used) in g_used.iter().enumerate() {
                if !used {
                    eprintln!(
                        "{short} MISSED {:?}: {:.80}",
                        golds[g].speaker, golds[g].text
                    );
                }
            }
            for (f, used) in f_used.iter().enumerate() {
                if !used {
                    eprintln!("{short} EXTRA {:?}: {:.80}", found[f].kind, found[f].text);
                }
            }
        }
        total.gold += golds.len();
        total.found += found.len();
    }
    let precision = total.matched as f64 / total.found.max(1) as f64;
    let recall = total.matched as f64 / total.gold.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let speaker = total.speaker_right as f64 / total.matched.max(1) as f64;
    let kind = total.kind_right as f64 / total.matched.max(1) as f64;
    eprintln!(
        "quotes: articles {} gold {} found {} matched {}  precision {precision:.4} recall {recall:.4} F1 {f1:.4}  speaker accuracy {speaker:.4}  kind accuracy {kind:.4}",
        files.len(),
        total.gold,
        total.found,
        total.matched
    );
    assert!(f1 >= MIN_F1, "quote F1 {f1:.4} is below {MIN_F1}");
    assert!(
        speaker >= MIN_SPEAKER,
        "speaker accuracy {speaker:.4} is below {MIN_SPEAKER}"
    );
}
