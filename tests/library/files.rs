//! Files and folders as the file system hands them over: too large, not
//! regular, swapped after the listing, linked in a loop, hidden.

use super::*;

#[test]
fn a_file_over_4_mib_is_reported_and_not_read() {
    let dir = scratch("too-large");
    let mut text = b"title = \"Huge\"\n".to_vec();
    text.resize(4 * 1024 * 1024 + 1, b'#');
    fs::write(dir.join("huge.toml"), &text).expect("write");
    assert_eq!(
        problems_in(&dir),
        ["huge.toml: error: file is too large (4194305 bytes; the limit is 4194304); skipped"]
    );
}

/// Loads `dir` on a thread, failing the test instead of hanging on it.
fn load_within(dir: &Path, secs: u64) -> Corpus {
    let (tx, rx) = mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(load(&dir).expect("loads"));
    });
    rx.recv_timeout(Duration::from_secs(secs)).expect("the load finished in time")
}

#[test]
fn a_fifo_named_like_a_briefing_is_reported_without_blocking() {
    let dir = scratch("fifo");
    let status = std::process::Command::new("mkfifo").arg(dir.join("x.toml")).status().expect("mkfifo runs");
    assert!(status.success());
    let c = load_within(&dir, 10);
    assert_eq!(shown(&dir, &c), ["x.toml: error: not a regular file; skipped"]);
}

#[test]
fn a_file_whose_size_reads_as_zero_is_read_only_up_to_the_limit() {
    // /proc files say 0 bytes and never end: a cloned repository can carry such a link.
    let dir = scratch("proc-link");
    fs::copy(fixture("good/good-briefing.toml"), dir.join("a.toml")).expect("copy");
    std::os::unix::fs::symlink("/proc/self/pagemap", dir.join("pagemap.toml")).expect("symlink");
    let c = load_within(&dir, 20);
    assert_eq!(shown(&dir, &c), ["pagemap.toml: error: file is too large (over the limit of 4194304 bytes); skipped"]);
    assert!(c.get("good-source").is_some(), "the good file loads beside it");
}

#[test]
fn a_fifo_that_replaces_a_file_after_the_listing_is_not_waited_on() {
    let dir = scratch("fifo-late");
    let path = dir.join("late.toml");
    let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(status.success());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(brief::load::parse_file(&path).diags);
    });
    let diags = rx.recv_timeout(Duration::from_secs(10)).expect("the read gave up at once");
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["not a regular file; skipped"]);
}

#[test]
fn a_symlink_loop_ends_and_every_file_loads_once() {
    let dir = scratch("symlink-loop");
    fs::create_dir(dir.join("sub")).expect("mkdir");
    fs::copy(fixture("good/good-briefing.toml"), dir.join("a.toml")).expect("copy");
    fs::write(dir.join("sub/b.toml"), "title = \"B\"\n").expect("write");
    std::os::unix::fs::symlink("..", dir.join("sub/up")).expect("symlink to the parent");
    std::os::unix::fs::symlink("a.toml", dir.join("alias.toml")).expect("symlink to a file");
    let c = load_within(&dir, 10);
    assert_eq!(shown(&dir, &c), Vec::<String>::new(), "no duplicate ids from a second way in");
    let files: Vec<_> = c.files.iter().map(|p| p.strip_prefix(&dir).expect("inside").to_path_buf()).collect();
    assert_eq!(files, [PathBuf::from("a.toml"), PathBuf::from("sub/b.toml")]);
}

#[test]
fn hidden_files_and_folders_are_skipped() {
    let c = corpus("hidden");
    assert_eq!(shown(&fixture("hidden"), &c), Vec::<String>::new());
    assert_eq!(c.files, [fixture("hidden").join("visible/shown.toml")]);
}
