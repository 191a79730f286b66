//! Every file of `../shared/corpus` yields one validation report under every built-in
//! profile, in input order, with no crash; the not-TEI controls are reported as such,
//! and the HAL SWORD sample's placeholder DOI is flagged.

mod common;

use std::path::Path;

use common::{corpus_files, corpus_or_skip, teimeta};

fn records(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn every_corpus_file_gets_a_report_under_every_profile() {
    let Some(corpus) = corpus_or_skip("every_corpus_file_gets_a_report_under_every_profile") else {
        return;
    };
    let files = corpus_files(&corpus);
    assert!(!files.is_empty(), "the corpus holds TEI files");
    let dir = corpus.display().to_string();
    for profile in ["default", "crossref", "doaj"] {
        let (code, out, err) =
            teimeta(&["validate", "--format", "json", "--profile", profile, &dir]);
        assert!(
            code == 0 || code == 1,
            "{profile}: exit {code} (2 is usage, 101 a panic): {err}"
        );
        assert!(!err.contains("panicked"), "{profile}: {err}");
        let recs = records(&out);
        let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
        let expected: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        assert_eq!(
            sources, expected,
            "{profile}: one report per file, in path order"
        );
        for r in &recs {
            let diags = r["diagnostics"].as_array().unwrap();
            let errors = diags.iter().filter(|d| d["severity"] == "error").count();
            assert_eq!(r["errors"], errors, "{profile}: {}", r["source"]);
            assert_eq!(
                r["warnings"],
                diags.len() - errors,
                "{profile}: {}",
                r["source"]
            );
            assert_eq!(r["valid"], errors == 0, "{profile}: {}", r["source"]);
        }
        let any_invalid = recs.iter().any(|r| r["valid"] == false);
        assert_eq!(
            code,
            i32::from(any_invalid),
            "{profile}: exit status follows the reports"
        );
    }
}

#[test]
fn every_corpus_file_renders_in_the_human_and_short_formats() {
    let Some(corpus) = corpus_or_skip("every_corpus_file_renders_in_the_human_and_short_formats")
    else {
        return;
    };
    let dir = corpus.display().to_string();
    let (code, out, err) = teimeta(&["validate", "--format", "human", &dir]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("files checked against profile default"),
        "{err}"
    );
    let (code, short, err) = teimeta(&["validate", "--format", "short", &dir]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    for line in short.lines() {
        assert!(
            line.contains(": error[") || line.contains(": warning["),
            "{line}"
        );
    }
    // Every problem in the short format is somewhere in the human one.
    let codes = short
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next());
    for c in codes {
        assert!(out.contains(c), "{c} missing from the human report");
    }
}

fn report_of(corpus: &Path, rel: &str, profile: &str) -> serde_json::Value {
    let path = corpus.join(rel).display().to_string();
    let (_, out, err) = teimeta(&["validate", "--format", "json", "--profile", profile, &path]);
    records(&out)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{rel}: no record; {err}"))
}

fn has(report: &serde_json::Value, severity: &str, code: &str, mention: &str) -> bool {
    report["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["severity"] == severity
            && d["code"] == code
            && d["message"].as_str().unwrap_or("").contains(mention)
    })
}

#[test]
fn the_not_tei_controls_are_reported_naming_their_root() {
    let Some(corpus) = corpus_or_skip("the_not_tei_controls_are_reported_naming_their_root") else {
        return;
    };
    for rel in [
        "negative-control/metypeset-jats-doctype-external-dtd.xml",
        "negative-control/teipublisher-blog-docbook-not-tei.xml",
    ] {
        let r = report_of(&corpus, rel, "default");
        assert_eq!(r["valid"], false, "{rel}");
        assert!(has(&r, "error", "tei::not_tei", "<article>"), "{rel}: {r}");
    }
}

#[test]
fn the_hal_sword_placeholders_are_flagged() {
    let Some(corpus) = corpus_or_skip("the_hal_sword_placeholders_are_flagged") else {
        return;
    };
    let r = report_of(
        &corpus,
        "hal/hal-sword-deposit-ART-no-teiHeader.xml",
        "default",
    );
    assert_eq!(r["valid"], false);
    assert!(
        has(&r, "warning", "tei::lint::placeholder", "My DOI number"),
        "{r}"
    );
    assert!(has(&r, "error", "tei::doi::syntax", "My DOI number"), "{r}");
    assert!(
        has(&r, "warning", "tei::lint::placeholder", "\"Volume\""),
        "{r}"
    );
    assert!(
        has(&r, "error", "tei::affiliation::unresolved", "#struct-95237"),
        "{r}"
    );
}

#[test]
fn the_template_and_placeholder_documents_fail_the_default_profile() {
    let Some(corpus) =
        corpus_or_skip("the_template_and_placeholder_documents_fail_the_default_profile")
    else {
        return;
    };
    let r = report_of(&corpus, "jtei/jtei-template-empty-fields.xml", "default");
    // The template's <title/> is there but empty: an error at that element (line 8),
    // said once, not "missing" at the titleStmt plus a warning at the element.
    assert!(
        has(&r, "error", "tei::title::missing", "the title is empty"),
        "{r}"
    );
    let title = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "tei::title::missing")
        .unwrap();
    assert_eq!(title["line"], 8, "{r}");
    assert!(!has(&r, "warning", "tei::value::empty", "<title>"), "{r}");
    let r = report_of(
        &corpus,
        "docx2tei/metypeset-docxtotei-placeholder-author.xml",
        "default",
    );
    assert!(
        has(&r, "warning", "tei::lint::placeholder", "A Title"),
        "{r}"
    );
    assert!(
        has(&r, "warning", "tei::lint::placeholder", "An Author"),
        "{r}"
    );
    let r = report_of(
        &corpus,
        "docx2tei/metypeset-docxtotei-empty-title-guest-author.xml",
        "default",
    );
    assert!(has(&r, "warning", "tei::lint::placeholder", "Guest"), "{r}");
}
