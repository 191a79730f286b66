//! Consumers: every readable sample and corpus file is exported in each format, one file
//! at a time and as one batch, and each export is checked by the independent checkers in
//! `../shared/oracles` (invoked as the scripts they are):
//!
//! - CSV and the `--tables` files: `strict_csv.py` (Python's csv reader, strict mode);
//! - JSON-LD: `oracle_pyld.py` (expansion and URDNA2015 with the schema.org context) and
//!   `oracle_vocab.py` (every type and property is a schema.org term allowed on its type);
//! - BibTeX: `check_bib.sh` (biber's data-model validation, then pybtex and bibtexparser
//!   strict); the only biber warning accepted is a missing mandatory field that the TEI
//!   really lacks (the JSON record has no value for it).
//!
//! The checkers run in parallel, one process per file and checker. Without the checkers
//! (or the corpus) each test prints a visible SKIPPED message, and fails under
//! `TEIMETA_STRICT_TESTS=1`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value;

/// A file teimeta reads, with its JSON record.
struct Input {
    path: PathBuf,
    record: Value,
}

/// Everything the tests need: the checkers, every candidate file (readable or not) and
/// the readable ones with their records.
struct Setup {
    oracles: PathBuf,
    python: PathBuf,
    candidates: Vec<PathBuf>,
    readable: Vec<Input>,
    dir: PathBuf,
}

fn setup(test: &str) -> Option<Setup> {
    let (oracles, python) = common::oracles_or_skip(test)?;
    let corpus = common::corpus_or_skip(test)?;
    let mut candidates = Vec::new();
    let samples = common::root().join("samples");
    if samples.is_dir() {
        candidates.extend(common::corpus_files(&samples));
    }
    candidates.extend(common::corpus_files(&corpus));
    let records = par_map(&candidates, |path| {
        let (code, out, _) = common::teimeta(&["convert", "--to", "json", path.to_str()?]);
        (code == 0).then(|| serde_json::from_str::<Value>(out.trim()).expect("one JSON record"))
    });
    let readable: Vec<Input> = candidates
        .iter()
        .zip(records)
        .filter_map(|(path, record)| {
            record.map(|record| Input {
                path: path.clone(),
                record,
            })
        })
        .collect();
    // Checking no file proves nothing: nearly all must be readable (the corpus holds a
    // few negative controls that are not TEI).
    assert!(
        readable.len() * 10 >= candidates.len() * 9,
        "only {} of {} files are readable",
        readable.len(),
        candidates.len()
    );
    let dir = std::env::temp_dir().join(format!("teimeta-consumers-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temp dir is writable");
    Some(Setup {
        oracles,
        python,
        candidates,
        readable,
        dir,
    })
}

/// `f` over `items` on as many threads as there are cores; results in input order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers.min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item was mapped"))
        .collect()
}

