//! The reading room at 80x24 (issue 11): TLP shown and carried, starting
//! where asked or where the last session quit, `n`/`N`, the query history,
//! the sidebar and the detail's text first.

use super::*;

/// Citations carry TLP; from a TLP:RED briefing `y` asks first, and only a
/// second `y` in a row copies.
#[test]
fn a_citation_names_its_tlp_and_red_asks_before_copying() {
    let mut app = app();
    press(&mut app, "y");
    let Some(Effect::Copy(text)) = app.take_effects().pop() else { panic!("y copies at once from TLP:CLEAR") };
    assert!(text.ends_with("] TLP:CLEAR"), "{text}");

    let dir = copied_folder("tlp-red");
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace("tlp = \"clear\"", "tlp = \"red\"");
    std::fs::write(&file, text).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "y");
    assert!(app.take_effects().is_empty(), "nothing copied on the first y");
    assert_eq!(app.status(), Some("TLP:RED: press y again to copy it anyway"));
    press(&mut app, "Esc y");
    assert!(app.take_effects().is_empty(), "another key in between asks again");
    press(&mut app, "y");
    let Some(Effect::Copy(text)) = app.take_effects().pop() else { panic!("the second y copies") };
    assert!(text.ends_with(" TLP:RED"), "{text}");
}

/// The cells of the row of a drawn screen that holds `text`, from where it starts.
fn cells_of(buf: &ratatui::buffer::Buffer, text: &str) -> Option<Vec<ratatui::buffer::Cell>> {
    let area = buf.area;
    (0..area.height).find_map(|y| {
        let row: Vec<_> = (0..area.width).map(|x| buf[(x, y)].clone()).collect();
        let line: String = row.iter().map(ratatui::buffer::Cell::symbol).collect();
        let at = line.find(text)?;
        Some(row[line[..at].chars().count()..].to_vec())
    })
}

/// TLP shows in its TLP 2.0 colour: in the header always, in the list for
/// anything more restricted than CLEAR.
#[test]
fn tlp_is_drawn_in_its_colour_in_the_list_and_the_header() {
    let dir = copied_folder("tlp-colours");
    for (file, level) in [("moscow-attack-2024.toml", "red"), ("ispk.toml", "amber")] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap().replace("tlp = \"clear\"", &format!("tlp = \"{level}\""));
        std::fs::write(&path, text).unwrap();
    }
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mut vp = app.viewport();
    terminal.draw(|f| ui::draw(f, &app, &UNICODE, &mut vp)).unwrap();
    app.laid_out(vp);
    let buf = terminal.backend().buffer();
    let red = ratatui::style::Color::Red;
    let header = cells_of(buf, "TLP:RED").expect("the header names the TLP");
    assert!(header[..7].iter().all(|c| c.fg == red), "TLP:RED in red: {:?}", &header[..7]);
    let list = cells_of(buf, "RED Attack near").expect("the list row names it");
    assert!(list[..3].iter().all(|c| c.fg == red && c.modifier.contains(ratatui::style::Modifier::BOLD)));
    let amber = cells_of(buf, "AMBER").expect("an amber briefing in the list");
    assert!(amber[..5].iter().all(|c| c.fg == ratatui::style::Color::Yellow));
    assert!(
        cells_of(buf, "CLEAR ").is_none(),
        "TLP:CLEAR is not repeated in the list:\n{}",
        screen(&mut app, 100, 30, UNICODE)
    );
}

/// `n` and `N` step through the last search's matches, round the ends, each
/// step a jump that Back returns from; before any search `n` says how to search.
#[test]
fn n_and_shift_n_step_through_the_last_searchs_matches() {
    let mut app = app();
    press(&mut app, "n");
    assert_eq!(app.status(), Some("no search yet: / searches"));
    let expected: Vec<String> = {
        let hits = app.index().search("c: neumann", 200);
        hits.iter().map(|h| app.corpus().entity(h.entity).id.clone()).collect()
    };
    assert!(expected.len() >= 3, "{expected:?}");
    press(&mut app, "/");
    type_text(&mut app, "c: neumann");
    press(&mut app, "Enter");
    assert_eq!(subject(&app), expected[0]);
    press(&mut app, "n");
    assert_eq!(subject(&app), expected[1]);
    assert_eq!(app.status(), Some(format!("match 2 of {} for 'c: neumann'", expected.len()).as_str()));
    press(&mut app, "N N");
    assert_eq!(subject(&app), expected[expected.len() - 1], "N from the first goes round to the last");
    press(&mut app, "Backspace");
    assert_eq!(subject(&app), expected[0], "each step is a jump Back returns from");
}

