//! DOIs: `10.` registrant code `/` suffix, written bare or behind a resolver or `doi:`
//! prefix.

use super::{all_digits, Fault};

/// A syntactically valid DOI: after its prefix is stripped,
/// `^10\.\d{4,9}(\.\d+)*/\S+$`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doi<'a> {
    bare: &'a str,
}

impl<'a> Doi<'a> {
    /// Parses a DOI as written: bare (`10.1000/182`) or with a `https://doi.org/`,
    /// `http://dx.doi.org/` or `doi:` prefix, surrounding space ignored.
    pub fn parse(value: &'a str) -> Result<Self, Fault> {
        let v = bare(value);
        let Some(rest) = v.strip_prefix("10.") else {
            return Fault::syntax("a DOI starts with \"10.\"");
        };
        let Some((prefix, suffix)) = rest.split_once('/') else {
            return Fault::syntax("a DOI has a \"/\" between its prefix (10.NNNN) and its suffix");
        };
        let mut parts = prefix.split('.');
        let registrant = parts.next().unwrap_or("");
        if !(4..=9).contains(&registrant.len()) || !all_digits(registrant) {
            return Fault::syntax("the registrant code after \"10.\" must be 4 to 9 digits");
        }
        if parts.any(|p| !all_digits(p)) {
            return Fault::syntax(
                "the DOI prefix may hold only digits and dots (10.1234 or 10.1234.5)",
            );
        }
        if suffix.is_empty() {
            return Fault::syntax("the DOI suffix after \"/\" is empty");
        }
        if suffix.chars().any(char::is_whitespace) {
            return Fault::syntax("a DOI holds no spaces");
        }
        Ok(Doi { bare: v })
    }

    /// The DOI without any prefix: `10.1000/182`.
    pub fn bare(&self) -> &'a str {
        self.bare
    }

    /// The resolver URL, `https://doi.org/` and the DOI, percent-encoding what the path
    /// of an IRI cannot hold (`10.1/a b<c>` → `https://doi.org/10.1/a%20b%3Cc%3E`).
    pub fn url(&self) -> String {
        let mut out = String::with_capacity(16 + self.bare.len());
        out.push_str("https://doi.org/");
        for c in self.bare.chars() {
            if c.is_ascii_alphanumeric() || "-._~/:;@!$&'()*+,=".contains(c) {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
        out
    }
}

/// The DOI without the resolver or `doi:` prefix it is often written with; otherwise as
/// written, trimmed. (The parser stores DOIs in this form.)
pub fn bare(value: &str) -> &str {
    crate::text::bare_doi(value)
}

/// The DOI in Unicode normalisation form NFKC: a DOI copied out of a PDF may hold a
/// typographic ligature or another compatibility character (`10.1002/ﬂd.3902`, with
/// U+FB02 for "fl"), which no registry issued; its NFKC form (`10.1002/fld.3902`) is the
/// DOI that resolves. Borrowed when there is nothing to change (the common case).
pub fn nfkc(value: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
    if value.is_ascii() || is_nfkc_quick(value.chars()) == IsNormalized::Yes {
        return std::borrow::Cow::Borrowed(value);
    }
    let normal: String = value.nfkc().collect();
    if normal == value {
        std::borrow::Cow::Borrowed(value)
    } else {
        std::borrow::Cow::Owned(normal)
    }
}

/// True when the DOI holds a compatibility character (a ligature, a full-width letter…)
/// that NFKC would replace: extraction debris, see [`nfkc`].
pub fn has_compatibility_chars(value: &str) -> bool {
    matches!(nfkc(value), std::borrow::Cow::Owned(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(v: &str) -> bool {
        Doi::parse(v).is_ok()
    }

    #[test]
    fn accepts_bare_and_prefixed_forms() {
        assert_eq!(
            Doi::parse("10.1000/182").map(|d| d.bare()),
            Ok("10.1000/182")
        );
        assert_eq!(
            Doi::parse("https://doi.org/10.7717/peerj.5504").map(|d| d.bare()),
            Ok("10.7717/peerj.5504")
        );
        assert!(ok("doi:10.1016/j.automatica.2016.01.002"));
        assert!(ok("DOI:10.1234.5/x(y)"));
        assert!(ok("10.1000.10/abc(1)"));
        assert_eq!(bare(" https://DOI.org/10.1/x "), "10.1/x");
    }

    #[test]
    fn rejects_placeholders_and_broken_prefixes() {
        for bad in [
            "My DOI number",
            "10.123/abc",
            "10.1234567890/abc",
            "10.1234/",
            "10.1234/a b",
            "10.1234",
            "10.12a4/x",
            "10.1234./x",
            "",
        ] {
            assert!(matches!(Doi::parse(bad), Err(Fault::Syntax(_))), "{bad}");
        }
    }

    #[test]
    fn nfkc_replaces_ligatures_and_borrows_otherwise() {
        assert_eq!(nfkc("10.1002/\u{FB02}d.3902"), "10.1002/fld.3902");
        assert!(has_compatibility_chars("10.1002/\u{FB02}d.3902"));
        assert!(matches!(nfkc("10.1234/é"), std::borrow::Cow::Borrowed(_)));
        assert!(!has_compatibility_chars("10.1000/182"));
    }

    #[test]
    fn url_percent_encodes_what_an_iri_path_cannot_hold() {
        let d = Doi::parse("doi:10.4000/jtei.1_2%").unwrap();
        assert_eq!(d.url(), "https://doi.org/10.4000/jtei.1_2%25");
        let d = Doi::parse("10.1002/(SICI)1097-4571<3::AID>").unwrap();
        assert_eq!(
            d.url(),
            "https://doi.org/10.1002/(SICI)1097-4571%3C3::AID%3E"
        );
        let d = Doi::parse("10.1234/é").unwrap();
        assert_eq!(d.url(), "https://doi.org/10.1234/%C3%A9");
    }
}
