//! DOAJ article XML (`doajArticles.xsd`): one `records` element with one `record` per
//! article, for DOAJ's article upload.
//!
//! | model | record |
//! |---|---|
//! | declared language | `language`, ISO 639-2/B |
//! | publisher, journal title | `publisher`, `journalTitle` |
//! | print ISSN, electronic ISSN | `issn`, `eissn` (canonical `NNNN-NNNC`; a malformed one is left out) |
//! | date | `publicationDate` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as given) |
//! | volume, issue, first page, last page | `volume`, `issue`, `startPage`, `endPage` |
//! | DOI | `doi` (bare, NFKC) |
//! | genre | `documentType` (`article` when the TEI does not say) |
//! | titles | `title language="…"`: the main title (with its subtitle after `: `; in the document's language unless it has its own) first, then every other title in its own language |
//! | authors | `authors/author`: `name` (given name and family name), `affiliationId`, `orcid_id` as `https://orcid.org/…` |
//! | affiliations | `affiliationsList/affiliationName affiliationId="N"`, each distinct affiliation once, numbered from 1 |
//! | abstracts | `abstract language="…"`, one per abstract, paragraphs separated by a blank line |
//! | URL | `fullTextUrl` (see below; no `format`, which the TEI does not tell) |
//! | author keywords | `keywords language="…"/keyword`, one group per run of keywords in one language |
//!
//! # Languages
//!
//! DOAJ takes ISO 639-2/B codes (its `iso_639-2b.xsd`: `fre`, `ger`, `chi`, `dut`, …,
//! never 639-2/T's `fra`, `deu`, `zho`, `nld`). A BCP 47 tag is mapped by its primary
//! subtag through the table in `languages.rs`: a two-letter code (`fr-CA` → `fre`), or a
//! three-letter one in either form (`fra` and `fre` → `fre`). A language DOAJ does not
//! list (or a malformed tag) is left out rather than guessed: the `language` attribute is
//! optional everywhere.
//!
//! # DOAJ's rules beyond the schema
//!
//! - **No email addresses.** DOAJ publishes what it receives and asks for no personal
//!   email addresses: the schema's `author/email` is never written, and an address left in
//!   an affiliation's text (extraction debris) is removed from it.
//! - **The full-text URL** is required by the schema and must be the article itself: the
//!   TEI's own `http(s)` URL, else [`Options::resource_url`] filled with the DOI, else the
//!   DOI's resolver URL (`https://doi.org/…`, which leads to the article). DOAJ's pattern
//!   wants a host with a dot and a 2–10 letter top-level domain.
//! - **At most 6 keywords** per language: the `doaj` profile's rule (an article with more
//!   is refused by `convert`, as `validate --profile doaj` reports it).
//! - **Plain text**: titles, names and abstracts are written as text (no markup), white
//!   space collapsed.
//!
//! What the `doaj` profile cannot check is listed by [`obstacles`]: no full-text URL that
//! fits DOAJ's pattern.

mod languages;

use std::io::{self, Write};

use super::crossref::{esc, fill_template};
use super::Exporter;
use crate::ids::date::Date;
use crate::ids::doi;
use crate::ids::email;
use crate::ids::issn::Issn;
use crate::ids::orcid::Orcid;
use crate::model::{Affiliation, Article, Author, Text};
use crate::Document;

use languages::LANGUAGES;

/// The DOAJ options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The landing-page URL template, `{doi}` standing for the DOI, used for
    /// `fullTextUrl` when the TEI gives no URL.
    pub resource_url: Option<String>,
}

impl Options {
    /// What is wrong with the options, in words, or `Ok`.
    pub fn check(&self) -> Result<(), String> {
        match &self.resource_url {
            Some(t) if !t.contains("{doi}") => Err(format!(
                "--resource-url: \"{t}\" has no {{doi}} placeholder"
            )),
            Some(t) if !doaj_url(&fill_template(t, "10.1000/1")) => Err(format!(
                "--resource-url: \"{t}\" is not an http(s) URL template with a domain name"
            )),
            _ => Ok(()),
        }
    }
}

/// One `record` element.
#[derive(Debug, Clone)]
pub struct Piece(String);

impl super::Render for Options {
    type Piece = Piece;

    fn render(&self, doc: &Document) -> Piece {
        Piece(record(&doc.article, self))
    }
}

/// Writes one `records` document to `W`.
pub struct Doaj<W> {
    out: W,
    options: Options,
    started: bool,
}

