//! What the screen and the loop read of the app: accessors that change
//! nothing (and the keymap, set once).

use std::sync::Arc;

use super::{App, Overlay, Screen};
use crate::model::{Corpus, EntityId};
use crate::reader::finder::Finder;
use crate::reader::keymap;
use crate::reader::link_rows::LinkRow;
use crate::reader::nav::{Nav, Pane};
use crate::reader::viewport::Viewport;
use crate::search::Index;
use crate::state::ReviewFile;

impl App {
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The corpus shown, for a reload to keep what no longer parses from.
    pub fn shared_corpus(&self) -> Arc<Corpus> {
        Arc::clone(&self.corpus)
    }

    /// The search index; waits for it while it is still coming.
    pub fn index(&self) -> &Index {
        self.index.wait()
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

    /// The open briefing and the selected entity, by id, to resume at.
    pub fn place(&self) -> Option<crate::reader::history::Place> {
        self.nav.place(&self.corpus)
    }

    pub fn sidebar_hidden(&self) -> bool {
        self.sidebar_hidden
    }

    pub fn keymap(&self) -> &keymap::Keymap {
        &self.keymap
    }

    /// Takes the config file's keys; `notice`, when given, goes in the footer.
    pub fn set_keymap(&mut self, keymap: keymap::Keymap, notice: Option<String>) {
        self.keymap = keymap;
        if notice.is_some() {
            self.status = notice;
        }
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

    /// The briefing drawn on the right: the open one, or the list's preview.
    pub fn shown(&self) -> Option<EntityId> {
        self.nav.shown(&self.corpus)
    }

    /// The list cursor is on a briefing that is not the open one.
    pub fn previewing(&self) -> bool {
        self.nav.previewing(&self.corpus)
    }

    /// What the marks, the note, `y` and `e` act on: the selection, or in a
    /// view its focused entity.
    pub fn subject(&self) -> Option<EntityId> {
        match &self.screen {
            Screen::Main => self.nav.subject(),
            Screen::Matrix(_) => self.matrix_subject(),
            view => view.focused(),
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn rows(&self, pane: Pane) -> &[EntityId] {
        self.nav.rows(&self.corpus, pane)
    }

    pub fn selected_in(&self, pane: Pane) -> Option<EntityId> {
        self.nav.selected_in(&self.corpus, pane)
    }

    pub fn selection(&self, pane: Pane) -> usize {
        self.nav.selection(&self.corpus, pane)
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
}
