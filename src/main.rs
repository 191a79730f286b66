//! The teimeta binary: parse arguments, run, return the exit status
//! (see [`teimeta::batch::exit`]: 0 clean, 1 some input invalid, 2 usage or I/O failure,
//! 130 interrupted).

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use teimeta::batch::exit;

mod cli;
mod convert_cmd;
mod validate_cmd;

/// Set by the first Ctrl-C: the batch stops starting new files, finishes those under
/// way, commits what is complete and prints its summary. A second Ctrl-C exits at once.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Without a handler, Ctrl-C simply kills the process, which is still safe (outputs
    // are written under temporary names), only without the summary.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
    let code = match &cli.command {
        cli::Command::Convert(args) => convert_cmd::run(args, &INTERRUPTED),
        cli::Command::Validate(args) => validate_cmd::run(args, &INTERRUPTED),
        cli::Command::Profiles(args) => validate_cmd::profiles(args),
    };
    ExitCode::from(code)
}
