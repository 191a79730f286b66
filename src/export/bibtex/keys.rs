//! Citation keys: readable, ASCII, unique across a batch.
//!
//! A key is `auth-word-year`: the first author's family name, the first significant word
//! of the title and the year, each transliterated to lowercase ASCII letters and digits
//! (`Müller` → `muller`, `Вовчок` → `vovchok`, `ﬂ` → `fl`), joined by `-`
//! (`malinek-fostering-2023`). A missing title word or year is left out; an author part
//! that transliterates to nothing (no author, or a script without a transliteration such
//! as Japanese) is `anon`. Keys only ever contain `[a-z0-9-]`, a subset of the portable
//! `[A-Za-z0-9_:-]`.
//!
//! A key already used in the batch gets the suffix `a`, then `b`, … `z`, `aa`, … (appended
//! to a year, after a `-` otherwise), in input order: the first entry keeps the plain key,
//! so the output is the same however the batch was parallelised.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words that never make a title word for a key (articles, common prepositions and
/// conjunctions of the languages the corpus shows).
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "for", "and", "to", "with", "at", "by", "from", "as", "is",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "und", "zum", "zur", "im",
    "le", "la", "les", "l", "un", "une", "de", "du", "d", "et", "en", "au", "aux", "el", "los",
    "las", "y", "il", "lo", "gli", "i", "e", "o", "os", "as", "het", "een", "van",
];

/// The longest author or title part kept in a key, in characters.
const MAX_PART: usize = 24;

fn latin_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ŋ' => "n",
        'ħ' => "h",
        'ŧ' => "t",
        _ => return None,
    })
}

fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

fn greek_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' => "b",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => return None,
    })
}

/// The author part of a key with no author or editor at all.
pub(crate) const ANON: &str = "anon";

/// Lowercase ASCII transliteration of `s`: letters and digits kept, accents dropped,
/// Latin specials, Cyrillic and Greek by the tables above; any other letter (Han, kana,
/// Hangul, Arabic, Hebrew, Devanagari, …) by `deunicode`, its syllables run together
/// (`太宰治` → `taizaizhi`, `윤대영` → `yundaeyeong`); everything else becomes a word
/// break (a space).
pub(crate) fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Each character by its compatibility decomposition (`é` → `e`, `ﬂ` → `fl`) when
        // the tables read every part of it; else, whole, by `deunicode` (a Hangul
        // syllable is read as a syllable, not as the jamo it decomposes into).
        let mut piece = String::new();
        let mut read = true;
        for d in std::iter::once(c).nfkd().flat_map(char::to_lowercase) {
            if is_combining_mark(d) {
                continue;
            }
            match d {
                d if d.is_ascii_alphanumeric() => piece.push(d),
                d => match latin_letter(d)
                    .or_else(|| cyrillic_letter(d))
                    .or_else(|| greek_letter(d))
                {
                    Some(t) => piece.push_str(t),
                    None => {
                        read = false;
                        break;
                    }
                },
            }
        }
        if !read {
            piece = if c.is_alphanumeric() {
                deunicode::deunicode_char(c)
                    .unwrap_or_default()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase())
                    .collect()
            } else {
                String::new()
            };
            // A letter with no Latin reading (an alef) is skipped, not a word break.
            if piece.is_empty() && !c.is_alphanumeric() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                continue;
            }
        }
        out.push_str(&piece);
    }
    out
}

/// The most characters of a name or title read for a key: far more than a key part ever
/// takes, so that a 10 MB title costs no more than a short one.
const MAX_READ: usize = 512;

/// The first [`MAX_READ`] characters of `s`.
fn head(s: &str) -> &str {
    match s.char_indices().nth(MAX_READ) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(MAX_PART).collect()
}

/// The author part: a person's family name, all of it (`van der Berg` → `vanderberg`),
/// or the first significant word of a name written as one unit (`The TEI Consortium` →
/// `tei`); digits (life dates) are dropped; `anon` when nothing is left.
pub(crate) fn author_part(name: Option<&str>, whole: bool) -> String {
    let t: String = name
        .map(|n| transliterate(head(n)))
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    let words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
    let part = if whole {
        words
            .iter()
            .find(|w| !STOPWORDS.contains(w))
            .or(words.first())
            .map(|w| w.to_string())
            .unwrap_or_default()
    } else {
        words.concat()
    };
    if part.is_empty() {
        ANON.to_string()
    } else {
        truncate(&part)
    }
}

/// The title part: the first word that is not a stopword (or else the first word).
pub(crate) fn title_part(title: Option<&str>) -> Option<String> {
    let t = transliterate(head(title?));
    let words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
    let word = words
        .iter()
        .find(|w| !STOPWORDS.contains(w))
        .or(words.first())?;
    Some(truncate(word))
}

