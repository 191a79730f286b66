//! Author names in BibTeX's `Family, Given` form, written so that bibtex, biber, pybtex,
//! bibtexparser and the `biblatex` crate all split them as intended.
//!
//! - A person is written `Family, Given`, or `Family, Suffix, Given` when a suffix (`Jr.`,
//!   `Sr.`, `III`, …) ends the surname or forename (`Smith, Jr., John`).
//! - Particles stay unbraced in front of the family name (`van der Berg, Jan`): BibTeX's
//!   "von" part is the run of lowercase words it starts with.
//! - A family name of several words is braced after its particles when BibTeX would split
//!   it: when one of its words does not start with a capital (`{García y Pérez}, Juan`).
//!   Without a given name to anchor it, a family name of several words is braced whole
//!   (`{Di Nunzio}`, `{de Gaulle}`), since BibTeX would read its first words as given
//!   names.
//! - A corporate author is one braced unit (`{Barnes and Noble}`).
//! - The word `and` inside any part is braced (`{and}`) so that it does not split the
//!   author list; commas inside a part are braced (`{,}`); a name that would still carry
//!   more than two commas is written as one braced unit. A word that starts with an
//!   escape (`{\#}`) is braced, which bibtexparser needs to keep it.
//! - A one-string name (no forename/surname markup) is split only when the split is
//!   unambiguous: `Family, Given` as written with one comma; or, without commas, in a cased
//!   script, one given name (optionally followed by initials) or initials only, optional
//!   lowercase particles, and one family word (`Marin Dacos`, `J. R. R. Tolkien`,
//!   `Jan van der Berg`). Anything else (`Mary Ann Smith`, `太宰治 (1909-1948)`) is written
//!   as one braced unit, exactly as given.

use super::escape::{brace, clean, escape_name};
use crate::model::{Author, Text};

/// A name as it is written in an author list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    /// A person in parts. `family` includes its particles (`van der Berg`).
    Person {
        family: String,
        given: Option<String>,
        suffix: Option<String>,
    },
    /// One braced unit: a corporate author, or a name that cannot be split safely.
    Whole(String),
}

const SUFFIXES: &[&str] = &[
    "Jr.", "Jr", "Sr.", "Sr", "Jnr.", "Jnr", "Snr.", "Snr", "II", "III", "IV", "2nd", "3rd", "4th",
];

fn is_suffix(s: &str) -> bool {
    SUFFIXES.contains(&s)
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(crate) fn starts_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// An initial: one to three capitals, each optionally followed by `.` or `-` (`J.`,
/// `J.-P.`, `JR`), with at least a dot when there is more than one letter.
fn is_initial(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| !matches!(c, '.' | '-')).collect();
    !letters.is_empty()
        && letters.len() <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && (letters.len() == 1 || w.contains('.'))
}

/// Splits a trailing suffix off a surname or forename: `Smith, Jr.` or `Smith Jr.`.
fn split_suffix(s: &str) -> (String, Option<String>) {
    if let Some((head, tail)) = s.rsplit_once(',') {
        let (head, tail) = (head.trim(), tail.trim());
        if !head.is_empty() && is_suffix(tail) {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    if let Some((head, tail)) = s.rsplit_once(' ') {
        if !head.is_empty() && is_suffix(tail) {
            return (
                head.trim_end_matches(',').trim().to_string(),
                Some(tail.to_string()),
            );
        }
    }
    (s.to_string(), None)
}

fn cleaned(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| clean(&t.value))
        .filter(|s| !s.is_empty())
}

/// How `author` is written, or `None` when it carries no name at all.
pub(crate) fn name_of(author: &Author) -> Option<Name> {
    let surname = cleaned(&author.surname);
    let forename = cleaned(&author.forename);
    let display = cleaned(&author.name);
    if author.organization {
        return display.or(surname).or(forename).map(Name::Whole);
    }
    match (surname, forename) {
        // A surname alone keeps its suffix: `Smith, Jr.` with no given name to put last.
        (Some(surname), None) => Some(Name::Person {
            family: surname,
            given: None,
            suffix: None,
        }),
        (Some(surname), forename) => {
            let (family, suffix) = split_suffix(&surname);
            let (given, forename_suffix) = match forename {
                Some(f) => {
                    let (g, s) = split_suffix(&f);
                    (Some(g), s)
                }
                None => (None, None),
            };
            Some(Name::Person {
                family,
                given,
                suffix: suffix.or(forename_suffix),
            })
        }
        // A forename alone is the only name there is: one unit, not a family name.
        (None, Some(forename)) if !forename.contains(' ') => Some(Name::Person {
            family: forename,
            given: None,
            suffix: None,
        }),
        (None, Some(forename)) => Some(Name::Whole(forename)),
        (None, None) => display.map(|d| parse_display(&d)),
    }
}

/// Splits a one-string name when that is unambiguous; see the module documentation.
pub(crate) fn parse_display(d: &str) -> Name {
    let whole = || Name::Whole(d.to_string());
    let nonempty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let parts: Vec<&str> = d.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [_] => split_plain(d),
        // `Smith, Jr.` has no given name to put last: one unit, as written.
        [_, rest] if is_suffix(rest) => whole(),
        [family, rest] if !family.is_empty() => Name::Person {
            family: family.to_string(),
            given: nonempty(rest),
            suffix: None,
        },
        [family, b, c] if !family.is_empty() && is_suffix(b) => Name::Person {
            family: family.to_string(),
            given: nonempty(c),
            suffix: nonempty(b),
        },
        [family, b, c] if !family.is_empty() && is_suffix(c) => Name::Person {
            family: family.to_string(),
            given: nonempty(b),
            suffix: nonempty(c),
        },
        _ => whole(),
    }
}

