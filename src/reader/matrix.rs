//! The ACH matrix screen's state (`M`): one briefing's claims down and its
//! hypotheses across, the focused cell, the claims' order (as in the file,
//! or most discriminating first) and, under shared review, whose ratings
//! show (yours, the team's side by side, or their consensus). Scores come
//! from `crate::ach`; drawing is `ui::matrix`.

use crate::ach::Matrix;
use crate::model::EntityId;

/// Whose ratings the matrix shows (`t` turns to the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// Yours alone.
    #[default]
    Mine,
    /// Each analyst's ratings side by side, yours first.
    Team,
    /// One cell per hypothesis: the rating all who rated it gave, or a mark where they differ.
    Consensus,
}

impl Show {
    /// The next view: yours, the team's side by side, the consensus, yours again.
    #[must_use]
    pub fn next(self) -> Show {
        match self {
            Show::Mine => Show::Team,
            Show::Team => Show::Consensus,
            Show::Consensus => Show::Mine,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixView {
    pub briefing: EntityId,
    /// The focused claim, as a position in `order`.
    pub row: usize,
    /// The focused hypothesis, as a column of the matrix.
    pub col: usize,
    /// Most discriminating claims first, rather than file order.
    pub by_diagnosticity: bool,
    /// Rows of the matrix, in the order shown.
    pub order: Vec<usize>,
    /// Whose ratings show.
    pub show: Show,
}

impl MatrixView {
    pub fn new(briefing: EntityId, rows: usize) -> MatrixView {
        MatrixView { briefing, row: 0, col: 0, by_diagnosticity: false, order: (0..rows).collect(), show: Show::Mine }
    }

    /// The focused row of the matrix, if it has any.
    pub fn focused_row(&self) -> Option<usize> {
        self.order.get(self.row).copied()
    }

    /// The focused claim and hypothesis.
    pub fn focused(&self, m: &Matrix) -> (Option<EntityId>, Option<EntityId>) {
        (self.focused_row().and_then(|r| m.rows.get(r)).map(|r| r.claim), m.hypotheses.get(self.col).copied())
    }

    pub fn move_rows(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(delta).min(last);
    }

    pub fn move_cols(&mut self, delta: isize, columns: usize) {
        self.col = self.col.saturating_add_signed(delta).min(columns.saturating_sub(1));
    }

    /// Orders the claims by how much they discriminate, or back to file
    /// order, keeping the focus on the same claim.
    pub fn sort(&mut self, by_diagnosticity: bool, ranked: Vec<usize>) {
        let focused = self.focused_row();
        self.by_diagnosticity = by_diagnosticity;
        self.order = if by_diagnosticity { ranked } else { (0..self.order.len()).collect() };
        self.row = focused.and_then(|f| self.order.iter().position(|&r| r == f)).unwrap_or(0);
    }
}

/// Where a matrix is, by id: what a reload finds again in the new folder,
/// whatever moved in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub briefing: String,
    pub claim: Option<String>,
    pub hypothesis: Option<String>,
    /// The focused column, for when its hypothesis is gone.
    pub col: usize,
    pub by_diagnosticity: bool,
    pub show: Show,
}
