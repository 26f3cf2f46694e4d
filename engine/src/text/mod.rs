//! Text analysis for fi/sv/en: normalisation, tokens, stop words and Snowball stems.
//!
//! The same functions analyse catalogue text when the index is built and the citizen's query when it is
//! ranked, so both sides always agree on what a term is.

mod stopwords;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::format::Lang;

/// Lowercased NFC tokens of letters and digits; everything else separates tokens.
pub fn tokenize(text: &str) -> Vec<String> {
    let normalized: String = text.nfc().flat_map(char::to_lowercase).collect();
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `token` is too common in `lang` to say anything about a service.
pub fn is_stopword(lang: Lang, token: &str) -> bool {
    stopwords::list(lang).binary_search(&token).is_ok()
}

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
        stemmer.stem(token).into_owned()
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The word as written, lowercased.
    pub token: String,
    pub stem: String,
}

#[cfg(test)]
mod tests;
