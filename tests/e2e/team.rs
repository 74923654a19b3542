//! Shared review through git, as a desk does it: a bare repository, two
//! analysts with their own homes and clones; each marks different claims,
//! both commit, push and pull, and each reader then shows the other's
//! marks. No step meets a merge conflict.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::tmux::{Launch, TempDir, Tmux, briefings};

fn git(dir: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?} in {}: {}", dir.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

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

    let t = ben.reader();
    t.keys(&["Tab", "Tab"]);
    let s = t.wait_for("CLAIM  attack-death-toll-62");
    assert!(s.contains("ana: ✓ reviewed"), "ana's mark in ben's reader:\n{s}");
    let log = ben.git(&["log", "--oneline"]);
    assert!(!log.contains("Merge conflict") && log.lines().count() >= 4, "{log}");
}
