//! The key tables, one per view: the main view's is made from the action
//! rows (`action.rs`), the overlays' and other views' are here. The handler,
//! the footer hints and the help overlay all read them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::{ALT, CTRL, NONE, QUIT_ANYWHERE, SHIFT, b, row};
pub use super::action::{Action, Binding, Key, NORMAL};

/// Which table is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Note,
    Filter,
    Views,
    Pairs,
    Timeline,
    Matrix,
    Help,
    Problems,
}

// The other views move as the main view does.
const DOWN: Binding = row::Down;
const UP: Binding = row::Up;
const TOP: Binding = row::Top;
const BOTTOM: Binding = row::Bottom;
const PAGE_DOWN: Binding = row::PageDown;
const PAGE_UP: Binding = row::PageUp;

const CANCEL: Binding = b(&[(KeyCode::Esc, NONE)], Action::Cancel, Some("cancel"));
const DELETE_BACK: Binding = b(&[(KeyCode::Backspace, NONE)], Action::DeleteBack, None);
const DELETE_WORD: Binding = b(&[(KeyCode::Char('w'), CTRL)], Action::DeleteWord, None);
const CLEAR: Binding = b(&[(KeyCode::Char('u'), CTRL)], Action::ClearInput, None);
const LEFT: Binding = b(&[(KeyCode::Left, NONE), (KeyCode::Char('b'), CTRL)], Action::CursorLeft, None);
const RIGHT: Binding = b(&[(KeyCode::Right, NONE), (KeyCode::Char('f'), CTRL)], Action::CursorRight, None);
const HOME: Binding = b(&[(KeyCode::Home, NONE), (KeyCode::Char('a'), CTRL)], Action::CursorHome, None);
const END: Binding = b(&[(KeyCode::End, NONE), (KeyCode::Char('e'), CTRL)], Action::CursorEnd, None);

/// The `/` finder: keys not listed here type text.
pub const SEARCH: &[Binding] = &[
    b(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL)], Action::Down, None).says("the next match"),
    b(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL)], Action::Up, None).says("the previous match"),
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("go")).says("go to the selected match"),
    CANCEL,
    DELETE_BACK,
    DELETE_WORD,
    CLEAR,
    LEFT,
    RIGHT,
    HOME,
    END,
    QUIT_ANYWHERE,
];

/// The `&` filter line: keys not listed here type text.
pub const FILTER: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("apply")).says("apply the filter (an empty one shows everything)"),
    CANCEL.says("close, the filter as it was"),
    DELETE_BACK,
    DELETE_WORD,
    CLEAR,
    LEFT,
    RIGHT,
    HOME,
    END,
    QUIT_ANYWHERE,
];

/// The note editor: keys not listed here type text. A line break is
/// `Alt-Enter` (or `Ctrl-j`, which is what a terminal sends for it).
pub const NOTE: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("save")).says("save the note (an empty note removes it)"),
    b(&[(KeyCode::Enter, ALT), (KeyCode::Char('j'), CTRL)], Action::NewLine, Some("new line")),
    CANCEL.says("close without saving"),
    DELETE_BACK,
    DELETE_WORD,
    CLEAR,
    LEFT,
    RIGHT,
    HOME,
    END,
    QUIT_ANYWHERE,
];

const CLOSE: &[Key] = &[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE)];

pub const HELP: &[Binding] = &[
    DOWN.says("scroll down"),
    UP.says("scroll up"),
    TOP,
    BOTTOM,
    PAGE_DOWN,
    PAGE_UP,
    b(
        &[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE), (KeyCode::Char('?'), SHIFT), (KeyCode::F(1), NONE)],
        Action::Cancel,
        Some("close"),
    ),
    QUIT_ANYWHERE,
];

/// The contradictions view (`C`).
pub const PAIRS: &[Binding] = &[
    DOWN.says("the next pair"),
    UP.says("the previous pair"),
    TOP,
    BOTTOM,
    b(
        &[(KeyCode::Tab, NONE), (KeyCode::BackTab, SHIFT), (KeyCode::Char('h'), NONE), (KeyCode::Char('l'), NONE)],
        Action::NextPane,
        Some("side"),
    )
    .says("the other side of the pair"),
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("open")).says("open the focused claim (Backspace comes back here)"),
    b(&[(KeyCode::Char('x'), NONE)], Action::ToggleReviewed, Some("reviewed"))
        .says("toggle reviewed on the focused side"),
    b(&[(KeyCode::Char('f'), NONE)], Action::ToggleFlagged, None).says("toggle flagged on the focused side"),
    b(&[(KeyCode::Char('a'), NONE)], Action::Note, None).says("a note on the focused side"),
    b(&[(KeyCode::Char('y'), NONE)], Action::Copy, None),
    b(&[(KeyCode::Char('s'), NONE)], Action::ToggleSupports, Some("supports")),
    b(&[(KeyCode::Char('?'), SHIFT), (KeyCode::F(1), NONE)], Action::Help, Some("help")),
    b(&[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE), (KeyCode::Backspace, NONE)], Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

