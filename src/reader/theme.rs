//! How things look: colour only when wanted, and every state still visible
//! without it (reverse, bold, underline, symbols).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

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
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::ROUNDED }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.fg(Color::Cyan).add_modifier(Modifier::BOLD) } else { self.fg(Color::DarkGray) }
    }

    /// The selected row: reversed in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn link(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }

    pub fn broken(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn grade(&self) -> Style {
        self.fg(Color::Magenta)
    }

    /// A TLP label in its TLP 2.0 colour (red, amber as yellow, green; clear
    /// as white); bold from amber up, so it stands out under `NO_COLOR` too.
    pub fn tlp(&self, level: &str) -> Style {
        let (color, bold) = match level {
            "red" => (Color::Red, true),
            "amber" | "amber+strict" => (Color::Yellow, true),
            "green" => (Color::Green, false),
            _ => (Color::White, false),
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
            Sym::Reviewed => ("✓", "v"),
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
    Reviewed,
    Flagged,
    Note,
    Unread,
    Ellipsis,
    Dot,
}
