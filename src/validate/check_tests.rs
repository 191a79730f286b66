//! `check` on hand-built articles: each rule, value check and lint fires on the value it
//! is about, at that value's span, and stays quiet on a clean article.

use super::*;
use crate::model::{
    Abstract, Affiliation, Article, Author, Keyword, Located, Places, Span, Text, Title,
};

/// A source text with one start tag per field, so every span is distinct and findable.
const SOURCE: &str = "<TEI>\n<teiHeader>\n<titleStmt>\n<title type=\"main\">\n\
<author n=\"1\">\n<surname>\n<forename>\n<idno type=\"ORCID\">\n<email>\n<affiliation>\n\
<author n=\"2\">\n</titleStmt>\n<publicationStmt>\n<idno type=\"URL\">\n\
<biblStruct>\n<idno type=\"DOI\">\n<monogr>\n<title level=\"j\">\n\
<idno type=\"ISSN\">\n<idno type=\"eISSN\">\n<biblScope unit=\"volume\">\n\
<biblScope unit=\"issue\">\n<biblScope unit=\"page\">\n<date>\n<publisher>\n\
<profileDesc>\n<language>\n<abstract>\n<p>The abstract text.</p>\n</abstract>\n\
<keywords>\n<term n=\"1\">\n<term n=\"2\">\n<term n=\"3\">\n</TEI>\n";

fn at(tag: &str) -> Span {
    let start = SOURCE
        .find(tag)
        .unwrap_or_else(|| panic!("{tag} is in SOURCE"));
    Span::new(start, start + tag.len())
}

fn text(value: &str, tag: &str) -> Text {
    Located::new(value.to_string(), at(tag))
}

/// An article that passes every profile without a single problem.
fn complete() -> Article {
    Article {
        titles: vec![Title {
            text: text(
                "The Relations between North Korea and North Vietnam",
                "<title type=\"main\">",
            ),
            kind: Some("main".to_string()),
            lang: Some("en".to_string()),
        }],
        authors: vec![Author {
            forename: Some(text("Dae-Yeong", "<forename>")),
            surname: Some(text("Youn", "<surname>")),
            name: Some(text("Dae-Yeong Youn", "<author n=\"1\">")),
            orcid: Some(text("0000-0002-1825-0097", "<idno type=\"ORCID\">")),
            email: Some(text("popeyevn@sogang.ac.kr", "<email>")),
            affiliations: vec![Affiliation {
                text: text("Sogang University", "<affiliation>"),
                resolved: true,
                ..Affiliation::default()
            }],
            span: at("<author n=\"1\">"),
            ..Author::default()
        }],
        keywords: ["North Korea", "North Vietnam", "cultural delegation"]
            .iter()
            .zip(["<term n=\"1\">", "<term n=\"2\">", "<term n=\"3\">"])
            .map(|(k, tag)| Keyword {
                text: text(k, tag),
                lang: Some("en".to_string()),
                author: true,
                scheme: None,
            })
            .collect(),
        abstracts: vec![Abstract {
            lang: Some("en".to_string()),
            text: text(
                "This study discusses the relations between the two countries.\n\n\
                 It focuses on the cultural delegation of 1956.",
                "<abstract>",
            ),
        }],
        language: Some(text("en", "<language>")),
        journal: Some(text("Journal of Korean Studies", "<title level=\"j\">")),
        issn: Some(text("0378-5955", "<idno type=\"ISSN\">")),
        eissn: Some(text("2049-3630", "<idno type=\"eISSN\">")),
        volume: Some(text("12", "<biblScope unit=\"volume\">")),
        issue: Some(text("2", "<biblScope unit=\"issue\">")),
        first_page: Some(text("45", "<biblScope unit=\"page\">")),
        last_page: Some(text("78", "<biblScope unit=\"page\">")),
        date: Some(text("2019-09-30", "<date>")),
        date_text: None,
        publisher: Some(text("Sogang University Press", "<publisher>")),
        doi: Some(text("10.1234/jks.2019.12.2.45", "<idno type=\"DOI\">")),
        url: Some(text("https://example.org/a/45", "<idno type=\"URL\">")),
        genre: None,
        container: None,
        container_doi: None,
        series: None,
        editors: Vec::new(),
        event: None,
        institution: None,
        empty_fields: Vec::new(),
        places: Places {
            root: at("<TEI>"),
            header: Some(at("<teiHeader>")),
            title_stmt: Some(at("<titleStmt>")),
            publication_stmt: Some(at("<publicationStmt>")),
            bibl_struct: Some(at("<biblStruct>")),
            monogr: Some(at("<monogr>")),
            profile_desc: Some(at("<profileDesc>")),
        },
    }
}

