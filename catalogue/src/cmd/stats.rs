//! `aurora stats`: coverage of a verified catalogue, as text, JSON, or one self-contained HTML report
//! with hand-written SVG charts (no scripts, no external requests: a CSP meta tag forbids them).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use engine::catalogue::AreaScope;
use engine::format::{CodeLists, Lang, LocalText, Manifest, Provenance, Sector, Service};
use serde::Serialize;

use super::verify::{TrustArgs, open};

/// Coverage of a catalogue: by municipality, language, sector, life area (3X10D meters, labelled vs
/// predicted) and life event (PTV label vs publisher rule). The catalogue is verified first, with the
/// same trust flags as `aurora verify`.
///
/// --html writes one self-contained HTML file with SVG charts (open it in any browser; it makes no
/// requests). Without --html or --json a short text summary is printed.
///
/// Examples:
///   aurora stats site/catalogue --html coverage.html
///   aurora stats site/catalogue --html raportti.html --lang fi --trust keys/3f2a….pub
///   aurora stats site/catalogue --json | jq '.sectors'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The catalogue directory.
    dir: PathBuf,
    /// Write the HTML report here (replaced atomically).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Print the statistics as JSON on standard output.
    #[arg(long)]
    json: bool,
    /// Language of the names in the report (fi, sv, en).
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print nothing but errors.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    trust: TrustArgs,
}

#[derive(Serialize)]
struct LanguageRow {
    lang: &'static str,
    name: usize,
    summary: usize,
    description: usize,
}

#[derive(Serialize)]
struct SplitRow {
    code: String,
    name: String,
    /// Set by a person (hand-made 3X10D labels; PTV's own life-event links).
    labelled: usize,
    /// Derived at publish time (meter prediction; life-event rules).
    derived: usize,
}

#[derive(Serialize)]
struct MunicipalityRow {
    code: String,
    name: String,
    /// Services offered in the municipality, its region or its wellbeing services county.
    local: usize,
}

#[derive(Serialize)]
struct Stats {
    catalogue_version: u64,
    synthetic: bool,
    services: usize,
    national: usize,
    languages: Vec<LanguageRow>,
    sectors: Vec<(String, usize)>,
    sources: Vec<(String, usize)>,
    /// Services whose meters are hand labels / predictions / absent.
    meter_provenance: BTreeMap<String, usize>,
    meters: Vec<SplitRow>,
    life_events: Vec<SplitRow>,
    services_with_channels: usize,
    services_with_phone: usize,
    services_with_opening_hours: usize,
    municipalities: Vec<MunicipalityRow>,
    shards: ShardSizes,
}

/// Bytes of the services shards (`FileEntry::size`) in the report's language, i.e. what a client reading
/// it downloads for its area.
#[derive(Serialize)]
struct ShardSizes {
    lang: &'static str,
    national_bytes: u64,
    local_bytes: u64,
    municipality_shards: usize,
    municipality_median_bytes: u64,
    /// The largest municipality shard: its code and bytes.
    largest_municipality: Option<(String, u64)>,
}

impl ShardSizes {
    fn of(manifest: &Manifest, lang: Lang) -> ShardSizes {
        let in_lang = || {
            manifest
                .files
                .iter()
                .filter(move |file| file.lang == Some(lang))
        };
        let size_of = |wanted: AreaScope| {
            in_lang()
                .filter(|file| file.area() == Some(wanted.clone()))
                .map(|file| file.size)
                .sum()
        };
        let mut municipalities: Vec<(u64, String)> = in_lang()
            .filter_map(|file| match file.area() {
                Some(AreaScope::Municipality(code)) => Some((file.size, code)),
                _ => None,
            })
            .collect();
        municipalities.sort();
        ShardSizes {
            lang: lang.code(),
            national_bytes: size_of(AreaScope::National),
            local_bytes: size_of(AreaScope::Local),
            municipality_shards: municipalities.len(),
            municipality_median_bytes: municipalities
                .get(municipalities.len() / 2)
                .map_or(0, |(size, _)| *size),
            largest_municipality: municipalities
                .last()
                .map(|(size, code)| (code.clone(), *size)),
        }
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let lang = Lang::from_code(&args.lang)
        .ok_or_else(|| anyhow::anyhow!("--lang {}: expected fi, sv or en", args.lang))?;
    let catalogue = open(&args.dir, &args.trust)?;
    let stats = compute(
        &catalogue.services,
        &catalogue.codes,
        lang,
        &catalogue.manifest,
    );
    if let Some(path) = &args.html {
        write_atomically(path, render_html(&stats, &args.dir).as_bytes())?;
        if !args.quiet && !args.json {
            println!("wrote {}", path.display());
        }
    }
    if args.json {
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, &stats).context("writing JSON")?;
        writeln!(stdout).context("writing JSON")?;
    } else if args.html.is_none() && !args.quiet {
        print_summary(&stats);
    }
    Ok(())
}

