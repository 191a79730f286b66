//! TEI bytes to an [`Article`]: decoding, then one streaming pass with quick-xml.
//!
//! The reader loop lives here: `quick_xml::Reader` tokenizes the decoded text, each
//! event's bytes are checked for well-formedness (`wellformed.rs`), namespaces are resolved,
//! the element path is kept as one string (`TEI/teiHeader/fileDesc/titleStmt/author`),
//! references become text, and each event goes to the [`collect::Collector`], which
//! selects fields by full path. No DOM is built, the DOCTYPE is never processed and no
//! external entity is fetched.

mod anchors;
mod collect;
mod decode;
mod sniff;
pub mod styles;
mod values;
mod wellformed;

use std::path::Path;

use std::borrow::Cow;
use std::collections::HashMap;

use miette::NamedSource;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as QuickReader;

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
    if let Some(what) = sniff::binary(&bytes) {
        return Err(ReadError::Binary {
            path: source.to_string(),
            what,
        });
    }
    let text = decode::decode_owned(bytes).map_err(|message| ReadError::Encoding {
        path: source.to_string(),
        message,
    })?;
    parse_str(text, source)
}

/// Parses TEI `bytes`; `source` names the file in the record and in errors.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Document, ReadError> {
    if let Some(what) = sniff::binary(bytes) {
        return Err(ReadError::Binary {
            path: source.to_string(),
            what,
        });
    }
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
    let mut state = ReaderState::new(text);
    match state.run() {
        Ok(()) if matches!(state.phase, Phase::Prolog { .. }) => Err(ReadError::Empty {
            path: source.to_string(),
        }),
        Ok(()) => match state.not_tei.take() {
            // Reported only once the whole document is known to be well-formed.
            Some((span, root, namespace_note)) => Err(ReadError::NotTei {
                path: source.to_string(),
                root,
                namespace_note,
                src: NamedSource::new(source, text.to_string()),
                at: span.into(),
            }),
            None => Ok(state.collector.finish()),
        },
        Err(e) => Err(malformed(text, source, e.at, e.message)),
    }
}

/// Where the reader is in the document: before the root element, inside it, after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// Before the root: the XML declaration, one DOCTYPE, comments, PIs, white space.
    Prolog { doctype_seen: bool },
    /// Inside the root element.
    Content,
    /// After the root's end tag: comments, PIs and white space only.
    Epilogue,
}

/// The quick-xml configuration: strict where quick-xml can be (end names, comments,
/// dangling `&` and unmatched end tags are errors), and nothing trimmed or expanded, so
/// that every event's span is exactly its bytes in the text.
fn quick_reader(text: &str) -> QuickReader<&[u8]> {
    let mut reader = QuickReader::from_str(text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    config.check_comments = true;
    config.allow_unmatched_ends = false;
    config.allow_dangling_amp = false;
    reader
}

/// A start tag as checked: offsets of its name and after it, and whether it is empty
/// (`/>`).
struct StartTag {
    name: (usize, usize),
    end: usize,
    empty: bool,
}

/// The reader: quick-xml tokenizes the decoded text, and each event is checked against
/// XML 1.0 and Namespaces in XML on its raw bytes (what quick-xml does not check: names,
/// attributes, references, namespaces, the declaration, the DOCTYPE, the document's
/// outline), then handed to the collector. All the state of the pass is here.
struct ReaderState<'t> {
    text: &'t str,
    b: &'t [u8],
    phase: Phase,
    /// `TEI/teiHeader/fileDesc/…` of the open elements.
    path: String,
    /// The open elements (their depth is `open.len()`).
    open: Vec<Open>,
    bindings: Scope<'t>,
    /// The current start tag's attributes (reused).
    attrs: Vec<Attr>,
    collector: collect::Collector,
    has_cr: bool,
    /// Added to "undefined entity" messages when the DOCTYPE has an internal subset.
    dtd_note: &'static str,
    /// The root's span, name and namespace note when it is not TEI.
    not_tei: Option<(Span, String, String)>,
    /// The offset of a `]]>` at or after the last text checked (the text's length when
    /// there is none); see [`ReaderState::check_text`].
    next_cdata_close: usize,
}

const TEXT_BEFORE_ROOT: &str = "text before the root element (a document starts with markup)";
const TEXT_AFTER_ROOT: &str =
    "content after the root element (only comments, processing instructions and white space may follow it)";
