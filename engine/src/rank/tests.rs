use std::collections::BTreeMap;

use super::*;
use crate::fixtures::{self, catalogue, labelled, local, service, with_event};
use crate::format::Meter;
use crate::query::Query;

fn query(json: &str) -> ValidQuery {
    let query: Query = serde_json::from_str(json).unwrap();
    query.validate(&fixtures::codes()).unwrap()
}

fn ids(catalogue: &Catalogue, json: &str) -> Vec<String> {
    recommend(catalogue, &query(json), &RankConfig::default())
        .results
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// A catalogue of `services` whose code lists also hold one ontology concept, `fi` = `sv`, so a
/// Swedish word can reach Finnish text.
fn catalogue_translating(fi: &str, sv: &str, services: Vec<Service>) -> Catalogue {
    let mut codes = fixtures::codes();
    codes.concepts.push(crate::format::Concept {
        uri: format!("koko:{fi}"),
        label: crate::format::LocalText {
            fi: Some(fi.into()),
            sv: Some(sv.into()),
            en: None,
        },
        synonyms: vec![],
    });
    Catalogue::from_records(fixtures::manifest(1), codes, services)
}

fn housing_catalogue() -> Catalogue {
    catalogue(vec![
        service(
            "allowance",
            "Yleinen asumistuki",
            "Kela maksaa asumistukea pienituloisille vuokran maksuun.",
        ),
        service("library", "Kirjastopalvelut", "Lainaa kirjoja ja lehtiä."),
        service(
            "rent",
            "Vuokra-asunnon hakeminen",
            "Hae kaupungin vuokra-asuntoa.",
        ),
    ])
}

#[test]
fn finnish_inflected_query_finds_the_service_by_stem() {
    assert_eq!(
        ids(&housing_catalogue(), r#"{"lang":"fi","text":"asumistuen"}"#),
        vec!["allowance"]
    );
}

#[test]
fn prefix_of_the_word_being_typed_matches() {
    assert_eq!(
        ids(&housing_catalogue(), r#"{"lang":"fi","text":"kirjasto"}"#),
        vec!["library"]
    );
}

#[test]
fn one_typo_in_a_long_word_still_matches() {
    assert_eq!(
        ids(
            &housing_catalogue(),
            r#"{"lang":"fi","text":"kirjastopalvelt"}"#
        ),
        vec!["library"]
    );
}

#[test]
fn text_query_is_or_with_more_covered_words_first() {
    let found = ids(
        &housing_catalogue(),
        r#"{"lang":"fi","text":"vuokra asumistuki"}"#,
    );
    assert_eq!(found.first().map(String::as_str), Some("allowance"));
    assert!(found.contains(&"rent".to_owned()));
}

#[test]
fn swedish_query_reaches_finnish_only_service_through_class_names_and_says_which_language_it_shows()
{
    let mut allowance = service(
        "allowance",
        "Yleinen asumistuki",
        "Kela maksaa asumistukea.",
    );
    allowance.service_classes.push("P1".into());
    let catalogue = catalogue(vec![allowance, service("library", "Kirjasto", "Kirjoja")]);
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"sv","text":"boende"}"#),
        &RankConfig::default(),
    );
    assert_eq!(answer.results.len(), 1);
    assert_eq!(answer.results[0].lang, crate::format::Lang::Fi);
}

#[test]
fn low_rating_ranks_the_service_labelled_for_that_meter_first() {
    let catalogue = catalogue(vec![
        labelled(service("a-health", "Terveysneuvonta", ""), &[Meter::Health]),
        labelled(
            service("b-money", "Talous- ja velkaneuvonta", ""),
            &[Meter::Finance],
        ),
    ]);
    assert_eq!(
        ids(
            &catalogue,
            r#"{"lang":"fi","meters":{"finance":2,"health":9}}"#
        ),
        vec!["b-money"]
    );
}

#[test]
fn rating_at_or_above_the_threshold_adds_nothing() {
    let catalogue = catalogue(vec![labelled(
        service("money", "Velkaneuvonta", ""),
        &[Meter::Finance],
    )]);
    assert!(ids(&catalogue, r#"{"lang":"fi","meters":{"finance":7}}"#).is_empty());
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","meters":{"finance":6}}"#),
        vec!["money"]
    );
}

#[test]
fn single_meter_profile_prefers_the_specialised_service_over_the_catch_all() {
    let catalogue = catalogue(vec![
        labelled(
            service("a-general", "Yleisneuvonta", ""),
            &[Meter::Finance, Meter::Health, Meter::Family],
        ),
        labelled(service("b-debt", "Velkaneuvonta", ""), &[Meter::Finance]),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","meters":{"finance":1}}"#),
        vec!["b-debt", "a-general"]
    );
}

#[test]
fn municipality_sees_national_services_and_its_own_but_not_others() {
    let catalogue = catalogue(vec![
        service("national", "Asumistuki", ""),
        local(service("helsinki", "Asumisneuvonta", ""), "091"),
        local(service("oulu", "Asumisneuvonta Oulu", ""), "564"),
    ]);
    let found = ids(
        &catalogue,
        r#"{"lang":"fi","text":"asumis","municipality":"091"}"#,
    );
    assert!(found.contains(&"national".to_owned()) && found.contains(&"helsinki".to_owned()));
    assert!(!found.contains(&"oulu".to_owned()));
}

#[test]
fn without_municipality_local_services_say_where_they_are_offered() {
    let catalogue = catalogue(vec![local(service("oulu", "Asumisneuvonta", ""), "564")]);
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"asumisneuvonta"}"#),
        &RankConfig::default(),
    );
    assert!(answer.results[0].why.contains(&Why::OfferedIn {
        municipalities: vec!["564".into()]
    }));
}

#[test]
fn chosen_life_event_ranks_its_services_and_sub_events_count_less() {
    let catalogue = catalogue(vec![
        with_event(service("a-sub", "Muuttoilmoitus", ""), "KE4.2"),
        with_event(service("b-exact", "Muuttaminen", ""), "KE4"),
        service("c-none", "Kirjasto", ""),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","life_events":["KE4"]}"#),
        vec!["b-exact", "a-sub"]
    );
}

#[test]
fn every_result_explains_itself() {
    let catalogue = catalogue(vec![labelled(
        service("money", "Velkaneuvonta", "Apua velkoihin"),
        &[Meter::Finance],
    )]);
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"velka","meters":{"finance":2}}"#),
        &RankConfig::default(),
    );
    assert_eq!(
        answer.results[0].why,
        vec![
            Why::Term {
                term: "velka".into()
            },
            Why::Meter {
                meter: Meter::Finance,
                value: 2
            }
        ]
    );
}

