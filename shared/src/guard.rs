//! The personal-data guard: finds Swedish personal identity and coordination numbers
//! (checksum-verified), phone numbers, e-mail addresses and vehicle registration plates in
//! free text. The browser and the server run this same code; the server's answer counts.
//!
//! Text is normalised before it is searched, so that other spellings of the same thing are
//! found too: invisible format characters (zero-width spaces and joiners, soft hyphens) are
//! dropped, every space-like character becomes a space and every dash-like one a hyphen,
//! full-width digits and letters become plain ones, and `anna @ skola.se`, `anna(at)skola.se`
//! and `anna [at] skola.se` are read as addresses. Positions still count in the text as typed.

use serde::{Deserialize, Serialize};

/// What kind of personal data was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonalData {
    /// Personnummer or samordningsnummer.
    IdentityNumber,
    PhoneNumber,
    Email,
    VehiclePlate,
}

/// One hit: its kind and where it starts (1-based character position, as people count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: PersonalData,
    pub position: usize,
}

/// `text` normalised for searching (see the module), with the position in `text` of each
/// character kept.
fn normalised(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let mapped = match c {
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => continue,
            '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\t' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        chars.push(mapped);
        origin.push(i);
    }
    (chars, origin)
}

/// Every piece of personal data in `text`, in order of appearance.
pub fn scan(text: &str) -> Vec<Finding> {
    let (chars, origin) = normalised(text);
    let mut found = scan_normalised(&chars);
    for f in &mut found {
        f.position = origin.get(f.position - 1).map_or(f.position, |i| i + 1);
    }
    found
}

