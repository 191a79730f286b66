//! `teimeta validate` and `teimeta profiles`: every input checked against one profile and
//! reported in input order, in the human, short or JSON format (or, with `--out-dir`,
//! one JSON report per input).
//!
//! Reading, checking and rendering each report all run on the worker threads; the calling
//! thread writes the rendered reports in input order. Exit statuses: see
//! [`teimeta::batch::exit`].

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::AtomicBool;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteHandler, ReportHandler};
use teimeta::batch::output::{Place, Placement};
use teimeta::batch::{self, read, Done, Input, Session};
use teimeta::report::{Detail, Record};
use teimeta::validate::{check, Code, FileReport, Kind, Profile};

use crate::cli::{ProfilesArgs, ReportFormat, ValidateArgs};

/// The width the human format wraps at when stdout is not a terminal (and that the
/// snapshot tests use).
const PIPE_WIDTH: usize = 100;

/// Runs `validate`; returns the exit status.
pub fn run(args: &ValidateArgs, cancel: &AtomicBool) -> u8 {
    let stdout_is_terminal = io::stdout().is_terminal() && args.batch.output.is_none();
    let profile = match Profile::load(&args.profile) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{}", Human::new(io::stderr().is_terminal()).render(&e));
            return batch::exit::USAGE;
        }
    };
    let b = &args.batch;
    let request = crate::cli::request(b);
    let mut session = match Session::open(crate::cli::session_args(
        b,
        &request,
        batch::Command::Validate,
        Some(&profile.name),
        cancel,
    )) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let format = args.format.unwrap_or(if stdout_is_terminal {
        ReportFormat::Human
    } else {
        ReportFormat::Short
    });
    let human = Human::new(stdout_is_terminal);
    let placement = Placement::new(session.out_dir.clone(), "json", b.skip_existing);
    let deny = args.deny_warnings;
    let detail = if b.report.is_some() {
        Detail::Excerpts
    } else {
        Detail::Counts
    };
    let limit = b.max_file_size;

    let work = |input: &Input| -> Done<Vec<u8>> {
        let place = placement.of(input);
        if place == Place::UpToDate {
            return Done::record(Record::skipped(&input.name, "its report is up to date"));
        }
        let (report, record) = match read::read_input(input, limit) {
            Ok(doc) => {
                let problems = check(&doc, &profile);
                let report = FileReport::checked(doc, problems, &profile.name);
                let record = Record::validated(&report, &profile.name, deny, detail);
                (report, record)
            }
            Err(e) => {
                let record = Record::unreadable(&e);
                (FileReport::unreadable(e), record)
            }
        };
        let mut done = Done::record(record);
        match place {
            Place::File(target) => {
                let json = format!("{}\n", report.json(deny)).into_bytes();
                done.fatal = placement.write(&target, Ok(json));
            }
            Place::Refused(why) => done.fatal = Some(why),
            Place::Combined | Place::UpToDate => {
                done.output = Some(match format {
                    ReportFormat::Human => match report.diagnostic() {
                        Some(d) => format!("{}\n", human.render(d)).into_bytes(),
                        None => Vec::new(),
                    },
                    ReportFormat::Short => report.short().into_bytes(),
                    ReportFormat::Json => format!("{}\n", report.json(deny)).into_bytes(),
                });
            }
        }
        done
    };
    let finished = session.run(work, |out, bytes| out.write_all(&bytes));
    session.finish(finished, |_| Ok(()))
}

/// Runs `profiles`; returns the exit status.
pub fn profiles(args: &ProfilesArgs) -> u8 {
    let text = if let Some(name) = &args.show {
        match Profile::builtin_toml(name) {
            Some(toml) => toml.to_string(),
            None => {
                let known: Vec<&str> = Profile::builtin_names().collect();
                eprintln!(
                    "teimeta: error: no built-in profile called \"{name}\"; the built-in \
                     profiles are {}",
                    known.join(", ")
                );
                return batch::exit::USAGE;
            }
        }
    } else if args.codes {
        let mut text = String::from(
            "Problem codes (a profile's [checks] table sets a check or lint to \"error\", \
             \"warning\" or \"off\"; rules take their rule's level):\n",
        );
        let width = Code::ALL
            .iter()
            .map(|c| c.as_str().len())
            .max()
            .unwrap_or(0);
        for c in Code::ALL {
            let kind = match c.kind() {
                Kind::Rule => "rule",
                Kind::Check => "check",
                Kind::Lint => "lint",
            };
            text.push_str(&format!(
                "  {:width$}  {kind:5}  {}\n",
                c.as_str(),
                c.default_severity()
            ));
        }
        text
    } else {
        let builtins = Profile::builtins();
        let width = builtins.iter().map(|p| p.name.len()).max().unwrap_or(0);
        let mut text =
            String::from("Built-in validation profiles (teimeta validate --profile NAME):\n");
        for p in &builtins {
            text.push_str(&format!("  {:width$}  {}\n", p.name, p.summary));
        }
        text.push_str(
            "A journal's own profile: teimeta validate --profile FILE.toml; start from a \
             built-in one (teimeta profiles --show default > my-journal.toml)\n",
        );
        text
    };
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