#[test]
fn ties_are_broken_by_id() {
    let catalogue = catalogue(vec![
        service("b", "Kirjasto", ""),
        service("a", "Kirjasto", ""),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"kirjasto"}"#),
        vec!["a", "b"]
    );
}

#[test]
fn paging_returns_the_next_slice_and_the_total() {
    let catalogue = catalogue(
        (0..5)
            .map(|i| service(&format!("s{i}"), "Kirjasto", ""))
            .collect(),
    );
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"kirjasto","limit":2,"offset":2}"#),
        &RankConfig::default(),
    );
    assert_eq!(answer.total, 5);
    assert_eq!(
        answer
            .results
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        vec!["s2", "s3"]
    );
}

fn meter_catalogue() -> Catalogue {
    catalogue(
        Meter::ALL
            .iter()
            .enumerate()
            .map(|(i, meter)| {
                labelled(
                    local(
                        service(&format!("s{i}"), "Palvelu", ""),
                        if i % 2 == 0 { "091" } else { "564" },
                    ),
                    &[*meter, Meter::ALL[(i + 3) % 10]],
                )
            })
            .collect(),
    )
}

fn meters_query(ratings: &[u8], municipality: Option<&str>) -> ValidQuery {
    let meters: BTreeMap<Meter, u8> = Meter::ALL
        .iter()
        .copied()
        .zip(ratings.iter().copied())
        .collect();
    ValidQuery {
        text: None,
        lang: crate::format::Lang::Fi,
        life_events: vec![],
        meters,
        municipality: municipality.map(str::to_owned),
        age: None,
        filters: Default::default(),
        limit: 100,
        offset: 0,
        feedback: Default::default(),
    }
}

