//! Crossref deposit XML, schema 5.3.1: one `doi_batch` (namespace
//! `http://www.crossref.org/schema/5.3.1`) with one `journal` per article.
//!
//! # The head
//!
//! The TEI does not hold who deposits, so [`Options`] carries it: `depositor_name`,
//! `depositor_email` and `registrant` (flags `--depositor-name`, `--depositor-email`,
//! `--registrant`, or a profile's `[deposit]` table). `doi_batch_id` is `--batch-id`, else
//! `teimeta-` and a hash of the batch's DOIs (the same articles give the same id);
//! `timestamp` is `--timestamp`, else the current UTC time as `YYYYMMDDhhmmssmmm`, the
//! increasing integer Crossref compares with the last deposit of each DOI.
//!
//! # One article
//!
//! | model | deposit |
//! |---|---|
//! | journal title | `journal_metadata/full_title` |
//! | print ISSN, electronic ISSN | `issn media_type="print"`, `issn media_type="electronic"` (canonical `NNNN-NNNC`; a malformed one is left out) |
//! | date, volume, issue | `journal_issue`: `publication_date` (year only: the article's date is not the issue's), `journal_volume/volume`, `issue`; written when there is a volume or an issue |
//! | declared language | `journal_article/@language`, its ISO 639-1 code when 5.3.1 lists it |
//! | main title, subtitle | `journal_article/titles/title`, `subtitle` |
//! | other titles (translations, …) | one more `titles/title` each (5.3.1 allows 20), a `sub` title of the same language as its `subtitle` |
//! | authors | `contributors`: `person_name` (`given_name`, `surname`, `affiliations`, `ORCID` as `https://orcid.org/…`) or `organization`, `sequence` `first` then `additional`, `contributor_role="author"` |
//! | affiliations | `institution`: `institution_name` (the `institution` level of the hierarchy, else the outermost, else the flat text), `institution_id` for ROR, ISNI and Wikidata ids (the only schemes 5.3.1 accepts, written as URIs), `institution_place` (settlement, country), `institution_department` (the other levels, innermost first, at most 6) |
//! | abstracts | one `jats:abstract xml:lang="…"` each, paragraphs as `jats:p` |
//! | date | `publication_date` with `month`, `day`, `year` as far as given |
//! | first, last page | `pages/first_page`, `last_page` |
//! | DOI, resource | `doi_data/doi` (bare, NFKC), `doi_data/resource` |
//!
//! The resource (landing page) is the TEI's own URL when it is an `http(s)` URL, else
//! [`Options::resource_url`] with `{doi}` replaced by the DOI (percent-encoded where a
//! URL needs it). A person without a family name is written with the one-string name (or
//! the given name) as `surname`, as Crossref asks for people known by one name.
//!
//! # What cannot be deposited
//!
//! The exporter writes whatever it is given; deciding what to refuse is the command's
//! job (`convert` refuses what `validate --profile crossref` reports as an error). What the
//! profile cannot know, because it depends on the deposit options or on Crossref's own
//! limits, is listed by [`obstacles`]: no resource URL; a DOI outside Crossref's pattern
//! (`10.` 4–9 digits `/` at most 200 characters); a year outside 1400–2200; a name part
//! outside Crossref's name pattern (`[^\d\?]*[^\?\s]+[^\d]*`, at most 60 characters:
//! digits in one word only, no `?` before the last word).

use std::io::{self, Write};

use super::Exporter;
use crate::ids::date::Date;
use crate::ids::doi::{self, Doi};
use crate::ids::issn::Issn;
use crate::ids::orcid::Orcid;
use crate::model::{Affiliation, Article, Author, OrgUnit};
use crate::Document;

/// The Crossref schema's namespace.
pub const NAMESPACE: &str = "http://www.crossref.org/schema/5.3.1";

/// What the head of a deposit needs, and where the landing pages are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `depositor_name` (1–130 characters).
    pub depositor_name: String,
    /// `email_address` of the depositor (6–200 characters).
    pub depositor_email: String,
    /// `registrant` (1–255 characters).
    pub registrant: String,
    /// A fixed `doi_batch_id` (4–100 characters); derived from the DOIs when `None`.
    pub batch_id: Option<String>,
    /// A fixed `timestamp` (digits); the current time when `None`.
    pub timestamp: Option<String>,
    /// The landing-page URL template, `{doi}` standing for the DOI.
    pub resource_url: Option<String>,
}

