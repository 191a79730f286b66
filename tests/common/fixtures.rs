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

/// An editor of `of` (the work, its container or its series) with these name parts.
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

/// A meeting with its dates and place as written (an empty value is absent).
pub fn event(name: &str, start: &str, end: &str, place: &str) -> teimeta::model::Event {
    let part = |s: &str| Some(s.to_string()).filter(|_| !s.is_empty());
    teimeta::model::Event {
        name: t(name),
        start: part(start),
        end: part(end),
        place: part(place),
    }
}

// ---- proptest models: arbitrary articles, shared by the export tests --------------------
//
// `article_fields()` draws the plain values of an article (titles, people, keywords,
// abstracts, the single-valued fields); `ArticleFields::article` builds the model from
// them. Each export test checks its output against the same `ArticleFields`, so the
// expectations of every format are stated over one model. Further builders go below,
// each in its own section.

use proptest::prelude::*;

/// Text that exporters find hard: TeX, CSV and IRI specials, quotes, line breaks, formula
/// starters, CJK and right-to-left scripts, combining marks, controls; or anything at all.
pub fn hard_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(
            "[a-zA-Z0-9 {}\\\\%&#$_~^\"',;:/<>=+@\t\r\n\\-漢字論文שלוםمرحبا\u{200f}\u{301}é]{0,24}"
        )
        .unwrap(),
        1 => any::<String>(),
        1 => super::attack(),
    ]
}

/// An optional hard text.
pub fn maybe_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(hard_text())
}

/// The encoded parts of one affiliation.
#[derive(Debug, Clone)]
pub struct AffiliationFields {
    /// The whole affiliation as text.
    pub text: String,
    /// `orgName[@type='department']`.
    pub department: Option<String>,
    /// `orgName[@type='institution']`.
    pub institution: Option<String>,
    /// `address/settlement`.
    pub settlement: Option<String>,
    /// `address/country`.
    pub country: Option<String>,
}

/// Any affiliation.
pub fn affiliation_fields() -> impl Strategy<Value = AffiliationFields> {
    (
        hard_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
    )
        .prop_map(
            |(text, department, institution, settlement, country)| AffiliationFields {
                text,
                department,
                institution,
                settlement,
                country,
            },
        )
}

/// The plain values of one author.
#[derive(Debug, Clone)]
pub struct PersonFields {
    /// Surname.
    pub family: Option<String>,
    /// Forename(s).
    pub given: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// A corporate author.
    pub org: bool,
    /// `roleName`.
    pub role: Option<String>,
    /// Email as written.
    pub email: Option<String>,
    /// ORCID as written: any text, or a well-formed one.
    pub orcid: Option<String>,
    /// The corresponding author.
    pub corresponding: bool,
    /// Affiliations in order.
    pub affiliations: Vec<AffiliationFields>,
}

/// A well-formed ORCID (right check digit), drawn now and then among the hard texts.
pub const GOOD_ORCID: &str = "0000-0002-1825-0097";

/// Any author.
pub fn person_fields() -> impl Strategy<Value = PersonFields> {
    let orcid = proptest::option::of(prop_oneof![hard_text(), Just(GOOD_ORCID.to_string())]);
    (
        (maybe_text(), maybe_text(), maybe_text(), any::<bool>()),
        (maybe_text(), maybe_text(), orcid, any::<bool>()),
        proptest::collection::vec(affiliation_fields(), 0..3),
    )
        .prop_map(
            |((family, given, name, org), (role, email, orcid, corresponding), affiliations)| {
                PersonFields {
                    family,
                    given,
                    name,
                    org,
                    role,
                    email,
                    orcid,
                    corresponding,
                    affiliations,
                }
            },
        )
}

