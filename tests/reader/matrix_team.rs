//! The ACH matrix under shared review, from the keyboard: two clones of one
//! git repository, two analysts rating differently; after commit, push and
//! pull each reader shows the other's ratings side by side (`t`), their
//! consensus (`t` again), and counts and marks the cells they disagree on.

use std::path::PathBuf;

use super::*;
use crate::common::git;

/// A bare repository holding the ach fixture with shared review on, and a
/// home whose git config names a user; returns (base, home, origin).
fn repository(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let base = common::scratch(name);
    let home = base.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = desk\n\temail = desk@desk.example\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n",
    )
    .unwrap();
    let origin = base.join("origin.git");
    git(&base, &home, &["init", "-q", "--bare", &origin.to_string_lossy()]);
    let seed = base.join("seed");
    std::fs::create_dir_all(seed.join("briefings/.brief")).unwrap();
    std::fs::copy(common::fixture("ach").join("ach.toml"), seed.join("briefings/ach.toml")).unwrap();
    std::fs::write(seed.join("briefings/.brief/team.toml"), "").unwrap();
    git(&base, &home, &["init", "-q", &seed.to_string_lossy()]);
    git(&seed, &home, &["add", "."]);
    git(&seed, &home, &["commit", "-qm", "the briefing"]);
    git(&seed, &home, &["push", "-q", &origin.to_string_lossy(), "main"]);
    (base, home, origin)
}

struct Desk {
    clone: PathBuf,
    home: PathBuf,
    app: App,
    name: &'static str,
}

impl Desk {
    /// `name`'s clone, and the reader on it as `name`, the matrix showing.
    fn new((base, home, origin): &(PathBuf, PathBuf, PathBuf), name: &'static str) -> Desk {
        let clone = base.join(format!("clone-{name}"));
        git(base, home, &["clone", "-q", &origin.to_string_lossy(), &clone.to_string_lossy()]);
        let folder = clone.join("briefings");
        let mut app = App::new(Arc::new(brief::load::load(&folder).unwrap()));
        let state = Ok(base.join(format!("{name}-state.toml")));
        let (store, team, said) = brief::team::open(&folder, state, Some(name));
        assert!(team.is_some(), "shared review is on: {said:?}");
        app.set_store(store);
        app.set_team(team);
        press(&mut app, "Enter M");
        assert_eq!(app.mode(), Mode::Matrix);
        Desk { clone, home: home.clone(), app, name }
    }

    fn git(&self, args: &[&str]) {
        git(&self.clone, &self.home, args);
    }

    /// Commits this analyst's review file and pushes, pulling first (and
    /// taking in what came, as the reader does once a second).
    fn share(&mut self) {
        self.git(&["add", &format!("briefings/.brief/review/{}.toml", self.name)]);
        self.git(&["commit", "-qm", &format!("{}'s ratings", self.name)]);
        self.git(&["pull", "-q", "--no-edit", "origin", "main"]);
        self.git(&["push", "-q", "origin", "HEAD:main"]);
        self.app.reload_team();
    }

    fn pull(&mut self) {
        self.git(&["pull", "-q", "--no-edit", "origin", "main"]);
        assert!(self.app.reload_team(), "{} takes in what was pulled", self.name);
    }

    fn screen(&mut self, ascii: bool) -> String {
        screen(&mut self.app, 160, 45, if ascii { Theme::new(false, true) } else { UNICODE })
    }
}

fn row<'s>(drawn: &'s str, claim: &str) -> &'s str {
    drawn.lines().find(|l| l.contains(claim)).unwrap_or_else(|| panic!("{claim}: {drawn}"))
}

#[test]
fn two_clones_rate_differently_and_each_sees_the_others_ratings_and_the_disagreements() {
    let repo = repository("matrix-team");
    let mut ana = Desk::new(&repo, "ana");
    let mut bob = Desk::new(&repo, "bob");
    // ana: the confession CC / II, the rumour I against h-a.
    press(&mut ana.app, "C l I h j i");
    // bob: the confession CC / C (they differ on h-b), the rumour C against
    // h-a (they differ), the timing N against h-a (bob alone rated it).
    press(&mut bob.app, "C l c h j c j n");
    ana.share();
    bob.share();
    ana.pull();

    for desk in [&mut ana, &mut bob] {
        let mine = desk.screen(false);
        assert!(mine.contains("yours; 2 disagreements among 2 analysts"), "{}: {mine}", desk.name);
        press(&mut desk.app, "t");
        assert!(desk.app.status().unwrap_or_default().contains("2 analysts' ratings side by side; 2 cells disagree"));
    }
    // ana sees bob's ratings beside hers, hers first; the cells they differ on marked.
    let side = ana.screen(false);
    assert!(side.contains("side by side; 2 disagreements among 2 analysts"), "{side}");
    assert!(row(&side, "analysts an").contains("an bo  an bo"), "the analysts' names head their cells: {side}");
    let confessed = row(&side, "A group confessed.");
    assert!(confessed.contains("++ ++") && confessed.contains("--  + ≠"), "{confessed}");
    assert!(row(&side, "A rumour blamed a state.").contains(" -  + ≠"), "{side}");
    assert!(row(&side, "The attack came at night.").contains("    ·"), "bob's alone: {side}");
    assert!(!row(&side, "The attack came at night.").contains('≠'), "one rating is no disagreement: {side}");
    let small = screen(&mut ana.app, 80, 24, UNICODE);
    assert!(small.contains("an bo") && small.lines().all(|l| l.chars().count() <= 80), "fits 80x24: {small}");
    // bob sees ana's, his first.
    let theirs = bob.screen(false);
    assert!(row(&theirs, "A group confessed.").contains(" + -- ≠"), "{theirs}");

    // The consensus: what all who rated a cell gave, `≠` where they differ.
    press(&mut ana.app, "t");
    let agreed = ana.screen(false);
    assert!(agreed.contains("consensus; 2 disagreements"), "{agreed}");
    let confessed = row(&agreed, "A group confessed.");
    assert!(confessed.contains("++") && confessed.contains('≠') && !confessed.contains("--"), "{confessed}");
    assert!(row(&agreed, "The attack came at night.").contains('·'), "{agreed}");
    press(&mut ana.app, "g l");
    let focused = ana.screen(true);
    assert!(focused.contains("H2 cell: ana II, bob C (they disagree)"), "{focused}");
    assert!(row(&focused, "A group confessed.").contains('#'), "ASCII marks a disagreement #: {focused}");

    // Agreeing removes the disagreement for both, once shared.
    press(&mut ana.app, "c");
    ana.share();
    bob.pull();
    let after = bob.screen(false);
    assert!(after.contains("1 disagreements among 2 analysts"), "{after}");
    press(&mut ana.app, "t");
    assert!(ana.screen(false).contains("yours; 1 disagreements"), "back to yours");
}

#[test]
fn t_without_team_review_says_so() {
    let path = common::scratch("matrix-no-team").join("state.toml");
    let mut app = App::new(Arc::new(brief::load::load(&common::fixture("ach")).unwrap()));
    app.set_store(brief::state::ReviewFile::open(&path).0);
    press(&mut app, "Enter M t");
    assert!(app.status().unwrap_or_default().contains("team review is off"), "{:?}", app.status());
    let brief::reader::app::Screen::Matrix(view) = app.screen() else { panic!("the matrix is open") };
    assert_eq!(view.show, brief::reader::matrix::Show::Mine);
}
