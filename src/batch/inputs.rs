//! From what the user named (paths, `-`, `--files-from`) to the list of inputs.
//!
//! A file stands for itself; a directory for every file below it whose name matches the
//! glob (`*.xml` by default), in path order; `-` for one document on stdin. One bad path
//! never stops the others: a path given on the command line that does not exist, or a
//! directory without a matching file, is a [`Problem`] (exit status 2), and an entry that
//! cannot be used while walking a directory (a dangling link, a link loop, an unreadable
//! folder) becomes an input that fails to read (exit status 1), so it is counted and
//! reported like any unreadable file.

use std::io::BufRead;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use super::read::STDIN_NAME;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// An entry found while walking a directory that cannot be read: the reason.
    Broken(String),
}

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub source: Source,
    /// How messages and records name it: the path as given or found, or `<stdin>`.
    pub name: String,
    /// Its path relative to the argument it came from, made only of plain names (no
    /// root, no `..`): `b/c.xml` for `a/b/c.xml` found under `a`. `--out-dir` mirrors it
    /// and `--shard` hashes it.
    pub rel: PathBuf,
    /// Found by walking a directory (rather than named on the command line, in a
    /// `--files-from` list, or stdin).
    pub walked: bool,
}

impl Input {
    /// The key `--shard` hashes, with `/` separators: the path relative to the
    /// directory argument for a file found by walking it ([`Input::rel`]), else the path
    /// as given without `.` components (`./a/b.xml` → `a/b.xml`, `/x/y.xml` stays).
    pub fn shard_key(&self) -> String {
        let named = Path::new(&self.name);
        let path = if self.walked {
            self.rel.as_path()
        } else {
            named
        };
        let mut key = String::new();
        for c in path.components() {
            match c {
                Component::CurDir => continue,
                Component::RootDir => {}
                other => key.push_str(&other.as_os_str().to_string_lossy()),
            }
            if !key.ends_with('/') {
                key.push('/');
            }
        }
        key.pop();
        key
    }
}

/// A path given by the user that yields nothing to process; makes the exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path as given.
    pub path: String,
    /// What is wrong, for `teimeta: error: PATH: MESSAGE`.
    pub message: String,
}

/// What the user asked to process.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Paths from the command line; `-` is stdin.
    pub paths: Vec<PathBuf>,
    /// `--files-from`: a file listing paths, one per line; `-` is stdin.
    pub files_from: Option<PathBuf>,
    /// `--glob`: which files a directory stands for (default `*.xml`).
    pub glob: Option<String>,
}

/// The expanded inputs, and the paths that yielded nothing.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Every input, in order.
    pub inputs: Vec<Input>,
    /// Command-line paths (and listed directories) that do not exist or hold no
    /// matching file.
    pub problems: Vec<Problem>,
}

/// The default `--glob`.
pub const DEFAULT_GLOB: &str = "*.xml";

/// Expands `request` into inputs. An `Err` is a usage error that stops everything: a bad
/// glob, an unreadable `--files-from` list, or stdin named twice.
pub fn expand(request: &Request) -> Result<Expanded, String> {
    let pattern = request.glob.as_deref().unwrap_or(DEFAULT_GLOB);
    let glob = Glob::new(pattern)?;
    let stdin_paths = request.paths.iter().filter(|p| is_dash(p)).count()
        + usize::from(request.files_from.as_deref().is_some_and(is_dash));
    if stdin_paths > 1 {
        return Err("stdin (`-`) can be used only once: as one input or as --files-from -".into());
    }
    let mut out = Expanded::default();
    for path in &request.paths {
        if is_dash(path) {
            out.inputs.push(Input {
                source: Source::Stdin,
                name: STDIN_NAME.to_string(),
                rel: PathBuf::from("stdin.xml"),
                walked: false,
            });
            continue;
        }
        add_path(path, &glob, true, &mut out);
    }
    if let Some(list) = &request.files_from {
        let reader: Box<dyn BufRead> = if is_dash(list) {
            Box::new(std::io::stdin().lock())
        } else {
            let file = std::fs::File::open(list).map_err(|e| {
                format!("{}: cannot read the --files-from list: {e}", list.display())
            })?;
            Box::new(std::io::BufReader::new(file))
        };
        for line in reader.lines() {
            let line = line.map_err(|e| format!("--files-from {}: {e}", list.display()))?;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            add_path(Path::new(line), &glob, false, &mut out);
        }
    }
    Ok(out)
}

fn is_dash(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Adds what `path` stands for. `on_command_line`: a missing path is a [`Problem`] (exit
/// 2); a missing line of a `--files-from` list is an input that fails to read (exit 1),
/// so that one stale line in a list does not look like a usage error.
fn add_path(path: &Path, glob: &Glob, on_command_line: bool, out: &mut Expanded) {
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let before = out.inputs.len();
            walk(path, glob, &mut out.inputs);
            if out.inputs.len() == before {
                out.problems.push(Problem {
                    path: name.clone(),
                    message: format!("no {} files under {name}", glob.pattern),
                });
            }
        }
        Ok(_) => out.inputs.push(Input {
            source: Source::File(path.to_path_buf()),
            rel: relative_as_given(path),
            walked: false,
            name,
        }),
        Err(e) => {
            let message = why_missing(path, &e);
            if on_command_line {
                out.problems.push(Problem {
                    path: name,
                    message,
                });
            } else {
                out.inputs.push(Input {
                    source: Source::Broken(message),
                    rel: relative_as_given(path),
                    walked: false,
                    name,
                });
            }
        }
    }
}

