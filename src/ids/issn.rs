//! ISSNs: seven digits and a weighted MOD 11 check digit, canonically written
//! `NNNN-NNNC`.

use super::{check_digit, Fault};

/// An ISSN with a correct check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Issn {
    /// The eight characters without the hyphen; the last is a digit or upper-case `X`.
    chars: [u8; 8],
}

impl Issn {
    /// Parses an ISSN as written: `NNNN-NNNC` or `NNNNNNNC` (the hyphen is presentation;
    /// Crossref and DOAJ accept both), the check digit `X` in either case, optionally
    /// after an `ISSN` label (`ISSN 2105-0821`, `ISSN: 2105-0821`), surrounding space
    /// ignored.
    pub fn parse(value: &str) -> Result<Self, Fault> {
        let v = value.trim();
        let v = match v.get(..4) {
            Some(label) if label.eq_ignore_ascii_case("ISSN") => {
                v[4..].trim_start_matches(':').trim_start()
            }
            _ => v,
        };
        let b = v.as_bytes();
        let digits: Vec<u8> = match b.len() {
            9 if b[4] == b'-' => [&b[..4], &b[5..]].concat(),
            8 => b.to_vec(),
            _ => Vec::new(),
        };
        let shape = digits.len() == 8
            && digits.iter().enumerate().all(|(i, c)| match i {
                7 => c.is_ascii_digit() || c.eq_ignore_ascii_case(&b'X'),
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return Fault::syntax(
                "an ISSN is written NNNN-NNNC: four digits, a hyphen, three digits and a check \
                 digit (0-9 or X)",
            );
        }
        check_digit::verified(digits, check_digit::weighted_mod11).map(|chars| Issn { chars })
    }

    /// The canonical form, `NNNN-NNNC` with an upper-case `X`.
    pub fn canonical(&self) -> String {
        let s = String::from_utf8_lossy(&self.chars);
        format!("{}-{}", &s[..4], &s[4..])
    }
}

/// True when two ISSNs as written are the same number: equal once parsed (`1050-124x`
/// and `1050124X`), or, when either does not parse, equal as written ignoring case and
/// surrounding space.
pub fn same_number(a: &str, b: &str) -> bool {
    match (Issn::parse(a), Issn::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim().eq_ignore_ascii_case(b.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(v: &str) -> Option<String> {
        Issn::parse(v).ok().map(|i| i.canonical())
    }

    #[test]
    fn check_digit_is_weighted_mod_11() {
        for ok in ["0378-5955", "2049-3630", "0317-8471", "1050-124X"] {
            assert_eq!(canonical(ok).as_deref(), Some(ok));
        }
        assert_eq!(
            Issn::parse("0378-5956"),
            Err(Fault::Checksum {
                expected: '5',
                found: '6'
            })
        );
        assert!(matches!(
            Issn::parse("9697-4256"),
            Err(Fault::Checksum { .. })
        ));
    }

    #[test]
    fn hyphen_label_and_case_are_presentation() {
        assert_eq!(canonical("18605974").as_deref(), Some("1860-5974"));
        assert_eq!(canonical("0396-891x").as_deref(), Some("0396-891X"));
        assert_eq!(canonical(" ISSN 2105-0821 ").as_deref(), Some("2105-0821"));
        assert_eq!(canonical("issn: 2105-0821").as_deref(), Some("2105-0821"));
        for bad in [
            "0378-595",
            "1234-567",
            "abcd-efgh",
            "037-85955",
            "0378 5955",
            "0378–5955",
            "ÿÿÿÿ",
            "",
        ] {
            assert!(matches!(Issn::parse(bad), Err(Fault::Syntax(_))), "{bad}");
        }
    }

    #[test]
    fn same_number_compares_parsed_values() {
        assert!(same_number("1050-124x", " 1050-124X"));
        assert!(same_number("1050124X", "1050-124X"));
        assert!(same_number("abc", "ABC "));
        assert!(!same_number("0378-5955", "2049-3630"));
    }
}
