//! Completeness: for every corpus file (and every readable sample), each title, author
//! family name, keyword and abstract of the JSON record (`convert --to json`) is present
//! in the CSV tables, in the JSON-LD and in the BibTeX. Each test prints the share of
//! values found, per format, and fails on any value that is missing.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use biblatex::{Bibliography, ChunksExt};
use serde_json::Value;
use teimeta::export::csv::needs_guard;

/// The files to check: readable samples, then the readable corpus files (sorted), each
/// with its JSON record. `None` when the corpus is absent (a visible skip).
fn inputs(test: &str) -> Option<Vec<(PathBuf, Value)>> {
    let corpus = common::corpus_or_skip(test)?;
    let mut files = Vec::new();
    let samples = common::root().join("samples");
    if samples.is_dir() {
        files.extend(common::corpus_files(&samples));
    }
    files.extend(common::corpus_files(&corpus));
    let total = files.len();
    let mut out = Vec::new();
    for f in files {
        let (code, stdout, _) = common::teimeta(&["convert", "--to", "json", f.to_str().unwrap()]);
        if code != 0 {
            continue; // not readable: nothing to be complete about
        }
        let record: Value = serde_json::from_str(stdout.trim()).expect("one JSON record");
        out.push((f, record));
    }
    // A check over no file proves nothing: most files must be readable (the corpus holds
    // a few negative controls that are not TEI).
    assert!(
        out.len() * 10 >= total * 9,
        "only {} of {total} files are readable",
        out.len()
    );
    Some(out)
}

/// What must be found, by kind, for one record.
struct Wanted {
    titles: Vec<String>,
    families: Vec<String>,
    keywords: Vec<String>,
    abstracts: Vec<String>,
}

fn strings(v: &Value, key: &str, inner: Option<&str>) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| match inner {
                    Some(k) => x[k].as_str(),
                    None => x.as_str(),
                })
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn wanted(record: &Value) -> Wanted {
    Wanted {
        titles: strings(record, "titles", Some("text")),
        families: strings(record, "authors", Some("surname")),
        keywords: strings(record, "keywords", None),
        abstracts: strings(record, "abstracts", Some("text")),
    }
}

/// Tallies found values; keeps a line for each missing one.
#[derive(Default)]
struct Tally {
    wanted: usize,
    found: usize,
    missing: Vec<String>,
}

impl Tally {
    fn check(&mut self, file: &Path, kind: &str, value: &str, found: bool) {
        self.wanted += 1;
        if found {
            self.found += 1;
        } else {
            let short: String = value.chars().take(70).collect();
            self.missing
                .push(format!("{}: {kind} {short:?}", file.display()));
        }
    }

    fn finish(self, format: &str) {
        let pct = if self.wanted == 0 {
            100.0
        } else {
            100.0 * self.found as f64 / self.wanted as f64
        };
        eprintln!(
            "completeness {format}: {}/{} values present ({pct:.1}%)",
            self.found, self.wanted
        );
        assert!(
            self.missing.is_empty(),
            "{format}: {} of {} values missing:\n{}",
            self.missing.len(),
            self.wanted,
            self.missing.join("\n")
        );
    }
}

/// A fresh directory for this test's files (see [`common::Scratch`]).
fn scratch(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("completeness-{name}"))
}

// ---- CSV --------------------------------------------------------------------------------

fn read_csv(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("the table exists");
    reader
        .records()
        .map(|r| r.expect("a well-formed record"))
        .collect()
}

/// A cell's value with the formula guard undone.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// True when `value` is the cell, or one of its separator-joined values (or, for a value
/// that itself holds the separator, a part of the cell).
fn in_cell(value: &str, cell: &str) -> bool {
    let cell = unguard(cell);
    cell == value
        || cell.split("; ").any(|part| part == value)
        || (value.contains("; ") && cell.contains(value))
}

#[test]
fn csv_tables_hold_every_title_family_name_keyword_and_abstract() {
    let Some(inputs) = inputs("csv_tables_hold_every_title_family_name_keyword_and_abstract")
    else {
        return;
    };
    let dir = scratch("csv");
    let mut tally = Tally::default();
    for (i, (file, record)) in inputs.iter().enumerate() {
        let tables = dir.join(i.to_string());
        let (code, _, err) = common::teimeta(&[
            "convert",
            "--to",
            "csv",
            "--tables",
            tables.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{}: {err}", file.display());
        let articles = read_csv(&tables.join("articles.csv"));
        let authors = read_csv(&tables.join("authors.csv"));
        assert_eq!(
            articles.len(),
            2,
            "{}: a header and one row",
            file.display()
        );
        let col = |name: &str| articles[0].iter().position(|c| c == name).unwrap();
        let row = &articles[1];
        let any_of = |names: &[&str], v: &str| names.iter().any(|n| in_cell(v, &row[col(n)]));
        let want = wanted(record);
        for t in &want.titles {
            tally.check(
                file,
                "title",
                t,
                any_of(&["title", "subtitle", "other_titles"], t),
            );
        }
        let family = authors[0].iter().position(|c| c == "family").unwrap();
        let families: BTreeSet<&str> = authors[1..].iter().map(|r| unguard(&r[family])).collect();
        for f in &want.families {
            tally.check(file, "family name", f, families.contains(f.as_str()));
        }
        for k in &want.keywords {
            tally.check(file, "keyword", k, any_of(&["keywords"], k));
        }
        for a in &want.abstracts {
            tally.check(
                file,
                "abstract",
                a,
                any_of(&["abstract", "other_abstracts"], a),
            );
        }
    }
    tally.finish("CSV tables");
}

// ---- JSON-LD ----------------------------------------------------------------------------

/// Every string under `key` in `node`: plain strings, `@value`s, lists and arrays.
fn values_at<'a>(node: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::String(s) => out.push(s),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                if let Some(Value::String(s)) = o.get("@value") {
                    out.push(s);
                }
                if let Some(list) = o.get("@list") {
                    walk(list, out);
                }
            }
            _ => {}
        }
    }
    if let Some(v) = node.get(key) {
        walk(v, out);
    }
}

