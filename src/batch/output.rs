//! Writing outputs so that nobody ever sees half of one: [`AtomicFile`] (a temporary file
//! beside the destination, renamed over it when complete) and [`OutDir`] (one output per
//! input under a directory, never outside it).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A file written under a temporary name in the destination's folder and renamed over the
/// destination by [`AtomicFile::commit`]; dropped uncommitted, the temporary file is
/// removed and the destination left as it was.
///
/// A destination that exists and is not a regular file (`/dev/stdout`, `/dev/null`, a
/// named pipe) is written directly: it cannot be replaced, and need not be.
pub struct AtomicFile {
    out: BufWriter<File>,
    /// `(temporary, destination)`, or `None` when writing directly.
    rename: Option<(PathBuf, PathBuf)>,
}

impl AtomicFile {
    /// Starts writing `dest`.
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        // Write beside what a link points to, so that the link stays a link.
        let dest = match std::fs::symlink_metadata(dest) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(dest)?,
            _ => dest.to_path_buf(),
        };
        if std::fs::metadata(&dest).is_ok_and(|m| !m.is_file()) {
            let file = OpenOptions::new().write(true).open(&dest)?;
            return Ok(AtomicFile {
                out: BufWriter::new(file),
                rename: None,
            });
        }
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let temp_name = format!(
            ".{}.teimeta-{}-{}.tmp",
            name.to_string_lossy(),
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let temp = dest.with_file_name(temp_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        Ok(AtomicFile {
            out: BufWriter::with_capacity(64 * 1024, file),
            rename: Some((temp, dest)),
        })
    }

    /// Flushes and moves the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        self.out.flush()?;
        if let Some((temp, dest)) = self.rename.take() {
            if let Err(e) = std::fs::rename(&temp, &dest) {
                let _ = std::fs::remove_file(&temp);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Writes `bytes` to `dest` atomically.
    pub fn write_whole(dest: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut f = AtomicFile::create(dest)?;
        f.write_all(bytes)?;
        f.commit()
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some((temp, _)) = &self.rename {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// `--out-dir`: one output per input, at the input's relative path with the output's
/// extension. Nothing is written outside the directory: relative paths hold only plain
/// names, and a folder inside it that is a symbolic link is refused rather than followed.
#[derive(Debug, Clone)]
pub struct OutDir {
    root: PathBuf,
}

impl OutDir {
    /// Creates `dir` if needed.
    pub fn new(dir: &Path) -> io::Result<OutDir> {
        std::fs::create_dir_all(dir)?;
        Ok(OutDir {
            root: std::fs::canonicalize(dir)?,
        })
    }

    /// Where the output for the input at `rel` goes: `DIR/rel` with extension `ext`.
    /// `None` when `rel` is not made of plain names only (it always is for inputs from
    /// [`super::inputs::expand`]).
    pub fn target(&self, rel: &Path, ext: &str) -> Option<PathBuf> {
        let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
        (plain && rel.file_name().is_some()).then(|| self.root.join(rel).with_extension(ext))
    }

    /// True when `target` exists and is at least as new as `input` (`--skip-existing`).
    pub fn is_fresh(target: &Path, input: &Path) -> bool {
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        match (modified(target), modified(input)) {
            (Some(out), Some(inp)) => out >= inp,
            _ => false,
        }
    }

    /// Writes `bytes` to `target` (from [`OutDir::target`]) atomically, creating the
    /// folders between, none of which may be a symbolic link.
    pub fn write(&self, target: &Path, bytes: &[u8]) -> io::Result<()> {
        let rel = target
            .strip_prefix(&self.root)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "outside --out-dir"))?;
        let mut dir = self.root.clone();
        if let Some(parent) = rel.parent() {
            for c in parent.components() {
                let Component::Normal(name) = c else {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "outside --out-dir",
                    ));
                };
                dir.push(name);
                match std::fs::symlink_metadata(&dir) {
                    Ok(m) if m.file_type().is_symlink() => {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!(
                                "{} is a symbolic link: refusing to write through it",
                                dir.display()
                            ),
                        ))
                    }
                    Ok(m) if m.is_dir() => {}
                    Ok(_) => {
                        return Err(io::Error::new(
                            io::ErrorKind::AlreadyExists,
                            format!("{} exists and is not a folder", dir.display()),
                        ))
                    }
                    Err(_) => match std::fs::create_dir(&dir) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                        Err(e) => return Err(e),
                    },
                }
            }
        }
        // A link at the target itself is replaced by the rename, never followed.
        if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
            std::fs::remove_file(target)?;
        }
        AtomicFile::write_whole(target, bytes)
    }
}

/// True when `a` and `b` name the same existing file (same device and inode on Unix).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_no_trace_and_a_committed_one_replaces() {
        let dir = std::env::temp_dir().join(format!("teimeta-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("out.json");
        std::fs::write(&dest, "old").unwrap();
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        AtomicFile::write_whole(&dest, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn targets_stay_inside() {
        let dir = std::env::temp_dir().join(format!("teimeta-outdir-{}", std::process::id()));
        let out = OutDir::new(&dir).unwrap();
        assert!(out.target(Path::new("../x.xml"), "json").is_none());
        assert!(out.target(Path::new("/etc/x.xml"), "json").is_none());
        let t = out.target(Path::new("b/c.xml"), "json").unwrap();
        assert!(t.ends_with("b/c.json") && t.starts_with(&out.root));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Where each input's output goes: into the combined output, or its own file under
/// `--out-dir` (skipped when up to date under `--skip-existing`).
#[derive(Debug, Clone)]
pub struct Placement {
    out_dir: Option<OutDir>,
    ext: &'static str,
    skip_existing: bool,
}

/// Where one input's output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The combined output (stdout or `-o`).
    Combined,
    /// This file under `--out-dir`.
    File(PathBuf),
    /// Nowhere: `--skip-existing` found its output up to date.
    UpToDate,
    /// Nowhere: the reason (an input path that cannot be mirrored; a guard).
    Refused(String),
}

impl Placement {
    /// Outputs under `out_dir` (when given) with extension `ext`.
    pub fn new(out_dir: Option<OutDir>, ext: &'static str, skip_existing: bool) -> Placement {
        Placement {
            out_dir,
            ext,
            skip_existing,
        }
    }

    /// Where `input`'s output goes.
    pub fn of(&self, input: &super::Input) -> Place {
        let Some(dir) = &self.out_dir else {
            return Place::Combined;
        };
        let Some(target) = dir.target(&input.rel, self.ext) else {
            return Place::Refused(format!("{}: no place for it under --out-dir", input.name));
        };
        match &input.source {
            super::Source::File(path) if self.skip_existing && OutDir::is_fresh(&target, path) => {
                Place::UpToDate
            }
            _ => Place::File(target),
        }
    }

    /// Writes `bytes` (or fails with their error) to `target` from [`Placement::of`];
    /// `Some(message)` when that failed.
    pub fn write(&self, target: &Path, bytes: io::Result<Vec<u8>>) -> Option<String> {
        let dir = self.out_dir.as_ref()?;
        bytes
            .and_then(|b| dir.write(target, &b))
            .err()
            .map(|e| format!("{}: cannot write: {e}", target.display()))
    }
}
