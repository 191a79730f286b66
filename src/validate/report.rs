//! One file's validation outcome and the report formats that are plain text: `short`
//! (one line per problem, for editors, grep and CI logs) and `json` (one JSON Lines
//! record per file). The `human` format is miette's graphical rendering of
//! [`FileReport::diagnostic`], chosen and themed by the binary.
//!
//! A file that could not be read as TEI (malformed XML, not TEI, undecodable, unreadable)
//! is a report too, with the reader's error as its single diagnostic, so every input gets
//! exactly one report in every format.

use std::fmt;
use std::sync::OnceLock;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;
use thiserror::Error;

use super::{Code, Problem, Severity};
use crate::text::LineIndex;
use crate::{Document, ReadError};

/// The validation outcome of one input file.
#[derive(Debug)]
pub struct FileReport {
    /// The path (or name) the file was read from, as given.
    pub source: String,
    outcome: Outcome,
}

#[derive(Debug)]
enum Outcome {
    Checked(Checked),
    Unreadable(ReadError),
}

/// All problems of one file as one diagnostic: the source held once, the problems as
/// related diagnostics.
#[derive(Debug, Error)]
#[error("{summary}")]
struct Checked {
    summary: String,
    src: Source,
    problems: Vec<Problem>,
    /// The problems as the human format draws them, built on first use.
    shown: OnceLock<Vec<Shown>>,
    errors: usize,
    warnings: usize,
    /// How many authors the article has, for "12 of 14 authors have no ORCID iD".
    authors: usize,
}

/// The checked file's text with its line index, built once: the line and column of
/// every problem, and each snippet miette draws, cost a binary search rather than a scan
/// from the start of the file (which made thousands of problems quadratic).
#[derive(Debug)]
struct Source {
    name: String,
    text: String,
    lines: LineIndex,
    /// A carriage return not followed by a line feed, which miette also counts as a line
    /// end but the index does not: such a file's snippets are read from the start.
    lone_cr: bool,
}

impl Source {
    fn new(name: &str, text: String) -> Source {
        let bytes = text.as_bytes();
        let lone_cr = bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        Source {
            name: name.to_string(),
            lines: LineIndex::new(&text),
            text,
            lone_cr,
        }
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines.line_column(&self.text, offset)
    }
}

impl SourceCode for Source {
    /// miette's reading of the whole text, started a line before the context instead of
    /// at the first byte: the same snippet, line and column.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let skipped = if self.lone_cr {
            0
        } else {
            let line = self.lines.line_of(span.offset().min(self.text.len()));
            line.saturating_sub(context_lines_before + 2)
        };
        // The line after `skipped` line ends starts after a `\n`: a character boundary.
        let from = self.lines.line_start(skipped + 1);
        let window = self.text.get(from..).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(span.offset().saturating_sub(from).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + skipped,
            inner.column(),
            inner.line_count() + skipped,
        )))
    }
}

/// How many lines a note may sit from its problem's place and still share its snippet.
/// miette draws one snippet from the first label to the last, so a note twenty lines
/// down (the footnote inside a long abstract) would drag the whole abstract into the
/// report; such a note is shown as an aside of its own instead.
const NEAR_LINES: usize = 3;

/// A problem as the human format shows it: near notes as labels, far ones as asides.
#[derive(Debug, Error)]
#[error("{}", problem.message)]
struct Shown {
    problem: Problem,
    near: Vec<(crate::model::Span, String)>,
    far: Vec<Aside>,
}

