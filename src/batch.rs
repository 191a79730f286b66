//! Inputs, parallel work and ordered output.
//!
//! Files are read and parsed on rayon's thread pool in chunks; results are handed back
//! in input order, whatever the threads did, so output is deterministic. A file that
//! cannot be read is a result ([`ReadError`]), never a stop.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::{parse, Document, ReadError};

/// How many files are parsed in parallel before their results are handed on. Bounds
/// memory on huge batches while keeping both cores busy.
const CHUNK: usize = 256;

/// A path given on the command line that does not exist or cannot be listed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// Why it cannot be used.
    pub reason: String,
}

/// Expands `paths` into the files to read, in order: a file stands for itself; a directory
/// stands for every `*.xml` file below it, sorted by path.
pub fn expand_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| InputError {
            path: path.display().to_string(),
            reason: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or directory".to_string()
            } else {
                e.to_string()
            },
        })?;
        if !meta.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(path).follow_links(true) {
            let entry = entry.map_err(|e| InputError {
                path: e.path().unwrap_or(path).display().to_string(),
                reason: e.to_string(),
            })?;
            if entry.file_type().is_file() && is_xml(entry.path()) {
                found.push(entry.into_path());
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn is_xml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Reads and parses every file in parallel, and calls `f` with each outcome in input
/// order. `f` returning `false` stops early (e.g. the output pipe was closed).
pub fn for_each_document<F>(files: &[PathBuf], mut f: F)
where
    F: FnMut(&Path, Result<Document, ReadError>) -> bool,
{
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<Document, ReadError>> =
            chunk.par_iter().map(|p| parse::read_path(p)).collect();
        for (path, result) in chunk.iter().zip(results) {
            if !f(path, result) {
                return;
            }
        }
    }
}
