//! State paths that are not a plain state file: a FIFO, a device, a huge
//! file, symlinks to someone else's file or to nothing. None hangs, none
//! floods memory, and nothing that is not brief's is ever moved or replaced.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brief::state::{ReviewFile, StateError};

use crate::{Scratch, names_in, set};

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Opens the store for the reader on a thread, failing instead of hanging.
fn open_within(path: &Path, secs: u64) -> (ReviewFile, Option<String>) {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(ReviewFile::open(path));
    });
    rx.recv_timeout(Duration::from_secs(secs)).expect("opened without waiting")
}

/// `brief ARGS` over the seed briefings with this state file, killed if it hangs.
fn brief_within(state: &Path, args: &[&str], secs: u64) -> Output {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .arg("--dir")
        .arg(seeds)
        .env("BRIEF_STATE", state)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("brief {args:?} still running after {secs} s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_fifo_state_file_is_refused_at_once_by_the_reader_show_and_check() {
    let dir = Scratch::new("fifo");
    mkfifo(&dir.file());
    let (mut store, notice) = open_within(&dir.file(), 10);
    let notice = notice.expect("told");
    assert!(notice.contains("not a regular file"), "{notice}");
    assert!(store.apply(set("a", true)).is_err(), "nothing written");
    for args in [&["show", "peter-neumann"][..], &["check"]] {
        let o = brief_within(&dir.file(), args, 20);
        assert!(o.status.success(), "{args:?}: {o:?}");
        assert!(stderr(&o).contains("not a regular file"), "{args:?} says why: {}", stderr(&o));
    }
    assert!(fs::symlink_metadata(dir.file()).expect("still there").file_type().is_fifo(), "left as it is");
}

#[test]
fn a_state_file_linked_to_dev_zero_is_refused_without_reading_it() {
    let dir = Scratch::new("dev-zero");
    symlink("/dev/zero", dir.file()).expect("symlink");
    let start = Instant::now();
    let o = brief_within(&dir.file(), &["show", "peter-neumann"], 20);
    assert!(o.status.success(), "{o:?}");
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert!(dir.file().is_symlink(), "the link is left as it is");
    let (mut store, notice) = open_within(&dir.file(), 10);
    assert!(notice.expect("told").contains("not a regular file"));
    assert!(matches!(store.apply(set("a", true)), Err(StateError::ReadOnly { .. })));
    assert!(!Path::new("/dev/zero.lock").exists(), "no lock made beside a target that is not a state file");
}

#[test]
fn a_state_file_over_the_16_mib_limit_is_not_read_and_never_moved_aside() {
    let dir = Scratch::new("huge");
    let mut text = b"version = 1\n".to_vec();
    text.resize(16 * 1024 * 1024 + 1, b'#');
    fs::write(dir.file(), &text).expect("write");
    let (mut store, notice) = ReviewFile::open(dir.file());
    let notice = notice.expect("told");
    assert!(notice.contains("too large") && notice.contains("16777216"), "{notice}");
    let err = store.apply(set("a", true)).expect_err("refused");
    assert!(err.to_string().contains("too large"), "{err}");
    assert_eq!(fs::metadata(dir.file()).expect("there").len(), text.len() as u64, "untouched");
    assert!(names_in(&dir.0).iter().all(|n| !n.contains("corrupt")), "{:?}", names_in(&dir.0));
}

#[test]
fn a_symlink_to_a_file_that_is_not_a_state_file_is_never_moved_or_replaced() {
    let dir = Scratch::new("foreign-link");
    let elsewhere = Scratch::new("foreign-target");
    let victim = elsewhere.0.join("thesis.txt");
    fs::write(&victim, "chapter one\n").expect("victim");
    symlink(&victim, dir.file()).expect("symlink");
    let (mut store, notice) = ReviewFile::open(dir.file());
    let notice = notice.expect("told");
    assert!(notice.contains("not a brief state file"), "{notice}");
    let err = store.apply(set("a", true)).expect_err("refused");
    assert!(matches!(err, StateError::ReadOnly { .. }), "{err}");
    assert!(store.read_only().is_some());
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "chapter one\n");
    assert_eq!(names_in(&elsewhere.0), ["thesis.txt"], "no lock, temp or aside file beside it");
    assert!(dir.file().is_symlink());
}

#[test]
fn a_dangling_symlink_into_a_folder_of_yours_is_followed_and_stays_a_link() {
    let dir = Scratch::new("dangling-mine");
    let target = dir.0.join("kept").join("state.toml");
    fs::create_dir(dir.0.join("kept")).expect("folder");
    symlink(&target, dir.file()).expect("symlink");
    let (mut store, notice) = ReviewFile::open(dir.file());
    assert_eq!(notice, None);
    store.apply(set("a", true)).expect("saved");
    assert!(dir.file().is_symlink(), "the link is not replaced by a file");
    assert!(fs::read_to_string(&target).expect("created at the target").contains("[marks.a]"));
}

#[test]
fn a_dangling_symlink_into_a_folder_not_yours_or_missing_is_left_alone() {
    let dir = Scratch::new("dangling-foreign");
    let theirs = dir.0.join("theirs");
    fs::create_dir(&theirs).expect("folder");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).expect("chown");
    }
    let foreign = if fs::metadata(&theirs).expect("meta").uid() == 65534 { theirs } else { Path::new("/").into() };
    for target in [foreign.join("state.toml"), dir.0.join("missing").join("state.toml")] {
        let _ = fs::remove_file(dir.file());
        symlink(&target, dir.file()).expect("symlink");
        let (mut store, notice) = ReviewFile::open(dir.file());
        let notice = notice.expect("told");
        assert!(notice.contains("symlink") && notice.contains("read-only"), "{notice}");
        assert!(matches!(store.apply(set("a", true)), Err(StateError::ReadOnly { .. })));
        assert!(dir.file().is_symlink() && !target.exists(), "nothing written for {target:?}");
    }
}

/// `brief show peter-neumann --json` with the state in brief's own folder under `data`.
fn show_with_data_home(data: &Path) -> Output {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "peter-neumann", "--json", "--dir"])
        .arg(seeds)
        .env("BRIEF_STATE", "")
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("brief runs")
}

#[test]
fn a_state_folder_someone_else_made_or_others_can_write_is_not_used() {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    for (n, why) in ["it belongs to uid 65534, not to you", "others can write to it (mode 777)"].iter().enumerate() {
        let dir = Scratch::new(&format!("foreign-data-{n}"));
        let folder = dir.0.join("brief");
        // Marks planted where brief would look for yours.
        let mut planted = ReviewFile::open(folder.join("state.toml")).0;
        planted.apply(set("peter-neumann", true)).expect("planted");
        if n == 0 && !root {
            eprintln!("skipped: making a folder someone else's needs root");
            continue;
        }
        if n == 0 {
            std::os::unix::fs::chown(&folder, Some(65534), Some(65534)).expect("chown");
        } else {
            fs::set_permissions(&folder, fs::Permissions::from_mode(0o777)).expect("chmod");
        }
        let o = show_with_data_home(&dir.0);
        let said = format!("the state folder {} is not safe to use ({why})", folder.display());
        assert!(o.status.success() && stderr(&o).contains(&said), "{}", stderr(&o));
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(j["marks"]["reviewed"], false, "the planted marks are not shown as yours");
        let data = dir.0.clone().into_os_string();
        let env = |name: &str| (name == "XDG_DATA_HOME").then(|| data.clone());
        let refused = brief::state::private_path_from(env).expect_err("the reader keeps no state there");
        assert!(refused.contains(&said), "{refused}");
    }
}