fn why_missing(path: &Path, e: &std::io::Error) -> String {
    let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling && e.kind() == std::io::ErrorKind::NotFound {
        match std::fs::read_link(path) {
            Ok(to) => format!(
                "dangling symbolic link (to {}, which does not exist)",
                to.display()
            ),
            Err(_) => "dangling symbolic link".to_string(),
        }
    } else if e.raw_os_error() == Some(40) || e.to_string().contains("symbolic links") {
        "symbolic link loop (too many levels of symbolic links)".to_string()
    } else if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or directory".to_string()
    } else {
        e.to_string()
    }
}

/// Every matching file under `dir`, in path order; unusable entries become
/// [`Source::Broken`] inputs.
fn walk(dir: &Path, glob: &Glob, inputs: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
                if glob.matches(&rel) {
                    inputs.push(Input {
                        name: e.path().display().to_string(),
                        source: Source::File(e.into_path()),
                        rel,
                        walked: true,
                    });
                }
            }
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                let message = if let Some(ancestor) = err.loop_ancestor() {
                    format!(
                        "symbolic link loop: it leads back to {}, which is already being walked",
                        ancestor.display()
                    )
                } else {
                    let io = err
                        .io_error()
                        .map(|e| std::io::Error::new(e.kind(), e.to_string()))
                        .unwrap_or_else(|| std::io::Error::other(err.to_string()));
                    let dangling =
                        std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                    // A dangling link is an input only when its name matches, like a file.
                    if dangling && !glob.matches(&rel) {
                        continue;
                    }
                    why_missing(&path, &io)
                };
                inputs.push(Input {
                    name: path.display().to_string(),
                    source: Source::Broken(message),
                    rel,
                    walked: true,
                });
            }
        }
    }
}

/// A file named directly: its path without a leading `./` when it is relative and plain,
/// else (absolute, or with `..`) its file name.
fn relative_as_given(path: &Path) -> PathBuf {
    let plain: Option<PathBuf> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    match plain {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
    }
}

/// `--glob`: a pattern without `/` matches a file's name; one with `/` matches its path
/// relative to the directory walked. Matching ignores case (`*.xml` matches `A.XML`).
struct Glob {
    pattern: String,
    matcher: GlobMatcher,
    whole_path: bool,
}

impl Glob {
    fn new(pattern: &str) -> Result<Glob, String> {
        let matcher = GlobBuilder::new(pattern)
            .case_insensitive(true)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("--glob {pattern}: {e}"))?
            .compile_matcher();
        Ok(Glob {
            pattern: pattern.to_string(),
            matcher,
            whole_path: pattern.contains('/'),
        })
    }

    fn matches(&self, rel: &Path) -> bool {
        if self.whole_path {
            self.matcher.is_match(rel)
        } else {
            rel.file_name().is_some_and(|n| self.matcher.is_match(n))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_file_is_mirrored_as_given_when_plain_else_by_name() {
        assert_eq!(
            relative_as_given(Path::new("./a/b.xml")),
            PathBuf::from("a/b.xml")
        );
        assert_eq!(
            relative_as_given(Path::new("/abs/b.xml")),
            PathBuf::from("b.xml")
        );
        assert_eq!(
            relative_as_given(Path::new("../up/b.xml")),
            PathBuf::from("b.xml")
        );
        assert_eq!(
            relative_as_given(Path::new("a/../b.xml")),
            PathBuf::from("b.xml")
        );
    }

    #[test]
    fn shard_keys_are_relative_to_a_walked_argument_else_as_given() {
        let input = |name: &str, rel: &str, walked| Input {
            source: Source::Stdin,
            name: name.to_string(),
            rel: PathBuf::from(rel),
            walked,
        };
        assert_eq!(input("/a/b/c.xml", "b/c.xml", true).shard_key(), "b/c.xml");
        assert_eq!(
            input("./x/./y.xml", "x/y.xml", false).shard_key(),
            "x/y.xml"
        );
        assert_eq!(
            input("/abs/y.xml", "y.xml", false).shard_key(),
            "/abs/y.xml"
        );
        assert_eq!(
            input("../up/y.xml", "y.xml", false).shard_key(),
            "../up/y.xml"
        );
    }

    #[test]
    fn globs_match_names_or_relative_paths_ignoring_case() {
        let g = Glob::new("*.tei.xml").unwrap();
        assert!(g.matches(Path::new("x/a.tei.xml")) && g.matches(Path::new("A.TEI.XML")));
        assert!(!g.matches(Path::new("a.xml")));
        let g = Glob::new("2024/**/*.xml").unwrap();
        assert!(g.matches(Path::new("2024/05/a.xml")) && !g.matches(Path::new("2023/a.xml")));
        assert!(Glob::new("a[").is_err());
    }
}
