//! `teimeta convert` as a user runs it: exit codes, order, errors that name the file.

use std::path::PathBuf;

mod common;
use common::teimeta;

/// Writes `contents` to `name` in a fresh scratch directory for `test`.
fn temp_file(test: &str, name: &str, contents: &[u8]) -> (common::Scratch, PathBuf) {
    let dir = common::Scratch::new(&format!("cli-{test}"));
    let path = dir.file(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

fn sample(name: &str) -> String {
    common::root()
        .join("samples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn samples_directory_converts_to_one_json_line_per_file_in_path_order() {
    let dir = common::root().join("samples");
    let (code, out, err) = teimeta(&["convert", "--to", "json", dir.to_str().unwrap()]);
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "a directory is read in path order");
    assert!(sources.iter().any(|s| s.ends_with("seed-youn.xml")));
    // Invalid samples are still TEI: only malformed or non-TEI ones may be refused. The
    // last line is the summary, which accounts for every file.
    let (summary, messages) = err
        .trim_end()
        .lines()
        .collect::<Vec<_>>()
        .split_last()
        .map(|(s, m)| (*s, m.to_vec()))
        .unwrap();
    assert!(
        code == 0 || messages.iter().all(|l| l.contains("samples/invalid/")),
        "{err}"
    );
    let refused = messages.len();
    assert!(
        summary.starts_with(&format!(
            "{} files: {} converted",
            sources.len() + refused,
            sources.len()
        )),
        "{summary}"
    );
}

#[test]
fn the_record_has_every_documented_key() {
    let (code, out, _) = teimeta(&["convert", "--to", "json", &sample("seed-youn.xml")]);
    assert_eq!(code, 0);
    let rec: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    for key in [
        "source",
        "title",
        "subtitle",
        "titles",
        "authors",
        "keywords",
        "abstract",
        "abstracts",
        "language",
        "journal",
        "issn",
        "eissn",
        "volume",
        "issue",
        "first_page",
        "last_page",
        "date",
        "publisher",
        "doi",
    ] {
        assert!(rec.get(key).is_some(), "missing key {key}");
    }
    let author = &rec["authors"][0];
    for key in [
        "forename",
        "surname",
        "name",
        "email",
        "orcid",
        "corresponding",
        "affiliations",
    ] {
        assert!(author.get(key).is_some(), "missing author key {key}");
    }
    assert_eq!(rec["keywords"].as_array().unwrap().len(), 6);
}

#[test]
fn a_non_tei_file_is_reported_and_the_others_still_written() {
    let (_dir, docbook) = temp_file(
        "non-tei",
        "docbook.xml",
        br#"<article xmlns="http://docbook.org/ns/docbook"><title>x</title></article>"#,
    );
    let seed = sample("seed-youn.xml");
    let (code, out, err) = teimeta(&["convert", "--to", "json", docbook.to_str().unwrap(), &seed]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().count(),
        1,
        "the TEI file's record is still written"
    );
    assert!(
        err.contains("docbook.xml") && err.contains("not a TEI document"),
        "{err}"
    );
}

#[test]
fn malformed_xml_is_reported_with_line_and_column() {
    let (_dir, bad) = temp_file("malformed", "broken.xml", b"<TEI>\n<teiHeader>\n</TEI>");
    let (code, out, err) = teimeta(&["convert", "--to", "json", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("broken.xml:3:"), "{err}");
}

#[test]
fn a_missing_path_is_a_usage_failure() {
    let (code, out, err) = teimeta(&["convert", "--to", "json", "no/such/file.xml"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no/such/file.xml") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn unknown_flags_and_formats_are_usage_errors() {
    assert_eq!(teimeta(&["convert", "--to", "yaml", "x.xml"]).0, 2);
    assert_eq!(teimeta(&["convert", "--frobnicate", "x.xml"]).0, 2);
    assert_eq!(teimeta(&["convert"]).0, 2, "a path is required");
}

#[test]
fn help_teaches_with_examples() {
    let (code, out, _) = teimeta(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Examples:") && out.contains("teimeta validate"));
    let (code, out, _) = teimeta(&["convert", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--tables") && out.contains("--separator"));
}

#[test]
fn output_file_option_writes_there() {
    let dir = common::Scratch::new("cli-output");
    let out_path = dir.file("out.jsonl");
    let (code, out, _) = teimeta(&[
        "convert",
        "--to",
        "json",
        "-o",
        out_path.to_str().unwrap(),
        &sample("grobid-shaped.tei.xml"),
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.contains("\"doi\":\"10.5555/example.2025.0042\""));
}

/// A document of journal `journal` (ISSN `issn` when not empty), by `surname`, titled
/// `title`, from 2020.
fn journal_tei(title: &str, surname: &str, journal: &str, issn: &str) -> String {
    let issn = if issn.is_empty() {
        String::new()
    } else {
        format!(r#"<idno type="ISSN">{issn}</idno>"#)
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>{title}</title>
<author><persName><forename>Ada</forename><surname>{surname}</surname></persName></author>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><biblStruct>
<monogr><title level="j">{journal}</title>{issn}<imprint><biblScope unit="volume">3</biblScope><date when="2020"/></imprint></monogr></biblStruct></sourceDesc>
</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>
"#
    )
}

/// What depends on the records before (CSV ids, BibTeX key suffixes, shared JSON-LD
/// periodicals) comes out the same whether records are rendered on one thread or many.
#[test]
fn numbering_keys_and_shared_journals_follow_input_order_for_any_jobs() {
    let dir = common::Scratch::new("cli-stateful-order");
    let n = 60;
    for i in 0..n {
        // Three titles by one author: each base key repeats 20 times. Four journals: two
        // with ISSNs, one by name only (spelt two ways), one with a malformed ISSN.
        let (journal, issn) = match i % 4 {
            0 => ("Journal of Tests", "1234-5679"),
            1 => ("Other Journal", "18605974"),
            2 => (
                if i % 8 == 2 {
                    "Named Only"
                } else {
                    "NAMED ONLY"
                },
                "",
            ),
            _ => ("Broken", "1234-5678"),
        };
        let title = ["Streams", "Tables", "Keys"][i % 3];
        let tei = journal_tei(title, "Writer", journal, issn);
        std::fs::write(dir.file(&format!("f{i:03}.xml")), tei).unwrap();
    }
    let input = dir.to_str().unwrap();
    let convert = |to: &str, jobs: &str, tables: Option<&str>| {
        let mut args = vec!["convert", "-q", "--to", to, "--jobs", jobs, input];
        let table_dir = tables.map(|t| dir.file(t).display().to_string());
        if let Some(t) = &table_dir {
            args.extend(["--tables", t]);
        }
        let (code, out, err) = teimeta(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };

    let bib = convert("bibtex", "1", None);
    let keys: Vec<&str> = bib
        .lines()
        .filter_map(|l| l.strip_prefix('@'))
        .map(|l| &l[l.find('{').unwrap() + 1..l.len() - 1])
        .collect();
    assert_eq!(keys.len(), n);
    let unique: std::collections::HashSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), n, "every key is unique: {keys:?}");
    assert_eq!(
        keys[0], "writer-streams-2020",
        "the first keeps its base key"
    );
    assert_eq!(
        keys[3], "writer-streams-2020a",
        "repeats get suffixes in input order"
    );
    assert_eq!(keys[6], "writer-streams-2020b");
    assert_eq!(bib, convert("bibtex", "3", None));

    let jsonld = convert("jsonld", "1", None);
    let v: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    let graph = v["@graph"].as_array().unwrap();
    let journals: Vec<&serde_json::Value> = graph
        .iter()
        .filter(|n| n["@type"] == "Periodical")
        .collect();
    assert_eq!(journals.len(), 4, "each journal once: {journals:?}");
    assert_eq!(journals[0]["@id"], "urn:issn:1234-5679");
    assert_eq!(journals[1]["@id"], "urn:issn:1860-5974");
    assert_eq!(journals[2]["alternateName"][0], "NAMED ONLY");
    assert_eq!(graph.len(), n + 4);
    assert_eq!(jsonld, convert("jsonld", "3", None));

    let csv = convert("csv", "1", Some("t1"));
    let ids: Vec<&str> = csv
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), n);
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), n, "each article its own stable id: {ids:?}");
    assert_eq!(csv, convert("csv", "3", Some("t3")));
    for (table, _) in teimeta::export::csv::TABLES {
        let one = std::fs::read(dir.file("t1").join(table)).unwrap();
        let three = std::fs::read(dir.file("t3").join(table)).unwrap();
        assert_eq!(one, three, "{table}");
    }
    let articles = std::fs::read(dir.file("t1").join("articles.csv")).unwrap();
    assert_eq!(
        articles,
        csv.as_bytes(),
        "articles.csv is the --to csv output"
    );
}
