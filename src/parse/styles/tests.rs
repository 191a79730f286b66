//! Unit tests of the style tables: each entry matches the elements it is for and not
//! their neighbours, paths are normalised per dialect, and every source has a field.

use quick_xml::events::BytesStart;

use super::*;

/// A start tag from its content: `idno type="ISSN"`.
fn el(content: &str) -> BytesStart<'_> {
    let name = content.find(' ').unwrap_or(content.len());
    BytesStart::from_content(content, name)
}

/// The source the description's table gives an element at `path`.
fn desc_source(path: &str, tag: &str) -> Option<Source> {
    find(Root::Description, path, &el(tag)).map(|e| e.source)
}

fn front_source(path: &str, tag: &str) -> Option<Source> {
    find(Root::Front, path, &el(tag)).map(|e| e.source)
}

/// Attributes that pass `guard` (as `name="value"` pairs).
fn passing(guard: &Guard, out: &mut Vec<(String, String)>) {
    match *guard {
        Guard::Any | Guard::AbsentOr(..) | Guard::IsNot(..) => {}
        Guard::Is(name, want) => out.push((name.into(), format!(" {} ", want[0]))),
        Guard::Named(names, want) => out.push((names[0].into(), want[0].to_uppercase())),
        Guard::Has(name) => out.push((name.into(), "x".into())),
        Guard::Both(a, b) => {
            passing(a, out);
            passing(b, out);
        }
    }
}

fn tag_for(entry: &Entry, attrs: &[(String, String)]) -> String {
    let name = entry.path.rsplit('/').next().unwrap();
    let mut tag = name.to_string();
    for (k, v) in attrs {
        tag.push_str(&format!(" {k}=\"{v}\""));
    }
    tag
}

#[test]
fn every_entry_is_reached_by_an_element_that_passes_its_guard() {
    for (family, table) in TABLES {
        for entry in *table {
            let mut attrs = Vec::new();
            passing(&entry.guard, &mut attrs);
            let tag = tag_for(entry, &attrs);
            let found = find(entry.root, entry.path, &el(&tag));
            assert_eq!(found, Some(entry), "{family}: <{tag}> at {}", entry.path);
        }
    }
}

#[test]
fn no_guarded_entry_matches_an_element_without_attributes() {
    for entry in entries() {
        let name = entry.path.rsplit('/').next().unwrap();
        let matched = entry.guard.matches(&el(name));
        let optional = matches!(
            entry.guard,
            Guard::Any | Guard::AbsentOr(..) | Guard::IsNot(..)
        );
        assert_eq!(matched, optional, "{:?}", entry);
    }
}

#[test]
fn entries_of_one_path_never_overlap_so_table_order_cannot_matter() {
    for a in entries() {
        let mut attrs = Vec::new();
        passing(&a.guard, &mut attrs);
        let tag = tag_for(a, &attrs);
        for b in entries() {
            if std::ptr::eq(a, b) || a.root != b.root || a.path != b.path {
                continue;
            }
            assert!(
                !b.guard.matches(&el(&tag)),
                "<{tag}> at {} matches {:?} and {:?}",
                a.path,
                a.source,
                b.source
            );
        }
    }
}

