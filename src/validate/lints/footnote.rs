//! Footnote text swept into a title or an abstract: an author's email address,
//! affiliation words ("Assistant Professor, Institute for …"), a footnote marker (`*`,
//! `†`, a superscript or trailing digit glued to a title's end) or URLs.
//!
//! Lets pass: one affiliation word in ordinary prose ("students at a large public
//! University"), numbers that follow a word that takes them ("Part 2", "Type 1
//! Diabetes", "Spin-1"), numbers inside sentences, and a URL that is part of a sentence
//! ("the data are available at https://…", "our code: https://…"). A URL standing apart
//! (after a full stop, at the start, next to an email address) is reported, more gently
//! when it is the only sign (the authors may have written it).

use super::quoted_list;
use crate::model::Text;
use crate::validate::{Code, Sink};

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
    /// Where `stretch` is in the text (byte range).
    stretch_at: Option<std::ops::Range<usize>>,
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

/// True when the token at `i` (a URL) is part of a sentence: the word before it is
/// running prose, a word ending in a lower-case letter, perhaps with a colon ("available
/// at https://…", "the code: https://…", "see (https://…)"). A URL after a full stop, at
/// the start of the text or after a marker, a capital or a number stands apart, as a
/// footnote line does.
fn in_sentence(tokens: &[(usize, &str)], i: usize) -> bool {
    let Some(&(_, prev)) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return false;
    };
    prev.trim_end_matches(':')
        .chars()
        .last()
        .is_some_and(char::is_lowercase)
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
    // URLs inside a sentence: footnote signs only next to another sign (not a URL).
    let mut prose_urls: Vec<(usize, usize, &str)> = Vec::new();
    let mut url_signs: Vec<(usize, usize)> = Vec::new();
    for (i, &(at, raw)) in tokens.iter().enumerate() {
        let t = trim_token(raw);
        if looks_like_email(t) {
            found.emails.push(t.to_string());
            signs.push((at, at + raw.len()));
        } else if looks_like_url(t) && in_sentence(&tokens, i) {
            prose_urls.push((at, at + raw.len(), t));
        } else if looks_like_url(t) {
            found.urls.push(t.to_string());
            signs.push((at, at + raw.len()));
            url_signs.push((at, at + raw.len()));
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
    let near: Vec<(usize, usize, &str)> = prose_urls
        .into_iter()
        .filter(|&(s, e, _)| {
            signs
                .iter()
                .filter(|sign| !url_signs.contains(sign))
                .any(|&(s2, e2)| s.abs_diff(e2) <= 120 || s2.abs_diff(e) <= 120)
        })
        .collect();
    for (s, e, t) in near {
        found.urls.push(t.to_string());
        signs.push((s, e));
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
    found.stretch_at = Some(start..end);
    Some(found)
}

pub(super) fn check(value: &Text, what: &str, sink: &mut Sink<'_>) {
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
    let at = f.stretch_at.and_then(|r| value.anchors.span_of(r));
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

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::SEED;

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
    fn a_url_in_a_sentence_is_prose_and_one_standing_apart_is_a_footnote() {
        assert_eq!(
            footnote(
                "The corpus and the code are available at https://github.com/example/corpus \
                 under an open licence.",
                false
            ),
            None
        );
        assert_eq!(
            footnote(
                "Our annotation guidelines: https://example.org/guide.",
                false
            ),
            None
        );
        assert_eq!(
            footnote("We release the data (https://example.org/data).", false),
            None
        );
        let apart = footnote(
            "We compare three parsers on the benchmark. https://example.org/project",
            false,
        )
        .expect("a URL after the last sentence");
        assert_eq!(apart.urls, vec!["https://example.org/project"]);
        let line = footnote(
            "Results hold for both corpora. * Project page https://example.org/p \
             jane@example.org",
            false,
        )
        .expect("a footnote line");
        assert_eq!(line.urls, vec!["https://example.org/p"]);
        assert_eq!(line.emails, vec!["jane@example.org"]);
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
}
