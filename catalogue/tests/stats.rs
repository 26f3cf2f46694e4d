//! `aurora stats` on a catalogue built from the real data and the example providers.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn stats_report_is_one_self_contained_html_file_with_svg_charts_and_json() {
    let dir = scratch("stats");
    let (secret, public) = keygen(&dir);
    let catalogue = dir.join("catalogue");
    let example = data_dir().join(EXAMPLE_CSV);
    assert_ok(&aurora(&[
        "build",
        "--quiet",
        "--out",
        s(&catalogue),
        "--key",
        s(&secret),
        "--source",
        s(&example),
    ]));

    let html_path = dir.join("coverage.html");
    let output = aurora(&[
        "stats",
        s(&catalogue),
        "--html",
        s(&html_path),
        "--trust",
        s(&public),
    ]);
    assert!(assert_ok(&output).contains("wrote"));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(
        html.matches("<svg ").count(),
        6,
        "languages, sectors, meters, events, 2 municipality charts"
    );
    for expected in [
        "Life areas (3X10D)",
        "labelled",
        "predicted",
        "publisher rule",
        "Helsinki (091)",
        "third sector",
    ] {
        assert!(html.contains(expected), "{expected} missing");
    }
    // Self-contained: a CSP that forbids every fetch, and nothing that would fetch.
    assert!(html.contains("default-src 'none'"));
    for fetching in ["<script", "src=", "href=", "url(", "@import"] {
        assert!(!html.contains(fetching), "{fetching} in the report");
    }

    let output = aurora(&["stats", s(&catalogue), "--json", "--trust", s(&public)]);
    let stats: Value = serde_json::from_str(&assert_ok(&output)).unwrap();
    assert_eq!(stats["services"], 2050);
    let sectors: Vec<(String, u64)> = serde_json::from_value(stats["sectors"].clone()).unwrap();
    assert!(
        sectors.contains(&("third_sector".to_owned(), 4)),
        "{sectors:?}"
    );
    assert!(sectors.contains(&("private".to_owned(), 1)), "{sectors:?}");
    assert!(stats["services_with_phone"].as_u64().unwrap() >= 1);
    assert!(stats["services_with_opening_hours"].as_u64().unwrap() >= 1);
    let meters = stats["meters"].as_array().unwrap();
    assert_eq!(meters.len(), 10);
    assert!(
        meters
            .iter()
            .all(|m| m["labelled"].as_u64().unwrap() > 0 && m["derived"].as_u64().is_some())
    );
    let helsinki = stats["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "091")
        .unwrap();
    assert!(helsinki["local"].as_u64().unwrap() >= 1);
    // What a client reading the report's language (English by default) downloads per area: the shard
    // sizes the signed manifest gives.
    let manifest =
        engine::format::decode_manifest(&std::fs::read(catalogue.join("manifest.json")).unwrap())
            .unwrap();
    let size_of = |scope: &str| {
        manifest
            .files
            .iter()
            .find(|file| {
                file.scope.as_deref() == Some(scope) && file.lang == Some(engine::format::Lang::En)
            })
            .unwrap()
            .size
    };
    let shards = &stats["shards"];
    assert_eq!(shards["national_bytes"], size_of("national"));
    assert_eq!(shards["local_bytes"], size_of("local"));
    assert_eq!(
        shards["municipality_shards"].as_u64().unwrap() as usize,
        stats["municipalities"].as_array().unwrap().len()
    );
    let (largest_code, largest_bytes): (String, u64) =
        serde_json::from_value(shards["largest_municipality"].clone()).unwrap();
    assert_eq!(largest_bytes, size_of(&format!("m{largest_code}")));
    assert!(largest_bytes >= shards["municipality_median_bytes"].as_u64().unwrap());

    // Text summary, and the Finnish names with --lang fi.
    let printed = assert_ok(&aurora(&["stats", s(&catalogue), "--trust", s(&public)]));
    assert!(
        printed.contains("2050 services")
            && printed.contains("sectors: public")
            && printed.contains("shards (en): national"),
        "{printed}"
    );
    let fi = dir.join("fi.html");
    assert_ok(&aurora(&[
        "stats",
        s(&catalogue),
        "--html",
        s(&fi),
        "--lang",
        "fi",
        "--trust",
        s(&public),
        "--quiet",
    ]));
    assert!(
        std::fs::read_to_string(&fi)
            .unwrap()
            .contains("Työ ja opiskelu")
            || std::fs::read_to_string(&fi)
                .unwrap()
                .contains("Lapsen saaminen")
    );

    // An unwritable report path fails with exit 2 and leaves no file.
    let bad = dir.join("no-such-dir/coverage.html");
    let output = aurora(&[
        "stats",
        s(&catalogue),
        "--html",
        s(&bad),
        "--trust",
        s(&public),
    ]);
    assert_fails(&output, 2, &["writing"]);
    assert!(!bad.exists());
    // An unknown language is a usage error.
    let output = aurora(&[
        "stats",
        s(&catalogue),
        "--lang",
        "de",
        "--trust",
        s(&public),
    ]);
    assert_fails(&output, 2, &["--lang de"]);
}

#[test]
fn help_has_examples() {
    let printed = assert_ok(&aurora(&["stats", "--help"]));
    assert!(
        printed.contains("Examples:") && printed.contains("--html"),
        "{printed}"
    );
}