/// The outcome of one checker run.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Setup {
    /// Runs a Python checker script on `file`.
    fn python(&self, script: &str, file: &Path) -> Run {
        let out = Command::new(&self.python)
            .arg(self.oracles.join(script))
            .arg(file)
            .output()
            .expect("the checkers' python runs");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `check_bib.sh` on `file`.
    fn check_bib(&self, file: &Path) -> Run {
        let out = Command::new("sh")
            .arg(self.oracles.join("check_bib.sh"))
            .arg(file)
            .env("PY", &self.python)
            .output()
            .expect("sh runs");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Exports `inputs` with `args` to `out`; the exit status must be `want`.
    fn export(&self, args: &[&str], inputs: &[&Path], out: &Path, want: i32) -> Result<(), String> {
        let mut all: Vec<&str> = vec!["convert"];
        all.extend_from_slice(args);
        all.extend(["-o", out.to_str().unwrap()]);
        all.extend(inputs.iter().map(|p| p.to_str().unwrap()));
        let (code, _, err) = common::teimeta(&all);
        if code == want {
            Ok(())
        } else {
            Err(format!(
                "teimeta {} exited {code}, want {want}: {}",
                all.join(" "),
                err.trim()
            ))
        }
    }

    /// Every candidate, readable or not, in one batch; and the exit status that makes.
    fn batch(&self) -> (Vec<&Path>, i32) {
        let all: Vec<&Path> = self.candidates.iter().map(PathBuf::as_path).collect();
        let want = i32::from(self.readable.len() < self.candidates.len());
        (all, want)
    }
}

/// Collects failures per checker, prints the tally, fails with every failure listed.
#[derive(Default)]
struct Verdicts {
    lines: Vec<String>,
    failures: Vec<String>,
}

impl Verdicts {
    /// Records `results` (one per file, `Err` with the reason) for `what`.
    fn tally(&mut self, what: &str, files: &[&Path], results: Vec<Result<(), String>>) {
        let passed = results.iter().filter(|r| r.is_ok()).count();
        self.lines
            .push(format!("{what}: {passed}/{} passed", results.len()));
        for (file, r) in files.iter().zip(results) {
            if let Err(why) = r {
                self.failures
                    .push(format!("{what}: {}: {why}", file.display()));
            }
        }
    }

    fn finish(self, format: &str) {
        for l in &self.lines {
            eprintln!("consumers {format}: {l}");
        }
        assert!(
            self.failures.is_empty(),
            "{format}: {} failures:\n{}",
            self.failures.len(),
            self.failures.join("\n\n")
        );
    }
}

fn checked(run: Run, what: &str) -> Result<Run, String> {
    if run.ok {
        Ok(run)
    } else {
        Err(format!(
            "{what} rejects it:\n{}{}",
            run.stderr.trim(),
            run.stdout.lines().take(20).collect::<Vec<_>>().join("\n")
        ))
    }
}

/// `N records, W columns` from strict_csv.py: the record count.
fn csv_records(run: &Run) -> Option<usize> {
    run.stdout.split_whitespace().next()?.parse().ok()
}

/// How many authors, and author affiliations, the records hold.
fn count_authors(records: &[&Value]) -> (usize, usize) {
    let authors: Vec<&Value> = records
        .iter()
        .filter_map(|r| r["authors"].as_array())
        .flatten()
        .collect();
    let affiliations = authors
        .iter()
        .map(|a| a["affiliations"].as_array().map_or(0, Vec::len))
        .sum();
    (authors.len(), affiliations)
}

// ---- CSV --------------------------------------------------------------------------------

/// Exports `inputs` as CSV with tables and checks the four files; `records` are the JSON
/// records of the readable inputs, which fix how many rows each file must have.
fn check_csv(
    s: &Setup,
    name: &str,
    args: &[&str],
    inputs: &[&Path],
    records: &[&Value],
    want_exit: i32,
) -> Result<(), String> {
    let out = s.dir.join(format!("{name}.csv"));
    let tables = s.dir.join(format!("{name}-tables"));
    let mut all = vec!["--to", "csv", "--tables", tables.to_str().unwrap()];
    all.extend_from_slice(args);
    s.export(&all, inputs, &out, want_exit)?;
    let (authors, affiliations) = count_authors(records);
    let files = [
        (out.clone(), records.len()),
        (tables.join("articles.csv"), records.len()),
        (tables.join("authors.csv"), authors),
        (tables.join("affiliations.csv"), affiliations),
    ];
    for (file, rows) in files {
        let run = checked(s.python("strict_csv.py", &file), "strict_csv.py")?;
        let got = csv_records(&run);
        if got != Some(rows) {
            return Err(format!("{}: {got:?} records, want {rows}", file.display()));
        }
    }
    Ok(())
}

#[test]
fn csv_exports_pass_the_strict_csv_reader() {
    let Some(s) = setup("csv_exports_pass_the_strict_csv_reader") else {
        return;
    };
    let mut v = Verdicts::default();
    let files: Vec<&Path> = s.readable.iter().map(|i| i.path.as_path()).collect();
    let results = par_map(
        &s.readable.iter().enumerate().collect::<Vec<_>>(),
        |(i, input)| {
            check_csv(
                &s,
                &format!("one-{i}"),
                &[],
                &[&input.path],
                &[&input.record],
                0,
            )
        },
    );
    v.tally(
        "strict_csv.py, one file at a time (CSV and 3 tables each)",
        &files,
        results,
    );

    let (batch, want) = s.batch();
    let records: Vec<&Value> = s.readable.iter().map(|i| &i.record).collect();
    let plain = check_csv(&s, "batch", &[], &batch, &records, want);
    let excel = check_csv(&s, "batch-bom", &["--bom"], &batch, &records, want);
    let here = [Path::new("batch"), Path::new("batch --bom")];
    v.tally(
        &format!("strict_csv.py, one batch of {} files", batch.len()),
        &here,
        vec![plain, excel],
    );
    v.finish("CSV");
}

// ---- JSON-LD ----------------------------------------------------------------------------

const ARTICLE_TYPE: &str =
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/ScholarlyArticle>";

/// How many distinct article nodes the document holds: nodes sharing an `@id` (a DOI)
/// are one node in RDF.
fn distinct_articles(doc: &Value) -> usize {
    let nodes: Vec<&Value> = doc["@graph"]
        .as_array()
        .map(|g| {
            g.iter()
                .filter(|n| n["@type"] == "ScholarlyArticle")
                .collect()
        })
        .unwrap_or_default();
    let ids: BTreeSet<&str> = nodes.iter().filter_map(|n| n["@id"].as_str()).collect();
    ids.len() + nodes.iter().filter(|n| n.get("@id").is_none()).count()
}

fn check_jsonld(
    s: &Setup,
    name: &str,
    args: &[&str],
    inputs: &[&Path],
    want_exit: i32,
    vocab: bool,
) -> Result<(), String> {
    let out = s.dir.join(format!("{name}.jsonld"));
    let mut all = vec!["--to", "jsonld"];
    all.extend_from_slice(args);
    s.export(&all, inputs, &out, want_exit)?;
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).map_err(|e| e.to_string())?)
        .map_err(|e| format!("not JSON: {e}"))?;
    let run = checked(s.python("oracle_pyld.py", &out), "oracle_pyld.py")?;
    let typed = run
        .stdout
        .lines()
        .filter(|l| l.contains(ARTICLE_TYPE))
        .count();
    let want = distinct_articles(&doc);
    if typed != want || want == 0 {
        return Err(format!(
            "pyld finds {typed} ScholarlyArticle nodes, want {want}"
        ));
    }
    if vocab {
        checked(s.python("oracle_vocab.py", &out), "oracle_vocab.py")?;
    }
    Ok(())
}

