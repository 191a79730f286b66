//! Validation profiles: which fields a journal requires or recommends, in what numbers,
//! and how severe each check is.
//!
//! A profile is a small TOML file (the format is documented in `schemas/README.md`). The
//! built-in ones live in `schemas/` and are compiled into the library with
//! `include_str!`; a journal's own file is loaded at run time with [`Profile::load`].
//! Everything about a file is checked when it is loaded — unknown keys, unknown fields,
//! bounds on fields that have no count, unknown problem codes — so a typo in a profile is
//! reported once, pointing at the line in the profile, instead of silently checking less.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use thiserror::Error;

use super::{Code, Severity};
use crate::parse::styles::Field as Style;

/// The built-in profiles: name and TOML text, in the order `teimeta profiles` lists them.
const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../schemas/default.toml")),
    ("crossref", include_str!("../../schemas/crossref.toml")),
    ("doaj", include_str!("../../schemas/doaj.toml")),
];

/// A field of the article that a profile rule can require or recommend.
///
/// The article-level fields are the parser's own ([`styles::Field`]), named as
/// [`styles::Field::name`] gives; [`Field::ALL`] lists the ones a profile can check (a
/// profile naming another, such as `genre`, is refused when loaded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A field of the article as the parser reads it: title, authors (counted),
    /// abstract, keywords (counted per language), journal, ISSNs, volume, issue, pages,
    /// date, publisher, language, DOI, full-text URL.
    Article(Style),
    /// Each person author's family name (corporate authors are exempt).
    AuthorSurname,
    /// Each person author's given name (corporate authors are exempt).
    AuthorForename,
    /// Each person author's ORCID iD.
    AuthorOrcid,
    /// Each author's affiliation.
    AuthorAffiliation,
    /// Each author's email address.
    AuthorEmail,
    /// The number of words of the main abstract; counted (a range).
    AbstractWords,
}

impl Field {
    /// Every field a profile can check, in the order the profile documentation lists
    /// them.
    pub const ALL: &'static [Field] = &[
        Field::Article(Style::Title),
        Field::Article(Style::Authors),
        Field::AuthorSurname,
        Field::AuthorForename,
        Field::AuthorOrcid,
        Field::AuthorAffiliation,
        Field::AuthorEmail,
        Field::Article(Style::Abstract),
        Field::AbstractWords,
        Field::Article(Style::Keywords),
        Field::Article(Style::Journal),
        Field::Article(Style::Issn),
        Field::Article(Style::Eissn),
        Field::Article(Style::Volume),
        Field::Article(Style::Issue),
        Field::Article(Style::Pages),
        Field::Article(Style::Date),
        Field::Article(Style::Publisher),
        Field::Article(Style::Language),
        Field::Article(Style::Doi),
        Field::Article(Style::Url),
    ];

    /// The name a profile file uses for the field.
    pub fn name(self) -> &'static str {
        match self {
            Field::Article(f) => f.name(),
            Field::AuthorSurname => "author.surname",
            Field::AuthorForename => "author.forename",
            Field::AuthorOrcid => "author.orcid",
            Field::AuthorAffiliation => "author.affiliation",
            Field::AuthorEmail => "author.email",
            Field::AbstractWords => "abstract.words",
        }
    }

    /// True for fields that have a number (so `min` and `max` apply to them).
    pub fn is_counted(self) -> bool {
        matches!(
            self,
            Field::Article(Style::Authors) | Field::Article(Style::Keywords) | Field::AbstractWords
        )
    }

    /// True for fields checked on every author in turn.
    pub fn is_per_author(self) -> bool {
        matches!(
            self,
            Field::AuthorSurname
                | Field::AuthorForename
                | Field::AuthorOrcid
                | Field::AuthorAffiliation
                | Field::AuthorEmail
        )
    }

    fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How much a rule matters: a required field missing is an error, a recommended one a
/// warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Missing or out of range is an error.
    Required,
    /// Missing or out of range is a warning.
    Recommended,
}

impl Level {
    /// The severity of a problem this rule finds.
    pub fn severity(self) -> Severity {
        match self {
            Level::Required => Severity::Error,
            Level::Recommended => Severity::Warning,
        }
    }
}

