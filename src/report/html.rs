//! `--report FILE.html`: one self-contained page (inline CSS and JavaScript, nothing
//! fetched) that staff open in a browser.
//!
//! The page is rendered from a minijinja template (`templates/report.html`) with HTML
//! auto-escaping: the summary at the top is plain HTML. The records themselves travel as
//! one JSON block (`<script type="application/json">`, escaped by [`json_for_script`] so
//! that no input can close the block), and the page's script draws the table from them a
//! page of rows at a time, and a file's problems only when it is opened, so a report of
//! 10,000 files stays quick. The script writes every input value as text, never markup.

use std::io::{self, Write};

use minijinja::value::Serde;
use minijinja::{context, Environment, Value};
use serde::Serialize;

use super::{Outcome, Record};
use crate::text::thousands;

/// The template, compiled into the binary: the page needs no file at run time.
const TEMPLATE: &str = include_str!("templates/report.html");
/// Its name; the `.html` ending turns minijinja's HTML auto-escaping on.
const TEMPLATE_NAME: &str = "report.html";

/// What the page says about the run as a whole.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// The command that made the report: `validate` or `convert`.
    pub command: &'a str,
    /// The validation profile, for `validate`.
    pub profile: Option<&'a str>,
    /// How long the run took, in seconds.
    pub elapsed_seconds: f64,
    /// The tool and version, e.g. `teimeta 0.1.0`.
    pub generated_by: &'a str,
}

/// Every outcome, in the order the summary lists them.
const OUTCOMES: [Outcome; 7] = [
    Outcome::Valid,
    Outcome::Warnings,
    Outcome::Errors,
    Outcome::Converted,
    Outcome::Unreadable,
    Outcome::InternalError,
    Outcome::Skipped,
];

/// One count of the summary.
#[derive(Serialize)]
struct Count {
    name: &'static str,
    label: &'static str,
    count: usize,
    /// The count with thousands separators.
    shown: String,
}

fn label(o: Outcome) -> &'static str {
    match o {
        Outcome::Valid => "valid",
        Outcome::Warnings => "warnings only",
        Outcome::Errors => "errors",
        Outcome::Converted => "converted",
        Outcome::Unreadable => "unreadable",
        Outcome::InternalError => "internal error",
        Outcome::Skipped => "skipped",
    }
}

/// Writes the report page for `records` to `out`.
pub fn write<W: Write>(mut out: W, page: &Page<'_>, records: &[Record]) -> io::Result<()> {
    let mut env = Environment::new();
    env.add_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(io::Error::other)?;
    let template = env.get_template(TEMPLATE_NAME).map_err(io::Error::other)?;

    // The outcomes the command can have are always listed, others only when they occur.
    let expected: &[Outcome] = if page.command == "convert" {
        &[Outcome::Converted, Outcome::Unreadable]
    } else {
        &[
            Outcome::Valid,
            Outcome::Warnings,
            Outcome::Errors,
            Outcome::Unreadable,
        ]
    };
    let counts: Vec<Count> = OUTCOMES
        .iter()
        .map(|&o| {
            let count = records.iter().filter(|r| r.outcome == o).count();
            Count {
                name: o.as_str(),
                label: label(o),
                count,
                shown: thousands(count),
            }
        })
        .filter(|c| c.count > 0 || expected.iter().any(|o| o.as_str() == c.name))
        .collect();
    let errors: usize = records.iter().map(|r| r.errors).sum();
    let warnings: usize = records.iter().map(|r| r.warnings).sum();
    let seconds = if page.elapsed_seconds.is_finite() && page.elapsed_seconds >= 0.0 {
        page.elapsed_seconds
    } else {
        0.0
    };
    let rate = (seconds > 0.0 && !records.is_empty()).then(|| {
        let per_second = records.len() as f64 / seconds;
        if per_second >= 10.0 {
            format!("{} files/s", thousands(per_second as usize))
        } else {
            format!("{per_second:.1} files/s")
        }
    });

    let json = serde_json::to_string(records).map_err(io::Error::other)?;
    let ctx = context! {
        command => page.command,
        profile => page.profile,
        generated_by => page.generated_by,
        total => thousands(records.len()),
        elapsed => format!("{seconds:.2} s"),
        rate => rate,
        diagnostics => format!(
            "{} {}, {} {}",
            thousands(errors),
            if errors == 1 { "error" } else { "errors" },
            thousands(warnings),
            if warnings == 1 { "warning" } else { "warnings" },
        ),
        counts => Value::from(Serde(&counts)),
        // Safe to insert as is: json_for_script leaves no `<`, `>` or `&` in it.
        data => Value::from_safe_string(json_for_script(&json)),
    };
    let mut out = io::BufWriter::new(&mut out);
    template
        .render_captured_to(ctx, &mut out)
        .map_err(io::Error::other)?;
    out.flush()
}

