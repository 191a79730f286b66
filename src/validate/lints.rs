//! Lints for the debris that text extraction and templates leave in metadata: author
//! footnotes inside an abstract or title, words hyphenated across a line break,
//! paragraphs split mid-sentence, keyword lists crammed into one term, duplicated
//! keywords, placeholder values, titles in capitals and "Abstract:" labels left in values.
//!
//! They are heuristics, so they are warnings by default (a profile may raise or silence
//! each), and each one is tuned to stay quiet on ordinary scholarly prose: one
//! "University" in an abstract is a topic, a cluster of them next to a star is a footnote.
//!
//! A lint points at the start tag of the element holding the value, like every value
//! problem; when the offending text can be found in the source, it is labelled too.

use std::collections::HashMap;

use super::{Code, Sink};
use crate::model::{Article, Span, Text};

/// Runs every lint on `article`.
pub(crate) fn check(article: &Article, sink: &mut Sink<'_>) {
    for t in &article.titles {
        footnote_lint(&t.text, "title", sink);
        hyphenation_lint(&t.text, "title", sink);
        all_caps_lint(&t.text, sink);
        label_lint(&t.text, "title", TITLE_LABELS, sink);
    }
    for a in &article.abstracts {
        footnote_lint(&a.text, "abstract", sink);
        hyphenation_lint(&a.text, "abstract", sink);
        paragraph_split_lint(&a.text, sink);
        label_lint(&a.text, "abstract", ABSTRACT_LABELS, sink);
        keyword_label_in_abstract_lint(&a.text, sink);
    }
    keyword_lints(article, sink);
    for k in article.author_keywords() {
        label_lint(&k.text, "keyword", KEYWORD_LABELS, sink);
    }
    placeholder_lints(article, sink);
}

/// The span of `needle` in the source after `from`, matching any run of white space in
/// the source to any run in the needle (values are white-space collapsed, sources are
/// not). `None` when not found nearby, e.g. because the source spells a character as an
/// entity reference.
fn locate(text: &str, from: usize, needle: &str) -> Option<Span> {
    const WINDOW: usize = 64 * 1024;
    let needle: Vec<&str> = needle.split_whitespace().collect();
    let first = *needle.first()?;
    let mut end = (from + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let from = from.min(end);
    if !text.is_char_boundary(from) {
        return None;
    }
    let hay = &text[from..end];
    let mut search = 0;
    while let Some(i) = hay[search..].find(first) {
        let start = search + i;
        let mut pos = start + first.len();
        let mut ok = true;
        for word in &needle[1..] {
            let rest = &hay[pos..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() || !trimmed.starts_with(word) {
                ok = false;
                break;
            }
            pos += rest.len() - trimmed.len() + word.len();
        }
        if ok {
            return Some(Span::new(from + start, from + pos));
        }
        search = start + first.len();
    }
    None
}

// ---------------------------------------------------------------------------------------
// Footnotes inside the text

/// Words that mark affiliation text. Matched as whole words, case-sensitively where case
/// matters ("Institute" the name part, not "institute" the verb).
const AFFILIATION_WORDS: &[&str] = &[
    "Professor",
    "Prof.",
    "Lecturer",
    "Researcher",
    "Fellow",
    "University",
    "Univ.",
    "Universität",
    "Université",
    "Universidad",
    "Università",
    "Universidade",
    "Institute",
    "Institut",
    "Instituto",
    "Department",
    "Dept.",
    "Faculty",
    "Laboratory",
    "Laboratoire",
    "College",
    "Academy",
    "Centre",
    "Center",
    "Ph.D.",
    "PhD",
];

/// Superscript digits, which mark footnotes when glued to a title's last word.
const SUPERSCRIPT_DIGITS: &[char] = &['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// Words that a number follows in ordinary titles ("Part 2", "Type 1 Diabetes").
const NUMBERED_WORDS: &[&str] = &[
    "part",
    "chapter",
    "volume",
    "vol.",
    "no.",
    "number",
    "book",
    "section",
    "phase",
    "type",
    "level",
    "stage",
    "step",
    "act",
    "scene",
    "appendix",
    "figure",
    "table",
    "version",
    "class",
    "grade",
    "day",
    "week",
    "year",
    "top",
    "study",
    "experiment",
    "case",
    "session",
    "article",
    "issue",
    "lesson",
    "unit",
    "round",
    "game",
    "season",
    "episode",
    "teil",
    "band",
    "heft",
    "tome",
    "partie",
];

/// What a footnote lint found in a text.
#[derive(Debug, Default, PartialEq, Eq)]
struct Footnote {
    emails: Vec<String>,
    urls: Vec<String>,
    /// Affiliation words, in order of appearance, without repeats.
    affiliation: Vec<String>,
    /// A footnote marker (`*`, `†`, `‡`) standing before text, or glued to a title's end.
    marker: Option<String>,
    /// The footnote-looking stretch of the text, from its first sign to its last.
    stretch: Option<String>,
}

fn trim_token(t: &str) -> &str {
    t.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | ',' | ';' | '"' | '\'' | '“' | '”' | '‘' | '’'
        )
    })
    .trim_end_matches(['.', ':'])
}

