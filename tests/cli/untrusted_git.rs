//! A colleague's repository is not trusted: whatever its config, attributes
//! or hooks name never runs, a crafted path name cannot make `brief log` or
//! `brief diff` lie, and a huge committed file is refused by its size before
//! it is read.

use super::history::{git, repository};
use super::*;

fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", file.display());
    fs::write(file, text.replace(from, to)).unwrap();
}

/// Every way a repository's config, attributes and hooks can name a program,
/// each naming one that leaves a mark in `ran/` if it is ever run.
fn plant_programs(root: &Path) -> PathBuf {
    let ran = root.join("ran");
    fs::create_dir_all(&ran).unwrap();
    let hooks = root.join("hooks");
    fs::create_dir_all(&hooks).unwrap();
    let program = |name: &str| {
        let path = root.join(format!("planted-{name}"));
        fs::write(&path, format!("#!/bin/sh\ntouch '{}/{name}'\ncat\n", ran.display())).unwrap();
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        path.display().to_string()
    };
    for hook in ["pre-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"] {
        let path = hooks.join(hook);
        fs::write(&path, format!("#!/bin/sh\ntouch '{}/hook-{hook}'\n", ran.display())).unwrap();
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    let settings = [
        ("core.fsmonitor", program("fsmonitor")),
        ("core.hooksPath", hooks.display().to_string()),
        ("core.pager", program("pager")),
        ("pager.log", program("pager-log")),
        ("pager.blame", program("pager-blame")),
        ("diff.external", program("external-diff")),
        ("diff.evil.textconv", program("textconv")),
        ("diff.evil.command", program("diff-command")),
        ("filter.evil.clean", program("clean")),
        ("filter.evil.smudge", program("smudge")),
        ("filter.evil.process", program("process")),
        ("log.showSignature", "true".into()),
        ("gpg.program", program("gpg")),
        ("credential.helper", program("credential")),
        ("core.sshCommand", program("ssh")),
    ];
    for (key, value) in &settings {
        git(root, &["config", key, value]);
    }
    fs::write(root.join(".gitattributes"), "* diff=evil filter=evil\n").unwrap();
    fs::create_dir_all(root.join(".git/info")).unwrap();
    fs::write(root.join(".git/info/attributes"), "*.toml diff=evil filter=evil\n").unwrap();
    ran
}

fn marks(ran: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(ran).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn no_program_the_repository_names_runs_on_diff_log_or_the_last_change_line() {
    let folder = repository("untrusted-programs");
    let root = folder.parent().unwrap().to_path_buf();
    let moscow = folder.join("moscow-attack-2024.toml");
    edit(&moscow, "had already warned", "had warned");
    git(&root, &["commit", "-q", "-am", "Embassy claim reworded"]);
    let ran = plant_programs(&root);
    // The working tree differs from HEAD, as it does while an analyst edits.
    edit(&folder.join("ispk.toml"), "recruits very actively", "recruits actively");

    let out = brief(&folder).args(["diff", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("changed  claim      ispk-recruits-ex-soviet-states (text)"), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("0 added, 0 removed, 2 changed\n"), "the claim and its briefing: {}", stdout(&out));
    let out = brief(&folder).args(["diff", "HEAD~1", "HEAD", "--dir"]).arg(&folder).output().unwrap();
    assert!(stdout(&out).contains("changed  claim      neumann-embassy-had-warned (text)"), "{}", stdout(&out));
    let out = brief(&folder).args(["log", "neumann-embassy-had-warned", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(stdout(&out).lines().count(), 2, "{}{}", stdout(&out), stderr(&out));

    // The reader's "last changed" line, for an unchanged claim and an edited one.
    let text = fs::read_to_string(&moscow).unwrap();
    let line = text.lines().position(|l| l.contains("had warned")).unwrap() as u32 + 1;
    let change = brief::git::last_change(&moscow, (line, line)).expect("a committed line has a last change");
    assert_eq!(change.subject, "Embassy claim reworded");
    assert_eq!(change.author, "Ana Lyst");
    let ispk = folder.join("ispk.toml");
    let text = fs::read_to_string(&ispk).unwrap();
    let line = text.lines().position(|l| l.contains("recruits actively")).unwrap() as u32 + 1;
    let change = brief::git::last_change(&ispk, (line, line)).expect("an edited line is uncommitted");
    assert_eq!(change.id, "uncommitted");

    assert_eq!(marks(&ran), Vec::<String>::new(), "programs named by the repository ran");
}

#[test]
fn a_path_name_holding_a_newline_cannot_make_log_hide_a_change_or_diff_lie() {
    let folder = repository("untrusted-newline");
    let root = folder.parent().unwrap().to_path_buf();
    // `briefings/0`, and a briefing in a folder named "0\nHEAD:briefings":
    // asked for by name, its line in git's batch would be two questions, and
    // every later file would get the answer meant for the one before it.
    fs::write(folder.join("0"), "not a briefing\n").unwrap();
    fs::create_dir(folder.join("0\nHEAD:briefings")).unwrap();
    fs::write(folder.join("0\nHEAD:briefings/ispk.toml"), "id = \"crafted\"\ntitle = \"Crafted\"\n").unwrap();
    edit(&folder.join("moscow-attack-2024.toml"), "had already warned", "had warned");
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "Ben rewords the embassy claim"]);

    let out = brief(&folder).args(["diff", "HEAD~1", "HEAD", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("added    briefing   crafted  Crafted"), "{text}");
    assert!(lines[1].starts_with("changed  briefing   moscow-attack-2024 (summary)  "), "{text}");
    assert!(lines[2].starts_with("changed  claim      neumann-embassy-had-warned (text)  "), "{text}");
    assert_eq!(lines[3], "1 added, 0 removed, 2 changed");
    let out = brief(&folder).args(["log", "neumann-embassy-had-warned", "--dir"]).arg(&folder).output().unwrap();
    let text = stdout(&out);
    assert!(text.lines().next().is_some_and(|l| l.contains("Ben rewords the embassy claim  (text)")), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
}

/// Peak resident memory of `brief ARGS` in KiB, as `/usr/bin/time` measures
/// it (`wait4` here would count this test process's own peak, which a child
/// inherits until it execs).
fn peak_kib(folder: &Path, args: &[&str]) -> u64 {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak %M"])
        .args(brief(folder).get_program().to_str())
        .args(args)
        .arg("--dir")
        .arg(folder)
        .envs(brief(folder).get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::null())
        .output()
        .expect("/usr/bin/time runs (./test.sh installs it)");
    assert!(out.status.success(), "brief {args:?}: {}", stderr(&out));
    let said = stderr(&out);
    said.lines().rev().find_map(|l| l.strip_prefix("peak ")?.parse().ok()).expect(&said)
}

#[test]
fn a_huge_committed_file_is_refused_by_its_size_and_never_read() {
    let folder = repository("untrusted-huge");
    let root = folder.parent().unwrap().to_path_buf();
    // 200 MB of one comment: it compresses to almost nothing in git.
    let mut huge = fs::File::create(folder.join("huge.toml")).unwrap();
    std::io::Write::write_all(&mut huge, b"# ").unwrap();
    let mebibyte = vec![b'x'; 1 << 20];
    for _ in 0..200 {
        std::io::Write::write_all(&mut huge, &mebibyte).unwrap();
    }
    std::io::Write::write_all(&mut huge, b"\n").unwrap();
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "A huge file"]);

    let out = brief(&folder).args(["diff", "HEAD~1", "HEAD", "--dir"]).arg(&folder).output().unwrap();
    assert!(stderr(&out).contains("huge.toml") && stderr(&out).contains("too large"), "{}", stderr(&out));
    for args in [&["diff", "HEAD~1", "HEAD"][..], &["log", "ispk"], &["diff"]] {
        let kib = peak_kib(&folder, args);
        assert!(kib < 64 * 1024, "brief {args:?} peaked at {kib} KiB with a 200 MB file committed");
    }
}
