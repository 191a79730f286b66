//! Syntax checks for identifiers and coded values: DOI, ORCID, ISSN, dates, BCP 47
//! language tags and email addresses.
//!
//! Each check is a pure function from the value as written to `Ok(())` or a [`Fault`]
//! saying, in words an editor understands, what is wrong. No regular-expression engine:
//! every grammar here is small enough to read as code, and a hand-written matcher cannot
//! blow up on a hostile value.

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The value does not have the shape the identifier requires.
    Syntax(String),
    /// The shape is right but the check digit is not: a typo.
    Checksum {
        /// The check digit the other digits call for.
        expected: char,
        /// The check digit as written.
        found: char,
    },
}

pub use crate::text::{bare_doi, bare_orcid};

/// A DOI: after [`bare_doi`], `^10\.\d{4,9}(\.\d+)*/\S+$`.
pub fn doi(value: &str) -> Result<(), Fault> {
    let v = bare_doi(value);
    let bad = |why: &str| Err(Fault::Syntax(why.to_string()));
    let Some(rest) = v.strip_prefix("10.") else {
        return bad("a DOI starts with \"10.\"");
    };
    let Some((prefix, suffix)) = rest.split_once('/') else {
        return bad("a DOI has a \"/\" between its prefix (10.NNNN) and its suffix");
    };
    let mut parts = prefix.split('.');
    let registrant = parts.next().unwrap_or("");
    if !(4..=9).contains(&registrant.len()) || !all_digits(registrant) {
        return bad("the registrant code after \"10.\" must be 4 to 9 digits");
    }
    if parts.any(|p| p.is_empty() || !all_digits(p)) {
        return bad("the DOI prefix may hold only digits and dots (10.1234 or 10.1234.5)");
    }
    if suffix.is_empty() {
        return bad("the DOI suffix after \"/\" is empty");
    }
    if suffix.chars().any(char::is_whitespace) {
        return bad("a DOI holds no spaces");
    }
    Ok(())
}

/// The check digit (ISO 7064 MOD 11-2: `0`-`9` or `X`) that an ORCID iD's first fifteen
/// digits call for. `digits` are ASCII digits; anything past the fifteenth is ignored.
pub fn orcid_check_digit(digits: &[u8]) -> char {
    let mut total = 0u32;
    for &d in digits.iter().take(15) {
        total = (total + u32::from(d.wrapping_sub(b'0'))) * 2 % 11;
    }
    check_char((12 - total % 11) % 11)
}

/// The check digit (weighted MOD 11: `0`-`9` or `X`) that an ISSN's first seven digits
/// call for. `digits` are ASCII digits; anything past the seventh is ignored.
pub fn issn_check_digit(digits: &[u8]) -> char {
    let sum: u32 = digits
        .iter()
        .take(7)
        .zip((2..=8).rev())
        .map(|(&d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    check_char((11 - sum % 11) % 11)
}

fn check_char(value: u32) -> char {
    match value {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap_or('?'),
    }
}

/// The number of days in `month` (1-12) of `year`, on the proleptic Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An ORCID iD: `\d{4}-\d{4}-\d{4}-\d{3}[\dX]` with an ISO 7064 MOD 11-2 check digit.
pub fn orcid(value: &str) -> Result<(), Fault> {
    let v = bare_orcid(value);
    let b = v.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 9 | 14 => c == b'-',
            18 => c.is_ascii_digit() || c == b'X',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(Fault::Syntax(
            "an ORCID iD is four groups of four digits, like 0000-0002-1825-0097 (the last \
             may be X)"
                .to_string(),
        ));
    }
    let digits: Vec<u8> = b[..18].iter().copied().filter(u8::is_ascii_digit).collect();
    let expected = orcid_check_digit(&digits);
    let found = char::from(b[18]);
    if found == expected {
        Ok(())
    } else {
        Err(Fault::Checksum { expected, found })
    }
}

/// An ISSN: `\d{4}-\d{3}[\dX]` with its weighted MOD 11 check digit.
pub fn issn(value: &str) -> Result<(), Fault> {
    let b = value.trim().as_bytes();
    let shape = b.len() == 9
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 => c == b'-',
            8 => c.is_ascii_digit() || c == b'X',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(Fault::Syntax(
            "an ISSN is written NNNN-NNNC: four digits, a hyphen, three digits and a check \
             digit (0-9 or X)"
                .to_string(),
        ));
    }
    let digits: Vec<u8> = b[..8].iter().copied().filter(u8::is_ascii_digit).collect();
    let expected = issn_check_digit(&digits);
    let found = char::from(b[8]);
    if found == expected {
        Ok(())
    } else {
        Err(Fault::Checksum { expected, found })
    }
}

