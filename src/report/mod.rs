//! Batch reports: one [`Record`] per input, for `--report FILE.json` (JSON Lines) and
//! `--report FILE.html` (one self-contained page), written by `validate` and `convert`
//! alike.
//!
//! A record is small and owns no source text beyond a few lines of excerpt per
//! diagnostic, so a batch can keep them for the report at the end.

use serde::Serialize;

pub mod html;

use crate::validate::report::{Entry, Label};
use crate::validate::FileReport;
use crate::ReadError;

/// How many lines of XML before and after a diagnostic's line its excerpt shows.
const EXCERPT_CONTEXT: usize = 2;
/// The longest excerpt line kept, in characters; longer lines are cut with `…`.
const EXCERPT_LINE_CHARS: usize = 240;

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// `validate`: no error and no warning.
    Valid,
    /// `validate`: warnings only.
    Warnings,
    /// `validate`: at least one error.
    Errors,
    /// `convert`: written.
    Converted,
    /// Could not be read as a TEI document (I/O, encoding, malformed XML, not TEI, empty).
    Unreadable,
    /// teimeta itself failed on this file (a caught panic); a bug to report.
    InternalError,
    /// Skipped on purpose: `--skip-existing` found its output up to date. (A file over
    /// `--max-file-size` is refused, which is `Unreadable`.)
    Skipped,
}

impl Outcome {
    /// The outcome's name as the reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Valid => "valid",
            Outcome::Warnings => "warnings",
            Outcome::Errors => "errors",
            Outcome::Converted => "converted",
            Outcome::Unreadable => "unreadable",
            Outcome::InternalError => "internal_error",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One input's line in a batch report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The input's path as given (or `<stdin>`).
    pub path: String,
    /// What became of it.
    pub outcome: Outcome,
    /// The validation profile, for `validate`.
    pub profile: Option<String>,
    /// Number of error diagnostics (an unreadable file counts one).
    pub errors: usize,
    /// Number of warning diagnostics.
    pub warnings: usize,
    /// The diagnostics, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One diagnostic of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The stable code (`title::missing`, `tei::xml::malformed`, …).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// 1-based line, when the diagnostic has a place.
    pub line: Option<usize>,
    /// 1-based column in characters, when the diagnostic has a place.
    pub column: Option<usize>,
    /// The XML lines around the place, when the source is at hand.
    pub excerpt: Option<Excerpt>,
    /// Every label of the diagnostic (the main one first, then further places, such as a
    /// footnote's own lines inside an abstract); left out when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
}

/// A few lines of the XML source around a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The 1-based number of the first line in `lines`.
    pub first_line: usize,
    /// The lines, without their line ends.
    pub lines: Vec<String>,
}

/// How much of a validated file's diagnostics a [`Record`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The outcome and counts only: no report is written, so nothing more is needed.
    Counts,
    /// Every diagnostic, with the XML lines around it (for `--report`).
    Excerpts,
}

impl Record {
    /// The record of a validated file (or of one that could not be read, which `report`
    /// says), with as much `detail` as its consumer reads.
    pub fn validated(
        report: &FileReport,
        profile: &str,
        deny_warnings: bool,
        detail: Detail,
    ) -> Record {
        let source = report.text();
        let outcome = if report.read_error().is_some() {
            Outcome::Unreadable
        } else if report.errors() > 0 || (deny_warnings && report.warnings() > 0) {
            Outcome::Errors
        } else if report.warnings() > 0 {
            Outcome::Warnings
        } else {
            Outcome::Valid
        };
        let diagnostics = match detail {
            Detail::Counts => Vec::new(),
            Detail::Excerpts => report
                .entries()
                .into_iter()
                .map(|e| Diagnostic::of_entry(e, source))
                .collect(),
        };
        Record {
            path: report.source.clone(),
            outcome,
            profile: Some(profile.to_string()),
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics,
        }
    }

    /// The record of a file `convert` wrote.
    pub fn converted(path: &str) -> Record {
        Record::plain(path, Outcome::Converted)
    }

    /// The record of a file skipped on purpose; `why` says why.
    pub fn skipped(path: &str, why: &str) -> Record {
        let mut r = Record::plain(path, Outcome::Skipped);
        r.diagnostics
            .push(Diagnostic::unplaced("tei::skipped", why, None));
        r
    }

