use super::*;
use crate::fixtures;
use crate::format::{Areas, Lang, LocalText, Meter, encode_manifest};
use crate::query::{Query, ValidQuery};
use crate::verify::{
    FreshnessPolicy, TrustStore, TrustedKey, VerifyContext, key_id_of, public_key_of,
    sign_manifest, verify_manifest,
};
use crate::{RankConfig, recommend};

const SECRET: [u8; 32] = [3; 32];

/// A signed catalogue of `version` whose one national service is named `name`.
fn publish(version: u64, name: &str) -> (Vec<u8>, Vec<u8>, BTreeMap<String, Vec<u8>>) {
    publish_services(version, &[fixtures::service("s1", name, "")])
}

/// A signed catalogue of `version` with the fixture code lists and `services`, split into area shards.
fn publish_services(
    version: u64,
    services: &[Service],
) -> (Vec<u8>, Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let (entries, files): (Vec<FileEntry>, BTreeMap<String, Vec<u8>>) =
        encode_files(&fixtures::codes(), services)
            .into_iter()
            .map(|(entry, bytes)| (entry.clone(), (entry.name, bytes)))
            .unzip();
    let mut manifest = fixtures::manifest(version);
    manifest.key_id = key_id_of(&public_key_of(&SECRET));
    manifest.files = entries;
    let manifest_bytes = encode_manifest(&manifest);
    let signature = sign_manifest(&manifest_bytes, &SECRET).into_bytes();
    (manifest_bytes, signature, files)
}

fn verified(manifest: &[u8], signature: &[u8]) -> Result<VerifiedManifest, VerifyError> {
    let public_key = public_key_of(&SECRET);
    let keys = TrustStore {
        trusted: vec![TrustedKey {
            key_id: key_id_of(&public_key),
            public_key,
        }],
        retired: vec![],
    };
    let context = VerifyContext {
        keys: &keys,
        now: 1_750_000_000,
        accepted_version: None,
        freshness: FreshnessPolicy::default(),
    };
    verify_manifest(manifest, signature, &context)
}

fn load(
    manifest: &[u8],
    signature: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Catalogue, LoadError> {
    Catalogue::load(verified(manifest, signature)?, files)
}

fn shard_name(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .keys()
        .find(|name| name.starts_with("services.national.fi."))
        .unwrap()
        .clone()
}

#[test]
fn intact_catalogue_loads_with_its_services() {
    let (manifest, signature, files) = publish(2, "Kirjasto");
    let catalogue = load(&manifest, &signature, &files).unwrap();
    assert_eq!(catalogue.services.len(), 1);
    assert_eq!(catalogue.manifest.catalogue_version, 2);
}

#[test]
fn one_changed_byte_in_a_shard_is_a_hash_mismatch() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.get_mut(&name).unwrap()[10] ^= 1;
    assert_eq!(
        load(&manifest, &signature, &files).err(),
        Some(LoadError::Verify(VerifyError::HashMismatch { name }))
    );
}

#[test]
fn shard_from_another_catalogue_version_is_refused_mix_and_match() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let (_, _, other_files) = publish(3, "Asumistuki");
    let name = shard_name(&files);
    files.insert(name.clone(), other_files[&shard_name(&other_files)].clone());
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert!(
        matches!(
            err,
            LoadError::Verify(VerifyError::HashMismatch { .. } | VerifyError::SizeMismatch { .. })
        ),
        "{err}"
    );
}

#[test]
fn truncated_file_is_a_size_mismatch() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.get_mut(&name).unwrap().truncate(20);
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert!(
        matches!(err, LoadError::Verify(VerifyError::SizeMismatch { .. })),
        "{err}"
    );
}

#[test]
fn missing_file_is_named() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.remove(&name);
    assert_eq!(
        load(&manifest, &signature, &files).err(),
        Some(LoadError::Verify(VerifyError::MissingFile { name }))
    );
}

#[test]
fn file_not_named_by_the_manifest_is_refused() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    files.insert("services.extra.0000000000000000.bin".into(), vec![1, 2, 3]);
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert_eq!(
        err,
        LoadError::Verify(VerifyError::FileNotInManifest {
            name: "services.extra.0000000000000000.bin".into()
        })
    );
}

#[test]
fn signature_over_different_bytes_is_refused() {
    let (manifest, _, files) = publish(2, "Kirjasto");
    let (_, other_signature, _) = publish(3, "Kirjasto");
    let err = load(&manifest, &other_signature, &files).err().unwrap();
    assert!(
        matches!(err, LoadError::Verify(VerifyError::BadSignature { .. })),
        "{err}"
    );
}

