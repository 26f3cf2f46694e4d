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

#[test]
fn a_decoded_shard_holds_its_services_without_spare_capacity() {
    let services: Vec<Service> = (0..1000)
        .map(|i| fixtures::service(&format!("s{i:04}"), "Asumistuki", "Tukea asumiseen"))
        .collect();
    let bytes = encode_shard(&Shard {
        services: services.clone(),
    });
    let decoded = decode_shard(&bytes).unwrap().services;
    assert_eq!(decoded, services);
    assert_eq!(decoded.capacity(), 1000);
    // Appending a second shard grows the list once, to exactly both.
    let mut both = decoded;
    decode_shard_into(&bytes, &mut both).unwrap();
    assert_eq!((both.len(), both.capacity()), (2000, 2000));
}

#[test]
fn the_capacity_bound_is_no_more_than_the_smallest_service_encoding() {
    let smallest = encode_shard_of(&[&Service::new("", "")]);
    let empty = encode_shard_of(&[]);
    assert!(smallest.len() - empty.len() >= MIN_ENCODED_SERVICE_BYTES);
}

#[test]
fn a_shard_announcing_more_services_than_its_bytes_hold_is_refused_without_reserving_them() {
    let mut bytes = encode_shard(&Shard { services: vec![] });
    // The count varint: u32::MAX services in a handful of bytes.
    bytes.truncate(8);
    bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    let mut services = Vec::new();
    assert!(matches!(
        decode_shard_into(&bytes, &mut services),
        Err(FormatError::Malformed { .. })
    ));
    assert_eq!(services.capacity(), 0);
}