#[test]
fn jsonld_exports_pass_pyld_and_the_schema_org_vocabulary() {
    let Some(s) = setup("jsonld_exports_pass_pyld_and_the_schema_org_vocabulary") else {
        return;
    };
    let mut v = Verdicts::default();
    let files: Vec<&Path> = s.readable.iter().map(|i| i.path.as_path()).collect();
    let results = par_map(
        &s.readable.iter().enumerate().collect::<Vec<_>>(),
        |(i, input)| check_jsonld(&s, &format!("one-{i}"), &[], &[&input.path], 0, true),
    );
    v.tally(
        "oracle_pyld.py + oracle_vocab.py, one file at a time",
        &files,
        results,
    );

    let (batch, want) = s.batch();
    let set = check_jsonld(&s, "batch", &[], &batch, want, true);
    // The vocabulary checker knows schema.org terms only, and an @list is rdf:first and
    // rdf:rest: the ordered form goes through pyld alone.
    let list = check_jsonld(
        &s,
        "batch-list",
        &["--ordered-authors"],
        &batch,
        want,
        false,
    );
    let here = [
        Path::new("batch"),
        Path::new("batch --ordered-authors (pyld only)"),
    ];
    v.tally(
        &format!(
            "oracle_pyld.py + oracle_vocab.py, one batch of {} files",
            batch.len()
        ),
        &here,
        vec![set, list],
    );
    v.finish("JSON-LD");
}

// ---- BibTeX -----------------------------------------------------------------------------

/// True when the JSON record has no value for what biber calls `field`.
fn record_lacks(record: &Value, field: &str) -> Option<bool> {
    let empty = |key: &str| match &record[key] {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    Some(match field {
        "author" | "editor" => empty("authors"),
        "title" => empty("title"),
        "journaltitle" | "journal" | "booktitle" => empty("journal"),
        "date" | "year" | "date, year" | "year, date" => empty("date"),
        "publisher" | "institution" | "organization" | "school" => empty("publisher"),
        _ => return None,
    })
}

/// The entry key and the field of a biber "Missing mandatory field" warning.
fn missing_field(line: &str) -> Option<(String, String)> {
    let key = line
        .split("Entry '")
        .nth(1)?
        .split('\'')
        .next()?
        .to_string();
    let rest = line.split("Missing mandatory field").nth(1)?;
    let field = if let Some(one_of) = rest.split("one of '").nth(1) {
        one_of.split('\'').next()?.to_string()
    } else {
        rest.split('\'').nth(1)?.to_string()
    };
    Some((key, field))
}

/// The entry keys of a .bib file, in order.
fn entry_keys(bib: &str) -> Vec<String> {
    bib.lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix('@')?;
            let (kind, rest) = l.split_once('{')?;
            if kind.eq_ignore_ascii_case("comment") || kind.eq_ignore_ascii_case("string") {
                return None;
            }
            Some(rest.split(',').next()?.trim().to_string())
        })
        .collect()
}