fn split_plain(d: &str) -> Name {
    let whole = || Name::Whole(d.to_string());
    let mut words: Vec<&str> = d.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() <= 1 {
        return Name::Person {
            family: d.to_string(),
            given: None,
            suffix: None,
        };
    }
    // Scripts without case (CJK, Arabic, Hebrew), digits and brackets: no safe reading.
    if !words.iter().all(|w| starts_upper(w) || starts_lower(w)) {
        return whole();
    }
    let mut suffix = None;
    if words.len() >= 3 && words.last().is_some_and(|w| is_suffix(w)) {
        suffix = words.pop().map(str::to_string);
    }
    let n = words.len();
    let given_ok = |g: &[&str]| {
        g.len() == 1 || g[1..].iter().all(|w| is_initial(w)) || g.iter().all(|w| is_initial(w))
    };
    let (given, family): (&[&str], &[&str]) = match words.iter().position(|w| starts_lower(w)) {
        // `de Gaulle`: particles and a family name, no given name.
        Some(0) => (&[], &words[..]),
        Some(first) => {
            let last = words.iter().rposition(|w| starts_lower(w)).unwrap_or(first);
            if last + 2 != n {
                return whole();
            }
            (&words[..first], &words[first..])
        }
        None => (&words[..n - 1], &words[n - 1..]),
    };
    if !given.is_empty() && !given_ok(given) {
        return whole();
    }
    Name::Person {
        family: family.join(" "),
        given: Some(given.join(" ")).filter(|g| !g.is_empty()),
        suffix,
    }
}

/// One word of a name part: `and` braced so that it does not split the author list; a
/// word whose escaped form has a command outside braces (`\#`, `and\$`,
/// `\textbackslash{}x`) braced too, because bibtexparser's author-list splitter skips
/// escapes without tracking words: it drops such a word, cuts the name short, or takes
/// `and\$` for the separator `and`. (Classic accent macros are already braced: `{\"u}`.)
fn name_word(w: &str, classic: bool) -> String {
    let escaped = escape_name(w, classic);
    if w.eq_ignore_ascii_case("and") {
        brace(w)
    } else if has_command_outside_braces(&escaped) {
        format!("{{{escaped}}}")
    } else {
        escaped
    }
}

fn has_command_outside_braces(s: &str) -> bool {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '\\' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

fn name_words(s: &str, classic: bool) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| name_word(w, classic))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A family name's words split into its particles (the lowercase words it starts with,
/// `van der` in `van der Berg`) and the rest; the last word is never a particle.
pub(crate) fn split_particles<'w, 's>(words: &'w [&'s str]) -> (&'w [&'s str], &'w [&'s str]) {
    let particles = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|w| starts_lower(w))
        .count();
    words.split_at(particles)
}

/// The family name: particles unbraced, the rest braced when BibTeX would split it.
/// Without a given name (or suffix) to anchor it, a family name of several words is one
/// braced unit: BibTeX would read its first words as given names.
fn format_family(family: &str, anchored: bool, classic: bool) -> String {
    let words: Vec<&str> = family.split(' ').filter(|w| !w.is_empty()).collect();
    if !anchored && words.len() > 1 {
        return brace(&escape_name(&words.join(" "), classic));
    }
    let (particles, core) = split_particles(&words);
    let core_out = if core.len() > 1 && !core.iter().all(|w| starts_upper(w)) {
        brace(&escape_name(&core.join(" "), classic))
    } else {
        name_words(&core.join(" "), classic)
    };
    let mut out = name_words(&particles.join(" "), classic);
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(&core_out);
    out
}

