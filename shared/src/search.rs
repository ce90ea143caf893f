//! Text search over incidents: what the search box's words become. Words are letters and
//! digits (anything else separates them, so nothing typed reaches the query language), in
//! lower case, each matching as the start of a word, all of them required.

/// Words beyond this many are ignored.
pub const MAX_WORDS: usize = 8;
/// A longer word is cut to this many characters.
const MAX_WORD: usize = 40;

/// The words of a search, in lower case.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| w.chars().take(MAX_WORD).collect::<String>().to_lowercase())
        .collect()
}

/// The words as an SQLite FTS5 query: every word, as a prefix (`"klott"* "torget"*`).
pub fn fts5(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words as a PostgreSQL `tsquery`: every word, as a prefix (`klott:* & torget:*`).
pub fn tsquery(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("{w}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The start of a description for a list: about `max` characters, ended at a word, with "…"
/// when there is more. Line breaks become spaces.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_words_and_never_query_syntax() {
        assert_eq!(words("  Klotter, TORGET! "), ["klotter", "torget"]);
        assert_eq!(
            words("\"NEAR(a b)\" OR * -x:y"),
            ["near", "a", "b", "or", "x", "y"]
        );
        assert!(words(" ,.;\"*").is_empty());
        assert_eq!(words("a b c d e f g h i j").len(), MAX_WORDS);
        let w = words("Klott Torg");
        assert_eq!(fts5(&w), "\"klott\"* \"torg\"*");
        assert_eq!(tsquery(&w), "klott:* & torg:*");
    }

    #[test]
    fn an_excerpt_ends_at_a_word_and_says_there_is_more() {
        let text = "Grupp ungdomar samlade sent på kvällen,\nhög ljudnivå och nedskräpning vid entrén till idrottshallen.";
        let e = excerpt(text, 80);
        assert!(e.ends_with('…') && e.chars().count() <= 81, "{e}");
        assert!(e.starts_with("Grupp ungdomar samlade sent på kvällen, hög ljudnivå"));
        assert!(!e.contains('\n'));
        assert_eq!(excerpt("Kort text.", 80), "Kort text.");
    }
}
