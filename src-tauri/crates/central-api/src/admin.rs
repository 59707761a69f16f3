//! Operations on a server's database outside the HTTP contract, for IT staff, support and tests.
//! They open the database file themselves, so they work while a server runs on it (SQLite WAL and a
//! busy timeout serialise the writes).

use std::path::Path;

use chrono::Utc;
use uuid::Uuid;

use crate::db::{self, devices};
use crate::error::ServerError;

pub use crate::db::seed::DemoCustomerListing;

/// Creates the store if it does not exist and issues a one-time enrolment secret for it. Only the
/// secret's hash is stored: show the returned secret to the person enrolling the kiosk, once.
pub fn issue_enrolment_secret(
    db_path: &Path,
    store_code: &str,
    store_name: &str,
) -> Result<String, ServerError> {
    if store_code.trim().is_empty() {
        return Err(ServerError::Config("the store code is empty".into()));
    }
    let conn = db::open_connection(db_path)?;
    let now = Utc::now();
    devices::ensure_store(&conn, store_code.trim(), store_name, false, now)?;
    let secret = devices::new_secret();
    devices::add_enrolment_secret(&conn, store_code.trim(), &secret, false, now)?;
    Ok(secret)
}

/// Revokes every token of a device (a stolen or retired kiosk); returns how many were valid.
pub fn revoke_device(db_path: &Path, device_id: Uuid) -> Result<usize, ServerError> {
    let conn = db::open_connection(db_path)?;
    Ok(devices::revoke_device_tokens(&conn, device_id, Utc::now())?)
}

/// The demo store's customers, seeding the demo store first if the database lacks it, so that
/// `central-api demo list` works before the server ever ran.
pub fn demo_customers(db_path: &Path) -> Result<Vec<DemoCustomerListing>, ServerError> {
    let mut conn = db::open_connection(db_path)?;
    let now = Utc::now();
    db::seed::seed_demo(&mut conn, now)?;
    db::seed::demo_customers(&conn, now)
}
