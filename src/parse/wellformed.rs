//! Well-formedness checks of XML 1.0 (fifth edition) and Namespaces in XML, in bulk.
//!
//! quick-xml tokenizes the document (`mod.rs`); these helpers check each construct it
//! hands back, by its offset in the decoded text, for what quick-xml does not check, and
//! say what is wrong and where when quick-xml refuses one. Characters outside the `Char`
//! production can only be C0 controls other than TAB, LF and CR, or U+FFFE/U+FFFF once
//! the bytes are valid UTF-8 (surrogates cannot be encoded), and they are forbidden in
//! every part of a document. So one word-at-a-time scan of the whole text
//! ([`forbidden_char`]) checks every construct at once, and the other checks only look
//! for their delimiters with `memchr`/`memmem`.

use memchr::memmem;

/// A well-formedness error: byte offset in the decoded text and what is wrong.
#[derive(Debug)]
pub struct WfError {
    /// Byte offset of the offending position.
    pub at: usize,
    /// What is wrong there.
    pub message: String,
}

/// Shorthand for a result carrying a [`WfError`].
pub type Wf<T> = Result<T, WfError>;

/// An error at `at`.
pub fn err<T>(at: usize, message: impl Into<String>) -> Wf<T> {
    Err(WfError {
        at,
        message: message.into(),
    })
}

/// The namespace bound to the `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xmlns` declarations, which nothing may bind.
pub const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

#[cfg(not(target_arch = "x86_64"))]
const LO: u64 = 0x0101_0101_0101_0101;
#[cfg(not(target_arch = "x86_64"))]
const HI: u64 = 0x8080_8080_8080_8080;

/// Non-zero when some byte of `x` is below `n` (n ≤ 128); may over-report after a hit.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn has_less(x: u64, n: u8) -> u64 {
    x.wrapping_sub(LO * n as u64) & !x & HI
}

/// Non-zero when some byte of `x` equals `v`; may over-report after a hit.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn has_byte(x: u64, v: u8) -> u64 {
    let y = x ^ (LO * v as u64);
    y.wrapping_sub(LO) & !y & HI
}

#[derive(Debug)]
/// What [`forbidden_char`] learnt about the whole text.
pub struct Scan {
    /// The text holds a carriage return (line ends need normalising).
    pub has_cr: bool,
}

/// Finds the first character outside XML's `Char` production anywhere in `text`, sixteen
/// bytes at a time (SSE2; eight with a portable word scan elsewhere); only a control byte
/// other than TAB and LF, or 0xEF (the lead byte of U+FFFE/U+FFFF), is looked at alone.
pub fn forbidden_char(text: &str) -> Wf<Scan> {
    let b = text.as_bytes();
    let mut has_cr = false;
    let mut i = 0;
    loop {
        i = suspect(b, i);
        if i >= b.len() {
            return Ok(Scan { has_cr });
        }
        check_byte(b, i, &mut has_cr)?;
        i += 1;
    }
}

/// The offset of the first byte at or after `i` that is a control other than TAB or LF,
/// or 0xEF; `b.len()` when there is none.
#[cfg(target_arch = "x86_64")]
fn suspect(b: &[u8], mut i: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SSE2 is part of the x86_64 baseline, so these intrinsics are always available.
    unsafe {
        let limit = _mm_set1_epi8(0x1F);
        let lf = _mm_set1_epi8(b'\n' as i8);
        let tab = _mm_set1_epi8(b'\t' as i8);
        let ef = _mm_set1_epi8(0xEFu8 as i8);
        while i + 16 <= b.len() {
            // SAFETY: i + 16 <= b.len(), and loadu has no alignment requirement.
            let x = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            let control = _mm_cmpeq_epi8(_mm_min_epu8(x, limit), x);
            let allowed = _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, tab));
            let bad = _mm_or_si128(_mm_andnot_si128(allowed, control), _mm_cmpeq_epi8(x, ef));
            let mask = _mm_movemask_epi8(bad);
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    suspect_scalar(b, i)
}

