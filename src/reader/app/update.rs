//! How a key changes the app: the one `update` every action goes through,
//! and what each action does. What the app holds is in `mod.rs`.

use super::{App, Effect, Overlay, Pane, Screen};
use crate::model::EntityId;
use crate::reader::filtered::{FilterEditor, Filtered};
use crate::reader::finder::{Finder, FinderOutcome};
use crate::reader::keys::Action;
use crate::reader::link_rows::LinkRow;
use crate::reader::review::{self, NoteEditor, NoteOutcome};

impl App {
    /// A key as the terminal sent it: its action, or a word on keys that do nothing.
    pub fn key(&mut self, key: &crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        match self.keymap.action(self.mode(), key) {
            Some(action) => self.update(action),
            None if matches!(key.code, KeyCode::Char(_) | KeyCode::F(_))
                || key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.status = Some(format!(
                    "{} does nothing here: press ? for help",
                    crate::reader::keys::key_name((key.code, key.modifiers), false)
                ));
            }
            None => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        self.status = None;
        if action != Action::Copy {
            self.confirm_copy = None;
        }
        if matches!(self.overlay, Overlay::Search(_) | Overlay::Filter(_)) {
            self.marks();
        }
        match &mut self.overlay {
            Overlay::None if self.screen != Screen::Main => self.update_screen(action),
            Overlay::None => self.update_normal(action),
            // While the folder or its index is still coming, Enter waits for the search thread.
            Overlay::Search(finder) => {
                match finder.update(action, self.index.get().filter(|_| self.loading.is_none()), &self.marks.1) {
                    FinderOutcome::Stay => {}
                    FinderOutcome::Close => self.overlay = Overlay::None,
                    FinderOutcome::Jump(to) => {
                        let matches: Vec<EntityId> = finder.hits().iter().map(|h| h.entity).collect();
                        let at = matches.iter().position(|&e| e == to).unwrap_or(0);
                        let cut = finder.matched() > matches.len();
                        self.last_search = Some((finder.query().to_string(), matches, at, cut));
                        let unsaved = self.queries.push(finder.query());
                        self.overlay = Overlay::None;
                        self.jump(to);
                        if unsaved.is_some() {
                            self.status = unsaved;
                        }
                    }
                    FinderOutcome::NothingMatches => self.status = Some("nothing matches".into()),
                    FinderOutcome::Quit => self.effects.push(Effect::Quit),
                }
            }
            Overlay::Note(editor) => match editor.update(action) {
                NoteOutcome::Stay => {}
                NoteOutcome::Cancel => self.overlay = Overlay::None,
                NoteOutcome::Save { id, note } => {
                    self.overlay = Overlay::None;
                    self.status = Some(self.review.set_note(&self.corpus, id, note));
                }
                NoteOutcome::Quit => self.effects.push(Effect::Quit),
            },
            Overlay::Filter(_) => self.update_filter(action),
            _ => self.update_overlay(action),
        }
    }

    /// Help and problems: a list to move in, closed by `Esc`; a problem's place
    /// can be gone to (`Enter`) or edited (`e`).
    fn update_overlay(&mut self, action: Action) {
        let count = match self.overlay {
            Overlay::Problems { .. } => self.corpus.diagnostics.len(),
            Overlay::Views { .. } => self.views.len(),
            _ => self.viewport.help_max.saturating_add(1),
        };
        match (&self.overlay, action) {
            (_, Action::Quit) => self.effects.push(Effect::Quit),
            (_, Action::Cancel) => self.overlay = Overlay::None,
            (Overlay::Views { selected, .. }, Action::Open) => {
                let Some((_, query)) = self.views.get(*selected) else { return };
                let query = query.clone();
                self.apply_filter(&query);
                self.overlay = Overlay::None;
            }
            (Overlay::Problems { selected }, Action::Open | Action::Edit) => {
                let Some(d) = self.corpus.diagnostics.get(*selected) else { return };
                if action == Action::Edit {
                    return self.effects.push(Effect::Edit(d.path.clone(), d.line));
                }
                match crate::reader::nav::entity_at(&self.corpus, &d.path, d.line) {
                    Some(e) => {
                        self.overlay = Overlay::None;
                        self.jump(e);
                    }
                    None => self.status = Some("nothing of that file is loaded: e opens it in the editor".into()),
                }
            }
            _ => self.overlay.move_in(action, count, self.viewport.page),
        }
    }

