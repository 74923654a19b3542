//! What the last frame laid out, handed back by `ui::draw` the way ratatui's
//! `ListState` is: the app pages and clamps by it, and nothing else flows back.

/// Layout feedback from the last frame drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    /// Rows a page moves: the focused pane's height, less one.
    pub page: usize,
    /// The first line of the detail view drawn.
    pub detail_top: usize,
    /// The furthest the detail view can scroll.
    pub detail_max: usize,
    /// The furthest the help overlay can scroll.
    pub help_max: usize,
}

impl Default for Viewport {
    /// Before the first frame: a page of ten rows and no limit to scrolling.
    fn default() -> Viewport {
        Viewport { page: 10, detail_top: 0, detail_max: usize::MAX, help_max: usize::MAX }
    }
}
