//! Each stage on its own, per file: parse, validate (default profile) and each export
//! (json, csv, jsonld, bibtex) of an already parsed document. The files: the
//! GROBID-shaped sample, two generated GROBID-shaped files (examples/gen_corpus.rs, the
//! same generator as benches/compare.sh), and the largest corpus file when `../shared`
//! is present. Run with `cargo bench --bench stages`.

// The parse result is only black-boxed here; its error size does not matter.
#![allow(clippy::result_large_err)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use teimeta::export::{bibtex, csv, json, jsonld, whole, Exporter};
use teimeta::validate::{check, Profile};

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// (name, bytes) of each file benchmarked.
fn files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let sample = root.join("samples/grobid-shaped.tei.xml");
    if let Ok(bytes) = std::fs::read(&sample) {
        out.push(("sample grobid-shaped".to_string(), bytes));
    }
    for i in [0, 1] {
        let doc = gen_corpus::document(1, i);
        out.push((format!("generated {i}"), doc.into_bytes()));
    }
    let shared = std::env::var_os("TEIMETA_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let large = shared.join("corpus/grobid/grobid-0.8.2-large-627k-es-14351.tei.xml");
    if let Ok(bytes) = std::fs::read(&large) {
        out.push(("corpus largest (627 kB)".to_string(), bytes));
    }
    out
}

fn bench(c: &mut Criterion) {
    let files = files();
    let docs: Vec<(String, usize, teimeta::Document)> = files
        .iter()
        .filter_map(|(name, bytes)| {
            let doc = teimeta::parse::parse_bytes(bytes, name).ok()?;
            Some((name.clone(), bytes.len(), doc))
        })
        .collect();

    let mut group = c.benchmark_group("parse");
    for (name, bytes) in &files {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| black_box(teimeta::parse::parse_bytes(bytes, name)))
        });
    }
    group.finish();

    let profile = Profile::default_profile();
    let mut group = c.benchmark_group("validate");
    for (name, len, doc) in &docs {
        group.throughput(Throughput::Bytes(*len as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), doc, |b, doc| {
            b.iter(|| black_box(check(doc, &profile)))
        });
    }
    group.finish();

    export_bench(c, "export json", &docs, || json::JsonLines::new(Vec::new()));
    export_bench(c, "export csv", &docs, || {
        csv::Csv::new(Vec::new(), csv::Options::default())
    });
    export_bench(c, "export jsonld", &docs, || {
        jsonld::JsonLd::new(Vec::new(), jsonld::Options::default())
    });
    export_bench(c, "export bibtex", &docs, || {
        bibtex::Bibtex::new(Vec::new(), bibtex::Options::default())
    });
}

/// One document through a fresh exporter, header and all, per iteration.
fn export_bench<E: Exporter<Inner = Vec<u8>>>(
    c: &mut Criterion,
    label: &str,
    docs: &[(String, usize, teimeta::Document)],
    make: impl Fn() -> E,
) {
    let mut group = c.benchmark_group(label);
    for (name, len, doc) in docs {
        group.throughput(Throughput::Bytes(*len as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), doc, |b, doc| {
            b.iter(|| black_box(whole(make(), doc).map_or(0, |out| out.len())))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared; callgrind, not these timings, directs work.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
