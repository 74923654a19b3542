//! Every terminal size, however silly, draws without a panic: in-process on
//! `TestBackend`, with the real briefings and after a few key actions.

use std::sync::Arc;

use brief::reader::app::App;
use brief::reader::keys::Action;
use brief::reader::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw_at(app: &mut App, theme: &Theme, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let mut laid_out = app.viewport();
    terminal.draw(|f| brief::reader::ui::draw(f, app, theme, &mut laid_out)).expect("draw");
    app.laid_out(laid_out);
    terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect()
}

/// Sizes up to 30x10, around the too-small threshold, and a spread up to 200x60.
fn sizes() -> Vec<(u16, u16)> {
    let mut all: Vec<(u16, u16)> = (1..=30).flat_map(|w| (1..=10).map(move |h| (w, h))).collect();
    all.extend((36..=46).flat_map(|w| (8..=13).map(move |h| (w, h))));
    all.extend((40..=200).step_by(23).flat_map(|w| (10..=60).step_by(7).map(move |h| (w, h))));
    all
}

#[test]
fn drawing_at_every_size_never_panics() {
    let dir = super::common::briefings();
    let corpus = brief::load::load(&dir).expect("the repo's briefings load");
    let mut app = App::new(Arc::new(corpus));
    let steps: [&[Action]; 5] = [
        &[],
        &[Action::NextPane, Action::NextPane, Action::Down, Action::Open],
        &[Action::Open, Action::PageDown, Action::PageDown],
        &[Action::Help, Action::Down],
        &[Action::Cancel, Action::Problems],
    ];
    for (round, actions) in steps.iter().enumerate() {
        for a in *actions {
            app.update(*a);
        }
        for theme in [Theme::new(true, false), Theme::new(false, true)] {
            for (w, h) in sizes() {
                let screen = draw_at(&mut app, &theme, w, h);
                // Too small: the reader says so, starting at the top-left cell.
                if w < 40 || h < 10 {
                    assert!(screen.starts_with('t'), "round {round} at {w}x{h}: {screen:?}");
                } else if round == 0 {
                    // Usable: the list's corner at the top left, the footer's hints on the last row.
                    let last = screen.lines().last().unwrap_or_default();
                    assert!(screen.starts_with(['╭', '+']), "round {round} at {w}x{h}: {screen:?}");
                    assert!(last.contains("pane") || last.contains("Tab"), "footer at {w}x{h}: {last:?}");
                }
            }
        }
    }
}
