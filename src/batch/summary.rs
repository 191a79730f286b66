//! Counting outcomes, the progress bar and the closing summary line.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::report::Outcome;
use crate::text::thousands;

/// Which command's words the summary uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `teimeta convert`.
    Convert,
    /// `teimeta validate`.
    Validate,
}

/// How many inputs ended in each outcome.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Valid (validate).
    pub valid: usize,
    /// Warnings only (validate).
    pub warnings: usize,
    /// With errors (validate).
    pub errors: usize,
    /// Converted (convert).
    pub converted: usize,
    /// Could not be read as TEI.
    pub unreadable: usize,
    /// A caught panic.
    pub internal_errors: usize,
    /// Skipped as up to date (`--skip-existing`).
    pub skipped: usize,
}

impl Tally {
    /// Counts one input.
    pub fn add(&mut self, outcome: Outcome) {
        *match outcome {
            Outcome::Valid => &mut self.valid,
            Outcome::Warnings => &mut self.warnings,
            Outcome::Errors => &mut self.errors,
            Outcome::Converted => &mut self.converted,
            Outcome::Unreadable => &mut self.unreadable,
            Outcome::InternalError => &mut self.internal_errors,
            Outcome::Skipped => &mut self.skipped,
        } += 1;
    }

    /// Inputs counted.
    pub fn total(&self) -> usize {
        self.valid
            + self.warnings
            + self.errors
            + self.converted
            + self.unreadable
            + self.internal_errors
            + self.skipped
    }

    /// Inputs whose outcome makes the exit status 1.
    pub fn failed(&self) -> usize {
        self.errors + self.unreadable + self.internal_errors
    }

    /// The closing line, e.g. `12,004 files: 11,950 converted, 54 unreadable (see
    /// above), 3.1 s, 3,872 files/s`, or for `validate` `55 files checked against
    /// profile default: 24 valid, …`. `stopped`: why the run stopped before the end
    /// (`interrupted`, `output closed`) and the number of inputs.
    pub fn summary(
        &self,
        command: Command,
        profile: Option<&str>,
        elapsed: Duration,
        stopped: Option<(&str, usize)>,
    ) -> String {
        let n = self.total();
        let mut parts: Vec<String> = Vec::new();
        let above = if command == Command::Convert {
            " (see above)"
        } else {
            ""
        };
        match command {
            Command::Convert => parts.push(format!("{} converted", thousands(self.converted))),
            Command::Validate => {
                parts.push(format!("{} valid", thousands(self.valid)));
                parts.push(format!("{} with warnings only", thousands(self.warnings)));
                parts.push(format!("{} with errors", thousands(self.errors)));
                parts.push(format!("{} unreadable", thousands(self.unreadable)));
            }
        }
        if command == Command::Convert && self.errors > 0 {
            // A deposit format (`--to crossref|doaj`) refuses an input its profile fails.
            parts.push(format!("{} refused{above}", thousands(self.errors)));
        }
        if command == Command::Convert && self.unreadable > 0 {
            parts.push(format!("{} unreadable{above}", thousands(self.unreadable)));
        }
        if self.internal_errors > 0 {
            parts.push(format!(
                "{} internal errors (see above; please report them)",
                thousands(self.internal_errors)
            ));
        }
        if self.skipped > 0 {
            parts.push(format!("{} skipped as up to date", thousands(self.skipped)));
        }
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 { n as f64 / secs } else { 0.0 };
        let files = if n == 1 { "file" } else { "files" };
        let mut head = match stopped {
            Some((why, total)) => {
                format!("{why} after {} of {} files", thousands(n), thousands(total))
            }
            None => format!("{} {files}", thousands(n)),
        };
        if let Some(p) = profile {
            head.push_str(&format!(" checked against profile {p}"));
        }
        format!(
            "{head}: {}, {secs:.1} s, {} files/s",
            parts.join(", "),
            thousands(rate.round() as usize)
        )
    }
}

/// The progress bar: on stderr when it is a terminal and not `--quiet`, hidden otherwise.
/// Messages printed through it do not tear the bar.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` inputs.
    pub fn new(total: usize, quiet: bool) -> Progress {
        let shown = !quiet && std::io::stderr().is_terminal();
        let bar = if shown {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {human_pos}/{human_len} files  {rate}  ETA {eta}  {msg}",
                )
                .map(|style| {
                    style.with_key(
                        "rate",
                        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(
                                w,
                                "{} files/s",
                                thousands(state.per_sec().round() as usize)
                            );
                        },
                    )
                })
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// One more input done; `failed`: failures so far.
    pub fn tick(&self, failed: usize) {
        if !self.bar.is_hidden() {
            if failed > 0 {
                self.bar
                    .set_message(format!("{} failed", thousands(failed)));
            }
            self.bar.inc(1);
        }
    }

    /// Prints `line` on stderr above the bar.
    pub fn eprintln(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Runs `f` with the bar cleared from the terminal.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        if self.bar.is_hidden() {
            f()
        } else {
            self.bar.suspend(f)
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_add_up_and_read_well() {
        let mut t = Tally::default();
        for _ in 0..11_950 {
            t.add(Outcome::Converted);
        }
        for _ in 0..54 {
            t.add(Outcome::Unreadable);
        }
        assert_eq!(t.total(), 12_004);
        assert_eq!(
            t.summary(Command::Convert, None, Duration::from_millis(3100), None),
            "12,004 files: 11,950 converted, 54 unreadable (see above), 3.1 s, 3,872 files/s"
        );
        let mut v = Tally::default();
        v.add(Outcome::Valid);
        assert_eq!(
            v.summary(Command::Validate, Some("doaj"), Duration::from_secs(2), Some(("interrupted", 10))),
            "interrupted after 1 of 10 files checked against profile doaj: 1 valid, 0 with warnings only, 0 with errors, \
             0 unreadable, 2.0 s, 1 files/s"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
