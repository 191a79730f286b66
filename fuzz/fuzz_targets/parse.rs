//! Any bytes: the reader returns a document or an error naming the file, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = teimeta::parse::parse_bytes(data, "fuzz.xml") {
        assert!(
            e.to_string().contains("fuzz.xml"),
            "error without the file: {e}"
        );
    }
});
