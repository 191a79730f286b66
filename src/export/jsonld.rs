//! JSON-LD export: schema.org `ScholarlyArticle` nodes in one document with an `@graph`.
//!
//! A batch is one document, streamed: the first record starts it with the opening
//! `{"@context": "https://schema.org", "@graph": [`, each [`Exporter::push`] appends one
//! article node, and [`Exporter::finish`] appends the journals' `Periodical` nodes (each
//! once, however many articles point at it) and closes the document. Nothing is fetched;
//! the context is the plain `https://schema.org` IRI.
//!
//! # An article node
//!
//! ```json
//! {
//!   "@type": "ScholarlyArticle",
//!   "@id": "https://doi.org/10.1234/abc",
//!   "name": "Main title",
//!   "headline": "Main title",
//!   "alternativeHeadline": "Subtitle",
//!   "alternateName": [{"@value": "Titre traduit", "@language": "fr"}],
//!   "author": [
//!     {"@type": "Person", "@id": "https://orcid.org/0000-0002-1825-0097",
//!      "name": "Ada Lovelace", "givenName": "Ada", "familyName": "Lovelace",
//!      "email": "ada@example.org", "jobTitle": "Professor",
//!      "identifier": {"@type": "PropertyValue", "propertyID": "ORCID",
//!                     "value": "0000-0002-1825-0097"},
//!      "affiliation": [{"@type": "Organization", "name": "University of X",
//!                       "address": {"@type": "PostalAddress",
//!                                   "addressLocality": "London", "addressCountry": "GB"}}]},
//!     {"@type": "Organization", "name": "TEI Consortium"}
//!   ],
//!   "keywords": ["streams", "metadata"],
//!   "about": [{"@type": "DefinedTerm", "name": "info.info-dl",
//!              "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "halDomain"}}],
//!   "abstract": "The main abstract.",
//!   "inLanguage": "en",
//!   "datePublished": "2019-09-30",
//!   "pageStart": "45",
//!   "pageEnd": "78",
//!   "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/abc"},
//!   "url": "https://example.org/article/1",
//!   "sameAs": "https://doi.org/10.1234/abc",
//!   "publisher": {"@type": "Organization", "name": "Publisher"},
//!   "isPartOf": {"@type": "PublicationIssue", "issueNumber": "3",
//!                "isPartOf": {"@type": "PublicationVolume", "volumeNumber": "12",
//!                             "isPartOf": {"@id": "urn:issn:1234-5679"}}}
//! }
//! ```
//!
//! - Absent values leave their property out; so do empty lists.
//! - `name` and `headline` hold the main title, `alternativeHeadline` the first subtitle,
//!   `alternateName` every other title (language-tagged when its `xml:lang` is a
//!   well-formed language tag).
//! - `author` is a plain array (an unordered set in RDF), or `{"@list": [...]}` with
//!   [`Options::ordered_authors`]. A person's ORCID becomes its `@id` when it is
//!   well-formed (four groups, right check digit), and is always given as an `identifier`.
//!   A corporate author is an `Organization`.
//! - `keywords` holds the author keywords as strings; classification terms (HAL domains,
//!   subject codes) go to `about` as `DefinedTerm`s, with their scheme as a
//!   `DefinedTermSet`.
//! - `abstract` is the main abstract as a string when the article has one abstract; with
//!   several, it is an array of every abstract, the main one first, each language-tagged
//!   when its language is known.
//! - The DOI becomes the node's `@id` (`https://doi.org/…`, percent-encoded where an IRI
//!   needs it) when it is well-formed (`10.NNNN/…`), and is always an `identifier`.
//!   Articles that share a DOI therefore merge into one node in RDF, as they should.
//! - `datePublished` is the date in ISO 8601 (`2010-07-01`, `2010-07`, `2010`), read by
//!   [`crate::ids::date::iso`]; a date it cannot read unambiguously (`01/07/2010`,
//!   `Spring 2019`) is left out, and `convert` prints a note.
//! - `url` is written only when it is an absolute IRI (schema.org makes `url` an IRI, and
//!   a relative one would silently disappear).
//! - `isPartOf` nests `PublicationIssue` → `PublicationVolume` → the `Periodical`,
//!   skipping the levels that are absent; with no journal, the book or proceedings (the
//!   model's `container`) stands in its place as a `Book`: its `name`, its DOI as
//!   `identifier` and, when well-formed, as its `@id` and `sameAs` (`https://doi.org/…`),
//!   its editors as `editor`, and the book series (`series`, e.g. LNCS) as its
//!   `isPartOf` `BookSeries` with the series editors. With neither journal nor book, the
//!   `BookSeries` alone. It is left out when there is neither issue, volume, journal,
//!   book nor series. (An article in a journal that also names a book or a book series
//!   keeps the journal; the book and series names are then not written.)
//! - `editor`: the editors of the work itself (`titleStmt/editor`). The book's editors go
//!   to the `Book`, the series editors to the `BookSeries`, or, for an article in a
//!   journal, to the journal's `Periodical` node (each once); the book's editors of an
//!   article in a journal, and editors whose book or series is not written, stay on the
//!   article. No editor is left out.
//! - `recordedAt`: the conference or meeting the work was given at, an `Event` with its
//!   `name`, `startDate` and `endDate` (ISO 8601, left out when they cannot be read
//!   unambiguously) and `location` (a `Place` by name). (`about` keeps the
//!   classification terms.)
//! - A person's names in other scripts or languages are `alternateName`s, language-tagged
//!   when the tag is well-formed (family name first for Chinese, Japanese, Korean and
//!   Vietnamese when only the parts are known). Person identifiers other than the ORCID
//!   (IdRef, VIAF, ISNI, GND, HAL …) are further `identifier`s, and `sameAs` links where
//!   the registry has URLs.
//! - An affiliation encoded as a hierarchy (laboratory, department, institution …) is
//!   the innermost level, each level's `parentOrganization` the next; each level has its
//!   other-language names as `alternateName`, its identifiers (ROR, IdRef, GRID, HAL
//!   structure …) as `identifier`, and their URLs (a ROR's `https://ror.org/…`) as
//!   `sameAs`. A flat affiliation is one `Organization` named by its text.
//! - The DOI is written in NFKC form everywhere ([`crate::ids::doi::nfkc`]: a ligature
//!   copied out of a PDF becomes plain letters), and its link is also `sameAs`, as search
//!   engines read it.
//!
//! # Periodical nodes
//!
//! ```json
//! {"@type": "Periodical", "@id": "urn:issn:1234-5679", "name": "Journal",
//!  "issn": ["1234-5679", "2345-6789"]}
//! ```
//!
//! Articles of one journal share one node. Its id is `urn:issn:` and the first
//! well-formed ISSN seen for it (print before electronic), in its canonical form
//! `NNNN-NNNC` (a file may write `18605974`); an article whose ISSN (print or electronic)
//! is already known joins that node, and its other ISSNs are added to it. `issn` lists
//! every ISSN as written.
//! A journal without a well-formed ISSN gets a blank node id made from its name
//! (`_:periodical-<slug>-<hash>`), shared by every article that names the journal the
//! same way (ignoring case). Names other than the first become `alternateName`s.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::Exporter;
use crate::ids::{Doi, Issn, LanguageTag, Orcid};
use crate::model::{
    Affiliation, AltName, Article, Author, EditorOf, Event, Keyword, OrgUnit, Text,
};
use crate::Document;

