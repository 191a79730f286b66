//! ORCID iDs: four groups of four digits, the last character an ISO 7064 MOD 11-2 check
//! digit.

use super::{check_digit, Fault};

/// An ORCID iD with a correct check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orcid {
    /// The sixteen characters without hyphens; the last is a digit or upper-case `X`.
    chars: [u8; 16],
}

impl Orcid {
    /// Parses an iD written bare (`0000-0002-1825-0097`) or as its URL
    /// (`https://orcid.org/…`, `orcid:…`), surrounding space ignored. The check digit
    /// `X` may be written in either case.
    pub fn parse(value: &str) -> Result<Self, Fault> {
        let b = bare(value).as_bytes();
        let shape = b.len() == 19
            && b.iter().enumerate().all(|(i, &c)| match i {
                4 | 9 | 14 => c == b'-',
                18 => c.is_ascii_digit() || c.eq_ignore_ascii_case(&b'X'),
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return Fault::syntax(
                "an ORCID iD is four groups of four digits, like 0000-0002-1825-0097 (the \
                 last may be X)",
            );
        }
        let chars = b.iter().copied().filter(|&c| c != b'-');
        check_digit::verified(chars, check_digit::mod11_2).map(|chars| Orcid { chars })
    }

    /// The canonical bare iD, `0000-0002-1694-233X` (upper-case `X`).
    pub fn bare(&self) -> String {
        let s = String::from_utf8_lossy(&self.chars);
        format!("{}-{}-{}-{}", &s[..4], &s[4..8], &s[8..12], &s[12..])
    }

    /// The iD's URL, `https://orcid.org/0000-0002-1694-233X`.
    pub fn url(&self) -> String {
        format!("https://orcid.org/{}", self.bare())
    }
}

/// The ORCID iD without its `https://orcid.org/` (or `orcid:`) prefix; otherwise as
/// written, trimmed. (The parser stores iDs in this form.)
pub fn bare(value: &str) -> &str {
    crate::text::bare_orcid(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_follows_iso_7064() {
        for ok in [
            "0000-0002-1825-0097",
            "0000-0001-5109-3700",
            "0000-0002-1694-233X",
            "https://orcid.org/0000-0002-0756-0508",
        ] {
            assert!(Orcid::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Orcid::parse("0000-0002-1825-0098"),
            Err(Fault::Checksum {
                expected: '7',
                found: '8'
            })
        );
        for bad in [
            "0000-0002-1825-009",
            "0000000218250097",
            "0000-0002-1825-009Y",
        ] {
            assert!(matches!(Orcid::parse(bad), Err(Fault::Syntax(_))), "{bad}");
        }
    }

    #[test]
    fn lower_case_x_is_the_same_check_digit() {
        let o = Orcid::parse("0000-0002-1694-233x").unwrap();
        assert_eq!(o.bare(), "0000-0002-1694-233X");
        assert_eq!(o, Orcid::parse("orcid:0000-0002-1694-233X").unwrap());
        assert_eq!(o.url(), "https://orcid.org/0000-0002-1694-233X");
    }
}