#[cfg(not(target_arch = "x86_64"))]
fn suspect(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let word = u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
        if has_less(word, 0x20) | has_byte(word, 0xEF) != 0 {
            break;
        }
        i += 8;
    }
    suspect_scalar(b, i)
}

fn suspect_scalar(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| (c < 0x20 && c != b'\t' && c != b'\n') || c == 0xEF)
        .map_or(b.len(), |k| i + k)
}

#[inline]
fn check_byte(b: &[u8], j: usize, has_cr: &mut bool) -> Wf<()> {
    match b[j] {
        b'\t' | b'\n' => Ok(()),
        b'\r' => {
            *has_cr = true;
            Ok(())
        }
        c @ 0..=0x1F => err(
            j,
            format!("character U+{c:04X} (a control character) is not allowed in XML"),
        ),
        0xEF if b.get(j + 1) == Some(&0xBF) && matches!(b.get(j + 2), Some(0xBE | 0xBF)) => {
            let c = if b[j + 2] == 0xBE { "FFFE" } else { "FFFF" };
            err(j, format!("character U+{c} is not allowed in XML"))
        }
        _ => Ok(()),
    }
}

/// True for XML white space (`S`).
#[inline(always)]
pub fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The offset of the first non-space byte at or after `i`.
#[inline]
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

const fn name_tables() -> ([bool; 128], [bool; 128]) {
    let mut start = [false; 128];
    let mut name = [false; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        let s = b.is_ascii_alphabetic() || b == b'_' || b == b':';
        start[c] = s;
        name[c] = s || b.is_ascii_digit() || b == b'-' || b == b'.';
        c += 1;
    }
    (start, name)
}
const NAME_TABLES: ([bool; 128], [bool; 128]) = name_tables();

fn is_name_start_char(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return NAME_TABLES.0[c as usize];
    }
    matches!(c,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D | 0x37F..=0x1FFF
        | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

fn is_name_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return NAME_TABLES.1[u as usize];
    }
    is_name_start_char(c) || matches!(u, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}

/// The end of the `Name` starting at `i`; `what` says what the name is for in the error.
#[inline]
pub fn name_end(text: &str, i: usize, what: &str) -> Wf<usize> {
    let b = text.as_bytes();
    let mut j = i;
    // ASCII fast path.
    if j < b.len() && b[j] < 0x80 && NAME_TABLES.0[b[j] as usize] {
        j += 1;
        while j < b.len() && b[j] < 0x80 && NAME_TABLES.1[b[j] as usize] {
            j += 1;
        }
        if j >= b.len() || b[j] < 0x80 {
            return Ok(j);
        }
    }
    name_end_slow(text, i, j, what)
}

#[cold]
fn name_end_slow(text: &str, i: usize, mut j: usize, what: &str) -> Wf<usize> {
    for c in text[j..].chars() {
        let ok = if j == i {
            is_name_start_char(c)
        } else {
            is_name_char(c)
        };
        if !ok {
            break;
        }
        j += c.len_utf8();
    }
    if j == i {
        let found = text[i..]
            .chars()
            .next()
            .map_or("the end of the file".to_string(), |c| format!("{c:?}"));
        return err(i, format!("expected {what}, found {found}"));
    }
    Ok(j)
}

/// Splits a qualified name into prefix and local part, or says why it is not one
/// (Namespaces in XML: at most one colon, neither side empty).
pub fn split_qname(name: &str, at: usize) -> Wf<(Option<&str>, &str)> {
    match name.bytes().position(|c| c == b':') {
        None => Ok((None, name)),
        Some(k) => {
            let (prefix, local) = (&name[..k], &name[k + 1..]);
            if prefix.is_empty() || local.is_empty() || local.contains(':') {
                return err(
                    at,
                    format!("'{name}' is not a qualified name (Namespaces in XML)"),
                );
            }
            Ok((Some(prefix), local))
        }
    }
}

