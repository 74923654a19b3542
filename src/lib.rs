//! brief: a terminal reader for analytic briefings.
//!
//! The model (`model`, `load`, `date`, `text`) knows nothing of the terminal;
//! the command line and the reader both build on it.

pub mod ach;
pub mod citation;
pub mod cli;
pub mod config;
pub mod date;
pub mod diag;
pub mod display;
pub mod dossier;
pub mod files;
pub mod fingerprint;
pub mod folder;
pub mod git;
pub mod load;
pub mod mapping;
pub mod model;
pub mod reader;
pub mod reading;
pub mod reviewable;
pub mod search;
pub mod snapshot;
pub mod state;
pub mod stix;
pub mod team;
pub mod text;

pub use diag::{Diagnostic, Severity};
pub use model::{Corpus, Entity, EntityId, Kind};
