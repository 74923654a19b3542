//! Where the state file lives.

use std::ffi::OsString;
use std::path::PathBuf;

/// `$BRIEF_STATE` if set and not empty, else `$XDG_DATA_HOME/brief/state.toml`,
/// else `~/.local/share/brief/state.toml`; `None` when there is no home either.
pub fn default_path() -> Option<PathBuf> {
    path_from(|name| std::env::var_os(name)).or_else(|| {
        #[allow(deprecated)] // Fine on Unix, where it reads HOME then the password database.
        std::env::home_dir().map(|h| h.join(".local/share/brief/state.toml"))
    })
}

/// [`default_path`] over any environment, for tests.
pub fn path_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(p) = set("BRIEF_STATE") {
        return Some(p);
    }
    crate::files::xdg_dir(env, "XDG_DATA_HOME", ".local/share").map(|d| d.join("brief").join("state.toml"))
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
