//! The deposit formats (issue 11): `convert --to crossref` (Crossref 5.3.1 `doi_batch`)
//! and `convert --to doaj` (DOAJ article XML).
//!
//! - A hand-built article with every field each format carries, checked field by field
//!   and against the published schema (`../shared/oracles/check_xsd.sh`, xmllint).
//! - Every readable sample and corpus file, one at a time and as one batch: a file with
//!   no error under `validate --profile crossref` (or `doaj`) gives a deposit the schema
//!   accepts; a file with one is refused (exit 1) with exactly validate's error lines.
//! - Golden outputs of the seed article: refused as it is (no journal, ISSN, date or
//!   DOI), and deposited once those are added (`samples/seed-youn-deposit.xml`).
//! - The deposit options: flags, a profile's `[deposit]` table, usage errors.
//!
//! The schema checks skip visibly when `../shared` or xmllint is absent, and fail instead
//! under `TEIMETA_STRICT_TESTS=1`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::fixtures::{deposit_article, doc, export};
use teimeta::export::{crossref, doaj};

/// Fixed deposit options, so that outputs are reproducible.
const DEPOSIT: &[&str] = &[
    "--depositor-name",
    "Example Institute Press",
    "--depositor-email",
    "deposits@press.example",
    "--registrant",
    "Example Institute Press",
    "--timestamp",
    "20261207000000000",
    "--resource-url",
    "https://journal.example/article/{doi}",
];

/// The deposit flags `format` takes: the head's are Crossref's only (given to `--to doaj`
/// they are a usage error), the landing-page template is both formats'.
fn flags(format: &str) -> &'static [&'static str] {
    if format == "crossref" {
        DEPOSIT
    } else {
        &DEPOSIT[DEPOSIT.len() - 2..]
    }
}

fn crossref_options() -> crossref::Options {
    crossref::Options {
        depositor_name: "Example Institute Press".into(),
        depositor_email: "deposits@press.example".into(),
        registrant: "Example Institute Press".into(),
        batch_id: Some("batch-0001".into()),
        timestamp: Some("20261207000000000".into()),
        resource_url: Some("https://journal.example/article/{doi}".into()),
    }
}

/// The schema checker, or a visible skip when `../shared` or xmllint is absent.
fn checker_or_skip(test: &str) -> Option<PathBuf> {
    let script = common::shared().map(|s| s.join("oracles/check_xsd.sh"));
    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    match script {
        Some(s) if s.is_file() && xmllint => Some(s),
        _ => {
            common::skip(
                test,
                "the schema checker is absent (../shared/oracles/check_xsd.sh and xmllint)",
            );
            None
        }
    }
}

