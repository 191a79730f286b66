//! LaTeX escaping of BibTeX field values: pure functions from text to field text.
//!
//! Every consumer of a `.bib` file (bibtex, biber, pybtex, bibtexparser, the `biblatex`
//! crate) reads a braced value as LaTeX source, so each character that means something to
//! LaTeX is written as the command that prints it:
//!
//! | text | written as |
//! |---|---|
//! | `\` | `\textbackslash{}` |
//! | `{` `}` | `\textbraceleft{}` `\textbraceright{}` (a bare `\{` would still count toward brace balance) |
//! | `# $ % & _` | `\# \$ \% \& \_` |
//! | `~` `^` | `\textasciitilde{}` `\textasciicircum{}` |
//! | `--`, `''`, ``` `` ```, `<<`, `>>`, `,,`, ``!` ``, ``?` `` | split with `{}` so LaTeX does not make a dash, a curly quote or a guillemet of them |
//!
//! Control characters are dropped (XML cannot carry them and LaTeX cannot print them);
//! runs of white space become one space, as BibTeX itself reads them. In classic mode an
//! accented Latin letter is written as its accent macro (`ü` → `{\"u}`, `ç` → `{\c{c}}`,
//! `ß` → `{\ss}`, `ŋ` → `{\ng}`), an en or em dash as `--` or `---`, and typographic
//! punctuation as its text command (`“` → `\textquotedblleft{}`, `…` → `\dots{}`,
//! `«` → `\guillemotleft{}`); any other character stays UTF-8 (see [`unprintable`]).
//!
//! Case protection for titles ([`protect_title`]) braces only the words whose capitals a
//! sentence-casing style must not lower, never the whole title: words with a capital
//! after their first character (`{TEI}`, `{LemonizeTBX}`, `{McCarty}`), codes with a
//! capital and a digit (`{A319}`), and a lone capital inside a sentence (`Group {I}`).
//! Title-case compounds (`Record-Keeping`) and ordinary capitalised words are left alone
//! in BibLaTeX, whose styles do not change a title's case by default. Classic styles
//! (`plain`) sentence-case titles, and a proper noun cannot be told from a title-cased
//! word, so in classic mode every word with a capital after the title's first letter is
//! braced (`{North} {Korea}`, `{Lov{\'a}sz}`).

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Drops control characters and collapses every run of white space into one space,
/// trimming both ends: the form every single-line BibTeX value is written in.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if c.is_control() {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Pairs of characters that LaTeX fonts join into one glyph (`--` is an en dash, `''` a
/// closing quote, `<<` a guillemet in T1).
fn is_ligature(prev: char, next: char) -> bool {
    matches!(
        (prev, next),
        ('-', '-')
            | ('`', '`')
            | ('\'', '\'')
            | ('<', '<')
            | ('>', '>')
            | (',', ',')
            | ('!', '`')
            | ('?', '`')
    )
}

/// Escapes `s` for a braced BibTeX value; see the module documentation for the table.
/// `classic` writes accented Latin letters as LaTeX accent macros.
pub(crate) fn escape(s: &str, classic: bool) -> String {
    escape_with(s, classic, false)
}

/// Like [`escape`], for one part of a name: a comma is braced (`{,}`) so that it does not
/// split the name into parts, and `=` is written `\symbol{61}` so that neither biber nor
/// the `biblatex` crate take the name for biblatex's extended `family=…` name format.
pub(crate) fn escape_name(s: &str, classic: bool) -> String {
    escape_with(s, classic, true)
}

