//! Issue 26's memory rows, for `benches/scale.rs`: one reader at rest (its
//! resident memory and its heap, from `/proc/PID/smaps_rollup`), four
//! readers started on one folder (the sum of their PSS: what they cost the
//! host together; then again once one file is rewritten under them and each
//! has reloaded), and one reader while a file is rewritten every 0.3 s for
//! 12 s (its peak) and 10 s after (what it keeps), on 10,000 and on 1,000
//! briefings. `BRIEF_SCALE_TRACE=1` prints the churn's memory as it goes.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{Row, corpus_gen, open, pty::Pty};

const READERS: usize = 4;
const EDIT_EVERY: Duration = Duration::from_millis(300);
const EDITING: Duration = Duration::from_secs(12);
const QUIET: Duration = Duration::from_secs(10);

/// A process's memory from `/proc/PID/smaps_rollup`, in bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct Smaps {
    pub rss: u64,
    /// Its proportional share: a page shared by n processes counts 1/n.
    pub pss: u64,
    /// Pages of no file (the heap): private to the process whoever else maps
    /// what it maps; the rest of `rss` is files, shared by all who map them.
    pub anon: u64,
}

pub fn smaps(pid: u32) -> Option<Smaps> {
    let text = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let mut out = Smaps::default();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some(name), Some(kb)) = (words.next(), words.next().and_then(|w| w.parse::<u64>().ok())) else {
            continue;
        };
        match name {
            "Rss:" => out.rss = kb * 1024,
            "Pss:" => out.pss = kb * 1024,
            "Anonymous:" => out.anon = kb * 1024,
            _ => {}
        }
    }
    Some(out)
}

/// Resident memory, from `/proc/PID/status` (cheaper than smaps, for sampling).
pub fn rss(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
}

/// Reads and drops what the reader draws for `d`, so it never waits on a full pty.
fn drain(p: &Pty, d: Duration) {
    let mut buf = [0u8; 1 << 14];
    let start = Instant::now();
    while start.elapsed() < d {
        let _ = p.read(&mut buf, d.saturating_sub(start.elapsed()).min(Duration::from_millis(20)));
    }
}

