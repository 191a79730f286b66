//! `teimeta convert`: every input through one exporter, in input order, or one output
//! file per input under `--out-dir`.
//!
//! Reading, parsing and rendering each record (the [`Render`] half of each exporter) run
//! on the worker threads; the calling thread only pushes the rendered pieces, in input
//! order, to the exporter that owns the combined output (and to `--tables`), which
//! numbers CSV rows, de-duplicates BibTeX keys and collects JSON-LD's periodicals.

use std::fs::File;
use std::io::{self, BufWriter};
use std::sync::atomic::AtomicBool;

use teimeta::batch::output::{Place, Placement};
use teimeta::batch::{self, read, Done, Input, Output, Session};
use teimeta::export::csv::{Csv, Tables};
use teimeta::export::{
    self, bibtex, crossref, csl, csv, doaj, json, jsonld, ris, Exporter, Render,
};
use teimeta::model::Article;
use teimeta::report::{Detail, Outcome, Record};
use teimeta::validate::{check, FileReport, Profile, Severity};
use teimeta::Document;

use crate::cli::{ConvertArgs, DepositArgs, ToFormat};

/// Runs `convert`; returns the exit status.
pub fn run(args: &ConvertArgs, cancel: &AtomicBool) -> u8 {
    if let Some(message) = crate::cli::inapplicable(args) {
        eprintln!("teimeta: error: {message}");
        return batch::exit::USAGE;
    }
    let csv_options = csv::Options {
        separator: args
            .separator
            .clone()
            .unwrap_or_else(|| csv::Options::default().separator),
        formula_guard: !args.no_formula_guard,
        bom: args.bom,
    };
    let gate = match args.to {
        ToFormat::Crossref | ToFormat::Doaj => match Gate::open(
            &args.deposit,
            if args.to == ToFormat::Doaj {
                "doaj"
            } else {
                "crossref"
            },
            if args.to == ToFormat::Doaj {
                "DOAJ"
            } else {
                "Crossref"
            },
        ) {
            Ok(mut g) => {
                if args.batch.report.is_some() {
                    g.detail = Detail::Excerpts;
                }
                Some(g)
            }
            Err(code) => return code,
        },
        _ => None,
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
    let tables = match &args.tables {
        Some(dir) => match Tables::create(dir, csv_options.clone()) {
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
    let output = session.take_output();
    let combined = Combined {
        terminal: output.as_ref().is_some_and(Output::is_terminal),
        session,
        tables,
        skip_existing: b.skip_existing,
        max_file_size: b.max_file_size,
        quiet: b.quiet,
        gate: None,
    };
    match args.to {
        ToFormat::Json => combined.run(output.map(json::JsonLines::new), "json", |doc, _| {
            export::whole(json::JsonLines::new(Vec::new()), doc)
        }),
        ToFormat::Csv => combined.run(
            output.map(|out| Csv::new(out, csv_options.clone())),
            "csv",
            |doc, key| {
                // The row's id is made from the input's relative path, as in the batch.
                let mut csv = Csv::new(Vec::new(), csv_options.clone());
                let row = csv.options().render_keyed(doc, key);
                csv.push(row)?;
                csv.finish()
            },
        ),
        ToFormat::Jsonld => {
            let options = jsonld::Options {
                ordered_authors: args.ordered_authors,
            };
            combined.run(
                output.map(|out| jsonld::JsonLd::new(out, options)),
                "jsonld",
                |doc, _| export::whole(jsonld::JsonLd::new(Vec::new(), options), doc),
            )
        }
        ToFormat::Bibtex => {
            let options = bibtex::Options {
                classic: args.classic,
            };
            combined.run(
                output.map(|out| bibtex::Bibtex::new(out, options)),
                "bib",
                |doc, _| export::whole(bibtex::Bibtex::new(Vec::new(), options), doc),
            )
        }
        ToFormat::Csl => {
            let options = csl::Options::default();
            combined.run(
                output.map(|out| csl::Csl::new(out, options)),
                "csl.json",
                |doc, _| export::whole(csl::Csl::new(Vec::new(), options), doc),
            )
        }
        ToFormat::Ris => {
            let options = ris::Options::default();
            combined.run(
                output.map(|out| ris::Ris::new(out, options)),
                "ris",
                |doc, _| export::whole(ris::Ris::new(Vec::new(), options), doc),
            )
        }
        ToFormat::Crossref => {
            let Some(gate) = gate else {
                return batch::exit::USAGE;
            };
            let options = match crossref_options(&args.deposit, &gate.profile) {
                Ok(o) => o,
                Err(why) => {
                    eprintln!("teimeta: error: {why}");
                    return batch::exit::USAGE;
                }
            };
            let obstacle_options = options.clone();
            let gate = gate.with_obstacles(move |a| crossref::obstacles(a, &obstacle_options));
            let combined = Combined {
                gate: Some(gate),
                ..combined
            };
            combined.run(
                output.map(|out| crossref::Crossref::new(out, options.clone())),
                "xml",
                |doc, _| export::whole(crossref::Crossref::new(Vec::new(), options.clone()), doc),
            )
        }
        ToFormat::Doaj => {
            let Some(gate) = gate else {
                return batch::exit::USAGE;
            };
            let options = doaj::Options {
                resource_url: args
                    .deposit
                    .resource_url
                    .clone()
                    .or_else(|| gate.profile.deposit.resource_url.clone()),
            };
            if let Err(why) = options.check() {
                eprintln!("teimeta: error: {why}");
                return batch::exit::USAGE;
            }
            let obstacle_options = options.clone();
            let gate = gate.with_obstacles(move |a| doaj::obstacles(a, &obstacle_options));
            let combined = Combined {
                gate: Some(gate),
                ..combined
            };
            combined.run(
                output.map(|out| doaj::Doaj::new(out, options.clone())),
                "xml",
                |doc, _| export::whole(doaj::Doaj::new(Vec::new(), options.clone()), doc),
            )
        }
    }
}

/// The Crossref options: each flag, else the profile's `[deposit]` key; checked.
fn crossref_options(d: &DepositArgs, profile: &Profile) -> Result<crossref::Options, String> {
    let p = &profile.deposit;
    let pick = |flag: &Option<String>, key: &Option<String>| flag.clone().or_else(|| key.clone());
    let options = crossref::Options {
        depositor_name: pick(&d.depositor_name, &p.depositor_name).unwrap_or_default(),
        depositor_email: pick(&d.depositor_email, &p.depositor_email).unwrap_or_default(),
        registrant: pick(&d.registrant, &p.registrant).unwrap_or_default(),
        batch_id: pick(&d.batch_id, &p.batch_id),
        timestamp: d.timestamp.clone(),
        resource_url: pick(&d.resource_url, &p.resource_url),
    };
    options.check()?;
    Ok(options)
}

/// A deposit format's own obstacles to an article, one sentence each.
type Obstacles = Box<dyn Fn(&Article) -> Vec<String> + Send + Sync>;

/// What a deposit format refuses: an article with an error under its profile, or one the
/// format itself cannot carry (its `obstacles`).
struct Gate {
    profile: Profile,
    /// The registry's name, for messages: `Crossref`, `DOAJ`.
    registry: &'static str,
    /// The format's own obstacles (an empty list: none).
    obstacles: Obstacles,
    /// How much of a refused file's diagnostics its record keeps (all under --report).
    detail: Detail,
}

impl Gate {
    /// The gate of `--to FORMAT`: the `--profile` given, else the built-in `default`.
    /// Prints why and returns the usage exit status when the profile cannot be loaded.
    fn open(d: &DepositArgs, default: &str, registry: &'static str) -> Result<Gate, u8> {
        let name = d.profile.as_deref().unwrap_or(default);
        match Profile::load(name) {
            Ok(profile) => Ok(Gate {
                profile,
                registry,
                obstacles: Box::new(|_| Vec::new()),
                detail: Detail::Counts,
            }),
            Err(e) => {
                eprintln!("teimeta: error: {e}");
                Err(batch::exit::USAGE)
            }
        }
    }

    /// This gate, with the format's own `obstacles`.
    fn with_obstacles(
        self,
        obstacles: impl Fn(&Article) -> Vec<String> + Send + Sync + 'static,
    ) -> Gate {
        Gate {
            obstacles: Box::new(obstacles),
            ..self
        }
    }

    /// `None` when `doc` can be deposited; else its record (outcome `errors`) and the
    /// message for stderr: the profile's errors in `validate`'s short format, then the
    /// format's obstacles.
    fn refusal(&self, doc: &Document) -> Option<(Record, String)> {
        let errors: Vec<_> = check(doc, &self.profile)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        let obstacles = (self.obstacles)(&doc.article);
        if errors.is_empty() && obstacles.is_empty() {
            return None;
        }
        let count = errors.len() + obstacles.len();
        let report = FileReport::checked(doc.clone(), errors, &self.profile.name);
        let mut record = Record::validated(&report, &self.profile.name, false, self.detail);
        record.outcome = Outcome::Errors;
        record.errors = count;
        let mut message = format!(
            "teimeta: error: {}: not deposited with {}: {count} {} (profile {})\n",
            doc.source,
            self.registry,
            if count == 1 { "error" } else { "errors" },
            self.profile.name
        );
        message.push_str(&report.short());
        for o in obstacles {
            message.push_str(&format!("{}: error[deposit]: {o}\n", doc.source));
        }
        Some((record, message.trim_end().to_string()))
    }
}

/// A `convert` session with its optional `--tables`, ready to run one format.
struct Combined<'a> {
    session: Session<'a>,
    tables: Option<Tables<BufWriter<File>>>,
    /// The output is a terminal: flush after each input.
    terminal: bool,
    skip_existing: bool,
    max_file_size: u64,
    /// `--quiet`: no notes.
    quiet: bool,
    /// For a deposit format: what it refuses.
    gate: Option<Gate>,
}

impl Combined<'_> {
    /// Runs the batch: `exporter` writes the combined output (`None` under `--out-dir`,
    /// where `file` renders each input's own output file from the document and its
    /// input's key, [`Input::shard_key`]). Returns the exit status.
    fn run<E, F>(mut self, mut exporter: Option<E>, ext: &'static str, file: F) -> u8
    where
        E: Exporter<Inner = Output>,
        F: Fn(&Document, &str) -> io::Result<Vec<u8>> + Sync,
    {
        let placement = Placement::new(self.session.out_dir.clone(), ext, self.skip_existing);
        let limit = self.max_file_size;
        let render = exporter.as_ref().map(|e| e.options().clone());
        let render_tables = self.tables.as_ref().map(|t| t.options().clone());
        let terminal = self.terminal;
        // The formats that write dates in ISO 8601 only (BibTeX reads a year out of free
        // text by its own rule, and the JSON record keeps the date as written).
        let (iso_dates, quiet) = (matches!(ext, "csv" | "jsonld"), self.quiet);
        let gate = self.gate.take();

        let work = |input: &Input| -> Done<(_, Option<csv::TableRows>)> {
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
            if let Some((record, message)) = gate.as_ref().and_then(|g| g.refusal(&doc)) {
                return Done {
                    record,
                    message: Some(message),
                    output: None,
                    fatal: None,
                };
            }
            let mut done = Done::record(Record::converted(&input.name));
            if iso_dates && !quiet {
                done.message = date_note(&doc);
            }
            match place {
                Place::File(target) => {
                    done.fatal = placement.write(&target, file(&doc, &input.shard_key()))
                }
                Place::Refused(why) => done.fatal = Some(why),
                Place::Combined | Place::UpToDate => {
                    let key = input.shard_key();
                    done.output = render.as_ref().map(|r| {
                        let tables = render_tables.as_ref().map(|t| t.render_keyed(&doc, &key));
                        (r.render_keyed(&doc, &key), tables)
                    });
                }
            }
            done
        };

        let tables = &mut self.tables;
        let finished = self.session.run_pieces(work, |(piece, rows)| {
            let Some(e) = exporter.as_mut() else {
                return Ok(());
            };
            e.push(piece)?;
            if let (Some(t), Some(rows)) = (tables.as_mut(), rows) {
                t.push(rows)?;
            }
            if terminal {
                e.flush()?;
            }
            Ok(())
        });
        let complete = finished.complete();
        let output = exporter.map(|e| if complete { e.finish() } else { e.into_inner() });
        let code = self.session.finish_with(finished, output);
        if let Some(t) = self.tables {
            if let Err(e) = t.finish() {
                eprintln!("teimeta: error: cannot write the tables: {e}");
                return code.max(batch::exit::USAGE);
            }
        }
        code
    }
}

/// A note on stderr for each date of `doc` that the export leaves out because it is not
/// one that [`teimeta::ids::date::iso`] reads unambiguously (CSV and JSON-LD write dates
/// in ISO 8601 only); `None` when there is none.
fn date_note(doc: &Document) -> Option<String> {
    let a = &doc.article;
    let mut notes = Vec::new();
    let mut check = |what: &str, value: &str, at: teimeta::Span| {
        if !value.trim().is_empty() && teimeta::ids::date::iso(value).is_none() {
            let (line, column) = teimeta::text::line_column(&doc.text, at.start);
            notes.push(format!(
                "teimeta: note: {}:{line}:{column}: {what} {value:?} is left out of the \
                 export: it is not a date in a form read unambiguously as ISO 8601 \
                 (write it as YYYY-MM-DD, e.g. in @when)",
                doc.source
            ));
        }
    };
    if let Some(d) = &a.date {
        check("the date", d.as_str(), d.span);
    }
    if let Some(e) = &a.event {
        for (what, value) in [
            ("the event's first day", &e.start),
            ("the event's last day", &e.end),
        ] {
            if let Some(v) = value {
                check(what, v, e.name.span);
            }
        }
    }
    (!notes.is_empty()).then(|| notes.join("\n"))
}
