//! Shared by the exporter targets.

use teimeta::export::{bibtex, crossref, csl, csv, doaj, json, jsonld, ris, whole, Format};

/// Parses `data` and writes it in `format` with default and with every non-default
/// option; a JSON or JSON-LD output must parse back.
pub fn export(data: &[u8], format: Format) {
    let Ok(doc) = teimeta::parse::parse_bytes(data, "fuzz.xml") else {
        return;
    };
    let outputs: Vec<Vec<u8>> = match format {
        Format::Json => vec![whole(json::JsonLines::new(Vec::new()), &doc).expect("memory")],
        Format::Csv => {
            let other = csv::Options {
                separator: "|".to_string(),
                formula_guard: false,
                bom: true,
            };
            let mut outs = Vec::new();
            for options in [csv::Options::default(), other] {
                outs.push(whole(csv::Csv::new(Vec::new(), options.clone()), &doc).expect("memory"));
                let tables = whole(
                    csv::Tables::new(std::array::from_fn(|_| Vec::new()), options),
                    &doc,
                )
                .expect("memory");
                outs.extend(tables);
            }
            outs
        }
        Format::JsonLd => [false, true]
            .into_iter()
            .map(|ordered_authors| {
                let options = jsonld::Options { ordered_authors };
                whole(jsonld::JsonLd::new(Vec::new(), options), &doc).expect("memory")
            })
            .collect(),
        Format::Bibtex => [false, true]
            .into_iter()
            .map(|classic| {
                let options = bibtex::Options { classic };
                whole(bibtex::Bibtex::new(Vec::new(), options), &doc).expect("memory")
            })
            .collect(),
        Format::Csl => {
            vec![whole(csl::Csl::new(Vec::new(), csl::Options::default()), &doc).expect("memory")]
        }
        Format::Ris => {
            vec![whole(ris::Ris::new(Vec::new(), ris::Options::default()), &doc).expect("memory")]
        }
        Format::Crossref => {
            let options = crossref::Options {
                depositor_name: "Fuzz Press".to_string(),
                depositor_email: "fuzz@press.example".to_string(),
                registrant: "Fuzz Press".to_string(),
                batch_id: None,
                timestamp: Some("1".to_string()),
                resource_url: Some("https://journal.example/{doi}".to_string()),
            };
            vec![whole(crossref::Crossref::new(Vec::new(), options), &doc).expect("memory")]
        }
        Format::Doaj => {
            let options = doaj::Options {
                resource_url: Some("https://journal.example/{doi}".to_string()),
            };
            vec![whole(doaj::Doaj::new(Vec::new(), options), &doc).expect("memory")]
        }
    };
    for out in outputs {
        let text = String::from_utf8(out).expect("UTF-8 output");
        match format {
            Format::Json => {
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("JSON line");
                }
            }
            Format::JsonLd => {
                serde_json::from_str::<serde_json::Value>(&text).expect("JSON-LD");
            }
            Format::Csl => {
                serde_json::from_str::<serde_json::Value>(&text).expect("CSL-JSON");
            }
            Format::Ris => {
                // One record, every line a tagged RIS line.
                for line in text.split("\r\n").filter(|l| !l.is_empty()) {
                    let b = line.as_bytes();
                    assert!(
                        b.len() >= 6 && &b[2..6] == b"  - ",
                        "not a RIS line: {line:?}"
                    );
                }
                assert_eq!(text.matches("\r\nER  - \r\n").count(), 1, "one record");
            }
            Format::Crossref | Format::Doaj => {
                // Well-formed XML: teimeta's reader, which checks every byte, finds no
                // fault before the root (a deposit is not TEI, so NotTei is the answer).
                match teimeta::parse::parse_bytes(text.as_bytes(), "deposit.xml") {
                    Err(teimeta::ReadError::NotTei { .. }) => {}
                    other => panic!("a deposit is well-formed XML, not TEI: {other:?}"),
                }
            }
            _ => {}
        }
    }
}