fn scan_normalised(chars: &[char]) -> Vec<Finding> {
    let chars = chars.to_vec();
    let mut findings = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let hit = identity_number_at(&chars, i)
            .map(|n| (PersonalData::IdentityNumber, n))
            .or_else(|| phone_at(&chars, i).map(|n| (PersonalData::PhoneNumber, n)))
            .or_else(|| plate_at(&chars, i).map(|n| (PersonalData::VehiclePlate, n)));
        match hit {
            Some((kind, len)) => {
                findings.push(Finding {
                    kind,
                    position: i + 1,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    findings.extend(spelled_emails(&chars));
    findings.sort_by_key(|f| f.position);
    findings
}

/// Addresses written around the `@`: `anna @ skola.se`, `anna(at)skola.se`,
/// `anna [at] skola.se`. They are read with the spelling collapsed to `@`.
fn spelled_emails(chars: &[char]) -> Vec<Finding> {
    let mut collapsed = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let spelled = [" @ ", "(at)", "[at]", " (at) ", " [at] ", "{at}"]
            .into_iter()
            .filter(|s| {
                let s: Vec<char> = s.chars().collect();
                chars.len() >= i + s.len()
                    && chars[i..i + s.len()]
                        .iter()
                        .zip(&s)
                        .all(|(a, b)| a.to_ascii_lowercase() == *b)
            })
            .map(|s| s.chars().count())
            .max();
        match spelled {
            Some(len) => {
                collapsed.push('@');
                origin.push(i);
                i += len;
            }
            None => {
                collapsed.push(chars[i]);
                origin.push(i);
                i += 1;
            }
        }
    }
    emails(&collapsed)
        .into_iter()
        .map(|f| Finding {
            position: origin.get(f.position - 1).map_or(f.position, |o| o + 1),
            ..f
        })
        .collect()
}

/// The first piece of personal data in `text`, if any.
pub fn first(text: &str) -> Option<Finding> {
    scan(text).into_iter().next()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when the token starting at `i` is not glued to a preceding word or number.
fn starts_token(chars: &[char], i: usize) -> bool {
    i == 0 || !is_word(chars[i - 1])
}

fn ends_token(chars: &[char], end: usize) -> bool {
    end >= chars.len() || !is_word(chars[end])
}

fn digits_at(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn digit_values(chars: &[char]) -> Vec<u32> {
    chars.iter().filter_map(|c| c.to_digit(10)).collect()
}

/// Luhn over the ten digits YYMMDDNNNC.
fn luhn_ok(ten: &[u32]) -> bool {
    let sum: u32 = ten
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A real calendar date (YYMMDD); coordination numbers add 60 to the day.
fn date_ok(ten: &[u32]) -> bool {
    let month = ten[2] * 10 + ten[3];
    let mut day = ten[4] * 10 + ten[5];
    if day > 60 {
        day -= 60;
    }
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// `YYMMDD[-+ ]NNNN` or `YYYYMMDD[-+ ]NNNN` with a valid date and checksum: its length in chars.
fn identity_number_at(chars: &[char], i: usize) -> Option<usize> {
    if !starts_token(chars, i) {
        return None;
    }
    let head = digits_at(chars, i);
    let (date_len, len) = match head {
        10 | 12 => (head - 4, head),
        6 | 8
            if matches!(chars.get(i + head), Some('-' | '+' | ' '))
                && digits_at(chars, i + head + 1) == 4 =>
        {
            (head, head + 5)
        }
        _ => return None,
    };
    if !ends_token(chars, i + len) {
        return None;
    }
    let digits = digit_values(&chars[i..i + len]);
    if date_len == 8 && !matches!(digits[0] * 10 + digits[1], 18..=20) {
        return None;
    }
    let ten = &digits[digits.len() - 10..];
    (date_ok(ten) && luhn_ok(ten)).then_some(len)
}

/// `2026-11-24`, `24/11/2026` or `2026.11.24`: dates are not phone numbers.
fn looks_like_date(groups: &[&[char]]) -> bool {
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let num = |g: &[char]| digit_values(g).iter().fold(0, |n, d| n * 10 + d);
    match lens.as_slice() {
        [4, 2, 2] => (1..=12).contains(&num(groups[1])) && (1..=31).contains(&num(groups[2])),
        [2, 2, 4] => (1..=31).contains(&num(groups[0])) && (1..=12).contains(&num(groups[1])),
        _ => false,
    }
}

/// A phone number: `+46 70 123 45 67`, `0046…`, `070-123 45 67`, `08-123 456 78`, `(08) 12 34 56`,
/// `+44 20 7946 0958`. Digits in groups separated by one space or dash.
fn phone_at(chars: &[char], i: usize) -> Option<usize> {
    if !starts_token(chars, i) && chars[i] != '+' {
        return None;
    }
    let international = chars[i] == '+' || (chars[i] == '0' && chars.get(i + 1) == Some(&'0'));
    let domestic = chars[i] == '0' && chars.get(i + 1).is_some_and(|c| ('1'..='9').contains(c));
    let bracketed = chars[i] == '(' && chars.get(i + 1) == Some(&'0');
    if !(international || domestic || bracketed) {
        return None;
    }
    let mut end = i + usize::from(chars[i] == '+' || chars[i] == '(');
    let mut groups: Vec<&[char]> = Vec::new();
    loop {
        let n = digits_at(chars, end);
        if n == 0 {
            break;
        }
        groups.push(&chars[end..end + n]);
        end += n;
        // Allow one separator (a space, dash, dot or slash, " - ", or a closing bracket plus
        // one of them) before the next group.
        let mut next = end;
        if chars.get(next) == Some(&')') {
            next += 1;
        }
        if chars.get(next) == Some(&' ')
            && chars.get(next + 1) == Some(&'-')
            && chars.get(next + 2) == Some(&' ')
        {
            next += 3;
        } else if matches!(chars.get(next), Some(' ' | '-' | '.' | '/')) {
            next += 1;
        }
        if next == end || digits_at(chars, next) == 0 {
            if chars.get(end) == Some(&')') {
                end += 1;
            }
            break;
        }
        end = next;
    }
    if groups.is_empty() || !ends_token(chars, end) || looks_like_date(&groups) {
        return None;
    }
    let count: usize = groups.iter().map(|g| g.len()).sum();
    let plausible = if international {
        (9..=15).contains(&count)
    } else {
        (8..=10).contains(&count)
    };
    plausible.then_some(end - i)
}

/// Letters used on Swedish plates: A–Z without I, Q, V (and never Å, Ä, Ö), in any case.
fn plate_letter(c: char) -> bool {
    let c = c.to_ascii_uppercase();
    c.is_ascii_uppercase() && !matches!(c, 'I' | 'Q' | 'V')
}

/// Three-letter words that come before a number in ordinary text ("rum 101", "och 200", "SEK
/// 500", "sid 12"): never a plate, however written. Real plates use these letters too, but a
/// guard that refuses "mellan 100 och 200" would not be used.
const NOT_PLATES: &[&str] = &[
    "all", "and", "are", "art", "att", "box", "bra", "bus", "but", "can", "car", "dag", "dem",
    "den", "det", "dkk", "dvs", "end", "ett", "eur", "far", "fax", "fem", "for", "ffa", "gav",
    "gbp", "get", "had", "han", "har", "has", "hon", "hos", "hus", "jag", "kan", "kap", "kod",
    "kom", "kkr", "kul", "lok", "may", "med", "men", "mer", "mfl", "mkr", "mor", "mot", "nej",
    "ner", "new", "ngn", "ngt", "nog", "nok", "not", "now", "nrt", "nya", "och", "one", "org",
    "osv", "oss", "our", "out", "pga", "per", "ref", "rum", "sal", "sek", "sen", "sex", "sid",
    "sju", "som", "son", "tel", "tex", "the", "tkr", "tog", "ton", "top", "tot", "tre", "two",
    "ung", "upp", "usd", "ute", "was", "you",
];

/// `ABC 123`, `ABC123`, `ABC 12A`, also in lower or mixed case and with a hyphen or two
/// spaces between the parts (`abc 123`, `ABC-123`).
fn plate_at(chars: &[char], i: usize) -> Option<usize> {
    if !starts_token(chars, i) || chars.len() < i + 6 {
        return None;
    }
    if !chars[i..i + 3].iter().all(|&c| plate_letter(c)) {
        return None;
    }
    let letters: String = chars[i..i + 3].iter().collect::<String>().to_lowercase();
    if NOT_PLATES.contains(&letters.as_str()) {
        return None;
    }
    let mut j = i + 3;
    if chars.get(j) == Some(&'-') {
        j += 1;
    } else {
        j += chars[j..].iter().take(2).take_while(|c| **c == ' ').count();
    }
    let tail = chars.get(j..j + 3)?;
    let last = tail[2].to_ascii_uppercase();
    let last_ok = tail[2].is_ascii_digit() || (plate_letter(last) && last != 'O');
    let ok = tail[0].is_ascii_digit() && tail[1].is_ascii_digit() && last_ok;
    (ok && ends_token(chars, j + 3)).then_some(j + 3 - i)
}

fn emails(chars: &[char]) -> Vec<Finding> {
    let local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-');
    let mut found = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = (0..at).rev().take_while(|&k| local(chars[k])).last();
        let end = (at + 1..chars.len())
            .take_while(|&k| domain(chars[k]))
            .last();
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let host: String = chars[at + 1..=end].iter().collect();
        let host = host.trim_end_matches('.');
        let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(char::is_alphabetic)
        });
        if tld_ok {
            found.push(Finding {
                kind: PersonalData::Email,
                position: start + 1,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<PersonalData> {
        scan(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn identity_numbers_are_found_in_every_common_shape() {
        for text in [
            "Pojke 811218-9876 sågs vid torget",
            "pnr 8112189876.",
            "19811218-9876",
            "198112189876",
            "Hundraåring 121212+1212 på bänken",
            "(811218-9876)",
        ] {
            assert_eq!(kinds(text), [PersonalData::IdentityNumber], "{text}");
        }
    }

    #[test]
    fn coordination_numbers_are_found() {
        // Day 18 + 60 = 78.
        assert_eq!(
            kinds("samordningsnummer 811278-9873"),
            [PersonalData::IdentityNumber]
        );
    }

    #[test]
    fn numbers_with_a_wrong_checksum_or_impossible_date_are_not_identity_numbers() {
        for text in [
            "811218-9875",
            "8112189875",
            "811318-9876",
            "811200-9876",
            "25811218-9876",
            "1234567890",
        ] {
            assert!(
                !kinds(text).contains(&PersonalData::IdentityNumber),
                "{text}"
            );
        }
    }

    #[test]
    fn the_position_points_at_the_hit() {
        assert_eq!(
            first("Pojke 811218-9876"),
            Some(Finding {
                kind: PersonalData::IdentityNumber,
                position: 7
            })
        );
        assert_eq!(first("Åsa på 070-123 45 67").map(|f| f.position), Some(8));
    }

    #[test]
    fn phone_numbers_are_found_swedish_and_international() {
        for text in [
            "ring 070-123 45 67",
            "0701234567",
            "08-123 456 78",
            "tel: 08 12 34 56",
            "+46 70 123 45 67",
            "+46701234567",
            "0046 70 123 45 67",
            "(08) 123 456 78",
            "+44 20 7946 0958",
            "018-12 34 56",
        ] {
            assert_eq!(kinds(text), [PersonalData::PhoneNumber], "{text}");
        }
    }

    #[test]
    fn emails_are_found() {
        assert_eq!(
            kinds("mejla anna.andersson@skola.norrtalje.se idag"),
            [PersonalData::Email]
        );
        assert_eq!(kinds("kalle+x@example.org"), [PersonalData::Email]);
        assert!(kinds("träffas @ torget 13.00").is_empty());
        assert!(kinds("a@b").is_empty());
    }

    #[test]
    fn vehicle_plates_are_found() {
        for text in [
            "bil ABC 123 stod kvar",
            "ABC123",
            "mopeden XYZ 12A",
            "(MLB 987)",
        ] {
            assert_eq!(kinds(text), [PersonalData::VehiclePlate], "{text}");
        }
    }

    #[test]
    fn things_that_only_look_like_personal_data_pass() {
        for text in [
            "Händelsen 2026-11-24 kl 13:00 vid Storgatan 12",
            "24-11-2026 på kvällen",
            "Kostnad 1 500 kr, ca 12 000 kr totalt",
            "Busslinje 676 mot Uppsala, hållplats 3",
            "Klockan 21.30 samlades 15-20 ungdomar",
            "Postnummer 761 30 Norrtälje",
            "Vecka 48, 2026",
            "0 5 10 15 20 25 30",
            "Trasiga lampor 1-4 längs gångvägen",
            "ABC 1234 och AIQ 123 och ABC 12O",
            "mellan 100 och 200, rum 101, SEK 500, sid 12",
            "Org.nr 212000-0142 gäller kommunen",
            "Kamera 3 av 12, ordernummer 55501234",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }

    #[test]
    fn other_spellings_of_the_same_data_are_found_and_pointed_at_as_typed() {
        for (text, kind) in [
            ("811218 9876", PersonalData::IdentityNumber),
            ("811218\u{2013}9876", PersonalData::IdentityNumber),
            ("811218\u{2011}9876", PersonalData::IdentityNumber),
            (
                "070\u{00A0}123\u{00A0}45\u{00A0}67",
                PersonalData::PhoneNumber,
            ),
            ("070\u{2013}123 45 67", PersonalData::PhoneNumber),
            ("070.123.45.67", PersonalData::PhoneNumber),
            ("070/123 45 67", PersonalData::PhoneNumber),
            ("070 - 123 45 67", PersonalData::PhoneNumber),
            ("abc 123", PersonalData::VehiclePlate),
            ("Abc 123", PersonalData::VehiclePlate),
            ("ABC-123", PersonalData::VehiclePlate),
            ("ABC  123", PersonalData::VehiclePlate),
            ("anna @ skola.se", PersonalData::Email),
            ("anna(at)skola.se", PersonalData::Email),
            ("anna [at] skola.se", PersonalData::Email),
            ("07\u{200B}0-123 45 67", PersonalData::PhoneNumber),
            ("811218\u{200B}-9876", PersonalData::IdentityNumber),
            (
                "\u{FF10}\u{FF17}\u{FF10}-123 45 67",
                PersonalData::PhoneNumber,
            ),
        ] {
            assert_eq!(kinds(text), [kind], "{text:?}");
        }
        // Positions count the characters as typed, invisible ones too.
        assert_eq!(
            first("a\u{200B}b 070-123 45 67").map(|f| f.position),
            Some(5)
        );
        assert_eq!(
            first("Skriv till anna [at] skola.se").map(|f| f.position),
            Some(12)
        );
    }

    #[test]
    fn several_findings_are_all_reported_in_order() {
        let found = kinds("ABC 123 ägs av 811218-9876, ring 070-123 45 67 eller a@b.se");
        assert_eq!(
            found,
            [
                PersonalData::VehiclePlate,
                PersonalData::IdentityNumber,
                PersonalData::PhoneNumber,
                PersonalData::Email
            ]
        );
    }

    proptest! {
        /// Text made of words and short numbers (none starting with 0, which is how Swedish
        /// phone numbers start; no @; no three-letter words, which before three digits are
        /// written like a plate: the corpus has the real ones) never trips.
        #[test]
        fn ordinary_text_passes(words in proptest::collection::vec("[a-zåäö]{4,10}|[a-zåäö]{1,2}|[1-9][0-9]{0,3}|[.,:!?]", 0..40)) {
            let text = words.join(" ");
            prop_assert!(scan(&text).is_empty(), "{text}");
        }

        #[test]
        fn scanning_never_panics(text in any::<String>()) {
            let _ = scan(&text);
        }

        /// Any valid identity number is found, wherever it sits in a sentence.
        #[test]
        fn every_valid_identity_number_is_found(yy in 0u32..100, mm in 1u32..13, dd in 1u32..29, nnn in 0u32..1000, sep in "[-+]?") {
            let nine: Vec<u32> = format!("{yy:02}{mm:02}{dd:02}{nnn:03}").chars().filter_map(|c| c.to_digit(10)).collect();
            let check = (0..10).find(|c| { let mut ten = nine.clone(); ten.push(*c); luhn_ok(&ten) }).unwrap();
            let text = format!("Sågs vid torget {yy:02}{mm:02}{dd:02}{sep}{nnn:03}{check} igår");
            prop_assert_eq!(kinds(&text), vec![PersonalData::IdentityNumber]);
        }
    }
}
