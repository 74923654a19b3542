//! Questions over the whole folder (issue 10): filters in the finder and on
//! the list and panes, and the views over the filtered set.

use super::*;
use brief::reader::app::Screen;

/// A bad filter in the finder: said on its query line, the last good
/// results kept; Enter goes nowhere until it is fixed.
#[test]
fn the_finder_says_what_is_wrong_with_a_filter_and_keeps_the_last_results() {
    let (mut app, _state) = app_with_state("finder-filter");
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "f /");
    type_text(&mut app, "is:flagged");
    let hits: Vec<&str> =
        app.finder().unwrap().hits().iter().map(|h| app.corpus().entity(h.entity).id.as_str()).collect();
    assert_eq!(hits, ["neumann-is-claim-genuine"], "the finder reads the marks");
    type_text(&mut app, " is:fla");
    let hint = app.finder().unwrap().error().expect("not valid yet");
    assert!(hint.incomplete, "a filter being typed is a hint, not an error");
    type_text(&mut app, "ed");
    let finder = app.finder().unwrap();
    assert_eq!(finder.query(), "is:flagged is:flaed");
    let error = finder.error().expect("a bad filter");
    assert!(!error.incomplete && error.message.contains("did you mean 'flagged'?"), "{error:?}");
    assert_eq!(finder.hits().len(), 1, "the last good results stay");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("is:flaed: unknown state") && drawn.contains("not a valid query"), "{drawn}");
    press(&mut app, "Enter");
    assert!(app.finder().is_some(), "Enter waits for a valid query");
}

fn listed(app: &App, pane: Pane) -> Vec<String> {
    app.rows(pane).iter().map(|&e| app.corpus().entity(e).id.clone()).collect()
}

/// `&` applies a query to the list and the panes, with counts, and the
/// header shows it until an empty `&` clears it.
#[test]
fn a_filter_keeps_only_matching_briefings_and_entities_until_cleared() {
    let mut app = app();
    press(&mut app, "&");
    type_text(&mut app, "c: is:contradicted");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("5 matches in 1 briefing"), "the count as it is typed: {drawn}");
    press(&mut app, "Enter");
    assert_eq!(listed(&app, Pane::Briefings), ["moscow-attack-2024"]);
    let claims = listed(&app, Pane::Claims);
    assert_eq!(claims.len(), 5);
    assert!(claims.iter().all(|c| !app.corpus().contradictions(app.corpus().get(c).unwrap()).is_empty()));
    assert!(listed(&app, Pane::Actors).is_empty());
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.lines().next().unwrap().contains("& c: is:contradicted · 5 matches in 1 briefing"), "{drawn}");
    assert!(drawn.contains("Briefings 1/3") && drawn.contains("Claims 5/12"), "{drawn}");

    // A bad filter leaves the line open and the filter as it was.
    press(&mut app, "& C-u");
    type_text(&mut app, "is:flaged");
    press(&mut app, "Enter");
    assert!(app.status().is_some_and(|s| s.contains("did you mean 'flagged'?")), "{:?}", app.status());
    assert_eq!(app.filter().map(|f| f.query.as_str()), Some("c: is:contradicted"));
    press(&mut app, "C-u Enter");
    assert!(app.filter().is_none());
    assert_eq!(listed(&app, Pane::Briefings).len(), 3, "an empty filter lists everything again");
}

/// Going to something the filter leaves out (a link, a search) shows it
/// and turns the filter off, saying so.
#[test]
fn going_outside_the_filter_turns_it_off() {
    let mut app = app();
    press(&mut app, "&");
    type_text(&mut app, "tag:chechnya");
    press(&mut app, "Enter");
    assert_eq!(listed(&app, Pane::Briefings), ["russia-hostage-sieges"]);
    press(&mut app, "/");
    type_text(&mut app, "neumann");
    press(&mut app, "Enter");
    assert!(app.filter().is_none());
    assert!(app.status().is_some_and(|s| s.starts_with("filter off: peter-neumann")), "{:?}", app.status());
    assert_eq!(subject(&app), "peter-neumann");
}

