//! The terminal is given back on every way out, and survives what terminals
//! do: resizes, signals, suspend, a connection that dies.

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use super::pty;
use super::tmux::{Launch, TempDir, Tmux, brief_bin, briefings, cooked};

const MOSCOW: &str = "Attack near Moscow";

#[test]
fn a_resize_storm_leaves_a_working_reader_and_too_small_recovers() {
    let t = Tmux::start(&Launch::dir(&briefings()));
    t.wait_for(MOSCOW);
    // Thirty sizes from 20x6 to 200x60, sent as fast as tmux takes them.
    for i in 0..30u16 {
        let (w, h) = if i % 2 == 0 { (20 + i * 6, 6 + i * 2) } else { (200 - i * 5, 60 - i * 2) };
        t.resize(w, h);
    }
    t.resize(80, 24);
    t.keys(&["?"]);
    t.wait_for("back to where you were before the last jump");
    t.keys(&["Escape"]);
    t.wait_gone("back to where you were before the last jump");

    t.resize(30, 8);
    t.wait_for("terminal too small");
    t.resize(80, 24);
    let s = t.wait_for(MOSCOW);
    assert!(!s.contains("too small") && !s.contains("EXIT="), "the reader recovered and is still running:\n{s}");
}

fn signal_restores_the_terminal(signal: i32, status: i32) {
    let t = Tmux::start(&Launch::dir(&briefings()));
    t.wait_for(MOSCOW);
    let pid = t.brief_pid();
    // SAFETY: sending a signal to the child we started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    assert_eq!(t.exit_status(), status);
    let stty = t.stty();
    assert!(cooked(&stty), "icanon and echo are back on:\n{stty}");
    assert_eq!(t.display("#{alternate_on}"), "0", "the alternate screen was left");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_the_terminal(libc::SIGTERM, 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_restores_the_terminal(libc::SIGHUP, 129);
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws_the_reader() {
    let mut launch = Launch::dir(&briefings());
    launch.shell = true;
    let t = Tmux::start(&launch);
    t.wait_for(MOSCOW);
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["C-z"]);
    let s = t.wait_for("Stopped");
    // bash puts its own tty modes back when a job stops, so only the screen tells.
    assert_eq!(t.display("#{alternate_on}"), "0", "the shell has its screen back:\n{s}");
    assert!(!s.contains("Claims 12"), "the reader is off the screen while stopped:\n{s}");
    t.type_line("fg");
    let s =
        t.wait_until("the reader drawn again", |s| s.contains("CLAIM  attack-death-toll-62") && !s.contains("Stopped"));
    assert!(s.contains("Briefings") && s.contains("Claims 12"), "the whole screen is redrawn:\n{s}");
    t.keys(&["j"]);
    t.wait_for("CLAIM  is-claims-krasnogorsk-attack");
    t.keys(&["q"]);
    t.wait_for_prompt();
}

/// User and system CPU time of a process, from `/proc/PID/stat`.
fn cpu_time(pid: i32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some(Duration::from_millis(ticks * 1000 / hz))
}

#[test]
fn a_closed_terminal_ends_the_reader_quickly_even_with_sighup_ignored() {
    let home = TempDir::new("hangup");
    let state = home.path().join("state.toml");
    // sh leads the session and ignores SIGHUP, so brief gets no signal when the
    // terminal goes: only its own watchdog can notice.
    let script = format!("trap '' HUP; {} --dir \"$1\"; exit $?", super::tmux::sh_quote(brief_bin()));
    let dir = briefings();
    let args: [&OsStr; 4] = ["-c".as_ref(), script.as_ref(), "sh".as_ref(), dir.as_os_str()];
    let env = [
        ("PATH", "/usr/bin:/bin"),
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("HOME", home.path().to_str().unwrap_or("/tmp")),
        ("BRIEF_STATE", state.to_str().unwrap_or("/tmp/brief-e2e-state.toml")),
    ];
    let mut p = pty::spawn("sh".as_ref(), &args, &env, 80, 24).expect("spawn brief on a pty");
    let drawn = p.read_until(super::tmux::PATIENCE, |b| pty::contains(b, MOSCOW.as_bytes()));
    assert!(drawn.is_ok(), "the reader drew its first screen");
    let sh = p.child.id() as i32;
    let brief = super::tmux::descendant(sh, "brief").expect("brief runs under sh");
    let before = cpu_time(brief).expect("brief's CPU time");

    p.hang_up();
    let closed = Instant::now();
    let mut last = before;
    loop {
        if let Some(t) = cpu_time(brief) {
            last = t;
        }
        if let Ok(Some(status)) = p.child.try_wait() {
            assert_ne!(status.code(), Some(101), "brief panicked when its terminal closed");
            break;
        }
        assert!(closed.elapsed() < Duration::from_secs(2), "brief still runs 2 s after its terminal closed");
        std::thread::sleep(Duration::from_millis(20));
    }
    let spent = last.saturating_sub(before);
    println!("brief ended {:?} after its terminal closed, using {spent:?} of CPU meanwhile", closed.elapsed());
    assert!(spent < Duration::from_millis(500), "brief burned {spent:?} of CPU after its terminal closed");
}

/// A terminal that answers no query (as some multiplexers and serial consoles
/// do): the editor and Ctrl-z/fg come back to a working reader, and the reader
/// never asked the terminal anything (no `ESC [ 6 n`, no `ESC [ c`).
#[test]
fn after_the_editor_the_reader_asks_the_terminal_nothing() {
    let home = TempDir::new("no-answers");
    let state = home.path().join("state.toml");
    let dir = briefings();
    let args: [&OsStr; 2] = ["--dir".as_ref(), dir.as_os_str()];
    let env = [
        ("PATH", "/usr/bin:/bin"),
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("EDITOR", "true"),
        ("HOME", home.path().to_str().unwrap_or("/tmp")),
        ("BRIEF_STATE", state.to_str().unwrap_or("/tmp/brief-e2e-state.toml")),
    ];
    let mut p = pty::spawn(brief_bin().as_ref(), &args, &env, 80, 24).expect("spawn brief on a pty");
    let mut seen = p.read_until(super::tmux::PATIENCE, |b| pty::contains(b, MOSCOW.as_bytes())).expect("first screen");
    for _ in 0..2 {
        p.write(b"e").expect("type e");
        // The editor exits at once; the reader takes the screen again and draws.
        let back = p.read_until(super::tmux::PATIENCE, |b| pty::contains(b, MOSCOW.as_bytes()));
        seen.extend(back.expect("the reader came back from the editor"));
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(p.child.try_wait().expect("wait"), None, "the reader is still running");
    for query in [&b"\x1b[6n"[..], b"\x1b[c", b"\x1b[>c", b"\x1b]11;?"] {
        assert!(!pty::contains(&seen, query), "the reader sent the query {query:?}");
    }
    p.write(b"q").expect("type q");
    let start = Instant::now();
    while p.child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < Duration::from_secs(3), "q did not quit");
        let _ = p.read(&mut [0; 4096], Duration::from_millis(50));
    }
    assert_eq!(p.child.wait().expect("status").code(), Some(0));
}

