//! TEI bytes to an [`Article`]: decoding, then one streaming pass with quick-xml.
//!
//! The reader loop lives here: it resolves namespaces, keeps the element path as one
//! string (`TEI/teiHeader/fileDesc/titleStmt/author`), turns references into text and
//! hands each event to the [`collect::Collector`], which selects fields by full path.
//! No DOM is built, the DOCTYPE is never processed and no external entity is fetched.

mod collect;
mod decode;
pub mod styles;
mod values;
mod wellformed;

use std::path::Path;

use std::borrow::Cow;
use std::collections::HashMap;

use miette::NamedSource;
use quick_xml::events::BytesStart;

use wellformed::{self as wf, Wf, WfError};

use crate::model::Span;
use crate::text::line_column;
use crate::{Document, ReadError};

/// The TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
/// The Digital Humanities Quarterly namespace (`dhq:` elements).
pub const DHQ_NS: &str = "http://www.digitalhumanities.org/ns/dhq";

/// Reads and parses the file at `path`.
pub fn read_path(path: &Path) -> Result<Document, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: name.clone(),
        source,
    })?;
    parse_owned(bytes, &name)
}

/// [`parse_bytes`] for bytes the caller owns (a file just read): UTF-8 input becomes the
/// document's text in place, validated once and never copied.
pub fn parse_owned(bytes: Vec<u8>, source: &str) -> Result<Document, ReadError> {
    let text = decode::decode_owned(bytes).map_err(|message| ReadError::Encoding {
        path: source.to_string(),
        message,
    })?;
    parse_str(text, source)
}

/// Parses TEI `bytes`; `source` names the file in the record and in errors.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Document, ReadError> {
    let text = decode::decode(bytes).map_err(|message| ReadError::Encoding {
        path: source.to_string(),
        message,
    })?;
    parse_str(text.into_owned(), source)
}

/// Parses TEI that is already text; `source` names the file in the record and in errors.
pub fn parse_str(text: String, source: &str) -> Result<Document, ReadError> {
    let article = read_events(&text, source)?;
    Ok(Document {
        source: source.to_string(),
        text,
        article,
    })
}

/// The first `<`, `&` or `]` in `b`. Text between tags is mostly short (line ends and
/// indentation), where a plain loop beats memchr's setup; longer runs go to memchr.
#[inline]
fn next_markup(b: &[u8]) -> Option<usize> {
    let head = b.len().min(16);
    match b[..head]
        .iter()
        .position(|&c| matches!(c, b'<' | b'&' | b']'))
    {
        Some(k) => Some(k),
        None => memchr::memchr3(b'<', b'&', b']', &b[head..]).map(|k| head + k),
    }
}

/// The deepest nesting read: like libxml2 without `XML_PARSE_HUGE`, an element may open
/// while at most 257 are open (256 levels below the root). This bounds the element
/// stack and the path string, and agrees with `xmllint` on deep documents.
pub const MAX_DEPTH: usize = 257;

/// How an element's name reads in a path: TEI (or no namespace) elements by their local
/// name, DHQ elements as `dhq:local`, anything else as `~local` (which no path selects).
fn push_name(path: &mut String, ns: Ns<'_>, local: &str) {
    if !path.is_empty() {
        path.push('/');
    }
    match ns {
        Ns::Tei | Ns::None => {}
        Ns::Dhq => path.push_str("dhq:"),
        Ns::Other(_) => path.push('~'),
    }
    path.push_str(local);
}

/// An element's namespace, as far as the parser cares.
#[derive(Clone, Copy)]
enum Ns<'a> {
    Tei,
    None,
    Dhq,
    Other(&'a str),
}

impl<'a> Ns<'a> {
    fn of(uri: &'a str) -> Ns<'a> {
        match uri {
            "" => Ns::None,
            TEI_NS => Ns::Tei,
            DHQ_NS => Ns::Dhq,
            other => Ns::Other(other),
        }
    }
}

fn malformed(text: &str, source: &str, offset: usize, message: String) -> ReadError {
    let offset = offset.min(text.len());
    let (line, column) = line_column(text, offset);
    ReadError::Malformed {
        path: source.to_string(),
        message,
        line,
        column,
        src: NamedSource::new(source, text.to_string()),
        at: (offset, 0).into(),
    }
}

/// A namespace binding in scope (`prefix` empty for the default namespace).
struct Binding<'t> {
    prefix: &'t str,
    uri: Cow<'t, str>,
}