fn local_name(text: &LocalText, lang: Lang, fallback: &str) -> String {
    text.best(lang)
        .map_or_else(|| fallback.to_owned(), |(_, name)| name.to_owned())
}

fn compute(services: &[Service], codes: &CodeLists, lang: Lang, manifest: &Manifest) -> Stats {
    let count = |f: &dyn Fn(&Service) -> bool| services.iter().filter(|s| f(s)).count();
    let languages = Lang::ALL
        .into_iter()
        .map(|l| LanguageRow {
            lang: l.code(),
            name: count(&|s| s.name.get(l).is_some()),
            summary: count(&|s| s.summary.get(l).is_some()),
            description: count(&|s| s.description.get(l).is_some()),
        })
        .collect();
    let sectors = Sector::ALL
        .into_iter()
        .map(|sector| (sector.key().to_owned(), count(&|s| s.sector == sector)))
        .collect();
    let mut sources: BTreeMap<String, usize> = BTreeMap::new();
    let mut meter_provenance: BTreeMap<String, usize> = BTreeMap::new();
    for service in services {
        *sources.entry(service.source.clone()).or_default() += 1;
        let kind = match service.meter_provenance {
            Some(Provenance::Label) => "labelled",
            Some(Provenance::Predicted { .. }) => "predicted",
            Some(Provenance::Rule { .. }) => "rule",
            None => "none",
        };
        *meter_provenance.entry(kind.to_owned()).or_default() += 1;
    }
    let meters = codes
        .meters
        .iter()
        .map(|info| {
            let with = |labelled: bool| {
                count(&|s| {
                    let is_label = s.meter_provenance == Some(Provenance::Label);
                    is_label == labelled
                        && s.meters
                            .iter()
                            .any(|m| m.meter == info.meter && m.weight > 0.0)
                })
            };
            SplitRow {
                code: info.meter.key().to_owned(),
                name: local_name(&info.name, lang, info.meter.key()),
                labelled: with(true),
                derived: with(false),
            }
        })
        .collect();
    let mut life_events: Vec<SplitRow> = codes
        .life_events
        .iter()
        .map(|event| {
            let with = |labelled: bool| {
                count(&|s| {
                    s.life_events.iter().any(|link| {
                        link.code == event.code
                            && matches!(link.provenance, Provenance::Label) == labelled
                    })
                })
            };
            SplitRow {
                code: event.code.clone(),
                name: local_name(&event.name, lang, &event.code),
                labelled: with(true),
                derived: with(false),
            }
        })
        .collect();
    life_events.retain(|row| row.labelled + row.derived > 0 || !row.code.contains('.'));
    let municipalities = codes
        .municipalities
        .iter()
        .map(|m| MunicipalityRow {
            code: m.code.clone(),
            name: local_name(&m.name, lang, &m.code),
            local: count(&|s| {
                let areas = &s.areas;
                areas.municipalities.contains(&m.code)
                    || m.region.as_ref().is_some_and(|r| areas.regions.contains(r))
                    || m.wellbeing_county
                        .as_ref()
                        .is_some_and(|c| areas.wellbeing_counties.contains(c))
            }),
        })
        .collect();
    Stats {
        catalogue_version: manifest.catalogue_version,
        synthetic: manifest.synthetic,
        services: services.len(),
        national: count(&|s| s.areas.national),
        languages,
        sectors,
        sources: sources.into_iter().collect(),
        meter_provenance,
        meters,
        life_events,
        services_with_channels: count(&|s| !s.channels.is_empty()),
        services_with_phone: count(&|s| s.channels.iter().any(|c| !c.phones.is_empty())),
        services_with_opening_hours: count(&|s| {
            s.channels.iter().any(|c| !c.opening_hours.is_empty())
        }),
        municipalities,
        shards: ShardSizes::of(manifest, lang),
    }
}