proptest::proptest! {
    #[test]
    fn lowering_a_rating_never_lowers_a_service_weighted_for_it(
        ratings in proptest::collection::vec(0u8..=10, 10), meter_idx in 0usize..10, drop in 1u8..=10,
    ) {
        let catalogue = meter_catalogue();
        let before = recommend(&catalogue, &meters_query(&ratings, None), &RankConfig::default());
        let mut lowered = ratings.clone();
        lowered[meter_idx] = lowered[meter_idx].saturating_sub(drop);
        let after = recommend(&catalogue, &meters_query(&lowered, None), &RankConfig::default());
        let meter = Meter::ALL[meter_idx];
        for service in catalogue.services.iter().filter(|s| s.meters.iter().any(|m| m.meter == meter)) {
            let score = |answer: &Answer| answer.results.iter().find(|r| r.id == service.id).map_or(0.0, |r| r.score);
            proptest::prop_assert!(score(&after) >= score(&before));
        }
    }

    #[test]
    fn municipality_filter_never_leaks_services_of_other_areas(ratings in proptest::collection::vec(0u8..=10, 10)) {
        let catalogue = meter_catalogue();
        let answer = recommend(&catalogue, &meters_query(&ratings, Some("091")), &RankConfig::default());
        for item in &answer.results {
            proptest::prop_assert!(item.area.national || item.area.municipalities.contains(&"091".to_owned()));
        }
    }

    #[test]
    fn same_query_gives_the_same_order(ratings in proptest::collection::vec(0u8..=10, 10)) {
        let catalogue = meter_catalogue();
        let first = recommend(&catalogue, &meters_query(&ratings, None), &RankConfig::default());
        let second = recommend(&catalogue, &meters_query(&ratings, None), &RankConfig::default());
        proptest::prop_assert_eq!(first, second);
    }

    #[test]
    fn any_query_text_is_ranked_without_panicking(text in "\\PC{0,80}") {
        let mut query = meters_query(&[5; 10], None);
        query.text = Some(text);
        let _ = recommend(&housing_catalogue(), &query, &RankConfig::default());
    }
}

