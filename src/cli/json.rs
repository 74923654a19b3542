//! What `--json` prints: the output types of `brief show`, `brief search`,
//! `brief diff`, `brief log` and `brief export --format json`, derived with
//! serde, and the JSON Schema published from them in docs/json-schema/
//! ([`schemas`]; `tests/cli/json_schema.rs` keeps the files true).
//!
//! Every object is written with its keys in alphabetical order, the order
//! brief's output has always had (scripts and diffs of the output may rely on
//! it): so each type declares its fields in that order, a flattened one where
//! its first key falls, and serde writes them as declared. `Show`, whose
//! entity's keys fall around its own, is written through [`Sorted`]. The
//! tests check every output they make is in order.
//!
//! The doc comments on these types are the schema's descriptions.

use std::collections::BTreeMap;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::model::{Corpus, EntityId, Kind};

/// An entity named: what a row of a list of entities gives.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Ref {
    pub id: String,
    pub kind: Kind,
    /// Its title, name or text, as plain text (links read as their words).
    pub label: String,
}

impl Ref {
    /// The entity `e` of `corpus`, named.
    pub fn of(corpus: &Corpus, e: EntityId) -> Ref {
        let ent = corpus.entity(e);
        Ref { id: ent.id.clone(), kind: ent.kind(), label: corpus.plain(ent.label()) }
    }
}

/// One field's value: a line or prose as plain text, or a list.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum FieldValue {
    Text(String),
    List(Vec<String>),
}

/// A link from the entity: an id field or an inline `[[link]]` in prose.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Link {
    /// Whether the id names no entity (of the right kind); then `kind` and `label` are absent.
    pub broken: bool,
    /// The field it stands in (`by`, `sources`, …, or `summary` for an inline link).
    pub field: &'static str,
    /// The id it names.
    pub id: String,
    /// Whether it is an inline link in prose.
    pub inline: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Kind")]
    pub kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub label: Option<String>,
}

/// An entity that links to this one, and the field it links from.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Backlink {
    pub field: &'static str,
    #[serde(flatten)]
    pub from: Ref,
}

/// A claim's weight in a dossier row.
#[derive(Serialize, JsonSchema)]
pub struct Weight {
    /// Whether another claim contradicts it.
    pub contradicted: bool,
    /// The claim's date, if it has one.
    pub date: Option<String>,
    /// The grade: the source's reliability and the claim's credibility, e.g. `B2` (`?` for each unknown).
    pub grade: String,
}

/// A row of a dossier; a claim's has its weight.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DossierRow {
    #[serde(flatten)]
    pub weight: Option<Weight>,
    #[serde(flatten)]
    pub entity: Ref,
    /// The ids of the sources a claim cites, when it cites any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// An actor's dossier: claims by it and about it, actors affiliated with it,
/// the briefings and precedents it appears in.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Dossier {
    pub about: Vec<DossierRow>,
    pub affiliated: Vec<DossierRow>,
    pub appears_in: Vec<DossierRow>,
    pub by: Vec<DossierRow>,
}

/// One entity whole: every field, link and backlink (`brief export --format
/// json` gives one per entity; `brief show --json` adds the review marks).
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Entity {
    pub backlinks: Vec<Backlink>,
    /// The id of the briefing it belongs to.
    pub briefing: String,
    /// The claims a claim contradicts or is contradicted by.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<Ref>")]
    pub contradictions: Option<Vec<Ref>>,
    /// An actor's dossier.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Dossier")]
    pub dossier: Option<Dossier>,
    /// Every field that has a value, ids excepted (those are `links`), by name.
    pub fields: BTreeMap<&'static str, FieldValue>,
    /// A claim's grade.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub grade: Option<String>,
    pub id: String,
    pub kind: Kind,
    pub label: String,
    /// The line it starts on (from 1).
    pub line: u32,
    pub links: Vec<Link>,
    /// The file it is written in.
    pub path: String,
    /// The claims a claim supports or is supported by.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<Ref>")]
    pub support: Option<Vec<Ref>>,
}

/// Your review marks on an entity.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Marks {
    /// The fields that changed since it was reviewed; `null` when none did (or it is not reviewed).
    pub changed_since_reviewed: Option<Vec<String>>,
    pub flagged: bool,
    pub note: Option<String>,
    pub reviewed: bool,
}

