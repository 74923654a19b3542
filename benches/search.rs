//! Search over 1,000 generated briefings (~50,000 entities): `cargo bench --bench search`.
//!
//! - In process: each keystroke of a query typed one char at a time, as the
//!   reader's `/` overlay searches; p50/p95 per query length. Target: p95 < 16 ms.
//! - Whole process: `brief search WORD` with a warm cache against `rg -i WORD`
//!   over the same folder. Target: within 4x of rg (skipped when rg is absent).

#[path = "gen/mod.rs"]
mod corpus_gen;

use corpus_gen::BRIEFINGS;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use brief::search::{Index, cache};

const TYPING_ROUNDS: usize = 20;
const PROCESS_RUNS: usize = 21;
const KEYSTROKE_TARGET_MS: f64 = 16.0;
const RG_RATIO_TARGET: f64 = 4.0;
/// ASCII and not, one kind-prefixed, two words, and one that matches nothing.
const QUERIES: &[&str] =
    &["neumann", "łódź", "c: fake", "krasnogorsk attack", "zzqx", "Şamil Kaya", "ахмед", "münchen", "attack"];
const WORDS: &[&str] = &["neumann", "attack", "łódź", "kowalczyk", "zzqx"];

fn main() -> ExitCode {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let dir = match corpus_gen::bench_folder(exe) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("search bench: cannot write the folder of generated briefings: {e}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let corpus = match brief::load::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("search bench: cannot load {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let loaded = start.elapsed();
    let start = Instant::now();
    let index = Index::build(&corpus);
    let built = start.elapsed();
    if index.len() != BRIEFINGS * corpus_gen::PER_FILE {
        eprintln!("search bench: {} entities, expected {}", index.len(), BRIEFINGS * corpus_gen::PER_FILE);
        return ExitCode::FAILURE;
    }
    println!("brief search, {BRIEFINGS} briefings, {} entities", index.len());
    println!("  load {:.0} ms, then build the index {:.0} ms", ms(loaded), ms(built));
    let keys_ok = keystrokes(&index);
    let cache_dir = dir.with_file_name("bench-search-cache");
    let process_ok = whole_process(exe, &dir, &cache_dir);
    if keys_ok && process_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((sorted.len() * p).div_ceil(100)).max(1) - 1]
}

/// Every query typed one char at a time, `TYPING_ROUNDS` times: the time of
/// each keystroke's search, by the length of the query so far.
fn keystrokes(index: &Index) -> bool {
    let mut by_len: Vec<Vec<Duration>> = vec![Vec::new(); 13];
    let mut scratch: Vec<Vec<Duration>> = vec![Vec::new(); 13];
    for _ in 0..TYPING_ROUNDS {
        for q in QUERIES {
            let chars: Vec<char> = q.chars().collect();
            for n in 1..=chars.len().min(12) {
                let typed: String = chars[..n].iter().collect();
                let start = Instant::now();
                let hits = index.search(&typed, 50);
                by_len[n].push(start.elapsed());
                std::hint::black_box(hits);
            }
            // The same lengths with nothing to narrow from: a pasted query, or a deleted letter.
            for n in 1..=chars.len().min(12) {
                let typed: String = chars[..n].iter().collect();
                std::hint::black_box(index.search("§", 50));
                let start = Instant::now();
                std::hint::black_box(index.search(&typed, 50));
                scratch[n].push(start.elapsed());
            }
        }
    }
    println!("  one keystroke, in process (limit 50), {TYPING_ROUNDS} rounds of {} queries:", QUERIES.len());
    println!("    chars   typed p50   typed p95   from scratch p50   from scratch p95");
    let mut worst = Duration::ZERO;
    for n in 1..=12 {
        by_len[n].sort();
        scratch[n].sort();
        if by_len[n].is_empty() {
            continue;
        }
        let (tp95, sp95) = (percentile(&by_len[n], 95), percentile(&scratch[n], 95));
        worst = worst.max(tp95).max(sp95);
        println!(
            "    {n:>5}   {:>6.2} ms   {:>6.2} ms   {:>13.2} ms   {:>13.2} ms",
            ms(percentile(&by_len[n], 50)),
            ms(tp95),
            ms(percentile(&scratch[n], 50)),
            ms(sp95)
        );
    }
    per_query(index);
    let ok = ms(worst) < KEYSTROKE_TARGET_MS;
    println!("  target: every p95 < {KEYSTROKE_TARGET_MS} ms: {} (worst {:.2} ms)", verdict(ok), ms(worst));
    ok
}

/// Each whole query searched from scratch: its median and its hit count.
fn per_query(index: &Index) {
    println!("  whole queries from scratch (limit 50), and how many match in all:");
    for q in QUERIES {
        let mut times = Vec::with_capacity(TYPING_ROUNDS);
        for _ in 0..TYPING_ROUNDS {
            std::hint::black_box(index.search("§", 1));
            let start = Instant::now();
            std::hint::black_box(index.search(q, 50));
            times.push(start.elapsed());
        }
        let found = index.search(q, usize::MAX).len();
        times.sort();
        println!("    {:<22} {:>6.2} ms  {found} matches", format!("{q:?}"), ms(percentile(&times, 50)));
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// Wall time of one child process, its stdout thrown away through a pipe.
fn time(cmd: &mut Command) -> Option<Duration> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    let start = Instant::now();
    let out = cmd.output().ok()?;
    let elapsed = start.elapsed();
    // Exit 1 is "nothing matched" for both tools.
    matches!(out.status.code(), Some(0 | 1)).then_some(elapsed)
}

fn median_of(mut make: impl FnMut() -> Command) -> Option<(Duration, Duration)> {
    let mut times = Vec::with_capacity(PROCESS_RUNS);
    for _ in 0..PROCESS_RUNS {
        times.push(time(&mut make())?);
    }
    times.sort();
    Some((percentile(&times, 50), percentile(&times, 95)))
}

fn whole_process(exe: &Path, dir: &Path, cache_dir: &PathBuf) -> bool {
    let _ = fs::remove_dir_all(cache_dir);
    let brief = |word: &str| {
        let mut cmd = Command::new(exe);
        cmd.args(["search", word, "--dir"]).arg(dir).env("BRIEF_CACHE_DIR", cache_dir).env_remove("BRIEF_DIR");
        cmd
    };
    let Some(cold) = time(&mut brief("neumann")) else {
        eprintln!("search bench: brief search failed");
        return false;
    };
    let cache_size = fs::read_dir(cache_dir)
        .map_or(0, |d| d.filter_map(Result::ok).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum::<u64>());
    println!("  brief search as a whole process:");
    println!("    cold (parse, build, write the cache): {:.0} ms; cache {:.1} MB", ms(cold), cache_size as f64 / 1e6);
    cache_read_time(dir, cache_dir);
    let rg = Command::new("rg").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if !rg {
        println!("    rg not found: the comparison with ripgrep is skipped (apt-get install ripgrep)");
    }
    let mut ok = true;
    println!("    word         brief p50   brief p95      rg -i p50   ratio");
    for word in WORDS {
        let Some((b50, b95)) = median_of(|| brief(word)) else {
            eprintln!("search bench: brief search {word} failed");
            return false;
        };
        let rg_time = if rg {
            median_of(|| {
                let mut cmd = Command::new("rg");
                cmd.arg("-i").arg(word).arg(dir);
                cmd
            })
        } else {
            None
        };
        let (rg_shown, ratio) = match rg_time {
            Some((r50, _)) => (format!("{:>6.1} ms", ms(r50)), ms(b50) / ms(r50)),
            None => ("     -   ".to_string(), 0.0),
        };
        ok &= ratio < RG_RATIO_TARGET;
        println!("    {word:<10} {:>7.1} ms  {:>7.1} ms   {rg_shown}   {ratio:>4.1}x", ms(b50), ms(b95));
    }
    if rg {
        println!("  target: brief within {RG_RATIO_TARGET}x of rg -i (medians, warm cache): {}", verdict(ok));
    }
    ok
}

/// How long finding, checking and reading the cache takes in process.
fn cache_read_time(dir: &Path, cache_dir: &Path) {
    let mut times = Vec::new();
    for _ in 0..PROCESS_RUNS {
        let start = Instant::now();
        let Ok(key) = cache::Key::in_folder(dir, cache_dir) else { return };
        let key_time = start.elapsed();
        let Some(store) = cache::read(&key) else {
            println!("    the cache was not read back");
            return;
        };
        let index = Index::from_store(store);
        times.push((key_time, start.elapsed()));
        std::hint::black_box(index);
    }
    times.sort();
    let (key, all) = times[times.len() / 2];
    println!("    warm start in process: fingerprint the folder {:.1} ms, whole cache read {:.1} ms", ms(key), ms(all));
}
