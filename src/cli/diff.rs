//! `brief diff [REV] [REV2]` and `brief log ID`: what changed in the folder's
//! git history, entity by entity (by id, so a renamed or split file changes
//! nothing by itself), with the fields that changed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Out, json};
use crate::fingerprint;
use crate::git::{Commit, Files, GitError, Repo};
use crate::model::{Corpus, EntityId};

/// Entities added, removed and changed (with their fields) from `old` to `new`, each by id.
pub struct Diff {
    pub added: Vec<EntityId>,
    pub removed: Vec<EntityId>,
    pub changed: Vec<(EntityId, Vec<String>)>,
}

/// Fields whose content differs between two versions of one entity.
fn fields_changed(old: &Corpus, o: EntityId, new: &Corpus, n: EntityId) -> Vec<String> {
    let (a, b) = (fingerprint::of(old, o), fingerprint::of(new, n));
    let mut fields: Vec<String> = b.iter().filter(|(k, v)| a.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
    fields.extend(a.keys().filter(|k| !b.contains_key(*k)).cloned());
    if old.entity(o).kind() != new.entity(n).kind() {
        fields.push("kind".into());
    }
    fields.sort();
    fields
}

/// Every entity, by id.
fn by_id(c: &Corpus) -> Vec<(&str, EntityId)> {
    let mut ids: Vec<(&str, EntityId)> = c.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    ids.sort_unstable();
    ids
}

/// `old` against `new`. With `changed`, the files known to differ, only
/// entities that one of them defines (or, for a claim, that defines a source
/// it cites, for its grade) are fingerprinted: the rest are the same text.
pub fn compare(old: &Corpus, new: &Corpus, changed: Option<&HashSet<PathBuf>>) -> Diff {
    let touched = |c: &Corpus, e: EntityId| {
        let Some(changed) = changed else { return true };
        changed.contains(c.path_of(e))
            || c.entity(e)
                .links_in(crate::model::LinkField::Sources)
                .filter_map(crate::model::Link::to)
                .any(|s| changed.contains(c.path_of(s)))
    };
    let (olds, news) = (by_id(old), by_id(new));
    let mut d = Diff { added: Vec::new(), removed: Vec::new(), changed: Vec::new() };
    for &(id, n) in &news {
        match old.get(id) {
            None => d.added.push(n),
            Some(o) if !touched(old, o) && !touched(new, n) => {}
            Some(o) => {
                let fields = fields_changed(old, o, new, n);
                if !fields.is_empty() {
                    d.changed.push((n, fields));
                }
            }
        }
    }
    d.removed = olds.iter().filter(|(id, _)| new.get(id).is_none()).map(|(_, o)| *o).collect();
    d
}

fn row(c: &Corpus, e: EntityId) -> json::Ref {
    super::json::Ref::of(c, e)
}

/// `brief diff`: `from` (default `HEAD`) against `to` (default: the folder as it is now).
pub fn run(dir: &Path, from: Option<&str>, to: Option<&str>, as_json: bool, out: &mut Out) -> io::Result<ExitCode> {
    let (old, new, changed) = match versions(dir, from.unwrap_or("HEAD"), to) {
        Ok(Some(versions)) => versions,
        Ok(None) => return Ok(ExitCode::from(2)),
        Err(why) => return Ok(said(&why.to_string())),
    };
    let d = compare(&old, &new, Some(&changed));
    if as_json {
        json::line(
            out,
            json::Diff {
                added: d.added.iter().map(|&e| row(&new, e)).collect(),
                removed: d.removed.iter().map(|&e| row(&old, e)).collect(),
                changed: d
                    .changed
                    .iter()
                    .map(|(e, fields)| json::Changed { entity: row(&new, *e), fields: fields.clone() })
                    .collect(),
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let line = |out: &mut Out, what: &str, c: &Corpus, e: EntityId, more: &str| {
        let ent = c.entity(e);
        writeln!(out, "{what:<8} {:<10} {}{more}  {}", ent.kind().as_str(), ent.id, c.plain(ent.label()))
    };
    for &e in &d.added {
        line(out, "added", &new, e, "")?;
    }
    for &e in &d.removed {
        line(out, "removed", &old, e, "")?;
    }
    for (e, fields) in &d.changed {
        line(out, "changed", &new, *e, &format!(" ({})", fields.join(", ")))?;
    }
    writeln!(out, "{} added, {} removed, {} changed", d.added.len(), d.removed.len(), d.changed.len())?;
    Ok(ExitCode::SUCCESS)
}

/// The two versions to compare, and the files that differ between them: of
/// two commits, git's blob ids tell (and a blob the newer side has is not
/// asked for again); against the folder as it is now, brief compares each
/// committed text with the file's bytes itself, so git never reads the
/// working tree (docs/TEAM.md, trust). `None` when the folder cannot be read
/// (said already).
fn versions(dir: &Path, from: &str, to: Option<&str>) -> Result<Option<(Corpus, Corpus, HashSet<PathBuf>)>, GitError> {
    let repo = Repo::of(dir)?;
    let older = repo.tree(from)?;
    let Some(rev) = to else {
        let old = skipped(from, repo.read(&older)?);
        let Ok(new) = super::load(dir) else { return Ok(None) };
        let committed: HashSet<&PathBuf> = old.texts.iter().map(|(p, _)| p).collect();
        let mut changed: HashSet<PathBuf> = new.files.iter().filter(|p| !committed.contains(p)).cloned().collect();
        changed.extend(
            old.texts
                .iter()
                .filter(|(p, text)| fs::read(p).ok().as_deref() != Some(text.as_bytes()))
                .map(|(p, _)| p.clone()),
        );
        return Ok(Some((old.load(dir), new, changed)));
    };
    let newer = repo.tree(rev)?;
    let new = skipped(rev, repo.read(&newer)?);
    let newer_ids: HashSet<(&Path, &str)> = newer.iter().map(|b| (b.path.as_path(), b.id.as_str())).collect();
    let older_ids: HashSet<(&Path, &str)> = older.iter().map(|b| (b.path.as_path(), b.id.as_str())).collect();
    let changed: HashSet<PathBuf> = newer_ids.symmetric_difference(&older_ids).map(|(p, _)| p.to_path_buf()).collect();
    let texts: HashMap<&PathBuf, &String> = new.texts.iter().map(|(p, t)| (p, t)).collect();
    let (kept, asked): (Vec<_>, Vec<_>) =
        older.iter().cloned().partition(|b| !changed.contains(&b.path) && texts.contains_key(&b.path));
    let mut old = skipped(from, repo.read(&asked)?);
    old.texts.extend(kept.into_iter().map(|b| (b.path.clone(), texts[&b.path].clone())));
    Ok(Some((old.load(dir), new.load(dir), changed)))
}

/// `files`, having said on standard error which of them were not read at `rev`.
fn skipped(rev: &str, files: Files) -> Files {
    for problem in &files.problems {
        eprintln!("brief: at {}: {problem}", crate::text::sanitize_line(rev));
    }
    files
}

fn said(why: &str) -> ExitCode {
    eprintln!("brief: {why}");
    ExitCode::from(2)
}

/// How far back `brief log` looks, in commits that touched the folder.
const LOG_DEPTH: usize = 200;

/// `brief log ID`: the commits that changed the entity's content, newest first.
pub fn log(dir: &Path, id: &str, as_json: bool, out: &mut Out) -> io::Result<ExitCode> {
    let repo = match Repo::of(dir) {
        Ok(r) => r,
        Err(why) => return Ok(said(&why.to_string())),
    };
    let commits = match repo.commits(LOG_DEPTH) {
        Ok(c) => c,
        Err(why) => return Ok(said(&why.to_string())),
    };
    let mut found = Vec::new();
    // Each commit against its parent; a corpus is loaded once per commit.
    let mut cache: Option<(String, Corpus)> = None;
    for Commit { id: commit, author, date, subject } in &commits {
        let now = match cache.take() {
            Some((c, corpus)) if c == *commit => corpus,
            _ => repo.corpus_at(commit).unwrap_or_default(),
        };
        let parent = repo.parent(commit);
        let before = parent.as_deref().map(|p| repo.corpus_at(p).unwrap_or_default()).unwrap_or_default();
        let what = match (before.get(id), now.get(id)) {
            (None, Some(_)) => Some(vec!["added".to_string()]),
            (Some(_), None) => Some(vec!["removed".to_string()]),
            (Some(o), Some(n)) => Some(fields_changed(&before, o, &now, n)).filter(|f| !f.is_empty()),
            (None, None) => None,
        };
        if let Some(fields) = what {
            let (commit, author, date, subject) = (commit.clone(), author.clone(), date.clone(), subject.clone());
            found.push(json::LogEntry { author, commit, date, fields, subject });
        }
        cache = parent.map(|p| (p, before));
    }
    if found.is_empty() {
        let shown = crate::text::sanitize_line(id);
        eprintln!("brief: no commit in the last {LOG_DEPTH} that touched the folder changed '{shown}'");
        return Ok(ExitCode::FAILURE);
    }
    if as_json {
        return json::line(out, json::Log(found)).map(|()| ExitCode::SUCCESS);
    }
    for f in &found {
        let short = f.commit.get(..10).unwrap_or_default();
        let date = f.date.get(..10).unwrap_or_default();
        writeln!(out, "{short}  {date}  {:<16} {}  ({})", f.author, f.subject, f.fields.join(", "))?;
    }
    Ok(ExitCode::SUCCESS)
}
