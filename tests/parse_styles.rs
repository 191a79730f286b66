//! The parser on every style it reads, on small documents written for these tests and
//! on the samples: each test names the behaviour it pins down.

use teimeta::parse::{parse_bytes, read_path};
use teimeta::{Article, ReadError};

mod common;

fn parse(xml: &str) -> Article {
    parse_bytes(xml.as_bytes(), "test.xml")
        .unwrap_or_else(|e| panic!("parse failed: {e}"))
        .article
}

fn sample(name: &str) -> Article {
    read_path(&common::root().join("samples").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .article
}

fn s(t: &Option<teimeta::Text>) -> Option<&str> {
    t.as_ref().map(|t| t.as_str())
}

#[test]
fn seed_sample_carries_every_field_of_the_abstract_page() {
    let a = sample("seed-youn.xml");
    assert_eq!(
        a.title().unwrap().as_str(),
        "The Relations and Cultural Exchange between North Korea and North Vietnam in the 1950s"
    );
    assert_eq!(
        a.subtitle().unwrap().as_str(),
        "Based around the Cultural Delegation of North Korea to North Vietnam in 1956"
    );
    assert_eq!(a.authors.len(), 1);
    let au = &a.authors[0];
    assert_eq!(s(&au.surname), Some("Youn"));
    assert_eq!(s(&au.forename), Some("Dae-Yeong"));
    assert_eq!(s(&au.role), Some("HK Assistant Professor"));
    assert_eq!(s(&au.email), Some("popeyevn@sogang.ac.kr"));
    let aff = &au.affiliations[0];
    assert_eq!(
        aff.department.as_deref(),
        Some("Institute for East Asian Studies")
    );
    assert_eq!(aff.institution.as_deref(), Some("Sogang University"));
    let kws: Vec<&str> = a.author_keywords().map(|k| k.text.as_str()).collect();
    assert_eq!(kws.len(), 6);
    assert_eq!(kws[5], "Song Yeong");
    let abs = a.main_abstract().unwrap().text.as_str();
    assert_eq!(abs.split("\n\n").count(), 3, "three paragraphs: {abs}");
    assert!(abs.contains("In some respects, the perception"));
    assert!(!abs.contains("popeyevn"), "the footnote debris stays out");
    assert_eq!(s(&a.language), Some("en"));
}

#[test]
fn grobid_reference_list_never_leaks_into_the_article() {
    let a = sample("grobid-shaped.tei.xml");
    let surnames: Vec<&str> = a.authors.iter().filter_map(|x| s(&x.surname)).collect();
    assert_eq!(
        surnames,
        ["Okafor", "van der Berg"],
        "the affiliation-only author is dropped"
    );
    assert_eq!(s(&a.doi), Some("10.5555/example.2025.0042"));
    assert_eq!(a.titles.len(), 1);
    assert!(!a.title().unwrap().as_str().contains("GROBID"));
    assert_eq!(s(&a.journal), Some("Journal of Example Informatics"));
    assert_eq!(
        (s(&a.first_page), s(&a.last_page)),
        (Some("45"), Some("78"))
    );
    assert_eq!(s(&a.date), Some("2025-03-14"));
    let okafor = &a.authors[0];
    assert!(okafor.corresponding);
    assert_eq!(s(&okafor.orcid), Some("0000-0002-1825-0097"));
    assert_eq!(s(&okafor.forename), Some("Ada M"));
    // The raw affiliation note wins over the parts, and its label is not text.
    assert_eq!(
        okafor.affiliations[0].text.as_str(),
        "Department of Information Science, Example University, Lagos, Nigeria"
    );
    assert_eq!(
        s(&a.authors[1].orcid),
        Some("0000-0003-1234-5674"),
        "URL made bare"
    );
    // GROBID sentences keep a space between them.
    assert!(a
        .main_abstract()
        .unwrap()
        .text
        .as_str()
        .contains("written. We describe"));
}

#[test]
fn no_namespace_latin1_multilingual_file() {
    let a = sample("hand-multilingual-no-namespace.xml");
    assert_eq!(
        a.title().unwrap().as_str(),
        "Lire les en-têtes savants sans les abîmer"
    );
    assert_eq!(a.titles[1].lang.as_deref(), Some("en"));
    // Main abstract: the document's own language (fr), though English comes first.
    assert!(a
        .main_abstract()
        .unwrap()
        .text
        .as_str()
        .starts_with("Lire un en-tête"));
    assert_eq!(a.abstracts.len(), 2);
    let author_kw: Vec<&str> = a.author_keywords().map(|k| k.text.as_str()).collect();
    assert_eq!(
        author_kw,
        [
            "métadonnées",
            "TEI",
            "archives",
            "metadata",
            "TEI",
            "archives"
        ]
    );
    assert!(a
        .keywords
        .iter()
        .any(|k| !k.author && k.text.as_str() == "Lyon"));
    assert_eq!(
        s(&a.doi),
        Some("10.5555/exemple.2024.7"),
        "resolver prefix stripped"
    );
    assert_eq!(
        s(&a.authors[0].surname),
        Some("de La Fontaine"),
        "nameLink kept"
    );
    assert!(a.authors[1].organization);
    assert_eq!(
        s(&a.authors[1].name),
        Some("Groupe de travail Métadonnées & Archives")
    );
    assert_eq!(
        (s(&a.first_page), s(&a.last_page)),
        (Some("101"), Some("118"))
    );
}

#[test]
fn hal_bibl_full_replaces_the_export_header_and_resolves_affiliations() {
    let a = parse(
        r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
        <title>HAL TEI export of hal-0001</title></titleStmt></fileDesc></teiHeader>
        <text><body><listBibl><biblFull>
          <titleStmt><title xml:lang="en">Real title</title>
            <author role="crp"><persName><forename type="first">Ana</forename><surname>Silva</surname></persName>
              <email type="md5">d30bfb751226e29ccb3ef6c213420264</email>
              <affiliation ref="#struct-1"/><affiliation ref="#struct-404"/></author>
            <editor role="depositor"><persName><forename>Dep</forename><surname>Ositor</surname></persName></editor>
          </titleStmt>
          <sourceDesc><biblStruct><monogr><idno type="issn">0005-1098</idno>
            <title level="j">Automatica</title>
            <imprint><biblScope unit="pp">15-24</biblScope><date type="datePub">2016</date></imprint>
          </monogr><idno type="doi">10.1016/j.automatica.2015.12.002</idno></biblStruct></sourceDesc>
          <profileDesc><langUsage><language ident="en">English</language></langUsage>
            <textClass><keywords scheme="author"><term xml:lang="en">control</term></keywords>
            <classCode scheme="halDomain">Engineering</classCode></textClass>
            <abstract xml:lang="en">Plain abstract text.</abstract></profileDesc>
        </biblFull></listBibl></body>
        <back><listOrg type="structures">
          <org type="laboratory" xml:id="struct-1"><orgName>Lab One</orgName><orgName type="acronym">L1</orgName>
            <desc><address><country key="FR"/></address></desc>
            <listRelation><relation active="#struct-2" type="direct"/></listRelation></org>
          <org type="institution" xml:id="struct-2"><orgName>Université Exemple</orgName></org>
        </listOrg></back></text></TEI>"##,
    );
    assert_eq!(a.title().unwrap().as_str(), "Real title");
    assert_eq!(a.authors.len(), 1, "the depositor is not an author");
    let au = &a.authors[0];
    assert!(au.corresponding);
    assert!(au.email.is_none(), "HAL's md5 hash is not an address");
    assert_eq!(au.affiliations.len(), 2);
    assert_eq!(
        au.affiliations[0].text.as_str(),
        "Lab One, Université Exemple"
    );
    assert!(au.affiliations[0].resolved);
    assert_eq!(au.affiliations[0].country.as_deref(), Some("FR"));
    assert_eq!(
        au.affiliations[0].institution.as_deref(),
        Some("Université Exemple")
    );
    assert!(
        !au.affiliations[1].resolved,
        "#struct-404 points at nothing"
    );
    assert_eq!(s(&a.journal), Some("Automatica"));
    assert_eq!(s(&a.issn), Some("0005-1098"));
    assert_eq!(
        (s(&a.first_page), s(&a.last_page)),
        (Some("15"), Some("24"))
    );
    assert_eq!(
        a.main_abstract().unwrap().text.as_str(),
        "Plain abstract text."
    );
    assert_eq!(a.keywords.len(), 1);
}

#[test]
fn hal_sword_deposit_without_tei_header_is_read() {
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listBibl><biblFull>
        <titleStmt><title xml:lang="en">Deposit</title><author role="aut"><persName>
        <forename>Nouvel</forename><surname>Auteur</surname></persName></author></titleStmt>
        </biblFull></listBibl></body></text></TEI>"#,
    );
    assert_eq!(a.title().unwrap().as_str(), "Deposit");
    assert_eq!(s(&a.authors[0].surname), Some("Auteur"));
}

