//! `brief import FILE.json [--out DIR] [--force] [--marks]`: a STIX 2.1 bundle as
//! briefing files, written whole into a hidden folder first and then moved
//! into place, all or none: a failed import leaves the folder as it was.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read as _, Write as _};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::load::MAX_FILE_BYTES;
use crate::stix::import::{self, Problem};
use crate::text::sanitize_line;

/// The first line of every file an import writes; an import rewrites only
/// files that start with its bundle's.
fn header(bundle: &str) -> String {
    format!("# Imported by `brief import` from {bundle}; importing that bundle again rewrites this file.")
}

/// How to import: `--force`, and `--marks` (with the analyst's name, for shared review).
pub struct How<'a> {
    pub force: bool,
    pub marks: bool,
    pub analyst: Option<&'a str>,
}

pub fn run(file: &Path, out_dir: &Path, how: &How, out: &mut impl io::Write) -> io::Result<ExitCode> {
    match import_into(file, out_dir, how) {
        Ok((report, None)) => {
            out.write_all(report.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Ok((report, Some(why))) => {
            out.write_all(report.as_bytes())?;
            eprintln!(
                "brief: {}: the briefings are imported, but the ACH judgments were not saved: {}; import again \
                 with --marks to take them",
                sanitize_line(&file.to_string_lossy()),
                sanitize_line(&why)
            );
            Ok(ExitCode::FAILURE)
        }
        Err(p) => {
            eprintln!("brief: {}: {}", sanitize_line(&file.to_string_lossy()), sanitize_line(&p.to_string()));
            Ok(ExitCode::from(2))
        }
    }
}

/// At most this many references to objects not in the bundle are named, one
/// line each; the rest are counted.
const DANGLING_SHOWN: usize = 20;

/// The summary, and why the judgments were not saved when the files were.
fn import_into(file: &Path, out_dir: &Path, how: &How) -> Result<(String, Option<String>), Problem> {
    let force = how.force;
    let bundle = import::read(file)?;
    // A judgment brief cannot read refuses the import before anything is written.
    let judgments = if how.marks { Some(import::ratings::read(&bundle)?) } else { None };
    let shown = sanitize_line(&file.to_string_lossy()).into_owned();
    for p in bundle.dangling.iter().take(DANGLING_SHOWN) {
        eprintln!("brief: {shown}: warning: {}", sanitize_line(&p.to_string()));
    }
    if bundle.dangling.len() > DANGLING_SHOWN {
        eprintln!(
            "brief: {shown}: warning: {} more references to objects not in the bundle",
            bundle.dangling.len() - DANGLING_SHOWN
        );
    }
    let head = header(&bundle.id);
    let name = file.file_stem().map_or("bundle".into(), |s| s.to_string_lossy().into_owned());
    // Ids in the folder's other files are taken; those in files this bundle
    // wrote, or would write into an empty folder, are its own (a file in the
    // way is refused below, or overwritten with --force).
    let free = import::plan(&bundle, &name, &HashSet::new())?;
    let mut taken = HashSet::new();
    if out_dir.exists() {
        let own: HashSet<PathBuf> = free.docs.iter().map(|d| out_dir.join(format!("{}.toml", d.id))).collect();
        let corpus =
            crate::load::load(out_dir).map_err(|e| problem(format!("cannot read {}: {e}", out_dir.display())))?;
        for e in &corpus.entities {
            let path = &corpus.files[e.file];
            if !own.contains(path) && !written_by(path, &head) {
                taken.insert(e.id.clone());
            }
        }
    }
    let plan = if taken.is_empty() { free } else { import::plan(&bundle, &name, &taken)? };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for doc in &plan.docs {
        let path = out_dir.join(format!("{}.toml", doc.id));
        may_write(&path, &head, force)?;
        let text = doc.toml(&head);
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(problem(format!(
                "the briefing '{}' would be {:.1} MiB, over brief's limit of {} MiB a file",
                doc.id,
                text.len() as f64 / f64::from(1 << 20),
                MAX_FILE_BYTES >> 20
            )));
        }
        files.push((path, text));
    }
    write_all(out_dir, &files).map_err(|e| problem(format!("cannot write into {}: {e}", out_dir.display())))?;
    let mut said = summary(&plan, out_dir);
    let mut failed = None;
    match &judgments {
        Some(j) if !j.ratings.is_empty() || !j.relevance.is_empty() => {
            match super::import_marks::take(out_dir, j, force, how.analyst) {
                Ok(lines) => said.push_str(&lines),
                Err(why) => failed = Some(why),
            }
        }
        Some(_) => {}
        None => said.extend(super::import_marks::left(import::ratings::count(&bundle))),
    }
    // The process ends next: freeing a large bundle's every value one by one
    // would only delay the exit (a tenth of a 50 MB import).
    std::mem::forget((bundle, plan, files));
    Ok((said, failed))
}

fn problem(message: String) -> Problem {
    Problem { path: String::new(), message }
}

/// Whether the import may write `path`: nothing is there, a file this
/// bundle's import wrote, or (`--force`) another file. A folder, a FIFO or a
/// device is never replaced, nor waited on.
fn may_write(path: &Path, head: &str, force: bool) -> Result<(), Problem> {
    let kind = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(problem(format!("cannot read {}: {e}", path.display()))),
        Ok(meta) => meta.file_type(),
    };
    if !kind.is_file() && !kind.is_symlink() {
        let what = if kind.is_dir() { "a folder" } else { "not a regular file" };
        return Err(problem(format!("{} is {what}; an import replaces only files, even with --force", path.display())));
    }
    if force || written_by(path, head) {
        return Ok(());
    }
    Err(problem(format!(
        "{} exists and was not written by this import; not overwritten (--force overwrites it)",
        path.display()
    )))
}

