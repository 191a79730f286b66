//! `teimeta validate` and `teimeta profiles` (scaffold; being written).

use crate::cli::ValidateArgs;

/// Runs `validate`; returns the exit status.
pub fn run(_args: &ValidateArgs) -> u8 {
    eprintln!("teimeta: validate is not written yet");
    2
}

/// Runs `profiles`; returns the exit status.
pub fn profiles() -> u8 {
    eprintln!("teimeta: profiles is not written yet");
    2
}
