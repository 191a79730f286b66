//! The value checks that run in every profile whenever the value is present: DOI,
//! ORCID, ISSN, dates, language tags and email syntax, empty elements where a value is
//! expected, and affiliation references that lead nowhere.
//!
//! Each problem points at the start tag of the element that holds the value.

use super::rules::author_name;
use super::{Code, Sink};
use crate::ids::{issn, Date, DateFault, Doi, Email, Fault, Issn, LanguageTag, Orcid};
use crate::model::{Article, Span, Text};

/// Runs every value check on `article`.
pub(crate) fn check(article: &Article, sink: &mut Sink<'_>) {
    doi(article, sink);
    for a in &article.authors {
        if let Some(o) = &a.orcid {
            orcid(o, sink);
        }
        if let Some(e) = &a.email {
            email(e, sink);
        }
    }
    issns(article, sink);
    if let Some(d) = &article.date {
        date(d, sink);
        if let Some(t) = &article.date_text {
            date_against_text(d, t, sink);
        }
    }
    languages(article, sink);
    for e in &article.empty_fields {
        // GROBID writes `<date/>` and `<idno/>` whenever it finds no value: nothing an
        // editor could fill in the file (a rule that needs the value reports it).
        let grobid_placeholder = sink.grobid && (e.value == "date" || e.value.starts_with("idno"));
        if sink.is_claimed(e.span) || grobid_placeholder {
            continue;
        }
        sink.report(
            Code::EmptyValue,
            e.span,
            format!("<{}> is empty where a value is expected", e.value),
            "this element has no value",
            "fill in the value, or remove the empty element",
        );
    }
    for (i, a) in article.authors.iter().enumerate() {
        for aff in a.affiliations.iter().filter(|f| !f.resolved) {
            let reference = aff.reference.as_deref().unwrap_or("");
            sink.report(
                Code::AffiliationUnresolved,
                aff.text.span,
                format!(
                    "the affiliation \"{reference}\" of {} points at no organisation in this \
                     document",
                    author_name(a, i)
                ),
                "this reference leads nowhere",
                format!(
                    "add an <org xml:id=\"{}\"> to text/back/listOrg, or correct the reference",
                    reference.trim_start_matches('#')
                ),
            );
        }
    }
}

fn doi(article: &Article, sink: &mut Sink<'_>) {
    let Some(d) = &article.doi else { return };
    if let Err(Fault::Syntax(why)) = Doi::parse(&d.value) {
        sink.report(
            Code::DoiSyntax,
            d.span,
            format!("\"{}\" is not a DOI: {why}", d.value),
            "this DOI is malformed",
            "a DOI looks like 10.1234/abc.567 (a \"https://doi.org/\" or \"doi:\" prefix is \
             allowed); copy it from the publisher's landing page",
        );
    }
}

fn orcid(o: &Text, sink: &mut Sink<'_>) {
    match Orcid::parse(&o.value) {
        Ok(_) => {}
        Err(Fault::Syntax(why)) => {
            sink.report(
                Code::OrcidSyntax,
                o.span,
                format!("\"{}\" is not an ORCID iD: {why}", o.value),
                "this ORCID iD is malformed",
                "copy the iD from the author's ORCID record (https://orcid.org/…)",
            );
        }
        Err(Fault::Checksum { expected, found }) => {
            sink.report(
                Code::OrcidChecksum,
                o.span,
                format!(
                    "the ORCID iD \"{}\" has the check digit {found} where its other digits call \
                     for {expected}",
                    o.value
                ),
                "a digit of this ORCID iD is wrong",
                "one digit is mistyped: copy the iD from the author's ORCID record",
            );
        }
    }
}

fn email(e: &Text, sink: &mut Sink<'_>) {
    if let Err(Fault::Syntax(why)) = Email::parse(&e.value) {
        sink.report(
            Code::EmailSyntax,
            e.span,
            format!("\"{}\" is not a valid email address: {why}", e.value),
            "this email address is malformed",
            "write the bare address, like name@example.org",
        );
    }
}

fn issns(article: &Article, sink: &mut Sink<'_>) {
    for (which, v) in [("print", &article.issn), ("electronic", &article.eissn)] {
        let Some(v) = v else { continue };
        match Issn::parse(&v.value) {
            Ok(_) => {}
            Err(Fault::Syntax(why)) => {
                sink.report(
                    Code::IssnSyntax,
                    v.span,
                    format!("the {which} ISSN \"{}\" is malformed: {why}", v.value),
                    "this ISSN is malformed",
                    "copy the ISSN from the ISSN portal or the journal's imprint, with its hyphen",
                );
            }
            Err(Fault::Checksum { expected, found }) => {
                sink.report(
                    Code::IssnChecksum,
                    v.span,
                    format!(
                        "the {which} ISSN \"{}\" has the check digit {found} where its other \
                         digits call for {expected}",
                        v.value
                    ),
                    "a digit of this ISSN is wrong",
                    "one digit is mistyped: copy the ISSN from the ISSN portal or the journal's \
                     imprint",
                );
            }
        }
    }
    if let (Some(p), Some(e)) = (&article.issn, &article.eissn) {
        if issn::same_number(&p.value, &e.value) {
            if let Some(problem) = sink.report(
                Code::IssnSameForBoth,
                e.span,
                format!(
                    "the print and electronic ISSN are the same number ({})",
                    e.value.trim()
                ),
                "the electronic ISSN",
                "each medium has its own ISSN: give the print one as type=\"ISSN\" (or \"pISSN\") \
                 and the online one as type=\"eISSN\", or drop the one that does not exist",
            ) {
                problem.notes.push((p.span, "the print ISSN".to_string()));
            }
        }
    }
}

