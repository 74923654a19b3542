//! An input line as drawn: the text around a visible cursor, the cursor kept in view.

use ratatui::text::Span;

use super::wrap::around_cursor;
use crate::reader::input::InputLine;
use crate::reader::theme::Theme;

/// The line's spans in `room` columns: the cursor is the character under it
/// in reverse video, or a reversed `_` at the end.
pub fn input_spans(line: &InputLine, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let (before, after) = line.split();
    let (before, after) = around_cursor(before, after, room);
    let mut rest = after.chars();
    let under = rest.next().map_or_else(|| "_".to_string(), String::from);
    vec![Span::raw(before), Span::styled(under, theme.selected(true)), Span::raw(rest.collect::<String>())]
}
