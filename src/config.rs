//! The config file, `$XDG_CONFIG_HOME/brief/config.toml` (else
//! `~/.config/brief/config.toml`): the default folder, `[keys]`, `[theme]`
//! and `[views]`, as docs/CONFIG.md describes. A file with any problem is
//! set aside whole: brief runs on the defaults and says where the problem is.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::load::Lines;
use crate::reader::keymap::{self, Keymap};
use crate::reader::theme::{COLOURS, Palette};
use crate::text::sanitize_line;

/// At most this much of a config file is read.
const MAX_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone)]
pub struct Config {
    /// The briefing folder when neither `--dir` nor `$BRIEF_DIR` names one.
    pub dir: Option<PathBuf>,
    pub keymap: Keymap,
    pub palette: Palette,
    /// Named queries, in the file's order.
    pub views: Vec<(String, String)>,
    /// The analyst's name for shared review (docs/TEAM.md).
    pub analyst: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config { dir: None, keymap: Keymap::default(), palette: Palette::DEFAULT, views: Vec::new(), analyst: None }
    }
}

/// Where the config file is, from the environment.
pub fn path() -> Option<PathBuf> {
    crate::files::xdg_dir(|v| std::env::var_os(v), "XDG_CONFIG_HOME", ".config").map(|d| d.join("brief/config.toml"))
}

/// The config in force and the problems that set the file aside, if any. No
/// file is no problem.
pub fn load() -> (Config, Vec<Diagnostic>) {
    let Some(path) = path() else { return (Config::default(), Vec::new()) };
    let bytes = match crate::files::read_capped(&path, MAX_BYTES, crate::files::Follow::Yes) {
        Ok(b) => b,
        Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Config::default(), Vec::new());
        }
        Err(e) => return (Config::default(), vec![Diagnostic::error(&path, (0, 0), format!("cannot read it: {e}"))]),
    };
    let Ok(src) = String::from_utf8(bytes) else {
        return (Config::default(), vec![Diagnostic::error(&path, (0, 0), "not UTF-8 text".into())]);
    };
    match parse(&path, &src) {
        Ok(config) => (config, Vec::new()),
        Err(problems) => (Config::default(), problems),
    }
}

/// The footer's word on a config file set aside.
pub fn notice(problems: &[Diagnostic]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Some(format!("config not used: {first}{more}; brief check lists every problem"))
}

struct Reading<'s> {
    path: &'s Path,
    lines: Lines<'s>,
    problems: Vec<Diagnostic>,
}

impl Reading<'_> {
    fn error(&mut self, at: usize, message: String) {
        let pos = self.lines.pos(at);
        self.problems.push(Diagnostic::error(self.path, (pos.line, pos.col), message));
    }

    fn string<'v>(&mut self, v: &'v Spanned<DeValue>, what: &str) -> Option<&'v str> {
        if let DeValue::String(s) = v.get_ref() {
            return Some(s);
        }
        self.error(v.span().start, format!("{what} is a string"));
        None
    }

    fn table<'v>(&mut self, v: &'v Spanned<DeValue<'v>>, name: &str) -> Option<&'v DeTable<'v>> {
        if let DeValue::Table(t) = v.get_ref() {
            return Some(t);
        }
        self.error(v.span().start, format!("'{name}' is a table: [{name}]"));
        None
    }
}

/// "did you mean" for a name not among `known`.
fn unknown(what: &str, name: &str, known: impl Iterator<Item = &'static str>) -> String {
    let name = sanitize_line(name);
    let near = known.map(|k| (strsim::levenshtein(&name, k), k)).min().filter(|(d, _)| *d <= 3);
    match near {
        Some((_, k)) => format!("unknown {what} '{name}'; did you mean '{k}'?"),
        None => format!("unknown {what} '{name}' (docs/CONFIG.md lists them)"),
    }
}

