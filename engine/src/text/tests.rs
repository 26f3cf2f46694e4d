use super::*;

#[test]
fn tokens_are_lowercased_nfc_words() {
    assert_eq!(
        tokenize("Työttömyys-turva, KELA!"),
        vec!["työttömyys", "turva", "kela"]
    );
    // "a" + combining diaeresis becomes the single letter ä, "A" + combining ring Å.
    assert_eq!(tokenize("ta\u{308}hti"), vec!["tähti"]);
    assert_eq!(tokenize("A\u{30a}bo"), vec!["åbo"]);
}

#[test]
fn finnish_inflections_share_a_stem() {
    let analyzer = Analyzer::default();
    assert_eq!(
        analyzer.stem(Lang::Fi, "eläke"),
        analyzer.stem(Lang::Fi, "eläkkeen")
    );
    assert_eq!(analyzer.stem(Lang::Sv, "hälsocentralen"), "hälsocentral");
}

#[test]
fn stop_words_are_dropped_from_terms() {
    let analyzer = Analyzer::default();
    let tokens: Vec<String> = analyzer
        .terms(Lang::Fi, "minä olen työtön")
        .into_iter()
        .map(|t| t.token)
        .collect();
    assert_eq!(tokens, vec!["työtön"]);
}

#[test]
fn word_lists_are_sorted_for_binary_search() {
    for lang in Lang::ALL {
        for list in [stopwords::list(lang), stopwords::weak_list(lang)] {
            assert!(
                list.windows(2).all(|pair| pair[0] < pair[1]),
                "{lang:?} list is not sorted"
            );
        }
    }
    assert!(
        FINNISH_STEM_ALIASES
            .windows(2)
            .all(|pair| pair[0].0 < pair[1].0),
        "aliases are not sorted"
    );
}

#[test]
fn consonant_gradation_does_not_split_a_finnish_word() {
    let analyzer = Analyzer::default();
    for (a, b) in [
        ("tuki", "tuen"),
        ("velka", "velat"),
        ("lapsen", "lasten"),
        ("työtön", "työttömille"),
    ] {
        assert_eq!(
            analyzer.stem(Lang::Fi, a),
            analyzer.stem(Lang::Fi, b),
            "{a} vs {b}"
        );
    }
}

#[test]
fn how_words_are_weak_and_need_words_are_not() {
    assert!(is_weak(Lang::Fi, "hakeminen"));
    assert!(is_weak(Lang::En, "apply"));
    assert!(!is_weak(Lang::Fi, "asumistuki"));
}

#[test]
fn absurdly_long_words_are_not_split() {
    let analyzer = Analyzer::default();
    let word = "a".repeat(100_000);
    assert_eq!(
        split_compound(&analyzer, &word, SplitPolicy::LongUnknownModifier, |_| true),
        None
    );
}

#[test]
fn an_unknown_head_after_a_known_modifier_splits_only_when_either_part_may_be_unknown() {
    let analyzer = Analyzer::default();
    let known = |stem: &str| stem == analyzer.stem(Lang::Fi, "syöpä");
    let word = "syöpädiagnoosin";
    assert_eq!(
        split_compound(&analyzer, word, SplitPolicy::KnownParts, known),
        None
    );
    assert_eq!(
        split_compound(&analyzer, word, SplitPolicy::LongUnknownModifier, known),
        None
    );
    let [modifier, _] = split_compound(&analyzer, word, SplitPolicy::EitherPartKnown, known)
        .expect("the known modifier is found");
    assert_eq!(modifier, analyzer.stem(Lang::Fi, "syöpä"));
}
