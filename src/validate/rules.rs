//! A profile's field rules applied to an article: presence, per-author parts and counts.
//!
//! A missing field is reported at the element where it belongs (`Article::places`: the
//! titleStmt for a title, the author for a surname, the monogr for a volume, …) and its
//! message says where teimeta looked, so an editor knows which element to add.

use std::collections::BTreeMap;

use super::profile::{Field, Rule};
use super::{Code, Profile, Sink};
use crate::model::{Article, Author, Located, Span, Text};
use crate::parse::styles::{self, Field as Style};

/// Applies every rule of `profile` to `article`.
pub(crate) fn apply(article: &Article, profile: &Profile, sink: &mut Sink<'_>) {
    for rule in &profile.rules {
        match rule.fields.as_slice() {
            [] => {}
            [f] if f.is_per_author() => per_author(article, *f, rule, &profile.name, sink),
            [Field::Article(Style::Authors)] => authors(article, rule, &profile.name, sink),
            [Field::Article(Style::Keywords)] => keywords(article, rule, &profile.name, sink),
            [Field::AbstractWords] => abstract_words(article, rule, &profile.name, sink),
            fields => presence(article, fields, rule, &profile.name, sink),
        }
    }
}

/// A non-empty located value.
fn has(v: &Option<Text>) -> bool {
    v.as_ref().is_some_and(|t| !t.value.trim().is_empty())
}

fn present(article: &Article, field: Field) -> bool {
    match field {
        Field::Article(Style::Title) => article.title().is_some_and(|t| !t.value.trim().is_empty()),
        Field::Article(Style::Authors) => !article.authors.is_empty(),
        Field::Article(Style::Abstract) | Field::AbstractWords => article
            .abstracts
            .iter()
            .any(|a| !a.text.value.trim().is_empty()),
        Field::Article(Style::Keywords) => article.author_keywords().next().is_some(),
        Field::Article(Style::Journal) => has(&article.journal),
        Field::Article(Style::Issn) => has(&article.issn),
        Field::Article(Style::Eissn) => has(&article.eissn),
        Field::Article(Style::Volume) => has(&article.volume),
        Field::Article(Style::Issue) => has(&article.issue),
        Field::Article(Style::Pages) => has(&article.first_page) || has(&article.last_page),
        Field::Article(Style::Date) => has(&article.date),
        Field::Article(Style::Publisher) => has(&article.publisher),
        Field::Article(Style::Language) => has(&article.language),
        Field::Article(Style::Doi) => has(&article.doi),
        Field::Article(Style::Url) => has(&article.url),
        Field::AuthorSurname
        | Field::AuthorForename
        | Field::AuthorOrcid
        | Field::AuthorAffiliation
        | Field::AuthorEmail => true,
        // No profile can name the others (`Field::ALL`): nothing to check.
        Field::Article(_) => true,
    }
}

/// What a field is called in messages, where teimeta looks for it, and the code reported
/// when it is missing.
struct Where {
    what: &'static str,
    /// Generated from the parser's style tables for header fields, so it names every
    /// place the parser reads.
    looked: String,
    code: Code,
}