fn run(article: Article, profile: &Profile) -> Vec<Problem> {
    let doc = Document {
        source: "test.xml".to_string(),
        text: SOURCE.to_string(),
        article,
    };
    check(&doc, profile)
}

fn profile(name: &str) -> Profile {
    Profile::builtin(name).expect("a built-in profile")
}

fn codes(problems: &[Problem]) -> Vec<Code> {
    problems.iter().map(|p| p.code).collect()
}

/// The one problem with `code`, failing when there is none or several.
fn only(problems: &[Problem], code: Code) -> &Problem {
    let found: Vec<&Problem> = problems.iter().filter(|p| p.code == code).collect();
    assert_eq!(found.len(), 1, "one {code} in {:#?}", problems);
    found[0]
}

#[test]
fn a_complete_article_passes_every_builtin_profile() {
    for p in Profile::builtins() {
        assert_eq!(run(complete(), &p), vec![], "profile {}", p.name);
    }
}

#[test]
fn a_missing_title_points_at_the_title_stmt_and_says_where_it_looked() {
    let mut a = complete();
    a.titles.clear();
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::TitleMissing);
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.span, at("<titleStmt>"));
    assert!(p.message.contains("titleStmt/title"), "{}", p.message);
}

#[test]
fn a_missing_container_falls_back_to_the_header_then_the_root() {
    let mut a = complete();
    a.titles.clear();
    a.places.title_stmt = None;
    assert_eq!(
        only(&run(a.clone(), &profile("default")), Code::TitleMissing).span,
        at("<teiHeader>")
    );
    a.places.header = None;
    assert_eq!(
        only(&run(a, &profile("default")), Code::TitleMissing).span,
        at("<TEI>")
    );
}

#[test]
fn a_person_without_surname_is_reported_at_the_author_but_an_organisation_is_not() {
    let mut a = complete();
    a.authors[0].surname = None;
    a.authors[0].name = Some(text("Guest", "<author n=\"1\">"));
    let mut org = Author {
        name: Some(text("The TEI Consortium", "<author n=\"2\">")),
        organization: true,
        span: at("<author n=\"2\">"),
        ..Author::default()
    };
    org.email = None;
    a.authors.push(org);
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::AuthorMissingSurname);
    assert_eq!(p.span, at("<author n=\"1\">"));
    assert!(p.message.contains("\"Guest\""), "{}", p.message);
    assert!(p.message.contains("persName/surname"), "{}", p.message);
}

#[test]
fn no_author_at_all_is_an_error_in_default_and_a_warning_in_crossref() {
    let mut a = complete();
    a.authors.clear();
    let d = run(a.clone(), &profile("default"));
    assert_eq!(only(&d, Code::AuthorMissing).severity, Severity::Error);
    assert_eq!(only(&d, Code::AuthorMissing).span, at("<titleStmt>"));
    let c = run(a, &profile("crossref"));
    assert_eq!(only(&c, Code::AuthorMissing).severity, Severity::Warning);
}

#[test]
fn crossref_names_the_places_a_doi_was_looked_for() {
    let mut a = complete();
    a.doi = None;
    let problems = run(a, &profile("crossref"));
    let p = only(&problems, Code::DoiMissing);
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.span, at("<biblStruct>"));
    assert_eq!(
        p.message,
        "no DOI: looked in sourceDesc/biblStruct/idno[@type='DOI'], \
         sourceDesc/biblStruct/analytic/idno[@type='DOI'] or publicationStmt/idno[@type='DOI']"
    );
}

