//! One module per subcommand: its clap `Args` (doc comments are the `--help`), its `run` and its tests.

pub(crate) mod bench_queries;
pub(crate) mod build;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod import_ptv;
pub(crate) mod keygen;
pub(crate) mod recommend;
pub(crate) mod stats;
pub(crate) mod synth;
pub(crate) mod validate;
pub(crate) mod verify;
