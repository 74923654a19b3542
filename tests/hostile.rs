//! Hostile and generated input for the loader, the inline-link parser and the
//! reader's frame: every path stays linear in the input, and random damage to
//! good files never panics, never hides the good files, and always names a place.

mod common;

use common::{Rng, scratch};

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use brief::reader::app::App;
use brief::reader::theme::Theme;
use brief::reader::ui;
use brief::search::Index;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Everything a person meets on one folder: check's load, the search index,
/// show's plain labels, and the reader's first frame at 80x24.
fn every_path(dir: &Path) {
    let corpus = Arc::new(brief::load::load(dir).expect("folder loads"));
    let index = Index::build(&corpus);
    std::hint::black_box(index.search("zz", 10));
    for e in &corpus.entities {
        std::hint::black_box(corpus.plain(e.label()));
    }
    let mut app = App::new(corpus);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let mut vp = app.viewport();
    terminal.draw(|f| ui::draw(f, &app, &Theme::new(true, false), &mut vp)).expect("drawn");
    app.laid_out(vp);
}

/// The worst case of each parser path, `n` repetitions of its unit: the text
/// of `b.toml` and of `other.toml` beside it.
fn worst_cases(n: usize) -> Vec<(&'static str, String, String)> {
    let head = "title = \"t\"\n[[actors]]\nid = \"a1\"\nname = \"x\"\n[[claims]]\nid = \"c1\"\ntext = \"t\"\n";
    let actors: String = (0..n / 4).map(|i| format!("[[actors]]\nid = \"x{i}\"\nname = \"x\"\n")).collect();
    let elsewhere = (0..n / 4).map(|i| format!("\"x{i}\"")).collect::<Vec<_>>().join(",");
    let one = |name, text| (name, text, String::new());
    vec![
        one("ids on one line", format!("{head}about = [{}]\n", vec!["\"a1\""; n].join(","))),
        one("unknown ids on one line", format!("{head}about = [{}]\n", vec!["\"zz\""; n].join(","))),
        one("inline links", format!("{head}quote = \"{}\"\n", "[[a1]] ".repeat(n))),
        one("[[ before one ]]", format!("title = \"t\"\nbluf = \"{}]]\"\n", "[[ ".repeat(n))),
        one("[[ without ]]", format!("title = \"t\"\nbluf = \"{}\"\n", "[[a1 ".repeat(n))),
        one("[[\\n ]] pairs", format!("title = \"t\"\nbluf = \"\"\"{}\"\"\"\n", "[[\n]] ".repeat(n))),
        ("actors defined elsewhere", format!("{head}about = [{elsewhere}]\n"), format!("title = \"o\"\n{actors}")),
    ]
}

fn time(dir: &Path, text: &str, other: &str) -> Duration {
    fs::write(dir.join("b.toml"), text).expect("write");
    fs::write(dir.join("other.toml"), other).expect("write");
    let start = Instant::now();
    every_path(dir);
    start.elapsed()
}

/// Four times the input takes about four times as long (a quadratic path takes
/// sixteen): the ratio (under 10) is asserted with room for a noisy machine, and the large
/// size has a bound no quadratic path meets (they took 9 to 90 s at 1 MiB).
#[test]
fn every_parser_path_is_linear_in_its_input() {
    let dir = scratch("linear");
    let small = worst_cases(10_000);
    let large = worst_cases(40_000);
    for ((name, small, other1), (_, large, other4)) in small.iter().zip(&large) {
        // The fastest of three runs each: a busy machine slows single runs.
        let t1 = (0..3).map(|_| time(&dir, small, other1)).min().expect("three runs");
        let t4 = (0..3).map(|_| time(&dir, large, other4)).min().expect("three runs");
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-4);
        eprintln!("{name}: {} KB {t1:?}, {} KB {t4:?}, ratio {ratio:.1}", small.len() / 1024, large.len() / 1024);
        assert!(t4 < Duration::from_secs(10), "{name}: {t4:?} for {} bytes", large.len());
        assert!(ratio < 10.0 || t4 < Duration::from_millis(300), "{name}: 4x the input took {ratio:.1}x as long");
    }
}