/// The base key of an entry, before de-duplication: `author[-word][-year]`.
pub(crate) fn base_key(author: &str, title: Option<&str>, year: Option<&str>) -> String {
    let mut parts = vec![author.to_string()];
    parts.extend(title_part(title));
    parts.extend(year.map(str::to_string));
    parts.join("-")
}

/// The `n`-th suffix (0-based): `a` … `z`, `aa`, `ab`, … (bijective base 26).
fn suffix(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The keys handed out so far in one batch.
#[derive(Debug, Default)]
pub(crate) struct KeyRegistry {
    used: HashSet<String>,
}

impl KeyRegistry {
    /// A key for an entry whose base key is `base`: `base` itself if unused, else `base`
    /// with the first free suffix.
    pub(crate) fn assign(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let joint = if base.ends_with(|c: char| c.is_ascii_digit()) {
            ""
        } else {
            "-"
        };
        let mut n = 0;
        loop {
            let key = format!("{base}{joint}{}", suffix(n));
            if self.used.insert(key.clone()) {
                return key;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_drops_accents_and_maps_scripts() {
        assert_eq!(transliterate("Müller"), "muller");
        assert_eq!(transliterate("Malínek"), "malinek");
        assert_eq!(transliterate("Straße Łódź"), "strasse lodz");
        assert_eq!(transliterate("Вовчок"), "vovchok");
        assert_eq!(transliterate("Ἀριστοτέλης"), "aristotelis");
        assert_eq!(transliterate("ﬂd"), "fld");
        assert_eq!(transliterate("O'Brien"), "o brien");
        assert_eq!(author_part(Some("O'Brien"), false), "obrien");
        assert_eq!(transliterate("走れメロス"), "zouremerosu");
        assert_eq!(transliterate("윤대영"), "yundaeyeong");
        assert_eq!(transliterate("ابن سينا"), "bn syn");
        // Symbols are word breaks, not letters.
        assert_eq!(transliterate("a†b"), "a b");
    }

    fn key(family: Option<&str>, title: Option<&str>, year: Option<&str>) -> String {
        base_key(&author_part(family, false), title, year)
    }

    #[test]
    fn keys_are_author_title_word_and_year() {
        assert_eq!(
            key(
                Some("Malínek"),
                Some("Fostering Collaboration"),
                Some("2023")
            ),
            "malinek-fostering-2023"
        );
        assert_eq!(
            key(Some("van der Berg"), Some("The Art of TEI"), None),
            "vanderberg-art"
        );
        assert_eq!(
            key(None, Some("L'activité"), Some("2010")),
            "anon-activite-2010"
        );
        assert_eq!(
            key(Some("太宰治"), Some("走れメロス"), None),
            "taizaizhi-zouremerosu"
        );
        assert_eq!(key(Some("X"), Some("The"), None), "x-the");
    }

    #[test]
    fn names_written_as_one_unit_give_their_first_significant_word() {
        assert_eq!(author_part(Some("The TEI Consortium"), true), "tei");
        assert_eq!(author_part(Some("Mary Ann Smith"), true), "mary");
        assert_eq!(author_part(Some("太宰治 (1909-1948)"), true), "taizaizhi");
        assert_eq!(author_part(Some("† 1948"), true), "anon");
        assert_eq!(author_part(Some("Вовчок 1833"), false), "vovchok");
    }

    #[test]
    fn keys_use_only_portable_characters() {
        let k = key(
            Some("Ἀριστοτέλης & Co_{x}"),
            Some("“Über” $100: 3D"),
            Some("2019"),
        );
        assert!(
            k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{k}"
        );
        assert_eq!(k, "aristoteliscox-uber-2019");
    }

    #[test]
    fn long_parts_are_cut() {
        let k = key(Some(&"x".repeat(100)), Some(&"y".repeat(100)), None);
        assert_eq!(k.len(), MAX_PART * 2 + 1);
    }

    #[test]
    fn suffixes_run_a_to_z_then_aa() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
        assert_eq!(suffix(26 + 26 * 26), "aaa");
    }

    #[test]
    fn clashing_keys_get_suffixes_in_order() {
        let mut r = KeyRegistry::default();
        assert_eq!(r.assign("smith-x-2019".into()), "smith-x-2019");
        assert_eq!(r.assign("smith-x-2019".into()), "smith-x-2019a");
        assert_eq!(r.assign("smith-x-2019".into()), "smith-x-2019b");
        assert_eq!(r.assign("anon".into()), "anon");
        assert_eq!(r.assign("anon".into()), "anon-a");
        // A natural key that equals an earlier suffixed one is suffixed in its turn.
        assert_eq!(r.assign("smith-x-2019a".into()), "smith-x-2019a-a");
    }
}
