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

/// Issue "Answers you can trust", item 9: a colleague's mark on a claim
/// changed since they reviewed it shows as changed (`⟳`, with their name),
/// not as `+1✓`; their mark on a claim left as it was still does.
#[test]
fn a_colleagues_mark_on_what_changed_since_shows_as_changed() {
    let dir = copied_folder("team-changed");
    std::fs::create_dir_all(dir.join(".brief/review")).unwrap();
    std::fs::write(dir.join(".brief/team.toml"), "").unwrap();
    let before = brief::load::load(&dir).unwrap();
    let mut ben = brief::state::ReviewFile::open_shared(dir.join(".brief/review/ben.toml")).0;
    for id in ["neumann-is-claim-genuine", "attack-death-toll-62"] {
        let seen = brief::fingerprint::of(&before, before.get(id).unwrap());
        ben.apply_seen(brief::state::Change::SetReviewed(id.into(), true), brief::state::Saw::Entity(seen)).unwrap();
    }
    let file = dir.join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("is genuine: it was sent", "is authentic: it was sent")).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(common::scratch("team-changed-ana").join("state.toml")).0);
    app.set_team(Some(brief::team::Team::load(&dir, "ana")));
    select_claim(&mut app, "neumann-is-claim-genuine");

    let drawn = screen(&mut app, 160, 48, UNICODE);
    // The claims pane's rows: grade, then the label.
    let row = |label: &str| {
        let row = format!("?? {label}");
        drawn.lines().find(|l| l.contains(&row)).unwrap_or_else(|| panic!("{label}: {drawn}"))
    };
    let changed = row("The IS letter of");
    assert!(changed.contains("+1⟳") && !changed.contains('✓'), "ben's mark, changed since: {changed}");
    assert!(row("The attack near Moscow").contains("+1✓"), "ben's mark on what did not change");
    assert!(drawn.contains("ben: ⟳ changed since reviewed: text"), "the detail names him and the field: {drawn}");
    assert!(!drawn.contains("ben: ✓"), "{drawn}");
    let plain = screen(&mut app, 160, 48, Theme::new(false, true));
    assert!(plain.contains("+1~") && plain.contains("ben: ~ changed since reviewed: text"), "{plain}");
}
