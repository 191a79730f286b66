//! Structure-aware: builds a well-formed TEI header from arbitrary field values and
//! markup (nesting inside every captured field, notes, line breaks, foreign elements),
//! then reads, validates and exports it in every format. A well-formed document must be
//! read; nothing may panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use teimeta::export::Format;
use teimeta::validate::{check, FileReport, Profile};

mod common;

/// Markup that may wrap a value: inline, skipped, spacing, block and field elements.
const WRAPPERS: &[&str] = &[
    "hi",
    "emph",
    "note",
    "lb",
    "s",
    "p",
    "surname",
    "forename",
    "term",
    "title",
    "label",
    "foreign",
    "orgName",
    "persName",
    "affiliation",
    "idno",
    "date",
    "list",
    "item",
];

#[derive(Arbitrary, Debug)]
struct Value {
    text: String,
    wrap: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
enum Field {
    Title(Value, Option<u8>),
    Author {
        forename: Value,
        surname: Value,
        email: Option<Value>,
        orcid: Option<Value>,
        affiliation: Option<Value>,
    },
    Keyword(Vec<Value>),
    Abstract(Vec<Value>),
    Idno(u8, Value),
    Date(Value, Option<Value>),
    BiblScope(u8, Value, Option<Value>),
    Publisher(Value),
    Journal(Value),
}

#[derive(Arbitrary, Debug)]
struct Doc {
    fields: Vec<Field>,
    namespaced: bool,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Only characters XML 1.0 allows (no \r: the parser normalises it away).
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn value(v: &Value) -> String {
    let mut s = escape(&v.text);
    for &w in v.wrap.iter().take(64) {
        let tag = WRAPPERS[w as usize % WRAPPERS.len()];
        s = format!("<{tag}>{s}</{tag}>");
    }
    s
}

fn attr(v: &Value) -> String {
    escape(&v.text)
}

fn build(doc: &Doc) -> String {
    let (mut title_stmt, mut publication, mut monogr, mut imprint, mut profile) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    for f in doc.fields.iter().take(64) {
        match f {
            Field::Title(v, kind) => {
                let kind = match kind.map(|k| k % 3) {
                    Some(0) => r#" type="main""#,
                    Some(1) => r#" type="sub""#,
                    _ => "",
                };
                title_stmt.push_str(&format!("<title{kind}>{}</title>", value(v)));
            }
            Field::Author {
                forename,
                surname,
                email,
                orcid,
                affiliation,
            } => {
                title_stmt.push_str(&format!(
                    "<author><persName><forename>{}</forename><surname>{}</surname></persName>",
                    value(forename),
                    value(surname)
                ));
                if let Some(e) = email {
                    title_stmt.push_str(&format!("<email>{}</email>", value(e)));
                }
                if let Some(o) = orcid {
                    title_stmt.push_str(&format!(r#"<idno type="ORCID">{}</idno>"#, value(o)));
                }
                if let Some(a) = affiliation {
                    title_stmt.push_str(&format!(
                        r#"<affiliation><orgName type="institution">{}</orgName></affiliation>"#,
                        value(a)
                    ));
                }
                title_stmt.push_str("</author>");
            }
            Field::Keyword(terms) => {
                profile.push_str(r#"<textClass><keywords scheme="author">"#);
                for t in terms.iter().take(32) {
                    profile.push_str(&format!("<term>{}</term>", value(t)));
                }
                profile.push_str("</keywords></textClass>");
            }
            Field::Abstract(ps) => {
                profile.push_str("<abstract>");
                for p in ps.iter().take(16) {
                    profile.push_str(&format!("<p>{}</p>", value(p)));
                }
                profile.push_str("</abstract>");
            }
            Field::Idno(kind, v) => {
                let kind = ["DOI", "ISSN", "eISSN", "URI", "volume"][*kind as usize % 5];
                publication.push_str(&format!(r#"<idno type="{kind}">{}</idno>"#, value(v)));
            }
            Field::Date(v, when) => {
                let when = when
                    .as_ref()
                    .map(|w| format!(r#" when="{}""#, attr(w)))
                    .unwrap_or_default();
                imprint.push_str(&format!("<date{when}>{}</date>", value(v)));
            }
            Field::BiblScope(unit, v, from) => {
                let unit = ["volume", "issue", "page"][*unit as usize % 3];
                let from = from
                    .as_ref()
                    .map(|w| format!(r#" from="{}""#, attr(w)))
                    .unwrap_or_default();
                imprint.push_str(&format!(
                    r#"<biblScope unit="{unit}"{from}>{}</biblScope>"#,
                    value(v)
                ));
            }
            Field::Publisher(v) => {
                imprint.push_str(&format!("<publisher>{}</publisher>", value(v)));
            }
            Field::Journal(v) => {
                monogr.push_str(&format!(r#"<title level="j">{}</title>"#, value(v)));
            }
        }
    }
    let ns = if doc.namespaced {
        r#" xmlns="http://www.tei-c.org/ns/1.0""#
    } else {
        ""
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI{ns}><teiHeader><fileDesc>\
         <titleStmt>{title_stmt}</titleStmt><publicationStmt>{publication}</publicationStmt>\
         <sourceDesc><biblStruct><monogr>{monogr}<imprint>{imprint}</imprint></monogr>\
         </biblStruct></sourceDesc></fileDesc><profileDesc>{profile}</profileDesc>\
         </teiHeader><text><body><p/></body></text></TEI>"
    )
}

fuzz_target!(|doc: Doc| {
    let xml = build(&doc);
    let parsed = teimeta::parse::parse_bytes(xml.as_bytes(), "fuzz.xml");
    let parsed = match parsed {
        Ok(d) => d,
        Err(e) => panic!("a well-formed document was refused: {e}\n{xml}"),
    };
    let profile = Profile::default_profile();
    let problems = check(&parsed, &profile);
    let report = FileReport::checked(parsed, problems, profile.name.as_str());
    let _ = report.short();
    serde_json::from_str::<serde_json::Value>(&report.json(false)).expect("json report");
    for format in [
        Format::Json,
        Format::Csv,
        Format::JsonLd,
        Format::Bibtex,
        Format::Csl,
        Format::Ris,
    ] {
        common::export(xml.as_bytes(), format);
    }
});
