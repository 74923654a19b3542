//! What reaches the terminal: no colour under `NO_COLOR`, only ASCII under a
//! non-UTF-8 locale, and never an escape sequence from a briefing file.

use std::collections::BTreeSet;
use std::fs;

use super::tmux::{Launch, TempDir, Tmux, briefings, fixture, sh_quote};

const MOSCOW: &str = "Attack near Moscow";

/// SGR parameters that set a foreground or background colour.
fn colour_codes(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in screen.split("\x1b[").skip(1) {
        let Some(end) = seq.find(|c: char| !c.is_ascii_digit() && c != ';' && c != ':') else { continue };
        if !seq[end..].starts_with('m') {
            continue;
        }
        let colour = seq[..end]
            .split([';', ':'])
            .any(|p| matches!(p.parse::<u16>(), Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)));
        if colour {
            found.push(seq[..end].to_string());
        }
    }
    found
}

fn claims_screen_with_attributes(launch: Launch) -> String {
    let t = Tmux::start(&launch);
    t.wait_for(MOSCOW);
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.screen_with_attributes()
}

#[test]
fn no_color_draws_without_colour_and_the_selection_still_shows() {
    let coloured = claims_screen_with_attributes(Launch::dir(&briefings()));
    assert!(!colour_codes(&coloured).is_empty(), "the check sees colour when there is some:\n{coloured:?}");

    let plain = claims_screen_with_attributes(Launch::dir(&briefings()).set("NO_COLOR", "1"));
    assert_eq!(colour_codes(&plain), Vec::<String>::new(), "no colour under NO_COLOR");
    assert!(plain.contains("▸"), "the cursor marks the selection");
    let reversed =
        plain.split("\x1b[").any(|seq| seq.split('m').next().is_some_and(|p| p.split(';').any(|x| x == "7")));
    assert!(reversed, "the focused selection is in reverse video:\n{plain:?}");
}

/// Every character that occurs in the repo's briefing files.
fn briefing_chars() -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for entry in fs::read_dir(briefings()).expect("briefings/") {
        let path = entry.expect("entry").path();
        chars.extend(fs::read_to_string(path).expect("a briefing file").chars());
    }
    chars
}

#[test]
fn a_c_locale_gets_ascii_borders_and_symbols() {
    let launch = Launch::dir(&briefings()).set("LANG", "C");
    let t = Tmux::start(&launch);
    let mut screens = vec![t.wait_for(MOSCOW)];
    t.keys(&["Tab", "Tab"]);
    screens.push(t.wait_for("CLAIM  attack-death-toll-62"));
    t.keys(&["j", "Enter", "j"]);
    screens.push(t.wait_for("Links"));
    t.keys(&["?"]);
    screens.push(t.wait_for("back to where you were"));

    let first = &screens[0];
    assert!(first.starts_with("+ Briefings -"), "ASCII corners and lines:\n{first}");
    let row = first.lines().nth(1).unwrap_or_default();
    assert!(row.starts_with("|>") && row.contains("Attack"), "| borders and a > cursor:\n{first}");
    assert!(screens[1].contains("# ?? IS fighters"), "the contradiction mark is ASCII:\n{}", screens[1]);
    let allowed = briefing_chars();
    for screen in &screens {
        let foreign: BTreeSet<char> = screen.chars().filter(|c| !c.is_ascii() && !allowed.contains(c)).collect();
        assert!(foreign.is_empty(), "non-ASCII {foreign:?} that no briefing holds, on:\n{screen}");
    }
}

/// Copies the hostile fixture and adds a broken file whose name sets the title.
fn hostile_folder() -> TempDir {
    let tmp = TempDir::new("hostile");
    let dir = tmp.path().join("hostile");
    fs::create_dir_all(&dir).expect("create hostile/");
    fs::copy(fixture("hostile").join("hostile.toml"), dir.join("hostile.toml")).expect("copy the fixture");
    fs::write(dir.join("evil-\x1b]2;pwned-file\x07.toml"), "title = \n").expect("write the badly named file");
    tmp
}

