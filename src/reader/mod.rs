//! The terminal reader: one synchronous loop — draw, wait for an event, map
//! it to an `Action`, update, repeat. Loading runs on a thread.

pub mod action;
pub mod app;
mod background;
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
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;

use crate::display::{ColorChoice, color_enabled, utf8_locale};
use crate::model::Corpus;
use crate::search::Index;
use app::App;
use background::Background;
use lean::LeanBackend;
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

/// crossterm 0.29 spins on a dead pty instead of returning an error, so a
/// watchdog ends the process when the terminal hangs up.
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
