//! Small text helpers shared by the parser, the validator and the exporters.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// 1-based line and column (counted in characters) of byte `offset` in `text`.
/// An offset past the end points just after the last character.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// True for the characters XML and TEI treat as collapsible white space, plus the
/// no-break and ideographic spaces that real files use as ordinary spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Collapses every run of white space into one space and trims both ends.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// NFC-normalises `s`, without allocating when it already is NFC (the common case).
pub fn nfc(s: String) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// Collapses white space and NFC-normalises: the form every single-line value takes.
pub fn clean(s: &str) -> String {
    nfc(collapse(s))
}

/// `s` without `prefix`, compared case-insensitively; `None` when it does not start so
/// (or when the prefix would end inside a character).
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The DOI without the resolver or `doi:` prefix it is often written with
/// (`https://doi.org/`, `http://dx.doi.org/`, `doi:`); otherwise as written, trimmed.
pub fn bare_doi(value: &str) -> &str {
    let v = value.trim();
    const PREFIXES: &[&str] = &[
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "doi:",
    ];
    PREFIXES
        .iter()
        .find_map(|p| strip_prefix_ci(v, p))
        .map_or(v, str::trim_start)
}

/// The ORCID without its `https://orcid.org/` (or `orcid:`) prefix; otherwise as
/// written, trimmed.
pub fn bare_orcid(value: &str) -> &str {
    let v = value.trim();
    const PREFIXES: &[&str] = &[
        "https://orcid.org/",
        "http://orcid.org/",
        "https://www.orcid.org/",
        "orcid.org/",
        "orcid:",
    ];
    PREFIXES
        .iter()
        .find_map(|p| strip_prefix_ci(v, p))
        .map_or(v, |rest| rest.trim_matches('/').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let t = "ab\nçé<x>";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        // "çé" is four bytes, two characters.
        assert_eq!(line_column(t, 7), (2, 3));
    }

    #[test]
    fn collapse_folds_runs_and_trims() {
        assert_eq!(collapse("  a \t\n b\u{3000}c  "), "a b c");
        assert_eq!(collapse(""), "");
    }

    #[test]
    fn identifier_prefixes_are_stripped_and_never_split_a_character() {
        assert_eq!(bare_doi("https://doi.org/10.1/x"), "10.1/x");
        assert_eq!(bare_doi(" DOI:10.1/x "), "10.1/x");
        assert_eq!(bare_doi("My DOI number"), "My DOI number");
        assert_eq!(
            bare_orcid("https://orcid.org/0000-0002-1900-5616"),
            "0000-0002-1900-5616"
        );
        // The prefix length falls inside the "é": no panic, value kept as written.
        assert_eq!(bare_doi("https://doi.orgé/x"), "https://doi.orgé/x");
        assert_eq!(bare_orcid("https://orcid.oé"), "https://orcid.oé");
    }

    #[test]
    fn nfc_composes_decomposed_accents() {
        assert_eq!(nfc("e\u{301}".to_string()), "é");
    }
}
