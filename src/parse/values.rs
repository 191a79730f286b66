//! Small value normalisations the parser applies: identifier prefixes and page ranges.
//! Values are otherwise kept as written.

/// The DOI without a resolver or `doi:` prefix; otherwise as written.
pub fn bare_doi(s: &str) -> &str {
    let t = s.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "doi:",
    ] {
        if t.len() >= prefix.len() && t[..prefix.len()].eq_ignore_ascii_case(prefix) {
            return t[prefix.len()..].trim_start();
        }
    }
    t
}

/// The ORCID without its `https://orcid.org/` (or `orcid:`) prefix; otherwise as written.
pub fn bare_orcid(s: &str) -> &str {
    let t = s.trim();
    for prefix in [
        "https://orcid.org/",
        "http://orcid.org/",
        "https://www.orcid.org/",
        "orcid.org/",
        "orcid:",
    ] {
        if t.len() >= prefix.len() && t[..prefix.len()].eq_ignore_ascii_case(prefix) {
            return t[prefix.len()..].trim_matches('/').trim();
        }
    }
    t
}

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
    fn doi_prefixes_are_stripped() {
        assert_eq!(bare_doi("https://doi.org/10.1/x"), "10.1/x");
        assert_eq!(bare_doi(" doi:10.1/x "), "10.1/x");
        assert_eq!(bare_doi("DOI:10.1/x"), "10.1/x");
        assert_eq!(bare_doi("My DOI number"), "My DOI number");
    }

    #[test]
    fn orcid_url_is_made_bare() {
        assert_eq!(
            bare_orcid("https://orcid.org/0000-0002-1900-5616"),
            "0000-0002-1900-5616"
        );
        assert_eq!(bare_orcid("0000-0002-1900-5616"), "0000-0002-1900-5616");
    }

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
