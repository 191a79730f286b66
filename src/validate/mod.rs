//! Validation: an [`Article`](crate::Article) checked against a [`Profile`], giving a list
//! of [`Problem`]s.
//!
//! Three kinds of check make the list, each in its own module:
//!
//! - field rules from the profile (`rules`): what is required or recommended, and in
//!   what numbers; a missing field points at the element where it belongs and says where
//!   teimeta looked for it;
//! - value checks run in every profile whenever the value is present (`values`, with
//!   the grammars in [`crate::ids`]): DOI, ORCID, ISSN, dates, language tags, email,
//!   empty elements, affiliation references that lead nowhere;
//! - lints for text-extraction debris and placeholders (`lints`), warnings by default.
//!
//! Every problem has a stable [`Code`] (`tei::author::missing_surname`), a severity, a
//! message, a help line and a labelled [`Span`] in the source; it is a
//! [`miette::Diagnostic`]. [`report`] gathers one file's problems into one diagnostic and
//! writes the `short` and `json` report formats.
//!
//! ```
//! use teimeta::validate::{check, Code, Profile, Severity};
//! let xml = br#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
//!   <titleStmt><title>On Streams</title></titleStmt></fileDesc></teiHeader></TEI>"#;
//! let doc = teimeta::parse::parse_bytes(xml, "example.xml").unwrap();
//! let problems = check(&doc, &Profile::default_profile());
//! let missing = problems.iter().find(|p| p.code == Code::AuthorMissing).unwrap();
//! assert_eq!(missing.severity, Severity::Error);
//! assert_eq!(missing.code.as_str(), "tei::author::missing");
//! assert!(missing.message.contains("titleStmt/author"));
//! ```

mod lints;
pub mod profile;
pub mod report;
mod rules;
mod values;

use std::fmt;

use miette::{Diagnostic, LabeledSpan};
use thiserror::Error;

use crate::model::Span;
use crate::Document;