impl Shown {
    fn new(problem: &Problem, src: &Source) -> Shown {
        let line = |offset: usize| src.line_column(offset).0;
        let at = line(problem.span.start);
        let (near, far): (Vec<_>, Vec<_>) = problem
            .notes
            .iter()
            .cloned()
            .partition(|(span, _)| line(span.start).abs_diff(at) <= NEAR_LINES);
        Shown {
            problem: problem.clone(),
            near,
            far: far
                .into_iter()
                .map(|(span, label)| Aside { span, label })
                .collect(),
        }
    }
}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.problem.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let p = &self.problem;
        let primary = LabeledSpan::new_primary_with_span(Some(p.label.clone()), p.span);
        let near = self
            .near
            .iter()
            .map(|(span, label)| LabeledSpan::new_with_span(Some(label.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(near)))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.far.is_empty() {
            return None;
        }
        Some(Box::new(self.far.iter().map(|a| a as &dyn Diagnostic)))
    }
}

/// How many authors must share a problem before the human format reports it once.
const GROUP_MIN: usize = 3;

/// The codes that are reported once per author.
fn per_author(code: Code) -> bool {
    matches!(
        code,
        Code::AuthorMissingSurname
            | Code::AuthorMissingForename
            | Code::AuthorMissingOrcid
            | Code::AuthorMissingAffiliation
            | Code::AuthorMissingEmail
    )
}

/// A per-author message split into the author and what is said of them:
/// `author 2 ("Ada Lovelace") has no ORCID iD: … in this author` gives
/// (`author 2 ("Ada Lovelace")`, `no ORCID iD: … in this author`).
fn split_author_message(message: &str) -> Option<(&str, &str)> {
    message
        .strip_prefix("author ")
        .and(message.split_once(" has "))
}

/// The problems as the human format draws them: each on its own, except that a
/// per-author problem shared by [`GROUP_MIN`] or more authors (the same code, severity
/// and words) is drawn once, at the first of them, listing them all.
fn shown_grouped(problems: &[Problem], src: &Source, authors: usize) -> Vec<Shown> {
    type Key<'a> = (Code, Severity, &'a str, &'a str);
    let mut groups: std::collections::HashMap<Key<'_>, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, p) in problems.iter().enumerate() {
        if !per_author(p.code) {
            continue;
        }
        if let Some((_, said)) = split_author_message(&p.message) {
            groups
                .entry((p.code, p.severity, said, p.help.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut grouped_at: std::collections::HashMap<usize, &Vec<usize>> =
        std::collections::HashMap::new();
    let mut skipped = vec![false; problems.len()];
    for members in groups.values().filter(|m| m.len() >= GROUP_MIN) {
        grouped_at.insert(members[0], members);
        for &i in &members[1..] {
            skipped[i] = true;
        }
    }
    let mut out = Vec::with_capacity(problems.len());
    for (i, p) in problems.iter().enumerate() {
        if skipped[i] {
            continue;
        }
        let Some(members) = grouped_at.get(&i) else {
            out.push(Shown::new(p, src));
            continue;
        };
        let said = split_author_message(&p.message).map_or("", |(_, s)| s);
        let said = said.replace("in this author", "in each author");
        let list: Vec<String> = members
            .iter()
            .map(|&m| {
                let q = &problems[m];
                let who = split_author_message(&q.message).map_or("an author", |(w, _)| w);
                format!("{who} at line {}", src.line_column(q.span.start).0)
            })
            .collect();
        let mut first = p.clone();
        first.message = format!(
            "{} of {authors} authors have {said}: {}",
            members.len(),
            list.join(", ")
        );
        first.label = format!("the first of these {} authors", members.len());
        first.notes.clear();
        out.push(Shown::new(&first, src));
    }
    out
}

/// A note shown apart from its problem, with its own snippet.
#[derive(Debug, Error)]
#[error("{label}")]
struct Aside {
    span: crate::model::Span,
    label: String,
}

impl Diagnostic for Aside {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_string()), self.span),
        )))
    }
}

impl Diagnostic for Checked {
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.errors > 0 {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        let shown = self
            .shown
            .get_or_init(|| shown_grouped(&self.problems, &self.src, self.authors));
        Some(Box::new(shown.iter().map(|p| p as &dyn Diagnostic)))
    }
}

