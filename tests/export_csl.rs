//! CSL-JSON export (`convert --to csl`): the items hand-built articles give, ids shared
//! with BibTeX, the seed article's golden file, and every readable sample and corpus file
//! through `../shared/oracles/check_csl.py` (the CSL-JSON schema 1.0.2, then citeproc-py
//! renders every item), one file at a time and as one batch.

mod common;

use std::path::PathBuf;

use common::fixtures::*;
use serde_json::{json, Value};
use teimeta::export::{bibtex, csl};
use teimeta::model::EditorOf;
use teimeta::Article;

fn csl_of(articles: &[Article]) -> Value {
    let out = export(
        csl::Csl::new(Vec::new(), csl::Options::default()),
        &docs(articles),
    );
    serde_json::from_slice(&out).expect("the output is JSON")
}

fn journal_article() -> Article {
    Article {
        titles: vec![
            title("Sketch of the Analytical Engine:", "main", Some("en")),
            title("With Notes", "sub", Some("en")),
            title("Esquisse de la machine analytique", "trans", Some("fr")),
            title("Sketch", "short", None),
        ],
        authors: vec![
            person("Lovelace", "Ada"),
            person("van der Berg", "Jan"),
            teimeta::Author {
                name: Some(t("TEI Consortium")),
                organization: true,
                ..Default::default()
            },
        ],
        keywords: vec![
            keyword("engines"),
            keyword("notes"),
            keyword("engines"),
            term("info.info-dl", "halDomain"),
        ],
        abstracts: vec![
            abstract_in("fr", "Résumé."),
            abstract_in("en", "First paragraph.\n\nSecond\nparagraph."),
        ],
        language: Some(t("en")),
        journal: Some(t("Scientific Memoirs")),
        issn: Some(t("12345679")),
        eissn: Some(t("2345-6787")),
        volume: Some(t("3")),
        issue: Some(t("1")),
        first_page: Some(t("666")),
        last_page: Some(t("731")),
        date: Some(t("1843-09-30")),
        publisher: Some(t("Richard and John E. Taylor")),
        doi: Some(t("https://doi.org/10.1234/\u{FB02}abc")),
        url: Some(t("https://example.org/article/1")),
        ..Default::default()
    }
}

