//! Building one demo customer: the summary, the records of each category, consents, requests and
//! traffic, each customer drawn from its own random stream.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc};
use protocol::api::{
    ActingCapacity, ConsentOnRecord, CustomerKind, CustomerSummary, DataRecord, DocumentType,
    RecordedDocument, Representative, RequestStatus,
};
use protocol::policy::{
    Channel, ConsentPurpose, ConsentState, DataCategory, RequestState, RightKind,
};

use super::super::{DemoCustomer, DEMO_STORE_CODE};
use super::ids::{self, Unique};
use super::names::{self, Town};
use super::records::{self, Rec};
use super::rng::Rng;
use super::traffic;

/// The version of the consent notice that every demo consent was given against.
const NOTICE_VERSION: u32 = 1;

/// What the whole dataset shares while customers are built one after another.
pub(super) struct Ctx {
    pub as_of: DateTime<Utc>,
    pub unique: Unique,
}

/// Who the customer is: the part of the summary a case chooses.
pub(super) struct Person {
    pub kind: CustomerKind,
    pub first_name: String,
    pub last_name: String,
    pub has_personal_number: bool,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<&'static str>,
    pub document: Option<RecordedDocument>,
    pub business_name: Option<String>,
    pub town: Town,
    /// Street and number; the postal code and town are added.
    pub street: String,
    /// Domain of the contact e-mail address, if the customer gave one.
    pub email_domain: Option<&'static str>,
}

/// How a consent choice reached IPKO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Store,
    App,
    Website,
    Guardian,
    BusinessRepresentative,
    Email,
}

impl Method {
    fn text(self) -> &'static str {
        match self {
            Method::Store => "in store, clerk assisted, signed",
            Method::App => "IPKO app, self-service",
            Method::Website => "ipko.com, self-service",
            Method::Guardian => "in store, signed by the guardian",
            Method::BusinessRepresentative => "in store, signed by the business representative",
            Method::Email => "written request by e-mail to info@ipko.com",
        }
    }

    fn in_store(self) -> bool {
        matches!(
            self,
            Method::Store | Method::Guardian | Method::BusinessRepresentative
        )
    }
}

/// A monthly bill: the mobile one, and the one of the home services.
pub(super) struct Bill {
    category: DataCategory,
    services: Vec<String>,
    monthly_cents: u32,
    from: NaiveDate,
}

pub(super) struct Builder<'c> {
    pub(super) ctx: &'c mut Ctx,
    pub(super) rng: Rng,
    pub(super) town: Town,
    /// The customer's home neighbourhood, an index into the town's cells.
    pub(super) home_cell: usize,
    pub(super) since: DateTime<Utc>,
    /// The customer's own IPKO mobile numbers (the summary's `msisdns` also holds contact numbers).
    pub(super) lines: Vec<String>,
    pub(super) mobile_bill: Option<Bill>,
    pub(super) home_bill: Option<Bill>,
    pub(super) customer: DemoCustomer,
}

