//! What an import trusts in a colleague's bundle: its TLP is never lowered
//! (the strictest marking on a report or anything in it wins, whatever brief's
//! extension says), and a failed import leaves the folder as it was.

use super::{brief, files, ok, s};
use crate::common::scratch;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

const TLP2_RED: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const TLP2_AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const TLP1_AMBER: &str = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

/// A folder of one briefing `id` at `tlp`, with an actor and a claim, and
/// brief's STIX bundle of it, parsed.
fn exported(work: &Path, id: &str, tlp: &str) -> Value {
    let dir = work.join("source");
    fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "id = \"{id}\"\ntitle = \"A {tlp} briefing\"\ndate = \"2024-03\"\ntlp = \"{tlp}\"\n\n\
         [[actors]]\nid = \"{id}-actor\"\nname = \"Someone\"\nkind = \"person\"\n\n\
         [[claims]]\nid = \"{id}-claim\"\ntext = \"Someone said something.\"\nby = \"{id}-actor\"\n"
    );
    fs::write(dir.join(format!("{id}.toml")), text).unwrap();
    let bundle = work.join("brief.json");
    ok(&["export", "--all", "--format", "stix", "-o", s(&bundle), "--dir", s(&dir)]);
    serde_json::from_slice(&fs::read(&bundle).unwrap()).unwrap()
}

/// The first object of `kind` made from the briefing (not brief's own identity).
fn object<'a>(bundle: &'a mut Value, kind: &str) -> &'a mut Value {
    let objects = bundle["objects"].as_array_mut().unwrap();
    objects
        .iter_mut()
        .find(|o| o["type"] == kind && o["name"] != "brief")
        .unwrap_or_else(|| panic!("a {kind} in the bundle"))
}

/// Imports `bundle` into a new folder; returns the folder and the `tlp` line
/// of the briefing file `id`.
fn import(work: &Path, id: &str, bundle: &Value) -> (PathBuf, String) {
    let file = work.join("colleague.json");
    fs::write(&file, serde_json::to_vec(bundle).unwrap()).unwrap();
    let out = work.join("imported");
    ok(&["import", s(&file), "--out", s(&out)]);
    let text = fs::read_to_string(out.join(format!("{id}.toml"))).unwrap();
    let line = text.lines().find(|l| l.starts_with("tlp = ")).unwrap_or("no tlp line").to_string();
    (out, line)
}

/// The imported folder exported again: the STIX report's markings and
/// extension, and the Markdown pack's first line, all say `tlp`.
fn assert_reexported_as(dir: &Path, tlp: &str, marking: &str) {
    let bundle: Value = serde_json::from_str(&ok(&["export", "--all", "--format", "stix", "--dir", s(dir)])).unwrap();
    let report = bundle["objects"].as_array().unwrap().iter().find(|o| o["type"] == "report").unwrap();
    assert_eq!(report["object_marking_refs"], json!([marking]), "{report}");
    let ext = report["extensions"].as_object().unwrap().values().find(|x| x.get("tlp").is_some()).unwrap();
    assert_eq!(ext["tlp"], tlp);
    let pack = ok(&["export", "--all", "--dir", s(dir)]);
    assert!(pack.starts_with(&format!("**TLP:{}**", tlp.to_uppercase())), "{pack}");
}

