//! Any bytes that read as TEI: the Crossref deposit exporter writes them without panicking, and
//! the output is well-formed XML (teimeta's own reader, which checks every byte, parses it).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::export(data, teimeta::export::Format::Crossref);
});