/// An open element: its qualified name (offsets), the path length and the number of
/// bindings in scope before it.
struct Open {
    name: (usize, usize),
    path_len: usize,
    bindings: usize,
}

/// An attribute of the start tag being read: offsets of its name and value.
#[derive(Clone, Copy)]
struct Attr {
    name: (usize, usize),
    value: (usize, usize),
    has_ref: bool,
}

/// Why a reading stopped early: a well-formedness error.
type Stop = WfError;

fn read_events(text: &str, source: &str) -> Result<crate::model::Article, ReadError> {
    let mut reader = Reader {
        text,
        b: text.as_bytes(),
        path: String::with_capacity(256),
        open: Vec::with_capacity(32),
        bindings: Scope::default(),
        attrs: Vec::with_capacity(8),
        scratch: String::new(),
        collector: collect::Collector::default(),
        has_cr: false,
        dtd_note: "",
        seen_root: false,
        not_tei: None,
    };
    match reader.run() {
        Ok(()) if !reader.seen_root => Err(ReadError::Empty {
            path: source.to_string(),
        }),
        Ok(()) => match reader.not_tei.take() {
            // Reported only once the whole document is known to be well-formed.
            Some((span, root, namespace_note)) => Err(ReadError::NotTei {
                path: source.to_string(),
                root,
                namespace_note,
                src: NamedSource::new(source, text.to_string()),
                at: span.into(),
            }),
            None => Ok(reader.collector.finish()),
        },
        Err(e) => Err(malformed(text, source, e.at, e.message)),
    }
}

/// The reader loop: one pass over the decoded text that tokenizes it, checks it is
/// well-formed (with namespaces) and hands elements and text to the collector.
struct Reader<'t> {
    text: &'t str,
    b: &'t [u8],
    /// `TEI/teiHeader/fileDesc/…` of the open elements.
    path: String,
    open: Vec<Open>,
    bindings: Scope<'t>,
    /// The current start tag's attributes (reused).
    attrs: Vec<Attr>,
    /// Line-end normalisation of text holding carriage returns (reused).
    scratch: String,
    collector: collect::Collector,
    has_cr: bool,
    /// Added to "undefined entity" messages when the DOCTYPE has an internal subset.
    dtd_note: &'static str,
    seen_root: bool,
    /// The root's span, name and namespace note when it is not TEI.
    not_tei: Option<(Span, String, String)>,
}

impl<'t> Reader<'t> {
    fn run(&mut self) -> Result<(), Stop> {
        let (text, b) = (self.text, self.b);
        self.has_cr = wf::forbidden_char(text)?.has_cr;
        let mut i = 0;
        if b.starts_with(b"<?xml") && b.get(5).is_some_and(|&c| wf::is_ws(c)) {
            i = wf::xml_decl(text)?.0;
        }
        let mut doctype_allowed = true;
        // Prolog, root, epilogue: outside the root only white space and markup.
        loop {
            i = wf::skip_ws(b, i);
            if i == b.len() {
                return Ok(());
            }
            if b[i] != b'<' {
                return wf::err(
                    i,
                    if self.seen_root {
                        "content after the root element (only comments, processing instructions and white space may follow it)"
                    } else {
                        "text before the root element (a document starts with markup)"
                    },
                );
            }
            match b.get(i + 1) {
                Some(b'?') => i = wf::pi(text, i)?,
                Some(b'!') if b[i..].starts_with(b"<!--") => i = wf::comment(text, i)?,
                Some(b'!') if b[i..].starts_with(b"<!DOCTYPE") && doctype_allowed => {
                    let (end, subset) = wf::doctype(text, i)?;
                    if subset {
                        self.dtd_note = " (teimeta does not read entities declared in the DOCTYPE)";
                    }
                    doctype_allowed = false;
                    i = end;
                }
                Some(b'!') => {
                    return wf::err(
                        i,
                        "unexpected markup outside the root element (a DOCTYPE must come once, before the root; CDATA only inside it)",
                    )
                }
                Some(b'/') => {
                    return wf::err(i, "end tag without a matching start tag")
                }
                _ if self.seen_root => {
                    return wf::err(
                        i,
                        "a second root element (a document has exactly one root element)",
                    )
                }
                _ => {
                    doctype_allowed = false;
                    i = self.content(i)?;
                }
            }
        }
    }