/// Waits until the reader has loaded all it loads after its screen (the
/// index, its prose): resident memory steady within 1% for 2 s, at most 60 s.
pub fn settle(p: &Pty) {
    let start = Instant::now();
    let mut seen: Vec<u64> = Vec::new();
    while start.elapsed() < Duration::from_secs(60) {
        drain(p, Duration::from_millis(250));
        seen.push(rss(p.child.id()).unwrap_or(0));
        let last = &seen[seen.len().saturating_sub(9)..];
        let (lo, hi) = (last.iter().min().copied().unwrap_or(0), last.iter().max().copied().unwrap_or(0));
        if last.len() == 9 && hi as f64 <= lo as f64 * 1.01 {
            return;
        }
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// The row of one reader at rest: resident memory, and its heap (what no
/// other reader can share; the rest is the program and its mapped snapshot).
pub fn at_rest(p: &Pty, bytes: u64, rows: &mut Vec<Row>) {
    let m = smaps(p.child.id()).unwrap_or_default();
    let (r, anon) = (m.rss as f64 / bytes as f64, m.anon as f64 / bytes as f64);
    rows.push(Row {
        what: "reader at rest: resident, heap",
        figure: format!(
            "{:.0} MB = {r:.1}x, heap (never shared) {:.0} MB = {anon:.2}x the folder",
            mb(m.rss),
            mb(m.anon)
        ),
        goal: "private ≤ 0.5x",
        met: anon <= 0.5,
    });
}

/// Every memory row: four readers and the churn on `dir` (10,000 briefings,
/// `bytes`, its cache warm under `home`), then the churn on 1,000.
pub fn rows(exe: &Path, dir: &Path, bytes: u64, home: &Path, rows: &mut Vec<Row>) {
    four_readers(exe, dir, bytes, home, rows);
    churn(exe, dir, bytes, home, ["10,000: at rest", "10,000: rewritten each 0.3 s, peak", "10,000: 10 s after"], rows);
    small(exe, rows);
}

/// The rows of one reader on the 1,000-briefing folder.
pub fn small(exe: &Path, rows: &mut Vec<Row>) {
    let Ok(small) = corpus_gen::bench_folder(exe) else {
        println!("  cannot write the 1,000-briefing folder: its rows are skipped");
        return;
    };
    let Some(small_home) = super::warm(exe, &small) else { return };
    let small_bytes = toml_bytes(&small);
    churn(
        exe,
        &small,
        small_bytes,
        &small_home,
        ["1,000: at rest", "1,000: rewritten each 0.3 s, peak", "1,000: 10 s after"],
        rows,
    );
}

/// The bytes of a folder's briefing files.
fn toml_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Four readers started on one folder, each loaded before the next: the
/// sum of their PSS.
fn four_readers(exe: &Path, dir: &Path, bytes: u64, home: &Path, rows: &mut Vec<Row>) {
    let mut readers = Vec::new();
    for _ in 0..READERS {
        let Some((_, p)) = open(exe, dir, home) else { return };
        settle(&p);
        readers.push(p);
    }
    let (pss, heap) = pss_and_heap(&readers);
    let r = pss as f64 / bytes as f64;
    rows.push(Row {
        what: "four readers on one folder, sum of PSS",
        figure: format!("{:.0} MB = {r:.1}x the folder (their heaps {:.0} MB)", mb(pss), mb(heap)),
        goal: "≤ 3x",
        met: r <= 3.0,
    });
    // One file rewritten under all four (a `git pull`): each reloads.
    let file = dir.join(corpus_gen::briefing_id(2) + ".toml");
    let Ok(text) = fs::read(&file) else { return };
    let _ = fs::write(&file, [&text[..], b"\n# rewritten by the scale bench\n"].concat());
    for p in &readers {
        drain(p, Duration::from_secs(1));
    }
    for p in &readers {
        settle(p);
    }
    let (after, heap) = pss_and_heap(&readers);
    let r = after as f64 / pss as f64;
    rows.push(Row {
        what: "the four after one file is rewritten",
        figure: format!(
            "{:.0} MB = {:.1}x the folder, {r:.2}x before (their heaps {:.0} MB)",
            mb(after),
            after as f64 / bytes as f64,
            mb(heap)
        ),
        goal: "≤ 1.1x before",
        met: r <= 1.1,
    });
    drop(readers);
    let _ = fs::write(&file, &text);
}

/// The sum of the readers' PSS, and of their heaps.
fn pss_and_heap(readers: &[Pty]) -> (u64, u64) {
    let each: Vec<Smaps> = readers.iter().filter_map(|p| smaps(p.child.id())).collect();
    (each.iter().map(|m| m.pss).sum(), each.iter().map(|m| m.anon).sum())
}

/// One reader at rest on `dir`; then one of its files rewritten every 0.3 s
/// for 12 s (alternately with a comment at its end and as it was, ending as
/// it was), the peak of its resident memory meanwhile; then its resident
/// memory after 10 s of quiet (and, when it is still reloading then, once
/// it is idle). Three rows, named by `what`.
fn churn(exe: &Path, dir: &Path, bytes: u64, home: &Path, what: [&'static str; 3], rows: &mut Vec<Row>) {
    let Some((_, p)) = open(exe, dir, home) else { return };
    settle(&p);
    let pid = p.child.id();
    let rest = rss(pid).unwrap_or(0);
    let r = rest as f64 / bytes as f64;
    let heap = smaps(pid).unwrap_or_default().anon;
    rows.push(Row {
        what: what[0],
        figure: format!(
            "{:.0} MB = {r:.1}x the folder ({:.0} MB), heap {:.0} MB = {:.2}x",
            mb(rest),
            mb(bytes),
            mb(heap),
            heap as f64 / bytes as f64
        ),
        goal: "≤ 2x",
        met: r <= 2.0,
    });
    let file = dir.join(corpus_gen::briefing_id(1) + ".toml");
    let Ok(text) = fs::read(&file) else { return };
    let edited = [&text[..], b"\n# rewritten by the scale bench\n"].concat();
    let trace = std::env::var_os("BRIEF_SCALE_TRACE").is_some();
    let cpu = super::cpu(pid).unwrap_or(0.0);
    let start = Instant::now();
    let (mut peak, mut edits, mut traced) = (rest, 0u32, 0u64);
    while start.elapsed() < EDITING {
        if start.elapsed() >= EDIT_EVERY * edits {
            // The last edit (at 11.7 s) leaves the file as it was.
            let last = start.elapsed() + EDIT_EVERY >= EDITING;
            let _ = fs::write(&file, if edits % 2 == 0 && !last { &edited } else { &text });
            edits += 1;
        }
        drain(&p, Duration::from_millis(50));
        let now = rss(pid).unwrap_or(0);
        peak = peak.max(now);
        if trace && start.elapsed().as_secs() >= traced {
            traced += 1;
            println!("    {:>4.1} s: {:.0} MB (peak {:.0} MB)", start.elapsed().as_secs_f64(), mb(now), mb(peak));
        }
    }
    let used = super::cpu(pid).unwrap_or(0.0) - cpu;
    // A reload still running when the edits stop counts in the peak.
    let quiet = Instant::now();
    let mut busy = 0.0;
    while quiet.elapsed() < QUIET {
        let cpu = super::cpu(pid).unwrap_or(0.0);
        drain(&p, Duration::from_secs(1));
        busy = super::cpu(pid).unwrap_or(0.0) - cpu;
        let now = rss(pid).unwrap_or(0);
        peak = peak.max(now);
        if trace {
            println!("    quiet {:>4.1} s: {:.0} MB", quiet.elapsed().as_secs_f64(), mb(now));
        }
    }
    let after = rss(pid).unwrap_or(0);
    let r = peak as f64 / rest as f64;
    rows.push(Row {
        what: what[1],
        figure: format!("{:.0} MB = {r:.2}x rest ({edits} edits, {used:.1} s CPU)", mb(peak)),
        goal: "≤ 1.5x rest",
        met: r <= 1.5,
    });
    let r = after as f64 / rest as f64;
    // Still loading (a core busy in the last second): what it keeps once done, too.
    let still = (busy > 0.1).then(|| {
        let done = Instant::now();
        while done.elapsed() < Duration::from_secs(60) {
            let cpu = super::cpu(pid).unwrap_or(0.0);
            drain(&p, Duration::from_secs(1));
            if super::cpu(pid).unwrap_or(0.0) - cpu < 0.05 {
                break;
            }
        }
        let idle = rss(pid).unwrap_or(0);
        format!("; still reloading: {:.0} MB = {:.2}x once idle", mb(idle), idle as f64 / rest as f64)
    });
    rows.push(Row {
        what: what[2],
        figure: format!("{:.0} MB = {r:.2}x rest{}", mb(after), still.unwrap_or_default()),
        goal: "≤ 1.1x rest",
        met: r <= 1.1,
    });
}