fn looks_like_email(t: &str) -> bool {
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || ".-".contains(c))
}

fn looks_like_url(t: &str) -> bool {
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    (starts("http://") || starts("https://") || starts("www.")) && t.len() > 8
}

fn footnote(text: &str, is_title: bool) -> Option<Footnote> {
    // Tokens with their byte offsets, so the stretch can be cut from the text.
    let tokens: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
        .collect();
    let mut found = Footnote::default();
    let mut signs: Vec<(usize, usize)> = Vec::new(); // byte ranges of footnote signs
    let mut affiliation_at: Vec<(usize, usize, &str)> = Vec::new();
    for (i, &(at, raw)) in tokens.iter().enumerate() {
        let t = trim_token(raw);
        if looks_like_email(t) {
            found.emails.push(t.to_string());
            signs.push((at, at + raw.len()));
        } else if looks_like_url(t) {
            found.urls.push(t.to_string());
            signs.push((at, at + raw.len()));
        }
        let word = raw.trim_end_matches([',', ';', ':', '/']);
        if let Some(w) = AFFILIATION_WORDS.iter().find(|w| **w == word || **w == t) {
            affiliation_at.push((at, at + raw.len(), w));
        }
        // A lone marker before a capitalised word: "… critical * HK Assistant Professor".
        if matches!(raw, "*" | "†" | "‡" | "**") {
            let next_is_capital = tokens
                .get(i + 1)
                .and_then(|(_, n)| n.chars().next())
                .is_some_and(char::is_uppercase);
            if next_is_capital {
                found.marker = Some(raw.to_string());
                signs.push((at, at + raw.len()));
            }
        }
    }
    // A marker glued to the end of a title: "… in 1956*", "Networks†", "Vietnam1".
    if is_title {
        if let Some(&(at, last)) = tokens.last() {
            let glued_symbol = last.len() > 1 && last.ends_with(['*', '†', '‡']);
            let letters: String = last.chars().take_while(|c| c.is_alphabetic()).collect();
            let digits = &last[letters.len()..];
            let glued_digit = letters.chars().filter(|c| c.is_lowercase()).count() >= 3
                && (1..=2).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit());
            let glued_superscript = last.len() > 3
                && last
                    .chars()
                    .last()
                    .is_some_and(|c| SUPERSCRIPT_DIGITS.contains(&c));
            if glued_symbol || glued_digit || glued_superscript {
                // The marker is what is glued on: the symbol, digits or superscript.
                let word_len = last
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_alphabetic())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let marker = &last[word_len..];
                found.marker = Some(marker.to_string());
                signs.push((at + word_len, at + last.len()));
            }
        }
        // A lone digit after a word and before a capitalised one (or at the end): GROBID's
        // "… Growth in Nigeria 1 Taofik", where a footnote marker and the author's name
        // were swept into the title. "Type 2 Diabetes" and "Part 1" are not markers.
        for (i, &(at, raw)) in tokens.iter().enumerate().skip(1) {
            let lone_digit = raw.len() == 1 && raw.as_bytes()[0].is_ascii_digit() && raw != "0";
            if !lone_digit || found.marker.is_some() {
                continue;
            }
            let prev = tokens[i - 1].1;
            let after_word = prev.chars().last().is_some_and(char::is_lowercase)
                && !NUMBERED_WORDS.contains(&prev.to_lowercase().as_str());
            let next_capital = tokens
                .get(i + 1)
                .is_none_or(|(_, n)| n.chars().next().is_some_and(char::is_uppercase));
            if after_word && next_capital {
                found.marker = Some(raw.to_string());
                // The rest of the title came with the marker.
                signs.push((at, text.len()));
            }
        }
    } else if let [.., (_, before), (at, last)] = tokens.as_slice() {
        // A lone footnote number after the last sentence: "… on the benchmark. 1".
        let number = (1..=2).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit());
        if number && before.ends_with(['.', '!', '?']) {
            found.marker = Some(last.to_string());
            signs.push((*at, at + last.len()));
        }
    }
    // Affiliation words count only in a cluster: two different ones within 100 bytes, or
    // one right after a marker or next to an email address.
    let mut clustered: Vec<(usize, usize, &str)> = Vec::new();
    for (k, &(s, e, w)) in affiliation_at.iter().enumerate() {
        let near_other = affiliation_at
            .iter()
            .enumerate()
            .any(|(j, &(s2, _, w2))| j != k && w2 != w && s.abs_diff(s2) <= 100);
        let near_sign = signs
            .iter()
            .any(|&(s2, e2)| s.abs_diff(e2) <= 60 || s2.abs_diff(e) <= 60);
        if near_other || near_sign {
            clustered.push((s, e, w));
        }
    }
    for &(s, e, w) in &clustered {
        if !found.affiliation.iter().any(|x| x == w) {
            found.affiliation.push(w.to_string());
        }
        signs.push((s, e));
    }
    if signs.is_empty() {
        return None;
    }
    // The stretch: the signs that sit together around the first email, marker or cluster.
    signs.sort_unstable();
    let (mut start, mut end) = signs[0];
    for &(s, e) in &signs[1..] {
        if s <= end + 120 {
            end = end.max(e);
        } else {
            break;
        }
    }
    // Take in the words between a marker and the first sign ("* HK Assistant Professor").
    if let Some(m) = &found.marker {
        if let Some(p) = text[..end].rfind(m.as_str()) {
            start = start.min(p);
        }
    }
    found.stretch = Some(text[start..end].to_string());
    Some(found)
}

