//! Dates as analysts write them: a day, a month or a year.
//! By hand, not `chrono` or `time`: those hold whole days, and a `2004` or
//! `2004-09` must stay a year or a month, shown as written.

use std::cmp::Ordering;

/// A date shown as written and sorted by its earliest day. Kept inline (16
/// bytes, no allocation): a folder holds hundreds of thousands of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// `yyyymmdd` of the earliest day the text can mean.
    pub key: u32,
    /// The text as written: 4, 7 or 10 of these bytes, ASCII digits and `-`.
    bytes: [u8; 10],
    len: u8,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return None;
        }
        if parts[1..].iter().any(|p| p.len() != 2) || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u32>().ok());
        let year = num(0)??;
        let month = num(1).unwrap_or(Some(1))?;
        let day = num(2).unwrap_or(Some(1))?;
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let mut bytes = [0; 10];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(Date { key: year * 10_000 + month * 100 + day, bytes, len: text.len() as u8 })
    }

    /// As written: `2004`, `2004-09` or `2004-09-01`.
    pub fn text(&self) -> &str {
        // Only ever ASCII, checked by `parse`.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key).then_with(|| self.text().cmp(other.text()))
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn all_three_forms_sort_by_earliest_day() {
        let year = Date::parse("2004").unwrap();
        let month = Date::parse("2004-09").unwrap();
        let day = Date::parse("2004-09-01").unwrap();
        assert_eq!((year.key, month.key, day.key), (20_040_101, 20_040_901, 20_040_901));
        assert!(year < month && month < day);
        assert_eq!(month.text(), "2004-09");
        assert_eq!(day.text(), "2004-09-01");
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in ["04", "2004-9", "2004-13", "2023-02-29", "2004-09-01-01", "soon", "", "20x4"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }
}
