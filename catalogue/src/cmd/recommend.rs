//! `aurora recommend`: the browser's ranking, from the command line, JSON in and JSON out.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use engine::query::decode_query;
use engine::{RankConfig, recommend};

use super::verify::{TrustArgs, open};

/// Rank services for a query (design brief §4 JSON) against a verified catalogue.
///
/// Examples:
///   aurora recommend --catalogue site/catalogue --query q.json
///   echo '{"lang":"fi","text":"menetin työpaikkani","municipality":"564"}' | aurora recommend --catalogue site/catalogue --query -
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The catalogue directory.
    #[arg(long)]
    catalogue: PathBuf,
    /// Query JSON file, or `-` for standard input.
    #[arg(long)]
    query: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let query_bytes = if args.query.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading the query from standard input")?;
        bytes
    } else {
        std::fs::read(&args.query).with_context(|| format!("reading {}", args.query.display()))?
    };
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
