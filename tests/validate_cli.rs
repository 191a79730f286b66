//! `teimeta validate` and `teimeta profiles` as a user runs them: exit statuses, the JSON
//! record's shape, input order, profiles by name and by file, and the worked example of
//! `schemas/README.md`.

mod common;

use common::{root, teimeta};

const VALID: &str = "samples/seed-youn.xml";
const ERRORS: &str = "samples/invalid/title-missing.xml";
const WARNINGS: &str = "samples/invalid/seed-abstract-footnote.xml";
const MALFORMED: &str = "samples/invalid/malformed-xml.xml";
const NOT_TEI: &str = "samples/invalid/not-tei-docbook.xml";

fn json_records(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A fresh directory for this test's files (see [`common::Scratch`]).
fn scratch(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("validate-{name}"))
}

#[test]
fn exit_status_is_0_for_a_valid_file_and_for_warnings_only() {
    assert_eq!(teimeta(&["validate", VALID]).0, 0);
    let (code, out, _) = teimeta(&["validate", "--format", "short", WARNINGS]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[tei::lint::footnote_in_text]"),
        "{out}"
    );
}

#[test]
fn exit_status_is_1_for_an_error_or_a_warning_under_deny_warnings() {
    assert_eq!(teimeta(&["validate", ERRORS]).0, 1);
    assert_eq!(teimeta(&["validate", "--deny-warnings", WARNINGS]).0, 1);
    assert_eq!(teimeta(&["validate", "--deny-warnings", VALID]).0, 0);
}

#[test]
fn malformed_and_non_tei_files_are_per_file_errors_in_the_chosen_format() {
    let (code, out, _) = teimeta(&["validate", "--format", "json", MALFORMED, NOT_TEI, VALID]);
    assert_eq!(code, 1);
    let recs = json_records(&out);
    assert_eq!(recs.len(), 3, "one record per input: {out}");
    let malformed = &recs[0]["diagnostics"][0];
    assert_eq!(malformed["code"], "tei::xml::malformed");
    assert_eq!(malformed["line"], 12);
    assert!(malformed["column"].as_u64().unwrap() > 1);
    assert!(malformed["message"].as_str().unwrap().contains("</titel>"));
    let not_tei = &recs[1]["diagnostics"][0];
    assert_eq!(not_tei["code"], "tei::not_tei");
    assert_eq!(not_tei["line"], 7);
    assert!(not_tei["message"].as_str().unwrap().contains("<article>"));
    assert_eq!(recs[2]["valid"], true);

    let (_, short, _) = teimeta(&["validate", "--format", "short", MALFORMED]);
    assert!(
        short.starts_with(&format!("{MALFORMED}:12:"))
            && short.contains("error[tei::xml::malformed]"),
        "{short}"
    );
}

#[test]
fn exit_status_is_2_for_a_missing_path_an_unknown_profile_or_a_broken_profile() {
    let (code, _, err) = teimeta(&["validate", "no/such/file.xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.xml"), "{err}");

    let (code, _, err) = teimeta(&["validate", "--profile", "crossreff", VALID]);
    assert_eq!(code, 2);
    assert!(
        err.contains("crossreff") && err.contains("crossref"),
        "{err}"
    );

    let dir = scratch("broken-profile");
    let broken = dir.join("broken.toml");
    std::fs::write(
        &broken,
        "name = \"j\"\n\n[[rule]]\nfield = \"titel\"\nlevel = \"required\"\n",
    )
    .unwrap();
    let (code, out, err) = teimeta(&["validate", "--profile", broken.to_str().unwrap(), VALID]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing validated: {out}");
    // The renderer wraps long lines, so look for the words, not the sentence.
    assert!(
        err.contains("unknown field") && err.contains("`titel`"),
        "{err}"
    );
    assert!(err.contains("broken.toml:4:"), "points at line 4: {err}");

    // A usage error (no path) is clap's, also 2.
    assert_eq!(teimeta(&["validate"]).0, 2);
}

#[test]
fn a_missing_path_among_good_ones_still_exits_2() {
    let (code, _, _) = teimeta(&["validate", VALID, "no/such/file.xml"]);
    assert_eq!(code, 2);
}

#[test]
fn an_unreadable_file_is_exit_1_as_in_convert_and_the_others_are_checked() {
    // Was 2 in validate (1 in convert): the exit statuses now mean the same in both.
    let dir = scratch("unreadable");
    std::fs::write(dir.join("big.xml"), "<TEI>".repeat(40_000)).unwrap();
    for cmd in ["validate", "convert"] {
        let (code, out, err) =
            teimeta(&[cmd, "--max-file-size", "100K", VALID, dir.to_str().unwrap()]);
        assert_eq!(code, 1, "{cmd}: {err}");
        // validate reports it in its report on stdout, convert on stderr.
        let shown = if cmd == "validate" { &out } else { &err };
        assert!(
            shown.contains("big.xml") && shown.contains("refused"),
            "{cmd}: {shown}"
        );
    }
}

#[test]
fn json_is_one_record_per_file_in_input_order_with_the_documented_keys() {
    let (_, out, _) = teimeta(&["validate", "--format", "json", WARNINGS, VALID, ERRORS]);
    let recs = json_records(&out);
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, [WARNINGS, VALID, ERRORS]);
    for r in &recs {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["diagnostics", "errors", "source", "valid", "warnings"]
        );
        for d in r["diagnostics"].as_array().unwrap() {
            let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(
                keys,
                ["code", "column", "help", "labels", "line", "message", "severity"]
            );
            assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
            // The first label is the diagnostic's own place.
            let first = &d["labels"][0];
            assert_eq!(
                (&first["line"], &first["column"]),
                (&d["line"], &d["column"])
            );
            assert!(!first["text"].as_str().unwrap().is_empty());
            assert!(["error", "warning"].contains(&d["severity"].as_str().unwrap()));
        }
    }
    assert_eq!(
        (recs[0]["valid"].clone(), recs[0]["warnings"].clone()),
        (true.into(), 2.into())
    );
    assert_eq!(
        (recs[2]["valid"].clone(), recs[2]["errors"].clone()),
        (false.into(), 1.into())
    );
}

