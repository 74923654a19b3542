//! The reader's state and `update`: no terminal in here, so tests can drive
//! it with key sequences and assert on what a person would see.

use std::sync::Arc;

use super::finder::Finder;
use super::history::JumpList;
use super::keys::{Action, Mode};
use super::link_rows::{LinkRow, link_rows};
use super::review::NoteEditor;
use crate::model::{Body, Corpus, EntityId, Kind};
use crate::search::Index;
use crate::state::ReviewFile;

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

    pub(super) fn for_kind(kind: Kind) -> Option<Pane> {
        match kind {
            Kind::Actor => Some(Pane::Actors),
            Kind::Claim => Some(Pane::Claims),
            Kind::Precedent => Some(Pane::Precedents),
            Kind::Briefing | Kind::Source => None,
        }
    }

    pub(super) fn slot(self) -> usize {
        Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Work for the event loop that reaches outside the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Open this file in the editor at this line.
    Edit(std::path::PathBuf, u32),
}

#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Search(Finder),
    Help {
        scroll: usize,
    },
    Problems {
        selected: usize,
    },
    Note(NoteEditor),
}

pub struct App {
    pub corpus: Arc<Corpus>,
    pub index: Arc<Index>,
    /// The last query handed to the search thread.
    pub asked: Option<String>,
    /// Marks, notes and read briefings.
    pub store: ReviewFile,
    /// `(files parsed, files found)` while the folder is loading.
    pub loading: Option<(usize, usize)>,
    pub focus: Pane,
    /// The entity pane shown when the focus is elsewhere (the tab on a small screen).
    pub entity_pane: Pane,
    /// Selected row per pane, by `Pane::slot`.
    pub selected: [usize; 5],
    pub open: Option<EntityId>,
    /// What the detail view shows.
    pub subject: Option<EntityId>,
    pub overlay: Overlay,
    pub history: JumpList,
    pub status: Option<String>,
    /// Rows a page moves: the focused pane's height as last drawn (layout feedback from render).
    pub page: std::cell::Cell<usize>,
    /// Lines the detail view is scrolled down by.
    pub detail_scroll: usize,
    /// After `PgUp`/`PgDn` the detail view scrolls freely; `j`/`k` bring the selected link back.
    pub detail_free: bool,
    /// The furthest the detail view can scroll, as last drawn: layout feedback
    /// from render, so paging never runs past the end.
    pub detail_max: std::cell::Cell<usize>,
    /// The same for the help overlay.
    pub help_max: std::cell::Cell<usize>,
    /// Why the folder could not be read, if it could not.
    pub load_error: Option<String>,
    pub quit: bool,
    pub suspend: bool,
    pub effects: Vec<Effect>,
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
            asked: None,
            store: ReviewFile::detached(),
            loading: None,
            focus: Pane::Briefings,
            entity_pane: Pane::Claims,
            selected: [0; 5],
            open: None,
            subject: None,
            overlay: Overlay::None,
            history: JumpList::default(),
            status: None,
            page: std::cell::Cell::new(10),
            detail_scroll: 0,
            detail_free: false,
            detail_max: std::cell::Cell::new(usize::MAX),
            help_max: std::cell::Cell::new(usize::MAX),
            load_error: None,
            quit: false,
            suspend: false,
            effects: Vec::new(),
        };
        app.set_corpus(corpus, index);
        app
    }

    /// Takes a newly loaded corpus and its index, keeping the place by id.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>, index: Arc<Index>) {
        let id_of = |app: &App, e: Option<EntityId>| e.and_then(|e| app.corpus.entities.get(e)).map(|e| e.id.clone());
        let open = id_of(self, self.open);
        let subject = id_of(self, self.subject);
        let rows: Vec<Option<String>> = Pane::ORDER.iter().map(|p| id_of(self, self.selected_in(*p))).collect();
        (self.corpus, self.index, self.loading, self.subject) = (corpus, index, None, None);
        if let Overlay::Search(f) = &mut self.overlay {
            // Old hits name entities of the old corpus: ask again.
            (f.hits, f.answered, self.asked) = (Vec::new(), String::new(), None);
        }
        let get = |id: &Option<String>| id.as_deref().and_then(|id| self.corpus.get(id));
        self.open =
            get(&open).filter(|b| self.corpus.briefing(*b).is_some()).or(self.corpus.briefings.first().copied());
        for (pane, id) in Pane::ORDER.into_iter().zip(&rows).filter(|(p, _)| *p != Pane::Detail) {
            // The same entity where it still is; else the same row, kept in range.
            let at = get(id).and_then(|e| self.rows(pane).iter().position(|r| *r == e));
            let len = self.len(pane);
            let slot = &mut self.selected[pane.slot()];
            *slot = at.unwrap_or(*slot).min(len.saturating_sub(1));
        }
        self.subject = get(&subject).filter(|_| self.focus == Pane::Detail);
        if self.subject.is_none() {
            self.sync_subject();
        }
        let links = self.detail_links().len();
        let slot = &mut self.selected[Pane::Detail.slot()];
        *slot = (*slot).min(links.saturating_sub(1));
    }

    pub fn fail_loading(&mut self, error: String) {
        self.loading = None;
        self.load_error = Some(error);
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Search(_) => Mode::Search,
            Overlay::Help { .. } | Overlay::Problems { .. } => Mode::Help,
            Overlay::Note(_) => Mode::Note,
        }
    }

    /// The rows of a pane, as entity ids.
    pub fn rows(&self, pane: Pane) -> &[EntityId] {
        let b = self.open.and_then(|o| self.corpus.briefing(o));
        match (pane, b) {
            (Pane::Briefings, _) => &self.corpus.briefings,
            (Pane::Actors, Some(b)) => &b.actors,
            (Pane::Claims, Some(b)) => &b.claims,
            (Pane::Precedents, Some(b)) => &b.precedents,
            _ => &[],
        }
    }

    pub fn selected_in(&self, pane: Pane) -> Option<EntityId> {
        self.rows(pane).get(self.selected[pane.slot()]).copied()
    }

    pub fn selection(&self, pane: Pane) -> usize {
        self.selected[pane.slot()]
    }

    pub fn detail_links(&self) -> Vec<LinkRow> {
        self.subject.map(|s| link_rows(&self.corpus, s)).unwrap_or_default()
    }

    fn len(&self, pane: Pane) -> usize {
        if pane == Pane::Detail { self.detail_links().len() } else { self.rows(pane).len() }
    }

    pub fn update(&mut self, action: Action) {
        self.status = None;
        match self.overlay {
            Overlay::None => self.update_normal(action),
            Overlay::Search(_) => self.update_finder(action),
            Overlay::Note(_) => self.update_note(action),
            _ => self.update_overlay(action),
        }
    }

    fn update_overlay(&mut self, action: Action) {
        let count = match self.overlay {
            Overlay::Problems { .. } => self.corpus.diagnostics.len(),
            _ => self.help_max.get().saturating_add(1),
        };
        match (&mut self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (_, Action::Cancel) => self.overlay = Overlay::None,
            (Overlay::Help { scroll: n } | Overlay::Problems { selected: n }, Action::Down) => {
                *n = (*n + 1).min(count.saturating_sub(1));
            }
            (Overlay::Help { scroll: n } | Overlay::Problems { selected: n }, Action::Up) => *n = n.saturating_sub(1),
            _ => {}
        }
    }

    fn update_normal(&mut self, action: Action) {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown | Action::PageUp if self.focus == Pane::Detail => {
                let page = self.page.get();
                self.detail_free = true;
                self.detail_scroll = if action == Action::PageDown {
                    (self.detail_scroll + page).min(self.detail_max.get())
                } else {
                    self.detail_scroll.saturating_sub(page)
                };
            }
            Action::PageDown => self.move_by(self.page.get() as isize),
            Action::PageUp => self.move_by(-(self.page.get() as isize)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::Open => self.open_selected(),
            Action::Back => self.back(),
            Action::Forward => self.forward(),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Search => {
                self.asked = None;
                self.overlay = Overlay::Search(Finder::default());
            }
            Action::Problems => self.overlay = Overlay::Problems { selected: 0 },
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::Copy => self.copy(),
            Action::ToggleReviewed | Action::ToggleFlagged | Action::Note => self.update_review(action),
            Action::NextUnreviewed => self.next_unreviewed(),
            Action::Edit => self.edit(),
            _ => {}
        }
    }

    fn move_by(&mut self, delta: isize) {
        self.detail_free = false;
        let len = self.len(self.focus);
        let slot = &mut self.selected[self.focus.slot()];
        *slot = (*slot as isize).saturating_add(delta).clamp(0, len.saturating_sub(1) as isize) as usize;
        self.sync_subject();
    }

    /// Tab order: briefings, then the entity panes that have rows, then detail.
    fn cycle_pane(&mut self, step: isize) {
        let usable: Vec<Pane> =
            Pane::ORDER.into_iter().filter(|p| !Pane::ENTITY.contains(p) || !self.rows(*p).is_empty()).collect();
        let at = usable.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let next = usable[(at + step).rem_euclid(usable.len() as isize) as usize];
        self.focus_pane(next);
    }

    pub(super) fn focus_pane(&mut self, pane: Pane) {
        self.focus = pane;
        if Pane::ENTITY.contains(&pane) {
            self.entity_pane = pane;
        }
        self.detail_scroll = 0;
        if pane == Pane::Detail {
            self.selected[Pane::Detail.slot()] = 0;
        } else {
            self.sync_subject();
        }
    }

    /// The detail view follows the selection, except while it has the focus.
    fn sync_subject(&mut self) {
        if self.focus != Pane::Detail {
            self.detail_scroll = 0;
        }
        self.subject = match self.focus {
            Pane::Detail if self.subject.is_some() => return,
            Pane::Detail => self.selected_in(self.entity_pane),
            Pane::Briefings => self.selected_in(Pane::Briefings),
            _ => self.selected_in(self.focus),
        };
        if self.focus == Pane::Briefings && self.subject.is_none() {
            self.subject = self.open;
        }
    }

    fn open_selected(&mut self) {
        match self.focus {
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
                if self.subject.is_some() {
                    self.focus_pane(Pane::Detail);
                }
            }
        }
    }

    fn copy(&mut self) {
        let Some(id) = self.subject else { return };
        let text = super::outside::citation(&self.corpus, id);
        self.status = Some(format!("copied: {text}"));
        self.effects.push(Effect::Copy(text));
    }

    fn edit(&mut self) {
        let Some(id) = self.subject else { return };
        let path = self.corpus.path_of(id).clone();
        self.effects.push(Effect::Edit(path, self.corpus.entity(id).pos.line));
    }

    /// The open briefing's body, if any.
    pub fn open_briefing(&self) -> Option<(&crate::model::Entity, &crate::model::Briefing)> {
        let e = self.corpus.entities.get(self.open?)?;
        match &e.body {
            Body::Briefing(b) => Some((e, b)),
            _ => None,
        }
    }
}
