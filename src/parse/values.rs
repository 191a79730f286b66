//! Small value normalisations the parser applies: identifier prefixes (shared with the
//! validator, in [`crate::text`]), page ranges and document types.
//! Values are otherwise kept as written.

pub use crate::text::{bare_doi, bare_orcid};

/// True when `s` names an ORCID (a bare id or an orcid.org URL).
pub fn looks_like_orcid_ref(s: &str) -> bool {
    s.to_ascii_lowercase().contains("orcid.org/")
}

/// True when `s` is a bare ORCID iD in its hyphenated form (`0000-0002-1825-0097`).
fn is_bare_orcid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 9 | 14 => c == b'-',
            18 => c.is_ascii_digit() || c == b'X' || c == b'x',
            _ => c.is_ascii_digit(),
        })
}

/// A person identifier given as a URI (or a bare ORCID) in `@ref`: its scheme (`orcid`,
/// `idref`, `viaf`, `gnd`, `isni`) and its value (the bare iD for an ORCID, else the URI
/// as written). `None` for any other reference.
pub fn person_ref(s: &str) -> Option<(&'static str, String)> {
    let t = s.trim();
    if looks_like_orcid_ref(t) || is_bare_orcid(t) {
        return Some(("orcid", bare_orcid(t).to_string()));
    }
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    const HOSTS: &[(&str, &str)] = &[
        ("idref.fr/", "idref"),
        ("viaf.org/viaf/", "viaf"),
        ("d-nb.info/gnd/", "gnd"),
        ("isni.org/isni/", "isni"),
        ("isni.org/", "isni"),
    ];
    let (_, scheme) = HOSTS
        .iter()
        .find(|(host, _)| rest.starts_with(host) && rest.len() > host.len())?;
    Some((scheme, t.to_string()))
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
    fn person_refs_by_host_and_bare_orcids() {
        let r = |s| person_ref(s);
        assert_eq!(
            r("https://orcid.org/0000-0002-1825-0097"),
            Some(("orcid", "0000-0002-1825-0097".into()))
        );
        assert_eq!(
            r(" 0000-0002-1825-009X "),
            Some(("orcid", "0000-0002-1825-009X".into()))
        );
        assert_eq!(
            r("https://www.idref.fr/190890126"),
            Some(("idref", "https://www.idref.fr/190890126".into()))
        );
        assert_eq!(
            r("http://viaf.org/viaf/4940744"),
            Some(("viaf", "http://viaf.org/viaf/4940744".into()))
        );
        assert_eq!(
            r("https://d-nb.info/gnd/118540238"),
            Some(("gnd", "https://d-nb.info/gnd/118540238".into()))
        );
        assert_eq!(
            r("https://isni.org/isni/0000000121032683"),
            Some(("isni", "https://isni.org/isni/0000000121032683".into()))
        );
        assert_eq!(r("https://tei-c.org/Activities/SIG/EastAsian/"), None);
        assert_eq!(r("#struct-42"), None);
        assert_eq!(r("https://viaf.org/viaf/"), None);
        assert_eq!(r("0000-0002-1825"), None);
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