/// One rule of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The field, or several alternatives of which one is enough (`"doi or url"`).
    pub fields: Vec<Field>,
    /// Required (error) or recommended (warning).
    pub level: Level,
    /// The least number (counted fields); 1 by default.
    pub min: Option<usize>,
    /// The greatest number (counted fields); no limit by default.
    pub max: Option<usize>,
    /// The journal's own advice, shown instead of teimeta's when the rule fails.
    pub help: Option<String>,
}

/// What a profile does with a check that is not a rule: its severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Report it at this severity.
    Report(Severity),
    /// Do not report it.
    Off,
}

/// A validation profile, built in or read from a journal's TOML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The profile's name (`default`, `crossref`, or the file's own).
    pub name: String,
    /// A one-line summary.
    pub summary: String,
    /// The field rules, in file order (a base profile's first).
    pub rules: Vec<Rule>,
    /// Severity overrides for checks and lints, by problem code.
    pub checks: BTreeMap<Code, Setting>,
    /// The journal's deposit settings (`[deposit]`), which `convert --to crossref|doaj`
    /// uses where no flag gives them.
    pub deposit: Deposit,
}

/// A profile's `[deposit]` table: the facts a Crossref or DOAJ deposit needs that the TEI
/// does not hold. Every key is optional; command-line flags override them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deposit {
    /// `depositor_name`: who sends the deposit (Crossref `head/depositor`).
    pub depositor_name: Option<String>,
    /// `depositor_email`: where Crossref sends the submission log.
    pub depositor_email: Option<String>,
    /// `registrant`: the organisation responsible for the metadata.
    pub registrant: Option<String>,
    /// `batch_id`: a fixed `doi_batch_id` (normally derived from the inputs).
    pub batch_id: Option<String>,
    /// `resource_url`: the landing-page URL template, `{doi}` standing for the DOI.
    pub resource_url: Option<String>,
}

impl Profile {
    /// The names of the built-in profiles.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    /// Every built-in profile, in listing order.
    pub fn builtins() -> Vec<Profile> {
        Profile::builtin_names()
            .filter_map(Profile::builtin)
            .collect()
    }

