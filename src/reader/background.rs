//! What runs beside the reader's loop: the one load at a time (the first,
//! then a reload after each change the watcher sees), the search thread,
//! and git asked when the entity shown last changed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::app::App;
use super::loader::{Loaded, start_loading};
use super::{finder, watch};

/// Which load is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    /// One that goes on after it hands over the folder (its index; for the
    /// first, then the snapshot and, when it parsed the folder, the folder
    /// read again from that), so it has ended only when its thread has.
    Early,
    /// A reload that hands over the folder and its index together: it has
    /// ended when it does.
    Reload,
    Idle,
}

/// What runs beside the loop: the loader, the folder watcher, the search thread.
pub struct Background {
    dir: PathBuf,
    /// The one load at a time, and what it sends.
    loaded: mpsc::Receiver<Loaded>,
    load: Load,
    /// The running load has handed over its folder. Until it has, the loop
    /// looks often: the corpus and index a reload replaces are let go only
    /// once it is taken, and half a second later its new index would be
    /// built beside them (a reload's peak).
    handed: bool,
    /// A change came while a load ran: the next starts when it ends.
    pending: bool,
    first: Option<Loaded>,
    progress: Arc<(AtomicUsize, AtomicUsize)>,
    changes: mpsc::Receiver<()>,
    worker: Option<finder::Worker>,
    /// When the team's review files were last looked at (once a second).
    team_checked: std::time::Instant,
    /// When the loading screen's progress was last drawn: ten times a second
    /// is enough to see it move, and each draw takes a core from the load.
    progress_shown: std::time::Instant,
    /// The entity whose last change git was asked about, and the answer to come.
    blamed: Option<String>,
    blame: Option<mpsc::Receiver<Option<crate::git::Commit>>>,
    /// Why the cache folder asked for was not used: for the footer once it is free.
    cache_said: Option<String>,
}

impl Background {
    pub fn start(dir: PathBuf) -> Background {
        let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let loaded = start_loading(dir.clone(), Arc::clone(&progress), (true, true), None);
        // A small folder loads at once: show it rather than a flash of "Loading".
        let first = loaded.recv_timeout(Duration::from_millis(15)).ok();
        let changes = watch::watch(dir.clone());
        let team_checked = std::time::Instant::now();
        Background {
            dir,
            loaded,
            load: Load::Early,
            handed: false,
            pending: false,
            first,
            progress,
            changes,
            worker: None,
            team_checked,
            progress_shown: team_checked,
            blamed: None,
            blame: None,
            cache_said: None,
        }
    }

    /// Whether a load runs that has not yet handed over its folder.
    pub fn awaited(&self) -> bool {
        self.load != Load::Idle && !self.handed
    }

    /// Asks git, one question at a time, when the entity in the detail view
    /// last changed; hands the app the answer. True when one came.
    fn blame(&mut self, app: &mut App) -> bool {
        let mut came = false;
        if let Some(rx) = &self.blame {
            match rx.try_recv() {
                Ok(answer) => {
                    app.set_last_change(self.blamed.clone().unwrap_or_default(), answer);
                    (self.blame, came) = (None, true);
                }
                Err(mpsc::TryRecvError::Disconnected) => self.blame = None,
                Err(mpsc::TryRecvError::Empty) => return false,
            }
        }
        let asked = app.subject().map(|s| app.corpus().entity(s).id.as_str());
        if asked.is_none() || asked == self.blamed.as_deref() {
            return came;
        }
        if let Some((id, file, lines)) = app.subject_lines() {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || tx.send(crate::git::last_change(&file, lines)));
            (self.blamed, self.blame) = (Some(id), Some(rx));
        }
        came
    }

    /// Hands the app whatever finished meanwhile; true when the screen may change.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = true;
        let done = self.first.take().map_or_else(|| self.loaded.try_recv(), Ok);
        // Done (a reload), or its thread is gone: one load at a time.
        match (&done, self.load) {
            (_, Load::Idle) => {}
            (Ok(_), Load::Reload) | (Err(mpsc::TryRecvError::Disconnected), _) => {
                self.load = Load::Idle;
            }
            _ => {}
        }
        self.handed |= done.is_ok();
        match done.ok() {
            Some(Ok((corpus, index))) => {
                self.worker = Some(finder::Worker::start(Arc::clone(&index)));
                app.set_corpus(corpus, index);
            }
            Some(Err(e)) => app.fail_loading(e),
            None if app.loading().is_some() && self.progress_shown.elapsed() >= Duration::from_millis(100) => {
                self.progress_shown = std::time::Instant::now();
                app.set_loading(Some((
                    self.progress.0.load(Ordering::Relaxed),
                    self.progress.1.load(Ordering::Relaxed),
                )));
            }
            None => changed = false,
        }
        self.cache_said = self.cache_said.take().or_else(crate::folder::store::take_notice);
        if app.status().is_none()
            && let Some(said) = self.cache_said.take()
        {
            app.set_status(Some(said));
            changed = true;
        }
        let generation = app.store().generation();
        if let Some(notice) = app.store_mut().reload() {
            app.set_status(Some(notice));
        }
        changed |= app.store().generation() != generation;
        changed |= self.blame(app);
        if self.team_checked.elapsed() >= Duration::from_secs(1) {
            self.team_checked = std::time::Instant::now();
            changed |= app.reload_team();
        }
        // A change in the folder, or the snapshot cut short under the shown corpus.
        self.pending |= (self.changes.try_iter().count() > 0) | crate::mapping::take_cut();
        if self.pending && self.load == Load::Idle {
            // Reload in the background; the reader stays usable meanwhile.
            let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
            let early = app.filter().is_none();
            self.loaded = start_loading(self.dir.clone(), progress, (false, early), Some(app.shared_corpus()));
            self.load = if early { Load::Early } else { Load::Reload };
            (self.pending, self.handed) = (false, false);
        }
        if let Some(w) = &self.worker {
            if let Some(query) = app.query_to_run() {
                w.ask(&query, app.marks());
            }
            while let Ok((query, hits)) = w.rx.try_recv() {
                app.take_hits(query, hits);
                changed = true;
            }
        }
        changed
    }
}
