//! The ACH matrix screen (`M`) from the keyboard: rating cells with single
//! keys, undo, ratings surviving a restart, sorting by diagnosticity,
//! opening a claim and coming back, and how it draws at 80x24 and 160x45.

use super::*;
use brief::ach::{Level, Rating};
use brief::reader::app::Screen;

/// The ach fixture in the reader, with a state file of its own, its
/// briefing open and the matrix showing.
fn matrix_app(name: &str) -> (App, std::path::PathBuf) {
    let path = common::scratch(name).join("state.toml");
    let corpus = brief::load::load(&common::fixture("ach")).unwrap();
    let mut app = App::new(Arc::new(corpus));
    app.set_store(brief::state::ReviewFile::open(&path).0);
    press(&mut app, "Enter M");
    assert_eq!(app.mode(), Mode::Matrix);
    (app, path)
}

#[test]
fn single_keys_rate_the_focused_cell_and_u_undoes() {
    let (mut app, path) = matrix_app("matrix-rate");
    press(&mut app, "C l I l I");
    let store = app.store();
    assert_eq!(store.rating("e-confession", "h-a"), Some(Rating::CC));
    assert_eq!(store.rating("e-confession", "h-b"), Some(Rating::II));
    assert_eq!(store.rating("e-confession", "h-c"), Some(Rating::II));
    assert_eq!(app.subject().map(|e| app.corpus().entity(e).id.clone()).as_deref(), Some("e-confession"));
    press(&mut app, "j h c h i j n a j r r");
    assert_eq!(app.store().rating("e-rumour", "h-b"), Some(Rating::C));
    assert_eq!(app.store().rating("e-rumour", "h-a"), Some(Rating::I));
    assert_eq!(app.store().rating("e-timing", "h-a"), Some(Rating::NA), "n then a: the last key wins");
    assert_eq!(app.store().relevance("e-weapon"), Level::Low, "r twice: medium → high → low");
    press(&mut app, "U");
    assert_eq!(app.store().relevance("e-weapon"), Level::High);
    press(&mut app, "U U");
    assert_eq!(app.store().relevance("e-weapon"), Level::Medium, "back to where it started");
    assert_eq!(app.store().rating("e-timing", "h-a"), Some(Rating::N), "undo puts the earlier rating back");
    press(&mut app, "k k k -");
    assert_eq!(app.store().rating("e-confession", "h-a"), None, "- clears");

    // A restart reads them back.
    let reopened = brief::state::ReviewFile::open(&path).0;
    assert_eq!(reopened.rating("e-confession", "h-b"), Some(Rating::II));
    assert_eq!(reopened.rating("e-rumour", "h-a"), Some(Rating::I));
    assert_eq!(reopened.rating("e-timing", "h-a"), Some(Rating::N));
    assert_eq!(reopened.rating("e-confession", "h-a"), None);
}

