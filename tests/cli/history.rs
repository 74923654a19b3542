//! `brief diff` and `brief log` on a real git repository: entities compared
//! by id, so a renamed or split file changes nothing by itself.

use super::*;

pub(super) fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Ana Lyst")
        .env("GIT_AUTHOR_EMAIL", "ana@example.org")
        .env("GIT_COMMITTER_NAME", "Ana Lyst")
        .env("GIT_COMMITTER_EMAIL", "ana@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A repository whose `briefings/` holds the seeds, committed; returns the folder.
pub(super) fn repository(name: &str) -> PathBuf {
    let root = scratch(name);
    let folder = root.join("briefings");
    copy_dir(&repo().join("briefings"), &folder);
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "seed briefings"]);
    folder
}

#[test]
fn diff_compares_entities_by_id_across_a_rename_and_a_split() {
    let folder = repository("diff-rename");
    let root = folder.parent().unwrap();
    // Rename one file; move a claim out of another into a new file, and edit it.
    git(root, &["mv", "briefings/ispk.toml", "briefings/ispk-profile.toml"]);
    let moscow = folder.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&moscow).unwrap();
    let start = text.find("[[claims]]\nid = \"neumann-embassy-had-warned\"").expect("the claim");
    let end = start + text[start + 1..].find("\n[[").map_or(text.len() - start, |i| i + 1);
    let claim = text[start..end].replace("had already warned", "had warned");
    fs::write(&moscow, format!("{}{}", &text[..start], &text[end..])).unwrap();
    fs::write(folder.join("split.toml"), format!("id = \"split\"\ntitle = \"Split out\"\n\n{claim}")).unwrap();

    let out = brief(&folder).args(["diff", "--dir"]).arg(&folder).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains("added    briefing   split  Split out"), "{text}");
    assert!(text.contains("changed  claim      neumann-embassy-had-warned (text)"), "{text}");
    assert!(text.ends_with("1 added, 0 removed, 1 changed\n"), "the rename and the move are no change: {text}");

    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "Split out the embassy claim"]);
    let out = brief(&folder).args(["diff", "HEAD~1", "HEAD", "--json", "--dir"]).arg(&folder).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["changed"][0]["id"], "neumann-embassy-had-warned");
    assert_eq!(json["changed"][0]["fields"], serde_json::json!(["text"]));

    let out = brief(&folder).args(["log", "neumann-embassy-had-warned", "--dir"]).arg(&folder).output().unwrap();
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("Ana Lyst") && lines[0].contains("Split out the embassy claim  (text)"), "{lines:?}");
    assert!(lines[1].contains("seed briefings  (added)"), "{lines:?}");
}

#[test]
fn outside_a_repository_diff_and_log_say_so_and_the_rest_works() {
    let folder = scratch("not-git").join("briefings");
    copy_dir(&repo().join("briefings"), &folder);
    for args in [&["diff"][..], &["log", "ispk"]] {
        let out = brief(&folder)
            .args(args)
            .arg("--dir")
            .arg(&folder)
            .env("GIT_CEILING_DIRECTORIES", folder.parent().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("is not in a git repository"), "{}", stderr(&out));
    }
    let out = brief(&folder).args(["check", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// A briefing folder that is the repository's top works as well as one inside it.
#[test]
fn diff_works_on_a_folder_at_the_top_of_its_repository() {
    let folder = scratch("diff-top");
    copy_dir(&repo().join("briefings"), &folder);
    git(&folder, &["init", "-q", "-b", "main"]);
    git(&folder, &["add", "."]);
    git(&folder, &["commit", "-q", "-m", "seed"]);
    let file = folder.join("ispk.toml");
    fs::write(&file, fs::read_to_string(&file).unwrap().replace("recruits very actively", "recruits actively"))
        .unwrap();
    let out = brief(&folder).args(["diff", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("changed  claim      ispk-recruits-ex-soviet-states (text)"), "{}", stdout(&out));
    let out = brief(&folder).args(["log", "ispk", "--dir"]).arg(&folder).output().unwrap();
    assert!(stdout(&out).contains("seed  (added)"), "{}", stderr(&out));
}
