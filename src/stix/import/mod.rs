//! `brief import FILE.json`: a STIX 2.1 bundle as briefing files.

pub mod bundle;
pub mod doc;
mod map;
pub mod ratings;

pub use bundle::{Bundle, Problem, read};
pub use doc::Doc;
pub use map::{Plan, plan};
