//! What the two reference-manager formats, CSL-JSON ([`super::csl`]) and RIS
//! ([`super::ris`]), read the same way from an [`Article`]: the kind of item, the date, the
//! names, the titles, the ISSNs, the DOI, keywords and abstracts. Each format then writes
//! them under its own names.
//!
//! Names are split by the BibTeX exporter's name module (`bibtex::names`), so that the
//! three formats agree on who is the family and who the given name; the particles of a
//! family name (`van der` in `van der Berg`) are the lowercase words it starts with.

use std::collections::HashSet;

use super::bibtex::escape::clean;
use super::bibtex::names::{name_of, split_particles, starts_lower, Name};
use crate::ids::{Date, Issn};
use crate::model::{Article, Author, Text};

/// The kind of item, as a reference manager files it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A journal article.
    Journal,
    /// A paper given at a conference (published in proceedings or not).
    Conference,
    /// A chapter of a book.
    Chapter,
    /// A thesis (doctoral, master's, habilitation).
    Thesis,
    /// A whole book.
    Book,
    /// A report.
    Report,
    /// A review (of a book, an exhibition, a tool).
    Review,
    /// Anything else: what the TEI does not say.
    Generic,
}

impl Kind {
    /// The kind `a` is: the document type the TEI gives (`genre`) first, then a journal
    /// title (a journal article), then a meeting (a conference paper), else generic.
    pub(crate) fn of(a: &Article) -> Kind {
        match a.genre.as_ref().map(|g| g.as_str()) {
            Some("thesis" | "masters-thesis" | "habilitation") => Kind::Thesis,
            Some("chapter") => Kind::Chapter,
            Some("conference-paper") => Kind::Conference,
            Some("book") => Kind::Book,
            Some("report") => Kind::Report,
            Some("review") => Kind::Review,
            genre => {
                if text(a.journal.as_ref()).is_some() || genre == Some("article") {
                    Kind::Journal
                } else if a
                    .event
                    .as_ref()
                    .is_some_and(|e| !e.name.as_str().trim().is_empty())
                {
                    Kind::Conference
                } else {
                    Kind::Generic
                }
            }
        }
    }
}

/// The degree of a thesis, when the TEI says more than "thesis".
pub(crate) fn thesis_degree(a: &Article) -> Option<&'static str> {
    match a.genre.as_ref().map(|g| g.as_str()) {
        Some("masters-thesis") => Some("Master's thesis"),
        Some("habilitation") => Some("Habilitation thesis"),
        _ => None,
    }
}

/// A value on one line: control characters dropped, white space (line breaks included)
/// collapsed, both ends trimmed; `None` when nothing is left.
pub(crate) fn text(t: Option<&Text>) -> Option<String> {
    t.map(|t| clean(&t.value)).filter(|s| !s.is_empty())
}

/// [`text`] of a plain string.
pub(crate) fn line(s: &str) -> Option<String> {
    Some(clean(s)).filter(|s| !s.is_empty())
}

/// A person's or an organisation's name, split as citation processors want it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PersonName {
    /// A person in parts.
    Parts {
        /// The family name without its particles (`Berg`).
        family: String,
        /// The given names, without a trailing particle.
        given: Option<String>,
        /// The particles the family name starts with (`van der`): CSL's
        /// `non-dropping-particle`.
        particle: Option<String>,
        /// Lowercase words ending the given names (`Ludwig van`): CSL's
        /// `dropping-particle`.
        dropping: Option<String>,
        /// `Jr.`, `III`, …
        suffix: Option<String>,
    },
    /// One unit: an organisation, or a name that cannot be split safely (see
    /// `bibtex::names`).
    Literal(String),
}

impl PersonName {
    /// How `author` is named, or `None` when it carries no name.
    pub(crate) fn of(author: &Author) -> Option<PersonName> {
        Some(match name_of(author)? {
            Name::Whole(whole) => PersonName::Literal(whole),
            Name::Person {
                family,
                given,
                suffix,
            } => {
                let words: Vec<&str> = family.split(' ').filter(|w| !w.is_empty()).collect();
                let (particles, core) = split_particles(&words);
                let (given, dropping) = match given {
                    Some(g) => split_dropping(&g),
                    None => (None, None),
                };
                PersonName::Parts {
                    family: core.join(" "),
                    given,
                    particle: Some(particles.join(" ")).filter(|p| !p.is_empty()),
                    dropping,
                    suffix,
                }
            }
        })
    }

