//! An author keyword given twice in the same language, compared case-insensitively with
//! white space folded ("Digital  Humanities" and "digital humanities").
//!
//! Lets pass: the same word in two languages (an English and a French group may both hold
//! "corpus"), subject classifications (only author keywords are compared) and empty terms.

use std::collections::HashMap;

use crate::model::{Article, Text};
use crate::validate::{Code, Sink};

/// Reports each author keyword given a second time (same language).
pub(super) fn check(article: &Article, sink: &mut Sink<'_>) {
    let mut seen: HashMap<(String, String), &Text> = HashMap::new();
    for k in article.author_keywords() {
        let v = k.text.value.trim();
        if v.is_empty() {
            continue;
        }
        let lang = k.lang.clone().unwrap_or_default().to_ascii_lowercase();
        let key = (lang, normalise_keyword(v));
        match seen.get(&key) {
            Some(first) => {
                let first_span = first.span;
                if let Some(p) = sink.report(
                    Code::DuplicateKeyword,
                    k.text.span,
                    format!("the keyword \"{v}\" is given twice"),
                    "the second time",
                    "delete the repeated keyword",
                ) {
                    p.notes.push((first_span, "the first time".to_string()));
                }
            }
            None => {
                seen.insert(key, &k.text);
            }
        }
    }
}

fn normalise_keyword(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Keyword;

    fn keyword(term: &str, lang: Option<&str>, author: bool, at: usize) -> Keyword {
        Keyword {
            text: Text::new(term.to_string(), crate::model::Span::new(at, at + 1)),
            scheme: None,
            lang: lang.map(str::to_string),
            author,
        }
    }

    #[test]
    fn a_repeat_in_one_language_is_reported_with_the_first_as_a_note() {
        let article = Article {
            keywords: vec![
                keyword("Digital Humanities", Some("en"), true, 10),
                keyword("corpus", Some("en"), true, 20),
                keyword("corpus", Some("fr"), true, 30),
                keyword("digital  humanities", Some("EN"), true, 40),
                keyword("corpus", Some("en"), false, 50),
                keyword("", Some("en"), true, 60),
                keyword("", Some("en"), true, 70),
            ],
            ..Article::default()
        };
        let problems = super::super::run(&article, check);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::DuplicateKeyword);
        assert_eq!(problems[0].span.start, 40);
        assert_eq!(problems[0].notes[0].0.start, 10);
    }

    #[test]
    fn keywords_compare_case_and_space_insensitively() {
        assert_eq!(
            normalise_keyword(" Digital \n Humanities "),
            "digital humanities"
        );
        assert_ne!(
            normalise_keyword("digital-humanities"),
            "digital humanities"
        );
    }
}
