//! GROBID: the article repeated in `sourceDesc/biblStruct/analytic`, and the DOI directly
//! under the biblStruct. Its reference list (`text/back//listBibl/biblStruct`) is no
//! description and never matches (see [`super::relative`]).

use super::{affiliation, desc, Entry, Guard, Part, PartEntry, Source as S};

const DOI: Guard = Guard::Is("type", &["DOI"]);

/// GROBID's entries.
pub const ENTRIES: &[Entry] = &[
    desc(
        "sourceDesc/biblStruct/analytic/title",
        Guard::Any,
        S::AnalyticTitle,
    ),
    desc(
        "sourceDesc/biblStruct/analytic/title/title",
        Guard::Has("type"),
        S::AnalyticInnerTitle,
    ),
    desc(
        "sourceDesc/biblStruct/analytic/author",
        Guard::Any,
        S::AnalyticAuthor,
    ),
    desc("sourceDesc/biblStruct/idno", DOI, S::DoiBibl),
    desc("sourceDesc/biblStruct/analytic/idno", DOI, S::DoiBibl),
];

/// GROBID's affiliation parts: the raw string beside the structured ones.
pub const PARTS: &[PartEntry] = &[affiliation(
    "note",
    Guard::Is("type", &["raw_affiliation"]),
    Part::AffRaw,
)];
