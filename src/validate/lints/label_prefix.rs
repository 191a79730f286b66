//! A label left at the start of a value: "Abstract: …", "ABSTRACT This study", "Title:
//! …", "Key words: …", and a keyword list ("Key words: a, b, c") at the start of an
//! abstract.
//!
//! Lets pass: the label word used as a word ("Abstract expressionism was",
//! "Summarizing the field", "Keyword Extraction", "Title IX"): a label counts only when
//! a colon, full stop or dash follows it, or, for labels that are not ordinary words,
//! white space and a capital.

use crate::model::Text;
use crate::validate::{Code, Sink};

pub(super) const ABSTRACT_LABELS: &[&str] = &[
    "abstract",
    "summary",
    "résumé",
    "resume",
    "zusammenfassung",
    "resumen",
    "riassunto",
    "resumo",
    "аннотация",
    "анотація",
    "要旨",
    "摘要",
    "概要",
    "초록",
];

pub(super) const KEYWORD_LABELS: &[&str] = &[
    "key words",
    "keywords",
    "key-words",
    "keyword",
    "index terms",
    "mots-clés",
    "mots clés",
    "mots-clefs",
    "schlüsselwörter",
    "schlagwörter",
    "palabras clave",
    "parole chiave",
    "palavras-chave",
    "ключевые слова",
    "キーワード",
    "关键词",
    "주제어",
    "subjects",
];

/// Labels that are also ordinary words at the start of a value ("Keyword Extraction",
/// "Title IX"): they count only when punctuation follows them.
const NEEDS_PUNCTUATION: &[&str] = &["keyword", "keywords", "title", "titre", "titel", "resume"];

pub(super) const TITLE_LABELS: &[&str] = &["title", "titre", "titel"];

/// The label at the start of `value`, if one is left there: the label word(s) followed
/// by a colon, full stop or dash, or by white space and a capital letter.
fn leading_label<'a>(value: &'a str, labels: &[&str]) -> Option<&'a str> {
    let v = value.trim_start();
    let lower = v.to_lowercase();
    for label in labels {
        if !lower.starts_with(label) {
            continue;
        }
        // Same length in bytes: lower-casing these labels does not change their length,
        // but check the boundary to be safe.
        let n = label.len();
        if !v.is_char_boundary(n) {
            continue;
        }
        let rest = &v[n..];
        let after = rest.trim_start();
        let punct = after.starts_with([':', '：', '.', '—', '–', '-']);
        let spaced_capital = after.len() < rest.len()
            && after.chars().next().is_some_and(char::is_uppercase)
            && !NEEDS_PUNCTUATION.contains(label);
        if punct || spaced_capital {
            let mark = if punct {
                after.chars().next().map_or(0, char::len_utf8)
            } else {
                0
            };
            return Some(&v[..n + (rest.len() - after.len()) + mark]);
        }
    }
    None
}

pub(super) fn check(value: &Text, what: &str, labels: &[&str], sink: &mut Sink<'_>) {
    let Some(label) = leading_label(&value.value, labels) else {
        return;
    };
    let label = label.trim();
    sink.report(
        Code::LabelPrefix,
        value.span,
        format!("the {what} starts with the label \"{label}\""),
        format!("the label is part of this {what}"),
        format!(
            "delete \"{label}\" from the start of the {what}: the element already says what it is"
        ),
    );
}

/// "Key words: a, b, c. Summary. …" at the start of an abstract: the keyword list was
/// extracted into the abstract.
pub(super) fn check_keywords_in_abstract(value: &Text, sink: &mut Sink<'_>) {
    let Some(label) = leading_label(&value.value, KEYWORD_LABELS) else {
        return;
    };
    let label = label.trim();
    sink.report(
        Code::LabelPrefix,
        value.span,
        format!("the abstract starts with the label \"{label}\": the keyword list is inside the abstract"),
        "the keyword list is part of this abstract",
        "move the keywords into profileDesc/textClass/keywords, one <term> each, and delete \
         them and their label from the abstract",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_left_in_values() {
        assert_eq!(
            leading_label("Abstract: This study", ABSTRACT_LABELS),
            Some("Abstract:")
        );
        assert_eq!(
            leading_label("ABSTRACT This study", ABSTRACT_LABELS),
            Some("ABSTRACT ")
        );
        assert_eq!(
            leading_label("Key words: Korea", KEYWORD_LABELS),
            Some("Key words:")
        );
        assert_eq!(
            leading_label("Abstract expressionism was", ABSTRACT_LABELS),
            None
        );
        assert_eq!(
            leading_label("Summarizing the field", ABSTRACT_LABELS),
            None
        );
    }
}
