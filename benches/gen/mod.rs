//! A large, deterministic folder of valid briefings for benchmarks: every run
//! writes the same bytes, and every link names an entity that exists.

mod words;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use words::{FIRST, LAST, ORG_HEADS, ORG_TOPICS, PLACES, PUBLISHERS, SCRIPT_NAMES, TAGS, WORDS};

pub const SOURCES: usize = 6;
pub const ACTORS: usize = 10;
pub const CLAIMS: usize = 26;
pub const PRECEDENTS: usize = 7;
/// Entities in one generated file, the briefing included.
pub const PER_FILE: usize = 1 + SOURCES + ACTORS + CLAIMS + PRECEDENTS;

/// Briefings in the benchmarks' folder.
pub const BRIEFINGS: usize = 1000;
/// Bump when the generator changes, so an old folder is written anew.
const VERSION: u32 = 1;

/// The benchmarks' shared folder, `target/bench-corpus` beside the binary
/// `exe`: written the first time, reused while its stamp says it is current.
#[allow(dead_code)] // the generate example writes elsewhere
pub fn bench_folder(exe: &Path) -> io::Result<PathBuf> {
    let target = exe.parent().and_then(Path::parent).ok_or_else(|| io::Error::other("no target folder"))?;
    let dir = target.join("bench-corpus");
    let stamp = dir.join(".generated");
    let want = format!("{BRIEFINGS} briefings, generator {VERSION}\n");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&dir);
    generate(&dir, BRIEFINGS)?;
    fs::write(stamp, want)?;
    Ok(dir)
}

const LIKELIHOOD: &[&str] = &["very unlikely", "unlikely", "roughly even chance", "likely", "very likely"];

/// Xorshift64: tiny, seeded with a constant so every run is the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

/// Ids of generated entities: file number and index within the file.
fn id(kind: &str, file: usize, k: usize) -> String {
    format!("{kind}-{file:04}-{k:02}")
}

pub fn briefing_id(file: usize) -> String {
    format!("briefing-{file:04}")
}

/// Writes `briefings` files into `dir` (created if needed); returns the bytes written.
pub fn generate(dir: &Path, briefings: usize) -> io::Result<u64> {
    fs::create_dir_all(dir)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut total = 0;
    for file in 0..briefings {
        let text = briefing(&mut rng, file, briefings);
        total += text.len() as u64;
        fs::write(dir.join(format!("{}.toml", briefing_id(file))), text)?;
    }
    Ok(total)
}

/// Another file than `file`, near it or anywhere, so links cross files.
fn other(rng: &mut Rng, file: usize, n: usize) -> usize {
    if n < 2 {
        return file;
    }
    let step = if rng.below(2) == 0 { 1 + rng.below(5) } else { 1 + rng.below(n - 1) };
    (file + step.min(n - 1)) % n
}