#[test]
fn a_journal_article_has_every_variable_it_can_fill() {
    let v = csl_of(&[journal_article()]);
    assert_eq!(
        v,
        json!([{
            "id": "lovelace-sketch-1843",
            "citation-key": "lovelace-sketch-1843",
            "type": "article-journal",
            "title": "Sketch of the Analytical Engine: With Notes",
            "title-short": "Sketch",
            "author": [
                {"family": "Lovelace", "given": "Ada"},
                {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
                {"literal": "TEI Consortium"}
            ],
            "issued": {"date-parts": [[1843, 9, 30]]},
            "container-title": "Scientific Memoirs",
            "ISSN": "1234-5679, 2345-6787",
            "volume": "3",
            "issue": "1",
            "page": "666-731",
            "page-first": "666",
            "DOI": "10.1234/flabc",
            "URL": "https://example.org/article/1",
            "publisher": "Richard and John E. Taylor",
            "language": "en",
            "keyword": "engines, notes",
            "abstract": "First paragraph.\n\nSecond paragraph.\n\nRésumé.",
            "note": "[Esquisse de la machine analytique]"
        }])
    );
}

#[test]
fn a_chapter_names_its_book_its_editors_and_its_series() {
    let a = Article {
        titles: vec![title("Read/Write Book", "main", None)],
        authors: vec![person("Dacos", "Marin")],
        genre: Some(t("chapter")),
        container: Some(t("Le livre inscriptible")),
        series: Some(t("Lecture Notes")),
        editors: vec![
            editor("Mounier", "Pierre", EditorOf::Container),
            editor("Bloggs", "Joe", EditorOf::Series),
        ],
        first_page: Some(t("13")),
        date: Some(t("2010")),
        ..Default::default()
    };
    let v = &csl_of(&[a])[0];
    assert_eq!(v["type"], "chapter");
    assert_eq!(v["container-title"], "Le livre inscriptible");
    assert_eq!(v["collection-title"], "Lecture Notes");
    assert_eq!(
        v["editor"],
        json!([{"family": "Mounier", "given": "Pierre"}])
    );
    assert_eq!(
        v["collection-editor"],
        json!([{"family": "Bloggs", "given": "Joe"}])
    );
    assert_eq!(v["page"], "13");
    assert_eq!(v["issued"], json!({"date-parts": [[2010]]}));
}

#[test]
fn a_conference_paper_names_its_meeting_and_its_proceedings_series() {
    let a = Article {
        titles: vec![title("Biomass", "main", None)],
        genre: Some(t("conference-paper")),
        journal: Some(t("Procedia Environmental Sciences")),
        container: Some(t("Proceedings of EECA 2011")),
        event: Some(event(
            "Ecological Engineering",
            "2011-11-30",
            "2011-12-02",
            "Lyon, France",
        )),
        editors: vec![
            teimeta::model::Editor {
                role: Some("Chair".into()),
                ..editor("Robin", "Paul", EditorOf::Work)
            },
            editor("Picot", "Bernadette", EditorOf::Container),
        ],
        ..Default::default()
    };
    let v = &csl_of(&[a])[0];
    assert_eq!(v["type"], "paper-conference");
    assert_eq!(v["chair"], json!([{"family": "Robin", "given": "Paul"}]));
    assert_eq!(
        v["editor"],
        json!([{"family": "Picot", "given": "Bernadette"}])
    );
    assert_eq!(v["container-title"], "Proceedings of EECA 2011");
    assert_eq!(v["collection-title"], "Procedia Environmental Sciences");
    assert_eq!(v["event-title"], "Ecological Engineering");
    assert_eq!(v["event-place"], "Lyon, France");
    assert_eq!(
        v["event-date"],
        json!({"date-parts": [[2011, 11, 30], [2011, 12, 2]]})
    );
    // A meeting without a type or journal makes a conference paper too.
    let b = Article {
        event: Some(event("DH2023", "", "", "")),
        ..Default::default()
    };
    assert_eq!(csl_of(&[b])[0]["type"], "paper-conference");
}

#[test]
fn a_thesis_is_published_by_its_institution() {
    let a = Article {
        genre: Some(t("masters-thesis")),
        institution: Some(t("Université de Lyon")),
        publisher: Some(t("HAL")),
        ..Default::default()
    };
    let v = &csl_of(&[a])[0];
    assert_eq!(v["type"], "thesis");
    assert_eq!(v["publisher"], "Université de Lyon");
    assert_eq!(v["genre"], "Master's thesis");
}

#[test]
fn dates_become_parts_only_when_they_read_one_way() {
    let dated = |d: &str| Article {
        date: Some(t(d)),
        ..Default::default()
    };
    let v = csl_of(&[
        dated("2017-04-10 17:16:26"),
        dated("01/07/2010"),
        dated("$LastChangedDate$"),
        dated("2021-02-29"),
    ]);
    assert_eq!(v[0]["issued"], json!({"date-parts": [[2017, 4, 10]]}));
    assert_eq!(v[1]["issued"], json!({"literal": "01/07/2010"}));
    assert!(v[2].get("issued").is_none(), "{}", v[2]);
    assert_eq!(v[3]["issued"], json!({"literal": "2021-02-29"}));
}

#[test]
fn names_keep_their_particles_and_suffixes_and_unsplittable_names_are_literal() {
    let one_string = |name: &str| teimeta::Author {
        name: Some(t(name)),
        ..Default::default()
    };
    let a = Article {
        authors: vec![
            person("Beethoven", "Ludwig van"),
            person("Smith, Jr.", "John"),
            one_string("Mary Ann Smith"),
            one_string("太宰治"),
            one_string("Marin Dacos"),
        ],
        ..Default::default()
    };
    assert_eq!(
        csl_of(&[a])[0]["author"],
        json!([
            {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
            {"family": "Smith", "given": "John", "suffix": "Jr."},
            {"literal": "Mary Ann Smith"},
            {"family": "太宰治"},
            {"family": "Dacos", "given": "Marin"}
        ])
    );
}

/// The keys of a .bib file, in order.
fn bib_keys(bib: &str) -> Vec<String> {
    bib.lines()
        .filter_map(|l| l.strip_prefix('@'))
        .filter_map(|l| l.split_once('{'))
        .map(|(_, rest)| rest.trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn ids_are_the_bibtex_keys_and_unique_within_one_output() {
    let mut twin = journal_article();
    twin.doi = None;
    let articles = vec![
        journal_article(),
        twin.clone(),
        twin,
        Article::default(),
        Article::default(),
    ];
    let v = csl_of(&articles);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let bib = export(
        bibtex::Bibtex::new(Vec::new(), bibtex::Options::default()),
        &docs(&articles),
    );
    let keys = bib_keys(&String::from_utf8(bib).unwrap());
    assert_eq!(ids, keys);
    assert_eq!(
        ids,
        [
            "lovelace-sketch-1843",
            "lovelace-sketch-1843a",
            "lovelace-sketch-1843b",
            "anon",
            "anon-a"
        ]
    );
    for item in v.as_array().unwrap() {
        assert_eq!(item["citation-key"], item["id"]);
    }
}

#[test]
fn hostile_text_stays_inside_its_string() {
    let a = Article {
        titles: common::ATTACKS
            .iter()
            .map(|s| title(s, "alt", None))
            .collect(),
        keywords: common::ATTACKS.iter().map(|s| keyword(s)).collect(),
        ..Default::default()
    };
    let v = csl_of(&[a]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert!(v[0]["note"]
        .as_str()
        .unwrap()
        .contains("\\write18{rm -rf /}"));
}

// ---- the seed article -------------------------------------------------------------------

fn seed() -> PathBuf {
    common::root().join("samples/seed-youn.xml")
}

/// `fresh` against the golden file `name` in tests/snapshots (rewritten under
/// `UPDATE_SNAPSHOTS=1`).
fn golden(name: &str, fresh: &str) {
    let path = common::root().join("tests/snapshots").join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, fresh).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == fresh,
        "{} is out of date (review, then rerun with UPDATE_SNAPSHOTS=1); got:\n{fresh}",
        path.display()
    );
}

/// The fenced block that follows `marker` in the README.
fn readme_block(marker: &str) -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let after = readme
        .split_once(marker)
        .unwrap_or_else(|| panic!("the README shows {marker}"))
        .1;
    let start = after.find("```").unwrap();
    let body = &after[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

#[test]
fn the_seed_article_is_the_golden_item_the_readme_shows() {
    let seed = seed();
    let (code, out, err) =
        common::teimeta(&["convert", "-q", "--to", "csl", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // Read as Zotero would: one item, a document (the abstract page names no journal),
    // the author split into family and given, the subtitle after a colon, English.
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["type"], "document");
    assert_eq!(
        v[0]["author"],
        json!([{"family": "Youn", "given": "Dae-Yeong"}])
    );
    assert_eq!(v[0]["id"], "youn-relations");
    golden("seed-youn.csl.json", &out);
    assert_eq!(
        readme_block("`teimeta convert --to csl samples/seed-youn.xml`"),
        out,
        "the README's CSL-JSON example is the seed's output"
    );
}

#[test]
fn out_dir_writes_one_csl_json_file_per_input() {
    let dir = common::Scratch::new("csl-out-dir");
    let samples = common::root().join("samples");
    let out = dir.file("out");
    let (code, _, err) = common::teimeta(&[
        "convert",
        "-q",
        "--to",
        "csl",
        "--out-dir",
        out.to_str().unwrap(),
        samples.join("seed-youn.xml").to_str().unwrap(),
        samples.join("grobid-shaped.tei.xml").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    for name in ["seed-youn.csl.json", "grobid-shaped.tei.csl.json"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v.as_array().map(Vec::len), Some(1), "{name}");
    }
}

// ---- the checker: every readable file ----------------------------------------------------

#[test]
fn every_readable_file_passes_the_csl_schema_and_citeproc_alone_and_in_one_batch() {
    let test = "every_readable_file_passes_the_csl_schema_and_citeproc_alone_and_in_one_batch";
    let Some((oracles, python)) = common::checkers::python_checkers_or_skip(test) else {
        return;
    };
    let Some(corpus) = common::corpus_or_skip(test) else {
        return;
    };
    let dir = common::Scratch::new("csl-checker");
    let exports = common::checkers::export_alone_and_batched(&corpus, &dir, "csl", "json");
    // The batch holds one item per readable file.
    let batch = exports.files.last().expect("the batch is last");
    let items: Value = serde_json::from_str(&std::fs::read_to_string(batch).unwrap()).unwrap();
    assert_eq!(
        items.as_array().map(Vec::len),
        Some(exports.files.len() - 1)
    );

    let verdicts = common::checkers::check_all(&python, &oracles, "check_csl.py", &exports.files);
    let failures = exports.failures("check_csl.py", &verdicts);
    assert!(
        failures.is_empty(),
        "check_csl.py refuses {} exports:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
