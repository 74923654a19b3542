//! Review in the reader: `x` `f` `a` `u`, marks beside rows, the note in the
//! detail view, and read briefings. Every change is saved at once.

use ratatui::text::{Line, Span};

use super::app::{App, Overlay};
use super::keys::{Action, edit_line};
use super::theme::{Sym, Theme};
use super::ui::wrap::wrap;
use crate::model::{EntityId, Kind};
use crate::state::{Change, StateError};

/// The one-line note editor.
#[derive(Debug, Default)]
pub struct NoteEditor {
    pub id: String,
    pub text: String,
}

impl App {
    /// Symbols for an entity's review marks, e.g. `✓⚑`; `•` on an unread briefing.
    pub fn review_marks(&self, id: EntityId, theme: &Theme) -> String {
        let e = self.corpus.entity(id);
        let m = self.store.marks(&e.id);
        let mut out = String::new();
        if e.kind() == Kind::Briefing && !self.store.is_read(&e.id) {
            out.push_str(theme.sym(Sym::Unread));
        }
        for (on, sym) in [(m.reviewed, Sym::Reviewed), (m.flagged, Sym::Flagged), (m.note.is_some(), Sym::Note)] {
            if on {
                out.push_str(theme.sym(sym));
            }
        }
        out
    }

    /// Entities a briefing defines, in review order: claims, actors, precedents.
    fn review_order(&self, briefing: EntityId) -> Vec<EntityId> {
        let Some(b) = self.corpus.briefing(briefing) else { return vec![] };
        let own = |ids: &[EntityId]| -> Vec<EntityId> {
            ids.iter().copied().filter(|&i| self.corpus.entity(i).briefing == briefing).collect()
        };
        [own(&b.claims), own(&b.actors), own(&b.precedents)].concat()
    }

    /// `(reviewed, total)` over what a briefing defines.
    pub fn progress(&self, briefing: EntityId) -> (usize, usize) {
        let all = self.review_order(briefing);
        let done = all.iter().filter(|&&i| self.store.marks(&self.corpus.entity(i).id).reviewed).count();
        (done, all.len())
    }

    /// The marks and note, as detail-view lines.
    pub fn review_lines(&self, id: EntityId, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let m = self.store.marks(&self.corpus.entity(id).id);
        let mut words = Vec::new();
        if m.reviewed {
            words.push(format!("{} reviewed", theme.sym(Sym::Reviewed)));
        }
        if m.flagged {
            words.push(format!("{} flagged", theme.sym(Sym::Flagged)));
        }
        let mut lines = Vec::new();
        if !words.is_empty() {
            lines.push(Line::styled(words.join("  "), theme.warn()));
        }
        if let Some(note) = &m.note {
            let spans =
                [Span::styled(format!("{} note ", theme.sym(Sym::Note)), theme.warn()), Span::raw(note.clone())];
            lines.extend(wrap(&spans, width));
        }
        lines
    }

    pub(super) fn update_review(&mut self, action: Action) {
        let Some(id) = self.subject.map(|s| self.corpus.entity(s).id.clone()) else {
            return self.status = Some("nothing selected".into());
        };
        let result = match action {
            Action::ToggleReviewed => {
                self.store.toggle_reviewed(&id).map(|on| if on { "reviewed" } else { "no longer reviewed" })
            }
            Action::ToggleFlagged => self.store.toggle_flagged(&id).map(|on| if on { "flagged" } else { "unflagged" }),
            Action::Note => {
                let text = self.store.marks(&id).note.clone().unwrap_or_default();
                self.overlay = Overlay::Note(NoteEditor { id, text });
                return;
            }
            _ => return,
        };
        self.report(result);
    }

    fn report(&mut self, result: Result<&str, StateError>) {
        self.status = Some(match result {
            Ok(done) => self.store.take_notice().unwrap_or_else(|| done.to_string()),
            Err(e) => e.to_string(),
        });
    }

    pub(super) fn update_note(&mut self, action: Action) {
        let Overlay::Note(editor) = &mut self.overlay else { return };
        if edit_line(&mut editor.text, action) {
            return;
        }
        match action {
            Action::Open => {
                let (id, text) = (std::mem::take(&mut editor.id), std::mem::take(&mut editor.text));
                self.overlay = Overlay::None;
                let note = Some(text).filter(|t| !t.trim().is_empty());
                let done = if note.is_some() { "note saved" } else { "note removed" };
                let result = self.store.apply(Change::SetNote(id, note)).map(|()| done);
                self.report(result);
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Bracketed paste into the note editor or the finder, made one harmless line.
    pub fn paste(&mut self, text: &str) {
        let line = crate::text::sanitize_line(text);
        match &mut self.overlay {
            Overlay::Note(editor) => editor.text.push_str(&line),
            Overlay::Search(finder) => finder.query.push_str(&line),
            _ => {}
        }
    }

    /// `u`: the next entity not yet reviewed, here and then in the briefings below.
    pub(super) fn next_unreviewed(&mut self) {
        let list = self.corpus.briefings.clone();
        if list.is_empty() {
            return self.status = Some("nothing to review".into());
        }
        let start = self.open.and_then(|o| list.iter().position(|b| *b == o)).unwrap_or(0);
        let current = self.subject;
        for step in 0..=list.len() {
            let briefing = list[(start + step) % list.len()];
            let order = self.review_order(briefing);
            let from = match (step, current.and_then(|c| order.iter().position(|e| *e == c))) {
                (0, Some(at)) => at + 1,
                _ => 0,
            };
            let next = order.iter().skip(from).find(|&&e| !self.store.marks(&self.corpus.entity(e).id).reviewed);
            if let Some(&next) = next {
                return self.go(next);
            }
        }
        self.status = Some("everything is reviewed".into());
    }

    /// Opening a briefing makes it read.
    pub(super) fn mark_read(&mut self, briefing: EntityId) {
        let id = self.corpus.entity(briefing).id.clone();
        match self.store.apply(Change::MarkRead(id)) {
            Err(StateError::ReadOnly { .. }) | Ok(()) => {}
            Err(e) => self.status = Some(e.to_string()),
        }
    }
}
