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

impl Drop for Setup {
    /// The exports are removed when the test passes and kept, for a look, when it fails.
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
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

/// What one checker said of one file.
type Run = common::checkers::Verdict;

impl Setup {
    /// Runs the Python checker `script` on every file of `files` (one interpreter per
    /// core, see `common::checkers`). Results in the order of `files`.
    fn python_many(&self, script: &str, files: &[PathBuf]) -> Vec<Run> {
        common::checkers::check_all(&self.python, &self.oracles, script, files)
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

    /// The exports to make: each readable file alone, then every candidate (readable or
    /// not) in one batch once per set of `batch_args`.
    fn jobs(&self, batch_args: &[&'static [&'static str]]) -> Vec<Job<'_>> {
        let mut jobs: Vec<Job<'_>> = self
            .readable
            .iter()
            .enumerate()
            .map(|(i, input)| Job {
                name: format!("one-{i}"),
                label: input.path.display().to_string(),
                batch: false,
                args: &[],
                inputs: vec![input.path.as_path()],
                records: vec![&input.record],
                exit: 0,
            })
            .collect();
        let all: Vec<&Path> = self.candidates.iter().map(PathBuf::as_path).collect();
        let records: Vec<&Value> = self.readable.iter().map(|i| &i.record).collect();
        for (k, args) in batch_args.iter().enumerate() {
            jobs.push(Job {
                name: format!("batch-{k}"),
                label: format!("batch of {} files {}", all.len(), args.join(" ")),
                batch: true,
                args,
                inputs: all.clone(),
                records: records.clone(),
                // The batch holds the unreadable files too: they are reported, the others
                // still converted.
                exit: i32::from(self.readable.len() < self.candidates.len()),
            });
        }
        jobs
    }
}

/// One export to make and check.
struct Job<'a> {
    /// Stem of the output files.
    name: String,
    /// What the verdict names: the input file, or the batch and its options.
    label: String,
    batch: bool,
    args: &'static [&'static str],
    inputs: Vec<&'a Path>,
    /// The JSON records of the readable inputs: how many rows, entries, nodes to expect.
    records: Vec<&'a Value>,
    exit: i32,
}

/// Collects verdicts, prints the tallies, fails with every failure listed.
#[derive(Default)]
struct Verdicts {
    lines: Vec<String>,
    failures: Vec<String>,
}

