//! How values are written into record fields, in one place so that every record reads alike:
//! dates `YYYY-MM-DD`, moments RFC 3339 in UTC to the second, amounts in euro with two decimals,
//! booleans `true`/`false`.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use protocol::api::{DataRecord, RecordField};

/// A record under construction.
pub(super) struct Rec {
    record: DataRecord,
}

impl Rec {
    pub(super) fn new(record_type: &str, recorded_at: Option<DateTime<Utc>>) -> Rec {
        Rec {
            record: DataRecord {
                record_type: record_type.to_owned(),
                recorded_at,
                fields: Vec::new(),
            },
        }
    }

    pub(super) fn field(mut self, key: &str, value: impl Into<String>) -> Rec {
        self.record.fields.push(RecordField {
            key: key.to_owned(),
            value: value.into(),
        });
        self
    }

    /// A field IPKO holds only for some customers: left out, not shown empty, when absent.
    pub(super) fn opt(self, key: &str, value: Option<impl Into<String>>) -> Rec {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    pub(super) fn done(self) -> DataRecord {
        self.record
    }
}

pub(super) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn moment(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn eur(cents: u32) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

pub(super) fn flag(b: bool) -> String {
    b.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_the_documented_way() {
        assert_eq!(eur(1990), "19.90");
        assert_eq!(eur(5), "0.05");
        assert_eq!(flag(false), "false");
        let t = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        assert_eq!(moment(t), "2026-01-01T00:00:00Z");
        assert_eq!(date(t.date_naive()), "2026-01-01");
        let r = Rec::new("device", None)
            .field("imei", "1")
            .opt("model", None::<String>)
            .done();
        assert_eq!(r.fields.len(), 1);
    }
}
