//! Telling a file that is not text at all (a PDF, an image, an archive, random bytes)
//! from a text file in a wrong encoding, so the error says what the file is rather than
//! blaming its encoding or calling it empty.

/// File signatures at the start of the bytes, and what they mean to a user.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (a .docx, .odt or .epub is one: export TEI from it first)",
    ),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip-compressed file (decompress it first)"),
    (b"BZh", "a bzip2-compressed file (decompress it first)"),
    (
        b"\xfd7zXZ\x00",
        "an xz-compressed file (decompress it first)",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a Microsoft Office document of the old kind (.doc, .xls)",
    ),
    (b"\x7fELF", "a program (an ELF executable)"),
    (b"{\\rtf", "an RTF document"),
];

/// How many leading bytes are looked at.
const WINDOW: usize = 8 * 1024;

/// What the file is, when its bytes show it is no text file: a known signature, or
/// bytes that no encoding of XML holds (a NUL byte outside UTF-16 or UTF-32, or many
/// control characters). `None` for anything that may be text.
pub(super) fn binary(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(WINDOW)];
    // UTF-16 and UTF-32 hold NUL bytes in every character of ASCII: with or without a
    // byte order mark, their first character `<` (or the BOM) shows it.
    let wide = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.starts_with(&[0, 0, 0xFE, 0xFF])
        || head.starts_with(b"<\x00")
        || head.starts_with(b"\x00<")
        || head.starts_with(b"\x00\x00\x00<")
        || head.starts_with(b"<\x00\x00\x00");
    if wide {
        return None;
    }
    // One stray NUL in a text file is a malformed-XML error with its position; NULs or
    // control bytes in numbers are no text at all.
    // Text has no control byte but tab, line feed and carriage return: one vectorisable
    // pass says so (it runs on every file read); the bytes are counted only when not.
    let control_byte = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
    let any = head.chunks(64).any(|c| {
        c.iter()
            .fold(0u8, |acc, &b| acc | u8::from(control_byte(b)))
            != 0
    });
    if !any {
        return None;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head.iter().filter(|&&b| control_byte(b)).count();
    if nul * 100 > head.len() || control * 10 > head.len() {
        Some("binary data (bytes that no XML file holds)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_signatures_and_control_bytes_are_binary() {
        assert_eq!(binary(b"%PDF-1.7\n%\xe2\xe3"), Some("a PDF document"));
        assert!(binary(b"PK\x03\x04\x14\x00").unwrap().contains(".docx"));
        assert_eq!(binary(b"\x89PNG\r\n\x1a\n\x00\x00"), Some("a PNG image"));
        let garbage = Some("binary data (bytes that no XML file holds)");
        assert_eq!(binary(b"\x00\x01\x02\x03garbage"), garbage);
        assert_eq!(binary(&[0x01; 64]), garbage);
    }

    #[test]
    fn text_in_any_encoding_of_xml_is_not_binary() {
        assert_eq!(binary(b"<TEI/>"), None);
        assert_eq!(binary(b""), None);
        assert_eq!(binary(b"   \n"), None);
        assert_eq!(binary(b"\xef\xbb\xbf<TEI/>"), None);
        assert_eq!(binary(b"<\x00T\x00E\x00I\x00/\x00>\x00"), None);
        assert_eq!(binary(b"\xff\xfe<\x00T\x00"), None);
        // One stray NUL in a long text is left to the XML reader, which gives its place.
        let mut text = b"<TEI>".repeat(40);
        text[100] = 0;
        assert_eq!(binary(&text), None);
        assert_eq!(
            binary(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><TEI>caf\xe9</TEI>"),
            None
        );
    }
}
