//! Writes the benchmark's folder of generated briefings somewhere else:
//! `cargo run --release --example generate -- DIR [COUNT]` (COUNT defaults to 1000).

#[path = "../benches/gen/mod.rs"]
mod corpus_gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: generate DIR [COUNT]");
        return ExitCode::from(2);
    };
    let count = match args.next().map(|c| c.to_string_lossy().parse::<usize>()) {
        None => 1000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("generate: COUNT must be a whole number");
            return ExitCode::from(2);
        }
    };
    match corpus_gen::generate(&dir, count) {
        Ok(bytes) => {
            let entities = count * corpus_gen::PER_FILE;
            println!("{count} briefings, {entities} entities, {:.1} MB in {}", bytes as f64 / 1e6, dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: cannot write to {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
