//! Review in the reader: marks and notes saved at once (and undone), the note
//! editor, and the order `u` walks. The file format lives in `state`; how marks
//! look lives in `ui::marks`.

use super::input::InputLine;
use super::keys::Action;
use crate::model::{Corpus, EntityId};
use crate::state::{Change, ReviewFile, Saw, StateError};
use crate::{fingerprint, reviewable};

/// The marks file as the reader changes it: each change saved at once, and
/// what undoes it kept, newest last.
pub struct Review {
    store: ReviewFile,
    /// What undoes each change, with the fingerprint to put back.
    undo: Vec<(Change, Saw, String)>,
}

impl Review {
    pub fn new(store: ReviewFile) -> Review {
        Review { store, undo: Vec::new() }
    }

    pub fn store(&self) -> &ReviewFile {
        &self.store
    }

    /// For the event loop to take changes other processes made to the marks.
    pub fn store_mut(&mut self) -> &mut ReviewFile {
        &mut self.store
    }

    /// `x` or `f` on `eid`; the footer's message. `x` on an entity changed
    /// since it was reviewed reviews it again, as it is now.
    pub fn toggle(&mut self, c: &Corpus, eid: EntityId, action: Action) -> String {
        let id = c.entity(eid).id.as_str();
        let m = self.store.marks(id);
        let item = reviewable::is_item(c.entity(eid).kind());
        let since = fingerprint::since_reviewed(c, &self.store, eid);
        let (change, done) = match action {
            Action::ToggleFlagged => {
                (Change::SetFlagged(id.into(), !m.flagged), if m.flagged { "unflagged" } else { "flagged" }.to_string())
            }
            // Sources and briefings are no review items; a mark made before
            // they were not can still be taken off.
            _ if !item && !m.reviewed => return not_an_item(c, &self.store, eid),
            _ if !item => (Change::SetReviewed(id.into(), false), "no longer reviewed".to_string()),
            _ if !since.is_empty() => (
                Change::SetReviewed(id.into(), true),
                format!("reviewed again as it is now (changed: {})", since.join(", ")),
            ),
            _ => (
                Change::SetReviewed(id.into(), !m.reviewed),
                if m.reviewed { "no longer reviewed" } else { "reviewed" }.to_string(),
            ),
        };
        self.change(change, Saw::Entity(fingerprint::of(c, eid)), &done)
    }

    /// Sets or (with `None`) removes a note; the footer's message.
    pub fn set_note(&mut self, c: &Corpus, id: String, note: Option<String>) -> String {
        let done = if note.is_some() { "note saved" } else { "note removed" };
        let saw = c.get(&id).map_or(Saw::Nothing, |e| Saw::Entity(fingerprint::of(c, e)));
        self.change(Change::SetNote(id, note), saw, done)
    }

    fn change(&mut self, change: Change, saw: Saw, done: &str) -> String {
        let id = change.id().to_string();
        let m = self.store.marks(&id).clone();
        let before = self.store.seen(&id).cloned().map_or(Saw::Nothing, Saw::Entity);
        let inverse = match &change {
            Change::SetReviewed(..) => Change::SetReviewed(id.clone(), m.reviewed),
            Change::SetFlagged(..) => Change::SetFlagged(id.clone(), m.flagged),
            Change::SetRating(_, h, _) => Change::SetRating(id.clone(), h.clone(), self.store.rating(&id, h)),
            Change::SetRelevance(..) => Change::SetRelevance(id.clone(), self.store.relevance(&id)),
            _ => Change::SetNote(id.clone(), m.note),
        };
        match self.store.apply_seen(change, saw) {
            Ok(()) => {
                self.undo.push((inverse, before, format!("{done} on {id}")));
                self.store.take_notice().unwrap_or_else(|| done.to_string())
            }
            Err(e) => e.to_string(),
        }
    }

    /// A claim's rating against a hypothesis (`None` clears it), undoable; the footer's message.
    pub fn rate(&mut self, claim: &str, hypothesis: &str, rating: Option<crate::ach::Rating>) -> String {
        let done = match rating {
            Some(r) => format!("rated {} against {hypothesis}", r.as_str()),
            None => format!("rating against {hypothesis} cleared"),
        };
        self.change(Change::SetRating(claim.into(), hypothesis.into(), rating), Saw::Nothing, &done)
    }

