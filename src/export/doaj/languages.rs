//! ISO 639-1 and 639-2/T codes to the ISO 639-2/B codes DOAJ takes.
//!
//! Generated from Debian's iso-codes (`iso_639-2.json`: `alpha_2`, `alpha_3`,
//! `bibliographic`), kept to the 184 codes of DOAJ's `iso_639-2b.xsd`. Serbo-Croatian
//! (`sh`, deprecated in BCP 47) is DOAJ's `hbs`. One row per language:
//! `(639-1, 639-2/T, 639-2/B)`; the two 639-2 codes differ for 20 languages only
//! (`fra`/`fre`, `deu`/`ger`, `zho`/`chi`, …).

/// `(ISO 639-1, ISO 639-2/T, ISO 639-2/B)`, sorted by the 639-1 code.
pub(super) const LANGUAGES: &[(&str, &str, &str)] = &[
    ("aa", "aar", "aar"), // Afar
    ("ab", "abk", "abk"), // Abkhazian
    ("ae", "ave", "ave"), // Avestan
    ("af", "afr", "afr"), // Afrikaans
    ("ak", "aka", "aka"), // Akan
    ("am", "amh", "amh"), // Amharic
    ("an", "arg", "arg"), // Aragonese
    ("ar", "ara", "ara"), // Arabic
    ("as", "asm", "asm"), // Assamese
    ("av", "ava", "ava"), // Avaric
    ("ay", "aym", "aym"), // Aymara
    ("az", "aze", "aze"), // Azerbaijani
    ("ba", "bak", "bak"), // Bashkir
    ("be", "bel", "bel"), // Belarusian
    ("bg", "bul", "bul"), // Bulgarian
    ("bi", "bis", "bis"), // Bislama
    ("bm", "bam", "bam"), // Bambara
    ("bn", "ben", "ben"), // Bengali
    ("bo", "bod", "tib"), // Tibetan
    ("br", "bre", "bre"), // Breton
    ("bs", "bos", "bos"), // Bosnian
    ("ca", "cat", "cat"), // Catalan; Valencian
    ("ce", "che", "che"), // Chechen
    ("ch", "cha", "cha"), // Chamorro
    ("co", "cos", "cos"), // Corsican
    ("cr", "cre", "cre"), // Cree
    ("cs", "ces", "cze"), // Czech
    ("cu", "chu", "chu"), // Church Slavic; Old Slavonic; Church Slavonic; Old Bulgarian; Old Church Slavonic
    ("cv", "chv", "chv"), // Chuvash
    ("cy", "cym", "wel"), // Welsh
    ("da", "dan", "dan"), // Danish
    ("de", "deu", "ger"), // German
    ("dv", "div", "div"), // Divehi; Dhivehi; Maldivian
    ("dz", "dzo", "dzo"), // Dzongkha
    ("ee", "ewe", "ewe"), // Ewe
    ("el", "ell", "gre"), // Greek, Modern (1453-)
    ("en", "eng", "eng"), // English
    ("eo", "epo", "epo"), // Esperanto
    ("es", "spa", "spa"), // Spanish; Castilian
    ("et", "est", "est"), // Estonian
    ("eu", "eus", "baq"), // Basque
    ("fa", "fas", "per"), // Persian
    ("ff", "ful", "ful"), // Fulah
    ("fi", "fin", "fin"), // Finnish
    ("fj", "fij", "fij"), // Fijian
    ("fo", "fao", "fao"), // Faroese
    ("fr", "fra", "fre"), // French
    ("fy", "fry", "fry"), // Western Frisian
    ("ga", "gle", "gle"), // Irish
    ("gd", "gla", "gla"), // Gaelic; Scottish Gaelic
    ("gl", "glg", "glg"), // Galician
    ("gn", "grn", "grn"), // Guarani
    ("gu", "guj", "guj"), // Gujarati
    ("gv", "glv", "glv"), // Manx
    ("ha", "hau", "hau"), // Hausa
    ("he", "heb", "heb"), // Hebrew
    ("hi", "hin", "hin"), // Hindi
    ("ho", "hmo", "hmo"), // Hiri Motu
    ("hr", "hrv", "hrv"), // Croatian
    ("ht", "hat", "hat"), // Haitian; Haitian Creole
    ("hu", "hun", "hun"), // Hungarian
    ("hy", "hye", "arm"), // Armenian
    ("hz", "her", "her"), // Herero
    ("ia", "ina", "ina"), // Interlingua (International Auxiliary Language Association)
    ("id", "ind", "ind"), // Indonesian
    ("ie", "ile", "ile"), // Interlingue; Occidental
    ("ig", "ibo", "ibo"), // Igbo
    ("ii", "iii", "iii"), // Sichuan Yi; Nuosu
    ("ik", "ipk", "ipk"), // Inupiaq
    ("io", "ido", "ido"), // Ido
    ("is", "isl", "ice"), // Icelandic
    ("it", "ita", "ita"), // Italian
    ("iu", "iku", "iku"), // Inuktitut
    ("ja", "jpn", "jpn"), // Japanese
    ("jv", "jav", "jav"), // Javanese
    ("ka", "kat", "geo"), // Georgian
    ("kg", "kon", "kon"), // Kongo
    ("ki", "kik", "kik"), // Kikuyu; Gikuyu
    ("kj", "kua", "kua"), // Kuanyama; Kwanyama
    ("kk", "kaz", "kaz"), // Kazakh
    ("kl", "kal", "kal"), // Kalaallisut; Greenlandic
    ("km", "khm", "khm"), // Central Khmer
    ("kn", "kan", "kan"), // Kannada
    ("ko", "kor", "kor"), // Korean
    ("kr", "kau", "kau"), // Kanuri
    ("ks", "kas", "kas"), // Kashmiri
    ("ku", "kur", "kur"), // Kurdish
    ("kv", "kom", "kom"), // Komi
    ("kw", "cor", "cor"), // Cornish
    ("ky", "kir", "kir"), // Kirghiz; Kyrgyz
    ("la", "lat", "lat"), // Latin
    ("lb", "ltz", "ltz"), // Luxembourgish; Letzeburgesch
    ("lg", "lug", "lug"), // Ganda
    ("li", "lim", "lim"), // Limburgan; Limburger; Limburgish
    ("ln", "lin", "lin"), // Lingala
    ("lo", "lao", "lao"), // Lao
    ("lt", "lit", "lit"), // Lithuanian
    ("lu", "lub", "lub"), // Luba-Katanga
    ("lv", "lav", "lav"), // Latvian
    ("mg", "mlg", "mlg"), // Malagasy
    ("mh", "mah", "mah"), // Marshallese
    ("mi", "mri", "mao"), // Maori
    ("mk", "mkd", "mac"), // Macedonian
    ("ml", "mal", "mal"), // Malayalam
    ("mn", "mon", "mon"), // Mongolian
    ("mr", "mar", "mar"), // Marathi
    ("ms", "msa", "may"), // Malay
    ("mt", "mlt", "mlt"), // Maltese
    ("my", "mya", "bur"), // Burmese
    ("na", "nau", "nau"), // Nauru
    ("nb", "nob", "nob"), // Bokmål, Norwegian; Norwegian Bokmål
    ("nd", "nde", "nde"), // Ndebele, North; North Ndebele
    ("ne", "nep", "nep"), // Nepali
    ("ng", "ndo", "ndo"), // Ndonga
    ("nl", "nld", "dut"), // Dutch; Flemish
    ("nn", "nno", "nno"), // Norwegian Nynorsk; Nynorsk, Norwegian
    ("no", "nor", "nor"), // Norwegian
    ("nr", "nbl", "nbl"), // Ndebele, South; South Ndebele
    ("nv", "nav", "nav"), // Navajo; Navaho
    ("ny", "nya", "nya"), // Chichewa; Chewa; Nyanja
    ("oc", "oci", "oci"), // Occitan (post 1500); Provençal
    ("oj", "oji", "oji"), // Ojibwa
    ("om", "orm", "orm"), // Oromo
    ("or", "ori", "ori"), // Oriya
    ("os", "oss", "oss"), // Ossetian; Ossetic
    ("pa", "pan", "pan"), // Panjabi; Punjabi
    ("pi", "pli", "pli"), // Pali
    ("pl", "pol", "pol"), // Polish
    ("ps", "pus", "pus"), // Pushto; Pashto
    ("pt", "por", "por"), // Portuguese
    ("qu", "que", "que"), // Quechua
    ("rm", "roh", "roh"), // Romansh
    ("rn", "run", "run"), // Rundi
    ("ro", "ron", "rum"), // Romanian; Moldavian; Moldovan
    ("ru", "rus", "rus"), // Russian
    ("rw", "kin", "kin"), // Kinyarwanda
    ("sa", "san", "san"), // Sanskrit
    ("sc", "srd", "srd"), // Sardinian
    ("sd", "snd", "snd"), // Sindhi
    ("se", "sme", "sme"), // Northern Sami
    ("sg", "sag", "sag"), // Sango
    ("sh", "hbs", "hbs"), // Serbo-Croatian
    ("si", "sin", "sin"), // Sinhala; Sinhalese
    ("sk", "slk", "slo"), // Slovak
    ("sl", "slv", "slv"), // Slovenian
    ("sm", "smo", "smo"), // Samoan
    ("sn", "sna", "sna"), // Shona
    ("so", "som", "som"), // Somali
    ("sq", "sqi", "alb"), // Albanian
    ("sr", "srp", "srp"), // Serbian
    ("ss", "ssw", "ssw"), // Swati
    ("st", "sot", "sot"), // Sotho, Southern
    ("su", "sun", "sun"), // Sundanese
    ("sv", "swe", "swe"), // Swedish
    ("sw", "swa", "swa"), // Swahili
    ("ta", "tam", "tam"), // Tamil
    ("te", "tel", "tel"), // Telugu
    ("tg", "tgk", "tgk"), // Tajik
    ("th", "tha", "tha"), // Thai
    ("ti", "tir", "tir"), // Tigrinya
    ("tk", "tuk", "tuk"), // Turkmen
    ("tl", "tgl", "tgl"), // Tagalog
    ("tn", "tsn", "tsn"), // Tswana
    ("to", "ton", "ton"), // Tonga (Tonga Islands)
    ("tr", "tur", "tur"), // Turkish
    ("ts", "tso", "tso"), // Tsonga
    ("tt", "tat", "tat"), // Tatar
    ("tw", "twi", "twi"), // Twi
    ("ty", "tah", "tah"), // Tahitian
    ("ug", "uig", "uig"), // Uighur; Uyghur
    ("uk", "ukr", "ukr"), // Ukrainian
    ("ur", "urd", "urd"), // Urdu
    ("uz", "uzb", "uzb"), // Uzbek
    ("ve", "ven", "ven"), // Venda
    ("vi", "vie", "vie"), // Vietnamese
    ("vo", "vol", "vol"), // Volapük
    ("wa", "wln", "wln"), // Walloon
    ("wo", "wol", "wol"), // Wolof
    ("xh", "xho", "xho"), // Xhosa
    ("yi", "yid", "yid"), // Yiddish
    ("yo", "yor", "yor"), // Yoruba
    ("za", "zha", "zha"), // Zhuang; Chuang
    ("zh", "zho", "chi"), // Chinese
    ("zu", "zul", "zul"), // Zulu
];