#[test]
fn looked_in_messages_name_every_place_the_parser_reads() {
    use crate::parse::styles::{self, Field as Style};
    // Each profile field whose absence is reported with "looked in", and the parser's
    // field it stands for.
    type Case = (&'static str, Code, Style, fn(&mut Article));
    let cases: &[Case] = &[
        ("title", Code::TitleMissing, Style::Title, |a| {
            a.titles.clear()
        }),
        ("authors", Code::AuthorMissing, Style::Authors, |a| {
            a.authors.clear()
        }),
        ("abstract", Code::AbstractMissing, Style::Abstract, |a| {
            a.abstracts.clear()
        }),
        ("keywords", Code::KeywordsMissing, Style::Keywords, |a| {
            a.keywords.clear()
        }),
        ("journal", Code::JournalMissing, Style::Journal, |a| {
            a.journal = None
        }),
        ("eissn", Code::EissnMissing, Style::Eissn, |a| {
            a.eissn = None
        }),
        ("volume", Code::VolumeMissing, Style::Volume, |a| {
            a.volume = None
        }),
        ("issue", Code::IssueMissing, Style::Issue, |a| {
            a.issue = None
        }),
        ("pages", Code::PagesMissing, Style::Pages, |a| {
            a.first_page = None;
            a.last_page = None;
        }),
        ("date", Code::DateMissing, Style::Date, |a| a.date = None),
        ("publisher", Code::PublisherMissing, Style::Publisher, |a| {
            a.publisher = None
        }),
        ("language", Code::LanguageMissing, Style::Language, |a| {
            a.language = None
        }),
        ("doi", Code::DoiMissing, Style::Doi, |a| a.doi = None),
        ("url", Code::UrlMissing, Style::Url, |a| a.url = None),
    ];
    for (name, code, field, strip) in cases {
        let mut a = complete();
        strip(&mut a);
        let toml = format!("[[rule]]\nfield = \"{name}\"\nlevel = \"required\"\n");
        let required = Profile::from_toml(&toml, "t.toml", "t").unwrap();
        let problems = run(a, &required);
        let p = only(&problems, *code);
        for entry in styles::entries() {
            if styles::precedence(*field).contains(&entry.source) {
                assert!(
                    p.message.contains(&entry.shown()),
                    "{code:?} omits {}: {}",
                    entry.shown(),
                    p.message
                );
            }
        }
    }
    // The places the messages used to omit.
    let mut a = complete();
    a.authors.clear();
    a.abstracts.clear();
    a.date = None;
    let problems = run(a, &profile("crossref"));
    let message = |c| only(&problems, c).message.clone();
    assert!(message(Code::AuthorMissing).contains("titleStmt/dhq:authorInfo"));
    assert!(message(Code::AbstractMissing).contains("text/front/dhq:abstract"));
    assert!(message(Code::DateMissing).contains("editionStmt/edition/date"));
}

#[test]
fn crossref_recommends_orcid_affiliation_volume_issue_pages_and_abstract() {
    let mut a = complete();
    a.authors[0].orcid = None;
    a.authors[0].affiliations.clear();
    a.volume = None;
    a.issue = None;
    a.first_page = None;
    a.last_page = None;
    a.abstracts.clear();
    let problems = run(a, &profile("crossref"));
    let mut got = codes(&problems);
    got.sort();
    let mut want = vec![
        Code::AuthorMissingOrcid,
        Code::AuthorMissingAffiliation,
        Code::AbstractMissing,
        Code::VolumeMissing,
        Code::IssueMissing,
        Code::PagesMissing,
    ];
    want.sort();
    assert_eq!(got, want);
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
}

#[test]
fn either_issn_satisfies_crossref_and_neither_is_one_error() {
    let mut a = complete();
    a.issn = None;
    assert_eq!(run(a.clone(), &profile("crossref")), vec![]);
    a.eissn = None;
    let problems = run(a, &profile("crossref"));
    let p = only(&problems, Code::IssnMissing);
    assert!(
        p.message.contains("print ISSN or electronic ISSN"),
        "{}",
        p.message
    );
    assert_eq!(p.span, at("<monogr>"));
}

#[test]
fn doaj_takes_a_url_for_a_doi_and_counts_keywords_per_language() {
    let mut a = complete();
    a.doi = None;
    assert_eq!(run(a.clone(), &profile("doaj")), vec![]);
    a.url = None;
    assert_eq!(
        codes(&run(a.clone(), &profile("doaj"))),
        vec![Code::DoiMissing]
    );

    let mut a = complete();
    let term = a.keywords[0].clone();
    for (i, lang) in ["en", "en", "en", "en", "fr", "fr", "fr"]
        .iter()
        .enumerate()
    {
        let mut k = term.clone();
        k.text.value = format!("extra {i}");
        k.lang = Some(lang.to_string());
        a.keywords.push(k);
    }
    // 7 English keywords (one too many), 3 French ones.
    let problems = run(a, &profile("doaj"));
    let p = only(&problems, Code::KeywordsTooMany);
    assert!(
        p.message.starts_with("7 keywords in language \"en\""),
        "{}",
        p.message
    );
}

#[test]
fn a_journal_profile_bounds_the_abstract_length() {
    let p = Profile::from_toml(
        "[[rule]]\nfield = \"abstract.words\"\nlevel = \"recommended\"\nmin = 50\nmax = 300\n",
        "j.toml",
        "j",
    )
    .unwrap();
    let problems = run(complete(), &p);
    let short = only(&problems, Code::AbstractTooShort);
    assert_eq!(short.severity, Severity::Warning);
    assert_eq!(short.span, at("<abstract>"));
    assert!(short.message.contains("17 words"), "{}", short.message);
}

#[test]
fn identifiers_are_checked_in_every_profile() {
    let mut a = complete();
    a.doi = Some(text("My DOI number", "<idno type=\"DOI\">"));
    a.authors[0].orcid = Some(text("0000-0002-1825-0098", "<idno type=\"ORCID\">"));
    a.issn = Some(text("0378-5956", "<idno type=\"ISSN\">"));
    a.date = Some(text("2019-02-29", "<date>"));
    a.language = Some(text("en_US", "<language>"));
    a.authors[0].email = Some(text("popeyevn at sogang", "<email>"));
    for name in ["default", "crossref", "doaj"] {
        let problems = run(a.clone(), &profile(name));
        assert_eq!(
            only(&problems, Code::DoiSyntax).span,
            at("<idno type=\"DOI\">")
        );
        assert_eq!(
            only(&problems, Code::Placeholder).span,
            at("<idno type=\"DOI\">")
        );
        let orcid = only(&problems, Code::OrcidChecksum);
        assert!(orcid.message.contains("call for 7"), "{}", orcid.message);
        assert!(only(&problems, Code::IssnChecksum)
            .message
            .contains("print ISSN"));
        assert!(only(&problems, Code::DateNotOnCalendar)
            .message
            .contains("not a leap year"));
        assert_eq!(
            only(&problems, Code::LanguageMalformed).span,
            at("<language>")
        );
        assert_eq!(
            only(&problems, Code::EmailSyntax).severity,
            Severity::Warning
        );
    }
}

#[test]
fn the_same_issn_for_print_and_electronic_is_an_error_pointing_at_both() {
    let mut a = complete();
    a.eissn = Some(text("0378-5955", "<idno type=\"eISSN\">"));
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::IssnSameForBoth);
    assert_eq!(p.span, at("<idno type=\"eISSN\">"));
    assert_eq!(
        p.notes,
        vec![(at("<idno type=\"ISSN\">"), "the print ISSN".to_string())]
    );
}

