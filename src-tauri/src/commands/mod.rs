//! Tauri commands, one module per screen area. Every command listed in `generate_handler!` must
//! also be declared in build.rs and granted by a permission set in permissions/.

pub mod app;
pub mod capture;
pub mod customer_display;
pub mod demo;
pub mod identity;
pub mod report;
pub mod session;
pub mod settings;
pub mod status;
pub mod supervisor;