    /// Reads the root element starting at `i` and everything in it; returns the offset
    /// after its end tag.
    fn content(&mut self, mut i: usize) -> Result<usize, Stop> {
        let (text, b) = (self.text, self.b);
        i = self.start_tag(i)?;
        let mut run = i; // start of the pending text run
        while !self.open.is_empty() {
            let Some(k) = next_markup(&b[i..]) else {
                let open = &self.open[self.open.len() - 1];
                return wf::err(
                    b.len(),
                    format!(
                        "unexpected end of file: <{}> is not closed",
                        &text[open.name.0..open.name.1]
                    ),
                );
            };
            i += k;
            match b[i] {
                b']' => {
                    if b[i..].starts_with(b"]]>") {
                        return wf::err(i, "']]>' is not allowed in text (write ']]&gt;')");
                    }
                    i += 1;
                    continue;
                }
                b'&' => {
                    self.flush(run, i);
                    let (r, end) = wf::reference(text, i, self.dtd_note)?;
                    match r {
                        wf::Ref::Char(c) => self.collector.text(c.encode_utf8(&mut [0; 4])),
                        wf::Ref::Predefined(s) => self.collector.text(s),
                    }
                    i = end;
                }
                _ => {
                    self.flush(run, i);
                    i =
                        match b.get(i + 1) {
                            Some(b'/') => self.end_tag(i)?,
                            Some(b'?') => wf::pi(text, i)?,
                            Some(b'!') if b[i..].starts_with(b"<!--") => wf::comment(text, i)?,
                            Some(b'!') if b[i..].starts_with(b"<![CDATA[") => {
                                let (body_end, end) = wf::cdata(text, i)?;
                                self.flush(i + 9, body_end);
                                end
                            }
                            Some(b'!') => return wf::err(
                                i,
                                "unexpected '<!' in content (expected a comment or CDATA section)",
                            ),
                            _ => self.start_tag(i)?,
                        };
                }
            }
            run = i;
        }
        Ok(i)
    }

    /// Hands `text[from..to]` to the collector, line ends normalised.
    #[inline]
    fn flush(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let s = &self.text[from..to];
        if self.has_cr && s.contains('\r') {
            self.scratch.clear();
            self.scratch
                .push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
            self.collector.text(&self.scratch);
        } else {
            self.collector.text(s);
        }
    }

