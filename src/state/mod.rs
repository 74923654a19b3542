//! Review state: marks, notes and read briefings, in one TOML file keyed by
//! entity id, shared safely by readers running at once. No terminal here.
//!
//! Every change locks a sibling `.lock` file (for a review file in a team's
//! folder, the folder itself), re-reads the file, applies only that change
//! and atomically replaces it, so two readers never lose each other's marks.
//! See docs/STATE.md for the file format.

mod damage;
mod disk;
mod doc;
mod fast;
mod format;
mod path;
mod shared;
mod view;

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use format::{MAX_NOTE_CHARS, Saw, Seen, VERSION, clean_note, datetime_from_unix};
pub use path::{default_path, path_from, private_path, private_path_from};

use format::{Doc, Parsed};

/// An entity's review marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mark {
    pub reviewed: bool,
    pub flagged: bool,
    pub note: Option<String>,
}

const NO_MARK: Mark = Mark { reviewed: false, flagged: false, note: None };

/// One change a reader makes. Values are explicit, computed from what the
/// user saw, so a stale reader's toggle cannot undo another's fresh one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    SetReviewed(String, bool),
    SetFlagged(String, bool),
    /// `None` or a blank note removes it.
    SetNote(String, Option<String>),
    /// A briefing was opened; the first time is kept.
    MarkRead(String),
    /// A claim's ACH rating against a hypothesis (claim, hypothesis); `None` clears it.
    SetRating(String, String, Option<crate::ach::Rating>),
    /// A claim's relevance in ACH; medium (the default) is stored as nothing.
    SetRelevance(String, crate::ach::Level),
}

impl Change {
    pub fn id(&self) -> &str {
        match self {
            Change::SetReviewed(id, _)
            | Change::SetFlagged(id, _)
            | Change::SetNote(id, _)
            | Change::MarkRead(id)
            | Change::SetRating(id, ..)
            | Change::SetRelevance(id, _) => id,
        }
    }
}

/// Why a change was not saved; the message is for the user as it stands.
#[derive(Debug, Error)]
pub enum StateError {
    #[error("the state file {} is from a newer brief (schema version {version}; this one knows {VERSION}); marks are read-only until you upgrade", shown(.path))]
    Newer { path: PathBuf, version: i64 },
    #[error("review state is read-only here ({why})")]
    ReadOnly { why: String },
    #[error("the state file {} is locked by another brief; try again", shown(.path))]
    Busy { path: PathBuf },
    #[error("'{id}' is not an entity id; marks were not saved")]
    BadId { id: String },
    #[error("cannot save review state to {}: {source}", shown(.path))]
    Io { path: PathBuf, source: io::Error },
    #[error("the state file {} would grow past its limit of {} bytes; the change was not saved", shown(.path), disk::MAX_BYTES)]
    TooLarge { path: PathBuf },
}

/// The review state as this reader last saw it, and the file it lives in.
#[derive(Debug)]
pub struct ReviewFile {
    path: PathBuf,
    doc: Doc,
    /// False for [`ReviewFile::inspect`], which never writes or moves anything.
    writer: bool,
    /// The newer schema version found, if the file is from a newer brief.
    newer: Option<i64>,
    stamp: Option<disk::Stamp>,
    notice: Option<String>,
    /// Counts every read of the file and every change saved, so a view knows
    /// to redraw, and the filters to read the marks again.
    generation: u64,
    /// Reached through a symlink: a target that is not a state file is never moved aside or replaced.
    linked: bool,
    /// A symlink brief would not follow, or a target that is not a state file; why, for the user.
    refused: Option<String>,
    /// Set once when the path is a symlink brief does not follow (see [`path::resolve`]).
    unfollowed: Option<String>,
    /// In a team's shared folder: never through a link, locked by its folder, never moved aside.
    shared: bool,
    /// Where read state goes when this file holds marks only (shared review:
    /// marks in the team's folder, read state private).
    reads: Option<Box<ReviewFile>>,
}

impl ReviewFile {
    /// Opens the state file for the reader. Never fails: a missing file is an
    /// empty store; a damaged one is moved aside and the store starts clean; a
    /// newer one is shown read-only. The message, if any, is for the user.
    pub fn open(path: impl Into<PathBuf>) -> (ReviewFile, Option<String>) {
        ReviewFile::start(path.into(), true)
    }

    /// Opens the state file for looking only (`brief show`, `brief check`):
    /// never writes, locks or moves anything; a damaged file reads as empty.
    pub fn inspect(path: impl Into<PathBuf>) -> (ReviewFile, Option<String>) {
        ReviewFile::start(path.into(), false)
    }