impl Options {
    /// What is wrong with the options, in words, or `Ok` when a deposit can be written.
    pub fn check(&self) -> Result<(), String> {
        let len = |s: &str| s.chars().count();
        let bounded = |what: &str, flag: &str, v: &str, min: usize, max: usize| {
            let n = len(v.trim());
            if n == 0 {
                Err(format!(
                    "a Crossref deposit needs {what}: give {flag} (or set it in the profile's [deposit] table)"
                ))
            } else if n < min || n > max {
                Err(format!(
                    "{flag}: Crossref takes {min} to {max} characters, not {n}"
                ))
            } else {
                Ok(())
            }
        };
        bounded(
            "the depositor's name",
            "--depositor-name",
            &self.depositor_name,
            1,
            130,
        )?;
        bounded(
            "the depositor's email address",
            "--depositor-email",
            &self.depositor_email,
            6,
            200,
        )?;
        if crate::ids::email::check(self.depositor_email.trim()).is_err() {
            return Err(format!(
                "--depositor-email: \"{}\" is not an email address",
                self.depositor_email
            ));
        }
        bounded("the registrant", "--registrant", &self.registrant, 1, 255)?;
        if let Some(id) = &self.batch_id {
            bounded("a batch id", "--batch-id", id, 4, 100)?;
        }
        if let Some(t) = &self.timestamp {
            if t.is_empty() || t.len() > 20 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "--timestamp: \"{t}\" is not a number of at most 20 digits (e.g. 20261207163000000)"
                ));
            }
        }
        if let Some(t) = &self.resource_url {
            if !t.contains("{doi}") {
                return Err(format!(
                    "--resource-url: \"{t}\" has no {{doi}} placeholder"
                ));
            }
            if !is_http_url(&t.replace("{doi}", "10.1000/1")) {
                return Err(format!(
                    "--resource-url: \"{t}\" is not an http(s) URL template"
                ));
            }
        }
        Ok(())
    }
}

/// One article's `journal` element, and its DOI (for the batch id).
#[derive(Debug, Clone)]
pub struct Piece {
    doi: String,
    xml: String,
}

impl super::Render for Options {
    type Piece = Piece;

    fn render(&self, doc: &Document) -> Piece {
        let a = &doc.article;
        Piece {
            doi: deposit_doi(a).unwrap_or_default(),
            xml: journal(a, self),
        }
    }
}

/// Writes one `doi_batch` to `W`. The articles are held until [`Exporter::finish`], since
/// the head's batch id depends on all of them.
pub struct Crossref<W> {
    out: W,
    options: Options,
    body: String,
    dois: Vec<String>,
}

impl<W: Write> Crossref<W> {
    /// A Crossref exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Crossref {
            out,
            options,
            body: String::new(),
            dois: Vec::new(),
        }
    }
}