/// Writes one name for an author list (without the ` and ` between names).
pub(crate) fn format_name(name: &Name, classic: bool) -> String {
    let (family, given, suffix) = match name {
        Name::Whole(s) => return brace(&escape_name(s, classic)),
        // `Family, Suffix, ` with an empty given name is refused by bibtexparser (and
        // warned about by biber): without a given name the suffix stays in the family
        // name, in reading order.
        Name::Person {
            family,
            given: None,
            suffix: Some(suffix),
        } => {
            let whole = Name::Person {
                family: format!("{family} {suffix}"),
                given: None,
                suffix: None,
            };
            return format_name(&whole, classic);
        }
        Name::Person {
            family,
            given,
            suffix,
        } => (family, given, suffix),
    };
    let mut out = format_family(family, given.is_some() || suffix.is_some(), classic);
    match (suffix, given) {
        (Some(s), g) => {
            out.push_str(", ");
            out.push_str(&name_words(s, classic));
            out.push_str(", ");
            out.push_str(
                &g.as_deref()
                    .map_or(String::new(), |g| name_words(g, classic)),
            );
        }
        (None, Some(g)) => {
            out.push_str(", ");
            out.push_str(&name_words(g, classic));
        }
        (None, None) => {}
    }
    // biber rejects a name with more than two commas, braced or not, unless the whole
    // name is one braced unit.
    if out.matches(',').count() > 2 {
        let display: Vec<&str> = [given.as_deref(), Some(family.as_str()), suffix.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        return brace(&escape_name(&display.join(" "), classic));
    }
    // A lone `others` is biber's and BibTeX's "et al."; biber (Perl) takes a name `0`
    // for an empty one and drops the whole entry.
    if out.eq_ignore_ascii_case("others") || out == "0" {
        return brace(&out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Located, Span};

    fn t(s: &str) -> Option<Text> {
        Some(Located::new(s.to_string(), Span::default()))
    }

    fn person(surname: Option<&str>, forename: Option<&str>) -> Author {
        Author {
            surname: surname.and_then(t),
            forename: forename.and_then(t),
            ..Author::default()
        }
    }

    fn written(a: &Author) -> String {
        format_name(&name_of(a).expect("a name"), false)
    }

    fn display(d: &str) -> String {
        format_name(&parse_display(d), false)
    }

    #[test]
    fn persons_are_family_comma_given() {
        assert_eq!(
            written(&person(Some("Lovelace"), Some("Ada"))),
            "Lovelace, Ada"
        );
        assert_eq!(
            written(&person(Some("Youn"), Some("Dae-Yeong"))),
            "Youn, Dae-Yeong"
        );
        assert_eq!(
            written(&person(Some("Di Nunzio"), Some("Giorgio Maria"))),
            "Di Nunzio, Giorgio Maria"
        );
    }

    #[test]
    fn particles_stay_unbraced_in_front() {
        assert_eq!(
            written(&person(Some("van der Berg"), Some("Jan"))),
            "van der Berg, Jan"
        );
        // Without a given name, the whole family name is one unit.
        assert_eq!(written(&person(Some("de Gaulle"), None)), "{de Gaulle}");
    }

    #[test]
    fn compound_family_names_with_lowercase_words_are_braced() {
        assert_eq!(
            written(&person(Some("García y Pérez"), Some("Juan"))),
            "{García y Pérez}, Juan"
        );
        assert_eq!(
            written(&person(Some("de García y Pérez"), Some("Juan"))),
            "de {García y Pérez}, Juan"
        );
        assert_eq!(
            written(&person(Some("Van der Berg"), Some("Jan"))),
            "{Van der Berg}, Jan"
        );
        // Without a given name, any multi-word family name would be read as First Last.
        assert_eq!(written(&person(Some("Di Nunzio"), None)), "{Di Nunzio}");
    }

    #[test]
    fn suffixes_go_in_the_middle() {
        assert_eq!(
            written(&person(Some("Smith Jr."), Some("John"))),
            "Smith, Jr., John"
        );
        assert_eq!(
            written(&person(Some("Smith, Jr."), Some("John"))),
            "Smith, Jr., John"
        );
        assert_eq!(
            written(&person(Some("Smith"), Some("John, III"))),
            "Smith, III, John"
        );
        assert_eq!(display("Smith, Jr., John"), "Smith, Jr., John");
        // Without a given name, the suffix stays with the family name.
        assert_eq!(written(&person(Some("Smith Jr."), None)), "{Smith Jr.}");
        assert_eq!(display("Smith, Jr."), "{Smith{,} Jr.}");
        assert_eq!(display("de Gaulle Jr."), "{de Gaulle Jr.}");
        assert_eq!(display("Smith, John, Jr."), "Smith, Jr., John");
        assert_eq!(display("John Smith Jr."), "Smith, Jr., John");
    }

    #[test]
    fn an_and_inside_a_name_does_not_split_it() {
        assert_eq!(
            written(&person(Some("Smith and Jones"), Some("Al"))),
            "{Smith and Jones}, Al"
        );
        assert_eq!(
            written(&person(Some("Smith"), Some("Al and Bo"))),
            "Smith, Al {and} Bo"
        );
        assert_eq!(
            written(&person(Some("and Smith"), Some("Al"))),
            "{and} Smith, Al"
        );
        let org = Author {
            name: t("Barnes and Noble"),
            organization: true,
            ..Author::default()
        };
        assert_eq!(written(&org), "{Barnes and Noble}");
    }

    #[test]
    fn commas_inside_a_part_are_braced_and_too_many_make_one_unit() {
        assert_eq!(
            written(&person(Some("Smith"), Some("Al, Bo"))),
            "Smith, Al{,} Bo"
        );
        assert_eq!(
            written(&person(Some("A, B"), Some("C, D"))),
            "{C{,} D A{,} B}"
        );
    }

    #[test]
    fn one_string_names_split_only_when_unambiguous() {
        assert_eq!(display("Marin Dacos"), "Dacos, Marin");
        assert_eq!(display("An Author"), "Author, An");
        assert_eq!(display("J. R. R. Tolkien"), "Tolkien, J. R. R.");
        assert_eq!(display("John R. Smith"), "Smith, John R.");
        assert_eq!(display("Jan van der Berg"), "van der Berg, Jan");
        assert_eq!(display("Guest"), "Guest");
        assert_eq!(display("Smith, John"), "Smith, John");
        assert_eq!(display("Вовчок, Марко"), "Вовчок, Марко");
        assert_eq!(display("Mary Ann Smith"), "{Mary Ann Smith}");
        assert_eq!(display("Jean de La Fontaine"), "{Jean de La Fontaine}");
        assert_eq!(display("太宰治 (1909-1948)"), "{太宰治 (1909-1948)}");
        assert_eq!(display("a, b, c, d"), "{a{,} b{,} c{,} d}");
    }

    #[test]
    fn a_forename_alone_is_one_unit() {
        assert_eq!(written(&person(None, Some("ᰔ"))), "ᰔ");
        assert_eq!(written(&person(None, Some("Jean Paul"))), "{Jean Paul}");
    }

    #[test]
    fn a_lone_others_is_not_et_al() {
        assert_eq!(display("others"), "{others}");
        assert_eq!(written(&person(Some("Others"), None)), "{Others}");
        assert_eq!(written(&person(Some("0"), None)), "{0}");
        assert_eq!(written(&person(Some("0"), Some("X"))), "0, X");
    }

    #[test]
    fn specials_in_names_are_escaped() {
        assert_eq!(
            written(&person(Some("O'Brien & Co"), Some("X_Y"))),
            r"{O'Brien \& Co}, {X\_Y}"
        );
        assert_eq!(
            written(&person(Some("family=Doe"), Some("J"))),
            r"{family\symbol{61}Doe}, J"
        );
        assert_eq!(
            format_name(&parse_display("Müller, Jörg"), true),
            r#"M{\"u}ller, J{\"o}rg"#
        );
    }

    #[test]
    fn a_word_starting_with_an_escape_is_braced() {
        assert_eq!(written(&person(Some("o PB"), Some("#"))), r"o PB, {\#}");
        assert_eq!(
            written(&person(Some("Smith"), Some(r"\x y"))),
            r"Smith, {\textbackslash{}x} y"
        );
        assert_eq!(
            written(&person(Some("Smith"), Some("a# _b"))),
            r"Smith, {a\#} {\_b}"
        );
        // `and$` is not the separator `and` for any reader.
        assert_eq!(written(&person(Some("X"), Some("and$"))), r"X, {and\$}");
        // Accent macros are braced already.
        assert_eq!(
            format_name(&parse_display("Jörg Müller"), true),
            r#"M{\"u}ller, J{\"o}rg"#
        );
    }

    #[test]
    fn names_without_any_part_are_left_out() {
        assert_eq!(name_of(&Author::default()), None);
        assert_eq!(name_of(&person(Some("  "), None)), None);
    }
}
