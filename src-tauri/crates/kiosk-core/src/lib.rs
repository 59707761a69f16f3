//! Everything the IPKO privacy kiosk does, with no Tauri: the local store (outbox, audit chain,
//! caches, enrolment), enrolment with the central API, and where the data lives. The desktop app
//! (`ipko-kiosk`) and `kioskctl` are thin layers over this crate.

pub mod capture;
pub mod central;
pub mod config;
pub mod counter;
pub mod demo;
pub mod disclosure;
pub mod enrol;
pub mod error;
pub mod handoff;
pub mod idcheck;
pub mod identify;
pub mod paths;
pub mod print;
pub mod report;
pub mod signin;
pub mod store;
pub mod support;
pub mod sync;
pub mod time;
pub mod trust;
pub mod vocabulary;

pub use error::{Error, Result};
pub use store::Store;