impl<W: Write> Exporter for Crossref<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, piece: Piece) -> io::Result<()> {
        self.body.push_str(&piece.xml);
        self.dois.push(piece.doi);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<W> {
        let o = &self.options;
        let batch_id = o
            .batch_id
            .clone()
            .unwrap_or_else(|| format!("teimeta-{:016x}", fnv1a(&self.dois)));
        let timestamp = o.timestamp.clone().unwrap_or_else(now_timestamp);
        let mut s = String::with_capacity(self.body.len() + 1024);
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str(&format!(
            "<doi_batch xmlns=\"{NAMESPACE}\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns:jats=\"http://www.ncbi.nlm.nih.gov/JATS1\" version=\"5.3.1\" \
             xsi:schemaLocation=\"{NAMESPACE} https://www.crossref.org/schemas/crossref5.3.1.xsd\">\n"
        ));
        s.push_str("  <head>\n");
        element(&mut s, 2, "doi_batch_id", &batch_id);
        element(&mut s, 2, "timestamp", &timestamp);
        s.push_str("    <depositor>\n");
        element(&mut s, 3, "depositor_name", &o.depositor_name);
        element(&mut s, 3, "email_address", &o.depositor_email);
        s.push_str("    </depositor>\n");
        element(&mut s, 2, "registrant", &o.registrant);
        s.push_str("  </head>\n  <body>\n");
        s.push_str(&self.body);
        s.push_str("  </body>\n</doi_batch>\n");
        self.out.write_all(s.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// What stops `a` from being deposited with `options` beyond what the `crossref` profile
/// checks (see the module documentation), one sentence each. Empty when nothing does.
pub fn obstacles(a: &Article, options: &Options) -> Vec<String> {
    let mut out = Vec::new();
    // A DOI the validator refuses (`tei::doi::syntax`) is the profile's to report.
    if let Some(d) = deposit_doi(a).filter(|d| Doi::parse(d).is_ok()) {
        if !crossref_doi(&d) {
            out.push(format!(
                "the DOI \"{d}\" does not fit Crossref's pattern: \"10.\", 4 to 9 digits, \"/\" \
                 and at most 200 characters"
            ));
        }
        if resource(a, options).is_none() {
            out.push(
                "no resource URL: the TEI gives no http(s) URL for the article \
                 (publicationStmt/idno[@type='URL']) and no --resource-url template (or \
                 [deposit] resource_url) was given"
                    .to_string(),
            );
        }
    }
    if let Some(date) = a.date.as_ref().and_then(|d| Date::parse(&d.value).ok()) {
        if !(1400..=2200).contains(&date.year) {
            out.push(format!(
                "the publication year {} is outside the years Crossref takes (1400 to 2200)",
                date.year
            ));
        }
    }
    for (i, author) in a.authors.iter().enumerate() {
        if author.organization {
            continue;
        }
        let (given, surname) = name_parts(author);
        for (part, value) in [("given name", given), ("family name", surname)] {
            if let Some(v) = value {
                if !fits_name(&v) {
                    out.push(format!(
                        "author {}'s {part} \"{v}\" does not fit Crossref's name pattern \
                         [^\\d\\?]*[^\\?\\s]+[^\\d]* of at most 60 characters",
                        i + 1
                    ));
                }
            }
        }
    }
    out
}

/// The DOI as deposited: bare and NFKC, when present.
fn deposit_doi(a: &Article) -> Option<String> {
    let d = a.doi.as_ref()?;
    let v = doi::nfkc(doi::bare(&d.value)).into_owned();
    let v = v.trim().to_string();
    (!v.is_empty()).then_some(v)
}

/// `10\.[0-9]{4,9}/.{1,200}`, Crossref's `doi_t` pattern.
fn crossref_doi(d: &str) -> bool {
    let Some(rest) = d.strip_prefix("10.") else {
        return false;
    };
    let Some((registrant, suffix)) = rest.split_once('/') else {
        return false;
    };
    (4..=9).contains(&registrant.len())
        && registrant.bytes().all(|b| b.is_ascii_digit())
        && (1..=200).contains(&suffix.chars().count())
        && !suffix.contains(['\n', '\r'])
        && Doi::parse(d).is_ok()
}

/// True for an `http://` or `https://` URL with a host and no space.
pub(crate) fn is_http_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && !r.starts_with('/') && !u.chars().any(|c| c.is_whitespace() || c == '"')
    })
}

/// `template` with `{doi}` replaced by `doi`, percent-encoded as a URL path needs.
pub(crate) fn fill_template(template: &str, doi: &str) -> String {
    let encoded = match Doi::parse(doi) {
        Ok(d) => d.url().trim_start_matches("https://doi.org/").to_string(),
        Err(_) => doi.to_string(),
    };
    template.replace("{doi}", &encoded)
}

/// The landing page: the TEI's URL, else the template filled with the DOI.
fn resource(a: &Article, options: &Options) -> Option<String> {
    if let Some(u) = a.url.as_ref().map(|u| u.value.trim()) {
        if is_http_url(u) {
            return Some(u.to_string());
        }
    }
    let doi = deposit_doi(a)?;
    let url = fill_template(options.resource_url.as_deref()?, &doi);
    is_http_url(&url).then_some(url)
}

