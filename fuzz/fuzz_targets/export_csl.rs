//! Any bytes that read as TEI: the CSL-JSON exporter writes them without panicking,
//! and the output parses back as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::export(data, teimeta::export::Format::Csl);
});
