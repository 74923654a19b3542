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
    for table in [keys::NORMAL, keys::SEARCH, keys::NOTE, keys::PROBLEMS, keys::MATRIX] {
        // An action bound in other views alone has no keys in the main view's table.
        for b in table.iter().filter(|b| !b.keys.is_empty()) {
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
    assert!(e.links.iter().any(|l| l.target(app.corpus()) == "no-such-actor"), "the claim that names it: {}", e.id);
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