/// The JSON-LD context of every document.
pub const CONTEXT: &str = "https://schema.org";

/// The JSON-LD options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Write authors as an ordered `@list` rather than a plain (unordered) array.
    pub ordered_authors: bool,
}

/// One article node, rendered but for its `isPartOf` (whose periodical id depends on the
/// articles before).
#[derive(Debug, Clone)]
pub struct Node {
    /// The node's text, indented for the `@graph`, without `isPartOf`; it ends with the
    /// node's closing brace.
    text: String,
    /// Issue, volume and the book (or book series) node, for `isPartOf`.
    issue: Option<String>,
    volume: Option<String>,
    container: Option<serde_json::Value>,
    /// Editors of the journal (the series editors of an article in a journal), for its
    /// Periodical node.
    journal_editors: Vec<serde_json::Value>,
    /// The article's journal, to find or make its Periodical node.
    journal: Journal,
}

/// What identifies an article's journal.
#[derive(Debug, Clone, Default)]
struct Journal {
    /// Its name, when not empty.
    name: Option<String>,
    /// Print and electronic ISSN as written, the empty ones left out.
    issns: Vec<String>,
    /// The well-formed ones among them, canonical, without repeats.
    valid: Vec<String>,
}

impl super::Render for Options {
    type Piece = Node;

    fn render(&self, doc: &Document) -> Node {
        let a = &doc.article;
        let mut text = String::with_capacity(4096);
        text.push_str(GRAPH_INDENT);
        let node = article_node(a, self);
        pretty(&mut text, &node, 0);
        let issns: Vec<String> = [&a.issn, &a.eissn]
            .into_iter()
            .flatten()
            .map(|t| t.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let mut valid: Vec<String> = Vec::new();
        for canonical in issns
            .iter()
            .filter_map(|s| Issn::parse(s).ok().map(|i| i.canonical()))
        {
            if !valid.contains(&canonical) {
                valid.push(canonical);
            }
        }
        let journal_editors = if has_journal(a) {
            editors_of(a, EditorOf::Series)
                .iter()
                .map(|e| serde_json::to_value(e).expect("an editor serialises"))
                .collect()
        } else {
            Vec::new()
        };
        Node {
            text,
            issue: s(&a.issue).map(str::to_string),
            volume: s(&a.volume).map(str::to_string),
            container: book_node(a),
            journal_editors,
            journal: Journal {
                name: s(&a.journal).map(str::to_string),
                issns,
                valid,
            },
        }
    }
}

/// Each node of the `@graph` starts on its own line, indented by four spaces.
const GRAPH_INDENT: &str = "    ";

/// Appends `value` pretty-printed (two-space indent) to `out`, as if `level` levels
/// deep inside a node of the `@graph`.
fn pretty(out: &mut String, value: &impl Serialize, level: usize) {
    let mut bytes = std::mem::take(out).into_bytes();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut bytes,
        Indented {
            level,
            has_value: false,
        },
    );
    value.serialize(&mut ser).expect("a node always serialises");
    *out = String::from_utf8(bytes).expect("serde_json writes UTF-8");
}

/// serde_json's pretty formatter, with every line indented for the `@graph`.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(GRAPH_INDENT.as_bytes())?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One JSON-LD document with an `@graph` of schema.org nodes (see the module docs),
/// written to `W`.
pub struct JsonLd<W> {
    out: W,
    options: Options,
    /// The journals met so far, in order of first appearance.
    periodicals: Vec<PeriodicalNode>,
    /// Well-formed ISSN (upper case) → index in `periodicals`.
    by_issn: HashMap<String, usize>,
    /// Lower-cased journal name → index in `periodicals`, for journals without an ISSN.
    by_name: HashMap<String, usize>,
    begun: bool,
    /// True once a node has been written (the next one needs a comma).
    nodes: bool,
}

