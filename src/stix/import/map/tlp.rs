//! The TLP of an imported briefing: the most restrictive marking on its
//! report or on any object in it, brief's own extension included. A bundle
//! never lowers a TLP: a `"tlp": "clear"` in the extension does not outweigh
//! a TLP:RED note inside.

use serde_json::Value as Json;

use super::{Planner, s, strs};
use crate::model::Tlp;
use crate::stix::{TLP2_EXTENSION, tlp_of};

impl Planner<'_> {
    /// Keeps the most restrictive TLP marking an object in briefing `d`
    /// carries, on the whole object or on a part of it.
    pub(super) fn mark(&mut self, d: usize, o: &Json) {
        let whole = strs(o.get("object_marking_refs"));
        let parts = o.get("granular_markings").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
        let parts = parts.iter().filter_map(|g| g.get("marking_ref").and_then(Json::as_str));
        for m in whole.iter().map(String::as_str).chain(parts) {
            if let Some(t) = self.marking_rank(m) {
                self.raise(d, t);
            }
        }
    }

    /// Briefing `d` is at least TLP `t`.
    pub(super) fn raise(&mut self, d: usize, t: Tlp) {
        self.tlp[d] = Some(self.tlp[d].map_or(t, |old| old.max(t)));
    }

    /// The TLP a marking stands for: one of OASIS's, or a TLP marking
    /// definition in the bundle under another id.
    fn marking_rank(&self, marking: &str) -> Option<Tlp> {
        if let Some(t) = tlp_of(marking) {
            return Tlp::parse(t);
        }
        let def = self.b.get(marking).filter(|o| s(o, "type") == "marking-definition")?;
        let tlp2 = def.get("extensions").and_then(|x| x.get(TLP2_EXTENSION)).and_then(|x| x.get("tlp_2_0"));
        let tlp1 = (s(def, "definition_type") == "tlp").then(|| def.get("definition")?.get("tlp")).flatten();
        tlp2.or(tlp1).and_then(Json::as_str).and_then(Tlp::parse)
    }
}
