//! Any bytes that read as TEI: the RIS exporter writes them without panicking, as one
//! record of tagged lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::export(data, teimeta::export::Format::Ris);
});
