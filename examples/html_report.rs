//! Writes an HTML validation report for the given files and directories, optionally
//! repeated to stand in for a large batch, to look at the page or time it in a browser:
//!
//! ```text
//! cargo run --release --example html_report -- report.html samples samples/invalid
//! cargo run --release --example html_report -- --copies 200 big.html samples/invalid
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use teimeta::report::html::{self, Page};
use teimeta::report::{Detail, Record};
use teimeta::validate::{check, FileReport, Profile};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut copies = 1usize;
    if args.first().is_some_and(|a| a == "--copies") && args.len() > 1 {
        copies = args[1].parse().unwrap_or(1);
        args.drain(..2);
    }
    if args.len() < 2 {
        eprintln!("usage: html_report [--copies N] OUT.html PATH...");
        std::process::exit(2);
    }
    let started = Instant::now();
    let profile = Profile::default_profile();
    let mut files = Vec::new();
    for a in &args[1..] {
        collect(Path::new(a), &mut files);
    }
    let once: Vec<Record> = files.iter().map(|f| record(f, &profile)).collect();
    let mut records = Vec::with_capacity(once.len() * copies);
    for i in 0..copies {
        records.extend(once.iter().cloned().map(|mut r| {
            if copies > 1 {
                r.path = format!("batch-{i:04}/{}", r.path);
            }
            r
        }));
    }
    let page = Page {
        command: "validate",
        profile: Some(&profile.name),
        elapsed_seconds: started.elapsed().as_secs_f64(),
        generated_by: concat!("teimeta ", env!("CARGO_PKG_VERSION")),
    };
    let out = std::fs::File::create(&args[0]).expect("the report file can be created");
    html::write(out, &page, &records).expect("the report is written");
    eprintln!(
        "{}: {} records, {} bytes, written in {:.2} s",
        args[0],
        records.len(),
        std::fs::metadata(&args[0]).map(|m| m.len()).unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        out.extend(
            entries
                .into_iter()
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "xml")),
        );
    } else {
        out.push(path.to_path_buf());
    }
}

fn record(path: &Path, profile: &Profile) -> Record {
    match teimeta::parse::read_path(path) {
        Ok(doc) => {
            let problems = check(&doc, profile);
            let report = FileReport::checked(doc, problems, &profile.name);
            Record::validated(&report, &profile.name, false, Detail::Excerpts)
        }
        Err(e) => Record::unreadable(&e),
    }
}
