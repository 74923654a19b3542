//! MITRE ATT&CK in, timed as a person runs it: `cargo bench --bench attack`.
//! A generated bundle of ATT&CK Enterprise's size and shape (about 24,000
//! objects, 45 MB: techniques and sub-techniques, malware, tools, groups,
//! campaigns, mitigations, ATT&CK's bookkeeping, 19,000 relationships whose
//! descriptions hold Markdown links and citations) must import in ≤ 2 s and
//! the folder made pass `brief check` in ≤ 1 s. The real bundles are measured
//! too when a copy is in `target/attack/` (or `$BRIEF_ATTACK_DIR`):
//! `enterprise-attack.json`, `mobile-attack.json`, `ics-attack.json` from
//! mitre-attack/attack-stix-data; they are not committed, and the bench says
//! so and goes on when one is absent.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const RUNS: usize = 5;
const IMPORT_TARGET: Duration = Duration::from_secs(2);
const CHECK_TARGET: Duration = Duration::from_secs(1);
const IDENTITY: &str = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
const MARKING: &str = "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168";

/// A small deterministic generator: the same bundle every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const WORDS: [&str; 24] = [
    "adversaries",
    "may",
    "use",
    "credentials",
    "network",
    "service",
    "to",
    "access",
    "systems",
    "the",
    "malware",
    "collects",
    "data",
    "from",
    "remote",
    "hosts",
    "and",
    "exfiltrates",
    "it",
    "over",
    "encrypted",
    "channels",
    "during",
    "operations",
];

fn uuid(kind: &str, n: usize) -> String {
    format!("{kind}--{:08x}-0000-4000-8000-{n:012x}", n as u32 ^ kind.len() as u32)
}

struct Gen {
    rng: Lcg,
    objects: Vec<Value>,
}

impl Gen {
    fn words(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(if i == 0 { "" } else { " " });
            s.push_str(WORDS[self.rng.next(WORDS.len())]);
        }
        s
    }

    fn reference(&mut self) -> Value {
        let n = self.rng.next(3_000);
        json!({"source_name": format!("Report {n} 2021"), "url": format!("https://example.org/reports/{n}"),
               "description": format!("Author {n}. (2021, May 1). Report {n} on an intrusion. Retrieved June 1, 2021.")})
    }

    /// Prose of `sentences` sentences, each with a citation; some with a Markdown link to `link`.
    fn prose(&mut self, sentences: usize, refs: &[Value], link: Option<(&str, &str)>) -> String {
        let mut s = String::new();
        for i in 0..sentences {
            if let (0, Some((name, url))) = (i % 3, link) {
                let _ = write!(s, "[{name}]({url}) ");
            }
            let cited = refs.get(i % refs.len().max(1)).map_or("", |r| r["source_name"].as_str().unwrap_or(""));
            let words = 12 + self.rng.next(12);
            let _ = write!(s, "{}.(Citation: {cited}) ", self.words(words));
        }
        s.trim_end().to_string()
    }

    fn object(&mut self, kind: &str, n: usize, prefix: &str, sentences: usize) -> (String, String, String) {
        let id = uuid(kind, n);
        let ext = format!("{prefix}{:04}", n % 10_000);
        let url = format!("https://attack.mitre.org/{kind}/{ext}");
        let name = format!("{} {n}", self.words(2));
        let refs: Vec<Value> = (0..=self.rng.next(4)).map(|_| self.reference()).collect();
        let description = self.prose(sentences, &refs, None);
        let mut all = vec![json!({"source_name": "mitre-attack", "external_id": ext, "url": url})];
        all.extend(refs);
        let mut o = json!({"type": kind, "spec_version": "2.1", "id": id, "created": "2020-01-01T00:00:00.000Z",
            "modified": "2025-01-01T00:00:00.000Z", "created_by_ref": IDENTITY, "object_marking_refs": [MARKING],
            "name": name, "description": description, "external_references": all,
            "x_mitre_version": "1.0", "x_mitre_domains": ["enterprise-attack"]});
        if kind == "malware" || kind == "tool" {
            o["x_mitre_aliases"] = json!([name.clone(), format!("alias {n}")]);
        }
        if kind == "malware" {
            o["is_family"] = json!(true);
        }
        if kind == "intrusion-set" {
            o["aliases"] = json!([name.clone(), format!("group alias {n}")]);
        }
        self.objects.push(o);
        (id, name, url)
    }

    fn relationship(&mut self, n: usize, kind: &str, from: &(String, String, String), to: &(String, String, String)) {
        let refs: Vec<Value> = (0..=self.rng.next(2)).map(|_| self.reference()).collect();
        let sentences = 3 + self.rng.next(4);
        let description = self.prose(sentences, &refs, Some((&from.1, &from.2)));
        self.objects.push(json!({"type": "relationship", "spec_version": "2.1", "id": uuid("relationship", n),
            "created": "2020-01-01T00:00:00.000Z", "modified": "2025-01-01T00:00:00.000Z", "created_by_ref": IDENTITY,
            "object_marking_refs": [MARKING], "relationship_type": kind, "source_ref": from.0, "target_ref": to.0,
            "description": description, "external_references": refs}));
    }
}

