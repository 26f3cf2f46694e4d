//! `aurora validate` on the shipped data and the example supplementary file, and on bad input.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const HEADER: &str = "id,name_fi,name_sv,name_en,organisation,sector,service_classes,life_events,areas,web,phone,email,opening_hours";

/// A supplementary file named `name` in `dir` with the given rows under [`HEADER`].
fn csv(dir: &Path, name: &str, rows: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

const GOOD: &str = "t:1,Ruoka-apu,Mathjälp,,Yhdistys ry,third_sector,P4,KE9,091,https://example.org/,+358 9 123 4567,apu@example.org,mon-fri 09:00-12:00";

#[test]
fn shipped_data_is_valid_even_under_strict() {
    let output = aurora(&["validate", "--strict"]);
    let printed = assert_ok(&output);
    assert!(printed.starts_with("ok: 2045 services"), "{printed}");
    assert!(printed.contains("0 warnings"), "{printed}");
}

#[test]
fn example_supplementary_file_is_valid_and_merges_its_duplicate_row() {
    let example = data_dir().join(EXAMPLE_CSV);
    let output = aurora(&["validate", "--strict", "--json", "--source", s(&example)]);
    let result: Value = serde_json::from_str(&assert_ok(&output)).unwrap();
    assert_eq!(result["ok"], true);
    // Six rows, two of them the same service in different areas.
    assert_eq!(result["services"], 2045 + 5);
    assert_eq!(result["source_files"][1]["services"], 6);
}

#[test]
fn good_rows_pass_and_each_kind_of_bad_row_names_file_line_record_and_field() {
    let dir = scratch("validate-bad");
    let good = csv(&dir, "t.csv", &[GOOD]);
    assert_ok(&aurora(&["validate", "--source", s(&good)]));

    let bad = csv(
        &dir,
        "t.csv",
        &[
            "t:1,Apu,,,,private,P99,KE99,999,https://example.org/,,,",
            "t:2,,,Help only in English,,private,,,091,,,,",
            "t:3,Linkki,,,,private,,,091,javascript:alert(1),,,",
            "t:4,Data,,,,private,,,091,\"data:text/html,<b>hi</b>\",,,",
            "t:5,Puhelin,,,,private,,,091,,soita,ei-osoite,",
            "t:6,Aukiolo,,,,private,,,091,,,,maanantai 9-16",
            "t:7,Apu,,,,private,,,091,,,,",
            "t:7,Eri nimi,,,,private,,,049,,,,",
            "other:8,Väärä etuliite,,,,private,,,091,,,,",
            "t:9,Sektori,,,,charity,,,national,,,,",
        ],
    );
    let output = aurora(&["validate", "--source", s(&bad)]);
    let file = s(&bad);
    assert_fails(
        &output,
        1,
        &[
            &format!(
                "error: {file}:2: service t:1 field service_classes: unknown service class \"P99\""
            ),
            &format!("error: {file}:2: service t:1 field life_events: unknown life event \"KE99\""),
            &format!(
                "error: {file}:2: service t:1 field areas.municipalities: unknown municipality \"999\""
            ),
            &format!("error: {file}:3: service t:2 field name: missing language"),
            &format!(
                "error: {file}:4: service t:3 field channels[0].web_pages: URL scheme \"javascript\" is not allowed"
            ),
            &format!(
                "error: {file}:5: service t:4 field channels[0].web_pages: URL scheme \"data\" is not allowed"
            ),
            &format!("error: {file}:6: service t:5 field phone: not a phone number: \"soita\""),
            &format!(
                "error: {file}:6: service t:5 field channels[0].emails: not an e-mail address: \"ei-osoite\""
            ),
            &format!("error: {file}:7: service t:6 field opening_hours:"),
            &format!(
                "error: {file}:9: service t:7: duplicate id (also at {file}:8) and the records differ in areas, name"
            ),
            &format!(
                "error: {file}:10: service other:8 field id: a supplementary id must start with its source name \"t:\""
            ),
            &format!("error: {file}:11: service t:9 field sector: \"charity\""),
        ],
    );
}

#[test]
fn hostile_text_warns_and_strict_refuses_with_exit_3() {
    let dir = scratch("validate-hostile");
    let hostile = csv(
        &dir,
        "h.csv",
        &[
            "h:1,<script>alert(1)</script>,,,,private,,,091,,,,",
            "h:2,Nimi \u{202E}tseb,,,,private,,,091,,,,",
            "h:3,\"Rivin\u{7}vaihto\",,,,private,,,091,,,,",
        ],
    );
    let output = aurora(&["validate", "--source", s(&hostile)]);
    let err = stderr(&output);
    assert_ok(&output);
    let file = s(&hostile);
    for expected in [
        format!("warning: {file}:2: service h:1 field name.fi: suspicious text: a <script tag"),
        format!(
            "warning: {file}:3: service h:2 field name.fi: suspicious text: bidirectional override characters"
        ),
        format!(
            "warning: {file}:4: service h:3 field name.fi: suspicious text: control characters"
        ),
    ] {
        assert!(err.contains(&expected), "{expected} not in {err}");
    }
    let output = aurora(&["validate", "--strict", "--source", s(&hostile)]);
    assert_fails(&output, 3, &["3 warnings in the source data (--strict)"]);
}

#[test]
fn empty_names_and_unknown_columns_are_errors() {
    let dir = scratch("validate-columns");
    let path = dir.join("c.csv");
    std::fs::write(&path, "id,nimi,sector,areas\nc:1,Apu,private,091\n").unwrap();
    let output = aurora(&["validate", "--source", s(&path)]);
    assert_fails(
        &output,
        1,
        &[&format!("{}:1: field nimi: unknown column", s(&path))],
    );

    let jsonl = dir.join("hand.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id":"x","source":"ptv:api-v11","name":{"fi":"  "},"sector":"public","areas":{"scope":"national"}}"#,
            "\n",
            r#"{"id":"y","source":"ptv:api-v11","name":{"fi":"Y"},"sector":"public","areas":{"scope":"nationwide"}}"#,
            "\n",
            r#"{"id":"z", "source":"ptv:api-v11",,}"#,
            "\n"
        ),
    )
    .unwrap();
    let output = aurora(&["validate", "--source", s(&jsonl)]);
    let file = s(&jsonl);
    assert_fails(
        &output,
        1,
        &[
            &format!("{file}:1: service x field name.fi: empty name"),
            &format!("{file}:2: service y: column"),
            "unknown variant `nationwide`",
            &format!("{file}:3: column 35: key must be a string"),
        ],
    );
}

#[test]
fn build_validates_too_and_writes_nothing_on_errors() {
    let dir = scratch("validate-build");
    let bad = csv(
        &dir,
        "b.csv",
        &["b:1,Apu,,,,private,,,091,ftp://example.org/,,,"],
    );
    let out = dir.join("catalogue");
    let output = aurora(&["build", "--quiet", "--out", s(&out), "--source", s(&bad)]);
    assert_fails(
        &output,
        1,
        &[
            "field channels[0].web_pages: URL scheme \"ftp\" is not allowed",
            "1 error and 0 warnings",
        ],
    );
    assert!(!out.exists());
}

#[test]
fn missing_source_is_an_io_error() {
    let output = aurora(&["validate", "--source", "/nonexistent/aurora.csv"]);
    assert_fails(
        &output,
        2,
        &["--source /nonexistent/aurora.csv: no such file or directory"],
    );
}

#[test]
fn help_has_examples_and_exit_codes() {
    let printed = assert_ok(&aurora(&["validate", "--help"]));
    assert!(
        printed.contains("Examples:") && printed.contains("3 warnings with --strict"),
        "{printed}"
    );
}
