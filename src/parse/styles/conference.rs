//! Conference tools (ConfTool and DH conference abstracts): the meeting (in the
//! `monogr`, the `titleStmt` or inside each author), and the
//! `whenProduced` edition date when nothing else dates the paper.

use super::{desc, Entry, Guard, Source as S};

/// The conference tools' entries.
pub const ENTRIES: &[Entry] = &[
    desc("sourceDesc/biblStruct/monogr/meeting", Guard::Any, S::Event),
    // ConfTool and DH abstracts: beside the authors, or inside each of them.
    desc("titleStmt/meeting", Guard::Any, S::StmtMeeting),
    desc("titleStmt/author/meeting", Guard::Any, S::StmtMeeting),
    desc(
        "editionStmt/edition/date",
        Guard::Is("type", &["whenProduced"]),
        S::ProducedDate,
    ),
];

/// ConfTool: `keywords[@scheme='ConfTool'][@n='keywords']` is the authors' group; its
/// category, subcategory and topics groups are not.
pub const KEYWORD_GROUP_BY_N: &[(&str, &str)] = &[("ConfTool", "keywords")];
