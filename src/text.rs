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

/// Line starts (and column checkpoints) of one text, built once, so that the line and
/// column of any number of offsets cost a binary search and a short count each, rather
/// than a scan from the start of the text per offset.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    lines: Vec<usize>,
    /// Every [`LineIndex::STEP`] bytes: a character boundary and its 0-based column, so
    /// that a column on a very long line is counted from a nearby checkpoint.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    const STEP: usize = 4096;

    /// Indexes `text` (one pass).
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        lines.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut index = LineIndex {
            lines,
            marks: Vec::with_capacity(text.len() / Self::STEP + 1),
        };
        let mut previous = (0, 0);
        let mut at = Self::STEP;
        while at < text.len() {
            let boundary = floor_char_boundary(text, at);
            let line_start = index.lines[index.line_of(boundary) - 1];
            let (from, column) = if previous.0 >= line_start {
                previous
            } else {
                (line_start, 0)
            };
            let column = column + text[from..boundary].chars().count();
            previous = (boundary, column);
            index.marks.push(previous);
            at += Self::STEP;
        }
        index
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|&start| start <= offset)
    }

    /// The byte offset where 1-based `line` starts (the end of the text past the last).
    pub fn line_start(&self, line: usize) -> usize {
        match line.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&start) => start,
            None if line == 0 => 0,
            None => self.lines.last().copied().unwrap_or(0),
        }
    }

    /// 1-based line and column (in characters) of byte `offset` in `text`, the text this
    /// index was built from; the same answer as [`line_column`].
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let line_start = self.lines.get(line - 1).copied().unwrap_or(0);
        let mark = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, column) = match mark.checked_sub(1).map(|i| self.marks[i]) {
            Some((at, column)) if at >= line_start => (at, column),
            _ => (line_start, 0),
        };
        let counted = text.get(from..offset).map_or(0, |s| s.chars().count());
        (line, column + counted + 1)
    }
}

/// The largest character boundary at or before `offset` (which is at most `text.len()`).
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

/// The paragraphs of a value written in several (split at blank lines), each [`clean`]ed;
/// the empty ones left out.
pub fn paragraphs(s: &str) -> Vec<String> {
    s.split("\n\n")
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect()
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

/// `12004` → `12,004`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_blank_lines_and_cleaned() {
        assert_eq!(
            paragraphs("  One\n line.\n\n\n\nTwo. \n\n \n"),
            ["One line.", "Two."]
        );
        assert!(paragraphs(" \n\n ").is_empty());
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let t = "ab\nçé<x>";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        // "çé" is four bytes, two characters.
        assert_eq!(line_column(t, 7), (2, 3));
    }

    #[test]
    fn line_index_agrees_with_line_column_everywhere() {
        // Long lines (checkpoints inside a line, a line starting after a checkpoint),
        // multibyte characters across checkpoint offsets, and an offset past the end.
        let mut t = String::new();
        for i in 0..3 {
            t.push_str(&"é".repeat(3000 + i));
            t.push('\n');
            t.push_str(&"a".repeat(5000));
            t.push_str("\n\n");
        }
        let index = LineIndex::new(&t);
        for offset in (0..t.len() + 3)
            .step_by(7)
            .chain([0, t.len(), t.len() + 10])
        {
            assert_eq!(
                index.line_column(&t, offset),
                line_column(&t, offset),
                "offset {offset}"
            );
        }
        let empty = LineIndex::new("");
        assert_eq!(empty.line_column("", 5), (1, 1));
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
