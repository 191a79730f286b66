//! ISTEX: `sourceDesc/listBibl/biblStruct` (read as `sourceDesc/biblStruct`, see
//! [`super::relative`]), a `listBibl[@type='inbook']` for chapters, and `biblScope`
//! directly in the `monogr`.

use super::core::{ISSUE, PAGES, UNIT, VOLUME};
use super::{desc, Entry, Guard, Source as S};

const SCOPE: &str = "sourceDesc/biblStruct/monogr/biblScope";

/// ISTEX's entries.
pub const ENTRIES: &[Entry] = &[
    desc(
        "sourceDesc/listBibl",
        Guard::Is("type", &["inbook", "incollection"]),
        S::ListBiblGenre,
    ),
    desc(SCOPE, Guard::Named(UNIT, VOLUME), S::Volume),
    desc(SCOPE, Guard::Named(UNIT, ISSUE), S::Issue),
    desc(SCOPE, Guard::Named(UNIT, PAGES), S::Pages),
];