impl PersonFields {
    /// The model's author.
    pub fn author(&self) -> Author {
        Author {
            surname: ot(&self.family),
            forename: ot(&self.given),
            name: ot(&self.name),
            organization: self.org,
            role: ot(&self.role),
            email: ot(&self.email),
            orcid: ot(&self.orcid),
            corresponding: self.corresponding,
            affiliations: self
                .affiliations
                .iter()
                .map(|a| Affiliation {
                    text: t(&a.text),
                    department: a.department.clone(),
                    institution: a.institution.clone(),
                    settlement: a.settlement.clone(),
                    country: a.country.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }
}

/// The single-valued fields of an article, each absent or any text.
#[derive(Debug, Clone, Default)]
pub struct Singles {
    /// Declared language.
    pub language: Option<String>,
    /// Journal title.
    pub journal: Option<String>,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// Volume.
    pub volume: Option<String>,
    /// Issue.
    pub issue: Option<String>,
    /// First page.
    pub first_page: Option<String>,
    /// Last page.
    pub last_page: Option<String>,
    /// Publication date as written (see [`date_text`]).
    pub date: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// DOI.
    pub doi: Option<String>,
    /// Full-text URL.
    pub url: Option<String>,
}

/// A date as the corpus writes them: ISO, day/month/year (ambiguous or not), with a
/// month name in English or French, a date and time; or any text at all.
pub fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "2019", "2019-09", "2019-09-30", "2019-02-30", "30/09/2019", "01/07/2010",
            "07/31/2010", "01.07.2010", "July 1, 2010", "1er juillet 2010", "Sept. 2016",
            "2010-07-01T10:00:00Z", "2020年10月29日", "Spring 2019", "n.d.", "2017. 2017",
        ])
        .prop_map(str::to_string),
        1 => hard_text(),
    ]
}

/// Any single-valued fields.
pub fn singles() -> impl Strategy<Value = Singles> {
    (
        (maybe_text(), maybe_text(), maybe_text(), maybe_text()),
        (maybe_text(), maybe_text(), maybe_text(), maybe_text()),
        (
            proptest::option::of(date_text()),
            maybe_text(),
            maybe_text(),
            maybe_text(),
        ),
    )
        .prop_map(
            |(
                (language, journal, issn, eissn),
                (volume, issue, first_page, last_page),
                (date, publisher, doi, url),
            )| Singles {
                language,
                journal,
                issn,
                eissn,
                volume,
                issue,
                first_page,
                last_page,
                date,
                publisher,
                doi,
                url,
            },
        )
}

/// One editor: the person, what they edited, their `@role`.
#[derive(Debug, Clone)]
pub struct EditorFields {
    /// The person, drawn as an author is.
    pub person: PersonFields,
    /// What they edited.
    pub of: teimeta::model::EditorOf,
    /// `@role` as written.
    pub role: Option<String>,
}

/// Any editor.
pub fn editor_fields() -> impl Strategy<Value = EditorFields> {
    use teimeta::model::EditorOf;
    (
        person_fields(),
        prop::sample::select(vec![EditorOf::Work, EditorOf::Container, EditorOf::Series]),
        maybe_text(),
    )
        .prop_map(|(person, of, role)| EditorFields { person, of, role })
}

/// The conference or meeting: name, first and last day as written, place.
#[derive(Debug, Clone)]
pub struct EventFields {
    /// Its name.
    pub name: String,
    /// First day as written (see [`date_text`]).
    pub start: Option<String>,
    /// Last day as written.
    pub end: Option<String>,
    /// Where it was held.
    pub place: Option<String>,
}

/// Any event.
pub fn event_fields() -> impl Strategy<Value = EventFields> {
    (
        hard_text(),
        proptest::option::of(date_text()),
        proptest::option::of(date_text()),
        maybe_text(),
    )
        .prop_map(|(name, start, end, place)| EventFields {
            name,
            start,
            end,
            place,
        })
}

/// The book, series and event an article may belong to, and its editors.
#[derive(Debug, Clone, Default)]
pub struct ContainerFields {
    /// The book or proceedings.
    pub container: Option<String>,
    /// Its DOI.
    pub container_doi: Option<String>,
    /// The book series.
    pub series: Option<String>,
    /// Editors of the work, the book or the series.
    pub editors: Vec<EditorFields>,
    /// The event.
    pub event: Option<EventFields>,
}