/// Runs the checker on `file` against `schema` (`crossref` or `doaj`): `Err(why)` when
/// the file does not validate.
fn check_xsd(checker: &Path, schema: &str, file: &Path) -> Result<(), String> {
    let out = Command::new("sh")
        .arg(checker)
        .arg(schema)
        .arg(file)
        .output()
        .expect("sh runs");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn write(scratch: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = scratch.join(name);
    std::fs::write(&p, bytes).expect("the scratch dir is writable");
    p
}

// ---- one full article through each exporter ----------------------------------------

#[test]
fn crossref_deposit_of_a_full_article() {
    let d = doc("full.xml", deposit_article());
    let out = export(
        crossref::Crossref::new(Vec::new(), crossref_options()),
        &[d],
    );
    let xml = String::from_utf8(out).unwrap();
    for want in [
        "<doi_batch xmlns=\"http://www.crossref.org/schema/5.3.1\"",
        "<doi_batch_id>batch-0001</doi_batch_id>",
        "<timestamp>20261207000000000</timestamp>",
        "<depositor_name>Example Institute Press</depositor_name>",
        "<email_address>deposits@press.example</email_address>",
        "<full_title>Revue d'exemple</full_title>",
        "<issn media_type=\"print\">0000-0019</issn>",
        "<issn media_type=\"electronic\">0000-0027</issn>",
        "<volume>7</volume>",
        "<issue>2</issue>",
        "<journal_article publication_type=\"full_text\" language=\"fr\">",
        "<title>Lire les en-têtes &lt;savants&gt;</title>",
        "<subtitle>sans les abîmer</subtitle>",
        "<title>Reading scholarly headers</title>",
        "<person_name sequence=\"first\" contributor_role=\"author\">",
        "<given_name>Élodie</given_name>",
        "<surname>de La Fontaine</surname>",
        "<institution_name>Université d'Exemple</institution_name>",
        "<institution_id type=\"ror\">https://ror.org/05example</institution_id>",
        "<institution_place>Lyon, France</institution_place>",
        "<institution_department>Laboratoire d'exemple</institution_department>",
        "<institution_department>Faculté des lettres</institution_department>",
        "<ORCID>https://orcid.org/0000-0002-1825-0097</ORCID>",
        "<person_name sequence=\"additional\" contributor_role=\"author\">",
        "<institution_name>Seoul Example University</institution_name>",
        "<organization sequence=\"additional\" contributor_role=\"author\">Groupe Métadonnées &amp; Archives</organization>",
        "<jats:abstract xml:lang=\"fr\">",
        "<jats:p>Second paragraphe &amp; fin.</jats:p>",
        "<jats:abstract xml:lang=\"en\">",
        "<month>06</month>",
        "<day>05</day>",
        "<year>2024</year>",
        "<first_page>101</first_page>",
        "<last_page>118</last_page>",
        "<doi>10.5555/exemple.2024.7</doi>",
        "<resource>https://journal.example/article/10.5555/exemple.2024.7</resource>",
    ] {
        assert!(xml.contains(want), "missing {want:?} in\n{xml}");
    }
    // GRID is not an institution_id type of 5.3.1; no email reaches a deposit.
    assert!(!xml.contains("grid"), "{xml}");
    assert!(!xml.contains("elodie@"), "{xml}");
    // Order the schema requires: given name before surname, affiliations before ORCID.
    let at = |s: &str| xml.find(s).unwrap();
    assert!(at("<given_name>Élodie") < at("<surname>de La Fontaine"));
    assert!(at("<affiliations>") < at("<ORCID>"));
    assert!(at("</contributors>") < at("<jats:abstract"));

    let Some(checker) = checker_or_skip("crossref_deposit_of_a_full_article") else {
        return;
    };
    let scratch = common::Scratch::new("deposit-crossref-full");
    let file = write(&scratch, "full.xml", xml.as_bytes());
    if let Err(why) = check_xsd(&checker, "crossref", &file) {
        panic!("the Crossref schema refuses the deposit: {why}\n{xml}");
    }
}

#[test]
fn crossref_obstacles_name_what_the_profile_cannot_see() {
    let mut a = deposit_article();
    let mut o = crossref_options();
    assert!(crossref::obstacles(&a, &o).is_empty());
    o.resource_url = None;
    let why = crossref::obstacles(&a, &o);
    assert_eq!(why.len(), 1, "{why:?}");
    assert!(why[0].starts_with("no resource URL"), "{why:?}");
    a.url = Some(common::fixtures::t("https://journal.example/a/7"));
    assert!(crossref::obstacles(&a, &o).is_empty());
    a.date = Some(common::fixtures::t("1350"));
    let why = crossref::obstacles(&a, &o);
    assert!(why[0].contains("1350"), "{why:?}");
}

#[test]
fn doaj_record_of_a_full_article() {
    let d = doc("full.xml", deposit_article());
    let out = export(doaj::Doaj::new(Vec::new(), doaj::Options::default()), &[d]);
    let xml = String::from_utf8(out).unwrap();
    for want in [
        "<records>\n  <record>\n    <language>fre</language>",
        "<publisher>Presses d'Exemple</publisher>",
        "<journalTitle>Revue d'exemple</journalTitle>",
        "<issn>0000-0019</issn>",
        "<eissn>0000-0027</eissn>",
        "<publicationDate>2024-06-05</publicationDate>",
        "<startPage>101</startPage>",
        "<endPage>118</endPage>",
        "<doi>10.5555/exemple.2024.7</doi>",
        "<documentType>article</documentType>",
        "<title language=\"fre\">Lire les en-têtes &lt;savants&gt;: sans les abîmer</title>",
        "<title language=\"eng\">Reading scholarly headers</title>",
        "<name>Élodie de La Fontaine</name>",
        "<affiliationId>1</affiliationId>",
        "<orcid_id>https://orcid.org/0000-0002-1825-0097</orcid_id>",
        "<name>Min-jun Kim</name>",
        "<affiliationId>2</affiliationId>",
        "<name>Groupe Métadonnées &amp; Archives</name>",
        "<affiliationName affiliationId=\"1\">Laboratoire d'exemple, Faculté des lettres, Université d'Exemple, Lyon, contact:</affiliationName>",
        "<affiliationName affiliationId=\"2\">Seoul Example University</affiliationName>",
        "<abstract language=\"fre\">Premier paragraphe.\n\nSecond paragraphe &amp; fin.</abstract>",
        "<abstract language=\"eng\">One paragraph.</abstract>",
        "<fullTextUrl>https://doi.org/10.5555/exemple.2024.7</fullTextUrl>",
        "<keywords language=\"fre\">\n      <keyword>métadonnées</keyword>\n      <keyword>TEI</keyword>\n    </keywords>",
        "<keywords language=\"eng\">\n      <keyword>metadata</keyword>\n    </keywords>",
    ] {
        assert!(xml.contains(want), "missing {want:?} in\n{xml}");
    }
    // DOAJ's rules: no email address anywhere; classifications are not keywords.
    assert!(!xml.contains('@'), "{xml}");
    assert!(!xml.contains("<email>"), "{xml}");
    assert!(!xml.contains("Computer science"), "{xml}");

    // The template wins over the DOI's resolver URL, and the TEI's URL over both.
    let o = doaj::Options {
        resource_url: Some("https://journal.example/article/{doi}".into()),
    };
    let mut a = deposit_article();
    let out = export(
        doaj::Doaj::new(Vec::new(), o.clone()),
        &[doc("a.xml", a.clone())],
    );
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("<fullTextUrl>https://journal.example/article/10.5555/exemple.2024.7<"));
    a.url = Some(common::fixtures::t("https://journal.example/pdf/7"));
    let out = export(doaj::Doaj::new(Vec::new(), o), &[doc("a.xml", a)]);
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("<fullTextUrl>https://journal.example/pdf/7<"));

    let Some(checker) = checker_or_skip("doaj_record_of_a_full_article") else {
        return;
    };
    let scratch = common::Scratch::new("deposit-doaj-full");
    let file = write(&scratch, "full.xml", xml.as_bytes());
    if let Err(why) = check_xsd(&checker, "doaj", &file) {
        panic!("the DOAJ schema refuses the record: {why}\n{xml}");
    }
}

