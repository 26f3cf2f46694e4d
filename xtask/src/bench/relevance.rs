//! `cargo xtask bench relevance`: Aurora and MiniSearch answer the judged queries of
//! `relevance/judgments.jsonl`; one table of NDCG@10, recall@10, MRR and typo found@5 per language, the
//! life-event NDCG@10, the ratios and the targets (see `BENCHMARKS.md`, metrics in `metrics.rs`).
//!
//! Steps: build the CLI in release, build a fresh catalogue with the development key into
//! `target/bench/catalogue`, export it as JSON Lines, write one query file per system, run
//! `aurora recommend --queries` once and `tests/bench/minisearch.mjs` once per MiniSearch config, and score
//! the rankings here. Every input and output stays in `target/bench/` for inspection.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::Value;
use xshell::{Shell, cmd};

use super::judgments::{self, Judgment, Kind, Lang};
use super::metrics::{self, CUTOFF, Grades, TYPO_CUTOFF};
use crate::{cargo, project_root};

/// NDCG@10 overall must be at least this multiple of MiniSearch with prefix and fuzzy search.
const TARGET_NDCG_OVER_MINISEARCH: f64 = 2.0;
/// Share of typo queries whose answer is still in the top 5.
const TARGET_TYPO_FOUND: f64 = 0.9;
/// Swedish and English NDCG@10 as a share of Finnish: the cross-lingual promise.
const TARGET_LANGUAGE_PARITY: f64 = 0.9;
const TARGET_LIFE_EVENT_NDCG: f64 = 0.6;

#[derive(Clone, Copy, PartialEq, Eq)]
enum System {
    Aurora,
    MiniSearchDefault,
    MiniSearchPrefixFuzzy,
}

impl System {
    /// The `--config` of `tests/bench/minisearch.mjs`.
    fn minisearch_config(self) -> Option<&'static str> {
        match self {
            System::Aurora => None,
            System::MiniSearchDefault => Some("default"),
            System::MiniSearchPrefixFuzzy => Some("prefix-fuzzy"),
        }
    }

    fn label(self) -> &'static str {
        match self {
            System::Aurora => "Aurora",
            System::MiniSearchDefault => "MiniSearch default",
            System::MiniSearchPrefixFuzzy => "MiniSearch prefix+fuzzy",
        }
    }
}

/// One system's answers: ranked service ids per judgment, in judgment order, and how long it took.
struct SystemRun {
    system: System,
    rankings: Vec<Vec<String>>,
    wall_time: Duration,
}

type Metric = fn(&[String], &Grades) -> f64;

/// A block of four columns (fi, sv, en, all) in the table.
struct MetricGroup {
    title: &'static str,
    counts: fn(Kind) -> bool,
    metric: Metric,
}

const GROUPS: [MetricGroup; 4] = [
    MetricGroup {
        title: "NDCG@10 (kw+sentence)",
        counts: Kind::is_text,
        metric: ndcg,
    },
    MetricGroup {
        title: "recall@10 (kw+sentence)",
        counts: Kind::is_text,
        metric: recall,
    },
    MetricGroup {
        title: "MRR (kw+sentence)",
        counts: Kind::is_text,
        metric: metrics::reciprocal_rank,
    },
    MetricGroup {
        title: "typo found@5",
        counts: is_typo,
        metric: typo_found,
    },
];

fn ndcg(ranked: &[String], grades: &Grades) -> f64 {
    metrics::ndcg_at(ranked, grades, CUTOFF)
}

fn recall(ranked: &[String], grades: &Grades) -> f64 {
    metrics::recall_at(ranked, grades, CUTOFF)
}

fn typo_found(ranked: &[String], grades: &Grades) -> f64 {
    metrics::typo_found_at(ranked, grades, TYPO_CUTOFF)
}

fn is_typo(kind: Kind) -> bool {
    kind == Kind::Typo
}

fn is_life_event(kind: Kind) -> bool {
    kind == Kind::LifeEvent
}

/// Everything one run reads and writes, all under `target/bench/` so it can be inspected afterwards.
struct BenchFiles {
    dir: PathBuf,
    aurora: PathBuf,
    minisearch_script: PathBuf,
    catalogue: PathBuf,
    services: PathBuf,
    aurora_queries: PathBuf,
    minisearch_queries: PathBuf,
}

