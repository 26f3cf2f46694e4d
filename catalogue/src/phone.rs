//! Phone numbers as Finnish sources write them ("015 1941", "+358 (0)40 123", "0600 0 1000"), in E.164
//! where that is possible.
//!
//! - `+358…`, `00358…` and other international forms become `+` and digits (a trunk `0` after the
//!   country code, as in `+358 (0)40`, is dropped);
//! - a Finnish national number `0…` becomes `+358…` without the `0`;
//! - Finnish service numbers (`0100`, `0200`, `0300`, `0600`, `0700`, `0800` …: `0` digit `00`) cannot be
//!   dialled from abroad, so they stay national, as do short numbers without a trunk prefix (`112`,
//!   `13145`).

/// The number in E.164 where possible, else national digits; `None` if it is not a phone number.
pub(crate) fn normalise_phone(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '-' | '.' | '/' | '(' | ')'))
        .collect();
    let (international, digits) = if let Some(rest) = compact.strip_prefix('+') {
        (true, rest.to_owned())
    } else if let Some(rest) = compact.strip_prefix("00") {
        (true, rest.to_owned())
    } else {
        (false, compact)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let normal = if international {
        match digits.strip_prefix("3580") {
            Some(rest) => format!("+358{rest}"),
            None => format!("+{digits}"),
        }
    } else if is_service_number(&digits) || !digits.starts_with('0') {
        digits
    } else {
        format!("+358{}", &digits[1..])
    };
    crate::validate::is_phone(&normal).then_some(normal)
}

/// A Finnish national service number: `0`, a digit, `00`.
pub(crate) fn is_service_number(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() >= 4 && bytes[0] == b'0' && bytes[1] != b'0' && bytes[2] == b'0' && bytes[3] == b'0'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_numbers_become_e164() {
        // Shapes from the 2016 PTV pilot data (data/ptv-releases/legacy_2016_pilot/).
        assert_eq!(
            normalise_phone("020 697 000").as_deref(),
            Some("+35820697000")
        );
        assert_eq!(
            normalise_phone("0295 535 001").as_deref(),
            Some("+358295535001")
        );
        assert_eq!(normalise_phone("015 1941").as_deref(), Some("+358151941"));
        assert_eq!(
            normalise_phone("+35815 194 2424").as_deref(),
            Some("+358151942424")
        );
        assert_eq!(
            normalise_phone("+358 (0)40 123 4567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(
            normalise_phone("00358 9 123 456").as_deref(),
            Some("+3589123456")
        );
        assert_eq!(
            normalise_phone("+46 8 123 456").as_deref(),
            Some("+468123456")
        );
    }

    #[test]
    fn service_and_short_numbers_stay_national() {
        assert_eq!(normalise_phone("0600 0 1000").as_deref(), Some("060001000"));
        assert_eq!(
            normalise_phone("0800-123 456").as_deref(),
            Some("0800123456")
        );
        assert_eq!(normalise_phone("13145").as_deref(), Some("13145"));
        assert_eq!(normalise_phone("112").as_deref(), Some("112"));
    }

    #[test]
    fn non_numbers_are_refused() {
        for raw in [
            "",
            "call us",
            "+",
            "12",
            "040 123 456 789 012 345",
            "tel:040",
        ] {
            assert_eq!(normalise_phone(raw), None, "{raw}");
        }
    }
}
