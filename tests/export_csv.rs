//! CSV export: round trips of arbitrary text through the `csv` crate's reader (property
//! tests on hand-built articles), the formula guard, and `teimeta convert --to csv` as a
//! user runs it (one header for a batch, CRLF, BOM, separator, `--tables`, unreadable
//! files).

mod common;

use std::path::Path;

use common::fixtures::{article_fields, doc, hard_text, t, title, ArticleFields, PersonFields};
use proptest::prelude::*;
use teimeta::export::csv::{
    article_id, needs_guard, Csv, Options, Tables, AFFILIATION_COLUMNS, ARTICLE_COLUMNS, TABLES,
};
use teimeta::{Article, Author, Document};

// ---- helpers ----------------------------------------------------------------------------

/// A fresh directory for this test's files (see [`common::Scratch`]).
fn scratch(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("export-csv-{name}"))
}

fn export(options: &Options, docs: &[Document]) -> Vec<u8> {
    common::fixtures::export(Csv::new(Vec::new(), options.clone()), docs)
}

/// Every record of `bytes`, read back with the csv crate (header included).
fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| {
            r.expect("a well-formed record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

fn column(name: &str) -> usize {
    ARTICLE_COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// What a cell holds for `value`, with or without the guard.
fn cell(value: &str, guard: bool) -> String {
    if guard && needs_guard(value) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

// ---- property tests: any text survives ---------------------------------------------------

/// The byline form of one author, as the module docs state it: `Family, Given`; a
/// corporate author by its name; a person without a family name by the display name.
fn byline(p: &PersonFields) -> String {
    let some = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    if p.org {
        if let Some(n) = some(&p.name).or(some(&p.family)) {
            return n;
        }
    }
    match (some(&p.family), some(&p.given)) {
        (Some(f), Some(g)) => format!("{f}, {g}"),
        (Some(f), None) => f,
        (None, g) => some(&p.name).or(g).unwrap_or_default(),
    }
}

/// Checks one article row against the fields it was made from.
fn check_row(row: &[String], source: &str, f: &ArticleFields, opts: &Options) {
    let g = opts.formula_guard;
    let sep = &opts.separator;
    let join = |values: Vec<String>| cell(&values.join(sep), g);
    let get = |name: &str| row[column(name)].clone();
    assert_eq!(row.len(), ARTICLE_COLUMNS.len());
    // The stable id: the DOI when well-formed, else a hash of the path and the text.
    assert_eq!(get("id"), article_id(&doc(source, f.article()), source));
    assert_eq!(get("source"), cell(source, g));
    assert_eq!(get("title"), cell(&f.title, g));
    assert_eq!(get("subtitle"), cell(&f.subtitle, g));
    assert_eq!(get("other_titles"), cell(&f.translated, g));
    assert_eq!(get("keywords"), join(f.keywords.clone()));
    assert_eq!(get("classifications"), join(f.classifications.clone()));
    // The model picks the main abstract (by the document's language); every other one
    // goes to other_abstracts, in document order.
    let art = f.article();
    let main = art.main_abstract().map(|m| m.text.as_str().to_string());
    let mut others: Vec<String> = f.abstracts.iter().map(|(_, t)| t.clone()).collect();
    if let Some(m) = &main {
        let i = others
            .iter()
            .position(|o| o == m)
            .expect("the main is one of them");
        others.remove(i);
    }
    assert_eq!(get("abstract"), cell(&main.unwrap_or_default(), g));
    assert_eq!(get("other_abstracts"), join(others));
    let s = &f.single;
    for (name, value) in [
        ("language", &s.language),
        ("journal", &s.journal),
        ("issn", &s.issn),
        ("eissn", &s.eissn),
        ("volume", &s.volume),
        ("issue", &s.issue),
        ("first_page", &s.first_page),
        ("last_page", &s.last_page),
        ("publisher", &s.publisher),
        ("url", &s.url),
    ] {
        let want = value.clone().unwrap_or_default();
        assert_eq!(get(name), cell(&want, g), "column {name}");
    }
    assert_eq!(get("authors"), join(f.people.iter().map(byline).collect()));
    // The DOI in NFKC form.
    let doi = s
        .doi
        .as_deref()
        .map(|d| teimeta::ids::doi::nfkc(d).into_owned());
    assert_eq!(get("doi"), cell(&doi.unwrap_or_default(), g));
    // Dates in ISO 8601, or an empty cell.
    let iso = |d: Option<&str>| d.and_then(teimeta::ids::date::iso).unwrap_or_default();
    assert_eq!(get("date"), iso(s.date.as_deref()));
    // Book, series, editors, event.
    let b = &f.book;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    assert_eq!(get("container"), cell(&o(&b.container), g));
    assert_eq!(get("series"), cell(&o(&b.series), g));
    let container_doi = b
        .container_doi
        .as_deref()
        .map(|d| teimeta::ids::doi::nfkc(d).into_owned());
    assert_eq!(
        get("container_doi"),
        cell(&container_doi.unwrap_or_default(), g)
    );
    assert_eq!(
        get("editors"),
        join(b.editors.iter().map(|e| byline(&e.person)).collect())
    );
    let event = b.event.as_ref();
    assert_eq!(get("event"), cell(event.map_or("", |e| e.name.as_str()), g));
    assert_eq!(
        get("event_start"),
        iso(event.and_then(|e| e.start.as_deref()))
    );
    assert_eq!(get("event_end"), iso(event.and_then(|e| e.end.as_deref())));
    assert_eq!(
        get("event_place"),
        cell(&event.map_or(String::new(), |e| o(&e.place)), g)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Without the guard, every value comes back exactly; with it, exactly or behind one `'`.
    #[test]
    fn any_text_survives_the_csv_round_trip(
        batch in proptest::collection::vec(article_fields(), 1..4),
        guard in any::<bool>(),
        bom in any::<bool>(),
        separator in prop_oneof![Just("; ".to_string()), Just(" | ".to_string()), hard_text()],
    ) {
        let opts = Options { formula_guard: guard, bom, separator };
        let docs: Vec<Document> = batch
            .iter()
            .enumerate()
            .map(|(i, f)| doc(&format!("in/{i}.xml"), f.article()))
            .collect();
        let bytes = export(&opts, &docs);
        prop_assert_eq!(bytes.starts_with("\u{feff}".as_bytes()), bom);
        let rows = read_back(&bytes);
        prop_assert_eq!(rows.len(), docs.len() + 1);
        prop_assert_eq!(&rows[0], &ARTICLE_COLUMNS.to_vec());
        for (i, f) in batch.iter().enumerate() {
            check_row(&rows[i + 1], &format!("in/{i}.xml"), f, &opts);
        }
    }

    /// The tables keep every author field and every affiliation apart, exactly.
    #[test]
    fn any_text_survives_the_tables_round_trip(batch in proptest::collection::vec(article_fields(), 1..3)) {
        let opts = Options { formula_guard: false, ..Options::default() };
        let docs: Vec<Document> = batch.iter().map(|f| doc("a.xml", f.article())).collect();
        let tables = Tables::new(std::array::from_fn(|_| Vec::new()), opts.clone());
        let [articles, authors, affiliations, editors, abstracts, keywords] =
            common::fixtures::export(tables, &docs).map(|bytes| read_back(&bytes));
        for (table, (name, columns)) in [&articles, &authors, &affiliations, &editors, &abstracts, &keywords]
            .into_iter()
            .zip(TABLES)
        {
            prop_assert_eq!(&table[0], &columns.to_vec(), "{}", name);
        }
        prop_assert_eq!(articles.len(), docs.len() + 1);
        // Exactly what convert --to csv writes for the same batch.
        prop_assert_eq!(&articles, &read_back(&export(&opts, &docs)));
        let mut au = authors.iter().skip(1);
        let mut af = affiliations.iter().skip(1);
        let mut ab = abstracts.iter().skip(1);
        let mut kw = keywords.iter().skip(1);
        for (i, f) in batch.iter().enumerate() {
            let id = &articles[i + 1][0];
            prop_assert_eq!(id, &article_id(&docs[i], "a.xml"));
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            for (j, p) in f.people.iter().enumerate() {
                let row = au.next().expect("one row per author");
                let texts: Vec<String> = p.affiliations.iter().map(|a| a.text.clone()).collect();
                let want = vec![
                    id.clone(), (j + 1).to_string(), o(&p.family), o(&p.given),
                    o(&p.name), p.org.to_string(), o(&p.role), o(&p.orcid), o(&p.email),
                    p.corresponding.to_string(), texts.join("; "), String::new(),
                ];
                prop_assert_eq!(row, &want);
                for (k, a) in p.affiliations.iter().enumerate() {
                    let row = af.next().expect("one row per affiliation");
                    let want = vec![
                        id.clone(), (j + 1).to_string(), (k + 1).to_string(),
                        a.text.clone(), o(&a.department), o(&a.institution), o(&a.settlement),
                        o(&a.country),
                    ];
                    prop_assert_eq!(row, &want);
                }
            }
            // Each abstract and each term in its own row: a separator in the text is safe.
            for (lang, text) in &f.abstracts {
                let row = ab.next().expect("one row per abstract");
                prop_assert_eq!(row, &vec![id.clone(), lang.clone(), text.clone()]);
            }
            for k in &f.keywords {
                let row = kw.next().expect("one row per keyword");
                let want = vec![id.clone(), String::new(), String::new(), k.clone(), "true".into()];
                prop_assert_eq!(row, &want);
            }
            for k in &f.classifications {
                let row = kw.next().expect("one row per term");
                let want =
                    vec![id.clone(), String::new(), "subjects".into(), k.clone(), "false".into()];
                prop_assert_eq!(row, &want);
            }
        }
        prop_assert!(au.next().is_none());
        prop_assert!(af.next().is_none());
        prop_assert!(ab.next().is_none());
        prop_assert!(kw.next().is_none());
        let mut ed = editors.iter().skip(1);
        for (i, f) in batch.iter().enumerate() {
            let id = &articles[i + 1][0];
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            for (j, e) in f.book.editors.iter().enumerate() {
                let p = &e.person;
                let row = ed.next().expect("one row per editor");
                let want = vec![
                    id.clone(), (j + 1).to_string(), e.of.as_str().to_string(), o(&e.role),
                    o(&p.family), o(&p.given), o(&p.name), p.org.to_string(), o(&p.orcid),
                ];
                prop_assert_eq!(row, &want);
            }
        }
        prop_assert!(ed.next().is_none());
    }

    /// Every record ends in CRLF, outside quoted cells as well as after the header.
    #[test]
    fn records_end_in_crlf(batch in proptest::collection::vec(article_fields(), 0..3)) {
        let docs: Vec<Document> = batch.iter().map(|f| doc("a.xml", f.article())).collect();
        let bytes = export(&Options::default(), &docs);
        prop_assert!(bytes.ends_with(b"\r\n"));
        // Outside quotes, every LF is preceded by CR.
        let mut quoted = false;
        let mut prev = 0u8;
        for &b in &bytes {
            if b == b'"' {
                quoted = !quoted;
            }
            if b == b'\n' && !quoted {
                prop_assert_eq!(prev, b'\r');
            }
            prev = b;
        }
    }
}

#[test]
fn the_guard_covers_every_formula_starter_and_nothing_else() {
    for start in ["=", "+", "-", "@", "\t", "\r"] {
        assert!(needs_guard(&format!("{start}1+1")), "{start:?}");
    }
    for safe in ["", "1", "'=x", " =x", "a=b", "#1", "漢字"] {
        assert!(!needs_guard(safe), "{safe:?}");
    }
}

#[test]
fn a_guarded_cell_reads_back_with_its_quote() {
    let a = Article {
        titles: vec![title("=cmd|'/C calc'!A0", "main", None)],
        authors: vec![Author {
            surname: Some(t("-Dash")),
            ..Default::default()
        }],
        ..Default::default()
    };
    let rows = read_back(&export(&Options::default(), &[doc("a.xml", a.clone())]));
    assert_eq!(rows[1][column("title")], "'=cmd|'/C calc'!A0");
    assert_eq!(rows[1][column("authors")], "'-Dash");
    let exact = Options {
        formula_guard: false,
        ..Options::default()
    };
    let rows = read_back(&export(&exact, &[doc("a.xml", a)]));
    assert_eq!(rows[1][column("title")], "=cmd|'/C calc'!A0");
}

// ---- the CLI ----------------------------------------------------------------------------

/// A small hand-encoded TEI header.
fn tei(title: &str, surnames: &[&str], journal: &str) -> String {
    let authors: String = surnames
        .iter()
        .map(|s| {
            format!(
                "<author><persName><forename>A.</forename><surname>{s}</surname></persName></author>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title type="main">{title}</title>{authors}</titleStmt>
<publicationStmt><publisher>Pub</publisher></publicationStmt>
<sourceDesc><biblStruct><monogr><title level="j">{journal}</title>
<imprint><date type="published" when="2020"/></imprint></monogr></biblStruct></sourceDesc>
</fileDesc><profileDesc><textClass><keywords><term>alpha</term><term>beta</term></keywords>
</textClass><abstract><p>Short abstract.</p></abstract></profileDesc></teiHeader></TEI>
"#
    )
}

fn write_inputs(dir: &Path) -> Vec<String> {
    let files = [
        (
            "a.xml",
            tei(
                "First &amp; foremost",
                &["Lovelace", "Babbage"],
                "J. Streams",
            ),
        ),
        ("b.xml", "<TEI><teiHeader>".to_string()), // malformed: cannot be read
        ("c.xml", tei("=SUM(A1:A9)", &["O'Neil"], "J. Streams")),
    ];
    files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p.display().to_string()
        })
        .collect()
}

#[test]
fn a_batch_is_one_header_and_a_row_per_readable_article() {
    let dir = scratch("cli-batch");
    let inputs = write_inputs(&dir);
    let args: Vec<&str> = ["convert", "--to", "csv"]
        .into_iter()
        .chain(inputs.iter().map(String::as_str))
        .collect();
    let (code, out, err) = common::teimeta(&args);
    assert_eq!(code, 1, "an unreadable input makes the exit status 1");
    assert!(err.contains("b.xml"), "the unreadable file is named: {err}");
    assert!(!out.starts_with('\u{feff}'), "no BOM unless asked");
    assert!(out.starts_with("id,source,title,"), "{out}");
    let rows = read_back(out.as_bytes());
    assert_eq!(rows.len(), 3, "header and two readable articles: {rows:?}");
    assert_eq!(rows[1][column("title")], "First & foremost");
    assert_eq!(rows[1][column("authors")], "Lovelace, A.; Babbage, A.");
    assert_eq!(rows[1][column("keywords")], "alpha; beta");
    assert!(rows[2][column("id")].starts_with("tei-"), "{rows:?}");
    assert_ne!(rows[1][column("id")], rows[2][column("id")]);
    assert_eq!(
        rows[2][column("title")],
        "'=SUM(A1:A9)",
        "formula guard on by default"
    );
    assert!(rows[2][column("source")].ends_with("c.xml"));
    assert_eq!(out.matches("\r\n").count(), 3, "CRLF after each record");
    assert_eq!(out.matches('\n').count(), 3, "no bare LF");
}

#[test]
fn options_bom_separator_and_exact_values_reach_the_output() {
    let dir = scratch("cli-options");
    let inputs = write_inputs(&dir);
    let out_file = dir.join("out.csv");
    let (code, out, _) = common::teimeta(&[
        "convert",
        "--to",
        "csv",
        "--bom",
        "--separator",
        " | ",
        "--no-formula-guard",
        "-o",
        out_file.to_str().unwrap(),
        &inputs[0],
        &inputs[2],
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "-o leaves stdout empty");
    let bytes = std::fs::read(&out_file).unwrap();
    assert!(bytes.starts_with("\u{feff}id,".as_bytes()));
    let rows = read_back(&bytes);
    assert_eq!(rows[1][column("authors")], "Lovelace, A. | Babbage, A.");
    assert_eq!(rows[2][column("title")], "=SUM(A1:A9)");
}

#[test]
fn tables_link_authors_to_articles_by_id() {
    let dir = scratch("cli-tables");
    let inputs = write_inputs(&dir);
    let tables = dir.join("tables");
    let (code, out, _) = common::teimeta(&[
        "convert",
        "--to",
        "csv",
        "--tables",
        tables.to_str().unwrap(),
        &inputs[0],
        &inputs[1],
        &inputs[2],
    ]);
    assert_eq!(code, 1);
    let read = |name: &str| read_back(&std::fs::read(tables.join(name)).unwrap());
    let articles = read("articles.csv");
    assert_eq!(
        articles,
        read_back(out.as_bytes()),
        "articles.csv is the CSV output"
    );
    let ids: Vec<&str> = articles[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    let authors = read("authors.csv");
    let rows: Vec<(&str, &str, &str)> = authors[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (ids[0], "1", "Lovelace"),
            (ids[0], "2", "Babbage"),
            (ids[1], "1", "O'Neil")
        ]
    );
    assert_eq!(read("affiliations.csv"), vec![AFFILIATION_COLUMNS.to_vec()]);
    let keywords = read("keywords.csv");
    let terms: Vec<(&str, &str)> = keywords[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        terms,
        [
            (ids[0], "alpha"),
            (ids[0], "beta"),
            (ids[1], "alpha"),
            (ids[1], "beta")
        ]
    );
    let abstracts = read("abstracts.csv");
    assert_eq!(abstracts.len(), 3, "{abstracts:?}");
    assert_eq!(abstracts[2], [ids[1], "", "Short abstract."]);
}

/// Tables written by separate runs (one file at a time, from another directory, in
/// another order) have the same ids, so they can be appended to one another and joined.
#[test]
fn ids_are_stable_across_runs_and_directories() {
    let dir = scratch("cli-stable");
    let first = dir.join("one");
    let second = dir.join("two/deeper");
    let mut ids = Vec::new();
    for (root, files) in [(&first, ["a.xml", "c.xml"]), (&second, ["c.xml", "a.xml"])] {
        std::fs::create_dir_all(root.join("sub")).unwrap();
        for name in files {
            let text = tei(&format!("Title {name}"), &["Curie"], "J");
            std::fs::write(root.join("sub").join(name), text).unwrap();
        }
        let (code, out, err) = common::teimeta(&["convert", "--to", "csv", root.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let rows = read_back(out.as_bytes());
        let mut pairs: Vec<(String, String)> = rows[1..]
            .iter()
            .map(|r| (r[column("title")].clone(), r[0].clone()))
            .collect();
        pairs.sort();
        ids.push(pairs);
    }
    assert_eq!(ids[0], ids[1], "same relative path and text: same id");
    assert_ne!(ids[0][0].1, ids[0][1].1);
    // A file named alone on the command line is keyed by its path as given: still the
    // same whatever else is in the batch.
    let a = first.join("sub/a.xml");
    let alone = |args: &[&str]| {
        let (_, out, _) = common::teimeta(args);
        read_back(out.as_bytes())[1][0].clone()
    };
    let a = a.to_str().unwrap();
    let c = first.join("sub/c.xml");
    assert_eq!(
        alone(&["convert", "--to", "csv", a]),
        alone(&["convert", "--to", "csv", a, c.to_str().unwrap()])
    );
    // A well-formed DOI is the id.
    let doi = dir.join("doi.xml");
    let text = tei("With DOI", &["Curie"], "J").replace(
        "<publisher>Pub</publisher>",
        "<publisher>Pub</publisher><idno type=\"DOI\">10.1234/Stable.ID</idno>",
    );
    std::fs::write(&doi, text).unwrap();
    assert_eq!(
        alone(&["convert", "--to", "csv", doi.to_str().unwrap()]),
        "doi:10.1234/stable.id"
    );
}

#[test]
fn no_readable_input_still_writes_the_header() {
    let dir = scratch("cli-empty");
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "not xml").unwrap();
    let (code, out, err) = common::teimeta(&["convert", "--to", "csv", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.xml"));
    assert_eq!(out, format!("{}\r\n", ARTICLE_COLUMNS.join(",")));
}

#[test]
fn a_date_that_cannot_be_read_unambiguously_is_left_out_with_a_note() {
    let dir = scratch("cli-dates");
    let write = |name: &str, date: &str| {
        let text = tei("Dated", &["Curie"], "J").replace(
            r#"<date type="published" when="2020"/>"#,
            &format!("<date>{date}</date>"),
        );
        assert!(text.contains(date));
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let clear = write("clear.xml", "1er juillet 2010");
    let ambiguous = write("ambiguous.xml", "01/07/2010");
    let (code, out, err) = common::teimeta(&["convert", "--to", "csv", &clear, &ambiguous]);
    assert_eq!(code, 0, "a note is not an error: {err}");
    let rows = read_back(out.as_bytes());
    assert_eq!(rows[1][column("date")], "2010-07-01");
    assert_eq!(rows[2][column("date")], "", "never the raw text");
    assert!(!out.contains("01/07/2010"), "{out}");
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("ambiguous.xml:6:") && notes[0].contains("\"01/07/2010\""),
        "the note names the file, the line and the value: {err}"
    );
    let (_, _, quiet) = common::teimeta(&["convert", "--quiet", "--to", "csv", &ambiguous]);
    assert!(!quiet.contains("note:"), "{quiet}");
    let (_, json, err) = common::teimeta(&["convert", "--to", "json", &ambiguous]);
    assert!(
        json.contains("01/07/2010"),
        "JSON keeps the date as written"
    );
    assert!(!err.contains("note:"), "{err}");
}

/// Options of another format are a usage error that names them, before anything is
/// read or written.
#[test]
fn options_of_another_format_are_a_usage_error() {
    let dir = scratch("cli-inapplicable");
    let inputs = write_inputs(&dir);
    let tables = dir.join("tables");
    let tables = tables.to_str().unwrap();
    let out_file = dir.join("out.json");
    for (args, named) in [
        (vec!["--to", "json", "--tables", tables], vec!["--tables"]),
        (vec!["--to", "json", "--bom"], vec!["--bom"]),
        (vec!["--to", "csv", "--classic"], vec!["--classic"]),
        (
            vec!["--to", "bibtex", "--separator", "|"],
            vec!["--separator"],
        ),
        (
            vec!["--to", "jsonld", "--no-formula-guard", "--classic"],
            vec!["--no-formula-guard", "--classic"],
        ),
        (vec!["--ordered-authors"], vec!["--ordered-authors"]),
    ] {
        let mut argv = vec!["convert", "-o", out_file.to_str().unwrap()];
        argv.extend(&args);
        argv.push(&inputs[0]);
        let (code, out, err) = common::teimeta(&argv);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        for flag in named {
            assert!(err.contains(&format!("{flag} applies only to")), "{err}");
        }
        assert!(!out_file.exists(), "nothing written for {args:?}");
        assert!(!Path::new(tables).exists(), "no tables for {args:?}");
    }
    // The same options with their own format are fine.
    let (code, _, err) = common::teimeta(&[
        "convert",
        "--to",
        "csv",
        "--bom",
        "--separator",
        "|",
        "--tables",
        tables,
        &inputs[0],
    ]);
    assert_eq!(code, 0, "{err}");
}

/// The README's CSV example is what `convert --to csv` writes for the seed article today
/// (header included).
#[test]
fn the_readme_csv_example_is_todays_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let marker = "`teimeta convert --to csv samples/seed-youn.xml`:\n\n```csv\n";
    let start = readme
        .find(marker)
        .expect("the README shows the seed as CSV")
        + marker.len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let (code, out, _) =
        common::teimeta(&["convert", "-q", "--to", "csv", "samples/seed-youn.xml"]);
    assert_eq!(code, 0);
    assert_eq!(example, out.replace("\r\n", "\n"));
    assert!(example.starts_with(&format!("{}\n", ARTICLE_COLUMNS.join(","))));
}

/// `samples/invalid/date-format.xml` writes its date `30/06/2021` (no `@when`): the day is
/// above 12, so the exports write it in ISO 8601.
#[test]
fn the_date_format_sample_is_exported_in_iso() {
    let sample = "samples/invalid/date-format.xml";
    let (code, out, err) = common::teimeta(&["convert", "--to", "csv", sample]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_back(out.as_bytes())[1][column("date")], "2021-06-30");
    assert!(!err.contains("note:"), "{err}");
    let (code, out, _) = common::teimeta(&["convert", "--to", "jsonld", sample]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@graph"][0]["datePublished"], "2021-06-30");
}