/// `Enter` on an entity shows its text from the top, not its links; the first
/// `j` (or `Enter`) shows the first link, and only a link in view is followed.
#[test]
fn enter_shows_the_text_first_and_only_a_link_in_view_is_followed() {
    let mut app = app();
    select_claim(&mut app, "is-claims-krasnogorsk-attack");
    press(&mut app, "Enter");
    assert_eq!(app.focus(), Pane::Detail);
    let shown = screen(&mut app, 80, 24, UNICODE);
    assert!(shown.contains("CLAIM  is-claims-krasnogorsk-attack"), "the top of the detail:\n{shown}");
    assert!(!shown.contains("▸by"), "no link is pointed at yet:\n{shown}");
    press(&mut app, "j");
    assert_eq!(app.selection(Pane::Detail), 0, "the first j shows the first link");
    let shown = screen(&mut app, 80, 24, UNICODE);
    assert!(shown.contains("▸by"), "{shown}");
    press(&mut app, "Enter");
    assert_eq!(subject(&app), "amaq", "a link in view is followed");

    press(&mut app, "Backspace");
    select_claim(&mut app, "is-claims-krasnogorsk-attack");
    press(&mut app, "Enter Enter");
    assert_eq!(subject(&app), "is-claims-krasnogorsk-attack", "the first Enter only shows the link");
    screen(&mut app, 80, 24, UNICODE);
    press(&mut app, "Enter");
    assert_eq!(subject(&app), "amaq");
}

/// `brief ID` opens on that entity, `brief /QUERY` with the finder on QUERY;
/// an unknown id says so and still opens, and a start given before the folder
/// has loaded waits for it.
#[test]
fn the_reader_starts_where_the_command_line_says() {
    use brief::reader::app::Start;
    let mut app = super::app();
    app.start_at(Start::Id("peter-neumann".into()));
    assert_eq!(subject(&app), "peter-neumann");
    assert_eq!(open(&app), "moscow-attack-2024");

    let mut app = super::app();
    app.start_at(Start::Id("nobody".into()));
    assert_eq!(app.status(), Some("no entity 'nobody': try brief /nobody to search"));
    assert_eq!(app.mode(), Mode::Normal);

    let mut app = super::app();
    app.start_at(Start::Query("c: fake".into()));
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.finder().map(brief::reader::finder::Finder::query), Some("c: fake"));
    press(&mut app, "Enter");
    assert_eq!(app.corpus().entity(app.subject().unwrap()).kind(), brief::Kind::Claim);

    // Before the folder is loaded (the reader starts on an empty corpus).
    let empty = brief::Corpus::default();
    let mut app = App::new(Arc::new(empty));
    app.start_at(Start::Id("peter-neumann".into()));
    let corpus = brief::load::load(&common::briefings()).unwrap();
    let index = brief::search::ready(brief::search::Index::build(&corpus));
    app.set_corpus(Arc::new(corpus), index);
    assert_eq!(subject(&app), "peter-neumann", "the start waited for the load");
}

/// `Y` copies the command line that opens a colleague's reader on the same
/// entity, and that command does open there.
#[test]
fn shift_y_copies_the_command_that_opens_the_same_place() {
    let mut app = super::app();
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Y");
    let Some(Effect::Copy(text)) = app.take_effects().pop() else { panic!("Y copies") };
    assert_eq!(text, "brief neumann-is-claim-genuine");
    let mut colleague = super::app();
    let id = text.strip_prefix("brief ").unwrap();
    colleague.start_at(brief::reader::app::Start::Id(id.into()));
    assert_eq!(subject(&colleague), "neumann-is-claim-genuine");
}

/// `I` copies the selection's id alone, to link it from a briefing.
#[test]
fn shift_i_copies_the_id() {
    let mut app = super::app();
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "I");
    let Some(Effect::Copy(text)) = app.take_effects().pop() else { panic!("I copies") };
    assert_eq!(text, "neumann-is-claim-genuine");
}

/// On a wide terminal the list is wider, so titles are not cut at ~20 characters.
#[test]
fn list_titles_use_the_width_a_wide_terminal_has() {
    let shown = screen(&mut super::app(), 220, 40, UNICODE);
    assert!(shown.contains("Attack near Moscow and the IS claim of"), "{shown}");
    let narrow = screen(&mut super::app(), 80, 24, UNICODE);
    assert!(
        narrow.lines().nth(1).is_some_and(|l| l.contains("Attack near Mo…│")),
        "80 columns keep a narrow list:\n{narrow}"
    );
}

