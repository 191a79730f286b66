//! JSON-LD export: round trips of arbitrary text through serde_json (property tests on
//! hand-built articles), the shape of a batch (one document, one `@graph`, each journal
//! once), `--ordered-authors`, and the independent checkers on awkward values.

mod common;

use std::process::Command;

use common::fixtures::{
    abstract_in, affiliation, article_fields, docs, keyword, person, t, term, title, ArticleFields,
    GOOD_ORCID,
};
use proptest::prelude::*;
use serde_json::Value;
use teimeta::export::jsonld::{JsonLd, Options};
use teimeta::model::{AltName, Editor, EditorOf, Event, ExternalId, LangText, OrgUnit};
use teimeta::{Affiliation, Article, Author};

fn export(options: &Options, articles: &[Article]) -> Vec<u8> {
    common::fixtures::export(JsonLd::new(Vec::new(), *options), &docs(articles))
}

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the export is one JSON document")
}

fn articles_of(v: &Value) -> Vec<&Value> {
    v["@graph"]
        .as_array()
        .expect("an @graph array")
        .iter()
        .filter(|n| n["@type"] == "ScholarlyArticle")
        .collect()
}

/// A value or an array of values, as a list.
fn many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Null => vec![],
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// The text of a plain or language-tagged string.
fn text_of(v: &Value) -> &str {
    v.as_str()
        .or_else(|| v["@value"].as_str())
        .unwrap_or_else(|| panic!("a string or a value object: {v}"))
}

/// The value, or `None` when absent or empty (empty values are left out of the node).
fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

