//! Review in the reader: marks beside rows, the note in the detail view.

use ratatui::text::Line;

use super::app::App;
use super::theme::Theme;
use crate::model::EntityId;

impl App {
    /// Symbols for an entity's review marks, e.g. `✓⚑`.
    pub fn review_marks(&self, _id: EntityId, _theme: &Theme) -> String {
        String::new()
    }

    /// The marks and note, as detail-view lines.
    pub fn review_lines(&self, _id: EntityId, _theme: &Theme, _width: usize) -> Vec<Line<'static>> {
        Vec::new()
    }

    /// Bracketed paste: text for the input line, if one is open.
    pub fn paste(&mut self, _text: &str) {}
}
