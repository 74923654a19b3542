//! The real `brief` binary, as a person or a script runs it: what it prints,
//! and the exit status it ends with.

mod ach;
mod broken;
#[path = "../common/mod.rs"]
mod common;
mod config;
mod dossier;
mod export;
mod history;
mod json_schema;
mod snapshot;
mod team;
mod untrusted_git;

use common::{fixture, scratch};

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `brief ARGS` run in `cwd`, with no folder, colour, config or review marks from the environment.
fn brief(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.current_dir(cwd).env_remove("BRIEF_DIR").env_remove("NO_COLOR").stdin(Stdio::null());
    cmd.env("BRIEF_STATE", std::env::temp_dir().join("brief-cli-tests-no-state.toml"));
    cmd.env("XDG_CONFIG_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"));
    // Snapshots and search caches of the test folders stay with the tests.
    cmd.env("BRIEF_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-cache"));
    cmd
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    brief(cwd).args(args).output().expect("brief runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const BROKEN_CASES: &[&str] = &[
    "syntax",
    "missing",
    "wrong-type",
    "malformed-id",
    "duplicate",
    "missing-link",
    "wrong-kind",
    "unknown-key",
    "bad-date",
    "bad-enum",
];

/// A folder with one broken file of each kind beside a good one: `<scratch>/mixed`.
fn mixed_folder() -> PathBuf {
    let parent = scratch("mixed");
    let mixed = parent.join("mixed");
    copy_dir(&fixture("good"), &mixed.join("good"));
    for case in BROKEN_CASES {
        copy_dir(&fixture(case), &mixed.join(case));
    }
    let generated = mixed.join("generated");
    fs::create_dir_all(&generated).expect("mkdir");
    fs::write(generated.join("latin1.toml"), b"title = \"caf\xe9\"\n").expect("write");
    let mut huge = b"title = \"Huge\"\n".to_vec();
    huge.resize(5 << 20, b'#');
    fs::write(generated.join("huge.toml"), huge).expect("write");
    let fifo = Command::new("mkfifo").arg(generated.join("pipe.toml")).status().expect("mkfifo runs");
    assert!(fifo.success());
    parent
}

#[test]
fn check_reports_every_broken_file_and_show_still_finds_the_good_one() {
    let parent = mixed_folder();
    let out = run(&parent, &["check", "--dir", "mixed"]);
    assert_eq!(out.status.code(), Some(1), "errors make check exit 1");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    for expected in [
        "mixed/syntax/syntax-broken.toml:3:34: error: invalid TOML: invalid basic string, expected `\"`",
        "mixed/missing/missing-keys.toml:10:1: error: missing required key 'text' in claims",
        "mixed/wrong-type/wrong-type.toml:1:9: error: title must be a string, not integer",
        "mixed/malformed-id/malformed-id.toml:5:6: error: malformed id 'Bad Actor': use lowercase a-z, 0-9 and '-'",
        "mixed/duplicate/dup-second.toml:4:6: error: duplicate id 'dup-actor': first defined at mixed/duplicate/dup-first.toml:4:6",
        "mixed/missing-link/missing-link.toml:7:6: error: unknown actor 'nobody-at-all' in claims.by",
        "mixed/wrong-kind/wrong-kind.toml:15:6: error: 'wrong-kind-claim-a' in claims.by is a claim, not an actor",
        "mixed/unknown-key/unknown-key.toml:2:1: warning: unknown key 'sumary' in the briefing; did you mean 'summary'?",
        "mixed/bad-date/bad-date.toml:2:8: error: date is '2024-13', expected a date: YYYY, YYYY-MM or YYYY-MM-DD",
        "mixed/bad-enum/bad-enum.toml:17:15: error: claims.credibility is 7, expected 1 to 6",
        "mixed/generated/huge.toml: error: file is too large (5242880 bytes; the limit is 4194304); skipped",
        "mixed/generated/latin1.toml:1:13: error: file is not valid UTF-8",
        "mixed/generated/pipe.toml: error: not a regular file; skipped",
    ] {
        assert!(lines.contains(&expected), "missing line: {expected}\nin:\n{text}");
    }
    assert!(!text.contains("mixed/good/"), "the good file has no problems:\n{text}");
    // The files that do not parse first, then a note that the links to unknown ids may be to theirs.
    assert!(lines[..4].iter().all(|l| l.contains("/generated/") || l.contains("/syntax/")), "{text}");
    assert!(lines[4].starts_with("mixed/syntax/syntax-broken.toml: note: this file and 3 others above"), "{text}");
    assert_eq!(lines.len(), 39 + 4 + 1 + 1, "one line per problem, the note, then the summary:\n{text}");
    assert_eq!(lines.last(), Some(&"39 errors, 4 warnings in 13 of 15 files (34 entities loaded)"));

    let show = run(&parent, &["show", "good-claim", "--dir", "mixed"]);
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
    let shown = stdout(&show);
    assert!(shown.starts_with("claim good-claim\n  The good claim holds.\n"), "{shown}");
    assert!(shown.contains("  grade B2\n"), "{shown}");
}

