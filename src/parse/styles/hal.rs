//! HAL: the article lives in `text/body/listBibl/biblFull`, read with the core table
//! (see [`super::relative`]); HAL adds its typology and, for theses, the institution.
//!
//! `publicationStmt/idno[@type='halUri']` is not read: the page URL is not a full text.

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
];