const MARKUP_OUTSIDE_ROOT: &str = "unexpected markup outside the root element (a DOCTYPE must come once, before the root; CDATA only inside it)";
const BANG_IN_CONTENT: &str = "unexpected '<!' in content (expected a comment or CDATA section)";

/// Checks that the end found by teimeta's check of a construct is where quick-xml ended
/// it (they agree on every well-formed construct; a difference is reported, never
/// guessed).
#[inline]
fn same_end(mine: usize, quick: usize) -> Wf<()> {
    if mine == quick {
        return Ok(());
    }
    wf::err(
        mine.min(quick),
        "malformed markup (its end is ambiguous: expected '>' to end it here)",
    )
}

impl<'t> ReaderState<'t> {
    fn new(text: &'t str) -> Self {
        ReaderState {
            text,
            b: text.as_bytes(),
            phase: Phase::Prolog {
                doctype_seen: false,
            },
            path: String::with_capacity(256),
            open: Vec::with_capacity(32),
            bindings: Scope::default(),
            attrs: Vec::with_capacity(8),
            collector: collect::Collector::default(),
            has_cr: false,
            dtd_note: "",
            not_tei: None,
            next_cdata_close: 0,
        }
    }

    fn run(&mut self) -> Result<(), Stop> {
        let text = self.text;
        self.has_cr = wf::forbidden_char(text)?.has_cr;
        // quick-xml skips a leading byte order mark; decoding already removed the one
        // that may start a file, so another is text before the root.
        if text.starts_with('\u{FEFF}') {
            return wf::err(0, TEXT_BEFORE_ROOT);
        }
        let mut reader = quick_reader(text);
        loop {
            let at = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.diagnose(at, &e, reader.error_position() as usize)),
            };
            let end = reader.buffer_position() as usize;
            match (self.phase, event) {
                (Phase::Content, Event::Eof) => {
                    let open = &self.open[self.open.len() - 1];
                    return wf::err(
                        text.len(),
                        format!(
                            "unexpected end of file: <{}> is not closed",
                            &text[open.name.0..open.name.1]
                        ),
                    );
                }
                (_, Event::Eof) => return Ok(()),
                (Phase::Content, Event::Text(_)) => {
                    self.check_text(at, end)?;
                    self.flush(at, end);
                }
                (Phase::Content, Event::GeneralRef(_)) => {
                    let (r, after) = wf::reference(text, at, self.dtd_note)?;
                    same_end(after, end)?;
                    let source = Span::new(at, after);
                    match r {
                        wf::Ref::Char(c) => self.collector.text(c.encode_utf8(&mut [0; 4]), source),
                        wf::Ref::Predefined(s) => self.collector.text(s, source),
                    }
                }
                (phase, Event::Text(_)) => {
                    if let Some(k) = self.b[at..end].iter().position(|&c| !wf::is_ws(c)) {
                        return wf::err(at + k, outside_text(phase));
                    }
                }
                (phase, Event::GeneralRef(_)) => return wf::err(at, outside_text(phase)),
                (_, Event::Decl(_) | Event::PI(_)) => same_end(self.pi_or_decl(at)?, end)?,
                (_, Event::Comment(_)) => same_end(wf::comment(text, at)?, end)?,
                (Phase::Content, Event::CData(_)) => {
                    let (body_end, after) = wf::cdata(text, at)?;
                    same_end(after, end)?;
                    self.flush(at + 9, body_end);
                }
                (Phase::Content, Event::DocType(_)) => return wf::err(at, BANG_IN_CONTENT),
                (
                    Phase::Prolog {
                        doctype_seen: false,
                    },
                    Event::DocType(_),
                ) if self.b[at..].starts_with(b"<!DOCTYPE") => {
                    let (after, subset) = wf::doctype(text, at)?;
                    same_end(after, end)?;
                    if subset {
                        self.dtd_note = " (teimeta does not read entities declared in the DOCTYPE)";
                    }
                    self.phase = Phase::Prolog { doctype_seen: true };
                }
                (_, Event::CData(_) | Event::DocType(_)) => {
                    return wf::err(at, MARKUP_OUTSIDE_ROOT)
                }
                (Phase::Epilogue, Event::Start(_) | Event::Empty(_)) => {
                    return wf::err(
                        at,
                        "a second root element (a document has exactly one root element)",
                    )
                }
                (_, Event::Start(e) | Event::Empty(e)) => {
                    let tag = self.start_tag(at)?;
                    same_end(tag.end, end)?;
                    self.open_element(at, &tag, &e)?;
                }
                (Phase::Content, Event::End(_)) => {
                    same_end(self.end_tag(at)?, end)?;
                    self.close_element();
                }
                (_, Event::End(_)) => return wf::err(at, "end tag without a matching start tag"),
            }
        }
    }

    /// The error for a construct at `at` that quick-xml refused with `e` (at `qx_at`):
    /// teimeta's own check of that construct says what is wrong, in its words and at its
    /// position; when it finds nothing, quick-xml's message is reported.
    #[cold]
    fn diagnose(&mut self, at: usize, e: &quick_xml::Error, qx_at: usize) -> Stop {
        let (text, b) = (self.text, self.b);
        let content = self.phase == Phase::Content;
        let rest = &b[at.min(b.len())..];
        let mine: Wf<usize> = if rest.starts_with(b"<!--") {
            wf::comment(text, at)
        } else if rest.starts_with(b"<![CDATA[") && content {
            wf::cdata(text, at).map(|(_, end)| end)
        } else if rest.starts_with(b"<!DOCTYPE")
            && self.phase
                == (Phase::Prolog {
                    doctype_seen: false,
                })
        {
            wf::doctype(text, at).map(|(end, _)| end)
        } else if rest.starts_with(b"<!") {
            wf::err(
                at,
                if content {
                    BANG_IN_CONTENT
                } else {
                    MARKUP_OUTSIDE_ROOT
                },
            )
        } else if rest.starts_with(b"<?") {
            self.pi_or_decl(at)
        } else if rest.starts_with(b"</") {
            if content {
                self.end_tag(at)
            } else {
                wf::err(at, "end tag without a matching start tag")
            }
        } else if rest.starts_with(b"<") {
            if self.phase == Phase::Epilogue {
                wf::err(
                    at,
                    "a second root element (a document has exactly one root element)",
                )
            } else {
                self.start_tag(at).map(|t| t.end)
            }
        } else if !content {
            match rest.iter().position(|&c| !wf::is_ws(c)) {
                Some(k) => wf::err(at + k, outside_text(self.phase)),
                None => Ok(b.len()),
            }
        } else if rest.starts_with(b"&") {
            wf::reference(text, at, self.dtd_note).map(|(_, end)| end)
        } else {
            let end = memchr::memchr2(b'<', b'&', rest).map_or(b.len(), |k| at + k);
            self.check_text(at, end).map(|()| end)
        };
        match mine {
            Err(stop) => stop,
            Ok(_) => WfError {
                at: qx_at.min(b.len()),
                message: e.to_string(),
            },
        }
    }

    /// Text in content: no `]]>`. The next `]]>` of the whole text is kept and looked
    /// up again only once the reading has passed it (it is rare outside CDATA ends), so
    /// the text is searched once in bulk rather than per text event.
    #[inline]
    fn check_text(&mut self, from: usize, to: usize) -> Wf<()> {
        if self.next_cdata_close <= from {
            self.next_cdata_close =
                memchr::memmem::find(&self.b[from..], b"]]>").map_or(self.b.len(), |k| from + k);
        }
        if self.next_cdata_close < to {
            return wf::err(
                self.next_cdata_close,
                "']]>' is not allowed in text (write ']]&gt;')",
            );
        }
        Ok(())
    }

    /// The XML declaration (only at the very start) or a processing instruction at `at`;
    /// the offset after it.
    fn pi_or_decl(&self, at: usize) -> Wf<usize> {
        let b = self.b;
        if at == 0 && b.starts_with(b"<?xml") && b.get(5).is_some_and(|&c| wf::is_ws(c)) {
            Ok(wf::xml_decl(self.text)?.0)
        } else {
            wf::pi(self.text, at)
        }
    }

    /// Hands `text[from..to]` to the collector, line ends normalised.
    #[inline]
    fn flush(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let s = &self.text[from..to];
        if self.has_cr && s.contains('\r') {
            // Line by line, so the text between line ends keeps its exact place in the
            // source; each `\r\n` or `\r` is handed over as the `\n` it stands for.
            let mut at = from;
            while at < to {
                let rest = &self.text[at..to];
                let Some(cr) = rest.find('\r') else {
                    self.collector.text(rest, Span::new(at, to));
                    break;
                };
                if cr > 0 {
                    self.collector.text(&rest[..cr], Span::new(at, at + cr));
                }
                let end = at + cr + if rest[cr..].starts_with("\r\n") { 2 } else { 1 };
                self.collector.text("\n", Span::new(at + cr, end));
                at = end;
            }
        } else {
            self.collector.text(s, Span::new(from, to));
        }
    }

    /// Checks the start tag at `text[i] == '<'` (its name and attributes, read into
    /// `self.attrs`).
    fn start_tag(&mut self, i: usize) -> Wf<StartTag> {
        let (text, b) = (self.text, self.b);
        let name_start = i + 1;
        let name_end = wf::name_end(text, name_start, "an element name after '<'")?;
        self.attrs.clear();
        let mut j = name_end;
        loop {
            let k = wf::skip_ws(b, j);
            match b.get(k) {
                Some(b'>') => {
                    return Ok(StartTag {
                        name: (name_start, name_end),
                        end: k + 1,
                        empty: false,
                    })
                }
                Some(b'/') if b.get(k + 1) == Some(&b'>') => {
                    return Ok(StartTag {
                        name: (name_start, name_end),
                        end: k + 2,
                        empty: true,
                    })
                }
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
        }
    }

    /// Opens the element of the checked start tag `tag` at `i` (quick-xml's `e`): depth,
    /// namespaces, the root check, the path; hands it to the collector.
    fn open_element(&mut self, i: usize, tag: &StartTag, e: &BytesStart<'_>) -> Wf<()> {
        let text = self.text;
        if self.open.len() >= MAX_DEPTH {
            return wf::err(
                i,
                format!("elements nested more than {} levels below the root (teimeta's limit, as libxml2's)", MAX_DEPTH - 1),
            );
        }
        let (name_start, name_end) = tag.name;
        let bindings = self.bindings.len();
        self.namespaces(name_start, name_end)?;
        let qname = &text[name_start..name_end];
        let (prefix, local) = wf::split_qname(qname, name_start)?;
        let uri = self
            .bindings
            .resolve(prefix.unwrap_or(""), name_start, qname)?;
        let ns = Ns::of(uri);
        let span = Span::new(i, tag.end);
        if let Phase::Prolog { .. } = self.phase {
            self.phase = Phase::Content;
            if let Err(note) = check_root(ns, local) {
                self.not_tei = Some((span, qname.to_string(), note));
            }
        }
        // quick-xml's `e` is the tag's content (the ends agree, checked).
        let path_len = self.path.len();
        push_name(&mut self.path, ns, local);
        self.collector.start(&self.path, e, span);
        self.open.push(Open {
            name: (name_start, name_end),
            path_len,
            bindings,
        });
        if tag.empty {
            self.close_element();
        }
        Ok(())
    }

    /// Closes the innermost open element.
    fn close_element(&mut self) {
        let open = self.open.pop().expect("an open element to close");
        self.collector.end(&self.path);
        self.path.truncate(open.path_len);
        self.bindings.truncate(open.bindings);
        if self.open.is_empty() {
            self.phase = Phase::Epilogue;
        }
    }

    /// Checks the end tag at `text[i..] == "</"`, which must close the innermost open
    /// element; returns the offset after it.
    fn end_tag(&self, i: usize) -> Wf<usize> {
        let (text, b) = (self.text, self.b);
        let open = self
            .open
            .last()
            .expect("end tags are read only inside an element");
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

/// What text outside the root element is called, before or after it.
fn outside_text(phase: Phase) -> &'static str {
    match phase {
        Phase::Epilogue => TEXT_AFTER_ROOT,
        _ => TEXT_BEFORE_ROOT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (offset, message) of the error reading `doc`, or None when it reads.
    fn refusal(doc: &str) -> Option<(usize, String)> {
        let mut state = ReaderState::new(doc);
        state.run().err().map(|e| (e.at, e.message))
    }

    /// Each (document, offset, words of the message) is refused at that offset.
    #[track_caller]
    fn refused_at(cases: &[(&str, usize, &str)]) {
        for &(doc, at, words) in cases {
            let (got_at, message) = refusal(doc).unwrap_or_else(|| panic!("read: {doc}"));
            assert!(message.contains(words), "{doc}: {message}");
            assert_eq!(got_at, at, "{doc}: {message}");
        }
    }

    #[test]
    fn each_phase_takes_only_its_events() {
        let fine = "<?xml version='1.0'?><!DOCTYPE TEI><!--c--><?p x?><TEI a='&amp;'>t&lt;\
                    <![CDATA[x]]>\r\n<e/><!--c--><?p?></TEI> <!--c--><?p?>\n";
        for doc in [fine, "", " \n<!--c-->"] {
            assert_eq!(refusal(doc), None, "{doc}");
        }
        refused_at(&[
            (" x<TEI/>", 1, "text before the root"),
            ("&amp;<TEI/>", 0, "text before the root"),
            ("<TEI/> x", 7, "content after the root"),
            ("<TEI/>&amp;", 6, "content after the root"),
            ("<TEI/><TEI/>", 6, "a second root element"),
            ("<TEI/><!DOCTYPE TEI>", 6, "unexpected markup outside"),
            (
                "<!DOCTYPE a><!DOCTYPE a><TEI/>",
                12,
                "unexpected markup outside",
            ),
            ("<!doctype TEI><TEI/>", 0, "unexpected markup outside"),
            ("<![CDATA[x]]><TEI/>", 0, "unexpected markup outside"),
            ("<TEI><!DOCTYPE TEI></TEI>", 5, "unexpected '<!' in content"),
            ("<TEI>a]]>b</TEI>", 6, "']]>' is not allowed in text"),
            (
                "<TEI><![CDATA[]]>]]></TEI>",
                17,
                "']]>' is not allowed in text",
            ),
            ("<TEI>", 5, "<TEI> is not closed"),
            ("<TEI>text", 9, "<TEI> is not closed"),
            (" <?xml version='1.0'?><TEI/>", 1, "only at the very start"),
            // A second byte order mark (decoding removes the first) is text, not skipped.
            ("\u{FEFF}<TEI/>", 0, "text before the root"),
        ]);
    }

    #[test]
    fn what_quick_xml_refuses_is_said_in_teimeta_words_at_teimeta_positions() {
        // quick-xml's check_end_names, allow_unmatched_ends, allow_dangling_amp and
        // check_comments refuse these; teimeta's own check of the construct says why.
        refused_at(&[
            (
                "<TEI><a></b></TEI>",
                8,
                "mismatched end tag: expected </a>, found </b>",
            ),
            ("</TEI>", 0, "end tag without a matching start tag"),
            ("<TEI/></TEI>", 6, "end tag without a matching start tag"),
            ("<TEI>a & b</TEI>", 8, "expected an entity name after '&'"),
            ("<TEI>&amp</TEI>", 9, "entity reference not terminated"),
            (
                "<TEI><!-- a -- b --></TEI>",
                12,
                "'--' is not allowed inside a comment",
            ),
            ("<TEI><!-- a", 5, "comment not terminated"),
            ("<TEI><![CDATA[x", 5, "CDATA section not terminated"),
            ("<TEI><?p x", 5, "processing instruction not terminated"),
            ("<TEI><a b='x", 12, "attribute value not terminated"),
            ("<TEI><a", 5, "start tag not terminated"),
            ("<TEI><!x></TEI>", 5, "unexpected '<!' in content"),
            (
                "<!DOCTYPE a [<!ENTITY x 'y'>",
                28,
                "unexpected content in the DOCTYPE",
            ),
        ]);
    }

    #[test]
    fn start_tags_are_checked_on_quick_xml_s_bytes() {
        let deep = format!("<TEI>{}", "<a>".repeat(MAX_DEPTH));
        refused_at(&[
            (
                "<TEI><a b='<'/></TEI>",
                11,
                "'<' is not allowed in an attribute value",
            ),
            (
                "<TEI><a b='1' b='2'/></TEI>",
                14,
                "attribute b appears twice",
            ),
            (
                "<TEI xmlns:p='u' xmlns:q='u'><a p:x='1' q:x='2'/></TEI>",
                40,
                "are the same attribute",
            ),
            (
                "<TEI><p:a/></TEI>",
                6,
                "namespace prefix p of p:a is not declared",
            ),
            ("<TEI><1a/></TEI>", 6, "expected an element name after '<'"),
            ("<TEI><a b=x/></TEI>", 10, "expected a quoted value"),
            ("<TEI><a/ ></TEI>", 7, "expected white space, an attribute"),
            (
                &deep,
                5 + 3 * (MAX_DEPTH - 1),
                "nested more than 256 levels",
            ),
        ]);
    }
}