/// Crossref's `given_name`/`surname` pattern `[^\d\?]*[^\?\s]+[^\d]*`, at most 60
/// characters after white space is collapsed.
fn fits_name(v: &str) -> bool {
    let v: Vec<char> = crate::text::collapse(v).chars().collect();
    if v.is_empty() || v.len() > 60 {
        return false;
    }
    let n = v.len();
    // v = A B C with A free of digits and '?', B non-empty free of '?' and space, C free of
    // digits.
    (0..n).any(|i| {
        v[..i].iter().all(|c| !c.is_ascii_digit() && *c != '?')
            && (i + 1..=n).any(|j| {
                v[i..j].iter().all(|c| *c != '?' && !c.is_whitespace())
                    && v[j..].iter().all(|c| !c.is_ascii_digit())
            })
    })
}

/// The given name and family name a person is deposited with (see the module notes).
fn name_parts(a: &Author) -> (Option<String>, Option<String>) {
    let clean = |t: Option<&crate::model::Text>| {
        t.map(|t| crate::text::clean(&t.value))
            .filter(|s| !s.is_empty())
    };
    let given = clean(a.forename.as_ref());
    match clean(a.surname.as_ref()) {
        Some(s) => (given, Some(s)),
        None => match clean(a.name.as_ref()) {
            Some(n) => (None, Some(n)),
            None => (None, given),
        },
    }
}

/// Escapes text for XML content or a double-quoted attribute, dropping the characters
/// XML 1.0 cannot hold.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `<name>text</name>` on its own line at `depth` (two spaces each), text escaped.
pub(crate) fn element(s: &mut String, depth: usize, name: &str, text: &str) {
    for _ in 0..depth {
        s.push_str("  ");
    }
    s.push_str(&format!("<{name}>{}</{name}>\n", esc(text)));
}

