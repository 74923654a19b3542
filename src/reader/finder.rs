//! The `/` finder: a query line over every entity. Matching runs on a worker
//! thread, so typing never waits on it; the newest query wins.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use super::input::InputLine;
use super::keys::Action;
use crate::model::EntityId;
use crate::search::{Hit, Index, Marks};

/// A search's answer: the best hits and how many matched, or why the query
/// is not valid.
pub type Answer = Result<crate::search::Answer, crate::search::FilterError>;

/// How many results the finder asks for.
pub const LIMIT: usize = 200;

#[derive(Debug, Default)]
pub struct Finder {
    query: InputLine,
    /// Results and the query they answer (it may lag what is typed).
    hits: Vec<Hit>,
    /// How many entities matched in all: more than `hits` when they were cut.
    matched: usize,
    answered: String,
    /// Why the query answered is not valid; the hits are the last good ones.
    error: Option<crate::search::FilterError>,
    selected: usize,
    /// The last query handed to the search thread.
    asked: Option<String>,
    /// Earlier queries, oldest first, and which one `↑` has put on the line.
    history: Vec<String>,
    recalled: Option<usize>,
    /// Enter came while the index was still coming: go once the answer is in.
    open_when_answered: bool,
}

/// What a key in the finder asks of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderOutcome {
    /// Still open.
    Stay,
    Close,
    /// Close and go to this entity.
    Jump(EntityId),
    /// Enter with nothing to go to: stay open and say so.
    NothingMatches,
    Quit,
}

impl Finder {
    /// A finder whose `↑` on an empty line recalls these queries, newest first.
    pub fn with_history(history: Vec<String>) -> Finder {
        Finder { history, ..Finder::default() }
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    pub fn input(&self) -> &InputLine {
        &self.query
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// How many entities the shown hits' query matched, shown or not.
    pub fn matched(&self) -> usize {
        self.matched
    }

    pub fn error(&self) -> Option<&crate::search::FilterError> {
        self.error.as_ref()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Whether Enter is waiting for the answer it came before ([`Finder::update`]).
    pub fn opens_when_answered(&self) -> bool {
        self.open_when_answered && !self.pending()
    }

    /// Whether the shown hits are stale for what is typed.
    pub fn pending(&self) -> bool {
        self.query.text() != self.answered
    }

    /// Takes the search thread's answer to `query`; a bad filter keeps the
    /// last good results on screen under what it says.
    pub fn take(&mut self, query: String, answer: Answer) {
        self.answered = query;
        match answer {
            Ok(answer) => (self.hits, self.matched, self.selected, self.error) = (answer.hits, answer.matched, 0, None),
            Err(why) => self.error = Some(why),
        }
    }

    /// Drops hits of a corpus that was replaced: they are asked for again.
    pub fn forget_hits(&mut self) {
        (self.hits, self.matched, self.answered, self.asked, self.error) = (Vec::new(), 0, String::new(), None, None);
    }

    /// The query the search thread should answer next, if it changed.
    pub fn query_to_run(&mut self) -> Option<String> {
        if self.pending() && self.asked.as_deref() != Some(self.query()) {
            self.asked = Some(self.query().to_string());
            return self.asked.clone();
        }
        None
    }

    /// Bracketed paste, already made one harmless line.
    pub fn paste(&mut self, line: &str) {
        self.recalled = None;
        self.query.insert(line);
    }

    /// `↑` on an empty line, and `↑` `↓` while a recalled query is unchanged,
    /// walk the history (as a shell does); true when the key was taken.
    fn recall(&mut self, action: Action) -> bool {
        let last = self.history.len().checked_sub(1);
        let next = match (action, self.recalled, last) {
            (_, _, None) => return false,
            (Action::Up, None, Some(last)) if self.query.text().is_empty() => Some(last),
            (Action::Up, Some(i), _) => Some(i.saturating_sub(1)),
            (Action::Down, Some(i), Some(last)) if i < last => Some(i + 1),
            (Action::Down, Some(_), _) => None,
            _ => return false,
        };
        let text = next.map(|i| self.history[i].clone()).unwrap_or_default();
        (self.query, self.recalled) = (InputLine::new(text, super::input::QUERY_CHARS), next);
        true
    }

    /// A key typed in the finder; `index` is `None` while it is still coming.
    pub fn update(&mut self, action: Action, index: Option<&Index>, marks: &Marks) -> FinderOutcome {
        // Any key, Enter again included, ends the wait for an answer.
        self.open_when_answered = false;
        if self.recall(action) {
            return FinderOutcome::Stay;
        }
        if self.query.edit(action) {
            self.recalled = None;
            return FinderOutcome::Stay;
        }
        match action {
            Action::Down => self.selected = (self.selected + 1).min(self.hits.len().saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Open => {
                // Enter never acts on stale results: answer the query now,
                // or once the index is here (the search thread answers then).
                if self.pending() {
                    let Some(index) = index else {
                        self.open_when_answered = true;
                        return FinderOutcome::Stay;
                    };
                    let answer = index.answer(self.query(), LIMIT, marks);
                    self.take(self.query().to_string(), answer);
                }
                if self.error.is_some() {
                    return FinderOutcome::Stay;
                }
                return match self.hits.get(self.selected) {
                    Some(hit) => FinderOutcome::Jump(hit.entity),
                    None => FinderOutcome::NothingMatches,
                };
            }
            Action::Cancel => return FinderOutcome::Close,
            Action::Quit => return FinderOutcome::Quit,
            _ => {}
        }
        FinderOutcome::Stay
    }
}

/// The search thread: queries (with the review marks of the moment) in,
/// `(query, answer)` out.
pub struct Worker {
    tx: Sender<(String, Arc<Marks>)>,
    pub rx: Receiver<(String, Answer)>,
}

impl Worker {
    /// Answers queries once `index` is here; those typed before it comes wait.
    pub fn start(index: crate::search::PendingIndex) -> Worker {
        let (tx, queries) = mpsc::channel::<(String, Arc<Marks>)>();
        let (results, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let index = index.wait();
            while let Ok(mut asked) = queries.recv() {
                // Only the newest of the queries typed meanwhile matters.
                while let Ok(newer) = queries.try_recv() {
                    asked = newer;
                }
                let (query, marks) = asked;
                let answer = index.answer(&query, LIMIT, &marks);
                if results.send((query, answer)).is_err() {
                    break;
                }
            }
        });
        Worker { tx, rx }
    }

    pub fn ask(&self, query: &str, marks: Arc<Marks>) {
        let _ = self.tx.send((query.to_string(), marks));
    }
}
