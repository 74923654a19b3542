//! The terminal reader: one synchronous loop — draw, wait for an event, map
//! it to an `Action`, update, repeat. Loading runs on a thread.

pub mod action;
pub mod app;
pub mod filtered;
pub mod finder;
pub mod history;
pub mod input;
pub mod keymap;
pub mod keys;
pub mod lean;
pub mod link_rows;
mod loader;
pub mod matrix;
pub mod nav;
pub mod outside;
pub mod overlay;
pub mod pairs;
pub mod queries;
pub mod resume;
pub mod review;
pub mod settings;
pub mod term;
pub mod theme;
pub mod timeline;
pub mod ui;
pub mod viewport;
mod watch;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;

use crate::display::{ColorChoice, color_enabled, utf8_locale};
use crate::model::Corpus;
use crate::search::Index;
use app::App;
use lean::LeanBackend;
use loader::{Loaded, start_loading};
use term::FrameWriter;
use theme::Theme;

pub fn theme(color: ColorChoice, ascii: bool) -> Theme {
    Theme::new(color_enabled(color, true), ascii || !utf8_locale())
}

/// What the reader starts with from the config file.
pub struct Setup {
    /// Views, the analyst's name.
    pub config: crate::config::Config,
    /// Keys and colours.
    pub settings: settings::Settings,
    /// Why the config file was set aside, for the footer.
    pub notice: Option<String>,
}

/// The reader on `dir`, drawn as `color` and `ascii` say, set up by `setup`.
pub fn run(dir: PathBuf, (color, ascii): (ColorChoice, bool), setup: Setup, start: Option<app::Start>) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!("brief: the reader needs a terminal; in scripts use 'brief search QUERY' or 'brief show ID'");
        return ExitCode::from(2);
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        eprintln!(
            "brief: this terminal (TERM=dumb) cannot draw the reader; use 'brief search QUERY' or 'brief show ID'"
        );
        return ExitCode::from(2);
    }
    give_back_at_once();
    let theme = Theme { palette: setup.settings.palette, ..theme(color, ascii) };
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize);
    }
    term::install_panic_hook();
    if let Err(e) = term::enter() {
        term::leave();
        eprintln!("brief: cannot set up the terminal: {e}");
        return ExitCode::from(2);
    }
    watch_for_hangup();
    let result = event_loop(dir, &theme, &signal, start, setup);
    term::leave();
    match result {
        Ok(unreadable) => match (signal.load(Ordering::SeqCst), unreadable) {
            (0, None) => ExitCode::SUCCESS,
            (0, Some(e)) => {
                let _ = io::Write::write_all(&mut io::stderr(), format!("brief: {e}\n").as_bytes());
                ExitCode::from(2)
            }
            (sig, _) => ExitCode::from(128 + sig as u8),
        },
        Err(e) => {
            // Not eprintln!: when the terminal is gone it panics (exit 101).
            let _ = io::Write::write_all(&mut io::stderr(), format!("brief: {e}\n").as_bytes());
            ExitCode::from(1)
        }
    }
}

/// crossterm 0.29 spins on a dead pty instead of returning an error, so a
/// watchdog ends the process when the terminal hangs up.
/// The reader stays open all day and reloads after edits: what a reload
/// frees goes back to the system at once, not after the few seconds
/// commands keep it (src/main.rs). Nothing when brief's allocator is not
/// jemalloc (the tests).
fn give_back_at_once() {
    let arenas: u32 = tikv_jemalloc_ctl::arenas::narenas::read().unwrap_or(0);
    let each = (0..arenas).map(|i| format!("arena.{i}."));
    for prefix in std::iter::once("arenas.".to_string()).chain(each) {
        for setting in ["dirty_decay_ms", "muzzy_decay_ms"] {
            let name = format!("{prefix}{setting}\0");
            // SAFETY: each name is a jemalloc setting of type ssize_t; an
            // arena not made yet refuses it, which changes nothing.
            let _ = unsafe { tikv_jemalloc_ctl::raw::write(name.as_bytes(), 0isize) };
        }
    }
}

fn watch_for_hangup() {
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if term::hung_up() {
                std::process::exit(129);
            }
        }
    });
}

/// What runs beside the loop: the loader, the folder watcher, the search thread.
/// Which load is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    /// One that goes on after it hands over the folder (its index; for the
    /// first, then the caches), so it has ended only when its thread has.
    Early,
    /// A reload that hands over the folder and its index together: it has
    /// ended when it does.
    Reload,
    Idle,
}