/// True for a value `xs:language` accepts: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
fn xs_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (1..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// One article as a `journal` element.
fn journal(a: &Article, o: &Options) -> String {
    let mut s = String::new();
    let text = |t: Option<&crate::model::Text>| {
        t.map(|t| crate::text::clean(&t.value))
            .filter(|v| !v.is_empty())
    };
    let short = |t: Option<&crate::model::Text>| text(t).filter(|v| v.chars().count() <= 32);
    s.push_str("    <journal>\n      <journal_metadata>\n");
    if let Some(j) = text(a.journal.as_ref()) {
        element(&mut s, 4, "full_title", &truncate_chars(&j, 255));
    }
    let print = a.issn.as_ref().and_then(|i| Issn::parse(&i.value).ok());
    let electronic = a.eissn.as_ref().and_then(|i| Issn::parse(&i.value).ok());
    if let Some(p) = &print {
        s.push_str(&format!(
            "        <issn media_type=\"print\">{}</issn>\n",
            p.canonical()
        ));
    }
    if let Some(e) = &electronic {
        if print.as_ref().map(Issn::canonical) != Some(e.canonical()) {
            s.push_str(&format!(
                "        <issn media_type=\"electronic\">{}</issn>\n",
                e.canonical()
            ));
        }
    }
    s.push_str("      </journal_metadata>\n");

    let date = a.date.as_ref().and_then(|d| Date::parse(&d.value).ok());
    let (volume, issue) = (short(a.volume.as_ref()), short(a.issue.as_ref()));
    if let Some(d) = date.filter(|_| volume.is_some() || issue.is_some()) {
        s.push_str("      <journal_issue>\n");
        s.push_str(&format!(
            "        <publication_date>\n          <year>{:04}</year>\n        </publication_date>\n",
            d.year
        ));
        if let Some(v) = &volume {
            s.push_str("        <journal_volume>\n");
            element(&mut s, 5, "volume", v);
            s.push_str("        </journal_volume>\n");
        }
        if let Some(i) = &issue {
            element(&mut s, 4, "issue", i);
        }
        s.push_str("      </journal_issue>\n");
    }

    // 5.3.1's `language` takes ISO 639-1 codes: those of the DOAJ table but four that
    // Crossref's list lacks.
    let language = a
        .language
        .as_ref()
        .and_then(|l| super::doaj::iso639_1(&l.value))
        .filter(|c| !["jv", "mh", "sh", "zu"].contains(c));
    match language {
        Some(code) => s.push_str(&format!(
            "      <journal_article publication_type=\"full_text\" language=\"{code}\">\n"
        )),
        None => s.push_str("      <journal_article publication_type=\"full_text\">\n"),
    }
    for (title, subtitle) in title_groups(a).into_iter().take(20) {
        s.push_str("        <titles>\n");
        element(&mut s, 5, "title", &title);
        if let Some(sub) = subtitle {
            element(&mut s, 5, "subtitle", &sub);
        }
        s.push_str("        </titles>\n");
    }

    let authors: Vec<&Author> = a.authors.iter().filter(|au| au.has_name()).collect();
    if !authors.is_empty() {
        s.push_str("        <contributors>\n");
        for (i, au) in authors.iter().enumerate() {
            contributor(&mut s, au, i == 0);
        }
        s.push_str("        </contributors>\n");
    }

    for ab in &a.abstracts {
        let paras = crate::text::paragraphs(&ab.text.value);
        if paras.is_empty() {
            continue;
        }
        match ab.lang.as_deref().map(str::trim).filter(|l| xs_language(l)) {
            Some(lang) => s.push_str(&format!(
                "        <jats:abstract xml:lang=\"{}\">\n",
                esc(lang)
            )),
            None => s.push_str("        <jats:abstract>\n"),
        }
        for p in paras {
            element(&mut s, 5, "jats:p", &p);
        }
        s.push_str("        </jats:abstract>\n");
    }

    if let Some(d) = date {
        s.push_str("        <publication_date>\n");
        if let Some(m) = d.month {
            s.push_str(&format!("          <month>{m:02}</month>\n"));
            if let Some(day) = d.day {
                s.push_str(&format!("          <day>{day:02}</day>\n"));
            }
        }
        s.push_str(&format!("          <year>{:04}</year>\n", d.year));
        s.push_str("        </publication_date>\n");
    }

    let (first, last) = (short(a.first_page.as_ref()), short(a.last_page.as_ref()));
    if let Some(f) = first.as_ref().or(last.as_ref()) {
        s.push_str("        <pages>\n");
        element(&mut s, 5, "first_page", f);
        if let (Some(l), true) = (&last, first.is_some()) {
            if Some(l) != first.as_ref() {
                element(&mut s, 5, "last_page", l);
            }
        }
        s.push_str("        </pages>\n");
    }

    s.push_str("        <doi_data>\n");
    if let Some(d) = deposit_doi(a) {
        element(&mut s, 5, "doi", &d);
    }
    if let Some(r) = resource(a, o) {
        element(&mut s, 5, "resource", &r);
    }
    s.push_str("        </doi_data>\n");
    s.push_str("      </journal_article>\n    </journal>\n");
    s
}

/// The `titles` to write: the main title and subtitle first, then each other title
/// with the unused subtitle of its language, if any; a subtitle with no title of its
/// language stands alone. Never empty (an untitled article gets one empty title, which
/// the `crossref` profile refuses before it is written).
fn title_groups(a: &Article) -> Vec<(String, Option<String>)> {
    let clean =
        |t: &crate::model::Text| Some(crate::text::clean(&t.value)).filter(|v| !v.is_empty());
    let main = a.title();
    let sub = a.subtitle();
    let is = |t: &crate::model::Title, x: Option<&crate::model::Text>| {
        x.is_some_and(|x| std::ptr::eq(&t.text, x))
    };
    let mut groups = vec![(
        main.and_then(clean).unwrap_or_default(),
        sub.and_then(clean),
    )];
    let rest: Vec<&crate::model::Title> = a
        .titles
        .iter()
        .filter(|t| !is(t, main) && !is(t, sub))
        .collect();
    let mut subs_used = vec![false; rest.len()];
    for (i, t) in rest.iter().enumerate() {
        if t.kind.as_deref() == Some("sub") {
            continue;
        }
        let Some(v) = clean(&t.text) else { continue };
        let partner = rest.iter().enumerate().position(|(j, x)| {
            !subs_used[j] && j != i && x.kind.as_deref() == Some("sub") && x.lang == t.lang
        });
        let subtitle = partner.and_then(|j| {
            subs_used[j] = true;
            clean(&rest[j].text)
        });
        groups.push((v, subtitle));
    }
    for (j, t) in rest.iter().enumerate() {
        if t.kind.as_deref() == Some("sub") && !subs_used[j] {
            if let Some(v) = clean(&t.text) {
                groups.push((v, None));
            }
        }
    }
    groups.dedup();
    groups
}

/// One `person_name` or `organization`.
fn contributor(s: &mut String, au: &Author, first: bool) {
    let sequence = if first { "first" } else { "additional" };
    let atts = format!("sequence=\"{sequence}\" contributor_role=\"author\"");
    if au.organization {
        let name = au
            .name
            .as_ref()
            .or(au.surname.as_ref())
            .map(|n| crate::text::clean(&n.value))
            .unwrap_or_default();
        s.push_str(&format!(
            "          <organization {atts}>{}</organization>\n",
            esc(&truncate_chars(&name, 511))
        ));
        return;
    }
    let (given, surname) = name_parts(au);
    s.push_str(&format!("          <person_name {atts}>\n"));
    if let Some(g) = given.filter(|g| fits_name(g)) {
        element(s, 6, "given_name", &g);
    }
    element(s, 6, "surname", surname.as_deref().unwrap_or(""));
    let institutions: Vec<String> = au.affiliations.iter().filter_map(institution).collect();
    if !institutions.is_empty() {
        s.push_str("            <affiliations>\n");
        for i in institutions {
            s.push_str(&i);
        }
        s.push_str("            </affiliations>\n");
    }
    if let Some(o) = au.orcid.as_ref().and_then(|o| Orcid::parse(&o.value).ok()) {
        element(s, 6, "ORCID", &o.url());
    }
    s.push_str("          </person_name>\n");
}

/// A unit's identifiers that 5.3.1's `institution_id` takes: `(type, URI)`.
pub(crate) fn institution_ids(unit: &OrgUnit) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for id in &unit.ids {
        let v = id.value.trim();
        let tail = v.rsplit('/').next().unwrap_or(v);
        let uri = match id.scheme.as_str() {
            "ror" if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_alphanumeric()) => Some((
                "ror",
                format!("https://ror.org/{}", tail.to_ascii_lowercase()),
            )),
            "isni" => {
                let digits: String = tail.chars().filter(|c| !c.is_whitespace()).collect();
                (digits.len() == 16
                    && digits
                        .bytes()
                        .enumerate()
                        .all(|(i, b)| b.is_ascii_digit() || (i == 15 && b == b'X')))
                .then(|| ("isni", format!("https://isni.org/isni/{digits}")))
            }
            "wikidata"
                if tail.starts_with('Q')
                    && tail[1..].bytes().all(|b| b.is_ascii_digit())
                    && tail.len() > 1 =>
            {
                Some(("wikidata", format!("https://www.wikidata.org/wiki/{tail}")))
            }
            _ => None,
        };
        if let Some(u) = uri.filter(|(_, u)| u.len() - "https://".len() <= 50) {
            if !out.contains(&u) {
                out.push(u);
            }
        }
    }
    out
}

