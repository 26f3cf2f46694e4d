//! `cargo xtask fuzz [CASES]`: the decoder property tests with many more cases than CI runs.
//!
//! `cargo test` runs each property 256 times; this runs every decoder property (manifest, shards, codes,
//! query JSON) `CASES` times (default 1,000,000) in release mode, so arbitrary and mutated bytes get a
//! long look without slowing CI.

use xshell::{Shell, cmd};

use crate::{cargo, project_root};

/// Property tests that feed arbitrary or mutated bytes to a decoder.
const DECODER_PROPERTIES: &[&str] = &[
    "decoding_arbitrary_bytes_never_panics",
    "decoding_a_mutated_shard_never_panics",
    "decoding_and_validating_arbitrary_bytes_never_panics",
    "any_meter_map_is_validated_without_panicking",
];

pub(crate) fn run(cases: u64) -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let _dir = sh.push_dir(project_root());
    let cargo = cargo();
    for property in DECODER_PROPERTIES {
        println!("{property}: {cases} cases");
        cmd!(
            sh,
            "{cargo} test --release --package aurora-engine --lib {property} -- --nocapture"
        )
        .env("PROPTEST_CASES", cases.to_string())
        .run()?;
    }
    Ok(())
}
