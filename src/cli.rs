//! Command-line definitions (clap). The binary's `main` parses these and dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Read, check and convert scholarly article metadata encoded in TEI P5 XML.
///
/// teimeta reads the article header of TEI files of every common style (GROBID, HAL,
/// OpenEdition, DHQ, conference abstracts, hand-encoded headers), checks it against a
/// journal's profile, and writes JSON, CSV, JSON-LD (schema.org), BibLaTeX, CSL-JSON or RIS.
/// Nothing is ever fetched from the network.
///
/// Exit status (the same for every command): 0 clean; 1 some input invalid or unreadable
/// (the others are still processed); 2 usage error, a path given on the command line that
/// does not exist, a directory with no matching file, or an output that cannot be
/// written; 130 interrupted by Ctrl-C (what was written is complete).
#[derive(Debug, Parser)]
#[command(name = "teimeta", version, max_term_width = 100)]
#[command(after_help = "Examples:
  teimeta convert --to json samples/                 one JSON record per file
  teimeta convert --to csv -o articles.csv corpus/   one spreadsheet row per article
  teimeta convert --to bibtex paper.xml              BibLaTeX entry on stdout
  teimeta validate submission.xml                    what is missing or wrong, and where
  teimeta validate --profile crossref --format short *.xml
  teimeta validate --report report.json incoming/    one JSON record per file for scripts
  teimeta convert --to json --out-dir out/ archive/  one .json per input, mirroring archive/
  find . -name '*.xml' -newer stamp | teimeta convert --files-from - -o new.jsonl
  teimeta convert --shard 3/8 -o part3.jsonl archive/   the third of eight disjoint slices
  teimeta profiles                                   the built-in validation profiles")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert TEI files to JSON, CSV, JSON-LD, BibTeX, CSL-JSON, RIS, a Crossref deposit
    /// or DOAJ article XML.
    ///
    /// Several inputs make one output: JSON Lines with one record per file, one CSV with
    /// one header, one JSON-LD document with an @graph, one .bib file, one CSL-JSON array,
    /// one RIS file, one Crossref doi_batch or one DOAJ records file; or, with --out-dir,
    /// one file per input. A directory stands for every *.xml file below it.
    /// A file that cannot be read is reported on stderr, naming the file, and the others
    /// are still converted (exit status 1); so is an article a deposit format refuses,
    /// with the profile's errors. A summary line ends the run on stderr.
    #[command(after_help = "Examples:
  teimeta convert --to csv -o all.csv archive/                  one CSV, written atomically
  teimeta convert --glob '*.tei.xml' --to json archive/         only these files
  teimeta convert --to json --out-dir out/ archive/             archive/b/c.xml -> out/b/c.json
  teimeta convert --out-dir out/ --skip-existing archive/       resume after Ctrl-C or a crash
  find in/ -newer stamp | teimeta convert --files-from - -o new.jsonl
  teimeta convert --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT -o part.jsonl archive/
  teimeta convert --report report.json -o all.jsonl archive/    one JSON record per input
  teimeta convert --to csl -o refs.json archive/                CSL-JSON for Zotero, pandoc
  teimeta convert --to crossref --depositor-name 'Example Press' \\
    --depositor-email deposits@press.example --registrant 'Example Press' \\
    --resource-url 'https://journal.example/article/{doi}' -o deposit.xml issue-12/

Exit status: 0 all converted; 1 some input unreadable (or refused by a deposit format);
2 usage error, missing path, empty directory or output not writable; 130 interrupted
(what was written is complete).")]
    Convert(ConvertArgs),
    /// Check TEI files against a validation profile.
    ///
    /// Reports every missing or malformed field, pointing at the line and column in the
    /// XML, plus warnings for text-extraction debris (a footnote inside the abstract, a
    /// keyword list crammed into one term, placeholder values). Exit status 0 when no file
    /// has an error, 1 when any has, is unreadable (or has a warning under
    /// --deny-warnings). With --out-dir, one JSON report per input.
    #[command(after_help = "Examples:
  teimeta validate submission.xml                               graphical report on a terminal
  teimeta validate --report report.html incoming/               a page to open in a browser
  teimeta validate --format json -o reports.jsonl incoming/     one JSON record per file
  teimeta validate --out-dir reports/ incoming/                 incoming/a.xml -> reports/a.json
  teimeta validate --profile crossref -j 4 --quiet archive/

