//! Batches: inputs, the ordered parallel work, outputs, reports and the exit status,
//! shared by `convert` and `validate`.
//!
//! ```text
//! Request ──inputs::expand──▶ [Input] ──shard──▶ run: ordered_map(work) ──▶ sink (output)
//!                                                      │ in input order   ├─▶ ReportFile
//!                                                      │                  └─▶ Tally ─▶ exit::Status
//! ```
//!
//! Every per-input step (reading, parsing, checking, formatting, writing a per-input
//! file) runs in `work` on the worker threads; the calling thread only writes the bytes
//! each worker produced, in input order, and counts.

pub mod exit;
pub mod inputs;
pub mod ordered;
pub mod output;
pub mod read;
pub mod shard;
pub mod summary;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use inputs::{Input, Problem, Request, Source};
pub use output::{AtomicFile, OutDir};
pub use shard::Shard;
pub use summary::{Command, Tally};

use crate::report::Record;

/// The inputs of a run, once expanded and sharded.
#[derive(Debug, Default)]
pub struct Prepared {
    /// What to process, in order.
    pub inputs: Vec<Input>,
    /// Paths that yielded nothing (exit status 2); the rest is still processed.
    pub problems: Vec<Problem>,
}

/// Expands `request`, keeps `shard`'s slice, and refuses outputs that are inputs: an `Err`
/// is a usage error (exit status 2) before anything is read or written.
pub fn prepare(
    request: &Request,
    shard: Option<Shard>,
    outputs: &[&Path],
) -> Result<Prepared, String> {
    let expanded = inputs::expand(request)?;
    let mut inputs = expanded.inputs;
    if let Some(shard) = shard {
        inputs.retain(|i| shard.holds(&i.shard_key()));
    }
    for out in outputs.iter().filter(|o| o.exists()) {
        let clash = inputs.iter().find(|i| match &i.source {
            Source::File(p) => output::same_file(p, out),
            _ => false,
        });
        if let Some(input) = clash {
            return Err(format!(
                "{}: the output is also an input ({}); refusing to overwrite it",
                out.display(),
                input.name
            ));
        }
    }
    Ok(Prepared {
        inputs,
        problems: expanded.problems,
    })
}

/// Two inputs that `--out-dir` would write to the same place (same relative path, the
/// extension aside): their names and that path.
fn clash_under_out_dir(inputs: &[Input]) -> Option<(String, String, PathBuf)> {
    let mut seen: std::collections::HashMap<PathBuf, &str> = std::collections::HashMap::new();
    for input in inputs {
        let stem = input.rel.with_extension("");
        if let Some(first) = seen.insert(stem.clone(), &input.name) {
            return Some((first.to_string(), input.name.clone(), stem));
        }
    }
    None
}

/// The number of worker threads by default: `RAYON_NUM_THREADS` when set (as earlier
/// versions honoured), else every core.
pub fn default_jobs() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// What a worker made of one input.
pub struct Done<T> {
    /// The input's record (for the report and the counts).
    pub record: Record,
    /// A line for stderr, printed in input order (e.g. why the file is unreadable).
    pub message: Option<String>,
    /// The input's share of the combined output, handed to the sink in input order.
    pub output: Option<T>,
    /// The output could not be written (e.g. a full disk under `--out-dir`): the message.
    /// Stops the batch with exit status 2.
    pub fatal: Option<String>,
}

impl<T> Done<T> {
    /// A done input with `record` and nothing else.
    pub fn record(record: Record) -> Done<T> {
        Done {
            record,
            message: None,
            output: None,
            fatal: None,
        }
    }
}

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    /// No progress bar (the summary is the caller's).
    pub quiet: bool,
    /// Set (by a Ctrl-C handler) to stop starting new inputs.
    pub cancel: &'a AtomicBool,
}