#[test]
fn openedition_front_abstracts_and_author_keywords_only() {
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
        <title type="sup">Dossier</title><title type="main">Titre</title><title type="sub">Sous-titre</title>
        <author><name>Marin Dacos</name><affiliation> Directeur du <hi>Cléo</hi></affiliation><email> contact@revues.org</email></author>
        <editor role="translator"><persName><surname>X</surname></persName></editor>
        </titleStmt><publicationStmt><idno type="doi">10.4000/books.oep.136</idno></publicationStmt></fileDesc>
        <profileDesc><langUsage><language ident="fr">fr</language></langUsage><textClass>
          <keywords scheme="keyword" xml:lang="fr"><list><item>édition</item><item>livre</item></list></keywords>
          <keywords scheme="chronological"><list><item>XXIe siècle</item></list></keywords>
        </textClass></profileDesc></teiHeader>
        <text><front>
          <div type="abstract" xml:lang="en"><p>English abstract.</p></div>
          <div type="abstract" xml:lang="fr"><p>Résumé <hi>français</hi>.</p><p>Second paragraphe.</p></div>
        </front><body><p>x</p></body></text></TEI>"#,
    );
    assert_eq!(a.title().unwrap().as_str(), "Titre");
    assert_eq!(a.subtitle().unwrap().as_str(), "Sous-titre");
    let au = &a.authors[0];
    assert_eq!(s(&au.name), Some("Marin Dacos"));
    assert_eq!(
        s(&au.email),
        Some("contact@revues.org"),
        "leading space trimmed"
    );
    assert_eq!(au.affiliations[0].text.as_str(), "Directeur du Cléo");
    let kws: Vec<&str> = a.author_keywords().map(|k| k.text.as_str()).collect();
    assert_eq!(kws, ["édition", "livre"]);
    assert_eq!(
        a.main_abstract().unwrap().text.as_str(),
        "Résumé français.\n\nSecond paragraphe."
    );
    assert_eq!(s(&a.doi), Some("10.4000/books.oep.136"));
}

#[test]
fn dhq_author_info_and_front_abstract() {
    let a = parse(
        r##"<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:dhq="http://www.digitalhumanities.org/ns/dhq">
        <teiHeader><fileDesc><titleStmt>
          <title>A review of <title rend="italic">Humanities Computing</title> (2005)</title>
          <author>Giorgio Maria Di Nunzio</author>
          <dhq:authorInfo><dhq:author_name>Giorgio Maria <dhq:family>Di Nunzio</dhq:family></dhq:author_name>
            <idno type="ORCID">https://orcid.org/0000-0001-9709-6392</idno>
            <dhq:affiliation>University of Padova</dhq:affiliation><email>g@unipd.it</email>
            <dhq:bio><p>Professor at the University of Padova.</p></dhq:bio></dhq:authorInfo>
        </titleStmt><publicationStmt><idno type="volume">018<!-- three digits --></idno>
          <idno type="issue">2</idno><date when="2024-06-05">05 June 2024</date></publicationStmt></fileDesc>
        <profileDesc><textClass>
          <keywords scheme="#dhq_keywords"><term corresp="#markup"/></keywords>
          <keywords scheme="#authorial_keywords"><list type="simple"><item>terminography</item></list></keywords>
        </textClass></profileDesc></teiHeader>
        <text><front><dhq:abstract><p>The abstract.</p></dhq:abstract></front></text></TEI>"##,
    );
    assert_eq!(
        a.title().unwrap().as_str(),
        "A review of Humanities Computing (2005)"
    );
    assert_eq!(
        a.authors.len(),
        1,
        "the plain author and dhq:authorInfo are one person"
    );
    let au = &a.authors[0];
    assert_eq!(
        (s(&au.forename), s(&au.surname)),
        (Some("Giorgio Maria"), Some("Di Nunzio"))
    );
    assert_eq!(au.affiliations[0].text.as_str(), "University of Padova");
    assert_eq!(s(&au.orcid), Some("0000-0001-9709-6392"));
    assert_eq!(
        s(&a.volume),
        Some("018"),
        "kept as written; the comment is not text"
    );
    assert_eq!(s(&a.date), Some("2024-06-05"));
    let kws: Vec<&str> = a.author_keywords().map(|k| k.text.as_str()).collect();
    assert_eq!(kws, ["terminography"]);
    assert_eq!(a.main_abstract().unwrap().text.as_str(), "The abstract.");
}

#[test]
fn conference_abstract_conftool_groups_nested_title_and_prefixed_namespace() {
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
          <title type="full"><title type="main">Humans in the Loop: </title>
            <title type="sub">Humanities Hermeneutics</title></title>
          <author><persName ref="https://orcid.org/0000-0001-5930-4736"><surname>Chen</surname>
            <forename>Shih-Pei</forename></persName><affiliation>MPIWG</affiliation></author>
          <meeting><title>Digital Humanities 2023</title></meeting>
        </titleStmt>
        <publicationStmt><t:publisher xmlns:t="http://www.tei-c.org/ns/1.0">Verband DHd</t:publisher>
          <date when="2023">2023</date></publicationStmt>
        <seriesStmt><title>Book of Abstracts</title><idno type="DOI">10.5281/zenodo.7961822</idno></seriesStmt>
        </fileDesc><profileDesc><textClass>
          <keywords scheme="ConfTool" n="category"><term>Paper</term></keywords>
          <keywords scheme="ConfTool" n="keywords"><term>maps</term><term>IIIF</term></keywords>
          <keywords scheme="ConfTool" n="topics"><term>History</term></keywords>
        </textClass></profileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(a.title().unwrap().as_str(), "Humans in the Loop:");
    assert_eq!(a.subtitle().unwrap().as_str(), "Humanities Hermeneutics");
    assert_eq!(
        a.titles.len(),
        2,
        "the type='full' wrapper is not a title of its own"
    );
    assert_eq!(s(&a.authors[0].orcid), Some("0000-0001-5930-4736"));
    assert_eq!(a.authors.len(), 1, "the meeting is not an author");
    assert_eq!(
        s(&a.publisher),
        Some("Verband DHd"),
        "prefixed TEI element read"
    );
    assert!(
        a.doi.is_none(),
        "the book of abstracts' DOI is not the paper's"
    );
    assert!(
        a.journal.is_none(),
        "an untyped series title is not a journal"
    );
    let kws: Vec<&str> = a.author_keywords().map(|k| k.text.as_str()).collect();
    assert_eq!(kws, ["maps", "IIIF"]);
}

