//! A title typeset in capitals only: at least eight capitals, two words with capitals,
//! and no lower-case letter.
//!
//! Lets pass: short capital runs (an acronym title such as "COVID-19", "THE HTML": fewer
//! than eight capitals), one-word titles, and any title with one lower-case letter.

use super::shorten;
use crate::model::Text;
use crate::validate::{Code, Sink};

pub(super) fn check(value: &Text, sink: &mut Sink<'_>) {
    let v = &value.value;
    if in_capitals(v) {
        sink.report(
            Code::AllCapsTitle,
            value.span,
            format!("the title \"{}\" is in capitals only", shorten(v, 80)),
            "this title is in capitals",
            "write the title in title or sentence case (keeping acronyms in capitals); \
             capitals are a typesetting style, not part of the title",
        );
    }
}

/// No lower-case letter, at least eight capitals and two words with capitals.
fn in_capitals(v: &str) -> bool {
    let upper = v.chars().filter(|c| c.is_uppercase()).count();
    let lower = v.chars().filter(|c| c.is_lowercase()).count();
    let cased_words = v
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_uppercase()))
        .count();
    lower == 0 && upper >= 8 && cased_words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_capitals_only_are_reported() {
        assert!(in_capitals("THE CULTURAL DELEGATION OF NORTH KOREA"));
        assert!(!in_capitals("The Cultural Delegation of North Korea"));
        assert!(!in_capitals("COVID-19"));
        assert!(!in_capitals("THE HTML"));
        assert!(!in_capitals("ABSTRACTIONISM"));
    }
}
