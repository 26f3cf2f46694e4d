//! UI strings from `app/locales/<lang>/app.ftl`, compiled in.
//!
//! The files use the simple-message subset of Fluent (`key = text with { $name }`), so translators can
//! use Fluent tooling; this lookup avoids shipping a Fluent runtime in the wasm bundle.

use engine::format::Lang;

const FI: &str = include_str!("../locales/fi/app.ftl");
const SV: &str = include_str!("../locales/sv/app.ftl");
const EN: &str = include_str!("../locales/en/app.ftl");

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => FI,
        Lang::Sv => SV,
        Lang::En => EN,
    }
}

/// The keys of one locale file, in order.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    entries(lang).map(|(key, _)| key).collect()
}

fn entries(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    source(lang)
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .map(|(key, value)| (key.trim(), value.trim()))
}

/// The message for `key`; a missing key shows the key itself, so a gap is visible, never blank.
pub fn t(lang: Lang, key: &str) -> String {
    entries(lang)
        .find(|(candidate, _)| *candidate == key)
        .map_or_else(|| key.to_owned(), |(_, value)| value.to_owned())
}

/// The message for `key` with `{ $name }` placeables filled in.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut message = t(lang, key);
    for (name, value) in args {
        message = message.replace(&format!("{{ ${name} }}"), value);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_the_same_keys() {
        let english = keys(Lang::En);
        for lang in [Lang::Fi, Lang::Sv] {
            assert_eq!(keys(lang), english, "{lang:?} keys differ from English");
        }
    }

    #[test]
    fn placeables_are_filled_in() {
        assert_eq!(
            t_args(Lang::En, "results-count", &[("count", "3")]),
            "3 services found"
        );
    }

    #[test]
    fn missing_key_shows_the_key() {
        assert_eq!(t(Lang::Fi, "no-such-key"), "no-such-key");
    }
}