#[test]
fn istex_listbibl_authors_and_series_issn() {
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
        <titleStmt><title>Chapter</title></titleStmt>
        <seriesStmt><title level="s">Lecture Notes</title><idno type="ISSN">0302-9743</idno></seriesStmt>
        <sourceDesc><listBibl><biblStruct type="article"><analytic>
          <title level="a">Chapter</title>
          <author><persName><forename>Ann </forename><surname>Lee</surname></persName>
            <affiliation>Univ. A</affiliation></author>
          <idno type="DOI">10.1007/978-3-540-00000-0_62</idno></analytic>
          <monogr><title level="m">Proceedings</title><idno type="DOI">10.1007/978-3-540-00000-0</idno>
            <editor><persName><surname>Editor</surname></persName></editor></monogr>
        </biblStruct></listBibl></sourceDesc></fileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(a.authors.len(), 1, "monogr editors are not authors");
    assert_eq!(s(&a.authors[0].forename), Some("Ann"));
    assert_eq!(
        s(&a.doi),
        Some("10.1007/978-3-540-00000-0_62"),
        "the chapter's DOI"
    );
    assert_eq!(s(&a.issn), Some("0302-9743"));
    assert!(a.journal.is_none());
}

#[test]
fn one_string_names_and_nameless_authors() {
    let a = parse(
        r#"<TEI><teiHeader><fileDesc><titleStmt><title>走れメロス</title>
        <author ref="viaf:1">太宰治 (1909-1948)</author>
        <author><persName><forename><!-- given --></forename><surname/></persName></author>
        </titleStmt></fileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(
        a.authors.len(),
        1,
        "an author with no name at all is not counted"
    );
    assert_eq!(s(&a.authors[0].name), Some("太宰治 (1909-1948)"));
    assert!(a.authors[0].surname.is_none(), "no guessing of name parts");
    assert!(a.empty_fields.iter().any(|e| e.value == "surname"));
}

#[test]
fn entities_character_references_and_nfc() {
    let a = parse(
        "<TEI><teiHeader><fileDesc><titleStmt><title>R&amp;D in Me\u{301}xico &#x2014; &#233;t&#xE9; &lt;x&gt;</title></titleStmt></fileDesc></teiHeader></TEI>",
    );
    assert_eq!(a.title().unwrap().as_str(), "R&D in México — été <x>");
}

#[test]
fn utf16_with_bom_is_read() {
    let xml = "<TEI><teiHeader><fileDesc><titleStmt><title>Ünïcode</title></titleStmt></fileDesc></teiHeader></TEI>";
    let mut bytes = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let doc = parse_bytes(&bytes, "utf16.xml").unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "Ünïcode");
}

#[test]
fn spans_point_at_the_start_tag() {
    let xml = "<TEI>\n<teiHeader><fileDesc><titleStmt>\n  <title type=\"main\">T</title></titleStmt></fileDesc></teiHeader></TEI>";
    let doc = parse_bytes(xml.as_bytes(), "t.xml").unwrap();
    let span = doc.article.title().unwrap().span;
    assert_eq!(&doc.text[span.start..span.end], "<title type=\"main\">");
    assert_eq!(teimeta::text::line_column(&doc.text, span.start), (3, 3));
}

#[test]
fn docbook_is_refused_naming_its_root() {
    let err = parse_bytes(
        br#"<article xmlns="http://docbook.org/ns/docbook" version="5.0"><title>x</title></article>"#,
        "blog.xml",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ReadError::NotTei { .. }));
    assert!(
        msg.contains("blog.xml") && msg.contains("<article>") && msg.contains("docbook"),
        "{msg}"
    );
}

#[test]
fn jats_with_external_dtd_is_refused_without_fetching() {
    // The DTD URL is unreachable here; the parser must never try it.
    let err = parse_bytes(
        br#"<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Publishing DTD v3.0 20080202//EN" "http://203.0.113.1/journalpublishing3.dtd"><article><front/></article>"#,
        "jats.xml",
    )
    .unwrap_err();
    assert!(
        matches!(err, ReadError::NotTei { ref root, .. } if root == "article"),
        "{err}"
    );
}

#[test]
fn html_is_refused() {
    let err = parse_bytes(b"<html><body>x</body></html>", "page.xml").unwrap_err();
    assert!(err.to_string().contains("<html>"));
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let err = parse_bytes(
        b"<TEI>\n<teiHeader>\n  <title>x</titel>\n</teiHeader></TEI>",
        "bad.xml",
    )
    .unwrap_err();
    let (line, _col) = err.position().expect("a position");
    assert_eq!(line, 3, "{err}");
    assert!(err.to_string().starts_with("bad.xml:3:"), "{err}");
}

#[test]
fn unclosed_root_is_malformed() {
    let err = parse_bytes(b"<TEI><teiHeader>", "cut.xml").unwrap_err();
    assert!(err.to_string().contains("not closed"), "{err}");
}

#[test]
fn empty_file_has_no_root() {
    let err = parse_bytes(b"", "empty.xml").unwrap_err();
    assert!(matches!(err, ReadError::Empty { .. }));
}

mod no_panic {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        /// Any bytes at all: a result, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = teimeta::parse::parse_bytes(&bytes, "fuzz.xml");
        }

        /// TEI-shaped documents with arbitrary text in the metadata: a result, never a
        /// panic, and the title comes back (white space collapsed) when it has any.
        #[test]
        fn arbitrary_text_in_tei_never_panics(title in "(https://doi.org|https://orcid.org|pp )?\\PC{0,40}", junk in "[<>&/a-z\"' =]{0,30}") {
            let esc = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let attr = esc.replace('"', "&quot;");
            let xml = format!(
                "<TEI><teiHeader><fileDesc><titleStmt><title>{esc}</title><author>{junk}</author>\
                 <author><persName ref=\"{attr}\"><surname>{esc}</surname></persName>\
                 <idno type=\"ORCID\">{esc}</idno><affiliation ref=\"{attr}\"/></author></titleStmt>\
                 <publicationStmt><idno type=\"DOI\">{esc}</idno><date when=\"{attr}\">{esc}</date></publicationStmt>\
                 <sourceDesc><biblStruct><monogr><imprint><biblScope unit=\"page\" from=\"{attr}\">{esc}</biblScope>\
                 </imprint></monogr></biblStruct></sourceDesc></fileDesc></teiHeader></TEI>"
            );
            if let Ok(doc) = teimeta::parse::parse_bytes(xml.as_bytes(), "p.xml") {
                let want = teimeta::text::clean(&title);
                if !want.is_empty() {
                    prop_assert_eq!(doc.article.title().map(|t| t.as_str().to_string()), Some(want));
                }
            }
        }
    }
}

