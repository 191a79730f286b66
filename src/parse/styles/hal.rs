//! HAL: the article lives in `text/body/listBibl/biblFull`, read with the core table
//! (see [`super::relative`]); HAL adds its typology and, for theses, the institution.
//!
//! `publicationStmt/idno[@type='halUri']`, the record's page, is the URL when the header
//! gives no other.

use super::{desc, Entry, Guard, Source as S};

/// HAL's entries.
pub const ENTRIES: &[Entry] = &[
    desc(
        "profileDesc/textClass/classCode",
        Guard::Is("scheme", &["halTypology"]),
        S::HalGenre,
    ),
    desc(
        "sourceDesc/biblStruct/monogr/authority",
        Guard::Is("type", &["institution"]),
        S::Institution,
    ),
    desc(
        "publicationStmt/idno",
        Guard::Is("type", &["halUri"]),
        S::HalUri,
    ),
];