/// How to add a missing single-valued field, as an editor would do it.
fn how(field: Field) -> &'static str {
    match field {
        Field::Article(Style::Title) => "add <title type=\"main\">…</title> to the titleStmt",
        Field::Article(Style::Abstract) | Field::AbstractWords => {
            "add <abstract><p>…</p></abstract> to the profileDesc"
        }
        Field::Article(Style::Journal) => {
            "add <title level=\"j\">…</title> to sourceDesc/biblStruct/monogr"
        }
        Field::Article(Style::Issn) => "add <idno type=\"ISSN\">NNNN-NNNN</idno> to the monogr",
        Field::Article(Style::Eissn) => "add <idno type=\"eISSN\">NNNN-NNNN</idno> to the monogr",
        Field::Article(Style::Volume) => {
            "add <biblScope unit=\"volume\">…</biblScope> to monogr/imprint"
        }
        Field::Article(Style::Issue) => {
            "add <biblScope unit=\"issue\">…</biblScope> to monogr/imprint"
        }
        Field::Article(Style::Pages) => {
            "add <biblScope unit=\"page\" from=\"…\" to=\"…\"/> to monogr/imprint"
        }
        Field::Article(Style::Date) => {
            "add <date type=\"published\" when=\"YYYY-MM-DD\"/> to monogr/imprint"
        }
        Field::Article(Style::Publisher) => "add <publisher>…</publisher> to the publicationStmt",
        Field::Article(Style::Language) => {
            "add <langUsage><language ident=\"en\"/></langUsage> to the profileDesc"
        }
        Field::Article(Style::Doi) => {
            "add <idno type=\"DOI\">10.…/…</idno> to sourceDesc/biblStruct"
        }
        Field::Article(Style::Url) => {
            "add <idno type=\"URL\">https://…</idno> to the publicationStmt"
        }
        _ => "add it to the header",
    }
}

/// `None` for the article fields no profile can name (see [`Field::ALL`]), which
/// [`present`] takes as present.
fn where_(field: Field) -> Option<Where> {
    let w = |what, looked: String, code| Some(Where { what, looked, code });
    let looked = styles::looked_in;
    match field {
        Field::Article(Style::Title) => w("title", looked(Style::Title), Code::TitleMissing),
        Field::Article(Style::Authors) => w("author", looked(Style::Authors), Code::AuthorMissing),
        Field::Article(Style::Abstract) | Field::AbstractWords => {
            w("abstract", looked(Style::Abstract), Code::AbstractMissing)
        }
        Field::Article(Style::Keywords) => w(
            "author keywords",
            looked(Style::Keywords),
            Code::KeywordsMissing,
        ),
        Field::Article(Style::Journal) => w(
            "journal title",
            looked(Style::Journal),
            Code::JournalMissing,
        ),
        Field::Article(Style::Issn) => w("print ISSN", looked(Style::Issn), Code::IssnMissing),
        Field::Article(Style::Eissn) => {
            w("electronic ISSN", looked(Style::Eissn), Code::EissnMissing)
        }
        Field::Article(Style::Volume) => w("volume", looked(Style::Volume), Code::VolumeMissing),
        Field::Article(Style::Issue) => w("issue", looked(Style::Issue), Code::IssueMissing),
        Field::Article(Style::Pages) => w("page range", looked(Style::Pages), Code::PagesMissing),
        Field::Article(Style::Date) => {
            w("publication date", looked(Style::Date), Code::DateMissing)
        }
        Field::Article(Style::Publisher) => w(
            "publisher",
            looked(Style::Publisher),
            Code::PublisherMissing,
        ),
        Field::Article(Style::Language) => {
            w("language", looked(Style::Language), Code::LanguageMissing)
        }
        Field::Article(Style::Doi) => w("DOI", looked(Style::Doi), Code::DoiMissing),
        Field::Article(Style::Url) => w("full-text URL", looked(Style::Url), Code::UrlMissing),
        Field::AuthorSurname => w(
            "family name",
            "persName/surname".into(),
            Code::AuthorMissingSurname,
        ),
        Field::AuthorForename => w(
            "given name",
            "persName/forename".into(),
            Code::AuthorMissingForename,
        ),
        Field::AuthorOrcid => w(
            "ORCID iD",
            "idno[@type='ORCID'] or persName/@ref".into(),
            Code::AuthorMissingOrcid,
        ),
        Field::AuthorAffiliation => w(
            "affiliation",
            "affiliation".into(),
            Code::AuthorMissingAffiliation,
        ),
        Field::AuthorEmail => w("email address", "email".into(), Code::AuthorMissingEmail),
        Field::Article(_) => None,
    }
}

