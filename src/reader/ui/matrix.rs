//! The ACH matrix screen: claims down (grade, a linchpin's `!`, the text),
//! hypotheses across (`H1`, the leader starred), one cell per rating
//! (`++ + · - --`, `na`; ASCII `.` for `·`), the scores under each
//! hypothesis, and the focused hypothesis and claim in full at the foot.
//! Claims that do not discriminate are dimmed. Scrolls both ways.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panes::{block, fit, offset};
use super::wrap::truncate;
use crate::ach::{Rating, Scores};
use crate::reader::app::App;
use crate::reader::matrix::MatrixView;
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;

/// Each hypothesis's column, in cells.
const COL: usize = 6;
/// The claims' column is at least this wide, and at most.
const CLAIM_MIN: usize = 22;
const CLAIM_MAX: usize = 72;

/// A rating as its cell shows it.
pub fn cell(r: Option<Rating>, ascii: bool) -> &'static str {
    match r {
        None => "",
        Some(Rating::CC) => "++",
        Some(Rating::C) => "+",
        Some(Rating::N) if ascii => ".",
        Some(Rating::N) => "·",
        Some(Rating::NA) => "na",
        Some(Rating::I) => "-",
        Some(Rating::II) => "--",
    }
}

fn centred(text: &str) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    let left = (COL - w.min(COL)) / 2;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(COL - w.min(COL) - left))
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, view: &MatrixView, theme: &Theme, vp: &mut Viewport) {
    let c = app.corpus();
    let m = app.matrix_of(view.briefing);
    let s: Scores = m.score();
    let sorted = if view.by_diagnosticity { ", by diagnosticity" } else { "" };
    let title = format!("ACH matrix: {} claims × {} hypotheses{sorted}", m.rows.len(), m.hypotheses.len());
    let outer = block(title, true, theme);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let (width, height) = (inner.width as usize, inner.height as usize);
    let fits = (width.saturating_sub(CLAIM_MIN) / COL).max(1);
    let shown_cols = m.hypotheses.len().min(fits);
    let left = offset(view.col, shown_cols);
    let cols: Vec<usize> = (left..m.hypotheses.len()).take(shown_cols).collect();
    // Wide enough for a claim's words, not so wide the cells drift away from them.
    let claim_w = width.saturating_sub(cols.len() * COL).clamp(1, CLAIM_MAX);
    // Header, rows, two score lines, then the focused hypothesis and claim and the legend.
    let rows = height.saturating_sub(7).max(1);
    vp.page = rows.saturating_sub(1).max(1);
    let ell = theme.sym(Sym::Ellipsis);
    let mut lines = Vec::new();
    let more_left = if left > 0 { "< " } else { "" };
    let more_right = if left + cols.len() < m.hypotheses.len() { " >" } else { "" };
    let mut head =
        vec![Span::styled(format!("{:claim_w$}", format!("{more_left}grade claim{more_right}")), theme.dim())];
    for &h in &cols {
        let star = if s.leader == Some(h) { "*" } else { "" };
        let style = if h == view.col { theme.title() } else { Style::default() };
        head.push(Span::styled(centred(&format!("H{}{star}", h + 1)), style));
    }
    lines.push(fit(head, width, theme));
    let top = offset(view.row, rows);
    for (pos, &r) in view.order.iter().enumerate().skip(top).take(rows) {
        let row = &m.rows[r];
        let mark = if s.linchpin[r] { "!" } else { " " };
        let text = c.plain(c.entity(row.claim).label());
        let label = format!("{} {mark} {}", c.grade(row.claim), truncate(&text, claim_w.saturating_sub(6), ell));
        let dim = !s.diagnostic[r];
        let base = if dim { theme.dim() } else { Style::default() };
        let focused_row = pos == view.row;
        let label_style = if focused_row { theme.title() } else { base };
        let mut spans = vec![Span::styled(format!("{label:claim_w$}"), label_style)];
        for &h in &cols {
            let text = centred(cell(row.ratings[h], theme.ascii));
            let style = if focused_row && h == view.col { theme.selected(true) } else { base };
            spans.push(Span::styled(text, style));
        }
        lines.push(fit(spans, width, theme));
    }
    while lines.len() < rows + 1 {
        lines.push(Line::default());
    }
    let score_line = |name: &str, value: &dyn Fn(usize) -> String| {
        let mut spans = vec![Span::styled(format!("{name:>claim_w$}"), theme.dim())];
        spans.extend(cols.iter().map(|&h| Span::raw(centred(&value(h)))));
        fit(spans, width, theme)
    };
    lines.push(score_line("inconsistency ", &|h| s.inconsistency[h].to_string()));
    lines.push(score_line("weighted ", &|h| format!("{:.1}", s.weighted[h])));
    let (claim, hyp) = view.focused(&m);
    if let Some(h) = hyp {
        let rank = s.order.iter().position(|&x| x == view.col).map_or(0, |p| p + 1);
        let lead = if s.leader == Some(view.col) { ", the leader" } else { "" };
        let words = format!("H{} (#{rank}{lead}): {}", view.col + 1, c.plain(c.entity(h).label()));
        lines.push(Line::styled(truncate(&words, width, ell), theme.title()));
    }
    if let (Some(cl), Some(r)) = (claim, view.focused_row()) {
        let row = &m.rows[r];
        let mut notes = vec![format!("relevance {}", row.relevance.as_str())];
        if s.linchpin[r] {
            notes.push("linchpin: check it first".into());
        }
        if !s.diagnostic[r] {
            notes.push("not diagnostic".into());
        }
        let words = format!("{} [{}]: {}", c.entity(cl).id, notes.join(", "), c.plain(c.entity(cl).label()));
        lines.push(Line::raw(truncate(&words, width, ell)));
    }
    let n = if theme.ascii { "." } else { "·" };
    let legend = format!("++ CC  + C  {n} N  na NA  - I  -- II  ! linchpin  * leader  dim: not diagnostic");
    lines.push(Line::styled(truncate(&legend, width, ell), theme.dim()));
    f.render_widget(Paragraph::new(lines), inner);
}
