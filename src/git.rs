//! The briefing folder's git history, through the `git` command line and its
//! machine-readable output (`rev-parse`, `ls-tree -z -l`, `cat-file --batch`
//! by object id, `log -z`, `blame --porcelain`): brief parses no git object
//! itself. A folder outside a repository, or a machine without git, is said
//! plainly.
//!
//! The repository may be a colleague's, so it is not trusted:
//! - git is asked only about committed objects, never about the working tree
//!   or the index, so no clean filter, textconv or fsmonitor named by its
//!   config or attributes has a file to run on; brief compares the working
//!   tree with a commit itself;
//! - every call also turns off, on its command line, each setting that names
//!   a program (see [`NO_PROGRAMS`]);
//! - blobs are asked for by object id, never by a path that could hold a
//!   newline, and one larger than the loader's limit is refused by the size
//!   `ls-tree` gives, before it is read.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::Diagnostic;
use crate::load::MAX_FILE_BYTES;
use crate::model::Corpus;
use crate::text::sanitize_line;

/// Settings a repository's config could use to run a program, each turned off
/// on every call (a `-c` on the command line outranks the repository's own).
/// Filters and textconv need no entry: brief never asks git to read the
/// working tree, and asks `blame` with `--no-textconv`.
const NO_PROGRAMS: &[&str] = &[
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "diff.external=",
    "log.showSignature=false",
    "credential.helper=",
    "protocol.allow=never",
];

/// Why git could not answer.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("'{0}' is not in a git repository, so it has no history to compare; everything else works")]
    NotARepository(String),
    #[error("no commit '{0}' in this repository")]
    NoCommit(String),
    #[error("cannot run git ({0}); brief's history commands need it")]
    CannotRun(std::io::Error),
    #[error("git: {0}")]
    Failed(String),
}

/// One commit, its fields as git gave them (made safe to print).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Commit {
    pub id: String,
    pub author: String,
    /// ISO 8601, as `%aI` gives it.
    pub date: String,
    pub subject: String,
}

/// A briefing file in a commit: where it is, and which blob holds it.
#[derive(Debug, Clone)]
pub struct Blob {
    pub path: PathBuf,
    pub id: String,
    size: u64,
}

/// A commit's briefing files, read: their texts, and those not read (too large).
#[derive(Debug, Default)]
pub struct Files {
    pub texts: Vec<(PathBuf, String)>,
    pub problems: Vec<Diagnostic>,
}

impl Files {
    /// The corpus of these files, in the loader's order (by path).
    pub fn load(mut self, dir: &Path) -> Corpus {
        self.texts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        crate::load::load_texts(dir, self.texts, self.problems)
    }
}

/// The repository holding a briefing folder, and the folder's place in it.
pub struct Repo {
    root: PathBuf,
    /// The folder's path from the repository's top, with a trailing `/` (or empty).
    prefix: String,
    /// The folder as the user named it, for the corpus's paths.
    dir: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("--no-pager").arg("-C").arg(dir);
    for setting in NO_PROGRAMS {
        cmd.args(["-c", setting]);
    }
    // Paths as written, no prompts, no optional index writes, and nothing from the caller's
    // environment that points git elsewhere.
    cmd.env("GIT_LITERAL_PATHSPECS", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_PAGER", "cat");
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF", "GIT_CONFIG_PARAMETERS"] {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Result<Vec<u8>, GitError> {
    let out = cmd.output().map_err(GitError::CannotRun)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(GitError::Failed(sanitize_line(err.lines().next().unwrap_or("failed")).into_owned()))
    }
}

/// The `\0`-separated records of `-z` output, as text (git's paths are bytes;
/// one that is not UTF-8 is no briefing brief can name, and is left out).
fn records(out: &[u8]) -> impl Iterator<Item = &str> {
    out.split(|b| *b == 0).filter_map(|r| std::str::from_utf8(r).ok()).filter(|r| !r.is_empty())
}

impl Repo {
    /// The repository of `dir`, or why there is none.
    pub fn of(dir: &Path) -> Result<Repo, GitError> {
        let out = run(git(dir).args(["rev-parse", "--show-toplevel", "--show-prefix"]))
            .map_err(|_| GitError::NotARepository(sanitize_line(&dir.to_string_lossy()).into_owned()))?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let root = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        Ok(Repo { root, prefix, dir: dir.to_path_buf() })
    }

    /// The folder as a pathspec: git refuses an empty one for the top.
    fn pathspec(&self) -> &str {
        if self.prefix.is_empty() { "." } else { &self.prefix }
    }