#[test]
fn json_valid_follows_deny_warnings() {
    let (_, out, _) = teimeta(&["validate", "--format", "json", "--deny-warnings", WARNINGS]);
    assert_eq!(json_records(&out)[0]["valid"], false);
}

#[test]
fn a_directory_stands_for_its_xml_files_in_path_order() {
    let (code, out, _) = teimeta(&["validate", "--format", "json", "samples/invalid"]);
    assert_eq!(code, 1);
    let sources: Vec<String> = json_records(&out)
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    let files = std::fs::read_dir(root().join("samples/invalid"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
        .count();
    assert_eq!(sources.len(), files);
}

#[test]
fn off_a_terminal_the_default_format_is_short() {
    let (_, out, _) = teimeta(&["validate", ERRORS]);
    assert!(
        out.starts_with(&format!(
            "{ERRORS}:9:7: error[tei::title::missing]: no title: looked in"
        )),
        "{out}"
    );
}

#[test]
fn human_format_has_no_colour_under_no_color_and_a_summary_on_stderr() {
    let (_, out, err) = teimeta(&["validate", "--format", "human", ERRORS, VALID]);
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out.contains("Error: tei::title::missing"), "{out}");
    assert!(out.contains("help: "), "{out}");
    assert!(
        err.starts_with("2 files checked against profile default: 1 valid, 0 with warnings only, 1 with errors, 0 unreadable, "),
        "{err}"
    );
}

#[test]
fn crossref_and_doaj_judge_the_same_file_differently() {
    // The seed has no DOI, journal, ISSN or date: fine for default, not for a deposit.
    let (code, out, _) = teimeta(&[
        "validate",
        "--profile",
        "crossref",
        "--format",
        "short",
        VALID,
    ]);
    assert_eq!(code, 1);
    for c in [
        "tei::doi::missing",
        "tei::journal::missing",
        "tei::issn::missing",
        "tei::date::missing",
    ] {
        assert!(out.contains(&format!("error[{c}]")), "{c} in {out}");
    }
    assert!(out.contains("warning[tei::author::missing_orcid]"), "{out}");
    let (code, out, _) = teimeta(&["validate", "--profile", "doaj", "--format", "short", VALID]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[tei::doi::missing]: no DOI or full-text URL"),
        "{out}"
    );
}

#[test]
fn profiles_lists_the_builtins_with_a_summary() {
    let (code, out, _) = teimeta(&["profiles"]);
    assert_eq!(code, 0);
    for name in ["default", "crossref", "doaj"] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} listed in {out}"));
        assert!(line.len() > name.len() + 20, "a summary for {name}: {line}");
    }
    assert!(out.contains("--profile FILE"), "{out}");
}

