//! Template placeholders and unexpanded tokens left as metadata (the predicate, and what
//! it catches and lets pass, is [`crate::placeholder`]). Every value of the article is
//! looked at; a value repeated at one place (HAL writes some twice) is reported once.

use super::shorten;
use crate::model::{Article, Span, Text};
use crate::placeholder::placeholder;
use crate::validate::{Code, Sink};

pub(super) fn check(article: &Article, sink: &mut Sink<'_>) {
    let mut values: Vec<(&Text, &str)> = Vec::new();
    for t in &article.titles {
        values.push((&t.text, "title"));
    }
    for a in &article.authors {
        // The display name if there is one; else the parts.
        match &a.name {
            Some(n) => values.push((n, "author name")),
            None => {
                for part in [&a.surname, &a.forename].into_iter().flatten() {
                    values.push((part, "author name"));
                }
            }
        }
        if let Some(e) = &a.email {
            values.push((e, "email address"));
        }
        for aff in &a.affiliations {
            values.push((&aff.text, "affiliation"));
        }
    }
    for k in &article.keywords {
        values.push((&k.text, "keyword"));
    }
    for a in &article.abstracts {
        values.push((&a.text, "abstract"));
    }
    let singles = [
        (&article.journal, "journal title"),
        (&article.issn, "ISSN"),
        (&article.eissn, "ISSN"),
        (&article.volume, "volume"),
        (&article.issue, "issue"),
        (&article.first_page, "first page"),
        (&article.last_page, "last page"),
        (&article.date, "date"),
        (&article.publisher, "publisher"),
        (&article.doi, "DOI"),
        (&article.url, "URL"),
        (&article.language, "language"),
    ];
    for (v, what) in singles {
        if let Some(v) = v {
            values.push((v, what));
        }
    }
    // One report per distinct value and place: HAL repeats a value in several fields.
    let mut reported: Vec<(Span, String)> = Vec::new();
    for (v, what) in values {
        let Some(why) = placeholder(&v.value) else {
            continue;
        };
        let key = (v.span, v.value.clone());
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let shown = shorten(v.value.trim(), 60);
        let help = if why.contains("version-control") {
            "the file was exported from a repository without keyword expansion: replace the \
             token with the real value"
                .to_string()
        } else {
            format!("replace \"{shown}\" with the real {what}, or remove the element")
        };
        sink.report(
            Code::Placeholder,
            v.span,
            format!("the {what} \"{shown}\" is {why}, not real metadata"),
            format!("placeholder {what}"),
            help,
        );
    }
}