/// The unit that names the institution: the `institution` level, else the outermost.
pub(crate) fn institution_unit(af: &Affiliation) -> Option<&OrgUnit> {
    let named = || {
        af.units
            .iter()
            .filter(|u| u.name().is_some_and(|n| !n.trim().is_empty()))
    };
    named()
        .find(|u| u.kind.as_deref() == Some("institution"))
        .or_else(|| named().next_back())
}

/// One affiliation as an `institution` element, or `None` when it has no name.
fn institution(af: &Affiliation) -> Option<String> {
    let clean = |v: &str| crate::text::clean(v);
    let unit = institution_unit(af);
    let (name, ids, departments): (String, Vec<(&str, String)>, Vec<String>) = match unit {
        Some(u) => (
            clean(u.name().unwrap_or("")),
            institution_ids(u),
            af.units
                .iter()
                .filter(|d| !std::ptr::eq(*d, u))
                .filter_map(|d| d.name().map(clean))
                .filter(|n| !n.is_empty())
                .collect(),
        ),
        None => {
            let name = af
                .institution
                .as_deref()
                .map(clean)
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| clean(&af.text.value));
            let dept = af
                .department
                .as_deref()
                .map(clean)
                .filter(|d| !d.is_empty());
            (name, Vec::new(), dept.into_iter().collect())
        }
    };
    if name.is_empty() {
        return None;
    }
    let mut s = String::from("              <institution>\n");
    element(&mut s, 8, "institution_name", &truncate_chars(&name, 1024));
    for (kind, uri) in ids {
        s.push_str(&format!(
            "                <institution_id type=\"{kind}\">{}</institution_id>\n",
            esc(&uri)
        ));
    }
    let place: Vec<String> = [af.settlement.as_deref(), af.country.as_deref()]
        .into_iter()
        .flatten()
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    if !place.is_empty() {
        element(&mut s, 8, "institution_place", &place.join(", "));
    }
    for d in departments.iter().take(6) {
        element(&mut s, 8, "institution_department", d);
    }
    s.push_str("              </institution>\n");
    Some(s)
}

