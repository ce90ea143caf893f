//! Refusing guessable passwords. Passwords shorter than 12 characters are refused anyway, so
//! only longer ones matter here: the well-known long passwords, and shapes that guessing
//! programs try first (one character repeated, a short run of keys or digits repeated, a
//! common word followed by digits or a year).

/// Long passwords that appear near the top of every leaked-password list, in lower case, and
/// Swedish ones of the same kind.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789012345",
    "1234567891011",
    "123123123123",
    "111111111111",
    "000000000000",
    "qwertyuiopasdfgh",
    "qwertyuiopå",
    "qwertyuiop123",
    "qwerty123456",
    "qwertyqwerty",
    "1qaz2wsx3edc",
    "1q2w3e4r5t6y",
    "zaq12wsxcde3",
    "asdfghjklöä",
    "asdfghjkl123",
    "abcdefghijkl",
    "abcd1234abcd",
    "abc123abc123",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "password123!",
    "passw0rd1234",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "welcome123456",
    "changeme1234",
    "administrator",
    "administrator1",
    "admin1234567",
    "adminadmin123",
    "trustno1trustno1",
    "football1234",
    "baseball1234",
    "superman1234",
    "sunshine1234",
    "princess1234",
    "monkey123456",
    "dragon123456",
    "starwars1234",
    "whatever1234",
    "lösenord1234",
    "lösenord12345",
    "losenord1234",
    "losenord12345",
    "lösenordlösenord",
    "hemligt123456",
    "sommar123456",
    "vinter123456",
    "välkommen123",
    "valkommen123",
    "välkommen1234",
    "valkommen1234",
    "samverkan123",
    "samverkan1234",
    "norrtälje123",
    "norrtalje123",
    "norrtalje1234",
    "kommunen1234",
    "polisen12345",
];

/// Words that people build long passwords from by adding digits, a year or a sign.
const STEMS: &[&str] = &[
    "password",
    "passw0rd",
    "lösenord",
    "losenord",
    "welcome",
    "välkommen",
    "valkommen",
    "sommar",
    "vinter",
    "hösten",
    "hosten",
    "våren",
    "varen",
    "samverkan",
    "norrtälje",
    "norrtalje",
    "kommunen",
    "kommun",
    "polisen",
    "qwerty",
    "admin",
    "letmein",
    "hemligt",
];

/// True when `password` is one that guessing programs try early.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    COMMON.contains(&lower.as_str()) || repeats_a_short_run(&lower) || stem_and_digits(&lower)
}

/// One to four characters repeated to the length: "aaaaaaaaaaaa", "abababababab", "123412341234".
fn repeats_a_short_run(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=4)
        .any(|run| chars.len() > run && chars.iter().enumerate().all(|(i, c)| *c == chars[i % run]))
}

/// A common word followed only by digits and signs: "sommar2024!!", "Password2025".
fn stem_and_digits(text: &str) -> bool {
    STEMS.iter().any(|stem| {
        text.strip_prefix(stem).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_and_patterned_passwords_are_common() {
        for p in [
            "123456789012",
            "Password1234",
            "LÖSENORD1234",
            "sommar2024!!",
            "Välkommen2025",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "123412341234",
        ] {
            assert!(is_common(p), "{p} should be refused");
        }
    }

    #[test]
    fn ordinary_long_passphrases_are_not_common() {
        for p in [
            "korv med bröd i Rimbo",
            "tre gröna cyklar på taket",
            "Sommar i Grisslehamn 2024",
            "q8#Lm2!vXe0t",
        ] {
            assert!(!is_common(p), "{p} should be accepted");
        }
    }
}
