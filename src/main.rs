//! The teimeta binary: parse arguments, run, map the outcome to an exit code
//! (0 clean, 1 some input invalid, 2 usage or I/O failure).

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod convert_cmd;
mod validate_cmd;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match &cli.command {
        cli::Command::Convert(args) => convert_cmd::run(args),
        cli::Command::Validate(args) => validate_cmd::run(args),
        cli::Command::Profiles => validate_cmd::profiles(),
    };
    ExitCode::from(code)
}
