//! Field values with a fixed form: dates, ISSNs, language ids, volumes, pages and the
//! verbatim fields (DOI, URL). Pure functions; biber's data model is the reference for
//! what each field may hold.

use super::escape::{clean, escape};
use crate::ids::date::days_in_month;
use crate::ids::{Issn, LanguageTag};

/// A publication date reduced to what BibLaTeX's `date` (ISO 8601) can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Date {
    /// Four digits.
    pub(crate) year: String,
    /// 1–12.
    pub(crate) month: Option<u8>,
    /// A real day of that month.
    pub(crate) day: Option<u8>,
}

impl Date {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{}-{m:02}", self.year),
            _ => self.year.clone(),
        }
    }
}

/// Two ASCII digits at `s[at..]`, as a number.
fn two_digits(s: &[u8], at: usize) -> Option<u8> {
    match (s.get(at), s.get(at + 1), s.get(at + 2)) {
        (Some(a), Some(b), next)
            if a.is_ascii_digit()
                && b.is_ascii_digit()
                && !next.is_some_and(u8::is_ascii_digit) =>
        {
            Some((a - b'0') * 10 + (b - b'0'))
        }
        _ => None,
    }
}

/// Month names (English, French, German, in full and common abbreviations).
fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "january" | "jan" | "janvier" | "januar" | "jänner" => 1,
        "february" | "feb" | "février" | "fevrier" | "februar" => 2,
        "march" | "mar" | "mars" | "märz" => 3,
        "april" | "apr" | "avril" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" | "juni" => 6,
        "july" | "jul" | "juillet" | "juli" => 7,
        "august" | "aug" | "août" | "aout" => 8,
        "september" | "sep" | "sept" | "septembre" => 9,
        "october" | "oct" | "octobre" | "oktober" | "okt" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "décembre" | "decembre" | "dezember" | "dez" => 12,
        _ => return None,
    })
}

/// Reads a date as written. An ISO date (`2019`, `2019-09`, `2019-09-30`, with or without
/// a time after it) keeps its valid parts; free text (`June 2019`, `c. 1850`) gives the
/// first four-digit year and, when exactly one month name is there, the month. `None`
/// when there is no year at all.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let iso_year = b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && !b.get(4).is_some_and(u8::is_ascii_digit);
    if iso_year {
        let year = s[..4].to_string();
        let y: u32 = year.parse().ok()?;
        let month = (b.get(4) == Some(&b'-'))
            .then(|| two_digits(b, 5))
            .flatten()
            .filter(|m| (1..=12).contains(m));
        let day = month.and_then(|m| {
            (b.get(7) == Some(&b'-'))
                .then(|| two_digits(b, 8))
                .flatten()
                .filter(|&d| d >= 1 && u32::from(d) <= days_in_month(y, u32::from(m)))
        });
        return Some(Date { year, month, day });
    }
    // Free text: the first run of exactly four digits.
    let mut year = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                year = Some(s[start..i].to_string());
                break;
            }
        } else {
            i += 1;
        }
    }
    let year = year?;
    let months: Vec<u8> = s
        .split(|c: char| !c.is_alphabetic() && c != '.')
        .filter_map(month_of)
        .collect();
    let month = match months.as_slice() {
        [m] => Some(*m),
        _ => None,
    };
    Some(Date {
        year,
        month,
        day: None,
    })
}

/// Classic BibTeX's month macro (`jan` … `dec`), written unbraced.
pub(crate) fn month_macro(m: u8) -> Option<&'static str> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS.get(usize::from(m).checked_sub(1)?).copied()
}

/// An ISSN with a valid check digit, written `NNNN-NNNC`; `None` otherwise (biber's data
/// model rejects an invalid one). [`Issn::parse`] says which spellings are accepted.
pub(crate) fn normalize_issn(s: &str) -> Option<String> {
    Issn::parse(s).ok().map(|i| i.canonical())
}