impl<W: Write> JsonLd<W> {
    /// A JSON-LD exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        JsonLd {
            out,
            options,
            periodicals: Vec::new(),
            by_issn: HashMap::new(),
            by_name: HashMap::new(),
            begun: false,
            nodes: false,
        }
    }

    fn begin(&mut self) -> io::Result<()> {
        if self.begun {
            return Ok(());
        }
        self.begun = true;
        write!(
            self.out,
            "{{\n  \"@context\": {},\n  \"@graph\": [",
            serde_json::to_string(CONTEXT)?
        )
    }

    /// Starts a node of the `@graph` (its text follows, indentation included).
    fn next_node(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.nodes { b",\n" } else { b"\n" })?;
        self.nodes = true;
        Ok(())
    }

    /// A new Periodical node with `id` and nothing else yet; its index.
    fn new_periodical(&mut self, id: String) -> usize {
        self.periodicals.push(PeriodicalNode {
            id,
            name: None,
            other_names: Vec::new(),
            issns: Vec::new(),
            editors: Vec::new(),
        });
        self.periodicals.len() - 1
    }

    /// The index of the Periodical node known by `key` (a lowercased name), a new node
    /// with the blank-node id of `id_of` when there is none yet.
    fn periodical_by_name(&mut self, key: String, id_of: &str) -> usize {
        match self.by_name.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.new_periodical(blank_id(id_of));
                self.by_name.insert(key, i);
                i
            }
        }
    }

    /// The id of the Periodical node for `journal`, creating or extending the node;
    /// `None` when the article names no journal and gives no ISSN.
    fn periodical(&mut self, journal: &Journal, editors: &[serde_json::Value]) -> Option<String> {
        let issns = &journal.issns;
        let name = journal.name.as_deref();
        let valid = &journal.valid;
        let index = if let Some(first) = valid.first() {
            let known = valid.iter().find_map(|v| self.by_issn.get(v).copied());
            let index = known.unwrap_or_else(|| self.new_periodical(format!("urn:issn:{first}")));
            for v in valid {
                self.by_issn.entry(v.clone()).or_insert(index);
            }
            index
        } else if let Some(name) = name {
            self.periodical_by_name(name.to_lowercase(), name)
        } else if !issns.is_empty() {
            // Only malformed ISSNs and no name: still a journal, keyed by its ISSN text.
            let key = issns.join(" ");
            let key_lower = format!("issn {}", key.to_lowercase());
            self.periodical_by_name(key_lower.clone(), &key_lower)
        } else {
            return None;
        };
        let node = &mut self.periodicals[index];
        if let Some(name) = name {
            match &node.name {
                None => node.name = Some(name.to_string()),
                Some(n) if n == name => {}
                Some(_) => {
                    if !node.other_names.iter().any(|o| o == name) {
                        node.other_names.push(name.to_string());
                    }
                }
            }
        }
        for issn in issns {
            if !node.issns.iter().any(|i| i == issn) {
                node.issns.push(issn.clone());
            }
        }
        for editor in editors {
            if !node.editors.contains(editor) {
                node.editors.push(editor.clone());
            }
        }
        Some(node.id.clone())
    }
}

impl<W: Write> Exporter for JsonLd<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, node: Node) -> io::Result<()> {
        self.begin()?;
        let periodical = self.periodical(&node.journal, &node.journal_editors);
        let part = part_of(
            node.issue.as_deref(),
            node.volume.as_deref(),
            periodical,
            node.container,
        );
        self.next_node()?;
        let Some(part) = part else {
            return self.out.write_all(node.text.as_bytes());
        };
        // `isPartOf` is the node's last property: it goes before the closing brace.
        let close = format!("\n{GRAPH_INDENT}}}");
        let text = node.text.strip_suffix(&close).unwrap_or(&node.text);
        let mut tail = format!(",\n{GRAPH_INDENT}  \"isPartOf\": ");
        pretty(&mut tail, &part, 1);
        tail.push_str(&close);
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(tail.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<W> {
        self.begin()?;
        let periodicals = std::mem::take(&mut self.periodicals);
        for p in &periodicals {
            let node = Periodical {
                kind: "Periodical",
                id: &p.id,
                name: p.name.as_deref(),
                alternate_name: p.other_names.iter().map(String::as_str).collect(),
                issn: p.issns.iter().map(String::as_str).collect(),
                editor: &p.editors,
            };
            let mut text = String::from(GRAPH_INDENT);
            pretty(&mut text, &node, 0);
            self.next_node()?;
            self.out.write_all(text.as_bytes())?;
        }
        self.out
            .write_all(if self.nodes { b"\n  ]\n}\n" } else { b"]\n}\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A journal collected while articles are written; emitted once by `finish`.
struct PeriodicalNode {
    id: String,
    name: Option<String>,
    other_names: Vec<String>,
    issns: Vec<String>,
    /// The journal's editors, each once.
    editors: Vec<serde_json::Value>,
}

// ---- wire format: private serde structs -------------------------------------------------

/// A string, or a language-tagged string.
#[derive(Serialize)]
#[serde(untagged)]
enum Lit<'a> {
    Plain(&'a str),
    Tagged {
        #[serde(rename = "@value")]
        value: &'a str,
        #[serde(rename = "@language")]
        language: &'a str,
    },
}

impl<'a> Lit<'a> {
    fn new(value: &'a str, lang: Option<&'a str>) -> Self {
        match lang
            .and_then(|l| LanguageTag::parse(l).ok())
            .map(|l| l.as_str())
        {
            Some(language) => Lit::Tagged { value, language },
            None => Lit::Plain(value),
        }
    }
}

/// One value or several: a single value is written bare, several as an array.
#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// A plain array, or an ordered `@list`.
#[derive(Serialize)]
#[serde(untagged)]
enum Authors<'a> {
    Set(Vec<AuthorNode<'a>>),
    List {
        #[serde(rename = "@list")]
        list: Vec<AuthorNode<'a>>,
    },
}

/// A reference to a node written elsewhere in the graph.
#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'a str,
    value: std::borrow::Cow<'a, str>,
}

impl<'a> PropertyValue<'a> {
    fn new(property_id: &'a str, value: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        PropertyValue {
            kind: "PropertyValue",
            property_id,
            value: value.into(),
        }
    }
}

#[derive(Serialize)]
struct ArticleNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(
        rename = "alternativeHeadline",
        skip_serializing_if = "Option::is_none"
    )]
    alternative_headline: Option<&'a str>,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<Lit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Authors<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<AuthorNode<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Term<'a>>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_: Option<OneOrMany<Lit<'a>>>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "pageStart", skip_serializing_if = "Option::is_none")]
    page_start: Option<&'a str>,
    #[serde(rename = "pageEnd", skip_serializing_if = "Option::is_none")]
    page_end: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<PropertyValue<'a>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<OrgNode<'a>>,
    #[serde(rename = "recordedAt", skip_serializing_if = "Option::is_none")]
    recorded_at: Option<EventNode<'a>>,
    // `isPartOf` comes last, added in order by `JsonLd::push`.
}

/// The conference or meeting the work was given at.
#[derive(Serialize)]
struct EventNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<PlaceNode<'a>>,
}

#[derive(Serialize)]
struct PlaceNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The book or proceedings a work is part of, and the series it belongs to.
#[derive(Serialize)]
struct BookNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<PropertyValue<'a>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<AuthorNode<'a>>,
    #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
    is_part_of: Option<Box<BookNode<'a>>>,
}

