//! Test support shared by the integration tests: where `../shared` and the export
//! checkers are, and the visible skip that `TEIMETA_STRICT_TESTS=1` turns into a failure.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod checkers;
pub mod fixtures;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The teimeta binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_teimeta"))
}

/// Runs teimeta with `args`; returns (exit code, stdout, stderr).
pub fn teimeta(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the teimeta binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// True when a skip must fail the test instead (CI sets TEIMETA_STRICT_TESTS=1).
pub fn strict() -> bool {
    std::env::var("TEIMETA_STRICT_TESTS").is_ok_and(|v| v == "1")
}

/// Skips the calling test with a visible message, or fails it in strict mode.
pub fn skip(test: &str, why: &str) {
    if strict() {
        panic!("{test}: cannot run: {why} (TEIMETA_STRICT_TESTS=1 forbids skipping)");
    }
    // Straight to the stderr handle: the test harness captures `eprintln!` from tests
    // that pass, and a skip must be seen.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// `../shared` (or $TEIMETA_SHARED), if present.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("TEIMETA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    dir.join("corpus").is_dir().then_some(dir)
}

/// `../shared/corpus`, or a visible skip.
pub fn corpus_or_skip(test: &str) -> Option<PathBuf> {
    let dir = shared().map(|s| s.join("corpus"));
    if dir.is_none() {
        skip(
            test,
            "../shared/corpus is absent (set TEIMETA_SHARED to its parent)",
        );
    }
    dir
}

/// Every corpus TEI file (`*.xml`), sorted, excluding `expect/`.
pub fn corpus_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(corpus)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "expect") {
                    out.extend(walk(&p));
                }
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The Python of the export checkers' venv: $TEIMETA_ORACLE_VENV, else `.oracle-venv`
/// in the crate root (what `sh ../shared/oracles/install.sh .oracle-venv` makes).
pub fn oracle_python() -> Option<PathBuf> {
    let venv = std::env::var_os("TEIMETA_ORACLE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".oracle-venv"));
    let py = venv.join("bin/python");
    py.is_file().then_some(py)
}

/// `../shared/oracles` and the checkers' Python, or a visible skip.
pub fn oracles_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    let dir = shared().map(|s| s.join("oracles"));
    let py = oracle_python();
    let biber = Command::new("biber").arg("--version").output().is_ok();
    match (dir, py, biber) {
        (Some(d), Some(p), true) => Some((d, p)),
        _ => {
            skip(
                test,
                "the export checkers are absent (run: sh ../shared/oracles/install.sh .oracle-venv)",
            );
            None
        }
    }
}

/// A fresh directory for one test's files, unique to this process: removed when the test
/// passes, kept for a look when it fails.
pub struct Scratch(PathBuf);

impl Scratch {
    /// An empty directory named after `test` under the system temp dir.
    pub fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("teimeta-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temp dir is writable");
        Scratch(dir)
    }

    /// A path inside the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Metadata written to attack an output format (issue 8): spreadsheet formulas, a BibTeX
/// field or entry break-out, TeX commands that read files or run programs, comments,
/// unbalanced braces, JSON and CSV quoting. Property tests mix these into their text.
pub const ATTACKS: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"y\")",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "} , author = {x",
    "}, author = {x},",
    "\", author = \"x",
    "@comment{",
    "@string{x = \"y\"}",
    "@article{k,",
    "\\input{/etc/passwd}",
    "\\include{x}",
    "\\write18{rm -rf /}",
    "\\immediate\\write18{id}",
    "\\catcode`\\{=12",
    "\\end{document}",
    "\\",
    "\\\\",
    "{",
    "}",
    "{{",
    "}}",
    "%",
    "% comment\n",
    "#",
    "#1",
    "\"",
    "\",\"",
    "\r\n",
    "\u{2028}",
    "\\u0000",
    "</script>",
];

/// [`ATTACKS`] run together, with some awkward text between.
pub fn attack() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(ATTACKS).prop_map(str::to_string),
            1 => "[a-z =@{}\\\\%#\"]{0,4}",
        ],
        1..6,
    )
    .prop_map(|v| v.concat())
}
