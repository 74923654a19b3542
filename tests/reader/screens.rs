//! Every screen of the reader, drawn whole at 80x24 (the size that matters
//! over SSH) and 160x45, and held against the snapshot a person has read
//! (`cargo insta review`, or `INSTA_UPDATE=always` and read the diff).

use super::*;

/// The screen after `keys` at both sizes, each a snapshot of its own.
fn both_sizes(name: &str, mut app: App, keys: &str) {
    press(&mut app, keys);
    for (width, height) in [(80, 24), (160, 45)] {
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(&mut app, width, height, UNICODE));
    }
}

#[test]
fn the_first_screen() {
    both_sizes("first", app(), "");
}

#[test]
fn a_claim_in_the_detail() {
    let mut app = app();
    select_claim(&mut app, "neumann-is-claim-genuine");
    both_sizes("claim", app, "");
}

#[test]
fn help_in_ascii() {
    let mut app = app();
    press(&mut app, "?");
    insta::assert_snapshot!("help_80x24_ascii", screen(&mut app, 80, 24, Theme::new(false, true)));
}

#[test]
fn the_contradictions_view() {
    both_sizes("contradictions", app(), "C");
}

#[test]
fn the_timeline() {
    both_sizes("timeline", app(), "T");
}

#[test]
fn the_finder() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "neumann");
    both_sizes("finder", app, "");
}

#[test]
fn the_views_picker() {
    both_sizes("views", app(), "v");
}

#[test]
fn an_actors_dossier() {
    let mut app = app();
    app.start_at(brief::reader::app::Start::Id("peter-neumann".into()));
    both_sizes("dossier", app, "");
}

#[test]
fn the_problems_overlay() {
    let corpus = brief::load::load(&common::fixture("broken-reader")).unwrap();
    both_sizes("problems", App::new(Arc::new(corpus)), "!");
}