/// The spellings that `crate::ids` accepts as the same identifier (so the exporters
/// write them) are not reported: an ISSN without its hyphen or with a lower-case x, an
/// ORCID iD with a lower-case x.
#[test]
fn identifiers_the_exporters_accept_are_not_reported() {
    let mut a = complete();
    a.issn = Some(text("03785955", "<idno type=\"ISSN\">"));
    a.eissn = Some(text("1050-124x", "<idno type=\"eISSN\">"));
    a.authors[0].orcid = Some(text("0000-0002-1694-233x", "<idno type=\"ORCID\">"));
    a.language = Some(text("en-GB", "<language>"));
    let problems = run(a.clone(), &profile("default"));
    assert_eq!(codes(&problems), Vec::<Code>::new());
    // The same number spelt two ways is still the same ISSN for print and electronic.
    a.eissn = Some(text("0378-5955", "<idno type=\"eISSN\">"));
    let problems = run(a, &profile("default"));
    assert_eq!(codes(&problems), vec![Code::IssnSameForBoth]);
}

#[test]
fn empty_elements_and_dangling_affiliations_are_reported_where_they_are() {
    let mut a = complete();
    a.empty_fields
        .push(Located::new("date".to_string(), at("<date>")));
    a.authors[0].affiliations.push(Affiliation {
        text: text("", "<affiliation>"),
        reference: Some("#struct-95237".to_string()),
        resolved: false,
        ..Affiliation::default()
    });
    let problems = run(a, &profile("default"));
    assert_eq!(only(&problems, Code::EmptyValue).span, at("<date>"));
    let p = only(&problems, Code::AffiliationUnresolved);
    assert!(p.message.contains("#struct-95237"), "{}", p.message);
    assert!(p.help.contains("xml:id=\"struct-95237\""), "{}", p.help);
}