impl<W: Write> Doaj<W> {
    /// A DOAJ exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Doaj {
            out,
            options,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.out
                .write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Exporter for Doaj<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, piece: Piece) -> io::Result<()> {
        self.start()?;
        self.out.write_all(piece.0.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<W> {
        self.start()?;
        self.out.write_all(b"</records>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// What stops `a` from being listed with DOAJ beyond what the `doaj` profile checks, one
/// sentence each. Empty when nothing does.
pub fn obstacles(a: &Article, options: &Options) -> Vec<String> {
    let mut out = Vec::new();
    // With neither DOI nor URL, the profile's `doi or url` rule has said it already.
    let linked = a.doi.is_some() || a.url.is_some();
    if linked && full_text_url(a, options).is_none() {
        out.push(
            "no full-text URL DOAJ takes: neither the TEI's URL (publicationStmt/idno\
             [@type='URL']) nor a DOI gives an http(s) address with a domain name"
                .to_string(),
        );
    }
    out
}

/// The ISO 639-2/B code DOAJ takes for a BCP 47 tag (or a 639-2 code), if it lists one.
pub fn iso639_2b(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let row = match primary.len() {
        2 => LANGUAGES.iter().find(|(a2, _, _)| *a2 == primary),
        3 => LANGUAGES
            .iter()
            .find(|(_, t, b)| *t == primary || *b == primary),
        _ => None,
    }
    .or(match primary.as_str() {
        // Deprecated ISO 639-1 codes still met in the wild.
        "iw" => LANGUAGES.iter().find(|r| r.0 == "he"),
        "in" => LANGUAGES.iter().find(|r| r.0 == "id"),
        "ji" => LANGUAGES.iter().find(|r| r.0 == "yi"),
        "mo" => LANGUAGES.iter().find(|r| r.0 == "ro"),
        _ => None,
    })?;
    Some(row.2)
}

/// The ISO 639-1 code of a BCP 47 tag (or a 639-2 code) when the language has one.
pub(crate) fn iso639_1(tag: &str) -> Option<&'static str> {
    let b = iso639_2b(tag)?;
    LANGUAGES
        .iter()
        .find(|r| r.2 == b)
        .map(|r| r.0)
        .filter(|a2| a2.len() == 2)
}

/// DOAJ's `fullUrl` pattern: `http(s)://`, a host with a dot and a 2–10 letter label
/// after it (or an IPv4 address), then anything.
fn doaj_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    if u.chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return false;
    }
    let host: Vec<char> = rest.chars().take_while(|&c| c != '/' && c != ':').collect();
    let ipv4 = {
        let parts: Vec<String> = host
            .iter()
            .collect::<String>()
            .split('.')
            .map(str::to_string)
            .collect();
        parts.len() == 4
            && parts
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    ipv4 || (1..host.len()).any(|i| {
        host[i] == '.'
            && host.len() > i + 2
            && host[i + 1].is_alphabetic()
            && host[i + 2].is_alphabetic()
    })
}

/// The full-text URL (see the module notes).
fn full_text_url(a: &Article, o: &Options) -> Option<String> {
    if let Some(u) = a.url.as_ref().map(|u| u.value.trim()) {
        if doaj_url(u) {
            return Some(u.to_string());
        }
    }
    let d = a
        .doi
        .as_ref()
        .map(|d| doi::nfkc(doi::bare(&d.value)).trim().to_string())?;
    let d = doi::Doi::parse(&d).ok()?.bare().to_string();
    let from_template = o.resource_url.as_deref().map(|t| fill_template(t, &d));
    from_template
        .filter(|u| doaj_url(u))
        .or_else(|| doi::Doi::parse(&d).ok().map(|x| x.url()))
        .filter(|u| doaj_url(u))
}

/// White space collapsed, NFC; `None` when empty.
fn text(t: Option<&Text>) -> Option<String> {
    t.map(|t| crate::text::clean(&t.value))
        .filter(|v| !v.is_empty())
}

/// `<name>text</name>` on its own line, four spaces in.
fn field(s: &mut String, name: &str, value: &str) {
    s.push_str(&format!("    <{name}>{}</{name}>\n", esc(value)));
}

/// ` language="xxx"` for a tag DOAJ can take, else nothing.
fn lang_attr(tag: Option<&str>) -> String {
    tag.and_then(iso639_2b)
        .map(|c| format!(" language=\"{c}\""))
        .unwrap_or_default()
}

/// An author's display name: given name and family name, else the name as written.
fn author_name(au: &Author) -> Option<String> {
    let parts: Vec<String> = [au.forename.as_ref(), au.surname.as_ref()]
        .into_iter()
        .filter_map(text)
        .collect();
    if !parts.is_empty() && au.surname.is_some() {
        return Some(parts.join(" "));
    }
    text(au.name.as_ref()).or_else(|| (!parts.is_empty()).then(|| parts.join(" ")))
}

/// An affiliation's name as DOAJ lists it: its text, without email addresses.
fn affiliation_name(af: &Affiliation) -> Option<String> {
    let raw = if af.text.value.trim().is_empty() {
        af.units
            .iter()
            .filter_map(|u| u.name())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        af.text.value.clone()
    };
    let words: Vec<&str> = raw
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| "()[]<>,;:".contains(c));
            !(w.contains('@') && email::check(w.trim_start_matches("mailto:")).is_ok())
        })
        .collect();
    let name = crate::text::clean(&words.join(" "));
    let name = name
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string();
    (!name.is_empty()).then_some(name)
}

