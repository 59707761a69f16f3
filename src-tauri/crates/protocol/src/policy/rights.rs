//! The rights of individuals, how a request is answered, and by when.

use chrono::{DateTime, Days, Months, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::lang::Label;

/// A right a customer exercises at the counter. Current policy, "Rights of individuals": "Users can
/// demand: – Printout or access to data … – The correction of data … – Deletion or restriction of
/// personal data processing … Moreover, users can: – Object to the processing of personal data based on
/// a legitimate interest or processing of personal data for the purpose of direct marketing; – exercise
/// their right to transfer of personal data, which they submitted to IPKO."
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RightKind {
    /// "Printout or access to data, by which they can become informed on their personal data, which
    /// IPKO processes about the user".
    Access,
    /// "The correction of data, when users believe that their personal data, processed by IPKO is
    /// incorrect". Captured as its own change (a correction), not as a rights request.
    Rectification,
    /// "Deletion … of personal data processing, if they want that IPKO to cease … the processing of a
    /// part of or all their personal data".
    Erasure,
    /// "… or restriction of personal data processing".
    Restriction,
    /// "Object to the processing of personal data based on a legitimate interest or processing of
    /// personal data for the purpose of direct marketing".
    Objection,
    /// "exercise their right to transfer of personal data, which they submitted to IPKO".
    Portability,
    /// "In case that a user believes that IPKO violated their rights during the processing of personal
    /// data, they can lodge a complaint with IPKO."
    Complaint,
    /// Business entities: "At any given time, the business entity can make a written request to IPKO
    /// for a permanent or temporary suspension of the use of information for direct marketing."
    MarketingSuspension,
}

/// By when IPKO must answer a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// "IPKO shall inform the individual on the information about measures, adopted based on received
    /// requests, as a rule within a period of one month, however, not later than within three months."
    OneMonthAtMostThree,
    /// "Within fifteen (15) days of such request, IPKO shall duly prevent the use of data for direct
    /// marketing."
    FifteenDays,
}

/// The dates a deadline gives a request submitted at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueDates {
    /// The date by which IPKO answers as a rule.
    pub due_at: DateTime<Utc>,
    /// The latest date the policy allows (the same as `due_at` where no extension is allowed).
    pub latest_at: DateTime<Utc>,
}

impl Deadline {
    /// The policy's words for the deadline.
    pub fn policy_text(self) -> &'static str {
        match self {
            Deadline::OneMonthAtMostThree => "IPKO shall inform the individual on the information about measures, adopted based on received requests, as a rule within a period of one month, however, not later than within three months.",
            Deadline::FifteenDays => "At any given time, the business entity can make a written request to IPKO for a permanent or temporary suspension of the use of information for direct marketing. Within fifteen (15) days of such request, IPKO shall duly prevent the use of data for direct marketing.",
        }
    }

    pub fn due_dates(self, submitted_at: DateTime<Utc>) -> DueDates {
        // Adding months to a valid timestamp overflows only near the end of chrono's range; the
        // fallback keeps the function total without pretending the deadline is earlier.
        let add_months = |n: u32| {
            submitted_at
                .checked_add_months(Months::new(n))
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        };
        match self {
            Deadline::OneMonthAtMostThree => DueDates {
                due_at: add_months(1),
                latest_at: add_months(3),
            },
            Deadline::FifteenDays => {
                let due = submitted_at
                    .checked_add_days(Days::new(15))
                    .unwrap_or(DateTime::<Utc>::MAX_UTC);
                DueDates {
                    due_at: due,
                    latest_at: due,
                }
            }
        }
    }
}

impl RightKind {
    pub const ALL: [RightKind; 8] = [
        RightKind::Access,
        RightKind::Rectification,
        RightKind::Erasure,
        RightKind::Restriction,
        RightKind::Objection,
        RightKind::Portability,
        RightKind::Complaint,
        RightKind::MarketingSuspension,
    ];

    pub fn deadline(self) -> Deadline {
        match self {
            RightKind::MarketingSuspension => Deadline::FifteenDays,
            _ => Deadline::OneMonthAtMostThree,
        }
    }

