//! Small value normalisations the parser applies: identifier prefixes (shared with the
//! validator, in [`crate::text`]), page ranges and document types.
//! Values are otherwise kept as written.

pub use crate::text::{bare_doi, bare_orcid};

/// True when `s` names an ORCID (a bare id or an orcid.org URL).
pub fn looks_like_orcid_ref(s: &str) -> bool {
    s.to_ascii_lowercase().contains("orcid.org/")
}

/// First and last page of a range as written: "13-16", "pp 37-45", "pp.446-465",
/// "29–44", "p. 5". Returns `None` when the text holds no page at all.
pub fn page_range(s: &str) -> Option<(String, Option<String>)> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let rest = ["pages", "pp.", "pp", "p."]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(t, |p| &t[p.len()..]);
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let mut parts = rest.splitn(2, ['-', '–', '—', '‒']);
    let first = parts.next().unwrap_or("").trim();
    let last = parts
        .next()
        .map(|l| l.trim_start_matches(['-', '–']).trim());
    if first.is_empty() {
        return None;
    }
    Some((
        first.to_string(),
        last.filter(|l| !l.is_empty()).map(str::to_string),
    ))
}

/// A document type as written by HAL's typology (`ART`, `COMM`, `THESE`, …),
/// `biblStruct/@type` or DHQ's article type, in teimeta's vocabulary.
pub fn genre(raw: &str) -> String {
    let t = raw.trim();
    let g = match t.to_ascii_uppercase().as_str() {
        "ART" | "ARTICLE" | "JOURNAL-ARTICLE" | "JOURNALARTICLE" => "article",
        "COMM" | "POSTER" | "PRESCONF" | "INPROCEEDINGS" | "CONFERENCE" | "PAPER-CONFERENCE"
        | "CONFERENCE-PAPER" => "conference-paper",
        "COUV" | "CHAPTER" | "INBOOK" | "INCOLLECTION" | "BOOK-CHAPTER" => "chapter",
        "OUV" | "DOUV" | "BOOK" | "MONOGRAPH" | "PROCEEDINGS" => "book",
        "THESE" | "THESIS" | "PHDTHESIS" => "thesis",
        "HDR" => "habilitation",
        "MEM" | "MASTERSTHESIS" => "masters-thesis",
        "REPORT" | "TECHREPORT" => "report",
        "REVIEW" => "review",
        _ => return t.to_lowercase(),
    };
    g.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genres_from_hal_typology_and_bibl_types() {
        assert_eq!(genre("THESE"), "thesis");
        assert_eq!(genre("COMM"), "conference-paper");
        assert_eq!(genre("chapter"), "chapter");
        assert_eq!(genre("review"), "review");
        assert_eq!(genre("Dataset"), "dataset");
    }

    #[test]
    fn page_ranges_in_real_shapes() {
        let p = |s| page_range(s);
        assert_eq!(p("13-16"), Some(("13".into(), Some("16".into()))));
        assert_eq!(p("pp 37-45"), Some(("37".into(), Some("45".into()))));
        assert_eq!(p("pp.446-465"), Some(("446".into(), Some("465".into()))));
        assert_eq!(p("29–44"), Some(("29".into(), Some("44".into()))));
        assert_eq!(p("5"), Some(("5".into(), None)));
        assert_eq!(p(" "), None);
    }
}
