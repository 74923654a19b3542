//! `brief rate` and `brief ach`: ratings saved to the analyst's state (or,
//! with shared review, their own review file), the matrix and scores as
//! text and as the JSON the issue gives, and a team's disagreements.

use super::*;

/// `brief ARGS` on the ach fixture with a state file of its own.
fn with_state(state: &Path, args: &[&str]) -> Output {
    brief(repo()).args(args).arg("--dir").arg(fixture("ach")).env("BRIEF_STATE", state).output().unwrap()
}

fn rate_all(state: &Path) {
    let cells = [
        ("e-confession", "h-a", "CC"),
        ("e-confession", "h-b", "II"),
        ("e-confession", "h-c", "II"),
        ("e-rumour", "h-a", "I"),
        ("e-rumour", "h-b", "C"),
        ("e-rumour", "h-c", "I"),
        ("e-timing", "h-a", "N"),
        ("e-timing", "h-b", "n"),
        ("e-weapon", "h-a", "C"),
        ("e-weapon", "h-b", "NA"),
        ("e-video", "h-a", "C"),
        ("e-video", "h-b", "C"),
        ("e-video", "h-c", "I"),
    ];
    for (claim, h, r) in cells {
        let out = with_state(state, &["rate", claim, h, r]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = with_state(state, &["rate", "e-video", "--relevance", "high"]);
    assert_eq!(stdout(&out), "relevance of e-video: high\n");
}

#[test]
fn ratings_saved_by_rate_give_the_known_scores_as_json() {
    let state = scratch("ach-json").join("state.toml");
    rate_all(&state);
    let saved = fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains("[marks.e-video]\n")
            && saved.contains("ratings = { h-a = \"C\", h-b = \"C\", h-c = \"I\" }\nrelevance = \"high\""),
        "{saved}"
    );
    let j: Value = serde_json::from_slice(&with_state(&state, &["ach", "ach-fixture", "--json"]).stdout).unwrap();
    assert_eq!(j["briefing"], "ach-fixture");
    let h: Vec<(&str, u64)> = j["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["inconsistency"].as_u64().unwrap()))
        .collect();
    assert_eq!(h, [("h-a", 1), ("h-b", 2), ("h-c", 4)]);
    assert_eq!(j["hypotheses"][0]["text"], "Group A carried out the attack.");
    assert_eq!(j["hypotheses"][0]["weighted"], 0.707);
    assert_eq!(j["hypotheses"][0]["leader"], true);
    let e = &j["evidence"][0];
    assert_eq!((e["id"].as_str(), e["grade"].as_str()), (Some("e-confession"), Some("B1")));
    assert_eq!((e["diagnostic"].as_bool(), e["linchpin"].as_bool()), (Some(true), Some(true)));
    assert_eq!(e["ratings"], serde_json::json!({"h-a": "CC", "h-b": "II", "h-c": "II"}));
    assert_eq!(j["evidence"][2]["ratings"], serde_json::json!({"h-a": "N", "h-b": "N"}), "unrated cells are left out");
    assert_eq!(j["evidence"][3]["diagnostic"], false);

    // `-` clears; a claim with nothing left leaves the file.
    for h in ["h-a", "h-b"] {
        assert_eq!(
            stdout(&with_state(&state, &["rate", "e-weapon", h, "-"])),
            format!("cleared the rating of e-weapon against {h}\n")
        );
    }
    assert!(!fs::read_to_string(&state).unwrap().contains("e-weapon"));
}

#[test]
fn the_text_matrix_marks_the_leader_linchpins_and_claims_that_do_not_discriminate() {
    let state = scratch("ach-text").join("state.toml");
    rate_all(&state);
    let text = stdout(&with_state(&state, &["ach", "ach-fixture"]));
    assert!(text.contains("* H1 h-a        1      0.71  Group A carried out the attack."), "{text}");
    assert!(text.contains("e-confession  B1     CC   II   II    linchpin\n"), "{text}");
    assert!(text.contains("e-timing      ??     N    N    -     not diagnostic\n"), "{text}");
}

#[test]
fn rate_refuses_what_is_not_a_claim_a_hypothesis_or_a_rating() {
    let state = scratch("ach-refuse").join("state.toml");
    let out = with_state(&state, &["rate", "e-video", "h-a", "XX"]);
    assert_eq!((out.status.code(), stderr(&out).contains("'XX' is not a rating")), (Some(2), true));
    let out = with_state(&state, &["rate", "h-a", "e-video", "C"]);
    assert_eq!((out.status.code(), stderr(&out)), (Some(1), "brief: 'h-a' is a hypothesis, not a claim\n".into()));
    let out = with_state(&state, &["rate", "e-video", "h-nothing", "C"]);
    assert_eq!(out.status.code(), Some(1));
    let out = with_state(&state, &["rate", "e-video", "--relevance", "huge"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!state.exists(), "nothing was written");
}

#[test]
fn with_shared_review_ratings_go_to_the_analysts_file_and_the_team_sees_disagreements() {
    let folder = scratch("ach-team").join("briefings");
    copy_dir(&fixture("ach"), &folder);
    fs::create_dir_all(folder.join(".brief/review")).unwrap();
    fs::write(folder.join(".brief/team.toml"), "").unwrap();
    let state = folder.with_file_name("state.toml");
    let as_analyst = |name: &str, args: &[&str]| {
        brief(&folder)
            .args(args)
            .arg("--dir")
            .arg(&folder)
            .env("BRIEF_ANALYST", name)
            .env("BRIEF_STATE", &state)
            .output()
            .unwrap()
    };
    for (name, r) in [("ana", "CC"), ("ben", "I")] {
        assert_eq!(as_analyst(name, &["rate", "e-confession", "h-a", r]).status.code(), Some(0));
        assert_eq!(as_analyst(name, &["rate", "e-video", "h-b", "C"]).status.code(), Some(0));
    }
    let ana = fs::read_to_string(folder.join(".brief/review/ana.toml")).unwrap();
    assert!(ana.contains("h-a = \"CC\""), "{ana}");
    assert!(!state.exists(), "ratings are marks: the analyst's review file, not the private state");
    let j: Value =
        serde_json::from_slice(&as_analyst("ana", &["ach", "ach-fixture", "--json", "--team"]).stdout).unwrap();
    assert_eq!(j["analysts"], serde_json::json!(["ana", "ben"]));
    assert_eq!(j["disagreements"], 1);
    assert_eq!(j["evidence"][0]["ratings"]["ben"], serde_json::json!({"h-a": "I"}));
    assert_eq!(j["evidence"][0]["disagreements"], serde_json::json!(["h-a"]));
    assert_eq!(j["evidence"][4]["disagreements"], serde_json::json!([]), "alike is no disagreement");
    let text = stdout(&as_analyst("ben", &["ach", "ach-fixture", "--team"]));
    assert!(text.contains("1 disagreement") && text.contains("disagreements: 1"), "{text}");
}

#[test]
fn brief_search_finds_the_diagnostic_linchpin_and_unrated_claims_from_your_ratings() {
    let state = scratch("ach-search").join("state.toml");
    let ids = |query: &str| {
        let out = with_state(&state, &["search", query]);
        let lines: Vec<String> =
            stdout(&out).lines().filter_map(|l| l.split_whitespace().nth(1).map(str::to_string)).collect();
        lines
    };
    assert_eq!(ids("is:unrated"), ["e-confession", "e-rumour", "e-timing", "e-video", "e-weapon"], "nothing rated yet");
    assert!(ids("is:linchpin").is_empty());
    rate_all(&state);
    assert_eq!(ids("is:linchpin"), ["e-confession"]);
    assert_eq!(ids("is:diagnostic"), ["e-confession", "e-rumour", "e-video"]);
    assert_eq!(ids("is:unrated"), ["e-timing", "e-weapon"]);
    let out = with_state(&state, &["search", "is:linchpen"]);
    assert!(stderr(&out).contains("did you mean 'linchpin'?"), "{}", stderr(&out));
}

#[test]
fn the_markdown_export_with_marks_has_your_matrix_and_its_scores_and_without_marks_none() {
    let state = scratch("ach-export").join("state.toml");
    rate_all(&state);
    let pack = stdout(&with_state(&state, &["export", "ach-fixture", "--marks"]));
    let from = pack.find("## ACH matrix (your ratings)").expect("the matrix is in the pack");
    let matrix: Vec<&str> = pack[from..].lines().take_while(|l| !l.starts_with("## Sources")).collect();
    let want = [
        "## ACH matrix (your ratings)",
        "",
        "- **H1** [Group A carried out the attack.](#h-a): inconsistency 1, weighted 0.71, the leader",
        "- **H2** [State B was responsible.](#h-b): inconsistency 2, weighted 2.83",
        "- **H3** [It was an accident.](#h-c): inconsistency 4, weighted 5.54",
        "",
        "| claim | grade | relevance | H1 | H2 | H3 | notes |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| [e-confession](#e-confession) | B1 | medium | CC | II | II | linchpin |",
        "| [e-rumour](#e-rumour) | E5 | medium | I | C | I |  |",
        "| [e-timing](#e-timing) | ?? | medium | N | N |  | not diagnostic |",
        "| [e-weapon](#e-weapon) | B3 | medium | C | NA |  | not diagnostic |",
        "| [e-video](#e-video) | B2 | high | C | C | I |  |",
        "| **inconsistency** | | | 1 | 2 | 4 | |",
        "| **weighted** | | | 0.71 | 2.83 | 5.54 | |",
        "",
    ];
    assert_eq!(matrix, want, "{pack}");
    let plain = stdout(&with_state(&state, &["export", "ach-fixture"]));
    assert!(!plain.contains("ACH matrix") && plain.contains("## Hypotheses"), "ratings only with --marks: {plain}");
}