/// The element where a missing field belongs: the closest container the document has.
fn place(article: &Article, field: Field) -> (Span, &'static str) {
    let p = &article.places;
    let header = p.header.map(|s| (s, "the teiHeader"));
    let root = (p.root, "the document");
    let title_stmt = p.title_stmt.map(|s| (s, "this titleStmt"));
    let profile_desc = p.profile_desc.map(|s| (s, "this profileDesc"));
    let monogr = p.monogr.map(|s| (s, "this monogr"));
    let bibl = p.bibl_struct.map(|s| (s, "this biblStruct"));
    let publication = p.publication_stmt.map(|s| (s, "this publicationStmt"));
    let chosen = match field {
        Field::Article(Style::Title) | Field::Article(Style::Authors) => title_stmt.or(header),
        Field::Article(Style::Abstract)
        | Field::AbstractWords
        | Field::Article(Style::Keywords)
        | Field::Article(Style::Language) => profile_desc.or(header),
        Field::Article(Style::Journal)
        | Field::Article(Style::Issn)
        | Field::Article(Style::Eissn)
        | Field::Article(Style::Volume)
        | Field::Article(Style::Issue)
        | Field::Article(Style::Pages) => monogr.or(bibl).or(header),
        Field::Article(Style::Date) => monogr.or(publication).or(header),
        Field::Article(Style::Doi) => bibl.or(publication).or(header),
        Field::Article(Style::Publisher) | Field::Article(Style::Url) => publication.or(header),
        _ => header,
    };
    chosen.unwrap_or(root)
}

fn help_or(rule: &Rule, default: String) -> String {
    rule.help.clone().unwrap_or(default)
}

/// The names the parser gives (in `Article::empty_fields`) to an empty element that
/// stands where `field` belongs.
fn empty_names(field: Field) -> &'static [&'static str] {
    match field {
        Field::Article(Style::Title) => &["title"],
        Field::Article(Style::Abstract) | Field::AbstractWords => &["abstract"],
        Field::Article(Style::Keywords) => &["term"],
        Field::Article(Style::Journal) => &["title[@level='j']"],
        Field::Article(Style::Issn) | Field::Article(Style::Eissn) => &["idno[@type='ISSN']"],
        Field::Article(Style::Volume) => &["biblScope[@unit='volume']"],
        Field::Article(Style::Issue) => &["biblScope[@unit='issue']"],
        Field::Article(Style::Date) => &["date"],
        Field::Article(Style::Publisher) => &["publisher"],
        Field::Article(Style::Doi) => &["idno[@type='DOI']"],
        Field::AuthorSurname => &["surname"],
        Field::AuthorForename => &["forename"],
        Field::AuthorEmail => &["email"],
        Field::AuthorOrcid => &["idno[@type='ORCID']"],
        _ => &[],
    }
}

/// The first empty element standing where `field` belongs, within `within` (byte range
/// of the source).
fn empty_element(
    article: &Article,
    field: Field,
    within: std::ops::Range<usize>,
) -> Option<&Located<String>> {
    let names = empty_names(field);
    article
        .empty_fields
        .iter()
        .find(|e| names.contains(&e.value.as_str()) && within.contains(&e.span.start))
}

/// Reports a required field whose element is there but empty, at that element; claims
/// the element so it is not also reported as an empty value.
fn report_empty(
    e: &Located<String>,
    code: Code,
    message: String,
    help: String,
    rule: &Rule,
    sink: &mut Sink<'_>,
) {
    let element = e.value.split('[').next().unwrap_or(&e.value);
    sink.rule(
        code,
        rule.level.severity(),
        e.span,
        message,
        format!("this <{element}> is empty"),
        help_or(rule, help),
    );
    sink.claim(e.span);
}