/// `↑` in an empty finder recalls earlier queries, newest first, from a
/// history kept beside the state file, so it is there after a restart.
#[test]
fn up_in_an_empty_finder_recalls_earlier_queries_across_restarts() {
    use brief::reader::queries::Queries;
    let dir = common::scratch("query-history");
    let state = dir.join("state.toml");
    let mut app = super::app();
    app.set_queries(Queries::beside(&state));
    for q in ["neum", "c: fake"] {
        press(&mut app, "/");
        type_text(&mut app, q);
        press(&mut app, "Enter");
    }
    let query = |app: &App| app.finder().map(|f| f.query().to_string());
    let mut again = super::app();
    again.set_queries(Queries::beside(&state));
    press(&mut again, "/");
    press(&mut again, "Up");
    assert_eq!(query(&again).as_deref(), Some("c: fake"), "the newest first");
    press(&mut again, "Up Up");
    assert_eq!(query(&again).as_deref(), Some("neum"), "then older, stopping at the oldest");
    press(&mut again, "Down");
    assert_eq!(query(&again).as_deref(), Some("c: fake"));
    press(&mut again, "Down");
    assert_eq!(query(&again).as_deref(), Some(""), "past the newest, an empty line again");
    type_text(&mut again, "ame");
    press(&mut again, "Up");
    assert_eq!(query(&again).as_deref(), Some("ame"), "with something typed, ↑ moves among the matches");
}

/// A claim linked bare from prose reads as a short reference (its id, styled
/// as a link), not its whole sentence again inside the summary; the detail's
/// Links rows follow it.
#[test]
fn a_claim_linked_from_prose_reads_as_a_short_reference() {
    let mut app = super::app();
    let shown = screen(&mut app, 160, 48, UNICODE);
    assert!(shown.contains("Moscow left 62 dead (attack-death-toll-62)."), "{shown}");
    assert!(!shown.contains("(The attack near Moscow left 62 dead"), "the sentence is not repeated:\n{shown}");
}

/// `s` hides the briefing list, giving the open briefing the width; the
/// focus never stays on the hidden list, `Tab` passes over it, and `s` or `1`
/// brings it back.
#[test]
fn s_hides_the_sidebar_and_tab_passes_over_it() {
    let mut app = super::app();
    assert_eq!(app.focus(), Pane::Briefings);
    press(&mut app, "s");
    let shown = screen(&mut app, 80, 24, UNICODE);
    assert!(!shown.contains("Briefings"), "{shown}");
    assert!(
        shown.starts_with(" Attack near Moscow and the IS claim of responsibility"),
        "the header has the width:\n{shown}"
    );
    assert_ne!(app.focus(), Pane::Briefings);
    for _ in 0..6 {
        press(&mut app, "Tab");
        assert_ne!(app.focus(), Pane::Briefings, "Tab passes over the hidden list");
    }
    press(&mut app, "1");
    assert_eq!(app.focus(), Pane::Briefings);
    assert!(screen(&mut app, 80, 24, UNICODE).contains("Briefings"), "1 shows the list again");
    press(&mut app, "s s");
    assert!(screen(&mut app, 80, 24, UNICODE).contains("Briefings"), "s twice: back");
}

/// A restart opens where the last session quit (briefing, pane, entity) while
/// it still exists, and says nothing when it is gone.
#[test]
fn a_restart_resumes_at_the_place_it_quit_while_it_exists() {
    use brief::reader::app::Start;
    let mut first = super::app();
    select_claim(&mut first, "neumann-is-claim-genuine");
    let place = first.place().expect("a place");
    let mut again = super::app();
    again.start_at(Start::Resume(place.clone()));
    assert_eq!((again.focus(), subject(&again)), (Pane::Claims, "neumann-is-claim-genuine"));
    // Shown at start is not opened: the restored briefing is not marked read.
    let (mut fresh, _dir) = app_with_state("resume-unread");
    let elsewhere = brief::reader::history::Place { briefing: "russia-hostage-sieges".into(), entity: None };
    fresh.start_at(Start::Resume(elsewhere));
    assert_eq!(subject(&fresh), "russia-hostage-sieges");
    assert!(!fresh.store().is_read("russia-hostage-sieges"), "restored, never opened: not read");
    let gone = brief::reader::history::Place { entity: Some("no-such-claim".into()), ..place };
    let mut again = super::app();
    again.start_at(Start::Resume(gone));
    assert_eq!(again.status(), None, "a place that is gone is not said");
}

