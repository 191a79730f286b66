//! A DOI carrying debris from PDF text extraction: punctuation of the sentence it stood in
//! (`10.1234/abc.`, `10.1234/abc,`, an unmatched closing bracket), or a compatibility
//! character that no registry issues, such as a typographic ligature (`10.1002/ﬂd.3902`,
//! with "ﬂ" for "fl"); the message gives the DOI that resolves (its NFKC form, or the DOI
//! without the punctuation).
//!
//! Lets pass: brackets that the suffix opens and closes itself
//! (`10.1002/(SICI)1097-4636(199706)`), and every ASCII character a suffix may hold in
//! the middle. A DOI that is not a DOI at all is `tei::doi::syntax`'s business.

use crate::ids::doi;
use crate::model::Text;
use crate::validate::{Code, Sink};

/// Trailing punctuation that a DOI suffix does not end with but a sentence does.
fn trailing_punctuation(bare: &str) -> Option<char> {
    let last = bare.chars().last()?;
    match last {
        '.' | ',' | ';' | ':' | '"' | '\'' | '”' | '’' | '»' => Some(last),
        ')' | ']' => {
            let open = if last == ')' { '(' } else { '[' };
            let opened = bare.matches(open).count();
            let closed = bare.matches(last).count();
            (closed > opened).then_some(last)
        }
        _ => None,
    }
}

/// Reports the article's DOI when it carries extraction debris.
pub(super) fn check(d: &Text, sink: &mut Sink<'_>) {
    let bare = doi::bare(&d.value);
    if doi::has_compatibility_chars(bare) {
        let normal = doi::nfkc(bare);
        let odd: String = bare
            .chars()
            .filter(|c| !doi::nfkc(&c.to_string()).eq(&c.to_string()))
            .collect();
        sink.report(
            Code::DoiDebris,
            d.span,
            format!(
                "the DOI \"{bare}\" holds {} (\"{odd}\") copied out of a PDF: the DOI that \
                 resolves is \"{normal}\"",
                if odd.chars().count() == 1 {
                    "a compatibility character"
                } else {
                    "compatibility characters"
                }
            ),
            "this DOI holds a ligature or another compatibility character",
            format!("write the DOI with plain letters: {normal}"),
        );
    } else if let Some(p) = trailing_punctuation(bare) {
        let fixed = bare.trim_end_matches(p);
        sink.report(
            Code::DoiDebris,
            d.span,
            format!(
                "the DOI \"{bare}\" ends with \"{p}\": probably the punctuation of the sentence \
                 it was copied from"
            ),
            "this DOI ends with punctuation",
            format!("remove the trailing \"{p}\": {fixed}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Located, Span};

    fn problems(doi: &str) -> Vec<crate::validate::Problem> {
        let article = Article {
            doi: Some(Located::new(doi.to_string(), Span::new(0, 5))),
            ..Article::default()
        };
        super::super::run(&article, |a, sink| check(a.doi.as_ref().unwrap(), sink))
    }

    #[test]
    fn trailing_sentence_punctuation_is_debris_and_balanced_brackets_are_not() {
        assert_eq!(trailing_punctuation("10.1234/abc."), Some('.'));
        assert_eq!(trailing_punctuation("10.1234/abc,"), Some(','));
        assert_eq!(trailing_punctuation("10.1234/abc)"), Some(')'));
        assert_eq!(
            trailing_punctuation("10.1002/(SICI)1097-4636(199706)"),
            None
        );
        assert_eq!(trailing_punctuation("10.1234/abc.567"), None);
        let p = problems("10.1234/abc.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].code, Code::DoiDebris);
        assert!(p[0].help.ends_with("10.1234/abc"), "{}", p[0].help);
    }

    #[test]
    fn a_ligature_is_debris_and_the_message_gives_the_nfkc_form() {
        let p = problems("10.1002/\u{FB02}d.3902");
        assert_eq!(p.len(), 1);
        assert!(
            p[0].message.contains("\"10.1002/fld.3902\""),
            "{}",
            p[0].message
        );
        assert!(p[0].message.contains("(\"\u{FB02}\")"), "{}", p[0].message);
        assert!(problems("10.1002/fld.3902").is_empty());
        assert!(problems("10.1002/édition.12").is_empty());
    }
}