#[test]
fn page_scopes_from_attributes_text_and_contradictions() {
    let doc = |scopes: &str| {
        parse(&format!(
            "<TEI><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><sourceDesc><biblStruct><monogr><imprint>{scopes}</imprint></monogr></biblStruct></sourceDesc></fileDesc></teiHeader></TEI>"
        ))
    };
    let pages = |a: &Article| {
        (
            s(&a.first_page).map(String::from),
            s(&a.last_page).map(String::from),
        )
    };
    let a = doc(r#"<biblScope unit="page" from="45" to="78">45-78</biblScope>"#);
    assert_eq!(pages(&a), (Some("45".into()), Some("78".into())));
    let a = doc(r#"<biblScope unit="page" from="5"/><biblScope unit="page" to="9"/>"#);
    assert_eq!(pages(&a), (Some("5".into()), Some("9".into())));
    // ISTEX writes attributes that contradict the text: no page at all, not half of one.
    let a = doc(
        r#"<biblScope type="page" from="332">667</biblScope><biblScope type="page" to="344">655</biblScope>"#,
    );
    assert_eq!(pages(&a), (None, None));
}

#[test]
fn document_type_container_event_and_institution() {
    let thesis = parse(
        r#"<TEI><text><body><listBibl><biblFull><titleStmt><title>Ozone</title></titleStmt>
        <sourceDesc><biblStruct><monogr>
          <authority type="institution">Institut National Polytechnique de Toulouse</authority>
          <authority type="supervisor">Not An Author</authority>
          <imprint><date type="dateDefended">2019-07-18</date></imprint></monogr></biblStruct></sourceDesc>
        <profileDesc><textClass><classCode scheme="halTypology" n="THESE">Theses</classCode></textClass></profileDesc>
        </biblFull></listBibl></body></text></TEI>"#,
    );
    assert_eq!(s(&thesis.genre), Some("thesis"));
    assert_eq!(
        s(&thesis.institution),
        Some("Institut National Polytechnique de Toulouse")
    );
    assert_eq!(s(&thesis.date), Some("2019-07-18"));

    let chapter = parse(
        r#"<TEI><teiHeader><fileDesc><titleStmt><title>Read/Write Book</title></titleStmt>
        <sourceDesc><biblStruct type="chapter"><monogr><title level="m">Read/Write Book</title>
        <meeting><title>Colloque</title></meeting></monogr></biblStruct></sourceDesc>
        </fileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(s(&chapter.genre), Some("chapter"));
    assert_eq!(s(&chapter.container), Some("Read/Write Book"));
    assert_eq!(
        chapter.event.as_ref().map(|e| e.name.as_str()),
        Some("Colloque")
    );
    assert!(chapter.journal.is_none(), "a book title is not a journal");
}

/// A TEI document whose title (on line 2) holds `title`.
fn titled(title: &str) -> String {
    format!("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt></fileDesc></teiHeader></TEI>")
}

#[test]
fn well_formedness_errors_are_refused_at_their_line_with_what_is_wrong() {
    let cases: &[(&str, &str)] = &[
        ("a\u{0}b", "U+0000"),
        ("a\u{1B}b", "U+001B"),
        ("a\u{FFFF}b", "U+FFFF"),
        ("&foo;", "undefined entity &foo;"),
        ("&#0;", "&#0;"),
        ("&#xFFFE;", "&#xFFFE;"),
        ("a]]>b", "']]>'"),
        (
            "<hi rend=\"a<b\">x</hi>",
            "'<' is not allowed in an attribute value",
        ),
        (
            "<hi rend=\"a\" rend=\"b\">x</hi>",
            "attribute rend appears twice",
        ),
        (
            "<hi xmlns:a=\"u:x\" xmlns:b=\"u:x\" a:n=\"1\" b:n=\"2\">x</hi>",
            "same namespace u:x",
        ),
        ("<x:hi>t</x:hi>", "prefix x of x:hi is not declared"),
        (
            "<hi x:rend=\"b\">t</hi>",
            "prefix x of x:rend is not declared",
        ),
        (
            "<hi xmlns:xml=\"u:x\">t</hi>",
            "the xml prefix may only be bound",
        ),
        ("<!-- a -- b -->", "'--' is not allowed inside a comment"),
        ("<?XmL x?>", "may not be 'xml'"),
        ("<hi>t</ih>", "expected </hi>, found </ih>"),
        ("<1hi/>", "expected an element name"),
        ("<hi rend=x/>", "expected a quoted value"),
    ];
    for (title, want) in cases {
        let err = parse_bytes(titled(title).as_bytes(), "wf.xml").unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(err, ReadError::Malformed { .. }),
            "{title:?}: {msg}"
        );
        assert!(msg.starts_with("wf.xml:2:"), "{title:?}: {msg}");
        assert!(msg.contains(want), "{title:?}: {msg}");
    }
}

#[test]
fn well_formedness_outside_the_root_and_in_the_declaration() {
    let body = "<TEI><teiHeader/></TEI>";
    let cases: &[(String, &str)] = &[
        (format!("{body}\n<TEI/>"), "a second root element"),
        (format!("{body}\ntext"), "content after the root element"),
        (format!("text\n{body}"), "text before the root element"),
        (
            format!(" <?xml version=\"1.0\"?>{body}"),
            "only at the very start",
        ),
        (
            format!("<?xml version=\"2.0\"?>{body}"),
            "invalid version \"2.0\"",
        ),
        (
            format!("<?xml version=\"1.0\" standalone=\"maybe\"?>{body}"),
            "invalid standalone",
        ),
        ("<TEI><teiHeader>".to_string(), "<teiHeader> is not closed"),
    ];
    for (xml, want) in cases {
        let err = parse_bytes(xml.as_bytes(), "wf.xml").unwrap_err();
        assert!(err.to_string().contains(want), "{xml:?}: {err}");
        assert!(err.position().is_some(), "{xml:?}: {err}");
    }
    // Only a prolog: no root.
    let err = parse_bytes(b"<?xml version=\"1.0\"?>\n<!-- c -->", "p.xml").unwrap_err();
    assert!(matches!(err, ReadError::Empty { .. }), "{err}");
}

#[test]
fn nesting_is_read_to_libxml2s_depth_and_refused_beyond() {
    let nest = |levels: usize| {
        format!(
            "<TEI><teiHeader><fileDesc><titleStmt><title>T{}x{}</title></titleStmt></fileDesc></teiHeader></TEI>",
            "<hi>".repeat(levels),
            "</hi>".repeat(levels)
        )
    };
    // TEI/teiHeader/fileDesc/titleStmt/title is 5 deep; 257 open elements are allowed.
    let deepest = teimeta::parse::MAX_DEPTH - 5;
    let doc = parse_bytes(nest(deepest).as_bytes(), "deep.xml").unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "Tx");
    let err = parse_bytes(nest(deepest + 1).as_bytes(), "deep.xml").unwrap_err();
    assert!(
        err.to_string().contains("nested more than 256 levels"),
        "{err}"
    );
    // 200,000 levels: refused at the limit, without reading (or storing) the rest.
    let err = parse_bytes(nest(200_000).as_bytes(), "deeper.xml").unwrap_err();
    assert!(
        err.to_string().contains("nested more than 256 levels"),
        "{err}"
    );
}

#[test]
fn encodings_are_read_as_declared_or_marked() {
    let xml = titled("Ünïcode “quoted”");
    for be in [false, true] {
        let mut bytes = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in xml.encode_utf16() {
            bytes.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        let doc = parse_bytes(&bytes, "utf16.xml").unwrap();
        assert_eq!(doc.article.title().unwrap().as_str(), "Ünïcode “quoted”");
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(xml.as_bytes());
    let doc = parse_bytes(&bom, "bom.xml").unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "Ünïcode “quoted”");

    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<TEI><teiHeader><fileDesc><titleStmt><title>Caf\xE9 \xA9</title></titleStmt></fileDesc></teiHeader></TEI>";
    let doc = parse_bytes(latin1, "latin1.xml").unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "Café ©");
    let cp1252 = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<TEI><teiHeader><fileDesc><titleStmt><title>\x93Caf\xE9\x94 \x80</title></titleStmt></fileDesc></teiHeader></TEI>";
    let doc = parse_bytes(cp1252, "cp1252.xml").unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "“Café” €");
}

