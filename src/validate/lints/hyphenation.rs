//! Words hyphenated across a line break and left so: "cooper- ation" (a lower-case word
//! part, a hyphen or soft hyphen, a space, a lower-case word part).
//!
//! Lets pass: suspended hyphens before a conjunction ("pre- and post-war"), capitalised
//! parts ("North- South"), spaced dashes ("result - see below") and one-letter parts.

use std::ops::Range;

use super::quoted_list;
use crate::model::Text;
use crate::validate::{Code, Sink};

/// Words that follow a suspended hyphen legitimately: "pre- and post-war".
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "nor", "to", "as", "und", "oder", "bis", "sowie", "et", "ou", "y", "e", "o", "i",
    "og", "en", "of", "versus", "vs",
];

/// Words hyphenated across a line break: "cooper- ation" (a lower-case word part, a
/// hyphen, a space, a lower-case word part that is not a conjunction).
#[cfg(test)]
fn hyphenations(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _)| s).collect()
}

/// [`hyphenations`] with where each one is in `text` (byte range).
fn found(text: &str) -> Vec<(String, Range<usize>)> {
    let offset = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(stem) = a.strip_suffix(['-', '\u{00AD}', '‐']) else {
            continue;
        };
        let stem_letters: Vec<char> = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if stem_letters.len() < 2 || !stem_letters.iter().all(|c| c.is_lowercase()) {
            continue;
        }
        let tail: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
        if tail.chars().count() < 2
            || !tail.chars().all(char::is_lowercase)
            || CONJUNCTIONS.contains(&tail.as_str())
        {
            continue;
        }
        let b = b.trim_end_matches([',', '.', ';', ':', ')']);
        out.push((format!("{a} {b}"), offset(a)..offset(b) + b.len()));
    }
    out
}

pub(super) fn check(value: &Text, what: &str, sink: &mut Sink<'_>) {
    let (found, ranges): (Vec<String>, Vec<Range<usize>>) = found(&value.value).into_iter().unzip();
    if found.is_empty() {
        return;
    }
    let joined: Vec<String> = found
        .iter()
        .map(|f| f.replacen("- ", "", 1).replacen("\u{00AD} ", "", 1))
        .collect();
    let message = format!(
        "the {what} has {} split across a line break: {}",
        if found.len() == 1 { "a word" } else { "words" },
        quoted_list(&found, 3)
    );
    let at = value.anchors.span_of(ranges[0].clone());
    if let Some(p) = sink.report(
        Code::Hyphenation,
        value.span,
        message,
        format!("this {what} has a hyphenated line break"),
        format!("join the word again ({})", quoted_list(&joined, 3)),
    ) {
        if let Some(at) = at {
            p.notes.push((at, "the word is split here".to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation_spares_suspended_hyphens() {
        assert_eq!(
            hyphenations("the foreign policy cooper- ation of the two"),
            vec!["cooper- ation"]
        );
        assert!(hyphenations("pre- and post-war relations").is_empty());
        assert!(hyphenations("North- South dialogue").is_empty());
        assert!(hyphenations("a well-known result - see below").is_empty());
    }
}