    /// The record of a file that could not be read as TEI.
    pub fn unreadable(error: &ReadError) -> Record {
        let e = Entry::of_read_error(error);
        let mut r = Record::plain(error.path(), Outcome::Unreadable);
        r.errors = 1;
        r.diagnostics
            .push(Diagnostic::of_entry(e, error.source_text()));
        r
    }

    /// The record of a file teimeta failed on (a caught panic): `message` is the panic's.
    pub fn internal_error(path: &str, message: &str) -> Record {
        let mut r = Record::plain(path, Outcome::InternalError);
        r.errors = 1;
        r.diagnostics.push(Diagnostic::unplaced(
            "tei::internal",
            &format!("internal error in teimeta: {message}"),
            Some("this is a bug in teimeta, not in the file: please report it with the file"),
        ));
        r
    }

    fn plain(path: &str, outcome: Outcome) -> Record {
        Record {
            path: path.to_string(),
            outcome,
            profile: None,
            errors: 0,
            warnings: 0,
            diagnostics: Vec::new(),
        }
    }

    /// The record as one JSON object on one line (no newline at the end).
    pub fn to_json_line(&self) -> String {
        // Strings and numbers always serialise; an empty object is still a record.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

impl Diagnostic {
    /// The diagnostic of a report's entry, with the lines of `source` (the file's text,
    /// when at hand) around its place.
    fn of_entry(e: Entry, source: Option<&str>) -> Diagnostic {
        Diagnostic {
            severity: e.severity.as_str(),
            excerpt: match (source, e.line) {
                (Some(text), Some(line)) => Excerpt::around(text, line),
                _ => None,
            },
            code: e.code,
            message: e.message,
            help: e.help,
            line: e.line,
            column: e.column,
            labels: e.labels,
        }
    }

    fn unplaced(code: &str, message: &str, help: Option<&str>) -> Diagnostic {
        Diagnostic {
            severity: "error",
            code: code.to_string(),
            message: message.to_string(),
            help: help.map(str::to_string),
            line: None,
            column: None,
            excerpt: None,
            labels: Vec::new(),
        }
    }
}

impl Excerpt {
    /// Lines `line - 2 ..= line + 2` of `text` (1-based `line`), each cut to a readable
    /// length; `None` when `line` is past the end.
    pub fn around(text: &str, line: usize) -> Option<Excerpt> {
        let first_line = line.saturating_sub(EXCERPT_CONTEXT).max(1);
        let lines: Vec<String> = text
            .lines()
            .skip(first_line - 1)
            .take(line + EXCERPT_CONTEXT + 1 - first_line)
            .map(cut_line)
            .collect();
        if lines.is_empty() || first_line + lines.len() <= line {
            return None;
        }
        Some(Excerpt { first_line, lines })
    }
}

fn cut_line(line: &str) -> String {
    match line.char_indices().nth(EXCERPT_LINE_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_lines_around_and_cuts_long_ones() {
        let text = "a\nb\nc\nd\ne\nf\n";
        let e = Excerpt::around(text, 1).unwrap();
        assert_eq!((e.first_line, e.lines.join("")), (1, "abc".to_string()));
        let e = Excerpt::around(text, 4).unwrap();
        assert_eq!((e.first_line, e.lines.join("")), (2, "bcdef".to_string()));
        assert!(Excerpt::around(text, 9).is_none());
        let long = "x".repeat(1000);
        let e = Excerpt::around(&long, 1).unwrap();
        assert_eq!(e.lines[0].chars().count(), EXCERPT_LINE_CHARS + 1);
    }

    #[test]
    fn an_unreadable_record_shows_the_lines_around_the_error() {
        let xml = b"<TEI>\n<teiHeader>\n<title>A</titel>\n</teiHeader>\n</TEI>\n";
        let error = crate::parse::parse_bytes(xml, "broken.xml").unwrap_err();
        let r = Record::unreadable(&error);
        assert_eq!(r.outcome, Outcome::Unreadable);
        let d = &r.diagnostics[0];
        let excerpt = d.excerpt.as_ref().expect("an excerpt");
        let line = d.line.unwrap();
        assert!(excerpt.first_line <= line);
        assert_eq!(excerpt.lines[line - excerpt.first_line], "<title>A</titel>");
    }

    #[test]
    fn records_serialise_with_snake_case_outcomes() {
        let r = Record::internal_error("a.xml", "boom");
        let json = r.to_json_line();
        assert!(json.contains(r#""outcome":"internal_error""#), "{json}");
        assert!(json.contains("internal error in teimeta: boom"), "{json}");
    }
}
