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
