//! Every sample in `samples/invalid/` gives the diagnostics its opening comment promises
//! (`expect: warning tei::lint::… line N`), at that line, in the short, JSON and human
//! formats; every valid sample passes the default profile; every problem code has a
//! sample; and the human rendering of each invalid sample matches its snapshot in
//! `tests/snapshots/` (fixed theme and width; `UPDATE_SNAPSHOTS=1` rewrites them).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{root, teimeta};
use miette::{GraphicalReportHandler, GraphicalTheme};
use teimeta::validate::{check, Code, FileReport, Profile};

/// What a sample's opening comment promises.
#[derive(Debug)]
struct Sample {
    /// The path relative to the crate root, as reports name it.
    path: String,
    /// The `--profile` argument: a built-in name or a path relative to the crate root.
    profile: String,
    /// (severity, code, line) for every diagnostic, sorted.
    expect: Vec<(String, String, Option<usize>)>,
}

impl Sample {
    fn has_errors(&self) -> bool {
        self.expect.iter().any(|(s, _, _)| s == "error")
    }
}

fn invalid_samples() -> Vec<Sample> {
    let dir = root().join("samples/invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/invalid exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files.iter().map(|f| read_sample(f)).collect()
}

fn read_sample(file: &Path) -> Sample {
    let bytes = std::fs::read(file).unwrap();
    // The comment is ASCII or UTF-8 even in the Latin-1 sample.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(3000)]).into_owned();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let mut profile = None;
    let mut expect = Vec::new();
    for line in head.lines().map(str::trim) {
        if let Some(p) = line.strip_prefix("profile: ") {
            profile = Some(if p.ends_with(".toml") {
                format!("samples/invalid/{p}")
            } else {
                p.to_string()
            });
        }
        if let Some(e) = line.strip_prefix("expect: ") {
            let parts: Vec<&str> = e.split_whitespace().collect();
            assert!(
                parts.len() == 4 && parts[2] == "line",
                "{name}: expect line `{e}` is not `SEVERITY CODE line N`"
            );
            let line = match parts[3] {
                "none" => None,
                n => Some(n.parse().expect("a line number")),
            };
            expect.push((parts[0].to_string(), parts[1].to_string(), line));
        }
    }
    assert!(!expect.is_empty(), "{name} promises no diagnostic");
    expect.sort();
    Sample {
        path: format!("samples/invalid/{name}"),
        profile: profile.unwrap_or_else(|| panic!("{name} names no profile")),
        expect,
    }
}

#[test]
fn json_gives_each_sample_its_diagnostics_at_their_lines() {
    for s in invalid_samples() {
        let (code, out, err) = teimeta(&[
            "validate",
            "--format",
            "json",
            "--profile",
            &s.profile,
            &s.path,
        ]);
        let want_exit = if s.has_errors() { 1 } else { 0 };
        assert_eq!(code, want_exit, "{}: exit status; stderr: {err}", s.path);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{}: one record: {out}", s.path);
        let rec: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(rec["source"], s.path.as_str());
        assert_eq!(rec["valid"], !s.has_errors(), "{}", s.path);
        let diags = rec["diagnostics"].as_array().unwrap();
        let mut got: Vec<(String, String, Option<usize>)> = diags
            .iter()
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_string(),
                    d["code"].as_str().unwrap().to_string(),
                    d["line"].as_u64().map(|l| l as usize),
                )
            })
            .collect();
        got.sort();
        assert_eq!(got, s.expect, "{}: diagnostics", s.path);
        let errors = s.expect.iter().filter(|e| e.0 == "error").count();
        assert_eq!(rec["errors"], errors, "{}", s.path);
        assert_eq!(rec["warnings"], s.expect.len() - errors, "{}", s.path);
        for d in diags {
            assert!(
                !d["message"].as_str().unwrap().is_empty(),
                "{}: a message",
                s.path
            );
            assert!(
                !d["help"].as_str().unwrap_or("").is_empty(),
                "{}: {} has help",
                s.path,
                d["code"]
            );
        }
    }
}

#[test]
fn short_gives_each_sample_one_line_per_diagnostic_at_its_line() {
    for s in invalid_samples() {
        let (_, out, err) = teimeta(&[
            "validate",
            "--format",
            "short",
            "--profile",
            &s.profile,
            &s.path,
        ]);
        let mut got = Vec::new();
        for line in out.lines() {
            // file:line:column: severity[code]: message, or file: severity[code]: message
            let rest = line
                .strip_prefix(s.path.as_str())
                .unwrap_or_else(|| panic!("{}: line names the file: {line}", s.path));
            let (at, rest) = match rest.strip_prefix(':') {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => {
                    let mut it = r.splitn(3, ':');
                    let l: usize = it.next().unwrap().parse().unwrap();
                    let c: usize = it.next().unwrap().parse().unwrap();
                    assert!(l >= 1 && c >= 1, "1-based: {line}");
                    (Some(l), it.next().unwrap())
                }
                Some(r) => (None, r),
                None => panic!("{}: no colon after the file: {line}", s.path),
            };
            let rest = rest.strip_prefix(' ').unwrap();
            let (sev, rest) = rest.split_once('[').unwrap();
            let (code, message) = rest.split_once("]: ").unwrap();
            assert!(!message.is_empty(), "{line}");
            got.push((sev.to_string(), code.to_string(), at));
        }
        got.sort();
        assert_eq!(got, s.expect, "{}: short lines; stderr {err}", s.path);
    }
}

