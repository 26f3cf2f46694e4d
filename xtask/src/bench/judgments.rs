//! Reading `relevance/judgments.jsonl` and the life-event names, and writing each system's query file.
//!
//! The judgments are the benchmark's ground truth, so anything unexpected in them (a bad line, an unknown
//! kind or language, a query without a relevant service, a life event without a name) stops the run
//! instead of being skipped: a silently shrunk query set would make the numbers incomparable.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

use super::metrics::{Grades, RR_DEPTH};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    pub(crate) const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Keyword,
    Sentence,
    Typo,
    LifeEvent,
}

impl Kind {
    fn from_key(key: &str) -> Option<Kind> {
        match key {
            "keyword" => Some(Kind::Keyword),
            "sentence" => Some(Kind::Sentence),
            "typo" => Some(Kind::Typo),
            "life_event" => Some(Kind::LifeEvent),
            _ => None,
        }
    }

    /// Keyword and sentence queries make up the per-language text metrics.
    pub(crate) fn is_text(self) -> bool {
        matches!(self, Kind::Keyword | Kind::Sentence)
    }
}

pub(crate) struct Judgment {
    pub(crate) id: String,
    pub(crate) lang: Lang,
    pub(crate) kind: Kind,
    /// The engine query exactly as judged.
    pub(crate) query: Map<String, Value>,
    pub(crate) grades: Grades,
}

pub(crate) fn read_judgments(path: &Path) -> anyhow::Result<Vec<Judgment>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut judgments = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let judgment =
            parse_judgment(line).with_context(|| format!("{}:{}", path.display(), index + 1))?;
        judgments.push(judgment);
    }
    if judgments.is_empty() {
        bail!("{} holds no judgments", path.display());
    }
    Ok(judgments)
}

fn parse_judgment(line: &str) -> anyhow::Result<Judgment> {
    let value: Value = serde_json::from_str(line)?;
    let field = |name: &str| {
        value
            .get(name)
            .with_context(|| format!("missing field {name:?}"))
    };
    let string = |name: &str| {
        field(name)?
            .as_str()
            .with_context(|| format!("field {name:?} is not a string"))
    };
    let id = string("id")?.to_owned();
    let lang = Lang::from_code(string("lang")?).context("lang is not fi, sv or en")?;
    let kind = Kind::from_key(string("kind")?).context("unknown kind")?;
    let query = field("query")?
        .as_object()
        .context("query is not an object")?
        .clone();
    let mut grades = Grades::new();
    for (service, grade) in field("relevant")?
        .as_object()
        .context("relevant is not an object")?
    {
        let grade = grade
            .as_u64()
            .filter(|grade| (1..=3).contains(grade))
            .with_context(|| format!("grade of {service} is not 1, 2 or 3"))?;
        grades.insert(service.clone(), grade as u8);
    }
    if grades.is_empty() {
        bail!("{id}: no relevant service");
    }
    Ok(Judgment {
        id,
        lang,
        kind,
        query,
        grades,
    })
}

/// Life-event code → name per language, from PTV's list and the publisher's own events (AU1, AU2).
pub(crate) fn read_life_event_names(
    files: &[&Path],
) -> anyhow::Result<HashMap<String, Map<String, Value>>> {
    let mut names = HashMap::new();
    for path in files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let events: Vec<Value> =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        for event in events {
            // The publisher file also holds word-match rules for PTV events; only its own events have names.
            let (Some(code), Some(name)) = (
                event.get("code").and_then(Value::as_str),
                event.get("name").and_then(Value::as_object),
            ) else {
                continue;
            };
            names.insert(code.to_owned(), name.clone());
        }
    }
    Ok(names)
}

/// Aurora's query: the judged engine query, asking for [`RR_DEPTH`] results.
pub(crate) fn aurora_query(judgment: &Judgment) -> Value {
    let mut query = judgment.query.clone();
    query.insert("limit".to_owned(), json!(RR_DEPTH));
    Value::Object(query)
}

