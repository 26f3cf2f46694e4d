//! Text analysis for fi/sv/en: normalisation, tokens, stop words and Snowball stems.
//!
//! The same functions analyse catalogue text when the index is built and the citizen's query when it is
//! ranked, so both sides always agree on what a term is.

mod stopwords;

use rust_stemmers::{Algorithm, Stemmer};

use crate::format::Lang;

/// Lowercased tokens of letters and digits; everything else separates tokens.
pub fn tokenize(text: &str) -> Vec<String> {
    let normalized: String = compose_nordic(text).flat_map(char::to_lowercase).collect();
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Composes the decomposed letters of Finnish and Swedish (a or o + combining diaeresis, a + combining
/// ring) into ä, ö, å, so text pasted from a decomposing system matches. A full NFC table would cost the
/// browser bundle tens of kilobytes for letters that do not occur in fi/sv/en service texts.
fn compose_nordic(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let composed = match (c, chars.peek()) {
            ('a', Some('\u{308}')) => Some('ä'),
            ('o', Some('\u{308}')) => Some('ö'),
            ('u', Some('\u{308}')) => Some('ü'),
            ('a', Some('\u{30a}')) => Some('å'),
            ('A', Some('\u{308}')) => Some('Ä'),
            ('O', Some('\u{308}')) => Some('Ö'),
            ('U', Some('\u{308}')) => Some('Ü'),
            ('A', Some('\u{30a}')) => Some('Å'),
            _ => None,
        };
        if composed.is_some() {
            chars.next();
        }
        Some(composed.unwrap_or(c))
    })
}

/// Whether `token` is too common in `lang` to say anything about a service.
pub fn is_stopword(lang: Lang, token: &str) -> bool {
    stopwords::list(lang).binary_search(&token).is_ok()
}

/// Whether `token` only says how the citizen wants help ("hakeminen", "ansökan", "apply").
pub fn is_weak(lang: Lang, token: &str) -> bool {
    stopwords::weak_list(lang).binary_search(&token).is_ok()
}

/// Finnish stems Snowball leaves apart because of consonant gradation or stem alternation, mapped to one
/// form: "tuen"/"tuet" to "tuki", "velan" to "velka", "lasten" to "lapsen". Sorted by the first column.
const FINNISH_STEM_ALIASES: &[(&str, &str)] = &[
    ("avu", "apu"),
    ("hakemuks", "hakemus"),
    ("hoido", "hoito"),
    ("kod", "koti"),
    ("kot", "koti"),
    ("kuolu", "kuolem"),
    ("lain", "laki"),
    ("lap", "laps"),
    ("last", "laps"),
    ("muuto", "muutt"),
    ("muuttamin", "muutt"),
    ("sairaud", "sairaus"),
    ("terveyd", "terveys"),
    ("tuen", "tuki"),
    ("tuet", "tuki"),
    ("tuke", "tuki"),
    ("työtö", "työttöm"),
    ("vanhem", "vanhemp"),
    ("vela", "velk"),
];

/// One Snowball stemmer per language, built once.
pub struct Analyzer {
    stemmers: [Stemmer; 3],
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmers: [
                Stemmer::create(Algorithm::Finnish),
                Stemmer::create(Algorithm::Swedish),
                Stemmer::create(Algorithm::English),
            ],
        }
    }
}

impl Analyzer {
    pub fn stem(&self, lang: Lang, token: &str) -> String {
        let stemmer = &self.stemmers[lang as usize];
        let stem = stemmer.stem(token);
        if lang == Lang::Fi
            && let Ok(idx) = FINNISH_STEM_ALIASES.binary_search_by(|(from, _)| (*from).cmp(&stem))
        {
            return FINNISH_STEM_ALIASES[idx].1.to_owned();
        }
        stem.into_owned()
    }

    /// Tokens of `text` without stop words, each with its stem.
    pub fn terms(&self, lang: Lang, text: &str) -> Vec<Term> {
        tokenize(text)
            .into_iter()
            .filter(|token| !is_stopword(lang, token))
            .map(|token| Term {
                stem: self.stem(lang, &token),
                token,
            })
            .collect()
    }
}

/// Which Finnish compounds `split_compound` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitPolicy {
    /// Both parts must be known. For queries: a typo must not pass for a compound of an unknown word.
    KnownParts,
    /// A long unknown modifier before a long known head is accepted too ("työttömyys" in
    /// "työttömyysturva" even if "työttömyys" never occurs alone). For catalogue text, which is spelled
    /// right.
    LongUnknownModifier,
    /// As `LongUnknownModifier`, and failing that a known modifier before a long unknown head
    /// ("syöpä" in "syöpädiagnoosi" when "diagnoosi" is unknown). For a query word that matched
    /// nothing and could not be corrected: its known part is better than nothing.
    EitherPartKnown,
}

/// Splits a Finnish compound into the stems of a modifier and a head that the catalogue knows
/// (`is_known`), e.g. "omaishoidontuki" into "omaishoito" + "tuki". The longest known head wins,
/// because Finnish compounds put the meaning in the head. `None` when no split is known.
pub fn split_compound(
    analyzer: &Analyzer,
    token: &str,
    policy: SplitPolicy,
    is_known: impl Fn(&str) -> bool,
) -> Option<[String; 2]> {
    const MIN_TOKEN: usize = 8;
    // Real compounds are shorter; a hostile 100 KB "word" must not cost a stemming per letter.
    const MAX_TOKEN: usize = 60;
    const MIN_MODIFIER: usize = 3;
    const MIN_HEAD: usize = 4;
    const LONG_PART: usize = 5;
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    if chars.len() < MIN_TOKEN
        || chars.len() > MAX_TOKEN
        || !chars.iter().all(|(_, c)| c.is_alphabetic())
    {
        return None;
    }
    let long_parts = |split: usize| split >= LONG_PART && chars.len() - split >= LONG_PART;
    let mut known_modifier_only: Option<[String; 2]> = None;
    let last_split = chars.len() - MIN_HEAD;
    for (split, &(byte, _)) in chars
        .iter()
        .enumerate()
        .take(last_split + 1)
        .skip(MIN_MODIFIER)
    {
        let (modifier, head) = token.split_at(byte);
        let head_stem = analyzer.stem(Lang::Fi, head);
        let modifier_stem = analyzer.stem(Lang::Fi, modifier);
        let modifier_known = is_known(&modifier_stem) || is_known(modifier);
        if !is_known(&head_stem) {
            // The longest known modifier, kept in case no head is known at all.
            if policy == SplitPolicy::EitherPartKnown && modifier_known && long_parts(split) {
                known_modifier_only = Some([modifier_stem, head_stem]);
            }
            continue;
        }
        let long_enough = policy != SplitPolicy::KnownParts && long_parts(split);
        if modifier_known || long_enough {
            return Some([modifier_stem, head_stem]);
        }
    }
    known_modifier_only
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The word as written, lowercased.
    pub token: String,
    pub stem: String,
}

#[cfg(test)]
mod tests;
