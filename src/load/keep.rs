//! The last good version of a file that no longer parses: a reload takes
//! the file's entities from the corpus it replaces, so a missing quote does
//! not make a briefing vanish and every link to it break meanwhile.

use std::collections::HashMap;
use std::path::Path;

use super::parse::{Parsed, Raw};
use crate::model::{Body, Corpus, Entity, RawLink};

/// The corpus a reload replaces, by file.
pub struct LastGood<'a> {
    corpus: &'a Corpus,
    files: HashMap<&'a Path, usize>,
}

impl<'a> LastGood<'a> {
    pub fn new(corpus: &'a Corpus) -> LastGood<'a> {
        let files = corpus.files.iter().enumerate().map(|(i, p)| (p.as_path(), i)).collect();
        LastGood { corpus, files }
    }

    /// `fresh`, the parse of the file at `path`; or, when the file does not
    /// parse now and had entities in the last corpus (parsed then, or kept
    /// then itself), those entities with `fresh`'s problems, marked stale.
    pub fn keep(&self, path: &Path, fresh: Parsed) -> Parsed {
        if !fresh.unparsed() {
            return fresh;
        }
        let Some(&file) = self.files.get(path) else { return fresh };
        // A file's entities stand together, in file order.
        let all = &self.corpus.entities;
        let ours = &all[all.partition_point(|e| e.file < file)..all.partition_point(|e| e.file <= file)];
        if ours.is_empty() {
            return fresh;
        }
        let entities = ours.iter().map(|e| raw(self.corpus, e)).collect();
        Parsed { entities, diags: fresh.diags, unlisted: fresh.unlisted, stale: true }
    }
}

/// An entity as its file's parse gave it: links by the ids written, a
/// briefing without the entities the load placed in it.
fn raw(c: &Corpus, e: &Entity) -> Raw {
    let mut body = e.read().into_owned();
    if let Body::Briefing(b) = &mut body {
        for placed in [&mut b.sources, &mut b.claims, &mut b.precedents, &mut b.actors] {
            placed.clear();
        }
    }
    let links = e.links.iter().map(|l| RawLink::new(l.field, l.target(c), l.pos)).collect();
    Raw { id: e.id.clone(), pos: e.pos, body: body.into(), links }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_str, walk::Found};
    use std::path::PathBuf;

    fn corpus(files: &[(&str, &str)], last: Option<&Corpus>) -> Corpus {
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
        let keep = last.map(LastGood::new);
        let mut b = super::super::resolve::Builder::new(Path::new("."), Found { files: paths, problems: Vec::new() });
        for (i, (path, text)) in files.iter().enumerate() {
            let fresh = parse_str(Path::new(path), text);
            b.add(i, if let Some(k) = &keep { k.keep(Path::new(path), fresh) } else { fresh });
        }
        b.finish()
    }

    const A: &str = "id = \"a\"\ntitle = \"A\"\nsummary = \"see [[b]]\"\n[[actors]]\nid = \"x\"\nname = \"X\"\n";
    const B: &str = "id = \"b\"\ntitle = \"B\"\n[[claims]]\nid = \"c\"\ntext = \"C\"\nby = \"x\"\n";

    #[test]
    fn a_file_that_stops_parsing_keeps_its_last_entities_and_links() {
        let good = corpus(&[("a.toml", A), ("b.toml", B)], None);
        let broken = A.replace("\"X\"", "\"X");
        let kept = corpus(&[("a.toml", &broken), ("b.toml", B)], Some(&good));
        assert_eq!(kept.entities, good.entities, "the same entities, links resolved the same");
        assert_eq!(kept.stale.len(), 1);
        assert_eq!(kept.stale[0].0, 0);
        assert!(kept.stale[0].1.message.starts_with("invalid TOML"), "{:?}", kept.stale);
        assert_eq!(kept.diagnostics, [kept.stale[0].1.clone()], "only the syntax error");
        // Kept again from a corpus that kept it; and gone once it parses.
        let again = corpus(&[("a.toml", &broken), ("b.toml", B)], Some(&kept));
        assert_eq!((again.entities, again.stale), (good.entities.clone(), kept.stale.clone()));
        let fixed = corpus(&[("a.toml", A), ("b.toml", B)], Some(&kept));
        assert!(fixed.stale.is_empty() && fixed.diagnostics.is_empty());
        // Without a last corpus nothing is kept: `b`'s link breaks.
        let fresh = corpus(&[("a.toml", &broken), ("b.toml", B)], None);
        assert!(fresh.stale.is_empty() && fresh.get("x").is_none());
    }
}
