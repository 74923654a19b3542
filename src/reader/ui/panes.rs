//! The briefing list and the Actors / Claims / Precedents panes.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::marks::review_marks;
use super::wrap::truncate;
use crate::model::{Body, EntityId};
use crate::reader::app::{App, Pane};
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;
use crate::reviewable::progress;

/// The first row to draw so that `selected` is visible in `height` rows.
pub fn offset(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height.max(1))
}

pub fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = theme.border(focused);
    let title =
        if focused { Span::styled(format!(" {title} "), theme.title()) } else { Span::raw(format!(" {title} ")) };
    Block::bordered().border_set(theme.border_set()).border_style(style).title(title)
}

/// The marks beside a row: review state first, then what kind of row it is.
fn marks(app: &App, theme: &Theme, id: EntityId) -> String {
    let c = &app.corpus();
    let e = c.entity(id);
    let mut m = String::new();
    m.push_str(&review_marks(app, id, theme));
    // Teammates' marks as counts: `+2✓` reviewed by two others, `+1⟳` reviewed
    // by one and changed since, `+1⚑` flagged by one.
    if let Some(team) = app.team() {
        let others = team.marks(c, id);
        for (n, sym) in [
            (others.iter().filter(|t| t.reviewed()).count(), Sym::Reviewed),
            (others.iter().filter(|t| !t.changed.is_empty()).count(), Sym::Changed),
            (others.iter().filter(|t| t.mark.flagged).count(), Sym::Flagged),
        ] {
            if n > 0 {
                let _ = write!(m, "+{n}{}", theme.sym(sym));
            }
        }
    }
    match e.kind() {
        crate::Kind::Claim if !c.contradictions(id).is_empty() => m.push_str(theme.sym(Sym::Contradicted)),
        crate::Kind::Actor | crate::Kind::Precedent if app.shown().is_some_and(|o| e.briefing != o) => {
            m.push_str(theme.sym(Sym::Elsewhere));
        }
        _ => {}
    }
    if e.links.iter().any(|l| l.to().is_none()) {
        m.push_str(theme.sym(Sym::Broken));
    }
    if e.kind() == crate::Kind::Briefing && c.stale(e.file).is_some() {
        m.push_str(theme.sym(Sym::Stale));
    }
    m
}

/// One row: marks, a short lead (date or grade), the label.
/// The marks are padded to `marks_width` columns, the widest of the pane, so
/// the grades and dates after them stand in one column.
fn row(app: &App, theme: &Theme, id: EntityId, width: usize, marks_width: usize) -> Vec<Span<'static>> {
    let c = &app.corpus();
    let e = c.entity(id);
    let lead = match e.body() {
        Body::Briefing(b) => {
            let (done, total) = progress(c, app.store(), id);
            // A narrow list keeps room for the title; the header shows the date.
            match &b.date {
                Some(d) if width >= 32 => format!("{} {done}/{total}", d.text()),
                _ => format!("{done}/{total}"),
            }
        }
        Body::Claim(_) => c.grade(id),
        Body::Precedent(p) => p.date.as_ref().map_or(String::new(), |d| d.text().to_string()),
        _ => String::new(),
    };
    let mut spans = vec![];
    let marks = marks(app, theme, id);
    if marks_width > 0 {
        let pad = marks_width.saturating_sub(marks.width());
        let style = if marks.contains(theme.sym(Sym::Changed)) { theme.changed() } else { theme.warn() };
        spans.push(Span::styled(format!("{marks}{} ", " ".repeat(pad)), style));
    }
    if !lead.is_empty() {
        let style = if e.kind() == crate::Kind::Claim { theme.grade() } else { theme.dim() };
        spans.push(Span::styled(format!("{lead} "), style));
    }
    // A briefing with sharing limits says so in the list; TLP:CLEAR has none.
    if let Body::Briefing(b) = e.body()
        && let Some(tlp) = b.tlp
        && tlp != crate::model::Tlp::Clear
    {
        spans.push(Span::styled(format!("{} ", tlp.as_str().to_uppercase()), theme.tlp(tlp)));
    }
    spans.push(Span::raw(c.plain(e.label())));
    if let Body::Actor(crate::model::Actor { kind: Some(kind), .. }) = e.body() {
        spans.push(Span::styled(format!(" {}", kind.as_str()), theme.dim()));
    }
    if e.kind() == crate::Kind::Claim {
        let by = c.claimants(id);
        if !by.is_empty() {
            spans.push(Span::styled(format!(" {} {}", theme.sym(Sym::Dot), by.join(", ")), theme.dim()));
        }
    }
    spans
}

/// Draws one pane's rows with the selection kept in view.
pub fn draw_pane(f: &mut Frame, area: Rect, app: &App, theme: &Theme, pane: Pane, title: String, vp: &mut Viewport) {
    let focused = app.focus() == pane;
    let block = block(title, focused, theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = app.rows(pane);
    let height = inner.height as usize;
    let width = inner.width as usize;
    let selected = app.selection(pane);
    if focused {
        vp.page = height.saturating_sub(1).max(1);
    }
    if rows.is_empty() {
        let empty = if pane == Pane::Briefings { "no briefings" } else { "none" };
        f.render_widget(Paragraph::new(Span::styled(empty, theme.dim())), inner);
        return;
    }
    let marks_width = rows.iter().map(|&id| marks(app, theme, id).width()).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset(selected, height))
        .take(height)
        .map(|(i, &id)| {
            let is_sel = i == selected;
            let open = pane == Pane::Briefings && app.previewing() && app.open() == Some(id);
            let cursor = match (is_sel, open) {
                (true, _) => theme.sym(Sym::Cursor),
                (false, true) => theme.sym(Sym::Open),
                _ => " ",
            };
            let mut spans = vec![Span::raw(format!("{cursor} "))];
            spans.extend(row(app, theme, id, width, marks_width));
            let mut line = fit(spans, width, theme);
            if is_sel {
                line = line.style(theme.selected(focused));
            }
            line
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// Keeps a row's spans within `width`, cutting the one that overflows.
pub fn fit(spans: Vec<Span<'static>>, width: usize, theme: &Theme) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    if spans.iter().map(|s| s.content.width()).sum::<usize>() <= width {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.content.width();
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            out.push(Span::styled(truncate(&s.content, width - used, theme.sym(Sym::Ellipsis)), s.style));
            break;
        }
    }
    Line::from(out)
}

/// A box centred in `area`, at most `w` x `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
