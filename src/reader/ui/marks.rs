//! Review marks as they are drawn: symbols beside rows, lines in the detail view.

use ratatui::text::{Line, Span};

use super::wrap::wrap;
use crate::model::{Corpus, EntityId, Kind};
use crate::reader::theme::{Sym, Theme};
use crate::state::ReviewFile;

/// Symbols for an entity's review marks, e.g. `✓⚑`; `•` on an unread briefing.
pub fn review_marks(app: &crate::reader::app::App, id: EntityId, theme: &Theme) -> String {
    let (c, store) = (app.corpus(), app.store());
    let e = c.entity(id);
    let m = store.marks(&e.id);
    let mut out = String::new();
    if e.kind() == Kind::Briefing && !store.is_read(&e.id) {
        out.push_str(theme.sym(Sym::Unread));
    } else if e.kind() == Kind::Briefing && app.updated_since_read(id) {
        out.push_str(theme.sym(Sym::Updated));
    }
    // Changed since reviewed is not reviewed: its own mark.
    let changed = m.reviewed && !crate::fingerprint::since_reviewed(c, store, id).is_empty();
    let reviewed = if changed { Sym::Changed } else { Sym::Reviewed };
    for (on, sym) in [(m.reviewed, reviewed), (m.flagged, Sym::Flagged), (m.note.is_some(), Sym::Note)] {
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
    let since = crate::fingerprint::since_reviewed(c, store, id);
    let mut lines = Vec::new();
    if !since.is_empty() {
        let said =
            format!("{} changed since reviewed: {} (x reviews it again)", theme.sym(Sym::Changed), since.join(", "));
        lines.extend(wrap(&[Span::styled(said, theme.changed())], width));
    } else if m.reviewed {
        words.push(format!("{} reviewed", theme.sym(Sym::Reviewed)));
    }
    if m.flagged {
        words.push(format!("{} flagged", theme.sym(Sym::Flagged)));
    }
    if !words.is_empty() {
        lines.push(Line::styled(words.join("  "), theme.warn()));
    }
    if let Some(note) = &m.note {
        let spans = [Span::styled(format!("{} note ", theme.sym(Sym::Note)), theme.warn()), Span::raw(note.clone())];
        lines.extend(wrap(&spans, width));
    }
    lines
}

/// Under shared review, each other analyst's marks and note on `id`, with
/// when they last changed them; a review of theirs changed since shows as
/// changed, with the fields, as one of yours does.
pub fn team_lines(
    c: &Corpus,
    team: &crate::team::Team,
    id: EntityId,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for t in team.marks(c, id) {
        let mut words = vec![format!("{}:", t.name)];
        if !t.changed.is_empty() {
            words.push(format!("{} changed since reviewed: {}", theme.sym(Sym::Changed), t.changed.join(", ")));
        } else if t.mark.reviewed {
            words.push(format!("{} reviewed", theme.sym(Sym::Reviewed)));
        }
        if t.mark.flagged {
            words.push(format!("{} flagged", theme.sym(Sym::Flagged)));
        }
        if let Some(at) = t.file.updated(&c.entity(id).id) {
            words.push(format!("({})", at.get(..10).unwrap_or(&at)));
        }
        let style = if t.changed.is_empty() { theme.dim() } else { theme.changed() };
        lines.extend(wrap(&[Span::styled(words.join(" "), style)], width));
        if let Some(note) = &t.mark.note {
            let spans = [Span::styled(format!("  {} ", theme.sym(Sym::Note)), theme.dim()), Span::raw(note.clone())];
            lines.extend(wrap(&spans, width));
        }
    }
    lines
}
