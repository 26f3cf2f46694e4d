//! `aurora recommend`: the browser's ranking, from the command line, JSON in and JSON out.
//!
//! One query (`--query`) prints one pretty answer. A batch (`--queries`, JSON Lines) loads and verifies the
//! catalogue once and prints one compact answer per line, so evaluations and benchmarks do not pay the
//! catalogue load per query.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ArgGroup;
use engine::format::CodeLists;
use engine::query::decode_query;
use engine::{RankConfig, ValidQuery, recommend};

use super::verify::{TrustArgs, open};
use crate::Rejected;

/// Rank services for a query (design brief §4 JSON) against a verified catalogue.
///
/// With --queries, every line of the file is one query; every answer is printed on one line, in the
/// same order. Blank lines are skipped. If any line is not a valid query, nothing is answered and the
/// error names the file and line.
///
/// Examples:
///   aurora recommend --catalogue site/catalogue --query q.json
///   echo '{"lang":"fi","text":"menetin työpaikkani","municipality":"564"}' | aurora recommend --catalogue site/catalogue --query -
///   aurora recommend --catalogue site/catalogue --queries queries.jsonl > answers.jsonl
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
#[command(group(ArgGroup::new("input").required(true).args(["query", "queries"])))]
pub(crate) struct Args {
    /// The catalogue directory.
    #[arg(long)]
    catalogue: PathBuf,
    /// Query JSON file, or `-` for standard input.
    #[arg(long)]
    query: Option<PathBuf>,
    /// JSON Lines file of queries, one per line, or `-` for standard input.
    #[arg(long)]
    queries: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    match (&args.query, &args.queries) {
        (Some(query), _) => run_single(&args, query),
        (None, Some(queries)) => run_batch(&args, queries),
        // The required, single-choice "input" group makes this unreachable from the command line.
        (None, None) => Err(anyhow::anyhow!("either --query or --queries is required")),
    }
}

fn run_single(args: &Args, query_path: &Path) -> anyhow::Result<()> {
    let query_bytes = read_input(query_path, "the query")?;
    let catalogue = open(&args.catalogue, &args.trust)?;
    let query = decode_query(&query_bytes)?;
    let valid = query.validate(&catalogue.codes)?;
    let answer = recommend(&catalogue, &valid, &RankConfig::default());
    println!(
        "{}",
        serde_json::to_string_pretty(&answer).context("writing the answer")?
    );
    Ok(())
}

fn run_batch(args: &Args, queries_path: &Path) -> anyhow::Result<()> {
    let bytes = read_input(queries_path, "the queries")?;
    let text = String::from_utf8(bytes)
        .map_err(|err| Rejected(format!("{}: not UTF-8 text: {err}", queries_path.display())))?;
    let catalogue = open(&args.catalogue, &args.trust)?;
    // Every line is validated before the first answer, so a bad line never leaves a partial output.
    let queries = parse_query_lines(&text, &queries_path.display().to_string(), &catalogue.codes)?;
    let config = RankConfig::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for query in &queries {
        let answer = recommend(&catalogue, query, &config);
        serde_json::to_writer(&mut out, &answer).context("writing an answer")?;
        out.write_all(b"\n").context("writing an answer")?;
    }
    out.flush().context("writing the answers")?;
    Ok(())
}

/// Decodes and validates each non-blank line; an error is `Rejected` as `FILE:LINE: message`.
fn parse_query_lines(
    text: &str,
    file_label: &str,
    codes: &CodeLists,
) -> anyhow::Result<Vec<ValidQuery>> {
    let mut queries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_number = index + 1;
        let valid = decode_query(line.as_bytes()).and_then(|query| query.validate(codes));
        match valid {
            Ok(valid) => queries.push(valid),
            Err(err) => return Err(Rejected(format!("{file_label}:{line_number}: {err}")).into()),
        }
    }
    Ok(queries)
}

fn read_input(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {what} from standard input"))?;
        Ok(bytes)
    } else {
        std::fs::read(path).with_context(|| format!("reading {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_lines_are_validated_in_order_and_blank_lines_skipped() {
        let text = "{\"lang\":\"fi\",\"text\":\"kirjasto\"}\n\n{\"lang\":\"sv\",\"limit\":20}\n";
        let queries = parse_query_lines(text, "q.jsonl", &CodeLists::default()).unwrap();
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].text.as_deref(), Some("kirjasto"));
        assert_eq!(queries[1].limit, 20);
    }

    #[test]
    fn a_bad_batch_line_is_rejected_naming_file_and_line() {
        let text = "{\"lang\":\"fi\"}\n{\"lang\":\"de\"}\n";
        let err = parse_query_lines(text, "q.jsonl", &CodeLists::default()).unwrap_err();
        assert!(err.is::<Rejected>(), "{err:#}");
        assert_eq!(
            err.to_string(),
            "q.jsonl:2: lang: unknown language \"de\", expected fi, sv or en"
        );
        let err = parse_query_lines("{\"lang\":", "q.jsonl", &CodeLists::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("q.jsonl:1: query is not valid JSON"),
            "{err}"
        );
    }
}
