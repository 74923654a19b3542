//! End to end: the real binary in a real terminal (tmux), read off the screen
//! as a person would see it. Each test has its own tmux server.

#[path = "../common/mod.rs"]
mod common;
mod live;
mod matrix;
mod pty;
mod reload;
mod review;
mod sizes;
mod team;
mod terminal;
mod text;
mod tmux;
mod views;

use std::process::{Command, Stdio};

use tmux::{Launch, TempDir, Tmux, briefings, cooked, fixture};

const MOSCOW: &str = "Attack near Moscow";

/// Starts the reader on the repo's briefings and waits for the first screen.
fn open_briefings() -> Tmux {
    let t = Tmux::start(&Launch::dir(&briefings()));
    t.wait_for(MOSCOW);
    t
}

/// Whether the briefing list's selected row (`│▸` at the left edge) shows `text`.
fn selected_in_list(screen: &str, text: &str) -> bool {
    screen.lines().any(|l| l.starts_with("│▸") && l.split('│').nth(1).is_some_and(|cell| cell.contains(text)))
}

/// Whether some row shows the `▸` cursor beside `text`.
fn cursor_on(screen: &str, text: &str) -> bool {
    screen.lines().any(|l| l.find('▸').is_some_and(|at| l[at..].contains(text)))
}

/// Presses `j` until the row `selected` shows on the screen.
fn select_row(t: &Tmux, selected: &str) {
    for _ in 0..20 {
        let before = t.screen();
        if before.contains(selected) {
            return;
        }
        t.keys(&["j"]);
        t.wait_until("the selection to move", |s| s != before);
    }
    panic!("{selected:?} never selected; the screen was:\n{}", t.screen());
}

#[test]
fn walk_from_a_claim_to_its_claimant_into_another_briefing_and_back() {
    let t = open_briefings();
    let first = t.screen();
    assert!(first.starts_with("╭ Briefings"), "the briefing list:\n{first}");
    assert!(selected_in_list(&first, "Attack near M"), "the Moscow briefing is selected:\n{first}");
    assert!(first.contains("Claims 12"), "its claims:\n{first}");

    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["j"]);
    let s = t.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    assert!(cursor_on(&s, "IS fighters carried out"), "the cursor moved to the second claim:\n{s}");
    // Enter shows the claim from the top; the first j brings its first link into view.
    t.keys(&["j", "Enter", "j"]);
    t.wait_until("the claim's links in the detail pane", |s| s.contains("▸by") && s.contains("Peter Neumann actor"));

    t.keys(&["Enter"]);
    let s = t.wait_for("ACTOR  peter-neumann");
    assert!(cursor_on(&s, "Peter Neumann person"), "the claimant is selected in Actors:\n{s}");

    t.keys(&["Enter", "j"]);
    // An actor's detail is its dossier first: the claims it makes.
    t.wait_until("the actor's dossier", |s| s.contains("Claims by it") && s.contains("▸claims          ?? ≠ The IS"));
    select_row(&t, "▸in description  Islamic State Khorasan");
    t.keys(&["Enter"]);
    let s = t.wait_for("ACTOR  ispk");
    assert!(s.contains("Islamic State Khorasan Province (ISPK)"), "the ISPK briefing is open:\n{s}");
    assert!(selected_in_list(&s, "Islamic State K"), "ISPK is selected in the list:\n{s}");

    t.keys(&["BSpace"]);
    let s = t.wait_for("ACTOR  peter-neumann");
    assert!(s.contains("Attack near Moscow and the IS claim"), "back in the Moscow briefing:\n{s}");
    t.keys(&["BSpace"]);
    t.wait_for("CLAIM  neumann-is-claim-genuine");
    t.keys(&["]"]);
    let s = t.wait_for("ACTOR  peter-neumann");
    assert!(cursor_on(&s, "Peter Neumann person"), "forward again to the claimant:\n{s}");
}

#[test]
fn q_quits_with_0_and_gives_the_terminal_back() {
    let t = open_briefings();
    assert_eq!(t.display("#{alternate_on}"), "1", "the reader draws on the alternate screen");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
    let stty = t.stty();
    assert!(cooked(&stty), "icanon and echo are back on:\n{stty}");
    assert_eq!(t.display("#{alternate_on}"), "0", "the alternate screen was left");
    let screen = t.screen();
    assert!(!screen.contains("Briefings") && !screen.contains(MOSCOW), "the shell's screen is back:\n{screen}");
}

#[test]
fn help_lists_keys_from_the_key_table_and_esc_closes_it() {
    let t = open_briefings();
    t.keys(&["?"]);
    let s = t.wait_for("back to where you were before the last jump");
    assert!(s.contains("forward again after going back"), "help:\n{s}");
    t.keys(&["Escape"]);
    let s = t.wait_gone("back to where you were before the last jump");
    assert!(s.contains(MOSCOW), "the briefing is visible again:\n{s}");
}