fn people(node: &Value) -> Vec<&Value> {
    match &node["author"] {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => o
            .get("@list")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_else(|| vec![&node["author"]]),
        _ => vec![],
    }
}

#[test]
fn jsonld_holds_every_title_family_name_keyword_and_abstract() {
    let Some(inputs) = inputs("jsonld_holds_every_title_family_name_keyword_and_abstract") else {
        return;
    };
    let mut tally = Tally::default();
    for (file, record) in &inputs {
        let (code, out, err) =
            common::teimeta(&["convert", "--to", "jsonld", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {err}", file.display());
        let doc: Value = serde_json::from_str(&out).expect("one JSON document");
        let nodes: Vec<&Value> = doc["@graph"]
            .as_array()
            .expect("an @graph")
            .iter()
            .filter(|n| n["@type"] == "ScholarlyArticle")
            .collect();
        assert_eq!(nodes.len(), 1, "{}: one article node", file.display());
        let node = nodes[0];
        let collect = |keys: &[&str]| {
            let mut v = Vec::new();
            for k in keys {
                values_at(node, k, &mut v);
            }
            v
        };
        let want = wanted(record);
        let titles = collect(&["name", "headline", "alternativeHeadline", "alternateName"]);
        for t in &want.titles {
            tally.check(file, "title", t, titles.contains(&t.as_str()));
        }
        let mut families = Vec::new();
        for p in people(node) {
            values_at(p, "familyName", &mut families);
            if p["@type"] == "Organization" {
                values_at(p, "name", &mut families);
            }
        }
        for f in &want.families {
            tally.check(file, "family name", f, families.contains(&f.as_str()));
        }
        let keywords = collect(&["keywords"]);
        for k in &want.keywords {
            tally.check(file, "keyword", k, keywords.contains(&k.as_str()));
        }
        let abstracts = collect(&["abstract"]);
        for a in &want.abstracts {
            tally.check(file, "abstract", a, abstracts.contains(&a.as_str()));
        }
    }
    tally.finish("JSON-LD");
}

// ---- BibTeX -----------------------------------------------------------------------------

/// White space collapsed, `\par` as a space, protective braces dropped: what a value reads
/// like once LaTeX has typeset it.
fn plain(s: &str) -> String {
    let s = s.replace("\\par", " ").replace(['{', '}'], "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn bibtex_holds_every_title_family_name_keyword_and_abstract() {
    let Some(inputs) = inputs("bibtex_holds_every_title_family_name_keyword_and_abstract") else {
        return;
    };
    let mut tally = Tally::default();
    let mut unusable = Vec::new();
    for (file, record) in &inputs {
        let (code, out, err) =
            common::teimeta(&["convert", "--to", "bibtex", file.to_str().unwrap()]);
        if code != 0 {
            unusable.push(format!("{}: exit {code}: {}", file.display(), err.trim()));
            continue;
        }
        let bib = match Bibliography::parse(&out) {
            Ok(bib) => bib,
            Err(e) => {
                unusable.push(format!(
                    "{}: the biblatex crate cannot parse it: {e}",
                    file.display()
                ));
                continue;
            }
        };
        let entries: Vec<_> = bib.iter().collect();
        if entries.len() != 1 {
            unusable.push(format!(
                "{}: {} entries, want 1",
                file.display(),
                entries.len()
            ));
            continue;
        }
        let entry = entries[0];
        // Every field's text, unescaped by the biblatex crate, braces and spacing folded.
        let fields: Vec<String> = entry
            .fields
            .values()
            .map(|chunks| plain(&chunks.format_verbatim()))
            .collect();
        let anywhere = |v: &str| {
            let v = plain(v);
            fields.iter().any(|f| f.contains(&v))
        };
        let field = |name: &str| entry.get(name).map(|c| plain(&c.format_verbatim()));
        let want = wanted(record);
        for t in &want.titles {
            // biblatex prints the punctuation between title and subtitle itself, so a
            // title's trailing colon (GROBID's "Humans in the Loop:") may be dropped.
            let bare = t.trim_end_matches(|c: char| c.is_whitespace() || ":;,.".contains(c));
            tally.check(
                file,
                "title",
                t,
                anywhere(t) || (!bare.is_empty() && anywhere(bare)),
            );
        }
        let mut families = Vec::new();
        for role in ["author", "editor"] {
            if let Some(chunks) = entry.get(role) {
                let list: Vec<biblatex::Person> = chunks.parse().unwrap_or_default();
                for p in list {
                    families.push(plain(&p.name));
                    families.push(plain(&format!("{} {}", p.prefix, p.name)));
                }
            }
        }
        for f in &want.families {
            tally.check(file, "family name", f, families.contains(&plain(f)));
        }
        let keywords = field("keywords").unwrap_or_default();
        for k in &want.keywords {
            tally.check(file, "keyword", k, keywords.contains(&plain(k)));
        }
        for a in &want.abstracts {
            tally.check(file, "abstract", a, anywhere(a));
        }
    }
    assert!(
        unusable.is_empty(),
        "BibTeX export unusable for {} of {} files:\n{}",
        unusable.len(),
        inputs.len(),
        unusable.join("\n")
    );
    tally.finish("BibTeX");
}

// ---- Crossref and DOAJ (issue 11) --------------------------------------------------------

/// The deposit options the completeness runs use.
const DEPOSIT: &[&str] = &[
    "--depositor-name",
    "Example Press",
    "--depositor-email",
    "deposits@press.example",
    "--registrant",
    "Example Press",
    "--timestamp",
    "1",
    "--resource-url",
    "https://journal.example/article/{doi}",
];

/// The text of every `<tag …>…</tag>` element in `xml` (no nested markup), entities
/// resolved and white space collapsed.
fn element_texts(xml: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        let text = body[..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        out.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &body[end..];
    }
    out
}

/// White space collapsed.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ISSN's digits and check character.
fn issn_digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Every depositable input through `format`, checked for its titles, family names, DOI,
/// ISSNs and (when `keywords`) author keywords. Refused inputs have nothing to be complete
/// about (`export_deposit.rs` holds the refusals to the profile).
fn deposit_completeness(
    test: &str,
    format: &str,
    title_tags: &[&str],
    name_tags: &[&str],
    keywords: bool,
) {
    let Some(inputs) = inputs(test) else {
        return;
    };
    let mut tally = Tally::default();
    let mut deposited = 0;
    for (file, record) in &inputs {
        let mut args = vec!["convert", "--to", format, "-q"];
        args.extend_from_slice(DEPOSIT);
        args.push(file.to_str().unwrap());
        let (code, xml, err) = common::teimeta(&args);
        if code == 1 && err.contains("not deposited with") {
            continue;
        }
        assert_eq!(code, 0, "{}: {err}", file.display());
        deposited += 1;
        let titles: Vec<String> = title_tags
            .iter()
            .flat_map(|t| element_texts(&xml, t))
            .collect();
        let names: Vec<String> = name_tags
            .iter()
            .flat_map(|t| element_texts(&xml, t))
            .collect();
        let want = wanted(record);
        for t in &want.titles {
            let t = folded(t);
            tally.check(file, "title", &t, titles.iter().any(|x| x.contains(&t)));
        }
        for f in &want.families {
            let f = folded(f);
            tally.check(
                file,
                "family name",
                &f,
                names.iter().any(|x| x.contains(&f)),
            );
        }
        if keywords {
            let found = element_texts(&xml, "keyword");
            for k in &want.keywords {
                let k = folded(k);
                tally.check(file, "keyword", &k, found.contains(&k));
            }
        }
        if let Some(doi) = record["doi"].as_str() {
            let doi = teimeta::ids::doi::nfkc(doi.trim()).into_owned();
            let found = element_texts(&xml, "doi");
            tally.check(file, "DOI", &doi, found.contains(&doi));
        }
        let issns: Vec<String> = ["issn", "eissn"]
            .iter()
            .flat_map(|t| element_texts(&xml, t))
            .map(|i| issn_digits(&i))
            .collect();
        for key in ["issn", "eissn"] {
            if let Some(v) = record[key].as_str().filter(|v| !v.trim().is_empty()) {
                let same_as_print = key == "eissn"
                    && record["issn"].as_str().map(issn_digits) == Some(issn_digits(v));
                tally.check(
                    file,
                    key,
                    v,
                    same_as_print || issns.contains(&issn_digits(v)),
                );
            }
        }
    }
    eprintln!(
        "{format}: {deposited} of {} readable files deposited",
        inputs.len()
    );
    assert!(
        deposited > 0,
        "{format}: no file deposited: nothing was checked"
    );
    tally.finish(format);
}

#[test]
fn crossref_holds_every_title_family_name_doi_and_issn() {
    deposit_completeness(
        "crossref_holds_every_title_family_name_doi_and_issn",
        "crossref",
        &["title", "subtitle"],
        &["surname", "organization"],
        false,
    );
}

#[test]
fn doaj_holds_every_title_family_name_keyword_doi_and_issn() {
    deposit_completeness(
        "doaj_holds_every_title_family_name_keyword_doi_and_issn",
        "doaj",
        &["title"],
        &["name"],
        true,
    );
}