/// MiniSearch's query: the text, or for a life event its name in the query language, plus the area.
pub(crate) fn minisearch_query(
    judgment: &Judgment,
    life_event_names: &HashMap<String, Map<String, Value>>,
) -> anyhow::Result<Value> {
    let text = match judgment.kind {
        Kind::LifeEvent => {
            let codes = judgment
                .query
                .get("life_events")
                .and_then(Value::as_array)
                .filter(|codes| !codes.is_empty())
                .with_context(|| {
                    format!("{}: life_event query without life_events", judgment.id)
                })?;
            let mut names = Vec::new();
            for code in codes {
                let code = code
                    .as_str()
                    .with_context(|| format!("{}: life event code is not a string", judgment.id))?;
                let name = life_event_names
                    .get(code)
                    .and_then(|name| name.get(judgment.lang.code()))
                    .and_then(Value::as_str)
                    .with_context(|| {
                        format!(
                            "{}: no {} name for life event {code}",
                            judgment.id,
                            judgment.lang.code()
                        )
                    })?;
                names.push(name);
            }
            names.join(" ")
        }
        _ => judgment
            .query
            .get("text")
            .and_then(Value::as_str)
            .filter(|text| !text.trim().is_empty())
            .with_context(|| format!("{}: text query without text", judgment.id))?
            .to_owned(),
    };
    Ok(json!({
        "id": judgment.id,
        "lang": judgment.lang.code(),
        "text": text,
        "municipality": judgment.query.get("municipality").cloned().unwrap_or(Value::Null),
    }))
}

/// Writes values as JSON Lines.
pub(crate) fn write_json_lines(path: &Path, values: &[Value]) -> anyhow::Result<()> {
    let mut text = String::new();
    for value in values {
        text.push_str(&value.to_string());
        text.push('\n');
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_judgment_line_parses_into_its_query_and_grades() {
        let judgment = parse_judgment(
            r#"{"id":"sv-kw-001","lang":"sv","kind":"keyword","query":{"lang":"sv","text":"bostadsbidrag"},"relevant":{"a":3,"b":1}}"#,
        )
        .unwrap();
        assert_eq!(judgment.lang, Lang::Sv);
        assert_eq!(judgment.kind, Kind::Keyword);
        assert_eq!(judgment.grades.get("a"), Some(&3));
        assert_eq!(aurora_query(&judgment)["limit"], 20);
        let minisearch = minisearch_query(&judgment, &HashMap::new()).unwrap();
        assert_eq!(minisearch["text"], "bostadsbidrag");
        assert_eq!(minisearch["municipality"], Value::Null);
    }

    #[test]
    fn a_life_event_is_searched_by_its_name_in_the_query_language() {
        let judgment = parse_judgment(
            r#"{"id":"en-le-ke1","lang":"en","kind":"life_event","query":{"lang":"en","life_events":["KE1"]},"relevant":{"a":3}}"#,
        )
        .unwrap();
        let names = HashMap::from([(
            "KE1".to_owned(),
            json!({"fi": "Lapsen saaminen", "en": "Having a child"})
                .as_object()
                .unwrap()
                .clone(),
        )]);
        assert_eq!(
            minisearch_query(&judgment, &names).unwrap()["text"],
            "Having a child"
        );
        assert!(minisearch_query(&judgment, &HashMap::new()).is_err());
    }

    #[test]
    fn bad_grades_and_empty_judgments_are_rejected() {
        let line = |relevant: &str| {
            format!(
                r#"{{"id":"x","lang":"fi","kind":"typo","query":{{"lang":"fi"}},"relevant":{relevant}}}"#
            )
        };
        assert!(parse_judgment(&line(r#"{"a":4}"#)).is_err());
        assert!(parse_judgment(&line(r#"{"a":0}"#)).is_err());
        assert!(parse_judgment(&line("{}")).is_err());
        assert!(parse_judgment(&line(r#"{"a":2}"#)).is_ok());
    }
}