#[test]
fn debris_in_the_abstract_is_a_warning_that_labels_the_footnote() {
    // Parsed, so the abstract carries its anchors: the label comes from them, across the
    // source's line breaks and indentation and past an entity reference.
    let source = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc>\n\
                  <abstract>\n  <p>keep a critical * HK Assistant Professor,\n    \
                  Institute for East Asian Studies &amp; Sogang Univ. / popeyevn@sogang.ac.kr \
                  mind\n  toward</p>\n</abstract></profileDesc></teiHeader></TEI>";
    let doc = crate::parse::parse_bytes(source.as_bytes(), "t.xml").unwrap();
    assert!(doc.article.abstracts[0]
        .text
        .value
        .contains("Studies & Sogang"));
    let problems = check(&doc, &profile("default"));
    let p = only(&problems, Code::FootnoteInText);
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("popeyevn@sogang.ac.kr"), "{}", p.message);
    assert!(p.message.contains("\"Professor\""), "{}", p.message);
    let (span, _) = &p.notes[0];
    assert_eq!(
        &source[span.start..span.end],
        "* HK Assistant Professor,\n    Institute for East Asian Studies &amp; Sogang Univ. / \
         popeyevn@sogang.ac.kr"
    );
    // With Windows line ends, the label still covers exactly the footnote.
    let crlf = source.replace('\n', "\r\n");
    let doc = crate::parse::parse_bytes(crlf.as_bytes(), "t.xml").unwrap();
    let problems = check(&doc, &profile("default"));
    let (span, _) = &only(&problems, Code::FootnoteInText).notes[0];
    assert_eq!(
        &crlf[span.start..span.end],
        "* HK Assistant Professor,\r\n    Institute for East Asian Studies &amp; Sogang Univ. \
         / popeyevn@sogang.ac.kr"
    );
}

#[test]
fn a_profile_can_raise_or_silence_a_lint() {
    let mut a = complete();
    a.titles[0].text.value = "A Title".to_string();
    let raise = Profile::from_toml(
        "extends = \"default\"\n[checks]\n\"tei::lint::placeholder\" = \"error\"\n",
        "j.toml",
        "j",
    )
    .unwrap();
    assert_eq!(
        only(&run(a.clone(), &raise), Code::Placeholder).severity,
        Severity::Error
    );
    let silence = Profile::from_toml(
        "extends = \"default\"\n[checks]\n\"tei::lint::placeholder\" = \"off\"\n",
        "j.toml",
        "j",
    )
    .unwrap();
    assert_eq!(run(a, &silence), vec![]);
}

#[test]
fn keyword_lists_and_duplicates_are_flagged_on_the_term() {
    let mut a = complete();
    a.keywords[1].text.value = "Korea; Vietnam, 1956".to_string();
    a.keywords[2].text.value = "north  KOREA".to_string();
    let problems = run(a, &profile("default"));
    let list = only(&problems, Code::KeywordList);
    assert_eq!(list.span, at("<term n=\"2\">"));
    assert!(
        list.message.contains("list of 3 keywords"),
        "{}",
        list.message
    );
    let dup = only(&problems, Code::DuplicateKeyword);
    assert_eq!(dup.span, at("<term n=\"3\">"));
    assert_eq!(dup.notes[0].0, at("<term n=\"1\">"));
}

#[test]
fn titles_in_capitals_and_labels_left_in_values_are_flagged() {
    let mut a = complete();
    a.titles[0].text.value = "THE RELATIONS BETWEEN NORTH KOREA AND NORTH VIETNAM".to_string();
    a.abstracts[0].text.value = "Abstract: This study discusses the relations.".to_string();
    a.keywords[0].text.value = "Key words: North Korea".to_string();
    let problems = run(a, &profile("default"));
    assert_eq!(
        only(&problems, Code::AllCapsTitle).span,
        at("<title type=\"main\">")
    );
    let labels: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.code == Code::LabelPrefix)
        .collect();
    assert_eq!(labels.len(), 2, "{problems:#?}");
}