/// The current year (UTC), from the system clock.
fn current_year() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_day(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The proleptic Gregorian year of `days` since 1970-01-01.
fn year_of_day(days: i64) -> i64 {
    crate::ids::date::civil_from_days(days).0
}

/// Why a publication year cannot be right, if it cannot: after next year (`now` is the
/// current year), or before 1400 (before printing; a scholarly article's metadata
/// dates from its publication or digitisation).
fn implausible_year(year: i64, now: i64) -> Option<String> {
    if year > now + 1 {
        Some(format!("{year} is after next year ({})", now + 1))
    } else if year < 1400 {
        Some(format!("{year} is before 1400"))
    } else {
        None
    }
}

/// The four-digit years written in a date's text ("30 June 2017" → 2017).
fn years_in(text: &str) -> Vec<i64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// A date's `@when` against its element's text: a contradiction when the text names a
/// year and none of its years is the attribute's.
fn date_against_text(d: &Text, t: &Text, sink: &mut Sink<'_>) {
    let Ok(when) = Date::parse(&d.value) else {
        return;
    };
    let years = years_in(&t.value);
    if years.is_empty() || years.contains(&i64::from(when.year)) {
        return;
    }
    if let Some(p) = sink.report(
        Code::DateContradictsText,
        d.span,
        format!(
            "the date's attribute says {} but its text says \"{}\"",
            d.value.trim(),
            t.value.trim()
        ),
        "the attribute and the text of this date disagree",
        "check the date against the printed article and correct the attribute (@when) or the          text, so both give the same date",
    ) {
        if t.span != d.span {
            p.notes.push((t.span, "the date's text".to_string()));
        }
    }
}

fn date(d: &Text, sink: &mut Sink<'_>) {
    match Date::parse(&d.value) {
        Ok(parsed) => {
            if let Some(why) = implausible_year(i64::from(parsed.year), current_year()) {
                sink.report(
                    Code::DateImplausibleYear,
                    d.span,
                    format!("the date \"{}\" cannot be right: {why}", d.value.trim()),
                    "this year cannot be right",
                    "check the year against the printed article; a digit is mistyped, or the \
                     date is a placeholder",
                );
            }
        }
        Err(DateFault::Format) => {
            sink.report(
                Code::DateFormat,
                d.span,
                format!(
                    "the date \"{}\" is not written YYYY, YYYY-MM or YYYY-MM-DD",
                    d.value
                ),
                "this date is not in ISO form",
                "write the date in ISO form in @when, e.g. when=\"2019-09-30\"; the element's text \
                 may stay as printed",
            );
        }
        Err(DateFault::NotOnCalendar(why)) => {
            sink.report(
                Code::DateNotOnCalendar,
                d.span,
                format!("the date \"{}\" does not exist: {why}", d.value),
                "no such day",
                "check the date against the printed issue; a day or month is mistyped",
            );
        }
    }
}

fn languages(article: &Article, sink: &mut Sink<'_>) {
    let bad = |tag: &str, span: Span, whose: &str, sink: &mut Sink<'_>| {
        if let Err(Fault::Syntax(why)) = LanguageTag::parse(tag) {
            sink.report(
                Code::LanguageMalformed,
                span,
                format!("the language tag \"{tag}\" of {whose} is not well-formed BCP 47: {why}"),
                "this language tag is malformed",
                "use a BCP 47 tag such as en, fr, pt-BR or zh-Hant (ISO 639 language code, then \
                 optional script and region)",
            );
        }
    };
    if let Some(l) = &article.language {
        bad(&l.value, l.span, "the document", sink);
    }
    for t in &article.titles {
        if let Some(l) = &t.lang {
            bad(l, t.text.span, "a title", sink);
        }
    }
    for a in &article.abstracts {
        if let Some(l) = &a.lang {
            bad(l, a.text.span, "an abstract", sink);
        }
    }
    // A keyword group's language is copied onto each of its terms: report a bad tag once.
    let mut seen: Vec<&str> = Vec::new();
    for k in &article.keywords {
        if let Some(l) = &k.lang {
            if !seen.contains(&l.as_str()) {
                seen.push(l);
                bad(l, k.text.span, "the keywords", sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_of_a_day_follows_the_calendar() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(-1), 1969);
        assert_eq!(year_of_day(10_957), 2000); // 2000-01-01
        assert_eq!(year_of_day(11_322), 2000); // 2000-12-31
        assert_eq!(year_of_day(11_323), 2001);
        assert!(current_year() >= 2024);
    }

    #[test]
    fn years_after_next_or_before_1400_cannot_be_right() {
        assert!(implausible_year(2027, 2026).is_none());
        assert!(implausible_year(2028, 2026)
            .unwrap()
            .contains("after next year (2027)"));
        assert!(implausible_year(1400, 2026).is_none());
        assert!(implausible_year(1399, 2026)
            .unwrap()
            .contains("before 1400"));
        assert_eq!(years_in("30 June 2017"), vec![2017]);
        assert_eq!(years_in("2016/2017"), vec![2016, 2017]);
        assert!(years_in("Spring issue").is_empty());
    }
}
