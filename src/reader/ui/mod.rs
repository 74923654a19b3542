//! Drawing: functions of the app state. The only thing that flows back is
//! the layout of the frame, written into the `Viewport` passed in.

mod detail;
mod input;
pub mod marks;
mod matrix;
mod overlay;
mod pairs;
mod panes;
mod picker;
mod search_box;
mod timeline;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Pane};
use super::keys;
use super::theme::Theme;
use super::viewport::Viewport;

/// Below this the reader says so instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the three panes sit side by side.
pub const WIDE: u16 = 140;

pub fn draw(f: &mut Frame, app: &App, theme: &Theme, vp: &mut Viewport) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small ({}x{}); brief needs {MIN_WIDTH}x{MIN_HEIGHT}", area.width, area.height);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [body, footer] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if let Some((done, total)) = app.loading() {
        message(f, body, &format!("Loading briefings… {done}/{total} files"));
    } else if let Some(error) = app.load_error() {
        let dir = crate::text::sanitize_line(&app.corpus().root.to_string_lossy()).into_owned();
        let msg = format!(
            "Cannot read the briefing folder '{dir}': {error}.\n\nCreate it and put *.toml briefing files in it (see docs/FORMAT.md), or start brief with --dir DIR or BRIEF_DIR set.\n\nq quits."
        );
        message(f, body, &msg);
    } else if app.corpus().briefings.is_empty() {
        let dir = crate::text::sanitize_line(&app.corpus().root.to_string_lossy()).into_owned();
        let msg = format!(
            "No briefings in '{dir}'.\n\nPut *.toml briefing files there (see docs/FORMAT.md), or start brief with --dir DIR or BRIEF_DIR set.\n\nq quits."
        );
        message(f, body, &msg);
    } else if let super::app::Screen::Pairs(view) = app.screen() {
        pairs::draw(f, body, app, view, theme);
    } else if let super::app::Screen::Timeline(view) = app.screen() {
        timeline::draw(f, body, app, view, theme, vp);
    } else if let super::app::Screen::Matrix(view) = app.screen() {
        matrix::draw(f, body, app, view, theme, vp);
    } else {
        draw_main(f, body, app, theme, vp);
    }
    draw_footer(f, footer, app, theme);
    overlay::draw(f, area, app, theme, vp);
}

fn message(f: &mut Frame, area: Rect, text: &str) {
    let inner = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 1 });
    f.render_widget(Paragraph::new(text.to_string()).wrap(Wrap { trim: false }), inner);
}

fn draw_main(f: &mut Frame, area: Rect, app: &App, theme: &Theme, vp: &mut Viewport) {
    if app.zoomed() {
        // One pane, the whole screen: no sidebar, no header.
        return match app.focus() {
            Pane::Detail => detail::draw_detail(f, area, app, theme, vp),
            pane => panes::draw_pane(f, area, app, theme, pane, pane_title(app, pane), vp),
        };
    }
    let wide = area.width >= WIDE;
    // Titles use the width there is: a quarter of a wide screen, up to 60 columns.
    let list_width = if wide { (area.width / 4).clamp(34, 60) } else { (area.width / 3).min(30) };
    let list_width = if app.sidebar_hidden() { 0 } else { list_width };
    let [list, main] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(area);
    if list_width > 0 {
        panes::draw_pane(f, list, app, theme, Pane::Briefings, pane_title(app, Pane::Briefings), vp);
    }

    let header_width = main.width.saturating_sub(2) as usize;
    // A filter in force, or a briefing shown as it last parsed, says so on a line of its own.
    let stale = app.shown_briefing().is_some_and(|(e, _)| app.corpus().stale(e.file).is_some());
    let max_header = if wide { 8 } else { 4 } + usize::from(app.filter().is_some()) + usize::from(stale);
    let mut header = detail::header_lines(app, theme, header_width, wide);
    if header.len() > max_header {
        header.truncate(max_header);
        // Say that there is more (the detail view of the briefing shows it all).
        if let Some(last) = header.last_mut() {
            last.spans.push(Span::styled(theme.sym(super::theme::Sym::Ellipsis), theme.dim()));
        }
    }
    let header_height = header.len() as u16;
    let panes_height = if wide { (main.height.saturating_sub(header_height)) * 2 / 5 } else { main.height / 2 - 1 };
    let [head, panes_area, detail_area] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Length(panes_height), Constraint::Min(3)])
            .areas(main);
    let head = head.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
    f.render_widget(Paragraph::new(header), head);
    if wide {
        // A pane that lists nothing keeps room for its title; the rest share what is left.
        let empty: Vec<bool> = Pane::ENTITY.iter().map(|p| app.rows(*p).is_empty()).collect();
        let all_empty = empty.iter().all(|e| *e);
        let widths = Pane::ENTITY.iter().zip(&empty).map(|(p, &empty)| {
            if empty && !all_empty {
                Constraint::Length((pane_title(app, *p).width() as u16 + 6).max(16))
            } else {
                Constraint::Fill(1)
            }
        });
        let cols = Layout::horizontal(widths).split(panes_area);
        for (pane, col) in Pane::ENTITY.into_iter().zip(cols.iter()) {
            panes::draw_pane(f, *col, app, theme, pane, pane_title(app, pane), vp);
        }
    } else {
        let [tabs, pane_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(panes_area);
        let titles: Vec<String> = Pane::ENTITY.iter().map(|p| pane_title(app, *p)).collect();
        let selected = Pane::ENTITY.iter().position(|p| *p == app.nav().entity_pane()).unwrap_or(0);
        let tab_bar = Tabs::new(titles).select(selected).highlight_style(theme.selected(true)).divider("|");
        f.render_widget(tab_bar, tabs);
        panes::draw_pane(
            f,
            pane_area,
            app,
            theme,
            app.nav().entity_pane(),
            pane_title(app, app.nav().entity_pane()),
            vp,
        );
    }
    detail::draw_detail(f, detail_area, app, theme, vp);
}