/// A single-valued field (or alternatives, one of which is enough).
fn presence(article: &Article, fields: &[Field], rule: &Rule, profile: &str, sink: &mut Sink<'_>) {
    if fields.iter().any(|f| present(article, *f)) {
        return;
    }
    let Some(first) = where_(fields[0]) else {
        return;
    };
    let need = requirement(rule);
    if let Some((f, e)) = fields
        .iter()
        .find_map(|f| empty_element(article, *f, 0..usize::MAX).map(|e| (*f, e)))
    {
        let what = where_(f).map_or(first.what, |w| w.what);
        let element = e.value.split('[').next().unwrap_or(&e.value);
        report_empty(
            e,
            first.code,
            format!("the {what} is empty: its <{element}> holds no text"),
            format!(
                "the {profile} profile {need} {} {what}: write it in this element",
                if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                }
            ),
            rule,
            sink,
        );
        return;
    }
    let (span, container) = place(article, fields[0]);
    let wheres: Vec<Where> = fields.iter().filter_map(|f| where_(*f)).collect();
    let whats: Vec<&str> = wheres.iter().map(|w| w.what).collect();
    let what = whats.join(" or ");
    let mut looked: Vec<String> = wheres.into_iter().map(|w| w.looked).collect();
    looked.dedup();
    let message = format!("no {what}: looked in {}", looked.join("; and in "));
    let label = format!("the {} belongs in {container}", whats[0]);
    let article_word = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let help = help_or(
        rule,
        format!(
            "the {profile} profile {need} {article_word} {what}: {}",
            how(fields[0])
        ),
    );
    sink.rule(
        first.code,
        rule.level.severity(),
        span,
        message,
        label,
        help,
    );
}

fn requirement(rule: &Rule) -> &'static str {
    match rule.level {
        super::Level::Required => "requires",
        super::Level::Recommended => "recommends",
    }
}

/// A readable name for an author in messages.
pub(crate) fn author_name(a: &Author, index: usize) -> String {
    let name = a
        .name
        .as_ref()
        .or(a.surname.as_ref())
        .or(a.forename.as_ref())
        .map(|t| t.value.trim().to_string())
        .filter(|s| !s.is_empty());
    match name {
        Some(n) => format!("author {} (\"{}\")", index + 1, n),
        None => format!("author {}", index + 1),
    }
}

fn per_author(article: &Article, field: Field, rule: &Rule, profile: &str, sink: &mut Sink<'_>) {
    let Some(w) = where_(field) else {
        return;
    };
    let need = requirement(rule);
    for (i, a) in article.authors.iter().enumerate() {
        // Corporate authors have no family name, given name, ORCID or affiliation.
        if a.organization && field != Field::AuthorEmail {
            continue;
        }
        let ok = match field {
            Field::AuthorSurname => has(&a.surname),
            Field::AuthorForename => has(&a.forename),
            Field::AuthorOrcid => has(&a.orcid),
            Field::AuthorAffiliation => !a.affiliations.is_empty(),
            Field::AuthorEmail => has(&a.email),
            _ => true,
        };
        if ok {
            continue;
        }
        let who = author_name(a, i);
        // The author's own markup runs to the next author or the next container.
        let p = &article.places;
        let bound = article
            .authors
            .iter()
            .map(|b| b.span.start)
            .chain(
                [p.publication_stmt, p.bibl_struct, p.monogr, p.profile_desc]
                    .into_iter()
                    .flatten()
                    .map(|s| s.start),
            )
            .filter(|&s| s > a.span.start)
            .min()
            .unwrap_or(usize::MAX);
        if let Some(e) = empty_element(article, field, a.span.start..bound) {
            let element = e.value.split('[').next().unwrap_or(&e.value);
            report_empty(
                e,
                w.code,
                format!(
                    "{who} has an empty {}: its <{element}> holds no text",
                    w.what
                ),
                format!(
                    "the {profile} profile {need} {} {} for every author: write it in this \
                     element",
                    if w.what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    w.what
                ),
                rule,
                sink,
            );
            continue;
        }
        let message = match field {
            Field::AuthorSurname => {
                format!("{who} has no {}: no {} in this author", w.what, w.looked)
            }
            _ => format!(
                "{who} has no {}: looked for {} in this author",
                w.what, w.looked
            ),
        };
        let help = match field {
            Field::AuthorSurname => format!(
                "the {profile} profile {need} a family name for every person author: mark it \
                 up as <persName><forename>…</forename> <surname>…</surname></persName>, or use \
                 <orgName> for a corporate author"
            ),
            Field::AuthorOrcid => format!(
                "the {profile} profile {need} an ORCID iD for every author: add \
                 <idno type=\"ORCID\">0000-0000-0000-0000</idno> to the author"
            ),
            Field::AuthorAffiliation => format!(
                "the {profile} profile {need} an affiliation for every author: add \
                 <affiliation> to the author"
            ),
            Field::AuthorEmail => format!(
                "the {profile} profile {need} an email address for every author: add <email> \
                 to the author"
            ),
            _ => format!(
                "the {profile} profile {need} a {} for every person author; add {} to the name",
                w.what, w.looked
            ),
        };
        sink.rule(
            w.code,
            rule.level.severity(),
            a.span,
            message,
            format!("this author has no {}", w.what),
            help_or(rule, help),
        );
    }
}

