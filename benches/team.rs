//! Review through git on 1,000 generated briefings: `cargo bench --bench team`.
//!
//! - `brief diff HEAD~1` as a whole process, after a commit that changed 10
//!   files. Target: ≤ 1 s.
//! - What 5 analysts' review files of 10,000 marks each add to opening the
//!   reader: reading them, and the first frame drawn with their marks.
//!   Target: ≤ 50 ms.

#[path = "gen/mod.rs"]
mod corpus_gen;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use brief::reader::app::App;
use brief::reader::theme::Theme;

const RUNS: usize = 7;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| f()).collect();
    times.sort();
    times[RUNS / 2]
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.org")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn main() -> ExitCode {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let Ok(generated) = corpus_gen::bench_folder(exe) else {
        eprintln!("team bench: cannot write the generated briefings");
        return ExitCode::FAILURE;
    };
    let root = generated.with_file_name("bench-team");
    let folder = root.join("briefings");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&folder).unwrap_or_default();
    for entry in std::fs::read_dir(&generated).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|x| x == "toml") {
            let _ = std::fs::copy(&p, folder.join(p.file_name().unwrap_or_default()));
        }
    }
    let ok = diff(exe, &root, &folder) & team(&folder);
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// A repository of the folder, then a commit changing 10 files.
fn diff(exe: &Path, root: &Path, folder: &Path) -> bool {
    if !(git(root, &["init", "-q"]) && git(root, &["add", "."]) && git(root, &["commit", "-q", "-m", "all"])) {
        eprintln!("team bench: git is needed");
        return false;
    }
    for file in 0..10 {
        let path = folder.join(format!("{}.toml", corpus_gen::briefing_id(file * 97)));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = std::fs::write(&path, text.replacen("text = \"", "text = \"Edited: ", 3));
    }
    git(root, &["commit", "-q", "-am", "ten files"]);
    let mut changed = String::new();
    let took = median(|| {
        let start = Instant::now();
        let out = Command::new(exe).args(["diff", "HEAD~1", "--dir"]).arg(folder).output();
        let took = start.elapsed();
        changed = out
            .map(|o| String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or_default().to_string())
            .unwrap_or_default();
        took
    });
    println!("brief team, 1,000 generated briefings");
    println!("  brief diff HEAD~1 after 10 changed files: median {:.0} ms of {RUNS} ({changed})", ms(took));
    let ok = ms(took) <= 1000.0 && changed.contains("30 changed");
    println!("  target ≤ 1 s (and the 30 claims edited found): {}", if ok { "met" } else { "MISSED" });
    ok
}

/// Five analysts' files of 10,000 marks each, then what they add to opening the reader.
fn team(folder: &Path) -> bool {
    let Ok(corpus) = brief::load::load(folder) else { return false };
    if corpus.entities.len() != corpus_gen::BRIEFINGS * corpus_gen::PER_FILE {
        eprintln!(
            "team bench: {} entities, expected {}",
            corpus.entities.len(),
            corpus_gen::BRIEFINGS * corpus_gen::PER_FILE
        );
        return false;
    }
    let ids: Vec<&str> = corpus.entities.iter().map(|e| e.id.as_str()).collect();
    let _ = std::fs::create_dir_all(folder.join(".brief/review"));
    let _ = std::fs::write(folder.join(".brief/team.toml"), "");
    for (n, name) in ["ana", "ben", "cai", "dee", "eli"].iter().enumerate() {
        let mut text = String::from("version = 2\n");
        for id in ids.iter().skip(n * 3000).cycle().take(10_000) {
            let _ = write!(text, "\n[marks.{id}]\nreviewed = true\nupdated = 2026-12-01T10:00:00Z\n");
        }
        let _ = std::fs::write(folder.join(format!(".brief/review/{name}.toml")), text);
    }
    let corpus = Arc::new(corpus);
    let draw = |team: Option<brief::team::Team>| {
        let mut app = App::new(Arc::clone(&corpus));
        let start = Instant::now();
        app.set_team(team);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        let mut vp = app.viewport();
        let _ = terminal.draw(|f| brief::reader::ui::draw(f, &app, &Theme::new(true, false), &mut vp));
        start.elapsed()
    };
    let load = median(|| {
        let start = Instant::now();
        std::hint::black_box(brief::team::Team::load(folder, "me"));
        start.elapsed()
    });
    let alone = median(|| draw(None));
    let with = median(|| draw(Some(brief::team::Team::load(folder, "me"))));
    let added = load + with.saturating_sub(alone);
    println!(
        "  5 review files of 10,000 marks: read {:.1} ms; first frame {:.1} ms with them, {:.1} ms without",
        ms(load),
        ms(with),
        ms(alone)
    );
    let ok = ms(added) <= 50.0;
    println!(
        "  added to opening the reader {:.1} ms; target ≤ 50 ms: {}",
        ms(added),
        if ok { "met" } else { "MISSED" }
    );
    ok
}