// ---- every sample and corpus file: deposited or refused as the profile says ----------

/// Readable samples, then readable corpus files; `None` (a visible skip) without the
/// corpus.
fn readable_files(test: &str) -> Option<Vec<PathBuf>> {
    let corpus = common::corpus_or_skip(test)?;
    let mut files = common::corpus_files(&common::root().join("samples"));
    files.extend(common::corpus_files(&corpus));
    Some(
        files
            .into_iter()
            .filter(|f| common::teimeta(&["convert", "--to", "json", f.to_str().unwrap()]).0 == 0)
            .collect(),
    )
}

/// The error lines of `validate --profile PROFILE --format short FILE`.
fn profile_errors(profile: &str, file: &str) -> Vec<String> {
    let (_, out, _) =
        common::teimeta(&["validate", "--profile", profile, "--format", "short", file]);
    out.lines()
        .filter(|l| l.contains(": error["))
        .map(str::to_string)
        .collect()
}

/// Runs the checker once on all `files` (xmllint reads the schema once: the Crossref
/// schema, with JATS and MathML, takes seconds to load): for each file, `Err(why)` when
/// it does not validate.
fn check_all(checker: &Path, schema: &str, files: &[PathBuf]) -> Vec<Result<(), String>> {
    if files.is_empty() {
        return Vec::new();
    }
    let out = Command::new("sh")
        .arg(checker)
        .arg(schema)
        .args(files)
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let verdicts: Vec<Result<(), String>> = files
        .iter()
        .map(|f| {
            let name = f.to_str().unwrap();
            if stderr.contains(&format!("{name} validates")) {
                Ok(())
            } else {
                let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with(name)).collect();
                Err(lines.join("\n"))
            }
        })
        .collect();
    // Whatever the lines say, a failed run must have failed some file.
    assert!(
        out.status.success() || verdicts.iter().any(Result::is_err),
        "the checker failed: {stderr}"
    );
    verdicts
}

