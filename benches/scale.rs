//! Ten thousand briefings on a shared host: `cargo bench --bench scale`.
//! The folder (10x the other benches' generator, ~270 MB) is generated at
//! bench time under `target/`, not committed. Each row of issue 14's table:
//! the reader's loaded screen and memory on a pty, its CPU over 20 s idle,
//! `brief check`, `brief search` cold and warm (with ripgrep in the same run),
//! and the search cache's size; and issue 26's memory rows ([`memory`]):
//! four readers' PSS, and one reader's memory while a file is rewritten.
//! `BRIEF_SCALE_ROWS=reader,memory,commands` (any of them) runs only those
//! groups of rows, saying which it skipped; `small` runs the 1,000-briefing
//! memory rows alone. `BRIEF_SCALE_EXE=path` measures another build.

#[path = "gen/mod.rs"]
mod corpus_gen;
#[path = "scale/memory.rs"]
mod memory;
#[allow(dead_code)]
#[path = "../tests/e2e/pty.rs"]
mod pty;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const BRIEFINGS: usize = 10_000;
const IDLE: Duration = Duration::from_secs(20);

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn folder(exe: &Path) -> std::io::Result<(PathBuf, u64)> {
    let target = exe.parent().and_then(Path::parent).ok_or_else(|| std::io::Error::other("no target folder"))?;
    let dir = target.join("bench-corpus-10k");
    let stamp = dir.join(".generated");
    if let Some(bytes) = fs::read_to_string(&stamp).ok().and_then(|s| s.trim().parse().ok()) {
        return Ok((dir, bytes));
    }
    let _ = fs::remove_dir_all(&dir);
    let bytes = corpus_gen::generate(&dir, BRIEFINGS)?;
    fs::write(&stamp, bytes.to_string())?;
    Ok((dir, bytes))
}

/// Wall time and peak resident memory (bytes) of one child, from `wait4`.
fn measured(cmd: &mut Command) -> Option<(Duration, u64)> {
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let child = cmd.spawn().ok()?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid out-value; the pid is our child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    // SAFETY: waits for that child, writing into the two out-values above.
    let rc = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    (rc == pid).then(|| (start.elapsed(), u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024))
}

fn median(mut runs: Vec<(Duration, u64)>) -> (Duration, u64) {
    runs.sort();
    runs[runs.len() / 2]
}

/// CPU seconds (user + system) a process has used, from `/proc/PID/stat`.
fn cpu(pid: u32) -> Option<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // SAFETY: sysconf with a constant name.
    Some(ticks / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64)
}

struct Row {
    what: &'static str,
    figure: String,
    goal: &'static str,
    met: bool,
}

/// A reader on `dir` on an 80x24 pty, its cache under `home`: how long its
/// loaded screen took, and the reader.
fn open(exe: &Path, dir: &Path, home: &Path) -> Option<(Duration, pty::Pty)> {
    // The allocator's settings pass through, to measure them: MALLOC_ARENA_MAX, LD_PRELOAD=…jemalloc…
    let allocator: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| k.starts_with("MALLOC_") || k.starts_with("MIMALLOC_") || k == "LD_PRELOAD")
        .collect();
    let mut env = vec![
        ("TERM", "xterm-256color"),
        ("LANG", "C.UTF-8"),
        ("HOME", home.to_str().unwrap_or("/tmp")),
        ("BRIEF_STATE", "/nonexistent-bench-state/state.toml"),
    ];
    env.extend(allocator.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let start = Instant::now();
    let p = pty::spawn(exe.as_os_str(), &["--dir".as_ref(), dir.as_os_str()], &env, 80, 24).ok()?;
    let seen = p.read_until(Duration::from_secs(120), |seen| pty::contains(seen, b"Briefings"));
    seen.ok().map(|_| (start.elapsed(), p))
}

/// The home folder of the readers on `dir`, holding their cache.
fn home_of(dir: &Path) -> PathBuf {
    let home = dir.with_file_name(format!("{}-home", dir.file_name().unwrap_or_default().to_string_lossy()));
    let _ = fs::create_dir_all(&home);
    home
}

