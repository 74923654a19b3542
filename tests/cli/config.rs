//! The config file as the command line reads it: its folder is the default
//! one, and `brief check` names its problems at their places.

use super::*;

/// A config home holding `config.toml` with `text`.
fn config_home(name: &str, text: &str) -> PathBuf {
    let home = scratch(name);
    fs::create_dir_all(home.join("brief")).unwrap();
    fs::write(home.join("brief/config.toml"), text).unwrap();
    home
}

#[test]
fn the_config_folder_is_the_default_after_dir_and_brief_dir() {
    let folder = repo().join("briefings");
    let home = config_home("config-dir", &format!("dir = {:?}\n", folder.to_str().unwrap()));
    let elsewhere = scratch("config-dir-cwd");
    let out = brief(&elsewhere).arg("check").env("XDG_CONFIG_HOME", &home).output().unwrap();
    assert_eq!(stdout(&out), "ok: 3 files, 46 entities, no problems\n", "{}", stderr(&out));
    let out =
        brief(&elsewhere).arg("check").env("XDG_CONFIG_HOME", &home).env("BRIEF_DIR", "missing").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "BRIEF_DIR wins over the config file");
}

#[test]
fn check_names_each_config_problem_and_fails() {
    let home = config_home("config-bad", "[keys]\nreviewd = \"r\"\n\n[theme]\nlink = \"purple\"\n");
    let out = brief(repo()).arg("check").env("XDG_CONFIG_HOME", &home).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let path = home.join("brief/config.toml");
    assert!(
        text.contains(&format!("{}:2:1: error: unknown action 'reviewd'; did you mean 'reviewed'?", path.display())),
        "{text}"
    );
    assert!(text.contains(":5:8: error: unknown colour 'purple'"), "{text}");
    assert!(text.ends_with("config file: 2 errors; brief runs on the defaults until it is fixed\n"), "{text}");
}