/// Any container, series, editors and event (each often absent).
pub fn container_fields() -> impl Strategy<Value = ContainerFields> {
    (
        maybe_text(),
        proptest::option::of(prop_oneof![
            hard_text(),
            Just("10.5281/zenodo.\u{FB01}3".to_string())
        ]),
        maybe_text(),
        proptest::collection::vec(editor_fields(), 0..3),
        proptest::option::of(event_fields()),
    )
        .prop_map(
            |(container, container_doi, series, editors, event)| ContainerFields {
                container,
                container_doi,
                series,
                editors,
                event,
            },
        )
}

impl ContainerFields {
    /// Sets these fields on `article`.
    pub fn apply(&self, article: &mut Article) {
        article.container = ot(&self.container);
        article.container_doi = ot(&self.container_doi);
        article.series = ot(&self.series);
        article.editors = self
            .editors
            .iter()
            .map(|e| teimeta::model::Editor {
                person: e.person.author(),
                of: e.of,
                role: e.role.clone(),
            })
            .collect();
        article.event = self.event.as_ref().map(|e| teimeta::model::Event {
            name: t(&e.name),
            start: e.start.clone(),
            end: e.end.clone(),
            place: e.place.clone(),
        });
    }
}

/// The plain values of one article.
#[derive(Debug, Clone)]
pub struct ArticleFields {
    /// The main title (English).
    pub title: String,
    /// The subtitle (English).
    pub subtitle: String,
    /// A translated title (French).
    pub translated: String,
    /// Authors in order.
    pub people: Vec<PersonFields>,
    /// Author keywords.
    pub keywords: Vec<String>,
    /// Classification terms (scheme `subjects`).
    pub classifications: Vec<String>,
    /// Abstracts in document order: (language, text).
    pub abstracts: Vec<(String, String)>,
    /// The single-valued fields.
    pub single: Singles,
    /// Book, series, editors and event.
    pub book: ContainerFields,
}

/// Any article.
pub fn article_fields() -> impl Strategy<Value = ArticleFields> {
    let abstract_ = (
        prop_oneof![Just("en".to_string()), Just("fr".to_string())],
        hard_text(),
    );
    (
        (hard_text(), hard_text(), hard_text()),
        proptest::collection::vec(person_fields(), 0..4),
        proptest::collection::vec(hard_text(), 0..4),
        proptest::collection::vec(hard_text(), 0..3),
        proptest::collection::vec(abstract_, 0..3),
        (singles(), container_fields()),
    )
        .prop_map(
            |(
                (title, subtitle, translated),
                people,
                keywords,
                classifications,
                abstracts,
                (single, book),
            )| {
                ArticleFields {
                    title,
                    subtitle,
                    translated,
                    people,
                    keywords,
                    classifications,
                    abstracts,
                    single,
                    book,
                }
            },
        )
}

impl ArticleFields {
    /// The model's article.
    pub fn article(&self) -> Article {
        let s = &self.single;
        let mut article = Article {
            titles: vec![
                title(&self.title, "main", Some("en")),
                title(&self.subtitle, "sub", Some("en")),
                title(&self.translated, "trans", Some("fr")),
            ],
            authors: self.people.iter().map(PersonFields::author).collect(),
            keywords: self
                .keywords
                .iter()
                .map(|k| keyword(k))
                .chain(self.classifications.iter().map(|k| term(k, "subjects")))
                .collect(),
            abstracts: self
                .abstracts
                .iter()
                .map(|(lang, text)| abstract_in(lang, text))
                .collect(),
            language: ot(&s.language),
            journal: ot(&s.journal),
            issn: ot(&s.issn),
            eissn: ot(&s.eissn),
            volume: ot(&s.volume),
            issue: ot(&s.issue),
            first_page: ot(&s.first_page),
            last_page: ot(&s.last_page),
            date: ot(&s.date),
            publisher: ot(&s.publisher),
            doi: ot(&s.doi),
            url: ot(&s.url),
            ..Default::default()
        };
        self.book.apply(&mut article);
        article
    }
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