#[test]
fn core_header_tells_journal_titles_from_abbreviations_and_books() {
    let monogr = "sourceDesc/biblStruct/monogr/title";
    assert_eq!(
        desc_source(monogr, r#"title level="j""#),
        Some(Source::Journal)
    );
    assert_eq!(
        desc_source(monogr, r#"title level="j" type="abbrev""#),
        None
    );
    assert_eq!(
        desc_source(monogr, r#"title level="m" type="main""#),
        Some(Source::Container)
    );
    assert_eq!(desc_source(monogr, r#"title level="m" type="sub""#), None);
    assert_eq!(desc_source(monogr, "title"), None);
    assert_eq!(
        desc_source("titleStmt/title/title", r#"title type="main""#),
        Some(Source::StmtInnerTitle)
    );
    // An untyped inner title is a cited work, part of the outer title's text.
    assert_eq!(desc_source("titleStmt/title/title", "title"), None);
}

#[test]
fn core_header_reads_issns_by_type_in_three_places() {
    for path in [
        "sourceDesc/biblStruct/monogr/idno",
        "seriesStmt/idno",
        "publicationStmt/idno",
    ] {
        assert_eq!(
            desc_source(path, r#"idno type="pISSN""#),
            Some(Source::Issn)
        );
        assert_eq!(
            desc_source(path, r#"idno type="eISSN""#),
            Some(Source::Eissn)
        );
        assert_eq!(desc_source(path, r#"idno type="ISBN""#), None);
    }
    // A DOI is the paper's in the publicationStmt and the biblStruct; in a seriesStmt
    // it belongs to the series volume or the book of abstracts.
    assert_eq!(
        desc_source("publicationStmt/idno", r#"idno type="doi""#),
        Some(Source::DoiStmt)
    );
    assert_eq!(
        desc_source("seriesStmt/idno", r#"idno type="DOI""#),
        Some(Source::SeriesDoi)
    );
}

#[test]
fn core_header_dates_only_publication_dates() {
    let date = "sourceDesc/biblStruct/monogr/imprint/date";
    assert_eq!(desc_source(date, "date"), Some(Source::ImprintDate));
    assert_eq!(
        desc_source(date, r#"date type="datePub""#),
        Some(Source::ImprintDate)
    );
    assert_eq!(desc_source(date, r#"date type="modified""#), None);
    // The imprint's date types are matched as written.
    assert_eq!(desc_source(date, r#"date type="DATEPUB""#), None);
}

#[test]
fn core_header_reads_scopes_by_unit() {
    let scope = "sourceDesc/biblStruct/monogr/imprint/biblScope";
    assert_eq!(
        desc_source(scope, r#"biblScope unit="volume""#),
        Some(Source::Volume)
    );
    assert_eq!(
        desc_source(scope, r#"biblScope unit="No""#),
        Some(Source::Issue)
    );
    assert_eq!(
        desc_source(scope, r#"biblScope unit="pp""#),
        Some(Source::Pages)
    );
    assert_eq!(desc_source(scope, r#"biblScope unit="chapter""#), None);
}

#[test]
fn grobid_reference_list_is_no_description() {
    let mut scratch = String::new();
    for path in [
        "TEI/text/back/div/listBibl/biblStruct/analytic/title",
        "TEI/text/back/div/listBibl/biblStruct/analytic/author",
        "TEI/text/back/div/listBibl/biblStruct/idno",
    ] {
        assert_eq!(relative(path, false, &mut scratch), None, "{path}");
        assert_eq!(relative(path, true, &mut scratch), None, "{path}");
    }
    assert_eq!(
        relative(
            "TEI/teiHeader/fileDesc/sourceDesc/biblStruct/analytic/title",
            false,
            &mut scratch
        ),
        Some("sourceDesc/biblStruct/analytic/title")
    );
    // Only the profileDesc and fileDesc of the teiHeader are descriptions.
    assert_eq!(
        relative("TEI/teiHeader/encodingDesc/title", false, &mut scratch),
        None
    );
}

#[test]
fn grobid_analytic_gives_title_authors_and_doi() {
    assert_eq!(
        desc_source("sourceDesc/biblStruct/analytic/title", "title"),
        Some(Source::AnalyticTitle)
    );
    assert_eq!(
        desc_source("sourceDesc/biblStruct/analytic/author", "author"),
        Some(Source::AnalyticAuthor)
    );
    for path in [
        "sourceDesc/biblStruct/idno",
        "sourceDesc/biblStruct/analytic/idno",
    ] {
        assert_eq!(
            desc_source(path, r#"idno type="DOI""#),
            Some(Source::DoiBibl)
        );
        assert_eq!(desc_source(path, r#"idno type="MD5""#), None);
    }
}

#[test]
fn hal_bibl_full_reads_as_a_header_only_inside_the_first_one() {
    let mut scratch = String::new();
    let path = "TEI/text/body/listBibl/biblFull/titleStmt/title";
    assert_eq!(relative(path, true, &mut scratch), Some("titleStmt/title"));
    assert_eq!(relative(path, false, &mut scratch), None);
    assert_eq!(
        desc_source(
            "profileDesc/textClass/classCode",
            r#"classCode scheme="halTypology" n="ART""#
        ),
        Some(Source::HalGenre)
    );
    assert_eq!(
        desc_source(
            "profileDesc/textClass/classCode",
            r#"classCode scheme="halDomain""#
        ),
        None
    );
    // HAL's depositor is no editor of the work.
    assert_eq!(
        desc_source("titleStmt/editor", r#"editor role="depositor""#),
        None
    );
    assert_eq!(
        desc_source("titleStmt/editor", r#"editor role="translator""#),
        Some(Source::StmtEditor)
    );
    // HAL's page URL is the URL when nothing else gives one (the type as HAL writes
    // it, in any case).
    for t in ["halUri", "haluri", "HALURI"] {
        assert_eq!(
            desc_source("publicationStmt/idno", &format!(r#"idno type="{t}""#)),
            Some(Source::HalUri)
        );
    }
    assert_eq!(
        precedence(Field::Url),
        &[Source::Url, Source::HalUri],
        "a full-text URL first"
    );
}

#[test]
fn dhq_authors_type_volume_and_front_abstract() {
    assert_eq!(
        desc_source("titleStmt/dhq:authorInfo", "dhq:authorInfo"),
        Some(Source::DhqAuthor)
    );
    assert_eq!(
        desc_source("publicationStmt/dhq:articleType", "dhq:articleType"),
        Some(Source::DhqGenre)
    );
    assert_eq!(
        desc_source("publicationStmt/idno", r#"idno type="volume""#),
        Some(Source::Volume)
    );
    assert_eq!(
        front_source("dhq:abstract", "dhq:abstract"),
        Some(Source::FrontAbstract)
    );
    // The same name elsewhere in the front is not an abstract.
    assert_eq!(front_source("div/dhq:abstract", "dhq:abstract"), None);
}

#[test]
fn openedition_front_div_is_an_abstract_only_when_typed_so() {
    assert_eq!(
        front_source("div", r#"div type="abstract""#),
        Some(Source::FrontAbstract)
    );
    assert_eq!(front_source("div", r#"div type="dedication""#), None);
    assert_eq!(front_source("div", "div"), None);
    assert_eq!(front_relative("teiCorpus/TEI/text/front/div"), Some("div"));
    assert_eq!(front_relative("TEI/text/body/div"), None);
}

#[test]
fn istex_list_bibl_is_read_as_the_bibl_struct() {
    let mut scratch = String::new();
    assert_eq!(
        relative(
            "TEI/teiHeader/fileDesc/sourceDesc/listBibl/biblStruct/monogr/biblScope",
            false,
            &mut scratch
        ),
        Some("sourceDesc/biblStruct/monogr/biblScope")
    );
    assert_eq!(
        desc_source(
            "sourceDesc/biblStruct/monogr/biblScope",
            r#"biblScope type="vol""#
        ),
        Some(Source::Volume)
    );
    assert_eq!(
        desc_source("sourceDesc/listBibl", r#"listBibl type="inbook""#),
        Some(Source::ListBiblGenre)
    );
    assert_eq!(
        desc_source("sourceDesc/listBibl", r#"listBibl type="journal""#),
        None
    );
}

#[test]
fn conference_tools_give_the_meeting_and_the_production_date() {
    assert_eq!(
        desc_source("sourceDesc/biblStruct/monogr/meeting", "meeting"),
        Some(Source::Event)
    );
    for path in ["titleStmt/meeting", "titleStmt/author/meeting"] {
        assert_eq!(desc_source(path, "meeting"), Some(Source::StmtMeeting));
    }
    // Its title is read by the meeting, not as a source of its own.
    assert_eq!(
        desc_source("sourceDesc/biblStruct/monogr/meeting/title", "title"),
        None
    );
    let edition = "editionStmt/edition/date";
    assert_eq!(
        desc_source(edition, r#"date type="whenProduced""#),
        Some(Source::ProducedDate)
    );
    // A conversion timestamp is no publication date.
    assert_eq!(desc_source(edition, r#"date type="converted""#), None);
}

#[test]
fn every_source_of_a_table_feeds_exactly_one_field() {
    for entry in entries() {
        let fields: Vec<&Field> = Field::ALL
            .iter()
            .filter(|f| precedence(**f).contains(&entry.source))
            .collect();
        assert_eq!(fields.len(), 1, "{:?} feeds {fields:?}", entry.source);
    }
}

#[test]
fn precedence_puts_the_richer_source_first() {
    let date = precedence(Field::Date);
    assert_eq!(
        date,
        &[Source::ImprintDate, Source::StmtDate, Source::ProducedDate]
    );
    assert_eq!(precedence(Field::Authors)[0], Source::DhqAuthor);
    assert_eq!(precedence(Field::Doi), &[Source::DoiBibl, Source::DoiStmt]);
    assert_eq!(
        precedence(Field::Journal),
        &[Source::Journal, Source::SeriesJournal]
    );
}

#[test]
fn looked_in_names_every_entry_of_the_field_best_first() {
    for field in Field::ALL {
        let looked = looked_in(*field);
        assert!(!looked.is_empty(), "{field:?}");
        for entry in entries().filter(|e| precedence(*field).contains(&e.source)) {
            assert!(looked.contains(entry.path), "{field:?}: {looked}");
        }
    }
    assert!(looked_in(Field::Authors).starts_with("titleStmt/dhq:authorInfo, "));
    assert!(looked_in(Field::Abstract).contains("text/front/dhq:abstract"));
    assert!(looked_in(Field::Abstract).contains("text/front/div[@type='abstract']"));
    assert!(
        looked_in(Field::Pages).contains("sourceDesc/biblStruct/monogr/biblScope[@unit='page']")
    );
    assert!(looked_in(Field::Date).ends_with(" or editionStmt/edition/date[@type='whenProduced']"));
    assert_eq!(
        looked_in(Field::Language),
        "profileDesc/langUsage/language/@ident"
    );
}

fn part(in_affiliation: bool, tag: &str, inner_depth: usize) -> Option<Part> {
    let name = tag.split(' ').next().unwrap();
    find_part(in_affiliation, name, inner_depth, &el(tag))
}

#[test]
fn every_part_entry_is_reached_where_it_may_stand_and_no_two_overlap() {
    for (family, table) in PART_TABLES {
        for entry in *table {
            let mut attrs = Vec::new();
            passing(&entry.guard, &mut attrs);
            let mut tag = entry.name.to_string();
            for (k, v) in &attrs {
                tag.push_str(&format!(" {k}=\"{v}\""));
            }
            let found = part(entry.in_affiliation, &tag, 1);
            assert_eq!(found, Some(entry.part), "{family}: <{tag}>");
            let same_place = part_entries().filter(|x| {
                x.in_affiliation == entry.in_affiliation
                    && x.name == entry.name
                    && x.guard.matches(&el(&tag))
            });
            assert_eq!(same_place.count(), 1, "{family}: <{tag}> overlaps");
        }
    }
}

#[test]
fn author_parts_keep_to_their_depth() {
    // A persName deeper down (inside an affiliation's note, say) is not the name.
    assert_eq!(part(false, "persName", 1), Some(Part::Name));
    assert_eq!(part(false, "persName", 2), None);
    // Name parts are read at any depth (persName/surname, or surname directly).
    assert_eq!(part(false, "surname", 3), Some(Part::Surname));
    // An ORCID sits on the author or on its persName, no deeper.
    assert_eq!(part(false, r#"idno type="orcid""#, 2), Some(Part::Orcid));
    assert_eq!(part(false, r#"idno type="ORCID""#, 3), None);
    // Other person identifiers sit there too; an untyped idno says nothing.
    assert_eq!(
        part(false, r#"idno type="halauthorid""#, 1),
        Some(Part::PersonId)
    );
    assert_eq!(part(false, r#"idno type="IdRef""#, 2), Some(Part::PersonId));
    assert_eq!(part(false, "idno", 1), None);
    // An organisation as the author's child is a corporate author; inside an
    // affiliation it is the affiliation's organisation.
    assert_eq!(part(false, "orgName", 1), Some(Part::CorporateName));
    assert_eq!(part(true, "orgName", 3), Some(Part::AffOrg));
    // Inside an affiliation, author-level parts are not read.
    assert_eq!(part(true, "surname", 2), None);
}

#[test]
fn hal_hashed_emails_are_no_addresses() {
    assert_eq!(part(false, "email", 1), Some(Part::Email));
    assert_eq!(part(false, r#"email type="md5""#, 1), None);
    assert_eq!(part(false, r#"email type=" Domain ""#, 1), None);
}

#[test]
fn grobid_raw_affiliation_is_read_only_inside_an_affiliation() {
    let raw = r#"note type="raw_affiliation""#;
    assert_eq!(part(true, raw, 2), Some(Part::AffRaw));
    assert_eq!(part(false, raw, 1), None);
    assert_eq!(part(true, r#"note type="footnote""#, 2), None);
}

#[test]
fn dhq_author_name_gives_the_given_names_and_family_the_surname() {
    assert_eq!(part(false, "dhq:author_name", 1), Some(Part::DhqGiven));
    assert_eq!(part(false, "dhq:family", 2), Some(Part::Surname));
    assert_eq!(part(false, "dhq:affiliation", 1), Some(Part::Affiliation));
    assert_eq!(part(false, "dhq:affiliation", 2), None);
}

#[test]
fn keyword_schemes_are_written_as_they_are_compared() {
    // Schemes are lower-cased and stripped of `#` before the lookup: an entry written
    // otherwise would never match.
    for list in AUTHOR_KEYWORD_SCHEMES {
        for scheme in *list {
            assert_eq!(*scheme, scheme.to_lowercase().trim_start_matches('#'));
        }
    }
    assert!(AUTHOR_KEYWORD_SCHEMES
        .iter()
        .any(|l| l.contains(&"authorial_keywords")));
    assert!(!AUTHOR_KEYWORD_SCHEMES
        .iter()
        .any(|l| l.contains(&"chronological")));
    assert!(KEYWORD_GROUP_BY_N.contains(&("ConfTool", "keywords")));
}