    /// Reads the start tag at `text[i] == '<'`; returns the offset after it.
    fn start_tag(&mut self, i: usize) -> Result<usize, Stop> {
        let (text, b) = (self.text, self.b);
        let name_start = i + 1;
        let name_end = wf::name_end(text, name_start, "an element name after '<'")?;
        self.attrs.clear();
        let mut j = name_end;
        let (content_end, tag_end, empty) = loop {
            let k = wf::skip_ws(b, j);
            match b.get(k) {
                Some(b'>') => break (k, k + 1, false),
                Some(b'/') if b.get(k + 1) == Some(&b'>') => break (k, k + 2, true),
                Some(_) if k > j && b[k] != b'/' => {
                    let an_end = wf::name_end(text, k, "an attribute name, '>' or '/>'")?;
                    let v = wf::skip_ws(b, an_end);
                    if b.get(v) != Some(&b'=') {
                        return wf::err(
                            v,
                            format!("expected '=' after attribute {}", &text[k..an_end]),
                        );
                    }
                    let q = wf::skip_ws(b, v + 1);
                    let quote = match b.get(q) {
                        Some(&c @ (b'"' | b'\'')) => c,
                        _ => {
                            return wf::err(
                                q,
                                format!(
                                    "expected a quoted value for attribute {}",
                                    &text[k..an_end]
                                ),
                            )
                        }
                    };
                    let (value_end, has_ref) = self.attr_value(q + 1, quote)?;
                    self.attrs.push(Attr {
                        name: (k, an_end),
                        value: (q + 1, value_end),
                        has_ref,
                    });
                    j = value_end + 1;
                }
                None => return wf::err(i, "start tag not terminated (expected '>')"),
                Some(_) => {
                    return wf::err(
                        k,
                        format!(
                            "expected white space, an attribute, '>' or '/>' in <{}>",
                            &text[name_start..name_end]
                        ),
                    )
                }
            }
        };
        if self.open.len() >= MAX_DEPTH {
            return wf::err(
                i,
                format!("elements nested more than {} levels below the root (teimeta's limit, as libxml2's)", MAX_DEPTH - 1),
            )
            ;
        }
        let bindings = self.bindings.len();
        self.namespaces(name_start, name_end)?;
        let qname = &text[name_start..name_end];
        let (prefix, local) = wf::split_qname(qname, name_start)?;
        let uri = self
            .bindings
            .resolve(prefix.unwrap_or(""), name_start, qname)?;
        let ns = Ns::of(uri);
        let span = Span::new(i, tag_end);
        if !self.seen_root {
            self.seen_root = true;
            if let Err(note) = check_root(ns, local) {
                self.not_tei = Some((span, qname.to_string(), note));
            }
        }
        let path_len = self.path.len();
        push_name(&mut self.path, ns, local);
        let e = BytesStart::from_content(&text[name_start..content_end], name_end - name_start);
        self.collector.start(&self.path, &e, span);
        if empty {
            self.collector.end(&self.path);
            self.path.truncate(path_len);
            self.bindings.truncate(bindings);
        } else {
            self.open.push(Open {
                name: (name_start, name_end),
                path_len,
                bindings,
            });
        }
        Ok(tag_end)
    }

    /// Reads the end tag at `text[i..] == "</"`, which must close the innermost open
    /// element; returns the offset after it.
    fn end_tag(&mut self, i: usize) -> Result<usize, Stop> {
        let (text, b) = (self.text, self.b);
        let open = self
            .open
            .pop()
            .expect("content() reads only inside an element");
        let expected = &text[open.name.0..open.name.1];
        let n = i + 2;
        let mut k = n + expected.len();
        if !(b[n..].starts_with(expected.as_bytes()) && b.get(k) == Some(&b'>')) {
            let end = wf::name_end(text, n, "an element name after '</'")?;
            let found = &text[n..end];
            if found != expected {
                return wf::err(
                    i,
                    format!("mismatched end tag: expected </{expected}>, found </{found}>"),
                );
            }
            k = wf::skip_ws(b, end);
            if b.get(k) != Some(&b'>') {
                return wf::err(k, format!("expected '>' to end </{found}>"));
            }
        }
        self.collector.end(&self.path);
        self.path.truncate(open.path_len);
        self.bindings.truncate(open.bindings);
        Ok(k + 1)
    }

    /// Checks an attribute value from `i` to its closing `quote`; returns the quote's
    /// offset and whether the value holds a reference.
    #[inline]
    fn attr_value(&self, mut i: usize, quote: u8) -> Result<(usize, bool), Stop> {
        let (text, b) = (self.text, self.b);
        let mut has_ref = false;
        loop {
            match memchr::memchr3(quote, b'<', b'&', &b[i..]) {
                None => return wf::err(b.len(), "attribute value not terminated"),
                Some(k) => {
                    i += k;
                    match b[i] {
                        b'<' => {
                            return wf::err(
                                i,
                                "'<' is not allowed in an attribute value (write &lt;)",
                            )
                        }
                        b'&' => {
                            has_ref = true;
                            i = wf::reference(text, i, self.dtd_note)?.1;
                        }
                        _ => return Ok((i, has_ref)),
                    }
                }
            }
        }
    }