impl<'c> Builder<'c> {
    pub(super) fn new(
        ctx: &'c mut Ctx,
        mut rng: Rng,
        index: usize,
        person: Person,
        case: &str,
    ) -> Builder<'c> {
        let customer_no = ctx.unique.take(&mut rng, |r| format!("5{}", r.digits(8)));
        let personal_number = person
            .has_personal_number
            .then(|| ctx.unique.take(&mut rng, ids::personal_number));
        let business_number = (person.kind == CustomerKind::Business)
            .then(|| ctx.unique.take(&mut rng, |r| format!("81{}", r.digits(7))));
        let email = person.email_domain.map(|domain| {
            let business = person.business_name.as_deref();
            unique_email(
                ctx,
                &mut rng,
                &person.first_name,
                &person.last_name,
                domain,
                business,
            )
        });
        let since = ctx.as_of - TimeDelta::days(rng.range_i64(400, 4000));
        let home_cell = rng.index(person.town.cells.len());
        let address = format!(
            "{}, {} {}",
            person.street, person.town.postal_code, person.town.name
        );
        let summary = CustomerSummary {
            customer_id: format!("C-{index:06}"),
            customer_no,
            kind: person.kind,
            first_name: person.first_name,
            last_name: person.last_name,
            personal_number,
            date_of_birth: person.date_of_birth,
            nationality: person.nationality.map(str::to_owned),
            identity_document: person.document,
            business_name: person.business_name,
            business_number,
            address,
            email,
            msisdns: Vec::new(),
            contact_number: None,
            representatives: Vec::new(),
            record_version: 1,
            demo: true,
        };
        Builder {
            ctx,
            rng,
            town: person.town,
            home_cell,
            since,
            lines: Vec::new(),
            mobile_bill: None,
            home_bill: None,
            customer: DemoCustomer {
                summary,
                case: case.to_owned(),
                records: Vec::new(),
                traffic: Vec::new(),
                consents: Vec::new(),
                requests: Vec::new(),
            },
        }
    }

    pub(super) fn as_of(&self) -> DateTime<Utc> {
        self.ctx.as_of
    }

    /// For a case that needs an address written its own way (in Cyrillic, say).
    pub(super) fn set_address(&mut self, address: String) {
        self.customer.summary.address = address;
    }

    /// A moment in opening hours (08:00–19:00 local time), between `lo` and `hi` days before `as_of`.
    pub(super) fn days_ago(&mut self, lo: i64, hi: i64) -> DateTime<Utc> {
        let day =
            self.ctx.as_of.date_naive() - TimeDelta::days(self.rng.range_i64(lo.max(1), hi.max(1)));
        let local = day
            .and_hms_opt(
                self.rng.range_u32(8, 18),
                self.rng.range_u32(0, 59),
                self.rng.range_u32(0, 59),
            )
            .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN));
        local.and_utc() - TimeDelta::hours(traffic::utc_offset_hours(day))
    }

    pub(super) fn between(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
        let span = (to - from).num_seconds();
        if span <= 0 {
            return from;
        }
        from + TimeDelta::seconds(self.rng.range_i64(0, span))
    }

    /// When a service was signed for, in opening hours: after the customer joined, at least
    /// `min_age_days` ago.
    pub(super) fn activation(&mut self, min_age_days: i64) -> DateTime<Utc> {
        let joined_days_ago = (self.ctx.as_of - self.since).num_days();
        self.days_ago(min_age_days, joined_days_ago.max(min_age_days))
    }

    pub(super) fn push(&mut self, category: DataCategory, record: DataRecord) {
        self.customer.records.push((category, record));
    }

    pub(super) fn representative(
        &mut self,
        capacity: ActingCapacity,
        first: &str,
        last: &str,
        authorisation: Option<String>,
    ) {
        let personal_number = Some(self.ctx.unique.take(&mut self.rng, ids::personal_number));
        self.customer.summary.representatives.push(Representative {
            capacity,
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            personal_number,
            authorisation_reference: authorisation,
        });
    }

    pub(super) fn consent(
        &mut self,
        purpose: ConsentPurpose,
        channel: Option<Channel>,
        state: ConsentState,
        at: DateTime<Utc>,
        method: Method,
    ) {
        self.customer.consents.push(ConsentOnRecord {
            purpose,
            channel,
            state,
            recorded_at: at,
            method: method.text().to_owned(),
            store_code: method.in_store().then(|| DEMO_STORE_CODE.to_owned()),
            // A withdrawal by e-mail was not made against a notice shown to the customer.
            notice_version: (method != Method::Email).then_some(NOTICE_VERSION),
        });
    }

    /// The same choice for every channel of a purpose ("Help us be better" is chosen as a whole).
    pub(super) fn consent_all(
        &mut self,
        purpose: ConsentPurpose,
        state: ConsentState,
        at: DateTime<Utc>,
        method: Method,
    ) {
        for channel in channels_of(purpose) {
            self.consent(purpose, channel, state, at, method);
        }
    }

    /// An ordinary customer's choices: each purpose skipped, given, refused, or given for some
    /// channels only; now and then changed later from refused to given.
    pub(super) fn random_consents(&mut self) {
        let at = self.days_ago(20, 900);
        let methods = [Method::Store, Method::App, Method::Website];
        let method = methods
            .get(self.rng.weighted(&[60, 25, 15]))
            .copied()
            .unwrap_or(Method::Store);
        for purpose in ConsentPurpose::ALL {
            let mode = self.rng.weighted(&[30, 25, 30, 15]);
            if mode == 0 {
                continue;
            }
            for channel in channels_of(purpose) {
                let state = match mode {
                    1 => ConsentState::Given,
                    2 => ConsentState::Refused,
                    _ if self.rng.chance(50) => ConsentState::Given,
                    _ => ConsentState::Refused,
                };
                self.consent(purpose, channel, state, at, method);
            }
        }
        if self.customer.consents.is_empty() {
            self.consent(
                ConsentPurpose::HelpUsBeBetter,
                None,
                ConsentState::Refused,
                at,
                method,
            );
        }
        if self.rng.chance(15) {
            let later = self.days_ago(1, 19);
            let refused: Vec<_> = self
                .customer
                .consents
                .iter()
                .filter(|c| c.state == ConsentState::Refused)
                .map(|c| (c.purpose, c.channel))
                .collect();
            if let Some(&(purpose, channel)) = refused.get(self.rng.index(refused.len())) {
                self.consent(purpose, channel, ConsentState::Given, later, Method::App);
            }
        }
    }

    pub(super) fn request(
        &mut self,
        kind: RightKind,
        submitted_at: DateTime<Utc>,
        state: RequestState,
    ) {
        let year = submitted_at.year();
        let reference = self.ctx.unique.take(&mut self.rng, |r| {
            format!(
                "{DEMO_STORE_CODE}-{year}-{}",
                r.chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 6)
            )
        });
        let due = kind.deadline().due_dates(submitted_at);
        self.customer.requests.push(RequestStatus {
            reference,
            kind,
            customer_id: self.customer.summary.customer_id.clone(),
            submitted_at,
            due_at: due.due_at,
            latest_due_at: due.latest_at,
            state,
            store_code: Some(DEMO_STORE_CODE.to_owned()),
        });
    }

    /// A year of heavy use of the first mobile line.
    pub(super) fn busy_traffic(&mut self) {
        if let Some(msisdn) = self.lines.first().cloned() {
            self.customer.traffic = traffic::busy_year(
                &mut self.rng,
                &msisdn,
                &self.town,
                self.home_cell,
                self.ctx.as_of,
            );
        }
    }

    /// Up to `max` rows on the first mobile line, if the customer has one.
    pub(super) fn light_traffic(&mut self, max: u64) {
        if let Some(msisdn) = self.lines.first().cloned() {
            let count = usize::try_from(self.rng.range(0, max)).unwrap_or(0);
            self.customer.traffic = traffic::light(
                &mut self.rng,
                &msisdn,
                &self.town,
                self.home_cell,
                count,
                self.ctx.as_of,
            );
        }
    }

    pub(super) fn finish(mut self) -> DemoCustomer {
        let mut front = vec![(DataCategory::IdentityContact, self.identity_record())];
        let reps = self.customer.summary.representatives.clone();
        for rep in reps {
            front.push((
                DataCategory::IdentityContact,
                representative_record(&rep, self.since),
            ));
        }
        for bill in [self.mobile_bill.take(), self.home_bill.take()]
            .into_iter()
            .flatten()
        {
            self.invoices(&bill);
        }
        front.append(&mut self.customer.records);
        // Records read in the policy's order of categories, each category in the order entered.
        front.sort_by_key(|(category, _)| *category);
        self.customer.records = front;
        self.customer.consents.sort_by_key(|c| c.recorded_at);
        self.customer.requests.sort_by_key(|r| r.submitted_at);
        self.customer
    }

    fn identity_record(&self) -> DataRecord {
        let s = &self.customer.summary;
        let document = s.identity_document.as_ref();
        Rec::new("identity", Some(self.since))
            .field("first_name", s.first_name.clone())
            .field("last_name", s.last_name.clone())
            .opt("business_name", s.business_name.clone())
            .opt("business_number", s.business_number.clone())
            .opt("personal_number", s.personal_number.clone())
            .opt("date_of_birth", s.date_of_birth.map(records::date))
            .opt("nationality", s.nationality.clone())
            .opt(
                "document_type",
                document.map(|d| document_type(d.document_type)),
            )
            .opt(
                "document_issuing_state",
                document.map(|d| d.issuing_state.clone()),
            )
            .opt("document_number", document.map(|d| d.number.clone()))
            .field("address", s.address.clone())
            .opt("email", s.email.clone())
            .opt(
                "contact_numbers",
                (!s.msisdns.is_empty()).then(|| s.msisdns.join(", ")),
            )
            .field("customer_since", records::date(self.since.date_naive()))
            .done()
    }

    /// The last six monthly invoices of a bill, oldest first; recent ones may still be open.
    fn invoices(&mut self, bill: &Bill) {
        let today = self.ctx.as_of.date_naive();
        let Some(this_month) = NaiveDate::from_ymd_opt(today.year(), today.month(), 1) else {
            return;
        };
        for months_back in (1..=6).rev() {
            let Some(period) = this_month.checked_sub_months(Months::new(months_back)) else {
                continue;
            };
            let Some(issued) = period
                .checked_add_months(Months::new(1))
                .and_then(|d| d.checked_add_days(Days::new(4)))
            else {
                continue;
            };
            let service_started = bill.from.with_day(1).unwrap_or(bill.from);
            if issued >= today || period < service_started {
                continue;
            }
            let due = issued + TimeDelta::days(15);
            let extras = if bill.category == DataCategory::MobileServices {
                u32::try_from(self.rng.range(0, 450)).unwrap_or(0)
            } else {
                0
            };
            let days_open = (today - issued).num_days();
            let paid_on = (days_open > 1 && self.rng.chance(if due < today { 96 } else { 40 }))
                .then(|| issued + TimeDelta::days(self.rng.range_i64(1, (days_open - 1).min(20))));
            let month = period.format("%Y%m").to_string();
            let number = self
                .ctx
                .unique
                .take(&mut self.rng, |r| format!("INV-{month}-{}", r.digits(8)));
            let issued_at = issued.and_hms_opt(6, 0, 0).map(|t| t.and_utc());
            self.customer.records.push((
                bill.category,
                Rec::new("invoice", issued_at)
                    .field("invoice_number", number)
                    .field("billing_period", period.format("%Y-%m").to_string())
                    .field("services", bill.services.join(", "))
                    .field("amount_eur", records::eur(bill.monthly_cents + extras))
                    .field("issued_on", records::date(issued))
                    .field("due_on", records::date(due))
                    .field("paid", records::flag(paid_on.is_some()))
                    .opt("paid_on", paid_on.map(records::date))
                    .done(),
            ));
        }
    }
}