/// True when two ISSNs are the same number (ignoring case and surrounding space).
pub fn same_issn(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// What is wrong with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFault {
    /// Not written YYYY, YYYY-MM or YYYY-MM-DD.
    Format,
    /// Well written, but no such day (or month) exists.
    NotOnCalendar(String),
}

/// A date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` that exists on the (proleptic
/// Gregorian) calendar: months 1-12, days within the month, 29 February only in leap
/// years.
pub fn date(value: &str) -> Result<(), DateFault> {
    let v = value.trim();
    let parts: Vec<&str> = v.split('-').collect();
    let widths = [4usize, 2, 2];
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .zip(widths)
            .any(|(p, w)| p.len() != w || !all_digits(p))
    {
        return Err(DateFault::Format);
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let year = num(parts[0]);
    if parts.len() == 1 {
        return Ok(());
    }
    let month = num(parts[1]);
    if !(1..=12).contains(&month) {
        return Err(DateFault::NotOnCalendar(format!(
            "there is no month {month:02}"
        )));
    }
    if parts.len() == 2 {
        return Ok(());
    }
    let day = num(parts[2]);
    let days = days_in_month(year, month);
    if day == 0 || day > days {
        let why = if month == 2 && day == 29 {
            format!("{year} is not a leap year, so February has 28 days")
        } else {
            format!("month {month:02} has {days} days, not {day}")
        };
        return Err(DateFault::NotOnCalendar(why));
    }
    Ok(())
}

/// A well-formed BCP 47 language tag (RFC 5646, section 2.1), case-insensitively:
///
/// ```text
/// langtag   = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
/// language  = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
/// extlang   = 3ALPHA *2("-" 3ALPHA)
/// script    = 4ALPHA
/// region    = 2ALPHA / 3DIGIT
/// variant   = 5*8alphanum / (DIGIT 3alphanum)
/// extension = singleton 1*("-" (2*8alphanum))      ; singleton: any alphanum but x
/// privateuse = "x" 1*("-" (1*8alphanum))
/// ```
///
/// plus the whole-tag private use (`x-…`) and the grandfathered tags. On failure the
/// fault says which subtag is wrong.
pub fn language_tag(value: &str) -> Result<(), Fault> {
    let tag = value.trim();
    let bad = |why: String| Err(Fault::Syntax(why));
    if tag.is_empty() {
        return bad("the language tag is empty".to_string());
    }
    if tag.contains('_') {
        return bad(
            "subtags are separated by \"-\", not \"_\" (write en-GB, not en_GB)".to_string(),
        );
    }
    if GRANDFATHERED.iter().any(|g| g.eq_ignore_ascii_case(tag)) {
        return Ok(());
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if let Some(s) = subtags
        .iter()
        .find(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return bad(if s.is_empty() {
            "the tag has an empty subtag (two hyphens in a row, or one at an end)".to_string()
        } else {
            format!("\"{s}\" is not a subtag: subtags are 1 to 8 letters or digits")
        });
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mut i = 0;
    let n = subtags.len();
    // Whole-tag private use.
    if subtags[0].eq_ignore_ascii_case("x") {
        return private_use(&subtags[1..]);
    }
    // language
    let lang = subtags[0];
    if !alpha(lang) || lang.len() < 2 {
        return bad(format!(
            "\"{lang}\" is not a language subtag: it must be 2 to 8 letters (e.g. en, fra, yue)"
        ));
    }
    i += 1;
    // extlang: up to three 3-letter subtags, only after a 2-3 letter language.
    if lang.len() <= 3 {
        let mut ext = 0;
        while i < n && ext < 3 && subtags[i].len() == 3 && alpha(subtags[i]) {
            i += 1;
            ext += 1;
        }
    }
    // script
    if i < n && subtags[i].len() == 4 && alpha(subtags[i]) {
        i += 1;
    }
    // region
    if i < n
        && ((subtags[i].len() == 2 && alpha(subtags[i]))
            || (subtags[i].len() == 3 && digit(subtags[i])))
    {
        i += 1;
    }
    // variants
    while i < n {
        let s = subtags[i];
        let starts_digit = s.as_bytes()[0].is_ascii_digit();
        if (5..=8).contains(&s.len()) || (s.len() == 4 && starts_digit) {
            i += 1;
        } else {
            break;
        }
    }
    // extensions
    while i < n && subtags[i].len() == 1 && !subtags[i].eq_ignore_ascii_case("x") {
        let singleton = subtags[i];
        i += 1;
        let start = i;
        while i < n && (2..=8).contains(&subtags[i].len()) {
            i += 1;
        }
        if i == start {
            return bad(format!(
                "the extension \"{singleton}\" must be followed by at least one subtag of 2 to 8 \
                 letters or digits"
            ));
        }
    }
    // private use
    if i < n && subtags[i].eq_ignore_ascii_case("x") {
        return private_use(&subtags[i + 1..]);
    }
    if i < n {
        let s = subtags[i];
        let why = match s.len() {
            1 => format!("\"{s}\" is a singleton without the subtags it introduces"),
            2 | 3 if i > 0 => format!(
                "\"{s}\" is out of place: the order is language, script (4 letters), region \
                 (2 letters or 3 digits), variants"
            ),
            _ => format!("\"{s}\" is not a valid subtag here"),
        };
        return bad(why);
    }
    Ok(())
}

fn private_use(rest: &[&str]) -> Result<(), Fault> {
    if rest.is_empty() {
        return Err(Fault::Syntax(
            "\"x\" (private use) must be followed by at least one subtag".to_string(),
        ));
    }
    Ok(())
}

/// The grandfathered tags of RFC 5646 (irregular and regular): well-formed as a whole.
const GRANDFATHERED: &[&str] = &[
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

/// An email address by the grammar HTML uses for `<input type=email>`:
/// `local@label(.label)*`, where the local part is ASCII letters, digits and
/// ``.!#$%&'*+/=?^_`{|}~-`` and each domain label is 1 to 63 letters, digits or hyphens,
/// not starting or ending with a hyphen.
pub fn email(value: &str) -> Result<(), Fault> {
    let v = value.trim();
    let bad = |why: &str| Err(Fault::Syntax(why.to_string()));
    if v.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        return bad("write the address without \"mailto:\"");
    }
    let Some((local, domain)) = v.split_once('@') else {
        return bad("an email address has an \"@\"");
    };
    if local.is_empty() {
        return bad("nothing before the \"@\"");
    }
    if let Some(c) = local
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)))
    {
        return Err(Fault::Syntax(format!(
            "{} is not allowed before the \"@\"",
            describe_char(c)
        )));
    }
    if domain.is_empty() {
        return bad("nothing after the \"@\"");
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return bad("the domain has an empty part (two dots in a row, or a dot at an end)");
        }
        if label.len() > 63 {
            return bad("a domain part is longer than 63 characters");
        }
        if let Some(c) = label
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(Fault::Syntax(format!(
                "{} is not allowed in the domain after the \"@\"",
                describe_char(c)
            )));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return bad("a domain part cannot start or end with a hyphen");
        }
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '@' => "a second \"@\"".to_string(),
        c if c.is_whitespace() => "white space".to_string(),
        c => format!("\"{c}\""),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_accepts_bare_and_prefixed_forms() {
        assert_eq!(doi("10.1000/182"), Ok(()));
        assert_eq!(doi("https://doi.org/10.7717/peerj.5504"), Ok(()));
        assert_eq!(doi("doi:10.1016/j.automatica.2016.01.002"), Ok(()));
        assert_eq!(doi("DOI:10.1234.5/x(y)"), Ok(()));
        assert_eq!(bare_doi(" https://DOI.org/10.1/x "), "10.1/x");
    }

    #[test]
    fn doi_rejects_placeholders_and_broken_prefixes() {
        assert!(doi("My DOI number").is_err());
        assert!(doi("10.123/abc").is_err(), "registrant code too short");
        assert!(
            doi("10.1234567890/abc").is_err(),
            "registrant code too long"
        );
        assert!(doi("10.1234/").is_err());
        assert!(doi("10.1234/a b").is_err());
        assert!(doi("10.1234").is_err());
        assert!(doi("10.12a4/x").is_err());
        assert!(doi("10.1234./x").is_err());
        assert!(doi("").is_err());
    }

    #[test]
    fn orcid_check_digit_follows_iso_7064() {
        assert_eq!(orcid("0000-0002-1825-0097"), Ok(()));
        assert_eq!(orcid("0000-0001-5109-3700"), Ok(()));
        assert_eq!(orcid("0000-0002-1694-233X"), Ok(()));
        assert_eq!(orcid("https://orcid.org/0000-0002-0756-0508"), Ok(()));
        assert_eq!(
            orcid("0000-0002-1825-0098"),
            Err(Fault::Checksum {
                expected: '7',
                found: '8'
            })
        );
        assert!(matches!(orcid("0000-0002-1825-009"), Err(Fault::Syntax(_))));
        assert!(matches!(orcid("0000000218250097"), Err(Fault::Syntax(_))));
        assert!(matches!(
            orcid("0000-0002-1825-009x"),
            Err(Fault::Syntax(_))
        ));
    }

    #[test]
    fn issn_check_digit_is_weighted_mod_11() {
        assert_eq!(issn("0378-5955"), Ok(()));
        assert_eq!(issn("2049-3630"), Ok(()));
        assert_eq!(issn("0317-8471"), Ok(()));
        assert_eq!(issn("1050-124X"), Ok(()));
        assert_eq!(
            issn("0378-5956"),
            Err(Fault::Checksum {
                expected: '5',
                found: '6'
            })
        );
        assert!(matches!(issn("03785955"), Err(Fault::Syntax(_))));
        assert!(matches!(issn("0378-595"), Err(Fault::Syntax(_))));
        assert!(same_issn("1050-124x", " 1050-124X"));
    }

    #[test]
    fn dates_must_exist_on_the_calendar() {
        for ok in [
            "2019",
            "2019-09",
            "2019-09-30",
            "2000-02-29",
            "2024-02-29",
            "1600-02-29",
        ] {
            assert_eq!(date(ok), Ok(()), "{ok}");
        }
        for (bad, leap) in [
            ("1900-02-29", true),
            ("2019-02-29", true),
            ("2019-04-31", false),
        ] {
            match date(bad) {
                Err(DateFault::NotOnCalendar(why)) => {
                    assert_eq!(why.contains("leap"), leap, "{bad}: {why}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(matches!(date("2019-13"), Err(DateFault::NotOnCalendar(_))));
        assert!(matches!(
            date("2019-00-10"),
            Err(DateFault::NotOnCalendar(_))
        ));
        assert!(matches!(
            date("2019-01-00"),
            Err(DateFault::NotOnCalendar(_))
        ));
        for bad in [
            "01/07/2010",
            "2019-9-30",
            "19",
            "NA",
            "",
            "2019-09-30T10:00",
            "２０１９",
        ] {
            assert_eq!(date(bad), Err(DateFault::Format), "{bad}");
        }
    }

    #[test]
    fn language_tags_follow_the_rfc_5646_grammar() {
        for ok in [
            "en",
            "EN",
            "fra",
            "fre",
            "en-GB",
            "zh-Hant-TW",
            "zh-yue-HK",
            "sr-Latn-RS",
            "es-419",
            "de-CH-1901",
            "sl-rozaj-biske",
            "en-US-u-ca-gregory",
            "x-whatever",
            "en-x-private",
            "i-klingon",
            "zh-min-nan",
            "qaa",
            "ja-JP-x-kana",
            "tlh",
            "en-a-bbb-x-a-ccc",
            "yiddish",
            "ar-arab",
        ] {
            assert_eq!(language_tag(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "e",
            "en_US",
            "en-",
            "-en",
            "en--GB",
            "english language",
            "en-GB-1",
            "en-a",
            "x",
            "123",
            "en-toolongsubtag",
            "en-GB-US-",
            "de-419-DE",
            "fr-u",
            "é",
        ] {
            assert!(language_tag(bad).is_err(), "{bad} should be malformed");
        }
    }

    #[test]
    fn email_follows_the_html_grammar() {
        for ok in ["popeyevn@sogang.ac.kr", "a.b+c@x-y.org", "x@localhost"] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "popeyevn",
            "@x.org",
            "a@",
            "a b@x.org",
            "a@x..org",
            "a@-x.org",
            "a@x-.org",
            "mailto:a@x.org",
            "a@b@c.org",
            "prénom@x.org",
            "a@x.org.",
            "pѨ@x.org",
            "ÉÉÉÉ@x",
        ] {
            assert!(email(bad).is_err(), "{bad} should be rejected");
        }
    }
}
