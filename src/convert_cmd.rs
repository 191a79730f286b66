//! `teimeta convert`: every input through one exporter, in input order.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use teimeta::batch;
use teimeta::export::{self, csv::Tables, Format, Options};

use crate::cli::{ConvertArgs, ToFormat};

/// Runs `convert`; returns the exit status.
pub fn run(args: &ConvertArgs) -> u8 {
    let files = match batch::expand_inputs(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("teimeta: error: {e}");
            return 2;
        }
    };
    let options = Options {
        separator: args.separator.clone(),
        formula_guard: !args.no_formula_guard,
        bom: args.bom,
        classic_bibtex: args.classic,
        ordered_authors: args.ordered_authors,
    };
    let format = match args.to {
        ToFormat::Json => Format::Json,
        ToFormat::Csv => Format::Csv,
        ToFormat::Jsonld => Format::JsonLd,
        ToFormat::Bibtex => Format::Bibtex,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                eprintln!(
                    "teimeta: error: {}: cannot create the output file: {e}",
                    path.display()
                );
                return 2;
            }
        },
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut tables = match &args.tables {
        Some(dir) => match Tables::create(dir, &options) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!(
                    "teimeta: error: {}: cannot write the tables: {e}",
                    dir.display()
                );
                return 2;
            }
        },
        None => None,
    };

    let mut exporter = export::exporter(format, &options);
    let mut unreadable = 0usize;
    let mut io_error: Option<io::Error> = None;
    if let Err(e) = exporter.begin(&mut out) {
        io_error = Some(e);
    } else {
        batch::for_each_document(&files, |_, result| match result {
            Ok(doc) => {
                let written = exporter
                    .write(&mut out, &doc)
                    .and_then(|()| match &mut tables {
                        Some(t) => t.write(&doc),
                        None => Ok(()),
                    });
                match written {
                    Ok(()) => true,
                    Err(e) => {
                        io_error = Some(e);
                        false
                    }
                }
            }
            Err(e) => {
                unreadable += 1;
                eprintln!("teimeta: error: {e}");
                true
            }
        });
    }
    if io_error.is_none() {
        let finished = exporter
            .finish(&mut out)
            .and_then(|()| out.flush())
            .and_then(|()| tables.map_or(Ok(()), |t| t.finish()));
        io_error = finished.err();
    }
    match io_error {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Some(e) => {
            eprintln!("teimeta: error: cannot write the output: {e}");
            return 2;
        }
        None => {}
    }
    u8::from(unreadable > 0)
}
