//! Reading the shipped source data (`data/`) into catalogue records and code lists.
//!
//! Every source file holds one JSON record per line (a JSON array written line by line, or JSON Lines),
//! so every error names the file and line.

mod codes;
mod ptv_sheets;

use std::path::{Path, PathBuf};

use anyhow::Context;
use engine::format::{CodeLists, Service};
use serde::de::DeserializeOwned;

use crate::Rejected;

pub(crate) use codes::read_codes;
pub(crate) use ptv_sheets::read_services;

/// The data directory shipped in the repository.
pub(crate) fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

pub(crate) struct Sources {
    pub(crate) services: Vec<Service>,
    pub(crate) codes: CodeLists,
}

pub(crate) fn read_all(data_dir: &Path) -> anyhow::Result<Sources> {
    let mut codes = read_codes(data_dir)?;
    let services = read_services(data_dir, &mut codes)?;
    Ok(Sources { services, codes })
}

/// One parsed record and the line it came from.
pub(crate) struct Line<T> {
    pub(crate) line: usize,
    pub(crate) record: T,
}

/// Reads a file holding one JSON object per line, optionally wrapped in `[` … `]` with trailing commas.
pub(crate) fn read_lines<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<Line<T>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut records = Vec::new();
    for (line_idx, raw) in text.lines().enumerate() {
        let trimmed = raw.trim().trim_end_matches(',');
        if trimmed.is_empty() || trimmed == "[" || trimmed == "]" {
            continue;
        }
        let record = serde_json::from_str(trimmed).map_err(|err| {
            Rejected(format!(
                "{}:{}:{}: {err}",
                path.display(),
                line_idx + 1,
                err.column()
            ))
        })?;
        records.push(Line {
            line: line_idx + 1,
            record,
        });
    }
    Ok(records)
}