// Area shards: a client loads the codes, `national` and its municipality's shard (or `local`).

/// Services with every combination of national, municipality, region and excluded region the fixture
/// areas allow, each labelled for housing so that a housing need makes every eligible one relevant,
/// and named from a few words far apart (no word is a typo of another).
fn area_services() -> impl proptest::strategy::Strategy<Value = Vec<Service>> {
    use proptest::prelude::*;
    let codes = |pool: &'static [&'static str]| {
        proptest::sample::subsequence(pool, 0..=pool.len())
            .prop_map(|codes| codes.into_iter().map(str::to_owned).collect::<Vec<_>>())
    };
    let areas = (
        any::<bool>(),
        codes(&["091", "092", "564"]),
        codes(&["01", "17"]),
        codes(&["17"]),
    );
    proptest::collection::vec(areas, 1..24).prop_map(|all| {
        all.into_iter()
            .enumerate()
            .map(
                |(idx, (national, municipalities, regions, excluded_regions))| {
                    let name = ["Asumisneuvonta", "Kirjasto", "Vuokra-asunto"][idx % 3];
                    let summary = ["Neuvonta", "Kirjasto ja asumisneuvonta"][idx % 2];
                    let mut service = fixtures::labelled(
                        fixtures::service(&format!("s{idx:02}"), name, summary),
                        &[Meter::Housing],
                    );
                    service.areas = Areas {
                        national,
                        municipalities,
                        regions,
                        wellbeing_counties: vec![],
                        excluded_regions,
                    };
                    service
                },
            )
            .collect()
    })
}

fn ids_of<'a>(services: impl IntoIterator<Item = &'a Service>) -> Vec<&'a str> {
    services.into_iter().map(|s| s.id.as_str()).collect()
}

fn housing_need(municipality: Option<&str>, lang: &str) -> ValidQuery {
    let query = Query {
        lang: lang.to_owned(),
        meters: BTreeMap::from([("housing".to_owned(), 2.0)]),
        municipality: municipality.map(str::to_owned),
        limit: Some(1000),
        ..Query::default()
    };
    query.validate(&fixtures::codes()).unwrap()
}

fn words(municipality: Option<&str>, text: &str) -> ValidQuery {
    let query = Query {
        lang: "fi".to_owned(),
        text: Some(text.to_owned()),
        municipality: municipality.map(str::to_owned),
        limit: Some(1000),
        ..Query::default()
    };
    query.validate(&fixtures::codes()).unwrap()
}

fn found(catalogue: &Catalogue, query: &ValidQuery) -> Vec<String> {
    let mut ids: Vec<String> = recommend(catalogue, query, &RankConfig::default())
        .results
        .into_iter()
        .map(|item| item.id)
        .collect();
    ids.sort_unstable();
    ids
}

const MUNICIPALITIES: [Option<&str>; 4] = [None, Some("091"), Some("092"), Some("564")];

/// The files' names without their content hash and extension: "codes.fi", "services.m564.fi".
fn unhashed_names(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files
        .keys()
        .map(|name| name.rsplitn(3, '.').nth(2).unwrap())
        .collect()
}

fn selected_files(
    manifest: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
    selection: &Selection,
) -> BTreeMap<String, Vec<u8>> {
    let manifest = crate::format::decode_manifest(manifest).unwrap();
    manifest
        .files_for(selection)
        .into_iter()
        .map(|entry| (entry.name.clone(), files[&entry.name].clone()))
        .collect()
}

