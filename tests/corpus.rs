//! The acceptance check on real files: `../shared/corpus/check.py` compares teimeta's
//! JSON records (and validation verdicts) with what a faithful extraction of each of the
//! corpus files yields. Skips, visibly, when `../shared` is absent.

use std::process::Command;

mod common;

/// Expectations in `../shared/corpus/expect` that teimeta deliberately does not meet,
/// each with the reason. Keep this list short and visible; name each case in the
/// closing note of the change that adds it.
const DISAGREEMENTS: &[(&str, &str)] = &[];

#[test]
fn corpus_expectations_hold() {
    let Some(corpus) = common::corpus_or_skip("corpus_expectations_hold") else {
        return;
    };
    let python = match Command::new("python3").arg("--version").output() {
        Ok(_) => "python3",
        Err(_) => {
            common::skip("corpus_expectations_hold", "python3 is not installed");
            return;
        }
    };
    let out = Command::new(python)
        .arg(corpus.join("check.py"))
        .arg(common::bin())
        .arg(&corpus)
        .output()
        .expect("check.py runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    let failed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL "))
        .map(str::trim)
        .collect();
    let unexpected: Vec<&&str> = failed
        .iter()
        .filter(|f| !DISAGREEMENTS.iter().any(|(name, _)| name == *f))
        .collect();
    assert!(
        unexpected.is_empty(),
        "corpus files failing their expectations: {unexpected:?}"
    );
    let passed = stdout.lines().filter(|l| l.starts_with("ok ")).count();
    let files = common::corpus_files(&corpus).len();
    assert_eq!(
        passed + failed.len(),
        files,
        "check.py should report all {files} corpus files:\n{stdout}"
    );
}

#[test]
fn whole_corpus_converts_in_one_batch_and_refuses_only_the_non_tei_files() {
    let Some(corpus) = common::corpus_or_skip("whole_corpus_converts_in_one_batch") else {
        return;
    };
    let files = common::corpus_files(&corpus);
    assert!(!files.is_empty(), "the corpus holds TEI files");
    let controls = files
        .iter()
        .filter(|f| f.display().to_string().contains("negative-control"))
        .count();
    assert!(controls > 0, "the corpus keeps its negative controls");
    let args: Vec<String> = ["convert", "--to", "json", "--quiet"]
        .iter()
        .map(|s| s.to_string())
        .chain(files.iter().map(|f| f.display().to_string()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = common::teimeta(&args);
    assert_eq!(code, 1, "the negative controls make the batch exit 1");
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect();
    assert_eq!(
        records.len(),
        files.len() - controls,
        "every readable file yields a record"
    );
    // Records come in input order, whatever the threads did.
    let readable: Vec<String> = files
        .iter()
        .map(|f| f.display().to_string())
        .filter(|f| !f.contains("negative-control"))
        .collect();
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, readable);
    assert_eq!(stderr.lines().count(), controls, "{stderr}");
    assert!(
        stderr.contains("teipublisher-blog-docbook-not-tei.xml") && stderr.contains("<article>")
    );
    assert!(stderr.contains("metypeset-jats-doctype-external-dtd.xml"));
}
