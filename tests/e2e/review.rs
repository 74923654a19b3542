//! Review marks as a person makes them: saved at once, seen by a second
//! reader running at the same time, and still there after a restart.

use super::tmux::{Launch, TempDir, Tmux, briefings};

fn reader(state: &std::path::Path) -> Tmux {
    let t = Tmux::start(&Launch::dir(&briefings()).set("BRIEF_STATE", &state.to_string_lossy()));
    t.wait_for("Attack near Moscow");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t
}

#[test]
fn marks_and_a_note_reach_a_second_reader_and_survive_a_restart() {
    let dir = TempDir::new("review");
    let state = dir.path().join("state.toml");
    let first = reader(&state);
    let second = reader(&state);

    first.keys(&["x", "f", "a"]);
    first.wait_for("Note on attack-death-toll-62");
    first.type_line("ask the desk for the final toll");
    let screen = first.wait_for("ask the desk");
    assert!(screen.contains("✓ reviewed") && screen.contains("⚑ flagged"), "{screen}");

    // The other reader picks the change up from the file, without a key.
    let seen = second.wait_for("ask the desk");
    assert!(seen.contains("✓ reviewed"), "{seen}");
    second.keys(&["j"]);
    second.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    second.keys(&["x"]);
    second.wait_for("✓ reviewed");

    first.keys(&["q"]);
    assert_eq!(first.exit_status(), 0);
    let again = reader(&state);
    let screen = again.wait_for("ask the desk");
    assert!(screen.contains("✓ reviewed") && screen.contains("⚑ flagged"), "{screen}");
    again.keys(&["j"]);
    again.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    let text = std::fs::read_to_string(&state).expect("the state file");
    assert!(text.contains("is-claims-krasnogorsk-attack"), "the second reader's mark is kept:\n{text}");
}
