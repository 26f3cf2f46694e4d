//! Stop words: function words and the filler citizens write around what they need ("I need help with").
//! Lists are sorted so lookups can binary-search; a unit test keeps them sorted.

use crate::format::Lang;

pub(super) fn list(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fi => FI,
        Lang::Sv => SV,
        Lang::En => EN,
    }
}

pub(super) const FI: &[&str] = &[
    "ei", "eikä", "en", "enkä", "et", "he", "heidän", "hän", "hänen", "ja", "jo", "joka", "jos",
    "jotka", "kanssa", "kuin", "kun", "me", "meidän", "mikä", "minkä", "minua", "minulla",
    "minulle", "minun", "minä", "miten", "mitä", "mun", "mutta", "myös", "mä", "ne", "nyt", "ole",
    "olen", "oli", "olla", "on", "ovat", "se", "sekä", "sen", "siitä", "sinä", "tai", "te", "tämä",
    "tässä", "vaan", "vai", "voi",
];

pub(super) const SV: &[&str] = &[
    "att", "av", "de", "den", "det", "du", "efter", "en", "er", "ett", "från", "för", "ha", "han",
    "har", "hon", "hur", "i", "inte", "jag", "kan", "man", "med", "men", "mig", "min", "mina",
    "mitt", "måste", "nu", "när", "och", "om", "på", "som", "så", "till", "vad", "var", "vi",
    "vill", "är",
];

pub(super) const EN: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
    "can't", "cannot", "do", "don't", "dont", "for", "from", "have", "he", "her", "him", "his",
    "how", "i", "i'm", "if", "in", "is", "it", "just", "me", "my", "need", "no", "not", "of", "on",
    "or", "our", "she", "so", "that", "the", "their", "them", "there", "they", "this", "to", "too",
    "very", "was", "we", "what", "with", "you",
];

/// Words that say how the citizen wants help rather than what with ("asumistuen hakeminen", "help with
/// debts"). They count only when the query has nothing else.
pub(super) fn weak_list(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fi => WEAK_FI,
        Lang::Sv => WEAK_SV,
        Lang::En => WEAK_EN,
    }
}

pub(super) const WEAK_FI: &[&str] = &[
    "apua",
    "asia",
    "asiaa",
    "asiat",
    "hakea",
    "hakeminen",
    "hakemus",
    "haku",
    "haluan",
    "kanssa",
    "mihin",
    "mistä",
    "miten",
    "mitä",
    "neuvonta",
    "ohje",
    "ohjeet",
    "palvelu",
    "palveluja",
    "palvelut",
    "pitää",
    "saada",
    "saan",
    "tarvitsen",
    "tieto",
    "tietoa",
    "täytyy",
    "voin",
];

pub(super) const WEAK_SV: &[&str] = &[
    "ansöka",
    "ansökan",
    "behöver",
    "få",
    "hjälp",
    "hur",
    "information",
    "måste",
    "råd",
    "ska",
    "söka",
    "tjänst",
    "tjänster",
    "var",
    "vart",
    "vilka",
];

pub(super) const WEAK_EN: &[&str] = &[
    "advice",
    "application",
    "apply",
    "applying",
    "find",
    "get",
    "help",
    "how",
    "info",
    "information",
    "service",
    "services",
    "should",
    "want",
    "where",
    "which",
];
