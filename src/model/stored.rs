//! An entity's body: the reader's own, or left where it lies in the mapped
//! snapshot and decoded when first shown. Half a million bodies decoded and
//! kept cost 120 MB on 10,000 briefings; a reader shows a few hundred.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use super::{Body, Kind};
use crate::mapping::Mapping;

pub struct Stored {
    kind: Kind,
    /// The body decoded, once asked for (at once, when it is not mapped).
    read: OnceLock<Box<Body>>,
    /// Where the body's bytes start in the snapshot, when they were left there.
    at: Option<(Arc<Mapping>, u32)>,
}

impl Stored {
    /// A body of the reader's own.
    pub fn own(body: Body) -> Stored {
        Stored { kind: body.kind(), read: OnceLock::from(Box::new(body)), at: None }
    }

    /// A body of `kind` left in `map` from byte `at`, where it was decoded
    /// whole once, as the snapshot was read.
    pub fn mapped(kind: Kind, map: &Arc<Mapping>, at: u32) -> Stored {
        Stored { kind, read: OnceLock::new(), at: Some((Arc::clone(map), at)) }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The body, decoded and kept when first asked for: what the reader shows.
    pub fn get(&self) -> &Body {
        self.read.get_or_init(|| Box::new(self.decode()))
    }

    /// The body, decoded for this use only when it is not kept: what passes
    /// over every entity (an index, the filters) read, keeping nothing.
    pub fn read(&self) -> Cow<'_, Body> {
        match self.read.get() {
            Some(body) => Cow::Borrowed(body),
            None => Cow::Owned(self.decode()),
        }
    }

    /// The snapshot the body was left in, if it was.
    pub fn mapping(&self) -> Option<&Arc<Mapping>> {
        self.at.as_ref().map(|(map, _)| map)
    }

    /// The body, made the reader's own.
    pub fn get_mut(&mut self) -> &mut Body {
        self.get();
        self.at = None;
        self.read.get_mut().expect("decoded above")
    }

    /// The label (title, name or claim text), read in place when the body
    /// is not decoded: it is the first text of every body.
    pub fn label(&self) -> &str {
        match (self.read.get(), &self.at) {
            (None, Some((map, at))) => crate::snapshot::label_at(map, *at as usize).unwrap_or(super::text::DAMAGED),
            _ => self.get().label(),
        }
    }

    /// The mapped bytes decoded; a body of its kind with nothing in it if
    /// they no longer decode (the file was changed in place under us).
    fn decode(&self) -> Body {
        let decoded = self.at.as_ref().and_then(|(map, at)| crate::snapshot::body_at(map, *at as usize));
        decoded.filter(|b| b.kind() == self.kind).unwrap_or_else(|| Body::empty(self.kind))
    }
}

impl Clone for Stored {
    fn clone(&self) -> Stored {
        match &self.at {
            Some((map, at)) => Stored::mapped(self.kind, map, *at),
            None => Stored::own(self.get().clone()),
        }
    }
}

impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        self.read() == other.read()
    }
}

impl Eq for Stored {}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.read().fmt(f)
    }
}

impl From<Body> for Stored {
    fn from(body: Body) -> Stored {
        Stored::own(body)
    }
}