fn quoted_list(items: &[String], max: usize) -> String {
    let mut parts: Vec<String> = items.iter().take(max).map(|s| format!("\"{s}\"")).collect();
    if items.len() > max {
        parts.push("…".to_string());
    }
    parts.join(", ")
}

fn footnote_lint(value: &Text, what: &str, sink: &mut Sink<'_>) {
    let Some(f) = footnote(&value.value, what == "title") else {
        return;
    };
    let mut signs = Vec::new();
    if !f.emails.is_empty() {
        let n = if f.emails.len() == 1 {
            "an email address"
        } else {
            "email addresses"
        };
        signs.push(format!("{n} ({})", f.emails.join(", ")));
    }
    if !f.affiliation.is_empty() {
        signs.push(format!(
            "affiliation text ({})",
            quoted_list(&f.affiliation, 4)
        ));
    }
    if let Some(m) = &f.marker {
        signs.push(format!("a footnote marker (\"{m}\")"));
    }
    if !f.urls.is_empty() {
        let n = if f.urls.len() == 1 { "a URL" } else { "URLs" };
        signs.push(format!("{n} ({})", f.urls.join(", ")));
    }
    let only_urls = f.emails.is_empty() && f.affiliation.is_empty() && f.marker.is_none();
    let only_marker = f.emails.is_empty() && f.affiliation.is_empty() && f.urls.is_empty();
    // A marker with the text that came after it ("1 Taofik"): show that text too.
    let trail = match (&f.marker, &f.stretch) {
        (Some(m), Some(s)) if only_marker && s != m => {
            format!(
                " followed by \"{}\"",
                s.strip_prefix(m.as_str()).unwrap_or(s).trim()
            )
        }
        _ => String::new(),
    };
    let message = format!(
        "the {what} holds {}{trail}: {}",
        join_and(&signs),
        if only_urls {
            "perhaps a footnote swept into the text"
        } else if only_marker {
            "probably footnote debris from the PDF"
        } else {
            "probably an author footnote swept into the text"
        }
    );
    let help = if only_urls {
        format!(
            "if the URL comes from a footnote, move it out of the {what}; if the authors wrote it \
             in the {what}, leave it"
        )
    } else if only_marker {
        format!(
            "delete the footnote marker{} from the {what}",
            if trail.is_empty() {
                ""
            } else {
                " and the text that follows it"
            }
        )
    } else {
        format!(
            "delete the footnote from the {what}; put the role in the author's <roleName>, the \
             institution in <affiliation> and the address in <email>"
        )
    };
    let at = f
        .stretch
        .as_deref()
        .and_then(|s| locate(sink.text, value.span.end, s));
    if let Some(p) = sink.report(
        Code::FootnoteInText,
        value.span,
        message,
        format!("this {what} holds footnote text"),
        help,
    ) {
        if let Some(at) = at {
            p.notes
                .push((at, "the footnote, inside the text".to_string()));
        }
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------
// Line-break debris

/// Words that follow a suspended hyphen legitimately: "pre- and post-war".
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "nor", "to", "as", "und", "oder", "bis", "sowie", "et", "ou", "y", "e", "o", "i",
    "og", "en", "of", "versus", "vs",
];

/// Words hyphenated across a line break: "cooper- ation" (a lower-case word part, a
/// hyphen, a space, a lower-case word part that is not a conjunction).
fn hyphenations(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(stem) = a.strip_suffix(['-', '\u{00AD}', '‐']) else {
            continue;
        };
        let stem_letters: Vec<char> = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if stem_letters.len() < 2 || !stem_letters.iter().all(|c| c.is_lowercase()) {
            continue;
        }
        let tail: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
        if tail.chars().count() < 2
            || !tail.chars().all(char::is_lowercase)
            || CONJUNCTIONS.contains(&tail.as_str())
        {
            continue;
        }
        out.push(format!(
            "{a} {}",
            b.trim_end_matches([',', '.', ';', ':', ')'])
        ));
    }
    out
}