/// A bundle shaped as ATT&CK Enterprise v18 is.
fn generate() -> Vec<u8> {
    let mut g = Gen { rng: Lcg(7), objects: Vec::new() };
    g.objects.push(json!({"type": "identity", "spec_version": "2.1", "id": IDENTITY, "name": "The MITRE Corporation",
        "identity_class": "organization", "created": "2017-06-01T00:00:00.000Z", "modified": "2025-01-01T00:00:00.000Z"}));
    g.objects.push(
        json!({"type": "marking-definition", "spec_version": "2.1", "id": MARKING, "definition_type": "statement",
        "definition": {"statement": "Copyright MITRE"}, "created": "2017-06-01T00:00:00.000Z"}),
    );
    g.objects.push(json!({"type": "x-mitre-collection", "spec_version": "2.1", "id": uuid("x-mitre-collection", 1),
        "name": "Enterprise ATT&CK", "description": "Generated for the bench.", "created": "2018-01-01T00:00:00.000Z",
        "modified": "2025-01-01T00:00:00.000Z"}));
    let make = |g: &mut Gen, kind: &str, prefix: &str, count: usize, sentences: usize| {
        (0..count).map(|n| g.object(kind, n, prefix, sentences)).collect::<Vec<_>>()
    };
    let techniques = make(&mut g, "attack-pattern", "T", 850, 24);
    let malware = make(&mut g, "malware", "S", 700, 8);
    let tools = make(&mut g, "tool", "S1", 90, 8);
    let groups = make(&mut g, "intrusion-set", "G", 180, 10);
    let campaigns = make(&mut g, "campaign", "C", 50, 8);
    let mitigations = make(&mut g, "course-of-action", "M", 270, 6);
    let strategies = make(&mut g, "x-mitre-detection-strategy", "DET", 700, 2);
    make(&mut g, "x-mitre-analytic", "AN", 2_000, 4);
    make(&mut g, "x-mitre-data-component", "DC", 400, 2);
    make(&mut g, "x-mitre-tactic", "TA", 14, 2);
    let mut n = 0;
    let users: Vec<_> = groups.iter().chain(&malware).chain(&tools).chain(&campaigns).cloned().collect();
    for _ in 0..16_000 {
        let (a, b) = (g.rng.next(users.len()), g.rng.next(techniques.len()));
        g.relationship(n, "uses", &users[a], &techniques[b]);
        n += 1;
    }
    for _ in 0..1_400 {
        let (a, b) = (g.rng.next(mitigations.len()), g.rng.next(techniques.len()));
        g.relationship(n, "mitigates", &mitigations[a], &techniques[b]);
        n += 1;
    }
    for i in 0..470 {
        g.relationship(n, "subtechnique-of", &techniques[380 + i], &techniques[i % 380]);
        n += 1;
    }
    for i in 0..700 {
        g.relationship(n, "detects", &strategies[i], &techniques[i % techniques.len()]);
        n += 1;
    }
    for i in 0..50 {
        g.relationship(n, "attributed-to", &campaigns[i], &groups[i]);
        n += 1;
    }
    for i in 0..40 {
        g.relationship(n, "revoked-by", &malware[600 + i], &malware[i]);
        n += 1;
    }
    let bundle = json!({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000001", "objects": g.objects});
    serde_json::to_vec(&bundle).expect("JSON")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Wall time of one `brief` run; an error, with its stderr, if it exits non-zero.
fn time(exe: &Path, cache: &Path, args: &[&std::ffi::OsStr]) -> io::Result<(Duration, String)> {
    let mut cmd = Command::new(exe);
    cmd.args(args).env_remove("BRIEF_DIR").env("BRIEF_CACHE_DIR", cache).stdin(Stdio::null());
    let start = Instant::now();
    let out = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output()?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(io::Error::other(format!("brief {args:?} exited with {}: {}", out.status, err.trim())));
    }
    Ok((elapsed, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// Median of `RUNS` imports of `bundle` into an emptied `out`, then of
/// `RUNS` runs of `brief check` on it (after one untimed); with what each said.
fn measure(exe: &Path, bundle: &Path, out: &Path) -> io::Result<[(Duration, String); 2]> {
    let cache = out.with_extension("cache");
    let mut imports = Vec::new();
    for _ in 0..RUNS {
        let _ = fs::remove_dir_all(out);
        imports.push(time(exe, &cache, &["import".as_ref(), bundle.as_os_str(), "--out".as_ref(), out.as_os_str()])?);
    }
    let check = ["--dir".as_ref(), out.as_os_str(), "check".as_ref()];
    time(exe, &cache, &check)?;
    let mut checks = (0..RUNS).map(|_| time(exe, &cache, &check)).collect::<io::Result<Vec<_>>>()?;
    imports.sort_by_key(|t| t.0);
    checks.sort_by_key(|t| t.0);
    Ok([imports.swap_remove(RUNS / 2), checks.swap_remove(RUNS / 2)])
}

fn row(what: &str, d: Duration, target: Option<Duration>) -> bool {
    let (goal, verdict) = match target {
        Some(t) => (format!("≤ {} s", t.as_secs()), if d <= t { "met" } else { "MISSED" }),
        None => ("-".into(), "-"),
    };
    println!("  {what:<58} {:>7.0} ms  {goal:<7} {verdict}", ms(d));
    target.is_none_or(|t| d <= t)
}

fn main() -> ExitCode {
    match bench() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("attack bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench() -> io::Result<bool> {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-attack");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let bundle = work.join("enterprise-generated.json");
    fs::write(&bundle, generate())?;
    let bytes = fs::metadata(&bundle)?.len();
    let objects = serde_json::from_slice::<Value>(&fs::read(&bundle)?)?["objects"].as_array().map_or(0, Vec::len);
    println!("brief import of ATT&CK, {RUNS} runs each, median (warm cache)");
    let [(import, said), (check, checked)] = measure(exe, &bundle, &work.join("generated"))?;
    if !checked.starts_with("ok: ") {
        return Err(io::Error::other(format!("brief check on the generated import: {}", checked.trim())));
    }
    let size = format!("{objects} objects, {:.1} MB", bytes as f64 / 1e6);
    let mut ok = row(&format!("import generated Enterprise ({size})"), import, Some(IMPORT_TARGET));
    ok &= row("brief check of what it made", check, Some(CHECK_TARGET));
    println!("    {}", said.lines().next().unwrap_or_default());
    let real = std::env::var_os("BRIEF_ATTACK_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/attack"), PathBuf::from);
    for name in ["enterprise-attack", "mobile-attack", "ics-attack"] {
        let file = real.join(format!("{name}.json"));
        if !file.is_file() {
            println!("  {name}: no {} (fetch it from mitre-attack/attack-stix-data); skipped", file.display());
            continue;
        }
        let mb = fs::metadata(&file)?.len() as f64 / 1e6;
        let [(import, said), (check, _)] = measure(exe, &file, &work.join(name))?;
        ok &= row(&format!("import real {name} ({mb:.1} MB)"), import, Some(IMPORT_TARGET));
        ok &= row(&format!("brief check of {name}"), check, Some(CHECK_TARGET));
        println!("    {}", said.lines().next().unwrap_or_default());
    }
    Ok(ok)
}
