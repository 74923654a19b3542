//! The reader without a terminal: key sequences through the real key table
//! into `App`, and whole screens drawn on `TestBackend`.

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
    let corpus = brief::load::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings").as_path()).unwrap();
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
            "End" => (KeyCode::End, KeyModifiers::NONE),
            "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "F1" => (KeyCode::F(1), KeyModifiers::NONE),
            "Left" => (KeyCode::Left, KeyModifiers::NONE),
            "Right" => (KeyCode::Right, KeyModifiers::NONE),
            "Home" => (KeyCode::Home, KeyModifiers::NONE),
            n if n.starts_with("C-") => (KeyCode::Char(n.chars().nth(2).unwrap()), KeyModifiers::CONTROL),
            n => (KeyCode::Char(n.chars().next().unwrap()), KeyModifiers::NONE),
        };
        app.key(&KeyEvent::new(code, mods));
    }
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

const UNICODE: Theme = Theme { color: true, ascii: false };

#[test]
fn snapshot_first_screen_80x24() {
    insta::assert_snapshot!(screen(&mut app(), 80, 24, UNICODE));
}

#[test]
fn snapshot_claim_detail_160x48() {
    let mut app = app();
    select_claim(&mut app, "neumann-is-claim-genuine");
    insta::assert_snapshot!(screen(&mut app, 160, 48, UNICODE));
}

#[test]
fn snapshot_help_80x24_ascii() {
    let mut app = app();
    press(&mut app, "?");
    insta::assert_snapshot!(screen(&mut app, 80, 24, Theme { color: false, ascii: true }));
}

#[test]
fn a_small_terminal_says_so() {
    let text = screen(&mut app(), 30, 8, UNICODE);
    assert!(text.contains("terminal too small"), "{text}");
}

/// An app whose review state lives in a fresh file of its own.
fn app_with_state(name: &str) -> (App, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("brief-reader-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("state.toml");
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
        let action = keys::action(app.mode(), &key).expect("typing is bound");
        app.update(action);
        if let Some(query) = app.query_to_run() {
            let hits = app.index().search(&query, 50);
            app.take_hits(query, hits);
        }
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
fn enter_answers_a_query_the_search_thread_has_not_answered_yet() {
    let mut app = app();
    press(&mut app, "/");
    for c in "medvedev".chars() {
        app.update(keys::Action::Insert(c));
    }
    press(&mut app, "Enter");
    assert_eq!(subject(&app), "dmitry-medvedev");
}

/// A copy of the seed briefings in a fresh folder, to change under the reader.
fn copied_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-reader-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn reload(app: &mut App, dir: &Path) {
    let corpus = brief::load::load(dir).unwrap();
    let index = Arc::new(brief::search::Index::build(&corpus));
    app.set_corpus(Arc::new(corpus), index);
}

#[test]
fn a_reload_keeps_focus_and_selection_by_id_and_marks_nothing_read() {
    let dir = copied_folder("reload");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(dir.join("state.toml")).0);
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Enter");
    select_link(&mut app, "telegram-is-message-fake");
    // A claim before it goes away: rows shift, ids do not.
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("id = \"attack-death-toll-62\"", "id = \"attack-toll-renamed\"")).unwrap();
    reload(&mut app, &dir);
    assert_eq!((app.focus(), subject(&app)), (Pane::Detail, "neumann-is-claim-genuine"));
    assert_eq!(app.detail_links()[app.selection(Pane::Detail)].target, "telegram-is-message-fake");
    let claim = app.selected_in(Pane::Claims).map(|c| app.corpus().entity(c).id.as_str());
    assert_eq!(claim, Some("neumann-is-claim-genuine"), "the claim stays selected in its pane");
    assert!(!app.store().is_read("moscow-attack-2024"), "a reload opens nothing");
}

#[test]
fn a_reload_without_the_open_briefing_or_under_the_finder_does_not_crash() {
    let dir = copied_folder("removed");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "j j Enter");
    assert_eq!(open(&app), "ispk-profile");
    press(&mut app, "/");
    type_text(&mut app, "neu");
    std::fs::remove_file(dir.join("ispk.toml")).unwrap();
    reload(&mut app, &dir);
    press(&mut app, "Down Enter");
    assert!(app.subject().is_some_and(|s| s < app.corpus().entities.len()));
    press(&mut app, "Backspace G g u");
    assert!(app.open().is_some_and(|b| app.corpus().briefing(b).is_some()), "a briefing of the new folder is open");
}

