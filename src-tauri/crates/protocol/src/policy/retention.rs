//! How long IPKO keeps personal data, in the policy's words.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::lang::Label;

/// A retention rule of the current policy ("Retention period", "Electronic communications", and the
/// consent section).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RetentionRule {
    /// "IPKO shall store and process personal data during the term of contractual relationships, until
    /// the resolution of fulfilment of contractual obligations, settlement or until the statute of
    /// limitations of all claims, or for the time, for which the user submitted their consent".
    ContractTerm,
    /// "IPKO shall keep invoices and related billing information, as well as information and documents
    /// about users, for a maximum period of six years from the end of the year, to which the relevant
    /// invoice refers to, and/or from the termination of the contractual relationship; or for the
    /// period, stipulated by the rules on the retention of documents (whichever is longer)."
    BillingAndUserDocuments,
    /// "in case of submission of traffic and location data the data are stored for a maximum period of
    /// 12 months."
    TrafficAndLocation,
    /// "In case a client grants their consent for the processing of data for a specific purpose, and
    /// has not withdrawn such consent, IPKO may … process personal data for such purpose for another
    /// two years after termination of the contractual relationship".
    ConsentAfterTermination,
    /// "Except in cases, when data is processed on the basis of individuals’ consent, within 24 months
    /// after the termination and expiration of all contractual relationships and/or after the payment
    /// of all outstanding debt … IPKO shall restrict the processing of data … to the aims, stipulated
    /// by regulations and to potential enforcement, facilitation or defense of legal claims."
    RestrictAfterTermination,
    /// "Contact information of potential business partners shall be kept until revocation or for the
    /// term of contact campaign’s implementation, if the data is acquired from publicly accessible
    /// sources."
    BusinessProspects,
}

impl RetentionRule {
    pub const ALL: [RetentionRule; 6] = [
        RetentionRule::ContractTerm,
        RetentionRule::BillingAndUserDocuments,
        RetentionRule::TrafficAndLocation,
        RetentionRule::ConsentAfterTermination,
        RetentionRule::RestrictAfterTermination,
        RetentionRule::BusinessProspects,
    ];

    /// The longest period the rule names, in months, where it names one.
    pub fn max_months(self) -> Option<u32> {
        match self {
            RetentionRule::BillingAndUserDocuments => Some(6 * 12),
            RetentionRule::TrafficAndLocation => Some(12),
            RetentionRule::ConsentAfterTermination | RetentionRule::RestrictAfterTermination => {
                Some(24)
            }
            RetentionRule::ContractTerm | RetentionRule::BusinessProspects => None,
        }
    }

    /// The policy's words for the rule (see the variants' documentation).
    pub fn policy_text(self) -> &'static str {
        match self {
            RetentionRule::ContractTerm => "IPKO shall store and process personal data during the term of contractual relationships, until the resolution of fulfilment of contractual obligations, settlement or until the statute of limitations of all claims, or for the time, for which the user submitted their consent (applicable in case that the retention period is longer than the above-mentioned periods).",
            RetentionRule::BillingAndUserDocuments => "IPKO shall keep invoices and related billing information, as well as information and documents about users, for a maximum period of six years from the end of the year, to which the relevant invoice refers to, and/or from the termination of the contractual relationship; or for the period, stipulated by the rules on the retention of documents (whichever is longer).",
            RetentionRule::TrafficAndLocation => "Pursuant to the Law on Electronic Communications … in case of submission of traffic and location data the data are stored for a maximum period of 12 months.",
            RetentionRule::ConsentAfterTermination => "In case a client grants their consent for the processing of data for a specific purpose, and has not withdrawn such consent, IPKO may – within the scope compliant with regulations – process personal data for such purpose for another two years after termination of the contractual relationship, for which the consent has been given.",
            RetentionRule::RestrictAfterTermination => "Except in cases, when data is processed on the basis of individuals’ consent, within 24 months after the termination and expiration of all contractual relationships and/or after the payment of all outstanding debt of subscribers/users of electronic communication services, IPKO shall restrict the processing of data about subscribers/users of electronic communication services to the aims, stipulated by regulations and to potential enforcement, facilitation or defense of legal claims.",
            RetentionRule::BusinessProspects => "Contact information of potential business partners shall be kept until revocation or for the term of contact campaign’s implementation, if the data is acquired from publicly accessible sources.",
        }
    }

    pub fn label(self) -> Label {
        match self {
            RetentionRule::ContractTerm => Label::new(
                "Gjatë kontratës dhe deri në parashkrimin e pretendimeve",
                "For the term of the contract and until claims are time-barred",
                "Током уговора и до застарелости потраживања",
            ),
            RetentionRule::BillingAndUserDocuments => Label::new(
                "Faturat dhe dokumentet: deri në 6 vjet pas fundit të vitit ose të kontratës",
                "Invoices and documents: up to 6 years after the end of the year or of the contract",
                "Рачуни и документи: до 6 година по истеку године или уговора",
            ),
            RetentionRule::TrafficAndLocation => Label::new(
                "Të dhënat e trafikut dhe vendndodhjes: deri në 12 muaj",
                "Traffic and location data: up to 12 months",
                "Подаци о саобраћају и локацији: до 12 месеци",
            ),
            RetentionRule::ConsentAfterTermination => Label::new(
                "Me pëlqim: edhe 2 vjet pas përfundimit të kontratës",
                "With consent: another 2 years after the contract ends",
                "Уз сагласност: још 2 године по престанку уговора",
            ),
            RetentionRule::RestrictAfterTermination => Label::new(
                "Përpunim i kufizuar brenda 24 muajve pas përfundimit të kontratave",
                "Processing restricted within 24 months after all contracts end",
                "Ограничена обрада у року од 24 месеца по престанку уговора",
            ),
            RetentionRule::BusinessProspects => Label::new(
                "Kontaktet e bizneseve: deri në revokim ose fund të fushatës",
                "Business contacts: until revoked or the campaign ends",
                "Пословни контакти: до опозива или краја кампање",
            ),
        }
    }
}
