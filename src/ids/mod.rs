//! Identifiers and coded values, parsed once: DOI, ORCID iD, ISSN, BCP 47 language tag,
//! date and email address.
//!
//! Each type is built by a `parse` that either gives the value (with accessors for its
//! bare, canonical and URL forms) or a [`Fault`] saying, in words an editor understands,
//! what is wrong. `validate` reports the faults; every exporter uses the parsed forms, so
//! what one side accepts the other writes, and the two cannot drift apart again.
//!
//! No regular-expression engine: each grammar is small enough to read as code, and a
//! hand-written matcher cannot blow up on a hostile value. BCP 47 is the exception: its
//! grammar is `oxilangtag`'s.

pub mod check_digit;
pub mod date;
pub mod doi;
pub mod email;
pub mod issn;
pub mod lang;
pub mod orcid;

pub use date::{iso as iso_date, Date, DateFault};
pub use doi::Doi;
pub use email::Email;
pub use issn::Issn;
pub use lang::LanguageTag;
pub use orcid::Orcid;

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The value does not have the shape the identifier requires.
    Syntax(String),
    /// The shape is right but the check digit is not: a typo.
    Checksum {
        /// The check digit the other digits call for.
        expected: char,
        /// The check digit as written.
        found: char,
    },
}

impl Fault {
    pub(crate) fn syntax<T>(why: impl Into<String>) -> Result<T, Fault> {
        Err(Fault::Syntax(why.into()))
    }
}

/// True when `s` is one or more ASCII digits.
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
