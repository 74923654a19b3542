//! `brief show ACTOR`: everything about the actor across every briefing,
//! grouped as the reader's dossier is ("by", "about", "affiliated",
//! "appears in"), in text and in JSON.

use super::*;

/// The ids listed under one heading of `brief show` text.
fn group<'t>(text: &'t str, heading: &str) -> Vec<&'t str> {
    let mut lines = text.lines().skip_while(|l| *l != heading).skip(1);
    std::iter::from_fn(|| lines.next().filter(|l| l.starts_with("  ")))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect()
}

#[test]
fn show_groups_an_actors_dossier_in_text_and_json() {
    let out = run(repo(), &["show", "peter-neumann"]);
    let text = stdout(&out);
    let by = group(&text, "by");
    // His six claims, then the hypothesis he puts forward (`by` on a hypothesis).
    assert_eq!(by.len(), 7, "{text}");
    assert!(by[..6].iter().all(|id| id.starts_with("neumann-")), "{by:?}");
    assert_eq!(by[6], "h-is-carried-out-attack");
    assert!(
        text.contains("neumann-is-claim-genuine             ?? contradicted  The IS letter"),
        "grade and contradiction: {text}"
    );
    assert_eq!(group(&text, "affiliated"), ["kings-college-london"]);
    assert_eq!(group(&text, "appears in"), ["moscow-attack-2024", "ispk-profile"]);
    assert!(
        !group(&text, "referenced by").iter().any(|id| by.contains(id)),
        "the dossier's claims are not listed twice"
    );

    let ispk = show_json("ispk");
    let about: Vec<&str> =
        ispk["dossier"]["about"].as_array().unwrap().iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(
        about.contains(&"ispk-recruits-ex-soviet-states") && about.contains(&"neumann-ispk-possible-mastermind"),
        "{about:?}"
    );
    let row = &ispk["dossier"]["about"][0];
    assert!(row["grade"].is_string() && row["contradicted"].is_boolean(), "{row}");
    let neumann = show_json("peter-neumann");
    assert_eq!(neumann["dossier"]["by"].as_array().unwrap().len(), 7, "six claims and a hypothesis");
    assert!(show_json("neumann-is-claim-genuine").get("dossier").is_none(), "only actors have one");
}
