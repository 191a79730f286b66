//! OpenEdition (and jTEI, ISTEX): abstracts as `text/front/div[@type='abstract']`.

use super::{front, Entry, Guard, Source as S};

/// OpenEdition's entries.
pub const ENTRIES: &[Entry] = &[front(
    "div",
    Guard::Is("type", &["abstract"]),
    S::FrontAbstract,
)];