Exit status: 0 no file with an error; 1 some file with an error (or a warning under
--deny-warnings) or unreadable; 2 usage error, missing path, empty directory or output not
writable; 130 interrupted.")]
    Validate(ValidateArgs),
    /// List the built-in validation profiles with a one-line summary, print one as TOML
    /// (`--show NAME`), or list every problem code (`--codes`).
    Profiles(ProfilesArgs),
}

/// Options of `teimeta profiles`.
#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Print the built-in profile NAME as TOML: a starting point for a journal's own
    /// profile (`teimeta profiles --show default > my-journal.toml`).
    #[arg(long, value_name = "NAME", conflicts_with = "codes")]
    pub show: Option<String>,
    /// List every problem code a profile's [checks] table can set, with its default
    /// severity.
    #[arg(long)]
    pub codes: bool,
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
    /// A CSL-JSON array (citation processors, Zotero, pandoc).
    Csl,
    /// RIS records (UTF-8, CR LF; EndNote, Zotero, Mendeley).
    Ris,
    /// A Crossref deposit (schema 5.3.1); needs --depositor-name, --depositor-email,
    /// --registrant (or a profile's [deposit] table). Refuses articles with a
    /// `validate --profile crossref` error.
    Crossref,
    /// DOAJ article XML (doajArticles.xsd). Refuses articles with a
    /// `validate --profile doaj` error.
    Doaj,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Output format.
    #[arg(long = "to", value_enum, default_value = "json")]
    pub to: ToFormat,

    /// CSV: separator between the values of a multi-valued cell (authors, keywords);
    /// "; " by default.
    #[arg(long, value_name = "SEP")]
    pub separator: Option<String>,

    /// CSV: write cells exactly, without neutralising those that start with = + - @ TAB
    /// or CR (by default such cells get a leading ' so a spreadsheet does not run them).
    #[arg(long)]
    pub no_formula_guard: bool,

    /// CSV: start the output with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub bom: bool,

    /// CSV: also write articles.csv, authors.csv, affiliations.csv, editors.csv,
    /// abstracts.csv and keywords.csv into DIR (one row per article, author, affiliation,
    /// editor, abstract, keyword), linked by each article's stable id (its DOI, else a
    /// hash of its relative path and text), so tables of separate runs can be appended.
    #[arg(long, value_name = "DIR", conflicts_with = "out_dir")]
    pub tables: Option<PathBuf>,

    /// BibTeX: classic BibTeX (LaTeX accent macros, year and month) instead of BibLaTeX.
    #[arg(long)]
    pub classic: bool,

    /// JSON-LD: write authors as an ordered {"@list": […]} (a plain array is unordered
    /// in RDF).
    #[arg(long)]
    pub ordered_authors: bool,

    /// Deposit settings (--to crossref, --to doaj).
    #[command(flatten)]
    pub deposit: DepositArgs,

    /// Inputs, outputs and the batch.
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// An option of `convert` that only some `--to` formats use.
#[derive(Debug, Clone, Copy)]
pub struct FormatOption {
    /// The option as written on the command line.
    pub flag: &'static str,
    /// An example of it on a command line (with its value, if it takes one): the table's
    /// test parses it to check that `given` detects this option and no other.
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: &'static [&'static str],
    /// The formats it applies to.
    pub formats: &'static [ToFormat],
    /// True when the command line gives it.
    pub given: fn(&ConvertArgs) -> bool,
}