/// `json` made safe inside an HTML `<script>` element: `<`, `>` and `&` become `\u003c`,
/// `\u003e` and `\u0026`, so neither `</script>` nor `<!--` can occur, and U+2028 and
/// U+2029 are escaped for older JavaScript parsers. Outside strings JSON holds none of
/// these characters, and inside strings the escapes decode to the same text, so the
/// result parses to the same value.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Diagnostic, Excerpt};

    const PAYLOAD: &str = "</script><script>document.title='pwned'</script><!-- \u{2028}\u{2029} & <img src=x onerror=alert(1)>";

    fn hostile() -> Record {
        Record {
            path: format!("dir/{PAYLOAD}.xml"),
            outcome: Outcome::Errors,
            profile: Some(format!("p{PAYLOAD}")),
            errors: 1,
            warnings: 0,
            diagnostics: vec![Diagnostic {
                severity: "error",
                code: "tei::title::missing".to_string(),
                message: format!("title {PAYLOAD}"),
                help: Some(PAYLOAD.to_string()),
                line: Some(2),
                column: Some(3),
                excerpt: Some(Excerpt {
                    first_line: 1,
                    lines: vec![PAYLOAD.to_string(), "<title/>".to_string()],
                }),
                labels: Vec::new(),
            }],
        }
    }

    fn render(page: &Page<'_>, records: &[Record]) -> String {
        let mut out = Vec::new();
        write(&mut out, page, records).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_for_script_leaves_nothing_that_ends_the_block_and_round_trips() {
        let json = serde_json::to_string(&hostile()).unwrap();
        let safe = json_for_script(&json);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} left in {safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        let orig: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, orig);
    }

    #[test]
    fn page_escapes_every_input_value() {
        let hostile_profile = format!("p{PAYLOAD}");
        let page = Page {
            command: "validate",
            profile: Some(&hostile_profile),
            elapsed_seconds: 1.5,
            generated_by: "teimeta <i>0</i>",
        };
        let html = render(&page, &[hostile()]);
        // The template's own script blocks are the only ones: the payload opened none.
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert_eq!(html.matches("</script>").count(), 2, "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<i>0</i>"), "{html}");
        assert!(html.contains("teimeta &lt;i&gt;0&lt;"), "{html}");
        // The header shows the profile as text.
        assert!(html.contains("p&lt;&#x2f;script&gt;") || html.contains("p&lt;/script&gt;"));
        // And the data block holds the payload, escaped.
        assert!(html.contains("\\u003c/script\\u003e\\u003cscript\\u003edocument.title"));
    }

    #[test]
    fn page_counts_outcomes_and_embeds_every_record() {
        let mut records = vec![hostile(), Record::converted("a.xml")];
        records.push(Record::internal_error("b.xml", "boom"));
        let page = Page {
            command: "convert",
            profile: None,
            elapsed_seconds: 2.0,
            generated_by: "teimeta test",
        };
        let html = render(&page, &records);
        let start = html.find("id=\"teimeta-data\">").unwrap() + "id=\"teimeta-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(data, serde_json::to_value(&records).unwrap());
        assert!(
            html.contains("data-status=\"converted\"><b>1</b>"),
            "{html}"
        );
        assert!(
            html.contains("data-status=\"internal_error\"><b>1</b>"),
            "{html}"
        );
        assert!(
            html.contains("data-status=\"unreadable\"><b>0</b>"),
            "{html}"
        );
        assert!(!html.contains("data-status=\"valid\""), "{html}");
        assert!(html.contains("2.00 s (1.5 files&#x2f;s)"), "{html}");
    }
}
