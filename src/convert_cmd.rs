//! `teimeta convert`: every input through one exporter, in input order, or one output
//! file per input under `--out-dir`.
//!
//! Reading, parsing and (for JSON and `--out-dir`) formatting run on the worker threads;
//! the calling thread writes finished bytes in input order. CSV row numbers, BibTeX key
//! de-duplication and JSON-LD's shared periodicals depend on the records before, so for
//! those formats the combined output's exporter runs on the calling thread.

use std::io;
use std::sync::atomic::AtomicBool;

use teimeta::batch::output::{Place, Placement};
use teimeta::batch::{self, read, Done, Input, Session};
use teimeta::export::{self, csv::Tables, Exporter, Format, Options};
use teimeta::report::Record;
use teimeta::Document;

use crate::cli::{ConvertArgs, ToFormat};

/// One input's share of the combined output.
enum Piece {
    /// Formatted by the worker.
    Bytes(Vec<u8>),
    /// To format in order (stateful exporters, `--tables`).
    Document(Box<Document>),
}

/// Runs `convert`; returns the exit status.
pub fn run(args: &ConvertArgs, cancel: &AtomicBool) -> u8 {
    let options = Options {
        separator: args.separator.clone(),
        formula_guard: !args.no_formula_guard,
        bom: args.bom,
        classic_bibtex: args.classic,
        ordered_authors: args.ordered_authors,
    };
    let (format, ext) = match args.to {
        ToFormat::Json => (Format::Json, "json"),
        ToFormat::Csv => (Format::Csv, "csv"),
        ToFormat::Jsonld => (Format::JsonLd, "jsonld"),
        ToFormat::Bibtex => (Format::Bibtex, "bib"),
    };
    let b = &args.batch;
    let request = crate::cli::request(b);
    let mut session = match Session::open(crate::cli::session_args(
        b,
        &request,
        batch::Command::Convert,
        None,
        cancel,
    )) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut tables = match &args.tables {
        Some(dir) => match Tables::create(dir, &options) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!(
                    "teimeta: error: {}: cannot write the tables: {e}",
                    dir.display()
                );
                return batch::exit::USAGE;
            }
        },
        None => None,
    };
    // JSON Lines is stateless: workers format it. The others run in order below.
    let worker_formats = format == Format::Json && tables.is_none();
    let placement = Placement::new(session.out_dir.clone(), ext, b.skip_existing);
    let limit = b.max_file_size;

    let work = |input: &Input| -> Done<Piece> {
        let place = placement.of(input);
        if place == Place::UpToDate {
            return Done::record(Record::skipped(&input.name, "its output is up to date"));
        }
        let doc = match read::read_input(input, limit) {
            Ok(doc) => doc,
            Err(e) => {
                return Done {
                    record: Record::unreadable(&e),
                    message: Some(format!("teimeta: error: {e}")),
                    output: None,
                    fatal: None,
                }
            }
        };
        let mut done = Done::record(Record::converted(&input.name));
        match place {
            Place::File(target) => {
                done.fatal = placement.write(&target, render_whole(format, &options, &doc));
            }
            Place::Refused(why) => done.fatal = Some(why),
            Place::Combined if worker_formats => {
                let mut bytes = Vec::with_capacity(4096);
                match export::json::JsonLines.write(&mut bytes, &doc) {
                    Ok(()) => done.output = Some(Piece::Bytes(bytes)),
                    Err(e) => done.fatal = Some(format!("{}: cannot format: {e}", input.name)),
                }
            }
            Place::Combined | Place::UpToDate => done.output = Some(Piece::Document(Box::new(doc))),
        }
        done
    };

    let mut exporter = export::exporter(format, &options);
    let mut begun = false;
    let finished = session.run(work, |out, piece| {
        if !begun {
            begun = true;
            exporter.begin(out)?;
        }
        match piece {
            Piece::Bytes(bytes) => out.write_all(&bytes),
            Piece::Document(doc) => {
                exporter.write(out, &doc)?;
                match &mut tables {
                    Some(t) => t.write(&doc),
                    None => Ok(()),
                }
            }
        }
    });
    let code = session.finish(finished, |out| {
        if !begun {
            exporter.begin(out)?;
        }
        exporter.finish(out)
    });
    if let Some(t) = tables {
        if let Err(e) = t.finish() {
            eprintln!("teimeta: error: cannot write the tables: {e}");
            return code.max(batch::exit::USAGE);
        }
    }
    code
}

/// One document as a whole output file of `format` (header and all).
fn render_whole(format: Format, options: &Options, doc: &Document) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(4096);
    let mut exporter = export::exporter(format, options);
    exporter.begin(&mut bytes)?;
    exporter.write(&mut bytes, doc)?;
    exporter.finish(&mut bytes)?;
    Ok(bytes)
}
