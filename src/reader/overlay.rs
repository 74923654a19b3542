//! What is drawn over the screen and takes the keys while it is open.

use super::filtered::FilterEditor;
use super::finder::Finder;
use super::keys::Action;
use super::review::NoteEditor;

#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Search(Finder),
    Help {
        scroll: usize,
    },
    Problems {
        selected: usize,
    },
    Note(NoteEditor),
    Filter(FilterEditor),
    /// The named views, each with what it gives now.
    Views {
        selected: usize,
        counts: Vec<Result<String, String>>,
    },
}

impl Overlay {
    /// Moving in help (scrolling) and problems (the cursor), within `count`
    /// places, `page` at a time.
    pub fn move_in(&mut self, action: Action, count: usize, page: usize) {
        let (Overlay::Help { scroll: n } | Overlay::Problems { selected: n } | Overlay::Views { selected: n, .. }) =
            self
        else {
            return;
        };
        let last = count.saturating_sub(1);
        *n = match action {
            Action::Down => n.saturating_add(1),
            Action::Up => n.saturating_sub(1),
            Action::PageDown => n.saturating_add(page),
            Action::PageUp => n.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => *n,
        }
        .min(last);
    }
}
