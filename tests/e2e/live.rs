//! Correctness is unchanged when files change under a running reader: after
//! an edit, an added file, a removed one, a rename and an editor's atomic
//! replace, each seen on the screen as it happens, the running reader shows
//! what a fresh one shows, its `/` finder finds what is there now and nothing
//! that went, and `brief search` through its cache answers as a fresh run
//! with an empty cache does.

use std::cell::RefCell;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::tmux::{Launch, TempDir, Tmux, brief_bin, briefings};

/// A briefing with no `id` key (its id is its file name), one actor and one claim.
fn small_briefing(title: &str, date: &str, claim: &str, text: &str) -> String {
    format!(
        "title = \"{title}\"\ndate = \"{date}\"\nbluf = \"A small generated briefing.\"\n\n\
         [[actors]]\nid = \"{claim}-by\"\nname = \"Keeper of {claim}\"\n\n\
         [[claims]]\nid = \"{claim}\"\ntext = \"{text}\"\nby = [\"{claim}-by\"]\n"
    )
}

/// The repo's three briefings and a handful of small ones: `lantern` the
/// newest (open at start), the rest older than the repo's.
fn folder(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir");
    for entry in fs::read_dir(briefings()).expect("briefings") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    let small = [
        ("lantern", "Quorvane Lantern", "2025-01", "lantern-claim", "The keeper saw marmalade ships."),
        ("orchard", "Grimsbury Orchard", "2019-05", "orchard-claim", "Apples fell in the orchard."),
        ("pinecrest", "Ridge Notes", "2019-04", "ridge-claim", "Resin flows at dusk."),
        ("depot", "Snorkelwick Depot", "2019-03", "depot-claim", "The depot closed early."),
        ("static-two", "Static Two", "2019-02", "static-two-claim", "Nothing changes here."),
        ("static-one", "Static One", "2019-01", "static-one-claim", "Nothing changes here either."),
    ];
    for (file, title, date, claim, text) in small {
        fs::write(dir.join(format!("{file}.toml")), small_briefing(title, date, claim, text)).expect("write");
    }
}

