//! Lints for the debris that text extraction and templates leave in metadata, one module
//! per lint: author footnotes inside an abstract or title ([`footnote`]), words
//! hyphenated across a line break ([`hyphenation`]), paragraphs split mid-sentence
//! ([`paragraph_split`]), keyword lists crammed into one term ([`keyword_list`]),
//! duplicated keywords ([`duplicate_keyword`]), placeholder values ([`placeholder`]),
//! titles in capitals ([`all_caps`]), "Abstract:" labels left in values
//! ([`label_prefix`]), DOIs with a ligature or the sentence's punctuation
//! ([`doi_debris`]) and name parts that are only punctuation or digits ([`name_debris`]).
//!
//! They are heuristics, so they are warnings by default (a profile may raise or silence
//! each), and each one is tuned to stay quiet on ordinary scholarly prose: one
//! "University" in an abstract is a topic, a cluster of them next to a star is a footnote.
//!
//! A lint points at the start tag of the element holding the value, like every value
//! problem; the offending stretch of a title or an abstract is labelled too, its source
//! span taken from the value's anchors ([`crate::model::Anchors`]: where each piece of the
//! normalised value came from), which the parser records for titles and abstracts.
//!
//! To add a lint: a module here with its doc comment (what it catches, what it lets
//! pass), a `check` and unit tests; a [`Code`] in `validate/mod.rs`; a call below.

mod all_caps;
mod doi_debris;
mod duplicate_keyword;
mod footnote;
mod hyphenation;
mod keyword_list;
mod label_prefix;
mod name_debris;
mod paragraph_split;
mod placeholder;

#[cfg(doc)]
use super::Code;
use super::Sink;
use crate::model::Article;
use label_prefix::{ABSTRACT_LABELS, KEYWORD_LABELS, TITLE_LABELS};

/// Runs every lint on `article`.
pub(crate) fn check(article: &Article, sink: &mut Sink<'_>) {
    for t in &article.titles {
        footnote::check(&t.text, "title", sink);
        hyphenation::check(&t.text, "title", sink);
        all_caps::check(&t.text, sink);
        label_prefix::check(&t.text, "title", TITLE_LABELS, sink);
    }
    for a in &article.abstracts {
        footnote::check(&a.text, "abstract", sink);
        hyphenation::check(&a.text, "abstract", sink);
        paragraph_split::check(&a.text, sink);
        label_prefix::check(&a.text, "abstract", ABSTRACT_LABELS, sink);
        label_prefix::check_keywords_in_abstract(&a.text, sink);
    }
    for k in article.author_keywords() {
        if !k.text.value.trim().is_empty() {
            keyword_list::check(k, sink);
        }
    }
    duplicate_keyword::check(article, sink);
    for k in article.author_keywords() {
        label_prefix::check(&k.text, "keyword", KEYWORD_LABELS, sink);
    }
    placeholder::check(article, sink);
    if let Some(d) = &article.doi {
        doi_debris::check(d, sink);
    }
    name_debris::check(&article.authors, sink);
}

pub(super) fn quoted_list(items: &[String], max: usize) -> String {
    let mut parts: Vec<String> = items.iter().take(max).map(|s| format!("\"{s}\"")).collect();
    if items.len() > max {
        parts.push("…".to_string());
    }
    parts.join(", ")
}

pub(super) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Text from the abstract of samples/invalid/seed-abstract-footnote.xml: an author
/// footnote and a page break inside it.
#[cfg(test)]
const SEED: &str = "It is also remarkable that the image of North Vietnam made some \
    impressions on Song Yeong, the leader of the delegation at that time. In some\n\n\
    respects, the perception of North Vietnam helped him to keep a critical * HK Assistant \
    Professor, Institute for East Asian Studies, Sogang Univ. / popeyevn@sogang.ac.kr mind \
    toward the intellectual group of North Korea.";

/// Runs one lint on `article` under the default profile, for the lints' unit tests.
#[cfg(test)]
fn run(article: &Article, lint: impl FnOnce(&Article, &mut Sink<'_>)) -> Vec<super::Problem> {
    let profile = super::Profile::default_profile();
    let mut sink = Sink {
        profile: &profile,
        problems: Vec::new(),
        claimed: Vec::new(),
        grobid: false,
    };
    lint(article, &mut sink);
    sink.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("ééé é", 4), "ééé…");
        assert_eq!(quoted_list(&["a".into(), "b".into()], 1), "\"a\", …");
    }
}
