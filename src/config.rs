//! The config file, `$XDG_CONFIG_HOME/brief/config.toml` (else
//! `~/.config/brief/config.toml`): the default folder, `[keys]`, `[theme]`
//! and `[views]`, as docs/CONFIG.md describes. A file with any problem is
//! set aside whole: brief runs on the defaults and says where the problem is.
//!
//! This module reads the file and knows nothing of the reader: `[keys]` and
//! `[theme]` are handed over as written, with their places, and the reader
//! checks them (`reader::settings`, which `brief check` calls too).

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::load::Lines;
use crate::text::sanitize_line;

/// At most this much of a config file is read.
const MAX_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The briefing folder when neither `--dir` nor `$BRIEF_DIR` names one.
    pub dir: Option<PathBuf>,
    /// `[keys]` as written: an action's name and its keys.
    pub keys: Vec<Written>,
    /// `[theme]` as written: a role's name and its colour.
    pub theme: Vec<Written>,
    /// Named queries, in the file's order.
    pub views: Vec<(String, String)>,
    /// The analyst's name for shared review (docs/TEAM.md).
    pub analyst: Option<String>,
}

/// A text of the file and where it is (line, column), for a problem's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub text: String,
    pub at: (u32, u32),
}

/// One `name = value` (or `name = [values]`) of `[keys]` or `[theme]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub name: Placed,
    pub values: Vec<Placed>,
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
    fn at(&self, offset: usize) -> (u32, u32) {
        let pos = self.lines.pos(offset);
        (pos.line, pos.col)
    }

    fn error(&mut self, at: usize, message: String) {
        let at = self.at(at);
        self.problems.push(Diagnostic::error(self.path, at, message));
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
pub fn unknown(what: &str, name: &str, known: impl Iterator<Item = &'static str>) -> String {
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
            "keys" => config.keys = r.table(value, "keys").map(|t| written(&mut r, t, "a key")).unwrap_or_default(),
            "theme" => {
                config.theme = r.table(value, "theme").map(|t| written(&mut r, t, "a colour")).unwrap_or_default();
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

/// A table of `name = "text"` or `name = ["text", …]`, as written; `what`
/// names a value that is not text.
fn written(r: &mut Reading, table: &DeTable, what: &str) -> Vec<Written> {
    let mut out = Vec::new();
    for (name, value) in table {
        let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            _ => vec![value],
        };
        let values = items
            .into_iter()
            .filter_map(|item| r.string(item, what).map(|t| (t.to_string(), item.span().start)))
            .collect::<Vec<_>>();
        let values = values.into_iter().map(|(text, at)| Placed { text, at: r.at(at) }).collect();
        out.push(Written { name: Placed { text: name.get_ref().to_string(), at: r.at(name.span().start) }, values });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(src: &str) -> Vec<String> {
        parse(Path::new("config.toml"), src)
            .map_or_else(|p| p.iter().map(ToString::to_string).collect(), |_| Vec::new())
    }

    #[test]
    fn a_good_file_sets_the_folder_and_views_and_hands_keys_and_colours_over_as_written() {
        let src = "dir = \"/srv/briefings\"\n[keys]\nreviewed = \"r\"\nflagged = [\"F\", \"ctrl-g\"]\n\
                   [theme]\nfocus = \"bright-blue\"\n[views]\nmine = \"is:flagged\"\n";
        let c = parse(Path::new("c.toml"), src).unwrap();
        assert_eq!(c.dir, Some(PathBuf::from("/srv/briefings")));
        assert_eq!(c.views, [("mine".to_string(), "is:flagged".to_string())]);
        let placed = |text: &str, at| Placed { text: text.into(), at };
        assert_eq!(
            c.keys.iter().find(|w| w.name.text == "flagged").unwrap(),
            &Written { name: placed("flagged", (4, 1)), values: vec![placed("F", (4, 12)), placed("ctrl-g", (4, 17))] }
        );
        assert_eq!(c.theme, [Written { name: placed("focus", (6, 1)), values: vec![placed("bright-blue", (6, 9))] }]);
    }

    #[test]
    fn every_problem_of_the_file_is_named_at_its_place() {
        assert_eq!(problems("dri = \"/x\"\n"), ["config.toml:1:1: error: unknown setting 'dri'; did you mean 'dir'?"]);
        assert_eq!(problems("dir = \"relative\"\n").len(), 1);
        assert_eq!(problems("[keys]\nnote = 3\n"), ["config.toml:2:8: error: a key is a string"]);
        assert!(problems("[keys\n")[0].starts_with("config.toml:1:"), "{:?}", problems("[keys\n"));
    }
}
