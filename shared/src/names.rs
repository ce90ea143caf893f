//! Warnings, not refusals: text that looks like it names a person ("Kalle Ek", "Anna
//! Lindström") or a pupil's class next to a person ("en elev i 9B"). A built-in list of common
//! first names in Sweden does the work: a listed first name followed by a capitalised word is
//! probably a name. The reporter can rephrase, or keep the text when it is something else
//! ("Gustav Adolfs torg"); kept warnings are counted for the coordinators.

use serde::{Deserialize, Serialize};

/// What the text seems to contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameWarning {
    /// A first name followed by a surname.
    Name,
    /// A school class label next to a person: "i 9B", "från 7a".
    ClassLabel,
}

impl NameWarning {
    pub fn code(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::ClassLabel => "class",
        }
    }
}

/// One warning: its kind and where it starts (1-based character position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameHit {
    pub kind: NameWarning,
    pub position: usize,
}

/// The name warnings reporters kept lately, for the coordinators: how many per organisation,
/// and the incidents to check (newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptWarnings {
    pub days: u32,
    pub per_organisation: Vec<(String, u64)>,
    /// (incident id, "Rimbo, Torget · Klotter", organisation, local time).
    pub incidents: Vec<(String, String, String, String)>,
}

/// Common first names in Sweden (Statistics Sweden's most common names across ages, and
/// common short forms), lower case.
const FIRST_NAMES: &[&str] = &[
    "adam",
    "agnes",
    "ahmed",
    "aisha",
    "albin",
    "alexander",
    "ali",
    "alice",
    "alma",
    "alva",
    "amanda",
    "amir",
    "anders",
    "andreas",
    "anna",
    "anne",
    "annika",
    "anton",
    "arvid",
    "astrid",
    "axel",
    "barbro",
    "bengt",
    "bertil",
    "birgitta",
    "björn",
    "bo",
    "britt",
    "camilla",
    "carina",
    "caroline",
    "cecilia",
    "charlotte",
    "christer",
    "christina",
    "christoffer",
    "daniel",
    "david",
    "ebba",
    "edvin",
    "elias",
    "elin",
    "elisabeth",
    "ella",
    "ellen",
    "elsa",
    "emelie",
    "emil",
    "emma",
    "erik",
    "eva",
    "fatima",
    "felicia",
    "filip",
    "frida",
    "freja",
    "fredrik",
    "gunilla",
    "gustav",
    "göran",
    "hanna",
    "hans",
    "hassan",
    "helena",
    "henrik",
    "hugo",
    "ibrahim",
    "ida",
    "ines",
    "ingrid",
    "inger",
    "isak",
    "jakob",
    "jacob",
    "jan",
    "jenny",
    "jesper",
    "jessica",
    "joakim",
    "johan",
    "johanna",
    "jonas",
    "josefin",
    "julia",
    "kalle",
    "karin",
    "karl",
    "kent",
    "kerstin",
    "klara",
    "kristina",
    "kristoffer",
    "lars",
    "leif",
    "lena",
    "leo",
    "linda",
    "linnea",
    "lisa",
    "liam",
    "louise",
    "lova",
    "lucas",
    "ludvig",
    "lukas",
    "magnus",
    "maja",
    "malin",
    "margareta",
    "maria",
    "marie",
    "markus",
    "marcus",
    "martin",
    "mats",
    "matilda",
    "mattias",
    "melvin",
    "mikael",
    "moa",
    "mohamed",
    "mohammad",
    "mohammed",
    "mona",
    "nils",
    "niklas",
    "noah",
    "nora",
    "olivia",
    "oliver",
    "olle",
    "olof",
    "omar",
    "oscar",
    "oskar",
    "patrik",
    "per",
    "peter",
    "petra",
    "rasmus",
    "robin",
    "saga",
    "sandra",
    "sara",
    "sebastian",
    "selma",
    "simon",
    "sofia",
    "sofie",
    "stefan",
    "stella",
    "sven",
    "susanne",
    "theo",
    "therese",
    "thomas",
    "tilde",
    "tobias",
    "ulf",
    "ulla",
    "ulrika",
    "vera",
    "victoria",
    "viktor",
    "vincent",
    "wilma",
    "william",
    "yusuf",
    "åsa",
    "ebbe",
    "majken",
    "sixten",
    "valter",
    "ture",
    "otto",
    "love",
    "alvin",
];