/// A reload works the filter out again over what was loaded.
#[test]
fn a_reload_keeps_the_filter() {
    let dir = copied_folder("filter-reload");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "&");
    type_text(&mut app, "tag:chechnya");
    press(&mut app, "Enter");
    let file = dir.join("ispk.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace("tags = [", "tags = [\"chechnya\", ");
    std::fs::write(&file, text).unwrap();
    let corpus = brief::load::load(&dir).unwrap();
    let index = brief::search::ready(brief::search::Index::build(&corpus));
    app.set_corpus(Arc::new(corpus), index);
    assert_eq!(listed(&app, Pane::Briefings).len(), 2, "the newly tagged briefing is listed");
    assert_eq!(app.filter().map(|f| f.query.as_str()), Some("tag:chechnya"));
}

/// `v` lists the named views with what each gives now; `Enter` applies one.
#[test]
fn the_view_picker_counts_each_view_and_applies_one() {
    let (mut app, _state) = app_with_state("views");
    app.set_views(vec![("contested".into(), "c: is:contradicted".into()), ("broken".into(), "is:flaged".into())]);
    press(&mut app, "v");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    let row = drawn.lines().find(|l| l.contains("contested")).expect("the view is listed");
    assert!(row.contains("5 matches in 1 briefing") && row.contains("c: is:contradicted"), "{row}");
    assert!(drawn.contains("did you mean 'flagged'?"), "a view with a bad query says so: {drawn}");
    press(&mut app, "Enter");
    assert_eq!(app.filter().map(|f| f.query.as_str()), Some("c: is:contradicted"));
    assert_eq!(listed(&app, Pane::Claims).len(), 5);
}

fn pair_ids(app: &App) -> Vec<[String; 2]> {
    let Screen::Pairs(view) = app.screen() else { panic!("the contradictions view is open") };
    view.pairs.iter().map(|p| p.sides.map(|s| app.corpus().entity(s).id.clone())).collect()
}

/// `C`: every contradicting pair once, whichever side states it; `Tab`
/// switches side, `x` marks the focused side, `Enter` opens it and
/// `Backspace` comes back to the view; `s` adds the supporting pairs.
#[test]
fn the_contradictions_view_lists_each_pair_once_and_marks_the_focused_side() {
    let dir = copied_folder("pairs");
    let file = dir.join("moscow-attack-2024.toml");
    // The pair is-claims-krasnogorsk-attack / ukraine-responsible-narrative, stated from the other side too.
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "id = \"ukraine-responsible-narrative\"",
        "id = \"ukraine-responsible-narrative\"\ncontradicts = [\"is-claims-krasnogorsk-attack\"]",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(dir.join("state.toml")).0);
    press(&mut app, "C");
    let pairs = pair_ids(&app);
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    let mut unordered: Vec<_> = pairs
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.sort();
            p
        })
        .collect();
    unordered.dedup();
    assert_eq!(unordered.len(), 5, "no pair twice");
    let [a, b] = pairs[0].clone();
    press(&mut app, "Tab x");
    assert!(app.store().marks(&b).reviewed && !app.store().marks(&a).reviewed, "x marks the focused side");
    press(&mut app, "j Enter");
    assert_eq!(*app.screen(), Screen::Main);
    assert_eq!(subject(&app), pairs[1][1], "Enter opens the focused side");
    press(&mut app, "Backspace");
    assert_eq!(pair_ids(&app), pairs, "Backspace returns to the view");
    press(&mut app, "s");
    assert_eq!(pair_ids(&app).len(), 8, "supporting pairs too");
    press(&mut app, "Esc");
    assert_eq!(*app.screen(), Screen::Main);
}

