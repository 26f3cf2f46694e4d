//! The `aurora` CLI as a publisher uses it, on the real shipped data and on bad input.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{assert_ok, aurora, copy_tree, keygen, s, stderr};
use std::sync::OnceLock;

struct Fixture {
    dir: PathBuf,
    secret: PathBuf,
    public: PathBuf,
    catalogue: PathBuf,
}

/// One key pair and one catalogue built from the shipped data, shared by the tests in this file.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("aurora-cli-tests-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (secret, public) = keygen(&dir);
        let catalogue = dir.join("catalogue");
        assert_ok(&aurora(&[
            "build",
            "--quiet",
            "--out",
            s(&catalogue),
            "--key",
            s(&secret),
        ]));
        Fixture {
            dir,
            secret,
            public,
            catalogue,
        }
    })
}

fn aurora_with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_aurora"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn recommend(query: &str) -> Output {
    let fixture = fixture();
    aurora_with_stdin(
        &[
            "recommend",
            "--catalogue",
            s(&fixture.catalogue),
            "--query",
            "-",
            "--trust",
            s(&fixture.public),
        ],
        query,
    )
}

fn copy_catalogue(name: &str) -> PathBuf {
    let fixture = fixture();
    let target = fixture.dir.join(name);
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(&fixture.catalogue).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
    }
    target
}

#[test]
fn built_catalogue_verifies_with_its_public_key() {
    let fixture = fixture();
    let output = aurora(&[
        "verify",
        s(&fixture.catalogue),
        "--trust",
        s(&fixture.public),
    ]);
    assert_ok(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("ok: catalogue version 1"), "{stdout}");
    assert!(stdout.contains("2045 services"), "{stdout}");
}

