//! The one mapping from what happened in a run to the exit status, shared by `convert`
//! and `validate` (and by the binary for its own usage errors).
//!
//! | status | meaning |
//! |-------:|---------|
//! | 0 | every input converted, valid, valid with warnings only, or skipped as up to date |
//! | 1 | some input invalid (an error, or a warning under `--deny-warnings`), unreadable (I/O, encoding, malformed XML, not TEI, larger than `--max-file-size`, a dangling link or loop found while walking a directory) or hit an internal error; every other input was still processed |
//! | 2 | usage error: a bad flag, an unknown profile, a path given on the command line that does not exist, a directory with no matching file, `-o` naming an input; or the output could not be written (disk full, `/dev/full`) |
//! | 130 | interrupted (Ctrl-C); the outputs already written are complete |
//!
//! When several apply, the highest wins (130 over 2 over 1).

use crate::report::Outcome;

/// Every input fine.
pub const OK: u8 = 0;
/// Some input invalid or unreadable.
pub const INPUT_FAILED: u8 = 1;
/// A usage error, or the output could not be written.
pub const USAGE: u8 = 2;
/// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

impl Outcome {
    /// True when this outcome makes the run exit 1.
    pub fn fails(self) -> bool {
        match self {
            Outcome::Valid | Outcome::Warnings | Outcome::Converted | Outcome::Skipped => false,
            Outcome::Errors | Outcome::Unreadable | Outcome::InternalError => true,
        }
    }
}

/// What the exit status is made of.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Inputs whose outcome [fails](Outcome::fails).
    pub failed_inputs: usize,
    /// A usage error (a missing command-line path, an empty directory, …).
    pub usage_error: bool,
    /// The output could not be written.
    pub output_error: bool,
    /// Ctrl-C stopped the run.
    pub interrupted: bool,
}

impl Status {
    /// The exit status (see the module table).
    pub fn code(&self) -> u8 {
        if self.interrupted {
            INTERRUPTED
        } else if self.usage_error || self.output_error {
            USAGE
        } else if self.failed_inputs > 0 {
            INPUT_FAILED
        } else {
            OK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_cause_wins() {
        let mut s = Status::default();
        assert_eq!(s.code(), 0);
        s.failed_inputs = 3;
        assert_eq!(s.code(), 1);
        s.usage_error = true;
        assert_eq!(s.code(), 2);
        s.interrupted = true;
        assert_eq!(s.code(), 130);
        assert!(Outcome::Unreadable.fails() && Outcome::InternalError.fails());
        assert!(!Outcome::Warnings.fails() && !Outcome::Skipped.fails());
    }
}
