//! STIX 2.1 in and out on 1,000 generated briefings, each run timed as a whole
//! process the way a person runs it: `cargo bench --bench interchange`.
//! Targets: `brief export --all --format stix` of 1,000 briefings ≤ 1 s;
//! `brief import` of a 50 MB bundle ≤ 2 s. The whole folder's bundle is larger
//! than 50 MB, so the target row imports a bundle of the first briefings, cut
//! to about 50 MB; importing the whole bundle is shown beside it, for reference.

#[path = "gen/mod.rs"]
mod corpus_gen;

use corpus_gen::BRIEFINGS;

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 9;
const EXPORT_TARGET: Duration = Duration::from_secs(1);
const IMPORT_TARGET: Duration = Duration::from_secs(2);
const IMPORT_BYTES: f64 = 50e6;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Wall time of one `brief` run; an error, with its stderr, if it exits non-zero.
fn time(exe: &Path, args: &[&OsStr]) -> io::Result<Duration> {
    let mut cmd = Command::new(exe);
    cmd.args(args).env_remove("BRIEF_DIR").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output()?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(io::Error::other(format!("brief {args:?} exited with {}: {}", out.status, err.trim())));
    }
    Ok(elapsed)
}

/// Median, fastest and slowest of `RUNS` runs of `f`, after one untimed run
/// that warms the page cache and that `first` checks.
fn runs(
    mut f: impl FnMut() -> io::Result<Duration>,
    first: impl FnOnce() -> io::Result<()>,
) -> io::Result<[Duration; 3]> {
    f()?;
    first()?;
    let mut times = (0..RUNS).map(|_| f()).collect::<io::Result<Vec<_>>>()?;
    times.sort();
    Ok([times[RUNS / 2], times[0], times[RUNS - 1]])
}

fn toml_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .count()
}

/// `brief import` of `bundle` into a fresh empty folder each run (emptied
/// outside the timed part); the first run must write `briefings` files, and,
/// when `check` is set, leave a folder `brief check` passes with every entity.
fn import(exe: &Path, bundle: &Path, out: &Path, briefings: usize, check: bool) -> io::Result<[Duration; 3]> {
    let args = ["import".as_ref(), bundle.as_os_str(), "--out".as_ref(), out.as_os_str()];
    let fresh = || {
        let _ = fs::remove_dir_all(out);
        fs::create_dir_all(out)?;
        time(exe, &args)
    };
    runs(fresh, || {
        let n = toml_files(out);
        if n != briefings {
            return Err(io::Error::other(format!("{} holds {n} briefing files, not {briefings}", out.display())));
        }
        if check {
            let got = Command::new(exe).arg("--dir").arg(out).arg("check").stdin(Stdio::null()).output()?;
            let want = format!("ok: {briefings} files, {} entities, no problems\n", briefings * corpus_gen::PER_FILE);
            if !got.status.success() || got.stdout != want.as_bytes() {
                let said = String::from_utf8_lossy(&got.stdout);
                return Err(io::Error::other(format!("brief check on {}: {}", out.display(), said.trim())));
            }
        }
        Ok(())
    })
}

fn main() -> ExitCode {
    match bench() {
        Ok(ok) if ok => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("interchange bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench() -> io::Result<bool> {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let dir = corpus_gen::bench_folder(exe)?;
    let work = dir.with_file_name("bench-interchange");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let (full, subset) = (work.join("bundle.json"), work.join("bundle-50mb.json"));
    let export = |ids: &[String], to: &Path| {
        let mut args = vec!["--dir".as_ref(), dir.as_os_str(), "export".as_ref(), "--format".as_ref(), "stix".as_ref()];
        args.extend(ids.iter().map(OsStr::new));
        args.extend(["-o".as_ref(), to.as_os_str()]);
        time(exe, &args)
    };
    let all = ["--all".to_owned()];
    let export_times = runs(|| export(&all, &full), || Ok(()))?;
    let full_bytes = fs::metadata(&full)?.len();
    // The first briefings, as many as make about 50 MB at the whole bundle's bytes per briefing.
    let n = ((BRIEFINGS as f64 * IMPORT_BYTES / full_bytes as f64).round() as usize).clamp(1, BRIEFINGS);
    export(&(0..n).map(corpus_gen::briefing_id).collect::<Vec<_>>(), &subset)?;
    let subset_bytes = fs::metadata(&subset)?.len();
    // Their links into the briefings left out dangle, so only the whole import is checked.
    let subset_times = import(exe, &subset, &work.join("out-50mb"), n, false)?;
    let full_times = import(exe, &full, &work.join("out"), BRIEFINGS, true)?;

    println!("brief export/import, STIX 2.1: {BRIEFINGS} generated briefings, {RUNS} runs each (warm cache)");
    println!("  {:<52} {:>9} {:>15}  {:<8} verdict", "row", "median", "min–max", "target");
    let rows = [
        (format!("export --all, {BRIEFINGS} briefings → {:.1} MB", mb(full_bytes)), export_times, Some(EXPORT_TARGET)),
        (format!("import {:.1} MB bundle ({n} briefings)", mb(subset_bytes)), subset_times, Some(IMPORT_TARGET)),
        (format!("import {:.1} MB bundle ({BRIEFINGS} briefings), for reference", mb(full_bytes)), full_times, None),
    ];
    let mut ok = true;
    for (what, [median, min, max], target) in rows {
        let (goal, verdict) = match target {
            Some(t) => {
                ok &= median <= t;
                (format!("≤ {} s", t.as_secs()), if median <= t { "met" } else { "MISSED" })
            }
            None => ("-".to_owned(), "-"),
        };
        let range = format!("{:.0}–{:.0} ms", ms(min), ms(max));
        println!("  {what:<52} {:>6.0} ms {range:>15}  {goal:<8} {verdict}", ms(median));
    }
    Ok(ok)
}