/// How a run ended.
#[derive(Debug, Clone, Copy)]
pub struct Finished {
    /// Outcomes of the inputs handed on (all of them unless interrupted or stopped).
    pub tally: Tally,
    /// Wall time.
    pub elapsed: Duration,
    /// Ctrl-C stopped it.
    pub interrupted: bool,
    /// An output could not be written (reported on stderr); nothing should be committed.
    pub output_error: bool,
    /// The reader closed stdout (`| head`) before the end: not a failure.
    pub output_closed: bool,
}

impl Finished {
    /// The run went to its end: the combined output is to be ended and kept.
    pub fn complete(&self) -> bool {
        !self.interrupted && !self.output_error
    }
}

/// Runs `work` over `inputs` in parallel and hands each result, in input order, to
/// `sink` (the combined output) and `report`, printing messages and the progress bar.
pub fn run<T, W, S>(
    inputs: &[Input],
    settings: Settings<'_>,
    mut report: Option<&mut ReportFile>,
    work: W,
    mut sink: S,
) -> Finished
where
    T: Send,
    W: Fn(&Input) -> Done<T> + Sync,
    S: FnMut(T) -> io::Result<()>,
{
    let start = Instant::now();
    let progress = summary::Progress::new(inputs.len(), settings.quiet);
    let mut tally = Tally::default();
    let mut output_error = false;
    let mut output_closed = false;
    let stdout_terminal = io::stdout().is_terminal();
    let handed = ordered::ordered_map(
        inputs,
        settings.jobs,
        settings.cancel,
        &work,
        |i, result| {
            let done = result.unwrap_or_else(|panic| {
                let name = &inputs[i].name;
                Done {
                    record: Record::internal_error(name, &panic),
                    message: Some(format!(
                        "teimeta: internal error: {name}: {panic} (this is a bug in teimeta; \
                     please report it with the file)"
                    )),
                    output: None,
                    fatal: None,
                }
            });
            if let Some(m) = &done.message {
                progress.eprintln(m);
            }
            let mut failure = done.fatal.map(|m| (m, false));
            if failure.is_none() {
                if let Some(r) = report.as_deref_mut() {
                    if let Err(e) = r.add(&done.record) {
                        failure = Some((
                            format!("{}: cannot write the report: {e}", r.path.display()),
                            false,
                        ));
                    }
                }
            }
            if failure.is_none() {
                if let Some(out) = done.output {
                    // On a shared terminal the bar steps aside while stdout is written.
                    let written = if stdout_terminal {
                        progress.suspend(|| sink(out))
                    } else {
                        sink(out)
                    };
                    if let Err(e) = written {
                        let closed = e.kind() == io::ErrorKind::BrokenPipe;
                        failure = Some((format!("cannot write the output: {e}"), closed));
                    }
                }
            }
            match failure {
                None => {
                    // Counted once all of its output is written.
                    tally.add(done.record.outcome);
                    progress.tick(tally.failed());
                    ControlFlow::Continue(())
                }
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Some((_, true)) => {
                    output_closed = true;
                    ControlFlow::Break(())
                }
                Some((message, false)) => {
                    progress.eprintln(&format!("teimeta: error: {message}"));
                    output_error = true;
                    ControlFlow::Break(())
                }
            }
        },
    );
    progress.finish();
    Finished {
        tally,
        elapsed: start.elapsed(),
        interrupted: settings.cancel.load(Ordering::SeqCst) && handed < inputs.len(),
        output_error,
        output_closed: output_closed && handed < inputs.len(),
    }
}

/// The combined output: stdout, or `-o FILE` written atomically.
pub enum Output {
    /// Standard output; `true` when it is a terminal, where each input's output is
    /// flushed as soon as it is written (elsewhere it goes out in 64 KiB blocks).
    Stdout(BufWriter<io::Stdout>, bool),
    /// A file, renamed into place by [`Output::finish`].
    File(AtomicFile),
}

