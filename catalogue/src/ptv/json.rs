//! PTV API responses as they come: one object, an array of objects, or a page `{"itemList": [...]}`,
//! split into records that remember the line they start on, so every message can name it.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::validate::Location;

/// One record's JSON and where it starts in its file.
#[derive(Debug)]
pub(crate) struct RawRecord<'a> {
    pub(crate) line: usize,
    column: usize,
    pub(crate) json: &'a str,
}

/// A malformed file or record: the message names the line and column.
#[derive(Debug)]
pub(crate) struct JsonError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

pub(crate) fn split_records(text: &str) -> Result<Vec<RawRecord<'_>>, JsonError> {
    let whole: &RawValue = serde_json::from_str(text).map_err(|err| JsonError {
        line: err.line(),
        message: format!("line {} column {}: {err}", err.line(), err.column()),
    })?;
    let trimmed = whole.get().trim_start();
    let items: Vec<&RawValue> = if trimmed.starts_with('[') {
        serde_json::from_str(whole.get()).map_err(|err| shape_error(err.to_string()))?
    } else if trimmed.starts_with('{') {
        let fields: std::collections::HashMap<String, &RawValue> =
            serde_json::from_str(whole.get()).map_err(|err| shape_error(err.to_string()))?;
        match fields.get("itemList") {
            Some(list) if list.get().trim() == "null" => vec![],
            Some(list) => serde_json::from_str(list.get())
                .map_err(|err| shape_error(format!("itemList: {err}")))?,
            None => vec![whole],
        }
    } else {
        return Err(shape_error(
            "expected a PTV record, an array of records or a page with \"itemList\"".to_owned(),
        ));
    };
    Ok(items
        .into_iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = offset - before.rfind('\n').map_or(0, |idx| idx + 1) + 1;
            RawRecord {
                line,
                column,
                json: raw.get(),
            }
        })
        .collect())
}

fn shape_error(message: String) -> JsonError {
    JsonError { line: 1, message }
}

impl RawRecord<'_> {
    /// Parses the record; an error names the line and column in the whole file.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_str(self.json).map_err(|err| {
            let line = self.line + err.line() - 1;
            let column = if err.line() == 1 {
                self.column + err.column() - 1
            } else {
                err.column()
            };
            format!("line {line} column {column}: {err}")
        })
    }

    /// The record's `id`, if it has one, for messages about a record that did not parse.
    pub(crate) fn id(&self) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Id {
            id: Option<String>,
        }
        serde_json::from_str::<Id>(self.json).ok()?.id
    }

    pub(crate) fn location(&self, file: &str) -> Location {
        Location::new(file, Some(self.line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_array_and_page_all_split_with_their_lines() {
        let single = split_records("{\"id\": \"a\"}").unwrap();
        assert_eq!((single.len(), single[0].line), (1, 1));
        let array = split_records("[\n {\"id\": \"a\"},\n {\"id\": \"b\"}\n]").unwrap();
        assert_eq!(array.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3]);
        let page =
            split_records("{\"pageNumber\": 1,\n \"itemList\": [\n  {\"id\": \"a\"}]}").unwrap();
        assert_eq!((page.len(), page[0].line), (1, 3));
        let empty = split_records("{\"pageNumber\": 1, \"itemList\": null}").unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let Err(err) = split_records("[\n {\"id\": \"a\",,}\n]") else {
            panic!("accepted malformed JSON");
        };
        assert!(err.message.starts_with("line 2 column"), "{}", err.message);
        let records = split_records("[\n {\"id\": 1}\n]").unwrap();
        #[derive(serde::Deserialize, Debug)]
        struct Rec {
            #[allow(dead_code)]
            id: String,
        }
        let err = records[0].parse::<Rec>().unwrap_err();
        assert!(err.starts_with("line 2 column"), "{err}");
    }
}
