//! Several keywords crammed into one term: "a, b; c", or "a - b - c".
//!
//! Lets pass: a single spaced dash, which is more often part of the keyword ("Ediarum -
//! Graphen"), and a keyword with no separator at all.

use super::shorten;
use crate::model::Keyword;
use crate::validate::{Code, Sink};

/// Reports a keyword that holds several keywords.
pub(super) fn check(k: &Keyword, sink: &mut Sink<'_>) {
    let v = k.text.value.trim();
    let parts = keyword_parts(v);
    if parts.len() > 1 {
        sink.report(
            Code::KeywordList,
            k.text.span,
            format!(
                "the keyword \"{}\" is a list of {} keywords in one term",
                shorten(v, 80),
                parts.len()
            ),
            "several keywords in one term",
            "give each keyword its own <term> (or <item>)",
        );
    }
}

/// The keywords crammed into one term: split at `,` and `;` (and their CJK forms), or at
/// spaced dashes and bullets when there are at least two ("a - b - c"; one dash is more
/// likely part of the keyword).
fn keyword_parts(v: &str) -> Vec<&str> {
    fn split<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
        parts.map(str::trim).filter(|p| !p.is_empty()).collect()
    }
    if v.contains([',', ';', '；', '，', '、']) {
        return split(v.split([',', ';', '；', '，', '、']));
    }
    for sep in [" - ", " – ", " — ", " · ", " | ", " • "] {
        if v.matches(sep).count() >= 2 {
            return split(v.split(sep));
        }
    }
    vec![v]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_lists_split_at_punctuation_or_repeated_spaced_dashes() {
        assert_eq!(keyword_parts("a, b; c").len(), 3);
        assert_eq!(
            keyword_parts("bibliographies - cultural analytics - citation indexes").len(),
            3
        );
        assert_eq!(keyword_parts("Ediarum - Graphen").len(), 1);
        assert_eq!(keyword_parts("text processing").len(), 1);
    }
}
