//! Review that survives edits (issue 12): a mark vouches only for what was
//! read; an edit afterwards shows as changed since reviewed.

use super::*;

#[test]
fn an_edit_after_review_shows_as_changed_until_reviewed_again() {
    let dir = copied_folder("changed");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(dir.join("state.toml")).0);
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "x");
    let progress = |app: &mut App| {
        let drawn = screen(app, 100, 30, UNICODE);
        drawn.contains(" 1/25 Attack near")
    };
    assert!(progress(&mut app), "one reviewed: {}", screen(&mut app, 100, 30, UNICODE));
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("is genuine: it was sent", "is authentic: it was sent")).unwrap();
    reload(&mut app, &dir);

    let drawn = screen(&mut app, 100, 30, UNICODE);
    let row = drawn.lines().find(|l| l.contains("The IS letter of responsibility")).expect("the claim's row");
    assert!(row.contains('⟳') && !row.contains('✓'), "its own mark: {row}");
    assert!(drawn.contains("⟳ changed since reviewed: text"), "the detail says which field: {drawn}");
    assert!(!progress(&mut app), "a changed claim is not counted as reviewed");
    assert!(drawn.contains('✦'), "the briefing read before shows as updated: {drawn}");

    press(&mut app, "/");
    type_text(&mut app, "is:changed");
    let hits: Vec<&str> =
        app.finder().unwrap().hits().iter().map(|h| app.corpus().entity(h.entity).id.as_str()).collect();
    assert_eq!(hits, ["neumann-is-claim-genuine"]);
    press(&mut app, "Esc g u");
    assert_eq!(subject(&app), "neumann-is-claim-genuine", "u visits changed entities first");
    press(&mut app, "x");
    assert!(app.status().is_some_and(|s| s.starts_with("reviewed again")), "{:?}", app.status());
    assert!(app.store().marks("neumann-is-claim-genuine").reviewed);
    let drawn = screen(&mut app, 100, 30, UNICODE);
    assert!(!drawn.contains('⟳') && progress(&mut app), "reviewed as it is now: {drawn}");
    press(&mut app, "U");
    assert!(screen(&mut app, 100, 30, UNICODE).contains('⟳'), "undo puts back the old fingerprint");
}
