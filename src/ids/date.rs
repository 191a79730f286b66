//! Dates written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the (proleptic
//! Gregorian) calendar; and [`iso`], the ISO 8601 form of a date as people write it.
//!
//! # The textual forms [`iso`] reads
//!
//! Every export writes dates in ISO 8601 (`2010-07-01`, `2010-07`, `2010`) or leaves them
//! out; [`iso`] is the one place that turns a date as written into that form. It reads:
//!
//! | written | ISO |
//! |---|---|
//! | `2010`, `2010-07`, `2010-07-01` | as is (checked on the calendar) |
//! | `2010-07-01T10:00:00Z` (any time after a `T`) | `2010-07-01` |
//! | `2010/07/01`, `2010/07`, `2010.07.01` (the year first) | `2010-07-01`, `2010-07` |
//! | `31/07/2010`, `07/31/2010`, `31-07-2010` | `2010-07-31`: a part above 12 is the day |
//! | `01/01/2010` (day and month the same) | `2010-01-01` |
//! | `01.07.2010` (dots) | `2010-07-01`: dotted dates are day.month.year wherever they are used |
//! | `07/2010` | `2010-07` |
//! | `July 1, 2010`, `1 July 2010`, `1st July 2010`, `Jul. 2010`, `July 2010` | `2010-07-01`, `2010-07` |
//! | `1er juillet 2010`, `1 juil. 2010`, `juillet 2010`, `jeudi 1er juillet 2010` | `2010-07-01`, `2010-07` |
//!
//! Month names are English and French, full or abbreviated (`Sept.`, `févr.`, `dec`),
//! with or without accents, in any case; a leading weekday is ignored.
//!
//! **Ambiguous dates are not guessed.** `01/07/2010` is the first of July in Europe and
//! the seventh of January in the United States, and the corpus holds both conventions:
//! with a slash or a dash, two numbers that are both 12 or less and differ give `None`,
//! like any text that is not a date (`Spring 2019`, `n.d.`, `2019/2020`), a date not on
//! the calendar (`31/02/2010`), or two-digit years (`01/07/10`).

use super::all_digits;

/// What is wrong with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFault {
    /// Not written YYYY, YYYY-MM or YYYY-MM-DD.
    Format,
    /// Well written, but no such day (or month) exists.
    NotOnCalendar(String),
}

/// A year, a year and month, or a full date that exists on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year, 0000-9999.
    pub year: u32,
    /// The month, 1-12.
    pub month: Option<u32>,
    /// A day that the month has (only with a month).
    pub day: Option<u32>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding space ignored): months
    /// 1-12, days within the month, 29 February only in leap years.
    pub fn parse(value: &str) -> Result<Self, DateFault> {
        let parts: Vec<&str> = value.trim().split('-').collect();
        let widths = [4usize, 2, 2];
        if parts.len() > 3
            || parts
                .iter()
                .zip(widths)
                .any(|(p, w)| p.len() != w || !all_digits(p))
        {
            return Err(DateFault::Format);
        }
        let num = |i: usize| parts.get(i).map(|s| s.parse::<u32>().unwrap_or(0));
        let year = num(0).unwrap_or(0);
        let (month, day) = (num(1), num(2));
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return Err(DateFault::NotOnCalendar(format!(
                    "there is no month {month:02}"
                )));
            }
            if let Some(day) = day {
                let days = days_in_month(year, month);
                if day == 0 || day > days {
                    let why = if month == 2 && day == 29 {
                        format!("{year} is not a leap year, so February has 28 days")
                    } else {
                        format!("month {month:02} has {days} days, not {day}")
                    };
                    return Err(DateFault::NotOnCalendar(why));
                }
            }
        }
        Ok(Date { year, month, day })
    }

    /// The date in ISO form: `2019`, `2019-09` or `2019-09-30`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// The ISO 8601 form (`2010-07-01`, `2010-07` or `2010`) of a date as written, when it
/// is one of the forms in the module docs and unambiguous; `None` otherwise (see the
/// module docs for what is refused and why).
pub fn iso(text: &str) -> Option<String> {
    parse_text(text).map(|d| d.iso())
}

/// The date a text gives, read as [`iso`] reads it.
pub fn parse_text(text: &str) -> Option<Date> {
    let text = text.trim().trim_end_matches('.').trim();
    if text.is_empty() || text.chars().count() > 64 {
        return None;
    }
    if let Ok(d) = Date::parse(text) {
        return Some(d);
    }
    // ISO date and time (`T` or a space between them): keep the date.
    if let Some((day, time)) = text.split_once(['T', 't', ' ']) {
        if day.len() == 10 && time.starts_with(|c: char| c.is_ascii_digit()) && time.contains(':') {
            return Date::parse(day).ok().filter(|d| d.day.is_some());
        }
    }
    numeric(text).or_else(|| named(text)).or_else(|| cjk(text))
}