#[test]
fn escape_sequences_in_briefings_are_shown_as_text_never_sent() {
    let folder = hostile_folder();
    let mut launch = Launch::dir(std::path::Path::new("hostile"));
    launch.cwd = Some(folder.path().to_path_buf());
    launch.before = format!("printf {}; ", sh_quote("\\033]2;e2e-title\\033\\\\"));
    let t = Tmux::start(&launch);
    let s = t.wait_for("Hostile ^[]0;pwned^G briefing");
    assert_intact(&s);
    t.keys(&["Tab"]);
    let s = t.wait_for("^[]8;;https://evil.example/^[\\here");
    assert_intact(&s);
    t.keys(&["Tab"]);
    let s = t.wait_for("Copies ^[]52;c;cHduZWQ=^G to the");
    assert_intact(&s);
    t.keys(&["!"]);
    let s = t.wait_for("evil-^[]2;pwned-file^G.toml");
    assert!(s.contains("1 file with problems"), "the badly named file is reported:\n{s}");

    assert_eq!(t.display("#{pane_title}"), "e2e-title", "no OSC title reached the terminal");
    assert_eq!(t.run(&["list-buffers"]), "", "no OSC 52 reached the clipboard");
    assert!(!t.screen().contains('\u{202e}'), "bidi overrides are dropped");
}

/// The frame is whole: nothing cleared it or moved the cursor mid-draw.
fn assert_intact(screen: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), 24, "24 rows:\n{screen}");
    assert!(rows[0].starts_with("╭ Briefings"), "top border in place:\n{screen}");
    assert!(rows[1].starts_with("│▸") && rows[1].contains("Hostile ^["), "the list row in place:\n{screen}");
    assert!(rows[1..22].iter().all(|r| r.starts_with('│')), "left border in place:\n{screen}");
    assert!(rows[22].starts_with('╰'), "bottom border in place:\n{screen}");
    assert!(rows[23].starts_with(" Tab pane"), "the footer in place:\n{screen}");
}

/// Each class of text that terminals draw at widths of their own (joiners,
/// selectors, skin tones, keycaps, flags, zero-width and separator
/// characters, noncharacters, Devanagari conjuncts), walked through claim by
/// claim so each frame only updates what changed: tmux's grid then equals a
/// full redraw of the same screen, with no stale or shifted cells.
#[test]
fn hard_text_leaves_no_stale_cells_on_a_real_terminal_grid() {
    for (width, height) in [(80, 24), (120, 30)] {
        let t = Tmux::start(&Launch::dir(&fixture("wide-text")));
        t.resize(width, height);
        t.wait_for("Width trial");
        t.keys(&["Tab"]);
        t.wait_for("CLAIM  zwj");
        for id in ["selectors", "skin", "flags", "zero-width", "separators", "nonchars", "devanagari"] {
            t.keys(&["j"]);
            t.wait_for(&format!("CLAIM  {id}"));
        }
        for _ in 0..7 {
            t.keys(&["k"]);
        }
        t.wait_for("CLAIM  zwj");
        // In a git checkout the detail view then says who last changed the
        // claim, a moment later: the screen to compare is the one with it.
        let in_git = std::process::Command::new("git")
            .arg("-C")
            .arg(fixture("wide-text"))
            .args(["rev-parse", "--is-inside-work-tree"])
            .output()
            .is_ok_and(|o| o.status.success());
        let said = |s: &str| !in_git || s.lines().any(|l| l.contains(".toml:") && l.contains(" · "));
        let walked = t.wait_until("the detail's last change", said);
        // A resize makes the reader draw every cell again; the bottom border
        // (no wide text in it) says which width is drawn.
        let drawn_at = |s: &str, w: u16| {
            s.lines().any(|l| l.starts_with('╰') && l.ends_with('╯') && l.chars().count() == usize::from(w))
        };
        t.resize(width + 1, height);
        t.wait_until("the wider screen", |s| drawn_at(s, width + 1));
        t.resize(width, height);
        let redrawn = t.wait_until("the screen redrawn", |s| drawn_at(s, width));
        assert_eq!(walked, redrawn, "at {width}x{height} the updated grid differs from a full redraw");
        for l in walked.lines().filter(|l| l.starts_with('│') && l.contains("││")) {
            assert!(l.ends_with('│'), "a shifted row at {width}x{height}: {l:?}");
        }
        assert!(!walked.contains('\u{FE0F}') && !walked.contains('\u{200D}'), "{walked}");
    }
}

