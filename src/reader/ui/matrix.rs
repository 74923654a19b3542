//! The ACH matrix screen: claims down (grade, a linchpin's `!`, the text),
//! hypotheses across (`H1`, the leader starred), one cell per rating
//! (`++ + · - --`, `na`; ASCII `.` for `·`), the scores under each
//! hypothesis, and the focused hypothesis and claim in full at the foot.
//! Claims that do not discriminate are dimmed. Scrolls both ways. Under
//! shared review the title counts the cells analysts disagree on, and `t`
//! shows each analyst's cells side by side or their consensus, a cell
//! where they differ marked `≠` (ASCII `#`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panes::{block, fit, offset};
use super::wrap::truncate;
use crate::ach::team::TeamMatrix;
use crate::ach::{Rating, Scores};
use crate::reader::app::App;
use crate::reader::matrix::{MatrixView, Show};
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;

/// Each hypothesis's column, in cells, at least.
const COL: usize = 6;
/// One analyst's cell side by side with the others'.
const SUB: usize = 3;
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

/// The mark of a cell analysts disagree on.
fn differ(ascii: bool) -> &'static str {
    if ascii { "#" } else { "≠" }
}

fn centred(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    let left = (width - w.min(width)) / 2;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(width - w.min(width) - left))
}

/// What the cells show: mine, or the team's side by side or agreed.
struct Cells<'a> {
    show: Show,
    team: Option<&'a TeamMatrix>,
    ascii: bool,
}

impl Cells<'_> {
    fn analysts(&self) -> usize {
        match (self.show, self.team) {
            (Show::Team, Some(t)) => t.names.len(),
            _ => 1,
        }
    }

    /// A hypothesis's column width.
    fn width(&self) -> usize {
        match (self.show, self.team) {
            (Show::Team, Some(_)) => (SUB * self.analysts() + 1).max(COL),
            _ => COL,
        }
    }

    fn disagree(&self, r: usize, h: usize) -> bool {
        self.team.and_then(|t| t.disagree.get(r)?.get(h).copied()).unwrap_or(false)
    }

    /// The cell of row `r`, hypothesis `h`; `mine` is my rating.
    fn text(&self, r: usize, h: usize, mine: Option<Rating>) -> String {
        let rating = |m: &crate::ach::Matrix| m.rows.get(r).and_then(|row| row.ratings.get(h).copied().flatten());
        match (self.show, self.team) {
            (Show::Team, Some(t)) => {
                let subs: String = t.matrices.iter().map(|m| centred(cell(rating(m), self.ascii), SUB)).collect();
                let mark = if self.disagree(r, h) { differ(self.ascii) } else { " " };
                centred(&format!("{subs}{mark}"), self.width())
            }
            (Show::Consensus, Some(_)) if self.disagree(r, h) => centred(differ(self.ascii), COL),
            (Show::Consensus, Some(t)) => centred(cell(t.matrices.iter().find_map(rating), self.ascii), COL),
            _ => centred(cell(mine, self.ascii), COL),
        }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, view: &MatrixView, theme: &Theme, vp: &mut Viewport) {
    let c = app.corpus();
    let m = app.matrix_of(view.briefing);
    let s: Scores = m.score();
    let team = app.team_matrix_of(view.briefing);
    let cells = Cells { show: view.show, team: team.as_ref(), ascii: theme.ascii };
    let sorted = if view.by_diagnosticity { ", by diagnosticity" } else { "" };
    let whose = match (view.show, &team) {
        (_, None) => String::new(),
        (Show::Mine, Some(t)) => format!(", yours; {} disagreements among {} analysts", t.count(), t.names.len()),
        (Show::Team, Some(t)) => {
            format!(", side by side; {} disagreements among {} analysts", t.count(), t.names.len())
        }
        (Show::Consensus, Some(t)) => {
            format!(", consensus; {} disagreements among {} analysts", t.count(), t.names.len())
        }
    };
    let title = format!("ACH matrix: {} claims × {} hypotheses{sorted}{whose}", m.rows.len(), m.hypotheses.len());
    let outer = block(title, true, theme);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let (width, height) = (inner.width as usize, inner.height as usize);
    let col_w = cells.width();
    let fits = (width.saturating_sub(CLAIM_MIN) / col_w).max(1);
    let shown_cols = m.hypotheses.len().min(fits);
    let left = offset(view.col, shown_cols);
    let cols: Vec<usize> = (left..m.hypotheses.len()).take(shown_cols).collect();
    // Wide enough for a claim's words, not so wide the cells drift away from them.
    let claim_w = width.saturating_sub(cols.len() * col_w).clamp(1, CLAIM_MAX);
    let names_line = matches!((view.show, &team), (Show::Team, Some(_)));
    // Header (and the analysts' names), rows, two score lines, then the focused hypothesis, claim, cell and legend.
    let rows = height.saturating_sub(7 + usize::from(names_line) + usize::from(team.is_some())).max(1);
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
        head.push(Span::styled(centred(&format!("H{}{star}", h + 1), col_w), style));
    }
    lines.push(fit(head, width, theme));
    if let (true, Some(t)) = (names_line, &team) {
        let short: String =
            t.names.iter().map(|n| centred(&n.chars().take(SUB - 1).collect::<String>(), SUB)).collect();
        let mut spans = vec![Span::styled(format!("{:>claim_w$}", "analysts "), theme.dim())];
        spans.extend(cols.iter().map(|_| Span::styled(centred(&format!("{short} "), col_w), theme.dim())));
        lines.push(fit(spans, width, theme));
    }
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
            let style = match () {
                () if focused_row && h == view.col => theme.selected(true),
                () if view.show != Show::Mine && cells.disagree(r, h) => theme.warn(),
                () => base,
            };
            spans.push(Span::styled(cells.text(r, h, row.ratings[h]), style));
        }
        lines.push(fit(spans, width, theme));
    }
    while lines.len() < rows + 1 + usize::from(names_line) {
        lines.push(Line::default());
    }
    let score_line = |name: &str, value: &dyn Fn(usize) -> String| {
        let mut spans = vec![Span::styled(format!("{name:>claim_w$}"), theme.dim())];
        spans.extend(cols.iter().map(|&h| Span::raw(centred(&value(h), col_w))));
        fit(spans, width, theme)
    };
    lines.push(score_line("inconsistency ", &|h| s.inconsistency[h].to_string()));
    lines.push(score_line("weighted ", &|h| format!("{:.1}", s.weighted[h])));
    lines.extend(foot(app, view, (&m, &s), team.as_ref(), theme, width));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The focused hypothesis and claim in full, each analyst's rating of the
