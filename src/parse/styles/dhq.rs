//! Digital Humanities Quarterly: `dhq:authorInfo` authors, `dhq:articleType`, volume and
//! issue as `publicationStmt/idno`, and `text/front/dhq:abstract`.

use super::{desc, front, Entry, Guard, Source as S};

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
