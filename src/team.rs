//! Shared review (docs/TEAM.md): a file `.brief/team.toml` in the briefing
//! folder turns it on; then each analyst's marks and notes live in their own
//! file `.brief/review/<analyst>.toml`, which git carries without conflicts
//! because no two analysts ever write the same file. Read state stays private.

use std::path::{Path, PathBuf};

use crate::model::{Corpus, EntityId};
use crate::state::{Mark, ReviewFile};

/// Whether the folder asks for shared review.
pub fn enabled(dir: &Path) -> bool {
    dir.join(".brief/team.toml").is_file()
}

/// The longest analyst name.
pub const MAX_NAME: usize = 64;

/// Whether `name` is an analyst's name: 1 to [`MAX_NAME`] lowercase ASCII
/// letters, digits, `.`, `_` and `-`, a letter or digit first. The file is
/// the name as it is (`<name>.toml`), so no two names ever share a file, on a
/// filesystem that ignores case too.
pub fn valid_name(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    name.len() <= MAX_NAME && name.starts_with(|c: char| c.is_ascii_alphanumeric()) && name.chars().all(allowed)
}

/// The analyst name a typed one most likely means (`reviewed-by:Ana` is
/// ana): lowercase letters, digits, `.`, `_` and `-`, anything else a `-`,
/// leading dots dropped, at most [`MAX_NAME`] characters. For queries only:
/// it maps many names to one, so it never chooses a file.
pub fn safe_name(name: &str) -> String {
    let mut out: String = name
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c.to_ascii_lowercase() } else { '-' })
        .collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    out.truncate(MAX_NAME);
    out
}

/// The analyst's name: `$BRIEF_ANALYST`, else the config file's `analyst`,
/// else the part of git's `user.email` before the `@` in lowercase (mail
/// systems do not tell `Ana@` from `ana@`); surrounding spaces are no part of
/// it. A name that is not [`valid_name`] is refused, never altered.
pub fn analyst(dir: &Path, configured: Option<&str>) -> Result<String, String> {
    let given = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let from_env = std::env::var("BRIEF_ANALYST").ok().and_then(|v| given(&v)).map(|n| (n, "BRIEF_ANALYST"));
    let from_config = || configured.and_then(given).map(|n| (n, "`analyst` in the config file"));
    let from_git = || {
        let email = crate::git::user_email(dir)?;
        given(email.split('@').next()?).map(|n| (n.to_ascii_lowercase(), "git's user.email"))
    };
    match from_env.or_else(from_config).or_else(from_git) {
        Some((name, _)) if valid_name(&name) => Ok(name),
        Some((name, source)) => Err(refused(&name, source)),
        None => Err("shared review is on, but who you are is not known: set BRIEF_ANALYST, `analyst` in the \
                     config file, or git's user.email"
            .into()),
    }
}

/// Why a name is no analyst's, naming the file it could share.
fn refused(name: &str, source: &str) -> String {
    let near = safe_name(name);
    let why = if name.chars().count() > MAX_NAME {
        format!("it is longer than {MAX_NAME} characters (cut short, it would share .brief/review/{near}.toml)")
    } else if valid_name(&near) {
        format!("it would share .brief/review/{near}.toml with the analyst '{near}'")
    } else {
        "it is no file name".into()
    };
    format!(
        "shared review is on, but '{}' (from {source}) is not an analyst name: {why}. Names are 1 to {MAX_NAME} \
         of a-z 0-9 . _ - (a letter or digit first); your marks stay private until you set BRIEF_ANALYST to one",
        crate::text::sanitize_line(name)
    )
}

/// Where an analyst's marks go.
pub fn review_file(dir: &Path, analyst: &str) -> PathBuf {
    dir.join(".brief/review").join(format!("{analyst}.toml"))
}

/// The other analysts' review files, as last read.
#[derive(Debug, Default)]
pub struct Team {
    pub me: String,
    dir: PathBuf,
    /// By name.
    pub others: Vec<(String, ReviewFile)>,
}

impl Team {
    pub fn load(dir: &Path, me: &str) -> Team {
        let mut team = Team { me: me.to_string(), dir: dir.to_path_buf(), others: Vec::new() };
        team.rescan();
        team
    }

    /// Every `*.toml` in `.brief/review` but mine, by name; each only read.
    fn names(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join(".brief/review")) else { return Vec::new() };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml").map(str::to_string))
            .filter(|n| valid_name(n) && *n != self.me)
            .collect();
        names.sort();
        names
    }

    fn rescan(&mut self) {
        let names = self.names();
        self.others.retain(|(n, _)| names.contains(n));
        let new: Vec<String> = names.into_iter().filter(|name| !self.others.iter().any(|(n, _)| n == name)).collect();
        // A desk's files are read side by side.
        let dir = &self.dir;
        let read: Vec<(String, ReviewFile)> = std::thread::scope(|s| {
            let handles: Vec<_> = new
                .into_iter()
                .map(|name| s.spawn(move || (ReviewFile::inspect_shared(review_file(dir, &name)).0, name)))
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).map(|(file, name)| (name, file)).collect()
        });
        self.others.extend(read);
        self.others.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// Picks up a `git pull`: new analysts' files and changes to known ones.
    /// True when anything changed.
    pub fn reload(&mut self) -> bool {
        let before: Vec<(String, u64)> = self.others.iter().map(|(n, f)| (n.clone(), f.generation())).collect();
        self.rescan();
        for (_, f) in &mut self.others {
            f.reload();
        }
        before != self.others.iter().map(|(n, f)| (n.clone(), f.generation())).collect::<Vec<_>>()
    }

    /// The other analysts' marks on `e` that say anything, by name, each
    /// with what changed since that analyst reviewed it.
    pub fn marks(&self, c: &Corpus, e: EntityId) -> Vec<Theirs<'_>> {
        let id = &c.entity(e).id;
        let theirs = self.others.iter().map(|(name, file)| Theirs {
            name,
            file,
            mark: file.marks(id),
            changed: crate::fingerprint::since_reviewed(c, file, e),
        });
        theirs.filter(|t| *t.mark != Mark::default()).collect()
    }
}