    /// [`ReviewFile::inspect`] on [`private_path`]; without one, an empty store and why.
    pub fn inspect_default() -> (ReviewFile, Option<String>) {
        match private_path() {
            Ok(p) => ReviewFile::inspect(p),
            Err(why) => (ReviewFile::detached(), Some(why)),
        }
    }

    /// An empty store tied to no file; every change is refused.
    pub fn detached() -> ReviewFile {
        ReviewFile {
            path: PathBuf::new(),
            doc: Doc::default(),
            writer: false,
            newer: None,
            stamp: None,
            notice: None,
            generation: 0,
            linked: false,
            refused: None,
            unfollowed: None,
            shared: false,
            reads: None,
        }
    }

    fn start(path: PathBuf, writer: bool) -> (ReviewFile, Option<String>) {
        // Write through a symlink to its target, so a linked dotfile stays linked;
        // but only where that cannot harm what is not brief's.
        let mut store = ReviewFile { writer, ..ReviewFile::detached() };
        match path::resolve(&path) {
            path::Resolved::Plain(p) => store.path = p,
            path::Resolved::Linked(p) => (store.path, store.linked) = (p, true),
            path::Resolved::Refused(why) => (store.path, store.unfollowed) = (path, Some(why)),
        }
        let message = store.load();
        (store, message)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever what the store shows may have changed.
    pub fn generation(&self) -> u64 {
        self.generation + self.reads.as_ref().map_or(0, |r| r.generation())
    }

    /// Anything the last [`ReviewFile::apply`] had to tell the user besides its
    /// result, e.g. that a damaged file was moved aside; cleared when taken.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Picks up what another reader wrote. Cheap when nothing changed (one
    /// `stat`), so it can run on every tick. The message, if any, is for the user.
    pub fn reload(&mut self) -> Option<String> {
        let private = self.reads.as_deref_mut().and_then(ReviewFile::reload);
        let own = if disk::stamp(&self.path) == self.stamp { None } else { self.load() };
        own.or(private)
    }

    /// Reviewed becomes the opposite of what this store shows; returns the new value.
    pub fn toggle_reviewed(&mut self, id: &str) -> Result<bool, StateError> {
        let v = !self.marks(id).reviewed;
        self.apply(Change::SetReviewed(id.to_string(), v)).map(|()| v)
    }

    /// Flagged becomes the opposite of what this store shows; returns the new value.
    pub fn toggle_flagged(&mut self, id: &str) -> Result<bool, StateError> {
        let v = !self.marks(id).flagged;
        self.apply(Change::SetFlagged(id.to_string(), v)).map(|()| v)
    }

    /// Saves one change: lock, re-read, apply just this change, replace the
    /// file atomically. Afterwards the store shows the file as written,
    /// other readers' marks included.
    pub fn apply(&mut self, change: Change) -> Result<(), StateError> {
        self.apply_seen(change, Saw::Nothing)
    }

    /// Like [`ReviewFile::apply`], keeping what the user saw with the change:
    /// the entity's fingerprint with its marks, the briefing's with its reading.
    pub fn apply_seen(&mut self, change: Change, saw: Saw) -> Result<(), StateError> {
        if let (Change::MarkRead(_), Some(reads)) = (&change, self.reads.as_deref_mut()) {
            return reads.apply_seen(change, saw);
        }
        self.save(std::slice::from_ref(&change), &saw)
    }

    /// Saves several marks, ratings or relevances at once (`brief import
    /// --marks`): one lock, one re-read, one atomic replace, so either all
    /// of them are in the file or none is. Read state is not for here.
    pub fn apply_all(&mut self, changes: &[Change]) -> Result<(), StateError> {
        debug_assert!(!changes.iter().any(|c| matches!(c, Change::MarkRead(_))), "read state has a file of its own");
        self.save(changes, &Saw::Nothing)
    }

    /// Lock, re-read, apply just these changes, replace the file atomically.
    fn save(&mut self, changes: &[Change], saw: &Saw) -> Result<(), StateError> {
        for change in changes {
            let other = match change {
                Change::SetRating(_, h, _) => Some(h.as_str()),
                _ => None,
            };
            if let Some(bad) = [Some(change.id()), other].into_iter().flatten().find(|id| !crate::load::valid_id(id)) {
                return Err(StateError::BadId { id: crate::text::sanitize_line(bad).into_owned() });
            }
        }
        if !self.writer {
            return Err(StateError::ReadOnly { why: "opened for viewing only".into() });
        }
        if self.newer.is_some() {
            self.reload();
        }
        if let Some(version) = self.newer {
            return Err(StateError::Newer { path: self.path.clone(), version });
        }
        if self.refused.is_some() {
            // A link fixed since (in a shared folder, gone without a stamp to show it) is seen again.
            if self.shared {
                self.load()
            } else {
                self.reload()
            };
        }
        if self.shared && self.refused.is_none() {
            self.refused = shared::problem(&self.path);
        }
        if let Some(why) = &self.refused {
            return Err(StateError::ReadOnly { why: why.clone() });
        }
        // Opening a briefing again needs no write, and must stay instant.
        if let [change @ Change::MarkRead(_)] = changes {
            let same = |h: &String| self.doc.read_seen.get(change.id()) == Some(h);
            if self.is_read(change.id()) && !matches!(saw, Saw::Briefing(h) if !same(h)) {
                return Ok(());
            }
        }
        let lock = if self.shared { shared::lock(&self.path) } else { disk::lock(&self.path) };
        let _lock = lock.map_err(|e| match e {
            disk::LockError::Busy => StateError::Busy { path: self.path.clone() },
            disk::LockError::Io(source) => self.io(source),
        })?;
        let mut doc = self.read_for_write()?;
        let now = format::now();
        let mut changed = false;
        for change in changes {
            changed |= doc.apply(change, now, saw);
        }
        if changed {
            let text = format::render(&doc);
            if text.len() as u64 > disk::MAX_BYTES {
                return Err(StateError::TooLarge { path: self.path.clone() });
            }
            if self.shared {
                shared::ignore_temps(&self.path);
            }
            disk::write_atomic(&self.path, &text).map_err(|e| self.io(e))?;
        }
        self.doc = doc;
        self.stamp = disk::stamp(&self.path);
        // What was worked out from the marks (the filters' snapshot) is out of date.
        self.generation += 1;
        Ok(())
    }

    fn io(&self, source: io::Error) -> StateError {
        StateError::Io { path: self.path.clone(), source }
    }

    /// The file as it is now, under the lock; moves it aside if it is damaged.
    fn read_for_write(&mut self) -> Result<Doc, StateError> {
        let bytes = disk::read(&self.path).map_err(|e| self.io(e))?;
        match bytes.as_deref().map(format::parse) {
            None => Ok(Doc::default()),
            Some(Ok(Parsed::Current(doc))) => {
                self.newer = None;
                Ok(doc)
            }
            Some(Ok(Parsed::Newer(version, doc))) => {
                (self.doc, self.newer, self.stamp) = (doc, Some(version), disk::stamp(&self.path));
                Err(StateError::Newer { path: self.path.clone(), version })
            }
            Some(Err(damage)) if self.linked || self.shared => {
                self.refused = Some(self.not_ours(&damage.0));
                Err(StateError::ReadOnly { why: self.not_ours(&damage.0) })
            }
            Some(Err(damage)) => {
                let aside = disk::quarantine(&self.path).map_err(|e| self.io(e))?;
                self.notice = Some(damage::moved_aside(&self.path, &damage.0, &aside));
                Ok(Doc::default())
            }
        }
    }

    /// Reads the file into the store; returns what the user should be told.
    fn load(&mut self) -> Option<String> {
        self.generation += 1;
        // Stamped even on failure, so a reload on every tick reports a problem once.
        self.stamp = disk::stamp(&self.path);
        if self.shared {
            self.unfollowed = shared::problem(&self.path);
        }
        self.refused.clone_from(&self.unfollowed);
        if let Some(why) = &self.refused {
            (self.doc, self.newer) = (Doc::default(), None);
            return Some(why.clone());
        }
        let bytes = match disk::read(&self.path) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("cannot read the state file {}: {e}", shown(&self.path));
                if self.linked || self.shared {
                    // Never a lock or a temp file beside a target not known to be a state file.
                    self.refused = Some(format!("{msg}; marks are read-only"));
                }
                return Some(msg);
            }
        };
        let Some(bytes) = bytes else {
            (self.doc, self.newer) = (Doc::default(), None);
            return None;
        };
        match format::parse(&bytes) {
            Ok(Parsed::Current(doc)) => {
                (self.doc, self.newer) = (doc, None);
                None
            }
            Ok(Parsed::Newer(version, doc)) => {
                (self.doc, self.newer) = (doc, Some(version));
                Some(StateError::Newer { path: self.path.clone(), version }.to_string())
            }
            Err(damage) if self.linked || self.shared => {
                (self.doc, self.newer) = (Doc::default(), None);
                self.refused = Some(self.not_ours(&damage.0));
                self.refused.clone()
            }
            Err(damage) => self.damaged(&damage.0),
        }
    }
}

/// A path made safe to print.
fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.to_string_lossy()).into_owned()
}
