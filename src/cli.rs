//! Command-line definitions (clap). The binary's `main` parses these and dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Read, check and convert scholarly article metadata encoded in TEI P5 XML.
///
/// teimeta reads the article header of TEI files of every common style (GROBID, HAL,
/// OpenEdition, DHQ, conference abstracts, hand-encoded headers), checks it against a
/// journal's profile, and writes JSON, CSV, JSON-LD (schema.org) or BibLaTeX.
/// Nothing is ever fetched from the network.
///
/// Exit status: 0 clean; 1 some input invalid or unreadable (the others are still
/// processed); 2 usage error or a path that does not exist.
#[derive(Debug, Parser)]
#[command(name = "teimeta", version, max_term_width = 100)]
#[command(after_help = "Examples:
  teimeta convert --to json samples/                 one JSON record per file
  teimeta convert --to csv -o articles.csv corpus/   one spreadsheet row per article
  teimeta convert --to bibtex paper.xml              BibLaTeX entry on stdout
  teimeta validate submission.xml                    what is missing or wrong, and where
  teimeta validate --profile crossref --format short *.xml
  teimeta profiles                                   the built-in validation profiles")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert TEI files to JSON, CSV, JSON-LD or BibTeX.
    ///
    /// Several inputs make one output: JSON Lines with one record per file, one CSV with
    /// one header, one JSON-LD document with an @graph, or one .bib file. A directory
    /// stands for every *.xml file below it. A file that cannot be read is reported on
    /// stderr, naming the file, and the others are still converted (exit status 1).
    Convert(ConvertArgs),
    /// Check TEI files against a validation profile.
    ///
    /// Reports every missing or malformed field, pointing at the line and column in the
    /// XML, plus warnings for text-extraction debris (a footnote inside the abstract, a
    /// keyword list crammed into one term, placeholder values). Exit status 0 when no file
    /// has an error, 1 when any has (or any warning under --deny-warnings).
    Validate(ValidateArgs),
    /// List the built-in validation profiles with a one-line summary.
    Profiles,
}

/// Output formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToFormat {
    /// teimeta's JSON record, one per line (JSON Lines).
    Json,
    /// One row per article (RFC 4180); see also --tables.
    Csv,
    /// One schema.org JSON-LD document with an @graph.
    Jsonld,
    /// BibLaTeX entries (UTF-8); --classic for classic BibTeX.
    Bibtex,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Output format.
    #[arg(long = "to", value_enum, default_value = "json")]
    pub to: ToFormat,

    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV: separator between the values of a multi-valued cell (authors, keywords).
    #[arg(long, value_name = "SEP", default_value = "; ")]
    pub separator: String,

    /// CSV: write cells exactly, without neutralising those that start with = + - @ TAB
    /// or CR (by default such cells get a leading ' so a spreadsheet does not run them).
    #[arg(long)]
    pub no_formula_guard: bool,

    /// CSV: start the output with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub bom: bool,

    /// CSV: also write articles.csv, authors.csv and affiliations.csv into DIR (one row
    /// per article, per author, per affiliation).
    #[arg(long, value_name = "DIR")]
    pub tables: Option<PathBuf>,

    /// BibTeX: classic BibTeX (LaTeX accent macros, year and month) instead of BibLaTeX.
    #[arg(long)]
    pub classic: bool,

    /// JSON-LD: write authors as an ordered {"@list": […]} (a plain array is unordered
    /// in RDF).
    #[arg(long)]
    pub ordered_authors: bool,

    /// TEI files or directories (every *.xml below them).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Report formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A graphical report with the XML snippet and a hint (default on a terminal).
    Human,
    /// One line per problem: file:line:column: severity[code]: message.
    Short,
    /// One JSON record per file (JSON Lines).
    Json,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A built-in profile name (see `teimeta profiles`) or a profile TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = "default")]
    pub profile: String,

    /// Report format; `human` on a terminal, `short` otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Treat warnings as errors for the exit status.
    #[arg(long)]
    pub deny_warnings: bool,

    /// TEI files or directories (every *.xml below them).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}
