//! The HTML report in a real browser: a page rendered from the records of the samples
//! (valid and invalid) and of a hostile file is loaded in headless Chromium, and its DOM,
//! after the page's script ran, must show the diagnostics and none of the injected markup
//! at work. Skips visibly without Chromium (CI installs Debian's `chromium`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use teimeta::report::html::{self, Page};
use teimeta::report::{Detail, Outcome, Record};
use teimeta::validate::{check, FileReport, Profile};

/// The `<script>` payload: if it ever ran, the page's title would be `pwned`.
const SCRIPT_PAYLOAD: &str = "<script>document.title='pwned'</script>";
/// The `<img onerror>` payload: if it ever ran, an element with id `pwned-img` would exist.
const IMG_PAYLOAD: &str = "<img src=x onerror=\"var p=document.createElement('p');p.id='pwned-img';document.body.appendChild(p)\">";

/// The Chromium binary, or a visible skip.
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        common::skip(test, "chromium is absent (apt-get install chromium)");
    }
    found
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(PathBuf::from)
}

/// The record of one file, as `validate` would make it.
fn record(path: &Path, profile: &Profile) -> Record {
    let shown = path
        .strip_prefix(common::root())
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path).expect("the sample is readable");
    match teimeta::parse::parse_bytes(&bytes, &shown) {
        Ok(doc) => {
            let problems = check(&doc, profile);
            let report = FileReport::checked(doc, problems, &profile.name);
            Record::validated(&report, &profile.name, false, Detail::Excerpts)
        }
        Err(e) => Record::unreadable(&e),
    }
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the samples are there")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

/// A TEI file whose main title is in capitals (so a warning points at it, with an
/// excerpt), whose subtitle holds both payloads raw in CDATA, and whose name holds the
/// image payload too (as far as a file name can).
fn hostile_file(dir: &Path) -> PathBuf {
    let sample = common::root().join("samples/invalid/all-caps-title.xml");
    let text = std::fs::read_to_string(sample).expect("the sample is readable");
    let sub = "<title type=\"sub\">Record-Keeping on the Korean West Coast, 1890–1910</title>";
    assert!(text.contains(sub), "the sample still has its subtitle");
    let hostile = text.replace(
        sub,
        &format!("<title type=\"sub\"><![CDATA[{SCRIPT_PAYLOAD}{IMG_PAYLOAD}]]></title>"),
    );
    let path = dir.join("hostile <img src=x onerror=document.title='pwned'>.xml");
    std::fs::write(&path, hostile).expect("the temp dir is writable");
    path
}

/// Loads `page` (with `fragment`, e.g. `#expand`) in headless Chromium and returns the DOM after its scripts ran.
fn dump_dom(browser: &Path, page: &Path, fragment: &str, profile_dir: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile_dir.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}{fragment}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read stdout on a thread (a full pipe would stall the browser), and bound the
    // browser's time: a hung browser fails the test instead of hanging it.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let started = Instant::now();
    while child
        .try_wait()
        .expect("chromium can be waited for")
        .is_none()
    {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "chromium did not finish loading {} in 120 s",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = reader.join().expect("the reader thread ends");
    String::from_utf8_lossy(&out).into_owned()
}

/// The records of the samples (valid, then invalid) and of `extra`, and the report page
/// of them written in `dir`.
fn samples_report(dir: &Path, extra: &[PathBuf]) -> (Vec<Record>, PathBuf) {
    let profile = Profile::default_profile();
    let root = common::root();
    let mut files = xml_files(&root.join("samples"));
    files.extend(xml_files(&root.join("samples/invalid")));
    files.extend(extra.iter().cloned());
    let records: Vec<Record> = files.iter().map(|f| record(f, &profile)).collect();
    let report = dir.join("report.html");
    let page = Page {
        command: "validate",
        profile: Some(&profile.name),
        elapsed_seconds: 0.25,
        generated_by: "teimeta test",
    };
    let out = std::fs::File::create(&report).expect("the report file can be created");
    html::write(out, &page, &records).expect("the report is written");
    (records, report)
}

