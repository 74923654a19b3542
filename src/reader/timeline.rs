//! The timeline's model: every dated precedent, claim, source and briefing
//! as a span of days (a date means all the days it is written at: `2004` is
//! the year), and an axis that gives the columns to the years that hold
//! something, long empty stretches cut down to a marked break.

use crate::model::{Body, Corpus, EntityId};
use crate::search::facets::last_day;

/// Days since 0000-03-01 of a `yyyymmdd` key (a civil-calendar day count).
pub fn day(key: u32) -> i64 {
    let (y, m, d) = (i64::from(key / 10_000), i64::from(key / 100 % 100), i64::from(key % 100));
    let y = if m <= 2 { y - 1 } else { y };
    let m = if m > 2 { m - 3 } else { m + 9 };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub entity: EntityId,
    /// First and last day, inclusive (`day`).
    pub first: i64,
    pub last: i64,
}

/// The dated entities `keeps` lets through, earliest first (then the longer first, then by id).
pub fn items(c: &Corpus, keeps: impl Fn(EntityId) -> bool) -> Vec<Item> {
    let mut out: Vec<Item> = c
        .entities
        .iter()
        .enumerate()
        .filter(|(id, _)| keeps(*id))
        .filter_map(|(id, e)| {
            let body = e.read();
            let start = body.date()?;
            let end = match &*body {
                Body::Precedent(p) => p.end.unwrap_or(start),
                Body::Actor(_) => return None,
                _ => start,
            };
            let last = day(last_day(end.key, end.text())).max(day(start.key));
            Some(Item { entity: id, first: day(start.key), last })
        })
        .collect();
    out.sort_by(|a, b| (a.first, b.last, &c.entity(a.entity).id).cmp(&(b.first, a.last, &c.entity(b.entity).id)));
    out
}

/// A stretch of years drawn to scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub first_year: i64,
    /// The year after the last one.
    pub end_year: i64,
    pub x: usize,
    pub width: usize,
}

/// Columns for years: stretches of years with something in them, and between
/// two of them a break of `BREAK` columns when more than `GAP` empty years lie there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    pub stretches: Vec<Stretch>,
    pub width: usize,
}

pub const GAP: i64 = 3;
pub const BREAK: usize = 4;

fn year_of(d: i64) -> i64 {
    // Good enough for placing years: the civil year of a day count.
    let mut y = d / 366;
    while day(((y + 1) * 10_000 + 101) as u32) <= d {
        y += 1;
    }
    y
}

impl Axis {
    pub fn new(items: &[Item], width: usize) -> Axis {
        let mut years: Vec<(i64, i64)> = items.iter().map(|i| (year_of(i.first), year_of(i.last) + 1)).collect();
        years.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (a, b) in years {
            match merged.last_mut() {
                Some(last) if a - last.1 <= GAP => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let breaks = merged.len().saturating_sub(1) * BREAK;
        let room = width.saturating_sub(breaks).max(merged.len());
        let total: i64 = merged.iter().map(|(a, b)| b - a).sum::<i64>().max(1);
        let mut x = 0;
        let stretches = merged
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| {
                // Every stretch at least four columns, so a year label fits.
                let share = ((b - a) as usize * room / total as usize).max(4.min(room));
                let last = i + 1 == merged.len();
                let w = if last { room.saturating_sub(x - i * BREAK).max(1) } else { share };
                let s = Stretch { first_year: a, end_year: b, x, width: w };
                x += w + BREAK;
                s
            })
            .collect();
        Axis { stretches, width }
    }

    /// The column of a day, within the axis.
    pub fn column(&self, d: i64) -> usize {
        let y = year_of(d);
        let Some(s) = self.stretches.iter().find(|s| y < s.end_year).or(self.stretches.last()) else { return 0 };
        let (from, to) = (day((s.first_year * 10_000 + 101) as u32), day((s.end_year * 10_000 + 101) as u32));
        let at = (d.clamp(from, to - 1) - from) as f64 / (to - from) as f64;
        (s.x + (at * s.width as f64) as usize).min(s.x + s.width.saturating_sub(1)).min(self.width.saturating_sub(1))
    }
}

/// Where the reader is in the timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineView {
    pub items: Vec<Item>,
    pub selected: usize,
}

impl TimelineView {
    pub fn new(c: &Corpus, keeps: impl Fn(EntityId) -> bool) -> TimelineView {
        TimelineView { items: items(c, keeps), selected: 0 }
    }

    pub fn focused(&self) -> Option<EntityId> {
        self.items.get(self.selected).map(|i| i.entity)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last) as usize;
    }
}

#[cfg(test)]
#[allow(clippy::unreadable_literal)] // yyyymmdd reads as a date
mod tests {
    use super::*;

    fn item(first: u32, last: u32) -> Item {
        Item { entity: 0, first: day(first), last: day(last) }
    }

    #[test]
    fn days_count_on_across_months_and_leap_years() {
        assert_eq!(day(20240301) - day(20240229), 1);
        assert_eq!(day(20250101) - day(20240101), 366);
        assert_eq!(day(20030101) - day(20021231), 1);
    }

    #[test]
    fn empty_years_between_stretches_become_one_break() {
        let items = [item(20020101, 20021231), item(20040901, 20040930), item(20240301, 20240331)];
        let axis = Axis::new(&items, 60);
        assert_eq!(axis.stretches.len(), 2, "2002-2004 together, 2024 apart: {axis:?}");
        let [a, b] = [axis.stretches[0], axis.stretches[1]];
        assert_eq!((a.first_year, a.end_year, b.first_year, b.end_year), (2002, 2005, 2024, 2025));
        assert_eq!(b.x, a.x + a.width + BREAK);
        assert_eq!(b.x + b.width, 60, "the axis uses its width");
        assert!(axis.column(day(20020101)) < axis.column(day(20040915)));
        assert!(axis.column(day(20040915)) < b.x && axis.column(day(20240315)) >= b.x);
    }
}