fn hyphenation_lint(value: &Text, what: &str, sink: &mut Sink<'_>) {
    let found = hyphenations(&value.value);
    if found.is_empty() {
        return;
    }
    let joined: Vec<String> = found
        .iter()
        .map(|f| f.replacen("- ", "", 1).replacen("\u{00AD} ", "", 1))
        .collect();
    let message = format!(
        "the {what} has {} split across a line break: {}",
        if found.len() == 1 { "a word" } else { "words" },
        quoted_list(&found, 3)
    );
    let at = locate(sink.text, value.span.end, &found[0]);
    if let Some(p) = sink.report(
        Code::Hyphenation,
        value.span,
        message,
        format!("this {what} has a hyphenated line break"),
        format!("join the word again ({})", quoted_list(&joined, 3)),
    ) {
        if let Some(at) = at {
            p.notes.push((at, "the word is split here".to_string()));
        }
    }
}

/// Characters that may end a paragraph.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ':'
            | ';'
            | '…'
            | ')'
            | ']'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '。'
            | '！'
            | '？'
            | '」'
            | '』'
    )
}

/// Consecutive paragraphs where the first ends without terminal punctuation and the next
/// starts in lower case: (end of the first, start of the next).
fn paragraph_splits(text: &str) -> Vec<(String, String)> {
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for pair in paragraphs.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let ends = a.chars().last().is_some_and(ends_sentence);
        let lower = b.chars().next().is_some_and(char::is_lowercase);
        if !ends && lower {
            out.push((last_words(a, 3), first_words(b, 4)));
        }
    }
    out
}

