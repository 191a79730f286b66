//! Batches as users run them: input sources, bad paths, exit statuses shared by `convert`
//! and `validate`, ordered output, `--out-dir` mirroring, containment and atomicity,
//! `-o` safety, resume, Ctrl-C, shards, reports, and the `--files-from -` pipeline of
//! Spark's `rdd.pipe`. Every input is generated at test time in a scratch directory.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::Scratch;

/// The result of one run.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs teimeta with `args`, feeding `stdin` when given.
fn run_with(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(common::bin())
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the teimeta binary runs");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A small valid TEI document; `i` makes its title and surname unique and its length vary.
fn tei(i: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Article number {i}</title>
<author><persName><forename>Ada</forename><surname>Writer{i}</surname></persName></author>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
</fileDesc><profileDesc><textClass><keywords><term>batches</term><term>archives</term></keywords></textClass><abstract><p>{}</p></abstract></profileDesc></teiHeader>
<text><body><p>{}</p></body></text></TEI>
"#,
        "An abstract that says something. ".repeat(3 + i % 7),
        "Body text. ".repeat(20 + (i * 37) % 400)
    )
}

/// Malformed XML.
const CORRUPT: &str = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader></TEI>";

/// Writes `n` documents under `dir` in `n / 25 + 1` subfolders; every `corrupt_every`th
/// is malformed. Returns the paths in path order.
fn make_batch(dir: &Path, n: usize, corrupt_every: Option<usize>) -> Vec<PathBuf> {
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let sub = dir.join(format!("d{:03}", i / 25));
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(format!("f{i:05}.xml"));
        let corrupt = corrupt_every.is_some_and(|k| i % k == k - 1);
        std::fs::write(&path, if corrupt { CORRUPT.to_string() } else { tei(i) }).unwrap();
        paths.push(path);
    }
    paths.sort();
    paths
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn sources(text: &str) -> Vec<String> {
    json_lines(text)
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect()
}

/// Every file below `dir`, relative to it.
fn tree(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn summary(err: &str) -> &str {
    err.trim_end().lines().last().unwrap_or("")
}

#[test]
fn glob_selects_the_files_a_directory_stands_for() {
    let dir = Scratch::new("batch-glob");
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    std::fs::write(dir.join("in/a.tei.xml"), tei(1)).unwrap();
    std::fs::write(dir.join("in/sub/B.TEI.XML"), tei(2)).unwrap();
    std::fs::write(dir.join("in/c.xml"), tei(3)).unwrap();
    let r = run(&["convert", "--glob", "*.tei.xml", s(&dir.join("in"))]);
    assert_eq!(r.code, 0, "{}", r.err);
    let got = sources(&r.out);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].ends_with("a.tei.xml") && got[1].ends_with("sub/B.TEI.XML"),
        "{got:?}"
    );
    // The default is *.xml: all three.
    assert_eq!(sources(&run(&["convert", s(&dir.join("in"))]).out).len(), 3);
    // A bad pattern is a usage error.
    assert_eq!(
        run(&["convert", "--glob", "a[", s(&dir.join("in"))]).code,
        2
    );
}