/// `Claims 12`; under a filter, how many of them it keeps: `Claims 3/12`.
fn pane_title(app: &App, pane: Pane) -> String {
    let shown = app.rows(pane).len();
    let c = app.corpus();
    let all = match (pane, app.shown().and_then(|b| c.briefing(b))) {
        (Pane::Briefings, _) => c.briefings.len(),
        (Pane::Actors, Some(b)) => b.actors.len(),
        (Pane::Claims, Some(b)) => b.claims.len(),
        (Pane::Precedents, Some(b)) => b.precedents.len(),
        _ => shown,
    };
    match (pane, app.filter()) {
        (_, Some(_)) => format!("{} {shown}/{all}", pane.title()),
        (Pane::Briefings, None) => pane.title().to_string(),
        (_, None) => format!("{} {shown}", pane.title()),
    }
}

/// Hints from the key table, the status line, and the problem count.
fn draw_footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    f.render_widget(Clear, area);
    let problems = app.corpus().files_with_problems();
    let right = if problems > 0 {
        let s = if problems == 1 { "" } else { "s" };
        Span::styled(format!(" {problems} file{s} with problems: ! "), theme.error())
    } else {
        Span::raw("")
    };
    let right_width = right.width() as u16;
    let mut spans: Vec<Span> = Vec::new();
    if let Some(status) = app.status() {
        spans.push(Span::styled(format!(" {status} "), theme.warn()));
    } else {
        // Whole hints only, as many as fit beside the problem count; `? help`
        // always, the way to every other key.
        let hint = |b: &keys::Binding| {
            b.hint.map(|h| (format!(" {}", keys::key_name(b.keys[0], theme.ascii)), format!(" {h} "), b.action))
        };
        let all: Vec<_> = app.keymap().table(app.mode()).iter().filter_map(hint).collect();
        let width = |(k, h, _): &(String, String, keys::Action)| Span::raw(k).width() + Span::raw(h).width();
        let help = all.iter().find(|h| h.2 == keys::Action::Help);
        let mut room = (area.width.saturating_sub(right_width) as usize).saturating_sub(help.map_or(0, width));
        let mut shown: Vec<&(String, String, keys::Action)> = Vec::new();
        for h in all.iter().filter(|h| h.2 != keys::Action::Help) {
            if width(h) > room {
                break;
            }
            room -= width(h);
            shown.push(h);
        }
        shown.extend(help);
        for (key, words, _) in shown {
            spans.push(Span::styled(key.clone(), theme.title()));
            spans.push(Span::raw(words.clone()));
        }
    }
    let [left_area, right_area] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(spans)), left_area);
    f.render_widget(Paragraph::new(right), right_area);
}
