//! Helpers shared by the CLI test files: run `aurora`, read its output, make scratch directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn aurora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aurora"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub(crate) fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn assert_ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed ({:?}): {}",
        output.status.code(),
        stderr(output)
    );
    stdout(output)
}

/// Asserts the exit code and that standard error contains every piece.
pub(crate) fn assert_fails(output: &Output, code: i32, pieces: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "stderr: {err}");
    for piece in pieces {
        assert!(err.contains(piece), "{piece:?} not in: {err}");
    }
}

/// A fresh scratch directory for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("aurora-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

pub(crate) fn api_example(name: &str) -> PathBuf {
    data_dir().join("ptv/ptv_api_examples").join(name)
}

pub(crate) const NETTILUKIO: &str = "service_nettilukio_etalukio.json";
pub(crate) const LIPERI: &str = "service_liperi_yksilollistetty_oppimaara.json";
pub(crate) const OTAVA: &str = "channel_service_location_otavan_opisto.json";
pub(crate) const EXAMPLE_CSV: &str = "examples/supplementary/example.csv";

/// A key pair in `dir/keys`: (secret, public).
pub(crate) fn keygen(dir: &Path) -> (PathBuf, PathBuf) {
    let keys = dir.join("keys");
    assert_ok(&aurora(&["keygen", "--out", s(&keys)]));
    let find = |ext: &str| {
        std::fs::read_dir(&keys)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.extension().unwrap() == ext)
            .unwrap()
    };
    (find("secret"), find("pub"))
}

/// The records of a `services.jsonl`.
pub(crate) fn records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Copies a directory tree (test data into a scratch directory).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