#[test]
fn stdin_is_one_document_named_stdin() {
    let r = run_with(&["convert", "-"], Some(&tei(7)));
    assert_eq!(r.code, 0, "{}", r.err);
    let recs = json_lines(&r.out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"], "<stdin>");
    assert_eq!(recs[0]["title"], "Article number 7");
    let r = run_with(&["validate", "--format", "json", "-"], Some(CORRUPT));
    assert_eq!(r.code, 1);
    assert_eq!(json_lines(&r.out)[0]["source"], "<stdin>");
    // stdin cannot be read twice.
    let r = run_with(&["convert", "--files-from", "-", "-"], Some(""));
    assert_eq!(r.code, 2, "{}", r.err);
}

#[test]
fn files_from_a_list_ignores_blank_lines_and_keeps_the_listed_order() {
    let dir = Scratch::new("batch-files-from");
    let files = make_batch(&dir.join("in"), 5, None);
    let list = dir.join("list.txt");
    let lines = format!(
        "{}\n\n{}\r\n   \n{}\n",
        s(&files[4]),
        s(&files[0]),
        s(&files[2])
    );
    std::fs::write(&list, lines).unwrap();
    let r = run(&["convert", "--files-from", s(&list)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(sources(&r.out), [s(&files[4]), s(&files[0]), s(&files[2])]);
    // A missing list is a usage error naming it.
    let r = run(&["convert", "--files-from", s(&dir.join("nope.txt"))]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("nope.txt"), "{}", r.err);
}

#[test]
fn one_bad_path_never_stops_the_others() {
    let dir = Scratch::new("batch-bad-paths");
    let files = make_batch(&dir.join("in"), 3, None);
    let missing = dir.join("missing.xml");
    // On the command line: exit 2, and the good file is still converted.
    for cmd in ["convert", "validate"] {
        let r = run(&[cmd, s(&missing), s(&files[0])]);
        assert_eq!(r.code, 2, "{cmd}: {}", r.err);
        assert!(r.err.contains("missing.xml: no such file"), "{}", r.err);
        assert!(summary(&r.err).starts_with("1 file"), "{}", r.err);
    }
    // A dangling link and a loop found while walking: exit 1, named, others processed.
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(dir.join("nowhere.xml"), dir.join("in/d000/dangling.xml")).unwrap();
        symlink(dir.join("in"), dir.join("in/d000/loop")).unwrap();
        for cmd in ["convert", "validate"] {
            let r = run(&[cmd, s(&dir.join("in"))]);
            assert_eq!(r.code, 1, "{cmd}: {}", r.err);
            assert!(
                r.err.contains("dangling.xml") || r.out.contains("dangling.xml"),
                "{cmd}: {}",
                r.err
            );
            assert!(
                r.err.contains("loop") || r.out.contains("loop"),
                "{cmd}: {}{}",
                r.out,
                r.err
            );
            assert!(summary(&r.err).starts_with("5 files"), "{cmd}: {}", r.err);
        }
        let r = run(&["convert", "--to", "json", s(&dir.join("in"))]);
        assert_eq!(json_lines(&r.out).len(), 3, "the three good files");
        // A dangling link given on the command line is a usage error, named.
        let r = run(&[
            "convert",
            s(&dir.join("in/d000/dangling.xml")),
            s(&files[1]),
        ]);
        assert_eq!(r.code, 2);
        assert!(r.err.contains("dangling symbolic link"), "{}", r.err);
        assert_eq!(json_lines(&r.out).len(), 1);
    }
}

#[test]
fn an_empty_directory_is_reported_alike_and_leaves_the_output_alone() {
    let dir = Scratch::new("batch-empty");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("empty/notes.txt"), "not xml").unwrap();
    let out = dir.join("out.jsonl");
    std::fs::write(&out, "previous output\n").unwrap();
    for cmd in ["convert", "validate"] {
        let r = run(&[cmd, "-o", s(&out), s(&dir.join("empty"))]);
        assert_eq!(r.code, 2, "{cmd}");
        assert!(
            r.err
                .contains(&format!("no *.xml files under {}", s(&dir.join("empty")))),
            "{cmd}: {}",
            r.err
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous output\n");
    }
}

#[test]
fn exit_statuses_mean_the_same_in_both_commands() {
    let dir = Scratch::new("batch-exit");
    let files = make_batch(&dir.join("in"), 2, None);
    let corrupt = dir.join("corrupt.xml");
    std::fs::write(&corrupt, CORRUPT).unwrap();
    for cmd in ["convert", "validate"] {
        assert_eq!(run(&[cmd, s(&files[0])]).code, 0, "{cmd} clean");
        assert_eq!(
            run(&[cmd, s(&corrupt), s(&files[0])]).code,
            1,
            "{cmd} malformed"
        );
        assert_eq!(
            run(&[cmd, "--max-file-size", "100", s(&files[0])]).code,
            1,
            "{cmd} too large"
        );
        assert_eq!(
            run(&[cmd, s(&dir.join("nope")), s(&files[0])]).code,
            2,
            "{cmd} missing"
        );
        assert_eq!(
            run(&[cmd, "--jobs", "0", s(&files[0])]).code,
            2,
            "{cmd} --jobs 0"
        );
    }
}

#[test]
fn a_file_over_max_file_size_is_refused_and_reported() {
    let dir = Scratch::new("batch-too-large");
    let files = make_batch(&dir.join("in"), 2, None);
    let big = dir.join("in/big.xml");
    std::fs::write(&big, tei(1) + &" ".repeat(3000)).unwrap();
    let report = dir.join("report.json");
    let r = run(&[
        "convert",
        "--max-file-size",
        "3K",
        "--report",
        s(&report),
        s(&dir.join("in")),
    ]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        r.err.contains("big.xml") && r.err.contains("refused"),
        "{}",
        r.err
    );
    assert_eq!(json_lines(&r.out).len(), files.len());
    let recs = json_lines(&std::fs::read_to_string(&report).unwrap());
    let big_rec = recs
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("big.xml"))
        .unwrap();
    assert_eq!(big_rec["outcome"], "unreadable");
    assert_eq!(big_rec["diagnostics"][0]["code"], "tei::too_large");
    assert_eq!(
        run(&["convert", "--max-file-size", "lots", s(&files[0])]).code,
        2
    );
}

#[test]
fn output_is_in_input_order_whatever_the_number_of_jobs() {
    let dir = Scratch::new("batch-order");
    let files = make_batch(&dir.join("in"), 300, Some(50));
    let in_dir = dir.join("in");
    let input = s(&in_dir);
    for args in [
        vec!["convert", "--to", "json"],
        vec!["convert", "--to", "csv"],
        vec!["convert", "--to", "bibtex"],
        vec!["convert", "--to", "csl"],
        vec!["convert", "--to", "ris"],
        vec!["validate", "--format", "short"],
    ] {
        let with = |jobs: &str| {
            let mut a = args.clone();
            a.extend(["--jobs", jobs, input]);
            let r = run(&a);
            assert!(r.code == 1, "{a:?}: {}", r.err);
            r.out
        };
        let one = with("1");
        assert!(!one.is_empty());
        let mut default = args.clone();
        default.push(input);
        assert_eq!(one, run(&default).out, "{args:?}: --jobs 1 and the default");
        assert_eq!(one, with("4"), "{args:?}");
        assert_eq!(one, with("7"), "{args:?}");
    }
    let r = run(&["convert", input]);
    let expected: Vec<&str> = files
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 50 != 49)
        .map(|(_, p)| s(p))
        .collect();
    assert_eq!(sources(&r.out), expected);
}