/// Another analyst's marks on one entity, as they hold now.
pub struct Theirs<'a> {
    pub name: &'a str,
    pub file: &'a ReviewFile,
    pub mark: &'a Mark,
    /// The fields changed since they reviewed it: their review is stale
    /// (`⟳`), as a review of your own would be. Empty when nothing changed
    /// or they did not review it.
    pub changed: Vec<String>,
}

impl Theirs<'_> {
    /// Reviewed, and nothing changed since.
    pub fn reviewed(&self) -> bool {
        self.mark.reviewed && self.changed.is_empty()
    }
}

/// The review files the reader opens on `dir`: with shared review, the
/// analyst's own file in the folder for marks (read state going to the
/// private `state` file), and the team's files to show; without it, the
/// private file alone. The message, if any, is for the footer.
pub fn open(
    dir: &Path,
    state: Result<PathBuf, String>,
    configured: Option<&str>,
) -> (ReviewFile, Option<Team>, Option<String>) {
    let (private, said) = match state {
        Ok(path) => ReviewFile::open(path),
        Err(why) => (ReviewFile::detached(), Some(why)),
    };
    if !enabled(dir) {
        return (private, None, said);
    }
    match analyst(dir, configured) {
        Ok(me) => {
            let (own, own_said) = ReviewFile::open_shared(review_file(dir, &me));
            let team = Team::load(dir, &me);
            let said =
                own_said.or(said).or_else(|| Some(format!("shared review: your marks go to .brief/review/{me}.toml")));
            (own.with_private_reads(private), Some(team), said)
        }
        Err(why) => (private, None, Some(why)),
    }
}

/// What the command line reads, never writing: as [`open`], with every file only inspected.
pub fn inspect(dir: &Path, configured: Option<&str>) -> (ReviewFile, Option<Team>, Option<String>) {
    let (private, said) = ReviewFile::inspect_default();
    if !enabled(dir) {
        return (private, None, said);
    }
    match analyst(dir, configured) {
        Ok(me) => {
            let (own, own_said) = ReviewFile::inspect_shared(review_file(dir, &me));
            (own.with_private_reads(private), Some(Team::load(dir, &me)), own_said.or(said))
        }
        Err(why) => (private, None, Some(why)),
    }
}

/// What `brief check` says of `.brief/`: a team file that is not TOML, a
/// review file that cannot be read as one, a file name no analyst has.
pub fn problems(dir: &Path) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::Diagnostic;
    let mut out = Vec::new();
    let team_file = dir.join(".brief/team.toml");
    // A small regular file, never through a link: the team's folder is anyone's.
    let text = crate::files::read_capped(&team_file, 1 << 20, crate::files::Follow::No);
    if let Some(text) = text.ok().and_then(|b| String::from_utf8(b).ok())
        && let Err(e) = text.parse::<toml::Table>()
    {
        let why = crate::text::sanitize_line(e.message()).into_owned();
        out.push(Diagnostic::error(&team_file, (1, 1), format!("not TOML: {why}")));
    }
    let Ok(entries) = std::fs::read_dir(dir.join(".brief/review")) else { return out };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(analyst) = name.strip_suffix(".toml") else { continue };
        if !valid_name(analyst) {
            out.push(Diagnostic::warning(
                &path,
                (0, 0),
                "not an analyst's review file (names are 1 to 64 of a-z 0-9 . _ -, a letter or digit first); not read"
                    .into(),
            ));
            continue;
        }
        if let (_, Some(said)) = ReviewFile::inspect_shared(&path) {
            out.push(Diagnostic::error(&path, (0, 0), crate::text::sanitize_line(&said).into_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_a_file_name_as_it_is() {
        for name in ["ana", "a", "0x", "ana.smith", "ana_b-2", &"b".repeat(MAX_NAME)] {
            assert!(valid_name(name), "{name}");
        }
        let long = "b".repeat(MAX_NAME + 1);
        for name in ["", "Ana", ".ana", "-ana", "_ana", "ana smith", "ana/b", "jos\u{e9}", "ana\u{1b}[2J", &long] {
            assert!(!valid_name(name), "{name:?}");
        }
    }

    #[test]
    fn a_refused_name_is_told_with_the_file_it_would_share() {
        let said = refused("Ana", "BRIEF_ANALYST");
        assert!(said.contains("would share .brief/review/ana.toml with the analyst 'ana'"), "{said}");
        let said = refused("ana\u{1b}[2J", "BRIEF_ANALYST");
        assert!(!said.contains('\u{1b}'), "no escape reaches the terminal: {said:?}");
    }
}
