//! `aurora import-ptv` on the real PTV API examples and the 2016 pilot export, and on bad input.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{Value, json};

fn import(out: &Path, extra: &[&str]) -> std::process::Output {
    let (nettilukio, liperi, otava) = (
        api_example(NETTILUKIO),
        api_example(LIPERI),
        api_example(OTAVA),
    );
    let mut args = vec![
        "import-ptv",
        "--services",
        s(&nettilukio),
        s(&liperi),
        "--channels",
        s(&otava),
        "--out",
        s(out),
    ];
    args.extend_from_slice(extra);
    aurora(&args)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes `value` pretty-printed (one field per line, as the API examples are).
fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records.iter().find(|r| r["id"] == id).unwrap()
}

#[test]
fn api_examples_import_with_channels_phones_hours_and_wgs84_coordinates() {
    let dir = scratch("import-examples");
    let out = dir.join("out");
    let output = import(&out, &[]);
    let printed = assert_ok(&output);
    assert!(
        printed.contains("imported 2 services with 1 channel"),
        "{printed}"
    );
    let records = records(&out.join("services.jsonl"));
    let nettilukio = by_id(&records, "3668d250-cd80-45c4-abcc-9b2d3a2b3e42");
    assert_eq!(nettilukio["name"]["fi"], "Nettilukio aikuisille");
    assert_eq!(nettilukio["alternative_names"][0]["fi"], "Etälukio");
    assert_eq!(
        nettilukio["service_classes"],
        json!(["P6.10", "P6.8", "P6.13", "P6"])
    );
    assert_eq!(nettilukio["target_groups"], json!(["KR1"]));
    assert_eq!(nettilukio["areas"]["scope"], "national");
    assert_eq!(nettilukio["funding"], "public");
    assert_eq!(nettilukio["charge"], "free");
    assert_eq!(nettilukio["sector"], "public");
    assert_eq!(nettilukio["last_modified"], "2020-04-22");
    assert!(
        nettilukio["user_instructions"]["fi"]
            .as_str()
            .unwrap()
            .starts_with("Hae Nettilukioon")
    );
    let channel = &nettilukio["channels"][0];
    assert_eq!(channel["kind"], "service_location");
    assert_eq!(channel["phones"][0]["number"], "+358447943552");
    assert_eq!(channel["phones"][0]["info"]["fi"], "Opintoasiainvastaava");
    assert_eq!(channel["emails"][0], "info@otavia.fi");
    assert_eq!(channel["address"]["street"]["fi"], "Otavantie 2 B");
    // N 6834688 E 503879 (ETRS-TM35FIN) is the Otava campus south-west of Mikkeli.
    let lat = channel["address"]["latitude"].as_f64().unwrap();
    let lon = channel["address"]["longitude"].as_f64().unwrap();
    assert!(
        (lat - 61.6455).abs() < 0.001 && (lon - 27.0732).abs() < 0.001,
        "{lat} {lon}"
    );
    let days: Vec<u64> = channel["opening_hours"][0]["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["weekday"].as_u64().unwrap())
        .collect();
    assert_eq!(days, vec![0, 1, 2, 3, 4]);
    assert_eq!(channel["opening_hours"][0]["days"][0]["from"], "08:00");
    assert!(
        channel["accessibility"]["en"]
            .as_str()
            .unwrap()
            .contains("main entrance")
    );

    let liperi = by_id(&records, "6c00d407-d3fd-4c7e-a373-57be9f3b2cff");
    assert_eq!(
        liperi["areas"],
        json!({"scope": "limited", "municipalities": ["426", "848"]})
    );
    assert_eq!(
        liperi["general_description"],
        "9403ae40-861d-4a86-ae23-44f4bfc9f572"
    );
    assert_eq!(liperi["organisation"]["name"]["fi"], "Liperin kunta");
    // The real record names Tohmajärvi with code "123"; the importer repairs it by name and says so.
    assert!(
        stderr(&output).contains(&format!(
            "warning: {}:1: service 6c00d407-d3fd-4c7e-a373-57be9f3b2cff field areas[0].municipalities[1]: unknown municipality code \"123\" named \"Tohmajärvi\": repaired to 848",
            s(&api_example(LIPERI))
        )),
        "{}",
        stderr(&output)
    );
    let report = read_json(&out.join("import.json"));
    assert_eq!(report["format"], "aurora-source/1");
    assert_eq!(report["notes"]["coordinates_converted"], 1);
    assert_eq!(report["notes"]["channel_links_unresolved"], 7);
}

#[test]
fn the_shipped_import_of_the_api_examples_is_up_to_date() {
    let dir = scratch("import-golden");
    let out = dir.join("out");
    assert_ok(&import(&out, &["--quiet"]));
    let shipped = data_dir().join("sources/ptv-api-examples");
    for file in ["services.jsonl", "import.json"] {
        assert_eq!(
            std::fs::read_to_string(out.join(file)).unwrap(),
            std::fs::read_to_string(shipped.join(file)).unwrap(),
            "data/sources/ptv-api-examples/{file} is stale: re-run the import in data/README.md"
        );
    }
}

#[test]
fn arrays_and_paged_responses_import_the_same_records() {
    let dir = scratch("import-shapes");
    let services = json!([
        read_json(&api_example(NETTILUKIO)),
        read_json(&api_example(LIPERI))
    ]);
    let page = json!({"pageNumber": 1, "pageSize": 1000, "pageCount": 1, "itemList": [read_json(&api_example(OTAVA))]});
    let services = write_json(&dir, "services.json", &services);
    let channels = write_json(&dir, "channels.json", &page);
    let out = dir.join("out");
    assert_ok(&aurora(&[
        "import-ptv",
        "--services",
        s(&services),
        "--channels",
        s(&channels),
        "--out",
        s(&out),
        "--quiet",
    ]));
    let reference = dir.join("reference");
    assert_ok(&import(&reference, &["--quiet"]));
    assert_eq!(
        std::fs::read_to_string(out.join("services.jsonl")).unwrap(),
        std::fs::read_to_string(reference.join("services.jsonl")).unwrap()
    );
}

#[test]
fn organisation_records_give_names_and_sectors() {
    let dir = scratch("import-orgs");
    // A minimal v11 organisation record (test input): the Otavia business unit typed as a company.
    let organisations = write_json(
        &dir,
        "organisations.json",
        &json!({"itemList": [{
            "id": "df0c2f24-d2bd-4ba7-bdcd-fcfc9f0d65a7",
            "organizationType": "Company",
            "organizationNames": [
                {"language": "fi", "value": "Otavia", "type": "Name"},
                {"language": "sv", "value": "Otavia (sv)", "type": "Name"}
            ]
        }]}),
    );
    let out = dir.join("out");
    assert_ok(&import(
        &out,
        &["--organisations", s(&organisations), "--quiet"],
    ));
    let records = records(&out.join("services.jsonl"));
    let nettilukio = by_id(&records, "3668d250-cd80-45c4-abcc-9b2d3a2b3e42");
    assert_eq!(nettilukio["sector"], "private");
    assert_eq!(nettilukio["organisation"]["name"]["sv"], "Otavia (sv)");
    // Liperi's organisation was not given: public, as counted in the report.
    assert_eq!(
        by_id(&records, "6c00d407-d3fd-4c7e-a373-57be9f3b2cff")["sector"],
        "public"
    );
    assert_eq!(
        read_json(&out.join("import.json"))["notes"]["sectors_assumed_public"],
        1
    );

    let unknown = write_json(
        &dir,
        "unknown.json",
        &json!([{"id": "df0c2f24-d2bd-4ba7-bdcd-fcfc9f0d65a7", "organizationType": "Guild"}]),
    );
    let output = import(&dir.join("never"), &["--organisations", s(&unknown)]);
    assert_fails(
        &output,
        1,
        &[
            "field organizations: organisation df0c2f24",
            "unknown organizationType \"Guild\"",
        ],
    );
}

#[test]
fn strict_refuses_the_repaired_municipality_and_writes_nothing() {
    let dir = scratch("import-strict");
    let out = dir.join("out");
    let output = import(&out, &["--strict"]);
    assert_fails(
        &output,
        3,
        &["repaired to 848", "1 warning in the source data (--strict)"],
    );
    assert!(!out.exists());
}

#[test]
fn malformed_json_names_file_line_and_column_and_writes_nothing() {
    let dir = scratch("import-malformed");
    let text = std::fs::read_to_string(api_example(NETTILUKIO)).unwrap();
    let broken = text.replacen(
        "\"fundingType\": \"PubliclyFunded\",",
        "\"fundingType\": PubliclyFunded,",
        1,
    );
    let path = dir.join("broken.json");
    std::fs::write(&path, broken).unwrap();
    let out = dir.join("out");
    let output = aurora(&["import-ptv", "--services", s(&path), "--out", s(&out)]);
    assert_fails(
        &output,
        1,
        &[&format!(
            "error: {}:7: malformed JSON: line 7 column 17",
            s(&path)
        )],
    );
    assert!(!out.exists());
}

#[test]
fn unknown_codes_missing_names_and_bad_urls_are_errors_naming_record_and_field() {
    let dir = scratch("import-bad");
    let mut service = read_json(&api_example(NETTILUKIO));
    service["serviceClasses"][0]["uri"] =
        json!("http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P99");
    service["serviceNames"] =
        json!([{"language": "en", "value": "Online upper secondary school", "type": "Name"}]);
    let mut channel = read_json(&api_example(OTAVA));
    channel["webPages"][0]["url"] = json!("javascript:alert(1)");
    channel["phoneNumbers"][1]["number"] = json!("soita meille");
    let services = write_json(&dir, "services.json", &json!([service]));
    let channels = write_json(&dir, "channels.json", &channel);
    let out = dir.join("out");
    let output = aurora(&[
        "import-ptv",
        "--services",
        s(&services),
        "--channels",
        s(&channels),
        "--out",
        s(&out),
    ]);
    let id = "service 3668d250-cd80-45c4-abcc-9b2d3a2b3e42";
    let at = format!("{}:2: {id}", s(&services));
    assert_fails(
        &output,
        1,
        &[
            &format!("{at} field serviceClasses[0]: unknown service class \"P99\""),
            &format!(
                "{at} field name: missing language: a name in Finnish (fi) or Swedish (sv) is required"
            ),
            &format!("{at} field channels[0].web_pages: URL scheme \"javascript\" is not allowed"),
            &format!("{at} field channels[0].phones: not a phone number: \"soita meille\""),
        ],
    );
    assert!(!out.exists());

    // --skip-invalid leaves the bad record out and reports why, as warnings.
    let output = aurora(&[
        "import-ptv",
        "--services",
        s(&services),
        "--channels",
        s(&channels),
        "--out",
        s(&out),
        "--skip-invalid",
    ]);
    let printed = assert_ok(&output);
    assert!(printed.contains("imported 0 services"), "{printed}");
    assert!(
        stderr(&output).contains("warning: ")
            && stderr(&output).contains("record skipped: unknown service class")
    );
}

#[test]
fn duplicate_ids_merge_areas_or_fail() {
    let dir = scratch("import-duplicates");
    let liperi = read_json(&api_example(LIPERI));
    let mut elsewhere = liperi.clone();
    elsewhere["areas"][0]["municipalities"] =
        json!([{"code": "167", "name": [{"value": "Joensuu", "language": "fi"}]}]);
    let same = write_json(&dir, "same.json", &json!([liperi.clone(), elsewhere]));
    let out = dir.join("out");
    assert_ok(&aurora(&[
        "import-ptv",
        "--services",
        s(&same),
        "--out",
        s(&out),
        "--quiet",
    ]));
    let records = records(&out.join("services.jsonl"));
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0]["areas"]["municipalities"],
        json!(["167", "426", "848"])
    );

    let mut renamed = liperi.clone();
    renamed["serviceNames"][0]["value"] = json!("Toinen nimi");
    let differ = write_json(&dir, "differ.json", &json!([liperi, renamed]));
    let output = aurora(&[
        "import-ptv",
        "--services",
        s(&differ),
        "--out",
        s(&dir.join("never")),
    ]);
    let path = s(&differ);
    assert_fails(
        &output,
        1,
        &[&format!(
            "duplicate id (also at {path}:2) and the records differ in name"
        )],
    );
}