    /// The TOML text of the built-in profile called `name`, if there is one (what
    /// `teimeta profiles --show NAME` prints).
    pub fn builtin_toml(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The built-in profile called `name`, if there is one.
    pub fn builtin(name: &str) -> Option<Profile> {
        let (name, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        // The built-in files are tested to load; a broken one is a build defect, and
        // `None` (an unknown profile) is the honest answer rather than a panic.
        Profile::from_toml(text, &format!("schemas/{name}.toml"), name).ok()
    }

    /// The default profile.
    pub fn default_profile() -> Profile {
        Profile::builtin("default").unwrap_or(Profile {
            name: "default".to_string(),
            summary: String::new(),
            rules: Vec::new(),
            checks: BTreeMap::new(),
            deposit: Deposit::default(),
        })
    }

    /// A built-in profile by name, or else a profile file at that path.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        if let Some(p) = Profile::builtin(name_or_path) {
            return Ok(p);
        }
        let path = Path::new(name_or_path);
        let looks_like_file = path.is_file()
            || name_or_path.contains(['/', '\\'])
            || path.extension().is_some_and(|e| e == "toml");
        if !looks_like_file {
            return Err(ProfileError::Unknown {
                name: name_or_path.to_string(),
                known: Profile::builtin_names().collect::<Vec<_>>().join(", "),
            });
        }
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            path: name_or_path.to_string(),
            source,
        })?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name_or_path.to_string());
        Profile::from_toml(&text, name_or_path, &stem)
    }

    /// Reads a profile from TOML `text`; `origin` names it in errors, `fallback_name` is
    /// its name when the file gives none.
    pub fn from_toml(
        text: &str,
        origin: &str,
        fallback_name: &str,
    ) -> Result<Profile, ProfileError> {
        let invalid = |message: String, span: Option<std::ops::Range<usize>>| {
            let span = span.unwrap_or(0..0);
            ProfileError::Invalid {
                path: origin.to_string(),
                message,
                src: NamedSource::new(origin, text.to_string()),
                at: (span.start, span.len()).into(),
            }
        };
        let raw: RawProfile =
            toml::from_str(text).map_err(|e| invalid(e.message().to_string(), e.span()))?;

        let mut rules = Vec::new();
        let mut checks = BTreeMap::new();
        if let Some(base) = &raw.extends {
            let name = base.get_ref();
            let Some(base_profile) = Profile::builtin(name) else {
                return Err(invalid(
                    format!(
                        "`extends` names no built-in profile: \"{name}\" (built in: {})",
                        Profile::builtin_names().collect::<Vec<_>>().join(", ")
                    ),
                    Some(base.span()),
                ));
            };
            // A field the file has rules for is the file's to decide: the base's rules
            // for it are dropped, so `min`/`max` can be loosened as well as tightened.
            let own: Vec<Field> = raw
                .rules
                .iter()
                .flat_map(|r| r.get_ref().field.0.clone())
                .collect();
            rules.extend(
                base_profile
                    .rules
                    .into_iter()
                    .filter(|r| !r.fields.iter().any(|f| own.contains(f))),
            );
            checks = base_profile.checks;
        }
        for spanned in &raw.rules {
            let r = spanned.get_ref();
            let fields = &r.field.0;
            let bounded = r.min.is_some() || r.max.is_some();
            if bounded && !(fields.len() == 1 && fields[0].is_counted()) {
                return Err(invalid(
                    format!(
                        "`min` and `max` apply only to counted fields (authors, keywords, \
                         abstract.words), not to `{}`",
                        r.field
                    ),
                    Some(spanned.span()),
                ));
            }
            if fields.len() > 1 && fields.iter().any(|f| f.is_per_author() || f.is_counted()) {
                return Err(invalid(
                    format!(
                        "alternatives (\"a or b\") are for single-valued fields, not `{}`",
                        r.field
                    ),
                    Some(spanned.span()),
                ));
            }
            if let (Some(min), Some(max)) = (r.min, r.max) {
                if min > max {
                    return Err(invalid(
                        format!("`min` ({min}) is greater than `max` ({max})"),
                        Some(spanned.span()),
                    ));
                }
            }
            rules.push(Rule {
                fields: fields.clone(),
                level: r.level,
                min: r.min,
                max: r.max,
                help: r.help.clone(),
            });
        }
        for (key, setting) in &raw.checks {
            let Some(code) = Code::from_str_code(key.get_ref()) else {
                return Err(invalid(
                    format!(
                        "\"{}\" is not a problem code teimeta reports (`teimeta profiles \
                         --codes` lists them)",
                        key.get_ref()
                    ),
                    Some(key.span()),
                ));
            };
            if code.is_rule() {
                return Err(invalid(
                    format!(
                        "\"{}\" comes from a field rule: set its `level` in a [[rule]] instead",
                        key.get_ref()
                    ),
                    Some(key.span()),
                ));
            }
            checks.insert(code, setting.0);
        }
        Ok(Profile {
            name: raw
                .name
                .clone()
                .unwrap_or_else(|| fallback_name.to_string()),
            summary: raw.summary.unwrap_or_default(),
            rules,
            checks,
            deposit: raw.deposit.unwrap_or_default(),
        })
    }

    /// The severity this profile gives to a check or lint, or `None` when it is off.
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        match self.checks.get(&code) {
            Some(Setting::Off) => None,
            Some(Setting::Report(s)) => Some(*s),
            None => Some(code.default_severity()),
        }
    }
}

/// A profile that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum ProfileError {
    /// Neither a built-in profile nor a file.
    #[error("no profile called \"{name}\"")]
    #[diagnostic(
        code(tei::profile::unknown),
        help("the built-in profiles are {known} (`teimeta profiles` lists them); give a path to use a profile file, and start one from a built-in profile: `teimeta profiles --show default > my-journal.toml`")
    )]
    Unknown {
        /// The name as given.
        name: String,
        /// The built-in names, comma-separated.
        known: String,
    },

    /// The profile file cannot be read.
    #[error("{path}: cannot read the profile: {source}")]
    #[diagnostic(code(tei::profile::io))]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },

    /// The profile file is not a valid profile.
    #[error("{path}: invalid profile: {message}")]
    #[diagnostic(
        code(tei::profile::invalid),
        help("`teimeta profiles --show default` prints a built-in profile, a worked example of the format; `teimeta profiles --codes` lists the codes a [checks] table can set")
    )]
    Invalid {
        /// The path (or built-in name) of the profile.
        path: String,
        /// What is wrong.
        message: String,
        /// The profile text, for rendering.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the profile.
        #[label("here")]
        at: SourceSpan,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Option<String>,
    summary: Option<String>,
    extends: Option<toml::Spanned<String>>,
    #[serde(default, rename = "rule")]
    rules: Vec<toml::Spanned<RawRule>>,
    #[serde(default)]
    checks: BTreeMap<toml::Spanned<String>, RawSetting>,
    deposit: Option<Deposit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    field: FieldSet,
    level: Level,
    min: Option<usize>,
    max: Option<usize>,
    help: Option<String>,
}

