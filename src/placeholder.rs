//! Template placeholders and unexpanded tokens left as metadata: "My DOI number",
//! "Guest", "\[Title\]", "XXXX-XXXX", "prenom.nom@structure.fr", "keywords_en", lorem
//! ipsum, `$LastChangedDate$`.
//!
//! A pure predicate on one value, shared by the validator (which reports such values as
//! `tei::lint::placeholder`) and the exporters (which do not write them as identifiers),
//! so that the two agree without an exporter importing `validate`.
//!
//! Lets pass: real values that merely start like a template ("My Name Is Red", "A Title
//! Search Engine" — title case marks a real title), dollar amounts ("US$ 5 million"),
//! snake_case words without a language suffix, and real addresses.

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
pub fn placeholder(value: &str) -> Option<&'static str> {
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
pub fn version_control_token(v: &str) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
