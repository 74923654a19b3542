//! The reader without a terminal: key sequences through the real key table
//! into `App`, and whole screens drawn on `TestBackend`.

mod changed;
#[path = "../common/mod.rs"]
mod common;
mod faults;
mod matrix;
mod matrix_team;
mod places;
mod reviewable;
mod room;
mod screens;
mod stale;
mod views;

use std::path::Path;
use std::sync::Arc;

use brief::reader::app::{App, Effect, Pane};
use brief::reader::keys::{self, Mode};
use brief::reader::theme::Theme;
use brief::reader::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let corpus = brief::load::load(common::briefings().as_path()).unwrap();
    App::new(Arc::new(corpus))
}

/// Presses keys by name (`j`, `Tab`, `Enter`, `BackTab`, `Backspace`, `C-o`).
fn press(app: &mut App, keys_: &str) {
    for name in keys_.split_whitespace() {
        let (code, mods) = match name {
            "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
            "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
            "Down" => (KeyCode::Down, KeyModifiers::NONE),
            "Up" => (KeyCode::Up, KeyModifiers::NONE),
            "End" => (KeyCode::End, KeyModifiers::NONE),
            "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "F1" => (KeyCode::F(1), KeyModifiers::NONE),
            "Left" => (KeyCode::Left, KeyModifiers::NONE),
            "Right" => (KeyCode::Right, KeyModifiers::NONE),
            "Home" => (KeyCode::Home, KeyModifiers::NONE),
            "A-Enter" => (KeyCode::Enter, KeyModifiers::ALT),
            n if n.starts_with("C-") => (KeyCode::Char(n.chars().nth(2).unwrap()), KeyModifiers::CONTROL),
            n => (KeyCode::Char(n.chars().next().unwrap()), KeyModifiers::NONE),
        };
        app.key(&KeyEvent::new(code, mods));
    }
}

/// The footer: the screen's last line.
fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

fn subject(app: &App) -> &str {
    &app.corpus().entity(app.subject().expect("something is selected")).id
}

fn open(app: &App) -> &str {
    &app.corpus().entity(app.open().expect("a briefing is open")).id
}

/// Selects a claim of the open briefing by id, with `j` presses.
fn select_claim(app: &mut App, id: &str) {
    while app.focus() != Pane::Claims {
        press(app, "Tab");
    }
    press(app, "g");
    for _ in 0..app.rows(Pane::Claims).len() {
        if subject(app) == id {
            return;
        }
        press(app, "j");
    }
    panic!("claim {id} not in the open briefing");
}

/// Moves the detail selection to the link row that names `target`.
fn select_link(app: &mut App, target: &str) {
    assert_eq!(app.focus(), Pane::Detail);
    let at = app.detail_links().iter().position(|r| r.target == target).expect("link row");
    press(app, "g");
    for _ in 0..at {
        press(app, "j");
    }
}

#[test]
fn opens_on_the_newest_briefing_with_the_list_focused() {
    let app = app();
    assert_eq!(app.focus(), Pane::Briefings);
    assert_eq!(open(&app), "moscow-attack-2024");
}

#[test]
fn moving_and_switching_panes() {
    let mut app = app();
    press(&mut app, "Tab");
    assert_eq!(app.focus(), Pane::Actors);
    press(&mut app, "Tab j j");
    assert_eq!((app.focus(), app.selection(Pane::Claims)), (Pane::Claims, 2));
    press(&mut app, "k G");
    assert_eq!(app.selection(Pane::Claims), app.rows(Pane::Claims).len() - 1);
    press(&mut app, "BackTab");
    assert_eq!(app.focus(), Pane::Actors);
    press(&mut app, "BackTab BackTab");
    assert_eq!(app.focus(), Pane::Detail, "Shift-Tab wraps from the list to the detail view");
}

#[test]
fn follows_links_across_files_and_walks_history() {
    let mut app = app();
    select_claim(&mut app, "neumann-ispk-possible-mastermind");
    press(&mut app, "Enter");
    assert_eq!(app.focus(), Pane::Detail);
    select_link(&mut app, "peter-neumann");
    press(&mut app, "Enter");
    assert_eq!((app.focus(), subject(&app)), (Pane::Actors, "peter-neumann"));
    press(&mut app, "Enter");
    select_link(&mut app, "ispk");
    press(&mut app, "Enter");
    assert_eq!(open(&app), "ispk-profile", "the actor's own briefing opens");
    assert_eq!((app.focus(), subject(&app)), (Pane::Actors, "ispk"));

    press(&mut app, "Backspace");
    assert_eq!((open(&app), subject(&app)), ("moscow-attack-2024", "peter-neumann"));
    press(&mut app, "C-o");
    assert_eq!(subject(&app), "neumann-ispk-possible-mastermind");
    press(&mut app, "]");
    assert_eq!(subject(&app), "peter-neumann");
    press(&mut app, "] ]");
    assert_eq!((open(&app), subject(&app)), ("ispk-profile", "ispk"));
    press(&mut app, "[");
    assert_eq!(subject(&app), "peter-neumann", "[ goes back too");
}