/// `"doi"` or `"doi or url"`.
#[derive(Debug)]
struct FieldSet(Vec<Field>);

impl fmt::Display for FieldSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|f| f.name()).collect();
        f.write_str(&names.join(" or "))
    }
}

impl<'de> Deserialize<'de> for FieldSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mut fields = Vec::new();
        for name in text.split(" or ").map(str::trim) {
            match Field::from_name(name) {
                Some(f) if !fields.contains(&f) => fields.push(f),
                Some(_) => {
                    return Err(de::Error::custom(format!("`{name}` is named twice")));
                }
                None => {
                    let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                    return Err(de::Error::custom(format!(
                        "unknown field `{name}`; the fields are {}",
                        known.join(", ")
                    )));
                }
            }
        }
        Ok(FieldSet(fields))
    }
}

#[derive(Debug)]
struct RawSetting(Setting);

impl<'de> Deserialize<'de> for RawSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match text.as_str() {
            "error" => Ok(RawSetting(Setting::Report(Severity::Error))),
            "warning" => Ok(RawSetting(Setting::Report(Severity::Warning))),
            "off" => Ok(RawSetting(Setting::Off)),
            other => Err(de::Error::custom(format!(
                "\"{other}\" is not a setting; use \"error\", \"warning\" or \"off\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_profile_loads() {
        for (name, text) in BUILTIN {
            let p = Profile::from_toml(text, name, name)
                .unwrap_or_else(|e| panic!("schemas/{name}.toml: {e:?}"));
            assert_eq!(p.name, *name);
            assert!(!p.summary.is_empty(), "{name} has a summary");
            assert!(!p.rules.is_empty(), "{name} has rules");
        }
    }

    #[test]
    fn alternatives_are_read_from_or() {
        let p = Profile::from_toml(
            "[[rule]]\nfield = \"doi or url\"\nlevel = \"required\"\n",
            "t.toml",
            "t",
        )
        .unwrap();
        assert_eq!(p.name, "t");
        assert_eq!(
            p.rules[0].fields,
            vec![Field::Article(Style::Doi), Field::Article(Style::Url)]
        );
        assert_eq!(p.rules[0].level, Level::Required);
    }

    #[test]
    fn a_deposit_table_is_read_and_checked() {
        let p = Profile::from_toml(
            "extends = \"crossref\"\n[deposit]\ndepositor_name = \"JCH\"\n\
             resource_url = \"https://jch.example/a/{doi}\"\n",
            "t.toml",
            "t",
        )
        .unwrap();
        assert_eq!(p.deposit.depositor_name.as_deref(), Some("JCH"));
        assert_eq!(
            p.deposit.resource_url.as_deref(),
            Some("https://jch.example/a/{doi}")
        );
        assert_eq!(p.deposit.registrant, None);
        assert!(!p.rules.is_empty(), "the crossref rules are inherited");
        let (message, _) = invalid_at("[deposit]\ndepositor = \"x\"\n");
        assert!(message.contains("depositor"), "{message}");
    }

    fn invalid_at(text: &str) -> (String, usize) {
        match Profile::from_toml(text, "t.toml", "t") {
            Err(ProfileError::Invalid { message, at, .. }) => (message, at.offset()),
            other => panic!("expected an invalid profile, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_field_is_reported_at_its_line() {
        let text = "name = \"j\"\n\n[[rule]]\nfield = \"titel\"\nlevel = \"required\"\n";
        let (message, at) = invalid_at(text);
        assert!(message.contains("unknown field `titel`"), "{message}");
        assert_eq!(crate::text::line_column(text, at).0, 4);
    }

    #[test]
    fn the_parser_fields_no_profile_checks_are_unknown_fields() {
        let checked: Vec<Style> = Field::ALL
            .iter()
            .filter_map(|f| match f {
                Field::Article(s) => Some(*s),
                _ => None,
            })
            .collect();
        let unchecked: Vec<Style> = Style::ALL
            .iter()
            .copied()
            .filter(|s| !checked.contains(s))
            .collect();
        assert_eq!(
            unchecked,
            [
                Style::Genre,
                Style::Container,
                Style::Event,
                Style::Institution,
                Style::Editors,
                Style::Series,
                Style::ContainerDoi
            ]
        );
        for s in unchecked {
            let text = format!(
                "name = \"j\"\n[[rule]]\nfield = \"{s_name}\"\nlevel = \"required\"\n",
                s_name = s.name()
            );
            let (message, _) = invalid_at(&text);
            assert!(
                message.contains(&format!("unknown field `{}`", s.name())),
                "{message}"
            );
        }
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(*f));
        }
    }

    #[test]
    fn bounds_on_an_uncounted_field_are_refused() {
        let (message, _) = invalid_at("[[rule]]\nfield = \"doi\"\nlevel = \"required\"\nmax = 2\n");
        assert!(message.contains("only to counted fields"), "{message}");
    }

    #[test]
    fn min_above_max_is_refused() {
        let (message, _) =
            invalid_at("[[rule]]\nfield = \"keywords\"\nlevel = \"required\"\nmin = 5\nmax = 3\n");
        assert!(message.contains("greater than"), "{message}");
    }

    #[test]
    fn unknown_keys_and_levels_are_refused() {
        let (message, _) = invalid_at("[[rule]]\nfield = \"doi\"\nlevel = \"must\"\n");
        assert!(message.contains("must"), "{message}");
        let (message, _) = invalid_at("nmae = \"x\"\n");
        assert!(message.contains("nmae"), "{message}");
    }

    #[test]
    fn checks_take_codes_and_settings() {
        let p = Profile::from_toml(
            "[checks]\n\"tei::lint::placeholder\" = \"error\"\n\"tei::email::syntax\" = \"off\"\n",
            "t.toml",
            "t",
        )
        .unwrap();
        assert_eq!(p.severity_of(Code::Placeholder), Some(Severity::Error));
        assert_eq!(p.severity_of(Code::EmailSyntax), None);
        assert_eq!(p.severity_of(Code::DoiSyntax), Some(Severity::Error));
        let (message, _) = invalid_at("[checks]\n\"tei::lint::nope\" = \"error\"\n");
        assert!(message.contains("tei::lint::nope"), "{message}");
        let (message, _) = invalid_at("[checks]\n\"tei::doi::missing\" = \"error\"\n");
        assert!(message.contains("level"), "{message}");
        let (message, _) = invalid_at("[checks]\n\"tei::doi::syntax\" = \"fatal\"\n");
        assert!(message.contains("fatal"), "{message}");
    }

    #[test]
    fn extends_replaces_the_base_rules_for_the_fields_it_names() {
        let p = Profile::from_toml(
            "extends = \"default\"\n[[rule]]\nfield = \"keywords\"\nlevel = \"required\"\nmin = 3\nmax = 8\n",
            "j.toml",
            "j",
        )
        .unwrap();
        let kw: Vec<&Rule> = p
            .rules
            .iter()
            .filter(|r| r.fields.contains(&Field::Article(Style::Keywords)))
            .collect();
        assert_eq!(kw.len(), 1);
        assert_eq!((kw[0].min, kw[0].max), (Some(3), Some(8)));
        assert!(p
            .rules
            .iter()
            .any(|r| r.fields == [Field::Article(Style::Title)]));
        let (message, _) = invalid_at("extends = \"nope\"\n");
        assert!(message.contains("nope"), "{message}");
    }

    #[test]
    fn load_tells_a_name_from_a_path() {
        assert_eq!(Profile::load("crossref").unwrap().name, "crossref");
        assert!(matches!(
            Profile::load("crossreff"),
            Err(ProfileError::Unknown { .. })
        ));
        assert!(matches!(
            Profile::load("no/such/profile.toml"),
            Err(ProfileError::Io { .. })
        ));
    }
}