fn check_node(node: &Value, f: &ArticleFields, graph: &Value) {
    let str_of = |key: &str| node.get(key).map(text_of);
    fn want(s: &str) -> Option<&str> {
        Some(s).filter(|s| !s.is_empty())
    }
    assert_eq!(str_of("name"), want(&f.title));
    assert_eq!(str_of("headline"), want(&f.title));
    assert_eq!(str_of("alternativeHeadline"), want(&f.subtitle));
    let alternate: Vec<&str> = many(&node["alternateName"])
        .into_iter()
        .map(text_of)
        .collect();
    let want_alt: Vec<&str> = want(&f.translated).into_iter().collect();
    assert_eq!(alternate, want_alt);

    let authors = many(&node["author"]);
    assert_eq!(authors.len(), f.people.len());
    for (a, p) in authors.iter().zip(&f.people) {
        assert_eq!(a.get("email").map(text_of), nonempty(&p.email));
        if p.org {
            // A corporate author: its name (or its name parts), nothing of a person's.
            assert_eq!(a["@type"], "Organization");
            let joined = match (nonempty(&p.given), nonempty(&p.family)) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (g, f) => g.or(f).map(str::to_string),
            };
            let name = nonempty(&p.name).map(str::to_string).or(joined);
            assert_eq!(a.get("name").map(text_of), name.as_deref());
            assert!(a.get("familyName").is_none() && a.get("affiliation").is_none());
            continue;
        }
        assert_eq!(a["@type"], "Person");
        assert_eq!(a.get("familyName").map(text_of), nonempty(&p.family));
        assert_eq!(a.get("givenName").map(text_of), nonempty(&p.given));
        assert_eq!(a.get("jobTitle").map(text_of), nonempty(&p.role));
        assert_eq!(a["identifier"]["value"].as_str(), nonempty(&p.orcid));
        let orgs: Vec<&str> = many(&a["affiliation"])
            .into_iter()
            .map(|o| text_of(&o["name"]))
            .collect();
        // An affiliation is named by its text, else by its institution.
        let want_orgs: Vec<&str> = p
            .affiliations
            .iter()
            .filter_map(|af| {
                Some(af.text.as_str())
                    .filter(|s| !s.is_empty())
                    .or_else(|| nonempty(&af.institution))
            })
            .collect();
        assert_eq!(orgs, want_orgs);
        if nonempty(&p.orcid) == Some(GOOD_ORCID) {
            assert_eq!(a["@id"], "https://orcid.org/0000-0002-1825-0097");
        }
    }

    let keywords: Vec<&str> = many(&node["keywords"]).into_iter().map(text_of).collect();
    let want_kw: Vec<&str> = f
        .keywords
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(keywords, want_kw);
    let about: Vec<&str> = many(&node["about"])
        .into_iter()
        .map(|term| text_of(&term["name"]))
        .collect();
    let want_about: Vec<&str> = f
        .classifications
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(about, want_about);

    let mut abstracts: Vec<&str> = many(&node["abstract"]).into_iter().map(text_of).collect();
    let mut want_abs: Vec<&str> = f
        .abstracts
        .iter()
        .map(|(_, text)| text.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    abstracts.sort_unstable();
    want_abs.sort_unstable();
    assert_eq!(abstracts, want_abs);

    let s = &f.single;
    assert_eq!(str_of("inLanguage"), nonempty(&s.language));
    assert_eq!(str_of("pageStart"), nonempty(&s.first_page));
    assert_eq!(str_of("pageEnd"), nonempty(&s.last_page));
    // Dates in ISO 8601, or left out.
    let date = s.date.as_deref().and_then(teimeta::ids::date::iso);
    assert_eq!(str_of("datePublished"), date.as_deref());
    assert_eq!(node["publisher"]["name"].as_str(), nonempty(&s.publisher));
    // The DOI in NFKC form; its link as the node's id and sameAs when well-formed.
    let doi = nonempty(&s.doi).map(|d| teimeta::ids::doi::nfkc(d).into_owned());
    assert_eq!(node["identifier"]["value"].as_str(), doi.as_deref());
    let link = doi
        .as_deref()
        .and_then(|d| teimeta::ids::Doi::parse(d).ok())
        .map(|d| d.url());
    assert_eq!(node["sameAs"].as_str(), link.as_deref());
    assert_eq!(node["@id"].as_str(), link.as_deref());
    assert_eq!(
        node["identifier"]["propertyID"].as_str(),
        nonempty(&s.doi).map(|_| "DOI")
    );

    // isPartOf: issue → volume → journal, each level only when present.
    let mut level = &node["isPartOf"];
    if let Some(issue) = nonempty(&s.issue) {
        assert_eq!(level["@type"], "PublicationIssue");
        assert_eq!(level["issueNumber"], issue);
        level = &level["isPartOf"];
    }
    if let Some(volume) = nonempty(&s.volume) {
        assert_eq!(level["@type"], "PublicationVolume");
        assert_eq!(level["volumeNumber"], volume);
        level = &level["isPartOf"];
    }
    let issns: Vec<&str> = [&s.issn, &s.eissn]
        .into_iter()
        .filter_map(nonempty)
        .collect();
    if nonempty(&s.journal).is_some() || !issns.is_empty() {
        let id = level["@id"].as_str().expect("a reference to the journal");
        let journal = graph["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@id"] == id)
            .expect("the journal node is in the graph");
        assert_eq!(journal["@type"], "Periodical");
        if let Some(name) = nonempty(&s.journal) {
            let names: Vec<&str> = [&journal["name"]]
                .into_iter()
                .chain(many(&journal["alternateName"]))
                .filter_map(Value::as_str)
                .collect();
            assert!(names.contains(&name), "{name:?} not among {names:?}");
        }
        for issn in issns {
            assert!(many(&journal["issn"]).contains(&&Value::from(issn)));
        }
    } else {
        // No journal: the book (and its series), or the series alone, or nothing.
        let b = &f.book;
        if let Some(book) = nonempty(&b.container) {
            assert_eq!(level["@type"], "Book");
            assert_eq!(level["name"], book);
            let doi = nonempty(&b.container_doi).map(|d| teimeta::ids::doi::nfkc(d).into_owned());
            assert_eq!(level["identifier"]["value"].as_str(), doi.as_deref());
            level = &level["isPartOf"];
        }
        if let Some(series) = nonempty(&b.series) {
            assert_eq!(level["@type"], "BookSeries");
            assert_eq!(level["name"], series);
            level = &level["isPartOf"];
        }
        assert!(level.is_null(), "nothing further: {level}");
    }

    // Every editor is written somewhere: on the article, its book, its series or its
    // journal. Found by family name (a person) or name (an organisation).
    let mut names = Vec::new();
    editor_names(graph, &mut names);
    for e in &f.book.editors {
        let p = &e.person;
        let key = if p.org {
            let joined = match (nonempty(&p.given), nonempty(&p.family)) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (g, f) => g.or(f).map(str::to_string),
            };
            nonempty(&p.name).map(str::to_string).or(joined)
        } else {
            nonempty(&p.family).map(str::to_string)
        };
        if let Some(key) = key {
            assert!(
                names.contains(&key.as_str()),
                "editor {key:?} not among {names:?}"
            );
        }
    }
    // The article's own `editor` holds its work editors.
    let own: Vec<&Value> = many(&node["editor"]);
    let work = f
        .book
        .editors
        .iter()
        .filter(|e| e.of == teimeta::model::EditorOf::Work)
        .count();
    assert!(
        own.len() >= work,
        "{} on the article, {work} of the work",
        own.len()
    );
    let event = &node["recordedAt"];
    match &f.book.event {
        Some(e) => {
            let iso = |d: &Option<String>| d.as_deref().and_then(teimeta::ids::date::iso);
            assert_eq!(event["name"].as_str(), nonempty(&Some(e.name.clone())));
            assert_eq!(event["startDate"].as_str(), iso(&e.start).as_deref());
            assert_eq!(event["endDate"].as_str(), iso(&e.end).as_deref());
            assert_eq!(event["location"]["name"].as_str(), nonempty(&e.place));
        }
        None => assert!(event.is_null()),
    }
}

