//! The floor for anything built on quick-xml: a bare event loop over each file's bytes,
//! on one thread, counting events and allocating nothing per event (events borrow from the
//! file's bytes, read into one buffer reused for the whole run). No decoding, no namespace
//! resolution, no unescaping.
//!
//! ```text
//! cargo run --release --example floor -- DIR_OR_FILE...
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use quick_xml::events::Event;
use quick_xml::Reader;

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            collect(&p, out);
        }
    } else if path.extension().is_some_and(|x| x == "xml") {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        collect(Path::new(&a), &mut files);
    }
    let started = Instant::now();
    let (mut events, mut bytes, mut failed) = (0u64, 0u64, 0u64);
    let mut data = Vec::new();
    for f in &files {
        data.clear();
        let read =
            std::fs::File::open(f).and_then(|mut h| std::io::Read::read_to_end(&mut h, &mut data));
        if read.is_err() {
            failed += 1;
            continue;
        }
        bytes += data.len() as u64;
        let mut reader = Reader::from_reader(data.as_slice());
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => events += 1,
                Err(_) => {
                    failed += 1;
                    break;
                }
            }
        }
    }
    let t = started.elapsed().as_secs_f64();
    eprintln!(
        "floor: {} files, {bytes} bytes, {events} events, {failed} failed, {t:.3} s, {:.0} files/s, {:.1} MB/s",
        files.len(),
        files.len() as f64 / t,
        bytes as f64 / t / 1e6
    );
}