fn last_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn paragraph_split_lint(value: &Text, sink: &mut Sink<'_>) {
    let found = paragraph_splits(&value.value);
    if found.is_empty() {
        return;
    }
    let (end, start) = &found[0];
    let more = match found.len() {
        1 => String::new(),
        n => format!(" ({n} places)"),
    };
    let message = format!(
        "a paragraph of the abstract ends mid-sentence (\"…{end}\") and the next one carries \
         on (\"{start}…\"){more}"
    );
    let at = locate(sink.text, value.span.end, end);
    if let Some(p) = sink.report(
        Code::ParagraphSplit,
        value.span,
        message,
        "this abstract has a paragraph split mid-sentence",
        "a page or column break split the paragraph: join the two <p> elements into one",
    ) {
        if let Some(at) = at {
            p.notes.push((
                at,
                "the sentence breaks off here, at the end of a paragraph".to_string(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Keywords

fn normalise_keyword(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn keyword_lints(article: &Article, sink: &mut Sink<'_>) {
    let mut seen: HashMap<(String, String), &Text> = HashMap::new();
    for k in article.author_keywords() {
        let v = k.text.value.trim();
        if v.is_empty() {
            continue;
        }
        let parts = keyword_parts(v);
        {
            if parts.len() > 1 {
                sink.report(
                    Code::KeywordList,
                    k.text.span,
                    format!(
                        "the keyword \"{}\" is a list of {} keywords in one term",
                        shorten(v, 80),
                        parts.len()
                    ),
                    "several keywords in one term",
                    "give each keyword its own <term> (or <item>)",
                );
            }
        }
        let lang = k.lang.clone().unwrap_or_default().to_ascii_lowercase();
        let key = (lang, normalise_keyword(v));
        match seen.get(&key) {
            Some(first) => {
                let first_span = first.span;
                if let Some(p) = sink.report(
                    Code::DuplicateKeyword,
                    k.text.span,
                    format!("the keyword \"{v}\" is given twice"),
                    "the second time",
                    "delete the repeated keyword",
                ) {
                    p.notes.push((first_span, "the first time".to_string()));
                }
            }
            None => {
                seen.insert(key, &k.text);
            }
        }
    }
}

/// The keywords crammed into one term: split at `,` and `;` (and their CJK forms), or at
/// spaced dashes and bullets when there are at least two ("a - b - c"; one dash is more
/// likely part of the keyword).
fn keyword_parts(v: &str) -> Vec<&str> {
    fn split<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
        parts.map(str::trim).filter(|p| !p.is_empty()).collect()
    }
    if v.contains([',', ';', '；', '，', '、']) {
        return split(v.split([',', ';', '；', '，', '、']));
    }
    for sep in [" - ", " – ", " — ", " · ", " | ", " • "] {
        if v.matches(sep).count() >= 2 {
            return split(v.split(sep));
        }
    }
    vec![v]
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

// ---------------------------------------------------------------------------------------
// Placeholders

/// Whole values that are template placeholders, compared case-insensitively with
/// surrounding punctuation ignored.
const PLACEHOLDERS: &[&str] = &[
    "guest",
    "an author",
    "author",
    "author name",
    "the author",
    "a title",
    "title",
    "my title",
    "title here",
    "insert title here",
    "untitled",
    "untitled document",
    "my doi number",
    "my doi",
    "doi",
    "your name",
    "name",
    "first name",
    "last name",
    "firstname",
    "lastname",
    "firstname lastname",
    "first name last name",
    "surname",
    "forename",
    "journal",
    "journal title",
    "journal name",
    "titre",
    "titre du journal",
    "nom de la revue",
    "auteur",
    "prénom nom",
    "volume",
    "issue",
    "number",
    "pages",
    "keyword",
    "keywords",
    "keyword1",
    "keyword 1",
    "abstract",
    "résumé",
    "resume",
    "subtitle",
    "my subtitle",
    "publisher",
    "lorem ipsum",
    "todo",
    "tbd",
    "tba",
    "xxx",
    "insert abstract here",
    "abstract here",
    "email@example.com",
    "name@example.com",
    "user@example.com",
    "your.name@example.com",
    "nouvel auteur",
    "new author",
];

/// Local parts of template email addresses ("prenom.nom@structure.fr").
const PLACEHOLDER_MAILBOXES: &[&str] = &[
    "prenom.nom",
    "firstname.lastname",
    "first.last",
    "name.surname",
    "your.name",
    "yourname",
    "author",
    "name",
];

/// Why `value` looks like a placeholder, if it does.
fn placeholder(value: &str) -> Option<&'static str> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if version_control_token(v).is_some() {
        return Some("an unexpanded version-control keyword");
    }
    let bare = v
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if PLACEHOLDERS.contains(&bare.as_str()) {
        return Some("a template placeholder");
    }
    let lower = v.to_lowercase();
    if let Some((local, _)) = lower.split_once('@') {
        if PLACEHOLDER_MAILBOXES.contains(&local) {
            return Some("a template email address");
        }
    }
    if lower.contains("lorem ipsum") {
        return Some("filler text (lorem ipsum)");
    }
    // "[Title]", "{title}", "<author>", "%TITLE%": a field name in template brackets.
    let bracketed = [('[', ']'), ('{', '}'), ('<', '>'), ('%', '%')]
        .iter()
        .any(|&(o, c)| v.starts_with(o) && v.ends_with(c) && v.len() > 2);
    if bracketed && v.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !v.contains(' ') {
        return Some("a template field");
    }
    // "this is my article title", "my subtitle in english", "mon sous-titre en français".
    const OWNERS: &[&str] = &[
        "this is my ",
        "my ",
        "your ",
        "ceci est mon ",
        "mon ",
        "ma ",
        "votre ",
    ];
    const NOUNS: &[&str] = &[
        "title",
        "titre",
        "subtitle",
        "sous-titre",
        "doi",
        "abstract",
        "résumé",
        "journal",
        "revue",
        "name",
        "nom",
        "keyword",
        "keywords",
        "mot-clé",
        "mots-clés",
    ];
    // Templates write these in lower case ("my subtitle in english", "My DOI number");
    // a title-cased "My Name Is Red" is a real title.
    let sentence_case = v
        .split_whitespace()
        .skip(1)
        .all(|w| !w.chars().any(char::is_uppercase) || !w.chars().any(char::is_lowercase));
    if sentence_case
        && OWNERS.iter().any(|o| lower.starts_with(o))
        && lower.split_whitespace().any(|w| NOUNS.contains(&w))
    {
        return Some("a template placeholder");
    }
    // "keywords_en", "resume_fr": a template's field name with a language suffix.
    if let Some((stem, lang)) = bare.rsplit_once('_') {
        if lang.len() == 2
            && stem.len() >= 3
            && stem.starts_with(|c: char| c.is_ascii_lowercase())
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && lang.chars().all(|c| c.is_ascii_lowercase())
            && !v.contains(' ')
        {
            return Some("a template field name");
        }
    }
    // "XXXX-XXXX", "xx.xx": only x's, digits zero and punctuation.
    let letters: Vec<char> = v.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 3
        && letters.iter().all(|c| *c == 'x' || *c == 'X')
        && v.chars()
            .all(|c| c.is_alphabetic() || !c.is_alphanumeric() || c == '0')
    {
        return Some("a template placeholder");
    }
    None
}

/// A `$Keyword$` or `$Keyword: … $` token from CVS or Subversion, left unexpanded.
fn version_control_token(v: &str) -> Option<&str> {
    let mut rest = v;
    while let Some(start) = rest.find('$') {
        let after = &rest[start + 1..];
        let name_len = after
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .count();
        if name_len >= 2
            && after[..name_len]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
        {
            let tail = &after[name_len..];
            if tail.starts_with('$') {
                return Some(&rest[start..start + name_len + 2]);
            }
            if tail.starts_with(':') {
                if let Some(end) = tail.find('$') {
                    if end < 200 {
                        return Some(&rest[start..start + 1 + name_len + end + 1]);
                    }
                }
            }
        }
        rest = after;
    }
    None
}

fn placeholder_lints(article: &Article, sink: &mut Sink<'_>) {
    let mut values: Vec<(&Text, &str)> = Vec::new();
    for t in &article.titles {
        values.push((&t.text, "title"));
    }
    for a in &article.authors {
        // The display name if there is one; else the parts.
        match &a.name {
            Some(n) => values.push((n, "author name")),
            None => {
                for part in [&a.surname, &a.forename].into_iter().flatten() {
                    values.push((part, "author name"));
                }
            }
        }
        if let Some(e) = &a.email {
            values.push((e, "email address"));
        }
        for aff in &a.affiliations {
            values.push((&aff.text, "affiliation"));
        }
    }
    for k in &article.keywords {
        values.push((&k.text, "keyword"));
    }
    for a in &article.abstracts {
        values.push((&a.text, "abstract"));
    }
    let singles = [
        (&article.journal, "journal title"),
        (&article.issn, "ISSN"),
        (&article.eissn, "ISSN"),
        (&article.volume, "volume"),
        (&article.issue, "issue"),
        (&article.first_page, "first page"),
        (&article.last_page, "last page"),
        (&article.date, "date"),
        (&article.publisher, "publisher"),
        (&article.doi, "DOI"),
        (&article.url, "URL"),
        (&article.language, "language"),
    ];
    for (v, what) in singles {
        if let Some(v) = v {
            values.push((v, what));
        }
    }
    // One report per distinct value and place: HAL repeats a value in several fields.
    let mut reported: Vec<(Span, String)> = Vec::new();
    for (v, what) in values {
        let Some(why) = placeholder(&v.value) else {
            continue;
        };
        let key = (v.span, v.value.clone());
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let shown = shorten(v.value.trim(), 60);
        let help = if why.contains("version-control") {
            "the file was exported from a repository without keyword expansion: replace the \
             token with the real value"
                .to_string()
        } else {
            format!("replace \"{shown}\" with the real {what}, or remove the element")
        };
        sink.report(
            Code::Placeholder,
            v.span,
            format!("the {what} \"{shown}\" is {why}, not real metadata"),
            format!("placeholder {what}"),
            help,
        );
    }
}

// ---------------------------------------------------------------------------------------
// Shape of titles and labels

fn all_caps_lint(value: &Text, sink: &mut Sink<'_>) {
    let v = &value.value;
    let upper = v.chars().filter(|c| c.is_uppercase()).count();
    let lower = v.chars().filter(|c| c.is_lowercase()).count();
    let cased_words = v
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_uppercase()))
        .count();
    if lower == 0 && upper >= 8 && cased_words >= 2 {
        sink.report(
            Code::AllCapsTitle,
            value.span,
            format!("the title \"{}\" is in capitals only", shorten(v, 80)),
            "this title is in capitals",
            "write the title in title or sentence case (keeping acronyms in capitals); \
             capitals are a typesetting style, not part of the title",
        );
    }
}

const ABSTRACT_LABELS: &[&str] = &[
    "abstract",
    "summary",
    "résumé",
    "resume",
    "zusammenfassung",
    "resumen",
    "riassunto",
    "resumo",
    "аннотация",
    "анотація",
    "要旨",
    "摘要",
    "概要",
    "초록",
];

const KEYWORD_LABELS: &[&str] = &[
    "key words",
    "keywords",
    "key-words",
    "keyword",
    "index terms",
    "mots-clés",
    "mots clés",
    "mots-clefs",
    "schlüsselwörter",
    "schlagwörter",
    "palabras clave",
    "parole chiave",
    "palavras-chave",
    "ключевые слова",
    "キーワード",
    "关键词",
    "주제어",
    "subjects",
];

/// Labels that are also ordinary words at the start of a value ("Keyword Extraction",
/// "Title IX"): they count only when punctuation follows them.
const NEEDS_PUNCTUATION: &[&str] = &["keyword", "keywords", "title", "titre", "titel", "resume"];

const TITLE_LABELS: &[&str] = &["title", "titre", "titel"];

/// The label at the start of `value`, if one is left there: the label word(s) followed
/// by a colon, full stop or dash, or by white space and a capital letter.
fn leading_label<'a>(value: &'a str, labels: &[&str]) -> Option<&'a str> {
    let v = value.trim_start();
    let lower = v.to_lowercase();
    for label in labels {
        if !lower.starts_with(label) {
            continue;
        }
        // Same length in bytes: lower-casing these labels does not change their length,
        // but check the boundary to be safe.
        let n = label.len();
        if !v.is_char_boundary(n) {
            continue;
        }
        let rest = &v[n..];
        let after = rest.trim_start();
        let punct = after.starts_with([':', '：', '.', '—', '–', '-']);
        let spaced_capital = after.len() < rest.len()
            && after.chars().next().is_some_and(char::is_uppercase)
            && !NEEDS_PUNCTUATION.contains(label);
        if punct || spaced_capital {
            let mark = if punct {
                after.chars().next().map_or(0, char::len_utf8)
            } else {
                0
            };
            return Some(&v[..n + (rest.len() - after.len()) + mark]);
        }
    }
    None
}

fn label_lint(value: &Text, what: &str, labels: &[&str], sink: &mut Sink<'_>) {
    let Some(label) = leading_label(&value.value, labels) else {
        return;
    };
    let label = label.trim();
    sink.report(
        Code::LabelPrefix,
        value.span,
        format!("the {what} starts with the label \"{label}\""),
        format!("the label is part of this {what}"),
        format!(
            "delete \"{label}\" from the start of the {what}: the element already says what it is"
        ),
    );
}

/// "Key words: a, b, c. Summary. …" at the start of an abstract: the keyword list was
/// extracted into the abstract.
fn keyword_label_in_abstract_lint(value: &Text, sink: &mut Sink<'_>) {
    let Some(label) = leading_label(&value.value, KEYWORD_LABELS) else {
        return;
    };
    let label = label.trim();
    sink.report(
        Code::LabelPrefix,
        value.span,
        format!("the abstract starts with the label \"{label}\": the keyword list is inside the abstract"),
        "the keyword list is part of this abstract",
        "move the keywords into profileDesc/textClass/keywords, one <term> each, and delete \
         them and their label from the abstract",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "It is also remarkable that the image of North Vietnam made some \
        impressions on Song Yeong, the leader of the delegation at that time. In some\n\n\
        respects, the perception of North Vietnam helped him to keep a critical * HK Assistant \
        Professor, Institute for East Asian Studies, Sogang Univ. / popeyevn@sogang.ac.kr mind \
        toward the intellectual group of North Korea.";

    #[test]
    fn the_seed_footnote_is_found_with_its_extent() {
        let f = footnote(SEED, false).expect("a footnote");
        assert_eq!(f.emails, vec!["popeyevn@sogang.ac.kr"]);
        assert_eq!(f.marker.as_deref(), Some("*"));
        assert!(f.affiliation.contains(&"Professor".to_string()), "{f:?}");
        assert!(f.affiliation.contains(&"Institute".to_string()), "{f:?}");
        assert_eq!(
            f.stretch.as_deref(),
            Some(
                "* HK Assistant Professor, Institute for East Asian Studies, Sogang Univ. / \
                 popeyevn@sogang.ac.kr"
            )
        );
    }

    #[test]
    fn one_university_in_prose_is_not_a_footnote() {
        assert_eq!(
            footnote(
                "We surveyed 300 students at a large public University in Ohio.",
                false
            ),
            None
        );
        assert_eq!(footnote("Deep Learning for Cell Counting", true), None);
        assert_eq!(footnote("COVID-19 and the Web 2.0", true), None);
    }

    #[test]
    fn a_marker_glued_to_a_title_is_a_footnote() {
        assert!(footnote(
            "The Cultural Delegation of North Korea to North Vietnam in 1956*",
            true
        )
        .is_some());
        assert!(footnote("Relations between North Korea and Vietnam1", true).is_some());
    }

    #[test]
    fn grobid_footnote_numbers_in_titles_and_abstracts_are_markers() {
        let f = footnote(
            "Impact of Agricultural Export on Inclusive Growth in Nigeria 1 Taofik",
            true,
        )
        .expect("a marker");
        assert_eq!(f.marker.as_deref(), Some("1"));
        assert_eq!(f.stretch.as_deref(), Some("1 Taofik"));
        assert!(footnote(
            "outperforms a variety of baselines on the benchmark. 1",
            false
        )
        .is_some());
        assert!(footnote("Type 2 Diabetes in Rural Clinics", true).is_none());
        assert!(footnote("Measuring Spin-1 at the LHC", true).is_none());
        assert!(footnote("The sample held 12 cases", false).is_none());
    }

    #[test]
    fn keyword_lists_split_at_punctuation_or_repeated_spaced_dashes() {
        assert_eq!(keyword_parts("a, b; c").len(), 3);
        assert_eq!(
            keyword_parts("bibliographies - cultural analytics - citation indexes").len(),
            3
        );
        assert_eq!(keyword_parts("Ediarum - Graphen").len(), 1);
        assert_eq!(keyword_parts("text processing").len(), 1);
    }

    #[test]
    fn hyphenation_spares_suspended_hyphens() {
        assert_eq!(
            hyphenations("the foreign policy cooper- ation of the two"),
            vec!["cooper- ation"]
        );
        assert!(hyphenations("pre- and post-war relations").is_empty());
        assert!(hyphenations("North- South dialogue").is_empty());
        assert!(hyphenations("a well-known result - see below").is_empty());
    }

    #[test]
    fn paragraph_split_needs_an_open_end_and_a_lower_case_start() {
        let splits = paragraph_splits(SEED);
        assert_eq!(
            splits,
            vec![(
                "time. In some".to_string(),
                "respects, the perception of".to_string()
            )]
        );
        assert!(paragraph_splits("One sentence.\n\nanother starts low").is_empty());
        assert!(paragraph_splits("No stop\n\nBut a capital").is_empty());
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "My DOI number",
            "Guest",
            "An Author",
            "A Title",
            "$LastChangedDate$",
            "Last changed: $LastChangedDate: 2014-04-28 10:00:00 +0200 (Mon, 28 Apr 2014) $",
            "Volume",
            "this is my article title",
            "keywords_en",
            "Lorem ipsum dolor sit amet",
            "[Title]",
            "XXXX-XXXX",
            "mon sous-titre en français",
            "prenom.nom@structure.fr",
            "Nouvel Auteur",
            "keywords_2_en",
        ] {
            assert!(placeholder(p).is_some(), "{p}");
        }
        for real in [
            "Youn",
            "The Relations and Cultural Exchange",
            "10.1234/abc",
            "2019",
            "12",
            "Computer Science",
            "US$ 5 million",
            "snake_case",
            "Mon nouveau laboratoire",
            "A Title Search Engine",
            "Xerox",
            "My Life in Letters",
            "laurent.romary@inria.fr",
            "snake_case_en gb",
            "My Name Is Red",
        ] {
            assert_eq!(placeholder(real), None, "{real}");
        }
    }

    #[test]
    fn labels_left_in_values() {
        assert_eq!(
            leading_label("Abstract: This study", ABSTRACT_LABELS),
            Some("Abstract:")
        );
        assert_eq!(
            leading_label("ABSTRACT This study", ABSTRACT_LABELS),
            Some("ABSTRACT ")
        );
        assert_eq!(
            leading_label("Key words: Korea", KEYWORD_LABELS),
            Some("Key words:")
        );
        assert_eq!(
            leading_label("Abstract expressionism was", ABSTRACT_LABELS),
            None
        );
        assert_eq!(
            leading_label("Summarizing the field", ABSTRACT_LABELS),
            None
        );
    }

    #[test]
    fn locate_matches_across_source_line_breaks() {
        let src = "<abstract>\n  <p>keep a critical * HK\n  Assistant Professor</p>";
        let span = locate(src, 0, "* HK Assistant Professor").unwrap();
        assert_eq!(&src[span.start..span.end], "* HK\n  Assistant Professor");
        assert_eq!(locate(src, 0, "absent words"), None);
    }
}
