//! The views over the whole folder as a person sees them in tmux, at 80x24
//! and at 160x48: the `&` filter, the contradictions view, the timeline and
//! an actor's dossier.

use super::tmux::{Launch, Tmux, briefings};

fn reader() -> Tmux {
    let t = Tmux::start(&Launch::dir(&briefings()));
    t.wait_for("Attack near Moscow");
    t
}

/// Both sizes: the screen at 80x24, then at 160x48.
fn at_both_sizes(t: &Tmux, what: &str, check: impl Fn(&str, u16)) {
    check(&t.wait_for(what), 80);
    t.resize(160, 48);
    t.wait_until("the 160x48 screen", |s| s.lines().any(|l| l.chars().count() > 81));
    check(&t.wait_for(what), 160);
}

#[test]
fn the_filter_keeps_matches_with_counts_and_shows_itself() {
    let t = reader();
    t.keys(&["&"]);
    t.wait_for("Filter the list and panes");
    t.type_text("c: is:contradicted");
    t.wait_for("5 matches in 1 briefing");
    t.keys(&["Enter"]);
    at_both_sizes(&t, "& c: is:contradicted · 5 matches", |s, w| {
        assert!(s.contains("Briefings 1/3") && s.contains("Claims 5/12"), "at {w} columns:\n{s}");
        assert!(!s.contains("Hostage sieges"), "only briefings with matches:\n{s}");
    });
}

#[test]
fn the_contradictions_view_shows_both_sides_whole() {
    let t = reader();
    t.keys(&["C"]);
    at_both_sizes(&t, "Contradictions: 5 pairs", |s, w| {
        let a = s.lines().position(|l| l.contains("A 1 of 5")).expect("side A");
        let b = s.lines().position(|l| l.contains("B 1 of 5")).expect("side B");
        if w >= 100 {
            assert_eq!(a, b, "side by side at {w} columns:\n{s}");
        } else {
            assert!(b > a, "one above the other at {w} columns:\n{s}");
        }
        assert!(s.contains("and then fled to safety."), "the claim's text is whole:\n{s}");
    });
    t.keys(&["Tab", "x"]);
    t.wait_for("✓ reviewed");
    t.keys(&["Enter"]);
    t.wait_for("CLAIM  telegram-is-message-fake");
    t.keys(&["BSpace"]);
    t.wait_for("Contradictions: 5 pairs");
}

#[test]
fn the_timeline_draws_the_years_with_a_break() {
    let t = reader();
    t.keys(&["T"]);
    at_both_sizes(&t, "Timeline: 8 dated", |s, w| {
        assert!(s.contains("┈┈ 2024"), "2004 to 2024 cut to a break at {w} columns:\n{s}");
        let row = s.lines().find(|l| l.contains("precedent Beslan")).expect("the Beslan row");
        assert!(row.contains('━'), "{row}");
    });
    t.keys(&["j", "j", "j", "Enter"]);
    t.wait_for("PRECEDENT  beslan-siege-2004");
}

#[test]
fn an_actors_detail_is_its_dossier() {
    let t = reader();
    t.keys(&["/"]);
    t.type_text("peter neumann");
    // Five entities and, since hypotheses, the one whose notes name him.
    t.wait_for("Search: 6 found");
    t.keys(&["Enter"]);
    t.wait_for("ACTOR  peter-neumann");
    // The detail from the top of its text; the first `j` brings the dossier into view.
    t.keys(&["Enter", "j"]);
    at_both_sizes(&t, "Claims by it", |s, w| {
        assert!(s.contains("▸claims          ?? ≠ The IS letter"), "at {w} columns:\n{s}");
    });
    t.keys(&["z"]);
    let s = t.wait_for("Appears in");
    assert!(s.contains("Affiliated") && s.contains("King's College London"), "{s}");
}