/// The view honours the filter: pairs with a side it keeps.
#[test]
fn the_contradictions_view_honours_the_filter() {
    let mut app = app();
    press(&mut app, "&");
    type_text(&mut app, "by:neumann");
    press(&mut app, "Enter C");
    let pairs = pair_ids(&app);
    assert!(!pairs.is_empty() && pairs.len() < 6, "{pairs:?}");
    assert!(pairs.iter().all(|p| p.iter().any(|id| id.starts_with("neumann-"))), "{pairs:?}");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("A 1 of") && drawn.contains("B 1 of"), "one above the other at 80 columns: {drawn}");
}

/// `T`: what is dated on one axis, earliest first, the empty years between
/// 2004 and 2024 cut to a marked break; `Enter` opens a row and `Backspace`
/// comes back; under `--ascii` the same picture in ASCII.
#[test]
fn the_timeline_draws_spans_on_a_compressed_axis() {
    let mut app = app();
    press(&mut app, "T");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    let ticks = drawn.lines().nth(1).unwrap();
    assert!(ticks.contains("2002") && ticks.contains("2004") && ticks.contains("┈┈ 2024"), "{drawn}");
    let row = |name: &str| drawn.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}: {drawn}"));
    let dubrovka = row("precedent Dubrovka");
    let beslan = row("precedent Beslan");
    let bar = |l: &str| l.find('━').expect("a span");
    assert!(bar(dubrovka) < bar(beslan), "2002 before 2004-09");
    assert!(dubrovka.matches('━').count() > beslan.matches('━').count(), "a year is longer than a month");
    let Screen::Timeline(view) = app.screen() else { panic!("the timeline is open") };
    let first = view.focused().unwrap();
    press(&mut app, "Enter");
    assert_eq!(app.subject(), Some(first));
    press(&mut app, "Backspace");
    assert!(matches!(app.screen(), Screen::Timeline(_)), "Backspace returns to the timeline");
    let plain = screen(&mut app, 80, 24, Theme::new(false, true));
    assert!(plain.contains(" ~~ 2024") && plain.contains("==") && plain.is_ascii(), "{plain}");
}

/// Every dated row of the timeline says its date: right of the bar where it
/// fits, else left of it (the rightmost rows lost theirs).
#[test]
fn every_timeline_row_shows_its_date() {
    let mut app = app();
    press(&mut app, "T");
    let Screen::Timeline(view) = app.screen() else { panic!("the timeline is open") };
    let count = view.items.len();
    let drawn = screen(&mut app, 80, 24, UNICODE);
    let rows: Vec<&str> = drawn.lines().filter(|l| l.contains('━') || l.contains('●')).collect();
    assert!(rows.len() >= count.min(18), "{drawn}");
    // A date beside its bar or point: `━ 2024-03` or `2024-03 ━`.
    let dated = |l: &str| {
        let c: Vec<char> = l.chars().collect();
        c.windows(3).any(|w| {
            let glyph = |g: char| g == '━' || g == '●';
            (glyph(w[0]) && w[1] == ' ' && w[2].is_ascii_digit())
                || (w[0].is_ascii_digit() && w[1] == ' ' && glyph(w[2]))
        })
    };
    for row in rows {
        assert!(dated(row), "a row without its date: {row}\n{drawn}");
    }
}

#[test]
fn the_timeline_honours_the_filter() {
    let mut app = app();
    press(&mut app, "&");
    type_text(&mut app, "p:");
    press(&mut app, "Enter T");
    let Screen::Timeline(view) = app.screen() else { panic!("the timeline is open") };
    let ids: Vec<&str> = view.items.iter().map(|i| app.corpus().entity(i.entity).id.as_str()).collect();
    assert_eq!(ids, ["dubrovka-siege-2002", "beslan-siege-2004"]);
}

