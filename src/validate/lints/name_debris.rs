//! A name part that is no name: a given name or family name (or one word of it) made only
//! of punctuation, symbols or digits (`|`, `*`, `†`, `;`, `1`). It marks GROBID (or
//! another extraction) splitting an author line wrongly: "| Peter M Sanzenbacher |"
//! becomes the given names "| Peter" and "M", a footnote marker becomes a given name.
//!
//! Lets pass: initials and abbreviations with a letter ("M.", "Jr."), particles, names in
//! any script (every letter counts), and hyphens or apostrophes inside a word
//! ("Jean-Pierre", "O'Neill").

use crate::model::{Author, Text};
use crate::validate::rules::author_name;
use crate::validate::{Code, Sink};

/// The words of `value` that hold no letter at all.
fn debris(value: &str) -> Vec<&str> {
    value
        .split_whitespace()
        .filter(|w| !w.chars().any(char::is_alphabetic))
        .collect()
}

/// Reports each author whose name parts hold debris, at the author.
pub(super) fn check(authors: &[Author], sink: &mut Sink<'_>) {
    for (i, a) in authors.iter().enumerate() {
        if a.organization {
            continue;
        }
        let parts: [(&Option<Text>, &str); 2] =
            [(&a.forename, "given name"), (&a.surname, "family name")];
        for (part, what) in parts {
            let Some(v) = part else { continue };
            let found = debris(&v.value);
            if found.is_empty() {
                continue;
            }
            let words: Vec<String> = found.iter().map(|w| format!("\"{w}\"")).collect();
            let clean: Vec<&str> = v
                .value
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            let advice = if clean.is_empty() {
                format!("delete it and give the author's real {what}")
            } else {
                format!("delete it, leaving \"{}\"", clean.join(" "))
            };
            sink.report(
                Code::NameDebris,
                a.span,
                format!(
                    "the {what} of {} is \"{}\": {} no name, probably a marker or separator \
                     swept in when the author line was split",
                    author_name(a, i),
                    v.value,
                    if found.len() == 1 {
                        format!("{} is", words[0])
                    } else {
                        format!("{} are", words.join(", "))
                    }
                ),
                format!("this author's {what} holds debris"),
                format!(
                    "check the author line against the article: {advice} (put a footnote \
                     marker's text where it belongs)"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Located, Span};

    fn author(forename: &str, surname: &str) -> Author {
        let t = |s: &str| (!s.is_empty()).then(|| Located::new(s.to_string(), Span::new(0, 1)));
        Author {
            forename: t(forename),
            surname: t(surname),
            ..Author::default()
        }
    }

    #[test]
    fn punctuation_symbols_and_digits_are_debris() {
        assert_eq!(debris("| Peter"), vec!["|"]);
        assert_eq!(debris("*"), vec!["*"]);
        assert_eq!(debris("†"), vec!["†"]);
        assert_eq!(debris("1"), vec!["1"]);
        assert!(debris("M.").is_empty());
        assert!(debris("Jean-Pierre").is_empty());
        assert!(debris("윤").is_empty());
        assert!(debris("O'Neill Jr.").is_empty());
    }

    #[test]
    fn each_debris_part_is_reported_at_its_author() {
        let authors = vec![
            author("| Peter", "Sanzenbacher"),
            author("Ada", "Lovelace"),
            author("*", "Smith"),
        ];
        let article = crate::model::Article {
            authors,
            ..Default::default()
        };
        let p = super::super::run(&article, |a, sink| check(&a.authors, sink));
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(
            p[0].message.contains("\"|\" is no name"),
            "{}",
            p[0].message
        );
        assert!(p[0].help.contains("leaving \"Peter\""), "{}", p[0].help);
        assert!(p[1].message.contains("author 3"), "{}", p[1].message);
    }
}
