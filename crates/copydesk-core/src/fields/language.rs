//! The body's language: declared tags normalised to BCP 47, or a guess from script and
//! function words when nothing is declared.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Normalises a declared language tag ("`en_US`", "EN-us") to BCP 47 ("en-US"); `None` when
/// its language subtag is not 2 to 8 ASCII letters.
#[must_use]
pub fn normalize_tag(tag: &str) -> Option<String> {
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let mut parts = tag.trim().split(['-', '_']);
    let lang = parts.next()?;
    if !(2..=8).contains(&lang.len()) || !letters(lang) {
        return None;
    }
    let lang = lang.to_ascii_lowercase();
    Some(match parts.next() {
        Some(region) if region.len() == 2 && letters(region) => {
            format!("{lang}-{}", region.to_ascii_uppercase())
        }
        Some(script) if script.len() == 4 && letters(script) => {
            let mut s = script.to_ascii_lowercase();
            s[..1].make_ascii_uppercase();
            format!("{lang}-{s}")
        }
        _ => lang,
    })
}

/// Function words that are frequent in one language and rare in the others.
const WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "are", "this",
            "have", "it",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "sich", "auch", "auf",
            "eine", "dem",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "une", "dans", "pour", "que", "pas", "sur", "du",
            "au", "qui",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "que", "en", "del", "por", "una", "con", "para", "es", "se",
            "lo",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "que", "do", "da", "em", "não", "uma", "para", "com", "é", "dos", "ao", "se",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "per", "un", "non", "sono", "della", "è", "gli", "del", "alla",
            "una", "con",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "niet", "op", "dat", "zijn", "voor", "met",
            "ook", "er",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam", "akan",
            "ada", "pada", "juga",
        ],
    ),
];

/// Guesses the language of a text; `None` when the text is too short or the signal too weak.
#[must_use]
pub fn guess(text: &str) -> Option<String> {
    // Which languages list each function word, as a bit per language.
    static INDEX: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
        let mut index: HashMap<&'static str, u32> = HashMap::new();
        for (i, (_, list)) in WORDS.iter().enumerate() {
            for w in *list {
                *index.entry(w).or_default() |= 1 << i;
            }
        }
        index
    });
    let mut scripts = [0usize; 8]; // hangul, kana, han, cyrillic, greek, arabic, hebrew, thai
    let mut latin = 0usize;
    for c in text.chars().take(5000) {
        match c as u32 {
            0xac00..=0xd7af | 0x1100..=0x11ff => scripts[0] += 1,
            0x3040..=0x30ff => scripts[1] += 1,
            0x4e00..=0x9fff => scripts[2] += 1,
            0x0400..=0x04ff => scripts[3] += 1,
            0x0370..=0x03ff => scripts[4] += 1,
            0x0600..=0x06ff => scripts[5] += 1,
            0x0590..=0x05ff => scripts[6] += 1,
            0x0e00..=0x0e7f => scripts[7] += 1,
            _ if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let total: usize = scripts.iter().sum::<usize>() + latin;
    if total < 40 {
        return None;
    }
    let (best, &count) = scripts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if count * 2 > total {
        let tag = match best {
            0 => "ko",
            1 => "ja",
            2 if scripts[1] > 0 => "ja",
            2 => "zh",
            3 if text.contains(['і', 'ї', 'є', 'ґ']) => "uk",
            3 => "ru",
            4 => "el",
            5 => "ar",
            6 => "he",
            _ => "th",
        };
        return Some(tag.to_owned());
    }
    if scripts[2] > 0 && scripts[1] > 0 && (scripts[1] + scripts[2]) * 2 > total {
        return Some("ja".to_owned());
    }
    let mut scores = vec![0usize; WORDS.len()];
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()).take(3000) {
        if word.is_empty() || word.len() > 12 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Some(&langs) = INDEX.get(lower.as_str()) {
            for (i, score) in scores.iter_mut().enumerate() {
                *score += usize::from(langs & (1 << i) != 0);
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = scores.into_iter().enumerate().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (top, top_score) = ranked[0];
    let second = ranked[1].1;
    (top_score >= 8 && top_score * 10 >= second * 13).then(|| WORDS[top].0.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_guesses() {
        assert_eq!(normalize_tag("en_us").as_deref(), Some("en-US"));
        assert_eq!(normalize_tag("zh-hant").as_deref(), Some("zh-Hant"));
        assert_eq!(normalize_tag(" DE ").as_deref(), Some("de"));
        // A subtag that is not ASCII letters is dropped; a language that is not, refused.
        assert_eq!(normalize_tag("de-\u{d6}st").as_deref(), Some("de"));
        assert_eq!(normalize_tag("en-\u{1f600}").as_deref(), Some("en"));
        assert_eq!(normalize_tag("\u{fc}bersetzt"), None);
        assert_eq!(normalize_tag(""), None);
        assert_eq!(guess("The mayor said that the bridge is going to open this year, and that it was on budget for the city and the people of the town.").as_deref(), Some("en"));
        assert_eq!(guess("Der Bürgermeister sagte, dass die Brücke in diesem Jahr eröffnet wird und dass sie nicht teurer ist als geplant, auch wenn es mit dem Bau Probleme gab.").as_deref(), Some("de"));
        assert_eq!(guess("O prefeito disse que a ponte vai ser aberta este ano e que não custou mais do que o previsto para a cidade, com o apoio dos moradores.").as_deref(), Some("pt"));
        assert_eq!(guess("Мэр заявил, что мост откроется в этом году и что он не стоил дороже, чем планировалось."). as_deref(), Some("ru"));
        assert_eq!(guess("short"), None);
    }
}
