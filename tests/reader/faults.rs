//! The faults a first-use trial found (issue 11), each kept from coming back.

use super::*;

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
    let dir = common::scratch(name);
    std::fs::write(dir.join("moscow-attack-2024.toml"), example).unwrap();
    dir
}

/// Issue 11, fault 4: hard-wrapped prose flows as a paragraph, and closing
/// punctuation never starts a line.
#[test]
fn hard_wrapped_prose_reads_as_a_paragraph() {
    let dir = format_example("prose");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let text = screen(&mut app, 100, 40, UNICODE);
    assert!(text.contains("claimed responsibility (is-claims-attack)"), "one paragraph:\n{text}");
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
    let index = Arc::new(brief::search::Index::build(&corpus));
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
    assert!(shown.contains("at the time of the report (attack-death-toll-62)."), "{shown}");
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
    let gone = brief::reader::history::Place { entity: Some("no-such-claim".into()), ..place };
    let mut again = super::app();
    again.start_at(Start::Resume(gone));
    assert_eq!(again.status(), None, "a place that is gone is not said");
}
