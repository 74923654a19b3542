//! How things look: colour only when wanted, and every state still visible
//! without it (reverse, bold, underline, symbols).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    /// The colour of each role; the config file's `[theme]` may change them.
    pub palette: Palette,
}

/// The colour of each role, within the 16-colour palette. TLP colours are
/// TLP 2.0's own and not a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub focus: Color,
    pub dim: Color,
    pub link: Color,
    pub broken: Color,
    pub warn: Color,
    pub error: Color,
    pub grade: Color,
    pub changed: Color,
}

impl Palette {
    pub const DEFAULT: Palette = Palette {
        focus: Color::Cyan,
        dim: Color::DarkGray,
        link: Color::Cyan,
        broken: Color::Red,
        warn: Color::Yellow,
        error: Color::Red,
        grade: Color::Magenta,
        changed: Color::LightMagenta,
    };

    pub const ROLES: [&'static str; 8] = ["focus", "dim", "link", "broken", "warn", "error", "grade", "changed"];

    /// Sets one role by its name in `[theme]`; false for no such role.
    pub fn set(&mut self, role: &str, color: Color) -> bool {
        let slot = match role {
            "focus" => &mut self.focus,
            "dim" => &mut self.dim,
            "link" => &mut self.link,
            "broken" => &mut self.broken,
            "warn" => &mut self.warn,
            "error" => &mut self.error,
            "grade" => &mut self.grade,
            "changed" => &mut self.changed,
            _ => return false,
        };
        *slot = color;
        true
    }
}

/// The 16 colour names as terminals (and `[theme]`) call them.
pub const COLOURS: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("bright-black", Color::DarkGray),
    ("bright-red", Color::LightRed),
    ("bright-green", Color::LightGreen),
    ("bright-yellow", Color::LightYellow),
    ("bright-blue", Color::LightBlue),
    ("bright-magenta", Color::LightMagenta),
    ("bright-cyan", Color::LightCyan),
    ("bright-white", Color::White),
];

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub const fn new(color: bool, ascii: bool) -> Theme {
        Theme { color, ascii, palette: Palette::DEFAULT }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::ROUNDED }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.fg(self.palette.focus).add_modifier(Modifier::BOLD) } else { self.fg(self.palette.dim) }
    }

    /// The selected row: reversed in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }

    pub fn link(&self) -> Style {
        self.fg(self.palette.link).add_modifier(Modifier::UNDERLINED)
    }

    pub fn broken(&self) -> Style {
        self.fg(self.palette.broken).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.palette.warn).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    /// Changed since reviewed: its own colour, bold so it shows without colour too.
    pub fn changed(&self) -> Style {
        self.fg(self.palette.changed).add_modifier(Modifier::BOLD)
    }

    pub fn grade(&self) -> Style {
        self.fg(self.palette.grade)
    }

    /// A TLP label in its TLP 2.0 colour (red, amber as yellow, green; clear
    /// as white); bold from amber up, so it stands out under `NO_COLOR` too.
    pub fn tlp(&self, level: crate::model::Tlp) -> Style {
        use crate::model::Tlp;
        let (color, bold) = match level {
            Tlp::Red => (Color::Red, true),
            Tlp::Amber | Tlp::AmberStrict => (Color::Yellow, true),
            Tlp::Green => (Color::Green, false),
            Tlp::Clear => (Color::White, false),
        };
        let style = self.fg(color);
        if bold { style.add_modifier(Modifier::BOLD) } else { style }
    }

    /// Marks drawn beside rows; each a symbol, so they survive `NO_COLOR`.
    pub fn sym(&self, which: Sym) -> &'static str {
        let (uni, ascii) = match which {
            Sym::Cursor => ("▸", ">"),
            Sym::Open => ("▹", "o"),
            Sym::Contradicted => ("≠", "#"),
            Sym::Elsewhere => ("↗", "^"),
            Sym::Broken => ("✗", "X"),
            Sym::Stale => ("⚠", "="),
            Sym::Reviewed => ("✓", "v"),
            Sym::Changed => ("⟳", "~"),
            Sym::Updated => ("✦", "+"),
            Sym::Flagged => ("⚑", "!"),
            Sym::Note => ("✎", "n"),
            Sym::Unread => ("•", "*"),
            Sym::Ellipsis => ("…", "..."),
            Sym::Dot => ("·", "-"),
        };
        if self.ascii { ascii } else { uni }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Sym {
    Cursor,
    Open,
    Contradicted,
    Elsewhere,
    Broken,
    /// A briefing whose file no longer parses: shown as it last parsed.
    Stale,
    Reviewed,
    /// Reviewed, and changed since.
    Changed,
    /// A read briefing whose content changed since it was opened.
    Updated,
    Flagged,
    Note,
    Unread,
    Ellipsis,
    Dot,
}
