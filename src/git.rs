//! The briefing folder's git history, through the `git` command line and its
//! machine-readable output (`rev-parse`, `ls-tree -z`, `cat-file --batch`,
//! `log -z`): brief parses no git object itself. A folder outside a
//! repository, or a machine without git, is said plainly.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::model::Corpus;

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
    // No pager, no colour, no prompts: output for a program to read.
    cmd.arg("-C").arg(dir).env("GIT_TERMINAL_PROMPT", "0").env_remove("GIT_DIR").stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Result<Vec<u8>, String> {
    let out = cmd.output().map_err(|e| format!("cannot run git ({e}); brief's history commands need it"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(crate::text::sanitize_line(err.lines().next().unwrap_or("git failed")).into_owned())
    }
}

impl Repo {
    /// The repository of `dir`, or why there is none.
    pub fn of(dir: &Path) -> Result<Repo, String> {
        let out = run(git(dir).args(["rev-parse", "--show-toplevel", "--show-prefix"])).map_err(|_| {
            let shown = crate::text::sanitize_line(&dir.to_string_lossy()).into_owned();
            format!("'{shown}' is not in a git repository, so it has no history to compare; everything else works")
        })?;
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
    pub fn commit(&self, rev: &str) -> Result<String, String> {
        if rev.starts_with('-') {
            return Err(format!("'{}' is not a revision", crate::text::sanitize_line(rev)));
        }
        let out = run(git(&self.root)
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}")))
        .map_err(|_| format!("no commit '{}' in this repository", crate::text::sanitize_line(rev)))?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// The folder's briefings as they were at commit `rev`, loaded as brief
    /// loads a folder (dot folders and non-`.toml` files left out).
    pub fn corpus_at(&self, rev: &str) -> Result<Corpus, String> {
        Ok(crate::load::load_texts(&self.dir, self.texts_at(rev, &|_| None)?))
    }

    /// The folder's files at commit `rev`, as `(path, text)`; a file whose
    /// text `reuse` already knows (the same in another version) is not asked
    /// of git again.
    pub fn texts_at(
        &self,
        rev: &str,
        reuse: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<Vec<(PathBuf, String)>, String> {
        let commit = self.commit(rev)?;
        let listing =
            run(git(&self.root).args(["ls-tree", "-r", "-z", "--name-only", &commit, "--", self.pathspec()]))?;
        let names: Vec<String> = listing
            .split(|b| *b == 0)
            .filter_map(|n| std::str::from_utf8(n).ok())
            .filter(|n| !n.is_empty())
            .filter(|n| {
                let inside = n.strip_prefix(self.prefix.as_str()).unwrap_or(n);
                Path::new(n).extension().is_some_and(|x| x == "toml")
                    && !inside.split('/').any(|part| part.starts_with('.'))
            })
            .map(str::to_string)
            .collect();
        let paths: Vec<PathBuf> =
            names.iter().map(|n| self.dir.join(n.strip_prefix(self.prefix.as_str()).unwrap_or(n))).collect();
        let known: Vec<Option<String>> = paths.iter().map(|p| reuse(p)).collect();
        let asked: Vec<String> =
            names.iter().zip(&known).filter(|(_, k)| k.is_none()).map(|(n, _)| n.clone()).collect();
        let mut fetched = self.blobs(&commit, &asked)?.into_iter();
        Ok(paths.into_iter().zip(known).map(|(p, k)| (p, k.or_else(|| fetched.next()).unwrap_or_default())).collect())
    }

    /// The contents of `names` at `commit`, through one `git cat-file --batch`.
    fn blobs(&self, commit: &str, names: &[String]) -> Result<Vec<String>, String> {
        let mut child = git(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run git ({e})"))?;
        let mut stdin = child.stdin.take().ok_or("git's input")?;
        let asked: String = names.iter().map(|n| format!("{commit}:{n}\n")).collect();
        let writer = std::thread::spawn(move || stdin.write_all(asked.as_bytes()));
        let mut out = Vec::new();
        child.stdout.take().ok_or("git's output")?.read_to_end(&mut out).map_err(|e| e.to_string())?;
        let _ = writer.join();
        child.wait().map_err(|e| e.to_string())?;
        // Each answer: `<object> blob <size>\n<size bytes>\n`.
        let mut texts = Vec::with_capacity(names.len());
        let mut at = 0;
        for name in names {
            let end = out[at..].iter().position(|b| *b == b'\n').map(|i| at + i).ok_or("git cat-file ended early")?;
            let header = String::from_utf8_lossy(&out[at..end]).into_owned();
            let size: usize = match header.split(' ').collect::<Vec<_>>()[..] {
                [_, "blob", size] => size.parse().map_err(|_| format!("git cat-file: {header}"))?,
                _ => return Err(format!("cannot read {name} at {commit}: {header}")),
            };
            let body = out.get(end + 1..end + 1 + size).ok_or("git cat-file ended early")?;
            texts.push(String::from_utf8_lossy(body).into_owned());
            at = end + 1 + size + 1;
        }
        Ok(texts)
    }

    /// Commits that touched the folder, newest first, at most `limit`:
    /// `(commit, author, ISO date, subject)`.
    pub fn commits(&self, limit: usize) -> Result<Vec<[String; 4]>, String> {
        let out = run(git(&self.root).args([
            "log",
            "-z",
            "--format=%H%x1f%an%x1f%aI%x1f%s",
            &format!("--max-count={limit}"),
            "--",
            self.pathspec(),
        ]))?;
        let text = String::from_utf8_lossy(&out);
        Ok(text
            .split('\0')
            .filter(|r| !r.trim().is_empty())
            .filter_map(|r| {
                let f: Vec<&str> = r.trim_start_matches('\n').split('\u{1f}').collect();
                (f.len() == 4).then(|| [f[0], f[1], f[2], f[3]].map(|s| crate::text::sanitize_line(s).into_owned()))
            })
            .collect())
    }

    /// The folder's files that differ between commit `from` and `to` (or,
    /// with `None`, the working tree, untracked files included), as paths
    /// under the folder.
    pub fn changed_files(&self, from: &str, to: Option<&str>) -> Result<std::collections::HashSet<PathBuf>, String> {
        let from = self.commit(from)?;
        let mut diff = git(&self.root);
        diff.args(["diff", "--name-only", "-z", "--no-renames", &from]);
        if let Some(to) = to {
            diff.arg(self.commit(to)?);
        }
        let mut names = run(diff.args(["--", self.pathspec()]))?;
        if to.is_none() {
            names.extend(run(git(&self.root).args([
                "ls-files",
                "--others",
                "--exclude-standard",
                "-z",
                "--",
                self.pathspec(),
            ]))?);
        }
        Ok(names
            .split(|b| *b == 0)
            .filter_map(|n| std::str::from_utf8(n).ok())
            .filter(|n| !n.is_empty())
            .map(|n| self.dir.join(n.strip_prefix(self.prefix.as_str()).unwrap_or(n)))
            .collect())
    }

    /// The first parent of `commit`, if it has one.
    pub fn parent(&self, commit: &str) -> Option<String> {
        self.commit(&format!("{commit}^")).ok()
    }
}

/// When and by whom lines `first..=last` of `file` last changed, from
/// `git blame --porcelain`: `(commit, author, date, subject)` of the newest
/// commit among them (by history, `rev-list --topo-order`, so two commits in
/// the same second still come in order), `None` when the file is not in a
/// repository. Lines not yet committed give the commit `uncommitted`.
pub fn last_change(file: &Path, (first, last): (u32, u32)) -> Option<[String; 4]> {
    let dir = file.parent()?;
    let out =
        run(git(dir).args(["blame", "--porcelain", "-L", &format!("{first},{last}"), "--"]).arg(file.file_name()?))
            .ok()?;
    let text = String::from_utf8_lossy(&out);
    // Per commit: author, author time, subject (given the first time a commit appears).
    let mut commits: Vec<(String, [String; 3])> = Vec::new();
    let mut current: Option<usize> = None;
    for line in text.lines() {
        let word = line.split(' ').next().unwrap_or_default();
        if word.len() == 40 && word.bytes().all(|b| b.is_ascii_hexdigit()) {
            current = Some(commits.iter().position(|(c, _)| c == word).unwrap_or_else(|| {
                commits.push((word.to_string(), Default::default()));
                commits.len() - 1
            }));
        } else if let Some(at) = current {
            let fields = &mut commits[at].1;
            for (i, key) in ["author ", "author-time ", "summary "].iter().enumerate() {
                if let Some(v) = line.strip_prefix(key) {
                    fields[i] = crate::text::sanitize_line(v).into_owned();
                }
            }
        }
    }
    if commits.iter().any(|(c, _)| c.bytes().all(|b| b == b'0')) {
        return Some(["uncommitted".into(), String::new(), String::new(), String::new()]);
    }
    let shas: Vec<&str> = commits.iter().map(|(c, _)| c.as_str()).collect();
    let newest = run(git(dir).args(["rev-list", "-1", "--topo-order"]).args(&shas)).ok()?;
    let newest = String::from_utf8_lossy(&newest).trim().to_string();
    let (sha, [author, time, summary]) = commits.into_iter().find(|(c, _)| *c == newest)?;
    let date = crate::state::datetime_from_unix(time.parse().unwrap_or(0)).to_string();
    Some([sha, author, date, summary])
}
