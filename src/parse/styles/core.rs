//! The core TEI header: `fileDesc` (titleStmt, publicationStmt, seriesStmt, the
//! `sourceDesc/biblStruct/monogr` of the journal) and `profileDesc`.

use super::{affiliation, author, desc, front, Depth, Entry, Guard, Part, PartEntry, Source as S};

/// Print ISSN `@type`s.
pub(super) const ISSN: &[&str] = &["ISSN", "pISSN", "p-ISSN", "ISSN-print", "ppub"];
/// Electronic ISSN `@type`s.
pub(super) const EISSN: &[&str] = &["eISSN", "e-ISSN", "ISSN-electronic", "epub"];
/// `biblScope` units (or ISTEX's `@type`) per field.
pub(super) const VOLUME: &[&str] = &["volume", "vol"];
pub(super) const ISSUE: &[&str] = &["issue", "number", "no", "nr"];
pub(super) const PAGES: &[&str] = &["page", "pages", "pp"];
/// The attributes a `biblScope` names its unit with.
pub(super) const UNIT: &[&str] = &["unit", "type"];
const MONOGR_IDNO: &str = "sourceDesc/biblStruct/monogr/idno";
const SERIES_IDNO: &str = "seriesStmt/idno";
const STMT_IDNO: &str = "publicationStmt/idno";
const IMPRINT_SCOPE: &str = "sourceDesc/biblStruct/monogr/imprint/biblScope";
const SERIES_SCOPE: &str = "seriesStmt/biblScope";

/// The core header's entries.
pub const ENTRIES: &[Entry] = &[
    desc("titleStmt/title", Guard::Any, S::StmtTitle),
    // A typed inner title splits a `full` title into main and sub; an untyped one (a
    // cited book's title) is part of the text.
    desc(
        "titleStmt/title/title",
        Guard::Has("type"),
        S::StmtInnerTitle,
    ),
    desc("titleStmt/author", Guard::Any, S::StmtAuthor),
    // HAL names the depositor of the record as an editor: no editor of the work.
    desc(
        "titleStmt/editor",
        Guard::IsNot("role", &["depositor"]),
        S::StmtEditor,
    ),
    desc("seriesStmt/editor", Guard::Any, S::SeriesEditor),
    desc(
        "sourceDesc/biblStruct/monogr/editor",
        Guard::Any,
        S::MonogrEditor,
    ),
    desc(
        "sourceDesc/biblStruct/series/editor",
        Guard::Any,
        S::BiblSeriesEditor,
    ),
    desc("profileDesc/textClass/keywords", Guard::Any, S::Keywords),
    desc("profileDesc/abstract", Guard::Any, S::HeaderAbstract),
    front("abstract", Guard::Any, S::FrontAbstract),
    desc("profileDesc/langUsage/language", Guard::Any, S::Language),
    desc(
        "sourceDesc/biblStruct/monogr/title",
        Guard::Both(
            &Guard::Is("level", &["j"]),
            &Guard::IsNot("type", &["abbrev", "abbreviated", "short"]),
        ),
        S::Journal,
    ),
    desc(
        "seriesStmt/title",
        Guard::Is("level", &["j"]),
        S::SeriesJournal,
    ),
    desc(
        "seriesStmt/title",
        Guard::Is("level", &["s"]),
        S::SeriesStmtSeries,
    ),
    desc(
        "seriesStmt/title",
        Guard::AbsentOr("level", &[]),
        S::SeriesTitle,
    ),
    desc(
        "sourceDesc/biblStruct/series/title",
        Guard::Is("level", &["s"]),
        S::BiblSeries,
    ),
    desc(SERIES_IDNO, Guard::Named(&["type"], &["DOI"]), S::SeriesDoi),
    desc(SERIES_SCOPE, Guard::Named(UNIT, VOLUME), S::SeriesVolume),
    desc(SERIES_SCOPE, Guard::Named(UNIT, ISSUE), S::SeriesIssue),
    desc(SERIES_SCOPE, Guard::Named(UNIT, PAGES), S::SeriesPages),
    desc(MONOGR_IDNO, Guard::Named(&["type"], ISSN), S::Issn),
    desc(SERIES_IDNO, Guard::Named(&["type"], ISSN), S::Issn),
    desc(STMT_IDNO, Guard::Named(&["type"], ISSN), S::Issn),
    desc(MONOGR_IDNO, Guard::Named(&["type"], EISSN), S::Eissn),
    desc(SERIES_IDNO, Guard::Named(&["type"], EISSN), S::Eissn),
    desc(STMT_IDNO, Guard::Named(&["type"], EISSN), S::Eissn),
    desc(STMT_IDNO, Guard::Named(&["type"], &["DOI"]), S::DoiStmt),
    desc(STMT_IDNO, Guard::Named(&["type"], &["URL", "URI"]), S::Url),
    desc(IMPRINT_SCOPE, Guard::Named(UNIT, VOLUME), S::Volume),
    desc(IMPRINT_SCOPE, Guard::Named(UNIT, ISSUE), S::Issue),
    desc(IMPRINT_SCOPE, Guard::Named(UNIT, PAGES), S::Pages),
    desc(
        "sourceDesc/biblStruct/monogr/imprint/date",
        Guard::AbsentOr(
            "type",
            &[
                "published",
                "datePub",
                "dateDefended",
                "publication",
                "issued",
            ],
        ),
        S::ImprintDate,
    ),
    desc("publicationStmt/date", Guard::Any, S::StmtDate),
    desc(
        "sourceDesc/biblStruct/monogr/imprint/publisher",
        Guard::Any,
        S::ImprintPublisher,
    ),
    desc("publicationStmt/publisher", Guard::Any, S::StmtPublisher),
    desc("sourceDesc/biblStruct", Guard::Has("type"), S::BiblGenre),
    desc(
        "sourceDesc/biblStruct/monogr/title",
        Guard::Both(
            &Guard::Is("level", &["m"]),
            &Guard::AbsentOr("type", &["main"]),
        ),
        S::Container,
    ),
];

