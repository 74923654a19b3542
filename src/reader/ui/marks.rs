//! Review marks as they are drawn: symbols beside rows, lines in the detail view.

use ratatui::text::{Line, Span};

use super::wrap::wrap;
use crate::model::{Corpus, EntityId, Kind};
use crate::reader::theme::{Sym, Theme};
use crate::state::ReviewFile;

/// Symbols for an entity's review marks, e.g. `✓⚑`; `•` on an unread briefing.
pub fn review_marks(c: &Corpus, store: &ReviewFile, id: EntityId, theme: &Theme) -> String {
    let e = c.entity(id);
    let m = store.marks(&e.id);
    let mut out = String::new();
    if e.kind() == Kind::Briefing && !store.is_read(&e.id) {
        out.push_str(theme.sym(Sym::Unread));
    }
    for (on, sym) in [(m.reviewed, Sym::Reviewed), (m.flagged, Sym::Flagged), (m.note.is_some(), Sym::Note)] {
        if on {
            out.push_str(theme.sym(sym));
        }
    }
    out
}

/// The marks and note, as detail-view lines.
pub fn review_lines(c: &Corpus, store: &ReviewFile, id: EntityId, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let m = store.marks(&c.entity(id).id);
    let mut words = Vec::new();
    if m.reviewed {
        words.push(format!("{} reviewed", theme.sym(Sym::Reviewed)));
    }
    if m.flagged {
        words.push(format!("{} flagged", theme.sym(Sym::Flagged)));
    }
    let mut lines = Vec::new();
    if !words.is_empty() {
        lines.push(Line::styled(words.join("  "), theme.warn()));
    }
    if let Some(note) = &m.note {
        let spans = [Span::styled(format!("{} note ", theme.sym(Sym::Note)), theme.warn()), Span::raw(note.clone())];
        lines.extend(wrap(&spans, width));
    }
    lines
}