/// BibLaTeX's `langid` (a babel/polyglossia language name that biber's locale map
/// knows) for a BCP 47 tag or an ISO 639-2 code; `None` when there is none (Chinese and
/// Korean have no such name).
pub(crate) fn langid(tag: &str) -> Option<&'static str> {
    let tag = LanguageTag::parse(tag).ok()?;
    let primary = tag.primary_language().to_ascii_lowercase();
    let region = tag.region().map(str::to_ascii_lowercase);
    Some(match (primary.as_str(), region.as_deref()) {
        ("en" | "eng", Some("us")) => "american",
        ("en" | "eng", Some("gb" | "uk")) => "british",
        ("en" | "eng", Some("au")) => "australian",
        ("en" | "eng", Some("nz")) => "newzealand",
        ("en" | "eng", Some("ca")) => "canadian",
        ("de" | "deu" | "ger", Some("at")) => "naustrian",
        ("de" | "deu" | "ger", Some("ch")) => "nswissgerman",
        ("pt" | "por", Some("br")) => "brazilian",
        ("en" | "eng", _) => "english",
        ("fr" | "fra" | "fre", _) => "french",
        ("de" | "deu" | "ger", _) => "ngerman",
        ("es" | "spa", _) => "spanish",
        ("it" | "ita", _) => "italian",
        ("pt" | "por", _) => "portuguese",
        ("nl" | "nld" | "dut", _) => "dutch",
        ("ca" | "cat", _) => "catalan",
        ("eu" | "eus" | "baq", _) => "basque",
        ("gl" | "glg", _) => "galician",
        ("la" | "lat", _) => "latin",
        ("el" | "ell" | "gre", _) => "greek",
        ("ru" | "rus", _) => "russian",
        ("uk" | "ukr", _) => "ukrainian",
        ("pl" | "pol", _) => "polish",
        ("cs" | "ces" | "cze", _) => "czech",
        ("sk" | "slk" | "slo", _) => "slovak",
        ("sl" | "slv", _) => "slovene",
        ("hr" | "hrv", _) => "croatian",
        ("sr" | "srp", _) => "serbian",
        ("bg" | "bul", _) => "bulgarian",
        ("ro" | "ron" | "rum", _) => "romanian",
        ("hu" | "hun", _) => "magyar",
        ("fi" | "fin", _) => "finnish",
        ("et" | "est", _) => "estonian",
        ("lv" | "lav", _) => "latvian",
        ("lt" | "lit", _) => "lithuanian",
        ("sv" | "swe", _) => "swedish",
        ("da" | "dan", _) => "danish",
        ("nb" | "nob" | "no" | "nor", _) => "norsk",
        ("nn" | "nno", _) => "nynorsk",
        ("is" | "isl" | "ice", _) => "icelandic",
        ("ga" | "gle", _) => "irish",
        ("cy" | "cym" | "wel", _) => "welsh",
        ("tr" | "tur", _) => "turkish",
        ("he" | "heb", _) => "hebrew",
        ("ar" | "ara", _) => "arabic",
        ("fa" | "fas" | "per", _) => "farsi",
        ("hi" | "hin", _) => "hindi",
        ("ja" | "jpn", _) => "japanese",
        ("id" | "ind", _) => "bahasai",
        ("vi" | "vie", _) => "vietnamese",
        ("af" | "afr", _) => "afrikaans",
        _ => return None,
    })
}

/// Where a volume goes: biber's data model makes `volume` an integer, so anything else
/// is kept in `note`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Volume {
    /// Digits only (`12`, `001`), possibly after a label (`Vol. 12` → `12`).
    Number(String),
    /// Anything else, as written, with `Vol.` in front unless it already has a label.
    Note(String),
}

const VOLUME_LABELS: &[&str] = &[
    "volume", "vol.", "vol", "v.", "tome", "t.", "band", "bd.", "jahrgang", "jg.",
];

