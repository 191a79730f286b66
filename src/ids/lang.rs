//! BCP 47 language tags (RFC 5646), well-formedness by the `oxilangtag` crate.
//!
//! The crate decides; this module only adds the words: when a tag is malformed, the
//! fault names the subtag where it goes wrong (the first one after the longest prefix
//! of the tag that is itself well-formed).

use super::Fault;

/// A well-formed BCP 47 language tag, as written (case kept, surrounding space
/// trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTag<'a> {
    tag: oxilangtag::LanguageTag<&'a str>,
    raw: &'a str,
}

impl<'a> LanguageTag<'a> {
    /// Parses a tag such as `en`, `fra`, `zh-Hant-TW`, `es-419`, `de-CH-1901`,
    /// `en-US-u-ca-gregory`, `x-private` or a grandfathered tag (`i-klingon`), case
    /// ignored.
    pub fn parse(value: &'a str) -> Result<Self, Fault> {
        let tag = value.trim();
        oxilangtag::LanguageTag::parse(tag)
            .map(|parsed| LanguageTag {
                tag: parsed,
                raw: tag,
            })
            .map_err(|_| Fault::Syntax(explain(tag)))
    }

    /// The tag as written, trimmed.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// The primary language subtag as written (`en` in `en-GB`); the whole tag for a
    /// private-use or grandfathered one.
    pub fn primary_language(&self) -> &str {
        self.tag.primary_language()
    }

    /// The region subtag as written (`GB` in `en-Latn-GB`, `419` in `es-419`).
    pub fn region(&self) -> Option<&str> {
        self.tag.region()
    }
}

/// Why `tag` (trimmed, known to be malformed) is not well-formed, in an editor's words.
fn explain(tag: &str) -> String {
    if tag.is_empty() {
        return "the language tag is empty".to_string();
    }
    if tag.contains('_') {
        return "subtags are separated by \"-\", not \"_\" (write en-GB, not en_GB)".to_string();
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if let Some(s) = subtags
        .iter()
        .find(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return if s.is_empty() {
            "the tag has an empty subtag (two hyphens in a row, or one at an end)".to_string()
        } else {
            format!("\"{s}\" is not a subtag: subtags are 1 to 8 letters or digits")
        };
    }
    // The first subtag after the longest well-formed prefix is where it goes wrong.
    let mut end = 0;
    let mut good = 0;
    for (i, s) in subtags.iter().enumerate() {
        end += s.len() + usize::from(i > 0);
        if oxilangtag::LanguageTag::parse(&tag[..end]).is_ok() {
            good = i + 1;
        }
    }
    let Some(s) = subtags.get(good).copied() else {
        return format!("\"{tag}\" is not a well-formed language tag");
    };
    if s.eq_ignore_ascii_case("x") {
        return "\"x\" (private use) must be followed by at least one subtag".to_string();
    }
    match (good, s.len()) {
        (0, _) => format!(
            "\"{s}\" is not a language subtag: it must be 2 to 8 letters (e.g. en, fra, yue)"
        ),
        (_, 1) => format!("\"{s}\" is a singleton without the subtags it introduces"),
        (_, 2 | 3) => format!(
            "\"{s}\" is out of place: the order is language, script (4 letters), region \
             (2 letters or 3 digits), variants"
        ),
        _ => format!("\"{s}\" is not a valid subtag here"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(tag: &str) -> String {
        match LanguageTag::parse(tag) {
            Err(Fault::Syntax(why)) => why,
            other => panic!("{tag}: {other:?}"),
        }
    }

    #[test]
    fn well_formed_tags_follow_rfc_5646() {
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
            " en-GB ",
        ] {
            let t = LanguageTag::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e:?}"));
            assert_eq!(t.as_str(), ok.trim());
        }
    }

    #[test]
    fn malformed_tags_are_rejected() {
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
            "en-x",
        ] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad} should be malformed"
            );
        }
    }

    #[test]
    fn the_fault_names_the_subtag_that_goes_wrong() {
        assert!(why("en_GB").contains("not \"_\""));
        assert!(why("en--GB").contains("empty subtag"));
        assert!(why("en-toolongsubtag").contains("\"toolongsubtag\" is not a subtag"));
        assert!(why("123").contains("\"123\" is not a language subtag"));
        assert!(why("en-GB-1").contains("\"1\" is a singleton"));
        assert!(why("de-419-DE").contains("\"DE\" is out of place"));
        assert!(why("x").contains("private use"));
        assert!(why("en-x").contains("private use"));
        assert_eq!(why(""), "the language tag is empty");
    }

    #[test]
    fn accessors_give_the_subtags() {
        let t = LanguageTag::parse("en-Latn-GB").unwrap();
        assert_eq!(t.primary_language(), "en");
        assert_eq!(t.region(), Some("GB"));
        assert_eq!(
            LanguageTag::parse("en-u-ca-gregory").unwrap().region(),
            None
        );
    }
}
