//! The reader's state and `update`: no terminal in here, so tests can drive
//! it with key sequences and assert on what a person would see. Every field
//! is private: the event loop and `ui` read through the methods below, and
//! what `App` asks of the world goes out as an `Effect`.

use std::sync::Arc;

use super::finder::{Finder, FinderOutcome};
use super::keys::{Action, Mode};
use super::link_rows::LinkRow;
use super::nav::Nav;
pub use super::nav::Pane;
pub use super::overlay::Overlay;
use super::review::{self, NoteEditor, NoteOutcome, Review};
use super::viewport::Viewport;
use crate::model::{Body, Corpus, EntityId};
use crate::search::{Hit, Index};
use crate::state::ReviewFile;

/// Work for the event loop that reaches outside the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Open this file in the editor at this line.
    Edit(std::path::PathBuf, u32),
    /// Give the terminal back and stop (`Ctrl-z`).
    Suspend,
    /// End the reader.
    Quit,
}

pub struct App {
    corpus: Arc<Corpus>,
    index: Arc<Index>,
    /// Marks, notes and read briefings.
    review: Review,
    /// `(files parsed, files found)` while the folder is loading.
    loading: Option<(usize, usize)>,
    /// Why the folder could not be read, if it could not.
    load_error: Option<String>,
    /// The status says the folder went away; a good load clears it.
    folder_unreadable: bool,
    nav: Nav,
    overlay: Overlay,
    /// The footer's message, until the next key.
    status: Option<String>,
    /// What the last frame laid out.
    viewport: Viewport,
    /// The focused pane or the detail view has the whole screen.
    zoomed: bool,
    effects: Vec<Effect>,
}

impl App {
    /// An app over `corpus`, building its search index here.
    pub fn new(corpus: Arc<Corpus>) -> App {
        let index = Arc::new(Index::build(&corpus));
        App::with_index(corpus, index)
    }

    pub fn with_index(corpus: Arc<Corpus>, index: Arc<Index>) -> App {
        let mut app = App {
            corpus: Arc::new(Corpus::default()),
            index: Arc::clone(&index),
            review: Review::new(ReviewFile::detached()),
            loading: None,
            load_error: None,
            folder_unreadable: false,
            nav: Nav::default(),
            overlay: Overlay::None,
            status: None,
            viewport: Viewport::default(),
            zoomed: false,
            effects: Vec::new(),
        };
        app.set_corpus(corpus, index);
        app
    }