/// The timeline (`T`).
pub const TIMELINE: &[Binding] = &[
    DOWN,
    UP,
    TOP,
    BOTTOM,
    PAGE_DOWN,
    PAGE_UP,
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("open")).says("open the selected row (Backspace comes back here)"),
    b(&[(KeyCode::Char('x'), NONE)], Action::ToggleReviewed, Some("reviewed")),
    b(&[(KeyCode::Char('f'), NONE)], Action::ToggleFlagged, None),
    b(&[(KeyCode::Char('a'), NONE)], Action::Note, None),
    b(&[(KeyCode::Char('y'), NONE)], Action::Copy, None),
    b(&[(KeyCode::Char('?'), SHIFT), (KeyCode::F(1), NONE)], Action::Help, Some("help")),
    b(&[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE), (KeyCode::Backspace, NONE)], Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

/// The ACH matrix (`M`): moves by cell, rates with one key each.
pub const MATRIX: &[Binding] = &[
    DOWN,
    UP,
    TOP,
    BOTTOM,
    PAGE_DOWN,
    PAGE_UP,
    b(&[(KeyCode::Char('l'), NONE), (KeyCode::Right, NONE), (KeyCode::Tab, NONE)], Action::NextPane, None)
        .says("the next hypothesis"),
    b(&[(KeyCode::Char('h'), NONE), (KeyCode::Left, NONE), (KeyCode::BackTab, SHIFT)], Action::PrevPane, None)
        .says("the previous hypothesis"),
    b(&[(KeyCode::Char('C'), SHIFT)], Action::RateCC, Some("rate CC c n a i I")),
    b(&[(KeyCode::Char('c'), NONE)], Action::RateC, None),
    b(&[(KeyCode::Char('n'), NONE)], Action::RateN, None),
    b(&[(KeyCode::Char('a'), NONE)], Action::RateNA, None),
    b(&[(KeyCode::Char('i'), NONE)], Action::RateI, None),
    b(&[(KeyCode::Char('I'), SHIFT)], Action::RateII, None),
    b(&[(KeyCode::Char('-'), NONE), (KeyCode::Delete, NONE)], Action::RateClear, None),
    b(&[(KeyCode::Char('r'), NONE)], Action::Relevance, None),
    b(&[(KeyCode::Char('d'), NONE)], Action::SortDiagnostic, Some("sort")),
    b(&[(KeyCode::Char('t'), NONE)], Action::TeamRatings, Some("team")),
    b(&[(KeyCode::Char('U'), SHIFT)], Action::Undo, None),
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("open")).says("open the focused claim (Backspace comes back here)"),
    b(&[(KeyCode::Char('?'), SHIFT), (KeyCode::F(1), NONE)], Action::Help, Some("help")),
    b(&[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE), (KeyCode::Backspace, NONE)], Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

/// The `v` list of named views.
pub const VIEWS: &[Binding] = &[
    DOWN,
    UP,
    TOP,
    BOTTOM,
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("apply")).says("apply the view as the filter"),
    b(CLOSE, Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

/// The `!` list of problems in the folder.
pub const PROBLEMS: &[Binding] = &[
    DOWN,
    UP,
    TOP,
    BOTTOM,
    PAGE_DOWN,
    PAGE_UP,
    b(&[(KeyCode::Enter, NONE)], Action::Open, Some("go")).says("go to the entity at that place"),
    b(&[(KeyCode::Char('e'), NONE)], Action::Edit, Some("edit")).says("open the file in the editor at that line"),
    b(CLOSE, Action::Cancel, Some("close")),
    QUIT_ANYWHERE,
];

pub fn table(mode: Mode) -> &'static [Binding<'static>] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Search => SEARCH,
        Mode::Note => NOTE,
        Mode::Filter => FILTER,
        Mode::Views => VIEWS,
        Mode::Pairs => PAIRS,
        Mode::Timeline => TIMELINE,
        Mode::Matrix => MATRIX,
        Mode::Help => HELP,
        Mode::Problems => PROBLEMS,
    }
}

/// Whether the key pressed is `bound`.
pub fn same(key: Key, bound: Key) -> bool {
    let ((code, mods), (bound_code, bound_mods)) = (key, bound);
    // Terminals differ on whether Shift comes with `G`, `?` or `!`: compare
    // characters without it.
    let strip = |m: KeyModifiers| if matches!(code, KeyCode::Char(_)) { m - SHIFT } else { m };
    code == bound_code && strip(mods) == strip(bound_mods)
}

/// The action a key stands for in `table` (of `mode`), if any.
pub fn action_in(table: &[Binding], mode: Mode, key: Key) -> Option<Action> {
    let bound = table.iter().find(|b| b.keys.iter().any(|k| same(key, *k))).map(|b| b.action);
    match (bound, mode, key.0) {
        (Some(a), ..) => Some(a),
        (None, Mode::Search | Mode::Note | Mode::Filter, KeyCode::Char(c)) if !key.1.contains(CTRL) => {
            Some(Action::Insert(c))
        }
        _ => None,
    }
}

/// A key as help shows it: `j`, `↓`, `Ctrl-o`, `Shift-Tab`.
pub fn key_name((code, mods): Key, ascii: bool) -> String {
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
        KeyCode::Left if !ascii => "←".into(),
        KeyCode::Right if !ascii => "→".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    match mods {
        m if m.contains(CTRL) => format!("Ctrl-{name}"),
        m if m.contains(ALT) => format!("Alt-{name}"),
        _ => name,
    }
}