/// A Person or an Organization in the byline.
#[derive(Serialize)]
struct AuthorNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "givenName", skip_serializing_if = "Option::is_none")]
    given_name: Option<&'a str>,
    #[serde(rename = "familyName", skip_serializing_if = "Option::is_none")]
    family_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<LitOwned<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<OneOrMany<PropertyValue<'a>>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    affiliation: Vec<OrgNode<'a>>,
}

/// A string made for the node (a name joined from its parts), language-tagged or not.
#[derive(Serialize)]
#[serde(untagged)]
enum LitOwned<'a> {
    Plain(String),
    Tagged {
        #[serde(rename = "@value")]
        value: String,
        #[serde(rename = "@language")]
        language: &'a str,
    },
}

#[derive(Serialize)]
struct OrgNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<Lit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<OneOrMany<PropertyValue<'a>>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Address<'a>>,
    #[serde(rename = "parentOrganization", skip_serializing_if = "Option::is_none")]
    parent_organization: Option<Box<OrgNode<'a>>>,
}

impl<'a> OrgNode<'a> {
    fn named(name: &'a str) -> Self {
        OrgNode {
            kind: "Organization",
            name,
            alternate_name: Vec::new(),
            identifier: None,
            same_as: Vec::new(),
            address: None,
            parent_organization: None,
        }
    }
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressLocality", skip_serializing_if = "Option::is_none")]
    locality: Option<&'a str>,
    #[serde(rename = "addressCountry", skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
}

#[derive(Serialize)]
struct Term<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "inDefinedTermSet", skip_serializing_if = "Option::is_none")]
    set: Option<TermSet<'a>>,
}

#[derive(Serialize)]
struct TermSet<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// What an article is part of: an issue, a volume, or the journal itself.
#[derive(Serialize)]
#[serde(untagged)]
enum PartOf<'a> {
    Issue {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "issueNumber")]
        issue_number: &'a str,
        #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
        is_part_of: Option<Box<PartOf<'a>>>,
    },
    Volume {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "volumeNumber")]
        volume_number: &'a str,
        #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
        is_part_of: Option<Box<PartOf<'a>>>,
    },
    Periodical(Ref),
    /// The book or proceedings a chapter or paper is part of (or its book series), when
    /// no journal is known: a rendered [`BookNode`].
    Book(serde_json::Value),
}

#[derive(Serialize)]
struct Periodical<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    issn: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    editor: &'a [serde_json::Value],
}

// ---- building the nodes -----------------------------------------------------------------

/// The text of an optional value, `None` when absent or empty.
fn s(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.as_str()).filter(|v| !v.is_empty())
}

/// The article's node but its `isPartOf` (see [`part_of`]).
fn article_node<'a>(a: &'a Article, options: &Options) -> ArticleNode<'a> {
    let title = a.title().map(|t| t.as_str()).filter(|v| !v.is_empty());
    let subtitle_text = a.subtitle();
    let main_title = a.title();
    let is = |t: &Text, other: Option<&Text>| other.is_some_and(|o| std::ptr::eq(t, o));
    let alternate_name = a
        .titles
        .iter()
        .filter(|t| !is(&t.text, main_title) && !is(&t.text, subtitle_text))
        .filter(|t| !t.text.as_str().is_empty())
        .map(|t| Lit::new(t.text.as_str(), t.lang.as_deref()))
        .collect();

    let people: Vec<AuthorNode<'a>> = a.authors.iter().map(author_node).collect();
    let author = match (people.is_empty(), options.ordered_authors) {
        (true, _) => None,
        (false, false) => Some(Authors::Set(people)),
        (false, true) => Some(Authors::List { list: people }),
    };

    let keywords = a
        .author_keywords()
        .map(|k| k.text.as_str())
        .filter(|k| !k.is_empty())
        .collect();
    let about = a
        .keywords
        .iter()
        .filter(|k| !k.author && !k.text.as_str().is_empty())
        .map(term)
        .collect();

    let abstracts: Vec<_> = a
        .abstracts
        .iter()
        .filter(|x| !x.text.as_str().is_empty())
        .collect();
    let abstract_ = match abstracts.len() {
        0 => None,
        1 => Some(OneOrMany::One(Lit::Plain(abstracts[0].text.as_str()))),
        _ => {
            let main = a.main_abstract();
            let mut all: Vec<_> = abstracts.clone();
            // The main abstract first, then the others in document order.
            all.sort_by_key(|x| !main.is_some_and(|m| std::ptr::eq(*x, m)));
            Some(OneOrMany::Many(
                all.into_iter()
                    .map(|x| Lit::new(x.text.as_str(), x.lang.as_deref()))
                    .collect(),
            ))
        }
    };

    let doi = s(&a.doi).map(nfkc);
    let doi_url = doi
        .as_deref()
        .and_then(|d| Doi::parse(d).ok())
        .map(|d| d.url());
    // Editors of the book go with the Book, series editors with the BookSeries or the
    // journal, when those nodes are written; the others stay with the article.
    let journal = has_journal(a);
    let mut editor = editors_of(a, EditorOf::Work);
    if s(&a.container).is_none() || journal {
        editor.extend(editors_of(a, EditorOf::Container));
    }
    if s(&a.series).is_none() && !journal {
        editor.extend(editors_of(a, EditorOf::Series));
    }
    ArticleNode {
        kind: "ScholarlyArticle",
        id: doi_url.clone(),
        name: title,
        headline: title,
        alternative_headline: subtitle_text.map(|t| t.as_str()).filter(|v| !v.is_empty()),
        alternate_name,
        author,
        editor,
        keywords,
        about,
        abstract_,
        in_language: s(&a.language),
        date_published: s(&a.date).and_then(crate::ids::date::iso),
        page_start: s(&a.first_page),
        page_end: s(&a.last_page),
        identifier: doi.map(|value| PropertyValue::new("DOI", value)),
        same_as: doi_url,
        url: s(&a.url).and_then(absolute_iri),
        publisher: s(&a.publisher).map(OrgNode::named),
        recorded_at: a.event.as_ref().and_then(event_node),
    }
}