#[test]
fn head_of_a_finnish_compound_finds_the_compound() {
    let catalogue = catalogue(vec![
        service("benefit", "Työttömyysturva", "Rahaa työttömälle."),
        service("other", "Kirjasto", "Kirjoja."),
        service("security", "Turva", "Yleistä."),
    ]);
    let found = ids(&catalogue, r#"{"lang":"fi","text":"turva "}"#);
    assert!(found.contains(&"benefit".to_owned()), "{found:?}");
}

#[test]
fn finnish_compound_query_finds_its_parts_written_apart() {
    let catalogue = catalogue(vec![
        service("care", "Omaishoidon tuki", "Tukea omaishoitajalle."),
        service("other", "Kirjasto", "Kirjoja."),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"omaishoidontuki "}"#),
        vec!["care"]
    );
}

#[test]
fn vowels_typed_without_dots_still_match() {
    let catalogue = catalogue(vec![
        service("benefit", "Työttömyysturva", ""),
        service("other", "Kirjasto", ""),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"tyottomyysturva "}"#),
        vec!["benefit"]
    );
}

#[test]
fn a_translation_counts_as_far_as_the_service_says_the_whole_finnish_label() {
    // "asumistuki" is not in the catalogue as such, so it is read through its parts: housing
    // ("asumisen") and allowance ("tuki"). A service about housing advice has only one of them.
    let mut codes = fixtures::codes();
    codes.concepts.push(crate::format::Concept {
        uri: "koko:asumistuki".into(),
        label: crate::format::LocalText {
            fi: Some("asumistuki".into()),
            sv: Some("bostadsbidrag".into()),
            en: Some("housing allowance".into()),
        },
        synonyms: vec![],
    });
    let catalogue = Catalogue::from_records(
        fixtures::manifest(1),
        codes.clone(),
        vec![
            service("allowance", "Asumisen tuki", ""),
            service("advice", "Asumisen neuvonta", ""),
            service("library", "Kirjasto", ""),
        ],
    );
    let query: Query =
        serde_json::from_str(r#"{"lang":"en","text":"housing allowance "}"#).unwrap();
    let answer = recommend(
        &catalogue,
        &query.validate(&codes).unwrap(),
        &RankConfig::default(),
    );
    let score = |id: &str| answer.results.iter().find(|r| r.id == id).unwrap().score;
    assert_eq!(answer.results[0].id, "allowance");
    // Had each English word counted any part of the label as the whole of it, housing advice would
    // score about half of the allowance; one part of two counts half as much as both.
    assert!(score("advice") < 0.4 * score("allowance"));
}

#[test]
fn english_word_reaches_finnish_only_text_through_an_ontology_label() {
    let mut codes = fixtures::codes();
    codes.concepts.push(crate::format::Concept {
        uri: "koko:libraries".into(),
        label: crate::format::LocalText {
            fi: Some("kirjastot".into()),
            sv: Some("bibliotek".into()),
            en: Some("libraries".into()),
        },
        synonyms: vec![crate::format::LocalText {
            en: Some("library".into()),
            ..Default::default()
        }],
    });
    let catalogue = Catalogue::from_records(
        fixtures::manifest(1),
        codes.clone(),
        vec![
            service("library", "Kirjastot ja lainaus", "Lainaa kirjoja."),
            service("other", "Asumistuki", ""),
        ],
    );
    let query: Query = serde_json::from_str(r#"{"lang":"en","text":"library "}"#).unwrap();
    let answer = recommend(
        &catalogue,
        &query.validate(&codes).unwrap(),
        &RankConfig::default(),
    );
    assert_eq!(
        answer
            .results
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        vec!["library"]
    );
    assert_eq!(answer.results[0].lang, crate::format::Lang::Fi);
}

#[test]
fn only_the_word_being_typed_matches_by_prefix() {
    let catalogue = catalogue(vec![
        service("method", "Menetelmästandardit", ""),
        service("job", "Työpaikat", ""),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"menet työpaik"}"#),
        vec!["job"]
    );
}

#[test]
fn without_municipality_a_national_service_outranks_an_equal_local_one() {
    let catalogue = catalogue(vec![
        local(service("a-local", "Kirjasto", ""), "564"),
        service("b-national", "Kirjasto", ""),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"kirjasto"}"#),
        vec!["b-national", "a-local"]
    );
    assert_eq!(
        ids(
            &catalogue,
            r#"{"lang":"fi","text":"kirjasto","municipality":"564"}"#
        ),
        vec!["a-local", "b-national"]
    );
}

#[test]
fn swapped_neighbouring_letters_count_as_one_typo() {
    assert_eq!(
        text_match::edit_distance("pensoin", "pension", 1, 1),
        Some(1)
    );
    assert_eq!(
        text_match::edit_distance("kirjasto", "kirjasto", 1, 1),
        Some(0)
    );
    assert_eq!(
        text_match::edit_distance("paivahoito", "päivähoito", 0, 1),
        Some(0)
    );
    assert_eq!(text_match::edit_distance("abcdef", "badcfe", 2, 1), None);
}

#[test]
fn a_vowel_for_a_vowel_may_cost_two_edits() {
    assert_eq!(text_match::edit_distance("pelk", "palk", 1, 1), Some(1));
    assert_eq!(text_match::edit_distance("pelk", "palk", 1, 2), None);
    assert_eq!(text_match::edit_distance("pelk", "pelt", 1, 2), Some(1));
}

#[test]
fn real_words_the_catalogue_does_not_use_are_not_read_as_other_words() {
    let catalogue = catalogue(vec![
        service("pay", "Palkkatuki", ""),
        service("place", "Hoitopaikka", ""),
        service("care", "Care for the elderly", ""),
        service("divorce", "Erotilanteen neuvonta", ""),
    ]);
    // "pelkään" (I am afraid) is not "palkka" (pay), "poika" (son) is not "paikka" (place), "scare"
    // is not "care": a vowel changed in Finnish, or a first letter dropped, is another word.
    for text in ["pelkään ", "poika ", "pelkään ja poika "] {
        assert!(
            ids(&catalogue, &format!(r#"{{"lang":"fi","text":"{text}"}}"#)).is_empty(),
            "{text}"
        );
    }
    assert!(ids(&catalogue, r#"{"lang":"en","text":"scare "}"#).is_empty());
    // Typos are still read as meant.
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"palkaktuki "}"#),
        ["pay"]
    );
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"hoitopakka "}"#),
        ["place"]
    );
}

#[test]
fn swedish_word_with_a_typo_is_corrected_before_it_is_translated() {
    let catalogue = catalogue_translating(
        "asumistuki",
        "bostadsbidrag",
        vec![
            service("allowance", "Yleinen asumistuki", ""),
            service("other", "Kirjasto", ""),
        ],
    );
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"sv","text":"bostadsbidarg "}"#),
        &RankConfig::default(),
    );
    assert_eq!(
        answer
            .results
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        vec!["allowance"]
    );
    assert_eq!(
        answer.results[0].why,
        vec![Why::Term {
            term: "bostadsbidarg".into()
        }]
    );
}

/// Codes whose unemployment event (KE8) is recognised by `trigger`, in Finnish or English.
fn codes_recognising_unemployment(trigger: crate::format::LocalText) -> crate::format::CodeLists {
    let mut codes = fixtures::codes();
    let unemployment = codes
        .life_events
        .iter_mut()
        .find(|event| event.code == "KE8")
        .unwrap();
    unemployment.triggers = vec![trigger];
    codes
}

/// The answer to `text`, which must rank "a-benefit" for the unemployment event it recognises.
fn recognising_unemployment(
    codes: &crate::format::CodeLists,
    services: Vec<Service>,
    text: &str,
) -> Answer {
    let catalogue = Catalogue::from_records(fixtures::manifest(1), codes.clone(), services);
    let query: Query = serde_json::from_str(text).unwrap();
    let answer = recommend(
        &catalogue,
        &query.validate(codes).unwrap(),
        &RankConfig::default(),
    );
    let benefit = answer.results.iter().find(|r| r.id == "a-benefit").unwrap();
    assert!(benefit.why.contains(&Why::LifeEvent { code: "KE8".into() }));
    answer
}

#[test]
fn life_event_recognised_in_the_text_ranks_its_services_and_says_so() {
    let codes = codes_recognising_unemployment(crate::format::LocalText {
        fi: Some("menetin työpaikka".into()),
        ..Default::default()
    });
    let services = || {
        vec![
            with_event(service("a-benefit", "Ansiopäiväraha", "Rahaa"), "KE8"),
            service("b-other", "Kirjasto", ""),
        ]
    };
    let text = r#"{"lang":"fi","text":"menetin työpaikkani"}"#;
    let answer = recognising_unemployment(&codes, services(), text);
    assert_eq!(answer.results[0].id, "a-benefit");
    // A trigger word no service uses is still the citizen's word, even where spelling correction
    // reads it as a catalogue word one letter away ("menetin", I lost, as "menekin", of sales).
    let mut with_sales = services();
    with_sales.push(service("c-sales", "Menekin edistäminen", ""));
    recognising_unemployment(&codes, with_sales, text);
}

#[test]
fn life_event_is_recognised_in_a_misspelt_trigger_word() {
    let codes = codes_recognising_unemployment(crate::format::LocalText {
        en: Some("unemployed".into()),
        ..Default::default()
    });
    let mut benefit = with_event(service("a-benefit", "Ansiopäiväraha", ""), "KE8");
    benefit.name.en = Some("Earnings-related allowance for the unemployed".into());
    recognising_unemployment(
        &codes,
        vec![benefit, service("b-other", "Kirjasto", "")],
        r#"{"lang":"en","text":"unemplyoed "}"#,
    );
}

/// A service for money matters in service class `class`.
fn finance_service(id: &str, name: &str, class: &str) -> Service {
    let mut service = labelled(service(id, name, ""), &[Meter::Finance]);
    service.service_classes.push(class.into());
    service
}

#[test]
fn liked_services_pull_similar_ones_up_and_say_why() {
    let with_class = finance_service;
    let catalogue = catalogue(vec![
        with_class("a-debt", "Velkaneuvonta", "P15.1"),
        with_class("b-credit", "Sosiaalinen luototus", "P15.1"),
        with_class("c-library", "Kirjasto", "P25.1"),
        with_class("d-museum", "Museo", "P25.1"),
    ]);
    let plain = ids(&catalogue, r#"{"lang":"fi","meters":{"finance":3}}"#);
    assert_eq!(plain, vec!["a-debt", "b-credit", "c-library", "d-museum"]);
    let answer = recommend(
        &catalogue,
        &query(
            r#"{"lang":"fi","meters":{"finance":3},"feedback":{"liked":["c-library"],"disliked":["a-debt"]}}"#,
        ),
        &RankConfig::default(),
    );
    let order: Vec<&str> = answer.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, vec!["d-museum", "a-debt", "c-library", "b-credit"]);
    let moved = |id: &str| {
        answer
            .results
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .why
            .iter()
            .find_map(|why| match why {
                Why::Feedback { direction } => Some(*direction),
                _ => None,
            })
    };
    assert_eq!(moved("d-museum"), Some(crate::FeedbackDirection::Up));
    assert_eq!(moved("b-credit"), Some(crate::FeedbackDirection::Down));
    // The marked services are not moved for resembling themselves.
    assert_eq!(moved("a-debt"), None);
    assert_eq!(moved("c-library"), None);
}

#[test]
fn a_service_is_judged_by_the_marks_most_like_it_not_outvoted_by_many_of_another_kind() {
    // The citizen liked four debt services and one library. A museum is like the library, so it moves
    // up as far as one more debt service does: an average of all five marks would drown the library.
    let mut services: Vec<Service> = (1..=4)
        .map(|n| finance_service(&format!("liked-debt-{n}"), "Velkaneuvonta", "P15.1"))
        .collect();
    services.push(finance_service("liked-library", "Kirjasto", "P25.1"));
    services.push(finance_service("museum", "Museo", "P25.1"));
    services.push(finance_service("more-debt", "Velkajärjestely", "P15.1"));
    let answer = recommend(
        &catalogue(services),
        &query(
            r#"{"lang":"fi","meters":{"finance":3},"feedback":{"liked":["liked-debt-1","liked-debt-2","liked-debt-3","liked-debt-4","liked-library"]}}"#,
        ),
        &RankConfig::default(),
    );
    let score = |id: &str| answer.results.iter().find(|r| r.id == id).unwrap().score;
    let unmarked = score("liked-library");
    assert!(score("more-debt") > unmarked);
    assert_eq!(score("museum"), score("more-debt"));
}

#[test]
fn feedback_on_services_the_catalogue_no_longer_has_changes_nothing() {
    let catalogue = housing_catalogue();
    let plain = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"asumistuki vuokra"}"#),
        &RankConfig::default(),
    );
    let with_stale = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"asumistuki vuokra","feedback":{"liked":["gone"]}}"#),
        &RankConfig::default(),
    );
    assert_eq!(plain, with_stale);
}

