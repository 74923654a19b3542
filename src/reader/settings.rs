//! The reader's part of the config file: `[keys]` and `[theme]`, handed over
//! by `config` as written and checked here against the key table and the
//! palette. The reader and `brief check` both load the config through
//! [`load`], so a problem in either part sets the whole file aside alike.

use std::path::Path;

use super::keymap::{self, Keymap};
use super::theme::{COLOURS, Palette};
use crate::config::{Config, Written, unknown};
use crate::diag::Diagnostic;
use crate::text::sanitize_line;

/// The keys and colours in force.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub palette: Palette,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { keymap: Keymap::default(), palette: Palette::DEFAULT }
    }
}

/// The config in force, the reader's settings from it, and the problems
/// that set the file aside (then both are the defaults).
pub fn load() -> (Config, Settings, Vec<Diagnostic>) {
    let (config, problems) = crate::config::load();
    if !problems.is_empty() {
        return (config, Settings::default(), problems);
    }
    let path = crate::config::path().unwrap_or_default();
    match check(&config, &path) {
        Ok(settings) => (config, settings, problems),
        Err(problems) => (Config::default(), Settings::default(), problems),
    }
}

/// `config`'s `[keys]` and `[theme]` made settings, or every problem with
/// them at its place in `path`.
pub fn check(config: &Config, path: &Path) -> Result<Settings, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let keymap = keys(&config.keys, path, &mut problems);
    let palette = theme(&config.theme, path, &mut problems);
    match keymap {
        Some(keymap) if problems.is_empty() => Ok(Settings { keymap, palette }),
        _ => Err(problems),
    }
}

/// `[keys]`: `action = "key"` or `action = ["key", "key"]`.
fn keys(written: &[Written], path: &Path, problems: &mut Vec<Diagnostic>) -> Option<Keymap> {
    let before = problems.len();
    let mut remaps = Vec::new();
    for w in written {
        let Some(action) = keymap::action_named(&w.name.text) else {
            let why = unknown("action", &w.name.text, keymap::names());
            problems.push(Diagnostic::error(path, w.name.at, why));
            continue;
        };
        let mut keys = Vec::new();
        for value in &w.values {
            match keymap::parse_key(&value.text) {
                Ok(k) => keys.push(k),
                Err(why) => problems.push(Diagnostic::error(path, value.at, sanitize_line(&why).into_owned())),
            }
        }
        remaps.push((action, keys));
    }
    if problems.len() > before {
        return None;
    }
    Keymap::with(&remaps).map_err(|(i, why)| problems.push(Diagnostic::error(path, written[i].name.at, why))).ok()
}

/// `[theme]`: `role = "colour"`, one of the 16 colour names.
fn theme(written: &[Written], path: &Path, problems: &mut Vec<Diagnostic>) -> Palette {
    let mut palette = Palette::DEFAULT;
    for w in written {
        if !Palette::ROLES.contains(&w.name.text.as_str()) {
            problems.push(Diagnostic::error(
                path,
                w.name.at,
                unknown("theme role", &w.name.text, Palette::ROLES.into_iter()),
            ));
            continue;
        }
        for value in &w.values {
            if let Some((_, colour)) = COLOURS.iter().find(|(n, _)| *n == value.text) {
                palette.set(&w.name.text, *colour);
            } else {
                let why = unknown("colour", &value.text, COLOURS.iter().map(|(n, _)| *n));
                problems.push(Diagnostic::error(path, value.at, why));
            }
        }
    }
    palette
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::keys::{Action, Mode};

    fn checked(src: &str) -> Result<Settings, Vec<String>> {
        let path = Path::new("config.toml");
        let config =
            crate::config::parse(path, src).map_err(|p| p.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        check(&config, path).map_err(|p| p.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn keys_and_colours_are_set_as_written() {
        let s = checked("[keys]\nreviewed = \"r\"\nflagged = [\"F\", \"ctrl-g\"]\n[theme]\nfocus = \"bright-blue\"\n")
            .unwrap();
        assert_eq!(s.palette.focus, ratatui::style::Color::LightBlue);
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('r'));
        assert_eq!(s.keymap.action(Mode::Normal, &key), Some(Action::ToggleReviewed));
    }

    #[test]
    fn every_problem_is_named_at_its_place() {
        let problems = |src| checked(src).err().unwrap_or_default();
        assert_eq!(
            problems("[keys]\nreviewd = \"r\"\n"),
            ["config.toml:2:1: error: unknown action 'reviewd'; did you mean 'reviewed'?"]
        );
        assert_eq!(
            problems("[keys]\nnote = \"n\"\n"),
            ["config.toml:2:1: error: n is also the key for next-match: give that action other keys too"]
        );
        assert_eq!(problems("[keys]\nquit = \"hyper-q\"\n").len(), 1);
        assert_eq!(
            problems("[theme]\nlink = \"purple\"\n"),
            ["config.toml:2:8: error: unknown colour 'purple' (docs/CONFIG.md lists them)"]
        );
    }
}