#[test]
fn problems_come_in_document_order() {
    let mut a = complete();
    a.titles.clear();
    a.doi = Some(text("10.12/x", "<idno type=\"DOI\">"));
    a.keywords.clear();
    let problems = run(a, &profile("default"));
    let starts: Vec<usize> = problems.iter().map(|p| p.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn spans_past_the_end_of_the_text_are_clamped_not_fatal() {
    let mut a = complete();
    a.titles.clear();
    a.places.title_stmt = Some(Span::new(SOURCE.len() + 10, SOURCE.len() + 20));
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::TitleMissing);
    assert_eq!(p.span, Span::new(SOURCE.len(), SOURCE.len()));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            ".{0,80}",
            "[a-z*†1 .,;@:/-]{0,60}",
            "(Abstract|Key words|\\$Id|10\\.|0000-|https://)[ -~é漢]{0,40}",
        ]
    }

    fn any_span(len: usize) -> impl Strategy<Value = Span> {
        (0..len + 20, 0..len + 20).prop_map(|(a, b)| Span::new(a, b))
    }

    proptest! {
        // No regression files in the crate root: a failure found here becomes a named
        // unit test (as the email slice panic did in ids/email.rs).
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn check_survives_any_values_and_spans(
            values in proptest::collection::vec(any_text(), 12),
            spans in proptest::collection::vec(any_span(SOURCE.len()), 12),
            source in ".{0,200}",
        ) {
            let mut a = complete();
            a.titles[0].text = Located::new(values[0].clone(), spans[0]);
            a.titles[0].lang = Some(values[1].clone());
            a.abstracts[0].text = Located::new(format!("{}\n\n{}", values[2], values[3]), spans[1]);
            a.keywords[0].text = Located::new(values[4].clone(), spans[2]);
            a.keywords[1].text = Located::new(values[4].to_uppercase(), spans[3]);
            a.doi = Some(Located::new(values[5].clone(), spans[4]));
            a.authors[0].orcid = Some(Located::new(values[6].clone(), spans[5]));
            a.issn = Some(Located::new(values[7].clone(), spans[6]));
            a.date = Some(Located::new(values[8].clone(), spans[7]));
            a.language = Some(Located::new(values[9].clone(), spans[8]));
            a.authors[0].email = Some(Located::new(values[10].clone(), spans[9]));
            a.authors[0].name = Some(Located::new(values[11].clone(), spans[10]));
            a.places.title_stmt = Some(spans[11]);
            for text in [SOURCE.to_string(), source] {
                let doc = Document { source: "p.xml".to_string(), text, article: a.clone() };
                for p in Profile::builtins() {
                    let problems = check(&doc, &p);
                    let report = FileReport::checked(doc.clone(), problems, &p.name);
                    let _ = report.short();
                    let _ = report.json(false);
                    let mut out = String::new();
                    if let Some(d) = report.diagnostic() {
                        miette::GraphicalReportHandler::new_themed(
                            miette::GraphicalTheme::unicode_nocolor(),
                        )
                        .render_report(&mut out, d)
                        .unwrap();
                    }
                }
            }
        }
    }
}

#[test]
fn a_required_field_left_empty_is_an_error_at_its_element_not_a_missing_one() {
    let mut a = complete();
    a.titles.clear();
    a.empty_fields = vec![Located::new(
        "title".to_string(),
        at("<title type=\"main\">"),
    )];
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::TitleMissing);
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.span, at("<title type=\"main\">"));
    assert!(p.message.contains("the title is empty"), "{}", p.message);
    // Reported once: the rule claims the element, so no empty-value warning beside it.
    assert!(
        !codes(&problems).contains(&Code::EmptyValue),
        "{problems:#?}"
    );

    // An empty surname inside author 1 is that author's missing family name, at the
    // surname, and not one of author 2's.
    let mut a = complete();
    a.authors[0].surname = None;
    a.empty_fields = vec![Located::new("surname".to_string(), at("<surname>"))];
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::AuthorMissingSurname);
    assert_eq!(p.span, at("<surname>"));
    assert!(
        p.message.contains("has an empty family name"),
        "{}",
        p.message
    );

    // Not required by the profile: the empty element stays a warning.
    let mut a = complete();
    a.publisher = None;
    a.empty_fields = vec![Located::new("publisher".to_string(), at("<publisher>"))];
    let problems = run(a, &profile("default"));
    assert_eq!(codes(&problems), vec![Code::EmptyValue]);
}