/// Whether the file at `path` starts with the line `head`.
fn written_by(path: &Path, head: &str) -> bool {
    let Ok(file) = crate::files::open_regular(path, crate::files::Follow::Yes) else { return false };
    let mut first = Vec::with_capacity(head.len() + 2);
    if file.take(head.len() as u64 + 2).read_to_end(&mut first).is_err() {
        return false;
    }
    first.strip_prefix(head.as_bytes()).is_some_and(|rest| rest.is_empty() || rest[0] == b'\n' || rest == b"\r\n")
}

/// Every file into a new hidden folder beside them (0700, each file 0600,
/// made by this call and never through a link, then all flushed to disk),
/// then moved into place: all of them or, on any failure, none. When a file
/// it replaced cannot be put back, the error says where it is kept.
fn write_all(dir: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    let made = fs::symlink_metadata(dir).is_err();
    fs::create_dir_all(dir)?;
    let temp = new_temp_dir(dir)?;
    let result = stage(&temp, files)
        .map_err(|error| Failed { error, restored: true })
        .and_then(|staged| move_in(&temp, &staged));
    match result {
        Err(Failed { error, restored: false }) => Err(io::Error::new(
            error.kind(),
            format!("{error}; the files it replaced could not all be put back: they are in {}", temp.display()),
        )),
        other => {
            let _ = fs::remove_dir_all(&temp);
            if other.is_err() && made {
                let _ = fs::remove_dir(dir); // empty again: the folder this import made
            }
            other.map_err(|f| f.error)
        }
    }
}

/// Why moving the files into place failed, and whether every target has
/// what it had before.
struct Failed {
    error: io::Error,
    restored: bool,
}

/// Each file written into `temp` under its target's name and flushed to
/// disk; the staged path beside its target.
fn stage<'f>(temp: &Path, files: &'f [(PathBuf, String)]) -> io::Result<Vec<(PathBuf, &'f PathBuf)>> {
    let mut staged = Vec::new();
    for (path, text) in files {
        let at = temp.join(path.file_name().unwrap_or_default());
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&at)?;
        file.write_all(text.as_bytes())?;
        staged.push((at, path));
    }
    sync_staged(temp, &staged)?;
    Ok(staged)
}

/// What a target held before the import's file was moved over it.
enum Before {
    Nothing,
    /// A hard link to it in the hidden folder: the file stayed in place until replaced.
    Linked(PathBuf),
    /// Moved into the hidden folder (a file system without hard links).
    Moved(PathBuf),
}

/// Renames each staged file over its target, keeping what was there in
/// `temp/old` first; on any failure every target gets back what it had.
fn move_in(temp: &Path, staged: &[(PathBuf, &PathBuf)]) -> Result<(), Failed> {
    let old = temp.join("old");
    let mut done: Vec<(&Path, Before, bool)> = Vec::new();
    let moved = (|| {
        fs::DirBuilder::new().mode(0o700).create(&old)?;
        for (at, path) in staged {
            let aside = old.join(path.file_name().unwrap_or_default());
            let before = match fs::symlink_metadata(path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Before::Nothing,
                Err(e) => return Err(e),
                Ok(m) if m.is_dir() => {
                    return Err(io::Error::new(io::ErrorKind::IsADirectory, format!("{} is a folder", path.display())));
                }
                Ok(_) if fs::hard_link(path, &aside).is_ok() => Before::Linked(aside),
                Ok(_) => {
                    fs::rename(path, &aside)?;
                    Before::Moved(aside)
                }
            };
            done.push((path, before, false));
            fs::rename(at, path)?;
            if let Some(last) = done.last_mut() {
                last.2 = true;
            }
        }
        staged.first().map_or(Ok(()), |(_, path)| crate::files::sync_folder(path))
    })();
    moved.map_err(|error| Failed { error, restored: undo(&done) })
}

