//! Request and response bodies of the central API (`/v1`), except the push of changes
//! (see [`crate::mutation`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::lang::Lang;
use crate::policy::{
    Channel, ConsentPurpose, ConsentState, DataCategory, DataSource, LegalBasis, ProcessingPurpose,
    Recipient, RequestState, RetentionRule, RightKind,
};

/// The body of every error answer. `code` is for programs (stable, snake_case, one of
/// [`crate::codes`]); `message` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    #[schema(example = "seq_gap")]
    pub code: String,
    #[schema(
        example = "The batch starts at seq 12 but the server expects 8: changes 8 to 11 are missing."
    )]
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
    pub version: String,
    pub time: DateTime<Utc>,
}

/// `POST /v1/devices/enroll`: a store's IT enrols a new kiosk with a one-time secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    #[schema(example = "DEMO-PRISHTINA", min_length = 1, max_length = 64)]
    pub store_code: String,
    #[schema(min_length = 1, max_length = 256)]
    pub enrolment_secret: String,
    #[schema(example = "Counter 2", min_length = 1, max_length = 100)]
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EnrollResponse {
    pub device_id: Uuid,
    /// Bearer token for every other call; the server keeps only its hash.
    pub token: String,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub store_code: String,
    pub store_name: String,
    /// The last `seq` the server has applied for this device (0 for a new device).
    pub applied_through_seq: u64,
}

/// A role of the store's staff. Supervisors may also see the review list and export or repair the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Clerk,
    Supervisor,
}

/// One member of the store's staff, with the verifier the kiosk checks a PIN against offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaffMember {
    #[schema(example = "PR-0107")]
    pub staff_id: String,
    pub display_name: String,
    pub role: StaffRole,
    /// Argon2id PHC string of the PIN (`$argon2id$v=19$m=…`).
    pub pin_verifier: String,
    pub active: bool,
}

/// `GET /v1/staff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaffList {
    pub store_code: String,
    pub staff: Vec<StaffMember>,
}

/// `GET /v1/notices/consent?lang=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    /// `sq`, `en` or `sr`; Albanian when left out.
    pub lang: Option<Lang>,
}