impl Output {
    /// Opens `path`, or stdout when `None`.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        Ok(match path {
            Some(p) => Output::File(AtomicFile::create(p)?),
            None => Output::Stdout(
                BufWriter::with_capacity(64 * 1024, io::stdout()),
                io::stdout().is_terminal(),
            ),
        })
    }

    /// True for standard output on a terminal, where each input's output is to be
    /// flushed as soon as it is written.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Output::Stdout(_, true))
    }

    /// Flushes; a file is moved into place only when `keep` (a failed or interrupted run
    /// leaves the previous file as it was).
    pub fn finish(self, keep: bool) -> io::Result<()> {
        match self {
            Output::Stdout(mut s, _) => match s.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Output::File(f) if keep => f.commit(),
            Output::File(_) => Ok(()),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(s, _) => s.write(buf),
            Output::File(f) => f.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(s, _) => s.write_all(buf),
            Output::File(f) => f.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(s, _) => s.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

/// `--report FILE`: JSON Lines, one [`Record`] per input, streamed as the run goes; or,
/// when FILE ends in `.html`/`.htm`, one self-contained page ([`crate::report::html`])
/// rendered at the end from the records kept in memory. Either is written atomically.
pub struct ReportFile {
    /// Where it goes.
    pub path: PathBuf,
    file: AtomicFile,
    /// `Some` for an HTML report: the records so far.
    html: Option<Vec<Record>>,
}

/// The run as the HTML report's header describes it.
#[derive(Debug, Clone, Copy)]
pub struct RunInfo<'a> {
    /// `convert` or `validate`.
    pub command: Command,
    /// The validation profile, for `validate`.
    pub profile: Option<&'a str>,
    /// Wall time.
    pub elapsed: Duration,
}

impl ReportFile {
    /// Starts the report at `path`.
    pub fn create(path: &Path) -> io::Result<ReportFile> {
        let is_html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        Ok(ReportFile {
            path: path.to_path_buf(),
            file: AtomicFile::create(path)?,
            html: is_html.then(Vec::new),
        })
    }

    /// Adds one input's record.
    pub fn add(&mut self, record: &Record) -> io::Result<()> {
        match &mut self.html {
            Some(records) => {
                records.push(record.clone());
                Ok(())
            }
            None => {
                self.file.write_all(record.to_json_line().as_bytes())?;
                self.file.write_all(b"\n")
            }
        }
    }

    /// Renders an HTML report, and moves the report into place.
    pub fn commit(mut self, run: RunInfo<'_>) -> io::Result<()> {
        if let Some(records) = self.html.take() {
            let generated_by = concat!("teimeta ", env!("CARGO_PKG_VERSION"));
            let page = crate::report::html::Page {
                command: match run.command {
                    Command::Convert => "convert",
                    Command::Validate => "validate",
                },
                profile: run.profile,
                elapsed_seconds: run.elapsed.as_secs_f64(),
                generated_by,
            };
            crate::report::html::write(&mut self.file, &page, &records)?;
        }
        self.file.commit()
    }
}

/// What a command asks of a batch session.
#[derive(Debug, Clone, Copy)]
pub struct SessionArgs<'a> {
    /// The inputs.
    pub request: &'a Request,
    /// `--shard`.
    pub shard: Option<Shard>,
    /// `-o` (stdout when `None` and no `out_dir`).
    pub output: Option<&'a Path>,
    /// `--out-dir`.
    pub out_dir: Option<&'a Path>,
    /// `--report`.
    pub report: Option<&'a Path>,
    /// Which command, for the summary's words.
    pub command: Command,
    /// The validation profile, for the HTML report.
    pub profile: Option<&'a str>,
    /// Worker threads, progress bar, Ctrl-C flag.
    pub settings: Settings<'a>,
}

/// A command's batch from start to exit status: inputs prepared, outputs opened, work run,
/// outputs committed, summary printed. Every failure before the work starts is printed on
/// stderr, naming the path, and ends the run with exit status 2 without touching any
/// output.
pub struct Session<'a> {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// `--out-dir`, opened.
    pub out_dir: Option<OutDir>,
    args: SessionArgs<'a>,
    usage_error: bool,
    output: Option<Output>,
    report: Option<ReportFile>,
}