proptest::proptest! {
    #[test]
    fn every_service_is_in_exactly_one_of_national_and_local(services in area_services()) {
        let shards = split_by_area(&services, &fixtures::codes());
        let holding = |scope: AreaScope| {
            ids_of(shards.iter().find(|(s, _)| *s == scope).unwrap().1.iter().copied())
        };
        let (national, local) = (holding(AreaScope::National), holding(AreaScope::Local));
        for service in &services {
            let places = [&national, &local].iter().filter(|ids| ids.contains(&service.id.as_str())).count();
            proptest::prop_assert_eq!(places, 1, "{}", service.id);
        }
    }

    #[test]
    fn a_municipality_shard_holds_exactly_the_local_services_ranking_offers_there(
        services in area_services(),
    ) {
        let codes = fixtures::codes();
        let whole = Catalogue::from_records(fixtures::manifest(1), codes.clone(), services.clone());
        for (scope, held) in split_by_area(&services, &codes) {
            let AreaScope::Municipality(code) = &scope else { continue };
            let answer = recommend(&whole, &housing_need(Some(code), "fi"), &RankConfig::default());
            let offered: Vec<&str> = answer
                .results
                .iter()
                .filter(|item| !item.area.national)
                .map(|item| item.id.as_str())
                .collect();
            let mut held = ids_of(held);
            held.sort_unstable();
            let mut offered = offered;
            offered.sort_unstable();
            proptest::prop_assert_eq!(held, offered, "{}", scope.key());
        }
    }

    /// The key property of shards: a client with a municipality (or none) gets the answers the whole
    /// catalogue gives. Needs, life events, areas and feedback rank identically. Text relevance is
    /// computed over the services loaded (BM25 statistics, the best match, which compounds split, which
    /// typos correct), so a whole word finds the same services, with scores that may differ (see
    /// ARCHITECTURE.md, "Area shards").
    #[test]
    fn the_selected_files_rank_like_the_whole_catalogue(services in area_services()) {
        let (manifest, signature, files) = publish_services(1, &services);
        let whole = load(&manifest, &signature, &files).unwrap();
        for municipality in MUNICIPALITIES {
            for lang in Lang::ALL {
                let selection = Selection::new(lang, municipality);
                let selected = Catalogue::load_selection(
                    verified(&manifest, &signature).unwrap(),
                    &selected_files(&manifest, &files, &selection),
                    &selection,
                )
                .unwrap();
                if lang == Lang::Fi {
                    let query = words(municipality, "kirjasto ");
                    proptest::prop_assert_eq!(found(&selected, &query), found(&whole, &query));
                }
                let query = housing_need(municipality, lang.code());
                proptest::prop_assert_eq!(
                    recommend(&selected, &query, &RankConfig::default()),
                    recommend(&whole, &query, &RankConfig::default()),
                    "{:?} {:?}", municipality, lang
                );
            }
        }
    }
}

fn mixed_area_services() -> Vec<Service> {
    vec![
        fixtures::service("kela", "Asumistuki", ""),
        fixtures::local(fixtures::service("helsinki", "Asukaspuisto", ""), "091"),
        fixtures::local(fixtures::service("oulu", "Asukastalo", ""), "564"),
    ]
}

#[test]
fn the_widget_of_a_municipality_loads_national_and_its_own_shard_only() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let selection = Selection::new(Lang::Fi, Some("564"));
    let chosen = selected_files(&manifest, &files, &selection);
    let stems = unhashed_names(&chosen);
    assert_eq!(
        stems,
        ["codes.fi", "services.m564.fi", "services.national.fi"]
    );
    let catalogue = Catalogue::load_selection(
        verified(&manifest, &signature).unwrap(),
        &chosen,
        &selection,
    )
    .unwrap();
    assert_eq!(ids_of(&catalogue.services), ["kela", "oulu"]);
}

#[test]
fn without_a_municipality_the_client_loads_national_and_local() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let selection = Selection::new(Lang::Fi, None);
    let catalogue = Catalogue::load_selection(
        verified(&manifest, &signature).unwrap(),
        &selected_files(&manifest, &files, &selection),
        &selection,
    )
    .unwrap();
    assert_eq!(ids_of(&catalogue.services), ["helsinki", "kela", "oulu"]);
    assert!(
        MUNICIPALITIES
            .iter()
            .all(|code| catalogue.covers(&Selection::new(Lang::Fi, *code)))
    );
}

#[test]
fn files_handed_over_load_the_same_catalogue_as_files_lent() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    for municipality in [None, Some("091")] {
        let selection = Selection::new(Lang::Fi, municipality);
        let chosen = selected_files(&manifest, &files, &selection);
        let lent = Catalogue::load_selection(
            verified(&manifest, &signature).unwrap(),
            &chosen,
            &selection,
        )
        .unwrap();
        let handed_over = Catalogue::load_selection_owned(
            verified(&manifest, &signature).unwrap(),
            chosen,
            &selection,
        )
        .unwrap();
        assert_eq!(handed_over.services, lent.services);
        assert_eq!(handed_over.codes, lent.codes);
        assert_eq!(&handed_over.coverage, &lent.coverage);
        for query in [
            words(municipality, "asukas"),
            housing_need(municipality, "fi"),
        ] {
            assert_eq!(found(&handed_over, &query), found(&lent, &query));
        }
    }
}