    /// Checks that `rev` names a commit; its full id.
    pub fn commit(&self, rev: &str) -> Result<String, GitError> {
        let shown = || GitError::NoCommit(sanitize_line(rev).into_owned());
        if rev.starts_with('-') {
            return Err(shown());
        }
        let out = run(git(&self.root)
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}")))
        .map_err(|_| shown())?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// The folder's briefing files at commit `rev`, as the loader finds them
    /// in a folder (dot folders and non-`.toml` files left out; links and
    /// submodules are no files), each with its blob.
    pub fn tree(&self, rev: &str) -> Result<Vec<Blob>, GitError> {
        self.list(rev, self.pathspec())
    }

    /// [`Repo::tree`], of the paths `pathspec` names (from the repository's top).
    fn list(&self, rev: &str, pathspec: &str) -> Result<Vec<Blob>, GitError> {
        let commit = self.commit(rev)?;
        let listing = run(git(&self.root).args(["ls-tree", "-r", "-z", "-l", "--full-tree", &commit, "--", pathspec]))?;
        // Each record: `<mode> <type> <id> <size>\t<path>`.
        Ok(records(&listing)
            .filter_map(|record| {
                let (meta, name) = record.split_once('\t')?;
                let [mode, "blob", id, size] = meta.split_whitespace().collect::<Vec<_>>()[..] else { return None };
                let inside = name.strip_prefix(self.prefix.as_str())?;
                let briefing = matches!(mode, "100644" | "100755")
                    && Path::new(inside).extension().is_some_and(|x| x == "toml")
                    && !inside.split('/').any(|part| part.starts_with('.'));
                let size = size.parse().ok()?;
                briefing.then(|| Blob { path: self.dir.join(inside), id: id.to_string(), size })
            })
            .collect())
    }

    /// The texts of `blobs`, through one `git cat-file --batch` asked by
    /// object id; a blob over the loader's limit is a problem, never read.
    pub fn read(&self, blobs: &[Blob]) -> Result<Files, GitError> {
        let mut files = Files::default();
        let (small, large): (Vec<&Blob>, Vec<&Blob>) = blobs.iter().partition(|b| b.size <= MAX_FILE_BYTES);
        for b in large {
            let msg = format!("file is too large ({} bytes; the limit is {MAX_FILE_BYTES}); skipped", b.size);
            files.problems.push(Diagnostic::error(&b.path, (0, 0), msg));
        }
        if small.is_empty() {
            return Ok(files);
        }
        let mut child = git(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::CannotRun)?;
        let mut stdin = child.stdin.take().ok_or_else(|| GitError::Failed("no input to cat-file".into()))?;
        let asked: String = small.iter().map(|b| format!("{}\n", b.id)).collect();
        let writer = std::thread::spawn(move || stdin.write_all(asked.as_bytes()));
        let mut out = BufReader::new(child.stdout.take().ok_or_else(|| GitError::Failed("no output".into()))?);
        let read = Self::answers(&mut out, &small, &mut files.texts);
        // On any answer cut short, git is stopped rather than left behind.
        if read.is_err() {
            let _ = child.kill();
        }
        drop(out);
        let _ = writer.join();
        let _ = child.wait();
        read?;
        Ok(files)
    }

    /// `cat-file --batch`'s answers for `blobs`, in order, each
    /// `<id> blob <size>\n<size bytes>\n` and never over the loader's limit.
    fn answers(out: &mut impl BufRead, blobs: &[&Blob], texts: &mut Vec<(PathBuf, String)>) -> Result<(), GitError> {
        for blob in blobs {
            let mut header = Vec::new();
            out.read_until(b'\n', &mut header).map_err(GitError::CannotRun)?;
            let header = String::from_utf8_lossy(&header);
            let size = match header.split_whitespace().collect::<Vec<_>>()[..] {
                [id, "blob", size] if id == blob.id => size.parse::<u64>().ok().filter(|s| *s <= MAX_FILE_BYTES),
                _ => None,
            };
            let size = size.ok_or_else(|| GitError::Failed(format!("cat-file: {}", sanitize_line(header.trim()))))?;
            let mut body = vec![0; size as usize + 1];
            out.read_exact(&mut body).map_err(|_| GitError::Failed("cat-file ended early".into()))?;
            body.pop();
            texts.push((blob.path.clone(), String::from_utf8_lossy(&body).into_owned()));
        }
        Ok(())
    }

    /// The folder's briefings as they were at commit `rev`, loaded as brief
    /// loads a folder.
    pub fn corpus_at(&self, rev: &str) -> Result<Corpus, GitError> {
        Ok(self.read(&self.tree(rev)?)?.load(&self.dir))
    }

    /// Commits that touched the folder, newest first, at most `limit`.
    pub fn commits(&self, limit: usize) -> Result<Vec<Commit>, GitError> {
        let out = run(git(&self.root).args([
            "log",
            "-z",
            "--no-show-signature",
            "--format=%H%x1f%an%x1f%aI%x1f%s",
            &format!("--max-count={limit}"),
            "--",
            self.pathspec(),
        ]))?;
        let text = String::from_utf8_lossy(&out);
        Ok(text
            .split('\0')
            .filter_map(|r| {
                let f: Vec<&str> = r.trim_start_matches('\n').split('\u{1f}').collect();
                let [id, author, date, subject] = f[..] else { return None };
                let [id, author, date, subject] = [id, author, date, subject].map(|s| sanitize_line(s).into_owned());
                Some(Commit { id, author, date, subject })
            })
            .collect())
    }

    /// The first parent of `commit`, if it has one.
    pub fn parent(&self, commit: &str) -> Option<String> {
        self.commit(&format!("{commit}^")).ok()
    }
}

/// git's `user.email` as `dir`'s repository (or the user's config) sets it.
pub fn user_email(dir: &Path) -> Option<String> {
    let out = run(git(dir).args(["config", "user.email"])).ok()?;
    String::from_utf8(out).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// When and by whom lines `first..=last` of `file` last changed: the newest
/// commit among those `git blame` gives for them at `HEAD` (by history,
/// `rev-list --topo-order`, so two commits in the same second still come in
/// order). `None` when the file is not in a repository; the id
/// `uncommitted` when the lines differ from `HEAD`'s.
pub fn last_change(file: &Path, (first, last): (u32, u32)) -> Option<Commit> {
    let repo = Repo::of(file.parent()?).ok()?;
    let name = format!("{}{}", repo.prefix, file.file_name()?.to_str()?);
    let uncommitted = Some(Commit { id: "uncommitted".into(), ..Commit::default() });
    let Some(blob) = repo.list("HEAD", &name).ok().and_then(|mut blobs| blobs.pop()) else { return uncommitted };
    let committed = repo.read(std::slice::from_ref(&blob)).ok()?.texts.pop()?.1;
    let now = crate::files::read_capped(file, MAX_FILE_BYTES, crate::files::Follow::Yes).ok()?;
    let Some(at) = same_lines(&String::from_utf8_lossy(&now), &committed, first, last) else { return uncommitted };
    let range = format!("{},{}", at, at + (last - first));
    let out =
        run(git(&repo.root).args(["blame", "--porcelain", "--no-textconv", "-L", &range, "HEAD", "--", &name])).ok()?;
    newest(&repo, &String::from_utf8_lossy(&out))
}

/// Where lines `first..=last` (from 1) of `now` stand in `then`, the same
/// text: the first line's number there, if they are there.
fn same_lines(now: &str, then: &str, first: u32, last: u32) -> Option<u32> {
    let block: Vec<&str> =
        now.lines().skip(first.saturating_sub(1) as usize).take((last + 1 - first) as usize).collect();
    let then: Vec<&str> = then.lines().collect();
    if block.is_empty() {
        return None;
    }
    let at = then.windows(block.len()).position(|w| w == block.as_slice())?;
    Some(at as u32 + 1)
}

/// The newest of the commits in `git blame --porcelain` output.
fn newest(repo: &Repo, porcelain: &str) -> Option<Commit> {
    let mut commits: Vec<(Commit, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in porcelain.lines() {
        let word = line.split(' ').next().unwrap_or_default();
        if word.len() >= 40 && word.bytes().all(|b| b.is_ascii_hexdigit()) {
            current = Some(commits.iter().position(|(c, _)| c.id == word).unwrap_or_else(|| {
                commits.push((Commit { id: word.to_string(), ..Commit::default() }, String::new()));
                commits.len() - 1
            }));
        } else if let Some(at) = current {
            let (commit, time) = &mut commits[at];
            if let Some(v) = line.strip_prefix("author ") {
                commit.author = sanitize_line(v).into_owned();
            } else if let Some(v) = line.strip_prefix("author-time ") {
                *time = v.to_string();
            } else if let Some(v) = line.strip_prefix("summary ") {
                commit.subject = sanitize_line(v).into_owned();
            }
        }
    }
    let ids: Vec<&str> = commits.iter().map(|(c, _)| c.id.as_str()).collect();
    let out = run(git(&repo.root).args(["rev-list", "-1", "--topo-order"]).args(&ids)).ok()?;
    let newest = String::from_utf8_lossy(&out).trim().to_string();
    let (mut commit, time) = commits.into_iter().find(|(c, _)| c.id == newest)?;
    commit.date = crate::state::datetime_from_unix(time.parse().unwrap_or(0)).to_string();
    Some(commit)
}

#[cfg(test)]
mod tests {
    use super::same_lines;

    #[test]
    fn lines_are_found_where_they_stand_in_the_older_text() {
        let then = "a\nb\nc\nd\n";
        assert_eq!(same_lines("x\nb\nc\n", then, 2, 3), Some(2));
        assert_eq!(same_lines("new\nnew\na\nb\n", then, 3, 4), Some(1));
        assert_eq!(same_lines("a\nB\nc\n", then, 2, 2), None, "a changed line is not in the older text");
        assert_eq!(same_lines("a\n", then, 3, 3), None, "lines past the end are nowhere");
    }
}