/// `brief search QUERY --dir DIR --json --limit 0` with the cache in
/// `$XDG_CACHE_HOME/brief` and nothing else from the test's environment:
/// the exit status and what it printed.
fn search(dir: &Path, cache_home: &Path, home: &Path, query: &str) -> (Option<i32>, String) {
    let out = Command::new(brief_bin())
        .args(["search", query, "--json", "--limit", "0", "--dir"])
        .arg(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", cache_home)
        .env("BRIEF_STATE", home.join("state.toml"))
        .output()
        .expect("run brief search");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `(kind, id, briefing)` of each hit in `brief search --json` output.
fn hits(json: &str) -> Vec<(String, String, String)> {
    if json.trim().is_empty() {
        return Vec::new();
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let field = |r: &serde_json::Value, k: &str| r[k].as_str().unwrap_or_default().to_string();
    rows.iter().map(|r| (field(r, "kind"), field(r, "id"), field(r, "briefing"))).collect()
}

/// The briefing list pane of a screen: each row up to the list's right border.
fn list_pane(screen: &str) -> Vec<String> {
    let width = screen.lines().next().and_then(|l| l.chars().position(|c| c == '╮')).map_or(0, |at| at + 1);
    above_footer(screen).lines().map(|l| l.chars().take(width).collect()).collect()
}

/// The screen without its last line (the footer, which holds messages).
fn above_footer(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

/// The list row showing `title` is the selected one.
fn selected(screen: &str, title: &str) -> bool {
    screen.lines().any(|l| l.starts_with("│▸") && l.split('│').nth(1).is_some_and(|cell| cell.contains(title)))
}

/// Moves the list's cursor down until the row showing `title` is selected.
fn select(t: &Tmux, title: &str) -> String {
    for _ in 0..20 {
        let before = t.screen();
        if selected(&before, title) {
            return before;
        }
        t.keys(&["j"]);
        t.wait_until("the list's cursor to move", |s| s != before);
    }
    panic!("{title:?} never selected; the screen was:\n{}", t.screen());
}

/// Waits until `ok` holds on two captures in a row that are the same: a
/// frame drawn whole, which the reader then leaves alone until something changes.
fn settled(t: &Tmux, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let last = RefCell::new(String::new());
    t.wait_until(what, |s| {
        let same = ok(s) && *last.borrow() == s;
        s.clone_into(&mut last.borrow_mut());
        same
    })
}

/// Types `query` into the open `/` finder (clearing what was there) and
/// waits for its results; the screen then.
fn find(t: &Tmux, query: &str, ok: impl Fn(&str) -> bool) -> String {
    t.keys(&["C-u"]);
    t.type_text(query);
    t.wait_until(&format!("the finder's results for {query:?}"), |s| s.contains(&format!("/ {query}_")) && ok(s))
}

/// Writes `text` to a temporary file beside `path` and renames it over `path`, as editors save.
fn replace_atomically(path: &Path, text: &str) {
    let temp = path.with_extension("toml.tmp");
    fs::write(&temp, text).expect("write the temporary file");
    fs::rename(&temp, path).expect("rename it over the file");
}

struct Searches {
    dir: PathBuf,
    cache: PathBuf,
    home: PathBuf,
    tmp: TempDir,
}

impl Searches {
    /// Through the cache kept across the test.
    fn cached(&self, query: &str) -> (Option<i32>, String) {
        search(&self.dir, &self.cache, &self.home, query)
    }

    /// With a cache folder of its own, new and empty.
    fn fresh(&self, query: &str) -> (Option<i32>, String) {
        let empty = tempfile::tempdir_in(self.tmp.path()).expect("an empty cache folder");
        search(&self.dir, empty.path(), &self.home, query)
    }

    /// Through the cache: the hits for `query`, which must be found.
    #[track_caller]
    fn found(&self, query: &str) -> Vec<(String, String, String)> {
        let (code, out) = self.cached(query);
        assert_eq!(code, Some(0), "brief search {query:?} finds something; it printed:\n{out}");
        hits(&out)
    }

    /// Through the cache: `query` finds nothing.
    #[track_caller]
    fn not_found(&self, query: &str) {
        let (code, out) = self.cached(query);
        assert_eq!(code, Some(1), "brief search {query:?} finds nothing; it printed:\n{out}");
    }

    /// Through the cache: `query` finds the claim `id`, defined in `briefing`.
    #[track_caller]
    fn finds_claim(&self, query: &str, id: &str, briefing: &str) {
        let hits = self.found(query);
        let there = hits.iter().any(|(kind, i, b)| kind == "claim" && i == id && b == briefing);
        assert!(there, "brief search {query:?} finds the claim {id} in {briefing}: {hits:?}");
    }
}

#[test]
fn files_edited_added_removed_renamed_and_replaced_under_a_running_reader_show_as_a_fresh_start_would() {
    let tmp = TempDir::new("live");
    let dir = tmp.path().join("b");
    folder(&dir);
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).expect("home");
    let s = Searches { dir: dir.clone(), cache: tmp.path().join("cache"), home, tmp };

    // The cache is written before anything changes, so every later search
    // through it has an older cache to notice is stale.
    s.finds_claim("marmalade", "lantern-claim", "lantern");
    let caches = search_caches(&s.cache.join("brief")).len();
    assert_eq!(caches, 1, "brief search keeps its index in the cache folder");

    let t = Tmux::start(&Launch::dir(&dir));
    let first = t.wait_for("Quorvane Lantern");
    assert!(selected(&first, "Quorvane Lantern"), "the newest briefing is open:\n{first}");
    assert!(first.contains("The keeper saw marmalade ships."), "its claims are shown:\n{first}");

    change_one_at_a_time(&t, &dir, &s);
    same_as_a_fresh_reader(&t, &dir);
    same_as_an_empty_cache(&s);
    the_finder_finds_what_is_there(&t, &dir);
}

/// The five changes, each seen on the screen and by `brief search` before the next.
fn change_one_at_a_time(t: &Tmux, dir: &Path, s: &Searches) {
    // An edit in place of the open briefing: its title and a claim's text.
    let lantern = dir.join("lantern.toml");
    let text =
        fs::read_to_string(&lantern).expect("read").replace("Quorvane", "Zelphic").replace("marmalade", "tangerine");
    fs::write(&lantern, text).expect("edit");
    let edited = t.wait_until("the edit", |s| s.contains("The keeper saw tangerine ships.") && !s.contains("Quorvane"));
    assert!(selected(&edited, "Zelphic Lantern"), "the list shows the new title, still open:\n{edited}");
    assert!(!edited.contains("marmalade"), "the old claim text is gone:\n{edited}");
    s.not_found("quorvane");
    s.not_found("marmalade");
    s.finds_claim("tangerine", "lantern-claim", "lantern");

    // A new file.
    let harbour = small_briefing("Brindlemoor Harbour", "2019-06", "harbour-claim", "A ferry named wobblestone.");
    fs::write(dir.join("harbour.toml"), harbour).expect("add");
    let added = t.wait_for("Brindlemoor");
    assert!(selected(&added, "Zelphic Lantern"), "the selection stays where it was:\n{added}");
    s.finds_claim("wobblestone", "harbour-claim", "harbour");

    // A file removed.
    fs::remove_file(dir.join("depot.toml")).expect("remove");
    let removed = t.wait_gone("Snorkelwick");
    assert!(removed.contains("Brindlemoor") && removed.contains("Static One"), "the others stay:\n{removed}");
    s.not_found("snorkelwick");

    // A file with no `id` key renamed: its briefing's id is its new name.
    // Previewed in the list, so the header shows the id.
    let previewed = select(t, "Ridge Notes");
    assert!(previewed.contains("pinecrest"), "the preview shows the briefing's id:\n{previewed}");
    fs::rename(dir.join("pinecrest.toml"), dir.join("hollowfen.toml")).expect("rename");
    let renamed = t.wait_until("the renamed briefing's id", |s| {
        let shown = above_footer(s);
        shown.contains("hollowfen") && !shown.contains("pinecrest")
    });
    assert!(selected(&renamed, "Ridge Notes"), "the cursor stays on the renamed briefing:\n{renamed}");
    assert!(renamed.contains("Resin flows at dusk."), "its claim is shown:\n{renamed}");
    s.not_found("pinecrest");
    s.finds_claim("resin", "ridge-claim", "hollowfen");

    // An editor's save: a temporary file renamed over the old one.
    let orchard = dir.join("orchard.toml");
    let text = fs::read_to_string(&orchard).expect("read").replace("Grimsbury", "Thistlewaite");
    replace_atomically(&orchard, &text);
    let replaced = t.wait_until("the replaced file", |s| s.contains("Thistlewaite") && !s.contains("Grimsbury"));
    assert!(selected(&replaced, "Ridge Notes"), "the selection stays where it was:\n{replaced}");
    s.not_found("grimsbury");
    let hits = s.found("thistlewaite");
    assert!(hits.iter().any(|(k, id, _)| k == "briefing" && id == "orchard"), "the new title, its briefing: {hits:?}");
}

/// The running reader's screen, its list row for row, is a fresh reader's on the same folder.
fn same_as_a_fresh_reader(t: &Tmux, dir: &Path) {
    let fresh = Tmux::start(&Launch::dir(dir));
    let fresh_screen = settled(&fresh, "a fresh reader's first screen", |s| s.contains("Zelphic Lantern"));
    // Both on the newest briefing, as a fresh reader starts.
    t.keys(&["g"]);
    let running = settled(t, "the top of the list", |s| selected(s, "Zelphic Lantern"));
    assert_eq!(
        list_pane(&running),
        list_pane(&fresh_screen),
        "the running reader's list is a fresh reader's; running:\n{running}\nfresh:\n{fresh_screen}"
    );
    assert_eq!(
        above_footer(&running),
        above_footer(&fresh_screen),
        "the running reader shows what a fresh one does; running:\n{running}\nfresh:\n{fresh_screen}"
    );
}

/// `brief search` through the cache kept all along answers as a run with an empty cache.
fn same_as_an_empty_cache(s: &Searches) {
    let queries = [
        "quorvane",
        "zelphic",
        "marmalade",
        "tangerine",
        "brindlemoor",
        "wobblestone",
        "snorkelwick",
        "depot",
        "pinecrest",
        "hollowfen",
        "resin",
        "grimsbury",
        "thistlewaite",
        "keeper",
        "b:",
        "c: in:hollowfen",
    ];
    for query in queries {
        let (cached, fresh) = (s.cached(query), s.fresh(query));
        assert_eq!(cached, fresh, "brief search {query:?}: through the cache (left) and with an empty one (right)");
    }
    let briefings = hits(&s.cached("b:").1);
    let ids: Vec<&str> = briefings.iter().map(|(_, id, _)| id.as_str()).collect();
    for id in ["lantern", "harbour", "hollowfen", "orchard", "moscow-attack-2024"] {
        assert!(ids.contains(&id), "brief search b: lists {id}: {ids:?}");
    }
    for id in ["depot", "pinecrest"] {
        assert!(!ids.contains(&id), "brief search b: does not list {id}: {ids:?}");
    }
}

/// The running reader's `/` finds what is there now, in its briefing, and
/// nothing that went; open on a word, it answers again when a save takes the word away.
fn the_finder_finds_what_is_there(t: &Tmux, dir: &Path) {
    t.keys(&["/"]);
    t.wait_for("/ _");
    let found = find(t, "tangerine", |s| s.contains("Search: 1 found"));
    let row = found.lines().find(|l| l.contains("The keeper saw tangerine ships.")).unwrap_or_default();
    assert!(row.contains("claim") && row.contains("lantern"), "the edited claim, in its briefing:\n{found}");
    let found = find(t, "hollowfen", |s| s.contains("Search: 1 found"));
    let row = found.lines().find(|l| l.contains("Ridge Notes")).unwrap_or_default();
    assert!(row.contains("briefing") && row.contains("hollowfen"), "the renamed briefing by its new id:\n{found}");
    let found = find(t, "wobblestone", |s| s.contains("Search: 1 found"));
    let row = found.lines().find(|l| l.contains("A ferry named wobblestone.")).unwrap_or_default();
    assert!(row.contains("harbour"), "the added file's claim, in its briefing:\n{found}");
    let found = find(t, "thistlewaite", |s| s.contains("Search: 1 found"));
    assert!(found.contains("Thistlewaite Orchard"), "the replaced file's new title:\n{found}");
    for gone in ["marmalade", "quorvane", "snorkelwick", "pinecrest", "grimsbury"] {
        find(t, gone, |s| s.contains("Search: 0 found") && s.contains("No matches."));
    }

    find(t, "tangerine", |s| s.contains("Search: 1 found"));
    let lantern = dir.join("lantern.toml");
    let text = fs::read_to_string(&lantern).expect("read").replace("tangerine", "persimmon");
    replace_atomically(&lantern, &text);
    t.wait_until("the open finder to answer again over the saved file", |s| {
        s.contains("/ tangerine_") && s.contains("Search: 0 found")
    });
    let found = find(t, "persimmon", |s| s.contains("Search: 1 found"));
    assert!(found.contains("The keeper saw persimmon ships."), "the saved claim:\n{found}");
}

/// The reader starts from the index `brief search` cached while the folder
/// is as it was then (the cache is read: its time is renewed), and from the
/// files once the folder has moved on: either way it finds what is there.
#[test]
fn the_reader_starts_from_the_search_cache_only_while_the_folder_is_unchanged() {
    let tmp = TempDir::new("cached");
    let dir = tmp.path().join("b");
    folder(&dir);
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).expect("home");
    let cache = tmp.path().join("cache");
    let mut launch = Launch::dir(&dir);
    launch.env.push(("XDG_CACHE_HOME".into(), cache.to_string_lossy().into_owned()));
    assert_eq!(search(&dir, &cache, &home, "marmalade").0, Some(0), "brief search finds the claim");
    let file = search_caches(&cache.join("brief")).pop().expect("a search cache");
    let stamp = |f: &Path| fs::metadata(f).and_then(|m| Ok((m.modified()?, m.ino()))).expect("the cache's stat");
    let written = stamp(&file);
    std::thread::sleep(std::time::Duration::from_millis(20));

    let finds = |t: &Tmux, word: &str, row: &str| {
        t.wait_for("Quorvane Lantern");
        t.keys(&["/"]);
        t.wait_for("/ _");
        let found = find(t, word, |s| s.contains("Search: 1 found"));
        assert!(found.contains(row), "{word}: {row}\n{found}");
    };
    let t = Tmux::start(&launch);
    finds(&t, "marmalade", "The keeper saw marmalade ships.");
    // Prose shows the words around the match, as from a fresh index (the cache keeps no prose).
    find(&t, "mastermind", |s| s.lines().any(|l| l.contains("description: …") && l.contains("mastermind")));
    let read = stamp(&file);
    // Read renews its time; built, the index would be stored as a new file.
    assert!(read.0 > written.0 && read.1 == written.1, "the reader read the cache brief search left");
    drop(t);

    // An edit after the cache was written: the reader sees the file, not the cache.
    let lantern = dir.join("lantern.toml");
    let text = fs::read_to_string(&lantern).expect("read").replace("marmalade", "quince");
    fs::write(&lantern, text).expect("write");
    let t = Tmux::start(&launch);
    finds(&t, "quince", "The keeper saw quince ships.");
    // The finder is still open: the old word is gone.
    find(&t, "marmalade", |s| s.contains("Search: 0 found"));
}

/// The search caches (`search-*.idx`) in a cache folder; it holds snapshots too.
fn search_caches(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("search-")))
                .collect()
        })
        .unwrap_or_default()
}
