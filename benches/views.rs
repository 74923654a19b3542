//! Questions over the whole folder, on 1,000 generated briefings (~50,000
//! entities): `cargo bench --bench views`.
//!
//! - The reader's `&` filter typed one key at a time: each keystroke works
//!   out the matches and the list and panes they leave. Target: p95 ≤ 16 ms.
//! - Opening the contradictions view and the timeline. Target: ≤ 50 ms.
//! - `brief search 'is:contradicted'` as a whole process, warm cache, against
//!   the same command with a word query. Target: within 2x.

#[path = "gen/mod.rs"]
mod corpus_gen;

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use brief::reader::filtered::Filtered;
use brief::reader::pairs::PairsView;
use brief::reader::timeline::TimelineView;
use brief::search::{Index, Marks};

const ROUNDS: usize = 20;
const PROCESS_RUNS: usize = 21;
const FILTERS: &[&str] =
    &["is:unreviewed", "c: is:contradicted", "tag:russia tlp:<=green", "grade:<=C3 date:2004", "by:actor"];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((sorted.len() * p).div_ceil(100)).max(1) - 1]
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

fn main() -> ExitCode {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let dir = match corpus_gen::bench_folder(exe) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("views bench: cannot write the folder of generated briefings: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok(corpus) = brief::load::load(&dir) else {
        eprintln!("views bench: cannot load {}", dir.display());
        return ExitCode::FAILURE;
    };
    let index = Index::build(&corpus);
    if corpus.entities.len() != corpus_gen::BRIEFINGS * corpus_gen::PER_FILE {
        eprintln!(
            "views bench: {} entities, expected {}",
            corpus.entities.len(),
            corpus_gen::BRIEFINGS * corpus_gen::PER_FILE
        );
        return ExitCode::FAILURE;
    }
    println!("brief views, {} briefings, {} entities", corpus.briefings.len(), corpus.entities.len());
    let ok = [filter_keystrokes(&corpus, &index), views(&corpus), whole_process(exe, &dir)];
    if ok.iter().all(|o| *o) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Each filter typed one char at a time, `ROUNDS` times.
fn filter_keystrokes(corpus: &brief::Corpus, index: &Index) -> bool {
    let marks = Marks::default();
    let mut times = Vec::new();
    println!("  the & filter, one keystroke (the matches, then the list and panes they leave):");
    for q in FILTERS {
        let mut these = Vec::new();
        let chars: Vec<char> = q.chars().collect();
        for _ in 0..ROUNDS {
            for n in 1..=chars.len() {
                let typed: String = chars[..n].iter().collect();
                let start = Instant::now();
                std::hint::black_box(Filtered::new(corpus, index, &typed, &marks).ok());
                these.push(start.elapsed());
            }
        }
        these.sort();
        let matched = Filtered::new(corpus, index, q, &marks).map_or(0, |f| f.matched);
        println!(
            "    {:<26} p50 {:>6.2} ms  p95 {:>6.2} ms  ({matched} matches)",
            format!("{q:?}"),
            ms(percentile(&these, 50)),
            ms(percentile(&these, 95))
        );
        times.extend(these);
    }
    times.sort();
    let p95 = percentile(&times, 95);
    let ok = ms(p95) <= 16.0;
    println!("  target: p95 per keystroke ≤ 16 ms: {} ({:.2} ms over every keystroke)", verdict(ok), ms(p95));
    ok
}

fn median(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(ROUNDS);
    let mut n = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        n = std::hint::black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    (percentile(&times, 50), n)
}

fn views(corpus: &brief::Corpus) -> bool {
    let (pairs, n_pairs) = median(|| PairsView::new(corpus, false, |_| true).pairs.len());
    let (timeline, n_items) = median(|| TimelineView::new(corpus, |_| true).items.len());
    println!("  opening a view, median of {ROUNDS}:");
    println!("    contradictions  {:>6.2} ms  ({n_pairs} pairs)", ms(pairs));
    println!("    timeline        {:>6.2} ms  ({n_items} dated)", ms(timeline));
    let ok = ms(pairs) <= 50.0 && ms(timeline) <= 50.0;
    println!("  target: each ≤ 50 ms: {}", verdict(ok));
    ok
}

fn run(exe: &Path, dir: &Path, cache: &Path, query: &str) -> Option<Duration> {
    let mut cmd = Command::new(exe);
    cmd.args(["search", query, "--limit", "0", "--dir"]).arg(dir);
    cmd.env("BRIEF_CACHE_DIR", cache).env("BRIEF_STATE", cache.join("state.toml")).env_remove("BRIEF_DIR");
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    let start = Instant::now();
    let out = cmd.output().ok()?;
    matches!(out.status.code(), Some(0 | 1)).then(|| start.elapsed())
}

/// Filters and words alternate run by run, so the machine's noise falls on both.
fn whole_process(exe: &Path, dir: &Path) -> bool {
    let cache = dir.with_file_name("bench-views-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let _ = run(exe, dir, &cache, "warm");
    let (mut filter, mut word) = (Vec::new(), Vec::new());
    for _ in 0..PROCESS_RUNS {
        let (Some(f), Some(w)) = (run(exe, dir, &cache, "is:contradicted"), run(exe, dir, &cache, "attack")) else {
            eprintln!("views bench: brief search failed");
            return false;
        };
        filter.push(f);
        word.push(w);
    }
    filter.sort();
    word.sort();
    let (f, w) = (percentile(&filter, 50), percentile(&word, 50));
    let ratio = ms(f) / ms(w);
    println!("  brief search as a whole process, warm cache, --limit 0, median of {PROCESS_RUNS}:");
    println!("    'is:contradicted' {:>6.1} ms   'attack' {:>6.1} ms   ratio {ratio:.2}", ms(f), ms(w));
    let ok = ratio <= 2.0;
    println!("  target: within 2x of a word query: {}", verdict(ok));
    ok
}
