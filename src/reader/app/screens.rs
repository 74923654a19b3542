//! The views that fill the screen in place of the briefings: what each
//! holds, and what a key does there. An entity opened from a view is a jump
//! like any other, and `Back` from it returns to the view.

use super::{App, Effect, Overlay};
use crate::model::EntityId;
use crate::reader::keys::{Action, Mode};
use crate::reader::matrix::MatrixView;
use crate::reader::pairs::PairsView;
use crate::reader::timeline::TimelineView;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Main,
    /// Every contradicting pair of claims, side by side.
    Pairs(PairsView),
    /// What is dated, on one time axis.
    Timeline(TimelineView),
    /// A briefing's ACH matrix.
    Matrix(MatrixView),
}

impl Screen {
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Main => Mode::Normal,
            Screen::Pairs(_) => Mode::Pairs,
            Screen::Timeline(_) => Mode::Timeline,
            Screen::Matrix(_) => Mode::Matrix,
        }
    }

    /// The entity the view has focused (the matrix answers in `App::subject`).
    pub fn focused(&self) -> Option<EntityId> {
        match self {
            Screen::Main | Screen::Matrix(_) => None,
            Screen::Pairs(v) => v.focused(),
            Screen::Timeline(v) => v.focused(),
        }
    }
}

impl App {
    /// Whether the filter in force keeps `e` (everything, with none).
    fn kept(&self, e: EntityId) -> bool {
        self.nav.filter().is_none_or(|f| f.keeps.get(e).copied().unwrap_or(false))
    }

    /// `C`: the contradictions view over what the filter keeps.
    pub(super) fn open_pairs(&mut self) {
        let view = PairsView::new(&self.corpus, false, |e| self.kept(e));
        if view.pairs.is_empty() {
            let among = if self.nav.filter().is_some() { " among the filter's matches" } else { "" };
            return self.status = Some(format!("no claims contradict each other{among}"));
        }
        self.screen = Screen::Pairs(view);
    }

    /// `T`: the timeline over what the filter keeps.
    pub(super) fn open_timeline(&mut self) {
        let view = TimelineView::new(&self.corpus, |e| self.kept(e));
        if view.items.is_empty() {
            return self.status = Some("nothing dated to show".into());
        }
        self.screen = Screen::Timeline(view);
    }

    /// `M`: the matrix of the briefing shown.
    pub(super) fn open_matrix(&mut self) {
        let Some(b) = self.shown() else { return self.status = Some("open a briefing first".into()) };
        if self.corpus.briefing(b).is_none_or(|body| body.hypotheses.is_empty()) {
            return self.status = Some("this briefing has no hypotheses: add [[hypotheses]] (docs/ACH.md)".into());
        }
        self.screen = Screen::Matrix(MatrixView::new(b, self.matrix_of(b).rows.len()));
    }

    /// `Back` on the place a view opened: the view again.
    pub(super) fn back_to_view(&mut self) -> bool {
        let here = self.nav.place(&self.corpus);
        match self.came_from.take() {
            Some((screen, opened)) if opened == here => {
                self.screen = screen;
                true
            }
            _ => false,
        }
    }

    pub(super) fn update_screen(&mut self, action: Action) {
        let page = self.viewport.page as isize;
        if matches!(self.screen, Screen::Matrix(_)) {
            return self.update_matrix(action);
        }
        if let Screen::Timeline(view) = &mut self.screen {
            match action {
                Action::Down => view.move_by(1),
                Action::Up => view.move_by(-1),
                Action::PageDown => view.move_by(page),
                Action::PageUp => view.move_by(-page),
                Action::Top => view.move_by(isize::MIN / 2),
                Action::Bottom => view.move_by(isize::MAX / 2),
                _ => self.view_action(action),
            }
            return;
        }
        let Screen::Pairs(view) = &mut self.screen else { return };
        match action {
            Action::Down => view.move_by(1),
            Action::Up => view.move_by(-1),
            Action::Top => view.move_by(isize::MIN / 2),
            Action::Bottom => view.move_by(isize::MAX / 2),
            Action::NextPane => view.side = 1 - view.side,
            Action::ToggleSupports => {
                let with = !view.with_supports;
                let view = view.clone();
                let next = view.rebuilt(&self.corpus, with, |e| self.kept(e));
                let said = if with { "supporting pairs shown too" } else { "contradictions only" };
                self.screen = Screen::Pairs(next);
                self.status = Some(said.into());
            }
            _ => self.view_action(action),
        }
    }

    /// What every view does alike: open, review, copy, help, close.
    fn view_action(&mut self, action: Action) {
        match action {
            Action::Open => {
                let Some(entity) = self.screen.focused() else { return };
                let from = self.screen.clone();
                self.screen = Screen::Main;
                self.jump(entity);
                self.came_from = Some((from, self.nav.place(&self.corpus)));
            }
            Action::ToggleReviewed | Action::ToggleFlagged | Action::Note => self.update_review(action),
            Action::Copy => self.copy(),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Cancel => self.screen = super::Screen::Main,
            Action::Quit => self.effects.push(Effect::Quit),
            _ => {}
        }
    }
}