fn bounds(rule: &Rule) -> (usize, Option<usize>) {
    (rule.min.unwrap_or(1), rule.max)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn authors(article: &Article, rule: &Rule, profile: &str, sink: &mut Sink<'_>) {
    let (min, max) = bounds(rule);
    let n = article.authors.len();
    let sev = rule.level.severity();
    let need = requirement(rule);
    if n < min {
        let (span, container) = place(article, Field::Article(Style::Authors));
        let Some(w) = where_(Field::Article(Style::Authors)) else {
            return;
        };
        let empty_name = empty_element(article, Field::AuthorSurname, 0..usize::MAX)
            .or_else(|| empty_element(article, Field::AuthorForename, 0..usize::MAX));
        if let (0, Some(e)) = (n, empty_name) {
            let element = e.value.as_str();
            report_empty(
                e,
                Code::AuthorMissing,
                format!("the author's name is empty: its <{element}> holds no text"),
                format!(
                    "the {profile} profile {need} at least {}: write the name in this element",
                    plural(min, "author", "authors")
                ),
                rule,
                sink,
            );
        } else if n == 0 {
            sink.rule(
                Code::AuthorMissing,
                sev,
                span,
                format!("no author with a name: looked in {}", w.looked),
                format!("the authors belong in {container}"),
                help_or(
                    rule,
                    format!(
                        "the {profile} profile {need} at least {}; each <author> needs a \
                         <persName> with a <surname> (or an <orgName>)",
                        plural(min, "author", "authors")
                    ),
                ),
            );
        } else {
            sink.rule(
                Code::AuthorTooFew,
                sev,
                span,
                format!(
                    "{} where the {profile} profile {need} at least {min}",
                    plural(n, "author", "authors")
                ),
                format!("the authors belong in {container}"),
                help_or(rule, "add the missing authors to the header".to_string()),
            );
        }
    }
    if let Some(max) = max {
        if n > max {
            let extra = &article.authors[max];
            sink.rule(
                Code::AuthorTooMany,
                sev,
                extra.span,
                format!(
                    "{} where the {profile} profile allows at most {max}",
                    plural(n, "author", "authors")
                ),
                format!("author {} is one too many", max + 1),
                help_or(
                    rule,
                    "check whether every <author> is an author of this article".to_string(),
                ),
            );
        }
    }
}

fn keywords(article: &Article, rule: &Rule, profile: &str, sink: &mut Sink<'_>) {
    let (min, max) = bounds(rule);
    let sev = rule.level.severity();
    let need = requirement(rule);
    // Keywords are counted per language: a bilingual article gives its list twice.
    let mut groups: BTreeMap<String, Vec<&Text>> = BTreeMap::new();
    for k in article.author_keywords() {
        if k.text.value.trim().is_empty() {
            continue;
        }
        let lang = k.lang.clone().unwrap_or_default().to_ascii_lowercase();
        groups.entry(lang).or_default().push(&k.text);
    }
    let largest = groups.values().map(Vec::len).max().unwrap_or(0);
    if largest < min {
        let (span, container) = place(article, Field::Article(Style::Keywords));
        if let (0, Some(e)) = (
            largest,
            empty_element(article, Field::Article(Style::Keywords), 0..usize::MAX),
        ) {
            report_empty(
                e,
                Code::KeywordsMissing,
                "the keywords are empty: their <term> holds no text".to_string(),
                format!(
                    "the {profile} profile {need} at least {}: write a keyword in this \
                     element, one <term> each",
                    plural(min, "keyword", "keywords")
                ),
                rule,
                sink,
            );
        } else if largest == 0 {
            sink.rule(
                Code::KeywordsMissing,
                sev,
                span,
                format!(
                    "no author keywords: looked in {}",
                    styles::looked_in(Style::Keywords)
                ),
                format!("the keywords belong in {container}"),
                help_or(
                    rule,
                    format!(
                        "the {profile} profile {need} at least {}; add \
                         <textClass><keywords><term>…</term></keywords></textClass>",
                        plural(min, "keyword", "keywords")
                    ),
                ),
            );
        } else {
            let first = groups.values().flatten().next().map_or(span, |t| t.span);
            sink.rule(
                Code::KeywordsTooFew,
                sev,
                first,
                format!(
                    "{} where the {profile} profile {need} at least {min}",
                    plural(largest, "keyword", "keywords")
                ),
                "the keywords start here".to_string(),
                help_or(rule, "add keywords, one <term> each".to_string()),
            );
        }
    }
    if let Some(max) = max {
        for (lang, terms) in &groups {
            if terms.len() > max {
                let lang_note = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" in language \"{lang}\"")
                };
                sink.rule(
                    Code::KeywordsTooMany,
                    sev,
                    terms[max].span,
                    format!(
                        "{}{lang_note} where the {profile} profile allows at most {max}",
                        plural(terms.len(), "keyword", "keywords")
                    ),
                    format!("keyword {} is one too many", max + 1),
                    help_or(rule, format!("keep the {max} keywords that matter most")),
                );
            }
        }
    }
}