    fn update_normal(&mut self, action: Action) {
        if action == Action::Back && self.back_to_view() {
            return;
        }
        let c = &self.corpus;
        let page = self.viewport.page as isize;
        match action {
            Action::Down => self.nav.move_by(c, 1),
            Action::Up => self.nav.move_by(c, -1),
            Action::PageDown | Action::PageUp if self.nav.focus() == Pane::Detail => {
                let delta = if action == Action::PageDown { page } else { -page };
                self.nav.page_detail(self.viewport.detail_top, delta, self.viewport.detail_max);
            }
            Action::PageDown => self.nav.move_by(c, page),
            Action::PageUp => self.nav.move_by(c, -page),
            Action::Top => self.nav.move_by(c, isize::MIN / 2),
            Action::Bottom => self.nav.move_by(c, isize::MAX / 2),
            Action::NextPane | Action::PrevPane => {
                let step = if action == Action::NextPane { 1 } else { -1 };
                self.nav.cycle_pane(c, step);
                // A hidden list is passed over.
                if self.sidebar_hidden && self.nav.focus() == Pane::Briefings {
                    self.nav.cycle_pane(c, step);
                }
                self.mark_read();
            }
            Action::Open => self.open_selected(),
            Action::Back | Action::Forward => {
                let moved = if action == Action::Back { self.nav.back(c) } else { self.nav.forward(c) };
                match moved {
                    Ok(()) => self.mark_read(),
                    Err(why) => self.status = Some(why),
                }
            }
            Action::Pane1 if self.sidebar_hidden => {
                self.sidebar_hidden = false;
                self.nav.focus_pane(&self.corpus, Pane::Briefings);
            }
            Action::Pane1 | Action::Pane2 | Action::Pane3 | Action::Pane4 => {
                let n = action.pane().unwrap_or(1);
                let pane = [Pane::Briefings, Pane::Actors, Pane::Claims, Pane::Precedents][n - 1];
                if pane != Pane::Briefings && self.rows(pane).is_empty() {
                    return self.status = Some(format!("no {} in this briefing", pane.title().to_lowercase()));
                }
                self.nav.focus_pane(c, pane);
                self.mark_read();
            }
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Sidebar => {
                self.sidebar_hidden = !self.sidebar_hidden;
                // A hidden list keeps no focus: the keys go to what is shown.
                if self.sidebar_hidden && self.nav.focus() == Pane::Briefings {
                    self.nav.cycle_pane(&self.corpus, 1);
                }
            }
            Action::Cancel => self.zoomed = false,
            Action::Undo => self.status = Some(self.review.undo()),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Search => self.overlay = Overlay::Search(Finder::with_history(self.queries.list().to_vec())),
            Action::Contradictions => self.open_pairs(),
            Action::Timeline => self.open_timeline(),
            Action::Matrix => self.open_matrix(),
            Action::Views => {
                let marks = self.marks();
                let counts = self
                    .views
                    .iter()
                    .map(|(_, q)| {
                        Filtered::new(&self.corpus, self.index(), q, &marks)
                            .map(|f| f.said())
                            .map_err(|e| e.to_string())
                    })
                    .collect();
                self.overlay = Overlay::Views { selected: 0, counts };
            }
            Action::Filter => {
                let now = self.nav.filter().map_or("", |f| f.query.as_str());
                self.overlay = Overlay::Filter(FilterEditor::new(now));
            }
            Action::Problems => self.overlay = Overlay::Problems { selected: 0 },
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Copy => self.copy(),
            Action::CopyCommand => {
                let Some(id) = self.subject() else { return };
                let text = format!("brief {}", self.corpus.entity(id).id);
                self.status = Some(format!("copied: {text}"));
                self.effects.push(Effect::Copy(text));
            }
            Action::CopyId => {
                let Some(id) = self.subject() else { return };
                let text = self.corpus.entity(id).id.clone();
                self.status = Some(format!("copied: {text}"));
                self.effects.push(Effect::Copy(text));
            }
            Action::ToggleReviewed | Action::ToggleFlagged | Action::Note => self.update_review(action),
            Action::NextUnreviewed => self.next_unreviewed(),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::Edit => self.edit(),
            _ => {}
        }
    }

    fn open_selected(&mut self) {
        match self.nav.focus() {
            Pane::Briefings => {
                let Some(b) = self.selected_in(Pane::Briefings) else { return };
                self.jump(b);
            }
            // Just entered or paged, the selected link may be out of view:
            // Enter first shows it, and follows it once shown.
            Pane::Detail if self.nav.detail_free() => self.nav.move_by(&self.corpus, 0),
            Pane::Detail => {
                let links = self.detail_links();
                match links.get(self.selection(Pane::Detail)) {
                    Some(LinkRow { to: Some(to), .. }) => self.jump(*to),
                    Some(row) => self.status = Some(format!("broken link: no entity '{}'", row.target)),
                    None => {}
                }
            }
            _ => {
                if self.subject().is_some() {
                    self.nav.focus_pane(&self.corpus, Pane::Detail);
                }
            }
        }
    }