pub(crate) fn run() -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    if !root.join("node_modules/minisearch").is_dir() {
        bail!(
            "node_modules/minisearch is missing; run `npm ci` (or any `cargo xtask` task that installs it)"
        );
    }
    let dir = root.join("target/bench");
    let files = BenchFiles {
        aurora: root.join("target/release/aurora"),
        minisearch_script: root.join("tests/bench/minisearch.mjs"),
        catalogue: dir.join("catalogue"),
        services: dir.join("services.jsonl"),
        aurora_queries: dir.join("queries-aurora.jsonl"),
        minisearch_queries: dir.join("queries-minisearch.jsonl"),
        dir,
    };
    std::fs::create_dir_all(&files.dir)
        .with_context(|| format!("creating {}", files.dir.display()))?;

    let cargo = cargo();
    cmd!(sh, "{cargo} build --release --package aurora-catalogue").run()?;
    let BenchFiles {
        aurora,
        catalogue,
        services,
        ..
    } = &files;
    cmd!(sh, "{aurora} build --out {catalogue} --quiet").run()?;
    cmd!(
        sh,
        "{aurora} export --catalogue {catalogue} --out {services}"
    )
    .run()?;

    let judgments = judgments::read_judgments(&root.join("relevance/judgments.jsonl"))?;
    warn_about_judged_ids_missing_from(&judgments, services)?;
    let life_event_names = judgments::read_life_event_names(&[
        &root.join("data/ptv-releases/life_events.json"),
        &root.join("data/aurora/life_events.json"),
    ])?;
    judgments::write_json_lines(
        &files.aurora_queries,
        &judgments
            .iter()
            .map(judgments::aurora_query)
            .collect::<Vec<_>>(),
    )?;
    judgments::write_json_lines(
        &files.minisearch_queries,
        &judgments
            .iter()
            .map(|judgment| judgments::minisearch_query(judgment, &life_event_names))
            .collect::<anyhow::Result<Vec<_>>>()?,
    )?;

    let runs = [
        run_aurora(&sh, &files, &judgments)?,
        run_minisearch(&sh, &files, System::MiniSearchDefault, &judgments)?,
        run_minisearch(&sh, &files, System::MiniSearchPrefixFuzzy, &judgments)?,
    ];
    print!("{}", report(&judgments, &runs));
    Ok(())
}

