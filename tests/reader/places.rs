//! Where the reader is when the folder changes under it, and history:
//! nothing moves silently, nothing of another briefing gets selected.

use super::*;

#[test]
fn a_reload_keeps_focus_and_selection_by_id_and_marks_nothing_read() {
    let dir = copied_folder("reload");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(dir.join("state.toml")).0);
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Enter");
    select_link(&mut app, "telegram-is-message-fake");
    let read =
        |app: &App| app.corpus().briefings.iter().filter(|&&b| app.store().is_read(&app.corpus().entity(b).id)).count();
    let read_before = read(&app);
    // A claim before it goes away: rows shift, ids do not.
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("id = \"attack-death-toll-62\"", "id = \"attack-toll-renamed\"")).unwrap();
    reload(&mut app, &dir);
    assert_eq!((app.focus(), subject(&app)), (Pane::Detail, "neumann-is-claim-genuine"));
    assert_eq!(app.detail_links()[app.selection(Pane::Detail)].target, "telegram-is-message-fake");
    let claim = app.selected_in(Pane::Claims).map(|c| app.corpus().entity(c).id.as_str());
    assert_eq!(claim, Some("neumann-is-claim-genuine"), "the claim stays selected in its pane");
    assert_eq!(read(&app), read_before, "a reload opens nothing");
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
    let dir = common::scratch("empty");
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
    // Removed (a file that only stops parsing stays, marked stale: stale.rs).
    std::fs::remove_file(&file).unwrap();
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

/// `brief ID` on a briefing of text alone (no actors, claims or precedents)
/// shows that text, not an empty detail.
#[test]
fn a_briefing_with_no_entities_shows_its_own_text() {
    let dir = super::common::scratch("text-alone");
    std::fs::write(
        dir.join("solo.toml"),
        "id = \"solo\"\ntitle = \"Text alone\"\nbluf = \"The bottom line.\"\nsummary = \"What the reader sees first.\"\n",
    )
    .unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.start_at(brief::reader::app::Start::Id("solo".into()));
    assert_eq!(app.subject(), app.corpus().get("solo"));
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("What the reader sees first."), "{drawn}");
}

/// git's answer on when an entity last changed joins the row that says where
/// it is, cut to fit: nothing below it moves when it comes.
#[test]
fn the_last_change_takes_no_row_of_its_own() {
    let mut app = app();
    press(&mut app, "Tab Tab");
    let id = app.corpus().entity(app.subject().unwrap()).id.clone();
    let before = screen(&mut app, 80, 24, UNICODE);
    let subject = "A long commit subject that goes on and on about what changed in the claim and why it did";
    let commit = brief::git::Commit {
        id: "0123456789abcdef0123456789abcdef01234567".into(),
        author: "Ben".into(),
        date: "2026-12-01T10:00:00+00:00".into(),
        subject: subject.into(),
    };
    app.set_last_change(id, Some(commit));
    let after = screen(&mut app, 80, 24, UNICODE);
    let row = |s: &str| s.lines().position(|l| l.contains("moscow-attack-2024.toml:")).expect("the place row");
    assert_eq!(row(&before), row(&after), "{after}");
    let line = after.lines().nth(row(&after)).unwrap();
    assert!(line.contains("· 2026-12-01 by Ben: A"), "{line}");
    assert!(line.contains('…'), "cut to fit, and says so: {line}");
    let rest = |s: &str| s.lines().skip(row(s) + 1).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(rest(&before), rest(&after), "nothing below the place row moved");
}
