//! Model builders shared by the export tests: text values, titles, keywords, people,
//! documents, and one batch through any exporter.

use teimeta::export::Exporter;
use teimeta::{Abstract, Affiliation, Article, Author, Document, Keyword, Text, Title};

/// A text value without a source span.
pub fn t(s: &str) -> Text {
    Text::new(s.to_string(), Default::default())
}

/// An optional text value.
pub fn ot(s: &Option<String>) -> Option<Text> {
    s.as_deref().map(t)
}

/// A title of `kind` (`main`, `sub`, `trans`, …) in `lang`.
pub fn title(text: &str, kind: &str, lang: Option<&str>) -> Title {
    Title {
        text: t(text),
        kind: Some(kind.to_string()),
        lang: lang.map(str::to_string),
    }
}

/// An author keyword.
pub fn keyword(text: &str) -> Keyword {
    Keyword {
        text: t(text),
        author: true,
        ..Default::default()
    }
}

/// A classification term of `scheme` (not an author keyword).
pub fn term(text: &str, scheme: &str) -> Keyword {
    Keyword {
        text: t(text),
        scheme: Some(scheme.to_string()),
        author: false,
        ..Default::default()
    }
}

/// An abstract in `lang`.
pub fn abstract_in(lang: &str, text: &str) -> Abstract {
    Abstract {
        lang: Some(lang.to_string()),
        text: t(text),
    }
}

/// An affiliation given by its text alone.
pub fn affiliation(text: &str) -> Affiliation {
    Affiliation {
        text: t(text),
        ..Default::default()
    }
}

/// A person with these name parts (an empty part is absent).
pub fn person(surname: &str, forename: &str) -> Author {
    let part = |s: &str| Some(t(s)).filter(|_| !s.is_empty());
    Author {
        surname: part(surname),
        forename: part(forename),
        ..Author::default()
    }
}

/// `article` as a document read from `source`.
pub fn doc(source: &str, article: Article) -> Document {
    Document {
        source: source.to_string(),
        text: String::new(),
        article,
    }
}

/// `articles` as documents `doc0.xml`, `doc1.xml`, … in order.
pub fn docs(articles: &[Article]) -> Vec<Document> {
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| doc(&format!("doc{i}.xml"), a.clone()))
        .collect()
}

/// `docs` as one batch through `exporter`, ended: what it wrote.
pub fn export<E: Exporter>(mut exporter: E, docs: &[Document]) -> E::Inner {
    for d in docs {
        exporter.write(d).expect("the exporter writes to memory");
    }
    exporter.finish().expect("the exporter ends in memory")
}

/// An editor with these name parts, of the work, its container or its series.
pub fn editor(
    surname: &str,
    forename: &str,
    of: teimeta::model::EditorOf,
) -> teimeta::model::Editor {
    teimeta::model::Editor {
        person: person(surname, forename),
        of,
        role: None,
    }
}

/// A meeting with its name and, where not empty, first day, last day and place.
pub fn event(name: &str, start: &str, end: &str, place: &str) -> teimeta::model::Event {
    let some = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    teimeta::model::Event {
        name: t(name),
        start: some(start),
        end: some(end),
        place: some(place),
    }
}

/// The same name in another script or language: family name, given name, language.
pub fn alt_name(surname: &str, forename: &str, lang: &str) -> teimeta::model::AltName {
    let some = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    teimeta::model::AltName {
        surname: some(surname),
        forename: some(forename),
        name: None,
        lang: some(lang),
    }
}