#[test]
fn out_dir_mirrors_each_input_below_its_argument() {
    let dir = Scratch::new("batch-out-dir");
    let a = dir.join("a");
    std::fs::create_dir_all(a.join("b")).unwrap();
    std::fs::write(a.join("b/c.xml"), tei(1)).unwrap();
    std::fs::write(a.join("top.xml"), tei(2)).unwrap();
    let single = dir.join("single.xml");
    std::fs::write(&single, tei(3)).unwrap();
    let out = dir.join("out");
    for (to, ext) in [
        ("json", "json"),
        ("csv", "csv"),
        ("jsonld", "jsonld"),
        ("bibtex", "bib"),
        ("csl", "csl.json"),
        ("ris", "ris"),
    ] {
        let r = run(&[
            "convert",
            "--to",
            to,
            "--out-dir",
            s(&out),
            s(&a),
            s(&single),
        ]);
        assert_eq!(r.code, 0, "{}", r.err);
        assert!(r.out.is_empty(), "nothing on stdout: {}", r.out);
        let c = std::fs::read_to_string(out.join(format!("b/c.{ext}"))).unwrap();
        assert!(c.contains("Article number 1"), "{to}: {c}");
        assert!(out.join(format!("top.{ext}")).is_file());
        assert!(out.join(format!("single.{ext}")).is_file());
    }
    let r = run(&["validate", "--out-dir", s(&dir.join("reports")), s(&a)]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rep: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reports/b/c.json")).unwrap())
            .unwrap();
    assert_eq!(rep["valid"], true);
    // Two inputs that would land on the same output are refused before anything runs.
    let twin = dir.join("twin/b");
    std::fs::create_dir_all(&twin).unwrap();
    std::fs::write(twin.join("c.xml"), tei(4)).unwrap();
    let clash = dir.join("clash");
    let r = run(&[
        "convert",
        "--out-dir",
        s(&clash),
        s(&a),
        s(&dir.join("twin")),
    ]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("would both be written to"), "{}", r.err);
    assert!(!clash.join("b").exists(), "nothing written");
    // No temporary file is left behind.
    assert!(
        tree(&out).iter().all(|f| !f.contains(".tmp")),
        "{:?}",
        tree(&out)
    );
}

#[test]
fn nothing_is_written_outside_the_out_dir() {
    let dir = Scratch::new("batch-contain");
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    std::fs::write(dir.join("in/sub/x.xml"), tei(1)).unwrap();
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    std::fs::write(dir.join("elsewhere/y.xml"), tei(2)).unwrap();
    let out = dir.join("out");
    // `..` and absolute paths: mirrored by file name inside DIR.
    let dotdot = dir.join("in/sub/../../elsewhere/y.xml");
    let r = run(&[
        "convert",
        "--out-dir",
        s(&out),
        s(&dotdot),
        s(&dir.join("in/sub/x.xml")),
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        tree(&out),
        BTreeSet::from(["y.json".to_string(), "x.json".to_string()])
    );
    assert_eq!(
        tree(&dir.join("elsewhere")),
        BTreeSet::from(["y.xml".to_string()])
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        // An input tree holding a link to a folder outside: its files land inside DIR.
        symlink(dir.join("elsewhere"), dir.join("in/linked")).unwrap();
        let out2 = dir.join("out2");
        let r = run(&["convert", "--out-dir", s(&out2), s(&dir.join("in"))]);
        assert_eq!(r.code, 0, "{}", r.err);
        assert_eq!(
            tree(&out2),
            BTreeSet::from(["linked/y.json".to_string(), "sub/x.json".to_string()])
        );
        assert_eq!(
            tree(&dir.join("elsewhere")),
            BTreeSet::from(["y.xml".to_string()])
        );
        // A folder inside DIR that is a link to outside is refused, not followed.
        let out3 = dir.join("out3");
        std::fs::create_dir_all(&out3).unwrap();
        symlink(dir.join("elsewhere"), out3.join("sub")).unwrap();
        let r = run(&["convert", "--out-dir", s(&out3), s(&dir.join("in"))]);
        assert_eq!(r.code, 2, "{}", r.err);
        assert!(r.err.contains("symbolic link"), "{}", r.err);
        assert_eq!(
            tree(&dir.join("elsewhere")),
            BTreeSet::from(["y.xml".to_string()])
        );
    }
}

#[test]
fn the_output_is_never_one_of_the_inputs() {
    let dir = Scratch::new("batch-o-input");
    let files = make_batch(&dir.join("in"), 2, None);
    let before = std::fs::read(&files[0]).unwrap();
    for cmd in ["convert", "validate"] {
        let r = run(&[cmd, "-o", s(&files[0]), s(&files[0]), s(&files[1])]);
        assert_eq!(r.code, 2, "{cmd}");
        assert!(r.err.contains("also an input"), "{}", r.err);
        // Also when the input comes from a directory, and for --report.
        let r = run(&[cmd, "--report", s(&files[1]), s(&dir.join("in"))]);
        assert_eq!(r.code, 2, "{cmd}");
    }
    assert_eq!(std::fs::read(&files[0]).unwrap(), before);
}

#[test]
fn a_write_failure_is_exit_2_and_leaves_no_partial_file() {
    let dir = Scratch::new("batch-write-fail");
    let files = make_batch(&dir.join("in"), 40, None);
    let in_dir = dir.join("in");
    let input = s(&in_dir);
    if Path::new("/dev/full").exists() {
        for args in [
            vec!["convert", "-o", "/dev/full", input],
            vec!["validate", "--format", "json", "-o", "/dev/full", input],
            vec!["convert", "--report", "/dev/full", input],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 2, "{args:?}: {}", r.err);
            assert!(r.err.contains("No space left"), "{args:?}: {}", r.err);
        }
    }
    // --out-dir where a folder is needed but a file stands: exit 2, no temporary files.
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("d001"), "a file in the way").unwrap();
    let r = run(&["convert", "--out-dir", s(&out), input]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("d001"), "{}", r.err);
    assert!(
        tree(&out).iter().all(|f| !f.contains(".tmp")),
        "{:?}",
        tree(&out)
    );
    // -o is not created when writing fails part-way (here: a file stands in the way of
    // the report, so the run fails after the output was started).
    let o = dir.join("all.jsonl");
    let r = run(&[
        "convert",
        "-o",
        s(&o),
        "--report",
        s(&out.join("d001/r.json")),
        s(&files[0]),
    ]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(!o.exists(), "no partial -o");
    assert!(std::fs::read_dir(&*dir)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().contains(".tmp")));
}

