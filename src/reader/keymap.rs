//! The key table in force: the defaults of `keys`, with the reader's own
//! keys remapped by the config file's `[keys]` (docs/CONFIG.md). Help and
//! the footer read this, so they show the keys as remapped.

use crossterm::event::{KeyCode, KeyModifiers};

use super::keys::{self, Action, Binding, Key, Mode};

/// What `[keys]` calls each action of the reader (the overlays keep theirs).
pub const NAMES: &[(&str, Action)] = &[
    ("down", Action::Down),
    ("up", Action::Up),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("next-pane", Action::NextPane),
    ("prev-pane", Action::PrevPane),
    ("pane-1", Action::FocusPane(1)),
    ("pane-2", Action::FocusPane(2)),
    ("pane-3", Action::FocusPane(3)),
    ("pane-4", Action::FocusPane(4)),
    ("open", Action::Open),
    ("zoom", Action::Zoom),
    ("sidebar", Action::Sidebar),
    ("back", Action::Back),
    ("forward", Action::Forward),
    ("search", Action::Search),
    ("filter", Action::Filter),
    ("views", Action::Views),
    ("contradictions", Action::Contradictions),
    ("timeline", Action::Timeline),
    ("matrix", Action::Matrix),
    ("next-match", Action::NextMatch),
    ("prev-match", Action::PrevMatch),
    ("reviewed", Action::ToggleReviewed),
    ("flagged", Action::ToggleFlagged),
    ("note", Action::Note),
    ("next-unreviewed", Action::NextUnreviewed),
    ("undo", Action::Undo),
    ("copy", Action::Copy),
    ("copy-command", Action::CopyCommand),
    ("edit", Action::Edit),
    ("problems", Action::Problems),
    ("help", Action::Help),
    ("cancel", Action::Cancel),
    ("quit", Action::Quit),
    ("suspend", Action::Suspend),
];

pub fn action_named(name: &str) -> Option<Action> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

fn name_of(action: Action) -> &'static str {
    NAMES.iter().find(|(_, a)| *a == action).map_or("?", |(n, _)| n)
}

/// A key as the config file writes it: `x`, `X`, `ctrl-o`, `alt-x`,
/// `enter`, `tab`, `shift-tab`, `backspace`, `esc`, `space`, the arrows,
/// `home`, `end`, `pgup`, `pgdn`, `delete`, `f1`…`f12`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let (mods, name) = match text.split_once('-').filter(|(m, n)| !m.is_empty() && !n.is_empty()) {
        Some((m, n)) if m.eq_ignore_ascii_case("ctrl") => (KeyModifiers::CONTROL, n),
        Some((m, n)) if m.eq_ignore_ascii_case("alt") => (KeyModifiers::ALT, n),
        Some((m, n)) if m.eq_ignore_ascii_case("shift") && n.eq_ignore_ascii_case("tab") => {
            return Ok((KeyCode::BackTab, KeyModifiers::SHIFT));
        }
        _ => (KeyModifiers::NONE, text),
    };
    let mut chars = name.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && !c.is_whitespace() => {
            // A terminal sends Ctrl with a letter as the small letter.
            KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) { c.to_ascii_lowercase() } else { c })
        }
        _ => match name.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "esc" | "escape" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "unknown key '{text}': a character, or ctrl-X, alt-X, enter, tab, shift-tab, backspace, esc, \
                     space, up, down, left, right, home, end, pgup, pgdn, delete, f1..f12"
                ));
            }
        },
    };
    Ok((code, mods))
}

#[derive(Debug, Clone)]
pub struct Keymap {
    normal: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap { normal: keys::NORMAL.to_vec() }
    }
}

impl Keymap {
    /// The defaults with each `(action, keys)` given these keys instead of
    /// its own. A key left on two actions is an error naming both, as
    /// `(the remap at fault, why)`; swapping two actions' keys is fine.
    pub fn with(remaps: &[(Action, Vec<Key>)]) -> Result<Keymap, (usize, String)> {
        let mut map = Keymap::default();
        for (i, (action, keys)) in remaps.iter().enumerate() {
            if keys.is_empty() {
                return Err((i, format!("'{}' needs at least one key", name_of(*action))));
            }
            // The first binding of the action: `Ctrl-c` always quits as well.
            let Some(b) = map.normal.iter_mut().find(|b| b.action == *action) else {
                return Err((i, format!("'{}' cannot be remapped", name_of(*action))));
            };
            // Read once per run from the config file: kept for the run.
            b.keys = Box::leak(keys.clone().into_boxed_slice());
        }
        for (i, (action, keys)) in remaps.iter().enumerate() {
            for key in keys {
                let on = map.normal.iter().filter(|b| b.keys.iter().any(|k| keys::same(*key, *k)));
                if let Some(other) = on.map(|b| b.action).find(|a| a != action) {
                    let other = if other == Action::Quit && key.0 == KeyCode::Char('c') {
                        "quit (Ctrl-c always quits)"
                    } else {
                        name_of(other)
                    };
                    let key = keys::key_name(*key, true);
                    return Err((i, format!("{key} is also the key for {other}: give that action other keys too")));
                }
            }
        }
        Ok(map)
    }

    pub fn table(&self, mode: Mode) -> &[Binding] {
        match mode {
            Mode::Normal => &self.normal,
            other => keys::table(other),
        }
    }

    /// The action a key stands for in `mode`, if any.
    pub fn action(&self, mode: Mode, key: &crossterm::event::KeyEvent) -> Option<Action> {
        keys::action_in(self.table(mode), mode, (key.code, key.modifiers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        parse_key(text).unwrap()
    }

    #[test]
    fn keys_read_as_written() {
        assert_eq!(key("x"), (KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(key("ctrl-O"), (KeyCode::Char('o'), KeyModifiers::CONTROL));
        assert_eq!(key("alt-enter"), (KeyCode::Enter, KeyModifiers::ALT));
        assert_eq!(key("Shift-Tab"), (KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(key("-"), (KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(key("f12"), (KeyCode::F(12), KeyModifiers::NONE));
        for bad in ["", "ctrl-", "f13", "hyper-x", "two"] {
            assert!(parse_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_remap_replaces_the_keys_and_a_clash_names_both_actions() {
        let map = Keymap::with(&[(Action::ToggleReviewed, vec![key("r")])]).unwrap();
        let press = |map: &Keymap, k: &str| {
            let (code, mods) = key(k);
            map.action(Mode::Normal, &crossterm::event::KeyEvent::new(code, mods))
        };
        assert_eq!(press(&map, "r"), Some(Action::ToggleReviewed));
        assert_eq!(press(&map, "x"), None, "the default key is free again");
        let swap = [(Action::ToggleReviewed, vec![key("f")]), (Action::ToggleFlagged, vec![key("x")])];
        assert_eq!(press(&Keymap::with(&swap).unwrap(), "x"), Some(Action::ToggleFlagged));
        let (at, why) = Keymap::with(&[(Action::Note, vec![key("n")]), (Action::Undo, vec![key("u")])]).unwrap_err();
        assert_eq!(at, 0);
        assert!(why.contains("n is also the key for next-match"), "{why}");
        let (_, why) = Keymap::with(&[(Action::Help, vec![key("ctrl-c")])]).unwrap_err();
        assert!(why.contains("Ctrl-c always quits"), "{why}");
    }
}