pub(super) fn add_to_bill(
    bill: &mut Option<Bill>,
    category: DataCategory,
    service: String,
    cents: u32,
    from: NaiveDate,
) {
    let bill = bill.get_or_insert_with(|| Bill {
        category,
        services: Vec::new(),
        monthly_cents: 0,
        from,
    });
    bill.services.push(service);
    bill.monthly_cents += cents;
    bill.from = bill.from.min(from);
}

/// The channels a choice is recorded for: each channel of the purpose, or none for a purpose that is
/// chosen as a whole.
pub(super) fn channels_of(purpose: ConsentPurpose) -> Vec<Option<Channel>> {
    if purpose.channels().is_empty() {
        vec![None]
    } else {
        purpose.channels().iter().copied().map(Some).collect()
    }
}

pub(super) fn unique_email(
    ctx: &mut Ctx,
    rng: &mut Rng,
    first: &str,
    last: &str,
    domain: &str,
    business_name: Option<&str>,
) -> String {
    let local = match business_name {
        // "Lumi Logjistikë SH.P.K." → "lumilogjistike": without the legal form.
        Some(name) => names::ascii_fold(name.trim_end_matches(" SH.P.K.")),
        None => format!("{}.{}", names::ascii_fold(first), names::ascii_fold(last)),
    };
    let mut first_try = true;
    ctx.unique.take(rng, |r| {
        if std::mem::take(&mut first_try) {
            format!("{local}@{domain}")
        } else {
            format!("{local}{}@{domain}", r.range(2, 99))
        }
    })
}

fn document_type(t: DocumentType) -> &'static str {
    match t {
        DocumentType::IdCard => "id_card",
        DocumentType::Passport => "passport",
        DocumentType::ResidencePermit => "residence_permit",
    }
}

fn capacity(c: ActingCapacity) -> &'static str {
    match c {
        ActingCapacity::Themself => "themself",
        ActingCapacity::Guardian => "guardian",
        ActingCapacity::AuthorisedPerson => "authorised_person",
        ActingCapacity::BusinessRepresentative => "business_representative",
    }
}

fn representative_record(rep: &Representative, since: DateTime<Utc>) -> DataRecord {
    Rec::new("representative", Some(since))
        .field("capacity", capacity(rep.capacity))
        .field("first_name", rep.first_name.clone())
        .field("last_name", rep.last_name.clone())
        .opt("personal_number", rep.personal_number.clone())
        .opt(
            "authorisation_reference",
            rep.authorisation_reference.clone(),
        )
        .done()
}
