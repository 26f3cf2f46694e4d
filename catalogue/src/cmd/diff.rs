//! `aurora diff`: what changed between two verified catalogues, service by service and field by field.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use engine::format::{Lang, Service};
use serde::Serialize;
use serde_json::Value;

use super::verify::{TrustArgs, open};

/// Compare two catalogues: services added, removed and changed (with the fields that changed), and
/// which code lists changed. Both are verified first, with the same trust flags as `aurora verify`.
///
/// Exits 0 whether or not they differ (1 only if a catalogue fails verification).
///
/// Examples:
///   aurora diff site/catalogue-v41 site/catalogue
///   aurora diff old/ new/ --trust keys/3f2a….pub --json | jq '.changed[] | select(.fields | index("areas"))'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The older catalogue directory.
    old: PathBuf,
    /// The newer catalogue directory.
    new: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// Print the differences as JSON (with old and new values of every changed field).
    #[arg(long)]
    json: bool,
    /// Print only the summary line.
    #[arg(long)]
    quiet: bool,
}

#[derive(Serialize)]
struct Listed {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct Changed {
    id: String,
    name: String,
    fields: Vec<String>,
    changes: BTreeMap<String, FieldChange>,
}

#[derive(Serialize)]
struct FieldChange {
    old: Value,
    new: Value,
}

#[derive(Serialize)]
struct Diff {
    old_version: u64,
    new_version: u64,
    added: Vec<Listed>,
    removed: Vec<Listed>,
    changed: Vec<Changed>,
    unchanged: usize,
    code_lists_changed: Vec<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let old = open(&args.old, &args.trust)?;
    let new = open(&args.new, &args.trust)?;
    let diff = compare(
        (&old.services, &old.codes),
        (&new.services, &new.codes),
        old.manifest.catalogue_version,
        new.manifest.catalogue_version,
    )?;
    match print(&diff, args.json, args.quiet) {
        // `aurora diff … | head` closes the pipe early; that is not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("writing to standard output"),
    }
}

fn print(diff: &Diff, json: bool, quiet: bool) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut stdout, diff)?;
        return writeln!(stdout);
    }
    writeln!(
        stdout,
        "catalogue version {} → {}: {} added, {} removed, {} changed, {} unchanged{}",
        diff.old_version,
        diff.new_version,
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.unchanged,
        if diff.code_lists_changed.is_empty() {
            String::new()
        } else {
            format!(
                "; code lists changed: {}",
                diff.code_lists_changed.join(", ")
            )
        }
    )?;
    if quiet {
        return Ok(());
    }
    for item in &diff.added {
        writeln!(stdout, "+ {} {}", item.id, item.name)?;
    }
    for item in &diff.removed {
        writeln!(stdout, "- {} {}", item.id, item.name)?;
    }
    for item in &diff.changed {
        writeln!(
            stdout,
            "~ {} {}: {}",
            item.id,
            item.name,
            item.fields.join(", ")
        )?;
        for (field, change) in &item.changes {
            writeln!(
                stdout,
                "    {field}: {} → {}",
                short(&change.old),
                short(&change.new)
            )?;
        }
    }
    Ok(())
}

fn name_of(service: &Service) -> String {
    service
        .name
        .best(Lang::Fi)
        .map(|(_, name)| name.to_owned())
        .unwrap_or_default()
}

fn compare(
    old: (&[Service], &engine::format::CodeLists),
    new: (&[Service], &engine::format::CodeLists),
    old_version: u64,
    new_version: u64,
) -> anyhow::Result<Diff> {
    let as_map = |services: &[Service]| -> anyhow::Result<BTreeMap<String, (Value, String)>> {
        services
            .iter()
            .map(|service| {
                Ok((
                    service.id.clone(),
                    (serde_json::to_value(service)?, name_of(service)),
                ))
            })
            .collect()
    };
    let old_map = as_map(old.0)?;
    let new_map = as_map(new.0)?;
    let mut diff = Diff {
        old_version,
        new_version,
        added: vec![],
        removed: vec![],
        changed: vec![],
        unchanged: 0,
        code_lists_changed: vec![],
    };
    for (id, (value, name)) in &new_map {
        let Some((old_value, _)) = old_map.get(id) else {
            diff.added.push(Listed {
                id: id.clone(),
                name: name.clone(),
            });
            continue;
        };
        let (Value::Object(old_fields), Value::Object(new_fields)) = (old_value, value) else {
            continue;
        };
        let mut changes = BTreeMap::new();
        for (field, new_field) in new_fields {
            let old_field = old_fields.get(field).unwrap_or(&Value::Null);
            if old_field != new_field {
                changes.insert(
                    field.clone(),
                    FieldChange {
                        old: old_field.clone(),
                        new: new_field.clone(),
                    },
                );
            }
        }
        if changes.is_empty() {
            diff.unchanged += 1;
        } else {
            diff.changed.push(Changed {
                id: id.clone(),
                name: name.clone(),
                fields: changes.keys().cloned().collect(),
                changes,
            });
        }
    }
    for (id, (_, name)) in &old_map {
        if !new_map.contains_key(id) {
            diff.removed.push(Listed {
                id: id.clone(),
                name: name.clone(),
            });
        }
    }
    if let (Value::Object(old_codes), Value::Object(new_codes)) =
        (serde_json::to_value(old.1)?, serde_json::to_value(new.1)?)
    {
        diff.code_lists_changed = new_codes
            .iter()
            .filter(|(list, value)| old_codes.get(*list) != Some(value))
            .map(|(list, _)| list.clone())
            .collect();
    }
    Ok(diff)
}

/// A value on one line, cut to 100 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 100 {
        text
    } else {
        let cut: String = text.chars().take(99).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use engine::format::{Areas, CodeLists, LocalText};

    use super::*;

    fn service(id: &str, name: &str, national: bool) -> Service {
        Service {
            name: LocalText {
                fi: Some(name.to_owned()),
                ..LocalText::default()
            },
            areas: Areas {
                national,
                ..Areas::default()
            },
            ..Service::new(id, "test")
        }
    }

    #[test]
    fn added_removed_and_changed_fields() {
        let codes = CodeLists::default();
        let old = vec![
            service("a", "A", true),
            service("b", "B", true),
            service("c", "C", true),
        ];
        let new = vec![
            service("a", "A", true),
            service("b", "Bee", false),
            service("d", "D", true),
        ];
        let diff = compare((&old, &codes), (&new, &codes), 1, 2).unwrap();
        assert_eq!(diff.added[0].id, "d");
        assert_eq!(diff.removed[0].id, "c");
        assert_eq!(diff.changed[0].fields, vec!["areas", "name"]);
        assert_eq!(diff.changed[0].changes["name"].new["fi"], "Bee");
        assert_eq!(diff.unchanged, 1);
        assert!(diff.code_lists_changed.is_empty());
    }
}
