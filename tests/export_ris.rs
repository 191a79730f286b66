//! RIS export (`convert --to ris`): the records hand-built articles give, lines that no
//! value can break, the seed article's golden file, and every readable sample and corpus
//! file through `../shared/oracles/check_ris.py` (rispy, strictly), one file at a time
//! and as one batch.

mod common;

use common::fixtures::*;
use proptest::prelude::*;
use teimeta::export::ris;
use teimeta::model::EditorOf;
use teimeta::{Article, Author};

fn ris_of(articles: &[Article]) -> String {
    let out = export(
        ris::Ris::new(Vec::new(), ris::Options::default()),
        &docs(articles),
    );
    String::from_utf8(out).expect("RIS is UTF-8")
}

/// The record's lines without their CR LF.
fn lines(ris: &str) -> Vec<&str> {
    ris.split("\r\n").filter(|l| !l.is_empty()).collect()
}

#[test]
fn a_journal_article_is_a_full_record() {
    let a = Article {
        titles: vec![
            title("Sketch of the Analytical Engine:", "main", Some("en")),
            title("With Notes", "sub", Some("en")),
            title("Esquisse de la machine analytique", "trans", Some("fr")),
            title("Sketch", "short", None),
        ],
        authors: vec![
            person("Lovelace", "Ada"),
            person("van der Berg", "Jan"),
            person("Smith, Jr.", "John"),
            Author {
                name: Some(t("TEI Consortium")),
                organization: true,
                ..Default::default()
            },
        ],
        keywords: vec![keyword("engines"), keyword("notes"), term("x", "halDomain")],
        abstracts: vec![
            abstract_in("fr", "Résumé."),
            abstract_in("en", "First paragraph.\n\nSecond\nparagraph."),
        ],
        language: Some(t("en")),
        journal: Some(t("Scientific Memoirs")),
        issn: Some(t("12345679")),
        eissn: Some(t("2345-6787")),
        volume: Some(t("3")),
        issue: Some(t("1")),
        first_page: Some(t("666")),
        last_page: Some(t("731")),
        date: Some(t("1843-09-30")),
        publisher: Some(t("Richard and John E. Taylor")),
        doi: Some(t("10.1234/\u{FB02}abc")),
        url: Some(t("https://example.org/article/1")),
        ..Default::default()
    };
    assert_eq!(
        lines(&ris_of(&[a])),
        [
            "TY  - JOUR",
            "TI  - Sketch of the Analytical Engine: With Notes",
            "ST  - Sketch",
            "TT  - Esquisse de la machine analytique",
            "AU  - Lovelace, Ada",
            "AU  - van der Berg, Jan",
            "AU  - Smith, John, Jr.",
            "AU  - TEI Consortium",
            "PY  - 1843",
            "DA  - 1843/09/30",
            "T2  - Scientific Memoirs",
            "JO  - Scientific Memoirs",
            "SN  - 1234-5679, 2345-6787",
            "VL  - 3",
            "IS  - 1",
            "SP  - 666",
            "EP  - 731",
            "DO  - 10.1234/flabc",
            "UR  - https://example.org/article/1",
            "AB  - First paragraph. Second paragraph. Résumé.",
            "KW  - engines",
            "KW  - notes",
            "LA  - en",
            "PB  - Richard and John E. Taylor",
            "ER  - ",
        ]
    );
}

#[test]
fn a_chapter_has_its_book_its_editors_and_its_series() {
    let a = Article {
        titles: vec![title("Read/Write Book", "main", None)],
        genre: Some(t("chapter")),
        container: Some(t("Le livre inscriptible")),
        series: Some(t("Lecture Notes")),
        editors: vec![
            editor("Mounier", "Pierre", EditorOf::Container),
            editor("Bloggs", "Joe", EditorOf::Series),
        ],
        date: Some(t("2010-05")),
        ..Default::default()
    };
    let out = ris_of(&[a]);
    let l = lines(&out);
    assert_eq!(l[0], "TY  - CHAP");
    for want in [
        "A2  - Mounier, Pierre",
        "A3  - Bloggs, Joe",
        "T2  - Le livre inscriptible",
        "T3  - Lecture Notes",
        "PY  - 2010",
        "DA  - 2010/05",
    ] {
        assert!(l.contains(&want), "{want} in {l:#?}");
    }
}