/// Sorts a volume (already [`clean`]ed) into `volume` or `note`.
pub(crate) fn volume(v: &str) -> Volume {
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if is_number(v) {
        return Volume::Number(v.to_string());
    }
    for label in VOLUME_LABELS {
        let labelled = v
            .get(..label.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(label));
        if let Some(rest) = v.get(label.len()..).filter(|_| labelled) {
            // A label is a whole word: `vol.12`, `Vol 12`, but not `Volumes…` or `Tomes`.
            if label.ends_with('.') || !rest.starts_with(char::is_alphanumeric) {
                let rest = rest.trim_start_matches([' ', '.', ':']);
                if is_number(rest) {
                    return Volume::Number(rest.to_string());
                }
                return Volume::Note(v.to_string());
            }
        }
    }
    Volume::Note(format!("Vol. {v}"))
}

/// Where the pages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pages {
    /// `pages = {45--78}`.
    Field(String),
    /// Values biber's range parser cannot read (a `,` or `;`, which it takes for a list
    /// separator; a start of `0`; a single value that starts or ends with a dash) go to
    /// `note`, as `pp. …`.
    Note(String),
}

/// Unicode dash punctuation (`\p{Pd}`), which biber reads as a range separator.
fn is_dash(c: char) -> bool {
    const PD: &[char] = &[
        '-',
        '\u{58a}',
        '\u{5be}',
        '\u{1400}',
        '\u{1806}',
        '\u{2010}',
        '\u{2011}',
        '\u{2012}',
        '\u{2013}',
        '\u{2014}',
        '\u{2015}',
        '\u{2e17}',
        '\u{2e1a}',
        '\u{2e3a}',
        '\u{2e3b}',
        '\u{2e40}',
        '\u{2e5d}',
        '\u{301c}',
        '\u{3030}',
        '\u{30a0}',
        '\u{fe31}',
        '\u{fe32}',
        '\u{fe58}',
        '\u{fe63}',
        '\u{ff0d}',
        '\u{10ead}',
    ];
    PD.contains(&c)
}

/// `first--last`, or one page; `None` without a first page (a range with no start cannot
/// be cited). A single value written as a range (`45-78`, `45–78`) becomes `45--78`.
pub(crate) fn pages(first: Option<&str>, last: Option<&str>, classic: bool) -> Option<Pages> {
    let first = first.map(clean).filter(|s| !s.is_empty())?;
    let last = last.map(clean).filter(|s| !s.is_empty());
    let (start, end) = match last.filter(|l| *l != first) {
        Some(last) => (first, Some(last)),
        None => match split_range(&first) {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (first, None),
        },
    };
    let written = match &end {
        Some(end) => range(&start, end, classic),
        None => escape(&start, classic),
    };
    // biber splits the field at `,` and `;`, then needs a start other than `0` (Perl's
    // false); a single value with a dash is read as a range, so it needs something on
    // both sides of its dashes.
    let list_free = |s: &str| !s.contains([',', ';']);
    let readable = match &end {
        Some(end) => start != "0" && list_free(&start) && list_free(end),
        None => {
            start != "0"
                && list_free(&start)
                && (!start.contains(is_dash)
                    || !(start.starts_with(is_dash) || start.ends_with(is_dash)))
        }
    };
    if readable {
        Some(Pages::Field(written))
    } else {
        Some(Pages::Note(format!("pp. {written}")))
    }
}

/// `45-78` (any dash, spaces around it allowed) as `("45", "78")`.
fn split_range(s: &str) -> Option<(&str, &str)> {
    let start = s.find(is_dash)?;
    let (a, rest) = s.split_at(start);
    let b = rest.trim_start_matches(is_dash);
    let (a, b) = (a.trim(), b.trim());
    let plain = |x: &str| !x.is_empty() && !x.contains(' ') && !x.contains(is_dash);
    (plain(a) && plain(b)).then_some((a, b))
}