/// `Y/M/D`, `Y/M`, `Y.M.D`, `D/M/Y`, `M/D/Y`, `D.M.Y`, `M/Y` (see the module docs).
fn numeric(text: &str) -> Option<Date> {
    let sep = ['/', '.', '-'].into_iter().find(|&c| text.contains(c))?;
    let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
    if parts.iter().any(|p| !all_digits(p) || p.len() > 4) {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (year, month, day) = match (parts.as_slice(), n.as_slice()) {
        // The year first: Y/M/D or Y/M.
        ([y, _, _], &[year, m, d]) if y.len() == 4 => (year, m, Some(d)),
        ([y, m], &[year, month]) if y.len() == 4 && m.len() <= 2 => (year, month, None),
        // The year last.
        ([a, b, y], &[x, z, year]) if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            if sep == '.' || x > 12 || x == z {
                (year, z, Some(x))
            } else if z > 12 {
                (year, x, Some(z))
            } else {
                return None; // both could be the month: ambiguous
            }
        }
        ([m, y], &[month, year]) if y.len() == 4 && m.len() <= 2 && sep != '.' => {
            (year, month, None)
        }
        _ => return None,
    };
    checked(year, Some(month), day)
}

/// A date with an English or French month name (see the module docs).
fn named(text: &str) -> Option<Date> {
    let mut month = None;
    let mut year = None;
    let mut day = None;
    let tokens = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| !t.is_empty());
    for (i, token) in tokens.enumerate() {
        let lower = token.to_lowercase();
        if let Some(m) = month_number(&lower) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if all_digits(token) && token.len() == 4 {
            if year.replace(token.parse::<u32>().ok()?).is_some() {
                return None;
            }
        } else if let Some(d) = day_number(&lower) {
            if day.replace(d).is_some() || year.is_some() {
                return None; // a day comes before the year
            }
        } else if i == 0 && is_weekday(&lower) {
            continue;
        } else {
            return None;
        }
    }
    checked(year?, Some(month?), day)
}

/// `2020年10月29日`, `2020年10月`, `2020年` (Chinese and Japanese).
fn cjk(text: &str) -> Option<Date> {
    let (year, rest) = text.split_once('年')?;
    let number = |s: &str| -> Option<u32> {
        let s = s.trim();
        (all_digits(s) && s.len() <= 2)
            .then(|| s.parse().ok())
            .flatten()
    };
    if !all_digits(year.trim()) || year.trim().len() != 4 {
        return None;
    }
    let year: u32 = year.trim().parse().ok()?;
    if rest.trim().is_empty() {
        return checked(year, None, None);
    }
    let (month, rest) = rest.split_once('月')?;
    let month = number(month)?;
    if rest.trim().is_empty() {
        return checked(year, Some(month), None);
    }
    let day = number(rest.trim().strip_suffix('日')?)?;
    checked(year, Some(month), Some(day))
}

/// The date if it is on the calendar.
fn checked(year: u32, month: Option<u32>, day: Option<u32>) -> Option<Date> {
    if year > 9999 {
        return None;
    }
    let text = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    Date::parse(&text).ok()
}