/// A config home (`XDG_CONFIG_HOME`) holding `brief/config.toml` with `text`.
fn config_home(dir: &TempDir, text: &str) -> String {
    let home = dir.path().join("config");
    std::fs::create_dir_all(home.join("brief")).unwrap();
    std::fs::write(home.join("brief/config.toml"), text).unwrap();
    home.to_string_lossy().into_owned()
}

/// `[keys]` remaps a key: it works, and the footer and help show it.
#[test]
fn a_remapped_key_works_and_help_and_footer_show_it() {
    let dir = TempDir::new("config-keys");
    let home = config_home(&dir, "[keys]\nreviewed = \"r\"\n");
    let t = Tmux::start(&Launch::dir(&briefings()).set("XDG_CONFIG_HOME", &home));
    let screen = t.wait_for("Attack near Moscow");
    assert!(screen.lines().last().unwrap().contains("r reviewed"), "{screen}");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["x"]);
    t.wait_for("x does nothing here");
    t.keys(&["r"]);
    t.wait_for("✓ reviewed");
    t.keys(&["?"]);
    t.wait_for("Help: Esc closes");
    t.keys(&["PgDn"]);
    let help = t.wait_for("toggle reviewed");
    let row = help.lines().find(|l| l.contains("toggle reviewed")).unwrap();
    assert!(row.contains(" r ") && !row.contains(" x "), "{row}");
}

/// A config file with a problem: the reader says where, on the defaults.
#[test]
fn a_broken_config_is_named_in_the_footer_and_the_defaults_hold() {
    let dir = TempDir::new("config-bad");
    let home = config_home(&dir, "[keys]\nreviewed = \"n\"\n");
    let t = Tmux::start(&Launch::dir(&briefings()).set("XDG_CONFIG_HOME", &home));
    let screen = t.wait_for("config not used");
    assert!(screen.contains("config.toml:2:1"), "{screen}");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("CLAIM  attack-death-toll-62");
    t.keys(&["x"]);
    t.wait_for("✓ reviewed");
}
