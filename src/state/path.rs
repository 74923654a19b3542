//! Where the state file lives.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// `$BRIEF_STATE` if set and not empty, else `$XDG_DATA_HOME/brief/state.toml`,
/// else `~/.local/share/brief/state.toml`; `None` when there is no home either.
pub fn default_path() -> Option<PathBuf> {
    path_from(|name| std::env::var_os(name)).or_else(in_home)
}

/// `~/.local/share/brief/state.toml`, the home found as the system finds it.
fn in_home() -> Option<PathBuf> {
    #[allow(deprecated)] // Fine on Unix, where it reads HOME then the password database.
    std::env::home_dir().map(|h| h.join(".local/share/brief/state.toml"))
}

/// [`default_path`] over any environment, for tests.
pub fn path_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(p) = set("BRIEF_STATE") {
        return Some(p);
    }
    crate::files::xdg_dir(env, "XDG_DATA_HOME", ".local/share").map(|d| d.join("brief").join("state.toml"))
}

/// Where the reader and the command line keep the private state:
/// [`default_path`], unless that is in brief's own folder (`brief` under
/// `$XDG_DATA_HOME` or `~/.local/share`, not one `$BRIEF_STATE` names) and
/// that folder is not safe to use ([`crate::files::unsafe_folder`]: someone
/// else's, or writable by others). Else why, as a sentence for the user.
pub fn private_path() -> Result<PathBuf, String> {
    private_path_from(|name| std::env::var_os(name))
}

/// [`private_path`] over any environment.
pub fn private_path_from(env: impl Fn(&str) -> Option<OsString>) -> Result<PathBuf, String> {
    let named = env("BRIEF_STATE").is_some_and(|v| !v.is_empty());
    let path = path_from(&env).or_else(in_home).ok_or("marks are not saved: set BRIEF_STATE or HOME")?;
    let folder = path.parent().unwrap_or(Path::new("."));
    match crate::files::unsafe_folder(folder) {
        Some(why) if !named => Err(format!(
            "the state folder {} is not safe to use ({why}); your marks are neither read from it nor saved to it \
             (make it yours, mode 0700, or set BRIEF_STATE)",
            crate::text::sanitize_line(&folder.to_string_lossy())
        )),
        _ => Ok(path),
    }
}

/// Where a state path's reads and writes go. See docs/STATE.md, "Symlinks".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Not a symlink: the path itself.
    Plain(PathBuf),
    /// A symlink to an existing file, or to a missing one in a folder this
    /// user owns: its target, which is used only if it is a state file (or missing).
    Linked(PathBuf),
    /// A symlink brief will not follow; why, as a sentence for the user.
    Refused(String),
}

/// Follows a symlink at the state path only where writing cannot harm what
/// is not brief's: to a file that exists (checked to be a state file when
/// read), or to a missing one in a folder that belongs to this user.
pub fn resolve(path: &Path) -> Resolved {
    if !path.is_symlink() {
        return Resolved::Plain(path.to_path_buf());
    }
    if let Ok(target) = fs::canonicalize(path) {
        return Resolved::Linked(target);
    }
    // Dangling: follow the chain by hand to the name that is missing.
    let mut end = path.to_path_buf();
    for _ in 0..40 {
        let Ok(next) = fs::read_link(&end) else { break };
        end = end.parent().unwrap_or(Path::new("")).join(next);
    }
    let shown = |p: &Path| crate::text::sanitize_line(&p.to_string_lossy()).into_owned();
    let refuse = |why: &str| {
        Resolved::Refused(format!(
            "the state file {} is a symlink to {}, {why}; it is left as it is and marks are read-only",
            shown(path),
            shown(&end)
        ))
    };
    if end.is_symlink() {
        return refuse("a chain of symlinks that does not end");
    }
    let folder = end.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (Ok(folder), Some(name)) = (fs::canonicalize(folder), end.file_name()) else {
        return refuse("which is missing, in a folder that does not exist");
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    match fs::metadata(&folder) {
        Ok(m) if m.is_dir() && m.uid() == me => Resolved::Linked(folder.join(name)),
        _ => refuse("which is missing, in a folder that is not yours"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn brief_state_wins_over_everything() {
        let vars = [("BRIEF_STATE", "/s/mine.toml"), ("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/a")];
        assert_eq!(path_from(env(&vars)), Some(PathBuf::from("/s/mine.toml")));
    }

    #[test]
    fn empty_brief_state_falls_through_to_xdg() {
        let vars = [("BRIEF_STATE", ""), ("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/a")];
        assert_eq!(path_from(env(&vars)), Some(PathBuf::from("/xdg/brief/state.toml")));
    }

    #[test]
    fn relative_or_empty_xdg_falls_through_to_home() {
        for xdg in ["", "rel/data"] {
            let vars = [("XDG_DATA_HOME", xdg), ("HOME", "/home/a")];
            assert_eq!(path_from(env(&vars)), Some(PathBuf::from("/home/a/.local/share/brief/state.toml")));
        }
    }

    #[test]
    fn nothing_set_gives_nothing() {
        assert_eq!(path_from(env(&[])), None);
    }
}
