//! The demo dataset: sixty invented customers of the fictional store `DEMO-PRISHTINA`, its staff and
//! IPKO's consent notice.
//!
//! # Determinism
//!
//! Every random choice comes from a hand-written SplitMix64 stream seeded by a constant and the
//! customer's number, so names, personal numbers, phone numbers, devices and services are the same on
//! every day and in every build. Dates are placed relative to `as_of`: traffic in the twelve months
//! before it, invoices in the last six months, the minor fourteen years old on the day. The same
//! `as_of` gives an identical dataset.
//!
//! # Staff of the demo store
//!
//! | staff id | name            | role       | PIN  |
//! |----------|-----------------|------------|------|
//! | PR-0101  | Arta Bytyçi     | clerk      | 1111 |
//! | PR-0102  | Leutrim Hyseni  | clerk      | 2222 |
//! | PR-0103  | Nora Sadiku     | clerk      | 3333 |
//! | PR-0104  | Marko Stanković | clerk      | 4444 |
//! | PR-0901  | Teuta Limani    | supervisor | 9999 |
//!
//! # The cases
//!
//! C-000001 to C-000010 each show one case (their `case` says which): 12 months of traffic (over
//! 20,000 rows); names with ë and ç; names with č, ć, đ, š and ž; a name in Serbian Cyrillic; a
//! business with two representatives; a minor whose guardian acts; a German passport holder without a
//! personal number; no consents at all; consents given, then withdrawn; an open rights request.
//! C-000011 to C-000060 are typical customers with up to 200 traffic rows each.
//!
//! # Record types and field keys
//!
//! Values are strings: dates `YYYY-MM-DD`; moments RFC 3339 in UTC (`2026-03-14T09:30:00Z`);
//! amounts in euro with two decimals (`19.90`); booleans `true`/`false`; durations in whole seconds.
//! The values listed in parentheses are fixed codes a renderer may translate; everything else is shown
//! as it is. Keys marked * are present only where IPKO holds the value.
//!
//! Identity and contact (`identity_contact`):
//! - `identity`: `first_name`, `last_name`, `business_name`*, `business_number`*, `personal_number`*,
//!   `date_of_birth`*, `nationality`*, `document_type`* (`id_card`, `passport`, `residence_permit`),
//!   `document_issuing_state`*, `document_number`*, `address`, `email`*, `contact_numbers`* (comma
//!   separated), `customer_since`.
//! - `representative`: `capacity` (`guardian`, `business_representative`, `authorised_person`),
//!   `first_name`, `last_name`, `personal_number`*, `authorisation_reference`*.
//!
//! Mobile services (`mobile_services`):
//! - `subscription`: `msisdn`, `tariff_plan`, `payment_type` (`postpaid`, `prepaid`), `activated_on`.
//! - `device`: `msisdn`, `imei`, `sim_serial` (ICCID), `model`.
//! - `invoice` (also under internet, television or fixed telephony for the bill of home services):
//!   `invoice_number`, `billing_period` (`YYYY-MM`), `services`, `amount_eur`, `issued_on`, `due_on`,
//!   `paid` (boolean), `paid_on`*.
//!
//! Internet (`internet`):
//! - `internet_subscription`: `package`, `access_technology` (`ftth`, `docsis`),
//!   `installation_address`, `activated_on`.
//! - `username`: `username`, `service` (`pppoe`), `created_on`.
//! - `ip_address`: `ip_address` (IPv4 address or IPv6 prefix), `location`, `assigned_at`,
//!   `released_at`*.
//! - `email_account`: `email_address`, `created_on`.
//!
//! DTV and TVIM (`television`):
//! - `tv_subscription`: `platform` (`DTV`, `TVIM`), `package`, `set_top_box_id`, `app_username`*
//!   (TVIM), `activated_on`.
//!
//! Fixed telephony (`fixed_telephony`):
//! - `fixed_line`: `phone_number`, `package`, `activated_on`.
//!
//! Online purchases (`online_purchases`):
//! - `online_order`: `order_number`, `ordered_at`, `channel` (`website`, `app`), `items` (separated
//!   by `; `), `amount_eur`, `delivery` (`courier`, `store_pickup`), `status` (`delivered`,
//!   `cancelled`).
//!
//! Complaints and requests (`complaints_requests`):
//! - `complaint`: `reference`, `received_at`, `channel` (`email`, `social_network`, `store`,
//!   `call_centre`, `web_form`), `topic`, `status` (`resolved`, `in_progress`), `resolved_on`*.
//!
//! Call-centre calls (`call_centre_calls`):
//! - `call_centre_call`: `called_at`, `calling_number`*, `duration_seconds`, `topic`,
//!   `complaint_reference`*, `recording_kept_until`.
//!
//! Network devices (`network_devices`):
//! - `network_device`: `modem_model`, `modem_serial`, `wan_mac_address`, `lan_ip`, `dhcp_server`
//!   (`enabled`, `disabled`), `dhcp_range`*, `dmz_host`*, `installed_on`.
//! - `dhcp_reservation`: `mac_address`, `ip_address`, `device_name`.
//! - `port_forwarding`: `protocol` (`tcp`, `udp`), `external_port`, `internal_ip`, `internal_port`,
//!   `device_name`.
//! - `connected_device`: `device_name`, `mac_address`, `ip_address`, `connection` (`ethernet`,
//!   `wifi_2_4_ghz`, `wifi_5_ghz`), `last_seen`.
//!
//! Public IP addresses come from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
//! 203.0.113.0/24, 2001:db8::/32); addresses inside home networks are private (RFC 1918) ones, as a
//! modem shows them. MAC addresses are locally administered. Phone numbers have Kosovo's form, e-mail
//! addresses are at example.com and example.org.