pub use profile::{Deposit, Field, Level, Profile, ProfileError, Rule, Setting};
pub use report::FileReport;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The metadata is wrong or incomplete for the profile: exit status 1.
    Error,
    /// Worth a look; exit status 1 only under `--deny-warnings`.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as the report formats write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a problem code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A profile's field rule: its severity is the rule's level.
    Rule,
    /// A value check that runs in every profile.
    Check,
    /// A lint for extraction debris or placeholder values.
    Lint,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $kind:ident, $sev:ident; )*) => {
        /// Every problem teimeta reports, by its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `tei::author::missing_surname`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Whether a profile rule, a value check or a lint reports it.
            pub fn kind(self) -> Kind {
                match self { $(Code::$variant => Kind::$kind,)* }
            }

            /// The severity it has unless a profile says otherwise (for rules: the
            /// severity of a `required` rule).
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    /// No main title.
    TitleMissing = "tei::title::missing", Rule, Error;
    /// No author at all.
    AuthorMissing = "tei::author::missing", Rule, Error;
    /// Fewer authors than the profile's `min`.
    AuthorTooFew = "tei::author::too_few", Rule, Error;
    /// More authors than the profile's `max`.
    AuthorTooMany = "tei::author::too_many", Rule, Error;
    /// A person author without a family name.
    AuthorMissingSurname = "tei::author::missing_surname", Rule, Error;
    /// A person author without a given name.
    AuthorMissingForename = "tei::author::missing_forename", Rule, Error;
    /// A person author without an ORCID iD.
    AuthorMissingOrcid = "tei::author::missing_orcid", Rule, Error;
    /// A person author without an affiliation.
    AuthorMissingAffiliation = "tei::author::missing_affiliation", Rule, Error;
    /// A person author without an email address.
    AuthorMissingEmail = "tei::author::missing_email", Rule, Error;
    /// No abstract.
    AbstractMissing = "tei::abstract::missing", Rule, Error;
    /// The main abstract has fewer words than the profile's `min`.
    AbstractTooShort = "tei::abstract::too_short", Rule, Error;
    /// The main abstract has more words than the profile's `max`.
    AbstractTooLong = "tei::abstract::too_long", Rule, Error;
    /// No author keywords.
    KeywordsMissing = "tei::keywords::missing", Rule, Error;
    /// Fewer keywords than the profile's `min`.
    KeywordsTooFew = "tei::keywords::too_few", Rule, Error;
    /// More keywords (in one language) than the profile's `max`.
    KeywordsTooMany = "tei::keywords::too_many", Rule, Error;
    /// No journal title.
    JournalMissing = "tei::journal::missing", Rule, Error;
    /// No print ISSN (or, with `issn or eissn`, no ISSN at all).
    IssnMissing = "tei::issn::missing", Rule, Error;
    /// No electronic ISSN.
    EissnMissing = "tei::eissn::missing", Rule, Error;
    /// No volume.
    VolumeMissing = "tei::volume::missing", Rule, Error;
    /// No issue.
    IssueMissing = "tei::issue::missing", Rule, Error;
    /// No pages.
    PagesMissing = "tei::pages::missing", Rule, Error;
    /// No publication date.
    DateMissing = "tei::date::missing", Rule, Error;
    /// No publisher.
    PublisherMissing = "tei::publisher::missing", Rule, Error;
    /// No declared language.
    LanguageMissing = "tei::language::missing", Rule, Error;
    /// No DOI (or, with `doi or url`, neither a DOI nor a URL).
    DoiMissing = "tei::doi::missing", Rule, Error;
    /// No full-text URL.
    UrlMissing = "tei::url::missing", Rule, Error;

    /// A DOI that is not `10.NNNN/suffix`.
    DoiSyntax = "tei::doi::syntax", Check, Error;
    /// An ORCID iD that is not `NNNN-NNNN-NNNN-NNNC`.
    OrcidSyntax = "tei::orcid::syntax", Check, Error;
    /// An ORCID iD whose check digit is wrong.
    OrcidChecksum = "tei::orcid::checksum", Check, Error;
    /// An ISSN that is not `NNNN-NNNC`.
    IssnSyntax = "tei::issn::syntax", Check, Error;
    /// An ISSN whose check digit is wrong.
    IssnChecksum = "tei::issn::checksum", Check, Error;
    /// The print and electronic ISSN are the same number.
    IssnSameForBoth = "tei::issn::same_print_and_electronic", Check, Error;
    /// A date not written YYYY, YYYY-MM or YYYY-MM-DD.
    DateFormat = "tei::date::format", Check, Error;
    /// A date that does not exist (30 February, month 13).
    DateNotOnCalendar = "tei::date::not_on_calendar", Check, Error;
    /// A date whose year cannot be right: after next year, or before 1400.
    DateImplausibleYear = "tei::date::implausible_year", Check, Error;
    /// A date attribute (`@when`) that contradicts the element's text (`2016` against
    /// "2017").
    DateContradictsText = "tei::date::contradicts_text", Check, Error;
    /// A language tag that is not well-formed BCP 47.
    LanguageMalformed = "tei::language::malformed", Check, Error;
    /// An email address that does not follow the HTML email grammar.
    EmailSyntax = "tei::email::syntax", Check, Warning;
    /// An element that is present but empty where a value is expected. A warning: an
    /// empty element says no more than an absent one, and whether the value is needed is
    /// the profile's rules' business: a rule that needs the field reports the empty
    /// element itself ("the title is empty", under the field's missing code). Not
    /// reported for the empty `<date/>` and `<idno/>` that GROBID writes whenever it
    /// finds no value.
    EmptyValue = "tei::value::empty", Check, Warning;
    /// An affiliation reference that points at no organisation in the document.
    AffiliationUnresolved = "tei::affiliation::unresolved", Check, Error;

    /// An email address, URL or affiliation text inside a title or abstract: a footnote
    /// that the text extraction swept in.
    FootnoteInText = "tei::lint::footnote_in_text", Lint, Warning;
    /// A word hyphenated across a line break ("cooper- ation").
    Hyphenation = "tei::lint::hyphenation", Lint, Warning;
    /// A paragraph that ends mid-sentence and continues in the next one.
    ParagraphSplit = "tei::lint::paragraph_split", Lint, Warning;
    /// Several keywords crammed into one term ("a, b; c").
    KeywordList = "tei::lint::keyword_list", Lint, Warning;
    /// The same keyword twice.
    DuplicateKeyword = "tei::lint::duplicate_keyword", Lint, Warning;
    /// A template placeholder ("A Title", "My DOI number", `$LastChangedDate$`).
    Placeholder = "tei::lint::placeholder", Lint, Warning;
    /// A title in capitals only.
    AllCapsTitle = "tei::lint::all_caps_title", Lint, Warning;
    /// A label left at the start of a value ("Abstract:", "Key words:").
    LabelPrefix = "tei::lint::label_prefix", Lint, Warning;
    /// A DOI carrying PDF extraction debris: a ligature or another compatibility
    /// character (`10.1002/ﬂd.3902`), or the punctuation of the sentence it was copied
    /// from (`10.1234/abc.`).
    DoiDebris = "tei::lint::doi_debris", Lint, Warning;
    /// A name part made only of punctuation, symbols or digits (`|`, `*`, `†`, `1`): an
    /// author line split wrongly.
    NameDebris = "tei::lint::name_debris", Lint, Warning;
}

