//! What is drawn over the screen and takes the keys while it is open.

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
}

impl Overlay {
    /// `j`/`k` in help (scrolling) and problems (the cursor), within `count` places.
    pub fn move_in(&mut self, action: Action, count: usize) {
        let (Overlay::Help { scroll: n } | Overlay::Problems { selected: n }) = self else { return };
        match action {
            Action::Down => *n = (*n + 1).min(count.saturating_sub(1)),
            Action::Up => *n = n.saturating_sub(1),
            _ => {}
        }
    }
}