/// Bytes that make TOML and brief's own syntax go wrong in interesting ways.
const PIECES: &[&[u8]] = &[
    b"[[",
    b"]]",
    b"\"",
    b"\"\"\"",
    b"\n",
    b"=",
    b"[",
    b"]",
    b"|",
    b"\xff",
    b"\x1b[2J",
    b"\xe2\x80\xae",
    b"id = ",
    b",",
];

fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.splice(at..at, PIECES[rng.below(PIECES.len())].iter().copied()).for_each(drop),
            1 => bytes.truncate(at),
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
}

/// Mutated copies of the seed briefings beside an untouched good file: for a
/// bounded time, no load panics, the good file's entities always load, every
/// problem names a file in the folder and a line inside it, and no escape
/// character from the damaged text reaches a message.
#[test]
fn damaged_briefings_never_panic_or_hide_the_good_file() {
    let seeds = common::briefings();
    let originals: Vec<Vec<u8>> = ["moscow-attack-2024.toml", "russia-hostage-sieges.toml"]
        .iter()
        .map(|f| fs::read(seeds.join(f)).expect("seed briefing"))
        .collect();
    let dir = scratch("mutations");
    fs::copy(seeds.join("ispk.toml"), dir.join("ispk.toml")).expect("good file");
    let good = brief::load::load(&dir).expect("loads").entities.len();
    let (mut rng, start, mut runs) = (Rng(0x9e37_79b9_7f4a_7c15), Instant::now(), 0);
    while start.elapsed() < Duration::from_secs(4) && runs < 3_000 {
        let mut bytes = originals[runs % originals.len()].clone();
        mutate(&mut bytes, &mut rng);
        fs::write(dir.join("damaged.toml"), &bytes).expect("write");
        let corpus = brief::load::load(&dir).expect("folder loads");
        let lines = bytes.split(|&b| b == b'\n').count() as u32;
        assert!(corpus.get("ispk").is_some(), "run {runs}: the good file was hidden");
        assert!(corpus.entities.len() >= good, "run {runs}: fewer entities than the good file has");
        for d in &corpus.diagnostics {
            assert!(d.path.starts_with(&dir), "run {runs}: {d}");
            let limit = if d.path.ends_with("damaged.toml") { lines } else { u32::MAX };
            assert!(d.line <= limit, "run {runs}: {d} is past the file's {lines} lines");
            assert!(!d.to_string().contains('\x1b'), "run {runs}: an escape in {d:?}");
        }
        runs += 1;
    }
    eprintln!("{runs} damaged briefings loaded");
    assert!(runs >= 50, "only {runs} runs in the time given");
}

/// A file broken through and through lists its first problems and counts the
/// rest in one note, and the totals stay exact.
#[test]
fn past_a_hundred_problems_a_file_counts_the_rest() {
    let dir = scratch("unlisted");
    let ids = (0..150).map(|i| format!("\"zz{i}\"")).collect::<Vec<_>>().join(",");
    let text = format!("title = \"t\"\n[[claims]]\nid = \"c1\"\ntext = \"t\"\nabout = [{ids}]\nnope = 1\n");
    fs::write(dir.join("b.toml"), text).expect("write");
    fs::write(dir.join("good.toml"), "title = \"g\"\n[[claims]]\nid = \"c2\"\ntext = \"t\"\nabout = [\"zz\"]\n")
        .expect("write");
    let corpus = brief::load::load(&dir).expect("loads");
    assert_eq!((corpus.errors(), corpus.warnings()), (151, 1));
    let of = |f: &str| {
        corpus
            .diagnostics
            .iter()
            .filter(|d| d.path.ends_with(f))
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>()
    };
    let broken = of("b.toml");
    assert_eq!(broken.len(), 101, "{broken:#?}");
    assert!(broken[..100].iter().any(|d| d.contains("unknown key 'nope'")), "the parser's own warning is listed");
    assert!(
        broken[100].ends_with("b.toml: note: 51 more errors in this file not listed (only its first 100 problems are)")
    );
    assert_eq!(of("good.toml").len(), 1, "the other file's problem is listed as ever");
}