    /// Declares the start tag's `xmlns` attributes, then checks every attribute's prefix
    /// and that no two attributes share a name, as written or after namespace resolution.
    fn namespaces(&mut self, name_start: usize, name_end: usize) -> Result<(), Stop> {
        let text = self.text;
        let mut prefixed = 0;
        for a in 0..self.attrs.len() {
            let attr = self.attrs[a];
            let name = &text[attr.name.0..attr.name.1];
            let declared = if name == "xmlns" {
                Some("")
            } else {
                name.strip_prefix("xmlns:")
            };
            let Some(prefix) = declared else {
                prefixed += usize::from(name.contains(':'));
                continue;
            };
            let uri = self.value(attr);
            let problem = if prefix == "xmlns" {
                Some("the xmlns prefix may not be declared")
            } else if prefix == "xml" && uri != wf::XML_NS {
                Some("the xml prefix may only be bound to http://www.w3.org/XML/1998/namespace")
            } else if prefix != "xml" && uri == wf::XML_NS {
                Some("only the xml prefix may be bound to http://www.w3.org/XML/1998/namespace")
            } else if uri == wf::XMLNS_NS {
                Some("nothing may be bound to the xmlns namespace")
            } else if !prefix.is_empty() && uri.is_empty() {
                Some("a prefix may not be bound to the empty namespace name")
            } else if prefix.contains(':') {
                Some("a namespace prefix may not contain ':'")
            } else if !wf::is_uri_reference(&uri) {
                Some("the namespace name is not a valid URI reference (RFC 3986)")
            } else {
                None
            };
            if let Some(p) = problem {
                return wf::err(attr.name.0, format!("{name}: {p}"));
            }
            self.bindings.push(prefix, uri);
        }
        // Duplicates as written.
        let n = self.attrs.len();
        if n > 1 {
            if let Some((_, x)) = first_duplicate(n, |x| Some(self.attr_name(x))) {
                return wf::err(
                    self.attrs[x].name.0,
                    format!(
                        "attribute {} appears twice in <{}>",
                        self.attr_name(x),
                        &text[name_start..name_end]
                    ),
                );
            }
        }
        if prefixed == 0 {
            return Ok(());
        }
        // Prefixed attributes: bound (checked first, for the error), then unique as
        // (namespace, local name).
        let prefixed_attr = |a: usize| {
            let name = self.attr_name(a);
            if name == "xmlns" || name.starts_with("xmlns:") {
                return None;
            }
            match wf::split_qname(name, self.attrs[a].name.0) {
                Ok((Some(prefix), local)) => Some((prefix, local, name)),
                _ => None,
            }
        };
        for a in 0..n {
            let name = self.attr_name(a);
            wf::split_qname(name, self.attrs[a].name.0)?;
            if let Some((prefix, _, name)) = prefixed_attr(a) {
                self.bindings.resolve(prefix, self.attrs[a].name.0, name)?;
            }
        }
        let resolved = |a: usize| {
            let (prefix, local, name) = prefixed_attr(a)?;
            let uri = self.bindings.resolve(prefix, 0, name).ok()?;
            Some((uri, local))
        };
        if let Some((first, second)) = first_duplicate(n, resolved) {
            let (prefix, local, _) = prefixed_attr(second).expect("a prefixed attribute");
            let uri = self.bindings.resolve(prefix, 0, "").unwrap_or("");
            return wf::err(
                self.attrs[second].name.0,
                format!(
                    "attributes {} and {} are the same attribute (same namespace {uri}, local name {local})",
                    self.attr_name(first),
                    self.attr_name(second)
                ),
            );
        }
        Ok(())
    }