#[test]
fn a_selection_refuses_a_missing_an_altered_a_stray_and_an_unselected_file() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let selection = Selection::new(Lang::Fi, Some("091"));
    let chosen = selected_files(&manifest, &files, &selection);
    let own_shard = chosen
        .keys()
        .find(|name| name.starts_with("services.m091.fi."))
        .unwrap()
        .clone();
    // Lent or handed over, the files are refused alike.
    let load = |files: &BTreeMap<String, Vec<u8>>| {
        let lent =
            Catalogue::load_selection(verified(&manifest, &signature).unwrap(), files, &selection)
                .err();
        let handed_over = Catalogue::load_selection_owned(
            verified(&manifest, &signature).unwrap(),
            files.clone(),
            &selection,
        )
        .err();
        assert_eq!(lent, handed_over);
        lent
    };

    let mut missing = chosen.clone();
    missing.remove(&own_shard);
    assert_eq!(
        load(&missing),
        Some(LoadError::Verify(VerifyError::MissingFile {
            name: own_shard.clone()
        }))
    );

    let mut altered = chosen.clone();
    altered.get_mut(&own_shard).unwrap()[9] ^= 1;
    assert_eq!(
        load(&altered),
        Some(LoadError::Verify(VerifyError::HashMismatch {
            name: own_shard.clone()
        }))
    );

    let mut stray = chosen.clone();
    stray.insert("services.m091.fi.0000000000000000.bin".into(), vec![1]);
    assert_eq!(
        load(&stray),
        Some(LoadError::Verify(VerifyError::FileNotInManifest {
            name: "services.m091.fi.0000000000000000.bin".into()
        }))
    );

    let mut unselected = chosen.clone();
    let other_shard = files
        .keys()
        .find(|name| name.starts_with("services.m564.fi."))
        .unwrap();
    unselected.insert(other_shard.clone(), files[other_shard].clone());
    assert_eq!(
        load(&unselected),
        Some(LoadError::NotSelected {
            name: other_shard.clone()
        })
    );
}

#[test]
fn another_municipality_needs_only_its_own_shard_and_then_loads_like_a_fresh_selection() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let helsinki = Selection::new(Lang::Fi, Some("091"));
    let oulu = Selection::new(Lang::Fi, Some("564"));
    let first = Catalogue::load_selection(
        verified(&manifest, &signature).unwrap(),
        &selected_files(&manifest, &files, &helsinki),
        &helsinki,
    )
    .unwrap();
    assert!(first.covers(&helsinki));
    assert!(!first.covers(&oulu));
    assert!(!first.covers(&Selection::new(Lang::Fi, None)));

    let missing: BTreeMap<String, Vec<u8>> = first
        .missing_files(&oulu)
        .into_iter()
        .map(|entry| (entry.name.clone(), files[&entry.name].clone()))
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        missing
            .keys()
            .all(|name| name.starts_with("services.m564.fi."))
    );
    let switched = first.reselect(&missing, &oulu).unwrap();
    let fresh = Catalogue::load_selection(
        verified(&manifest, &signature).unwrap(),
        &selected_files(&manifest, &files, &oulu),
        &oulu,
    )
    .unwrap();
    assert_eq!(switched.services, fresh.services);
    assert_eq!(switched.coverage.areas, fresh.coverage.areas);
    assert!(switched.covers(&oulu) && !switched.covers(&helsinki));
}

#[test]
fn the_whole_catalogue_keeps_one_copy_of_each_local_service() {
    let mut services = mixed_area_services();
    services.push(fixtures::local(
        fixtures::service("shared", "Seutupalvelu", ""),
        "091",
    ));
    services.last_mut().unwrap().areas.regions = vec!["01".into()];
    let (manifest, signature, files) = publish_services(1, &services);
    let catalogue = load(&manifest, &signature, &files).unwrap();
    assert_eq!(
        ids_of(&catalogue.services),
        ["helsinki", "kela", "oulu", "shared"]
    );
}

// Language shards: a client loads the codes and its areas' shards in its own language.

/// Up to three words of one language's pool ("kela" is in every pool: real stems cross languages too).
fn phrase(pool: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::sample::subsequence(pool, 1..=3).prop_map(|words| words.join(" "))
}

const FI_WORDS: &[&str] = &["asunto", "kirjasto", "neuvonta", "kela"];
const SV_WORDS: &[&str] = &["bostad", "bibliotek", "rådgivning", "kela"];
const EN_WORDS: &[&str] = &["housing", "library", "advice", "kela"];

