//! The Python export checkers of `../shared/oracles` that need no other program
//! (`check_csl.py`, `check_ris.py`), run on many files by one interpreter per core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `../shared/oracles` and the checkers' Python, or a visible skip (a failure under
/// `TEIMETA_STRICT_TESTS=1`).
pub fn python_checkers_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    let dir = super::shared().map(|s| s.join("oracles"));
    match (dir, super::oracle_python()) {
        (Some(d), Some(p)) if d.is_dir() => Some((d, p)),
        _ => {
            super::skip(
                test,
                "the export checkers are absent (run: sh ../shared/oracles/install.sh .oracle-venv)",
            );
            None
        }
    }
}

/// What one checker said of one file.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// The checker exited 0.
    pub ok: bool,
    /// What it printed.
    pub stdout: String,
    /// Its complaints.
    pub stderr: String,
}

/// Runs each file through `script` as `python SCRIPT FILE` would (as `__main__`, with its
/// `sys.argv`), in one interpreter that reads the file names on stdin: the imports are
/// paid once.
const DRIVER: &str = r#"
import contextlib, io, json, runpy, sys, traceback
script = sys.argv[1]
for path in sys.stdin.read().splitlines():
    out, err = io.StringIO(), io.StringIO()
    status = 0
    sys.argv = [script, path]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit as e:
            if isinstance(e.code, int):
                status = e.code
            elif e.code is not None:
                print(e.code, file=sys.stderr)
                status = 1
        except BaseException:
            traceback.print_exc()
            status = 1
    sys.__stdout__.write(json.dumps({"status": status, "stdout": out.getvalue(),
                                     "stderr": err.getvalue()}) + "\n")
    sys.__stdout__.flush()
"#;

/// `script` (a file of `oracles`) on every file of `files`, split among one interpreter
/// per core; verdicts in the order of `files`.
pub fn check_all(python: &Path, oracles: &Path, script: &str, files: &[PathBuf]) -> Vec<Verdict> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = files.len().div_ceil(workers).max(1);
    let script = oracles.join(script);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(|| driver(python, &script, part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a checker thread ends"))
            .collect()
    })
}

fn driver(python: &Path, script: &Path, files: &[PathBuf]) -> Vec<Verdict> {
    let mut child = Command::new(python)
        .arg("-c")
        .arg(DRIVER)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the checkers' python runs");
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin
        .write_all(list.as_bytes())
        .expect("the driver reads its file list");
    drop(stdin);
    let out = child.wait_with_output().expect("the driver ends");
    let mut verdicts: Vec<Verdict> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a driver line is JSON");
            Verdict {
                ok: v["status"] == 0,
                stdout: v["stdout"].as_str().unwrap_or_default().to_string(),
                stderr: v["stderr"].as_str().unwrap_or_default().to_string(),
            }
        })
        .collect();
    // A driver that died leaves the rest of its files unchecked: they fail.
    let died = Verdict {
        ok: false,
        stdout: String::new(),
        stderr: format!(
            "the checker driver stopped: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    };
    verdicts.resize(files.len(), died);
    verdicts
}

/// Every sample and corpus file teimeta is asked to read (readable or not), sorted:
/// `samples/` then `../shared/corpus`.
pub fn candidates(corpus: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let samples = super::root().join("samples");
    if samples.is_dir() {
        files.extend(super::corpus_files(&samples));
    }
    files.extend(super::corpus_files(corpus));
    files
}

/// What a checker test runs through its checker: each readable file exported alone, then
/// the whole batch (unreadable files included) exported as one output, last.
pub struct Exports {
    /// The outputs: one per readable file, then the batch's.
    pub files: Vec<PathBuf>,
    /// What each output is, for the failure messages.
    pub labels: Vec<String>,
    /// How many candidate files could not be read (exit 1, not exported).
    pub unreadable: usize,
}

/// Converts `inputs` `--to format` into `out`; the exit status must be `want`.
fn convert(format: &str, inputs: &[&Path], out: &Path, want: i32) -> Result<(), String> {
    let mut args = vec!["convert", "-q", "--to", format, "-o", out.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    let (code, _, err) = super::teimeta(&args);
    if code == want {
        Ok(())
    } else {
        Err(format!("exit {code}, want {want}: {}", err.trim()))
    }
}

/// Every sample and corpus file (see [`candidates`]) exported `--to format` alone (the
/// unreadable ones, exit 1, left out), then all in one batch whose exit status says
/// whether some were unreadable; the outputs are written in `dir` with extension `ext`.
pub fn export_alone_and_batched(
    corpus: &Path,
    dir: &super::Scratch,
    format: &str,
    ext: &str,
) -> Exports {
    let candidates = candidates(corpus);
    let mut files = Vec::new();
    let mut labels = Vec::new();
    let mut unreadable = 0;
    for (i, input) in candidates.iter().enumerate() {
        let out = dir.file(&format!("one-{i}.{ext}"));
        if convert(format, &[input], &out, 0).is_ok() {
            files.push(out);
            labels.push(input.display().to_string());
        } else {
            unreadable += 1;
        }
    }
    assert!(
        files.len() * 10 >= candidates.len() * 9,
        "only {} of {} files are readable",
        files.len(),
        candidates.len()
    );
    let batch = dir.file(&format!("batch.{ext}"));
    let all: Vec<&Path> = candidates.iter().map(PathBuf::as_path).collect();
    convert(format, &all, &batch, i32::from(unreadable > 0)).expect("the batch converts");
    files.push(batch);
    labels.push(format!("the batch of {} files", candidates.len()));
    Exports {
        files,
        labels,
        unreadable,
    }
}

impl Exports {
    /// The failures among `verdicts` (one per output, in order), each with its label,
    /// after printing how many outputs `script` accepted.
    pub fn failures(&self, script: &str, verdicts: &[Verdict]) -> Vec<String> {
        let alone = verdicts[..verdicts.len() - 1]
            .iter()
            .filter(|v| v.ok)
            .count();
        eprintln!(
            "{script}: {alone}/{} readable files accepted one at a time ({} unreadable \
             not exported); the batch {}",
            verdicts.len() - 1,
            self.unreadable,
            if verdicts.last().is_some_and(|v| v.ok) {
                "accepted"
            } else {
                "refused"
            }
        );
        self.labels
            .iter()
            .zip(verdicts)
            .filter(|(_, v)| !v.ok)
            .map(|(l, v)| format!("{l}:\n{}", v.stderr.trim()))
            .collect()
    }
}
