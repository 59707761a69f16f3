//! The contract between IPKO privacy kiosks and IPKO's central API, and the vocabulary of IPKO's
//! privacy policy. Both sides depend on this crate; it depends on neither.
//!
//! Besides types, it holds the few rules that both sides must apply identically: the canonical JSON
//! and hashes of changes ([`mutation`]) and the identity match of a document with the record
//! ([`identity`]), which a kiosk applies online and the server applies to a `pending` verification.

pub mod api;
pub mod canonical;
pub mod codes;
pub mod identity;
pub mod lang;
pub mod mutation;
pub mod openapi;
pub mod policy;

pub use lang::{Label, Lang};

/// The path prefix of this version of the API.
pub const API_PREFIX: &str = "/v1";