    /// The family name as a reader files it, particles included (`van der Berg`), or the
    /// literal name.
    pub(crate) fn family_with_particles(&self) -> String {
        match self {
            PersonName::Literal(s) => s.clone(),
            PersonName::Parts {
                family, particle, ..
            } => match particle {
                Some(p) => format!("{p} {family}"),
                None => family.clone(),
            },
        }
    }
}

/// `Ludwig van` → (`Ludwig`, `van`): the lowercase words that end the given names after
/// at least one that is not lowercase.
fn split_dropping(given: &str) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = given.split(' ').filter(|w| !w.is_empty()).collect();
    let trailing = words.iter().rev().take_while(|w| starts_lower(w)).count();
    if trailing == 0 || trailing == words.len() {
        return (Some(given.to_string()).filter(|g| !g.is_empty()), None);
    }
    let (head, tail) = words.split_at(words.len() - trailing);
    (Some(head.join(" ")), Some(tail.join(" ")))
}

/// The title to cite: the main title and the subtitle as one (`Title: Subtitle`, or
/// `Title? Subtitle` when the title ends with its own punctuation), or whichever exists.
/// A main title's trailing `:` (or `;`, `,`) before a subtitle is dropped.
pub(crate) fn full_title(a: &Article) -> Option<String> {
    match title_and_subtitle(a) {
        (Some(t), Some(s)) => {
            let trimmed = t.trim_end_matches([':', ';', ',', ' ']);
            Some(if trimmed.is_empty() {
                format!("{t} {s}")
            } else if trimmed.ends_with(['?', '!', '.']) {
                format!("{trimmed} {s}")
            } else {
                format!("{trimmed}: {s}")
            })
        }
        (t, s) => t.or(s),
    }
}

/// The main title and the subtitle, cleaned ([`text`]). A title that is the subtitle
/// itself (the only title there is) is given once, as the title.
pub(crate) fn title_and_subtitle(a: &Article) -> (Option<String>, Option<String>) {
    let main = a.title();
    let sub = a.subtitle();
    let same = matches!((main, sub), (Some(m), Some(s)) if std::ptr::eq(m, s));
    (text(main), if same { None } else { text(sub) })
}

/// The titles other than the main title and the subtitle, folded and de-duplicated: the
/// first `short` one, then the others in document order (other languages, alternative
/// titles, a supertitle). A title that repeats the cited title is left out.
pub(crate) fn other_titles(a: &Article) -> (Option<String>, Vec<String>) {
    let seen = [text(a.title()), text(a.subtitle()), full_title(a)]
        .into_iter()
        .flatten()
        .collect();
    short_and_other_titles(a, seen, str::to_string)
}

/// The titles other than the main title and the subtitle, cleaned ([`text`]), in document
/// order: the first `short` one, and the rest. A title whose `key` is in `seen`, or is
/// the key of a title before it, is left out.
pub(crate) fn short_and_other_titles(
    a: &Article,
    mut seen: HashSet<String>,
    key: impl Fn(&str) -> String,
) -> (Option<String>, Vec<String>) {
    let (main, sub) = (a.title(), a.subtitle());
    let chosen = |t: &Text| {
        [main, sub]
            .into_iter()
            .flatten()
            .any(|c| std::ptr::eq(c, t))
    };
    let mut short = None;
    let mut others = Vec::new();
    for t in a.titles.iter().filter(|t| !chosen(&t.text)) {
        let Some(x) = text(Some(&t.text)) else {
            continue;
        };
        if !seen.insert(key(&x)) {
            continue;
        }
        if short.is_none() && t.kind.as_deref() == Some("short") {
            short = Some(x);
        } else {
            others.push(x);
        }
    }
    (short, others)
}

/// A publication date as a citation needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Issued {
    /// A calendar date (year, month, day as far as known), read without guessing.
    Date(Date),
    /// A text with a year in it that is not written `YYYY[-MM[-DD]]` (`30/06/2021`,
    /// `Summer 2019`): kept as written, never guessed into parts.
    Text(String),
}

