//! Parse throughput: the samples, and the real corpus when `../shared` is present.
//! Run with `cargo bench --bench parse`; figures go in the README.

// The parse result is only black-boxed here; its error size does not matter.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("samples"), root.join("../shared/corpus")] {
        collect(&dir, &mut out);
    }
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("expect") && !p.ends_with("invalid") {
                collect(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

fn bench(c: &mut Criterion) {
    let docs: Vec<(String, Vec<u8>)> = files()
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    eprintln!("{} files, {} bytes", docs.len(), total);

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all files, one thread", |b| {
        b.iter(|| {
            for (name, bytes) in &docs {
                let _ = std::hint::black_box(teimeta::parse::parse_bytes(bytes, name));
            }
        })
    });
    group.finish();

    if let Some((name, bytes)) = docs.iter().max_by_key(|(_, b)| b.len()) {
        let mut group = c.benchmark_group("parse largest");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("largest file", |b| {
            b.iter(|| std::hint::black_box(teimeta::parse::parse_bytes(bytes, name)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
