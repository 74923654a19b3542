//! Worst-case files for each parser path, timed as whole `brief check`,
//! `brief show` and `brief search` processes: `cargo bench --bench hostile`.
//! Targets: each case under 0.2 s at the size it was first found at, and
//! under 1 s at 4 MiB.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const HEAD: &str = "title = \"t\"\n[[actors]]\nid = \"a1\"\nname = \"x\"\n[[claims]]\nid = \"c1\"\ntext = \"t\"\n";

/// A case: its name, the text for `n` repetitions of its unit, the unit's size
/// and the repetitions it was first found at.
type Case = (&'static str, fn(usize) -> String, usize, usize);

const CASES: &[Case] = &[
    ("200,000 ids on one line", |n| format!("{HEAD}about = [{}]\n", vec!["\"a1\""; n].join(",")), 5, 200_000),
    ("unknown ids on one line", |n| format!("{HEAD}about = [{}]\n", vec!["\"zz\""; n].join(",")), 5, 160_000),
    ("inline [[a1]] links", |n| format!("{HEAD}quote = \"{}\"\n", "[[a1]] ".repeat(n)), 7, 100_000),
    ("100,000 [[ before one ]]", |n| format!("title = \"t\"\nbluf = \"{}]]\"\n", "[[ ".repeat(n)), 3, 100_000),
];

fn main() -> ExitCode {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-hostile");
    let cache = dir.join("cache");
    let folder = dir.join("briefings");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&folder).expect("bench folder");
    let mut ok = true;
    println!("worst-case files, median of {RUNS} runs (check / show b / search, cold cache)");
    for (name, make, unit, found_at) in CASES {
        let at_4mib = (4 << 20) / unit - 100;
        for (n, target) in [(*found_at, 0.2), (at_4mib, 1.0)] {
            let text = make(n);
            fs::write(folder.join("b.toml"), &text).expect("write");
            let times: Vec<f64> = [&["check"][..], &["show", "b"], &["search", "zz"]]
                .iter()
                .map(|args| median(exe, &folder, &cache, args))
                .collect();
            let worst = times.iter().copied().fold(0.0, f64::max);
            let verdict = if worst < target { "met" } else { "MISSED" };
            ok &= worst < target;
            let [c, s, q] = [times[0], times[1], times[2]].map(|t| t * 1e3);
            let kb = text.len() / 1024;
            println!("  {name:<26} {kb:>5} KB  {c:>5.0} / {s:>5.0} / {q:>5.0} ms  (< {target} s {verdict})");
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn median(exe: &Path, folder: &Path, cache: &Path, args: &[&str]) -> f64 {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let _ = fs::remove_dir_all(cache);
            let start = Instant::now();
            let status = Command::new(exe)
                .arg("--dir")
                .arg(folder)
                .args(args)
                .env("XDG_CACHE_HOME", cache)
                .env("XDG_DATA_HOME", cache)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("brief runs");
            assert!(status.code().is_some_and(|c| c <= 2), "brief {args:?} died: {status}");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2].as_secs_f64()
}
