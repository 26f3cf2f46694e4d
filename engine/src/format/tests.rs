use super::*;
use crate::fixtures;

#[test]
fn shard_round_trips_through_encode_and_decode() {
    let shard = Shard {
        services: vec![fixtures::service("a", "Asumistuki", "Tukea asumiseen")],
    };
    assert_eq!(decode_shard(&encode_shard(&shard)), Ok(shard));
}

#[test]
fn codes_file_is_not_accepted_as_a_shard() {
    let codes = encode_codes(&fixtures::codes());
    assert!(matches!(
        decode_shard(&codes),
        Err(FormatError::Malformed { .. })
    ));
}

#[test]
fn file_from_another_format_version_is_refused_by_version() {
    let mut bytes = encode_shard(&Shard { services: vec![] });
    bytes[4] = 99;
    assert_eq!(
        decode_shard(&bytes),
        Err(FormatError::UnsupportedVersion {
            what: "services shard",
            found: 99,
            supported: FORMAT_VERSION
        })
    );
}

#[test]
fn trailing_bytes_after_a_shard_are_refused() {
    let mut bytes = encode_shard(&Shard { services: vec![] });
    bytes.push(0);
    assert!(matches!(
        decode_shard(&bytes),
        Err(FormatError::Malformed { .. })
    ));
}

#[test]
fn oversized_manifest_is_refused_before_parsing() {
    let bytes = vec![b' '; MAX_MANIFEST_BYTES + 1];
    assert!(matches!(
        decode_manifest(&bytes),
        Err(FormatError::TooLarge { .. })
    ));
}

#[test]
fn local_text_falls_back_to_finnish_then_swedish_then_english() {
    let text = LocalText {
        fi: None,
        sv: Some("Bostadsbidrag".into()),
        en: Some("Housing allowance".into()),
    };
    assert_eq!(text.best(Lang::En), Some((Lang::En, "Housing allowance")));
    assert_eq!(text.best(Lang::Fi), Some((Lang::Sv, "Bostadsbidrag")));
}

proptest::proptest! {
    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = decode_shard(&bytes);
        let _ = decode_codes(&bytes);
        let _ = decode_manifest(&bytes);
    }

    #[test]
    fn decoding_a_mutated_shard_never_panics(position in 0usize..4096, value in proptest::num::u8::ANY) {
        let shard = Shard { services: vec![fixtures::with_event(fixtures::service("a", "Asumistuki", "Tukea"), "KE4")] };
        let mut bytes = encode_shard(&shard);
        let position = position % bytes.len();
        bytes[position] = value;
        let _ = decode_shard(&bytes);
    }
}