fn print_summary(stats: &Stats) {
    println!(
        "catalogue version {}: {} services ({} national){}",
        stats.catalogue_version,
        stats.services,
        stats.national,
        if stats.synthetic { ", SYNTHETIC" } else { "" }
    );
    for row in &stats.languages {
        println!(
            "  {}: {} names, {} summaries, {} descriptions",
            row.lang, row.name, row.summary, row.description
        );
    }
    let sectors: Vec<String> = stats
        .sectors
        .iter()
        .map(|(sector, n)| format!("{sector} {n}"))
        .collect();
    println!("  sectors: {}", sectors.join(", "));
    let provenance: Vec<String> = stats
        .meter_provenance
        .iter()
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect();
    println!("  3X10D meters: {}", provenance.join(", "));
    let without = stats.municipalities.iter().filter(|m| m.local == 0).count();
    println!(
        "  municipalities without local services: {without} of {}",
        stats.municipalities.len()
    );
    let shards = &stats.shards;
    let largest = shards
        .largest_municipality
        .as_ref()
        .map_or_else(String::new, |(code, size)| {
            format!(", largest m{code} {size} B")
        });
    println!(
        "  shards ({}): national {} B, local {} B; {} municipality shards, median {} B{largest}",
        shards.lang,
        shards.national_bytes,
        shards.local_bytes,
        shards.municipality_shards,
        shards.municipality_median_bytes
    );
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?
        .to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| {
        let _ = std::fs::remove_file(&temp);
        format!("moving the report into {}", path.display())
    })
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Colours with enough contrast on white, one per series.
const COLOURS: [&str; 3] = ["#1f5fa8", "#e08a1e", "#6b8e23"];

/// A horizontal bar chart, bars stacked from `series` segments, with a legend and a value per row.
fn bar_chart(title: &str, series: &[&str], rows: &[(String, Vec<usize>)]) -> String {
    let label_width = 320.0;
    let bar_width = 420.0;
    let row_height = 22.0;
    let top = if series.len() > 1 { 34.0 } else { 10.0 };
    let height = top + row_height * rows.len() as f64 + 10.0;
    let width = label_width + bar_width + 90.0;
    let max = rows
        .iter()
        .map(|(_, values)| values.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(title),
        escape(title)
    );
    if series.len() > 1 {
        let mut x = label_width;
        for (idx, name) in series.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="8" width="14" height="14" fill="{}"/><text x="{}" y="20" class="legend">{}</text>"#,
                COLOURS[idx % COLOURS.len()],
                x + 20.0,
                escape(name)
            );
            x += 30.0 + 8.0 * name.chars().count() as f64;
        }
    }
    for (idx, (label, values)) in rows.iter().enumerate() {
        let y = top + row_height * idx as f64;
        let label: String = if label.chars().count() > 40 {
            format!("{}…", label.chars().take(39).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="label" text-anchor="end">{}</text>"#,
            label_width - 8.0,
            y + 15.0,
            escape(&label)
        );
        let mut x = label_width;
        for (series_idx, value) in values.iter().enumerate() {
            let w = bar_width * *value as f64 / max;
            if w > 0.0 {
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{}" width="{w:.1}" height="{}" fill="{}"><title>{}: {value}</title></rect>"#,
                    y + 3.0,
                    row_height - 6.0,
                    COLOURS[series_idx % COLOURS.len()],
                    escape(series.get(series_idx).copied().unwrap_or_default())
                );
            }
            x += w;
        }
        let total: usize = values.iter().sum();
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{}" class="value">{total}</text>"#,
            x + 6.0,
            y + 15.0
        );
    }
    svg.push_str("</svg>");
    svg
}

