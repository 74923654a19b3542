//! The questions over the whole folder: the `&` filter, the `v` views, the
//! marks the filters read, the team's marks and git's word on the entity.

use std::sync::Arc;

use super::{App, Effect, Overlay};
use crate::reader::filtered::{FilterOutcome, Filtered};
use crate::reader::keys::Action;
use crate::search::Marks;

impl App {
    /// The entity in the detail view, its file and the lines it spans there:
    /// what to ask git about.
    pub fn subject_lines(&self) -> Option<(String, std::path::PathBuf, (u32, u32))> {
        let c = &self.corpus;
        let e = self.subject()?;
        let (file, start) = (c.entity(e).file, c.entity(e).pos.line);
        // By file number, not path: this runs on each move of the selection.
        let next = c.entities.iter().filter(|o| o.file == file && o.pos.line > start).map(|o| o.pos.line).min();
        let end = next.map_or(start + 200, |n| n.saturating_sub(1).max(start));
        Some((c.entity(e).id.clone(), c.path_of(e).clone(), (start, end)))
    }

    pub fn set_last_change(&mut self, id: String, answer: Option<crate::git::Commit>) {
        self.last_change = Some((id, answer));
    }

    /// Git's word on when `id` last changed, once it came.
    pub fn last_change(&self, id: &str) -> Option<&crate::git::Commit> {
        self.last_change.as_ref().filter(|(i, _)| i == id).and_then(|(_, a)| a.as_ref())
    }

    pub fn team(&self) -> Option<&crate::team::Team> {
        self.team.as_ref()
    }

    pub fn set_team(&mut self, team: Option<crate::team::Team>) {
        self.team = team;
    }

    /// Takes in what teammates pushed and pulled; true when anything changed.
    pub fn reload_team(&mut self) -> bool {
        self.team.as_mut().is_some_and(crate::team::Team::reload)
    }

    /// Takes the config file's views; none keeps brief's own.
    pub fn set_views(&mut self, views: Vec<(String, String)>) {
        if !views.is_empty() {
            self.views = views;
        }
    }

    pub fn views(&self) -> &[(String, String)] {
        &self.views
    }

    /// The `&` filter in force.
    pub fn filter(&self) -> Option<&Filtered> {
        self.nav.filter()
    }

    /// The review marks as the filters read them, made again only when the
    /// state changed.
    pub fn marks(&mut self) -> Arc<Marks> {
        // Of this state and this corpus: an edit can make a mark changed.
        let generation = (self.review.store().generation(), self.generation);
        if self.marks.0 != Some(generation) {
            let store = self.review.store();
            let marks = Marks::of(store)
                .with_changes(&self.corpus, store)
                .with_ach(&self.corpus, store)
                .with_team(store, self.team.as_ref());
            self.marks = (Some(generation), Arc::new(marks));
        }
        Arc::clone(&self.marks.1)
    }

    /// A key on the `&` line: typing shows what the query gives as typed.
    pub(super) fn update_filter(&mut self, action: Action) {
        let Overlay::Filter(editor) = &mut self.overlay else { return };
        match editor.update(action) {
            FilterOutcome::Stay => {
                if editor.preview.is_none() && !editor.input.text().trim().is_empty() {
                    let query = editor.input.text().to_string();
                    let preview = Filtered::new(&self.corpus, self.index(), &query, &self.marks.1)
                        .map(|f| (f.matched, f.briefings.len()));
                    if let Overlay::Filter(editor) = &mut self.overlay {
                        editor.preview = Some(preview);
                    }
                }
            }
            FilterOutcome::Apply(query) => self.apply_filter(&query),
            FilterOutcome::Cancel => self.overlay = Overlay::None,
            FilterOutcome::Quit => self.effects.push(Effect::Quit),
        }
    }

    /// `&` Enter: the filter applied (an empty query shows everything); a
    /// query that is not valid, or matches nothing, leaves the line open.
    pub(super) fn apply_filter(&mut self, query: &str) {
        if query.is_empty() {
            self.overlay = Overlay::None;
            self.nav.set_filter(&self.corpus, None);
            return self.status = Some("filter off: everything is listed".into());
        }
        match Filtered::new(&self.corpus, self.index(), query, &self.marks.1) {
            Ok(f) if f.briefings.is_empty() => self.status = Some(format!("nothing matches '{query}'")),
            Ok(f) => {
                self.overlay = Overlay::None;
                let said = f.said();
                self.nav.set_filter(&self.corpus, Some(std::sync::Arc::new(f)));
                self.status = Some(said);
            }
            Err(e) => self.status = Some(e.to_string()),
        }
    }
}

/// The views when the config file names none (docs/CONFIG.md).
pub(super) fn default_views() -> Vec<(String, String)> {
    [
        ("unreviewed", "is:unreviewed"),
        ("flagged", "is:flagged"),
        ("noted", "is:noted"),
        ("contested claims", "c: is:contradicted"),
        ("unread briefings", "b: is:unread"),
    ]
    .into_iter()
    .map(|(n, q)| (n.to_string(), q.to_string()))
    .collect()
}
