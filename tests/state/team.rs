//! Shared review in a colleague's repository, through the library the reader
//! uses: nothing committed to the team's folder (a symlinked review file,
//! `.brief/review` or `.brief`) redirects a write, and nothing brief makes
//! there is picked up by `git add`.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use brief::state::ReviewFile;

use crate::{Scratch, names_in};

/// A clone with shared review on, `<scratch>/repo/briefings`, and a folder
/// of the user's outside it, `<scratch>/victim`, holding an empty `.profile`.
struct Desk {
    scratch: Scratch,
    folder: PathBuf,
    victim: PathBuf,
}

fn desk(name: &str) -> Desk {
    let scratch = Scratch::new(name);
    let folder = scratch.0.join("repo/briefings");
    fs::create_dir_all(folder.join(".brief/review")).expect("folder");
    fs::write(folder.join(".brief/team.toml"), "").expect("team file");
    let victim = scratch.0.join("victim");
    fs::create_dir(&victim).expect("victim");
    fs::write(victim.join(".profile"), "").expect("an empty file of the user's");
    Desk { scratch, folder, victim }
}

impl Desk {
    fn own(&self) -> PathBuf {
        self.folder.join(".brief/review/ana.toml")
    }

    /// The reader's review files, as ana: her marks, in the team's folder.
    fn open(&self) -> (ReviewFile, Option<String>) {
        let (store, team, said) = brief::team::open(&self.folder, Ok(self.scratch.0.join("state.toml")), Some("ana"));
        assert!(team.is_some(), "shared review is on: {said:?}");
        (store, said)
    }
}

/// `x` on a claim, as the reader does it; the error's text.
fn press_x(store: &mut ReviewFile) -> String {
    store.toggle_reviewed("attack-death-toll-62").expect_err("refused").to_string()
}

#[test]
fn a_committed_symlink_as_your_review_file_is_refused_and_nothing_is_made_outside() {
    for target in ["../../../../victim/autostart.sh", "../../../../victim/.profile"] {
        let desk = desk("team-link");
        symlink(target, desk.own()).expect("the colleague's link");
        let (mut store, said) = desk.open();
        let said = said.expect("told at once");
        let own = desk.own().display().to_string();
        assert!(said.contains(&format!("{own} is a symlink")), "{target}: {said}");
        let err = press_x(&mut store);
        assert!(err.contains(&own) && err.contains("symlink"), "{target}: {err}");
        assert_eq!(names_in(&desk.victim), [".profile"], "{target}: nothing made outside the folder");
        assert_eq!(fs::read(desk.victim.join(".profile")).expect("there"), b"", "{target}: nothing written through");
        assert!(desk.own().is_symlink(), "the link is left as it is");
        assert_eq!(
            names_in(&desk.folder.join(".brief/review")),
            ["ana.toml"],
            "no lock, temp or ignore file beside it"
        );
    }
}

#[test]
fn a_symlinked_review_folder_or_brief_folder_is_refused() {
    // `.brief/review` a link to the user's folder.
    let desk = desk("team-review-link");
    fs::remove_dir(desk.folder.join(".brief/review")).expect("empty");
    symlink(&desk.victim, desk.folder.join(".brief/review")).expect("link");
    let (mut store, said) = desk.open();
    let linked = desk.folder.join(".brief/review").display().to_string();
    assert!(said.expect("told").contains(&format!("{linked} is a symlink")));
    assert!(press_x(&mut store).contains(&desk.own().display().to_string()));
    assert_eq!(names_in(&desk.victim), [".profile"]);
    // `.brief` itself a link, to a folder that turns shared review on.
    let desk = self::desk("team-brief-link");
    let elsewhere = desk.victim.join("desk");
    fs::rename(desk.folder.join(".brief"), &elsewhere).expect("move");
    symlink(&elsewhere, desk.folder.join(".brief")).expect("link");
    let (mut store, said) = desk.open();
    assert!(said.expect("told").contains(&format!("{} is a symlink", desk.folder.join(".brief").display())));
    assert!(press_x(&mut store).contains("ana.toml"));
    assert_eq!(names_in(&elsewhere.join("review")), Vec::<String>::new(), "nothing written through it");
}

/// git as Ana, on a branch called main.
fn git(repo: &Path, home: &Path, args: &[&str]) -> String {
    let mut all = vec!["-c", "user.name=Ana", "-c", "user.email=ana@desk.example", "-c", "init.defaultBranch=main"];
    all.extend_from_slice(args);
    crate::common::git(repo, home, &all)
}

#[test]
fn git_add_of_the_team_folder_after_a_mark_picks_up_the_review_file_alone() {
    let desk = desk("team-git-add");
    let (repo, home) = (desk.scratch.0.join("repo"), desk.scratch.0.clone());
    git(&repo, &home, &["init", "-q"]);
    git(&repo, &home, &["add", "briefings/.brief/team.toml"]);
    git(&repo, &home, &["commit", "-q", "-m", "shared review"]);
    let (mut store, _) = desk.open();
    store.toggle_reviewed("attack-death-toll-62").expect("marked");
    // Step 3 of docs/TEAM.md.
    git(&repo, &home, &["add", "briefings/.brief"]);
    assert_eq!(git(&repo, &home, &["status", "--porcelain"]), "A  briefings/.brief/review/ana.toml\n");
    // What an older brief, or a writer killed mid-write, left there is not picked up either.
    let review = desk.folder.join(".brief/review");
    fs::write(review.join("ana.toml.lock"), "").expect("an old lock");
    fs::write(review.join("ana.toml.tmp"), "version = 2\n").expect("a temp file left");
    git(&repo, &home, &["add", "briefings/.brief"]);
    assert_eq!(git(&repo, &home, &["status", "--porcelain"]), "A  briefings/.brief/review/ana.toml\n");
}

#[test]
fn readers_writing_one_review_file_at_once_lose_nothing_and_leave_no_lock_file() {
    let desk = desk("team-threads");
    std::thread::scope(|s| {
        for who in ["a", "b", "c"] {
            let own = desk.own();
            s.spawn(move || {
                let mut store = ReviewFile::open_shared(own).0;
                for i in 0..25 {
                    store.apply(brief::state::Change::SetReviewed(format!("{who}-{i}"), true)).expect("saved");
                }
            });
        }
    });
    assert_eq!(ReviewFile::inspect_shared(desk.own()).0.marked_ids().count(), 75);
    assert_eq!(names_in(&desk.folder.join(".brief/review")), [".gitignore", "ana.toml"]);
}
