//! With `--marks`: the analyst's ACH judgments of a briefing's claims
//! (docs/ACH.md), in its report's extension beside the hypotheses they rate.
//! Never without `--marks`: a rating is an analyst's judgment, not the briefing.

use super::{EntityId, Export, Ext, Json, Kind, json};
use crate::ach::Level;

impl Export<'_> {
    /// `ratings`, one cell per rated claim and hypothesis (claims in file
    /// order, then hypotheses in file order), and `relevance`, one per claim
    /// whose relevance is not medium.
    pub(super) fn judgments(&self, x: &mut Ext, b: EntityId) {
        let (Some(state), Some(body)) = (self.marks, self.c.briefing(b)) else { return };
        let c = self.c;
        let (mut ratings, mut relevance) = (Vec::<Json>::new(), Vec::<Json>::new());
        for &e in body.claims.iter().filter(|&&e| c.entity(e).kind() == Kind::Claim) {
            let claim = &c.entity(e).id;
            for &h in &body.hypotheses {
                let hypothesis = &c.entity(h).id;
                if let Some(r) = state.rating(claim, hypothesis) {
                    ratings.push(json!({"claim": claim, "hypothesis": hypothesis, "rating": r.as_str()}));
                }
            }
            let level = state.relevance(claim);
            if level != Level::Medium {
                relevance.push(json!({"claim": claim, "level": level.as_str()}));
            }
        }
        if !ratings.is_empty() {
            x.0.insert("ratings".into(), Json::Array(ratings));
        }
        if !relevance.is_empty() {
            x.0.insert("relevance".into(), Json::Array(relevance));
        }
    }
}