#[test]
fn d_sorts_by_diagnosticity_and_enter_opens_the_claim_and_back_returns() {
    let (mut app, _path) = matrix_app("matrix-sort");
    // e-video discriminates (C against h-a, II against h-b); the rest are unrated.
    press(&mut app, "G c l I h");
    press(&mut app, "g d");
    let Screen::Matrix(view) = app.screen() else { panic!("the matrix is open") };
    assert!(view.by_diagnosticity);
    assert_eq!(view.order[0], 4, "the one claim that discriminates comes first");
    assert_eq!(view.order[view.row], 0, "the focus stays on the same claim");
    press(&mut app, "g Enter");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(subject(&app), "e-video");
    press(&mut app, "Backspace");
    assert_eq!(app.mode(), Mode::Matrix, "Backspace comes back to the matrix");
    press(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn a_briefing_without_hypotheses_says_so() {
    let mut app = App::new(Arc::new(brief::load::load(&common::fixture("good")).unwrap()));
    press(&mut app, "Enter M");
    assert_eq!(app.mode(), Mode::Normal);
    assert!(screen(&mut app, 80, 24, UNICODE).contains("no hypotheses"));
}

#[test]
fn the_matrix_draws_at_80x24_and_160x45_with_scores_leader_and_linchpin() {
    let (mut app, _path) = matrix_app("matrix-draw");
    // The fixture's known answers: h-a leads and e-confession alone decides it.
    press(&mut app, "C l I l I j h h i l c l i j j h h c l a G h h c l c l i");
    let big = screen(&mut app, 160, 45, UNICODE);
    assert!(big.contains("ACH matrix: 5 claims × 3 hypotheses"), "{big}");
    assert!(big.contains("H1*"), "the leader is starred: {big}");
    assert!(big.contains("B1 ! A group confessed."), "the linchpin: {big}");
    assert!(big.contains("++") && big.contains("--") && big.contains("na"), "{big}");
    assert!(big.contains("inconsistency   1     2     4"), "{big}");
    assert!(big.contains("H3 (#3): It was an accident."), "the focused hypothesis in full: {big}");
    let small = screen(&mut app, 80, 24, Theme::new(false, true));
    assert!(small.contains("H1*") && small.contains("grade claim"), "{small}");
    assert!(!small.contains('·'), "ASCII under --ascii: {small}");
    assert!(small.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn many_hypotheses_scroll_sideways_at_80_columns() {
    let dir = common::scratch("matrix-wide");
    let hypotheses: String =
        (1..=12).map(|i| format!("[[hypotheses]]\nid = \"h{i}\"\ntext = \"Hypothesis number {i}.\"\n")).collect();
    let text =
        format!("id = \"wide\"\ntitle = \"Wide\"\n[[claims]]\nid = \"one\"\ntext = \"One claim.\"\n{hypotheses}");
    std::fs::write(dir.join("wide.toml"), text).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    press(&mut app, "Enter M");
    let first = screen(&mut app, 80, 24, UNICODE);
    assert!(first.contains("H1") && !first.contains("H12") && first.contains("grade claim >"), "{first}");
    press(&mut app, "l l l l l l l l l l l");
    let last = screen(&mut app, 80, 24, UNICODE);
    assert!(last.contains("H12") && last.contains("< grade claim"), "{last}");
    assert!(last.contains("H12 (#12): Hypothesis number 12."), "{last}");
}

/// The ach fixture copied where a test may change it, in the reader with its
/// own state file, the matrix showing.
fn matrix_on_copy(name: &str) -> (App, std::path::PathBuf) {
    let dir = common::scratch(name);
    let folder = dir.join("briefings");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(common::fixture("ach").join("ach.toml"), folder.join("ach.toml")).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&folder).unwrap()));
    app.set_store(brief::state::ReviewFile::open(dir.join("state.toml")).0);
    press(&mut app, "Enter M");
    assert_eq!(app.mode(), Mode::Matrix);
    (app, folder)
}

fn reload(app: &mut App, folder: &std::path::Path) {
    let corpus = brief::load::load(folder).unwrap();
    let index = brief::search::ready(brief::search::Index::build(&corpus));
    app.set_corpus(Arc::new(corpus), index);
}

#[test]
fn a_reload_keeps_the_focus_and_the_ratings_on_their_claims_by_id_and_undo_still_works() {
    let (mut app, folder) = matrix_on_copy("matrix-reload");
    // e-confession: CC against h-a, II against h-b; e-rumour: I against h-b, focused.
    press(&mut app, "C l I j i");
    assert_eq!(subject(&app), "e-rumour");
    // The folder changes under the matrix: a claim comes first, another goes,
    // and the hypotheses change places (h-b first).
    let file = folder.join("ach.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen("[[claims]]", "[[claims]]\nid = \"e-new\"\ntext = \"A new claim came in.\"\n\n[[claims]]", 1)
        .replace("[[claims]]\nid = \"e-timing\"\ntext = \"The attack came at night.\"\n", "")
        .replace("[[hypotheses]]\nid = \"h-b\"\ntext = \"State B was responsible.\"\n", "")
        .replacen(
            "[[hypotheses]]",
            "[[hypotheses]]\nid = \"h-b\"\ntext = \"State B was responsible.\"\n\n[[hypotheses]]",
            1,
        );
    std::fs::write(&file, text).unwrap();
    reload(&mut app, &folder);
    assert_eq!(app.mode(), Mode::Matrix, "the matrix stays open");
    assert_eq!(subject(&app), "e-rumour", "on the same claim, wherever it moved");
    let drawn = screen(&mut app, 160, 45, UNICODE);
    assert!(drawn.contains("ACH matrix: 5 claims × 3 hypotheses"), "{drawn}");
    assert!(drawn.contains("H1 (#"), "the focus stays on h-b, now the first hypothesis: {drawn}");
    assert!(drawn.contains("State B was responsible."), "{drawn}");
    let row = |claim: &str| drawn.lines().find(|l| l.contains(claim)).unwrap_or_else(|| panic!("{claim}: {drawn}"));
    let confessed = row("A group confessed.");
    let (ii, cc) = (confessed.find("--").expect("II shown"), confessed.find("++").expect("CC shown"));
    assert!(ii < cc, "h-b's column first now, each rating on its hypothesis: {confessed}");
    assert!(!row("A new claim came in.").contains("++"), "the new claim is unrated");
    assert!(!drawn.contains("The attack came at night."), "the claim gone is gone");

    // Rate after the reload, then undo through it: every change by id.
    press(&mut app, "c");
    assert_eq!(app.store().rating("e-rumour", "h-b"), Some(Rating::C));
    press(&mut app, "U");
    assert_eq!(app.store().rating("e-rumour", "h-b"), Some(Rating::I), "undo after a reload puts back the rating");
    press(&mut app, "U U");
    assert_eq!(app.store().rating("e-rumour", "h-b"), None);
    assert_eq!(app.store().rating("e-confession", "h-b"), None, "the rating made before the reload is undone");
    assert_eq!(app.store().rating("e-confession", "h-a"), Some(Rating::CC));

    // d's order is kept through a reload too.
    press(&mut app, "d");
    reload(&mut app, &folder);
    let Screen::Matrix(view) = app.screen() else { panic!("the matrix is open") };
    assert!(view.by_diagnosticity);
    assert_eq!(subject(&app), "e-rumour");

    // Without hypotheses there is no matrix: the briefings again, and why.
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.find("[[hypotheses]]").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();
    reload(&mut app, &folder);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.status().unwrap_or_default().contains("hypotheses are gone"), "{:?}", app.status());
}

