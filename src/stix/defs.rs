//! The objects every bundle brief writes carries besides the briefings':
//! brief's identity, the definition of its property extension, and the TLP
//! 2.0 marking definitions it uses.

use serde_json::{Value as Json, json};

use super::{BRIEF_IDENTITY, EXTENSION};

/// brief itself, the creator of its extension.
pub fn brief_identity() -> Json {
    json!({
        "type": "identity", "spec_version": "2.1", "id": BRIEF_IDENTITY,
        "created": "2026-12-01T00:00:00.000Z", "modified": "2026-12-01T00:00:00.000Z",
        "name": "brief", "identity_class": "system",
    })
}

pub fn extension_definition() -> Json {
    json!({
        "type": "extension-definition", "spec_version": "2.1", "id": EXTENSION,
        "created_by_ref": BRIEF_IDENTITY,
        "created": "2026-12-01T00:00:00.000Z", "modified": "2026-12-01T00:00:00.000Z",
        "name": "brief briefing fields",
        "description": "What a brief briefing holds that STIX has no property for: the brief id, dates as written (a year, a month or a day), prose with its [[id]] links, and the id links themselves. See brief's docs/INTERCHANGE.md.",
        "schema": "docs/INTERCHANGE.md in brief's source (the extension's properties, by object type)",
        "version": "1.0",
        "extension_types": ["property-extension"],
    })
}

/// TLP 2.0's marking definition, as OASIS publishes it.
pub fn tlp_definition(id: &str) -> Json {
    let name = super::tlp_of(id).unwrap_or("clear");
    json!({
        "type": "marking-definition", "spec_version": "2.1", "id": id,
        "created": "2022-10-01T00:00:00.000Z",
        "name": format!("TLP:{}", name.to_uppercase()),
        "extensions": { super::TLP2_EXTENSION: { "extension_type": "property-extension", "tlp_2_0": name } },
    })
}