/// Puts back what each target held, last first: whether all of it is back.
fn undo(done: &[(&Path, Before, bool)]) -> bool {
    let mut all = true;
    for (path, before, placed) in done.iter().rev() {
        let back = match (before, placed) {
            (Before::Linked(aside), true) | (Before::Moved(aside), _) => fs::rename(aside, path),
            (Before::Nothing, true) => fs::remove_file(path),
            _ => Ok(()),
        };
        all &= back.is_ok();
    }
    all && done.first().is_none_or(|(path, ..)| crate::files::sync_folder(path).is_ok())
}

/// Flushes the files staged in `dir` to disk. On Linux one `syncfs` for
/// all of them (an fsync each cost a tenth of a 685-file import); elsewhere
/// an fsync each.
fn sync_staged(dir: &Path, staged: &[(PathBuf, &PathBuf)]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = staged;
        let d = fs::File::open(dir)?;
        // SAFETY: syncfs only reads the descriptor, which `d` keeps open.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        staged.iter().try_for_each(|(at, _)| fs::File::open(at)?.sync_all())
    }
}

/// `.brief-import-<pid>-<n>` in `dir`, made now: one that exists is never used.
fn new_temp_dir(dir: &Path) -> io::Result<PathBuf> {
    let mut last = None;
    for n in 0..8 {
        let temp = dir.join(format!(".brief-import-{}-{n}", std::process::id()));
        match fs::DirBuilder::new().mode(0o700).create(&temp) {
            Ok(()) => return Ok(temp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

fn summary(plan: &import::Plan, dir: &Path) -> String {
    let count = |section: usize| plan.docs.iter().map(|d| d.sections[section].len()).sum::<usize>();
    let mut s = format!(
        "imported {} briefings ({} sources, {} actors, {} claims, {} precedents{}{}) into {}\n",
        plan.docs.len(),
        count(0),
        count(1),
        count(2),
        count(3),
        match count(4) {
            0 => String::new(),
            n => format!(", {n} hypotheses"),
        },
        match count(5) {
            0 => String::new(),
            n => format!(", {n} subjects"),
        },
        sanitize_line(&dir.to_string_lossy())
    );
    let kept = plan.kept;
    if kept.already > 0 {
        let _ = writeln!(s, "already in the folder, so not written again (links go to its copy): {}", kept.already);
    }
    if kept.left > 0 {
        let _ = writeln!(s, "left out with their briefing, which the folder already has: {}", kept.left);
    }
    if !plan.skipped.is_empty() {
        let mitre = plan.skipped.keys().any(|k| k.starts_with("x-mitre-"));
        let but = if mitre { ", but ATT&CK's own x-mitre-* bookkeeping" } else { "" };
        let _ = writeln!(s, "skipped (brief has no place for them; each is listed in its briefing's summary{but}):");
        for (kind, n) in &plan.skipped {
            let _ = writeln!(s, "  {:<24} {n:>6}", sanitize_line(kind));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failure halfway through moving files into place (here a folder where
    /// the third goes, which the checks before would have refused) puts back
    /// every file replaced and removes every file added.
    #[test]
    fn a_failure_moving_files_in_puts_back_what_was_there() {
        let dir = std::env::temp_dir().join(format!("brief-import-undo-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("c.toml")).expect("scratch");
        fs::write(dir.join("a.toml"), "old a").expect("write");
        fs::write(dir.join("b.toml"), "old b").expect("write");
        let files: Vec<(PathBuf, String)> =
            ["a", "new", "b", "c"].iter().map(|n| (dir.join(format!("{n}.toml")), format!("new {n}"))).collect();
        let err = write_all(&dir, &files).expect_err("a folder is in the way");
        assert!(err.to_string().contains("c.toml is a folder"), "{err}");
        assert_eq!(fs::read_to_string(dir.join("a.toml")).expect("a"), "old a");
        assert_eq!(fs::read_to_string(dir.join("b.toml")).expect("b"), "old b");
        let mut names: Vec<_> = fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.toml", "b.toml", "c.toml"], "no new file, no hidden folder left");
        let _ = fs::remove_dir_all(&dir);
    }
}