/// One article as a `record` element.
fn record(a: &Article, o: &Options) -> String {
    let mut s = String::from("  <record>\n");
    if let Some(code) = a.language.as_ref().and_then(|l| iso639_2b(&l.value)) {
        field(&mut s, "language", code);
    }
    if let Some(p) = text(a.publisher.as_ref()) {
        field(&mut s, "publisher", &p);
    }
    field(
        &mut s,
        "journalTitle",
        &text(a.journal.as_ref()).unwrap_or_default(),
    );
    let print = a.issn.as_ref().and_then(|i| Issn::parse(&i.value).ok());
    let electronic = a.eissn.as_ref().and_then(|i| Issn::parse(&i.value).ok());
    if let Some(p) = &print {
        field(&mut s, "issn", &p.canonical());
    }
    if let Some(e) = &electronic {
        if print.as_ref().map(Issn::canonical) != Some(e.canonical()) {
            field(&mut s, "eissn", &e.canonical());
        }
    }
    let date = a.date.as_ref().and_then(|d| Date::parse(&d.value).ok());
    field(
        &mut s,
        "publicationDate",
        &date.map(|d| d.iso()).unwrap_or_default(),
    );
    for (name, value) in [
        ("volume", &a.volume),
        ("issue", &a.issue),
        ("startPage", &a.first_page),
        ("endPage", &a.last_page),
    ] {
        if let Some(v) = text(value.as_ref()) {
            field(&mut s, name, &v);
        }
    }
    if let Some(d) = a.doi.as_ref() {
        let d = doi::nfkc(doi::bare(&d.value)).trim().to_string();
        if !d.is_empty() {
            field(&mut s, "doi", &d);
        }
    }
    let genre = text(a.genre.as_ref()).unwrap_or_else(|| "article".to_string());
    field(&mut s, "documentType", &genre);

    // Titles: the main one (with its subtitle), then every other in its language.
    let main = a.title();
    let sub = a.subtitle();
    let mut titles: Vec<(String, Option<&str>)> = Vec::new();
    if let Some(m) = main.and_then(|m| text(Some(m))) {
        let lang = a
            .titles
            .iter()
            .find(|t| main.is_some_and(|m| std::ptr::eq(&t.text, m)))
            .and_then(|t| t.lang.as_deref())
            .or(a.language.as_ref().map(|l| l.value.as_str()));
        let full = match sub.and_then(|x| text(Some(x))) {
            Some(x) => format!("{}: {x}", m.trim_end_matches([':', ' '])),
            None => m,
        };
        titles.push((full, lang));
    }
    for t in &a.titles {
        let used = main.is_some_and(|m| std::ptr::eq(&t.text, m))
            || sub.is_some_and(|x| std::ptr::eq(&t.text, x));
        if used {
            continue;
        }
        if let Some(v) = text(Some(&t.text)) {
            if !titles.iter().any(|(x, _)| *x == v) {
                titles.push((v, t.lang.as_deref()));
            }
        }
    }
    if titles.is_empty() {
        titles.push((String::new(), None));
    }
    for (t, lang) in &titles {
        s.push_str(&format!(
            "    <title{}>{}</title>\n",
            lang_attr(*lang),
            esc(t)
        ));
    }

    // Authors and the affiliations they point at.
    let mut affiliations: Vec<String> = Vec::new();
    let mut authors = String::new();
    for au in &a.authors {
        let Some(name) = author_name(au) else {
            continue;
        };
        authors.push_str("      <author>\n");
        authors.push_str(&format!("        <name>{}</name>\n", esc(&name)));
        let mut ids: Vec<usize> = Vec::new();
        for af in &au.affiliations {
            let Some(n) = affiliation_name(af) else {
                continue;
            };
            let id = match affiliations.iter().position(|x| *x == n) {
                Some(i) => i + 1,
                None => {
                    affiliations.push(n);
                    affiliations.len()
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
                authors.push_str(&format!("        <affiliationId>{id}</affiliationId>\n"));
            }
        }
        if let Some(orcid) = au.orcid.as_ref().and_then(|o| Orcid::parse(&o.value).ok()) {
            authors.push_str(&format!("        <orcid_id>{}</orcid_id>\n", orcid.url()));
        }
        authors.push_str("      </author>\n");
    }
    if !authors.is_empty() {
        s.push_str("    <authors>\n");
        s.push_str(&authors);
        s.push_str("    </authors>\n");
    }
    if !affiliations.is_empty() {
        s.push_str("    <affiliationsList>\n");
        for (i, n) in affiliations.iter().enumerate() {
            s.push_str(&format!(
                "      <affiliationName affiliationId=\"{}\">{}</affiliationName>\n",
                i + 1,
                esc(n)
            ));
        }
        s.push_str("    </affiliationsList>\n");
    }

    for ab in &a.abstracts {
        let paras = crate::text::paragraphs(&ab.text.value);
        if paras.is_empty() {
            continue;
        }
        s.push_str(&format!(
            "    <abstract{}>{}</abstract>\n",
            lang_attr(ab.lang.as_deref()),
            esc(&paras.join("\n\n"))
        ));
    }

    let url = full_text_url(a, o).unwrap_or_default();
    s.push_str(&format!("    <fullTextUrl>{}</fullTextUrl>\n", esc(&url)));

    // Author keywords, one group per run in one language.
    let mut groups: Vec<(Option<&'static str>, Vec<String>)> = Vec::new();
    for k in a.author_keywords() {
        let Some(v) = text(Some(&k.text)) else {
            continue;
        };
        let code = k.lang.as_deref().and_then(iso639_2b);
        match groups.last_mut() {
            Some((c, list)) if *c == code => {
                if !list.contains(&v) {
                    list.push(v);
                }
            }
            _ => groups.push((code, vec![v])),
        }
    }
    for (code, list) in groups {
        match code {
            Some(c) => s.push_str(&format!("    <keywords language=\"{c}\">\n")),
            None => s.push_str("    <keywords>\n"),
        }
        for k in list {
            s.push_str(&format!("      <keyword>{}</keyword>\n", esc(&k)));
        }
        s.push_str("    </keywords>\n");
    }
    s.push_str("  </record>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcp47_tags_map_to_the_bibliographic_codes() {
        assert_eq!(iso639_2b("fr"), Some("fre"));
        assert_eq!(iso639_2b("fr-CA"), Some("fre"));
        assert_eq!(iso639_2b("fra"), Some("fre"));
        assert_eq!(iso639_2b("deu"), Some("ger"));
        assert_eq!(iso639_2b("de-AT"), Some("ger"));
        assert_eq!(iso639_2b("zh-Hant-TW"), Some("chi"));
        assert_eq!(iso639_2b("zho"), Some("chi"));
        assert_eq!(iso639_2b("nl"), Some("dut"));
        assert_eq!(iso639_2b("EN"), Some("eng"));
        assert_eq!(iso639_2b("ja"), Some("jpn"));
        assert_eq!(iso639_2b("ko"), Some("kor"));
        assert_eq!(iso639_2b("iw"), Some("heb"));
        assert_eq!(iso639_2b("sh"), Some("hbs"));
        // Not in DOAJ's list: left out rather than guessed.
        assert_eq!(iso639_2b("ast"), None);
        assert_eq!(iso639_2b("x-klingon"), None);
        assert_eq!(iso639_2b(""), None);
    }

    #[test]
    fn every_table_row_is_consistent() {
        for (a2, t, b) in LANGUAGES {
            assert_eq!(a2.len(), 2, "{a2}");
            assert_eq!((t.len(), b.len()), (3, 3), "{t} {b}");
            assert_eq!(iso639_2b(a2), Some(*b));
            assert_eq!(iso639_2b(t), Some(*b));
        }
        assert_eq!(LANGUAGES.len(), 184);
    }

    #[test]
    fn urls_follow_doaj_pattern() {
        assert!(doaj_url("https://doi.org/10.1000/1"));
        assert!(doaj_url("http://journal.example.org:8080/a"));
        assert!(doaj_url("http://192.168.0.1/a"));
        assert!(!doaj_url("https://localhost/a"));
        assert!(!doaj_url("www.example.org/a"));
        assert!(!doaj_url("https://example.c0m/a"));
    }
}
