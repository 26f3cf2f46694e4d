//! "Share my situation" without a server: the situation as a URL fragment, made and read on the device.
//!
//! A fragment never reaches a web server, so the link carries the situation from one browser to another
//! without anything being sent anywhere by Aurora. The format is
//! `lang=fi&events=KE8,KE3&m=564&r=finance:2,health:7&age=34&text=...`, every value percent-encoded.
//! `lang=` is always present; a fragment without it (`#results`) is not a handover. The free text is
//! included only when the citizen asks for it, and never when it holds personal data. Reading a fragment
//! ignores every value it does not understand. Pure functions, tested natively.

use std::collections::BTreeMap;

use engine::format::{Lang, Meter};
use engine::query::MAX_TEXT_CHARS;

use crate::personal_data;
use crate::state::AppState;

/// The most life events a link restores; more is not a real situation.
const MAX_LIFE_EVENTS: usize = 32;
const MAX_CODE_LEN: usize = 32;
const MAX_AGE: u32 = 130;

/// A situation read from a link. Everything is optional: what was missing or invalid stays empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handover {
    pub lang: Option<Lang>,
    pub life_events: Vec<String>,
    pub meters: BTreeMap<Meter, u8>,
    pub municipality: Option<String>,
    pub age: Option<u32>,
    pub text: Option<String>,
}

/// Whether the citizen's text may go into a link: there is some, and it holds no personal data.
pub fn can_share_text(text: &str) -> bool {
    !text.trim().is_empty()
        && text.chars().count() <= MAX_TEXT_CHARS
        && !personal_data::scan(text).any()
}

/// The fragment (without `#`) for `state`; the text only if `include_text` and [`can_share_text`].
pub fn encode(state: &AppState, include_text: bool) -> String {
    let mut parts = vec![format!("lang={}", state.lang.code())];
    if !state.life_events.is_empty() {
        let events: Vec<String> = state
            .life_events
            .iter()
            .map(|c| percent_encode(c))
            .collect();
        parts.push(format!("events={}", events.join(",")));
    }
    if let Some(code) = &state.municipality {
        parts.push(format!("m={}", percent_encode(code)));
    }
    if !state.meters.is_empty() {
        let ratings: Vec<String> = state
            .meters
            .iter()
            .map(|(meter, value)| format!("{}:{value}", meter.key()))
            .collect();
        parts.push(format!("r={}", ratings.join(",")));
    }
    if let Some(age) = state.age {
        parts.push(format!("age={age}"));
    }
    if include_text && can_share_text(&state.text) {
        parts.push(format!("text={}", percent_encode(&state.text)));
    }
    parts.join("&")
}

/// The situation in `fragment` (with or without `#`), or `None` if it is not a handover link.
pub fn decode(fragment: &str) -> Option<Handover> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let pairs: Vec<(&str, &str)> = fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    if !pairs.iter().any(|(key, _)| *key == "lang") {
        return None;
    }
    let mut handover = Handover::default();
    // A repeated key: the last valid value counts.
    for (key, raw) in pairs {
        match key {
            "lang" => {
                if let Some(lang) = percent_decode(raw).as_deref().and_then(Lang::from_code) {
                    handover.lang = Some(lang);
                }
            }
            "events" => {
                let mut events: Vec<String> = Vec::new();
                for code in raw.split(',').filter_map(percent_decode) {
                    if is_code(&code) && !events.contains(&code) && events.len() < MAX_LIFE_EVENTS {
                        events.push(code);
                    }
                }
                handover.life_events = events;
            }
            "m" => {
                if let Some(code) = percent_decode(raw).filter(|code| is_code(code)) {
                    handover.municipality = Some(code);
                }
            }
            "r" => {
                handover.meters = raw
                    .split(',')
                    .filter_map(|rating| {
                        let (key, value) = rating.split_once(':')?;
                        let value: u8 = value.parse().ok().filter(|value| *value <= 10)?;
                        Some((Meter::from_key(key)?, value))
                    })
                    .collect();
            }
            "age" => {
                if let Some(age) = raw.parse().ok().filter(|age| *age <= MAX_AGE) {
                    handover.age = Some(age);
                }
            }
            "text" => {
                if let Some(text) = percent_decode(raw).filter(|text| can_share_text(text)) {
                    handover.text = Some(text);
                }
            }
            _ => {}
        }
    }
    Some(handover)
}

impl Handover {
    /// Drops the life events and municipality the loaded catalogue does not know.
    pub fn known_only(
        mut self,
        is_life_event: impl Fn(&str) -> bool,
        is_municipality: impl Fn(&str) -> bool,
    ) -> Handover {
        self.life_events.retain(|code| is_life_event(code));
        self.municipality = self.municipality.filter(|code| is_municipality(code));
        self
    }
}