/// `s` cut to at most `max` characters.
fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// FNV-1a (64 bits) of the strings, each ended by a newline: stable across versions and
/// platforms, unlike the standard library's hasher.
fn fnv1a(items: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for item in items {
        for b in item.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The current UTC time as `YYYYMMDDhhmmssmmm`.
fn now_timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    timestamp_of(now.as_secs(), now.subsec_millis())
}

/// `secs` after the Unix epoch (and `millis`) as `YYYYMMDDhhmmssmmm`, in UTC.
fn timestamp_of(secs: u64, millis: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = crate::ids::date::civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}{millis:03}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_digits() {
        assert_eq!(timestamp_of(0, 0), "19700101000000000");
        // 2024-02-29T23:59:59.123Z, a leap day.
        assert_eq!(timestamp_of(1_709_251_199, 123), "20240229235959123");
        assert_eq!(timestamp_of(1_796_660_000, 7).len(), 17);
    }

    #[test]
    fn names_follow_crossref_pattern() {
        assert!(fits_name("Youn"));
        assert!(fits_name("van der Berg"));
        assert!(fits_name("O'Brien-Smith"));
        assert!(fits_name("Louis XIV"));
        // Digits may stand in one word only, and "?" only after the last one.
        assert!(fits_name("Smith3"));
        assert!(fits_name("Who?"));
        assert!(!fits_name("1 Smith 2"));
        assert!(!fits_name("?Who"));
        assert!(!fits_name(" "));
        assert!(!fits_name(""));
        assert!(!fits_name(&"a".repeat(61)));
    }

    #[test]
    fn dois_follow_crossref_pattern() {
        assert!(crossref_doi("10.1000/182"));
        assert!(!crossref_doi("10.1000.5/182"));
        assert!(!crossref_doi("10.100/182"));
        assert!(!crossref_doi(&format!("10.1000/{}", "x".repeat(201))));
    }

    #[test]
    fn templates_percent_encode_the_doi() {
        assert_eq!(
            fill_template("https://j.example/a/{doi}", "10.1000/a<b>"),
            "https://j.example/a/10.1000/a%3Cb%3E"
        );
        assert!(is_http_url("https://j.example/x"));
        assert!(!is_http_url("https:///x"));
        assert!(!is_http_url("ftp://j.example/x"));
    }

    #[test]
    fn options_are_checked() {
        let mut o = Options {
            depositor_name: "Press".into(),
            depositor_email: "deposits@press.example".into(),
            registrant: "Press".into(),
            ..Options::default()
        };
        assert_eq!(o.check(), Ok(()));
        o.resource_url = Some("https://press.example/a/".into());
        assert!(o.check().unwrap_err().contains("{doi}"));
        o.resource_url = None;
        o.timestamp = Some("2026-12-07".into());
        assert!(o.check().unwrap_err().contains("--timestamp"));
        o.timestamp = None;
        o.depositor_email = "nobody".into();
        assert!(o.check().is_err());
        o.depositor_email = String::new();
        assert!(o.check().unwrap_err().contains("--depositor-email"));
    }
}