#[test]
fn u_in_an_empty_folder_says_so() {
    let dir = std::env::temp_dir().join(format!("brief-reader-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "u x /");
    assert_eq!(app.mode(), Mode::Search);
}

#[test]
fn paste_goes_into_the_finder_as_one_line() {
    let mut app = app();
    press(&mut app, "/");
    app.paste("Medvedev\n\x1b[2J");
    let finder = app.finder().expect("the finder is open");
    assert_eq!(finder.query(), "Medvedev ^[[2J");
}

#[test]
fn back_returns_to_the_briefing_list_where_it_was() {
    let mut app = app();
    press(&mut app, "j Enter Backspace");
    assert_eq!((app.focus(), open(&app)), (Pane::Briefings, "moscow-attack-2024"));
    assert_eq!(app.selection(Pane::Briefings), 1, "the list cursor is where it was when Enter was pressed");
}

#[test]
fn a_jump_to_where_you_are_adds_no_history() {
    let mut app = app();
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "/");
    type_text(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Enter Backspace");
    assert_eq!(app.status(), Some("nothing to go back to"));
}

/// Issue 11, fault 1: the open briefing goes away under the reader.
#[test]
fn a_briefing_that_goes_away_is_said_and_nothing_of_another_is_selected_and_it_returns() {
    let dir = copied_folder("gone");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    while app.focus() != Pane::Claims {
        press(&mut app, "Tab");
    }
    press(&mut app, "j j j Enter");
    let fourth = subject(&app).to_string();
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n[[claims\n")).unwrap();
    reload(&mut app, &dir);

    let status = app.status().expect("the reader says what happened").to_string();
    assert!(status.contains("moscow-attack-2024"), "{status}");
    assert_eq!(app.focus(), Pane::Briefings, "focus goes to the list, not into another briefing");
    assert_eq!(app.selected_in(Pane::Briefings), app.open(), "the list cursor is on the briefing shown");
    assert_eq!(app.subject(), app.open(), "the detail shows that briefing, no entity of it");
    let marked = app.subject().map(|s| app.corpus().entity(s).id.clone());
    press(&mut app, "x");
    assert_ne!(marked.as_deref(), Some(fourth.as_str()));

    std::fs::write(&file, text).unwrap();
    reload(&mut app, &dir);
    assert_eq!((open(&app), subject(&app)), ("moscow-attack-2024", fourth.as_str()), "back where it was");
    assert_eq!(app.focus(), Pane::Claims);
    assert!(app.status().is_some_and(|s| s.contains("back")), "{:?}", app.status());
}

/// Issue 11, fault 1: the entity in the detail view goes away.
#[test]
fn an_entity_that_goes_away_from_the_detail_view_is_said_and_not_replaced_silently() {
    let dir = copied_folder("gone-entity");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Enter");
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("\"neumann-is-claim-genuine\"", "\"neumann-claim-renamed\"")).unwrap();
    reload(&mut app, &dir);
    let status = app.status().expect("the reader says what happened").to_string();
    assert!(status.contains("neumann-is-claim-genuine"), "{status}");
    assert_ne!(app.focus(), Pane::Detail, "the detail view does not silently show another claim focused");
    assert_eq!(app.subject(), app.selected_in(app.focus()), "what is selected is what is shown");
}

/// Selects an entity of the open briefing by id in `pane`, with `j` presses.
fn select_in(app: &mut App, pane: Pane, id: &str) {
    while app.focus() != pane {
        press(app, "Tab");
    }
    press(app, "g");
    for _ in 0..app.rows(pane).len() {
        if subject(app) == id {
            return;
        }
        press(app, "j");
    }
    panic!("{id} not in {pane:?}");
}

/// Issue 11, fault 2: the first `PgDn` after entering the detail view pages
/// down from what is shown, never up.
#[test]
fn the_first_page_down_in_the_detail_view_goes_down() {
    for enter in ["Enter", "Tab"] {
        let mut app = app();
        select_in(&mut app, Pane::Precedents, "beslan-siege-2004");
        press(&mut app, enter);
        assert_eq!(app.focus(), Pane::Detail);
        screen(&mut app, 80, 24, UNICODE);
        let top = app.viewport().detail_top;
        press(&mut app, "PgDn");
        screen(&mut app, 80, 24, UNICODE);
        let after = app.viewport().detail_top;
        assert!(after > top, "{enter} then PgDn: the first line drawn went from {top} to {after}");
    }
}

/// Issue 11, fault 3: no `[[` of a briefing's markup reaches the screen, not
/// even from a claim quoted by a bare `[[id]]` whose own text holds a link.
#[test]
fn no_link_markup_reaches_the_screen_for_any_entity() {
    let mut app = app();
    let ids: Vec<(String, char)> =
        app.corpus().entities.iter().map(|e| (e.id.clone(), e.kind().as_str().chars().next().unwrap())).collect();
    for (id, kind) in ids {
        press(&mut app, "/");
        type_text(&mut app, &format!("{kind}: {id}"));
        press(&mut app, "Enter");
        while kind == 'b' && app.focus() != Pane::Briefings {
            press(&mut app, "Tab");
        }
        assert_eq!(subject(&app), id);
        for (w, h) in [(80, 24), (220, 60)] {
            let text = screen(&mut app, w, h, UNICODE);
            assert!(!text.contains("[[") && !text.contains("]]"), "{id} at {w}x{h}:\n{text}");
        }
    }
}

/// The complete example of docs/FORMAT.md, in a folder of its own.
fn format_example(name: &str) -> std::path::PathBuf {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = std::env::temp_dir().join(format!("brief-reader-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("moscow-attack-2024.toml"), example).unwrap();
    dir
}

/// Issue 11, fault 4: hard-wrapped prose flows as a paragraph, and closing
/// punctuation never starts a line.
#[test]
fn hard_wrapped_prose_reads_as_a_paragraph() {
    let dir = format_example("prose");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let text = screen(&mut app, 80, 40, UNICODE);
    assert!(text.contains("claimed responsibility (IS"), "one paragraph:\n{text}");
    for width in 40..=100 {
        let text = screen(&mut app, width, 40, UNICODE);
        let starts = |l: &str| l.trim_start_matches(['│', ' ']).starts_with([')', '.', ',']);
        assert!(!text.lines().any(starts), "closing punctuation starts a line at {width} columns:\n{text}");
    }
}

/// Issue 11, fault 7: precedents defined in another file but belonging to or
/// linked from a briefing are listed, as such actors are.
#[test]
fn precedents_from_another_file_are_listed_like_actors() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "b: russia-hostage-sieges");
    press(&mut app, "Enter");
    assert_eq!(open(&app), "russia-hostage-sieges");
    let ids: Vec<&str> = app.rows(Pane::Precedents).iter().map(|&p| app.corpus().entity(p).id.as_str()).collect();
    assert!(ids.contains(&"dubrovka-siege-2002") && ids.contains(&"beslan-siege-2004"), "{ids:?}");
    let text = screen(&mut app, 160, 48, UNICODE);
    assert!(text.contains("Precedents 2") && text.contains("↗ 2004-09 Beslan"), "{text}");
}

/// The footer: the screen's last line.
fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

/// Issue 11, fault 5: help moves with every paging key, and at 40 columns
/// every key's words can be read whole (wrapped, not cut).
#[test]
fn help_pages_with_g_g_space_and_wraps_at_40_columns() {
    let mut app = app();
    press(&mut app, "?");
    screen(&mut app, 80, 24, UNICODE);
    press(&mut app, "G");
    let bottom = screen(&mut app, 80, 24, UNICODE);
    assert!(bottom.contains("Tab walks through them"), "G shows the end:\n{bottom}");
    press(&mut app, "g");
    assert!(screen(&mut app, 80, 24, UNICODE).contains("Keys"), "g goes back to the top");
    press(&mut app, "Space");
    assert!(!screen(&mut app, 80, 24, UNICODE).contains("Keys"), "Space pages down");
    press(&mut app, "PgUp");
    assert!(screen(&mut app, 80, 24, UNICODE).contains("Keys"), "PgUp pages up");

    let mut seen = String::new();
    press(&mut app, "g");
    for _ in 0..40 {
        let text = screen(&mut app, 40, 24, UNICODE);
        for line in text.lines().skip(2).take(20) {
            // Inside the help box: 38 columns from the second.
            seen.push_str(&line.chars().skip(2).take(36).collect::<String>());
            seen.push(' ');
        }
        press(&mut app, "Space");
    }
    let seen = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    for table in [keys::NORMAL, keys::SEARCH, keys::NOTE, keys::PROBLEMS] {
        for b in table {
            assert!(seen.contains(b.describe()), "{:?} cut at 40 columns:\n{seen}", b.describe());
        }
    }
}

/// Issue 11, fault 5: the finder and the note editor say what Enter does there.
#[test]
fn the_finder_and_note_editor_say_go_and_save_and_the_prompt_is_whole() {
    let mut app = app();
    press(&mut app, "/");
    let text = screen(&mut app, 80, 24, UNICODE);
    assert!(footer(&text).contains("Enter go") && !footer(&text).contains("save"), "{}", footer(&text));
    let prompt: String = text.lines().skip(3).take(2).map(|l| l.trim_matches(['│', ' '])).collect::<Vec<_>>().join(" ");
    assert!(prompt.contains("narrow to one kind."), "the prompt is not cut at 80 columns:\n{text}");
    press(&mut app, "Esc Tab Tab a");
    let text = screen(&mut app, 80, 24, UNICODE);
    assert!(text.contains("Enter saves"), "the editor says what Enter does:\n{text}");
    let help = keys::NOTE.iter().find(|b| b.action == keys::Action::Open).unwrap().describe();
    assert!(help.contains("save"), "{help}");
}

/// A copy of the briefings where one claim names an actor that does not exist.
fn folder_with_a_problem(name: &str) -> std::path::PathBuf {
    let dir = copied_folder(name);
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("by = \"peter-neumann\"", "by = \"no-such-actor\"", 1);
    assert!(broken != text, "the seed briefing changed: no claim by peter-neumann");
    std::fs::write(&file, broken).unwrap();
    dir
}

/// Issue 11, fault 5: with problems in the folder the footer keeps `? help`.
#[test]
fn the_footer_keeps_help_beside_the_problem_count() {
    let dir = folder_with_a_problem("footer");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let text = screen(&mut app, 80, 24, UNICODE);
    assert!(footer(&text).contains("? help") && footer(&text).contains("problems"), "{}", footer(&text));
}

/// Issue 11, fault 6: in the problems list, Enter goes to the entity at that
/// place and `e` opens the editor at that file and line.
#[test]
fn enter_and_e_in_the_problems_list_go_to_the_place() {
    let dir = folder_with_a_problem("problems");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let d = app.corpus().diagnostics.iter().position(|d| d.message.contains("no-such-actor")).unwrap();
    let (path, line) = (app.corpus().diagnostics[d].path.clone(), app.corpus().diagnostics[d].line);
    press(&mut app, "!");
    for _ in 0..d {
        press(&mut app, "j");
    }
    press(&mut app, "e");
    assert!(app.effects().contains(&Effect::Edit(path.clone(), line)), "{:?}", app.effects());
    press(&mut app, "Enter");
    assert_eq!(app.mode(), Mode::Normal);
    let e = app.corpus().entity(app.subject().unwrap());
    assert!(e.links.iter().any(|l| l.target == "no-such-actor"), "the claim that names it: {}", e.id);
    assert_eq!(app.corpus().path_of(app.subject().unwrap()), &path);
}

/// Issue 11, fault 8: the grade column does not move with the number of marks.
#[test]
fn grades_stand_in_one_column_whatever_the_marks() {
    let (mut app, _path) = app_with_state("grades");
    press(&mut app, "Tab Tab x f j j x");
    let text = screen(&mut app, 80, 24, UNICODE);
    let columns: Vec<usize> = text
        .lines()
        .filter(|l| l.contains("??") && !l.contains("grade"))
        .map(|l| unicode_width::UnicodeWidthStr::width(&l[..l.find("??").unwrap()]))
        .collect();
    assert!(columns.len() >= 5 && columns.iter().all(|c| *c == columns[0]), "{columns:?}\n{text}");
}

/// Issue 11, fault 8: help explains the grade, `??` included.
#[test]
fn help_explains_the_grade() {
    let mut app = app();
    press(&mut app, "? G");
    let text = screen(&mut app, 100, 60, UNICODE);
    assert!(text.contains("??") && text.contains("Admiralty"), "{text}");
}