#[test]
fn undecodable_bytes_are_refused_with_their_position() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"<TEI>\n<teiHeader>\xFF</teiHeader></TEI>",
            "line 2, column 12",
        ),
        (
            b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><TEI/>",
            "says UTF-16",
        ),
        (
            b"<?xml version=\"1.0\" encoding=\"x-no-such\"?><TEI/>",
            "unsupported encoding",
        ),
        (
            b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<TEI>\x81</TEI>",
            "line 2, column 6",
        ),
        (&[0xFF, 0xFE, b'<', 0, 0x00, 0xD8, b'>', 0], "UTF-16LE"),
    ];
    for (bytes, want) in cases {
        let err = parse_bytes(bytes, "enc.xml").unwrap_err();
        assert!(matches!(err, ReadError::Encoding { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.starts_with("enc.xml:") && msg.contains(want), "{msg}");
    }
    // Binary garbage and empty input: refused, never a panic.
    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert!(parse_bytes(&garbage, "bin.xml").is_err());
    for empty in [&b""[..], b"\xEF\xBB\xBF", b"  \n"] {
        let err = parse_bytes(empty, "empty.xml").unwrap_err();
        assert!(matches!(err, ReadError::Empty { .. }), "{err}");
    }
}

#[test]
fn dtd_entities_are_never_expanded_or_fetched() {
    // Billion laughs: refused at the first reference to a declared entity.
    let mut laughs = String::from("<!DOCTYPE TEI [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str("]>\n<TEI><teiHeader><fileDesc><titleStmt><title>&lol9;</title></titleStmt></fileDesc></teiHeader></TEI>");
    let err = parse_bytes(laughs.as_bytes(), "laughs.xml").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("laughs.xml:2:"), "{msg}");
    assert!(msg.contains("&lol9;") && msg.contains("DOCTYPE"), "{msg}");

    // An external entity naming a local file: refused, its content never read.
    let xxe = b"<!DOCTYPE TEI [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<TEI><teiHeader><fileDesc><titleStmt><title>&x;</title></titleStmt></fileDesc></teiHeader></TEI>";
    let err = parse_bytes(xxe, "xxe.xml").unwrap_err();
    assert!(err.to_string().contains("undefined entity &x;"), "{err}");
    assert!(!err.to_string().contains("root:"), "{err}");

    // Numeric references and CDATA are read.
    let doc = parse_bytes(
        titled("&#65;&#x42; <![CDATA[a < b & c]]>").as_bytes(),
        "refs.xml",
    )
    .unwrap();
    assert_eq!(doc.article.title().unwrap().as_str(), "AB a < b & c");
}

#[test]
fn duplicates_are_found_among_many_attributes_and_bindings() {
    // Past the pairwise comparison (16 attributes), and past the scanned scope.
    let many: String = (0..40).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let decls: String = (0..40)
        .map(|i| format!(" xmlns:p{i}=\"u:{}\"", i % 39))
        .collect();
    let ok = format!("<hi{many}{decls} p1:x=\"1\" p2:x=\"2\">t</hi>");
    parse_bytes(titled(&ok).as_bytes(), "many.xml").unwrap();
    let dup = format!("<hi{many} a7=\"again\">t</hi>");
    let err = parse_bytes(titled(&dup).as_bytes(), "many.xml").unwrap_err();
    assert!(
        err.to_string().contains("attribute a7 appears twice"),
        "{err}"
    );
    // p0 and p39 are both bound to u:0.
    let same_ns = format!("<hi{many}{decls} p0:x=\"1\" p39:x=\"2\">t</hi>");
    let err = parse_bytes(titled(&same_ns).as_bytes(), "many.xml").unwrap_err();
    assert!(
        err.to_string()
            .contains("attributes p0:x and p39:x are the same"),
        "{err}"
    );
    // Inner re-declarations shadow outer ones, and end with their element.
    let shadow = format!("<hi{decls}><hi xmlns:p5=\"u:0\" p5:x=\"1\" p0:x=\"2\"/></hi>");
    let err = parse_bytes(titled(&shadow).as_bytes(), "many.xml").unwrap_err();
    assert!(
        err.to_string().contains("p5:x and p0:x are the same"),
        "{err}"
    );
    let ended = format!("<hi{decls}><hi xmlns:p5=\"u:0\"/><hi p5:x=\"1\" p0:x=\"2\"/></hi>");
    parse_bytes(titled(&ended).as_bytes(), "many.xml").unwrap();
}

/// A teiHeader with `file_desc` inside fileDesc (after a titleStmt with a title).
fn header(file_desc: &str) -> Article {
    parse(&format!(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
           <titleStmt><title>T</title></titleStmt>{file_desc}</fileDesc></teiHeader></TEI>"#
    ))
}

#[test]
fn precedence_the_imprint_date_wins_wherever_it_stands() {
    // The publicationStmt date comes first in the document, the imprint's wins; the
    // whenProduced edition date is only a last resort.
    let a = header(
        r#"<editionStmt><edition><date type="whenProduced" when="2001"/></edition></editionStmt>
           <publicationStmt><date when="2002"/></publicationStmt>
           <sourceDesc><biblStruct><monogr><title level="j">J</title>
           <imprint><date type="published" when="2003"/></imprint></monogr></biblStruct></sourceDesc>"#,
    );
    assert_eq!(s(&a.date), Some("2003"));
    let a = header(
        r#"<editionStmt><edition><date type="whenProduced" when="2001"/></edition></editionStmt>
           <publicationStmt><date when="2002"/></publicationStmt>"#,
    );
    assert_eq!(s(&a.date), Some("2002"));
    let a = header(
        r#"<editionStmt><edition><date type="whenProduced" when="2001"/></edition></editionStmt>
           <publicationStmt><publisher>P</publisher></publicationStmt>"#,
    );
    assert_eq!(s(&a.date), Some("2001"));
}

#[test]
fn precedence_bibl_struct_doi_and_monogr_journal_win_over_the_statements() {
    let a = header(
        r#"<publicationStmt><idno type="doi">10.1/stmt</idno></publicationStmt>
           <seriesStmt><title level="j">Series</title></seriesStmt>
           <sourceDesc><biblStruct><monogr><title level="j">Monogr</title></monogr>
           <idno type="DOI">10.1/bibl</idno></biblStruct></sourceDesc>"#,
    );
    assert_eq!(s(&a.doi), Some("10.1/bibl"));
    assert_eq!(s(&a.journal), Some("Monogr"));
    let a = header(
        r#"<publicationStmt><idno type="doi">10.1/stmt</idno></publicationStmt>
           <seriesStmt><title level="j">Series</title></seriesStmt>"#,
    );
    assert_eq!(s(&a.doi), Some("10.1/stmt"));
    assert_eq!(s(&a.journal), Some("Series"));
}

#[test]
fn precedence_imprint_publisher_else_every_statement_publisher() {
    let a = header(
        r#"<publicationStmt><publisher>A</publisher><publisher>B</publisher></publicationStmt>
           <sourceDesc><biblStruct><monogr><imprint><publisher>Imprint</publisher></imprint>
           </monogr></biblStruct></sourceDesc>"#,
    );
    assert_eq!(s(&a.publisher), Some("Imprint"));
    let a = header(
        r#"<publicationStmt><publisher>A</publisher><publisher>B</publisher></publicationStmt>"#,
    );
    assert_eq!(s(&a.publisher), Some("A; B"));
}

#[test]
fn precedence_header_titles_win_over_grobid_analytic_and_abstracts_come_header_first() {
    let xml = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
        <titleStmt><title>Header</title></titleStmt>
        <sourceDesc><biblStruct><analytic><title level="a">Analytic</title>
        <author><persName><surname>Only</surname></persName></author></analytic>
        </biblStruct></sourceDesc></fileDesc>
        <profileDesc><abstract><p>From the header.</p></abstract></profileDesc></teiHeader>
        <text><front><div type="abstract"><p>From the front.</p></div></front></text></TEI>"#;
    let a = parse(xml);
    let titles: Vec<&str> = a.titles.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(titles, ["Header"]);
    // No titleStmt author: the analytic ones are the article's.
    assert_eq!(s(&a.authors[0].surname), Some("Only"));
    let abstracts: Vec<&str> = a.abstracts.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(abstracts, ["From the header.", "From the front."]);
}

#[test]
fn precedence_hal_typology_names_the_genre_before_the_bibl_struct_type() {
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
           <titleStmt><title>T</title></titleStmt>
           <sourceDesc><biblStruct type="article"><monogr/></biblStruct></sourceDesc></fileDesc>
           <profileDesc><textClass><classCode scheme="halTypology" n="COMM"/></textClass>
           </profileDesc></teiHeader></TEI>"#,
    );
    let typed = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
           <titleStmt><title>T</title></titleStmt>
           <sourceDesc><biblStruct type="article"><monogr/></biblStruct></sourceDesc></fileDesc>
           </teiHeader></TEI>"#,
    );
    assert!(a.genre.is_some() && typed.genre.is_some());
    assert_ne!(
        s(&a.genre),
        s(&typed.genre),
        "the typology, not the biblStruct type"
    );
}