/// Moving in the list previews the briefing under the cursor (header and
/// panes), says so, and marks the open one apart; leaving the list opens
/// the preview, and only then is it read.
#[test]
fn moving_in_the_list_previews_and_tells_cursor_from_open() {
    let (mut app, _dir) = app_with_state("preview");
    press(&mut app, "Enter 1");
    let opened = open(&app).to_string();
    press(&mut app, "j");
    let cursor = app.corpus().entity(app.selected_in(Pane::Briefings).unwrap()).id.clone();
    assert_ne!(cursor, opened);
    assert_eq!(open(&app), opened, "moving the cursor opens nothing");
    assert!(app.previewing());
    let shown = app.corpus().briefing(app.shown().unwrap()).unwrap();
    assert_eq!(app.rows(Pane::Claims), shown.claims.as_slice(), "the panes show the cursor's briefing");
    assert!(!app.store().is_read(&cursor), "a preview is not a reading");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.lines().next().unwrap().contains("Preview: "), "{drawn}");
    let marked: Vec<&str> = drawn.lines().filter(|l| l.contains("│▹")).collect();
    assert_eq!(marked.len(), 1, "the open briefing is marked in the list: {drawn}");

    press(&mut app, "Tab");
    assert_eq!(open(&app), cursor, "leaving the list opens the preview");
    assert!(!app.previewing());
    assert!(app.store().is_read(&cursor));
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(!drawn.contains("Preview: ") && !drawn.contains('▹'), "{drawn}");
}

/// A note can hold line breaks (`Alt-Enter`, or `Ctrl-j`): the editor shows
/// its lines, the note is saved with them and the detail shows them as lines.
#[test]
fn a_note_holds_line_breaks() {
    let (mut app, path) = app_with_state("note-lines");
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "a");
    type_text(&mut app, "check the source");
    press(&mut app, "A-Enter");
    type_text(&mut app, "ask the desk");
    press(&mut app, "C-j");
    type_text(&mut app, "third");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    let rows: Vec<&str> = drawn.lines().rev().skip(2).take(3).collect(); // under them: the box's edge, the footer
    assert!(rows[2].contains("check the source") && rows[1].contains("ask the desk"), "{drawn}");
    assert!(rows[0].contains("third_"), "the cursor at the end of the last line: {drawn}");
    assert!(footer(&drawn).contains("new line"), "{drawn}");
    press(&mut app, "Enter");
    let note = app.store().marks("neumann-is-claim-genuine").note.clone();
    assert_eq!(note.as_deref(), Some("check the source\nask the desk\nthird"));
    let saved = brief::state::ReviewFile::open(&path).0;
    assert_eq!(saved.marks("neumann-is-claim-genuine").note, note, "saved as written");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    let at = drawn.lines().position(|l| l.contains("check the source")).expect("the detail shows the note");
    assert!(drawn.lines().nth(at + 1).unwrap().contains("ask the desk"), "each line on its own row: {drawn}");
}

/// Under shared review a teammate's progress stands before the tags, so an
/// 80- or 160-column header shows it.
#[test]
fn a_teammates_progress_is_in_sight_at_80_and_160_columns() {
    let dir = common::scratch("team-progress");
    for entry in std::fs::read_dir(common::briefings()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(dir.join(".brief/review")).unwrap();
    std::fs::write(dir.join(".brief/team.toml"), "").unwrap();
    let (mut ben, _) = brief::state::ReviewFile::open(dir.join(".brief/review/ben.toml"));
    ben.toggle_reviewed("attack-death-toll-62").unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_team(Some(brief::team::Team::load(&dir, "ana")));
    for (width, height) in [(80, 24), (160, 45)] {
        let drawn = screen(&mut app, width, height, UNICODE);
        assert!(drawn.contains("ben 1/"), "{width}x{height}:\n{drawn}");
    }
}

/// On a wide screen the panes that list something get the room; one that
/// says `none` keeps room for its title.
#[test]
fn wide_panes_give_the_room_to_the_panes_with_rows() {
    let mut app = App::new(Arc::new(brief::load::load(&common::fixture("filters")).unwrap()));
    app.start_at(brief::reader::app::Start::Id("plain".into()));
    let drawn = screen(&mut app, 160, 45, UNICODE);
    let top = drawn.lines().find(|l| l.contains("╭ Claims 1")).unwrap_or_else(|| panic!("{drawn}"));
    let box_width = |title: &str| {
        let from = top.find(title).unwrap();
        top[from..].find('╮').map(|to| top[from..from + to].chars().count()).unwrap()
    };
    assert!(box_width("╭ Claims 1") > 2 * box_width("╭ Actors 0"), "{top}");
    assert!(box_width("╭ Claims 1") > 2 * box_width("╭ Precedents 0"), "{top}");
}
