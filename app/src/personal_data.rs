//! Spotting personal data in the citizen's own words: Finnish personal identity codes (HETU), phone
//! numbers and e-mail addresses.
//!
//! Aurora needs none of these to find services. The app warns when it sees one, and a text that holds one
//! is never put into a shared link (see `handover`). Pure functions, tested natively; no regex engine, to
//! keep the wasm bundle small.

/// What kinds of personal data a text seems to contain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    pub identity_code: bool,
    pub phone: bool,
    pub email: bool,
}

impl Findings {
    pub fn any(self) -> bool {
        self.identity_code || self.phone || self.email
    }
}

/// Looks for personal data in `text`.
pub fn scan(text: &str) -> Findings {
    let mut chars: Vec<char> = text.chars().collect();
    let identity_code = blank_identity_codes(&mut chars);
    Findings {
        identity_code,
        // Identity codes are blanked first, so "010101-123N" does not also count as a phone number.
        phone: has_phone_number(&chars),
        email: has_email_address(&chars),
    }
}

/// The century signs of the 2023 reform: `+` 1800s; `-` `Y` `X` `W` `V` `U` 1900s; `A`–`F` 2000s.
const CENTURY_SIGNS: &str = "-+ABCDEFYXWVU";
/// Check characters, indexed by the nine digits (DDMMYYNNN) modulo 31.
const CHECK_CHARACTERS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
const IDENTITY_CODE_LEN: usize = 11;

/// Whether `code` is a well-formed identity code with a correct check character (letters in any case).
pub fn is_valid_identity_code(code: &str) -> bool {
    let chars: Vec<char> = code.chars().collect();
    chars.len() == IDENTITY_CODE_LEN && valid_identity_code_at(&chars, 0)
}

fn valid_identity_code_at(chars: &[char], start: usize) -> bool {
    let Some(code) = chars.get(start..start + IDENTITY_CODE_LEN) else {
        return false;
    };
    let digits_of = |range: &[char]| -> Option<u32> {
        range.iter().try_fold(0u32, |number, c| {
            c.to_digit(10).map(|digit| number * 10 + digit)
        })
    };
    let (Some(date), Some(individual)) = (digits_of(&code[0..6]), digits_of(&code[7..10])) else {
        return false;
    };
    let (day, month) = (date / 10_000, date / 100 % 100);
    let sign = code[6].to_ascii_uppercase();
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) || !CENTURY_SIGNS.contains(sign) {
        return false;
    }
    let index = (date * 1000 + individual) % 31;
    CHECK_CHARACTERS
        .get(index as usize)
        .is_some_and(|expected| char::from(*expected) == code[10].to_ascii_uppercase())
}