#[test]
fn a_contradiction_reads_both_ways_in_the_detail_view() {
    let mut app = app();
    select_claim(&mut app, "telegram-is-message-fake");
    let rows = app.detail_links();
    assert!(rows.iter().any(|r| r.target == "is-claims-krasnogorsk-attack" && r.relation == "contradicts"));
    select_claim(&mut app, "is-claims-krasnogorsk-attack");
    let rows = app.detail_links();
    let back = rows.iter().any(|r| r.target == "telegram-is-message-fake" && r.relation == "contradicted by");
    assert!(back, "the contradicted claim names what contradicts it: {rows:?}");
}

#[test]
fn a_contradiction_stated_on_both_claims_is_shown_once() {
    let dir = copied_folder("both-ways");
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // The Neumann claim already states that it contradicts the Telegram one.
    let (one, both) =
        ("contradicts = [\"is-claims-krasnogorsk-attack\"]", "contradicts = [\"neumann-is-claim-genuine\"]");
    assert!(text.contains(one));
    std::fs::write(&file, text.replace(one, both)).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    select_claim(&mut app, "neumann-is-claim-genuine");
    let rows = app.detail_links();
    let fake = rows.iter().filter(|r| r.target == "telegram-is-message-fake").count();
    assert_eq!(fake, 1, "stated on both claims, shown once: {rows:?}");
}

#[test]
fn enter_on_a_briefing_opens_it_and_help_opens_and_closes() {
    let mut app = app();
    press(&mut app, "j Enter");
    assert_eq!(open(&app), app.corpus().entity(app.corpus().briefings[1]).id);
    assert_eq!(app.focus(), Pane::Claims);
    press(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, "j Esc");
    assert_eq!(app.mode(), Mode::Normal);
    press(&mut app, "Backspace");
    assert_eq!(open(&app), "moscow-attack-2024");
}

fn quits(app: &App) -> bool {
    app.effects().contains(&Effect::Quit)
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = app();
    press(&mut app, "?");
    press(&mut app, "C-c");
    assert!(quits(&app), "Ctrl-c quits from an overlay");
    let mut app = self::app();
    press(&mut app, "? q");
    assert!(!quits(&app) && app.mode() == Mode::Normal, "q closes help first");
    press(&mut app, "q");
    assert!(quits(&app));
}

#[test]
fn a_page_is_what_the_focused_pane_shows() {
    let mut app = app();
    press(&mut app, "Tab Tab");
    screen(&mut app, 80, 24, UNICODE);
    let rows = app.viewport().page;
    assert!((5..=8).contains(&rows), "about one pane of rows at 80x24, got {rows}");
    press(&mut app, "PgDn");
    assert_eq!(app.selection(Pane::Claims), rows);
    press(&mut app, "PgUp");
    assert_eq!(app.selection(Pane::Claims), 0);
}

/// Draws the app as the event loop does, handing the layout back to it.
fn screen(app: &mut App, width: u16, height: u16, theme: Theme) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut laid_out = app.viewport();
    terminal.draw(|f| ui::draw(f, app, &theme, &mut laid_out)).unwrap();
    app.laid_out(laid_out);
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

const UNICODE: Theme = Theme::new(true, false);

#[test]
fn a_small_terminal_says_so() {
    let text = screen(&mut app(), 30, 8, UNICODE);
    assert!(text.contains("terminal too small"), "{text}");
}

/// An app whose review state lives in a fresh file of its own.
fn app_with_state(name: &str) -> (App, std::path::PathBuf) {
    let path = common::scratch(name).join("state.toml");
    let mut app = app();
    app.set_store(brief::state::ReviewFile::open(&path).0);
    (app, path)
}

#[test]
fn review_keys_mark_note_and_walk_what_is_left() {
    let (mut app, path) = app_with_state("review");
    select_claim(&mut app, "attack-death-toll-62");
    press(&mut app, "x");
    assert!(app.store().marks("attack-death-toll-62").reviewed);
    press(&mut app, "u");
    let second = app.rows(Pane::Claims)[1];
    assert_eq!(app.subject(), Some(second), "u goes to the next claim not yet reviewed");
    press(&mut app, "f a");
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, "c h e c k Enter");
    let id = app.corpus().entity(second).id.clone();
    let mark = app.store().marks(&id).clone();
    assert!(mark.flagged && mark.note.as_deref() == Some("check"), "{mark:?}");
    press(&mut app, "a x Esc");
    assert_eq!(app.store().marks(&id).note.as_deref(), Some("check"), "Esc keeps the old note");

    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("attack-death-toll-62") && saved.contains("check"), "{saved}");
    let reopened = brief::state::ReviewFile::open(&path).0;
    assert!(reopened.marks("attack-death-toll-62").reviewed, "marks survive a restart");
}

