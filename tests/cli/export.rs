//! `brief export`: a Markdown briefing pack and the model as JSON.

use super::*;

use std::os::unix::fs::PermissionsExt;

#[test]
fn markdown_pack_has_tlp_first_every_claim_with_grade_and_links_as_anchors() {
    let out = run(repo(), &["export", "moscow-attack-2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("**TLP:CLEAR**\n\n# <a id=\"moscow-attack-2024\"></a>Attack near Moscow"), "{text}");
    assert!(!text.contains("[["), "no raw link markup");
    let claims = text.matches("\n### <a id=\"").count();
    assert_eq!(claims, 12, "every claim of the briefing");
    assert!(
        text.contains("- grade **??** · by [Peter Neumann](#peter-neumann) · `neumann-is-claim-genuine`"),
        "{text}"
    );
    assert!(text.contains("- contradicts: [The IS message claiming responsibility"), "{text}");
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

/// The `#id` destinations of a pack's links, and its anchors, each with a count.
fn links_and_anchors(text: &str) -> (Vec<String>, std::collections::HashMap<String, usize>) {
    let links = text.split("](#").skip(1).map(|t| t[..t.find(')').unwrap()].to_string()).collect();
    let mut anchors = std::collections::HashMap::new();
    for t in text.split("<a id=\"").skip(1) {
        *anchors.entry(t[..t.find('"').unwrap()].to_string()).or_insert(0) += 1;
    }
    (links, anchors)
}

#[test]
fn a_pack_of_one_briefing_stands_alone() {
    let out = run(repo(), &["export", "moscow-attack-2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let (links, anchors) = links_and_anchors(&text);
    for to in &links {
        assert!(anchors.contains_key(to), "a link to #{to} with no anchor in the pack:\n{text}");
    }
    assert!(anchors.values().all(|&n| n == 1), "{anchors:?}");
    // Those from other files come in their sections, marked.
    let actors = &text[text.find("## Actors").unwrap()..text.find("## Claims").unwrap()];
    for id in ["ispk", "chechen-militants", "russian-special-forces", "chechen-extremists", "russian-security-forces"] {
        let row = actors.lines().find(|l| l.contains(&format!("<a id=\"{id}\">"))).unwrap_or_else(|| panic!("{id}"));
        assert!(row.contains("*(from another briefing: ["), "{row}");
    }
    let others = &text[text.find("## Other briefings").unwrap()..];
    assert!(others.contains("<a id=\"ispk-profile\"></a>") && others.contains("<a id=\"russia-hostage-sieges\"></a>"));
    // Precedents keep their similarities and differences.
    assert!(text.contains("  - similarity: A mass-casualty attack\n"), "{text}");
    assert!(text.contains("  - difference: In southern Russia, not near Moscow\n"), "{text}");
    // A bare inline link to a claim reads as its id, not its sentence again.
    assert!(text.contains("left 62 dead ([attack-death-toll-62](#attack-death-toll-62))."), "{text}");
    assert!(!text.contains("[The attack near Moscow left 62 dead"), "{text}");
    // Contradictions read one way each, only those there are.
    assert!(!text.contains("contradicted by / contradicts"), "{text}");
    let fake = &text[text.find("<a id=\"telegram-is-message-fake\">").unwrap()..];
    let fake = &fake[..fake.find("\n### ").unwrap()];
    assert_eq!(fake.matches("\n- contradicts: ").count(), 1, "{fake}");
    assert_eq!(fake.matches("\n- contradicted by: ").count(), 2, "{fake}");
    let genuine = &text[text.find("<a id=\"neumann-is-claim-genuine\">").unwrap()..];
    let genuine = &genuine[..genuine.find("\n### ").unwrap()];
    assert!(genuine.contains("\n- contradicts: [The IS message") && !genuine.contains("contradicted by"), "{genuine}");
    // An unattributed claim says so, without "by".
    assert!(!text.contains("by unattributed"), "{text}");
    assert!(text.contains("- grade **??** · unattributed · `ukraine-responsible-narrative`"), "{text}");
}

#[test]
fn briefings_exported_together_bring_each_entity_once() {
    let out = run(repo(), &["export", "moscow-attack-2024", "ispk-profile"]);
    let text = stdout(&out);
    let (links, anchors) = links_and_anchors(&text);
    assert!(links.iter().all(|to| anchors.contains_key(to)), "{text}");
    assert!(anchors.values().all(|&n| n == 1), "{anchors:?}");
    assert!(!text.contains("<a id=\"ispk\"></a>`ispk` | Islamic State Khorasan Province *(from"), "{text}");
    let all = stdout(&run(repo(), &["export", "--all"]));
    assert!(!all.contains("from another briefing"), "{all}");
}

#[test]
fn json_has_every_entity_and_marks_and_files_are_optional() {
    let out = run(repo(), &["export", "--all", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities = json["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 46);
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

/// Every place in `text` where Markdown would read `marker` as syntax: not
/// preceded by an odd number of backslashes (an escaped character).
fn unescaped<'t>(text: &'t str, marker: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(marker)
        .map(|(i, _)| i)
        .filter(move |&i| text[..i].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0)
}

#[test]
fn the_pack_links_only_to_the_web_and_mail_and_never_shows_an_image() {
    let folder = scratch("export-links").join("briefings");
    fs::create_dir_all(&folder).unwrap();
    let evil = r#"id = "b"
title = "[click me](javascript:alert(1)) ![pixel](https://track.example/p.png)"
tlp = "clear"
summary = "See [[c|evil](javascript:alert(2))]] and ![x](https://t.example/x.png), [ref]: javascript:alert(3) and `code`."

[[sources]]
id = "s1"
title = "A [source](javascript:alert(4))"
url = "javascript:alert(5)"

[[sources]]
id = "s2"
title = "Good"
url = "https://example.org/a (b)"

[[sources]]
id = "s3"
title = "Desk"
url = "mailto:desk@example.org"

[[sources]]
id = "s4"
title = "Shouting"
url = "JAVASCRIPT:alert(6)"

[[claims]]
id = "c"
text = "Look![[s2]] and \\[x](javascript:alert(7)) ``tick``"
sources = ["s1", "s2"]
"#;
    fs::write(folder.join("b.toml"), evil).unwrap();
    let out = brief(&folder).args(["export", "--dir"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for at in unescaped(&text, "](") {
        let to = &text[at + 2..];
        assert!(
            ["#", "https://", "http://", "mailto:"].iter().any(|p| to.starts_with(p)),
            "a link to {:?} in:\n{text}",
            to.lines().next().unwrap_or_default()
        );
    }
    assert_eq!(unescaped(&text, "![").count(), 0, "no image syntax:\n{text}");
    assert_eq!(unescaped(&text, "]:").count(), 0, "no link reference definition:\n{text}");
    assert!(text.contains("[https://example.org/a (b)](https://example.org/a%20%28b%29)"), "{text}");
    assert!(text.contains("[mailto:desk@example.org](mailto:desk@example.org)"), "{text}");
    assert!(text.contains("javascript:alert(5)") && text.contains("JAVASCRIPT:alert(6)"), "shown as text: {text}");
    assert!(text.contains("\\`\\`tick\\`\\`"), "backticks escaped: {text}");
}

#[test]
fn o_dash_writes_to_standard_output_and_makes_no_file() {
    let cwd = scratch("export-dash");
    let dir = repo().join("briefings");
    let out = brief(&cwd).args(["export", "moscow-attack-2024", "-o", "-", "--dir"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("**TLP:CLEAR**\n\n# "), "the pack on standard output: {}", stdout(&out));
    assert!(!cwd.join("-").exists(), "no file named '-'");
    assert_eq!(fs::read_dir(&cwd).unwrap().count(), 0, "nothing written in the working folder");
}

/// `brief export ID -o FILE` under `umask`: the file's permission bits and what was said.
fn export_mode(dir: &Path, id: &str, format: &str, umask: libc::mode_t) -> (u32, String) {
    use std::os::unix::process::CommandExt;
    let file = dir.join(format!("{id}.{format}"));
    let mut cmd = brief(dir);
    cmd.args(["export", id, "--format", format, "-o"]).arg(&file).arg("--dir").arg(dir.join("briefings"));
    // SAFETY: umask is async-signal-safe and cannot fail.
    unsafe {
        cmd.pre_exec(move || {
            libc::umask(umask);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (fs::metadata(&file).unwrap().permissions().mode() & 0o777, stderr(&out))
}

#[test]
fn an_export_follows_the_umask_but_amber_and_red_stay_private() {
    let dir = scratch("export-modes");
    fs::create_dir_all(dir.join("briefings")).unwrap();
    for tlp in ["clear", "green", "amber", "red"] {
        fs::write(dir.join(format!("briefings/{tlp}.toml")), format!("title = \"A {tlp} one\"\ntlp = \"{tlp}\"\n"))
            .unwrap();
    }
    fs::write(dir.join("briefings/unmarked.toml"), "title = \"No TLP\"\n").unwrap();
    for (id, format) in [("clear", "markdown"), ("green", "stix"), ("unmarked", "json")] {
        assert_eq!(export_mode(&dir, id, format, 0o027), (0o640, String::new()), "{id} as {format}, umask 027");
        fs::remove_file(dir.join(format!("{id}.{format}"))).unwrap();
        assert_eq!(export_mode(&dir, id, format, 0o022), (0o644, String::new()), "{id} as {format}, umask 022");
    }
    for (id, format) in [("amber", "markdown"), ("red", "stix")] {
        let (mode, said) = export_mode(&dir, id, format, 0o022);
        assert_eq!(mode, 0o600, "{id}: readable by its owner alone");
        assert_eq!(said.lines().count(), 1, "one line: {said}");
        let level = format!("TLP:{}", id.to_uppercase());
        assert!(said.contains(&level) && said.contains("0600") && said.contains(&format!("{id}.{format}")), "{said}");
    }
    // A file replaced keeps its mode, as after `>`; an AMBER one is made private.
    let file = dir.join("clear.markdown");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(export_mode(&dir, "clear", "markdown", 0o022).0, 0o600);
    let file = dir.join("amber.markdown");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(export_mode(&dir, "amber", "markdown", 0o022).0, 0o600);
}

#[test]
fn what_a_briefing_brings_from_a_red_one_makes_the_file_private() {
    let dir = scratch("export-linked-red");
    fs::create_dir_all(dir.join("briefings")).unwrap();
    let clear = "id = \"clear\"\ntitle = \"A clear one\"\ntlp = \"clear\"\nsummary = \"See [[secret-actor]].\"\n";
    fs::write(dir.join("briefings/clear.toml"), clear).unwrap();
    let red =
        "id = \"red\"\ntitle = \"A red one\"\ntlp = \"red\"\n\n[[actors]]\nid = \"secret-actor\"\nname = \"Someone\"\n";
    fs::write(dir.join("briefings/red.toml"), red).unwrap();
    for format in ["markdown", "stix"] {
        let (mode, said) = export_mode(&dir, "clear", format, 0o022);
        assert_eq!(mode, 0o600, "{format}: {said}");
        assert!(said.contains("TLP:RED inside"), "{format}: {said}");
    }
    let pack = fs::read_to_string(dir.join("clear.markdown")).unwrap();
    assert!(pack.contains("<a id=\"secret-actor\"></a>") && pack.contains("from another briefing"), "{pack}");
    // The pack's marking is the strictest of what it holds: never CLEAR over RED content.
    assert!(pack.starts_with("**TLP:RED**"), "{pack}");
    assert!(!pack.contains("TLP:CLEAR**"), "{pack}");
}
