//! OpenEdition (and jTEI, ISTEX): abstracts as `text/front/div[@type='abstract']`.
//! (Its author keywords, `keywords[@scheme='keyword']`, are in the core list; its
//! chronological, geographical and personcited groups are classifications.)

use super::{front, Entry, Guard, Source as S};

/// OpenEdition's entries.
pub const ENTRIES: &[Entry] = &[front(
    "div",
    Guard::Is("type", &["abstract"]),
    S::FrontAbstract,
)];