/// RFC 3986 `URI-reference` syntax, as libxml2 checks namespace names: ASCII only,
/// percent signs followed by two hex digits, one `#` at most, `[`/`]` and other
/// delimiters excluded, and a scheme (letters, digits, `+-.`) before any `:` that comes
/// before the first `/`, `?` or `#`.
pub fn is_uri_reference(uri: &str) -> bool {
    let b = uri.as_bytes();
    let mut i = 0;
    let mut hashes = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
                {
                    return false;
                }
                i += 2;
            }
            b'#' => hashes += 1,
            c if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:/?@".contains(&c) => {}
            _ => return false,
        }
        i += 1;
    }
    if hashes > 1 {
        return false;
    }
    let head_end = b
        .iter()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(b.len());
    // An authority after "scheme://": [userinfo@]host[:port], the port all digits.
    if let Some(k) = memchr::memchr(b':', &b[..head_end]) {
        if let Some(rest) = b[k + 1..].strip_prefix(b"//") {
            let end = rest
                .iter()
                .position(|c| matches!(c, b'/' | b'?' | b'#'))
                .unwrap_or(rest.len());
            let authority = &rest[..end];
            let host_port = match memchr::memrchr(b'@', authority) {
                Some(at) => &authority[at + 1..],
                None => authority,
            };
            if let Some(colon) = memchr::memchr(b':', host_port) {
                if !host_port[colon + 1..].iter().all(u8::is_ascii_digit) {
                    return false;
                }
            }
        }
    }
    let scheme_ok = match memchr::memchr(b':', &b[..head_end]) {
        None => true,
        Some(k) => {
            k > 0
                && b[0].is_ascii_alphabetic()
                && b[1..k]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        }
    };
    scheme_ok
}

/// A resolved reference.
pub enum Ref {
    /// A character reference.
    Char(char),
    /// One of the five predefined entities.
    Predefined(&'static str),
}

/// Reads the reference starting at `text[i] == '&'`; returns it and the offset after `;`.
/// `dtd_note` is added to the message of an undefined entity.
pub fn reference(text: &str, i: usize, dtd_note: &str) -> Wf<(Ref, usize)> {
    let b = text.as_bytes();
    if b.get(i + 1) == Some(&b'#') {
        let (digits, radix) = if b.get(i + 2) == Some(&b'x') {
            (i + 3, 16)
        } else {
            (i + 2, 10)
        };
        let mut j = digits;
        while j < b.len() && (b[j] as char).is_digit(radix) {
            j += 1;
        }
        if j == digits || b.get(j) != Some(&b';') {
            return err(
                i,
                "malformed character reference (expected &#DIGITS; or &#xHEX;)",
            );
        }
        let value = u32::from_str_radix(&text[digits..j], radix).unwrap_or(u32::MAX);
        return match char::from_u32(value) {
            Some(c) if is_char(c) => Ok((Ref::Char(c), j + 1)),
            _ => err(
                i,
                format!(
                    "character reference {} names a character XML does not allow",
                    &text[i..=j]
                ),
            ),
        };
    }
    let end = name_end(text, i + 1, "an entity name after '&'")?;
    if b.get(end) != Some(&b';') {
        return err(end, "entity reference not terminated by ';'");
    }
    let name = &text[i + 1..end];
    let value = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return err(i, format!("undefined entity &{name};{dtd_note}")),
    };
    Ok((Ref::Predefined(value), end + 1))
}

/// XML's `Char` production.
pub fn is_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Checks the comment starting at `text[i..]` == `<!--`; returns the offset after `-->`.
pub fn comment(text: &str, i: usize) -> Wf<usize> {
    let b = text.as_bytes();
    let body = i + 4;
    if b.get(body) == Some(&b'-') && b.get(body + 1) == Some(&b'>') {
        return err(body, "a comment may not end with '--->'");
    }
    let Some(k) = memmem::find(&b[body..], b"--") else {
        return err(i, "comment not terminated (expected '-->')");
    };
    let k = body + k;
    if b.get(k + 2) != Some(&b'>') {
        return err(k, "'--' is not allowed inside a comment");
    }
    Ok(k + 3)
}