#[test]
fn editors_are_read_wherever_the_header_names_them_each_like_an_author() {
    use teimeta::model::EditorOf;
    let a = sample("editors-everywhere.xml");
    let eds: Vec<(&str, EditorOf, Option<&str>)> = a
        .editors
        .iter()
        .map(|e| (s(&e.person.surname).unwrap(), e.of, e.role.as_deref()))
        .collect();
    assert_eq!(
        eds,
        [
            ("Lindqvist", EditorOf::Work, Some("guest")),
            ("Roux", EditorOf::Series, None),
            ("Ferreira", EditorOf::Container, Some("editor")),
            ("Weber", EditorOf::Container, None),
        ]
    );
    let guest = &a.editors[0].person;
    assert_eq!(s(&guest.forename), Some("Tomas"));
    assert_eq!(s(&guest.orcid), Some("0000-0002-1825-0097"));
    assert_eq!(s(&guest.email), Some("t.lindqvist@example.org"));
    assert!(!guest.corresponding);
    let aff = &guest.affiliations[0];
    assert_eq!(aff.department.as_deref(), Some("Department of History"));
    assert_eq!(aff.institution.as_deref(), Some("Example College"));
    // Editors are no authors.
    assert_eq!(a.authors.len(), 1);
    assert_eq!(s(&a.authors[0].surname), Some("Marchetti"));
    assert_eq!(s(&a.container), Some("Readers at Work, 1500–1800"));
    // HAL's depositor is no editor.
    let a = header("<titleStmt><editor role=\"depositor\"><persName><surname>D</surname></persName></editor></titleStmt>");
    assert!(a.editors.is_empty());
}

#[test]
fn series_stmt_gives_journal_issns_issue_doi_volume_issue_pages_and_editors() {
    use teimeta::model::EditorOf;
    let a = sample("series-journal-issue.xml");
    assert_eq!(s(&a.journal), Some("Example Journal of Text Studies"));
    assert_eq!(s(&a.issn), Some("2049-3630"));
    assert_eq!(s(&a.eissn), Some("1476-4687"));
    assert_eq!(s(&a.container_doi), Some("10.5555/ejts.2022.issue3"));
    assert_eq!(
        s(&a.doi),
        Some("10.5555/ejts.2022.0007"),
        "the paper's own DOI"
    );
    assert_eq!(s(&a.volume), Some("14"));
    assert_eq!(s(&a.issue), Some("3"), "the number from @n, not the theme");
    assert_eq!(
        (s(&a.first_page), s(&a.last_page)),
        (Some("33"), Some("58"))
    );
    assert_eq!(a.series, None);
    assert_eq!(a.editors.len(), 1);
    assert_eq!(a.editors[0].of, EditorOf::Series);
    assert_eq!(a.editors[0].role.as_deref(), Some("chief"));
    assert_eq!(s(&a.editors[0].person.surname), Some("Okonkwo"));
}

#[test]
fn series_stmt_titles_by_level_and_the_bibl_struct_wins_for_numbers() {
    // An untyped seriesStmt title beside a journal is a series; level s is a series;
    // the biblStruct's volume, issue and pages win over the seriesStmt's.
    let a = header(
        "<seriesStmt><title>Untyped Series</title>\
         <biblScope unit=\"volume\">9</biblScope><biblScope type=\"issue\">8</biblScope>\
         <biblScope unit=\"pp\">1-2</biblScope></seriesStmt>\
         <sourceDesc><biblStruct><monogr><title level=\"j\">The Journal</title>\
         <imprint><biblScope unit=\"volume\">3</biblScope><biblScope unit=\"issue\">4</biblScope>\
         <biblScope unit=\"page\">5-6</biblScope></imprint></monogr></biblStruct></sourceDesc>",
    );
    assert_eq!(s(&a.journal), Some("The Journal"));
    assert_eq!(s(&a.series), Some("Untyped Series"));
    assert_eq!((s(&a.volume), s(&a.issue)), (Some("3"), Some("4")));
    assert_eq!((s(&a.first_page), s(&a.last_page)), (Some("5"), Some("6")));

    // Alone, an untyped title is the journal, and the seriesStmt numbers count.
    let a = header(
        "<seriesStmt><title>Only Title</title>\
         <biblScope unit=\"volume\">9</biblScope><biblScope type=\"issue\">8</biblScope>\
         <biblScope unit=\"pp\">1-2</biblScope></seriesStmt>",
    );
    assert_eq!(s(&a.journal), Some("Only Title"));
    assert_eq!(a.series, None);
    assert_eq!((s(&a.volume), s(&a.issue)), (Some("9"), Some("8")));
    assert_eq!((s(&a.first_page), s(&a.last_page)), (Some("1"), Some("2")));

    // level s in the seriesStmt, and a biblStruct series title, are series; the
    // biblStruct's comes first.
    let a = header("<seriesStmt><title level=\"s\">Stmt Series</title></seriesStmt>");
    assert_eq!(s(&a.series), Some("Stmt Series"));
    assert_eq!(a.journal, None);
    let a = header(
        "<seriesStmt><title level=\"s\">Stmt Series</title></seriesStmt>\
         <sourceDesc><biblStruct><monogr><title level=\"m\">Book</title></monogr>\
         <series><title level=\"s\">Bibl Series</title></series></biblStruct></sourceDesc>",
    );
    assert_eq!(s(&a.series), Some("Bibl Series"));
    assert_eq!(s(&a.container), Some("Book"));
}

#[test]
fn conftool_meeting_book_of_abstracts_and_its_editors() {
    use teimeta::model::EditorOf;
    let a = sample("conftool-meeting.xml");
    let ev = a.event.as_ref().expect("the meeting is read");
    assert_eq!(
        ev.name.as_str(),
        "Digital Humanities 2026. Roads and Routes"
    );
    assert_eq!(ev.start.as_deref(), Some("2026-07-07"));
    assert_eq!(ev.end.as_deref(), Some("2026-07-11"));
    assert_eq!(ev.place.as_deref(), Some("Santiago de Compostela"));
    assert_eq!(
        s(&a.container),
        Some("Digital Humanities 2026: Book of Abstracts")
    );
    assert_eq!(s(&a.container_doi), Some("10.5555/zenodo.2026"));
    assert_eq!(a.doi, None, "the book's DOI is not the paper's");
    assert_eq!(a.journal, None, "the book is no journal");
    assert_eq!(s(&a.genre), Some("conference-paper"));
    let eds: Vec<(&str, EditorOf)> = a
        .editors
        .iter()
        .map(|e| (s(&e.person.surname).unwrap(), e.of))
        .collect();
    assert_eq!(
        eds,
        [
            ("Iglesias", EditorOf::Container),
            ("Price", EditorOf::Container)
        ]
    );
    assert_eq!(s(&a.editors[0].person.orcid), Some("0000-0003-1234-5674"));
    assert_eq!(
        a.authors.len(),
        2,
        "meetings and the respStmt are no authors"
    );
    assert_eq!(s(&a.authors[0].email), Some("petra.novak@example.cz"));
    assert_eq!(s(&a.authors[0].forename), Some("Petra"));
}

