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

impl std::error::Error for Problem {}

pub fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { path: path.into(), message: message.into() }
}

/// A bundle that passed every check here.
pub struct Bundle {
    pub id: String,
    pub objects: Vec<Json>,
    pub index: HashMap<String, usize>,
    /// References to objects not in the bundle, each left out of what is
    /// imported (STIX lets a bundle name objects its reader may not have).
    pub dangling: Vec<Problem>,
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
    let over = || problem("", format!("the bundle is over the limit of {} MiB; split it", LIMIT >> 20));
    if file.metadata().map_err(cannot)?.len() > LIMIT {
        return Err(over());
    }
    let mut bytes = Vec::new();
    file.take(LIMIT + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > LIMIT {
        return Err(over());
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
    // The id goes into every file the import writes: a STIX id or nothing.
    let id = match top.get("id") {
        None => "bundle".to_string(),
        Some(Json::String(id)) if is_bundle_id(id) => id.clone(),
        Some(other) => return Err(problem("$.id", format!("{other} is not a bundle id (bundle--UUID)"))),
    };
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
        // Versions of one object: the newest (by `modified`) is the one read.
        let newer = |j: usize| s(o, "modified") > s(&objects[j], "modified");
        match index.get(id) {
            Some(&j) if !newer(j) => {}
            _ => {
                index.insert(id.to_string(), i);
            }
        }
    }
    let mut bundle = Bundle { id, objects, index, dangling: Vec::new() };
    bundle.dangling = dangling(&bundle);
    Ok(bundle)
}

/// A string property of an object, or "" when it has none.
pub fn s<'a>(o: &'a Json, key: &str) -> &'a str {
    o.get(key).and_then(Json::as_str).unwrap_or_default()
}

/// `bundle--` then a UUID's letters: what can go into a file's first line as it is.
fn is_bundle_id(id: &str) -> bool {
    id.strip_prefix("bundle--")
        .is_some_and(|u| !u.is_empty() && u.len() <= 36 && u.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
}

impl Bundle {
    /// Whether object `i` is the version of its id that is read.
    pub fn current(&self, i: usize) -> bool {
        self.index.get(s(&self.objects[i], "id")) == Some(&i)
    }
}

/// Each `…_ref` and `…_refs` that names an object not in the bundle (the
/// TLP markings excepted: every tool knows them).
fn dangling(b: &Bundle) -> Vec<Problem> {
    let mut found = Vec::new();
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
                // An empty reference (ATT&CK writes some) names nothing.
                if !r.is_empty() && !b.index.contains_key(r) && super::super::tlp_of(r).is_none() {
                    found
                        .push(problem(format!("$.objects[{i}].{at}"), format!("'{r}' is not in the bundle; left out")));
                }
            }
        }
    }
    found
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
        // The id goes into every imported file's first line: a line break there would add TOML.
        assert!(err(json!({"type": "bundle", "id": "bundle--1\nid = \"x\""})).starts_with("$.id: "));
        let old = json!({"type": "bundle", "objects": [{"type": "identity", "id": "identity--1"}]});
        assert!(err(old).starts_with("$.objects[0]: no spec_version"));
        let dangling = json!({"type": "bundle", "objects": [
            {"type": "report", "id": "report--1", "spec_version": "2.1", "object_refs": ["report--1", "identity--9"]}]});
        let b = parse(dangling).expect("a bundle that names what it lacks is read");
        assert_eq!(b.dangling.len(), 1);
        assert_eq!(
            b.dangling[0].to_string(),
            "$.objects[0].object_refs[1]: 'identity--9' is not in the bundle; left out"
        );
    }
}
