//! Dates written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the (proleptic
//! Gregorian) calendar.

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

#[cfg(test)]
mod tests {
    use super::*;

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
