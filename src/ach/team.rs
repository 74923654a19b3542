//! A team's matrices side by side: the same claims and hypotheses, each
//! analyst's ratings, and the cells where those who rated them disagree.

use super::{Matrix, Rating};
use crate::model::Corpus;
use crate::state::ReviewFile;

/// Each analyst's matrix of one briefing: mine first, then the others by name.
#[derive(Debug, Clone, Default)]
pub struct TeamMatrix {
    pub names: Vec<String>,
    pub matrices: Vec<Matrix>,
    /// Per claim, per hypothesis: two analysts rated it, differently.
    pub disagree: Vec<Vec<bool>>,
}

impl TeamMatrix {
    /// The briefing's matrix from my review file and each of the team's.
    pub fn of(c: &Corpus, briefing: usize, me: (&str, &ReviewFile), others: &[(String, ReviewFile)]) -> TeamMatrix {
        let files = std::iter::once((me.0, me.1)).chain(others.iter().map(|(n, f)| (n.as_str(), f)));
        let (mut names, mut matrices) = (Vec::new(), Vec::new());
        for (name, file) in files {
            names.push(name.to_string());
            matrices.push(Matrix::of(c, briefing, |cl, h| file.rating(cl, h), |cl| file.relevance(cl)));
        }
        let disagree = disagreements(&matrices);
        TeamMatrix { names, matrices, disagree }
    }

    /// How many cells analysts disagree on.
    pub fn count(&self) -> usize {
        self.disagree.iter().flatten().filter(|d| **d).count()
    }
}

/// Per cell: rated by two analysts or more, not all alike.
pub fn disagreements(matrices: &[Matrix]) -> Vec<Vec<bool>> {
    let Some(first) = matrices.first() else { return Vec::new() };
    (0..first.rows.len())
        .map(|r| {
            (0..first.hypotheses.len())
                .map(|h| {
                    let mut rated = matrices.iter().filter_map(|m| m.rows.get(r)?.ratings.get(h).copied().flatten());
                    let one: Option<Rating> = rated.next();
                    one.is_some_and(|one| rated.any(|other| other != one))
                })
                .collect()
        })
        .collect()
}