/// A text in any of the three languages, or in none.
fn any_text() -> impl proptest::strategy::Strategy<Value = LocalText> {
    use proptest::prelude::*;
    (
        proptest::option::of(phrase(FI_WORDS)),
        proptest::option::of(phrase(SV_WORDS)),
        proptest::option::of(phrase(EN_WORDS)),
    )
        .prop_map(|(fi, sv, en)| LocalText { fi, sv, en })
}

/// National and local services whose every text (name, summary, description, keyword, organisation,
/// channel name) is in any combination of languages, labelled for housing; every other one is in the
/// fixture's trilingual service class (its names are keyword text).
fn lang_services() -> impl proptest::strategy::Strategy<Value = Vec<Service>> {
    use proptest::prelude::*;
    let texts = proptest::collection::vec(any_text(), 6);
    proptest::collection::vec((texts, any::<bool>()), 1..16).prop_map(|all| {
        all.into_iter()
            .enumerate()
            .map(|(idx, (texts, national))| {
                let [name, summary, description, keyword, organisation, channel]: [LocalText; 6] =
                    texts.try_into().unwrap();
                let service = fixtures::labelled(
                    Service {
                        name,
                        summary,
                        description,
                        keywords: vec![keyword],
                        organisation: Some(crate::format::Organisation {
                            id: None,
                            name: organisation,
                        }),
                        channels: vec![fixtures::web_channel(channel)],
                        service_classes: if idx % 2 == 0 {
                            vec!["P1".to_owned()]
                        } else {
                            vec![]
                        },
                        ..fixtures::service(&format!("s{idx:02}"), "", "")
                    },
                    &[Meter::Housing],
                );
                if national {
                    service
                } else {
                    fixtures::local(service, "091")
                }
            })
            .collect()
    })
}

/// A query in `lang` for `text`, with a housing need so that every service is in the answer.
fn said(lang: Lang, text: &str) -> ValidQuery {
    let query = Query {
        lang: lang.code().to_owned(),
        text: Some(text.to_owned()),
        meters: BTreeMap::from([("housing".to_owned(), 5.0)]),
        limit: Some(1000),
        ..Query::default()
    };
    query.validate(&fixtures::codes()).unwrap()
}

fn load_selected(
    manifest: &[u8],
    signature: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
    selection: &Selection,
) -> Catalogue {
    Catalogue::load_selection(
        verified(manifest, signature).unwrap(),
        &selected_files(manifest, files, selection),
        selection,
    )
    .unwrap()
}

proptest::proptest! {
    /// The key property of language shards: a client that loads every area in its language gets, for
    /// a query in that language, exactly the answer of the whole catalogue: the same services, scores,
    /// explanations and texts. A query reads only the texts a reader of its language is given, so
    /// nothing the shard leaves out can count.
    #[test]
    fn a_language_shard_ranks_like_the_whole_catalogue_for_its_language(
        services in lang_services(),
    ) {
        let (manifest, signature, files) = publish_services(1, &services);
        let whole = load(&manifest, &signature, &files).unwrap();
        let every_word = [FI_WORDS, SV_WORDS, EN_WORDS].concat();
        let texts = every_word
            .iter()
            .map(|word| (*word).to_owned())
            .chain([every_word.join(" "), "kirjastoo bostäd librar".to_owned(), String::new()]);
        for lang in Lang::ALL {
            let selected =
                load_selected(&manifest, &signature, &files, &Selection::new(lang, None));
            for text in texts.clone() {
                let query = said(lang, &text);
                proptest::prop_assert_eq!(
                    recommend(&selected, &query, &RankConfig::default()),
                    recommend(&whole, &query, &RankConfig::default()),
                    "{:?} {:?}", lang, text
                );
            }
        }
    }

    /// The language files together hold every text: the whole catalogue is the records and code lists
    /// as published.
    #[test]
    fn the_language_shards_together_are_the_records_as_published(services in lang_services()) {
        let (manifest, signature, files) = publish_services(1, &services);
        let whole = load(&manifest, &signature, &files).unwrap();
        // Each shard records the length of the names it cut, which the joined record keeps.
        let published: Vec<Service> = services
            .iter()
            .map(|service| Service { name_words: Some(service.name_words()), ..service.clone() })
            .collect();
        proptest::prop_assert_eq!(whole.services, published);
        proptest::prop_assert_eq!(whole.codes, fixtures::codes());
    }
}

