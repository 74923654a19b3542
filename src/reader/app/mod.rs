//! The reader's state and `update`: no terminal in here, so tests can drive
//! it with key sequences and assert on what a person would see. Every field
//! is private: the event loop and `ui` read through the methods below, and
//! what `App` asks of the world goes out as an `Effect`.

mod matrix;
mod read;
mod screens;
mod update;
mod views;

pub use screens::Screen;

use std::sync::Arc;

use super::keys::Mode;
use super::nav::Nav;
pub use super::nav::Pane;
pub use super::overlay::Overlay;
use super::queries::Queries;
use super::review::Review;
use super::viewport::Viewport;
use crate::model::{Corpus, EntityId};
use crate::search::{Index, Marks};
use crate::state::ReviewFile;

/// The briefings updated since read, and the `(corpus, state generation)` they are of.
type Updated = ((u64, u64), Arc<std::collections::HashSet<EntityId>>);

/// Where the reader starts, from the command line: `brief ID`, `brief /QUERY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Id(String),
    Query(String),
    /// Where the last session quit; nothing is said when it is gone.
    Resume(crate::reader::history::Place),
}

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
    /// Which corpus this is, counting from the first: what is worked out from
    /// a corpus is kept under this, never under its address (a new corpus can
    /// be allocated where a freed one was).
    generation: u64,
    index: crate::search::PendingIndex,
    /// Marks, notes and read briefings.
    review: Review,
    /// `(files parsed, files found)` while the folder is loading.
    loading: Option<(usize, usize)>,
    /// Why the folder could not be read, if it could not.
    load_error: Option<String>,
    /// The status says the folder went away; a good load clears it.
    folder_unreadable: bool,
    /// A TLP:RED entity that `y` was pressed on once: a second `y` copies it.
    confirm_copy: Option<EntityId>,
    /// The last search gone to from the finder: its query, its matches,
    /// which one is shown, and whether they were cut to the best, for `n` and `N`.
    last_search: Option<(String, Vec<EntityId>, usize, bool)>,
    /// Where to go once the folder is loaded.
    start: Option<Start>,
    /// The finder's query history.
    queries: Queries,
    nav: Nav,
    overlay: Overlay,
    /// The footer's message, until the next key.
    status: Option<String>,
    /// What the last frame laid out.
    viewport: Viewport,
    /// The focused pane or the detail view has the whole screen.
    zoomed: bool,
    /// The briefing list is hidden; the open briefing has the width.
    sidebar_hidden: bool,
    effects: Vec<Effect>,
    /// The keys in force: the defaults, or as the config file remaps them.
    keymap: super::keymap::Keymap,
    /// The briefings, or a view over the whole folder.
    screen: Screen,
    /// The view an entity was opened from, and the place it opened: `Back`
    /// from that place returns to the view.
    came_from: Option<(Screen, Option<crate::reader::history::Place>)>,
    /// The read briefings changed since they were opened, worked out once
    /// per corpus and state (not per frame): `(corpus, state generation)`.
    updated: std::cell::RefCell<Option<Updated>>,
    /// When and by whom git says the entity last changed: `(id, answer)`.
    last_change: Option<(String, Option<crate::git::Commit>)>,
    /// The other analysts' marks, under shared review.
    team: Option<crate::team::Team>,
    /// Named filters: the config file's `[views]`, else a few of brief's own.
    views: Vec<(String, String)>,
    /// The marks the filters last read, and the state generation they are of.
    marks: (Option<(u64, u64)>, Arc<Marks>),
}

impl App {
    /// An app over `corpus`, building its search index here.
    pub fn new(corpus: Arc<Corpus>) -> App {
        let index = crate::search::ready(Index::build(&corpus));
        App::with_index(corpus, index)
    }

    pub fn with_index(corpus: Arc<Corpus>, index: crate::search::PendingIndex) -> App {
        let mut app = App {
            corpus: Arc::new(Corpus::default()),
            generation: 0,
            index: Arc::clone(&index),
            review: Review::new(ReviewFile::detached()),
            loading: None,
            load_error: None,
            folder_unreadable: false,
            confirm_copy: None,
            last_search: None,
            start: None,
            queries: Queries::default(),
            nav: Nav::default(),
            overlay: Overlay::None,
            status: None,
            viewport: Viewport::default(),
            zoomed: false,
            sidebar_hidden: false,
            effects: Vec::new(),
            keymap: super::keymap::Keymap::default(),
            marks: (None, Arc::default()),
            views: views::default_views(),
            screen: Screen::Main,
            team: None,
            last_change: None,
            updated: std::cell::RefCell::new(None),
            came_from: None,
        };
        app.set_corpus(corpus, index);
        app
    }

