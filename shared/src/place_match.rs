//! Catching duplicate places as they are typed. "Rimbo  Station", "rimbo statoin" and "Rimbo
//! bus station" all probably mean "Rimbo station": the form asks "Menade du Rimbo station?"
//! before a near-duplicate becomes a place of its own.

/// What names are compared on: lower case, letters and digits only, words separated by one
/// space ("Rimbo  Station!" → "rimbo station").
pub fn normalised(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How far apart two names are, or `None` when they are not near: 0 when they differ only in
/// case, spaces or punctuation; the number of spelling edits for small differences (one for a
/// name of 5–9 letters, two from 10); 3 when one has a word more than the other (at least two
/// words shared).
pub fn distance(typed: &str, existing: &str) -> Option<usize> {
    let (a, b) = (normalised(typed), normalised(existing));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (ca, cb) = (a.replace(' ', ""), b.replace(' ', ""));
    if ca == cb {
        return Some(0);
    }
    let longest = ca.chars().count().max(cb.chars().count());
    let allowed = match longest {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    let edits = strsim::damerau_levenshtein(&ca, &cb);
    if edits <= allowed {
        return Some(edits);
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    let one_word_more =
        short.len() >= 2 && long.len() == short.len() + 1 && short.iter().all(|w| long.contains(w));
    one_word_more.then_some(3)
}

/// The existing place `typed` probably means, when it is not exactly one of them already (in
/// any case): the nearest, the first of equals.
pub fn suggestion<'a>(typed: &str, existing: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = typed.trim().to_lowercase();
    if key.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for name in existing {
        if name.trim().to_lowercase() == key {
            return None;
        }
        if let Some(d) = distance(typed, name)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RIMBO: [&str; 4] = ["Rimbo station", "Torget", "Skolan", "Folkets hus"];

    #[test]
    fn case_spaces_and_small_misspellings_suggest_the_existing_place() {
        for typed in [
            "rimbo  station",
            "Rimbo-station",
            "Rimbostation",
            "Rimbo statoin",
            "Rimbo statio",
            "Rimbo bus station",
            "Folkets  Hus!",
        ] {
            let expected = if typed.starts_with('F') {
                "Folkets hus"
            } else {
                "Rimbo station"
            };
            assert_eq!(suggestion(typed, RIMBO), Some(expected), "{typed}");
        }
    }

    #[test]
    fn an_exact_name_or_a_different_place_suggests_nothing() {
        for typed in [
            "Rimbo station",
            "RIMBO STATION",
            "Ica Kvantum",
            "Torg",
            "",
            "Skolgården",
        ] {
            assert_eq!(suggestion(typed, RIMBO), None, "{typed}");
        }
    }

    #[test]
    fn short_names_need_to_match_exactly_apart_from_case_and_spaces() {
        assert_eq!(distance("Hamn", "Hamm"), None);
        assert_eq!(distance("E 18", "e18"), Some(0));
    }

    #[test]
    fn the_nearest_of_several_is_suggested() {
        assert_eq!(
            suggestion("Torgett", ["Torget", "Torgets kiosk"]),
            Some("Torget")
        );
    }
}
