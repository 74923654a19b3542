//! What a review file shows: marks by id, read briefings, fingerprints. A
//! file that holds marks only (shared review) answers for read state from
//! the private file it was given.

use std::collections::HashMap;

use super::{Mark, NO_MARK, ReviewFile, StateError, disk};

impl ReviewFile {
    /// This file for marks, `private` for read state: what shared review
    /// opens, so read state never leaves the analyst's own state file.
    #[must_use]
    pub fn with_private_reads(mut self, private: ReviewFile) -> ReviewFile {
        self.reads = Some(Box::new(private));
        self
    }

    /// The private file read state goes to, when this one holds marks only.
    pub fn reads_mut(&mut self) -> Option<&mut ReviewFile> {
        self.reads.as_deref_mut()
    }

    pub fn marks(&self, id: &str) -> &Mark {
        self.doc.marks.get(id).map_or(&NO_MARK, |r| &r.mark)
    }

    pub fn is_read(&self, briefing_id: &str) -> bool {
        match &self.reads {
            Some(reads) => reads.is_read(briefing_id),
            None => self.doc.read.contains_key(briefing_id),
        }
    }

    /// A claim's ACH rating against a hypothesis, if rated.
    pub fn rating(&self, claim: &str, hypothesis: &str) -> Option<crate::ach::Rating> {
        self.doc.marks.get(claim)?.ratings.get(hypothesis).copied()
    }

    /// A claim's relevance in ACH: medium unless set.
    pub fn relevance(&self, claim: &str) -> crate::ach::Level {
        self.doc.marks.get(claim).and_then(|r| r.relevance).unwrap_or_default()
    }

    /// Every claim's ratings, by claim id then hypothesis id.
    pub fn all_ratings(&self) -> impl Iterator<Item = (&str, &str, crate::ach::Rating)> {
        self.doc.marks.iter().flat_map(|(c, r)| r.ratings.iter().map(move |(h, v)| (c.as_str(), h.as_str(), *v)))
    }

    /// When the entity's marks last changed (UTC), when known.
    pub fn updated(&self, id: &str) -> Option<String> {
        self.doc.marks.get(id)?.updated.as_ref().map(ToString::to_string)
    }

    /// The entity's fingerprint at the last change of its marks, when known.
    pub fn seen(&self, id: &str) -> Option<&crate::state::Seen> {
        self.doc.marks.get(id)?.seen.as_ref()
    }

    /// The briefing's fingerprint when it was last opened, when known.
    pub fn read_seen(&self, briefing_id: &str) -> Option<&str> {
        match &self.reads {
            Some(reads) => reads.read_seen(briefing_id),
            None => self.doc.read_seen.get(briefing_id).map(String::as_str),
        }
    }

    /// Every briefing id marked read.
    pub fn read_ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match &self.reads {
            Some(reads) => reads.read_ids(),
            None => Box::new(self.doc.read.keys().map(String::as_str)),
        }
    }

    /// Every id with marks, in id order, whether or not any folder has it.
    pub fn marked_ids(&self) -> impl Iterator<Item = &str> {
        self.doc.marks.keys().map(String::as_str)
    }

    /// The line of each `[marks.ID]` header in the file as it is now, for messages.
    pub fn mark_lines(&self) -> HashMap<String, u32> {
        let Ok(Some(bytes)) = disk::read(&self.path) else { return HashMap::new() };
        let Ok(text) = String::from_utf8(bytes) else { return HashMap::new() };
        let header = |l: &str| Some(l.trim().strip_prefix("[marks.")?.strip_suffix(']')?.trim_matches('"').to_string());
        let lines = text.lines().zip(1..).filter_map(|(l, n)| Some((header(l)?, n)));
        lines.collect()
    }

    /// Whether changes are refused, and why, as a sentence for a status line.
    pub fn read_only(&self) -> Option<String> {
        if let Some(why) = &self.refused {
            return Some(why.clone());
        }
        match (self.writer, self.newer) {
            (_, Some(version)) => Some(StateError::Newer { path: self.path.clone(), version }.to_string()),
            (false, None) => Some("opened for viewing only".into()),
            (true, None) => None,
        }
    }
}
