//! The contradictions view: each pair of claims whole (text wrapped, never
//! cut), side by side from 100 columns, one above the other below that,
//! under a heading for what they are about. The selected pair comes first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::marks::{review_lines, review_marks};
use super::panes::block;
use super::wrap::wrap;
use crate::model::{Body, Corpus, EntityId, LinkField};
use crate::reader::app::App;
use crate::reader::pairs::{PairsView, Relation};
use crate::reader::theme::{Sym, Theme};

/// From this width the two sides of a pair sit side by side.
pub const SIDE_BY_SIDE: u16 = 100;

/// One side: id and marks, the claim's text, grade, claimants, date,
/// sources and briefing, then its marks and note.
fn side_lines(app: &App, id: EntityId, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let c: &Corpus = app.corpus();
    let e = c.entity(id);
    let marks = review_marks(app, id, theme);
    let mut lines =
        vec![Line::from(vec![Span::styled(format!("{} ", e.id), theme.title()), Span::styled(marks, theme.warn())])];
    lines.extend(wrap(&[Span::raw(c.plain(e.label()))], width));
    let by = c.claimants(id);
    let by = if by.is_empty() { "unattributed".to_string() } else { by.join(", ") };
    let date = match e.body() {
        Body::Claim(claim) => claim.date.as_ref().map(|d| format!(" {} {}", theme.sym(Sym::Dot), d.text())),
        _ => None,
    };
    let meta = format!("{} {} {by}{}", c.grade(id), theme.sym(Sym::Dot), date.unwrap_or_default());
    lines.extend(wrap(&[Span::styled(meta, theme.grade())], width));
    for s in e.links_in(LinkField::Sources).filter_map(crate::model::Link::to) {
        lines.extend(wrap(&[Span::styled(format!("source: {}", c.plain(c.entity(s).label())), theme.dim())], width));
    }
    lines.push(Line::styled(format!("in {}", c.entity(e.briefing).id), theme.dim()));
    lines.extend(review_lines(c, app.store(), id, theme, width));
    lines
}

/// `lines` in a box `height` rows high: when they do not fit, the last row
/// says how many more there are and how to read them.
fn cut<'a>(mut lines: Vec<Line<'a>>, height: u16, theme: &Theme) -> Vec<Line<'a>> {
    let room = usize::from(height.saturating_sub(2));
    if lines.len() > room && room > 0 {
        let more = lines.len() - (room - 1);
        lines.truncate(room - 1);
        let said = format!(
            "{} {more} more line{}: Enter opens it",
            theme.sym(Sym::Ellipsis),
            if more == 1 { "" } else { "s" }
        );
        lines.push(Line::styled(said, theme.warn()));
    }
    lines
}

/// Draws the view; what does not fit below the selected pair waits for `j`.
pub fn draw(f: &mut Frame, area: Rect, app: &App, view: &PairsView, theme: &Theme) {
    let c = app.corpus();
    let supports = if view.with_supports { " and supports" } else { "" };
    let title = format!("Contradictions{supports}: {} pairs", view.pairs.len());
    let outer = block(title, true, theme);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let wide = area.width >= SIDE_BY_SIDE;
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut last_about = None;
    for (i, pair) in view.pairs.iter().enumerate().skip(view.selected) {
        // A pair after the selected one shows only with room for a box
        // under its heading: no heading stands alone at the bottom.
        if y >= bottom || (i > view.selected && bottom - y < 4) {
            break;
        }
        if i == view.selected || pair.about != last_about {
            let about = pair.about.map_or("(about nothing stated)".to_string(), |a| c.plain(c.entity(a).label()));
            let heading = Line::styled(format!("About {about}"), theme.title());
            f.render_widget(Paragraph::new(heading), Rect { y, height: 1, ..inner });
            y += 1;
            last_about = pair.about;
        }
        let word = match pair.relation {
            Relation::Contradicts => format!("{} contradicts", theme.sym(Sym::Contradicted)),
            Relation::Supports => "supports".to_string(),
        };
        let sides = if wide { 2 } else { 1 };
        let width = (inner.width / sides).saturating_sub(2) as usize;
        let drawn: Vec<Vec<Line>> = pair.sides.iter().map(|&s| side_lines(app, s, theme, width)).collect();
        let focused = |side: usize| i == view.selected && view.side == side;
        let label = |side: usize| format!("{} {} of {}: {word}", ["A", "B"][side], i + 1, view.pairs.len());
        if wide {
            let height = (drawn.iter().map(Vec::len).max().unwrap_or(0) as u16 + 2).min(bottom - y);
            let row = Rect { y, height, ..inner };
            let cols = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(row);
            for (side, lines) in drawn.into_iter().enumerate() {
                let b = block(label(side), focused(side), theme);
                f.render_widget(Paragraph::new(cut(lines, height, theme)).block(b), cols[side]);
            }
            y += height;
        } else {
            // One above the other: when both do not fit, each keeps at least
            // half the room (B is never pushed off by a long A).
            let need: Vec<u16> = drawn.iter().map(|l| l.len() as u16 + 2).collect();
            let room = bottom - y;
            let b = need[1].min(room / 2);
            let a = need[0].min(room - b);
            let heights = [a, need[1].min(room - a)];
            for ((side, lines), height) in drawn.into_iter().enumerate().zip(heights) {
                if height < 3 {
                    break;
                }
                let b = block(label(side), focused(side), theme);
                f.render_widget(Paragraph::new(cut(lines, height, theme)).block(b), Rect { y, height, ..inner });
                y += height;
            }
        }
    }
}