#[test]
fn an_import_never_lowers_tlp_the_strictest_marking_inside_wins() {
    // A report whose extension says CLEAR, with a TLP:RED note inside.
    let work = scratch("tlp-red-inside-clear");
    let mut bundle = exported(&work, "red-inside", "clear");
    object(&mut bundle, "note")["object_marking_refs"] = json!([TLP2_RED]);
    let (dir, line) = import(&work, "red-inside", &bundle);
    assert_eq!(line, "tlp = \"red\"", "a RED object in a CLEAR report makes a RED briefing");
    assert_reexported_as(&dir, "red", TLP2_RED);

    // A report whose extension says GREEN, with a TLP 1.0 AMBER actor inside.
    let work = scratch("tlp-amber-inside-green");
    let mut bundle = exported(&work, "amber-inside", "green");
    object(&mut bundle, "identity")["object_marking_refs"] = json!([TLP1_AMBER]);
    let (dir, line) = import(&work, "amber-inside", &bundle);
    assert_eq!(line, "tlp = \"amber\"");
    assert_reexported_as(&dir, "amber", TLP2_AMBER);

    // The report's own marking outweighs its extension too, and so does a
    // marking on a part of an object.
    let work = scratch("tlp-red-report");
    let mut bundle = exported(&work, "red-report", "clear");
    object(&mut bundle, "report")["object_marking_refs"] = json!([TLP2_RED]);
    assert_eq!(import(&work, "red-report", &bundle).1, "tlp = \"red\"");
    let work = scratch("tlp-granular");
    let mut bundle = exported(&work, "granular", "green");
    object(&mut bundle, "note")["granular_markings"] = json!([{"marking_ref": TLP2_RED, "selectors": ["content"]}]);
    assert_eq!(import(&work, "granular", &bundle).1, "tlp = \"red\"");

    // A TLP brief cannot rank is refused, not written as it came.
    let work = scratch("tlp-unknown");
    let mut bundle = exported(&work, "unknown", "green");
    let report = object(&mut bundle, "report");
    let ext = report["extensions"].as_object_mut().unwrap().values_mut().find(|x| x.get("tlp").is_some()).unwrap();
    ext["tlp"] = json!("purple");
    let file = work.join("purple.json");
    fs::write(&file, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let out = brief(&["import", s(&file), "--out", s(&work.join("imported"))]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(".extensions.tlp: 'purple' is not a TLP"), "{err}");
    assert!(!work.join("imported").exists());
}

/// Every entry under `dir`, recursively, with its mode and bytes (a folder's
/// bytes are empty): what "unchanged" means, byte for byte.
fn tree(dir: &Path) -> Vec<(String, u32, Vec<u8>)> {
    let mut all = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = fs::symlink_metadata(e.path()).unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if meta.is_dir() {
            all.push((format!("{name}/"), meta.permissions().mode(), Vec::new()));
            all.extend(tree(&e.path()).into_iter().map(|(n, m, b)| (format!("{name}/{n}"), m, b)));
        } else {
            all.push((name, meta.permissions().mode(), fs::read(e.path()).unwrap()));
        }
    }
    all.sort();
    all
}

#[test]
fn a_failed_forced_import_leaves_the_folder_as_it_was() {
    let work = scratch("force-all-or-nothing");
    let source = work.join("source");
    fs::create_dir_all(&source).unwrap();
    for id in ["alpha", "bravo", "charlie"] {
        fs::write(source.join(format!("{id}.toml")), format!("title = \"{id}\"\ntlp = \"clear\"\n")).unwrap();
    }
    let bundle = work.join("three.json");
    ok(&["export", "--all", "--format", "stix", "-o", s(&bundle), "--dir", s(&source)]);
    let json: Value = serde_json::from_slice(&fs::read(&bundle).unwrap()).unwrap();
    // The briefings in the order the import writes them (bundle order).
    let order: Vec<String> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["type"] == "report")
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(order.len(), 3, "three reports");

    // The first two files are the user's own; where the last goes, a folder.
    let out = work.join("out");
    fs::create_dir_all(&out).unwrap();
    for id in &order[..2] {
        fs::write(out.join(format!("{id}.toml")), format!("title = \"My own {id}\"\n")).unwrap();
    }
    fs::create_dir_all(out.join(format!("{}.toml", order[2]))).unwrap();
    fs::write(out.join(format!("{}.toml", order[2])).join("keep.txt"), "mine\n").unwrap();
    let before = tree(&out);

    let failed = brief(&["import", s(&bundle), "--out", s(&out), "--force"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{}.toml", order[2])) && err.lines().count() == 1, "{err}");
    assert_eq!(tree(&out), before, "the folder is byte for byte as it was, no file replaced, nothing left behind");

    // Without the folder in the way, --force replaces all three.
    fs::remove_dir_all(out.join(format!("{}.toml", order[2]))).unwrap();
    ok(&["import", s(&bundle), "--out", s(&out), "--force"]);
    assert_eq!(files(&out).len(), 3);
    assert!(files(&out).iter().all(|(_, bytes)| bytes.starts_with(b"# Imported by `brief import`")));
}