    fn attr_name(&self, a: usize) -> &'t str {
        let (s, e) = self.attrs[a].name;
        &self.text[s..e]
    }

    /// An attribute's value with references resolved (already checked).
    fn value(&self, a: Attr) -> Cow<'t, str> {
        let raw = &self.text[a.value.0..a.value.1];
        if !a.has_ref {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        let mut i = 0;
        while let Some(k) = raw[i..].find('&') {
            out.push_str(&raw[i..i + k]);
            match wf::reference(raw, i + k, "") {
                Ok((wf::Ref::Char(c), end)) => {
                    out.push(c);
                    i = end;
                }
                Ok((wf::Ref::Predefined(s), end)) => {
                    out.push_str(s);
                    i = end;
                }
                Err(_) => {
                    out.push('&');
                    i += k + 1;
                }
            }
        }
        out.push_str(&raw[i..]);
        Cow::Owned(out)
    }
}

/// The first pair of items `0..n` with equal keys (items without a key never match), as
/// (earlier, later) in document order: compared pairwise when few (the usual handful of
/// attributes; no allocation), sorted when many, so that a start tag with thousands of
/// attributes stays linearithmic.
fn first_duplicate<K: Ord>(n: usize, key: impl Fn(usize) -> Option<K>) -> Option<(usize, usize)> {
    if n <= 16 {
        return (1..n).find_map(|x| {
            let kx = key(x)?;
            (0..x)
                .find(|&y| key(y).is_some_and(|ky| ky == kx))
                .map(|y| (y, x))
        });
    }
    let mut many: Vec<(K, usize)> = (0..n).filter_map(|x| Some((key(x)?, x))).collect();
    many.sort_unstable();
    many.windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[0].1, w[1].1))
        .min_by_key(|&(_, later)| later)
}

/// The namespace bindings in scope, innermost last. Few bindings are searched backwards;
/// past [`Scope::SCAN`] a prefix index keeps every lookup constant-time, so thousands of
/// declarations cannot make a document quadratic.
#[derive(Default)]
struct Scope<'t> {
    bindings: Vec<Binding<'t>>,
    /// For each prefix, the positions in `bindings` that declare it, innermost last.
    index: HashMap<&'t str, Vec<usize>>,
}

impl<'t> Scope<'t> {
    const SCAN: usize = 16;

    fn len(&self) -> usize {
        self.bindings.len()
    }

    fn push(&mut self, prefix: &'t str, uri: Cow<'t, str>) {
        self.index
            .entry(prefix)
            .or_default()
            .push(self.bindings.len());
        self.bindings.push(Binding { prefix, uri });
    }

    /// Drops the bindings declared after the first `len`.
    fn truncate(&mut self, len: usize) {
        while self.bindings.len() > len {
            let b = self.bindings.pop().expect("longer than len");
            if let Some(stack) = self.index.get_mut(b.prefix) {
                stack.pop();
            }
        }
    }

    /// The namespace bound to `prefix` ("" for the default namespace; "" when no default
    /// is declared); an undeclared prefix is an error.
    fn resolve(&self, prefix: &str, at: usize, qname: &str) -> Wf<&str> {
        if prefix == "xml" {
            return Ok(wf::XML_NS);
        }
        if prefix == "xmlns" {
            return wf::err(
                at,
                format!("{qname}: the xmlns prefix is reserved for declarations"),
            );
        }
        let found = if self.bindings.len() <= Self::SCAN {
            self.bindings.iter().rev().find(|b| b.prefix == prefix)
        } else {
            self.index
                .get(prefix)
                .and_then(|stack| stack.last())
                .map(|&i| &self.bindings[i])
        };
        match found {
            Some(b) => Ok(&b.uri),
            None if prefix.is_empty() => Ok(""),
            None => wf::err(
                at,
                format!("namespace prefix {prefix} of {qname} is not declared"),
            ),
        }
    }
}

/// `Err(namespace note)` when the root element is not TEI.
fn check_root(ns: Ns<'_>, local: &str) -> Result<(), String> {
    let is_tei_name = matches!(local, "TEI" | "teiCorpus");
    if is_tei_name && matches!(ns, Ns::Tei | Ns::None) {
        return Ok(());
    }
    Err(match ns {
        Ns::Other(n) => format!(", in namespace {n}"),
        Ns::Dhq => format!(", in namespace {DHQ_NS}"),
        _ => String::new(),
    })
}