/// One diagnostic as the `short` and `json` formats write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: String,
    /// The message, without the file name.
    pub message: String,
    /// 1-based line, when the problem has a place.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has a place.
    pub column: Option<usize>,
    /// What to do about it.
    pub help: Option<String>,
    /// Every label of the diagnostic: the main one (at `line`/`column`) first, then the
    /// further places it shows (e.g. a footnote's own lines inside an abstract).
    pub labels: Vec<Label>,
}

/// One labelled place of a diagnostic, as `short` and `json` write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// 1-based line where the labelled text starts.
    pub line: usize,
    /// 1-based column (in characters) where it starts.
    pub column: usize,
    /// 1-based line where it ends (inclusive).
    pub end_line: usize,
    /// 1-based column (in characters) one past its last character.
    pub end_column: usize,
    /// The label.
    pub text: String,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    source: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
    labels: &'a [Label],
}

impl Entry {
    /// The one diagnostic of a file that could not be read as TEI.
    pub fn of_read_error(e: &ReadError) -> Entry {
        let position = e.position();
        Entry {
            severity: Severity::Error,
            code: e
                .code()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "tei::read".to_string()),
            message: read_error_message(e),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            help: Some(
                e.help()
                    .map(|h| h.to_string())
                    .unwrap_or_else(|| read_error_help(e).to_string()),
            ),
            labels: Vec::new(),
        }
    }
}

impl FileReport {
    /// The report of a document that was read and checked, with its problems. The
    /// document's text moves into the report (no copy); the graphical form is built only
    /// when [`FileReport::diagnostic`] is rendered.
    pub fn checked(doc: Document, problems: Vec<Problem>, profile: &str) -> FileReport {
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let warnings = problems.len() - errors;
        let tally = match (errors, warnings) {
            (0, 0) => "no problems".to_string(),
            (e, 0) => count(e, "error", "errors"),
            (0, w) => count(w, "warning", "warnings"),
            (e, w) => format!(
                "{} and {}",
                count(e, "error", "errors"),
                count(w, "warning", "warnings")
            ),
        };
        let summary = format!("{}: {tally} (profile {profile})", doc.source);
        let src = Source::new(&doc.source, doc.text);
        let authors = doc.article.authors.len();
        FileReport {
            source: doc.source,
            outcome: Outcome::Checked(Checked {
                summary,
                shown: OnceLock::new(),
                src,
                problems,
                errors,
                warnings,
                authors,
            }),
        }
    }