#[test]
fn recommend_answers_the_design_brief_json_with_real_ptv_ids() {
    let output = recommend(r#"{"lang":"fi","text":"kirjasto","limit":3}"#);
    assert_ok(&output);
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["catalogue_version"], 1);
    let first = &answer["results"][0];
    let id = first["id"].as_str().unwrap();
    assert_eq!(id.len(), 36, "PTV UUID expected, got {id}");
    assert!(
        first["name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("kirjasto")
    );
    assert_eq!(first["lang"], "fi");
    assert!(
        first["why"]
            .as_array()
            .unwrap()
            .iter()
            .any(|why| why["kind"] == "term")
    );
}

#[test]
fn recommend_limit_may_be_as_large_as_the_catalogue() {
    let output = recommend(r#"{"lang":"fi","meters":{"health":0},"limit":100000}"#);
    assert_ok(&output);
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["results"].as_array().unwrap().len() as u64,
        answer["total"].as_u64().unwrap()
    );
}

#[test]
fn unknown_meter_is_rejected_naming_the_field() {
    let output = recommend(r#"{"lang":"fi","meters":{"money":2}}"#);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("meters: unknown meter \"money\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rating_outside_zero_to_ten_is_rejected() {
    let output = recommend(r#"{"lang":"fi","meters":{"finance":11}}"#);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("meters.finance: rating 11"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unknown_language_and_municipality_are_rejected() {
    let output = recommend(r#"{"lang":"de"}"#);
    assert!(
        stderr(&output).contains("lang: unknown language \"de\""),
        "{}",
        stderr(&output)
    );
    let output = recommend(r#"{"lang":"fi","municipality":"999"}"#);
    assert!(
        stderr(&output).contains("municipality: unknown municipality code \"999\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn malformed_query_json_is_rejected_with_its_position() {
    let output = recommend(r#"{"lang":"fi","#);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("line 1 column"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn build_writes_content_addressed_area_shards_listed_in_the_signed_manifest() {
    let fixture = fixture();
    let manifest = engine::format::decode_manifest(
        &std::fs::read(fixture.catalogue.join("manifest.json")).unwrap(),
    )
    .unwrap();
    let mut on_disk: Vec<String> = std::fs::read_dir(&fixture.catalogue)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "manifest.json" && name != "manifest.sig")
        .collect();
    on_disk.sort();
    let mut named: Vec<String> = manifest.files.iter().map(|f| f.name.clone()).collect();
    named.sort();
    assert_eq!(
        on_disk, named,
        "the directory holds exactly the files the manifest names"
    );
    for file in &manifest.files {
        let bytes = std::fs::read(fixture.catalogue.join(&file.name)).unwrap();
        let hash = engine::verify::sha256_hex(&bytes);
        assert_eq!(hash, file.sha256, "{}", file.name);
        let lang = file.lang.unwrap().code();
        let stem = match &file.scope {
            Some(scope) => format!("services.{scope}.{lang}"),
            None => format!("codes.{lang}"),
        };
        assert_eq!(file.name, format!("{stem}.{}.bin", &hash[..16]));
    }
    let scopes: Vec<&str> = manifest
        .files
        .iter()
        .filter_map(|f| f.scope.as_deref())
        .collect();
    for scope in ["national", "local", "m091", "m564"] {
        assert!(scopes.contains(&scope), "{scope} in {scopes:?}");
    }
    let municipality_shards = scopes.iter().filter(|scope| scope.starts_with('m')).count();
    assert!(
        municipality_shards > 300,
        "one shard per municipality: {municipality_shards}"
    );
}

#[test]
fn one_changed_byte_in_a_municipality_shard_fails_verification_naming_the_file() {
    let fixture = fixture();
    let tampered = copy_catalogue("tampered");
    let shard = std::fs::read_dir(&tampered)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("services.m564.sv.")
        })
        .unwrap();
    let mut bytes = std::fs::read(&shard).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&shard, bytes).unwrap();
    let output = aurora(&["verify", s(&tampered), "--trust", s(&fixture.public)]);
    assert_eq!(output.status.code(), Some(1));
    let name = shard.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        stderr(&output).contains(&format!("file {name} does not match its SHA-256")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn catalogue_signed_by_an_untrusted_key_is_rejected() {
    let fixture = fixture();
    let other_keys = fixture.dir.join("other-keys");
    assert_ok(&aurora(&["keygen", "--out", s(&other_keys)]));
    let other_public = std::fs::read_dir(&other_keys)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().unwrap() == "pub")
        .unwrap();
    let output = aurora(&["verify", s(&fixture.catalogue), "--trust", s(&other_public)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("signed by unknown key"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn lower_catalogue_version_is_refused_and_the_previous_catalogue_kept() {
    let fixture = fixture();
    let out = copy_catalogue("versioned");
    let before = std::fs::read(out.join("manifest.json")).unwrap();
    let output = aurora(&[
        "build",
        "--quiet",
        "--out",
        s(&out),
        "--key",
        s(&fixture.secret),
        "--catalogue-version",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("catalogue version 1 is not above version 1"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), before);
}

#[test]
fn malformed_source_line_fails_the_build_with_file_and_line_and_writes_nothing() {
    let fixture = fixture();
    let data = fixture.dir.join("bad-data");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../data"),
        &data,
    );
    let sheet = data.join("ptv/services_3x10d_catalogue.json");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(idx, line)| {
            if idx == 4 {
                "{\"id\": oops},\n".to_owned()
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    std::fs::write(&sheet, broken).unwrap();
    let out = fixture.dir.join("never-written");
    let output = aurora(&[
        "build",
        "--quiet",
        "--out",
        s(&out),
        "--data",
        s(&data),
        "--key",
        s(&fixture.secret),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("services_3x10d_catalogue.json:5:"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn unwritable_output_directory_is_an_io_error() {
    let fixture = fixture();
    let output = aurora(&[
        "build",
        "--quiet",
        "--out",
        "/proc/aurora-cannot-write-here/catalogue",
        "--key",
        s(&fixture.secret),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("creating staging directory"),
        "{}",
        stderr(&output)
    );
}