fn render_html(stats: &Stats, dir: &Path) -> String {
    let mut html = String::new();
    let title = format!(
        "Aurora catalogue coverage, version {}",
        stats.catalogue_version
    );
    let _ = write!(
        html,
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1a1a1a; padding: 0 1rem; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.2rem; margin-top: 2.2rem; }}
p.note {{ color: #444; max-width: 48rem; }}
svg text {{ font-size: 13px; fill: #1a1a1a; }} svg text.value {{ fill: #444; }}
dl.summary {{ display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }}
dl.summary dt {{ font-weight: 600; }}
.synthetic {{ background: #fde2e2; border: 2px solid #a00; padding: .5rem 1rem; }}
</style></head><body>
<h1>{title}</h1>
"#,
        title = escape(&title)
    );
    if stats.synthetic {
        html.push_str(
            "<p class=\"synthetic\"><strong>Synthetic catalogue:</strong> generated for scale tests, not real data.</p>\n",
        );
    }
    let _ = write!(
        html,
        "<dl class=\"summary\"><dt>Catalogue</dt><dd>{}</dd><dt>Services</dt><dd>{} ({} national)</dd>\
         <dt>With channels</dt><dd>{} (phone: {}, opening hours: {})</dd>",
        escape(&dir.display().to_string()),
        stats.services,
        stats.national,
        stats.services_with_channels,
        stats.services_with_phone,
        stats.services_with_opening_hours
    );
    for (source, n) in &stats.sources {
        let _ = write!(html, "<dt>Source</dt><dd>{}: {n}</dd>", escape(source));
    }
    html.push_str("</dl>\n");

    html.push_str("<h2>Languages</h2>\n<p class=\"note\">Services with a name, summary and description in each language.</p>\n");
    let rows: Vec<(String, Vec<usize>)> = stats
        .languages
        .iter()
        .flat_map(|row| {
            [
                (format!("{} name", row.lang), vec![row.name]),
                (format!("{} summary", row.lang), vec![row.summary]),
                (format!("{} description", row.lang), vec![row.description]),
            ]
        })
        .collect();
    html.push_str(&bar_chart(
        "Services by language of their texts",
        &["services"],
        &rows,
    ));

    html.push_str("<h2>Sectors</h2>\n<p class=\"note\">Public, private and third-sector (associations, foundations) services.</p>\n");
    let rows: Vec<(String, Vec<usize>)> = stats
        .sectors
        .iter()
        .map(|(sector, n)| (sector.replace('_', " "), vec![*n]))
        .collect();
    html.push_str(&bar_chart("Services by sector", &["services"], &rows));

    let labelled = stats.meter_provenance.get("labelled").copied().unwrap_or(0);
    let predicted = stats
        .meter_provenance
        .get("predicted")
        .copied()
        .unwrap_or(0);
    let _ = write!(
        html,
        "<h2>Life areas (3X10D)</h2>\n<p class=\"note\">Services that serve each life area. \
         Labelled: hand-made 3X10D labels ({labelled} services); predicted: the build's model ({predicted} services).</p>\n"
    );
    let rows: Vec<(String, Vec<usize>)> = stats
        .meters
        .iter()
        .map(|row| (row.name.clone(), vec![row.labelled, row.derived]))
        .collect();
    html.push_str(&bar_chart(
        "Services by life area",
        &["labelled", "predicted"],
        &rows,
    ));

    html.push_str("<h2>Life events</h2>\n<p class=\"note\">Services linked to each life event: by PTV's own link (labelled) or by the publisher's rules (data/aurora/life_events.json).</p>\n");
    let rows: Vec<(String, Vec<usize>)> = stats
        .life_events
        .iter()
        .map(|row| {
            (
                format!("{} {}", row.code, row.name),
                vec![row.labelled, row.derived],
            )
        })
        .collect();
    html.push_str(&bar_chart(
        "Services by life event",
        &["PTV link", "publisher rule"],
        &rows,
    ));

    let without = stats.municipalities.iter().filter(|m| m.local == 0).count();
    let _ = write!(
        html,
        "<h2>Municipalities</h2>\n<p class=\"note\">Local services (offered in the municipality, its region or wellbeing services county) \
         for the 30 best-covered municipalities; every municipality also sees the {} national services. \
         {without} of {} municipalities have no local service.</p>\n",
        stats.national,
        stats.municipalities.len()
    );
    let mut by_local: Vec<&MunicipalityRow> = stats.municipalities.iter().collect();
    by_local.sort_by(|a, b| b.local.cmp(&a.local).then(a.name.cmp(&b.name)));
    let rows: Vec<(String, Vec<usize>)> = by_local
        .iter()
        .take(30)
        .map(|m| (format!("{} ({})", m.name, m.code), vec![m.local]))
        .collect();
    html.push_str(&bar_chart(
        "Local services by municipality",
        &["local services"],
        &rows,
    ));
    let buckets = [(0, 0), (1, 5), (6, 20), (21, 100), (101, usize::MAX)];
    let rows: Vec<(String, Vec<usize>)> = buckets
        .iter()
        .map(|(low, high)| {
            let label = match (low, high) {
                (0, 0) => "no local services".to_owned(),
                (low, &usize::MAX) => format!("{low} or more"),
                (low, high) => format!("{low}–{high} local services"),
            };
            let n = stats
                .municipalities
                .iter()
                .filter(|m| (*low..=*high).contains(&m.local))
                .count();
            (label, vec![n])
        })
        .collect();
    html.push_str("<p class=\"note\">Municipalities by number of local services:</p>\n");
    html.push_str(&bar_chart(
        "Municipalities by number of local services",
        &["municipalities"],
        &rows,
    ));
    html.push_str("\n</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_is_escaped() {
        let svg = bar_chart(
            "A <b>",
            &["x"],
            &[("<script>alert(1)</script>".to_owned(), vec![3])],
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