/// An actor's detail is its dossier: the claims it makes (with grade and
/// `≠`), what is about it, affiliations and the briefings it appears in,
/// each a row to follow.
#[test]
fn an_actors_detail_view_is_its_dossier() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "peter neumann");
    press(&mut app, "Enter Enter");
    assert_eq!(subject(&app), "peter-neumann");
    let sections: Vec<&str> = app.detail_links().iter().map(|r| r.section).collect();
    let by = sections.iter().filter(|s| **s == "Claims by it").count();
    // Six claims and the hypothesis he puts forward.
    assert_eq!(by, 7);
    assert!(sections.contains(&"Affiliated") && sections.contains(&"Appears in"), "{sections:?}");
    let drawn = screen(&mut app, 160, 48, UNICODE);
    assert!(drawn.contains("Claims by it") && drawn.contains("?? ≠ The IS letter of responsibility"), "{drawn}");
    press(&mut app, "j Enter");
    assert!(subject(&app).starts_with("neumann-"), "a row is followed like a link: {}", subject(&app));
}

/// After `&`, the detail shows a match: the flagged claim, not the briefing
/// it is in.
#[test]
fn a_filter_leaves_the_detail_on_a_match() {
    let (mut app, _path) = super::app_with_state("filter-detail");
    press(&mut app, "Tab Tab j j f");
    let flagged = app.subject().expect("a claim is selected");
    assert!(app.store().marks(&app.corpus().entity(flagged).id).flagged, "f flagged it");
    press(&mut app, "BackTab BackTab");
    assert_eq!(app.focus(), Pane::Briefings);
    press(&mut app, "&");
    type_text(&mut app, "is:flagged");
    press(&mut app, "Enter");
    assert_eq!(listed(&app, Pane::Claims), [app.corpus().entity(flagged).id.clone()]);
    assert_eq!(app.focus(), Pane::Claims);
    assert_eq!(app.subject(), Some(flagged), "the detail shows the flagged claim");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains(&format!("CLAIM  {}", app.corpus().entity(flagged).id)), "{drawn}");
}

/// Zoomed on the detail, a jump shows where it went, in the detail.
#[test]
fn a_jump_while_zoomed_shows_its_target_in_the_detail() {
    let mut app = app();
    press(&mut app, "Tab Tab Enter z");
    assert!(app.zoomed());
    press(&mut app, "/");
    type_text(&mut app, "ispk");
    press(&mut app, "Enter");
    let ispk = app.corpus().get("ispk").expect("the ISPK actor");
    assert_eq!((app.focus(), app.subject()), (Pane::Detail, Some(ispk)));
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("ACTOR  ispk"), "the actor's detail, full screen: {drawn}");
}

/// The finder gives the label the room and the briefing's id what is left:
/// at 80 columns a claim reads to its middle, at 40 the id goes.
#[test]
fn the_finder_gives_the_label_the_room() {
    for (width, height, shown) in
        [(80, 24, "The US embassy in Moscow had already warned at"), (40, 12, "The US embassy in")]
    {
        let mut app = app();
        press(&mut app, "/");
        type_text(&mut app, "embassy warned");
        let drawn = screen(&mut app, width, height, UNICODE);
        let row = drawn.lines().find(|l| l.contains("claim     ")).unwrap_or_else(|| panic!("{drawn}"));
        assert!(row.contains(shown), "{width}x{height}: {row}");
        if width == 40 {
            assert!(!row.contains("moscow-att"), "no room for the briefing at 40 columns: {row}");
        }
    }
}

/// At 80x24 a long pair is never cut silently: each side ends with its
/// briefing or says how many lines are left and how to read them.
#[test]
fn a_long_pair_at_80x24_says_what_is_cut() {
    let (mut app, _path) = super::app_with_state("long-pairs");
    press(&mut app, "C");
    let Screen::Pairs(view) = app.screen() else { panic!("the contradictions view is open") };
    let pairs = view.pairs.len();
    // Marks and notes on both sides make each side longer.
    for _ in 0..pairs {
        press(&mut app, "x a");
        type_text(&mut app, "checked against the report, line by line, with the desk");
        press(&mut app, "Enter Tab x Tab j");
    }
    press(&mut app, "g");
    for _ in 0..pairs {
        let drawn = screen(&mut app, 80, 24, UNICODE);
        let ends = drawn.matches("│in ").count() + drawn.matches("more line").count();
        assert!(ends >= 2, "each side shows its end or marks the cut:\n{drawn}");
        press(&mut app, "j");
    }
}
