//! What a key does on the ACH matrix screen: move by cell, rate the focused
//! cell with one key (saved at once, undoable), cycle a claim's relevance,
//! sort by diagnosticity, open the focused claim.

use super::{App, Screen};
use crate::ach::{Level, Matrix};
use crate::reader::keys::Action;

impl App {
    /// The briefing's matrix as my review state rates it now.
    pub fn matrix_of(&self, briefing: crate::model::EntityId) -> Matrix {
        let store = self.review.store();
        Matrix::of(&self.corpus, briefing, |c, h| store.rating(c, h), |c| store.relevance(c))
    }

    pub(super) fn update_matrix(&mut self, action: Action) {
        let Screen::Matrix(view) = &self.screen else { return };
        let m = self.matrix_of(view.briefing);
        let (claim, hypothesis) = view.focused(&m);
        let claim_id = claim.map(|c| self.corpus.entity(c).id.clone());
        let hypothesis_id = hypothesis.map(|h| self.corpus.entity(h).id.clone());
        let page = self.viewport.page.max(1) as isize;
        let columns = m.hypotheses.len();
        let Screen::Matrix(view) = &mut self.screen else { return };
        match action {
            Action::Down => view.move_rows(1),
            Action::Up => view.move_rows(-1),
            Action::PageDown => view.move_rows(page),
            Action::PageUp => view.move_rows(-page),
            Action::Top => view.move_rows(isize::MIN / 2),
            Action::Bottom => view.move_rows(isize::MAX / 2),
            Action::NextPane => view.move_cols(1, columns),
            Action::PrevPane => view.move_cols(-1, columns),
            Action::SortDiagnostic => {
                let on = !view.by_diagnosticity;
                view.sort(on, m.score().by_diagnosticity());
                let said =
                    if on { "claims by diagnosticity, most discriminating first" } else { "claims in file order" };
                self.status = Some(said.into());
            }
            rate if rate.rating().is_some() => {
                let (Some(c), Some(h), Some(rating)) = (claim_id, hypothesis_id, rate.rating()) else { return };
                self.status = Some(self.review.rate(&c, &h, rating));
            }
            Action::Relevance => {
                let Some(c) = claim_id else { return };
                let next = match self.review.store().relevance(&c) {
                    Level::Low => Level::Medium,
                    Level::Medium => Level::High,
                    Level::High => Level::Low,
                };
                self.status = Some(self.review.set_relevance(&c, next));
            }
            Action::Undo => self.status = Some(self.review.undo()),
            Action::Open => {
                let Some(c) = claim else { return };
                let from = self.screen.clone();
                self.screen = Screen::Main;
                self.jump(c);
                self.came_from = Some((from, self.nav.place(&self.corpus)));
            }
            Action::Help => self.overlay = super::Overlay::Help { scroll: 0 },
            Action::Cancel => self.screen = Screen::Main,
            Action::Quit => self.effects.push(super::Effect::Quit),
            _ => {}
        }
    }

    /// The claim focused in the matrix, for `subject`.
    pub(super) fn matrix_subject(&self) -> Option<crate::model::EntityId> {
        let Screen::Matrix(view) = &self.screen else { return None };
        let b = self.corpus.briefing(view.briefing)?;
        b.claims.get(view.focused_row()?).copied()
    }
}