#[test]
fn grobid_s_empty_date_and_idno_are_not_reported_unless_a_rule_needs_them() {
    let grobid = "<TEI><teiHeader><encodingDesc><appInfo><application version=\"0.8.2\" \
                  ident=\"GROBID\"/></appInfo></encodingDesc><date/><idno/><email/>\
                  </teiHeader></TEI>";
    let span = |tag: &str| {
        let s = grobid.find(tag).unwrap();
        Span::new(s, s + tag.len())
    };
    let mut a = complete();
    a.date = None;
    a.doi = None;
    a.authors[0].email = None;
    a.empty_fields = vec![
        Located::new("date".to_string(), span("<date/>")),
        Located::new("idno[@type='DOI']".to_string(), span("<idno/>")),
        Located::new("email".to_string(), span("<email/>")),
    ];
    let doc = |article: Article, text: &str| Document {
        source: "g.xml".to_string(),
        text: text.to_string(),
        article,
    };
    // Only the empty email, which an editor can fill in, is reported.
    let problems = check(&doc(a.clone(), grobid), &profile("default"));
    let empty = only(&problems, Code::EmptyValue);
    assert_eq!(empty.span, span("<email/>"));
    // Crossref needs the date and the DOI: each is reported at its empty element.
    let problems = check(&doc(a.clone(), grobid), &profile("crossref"));
    assert_eq!(only(&problems, Code::DateMissing).span, span("<date/>"));
    assert_eq!(only(&problems, Code::DoiMissing).span, span("<idno/>"));
    // The same file from another tool keeps its warnings.
    let other = grobid.replace("GROBID", "Oxygen");
    let problems = check(&doc(a, &other), &profile("default"));
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.code == Code::EmptyValue)
            .count(),
        3
    );
    // GROBID's schema in the prolog is enough (GROBID before 0.5 wrote no appInfo).
    assert!(is_grobid(
        "<?xml-model href=\"file:///g/grobid-home/schemas/rng/Grobid.rng\"?><TEI><teiHeader>"
    ));
    assert!(!is_grobid("<TEI><teiHeader><p>GROBID</p></teiHeader>"));
}

#[test]
fn a_date_attribute_contradicting_its_text_is_an_error_with_both_places() {
    let mut a = complete();
    a.date = Some(text("2016", "<date>"));
    a.date_text = Some(text("30 June 2017", "<publisher>"));
    let problems = run(a.clone(), &profile("default"));
    let p = only(&problems, Code::DateContradictsText);
    assert_eq!((p.severity, p.span), (Severity::Error, at("<date>")));
    assert!(p.message.contains("2016") && p.message.contains("\"30 June 2017\""));
    assert_eq!(p.notes[0].0, at("<publisher>"));
    // The same year in other words is no contradiction, nor is a text without a year.
    for agreeing in ["Summer 2016", "2016", "Spring issue"] {
        a.date_text = Some(text(agreeing, "<publisher>"));
        let problems = run(a.clone(), &profile("default"));
        assert!(
            !codes(&problems).contains(&Code::DateContradictsText),
            "{agreeing}"
        );
    }
}

#[test]
fn an_impossible_year_and_a_doi_with_pdf_debris_are_flagged() {
    let mut a = complete();
    a.date = Some(text("7989", "<date>"));
    a.doi = Some(text("10.1002/\u{FB02}d.3902", "<idno type=\"DOI\">"));
    let problems = run(a, &profile("default"));
    let p = only(&problems, Code::DateImplausibleYear);
    assert_eq!((p.severity, p.span), (Severity::Error, at("<date>")));
    let p = only(&problems, Code::DoiDebris);
    assert_eq!(p.span, at("<idno type=\"DOI\">"));
    assert!(p.message.contains("10.1002/fld.3902"), "{}", p.message);
}