/// Holds every readable file to the consistency rule for `format`, one at a time and then
/// as one batch; returns (accepted, refused).
fn consistency(test: &str, format: &str) -> Option<(usize, usize)> {
    let files = readable_files(test)?;
    let checker = checker_or_skip(test)?;
    let scratch = common::Scratch::new(&format!("deposit-consistency-{format}"));
    let mut failures = Vec::new();
    let (mut accepted, mut refused) = (Vec::new(), 0);
    for (i, f) in files.iter().enumerate() {
        let name = f.to_str().unwrap();
        let errors = profile_errors(format, name);
        let out = scratch.join(format!("{i}.xml"));
        let mut args = vec!["convert", "--to", format, "-q", "-o", out.to_str().unwrap()];
        args.extend_from_slice(flags(format));
        args.push(name);
        let (code, _, err) = common::teimeta(&args);
        if errors.is_empty() {
            if code != 0 {
                failures.push(format!("{name}: no {format} error, yet refused: {err}"));
                continue;
            }
            accepted.push((name.to_string(), out));
        } else {
            refused += 1;
            if code != 1 {
                failures.push(format!("{name}: {format} errors, yet exit {code}"));
            }
            if !err.contains(&format!("{name}: not deposited with")) {
                failures.push(format!("{name}: the refusal does not name the file: {err}"));
            }
            for e in &errors {
                if !err.lines().any(|l| l == e) {
                    failures.push(format!("{name}: the refusal lacks {e:?}; it says:\n{err}"));
                }
            }
            // The profile's errors, in validate's words; after them (`error[deposit]`)
            // only what the profile cannot see, such as a year Crossref does not take.
            let listed = err.lines().filter(|l| l.contains(": error[tei::")).count();
            if listed != errors.len() {
                failures.push(format!(
                    "{name}: {listed} errors listed, validate gives {}:\n{err}",
                    errors.len()
                ));
            }
        }
    }
    // One batch: the accepted ones all in one valid output, every refusal reported.
    let out = scratch.join("batch.xml");
    let mut args = vec!["convert", "--to", format, "-q", "-o", out.to_str().unwrap()];
    args.extend_from_slice(flags(format));
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let (code, _, err) = common::teimeta(&args);
    let want_code = if refused > 0 { 1 } else { 0 };
    if code != want_code {
        failures.push(format!("batch: exit {code}, want {want_code}"));
    }
    let refusals = err.matches(": not deposited with").count();
    if refusals != refused {
        failures.push(format!(
            "batch: {refusals} refusals reported, want {refused}"
        ));
    }
    let mut outputs: Vec<PathBuf> = accepted.iter().map(|(_, o)| o.clone()).collect();
    outputs.push(out.clone());
    let verdicts = check_all(&checker, format, &outputs);
    for ((name, _), verdict) in accepted.iter().zip(&verdicts) {
        if let Err(why) = verdict {
            failures.push(format!("{name}: the schema refuses it: {why}"));
        }
    }
    if let Some(Err(why)) = verdicts.last() {
        failures.push(format!("batch: the schema refuses it: {why}"));
    }
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let element = if format == "crossref" {
        "<journal>"
    } else {
        "<record>"
    };
    if text.matches(element).count() != accepted.len() {
        failures.push(format!(
            "batch: {} {element} elements, want {}",
            text.matches(element).count(),
            accepted.len()
        ));
    }
    assert!(
        failures.is_empty(),
        "{format}: {} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Some((accepted.len(), refused))
}

#[test]
fn crossref_deposits_exactly_what_the_crossref_profile_passes() {
    if let Some((ok, no)) = consistency(
        "crossref_deposits_exactly_what_the_crossref_profile_passes",
        "crossref",
    ) {
        eprintln!("crossref: {ok} files deposited, {no} refused");
        assert!(ok >= 5, "too few depositable files to prove anything: {ok}");
    }
}

#[test]
fn doaj_lists_exactly_what_the_doaj_profile_passes() {
    if let Some((ok, no)) = consistency("doaj_lists_exactly_what_the_doaj_profile_passes", "doaj") {
        eprintln!("doaj: {ok} files listed, {no} refused");
        assert!(ok >= 5, "too few listable files to prove anything: {ok}");
    }
}

// ---- golden outputs of the seed article ----------------------------------------------

/// Compares `actual` with `tests/snapshots/NAME`, or rewrites it under
/// `UPDATE_SNAPSHOTS=1`.
fn golden(name: &str, actual: &str) {
    let path = common::root().join("tests/snapshots").join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(
        actual, want,
        "{name} differs (review, then rerun with UPDATE_SNAPSHOTS=1)"
    );
}

#[test]
fn the_seed_as_it_is_is_refused_for_want_of_journal_issn_date_and_doi() {
    for format in ["crossref", "doaj"] {
        let mut args = vec!["convert", "--to", format, "-q"];
        args.extend_from_slice(flags(format));
        args.push("samples/seed-youn.xml");
        let out = Command::new(common::bin())
            .args(&args)
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        golden(&format!("seed-youn.{format}.refused.txt"), &stderr);
    }
}

#[test]
fn the_seed_with_its_deposit_facts_is_deposited() {
    for format in ["crossref", "doaj"] {
        let mut args = vec!["convert", "--to", format, "-q"];
        if format == "crossref" {
            args.extend(["--batch-id", "seed-1"]);
        }
        args.extend_from_slice(flags(format));
        args.push("samples/seed-youn-deposit.xml");
        let out = Command::new(common::bin())
            .args(&args)
            .current_dir(common::root())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        golden(&format!("seed-youn-deposit.{format}.xml"), &stdout);
    }
}

// ---- options -------------------------------------------------------------------------

#[test]
fn crossref_needs_its_depositor_and_says_which_flag() {
    let seed = common::root().join("samples/seed-youn-deposit.xml");
    let (code, out, err) = common::teimeta(&[
        "convert",
        "--to",
        "crossref",
        "--registrant",
        "X",
        "--depositor-email",
        "a@b.example",
        seed.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--depositor-name"), "{err}");
    let (code, _, err) = common::teimeta(&[
        "convert",
        "--to",
        "crossref",
        "--registrant",
        "X",
        "--depositor-name",
        "X",
        "--depositor-email",
        "a@b.example",
        "--resource-url",
        "https://j.example/a/",
        seed.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("{doi}"), "{err}");
}

#[test]
fn a_profile_deposit_table_gives_the_settings_and_flags_override_it() {
    let scratch = common::Scratch::new("deposit-profile");
    let profile = write(
        &scratch,
        "journal.toml",
        b"name = \"journal\"\nextends = \"crossref\"\n[deposit]\n\
          depositor_name = \"Journal Office\"\ndepositor_email = \"office@journal.example\"\n\
          registrant = \"Journal Society\"\nresource_url = \"https://journal.example/doi/{doi}\"\n",
    );
    let seed = common::root().join("samples/seed-youn-deposit.xml");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "convert",
            "--to",
            "crossref",
            "-q",
            "--timestamp",
            "1",
            "--profile",
            profile.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.push(seed.to_str().unwrap());
        common::teimeta(&args)
    };
    let (code, out, err) = run(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("<depositor_name>Journal Office</depositor_name>"),
        "{out}"
    );
    assert!(
        out.contains("<registrant>Journal Society</registrant>"),
        "{out}"
    );
    assert!(out
        .contains("<resource>https://journal.example/doi/10.5555/example.seed.2016.12</resource>"));
    let (code, out, err) = run(&["--registrant", "Someone Else"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("<registrant>Someone Else</registrant>"),
        "{out}"
    );
    assert!(out.contains("<depositor_name>Journal Office</depositor_name>"));
}

#[test]
fn out_dir_writes_only_the_deposited_inputs_and_the_report_says_why() {
    let scratch = common::Scratch::new("deposit-out-dir");
    let dir = scratch.join("out");
    let report = scratch.join("report.json");
    let samples = common::root().join("samples");
    let mut args = vec![
        "convert",
        "--to",
        "doaj",
        "-q",
        "--out-dir",
        dir.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    let seed = samples.join("seed-youn.xml");
    let deposit = samples.join("seed-youn-deposit.xml");
    args.push(seed.to_str().unwrap());
    args.push(deposit.to_str().unwrap());
    let (code, _, err) = common::teimeta(&args);
    assert_eq!(code, 1, "{err}");
    assert!(dir.join("seed-youn-deposit.xml").is_file());
    assert!(!dir.join("seed-youn.xml").exists());
    let lines = std::fs::read_to_string(&report).unwrap();
    let refused = lines
        .lines()
        .find(|l| l.contains("seed-youn.xml"))
        .expect("a record for the refused seed");
    assert!(refused.contains("\"outcome\":\"errors\""), "{refused}");
    assert!(refused.contains("tei::journal::missing"), "{refused}");
}

// ---- any text in any field -------------------------------------------------------------

/// Every text node of `xml` (text and entity references joined), entities resolved;
/// panics when `xml` is not well-formed.
fn xml_texts(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event();
        if matches!(event, Ok(Event::Start(_) | Event::End(_) | Event::Eof)) && !current.is_empty()
        {
            out.push(std::mem::take(&mut current));
        }
        match event {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => current.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                current.push_str(match r.xml10_content().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                });
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{xml}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements:\n{xml}");
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Attack text in the title, names, journal, affiliation, abstract and keywords: both
    /// formats stay well-formed XML, and the title and journal come back as written.
    #[test]
    fn any_text_in_any_field_stays_well_formed(
        title in common::attack(),
        surname in common::attack(),
        journal in common::attack(),
        place in common::attack(),
        text in common::attack(),
    ) {
        let mut a = deposit_article();
        a.titles[0].text = common::fixtures::t(&title);
        a.authors[0].surname = Some(common::fixtures::t(&surname));
        a.authors[0].affiliations[0].units[2].names[0].text = place.clone();
        a.authors[1].affiliations[0] = common::fixtures::affiliation(&place);
        a.journal = Some(common::fixtures::t(&journal));
        a.abstracts[0].text = common::fixtures::t(&text);
        a.keywords[0].text = common::fixtures::t(&text);
        let d = doc("attack.xml", a);
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let crossref = String::from_utf8(export(
            crossref::Crossref::new(Vec::new(), crossref_options()),
            std::slice::from_ref(&d),
        )).unwrap();
        let texts: Vec<String> = xml_texts(&crossref).iter().map(|t| fold(t)).collect();
        for want in [&title, &journal] {
            let want = fold(want);
            if !want.is_empty() {
                proptest::prop_assert!(texts.iter().any(|t| t.contains(&want)), "{want:?} lost:\n{crossref}");
            }
        }
        let doaj = String::from_utf8(export(
            doaj::Doaj::new(Vec::new(), doaj::Options::default()),
            std::slice::from_ref(&d),
        )).unwrap();
        let texts: Vec<String> = xml_texts(&doaj).iter().map(|t| fold(t)).collect();
        let want = fold(&journal);
        if !want.is_empty() {
            proptest::prop_assert!(texts.contains(&want), "{want:?} lost:\n{doaj}");
        }
    }
}