#[test]
fn a_reader_gets_its_language_and_finnish_and_a_text_with_neither_whole() {
    let text = |fi: Option<&str>, sv: Option<&str>, en: Option<&str>| LocalText {
        fi: fi.map(str::to_owned),
        sv: sv.map(str::to_owned),
        en: en.map(str::to_owned),
    };
    let service = Service {
        name: text(Some("Kirjasto"), Some("Bibliotek"), Some("Library")),
        summary: text(None, Some("Lån"), Some("Loans")),
        description: text(None, Some("Lån böcker"), None),
        ..fixtures::service("s", "", "")
    };
    let english = service.for_reader(Lang::En);
    assert_eq!(english.name, text(Some("Kirjasto"), None, Some("Library")));
    assert_eq!(english.summary, text(None, None, Some("Loans")));
    assert_eq!(english.description, service.description);
    let swedish = service.for_reader(Lang::Sv);
    assert_eq!(
        swedish.name,
        text(Some("Kirjasto"), Some("Bibliotek"), None)
    );
    assert_eq!(swedish.summary, text(None, Some("Lån"), None));
}

#[test]
fn a_readers_copy_keeps_the_length_of_the_names_it_lacks() {
    // How specific a service is (how many words its name needs) must not depend on the reader: the
    // Finnish compound hides what the English name spells out.
    let service = Service {
        name: LocalText {
            fi: Some("Työttömyysturvaneuvonta".to_owned()),
            en: Some("Advice on unemployment security and benefits".to_owned()),
            ..LocalText::default()
        },
        ..fixtures::service("s", "", "")
    };
    // "on" and "and" are stop words.
    assert_eq!(service.name_words(), 4);
    for lang in Lang::ALL {
        assert_eq!(service.for_reader(lang).name_words(), 4);
    }
}

#[test]
fn a_service_named_only_in_a_third_language_is_shown_whole_in_that_language() {
    let service = Service {
        name: LocalText {
            sv: Some("Bibliotek".to_owned()),
            ..LocalText::default()
        },
        description: LocalText {
            fi: Some("Lainaa kirjoja".to_owned()),
            sv: Some("Lån böcker".to_owned()),
            en: None,
        },
        ..fixtures::labelled(fixtures::service("s", "", ""), &[Meter::Housing])
    };
    let (manifest, signature, files) = publish_services(1, &[service]);
    let english = load_selected(
        &manifest,
        &signature,
        &files,
        &Selection::new(Lang::En, None),
    );
    let answer = recommend(&english, &said(Lang::En, ""), &RankConfig::default());
    let item = &answer.results[0];
    assert_eq!(
        (item.lang, item.name.as_str(), item.description.as_str()),
        (Lang::Sv, "Bibliotek", "Lån böcker")
    );
}

#[test]
fn a_swedish_client_loads_the_swedish_shards_of_its_areas_only() {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let selection = Selection::new(Lang::Sv, Some("564"));
    let chosen = selected_files(&manifest, &files, &selection);
    let stems = unhashed_names(&chosen);
    assert_eq!(
        stems,
        ["codes.sv", "services.m564.sv", "services.national.sv"]
    );
    let catalogue = load_selected(&manifest, &signature, &files, &selection);
    assert_eq!(catalogue.coverage.langs, BTreeSet::from([Lang::Sv]));
    assert_eq!(ids_of(&catalogue.services), ["kela", "oulu"]);
}

#[test]
fn another_language_needs_its_codes_and_one_file_per_loaded_area_and_then_loads_like_a_fresh_selection()
 {
    let (manifest, signature, files) = publish_services(1, &mixed_area_services());
    let swedish = Selection::new(Lang::Sv, Some("091"));
    let english = Selection::new(Lang::En, Some("091"));
    let first = load_selected(&manifest, &signature, &files, &swedish);
    assert!(!first.covers(&english));
    let missing: BTreeMap<String, Vec<u8>> = first
        .missing_files(&english)
        .into_iter()
        .map(|entry| (entry.name.clone(), files[&entry.name].clone()))
        .collect();
    let stems = unhashed_names(&missing);
    assert_eq!(
        stems,
        ["codes.en", "services.m091.en", "services.national.en"]
    );
    let switched = first.reselect(&missing, &english).unwrap();
    let fresh = load_selected(&manifest, &signature, &files, &english);
    assert_eq!(switched.services, fresh.services);
    assert_eq!(&switched.coverage, &fresh.coverage);
    assert!(switched.covers(&english) && !switched.covers(&swedish));
}