/// The family names (of persons) and names (of organisations) of every editor in `v`.
fn editor_names<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| editor_names(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                if k == "editor" {
                    for p in many(x) {
                        let key = if p["@type"] == "Organization" {
                            "name"
                        } else {
                            "familyName"
                        };
                        if let Some(n) = p.get(key) {
                            out.push(text_of(n));
                        }
                    }
                }
                editor_names(x, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every value comes back exactly from serde_json, in its documented place.
    #[test]
    fn any_text_survives_the_jsonld_round_trip(
        batch in proptest::collection::vec(article_fields(), 0..4),
        ordered in any::<bool>(),
    ) {
        let opts = Options { ordered_authors: ordered };
        let articles: Vec<Article> = batch.iter().map(ArticleFields::article).collect();
        let v = parse(&export(&opts, &articles));
        prop_assert_eq!(&v["@context"], "https://schema.org");
        let nodes = articles_of(&v);
        prop_assert_eq!(nodes.len(), batch.len());
        for (node, f) in nodes.iter().zip(&batch) {
            let mut node = (*node).clone();
            if ordered && !f.people.is_empty() {
                let list = node["author"]["@list"].take();
                prop_assert!(list.is_array(), "ordered authors are an @list");
                node["author"] = list;
            }
            check_node(&node, f, &v);
        }
        // Each journal node once.
        let mut ids: Vec<&str> = v["@graph"].as_array().unwrap().iter()
            .filter(|n| n["@type"] == "Periodical")
            .map(|n| n["@id"].as_str().unwrap())
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), all);
    }
}

#[test]
fn ordered_authors_keep_the_byline_order() {
    let a = Article {
        authors: ["Zeta", "Alpha", "Mu"]
            .iter()
            .map(|s| person(s, ""))
            .collect(),
        ..Default::default()
    };
    let opts = Options {
        ordered_authors: true,
    };
    let v = parse(&export(&opts, std::slice::from_ref(&a)));
    let names: Vec<&str> = articles_of(&v)[0]["author"]["@list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["familyName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Zeta", "Alpha", "Mu"]);
    let plain = parse(&export(&Options::default(), &[a]));
    assert!(articles_of(&plain)[0]["author"].is_array());
}

// ---- the CLI ----------------------------------------------------------------------------

/// A fresh directory for this test's files (see [`common::Scratch`]).
fn scratch(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("export-jsonld-{name}"))
}

fn tei(title: &str, issn: &str) -> String {
    format!(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title type="main">{title}</title><author><persName><forename>Ada</forename>
<surname>Lovelace</surname></persName></author></titleStmt>
<publicationStmt><publisher>Pub</publisher></publicationStmt>
<sourceDesc><biblStruct><monogr><title level="j">Journal of Streams</title>
<idno type="ISSN">{issn}</idno><imprint><biblScope unit="volume">7</biblScope>
<date type="published" when="2020"/></imprint></monogr></biblStruct></sourceDesc>
</fileDesc></teiHeader></TEI>"#
    )
}

