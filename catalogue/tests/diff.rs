//! `aurora diff` between two catalogues built from the real data, human and JSON, and on bad input.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// Builds the shipped data plus `sources` into `out`, signed with `secret`.
fn build(out: &Path, secret: &Path, data: &Path, sources: &[&Path]) {
    let mut args = vec![
        "build",
        "--quiet",
        "--out",
        s(out),
        "--key",
        s(secret),
        "--data",
        s(data),
    ];
    for source in sources {
        args.push("--source");
        args.push(s(source));
    }
    assert_ok(&aurora(&args));
}

#[test]
fn diff_lists_added_removed_and_changed_services_with_their_fields() {
    let dir = scratch("diff");
    let (secret, public) = keygen(&dir);
    // Old: the shipped data. New: the example providers added, one API service renamed and moved,
    // the other removed (the data directory is the shipped one with an edited source file).
    let old = dir.join("old");
    build(&old, &secret, &data_dir(), &[]);
    let data = dir.join("data");
    copy_tree(&data_dir(), &data);
    let imported = data.join("sources/ptv-api-examples/services.jsonl");
    let edited: Vec<String> = std::fs::read_to_string(&imported)
        .unwrap()
        .lines()
        .filter(|line| !line.contains("6c00d407-d3fd-4c7e-a373-57be9f3b2cff"))
        .map(|line| {
            line.replace("\"Nettilukio aikuisille\"", "\"Nettilukio\"")
                .replace(
                    "{\"scope\":\"national\"}",
                    "{\"scope\":\"limited\",\"municipalities\":[\"491\"]}",
                )
        })
        .collect();
    std::fs::write(&imported, edited.join("\n") + "\n").unwrap();
    let new = dir.join("new");
    build(&new, &secret, &data, &[&data_dir().join(EXAMPLE_CSV)]);

    let output = aurora(&["diff", s(&old), s(&new), "--trust", s(&public)]);
    let printed = assert_ok(&output);
    let first = printed.lines().next().unwrap();
    assert!(
        first.starts_with("catalogue version 1 → 1: 5 added, 1 removed, "),
        "{first}"
    );
    assert!(
        printed.contains("+ example:ruoka-apu Ruoka-apu (ESIMERKKI)"),
        "{printed}"
    );
    assert!(
        printed.contains("- 6c00d407-d3fd-4c7e-a373-57be9f3b2cff Yksilöllistetty oppimäärä"),
        "{printed}"
    );
    let changed = printed
        .lines()
        .find(|line| line.starts_with("~ 3668d250-cd80-45c4-abcc-9b2d3a2b3e42 Nettilukio: "))
        .unwrap_or_else(|| panic!("{printed}"));
    assert!(
        changed.contains("areas") && changed.contains("name"),
        "{changed}"
    );
    assert!(
        printed.contains("    name: {\"en\":null,\"fi\":\"Nettilukio aikuisille\""),
        "{printed}"
    );

    let output = aurora(&["diff", s(&old), s(&new), "--trust", s(&public), "--json"]);
    let diff: Value = serde_json::from_str(&assert_ok(&output)).unwrap();
    assert_eq!(diff["added"].as_array().unwrap().len(), 5);
    assert_eq!(
        diff["removed"][0]["id"],
        "6c00d407-d3fd-4c7e-a373-57be9f3b2cff"
    );
    let nettilukio = diff["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "3668d250-cd80-45c4-abcc-9b2d3a2b3e42")
        .unwrap();
    assert_eq!(nettilukio["changes"]["name"]["new"]["fi"], "Nettilukio");
    assert_eq!(
        nettilukio["changes"]["areas"]["new"]["municipalities"][0],
        "491"
    );
    assert_eq!(nettilukio["changes"]["areas"]["old"]["national"], true);

    // The same catalogue twice: nothing changed.
    let output = aurora(&["diff", s(&old), s(&old), "--trust", s(&public), "--quiet"]);
    assert!(
        assert_ok(&output)
            .starts_with("catalogue version 1 → 1: 0 added, 0 removed, 0 changed, 2045 unchanged")
    );

    // Both catalogues are verified with the trust flags given: an untrusted key is refused.
    let other = dir.join("other");
    let (_, other_public) = keygen(&other);
    let output = aurora(&["diff", s(&old), s(&new), "--trust", s(&other_public)]);
    assert_fails(&output, 1, &["signed by unknown key"]);
    let output = aurora(&[
        "diff",
        s(&old),
        s(&dir.join("missing")),
        "--trust",
        s(&public),
    ]);
    assert_fails(&output, 2, &["reading"]);
}

#[test]
fn help_has_examples() {
    let printed = assert_ok(&aurora(&["diff", "--help"]));
    assert!(
        printed.contains("Examples:") && printed.contains("--json"),
        "{printed}"
    );
}