impl Verdicts {
    /// Records one verdict per job for `what`, tallied apart for single files and batches.
    fn tally(&mut self, what: &str, jobs: &[&Job<'_>], results: Vec<Result<(), String>>) {
        assert_eq!(jobs.len(), results.len(), "one verdict per job");
        for batch in [false, true] {
            let mine: Vec<(&&Job<'_>, &Result<(), String>)> = jobs
                .iter()
                .zip(&results)
                .filter(|(j, _)| j.batch == batch)
                .collect();
            let passed = mine.iter().filter(|(_, r)| r.is_ok()).count();
            let how = if batch {
                "as one batch"
            } else {
                "one file at a time"
            };
            self.lines
                .push(format!("{what}, {how}: {passed}/{} passed", mine.len()));
            for (job, r) in mine {
                if let Err(why) = r {
                    self.failures.push(format!("{what}: {}: {why}", job.label));
                }
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

fn checked<'r>(run: &'r Run, what: &str) -> Result<&'r Run, String> {
    if run.ok {
        Ok(run)
    } else {
        Err(format!(
            "{what} rejects it:\n{}\n{}",
            run.stderr.trim(),
            run.stdout.lines().take(20).collect::<Vec<_>>().join("\n")
        ))
    }
}

/// `N records, W columns` from strict_csv.py: the record count.
fn csv_records(run: &Run) -> Option<usize> {
    run.stdout.split_whitespace().next()?.parse().ok()
}

/// How many keywords and classification terms the records hold (every keyword set's
/// terms).
fn terms(records: &[&Value]) -> usize {
    records
        .iter()
        .filter_map(|r| r["keyword_sets"].as_array())
        .flatten()
        .map(|set| set["terms"].as_array().map_or(0, Vec::len))
        .sum()
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

#[test]
fn csv_exports_pass_the_strict_csv_reader() {
    let Some(s) = setup("csv_exports_pass_the_strict_csv_reader") else {
        return;
    };
    let jobs = s.jobs(&[&[], &["--bom"]]);
    // Each job writes the CSV and the six tables; each file must have as many records as
    // the JSON records say.
    let exported = par_map(&jobs, |job| {
        let out = s.dir.join(format!("{}.csv", job.name));
        let tables = s.dir.join(format!("{}-tables", job.name));
        let mut args = vec!["--to", "csv", "--tables", tables.to_str().unwrap()];
        args.extend_from_slice(job.args);
        s.export(&args, &job.inputs, &out, job.exit)?;
        let (authors, affiliations) = count_authors(&job.records);
        let count = |key: &str| {
            job.records
                .iter()
                .map(|r| r[key].as_array().map_or(0, Vec::len))
                .sum::<usize>()
        };
        Ok(vec![
            (out.clone(), job.records.len()),
            (tables.join("articles.csv"), job.records.len()),
            (tables.join("authors.csv"), authors),
            (tables.join("affiliations.csv"), affiliations),
            (tables.join("abstracts.csv"), count("abstracts")),
            // Author keywords and classification terms alike, one row each.
            (tables.join("keywords.csv"), terms(&job.records)),
        ])
    });
    let files: Vec<PathBuf> = exported
        .iter()
        .flat_map(|e: &Result<Vec<(PathBuf, usize)>, String>| e.iter().flatten())
        .map(|(f, _)| f.clone())
        .collect();
    let mut runs = s.python_many("strict_csv.py", &files).into_iter();
    let results = exported
        .into_iter()
        .map(|e| {
            let mut verdict = Ok(());
            for (file, rows) in e? {
                let run = runs.next().expect("one run per file");
                let judged = checked(&run, "strict_csv.py").and_then(|run| {
                    let got = csv_records(run);
                    if got == Some(rows) {
                        Ok(())
                    } else {
                        Err(format!("{}: {got:?} records, want {rows}", file.display()))
                    }
                });
                verdict = verdict.and(judged);
            }
            verdict
        })
        .collect();
    let mut v = Verdicts::default();
    let all: Vec<&Job<'_>> = jobs.iter().collect();
    v.tally("strict_csv.py on the CSV and its tables", &all, results);
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

#[test]
fn jsonld_exports_pass_pyld_and_the_schema_org_vocabulary() {
    let Some(s) = setup("jsonld_exports_pass_pyld_and_the_schema_org_vocabulary") else {
        return;
    };
    const ORDERED: &[&str] = &["--ordered-authors"];
    let jobs = s.jobs(&[&[], ORDERED]);
    let exported: Vec<Result<(PathBuf, usize), String>> = par_map(&jobs, |job| {
        let out = s.dir.join(format!("{}.jsonld", job.name));
        let mut args = vec!["--to", "jsonld"];
        args.extend_from_slice(job.args);
        s.export(&args, &job.inputs, &out, job.exit)?;
        let doc: Value = serde_json::from_slice(&std::fs::read(&out).map_err(|e| e.to_string())?)
            .map_err(|e| format!("not JSON: {e}"))?;
        Ok((out, distinct_articles(&doc)))
    });
    let files: Vec<PathBuf> = exported.iter().flatten().map(|(f, _)| f.clone()).collect();
    // The vocabulary checker knows schema.org terms only, and an @list is rdf:first and
    // rdf:rest: the ordered form goes through pyld alone.
    let unordered: Vec<PathBuf> = jobs
        .iter()
        .zip(&exported)
        .filter(|(j, e)| j.args != ORDERED && e.is_ok())
        .map(|(_, e)| e.as_ref().unwrap().0.clone())
        .collect();
    let mut pyld = s.python_many("oracle_pyld.py", &files).into_iter();
    let mut vocab = s.python_many("oracle_vocab.py", &unordered).into_iter();

    let mut pyld_results = Vec::new();
    let mut vocab_results = Vec::new();
    for (job, e) in jobs.iter().zip(exported) {
        let Ok((_, want)) = e else {
            pyld_results.push(e.map(|_| ()));
            if job.args != ORDERED {
                vocab_results.push(Err("not exported".to_string()));
            }
            continue;
        };
        let run = pyld.next().expect("one pyld run per file");
        pyld_results.push(checked(&run, "oracle_pyld.py").and_then(|run| {
            let typed = run
                .stdout
                .lines()
                .filter(|l| l.contains(ARTICLE_TYPE))
                .count();
            if typed == want && want > 0 {
                Ok(())
            } else {
                Err(format!(
                    "pyld finds {typed} ScholarlyArticle nodes, want {want}"
                ))
            }
        }));
        if job.args != ORDERED {
            let run = vocab.next().expect("one vocabulary run per file");
            vocab_results.push(checked(&run, "oracle_vocab.py").map(|_| ()));
        }
    }
    let all: Vec<&Job<'_>> = jobs.iter().collect();
    let plain: Vec<&Job<'_>> = jobs.iter().filter(|j| j.args != ORDERED).collect();
    let mut v = Verdicts::default();
    v.tally(
        "oracle_pyld.py (batch: plain and --ordered-authors)",
        &all,
        pyld_results,
    );
    v.tally("oracle_vocab.py", &plain, vocab_results);
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
        "author" => empty("authors"),
        // A classic chapter is `@incollection` even when the TEI names no editor.
        "editor" => empty("editors"),
        "title" => empty("title"),
        "journaltitle" | "journal" => empty("journal"),
        "booktitle" => empty("container"),
        // A placeholder such as `$LastChangedDate$` is no date: the TEI lacks one when
        // no year (four digits in a row) can be read from the value.
        "date" | "year" | "date, year" | "year, date" => {
            empty("date") || !record["date"].as_str().is_some_and(has_year)
        }
        "institution" | "school" => empty("institution"),
        "publisher" | "organization" => empty("publisher"),
        _ => return None,
    })
}

/// True when `date` holds a run of exactly four digits: a year a writer can use.
fn has_year(date: &str) -> bool {
    date.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
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

/// Exports one job as BibTeX and runs `check_bib.sh` on it.
fn check_bibtex(s: &Setup, job: &Job<'_>) -> Result<(), String> {
    let out = s.dir.join(format!("{}.bib", job.name));
    let mut args = vec!["--to", "bibtex"];
    args.extend_from_slice(job.args);
    s.export(&args, &job.inputs, &out, job.exit)?;
    let bib = std::fs::read_to_string(&out).map_err(|e| format!("not UTF-8: {e}"))?;
    let keys = entry_keys(&bib);
    if keys.len() != job.records.len() {
        return Err(format!(
            "{} entries, want {}",
            keys.len(),
            job.records.len()
        ));
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
            record_lacks(job.records[i], &field)
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
    let jobs = s.jobs(&[&[], &["--classic"]]);
    let results = par_map(&jobs, |job| check_bibtex(&s, job));
    let mut v = Verdicts::default();
    let all: Vec<&Job<'_>> = jobs.iter().collect();
    v.tally(
        "check_bib.sh (batch: BibLaTeX and --classic)",
        &all,
        results,
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
    let placeholder = serde_json::json!({"date": "$LastChangedDate$"});
    assert_eq!(record_lacks(&placeholder, "date, year"), Some(true));
    let timestamp = serde_json::json!({"date": "2017-04-10 17:16:26"});
    assert_eq!(record_lacks(&timestamp, "date, year"), Some(false));
    assert_eq!(
        entry_keys("@comment{x}\n@article{lovelace1843,\n title={T}}\n  @Book{b:2, x}\n"),
        ["lovelace1843", "b:2"]
    );
}
