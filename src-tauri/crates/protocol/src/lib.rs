//! The contract between IPKO privacy kiosks and IPKO's central API, and the vocabulary of IPKO's
//! privacy policy. Both sides depend on this crate; it depends on neither.

pub mod api;
pub mod codes;
pub mod lang;
pub mod mutation;
pub mod openapi;
pub mod policy;

pub use lang::{Label, Lang};

/// The path prefix of this version of the API.
pub const API_PREFIX: &str = "/v1";