#[test]
fn meetings_in_the_monogr_with_typed_dates_and_a_place_in_parts() {
    let a = header(
        "<sourceDesc><biblStruct><monogr>\
         <meeting><title>Ecology Days</title><date type=\"start\">2009-12-02</date>\
         <date type=\"end\">2009-12-04</date><settlement>Paris</settlement>\
         <country key=\"FR\">France</country></meeting></monogr></biblStruct></sourceDesc>",
    );
    let ev = a.event.as_ref().unwrap();
    assert_eq!(ev.name.as_str(), "Ecology Days");
    assert_eq!(
        (ev.start.as_deref(), ev.end.as_deref()),
        (Some("2009-12-02"), Some("2009-12-04"))
    );
    assert_eq!(ev.place.as_deref(), Some("Paris, France"));
    assert_eq!(s(&a.genre), Some("conference-paper"));

    // A meeting written as text: its name is the text without date and place; @when
    // dates it. A journal beside it keeps the genre open.
    let a = header(
        "<titleStmt><meeting>Workshop on Streams <date when=\"2020-01-02\"/>\
         <placeName>Lyon</placeName></meeting></titleStmt><sourceDesc><biblStruct><monogr>\
         <title level=\"j\">J</title></monogr></biblStruct></sourceDesc>",
    );
    let ev = a.event.as_ref().unwrap();
    assert_eq!(ev.name.as_str(), "Workshop on Streams");
    assert_eq!(ev.start.as_deref(), Some("2020-01-02"));
    assert_eq!(ev.end, None);
    assert_eq!(ev.place.as_deref(), Some("Lyon"));
    assert_eq!(a.genre, None);
}

#[test]
fn person_identifiers_in_ref_attributes_and_idno_children_and_name_parts_in_name() {
    let a = sample("person-ids-in-attributes.xml");
    let ids = |au: &teimeta::Author| -> Vec<(String, String)> {
        au.ids
            .iter()
            .map(|x| (x.scheme.clone(), x.value.clone()))
            .collect()
    };
    let meunier = &a.authors[0];
    assert_eq!(
        s(&meunier.orcid),
        Some("0000-0002-1825-0097"),
        "author/@ref"
    );
    assert_eq!(
        ids(meunier),
        [("idref".into(), "https://www.idref.fr/190890126".into())]
    );
    assert_eq!(
        (s(&meunier.forename), s(&meunier.surname)),
        (Some("Clara"), Some("Meunier")),
        "name/forename|surname are name parts"
    );
    assert_eq!(s(&meunier.name), Some("Clara Meunier"));
    let stein = &a.authors[1];
    assert_eq!(
        s(&stein.orcid),
        Some("0000-0003-1234-5674"),
        "bare, on name"
    );
    assert_eq!(
        ids(stein),
        [
            ("viaf".into(), "http://viaf.org/viaf/4940744".into()),
            ("isni".into(), "0000 0001 2103 2683".into()),
            ("halauthorid".into(), "38533-17008".into()),
        ]
    );
    let lind = &a.editors[0].person;
    assert_eq!(s(&lind.surname), Some("Lind"));
    assert_eq!(lind.orcid, None);
    assert_eq!(
        ids(lind),
        [
            ("gnd".into(), "https://d-nb.info/gnd/118540238".into()),
            (
                "isni".into(),
                "https://isni.org/isni/0000000121032683".into()
            ),
        ]
    );
    assert_eq!((s(&a.volume), s(&a.issue)), (Some("7"), Some("2")));
}

#[test]
fn main_title_is_chosen_by_the_main_abstracts_rule() {
    // A French HAL article: the French title, like the French abstract.
    let a = sample("hal-french-listorg.xml");
    assert_eq!(
        a.title().unwrap().as_str(),
        "Lire les tables des marées dans les ports de l'époque moderne"
    );
    assert_eq!(a.main_abstract().unwrap().lang.as_deref(), Some("fr"));
    assert_eq!(a.titles.len(), 2, "the English title stays in titles");

    let with = |lang: &str, titles: &str| {
        parse(&format!(
            r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>{titles}</titleStmt></fileDesc>
               <profileDesc><langUsage><language ident="{lang}"/></langUsage></profileDesc></teiHeader></TEI>"#
        ))
    };
    let title = |a: &Article| a.title().unwrap().as_str().to_string();
    // No title in the document's language: English, else the first.
    let three = r#"<title xml:lang="de">D</title><title xml:lang="en-GB">E</title><title xml:lang="es">S</title>"#;
    assert_eq!(title(&with("it", three)), "E");
    assert_eq!(title(&with("es", three)), "S");
    let no_en = r#"<title xml:lang="de">D</title><title xml:lang="es">S</title>"#;
    assert_eq!(title(&with("it", no_en)), "D");
    // Main-typed titles come first; subtitles are never the main title.
    let typed = r#"<title type="sub" xml:lang="fr">Sous-titre</title><title xml:lang="fr">Non typé</title><title type="main" xml:lang="en">Main</title>"#;
    assert_eq!(title(&with("fr", typed)), "Main");
    let subs =
        r#"<title type="sub" xml:lang="fr">Sous-titre</title><title xml:lang="en">Untyped</title>"#;
    assert_eq!(title(&with("fr", subs)), "Untyped");
}

#[test]
fn hal_uri_is_the_url_when_nothing_else_gives_one() {
    let a = sample("hal-french-listorg.xml");
    assert_eq!(s(&a.url), Some("https://hal.science/hal-09999999"));
    // A full-text URL wins wherever it stands.
    let a = header(
        "<publicationStmt><idno type=\"halUri\">https://hal.science/hal-1</idno>\
         <idno type=\"URL\">https://example.org/full.pdf</idno></publicationStmt>",
    );
    assert_eq!(s(&a.url), Some("https://example.org/full.pdf"));
}