impl<'a> Session<'a> {
    /// Prepares the inputs and opens the outputs; `Err` is the exit status to return.
    pub fn open(args: SessionArgs<'a>) -> Result<Session<'a>, u8> {
        let protected: Vec<&Path> = args.output.into_iter().chain(args.report).collect();
        let prepared = match prepare(args.request, args.shard, &protected) {
            Ok(p) => p,
            Err(message) => {
                eprintln!("teimeta: error: {message}");
                return Err(exit::USAGE);
            }
        };
        for p in &prepared.problems {
            eprintln!("teimeta: error: {}: {}", p.path, p.message);
        }
        if prepared.inputs.is_empty() && !prepared.problems.is_empty() {
            // Nothing to do: leave every output as it was.
            return Err(exit::USAGE);
        }
        if args.out_dir.is_some() && prepared.inputs.iter().any(|i| i.source == Source::Stdin) {
            eprintln!("teimeta: error: stdin (`-`) has no path to mirror under --out-dir");
            return Err(exit::USAGE);
        }
        if let Some(dir) = args.out_dir {
            if let Some((a, b, rel)) = clash_under_out_dir(&prepared.inputs) {
                eprintln!(
                    "teimeta: error: {a} and {b} would both be written to {}/{} under \
                     --out-dir; give their common parent directory instead, so that their \
                     paths below it differ",
                    dir.display(),
                    rel.display()
                );
                return Err(exit::USAGE);
            }
        }
        let fail = |what: &str, path: &Path, e: io::Error| {
            eprintln!("teimeta: error: {}: cannot {what}: {e}", path.display());
            exit::USAGE
        };
        let out_dir = match args.out_dir {
            Some(d) => Some(OutDir::new(d).map_err(|e| fail("create the output folder", d, e))?),
            None => None,
        };
        let output =
            match (args.out_dir, args.output) {
                (Some(_), _) => None,
                (None, path) => Some(Output::open(path).map_err(|e| {
                    fail("create the output file", path.unwrap_or(Path::new("-")), e)
                })?),
            };
        let report = match args.report {
            Some(p) => Some(ReportFile::create(p).map_err(|e| fail("create the report", p, e))?),
            None => None,
        };
        Ok(Session {
            inputs: prepared.inputs,
            out_dir,
            usage_error: !prepared.problems.is_empty(),
            output,
            report,
            args,
        })
    }

    /// Runs `work` over the inputs; `sink` writes each output piece, in input order, to
    /// the combined output.
    pub fn run<T, W, S>(&mut self, work: W, mut sink: S) -> Finished
    where
        T: Send,
        W: Fn(&Input) -> Done<T> + Sync,
        S: FnMut(&mut dyn Write, T) -> io::Result<()>,
    {
        let output = &mut self.output;
        run(
            &self.inputs,
            self.args.settings,
            self.report.as_mut(),
            work,
            |piece| match output {
                Some(out) => {
                    sink(out, piece)?;
                    match out {
                        Output::Stdout(s, true) => s.flush(),
                        _ => Ok(()),
                    }
                }
                None => Ok(()),
            },
        )
    }

    /// Hands the combined output (`None` under `--out-dir`) to the caller, e.g. to an
    /// exporter that owns it; give it back to [`Session::finish_with`].
    pub fn take_output(&mut self) -> Option<Output> {
        self.output.take()
    }

    /// Runs `work` over the inputs; `sink` gets each output piece in input order (the
    /// caller writes it to the output it took with [`Session::take_output`]).
    pub fn run_pieces<T, W, S>(&mut self, work: W, sink: S) -> Finished
    where
        T: Send,
        W: Fn(&Input) -> Done<T> + Sync,
        S: FnMut(T) -> io::Result<()>,
    {
        run(
            &self.inputs,
            self.args.settings,
            self.report.as_mut(),
            work,
            sink,
        )
    }

    /// Ends the run: `close` writes what ends the combined output (a CSV header for an
    /// empty batch, a closing bracket), then the output and the report are moved into
    /// place (the output only when the run completed), the summary is printed unless
    /// `--quiet`, and the exit status is returned.
    pub fn finish(
        mut self,
        finished: Finished,
        close: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> u8 {
        let complete = finished.complete();
        let output = self.output.take().map(|mut out| {
            if complete {
                close(&mut out).map(|()| out)
            } else {
                Ok(out)
            }
        });
        self.finish_with(finished, output)
    }

    /// Ends the run like [`Session::finish`], with the combined output taken by
    /// [`Session::take_output`] and already ended by the caller (or the error that
    /// ending it met).
    pub fn finish_with(self, mut finished: Finished, output: Option<io::Result<Output>>) -> u8 {
        let complete = finished.complete();
        if let Some(out) = output {
            if let Err(e) = out.and_then(|out| out.finish(complete)) {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    let to = self
                        .args
                        .output
                        .map_or("-".into(), |p| p.display().to_string());
                    eprintln!("teimeta: error: {to}: cannot write the output: {e}");
                    finished.output_error = true;
                }
            }
        }
        if let Some(report) = self.report {
            let path = report.path.clone();
            if !finished.output_error {
                let run = RunInfo {
                    command: self.args.command,
                    profile: self.args.profile,
                    elapsed: finished.elapsed,
                };
                if let Err(e) = report.commit(run) {
                    eprintln!(
                        "teimeta: error: {}: cannot write the report: {e}",
                        path.display()
                    );
                    finished.output_error = true;
                }
            }
        }
        if !self.args.settings.quiet {
            let of = if finished.interrupted {
                Some(("interrupted", self.inputs.len()))
            } else if finished.output_error {
                Some(("stopped by an output error", self.inputs.len()))
            } else if finished.output_closed {
                Some(("output closed", self.inputs.len()))
            } else {
                None
            };
            eprintln!(
                "{}",
                finished
                    .tally
                    .summary(self.args.command, self.args.profile, finished.elapsed, of)
            );
        }
        exit::Status {
            failed_inputs: finished.tally.failed(),
            usage_error: self.usage_error,
            output_error: finished.output_error,
            interrupted: finished.interrupted,
        }
        .code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_one_input_is_an_internal_error_naming_it_and_the_batch_goes_on() {
        let inputs: Vec<Input> = (0..50)
            .map(|i| Input {
                source: Source::Broken(String::new()),
                name: format!("f{i}.xml"),
                rel: PathBuf::from(format!("f{i}.xml")),
                walked: false,
            })
            .collect();
        let never = AtomicBool::new(false);
        for jobs in [1, 3] {
            let mut written = Vec::new();
            let finished = run(
                &inputs,
                Settings {
                    jobs,
                    quiet: true,
                    cancel: &never,
                },
                None,
                |input| {
                    assert_ne!(input.name, "f7.xml", "a bug on this one file");
                    let mut done = Done::record(Record::converted(&input.name));
                    done.output = Some(input.name.clone());
                    done
                },
                |name: String| {
                    written.push(name);
                    Ok(())
                },
            );
            assert_eq!(finished.tally.converted, 49, "jobs {jobs}");
            assert_eq!(finished.tally.internal_errors, 1);
            assert_eq!(finished.tally.total(), 50);
            assert!(!finished.interrupted && !finished.output_error);
            assert_eq!(written.len(), 49);
            assert!(!written.contains(&"f7.xml".to_string()));
            assert_eq!(written[7], "f8.xml", "in input order");
            let status = exit::Status {
                failed_inputs: finished.tally.failed(),
                ..exit::Status::default()
            };
            assert_eq!(status.code(), exit::INPUT_FAILED);
        }
    }
}
