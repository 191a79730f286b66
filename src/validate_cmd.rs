//! `teimeta validate` and `teimeta profiles`: every input checked against one profile and
//! reported in input order, in the human, short or JSON format.
//!
//! Exit status: 0 when no file has an error (warnings allowed); 1 when any file has an
//! error, is not TEI or is malformed XML (or has a warning, under `--deny-warnings`);
//! 2 for a usage error, an unknown or broken profile, or a path that does not exist or
//! cannot be read. Every other file is still checked and reported.

use std::fmt;
use std::io::{self, BufWriter, IsTerminal, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteHandler, ReportHandler};
use teimeta::batch;
use teimeta::validate::{check, FileReport, Profile};
use teimeta::ReadError;

use crate::cli::{ReportFormat, ValidateArgs};

/// The width the human format wraps at when stdout is not a terminal (and that the
/// snapshot tests use).
const PIPE_WIDTH: usize = 100;

/// Runs `validate`; returns the exit status.
pub fn run(args: &ValidateArgs) -> u8 {
    let stdout_is_terminal = io::stdout().is_terminal();
    let profile = match Profile::load(&args.profile) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{}", Human::new(io::stderr().is_terminal()).render(&e));
            return 2;
        }
    };
    let files = match batch::expand_inputs(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("teimeta: error: {e}");
            return 2;
        }
    };
    if files.is_empty() {
        eprintln!("teimeta: error: no TEI files (*.xml) found in the given paths");
        return 2;
    }
    let format = args.format.unwrap_or(if stdout_is_terminal {
        ReportFormat::Human
    } else {
        ReportFormat::Short
    });
    let human = Human::new(stdout_is_terminal);
    let mut out = BufWriter::new(io::stdout().lock());

    let mut tally = Tally::default();
    let mut write_error: Option<io::Error> = None;
    batch::for_each_document(&files, |_, result| {
        let report = match result {
            Ok(doc) => {
                let problems = check(&doc, &profile);
                FileReport::checked(&doc, problems, &profile.name)
            }
            Err(e) => {
                if matches!(e, ReadError::Io { .. }) {
                    tally.unreadable += 1;
                }
                FileReport::unreadable(e)
            }
        };
        tally.add(&report, args.deny_warnings);
        let written = match format {
            ReportFormat::Human => match report.diagnostic() {
                Some(d) => writeln!(out, "{}", human.render(d)),
                None => Ok(()),
            },
            ReportFormat::Short => out.write_all(report.short().as_bytes()),
            ReportFormat::Json => writeln!(out, "{}", report.json(args.deny_warnings)),
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    });
    if write_error.is_none() {
        write_error = out.flush().err();
    }
    match write_error {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Some(e) => {
            eprintln!("teimeta: error: cannot write the report: {e}");
            return 2;
        }
        None => {}
    }
    if format == ReportFormat::Human {
        eprintln!("{}", tally.summary(&profile.name));
    }
    if tally.unreadable > 0 {
        2
    } else if tally.failed > 0 {
        1
    } else {
        0
    }
}

/// Runs `profiles`; returns the exit status.
pub fn profiles() -> u8 {
    let builtins = Profile::builtins();
    let width = builtins.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut text =
        String::from("Built-in validation profiles (teimeta validate --profile NAME):\n");
    for p in &builtins {
        text.push_str(&format!("  {:width$}  {}\n", p.name, p.summary));
    }
    text.push_str(
        "A journal's own profile: teimeta validate --profile FILE.toml \
         (format and example: schemas/README.md)\n",
    );
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("teimeta: error: cannot write: {e}");
            2
        }
    }
}

/// Counts for the exit status and the closing summary.
#[derive(Default)]
struct Tally {
    files: usize,
    failed: usize,
    with_errors: usize,
    with_warnings: usize,
    unreadable: usize,
}

impl Tally {
    fn add(&mut self, report: &FileReport, deny_warnings: bool) {
        self.files += 1;
        if !report.passes(deny_warnings) {
            self.failed += 1;
        }
        if report.errors() > 0 {
            self.with_errors += 1;
        } else if report.warnings() > 0 {
            self.with_warnings += 1;
        }
    }

    fn summary(&self, profile: &str) -> String {
        let files = if self.files == 1 { "file" } else { "files" };
        let clean = self.files - self.with_errors - self.with_warnings;
        format!(
            "teimeta: {} {files} checked against profile {profile}: {} with errors, {} with \
             warnings only, {clean} clean",
            self.files, self.with_errors, self.with_warnings
        )
    }
}

/// The human format's renderer: miette's graphical report, in colour only on a terminal
/// and when NO_COLOR is unset; off a terminal, a fixed theme and width so the output is
/// the same everywhere.
enum Human {
    Terminal(MietteHandler),
    Plain(Box<GraphicalReportHandler>),
}

impl Human {
    fn new(terminal: bool) -> Human {
        if terminal {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            Human::Terminal(
                miette::MietteHandlerOpts::new()
                    .force_graphical(true)
                    .terminal_links(false)
                    .unicode(true)
                    .color(color)
                    .build(),
            )
        } else {
            Human::Plain(Box::new(
                GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                    .with_width(PIPE_WIDTH),
            ))
        }
    }

    fn render(&self, d: &dyn Diagnostic) -> String {
        match self {
            Human::Plain(h) => {
                let mut s = String::new();
                if h.render_report(&mut s, d).is_err() {
                    s = format!("{d}\n");
                }
                s
            }
            Human::Terminal(h) => Rendered(h, d).to_string(),
        }
    }
}

struct Rendered<'a>(&'a MietteHandler, &'a dyn Diagnostic);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(self.1, f)
    }
}
