//! The one key table: the handler, the footer hints and the help overlay all read it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a person can ask the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    Open,
    Back,
    Forward,
    Search,
    Problems,
    Help,
    Cancel,
    Quit,
    Suspend,
    ToggleReviewed,
    ToggleFlagged,
    Note,
    NextUnreviewed,
    Copy,
    Edit,
    /// Text typed into an overlay's input line.
    Insert(char),
    DeleteBack,
    ClearInput,
}

impl Action {
    pub fn describe(self) -> &'static str {
        match self {
            Action::Down => "move the selection down",
            Action::Up => "move the selection up",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open the selection; on a link, follow it",
            Action::Back => "back to where you were before the last jump",
            Action::Forward => "forward again after going back",
            Action::Search => "search everything",
            Action::Problems => "show the problems found in the folder",
            Action::Help => "this help",
            Action::Cancel => "close the overlay",
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg comes back)",
            Action::ToggleReviewed => "toggle reviewed",
            Action::ToggleFlagged => "toggle flagged",
            Action::Note => "write or edit a note",
            Action::NextUnreviewed => "next entity not yet reviewed",
            Action::Copy => "copy a citation to the clipboard",
            Action::Edit => "open the file in $VISUAL / $EDITOR",
            Action::Insert(_) => "type",
            Action::DeleteBack => "delete a character",
            Action::ClearInput => "clear the line",
        }
    }
}

/// Which table is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Note,
    Help,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    /// Shown in the footer as well as in help.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn b(keys: &'static [(KeyCode, KeyModifiers)], action: Action, hint: Option<&'static str>) -> Binding {
    Binding { keys, action, hint }
}

const QUIT_ANYWHERE: Binding = b(&[(KeyCode::Char('c'), CTRL)], Action::Quit, None);

pub const NORMAL: &[Binding] = &[
    b(&[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], Action::Down, None),
    b(&[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], Action::Up, None),
    b(&[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], Action::Top, None),
    b(&[(KeyCode::Char('G'), SHIFT), (KeyCode::End, NONE)], Action::Bottom, None),
    b(&[(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], Action::PageDown, None),
    b(&[(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], Action::PageUp, None),
    b(&[(KeyCode::Tab, NONE)], Action::NextPane, Some("pane")),
    b(&[(KeyCode::BackTab, SHIFT)], Action::PrevPane, None),
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("open")),
    b(
        &[(KeyCode::Backspace, NONE), (KeyCode::Char('o'), CTRL), (KeyCode::Char('['), NONE)],
        Action::Back,
        Some("back"),
    ),
    b(&[(KeyCode::Char(']'), NONE)], Action::Forward, None),
    b(&[(KeyCode::Char('/'), NONE)], Action::Search, Some("search")),
    b(&[(KeyCode::Char('x'), NONE)], Action::ToggleReviewed, Some("reviewed")),
    b(&[(KeyCode::Char('f'), NONE)], Action::ToggleFlagged, None),
    b(&[(KeyCode::Char('a'), NONE)], Action::Note, None),
    b(&[(KeyCode::Char('u'), NONE)], Action::NextUnreviewed, None),
    b(&[(KeyCode::Char('y'), NONE)], Action::Copy, None),
    b(&[(KeyCode::Char('e'), NONE)], Action::Edit, None),
    b(&[(KeyCode::Char('!'), SHIFT)], Action::Problems, None),
    b(&[(KeyCode::Char('?'), SHIFT)], Action::Help, Some("help")),
    b(&[(KeyCode::Esc, NONE)], Action::Cancel, None),
    b(&[(KeyCode::Char('q'), NONE)], Action::Quit, Some("quit")),
    QUIT_ANYWHERE,
    b(&[(KeyCode::Char('z'), CTRL)], Action::Suspend, None),
];

/// The `/` finder and the note editor: keys not listed here type text.
pub const INPUT: &[Binding] = &[
    b(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL)], Action::Down, None),
    b(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL)], Action::Up, None),
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("go / save")),
    b(&[(KeyCode::Esc, NONE)], Action::Cancel, Some("cancel")),
    b(&[(KeyCode::Backspace, NONE)], Action::DeleteBack, None),
    b(&[(KeyCode::Char('u'), CTRL)], Action::ClearInput, None),
    QUIT_ANYWHERE,
];

pub const HELP: &[Binding] = &[
    b(&[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], Action::Down, None),
    b(&[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], Action::Up, None),
    b(&[(KeyCode::Esc, NONE), (KeyCode::Char('?'), SHIFT), (KeyCode::Char('q'), NONE)], Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Search | Mode::Note => INPUT,
        Mode::Help => HELP,
    }
}

fn same(key: &KeyEvent, (code, mods): (KeyCode, KeyModifiers)) -> bool {
    // Terminals differ on whether Shift comes with `G`, `?` or `!`: compare
    // characters without it.
    let strip = |m: KeyModifiers| if matches!(code, KeyCode::Char(_)) { m - SHIFT } else { m };
    key.code == code && strip(key.modifiers) == strip(mods)
}

/// The action a key stands for in `mode`, if any.
pub fn action(mode: Mode, key: &KeyEvent) -> Option<Action> {
    let bound = table(mode).iter().find(|b| b.keys.iter().any(|k| same(key, *k))).map(|b| b.action);
    match (bound, mode, key.code) {
        (Some(a), ..) => Some(a),
        (None, Mode::Search | Mode::Note, KeyCode::Char(c)) if !key.modifiers.contains(CTRL) => Some(Action::Insert(c)),
        _ => None,
    }
}

/// Applies a typing action to an input line; false for any other action.
pub fn edit_line(line: &mut String, action: Action) -> bool {
    match action {
        Action::Insert(c) => line.push(c),
        Action::DeleteBack => _ = line.pop(),
        Action::ClearInput => line.clear(),
        _ => return false,
    }
    true
}

/// A key as help shows it: `j`, `↓`, `Ctrl-o`, `Shift-Tab`.
pub fn key_name((code, mods): (KeyCode, KeyModifiers), ascii: bool) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down if !ascii => "↓".into(),
        KeyCode::Up if !ascii => "↑".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::BackTab => return "Shift-Tab".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) { format!("Ctrl-{name}") } else { name }
}