#[test]
fn skip_existing_resumes_where_a_run_stopped() {
    let dir = Scratch::new("batch-resume");
    let files = make_batch(&dir.join("in"), 30, None);
    let out = dir.join("out");
    let r = run(&["convert", "--out-dir", s(&out), s(&dir.join("in"))]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(tree(&out).len(), 30);
    // Lose two outputs, and make one input newer than its output.
    std::fs::remove_file(out.join("d000/f00003.json")).unwrap();
    std::fs::remove_file(out.join("d001/f00027.json")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&files[10], tei(1000)).unwrap();
    let r = run(&[
        "convert",
        "--out-dir",
        s(&out),
        "--skip-existing",
        s(&dir.join("in")),
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        summary(&r.err).starts_with("30 files: 3 converted, 27 skipped as up to date"),
        "{}",
        r.err
    );
    assert_eq!(tree(&out).len(), 30);
    let redone = std::fs::read_to_string(out.join("d000/f00010.json")).unwrap();
    assert!(redone.contains("Article number 1000"), "{redone}");
    // --skip-existing without --out-dir is a usage error.
    assert_eq!(run(&["convert", "--skip-existing", s(&files[0])]).code, 2);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_with_complete_files_a_summary_and_130() {
    let dir = Scratch::new("batch-ctrl-c");
    make_batch(&dir.join("in"), 6000, None);
    let out = dir.join("out");
    let o = dir.join("all.jsonl");
    std::fs::write(&o, "previous\n").unwrap();
    for per_file in [true, false] {
        let mut args = vec!["convert".to_string(), "--jobs".into(), "1".into()];
        if per_file {
            args.extend(["--out-dir".into(), s(&out).into()]);
        } else {
            args.extend(["-o".into(), s(&o).into()]);
        }
        args.push(s(&dir.join("in")).into());
        let mut child = Command::new(common::bin())
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        // Wait until the run is under way.
        if per_file {
            while tree_len(&out) < 20 && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        } else {
            std::thread::sleep(Duration::from_millis(300));
        }
        // The shell's own `kill`: /bin/kill (procps) may be absent on a fresh machine.
        let killed = Command::new("sh")
            .args(["-c", &format!("kill -INT {}", child.id())])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = loop {
            if let Some(st) = child.try_wait().unwrap() {
                break st;
            }
            assert!(Instant::now() < deadline, "the run did not stop");
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert_eq!(status.code(), Some(130), "{err}");
        assert!(summary(&err).starts_with("interrupted after "), "{err}");
        assert!(summary(&err).contains(" of 6,000 files: "), "{err}");
        if per_file {
            let written = tree(&out);
            assert!(
                written.len() >= 20 && written.len() < 6000,
                "{}",
                written.len()
            );
            for f in &written {
                assert!(f.ends_with(".json"), "no temporary file: {f}");
                let text = std::fs::read_to_string(out.join(f)).unwrap();
                let rec: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert!(rec["title"].as_str().unwrap().starts_with("Article number"));
            }
            // The summary counts exactly what was written.
            let n = summary(&err)
                .split(": ")
                .nth(1)
                .and_then(|p| p.split(' ').next())
                .unwrap()
                .replace(',', "");
            assert_eq!(n.parse::<usize>().unwrap(), written.len(), "{err}");
        } else {
            assert_eq!(
                std::fs::read_to_string(&o).unwrap(),
                "previous\n",
                "-o untouched"
            );
            assert!(std::fs::read_dir(&*dir)
                .unwrap()
                .flatten()
                .all(|e| !e.file_name().to_string_lossy().contains(".tmp")));
        }
    }
}

fn tree_len(dir: &Path) -> usize {
    if dir.is_dir() {
        tree(dir).len()
    } else {
        0
    }
}

#[test]
fn shards_are_disjoint_cover_everything_and_are_stable() {
    let dir = Scratch::new("batch-shards");
    let files = make_batch(&dir.join("in"), 200, None);
    let all: BTreeSet<String> = files.iter().map(|p| s(p).to_string()).collect();
    let n = 4;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut total = 0;
    for k in 1..=n {
        let shard = format!("{k}/{n}");
        let r = run(&["convert", "--shard", &shard, s(&dir.join("in"))]);
        assert_eq!(r.code, 0, "{}", r.err);
        let got = sources(&r.out);
        assert!(
            !got.is_empty() && got.len() < 200,
            "shard {shard}: {}",
            got.len()
        );
        total += got.len();
        seen.extend(got.iter().cloned());
        // Deterministic: the same slice again, and through a different path to the tree.
        let again = run(&["convert", "--shard", &shard, s(&dir.join("in/../in"))]);
        let again: Vec<String> = sources(&again.out)
            .into_iter()
            .map(|p| p.replace("/in/../in/", "/in/"))
            .collect();
        assert_eq!(again, got, "shard {shard} is stable");
    }
    assert_eq!(total, 200, "pairwise disjoint");
    assert_eq!(seen, all, "together they cover every input");
    // The same through a --files-from list of absolute paths, three shards.
    let list: String = files.iter().map(|p| format!("{}\n", s(p))).collect();
    let mut union: Vec<String> = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let r = run_with(
            &["convert", "--files-from", "-", "--shard", &shard],
            Some(&list),
        );
        assert_eq!(r.code, 0, "{}", r.err);
        union.extend(sources(&r.out));
    }
    assert_eq!(union.len(), 200, "disjoint");
    assert_eq!(union.into_iter().collect::<BTreeSet<_>>(), all, "covering");
    for bad in ["0/4", "5/4", "1/0", "x"] {
        let r = run(&["convert", "--shard", bad, s(&files[0])]);
        assert_eq!(r.code, 2, "{bad}");
    }
}

#[test]
fn one_percent_corrupt_is_accounted_for_in_the_summary_and_the_report() {
    let dir = Scratch::new("batch-corrupt");
    let files = make_batch(&dir.join("in"), 400, Some(100));
    let report = dir.join("report.json");
    let r = run(&[
        "convert",
        "--report",
        s(&report),
        "-o",
        s(&dir.join("all.jsonl")),
        s(&dir.join("in")),
    ]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        summary(&r.err).starts_with("400 files: 396 converted, 4 unreadable (see above), "),
        "{}",
        r.err
    );
    let recs = json_lines(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(recs.len(), 400);
    let paths: Vec<&str> = recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, files.iter().map(|p| s(p)).collect::<Vec<_>>());
    let bad: Vec<&serde_json::Value> = recs
        .iter()
        .filter(|r| r["outcome"] == "unreadable")
        .collect();
    assert_eq!(bad.len(), 4);
    for b in &bad {
        assert_eq!(b["diagnostics"][0]["code"], "tei::xml::malformed");
        assert!(r.err.contains(b["path"].as_str().unwrap()));
    }
    assert_eq!(
        recs.iter().filter(|r| r["outcome"] == "converted").count(),
        396
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("all.jsonl"))
            .unwrap()
            .lines()
            .count(),
        396
    );

    let r = run(&["validate", "--report", s(&report), s(&dir.join("in"))]);
    assert_eq!(r.code, 1);
    let recs = json_lines(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(recs.len(), 400);
    let count = |o: &str| recs.iter().filter(|r| r["outcome"] == o).count();
    let (valid, warn, err) = (count("valid"), count("warnings"), count("errors"));
    assert_eq!(count("unreadable"), 4);
    assert_eq!(valid + warn + err + 4, 400);
    assert!(
        summary(&r.err).starts_with(&format!(
            "400 files checked against profile default: {valid} valid, {warn} with warnings only, {err} with errors, 4 unreadable, "
        )),
        "{}",
        r.err
    );
}

/// What Spark's `rdd.pipe("teimeta convert --files-from - --to json")` does: each
/// partition's elements are written to the process's stdin, one per line, stdin is
/// closed, and each stdout line becomes an element of the result.
#[test]
fn files_from_stdin_works_as_rdd_pipe_runs_it() {
    let dir = Scratch::new("batch-pipe");
    let files = make_batch(&dir.join("in"), 60, None);
    // A partition's order is not path order.
    let mut order: Vec<&PathBuf> = files.iter().collect();
    order.reverse();
    order.swap(3, 40);
    let stdin: String = order.iter().map(|p| format!("{}\n", s(p))).collect();
    let r = run_with(
        &["convert", "--files-from", "-", "--to", "json", "--quiet"],
        Some(&stdin),
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.is_empty(), "--quiet: {}", r.err);
    let got = sources(&r.out);
    assert_eq!(
        got,
        order.iter().map(|p| s(p)).collect::<Vec<_>>(),
        "one line per path, in order"
    );
    // An empty partition: no output, success.
    let r = run_with(
        &["convert", "--files-from", "-", "--to", "json", "--quiet"],
        Some(""),
    );
    assert_eq!((r.code, r.out.as_str()), (0, ""));
}

#[test]
fn help_teaches_the_batch_flags() {
    let r = run(&["convert", "--help"]);
    for flag in [
        "--files-from",
        "--glob",
        "--out-dir",
        "--skip-existing",
        "--report",
        "--shard",
        "--jobs",
        "--max-file-size",
        "--quiet",
        "Example",
    ] {
        assert!(r.out.contains(flag), "{flag} in {}", r.out);
    }
    let r = run(&["--help"]);
    assert!(r.out.contains("130"), "the exit statuses: {}", r.out);
}

#[test]
fn report_html_is_one_page_naming_every_input() {
    let dir = Scratch::new("batch-html");
    let files = make_batch(&dir.join("in"), 30, Some(10));
    let page = dir.join("report.html");
    let r = run(&["validate", "--report", s(&page), s(&dir.join("in"))]);
    assert_eq!(r.code, 1, "{}", r.err);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..100.min(html.len())]
    );
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(html.contains(name), "{name} in the page");
    }
    assert!(!html.contains("<script src="), "self-contained");
    // The .json report of the same run is JSON Lines.
    let json = dir.join("report.json");
    run(&["validate", "--report", s(&json), s(&dir.join("in"))]);
    assert_eq!(
        json_lines(&std::fs::read_to_string(&json).unwrap()).len(),
        30
    );
}

#[test]
fn a_reader_closing_the_pipe_is_not_a_failure() {
    use std::io::BufRead;
    let dir = Scratch::new("batch-pipe-closed");
    make_batch(&dir.join("in"), 600, None);
    let mut child = Command::new(common::bin())
        .args(["convert", "--to", "json", s(&dir.join("in"))])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -1`: read one record, then close the pipe.
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("Article number 0"), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(summary(&err).starts_with("output closed after "), "{err}");
    assert!(summary(&err).contains(" of 600 files: "), "{err}");
}
