//! `brief export`: a Markdown briefing pack and the model as JSON.

use super::*;

#[test]
fn markdown_pack_has_tlp_first_every_claim_with_grade_and_links_as_anchors() {
    let out = run(repo(), &["export", "moscow-attack-2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("**TLP:CLEAR**\n\n# <a id=\"moscow-attack-2024\"></a>Attack near Moscow"), "{text}");
    assert!(!text.contains("[["), "no raw link markup");
    let claims = text.matches("\n### <a id=\"").count();
    assert_eq!(claims, 12, "every claim of the briefing");
    assert!(text.contains("- grade **??** · by Peter Neumann · `neumann-is-claim-genuine`"), "{text}");
    assert!(text.contains("- contradicted by / contradicts: [The IS message claiming responsibility"), "{text}");
    assert!(
        text.contains("[Peter Neumann](#peter-neumann)") && text.contains("<a id=\"peter-neumann\"></a>"),
        "{text}"
    );
    let first = text.find("## Actors").unwrap();
    assert!(
        first < text.find("## Claims").unwrap()
            && text.find("## Claims").unwrap() < text.find("## Precedents").unwrap()
    );
}

#[test]
fn json_has_every_entity_and_marks_and_files_are_optional() {
    let out = run(repo(), &["export", "--all", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities = json["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 44);
    assert!(entities.iter().all(|e| e["links"].is_array() && e["backlinks"].is_array()));

    let dir = scratch("export-marks");
    let state = dir.join("state.toml");
    fs::write(&state, "version = 2\n\n[marks.neumann-is-claim-genuine]\nflagged = true\nnote = \"check X\"\n").unwrap();
    let file = dir.join("pack.md");
    let out = brief(repo())
        .args(["export", "moscow-attack-2024", "--marks", "-o"])
        .arg(&file)
        .env("BRIEF_STATE", &state)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "written to the file, not standard output");
    assert!(fs::read_to_string(&file).unwrap().contains("*Review:* flagged; note: check X"));
    let out = run(repo(), &["export", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn text_from_files_cannot_inject_html_into_the_pack() {
    let folder = scratch("export-hostile").join("briefings");
    fs::create_dir_all(&folder).unwrap();
    let evil = "id = \"b\"\ntitle = \"<script>alert(1)</script>\"\n\n[[claims]]\nid = \"c\"\ntext = \"a | pipe and <img src=x>\"\n";
    fs::write(folder.join("b.toml"), evil).unwrap();
    let out = brief(&folder).args(["export", "--dir"]).arg(&folder).output().unwrap();
    let text = stdout(&out);
    assert!(!text.contains("<script") && !text.contains("<img"), "{text}");
    assert!(text.contains("&lt;script>") && text.contains("&lt;img"), "{text}");
}