/// Words in a text: white-space separated tokens, except that each ideograph, kana or
/// hangul syllable written without spaces counts as one (so a Japanese abstract is not
/// "three words long").
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let wide = token.chars().filter(|&c| is_cjk(c)).count();
            let other = token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
            if wide == 0 {
                1
            } else {
                wide + usize::from(other)
            }
        })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FA1F) // supplementary ideographs
}

fn abstract_words(article: &Article, rule: &Rule, profile: &str, sink: &mut Sink<'_>) {
    let Some(main) = article.main_abstract() else {
        return; // Whether an abstract is required is the `abstract` rule's business.
    };
    let (min, max) = bounds(rule);
    let n = word_count(&main.text.value);
    let sev = rule.level.severity();
    if n < min {
        sink.rule(
            Code::AbstractTooShort,
            sev,
            main.text.span,
            format!(
                "the abstract has {} where the {profile} profile asks for at least {min}",
                plural(n, "word", "words")
            ),
            "this abstract is too short".to_string(),
            help_or(rule, "write a fuller abstract".to_string()),
        );
    }
    if let Some(max) = max {
        if n > max {
            sink.rule(
                Code::AbstractTooLong,
                sev,
                main.text.span,
                format!(
                    "the abstract has {n} words where the {profile} profile allows at most {max}"
                ),
                "this abstract is too long".to_string(),
                help_or(
                    rule,
                    format!("shorten the abstract to {max} words or fewer"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_counts_ideographs_one_by_one() {
        assert_eq!(word_count("This study aims  to discuss."), 5);
        assert_eq!(word_count("走れメロス"), 5);
        assert_eq!(word_count("Web茶まめ tool"), 5);
        assert_eq!(word_count(""), 0);
    }
}
