//! A deterministic corpus of GROBID-shaped TEI files for the benchmarks: full text with
//! sections, paragraphs, citations, figures and tables, a reference list of 15 to 70
//! `biblStruct`s, and a header as a hand encoder writes it (journal, ISSN, DOI, dates,
//! keywords, ORCID iDs with valid check digits), with authors named in Latin, CJK,
//! Cyrillic and Arabic scripts. Files are 30–80 kB, like real GROBID output.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR N [SEED]
//! ```
//!
//! The same N and SEED always give the same bytes; nothing is fetched, nothing committed.

use std::fmt::Write as _;
use std::path::Path;

/// A small seeded generator (SplitMix64): deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator for one seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.range(1, 100) <= percent
    }
}

const WORDS: &[&str] = &[
    "analysis",
    "archive",
    "approach",
    "between",
    "coastal",
    "colonial",
    "community",
    "comparison",
    "context",
    "data",
    "debate",
    "development",
    "distribution",
    "economic",
    "effect",
    "evidence",
    "export",
    "framework",
    "growth",
    "historical",
    "impact",
    "institutions",
    "labour",
    "land",
    "local",
    "market",
    "measure",
    "method",
    "model",
    "network",
    "observed",
    "period",
    "policy",
    "population",
    "practice",
    "production",
    "records",
    "regional",
    "relationship",
    "results",
    "rural",
    "sample",
    "sector",
    "significant",
    "social",
    "source",
    "structure",
    "study",
    "survey",
    "system",
    "table",
    "theory",
    "trade",
    "urban",
    "variable",
    "village",
    "water",
    "within",
    "years",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "is",
    "that",
    "for",
    "on",
    "as",
    "with",
    "by",
    "was",
    "were",
    "this",
    "are",
    "from",
    "at",
    "which",
    "be",
    "these",
    "their",
    "has",
    "not",
    "also",
    "more",
    "than",
    "over",
    "both",
    "such",
    "its",
    "into",
    "only",
    "under",
];
const LATIN_FORENAMES: &[&str] = &[
    "Ada",
    "Tomás",
    "Mohammed",
    "Ngozi",
    "Lucía",
    "François",
    "Søren",
    "Zoë",
    "Łukasz",
    "Ana",
    "Pedro",
    "Heya",
    "Maria",
    "Jan",
    "Amélie",
    "Taofik",
    "Ingrid",
    "Rui",
];
const LATIN_SURNAMES: &[&str] = &[
    "Lovelace",
    "Ferreira",
    "Ibrahim",
    "Okafor",
    "García-Márquez",
    "Dupont",
    "Kierkegaard",
    "Müller",
    "Nowak",
    "O'Brien",
    "van der Berg",
    "Adeyemi",
    "Carrillo Parra",
    "Smith",
];
const CJK_NAMES: &[(&str, &str)] = &[
    ("美来", "韓"),
    ("伟", "王"),
    ("秀英", "李"),
    ("太郎", "山田"),
    ("花子", "佐藤"),
    ("민준", "김"),
    ("서연", "이"),
    ("建国", "张"),
    ("直樹", "鈴木"),
    ("지우", "박"),
];
const CYRILLIC_NAMES: &[(&str, &str)] = &[
    ("Анна", "Иванова"),
    ("Дмитрий", "Смирнов"),
    ("Ольга", "Кузнецова"),
    ("Сергей", "Попов"),
    ("Ирина", "Соколова"),
    ("Олександр", "Шевченко"),
];
const ARABIC_NAMES: &[(&str, &str)] = &[
    ("محمد", "العلي"),
    ("فاطمة", "الزهراء"),
    ("أحمد", "حسن"),
    ("ليلى", "منصور"),
    ("يوسف", "الخطيب"),
    ("مريم", "القاسم"),
];
const INSTITUTIONS: &[&str] = &[
    "Ahmadu Bello University",
    "Universidad Juárez del Estado de Durango",
    "Seoul National University",
    "Московский государственный университет",
    "جامعة القاهرة",
    "東京大学",
    "Maritime Archive of Lisbon",
    "University of Zaria",
    "Institut d'Études Politiques",
    "Max-Planck-Institut für Geschichte",
];
const COUNTRIES: &[(&str, &str)] = &[
    ("NG", "Nigeria"),
    ("MX", "Mexico"),
    ("KR", "Korea"),
    ("RU", "Russia"),
    ("EG", "Egypt"),
    ("JP", "Japan"),
    ("PT", "Portugal"),
    ("FR", "France"),
    ("DE", "Germany"),
];
const JOURNALS: &[&str] = &[
    "Journal of Coastal History",
    "Public Policy and Administration Research",
    "Вестник экономической истории",
    "Revista de Ciencias Forestales",
    "Journal of Agricultural Economics & Development",
    "社会経済史学",
];
const SECTIONS: &[&str] = &[
    "Introduction",
    "Literature Review",
    "Theoretical framework and Methodology",
    "Data",
    "Results",
    "Discussion",
    "Robustness checks",
    "Conclusion",
];
const NON_LATIN_TITLES: &[(&str, &str)] = &[
    (
        "ru",
        "Экспорт сельскохозяйственной продукции и инклюзивный рост",
    ),
    ("zh", "农业出口与包容性增长的实证研究"),
    ("ar", "أثر الصادرات الزراعية على النمو الشامل"),
    ("ja", "沿岸村落における潮汐表の記録"),
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn title(rng: &mut Rng) -> String {
    let n = rng.range(5, 12);
    let s = sentence(rng, n);
    s.trim_end_matches('.').to_string()
}

/// An ORCID iD with its ISO 7064 11,2 check digit.
fn orcid(rng: &mut Rng) -> String {
    let digits: Vec<u32> = (0..15)
        .map(|i| if i == 0 { 0 } else { rng.range(0, 9) as u32 })
        .collect();
    let mut total = 0u32;
    for d in &digits {
        total = (total + d) * 2;
    }
    let s = with_check(&digits, (12 - total % 11) % 11);
    format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
}

/// An ISSN with its check digit.
fn issn(rng: &mut Rng) -> String {
    let digits: Vec<u32> = (0..7).map(|_| rng.range(0, 9) as u32).collect();
    let sum: u32 = digits.iter().zip((2..=8).rev()).map(|(d, w)| d * w).sum();
    let s = with_check(&digits, (11 - sum % 11) % 11);
    format!("{}-{}", &s[0..4], &s[4..8])
}

/// The digits followed by a mod-11 check digit (`X` for 10).
fn with_check(digits: &[u32], check: u32) -> String {
    let mut s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    s.push(if check == 10 {
        'X'
    } else {
        char::from(b'0' + check as u8)
    });
    s
}

/// A (forename, surname) pair in one of the scripts.
fn name(rng: &mut Rng) -> (String, String) {
    let (f, s) = match rng.range(0, 9) {
        0 | 1 => CJK_NAMES[rng.range(0, CJK_NAMES.len() - 1)],
        2 => CYRILLIC_NAMES[rng.range(0, CYRILLIC_NAMES.len() - 1)],
        3 => ARABIC_NAMES[rng.range(0, ARABIC_NAMES.len() - 1)],
        _ => (rng.pick(LATIN_FORENAMES), rng.pick(LATIN_SURNAMES)),
    };
    (f.to_string(), s.to_string())
}

fn pers_name(out: &mut String, indent: &str, rng: &mut Rng) {
    let (f, s) = name(rng);
    let _ = writeln!(
        out,
        "{indent}<persName><forename type=\"first\">{}</forename><surname>{}</surname></persName>",
        esc(&f),
        esc(&s)
    );
}

fn paragraph(rng: &mut Rng, refs: usize) -> String {
    let mut p = String::from("<p>");
    for _ in 0..rng.range(3, 8) {
        let n = rng.range(10, 28);
        p.push_str(&esc(&sentence(rng, n)));
        if refs > 0 && rng.chance(40) {
            let b = rng.range(0, refs - 1);
            let (_, s) = name(rng);
            let _ = write!(
                p,
                " <ref type=\"bibr\" target=\"#b{b}\">({}, {})</ref>",
                esc(&s),
                rng.range(1950, 2024)
            );
        }
        if rng.chance(8) {
            p.push_str(" <formula>Y = α + β X + ε</formula>");
        }
        p.push(' ');
    }
    p.push_str("</p>");
    p
}

/// One GROBID-shaped TEI document, number `i` of the corpus seeded with `seed`.
pub fn document(seed: u64, i: usize) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let mut d = String::with_capacity(64 * 1024);
    let title_main = title(&mut rng);
    let n_refs = rng.range(15, 70);
    let n_authors = rng.range(1, 8);
    let lang_title = NON_LATIN_TITLES[rng.range(0, NON_LATIN_TITLES.len() - 1)];
    d.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<TEI xml:space=\"preserve\" xmlns=\"http://www.tei-c.org/ns/1.0\" \n",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \n",
        "xsi:schemaLocation=\"http://www.tei-c.org/ns/1.0 https://raw.githubusercontent.com/kermitt2/grobid/master/grobid-home/schemas/xsd/Grobid.xsd\"\n",
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n",
        "\t<teiHeader xml:lang=\"en\">\n\t\t<fileDesc>\n\t\t\t<titleStmt>\n",
    ));
    let _ = writeln!(
        d,
        "\t\t\t\t<title level=\"a\" type=\"main\">{}</title>",
        esc(&title_main)
    );
    let _ = writeln!(
        d,
        "\t\t\t\t<title type=\"alt\" xml:lang=\"{}\">{}</title>",
        lang_title.0, lang_title.1
    );
    d.push_str("\t\t\t</titleStmt>\n\t\t\t<publicationStmt>\n");
    let journal = rng.pick(JOURNALS);
    let _ = writeln!(
        d,
        "\t\t\t\t<publisher>{} Press</publisher>",
        esc(rng.pick(INSTITUTIONS))
    );
    let year = rng.range(1995, 2025);
    let (month, day) = (rng.range(1, 12), rng.range(1, 28));
    let _ = writeln!(
        d,
        "\t\t\t\t<availability status=\"unknown\"><licence/></availability>\n\t\t\t\t<date type=\"published\" when=\"{year}-{month:02}-{day:02}\">{day} {month} {year}</date>"
    );
    d.push_str("\t\t\t</publicationStmt>\n\t\t\t<sourceDesc>\n\t\t\t\t<biblStruct>\n\t\t\t\t\t<analytic>\n");
    for a in 0..n_authors {
        d.push_str(if a == 0 {
            "\t\t\t\t\t\t<author role=\"corresp\">\n"
        } else {
            "\t\t\t\t\t\t<author>\n"
        });
        pers_name(&mut d, "\t\t\t\t\t\t\t", &mut rng);
        let _ = writeln!(d, "\t\t\t\t\t\t\t<email>author{a}.{i}@example.org</email>");
        let _ = writeln!(
            d,
            "\t\t\t\t\t\t\t<idno type=\"ORCID\">{}</idno>",
            orcid(&mut rng)
        );
        let (code, country) = COUNTRIES[rng.range(0, COUNTRIES.len() - 1)];
        let _ = write!(
            d,
            "\t\t\t\t\t\t\t<affiliation key=\"aff{a}\">\n\t\t\t\t\t\t\t\t<orgName type=\"department\">Department of {}</orgName>\n\t\t\t\t\t\t\t\t<orgName type=\"institution\">{}</orgName>\n\t\t\t\t\t\t\t\t<address>\n\t\t\t\t\t\t\t\t\t<settlement>{}</settlement>\n\t\t\t\t\t\t\t\t\t<country key=\"{code}\">{country}</country>\n\t\t\t\t\t\t\t\t</address>\n\t\t\t\t\t\t\t</affiliation>\n",
            esc(&title(&mut rng)),
            esc(rng.pick(INSTITUTIONS)),
            esc(rng.pick(LATIN_SURNAMES))
        );
        d.push_str("\t\t\t\t\t\t</author>\n");
    }
    let _ = writeln!(
        d,
        "\t\t\t\t\t\t<title level=\"a\" type=\"main\">{}</title>",
        esc(&title_main)
    );
    d.push_str("\t\t\t\t\t</analytic>\n\t\t\t\t\t<monogr>\n");
    let _ = writeln!(
        d,
        "\t\t\t\t\t\t<title level=\"j\" type=\"main\">{}</title>",
        esc(journal)
    );
    let _ = writeln!(
        d,
        "\t\t\t\t\t\t<idno type=\"ISSN\">{}</idno>",
        issn(&mut rng)
    );
    let _ = writeln!(
        d,
        "\t\t\t\t\t\t<idno type=\"eISSN\">{}</idno>",
        issn(&mut rng)
    );
    let first = rng.range(1, 400);
    let _ = write!(
        d,
        "\t\t\t\t\t\t<imprint>\n\t\t\t\t\t\t\t<biblScope unit=\"volume\">{}</biblScope>\n\t\t\t\t\t\t\t<biblScope unit=\"issue\">{}</biblScope>\n\t\t\t\t\t\t\t<biblScope unit=\"page\" from=\"{first}\" to=\"{}\"/>\n\t\t\t\t\t\t\t<date type=\"published\" when=\"{year}-{month:02}-{day:02}\"/>\n\t\t\t\t\t\t</imprint>\n\t\t\t\t\t</monogr>\n",
        rng.range(1, 60),
        rng.range(1, 12),
        first + rng.range(8, 40)
    );
    let _ = write!(
        d,
        "\t\t\t\t\t<idno type=\"DOI\">10.{}/gen.{year}.{i}</idno>\n\t\t\t\t\t<idno type=\"MD5\">{:016X}{:016X}</idno>\n",
        rng.range(1000, 99999),
        rng.next(),
        rng.next()
    );
    d.push_str("\t\t\t\t</biblStruct>\n\t\t\t</sourceDesc>\n\t\t</fileDesc>\n");
    d.push_str("\t\t<encodingDesc>\n\t\t\t<appInfo>\n\t\t\t\t<application version=\"0.8.2\" ident=\"GROBID\" when=\"2025-01-30T23:15+0000\">\n\t\t\t\t\t<desc>GROBID - A machine learning software for extracting information from scholarly documents</desc>\n\t\t\t\t\t<ref target=\"https://github.com/kermitt2/grobid\"/>\n\t\t\t\t</application>\n\t\t\t</appInfo>\n\t\t</encodingDesc>\n");
    d.push_str("\t\t<profileDesc>\n\t\t\t<langUsage>\n\t\t\t\t<language ident=\"en\">English</language>\n\t\t\t</langUsage>\n\t\t\t<textClass>\n\t\t\t\t<keywords>\n");
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(
            d,
            "\t\t\t\t\t<term>{} {}</term>",
            rng.pick(WORDS),
            rng.pick(WORDS)
        );
    }
    d.push_str("\t\t\t\t</keywords>\n\t\t\t</textClass>\n\t\t\t<abstract>\n<div xmlns=\"http://www.tei-c.org/ns/1.0\">");
    for _ in 0..rng.range(1, 2) {
        d.push_str(&paragraph(&mut rng, n_refs));
    }
    d.push_str("</div>\n\t\t\t</abstract>\n\t\t</profileDesc>\n\t</teiHeader>\n\t<text xml:lang=\"en\">\n\t\t<body>\n");
    let n_sections = rng.range(4, 8);
    for (s, head) in SECTIONS.iter().take(n_sections).enumerate() {
        let _ = write!(
            d,
            "<div xmlns=\"http://www.tei-c.org/ns/1.0\"><head n=\"{}.\">{head}</head>",
            s + 1
        );
        for _ in 0..rng.range(2, 6) {
            d.push_str(&paragraph(&mut rng, n_refs));
        }
        d.push_str("</div>\n");
    }
    for t in 0..rng.range(1, 4) {
        let _ = write!(
            d,
            "<figure xmlns=\"http://www.tei-c.org/ns/1.0\" type=\"table\" xml:id=\"tab_{t}\"><head>Table {} : {}</head><label>{}</label><figDesc></figDesc><table>",
            t + 1,
            esc(&title(&mut rng)),
            t + 1
        );
        for _ in 0..rng.range(3, 10) {
            d.push_str("<row>");
            for _ in 0..rng.range(2, 6) {
                let _ = write!(
                    d,
                    "<cell>{}.{:03}</cell>",
                    rng.range(0, 99),
                    rng.range(0, 999)
                );
            }
            d.push_str("</row>");
        }
        d.push_str("</table></figure>\n");
    }
    d.push_str(
        "\t\t</body>\n\t\t<back>\n\t\t\t<div type=\"references\">\n\n\t\t\t\t<listBibl>\n\n",
    );
    for b in 0..n_refs {
        let _ = write!(
            d,
            "<biblStruct xml:id=\"b{b}\">\n\t<analytic>\n\t\t<title level=\"a\" type=\"main\">{}</title>\n",
            esc(&title(&mut rng))
        );
        for _ in 0..rng.range(1, 4) {
            d.push_str("\t\t<author>\n");
            pers_name(&mut d, "\t\t\t", &mut rng);
            d.push_str("\t\t</author>\n");
        }
        let ry = rng.range(1950, 2024);
        let from = rng.range(1, 900);
        let _ = write!(
            d,
            "\t</analytic>\n\t<monogr>\n\t\t<title level=\"j\">{}</title>\n\t\t<imprint>\n\t\t\t<biblScope unit=\"volume\">{}</biblScope>\n\t\t\t<biblScope unit=\"issue\">{}</biblScope>\n\t\t\t<biblScope unit=\"page\" from=\"{from}\" to=\"{}\" />\n\t\t\t<date type=\"published\" when=\"{ry}\">{ry}</date>\n\t\t</imprint>\n\t</monogr>\n",
            esc(rng.pick(JOURNALS)),
            rng.range(1, 80),
            rng.range(1, 12),
            from + rng.range(5, 40)
        );
        if rng.chance(50) {
            let _ = writeln!(
                d,
                "\t<idno type=\"DOI\">10.{}/ref.{ry}.{b}</idno>",
                rng.range(1000, 9999)
            );
        }
        d.push_str("</biblStruct>\n\n");
    }
    d.push_str("\t\t\t\t</listBibl>\n\t\t\t</div>\n\t\t</back>\n\t</text>\n</TEI>\n");
    d
}

/// Writes `n` files into `dir` (created), named `gen-000000.tei.xml` and on.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0u64;
    for i in 0..n {
        let doc = document(seed, i);
        bytes += doc.len() as u64;
        std::fs::write(dir.join(format!("gen-{i:06}.tei.xml")), doc)?;
    }
    Ok(bytes)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: gen_corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match write_corpus(Path::new(dir), n, seed) {
        Ok(bytes) => eprintln!("{dir}: {n} files, {bytes} bytes (seed {seed})"),
        Err(e) => {
            eprintln!("gen_corpus: cannot write {dir}: {e}");
            std::process::exit(2);
        }
    }
}
