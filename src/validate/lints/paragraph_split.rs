//! An abstract paragraph split mid-sentence by a page or column break: a paragraph that
//! ends without terminal punctuation followed by one that starts in lower case.
//!
//! Lets pass: a paragraph that ends with any sentence-ending or closing mark (`. ! ? : ;
//! …`, brackets, quotes, CJK full stops), and a next paragraph that starts with a
//! capital, a digit or punctuation.
//!
//! Paragraphs are the value's blank-line-separated parts; the end of the broken one is
//! labelled in the source through the abstract's anchors ([`crate::model::Anchors`]).

use crate::model::Text;
use crate::validate::{Code, Sink};
use std::ops::Range;

/// Characters that may end a paragraph.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ':'
            | ';'
            | '…'
            | ')'
            | ']'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '。'
            | '！'
            | '？'
            | '」'
            | '』'
    )
}

/// Consecutive paragraphs where the first ends without terminal punctuation and the next
/// starts in lower case: (end of the first, start of the next).
#[cfg(test)]
fn paragraph_splits(text: &str) -> Vec<(String, String)> {
    found(text).into_iter().map(|(e, s, _)| (e, s)).collect()
}

/// [`paragraph_splits`] with where the end of the first paragraph is in `text`.
fn found(text: &str) -> Vec<(String, String, Range<usize>)> {
    let offset = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for pair in paragraphs.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let ends = a.chars().last().is_some_and(ends_sentence);
        let lower = b.chars().next().is_some_and(char::is_lowercase);
        if !ends && lower {
            let end = last_words(a, 3);
            let to = offset(a) + a.len();
            out.push((
                end.clone(),
                first_words(b, 4),
                to.saturating_sub(end.len())..to,
            ));
        }
    }
    out
}

fn last_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

pub(super) fn check(value: &Text, sink: &mut Sink<'_>) {
    let found = found(&value.value);
    if found.is_empty() {
        return;
    }
    let (end, start, range) = &found[0];
    let more = match found.len() {
        1 => String::new(),
        n => format!(" ({n} places)"),
    };
    let message = format!(
        "a paragraph of the abstract ends mid-sentence (\"…{end}\") and the next one carries \
         on (\"{start}…\"){more}"
    );
    let at = value.anchors.span_of(range.clone());
    if let Some(p) = sink.report(
        Code::ParagraphSplit,
        value.span,
        message,
        "this abstract has a paragraph split mid-sentence",
        "a page or column break split the paragraph: join the two <p> elements into one",
    ) {
        if let Some(at) = at {
            p.notes.push((
                at,
                "the sentence breaks off here, at the end of a paragraph".to_string(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::SEED;

    #[test]
    fn paragraph_split_needs_an_open_end_and_a_lower_case_start() {
        let splits = paragraph_splits(SEED);
        assert_eq!(
            splits,
            vec![(
                "time. In some".to_string(),
                "respects, the perception of".to_string()
            )]
        );
        assert!(paragraph_splits("One sentence.\n\nanother starts low").is_empty());
        assert!(paragraph_splits("No stop\n\nBut a capital").is_empty());
    }
}