#[test]
fn opening_a_briefing_makes_it_read() {
    let (mut app, _path) = app_with_state("read");
    let second = app.corpus().entity(app.corpus().briefings[1]).id.clone();
    assert!(!app.store().is_read(&second));
    press(&mut app, "j Enter");
    assert!(app.store().is_read(&second));
}

/// Types text into the open input line, one key a character, answering
/// each query as the search thread would.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let action = app.keymap().action(app.mode(), &key).expect("typing is bound");
        app.update(action);
        if let Some(query) = app.query_to_run() {
            let marks = app.marks();
            let answer = app.index().answer(&query, 50, &marks);
            app.take_hits(query, answer);
        }
    }
}

/// Types `text` into the finder with no search thread to answer it.
fn insert(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(keys::Action::Insert(c));
    }
}

#[test]
fn search_jumps_to_a_person_and_backspace_returns() {
    let mut app = app();
    select_claim(&mut app, "telegram-is-message-fake");
    press(&mut app, "/");
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "neum");
    press(&mut app, "Enter");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!((app.focus(), subject(&app)), (Pane::Actors, "peter-neumann"));
    press(&mut app, "Backspace");
    assert_eq!(subject(&app), "telegram-is-message-fake", "back to where the search started");
}

#[test]
fn search_by_kind_prefix_and_picking_with_arrows() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "c: fake");
    press(&mut app, "Enter");
    assert_eq!((app.focus(), subject(&app)), (Pane::Claims, "telegram-is-message-fake"));

    press(&mut app, "/");
    type_text(&mut app, "siege");
    let hits = app.index().search("siege", 10);
    assert!(hits.len() >= 2, "both sieges match");
    press(&mut app, "Down Enter");
    assert_eq!(app.subject(), Some(hits[1].entity), "Down picks the second hit");
    press(&mut app, "/");
    type_text(&mut app, "zzqxj");
    press(&mut app, "Enter");
    assert_eq!(app.mode(), Mode::Search, "nothing to jump to: the finder stays open");
    press(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn a_search_cut_to_its_best_says_how_many_matched_in_all() {
    let mut app = app();
    press(&mut app, "/");
    for query in ["c:", "attack"] {
        insert(&mut app, query);
        let marks = app.marks();
        // Counted apart from the ranked search: every entity the query keeps.
        let all = app.index().matches(query, &marks).unwrap().iter().filter(|&&m| m).count();
        assert!(all > 2, "{query}: {all}");
        app.take_hits(query.to_string(), app.index().answer(query, 2, &marks));
        let text = screen(&mut app, 100, 30, UNICODE);
        assert!(text.contains(&format!("Search: 2 of {all} shown; type more to narrow")), "{text}");
        app.take_hits(query.to_string(), app.index().answer(query, usize::MAX, &marks));
        let text = screen(&mut app, 100, 30, UNICODE);
        assert!(text.contains(&format!("Search: {all} found ─")), "{text}");
        for _ in query.chars() {
            press(&mut app, "Backspace");
        }
    }
}

#[test]
fn enter_answers_a_query_the_search_thread_has_not_answered_yet() {
    let mut app = app();
    press(&mut app, "/");
    insert(&mut app, "medvedev");
    press(&mut app, "Enter");
    assert_eq!(subject(&app), "dmitry-medvedev");
}

/// Loads `dir` again into the app, as a reload does: a file that no longer
/// parses keeps its last good version.
fn reload(app: &mut App, dir: &Path) {
    let corpus = brief::load::reload(dir, app.corpus()).unwrap();
    let index = brief::search::ready(brief::search::Index::build(&corpus));
    app.set_corpus(Arc::new(corpus), index);
}

#[test]
fn n_after_a_reload_steps_on_through_the_same_search() {
    let dir = copied_folder("n-after-reload");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "/");
    type_text(&mut app, "c: neumann");
    press(&mut app, "Enter");
    let first = subject(&app).to_string();
    // The same folder read again, as a first start does from its snapshot.
    reload(&mut app, &dir);
    assert_eq!(subject(&app), first);
    press(&mut app, "n");
    assert!(app.status().is_some_and(|s| s.starts_with("match 2 of")), "{:?}", app.status());
    assert_ne!(subject(&app), first);
}

#[test]
fn n_through_a_search_cut_to_its_best_says_so() {
    let mut app = app();
    press(&mut app, "/");
    insert(&mut app, "c:");
    let marks = app.marks();
    app.take_hits("c:".to_string(), app.index().answer("c:", 3, &marks));
    press(&mut app, "Enter n");
    assert!(app.status().is_some_and(|s| s == "match 2 of the best 3 for 'c:'"), "{:?}", app.status());
}

/// A copy of the seed briefings in a fresh folder, to change under the reader.
fn copied_folder(name: &str) -> std::path::PathBuf {
    let dir = common::scratch(name);
    for entry in std::fs::read_dir(common::briefings()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}
