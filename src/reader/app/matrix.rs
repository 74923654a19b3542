//! What a key does on the ACH matrix screen: move by cell, rate the focused
//! cell with one key (saved at once, undoable), cycle a claim's relevance,
//! sort by diagnosticity, show the team's ratings, open the focused claim;
//! and the matrix found again, by ids, when the folder is reloaded.

use super::{App, Screen};
use crate::ach::team::TeamMatrix;
use crate::ach::{Level, Matrix};
use crate::reader::keys::Action;
use crate::reader::matrix::{MatrixView, Place, Show};

impl App {
    /// The briefing's matrix as my review state rates it now.
    pub fn matrix_of(&self, briefing: crate::model::EntityId) -> Matrix {
        let store = self.review.store();
        Matrix::of(&self.corpus, briefing, |c, h| store.rating(c, h), |c| store.relevance(c))
    }

    /// Under shared review, every analyst's matrix of the briefing (mine
    /// first) and where they disagree; `None` without a team.
    pub fn team_matrix_of(&self, briefing: crate::model::EntityId) -> Option<TeamMatrix> {
        let team = self.team.as_ref()?;
        Some(TeamMatrix::of(&self.corpus, briefing, (&team.me, self.review.store()), &team.others))
    }

    pub(super) fn update_matrix(&mut self, action: Action) {
        let Screen::Matrix(view) = &self.screen else { return };
        let m = self.matrix_of(view.briefing);
        let (claim, hypothesis) = view.focused(&m);
        let claim_id = claim.map(|c| self.corpus.entity(c).id.clone());
        let hypothesis_id = hypothesis.map(|h| self.corpus.entity(h).id.clone());
        let page = self.viewport.page.max(1) as isize;
        let columns = m.hypotheses.len();
        let team = self.team_matrix_of(view.briefing).map(|t| (t.names.len(), t.count()));
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
            Action::TeamRatings => {
                let Some((analysts, disagree)) = team else {
                    return self.status = Some("team review is off: the matrix has your ratings alone".into());
                };
                view.show = view.show.next();
                self.status = Some(match view.show {
                    Show::Mine => "your ratings".into(),
                    Show::Team => format!("{analysts} analysts' ratings side by side; {disagree} cells disagree"),
                    Show::Consensus => format!("the consensus of {analysts} analysts; {disagree} cells disagree"),
                });
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
        view.focused(&self.matrix_of(view.briefing)).0
    }

    /// The matrix's place by ids, before the folder is reloaded.
    pub(super) fn matrix_place(&self, view: &MatrixView) -> Place {
        let m = self.matrix_of(view.briefing);
        let (claim, hypothesis) = view.focused(&m);
        let id = |e: crate::model::EntityId| self.corpus.entity(e).id.clone();
        Place {
            briefing: id(view.briefing),
            claim: claim.map(id),
            hypothesis: hypothesis.map(id),
            col: view.col,
            by_diagnosticity: view.by_diagnosticity,
            show: view.show,
        }
    }

    /// The matrix again in the folder just loaded: the same briefing, claim
    /// and hypothesis by id wherever they moved (the ratings are by id
    /// already); the briefings again when the briefing or its hypotheses are gone.
    pub(super) fn matrix_again(&mut self, place: &Place) {
        let b = self.corpus.get(&place.briefing).filter(|&b| self.corpus.briefing(b).is_some());
        let Some(b) = b.filter(|&b| self.corpus.briefing(b).is_some_and(|body| !body.hypotheses.is_empty())) else {
            self.screen = Screen::Main;
            return self.status = Some("the matrix's briefing or its hypotheses are gone from the folder".into());
        };
        let m = self.matrix_of(b);
        let mut view = MatrixView::new(b, m.rows.len());
        view.show = place.show;
        if place.by_diagnosticity {
            view.sort(true, m.score().by_diagnosticity());
        }
        let id_of = |e: crate::model::EntityId| self.corpus.entity(e).id.as_str();
        let row = place.claim.as_deref().and_then(|c| m.rows.iter().position(|r| id_of(r.claim) == c));
        view.row = row.and_then(|r| view.order.iter().position(|&o| o == r)).unwrap_or(0);
        let col = place.hypothesis.as_deref().and_then(|h| m.hypotheses.iter().position(|&x| id_of(x) == h));
        view.col = col.unwrap_or(place.col.min(m.hypotheses.len().saturating_sub(1)));
        self.screen = Screen::Matrix(view);
    }
}