/// Life-event and municipality codes (`KE8`, `KE1.1`, `564`): short; ASCII letters, digits, `.`, `-`, `_`.
pub(crate) fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
pub(crate) fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// The inverse of [`percent_encode`]; `None` for a broken escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(byte);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn situation() -> AppState {
        let mut state = AppState::new(Lang::Sv);
        state.life_events = vec!["KE8".into(), "KE1.1".into()];
        state.meters.insert(Meter::Finance, 2);
        state.meters.insert(Meter::Health, 7);
        state.municipality = Some("564".into());
        state.age = Some(34);
        state.text = "Jag förlorade jobbet & hyran är 50 % högre = svårt #1".into();
        state
    }

    #[test]
    fn a_situation_survives_the_round_trip() {
        let state = situation();
        let fragment = encode(&state, true);
        assert_eq!(
            decode(&format!("#{fragment}")),
            Some(Handover {
                lang: Some(Lang::Sv),
                life_events: state.life_events.clone(),
                meters: state.meters.clone(),
                municipality: Some("564".into()),
                age: Some(34),
                text: Some(state.text.clone()),
            })
        );
    }

    #[test]
    fn the_fragment_has_the_documented_shape() {
        assert_eq!(
            encode(&situation(), false),
            "lang=sv&events=KE8,KE1.1&m=564&r=health:7,finance:2&age=34"
        );
        assert_eq!(encode(&AppState::new(Lang::Fi), true), "lang=fi");
    }

    #[test]
    fn the_text_is_left_out_unless_asked_for() {
        let fragment = encode(&situation(), false);
        assert!(!fragment.contains("text="), "{fragment}");
        assert_eq!(decode(&fragment).and_then(|handover| handover.text), None);
        let fragment = encode(&situation(), true);
        assert!(
            fragment.contains("&text=Jag%20f%C3%B6rlorade"),
            "{fragment}"
        );
        assert!(
            !fragment.contains(' ') && !fragment.contains('?'),
            "{fragment}"
        );
    }

    #[test]
    fn text_with_personal_data_is_never_shared() {
        for text in ["hetu 131052-308T", "soita 040 123 4567", "matti@example.fi"] {
            let mut state = situation();
            state.text = text.into();
            assert!(!can_share_text(text), "{text}");
            assert!(!encode(&state, true).contains("text="), "{text}");
            // Nor is it restored from a hand-made link.
            let fragment = format!("lang=fi&text={}", percent_encode(text));
            assert_eq!(decode(&fragment).and_then(|handover| handover.text), None);
        }
    }

    #[test]
    fn fragments_without_a_language_are_not_handovers() {
        for fragment in [
            "",
            "#",
            "#results",
            "#about",
            "events=KE8&m=564",
            "#langx=fi",
        ] {
            assert_eq!(decode(fragment), None, "{fragment}");
        }
    }

    #[test]
    fn garbage_is_ignored_and_the_rest_kept() {
        let handover = decode(
            "#lang=xx&events=KE8,<script>,,KE8,%ZZ&m=../../etc&r=finance:2,health:11,nope:3,family:-1,\
             friends:x,housing&age=999&text=%E2%28%A1&junk&=&%%%",
        );
        assert_eq!(
            handover,
            Some(Handover {
                life_events: vec!["KE8".into()],
                meters: BTreeMap::from([(Meter::Finance, 2)]),
                ..Handover::default()
            })
        );
    }

    #[test]
    fn a_repeated_key_keeps_the_last_valid_value() {
        let handover = decode("lang=en&age=20&age=abc&lang=sv&m=091&m=%");
        assert_eq!(
            handover,
            Some(Handover {
                lang: Some(Lang::Sv),
                age: Some(20),
                municipality: Some("091".into()),
                ..Handover::default()
            })
        );
    }

    #[test]
    fn codes_the_catalogue_does_not_know_are_dropped() {
        let handover = decode("lang=fi&events=KE8,KE999&m=999")
            .unwrap_or_default()
            .known_only(|code| code == "KE8", |code| code == "564");
        assert_eq!(handover.life_events, vec!["KE8".to_owned()]);
        assert_eq!(handover.municipality, None);
    }

    #[test]
    fn percent_encoding_round_trips_any_text() {
        for text in ["", "a b", "ä&=%#?+,", "日本語", "line\nbreak"] {
            assert_eq!(percent_decode(&percent_encode(text)).as_deref(), Some(text));
        }
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
