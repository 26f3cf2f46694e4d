//! One module per subcommand: its clap `Args` (doc comments are the `--help`), its `run` and its tests.

pub(crate) mod bench_queries;
pub(crate) mod build;
pub(crate) mod export;
pub(crate) mod keygen;
pub(crate) mod recommend;
pub(crate) mod synth;
pub(crate) mod verify;