/// The worked example of schemas/README.md: its profile loads and gives the output shown.
#[test]
fn the_schemas_readme_worked_example_gives_the_output_it_shows() {
    let readme = std::fs::read_to_string(root().join("schemas/README.md")).unwrap();
    let example = readme
        .split("## Worked example")
        .nth(1)
        .expect("a worked example");
    let toml = example
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a toml block");
    let console = example
        .split("```console\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a console block");
    let mut lines = console.lines();
    let command = lines.next().unwrap().strip_prefix("$ teimeta ").unwrap();
    let shown: Vec<&str> = lines.collect();

    let dir = scratch("worked-example");
    let profile = dir.join("jch.toml");
    std::fs::write(&profile, toml).unwrap();
    let args: Vec<String> = command
        .split_whitespace()
        .map(|a| {
            if a == "jch.toml" {
                profile.display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = teimeta(&args);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().collect::<Vec<_>>(), shown);
}

#[test]
fn a_journal_profile_can_turn_a_lint_into_an_error() {
    let dir = scratch("strict");
    let profile = dir.join("strict.toml");
    std::fs::write(
        &profile,
        "extends = \"default\"\n[checks]\n\"tei::lint::footnote_in_text\" = \"error\"\n",
    )
    .unwrap();
    let (code, out, _) = teimeta(&[
        "validate",
        "--format",
        "short",
        "--profile",
        profile.to_str().unwrap(),
        WARNINGS,
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("error[tei::lint::footnote_in_text]"), "{out}");
    assert!(out.contains("warning[tei::lint::paragraph_split]"), "{out}");
}

#[test]
fn short_and_json_carry_the_footnote_s_own_lines_inside_the_abstract() {
    // The abstract starts on line 49; the footnote inside it is on lines 70-71.
    let (_, out, _) = teimeta(&["validate", "--format", "short", WARNINGS]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("[tei::lint::footnote_in_text]"))
        .expect("the footnote warning");
    assert!(
        lines[at].starts_with(&format!("{WARNINGS}:49:7: warning")),
        "{out}"
    );
    assert!(
        lines[at].ends_with(" [at 70:9-71:30: the footnote, inside the text]"),
        "{out}"
    );
    let (_, out, _) = teimeta(&["validate", "--format", "json", WARNINGS]);
    let rec = &json_records(&out)[0];
    let d = rec["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "tei::lint::footnote_in_text")
        .unwrap();
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(
        (
            &labels[1]["line"],
            &labels[1]["end_line"],
            &labels[1]["text"]
        ),
        (
            &70.into(),
            &71.into(),
            &"the footnote, inside the text".into()
        )
    );
}

#[test]
fn profiles_show_prints_a_builtin_profile_that_loads_as_a_journal_s_own() {
    let dir = scratch("profiles-show");
    for name in ["default", "crossref", "doaj"] {
        let (code, out, err) = teimeta(&["profiles", "--show", name]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("name = \"{name}\"")), "{out}");
        // Saved as a file, it judges a document exactly as the built-in one does.
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(&file, &out).unwrap();
        let by_file = teimeta(&[
            "validate",
            "--format",
            "short",
            "--profile",
            file.to_str().unwrap(),
            WARNINGS,
        ]);
        let by_name = teimeta(&["validate", "--format", "short", "--profile", name, WARNINGS]);
        assert_eq!((by_file.0, &by_file.1), (by_name.0, &by_name.1), "{name}");
    }
    let (code, out, err) = teimeta(&["profiles", "--show", "crossreff"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("crossreff") && err.contains("crossref"),
        "{err}"
    );
}

#[test]
fn a_bad_profile_s_help_names_commands_the_binary_has_not_source_paths() {
    let (_, _, err) = teimeta(&["validate", "--profile", "nope", VALID]);
    // The renderer wraps long lines: compare the words.
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("`teimeta profiles --show default"), "{err}");
    let dir = scratch("bad-code-profile");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "name = \"j\"\n[checks]\n\"tei::bogus\" = \"off\"\n").unwrap();
    let (code, _, err) = teimeta(&["validate", "--profile", bad.to_str().unwrap(), VALID]);
    assert_eq!(code, 2);
    // The renderer wraps long lines, so look for the commands' words.
    assert!(err.contains("--codes") && err.contains("--show"), "{err}");
    assert!(!err.contains("schemas/"), "{err}");
    let (code, out, _) = teimeta(&["profiles", "--codes"]);
    assert_eq!(code, 0);
    for c in teimeta::validate::Code::ALL {
        assert!(out.contains(c.as_str()), "{c} listed");
    }
}
