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
//!   skipping the levels that are absent; with no journal, a book or proceedings title
//!   (the model's `container`) stands in its place as a `Book` `{"@type": "Book",
//!   "name": …}`. It is left out when there is neither issue, volume, journal nor book.
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
use crate::model::{Affiliation, Article, Author, Keyword, Text};
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
    /// Issue, volume and book, for `isPartOf`.
    issue: Option<String>,
    volume: Option<String>,
    container: Option<String>,
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
        Node {
            text,
            issue: s(&a.issue).map(str::to_string),
            volume: s(&a.volume).map(str::to_string),
            container: s(&a.container).map(str::to_string),
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

    /// The id of the Periodical node for `journal`, creating or extending the node;
    /// `None` when the article names no journal and gives no ISSN.
    fn periodical(&mut self, journal: &Journal) -> Option<String> {
        let issns = &journal.issns;
        let name = journal.name.as_deref();
        let valid = &journal.valid;
        let index = if let Some(first) = valid.first() {
            let known = valid.iter().find_map(|v| self.by_issn.get(v).copied());
            let index = known.unwrap_or_else(|| {
                self.periodicals.push(PeriodicalNode {
                    id: format!("urn:issn:{first}"),
                    name: None,
                    other_names: Vec::new(),
                    issns: Vec::new(),
                });
                self.periodicals.len() - 1
            });
            for v in valid {
                self.by_issn.entry(v.clone()).or_insert(index);
            }
            index
        } else if let Some(name) = name {
            let key = name.to_lowercase();
            match self.by_name.get(&key) {
                Some(&i) => i,
                None => {
                    self.periodicals.push(PeriodicalNode {
                        id: blank_id(name),
                        name: None,
                        other_names: Vec::new(),
                        issns: Vec::new(),
                    });
                    let i = self.periodicals.len() - 1;
                    self.by_name.insert(key, i);
                    i
                }
            }
        } else if !issns.is_empty() {
            // Only malformed ISSNs and no name: still a journal, keyed by its ISSN text.
            let key = issns.join(" ");
            let key_lower = format!("issn {}", key.to_lowercase());
            match self.by_name.get(&key_lower) {
                Some(&i) => i,
                None => {
                    self.periodicals.push(PeriodicalNode {
                        id: blank_id(&key_lower),
                        name: None,
                        other_names: Vec::new(),
                        issns: Vec::new(),
                    });
                    let i = self.periodicals.len() - 1;
                    self.by_name.insert(key_lower, i);
                    i
                }
            }
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
        let periodical = self.periodical(&node.journal);
        let part = part_of(
            node.issue.as_deref(),
            node.volume.as_deref(),
            periodical,
            node.container.as_deref(),
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
    property_id: &'static str,
    value: &'a str,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<OrgNode<'a>>,
    // `isPartOf` comes last, added in order by `JsonLd::push`.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<PropertyValue<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    affiliation: Vec<OrgNode<'a>>,
}

#[derive(Serialize)]
struct OrgNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Address<'a>>,
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
    /// The book or proceedings a chapter or paper is part of, when no journal is known.
    Book {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    },
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

    let doi = s(&a.doi);
    ArticleNode {
        kind: "ScholarlyArticle",
        id: doi.and_then(|d| Doi::parse(d).ok()).map(|d| d.url()),
        name: title,
        headline: title,
        alternative_headline: subtitle_text.map(|t| t.as_str()).filter(|v| !v.is_empty()),
        alternate_name,
        author,
        keywords,
        about,
        abstract_,
        in_language: s(&a.language),
        date_published: s(&a.date).and_then(crate::ids::date::iso),
        page_start: s(&a.first_page),
        page_end: s(&a.last_page),
        identifier: doi.map(|value| PropertyValue {
            kind: "PropertyValue",
            property_id: "DOI",
            value,
        }),
        url: s(&a.url).and_then(absolute_iri),
        publisher: s(&a.publisher).map(|name| OrgNode {
            kind: "Organization",
            name,
            address: None,
        }),
    }
}

fn part_of<'a>(
    issue: Option<&'a str>,
    volume: Option<&'a str>,
    periodical: Option<String>,
    container: Option<&'a str>,
) -> Option<PartOf<'a>> {
    let journal = periodical
        .map(|id| PartOf::Periodical(Ref { id }))
        .or_else(|| container.map(|name| PartOf::Book { kind: "Book", name }));
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
    if au.organization {
        return AuthorNode {
            kind: "Organization",
            id: None,
            name: name.or_else(|| family.map(str::to_string)),
            given_name: None,
            family_name: None,
            email: s(&au.email),
            job_title: None,
            identifier: None,
            affiliation: Vec::new(),
        };
    }
    AuthorNode {
        kind: "Person",
        id: orcid.and_then(|o| Orcid::parse(o).ok()).map(|o| o.url()),
        name,
        given_name: given,
        family_name: family,
        email: s(&au.email),
        job_title: s(&au.role),
        identifier: orcid.map(|value| PropertyValue {
            kind: "PropertyValue",
            property_id: "ORCID",
            value,
        }),
        affiliation,
    }
}

fn org_of(af: &Affiliation) -> Option<OrgNode<'_>> {
    let name = af.text.as_str();
    let name = if name.is_empty() {
        af.institution.as_deref().filter(|n| !n.is_empty())?
    } else {
        name
    };
    let locality = af.settlement.as_deref().filter(|v| !v.is_empty());
    let country = af.country.as_deref().filter(|v| !v.is_empty());
    Some(OrgNode {
        kind: "Organization",
        name,
        address: (locality.is_some() || country.is_some()).then_some(Address {
            kind: "PostalAddress",
            locality,
            country,
        }),
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
        let mut e = JsonLd::new(Vec::new(), options);
        for article in articles {
            let doc = Document {
                source: "x.xml".into(),
                text: String::new(),
                article,
            };
            e.write(&doc).unwrap();
        }
        serde_json::from_slice(&e.finish().unwrap()).unwrap()
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
            titles: vec![crate::model::Title {
                text: Text::new("Read/Write Book".to_string(), Default::default()),
                kind: None,
                lang: None,
            }],
            container: Some(Text::new(
                "Le livre inscriptible".to_string(),
                Default::default(),
            )),
            ..Default::default()
        };
        let out = super::part_of(
            None,
            Some("3"),
            None,
            a.container.as_ref().map(|c| c.as_str()),
        );
        let v = serde_json::to_value(out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"@type": "PublicationVolume", "volumeNumber": "3",
                               "isPartOf": {"@type": "Book", "name": "Le livre inscriptible"}})
        );
        // A journal, when known, wins over the book.
        let out = super::part_of(None, None, Some("urn:issn:1234-5679".into()), Some("B"));
        assert_eq!(
            serde_json::to_value(out).unwrap(),
            serde_json::json!({"@id": "urn:issn:1234-5679"})
        );
    }
}
