//! Shared by the exporter targets.

use teimeta::export::{exporter, Format, Options};

/// Parses `data` and writes it in `format` with default and with the other options; a
/// JSON or JSON-LD output must parse back.
pub fn export(data: &[u8], format: Format) {
    let Ok(doc) = teimeta::parse::parse_bytes(data, "fuzz.xml") else {
        return;
    };
    let variants = [
        Options::default(),
        Options {
            classic_bibtex: true,
            ordered_authors: true,
            formula_guard: false,
            bom: true,
            separator: "|".to_string(),
        },
    ];
    for options in &variants {
        let mut out = Vec::new();
        let mut e = exporter(format, options);
        e.begin(&mut out).expect("write to memory");
        e.write(&mut out, &doc).expect("write to memory");
        e.finish(&mut out).expect("write to memory");
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
            _ => {}
        }
    }
}