/// True when the article names a journal or gives an ISSN: it is then part of the
/// journal's Periodical node, and no Book or BookSeries is written.
fn has_journal(a: &Article) -> bool {
    s(&a.journal).is_some() || s(&a.issn).is_some() || s(&a.eissn).is_some()
}

/// The DOI in NFKC form (see [`crate::ids::doi::nfkc`]).
fn nfkc(doi: &str) -> std::borrow::Cow<'_, str> {
    crate::ids::doi::nfkc(doi)
}

/// The nodes of the editors of `what`, in document order.
fn editors_of(a: &Article, what: EditorOf) -> Vec<AuthorNode<'_>> {
    a.editors
        .iter()
        .filter(|e| e.of == what)
        .map(|e| author_node(&e.person))
        .collect()
}

/// The event node, when the event has a name, a day or a place.
fn event_node(e: &Event) -> Option<EventNode<'_>> {
    let node = EventNode {
        kind: "Event",
        name: Some(e.name.as_str()).filter(|n| !n.is_empty()),
        start_date: e.start.as_deref().and_then(crate::ids::date::iso),
        end_date: e.end.as_deref().and_then(crate::ids::date::iso),
        location: e
            .place
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|name| PlaceNode {
                kind: "Place",
                name,
            }),
    };
    let empty = node.name.is_none()
        && node.start_date.is_none()
        && node.end_date.is_none()
        && node.location.is_none();
    (!empty).then_some(node)
}

/// The Book node of the article's container (with its DOI and editors, and its book
/// series), or the BookSeries alone when there is no container; `None` when there is
/// neither, or when the article is in a journal (which wins).
fn book_node(a: &Article) -> Option<serde_json::Value> {
    if has_journal(a) {
        return None; // the journal is what the article is part of
    }
    let series = s(&a.series).map(|name| BookNode {
        kind: "BookSeries",
        id: None,
        name: Some(name),
        identifier: None,
        same_as: None,
        editor: editors_of(a, EditorOf::Series),
        is_part_of: None,
    });
    let node = match s(&a.container) {
        Some(name) => {
            let doi = s(&a.container_doi).map(nfkc);
            let url = doi
                .as_deref()
                .and_then(|d| Doi::parse(d).ok())
                .map(|d| d.url());
            BookNode {
                kind: "Book",
                id: url.clone(),
                name: Some(name),
                identifier: doi.map(|d| PropertyValue::new("DOI", d)),
                same_as: url,
                editor: editors_of(a, EditorOf::Container),
                is_part_of: series.map(Box::new),
            }
        }
        None => series?,
    };
    Some(serde_json::to_value(node).expect("a book node serialises"))
}

fn part_of<'a>(
    issue: Option<&'a str>,
    volume: Option<&'a str>,
    periodical: Option<String>,
    container: Option<serde_json::Value>,
) -> Option<PartOf<'a>> {
    let journal = periodical
        .map(|id| PartOf::Periodical(Ref { id }))
        .or_else(|| container.map(PartOf::Book));
    let volume = match volume {
        Some(v) => Some(PartOf::Volume {
            kind: "PublicationVolume",
            volume_number: v,
            is_part_of: journal.map(Box::new),
        }),
        None => journal,
    };
    match issue {
        Some(i) => Some(PartOf::Issue {
            kind: "PublicationIssue",
            issue_number: i,
            is_part_of: volume.map(Box::new),
        }),
        None => volume,
    }
}

fn author_node(au: &Author) -> AuthorNode<'_> {
    let affiliation = au.affiliations.iter().filter_map(org_of).collect();
    let given = s(&au.forename);
    let family = s(&au.surname);
    let name = s(&au.name)
        .map(str::to_string)
        .or_else(|| match (given, family) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (g, f) => g.or(f).map(str::to_string),
        });
    let orcid = s(&au.orcid);
    let alternate_name = au.alternate_names.iter().filter_map(alt_name).collect();
    if au.organization {
        return AuthorNode {
            kind: "Organization",
            id: None,
            name: name.or_else(|| family.map(str::to_string)),
            given_name: None,
            family_name: None,
            email: s(&au.email),
            job_title: None,
            alternate_name,
            identifier: None,
            same_as: Vec::new(),
            affiliation: Vec::new(),
        };
    }
    let mut ids: Vec<PropertyValue<'_>> = orcid
        .map(|value| PropertyValue::new("ORCID", value))
        .into_iter()
        .collect();
    let mut same_as = Vec::new();
    for id in &au.ids {
        if id.scheme == "orcid" && orcid.is_some() {
            continue;
        }
        if id.value.trim().is_empty() {
            continue;
        }
        ids.push(PropertyValue::new(
            scheme_name(&id.scheme),
            id.value.as_str(),
        ));
        if let Some(url) = id_url(&id.scheme, &id.value) {
            if !same_as.contains(&url) {
                same_as.push(url);
            }
        }
    }
    AuthorNode {
        kind: "Person",
        id: orcid.and_then(|o| Orcid::parse(o).ok()).map(|o| o.url()),
        name,
        given_name: given,
        family_name: family,
        email: s(&au.email),
        job_title: s(&au.role),
        alternate_name,
        identifier: one_or_many(ids),
        same_as,
        affiliation,
    }
}

/// One value bare, several as an array, none as `None`.
fn one_or_many<T>(mut v: Vec<T>) -> Option<OneOrMany<T>> {
    match v.len() {
        0 => None,
        1 => v.pop().map(OneOrMany::One),
        _ => Some(OneOrMany::Many(v)),
    }
}

/// A person's name in another script or language, tagged with its language when that is
/// a well-formed tag (see [`alt_name_text`]).
fn alt_name(alt: &AltName) -> Option<LitOwned<'_>> {
    let value = alt_name_text(alt)?;
    let lang = alt
        .lang
        .as_deref()
        .and_then(|l| LanguageTag::parse(l).ok())
        .map(|l| l.as_str());
    Some(match lang {
        Some(language) => LitOwned::Tagged { value, language },
        None => LitOwned::Plain(value),
    })
}

