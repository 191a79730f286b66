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

/// An article with everything a Crossref or DOAJ deposit carries (issue 11): titles in
/// two languages, a person with an ORCID iD, an email and a three-level affiliation with
/// a ROR id, a corporate author, two abstracts, author keywords in two languages, the
/// journal with both ISSNs, volume, issue, pages, a full date and a DOI (no URL).
pub fn deposit_article() -> Article {
    use teimeta::model::{ExternalId, LangText, OrgUnit};
    let unit = |kind: &str, name: &str, ids: &[(&str, &str)]| OrgUnit {
        kind: Some(kind.to_string()),
        names: vec![LangText {
            text: name.to_string(),
            lang: None,
        }],
        ids: ids
            .iter()
            .map(|(scheme, value)| ExternalId {
                scheme: scheme.to_string(),
                value: value.to_string(),
            })
            .collect(),
    };
    let mut lab = affiliation("Laboratoire d'exemple, Faculté des lettres, Université d'Exemple, Lyon, contact: lab@univ.example");
    lab.units = vec![
        unit(
            "laboratory",
            "Laboratoire d'exemple",
            &[("halstructure", "123")],
        ),
        unit("department", "Faculté des lettres", &[]),
        unit(
            "institution",
            "Université d'Exemple",
            &[("ror", "https://ror.org/05example"), ("grid", "grid.1.2")],
        ),
    ];
    lab.settlement = Some("Lyon".to_string());
    lab.country = Some("France".to_string());
    let mut first = person("de La Fontaine", "Élodie");
    first.orcid = Some(t("0000-0002-1825-0097"));
    first.email = Some(t("elodie@univ.example"));
    first.affiliations = vec![lab];
    let mut second = person("Kim", "Min-jun");
    second.affiliations = vec![affiliation("Seoul Example University")];
    let group = Author {
        name: Some(t("Groupe Métadonnées & Archives")),
        organization: true,
        ..Author::default()
    };
    let kw = |text: &str, lang: &str| Keyword {
        lang: Some(lang.to_string()),
        ..keyword(text)
    };
    Article {
        titles: vec![
            title("Lire les en-têtes <savants>", "main", Some("fr")),
            title("sans les abîmer", "sub", Some("fr")),
            title("Reading scholarly headers", "alt", Some("en")),
        ],
        authors: vec![first, second, group],
        keywords: vec![
            kw("métadonnées", "fr"),
            kw("TEI", "fr"),
            kw("metadata", "en"),
            term("Computer science", "halDomain"),
        ],
        abstracts: vec![
            abstract_in("fr", "Premier paragraphe.\n\nSecond paragraphe & fin."),
            abstract_in("en", "One paragraph."),
        ],
        language: Some(t("fr")),
        journal: Some(t("Revue d'exemple")),
        issn: Some(t("0000-0019")),
        eissn: Some(t("0000-0027")),
        volume: Some(t("7")),
        issue: Some(t("2")),
        first_page: Some(t("101")),
        last_page: Some(t("118")),
        date: Some(t("2024-06-05")),
        publisher: Some(t("Presses d'Exemple")),
        doi: Some(t("10.5555/exemple.2024.7")),
        ..Article::default()
    }
}