/// TLP in its TLP 2.0 colour on a real terminal at 80x24: red in the list
/// row and the header; under `NO_COLOR` the words are still there, bold.
#[test]
fn tlp_red_is_red_in_the_list_and_the_header() {
    let tmp = TempDir::new("tlp");
    let dir = tmp.path().join("b");
    fs::create_dir_all(&dir).expect("mkdir");
    for entry in fs::read_dir(briefings()).expect("briefings") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        let text = if path.ends_with("moscow-attack-2024.toml") {
            text.replace("tlp = \"clear\"", "tlp = \"red\"")
        } else {
            text
        };
        fs::write(dir.join(path.file_name().expect("name")), text).expect("write");
    }
    let t = Tmux::start(&Launch::dir(&dir));
    t.wait_for("TLP:RED");
    let screen = t.screen_with_attributes();
    assert!(screen.contains("\x1b[31mRED ") && screen.contains("\x1b[31mTLP:RED"), "red in both places:\n{screen:?}");
    let plain = Tmux::start(&Launch::dir(&dir).set("NO_COLOR", "1"));
    plain.wait_for("TLP:RED");
    let screen = plain.screen_with_attributes();
    assert!(colour_codes(&screen).is_empty() && screen.contains("\x1b[1mRED "), "bold, no colour:\n{screen:?}");
}

/// `brief show` on an 80x24 terminal: wrapped under its value column and,
/// longer than the screen, shown in the pager (`less -R` when `$PAGER` is
/// unset); `q` leaves it and brief exits 0.
#[test]
fn show_on_a_terminal_wraps_with_a_hanging_indent_and_pages() {
    let mut launch = Launch::dir(&briefings());
    launch.args.extend(["show".into(), "moscow-attack-2024".into(), "--full".into()]);
    let t = Tmux::start(&launch);
    let screen = t.wait_for("bluf            Islamic State claimed");
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("  bluf")).unwrap();
    assert!(lines[at].trim_end().len() <= 80 && lines[at].len() > 60, "{screen}");
    assert!(lines[at + 1].starts_with(&" ".repeat(18)) && !lines[at + 1].starts_with(&" ".repeat(19)), "{screen}");
    assert_eq!(lines.last().map(|l| l.trim_end()), Some(":"), "less waits at its prompt:\n{screen}");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

/// On a terminal `brief show` reads hard-wrapped prose as paragraphs, as the
/// reader does; to a pipe it is printed as written.
#[test]
fn show_on_a_terminal_reads_hard_wrapped_prose_as_paragraphs() {
    let dir = TempDir::new("paragraphs");
    let text = "id = \"paris\"\ntitle = \"Paris\"\nsummary = \"\"\"\nAttacks at the Stade de\nFrance, cafés and a concert hall.\n\nA second paragraph.\n\"\"\"\n";
    std::fs::write(dir.path().join("paris.toml"), text).unwrap();
    let mut launch = Launch::dir(dir.path()).set("PAGER", "cat");
    launch.args.extend(["show".into(), "paris".into()]);
    let t = Tmux::start(&launch);
    let screen = t.wait_for("EXIT=");
    assert!(screen.contains("summary         Attacks at the Stade de France, cafés and a concert hall."), "{screen}");
    let lines: Vec<&str> = screen.lines().collect();
    let second = lines.iter().position(|l| l.trim() == "A second paragraph.").expect(&screen);
    assert!(lines[second - 1].trim().is_empty(), "a blank line between paragraphs:\n{screen}");
    let piped = std::process::Command::new(super::tmux::brief_bin())
        .args(["show", "paris", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&piped.stdout).contains("Stade de\n"), "a pipe gets the lines as written");
}