/// The date `value` as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (on the calendar),
/// possibly followed by a time (`2017-04-10 17:16:26`, `2017-04-10T17:16:26Z`); else the
/// text when it holds a year (a run of exactly four digits); else nothing (a placeholder
/// such as `$LastChangedDate$`).
pub(crate) fn issued(value: &str) -> Option<Issued> {
    let v = value.trim();
    if let Ok(d) = Date::parse(v) {
        return Some(Issued::Date(d));
    }
    let timestamp = v.len() > 10 && v.is_char_boundary(10) && v[10..].starts_with(['T', ' ']);
    if timestamp {
        if let Ok(d) = Date::parse(&v[..10]) {
            return Some(Issued::Date(d));
        }
    }
    let has_year = v
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4);
    has_year.then(|| line(v)).flatten().map(Issued::Text)
}

/// The article's publication date, see [`issued`].
pub(crate) fn issued_of(a: &Article) -> Option<Issued> {
    a.date.as_ref().and_then(|d| issued(&d.value))
}

/// Print and electronic ISSN, each in its canonical form `NNNN-NNNC` when it is a valid
/// ISSN and as written otherwise (a wrong ISSN is the validator's to report, not the
/// exporter's to hide), the same number not repeated.
pub(crate) fn issns(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in [a.issn.as_ref(), a.eissn.as_ref()].into_iter().flatten() {
        let Some(v) = text(Some(t)) else { continue };
        let v = Issn::parse(&v).map(|i| i.canonical()).unwrap_or(v);
        if !out.iter().any(|o| crate::ids::issn::same_number(o, &v)) {
            out.push(v);
        }
    }
    out
}

/// The DOI, bare, in NFKC (a ligature copied out of a PDF becomes its letters).
pub(crate) fn doi(a: &Article) -> Option<String> {
    let d = text(a.doi.as_ref())?;
    line(&crate::ids::doi::nfkc(crate::ids::doi::bare(&d)))
}

/// The author keywords, folded, without repeats, in document order.
pub(crate) fn keywords(a: &Article) -> Vec<String> {
    let mut seen = HashSet::new();
    a.author_keywords()
        .filter_map(|k| text(Some(&k.text)))
        .filter(|k| seen.insert(k.clone()))
        .collect()
}