#[test]
fn unwritable_output_directory_is_an_io_error() {
    let output = import(Path::new("/proc/aurora-cannot-write-here/out"), &[]);
    assert_fails(&output, 2, &["creating staging directory"]);
}

#[test]
fn json_report_lists_diagnostics_for_scripts() {
    let dir = scratch("import-json");
    let output = import(&dir.join("out"), &["--json"]);
    let report: Value = serde_json::from_str(&assert_ok(&output)).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["report"]["services_written"], 2);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    assert_eq!(report["diagnostics"][0]["line"], 1);
    assert_eq!(
        report["diagnostics"][0]["field"],
        "areas[0].municipalities[1]"
    );
}

#[test]
fn legacy_pilot_export_fails_on_its_real_errors_and_imports_the_rest_with_skip_invalid() {
    let dir = scratch("import-legacy");
    let pilot = data_dir().join("ptv-releases/legacy_2016_pilot");
    let out = dir.join("out");
    let output = aurora(&["import-ptv", "--legacy-2016", s(&pilot), "--out", s(&out)]);
    let services = pilot.join("services.jsonl");
    assert_fails(
        &output,
        1,
        &[
            &format!(
                "{}:23: service legacy-2016:241 field serviceCoverage: neither nationwide nor any municipality",
                s(&services)
            ),
            "valid_from 2016-09-01 is after valid_to 2016-04-30",
        ],
    );
    assert!(!out.exists());
    let output = aurora(&[
        "import-ptv",
        "--legacy-2016",
        s(&pilot),
        "--out",
        s(&out),
        "--skip-invalid",
        "--quiet",
    ]);
    assert_ok(&output);
    let records = records(&out.join("services.jsonl"));
    assert_eq!(records.len(), 163);
    // "050 311 7484 tai 044 794 5730" in the pilot data is two numbers.
    let phones: Vec<&str> = records
        .iter()
        .flat_map(|r| r["channels"].as_array().into_iter().flatten())
        .flat_map(|c| c["phones"].as_array().into_iter().flatten())
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    assert!(
        phones.contains(&"+358503117484") && phones.contains(&"+358447945730"),
        "{phones:?}"
    );
    assert!(
        phones
            .iter()
            .all(|p| p.starts_with("+358") || p.starts_with('0') || p.len() <= 6),
        "{phones:?}"
    );
    // The one company-run service (Yritys) is private; VRK's move notification links life events by label.
    let private: Vec<&Value> = records
        .iter()
        .filter(|r| r["sector"] == "private")
        .collect();
    assert_eq!(private.len(), 1);
    assert!(
        by_id(&records, "legacy-2016:78")["life_events"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
    assert_eq!(
        read_json(&out.join("import.json"))["notes"]["records_skipped_as_invalid"],
        2
    );
}

#[test]
fn help_has_examples() {
    let printed = assert_ok(&aurora(&["import-ptv", "--help"]));
    assert!(
        printed.contains("Examples:") && printed.contains("--legacy-2016"),
        "{printed}"
    );
}
