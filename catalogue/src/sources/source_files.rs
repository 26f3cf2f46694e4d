//! Aurora source files: `*.jsonl` ([`SourceService`] per line, from `aurora import-ptv` or by hand)
//! and `*.csv` (supplementary providers, see [`super::supplementary`]), found under `<data>/sources/`
//! and wherever `--source` points.
//!
//! Duplicate ids: records that are equal except for their areas are one service offered in several
//! areas, and their areas are merged; otherwise the later record is an error that names both places.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::record::SourceService;
use super::supplementary;
use crate::validate::{Diagnostics, Location, Severity};

pub(crate) struct Located<T> {
    pub(crate) location: Location,
    pub(crate) record: T,
}

/// The source files a build reads: every `*.jsonl` and `*.csv` under `<data>/sources/` (recursively),
/// then each `--source` path (a file, or a directory searched the same way), each in name order.
pub(crate) fn source_files(data_dir: &Path, extra: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let shipped = data_dir.join("sources");
    if shipped.is_dir() {
        collect(&shipped, &mut files)?;
    }
    for path in extra {
        if path.is_dir() {
            collect(path, &mut files)?;
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            anyhow::bail!("--source {}: no such file or directory", path.display());
        }
    }
    Ok(files)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("listing {}", dir.display()))?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext == "jsonl" || ext == "csv")
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads one source file. I/O failures are errors; bad records become diagnostics.
pub(crate) fn read_source_file(
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Vec<Located<SourceService>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file = path.display().to_string();
    if path.extension().is_some_and(|ext| ext == "csv") {
        return Ok(supplementary::read_csv(path, &text, diagnostics));
    }
    let mut records = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let location = Location::new(&file, Some(idx + 1));
        match serde_json::from_str::<SourceService>(line) {
            Ok(record) => records.push(Located { location, record }),
            Err(err) => {
                let record = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|value| value.get("id")?.as_str().map(str::to_owned));
                diagnostics.push(
                    Severity::Error,
                    &location,
                    record.as_deref(),
                    None,
                    format!("column {}: {err}", err.column()),
                );
            }
        }
    }
    Ok(records)
}

/// Applies the duplicate-id rule, keeping the first record's place.
pub(crate) fn merge_duplicates(
    records: Vec<Located<SourceService>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Located<SourceService>> {
    let mut out: Vec<Located<SourceService>> = Vec::with_capacity(records.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for located in records {
        let Some(&first) = index.get(&located.record.id) else {
            index.insert(located.record.id.clone(), out.len());
            out.push(located);
            continue;
        };
        let kept = &mut out[first];
        let differing = differing_fields(&kept.record, &located.record);
        if differing.iter().all(|field| field == "areas") {
            let areas = located.record.areas.clone();
            kept.record.areas.merge(&areas);
        } else {
            diagnostics.push(
                Severity::Error,
                &located.location,
                Some(&located.record.id),
                None,
                format!(
                    "duplicate id (also at {}) and the records differ in {}; only records that differ in their areas alone are merged",
                    kept.location,
                    differing.join(", ")
                ),
            );
        }
    }
    out
}

/// The top-level fields whose JSON differs.
pub(crate) fn differing_fields<T: serde::Serialize>(a: &T, b: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return vec!["(unserialisable)".to_owned()];
    };
    let mut fields: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|key| a.get(*key) != b.get(*key))
        .cloned()
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::record::Scope;

    fn record(line: &str) -> SourceService {
        serde_json::from_str(line).unwrap()
    }

    fn located(line: usize, record: SourceService) -> Located<SourceService> {
        Located {
            location: Location::new("x.jsonl", Some(line)),
            record,
        }
    }

    const A: &str = r#"{"id":"s:1","source":"supplementary:s","name":{"fi":"Apu"},"sector":"private","areas":{"scope":"limited","municipalities":["091"]}}"#;
    const B: &str = r#"{"id":"s:1","source":"supplementary:s","name":{"fi":"Apu"},"sector":"private","areas":{"scope":"limited","municipalities":["049"]}}"#;
    const C: &str = r#"{"id":"s:1","source":"supplementary:s","name":{"fi":"Toinen"},"sector":"private","areas":{"scope":"limited","municipalities":["049"]}}"#;

    #[test]
    fn records_differing_only_in_areas_merge() {
        let mut diagnostics = Diagnostics::default();
        let merged = merge_duplicates(
            vec![located(1, record(A)), located(2, record(B))],
            &mut diagnostics,
        );
        assert!(diagnostics.items.is_empty());
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].record.areas.municipalities, vec!["049", "091"]);
        assert_eq!(merged[0].record.areas.scope, Scope::Limited);
    }

    #[test]
    fn records_differing_otherwise_fail_naming_both_lines() {
        let mut diagnostics = Diagnostics::default();
        merge_duplicates(
            vec![located(1, record(A)), located(7, record(C))],
            &mut diagnostics,
        );
        let message = diagnostics.items[0].to_string();
        assert!(
            message.starts_with("error: x.jsonl:7: service s:1:"),
            "{message}"
        );
        assert!(message.contains("also at x.jsonl:1"), "{message}");
        assert!(message.contains("differ in areas, name"), "{message}");
    }
}
