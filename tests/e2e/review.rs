//! Review marks as a person makes them: saved at once, seen by a second
//! reader running at the same time, and still there after a restart.

use super::tmux::{Launch, TempDir, Tmux, briefings};

fn reader(state: &std::path::Path) -> Tmux {
    let t = reopened(state, "Attack near Moscow");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t
}

/// A reader on `state` as a restart finds it: where the last one quit.
fn reopened(state: &std::path::Path, shown: &str) -> Tmux {
    let t = Tmux::start(&Launch::dir(&briefings()).set("BRIEF_STATE", &state.to_string_lossy()));
    t.wait_for(shown);
    t
}

#[test]
fn marks_and_a_note_reach_a_second_reader_and_survive_a_restart() {
    let dir = TempDir::new("review");
    let state = dir.path().join("state.toml");
    let first = reader(&state);
    let second = reader(&state);

    first.keys(&["x", "f", "a"]);
    first.wait_for("Note on attack-death-toll-62");
    first.type_line("ask the desk for the final toll");
    let screen = first.wait_for("ask the desk");
    assert!(screen.contains("✓ reviewed") && screen.contains("⚑ flagged"), "{screen}");

    // The other reader picks the change up from the file, without a key.
    let seen = second.wait_for("ask the desk");
    assert!(seen.contains("✓ reviewed"), "{seen}");
    second.keys(&["j"]);
    second.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    second.keys(&["x"]);
    second.wait_for("✓ reviewed");

    first.keys(&["q"]);
    assert_eq!(first.exit_status(), 0);
    // A restart opens where the reader quit: on the claim just noted.
    let again = reopened(&state, "CLAIM  attack-death-toll-62");
    let screen = again.wait_for("ask the desk");
    assert!(screen.contains("✓ reviewed") && screen.contains("⚑ flagged"), "{screen}");
    again.keys(&["j"]);
    again.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    let text = std::fs::read_to_string(&state).expect("the state file");
    assert!(text.contains("is-claims-krasnogorsk-attack"), "the second reader's mark is kept:\n{text}");
}

#[test]
fn y_puts_a_citation_on_the_clipboard() {
    let dir = TempDir::new("copy");
    let t = reader(&dir.path().join("state.toml"));
    t.keys(&["y"]);
    t.wait_for("copied:");
    let buffer = t.run(&["show-buffer"]);
    assert!(
        buffer.starts_with("\"The attack near Moscow left 62 dead")
            && buffer.ends_with("TLP:CLEAR")
            && buffer.contains("[attack-death-toll-62, moscow-attack-2024"),
        "the citation, through OSC 52 into tmux's clipboard: {buffer:?}"
    );
}

