//! The vocabulary of IPKO's privacy policy (`shared/policy/`), defined once and used by the kiosk's
//! screens, its printouts and the central API alike. Doc comments quote the policy; where the two
//! versions differ the current one stands, and the older one supplies the lists only it has (the data
//! categories, the consent choices and their channels).

mod categories;
mod consent;
pub mod controller;
mod purposes;
pub mod quotes;
mod retention;
mod rights;

pub use categories::{CategoryProcessing, DataCategory};
pub use consent::{Channel, ConsentPurpose, ConsentState};
pub use purposes::{
    DataSource, LegalBasis, LegitimateInterestPurpose, ProcessingPurpose, Recipient,
};
pub use retention::RetentionRule;
pub use rights::{Deadline, DueDates, RequestState, RightKind};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_category_has_a_basis_for_each_of_its_purposes() {
        for category in DataCategory::ALL {
            let p = category.processing();
            assert!(
                !p.purposes.is_empty() && !p.retention.is_empty(),
                "{category:?}"
            );
            for purpose in p.purposes {
                assert!(
                    p.legal_bases.contains(&purpose.legal_basis()),
                    "{category:?}: {purpose:?} needs {:?}",
                    purpose.legal_basis()
                );
            }
        }
    }

    #[test]
    fn traffic_categories_keep_traffic_at_most_twelve_months() {
        for category in DataCategory::ALL {
            let p = category.processing();
            if category == DataCategory::MobileServices || category == DataCategory::Internet {
                assert!(p.traffic_and_location);
                assert!(p.retention.contains(&RetentionRule::TrafficAndLocation));
            }
        }
        assert_eq!(RetentionRule::TrafficAndLocation.max_months(), Some(12));
        assert_eq!(
            RetentionRule::BillingAndUserDocuments.max_months(),
            Some(72)
        );
    }

    #[test]
    fn every_label_is_translated() {
        let mut labels = Vec::new();
        labels.extend(DataCategory::ALL.map(|c| c.label()));
        labels.extend(ConsentPurpose::ALL.map(|c| c.label()));
        labels.extend(Channel::ALL.map(|c| c.label()));
        labels.extend(LegalBasis::ALL.map(|c| c.label()));
        labels.extend(LegitimateInterestPurpose::ALL.map(|c| c.label()));
        labels.extend(RightKind::ALL.map(|c| c.label()));
        labels.extend(RetentionRule::ALL.map(|c| c.label()));
        for label in labels {
            for lang in Lang::ALL {
                assert!(!label.get(lang).trim().is_empty(), "{label:?} lacks {lang}");
            }
            // Serbian is written in Cyrillic, so a Serbian label that is pure ASCII was not translated
            // (abbreviations such as SMS/MMS and brand names excepted).
            if label.sr != label.en && label.sr.chars().any(|c| c.is_alphabetic()) {
                let is_brand = label
                    .en
                    .chars()
                    .all(|c| !c.is_lowercase() || !c.is_alphabetic());
                assert!(
                    is_brand
                        || label
                            .sr
                            .chars()
                            .any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                    "{label:?}"
                );
            }
        }
    }

    #[test]
    fn only_fraud_prevention_usually_prevails_over_an_objection() {
        let prevailing: Vec<_> = LegitimateInterestPurpose::ALL
            .into_iter()
            .filter(|p| p.usually_prevails_over_objection())
            .collect();
        assert_eq!(prevailing, vec![LegitimateInterestPurpose::FraudPrevention]);
    }
}