/// A day of the month: `1`-`31`, with an English or French ordinal ending (`1st`, `2nd`,
/// `3rd`, `4th`, `1er`, `2e`, `2ème`).
fn day_number(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(|c: char| !c.is_ascii_digit());
    let suffix = &token[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !all_digits(digits)
        || ![
            "", "st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "è",
        ]
        .contains(&suffix)
    {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// The number of a month named in English or French, full or abbreviated (lower case).
fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv"],
        &[
            "february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev",
        ],
        &["march", "mar", "mars"],
        &["april", "apr", "avril", "avr"],
        &["may", "mai"],
        &["june", "jun", "juin"],
        &["july", "jul", "juillet", "juil"],
        &["august", "aug", "août", "aout"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "octobre"],
        &["november", "nov", "novembre"],
        &["december", "dec", "décembre", "decembre", "déc"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&token))
        .map(|i| i as u32 + 1)
}

/// An English or French weekday name, full or abbreviated (lower case).
fn is_weekday(token: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]
    .contains(&token)
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

/// The proleptic Gregorian date (year, month 1 to 12, day 1 to 31) of `days` since
/// 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_are_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
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
            " 0999-12 ",
        ] {
            let d = Date::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e:?}"));
            assert_eq!(d.iso(), ok.trim());
        }
        for (bad, leap) in [
            ("1900-02-29", true),
            ("2019-02-29", true),
            ("2019-04-31", false),
        ] {
            match Date::parse(bad) {
                Err(DateFault::NotOnCalendar(why)) => {
                    assert_eq!(why.contains("leap"), leap, "{bad}: {why}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        for bad in ["2019-13", "2019-00-10", "2019-01-00"] {
            assert!(
                matches!(Date::parse(bad), Err(DateFault::NotOnCalendar(_))),
                "{bad}"
            );
        }
        for bad in [
            "01/07/2010",
            "2019-9-30",
            "19",
            "NA",
            "",
            "2019-09-30T10:00",
            "２０１９",
            "2019-09-30-01",
        ] {
            assert_eq!(Date::parse(bad), Err(DateFault::Format), "{bad}");
        }
    }

    #[test]
    fn iso_reads_the_textual_forms_of_the_corpus() {
        for (written, want) in [
            ("2010", "2010"),
            ("2010-07", "2010-07"),
            (" 2010-07-01 ", "2010-07-01"),
            ("2010-07-01T10:00:00Z", "2010-07-01"),
            ("2010-07-01T00:00:00+02:00", "2010-07-01"),
            ("2010/07/01", "2010-07-01"),
            ("2010/7", "2010-07"),
            ("2010.07.01", "2010-07-01"),
            ("31/07/2010", "2010-07-31"),
            ("07/31/2010", "2010-07-31"),
            ("31-07-2010", "2010-07-31"),
            ("1/1/2010", "2010-01-01"),
            ("01.07.2010", "2010-07-01"),
            ("1.7.2010", "2010-07-01"),
            ("07/2010", "2010-07"),
            ("July 1, 2010", "2010-07-01"),
            ("July 1 2010", "2010-07-01"),
            ("1 July 2010", "2010-07-01"),
            ("1st July, 2010", "2010-07-01"),
            ("Thursday, July 1, 2010", "2010-07-01"),
            ("Jul. 2010", "2010-07"),
            ("SEPT. 22, 2016", "2016-09-22"),
            ("July 2010", "2010-07"),
            ("July, 2010", "2010-07"),
            ("1er juillet 2010", "2010-07-01"),
            ("jeudi 1er juillet 2010", "2010-07-01"),
            ("2 févr. 2019", "2019-02-02"),
            ("2e fevrier 2019", "2019-02-02"),
            ("15 août 2020", "2020-08-15"),
            ("Décembre 2012", "2012-12"),
            ("29 février 2024", "2024-02-29"),
            ("2010.", "2010"),
            ("2023-07-20 16:42:02", "2023-07-20"),
            ("2020年10月29日", "2020-10-29"),
            ("2020年1月", "2020-01"),
            ("2020年", "2020"),
        ] {
            assert_eq!(iso(written).as_deref(), Some(want), "{written:?}");
        }
    }

    #[test]
    fn iso_refuses_what_it_would_have_to_guess() {
        for written in [
            "01/07/2010", // 1 July or 7 January
            "07-01-2010",
            "01/07/10", // a two-digit year
            "31/02/2010",
            "29 février 2023",
            "13/13/2010",
            "2010/13",
            "Spring 2019",
            "n.d.",
            "2019/2020",
            "2019-2020",
            "July",
            "1 2010",
            "July 32, 2010",
            "July July 2010",
            "2010 July 1",
            "1 July 2010 2011",
            "Thursday",
            "July 1, 2010, Paris",
            "",
            "   ",
            "２０１０",
            "2010-07-01Tnoon",
            "12345",
            "0/0/0",
            "2017. 2017",
            "June 3-7, 2018",
            "2023-07-20 later",
            "2020年13月",
            "20年10月29日",
            "2020年10月32日",
        ] {
            assert_eq!(iso(written), None, "{written:?}");
        }
    }

    #[test]
    fn iso_never_panics_on_odd_text() {
        for written in [
            "\u{0}",
            "é/é/é",
            "1é.2.2010",
            "31ème juillet 2010",
            "1e",
            "-",
            "--",
            "/",
            ".",
            "T",
            "2010-07-01T",
            "ß",
            "𝟚𝟘𝟙𝟘",
            "9999-12-31T1",
        ] {
            let _ = iso(written);
        }
        assert_eq!(iso("31ème juillet 2010").as_deref(), Some("2010-07-31"));
        assert_eq!(iso(&"1 ".repeat(100)), None);
    }

    #[test]
    fn parts_are_numbers() {
        let d = Date::parse("2019-09-30").unwrap();
        assert_eq!((d.year, d.month, d.day), (2019, Some(9), Some(30)));
        assert_eq!(Date::parse("2019").unwrap().month, None);
    }

    #[test]
    fn february_follows_the_leap_year_rules() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2019, 4), 30);
        assert_eq!(days_in_month(2019, 12), 31);
    }
}