struct Background {
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
    fn start(dir: PathBuf) -> Background {
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
    fn awaited(&self) -> bool {
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
    fn poll(&mut self, app: &mut App) -> bool {
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

/// Runs until quit; says why when the folder could not be read.
fn event_loop(
    dir: PathBuf,
    theme: &Theme,
    signal: &AtomicUsize,
    start: Option<app::Start>,
    Setup { config, settings, notice }: Setup,
) -> io::Result<Option<String>> {
    let backend = LeanBackend::new(FrameWriter::new(Box::new(io::stdout())));
    let mut terminal = Terminal::new(backend)?;
    let empty = Corpus { root: dir.clone(), ..Corpus::default() };
    let mut app = App::with_index(Arc::new(empty), crate::search::ready(Index::build(&Corpus::default())));
    app.set_loading(Some((0, 0)));
    let private = crate::state::private_path();
    let state_path = private.as_ref().ok().cloned();
    if let Some(path) = &state_path {
        app.set_queries(queries::Queries::beside(path));
    }
    // An explicit start wins over where the last session quit.
    let start = start.or_else(|| state_path.as_deref().and_then(resume::load).map(app::Start::Resume));
    let (store, team, status) = crate::team::open(&dir, private, config.analyst.as_deref());
    app.set_store(store);
    app.set_team(team);
    app.set_status(status);
    app.set_keymap(settings.keymap, notice);
    app.set_views(config.views);
    if let Some(start) = start {
        app.start_at(start);
    }
    let mut background = Background::start(dir);
    let mut dirty = true;
    'run: while signal.load(Ordering::SeqCst) == 0 {
        dirty |= background.poll(&mut app);
        // An idle reader sends nothing: a slow link stays quiet.
        if std::mem::take(&mut dirty) {
            draw(&mut terminal, &mut app, theme)?;
        }
        let searching = app.finder().is_some_and(finder::Finder::pending);
        // Idle, two wake-ups a second: another reader's marks, a teammate's
        // pull and a reload still show within a second.
        let wait = if app.loading().is_some() || searching || background.awaited() { 15 } else { 500 };
        if event::poll(Duration::from_millis(wait))? {
            handle(&mut app, event::read()?);
            // Take every queued event before drawing again.
            while event::poll(Duration::ZERO)? {
                handle(&mut app, event::read()?);
            }
            dirty = true;
        }
        for effect in app.take_effects() {
            match effect {
                app::Effect::Quit => {
                    // The next start opens here; a place not saved is only a place.
                    if let (Some(path), Some(place)) = (&state_path, app.place()) {
                        let _ = resume::save(path, &place);
                    }
                    break 'run;
                }
                app::Effect::Suspend => suspend(&mut terminal)?,
                app::Effect::Copy(text) => {
                    let writer = terminal.backend_mut().writer();
                    outside::write_clipboard(writer, &text)?;
                    writer.commit()?;
                }
                app::Effect::Edit(path, line) => edit(&mut terminal, &mut app, &path, line)?,
            }
        }
    }
    let dir = crate::text::sanitize_line(&app.corpus().root.to_string_lossy()).into_owned();
    Ok(app.load_error().map(|e| format!("cannot read the briefing folder '{dir}': {e}")))
}

/// Draws a frame and sends it as one synchronized write; the app keeps its layout.
fn draw(terminal: &mut Terminal<LeanBackend>, app: &mut App, theme: &Theme) -> io::Result<()> {
    let mut viewport = app.viewport();
    terminal.draw(|f| ui::draw(f, app, theme, &mut viewport))?;
    app.laid_out(viewport);
    terminal.backend_mut().writer().commit()
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.key(&key);
        }
        Event::Paste(text) => app.paste(&text),
        _ => {}
    }
}

/// `e`: the terminal goes to the editor and comes back; the watcher reloads the file.
fn edit(terminal: &mut Terminal<LeanBackend>, app: &mut App, path: &Path, line: u32) -> io::Result<()> {
    let Some(words) = outside::editor() else {
        app.set_status(Some("$VISUAL or $EDITOR has an unclosed quote, so it is not run".into()));
        return Ok(());
    };
    term::leave();
    let result = outside::edit(&words, path, line);
    term::enter()?;
    terminal.clear()?;
    terminal.backend_mut().writer().commit()?;
    match result {
        Ok(status) if !status.success() => app.set_status(Some(format!("the editor exited with {status}"))),
        Ok(_) => {}
        Err(e) => app.set_status(Some(format!("cannot run the editor '{}': {e}", words[0]))),
    }
    Ok(())
}

/// Ctrl-z: give the terminal back, stop, and take it again on `fg`.
fn suspend(terminal: &mut Terminal<LeanBackend>) -> io::Result<()> {
    term::leave();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    term::enter()?;
    terminal.clear()?;
    terminal.backend_mut().writer().commit()
}
