//! `brief check` on 1,000 generated briefings (~50,000 entities), timed as a
//! whole process the way a person runs it: `cargo bench --bench check`.
//! Targets: median under 0.5 s, peak memory under 4x the folder's size.

#[path = "gen/mod.rs"]
mod corpus_gen;

use corpus_gen::BRIEFINGS;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const TARGET_SECONDS: f64 = 0.5;
const TARGET_MEMORY_RATIO: f64 = 4.0;

fn main() -> ExitCode {
    // `cargo bench` passes flags such as --bench; this harness has none of its own.
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let Ok(bytes) = corpus_gen::bench_folder(exe).and_then(|dir| Ok((folder_bytes(&dir)?, dir))) else {
        eprintln!("check bench: cannot write the folder of generated briefings");
        return ExitCode::FAILURE;
    };
    let (bytes, dir) = bytes;
    let expected = format!("ok: {BRIEFINGS} files, {} entities, no problems\n", BRIEFINGS * corpus_gen::PER_FILE);
    // The first run warms the page cache and proves the folder is valid.
    match run(exe, &dir, true) {
        Ok((_, _, out)) if out == expected => {}
        Ok((_, _, out)) => {
            eprintln!("check bench: the generated folder is not clean:\n{out}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("check bench: cannot run {}: {e}", exe.display());
            return ExitCode::FAILURE;
        }
    }
    let (mut times, mut cpu) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    for _ in 0..RUNS {
        match run(exe, &dir, false) {
            Ok((t, c, _)) => {
                times.push(t);
                cpu.push(c);
            }
            Err(e) => {
                eprintln!("check bench: run failed: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    report(&mut times, &mut cpu, bytes, peak(exe, &dir).unwrap_or_else(|| children_usage().1))
}

/// The peak resident memory of one warm `brief check`, as `/usr/bin/time`
/// measures it. `getrusage` from this harness would count the harness's own
/// peak (generating the folder), which a child inherits until it execs.
fn peak(exe: &Path, dir: &Path) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak %M"])
        .arg(exe)
        .arg("check")
        .arg("--dir")
        .arg(dir)
        .env_remove("BRIEF_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let said = String::from_utf8_lossy(&out.stderr);
    said.lines().rev().find_map(|l| l.strip_prefix("peak ")?.parse::<u64>().ok()).map(|kib| kib * 1024)
}

fn folder_bytes(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in fs::read_dir(dir)? {
        let path: PathBuf = entry?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            total += fs::metadata(&path)?.len();
        }
    }
    Ok(total)
}

/// One `brief check` as a child process: its wall and CPU time and, when asked, its output.
fn run(exe: &Path, dir: &Path, capture: bool) -> std::io::Result<(Duration, Duration, String)> {
    let mut cmd = Command::new(exe);
    cmd.arg("check").arg("--dir").arg(dir).env_remove("BRIEF_DIR").stdin(Stdio::null());
    cmd.stdout(if capture { Stdio::piped() } else { Stdio::null() });
    let (cpu_before, _) = children_usage();
    let start = Instant::now();
    let out = cmd.output()?;
    let elapsed = start.elapsed();
    let (cpu_after, _) = children_usage();
    if !out.status.success() {
        return Err(std::io::Error::other(format!("brief check exited with {}", out.status)));
    }
    Ok((elapsed, cpu_after.saturating_sub(cpu_before), String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// Of every child waited for so far: the CPU time they used, and the largest
/// resident set any of them had, in bytes.
fn children_usage() -> (Duration, u64) {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage) } != 0 {
        return (Duration::ZERO, 0);
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    // Linux reports ru_maxrss in KiB.
    (time(usage.ru_utime) + time(usage.ru_stime), u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

fn report(times: &mut [Duration], cpu: &mut [Duration], bytes: u64, peak: u64) -> ExitCode {
    times.sort();
    cpu.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    let mb = |b: u64| b as f64 / 1e6;
    let ratio = peak as f64 / bytes as f64;
    println!("brief check, {BRIEFINGS} briefings ({} entities), {:.1} MB", BRIEFINGS * corpus_gen::PER_FILE, mb(bytes));
    println!(
        "  time   median {:.0} ms, min {:.0} ms, p95 {:.0} ms over {RUNS} runs (warm cache)",
        ms(median),
        ms(times[0]),
        ms(p95)
    );
    // CPU time moves less than wall time when other work shares the machine.
    println!("  cpu    median {:.0} ms (user + system, both threads)", ms(cpu[cpu.len() / 2]));
    println!("  memory peak RSS {:.1} MB = {ratio:.2}x the folder", mb(peak));
    let time_ok = median.as_secs_f64() < TARGET_SECONDS;
    let memory_ok = ratio < TARGET_MEMORY_RATIO;
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "  targets: median < {:.0} ms {}; peak < {TARGET_MEMORY_RATIO}x folder {}",
        TARGET_SECONDS * 1e3,
        verdict(time_ok),
        verdict(memory_ok)
    );
    if time_ok && memory_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
