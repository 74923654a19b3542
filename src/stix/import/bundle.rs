//! Reading a STIX 2.1 bundle: JSON, then the shape brief relies on, every
//! problem named by its JSON path.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde_json::Value as Json;

/// A bundle larger than this is refused before it is read: a folder of
/// briefings made from it could not be read anyway (4 MiB a file).
pub const LIMIT: u64 = 256 << 20;

/// What is wrong, and where: `$.objects[3].object_refs[1]: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

pub fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { path: path.into(), message: message.into() }
}

/// A bundle that passed every check here.
pub struct Bundle {
    pub id: String,
    pub objects: Vec<Json>,
    pub index: HashMap<String, usize>,
}

impl Bundle {
    pub fn get(&self, id: &str) -> Option<&Json> {
        self.index.get(id).map(|&i| &self.objects[i])
    }
}

/// Cyber-observable types: STIX 2.1 lets them leave out `spec_version`.
const OBSERVABLES: [&str; 18] = [
    "artifact",
    "autonomous-system",
    "directory",
    "domain-name",
    "email-addr",
    "email-message",
    "file",
    "ipv4-addr",
    "ipv6-addr",
    "mac-addr",
    "mutex",
    "network-traffic",
    "process",
    "software",
    "url",
    "user-account",
    "windows-registry-key",
    "x509-certificate",
];

pub fn read(path: &Path) -> Result<Bundle, Problem> {
    let cannot = |e: std::io::Error| problem("", format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(LIMIT + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > LIMIT {
        return Err(problem("", format!("the bundle is over the limit of {} MiB; split it", LIMIT >> 20)));
    }
    // serde_json's message ends "at line L column C".
    let json: Json = serde_json::from_slice(&bytes).map_err(|e| problem("", format!("not JSON: {e}")))?;
    parse(json)
}

pub fn parse(json: Json) -> Result<Bundle, Problem> {
    let Json::Object(mut top) = json else { return Err(problem("$", "not a STIX bundle: expected a JSON object")) };
    match top.get("type").and_then(Json::as_str) {
        Some("bundle") => {}
        Some(other) => {
            return Err(problem("$.type", format!("not a STIX bundle: the type is '{other}', not 'bundle'")));
        }
        None => return Err(problem("$.type", "not a STIX bundle: no type")),
    }
    if let Some(v) = top.get("spec_version") {
        return Err(problem(
            "$.spec_version",
            format!("a STIX 2.0 bundle (spec_version {v}); brief reads STIX 2.1, whose bundles have none"),
        ));
    }
    let id = top.get("id").and_then(Json::as_str).unwrap_or("bundle").to_string();
    let objects = match top.remove("objects") {
        None => Vec::new(),
        Some(Json::Array(objects)) => objects,
        Some(_) => return Err(problem("$.objects", "expected an array of objects")),
    };
    let mut index = HashMap::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        let at = format!("$.objects[{i}]");
        let kind = o.get("type").and_then(Json::as_str).ok_or_else(|| problem(&at, "an object with no type"))?;
        let id = o.get("id").and_then(Json::as_str).ok_or_else(|| problem(&at, format!("a {kind} with no id")))?;
        if !id.starts_with(&format!("{kind}--")) {
            return Err(problem(format!("{at}.id"), format!("'{id}' is not an id of a {kind} ({kind}--UUID)")));
        }
        match o.get("spec_version").and_then(Json::as_str) {
            Some("2.1") => {}
            None if OBSERVABLES.contains(&kind) => {}
            Some(v) => return Err(problem(format!("{at}.spec_version"), format!("STIX {v}; brief reads STIX 2.1"))),
            None => return Err(problem(&at, "no spec_version: a STIX 2.0 object; brief reads STIX 2.1")),
        }
        index.entry(id.to_string()).or_insert(i);
    }
    let bundle = Bundle { id, objects, index };
    dangling(&bundle)?;
    Ok(bundle)
}

/// Every `…_ref` and `…_refs` names an object in the bundle (the TLP
/// markings excepted: every tool knows them).
fn dangling(b: &Bundle) -> Result<(), Problem> {
    for (i, o) in b.objects.iter().enumerate() {
        let Some(map) = o.as_object() else { continue };
        for (key, v) in map {
            let refs: Vec<(String, &str)> = if key.ends_with("_refs") {
                let items = v.as_array().map(Vec::as_slice).unwrap_or_default();
                items.iter().enumerate().filter_map(|(j, r)| Some((format!("{key}[{j}]"), r.as_str()?))).collect()
            } else if key.ends_with("_ref") {
                v.as_str().map(|r| vec![(key.clone(), r)]).unwrap_or_default()
            } else {
                continue;
            };
            for (at, r) in refs {
                if !b.index.contains_key(r) && super::super::tlp_of(r).is_none() {
                    return Err(problem(format!("$.objects[{i}].{at}"), format!("'{r}' is not in the bundle")));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(j: Json) -> String {
        parse(j).err().expect("a problem").to_string()
    }

    #[test]
    fn each_problem_names_its_place() {
        assert!(err(json!([1])).starts_with("$: not a STIX bundle"));
        assert!(err(json!({"type": "indicator"})).contains("$.type: not a STIX bundle: the type is 'indicator'"));
        assert!(err(json!({"type": "bundle", "spec_version": "2.0"})).starts_with("$.spec_version: a STIX 2.0 bundle"));
        let old = json!({"type": "bundle", "objects": [{"type": "identity", "id": "identity--1"}]});
        assert!(err(old).starts_with("$.objects[0]: no spec_version"));
        let dangling = json!({"type": "bundle", "objects": [
            {"type": "report", "id": "report--1", "spec_version": "2.1", "object_refs": ["report--1", "identity--9"]}]});
        assert_eq!(err(dangling), "$.objects[0].object_refs[1]: 'identity--9' is not in the bundle");
    }
}
