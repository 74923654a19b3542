//! Where the person is: the open briefing, the focused pane, the row selected
//! in each, what the detail view shows, and the jump history. It knows the
//! corpus it is asked about and nothing of marks, overlays or the terminal.

mod carry;

pub use carry::stale_news;

use std::sync::Arc;

use super::filtered::Filtered;
use super::history::{JumpList, Place};
use super::link_rows::{LinkRow, link_rows};
use crate::model::{Corpus, EntityId, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Briefings,
    Actors,
    Claims,
    Precedents,
    Detail,
}

impl Pane {
    pub const ORDER: [Pane; 5] = [Pane::Briefings, Pane::Actors, Pane::Claims, Pane::Precedents, Pane::Detail];
    pub const ENTITY: [Pane; 3] = [Pane::Actors, Pane::Claims, Pane::Precedents];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Briefings => "Briefings",
            Pane::Actors => "Actors",
            Pane::Claims => "Claims",
            Pane::Precedents => "Precedents",
            Pane::Detail => "Detail",
        }
    }

    fn for_kind(kind: Kind) -> Option<Pane> {
        match kind {
            // Subjects are listed with the actors (docs/FORMAT.md).
            Kind::Actor | Kind::Subject => Some(Pane::Actors),
            Kind::Claim => Some(Pane::Claims),
            Kind::Precedent => Some(Pane::Precedents),
            Kind::Briefing | Kind::Source | Kind::Hypothesis => None,
        }
    }

    fn slot(self) -> usize {
        Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0)
    }
}

#[derive(Debug)]
pub struct Nav {
    focus: Pane,
    /// The entity pane shown when the focus is elsewhere (the tab on a small screen).
    entity_pane: Pane,
    /// Selected row per pane, by `Pane::slot`.
    selected: [usize; 5],
    open: Option<EntityId>,
    /// What the detail view shows.
    subject: Option<EntityId>,
    /// Lines the detail view is scrolled down by.
    detail_scroll: usize,
    /// After `PgUp`/`PgDn` the detail view scrolls freely; `j`/`k` bring the selected link back.
    detail_free: bool,
    history: JumpList,
    /// The place whose briefing went away on a reload, to return to when it is back.
    lost: Option<Place>,
    /// The `&` filter: only what matches is listed.
    filter: Option<Arc<Filtered>>,
}

impl Default for Nav {
    fn default() -> Nav {
        Nav {
            focus: Pane::Briefings,
            entity_pane: Pane::Claims,
            selected: [0; 5],
            open: None,
            subject: None,
            detail_scroll: 0,
            detail_free: false,
            history: JumpList::default(),
            lost: None,
            filter: None,
        }
    }
}

impl Nav {
    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn entity_pane(&self) -> Pane {
        self.entity_pane
    }

    pub fn open(&self) -> Option<EntityId> {
        self.open
    }