/// Checks the processing instruction at `text[i..]` == `<?`; returns the offset after
/// `?>`. Its target may not be `xml` in any case (the declaration is read elsewhere).
pub fn pi(text: &str, i: usize) -> Wf<usize> {
    let b = text.as_bytes();
    let t = i + 2;
    let end = name_end(text, t, "a processing instruction target after '<?'")?;
    let target = &text[t..end];
    if target.eq_ignore_ascii_case("xml") {
        return err(
            i,
            if target == "xml" {
                "the XML declaration is allowed only at the very start of the document"
            } else {
                "a processing instruction target may not be 'xml' in any case"
            },
        );
    }
    if target.contains(':') {
        return err(
            t,
            format!("processing instruction target '{target}' may not contain ':'"),
        );
    }
    if b.get(end..end + 2) == Some(b"?>") {
        return Ok(end + 2);
    }
    if !b.get(end).is_some_and(|&c| is_ws(c)) {
        return err(
            end,
            "expected white space or '?>' after the processing instruction target",
        );
    }
    match memmem::find(&b[end..], b"?>") {
        Some(k) => Ok(end + k + 2),
        None => err(i, "processing instruction not terminated (expected '?>')"),
    }
}

/// Checks the CDATA section at `text[i..]` == `<![CDATA[`; returns (body end, end).
pub fn cdata(text: &str, i: usize) -> Wf<(usize, usize)> {
    let body = i + 9;
    match memmem::find(&text.as_bytes()[body..], b"]]>") {
        Some(k) => Ok((body + k, body + k + 3)),
        None => err(i, "CDATA section not terminated (expected ']]>')"),
    }
}

/// A quoted literal at `i`: returns (value start, value end, offset after the quote).
fn literal(text: &str, i: usize, what: &str) -> Wf<(usize, usize, usize)> {
    let b = text.as_bytes();
    let q = match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return err(i, format!("expected a quoted {what}")),
    };
    match memchr::memchr(q, &b[i + 1..]) {
        Some(k) => Ok((i + 1, i + 1 + k, i + k + 2)),
        None => err(i, format!("{what} not terminated")),
    }
}

/// `S? '=' S?` at `i`: the offset after it.
fn eq(b: &[u8], i: usize) -> Wf<usize> {
    let j = skip_ws(b, i);
    if b.get(j) != Some(&b'=') {
        return err(j, "expected '='");
    }
    Ok(skip_ws(b, j + 1))
}

/// The XML declaration at the start of `text` (which starts with `<?xml` and a space):
/// version, then optional encoding and standalone, in that order. Returns the offset
/// after `?>` and the declared encoding name.
pub fn xml_decl(text: &str) -> Wf<(usize, Option<&str>)> {
    let b = text.as_bytes();
    let mut i = 5;
    let mut encoding = None;
    let mut seen = 0; // 1 version, 2 encoding, 3 standalone
    loop {
        let j = skip_ws(b, i);
        if b.get(j..j + 2) == Some(b"?>") {
            if seen == 0 {
                return err(j, "the XML declaration must give a version");
            }
            return Ok((j + 2, encoding));
        }
        if j == i {
            return err(j, "expected white space or '?>' in the XML declaration");
        }
        let end = name_end(text, j, "version, encoding, standalone or '?>'")?;
        let key = &text[j..end];
        let order = match key {
            "version" => 1,
            "encoding" => 2,
            "standalone" => 3,
            _ => {
                return err(
                    j,
                    format!("unexpected '{key}' in the XML declaration (expected version, encoding or standalone)"),
                )
            }
        };
        if order <= seen || (seen == 0 && order != 1) {
            return err(
                j,
                "the XML declaration must hold version, then encoding, then standalone",
            );
        }
        seen = order;
        let v = eq(b, end)?;
        let (s, e, after) = literal(text, v, key)?;
        let value = &text[s..e];
        let ok = match order {
            1 => value
                .strip_prefix("1.")
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit())),
            2 => {
                let mut cs = value.bytes();
                cs.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
            }
            _ => matches!(value, "yes" | "no"),
        };
        if !ok {
            let expected = match order {
                1 => "1.0",
                2 => "an encoding name such as UTF-8",
                _ => "yes or no",
            };
            return err(
                s,
                format!("invalid {key} \"{value}\" in the XML declaration (expected {expected})"),
            );
        }
        if order == 2 {
            encoding = Some(value);
        }
        i = after;
    }
}

