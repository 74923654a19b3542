//! A backend that sends fewer bytes over slow links: the 16 ANSI colours as
//! short SGR codes, and a short gap of unchanged cells re-sent instead of a
//! cursor move. It keeps a copy of the screen to know what the gap holds.
//! Ours, not ratatui's `CrosstermBackend` alone: that one jumps over every gap
//! and writes longer colour codes, more bytes per frame (`cargo bench --bench reader`).

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};

use super::term::FrameWriter;

/// Gaps up to this many cells are re-sent rather than jumped over.
const MAX_GAP: u16 = 4;

pub struct LeanBackend {
    inner: CrosstermBackend<FrameWriter>,
    screen: Buffer,
    /// Where the cursor was last put: told back instead of asking the terminal,
    /// which some terminals and multiplexers never answer.
    cursor: Position,
}

impl LeanBackend {
    pub fn new(writer: FrameWriter) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            screen: Buffer::empty(Rect::ZERO),
            cursor: Position::ORIGIN,
        }
    }

    pub fn writer(&mut self) -> &mut FrameWriter {
        self.inner.writer_mut()
    }

    /// Grows the copy of the screen to hold every cell about to be drawn.
    fn cover(&mut self, cells: &[(u16, u16, &Cell)]) {
        let old = self.screen.area;
        let width = cells.iter().map(|c| c.0 + 1).max().unwrap_or(0).max(old.width);
        let height = cells.iter().map(|c| c.1 + 1).max().unwrap_or(0).max(old.height);
        if (width, height) == (old.width, old.height) {
            return;
        }
        let mut grown = Buffer::empty(Rect::new(0, 0, width, height));
        for y in 0..old.height {
            for x in 0..old.width {
                grown[(x, y)] = self.screen[(x, y)].clone();
            }
        }
        self.screen = grown;
    }
}

fn color_code(c: Color, base: u8, out: &mut String) {
    let named = |n: u8| Some(base + n);
    let code = match c {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(60),
        Color::LightRed => named(61),
        Color::LightGreen => named(62),
        Color::LightYellow => named(63),
        Color::LightBlue => named(64),
        Color::LightMagenta => named(65),
        Color::LightCyan => named(66),
        Color::White => named(67),
        Color::Indexed(i) => {
            let _ = write!(out, ";{};5;{i}", base + 8);
            None
        }
        Color::Rgb(r, g, b) => {
            let _ = write!(out, ";{};2;{r};{g};{b}", base + 8);
            None
        }
    };
    if let Some(code) = code {
        let _ = write!(out, ";{code}");
    }
}

/// One SGR sequence that resets, then sets this cell's whole style.
fn sgr(cell: &Cell) -> String {
    let mut s = String::from("\x1b[0");
    let codes = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    for (m, code) in codes {
        if cell.modifier.contains(m) {
            let _ = write!(s, ";{code}");
        }
    }
    color_code(cell.fg, 30, &mut s);
    color_code(cell.bg, 40, &mut s);
    s.push('m');
    s
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg && a.bg == b.bg && a.modifier == b.modifier
}

impl Backend for LeanBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        self.cover(&cells);
        let mut out = String::new();
        let mut cursor: Option<(u16, u16)> = None;
        let mut style: Option<Cell> = None;
        for (x, y, cell) in cells {
            let gap_fits = matches!(cursor, Some((cx, cy)) if cy == y && cx < x && x - cx <= MAX_GAP)
                && style.as_ref().is_some_and(|s| {
                    (cursor.map_or(x, |c| c.0)..x).all(|gx| {
                        let g = &self.screen[(gx, y)];
                        g.symbol().len() == 1 && g.symbol().is_ascii() && same_style(g, s)
                    })
                });
            if gap_fits {
                let from = cursor.map_or(x, |c| c.0);
                (from..x).for_each(|gx| out.push_str(self.screen[(gx, y)].symbol()));
            } else if cursor != Some((x, y)) {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
            if !style.as_ref().is_some_and(|s| same_style(s, cell)) {
                out.push_str(&sgr(cell));
                style = Some(cell.clone());
            }
            out.push_str(cell.symbol());
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            cursor = Some((x + width, y));
            self.screen[(x, y)] = cell.clone();
        }
        if style.is_some() {
            out.push_str("\x1b[0m");
        }
        self.writer().write_all(out.as_bytes())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen = Buffer::empty(Rect::ZERO);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.screen = Buffer::empty(Rect::ZERO);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