#[test]
fn national_service_except_one_region_is_not_offered_there() {
    let mut except_oulu_region = service("except", "Kirjasto", "");
    except_oulu_region.areas.excluded_regions = vec!["17".into()];
    let catalogue = catalogue(vec![except_oulu_region]);
    assert!(
        ids(
            &catalogue,
            r#"{"lang":"fi","text":"kirjasto","municipality":"564"}"#
        )
        .is_empty()
    );
    assert_eq!(
        ids(
            &catalogue,
            r#"{"lang":"fi","text":"kirjasto","municipality":"091"}"#
        ),
        vec!["except"]
    );
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","text":"kirjasto"}"#),
        vec!["except"]
    );
}

#[test]
fn hidden_services_are_left_out_of_the_answer_and_its_total() {
    let catalogue = housing_catalogue();
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"asumistuki vuokra","feedback":{"hidden":["allowance"]}}"#),
        &RankConfig::default(),
    );
    assert_eq!(answer.total, 1);
    assert_eq!(
        answer
            .results
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        vec!["rent"]
    );
}

#[test]
fn hostile_markup_and_a_100_kb_word_are_indexed_as_plain_text() {
    let long = format!("kirjasto {}", "a".repeat(100_000));
    let catalogue = catalogue(vec![
        service("script", "<script>alert(1)</script> Kirjasto", &long),
        service("bidi", "Kirjasto \u{202e}gnp.exe", ""),
    ]);
    let answer = recommend(
        &catalogue,
        &query(r#"{"lang":"fi","text":"kirjasto script"}"#),
        &RankConfig::default(),
    );
    assert_eq!(answer.results[0].id, "script");
    assert_eq!(answer.results[0].name, "<script>alert(1)</script> Kirjasto");
}

#[test]
fn among_an_events_services_the_general_come_before_the_specific() {
    let catalogue = catalogue(vec![
        with_event(
            service("employer", "Palkkatuki työttömän palkkauskustannuksiin", ""),
            "KE8",
        ),
        with_event(service("benefit", "Ansiopäiväraha", ""), "KE8"),
    ]);
    assert_eq!(
        ids(&catalogue, r#"{"lang":"fi","life_events":["KE8"]}"#),
        ["benefit", "employer"]
    );
}

#[test]
fn a_place_name_in_the_text_does_not_outweigh_what_is_needed() {
    let catalogue = catalogue(vec![
        local(service("water", "Oulun Vesi", "Vesihuolto Oulussa"), "564"),
        service("daycare", "Päivähoito", "Lasten päivähoito"),
    ]);
    assert_eq!(
        ids(
            &catalogue,
            r#"{"lang":"fi","text":"päivähoito oulu ","municipality":"564"}"#
        )[0],
        "daycare"
    );
    // Alone, a place name is all there is to go by.
    assert_eq!(
        ids(
            &catalogue,
            r#"{"lang":"fi","text":"oulu ","municipality":"564"}"#
        ),
        ["water"]
    );
}

#[test]
fn a_finnish_typo_is_corrected_to_a_finnish_word_only() {
    let mut english_only = service("meet", "", "");
    english_only.name.en = Some("Meeting rooms".into());
    let catalogue = catalogue(vec![english_only, service("rooms", "Kokoustilat", "")]);
    // The stem of "menetin" (I lost) is one edit from the English stem "meet".
    assert!(ids(&catalogue, r#"{"lang":"fi","text":"menetin "}"#).is_empty());
    assert_eq!(
        ids(&catalogue, r#"{"lang":"en","text":"meetng rooms "}"#)[0],
        "meet"
    );
}

#[test]
fn a_swedish_query_reads_swedish_and_finnish_text_and_its_definite_forms() {
    let mut lost_pets = service("pets", "", "");
    lost_pets.name.en = Some("Lost dog and cat service".into());
    let catalogue = catalogue_translating(
        "kuolinpesä",
        "dödsbo",
        vec![service("estate", "Kuolinpesän selvitys", ""), lost_pets],
    );
    // "dog" is Swedish for "died"; "dödsboet" is "the estate".
    assert_eq!(
        ids(&catalogue, r#"{"lang":"sv","text":"mamma dog, dödsboet "}"#),
        ["estate"]
    );
    assert_eq!(
        ids(&catalogue, r#"{"lang":"en","text":"lost dog "}"#),
        ["pets"]
    );
}

#[test]
fn a_misspelt_compound_is_split_like_the_well_spelt_one() {
    let catalogue = catalogue(vec![
        service("compound", "Omaishoidontuki", ""),
        service("parts", "Omaishoidon tuen hakeminen", ""),
    ]);
    let mut found = ids(&catalogue, r#"{"lang":"fi","text":"omaishodiontuki "}"#);
    found.sort();
    assert_eq!(found, ["compound", "parts"]);
}