/// The parts of an author (`titleStmt/author`, `analytic/author`, HAL's biblFull author).
pub const PARTS: &[PartEntry] = &[
    author("persName", Depth::Child, Guard::Any, Part::Name),
    author("name", Depth::Child, Guard::Any, Part::Name),
    author("forename", Depth::Any, Guard::Any, Part::Forename),
    author("surname", Depth::Any, Guard::Any, Part::Surname),
    author("nameLink", Depth::Any, Guard::Any, Part::NameLink),
    author("roleName", Depth::Any, Guard::Any, Part::RoleName),
    author("genName", Depth::Any, Guard::Any, Part::GenName),
    // HAL's `email[@type='md5' | 'domain']` are hashes, not addresses.
    author(
        "email",
        Depth::Child,
        Guard::IsNot("type", &["md5", "domain"]),
        Part::Email,
    ),
    author(
        "idno",
        Depth::UpToGrandchild,
        Guard::Is("type", &["ORCID"]),
        Part::Orcid,
    ),
    author(
        "idno",
        Depth::UpToGrandchild,
        Guard::Both(&Guard::Has("type"), &Guard::IsNot("type", &["ORCID"])),
        Part::PersonId,
    ),
    author("orgName", Depth::Child, Guard::Any, Part::CorporateName),
    author("affiliation", Depth::Child, Guard::Any, Part::Affiliation),
    affiliation("orgName", Guard::Any, Part::AffOrg),
    affiliation("settlement", Guard::Any, Part::AffSettlement),
    affiliation("country", Guard::Any, Part::AffCountry),
    affiliation("region", Guard::Any, Part::AffRegion),
    affiliation("addrLine", Guard::Any, Part::AffAddrLine),
    affiliation("idno", Guard::Has("type"), Part::AffId),
];

/// Author-keyword schemes of plain TEI (and French-language journals).
pub const AUTHOR_KEYWORD_SCHEMES: &[&str] = &[
    "",
    "keyword",
    "keywords",
    "author",
    "authors",
    "author_keywords",
    "author-keywords",
    "authorkeywords",
    "mots-cles",
    "mots-clés",
    "motscles",
];
