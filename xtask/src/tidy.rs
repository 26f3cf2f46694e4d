//! Architecture invariants a machine can check, as plain tests.

use std::path::{Path, PathBuf};

use crate::project_root;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every Rust source file except this one, which has to name what it looks for.
fn source_files() -> Vec<PathBuf> {
    [
        "engine/src",
        "catalogue/src",
        "app/src",
        "bench-wasm/src",
        "xtask/src",
    ]
    .iter()
    .flat_map(|dir| rust_files(&project_root().join(dir)))
    .filter(|path| !path.ends_with("xtask/src/tidy.rs"))
    .collect()
}

#[test]
fn every_module_file_starts_with_a_doc_comment() {
    for path in source_files() {
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "tests.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not start with a //! comment",
            path.display()
        );
    }
}

#[test]
fn engine_has_no_web_or_io_dependencies() {
    let manifest = std::fs::read_to_string(project_root().join("engine/Cargo.toml")).unwrap();
    // Only the library's own dependencies matter; the browser test may use wasm-bindgen-test.
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    for forbidden in ["web-sys", "gloo", "wasm-bindgen", "js-sys", "yew", "tokio"] {
        assert!(
            !dependencies.contains(forbidden),
            "engine/Cargo.toml depends on {forbidden}"
        );
    }
    // Nor may any crate the engine pulls in for the browser: what the app links, the engine carries.
    let tree = std::process::Command::new(crate::cargo())
        .current_dir(project_root())
        .args([
            "tree",
            "--package",
            "aurora-engine",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(["--edges", "normal", "--prefix", "none", "--offline"])
        .output()
        .unwrap();
    assert!(tree.status.success(), "cargo tree failed");
    let tree = String::from_utf8(tree.stdout).unwrap();
    for forbidden in ["web-sys ", "gloo", "wasm-bindgen ", "js-sys ", "yew "] {
        assert!(
            !tree.contains(forbidden),
            "the engine's wasm32 dependency tree holds {forbidden}"
        );
    }
    for path in rust_files(&project_root().join("engine/src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("std::fs"),
            "{} uses the file system",
            path.display()
        );
        assert!(
            !text.contains("SystemTime::now"),
            "{} reads the clock",
            path.display()
        );
    }
}

#[test]
fn no_todo_or_dbg_lands_on_main() {
    for path in source_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in ["todo!(", "dbg!(", "unimplemented!("] {
            assert!(
                !text.contains(needle),
                "{} contains {needle}",
                path.display()
            );
        }
    }
}

#[test]
fn nothing_reads_the_shared_folder_outside_the_repository() {
    for path in source_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("../shared"),
            "{} refers to ../shared",
            path.display()
        );
    }
}
