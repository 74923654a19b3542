//! Shared review on the command line: every analyst's marks in `brief show`,
//! the team filters in `brief search`, and `brief check` over `.brief/`.

use super::*;

/// The seeds with shared review on and two analysts' files: ana reviewed
/// the toll claim and flagged Neumann's; ben flagged the toll claim.
pub(super) fn desk(name: &str) -> PathBuf {
    let folder = scratch(name).join("briefings");
    copy_dir(&repo().join("briefings"), &folder);
    fs::create_dir_all(folder.join(".brief/review")).unwrap();
    fs::write(folder.join(".brief/team.toml"), "").unwrap();
    let ana = "version = 2\n\n[marks.attack-death-toll-62]\nreviewed = true\n\n[marks.neumann-is-claim-genuine]\nflagged = true\n";
    fs::write(folder.join(".brief/review/ana.toml"), ana).unwrap();
    let ben = "version = 2\n\n[marks.attack-death-toll-62]\nflagged = true\nnote = \"the toll rose since\"\n\n[marks.gone-claim]\nreviewed = true\n";
    fs::write(folder.join(".brief/review/ben.toml"), ben).unwrap();
    folder
}

fn as_ana(folder: &Path, args: &[&str]) -> Output {
    as_analyst("ana", folder, args)
}

fn as_analyst(name: &str, folder: &Path, args: &[&str]) -> Output {
    brief(folder)
        .args(args)
        .arg("--dir")
        .arg(folder)
        .env("BRIEF_ANALYST", name)
        .env("BRIEF_CACHE_DIR", folder.with_file_name("cache"))
        .output()
        .unwrap()
}

#[test]
fn show_and_search_see_every_analysts_marks() {
    let folder = desk("team-show");
    let text = stdout(&as_ana(&folder, &["show", "attack-death-toll-62"]));
    assert!(text.contains("review          reviewed"), "ana's own marks, from her file: {text}");
    assert!(text.contains("by ben          flagged") && text.contains("the toll rose since"), "{text}");
    let json: Value =
        serde_json::from_slice(&as_ana(&folder, &["show", "attack-death-toll-62", "--json"]).stdout).unwrap();
    assert_eq!(json["team"]["ana"]["reviewed"], true);
    assert_eq!(json["team"]["ben"]["note"], "the toll rose since");
    let ids = |q: &str| {
        stdout(&as_ana(&folder, &["search", q]))
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1).map(String::from))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("reviewed-by:ana"), ["attack-death-toll-62"]);
    assert_eq!(ids("flagged-by:ana"), ["neumann-is-claim-genuine"]);
    assert_eq!(ids("is:disputed"), ["attack-death-toll-62"], "ben flagged what ana reviewed");
}

#[test]
fn check_reads_the_review_files_and_names_marks_for_ids_gone() {
    let folder = desk("team-check");
    let out = as_ana(&folder, &["check"]);
    let text = stdout(&out);
    assert!(text.contains("ben.toml") && text.contains("marks kept for 'gone-claim'"), "{text}");
    assert_eq!(out.status.code(), Some(0), "a note is no error: {text}");
    fs::write(folder.join(".brief/review/cai.toml"), "version = \"two\"\n").unwrap();
    fs::write(folder.join(".brief/team.toml"), "[unclosed\n").unwrap();
    let out = as_ana(&folder, &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("team.toml:1:1: error: not TOML") && text.contains("cai.toml"), "{text}");
    std::os::unix::fs::symlink("/etc/hostname", folder.join(".brief/review/dan.toml")).unwrap();
    let text = stdout(&as_ana(&folder, &["check"]));
    assert!(text.contains("review/dan.toml is a symlink"), "a colleague's link is not read: {text}");
}

#[test]
fn two_analysts_never_share_a_file() {
    let folder = desk("team-names");
    let reviewed = |name: &str| {
        let out = as_analyst(name, &folder, &["show", "attack-death-toll-62", "--json"]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        (json["marks"]["reviewed"] == true, stderr(&out))
    };
    assert!(reviewed("ana").0, "ana's marks are in ana.toml");
    // Ana is not ana: refused, saying which file she would share, and not shown ana's marks as hers.
    let (shown, said) = reviewed("Ana");
    assert!(!shown, "ana's marks are not Ana's: {said}");
    assert!(
        said.contains("'Ana' (from BRIEF_ANALYST) is not an analyst name: it would share .brief/review/ana.toml with the analyst 'ana'"),
        "{said}"
    );
    // Two names that differ only after the 64th character: neither is cut short onto the other.
    let (one, two) = (format!("{}1", "b".repeat(69)), format!("{}2", "b".repeat(69)));
    fs::write(
        folder.join(format!(".brief/review/{}.toml", "b".repeat(64))),
        "version = 2\n\n[marks.attack-death-toll-62]\nreviewed = true\n",
    )
    .unwrap();
    for name in [one, two] {
        let (shown, said) = reviewed(&name);
        assert!(!shown && said.contains("is longer than 64 characters"), "{said}");
    }
    let text = stdout(&as_ana(&folder, &["check"]));
    assert!(!text.contains("bbbb"), "a 64-character name is an analyst's: {text}");
}

/// Issue "Answers you can trust", item 9: ben reviewed the toll claim, and it
/// changed since; `brief show` says so for him, as it does for your own marks.
#[test]
fn show_says_a_colleagues_mark_changed_since() {
    let folder = desk("team-changed");
    let claim = "is-claims-krasnogorsk-attack";
    let corpus = brief::load::load(&folder).unwrap();
    let seen = brief::fingerprint::of(&corpus, corpus.get(claim).unwrap());
    let mut ben = brief::state::ReviewFile::open_shared(folder.join(".brief/review/ben.toml")).0;
    ben.apply_seen(brief::state::Change::SetReviewed(claim.into(), true), brief::state::Saw::Entity(seen)).unwrap();
    let file = folder.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("with dozens of deaths", "with many deaths")).unwrap();
    let text = stdout(&as_ana(&folder, &["show", claim]));
    let by_ben = text.lines().find(|l| l.contains("by ben")).unwrap_or_else(|| panic!("{text}"));
    assert!(by_ben.contains("changed since reviewed (text)") && !by_ben.contains("reviewed,"), "{by_ben}");
    let json: Value = serde_json::from_slice(&as_ana(&folder, &["show", claim, "--json"]).stdout).unwrap();
    assert_eq!(json["team"]["ben"]["changed_since_reviewed"], serde_json::json!(["text"]));
    assert_eq!(json["team"]["ana"]["changed_since_reviewed"], Value::Null, "ana never reviewed it");
}