#[test]
fn check_exits_0_with_only_warnings_and_on_a_clean_folder() {
    let out = run(&fixture(""), &["check", "--dir", "unknown-key"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).ends_with("0 errors, 4 warnings in 1 of 1 file (2 entities loaded)\n"));
    let out = run(repo(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "./briefings is the default folder");
    assert_eq!(stdout(&out), "ok: 3 files, 46 entities, no problems\n");
}

#[test]
fn brief_dir_names_the_folder_when_dir_is_not_given() {
    let out = brief(&fixture("")).arg("check").env("BRIEF_DIR", "missing").output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("missing/missing-keys.toml:1:1: error:"), "{}", stdout(&out));
}

/// Options go before or after the command, as a person types them; an
/// entity and a command together is a usage error, not one silently dropped.
#[test]
fn dir_before_the_command_works_and_an_id_with_a_command_is_refused() {
    let dir = repo().join("briefings");
    let dir = dir.to_str().unwrap();
    let before = run(repo(), &["--dir", dir, "show", "ispk"]);
    assert_eq!(
        (before.status.code(), stdout(&before)),
        (Some(0), stdout(&run(repo(), &["show", "ispk", "--dir", dir])))
    );
    assert!(stdout(&before).starts_with("actor ispk"), "{}", stderr(&before));
    let both = run(repo(), &["ispk", "show", "ispk"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("not both"), "{}", stderr(&both));
}

fn show_json(id: &str) -> Value {
    let out = run(repo(), &["show", id, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array().expect("an array").iter().filter_map(|v| v["id"].as_str()).collect()
}

#[test]
fn show_json_lists_an_actors_claims_among_its_backlinks() {
    let neumann = show_json("peter-neumann");
    assert_eq!(neumann["kind"], "actor");
    assert_eq!(neumann["label"], "Peter Neumann");
    let by: Vec<&str> = neumann["backlinks"]
        .as_array()
        .expect("backlinks")
        .iter()
        .filter(|b| b["field"] == "by" && b["kind"] == "claim")
        .filter_map(|b| b["id"].as_str())
        .collect();
    for claim in ["neumann-is-claim-genuine", "neumann-ispk-possible-mastermind", "neumann-fake-news-ukraine-narrative"]
    {
        assert!(by.contains(&claim), "{claim} not among {by:?}");
    }
    assert!(ids(&neumann["backlinks"]).contains(&"moscow-attack-2024"), "prose links count as backlinks");
}

#[test]
fn a_contradiction_shows_from_both_sides() {
    // Only the Neumann claim lists the contradiction; the Telegram claim must show it too.
    let neumann = show_json("neumann-fake-news-ukraine-narrative");
    let telegram = show_json("telegram-is-message-fake");
    assert!(ids(&neumann["contradictions"]).contains(&"telegram-is-message-fake"));
    assert!(ids(&telegram["contradictions"]).contains(&"neumann-fake-news-ukraine-narrative"));
}

#[test]
fn show_prints_an_inline_link_by_its_words_and_lists_it() {
    let out = run(&fixture(""), &["show", "inline-main", "--dir", "inline-links"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("  summary         First Inline Actor speaks, then\n"), "{text}");
    assert!(
        text.contains("  in summary      actor      inline-actor    Inline Actor\n"),
        "ids padded to the longest: {text}"
    );
    assert!(text.contains("  in summary      BROKEN     inline-missing\n"), "{text}");
}

/// True when the bytes hold ESC or a C1 control (U+0080–U+009F, UTF-8 `C2 80`–`C2 9F`).
fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b) || bytes.windows(2).any(|w| w[0] == 0xc2 && (0x80..0xa0).contains(&w[1]))
}

#[test]
fn no_escape_sequence_from_a_file_reaches_the_output() {
    let parent = scratch("escapes");
    let dir = parent.join("esc");
    copy_dir(&fixture("sanitize"), &dir);
    fs::write(dir.join("raw-syntax.toml"), b"title = \"a\x1b]0;pwned\x07\"\n").expect("write");
    fs::write(dir.join("quoted-key.toml"), "title = \"Key\"\n\"\\u001b[2J\\u009b\" = 1\n").expect("write");
    // A file name can carry escapes too, and a duplicate id quotes the first file's name.
    let actor = "title = \"Dup\"\n\n[[actors]]\nid = \"esc-dup\"\nname = \"Dup\"\n";
    fs::write(dir.join("dup\x1b]0;x\x07.toml"), format!("id = \"dup-first\"\n{actor}")).expect("write");
    fs::write(dir.join("dup-second.toml"), actor).expect("write");
    let check = run(&parent, &["check", "--dir", "esc"]);
    assert!(!has_escape(&check.stdout), "{:?}", stdout(&check));
    assert_eq!(
        stdout(&check).lines().collect::<Vec<_>>(),
        [
            // A file that does not parse first: its ids are unknown meanwhile.
            "esc/raw-syntax.toml:1:11: error: invalid TOML: invalid basic string, expected non-double-quote visible characters, `\\`",
            "esc/dup-second.toml:4:6: error: duplicate id 'esc-dup': first defined at esc/dup^[]0;x^G.toml:5:6",
            "esc/quoted-key.toml:2:1: warning: unknown key '^[[2J^[[' in the briefing",
            "2 errors, 1 warning in 3 of 5 files (7 entities loaded)",
        ]
    );
    for args in
        [&["show", "sanitize-escapes", "--dir", "esc"][..], &["show", "sanitize-actor", "--dir", "esc", "--json"]]
    {
        let out = run(&parent, args);
        assert_eq!(out.status.code(), Some(0));
        assert!(!has_escape(&out.stdout), "{:?}", stdout(&out));
        assert!(stdout(&out).contains("^["), "{}", stdout(&out));
    }
}

#[test]
fn a_pipe_gets_no_colour() {
    let out = run(&fixture(""), &["check", "--dir", "bad-enum"]);
    assert!(!out.stdout.contains(&0x1b), "{}", stdout(&out));
    let forced = run(&fixture(""), &["check", "--dir", "bad-enum", "--color", "always"]);
    assert!(forced.stdout.contains(&0x1b), "--color always still colours");
}

/// Runs brief, reads one line of its output and closes the pipe: it must end quietly with 0.
fn read_one_line_then_close(cwd: &Path, args: &[&str]) {
    let mut child = brief(cwd).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    reader.read_line(&mut first).expect("one line");
    assert!(!first.is_empty());
    drop(reader);
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("stderr");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    assert!(!err.contains("panic"), "{err}");
}

#[test]
fn a_closed_pipe_ends_show_and_check_quietly() {
    let dir = scratch("closed-pipe");
    // Far more output than a pipe holds, so the writes hit the closed end.
    let keys: String = (0..5000).map(|i| format!("unknown_key_number_{i} = 1\n")).collect();
    fs::write(dir.join("noisy.toml"), format!("title = \"Noisy\"\n{keys}")).expect("write");
    let summary: String = (0..5000).map(|i| format!("Line {i} of a very long summary.\n")).collect();
    fs::write(dir.join("long.toml"), format!("title = \"Long\"\nsummary = \"\"\"\n{summary}\"\"\"\n")).expect("write");
    read_one_line_then_close(&dir, &["show", "long", "--dir", "."]);
    read_one_line_then_close(&dir, &["check", "--dir", "."]);
}

#[test]
fn show_exits_1_for_an_unknown_id() {
    let out = run(repo(), &["show", "no-such-id"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no entity with id 'no-such-id'"), "{}", stderr(&out));
}

#[test]
fn an_unreadable_folder_exits_2_and_says_what_to_do() {
    let missing = run(repo(), &["check", "--dir", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read the briefing folder 'no/such/folder'"), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("--dir DIR"), "{}", stderr(&missing));
    let file = run(repo(), &["show", "peter-neumann", "--dir", "Cargo.toml"]);
    assert_eq!(file.status.code(), Some(2), "a file is not a folder");
}

#[test]
fn bad_usage_exits_2() {
    for args in [&["show"][..], &["--frobnicate"], &["chek"], &["check", "--color", "sometimes"]] {
        let out = run(repo(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("error:"), "{args:?}: {}", stderr(&out));
    }
    assert!(stderr(&run(repo(), &["serch"])).contains("did you mean 'search'?"));
    for command in ["export", "import", "search", "show"] {
        let out = run(repo(), &[command, "--help"]);
        assert!(stdout(&out).contains(&format!("Usage: brief {command}")), "{command}: {}", stderr(&out));
    }
    // A misspelt command with arguments after it gets the same answer.
    for (args, near) in [(&["serch", "fake"][..], "search"), (&["--dir", "x", "shwo", "ispk"], "show")] {
        let out = run(repo(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(&format!("did you mean '{near}'?")), "{args:?}: {}", stderr(&out));
    }
    // Any other word opens the reader on that id, which needs a terminal.
    let out = run(repo(), &["peter-neumann"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the reader needs a terminal"), "{}", stderr(&out));
}

#[test]
fn help_names_every_place_the_folder_comes_from_in_plain_words() {
    let help = stdout(&run(repo(), &["--help"]));
    let line = help.lines().find(|l| l.contains("--dir <DIR>")).expect("--dir in the help");
    assert!(line.contains("[default: $BRIEF_DIR, else the config file's dir, else ./briefings]"), "{line}");
    assert!(!help.contains('`'), "no markup in the help: {help}");
}

#[test]
fn a_file_name_with_an_8_bit_csi_reaches_json_as_text() {
    let dir = scratch("c1-file-name");
    let text = "title = \"t\"\n[[actors]]\nid = \"someone\"\nname = \"Some One\"\naffiliations = [\"other\", \"other\"]\n[[actors]]\nid = \"other\"\nname = \"Other\"\n";
    fs::write(dir.join("x\u{9b}31mred.toml"), text).expect("write the oddly named file");
    let out = run(&dir, &["show", "someone", "--json", "--dir", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!has_escape(&out.stdout), "{:?}", stdout(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert!(json["path"].as_str().is_some_and(|p| p.contains("x^[[31mred.toml")), "{json}");
    let other = run(&dir, &["show", "other", "--json", "--dir", "."]);
    let json: Value = serde_json::from_slice(&other.stdout).expect("one JSON object");
    assert_eq!(json["backlinks"].as_array().map(Vec::len), Some(1), "one backlink per linking field: {json}");
}

/// Issue 11, fault 3: a claim quoted by a bare `[[id]]` whose text holds a
/// link shows no markup in `brief show`, nor in `--json`.
#[test]
fn show_prints_no_link_markup_from_a_quoted_claim() {
    let out = run(repo(), &["show", "ispk-profile"]);
    let text = stdout(&out);
    assert!(text.contains("mastermind (The IS offshoot in Afghanistan, ISPK, is"), "{text}");
    assert!(!text.contains("[["), "{text}");
    let json = run(repo(), &["show", "ispk", "--json"]);
    assert!(!stdout(&json).contains("[["), "{}", stdout(&json));
}

/// `brief show BRIEFING --full`: the whole briefing in reading order, each
/// entity once with its fields, claims with grade and claimant first, claim
/// references in prose by id; on anything but a briefing it is a usage error.
#[test]
fn show_full_prints_a_briefing_whole_in_reading_order() {
    let out = run(repo(), &["show", "russia-hostage-sieges", "--full"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} in:\n{text}"));
    let order =
        ["briefing russia-hostage-sieges", "  bluf ", "  summary ", "\nactors\n", "\nclaims\n", "\nprecedents\n"];
    let places: Vec<usize> = order.iter().map(|s| at(s)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "in reading order: {places:?}");
    let corpus = brief::load::load(&repo().join("briefings")).expect("loads");
    let b = corpus.briefing(corpus.get("russia-hostage-sieges").expect("id")).expect("a briefing");
    for &c in &b.claims {
        let id = &corpus.entity(c).id;
        assert_eq!(text.matches(&format!("\n{id}  ")).count(), 1, "{id} once as a heading");
    }
    assert!(text.contains("(dubrovka-912-hostages)"), "a claim in prose by its id");
    assert!(text.contains("  grade           ??  by Reporting news outlet (unnamed)"), "{text}");
    assert!(!text.contains("[["));
    let actor = run(repo(), &["show", "peter-neumann", "--full"]);
    assert_eq!(actor.status.code(), Some(2));
    assert!(stderr(&actor).contains("--full shows a whole briefing"), "{}", stderr(&actor));
}