/// Every format-specific option of `convert`, with the formats it applies to. Giving one
/// with another `--to` is a usage error ([`inapplicable`]) rather than silently ignored.
/// A new format's own options are one entry each; an option that a new format also
/// uses gets the format added to its list.
pub const FORMAT_OPTIONS: &[FormatOption] = &[
    FormatOption {
        flag: "--separator",
        example: &["--separator", " | "],
        formats: &[ToFormat::Csv],
        given: |a| a.separator.is_some(),
    },
    FormatOption {
        flag: "--no-formula-guard",
        example: &["--no-formula-guard"],
        formats: &[ToFormat::Csv],
        given: |a| a.no_formula_guard,
    },
    FormatOption {
        flag: "--bom",
        example: &["--bom"],
        formats: &[ToFormat::Csv],
        given: |a| a.bom,
    },
    FormatOption {
        flag: "--tables",
        example: &["--tables", "DIR"],
        formats: &[ToFormat::Csv],
        given: |a| a.tables.is_some(),
    },
    FormatOption {
        flag: "--classic",
        example: &["--classic"],
        formats: &[ToFormat::Bibtex],
        given: |a| a.classic,
    },
    FormatOption {
        flag: "--ordered-authors",
        example: &["--ordered-authors"],
        formats: &[ToFormat::Jsonld],
        given: |a| a.ordered_authors,
    },
    FormatOption {
        flag: "--profile",
        example: &["--profile", "crossref"],
        formats: &[ToFormat::Crossref, ToFormat::Doaj],
        given: |a| a.deposit.profile.is_some(),
    },
    FormatOption {
        flag: "--depositor-name",
        example: &["--depositor-name", "Example Press"],
        formats: &[ToFormat::Crossref],
        given: |a| a.deposit.depositor_name.is_some(),
    },
    FormatOption {
        flag: "--depositor-email",
        example: &["--depositor-email", "deposits@press.example"],
        formats: &[ToFormat::Crossref],
        given: |a| a.deposit.depositor_email.is_some(),
    },
    FormatOption {
        flag: "--registrant",
        example: &["--registrant", "Example Press"],
        formats: &[ToFormat::Crossref],
        given: |a| a.deposit.registrant.is_some(),
    },
    FormatOption {
        flag: "--batch-id",
        example: &["--batch-id", "batch-1"],
        formats: &[ToFormat::Crossref],
        given: |a| a.deposit.batch_id.is_some(),
    },
    FormatOption {
        flag: "--timestamp",
        example: &["--timestamp", "1"],
        formats: &[ToFormat::Crossref],
        given: |a| a.deposit.timestamp.is_some(),
    },
    FormatOption {
        flag: "--resource-url",
        example: &["--resource-url", "https://journal.example/{doi}"],
        formats: &[ToFormat::Crossref, ToFormat::Doaj],
        given: |a| a.deposit.resource_url.is_some(),
    },
];

/// The `--to` name of a format (`json`, `csv`, …).
pub fn format_name(format: ToFormat) -> String {
    format
        .to_possible_value()
        .map_or_else(|| format!("{format:?}"), |v| v.get_name().to_string())
}