/// Whether a token may start at `index`: the text starts there or a non-alphanumeric character precedes.
fn starts_word(chars: &[char], index: usize) -> bool {
    index == 0 || chars.get(index - 1).is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a token ending before `index` ends a word.
fn ends_word(chars: &[char], index: usize) -> bool {
    chars.get(index).is_none_or(|c| !c.is_alphanumeric())
}

/// Replaces every valid identity code with spaces; true if there was one.
fn blank_identity_codes(chars: &mut [char]) -> bool {
    let mut found = false;
    let mut start = 0;
    while start + IDENTITY_CODE_LEN <= chars.len() {
        if starts_word(chars, start)
            && ends_word(chars, start + IDENTITY_CODE_LEN)
            && valid_identity_code_at(chars, start)
        {
            found = true;
            chars[start..start + IDENTITY_CODE_LEN].fill(' ');
            start += IDENTITY_CODE_LEN;
        } else {
            start += 1;
        }
    }
    found
}

/// Finnish numbers start with the trunk prefix 0 (`040 123 4567`, `09-123 4567`, `(09) 123 4567`);
/// international ones with `+` or `00` (`+358 40 1234567`). Spaces, hyphens and parentheses may group
/// the digits; dots may not, so dates such as 01.02.2023 are not numbers.
fn has_phone_number(chars: &[char]) -> bool {
    (0..chars.len()).any(|start| {
        let opens = chars[start] == '+' || chars[start] == '(' || chars[start].is_ascii_digit();
        opens
            && starts_word(chars, start)
            && !inside_number(chars, start)
            && phone_digits_at(chars, start).is_some_and(is_phone)
    })
}

/// Whether `start` continues a number run (`1234 0000…`), where a phone number cannot begin.
fn inside_number(chars: &[char], start: usize) -> bool {
    start >= 2
        && matches!(chars[start - 1], ' ' | '-' | '\u{a0}')
        && chars[start - 2].is_ascii_digit()
}

/// The digits of the number-like run starting at `start`, and whether it starts with `+`.
fn phone_digits_at(chars: &[char], start: usize) -> Option<(bool, String)> {
    let plus = chars[start] == '+';
    let mut digits = String::new();
    let mut end = start + usize::from(plus);
    let mut last_digit_end = end;
    let mut previous_was_gap = false;
    while let Some(&c) = chars.get(end) {
        if c.is_ascii_digit() {
            digits.push(c);
            last_digit_end = end + 1;
            previous_was_gap = false;
        } else if c == '(' || c == ')' {
            previous_was_gap = false;
        } else if matches!(c, ' ' | '-' | '\u{a0}') && !previous_was_gap {
            previous_was_gap = true;
        } else {
            break;
        }
        end += 1;
    }
    ends_word(chars, last_digit_end).then_some((plus, digits))
}

fn is_phone((plus, digits): (bool, String)) -> bool {
    let count = digits.len();
    if plus {
        (8..=15).contains(&count)
    } else if digits.starts_with("00") {
        (10..=17).contains(&count)
    } else if digits.starts_with('0') {
        (7..=12).contains(&count)
    } else {
        false
    }
}

/// `name@example.fi`: a local part, `@`, and a domain with at least one dot and a top-level domain of
/// two or more letters.
fn has_email_address(chars: &[char]) -> bool {
    let local_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
    chars.iter().enumerate().any(|(at, &c)| {
        if c != '@' {
            return false;
        }
        let domain: String = chars[at + 1..]
            .iter()
            .take_while(|c| domain_char(**c))
            .collect();
        let domain = domain.trim_end_matches(['.', '-']);
        let labels: Vec<&str> = domain.split('.').collect();
        let has_local = chars[..at].last().is_some_and(|c| local_char(*c));
        has_local
            && labels.len() >= 2
            && labels.iter().all(|label| !label.is_empty())
            && labels
                .last()
                .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One valid code for each century sign of the 2023 reform (check characters computed by hand).
    const VALID_CODES: [&str; 13] = [
        "131052-308T",
        "020300+123N",
        "010101A123N",
        "010104B321U",
        "010105C456E",
        "010106D789E",
        "010107E111U",
        "010108F222N",
        "010594Y9032",
        "150499X2340",
        "311299W765W",
        "010180V018N",
        "120670U3210",
    ];

    #[test]
    fn valid_identity_codes_with_every_century_sign_are_found() {
        for code in VALID_CODES {
            assert!(is_valid_identity_code(code), "{code}");
            let findings = scan(&format!("Hei, hetuni on {code}, auttakaa."));
            assert!(findings.identity_code, "{code}");
            assert!(!findings.phone, "{code} is not a phone number");
        }
    }

    #[test]
    fn lowercase_letters_are_still_an_identity_code() {
        assert!(scan("minun hetu 131052-308t").identity_code);
        assert!(scan("010101a123n").identity_code);
    }

    #[test]
    fn a_wrong_check_character_is_not_an_identity_code() {
        for code in ["131052-308U", "010101A123M", "131052-3080", "311299W765X"] {
            assert!(!is_valid_identity_code(code), "{code}");
            assert!(
                !scan(&format!("koodi {code} tässä")).identity_code,
                "{code}"
            );
        }
    }

    #[test]
    fn malformed_identity_codes_are_not_found() {
        for text in [
            "131052Q308T",  // not a century sign
            "320152-308T",  // no 32nd day
            "131352-308T",  // no 13th month
            "X131052-308T", // part of a longer word
            "131052-308TT", // part of a longer word
            "131052-30T",   // too short
        ] {
            assert!(!scan(text).identity_code, "{text}");
        }
    }

    #[test]
    fn finnish_and_international_phone_numbers_are_found() {
        for text in [
            "soita 040 123 4567",
            "numero on +358 40 1234567.",
            "+358401234567",
            "09-123 4567",
            "(09) 123 4567",
            "0401234567",
            "puh. 050-1234567, iltaisin",
            "call 00358 40 123 4567",
            "+46 8 123 456 78",
        ] {
            assert!(scan(text).phone, "{text}");
        }
    }

    #[test]
    fn other_numbers_are_not_phone_numbers() {
        for text in [
            "olen 34-vuotias ja minulla on 3 lasta",
            "vuokra on 1200 euroa kuussa",
            "muutin 01.02.2023 Ouluun",
            "postinumero 00100",
            "vuosina 2019-2023",
            "0 5 10",
            "tili FI21 1234 5600 0007 85",
            "kortti 1234 0000 1234 5678",
        ] {
            assert!(!scan(text).phone, "{text}");
        }
    }

    #[test]
    fn email_addresses_are_found() {
        for text in [
            "matti.meikalainen@example.fi",
            "kirjoita: anna_k+aurora@posti.example.com, kiitos",
            "MINÄ@esimerkki.fi",
        ] {
            assert!(scan(text).email, "{text}");
        }
        for text in ["@aurora", "ota yhteyttä @ kela", "a@b", "a@b.c", "x@.fi"] {
            assert!(!scan(text).email, "{text}");
        }
    }

    #[test]
    fn ordinary_situations_are_not_flagged() {
        for text in [
            "Menetin työpaikkani ja vuokra on myöhässä.",
            "Jag förlorade mitt jobb och hyran är sen.",
            "I lost my job in March 2024 and I have 2 children aged 3 and 7.",
            "",
            "Kela 3X10D 24/7",
        ] {
            assert_eq!(scan(text), Findings::default(), "{text}");
            assert!(!scan(text).any());
        }
    }

    #[test]
    fn several_kinds_are_reported_together() {
        let findings = scan("131052-308T, 040 123 4567, a@b.fi");
        assert_eq!(
            findings,
            Findings {
                identity_code: true,
                phone: true,
                email: true
            }
        );
    }
}
