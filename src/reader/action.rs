//! Everything a person can ask the reader to do, and how help says it.

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
    /// Copy the command line that opens the reader here: `brief ID`.
    CopyCommand,
    Edit,
    /// Give the focused pane or the detail view the whole screen, and back.
    Zoom,
    /// Hide the briefing list, or show it again.
    Sidebar,
    /// Show only what a query matches in the list and the panes (`&`, as in less).
    Filter,
    /// Pick a named filter (the config file's `[views]`).
    Views,
    /// Every contradicting pair of claims, side by side.
    Contradictions,
    /// Precedents, dated claims, sources and briefings on one time axis.
    Timeline,
    /// The open briefing's ACH matrix: claims against hypotheses.
    Matrix,
    /// In the matrix: rate the focused cell (`None` clears it).
    Rate(Option<crate::ach::Rating>),
    /// In the matrix: the focused claim's relevance, low → medium → high.
    Relevance,
    /// In the matrix: most discriminating claims first, or file order.
    SortDiagnostic,
    /// In the contradictions view: show `supports` pairs too, or not.
    ToggleSupports,
    /// Focus a pane by its number: 1 briefings, 2 actors, 3 claims, 4 precedents.
    FocusPane(u8),
    Undo,
    /// The next / previous match of the last `/` search.
    NextMatch,
    PrevMatch,
    /// Text typed into an overlay's input line.
    Insert(char),
    /// A line break in a note.
    NewLine,
    DeleteBack,
    DeleteWord,
    ClearInput,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
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
            Action::Filter => "filter the list and panes by a query (is:unreviewed, tag:russia…); empty: all again",
            Action::Views => "pick a named filter, with its count (the config file's [views])",
            Action::Contradictions => "every pair of contradicting claims, side by side",
            Action::ToggleSupports => "show supporting pairs too, or not",
            Action::Matrix => "the open briefing's ACH matrix: its claims rated against its hypotheses",
            Action::Rate(Some(crate::ach::Rating::CC)) => "rate the cell CC, very consistent (++)",
            Action::Rate(Some(crate::ach::Rating::C)) => "rate the cell C, consistent (+)",
            Action::Rate(Some(crate::ach::Rating::N)) => "rate the cell N, neutral (·)",
            Action::Rate(Some(crate::ach::Rating::NA)) => "rate the cell NA, not applicable (na)",
            Action::Rate(Some(crate::ach::Rating::I)) => "rate the cell I, inconsistent (-)",
            Action::Rate(Some(crate::ach::Rating::II)) => "rate the cell II, very inconsistent (--)",
            Action::Rate(None) => "clear the cell's rating",
            Action::Relevance => "the claim's relevance: low, medium, high in turn",
            Action::SortDiagnostic => "sort claims by diagnosticity (most discriminating first), or back",
            Action::Timeline => "the timeline: precedents, dated claims, sources and briefings on one axis",
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
            Action::CopyCommand => "copy the command that opens brief here (brief ID), for a colleague",
            Action::Edit => "open the file in $VISUAL / $EDITOR (else vi)",
            Action::Zoom => "zoom: the focused pane or the detail fills the screen (again or Esc: back)",
            Action::Sidebar => "hide the briefing list, or show it again",
            Action::FocusPane(1) => "the briefing list",
            Action::FocusPane(2) => "the Actors pane",
            Action::FocusPane(3) => "the Claims pane",
            Action::FocusPane(_) => "the Precedents pane",
            Action::Undo => "undo the last mark or note change",
            Action::NextMatch => "the next match of the last search",
            Action::PrevMatch => "the previous match of the last search",
            Action::Insert(_) => "type",
            Action::NewLine => "a line break in the note",
            Action::DeleteBack => "delete the character before the cursor",
            Action::DeleteWord => "delete the word before the cursor",
            Action::ClearInput => "delete to the start of the line",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorHome => "cursor to the start",
            Action::CursorEnd => "cursor to the end",
        }
    }
}
