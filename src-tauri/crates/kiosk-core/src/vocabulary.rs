//! The policy's vocabulary as the screens need it: every id the wire uses, with its label in the
//! three languages and the facts a screen shows beside it. The UI takes it from here (one command)
//! instead of keeping its own copy, so that screens, printouts and the server say the same thing.

use protocol::lang::Label;
use protocol::mutation::{AccessItem, CorrectableField, PortableFormat};
use protocol::policy::{
    Channel, ConsentPurpose, ConsentState, DataCategory, DataSource, Deadline, LegalBasis,
    LegitimateInterestPurpose, ProcessingPurpose, Recipient, RequestState, RetentionRule,
    RightKind,
};
use serde::Serialize;

/// One term: the id as the wire spells it and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub id: String,
    pub label: Label,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeTerm {
    pub id: String,
    pub label: Label,
    /// The channels a choice names, in the policy's order; empty: one choice for the purpose.
    pub channels: Vec<String>,
    /// The screen says, before the customer chooses, that traffic and location data are used.
    pub profiles_with_traffic_and_location: bool,
    pub policy_text: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionTerm {
    pub id: String,
    pub label: Label,
    /// The policy says IPKO's interest usually prevails (fraud prevention): the screen says so.
    pub usually_prevails: bool,
    pub policy_text: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RightTerm {
    pub id: String,
    pub label: Label,
    pub business_only: bool,
    /// `one_month_at_most_three` or `fifteen_days`.
    pub deadline: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryTerm {
    pub id: String,
    pub label: Label,
    pub policy_text: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vocabulary {
    pub categories: Vec<CategoryTerm>,
    pub consent_purposes: Vec<PurposeTerm>,
    pub channels: Vec<Term>,
    pub legal_bases: Vec<Term>,
    pub objection_purposes: Vec<ObjectionTerm>,
    pub rights: Vec<RightTerm>,
    pub retention: Vec<Term>,
    pub processing_purposes: Vec<Term>,
    pub recipients: Vec<Term>,
    pub sources: Vec<Term>,
    pub consent_states: Vec<Term>,
    pub request_states: Vec<Term>,
    /// The kinds of record a data report holds (`device`, `invoice` …), as the printout names them.
    pub record_types: Vec<Term>,
    /// The fields of those records, as the printout names them.
    pub record_fields: Vec<Term>,
    /// The fields a customer may correct at the counter.
    pub correctable_fields: Vec<Term>,
    /// What an access request may ask for beyond the printout.
    pub access_items: Vec<Term>,
    /// The file formats of a portability request.
    pub portable_formats: Vec<Term>,
}

fn terms<T: Serialize + Copy>(all: &[T], label: impl Fn(T) -> Label) -> Vec<Term> {
    all.iter()
        .map(|t| Term {
            id: id(*t),
            label: label(*t),
        })
        .collect()
}

fn keyed(table: &[(&str, Label)]) -> Vec<Term> {
    table
        .iter()
        .map(|(key, label)| Term {
            id: (*key).to_owned(),
            label: *label,
        })
        .collect()
}

/// The id serde gives a unit variant.
fn id<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The whole vocabulary.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        categories: DataCategory::ALL
            .into_iter()
            .map(|c| CategoryTerm {
                id: id(c),
                label: c.label(),
                policy_text: c.policy_text(),
            })
            .collect(),
        consent_purposes: ConsentPurpose::ALL
            .into_iter()
            .map(|p| PurposeTerm {
                id: id(p),
                label: p.label(),
                channels: p.channels().iter().map(|c| id(*c)).collect(),
                profiles_with_traffic_and_location: p.profiles_with_traffic_and_location(),
                policy_text: p.policy_text(),
            })
            .collect(),
        channels: Channel::ALL
            .into_iter()
            .map(|c| Term {
                id: id(c),
                label: c.label(),
            })
            .collect(),
        legal_bases: LegalBasis::ALL
            .into_iter()
            .map(|b| Term {
                id: id(b),
                label: b.label(),
            })
            .collect(),
        objection_purposes: LegitimateInterestPurpose::ALL
            .into_iter()
            .map(|p| ObjectionTerm {
                id: id(p),
                label: p.label(),
                usually_prevails: p.usually_prevails_over_objection(),
                policy_text: p.policy_text(),
            })
            .collect(),
        rights: RightKind::ALL
            .into_iter()
            .map(|r| RightTerm {
                id: id(r),
                label: r.label(),
                business_only: r.business_only(),
                deadline: match r.deadline() {
                    Deadline::OneMonthAtMostThree => "one_month_at_most_three",
                    Deadline::FifteenDays => "fifteen_days",
                },
            })
            .collect(),
        retention: terms(&RetentionRule::ALL, RetentionRule::label),
        processing_purposes: terms(&ProcessingPurpose::ALL, ProcessingPurpose::label),
        recipients: terms(&Recipient::ALL, Recipient::label),
        sources: terms(&DataSource::ALL, DataSource::label),
        consent_states: terms(&ConsentState::ALL, ConsentState::label),
        request_states: terms(&RequestState::ALL, RequestState::label),
        record_types: keyed(crate::report::labels::RECORD_TYPES),
        record_fields: keyed(crate::report::labels::RECORD_FIELDS),
        correctable_fields: terms(&CorrectableField::ALL, CorrectableField::label),
        access_items: terms(&AccessItem::ALL, AccessItem::label),
        portable_formats: terms(&PortableFormat::ALL, PortableFormat::label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_an_id_and_three_labels() {
        let v = vocabulary();
        let labels = v
            .categories
            .iter()
            .map(|t| (&t.id, t.label))
            .chain(v.consent_purposes.iter().map(|t| (&t.id, t.label)))
            .chain(v.channels.iter().map(|t| (&t.id, t.label)))
            .chain(v.legal_bases.iter().map(|t| (&t.id, t.label)))
            .chain(v.objection_purposes.iter().map(|t| (&t.id, t.label)))
            .chain(v.rights.iter().map(|t| (&t.id, t.label)))
            .chain(v.retention.iter().map(|t| (&t.id, t.label)))
            .chain(
                [
                    &v.processing_purposes,
                    &v.recipients,
                    &v.sources,
                    &v.consent_states,
                    &v.request_states,
                    &v.record_types,
                    &v.record_fields,
                    &v.correctable_fields,
                    &v.access_items,
                    &v.portable_formats,
                ]
                .into_iter()
                .flatten()
                .map(|t| (&t.id, t.label)),
            );
        let mut count = 0;
        for (id, label) in labels {
            count += 1;
            assert!(!id.is_empty());
            for text in [label.sq, label.en, label.sr] {
                assert!(!text.trim().is_empty(), "{id}");
            }
        }
        let keyed = v.record_types.len() + v.record_fields.len();
        assert_eq!(
            count,
            9 + 4 + 10 + 6 + 7 + 8 + 6 + 13 + 4 + 4 + 3 + 4 + 5 + 2 + 2 + keyed
        );
    }

    #[test]
    fn ids_are_the_wire_ids_and_channels_exist() {
        let v = vocabulary();
        let json = serde_json::to_value(&v).unwrap_or_default();
        assert_eq!(json["consent_purposes"][1]["id"], "offers_just_for_me");
        assert_eq!(
            json["consent_purposes"][1]["profiles_with_traffic_and_location"],
            true
        );
        assert_eq!(
            json["channels"][0]["label"]["sr"],
            Channel::SmsMms.label().sr
        );
        let channel_ids: Vec<&String> = v.channels.iter().map(|c| &c.id).collect();
        for p in &v.consent_purposes {
            assert!(
                p.channels.iter().all(|c| channel_ids.contains(&c)),
                "{}",
                p.id
            );
        }
        assert!(v
            .objection_purposes
            .iter()
            .any(|p| p.id == "fraud_prevention" && p.usually_prevails));
        assert!(v
            .rights
            .iter()
            .any(|r| r.business_only && r.deadline == "fifteen_days"));
    }
}