#[test]
fn date_text_keeps_the_elements_text_when_it_differs_from_the_when_used() {
    let a = sample("series-journal-issue.xml");
    assert_eq!(s(&a.date), Some("2022-05-01"));
    assert_eq!(s(&a.date_text), Some("May 2022"));

    let date = |xml: &str| {
        let a = header(&format!("<publicationStmt>{xml}</publicationStmt>"));
        (
            s(&a.date).map(str::to_string),
            s(&a.date_text).map(str::to_string),
        )
    };
    let some = |x: &str| Some(x.to_string());
    assert_eq!(
        date(r#"<date when="2016">2017</date>"#),
        (some("2016"), some("2017"))
    );
    assert_eq!(
        date(r#"<date when="2016">2016</date>"#),
        (some("2016"), None)
    );
    assert_eq!(date(r#"<date when="2016"/>"#), (some("2016"), None));
    assert_eq!(date("<date>2016</date>"), (some("2016"), None));
    // Only the text of the date the value came from.
    let a = header(
        r#"<publicationStmt><date when="2016">2017</date></publicationStmt>
           <sourceDesc><biblStruct><monogr><imprint><date when="2015"/></imprint></monogr></biblStruct></sourceDesc>"#,
    );
    assert_eq!((s(&a.date), s(&a.date_text)), (Some("2015"), None));
}

#[test]
fn a_name_in_two_scripts_is_one_primary_name_and_its_alternates() {
    let a = sample("names-two-scripts.xml");
    let alt = |au: &teimeta::Author| -> Vec<(Option<String>, Option<String>, Option<String>)> {
        au.alternate_names
            .iter()
            .map(|n| (n.forename.clone(), n.surname.clone(), n.lang.clone()))
            .collect()
    };
    let some = |x: &str| Some(x.to_string());
    // Two persName children: the English one (the document's language) is primary.
    let youn = &a.authors[0];
    assert_eq!(
        (s(&youn.forename), s(&youn.surname), s(&youn.name)),
        (Some("Dae-Yeong"), Some("Youn"), Some("Dae-Yeong Youn"))
    );
    assert_eq!(alt(youn), [(some("대영"), some("윤"), some("ko"))]);
    assert_eq!(youn.alternate_names[0].name.as_deref(), Some("대영 윤"));
    // Part pairs with different @xml:lang in one persName.
    let yamada = &a.authors[1];
    assert_eq!(
        (s(&yamada.forename), s(&yamada.surname)),
        (Some("Hanako"), Some("Yamada"))
    );
    assert_eq!(alt(yamada), [(some("花子"), some("山田"), some("ja"))]);
    // One name, one form.
    assert!(a.authors[2].alternate_names.is_empty());
    assert_eq!(s(&a.authors[2].name), Some("Minh Nguyen"));

    // In a Korean document the Korean form is primary; with no form in the document's
    // language, the first.
    let doc = |lang: &str| {
        parse(&format!(
            r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
               <author><persName xml:lang="ko"><surname>윤</surname><forename>대영</forename></persName>
               <persName xml:lang="en"><surname>Youn</surname><forename>Dae-Yeong</forename></persName></author>
               </titleStmt></fileDesc><profileDesc><langUsage><language ident="{lang}"/></langUsage></profileDesc></teiHeader></TEI>"#
        ))
    };
    let a = doc("ko");
    assert_eq!(s(&a.authors[0].surname), Some("윤"));
    assert_eq!(a.authors[0].alternate_names[0].lang.as_deref(), Some("en"));
    let a = doc("fr");
    assert_eq!(s(&a.authors[0].surname), Some("윤"));
    // Two one-string names in two persName children.
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
           <author><persName xml:lang="ja">太宰治</persName><persName xml:lang="en">Dazai Osamu</persName></author>
           </titleStmt></fileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(s(&a.authors[0].name), Some("太宰治"));
    assert_eq!(
        a.authors[0].alternate_names[0].name.as_deref(),
        Some("Dazai Osamu")
    );
    // A forename tagged in one language beside an untagged surname is one name.
    let a = parse(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
           <author><persName><forename xml:lang="fr">Jean</forename><surname>Dupont</surname></persName></author>
           </titleStmt></fileDesc></teiHeader></TEI>"#,
    );
    assert_eq!(s(&a.authors[0].name), Some("Jean Dupont"));
    assert!(a.authors[0].alternate_names.is_empty());
}

#[test]
fn affiliation_levels_innermost_first_with_types_names_and_ids() {
    type Unit = (
        Option<String>,
        Vec<(String, Option<String>)>,
        Vec<(String, String)>,
    );
    let units = |aff: &teimeta::Affiliation| -> Vec<Unit> {
        aff.units
            .iter()
            .map(|u| {
                (
                    u.kind.clone(),
                    u.names
                        .iter()
                        .map(|n| (n.text.clone(), n.lang.clone()))
                        .collect(),
                    u.ids
                        .iter()
                        .map(|i| (i.scheme.clone(), i.value.clone()))
                        .collect(),
                )
            })
            .collect()
    };
    let some = |x: &str| Some(x.to_string());
    let name = |x: &str| vec![(x.to_string(), None)];
    // GROBID: typed orgNames, ordered innermost first; a ROR in @ref, a GRID in an idno.
    let a = sample("affiliation-levels.xml");
    let aff = &a.authors[0].affiliations[0];
    assert_eq!(
        units(aff),
        [
            (
                some("laboratory"),
                name("Core Repository Laboratory"),
                vec![]
            ),
            (
                some("department"),
                name("Department of Earth Sciences"),
                vec![]
            ),
            (
                some("institution"),
                name("Example University"),
                vec![
                    ("ror".into(), "https://ror.org/05example1".into()),
                    ("grid".into(), "grid.99999.1".into())
                ]
            ),
        ]
    );
    // The flat fields are filled as before.
    assert_eq!(
        aff.department.as_deref(),
        Some("Department of Earth Sciences")
    );
    assert_eq!(aff.institution.as_deref(), Some("Example University"));
    assert!(aff
        .text
        .as_str()
        .starts_with("Department of Earth Sciences, Core"));
    assert_eq!(a.authors[1].affiliations[0].units.len(), 1);

    // A multilingual orgName is one level with a name per language.
    let a = sample("names-two-scripts.xml");
    let aff = &a.authors[0].affiliations[0];
    assert_eq!(
        units(aff),
        [
            (
                some("department"),
                vec![("Institute for East Asian Studies".into(), some("en"))],
                vec![]
            ),
            (
                some("institution"),
                vec![
                    ("서강대학교".into(), some("ko")),
                    ("Sogang University".into(), some("en"))
                ],
                vec![]
            ),
        ]
    );
    // A flat affiliation has no levels.
    assert!(a.authors[1].affiliations[0].units.is_empty());

    // HAL: the listOrg chain, followed through direct relations, with each org's ids.
    let a = sample("hal-french-listorg.xml");
    let aff = &a.authors[0].affiliations[0];
    assert_eq!(
        units(aff),
        [
            (
                some("laboratory"),
                name("Centre d'histoire des mers"),
                vec![
                    ("idref".into(), "150645597".into()),
                    ("rnsr".into(), "200212764V".into())
                ]
            ),
            (
                some("institution"),
                name("Université d'Exemple"),
                vec![("ror".into(), "https://ror.org/03z6jp965".into())]
            ),
            (
                some("regroupinstitution"),
                name("Centre National de la Recherche Scientifique"),
                vec![
                    ("isni".into(), "0000000122597504".into()),
                    ("ror".into(), "https://ror.org/02feahw73".into())
                ]
            ),
        ]
    );
    assert_eq!(
        aff.department.as_deref(),
        Some("Centre d'histoire des mers")
    );
    assert_eq!(aff.institution.as_deref(), Some("Université d'Exemple"));
}

fn record(name: &str) -> serde_json::Value {
    let doc = read_path(&common::root().join("samples").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    teimeta::export::json::to_value(&doc)
}

#[test]
fn json_record_carries_the_new_keys() {
    use serde_json::json;
    let r = record("conftool-meeting.xml");
    assert_eq!(r["event"], "Digital Humanities 2026. Roads and Routes");
    assert_eq!(r["event_start"], "2026-07-07");
    assert_eq!(r["event_end"], "2026-07-11");
    assert_eq!(r["event_place"], "Santiago de Compostela");
    assert_eq!(r["container"], "Digital Humanities 2026: Book of Abstracts");
    assert_eq!(r["container_doi"], "10.5555/zenodo.2026");
    assert_eq!(r["series"], serde_json::Value::Null);
    let ed = &r["editors"][0];
    assert_eq!(ed["surname"], "Iglesias");
    assert_eq!(ed["orcid"], "0000-0003-1234-5674");
    assert_eq!(ed["of"], "container");
    assert_eq!(ed["role"], serde_json::Value::Null);
    assert_eq!(
        ed["affiliations"][0]["text"],
        "Example University of Galicia"
    );

    let r = record("editors-everywhere.xml");
    assert_eq!(r["editors"][0]["role"], "guest");
    assert_eq!(r["editors"][0]["of"], "work");
    assert_eq!(r["editors"][1]["of"], "series");
    assert_eq!(r["series"], "Studies in Example Book History");

    let r = record("person-ids-in-attributes.xml");
    assert_eq!(
        r["authors"][0]["ids"],
        json!([{"scheme": "idref", "value": "https://www.idref.fr/190890126"}])
    );

    let r = record("names-two-scripts.xml");
    assert_eq!(
        r["authors"][0]["alternate_names"],
        json!([{"forename": "대영", "surname": "윤", "name": "대영 윤", "lang": "ko"}])
    );
    assert_eq!(
        r["authors"][0]["affiliations"][0]["units"][1],
        json!({"type": "institution",
               "names": [{"text": "서강대학교", "lang": "ko"}, {"text": "Sogang University", "lang": "en"}],
               "ids": []})
    );

    let r = record("series-journal-issue.xml");
    assert_eq!(r["date"], "2022-05-01");
    assert_eq!(r["date_text"], "May 2022");

    // Every key is there, null or empty, on a record that has none of them.
    let r = record("seed-youn.xml");
    for key in [
        "container_doi",
        "series",
        "editors",
        "event",
        "event_start",
        "event_end",
        "event_place",
        "date_text",
    ] {
        assert!(r.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(r["editors"], json!([]));
    let author = &r["authors"][0];
    assert_eq!(author["ids"], json!([]));
    assert_eq!(author["alternate_names"], json!([]));
    assert_eq!(
        author["affiliations"][0]["units"][0]["names"][0]["text"],
        "Institute for East Asian Studies"
    );
}