/// The text of a name in another script or language: its one-string form, else its parts
/// joined, family name first for Chinese, Japanese, Korean and Vietnamese (by the
/// language's primary subtag), given name first otherwise; `None` when it has no text.
pub(crate) fn alt_name_text(alt: &AltName) -> Option<String> {
    fn part(p: &Option<String>) -> Option<&str> {
        p.as_deref().map(str::trim).filter(|p| !p.is_empty())
    }
    if let Some(n) = part(&alt.name) {
        return Some(n.to_string());
    }
    let primary = alt
        .lang
        .as_deref()
        .and_then(|l| l.split(['-', '_']).next())
        .unwrap_or("")
        .to_ascii_lowercase();
    let family_first = ["zh", "ja", "ko", "vi"].contains(&primary.as_str());
    let (g, f) = (part(&alt.forename), part(&alt.surname));
    let ordered = if family_first { [f, g] } else { [g, f] };
    let parts: Vec<&str> = ordered.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The `propertyID` of an identifier scheme: the registry's own spelling for the known
/// ones, else the scheme as the model gives it.
fn scheme_name(scheme: &str) -> &str {
    match scheme {
        "orcid" => "ORCID",
        "ror" => "ROR",
        "grid" => "GRID",
        "idref" => "IdRef",
        "viaf" => "VIAF",
        "isni" => "ISNI",
        "gnd" => "GND",
        "halauthorid" => "HAL author",
        "halstructure" => "HAL structure",
        other => other,
    }
}

/// The resolvable URL of an identifier, for `sameAs`: the value itself when it is an
/// absolute `http(s)` IRI, else the registry's URL for ROR, IdRef, VIAF, ISNI, GND and
/// ORCID; `None` for other schemes (GRID's site is gone) and for values with spaces.
fn id_url(scheme: &str, value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return absolute_iri(value);
    }
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let base = match scheme {
        "ror" => "https://ror.org/",
        "idref" => "https://www.idref.fr/",
        "viaf" => "https://viaf.org/viaf/",
        "isni" => "https://isni.org/isni/",
        "gnd" => "https://d-nb.info/gnd/",
        "orcid" => return Orcid::parse(value).ok().map(|o| o.url()),
        _ => return None,
    };
    if compact.is_empty() || (scheme != "isni" && compact.len() != value.len()) {
        return None;
    }
    absolute_iri(&format!("{base}{compact}"))
}

fn org_of(af: &Affiliation) -> Option<OrgNode<'_>> {
    let locality = af.settlement.as_deref().filter(|v| !v.is_empty());
    let country = af.country.as_deref().filter(|v| !v.is_empty());
    let address = (locality.is_some() || country.is_some()).then_some(Address {
        kind: "PostalAddress",
        locality,
        country,
    });
    // A hierarchy: the innermost level, each level's parent as its parentOrganization.
    let mut chain = af.units.iter().rev().filter_map(unit_node);
    if let Some(outermost) = chain.next() {
        let mut node = chain.fold(outermost, |parent, mut child| {
            child.parent_organization = Some(Box::new(parent));
            child
        });
        node.address = address;
        return Some(node);
    }
    let name = af.text.as_str();
    let name = if name.is_empty() {
        af.institution.as_deref().filter(|n| !n.is_empty())?
    } else {
        name
    };
    Some(OrgNode {
        address,
        ..OrgNode::named(name)
    })
}

/// One level of an affiliation: its primary name, its other names (language-tagged), its
/// identifiers (`identifier`, and `sameAs` where they resolve); `None` without a name.
fn unit_node(unit: &OrgUnit) -> Option<OrgNode<'_>> {
    let mut names = unit.names.iter().filter(|n| !n.text.trim().is_empty());
    let name = names.next()?.text.as_str();
    let ids = unit
        .ids
        .iter()
        .filter(|id| !id.value.trim().is_empty())
        .map(|id| PropertyValue::new(scheme_name(&id.scheme), id.value.as_str()))
        .collect();
    let mut same_as: Vec<String> = Vec::new();
    for url in unit
        .ids
        .iter()
        .filter_map(|id| id_url(&id.scheme, &id.value))
    {
        if !same_as.contains(&url) {
            same_as.push(url);
        }
    }
    Some(OrgNode {
        alternate_name: names
            .map(|n| Lit::new(n.text.as_str(), n.lang.as_deref()))
            .collect(),
        identifier: one_or_many(ids),
        same_as,
        ..OrgNode::named(name)
    })
}

fn term(k: &Keyword) -> Term<'_> {
    Term {
        kind: "DefinedTerm",
        name: k.text.as_str(),
        set: k
            .scheme
            .as_deref()
            .filter(|v| !v.is_empty())
            .map(|name| TermSet {
                kind: "DefinedTermSet",
                name,
            }),
    }
}

// ---- IRIs (identifiers are parsed by crate::ids) ------------------------------------------

