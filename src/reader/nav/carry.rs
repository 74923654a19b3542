//! What happens to the place when what is listed changes under it: a
//! filter applied or cleared, a reload of the folder. Nothing moves
//! silently, and nothing of another briefing gets selected.

use std::sync::Arc;

use super::{Nav, Pane, rows_of};
use crate::model::{Corpus, EntityId};
use crate::reader::filtered::Filtered;

impl Nav {
    /// Shows only what `filter` keeps (or, with `None`, everything again),
    /// keeping each pane's selection by id where it is still listed. When
    /// the open briefing is not listed, the first one that is opens. When
    /// what the detail shows is not a match, the focus goes to the first
    /// pane whose selection is, so the detail shows a match.
    pub fn set_filter(&mut self, c: &Corpus, filter: Option<Arc<Filtered>>) {
        let ids: Vec<Option<EntityId>> = Pane::ORDER.iter().map(|p| self.selected_in(c, *p)).collect();
        self.filter = filter;
        let listed = |b: &EntityId| self.rows(c, Pane::Briefings).contains(b);
        if !self.open.as_ref().is_some_and(listed) {
            self.open = self.rows(c, Pane::Briefings).first().copied();
            self.selected[1..4].fill(0);
            self.focus_pane(c, Pane::Briefings);
        }
        for (pane, id) in Pane::ORDER.into_iter().zip(ids).filter(|(p, _)| *p != Pane::Detail) {
            let rows = rows_of(c, self.filter.as_deref(), self.open, pane);
            let at = id.and_then(|e| rows.iter().position(|r| *r == e));
            let slot = &mut self.selected[pane.slot()];
            *slot = at.unwrap_or(*slot).min(rows.len().saturating_sub(1));
        }
        if self.focus != Pane::Detail {
            self.sync_subject(c);
        }
        let Some(f) = self.filter.clone() else { return };
        let kept = |e: EntityId| f.keeps.get(e).copied().unwrap_or(false);
        if self.focus != Pane::Detail && !self.subject.is_some_and(kept) {
            let matched = Pane::ENTITY.into_iter().find(|p| self.selected_in(c, *p).is_some_and(kept));
            if let Some(pane) = matched {
                self.focus_pane(c, pane);
            }
        }
    }

    /// Moves from the corpus `old` to `new`, keeping the place by id; says
    /// what went away (or came back). Whatever is gone, the selection is what
    /// is shown, and the focus never lands in another briefing's entities.
    pub fn carry_over(&mut self, old: &Corpus, new: &Corpus, filter: Option<Arc<Filtered>>) -> Option<String> {
        let id_of = |e: Option<EntityId>| e.and_then(|e| old.entities.get(e)).map(|e| e.id.clone());
        let here = self.place(old);
        let subject = id_of(self.subject);
        let rows: Vec<Option<String>> = Pane::ORDER
            .iter()
            .map(|p| id_of(rows_of(old, self.filter.as_deref(), self.open, *p).get(self.selected[p.slot()]).copied()))
            .collect();
        let get = |id: &Option<String>| id.as_deref().and_then(|id| new.get(id));
        // The filter, worked out again for the new corpus.
        self.filter = filter;
        self.subject = None;
        if let Some(lost) = self.lost.take() {
            if self.restore(new, &lost).is_ok() {
                return Some(format!("'{}' is back", lost.briefing));
            }
            self.lost = Some(lost);
        }
        let open = here.as_ref().and_then(|h| new.get(&h.briefing)).filter(|b| new.briefing(*b).is_some());
        let gone = here.filter(|_| open.is_none());
        for (pane, id) in Pane::ORDER.into_iter().zip(&rows).filter(|(p, _)| *p != Pane::Detail) {
            // The same entity where it still is; else the same row, kept in range.
            let rows = rows_of(new, self.filter.as_deref(), open, pane);
            let at = get(id).and_then(|e| rows.iter().position(|r| *r == e));
            let len = rows.len();
            let slot = &mut self.selected[pane.slot()];
            *slot = at.unwrap_or(*slot).min(len.saturating_sub(1));
        }
        self.open = open.or_else(|| self.selected_in(new, Pane::Briefings));
        if let Some(gone) = gone {
            // What was open went away: the briefing under the list cursor, no entity of it.
            let message = format!(
                "'{}' is gone from the folder (see ! for problems); it reopens here when it is back",
                gone.briefing
            );
            self.lost.get_or_insert(gone);
            self.selected[1..4].fill(0);
            self.focus_pane(new, Pane::Briefings);
            return Some(message);
        }
        self.subject = get(&subject).filter(|_| self.focus == Pane::Detail);
        let vanished = subject.clone().filter(|_| get(&subject).is_none());
        if vanished.is_some() && self.focus == Pane::Detail {
            self.focus = self.entity_pane;
        }
        if self.subject.is_none() {
            self.sync_subject(new);
        }
        let links = self.detail_links(new).len();
        let slot = &mut self.selected[Pane::Detail.slot()];
        *slot = (*slot).min(links.saturating_sub(1));
        vanished.map(|id| format!("'{id}' is gone from the folder (see ! for problems)"))
    }
}

/// What a reload did to the files shown as they last parsed: the first that
/// stopped parsing (it stays, marked stale), else the first that parses again.
pub fn stale_news(old: &Corpus, new: &Corpus) -> Option<String> {
    let name = |c: &Corpus, file: usize| {
        let path = &c.files[file];
        crate::text::sanitize_line(&path.strip_prefix(&c.root).unwrap_or(path).to_string_lossy()).into_owned()
    };
    let was =
        |c: &Corpus, other: &Corpus, file: usize| other.stale.iter().any(|(f, _)| other.files[*f] == c.files[file]);
    if let Some((file, why)) = new.stale.iter().find(|(f, _)| !was(new, old, *f)) {
        let name = name(new, *file);
        let why = why.headline();
        return Some(format!("{name} no longer parses (see !): its last good version stays, marked stale ({why})"));
    }
    let fixed = old.stale.iter().find(|(f, _)| !was(old, new, *f) && new.files.contains(&old.files[*f]))?;
    Some(format!("{} parses again", name(old, fixed.0)))
}