#[test]
fn human_names_each_diagnostic_with_its_place() {
    for s in invalid_samples() {
        let (_, out, _) = teimeta(&[
            "validate",
            "--format",
            "human",
            "--profile",
            &s.profile,
            &s.path,
        ]);
        assert!(
            !out.contains('\u{1b}'),
            "{}: no colour off a terminal",
            s.path
        );
        for (sev, code, line) in &s.expect {
            let heading = match sev.as_str() {
                "warning" => format!("Warning: {code}"),
                _ => format!("Error: {code}"),
            };
            // A read error is the report itself: its code heads it without a prefix.
            assert!(
                out.contains(&heading) || out.starts_with(code.as_str()),
                "{}: {heading} in\n{out}",
                s.path
            );
            if let Some(line) = line {
                // Drawn at its place, or (a problem many authors share, drawn once) named
                // in the list of the authors it concerns.
                let place = format!("╭─[{}:{line}:", s.path);
                let flat = out.replace('│', " ");
                let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
                let listed = format!(" at line {line}");
                assert!(
                    out.contains(&place) || flat.contains(&listed),
                    "{}: {place} in\n{out}",
                    s.path
                );
            }
        }
    }
}

#[test]
fn every_problem_code_has_a_sample() {
    let covered: BTreeSet<String> = invalid_samples()
        .into_iter()
        .flat_map(|s| s.expect.into_iter().map(|e| e.1))
        .collect();
    let mut missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.contains(*c))
        .collect();
    // The reader's errors, except tei::io, which no file in a repository can show.
    for read in [
        "tei::xml::malformed",
        "tei::not_tei",
        "tei::xml::empty",
        "tei::binary",
        "tei::encoding",
    ] {
        if !covered.contains(read) {
            missing.push(read);
        }
    }
    assert!(missing.is_empty(), "codes without a sample: {missing:?}");
}

#[test]
fn the_samples_readme_lists_every_invalid_sample() {
    let readme = std::fs::read_to_string(root().join("samples/README.md")).unwrap();
    let section = readme
        .split("## samples/invalid/")
        .nth(1)
        .expect("a samples/invalid/ section");
    let section = section.split("\n## ").next().unwrap();
    let listed: BTreeSet<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect();
    let present: BTreeSet<String> = std::fs::read_dir(root().join("samples/invalid"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed, present);
}

#[test]
fn the_seed_footnote_sample_labels_the_footnote_itself() {
    let (_, out, _) = teimeta(&[
        "validate",
        "--format",
        "human",
        "samples/invalid/seed-abstract-footnote.xml",
    ]);
    assert!(out.contains("popeyevn@sogang.ac.kr"), "{out}");
    // The aside points at the footnote's first line in the abstract.
    let text =
        std::fs::read_to_string(root().join("samples/invalid/seed-abstract-footnote.xml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("* HK Assistant Professor"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "╭─[samples/invalid/seed-abstract-footnote.xml:{line}:"
        )),
        "the footnote at line {line} in\n{out}"
    );
}

#[test]
fn every_valid_sample_passes_the_default_profile() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "valid samples exist");
    for f in files {
        let rel = format!("samples/{}", f.file_name().unwrap().to_string_lossy());
        let (code, out, err) = teimeta(&["validate", "--format", "json", &rel]);
        assert_eq!(code, 0, "{rel}: {out}{err}");
        let rec: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(rec["valid"], true, "{rel}");
        assert_eq!(rec["errors"], 0, "{rel}");
    }
}

// ---------------------------------------------------------------------------------------
// Snapshots

const WIDTH: usize = 100;

fn render(sample: &Sample) -> String {
    let profile = Profile::load(&sample.profile).expect("the sample's profile loads");
    let report = match teimeta::parse::read_path(Path::new(&sample.path)) {
        Ok(doc) => {
            let problems = check(&doc, &profile);
            FileReport::checked(doc, problems, &profile.name)
        }
        Err(e) => FileReport::unreadable(e),
    };
    let diagnostic = report
        .diagnostic()
        .expect("an invalid sample has something to report");
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(WIDTH)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

fn snapshot_path(sample: &Sample) -> PathBuf {
    let name = Path::new(&sample.path)
        .file_stem()
        .unwrap()
        .to_string_lossy();
    root().join(format!("tests/snapshots/{name}.human.txt"))
}

#[test]
fn human_reports_match_their_snapshots() {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for s in invalid_samples() {
        let rendered = render(&s);
        let path = snapshot_path(&s);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(snap) if snap == rendered => {}
            Ok(snap) => stale.push(format!(
                "{}: differs from the rendering:\n--- snapshot\n{snap}\n--- now\n{rendered}",
                path.display()
            )),
            Err(_) => stale.push(format!("{}: missing", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots out of date (review, then rerun with UPDATE_SNAPSHOTS=1):\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_binary_renders_the_human_format_like_the_snapshots_off_a_terminal() {
    for name in [
        "seed-abstract-footnote",
        "issn-same-print-and-electronic",
        "malformed-xml",
    ] {
        let s = read_sample(&root().join(format!("samples/invalid/{name}.xml")));
        let snap = std::fs::read_to_string(snapshot_path(&s)).expect("the snapshot exists");
        let (_, out, _) = teimeta(&[
            "validate",
            "--format",
            "human",
            "--profile",
            &s.profile,
            &s.path,
        ]);
        assert_eq!(out, format!("{snap}\n"), "{name}");
    }
}