#[test]
fn e_opens_the_editor_at_the_line_and_the_edit_shows_when_it_exits() {
    let dir = TempDir::new("edit");
    let folder = dir.path().join("briefings");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(briefings()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    // An "editor" that records how it was called and edits the claim's text,
    // in a folder whose name has a space: $EDITOR quotes it.
    std::fs::create_dir_all(dir.path().join("My Editor")).unwrap();
    let editor = dir.path().join("My Editor").join("editor.sh");
    let args = dir.path().join("args");
    let script =
        format!("#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/left 62 dead[.]/left many dead./' \"$3\"\n", args.display());
    std::fs::write(&editor, script).unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let launch = Launch::dir(&folder)
        .set("BRIEF_STATE", &dir.path().join("state.toml").to_string_lossy())
        .set("EDITOR", &format!("'{}' --wait", editor.display()));
    let t = Tmux::start(&launch);
    t.wait_for("Attack near Moscow");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["e"]);
    t.wait_for("left many dead");
    let called = std::fs::read_to_string(&args).unwrap();
    let line = std::fs::read_to_string(folder.join("moscow-attack-2024.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("\"attack-death-toll-62\""))
        .unwrap()
        + 1;
    assert_eq!(called.trim(), format!("--wait +{line} {}", folder.join("moscow-attack-2024.toml").display()));
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

/// With neither `$VISUAL` nor `$EDITOR`, `e` runs `vi`, as git and less do.
#[test]
fn e_without_visual_or_editor_runs_vi() {
    let dir = TempDir::new("edit-vi");
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let args = dir.path().join("args");
    std::fs::write(bin.join("vi"), format!("#!/bin/sh\necho \"$@\" > '{}'\n", args.display())).unwrap();
    std::fs::set_permissions(bin.join("vi"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let t = Tmux::start(&Launch::dir(&briefings()).set("PATH", &path).set("EDITOR", "").set("VISUAL", " "));
    t.wait_for("Attack near Moscow");
    t.keys(&["e"]);
    let file = briefings().join("moscow-attack-2024.toml");
    let called = || std::fs::read_to_string(&args).unwrap_or_default();
    for _ in 0..100 {
        if !called().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let called = called();
    let (line, path) = called.trim().split_once(' ').expect("vi +LINE FILE");
    assert!(line.starts_with('+') && line[1..].parse::<u32>().is_ok(), "{called}");
    assert_eq!(path, file.display().to_string());
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

#[test]
fn a_fifo_as_the_state_file_opens_the_reader_read_only_instead_of_hanging() {
    let dir = TempDir::new("fifo-state");
    let state = dir.path().join("state.toml");
    let status = std::process::Command::new("mkfifo").arg(&state).status().expect("mkfifo runs");
    assert!(status.success());
    let t = Tmux::start(&Launch::dir(&briefings()).set("BRIEF_STATE", &state.to_string_lossy()));
    t.wait_for("Attack near Moscow");
    t.wait_for("cannot read the state file");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
}

/// A storm of 1 MB pastes into notes: each note keeps its first 4,000
/// characters, the state file stays small, and the reader answers the next key
/// at once (the notes grew the file to 4.5 MB and left keys queued for seconds).
#[test]
fn a_storm_of_huge_pastes_into_notes_keeps_the_reader_responsive() {
    let dir = TempDir::new("paste-storm");
    let state = dir.path().join("state.toml");
    let t = reader(&state);
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(200_000)).expect("1 MB of text");
    t.run(&["load-buffer", &big.to_string_lossy()]);
    for _ in 0..5 {
        t.keys(&["a"]);
        t.run(&["paste-buffer", "-p", "-t", "e2e"]);
        t.keys(&["Enter", "j"]);
    }
    let notes = || std::fs::read_to_string(&state).map_or(0, |s| s.matches("word word").count());
    let start = std::time::Instant::now();
    while notes() < 5 {
        assert!(start.elapsed() < super::tmux::PATIENCE, "{} of 5 notes saved", notes());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let start = std::time::Instant::now();
    t.keys(&["g"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    assert!(start.elapsed() < std::time::Duration::from_secs(1), "the reader took {:?} to answer", start.elapsed());
    let text = std::fs::read_to_string(&state).expect("the state file");
    assert!(text.len() < 6 * 4000, "the state file holds {} bytes", text.len());
}

/// A query gone to is kept beside the state file: after a restart, `/` and
/// `↑` bring it back.
#[test]
fn the_finder_recalls_a_query_after_a_restart() {
    let dir = TempDir::new("queries");
    let state = dir.path().join("state.toml");
    let t = reader(&state);
    t.keys(&["/"]);
    t.type_line("medvedev");
    t.wait_for("ACTOR  dmitry-medvedev");
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), 0);
    let again = reopened(&state, "ACTOR  dmitry-medvedev");
    again.keys(&["/"]);
    again.wait_for("Search");
    again.keys(&["Up"]);
    again.wait_for("/ medvedev");
    again.keys(&["Enter"]);
    again.wait_for("ACTOR  dmitry-medvedev");
}

/// At 80x24: a note written over two lines (`Alt-Enter`) is shown as two.
#[test]
fn a_note_takes_line_breaks() {
    let dir = TempDir::new("note-lines");
    let t = reader(&dir.path().join("state.toml"));
    t.keys(&["a"]);
    t.wait_for("Note on attack-death-toll-62");
    t.type_text("first line");
    t.keys(&["M-Enter"]);
    t.type_text("second line");
    t.keys(&["Enter"]);
    let screen = t.wait_for("note saved");
    let at = screen.lines().position(|l| l.contains("first line")).expect("the note in the detail");
    assert!(screen.lines().nth(at + 1).unwrap().contains("second line"), "{screen}");
}

/// At 80x24: `j` in the list previews the next briefing, marks the open one
/// apart, and `Tab` opens the preview.
#[test]
fn the_list_previews_the_briefing_under_the_cursor() {
    let dir = TempDir::new("preview");
    let t = reopened(&dir.path().join("state.toml"), "Attack near Moscow");
    t.keys(&["Enter", "1", "j"]);
    let screen = t.wait_for("Preview: Hostage sieges");
    assert!(screen.lines().any(|l| l.starts_with("│▹")), "the open briefing is marked:\n{screen}");
    t.keys(&["Tab"]);
    t.wait_gone("Preview:");
    t.wait_for("Chechen militants");
}