/// One analyst's marks on an entity, under shared review.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TeamMarks {
    /// The fields changed since the analyst reviewed it, when there are any.
    pub changed_since_reviewed: Option<Vec<String>>,
    pub flagged: bool,
    pub note: Option<String>,
    pub reviewed: bool,
    /// When the analyst last changed these marks (UTC, RFC 3339).
    pub updated: Option<String>,
}

/// `brief show ID --json`: the entity, with your marks.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "brief show --json")]
pub struct Show {
    #[serde(flatten)]
    pub entity: Entity,
    pub marks: Marks,
    /// A briefing's: how many of its review items you have reviewed (docs/SEARCH.md, what can be reviewed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Progress")]
    pub progress: Option<Progress>,
    /// A briefing's: whether you have opened it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub read: Option<bool>,
    /// Under shared review: every analyst's marks, by name, yours included.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "BTreeMap<String, TeamMarks>")]
    pub team: Option<BTreeMap<String, TeamMarks>>,
    /// A briefing's: whether it changed since you read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub updated_since_read: Option<bool>,
}

/// A briefing's review progress.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Progress {
    pub items: usize,
    pub reviewed: usize,
}

/// A match of `brief search`.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Hit {
    /// The id of the briefing it belongs to.
    pub briefing: String,
    /// The field the words matched in (`id`, `title`, `text`, …); empty for filters alone.
    pub field: &'static str,
    pub id: String,
    pub kind: Kind,
    pub label: String,
    /// Higher is better; the array is best first.
    pub score: i64,
}

/// `brief search QUERY --json`: the matches, best first.
#[derive(Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(title = "brief search --json")]
pub struct Search(pub Vec<Hit>);

/// An entity whose content changed, and the fields that did.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Changed {
    /// Sorted; `kind` when its kind changed.
    pub fields: Vec<String>,
    #[serde(flatten)]
    pub entity: Ref,
}

/// `brief diff --json`: the entities added, removed and changed, each by id.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "brief diff --json")]
pub struct Diff {
    pub added: Vec<Ref>,
    pub changed: Vec<Changed>,
    pub removed: Vec<Ref>,
}

/// A commit that changed the entity.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LogEntry {
    pub author: String,
    /// The full commit id.
    pub commit: String,
    /// The author date, ISO 8601.
    pub date: String,
    /// The fields it changed (sorted), or `["added"]` or `["removed"]`.
    pub fields: Vec<String>,
    pub subject: String,
}

/// `brief log ID --json`: the commits that changed the entity, newest first.
#[derive(Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(title = "brief log --json")]
pub struct Log(pub Vec<LogEntry>);

/// `brief export --format json`: every entity of the briefings exported.
/// Written entity by entity (`E` is then a lazy sequence), never whole.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Export", title = "brief export --format json")]
pub struct Export<E = Vec<Entity>> {
    pub entities: E,
}

/// A value written with every object's keys in alphabetical order, whatever
/// order its type declares them in (by way of a tree: for one object, not
/// for 50,000 entities).
pub struct Sorted<T>(pub T);

impl<T: Serialize> Serialize for Sorted<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // serde_json's map is ordered by key (no `preserve_order` here).
        serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)?.serialize(s)
    }
}

/// Writes `value` as one line of JSON.
pub fn line<T: Serialize>(out: &mut impl Write, value: T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &value).map_err(io::Error::other)?;
    writeln!(out)
}

/// The published schemas: one per command, by file name in docs/json-schema/.
pub fn schemas() -> Vec<(&'static str, String)> {
    fn schema<T: JsonSchema>() -> String {
        let generator = schemars::generate::SchemaSettings::draft2020_12().for_serialize().into_generator();
        let mut text = serde_json::to_string_pretty(&generator.into_root_schema_for::<T>()).expect("a schema is JSON");
        text.push('\n');
        text
    }
    vec![
        ("show.json", schema::<Show>()),
        ("search.json", schema::<Search>()),
        ("diff.json", schema::<Diff>()),
        ("log.json", schema::<Log>()),
        ("export.json", schema::<Export>()),
    ]
}
