//! The fictional demo store `DEMO-PRISHTINA`: the data `--demo-data` seeds. Every person, number and
//! address here is invented; the data is deterministic for a given day so that demos, screenshots and
//! tests see the same customers.

use chrono::{DateTime, Utc};
use protocol::api::{
    ConsentOnRecord, CustomerSummary, DataRecord, RequestStatus, StaffRole, TrafficRecord,
};
use protocol::policy::DataCategory;
use protocol::Lang;

mod dataset;

pub use dataset::dataset;

pub const DEMO_STORE_CODE: &str = "DEMO-PRISHTINA";
pub const DEMO_STORE_NAME: &str = "IPKO Demo Store Prishtina (fictional)";
/// Reusable in the demo store only; real stores get one-time secrets.
pub const DEMO_ENROLMENT_SECRET: &str = "demo-enrolment-secret";

/// Everything the demo seeds.
#[derive(Debug, Clone)]
pub struct DemoDataset {
    pub staff: Vec<DemoStaff>,
    pub notices: Vec<DemoNotice>,
    pub customers: Vec<DemoCustomer>,
}

/// A member of the demo store's staff; the PIN is public demo knowledge (see the README).
#[derive(Debug, Clone)]
pub struct DemoStaff {
    pub staff_id: String,
    pub display_name: String,
    pub role: StaffRole,
    pub pin: String,
}

/// The consent notice in one language (version 1 of notice `consent-notice`).
#[derive(Debug, Clone)]
pub struct DemoNotice {
    pub lang: Lang,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct DemoCustomer {
    /// `record_version` 1 and `demo: true`.
    pub summary: CustomerSummary,
    /// Which case of the demo this customer shows, in a few English words ("names with č and ć",
    /// "minor whose guardian acts", "12 months of traffic" …), for `central-api demo list`.
    pub case: String,
    pub records: Vec<(DataCategory, DataRecord)>,
    /// Oldest first.
    pub traffic: Vec<TrafficRecord>,
    pub consents: Vec<ConsentOnRecord>,
    pub requests: Vec<RequestStatus>,
}

/// The moment the dataset is built for: midnight UTC of the day, so that a day's seeds are identical.
pub fn as_of_day(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now)
}