#[test]
fn ratings_made_in_the_matrix_feed_is_unrated_and_is_linchpin_in_the_filter_and_the_finder() {
    let (mut app, _path) = matrix_app("matrix-filters");
    // e-confession rated against every hypothesis: CC, II, II. It alone
    // decides the leader (h-a), so it is the linchpin.
    press(&mut app, "C l I l I Esc");
    press(&mut app, "&");
    type_text(&mut app, "is:unrated");
    press(&mut app, "Enter");
    let claims: Vec<String> = app.rows(Pane::Claims).iter().map(|&e| app.corpus().entity(e).id.clone()).collect();
    assert_eq!(claims, ["e-rumour", "e-timing", "e-weapon", "e-video"], "the claims left to rate");
    press(&mut app, "& C-u");
    type_text(&mut app, "is:linchpin");
    press(&mut app, "Enter");
    let claims: Vec<String> = app.rows(Pane::Claims).iter().map(|&e| app.corpus().entity(e).id.clone()).collect();
    assert_eq!(claims, ["e-confession"]);
    press(&mut app, "& C-u Enter /");
    type_text(&mut app, "is:diagnostic");
    let hits: Vec<String> =
        app.finder().expect("the finder").hits().iter().map(|h| app.corpus().entity(h.entity).id.clone()).collect();
    assert_eq!(hits, ["e-confession"], "/ reads the ratings too");
}
