//! Bytes to UTF-8 text: a BOM (UTF-8, UTF-16 LE/BE) wins; else the encoding named in the
//! XML declaration (ISO-8859-1, Windows-1252, …); else UTF-8.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decodes `bytes` to text. Invalid sequences in a declared or BOM-marked encoding are an
/// error, not silently replaced: a metadata value must never be invented.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[bom_len..]);
    }
    // UTF-16 without a BOM still starts with "<" as two bytes.
    if bytes.starts_with(&[0x3C, 0x00, 0x3F, 0x00]) {
        return strict(UTF_16LE, bytes);
    }
    if bytes.starts_with(&[0x00, 0x3C, 0x00, 0x3F]) {
        return strict(UTF_16BE, bytes);
    }
    let label = declared_label(bytes);
    let Some(label) = label else {
        return strict(UTF_8, bytes);
    };
    let lower = String::from_utf8_lossy(label).to_ascii_lowercase();
    // encoding_rs follows WHATWG, which reads ISO-8859-1 as Windows-1252; XML means the
    // real ISO-8859-1, whose bytes are the first 256 code points.
    if LATIN1.contains(&lower.as_str()) {
        return Ok(Cow::Owned(bytes.iter().map(|&b| b as char).collect()));
    }
    if matches!(lower.as_str(), "us-ascii" | "ascii") {
        return match bytes.iter().position(|b| !b.is_ascii()) {
            Some(at) => Err(format!(
                "byte 0x{:02X} is not ASCII, as the XML declaration says the file is ({})",
                bytes[at],
                position(bytes, at)
            )),
            None => strict(UTF_8, bytes),
        };
    }
    let Some(encoding) = Encoding::for_label(label) else {
        return Err(format!(
            "unsupported encoding \"{}\" in the XML declaration",
            String::from_utf8_lossy(label)
        ));
    };
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return Err(
            "the XML declaration says UTF-16 but the file has no UTF-16 byte order mark and reads as 8-bit text"
                .to_string(),
        );
    }
    if encoding == WINDOWS_1252 {
        // Bytes Windows-1252 leaves undefined (WHATWG maps them to C1 controls).
        if let Some(at) = bytes
            .iter()
            .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        {
            return Err(format!(
                "byte 0x{:02X} is undefined in windows-1252 ({})",
                bytes[at],
                position(bytes, at)
            ));
        }
    }
    strict(encoding, bytes)
}

/// ISO-8859-1's labels (lower case).
const LATIN1: &[&str] = &[
    "iso-8859-1",
    "iso8859-1",
    "iso_8859-1",
    "iso_8859-1:1987",
    "latin1",
    "l1",
    "iso-ir-100",
    "csisolatin1",
    "ibm819",
    "cp819",
];

/// "line L, column C (byte N)" of byte `at` in 8-bit or UTF-8 `bytes`, counting lines by
/// LF bytes and columns by characters read as UTF-8 where they are valid.
fn position(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    format!("line {line}, column {column}, byte {at}")
}

/// [`decode`] for bytes the caller owns (a file just read): UTF-8, the usual case, is
/// validated once and becomes the text in place, with no copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, String> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let utf8 = bom
        || (Encoding::for_bom(&bytes).is_none()
            && !bytes.starts_with(&[0x3C, 0x00, 0x3F, 0x00])
            && !bytes.starts_with(&[0x00, 0x3C, 0x00, 0x3F])
            && declared_label(&bytes).is_none_or(|l| Encoding::for_label(l) == Some(UTF_8)));
    if !utf8 {
        return decode(&bytes).map(Cow::into_owned);
    }
    if bom {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))
}

fn invalid_utf8(bytes: &[u8], at: usize) -> String {
    format!(
        "invalid UTF-8 at {} (declare the real encoding in the XML declaration)",
        position(bytes, at)
    )
}

fn strict<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Result<Cow<'a, str>, String> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(e) => Err(invalid_utf8(bytes, e.valid_up_to())),
        };
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text),
        None => {
            // Find where: decode again, stopping at the first malformed sequence.
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let mut out =
                String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(0));
            let (_, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
            Err(format!(
                "invalid {} byte sequence near byte {read} (line {})",
                encoding.name(),
                out.matches('\n').count() + 1
            ))
        }
    }
}

/// The `encoding="…"` label of an XML declaration at the very start of `bytes`.
fn declared_label(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = &head[..end];
    let at = memchr::memmem::find(decl, b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = memchr::memchr(quote, value)?;
    Some(&value[..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>").unwrap(), "<a/>");
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<a>é</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "<a>é</a>");
    }

    #[test]
    fn utf16_be_with_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for u in "<a>ü</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "<a>ü</a>");
    }

    #[test]
    fn latin1_declared() {
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>";
        assert!(decode(bytes).unwrap().ends_with("<a>é</a>"));
    }

    #[test]
    fn windows1252_declared_reads_curly_quotes() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x93x\x94</a>";
        assert!(decode(bytes).unwrap().ends_with("<a>\u{201C}x\u{201D}</a>"));
    }

    #[test]
    fn latin1_is_not_windows1252() {
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\x93</a>";
        assert!(decode(bytes).unwrap().ends_with("<a>\u{93}</a>"));
    }

    #[test]
    fn contradictions_and_unknown_labels_are_errors() {
        let utf16_label = b"<?xml version='1.0' encoding='UTF-16'?><a/>";
        assert!(decode(utf16_label).unwrap_err().contains("UTF-16"));
        let unknown = b"<?xml version='1.0' encoding='no-such'?><a/>";
        assert!(decode(unknown).unwrap_err().contains("no-such"));
        let undefined = b"<?xml version='1.0' encoding='windows-1252'?>\n<a>\x81</a>";
        assert!(decode(undefined).unwrap_err().contains("line 2, column 4"));
        let ascii = b"<?xml version='1.0' encoding='US-ASCII'?><a>\xE9</a>";
        assert!(decode(ascii).is_err());
    }

    #[test]
    fn invalid_utf8_names_its_position() {
        assert!(decode(b"<a>\n \xFF</a>")
            .unwrap_err()
            .contains("line 2, column 2, byte 5"));
    }

    #[test]
    fn invalid_utf16_is_an_error_with_a_position() {
        // A lone high surrogate.
        let bytes = [0xFF, 0xFE, b'<', 0, b'a', 0, 0x00, 0xD8, b'>', 0];
        assert!(decode(&bytes).unwrap_err().contains("UTF-16LE"));
    }

    #[test]
    fn owned_decoding_agrees_with_borrowed() {
        let cases: &[&[u8]] = &[
            b"\xEF\xBB\xBF<a>\xC3\xA9</a>",
            b"<?xml version='1.0' encoding='utf-8'?><a/>",
            b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>",
            b"<a>\n \xFF</a>",
            b"\xFF\xFE<\x00a\x00/\x00>\x00",
            b"",
        ];
        for bytes in cases {
            let owned = decode_owned(bytes.to_vec());
            let borrowed = decode(bytes).map(Cow::into_owned);
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        assert!(decode(b"<a>\xFF</a>").is_err());
    }
}
