//! Everything a person can ask the reader to do, one row each: the action,
//! the name the config file's `[keys]` gives it, what help says it does, its
//! keys in the main view and its footer hint. The enum, the config names,
//! help and the main view's key table are all made from these rows, so a new
//! action is one row here and its arm in `app::update`.

use crossterm::event::{KeyCode, KeyModifiers};

/// A key as bindings hold it.
pub type Key = (KeyCode, KeyModifiers);

/// Keys bound to an action in one table; `'k` is `'static` but for the main
/// view's keys as the config file remaps them.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'k> {
    pub keys: &'k [Key],
    pub action: Action,
    /// Shown in the footer as well as in help.
    pub hint: Option<&'static str>,
    /// What help says, where it is not the action's own words.
    pub says: Option<&'static str>,
}

impl Binding<'_> {
    /// What help says the keys do.
    pub fn describe(&self) -> &'static str {
        self.says.unwrap_or(self.action.describe())
    }
}

impl Binding<'static> {
    #[must_use]
    pub const fn says(self, words: &'static str) -> Binding<'static> {
        Binding { says: Some(words), ..self }
    }
}

pub const NONE: KeyModifiers = KeyModifiers::NONE;
pub const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
pub const ALT: KeyModifiers = KeyModifiers::ALT;

/// A character key; an upper-case one or a symbol typed with Shift.
const fn c(ch: char) -> Key {
    (KeyCode::Char(ch), if ch.is_ascii_uppercase() || matches!(ch, '&' | '!' | '?') { SHIFT } else { NONE })
}

const fn ctrl(ch: char) -> Key {
    (KeyCode::Char(ch), CTRL)
}

const fn k(code: KeyCode) -> Key {
    (code, NONE)
}

pub const fn b(keys: &'static [Key], action: Action, hint: Option<&'static str>) -> Binding<'static> {
    Binding { keys, action, hint, says: None }
}

/// `Ctrl-c` quits from anywhere, whatever `[keys]` says.
pub const QUIT_ANYWHERE: Binding = b(&[ctrl('c')], Action::Quit, None);

macro_rules! hint {
    () => {
        None
    };
    ($hint:literal) => {
        Some($hint)
    };
}