    pub fn subject(&self) -> Option<EntityId> {
        self.subject
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn detail_free(&self) -> bool {
        self.detail_free
    }

    /// The briefing whose header and panes are drawn: in the list, the one
    /// under the cursor (a preview); elsewhere the open one.
    pub fn shown(&self, c: &Corpus) -> Option<EntityId> {
        match self.focus {
            Pane::Briefings => rows_of(c, self.filter.as_deref(), None, Pane::Briefings)
                .get(self.selected[Pane::Briefings.slot()])
                .copied()
                .or(self.open),
            _ => self.open,
        }
    }

    /// The list cursor is on a briefing other than the open one.
    pub fn previewing(&self, c: &Corpus) -> bool {
        self.shown(c) != self.open
    }

    /// The rows of a pane, as entity ids.
    pub fn rows<'a>(&'a self, c: &'a Corpus, pane: Pane) -> &'a [EntityId] {
        rows_of(c, self.filter.as_deref(), self.shown(c), pane)
    }

    pub fn filter(&self) -> Option<&Filtered> {
        self.filter.as_deref()
    }

    pub fn selected_in(&self, c: &Corpus, pane: Pane) -> Option<EntityId> {
        self.rows(c, pane).get(self.selection(c, pane)).copied()
    }

    /// The selected row of a pane. A preview starts at the top of each pane;
    /// the open briefing's selections wait for it.
    pub fn selection(&self, c: &Corpus, pane: Pane) -> usize {
        if Pane::ENTITY.contains(&pane) && self.previewing(c) { 0 } else { self.selected[pane.slot()] }
    }

    pub fn detail_links(&self, c: &Corpus) -> Vec<LinkRow> {
        self.subject.map(|s| link_rows(c, s)).unwrap_or_default()
    }

    fn len(&self, c: &Corpus, pane: Pane) -> usize {
        if pane == Pane::Detail { self.detail_links(c).len() } else { self.rows(c, pane).len() }
    }

    pub fn move_by(&mut self, c: &Corpus, delta: isize) {
        // Just entered, the detail shows its top: the first `j` brings the
        // first link into view rather than passing over it.
        let first = self.focus == Pane::Detail && self.detail_free && self.detail_scroll == 0;
        self.detail_free = false;
        if first && delta == 1 && self.selected[Pane::Detail.slot()] == 0 {
            return;
        }
        let len = self.len(c, self.focus);
        let slot = &mut self.selected[self.focus.slot()];
        *slot = (*slot as isize).saturating_add(delta).clamp(0, len.saturating_sub(1) as isize) as usize;
        self.sync_subject(c);
    }

    /// Pages the detail view's text from `top`, the line drawn first, to at most `max`.
    pub fn page_detail(&mut self, top: usize, delta: isize, max: usize) {
        self.detail_free = true;
        self.detail_scroll = top.saturating_add_signed(delta).min(max);
    }

    /// Tab order: briefings, then the entity panes that have rows, then detail.
    pub fn cycle_pane(&mut self, c: &Corpus, step: isize) {
        let usable: Vec<Pane> =
            Pane::ORDER.into_iter().filter(|p| !Pane::ENTITY.contains(p) || !self.rows(c, *p).is_empty()).collect();
        let at = usable.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let next = usable[(at + step).rem_euclid(usable.len() as isize) as usize];
        self.focus_pane(c, next);
    }

    pub fn focus_pane(&mut self, c: &Corpus, pane: Pane) {
        // Leaving the list opens the briefing it was previewing.
        if self.focus == Pane::Briefings && pane != Pane::Briefings && self.previewing(c) {
            self.open = self.shown(c);
            self.selected[1..4].fill(0);
        }
        self.focus = pane;
        if Pane::ENTITY.contains(&pane) {
            self.entity_pane = pane;
        }
        self.detail_scroll = 0;
        // Entering the detail shows its text from the top; `j`/`k` walk its links.
        self.detail_free = pane == Pane::Detail;
        if pane == Pane::Detail {
            self.selected[Pane::Detail.slot()] = 0;
        } else {
            self.sync_subject(c);
        }
    }

    /// The detail view follows the selection, except while it has the focus;
    /// with nothing to select, it shows the open briefing.
    fn sync_subject(&mut self, c: &Corpus) {
        if self.focus != Pane::Detail {
            self.detail_scroll = 0;
        }
        self.subject = match self.focus {
            Pane::Detail if self.subject.is_some() => return,
            Pane::Detail => self.selected_in(c, self.entity_pane),
            Pane::Briefings => self.selected_in(c, Pane::Briefings),
            // An empty pane shows the briefing it is of (its summary, its BLUF).
            _ => self.selected_in(c, self.focus).or(self.open),
        };
        if self.focus == Pane::Briefings && self.subject.is_none() {
            self.subject = self.open;
        }
    }

    /// Where the person is now, by ids.
    pub fn place(&self, c: &Corpus) -> Option<Place> {
        let briefing = c.entities.get(self.open?)?.id.clone();
        let entity = self.subject.and_then(|s| c.entities.get(s)).map(|e| e.id.clone());
        Some(Place { briefing, entity })
    }

    /// Goes to an entity, remembering where we were (unless it is right here).
    pub fn jump(&mut self, c: &Corpus, to: EntityId) {
        let here = self.place(c);
        self.go(c, to);
        if let Some(here) = here.filter(|h| Some(h) != self.place(c).as_ref()) {
            self.history.push(here);
        }
    }

    /// Opens the briefing that defines `to`, focuses its pane and selects it.
    pub fn go(&mut self, c: &Corpus, to: EntityId) {
        let e = c.entity(to);
        if e.kind() != Kind::Briefing {
            return self.show(c, e.briefing, Some(to));
        }
        self.show(c, to, None);
        self.focus_pane(c, if self.rows(c, Pane::Claims).is_empty() { Pane::Actors } else { Pane::Claims });
    }

    /// Opens `briefing` with `entity` selected in its pane (or in the detail
    /// view when no pane lists it); without one, the briefing list has the focus.
    fn show(&mut self, c: &Corpus, briefing: EntityId, entity: Option<EntityId>) {
        (self.open, self.lost) = (Some(briefing), None);
        if let Some(i) = self.rows(c, Pane::Briefings).iter().position(|b| *b == briefing) {
            self.selected[Pane::Briefings.slot()] = i;
        }
        self.selected[1..4].fill(0);
        let Some(target) = entity.filter(|e| *e != briefing) else {
            return self.focus_pane(c, Pane::Briefings);
        };
        // A briefing as the place: the list, its cursor on that briefing.
        if let Some(i) = self.rows(c, Pane::Briefings).iter().position(|b| *b == target) {
            self.selected[Pane::Briefings.slot()] = i;
            return self.focus_pane(c, Pane::Briefings);
        }
        let pane = Pane::for_kind(c.entity(target).kind());
        if let Some((p, i)) = pane.and_then(|p| self.rows(c, p).iter().position(|r| *r == target).map(|i| (p, i))) {
            self.selected[p.slot()] = i;
            self.focus_pane(c, p);
        } else {
            self.subject = Some(target);
            self.focus_pane(c, Pane::Detail);
        }
    }

    /// Goes back to a place saved at the last quit; false when it is gone.
    pub fn resume(&mut self, c: &Corpus, place: &Place) -> bool {
        self.restore(c, place).is_ok()
    }

    fn restore(&mut self, c: &Corpus, place: &Place) -> Result<(), String> {
        let Some(b) = c.get(&place.briefing).filter(|b| c.briefing(*b).is_some()) else {
            return Err(format!("'{}' is no longer in the folder", place.briefing));
        };
        self.show(c, b, place.entity.as_deref().and_then(|e| c.get(e)));
        Ok(())
    }

    /// Back along the history; what to say when there is nothing there.
    pub fn back(&mut self, c: &Corpus) -> Result<(), String> {
        let Some(here) = self.place(c) else { return Err("nothing to go back to".into()) };
        match self.history.back(here) {
            Some(place) => self.restore(c, &place),
            None => Err("nothing to go back to".into()),
        }
    }

    pub fn forward(&mut self, c: &Corpus) -> Result<(), String> {
        match self.history.forward() {
            Some(place) => self.restore(c, &place),
            None => Err("nothing to go forward to".into()),
        }
    }
}

/// The rows of a pane when `briefing` is shown: the list is every briefing;
/// under a filter, only what it keeps.
fn rows_of<'a>(c: &'a Corpus, filter: Option<&'a Filtered>, briefing: Option<EntityId>, pane: Pane) -> &'a [EntityId] {
    if let Some(f) = filter {
        return match (pane, briefing) {
            (Pane::Briefings, _) => &f.briefings,
            (Pane::Detail, _) | (_, None) => &[],
            (p, Some(b)) => f.rows(b, Pane::ENTITY.iter().position(|e| *e == p).unwrap_or(0)),
        };
    }
    match (pane, briefing.and_then(|o| c.briefing(o))) {
        (Pane::Briefings, _) => &c.briefings,
        (Pane::Actors, Some(b)) => &b.actors,
        (Pane::Claims, Some(b)) => &b.claims,
        (Pane::Precedents, Some(b)) => &b.precedents,
        _ => &[],
    }
}

/// The entity defined at or last before `line` of the file at `path`, if any.
pub fn entity_at(c: &Corpus, path: &std::path::Path, line: u32) -> Option<EntityId> {
    (0..c.entities.len())
        .filter(|&e| c.path_of(e) == path && c.entity(e).pos.line <= line)
        .max_by_key(|&e| c.entity(e).pos.line)
}
