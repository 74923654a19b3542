//! ACH judgments in a bundle brief wrote with `--marks` (a report's
//! `ratings` and `relevance`, docs/INTERCHANGE.md): an analyst's, not the
//! briefing's, so they are read only for `brief import --marks`, and
//! otherwise only counted.

use serde_json::Value as Json;

use super::bundle::{Bundle, Problem, problem, s};
use crate::ach::{Level, Rating};
use crate::stix::EXTENSION;

/// The ratings and relevances of every report, in bundle order.
#[derive(Debug, Default, PartialEq)]
pub struct Judgments {
    /// (claim, hypothesis, rating).
    pub ratings: Vec<(String, String, Rating)>,
    /// (claim, relevance).
    pub relevance: Vec<(String, Level)>,
}

/// Each report brief wrote (the version read), with its index and extension's list under `key`.
fn lists<'b>(b: &'b Bundle, key: &'b str) -> impl Iterator<Item = (usize, &'b [Json])> + 'b {
    b.objects.iter().enumerate().filter(|&(i, o)| s(o, "type") == "report" && b.current(i)).filter_map(move |(i, o)| {
        let list = o.get("extensions")?.get(EXTENSION)?.get(key)?.as_array()?;
        Some((i, list.as_slice()))
    })
}

/// How many ratings and relevances the bundle holds, unread.
pub fn count(b: &Bundle) -> (usize, usize) {
    let n = |key| lists(b, key).map(|(_, l)| l.len()).sum();
    (n("ratings"), n("relevance"))
}

/// Every judgment, checked: a claim or hypothesis that is no brief id, a
/// rating or level brief does not know, refuses the import with its place.
pub fn read(b: &Bundle) -> Result<Judgments, Problem> {
    let mut out = Judgments::default();
    for (i, list) in lists(b, "ratings") {
        for (k, v) in list.iter().enumerate() {
            let cell =
                (id(v, "claim"), id(v, "hypothesis"), v.get("rating").and_then(Json::as_str).and_then(Rating::parse));
            let (Some(claim), Some(hypothesis), Some(rating)) = cell else {
                return Err(problem(
                    format!("$.objects[{i}].extensions.ratings[{k}]"),
                    "a rating is {\"claim\": ID, \"hypothesis\": ID, \"rating\": CC, C, N, NA, I or II}",
                ));
            };
            out.ratings.push((claim.to_string(), hypothesis.to_string(), rating));
        }
    }
    for (i, list) in lists(b, "relevance") {
        for (k, v) in list.iter().enumerate() {
            let (Some(claim), Some(level)) =
                (id(v, "claim"), v.get("level").and_then(Json::as_str).and_then(Level::parse))
            else {
                return Err(problem(
                    format!("$.objects[{i}].extensions.relevance[{k}]"),
                    "a relevance is {\"claim\": ID, \"level\": low, medium or high}",
                ));
            };
            out.relevance.push((claim.to_string(), level));
        }
    }
    Ok(out)
}

/// A brief id under `key`, when it is one.
fn id<'v>(v: &'v Json, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Json::as_str).filter(|id| crate::load::valid_id(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bundle(x: &Json) -> Bundle {
        super::super::bundle::parse(json!({"type": "bundle", "objects": [
            {"type": "report", "id": "report--1", "spec_version": "2.1", "extensions": {EXTENSION: x}}]}))
        .expect("a bundle")
    }

    #[test]
    fn judgments_are_read_and_counted_and_a_bad_one_is_named() {
        let b = bundle(&json!({"ratings": [{"claim": "e1", "hypothesis": "h-a", "rating": "ii"}],
            "relevance": [{"claim": "e1", "level": "high"}, {"claim": "e2", "level": "low"}]}));
        assert_eq!(count(&b), (1, 2));
        let j = read(&b).expect("read");
        assert_eq!(j.ratings, [("e1".to_string(), "h-a".to_string(), Rating::II)]);
        assert_eq!(j.relevance, [("e1".to_string(), Level::High), ("e2".to_string(), Level::Low)]);
        let bad = bundle(&json!({"ratings": [{"claim": "../e1", "hypothesis": "h-a", "rating": "C"}]}));
        assert!(read(&bad).unwrap_err().to_string().starts_with("$.objects[0].extensions.ratings[0]: a rating is"));
        let bad = bundle(&json!({"relevance": [{"claim": "e1", "level": "vital"}]}));
        assert!(read(&bad).unwrap_err().to_string().starts_with("$.objects[0].extensions.relevance[0]: "));
        assert_eq!(count(&bundle(&json!({}))), (0, 0));
    }
}
