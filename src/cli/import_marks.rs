//! `brief import --marks`: the ACH ratings and relevances a bundle carries
//! (an analyst's judgment, not the briefing) into your own review state, in
//! one atomic write, after the briefing files are in place: only for claims
//! and hypotheses the folder has (the import's or its own), never over a
//! judgment of yours that differs unless `--force`. Without `--marks` they
//! are only counted.

use std::fmt::Write as _;
use std::path::Path;

use crate::ach::Level;
use crate::model::{Corpus, Kind};
use crate::state::{Change, ReviewFile};
use crate::stix::import::ratings::Judgments;
use crate::text::sanitize_line;

/// What became of the bundle's judgments.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Taken {
    pub ratings: usize,
    pub relevance: usize,
    /// Yours differ, and were kept (no `--force`).
    pub kept: usize,
    /// For a claim or hypothesis the folder does not have (or a hypothesis
    /// of another briefing than the claim's).
    pub missing: usize,
}

/// The changes that take the judgments into `state`, and what they come to.
pub fn changes(c: &Corpus, state: &ReviewFile, j: &Judgments, force: bool) -> (Vec<Change>, Taken) {
    let mut t = Taken::default();
    let mut out = Vec::new();
    let claim = |id: &str| c.get(id).filter(|&e| c.entity(e).kind() == Kind::Claim);
    for (cl, h, r) in &j.ratings {
        let hyp = c.get(h).filter(|&e| c.entity(e).kind() == Kind::Hypothesis);
        let same_briefing = claim(cl).zip(hyp).is_some_and(|(a, b)| c.entity(a).briefing == c.entity(b).briefing);
        if !same_briefing {
            t.missing += 1;
        } else if state.rating(cl, h).is_some_and(|mine| mine != *r) && !force {
            t.kept += 1;
        } else {
            t.ratings += 1;
            out.push(Change::SetRating(cl.clone(), h.clone(), Some(*r)));
        }
    }
    for (cl, level) in &j.relevance {
        let mine = state.relevance(cl);
        if claim(cl).is_none() {
            t.missing += 1;
        } else if mine != Level::Medium && mine != *level && !force {
            t.kept += 1;
        } else {
            t.relevance += 1;
            out.push(Change::SetRelevance(cl.clone(), *level));
        }
    }
    (out, t)
}

/// Takes the judgments into the review state of `dir` (yours: the private
/// state file, or with shared review your own review file there). The
/// lines for the summary, or why nothing was saved.
pub fn take(dir: &Path, j: &Judgments, force: bool, analyst: Option<&str>) -> Result<String, String> {
    let c =
        crate::load::load(dir).map_err(|e| format!("cannot read {}: {e}", sanitize_line(&dir.to_string_lossy())))?;
    let (mut store, _, notice) = crate::team::open(dir, crate::state::private_path(), analyst);
    if let Some(notice) = notice.filter(|n| !n.starts_with("shared review:")) {
        eprintln!("brief: {}", sanitize_line(&notice));
    }
    let (changes, t) = changes(&c, &store, j, force);
    if !changes.is_empty() {
        store.apply_all(&changes).map_err(|e| e.to_string())?;
    }
    let mut s =
        format!("ACH judgments taken into your review state: {} ratings, {} relevance\n", t.ratings, t.relevance);
    if t.kept > 0 {
        let _ = writeln!(s, "yours differ, so kept (--force takes the bundle's): {}", t.kept);
    }
    if t.missing > 0 {
        let _ = writeln!(s, "not taken, for claims or hypotheses the folder does not have: {}", t.missing);
    }
    Ok(s)
}

/// The summary's line for judgments an import without `--marks` leaves.
pub fn left((ratings, relevance): (usize, usize)) -> Option<String> {
    (ratings + relevance > 0).then(|| {
        format!(
            "not taken (an analyst's ACH judgments; brief import --marks takes them into your review state): \
             {ratings} ratings, {relevance} relevance\n"
        )
    })
}