    /// Takes a newly loaded corpus and its index (which may still be coming:
    /// what needs it waits), keeping the place by id.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, index: crate::search::PendingIndex) {
        if std::mem::take(&mut self.folder_unreadable) {
            self.status = None;
        }
        // The filter, worked out again over what was loaded.
        let marks = self.marks();
        let filter = self
            .nav
            .filter()
            .map(|f| f.query.clone())
            .and_then(|q| super::filtered::Filtered::new(&corpus, index.wait(), &q, &marks).ok().map(Arc::new));
        let said = self.nav.carry_over(&self.corpus, &corpus, filter);
        if let Some(said) = said.or_else(|| super::nav::stale_news(&self.corpus, &corpus)) {
            self.status = Some(said);
        }
        self.came_from = None;
        if let Screen::Pairs(view) = &self.screen {
            let keeps = |e: EntityId| self.nav.filter().is_none_or(|f| f.keeps.get(e).copied().unwrap_or(false));
            let mut next = crate::reader::pairs::PairsView::new(&corpus, view.with_supports, keeps);
            next.selected = view.selected.min(next.pairs.len().saturating_sub(1));
            self.screen = Screen::Pairs(next);
        }
        if let Screen::Timeline(view) = &self.screen {
            let keeps = |e: EntityId| self.nav.filter().is_none_or(|f| f.keeps.get(e).copied().unwrap_or(false));
            let mut next = crate::reader::timeline::TimelineView::new(&corpus, keeps);
            next.selected = view.selected.min(next.items.len().saturating_sub(1));
            self.screen = Screen::Timeline(next);
        }
        let matrix = match &self.screen {
            Screen::Matrix(view) => Some(self.matrix_place(view)),
            _ => None,
        };
        // Its matches, by id: those still in the folder, `n` going on from the
        // last one gone to (a first start's second read, from its snapshot,
        // is the same folder; so is a reload after an edit elsewhere).
        self.last_search = self.last_search.take().map(|(query, matches, at, cut)| {
            let kept: Vec<(usize, EntityId)> = (matches.iter().enumerate())
                .filter_map(|(i, &e)| corpus.find(&self.corpus.entities[e].id).map(|now| (i, now)))
                .collect();
            let at = kept.iter().rposition(|&(i, _)| i <= at).unwrap_or(0);
            (query, kept.into_iter().map(|(_, e)| e).collect(), at, cut)
        });
        (self.corpus, self.index, self.loading, self.load_error) = (corpus, index, None, None);
        if let Some(place) = matrix {
            self.matrix_again(&place);
        }
        self.generation += 1;
        if !self.corpus.files.is_empty()
            && let Some(start) = self.start.take()
        {
            self.go_to_start(start);
        }
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

    /// Goes to `start` as soon as a folder with files is loaded (at once if one is).
    pub fn start_at(&mut self, start: Start) {
        if self.corpus.files.is_empty() {
            self.start = Some(start);
        } else {
            self.go_to_start(start);
        }
    }

    pub fn set_queries(&mut self, queries: Queries) {
        self.queries = queries;
    }

    /// Whether `b`, a briefing read before, changed since it was last opened.
    pub fn updated_since_read(&self, b: EntityId) -> bool {
        let key = (self.generation, self.store().generation());
        let mut cached = self.updated.borrow_mut();
        if cached.as_ref().is_none_or(|(k, _)| *k != key) {
            let c = &self.corpus;
            let updated =
                c.briefings.iter().copied().filter(|&b| crate::fingerprint::updated_since_read(c, self.store(), b));
            *cached = Some((key, Arc::new(updated.collect())));
        }
        cached.as_ref().is_some_and(|(_, set)| set.contains(&b))
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

    /// The query the search thread should answer next, if it changed.
    pub fn query_to_run(&mut self) -> Option<String> {
        let Overlay::Search(f) = &mut self.overlay else { return None };
        f.query_to_run()
    }

    pub fn take_hits(&mut self, query: String, answer: super::finder::Answer) {
        if let Overlay::Search(f) = &mut self.overlay {
            f.take(query, answer);
            if f.opens_when_answered() {
                self.update(super::keys::Action::Open);
            }
        }
    }

    /// Bracketed paste into the note editor (line breaks kept) or the finder
    /// (made one line), each made harmless.
    pub fn paste(&mut self, text: &str) {
        match &mut self.overlay {
            Overlay::Note(editor) => {
                let lines: Vec<_> = text.lines().map(crate::text::sanitize_line).collect();
                editor.paste(&lines.join("\n"));
            }
            Overlay::Search(finder) => finder.paste(&crate::text::sanitize_line(text)),
            _ => {}
        }
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => self.screen.mode(),
            Overlay::Search(_) => Mode::Search,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Problems { .. } => Mode::Problems,
            Overlay::Note(_) => Mode::Note,
            Overlay::Filter(_) => Mode::Filter,
            Overlay::Views { .. } => Mode::Views,
        }
    }

    /// The shown briefing's body (the open one, or the list's preview), if any.
    pub fn shown_briefing(&self) -> Option<(&crate::model::Entity, &crate::model::Briefing)> {
        let id = self.shown()?;
        Some((self.corpus.entities.get(id)?, self.corpus.briefing(id)?))
    }
}