macro_rules! actions {
    (
        $( $(#[$doc:meta])* $action:ident: $name:literal, $describe:literal, [$($key:expr),*] $($hint:literal)?; )*
        @typed $( $(#[$tdoc:meta])* $typed:ident($payload:ty): $tdescribe:literal; )*
    ) => {
        /// Everything a person can ask the reader to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action {
            $( $(#[$doc])* $action, )*
            $( $(#[$tdoc])* $typed($payload), )*
        }

        impl Action {
            /// What help says it does.
            pub fn describe(self) -> &'static str {
                match self {
                    $( Action::$action => $describe, )*
                    $( Action::$typed(_) => $tdescribe, )*
                }
            }

            /// What the config file's `[keys]` calls it; empty for one of
            /// the overlays alone, which keep their keys.
            pub fn name(self) -> &'static str {
                match self {
                    $( Action::$action => $name, )*
                    $( Action::$typed(_) => "", )*
                }
            }

            /// Every action of the main view's own, in its table's order.
            pub const ALL: &[Action] = &[$( Action::$action ),*];
        }

        /// Each action's row as the binding of its keys in the main view,
        /// for the other views' tables to take the same keys from.
        #[allow(non_upper_case_globals)]
        pub mod row {
            use super::*;
            $( pub const $action: Binding<'static> = b(&[$($key),*], Action::$action, hint!($($hint)?)); )*
        }

        /// The main view's keys, in the rows' order (help and the footer
        /// read it); an action of the overlays alone has none here.
        pub const NORMAL: &[Binding] = &[ $( row::$action, )* QUIT_ANYWHERE ];
    };
}

actions! {
    Down: "down", "move the selection down", [c('j'), k(KeyCode::Down)];
    Up: "up", "move the selection up", [c('k'), k(KeyCode::Up)];
    Top: "top", "go to the top", [c('g'), k(KeyCode::Home)];
    Bottom: "bottom", "go to the bottom", [c('G'), k(KeyCode::End)];
    /// As in less: `Space` `Ctrl-f` forward, `b` `Ctrl-b` back; `Ctrl-d` `Ctrl-u` as in vi.
    PageDown: "page-down", "page down", [k(KeyCode::PageDown), c(' '), ctrl('f'), ctrl('d')];
    PageUp: "page-up", "page up", [k(KeyCode::PageUp), c('b'), ctrl('b'), ctrl('u')];
    NextPane: "next-pane", "next pane", [k(KeyCode::Tab), c('l')] "pane";
    PrevPane: "prev-pane", "previous pane", [(KeyCode::BackTab, SHIFT), c('h')];
    /// Focus a pane by its number.
    Pane1: "pane-1", "the briefing list", [c('1')];
    Pane2: "pane-2", "the Actors pane", [c('2')];
    Pane3: "pane-3", "the Claims pane", [c('3')];
    Pane4: "pane-4", "the Precedents pane", [c('4')];
    Open: "open", "open the selection; on a link, follow it", [k(KeyCode::Enter)] "open";
    /// Give the focused pane or the detail view the whole screen, and back.
    Zoom: "zoom", "zoom: the focused pane or the detail fills the screen (again or Esc: back)", [c('z')] "zoom";
    /// Hide the briefing list, or show it again.
    Sidebar: "sidebar", "hide the briefing list, or show it again", [c('s')];
    Back: "back", "back to where you were before the last jump", [k(KeyCode::Backspace), ctrl('o'), c('[')] "back";
    Forward: "forward", "forward again after going back", [c(']')];
    Search: "search", "search everything", [c('/')] "search";
    /// Show only what a query matches in the list and the panes (`&`, as in less).
    Filter: "filter", "filter the list and panes by a query (is:unreviewed, tag:russia…); empty: all again", [c('&')];
    /// Pick a named filter (the config file's `[views]`).
    Views: "views", "pick a named filter, with its count (the config file's [views])", [c('v')];
    /// Every contradicting pair of claims, side by side.
    Contradictions: "contradictions", "every pair of contradicting claims, side by side", [c('C')];
    /// Precedents, dated claims, sources and briefings on one time axis.
    Timeline: "timeline", "the timeline: precedents, dated claims, sources and briefings on one axis", [c('T')];
    /// The open briefing's ACH matrix: claims against hypotheses.
    Matrix: "matrix", "the open briefing's ACH matrix: its claims rated against its hypotheses", [c('M')];
    /// The next / previous match of the last `/` search.
    NextMatch: "next-match", "the next match of the last search", [c('n')];
    PrevMatch: "prev-match", "the previous match of the last search", [c('N')];
    ToggleReviewed: "reviewed", "toggle reviewed", [c('x')] "reviewed";
    ToggleFlagged: "flagged", "toggle flagged", [c('f')];
    Note: "note", "write or edit a note", [c('a')];
    NextUnreviewed: "next-unreviewed", "next entity not yet reviewed", [c('u')];
    Undo: "undo", "undo the last mark or note change", [c('U')];
    Copy: "copy", "copy a citation to the clipboard", [c('y')];
    /// Copy the command line that opens the reader here: `brief ID`.
    CopyCommand: "copy-command", "copy the command that opens brief here (brief ID), for a colleague", [c('Y')];
    CopyId: "copy-id", "copy the selection's id, to link it from a briefing ([[id]])", [c('I')];
    Edit: "edit", "open the file in $VISUAL / $EDITOR (else vi)", [c('e')];
    Problems: "problems", "show the problems found in the folder", [c('!')];
    Help: "help", "this help", [c('?'), k(KeyCode::F(1))] "help";
    Cancel: "cancel", "close the overlay, or leave the zoom", [k(KeyCode::Esc)];
    Quit: "quit", "quit", [c('q')] "quit";
    Suspend: "suspend", "suspend to the shell (fg comes back)", [ctrl('z')];
    /// In the contradictions view: show `supports` pairs too, or not.
    ToggleSupports: "", "show supporting pairs too, or not", [];
    /// In the matrix: rate the focused cell, or clear it.
    RateCC: "", "rate the cell CC, very consistent (++)", [];
    RateC: "", "rate the cell C, consistent (+)", [];
    RateN: "", "rate the cell N, neutral (·)", [];
    RateNA: "", "rate the cell NA, not applicable (na)", [];
    RateI: "", "rate the cell I, inconsistent (-)", [];
    RateII: "", "rate the cell II, very inconsistent (--)", [];
    RateClear: "", "clear the cell's rating", [];
    /// In the matrix: the focused claim's relevance, low → medium → high.
    Relevance: "", "the claim's relevance: low, medium, high in turn", [];
    /// In the matrix, under shared review: each analyst's ratings side by side, their consensus, or yours.
    TeamRatings: "", "with team review: every analyst's ratings side by side, their consensus, yours alone, in turn", [];
    /// In the matrix: most discriminating claims first, or file order.
    SortDiagnostic: "", "sort claims by diagnosticity (most discriminating first), or back", [];
    /// A line break in a note.
    NewLine: "", "a line break in the note", [];
    DeleteBack: "", "delete the character before the cursor", [];
    DeleteWord: "", "delete the word before the cursor", [];
    ClearInput: "", "delete to the start of the line", [];
    CursorLeft: "", "cursor left", [];
    CursorRight: "", "cursor right", [];
    CursorHome: "", "cursor to the start", [];
    CursorEnd: "", "cursor to the end", [];
    @typed
    /// Text typed into an overlay's input line.
    Insert(char): "type";
}

impl Action {
    /// The action's by the name `[keys]` gives it.
    pub fn named(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| !a.name().is_empty() && a.name() == name)
    }

    /// The rating a rating action gives the focused cell (`Some(None)` clears it).
    pub fn rating(self) -> Option<Option<crate::ach::Rating>> {
        use crate::ach::Rating;
        Some(match self {
            Action::RateCC => Some(Rating::CC),
            Action::RateC => Some(Rating::C),
            Action::RateN => Some(Rating::N),
            Action::RateNA => Some(Rating::NA),
            Action::RateI => Some(Rating::I),
            Action::RateII => Some(Rating::II),
            Action::RateClear => None,
            _ => return None,
        })
    }

    /// Which pane (1 to 4) a pane action focuses.
    pub fn pane(self) -> Option<usize> {
        [Action::Pane1, Action::Pane2, Action::Pane3, Action::Pane4].iter().position(|a| *a == self).map(|i| i + 1)
    }
}
