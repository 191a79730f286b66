//! Any bytes that read as TEI: the json exporter writes them without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::export(data, teimeta::export::Format::Json);
});