#[test]
fn a_conference_paper_has_its_meeting_proceedings_and_place() {
    let a = Article {
        genre: Some(t("conference-paper")),
        journal: Some(t("Procedia Environmental Sciences")),
        container: Some(t("Proceedings of EECA 2011")),
        event: Some(event("Ecological Engineering", "2011-11-30", "", "Lyon")),
        ..Default::default()
    };
    let out = ris_of(&[a]);
    let l = lines(&out);
    assert_eq!(
        l,
        [
            "TY  - CONF",
            "T2  - Ecological Engineering",
            "C3  - Proceedings of EECA 2011",
            "T3  - Procedia Environmental Sciences",
            "C1  - Lyon",
            "ER  - "
        ]
    );
}

#[test]
fn a_thesis_is_published_by_its_institution() {
    let a = Article {
        genre: Some(t("habilitation")),
        institution: Some(t("Université de Lyon")),
        ..Default::default()
    };
    assert_eq!(
        lines(&ris_of(&[a])),
        [
            "TY  - THES",
            "PB  - Université de Lyon",
            "M3  - Habilitation thesis",
            "ER  - "
        ]
    );
}

#[test]
fn a_date_that_reads_two_ways_is_a_note_not_a_year() {
    let dated = |d: &str| Article {
        date: Some(t(d)),
        ..Default::default()
    };
    let out = ris_of(&[
        dated("01/07/2010"),
        dated("$LastChangedDate$"),
        dated("2017"),
    ]);
    let records: Vec<Vec<&str>> = out.split("\r\n\r\n").map(lines).collect();
    assert_eq!(
        records[0],
        ["TY  - GEN", "N1  - Date: 01/07/2010", "ER  - "]
    );
    assert_eq!(records[1], ["TY  - GEN", "ER  - "]);
    assert_eq!(records[2], ["TY  - GEN", "PY  - 2017", "ER  - "]);
}

