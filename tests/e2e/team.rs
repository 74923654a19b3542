//! Shared review through git, as a desk does it: a bare repository, two
//! analysts with their own homes and clones; each marks different claims,
//! both commit, push and pull, and each reader then shows the other's
//! marks. No step meets a merge conflict.

use std::path::{Path, PathBuf};

use super::common::git;
use super::tmux::{Launch, TempDir, Tmux, briefings};

struct Analyst {
    home: PathBuf,
    clone: PathBuf,
}

impl Analyst {
    fn new(base: &Path, name: &str, origin: &Path) -> Analyst {
        let home = base.join(format!("home-{name}"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(home.join(".gitconfig"), format!("[user]\n\tname = {name}\n\temail = {name}@desk.example\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n")).unwrap();
        let clone = base.join(format!("clone-{name}"));
        git(base, &home, &["clone", "-q", &origin.to_string_lossy(), &clone.to_string_lossy()]);
        Analyst { home, clone }
    }

    fn git(&self, args: &[&str]) -> String {
        git(&self.clone, &self.home, args)
    }

    fn folder(&self) -> PathBuf {
        self.clone.join("briefings")
    }

    /// The reader on this analyst's clone, as this analyst (git's user.email names them).
    fn reader(&self) -> Tmux {
        let launch = Launch::dir(&self.folder()).set("HOME", &self.home.to_string_lossy());
        let t = Tmux::start(&launch);
        t.wait_for("Attack near Moscow");
        t
    }

    /// Marks reviewed the claim the reader reaches with `keys` from the claims pane.
    fn review(&self, keys: &[&str], claim: &str) {
        let t = self.reader();
        t.keys(&["Tab", "Tab"]);
        t.wait_for("CLAIM  attack-death-toll-62");
        t.keys(keys);
        t.wait_for(&format!("CLAIM  {claim}"));
        t.keys(&["x"]);
        t.wait_for("✓ reviewed");
        t.keys(&["q"]);
        assert_eq!(t.exit_status(), 0);
    }

    fn share(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["pull", "-q", "--no-edit"]);
        self.git(&["push", "-q"]);
    }
}

#[test]
fn two_analysts_share_review_through_git_without_a_conflict() {
    let base = TempDir::new("team");
    let base = base.path();
    let origin = base.join("origin.git");
    let setup_home = base.join("home-setup");
    std::fs::create_dir_all(&setup_home).unwrap();
    git(base, &setup_home, &["init", "-q", "--bare", "-b", "main", &origin.to_string_lossy()]);
    let ana = Analyst::new(base, "ana", &origin);
    std::fs::create_dir_all(ana.folder().join(".brief")).unwrap();
    for entry in std::fs::read_dir(briefings()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, ana.folder().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(ana.folder().join(".brief/team.toml"), "# shared review for this desk\n").unwrap();
    ana.git(&["add", "-A"]);
    ana.git(&["commit", "-q", "-m", "briefings, with shared review"]);
    ana.git(&["push", "-q", "-u", "origin", "main"]);
    let ben = Analyst::new(base, "ben", &origin);

    ana.review(&[], "attack-death-toll-62");
    ben.review(&["j"], "is-claims-krasnogorsk-attack");
    assert!(
        ana.folder().join(".brief/review/ana.toml").is_file() && ben.folder().join(".brief/review/ben.toml").is_file()
    );
    // Step 3 of docs/TEAM.md picks up the review file alone: no lock, temp or ignore file.
    ana.git(&["add", "briefings/.brief"]);
    assert_eq!(ana.git(&["status", "--porcelain"]), "A  briefings/.brief/review/ana.toml\n");
    ana.share("ana's review");
    ben.share("ben's review");
    // Ben corrects the claim Ana reviewed.
    let file = ben.folder().join("moscow-attack-2024.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace("Moscow left 62 dead.\"", "Moscow left 60 dead.\"");
    std::fs::write(&file, text).unwrap();
    ben.share("correct the toll");
    ana.git(&["pull", "-q", "--no-edit"]);

    let t = ana.reader();
    t.keys(&["Tab", "Tab"]);
    let s = t.wait_for("CLAIM  attack-death-toll-62");
    assert!(s.contains("⟳ changed since reviewed: text"), "ben's edit, for ana who reviewed it:\n{s}");
    // The detail view says who changed it last, from git.
    t.keys(&["Enter", "z"]);
    t.wait_for("by ben: correct the toll");
    t.keys(&["z", "3"]);
    t.keys(&["j"]);
    let s = t.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    assert!(s.contains("ben: ✓ reviewed"), "ben's mark in ana's reader:\n{s}");
    assert!(s.lines().any(|l| l.contains("+1✓") && l.contains("IS fighters")), "a count beside the row:\n{s}");

    // Ana reviewed the toll before Ben corrected it: her mark is stale for Ben too.
    let t = ben.reader();
    t.keys(&["Tab", "Tab"]);
    let s = t.wait_for("CLAIM  attack-death-toll-62");
    assert!(s.contains("ana: ⟳ changed since reviewed: text"), "ana's mark in ben's reader:\n{s}");
    assert!(s.lines().any(|l| l.contains("+1⟳") && l.contains("The attack")), "not +1✓ beside the row:\n{s}");
    let log = ben.git(&["log", "--oneline"]);
    assert!(!log.contains("Merge conflict") && log.lines().count() >= 4, "{log}");
}

/// What the reader would not use, it says in its footer: a review file a
/// colleague committed as a symlink (and `x` then changes nothing), and a
/// cache folder others can write (once the footer is free).
#[test]
fn the_reader_tells_of_a_committed_link_and_a_cache_folder_others_can_write() {
    use std::os::unix::fs::PermissionsExt;
    let base = TempDir::new("trust");
    let folder = base.path().join("briefings");
    std::fs::create_dir_all(folder.join(".brief/review")).unwrap();
    for entry in std::fs::read_dir(briefings()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(folder.join(".brief/team.toml"), "").unwrap();
    let victim = base.path().join("victim");
    std::fs::create_dir(&victim).unwrap();
    std::os::unix::fs::symlink("../../../victim/autostart.sh", folder.join(".brief/review/ana.toml")).unwrap();
    let cache = base.path().join("c");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    let launch = Launch::dir(&folder).set("BRIEF_ANALYST", "ana").set("BRIEF_CACHE_DIR", &cache.to_string_lossy());
    let t = Tmux::start(&launch);
    t.wait_for("ana.toml is a symlink");
    t.keys(&["Tab"]);
    t.wait_for(&format!("the cache folder {}", cache.display()));
    t.keys(&["Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["x"]);
    t.wait_for("review state is read-only here");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
    assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0, "nothing made outside the folder");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0, "nothing cached where others can write");
}
