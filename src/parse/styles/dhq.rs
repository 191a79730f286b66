//! Digital Humanities Quarterly: `dhq:authorInfo` authors, `dhq:articleType`, volume and
//! issue as `publicationStmt/idno`, and `text/front/dhq:abstract`.

use super::{author, desc, front, Depth, Entry, Guard, Part, PartEntry, Source as S};

/// DHQ's entries.
pub const ENTRIES: &[Entry] = &[
    desc("titleStmt/dhq:authorInfo", Guard::Any, S::DhqAuthor),
    desc("publicationStmt/dhq:articleType", Guard::Any, S::DhqGenre),
    desc(
        "publicationStmt/idno",
        Guard::Named(&["type"], &["volume"]),
        S::Volume,
    ),
    desc(
        "publicationStmt/idno",
        Guard::Named(&["type"], &["issue"]),
        S::Issue,
    ),
    front("dhq:abstract", Guard::Any, S::FrontAbstract),
];

/// DHQ's author parts: `dhq:author_name` holds the given names as text beside
/// `dhq:family`.
pub const PARTS: &[PartEntry] = &[
    author("dhq:author_name", Depth::Child, Guard::Any, Part::DhqGiven),
    author("dhq:family", Depth::Any, Guard::Any, Part::Surname),
    author(
        "dhq:affiliation",
        Depth::Child,
        Guard::Any,
        Part::Affiliation,
    ),
];

/// DHQ's author keywords: `keywords[@scheme='#authorial_keywords']`.
pub const AUTHOR_KEYWORD_SCHEMES: &[&str] = &["authorial_keywords"];