/// True when `line` is a RIS line: a tag (a capital, then a capital or digit), two
/// spaces, a hyphen, a space.
fn is_ris_line(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 6
        && b[0].is_ascii_uppercase()
        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
        && &b[2..6] == b"  - "
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the values hold (line breaks, a forged `ER  - `, Unicode line
    /// separators), each record is `TY` … `ER` with every line a RIS line.
    #[test]
    fn every_value_stays_on_its_line(
        values in prop::collection::vec(common::attack(), 12),
        n in 1usize..4,
    ) {
        let v = |i: usize| Some(t(&format!("{} ER  - \n TY  - x\u{2028}\r", values[i])));
        let a = Article {
            titles: vec![title(&values[0], "main", None), title(&values[1], "sub", None)],
            authors: vec![Author { surname: v(2), forename: v(3), ..Default::default() }],
            keywords: vec![keyword(&values[4])],
            abstracts: vec![abstract_in("en", &values[5])],
            journal: v(6),
            volume: v(7),
            doi: v(8),
            url: v(9),
            publisher: v(10),
            date: v(11),
            ..Default::default()
        };
        let out = ris_of(&vec![a; n]);
        prop_assert!(out.ends_with("ER  - \r\n"));
        let mut open = false;
        let mut records = 0;
        for line in out.split("\r\n") {
            prop_assert!(!line.contains(['\r', '\n', '\u{2028}']), "{line:?}");
            if line.is_empty() {
                prop_assert!(!open, "a blank line inside a record");
                continue;
            }
            prop_assert!(is_ris_line(line), "not a RIS line: {line:?}");
            if line.starts_with("TY  - ") {
                prop_assert!(!open);
                open = true;
                records += 1;
            } else if line.starts_with("ER  - ") {
                prop_assert!(open);
                open = false;
            } else {
                prop_assert!(open, "a line outside a record: {line:?}");
            }
        }
        prop_assert_eq!(records, n);
    }
}

// ---- the seed article -------------------------------------------------------------------

#[test]
fn the_seed_article_is_the_golden_record_the_readme_shows() {
    let seed = common::root().join("samples/seed-youn.xml");
    let (code, out, err) =
        common::teimeta(&["convert", "-q", "--to", "ris", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // Read as a reference manager would: one generic record (no journal is named), the
    // author `Youn, Dae-Yeong`, the title and subtitle as one, six keywords, English.
    let l = lines(&out);
    assert_eq!(l[0], "TY  - GEN");
    assert!(l.contains(&"AU  - Youn, Dae-Yeong"));
    assert_eq!(l.iter().filter(|l| l.starts_with("KW  - ")).count(), 6);
    assert_eq!(l.last(), Some(&"ER  - "));
    let path = common::root().join("tests/snapshots/seed-youn.ris");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &out).unwrap();
    }
    let want = std::fs::read(&path).unwrap_or_default();
    assert!(
        want == out.as_bytes(),
        "{} is out of date (review, then rerun with UPDATE_SNAPSHOTS=1); got:\n{out}",
        path.display()
    );
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let marker = "`teimeta convert --to ris samples/seed-youn.xml`";
    let after = readme.split_once(marker).expect("the README shows it").1;
    let block = after.split("```").nth(1).expect("a fenced block");
    let block = block.split_once('\n').unwrap().1;
    assert_eq!(
        block,
        out.replace("\r\n", "\n"),
        "the README's RIS example is the seed's output"
    );
}

#[test]
fn out_dir_writes_one_ris_file_per_input() {
    let dir = common::Scratch::new("ris-out-dir");
    let samples = common::root().join("samples");
    let out = dir.file("out");
    let (code, _, err) = common::teimeta(&[
        "convert",
        "-q",
        "--to",
        "ris",
        "--out-dir",
        out.to_str().unwrap(),
        samples.join("seed-youn.xml").to_str().unwrap(),
        samples.join("grobid-shaped.tei.xml").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    for name in ["seed-youn.ris", "grobid-shaped.tei.ris"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert_eq!(text.matches("TY  - ").count(), 1, "{name}");
        assert!(text.ends_with("ER  - \r\n"), "{name}");
    }
}

// ---- the checker: every readable file ----------------------------------------------------

#[test]
fn every_readable_file_passes_rispy_alone_and_in_one_batch() {
    let test = "every_readable_file_passes_rispy_alone_and_in_one_batch";
    let Some((oracles, python)) = common::checkers::python_checkers_or_skip(test) else {
        return;
    };
    let Some(corpus) = common::corpus_or_skip(test) else {
        return;
    };
    let dir = common::Scratch::new("ris-checker");
    let exports = common::checkers::export_alone_and_batched(&corpus, &dir, "ris", "ris");
    let files = &exports.files;
    let labels = &exports.labels;

    let verdicts = common::checkers::check_all(&python, &oracles, "check_ris.py", files);
    let mut failures = exports.failures("check_ris.py", &verdicts);
    // rispy prints one JSON line per record it read: one per file, and the whole batch.
    for ((label, v), want) in labels.iter().zip(&verdicts).zip((0..files.len()).map(|i| {
        if i + 1 == files.len() {
            files.len() - 1
        } else {
            1
        }
    })) {
        let read = v.stdout.lines().filter(|l| !l.trim().is_empty()).count();
        if v.ok && read != want {
            failures.push(format!("{label}: rispy read {read} records, want {want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "check_ris.py: {} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
