//! Moving between places: jumps along links and search results, and the
//! history that walks them back and forth.

use super::app::{App, Pane};
use super::history::Place;
use crate::model::{EntityId, Kind};

impl App {
    /// Where the person is now, by ids.
    pub fn place(&self) -> Option<Place> {
        let briefing = self.corpus.entities.get(self.open?)?.id.clone();
        let entity = self.subject.and_then(|s| self.corpus.entities.get(s)).map(|e| e.id.clone());
        Some(Place { briefing, entity })
    }

    /// Goes to an entity, remembering where we were (unless it is right here).
    pub fn jump(&mut self, to: EntityId) {
        let here = self.place();
        self.go(to);
        if let Some(here) = here.filter(|h| Some(h) != self.place().as_ref()) {
            self.history.push(here);
        }
    }

    /// Opens the briefing that defines `to`, focuses its pane and selects it.
    pub(super) fn go(&mut self, to: EntityId) {
        let e = self.corpus.entity(to);
        if e.kind() != Kind::Briefing {
            return self.show(e.briefing, Some(to));
        }
        self.show(to, None);
        self.focus_pane(if self.rows(Pane::Claims).is_empty() { Pane::Actors } else { Pane::Claims });
    }

    /// Opens `briefing` with `entity` selected in its pane (or in the detail
    /// view when no pane lists it); without one, the briefing list has the focus.
    pub(super) fn show(&mut self, briefing: EntityId, entity: Option<EntityId>) {
        self.open = Some(briefing);
        self.mark_read(briefing);
        if let Some(i) = self.corpus.briefings.iter().position(|b| *b == briefing) {
            self.selected[Pane::Briefings.slot()] = i;
        }
        self.selected[1..4].fill(0);
        let Some(target) = entity.filter(|e| *e != briefing) else {
            return self.focus_pane(Pane::Briefings);
        };
        // A briefing as the place: the list, its cursor on that briefing.
        if let Some(i) = self.corpus.briefings.iter().position(|b| *b == target) {
            self.selected[Pane::Briefings.slot()] = i;
            return self.focus_pane(Pane::Briefings);
        }
        let pane = Pane::for_kind(self.corpus.entity(target).kind());
        match pane.and_then(|p| self.rows(p).iter().position(|r| *r == target).map(|i| (p, i))) {
            Some((p, i)) => {
                self.selected[p.slot()] = i;
                self.focus_pane(p);
            }
            None => {
                self.subject = Some(target);
                self.focus_pane(Pane::Detail);
            }
        }
    }

    pub(super) fn restore(&mut self, place: &Place) {
        let Some(b) = self.corpus.get(&place.briefing).filter(|b| self.corpus.briefing(*b).is_some()) else {
            self.status = Some(format!("'{}' is no longer in the folder", place.briefing));
            return;
        };
        self.show(b, place.entity.as_deref().and_then(|e| self.corpus.get(e)));
    }

    pub(super) fn back(&mut self) {
        let Some(here) = self.place() else { return };
        match self.history.back(here) {
            Some(place) => self.restore(&place),
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    pub(super) fn forward(&mut self) {
        match self.history.forward() {
            Some(place) => self.restore(&place),
            None => self.status = Some("nothing to go forward to".into()),
        }
    }
}
