//! Reading one input with a size limit (`--max-file-size`), from a file or stdin.

use std::io::Read;
use std::path::Path;

use super::inputs::{Input, Source};
use crate::{parse, Document, ReadError};

/// The default `--max-file-size`: 256 MiB, far above any real TEI file (the largest
/// GROBID full texts are a few megabytes) and low enough that a stray disk image or
/// database dump among the inputs is refused instead of read into memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The name stdin is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads and parses one input: a file, stdin, or an entry that could not be walked
/// (which fails with its reason), refusing more than `limit` bytes.
pub fn read_input(input: &Input, limit: u64) -> Result<Document, ReadError> {
    match &input.source {
        Source::File(path) => read_file(path, &input.name, limit),
        Source::Stdin => read_stdin(limit),
        Source::Broken(why) => Err(ReadError::Io {
            path: input.name.clone(),
            source: std::io::Error::other(why.clone()),
        }),
    }
}

/// Reads and parses the file at `path`, refusing it unread when it is larger than `limit`
/// bytes ([`ReadError::TooLarge`]). `name` is how errors and the record name it.
pub fn read_file(path: &Path, name: &str, limit: u64) -> Result<Document, ReadError> {
    let io = |source| ReadError::Io {
        path: name.to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(too_large(name, size, limit));
    }
    let bytes = read_limited(file, name, limit, size as usize)?;
    parse::parse_owned(bytes, name)
}

/// Reads and parses one document from stdin, named `<stdin>`, with the same limit.
pub fn read_stdin(limit: u64) -> Result<Document, ReadError> {
    let bytes = read_limited(std::io::stdin().lock(), STDIN_NAME, limit, 0)?;
    parse::parse_owned(bytes, STDIN_NAME)
}

/// Reads at most `limit` bytes of `from`; more is [`ReadError::TooLarge`] (the file may
/// have grown since its size was taken, or be a stream).
fn read_limited(
    from: impl Read,
    name: &str,
    limit: u64,
    hint: usize,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    from.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(name: &str, size: u64, limit: u64) -> ReadError {
    ReadError::TooLarge {
        path: name.to_string(),
        size,
        limit,
    }
}

/// Parses a size such as `1048576`, `512K`, `10M`, `1G`, `2GiB` or `300MB` (binary
/// multiples: K = 1024). Used by `--max-file-size`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 500K, 10M, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("`{s}`: unknown unit (use K, M, G or T)")),
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("10X").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = std::env::temp_dir().join(format!("teimeta-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.xml");
        std::fs::write(&path, "<TEI><teiHeader/></TEI>").unwrap();
        match read_file(&path, "big.xml", 10) {
            Err(ReadError::TooLarge { size, limit, .. }) => assert_eq!((size, limit), (23, 10)),
            other => panic!("{other:?}"),
        }
        assert!(read_file(&path, "big.xml", 23).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