fn escape_with(s: &str, classic: bool, name: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let piece: String = match c {
            '\\' => "\\textbackslash{}".to_string(),
            '{' => "\\textbraceleft{}".to_string(),
            '}' => "\\textbraceright{}".to_string(),
            '#' | '$' | '%' | '&' | '_' => format!("\\{c}"),
            '~' => "\\textasciitilde{}".to_string(),
            '^' => "\\textasciicircum{}".to_string(),
            ',' if name => "{,}".to_string(),
            '=' if name => "\\symbol{61}".to_string(),
            c if c.is_whitespace() => " ".to_string(),
            c if c.is_control() => continue,
            '\u{2013}' if classic => "--".to_string(),
            '\u{2014}' if classic => "---".to_string(),
            c if classic && symbol_command(c).is_some() => {
                format!("\\{}{{}}", symbol_command(c).unwrap_or_default())
            }
            c if classic && (c.is_alphabetic() || is_combining_mark(c)) => {
                // The letter and the combining marks that follow it form one cluster.
                let start = i - 1;
                while i < chars.len() && is_combining_mark(chars[i]) {
                    i += 1;
                }
                let cluster: String = chars[start..i].iter().collect();
                match accent_macro(&cluster) {
                    Some(m) => m,
                    None => cluster,
                }
            }
            c => c.to_string(),
        };
        if let (Some(prev), Some(first)) = (last, piece.chars().next()) {
            if is_ligature(prev, first) {
                out.push_str("{}");
            }
        }
        out.push_str(&piece);
        last = piece.chars().last().or(last);
    }
    out
}

/// The LaTeX command of a combining accent, and whether it is a letter command (which
/// needs its argument braced: `\c{c}`) rather than a symbol (`\"u`).
fn accent_command(mark: char) -> Option<(&'static str, bool)> {
    Some(match mark {
        '\u{300}' => ("`", false),
        '\u{301}' => ("'", false),
        '\u{302}' => ("^", false),
        '\u{303}' => ("~", false),
        '\u{304}' => ("=", false),
        '\u{306}' => ("u", true),
        '\u{307}' => (".", false),
        '\u{308}' => ("\"", false),
        '\u{30A}' => ("r", true),
        '\u{30B}' => ("H", true),
        '\u{30C}' => ("v", true),
        '\u{323}' => ("d", true),
        '\u{327}' => ("c", true),
        '\u{328}' => ("k", true),
        _ => return None,
    })
}

/// Punctuation and symbols that pdfLaTeX prints by a text command (in the kernel, some
/// with the T1 font encoding that Latin-script documents load anyway: guillemets, the
/// low quotes).
fn symbol_command(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' => "textquotedblleft",
        '\u{201D}' => "textquotedblright",
        '\u{2018}' => "textquoteleft",
        '\u{2019}' => "textquoteright",
        '\u{201E}' => "quotedblbase",
        '\u{201A}' => "quotesinglbase",
        '«' => "guillemotleft",
        '»' => "guillemotright",
        '\u{2039}' => "guilsinglleft",
        '\u{203A}' => "guilsinglright",
        '\u{2026}' => "dots",
        '\u{2020}' => "textdagger",
        '\u{2021}' => "textdaggerdbl",
        '\u{2022}' => "textbullet",
        '·' => "textperiodcentered",
        '¡' => "textexclamdown",
        '¿' => "textquestiondown",
        'ª' => "textordfeminine",
        'º' => "textordmasculine",
        '®' => "textregistered",
        '\u{2122}' => "texttrademark",
        '©' => "copyright",
        '§' => "S",
        '¶' => "P",
        '£' => "pounds",
        _ => return None,
    })
}

/// Letters that LaTeX writes with a command of their own (`\dh`, `\dj`, `\ng`, `\th` with
/// the T1 font encoding).
fn letter_command(c: char) -> Option<&'static str> {
    Some(match c {
        'ð' => "dh",
        'Ð' => "DH",
        'đ' => "dj",
        'Đ' => "DJ",
        'ŋ' => "ng",
        'Ŋ' => "NG",
        'þ' => "th",
        'Þ' => "TH",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'ı' => "i",
        _ => return None,
    })
}

/// The classic-BibTeX form of one letter with its combining marks (`{\"u}`,
/// `{\^{\d{e}}}`), or `None` when LaTeX has no macro for it (the cluster is then kept as
/// UTF-8).
pub(crate) fn accent_macro(cluster: &str) -> Option<String> {
    let decomposed: Vec<char> = cluster.nfd().collect();
    let (&base, marks) = decomposed.split_first()?;
    if marks.is_empty() {
        return letter_command(base).map(|cmd| format!("{{\\{cmd}}}"));
    }
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let mut s = base.to_string();
    for &mark in marks {
        let (cmd, letter) = accent_command(mark)?;
        s = if letter || s.chars().count() != 1 {
            format!("\\{cmd}{{{s}}}")
        } else {
            format!("\\{cmd}{s}")
        };
    }
    Some(format!("{{{s}}}"))
}