    /// The decoded text of a checked file (`None` for an unreadable one).
    pub fn text(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Checked(c) => Some(&c.src.text),
            Outcome::Unreadable(_) => None,
        }
    }

    /// The report of a file that could not be read as a TEI document.
    pub fn unreadable(error: ReadError) -> FileReport {
        FileReport {
            source: error.path().to_string(),
            outcome: Outcome::Unreadable(error),
        }
    }

    /// The problems found, in document order (none for an unreadable file).
    pub fn problems(&self) -> &[Problem] {
        match &self.outcome {
            Outcome::Checked(c) => &c.problems,
            Outcome::Unreadable(_) => &[],
        }
    }

    /// The reader's error, when the file could not be read as TEI.
    pub fn read_error(&self) -> Option<&ReadError> {
        match &self.outcome {
            Outcome::Checked(_) => None,
            Outcome::Unreadable(e) => Some(e),
        }
    }

    /// The number of errors (an unreadable file counts as one).
    pub fn errors(&self) -> usize {
        match &self.outcome {
            Outcome::Checked(c) => c.errors,
            Outcome::Unreadable(_) => 1,
        }
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        match &self.outcome {
            Outcome::Checked(c) => c.warnings,
            Outcome::Unreadable(_) => 0,
        }
    }

    /// True when the file passes: no error, and no warning either under `deny_warnings`.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.errors() == 0 && !(deny_warnings && self.warnings() > 0)
    }

    /// The whole report as one miette diagnostic, for graphical rendering; `None` for a
    /// checked file without problems.
    pub fn diagnostic(&self) -> Option<&dyn Diagnostic> {
        match &self.outcome {
            Outcome::Checked(c) if c.problems.is_empty() => None,
            Outcome::Checked(c) => Some(c),
            Outcome::Unreadable(e) => Some(e),
        }
    }

    /// Every diagnostic with its line and column, as `short` and `json` write them.
    pub fn entries(&self) -> Vec<Entry> {
        match &self.outcome {
            Outcome::Checked(c) => c
                .problems
                .iter()
                .map(|p| {
                    let (line, column) = c.src.line_column(p.span.start);
                    let label = |span: crate::model::Span, text: &str| {
                        let (line, column) = c.src.line_column(span.start);
                        let (end_line, end_column) = c.src.line_column(span.end);
                        Label {
                            line,
                            column,
                            end_line,
                            end_column,
                            text: text.to_string(),
                        }
                    };
                    let labels = std::iter::once(label(p.span, &p.label))
                        .chain(p.notes.iter().map(|(s, t)| label(*s, t)))
                        .collect();
                    Entry {
                        severity: p.severity,
                        code: p.code.as_str().to_string(),
                        message: p.message.clone(),
                        line: Some(line),
                        column: Some(column),
                        help: Some(p.help.clone()),
                        labels,
                    }
                })
                .collect(),
            Outcome::Unreadable(e) => vec![Entry::of_read_error(e)],
        }
    }

    /// The `short` format: one line per problem,
    /// `file:line:column: error[tei::code]: message`, each ending in a newline; a problem
    /// that shows further places (the footnote inside an abstract) names each at the end
    /// of its line: ` [at 70:9-71:30: the footnote, inside the text]`.
    pub fn short(&self) -> String {
        let mut out = String::new();
        for e in self.entries() {
            let at = match (e.line, e.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", self.source),
                _ => self.source.clone(),
            };
            out.push_str(&format!(
                "{at}: {}[{}]: {}",
                e.severity,
                e.code,
                one_line(&e.message)
            ));
            for l in e.labels.iter().skip(1) {
                out.push_str(&format!(
                    " [at {}:{}-{}:{}: {}]",
                    l.line,
                    l.column,
                    l.end_line,
                    l.end_column,
                    one_line(&l.text)
                ));
            }
            out.push('\n');
        }
        out
    }

    /// The `json` format: one JSON object on one line (no newline at the end).
    /// `valid` follows [`FileReport::passes`].
    pub fn json(&self, deny_warnings: bool) -> String {
        let entries = self.entries();
        let record = JsonRecord {
            source: &self.source,
            valid: self.passes(deny_warnings),
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics: entries
                .iter()
                .map(|e| JsonDiagnostic {
                    severity: e.severity.as_str(),
                    code: &e.code,
                    message: &e.message,
                    line: e.line,
                    column: e.column,
                    help: e.help.as_deref(),
                    labels: &e.labels,
                })
                .collect(),
        };
        // Serialising strings and numbers cannot fail; an empty object would still be a
        // record, never a panic.
        serde_json::to_string(&record).unwrap_or_else(|_| "{}".to_string())
    }
}

impl fmt::Display for FileReport {
    /// The `short` format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

/// The reader's message without the file name in front (the formats put it there).
fn read_error_message(e: &ReadError) -> String {
    match e {
        ReadError::Io { source, .. } => format!("cannot read the file: {source}"),
        ReadError::TooLarge { size, limit, .. } => {
            format!("refused: the file is {size} bytes, more than the limit of {limit} bytes")
        }
        ReadError::Encoding { message, .. } => format!("cannot decode the file: {message}"),
        ReadError::Malformed { message, .. } => format!("malformed XML: {message}"),
        ReadError::NotTei {
            root,
            namespace_note,
            ..
        } => format!("not a TEI document: the root element is <{root}>{namespace_note}"),
        ReadError::Empty { .. } => "no root element: the file holds no XML element".to_string(),
        ReadError::Binary { what, .. } => format!("not a text file: this is {what}"),
    }
}

/// Advice for the reader's errors that carry no help of their own.
fn read_error_help(e: &ReadError) -> &'static str {
    match e {
        ReadError::Io { .. } => "check that the file exists and that you may read it",
        ReadError::Empty { .. } => {
            "the file holds no element at all: export the document again, or leave the file out"
        }
        _ => "fix the file so that it is well-formed TEI",
    }
}

fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod source_tests {
    use super::*;

    /// The indexed source draws exactly the snippet miette draws from the whole text.
    #[test]
    fn indexed_snippets_match_miettes_whole_text_reading() {
        let mut crlf = String::new();
        for i in 0..40 {
            crlf.push_str(&format!("line {i} é<x>"));
            crlf.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
        }
        let lone_cr = crlf.replace("line 7", "line\r7");
        for text in [crlf, lone_cr] {
            let src = Source::new("t.xml", text.clone());
            for offset in (0..text.len()).step_by(5) {
                let len = if offset % 2 == 0 { 0 } else { 30 };
                if !text.is_char_boundary(offset) {
                    continue;
                }
                let span = SourceSpan::new(offset.into(), len);
                for (before, after) in [(0, 0), (1, 1), (3, 2)] {
                    let got = src.read_span(&span, before, after);
                    let want = text.as_str().read_span(&span, before, after);
                    match (got, want) {
                        (Ok(g), Ok(w)) => {
                            assert_eq!(g.data(), w.data(), "{offset} {before} {after}");
                            assert_eq!(g.span(), w.span());
                            assert_eq!(g.line(), w.line());
                            assert_eq!(g.column(), w.column());
                            assert_eq!(g.line_count(), w.line_count());
                            assert_eq!(g.name(), Some("t.xml"));
                        }
                        (Err(_), Err(_)) => {}
                        (g, w) => panic!("{offset}: {:?} vs {:?}", g.is_ok(), w.is_ok()),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod group_tests {
    use super::*;
    use crate::validate::{check, Profile};

    fn report(authors: usize) -> FileReport {
        let mut xml = String::from(
            "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>\n\
             <title>On Streams</title>\n",
        );
        for i in 0..authors {
            xml.push_str(&format!(
                "<author><persName><forename>A{i}</forename><surname>Writer</surname>\
                 </persName></author>\n"
            ));
        }
        xml.push_str("</titleStmt></fileDesc></teiHeader></TEI>");
        let doc = crate::parse::parse_bytes(xml.as_bytes(), "t.xml").unwrap();
        let problems = check(&doc, &Profile::builtin("crossref").unwrap());
        FileReport::checked(doc, problems, "crossref")
    }

    fn orcid_blocks(r: &FileReport) -> Vec<String> {
        let Outcome::Checked(c) = &r.outcome else {
            panic!("checked")
        };
        shown_grouped(&c.problems, &c.src, c.authors)
            .iter()
            .filter(|s| s.problem.code == Code::AuthorMissingOrcid)
            .map(|s| s.problem.message.clone())
            .collect()
    }

    #[test]
    fn three_authors_sharing_a_problem_are_one_human_block_and_still_three_short_lines() {
        let r = report(3);
        let blocks = orcid_blocks(&r);
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        assert!(
            blocks[0].starts_with("3 of 3 authors have no ORCID iD"),
            "{}",
            blocks[0]
        );
        assert!(
            blocks[0].contains("author 3 (\"A2 Writer\") at line 5"),
            "{}",
            blocks[0]
        );
        assert!(blocks[0].contains("in each author"), "{}", blocks[0]);
        let short = r.short();
        assert_eq!(short.matches("[tei::author::missing_orcid]").count(), 3);
        // Two are drawn as they are.
        assert_eq!(orcid_blocks(&report(2)).len(), 2);
    }
}
