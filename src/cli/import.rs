//! `brief import FILE.json [--out DIR] [--force]`: a STIX 2.1 bundle as
//! briefing files, written whole into a hidden folder first and then moved
//! into place, so a failed import leaves nothing half-written.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::load::MAX_FILE_BYTES;
use crate::stix::import::{self, Problem};
use crate::text::sanitize_line;

/// The first line of every file an import writes; an import rewrites only
/// files that start with its bundle's.
fn header(bundle: &str) -> String {
    format!("# Imported by `brief import` from {bundle}; importing that bundle again rewrites this file.")
}

pub fn run(file: &Path, out_dir: &Path, force: bool, out: &mut impl io::Write) -> io::Result<ExitCode> {
    match import_into(file, out_dir, force) {
        Ok(report) => {
            out.write_all(report.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(p) => {
            eprintln!("brief: {}: {}", sanitize_line(&file.to_string_lossy()), sanitize_line(&p.to_string()));
            Ok(ExitCode::from(2))
        }
    }
}

fn import_into(file: &Path, out_dir: &Path, force: bool) -> Result<String, Problem> {
    let bundle = import::read(file)?;
    let head = header(&bundle.id);
    // Ids in the folder's other files are taken; those this bundle wrote are its own.
    let mut taken = HashSet::new();
    if out_dir.exists() {
        let corpus =
            crate::load::load(out_dir).map_err(|e| problem(format!("cannot read {}: {e}", out_dir.display())))?;
        for e in &corpus.entities {
            if !written_by(&corpus.files[e.file], &head) {
                taken.insert(e.id.clone());
            }
        }
    }
    let name = file.file_stem().map_or("bundle".into(), |s| s.to_string_lossy().into_owned());
    let plan = import::plan(&bundle, &name, &taken)?;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for doc in &plan.docs {
        let path = out_dir.join(format!("{}.toml", doc.id));
        if path.exists() && !force && !written_by(&path, &head) {
            return Err(problem(format!(
                "{} exists and was not written by this import; not overwritten (--force overwrites it)",
                path.display()
            )));
        }
        let text = doc.toml(&head);
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(problem(format!(
                "the briefing '{}' would be {} MiB, over brief's limit of {} MiB a file",
                doc.id,
                text.len() >> 20,
                MAX_FILE_BYTES >> 20
            )));
        }
        files.push((path, text));
    }
    write_all(out_dir, &files).map_err(|e| problem(format!("cannot write into {}: {e}", out_dir.display())))?;
    Ok(summary(&plan, out_dir))
}

fn problem(message: String) -> Problem {
    Problem { path: String::new(), message }
}

fn written_by(path: &Path, head: &str) -> bool {
    fs::read_to_string(path).is_ok_and(|t| t.lines().next() == Some(head))
}

/// Every file into a hidden folder beside them, then each renamed into place.
fn write_all(dir: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".brief-import-{}", std::process::id()));
    fs::create_dir_all(&temp)?;
    let written = (|| {
        let mut staged = Vec::new();
        for (path, text) in files {
            let name = path.file_name().unwrap_or_default();
            let at = temp.join(name);
            fs::write(&at, text)?;
            staged.push((at, path));
        }
        for (at, path) in staged {
            fs::rename(at, path)?;
        }
        Ok(())
    })();
    let _ = fs::remove_dir_all(&temp);
    written
}

fn summary(plan: &import::Plan, dir: &Path) -> String {
    let count = |section: usize| plan.docs.iter().map(|d| d.sections[section].len()).sum::<usize>();
    let mut s = format!(
        "imported {} briefings ({} sources, {} actors, {} claims, {} precedents) into {}\n",
        plan.docs.len(),
        count(0),
        count(1),
        count(2),
        count(3),
        sanitize_line(&dir.to_string_lossy())
    );
    if !plan.skipped.is_empty() {
        s.push_str("skipped (brief has no place for them; each is listed in its briefing's summary):\n");
        for (kind, n) in &plan.skipped {
            let _ = writeln!(s, "  {:<24} {n:>6}", sanitize_line(kind));
        }
    }
    s
}
