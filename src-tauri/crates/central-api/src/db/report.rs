//! The data report of one customer (the right of access): every category of the policy with the
//! customer's records and how IPKO processes them, traffic of the retention period, automated
//! processing, consents and open requests.

use std::collections::BTreeMap;

use chrono::{DateTime, Months, Utc};
use protocol::api::{
    AutomatedProcessing, CategoryReport, ConsentOnRecord, DataRecord, DataReport, TrafficRecord,
};
use protocol::policy::{
    Channel, ConsentPurpose, ConsentState, DataCategory, LegitimateInterestPurpose, RightKind,
};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{customers, parse_enum, parse_json, parse_ts, requests, to_u64, ts};

pub fn data_report(
    conn: &Connection,
    customer_id: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<DataReport>> {
    let Some(customer) = customers::summary(conn, customer_id)? else {
        return Ok(None);
    };
    let mut records = records_by_category(conn, customer_id)?;
    let categories = DataCategory::ALL
        .into_iter()
        .map(|category| {
            let p = category.processing();
            CategoryReport {
                category,
                records: records.remove(&category).unwrap_or_default(),
                purposes: p.purposes.to_vec(),
                legal_bases: p.legal_bases.to_vec(),
                recipients: p.recipients.to_vec(),
                sources: p.sources.to_vec(),
                retention: p.retention.to_vec(),
            }
        })
        .collect();
    let consents = consents(conn, customer_id)?;
    let automated_processing = automated_processing(conn, customer_id, &consents)?;
    let demo = customer.demo;
    Ok(Some(DataReport {
        report_id: Uuid::now_v7(),
        generated_at: now,
        customer,
        categories,
        traffic: traffic_since(conn, customer_id, traffic_cutoff(now))?,
        automated_processing,
        consents,
        open_requests: requests::open_for_customer(conn, customer_id)?,
        demo,
    }))
}

/// Traffic and location data are kept at most twelve months. Counted from the start of the day, so
/// that a report shows what the data set of that day holds, whatever the hour.
pub fn traffic_cutoff(now: DateTime<Utc>) -> DateTime<Utc> {
    crate::demo::as_of_day(now)
        .checked_sub_months(Months::new(12))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn records_by_category(
    conn: &Connection,
    customer_id: &str,
) -> rusqlite::Result<BTreeMap<DataCategory, Vec<DataRecord>>> {
    let mut stmt = conn.prepare(
        "SELECT category, record_json FROM data_records WHERE customer_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([customer_id])?;
    let mut map: BTreeMap<DataCategory, Vec<DataRecord>> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let category: DataCategory = parse_enum(&r.get::<_, String>(0)?)?;
        let record: DataRecord = parse_json(&r.get::<_, String>(1)?)?;
        map.entry(category).or_default().push(record);
    }
    Ok(map)
}

pub fn traffic_since(
    conn: &Connection,
    customer_id: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<Vec<TrafficRecord>> {
    let mut stmt = conn.prepare(
        "SELECT started_at, kind, msisdn, counterpart, duration_seconds, volume_kb, cell_location
         FROM traffic WHERE customer_id = ?1 AND started_at >= ?2 ORDER BY started_at, id",
    )?;
    let rows = stmt.query_map(params![customer_id, ts(since)], |r| {
        Ok(TrafficRecord {
            started_at: parse_ts(&r.get::<_, String>(0)?)?,
            kind: parse_enum(&r.get::<_, String>(1)?)?,
            msisdn: r.get(2)?,
            counterpart: r.get(3)?,
            duration_seconds: r.get(4)?,
            volume_kb: r.get::<_, Option<i64>>(5)?.map(to_u64).transpose()?,
            cell_location: r.get(6)?,
        })
    })?;
    rows.collect()
}

/// Every consent choice on record, oldest first.
pub fn consents(conn: &Connection, customer_id: &str) -> rusqlite::Result<Vec<ConsentOnRecord>> {
    let mut stmt = conn.prepare(
        "SELECT purpose, channel, state, recorded_at, method, store_code, notice_version
         FROM consents WHERE customer_id = ?1 ORDER BY recorded_at, id",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok(ConsentOnRecord {
            purpose: parse_enum(&r.get::<_, String>(0)?)?,
            channel: r
                .get::<_, Option<String>>(1)?
                .as_deref()
                .map(parse_enum)
                .transpose()?,
            state: parse_enum(&r.get::<_, String>(2)?)?,
            recorded_at: parse_ts(&r.get::<_, String>(3)?)?,
            method: r.get(4)?,
            store_code: r.get(5)?,
            notice_version: r.get(6)?,
        })
    })?;
    rows.collect()
}

/// The choice in force for each purpose and channel: the latest one recorded.
pub fn consents_in_force(
    history: &[ConsentOnRecord],
) -> BTreeMap<(ConsentPurpose, Option<Channel>), ConsentState> {
    let mut in_force = BTreeMap::new();
    // `history` is oldest first, so later choices overwrite earlier ones.
    for c in history {
        in_force.insert((c.purpose, c.channel), c.state);
    }
    in_force
}

/// The automated decision-making and profiling of the policy, and whether each applies to this
/// customer now: a consent-based one while some consent for it is given, a legitimate-interest one
/// unless the customer objected (fraud prevention, whose interest "always prevails", applies
/// regardless).
fn automated_processing(
    conn: &Connection,
    customer_id: &str,
    history: &[ConsentOnRecord],
) -> rusqlite::Result<Vec<AutomatedProcessing>> {
    let in_force = consents_in_force(history);
    let given = |purpose: ConsentPurpose| {
        in_force
            .iter()
            .any(|((p, _), state)| *p == purpose && *state == ConsentState::Given)
    };
    let objected: Vec<LegitimateInterestPurpose> = requests::all_for_customer(conn, customer_id)?
        .into_iter()
        .filter(|(r, _)| {
            r.kind == RightKind::Objection && r.state != protocol::policy::RequestState::Refused
        })
        .filter_map(|(_, details)| {
            details
                .and_then(|d| d.get("objection_purpose").cloned())
                .and_then(|p| serde_json::from_value(p).ok())
        })
        .collect();

    let mut out = Vec::new();
    for purpose in ConsentPurpose::ALL {
        if purpose.profiles_with_traffic_and_location() {
            out.push(AutomatedProcessing {
                purpose: purpose.purpose(),
                uses_traffic_and_location: true,
                applies: given(purpose),
                description: purpose.policy_text().to_owned(),
            });
        }
    }
    for purpose in [
        LegitimateInterestPurpose::FraudPrevention,
        LegitimateInterestPurpose::MarketingAnalyses,
        LegitimateInterestPurpose::RiskManagement,
    ] {
        out.push(AutomatedProcessing {
            purpose: purpose.purpose(),
            uses_traffic_and_location: purpose.uses_traffic_without_consent(),
            applies: purpose.usually_prevails_over_objection() || !objected.contains(&purpose),
            description: purpose.policy_text().to_owned(),
        });
    }
    Ok(out)
}