fn run_aurora(sh: &Shell, files: &BenchFiles, judgments: &[Judgment]) -> anyhow::Result<SystemRun> {
    let BenchFiles {
        aurora,
        catalogue,
        aurora_queries,
        ..
    } = files;
    let started = Instant::now();
    let answers = cmd!(
        sh,
        "{aurora} recommend --catalogue {catalogue} --queries {aurora_queries}"
    )
    .read()?;
    let wall_time = started.elapsed();
    save(&files.dir.join("answers-aurora.jsonl"), &answers)?;
    let mut rankings = Vec::new();
    for (index, line) in answers.lines().enumerate() {
        let answer: Value = serde_json::from_str(line)
            .with_context(|| format!("Aurora answer {}: not JSON", index + 1))?;
        let results = answer
            .get("results")
            .and_then(Value::as_array)
            .with_context(|| format!("Aurora answer {}: no results array", index + 1))?;
        let ids = results
            .iter()
            .map(|result| {
                result
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .with_context(|| format!("Aurora answer {}: a result without id", index + 1))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        rankings.push(ids);
    }
    // Answers carry no query id; the batch promises one line per query, in order, so check the count.
    if rankings.len() != judgments.len() {
        bail!(
            "Aurora answered {} queries, expected {}",
            rankings.len(),
            judgments.len()
        );
    }
    Ok(SystemRun {
        system: System::Aurora,
        rankings,
        wall_time,
    })
}

fn run_minisearch(
    sh: &Shell,
    files: &BenchFiles,
    system: System,
    judgments: &[Judgment],
) -> anyhow::Result<SystemRun> {
    let config = system
        .minisearch_config()
        .context("not a MiniSearch system")?;
    let BenchFiles {
        minisearch_script,
        services,
        minisearch_queries,
        ..
    } = files;
    let started = Instant::now();
    let output = cmd!(
        sh,
        "node {minisearch_script} --services {services} --queries {minisearch_queries} --config {config}"
    )
    .read()?;
    let wall_time = started.elapsed();
    save(
        &files.dir.join(format!("ranked-minisearch-{config}.jsonl")),
        &output,
    )?;
    let mut by_id = HashMap::new();
    for (index, line) in output.lines().enumerate() {
        let row: Value = serde_json::from_str(line)
            .with_context(|| format!("MiniSearch {config} line {}: not JSON", index + 1))?;
        let id = row.get("id").and_then(Value::as_str);
        let ranked = row.get("ranked").and_then(Value::as_array);
        let (Some(id), Some(ranked)) = (id, ranked) else {
            bail!(
                "MiniSearch {config} line {}: expected id and ranked",
                index + 1
            );
        };
        let ids = ranked
            .iter()
            .map(|id| id.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .with_context(|| {
                format!(
                    "MiniSearch {config} line {}: a ranked id is not a string",
                    index + 1
                )
            })?;
        by_id.insert(id.to_owned(), ids);
    }
    let rankings = judgments
        .iter()
        .map(|judgment| {
            by_id
                .remove(&judgment.id)
                .with_context(|| format!("MiniSearch {config} did not answer {}", judgment.id))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(SystemRun {
        system,
        rankings,
        wall_time,
    })
}

fn save(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Judged ids the catalogue lacks can never be found, so every system's ceiling drops. That means the
/// judgments need review (relevance/README.md), not that the benchmark is broken, hence a warning.
fn warn_about_judged_ids_missing_from(
    judgments: &[Judgment],
    services: &Path,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(services)
        .with_context(|| format!("reading {}", services.display()))?;
    let mut catalogue_ids = HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let service: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", services.display(), index + 1))?;
        let id = service
            .get("id")
            .and_then(Value::as_str)
            .with_context(|| format!("{}:{}: no id", services.display(), index + 1))?;
        catalogue_ids.insert(id.to_owned());
    }
    let mut missing: Vec<&str> = judgments
        .iter()
        .flat_map(|judgment| judgment.grades.keys())
        .filter(|id| !catalogue_ids.contains(*id))
        .map(String::as_str)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        eprintln!(
            "warning: {} judged service ids are not in the catalogue, e.g. {}; review relevance/judgments.jsonl",
            missing.len(),
            missing
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

/// Mean of `metric` over the judgments of the matching kinds, in one language or (`None`) all.
fn mean_score(
    judgments: &[Judgment],
    run: &SystemRun,
    counts: fn(Kind) -> bool,
    lang: Option<Lang>,
    metric: Metric,
) -> Option<f64> {
    let scores: Vec<f64> = judgments
        .iter()
        .zip(&run.rankings)
        .filter(|(judgment, _)| {
            counts(judgment.kind) && lang.is_none_or(|lang| judgment.lang == lang)
        })
        .map(|(judgment, ranked)| metric(ranked, &judgment.grades))
        .collect();
    metrics::mean(&scores)
}

fn query_count(judgments: &[Judgment], counts: fn(Kind) -> bool, lang: Option<Lang>) -> usize {
    judgments
        .iter()
        .filter(|judgment| counts(judgment.kind) && lang.is_none_or(|lang| judgment.lang == lang))
        .count()
}

const SCOPES: [Option<Lang>; 4] = [Some(Lang::Fi), Some(Lang::Sv), Some(Lang::En), None];
const SYSTEM_WIDTH: usize = 25;
const CELL_WIDTH: usize = 6;

fn cell(value: Option<f64>) -> String {
    match value {
        Some(value) => format!("{value:<CELL_WIDTH$.3}"),
        None => format!("{:<CELL_WIDTH$}", "-"),
    }
}

fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> Option<f64> {
    match (numerator, denominator) {
        (Some(numerator), Some(denominator)) if denominator > 0.0 => Some(numerator / denominator),
        _ => None,
    }
}

fn target_line(name: &str, value: Option<f64>, target: f64) -> String {
    let (marker, shown) = match value {
        Some(value) if value >= target => ("PASS", format!("{value:.3}")),
        Some(value) => ("FAIL", format!("{value:.3}")),
        None => ("FAIL", "n/a".to_owned()),
    };
    format!("  {marker}  {name} = {shown}  (target ≥ {target:.2})\n")
}

/// The whole printed report: the table, the targets, the ratios per system and the wall times.
fn report(judgments: &[Judgment], runs: &[SystemRun; 3]) -> String {
    let mut out = String::new();
    let group_width = CELL_WIDTH * SCOPES.len();
    let life_event_title = "life-event NDCG@10";

    out.push_str(&format!(
        "\nRelevance: {} judged queries, ranked lists of {} cut at 10 (typo: 5)\n\n",
        judgments.len(),
        metrics::RR_DEPTH
    ));
    out.push_str(&format!("{:<SYSTEM_WIDTH$}", ""));
    for group in &GROUPS {
        out.push_str(&format!("| {:<group_width$}", group.title));
    }
    out.push_str(&format!("| {life_event_title}\n"));
    out.push_str(&format!("{:<SYSTEM_WIDTH$}", "system"));
    for _ in &GROUPS {
        out.push_str("| ");
        for scope in SCOPES {
            out.push_str(&format!("{:<CELL_WIDTH$}", scope.map_or("all", Lang::code)));
        }
    }
    out.push_str("| all\n");
    out.push_str(&format!("{:<SYSTEM_WIDTH$}", "(queries)"));
    for group in &GROUPS {
        out.push_str("| ");
        for scope in SCOPES {
            out.push_str(&format!(
                "{:<CELL_WIDTH$}",
                query_count(judgments, group.counts, scope)
            ));
        }
    }
    out.push_str(&format!(
        "| {}\n",
        query_count(judgments, is_life_event, None)
    ));
    out.push_str(&format!(
        "{}\n",
        "-".repeat(SYSTEM_WIDTH + GROUPS.len() * (group_width + 2) + 2 + life_event_title.len())
    ));

    let score =
        |run: &SystemRun, lang: Option<Lang>| mean_score(judgments, run, Kind::is_text, lang, ndcg);
    let life_event = |run: &SystemRun| mean_score(judgments, run, is_life_event, None, ndcg);
    for run in runs {
        out.push_str(&format!("{:<SYSTEM_WIDTH$}", run.system.label()));
        for group in &GROUPS {
            out.push_str("| ");
            for scope in SCOPES {
                out.push_str(&cell(mean_score(
                    judgments,
                    run,
                    group.counts,
                    scope,
                    group.metric,
                )));
            }
        }
        out.push_str(&format!("| {}\n", cell(life_event(run)).trim_end()));
    }

    let [aurora, _, minisearch_prefix_fuzzy] = runs;
    out.push_str("\nTargets for Aurora (reported, never enforced):\n");
    out.push_str(&target_line(
        "NDCG@10 all ÷ MiniSearch prefix+fuzzy",
        ratio(score(aurora, None), score(minisearch_prefix_fuzzy, None)),
        TARGET_NDCG_OVER_MINISEARCH,
    ));
    out.push_str(&target_line(
        "typo found@5 all",
        mean_score(judgments, aurora, is_typo, None, typo_found),
        TARGET_TYPO_FOUND,
    ));
    for lang in [Lang::Sv, Lang::En] {
        out.push_str(&target_line(
            &format!("NDCG@10 {} ÷ fi", lang.code()),
            ratio(score(aurora, Some(lang)), score(aurora, Some(Lang::Fi))),
            TARGET_LANGUAGE_PARITY,
        ));
    }
    out.push_str(&target_line(
        "life-event NDCG@10",
        life_event(aurora),
        TARGET_LIFE_EVENT_NDCG,
    ));

    out.push_str(&format!(
        "\nRatios of NDCG@10 (kw+sentence)\n{:<SYSTEM_WIDTH$}| ÷ MiniSearch prefix+fuzzy (all) | sv ÷ fi | en ÷ fi\n",
        "system"
    ));
    for run in runs {
        out.push_str(&format!(
            "{:<SYSTEM_WIDTH$}| {:<32}| {:<8}| {}\n",
            run.system.label(),
            cell(ratio(
                score(run, None),
                score(minisearch_prefix_fuzzy, None)
            )),
            cell(ratio(
                score(run, Some(Lang::Sv)),
                score(run, Some(Lang::Fi))
            )),
            cell(ratio(
                score(run, Some(Lang::En)),
                score(run, Some(Lang::Fi))
            ))
            .trim_end(),
        ));
    }

    out.push_str("\nWall time of each full run (informational; process start, catalogue load or indexing, all queries):");
    for run in runs {
        out.push_str(&format!(
            " {} {:.2} s;",
            run.system.label(),
            run.wall_time.as_secs_f64()
        ));
    }
    out.pop();
    out.push('\n');
    out
}