fn check_bibtex(
    s: &Setup,
    name: &str,
    args: &[&str],
    inputs: &[&Path],
    records: &[&Value],
    want_exit: i32,
) -> Result<(), String> {
    let out = s.dir.join(format!("{name}.bib"));
    let mut all = vec!["--to", "bibtex"];
    all.extend_from_slice(args);
    s.export(&all, inputs, &out, want_exit)?;
    let bib = std::fs::read_to_string(&out).map_err(|e| format!("not UTF-8: {e}"))?;
    let keys = entry_keys(&bib);
    if keys.len() != records.len() {
        return Err(format!("{} entries, want {}", keys.len(), records.len()));
    }
    let run = s.check_bib(&out);
    if run.ok {
        return Ok(());
    }
    let mut why = Vec::new();
    if !run.stderr.trim().is_empty() {
        why.push(run.stderr.trim().to_string());
    }
    let said: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("WARN") || l.starts_with("ERROR"))
        .collect();
    if said.is_empty() && why.is_empty() {
        why.push("check_bib.sh failed without a WARN or ERROR line".to_string());
    }
    for line in said {
        let excused = missing_field(line).and_then(|(key, field)| {
            let i = keys.iter().position(|k| *k == key)?;
            record_lacks(records[i], &field)
        });
        if excused != Some(true) {
            why.push(line.to_string());
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(format!("check_bib.sh:\n{}", why.join("\n")))
    }
}

#[test]
fn bibtex_exports_pass_biber_pybtex_and_bibtexparser() {
    let Some(s) = setup("bibtex_exports_pass_biber_pybtex_and_bibtexparser") else {
        return;
    };
    let mut v = Verdicts::default();
    let files: Vec<&Path> = s.readable.iter().map(|i| i.path.as_path()).collect();
    let results = par_map(
        &s.readable.iter().enumerate().collect::<Vec<_>>(),
        |(i, input)| {
            check_bibtex(
                &s,
                &format!("one-{i}"),
                &[],
                &[&input.path],
                &[&input.record],
                0,
            )
        },
    );
    v.tally("check_bib.sh, one file at a time", &files, results);

    let (batch, want) = s.batch();
    let records: Vec<&Value> = s.readable.iter().map(|i| &i.record).collect();
    let biblatex = check_bibtex(&s, "batch", &[], &batch, &records, want);
    let classic = check_bibtex(&s, "batch-classic", &["--classic"], &batch, &records, want);
    let here = [Path::new("batch"), Path::new("batch --classic")];
    v.tally(
        &format!("check_bib.sh, one batch of {} files", batch.len()),
        &here,
        vec![biblatex, classic],
    );
    v.finish("BibTeX");
}

#[test]
fn biber_warnings_are_read_right() {
    let line = "WARN - Datamodel: Entry 'k1' (m.bib): Missing mandatory field - one of 'date, year' must be defined";
    assert_eq!(
        missing_field(line),
        Some(("k1".into(), "date, year".into()))
    );
    let line = "WARN - Datamodel: Entry 'k1' (m.bib): Missing mandatory field 'journaltitle'";
    assert_eq!(
        missing_field(line),
        Some(("k1".into(), "journaltitle".into()))
    );
    let line =
        "WARN - Datamodel: Entry 'k2' (m.bib): Invalid field 'publisher' for entrytype 'article'";
    assert_eq!(missing_field(line), None);
    let record = serde_json::json!({"title": "T", "authors": [], "journal": null, "date": "2019"});
    assert_eq!(record_lacks(&record, "author"), Some(true));
    assert_eq!(record_lacks(&record, "title"), Some(false));
    assert_eq!(record_lacks(&record, "journaltitle"), Some(true));
    assert_eq!(record_lacks(&record, "date, year"), Some(false));
    assert_eq!(record_lacks(&record, "pages"), None);
    assert_eq!(
        entry_keys("@comment{x}\n@article{lovelace1843,\n title={T}}\n  @Book{b:2, x}\n"),
        ["lovelace1843", "b:2"]
    );
}