    /// Whether the right belongs to business customers only.
    pub fn business_only(self) -> bool {
        self == RightKind::MarketingSuspension
    }

    /// The policy's words for the right (see the variants' documentation).
    pub fn policy_text(self) -> &'static str {
        match self {
            RightKind::Access => "Printout or access to data, by which they can become informed on their personal data, which IPKO processes about the user;",
            RightKind::Rectification => "The correction of data, when users believe that their personal data, processed by IPKO is incorrect;",
            RightKind::Erasure | RightKind::Restriction => "Deletion or restriction of personal data processing, if they want that IPKO to cease or restrict the processing of a part of or all their personal data;",
            RightKind::Objection => "Object to the processing of personal data based on a legitimate interest or processing of personal data for the purpose of direct marketing;",
            RightKind::Portability => "exercise their right to transfer of personal data, which they submitted to IPKO.",
            RightKind::Complaint => "In case that a user believes that IPKO violated their rights during the processing of personal data, they can lodge a complaint with IPKO.",
            RightKind::MarketingSuspension => "At any given time, the business entity can make a written request to IPKO for a permanent or temporary suspension of the use of information for direct marketing.",
        }
    }

    pub fn label(self) -> Label {
        match self {
            RightKind::Access => {
                Label::new("Qasja në të dhëna", "Access to data", "Приступ подацима")
            }
            RightKind::Rectification => Label::new(
                "Korrigjimi i të dhënave",
                "Correction of data",
                "Исправка података",
            ),
            RightKind::Erasure => Label::new("Fshirja", "Erasure", "Брисање"),
            RightKind::Restriction => Label::new(
                "Kufizimi i përpunimit",
                "Restriction of processing",
                "Ограничење обраде",
            ),
            RightKind::Objection => Label::new("Kundërshtimi", "Objection", "Приговор"),
            RightKind::Portability => Label::new(
                "Bartja e të dhënave",
                "Data portability",
                "Преносивост података",
            ),
            RightKind::Complaint => Label::new("Ankesa", "Complaint", "Жалба"),
            RightKind::MarketingSuspension => Label::new(
                "Pezullimi i marketingut direkt (biznese)",
                "Suspension of direct marketing (businesses)",
                "Обустава директног маркетинга (предузећа)",
            ),
        }
    }
}

/// Where a request stands at IPKO.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    Received,
    InProgress,
    Completed,
    Refused,
}

impl RequestState {
    pub const ALL: [RequestState; 4] = [
        RequestState::Received,
        RequestState::InProgress,
        RequestState::Completed,
        RequestState::Refused,
    ];

    pub fn is_open(self) -> bool {
        matches!(self, RequestState::Received | RequestState::InProgress)
    }

    pub fn label(self) -> Label {
        match self {
            RequestState::Received => Label::new("E pranuar", "Received", "Примљен"),
            RequestState::InProgress => Label::new("Në shqyrtim", "In progress", "У обради"),
            RequestState::Completed => Label::new("E përfunduar", "Completed", "Завршен"),
            RequestState::Refused => Label::new("E refuzuar", "Refused", "Одбијен"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn one_month_as_a_rule_three_at_most_and_fifteen_days_for_business_marketing() {
        let submitted = Utc.with_ymd_and_hms(2026, 1, 31, 9, 30, 0).single();
        let Some(submitted) = submitted else {
            panic!("valid date")
        };
        let dates = RightKind::Erasure.deadline().due_dates(submitted);
        // January 31st plus one month is the last day of February, not March 3rd.
        assert_eq!(dates.due_at.to_rfc3339(), "2026-02-28T09:30:00+00:00");
        assert_eq!(dates.latest_at.to_rfc3339(), "2026-04-30T09:30:00+00:00");

        let dates = RightKind::MarketingSuspension
            .deadline()
            .due_dates(submitted);
        assert_eq!(dates.due_at.to_rfc3339(), "2026-02-15T09:30:00+00:00");
        assert_eq!(dates.latest_at, dates.due_at);
        assert!(RightKind::MarketingSuspension.business_only());
        assert!(!RightKind::Access.business_only());
    }
}