/// Waits until the first start's snapshot and index are stored (no temp
/// file left in the cache folder), at most three minutes.
fn stored(home: &Path) {
    let cache = home.join(".cache/brief");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(180) && (cache_files(&cache) < 2 || writing(&cache)) {
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A first start from an empty cache folder, left to store its snapshot
/// and index: what a later start reads.
fn warm(exe: &Path, dir: &Path) -> Option<PathBuf> {
    let home = home_of(dir);
    let _ = fs::remove_dir_all(home.join(".cache"));
    let (_, p) = open(exe, dir, &home)?;
    stored(&home);
    drop(p);
    Some(home)
}

fn reader(exe: &Path, dir: &Path, bytes: u64, rows: &mut Vec<Row>) {
    let home = home_of(dir);
    let open = || open(exe, dir, &home);
    // A start as a person makes it again and again: the first run (not
    // counted), from an empty cache folder, leaves the snapshot and the
    // search cache a later start reads.
    let _ = fs::remove_dir_all(home.join(".cache"));
    let mut starts = Vec::new();
    for run in 0..4 {
        let Some((took, p)) = open() else { return };
        if run > 0 {
            starts.push(took);
        }
        // The first start stores the snapshot and the index after its
        // screen: let it finish (no temp file left in the cache folder).
        if run == 0 {
            stored(&home);
        }
        std::thread::sleep(Duration::from_secs(1));
        drop(p);
    }
    starts.sort();
    let loaded = starts[starts.len() / 2];
    rows.push(Row {
        what: "reader: loaded screen",
        figure: format!(
            "{:.2} s (runs {})",
            loaded.as_secs_f64(),
            starts.iter().map(|d| format!("{:.2}", d.as_secs_f64())).collect::<Vec<_>>().join(", ")
        ),
        goal: "≤ 0.5 s",
        met: loaded <= Duration::from_millis(500),
    });
    let Some((_, p)) = open() else { return };
    // Let the index (it follows the screen) and its prose come, then measure memory and idleness.
    memory::settle(&p);
    memory::at_rest(&p, bytes, rows);
    let before = cpu(p.child.id()).unwrap_or(0.0);
    let idle_start = Instant::now();
    let mut buf = vec![0u8; 1 << 16];
    while idle_start.elapsed() < IDLE {
        let _ = p.read(&mut buf, Duration::from_millis(200));
    }
    let used = cpu(p.child.id()).unwrap_or(0.0) - before;
    let share = used / IDLE.as_secs_f64() * 100.0;
    rows.push(Row {
        what: "reader: CPU while idle (20 s)",
        figure: format!("{used:.2} s = {share:.2}% of a core"),
        goal: "≤ 0.1%",
        met: share <= 0.1,
    });
}

/// A row of a whole `brief search`: time and peak memory, against a goal
/// (as said, and in seconds, with memory ≤ 2x the folder) when it has one.
fn search_row(
    rows: &mut Vec<Row>,
    what: &'static str,
    (took, peak): (Duration, u64),
    bytes: u64,
    goal: Option<(&'static str, f64)>,
) {
    let r = peak as f64 / bytes as f64;
    rows.push(Row {
        what,
        figure: format!("{:.2} s, peak {:.0} MB ({r:.1}x)", took.as_secs_f64(), peak as f64 / 1e6),
        goal: goal.map_or("-", |(said, _)| said),
        met: goal.is_none_or(|(_, secs)| took.as_secs_f64() <= secs && r <= 2.0),
    });
}

/// The snapshots and search caches in a cache folder.
fn cache_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// Whether a write into the cache folder is going on (its temp file is there).
fn writing(dir: &Path) -> bool {
    fs::read_dir(dir).into_iter().flatten().flatten().any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
}

/// The search cache's and the snapshot's bytes on disk.
fn disk(cache: &Path, bytes: u64, rows: &mut Vec<Row>) {
    let size = |prefix: &str| -> u64 {
        fs::read_dir(cache)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    };
    let (index, snapshot) = (size("search-"), size("snap-"));
    let r = index as f64 / bytes as f64;
    rows.push(Row {
        what: "search cache on disk",
        figure: format!("{:.0} MB = {r:.2}x the folder", index as f64 / 1e6),
        goal: "≤ 0.5x, pruned",
        met: r <= 0.5,
    });
    rows.push(Row {
        what: "snapshot on disk",
        figure: format!("{:.0} MB = {:.2}x the folder", snapshot as f64 / 1e6, snapshot as f64 / bytes as f64),
        goal: "-",
        met: true,
    });
    let both = (index + snapshot) as f64 / bytes as f64;
    rows.push(Row {
        what: "snapshot + search cache on disk",
        figure: format!("{:.0} MB = {both:.2}x the folder", (index + snapshot) as f64 / 1e6),
        goal: "≤ 1x in all",
        met: both <= 1.0,
    });
}

fn main() -> ExitCode {
    // `BRIEF_SCALE_EXE=path` measures another build of brief (a paired run against an older one).
    let exe =
        std::env::var_os("BRIEF_SCALE_EXE").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_brief")), PathBuf::from);
    let exe = exe.as_path();
    let Ok((dir, bytes)) = folder(exe) else {
        eprintln!("scale bench: cannot write the generated folder");
        return ExitCode::FAILURE;
    };
    println!(
        "brief at scale: {BRIEFINGS} generated briefings ({} entities each), {:.0} MB",
        corpus_gen::PER_FILE,
        bytes as f64 / 1e6
    );
    let only = std::env::var("BRIEF_SCALE_ROWS").ok();
    let runs = |group: &str| {
        let yes = only.as_deref().is_none_or(|o| o.split(',').any(|g| g.trim() == group));
        if !yes {
            println!("  the {group} rows are skipped (BRIEF_SCALE_ROWS={})", only.as_deref().unwrap_or_default());
        }
        yes
    };
    let mut rows = Vec::new();
    let read = runs("reader");
    if read {
        reader(exe, &dir, bytes, &mut rows);
    }
    if only.as_deref() == Some("small") {
        memory::small(exe, &mut rows);
    } else if runs("memory") {
        // The reader rows leave the cache warm; else one start does.
        if let Some(home) = if read { Some(home_of(&dir)) } else { warm(exe, &dir) } {
            memory::rows(exe, &dir, bytes, &home, &mut rows);
        }
    }
    if runs("commands") {
        commands(exe, &dir, bytes, &mut rows);
    }
    for row in &rows {
        println!(
            "  {:<40} {:<40} goal {:<16} {}",
            row.what,
            row.figure,
            row.goal,
            if row.met { "met" } else { "MISSED" }
        );
    }
    if rows.iter().all(|r| r.met) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `brief check` and `brief search` as whole processes, ripgrep beside, and the caches on disk.
fn commands(exe: &Path, dir: &Path, bytes: u64, rows: &mut Vec<Row>) {
    let brief = |args: &[&str], cache: &Path| {
        let mut cmd = Command::new(exe);
        cmd.args(args)
            .arg("--dir")
            .arg(dir)
            .env("BRIEF_CACHE_DIR", cache)
            .env("BRIEF_STATE", "/nonexistent-bench-state/s.toml");
        cmd
    };
    let cache = dir.with_file_name("bench-scale-cache");
    let check = median((0..3).filter_map(|_| measured(&mut brief(&["check"], &cache))).collect());
    let r = check.1 as f64 / bytes as f64;
    rows.push(Row {
        what: "brief check",
        figure: format!("{:.2} s, {:.0} MB ({r:.1}x)", check.0.as_secs_f64(), check.1 as f64 / 1e6),
        goal: "≤ 1.5 s, ≤ 2x",
        met: check.0.as_secs_f64() <= 1.5 && r <= 2.0,
    });
    let cold: Vec<_> = (0..3)
        .filter_map(|_| {
            let _ = fs::remove_dir_all(&cache);
            measured(&mut brief(&["search", "neumann"], &cache))
        })
        .collect();
    search_row(rows, "brief search cold (builds the index)", median(cold), bytes, Some(("≤ 1.5 s, ≤ 2x", 1.5)));
    // A day's use: one file edited since the last search, so the index is
    // built again but the snapshot gives every other file.
    let touched = dir.join(corpus_gen::briefing_id(0) + ".toml");
    let edited: Vec<_> = (0..3)
        .filter_map(|_| {
            let text = fs::read(&touched).ok()?;
            fs::write(&touched, text).ok()?;
            measured(&mut brief(&["search", "neumann"], &cache))
        })
        .collect();
    search_row(rows, "brief search after one file is edited", median(edited), bytes, None);
    let warm = median((0..7).filter_map(|_| measured(&mut brief(&["search", "neumann"], &cache))).collect());
    let rg: Vec<_> =
        (0..7).filter_map(|_| measured(Command::new("rg").args(["-i", "-c", "neumann"]).arg(dir))).collect();
    if rg.is_empty() {
        println!("  rg not found: the warm search is not compared (apt-get install ripgrep)");
    } else {
        let rg = median(rg);
        let ratio = ms(warm.0) / ms(rg.0).max(0.001);
        let figure = format!("{:.0} ms = {ratio:.1}x ripgrep ({:.0} ms)", ms(warm.0), ms(rg.0));
        rows.push(Row { what: "brief search warm, whole process", figure, goal: "≤ 2x ripgrep", met: ratio <= 2.0 });
    }
    disk(&cache, bytes, rows);
}
