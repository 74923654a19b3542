//! The ACH matrix (`M`) in a real terminal: the seed briefing's two
//! hypotheses rated from the keyboard, at 80x24 and at 160x45.

use super::tmux::{Launch, TempDir, Tmux, briefings};

#[test]
fn the_seed_matrix_is_rated_from_the_keyboard_at_80x24_and_160x45() {
    let dir = TempDir::new("matrix");
    let state = dir.path().join("state.toml");
    let t = Tmux::start(&Launch::dir(&briefings()).set("BRIEF_STATE", &state.to_string_lossy()));
    t.wait_for("Attack near Moscow");
    t.keys(&["Enter", "M"]);
    t.wait_for("ACH matrix: 12 claims × 2 hypotheses");
    // The toll: alike against both, so no help; the IS claim: CC and II.
    t.keys(&["n", "l", "n", "j", "h", "C", "l", "I"]);
    let s = t.wait_for("H1*");
    assert!(s.contains("++") && s.contains("--"), "{s}");
    assert!(s.contains("H2 (#2): Ukraine was responsible"), "the focused hypothesis in full: {s}");
    assert!(s.lines().all(|l| l.chars().count() <= 80), "{s}");
    t.resize(160, 45);
    // The whole wide screen, not the first rows of its drawing.
    let s = t.wait_until("the 160x45 screen", |s| {
        s.lines().any(|l| l.chars().count() > 81) && s.contains("linchpin: check it first")
    });
    assert!(s.contains("inconsistency") && s.contains("weighted"), "{s}");
    assert!(s.contains("linchpin: check it first"), "the IS claim alone decides the lead: {s}");
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(saved.contains("h-is-carried-out-attack = \"CC\""), "{saved}");
}