impl Code {
    /// The code for a stable code string, if teimeta reports it.
    pub fn from_str_code(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// True for codes that profile rules report.
    pub fn is_rule(self) -> bool {
        self.kind() == Kind::Rule
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct Problem {
    /// The stable code.
    pub code: Code,
    /// Error or warning, as the profile decided.
    pub severity: Severity,
    /// What is wrong, naming the value.
    pub message: String,
    /// What to do about it, in an editor's words.
    pub help: String,
    /// Where: the start tag of the element holding the value, or of the element where a
    /// missing value belongs.
    pub span: Span,
    /// The label shown at `span`.
    pub label: String,
    /// Further places worth showing (e.g. the footnote text itself inside an abstract).
    pub notes: Vec<(Span, String)>,
}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span);
        let notes = self
            .notes
            .iter()
            .map(|(span, label)| LabeledSpan::new_with_span(Some(label.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(notes)))
    }
}

/// Checks `doc`'s article against `profile`: the profile's field rules, the value checks
/// and the lints. Problems come in document order (errors first where two share a place).
pub fn check(doc: &Document, profile: &Profile) -> Vec<Problem> {
    let mut sink = Sink {
        profile,
        problems: Vec::new(),
        claimed: Vec::new(),
        grobid: is_grobid(&doc.text),
    };
    rules::apply(&doc.article, profile, &mut sink);
    values::check(&doc.article, &mut sink);
    lints::check(&doc.article, &mut sink);
    let mut problems = sink.problems;
    for p in &mut problems {
        p.span = clamp(p.span, doc.text.len());
        for (s, _) in &mut p.notes {
            *s = clamp(*s, doc.text.len());
        }
    }
    problems.sort_by(|a, b| {
        (a.span.start, a.severity, a.code).cmp(&(b.span.start, b.severity, b.code))
    });
    problems
}

/// True when GROBID wrote the file: its header names GROBID as the application
/// (`<application ident="GROBID">` in `appInfo`, GROBID 0.5 on), or the prolog or root
/// tag points at GROBID's schema (`Grobid.rng`, `Grobid.xsd`, every version). GROBID
/// writes some elements empty whatever the article holds.
fn is_grobid(text: &str) -> bool {
    let prolog = &text[..text.find("<teiHeader").unwrap_or(0)];
    if prolog.contains("Grobid.rng") || prolog.contains("Grobid.xsd") {
        return true;
    }
    let header_end = text.find("</teiHeader>").unwrap_or(text.len());
    let header = &text[..header_end];
    header.match_indices("<application").any(|(i, _)| {
        let tag = &header[i..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        tag.contains("ident=\"GROBID\"") || tag.contains("ident='GROBID'")
    })
}

/// Keeps a span inside the text, so a stale span can never make rendering fail.
fn clamp(span: Span, len: usize) -> Span {
    let start = span.start.min(len);
    Span::new(start, span.end.clamp(start, len))
}

/// Collects problems, applying the profile's severity settings to checks and lints.
pub(crate) struct Sink<'a> {
    profile: &'a Profile,
    problems: Vec<Problem>,
    /// Empty elements a rule has reported already (as a required field left empty).
    claimed: Vec<Span>,
    /// True for a file GROBID wrote (see [`is_grobid`]).
    pub(crate) grobid: bool,
}

impl Sink<'_> {
    /// Marks an empty element as reported by a rule.
    pub(crate) fn claim(&mut self, span: Span) {
        self.claimed.push(span);
    }

    /// True when a rule has reported the empty element at `span`.
    pub(crate) fn is_claimed(&self, span: Span) -> bool {
        self.claimed.contains(&span)
    }

    /// Reports a value check or lint at the profile's severity for `code` (or not at all
    /// when the profile turns it off). Returns the problem so notes can be added.
    pub(crate) fn report(
        &mut self,
        code: Code,
        span: Span,
        message: String,
        label: impl Into<String>,
        help: impl Into<String>,
    ) -> Option<&mut Problem> {
        let severity = self.profile.severity_of(code)?;
        self.push(code, severity, span, message, label.into(), help.into())
    }

    /// Reports a rule's finding at the rule's severity.
    pub(crate) fn rule(
        &mut self,
        code: Code,
        severity: Severity,
        span: Span,
        message: String,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(code, severity, span, message, label.into(), help.into());
    }

    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        span: Span,
        message: String,
        label: String,
        help: String,
    ) -> Option<&mut Problem> {
        self.problems.push(Problem {
            code,
            severity,
            message,
            help,
            span,
            label,
            notes: Vec::new(),
        });
        self.problems.last_mut()
    }
}

#[cfg(test)]
mod check_tests;

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(c.as_str().starts_with("tei::"), "{c}");
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(Code::from_str_code(c.as_str()), Some(*c));
        }
    }

    #[test]
    fn only_email_empty_values_and_lints_default_to_warnings() {
        for c in Code::ALL {
            let warning = c.default_severity() == Severity::Warning;
            let expected =
                c.kind() == Kind::Lint || matches!(c, Code::EmailSyntax | Code::EmptyValue);
            assert_eq!(warning, expected, "{c}");
        }
    }
}