/// XML's `PubidChar`.
fn is_pubid_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b" \r\n-'()+,./:=?;!*#@$_%".contains(&c)
}

/// The DOCTYPE declaration at `text[i..]` == `<!DOCTYPE`: checks its outline (name,
/// external identifier, internal subset made of declarations, comments, PIs and
/// parameter-entity references) without processing it. Returns (end, has internal subset).
pub fn doctype(text: &str, i: usize) -> Wf<(usize, bool)> {
    let b = text.as_bytes();
    let mut j = i + 9;
    if !b.get(j).is_some_and(|&c| is_ws(c)) {
        return err(j, "expected white space after '<!DOCTYPE'");
    }
    j = skip_ws(b, j);
    j = name_end(text, j, "the document type name")?;
    let k = skip_ws(b, j);
    if k > j && (b[k..].starts_with(b"SYSTEM") || b[k..].starts_with(b"PUBLIC")) {
        let public = b[k..].starts_with(b"PUBLIC");
        let mut m = k + 6;
        if !b.get(m).is_some_and(|&c| is_ws(c)) {
            return err(m, "expected white space after SYSTEM or PUBLIC");
        }
        m = skip_ws(b, m);
        let (s, e, after) = literal(text, m, "identifier")?;
        if public {
            if let Some(k) = b[s..e].iter().position(|&c| !is_pubid_char(c)) {
                return err(s + k, "character not allowed in a public identifier");
            }
        }
        m = after;
        if public {
            if !b.get(m).is_some_and(|&c| is_ws(c)) {
                return err(m, "expected white space and a system identifier");
            }
            m = skip_ws(b, m);
            let (_, _, after) = literal(text, m, "system identifier")?;
            m = after;
        }
        j = m;
    }
    j = skip_ws(b, j);
    let mut subset = false;
    if b.get(j) == Some(&b'[') {
        subset = true;
        j += 1;
        loop {
            j = skip_ws(b, j);
            match b.get(j) {
                Some(b']') => {
                    j = skip_ws(b, j + 1);
                    break;
                }
                Some(b'%') => {
                    let e = name_end(text, j + 1, "a parameter entity name")?;
                    if b.get(e) != Some(&b';') {
                        return err(e, "parameter entity reference not terminated by ';'");
                    }
                    j = e + 1;
                }
                Some(b'<') if b[j..].starts_with(b"<!--") => j = comment(text, j)?,
                Some(b'<') if b[j..].starts_with(b"<?") => j = pi(text, j)?,
                Some(b'<')
                    if b[j..].starts_with(b"<!")
                        && b.get(j + 2).is_some_and(|c| c.is_ascii_uppercase()) =>
                {
                    // A markup declaration: up to its '>', skipping quoted literals.
                    let mut m = j + 2;
                    loop {
                        match memchr::memchr3(b'>', b'"', b'\'', &b[m..]) {
                            Some(k) if b[m + k] == b'>' => {
                                m += k + 1;
                                break;
                            }
                            Some(k) => {
                                let (_, _, after) = literal(text, m + k, "literal")?;
                                m = after;
                            }
                            None => return err(j, "markup declaration not terminated"),
                        }
                    }
                    j = m;
                }
                _ => return err(j, "unexpected content in the DOCTYPE's internal subset"),
            }
        }
    }
    if b.get(j) != Some(&b'>') {
        return err(j, "expected '>' to end the DOCTYPE declaration");
    }
    Ok((j + 1, subset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_chars_are_found_at_their_offset() {
        assert_eq!(forbidden_char("0123456789\u{1}").unwrap_err().at, 10);
        assert_eq!(forbidden_char("ab\u{0}").unwrap_err().at, 2);
        assert_eq!(forbidden_char("abcdefgh\u{FFFF}").unwrap_err().at, 8);
        assert!(forbidden_char("tab\tlf\ncr\r\u{FEFF}\u{FFFD}\u{EFFF}").is_ok());
        assert!(forbidden_char("x\r").unwrap().has_cr);
        // Past the vector loop, and at every offset of a 16-byte block.
        for at in 0..40 {
            let mut s = "a".repeat(40);
            s.insert(at, '\u{1F}');
            assert_eq!(forbidden_char(&s).unwrap_err().at, at);
        }
        assert!(forbidden_char(&"\u{EFFF}\n\t\u{FEFF}".repeat(9)).is_ok());
    }

    #[test]
    fn names() {
        assert_eq!(name_end("abc d", 0, "x").unwrap(), 3);
        assert_eq!(name_end("été>", 0, "x").unwrap(), 5);
        assert!(name_end("1abc", 0, "x").is_err());
        assert!(name_end("-a", 0, "x").is_err());
        assert!(split_qname("a:b:c", 0).is_err());
        assert!(split_qname(":b", 0).is_err());
        assert_eq!(split_qname("a:b", 0).unwrap(), (Some("a"), "b"));
    }

    #[test]
    fn namespace_names() {
        for ok in [
            "http://www.tei-c.org/ns/1.0",
            "urn:x",
            "x",
            "#f",
            "",
            "a%C3%A4",
        ] {
            assert!(is_uri_reference(ok), "{ok}");
        }
        for bad in [
            "h tp://x",
            "http://exämple/",
            "x{y}",
            "x[y]",
            "%zz",
            "a#b#c",
            "1x:y",
        ] {
            assert!(!is_uri_reference(bad), "{bad}");
        }
    }

    #[test]
    fn references() {
        assert!(matches!(reference("&#65;", 0, ""), Ok((Ref::Char('A'), 5))));
        assert!(matches!(
            reference("&#x41;", 0, ""),
            Ok((Ref::Char('A'), 6))
        ));
        assert!(reference("&#0;", 0, "").is_err());
        assert!(reference("&#xFFFE;", 0, "").is_err());
        assert!(reference("&#xD800;", 0, "").is_err());
        assert!(reference("&#x110000;", 0, "").is_err());
        assert!(reference("&#99999999999999999999;", 0, "").is_err());
        assert!(reference("&foo;", 0, "").is_err());
        assert!(reference("&amp", 0, "").is_err());
        assert!(matches!(
            reference("&lt;", 0, ""),
            Ok((Ref::Predefined("<"), 4))
        ));
    }

    #[test]
    fn comments_and_pis() {
        assert_eq!(comment("<!-- a -->x", 0).unwrap(), 10);
        assert_eq!(comment("<!---->", 0).unwrap(), 7);
        assert!(comment("<!-- a -- b -->", 0).is_err());
        assert!(comment("<!-- a --->", 0).is_err());
        assert!(comment("<!--->", 0).is_err());
        assert!(comment("<!-- a", 0).is_err());
        assert_eq!(pi("<?t x?>", 0).unwrap(), 7);
        assert_eq!(pi("<?t?>", 0).unwrap(), 5);
        assert!(pi("<?XmL x?>", 0).is_err());
        assert!(pi("<?tx", 0).is_err());
    }

    #[test]
    fn declarations() {
        assert_eq!(xml_decl("<?xml version='1.0'?>").unwrap().0, 21);
        let d = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>";
        assert_eq!(xml_decl(d).unwrap(), (d.len(), Some("UTF-8")));
        assert!(xml_decl("<?xml encoding='UTF-8'?>").is_err());
        assert!(xml_decl("<?xml version='2.0'?>").is_err());
        assert!(xml_decl("<?xml version='1.0' standalone='maybe'?>").is_err());
        assert!(xml_decl("<?xml version='1.0' standalone='no' encoding='UTF-8'?>").is_err());
        assert!(xml_decl("<?xml version='1.0'encoding='UTF-8'?>").is_err());
        let dt = "<!DOCTYPE TEI SYSTEM \"tei.dtd\" [<!ENTITY a \"x>\"> <!-- c --> %p;]>";
        assert_eq!(doctype(dt, 0).unwrap(), (dt.len(), true));
        assert!(doctype("<!DOCTYPE>", 0).is_err());
    }
}