/// Words after which a class label points at a person: "i 9B", "från 7a", "klass 8c".
const BEFORE_CLASS: &[&str] = &["i", "från", "klass", "klassen", "årskurs", "in", "from"];

/// The words of `text`: (start position in characters, the word).
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() || c == '-' {
            if current.is_empty() {
                start = i;
            }
            current.push(c);
        } else if !current.is_empty() {
            out.push((start, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        out.push((start, current));
    }
    out
}

/// Starts with a capital and goes on in lower case ("Lindström", "Karl-Erik"); not an
/// abbreviation ("ICA", "E18").
fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// A listed first name, also as the first part of a double name ("Karl-Erik").
fn first_name(word: &str) -> bool {
    let head = word.split('-').next().unwrap_or_default().to_lowercase();
    FIRST_NAMES.contains(&head.as_str())
}

/// "9B", "7a": a grade 1–9 and one letter.
fn class_label(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() == 2 && ('1'..='9').contains(&chars[0]) && chars[1].is_alphabetic()
}

/// The first thing in `text` that looks like a person's name or class, if any.
pub fn first(text: &str) -> Option<NameHit> {
    let words = words(text);
    for pair in words.windows(2) {
        let ((at, first), (_, second)) = (&pair[0], &pair[1]);
        if capitalised(first)
            && first_name(first)
            && capitalised(second)
            && second.chars().count() >= 2
        {
            return Some(NameHit {
                kind: NameWarning::Name,
                position: at + 1,
            });
        }
        if BEFORE_CLASS.contains(&first.to_lowercase().as_str()) && class_label(second) {
            return Some(NameHit {
                kind: NameWarning::ClassLabel,
                position: pair[1].0 + 1,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_name_and_a_surname_are_flagged_where_they_start() {
        assert_eq!(
            first("Igår klottrade Kalle Ek på väggen."),
            Some(NameHit {
                kind: NameWarning::Name,
                position: 16
            })
        );
        assert!(first("Anna Lindström sågs vid kiosken").is_some());
        assert!(
            first("Gustav Adolfs torg var nedskräpat").is_some(),
            "a place, kept by choice"
        );
        assert!(
            first("Karl-Erik Svensson").is_some(),
            "a double name, by its first part"
        );
        assert!(
            first("Anna ICA-butiken").is_none(),
            "an abbreviation is no surname"
        );
    }

    #[test]
    fn a_class_label_next_to_a_person_is_flagged() {
        assert_eq!(
            first("Två elever i 9B bråkade").map(|h| h.kind),
            Some(NameWarning::ClassLabel)
        );
        assert!(first("killar från 7a vid busshållplatsen").is_some());
    }

    #[test]
    fn ordinary_text_passes() {
        for text in [
            "Krossad glasruta i väntkuren, glassplitter på marken.",
            "Trasig belysning längs gångvägen vid Rimbo centrum.",
            "Klotter på Storgatan 9B, mot parkeringen.",
            "Anna sa att det var lugnt.",
            "Brand i soptunna, släckt av Räddningstjänsten.",
            "Grupp ungdomar per kväll, Per vecka: tre gånger.",
            "Buss 676 mot Norrtälje stod still i 5 minuter.",
            "Polisen Norrtälje var på plats.",
            "Sedan kom Räddningstjänsten.",
        ] {
            assert_eq!(first(text), None, "{text}");
        }
    }
}
