//! What can be reviewed (issue "Answers you can trust", item 2): one
//! definition for the briefing's count, `u`, `is:unreviewed` in `&` and in
//! `brief search`, and the "unreviewed" view, whatever order the marks come in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::*;
use brief::{EntityId, Kind};

/// A copy of `from` in a fresh folder, and a folder beside it for the state
/// file and the search cache (a state file in the briefing folder would be read as a briefing).
fn copied(from: &Path, name: &str) -> (PathBuf, PathBuf) {
    let base = common::scratch(name);
    let (dir, aside) = (base.join("briefings"), base.join("aside"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&aside).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    (dir, aside)
}

fn ids(c: &brief::Corpus, set: impl IntoIterator<Item = EntityId>) -> BTreeSet<String> {
    set.into_iter().map(|e| c.entity(e).id.clone()).collect()
}

/// Each briefing's `n/m` as the list draws it, by id.
fn counts(app: &mut App) -> Vec<(String, usize, usize)> {
    let drawn = screen(app, 160, 48, UNICODE);
    let c = app.corpus();
    c.briefings
        .iter()
        .map(|&b| {
            // Its first word: the list cuts a long title.
            let title = c.entity(b).label().split(' ').next().unwrap();
            let (n, m) = drawn
                .match_indices(&format!(" {title} "))
                .find_map(|(at, _)| {
                    let (n, m) = drawn[..at].rsplit(' ').next()?.split_once('/')?;
                    Some((n.parse().ok()?, m.parse().ok()?))
                })
                .unwrap_or_else(|| panic!("no count drawn for {title}:\n{drawn}"));
            (c.entity(b).id.clone(), n, m)
        })
        .collect()
}

/// What `u` walks through on a copy of the state: `u`, then `x` on where it
/// went, until it says everything is reviewed.
fn walked_by_u(corpus: &Arc<brief::Corpus>, state: &Path, aside: &Path) -> BTreeSet<String> {
    let copy = aside.join("walk.toml");
    let _ = std::fs::remove_file(&copy);
    if state.exists() {
        std::fs::copy(state, &copy).unwrap();
    }
    let mut app = App::new(Arc::clone(corpus));
    app.set_store(brief::state::ReviewFile::open(&copy).0);
    let mut walked = BTreeSet::new();
    for _ in 0..=corpus.entities.len() {
        press(&mut app, "u");
        if app.status() == Some("everything is reviewed") {
            return walked;
        }
        assert!(walked.insert(subject(&app).to_string()), "u came back to {} before the end", subject(&app));
        press(&mut app, "x");
    }
    panic!("u never said everything is reviewed: {walked:?}");
}

/// `brief ARGS --dir DIR`, with this state file.
fn brief(args: &[&str], dir: &Path, state: &Path, aside: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .arg("--dir")
        .arg(dir)
        .env("BRIEF_STATE", state)
        .env("BRIEF_CACHE_DIR", aside.join("cache"))
        .env_remove("BRIEF_DIR")
        .env_remove("BRIEF_ANALYST")
        .env("XDG_CONFIG_HOME", aside.join("no-config"))
        .stdin(Stdio::null())
        .output()
        .expect("brief runs")
}

/// `brief search is:unreviewed` on the folder, with this state file.
fn searched(dir: &Path, state: &Path, aside: &Path) -> BTreeSet<String> {
    let out = brief(&["search", "is:unreviewed", "--json"], dir, state, aside);
    if out.status.code() == Some(1) {
        return BTreeSet::new();
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

/// What a query applied with `keys` (`&` or a view) keeps: the entities it
/// matches and the briefings it lists; the filter is then cleared.
fn kept(app: &mut App, keys: &str, query: Option<&str>) -> (BTreeSet<String>, BTreeSet<String>) {
    press(app, keys);
    if let Some(query) = query {
        type_text(app, query);
        press(app, "Enter");
    } else {
        press(app, "Enter");
    }
    let Some(f) = app.filter().cloned() else {
        // Nothing matched: said, and the line or picker left open.
        assert!(app.status().is_some_and(|s| s.starts_with("nothing matches")), "{:?}", app.status());
        press(app, "Esc");
        return (BTreeSet::new(), BTreeSet::new());
    };
    let c = app.corpus();
    let matched = ids(c, (0..c.entities.len()).filter(|&e| f.keeps[e]));
    let listed = ids(c, app.rows(Pane::Briefings).to_vec());
    assert_eq!(listed, ids(c, f.briefings.clone()), "the list is the filter's briefings");
    press(app, "& C-u Enter");
    assert!(app.filter().is_none());
    (matched, listed)
}

/// The four answers, checked against each other.
fn agree(app: &mut App, c: &Arc<brief::Corpus>, (dir, state, aside): (&Path, &Path, &Path), step: &str) {
    let counts = counts(app);
    let open: BTreeSet<String> = counts.iter().filter(|(_, n, m)| n < m).map(|(id, ..)| id.clone()).collect();
    let walked = walked_by_u(c, state, aside);
    for (b, n, m) in &counts {
        let left = walked.iter().filter(|id| c.entity(c.get(id).unwrap()).briefing == c.get(b).unwrap()).count();
        assert_eq!(m - n, left, "{step}: {b}'s count {n}/{m} against what u visits there: {walked:?}");
    }
    let want: BTreeSet<String> = walked.union(&open).cloned().collect();
    let (matched, listed) = kept(app, "&", Some("is:unreviewed"));
    assert_eq!(matched, want, "{step}: & is:unreviewed against the count and u");
    assert_eq!(listed, open, "{step}: the briefings & is:unreviewed lists");
    let (view, view_listed) = kept(app, "v", None);
    assert_eq!((view, view_listed), (matched, listed), "{step}: the unreviewed view");
    assert_eq!(searched(dir, state, aside), want, "{step}: brief search is:unreviewed");
}

/// Goes to `id` through the finder; a briefing with the list focused.
fn go(app: &mut App, id: &str) {
    press(app, "/");
    type_text(app, id);
    press(app, "Enter");
    let e = app.corpus().get(id).unwrap();
    if app.corpus().entity(e).kind() == Kind::Briefing {
        while app.focus() != Pane::Briefings {
            press(app, "BackTab");
        }
    }
    assert_eq!(subject(app), id, "went to it");
}

/// The case: `u` and `x` through all of the attack near Moscow.
#[test]
fn a_briefing_covered_with_u_and_x_is_no_longer_unreviewed_anywhere() {
    let (dir, aside) = copied(&common::briefings(), "covered");
    let state = aside.join("state.toml");
    let c = Arc::new(brief::load::load(&dir).unwrap());
    let mut app = App::new(Arc::clone(&c));
    app.set_store(brief::state::ReviewFile::open(&state).0);
    let moscow = app.corpus().get("moscow-attack-2024").unwrap();
    while {
        press(&mut app, "u");
        app.corpus().entity(app.subject().unwrap()).briefing == moscow
    } {
        press(&mut app, "x");
    }
    let (_, n, m) = counts(&mut app).into_iter().find(|(id, ..)| id == "moscow-attack-2024").unwrap();
    assert_eq!(n, m, "all of Moscow reviewed");
    let of_moscow = |ids: &BTreeSet<String>| -> Vec<String> {
        ids.iter().filter(|id| c.entity(c.get(id).unwrap()).briefing == moscow).cloned().collect()
    };
    let (matched, listed) = kept(&mut app, "&", Some("is:unreviewed"));
    assert_eq!(of_moscow(&matched), Vec::<String>::new(), "& is:unreviewed: nothing of Moscow");
    assert!(!listed.contains("moscow-attack-2024"), "{listed:?}");
    assert_eq!(of_moscow(&searched(&dir, &state, &aside)), Vec::<String>::new(), "brief search is:unreviewed");
    let shown = brief(&["show", "moscow-attack-2024"], &dir, &state, &aside);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains(&format!("review          read, {n}/{m} reviewed\n")), "brief show: {shown}");
    agree(&mut app, &c, (&dir, &state, &aside), "after Moscow");
}

/// Sources and briefings are no review items: `x` on one says so and marks
/// nothing, and takes off a mark an older brief made.
#[test]
fn x_on_a_source_or_a_briefing_says_what_is_reviewed() {
    let (dir, aside) = copied(&common::fixture("review-world"), "x-elsewhere");
    // A mark an older brief made on a source, since changed.
    let old = "version = 2\n\n[marks.s-alpha-blog]\nreviewed = true\nseen = { title = \"00000000\" }\n";
    std::fs::write(aside.join("state.toml"), old).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    app.set_store(brief::state::ReviewFile::open(aside.join("state.toml")).0);
    for id in ["s-alpha-wire", "alpha"] {
        go(&mut app, id);
        press(&mut app, "x");
        assert!(!app.store().marks(id).reviewed, "{id}: no mark");
        let said = app.status().unwrap_or_default();
        assert!(said.contains("actors, claims and precedents"), "{id}: {said}");
    }
    go(&mut app, "s-alpha-blog");
    press(&mut app, "x");
    assert!(!app.store().marks("s-alpha-blog").reviewed, "x takes the old mark off");
    assert_eq!(app.status(), Some("no longer reviewed"));
}

/// A seeded walk of marks and edits over the review-world fixture: after
/// every step, the count, `u`, `&` and `brief search` with `is:unreviewed`,
/// and the unreviewed view agree.
#[test]
fn the_count_u_is_unreviewed_and_the_view_agree_in_any_order() {
    for seed in [0x5eed_u64, 0xbeef, 0x1234_5678] {
        let (dir, aside) = copied(&common::fixture("review-world"), &format!("agree-{seed:x}"));
        let state = aside.join("state.toml");
        let mut c = Arc::new(brief::load::load(&dir).unwrap());
        let mut app = App::new(Arc::clone(&c));
        app.set_store(brief::state::ReviewFile::open(&state).0);
        let mut rng = common::Rng(seed);
        let paths = (dir.as_path(), state.as_path(), aside.as_path());
        agree(&mut app, &c, paths, &format!("seed {seed:x}, at the start"));
        for step in 0..30 {
            let e = c.entity(rng.below(c.entities.len())).id.clone();
            let did = match rng.below(10) {
                0..=3 => {
                    go(&mut app, &e);
                    press(&mut app, "x");
                    format!("x on {e}")
                }
                // As a reviewer goes: to the next left, and reviews it.
                4..=6 => {
                    press(&mut app, "u x");
                    format!("u x on {}", subject(&app))
                }
                7 => {
                    press(&mut app, "U");
                    "U".to_string()
                }
                _ => {
                    edit(&dir, &c, &e, step);
                    c = Arc::new(brief::load::load(&dir).unwrap());
                    app.set_corpus(Arc::clone(&c), brief::search::ready(brief::search::Index::build(&c)));
                    format!("an edit to {e}")
                }
            };
            agree(&mut app, &c, paths, &format!("seed {seed:x}, step {step}: {did}"));
        }
    }
}

/// Changes the label of `id` (the line after its `id = ...`, ending in a quote) in its file.
fn edit(dir: &Path, c: &brief::Corpus, id: &str, step: usize) {
    let path = dir.join(c.path_of(c.get(id).unwrap()).file_name().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(&format!("id = \"{id}\"\n")).unwrap();
    let next = at + text[at..].find('\n').unwrap() + 1;
    let quote = next + text[next..].find('\n').unwrap() - 1;
    let edited = format!("{} (edit {step}){}", &text[..quote], &text[quote..]);
    std::fs::write(&path, edited).unwrap();
}