/// `least` to `least + spread - 1` random words, as a sentence: capitalised, with a full stop.
fn sentence(rng: &mut Rng, least: usize, spread: usize) -> String {
    let words = least + rng.below(spread);
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|f| f.to_uppercase().collect::<String>()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// `least` to `least + spread - 1` sentences, some holding an inline link to another file.
fn prose(rng: &mut Rng, file: usize, n: usize, least: usize, spread: usize) -> String {
    let sentences = least + rng.below(spread);
    let mut out = String::new();
    for i in 0..sentences {
        if i > 0 {
            out.push(if i % 4 == 0 { '\n' } else { ' ' });
        }
        out.push_str(&sentence(rng, 8, 12));
        if rng.below(3) == 0 {
            let f = other(rng, file, n);
            let _ = match rng.below(3) {
                0 => write!(out, " See [[{}]].", id("actor", f, rng.below(ACTORS))),
                1 => write!(out, " Compare [[{}|the earlier claim]].", id("claim", f, rng.below(CLAIMS))),
                _ => write!(out, " Covered in [[{}]].", briefing_id(f)),
            };
        }
    }
    out
}

/// A date in one of the three forms a person writes.
fn date(rng: &mut Rng) -> String {
    let (y, m, d) = (1990 + rng.below(35), 1 + rng.below(12), 1 + rng.below(28));
    match rng.below(4) {
        0 => format!("\"{y}\""),
        1 => format!("\"{y}-{m:02}\""),
        2 => format!("\"{y}-{m:02}-{d:02}\""),
        _ => format!("{y}-{m:02}-{d:02}"),
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn briefing(rng: &mut Rng, file: usize, n: usize) -> String {
    let mut s = String::with_capacity(32 * 1024);
    let _ = writeln!(s, "# Generated briefing {file} of {n}, for benchmarks.");
    // Half the files name their id; the others take it from the file name.
    if file.is_multiple_of(2) {
        let _ = writeln!(s, "id = \"{}\"", briefing_id(file));
    }
    let place = rng.pick(PLACES);
    let _ = writeln!(s, "title = \"{} near {place}: {}\"", sentence(rng, 3, 1).trim_end_matches('.'), rng.pick(WORDS));
    let _ = writeln!(s, "date = {}", date(rng));
    let _ = writeln!(s, "bluf = \"{}\"", prose(rng, file, n, 2, 1).replace('\n', " "));
    let _ = writeln!(s, "summary = \"\"\"\n{}\n\"\"\"", prose(rng, file, n, 6, 1));
    let tags: Vec<String> = (0..3).map(|_| rng.pick(TAGS).to_string()).collect();
    let _ = writeln!(s, "tags = {}", list(&tags));
    let _ = writeln!(s, "tlp = \"{}\"\n", ["clear", "green", "amber", "amber+strict"][rng.below(4)]);
    for k in 0..SOURCES {
        source(rng, &mut s, file, k);
    }
    for k in 0..ACTORS {
        actor(rng, &mut s, file, n, k);
    }
    for k in 0..CLAIMS {
        claim(rng, &mut s, file, n, k);
    }
    for k in 0..PRECEDENTS {
        precedent(rng, &mut s, file, n, k);
    }
    s
}

fn source(rng: &mut Rng, s: &mut String, file: usize, k: usize) {
    let publisher = rng.pick(PUBLISHERS);
    let _ = writeln!(s, "[[sources]]\nid = \"{}\"", id("source", file, k));
    let _ = writeln!(s, "title = \"{}\"", sentence(rng, 6, 6).trim_end_matches('.'));
    let _ = writeln!(s, "publisher = \"{publisher}\"");
    let _ = writeln!(s, "url = \"https://news.example.org/{file}/{k}/{}\"", rng.pick(WORDS).replace(' ', "-"));
    let _ = writeln!(s, "date = {}", date(rng));
    let _ = writeln!(s, "reliability = \"{}\"\n", ["A", "B", "C", "D", "E", "F"][rng.below(6)]);
}

fn person(rng: &mut Rng) -> String {
    if rng.below(5) == 0 {
        rng.pick(SCRIPT_NAMES).to_string()
    } else {
        format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
    }
}

fn actor(rng: &mut Rng, s: &mut String, file: usize, n: usize, k: usize) {
    // The first three of a file are organisations, so the others can be affiliated with them.
    let org = k < 3;
    let name = if org {
        format!("{} for {}, {}", rng.pick(ORG_HEADS), rng.pick(ORG_TOPICS), rng.pick(PLACES))
    } else {
        person(rng)
    };
    let kind = if org { ["organization", "group", "state", "media"][rng.below(4)] } else { "person" };
    let _ = writeln!(s, "[[actors]]\nid = \"{}\"\nname = \"{name}\"\nkind = \"{kind}\"", id("actor", file, k));
    let alias = if org { name.split(' ').next().unwrap_or("").to_string() } else { person(rng) };
    let _ = writeln!(s, "aliases = {}", list(&[alias]));
    let _ = writeln!(s, "role = \"{}\"", sentence(rng, 5, 5).trim_end_matches('.'));
    let _ = writeln!(s, "description = \"\"\"\n{}\n\"\"\"", prose(rng, file, n, 2, 2));
    if !org {
        let f = if rng.below(3) == 0 { other(rng, file, n) } else { file };
        let _ = writeln!(s, "affiliations = {}", list(&[id("actor", f, rng.below(3))]));
    }
    s.push('\n');
}

fn claim(rng: &mut Rng, s: &mut String, file: usize, n: usize, k: usize) {
    let _ = writeln!(s, "[[claims]]\nid = \"{}\"", id("claim", file, k));
    let _ = writeln!(s, "text = \"{}\"", sentence(rng, 8, 8));
    let by_file = if rng.below(4) == 0 { other(rng, file, n) } else { file };
    let _ = writeln!(s, "by = \"{}\"", id("actor", by_file, rng.below(ACTORS)));
    let _ = writeln!(s, "date = {}", date(rng));
    let _ = writeln!(s, "quote = \"{}\"", prose(rng, file, n, 1, 2).replace('\n', " "));
    let sources: Vec<String> = (0..=rng.below(2)).map(|_| id("source", file, rng.below(SOURCES))).collect();
    let _ = writeln!(s, "sources = {}", list(&sources));
    let _ = writeln!(s, "credibility = {}", 1 + rng.below(6));
    let _ = writeln!(s, "confidence = \"{}\"", ["low", "moderate", "high"][rng.below(3)]);
    let _ = writeln!(s, "likelihood = \"{}\"", rng.pick(LIKELIHOOD));
    let f = other(rng, file, n);
    let about = [id("actor", f, rng.below(ACTORS)), id("precedent", file, rng.below(PRECEDENTS))];
    let _ = writeln!(s, "about = {}", list(&about));
    if k > 0 && rng.below(3) == 0 {
        let _ = writeln!(s, "supports = {}", list(&[id("claim", file, rng.below(k))]));
    }
    if rng.below(4) == 0 {
        let _ = writeln!(s, "contradicts = {}", list(&[id("claim", other(rng, file, n), rng.below(CLAIMS))]));
    }
    s.push('\n');
}

fn precedent(rng: &mut Rng, s: &mut String, file: usize, n: usize, k: usize) {
    let place = rng.pick(PLACES);
    let _ = writeln!(s, "[[precedents]]\nid = \"{}\"", id("precedent", file, k));
    let _ = writeln!(s, "name = \"The {} {} in {place}\"", rng.pick(WORDS), rng.pick(WORDS));
    let (y, m) = (1970 + rng.below(50), 1 + rng.below(12));
    let _ = writeln!(s, "date = {y}-{m:02}-01\nend = {y}-{m:02}-{:02}", 2 + rng.below(26));
    let _ = writeln!(s, "place = \"{place}\"");
    let _ = writeln!(s, "description = \"\"\"\n{}\n\"\"\"", prose(rng, file, n, 3, 2));
    let actors: Vec<String> = (0..2).map(|_| id("actor", other(rng, file, n), rng.below(ACTORS))).collect();
    let _ = writeln!(s, "actors = {}", list(&actors));
    let _ = writeln!(s, "relevance = \"{}\"", sentence(rng, 14, 10));
    let similar: Vec<String> = (0..2).map(|_| sentence(rng, 6, 6)).collect();
    let _ = writeln!(s, "similarities = {}", list(&similar));
    let _ = writeln!(s, "differences = {}", list(&[sentence(rng, 6, 6)]));
    if rng.below(3) == 0 {
        let _ = writeln!(s, "briefing = \"{}\"", briefing_id(other(rng, file, n)));
    }
    s.push('\n');
}