#[test]
fn chromium_shows_the_diagnostics_and_runs_no_injected_script() {
    let Some(browser) =
        chromium_or_skip("chromium_shows_the_diagnostics_and_runs_no_injected_script")
    else {
        return;
    };
    let scratch = common::Scratch::new("report-html");
    let hostile = hostile_file(&scratch);
    let (records, report) = samples_report(&scratch, &[hostile]);

    // Two known diagnostics, taken from the records rather than written down here.
    let malformed = records
        .iter()
        .find(|r| r.path.ends_with("malformed-xml.xml"))
        .expect("the malformed sample is among the records");
    assert_eq!(malformed.diagnostics[0].code, "tei::xml::malformed");
    let caps = records.last().expect("the hostile record");
    assert_eq!(caps.diagnostics[0].code, "tei::lint::all_caps_title");

    let dom = dump_dom(&browser, &report, "#expand", &scratch.file("chromium-1"));
    assert!(
        dom.contains("data-rendered=\"yes\""),
        "the page's script ran:\n{dom}"
    );

    // Every file is listed, and every diagnostic of every file is shown (page expanded).
    assert_eq!(
        dom.matches("<tr class=\"file").count(),
        records.len(),
        "one row per file"
    );
    for r in &records {
        for d in &r.diagnostics {
            let code = format!("[{}]", d.code);
            assert!(dom.contains(&code), "{} of {} is shown", d.code, r.path);
        }
    }
    // The malformed file's message and line, as text.
    let message = escape_text(&malformed.diagnostics[0].message);
    assert!(dom.contains(&message), "the message {message:?} is shown");
    let line = malformed.diagnostics[0].line.expect("a place");
    assert!(dom.contains(&format!("line {line}:")), "its line is shown");
    if let Some(help) = &malformed.diagnostics[0].help {
        assert!(dom.contains(&escape_text(help)), "its help is shown");
    }

    // The payloads are on the page as text, and did nothing.
    assert!(
        dom.contains(&escape_text(SCRIPT_PAYLOAD)),
        "the script payload is shown as text"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=document.title='pwned'&gt;"),
        "the file name is shown as text"
    );
    assert!(!dom.contains("id=\"pwned-img\""), "the img payload ran");
    assert!(
        !dom.contains("<title>pwned</title>"),
        "the script payload ran"
    );
    assert!(
        dom.contains("<title>teimeta validate report"),
        "the page title is intact"
    );
    assert!(!dom.contains("<img"), "no image element was injected");
    // The page's own two script elements, and no other.
    assert_eq!(
        dom.matches("<script").count(),
        2,
        "no script element was injected"
    );
}

/// `text` as Chromium serialises a text node.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn chromium_filters_by_status_and_code_from_the_address() {
    let Some(browser) = chromium_or_skip("chromium_filters_by_status_and_code_from_the_address")
    else {
        return;
    };
    let scratch = common::Scratch::new("report-html-filters");
    let (records, report) = samples_report(&scratch, &[]);

    let unreadable: Vec<&Record> = records
        .iter()
        .filter(|r| r.outcome == Outcome::Unreadable)
        .collect();
    assert!(!unreadable.is_empty() && unreadable.len() < records.len());
    let dom = dump_dom(&browser, &report, "#status=unreadable", &scratch.file("c1"));
    assert_eq!(
        dom.matches("<tr class=\"file").count(),
        unreadable.len(),
        "{dom}"
    );
    for r in &unreadable {
        assert!(dom.contains(&escape_text(&r.path)), "{} is listed", r.path);
    }

    let code = "tei::issn::checksum";
    let with_code = records
        .iter()
        .filter(|r| r.diagnostics.iter().any(|d| d.code == code))
        .count();
    assert!(with_code > 0 && with_code < records.len());
    let dom = dump_dom(
        &browser,
        &report,
        "#code=tei%3A%3Aissn%3A%3Achecksum",
        &scratch.file("c2"),
    );
    assert_eq!(dom.matches("<tr class=\"file").count(), with_code, "{dom}");
}
