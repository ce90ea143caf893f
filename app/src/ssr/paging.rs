//! Keyset paging, as every long list does it: the query asks for one row more than a page;
//! that row, if it comes back, says there is a next page, whose cursor is the page's last row.

/// Cuts `rows` (asked for with a limit of `size + 1`) to a page of `size`, and gives the next
/// page's cursor, made by `cursor` from the last row shown, if the extra row came back.
pub fn cut<T>(rows: &mut Vec<T>, size: u64, cursor: impl Fn(&T) -> String) -> Option<String> {
    let more = rows.len() as u64 > size;
    rows.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    if more { rows.last().map(cursor) } else { None }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn the_extra_row_makes_a_next_cursor_from_the_last_row_shown() {
        let mut rows = vec![1, 2, 3];
        assert_eq!(cut(&mut rows, 2, |n| n.to_string()), Some("2".to_owned()));
        assert_eq!(rows, [1, 2]);
        let mut last = vec![1, 2];
        assert_eq!(cut(&mut last, 2, |n| n.to_string()), None);
        assert_eq!(last, [1, 2]);
    }
}