    /// Goes to an entity by a link or search, remembering where we were.
    /// What the filter leaves out is shown all the same: the filter goes, and
    /// the footer says so.
    pub(super) fn jump(&mut self, to: EntityId) {
        if self.nav.filter().is_some_and(|f| !f.keeps.get(to).copied().unwrap_or(false)) {
            self.nav.set_filter(&self.corpus, None);
            let id = &self.corpus.entity(to).id;
            self.status = Some(format!("filter off: {id} is not among its matches (& filters again)"));
        }
        self.nav.jump(&self.corpus, to);
        // Zoomed, the one pane shown is the detail, so what was jumped to is seen.
        if self.zoomed {
            self.nav.focus_pane(&self.corpus, Pane::Detail);
        }
        self.mark_read();
    }

    /// Opening a briefing makes it read.
    fn mark_read(&mut self) {
        let Some(open) = self.nav.open() else { return };
        if let Some(failed) = self.review.mark_read(&self.corpus, open) {
            self.status = Some(failed);
        }
    }

    pub(super) fn update_review(&mut self, action: Action) {
        let Some(eid) = self.subject() else {
            return self.status = Some("nothing selected".into());
        };
        if action == Action::Note {
            let id = self.corpus.entity(eid).id.clone();
            let text = self.store().marks(&id).note.clone().unwrap_or_default();
            self.overlay = Overlay::Note(NoteEditor::new(id, text));
        } else {
            self.status = Some(self.review.toggle(&self.corpus, eid, action));
        }
    }

    /// `u`: the next entity not yet reviewed, here and then in the briefings below.
    fn next_unreviewed(&mut self) {
        if self.corpus.briefings.is_empty() {
            return self.status = Some("nothing to review".into());
        }
        match review::next_unreviewed(&self.corpus, self.review.store(), self.shown(), self.subject()) {
            Some(next) => {
                self.nav.go(&self.corpus, next);
                self.mark_read();
            }
            None => self.status = Some("everything is reviewed".into()),
        }
    }

    /// `brief ID` goes there (an unknown id is said, with a suggestion to
    /// search); `brief /QUERY` opens the finder on QUERY's matches.
    pub(super) fn go_to_start(&mut self, start: super::Start) {
        match start {
            super::Start::Id(id) => {
                if let Some(e) = self.corpus.find(&id) {
                    self.jump(e);
                } else {
                    let shown = crate::text::sanitize_line(&id).into_owned();
                    self.status = Some(format!("no entity '{shown}': try brief /{shown} to search"));
                }
            }
            // Shown at start, not opened: a restored place marks nothing read
            // (it was read when it was opened, in the session that left it).
            super::Start::Resume(place) => {
                self.nav.resume(&self.corpus, &place);
            }
            super::Start::Query(query) => {
                let line = crate::text::sanitize_line(&query).into_owned();
                let mut finder = Finder::default();
                finder.paste(&line);
                self.overlay = Overlay::Search(finder);
            }
        }
    }

    /// `n` / `N`: the next or previous match of the last search, round the
    /// end as in less; each one a jump in history.
    fn step_match(&mut self, by: isize) {
        let Some((query, matches, at, cut)) = &mut self.last_search else {
            return self.status = Some("no search yet: / searches".into());
        };
        let n = matches.len();
        if n == 0 {
            return self.status = Some(format!("nothing matches '{query}'"));
        }
        *at = (*at as isize + by).rem_euclid(n as isize) as usize;
        // A list cut to the best says so: not all that matched.
        let of = if *cut { format!("the best {n}") } else { n.to_string() };
        let (to, said) = (matches[*at], format!("match {} of {of} for '{query}'", *at + 1));
        self.jump(to);
        self.status = Some(said);
    }

    /// `y`; from a TLP:RED briefing only when pressed twice in a row.
    pub(super) fn copy(&mut self) {
        let Some(id) = self.subject() else { return };
        let red = crate::citation::tlp(&self.corpus, id) == Some(crate::model::Tlp::Red);
        if red && self.confirm_copy != Some(id) {
            self.confirm_copy = Some(id);
            return self.status = Some("TLP:RED: press y again to copy it anyway".into());
        }
        let text = crate::citation::citation(&self.corpus, id);
        self.status = Some(format!("copied: {text}"));
        self.effects.push(Effect::Copy(text));
    }

    fn edit(&mut self) {
        let Some(id) = self.subject() else { return };
        let path = self.corpus.path_of(id).clone();
        self.effects.push(Effect::Edit(path, self.corpus.entity(id).pos.line));
    }
}
