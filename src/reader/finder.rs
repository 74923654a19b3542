//! The `/` finder: a query line over every entity. Matching runs on a worker
//! thread, so typing never waits on it; the newest query wins.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use super::app::{App, Overlay};
use super::keys::{Action, edit_line};
use crate::search::{Hit, Index};

/// How many results the finder asks for.
pub const LIMIT: usize = 200;

#[derive(Debug, Default)]
pub struct Finder {
    pub query: String,
    /// Results and the query they answer (it may lag what is typed).
    pub hits: Vec<Hit>,
    pub answered: String,
    pub selected: usize,
}

impl Finder {
    /// Whether the shown hits are stale for what is typed.
    pub fn pending(&self) -> bool {
        self.query != self.answered
    }

    pub fn take(&mut self, query: String, hits: Vec<Hit>) {
        self.answered = query;
        self.hits = hits;
        self.selected = 0;
    }
}

/// The search thread: queries in, `(query, hits)` out.
pub struct Worker {
    tx: Sender<String>,
    pub rx: Receiver<(String, Vec<Hit>)>,
}

impl Worker {
    pub fn start(index: Arc<Index>) -> Worker {
        let (tx, queries) = mpsc::channel::<String>();
        let (results, rx) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(mut query) = queries.recv() {
                // Only the newest of the queries typed meanwhile matters.
                while let Ok(newer) = queries.try_recv() {
                    query = newer;
                }
                let hits = index.search(&query, LIMIT);
                if results.send((query, hits)).is_err() {
                    break;
                }
            }
        });
        Worker { tx, rx }
    }

    pub fn ask(&self, query: &str) {
        let _ = self.tx.send(query.to_string());
    }
}

impl App {
    pub fn finder(&self) -> Option<&Finder> {
        match &self.overlay {
            Overlay::Search(f) => Some(f),
            _ => None,
        }
    }

    /// The query the search thread should answer next, if it changed.
    pub fn query_to_run(&mut self) -> Option<String> {
        let Overlay::Search(f) = &mut self.overlay else { return None };
        if f.pending() && self.asked.as_deref() != Some(f.query.as_str()) {
            self.asked = Some(f.query.clone());
            return self.asked.clone();
        }
        None
    }

    pub fn take_hits(&mut self, query: String, hits: Vec<Hit>) {
        if let Overlay::Search(f) = &mut self.overlay {
            f.take(query, hits);
        }
    }

    pub(super) fn update_finder(&mut self, action: Action) {
        let Overlay::Search(f) = &mut self.overlay else { return };
        if edit_line(&mut f.query, action) {
            return;
        }
        match action {
            Action::Down => f.selected = (f.selected + 1).min(f.hits.len().saturating_sub(1)),
            Action::Up => f.selected = f.selected.saturating_sub(1),
            Action::Open => {
                // Enter never acts on stale results: answer the query now.
                if f.pending() {
                    let hits = self.index.search(&f.query, LIMIT);
                    f.take(f.query.clone(), hits);
                }
                match f.hits.get(f.selected).map(|h| h.entity) {
                    Some(to) => {
                        self.overlay = Overlay::None;
                        self.jump(to);
                    }
                    None => self.status = Some("nothing matches".into()),
                }
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }
}