/// focused cell under shared review, and the legend.
fn foot(
    app: &App,
    view: &MatrixView,
    (m, s): (&crate::ach::Matrix, &Scores),
    team: Option<&TeamMatrix>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let c = app.corpus();
    let ell = theme.sym(Sym::Ellipsis);
    let mut lines = Vec::new();
    let (claim, hyp) = view.focused(m);
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
        if let Some(t) = team {
            let each: Vec<String> = t
                .names
                .iter()
                .zip(&t.matrices)
                .map(|(n, m)| {
                    let r = m.rows.get(r).and_then(|row| row.ratings.get(view.col).copied().flatten());
                    format!("{n} {}", r.map_or("unrated", Rating::as_str))
                })
                .collect();
            let differ = t.disagree.get(r).and_then(|d| d.get(view.col)).copied().unwrap_or(false);
            let said = if differ { " (they disagree)" } else { "" };
            let words = format!("H{} cell: {}{said}", view.col + 1, each.join(", "));
            let style = if differ { theme.warn() } else { theme.dim() };
            lines.push(Line::styled(truncate(&words, width, ell), style));
        }
    }
    let n = if theme.ascii { "." } else { "·" };
    let team_keys =
        if team.is_some() { format!("  {} analysts differ  t: team", differ(theme.ascii)) } else { String::new() };
    let legend = format!("++ CC  + C  {n} N  na NA  - I  -- II  ! linchpin  * leader  dim: not diagnostic{team_keys}");
    lines.push(Line::styled(truncate(&legend, width, ell), theme.dim()));
    lines
}