/// `url` when it is an absolute IRI (a scheme, then something), with characters that no
/// IRI may hold (spaces, `<>"{}|\^` and backquote, controls) percent-encoded.
fn absolute_iri(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok || rest.trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_control() || c.is_whitespace() || "<>\"{}|\\^`".contains(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// A deterministic blank node id for a journal known only by its name.
fn blank_id(name: &str) -> String {
    // Accents dropped (NFD, then no combining marks) so `Vétérinaire` reads `veterinaire`.
    let slug: String = name
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.to_lowercase().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    if slug.is_empty() {
        format!("_:periodical-{:08x}", hash as u32)
    } else {
        format!("_:periodical-{slug}-{:08x}", hash as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Title;
    use serde_json::{json, Value};

    fn t(s: &str) -> Text {
        Text::new(s.to_string(), Default::default())
    }

    fn run(options: Options, articles: Vec<Article>) -> Value {
        let out = crate::export::export_articles(JsonLd::new(Vec::new(), options), articles);
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn nodes_are_pretty_printed_at_their_graph_indentation() {
        let value = json!({
            "a": [1, {"b": [], "c": {}}, [[]]],
            "d": {"e": "f\ng", "h": [{"i": null}]},
            "j": []
        });
        // What serde_json's pretty printer writes, each line indented by four spaces.
        let plain = serde_json::to_string_pretty(&value).unwrap();
        let expected: Vec<String> = plain.lines().map(|l| format!("    {l}")).collect();
        let mut text = String::from(GRAPH_INDENT);
        pretty(&mut text, &value, 0);
        assert_eq!(text, expected.join("\n"));
        // One level down, as `isPartOf` is written inside a node.
        let mut inner = String::new();
        pretty(&mut inner, &value, 1);
        let nested = serde_json::to_string_pretty(&json!({ "x": value })).unwrap();
        let plain_inner = nested
            .strip_prefix("{\n  \"x\": ")
            .and_then(|v| v.strip_suffix("\n}"))
            .unwrap();
        let expected_inner: Vec<String> = plain_inner
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.to_string()
                } else {
                    format!("    {l}")
                }
            })
            .collect();
        assert_eq!(inner, expected_inner.join("\n"));
    }

    #[test]
    fn dates_are_iso_or_left_out() {
        let dated = |date: &str| Article {
            date: Some(t(date)),
            ..Default::default()
        };
        let v = run(
            Options::default(),
            vec![dated("2 févr. 2019"), dated("01/07/2010"), dated("2019")],
        );
        assert_eq!(v["@graph"][0]["datePublished"], "2019-02-02");
        assert!(v["@graph"][1].get("datePublished").is_none(), "ambiguous");
        assert_eq!(v["@graph"][2]["datePublished"], "2019");
    }

    #[test]
    fn an_empty_batch_is_an_empty_graph() {
        let v = run(Options::default(), vec![]);
        assert_eq!(v, json!({"@context": "https://schema.org", "@graph": []}));
    }

    #[test]
    fn articles_of_one_journal_share_one_periodical_node() {
        let a = Article {
            titles: vec![Title {
                text: t("One"),
                ..Default::default()
            }],
            journal: Some(t("Procedia")),
            issn: Some(t("1878-0296")),
            volume: Some(t("9")),
            ..Default::default()
        };
        // Knows only the electronic ISSN, under another spelling of the name.
        let b = Article {
            journal: Some(t("Procedia Env. Sci.")),
            issn: Some(t("1878-0296")),
            eissn: Some(t("2434-561X")),
            issue: Some(t("2")),
            ..Default::default()
        };
        let c = Article {
            journal: Some(t("No ISSN Review")),
            ..Default::default()
        };
        let d = Article {
            journal: Some(t("no issn review")),
            ..Default::default()
        };
        let v = run(Options::default(), vec![a, b, c, d]);
        let graph = v["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 6, "four articles and two journals");
        let periodicals: Vec<&Value> = graph
            .iter()
            .filter(|n| n["@type"] == "Periodical")
            .collect();
        assert_eq!(periodicals[0]["@id"], "urn:issn:1878-0296");
        assert_eq!(periodicals[0]["issn"], json!(["1878-0296", "2434-561X"]));
        assert_eq!(periodicals[0]["name"], "Procedia");
        assert_eq!(
            periodicals[0]["alternateName"],
            json!(["Procedia Env. Sci."])
        );
        assert!(periodicals[1]["@id"]
            .as_str()
            .unwrap()
            .starts_with("_:periodical-no-issn-review-"));
        assert_eq!(
            graph[0]["isPartOf"],
            json!({"@type": "PublicationVolume", "volumeNumber": "9",
                   "isPartOf": {"@id": "urn:issn:1878-0296"}})
        );
        assert_eq!(
            graph[1]["isPartOf"],
            json!({"@type": "PublicationIssue", "issueNumber": "2",
                   "isPartOf": {"@id": "urn:issn:1878-0296"}})
        );
        assert_eq!(graph[2]["isPartOf"], graph[3]["isPartOf"]);
    }

    #[test]
    fn ordered_authors_are_a_list_and_orcids_are_ids() {
        let a = Article {
            authors: vec![
                Author {
                    forename: Some(t("Ada")),
                    surname: Some(t("Lovelace")),
                    orcid: Some(t("0000-0002-1825-0097")),
                    ..Default::default()
                },
                Author {
                    name: Some(t("TEI Consortium")),
                    organization: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let set = run(Options::default(), vec![a.clone()]);
        let authors = &set["@graph"][0]["author"];
        assert_eq!(authors[0]["@id"], "https://orcid.org/0000-0002-1825-0097");
        assert_eq!(authors[0]["name"], "Ada Lovelace");
        assert_eq!(
            authors[1],
            json!({"@type": "Organization", "name": "TEI Consortium"})
        );
        let list = run(
            Options {
                ordered_authors: true,
            },
            vec![a],
        );
        assert_eq!(list["@graph"][0]["author"]["@list"], *authors);
    }

    #[test]
    fn doi_becomes_the_id_only_when_well_formed() {
        let good = Article {
            doi: Some(t("10.1234/a<b>")),
            ..Default::default()
        };
        let bad = Article {
            doi: Some(t("unknown")),
            ..Default::default()
        };
        let v = run(Options::default(), vec![good, bad]);
        assert_eq!(v["@graph"][0]["@id"], "https://doi.org/10.1234/a%3Cb%3E");
        assert_eq!(v["@graph"][0]["identifier"]["value"], "10.1234/a<b>");
        assert!(v["@graph"][1].get("@id").is_none());
        assert_eq!(v["@graph"][1]["identifier"]["value"], "unknown");
    }

    #[test]
    fn a_chapter_without_a_journal_is_part_of_its_book() {
        let a = Article {
            container: Some(t("Le livre inscriptible")),
            volume: Some(t("3")),
            ..Default::default()
        };
        let v = run(Options::default(), vec![a]);
        assert_eq!(
            v["@graph"][0]["isPartOf"],
            json!({"@type": "PublicationVolume", "volumeNumber": "3",
                   "isPartOf": {"@type": "Book", "name": "Le livre inscriptible"}})
        );
        // A journal, when known, wins over the book.
        let out = super::part_of(
            None,
            None,
            Some("urn:issn:1234-5679".into()),
            Some(json!({"@type": "Book"})),
        );
        assert_eq!(
            serde_json::to_value(out).unwrap(),
            json!({"@id": "urn:issn:1234-5679"})
        );
    }

    fn editor(surname: &str, of: EditorOf) -> crate::model::Editor {
        crate::model::Editor {
            person: Author {
                surname: Some(t(surname)),
                forename: Some(t("E.")),
                ..Default::default()
            },
            of,
            role: None,
        }
    }

    #[test]
    fn a_conference_paper_is_part_of_its_book_and_recorded_at_its_event() {
        let a = Article {
            doi: Some(t("10.5281/zenodo.1\u{FB02}")),
            container: Some(t("Book of Abstracts DH2019")),
            container_doi: Some(t("10.5281/ZENODO.3")),
            series: Some(t("DH Abstracts")),
            editors: vec![
                editor("Work", EditorOf::Work),
                editor("Book", EditorOf::Container),
                editor("Series", EditorOf::Series),
            ],
            event: Some(crate::model::Event {
                name: t("DH2019"),
                start: Some("2019-07-09".into()),
                end: Some("10/07/2019".into()),
                place: Some("Utrecht".into()),
            }),
            ..Default::default()
        };
        let v = run(Options::default(), vec![a]);
        let node = &v["@graph"][0];
        assert_eq!(node["@id"], "https://doi.org/10.5281/zenodo.1fl");
        assert_eq!(node["sameAs"], "https://doi.org/10.5281/zenodo.1fl");
        assert_eq!(node["identifier"]["value"], "10.5281/zenodo.1fl", "NFKC");
        assert_eq!(node["editor"][0]["familyName"], "Work");
        assert_eq!(node["editor"].as_array().unwrap().len(), 1);
        assert_eq!(
            node["recordedAt"],
            json!({"@type": "Event", "name": "DH2019", "startDate": "2019-07-09",
                   "location": {"@type": "Place", "name": "Utrecht"}}),
            "the ambiguous last day is left out"
        );
        let book = &node["isPartOf"];
        assert_eq!(book["@type"], "Book");
        assert_eq!(book["@id"], "https://doi.org/10.5281/ZENODO.3");
        assert_eq!(book["sameAs"], book["@id"]);
        assert_eq!(book["identifier"]["value"], "10.5281/ZENODO.3");
        assert_eq!(book["editor"][0]["familyName"], "Book");
        assert_eq!(book["isPartOf"]["@type"], "BookSeries");
        assert_eq!(book["isPartOf"]["name"], "DH Abstracts");
        assert_eq!(book["isPartOf"]["editor"][0]["familyName"], "Series");
    }

    #[test]
    fn journal_editors_join_the_periodical_node_once() {
        let a = Article {
            journal: Some(t("J")),
            editors: vec![editor("Chief", EditorOf::Series)],
            ..Default::default()
        };
        let v = run(Options::default(), vec![a.clone(), a]);
        let graph = v["@graph"].as_array().unwrap();
        assert!(graph[0].get("editor").is_none());
        assert_eq!(graph[2]["@type"], "Periodical");
        assert_eq!(graph[2]["editor"].as_array().unwrap().len(), 1);
        assert_eq!(graph[2]["editor"][0]["familyName"], "Chief");
    }

    #[test]
    fn names_in_other_scripts_are_alternate_names() {
        use crate::model::AltName;
        let a = Article {
            authors: vec![Author {
                forename: Some(t("Jae-Hyun")),
                surname: Some(t("Youn")),
                alternate_names: vec![
                    AltName {
                        forename: Some("재현".into()),
                        surname: Some("윤".into()),
                        lang: Some("ko".into()),
                        ..Default::default()
                    },
                    AltName {
                        name: Some("Юн".into()),
                        lang: Some("not a tag!".into()),
                        ..Default::default()
                    },
                ],
                ids: vec![
                    crate::model::ExternalId {
                        scheme: "idref".into(),
                        value: "123456789".into(),
                    },
                    crate::model::ExternalId {
                        scheme: "halauthorid".into(),
                        value: "42".into(),
                    },
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let v = run(Options::default(), vec![a]);
        let person = &v["@graph"][0]["author"][0];
        assert_eq!(person["name"], "Jae-Hyun Youn");
        assert_eq!(
            person["alternateName"],
            json!([{"@value": "윤 재현", "@language": "ko"}, "Юн"])
        );
        assert_eq!(person["sameAs"], json!(["https://www.idref.fr/123456789"]));
        assert_eq!(person["identifier"][0]["propertyID"], "IdRef");
        assert_eq!(person["identifier"][1]["propertyID"], "HAL author");
    }

    #[test]
    fn affiliation_levels_are_parent_organizations() {
        use crate::model::{ExternalId, LangText, OrgUnit};
        let unit = |kind: &str, names: &[(&str, Option<&str>)], ids: &[(&str, &str)]| OrgUnit {
            kind: Some(kind.into()),
            names: names
                .iter()
                .map(|(n, l)| LangText {
                    text: n.to_string(),
                    lang: l.map(str::to_string),
                })
                .collect(),
            ids: ids
                .iter()
                .map(|(s, v)| ExternalId {
                    scheme: s.to_string(),
                    value: v.to_string(),
                })
                .collect(),
        };
        let a = Article {
            authors: vec![Author {
                surname: Some(t("Curie")),
                affiliations: vec![Affiliation {
                    text: t("LKB, ENS, PSL"),
                    country: Some("FR".into()),
                    units: vec![
                        unit("laboratory", &[("LKB", None)], &[("halstructure", "1")]),
                        unit(
                            "institution",
                            &[
                                ("École normale supérieure", Some("fr")),
                                ("ENS", Some("en")),
                            ],
                            &[("ror", "05a0dhs15"), ("grid", "grid.5607.4")],
                        ),
                        unit("regroupinstitution", &[("PSL", None)], &[]),
                    ],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let v = run(Options::default(), vec![a]);
        let org = &v["@graph"][0]["author"][0]["affiliation"][0];
        assert_eq!(org["name"], "LKB");
        assert_eq!(org["address"]["addressCountry"], "FR");
        assert_eq!(org["identifier"]["propertyID"], "HAL structure");
        let ens = &org["parentOrganization"];
        assert_eq!(ens["name"], "École normale supérieure");
        assert_eq!(
            ens["alternateName"],
            json!([{"@value": "ENS", "@language": "en"}])
        );
        assert_eq!(ens["sameAs"], json!(["https://ror.org/05a0dhs15"]));
        assert_eq!(ens["identifier"][1]["value"], "grid.5607.4");
        assert_eq!(ens["parentOrganization"]["name"], "PSL");
        assert!(ens["parentOrganization"]
            .get("parentOrganization")
            .is_none());
    }
}