pub fn parse(path: &Path, src: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut r = Reading { path, lines: Lines::new(src), problems: Vec::new() };
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            r.error(e.span().map_or(0, |s| s.start), format!("invalid TOML: {}", sanitize_line(e.message().trim())));
            return Err(r.problems);
        }
    };
    let mut config = Config::default();
    for (key, value) in doc.get_ref() {
        match key.get_ref().as_ref() {
            "dir" => config.dir = r.string(value, "'dir'").and_then(|d| folder(&mut r, d, value.span().start)),
            "analyst" => config.analyst = r.string(value, "'analyst'").map(str::to_string),
            "keys" => config.keymap = r.table(value, "keys").and_then(|t| keys(&mut r, t)).unwrap_or_default(),
            "theme" => {
                if let Some(t) = r.table(value, "theme") {
                    theme(&mut r, t, &mut config.palette);
                }
            }
            "views" => {
                let Some(t) = r.table(value, "views") else { continue };
                for (name, query) in t {
                    if let Some(q) = r.string(query, "a view's query") {
                        config.views.push((sanitize_line(name.get_ref()).into_owned(), q.to_string()));
                    }
                }
            }
            other => {
                r.error(
                    key.span().start,
                    unknown("setting", other, ["dir", "analyst", "keys", "theme", "views"].into_iter()),
                );
            }
        }
    }
    if r.problems.is_empty() { Ok(config) } else { Err(r.problems) }
}

/// `dir`: absolute, or under the home folder (`~/briefings`).
fn folder(r: &mut Reading, dir: &str, at: usize) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    match (dir.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => return Some(home.join(rest)),
        (None, _) if Path::new(dir).is_absolute() => return Some(PathBuf::from(dir)),
        _ => {}
    }
    r.error(at, format!("'dir' is an absolute path or starts with ~/, not '{}'", sanitize_line(dir)));
    None
}

/// `[keys]`: `action = "key"` or `action = ["key", "key"]`.
fn keys(r: &mut Reading, table: &DeTable) -> Option<Keymap> {
    let (mut remaps, mut places, before) = (Vec::new(), Vec::new(), r.problems.len());
    for (name, value) in table {
        let Some(action) = keymap::action_named(name.get_ref()) else {
            r.error(name.span().start, unknown("action", name.get_ref(), keymap::NAMES.iter().map(|(n, _)| *n)));
            continue;
        };
        let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            _ => vec![value],
        };
        let mut keys = Vec::new();
        for item in items {
            let Some(text) = r.string(item, "a key") else { continue };
            match keymap::parse_key(text) {
                Ok(k) => keys.push(k),
                Err(why) => r.error(item.span().start, sanitize_line(&why).into_owned()),
            }
        }
        remaps.push((action, keys));
        places.push(name.span().start);
    }
    if r.problems.len() > before {
        return None;
    }
    match Keymap::with(&remaps) {
        Ok(map) => Some(map),
        Err((i, why)) => {
            r.error(places[i], why);
            None
        }
    }
}

/// `[theme]`: `role = "colour"`, one of the 16 colour names.
fn theme(r: &mut Reading, table: &DeTable, palette: &mut Palette) {
    for (role, value) in table {
        if !Palette::ROLES.contains(&role.get_ref().as_ref()) {
            r.error(role.span().start, unknown("theme role", role.get_ref(), Palette::ROLES.into_iter()));
            continue;
        }
        let Some(name) = r.string(value, "a colour") else { continue };
        match COLOURS.iter().find(|(n, _)| *n == name) {
            Some((_, colour)) => {
                palette.set(role.get_ref(), *colour);
            }
            None => r.error(value.span().start, unknown("colour", name, COLOURS.iter().map(|(n, _)| *n))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(src: &str) -> Vec<String> {
        parse(Path::new("config.toml"), src)
            .map_or_else(|p| p.iter().map(ToString::to_string).collect(), |_| Vec::new())
    }

    #[test]
    fn a_good_file_sets_keys_colours_views_and_the_folder() {
        let src = "dir = \"/srv/briefings\"\n[keys]\nreviewed = \"r\"\nflagged = [\"F\", \"ctrl-g\"]\n\
                   [theme]\nfocus = \"bright-blue\"\n[views]\nmine = \"is:flagged\"\n";
        let c = parse(Path::new("c.toml"), src).unwrap();
        assert_eq!(c.dir, Some(PathBuf::from("/srv/briefings")));
        assert_eq!(c.palette.focus, ratatui::style::Color::LightBlue);
        assert_eq!(c.views, [("mine".to_string(), "is:flagged".to_string())]);
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('r'));
        let action = c.keymap.action(crate::reader::keys::Mode::Normal, &key);
        assert_eq!(action, Some(crate::reader::keys::Action::ToggleReviewed));
    }

    #[test]
    fn every_problem_is_named_at_its_place() {
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
        assert_eq!(problems("dri = \"/x\"\n"), ["config.toml:1:1: error: unknown setting 'dri'; did you mean 'dir'?"]);
        assert_eq!(problems("dir = \"relative\"\n").len(), 1);
        assert!(problems("[keys\n")[0].starts_with("config.toml:1:"), "{:?}", problems("[keys\n"));
    }
}