#[test]
fn a_broken_file_beside_a_good_one_is_reported_not_fatal() {
    // Under a deep path (as a checkout may be), the problem still names its file.
    let tmp = TempDir::new("deep");
    let deep = tmp.path().join(format!("{}/briefings", "a-long-folder-name/".repeat(8)));
    std::fs::create_dir_all(&deep).unwrap();
    for entry in std::fs::read_dir(fixture("broken-reader")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, deep.join(path.file_name().unwrap())).unwrap();
    }
    assert!(deep.as_os_str().len() > 150);
    let t = Tmux::start(&Launch::dir(&deep));
    let s = t.wait_for("Field notes from the harbour");
    assert!(s.contains("1 file with problems"), "the footer counts the broken file:\n{s}");
    t.keys(&["!"]);
    let s = t.wait_for("torn-page.toml:5:");
    assert!(s.contains("error:"), "the problem is shown with its severity:\n{s}");
    t.keys(&["Escape"]);
    t.wait_gone("torn-page.toml");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

#[test]
fn an_empty_folder_gets_a_friendly_screen_and_q_quits() {
    let empty = TempDir::new("empty");
    let t = Tmux::start(&Launch::dir(empty.path()));
    let s = t.wait_for("No briefings in");
    assert!(s.contains("--dir"), "it says how to name a folder:\n{s}");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

#[test]
fn a_missing_folder_gets_a_friendly_screen_and_q_quits_with_2() {
    let tmp = TempDir::new("missing");
    let missing = tmp.path().join("no-such-folder");
    let t = Tmux::start(&Launch::dir(&missing));
    let s = t.wait_for("no-such-folder");
    assert!(s.contains("Cannot read the briefing folder") && s.contains("--dir"), "it says what to do:\n{s}");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 2, "an unreadable folder is exit status 2, as for the other commands");
    assert!(!missing.exists(), "the reader does not create the folder");
}

#[test]
fn without_a_terminal_the_reader_exits_2_and_points_to_show_and_search() {
    // As in `brief --dir briefings | cat`: stdout is a pipe.
    let out = Command::new(tmux::brief_bin())
        .arg("--dir")
        .arg(briefings())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run brief");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is drawn into the pipe");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("brief show") && err.contains("brief search"), "stderr says what to use instead: {err}");
}

#[test]
fn n_steps_to_the_next_match_of_the_last_search() {
    let t = open_briefings();
    t.keys(&["/"]);
    t.type_line("c: neumann");
    let first = t.wait_until("the first match shown", |s| s.contains("CLAIM  ") && !s.contains("Search"));
    t.keys(&["n"]);
    let screen = t.wait_for("match 2 of");
    assert!(screen.contains("for 'c: neumann'"), "the footer says which match of which search:\n{screen}");
    let claim = |s: &str| s.lines().find_map(|l| l.split("CLAIM  ").nth(1)).map(str::to_string);
    assert_ne!(claim(&first), claim(&screen), "another claim is shown:\n{screen}");
}

#[test]
fn enter_on_a_claim_shows_its_text_from_the_top() {
    let t = open_briefings();
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["j"]);
    t.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    let before = t.screen_with_attributes();
    t.keys(&["Enter"]);
    // Only the borders' styles say the focus moved.
    let start = std::time::Instant::now();
    while t.screen_with_attributes() == before {
        assert!(start.elapsed() < tmux::PATIENCE, "Enter changed nothing");
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    let screen = t.screen();
    assert!(!screen.contains("▸by"), "no link pointed at, the text in view:\n{screen}");
    assert!(screen.contains("CLAIM  is-claims-krasnogorsk-attack"), "the claim's heading and text first:\n{screen}");
    assert!(screen.contains("IS fighters carried out"), "{screen}");
}

/// A lookup during a call starts from the shell: `brief ID` opens on it,
/// `brief /QUERY` with the finder already showing the matches.
#[test]
fn brief_id_and_brief_slash_query_start_where_asked() {
    let mut launch = Launch::dir(&briefings());
    launch.args.push("peter-neumann".into());
    let t = Tmux::start(&launch);
    let screen = t.wait_for("ACTOR  peter-neumann");
    assert!(screen.contains("Peter Neumann"), "{screen}");

    let mut launch = Launch::dir(&briefings());
    launch.args.push("/medvedev".into());
    let t = Tmux::start(&launch);
    let screen = t.wait_until("the matches", |s| s.contains("found") && !s.contains(" 0 found"));
    assert!(screen.contains("/ medvedev"), "the finder shows the query and its matches:\n{screen}");
    t.keys(&["Enter"]);
    t.wait_for("ACTOR  dmitry-medvedev");

    let mut launch = Launch::dir(&briefings());
    launch.args.push("no-such-id".into());
    let t = Tmux::start(&launch);
    t.wait_for("no entity 'no-such-id'");
}

#[test]
fn s_gives_the_open_briefing_the_whole_width_at_80x24() {
    let t = open_briefings();
    t.keys(&["s"]);
    let screen = t.wait_gone("Briefings");
    assert!(screen.starts_with(" Attack near Moscow and the IS claim of responsibility"), "{screen}");
    t.keys(&["s"]);
    t.wait_for("╭ Briefings");
}