/// True for a character that pdfLaTeX's `inputenc` reads as UTF-8 with the Latin font
/// encodings (T1 and the text companion TS1, which LaTeX loads itself): the Latin-1 range
/// (`±`, `°`, `µ`, `×`, `½` …), Latin Extended-A but for `ĸ`, `ŉ` and `ſ`, and the
/// punctuation and symbols LaTeX declares (`€`, `‰`, `™`, `№`, `℃`, arrows, the minus).
fn inputenc_reads(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{ff}'
        | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201c}'
        | '\u{201d}' | '\u{201e}' | '\u{2020}' | '\u{2021}' | '\u{2022}' | '\u{2026}'
        | '\u{2030}' | '\u{2039}' | '\u{203a}' | '\u{20ac}' | '\u{2103}' | '\u{2116}'
        | '\u{2122}' | '\u{2190}'..='\u{2193}' | '\u{2212}')
        || (('\u{100}'..='\u{17f}').contains(&c) && !matches!(c, '\u{138}' | '\u{149}' | '\u{17f}'))
}

/// The characters of classic-mode field text (already escaped) that pdfLaTeX with
/// `inputenc` cannot print with the Latin font encodings (OT1, T1, TS1): what is left
/// beyond ASCII once every macro above is written and but for what `inputenc` reads
/// itself (Cyrillic, Greek, CJK, Arabic, a combining mark without a macro …), each with
/// the combining marks that follow it, each once, in order of appearance.
pub(crate) fn unprintable(escaped: &str) -> Vec<String> {
    let mut clusters: Vec<String> = Vec::new();
    if escaped.is_ascii() {
        return clusters;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    // Each cluster is a character and the combining marks after it: `start..end`.
    let mut start = 0;
    let bounds = escaped
        .char_indices()
        .filter(|&(_, c)| !is_combining_mark(c))
        .map(|(i, _)| i)
        .skip(1)
        .chain(std::iter::once(escaped.len()));
    for end in bounds {
        let cluster = &escaped[start..end];
        start = end;
        let readable = cluster.chars().all(|c| c.is_ascii() || inputenc_reads(c));
        if !readable && seen.insert(cluster) {
            clusters.push(cluster.to_string());
        }
    }
    clusters
}

/// Wraps already-escaped text in one brace group. A group that starts with a backslash is
/// a "special character" to BibTeX (its letters are case-changed and it counts as one
/// letter), so such content gets an empty group in front.
pub(crate) fn brace(escaped: &str) -> String {
    if escaped.starts_with('\\') {
        format!("{{{{}}{escaped}}}")
    } else {
        format!("{{{escaped}}}")
    }
}

/// True when a word (its letters and digits, without surrounding punctuation) has
/// capitals that a sentence-casing style must not lower: a part (between `-`, `/` or an
/// apostrophe) with a capital after its first character (`TEI`, `LemonizeTBX`,
/// `McCarty's`, `OntoLex-Lemon`), or with both a capital and a digit (`A319`, `H2O`).
/// Title-case compounds (`Record-Keeping`, `Read/Write`) are left alone.
pub(crate) fn needs_case_protection(word: &str) -> bool {
    word.split(['-', '\u{2010}', '/', '\'', '\u{2019}'])
        .any(|part| {
            let inner = part.chars().skip(1).any(char::is_uppercase);
            let code =
                part.chars().any(char::is_uppercase) && part.chars().any(|c| c.is_ascii_digit());
            inner || code
        })
}

/// A lone capital letter (`Group I`, `Vitamin D`, the pronoun `I`).
fn is_lone_capital(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Escapes a title (already [`clean`]ed), bracing the words that need their capitals
/// protected. Leading and trailing punctuation stays outside the braces (`{LemonizeTBX}:`).
///
/// In `classic` mode every word that carries a capital after the title's first letter is
/// braced too (`Refugees from {North} {Korea} in {Laos}`): classic styles such as `plain`
/// sentence-case titles, and a proper noun cannot be told from a title-cased word, so
/// each capital the title has is kept.
pub(crate) fn protect_title(s: &str, classic: bool) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    // A word that starts the title or follows `:`, `.`, `?` or `!` starts a sentence,
    // whose capital every style keeps or sets itself.
    let mut sentence_start = true;
    for (n, word) in s.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let starts_sentence =
            std::mem::replace(&mut sentence_start, word.ends_with([':', '.', '?', '!']));
        let Some(start) = word.find(char::is_alphanumeric) else {
            out.push_str(&escape(word, classic));
            continue;
        };
        // The core runs to the last letter or digit and the combining marks after it.
        let mut end = start;
        for (i, c) in word.char_indices().skip_while(|&(i, _)| i < start) {
            if c.is_alphanumeric() || (end > start && is_combining_mark(c)) {
                end = i + c.len_utf8();
            }
        }
        let core = &word[start..end];
        // Classic: any capital after the title's first letter (`Read/{Write}` would be
        // lowered too: the first word is braced when a later letter of it is a capital).
        let capital_after_first = classic
            && if n == 0 {
                core.chars().skip(1).any(char::is_uppercase)
            } else {
                core.chars().any(char::is_uppercase)
            };
        if needs_case_protection(core)
            || (!starts_sentence && is_lone_capital(core))
            || capital_after_first
        {
            out.push_str(&escape(&word[..start], classic));
            out.push_str(&brace(&escape(core, classic)));
            out.push_str(&escape(&word[end..], classic));
        } else {
            out.push_str(&escape(word, classic));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_written_as_the_commands_that_print_them() {
        assert_eq!(escape(r"a\b", false), r"a\textbackslash{}b");
        assert_eq!(escape("# $ % & _", false), r"\# \$ \% \& \_");
        assert_eq!(escape("~^", false), r"\textasciitilde{}\textasciicircum{}");
        assert_eq!(escape("{x", false), r"\textbraceleft{}x");
        assert_eq!(escape("x}", false), r"x\textbraceright{}");
        // Even a balanced pair is text, not LaTeX grouping.
        assert_eq!(escape("{x}", false), r"\textbraceleft{}x\textbraceright{}");
    }

    #[test]
    fn plain_text_and_non_latin_scripts_pass_through() {
        assert_eq!(
            escape("Plain text, “quoted” – ok.", false),
            "Plain text, “quoted” – ok."
        );
        assert_eq!(
            escape("走れメロス אָנהאַלטן Козачка", false),
            "走れメロス אָנהאַלטן Козачка"
        );
        assert_eq!(escape("Müller", false), "Müller");
    }

    #[test]
    fn ligature_pairs_are_split() {
        assert_eq!(escape("a--b", false), "a-{}-b");
        assert_eq!(escape("a---b", false), "a-{}-{}-b");
        assert_eq!(escape("''x``", false), "'{}'x`{}`");
        assert_eq!(escape("<<x>>", false), "<{}<x>{}>");
        assert_eq!(escape(",,!`?`", false), ",{},!{}`?{}`");
        assert_eq!(escape("a-b", false), "a-b");
    }

    #[test]
    fn control_characters_are_dropped_and_white_space_collapsed() {
        assert_eq!(clean("  a\u{1}b \t\n c\u{7f}  "), "ab c");
        assert_eq!(clean("\n\n"), "");
        assert_eq!(escape("a\u{0}b", false), "ab");
    }

    #[test]
    fn name_parts_brace_commas_and_hide_equals_signs() {
        assert_eq!(escape_name("Smith, Jones", false), "Smith{,} Jones");
        assert_eq!(escape_name("family=X", false), r"family\symbol{61}X");
        assert_eq!(escape("a,b=c", false), "a,b=c");
    }

    #[test]
    fn classic_mode_writes_accent_macros() {
        assert_eq!(escape("Müller", true), r#"M{\"u}ller"#);
        assert_eq!(escape("Ça", true), r"{\c{C}}a");
        assert_eq!(escape("Straße", true), r"Stra{\ss}e");
        assert_eq!(
            escape("Vojtěch Malínek", true),
            r"Vojt{\v{e}}ch Mal{\'i}nek"
        );
        assert_eq!(escape("ệ", true), r"{\^{\d{e}}}");
        // A decomposed letter is one cluster too.
        assert_eq!(escape("e\u{301}", true), r"{\'e}");
        assert_eq!(escape("Łódź", true), r"{\L}{\'o}d{\'z}");
    }

    #[test]
    fn classic_mode_keeps_what_has_no_macro() {
        assert_eq!(escape("Козачка", true), "Козачка");
        assert_eq!(escape("走れ", true), "走れ");
        // Hebrew points stay on their letter, byte for byte.
        assert_eq!(escape("אָנ", true), "אָנ");
        assert_eq!(
            unprintable(&escape("Ко ко 走", true)),
            ["К", "о", "к", "走"]
        );
        // A letter with a mark that has no macro is one cluster.
        assert_eq!(unprintable(&escape("xa\u{30d}", true)), ["a\u{30d}"]);
        assert!(unprintable(&escape("Müller – “ŋ…”", true)).is_empty());
        // What inputenc reads as UTF-8 is not reported.
        assert!(unprintable(&escape("±3 °C, 5 µm, 20 € ‰ ™", true)).is_empty());
        assert_eq!(unprintable(&escape("± ĸ", true)), ["ĸ"]);
    }

    #[test]
    fn classic_mode_writes_dashes_and_typographic_punctuation_as_latex_reads_them() {
        assert_eq!(escape("1914–1918 — a war", true), "1914--1918 --- a war");
        assert_eq!(escape("—–-", true), "---{}--{}-");
        assert_eq!(
            escape("“Laos” ‘x’ «oui» „ja“ …", true),
            r"\textquotedblleft{}Laos\textquotedblright{} \textquoteleft{}x\textquoteright{} \guillemotleft{}oui\guillemotright{} \quotedblbase{}ja\textquotedblleft{} \dots{}"
        );
        assert_eq!(escape("ŋ Þ đ", true), r"{\ng} {\TH} {\dj}");
        // BibLaTeX keeps UTF-8.
        assert_eq!(escape("1914–1918 “x”", false), "1914–1918 “x”");
    }

    #[test]
    fn titles_protect_only_words_with_inner_capitals() {
        assert_eq!(
            protect_title("LemonizeTBX: Design of a New Converter from TBX", false),
            "{LemonizeTBX}: Design of a New Converter from {TBX}"
        );
        assert_eq!(
            protect_title("A review of McCarty's work", false),
            "A review of {McCarty's} work"
        );
        assert_eq!(protect_title("(OntoLex-Lemon)", false), "({OntoLex-Lemon})");
        assert_eq!(
            protect_title("Record-Keeping in Read/Write Books", false),
            "Record-Keeping in Read/Write Books"
        );
        assert_eq!(
            protect_title("Spin-1 and COVID-19 in A319 H2O", false),
            "Spin-1 and {COVID-19} in {A319} {H2O}"
        );
        assert_eq!(
            protect_title("A Group I Archaeon: A Vitamin D Study", false),
            "A Group {I} Archaeon: A Vitamin {D} Study"
        );
        assert_eq!(protect_title("Plain Title Case", false), "Plain Title Case");
        assert_eq!(protect_title("R&D in 3D", false), r"{R\&D} in {3D}");
        assert_eq!(protect_title("ÜBER", true), r#"{{\"U}BER}"#);
        assert_eq!(protect_title("走れメロス", false), "走れメロス");
        assert_eq!(protect_title("-- x", false), "-{}- x");
    }

    #[test]
    fn classic_titles_brace_every_capitalised_word_after_the_first() {
        assert_eq!(
            protect_title("Refugees from North Korea in Laos: a study", true),
            "Refugees from {North} {Korea} in {Laos}: a study"
        );
        assert_eq!(
            protect_title("On the Lovász theta function", true),
            r"On the {Lov{\'a}sz} theta function"
        );
        assert_eq!(
            protect_title("Évian and Évian", true),
            r"{\'E}vian and {{\'E}vian}"
        );
        // A capital inside the first word (a title-case compound) is kept too.
        assert_eq!(
            protect_title("Read/Write Book", true),
            "{Read/Write} {Book}"
        );
        assert_eq!(protect_title("Read/Write Book", false), "Read/Write Book");
        // BibLaTeX leaves them alone.
        assert_eq!(
            protect_title("Refugees from North Korea in Laos", false),
            "Refugees from North Korea in Laos"
        );
    }

    #[test]
    fn a_group_starting_with_a_command_is_not_a_special_character() {
        assert_eq!(brace("abc"), "{abc}");
        assert_eq!(brace(r"\textbackslash{}x"), r"{{}\textbackslash{}x}");
    }
}