/// The usage error for the options given that `args.to` does not use (see
/// [`FORMAT_OPTIONS`]), naming each and the formats it is for; `None` when every option
/// given applies.
pub fn inapplicable(args: &ConvertArgs) -> Option<String> {
    let lines: Vec<String> = FORMAT_OPTIONS
        .iter()
        .filter(|o| (o.given)(args) && !o.formats.contains(&args.to))
        .map(|o| {
            let formats: Vec<String> = o
                .formats
                .iter()
                .map(|f| format!("--to {}", format_name(*f)))
                .collect();
            format!(
                "{} applies only to {}, not to --to {}",
                o.flag,
                formats.join(" or "),
                format_name(args.to)
            )
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("; "))
}

/// What a deposit needs that the TEI does not hold (`--to crossref`). Each overrides the
/// same key of the profile's `[deposit]` table.
#[derive(Debug, Args)]
#[command(next_help_heading = "Deposit (--to crossref, --to doaj)")]
pub struct DepositArgs {
    /// The profile whose errors refuse an article, and whose [deposit] table gives the
    /// settings below (default: the built-in profile named like the format).
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,

    /// Crossref: the depositor's name (head/depositor/depositor_name).
    #[arg(long, value_name = "NAME")]
    pub depositor_name: Option<String>,

    /// Crossref: the address Crossref sends the submission log to.
    #[arg(long, value_name = "EMAIL")]
    pub depositor_email: Option<String>,

    /// Crossref: the organisation responsible for the metadata (head/registrant).
    #[arg(long, value_name = "NAME")]
    pub registrant: Option<String>,

    /// Crossref: the doi_batch_id (default: "teimeta-" and a hash of the batch's DOIs).
    #[arg(long, value_name = "ID")]
    pub batch_id: Option<String>,

    /// Crossref: the timestamp, an integer (default: the current UTC time as
    /// YYYYMMDDhhmmssmmm).
    #[arg(long, value_name = "DIGITS")]
    pub timestamp: Option<String>,

    /// The landing page of an article whose TEI gives no URL, {doi} standing for its DOI
    /// (Crossref's resource, DOAJ's fullTextUrl). Example: --resource-url 'https://journal.example/article/{doi}'
    #[arg(long, value_name = "TEMPLATE")]
    pub resource_url: Option<String>,
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

    /// Inputs, outputs and the batch.
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// Inputs, outputs, parallelism, reports and shards: the same for `convert` and
/// `validate`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// TEI files, directories (every file below them matching --glob, in path order), or
    /// `-` for one document on stdin (reported as <stdin>).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,

    /// Which files a directory stands for. A pattern without `/` matches file names; one
    /// with `/` matches the path below the directory. Case is ignored.
    /// Example: --glob '*.tei.xml'
    #[arg(
        long,
        value_name = "PATTERN",
        default_value = "*.xml",
        help_heading = "Inputs"
    )]
    pub glob: String,

    /// Read the paths to process from FILE, one per line (blank lines ignored), or from
    /// stdin with `-`: how find, a database export or Spark's rdd.pipe feed teimeta.
    /// Example: find in/ -newer stamp | teimeta convert --files-from -
    #[arg(long, value_name = "FILE|-", help_heading = "Inputs")]
    pub files_from: Option<PathBuf>,

    /// Process only shard K of N (K from 1 to N): a fixed 1/N of the inputs chosen by a
    /// hash of each path relative to its argument, so N runs (a Slurm array job, GNU
    /// parallel) split the work with no overlap and no gap. Example: --shard 2/8
    #[arg(long, value_name = "K/N", help_heading = "Inputs")]
    pub shard: Option<teimeta::batch::Shard>,

    /// Refuse (and report as unreadable) any file larger than SIZE, unread. Accepts
    /// 500K, 10M, 1G (binary units).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = teimeta::batch::read::parse_size, help_heading = "Inputs")]
    pub max_file_size: u64,

    /// Write the combined output to FILE instead of stdout. FILE is written under a
    /// temporary name beside it and renamed when complete: a failed or interrupted run
    /// leaves any previous FILE as it was.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Outputs"
    )]
    pub output: Option<PathBuf>,

    /// Write one output per input under DIR instead, mirroring each input's path below
    /// the argument it came from (in/a/b.xml given as in → DIR/a/b.json). Nothing is
    /// written outside DIR; each file appears complete or not at all.
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "output",
        help_heading = "Outputs"
    )]
    pub out_dir: Option<PathBuf>,

    /// With --out-dir: skip an input whose output exists and is newer, so a rerun after
    /// a crash or Ctrl-C resumes where it stopped.
    #[arg(long, requires = "out_dir", help_heading = "Outputs")]
    pub skip_existing: bool,

    /// Also write a report: FILE.json gets one JSON record per input (path, outcome, error
    /// or diagnostics) as JSON Lines; FILE.html one self-contained page to open in a
    /// browser (summary, a sortable and filterable table, each problem with its XML).
    /// Example: --report report.html
    #[arg(long, value_name = "FILE.json|FILE.html", help_heading = "Outputs")]
    pub report: Option<PathBuf>,

    /// Worker threads (default: every core). --jobs 1 works on the calling thread only.
    /// Output is in input order whatever the number.
    #[arg(short = 'j', long, value_name = "N", help_heading = "Batch")]
    pub jobs: Option<std::num::NonZeroUsize>,

    /// No progress bar and no closing summary on stderr (errors are still printed).
    #[arg(short = 'q', long, help_heading = "Batch")]
    pub quiet: bool,
}

