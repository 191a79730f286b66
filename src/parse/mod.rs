//! TEI bytes to an [`Article`]: decoding, then one streaming pass with quick-xml.
//!
//! The reader loop lives here: it resolves namespaces, keeps the element path as one
//! string (`TEI/teiHeader/fileDesc/titleStmt/author`), turns references into text and
//! hands each event to the [`collect::Collector`], which selects fields by full path.
//! No DOM is built, the DOCTYPE is never processed and no external entity is fetched.

mod collect;
mod decode;
mod values;

use std::path::Path;

use miette::NamedSource;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

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
    parse_bytes(&bytes, &name)
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

/// How an element's name reads in a path: TEI (or no namespace) elements by their local
/// name, DHQ elements as `dhq:local`, anything else as `~local` (which no path selects).
fn push_name(path: &mut String, ns: &Ns, local: &str) {
    if !path.is_empty() {
        path.push('/');
    }
    match ns {
        Ns::Tei | Ns::None => {}
        Ns::Dhq => path.push_str("dhq:"),
        Ns::Other(_) | Ns::Undeclared => path.push('~'),
    }
    path.push_str(local);
}

/// An element's namespace, as far as the parser cares.
enum Ns {
    Tei,
    None,
    Dhq,
    Other(String),
    Undeclared,
}

impl Ns {
    fn of(r: &ResolveResult<'_>) -> Ns {
        match r {
            ResolveResult::Unbound => Ns::None,
            ResolveResult::Bound(n) if n.as_ref() == TEI_NS => Ns::Tei,
            ResolveResult::Bound(n) if n.as_ref() == DHQ_NS => Ns::Dhq,
            ResolveResult::Bound(n) => Ns::Other(n.as_ref().to_string()),
            ResolveResult::Unknown(_) => Ns::Undeclared,
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

fn read_events(text: &str, source: &str) -> Result<crate::model::Article, ReadError> {
    let mut reader = NsReader::from_str(text);
    {
        let config = reader.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
    }
    let mut path = String::with_capacity(256);
    let mut lens: Vec<usize> = Vec::with_capacity(32);
    let mut collector = collect::Collector::default();
    let mut seen_root = false;

    loop {
        let before = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (Ns::of(&ns), event),
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err(malformed(text, source, at, e.to_string()));
            }
        };
        let after = reader.buffer_position() as usize;
        let span = Span::new(before, after);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if !seen_root {
                    seen_root = true;
                    check_root(text, source, &ns, e, span)?;
                }
                lens.push(path.len());
                push_name(&mut path, &ns, e.local_name().as_ref());
                collector.start(&path, e, span);
                if empty {
                    collector.end(&path);
                    path.truncate(lens.pop().unwrap_or(0));
                }
            }
            Event::End(_) => {
                collector.end(&path);
                path.truncate(lens.pop().unwrap_or(0));
            }
            Event::Text(t) => collector.text(&t.xml10_content()),
            Event::CData(c) => collector.text(&c.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => predefined(&r.xml10_content()).map(str::to_string),
                    Err(e) => {
                        return Err(malformed(
                            text,
                            source,
                            before,
                            format!("invalid character reference: {e}"),
                        ))
                    }
                };
                match resolved {
                    Some(s) => collector.text(&s),
                    // An entity declared in a DTD teimeta never reads: kept as written
                    // rather than dropped or fetched.
                    None => collector.text(&format!("&{};", r.xml10_content())),
                }
            }
            Event::Eof => {
                if !lens.is_empty() {
                    let open = path
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .trim_start_matches('~');
                    return Err(malformed(
                        text,
                        source,
                        text.len(),
                        format!("unexpected end of file: <{open}> is not closed"),
                    ));
                }
                break;
            }
            // Comments, processing instructions, the XML declaration and the DOCTYPE
            // carry no metadata; the DOCTYPE is never processed.
            _ => {}
        }
    }
    if !seen_root {
        return Err(ReadError::Empty {
            path: source.to_string(),
        });
    }
    Ok(collector.finish())
}

/// The five entities every XML document has.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn check_root(
    text: &str,
    source: &str,
    ns: &Ns,
    e: &BytesStart<'_>,
    span: Span,
) -> Result<(), ReadError> {
    let local = e.local_name();
    let is_tei_name = matches!(local.as_ref(), "TEI" | "teiCorpus");
    let namespace_ok = matches!(ns, Ns::Tei | Ns::None);
    if is_tei_name && namespace_ok {
        return Ok(());
    }
    let namespace_note = match ns {
        Ns::Other(n) => format!(", in namespace {n}"),
        Ns::Dhq => format!(", in namespace {DHQ_NS}"),
        _ => String::new(),
    };
    Err(ReadError::NotTei {
        path: source.to_string(),
        root: e.name().as_ref().to_string(),
        namespace_note,
        src: NamedSource::new(source, text.to_string()),
        at: span.into(),
    })
}
