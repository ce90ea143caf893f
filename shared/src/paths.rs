//! Paths the app builds: where a sign-in may send the browser next (a path on this site,
//! never another origin), and the set-password page of a one-time link.

/// The page where a one-time link's owner chooses a password.
pub const SET_PASSWORD: &str = "/set-password";

/// The path of a set-password link with `token`.
pub fn set_password(token: &str) -> String {
    format!("{SET_PASSWORD}?token={token}")
}

/// `next` when it is a path on this site ("/incidents?week=2026-W48"), else "/". Refused:
/// - anything that does not start with exactly one "/" ("//evil.example" is another host);
/// - any backslash: browsers read it as "/", so "/\evil.example" is another host too;
/// - control characters and spaces: browsers drop tabs and newlines from a URL, which turns
///   "/<TAB>/evil.example" into "//evil.example", and a newline breaks the `Location` header;
/// - more than 2,000 characters.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/'))
        && path.len() <= 2_000
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn paths_on_this_site_are_followed() {
        for path in [
            "/",
            "/incidents?week=2026-W48",
            "/meetings/0193/minutes#top",
            "/å",
        ] {
            assert_eq!(safe_next(Some(path)), path);
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn every_spelling_of_another_origin_falls_back_to_the_start_page() {
        for hostile in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "/\u{7f}/evil.example",
            "/\u{a0}/evil.example",
            "/x\\..\\\\evil.example",
            "javascript:alert(1)",
            " /x",
            "",
            "evil.example",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(2_000)))), "/");
    }
}
