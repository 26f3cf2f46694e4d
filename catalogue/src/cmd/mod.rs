//! One module per subcommand: its clap `Args` (doc comments are the `--help`), its `run` and its tests.

pub(crate) mod build;
pub(crate) mod export;
pub(crate) mod keygen;
pub(crate) mod recommend;
pub(crate) mod verify;