/// The inputs `args` name.
pub fn request(args: &BatchArgs) -> teimeta::batch::Request {
    teimeta::batch::Request {
        paths: args.paths.clone(),
        files_from: args.files_from.clone(),
        glob: Some(args.glob.clone()),
    }
}

/// How to run `args`'s batch; `cancel` is set by Ctrl-C.
pub fn settings<'a>(
    args: &BatchArgs,
    cancel: &'a std::sync::atomic::AtomicBool,
) -> teimeta::batch::Settings<'a> {
    teimeta::batch::Settings {
        jobs: args
            .jobs
            .map_or_else(teimeta::batch::default_jobs, |n| n.get()),
        quiet: args.quiet,
        cancel,
    }
}

/// The batch session `args` describe, over `request`'s inputs.
pub fn session_args<'a>(
    args: &'a BatchArgs,
    request: &'a teimeta::batch::Request,
    command: teimeta::batch::Command,
    profile: Option<&'a str>,
    cancel: &'a std::sync::atomic::AtomicBool,
) -> teimeta::batch::SessionArgs<'a> {
    teimeta::batch::SessionArgs {
        request,
        shard: args.shard,
        output: args.output.as_deref(),
        out_dir: args.out_dir.as_deref(),
        report: args.report.as_deref(),
        profile,
        command,
        settings: settings(args, cancel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(args: &[&str]) -> ConvertArgs {
        let argv = ["teimeta", "convert"]
            .into_iter()
            .chain(args.iter().copied())
            .chain(["a.xml"]);
        match Cli::try_parse_from(argv)
            .expect("a valid command line")
            .command
        {
            Command::Convert(c) => c,
            other => panic!("{other:?}"),
        }
    }

    /// Each entry of the table detects its own option and no other, and applies to the
    /// formats it lists only.
    #[test]
    fn every_format_option_is_detected_and_checked() {
        let formats = ToFormat::value_variants();
        for option in FORMAT_OPTIONS {
            assert_eq!(option.example[0], option.flag);
            for &to in formats {
                let name = format_name(to);
                let mut args = vec!["--to", name.as_str()];
                args.extend_from_slice(option.example);
                let parsed = convert(&args);
                for other in FORMAT_OPTIONS {
                    assert_eq!(
                        (other.given)(&parsed),
                        other.flag == option.flag,
                        "{} given, {} detected?",
                        option.flag,
                        other.flag
                    );
                }
                match inapplicable(&parsed) {
                    None => assert!(option.formats.contains(&to), "{} with {name}", option.flag),
                    Some(message) => {
                        assert!(!option.formats.contains(&to), "{message}");
                        assert!(
                            message.starts_with(option.flag)
                                && message.ends_with(&format!("not to --to {name}")),
                            "{message}"
                        );
                    }
                }
            }
        }
        // Nothing given: nothing to complain about, whatever the format.
        for &to in formats {
            assert_eq!(inapplicable(&convert(&["--to", &format_name(to)])), None);
        }
    }

    #[test]
    fn several_inapplicable_options_are_named_together() {
        let message = inapplicable(&convert(&["--to", "json", "--bom", "--classic"])).unwrap();
        assert_eq!(
            message,
            "--bom applies only to --to csv, not to --to json; \
             --classic applies only to --to bibtex, not to --to json"
        );
    }
}
