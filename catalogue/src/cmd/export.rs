//! `aurora export`: a verified catalogue's service texts and areas as JSON Lines, for other tools.
//!
//! The binary shards are the app's format; JSON Lines is what search engines, spreadsheets and the
//! relevance benchmark (`cargo xtask bench relevance`) can read. The export is taken from a catalogue
//! that passed the same verification as `aurora verify`, so it never contains unsigned data.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use engine::format::{LocalText, Service};
use serde::Serialize;

use super::verify::{TrustArgs, open};

/// Export a verified catalogue as JSON Lines: one service per line with its id, name, summary,
/// description (each as {"fi","sv","en"}, null where missing) and areas ({"national","municipalities"}).
///
/// Examples:
///   aurora export --catalogue site/catalogue --out services.jsonl
///   aurora export --catalogue site/catalogue --trust keys/3f2a….pub | grep '"national":true'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The catalogue directory.
    #[arg(long)]
    catalogue: PathBuf,
    /// File to write (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
}

/// One exported line. Borrowed from the catalogue so the export costs no copies of the texts.
#[derive(Serialize)]
struct ExportedService<'a> {
    id: &'a str,
    name: &'a LocalText,
    summary: &'a LocalText,
    description: &'a LocalText,
    areas: ExportedAreas<'a>,
}

/// Only the fields a consumer needs to apply the area rule for a municipality.
#[derive(Serialize)]
struct ExportedAreas<'a> {
    national: bool,
    municipalities: &'a [String],
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let catalogue = open(&args.catalogue, &args.trust)?;
    let lines = export_lines(&catalogue.services)?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &lines).with_context(|| format!("writing {}", path.display()))?;
            println!(
                "exported {} services to {}",
                catalogue.services.len(),
                path.display()
            );
        }
        None => std::io::stdout()
            .lock()
            .write_all(&lines)
            .context("writing the export to standard output")?,
    }
    Ok(())
}

/// The services as JSON Lines, in catalogue order, each line ending in `\n`.
fn export_lines(services: &[Service]) -> anyhow::Result<Vec<u8>> {
    let mut lines = Vec::new();
    for service in services {
        let exported = ExportedService {
            id: &service.id,
            name: &service.name,
            summary: &service.summary,
            description: &service.description,
            areas: ExportedAreas {
                national: service.areas.national,
                municipalities: &service.areas.municipalities,
            },
        };
        serde_json::to_writer(&mut lines, &exported)
            .with_context(|| format!("serialising service {}", service.id))?;
        lines.push(b'\n');
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use engine::format::Areas;

    use super::*;

    fn service(id: &str, national: bool, municipalities: &[&str]) -> Service {
        Service {
            name: LocalText {
                fi: Some("Kirjasto".to_owned()),
                sv: Some("Bibliotek".to_owned()),
                en: None,
            },
            description: LocalText {
                fi: Some("Lainaa kirjoja.".to_owned()),
                sv: None,
                en: None,
            },
            service_classes: vec!["P1".to_owned()],
            areas: Areas {
                national,
                municipalities: municipalities
                    .iter()
                    .map(|code| (*code).to_owned())
                    .collect(),
                regions: vec!["10".to_owned()],
                wellbeing_counties: Vec::new(),
                excluded_regions: Vec::new(),
            },
            ..Service::new(id, "test")
        }
    }

    #[test]
    fn each_service_is_one_line_with_texts_in_three_languages_and_nulls() {
        let lines =
            export_lines(&[service("a", false, &["491"]), service("b", true, &[])]).unwrap();
        let text = String::from_utf8(lines).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(text.ends_with('\n'));
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(
            first,
            serde_json::json!({
                "id": "a",
                "name": {"fi": "Kirjasto", "sv": "Bibliotek", "en": null},
                "summary": {"fi": null, "sv": null, "en": null},
                "description": {"fi": "Lainaa kirjoja.", "sv": null, "en": null},
                "areas": {"national": false, "municipalities": ["491"]}
            })
        );
        let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["areas"]["national"], true);
    }
}