use chrono::{DateTime, Utc};
use protocol::api::StaffRole;

use super::{DemoDataset, DemoStaff};

mod builder;
mod customers;
mod ids;
mod names;
mod notice;
mod records;
mod rng;
mod services;
mod traffic;

/// Everything `--demo-data` seeds, for the day `as_of` (see [`super::as_of_day`]).
pub fn dataset(as_of: DateTime<Utc>) -> DemoDataset {
    DemoDataset {
        staff: staff(),
        notices: notice::notices(),
        customers: customers::customers(as_of),
    }
}

/// The demo store's staff. The PINs are public demo knowledge (see the table above and the README).
fn staff() -> Vec<DemoStaff> {
    [
        ("PR-0101", "Arta Bytyçi", StaffRole::Clerk, "1111"),
        ("PR-0102", "Leutrim Hyseni", StaffRole::Clerk, "2222"),
        ("PR-0103", "Nora Sadiku", StaffRole::Clerk, "3333"),
        ("PR-0104", "Marko Stanković", StaffRole::Clerk, "4444"),
        ("PR-0901", "Teuta Limani", StaffRole::Supervisor, "9999"),
    ]
    .into_iter()
    .map(|(id, name, role, pin)| DemoStaff {
        staff_id: id.to_owned(),
        display_name: name.to_owned(),
        role,
        pin: pin.to_owned(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::OnceLock;

    use chrono::{Datelike, Months, NaiveDate, TimeZone};
    use protocol::api::{
        ActingCapacity, CustomerKind, DataRecord, DocumentType, TrafficKind, TrafficRecord,
    };
    use protocol::policy::{ConsentState, DataCategory, DataCategory as C};
    use protocol::Lang;

    use super::super::DemoCustomer;
    use super::customers::{self, CASES};
    use super::*;

    /// Every record type with its categories and the keys it may carry: the doc comment above in a
    /// form the tests hold the data to.
    const RECORD_TYPES: &[(&str, &[C], &str)] = &[
        (
            "identity",
            &[C::IdentityContact],
            "first_name last_name business_name business_number personal_number date_of_birth \
             nationality document_type document_issuing_state document_number address email \
             contact_numbers customer_since",
        ),
        (
            "representative",
            &[C::IdentityContact],
            "capacity first_name last_name personal_number authorisation_reference",
        ),
        (
            "subscription",
            &[C::MobileServices],
            "msisdn tariff_plan payment_type activated_on",
        ),
        (
            "device",
            &[C::MobileServices],
            "msisdn imei sim_serial model",
        ),
        (
            "invoice",
            &[
                C::MobileServices,
                C::Internet,
                C::Television,
                C::FixedTelephony,
            ],
            "invoice_number billing_period services amount_eur issued_on due_on paid paid_on",
        ),
        (
            "internet_subscription",
            &[C::Internet],
            "package access_technology installation_address activated_on",
        ),
        ("username", &[C::Internet], "username service created_on"),
        (
            "ip_address",
            &[C::Internet],
            "ip_address location assigned_at released_at",
        ),
        ("email_account", &[C::Internet], "email_address created_on"),
        (
            "tv_subscription",
            &[C::Television],
            "platform package set_top_box_id app_username activated_on",
        ),
        (
            "fixed_line",
            &[C::FixedTelephony],
            "phone_number package activated_on",
        ),
        (
            "online_order",
            &[C::OnlinePurchases],
            "order_number ordered_at channel items amount_eur delivery status",
        ),
        (
            "complaint",
            &[C::ComplaintsRequests],
            "reference received_at channel topic status resolved_on",
        ),
        (
            "call_centre_call",
            &[C::CallCentreCalls],
            "called_at calling_number duration_seconds topic complaint_reference \
             recording_kept_until",
        ),
        (
            "network_device",
            &[C::NetworkDevices],
            "modem_model modem_serial wan_mac_address lan_ip dhcp_server dhcp_range dmz_host \
             installed_on",
        ),
        (
            "dhcp_reservation",
            &[C::NetworkDevices],
            "mac_address ip_address device_name",
        ),
        (
            "port_forwarding",
            &[C::NetworkDevices],
            "protocol external_port internal_ip internal_port device_name",
        ),
        (
            "connected_device",
            &[C::NetworkDevices],
            "device_name mac_address ip_address connection last_seen",
        ),
    ];

    fn as_of() -> DateTime<Utc> {
        // Two weeks before summer time starts, so that the year of traffic crosses both changes.
        match Utc.with_ymd_and_hms(2026, 3, 15, 0, 0, 0).single() {
            Some(t) => t,
            None => panic!("valid date"),
        }
    }

    fn sample() -> &'static DemoDataset {
        static SAMPLE: OnceLock<DemoDataset> = OnceLock::new();
        SAMPLE.get_or_init(|| dataset(as_of()))
    }

    fn with_case(case: &str) -> &'static DemoCustomer {
        let found: Vec<_> = sample()
            .customers
            .iter()
            .filter(|c| c.case == case)
            .collect();
        let [customer] = found.as_slice() else {
            panic!("{} customers show {case:?}", found.len())
        };
        customer
    }

    fn field<'r>(record: &'r DataRecord, key: &str) -> Option<&'r str> {
        record
            .fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    fn records_of<'c>(
        c: &'c DemoCustomer,
        record_type: &'c str,
    ) -> impl Iterator<Item = &'c DataRecord> {
        c.records
            .iter()
            .map(|(_, r)| r)
            .filter(move |r| r.record_type == record_type)
    }

    fn all_records() -> impl Iterator<Item = &'static DataRecord> {
        sample()
            .customers
            .iter()
            .flat_map(|c| c.records.iter().map(|(_, r)| r))
    }

    fn age_on(born: NaiveDate, day: NaiveDate) -> i32 {
        let had_birthday = (day.month(), day.day()) >= (born.month(), born.day());
        day.year() - born.year() - i32::from(!had_birthday)
    }

    fn is_digits(s: &str, len: usize) -> bool {
        s.len() == len && s.chars().all(|c| c.is_ascii_digit())
    }

    #[test]
    fn the_same_day_gives_the_same_dataset() {
        let again = dataset(as_of());
        assert_eq!(format!("{:?}", sample()), format!("{again:?}"));
    }

    #[test]
    fn another_day_shows_the_same_customers_and_notices() {
        let Some(later) = as_of().checked_add_months(Months::new(5)) else {
            panic!("valid date")
        };
        let other = dataset(later);
        let who = |d: &DemoDataset| -> Vec<String> {
            d.customers
                .iter()
                .map(|c| {
                    let s = &c.summary;
                    format!(
                        "{} {} {} {:?} {:?}",
                        s.customer_id, s.first_name, s.last_name, s.personal_number, s.msisdns
                    )
                })
                .collect()
        };
        assert_eq!(who(sample()), who(&other));
        assert_eq!(
            format!("{:?}", sample().notices),
            format!("{:?}", other.notices)
        );
        assert_ne!(
            format!("{:?}", sample().customers[0].traffic.first()),
            format!("{:?}", other.customers[0].traffic.first()),
            "traffic moves with the day"
        );
    }

    #[test]
    fn sixty_customers_numbered_in_order_and_marked_as_demo() {
        let customers = &sample().customers;
        assert!(customers.len() >= 50, "{}", customers.len());
        assert_eq!(customers.len(), customers::CUSTOMERS);
        let mut numbers = BTreeSet::new();
        for (i, c) in customers.iter().enumerate() {
            let s = &c.summary;
            assert_eq!(s.customer_id, format!("C-{:06}", i + 1));
            assert!(is_digits(&s.customer_no, 9), "{}", s.customer_no);
            assert!(
                numbers.insert(s.customer_no.clone()),
                "{} twice",
                s.customer_no
            );
            assert_eq!(s.record_version, 1);
            assert!(s.demo);
            assert!(!c.case.is_empty());
            assert!(!s.address.is_empty() && !s.first_name.is_empty() && !s.last_name.is_empty());
            let identity = records_of(c, "identity").count();
            assert_eq!(identity, 1, "{}: one identity record", s.customer_id);
        }
    }

    #[test]
    fn every_category_has_records_of_several_customers() {
        for category in DataCategory::ALL {
            let customers = sample()
                .customers
                .iter()
                .filter(|c| c.records.iter().any(|(cat, _)| *cat == category))
                .count();
            assert!(customers >= 5, "{category:?}: {customers} customers");
        }
    }

    #[test]
    fn record_types_and_keys_are_the_documented_ones() {
        let table: BTreeMap<&str, (&[C], Vec<&str>)> = RECORD_TYPES
            .iter()
            .map(|(t, c, k)| (*t, (*c, k.split_whitespace().collect())))
            .collect();
        let mut seen_types = BTreeSet::new();
        for c in &sample().customers {
            let mut previous = DataCategory::IdentityContact;
            for (category, record) in &c.records {
                assert!(
                    *category >= previous,
                    "{}: records in policy order",
                    c.summary.customer_id
                );
                previous = *category;
                let Some((categories, keys)) = table.get(record.record_type.as_str()) else {
                    panic!("undocumented record type {}", record.record_type)
                };
                assert!(
                    categories.contains(category),
                    "{} under {category:?}",
                    record.record_type
                );
                assert!(
                    record.recorded_at.is_some_and(|t| t < as_of()),
                    "{record:?}"
                );
                let mut keys_here = BTreeSet::new();
                for f in &record.fields {
                    assert!(
                        keys.contains(&f.key.as_str()),
                        "{}: undocumented key {}",
                        record.record_type,
                        f.key
                    );
                    assert!(
                        keys_here.insert(f.key.as_str()),
                        "{}: {} twice",
                        record.record_type,
                        f.key
                    );
                    assert!(
                        !f.value.trim().is_empty(),
                        "{}.{} is empty",
                        record.record_type,
                        f.key
                    );
                }
                seen_types.insert(record.record_type.clone());
            }
        }
        let documented: BTreeSet<String> = table.keys().map(|t| (*t).to_owned()).collect();
        assert_eq!(
            seen_types, documented,
            "every documented record type occurs"
        );
        for (_, _, keys) in RECORD_TYPES {
            for key in keys.split_whitespace() {
                assert!(
                    key.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
                    "{key}"
                );
            }
        }
    }

    #[test]
    fn every_case_has_exactly_one_customer_in_front() {
        for (i, case) in CASES.iter().enumerate() {
            let c = with_case(case);
            assert_eq!(c.summary.customer_id, format!("C-{:06}", i + 1), "{case}");
        }
    }

    #[test]
    fn albanian_serbian_latin_and_cyrillic_names() {
        let name = |c: &DemoCustomer| {
            format!("{} {}", c.summary.first_name, c.summary.last_name).to_lowercase()
        };
        let albanian = name(with_case(customers::CASE_ALBANIAN));
        assert!(
            albanian.contains('ë') && albanian.contains('ç'),
            "{albanian}"
        );
        let serbian = name(with_case(customers::CASE_SERBIAN_LATIN));
        for letter in ['č', 'ć', 'đ', 'š', 'ž'] {
            assert!(serbian.contains(letter), "{serbian} lacks {letter}");
        }
        let cyrillic = name(with_case(customers::CASE_CYRILLIC));
        let letters: Vec<char> = cyrillic.chars().filter(|c| c.is_alphabetic()).collect();
        assert!(!letters.is_empty());
        assert!(
            letters.iter().all(|c| ('\u{400}'..='\u{4ff}').contains(c)),
            "{cyrillic}"
        );
    }

    #[test]
    fn business_customer_acts_through_representatives() {
        let c = with_case(customers::CASE_BUSINESS);
        let s = &c.summary;
        assert_eq!(s.kind, CustomerKind::Business);
        assert!(s.business_name.as_deref().is_some_and(|n| !n.is_empty()));
        assert!(
            s.business_number
                .as_deref()
                .is_some_and(|n| is_digits(n, 9)),
            "{:?}",
            s.business_number
        );
        assert!(s.personal_number.is_none() && s.date_of_birth.is_none());
        assert!(!s.representatives.is_empty());
        for rep in &s.representatives {
            assert_eq!(rep.capacity, ActingCapacity::BusinessRepresentative);
            assert!(rep.authorisation_reference.is_some());
        }
        let others = sample()
            .customers
            .iter()
            .filter(|c| c.summary.kind == CustomerKind::Business)
            .count();
        assert_eq!(others, 1);
    }

    #[test]
    fn minor_is_fourteen_and_only_the_guardian_acts() {
        for day in [as_of(), leap_day()] {
            let data = dataset(day);
            let Some(c) = data
                .customers
                .iter()
                .find(|c| c.case == customers::CASE_MINOR)
            else {
                panic!("no minor")
            };
            let Some(born) = c.summary.date_of_birth else {
                panic!("the minor's birth date is on record")
            };
            assert_eq!(age_on(born, day.date_naive()), 14, "born {born}, on {day}");
            assert!(c
                .summary
                .representatives
                .iter()
                .any(|r| r.capacity == ActingCapacity::Guardian
                    && r.personal_number.is_some()
                    && r.authorisation_reference.is_some()));
            assert!(c
                .consents
                .iter()
                .all(|k| k.state != ConsentState::Given && k.method.contains("guardian")));
            for other in data
                .customers
                .iter()
                .filter(|o| o.case != customers::CASE_MINOR)
            {
                if let Some(born) = other.summary.date_of_birth {
                    assert!(
                        age_on(born, day.date_naive()) >= 18,
                        "{} is a minor",
                        other.summary.customer_id
                    );
                }
            }
        }
    }

    fn leap_day() -> DateTime<Utc> {
        match Utc.with_ymd_and_hms(2028, 2, 29, 0, 0, 0).single() {
            Some(t) => t,
            None => panic!("valid date"),
        }
    }

    #[test]
    fn foreign_passport_holder_has_no_personal_number() {
        let s = &with_case(customers::CASE_FOREIGN).summary;
        assert!(s.personal_number.is_none());
        assert_eq!(s.nationality.as_deref(), Some("DEU"));
        let Some(doc) = &s.identity_document else {
            panic!("passport on record")
        };
        assert_eq!(doc.document_type, DocumentType::Passport);
        assert_eq!(doc.issuing_state, "DEU");
        assert_eq!(doc.number.len(), 9);
        assert!(doc
            .number
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
    }

    #[test]
    fn consents_none_given_and_withdrawn() {
        assert!(with_case(customers::CASE_NO_CONSENTS).consents.is_empty());
        let with_none = sample()
            .customers
            .iter()
            .filter(|c| c.consents.is_empty())
            .count();
        assert_eq!(with_none, 1, "only the no-consent case has none");

        let c = with_case(customers::CASE_WITHDRAWN);
        let given: Vec<_> = c
            .consents
            .iter()
            .filter(|k| k.state == ConsentState::Given)
            .collect();
        assert!(!given.is_empty());
        for g in &given {
            assert!(
                c.consents.iter().any(|w| w.state == ConsentState::Withdrawn
                    && w.purpose == g.purpose
                    && w.channel == g.channel
                    && w.recorded_at > g.recorded_at),
                "{g:?} was not withdrawn later"
            );
        }
        // Withdrawals belong to this case alone.
        let withdrawing = sample()
            .customers
            .iter()
            .filter(|c| {
                c.consents
                    .iter()
                    .any(|k| k.state == ConsentState::Withdrawn)
            })
            .count();
        assert_eq!(withdrawing, 1);

        let giving = sample()
            .customers
            .iter()
            .filter(|c| c.consents.iter().any(|k| k.state == ConsentState::Given))
            .count();
        assert!(giving >= 20, "{giving} customers gave some consent");
    }

    #[test]
    fn consent_choices_name_only_the_channels_of_their_purpose() {
        let mut given_choices = BTreeSet::new();
        for c in &sample().customers {
            assert!(
                c.consents
                    .windows(2)
                    .all(|w| w[0].recorded_at <= w[1].recorded_at),
                "oldest first"
            );
            for k in &c.consents {
                assert!(
                    k.purpose.accepts_channel(k.channel),
                    "{}: {k:?}",
                    c.summary.customer_id
                );
                assert!(k.recorded_at < as_of());
                let by_email = k.method.contains("e-mail");
                assert_eq!(k.notice_version, (!by_email).then_some(1), "{k:?}");
                if k.state == ConsentState::Given {
                    given_choices.insert((k.purpose, k.channel));
                }
            }
        }
        // Between them the customers have given every choice the notice offers at least once.
        for choice in customers::all_choices() {
            assert!(given_choices.contains(&choice), "nobody gave {choice:?}");
        }
    }

    #[test]
    fn the_open_request_runs_to_the_policy_deadline() {
        let open: Vec<_> = sample()
            .customers
            .iter()
            .flat_map(|c| c.requests.iter().map(move |r| (c, r)))
            .filter(|(_, r)| r.state.is_open())
            .collect();
        let [(customer, request)] = open.as_slice() else {
            panic!("{} open requests", open.len())
        };
        assert_eq!(customer.case, customers::CASE_OPEN_REQUEST);
        assert!(request.due_at > as_of(), "still within its month");
        for c in &sample().customers {
            for r in &c.requests {
                let due = r.kind.deadline().due_dates(r.submitted_at);
                assert_eq!(
                    (r.due_at, r.latest_due_at),
                    (due.due_at, due.latest_at),
                    "{}",
                    r.reference
                );
                assert_eq!(r.customer_id, c.summary.customer_id);
                assert!(r.submitted_at < as_of());
                assert!(r.reference.starts_with("DEMO-PRISHTINA-"));
            }
        }
    }

    fn check_traffic_row(row: &TrafficRecord, lines: &[String]) {
        assert!(lines.contains(&row.msisdn), "{row:?}");
        let Some(cell) = row.cell_location.as_deref() else {
            panic!("{row:?} has no cell")
        };
        assert!(cell.contains(" – ") && cell.contains(" (cell "), "{cell}");
        match row.kind {
            TrafficKind::CallIn | TrafficKind::CallOut => {
                assert!(row.counterpart.is_some() && row.duration_seconds.is_some_and(|d| d > 0));
                assert!(row.volume_kb.is_none());
            }
            TrafficKind::SmsIn | TrafficKind::SmsOut => {
                assert!(row.counterpart.is_some());
                assert!(row.duration_seconds.is_none() && row.volume_kb.is_none());
            }
            TrafficKind::Data => {
                assert!(row.counterpart.is_none() && row.volume_kb.is_some());
            }
        }
    }

    fn check_window(traffic: &[TrafficRecord], as_of: DateTime<Utc>) {
        let Some(start) = as_of.checked_sub_months(Months::new(12)) else {
            panic!("valid date")
        };
        assert!(
            traffic
                .windows(2)
                .all(|w| w[0].started_at <= w[1].started_at),
            "oldest first"
        );
        for row in traffic {
            assert!(row.started_at >= start && row.started_at < as_of, "{row:?}");
        }
    }

    #[test]
    fn the_busy_customer_has_a_full_year_of_every_kind_of_traffic() {
        for day in [as_of(), leap_day()] {
            let built;
            let data = if day == as_of() {
                sample()
            } else {
                built = dataset(day);
                &built
            };
            let Some(c) = data
                .customers
                .iter()
                .find(|c| c.case == customers::CASE_BUSY)
            else {
                panic!("no busy customer")
            };
            let traffic = &c.traffic;
            assert!(traffic.len() >= 20_000, "{} rows", traffic.len());
            check_window(traffic, day);
            let (Some(first), Some(last)) = (traffic.first(), traffic.last()) else {
                panic!("traffic")
            };
            let Some(start) = day.checked_sub_months(Months::new(12)) else {
                panic!("valid date")
            };
            assert!(
                (first.started_at - start).num_days() <= 2,
                "starts {}",
                first.started_at
            );
            assert!(
                (day - last.started_at).num_hours() <= 24,
                "ends {}",
                last.started_at
            );
            let kinds: BTreeSet<String> = traffic.iter().map(|r| format!("{:?}", r.kind)).collect();
            assert_eq!(kinds.len(), 5, "{kinds:?}");
            let months: BTreeSet<(i32, u32)> = traffic
                .iter()
                .map(|r| (r.started_at.year(), r.started_at.month()))
                .collect();
            assert!(months.len() >= 12, "{} months", months.len());
            let cells: BTreeSet<&str> = traffic
                .iter()
                .filter_map(|r| r.cell_location.as_deref())
                .collect();
            assert!(cells.len() >= 10, "moves around: {} cells", cells.len());
            for row in traffic {
                check_traffic_row(row, &c.summary.msisdns);
            }
        }
    }

    #[test]
    fn everyone_else_has_modest_traffic_on_their_own_lines() {
        let mut with_traffic = 0;
        for c in sample()
            .customers
            .iter()
            .filter(|c| c.case != customers::CASE_BUSY)
        {
            assert!(
                c.traffic.len() <= 200,
                "{}: {}",
                c.summary.customer_id,
                c.traffic.len()
            );
            check_window(&c.traffic, as_of());
            for row in &c.traffic {
                check_traffic_row(row, &c.summary.msisdns);
            }
            with_traffic += usize::from(!c.traffic.is_empty());
        }
        assert!(with_traffic >= 30, "{with_traffic} customers with traffic");
    }

    #[test]
    fn personal_numbers_pass_the_check_and_are_unique() {
        let mut seen = BTreeSet::new();
        let mut count = 0;
        for c in &sample().customers {
            let reps = c
                .summary
                .representatives
                .iter()
                .filter_map(|r| r.personal_number.as_ref());
            for n in c.summary.personal_number.iter().chain(reps) {
                assert!(ids::personal_number_is_valid(n), "{n}");
                assert!(seen.insert(n.clone()), "{n} twice");
                count += 1;
            }
        }
        assert!(count >= 55, "{count} personal numbers");
    }

    #[test]
    fn imeis_and_sim_serials_pass_luhn_and_are_unique() {
        let mut seen = BTreeSet::new();
        let devices: Vec<_> = all_records()
            .filter(|r| r.record_type == "device")
            .collect();
        assert!(devices.len() >= 40);
        for d in devices {
            let (Some(imei), Some(sim)) = (field(d, "imei"), field(d, "sim_serial")) else {
                panic!("{d:?}")
            };
            assert!(
                is_digits(imei, 15) && ids::luhn_is_valid(imei),
                "IMEI {imei}"
            );
            assert!(
                (19..=20).contains(&sim.len())
                    && sim.starts_with("8938303")
                    && ids::luhn_is_valid(sim),
                "ICCID {sim}"
            );
            assert!(seen.insert(imei.to_owned()) && seen.insert(sim.to_owned()));
        }
    }

    fn is_documentation_address(ip: &str) -> bool {
        ["192.0.2.", "198.51.100.", "203.0.113.", "2001:db8:"]
            .iter()
            .any(|p| ip.starts_with(p))
    }

    fn is_private_address(ip: &str) -> bool {
        ip.starts_with("192.168.") || ip.starts_with("10.")
    }

    fn is_mobile_number(n: &str) -> bool {
        ["+38344", "+38345", "+38349"]
            .iter()
            .any(|p| n.starts_with(p))
            && is_digits(&n[1..], 11)
    }

    #[test]
    fn contact_data_is_obviously_fictional() {
        for c in &sample().customers {
            if let Some(email) = &c.summary.email {
                assert!(
                    email.ends_with("@example.com") || email.ends_with("@example.org"),
                    "{email}"
                );
            }
            for n in &c.summary.msisdns {
                assert!(is_mobile_number(n), "{n}");
            }
        }
        for r in all_records() {
            for f in &r.fields {
                let v = f.value.as_str();
                match f.key.as_str() {
                    "ip_address" if r.record_type == "ip_address" => {
                        assert!(is_documentation_address(v), "{v}");
                    }
                    "ip_address" | "lan_ip" | "internal_ip" | "dmz_host" => {
                        assert!(is_private_address(v), "{v}");
                    }
                    "mac_address" | "wan_mac_address" => {
                        let first = u8::from_str_radix(v.get(..2).unwrap_or("zz"), 16);
                        assert!(first.is_ok_and(|o| o & 0b11 == 0b10), "{v}");
                    }
                    "email" | "email_address" => {
                        assert!(
                            v.ends_with("@example.com") || v.ends_with("@example.org"),
                            "{v}"
                        );
                    }
                    "msisdn" | "calling_number" => assert!(is_mobile_number(v), "{v}"),
                    "phone_number" => {
                        assert!(v.starts_with("+383") && is_digits(&v[1..], 11), "{v}")
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn services_start_before_what_they_produce() {
        for c in &sample().customers {
            let Some(since) = records_of(c, "identity").find_map(|r| field(r, "customer_since"))
            else {
                panic!("{}: no identity", c.summary.customer_id)
            };
            let activated: Vec<&str> = c
                .records
                .iter()
                .filter_map(|(_, r)| field(r, "activated_on"))
                .collect();
            for day in &activated {
                assert!(
                    *day >= since,
                    "{}: {day} before {since}",
                    c.summary.customer_id
                );
            }
            if let Some(internet) =
                records_of(c, "internet_subscription").find_map(|r| field(r, "activated_on"))
            {
                for ip in records_of(c, "ip_address") {
                    let Some(assigned) = field(ip, "assigned_at") else {
                        panic!("{ip:?}")
                    };
                    assert!(assigned >= internet, "{}: {ip:?}", c.summary.customer_id);
                }
            }
        }
    }

    #[test]
    fn invoices_are_consistent() {
        let invoices: Vec<_> = all_records()
            .filter(|r| r.record_type == "invoice")
            .collect();
        assert!(invoices.len() >= 100, "{}", invoices.len());
        let today = as_of().date_naive().to_string();
        for inv in invoices {
            let paid = field(inv, "paid");
            assert!(matches!(paid, Some("true" | "false")));
            assert_eq!(
                paid == Some("true"),
                field(inv, "paid_on").is_some(),
                "{inv:?}"
            );
            let Some(amount) = field(inv, "amount_eur") else {
                panic!("{inv:?}")
            };
            let Some((euros, cents)) = amount.split_once('.') else {
                panic!("{amount}")
            };
            assert!(!euros.is_empty() && is_digits(cents, 2), "{amount}");
            for key in ["issued_on", "paid_on"] {
                if let Some(d) = field(inv, key) {
                    assert!(d < today.as_str(), "{key} {d} is not before {today}");
                }
            }
        }
    }

    #[test]
    fn the_store_has_clerks_and_a_supervisor_with_demo_pins() {
        let staff = &sample().staff;
        let clerks = staff.iter().filter(|s| s.role == StaffRole::Clerk).count();
        let supervisors = staff
            .iter()
            .filter(|s| s.role == StaffRole::Supervisor)
            .count();
        assert!(clerks >= 4 && supervisors >= 1);
        let ids: BTreeSet<_> = staff.iter().map(|s| s.staff_id.as_str()).collect();
        assert_eq!(ids.len(), staff.len());
        for s in staff {
            assert!(
                s.staff_id.starts_with("PR-") && is_digits(&s.staff_id[3..], 4),
                "{}",
                s.staff_id
            );
            assert!(is_digits(&s.pin, 4));
            assert!(!s.display_name.is_empty());
        }
    }

    #[test]
    fn a_notice_for_each_language() {
        let langs: Vec<Lang> = sample().notices.iter().map(|n| n.lang).collect();
        assert_eq!(langs, Lang::ALL.to_vec());
    }
}
