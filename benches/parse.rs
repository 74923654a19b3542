//! The floor under a cold `brief search`: how fast the TOML of 10,000
//! briefings (the scale bench's folder, ~278 MB) can be parsed, beside one
//! pass over its bytes and the stages of the parser under brief's (toml's
//! lexer and event parser, with no tables built): `cargo bench --bench parse`.
//! (basic-toml, a faster parser, reads no TOML dates, which briefings hold.)
//! One thread each, the files already in memory (but for brief's own parse,
//! which reads each file), medians of 3.

#[allow(dead_code)]
#[path = "gen/mod.rs"]
mod corpus_gen;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The scale bench's folder, written when it is not there yet.
fn folder() -> std::io::Result<PathBuf> {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let target = exe.parent().and_then(Path::parent).ok_or_else(|| std::io::Error::other("no target folder"))?;
    let dir = target.join("bench-corpus-10k");
    if !dir.join(".generated").exists() {
        let _ = fs::remove_dir_all(&dir);
        let bytes = corpus_gen::generate(&dir, 10_000)?;
        fs::write(dir.join(".generated"), bytes.to_string())?;
    }
    Ok(dir)
}

/// One way over every file, giving a count to show it did the work.
type Pass<'a> = Box<dyn Fn() -> usize + 'a>;

/// The median of three runs of `f` over every file.
fn time(f: impl Fn() -> usize) -> (Duration, usize) {
    let mut runs: Vec<(Duration, usize)> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let n = f();
            (start.elapsed(), n)
        })
        .collect();
    runs.sort();
    runs[1]
}

fn main() {
    let dir = folder().expect("the generated folder");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().map(|p| fs::read_to_string(p).expect("a briefing")).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} files, {:.0} MB, one thread each, median of 3:", texts.len(), bytes as f64 / 1e6);
    let events = |t: &String| {
        let tokens: Vec<_> = toml_parser::Source::new(t).lex().collect();
        toml_parser::parser::parse_document(&tokens, &mut (), &mut ());
        tokens.len()
    };
    let rows: [(&str, Pass<'_>); 6] = [
        ("read every file", Box::new(|| paths.iter().map(|p| fs::read(p).map_or(0, |b| b.len())).sum())),
        (
            "one pass over the bytes (count lines)",
            Box::new(|| texts.iter().map(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count()).sum()),
        ),
        (
            "toml 0.9, DeTable::parse (brief's, with spans)",
            Box::new(|| texts.iter().filter(|t| toml::de::DeTable::parse(t).is_ok()).count()),
        ),
        (
            "toml_parser: tokens only",
            Box::new(|| texts.iter().map(|t| toml_parser::Source::new(t).lex().count()).sum()),
        ),
        ("toml_parser: tokens and events, no tables", Box::new(|| texts.iter().map(events).sum())),
        (
            "brief's parse of each file (read, TOML, model)",
            Box::new(|| paths.iter().map(|p| brief::load::parse_file(p).entities.len()).sum()),
        ),
    ];
    for (what, f) in rows {
        let (took, n) = time(f);
        let rate = bytes as f64 / took.as_secs_f64() / 1e6;
        println!("  {what:<50} {:>8.0} ms  {rate:>7.0} MB/s  ({n})", took.as_secs_f64() * 1e3);
    }
}
