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
    "ehkä",
    "enää",
    "hakea",
    "hakeminen",
    "hakemus",
    "haku",
    "haluaisin",
    "haluan",
    "joku",
    "jonkun",
    "jotain",
    "kanssa",
    "kenelle",
    "kuka",
    "mihin",
    "mikään",
    "mistä",
    "miten",
    "mitä",
    "mitään",
    "neuvonta",
    "ohje",
    "ohjeet",
    "olisi",
    "ollut",
    "paljon",
    "palvelu",
    "palveluja",
    "palvelut",
    "pitäisi",
    "pitää",
    "pysty",
    "pystyn",
    "saada",
    "saan",
    "saanut",
    "sain",
    "saisin",
    "tarvitsen",
    "tarvitsisin",
    "teen",
    "tehdä",
    "tekemään",
    "tieto",
    "tietoa",
    "tulee",
    "täytyy",
    "voida",
    "voin",
    "voisi",
    "voisin",
];

pub(super) const WEAK_SV: &[&str] = &[
    "ansöka",
    "ansökan",
    "behöver",
    "få",
    "fått",
    "göra",
    "hjälp",
    "hur",
    "information",
    "klarar",
    "kunna",
    "längre",
    "måste",
    "någon",
    "något",
    "råd",
    "ska",
    "skulle",
    "söka",
    "tjänst",
    "tjänster",
    "var",
    "vart",
    "vet",
    "veta",
    "vilka",
];

pub(super) const WEAK_EN: &[&str] = &[
    "able",
    "advice",
    "anymore",
    "anyone",
    "application",
    "apply",
    "applying",
    "could",
    "does",
    "find",
    "get",
    "got",
    "help",
    "how",
    "info",
    "information",
    "know",
    "longer",
    "service",
    "services",
    "should",
    "someone",
    "something",
    "want",
    "where",
    "which",
    "whom",
    "would",
];