/// The consent notice a customer reads before choosing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConsentNotice {
    #[schema(example = "consent-notice")]
    pub notice_id: String,
    pub version: u32,
    pub lang: Lang,
    pub title: String,
    pub text: String,
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`, exactly as sent.
    pub text_sha256: String,
    pub published_at: DateTime<Utc>,
}

/// `GET /v1/customers?personal_number=|customer_no=|msisdn=`: exactly one key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// Kosovo personal number, 10 digits.
    pub personal_number: Option<String>,
    pub customer_no: Option<String>,
    /// Phone number in international form (`+38344123456`) or as dialled in Kosovo (`044123456`).
    pub msisdn: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Individual,
    Business,
}

/// A kind of identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    IdCard,
    Passport,
    ResidencePermit,
}

/// The identity document IPKO has on record (for customers without a Kosovo personal number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordedDocument {
    pub document_type: DocumentType,
    /// ICAO 9303 issuing state code (e.g. `RKS`, `DEU`).
    pub issuing_state: String,
    pub number: String,
}

/// Someone who may act for the customer: a guardian of a minor, or a business's representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Representative {
    pub capacity: ActingCapacity,
    pub first_name: String,
    pub last_name: String,
    pub personal_number: Option<String>,
    /// The document that authorises the person (a power of attorney, a court decision …).
    pub authorisation_reference: Option<String>,
}

/// In which capacity a person acts at the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActingCapacity {
    /// The customer in person.
    Themself,
    /// A parent or guardian of a minor.
    Guardian,
    /// "In case that the subscriber enables the use of services to another person, they shall thus
    /// authorize such person to grant consent within the scope of the enabled services."
    AuthorisedPerson,
    /// A representative of a business customer.
    BusinessRepresentative,
}

/// What the kiosk needs to identify a customer and to start a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CustomerSummary {
    #[schema(example = "C-000001")]
    pub customer_id: String,
    pub customer_no: String,
    pub kind: CustomerKind,
    pub first_name: String,
    pub last_name: String,
    pub personal_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// ICAO 9303 nationality code.
    pub nationality: Option<String>,
    pub identity_document: Option<RecordedDocument>,
    pub business_name: Option<String>,
    pub business_number: Option<String>,
    pub address: String,
    pub email: Option<String>,
    pub msisdns: Vec<String>,
    /// The number IPKO contacts the customer on (the field a correction of the contact number
    /// changes).
    #[serde(default)]
    pub contact_number: Option<String>,
    pub representatives: Vec<Representative>,
    /// Grows by one with every change applied to the record; a correction carries the version it was
    /// based on so that a stale one is detected.
    pub record_version: u64,
    /// Fictional demo data, to be marked as such on every screen and printout.
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CustomerLookup {
    pub customers: Vec<CustomerSummary>,
}

/// One item of data IPKO holds, as named fields. Field keys are stable snake_case names
/// (`imei`, `sim_serial`, `ip_address` …), values are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DataRecord {
    #[schema(example = "device")]
    pub record_type: String,
    pub recorded_at: Option<DateTime<Utc>>,
    pub fields: Vec<RecordField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordField {
    pub key: String,
    pub value: String,
}

/// One category of the data report with how IPKO processes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CategoryReport {
    pub category: DataCategory,
    pub records: Vec<DataRecord>,
    pub purposes: Vec<ProcessingPurpose>,
    pub legal_bases: Vec<LegalBasis>,
    pub recipients: Vec<Recipient>,
    pub sources: Vec<DataSource>,
    pub retention: Vec<RetentionRule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrafficKind {
    CallOut,
    CallIn,
    SmsOut,
    SmsIn,
    Data,
}

/// A traffic record (calls, messages without content, data sessions, call locations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TrafficRecord {
    pub started_at: DateTime<Utc>,
    pub kind: TrafficKind,
    /// The customer's own number the traffic belongs to.
    pub msisdn: String,
    /// The other party's number (calls and messages).
    pub counterpart: Option<String>,
    pub duration_seconds: Option<u32>,
    pub volume_kb: Option<u64>,
    /// The cell the traffic went through, as a place name and cell id.
    pub cell_location: Option<String>,
}

/// A consent choice on record with when and how it was expressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConsentOnRecord {
    pub purpose: ConsentPurpose,
    /// `None` for a purpose chosen as a whole ("Help us be better").
    pub channel: Option<Channel>,
    pub state: ConsentState,
    pub recorded_at: DateTime<Utc>,
    /// How the choice was collected, e.g. "in store, clerk assisted, signed".
    pub method: String,
    pub store_code: Option<String>,
    pub notice_version: Option<u32>,
}

/// An automated decision or profiling that applies to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AutomatedProcessing {
    pub purpose: ProcessingPurpose,
    pub uses_traffic_and_location: bool,
    /// Whether it applies to this customer now (a consent-based one only while consent is given).
    pub applies: bool,
    pub description: String,
}

/// A request of a data subject (a correction or another right) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RequestStatus {
    #[schema(example = "DEMO-PRISHTINA-2026-7K3QZ9")]
    pub reference: String,
    pub kind: RightKind,
    pub customer_id: String,
    pub submitted_at: DateTime<Utc>,
    /// As a rule one month after submission (15 days for a business's marketing suspension).
    pub due_at: DateTime<Utc>,
    /// The latest the policy allows: three months.
    pub latest_due_at: DateTime<Utc>,
    pub state: RequestState,
    pub store_code: Option<String>,
}

/// `GET /v1/customers/{id}/data-report`: everything IPKO holds about one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DataReport {
    pub report_id: Uuid,
    pub generated_at: DateTime<Utc>,
    pub customer: CustomerSummary,
    pub categories: Vec<CategoryReport>,
    /// Traffic of the retention period (at most twelve months), oldest first.
    pub traffic: Vec<TrafficRecord>,
    pub automated_processing: Vec<AutomatedProcessing>,
    pub consents: Vec<ConsentOnRecord>,
    pub open_requests: Vec<RequestStatus>,
    pub demo: bool,
}