#[test]
fn a_batch_is_one_document_with_each_journal_once() {
    let dir = scratch("batch");
    let files = [
        ("a.xml", tei("One", "1878-0296")),
        ("b.xml", "<TEI><unclosed>".to_string()),
        ("c.xml", tei("Two", "1878-0296")),
    ];
    let mut paths = Vec::new();
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
        paths.push(dir.join(name).display().to_string());
    }
    let mut args = vec!["convert", "--to", "jsonld"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = common::teimeta(&args);
    assert_eq!(code, 1, "one input is unreadable");
    assert!(err.contains("b.xml"), "{err}");
    let v = parse(out.as_bytes());
    let nodes = articles_of(&v);
    let titles: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(titles, ["One", "Two"]);
    let journals: Vec<&Value> = v["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == "Periodical")
        .collect();
    assert_eq!(journals.len(), 1, "{out}");
    assert_eq!(journals[0]["@id"], "urn:issn:1878-0296");
    for n in nodes {
        assert_eq!(n["isPartOf"]["isPartOf"]["@id"], "urn:issn:1878-0296");
        assert_eq!(n["isPartOf"]["volumeNumber"], "7");
    }
}

/// A conference paper with everything issue 10 added: a book with its DOI and editors,
/// a series, an event, editors of the work, a name in another script, person ids and an
/// affiliation hierarchy with identifiers; and a DOI with a ligature.
fn conference_paper(nasty: &str) -> Article {
    let unit = |kind: &str, name: &str, lang: Option<&str>, ids: &[(&str, &str)]| OrgUnit {
        kind: Some(kind.into()),
        names: vec![
            LangText {
                text: name.into(),
                lang: lang.map(str::to_string),
            },
            LangText {
                text: nasty.into(),
                lang: Some("not a tag!".into()),
            },
        ],
        ids: ids
            .iter()
            .map(|(scheme, value)| ExternalId {
                scheme: scheme.to_string(),
                value: value.to_string(),
            })
            .collect(),
    };
    let person = |surname: &str| Author {
        surname: Some(t(surname)),
        forename: Some(t("Jae-Hyun")),
        alternate_names: vec![AltName {
            forename: Some("재현".into()),
            surname: Some("윤".into()),
            lang: Some("ko".into()),
            ..Default::default()
        }],
        ids: vec![
            ExternalId {
                scheme: "idref".into(),
                value: "12345678X".into(),
            },
            ExternalId {
                scheme: "viaf".into(),
                value: "a b".into(),
            },
            ExternalId {
                scheme: nasty.into(),
                value: nasty.into(),
            },
        ],
        affiliations: vec![Affiliation {
            units: vec![
                unit("laboratory", "LKB", None, &[("halstructure", "1")]),
                unit(
                    "institution",
                    "ENS",
                    Some("fr"),
                    &[("ror", "05a0dhs15"), ("grid", "grid.5607.4")],
                ),
                unit(
                    "regroupinstitution",
                    nasty,
                    None,
                    &[("ror", "https://ror.org/x y")],
                ),
            ],
            ..affiliation("LKB, ENS")
        }],
        ..Default::default()
    };
    let editor = |surname: &str, of: EditorOf| Editor {
        person: person(surname),
        of,
        role: Some(nasty.into()),
    };
    Article {
        titles: vec![title("Paper", "main", Some("en"))],
        authors: vec![person("Youn")],
        doi: Some(t("10.1002/\u{FB02}d.3902")),
        container: Some(t(nasty)),
        container_doi: Some(t("10.5281/zenodo.3")),
        series: Some(t(nasty)),
        editors: vec![
            editor("Work", EditorOf::Work),
            editor("Book", EditorOf::Container),
            editor("Series", EditorOf::Series),
        ],
        event: Some(Event {
            name: t(nasty),
            start: Some("2019-07-09".into()),
            end: Some(nasty.into()),
            place: Some(nasty.into()),
        }),
        date: Some(t("July 12, 2019")),
        ..Default::default()
    }
}

/// Awkward values that must still make a document every checker accepts: identifiers
/// that are not well-formed, a relative URL, odd language tags, markup characters.
#[test]
fn awkward_values_pass_the_jsonld_checkers() {
    let Some((oracles, py)) = common::oracles_or_skip("awkward_values_pass_the_jsonld_checkers")
    else {
        return;
    };
    let nasty = "{\\%&#$_~^\"<>}\n\r\t =cmd 漢字 שלום\u{200f}";
    let a = Article {
        titles: vec![
            title(nasty, "main", Some("not a tag!")),
            title("Titre", "trans", Some("fr-CA")),
        ],
        authors: vec![
            Author {
                surname: Some(t(nasty)),
                orcid: Some(t("0000-0002-1825-0098")), // wrong check digit
                email: Some(t("not an email")),
                role: Some(t(nasty)),
                affiliations: vec![Affiliation {
                    settlement: Some("Zürich".into()),
                    country: Some("CH".into()),
                    ..affiliation(nasty)
                }],
                ..Default::default()
            },
            Author {
                name: Some(t("Collective")),
                organization: true,
                ..Default::default()
            },
        ],
        keywords: vec![keyword(nasty), term("shs.info", "halDomain")],
        abstracts: vec![abstract_in("en", nasty), abstract_in("!!", "autre")],
        language: Some(t("English")),
        journal: Some(t(nasty)),
        issn: Some(t("1234-5678")), // wrong check digit
        eissn: Some(t("18605974")),
        volume: Some(t("Volume 13, Issue 2")),
        issue: Some(t("2")),
        first_page: Some(t("e1")),
        date: Some(t("Spring 2019")),
        publisher: Some(t(nasty)),
        doi: Some(t("10.23638/LMCS-13(2:1)2017 <x>")),
        url: Some(t("see the website")),
        ..Default::default()
    };
    // The same journal (by its eISSN) under another name: one node, two names.
    let b = Article {
        doi: Some(t("10.1234/a#b?c<d>%")),
        url: Some(t("http://example.org/a b")),
        journal: Some(t("ÉÉ")),
        eissn: Some(t("1860-5974")),
        ..Default::default()
    };
    let c = conference_paper(nasty);
    let v = parse(&export(
        &Options::default(),
        &[a.clone(), b.clone(), c.clone()],
    ));
    let journals: Vec<&Value> = v["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == "Periodical")
        .collect();
    assert_eq!(journals.len(), 1);
    assert_eq!(journals[0]["@id"], "urn:issn:1860-5974");
    assert_eq!(journals[0]["alternateName"][0], "ÉÉ");
    assert_eq!(articles_of(&v)[0]["author"][0]["jobTitle"], nasty);
    let dir = scratch("awkward");
    for (name, ordered) in [("set.jsonld", false), ("list.jsonld", true)] {
        let opts = Options {
            ordered_authors: ordered,
        };
        let path = dir.join(name);
        std::fs::write(&path, export(&opts, &[a.clone(), b.clone(), c.clone()])).unwrap();
        let mut checkers = vec!["oracle_pyld.py"];
        // The vocabulary checker knows only schema.org terms, and an @list is made of
        // rdf:first/rdf:rest: it cannot judge the ordered form.
        if !ordered {
            checkers.push("oracle_vocab.py");
        }
        for checker in checkers {
            let out = Command::new(&py)
                .arg(oracles.join(checker))
                .arg(&path)
                .output()
                .expect("python runs");
            assert!(
                out.status.success(),
                "{checker} rejects {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if checker == "oracle_pyld.py" {
                // Nothing silently dropped: the relative url is left out on purpose, but
                // the absolute one (percent-encoded) is a triple.
                let nq = String::from_utf8_lossy(&out.stdout);
                assert!(nq.contains("<http://example.org/a%20b>"), "{nq}");
                assert!(
                    nq.contains("<https://doi.org/10.1234/a%23b%3Fc%3Cd%3E%25>"),
                    "{nq}"
                );
                // The conference paper's book, event, editors, names and affiliations.
                for triple in [
                    "<http://schema.org/recordedAt>",
                    "<http://schema.org/startDate> \"2019-07-09\"",
                    "<https://doi.org/10.5281/zenodo.3> <http://schema.org/editor>",
                    "<http://schema.org/parentOrganization>",
                    "<http://schema.org/sameAs> <https://ror.org/05a0dhs15>",
                    "<http://schema.org/alternateName> \"윤 재현\"@ko",
                    "<http://schema.org/sameAs> <https://doi.org/10.1002/fld.3902>",
                ] {
                    assert!(nq.contains(triple), "{triple} in {nq}");
                }
            }
        }
    }
}