    /// Takes a newly loaded corpus and its index, keeping the place by id.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, index: Arc<Index>) {
        if std::mem::take(&mut self.folder_unreadable) {
            self.status = None;
        }
        if let Some(said) = self.nav.carry_over(&self.corpus, &corpus) {
            self.status = Some(said);
        }
        (self.corpus, self.index, self.loading, self.load_error) = (corpus, index, None, None);
        if let Overlay::Search(f) = &mut self.overlay {
            // Old hits name entities of the old corpus: ask again.
            f.forget_hits();
        }
    }

    /// A folder that cannot be read: a screen that says so at first; once
    /// something was loaded, a notice, and what was loaded stays readable.
    /// Either way the next good load takes over.
    pub fn fail_loading(&mut self, error: String) {
        self.loading = None;
        if self.corpus.files.is_empty() {
            self.load_error = Some(error);
        } else {
            self.status = Some(format!("cannot read the briefing folder ({error}); showing what was loaded"));
            self.folder_unreadable = true;
        }
    }

    pub fn set_loading(&mut self, progress: Option<(usize, usize)>) {
        self.loading = progress;
    }

    pub fn set_store(&mut self, store: ReviewFile) {
        self.review = Review::new(store);
    }

    pub fn set_status(&mut self, status: Option<String>) {
        self.status = status;
    }

    /// Takes the layout of the frame just drawn.
    pub fn laid_out(&mut self, viewport: Viewport) {
        self.viewport = viewport;
    }

    /// The work queued for the event loop, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn store(&self) -> &ReviewFile {
        self.review.store()
    }

    /// For the event loop to take changes other processes made to the marks.
    pub fn store_mut(&mut self) -> &mut ReviewFile {
        self.review.store_mut()
    }

    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading
    }

    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    pub fn zoomed(&self) -> bool {
        self.zoomed
    }

    pub fn nav(&self) -> &Nav {
        &self.nav
    }

    pub fn focus(&self) -> Pane {
        self.nav.focus()
    }

    pub fn open(&self) -> Option<EntityId> {
        self.nav.open()
    }

    pub fn subject(&self) -> Option<EntityId> {
        self.nav.subject()
    }

    pub fn rows(&self, pane: Pane) -> &[EntityId] {
        self.nav.rows(&self.corpus, pane)
    }

    pub fn selected_in(&self, pane: Pane) -> Option<EntityId> {
        self.nav.selected_in(&self.corpus, pane)
    }

    pub fn selection(&self, pane: Pane) -> usize {
        self.nav.selection(pane)
    }

    pub fn detail_links(&self) -> Vec<LinkRow> {
        self.nav.detail_links(&self.corpus)
    }

    pub fn finder(&self) -> Option<&Finder> {
        match &self.overlay {
            Overlay::Search(f) => Some(f),
            _ => None,
        }
    }

    /// The query the search thread should answer next, if it changed.
    pub fn query_to_run(&mut self) -> Option<String> {
        let Overlay::Search(f) = &mut self.overlay else { return None };
        f.query_to_run()
    }

    pub fn take_hits(&mut self, query: String, hits: Vec<Hit>) {
        if let Overlay::Search(f) = &mut self.overlay {
            f.take(query, hits);
        }
    }

    /// Bracketed paste into the note editor or the finder, made one harmless line.
    pub fn paste(&mut self, text: &str) {
        let line = crate::text::sanitize_line(text);
        match &mut self.overlay {
            Overlay::Note(editor) => editor.paste(&line),
            Overlay::Search(finder) => finder.paste(&line),
            _ => {}
        }
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Search(_) => Mode::Search,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Problems { .. } => Mode::Problems,
            Overlay::Note(_) => Mode::Note,
        }
    }

    /// The open briefing's body, if any.
    pub fn open_briefing(&self) -> Option<(&crate::model::Entity, &crate::model::Briefing)> {
        let e = self.corpus.entities.get(self.nav.open()?)?;
        match &e.body {
            Body::Briefing(b) => Some((e, b)),
            _ => None,
        }
    }

    /// A key as the terminal sent it: its action, or a word on keys that do nothing.
    pub fn key(&mut self, key: &crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        match super::keys::action(self.mode(), key) {
            Some(action) => self.update(action),
            None if matches!(key.code, KeyCode::Char(_) | KeyCode::F(_))
                || key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.status = Some(format!(
                    "{} does nothing here: press ? for help",
                    super::keys::key_name((key.code, key.modifiers), false)
                ));
            }
            None => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        self.status = None;
        match &mut self.overlay {
            Overlay::None => self.update_normal(action),
            Overlay::Search(finder) => match finder.update(action, &self.index) {
                FinderOutcome::Stay => {}
                FinderOutcome::Close => self.overlay = Overlay::None,
                FinderOutcome::Jump(to) => {
                    self.overlay = Overlay::None;
                    self.jump(to);
                }
                FinderOutcome::NothingMatches => self.status = Some("nothing matches".into()),
                FinderOutcome::Quit => self.effects.push(Effect::Quit),
            },
            Overlay::Note(editor) => match editor.update(action) {
                NoteOutcome::Stay => {}
                NoteOutcome::Cancel => self.overlay = Overlay::None,
                NoteOutcome::Save { id, note } => {
                    self.overlay = Overlay::None;
                    self.status = Some(self.review.set_note(id, note));
                }
                NoteOutcome::Quit => self.effects.push(Effect::Quit),
            },
            _ => self.update_overlay(action),
        }
    }

    /// Help and problems: a list to move in, closed by `Esc`; a problem's place
    /// can be gone to (`Enter`) or edited (`e`).
    fn update_overlay(&mut self, action: Action) {
        let count = match self.overlay {
            Overlay::Problems { .. } => self.corpus.diagnostics.len(),
            _ => self.viewport.help_max.saturating_add(1),
        };
        match (&self.overlay, action) {
            (_, Action::Quit) => self.effects.push(Effect::Quit),
            (_, Action::Cancel) => self.overlay = Overlay::None,
            (Overlay::Problems { selected }, Action::Open | Action::Edit) => {
                let Some(d) = self.corpus.diagnostics.get(*selected) else { return };
                if action == Action::Edit {
                    return self.effects.push(Effect::Edit(d.path.clone(), d.line));
                }
                match super::nav::entity_at(&self.corpus, &d.path, d.line) {
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
            Action::NextPane => self.nav.cycle_pane(c, 1),
            Action::PrevPane => self.nav.cycle_pane(c, -1),
            Action::Open => self.open_selected(),
            Action::Back | Action::Forward => {
                let moved = if action == Action::Back { self.nav.back(c) } else { self.nav.forward(c) };
                match moved {
                    Ok(()) => self.mark_read(),
                    Err(why) => self.status = Some(why),
                }
            }
            Action::FocusPane(n) => {
                let pane =
                    [Pane::Briefings, Pane::Actors, Pane::Claims, Pane::Precedents][usize::from(n.clamp(1, 4)) - 1];
                if pane != Pane::Briefings && self.rows(pane).is_empty() {
                    return self.status = Some(format!("no {} in this briefing", pane.title().to_lowercase()));
                }
                self.nav.focus_pane(c, pane);
            }
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Cancel => self.zoomed = false,
            Action::Undo => self.status = Some(self.review.undo()),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Search => self.overlay = Overlay::Search(Finder::default()),
            Action::Problems => self.overlay = Overlay::Problems { selected: 0 },
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Copy => self.copy(),
            Action::ToggleReviewed | Action::ToggleFlagged | Action::Note => self.update_review(action),
            Action::NextUnreviewed => self.next_unreviewed(),
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
    fn jump(&mut self, to: EntityId) {
        self.nav.jump(&self.corpus, to);
        self.mark_read();
    }

    /// Opening a briefing makes it read.
    fn mark_read(&mut self) {
        let Some(open) = self.nav.open() else { return };
        if let Some(failed) = self.review.mark_read(&self.corpus.entity(open).id) {
            self.status = Some(failed);
        }
    }

    fn update_review(&mut self, action: Action) {
        let Some(id) = self.subject().map(|s| self.corpus.entity(s).id.clone()) else {
            return self.status = Some("nothing selected".into());
        };
        if action == Action::Note {
            let text = self.store().marks(&id).note.clone().unwrap_or_default();
            self.overlay = Overlay::Note(NoteEditor::new(id, text));
        } else {
            self.status = Some(self.review.toggle(&id, action));
        }
    }

    /// `u`: the next entity not yet reviewed, here and then in the briefings below.
    fn next_unreviewed(&mut self) {
        if self.corpus.briefings.is_empty() {
            return self.status = Some("nothing to review".into());
        }
        match review::next_unreviewed(&self.corpus, self.review.store(), self.nav.open(), self.subject()) {
            Some(next) => {
                self.nav.go(&self.corpus, next);
                self.mark_read();
            }
            None => self.status = Some("everything is reviewed".into()),
        }
    }

    fn copy(&mut self) {
        let Some(id) = self.subject() else { return };
        let text = super::outside::citation(&self.corpus, id);
        self.status = Some(format!("copied: {text}"));
        self.effects.push(Effect::Copy(text));
    }

    fn edit(&mut self) {
        let Some(id) = self.subject() else { return };
        let path = self.corpus.path_of(id).clone();
        self.effects.push(Effect::Edit(path, self.corpus.entity(id).pos.line));
    }
}