/// The abstracts, the main one (document language, else English, else the first) first,
/// then the others in document order, without repeats; each as its paragraphs, folded.
pub(crate) fn abstracts(a: &Article) -> Vec<Vec<String>> {
    let main = a.main_abstract();
    let mut seen = HashSet::new();
    main.into_iter()
        .chain(
            a.abstracts
                .iter()
                .filter(|x| !main.is_some_and(|m| std::ptr::eq(m, *x))),
        )
        .map(|x| {
            x.text
                .value
                .split("\n\n")
                .filter_map(line)
                .collect::<Vec<String>>()
        })
        .filter(|paragraphs| !paragraphs.is_empty() && seen.insert(paragraphs.join(" ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Located, Title};

    fn t(s: &str) -> Text {
        Located::new(s.to_string(), Default::default())
    }

    #[test]
    fn dates_are_read_only_when_unambiguous() {
        let date = |y, m, d| {
            Some(Issued::Date(Date {
                year: y,
                month: m,
                day: d,
            }))
        };
        assert_eq!(issued("2019-09-30"), date(2019, Some(9), Some(30)));
        assert_eq!(issued(" 2019 "), date(2019, None, None));
        assert_eq!(issued("2017-04-10 17:16:26"), date(2017, Some(4), Some(10)));
        assert_eq!(
            issued("2017-04-10T17:16:26Z"),
            date(2017, Some(4), Some(10))
        );
        // Day and month cannot be told apart in general: kept as text, never split.
        assert_eq!(
            issued("01/07/2010"),
            Some(Issued::Text("01/07/2010".into()))
        );
        assert_eq!(
            issued("Summer\n2019"),
            Some(Issued::Text("Summer 2019".into()))
        );
        // Not on the calendar: the text, not a made-up day.
        assert_eq!(
            issued("2019-02-29"),
            Some(Issued::Text("2019-02-29".into()))
        );
        assert_eq!(issued("$LastChangedDate$"), None);
        assert_eq!(issued("19"), None);
        // A multi-byte character where a time would start: no panic, the text kept.
        assert_eq!(
            issued("2017-04-1é"),
            Some(Issued::Text("2017-04-1é".into()))
        );
    }

    #[test]
    fn particles_are_split_from_the_family_and_the_given_names() {
        let author = |surname: &str, forename: &str| Author {
            surname: Some(t(surname)),
            forename: Some(t(forename)).filter(|_| !forename.is_empty()),
            ..Default::default()
        };
        assert_eq!(
            PersonName::of(&author("van der Berg", "Jan")),
            Some(PersonName::Parts {
                family: "Berg".into(),
                given: Some("Jan".into()),
                particle: Some("van der".into()),
                dropping: None,
                suffix: None,
            })
        );
        assert_eq!(
            PersonName::of(&author("Beethoven", "Ludwig van")),
            Some(PersonName::Parts {
                family: "Beethoven".into(),
                given: Some("Ludwig".into()),
                particle: None,
                dropping: Some("van".into()),
                suffix: None,
            })
        );
        let smith = PersonName::of(&author("Smith Jr.", "John")).unwrap();
        assert!(matches!(&smith, PersonName::Parts { suffix: Some(s), .. } if s == "Jr."));
        // A lowercase name is a name, not a particle.
        let hooks = PersonName::of(&author("hooks", "bell")).unwrap();
        assert_eq!(hooks.family_with_particles(), "hooks");
        assert!(matches!(&hooks, PersonName::Parts { given: Some(g), .. } if g == "bell"));
        let org = Author {
            name: Some(t("TEI Consortium")),
            organization: true,
            ..Default::default()
        };
        assert_eq!(
            PersonName::of(&org),
            Some(PersonName::Literal("TEI Consortium".into()))
        );
    }

    #[test]
    fn the_genre_decides_the_kind_before_the_journal() {
        let mut a = Article {
            journal: Some(t("Procedia")),
            ..Default::default()
        };
        assert_eq!(Kind::of(&a), Kind::Journal);
        a.genre = Some(t("conference-paper"));
        assert_eq!(Kind::of(&a), Kind::Conference);
        let b = Article {
            event: Some(Event {
                name: t("DH2023"),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(Kind::of(&b), Kind::Conference);
        assert_eq!(Kind::of(&Article::default()), Kind::Generic);
    }

    #[test]
    fn the_cited_title_joins_title_and_subtitle_once() {
        let title = |text: &str, kind: &str| Title {
            text: t(text),
            kind: Some(kind.into()),
            lang: None,
        };
        let a = Article {
            titles: vec![
                title("Humans in the Loop:", "main"),
                title("A Study", "sub"),
                title("Humans in the Loop: A Study", "full"),
                title("HITL", "short"),
                title("Des humains", "trans"),
            ],
            ..Default::default()
        };
        assert_eq!(
            full_title(&a).as_deref(),
            Some("Humans in the Loop: A Study")
        );
        assert_eq!(
            other_titles(&a),
            (Some("HITL".to_string()), vec!["Des humains".to_string()])
        );
        let q = Article {
            titles: vec![title("Why?", "main"), title("Because", "sub")],
            ..Default::default()
        };
        assert_eq!(full_title(&q).as_deref(), Some("Why? Because"));
    }

    #[test]
    fn issns_are_canonical_when_valid_and_kept_when_not() {
        let a = Article {
            issn: Some(t("18605974")),
            eissn: Some(t("1860-5974")),
            ..Default::default()
        };
        assert_eq!(issns(&a), ["1860-5974"]);
        let b = Article {
            issn: Some(t("1243-5679")),
            eissn: Some(t("2434-561x")),
            ..Default::default()
        };
        assert_eq!(issns(&b), ["1243-5679", "2434-561X"]);
    }

    #[test]
    fn a_doi_is_bare_and_nfkc() {
        let a = Article {
            doi: Some(t("https://doi.org/10.1002/\u{FB02}d.3902")),
            ..Default::default()
        };
        assert_eq!(doi(&a).as_deref(), Some("10.1002/fld.3902"));
    }
}
