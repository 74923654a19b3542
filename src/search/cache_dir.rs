//! Where the search cache and the snapshots live, and whether that folder may
//! be used: `$BRIEF_CACHE_DIR`, else `$XDG_CACHE_HOME/brief`, else
//! `~/.cache/brief`; only when it is yours and no one else can write it
//! ([`files::unsafe_folder`]). Else `<that folder>-<uid>` (as tmux keeps
//! `/tmp/tmux-<uid>`), under the same rule, saying so once; else no cache.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::files;

/// The cache folder to use now, checked; `None` when there is none that is safe.
pub fn folder() -> Option<PathBuf> {
    let (dir, _) = configured(|name| std::env::var_os(name))?;
    match files::unsafe_folder(&dir) {
        None => Some(dir),
        Some(why) => instead(&dir, &why),
    }
}

/// The folder asked for, before any check; the flag says it is brief's own
/// (not one the user named), so its mode may be made private.
fn configured(env: impl Fn(&str) -> Option<OsString>) -> Option<(PathBuf, bool)> {
    match env("BRIEF_CACHE_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Some((PathBuf::from(dir), false)),
        None => files::xdg_dir(env, "XDG_CACHE_HOME", ".cache").map(|d| (d.join("brief"), true)),
    }
}

/// The folder used when `dir` may not be: `dir` with `-<uid>` added.
pub fn fallback(dir: &Path) -> Option<PathBuf> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    dir.file_name().map(|_| files::sibling(dir, &format!("-{me}")))
}

/// [`fallback`] when it is safe; the user is told either way, once.
fn instead(dir: &Path, why: &str) -> Option<PathBuf> {
    let shown = |p: &Path| crate::text::sanitize_line(&p.to_string_lossy()).into_owned();
    let refused = format!("the cache folder {} is not safe to use ({why})", shown(dir));
    let other = fallback(dir);
    let problem = other.as_deref().and_then(files::unsafe_folder);
    match (other, problem) {
        (Some(other), None) => {
            tell_once(format!("{refused}; using {} instead", shown(&other)));
            Some(other)
        }
        (Some(other), Some(also)) => {
            tell_once(format!("{refused}, nor is {} ({also}); searching without a cache", shown(&other)));
            None
        }
        (None, _) => {
            tell_once(format!("{refused}; searching without a cache"));
            None
        }
    }
}

static TOLD: AtomicBool = AtomicBool::new(false);
static NOTICE: Mutex<Option<String>> = Mutex::new(None);

fn tell_once(message: String) {
    if !TOLD.swap(true, Ordering::Relaxed)
        && let Ok(mut notice) = NOTICE.lock()
    {
        *notice = Some(message);
    }
}

/// Why the cache folder asked for is not the one used, the first time it
/// was found so in this process; `None` ever after (and when it is used).
pub fn take_notice() -> Option<String> {
    NOTICE.lock().ok()?.take()
}

/// Makes the folder a cache file is about to go to, 0700 when missing (and
/// brief's own folder, or its fallback, 0700 when others may read it), and
/// checks it again: a folder someone else made meanwhile is refused.
pub fn prepare(dir: &Path) -> io::Result<()> {
    let refuse = |why: String| {
        let shown = crate::text::sanitize_line(&dir.to_string_lossy()).into_owned();
        Err(io::Error::other(format!("the cache folder {shown} is not safe to use ({why})")))
    };
    if let Some(why) = files::unsafe_folder(dir) {
        return refuse(why);
    }
    let own = configured(|name| std::env::var_os(name))
        .is_some_and(|(d, own)| (own && d == dir) || fallback(&d).as_deref() == Some(dir));
    files::private_dir(dir, own)?;
    match files::unsafe_folder(dir) {
        Some(why) => refuse(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn the_folder_asked_for_and_whether_it_is_brief_s_own() {
        let named = [("BRIEF_CACHE_DIR", "/c/mine"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h")];
        assert_eq!(configured(env(&named)), Some((PathBuf::from("/c/mine"), false)));
        assert_eq!(configured(env(&[("XDG_CACHE_HOME", "/x")])), Some((PathBuf::from("/x/brief"), true)));
        assert_eq!(configured(env(&[("HOME", "/h")])), Some((PathBuf::from("/h/.cache/brief"), true)));
        assert_eq!(configured(env(&[])), None);
    }

    #[test]
    fn the_fallback_is_the_folder_with_the_uid_added() {
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        assert_eq!(fallback(Path::new("/tmp/brief")), Some(PathBuf::from(format!("/tmp/brief-{me}"))));
        assert_eq!(fallback(Path::new("/")), None);
    }
}
