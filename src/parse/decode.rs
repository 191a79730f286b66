//! Bytes to UTF-8 text: a BOM (UTF-8, UTF-16 LE/BE) wins; else the encoding named in the
//! XML declaration (ISO-8859-1, Windows-1252, …); else UTF-8.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

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
    let encoding = declared_encoding(bytes).unwrap_or(UTF_8);
    // Everything that ASCII-compatible decoders read is read as that encoding; a UTF-16
    // label in an 8-bit file is a mislabel, and UTF-8 is the only sane reading.
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    };
    strict(encoding, bytes)
}

fn strict<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Result<Cow<'a, str>, String> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(e) => Err(format!(
                "invalid UTF-8 at byte {} (declare the real encoding in the XML declaration)",
                e.valid_up_to()
            )),
        };
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text),
        None => Err(format!("invalid {} byte sequence", encoding.name())),
    }
}

/// The `encoding="…"` of an XML declaration at the very start of `bytes`, if it names an
/// encoding that encoding_rs knows (WHATWG labels: ISO-8859-1 reads as Windows-1252,
/// its superset).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
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
    let close = value.iter().position(|&b| b == quote)?;
    Encoding::for_label(&value[..close])
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
    fn invalid_utf8_is_an_error() {
        assert!(decode(b"<a>\xFF</a>").is_err());
    }
}