    /// A claim's relevance, undoable; the footer's message.
    pub fn set_relevance(&mut self, claim: &str, level: crate::ach::Level) -> String {
        let done = format!("relevance {}", level.as_str());
        self.change(Change::SetRelevance(claim.into(), level), Saw::Nothing, &done)
    }

    /// `U`: takes back the last mark or note change made here; the footer's message.
    pub fn undo(&mut self) -> String {
        let Some((inverse, saw, what)) = self.undo.pop() else { return "nothing to undo".into() };
        match self.store.apply_seen(inverse, saw) {
            Ok(()) => format!("undone: {what}"),
            Err(e) => e.to_string(),
        }
    }

    /// Opening a briefing makes it read, as it is now; a message only when that failed.
    pub fn mark_read(&mut self, c: &Corpus, b: EntityId) -> Option<String> {
        let saw = Saw::Briefing(fingerprint::briefing(c, b));
        match self.store.apply_seen(Change::MarkRead(c.entity(b).id.clone()), saw) {
            Err(StateError::ReadOnly { .. }) | Ok(()) => None,
            Err(e) => Some(e.to_string()),
        }
    }
}

/// Why `x` marks nothing on a source or a briefing.
fn not_an_item(c: &Corpus, store: &ReviewFile, eid: EntityId) -> String {
    let what = "x reviews actors, claims and precedents";
    match c.entity(eid).kind() {
        crate::Kind::Briefing => {
            let (done, of) = reviewable::progress(c, store, eid);
            format!("a briefing is reviewed when all it defines is ({done}/{of}): {what}; u goes to the next left")
        }
        kind => format!("a {} is not reviewed itself: {what} (f flags it)", kind.as_str()),
    }
}

/// The note editor: the entity's id and the text being written.
#[derive(Debug, Default)]
pub struct NoteEditor {
    id: String,
    text: InputLine,
}

/// What a key in the note editor asks of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOutcome {
    /// Still open.
    Stay,
    /// Closed without a change.
    Cancel,
    /// Closed: set this entity's note (`None` removes it).
    Save {
        id: String,
        note: Option<String>,
    },
    Quit,
}

impl NoteEditor {
    pub fn new(id: String, text: String) -> NoteEditor {
        NoteEditor { id, text: InputLine::new(text, crate::state::MAX_NOTE_CHARS) }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn input(&self) -> &InputLine {
        &self.text
    }

    /// Bracketed paste, already made harmless; its line breaks are kept.
    pub fn paste(&mut self, text: &str) {
        self.text.insert(text);
    }

    pub fn update(&mut self, action: Action) -> NoteOutcome {
        if self.text.edit(action) {
            return NoteOutcome::Stay;
        }
        match action {
            Action::NewLine => {
                self.text.insert("\n");
                NoteOutcome::Stay
            }
            Action::Open => {
                let (id, text) = (std::mem::take(&mut self.id), self.text.take());
                NoteOutcome::Save { id, note: Some(text).filter(|t| !t.trim().is_empty()) }
            }
            Action::Cancel => NoteOutcome::Cancel,
            Action::Quit => NoteOutcome::Quit,
            _ => NoteOutcome::Stay,
        }
    }
}

/// `u`: the next review item changed since it was reviewed, else the next
/// not reviewed, after `current` in the `open` briefing, then in the
/// briefings below it, wrapping round (what can be reviewed: `crate::reviewable`).
pub fn next_unreviewed(
    c: &Corpus,
    store: &ReviewFile,
    open: Option<EntityId>,
    current: Option<EntityId>,
) -> Option<EntityId> {
    let changed = |e: EntityId| !fingerprint::since_reviewed(c, store, e).is_empty();
    let unreviewed = |e: EntityId| !reviewable::done(c, store, e);
    walk(c, open, current, changed).or_else(|| walk(c, open, current, unreviewed))
}

/// The first review item after `current` that `pick` takes, in review order.
fn walk(
    c: &Corpus,
    open: Option<EntityId>,
    current: Option<EntityId>,
    pick: impl Fn(EntityId) -> bool,
) -> Option<EntityId> {
    let list = &c.briefings;
    let start = open.and_then(|o| list.iter().position(|b| *b == o)).unwrap_or(0);
    (0..=list.len()).find_map(|step| {
        let briefing = list[(start + step) % list.len()];
        let order = reviewable::items(c, briefing);
        let from = match (step, current.and_then(|c| order.iter().position(|e| *e == c))) {
            (0, Some(at)) => at + 1,
            _ => 0,
        };
        order.into_iter().skip(from).find(|&e| pick(e))
    })
}