/// `a--b`, with `{}` where a hyphen of `a` or `b` would merge into the dash.
fn range(a: &str, b: &str, classic: bool) -> String {
    let (a, b) = (escape(a, classic), escape(b, classic));
    let before = if a.ends_with('-') { "{}" } else { "" };
    let after = if b.starts_with('-') { "{}" } else { "" };
    format!("{a}{before}--{after}{b}")
}

/// A verbatim field (DOI, URL) as written: never LaTeX-escaped (biber reads these fields
/// raw), except that braces and backslashes, which would unbalance or escape the value's
/// delimiters, are percent-encoded as a URL would have them (`%7B`, `%7D`, `%5C`), and so
/// is white space in a URL (`%20`). Control characters are dropped.
pub(crate) fn verbatim(s: &str, url: bool) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    let mut out = String::with_capacity(kept.len());
    for c in kept.trim().chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() && url => out.push_str("%20"),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.iso())
    }

    #[test]
    fn iso_dates_keep_their_valid_parts() {
        assert_eq!(iso("2019-09-30"), Some("2019-09-30".into()));
        assert_eq!(iso("2011-11"), Some("2011-11".into()));
        assert_eq!(iso("2003"), Some("2003".into()));
        assert_eq!(iso("2017-04-10 17:16:26"), Some("2017-04-10".into()));
        assert_eq!(iso("2019-01-13T16:20:00"), Some("2019-01-13".into()));
        assert_eq!(iso("2019-02-30"), Some("2019-02".into()));
        assert_eq!(iso("2020-02-29"), Some("2020-02-29".into()));
        assert_eq!(iso("1900-02-29"), Some("1900-02".into()));
        assert_eq!(iso("2019-13-01"), Some("2019".into()));
        assert_eq!(iso("7989"), Some("7989".into()));
    }

    #[test]
    fn free_text_dates_give_their_year_and_month() {
        assert_eq!(iso("June 2019"), Some("2019-06".into()));
        assert_eq!(iso("30 septembre 2019"), Some("2019-09".into()));
        assert_eq!(iso("c. 1850"), Some("1850".into()));
        assert_eq!(iso("May or June 2019"), Some("2019".into()));
        assert_eq!(iso("19.5.20"), None);
        assert_eq!(iso("n.d."), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn months_become_classic_macros() {
        assert_eq!(month_macro(1), Some("jan"));
        assert_eq!(month_macro(12), Some("dec"));
        assert_eq!(month_macro(0), None);
        assert_eq!(month_macro(13), None);
    }

    #[test]
    fn issns_need_their_check_digit() {
        assert_eq!(normalize_issn("0396-891X"), Some("0396-891X".into()));
        assert_eq!(normalize_issn("0396-891x"), Some("0396-891X".into()));
        assert_eq!(normalize_issn("18605974"), Some("1860-5974".into()));
        assert_eq!(normalize_issn("ISSN 2105-0821"), Some("2105-0821".into()));
        assert_eq!(normalize_issn("9697-4256"), None);
        assert_eq!(normalize_issn("1234-567"), None);
        assert_eq!(normalize_issn("abcd-efgh"), None);
    }

    #[test]
    fn languages_map_to_babel_names() {
        assert_eq!(langid("en"), Some("english"));
        assert_eq!(langid("eng"), Some("english"));
        assert_eq!(langid("en-GB"), Some("british"));
        assert_eq!(langid("fr"), Some("french"));
        assert_eq!(langid("de"), Some("ngerman"));
        assert_eq!(langid("de-AT"), Some("naustrian"));
        assert_eq!(langid("ja-JP"), Some("japanese"));
        assert_eq!(langid("hu"), Some("magyar"));
        // No babel/biber language name: left out.
        assert_eq!(langid("zh-Hant-TW"), None);
        assert_eq!(langid("uk"), Some("ukrainian"));
        assert_eq!(langid("x-klingon"), None);
        assert_eq!(langid(""), None);
        // One rule with `validate`: a malformed tag gives no langid; an extension is not
        // a region.
        assert_eq!(langid("en_GB"), None);
        assert_eq!(langid("en-u-ca-gregory"), Some("english"));
    }

    #[test]
    fn only_integer_volumes_go_in_volume() {
        assert_eq!(volume("12"), Volume::Number("12".into()));
        assert_eq!(volume("001"), Volume::Number("001".into()));
        assert_eq!(volume("Vol. 12"), Volume::Number("12".into()));
        assert_eq!(volume("vol.12"), Volume::Number("12".into()));
        assert_eq!(volume("Tome 3"), Volume::Number("3".into()));
        assert_eq!(volume("XII"), Volume::Note("Vol. XII".into()));
        assert_eq!(volume("12A"), Volume::Note("Vol. 12A".into()));
        assert_eq!(
            volume("Volume 13, Issue 2"),
            Volume::Note("Volume 13, Issue 2".into())
        );
        assert_eq!(volume("Volumes"), Volume::Note("Vol. Volumes".into()));
    }

    #[test]
    fn pages_are_a_double_dash_range() {
        let field = |f: Option<&str>, l: Option<&str>| match pages(f, l, false) {
            Some(Pages::Field(p)) => Some(p),
            _ => None,
        };
        assert_eq!(field(Some("45"), Some("78")), Some("45--78".into()));
        assert_eq!(field(Some("45"), Some("45")), Some("45".into()));
        assert_eq!(field(Some("45"), None), Some("45".into()));
        assert_eq!(field(Some("45-78"), None), Some("45--78".into()));
        assert_eq!(field(Some("45 – 78"), None), Some("45--78".into()));
        assert_eq!(field(Some("e1001"), None), Some("e1001".into()));
        assert_eq!(field(Some("S1_2"), None), Some(r"S1\_2".into()));
        assert_eq!(field(Some("1-"), Some("-2")), Some("1-{}--{}-2".into()));
        assert_eq!(pages(None, Some("344"), false), None);
    }

    #[test]
    fn pages_biber_cannot_read_go_to_note() {
        assert_eq!(
            pages(Some("12, 14"), None, false),
            Some(Pages::Note("pp. 12, 14".into()))
        );
        assert_eq!(
            pages(Some("0"), Some("5"), false),
            Some(Pages::Note("pp. 0--5".into()))
        );
        assert_eq!(
            pages(Some("-"), None, false),
            Some(Pages::Note("pp. -".into()))
        );
        assert_eq!(
            pages(Some("־e 1"), None, false),
            Some(Pages::Note("pp. ־e 1".into()))
        );
        assert_eq!(
            pages(Some("1 2-"), None, false),
            Some(Pages::Note("pp. 1 2-".into()))
        );
        // In a range, the dashes between are ours: a dash on either side is fine.
        assert_eq!(
            pages(Some("-"), Some("5"), false),
            Some(Pages::Field("-{}--5".into()))
        );
        assert_eq!(
            pages(Some("3"), Some("4;5"), false),
            Some(Pages::Note("pp. 3--4;5".into()))
        );
    }

    #[test]
    fn verbatim_fields_are_raw_but_balanced() {
        assert_eq!(verbatim("10.1002/ﬂd.3902", false), "10.1002/ﬂd.3902");
        assert_eq!(
            verbatim("10.1000/a_b%c#d~e^f&g$h", false),
            "10.1000/a_b%c#d~e^f&g$h"
        );
        assert_eq!(verbatim("10.1000/{x}\\y", false), "10.1000/%7Bx%7D%5Cy");
        assert_eq!(verbatim(" http://x.org/a b ", true), "http://x.org/a%20b");
        assert_eq!(verbatim("My DOI number", false), "My DOI number");
        assert_eq!(verbatim("\u{1} 10.1/x\n", false), "10.1/x");
    }
}
