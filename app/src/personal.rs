//! The citizen's own marks on services: saved, dismissed, thumbs up or down, and whether they agreed to
//! keep them on this device.
//!
//! Pure data and pure functions, tested natively; `device.rs` reads and writes the browser storage.
//! Until the citizen consents, the marks live only in memory for this visit and nothing is stored.
//! With consent they are kept in `localStorage` under `aurora.personal.*` (see [`Personal::stored`]).

use std::rc::Rc;

/// Every storage key this module writes starts with this.
pub const KEY_PREFIX: &str = "aurora.personal.";
pub const CONSENT_KEY: &str = "aurora.personal.consent";
pub const SAVED_KEY: &str = "aurora.personal.saved";
pub const DISMISSED_KEY: &str = "aurora.personal.dismissed";
pub const FEEDBACK_KEY: &str = "aurora.personal.feedback";
const CONSENT_GRANTED: &str = "granted";
/// The engine accepts this many liked and disliked services together (`engine::query::MAX_FEEDBACK`).
const MAX_FEEDBACK: usize = 1_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Consent {
    /// Not asked yet: the first mark asks.
    #[default]
    Unasked,
    /// Asked and declined: marks stay in memory for this visit only.
    Declined,
    /// Marks are kept on this device.
    Granted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thumb {
    Up,
    Down,
}

impl Thumb {
    pub fn key(self) -> &'static str {
        match self {
            Thumb::Up => "up",
            Thumb::Down => "down",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Personal {
    pub consent: Consent,
    /// Saved service ids, oldest first: "My list".
    pub saved: Vec<String>,
    /// Dismissed service ids, oldest first: hidden from the results.
    pub dismissed: Vec<String>,
    /// Thumbs up or down by service id, in the order given.
    pub thumbs: Vec<(String, Thumb)>,
    /// The consent question is on screen.
    pub asking: bool,
    /// Everything was just erased (for the status line); the next action clears it.
    pub erased: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PersonalAction {
    ToggleSaved(String),
    ToggleDismissed(String),
    /// The same thumb twice takes it back.
    Rate(String, Thumb),
    /// The citizen's answer to the consent question (or a later change of mind).
    Consent(bool),
    /// "Erase everything I saved": every mark and the consent itself.
    EraseAll,
}

impl yew::Reducible for Personal {
    type Action = PersonalAction;

    fn reduce(self: Rc<Self>, action: PersonalAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.erased = false;
        let is_mark = matches!(
            action,
            PersonalAction::ToggleSaved(_)
                | PersonalAction::ToggleDismissed(_)
                | PersonalAction::Rate(..)
        );
        match action {
            PersonalAction::ToggleSaved(id) => {
                next.dismissed.retain(|d| *d != id);
                toggle(&mut next.saved, id);
            }
            PersonalAction::ToggleDismissed(id) => {
                next.saved.retain(|s| *s != id);
                toggle(&mut next.dismissed, id);
            }
            PersonalAction::Rate(id, thumb) => {
                let before = next.thumb(&id);
                next.thumbs.retain(|(rated, _)| *rated != id);
                if before != Some(thumb) {
                    next.thumbs.push((id, thumb));
                }
            }
            PersonalAction::Consent(granted) => {
                next.consent = if granted {
                    Consent::Granted
                } else {
                    Consent::Declined
                };
                next.asking = false;
            }
            PersonalAction::EraseAll => {
                next = Personal {
                    erased: true,
                    ..Personal::default()
                }
            }
        }
        if is_mark && next.consent == Consent::Unasked {
            next.asking = true;
        }
        Rc::new(next)
    }
}

fn toggle(ids: &mut Vec<String>, id: String) {
    if let Some(position) = ids.iter().position(|i| *i == id) {
        ids.remove(position);
    } else {
        ids.push(id);
    }
}

impl Personal {
    /// What the browser storage should hold: every `aurora.personal.*` key with its value, and nothing
    /// at all without consent.
    pub fn stored(&self) -> Vec<(&'static str, String)> {
        if self.consent != Consent::Granted {
            return Vec::new();
        }
        let thumbs: Vec<(&str, &str)> = self
            .thumbs
            .iter()
            .map(|(id, thumb)| (id.as_str(), thumb.key()))
            .collect();
        vec![
            (CONSENT_KEY, CONSENT_GRANTED.to_owned()),
            (SAVED_KEY, json::array(&self.saved)),
            (DISMISSED_KEY, json::array(&self.dismissed)),
            (FEEDBACK_KEY, json::object(&thumbs)),
        ]
    }

    /// The marks kept on this device, read with `get` (a storage lookup). Without the consent key
    /// nothing else is read; unreadable values count as empty.
    pub fn from_stored(get: impl Fn(&str) -> Option<String>) -> Personal {
        if get(CONSENT_KEY).as_deref() != Some(CONSENT_GRANTED) {
            return Personal::default();
        }
        let strings = |key: &str, open: char, close: char| -> Vec<String> {
            get(key)
                .and_then(|value| json::parse_strings(&value, open, close))
                .unwrap_or_default()
        };
        // An object of id → "up" / "down" is read as its strings in order: key, value, key, value…
        let thumbs = strings(FEEDBACK_KEY, '{', '}')
            .chunks_exact(2)
            .filter_map(|pair| {
                let thumb = [Thumb::Up, Thumb::Down]
                    .into_iter()
                    .find(|thumb| thumb.key() == pair[1])?;
                Some((pair[0].clone(), thumb))
            })
            .collect();
        Personal {
            consent: Consent::Granted,
            saved: strings(SAVED_KEY, '[', ']'),
            dismissed: strings(DISMISSED_KEY, '[', ']'),
            thumbs,
            ..Personal::default()
        }
    }

    pub fn thumb(&self, id: &str) -> Option<Thumb> {
        self.thumbs
            .iter()
            .find(|(rated, _)| rated == id)
            .map(|(_, thumb)| *thumb)
    }

    /// Whether there is any mark at all.
    pub fn is_empty(&self) -> bool {
        self.saved.is_empty() && self.dismissed.is_empty() && self.thumbs.is_empty()
    }

    /// The services the citizen liked (thumbs up, then saved) and disliked (thumbs down, then
    /// dismissed), each id once, at most the engine's limit in all.
    pub fn liked_and_disliked(&self) -> (Vec<String>, Vec<String>) {
        let mut liked = Vec::new();
        let mut disliked = Vec::new();
        for (id, thumb) in &self.thumbs {
            match thumb {
                Thumb::Up => liked.push(id.clone()),
                Thumb::Down => disliked.push(id.clone()),
            }
        }
        // A thumb says more than saving or dismissing, so a marked service keeps its thumb's side.
        for id in &self.saved {
            if self.thumb(id).is_none() {
                liked.push(id.clone());
            }
        }
        for id in &self.dismissed {
            if self.thumb(id).is_none() {
                disliked.push(id.clone());
            }
        }
        liked.truncate(MAX_FEEDBACK / 2);
        disliked.truncate(MAX_FEEDBACK / 2);
        (liked, disliked)
    }

    /// Adds the citizen's marks to an engine query: liked and disliked services re-rank the answer
    /// (the engine says so in each moved service's `why`) and dismissed ones are left out of it.
    pub fn add_to(&self, query: &mut engine::Query) {
        let (liked, disliked) = self.liked_and_disliked();
        let mut hidden: Vec<String> = self.dismissed.to_vec();
        hidden.truncate(MAX_FEEDBACK / 2);
        query.feedback = engine::Feedback {
            liked,
            disliked,
            hidden,
        };
    }

    /// Everything kept about the citizen, as a JSON document to download. `name` gives a service's
    /// name (so the file makes sense to a person), `today` is `YYYY-MM-DD`.
    pub fn export_json(&self, today: &str, name: impl Fn(&str) -> Option<String>) -> String {
        let service = |id: &str, extra: &str| {
            let name = name(id).map_or_else(|| "null".to_owned(), |name| json::string(&name));
            format!(
                "\n    {{ \"id\": {}, \"name\": {name}{extra} }}",
                json::string(id)
            )
        };
        let list = |entries: Vec<String>| format!("[{}\n  ]", entries.join(","));
        let ids = |ids: &[String]| list(ids.iter().map(|id| service(id, "")).collect());
        let feedback = list(
            self.thumbs
                .iter()
                .map(|(id, thumb)| service(id, &format!(", \"feedback\": \"{}\"", thumb.key())))
                .collect(),
        );
        format!(
            "{{\n  \"format\": \"aurora-personal-data\",\n  \"version\": 1,\n  \"exported\": {},\n  \
             \"stored_on_this_device\": {},\n  \"saved\": {},\n  \"dismissed\": {},\n  \"feedback\": {}\n}}\n",
            json::string(today),
            self.consent == Consent::Granted,
            ids(&self.saved),
            ids(&self.dismissed),
            feedback,
        )
    }
}

/// One saved service as a checklist item: its name, then lines such as "Phone: 0295 020 701".
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    pub name: String,
    pub details: Vec<String>,
}

/// "My list" as a plain-text checklist: a title line, then one box per saved service.
pub fn checklist_text(title: &str, items: &[ChecklistItem]) -> String {
    let mut text = format!("{title}\n\n");
    for item in items {
        text.push_str(&format!("[ ] {}\n", item.name));
        for detail in &item.details {
            text.push_str(&format!("    {detail}\n"));
        }
        text.push('\n');
    }
    text
}

/// Just enough JSON for flat lists of strings, written and read without a JSON library (which would
/// add kilobytes to the browser bundle).
pub(crate) mod json {
    /// A JSON string literal.
    pub(crate) fn string(value: &str) -> String {
        let mut out = String::with_capacity(value.len() + 2);
        out.push('"');
        for c in value.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    pub(crate) fn array(values: &[String]) -> String {
        let items: Vec<String> = values.iter().map(|value| string(value)).collect();
        format!("[{}]", items.join(","))
    }

    pub(crate) fn object(entries: &[(&str, &str)]) -> String {
        let items: Vec<String> = entries
            .iter()
            .map(|(key, value)| format!("{}:{}", string(key), string(value)))
            .collect();
        format!("{{{}}}", items.join(","))
    }

    /// The strings of `[ "a", "b" ]` (with `open` `[`) or of `{ "k": "v" }` (with `open` `{`: keys and
    /// values in order); `None` for anything else.
    pub(crate) fn parse_strings(text: &str, open: char, close: char) -> Option<Vec<String>> {
        let mut chars = text.trim().chars().peekable();
        if chars.next()? != open {
            return None;
        }
        let mut strings = Vec::new();
        loop {
            match chars.next()? {
                c if c.is_whitespace() || c == ',' || (open == '{' && c == ':') => {}
                c if c == close => break,
                '"' => {
                    let mut value = String::new();
                    loop {
                        match chars.next()? {
                            '"' => break,
                            '\\' => match chars.next()? {
                                'u' => {
                                    let hex: String = chars.by_ref().take(4).collect();
                                    value
                                        .push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                                }
                                'n' => value.push('\n'),
                                't' => value.push('\t'),
                                'r' => value.push('\r'),
                                c => value.push(c),
                            },
                            c => value.push(c),
                        }
                    }
                    strings.push(value);
                }
                _ => return None,
            }
        }
        chars.all(char::is_whitespace).then_some(strings)
    }
}

#[cfg(test)]
mod tests {
    use yew::Reducible;

    use super::*;
    use std::collections::BTreeMap;

    fn apply(start: Personal, actions: Vec<PersonalAction>) -> Personal {
        actions
            .into_iter()
            .fold(Rc::new(start), |state, action| state.reduce(action))
            .as_ref()
            .clone()
    }

    fn storage(personal: &Personal) -> BTreeMap<String, String> {
        personal
            .stored()
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect()
    }

    #[test]
    fn the_first_mark_asks_for_consent_and_nothing_is_stored_before_it() {
        let state = apply(
            Personal::default(),
            vec![PersonalAction::ToggleSaved("a".into())],
        );
        assert!(state.asking);
        assert_eq!(state.saved, vec!["a".to_owned()]);
        assert!(state.stored().is_empty());
    }

    #[test]
    fn declining_keeps_marks_in_memory_only_and_does_not_ask_again() {
        let state = apply(
            Personal::default(),
            vec![
                PersonalAction::Rate("a".into(), Thumb::Up),
                PersonalAction::Consent(false),
                PersonalAction::ToggleDismissed("b".into()),
            ],
        );
        assert!(!state.asking);
        assert_eq!(state.consent, Consent::Declined);
        assert_eq!(state.dismissed, vec!["b".to_owned()]);
        assert!(state.stored().is_empty());
    }

    #[test]
    fn with_consent_every_mark_is_stored_and_read_back() {
        let state = apply(
            Personal::default(),
            vec![
                PersonalAction::ToggleSaved("a".into()),
                PersonalAction::Consent(true),
                PersonalAction::ToggleSaved("b".into()),
                PersonalAction::ToggleDismissed("c".into()),
                PersonalAction::Rate("a".into(), Thumb::Up),
                PersonalAction::Rate("c".into(), Thumb::Down),
            ],
        );
        let stored = storage(&state);
        assert_eq!(stored[CONSENT_KEY], "granted");
        assert_eq!(stored[SAVED_KEY], r#"["a","b"]"#);
        assert_eq!(stored[DISMISSED_KEY], r#"["c"]"#);
        assert_eq!(stored[FEEDBACK_KEY], r#"{"a":"up","c":"down"}"#);
        assert!(stored.keys().all(|key| key.starts_with(KEY_PREFIX)));
        let read = Personal::from_stored(|key| stored.get(key).cloned());
        assert_eq!(read, state);
    }

    #[test]
    fn stored_marks_without_the_consent_key_are_ignored() {
        let read = Personal::from_stored(|key| (key == SAVED_KEY).then(|| r#"["a"]"#.to_owned()));
        assert_eq!(read, Personal::default());
        let garbled = Personal::from_stored(|key| {
            Some(
                if key == CONSENT_KEY {
                    "granted"
                } else {
                    "{not json"
                }
                .to_owned(),
            )
        });
        assert_eq!(garbled.consent, Consent::Granted);
        assert!(garbled.is_empty());
    }

    #[test]
    fn erasing_removes_every_mark_and_the_consent() {
        let state = apply(
            Personal::default(),
            vec![
                PersonalAction::ToggleSaved("a".into()),
                PersonalAction::Consent(true),
                PersonalAction::Rate("b".into(), Thumb::Down),
                PersonalAction::EraseAll,
            ],
        );
        assert!(state.erased);
        assert_eq!(
            state,
            Personal {
                erased: true,
                ..Personal::default()
            }
        );
        assert!(state.stored().is_empty());
        let next = apply(state, vec![PersonalAction::ToggleSaved("c".into())]);
        assert!(!next.erased && next.asking);
    }

    #[test]
    fn saving_and_dismissing_exclude_each_other_and_thumbs_toggle() {
        let state = apply(
            Personal {
                consent: Consent::Granted,
                ..Personal::default()
            },
            vec![
                PersonalAction::ToggleSaved("a".into()),
                PersonalAction::ToggleDismissed("a".into()),
                PersonalAction::Rate("b".into(), Thumb::Up),
                PersonalAction::Rate("b".into(), Thumb::Up),
                PersonalAction::Rate("c".into(), Thumb::Up),
                PersonalAction::Rate("c".into(), Thumb::Down),
            ],
        );
        assert!(state.saved.is_empty());
        assert_eq!(state.dismissed, vec!["a".to_owned()]);
        assert_eq!(state.thumbs, vec![("c".into(), Thumb::Down)]);
        assert!(!state.asking);
    }

    #[test]
    fn feedback_for_the_engine_counts_each_service_once_and_thumbs_win() {
        let state = Personal {
            saved: vec!["saved".into(), "saved-but-down".into()],
            dismissed: vec!["gone".into()],
            thumbs: vec![
                ("up".into(), Thumb::Up),
                ("saved-but-down".into(), Thumb::Down),
            ],
            ..Personal::default()
        };
        let (liked, disliked) = state.liked_and_disliked();
        assert_eq!(liked, vec!["up", "saved"]);
        assert_eq!(disliked, vec!["saved-but-down", "gone"]);
    }

    #[test]
    fn the_export_names_services_and_says_where_they_are_kept() {
        let state = Personal {
            consent: Consent::Granted,
            saved: vec!["a".into()],
            thumbs: vec![("b".into(), Thumb::Up)],
            ..Personal::default()
        };
        let json = state.export_json("2026-01-02", |id| (id == "a").then(|| "Kela".to_owned()));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(value["exported"], "2026-01-02");
        assert_eq!(value["stored_on_this_device"], true);
        assert_eq!(value["saved"][0]["name"], "Kela");
        assert_eq!(value["feedback"][0]["feedback"], "up");
        assert_eq!(value["feedback"][0]["name"], serde_json::Value::Null);
    }

    #[test]
    fn the_small_json_reads_back_what_it_writes() {
        let odd = vec![
            "a\"b\\c".to_owned(),
            "rivi\nä\u{1}".to_owned(),
            String::new(),
        ];
        let written = json::array(&odd);
        assert_eq!(written, r#"["a\"b\\c","rivi\u000aä\u0001",""]"#);
        assert_eq!(json::parse_strings(&written, '[', ']'), Some(odd));
        assert_eq!(
            json::parse_strings(r#" { "x" : "up", "y":"down" } "#, '{', '}'),
            Some(vec!["x".into(), "up".into(), "y".into(), "down".into()])
        );
        for broken in [
            "",
            "[",
            r#"["a""#,
            "[1]",
            r#"["a"] x"#,
            r#"{"a":"b"}"#,
            r#"["\u12"]"#,
        ] {
            assert_eq!(json::parse_strings(broken, '[', ']'), None, "{broken}");
        }
    }

    #[test]
    fn the_checklist_has_a_box_per_service() {
        let text = checklist_text(
            "My list",
            &[ChecklistItem {
                name: "Debt advice".into(),
                details: vec!["Phone: 029 566 1820".into()],
            }],
        );
        assert_eq!(
            text,
            "My list\n\n[ ] Debt advice\n    Phone: 029 566 1820\n\n"
        );
    }
}
